//! The appendices of obsolete items: a bookmarked heading, the note, the table of items
//! (id and cross-reference | action | any further cells) and the blocks after it.

use super::paragraphs::ParagraphProps;
use super::tables::{Borders, Merge};
use super::{Writer, PORTRAIT_WIDTH};
use crate::model::{Appendix, AppendixItem};
use crate::render::docx::styles::names;

/// Width of the id column of an appendix table.
const ID_WIDTH: u32 = 1418;

/// The columns of an appendix table after the id: how many, how wide, their text style id.
pub(super) struct AppendixLayout {
    pub(super) columns: usize,
    pub(super) width: u32,
    pub(super) style: String,
}

impl Writer<'_> {
    /// An appendix; `toc_anchor` is its TOC bookmark, written at the heading when the
    /// appendix's own bookmarks do not include it.
    pub(super) fn appendix(&mut self, appendix: &Appendix, toc_anchor: Option<&str>) {
        self.appendix_on_page(appendix, toc_anchor, false);
    }

    /// An appendix as [`Self::appendix`] writes it, its heading starting a new page when
    /// `new_page` (the first appendix does, as in the source).
    pub(super) fn appendix_on_page(
        &mut self,
        appendix: &Appendix,
        toc_anchor: Option<&str>,
        new_page: bool,
    ) {
        let generated = toc_anchor.filter(|a| !appendix.bookmarks.iter().any(|b| b == a));
        self.heading_on_page(
            names::HEADING_1,
            &appendix.title,
            &appendix.bookmarks,
            generated,
            new_page,
        );
        if let Some(note) = &appendix.note {
            for line in note.split('\n') {
                self.text_paragraph(ParagraphProps::default(), line);
            }
        }
        if !appendix.items.is_empty() {
            self.appendix_items(&appendix.items);
        }
        self.blocks(&appendix.blocks, None, PORTRAIT_WIDTH);
    }

    /// The table of obsolete items: id (and cross-reference) | action | further cells,
    /// as many columns as the widest row, sharing the width after the id column.
    pub(super) fn appendix_items(&mut self, items: &[AppendixItem]) {
        let layout = self.appendix_table_start(items);
        for item in items {
            self.appendix_item_row(item, layout.columns, layout.width, &layout.style);
        }
        self.w.end("w:tbl");
    }

    /// Open the table of `items` (as many columns as the widest row); its rows follow.
    pub(super) fn appendix_table_start<'i>(
        &mut self,
        items: impl IntoIterator<Item = &'i AppendixItem>,
    ) -> AppendixLayout {
        let extra = items.into_iter().map(|i| i.extra.len()).max().unwrap_or(0);
        let style = self.style(names::TABLE_TEXT);
        let width = (PORTRAIT_WIDTH - ID_WIDTH) / (1 + extra as u32);
        let mut grid = vec![ID_WIDTH];
        grid.extend(std::iter::repeat_n(width, 1 + extra));
        self.table_start(&grid, Borders::Grid);
        AppendixLayout {
            columns: 1 + extra,
            width,
            style,
        }
    }

    /// One item's row: the id cell, then `columns` cells `width` wide (action, its
    /// further cells, empty ones up to `columns`).
    pub(super) fn appendix_item_row(
        &mut self,
        item: &AppendixItem,
        columns: usize,
        width: u32,
        text: &str,
    ) {
        self.row_start(false);
        self.cell_start(ID_WIDTH, 1, Merge::None);
        self.text_paragraph(ParagraphProps::styled(text), &item.id);
        self.cross_reference_lines(item.cross_reference.as_deref(), text);
        self.w.end("w:tc");
        self.cell_start(width, 1, Merge::None);
        self.inline_cell_paragraphs(&item.action_spans(), text);
        self.w.end("w:tc");
        let mut written = 1;
        for value in item.extra.iter().map(String::as_str) {
            self.cell_start(width, 1, Merge::None);
            self.lines_cell_paragraphs(value, text);
            self.w.end("w:tc");
            written += 1;
        }
        for _ in written..columns {
            self.cell_start(width, 1, Merge::None);
            self.empty_paragraph_styled(text);
            self.w.end("w:tc");
        }
        self.w.end("w:tr");
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{empty_plan, written};
    use super::*;
    use crate::model::Block;

    fn obsolete(id: &str, cross_reference: Option<&str>, extra: &[&str]) -> AppendixItem {
        AppendixItem {
            id: id.into(),
            cross_reference: cross_reference.map(str::to_string),
            action: format!("Action of {id}"),
            extra: extra.iter().map(|e| e.to_string()).collect(),
            ..AppendixItem::default()
        }
    }

    fn appendix() -> Appendix {
        Appendix {
            title: "Appendix I – Obsolete action items".into(),
            bookmarks: vec!["Appendix_I".into()],
            note: Some("Kept for reference.\nSee Section II.".into()),
            items: vec![
                obsolete("16-01", Some("(44-25)"), &[]),
                obsolete("16-02", None, &["Done", "2019"]),
            ],
            blocks: vec![Block::plain("Ids: 16-01, 16-02")],
        }
    }

    #[test]
    fn an_appendix_item_keeps_its_id_and_cross_reference() {
        let xml = written(&empty_plan(), |w| w.appendix_items(&appendix().items));
        let table = xml.child("w:tbl");
        let rest = (PORTRAIT_WIDTH - ID_WIDTH) / 3;
        assert_eq!(table.grid(), [ID_WIDTH, rest, rest, rest]);
        let rows = table.rows();
        assert_eq!(rows[0][0].paragraph_texts(), ["16-01", "(44-25)"]);
        assert_eq!(rows[0][0].cell_width(), ID_WIDTH);
        let first: Vec<_> = rows[0][1..].iter().map(|c| c.text()).collect();
        assert_eq!(
            first,
            ["Action of 16-01", "", ""],
            "filled up to the widest row"
        );
        let second: Vec<_> = rows[1].iter().map(|c| c.text()).collect();
        assert_eq!(second, ["16-02", "Action of 16-02", "Done", "2019"]);
        assert!(rows
            .iter()
            .flatten()
            .all(|c| c.child("w:p").paragraph_style() == Some("Tabletext")));
    }

    #[test]
    fn an_appendix_is_its_heading_note_lines_items_and_blocks() {
        let xml = written(&empty_plan(), |w| {
            w.appendix(&appendix(), Some("_ActplanAppendix1"))
        });
        assert_eq!(xml.element_names(), ["w:p", "w:p", "w:p", "w:tbl", "w:p"]);
        let heading = xml.child("w:p");
        assert_eq!(heading.paragraph_style(), Some("Heading1"));
        let names: Vec<_> = heading
            .children("w:bookmarkStart")
            .iter()
            .map(|b| b.attr("w:name").unwrap())
            .collect();
        assert_eq!(names, ["Appendix_I", "_ActplanAppendix1"]);
        let texts: Vec<_> = xml.paragraph_texts();
        assert_eq!(
            texts[1..],
            [
                "Kept for reference.",
                "See Section II.",
                "Ids: 16-01, 16-02"
            ]
        );
        assert_eq!(xml.children("w:p")[1].paragraph_style(), None);
    }

    #[test]
    fn an_appendix_without_items_has_no_table_and_its_own_bookmark_is_not_doubled() {
        let bare = Appendix {
            items: Vec::new(),
            note: None,
            ..appendix()
        };
        let xml = written(&empty_plan(), |w| w.appendix(&bare, Some("Appendix_I")));
        assert!(!xml.has("w:tbl"));
        assert_eq!(xml.child("w:p").children("w:bookmarkStart").len(), 1);
    }
}
