//! The redline: the new edition's report carrying Word tracked changes against the old one.
//!
//! Parts are aligned (resolutions by kind and number, items by id, paragraphs by text, all
//! order-preserving so that rejecting every change gives the old order back). Inside a
//! paragraph the change is word by word, formatting and links included; a whole item is
//! inserted or deleted as table rows; a whole paragraph with its paragraph mark. Reading
//! the result with every change accepted gives the new edition, with every change
//! rejected the old one (tested).

use super::actions::ACTION_GRID;
use super::contents::{heading_target, TocEntry, TocRole};
use super::footnotes::custom_mark_of;
use super::matrix::{legend_lines, MatrixLayout};
use super::paragraphs::ParagraphProps;
use super::revisions::Revision;
use super::tables::Merge;
use super::{names, PageSetup, Writer, PORTRAIT_WIDTH};
use crate::diff::align::steps;
use crate::diff::words::tokens;
use crate::diff::{align_blocks, BlockPair};
use crate::model::{ActionPlan, Appendix, Block, Item, Resolution, Summary, SummaryRow};
use std::collections::BTreeMap;
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
        if old.cover == new.cover {
            self.cover(new);
        } else {
            self.tracked(Some(Revision::Delete), |w| w.cover(old));
            self.tracked(Some(Revision::Insert), |w| w.cover(new));
        }
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
        for pair in align_blocks(old, new) {
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
                self.tracked(option_revision(side), |w| {
                    w.block(block, default_style, width)
                });
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

    fn redline_action_table(&mut self, old: &[Item], new: &[Item]) {
        match (old.is_empty(), new.is_empty()) {
            (true, true) => return,
            (false, true) => return self.tracked(Some(Revision::Delete), |w| w.action_table(old)),
            (true, false) => return self.tracked(Some(Revision::Insert), |w| w.action_table(new)),
            (false, false) => {}
        }
        self.action_table_start();
        let ids = |items: &[Item]| items.iter().map(|i| i.id.clone()).collect::<Vec<_>>();
        for step in align_in_order(&ids(old), &ids(new)) {
            match step {
                (Some(o), Some(n)) => self.redline_item_rows(&old[o], &new[n]),
                (Some(o), None) => self.tracked(Some(Revision::Delete), |w| w.item_rows(&old[o])),
                (None, Some(n)) => self.tracked(Some(Revision::Insert), |w| w.item_rows(&new[n])),
                (None, None) => {}
            }
        }
        self.w.end("w:tbl");
    }

    fn redline_item_rows(&mut self, old: &Item, new: &Item) {
        if old == new {
            return self.item_rows(new);
        }
        let text = self.style(names::TABLE_TEXT);
        let plain = ParagraphProps {
            style: Some(&text),
            ..Default::default()
        };
        self.keep_with_next = true;
        self.row_start(false);
        self.cell_start(ACTION_GRID[0], 1, Merge::Restart);
        self.w.start("w:p", &[]);
        self.paragraph_properties(plain);
        self.bookmarks_around(&new.bookmarks, |w| w.run(&new.id, false, false, None));
        self.w.end("w:p");
        match (&old.cross_reference, &new.cross_reference) {
            (Some(o), Some(n)) => self.redline_cell_text(&text, o, n, false),
            (o, n) => self.redline_paragraph(Some(&text), o.as_deref(), n.as_deref()),
        }
        self.w.end("w:tc");
        self.cell_start(ACTION_GRID[1], 1, Merge::None);
        self.redline_cell_text(&text, &old.action, &new.action, false);
        self.w.end("w:tc");
        self.cell_start(ACTION_GRID[2], 1, Merge::None);
        self.redline_cell_text(&text, &old.milestone, &new.milestone, false);
        self.w.end("w:tc");
        for (before, after) in [
            (old.periodic_goals_met, new.periodic_goals_met),
            (old.completed, new.completed),
        ] {
            self.cell_start(ACTION_GRID[3], 1, Merge::None);
            self.w.start("w:p", &[]);
            self.paragraph_properties(ParagraphProps {
                style: Some(&text),
                center: true,
                ..Default::default()
            });
            match (before, after) {
                (true, true) => self.run("√", false, false, None),
                (true, false) => {
                    self.tracked(Some(Revision::Delete), |w| w.run("√", false, false, None))
                }
                (false, true) => {
                    self.tracked(Some(Revision::Insert), |w| w.run("√", false, false, None))
                }
                (false, false) => {}
            }
            self.w.end("w:p");
            self.w.end("w:tc");
        }
        self.w.end("w:tr");
        self.keep_with_next = false;
        let long = super::actions::status_is_long(&new.status, ACTION_GRID[1..].iter().sum())
            || super::actions::status_is_long(&old.status, ACTION_GRID[1..].iter().sum());
        let status_width = self.status_row_start(&text, long);
        self.redline_blocks(&old.status, &new.status, Some(&text), status_width - 216);
        // A cell ends with a paragraph of its own: an untracked empty one (the reader
        // drops empty paragraphs).
        self.empty_paragraph_styled(&text);
        self.w.end("w:tc");
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
        if old.items == new.items {
            if !new.items.is_empty() {
                self.appendix_items(&new.items);
            }
        } else {
            if !old.items.is_empty() {
                self.tracked(Some(Revision::Delete), |w| w.appendix_items(&old.items));
            }
            if !new.items.is_empty() {
                self.tracked(Some(Revision::Insert), |w| w.appendix_items(&new.items));
            }
        }
        self.redline_blocks(&old.blocks, &new.blocks, None, PORTRAIT_WIDTH);
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
