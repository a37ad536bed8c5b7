//! The redline: the new edition's report carrying Word tracked changes against the old one.
//!
//! Parts are aligned (resolutions by kind and number, items by id, paragraphs by text, all
//! order-preserving so that rejecting every change gives the old order back). Inside a
//! paragraph the change is word by word, formatting and links included; a whole item is
//! inserted or deleted as table rows; a whole paragraph with its paragraph mark. Reading
//! the result with every change accepted gives the new edition, with every change
//! rejected the old one (tested), except the cover's TD number and meeting: they identify
//! the document, which is the new edition, and are written untracked.
//!
//! An item or appendix entry removed at one place and added at another (another resolution,
//! an appendix, another row of its table), and a paragraph removed and added unchanged
//! elsewhere in its list, are written as Word moves (`w:moveFrom`/`w:moveTo` inside named
//! move ranges): Word and LibreOffice show them as moved, accepting keeps the new place.

use super::actions::{mark_text, status_is_long, ActionLayout, CELL_MARGINS};
use super::contents::{heading_target, TocEntry, TocRole};
use super::footnotes::custom_mark_of;
use super::matrix::{legend_lines, MatrixLayout};
use super::paragraphs::{span_lines, ParagraphProps};
use super::revisions::Revision;
use super::tables::Merge;
use super::{names, PageSetup, Writer, PORTRAIT_WIDTH};
use crate::diff::align::steps;
use crate::diff::words::tokens;
use crate::diff::{align_blocks, BlockPair};
use crate::model::{
    ActionPlan, Appendix, AppendixItem, Block, Cover, Inline, Item, Resolution, Summary, SummaryRow,
};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::Hash;

/// One side of an alignment step: indices in the old and the new list.
type Step = (Option<usize>, Option<usize>);

/// Order-preserving alignment by key (longest common subsequence): a key that moved is a
/// deletion at its old place and an insertion at its new one.
fn align_in_order<K: Hash + Eq + Ord>(old: &[K], new: &[K]) -> Vec<Step> {
    steps(old, new).map(|pair| (pair.old, pair.new)).collect()
}

/// A piece of a paragraph for the word diff: a word or a run of spaces with its formatting,
/// or a footnote reference.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Token {
    text: String,
    bold: bool,
    italic: bool,
    href: Option<String>,
    footnote: Option<String>,
    mark: Option<String>,
}

fn tokens_of(block: &Block) -> Vec<Token> {
    let mut out = Vec::new();
    for span in block.spans() {
        if span.footnote.is_some() {
            out.push(Token {
                text: String::new(),
                bold: false,
                italic: false,
                href: None,
                footnote: span.footnote.clone(),
                mark: span.mark.clone(),
            });
            continue;
        }
        for piece in tokens(&span.text) {
            out.push(Token {
                text: piece.to_string(),
                bold: span.bold,
                italic: span.italic,
                href: span.href.clone(),
                footnote: None,
                mark: None,
            });
        }
    }
    out
}

fn option_revision(op: Side) -> Option<Revision> {
    match op {
        Side::Both => None,
        Side::Old => Some(Revision::Delete),
        Side::New => Some(Revision::Insert),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Both,
    Old,
    New,
}

impl Writer<'_> {
    /// The whole redline document.
    pub(super) fn redline_document(
        &mut self,
        old: &ActionPlan,
        new: &ActionPlan,
        page: &PageSetup,
    ) {
        self.w.start(
            "w:document",
            &[("xmlns:w", super::W_NS), ("xmlns:r", super::R_NS)],
        );
        self.w.start("w:body", &[]);
        self.moved = moved_ids(old, new);
        self.redline_cover(old.cover.as_ref(), new.cover.as_ref());
        let title = self.style(names::TITLE);
        self.redline_paragraph(Some(&title), old.title.as_deref(), new.title.as_deref());
        let toc = self.toc_entries(new);
        self.table_of_contents(&toc);
        let has_summary = old.summary.is_some() || new.summary.is_some();
        if has_summary {
            self.section_break(page, false, true);
            let anchor = toc
                .iter()
                .find(|e| e.role == TocRole::Summary)
                .map(|e| e.anchor.clone());
            let width = page.text_width(true);
            match (&old.summary, &new.summary) {
                (Some(o), Some(n)) => self.redline_summary(o, n, width, anchor.as_deref()),
                (Some(o), None) => {
                    self.tracked(Some(Revision::Delete), |w| w.summary(o, width, None))
                }
                (None, Some(n)) => self.tracked(Some(Revision::Insert), |w| {
                    w.summary(n, width, anchor.as_deref())
                }),
                (None, None) => {}
            }
            self.section_break(page, true, false);
        }
        let empty = crate::model::ProgressSection::default();
        let (old_progress, new_progress) = (
            old.progress.as_ref().unwrap_or(&empty),
            new.progress.as_ref().unwrap_or(&empty),
        );
        let heading = self.style(names::HEADING_1);
        self.redline_paragraph(
            Some(&heading),
            old_progress.heading.as_deref(),
            new_progress.heading.as_deref(),
        );
        self.redline_blocks(
            &old_progress.intro,
            &new_progress.intro,
            None,
            PORTRAIT_WIDTH,
        );
        self.redline_resolutions(old, new, &toc);
        self.redline_appendices(&old.appendices, &new.appendices);
        self.section_properties(page, false, !has_summary);
        self.w.end("w:body");
        self.w.end("w:document");
    }

    /// The cover: the new edition's identity (TD number, meeting) untracked; when other
    /// fields changed, the old cover (with the new identity) deleted and the new inserted.
    fn redline_cover(&mut self, old: Option<&Cover>, new: Option<&Cover>) {
        let old = old.map(|o| with_identity_of(o, new));
        match (old.as_ref(), new) {
            (Some(o), Some(n)) if o == n => self.cover_table(n),
            (o, n) => {
                if let Some(o) = o {
                    self.tracked(Some(Revision::Delete), |w| w.cover_table(o));
                }
                if let Some(n) = n {
                    self.tracked(Some(Revision::Insert), |w| w.cover_table(n));
                }
            }
        }
    }

    /// An item or entry only at this place of one edition: a move when it is elsewhere in
    /// the other (`removal`: it is at this place in the old edition), else a deletion or
    /// insertion.
    fn removed_or_moved(&mut self, id: &str, removal: bool, content: impl FnOnce(&mut Self)) {
        let (moved, plain) = if removal {
            (Revision::MoveFrom, Revision::Delete)
        } else {
            (Revision::MoveTo, Revision::Insert)
        };
        if self.moved.contains(id) {
            self.move_range(moved, &format!("move-{id}"), content);
        } else {
            self.tracked(Some(plain), content);
        }
    }

    /// footnotes.xml of the redline: the footnotes of both editions, changed ones redlined.
    pub(super) fn redline_footnotes(
        &mut self,
        old: &ActionPlan,
        new: &ActionPlan,
        ids: &BTreeMap<String, String>,
    ) {
        self.w.start(
            "w:footnotes",
            &[("xmlns:w", super::W_NS), ("xmlns:r", super::R_NS)],
        );
        self.footnote_separators();
        let mut written: Vec<(u32, &String)> = ids
            .iter()
            .map(|(key, id)| (id.parse().unwrap_or(u32::MAX), key))
            .collect();
        written.sort();
        for (id, key) in written {
            let (before, after) = (old.footnotes.get(key), new.footnotes.get(key));
            let custom = custom_mark_of(new, key) || custom_mark_of(old, key);
            self.w.start("w:footnote", &[("w:id", &id.to_string())]);
            match (before, after) {
                (Some(o), Some(n)) => self.footnote_body(o, n, custom),
                (Some(o), None) => {
                    self.tracked(Some(Revision::Delete), |w| w.footnote_body(o, o, custom))
                }
                (None, Some(n)) => {
                    self.tracked(Some(Revision::Insert), |w| w.footnote_body(n, n, custom))
                }
                (None, None) => {}
            }
            self.w.end("w:footnote");
        }
        self.w.end("w:footnotes");
    }

    /// A footnote's paragraphs: the number, then its blocks (redlined when they differ).
    fn footnote_body(&mut self, old: &[Block], new: &[Block], custom: bool) {
        let text_style = self.style(names::FOOTNOTE_TEXT);
        let reference_style = self.style(names::FOOTNOTE_REFERENCE);
        // The number stands in a paragraph of its own when the first blocks differ in
        // shape; else it starts the first paragraph, as in the plain report.
        self.w.start("w:p", &[]);
        self.paragraph_properties(ParagraphProps {
            style: Some(&text_style),
            ..Default::default()
        });
        self.footnote_number_run(&reference_style, custom);
        self.w.end("w:p");
        self.redline_blocks(old, new, Some(&text_style), PORTRAIT_WIDTH);
    }

    // ----- text -----

    /// Runs for a word-level diff of two texts (TAB and line breaks kept), in a character
    /// style when given.
    fn text_segments(&mut self, old: &str, new: &str, character_style: Option<&str>) {
        for (op, text) in crate::diff::words(old, new) {
            let revision = match op {
                crate::diff::Op::Equal => None,
                crate::diff::Op::Delete => Some(Revision::Delete),
                crate::diff::Op::Insert => Some(Revision::Insert),
            };
            self.tracked(revision, |w| w.run(&text, false, false, character_style));
        }
    }

    /// A paragraph that exists in either edition, redlined.
    fn redline_paragraph(&mut self, style: Option<&str>, old: Option<&str>, new: Option<&str>) {
        let props = ParagraphProps {
            style,
            ..Default::default()
        };
        match (old, new) {
            (Some(o), Some(n)) => {
                self.w.start("w:p", &[]);
                self.paragraph_properties(props);
                self.text_segments(o, n, None);
                self.w.end("w:p");
            }
            (Some(o), None) => self.tracked(Some(Revision::Delete), |w| w.text_paragraph(props, o)),
            (None, Some(n)) => self.tracked(Some(Revision::Insert), |w| w.text_paragraph(props, n)),
            (None, None) => {}
        }
    }

    /// A single-string cell: one paragraph, line breaks as `w:br`, changed words marked.
    fn redline_cell_text(&mut self, style: &str, old: &str, new: &str, center: bool) {
        if old == new {
            return self.cell_lines(new, style, center);
        }
        self.w.start("w:p", &[]);
        self.paragraph_properties(ParagraphProps {
            style: Some(style),
            center,
            ..Default::default()
        });
        self.text_segments(old, new, None);
        self.w.end("w:p");
    }

    // ----- blocks -----

    /// Paragraph lists (operative text, status, notes): paragraphs aligned by text; a
    /// changed paragraph is diffed word by word with its formatting, a paragraph whose
    /// style or list level changed is deleted and inserted whole.
    fn redline_blocks(
        &mut self,
        old: &[Block],
        new: &[Block],
        default_style: Option<&str>,
        width: u32,
    ) {
        let mut in_ordered = false;
        let pairs = align_blocks(old, new);
        let mut moves = ParagraphMoves::of(&pairs, &mut self.next_move);
        for pair in pairs {
            let steps: Vec<(Side, &Block)> = match pair {
                BlockPair::Same { old: o, new: n } | BlockPair::Changed { old: o, new: n } => {
                    if o == n {
                        vec![(Side::Both, n)]
                    } else if o.rows.is_none() && n.rows.is_none() && same_shape(o, n) {
                        self.number_lists(n, &mut in_ordered);
                        self.redline_paragraph_block(o, n, default_style);
                        continue;
                    } else {
                        vec![(Side::Old, o), (Side::New, n)]
                    }
                }
                BlockPair::Removed { old: o } => vec![(Side::Old, o)],
                BlockPair::Added { new: n } => vec![(Side::New, n)],
            };
            for (side, block) in steps {
                self.number_lists(block, &mut in_ordered);
                let write = |w: &mut Self| w.block(block, default_style, width);
                match moves.take(side, block) {
                    Some((revision, name)) => self.move_range(revision, &name, write),
                    None => self.tracked(option_revision(side), write),
                }
            }
        }
    }

    /// Start a new numbering instance where a numbered list begins.
    fn number_lists(&mut self, block: &Block, in_ordered: &mut bool) {
        let ordered = block.list_kind == Some(crate::model::ListKind::Ordered);
        if ordered && !*in_ordered {
            self.ordered_lists += 1;
        }
        *in_ordered = ordered;
    }

    /// One paragraph, its words diffed with their formatting, links and footnotes.
    fn redline_paragraph_block(&mut self, old: &Block, new: &Block, default_style: Option<&str>) {
        let style = match &new.style {
            Some(name) => Some(self.style(name)),
            None => default_style.map(str::to_string),
        };
        self.w.start("w:p", &[]);
        self.paragraph_properties(ParagraphProps {
            style: style.as_deref(),
            list: self.list_of(new),
            ..Default::default()
        });
        let (old_tokens, new_tokens) = (tokens_of(old), tokens_of(new));
        let pieces: Vec<(Side, &Token)> = steps(&old_tokens, &new_tokens)
            .filter_map(|pair| match (pair.old, pair.new) {
                (Some(_), Some(n)) => Some((Side::Both, &new_tokens[n])),
                (Some(o), None) => Some((Side::Old, &old_tokens[o])),
                (None, Some(n)) => Some((Side::New, &new_tokens[n])),
                (None, None) => None,
            })
            .collect();
        self.write_pieces(&pieces);
        self.w.end("w:p");
    }

    /// Write diffed tokens, merging neighbours of the same side and formatting into runs.
    fn write_pieces(&mut self, pieces: &[(Side, &Token)]) {
        let mut index = 0;
        while index < pieces.len() {
            let (side, token) = pieces[index];
            let revision = option_revision(side);
            if let Some(footnote) = &token.footnote {
                self.tracked(revision, |w| {
                    w.footnote_reference(footnote, token.mark.as_deref())
                });
                index += 1;
                continue;
            }
            let end = pieces[index..]
                .iter()
                .position(|(s, t)| {
                    *s != side
                        || t.footnote.is_some()
                        || t.bold != token.bold
                        || t.italic != token.italic
                        || t.href != token.href
                })
                .map_or(pieces.len(), |p| index + p);
            let text: String = pieces[index..end]
                .iter()
                .map(|(_, t)| t.text.as_str())
                .collect();
            match &token.href {
                Some(href) => {
                    self.hyperlink_start(href);
                    self.tracked(revision, |w| {
                        w.run(&text, token.bold, token.italic, Some(names::HYPERLINK))
                    });
                    self.w.end("w:hyperlink");
                }
                None => self.tracked(revision, |w| w.run(&text, token.bold, token.italic, None)),
            }
            index = end;
        }
    }

    // ----- Section I -----

    fn redline_summary(&mut self, old: &Summary, new: &Summary, width: u32, anchor: Option<&str>) {
        let heading = self.style(names::HEADING_1);
        match (&old.heading, &new.heading) {
            (Some(o), Some(n)) if o == n => self.heading(names::HEADING_1, n, &[], anchor),
            (o, n) => self.redline_paragraph(Some(&heading), o.as_deref(), n.as_deref()),
        }
        self.redline_blocks(&old.caption, &new.caption, None, width);
        self.redline_matrix(old, new, width);
        self.redline_blocks(&legend_lines(old), &legend_lines(new), None, width);
        self.redline_blocks(&old.notes, &new.notes, None, width);
    }

    fn redline_matrix(&mut self, old: &Summary, new: &Summary, width: u32) {
        let has = |s: &Summary| !s.columns.is_empty() || !s.rows.is_empty();
        if old.columns != new.columns || !has(old) || !has(new) {
            if has(old) {
                self.tracked(Some(Revision::Delete), |w| w.matrix(old, width));
            }
            if has(new) {
                self.tracked(Some(Revision::Insert), |w| w.matrix(new, width));
            }
            return;
        }
        let layout = MatrixLayout::of(new, width).widest(&MatrixLayout::of(old, width));
        self.matrix_start(new, &layout);
        let labels = |s: &Summary| s.rows.iter().map(|r| r.label.clone()).collect::<Vec<_>>();
        for step in align_in_order(&labels(old), &labels(new)) {
            match step {
                (Some(o), Some(n)) => self.redline_matrix_row(&old.rows[o], &new.rows[n], &layout),
                (Some(o), None) => self.tracked(Some(Revision::Delete), |w| {
                    w.matrix_row(&old.rows[o], &layout)
                }),
                (None, Some(n)) => self.tracked(Some(Revision::Insert), |w| {
                    w.matrix_row(&new.rows[n], &layout)
                }),
                (None, None) => {}
            }
        }
        self.w.end("w:tbl");
        self.run_size = None;
    }

    fn redline_matrix_row(&mut self, old: &SummaryRow, new: &SummaryRow, layout: &MatrixLayout) {
        if old == new {
            return self.matrix_row(new, layout);
        }
        let text = self.style(names::TABLE_TEXT);
        self.row_start(false);
        self.cell_start(layout.label_width, 1, Merge::None);
        self.w.start("w:p", &[]);
        self.paragraph_properties(ParagraphProps {
            style: Some(&text),
            ..Default::default()
        });
        if old.url == new.url && old.anchor == new.anchor && old.label == new.label {
            self.linked_run(&new.label, new.url.as_deref());
            self.run(" – ", false, false, None);
            let anchor = new.anchor.as_ref().map(|a| format!("#{a}"));
            match &anchor {
                Some(href) => {
                    self.hyperlink_start(href);
                    self.text_segments(&old.title, &new.title, Some(names::HYPERLINK));
                    self.w.end("w:hyperlink");
                }
                None => self.text_segments(&old.title, &new.title, None),
            }
        } else {
            self.tracked(Some(Revision::Delete), |w| w.matrix_label(old));
            self.tracked(Some(Revision::Insert), |w| w.matrix_label(new));
        }
        self.w.end("w:p");
        self.w.end("w:tc");
        for cell in 0..layout.columns {
            self.cell_start(layout.width(cell), 1, Merge::None);
            let before = old.cells.get(cell).map(String::as_str).unwrap_or("");
            let after = new.cells.get(cell).map(String::as_str).unwrap_or("");
            self.redline_cell_text(&text, before, after, true);
            self.w.end("w:tc");
        }
        self.w.end("w:tr");
    }

    // ----- Section II -----

    fn redline_resolutions(&mut self, old: &ActionPlan, new: &ActionPlan, toc: &[TocEntry]) {
        let keys = |plan: &ActionPlan| {
            plan.resolutions
                .iter()
                .map(|r| (r.kind.as_str(), r.number.clone()))
                .collect::<Vec<_>>()
        };
        for step in align_in_order(&keys(old), &keys(new)) {
            let anchor_of = |r: &Resolution| {
                toc.iter()
                    .find(|e| e.role == TocRole::Resolution(r as *const _ as usize))
                    .map(|e| e.anchor.clone())
            };
            match step {
                (Some(o), Some(n)) => {
                    let anchor = anchor_of(&new.resolutions[n]);
                    self.redline_resolution(
                        &old.resolutions[o],
                        &new.resolutions[n],
                        anchor.as_deref(),
                    );
                }
                (Some(o), None) => self.tracked(Some(Revision::Delete), |w| {
                    w.resolution(&old.resolutions[o], None)
                }),
                (None, Some(n)) => {
                    let anchor = anchor_of(&new.resolutions[n]);
                    self.tracked(Some(Revision::Insert), |w| {
                        w.resolution(&new.resolutions[n], anchor.as_deref())
                    });
                }
                (None, None) => {}
            }
        }
    }

    fn redline_resolution(&mut self, old: &Resolution, new: &Resolution, toc_anchor: Option<&str>) {
        if old == new {
            return self.resolution(new, toc_anchor);
        }
        let mut bookmarks = new.bookmarks.clone();
        if let Some(anchor) = &new.anchor {
            if !bookmarks.contains(anchor) {
                bookmarks.insert(0, anchor.clone());
            }
        }
        if let Some(extra) = toc_anchor.filter(|a| !bookmarks.iter().any(|b| b == a)) {
            bookmarks.push(extra.to_string());
        }
        let style = self.style(names::HEADING_2);
        let prefix = format!("{} {} – ", new.kind.as_str(), new.number);
        self.w.start("w:p", &[]);
        self.paragraph_properties(ParagraphProps {
            style: Some(&style),
            ..Default::default()
        });
        self.bookmarks_around(&bookmarks, |w| {
            w.run(&prefix, false, false, None);
            w.text_segments(&old.title, &new.title, None);
        });
        self.w.end("w:p");
        self.redline_blocks(
            &old.operative_text,
            &new.operative_text,
            None,
            PORTRAIT_WIDTH,
        );
        self.redline_action_table(&old.action_items, &new.action_items);
        self.redline_blocks(&old.notes, &new.notes, None, PORTRAIT_WIDTH);
        self.top_link();
    }

    /// An action table in both editions: its items aligned by id, in a layout with the
    /// extra columns of both.
    fn redline_action_table(&mut self, old: &[Item], new: &[Item]) {
        match (old.is_empty(), new.is_empty()) {
            (true, true) => return,
            (false, true) => return self.tracked(Some(Revision::Delete), |w| w.action_table(old)),
            (true, false) => return self.tracked(Some(Revision::Insert), |w| w.action_table(new)),
            (false, false) => {}
        }
        let layout = ActionLayout::of_both(old, new);
        self.action_table_start(&layout);
        let ids = |items: &[Item]| items.iter().map(|i| i.id.clone()).collect::<Vec<_>>();
        for step in align_in_order(&ids(old), &ids(new)) {
            match step {
                (Some(o), Some(n)) => self.redline_item_rows(&old[o], &new[n], &layout),
                (Some(o), None) => {
                    self.removed_or_moved(&old[o].id, true, |w| w.item_rows(&old[o], &layout))
                }
                (None, Some(n)) => {
                    self.removed_or_moved(&new[n].id, false, |w| w.item_rows(&new[n], &layout))
                }
                (None, None) => {}
            }
        }
        self.w.end("w:tbl");
    }

    /// An item of both editions: its first row's cells diffed word by word, then its
    /// status paragraphs redlined.
    fn redline_item_rows(&mut self, old: &Item, new: &Item, layout: &ActionLayout) {
        if old == new {
            return self.item_rows(new, layout);
        }
        let text = self.style(names::TABLE_TEXT);
        self.keep_with_next = true;
        self.redline_item_row(old, new, layout, &text);
        self.keep_with_next = false;
        let long = status_is_long(&new.status, layout.status_width())
            || status_is_long(&old.status, layout.status_width());
        let status_width = self.status_row_start(&text, long, layout);
        self.redline_blocks(
            &old.status,
            &new.status,
            Some(&text),
            status_width - CELL_MARGINS,
        );
        // A cell ends with a paragraph of its own: an untracked empty one (the reader
        // drops empty paragraphs).
        self.empty_paragraph_styled(&text);
        self.w.end("w:tc");
        self.w.end("w:tr");
    }

    /// An item's first row, each cell's text diffed word by word (a mark cell by what it
    /// shows: √, nothing or its other text).
    fn redline_item_row(&mut self, old: &Item, new: &Item, layout: &ActionLayout, text: &str) {
        self.row_start(false);
        self.cell_start(layout.width(0), 1, Merge::Restart);
        self.w.start("w:p", &[]);
        self.paragraph_properties(ParagraphProps::styled(text));
        self.bookmarks_around(&new.bookmarks, |w| w.run(&new.id, false, false, None));
        self.w.end("w:p");
        match (&old.cross_reference, &new.cross_reference) {
            (Some(o), Some(n)) => self.redline_cell_text(text, o, n, false),
            (o, n) => self.redline_paragraph(Some(text), o.as_deref(), n.as_deref()),
        }
        self.w.end("w:tc");
        let shown = |item: &Item| {
            [
                mark_text(
                    item.periodic_goals_met,
                    item.periodic_goals_met_text.as_deref(),
                ),
                mark_text(item.completed, item.completed_text.as_deref()),
            ]
        };
        let value = |item: &Item, key: &str| item.extra.get(key).cloned().unwrap_or_default();
        // Action and milestone: plain texts diffed word by word, texts with spans (links,
        // emphasis, footnote references) paragraph by paragraph with their spans.
        let plain = |a: &Item, b: &Item, inlines: fn(&Item) -> &[Inline]| {
            inlines(a).is_empty() && inlines(b).is_empty()
        };
        let spanned = [
            (
                (&old.action, &new.action),
                plain(old, new, |i| &i.action_inlines),
                (old.action_spans(), new.action_spans()),
            ),
            (
                (&old.milestone, &new.milestone),
                plain(old, new, |i| &i.milestone_inlines),
                (old.milestone_spans(), new.milestone_spans()),
            ),
        ];
        for (index, ((old_text, new_text), plain, (before, after))) in
            spanned.into_iter().enumerate()
        {
            let width = layout.width(index + 1);
            self.cell_start(width, 1, Merge::None);
            if plain {
                self.redline_cell_text(text, old_text, new_text, false);
            } else {
                self.redline_blocks(
                    &line_blocks(&before),
                    &line_blocks(&after),
                    Some(text),
                    width,
                );
            }
            self.w.end("w:tc");
        }
        let mut cells = Vec::new();
        cells.extend(
            shown(old)
                .into_iter()
                .zip(shown(new))
                .map(|(o, n)| (o, n, true)),
        );
        cells.extend(
            layout
                .extras
                .iter()
                .map(|key| (value(old, key), value(new, key), false)),
        );
        for (index, (before, after, center)) in cells.iter().enumerate() {
            self.cell_start(layout.width(index + 3), 1, Merge::None);
            self.redline_cell_text(text, before, after, *center);
            self.w.end("w:tc");
        }
        self.w.end("w:tr");
    }

    // ----- appendices -----

    fn redline_appendices(&mut self, old: &[Appendix], new: &[Appendix]) {
        let titles = |list: &[Appendix]| list.iter().map(|a| a.title.clone()).collect::<Vec<_>>();
        for step in align_in_order(&titles(old), &titles(new)) {
            match step {
                (Some(o), Some(n)) if old[o] == new[n] => self.appendix(&new[n], None),
                (Some(o), Some(n)) => self.redline_appendix(&old[o], &new[n]),
                (Some(o), None) => {
                    self.tracked(Some(Revision::Delete), |w| w.appendix(&old[o], None))
                }
                (None, Some(n)) => {
                    self.tracked(Some(Revision::Insert), |w| w.appendix(&new[n], None))
                }
                (None, None) => {}
            }
        }
    }

    fn redline_appendix(&mut self, old: &Appendix, new: &Appendix) {
        let anchor = heading_target(None, &new.bookmarks);
        let generated = anchor.filter(|a| !new.bookmarks.iter().any(|b| b == a));
        self.heading(
            names::HEADING_1,
            &new.title,
            &new.bookmarks,
            generated.as_deref(),
        );
        let lines = |note: &Option<String>| -> Vec<Block> {
            note.as_deref()
                .map(|n| n.split('\n').map(Block::plain).collect())
                .unwrap_or_default()
        };
        self.redline_blocks(&lines(&old.note), &lines(&new.note), None, PORTRAIT_WIDTH);
        self.redline_appendix_items(&old.items, &new.items);
        self.redline_blocks(&old.blocks, &new.blocks, None, PORTRAIT_WIDTH);
    }

    /// An appendix's table of entries, row by row (aligned by id) when both editions have
    /// one of the same columns; else the old table deleted and the new one inserted.
    fn redline_appendix_items(&mut self, old: &[AppendixItem], new: &[AppendixItem]) {
        if !rows_aligned(old, new) {
            if old == new {
                if !new.is_empty() {
                    self.appendix_items(new);
                }
                return;
            }
            if !old.is_empty() {
                self.tracked(Some(Revision::Delete), |w| w.appendix_items(old));
            }
            if !new.is_empty() {
                self.tracked(Some(Revision::Insert), |w| w.appendix_items(new));
            }
            return;
        }
        let layout = self.appendix_table_start(old);
        let row = |w: &mut Self, item: &AppendixItem| {
            w.appendix_item_row(item, layout.columns, layout.width, &layout.style)
        };
        let ids = |items: &[AppendixItem]| items.iter().map(|i| i.id.clone()).collect::<Vec<_>>();
        for step in align_in_order(&ids(old), &ids(new)) {
            match step {
                (Some(o), Some(n)) if old[o] == new[n] => row(self, &new[n]),
                (Some(o), Some(n)) => {
                    self.tracked(Some(Revision::Delete), |w| row(w, &old[o]));
                    self.tracked(Some(Revision::Insert), |w| row(w, &new[n]));
                }
                (Some(o), None) => self.removed_or_moved(&old[o].id, true, |w| row(w, &old[o])),
                (None, Some(n)) => self.removed_or_moved(&new[n].id, false, |w| row(w, &new[n])),
                (None, None) => {}
            }
        }
        self.w.end("w:tbl");
    }
}

/// True when an appendix table is redlined row by row: different entries in both editions,
/// the same number of columns. Else it is written whole (plain, or deleted and inserted).
fn rows_aligned(old: &[AppendixItem], new: &[AppendixItem]) -> bool {
    let columns = |items: &[AppendixItem]| items.iter().map(|i| i.extra.len()).max();
    old != new && !old.is_empty() && !new.is_empty() && columns(old) == columns(new)
}

/// The cover with the TD number and meeting of `new`: they identify the document, the new
/// edition, and are not redlined.
fn with_identity_of(old: &Cover, new: Option<&Cover>) -> Cover {
    let mut cover = old.clone();
    if let Some(new) = new {
        cover.td_number.clone_from(&new.td_number);
        cover.meeting.clone_from(&new.meeting);
    }
    cover
}

/// The ids of items and appendix entries removed at one place and added at another, as the
/// redline aligns them (resolutions by kind and number, appendices by title, items and
/// entries by id in each): written as moves.
fn moved_ids(old: &ActionPlan, new: &ActionPlan) -> HashSet<String> {
    let (mut removed, mut added) = (HashSet::new(), HashSet::new());
    let mut collect = |o: Vec<String>, n: Vec<String>| {
        for step in align_in_order(&o, &n) {
            match step {
                (Some(i), None) => removed.insert(o[i].clone()),
                (None, Some(j)) => added.insert(n[j].clone()),
                _ => false,
            };
        }
    };
    let keys = |plan: &ActionPlan| {
        let keys = plan
            .resolutions
            .iter()
            .map(|r| (r.kind.as_str(), r.number.clone()));
        keys.collect::<Vec<_>>()
    };
    let item_ids = |r: &Resolution| r.action_items.iter().map(|i| i.id.clone()).collect();
    for step in align_in_order(&keys(old), &keys(new)) {
        if let (Some(o), Some(n)) = step {
            let (o, n) = (&old.resolutions[o], &new.resolutions[n]);
            // A table only in one edition is inserted or deleted whole (no rows of moves).
            if !o.action_items.is_empty() && !n.action_items.is_empty() {
                collect(item_ids(o), item_ids(n));
            }
        }
    }
    let titles = |list: &[Appendix]| list.iter().map(|a| a.title.clone()).collect::<Vec<_>>();
    let entry_ids = |a: &Appendix| a.items.iter().map(|i| i.id.clone()).collect();
    for step in align_in_order(&titles(&old.appendices), &titles(&new.appendices)) {
        if let (Some(o), Some(n)) = step {
            let (o, n) = (&old.appendices[o], &new.appendices[n]);
            if rows_aligned(&o.items, &n.items) {
                collect(entry_ids(o), entry_ids(n));
            }
        }
    }
    removed.intersection(&added).cloned().collect()
}

/// The paragraphs of one list removed at one place and added unchanged at another: the
/// names of their moves, taken in order as the list is written.
struct ParagraphMoves {
    /// Paragraph text → names of its moves not yet written at the old place.
    from: HashMap<String, Vec<String>>,
    /// The same for the new place.
    to: HashMap<String, Vec<String>>,
}

impl ParagraphMoves {
    /// The moves among `pairs`; `counter` numbers their names across the document.
    fn of(pairs: &[BlockPair], counter: &mut u32) -> ParagraphMoves {
        let mut removed: HashMap<&str, usize> = HashMap::new();
        let mut added: HashMap<&str, usize> = HashMap::new();
        for pair in pairs {
            match pair {
                BlockPair::Removed { old } if old.rows.is_none() => {
                    *removed.entry(old.text.as_str()).or_default() += 1
                }
                BlockPair::Added { new } if new.rows.is_none() => {
                    *added.entry(new.text.as_str()).or_default() += 1
                }
                _ => {}
            }
        }
        let mut moves = ParagraphMoves {
            from: HashMap::new(),
            to: HashMap::new(),
        };
        // In list order, so that names do not depend on hashing.
        for pair in pairs {
            let BlockPair::Removed { old } = pair else {
                continue;
            };
            let text = old.text.as_str();
            let both = removed
                .get(text)
                .copied()
                .unwrap_or(0)
                .min(added.get(text).copied().unwrap_or(0));
            let named = moves.from.get(text).map_or(0, Vec::len);
            if named < both {
                *counter += 1;
                let name = format!("move-p{counter}");
                moves
                    .from
                    .entry(text.to_string())
                    .or_default()
                    .push(name.clone());
                moves.to.entry(text.to_string()).or_default().push(name);
            }
        }
        moves
    }

    /// The move a paragraph written on `side` is part of, if any.
    fn take(&mut self, side: Side, block: &Block) -> Option<(Revision, String)> {
        let (names, revision) = match side {
            Side::Old => (self.from.get_mut(&block.text)?, Revision::MoveFrom),
            Side::New => (self.to.get_mut(&block.text)?, Revision::MoveTo),
            Side::Both => return None,
        };
        (!names.is_empty()).then(|| (revision, names.remove(0)))
    }
}

/// True when two paragraphs differ only in their text and inline formatting.
fn same_shape(old: &Block, new: &Block) -> bool {
    old.style == new.style && old.list_level == new.list_level && old.list_kind == new.list_kind
}

impl MatrixLayout {
    /// The layout with the most columns of the two.
    fn widest(self, other: &MatrixLayout) -> MatrixLayout {
        if other.columns > self.columns {
            MatrixLayout {
                columns: other.columns,
                label_width: other.label_width,
                widths: other.widths.clone(),
                grid: other.grid.clone(),
            }
        } else {
            self
        }
    }
}

/// A cell's spans as paragraphs, one per line, as the report writes them.
fn line_blocks(spans: &[Inline]) -> Vec<Block> {
    span_lines(spans)
        .into_iter()
        .map(|line| {
            let plain = line.iter().all(Inline::is_plain);
            Block {
                text: line.iter().map(|s| s.text.as_str()).collect(),
                inlines: if plain { Vec::new() } else { line },
                ..Block::default()
            }
        })
        .collect()
}
