//! The appendices of obsolete items: a bookmarked heading, the note, the table of items
//! (id and cross-reference | action | any further cells) and the blocks after it.

use super::paragraphs::ParagraphProps;
use super::tables::{Borders, Merge};
use super::{Writer, PORTRAIT_WIDTH};
use crate::model::{Appendix, AppendixItem};
use crate::render::docx::styles::names;

/// Width of the id column of an appendix table.
const ID_WIDTH: u32 = 1418;

impl Writer<'_> {
    /// An appendix; `toc_anchor` is its TOC bookmark, written at the heading when the
    /// appendix's own bookmarks do not include it.
    pub(super) fn appendix(&mut self, appendix: &Appendix, toc_anchor: Option<&str>) {
        let generated = toc_anchor.filter(|a| !appendix.bookmarks.iter().any(|b| b == a));
        self.heading(
            names::HEADING_1,
            &appendix.title,
            &appendix.bookmarks,
            generated,
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
        let extra = items.iter().map(|i| i.extra.len()).max().unwrap_or(0);
        let text = self.style(names::TABLE_TEXT);
        let rest = (PORTRAIT_WIDTH - ID_WIDTH) / (1 + extra as u32);
        let mut grid = vec![ID_WIDTH];
        grid.extend(std::iter::repeat_n(rest, 1 + extra));
        self.table_start(&grid, Borders::Grid);
        for item in items {
            self.appendix_item_row(item, 1 + extra, rest, &text);
        }
        self.w.end("w:tbl");
    }

    /// One item's row: the id cell, then `columns` cells `width` wide (action, its
    /// further cells, empty ones up to `columns`).
    fn appendix_item_row(&mut self, item: &AppendixItem, columns: usize, width: u32, text: &str) {
        self.row_start(false);
        self.cell_start(ID_WIDTH, 1, Merge::None);
        self.text_paragraph(ParagraphProps::styled(text), &item.id);
        self.cross_reference_lines(item.cross_reference.as_deref(), text);
        self.w.end("w:tc");
        let cells =
            std::iter::once(item.action.as_str()).chain(item.extra.iter().map(String::as_str));
        let mut written = 0;
        for value in cells {
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
