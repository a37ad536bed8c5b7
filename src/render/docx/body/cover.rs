//! The TD cover table: the masthead (organisation, study period, group and TD number),
//! the original language, questions and meeting, the document type, then one row per
//! labelled field ("Source:", "Title:", …, then the cover's other labelled texts).

use super::paragraphs::ParagraphProps;
use super::tables::{Borders, Merge};
use super::Writer;
use crate::model::{ActionPlan, Cover};
use crate::render::docx::styles::names;

/// Widths of the cover table columns.
const COVER_GRID: [u32; 4] = [1588, 4648, 1474, 1928];
/// Width of the cover's right-hand cell, which spans the last two columns.
const RIGHT_CELL: u32 = COVER_GRID[2] + COVER_GRID[3];

impl Writer<'_> {
    /// The cover table; nothing when the plan has no cover.
    pub(super) fn cover(&mut self, plan: &ActionPlan) {
        if let Some(cover) = &plan.cover {
            self.cover_table(cover);
        }
    }

    /// The cover table of `cover`.
    pub(super) fn cover_table(&mut self, cover: &Cover) {
        let text = self.style(names::NORMAL);
        let number = self.style(names::DOCNUMBER);
        self.table_start(&COVER_GRID, Borders::Cover);
        self.cover_masthead_row(cover, &text, &number);
        self.cover_language_row(cover, &text);
        if cover.questions.is_some() || cover.meeting.is_some() {
            self.cover_questions_row(cover, &text);
        }
        if let Some(kind) = &cover.document_type {
            self.cover_document_type_row(kind, &text);
        }
        self.cover_labelled_rows(cover, &text);
        self.w.end("w:tbl");
    }

    /// Row 1: the first unlabelled text (logo and organisation) | the other unlabelled
    /// texts and the study period | group and TD number (in the `number` style). The first
    /// two cells merge with row 2's.
    fn cover_masthead_row(&mut self, cover: &Cover, text: &str, number: &str) {
        let unlabelled: Vec<&str> = cover
            .other
            .iter()
            .filter(|f| f.label.is_empty())
            .map(|f| f.value.as_str())
            .collect();
        self.row_start(false);
        self.cell_start(COVER_GRID[0], 1, Merge::Restart);
        self.lines_cell_paragraphs(unlabelled.first().copied().unwrap_or(""), text);
        self.w.end("w:tc");
        self.cell_start(COVER_GRID[1], 1, Merge::Restart);
        for value in unlabelled.iter().skip(1) {
            self.lines_paragraph(text, value);
        }
        if let Some(period) = &cover.study_period {
            self.text_paragraph(
                ParagraphProps::styled(text),
                &format!("STUDY PERIOD {period}"),
            );
        }
        self.ensure_paragraph_in_cell(unlabelled.len() > 1 || cover.study_period.is_some());
        self.w.end("w:tc");
        self.cell_start(RIGHT_CELL, 2, Merge::None);
        let mut any = false;
        for value in [&cover.group, &cover.td_number].into_iter().flatten() {
            self.text_paragraph(ParagraphProps::styled(number), value);
            any = true;
        }
        self.ensure_paragraph_in_cell(any);
        self.w.end("w:tc");
        self.w.end("w:tr");
    }

    /// Row 2: the masthead's merged cells continued | "Original: " and the language.
    fn cover_language_row(&mut self, cover: &Cover, text: &str) {
        self.row_start(false);
        self.cell_start(COVER_GRID[0], 1, Merge::Continue);
        self.empty_paragraph();
        self.w.end("w:tc");
        self.cell_start(COVER_GRID[1], 1, Merge::Continue);
        self.empty_paragraph();
        self.w.end("w:tc");
        self.cell_start(RIGHT_CELL, 2, Merge::None);
        match &cover.original_language {
            Some(language) => self.text_paragraph(
                ParagraphProps::styled(text),
                &format!("Original: {language}"),
            ),
            None => self.empty_paragraph(),
        }
        self.w.end("w:tc");
        self.w.end("w:tr");
    }

    /// Row 3: "Question(s):" | the questions | the meeting.
    fn cover_questions_row(&mut self, cover: &Cover, text: &str) {
        self.row_start(false);
        self.cell_start(COVER_GRID[0], 1, Merge::None);
        let label = if cover.questions.is_some() {
            "Question(s):"
        } else {
            ""
        };
        self.label_paragraph(label, text);
        self.w.end("w:tc");
        self.cell_start(COVER_GRID[1], 1, Merge::None);
        self.lines_cell_paragraphs(cover.questions.as_deref().unwrap_or(""), text);
        self.w.end("w:tc");
        self.cell_start(RIGHT_CELL, 2, Merge::None);
        self.lines_cell_paragraphs(cover.meeting.as_deref().unwrap_or(""), text);
        self.w.end("w:tc");
        self.w.end("w:tr");
    }

    /// The document type ("TD") centred across the whole table.
    fn cover_document_type_row(&mut self, kind: &str, text: &str) {
        self.row_start(false);
        self.cell_start(COVER_GRID.iter().sum(), 4, Merge::None);
        self.text_paragraph(
            ParagraphProps {
                style: Some(text),
                center: true,
                ..Default::default()
            },
            kind,
        );
        self.w.end("w:tc");
        self.w.end("w:tr");
    }

    /// The named labelled fields in their fixed order, then the other labelled texts.
    fn cover_labelled_rows(&mut self, cover: &Cover, text: &str) {
        let labelled = [
            ("Source:", &cover.source),
            ("Title:", &cover.title),
            ("Purpose:", &cover.purpose),
            ("Contact:", &cover.contact),
            ("Keywords:", &cover.keywords),
            ("Abstract:", &cover.r#abstract),
        ];
        for (label, value) in labelled {
            if let Some(value) = value {
                self.labelled_row(label, value, text);
            }
        }
        for field in cover.other.iter().filter(|f| !f.label.is_empty()) {
            self.labelled_row(&format!("{}:", field.label), &field.value, text);
        }
    }

    /// A bold label in the first column | the value, one paragraph per line, across the
    /// other three.
    fn labelled_row(&mut self, label: &str, value: &str, style: &str) {
        self.row_start(false);
        self.cell_start(COVER_GRID[0], 1, Merge::None);
        self.label_paragraph(label, style);
        self.w.end("w:tc");
        self.cell_start(
            COVER_GRID[1] + COVER_GRID[2] + COVER_GRID[3],
            3,
            Merge::None,
        );
        self.lines_cell_paragraphs(value, style);
        self.w.end("w:tc");
        self.w.end("w:tr");
    }

    /// A paragraph holding `label` in bold (an empty paragraph for an empty label).
    fn label_paragraph(&mut self, label: &str, style: &str) {
        self.w.start("w:p", &[]);
        self.paragraph_properties(ParagraphProps::styled(style));
        if !label.is_empty() {
            self.run(label, true, false, None);
        }
        self.w.end("w:p");
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{empty_plan, written, Element};
    use super::COVER_GRID;
    use crate::model::{ActionPlan, Cover, CoverField};

    fn field(label: &str, value: &str) -> CoverField {
        CoverField {
            label: label.into(),
            value: value.into(),
        }
    }

    fn plan_with(cover: Cover) -> ActionPlan {
        ActionPlan {
            cover: Some(cover),
            ..empty_plan()
        }
    }

    fn td_cover() -> Cover {
        Cover {
            group: Some("TSAG".into()),
            td_number: Some("TD 999".into()),
            study_period: Some("2022-2024".into()),
            original_language: Some("English".into()),
            other: vec![
                field("", "ITU logo"),
                field("", "INTERNATIONAL TELECOMMUNICATION UNION"),
                field("Reviewer", "Ann\nBob"),
            ],
            source: Some("Director, TSB".into()),
            keywords: Some("WTSA".into()),
            ..Cover::default()
        }
    }

    fn table_of(cover: Cover) -> Element {
        let plan = plan_with(cover);
        written(&plan, |w| w.cover(&plan))
    }

    fn row_texts(row: &[&Element]) -> Vec<String> {
        row.iter().map(|c| c.text()).collect()
    }

    #[test]
    fn the_td_number_and_group_fill_the_right_hand_cell_of_the_first_row() {
        let xml = table_of(td_cover());
        let table = xml.child("w:tbl");
        assert_eq!(table.grid(), COVER_GRID);
        let first = &table.rows()[0];
        assert_eq!(first.len(), 3);
        let right = first[2];
        assert_eq!(right.grid_span(), 2);
        assert_eq!(right.cell_width(), 1474 + 1928);
        assert_eq!(right.paragraph_texts(), ["TSAG", "TD 999"]);
        assert!(right
            .children("w:p")
            .iter()
            .all(|p| p.paragraph_style() == Some("Docnumber")));
        assert_eq!(first[0].paragraph_texts(), ["ITU logo"]);
        assert_eq!(first[0].vertical_merge(), Some("restart"));
        assert_eq!(
            first[1].paragraph_texts(),
            [
                "INTERNATIONAL TELECOMMUNICATION UNION",
                "STUDY PERIOD 2022-2024"
            ]
        );
    }

    #[test]
    fn the_second_row_continues_the_masthead_and_gives_the_original_language() {
        let xml = table_of(td_cover());
        let second = &xml.child("w:tbl").rows()[1];
        let merges: Vec<_> = second.iter().map(|c| c.vertical_merge()).collect();
        assert_eq!(merges, [Some(""), Some(""), None]);
        assert_eq!(row_texts(second), ["", "", "Original: English"]);
    }

    #[test]
    fn labelled_fields_have_a_bold_label_and_a_value_across_three_columns() {
        let xml = table_of(td_cover());
        let rows = xml.child("w:tbl").rows();
        let labels: Vec<String> = rows[2..].iter().map(|r| r[0].text()).collect();
        assert_eq!(labels, ["Source:", "Keywords:", "Reviewer:"]);
        let reviewer = &rows[4];
        assert!(reviewer[0].find("w:r").path(&["w:rPr", "w:b"]).is_some());
        assert_eq!(reviewer[1].grid_span(), 3);
        assert_eq!(reviewer[1].cell_width(), 4648 + 1474 + 1928);
        assert_eq!(reviewer[1].paragraph_texts(), ["Ann", "Bob"]);
    }

    #[test]
    fn questions_and_meeting_share_a_row_and_the_document_type_spans_the_table() {
        let xml = table_of(Cover {
            meeting: Some("Geneva, 22-26 July 2024".into()),
            document_type: Some("TD".into()),
            ..Cover::default()
        });
        let rows = xml.child("w:tbl").rows();
        assert_eq!(rows.len(), 4);
        assert_eq!(row_texts(&rows[2]), ["", "", "Geneva, 22-26 July 2024"]);
        assert!(
            !rows[2][0].has("w:r"),
            "no Question(s) label without questions"
        );
        let kind = &rows[3];
        assert_eq!(kind.len(), 1);
        assert_eq!(kind[0].grid_span(), 4);
        assert_eq!(kind[0].text(), "TD");
        assert!(kind[0].child("w:p").is_centred());
    }

    #[test]
    fn an_empty_cover_still_ends_every_cell_with_a_paragraph() {
        let xml = table_of(Cover::default());
        let rows = xml.child("w:tbl").rows();
        assert_eq!(rows.len(), 2, "masthead and language rows only");
        for cell in rows.iter().flatten() {
            assert!(!cell.children("w:p").is_empty());
        }
    }

    #[test]
    fn no_cover_no_table() {
        let plan = empty_plan();
        assert!(written(&plan, |w| w.cover(&plan)).elements().is_empty());
    }
}
