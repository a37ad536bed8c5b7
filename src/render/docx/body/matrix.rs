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

#[cfg(test)]
mod tests {
    use super::super::test_support::{empty_plan, with_writer, written, xml_of};
    use super::*;
    use crate::model::{LegendEntry, SummaryColumn};

    const WIDTH: u32 = 14002;

    fn column(group: &str, name: &str) -> SummaryColumn {
        SummaryColumn {
            group: group.into(),
            name: name.into(),
        }
    }

    fn row(number: &str, cells: &[&str]) -> SummaryRow {
        SummaryRow {
            label: format!("Resolution {number}"),
            kind: "Resolution".into(),
            number: number.into(),
            title: format!("Title {number}"),
            url: Some(format!("https://www.itu.int/res{number}")),
            anchor: Some(format!("Resolution_{number}")),
            cells: cells.iter().map(|c| c.to_string()).collect(),
        }
    }

    fn summary() -> Summary {
        Summary {
            heading: Some("Section I".into()),
            columns: vec![
                column("Action by", "SGs"),
                column("Action by", "TSAG"),
                column("Report to", "Council"),
            ],
            rows: vec![row("1", &["X", "", "X"]), row("2", &["X"])],
            legend: vec![
                LegendEntry {
                    term: "GCA".into(),
                    definition: "Global Cybersecurity Agenda".into(),
                },
                LegendEntry {
                    term: "**".into(),
                    definition: "Lead group".into(),
                },
            ],
            ..Summary::default()
        }
    }

    #[test]
    fn the_layout_gives_the_label_7_30_and_shares_the_rest() {
        let layout = MatrixLayout::of(&summary(), WIDTH);
        assert_eq!(layout.columns, 3);
        assert_eq!(layout.label_width, WIDTH * 7 / 30);
        assert_eq!(layout.column_width, (WIDTH - WIDTH * 7 / 30) / 3);
        assert_eq!(layout.grid.len(), 4);
        let wider = Summary {
            rows: vec![row("3", &["a", "b", "c", "d", "e"])],
            ..summary()
        };
        assert_eq!(
            MatrixLayout::of(&wider, WIDTH).columns,
            5,
            "the longest row counts"
        );
    }

    #[test]
    fn two_header_rows_group_the_columns_and_repeat_on_every_page() {
        let xml = written(&empty_plan(), |w| w.matrix(&summary(), WIDTH));
        let table = xml.child("w:tbl");
        let rows = table.rows();
        let groups: Vec<_> = rows[0].iter().map(|c| (c.text(), c.grid_span())).collect();
        assert_eq!(
            groups,
            [
                ("Resolution – Title".to_string(), 1),
                ("Action by".to_string(), 2),
                ("Report to".to_string(), 1)
            ]
        );
        let names: Vec<_> = rows[1].iter().map(|c| c.text()).collect();
        assert_eq!(names, ["", "SGs", "TSAG", "Council"]);
        assert_eq!(rows[0][0].vertical_merge(), Some("restart"));
        assert_eq!(rows[1][0].vertical_merge(), Some(""));
        for header in &table.children("w:tr")[..2] {
            assert!(header.path(&["w:trPr", "w:tblHeader"]).is_some());
        }
        assert!(table.children("w:tr")[2]
            .path(&["w:trPr", "w:tblHeader"])
            .is_none());
        assert_eq!(rows[0][1].child("w:p").paragraph_style(), Some("Tablehead"));
    }

    #[test]
    fn a_row_has_its_linked_label_and_centred_cells_filled_to_every_column() {
        with_writer(&empty_plan(), |w| {
            w.matrix(&summary(), WIDTH);
            assert_eq!(w.links[0].target, "https://www.itu.int/res1");
            let xml = xml_of(w);
            let rows = xml.child("w:tbl").rows();
            let first = &rows[2];
            let links = first[0].find_all("w:hyperlink");
            assert_eq!(links[0].attr("r:id"), Some(w.links[0].id.as_str()));
            assert_eq!(links[0].text(), "Resolution 1");
            assert_eq!(links[1].attr("w:anchor"), Some("Resolution_1"));
            assert_eq!(first[0].text(), "Resolution 1 – Title 1");
            let cells: Vec<_> = first[1..].iter().map(|c| c.text()).collect();
            assert_eq!(cells, ["X", "", "X"]);
            assert!(first[1].child("w:p").is_centred());
            assert_eq!(rows[3].len(), 4, "a short row is filled with empty cells");
        });
    }

    #[test]
    fn matrix_runs_are_8_point_and_later_runs_are_not() {
        let xml = written(&empty_plan(), |w| {
            w.matrix(&summary(), WIDTH);
            w.run("after", false, false, None);
        });
        let sizes: Vec<_> = xml
            .child("w:tbl")
            .find_all("w:r")
            .iter()
            .map(|r| r.path(&["w:rPr", "w:sz"]).and_then(|s| s.attr("w:val")))
            .collect();
        assert!(sizes.len() > 10, "every header and cell run: {sizes:?}");
        assert!(sizes.iter().all(|s| *s == Some("16")), "{sizes:?}");
        assert!(!xml.child("w:r").has("w:sz"));
    }

    #[test]
    fn the_legend_reads_term_tab_colon_definition_in_the_note_style() {
        let lines = legend_lines(&summary());
        let texts: Vec<_> = lines.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Legend:",
                "GCA\t: Global Cybersecurity Agenda",
                "**\tLead group"
            ]
        );
        assert!(lines
            .iter()
            .all(|b| b.style.as_deref() == Some(names::NOTE)));
        let without = Summary {
            legend: Vec::new(),
            ..summary()
        };
        assert!(legend_lines(&without).is_empty());
    }

    #[test]
    fn section_i_is_heading_matrix_legend_and_without_columns_or_rows_no_table() {
        let xml = written(&empty_plan(), |w| {
            w.summary(&summary(), WIDTH, Some("_ActplanSection1"))
        });
        assert_eq!(xml.element_names(), ["w:p", "w:tbl", "w:p", "w:p", "w:p"]);
        let heading = xml.child("w:p");
        assert_eq!(heading.paragraph_style(), Some("Heading1"));
        assert_eq!(
            heading.child("w:bookmarkStart").attr("w:name"),
            Some("_ActplanSection1")
        );
        let empty = Summary {
            columns: Vec::new(),
            rows: Vec::new(),
            ..summary()
        };
        let xml = written(&empty_plan(), |w| w.summary(&empty, WIDTH, None));
        assert!(!xml.has("w:tbl"));
    }
}
