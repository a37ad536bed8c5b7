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

/// Width of a character of the matrix's 8-point text, in twips (generous, so that the
/// longest word of a column fits on one line); bold header text is wider.
const MATRIX_CHAR_WIDTH: u32 = 75;
/// Width of a character of the matrix's bold header text, in twips.
const MATRIX_HEAD_CHAR_WIDTH: u32 = 90;
/// The matrix cells' left and right margins, each (as the source: 1 mm).
const MATRIX_CELL_MARGIN: u32 = 57;
/// Both cell margins and a little slack, in twips.
const CELL_MARGINS: u32 = 2 * MATRIX_CELL_MARGIN + 20;

/// Column widths of the summary matrix.
pub(super) struct MatrixLayout {
    /// How many columns after the label column.
    pub(super) columns: usize,
    /// Width of the label column (7/30 of the text width, less when the other columns
    /// need it).
    pub(super) label_width: u32,
    /// Width of each other column: its longest word fits on a line, the rest of the
    /// width shared by how much text each holds.
    pub(super) widths: Vec<u32>,
    /// The table grid: the label column, then the others.
    pub(super) grid: Vec<u32>,
}

impl MatrixLayout {
    /// The layout of `summary` in a text area `width` wide: as many columns as the
    /// header or the longest row has, each wide enough for its longest word when the
    /// width allows.
    pub(super) fn of(summary: &Summary, width: u32) -> MatrixLayout {
        let columns = summary.columns.len().max(
            summary
                .rows
                .iter()
                .map(|r| r.cells.len())
                .max()
                .unwrap_or(0),
        );
        let texts = |index: usize| {
            let name = summary.columns.get(index).map(|c| c.name.as_str());
            name.into_iter().chain(
                summary
                    .rows
                    .iter()
                    .filter_map(move |r| r.cells.get(index).map(String::as_str)),
            )
        };
        let minimum: Vec<u32> = (0..columns)
            .map(|i| {
                let head = summary
                    .columns
                    .get(i)
                    .map_or(0, |c| longest_word(&c.name, true));
                let cells = texts(i).skip(usize::from(i < summary.columns.len()));
                let body = cells.map(|t| longest_word(t, false)).max().unwrap_or(0);
                head.max(body).max(MATRIX_CHAR_WIDTH) + CELL_MARGINS
            })
            .collect();
        let needed: u32 = minimum.iter().sum();
        let label_width = (width * 7 / 30)
            .min(width.saturating_sub(needed))
            .max(width / 5)
            .max(1);
        let available = width.saturating_sub(label_width);
        let weights: Vec<u32> = (0..columns)
            .map(|i| texts(i).map(|t| t.chars().count() as u32).sum::<u32>() + 1)
            .collect();
        let widths = share(&minimum, &weights, available);
        let mut grid = vec![label_width];
        grid.extend(&widths);
        MatrixLayout {
            columns,
            label_width,
            widths,
            grid,
        }
    }

    /// The width of column `index` (after the label column).
    pub(super) fn width(&self, index: usize) -> u32 {
        self.widths.get(index).copied().unwrap_or(1)
    }
}

/// The estimated width of the widest word of `text` in the matrix (bold header text when
/// `head`), in twips: capitals and digits are wider than small letters.
fn longest_word(text: &str, head: bool) -> u32 {
    let width = |c: char| {
        let wide = c.is_uppercase() || c.is_ascii_digit();
        match (wide, head) {
            (true, true) => MATRIX_HEAD_CHAR_WIDTH + 30,
            (true, false) => MATRIX_CHAR_WIDTH + 30,
            (false, true) => MATRIX_HEAD_CHAR_WIDTH,
            (false, false) => MATRIX_CHAR_WIDTH,
        }
    };
    text.split_whitespace()
        .map(|w| w.chars().map(width).sum::<u32>())
        .max()
        .unwrap_or(0)
}

/// Share `total` between columns: each its `minimum` and the rest by `weights`; when the
/// minimums do not fit, each in proportion to its minimum. Never a zero width.
pub(super) fn share(minimum: &[u32], weights: &[u32], total: u32) -> Vec<u32> {
    let needed: u64 = minimum.iter().map(|m| u64::from(*m)).sum();
    let weight: u64 = weights.iter().map(|w| u64::from(*w)).sum::<u64>().max(1);
    let total64 = u64::from(total);
    let widths: Vec<u64> = if needed >= total64 {
        minimum
            .iter()
            .map(|m| u64::from(*m) * total64 / needed.max(1))
            .collect()
    } else {
        let extra = total64 - needed;
        minimum
            .iter()
            .zip(weights)
            .map(|(m, w)| u64::from(*m) + extra * u64::from(*w) / weight)
            .collect()
    };
    widths
        .into_iter()
        .map(|w| u32::try_from(w).unwrap_or(u32::MAX).max(1))
        .collect()
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
        self.table_start_margins(
            &layout.grid,
            Borders::GridWithHeader,
            Some(MATRIX_CELL_MARGIN),
        );
        self.matrix_group_row(summary, layout, &head);
        self.matrix_column_row(summary, layout, &head);
    }

    /// Header row 1: the label column's title, then one cell per run of columns of the
    /// same group ("Action by", "Collaboration with", "Report to").
    fn matrix_group_row(&mut self, summary: &Summary, layout: &MatrixLayout, head: &str) {
        self.row_start(true);
        self.cell_start(layout.label_width, 1, Merge::Restart);
        // "**" when the legend explains it (the lead group), as in the source.
        let mark = if summary.legend.iter().any(|e| e.term == "**") {
            "**"
        } else {
            ""
        };
        self.text_paragraph(
            ParagraphProps::styled(head),
            &format!("Resolution – Title{mark}"),
        );
        self.w.end("w:tc");
        let mut index = 0;
        while index < summary.columns.len() {
            let group = &summary.columns[index].group;
            let span = summary.columns[index..]
                .iter()
                .take_while(|c| &c.group == group)
                .count();
            let spanned = (index..index + span).map(|i| layout.width(i)).sum();
            self.cell_start(spanned, span as u32, Merge::None);
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
        for (index, column) in summary.columns.iter().enumerate() {
            self.cell_start(layout.width(index), 1, Merge::None);
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
            self.cell_start(layout.width(cell), 1, Merge::None);
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
    fn the_layout_gives_the_label_7_30_and_sizes_the_rest_by_content() {
        let layout = MatrixLayout::of(&summary(), WIDTH);
        assert_eq!(layout.columns, 3);
        assert_eq!(layout.label_width, WIDTH * 7 / 30);
        assert_eq!(layout.grid.len(), 4);
        // Each column fits its longest word ("Council": 7 characters) and the rest is
        // shared by how much text each holds.
        assert!(layout
            .widths
            .iter()
            .all(|w| *w >= 7 * MATRIX_HEAD_CHAR_WIDTH + CELL_MARGINS));
        assert!(layout.widths.iter().sum::<u32>() <= WIDTH - layout.label_width);
        assert!(
            layout.width(0) > layout.width(1),
            "SGs holds more text than TSAG"
        );
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
                ("Resolution – Title**".to_string(), 1),
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
