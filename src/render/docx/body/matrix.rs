//! Section I: its heading and caption, the summary matrix (who acts on, collaborates on
//! and reports on each resolution) in a dense 8-point table with two header rows, the
//! legend and the notes.

use super::paragraphs::ParagraphProps;
use super::tables::{Borders, Merge};
use super::Writer;
use crate::model::{Block, Summary, SummaryRow};
use crate::render::docx::styles::names;

/// Run font size in the matrix, in half-points (8 pt).
const MATRIX_RUN_SIZE: u32 = 16;

/// Column widths of the summary matrix.
pub(super) struct MatrixLayout {
    /// How many columns after the label column.
    pub(super) columns: usize,
    /// Width of the label column (7/30 of the text width).
    pub(super) label_width: u32,
    /// Width of every other column (the rest shared equally).
    pub(super) column_width: u32,
    /// The table grid: the label column, then the others.
    pub(super) grid: Vec<u32>,
}

impl MatrixLayout {
    /// The layout of `summary` in a text area `width` wide: as many columns as the
    /// header or the longest row has.
    pub(super) fn of(summary: &Summary, width: u32) -> MatrixLayout {
        let columns = summary.columns.len().max(
            summary
                .rows
                .iter()
                .map(|r| r.cells.len())
                .max()
                .unwrap_or(0),
        );
        let label_width = (width * 7 / 30).max(1);
        let column_width = (width - label_width) / (columns.max(1) as u32);
        let mut grid = vec![label_width];
        grid.extend(std::iter::repeat_n(column_width, columns));
        MatrixLayout {
            columns,
            label_width,
            column_width,
            grid,
        }
    }
}

/// The legend as the paragraphs the report shows ("Legend:", then "GCA\t: Global …").
pub(super) fn legend_lines(summary: &Summary) -> Vec<Block> {
    if summary.legend.is_empty() {
        return Vec::new();
    }
    let line = |text: String| Block {
        text,
        style: Some(names::NOTE.to_string()),
        ..Block::default()
    };
    let mut lines = vec![line("Legend:".into())];
    for entry in &summary.legend {
        let separator = if entry.term.chars().all(|c| c == '*') {
            "\t"
        } else {
            "\t: "
        };
        lines.push(line(format!(
            "{}{separator}{}",
            entry.term, entry.definition
        )));
    }
    lines
}

impl Writer<'_> {
    /// Section I in a text area `width` wide, its heading bookmarked `anchor`.
    pub(super) fn summary(&mut self, summary: &Summary, width: u32, anchor: Option<&str>) {
        if let Some(heading) = &summary.heading {
            self.heading(names::HEADING_1, heading, &[], anchor);
        }
        self.blocks(&summary.caption, None, width);
        if !summary.columns.is_empty() || !summary.rows.is_empty() {
            self.matrix(summary, width);
        }
        self.blocks(&legend_lines(summary), None, width);
        self.blocks(&summary.notes, None, width);
    }

    /// The matrix table, one row per resolution.
    pub(super) fn matrix(&mut self, summary: &Summary, width: u32) {
        let layout = MatrixLayout::of(summary, width);
        self.matrix_start(summary, &layout);
        for row in &summary.rows {
            self.matrix_row(row, &layout);
        }
        self.w.end("w:tbl");
        self.run_size = None;
    }

    /// The matrix table's start and its two header rows; runs are 8 pt from here until
    /// the caller ends the table.
    pub(super) fn matrix_start(&mut self, summary: &Summary, layout: &MatrixLayout) {
        let head = self.style(names::TABLE_HEAD);
        self.run_size = Some(MATRIX_RUN_SIZE);
        self.table_start(&layout.grid, Borders::Grid);
        self.matrix_group_row(summary, layout, &head);
        self.matrix_column_row(summary, layout, &head);
    }

    /// Header row 1: the label column's title, then one cell per run of columns of the
    /// same group ("Action by", "Collaboration with", "Report to").
    fn matrix_group_row(&mut self, summary: &Summary, layout: &MatrixLayout, head: &str) {
        self.row_start(true);
        self.cell_start(layout.label_width, 1, Merge::Restart);
        self.text_paragraph(ParagraphProps::styled(head), "Resolution – Title");
        self.w.end("w:tc");
        let mut index = 0;
        while index < summary.columns.len() {
            let group = &summary.columns[index].group;
            let span = summary.columns[index..]
                .iter()
                .take_while(|c| &c.group == group)
                .count();
            self.cell_start(layout.column_width * span as u32, span as u32, Merge::None);
            self.lines_cell_paragraphs(group, head);
            self.w.end("w:tc");
            index += span;
        }
        self.w.end("w:tr");
    }

    /// Header row 2: the label column continued, then the column names.
    fn matrix_column_row(&mut self, summary: &Summary, layout: &MatrixLayout, head: &str) {
        self.row_start(true);
        self.cell_start(layout.label_width, 1, Merge::Continue);
        self.empty_paragraph_styled(head);
        self.w.end("w:tc");
        for column in &summary.columns {
            self.cell_start(layout.column_width, 1, Merge::None);
            self.lines_cell_paragraphs(&column.name, head);
            self.w.end("w:tc");
        }
        self.w.end("w:tr");
    }

    /// A resolution's row: its label, then its cells centred (empty ones for missing
    /// cells).
    pub(super) fn matrix_row(&mut self, row: &SummaryRow, layout: &MatrixLayout) {
        let text = self.style(names::TABLE_TEXT);
        self.row_start(false);
        self.cell_start(layout.label_width, 1, Merge::None);
        self.w.start("w:p", &[]);
        self.paragraph_properties(ParagraphProps::styled(&text));
        self.matrix_label(row);
        self.w.end("w:p");
        self.w.end("w:tc");
        for cell in 0..layout.columns {
            self.cell_start(layout.column_width, 1, Merge::None);
            let value = row.cells.get(cell).map(String::as_str).unwrap_or("");
            self.lines_cell_paragraphs_centered(value, &text);
            self.w.end("w:tc");
        }
        self.w.end("w:tr");
    }

    /// "Resolution 1" (linked to the published text) – title (linked to Section II).
    pub(super) fn matrix_label(&mut self, row: &SummaryRow) {
        self.linked_run(&row.label, row.url.as_deref());
        self.run(" – ", false, false, None);
        self.linked_run(
            &row.title,
            row.anchor.as_ref().map(|a| format!("#{a}")).as_deref(),
        );
    }
}
