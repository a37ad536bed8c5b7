//! Section II: one part per resolution or opinion — its bookmarked heading, operative
//! text, action table (a repeating header row, then for each item a row of id, action,
//! milestone, the two marks and the item's extra cells, and a status row spanning the
//! columns after the id), notes and the "» Top" link.

use super::paragraphs::ParagraphProps;
use super::tables::{Borders, CellLook, Merge};
use super::{Writer, PORTRAIT_WIDTH};
use crate::model::marks::read_mark;
use crate::model::EXTRA_COLUMN_BOOKMARK;
use crate::model::{Item, Resolution};
use crate::render::docx::styles::names;
use std::collections::BTreeSet;

/// Widths of the five columns of an action table without extra columns.
const ACTION_GRID: [u32; 5] = [1077, 4082, 1531, 1474, 1474];
/// The header row of the five columns.
const ACTION_HEADINGS: [&str; 5] = [
    "Action Item",
    "Action",
    "Milestone",
    "Periodic goals met",
    "Completed",
];
/// The narrowest the Action column gets when extra columns take of its width (twips).
const MIN_ACTION_WIDTH: u32 = 2000;
/// What the status cell's content may not use of its width: Word's default left and
/// right cell margins (108 twips each).
pub(super) const CELL_MARGINS: u32 = 216;
/// A status estimated longer than this many lines may break across pages (a shorter one
/// stays whole): about a sixth of a page, so a long status never leaves its item row
/// alone at the foot of a page nor a page mostly blank.
const UNSPLIT_STATUS_LINES: usize = 8;
/// Average width of a character of the table text (10 pt Times New Roman), in twips.
const CHAR_WIDTH: u32 = 100;

/// The columns of one action table: the five fixed ones, then one per distinct header of
/// its items' `extra` cells (in header order), whose width comes out of the Action column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ActionLayout {
    /// Column widths in twips; their sum is always that of [`ACTION_GRID`].
    pub grid: Vec<u32>,
    /// The header row's texts: the five fixed ones, then the extra headers.
    pub headings: Vec<String>,
    /// The extra headers (the keys of the items' `extra`), in column order.
    pub extras: Vec<String>,
}

impl ActionLayout {
    /// The layout of a table of `items`.
    pub(super) fn of(items: &[Item]) -> ActionLayout {
        Self::with_extras(items.iter().flat_map(|i| i.extra.keys()).cloned().collect())
    }

    /// The layout of a table showing the items of two editions (the redline): the extra
    /// columns of both.
    pub(super) fn of_both(old: &[Item], new: &[Item]) -> ActionLayout {
        let keys = old.iter().chain(new).flat_map(|i| i.extra.keys());
        Self::with_extras(keys.cloned().collect())
    }

    /// The layout with these extra columns. The Action column and the extra ones share
    /// the Action column's width equally as long as the Action column keeps
    /// [`MIN_ACTION_WIDTH`]; past that the extra columns share what is left beyond it.
    fn with_extras(extras: BTreeSet<String>) -> ActionLayout {
        let count = u32::try_from(extras.len()).unwrap_or(u32::MAX);
        let action = ACTION_GRID[1];
        let fair = action / count.saturating_add(1);
        let share = if fair >= MIN_ACTION_WIDTH || count == 0 {
            fair
        } else {
            (action.saturating_sub(MIN_ACTION_WIDTH) / count).max(1)
        };
        let mut grid = ACTION_GRID.to_vec();
        grid[1] = action.saturating_sub(share.saturating_mul(count));
        grid.extend(extras.iter().map(|_| share));
        let mut headings: Vec<String> = ACTION_HEADINGS.iter().map(|h| h.to_string()).collect();
        headings.extend(extras.iter().cloned());
        ActionLayout {
            grid,
            headings,
            extras: extras.into_iter().collect(),
        }
    }

    /// The width of the status cell: every column after the id.
    pub(super) fn status_width(&self) -> u32 {
        self.grid.iter().skip(1).sum()
    }

    /// How many grid columns the status cell spans.
    fn status_span(&self) -> u32 {
        u32::try_from(self.grid.len().saturating_sub(1)).unwrap_or(u32::MAX)
    }

    /// The width of column `index` (0 past the last).
    pub(super) fn width(&self, index: usize) -> u32 {
        self.grid.get(index).copied().unwrap_or(0)
    }
}

/// What a mark cell shows: the cell's other text when the model has one (a true mark
/// whose text would not read back as true gets a "√ " before it), else √ for a true
/// mark and nothing for a false one. Read back, the text gives the same mark and text.
pub(super) fn mark_text(mark: bool, other: Option<&str>) -> String {
    match other {
        Some(text) if mark && !read_mark(text).value => format!("√ {text}"),
        Some(text) => text.to_string(),
        None if mark => "√".to_string(),
        None => String::new(),
    }
}

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
            self.space_before_table();
            self.action_table(&resolution.action_items);
        }
        self.blocks(&resolution.notes, None, PORTRAIT_WIDTH);
        self.top_link();
    }

    /// The action table of `items`.
    pub(super) fn action_table(&mut self, items: &[Item]) {
        let layout = ActionLayout::of(items);
        self.action_table_start(&layout);
        for item in items {
            self.item_rows(item, &layout);
        }
        self.w.end("w:tbl");
    }

    /// The action table's start and its repeating header row; an extra column's header
    /// cell carries a hidden bookmark that tells the reader it is one.
    pub(super) fn action_table_start(&mut self, layout: &ActionLayout) {
        let head = self.style(names::TABLE_HEAD);
        self.table_start(&layout.grid, Borders::GridWithHeader);
        self.row_start(true);
        for (index, (title, width)) in layout.headings.iter().zip(&layout.grid).enumerate() {
            self.cell_start(*width, 1, Merge::None);
            if index < ACTION_HEADINGS.len() {
                self.text_paragraph(ParagraphProps::styled(&head), title);
            } else {
                let mark = [format!("{EXTRA_COLUMN_BOOKMARK}{}", self.next_bookmark)];
                self.w.start("w:p", &[]);
                self.paragraph_properties(ParagraphProps::styled(&head));
                self.bookmarks_around(&mark, |w| w.run(title, false, false, None));
                self.w.end("w:p");
            }
            self.w.end("w:tc");
        }
        self.w.end("w:tr");
    }

    /// The two rows of an item: id, action, milestone, marks, extra cells; then its status.
    pub(super) fn item_rows(&mut self, item: &Item, layout: &ActionLayout) {
        let text = self.style(names::TABLE_TEXT);
        self.item_row(item, layout, &text);
        self.item_status_row(item, layout, &text);
    }

    /// An item's first row: the id cell (merged down into the status row), action,
    /// milestone, the "Periodic goals met" and "Completed" cells (see [`mark_text`]), then
    /// the extra cells. Its paragraphs keep with the next, so the row starts on the page
    /// of its status.
    fn item_row(&mut self, item: &Item, layout: &ActionLayout, text: &str) {
        self.keep_with_next = true;
        self.item_row_cells(item, layout, text);
        self.keep_with_next = false;
    }

    /// The cells of an item's first row.
    fn item_row_cells(&mut self, item: &Item, layout: &ActionLayout, text: &str) {
        self.row_start(false);
        self.cell_start(layout.width(0), 1, Merge::Restart);
        self.w.start("w:p", &[]);
        self.paragraph_properties(ParagraphProps::styled(text));
        self.bookmarks_around(&item.bookmarks, |writer| {
            writer.run(&item.id, false, false, None)
        });
        self.w.end("w:p");
        self.cross_reference_lines(item.cross_reference.as_deref(), text);
        self.w.end("w:tc");
        self.cell_start(layout.width(1), 1, Merge::None);
        self.inline_cell_paragraphs(&item.action_spans(), text);
        self.w.end("w:tc");
        self.cell_start(layout.width(2), 1, Merge::None);
        if item.milestone_inlines.is_empty() {
            self.lines_cell_paragraphs(&item.milestone, text);
        } else {
            self.inline_cell_paragraphs(&item.milestone_spans(), text);
        }
        self.w.end("w:tc");
        let marks = [
            (item.periodic_goals_met, &item.periodic_goals_met_text),
            (item.completed, &item.completed_text),
        ];
        for (index, (mark, other)) in marks.into_iter().enumerate() {
            let shown = mark_text(mark, other.as_deref());
            self.mark_cell(&shown, layout.width(3 + index), text);
        }
        for (index, key) in layout.extras.iter().enumerate() {
            let width = layout.width(ACTION_HEADINGS.len() + index);
            self.cell_start(width, 1, Merge::None);
            let value = item.extra.get(key).map_or("", String::as_str);
            self.lines_cell_paragraphs(value, text);
            self.w.end("w:tc");
        }
        self.w.end("w:tr");
    }

    /// A mark column's cell `width` twips wide: `shown` (√, nothing or the cell's other
    /// text), centred.
    fn mark_cell(&mut self, shown: &str, width: u32, text: &str) {
        self.cell_start_look(width, 1, Merge::None, CellLook::Middle);
        self.cell_lines(shown, text, true);
        self.w.end("w:tc");
    }

    /// An item's second row: the status paragraphs across the columns after the id.
    fn item_status_row(&mut self, item: &Item, layout: &ActionLayout, text: &str) {
        let splits = status_is_long(&item.status, layout.status_width());
        let status_width = self.status_row_start(text, splits, layout);
        self.blocks(&item.status, Some(text), status_width - CELL_MARGINS);
        self.ensure_paragraph_in_cell(
            !item.status.is_empty() && item.status.last().is_some_and(|b| b.rows.is_none()),
        );
        self.w.end("w:tc");
        self.w.end("w:tr");
    }

    /// A text-less paragraph 6 points high that sets a table off from the text above it
    /// (the reader drops it: it has no text).
    pub(super) fn space_before_table(&mut self) {
        self.w.raw("<w:p><w:pPr><w:keepNext/><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"120\" w:lineRule=\"exact\"/></w:pPr></w:p>");
    }

    /// The second line(s) of an id cell, such as "(44-14)".
    pub(super) fn cross_reference_lines(&mut self, reference: Option<&str>, style: &str) {
        for line in reference.into_iter().flat_map(|r| r.split('\n')) {
            self.text_paragraph(ParagraphProps::styled(style), line);
        }
    }

    /// Open an item's status row (one that may break across pages when `splits`): the id
    /// column continued, then the cell spanning the other columns. Returns that cell's
    /// width.
    pub(super) fn status_row_start(
        &mut self,
        style: &str,
        splits: bool,
        layout: &ActionLayout,
    ) -> u32 {
        self.row_start_split(false, splits);
        self.cell_start(layout.width(0), 1, Merge::Continue);
        self.empty_paragraph_styled(style);
        self.w.end("w:tc");
        let status_width = layout.status_width();
        self.cell_start(status_width, layout.status_span(), Merge::None);
        status_width
    }

    /// The "» Top" link back to the start of the document, at the right margin.
    pub(super) fn top_link(&mut self) {
        self.w.start("w:p", &[]);
        self.w.start("w:pPr", &[]);
        self.w.empty("w:spacing", &[("w:before", "60")]);
        self.w.empty("w:jc", &[("w:val", "right")]);
        self.w.end("w:pPr");
        self.w
            .start("w:hyperlink", &[("w:anchor", "_top"), ("w:history", "1")]);
        self.run("» Top", false, false, Some(names::HYPERLINK));
        self.w.end("w:hyperlink");
        self.w.end("w:p");
    }
}

/// Whether a status `width` twips wide is long enough to be let break across pages:
/// more than [`UNSPLIT_STATUS_LINES`] lines estimated, or holding a table.
pub(super) fn status_is_long(status: &[crate::model::Block], width: u32) -> bool {
    let per_line = (width.saturating_sub(CELL_MARGINS) / CHAR_WIDTH).max(1) as usize;
    let mut lines = 0usize;
    for block in status {
        if block.rows.is_some() {
            return true;
        }
        lines += block
            .text
            .split('\n')
            .map(|line| line.chars().count().div_ceil(per_line).max(1))
            .sum::<usize>();
    }
    lines > UNSPLIT_STATUS_LINES
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{empty_plan, item, resolution, written, Element};
    use super::*;
    use crate::model::Block;

    fn table_of(items: &[Item]) -> Element {
        written(&empty_plan(), |w| w.action_table(items))
    }

    #[test]
    fn the_header_row_names_the_five_columns_and_repeats() {
        let xml = table_of(&[item("22-01")]);
        let table = xml.child("w:tbl");
        assert_eq!(table.grid(), ACTION_GRID);
        let header = &table.rows()[0];
        let titles: Vec<_> = header.iter().map(|c| c.text()).collect();
        assert_eq!(titles, ACTION_HEADINGS);
        assert!(table.children("w:tr")[0]
            .path(&["w:trPr", "w:tblHeader"])
            .is_some());
        assert_eq!(header[0].child("w:p").paragraph_style(), Some("Tablehead"));
    }

    #[test]
    fn an_item_row_holds_id_action_milestone_and_marks() {
        let mut open = item("22-01");
        open.milestone = "2025\n2026".into();
        let xml = table_of(&[open]);
        let row = &xml.child("w:tbl").rows()[1];
        assert_eq!(row.len(), 5);
        assert_eq!(row[0].paragraph_texts(), ["22-01"]);
        assert_eq!(row[0].vertical_merge(), Some("restart"));
        assert_eq!(row[1].paragraph_texts(), ["Action of 22-01"]);
        assert_eq!(row[2].paragraph_texts(), ["2025", "2026"]);
        let widths: Vec<_> = row.iter().map(|c| c.cell_width()).collect();
        assert_eq!(widths, ACTION_GRID);
    }

    #[test]
    fn a_completed_item_gets_a_centred_tick_in_the_completed_cell_only() {
        let mut done = item("22-02");
        done.completed = true;
        let xml = table_of(&[done]);
        let row = &xml.child("w:tbl").rows()[1];
        assert_eq!(row[3].text(), "", "periodic goals not met");
        assert_eq!(row[4].text(), "√");
        assert!(row[3].child("w:p").is_centred());
        assert!(row[4].child("w:p").is_centred());
        let valign = row[4].path(&["w:tcPr", "w:vAlign"]).unwrap();
        assert_eq!(
            valign.attr("w:val"),
            Some("center"),
            "√ centred vertically too"
        );
    }

    #[test]
    fn the_id_cell_keeps_its_bookmarks_and_cross_reference_lines() {
        let mut kept = item("22-03");
        kept.bookmarks = vec!["Item_22_03".into()];
        kept.cross_reference = Some("(44-14)\n(44-15)".into());
        let xml = table_of(&[kept]);
        let id_cell = xml.child("w:tbl").rows()[1][0];
        assert_eq!(id_cell.paragraph_texts(), ["22-03", "(44-14)", "(44-15)"]);
        let first = id_cell.child("w:p");
        assert_eq!(
            first.child("w:bookmarkStart").attr("w:name"),
            Some("Item_22_03")
        );
        assert_eq!(first.paragraph_style(), Some("Tabletext"));
    }

    #[test]
    fn the_status_row_spans_the_four_columns_after_the_continued_id_cell() {
        let mut reported = item("22-04");
        reported.status = vec![Block::plain("Done in 2023."), Block::plain("Reported.")];
        let xml = table_of(&[reported, item("22-05")]);
        let rows = xml.child("w:tbl").rows();
        assert_eq!(rows.len(), 1 + 2 * 2);
        let status = &rows[2];
        assert_eq!(status.len(), 2);
        assert_eq!(status[0].vertical_merge(), Some(""));
        assert_eq!(status[1].grid_span(), 4);
        assert_eq!(status[1].cell_width(), ACTION_GRID[1..].iter().sum::<u32>());
        assert_eq!(status[1].paragraph_texts(), ["Done in 2023.", "Reported."]);
        assert_eq!(
            status[1].child("w:p").paragraph_style(),
            Some("Tabletext"),
            "status paragraphs default to the table text style"
        );
        // An item without status still ends its status cell with a paragraph.
        assert_eq!(rows[4][1].paragraph_texts(), [""]);
    }

    #[test]
    fn a_resolution_is_its_bookmarked_heading_text_table_notes_and_top_link() {
        let mut part = resolution("22", vec![item("22-01")]);
        part.anchor = Some("Resolution_22".into());
        part.bookmarks = vec!["_Toc1".into()];
        part.operative_text = vec![Block::plain("resolves")];
        part.notes = vec![Block::plain("Note")];
        let xml = written(&empty_plan(), |w| {
            w.resolution(&part, Some("_Toc1"));
        });
        assert_eq!(
            xml.element_names(),
            ["w:p", "w:p", "w:p", "w:tbl", "w:p", "w:p"]
        );
        assert_eq!(
            xml.children("w:p")[2].text(),
            "",
            "the space before the table"
        );
        let heading = xml.child("w:p");
        assert_eq!(heading.paragraph_style(), Some("Heading2"));
        assert!(heading.path(&["w:pPr", "w:keepNext"]).is_some());
        assert_eq!(heading.text(), "Resolution 22 – Title of 22");
        let names: Vec<_> = heading
            .children("w:bookmarkStart")
            .iter()
            .map(|b| b.attr("w:name").unwrap())
            .collect();
        assert_eq!(
            names,
            ["Resolution_22", "_Toc1"],
            "the anchor first, the TOC anchor not twice"
        );
        let top = xml.children("w:p")[4];
        assert_eq!(top.child("w:hyperlink").attr("w:anchor"), Some("_top"));
        assert_eq!(
            top.path(&["w:pPr", "w:jc"]).unwrap().attr("w:val"),
            Some("right")
        );
        assert_eq!(top.text(), "» Top");
    }

    #[test]
    fn an_item_row_keeps_with_its_status_which_may_break_only_when_long() {
        let mut short = item("22-06");
        short.status = vec![Block::plain("Done.")];
        let mut long = item("22-07");
        long.status = (0..12)
            .map(|n| Block::plain(format!("Step {n}.")))
            .collect();
        let xml = table_of(&[short, long]);
        let rows = xml.child("w:tbl").children("w:tr");
        let keeps = |row: &Element| {
            row.find_all("w:p")
                .iter()
                .all(|p| p.path(&["w:pPr", "w:keepNext"]).is_some())
        };
        let whole = |row: &Element| row.path(&["w:trPr", "w:cantSplit"]).is_some();
        // Item rows: every paragraph keeps with the next, and the row stays whole.
        for row in [rows[1], rows[3]] {
            assert!(keeps(row) && whole(row));
        }
        // Status rows keep with nothing; a short one stays whole, a long one may break.
        assert!(!rows[2].has("w:keepNext") && whole(rows[2]));
        assert!(!rows[4].has("w:keepNext") && !whole(rows[4]));
    }

    #[test]
    fn a_status_is_long_past_eight_estimated_lines_or_with_a_table() {
        let width = ACTION_GRID[1..].iter().sum();
        let line = Block::plain("word ".repeat(16));
        assert!(!status_is_long(&vec![line.clone(); 8], width));
        assert!(status_is_long(&vec![line; 9], width));
        let wide = Block::plain("word ".repeat(17 * 9));
        assert!(
            status_is_long(&[wide], width),
            "one paragraph of nine lines"
        );
        let table = Block {
            rows: Some(vec![vec![vec![Block::plain("a")]]]),
            ..Block::default()
        };
        assert!(status_is_long(&[table], width));
        assert!(!status_is_long(&[], width));
    }

    #[test]
    fn a_mark_cell_shows_the_cells_other_text() {
        let mut partial = item("22-08");
        partial.completed_text = Some("Partially".into());
        partial.periodic_goals_met_text = Some("see SG2\n2024".into());
        let xml = table_of(&[partial]);
        let row = &xml.child("w:tbl").rows()[1];
        assert_eq!(row[3].paragraph_texts(), ["see SG2", "2024"]);
        assert_eq!(row[4].paragraph_texts(), ["Partially"]);
        assert!(row[4].child("w:p").is_centred());
        assert_eq!(mark_text(true, None), "√");
        assert_eq!(mark_text(false, None), "");
        assert_eq!(mark_text(true, Some("√ (2023)")), "√ (2023)");
        assert_eq!(
            mark_text(true, Some("2023")),
            "√ 2023",
            "a true mark stays true when read back"
        );
    }

    #[test]
    fn extra_columns_follow_completed_and_take_their_width_from_the_action_column() {
        let mut first = item("22-09");
        first.extra = [("Responsible", "TSB"), ("Comment", "x")]
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .into();
        let xml = table_of(&[first, item("22-10")]);
        let table = xml.child("w:tbl");
        let grid = table.grid();
        assert_eq!(grid.len(), 7);
        assert_eq!(grid.iter().sum::<u32>(), ACTION_GRID.iter().sum::<u32>());
        assert_eq!(grid[1], 2000, "the Action column keeps its minimum");
        assert_eq!(grid[5], grid[6], "the extra columns share the rest");
        assert_eq!(grid[2..5], ACTION_GRID[2..5]);
        let rows = table.rows();
        let titles: Vec<_> = rows[0].iter().map(|c| c.text()).collect();
        assert_eq!(titles[5..], ["Comment", "Responsible"]);
        let mark = rows[0][6].find_all("w:bookmarkStart");
        assert!(mark[0]
            .attr("w:name")
            .is_some_and(|n| n.starts_with(EXTRA_COLUMN_BOOKMARK)));
        assert_eq!(rows[1][5].text(), "x");
        assert_eq!(rows[1][6].text(), "TSB");
        assert_eq!(
            rows[3].len(),
            7,
            "an item without extra cells has empty ones"
        );
        assert_eq!(rows[3][6].paragraph_texts(), [""]);
        assert_eq!(rows[2][1].grid_span(), 6, "the status spans all but the id");
        assert_eq!(rows[2][1].cell_width(), grid[1..].iter().sum::<u32>());
    }

    #[test]
    fn one_extra_column_shares_the_action_columns_width_equally() {
        let layout = ActionLayout::with_extras(["Lead".to_string()].into());
        assert_eq!(layout.grid[1], 2041);
        assert_eq!(layout.grid[5], 2041);
        assert_eq!(layout.headings.len(), 6);
        let none = ActionLayout::of(&[item("1-01")]);
        assert_eq!(none.grid, ACTION_GRID);
        assert_eq!(none.headings, ACTION_HEADINGS);
    }

    #[test]
    fn a_resolution_without_items_has_no_table() {
        let part = resolution("1", Vec::new());
        let xml = written(&empty_plan(), |w| w.resolution(&part, None));
        assert!(!xml.has("w:tbl"));
        assert_eq!(xml.children("w:p").len(), 2, "heading and Top link");
    }
}
