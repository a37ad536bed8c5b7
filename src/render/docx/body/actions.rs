//! Section II: one part per resolution or opinion — its bookmarked heading, operative
//! text, 5-column action table (a repeating header row, then for each item a row of id,
//! action, milestone and √ marks and a status row spanning four columns), notes and the
//! "» Top" link.

use super::paragraphs::ParagraphProps;
use super::tables::{Borders, Merge};
use super::{Writer, PORTRAIT_WIDTH};
use crate::model::{Item, Resolution};
use crate::render::docx::styles::names;

/// Widths of the action table columns.
pub(super) const ACTION_GRID: [u32; 5] = [1077, 4082, 1531, 1474, 1474];
/// The action table's header row.
const ACTION_HEADINGS: [&str; 5] = [
    "Action Item",
    "Action",
    "Milestone",
    "Periodic goals met",
    "Completed",
];
/// What the status cell's content may not use of its width: Word's default left and
/// right cell margins (108 twips each).
const CELL_MARGINS: u32 = 216;

impl Writer<'_> {
    /// A resolution's part of Section II; `toc_anchor` is its TOC bookmark, written at
    /// the heading when the resolution's own bookmarks do not include it.
    pub(super) fn resolution(&mut self, resolution: &Resolution, toc_anchor: Option<&str>) {
        let mut bookmarks = resolution.bookmarks.clone();
        if let Some(anchor) = &resolution.anchor {
            if !bookmarks.contains(anchor) {
                bookmarks.insert(0, anchor.clone());
            }
        }
        let text = format!(
            "{} {} – {}",
            resolution.kind.as_str(),
            resolution.number,
            resolution.title
        );
        let generated = toc_anchor.filter(|a| !bookmarks.iter().any(|b| b == a));
        self.heading(names::HEADING_2, &text, &bookmarks, generated);
        self.blocks(&resolution.operative_text, None, PORTRAIT_WIDTH);
        if !resolution.action_items.is_empty() {
            self.action_table(&resolution.action_items);
        }
        self.blocks(&resolution.notes, None, PORTRAIT_WIDTH);
        self.top_link();
    }

    /// The action table of `items`.
    pub(super) fn action_table(&mut self, items: &[Item]) {
        self.action_table_start();
        for item in items {
            self.item_rows(item);
        }
        self.w.end("w:tbl");
    }

    /// The action table's start and its repeating header row.
    pub(super) fn action_table_start(&mut self) {
        let head = self.style(names::TABLE_HEAD);
        self.table_start(&ACTION_GRID, Borders::Grid);
        self.row_start(true);
        for (title, width) in ACTION_HEADINGS.iter().zip(ACTION_GRID) {
            self.cell_start(width, 1, Merge::None);
            self.text_paragraph(ParagraphProps::styled(&head), title);
            self.w.end("w:tc");
        }
        self.w.end("w:tr");
    }

    /// The two rows of an item: id, action, milestone, marks; then its status.
    pub(super) fn item_rows(&mut self, item: &Item) {
        let text = self.style(names::TABLE_TEXT);
        self.item_row(item, &text);
        self.item_status_row(item, &text);
    }

    /// An item's first row: the id cell (merged down into the status row), action,
    /// milestone, then a centred √ or nothing for "Periodic goals met" and "Completed".
    fn item_row(&mut self, item: &Item, text: &str) {
        self.row_start(false);
        self.cell_start(ACTION_GRID[0], 1, Merge::Restart);
        self.w.start("w:p", &[]);
        self.paragraph_properties(ParagraphProps::styled(text));
        self.bookmarks_around(&item.bookmarks, |writer| {
            writer.run(&item.id, false, false, None)
        });
        self.w.end("w:p");
        self.cross_reference_lines(item.cross_reference.as_deref(), text);
        self.w.end("w:tc");
        self.cell_start(ACTION_GRID[1], 1, Merge::None);
        self.lines_cell_paragraphs(&item.action, text);
        self.w.end("w:tc");
        self.cell_start(ACTION_GRID[2], 1, Merge::None);
        self.lines_cell_paragraphs(&item.milestone, text);
        self.w.end("w:tc");
        for mark in [item.periodic_goals_met, item.completed] {
            self.mark_cell(mark, text);
        }
        self.w.end("w:tr");
    }

    /// A mark column's cell: a centred √ when `mark`, else an empty centred paragraph.
    fn mark_cell(&mut self, mark: bool, text: &str) {
        self.cell_start(ACTION_GRID[3], 1, Merge::None);
        self.text_paragraph(
            ParagraphProps {
                style: Some(text),
                center: true,
                ..Default::default()
            },
            if mark { "√" } else { "" },
        );
        self.w.end("w:tc");
    }

    /// An item's second row: the status paragraphs across the four columns after the id.
    fn item_status_row(&mut self, item: &Item, text: &str) {
        let status_width = self.status_row_start(text);
        self.blocks(&item.status, Some(text), status_width - CELL_MARGINS);
        self.ensure_paragraph_in_cell(
            !item.status.is_empty() && item.status.last().is_some_and(|b| b.rows.is_none()),
        );
        self.w.end("w:tc");
        self.w.end("w:tr");
    }

    /// The second line(s) of an id cell, such as "(44-14)".
    pub(super) fn cross_reference_lines(&mut self, reference: Option<&str>, style: &str) {
        for line in reference.into_iter().flat_map(|r| r.split('\n')) {
            self.text_paragraph(ParagraphProps::styled(style), line);
        }
    }

    /// Open an item's status row: the id column continued, then the cell spanning the
    /// four other columns. Returns that cell's width.
    pub(super) fn status_row_start(&mut self, style: &str) -> u32 {
        self.row_start(false);
        self.cell_start(ACTION_GRID[0], 1, Merge::Continue);
        self.empty_paragraph_styled(style);
        self.w.end("w:tc");
        let status_width: u32 = ACTION_GRID[1..].iter().sum();
        self.cell_start(status_width, 4, Merge::None);
        status_width
    }

    /// The "» Top" link back to the start of the document.
    pub(super) fn top_link(&mut self) {
        self.w.start("w:p", &[]);
        self.w
            .start("w:hyperlink", &[("w:anchor", "_top"), ("w:history", "1")]);
        self.run("» Top", false, false, Some(names::HYPERLINK));
        self.w.end("w:hyperlink");
        self.w.end("w:p");
    }
}
