//! The view a report template sees besides the raw `plan`: what is tedious or unsafe to work
//! out in a template, computed once in Rust.
//!
//! * anchors: `resolution-22`, `opinion-1`, `item-22-02`, `appendix-1` (HTML ids), or the
//!   heading anchors GitHub generates (Markdown), unique in the document;
//! * internal links (`#Resolution_22`, a bookmark of the source) pointed at those anchors;
//!   links other than http, https, mailto and `#anchor` dropped (their text is kept);
//! * paragraphs as a tree: lists nested by `list_level`, tables, formatted spans, footnote
//!   references numbered in reading order;
//! * per item: its state (`completed`, `periodic`, `open`), owners (see [`crate::model::owners`]),
//!   milestones, the text the HTML filter box searches;
//! * for Markdown, every paragraph list already written as escaped GFM (`flow.md`).
//!
//! Every field is always present (`null` or empty when there is nothing), so templates can
//! test them under minijinja's strict undefined behaviour.

use super::listing;
use super::markdown;
use crate::model::owners;
use crate::model::{
    same_number, ActionPlan, AppendixItem, Block, Inline, Item, Kind, ListKind, Resolution,
    SummaryColumn, SummaryRow,
};
use crate::query::Stats;
use crate::text::one_line;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Which report the view is for: it decides the anchors and whether Markdown is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// HTML: ids such as `resolution-22`, paragraphs as nodes for the template.
    Html,
    /// Markdown: GitHub heading anchors, paragraphs pre-written as GFM.
    Markdown,
}

/// Everything derived from the plan for a template.
#[derive(Debug, Serialize)]
pub struct View {
    /// "html" or "markdown".
    pub target: &'static str,
    /// The document title.
    pub title: String,
    /// Anchors of the fixed parts: `contents`, `summary`, `progress`, `footnotes`.
    pub anchors: BTreeMap<&'static str, String>,
    /// Unlabelled cover texts ("INTERNATIONAL TELECOMMUNICATION UNION", …).
    pub masthead: Vec<String>,
    /// Labelled cover fields in display order.
    pub cover: Vec<CoverRow>,
    /// Section I.
    pub summary: Option<SummaryView>,
    /// Section II heading and introduction.
    pub progress: ProgressView,
    /// Resolutions and opinions.
    pub resolutions: Vec<ResolutionView>,
    /// Appendices.
    pub appendices: Vec<AppendixView>,
    /// Every footnote: the referenced ones in reading order, then the uncited ones.
    pub footnotes: Vec<FootnoteView>,
    /// Owners named in the action texts, with how many items name each.
    pub owners: Vec<Choice>,
    /// Milestones (one per line or comma-separated part), with their item counts.
    pub milestones: Vec<Choice>,
    /// Item counts over all resolutions.
    pub totals: Counts,
    /// Items per resolution and per owner as inline SVG bar charts (HTML only; escaped,
    /// self-contained), as `actplan stats --to html` draws them.
    pub charts: String,
    /// The charts' stylesheet (the one the `stats` page uses), empty without charts.
    pub chart_style: &'static str,
    /// "actplan 0.1.0".
    pub generator: String,
}

/// A labelled cover field.
#[derive(Debug, Serialize)]
pub struct CoverRow {
    /// Model field name ("td_number"), or "other".
    pub key: String,
    /// Display label ("TD number").
    pub label: String,
    /// The value.
    pub value: String,
}

/// Section I.
#[derive(Debug, Serialize)]
pub struct SummaryView {
    /// Heading text.
    pub heading: String,
    /// Anchor of the heading.
    pub anchor: String,
    /// Caption paragraphs ("Table 1", the table title).
    pub caption: Flow,
    /// Column groups with their spans, for the first header row.
    pub groups: Vec<ColumnGroup>,
    /// The columns, for the second header row.
    pub columns: Vec<ColumnView>,
    /// One row per resolution.
    pub rows: Vec<SummaryRowView>,
    /// Legend lines.
    pub legend: Vec<LegendView>,
    /// Paragraphs after the legend.
    pub notes: Flow,
}

/// A run of columns under one group heading.
#[derive(Debug, Serialize)]
pub struct ColumnGroup {
    /// "Action by".
    pub name: String,
    /// How many columns it spans.
    pub span: usize,
}

/// A matrix column.
#[derive(Debug, Serialize)]
pub struct ColumnView {
    /// "Action by".
    pub group: String,
    /// "BDT\nITU-D".
    pub name: String,
    /// "Collaboration with / BDT ITU-D": both header levels on one line.
    pub flat: String,
}

/// A matrix row.
#[derive(Debug, Serialize)]
pub struct SummaryRowView {
    /// "Resolution 31".
    pub label: String,
    /// "Resolution".
    pub kind: String,
    /// "31".
    pub number: String,
    /// Title.
    pub title: String,
    /// Safe link to the published text, if any.
    pub url: Option<String>,
    /// "#resolution-31" when Section II has that resolution.
    pub target: Option<String>,
    /// Cells in column order.
    pub cells: Vec<String>,
}

/// A legend entry.
#[derive(Debug, Serialize)]
pub struct LegendView {
    /// "GCA".
    pub term: String,
    /// "Global Cybersecurity Agenda".
    pub definition: String,
}

/// Section II's heading and introduction.
#[derive(Debug, Serialize)]
pub struct ProgressView {
    /// Heading text (a default when the document has none).
    pub heading: String,
    /// Anchor of the heading.
    pub anchor: String,
    /// Introduction paragraphs.
    pub intro: Flow,
}

/// One resolution or opinion.
#[derive(Debug, Serialize)]
pub struct ResolutionView {
    /// "Resolution" / "Opinion".
    pub kind: &'static str,
    /// "22".
    pub number: String,
    /// Title after the dash.
    pub title: String,
    /// "Resolution 22 – title".
    pub heading: String,
    /// `resolution-22` (HTML) or the GitHub anchor of the heading (Markdown).
    pub anchor: String,
    /// The source's bookmark at the heading.
    pub bookmark: Option<String>,
    /// Operative text.
    pub operative_text: Flow,
    /// Action items.
    pub items: Vec<ItemView>,
    /// Paragraphs after the action table.
    pub notes: Flow,
    /// Item counts.
    pub counts: Counts,
}

/// One action item.
#[derive(Debug, Serialize)]
pub struct ItemView {
    /// "22-02".
    pub id: String,
    /// `item-22-02` (HTML) or `22-02` (Markdown heading anchor).
    pub anchor: String,
    /// "(44-14)".
    pub cross_reference: Option<String>,
    /// Action text.
    pub action: String,
    /// The action's spans, footnote references numbered (HTML view; empty for Markdown).
    pub action_spans: Vec<Span>,
    /// The action as inline Markdown for a paragraph, footnote references as `[^N]`
    /// (Markdown view; empty for HTML).
    pub action_md: String,
    /// Milestone text (lines joined by "\n").
    pub milestone: String,
    /// The milestone's spans, footnote references numbered, when it has links, emphasis or
    /// footnote references (HTML view; empty otherwise: show `milestone`).
    pub milestone_spans: Vec<Span>,
    /// The milestone as inline Markdown when it has links, emphasis or footnote references
    /// (Markdown view; empty otherwise: show `milestone`).
    pub milestone_md: String,
    /// The milestone split into its parts ("TSAG 2023", "Ongoing"), normalised.
    pub milestones: Vec<String>,
    /// √ periodic goals met.
    pub periodic_goals_met: bool,
    /// √ completed.
    pub completed: bool,
    /// The "Periodic goals met" cell's text when it was not a plain mark ("see SG2").
    pub periodic_goals_met_text: Option<String>,
    /// The "Completed" cell's text when it was not a plain mark ("Partially").
    pub completed_text: Option<String>,
    /// The cells of the source table's extra columns, in header order.
    pub extra: Vec<ExtraCell>,
    /// "completed" (completed wins), "periodic" (periodic goals met) or "open".
    pub state: &'static str,
    /// "Completed", "Periodic goals met", "Open".
    pub state_label: &'static str,
    /// Owners named in the action text.
    pub owners: Vec<String>,
    /// Position in document order (0-based over all items).
    pub order: usize,
    /// Status paragraphs.
    pub status: Flow,
}

/// A cell of an extra column of an action table ("Responsible": "TSB").
#[derive(Debug, Serialize)]
pub struct ExtraCell {
    /// The column's header.
    pub header: String,
    /// The cell's text.
    pub text: String,
}

/// One appendix.
#[derive(Debug, Serialize)]
pub struct AppendixView {
    /// Full heading.
    pub title: String,
    /// `appendix-1` or the Markdown heading anchor.
    pub anchor: String,
    /// Note paragraph.
    pub note: Option<String>,
    /// Number of extra columns any item has.
    pub extra_columns: usize,
    /// Obsolete items.
    pub items: Vec<AppendixItemView>,
    /// Paragraphs after the item table.
    pub blocks: Flow,
}

/// An obsolete item.
#[derive(Debug, Serialize)]
pub struct AppendixItemView {
    /// Id.
    pub id: String,
    /// Cross-reference.
    pub cross_reference: Option<String>,
    /// Action text.
    pub action: String,
    /// The action's spans, footnote references numbered (HTML view; empty for Markdown).
    pub action_spans: Vec<Span>,
    /// The action as inline Markdown for a table cell, footnote references as `[^N]`
    /// (Markdown view; empty for HTML).
    pub action_md: String,
    /// Extra cells, padded to the appendix's `extra_columns`.
    pub extra: Vec<String>,
}

/// A footnote's blocks without the custom `mark` its text starts with (the source writes
/// a custom-marked footnote's mark as text): the report shows the label once, itself.
fn without_leading_mark(blocks: &[Block], mark: &str) -> Vec<Block> {
    let mut blocks = blocks.to_vec();
    let Some(first) = blocks.first_mut().filter(|b| b.rows.is_none()) else {
        return blocks;
    };
    let Some(rest) = first.text.strip_prefix(mark) else {
        return blocks;
    };
    if !rest.starts_with(char::is_whitespace) {
        return blocks;
    }
    let mut spans = first.spans();
    let mut cut = mark.len();
    for span in spans.iter_mut().filter(|s| s.footnote.is_none()) {
        let take = cut.min(span.text.len());
        span.text = span.text.get(take..).unwrap_or_default().to_string();
        cut -= take;
        if cut == 0 {
            break;
        }
    }
    first.text = rest.trim_start().to_string();
    first.inlines = spans;
    blocks
}

/// The Markdown label of footnote `number` showing `label`: the label when it is made of
/// letters and digits, else `fn` and the number.
fn markdown_key(label: &str, number: u32) -> String {
    if !label.is_empty() && label.chars().all(char::is_alphanumeric) {
        label.to_string()
    } else {
        format!("fn{number}")
    }
}

/// A footnote of the report.
#[derive(Debug, Serialize)]
pub struct FootnoteView {
    /// 1, 2, … in reading order (uncited footnotes last).
    pub number: u32,
    /// The source's footnote id.
    pub source_id: String,
    /// What the reference shows, once: the custom mark, else a number no custom mark
    /// shows.
    pub label: String,
    /// `fn-1`.
    pub anchor: String,
    /// The Markdown footnote label, as [`FootnoteRef::key`].
    pub key: String,
    /// Anchor of the first reference (`fnref-1`), for the back link; empty for a footnote
    /// the text never cites.
    pub back: String,
    /// The footnote text.
    pub content: Flow,
}

/// A filter choice and how many items it selects.
#[derive(Debug, Clone, Serialize)]
pub struct Choice {
    /// The value.
    pub value: String,
    /// Items selected.
    pub count: usize,
}

/// Item counts.
#[derive(Debug, Default, Clone, Copy, Serialize)]
pub struct Counts {
    /// All items.
    pub items: usize,
    /// Completed.
    pub completed: usize,
    /// Not completed, periodic goals met.
    pub periodic: usize,
    /// Neither.
    pub open: usize,
}

/// Paragraphs: as nodes (HTML) or as written Markdown.
#[derive(Debug, Default, Serialize)]
pub struct Flow {
    /// The paragraphs as a tree (HTML view; empty for Markdown).
    pub nodes: Vec<Node>,
    /// The paragraphs as GFM (Markdown view; empty for HTML).
    pub md: String,
    /// The plain text, lines joined by "\n" (both views).
    pub text: String,
}

impl Flow {
    /// True when there is nothing to show.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty() && self.md.is_empty()
    }
}

/// A paragraph (`p`), a list (`ul`, `ol`) or a table (`table`).
#[derive(Debug, Clone, Serialize)]
pub struct Node {
    /// "p", "ul", "ol" or "table".
    pub kind: &'static str,
    /// The paragraph style, lower-cased ("call", "enumlev1"), for `p`.
    pub style: Option<String>,
    /// The text of a `p`.
    pub spans: Vec<Span>,
    /// The items of a list.
    pub items: Vec<ListItem>,
    /// The rows of a table: cells of nodes.
    pub rows: Vec<Vec<Vec<Node>>>,
    /// How many of a table's first rows are its header.
    pub header_rows: usize,
}

/// A list item: its text and nested lists.
#[derive(Debug, Clone, Serialize)]
pub struct ListItem {
    /// The item's text.
    pub spans: Vec<Span>,
    /// Deeper list levels (and anything nested) under it.
    pub children: Vec<Node>,
}

/// A piece of text with its formatting, or a footnote reference.
#[derive(Debug, Clone, Serialize)]
pub struct Span {
    /// The text ("" for a footnote reference).
    pub text: String,
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
    /// A safe link target (http, https, mailto, `#anchor`), or null.
    pub href: Option<String>,
    /// True for a link that leaves the document.
    pub external: bool,
    /// A footnote reference, or null.
    pub footnote: Option<FootnoteRef>,
}

/// A reference to a footnote.
#[derive(Debug, Clone, Serialize)]
pub struct FootnoteRef {
    /// Its number in reading order.
    pub number: u32,
    /// What to show: the custom mark or the number.
    pub label: String,
    /// The footnote's anchor (`fn-1`).
    pub target: String,
    /// The Markdown footnote label (`[^key]`): the label when it is a plain word, else
    /// `fn` and the number.
    pub key: String,
    /// This reference's own anchor (`fnref-1`, `fnref-1-2` for a second reference).
    pub anchor: String,
}

/// Build the view of `plan` for `target`.
pub fn build(plan: &ActionPlan, target: Target, stats: Option<&Stats>) -> View {
    Builder::new(plan, target, stats).build()
}

/// A link target a report may keep: http, https, mailto or a `#fragment`. Tabs and line
/// breaks are removed and spaces encoded first, as a browser would.
pub fn safe_href(raw: &str) -> Option<String> {
    let cleaned: String = raw
        .trim_matches(|c: char| c.is_ascii_control() || c == ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    if cleaned.is_empty() || cleaned.chars().any(|c| c.is_control()) {
        return None;
    }
    let lower = cleaned.to_ascii_lowercase();
    let allowed = cleaned.starts_with('#')
        || lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("mailto:");
    allowed.then(|| cleaned.replace(' ', "%20"))
}

/// The GitHub heading anchor of a heading text (github-slugger): lower case, every character
/// but letters, digits, `_`, `-` and space removed, spaces made `-`.
pub fn github_slug(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            '-' | '_' => Some(c),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .collect()
}

/// Hands out unique anchors: GitHub's slugs with `-1`, `-2` for repeats (Markdown), or ids
/// made unique the same way (HTML).
#[derive(Default)]
struct Anchors {
    used: HashSet<String>,
}

impl Anchors {
    fn unique(&mut self, base: String) -> String {
        if self.used.insert(base.clone()) {
            return base;
        }
        let mut n = 1;
        loop {
            let candidate = format!("{base}-{n}");
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
            n += 1;
        }
    }
}

/// An id made of ASCII letters, digits, `-`, `_` and `.`.
fn id_part(text: &str) -> String {
    let id: String = text
        .trim()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect();
    if id.is_empty() {
        "x".into()
    } else {
        id
    }
}

/// "Resolution 22 – title" with line breaks as spaces.
fn heading_text(kind: Kind, number: &str, title: &str) -> String {
    let title = one_line(title);
    if title.is_empty() {
        format!("{} {number}", kind.as_str())
    } else {
        format!("{} {number} – {title}", kind.as_str())
    }
}

/// The parts of a milestone: lines and comma/semicolon-separated pieces, with "TSAG2023"
/// written "TSAG 2023".
pub fn milestone_parts(milestone: &str) -> Vec<String> {
    let mut parts: Vec<String> = Vec::new();
    for piece in milestone.split(['\n', ',', ';']) {
        let mut part = one_line(piece);
        if part.is_empty() {
            continue;
        }
        // "TSAG2023" → "TSAG 2023"
        let bytes = part.as_bytes();
        let len = bytes.len();
        if len > 4
            && bytes[len - 4..].iter().all(u8::is_ascii_digit)
            && bytes[len - 5].is_ascii_alphabetic()
        {
            part.insert(len - 4, ' ');
        }
        if !parts.contains(&part) {
            parts.push(part);
        }
    }
    parts
}

/// The text the HTML filter box searches for an item, as the page computes it: id,
/// cross-reference, action, milestone and status, whitespace collapsed, lower case.
pub fn search_text(item: &crate::model::Item) -> String {
    let mut parts: Vec<&str> = vec![&item.id];
    if let Some(x) = &item.cross_reference {
        parts.push(x);
    }
    parts.push(&item.action);
    parts.push(&item.milestone);
    let mut status = String::new();
    for block in &item.status {
        status.push_str(&block.text);
        status.push('\n');
    }
    parts.push(&status);
    one_line(&parts.join("\n")).to_lowercase()
}

struct Builder<'a> {
    plan: &'a ActionPlan,
    target: Target,
    /// The counts the HTML report's charts show.
    stats: Option<&'a Stats>,
    anchors: Anchors,
    /// Bookmark of the source → anchor in the report.
    bookmarks: HashMap<&'a str, String>,
    /// Footnote id → number, in reading order.
    footnote_numbers: HashMap<&'a str, u32>,
    /// References seen so far per footnote number.
    footnote_refs: HashMap<u32, u32>,
    /// What each footnote number shows: the custom mark of its first reference that has
    /// one, else a number no custom mark shows.
    footnote_labels: HashMap<u32, String>,
}

impl<'a> Builder<'a> {
    fn new(plan: &'a ActionPlan, target: Target, stats: Option<&'a Stats>) -> Self {
        Builder {
            plan,
            target,
            stats,
            anchors: Anchors::default(),
            bookmarks: HashMap::new(),
            footnote_numbers: HashMap::new(),
            footnote_refs: HashMap::new(),
            footnote_labels: HashMap::new(),
        }
    }

    /// An anchor: `html` as an id for HTML, the slug of `heading` for Markdown.
    fn anchor(&mut self, html: String, heading: &str) -> String {
        let base = match self.target {
            Target::Html => html,
            Target::Markdown => github_slug(heading),
        };
        self.anchors.unique(base)
    }

    fn build(mut self) -> View {
        let plan = self.plan;
        let title = document_title(plan);
        // Anchors first, in heading order, so that links can point forward.
        let anchors = self.assign_anchors(&title);
        self.number_footnotes();
        let (masthead, cover) = cover_rows(plan);
        let summary = self.summary_view(&anchors);
        let progress = self.progress_view(&anchors);
        let mut tally = Tally::default();
        let resolutions = self.resolution_views(anchors.resolutions, &mut tally);
        let appendices = self.appendix_views(anchors.appendices);
        let footnotes = self.footnote_views();
        View {
            target: match self.target {
                Target::Html => "html",
                Target::Markdown => "markdown",
            },
            title,
            anchors: anchors.fixed,
            masthead,
            cover,
            summary,
            progress,
            resolutions,
            appendices,
            footnotes,
            owners: tally.owner_choices(),
            milestones: tally.milestone_choices(),
            totals: tally.totals,
            charts: match (self.target, self.stats) {
                (Target::Html, Some(stats)) => listing::stats_charts(stats),
                _ => String::new(),
            },
            chart_style: match (self.target, self.stats) {
                (Target::Html, Some(_)) => listing::CHART_STYLE,
                _ => "",
            },
            generator: format!("actplan {}", env!("CARGO_PKG_VERSION")),
        }
    }

    /// Every heading's anchor, unique in the document, and the source bookmarks that point
    /// at them.
    fn assign_anchors(&mut self, title: &str) -> Anchored {
        let plan = self.plan;
        let mut fixed = BTreeMap::new();
        let _ = self.anchor("title".into(), title);
        fixed.insert("contents", self.anchor("contents".into(), "Contents"));
        let summary_heading = plan
            .summary
            .as_ref()
            .map(|s| non_empty_line(s.heading.as_deref()).unwrap_or_else(|| "Summary".into()));
        if let Some(heading) = &summary_heading {
            fixed.insert("summary", self.anchor("summary".into(), heading));
        }
        let progress_heading =
            non_empty_line(plan.progress.as_ref().and_then(|p| p.heading.as_deref()))
                .unwrap_or_else(|| "Progress reports".into());
        fixed.insert(
            "progress",
            self.anchor("progress".into(), &progress_heading),
        );
        let resolutions = plan
            .resolutions
            .iter()
            .map(|r| self.resolution_anchors(r))
            .collect();
        let mut appendices = Vec::new();
        for (i, a) in plan.appendices.iter().enumerate() {
            let anchor = self.anchor(format!("appendix-{}", i + 1), &one_line(&a.title));
            self.point_bookmarks(&a.bookmarks, &anchor);
            appendices.push(anchor);
        }
        fixed.insert("footnotes", self.anchor("footnotes".into(), "Footnotes"));
        Anchored {
            fixed,
            summary_heading,
            progress_heading,
            resolutions,
            appendices,
        }
    }

    /// A resolution's heading and anchor, and its items' anchors.
    fn resolution_anchors(&mut self, r: &'a Resolution) -> ResolutionAnchors {
        let heading = heading_text(r.kind, &r.number, &r.title);
        let html = format!("{}-{}", r.kind.as_str().to_lowercase(), id_part(&r.number));
        let anchor = self.anchor(html, &heading);
        self.point_bookmarks(r.anchor.iter().chain(&r.bookmarks), &anchor);
        let items = r
            .action_items
            .iter()
            .map(|item| {
                let anchor = self.anchor(format!("item-{}", id_part(&item.id)), &item.id);
                self.point_bookmarks(&item.bookmarks, &anchor);
                anchor
            })
            .collect();
        ResolutionAnchors {
            heading,
            anchor,
            items,
        }
    }

    /// Links to these source bookmarks go to `anchor` (the first anchor a bookmark gets).
    fn point_bookmarks(&mut self, bookmarks: impl IntoIterator<Item = &'a String>, anchor: &str) {
        for bookmark in bookmarks {
            self.bookmarks
                .entry(bookmark.as_str())
                .or_insert_with(|| anchor.to_string());
        }
    }

    /// Section I: column groups, flat column names, rows linked to their sections.
    fn summary_view(&mut self, anchors: &Anchored) -> Option<SummaryView> {
        let plan = self.plan;
        let s = plan.summary.as_ref()?;
        let rows = s
            .rows
            .iter()
            .map(|row| summary_row_view(plan, row, &anchors.resolutions))
            .collect();
        Some(SummaryView {
            heading: anchors.summary_heading.clone().unwrap_or_default(),
            anchor: anchors.fixed.get("summary").cloned().unwrap_or_default(),
            caption: self.flow(&s.caption),
            groups: column_groups(&s.columns),
            columns: s.columns.iter().map(column_view).collect(),
            rows,
            legend: s
                .legend
                .iter()
                .map(|l| LegendView {
                    term: l.term.clone(),
                    definition: l.definition.clone(),
                })
                .collect(),
            notes: self.flow(&s.notes),
        })
    }

    /// Section II's heading and introduction.
    fn progress_view(&mut self, anchors: &Anchored) -> ProgressView {
        ProgressView {
            heading: anchors.progress_heading.clone(),
            anchor: anchors.fixed["progress"].clone(),
            intro: match &self.plan.progress {
                Some(p) => self.flow(&p.intro),
                None => Flow::default(),
            },
        }
    }

    /// Every resolution with its items, counted into `tally`.
    fn resolution_views(
        &mut self,
        anchors: Vec<ResolutionAnchors>,
        tally: &mut Tally,
    ) -> Vec<ResolutionView> {
        let plan = self.plan;
        let mut resolutions = Vec::new();
        for (r, anchors) in plan.resolutions.iter().zip(anchors) {
            let operative_text = self.flow(&r.operative_text);
            let mut counts = Counts::default();
            let items = r
                .action_items
                .iter()
                .zip(anchors.items)
                .map(|(item, anchor)| self.item_view(r, item, anchor, &mut counts, tally))
                .collect();
            tally.totals.add(&counts);
            resolutions.push(ResolutionView {
                kind: r.kind.as_str(),
                number: r.number.clone(),
                title: one_line(&r.title),
                heading: anchors.heading,
                anchor: anchors.anchor,
                bookmark: r.anchor.clone(),
                operative_text,
                items,
                notes: self.flow(&r.notes),
                counts,
            });
        }
        resolutions
    }

    /// One item: its state, owners and milestones (counted), and its status paragraphs.
    fn item_view(
        &mut self,
        r: &Resolution,
        item: &Item,
        anchor: String,
        counts: &mut Counts,
        tally: &mut Tally,
    ) -> ItemView {
        let (state, state_label) = counts.count(item);
        let owners = owners::item_owners(self.plan, r, item).names;
        let milestones = milestone_parts(&item.milestone);
        tally.count(&owners, &milestones);
        let order = tally.items;
        tally.items += 1;
        let (action_spans, action_md) =
            self.inline_text(&item.action, &item.action_inlines, markdown::Mode::Block);
        let (milestone_spans, milestone_md) = if item.milestone_inlines.is_empty() {
            (Vec::new(), String::new())
        } else {
            self.inline_text(
                &item.milestone,
                &item.milestone_inlines,
                markdown::Mode::Block,
            )
        };
        ItemView {
            id: item.id.clone(),
            anchor,
            cross_reference: item.cross_reference.clone(),
            action: item.action.clone(),
            action_spans,
            action_md,
            milestone: item.milestone.clone(),
            milestone_spans,
            milestone_md,
            milestones,
            periodic_goals_met: item.periodic_goals_met,
            completed: item.completed,
            periodic_goals_met_text: item.periodic_goals_met_text.clone(),
            completed_text: item.completed_text.clone(),
            extra: item
                .extra
                .iter()
                .map(|(header, text)| ExtraCell {
                    header: header.clone(),
                    text: text.clone(),
                })
                .collect(),
            state,
            state_label,
            owners,
            order,
            status: self.flow(&item.status),
        }
    }

    /// The appendices, their item tables padded to the widest row.
    fn appendix_views(&mut self, anchors: Vec<String>) -> Vec<AppendixView> {
        let plan = self.plan;
        plan.appendices
            .iter()
            .zip(anchors)
            .map(|(a, anchor)| {
                let extra_columns = a.items.iter().map(|i| i.extra.len()).max().unwrap_or(0);
                AppendixView {
                    title: one_line(&a.title),
                    anchor,
                    note: a.note.clone(),
                    extra_columns,
                    items: a
                        .items
                        .iter()
                        .map(|i| self.appendix_item_view(i, extra_columns))
                        .collect(),
                    blocks: self.flow(&a.blocks),
                }
            })
            .collect()
    }

    /// An obsolete item, its extra cells padded to `extra_columns`, its action's spans
    /// (with footnote references) for this target.
    fn appendix_item_view(
        &mut self,
        item: &AppendixItem,
        extra_columns: usize,
    ) -> AppendixItemView {
        let mut extra = item.extra.clone();
        extra.resize(extra_columns, String::new());
        let (action_spans, action_md) =
            self.inline_text(&item.action, &item.action_inlines, markdown::Mode::Cell);
        AppendixItemView {
            id: item.id.clone(),
            cross_reference: item.cross_reference.clone(),
            action: item.action.clone(),
            action_spans,
            action_md,
            extra,
        }
    }

    /// A text with its inlines for this target: its spans (HTML, footnote references
    /// numbered) or inline Markdown written for `mode` (Markdown).
    fn inline_text(
        &mut self,
        text: &str,
        inlines: &[Inline],
        mode: markdown::Mode,
    ) -> (Vec<Span>, String) {
        let block = Block {
            text: text.to_string(),
            inlines: inlines.to_vec(),
            ..Block::default()
        };
        let spans = self.spans(&block);
        match self.target {
            Target::Html => (spans, String::new()),
            Target::Markdown => (Vec::new(), markdown::spans(&spans, mode, "", false)),
        }
    }

    /// Every footnote of the plan: the referenced ones in the order of their numbers,
    /// then any the text never cites (so none is lost), each shown with its label once.
    fn footnote_views(&mut self) -> Vec<FootnoteView> {
        let plan = self.plan;
        let mut numbered: Vec<(&str, u32)> = self
            .footnote_numbers
            .iter()
            .map(|(id, n)| (*id, *n))
            .collect();
        numbered.sort_by_key(|(_, n)| *n);
        let cited = numbered.len();
        let mut next = cited as u32;
        for id in plan.footnotes.keys() {
            if !self.footnote_numbers.contains_key(id.as_str()) {
                next += 1;
                numbered.push((id.as_str(), next));
                let label = self.free_label();
                self.footnote_labels.insert(next, label);
            }
        }
        let mut footnotes = Vec::new();
        for (index, (id, number)) in numbered.into_iter().enumerate() {
            let label = self.footnote_label(number);
            let blocks = without_leading_mark(&plan.footnotes[id], &label);
            let mut content = self.flow(&blocks);
            if self.target == Target::Markdown {
                // Continuation paragraphs of a footnote definition are indented.
                content.md = markdown::indent_continuation(&content.md, "    ");
            }
            footnotes.push(FootnoteView {
                number,
                source_id: id.to_string(),
                key: markdown_key(&label, number),
                label,
                anchor: format!("fn-{number}"),
                back: if index < cited {
                    format!("fnref-{number}")
                } else {
                    String::new()
                },
                content,
            });
        }
        footnotes
    }

    /// Number the footnotes referenced in the text, in the order a reader meets them, and
    /// label them: a custom mark as the source shows it, else the next number that no
    /// custom mark shows (so two footnotes never show the same label).
    fn number_footnotes(&mut self) {
        let plan = self.plan;
        let mut next = 1;
        plan.for_each_part(&mut |_, spans| self.number_references(spans.inlines(), &mut next));
        for number in 1..next {
            if !self.footnote_labels.contains_key(&number) {
                let label = self.free_label();
                self.footnote_labels.insert(number, label);
            }
        }
    }

    /// The smallest number no footnote shows yet.
    fn free_label(&self) -> String {
        (1u32..)
            .map(|n| n.to_string())
            .find(|n| !self.footnote_labels.values().any(|l| l == n))
            .unwrap_or_default()
    }

    /// Number the footnotes `inlines` refer to that have no number yet (`next` is the
    /// next number).
    fn number_references(&mut self, inlines: Vec<&'a Inline>, next: &mut u32) {
        for inline in inlines {
            let Some(id) = inline.footnote.as_deref() else {
                continue;
            };
            if !self.plan.footnotes.contains_key(id) {
                continue;
            }
            let number = *self.footnote_numbers.entry(id).or_insert_with(|| {
                let number = *next;
                *next = next.saturating_add(1);
                number
            });
            if let Some(mark) = &inline.mark {
                self.footnote_labels
                    .entry(number)
                    .or_insert_with(|| mark.clone());
            }
        }
    }

    fn footnote_label(&self, number: u32) -> String {
        self.footnote_labels
            .get(&number)
            .cloned()
            .unwrap_or_else(|| number.to_string())
    }

    /// Paragraphs as a flow for this target.
    fn flow(&mut self, blocks: &[Block]) -> Flow {
        let nodes = self.nodes(blocks);
        let mut text = String::new();
        for block in blocks {
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(&block.text);
        }
        match self.target {
            Target::Html => Flow {
                nodes,
                md: String::new(),
                text,
            },
            Target::Markdown => Flow {
                md: markdown::blocks(&nodes),
                nodes: Vec::new(),
                text,
            },
        }
    }

    /// Blocks as nodes: consecutive list paragraphs become nested lists.
    fn nodes(&mut self, blocks: &[Block]) -> Vec<Node> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < blocks.len() {
            let block = &blocks[i];
            if let Some(rows) = &block.rows {
                let rows: Vec<Vec<Vec<Node>>> = rows
                    .iter()
                    .map(|row| row.iter().map(|cell| self.nodes(cell)).collect())
                    .collect();
                let header_rows = block.header_rows.unwrap_or(0) as usize;
                out.push(Node {
                    kind: "table",
                    style: None,
                    spans: Vec::new(),
                    items: Vec::new(),
                    header_rows: header_rows.min(rows.len()),
                    rows,
                });
                i += 1;
            } else if block.list_level.is_some() {
                let start = i;
                while i < blocks.len() && blocks[i].list_level.is_some() && !blocks[i].is_table() {
                    i += 1;
                }
                let entries: Vec<(u32, ListKind, Vec<Span>)> = blocks[start..i]
                    .iter()
                    .filter_map(|b| {
                        let spans = self.spans(b);
                        (!spans.is_empty()).then(|| {
                            (
                                b.list_level.unwrap_or(0),
                                b.list_kind.unwrap_or(ListKind::Bullet),
                                spans,
                            )
                        })
                    })
                    .collect();
                out.extend(nest(entries));
            } else {
                let spans = self.spans(block);
                if !spans.is_empty() {
                    out.push(Node {
                        kind: "p",
                        style: block.style.as_ref().map(|s| s.to_lowercase()),
                        spans,
                        items: Vec::new(),
                        rows: Vec::new(),
                        header_rows: 0,
                    });
                }
                i += 1;
            }
        }
        out
    }

    /// A paragraph's spans: safe links, footnote references numbered, neighbours with the
    /// same formatting merged, outer whitespace trimmed.
    fn spans(&mut self, block: &Block) -> Vec<Span> {
        let mut out: Vec<Span> = Vec::new();
        let inlines: Vec<Inline>;
        let source: &[Inline] = if block.inlines.is_empty() {
            inlines = block.spans();
            &inlines
        } else {
            &block.inlines
        };
        for inline in source {
            if let Some(id) = inline.footnote.as_deref() {
                match self.footnote_numbers.get(id).copied() {
                    Some(number) => {
                        let seen = self.footnote_refs.entry(number).or_insert(0);
                        *seen += 1;
                        let anchor = if *seen == 1 {
                            format!("fnref-{number}")
                        } else {
                            format!("fnref-{number}-{seen}")
                        };
                        out.push(Span {
                            text: String::new(),
                            bold: false,
                            italic: false,
                            href: None,
                            external: false,
                            footnote: Some(FootnoteRef {
                                key: markdown_key(&self.footnote_label(number), number),
                                number,
                                label: inline
                                    .mark
                                    .clone()
                                    .unwrap_or_else(|| self.footnote_label(number)),
                                target: format!("fn-{number}"),
                                anchor,
                            }),
                        });
                    }
                    None => {
                        if let Some(mark) = &inline.mark {
                            push_text(&mut out, mark, false, false, None);
                        }
                    }
                }
                continue;
            }
            if inline.text.is_empty() {
                continue;
            }
            let href = inline.href.as_deref().and_then(|h| self.link(h));
            push_text(&mut out, &inline.text, inline.bold, inline.italic, href);
        }
        // Trim the paragraph's outer whitespace.
        if let Some(first) = out.iter_mut().find(|s| s.footnote.is_none()) {
            first.text = first.text.trim_start().to_string();
        }
        if let Some(last) = out.iter_mut().rev().find(|s| s.footnote.is_none()) {
            last.text = last.text.trim_end().to_string();
        }
        out.retain(|s| s.footnote.is_some() || !s.text.is_empty());
        out
    }

    /// A link target for the report: internal bookmarks pointed at report anchors.
    fn link(&self, href: &str) -> Option<String> {
        let safe = safe_href(href)?;
        if let Some(bookmark) = safe.strip_prefix('#') {
            if let Some(anchor) = self.bookmarks.get(bookmark) {
                return Some(format!("#{anchor}"));
            }
        }
        Some(safe)
    }
}

/// The anchors of a view, assigned before anything is written.
struct Anchored {
    /// `contents`, `summary`, `progress`, `footnotes`.
    fixed: BTreeMap<&'static str, String>,
    summary_heading: Option<String>,
    progress_heading: String,
    resolutions: Vec<ResolutionAnchors>,
    appendices: Vec<String>,
}

/// A resolution's heading text and anchor, and its items' anchors.
struct ResolutionAnchors {
    heading: String,
    anchor: String,
    items: Vec<String>,
}

/// What the filters count over all items: states, owners, milestones.
#[derive(Default)]
struct Tally {
    totals: Counts,
    items: usize,
    owners: HashMap<String, usize>,
    milestones: Vec<Choice>,
}

impl Tally {
    fn count(&mut self, owners: &[String], milestones: &[String]) {
        for owner in owners {
            *self.owners.entry(owner.clone()).or_default() += 1;
        }
        for m in milestones {
            match self.milestones.iter_mut().find(|c| &c.value == m) {
                Some(c) => c.count += 1,
                None => self.milestones.push(Choice {
                    value: m.clone(),
                    count: 1,
                }),
            }
        }
    }

    /// Owners in [`owners::all_owners`] order.
    fn owner_choices(&self) -> Vec<Choice> {
        let all = owners::all_owners();
        let mut list: Vec<Choice> = self
            .owners
            .iter()
            .map(|(value, count)| Choice {
                value: value.clone(),
                count: *count,
            })
            .collect();
        list.sort_by_key(|c| all.iter().position(|o| *o == c.value));
        list
    }

    /// Milestones, the most frequent first.
    fn milestone_choices(&self) -> Vec<Choice> {
        let mut list = self.milestones.clone();
        list.sort_by(|a, b| b.count.cmp(&a.count).then(a.value.cmp(&b.value)));
        list
    }
}

impl Counts {
    /// Count `item` by its state; its state and label.
    fn count(&mut self, item: &Item) -> (&'static str, &'static str) {
        self.items += 1;
        if item.completed {
            self.completed += 1;
            ("completed", "Completed")
        } else if item.periodic_goals_met {
            self.periodic += 1;
            ("periodic", "Periodic goals met")
        } else {
            self.open += 1;
            ("open", "Open")
        }
    }

    fn add(&mut self, other: &Counts) {
        self.items += other.items;
        self.completed += other.completed;
        self.periodic += other.periodic;
        self.open += other.open;
    }
}

/// The document title: the plan's, else the cover's, else "WTSA Action Plan".
fn document_title(plan: &ActionPlan) -> String {
    non_empty_line(plan.title.as_deref())
        .or_else(|| plan.cover.as_ref().and_then(|c| c.title.clone()))
        .unwrap_or_else(|| "WTSA Action Plan".into())
}

/// The text on one line, unless it is empty.
fn non_empty_line(text: Option<&str>) -> Option<String> {
    text.map(one_line).filter(|t| !t.is_empty())
}

/// The cover: unlabelled texts (masthead) and labelled fields in display order.
fn cover_rows(plan: &ActionPlan) -> (Vec<String>, Vec<CoverRow>) {
    let mut masthead = Vec::new();
    let mut cover = Vec::new();
    let Some(c) = &plan.cover else {
        return (masthead, cover);
    };
    let fields = [
        ("group", "Group", &c.group),
        ("td_number", "Document", &c.td_number),
        ("study_period", "Study period", &c.study_period),
        ("original_language", "Original", &c.original_language),
        ("meeting", "Meeting", &c.meeting),
        ("document_type", "Document type", &c.document_type),
        ("questions", "Question(s)", &c.questions),
        ("source", "Source", &c.source),
        ("title", "Title", &c.title),
        ("purpose", "Purpose", &c.purpose),
        ("contact", "Contact", &c.contact),
        ("keywords", "Keywords", &c.keywords),
        ("abstract", "Abstract", &c.r#abstract),
    ];
    for (key, label, value) in fields {
        if let Some(value) = value.as_ref().filter(|v| !v.trim().is_empty()) {
            cover.push(CoverRow {
                key: key.into(),
                label: label.into(),
                value: value.clone(),
            });
        }
    }
    for other in &c.other {
        if other.label.trim().is_empty() {
            masthead.push(one_line(&other.value));
        } else {
            cover.push(CoverRow {
                key: "other".into(),
                label: other.label.clone(),
                value: other.value.clone(),
            });
        }
    }
    (masthead, cover)
}

/// Consecutive columns of the same group, merged into one heading.
fn column_groups(columns: &[SummaryColumn]) -> Vec<ColumnGroup> {
    let mut groups: Vec<ColumnGroup> = Vec::new();
    for column in columns {
        match groups.last_mut() {
            Some(g) if g.name == column.group => g.span += 1,
            _ => groups.push(ColumnGroup {
                name: column.group.clone(),
                span: 1,
            }),
        }
    }
    groups
}

fn column_view(c: &SummaryColumn) -> ColumnView {
    ColumnView {
        group: c.group.clone(),
        name: c.name.clone(),
        flat: if c.group.is_empty() {
            one_line(&c.name)
        } else {
            format!("{} / {}", one_line(&c.group), one_line(&c.name))
        },
    }
}

/// A matrix row linked to its section by kind and number only: the source's anchors are
/// not reliable (Resolution 85's title links to Resolution 86's heading).
fn summary_row_view(
    plan: &ActionPlan,
    row: &SummaryRow,
    resolutions: &[ResolutionAnchors],
) -> SummaryRowView {
    let section = plan
        .resolutions
        .iter()
        .position(|r| r.kind.as_str() == row.kind && same_number(&r.number, &row.number))
        .and_then(|i| resolutions.get(i))
        .map(|a| format!("#{}", a.anchor));
    SummaryRowView {
        label: row.label.clone(),
        kind: row.kind.clone(),
        number: row.number.clone(),
        title: row.title.clone(),
        url: row.url.as_deref().and_then(safe_href),
        target: section,
        cells: row.cells.clone(),
    }
}

fn push_text(out: &mut Vec<Span>, text: &str, bold: bool, italic: bool, href: Option<String>) {
    if let Some(last) = out.last_mut() {
        if last.footnote.is_none()
            && last.bold == bold
            && last.italic == italic
            && last.href == href
        {
            last.text.push_str(text);
            return;
        }
    }
    let external = href.as_deref().is_some_and(|h| !h.starts_with('#'));
    out.push(Span {
        text: text.to_string(),
        bold,
        italic,
        href,
        external,
        footnote: None,
    });
}

/// Flat list paragraphs (level, kind, text) as nested list nodes.
fn nest(entries: Vec<(u32, ListKind, Vec<Span>)>) -> Vec<Node> {
    fn build(entries: &[(u32, ListKind, Vec<Span>)]) -> Vec<Node> {
        let mut out: Vec<Node> = Vec::new();
        let Some(base) = entries.first().map(|e| e.0) else {
            return out;
        };
        let mut i = 0;
        while i < entries.len() {
            let (_, kind, spans) = &entries[i];
            let mut j = i + 1;
            while j < entries.len() && entries[j].0 > base {
                j += 1;
            }
            let item = ListItem {
                spans: spans.clone(),
                children: build(&entries[i + 1..j]),
            };
            let tag = match kind {
                ListKind::Bullet => "ul",
                ListKind::Ordered => "ol",
            };
            match out.last_mut() {
                Some(list) if list.kind == tag => list.items.push(item),
                _ => out.push(Node {
                    kind: tag,
                    style: None,
                    spans: Vec::new(),
                    items: vec![item],
                    rows: Vec::new(),
                    header_rows: 0,
                }),
            }
            i = j;
        }
        out
    }
    build(&entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hrefs() {
        assert_eq!(
            safe_href("https://x.org/a b").as_deref(),
            Some("https://x.org/a%20b")
        );
        assert_eq!(safe_href("MAILTO:a@b").as_deref(), Some("MAILTO:a@b"));
        assert_eq!(
            safe_href("#Resolution_22").as_deref(),
            Some("#Resolution_22")
        );
        assert_eq!(safe_href("javascript:alert(1)"), None);
        assert_eq!(safe_href(" java\tscript:alert(1)"), None);
        assert_eq!(safe_href("JaVaScRiPt:x"), None);
        assert_eq!(safe_href("data:text/html,x"), None);
        assert_eq!(safe_href("//evil.example/x"), None);
        assert_eq!(safe_href("file:///etc/passwd"), None);
    }

    #[test]
    fn slugs() {
        assert_eq!(
            github_slug("Resolution 22 – Title, with (punctuation)"),
            "resolution-22--title-with-punctuation"
        );
        assert_eq!(github_slug("22-02"), "22-02");
        assert_eq!(github_slug("Émile_x"), "émile_x");
    }

    #[test]
    fn milestones() {
        assert_eq!(
            milestone_parts("TSAG2023,\nOngoing"),
            ["TSAG 2023", "Ongoing"]
        );
        assert_eq!(milestone_parts("Council 2023"), ["Council 2023"]);
        assert_eq!(milestone_parts("WTSA-24"), ["WTSA-24"]);
        assert_eq!(milestone_parts("2022/2023"), ["2022/2023"]);
    }

    #[test]
    fn lists_nest() {
        let span = |t: &str| {
            vec![Span {
                text: t.into(),
                bold: false,
                italic: false,
                href: None,
                external: false,
                footnote: None,
            }]
        };
        let nodes = nest(vec![
            (0, ListKind::Bullet, span("a")),
            (1, ListKind::Bullet, span("a1")),
            (1, ListKind::Ordered, span("a2")),
            (0, ListKind::Bullet, span("b")),
            (0, ListKind::Ordered, span("c")),
        ]);
        assert_eq!(nodes.len(), 2);
        assert_eq!(nodes[0].kind, "ul");
        assert_eq!(nodes[0].items.len(), 2);
        assert_eq!(nodes[0].items[0].children.len(), 2);
        assert_eq!(nodes[0].items[0].children[1].kind, "ol");
        assert_eq!(nodes[1].kind, "ol");
    }
}
