//! The versioned JSON model of an Action Plan edition: the contract users script against.
//!
//! Every type here serialises with a fixed key order (struct field order) and maps are
//! `BTreeMap`s, so the same plan always gives the same bytes. Optional and empty fields are
//! left out of the JSON; [`crate::model::json::from_json_str`] accepts them missing.
//!
//! The JSON Schema published in `schema/actplan.schema.json` is generated from these types
//! ([`json_schema`]); `actplan schema` prints it.

pub mod date;
pub mod json;
pub(crate) mod marks;
pub mod milestone;
pub mod owners;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The start of the name of the hidden bookmark actplan's writer puts in the header cell
/// of an action table's extra column: the reader keeps it (unlike its other `_Actplan…`
/// bookmarks) and takes the column for an extra one whatever its header text, so that a
/// key such as "Comment" is not read as the Status column.
pub(crate) const EXTRA_COLUMN_BOOKMARK: &str = "_ActplanExtraColumn";

/// The schema version this build writes. Version 2 added `action_inlines` (items and
/// appendix items) and the item fields `periodic_goals_met_text`, `completed_text` and `extra`, all
/// optional: version 1 JSON reads unchanged (and is read as version 2). Version 3 added
/// the optional `milestone_inlines`; versions 1 and 2 read unchanged.
pub const SCHEMA_VERSION: u32 = 3;

/// The oldest schema version this build reads.
pub const OLDEST_SCHEMA_VERSION: u32 = 1;

fn is_false(value: &bool) -> bool {
    !*value
}

/// One edition of the Action Plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionPlan {
    /// Version of this model; 2 for this release (version 1 is read too).
    pub schema_version: u32,
    /// The TD cover table; absent when the document has no cover.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cover: Option<Cover>,
    /// The document title paragraph ("WTSA-20 Action Plan").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Section I: the summary matrix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<Summary>,
    /// Section II: the heading and introduction that precede the first resolution.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub progress: Option<ProgressSection>,
    /// Resolutions and opinions in document order.
    #[serde(default)]
    pub resolutions: Vec<Resolution>,
    /// Appendices of obsolete items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub appendices: Vec<Appendix>,
    /// Footnote texts keyed by their `w:id` in `word/footnotes.xml`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub footnotes: BTreeMap<String, Vec<Block>>,
}

/// The TD cover: named fields where known, every other label/value pair kept in `other`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cover {
    /// Issuing group ("TSAG").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// "TD 999".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub td_number: Option<String>,
    /// "2022-2024".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub study_period: Option<String>,
    /// "English".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_language: Option<String>,
    /// Meeting place and date ("Geneva, 30 May - 2 June 2023").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting: Option<String>,
    /// Document type line ("TD").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_type: Option<String>,
    /// "Question(s):" field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub questions: Option<String>,
    /// "Source:" field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// "Title:" field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// "Purpose:" field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<String>,
    /// "Contact:" field, the cells after the label joined by newlines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
    /// "Keywords:" field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keywords: Option<String>,
    /// "Abstract:" field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub r#abstract: Option<String>,
    /// Every other text of the cover, with its label when it had one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other: Vec<CoverField>,
}

/// A cover text that has no named field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CoverField {
    /// The label without its colon; empty for an unlabelled cell.
    pub label: String,
    /// The value text.
    pub value: String,
}

/// Section I: who acts on, collaborates on and reports on each resolution.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    /// The section heading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
    /// Paragraphs between the heading and the matrix ("Table 1", the table title).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub caption: Vec<Block>,
    /// The matrix columns after the label column, in order.
    pub columns: Vec<SummaryColumn>,
    /// One row per resolution or opinion.
    pub rows: Vec<SummaryRow>,
    /// The legend under the matrix.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub legend: Vec<LegendEntry>,
    /// Paragraphs after the legend, before Section II.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Block>,
}

/// A matrix column: its group ("Action by", "Collaboration with", "Report to") and name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SummaryColumn {
    /// "Action by", "Collaboration with" or "Report to".
    pub group: String,
    /// "SGs", "BDT\nITU-D", …
    pub name: String,
}

/// A matrix row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SummaryRow {
    /// "Resolution 31" / "Opinion 1".
    pub label: String,
    /// "Resolution" or "Opinion".
    pub kind: String,
    /// "31".
    pub number: String,
    /// The title after the dash.
    pub title: String,
    /// Link to the published text of the resolution.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Internal anchor of the Section II heading the title links to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor: Option<String>,
    /// The cell strings, one per column, in column order.
    pub cells: Vec<String>,
}

/// A legend line: "GCA : Global Cybersecurity Agenda".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LegendEntry {
    /// "GCA", "*", "**".
    pub term: String,
    /// "Global Cybersecurity Agenda".
    pub definition: String,
}

/// The Section II heading and its introduction.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProgressSection {
    /// The heading text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
    /// Paragraphs before the first resolution.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub intro: Vec<Block>,
}

/// Whether a part of Section II is a resolution or an opinion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum Kind {
    /// A WTSA Resolution.
    Resolution,
    /// A WTSA Opinion.
    Opinion,
}

impl Kind {
    /// The word as it appears in the document.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Resolution => "Resolution",
            Kind::Opinion => "Opinion",
        }
    }
}

/// One resolution or opinion of Section II.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Resolution {
    /// Resolution or Opinion.
    pub kind: Kind,
    /// "22".
    pub number: String,
    /// The heading text after "Resolution 22 – ".
    pub title: String,
    /// The bookmark at the heading that links point to (e.g. "Resolution_22").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor: Option<String>,
    /// Every bookmark at the heading, in order (kept to re-render the same anchors).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bookmarks: Vec<String>,
    /// The operative text between the heading and the action table.
    #[serde(default)]
    pub operative_text: Vec<Block>,
    /// The action items in table order.
    #[serde(default)]
    pub action_items: Vec<Item>,
    /// Paragraphs after the action table other than the "» Top" link.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Block>,
}

/// One action item.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// "22-02": the first line of the id cell.
    pub id: String,
    /// Further lines of the id cell, such as "(44-14)": a cross-reference to an older id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cross_reference: Option<String>,
    /// Bookmarks inside the id cell.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bookmarks: Vec<String>,
    /// The action text (paragraphs joined by "\n").
    pub action: String,
    /// The action text's formatted spans, links and footnote references (paragraphs
    /// separated by a "\n" span), adding up to `action`; omitted when it is plain text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub action_inlines: Vec<Inline>,
    /// The milestone text (lines joined by "\n").
    pub milestone: String,
    /// The milestone's formatted spans, links and footnote references (lines separated by
    /// a "\n" span), adding up to `milestone`; omitted when it is plain text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub milestone_inlines: Vec<Inline>,
    /// A true mark in the "Periodic goals met" column (see [`Item::completed`] for the
    /// marks read as true).
    pub periodic_goals_met: bool,
    /// The "Periodic goals met" cell text when it is not a plain mark (kept so that
    /// nothing is lost; the reader warns about it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub periodic_goals_met_text: Option<String>,
    /// A true mark in the "Completed" column: a check glyph (√ ✓ ✔ ☑ ☒, the Symbol and
    /// Wingdings checks) or the words X, Yes, Y, Done (any case). Empty, No, N and a dash
    /// read false; any other text reads false and is kept in `completed_text`.
    pub completed: bool,
    /// The "Completed" cell text when it is not a plain mark.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completed_text: Option<String>,
    /// The status paragraphs (from the status row, the status column, or both).
    #[serde(default)]
    pub status: Vec<Block>,
    /// Cells of columns the action table has beyond the known ones, keyed by their header.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, String>,
}

/// One appendix of obsolete items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Appendix {
    /// The full heading ("Appendix I – Obsolete action items from WTSA-16 Action Plan").
    pub title: String,
    /// Bookmarks at the heading.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bookmarks: Vec<String>,
    /// The note paragraph(s) before the item table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The obsolete items.
    #[serde(default)]
    pub items: Vec<AppendixItem>,
    /// Everything after the item table (the lists of ids).
    #[serde(default)]
    pub blocks: Vec<Block>,
}

/// An obsolete item listed in an appendix.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AppendixItem {
    /// First line of the id cell.
    pub id: String,
    /// Second line of the id cell, such as "(44-25)".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cross_reference: Option<String>,
    /// The action text (paragraphs joined by "\n").
    pub action: String,
    /// The action text's formatted spans, links and footnote references (paragraphs
    /// separated by a "\n" span), adding up to `action`; omitted when it is plain text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub action_inlines: Vec<Inline>,
    /// Further cells of the row, if the table had more than two columns.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extra: Vec<String>,
}

/// The kind of list a paragraph belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ListKind {
    /// A bulleted list.
    Bullet,
    /// A numbered list ("1.", "a)", …).
    Ordered,
}

/// A paragraph, or a table when `rows` is present.
///
/// `text` is the plain text (TAB as "\t", line breaks as "\n", no list label). `inlines`
/// carries the formatting and links; it is omitted when the paragraph is plain text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Block {
    /// Plain text; for a table, rows joined by "\n" and cells by "\t".
    pub text: String,
    /// null for a normal paragraph, 0, 1, … for a list item at that level.
    pub list_level: Option<u32>,
    /// Bullet or numbered list (present with `list_level`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list_kind: Option<ListKind>,
    /// The paragraph style name when it is not the default one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub style: Option<String>,
    /// Formatted spans, links and footnote references; omitted for plain text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inlines: Vec<Inline>,
    /// A nested table: rows of cells, each cell a list of blocks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rows: Option<Vec<Vec<Vec<Block>>>>,
    /// How many of a nested table's first rows are its header (Word's repeating header
    /// rows, `w:tblHeader`); omitted when none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header_rows: Option<u32>,
}

/// A piece of a paragraph: a text span (optionally bold, italic, linked) or a footnote
/// reference (`footnote` set, `text` empty).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Inline {
    /// The span's text (empty for a footnote reference).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
    /// Bold.
    #[serde(default, skip_serializing_if = "is_false")]
    pub bold: bool,
    /// Italic.
    #[serde(default, skip_serializing_if = "is_false")]
    pub italic: bool,
    /// Link target: an external URL, or "#anchor" for a bookmark in the document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub href: Option<String>,
    /// Footnote reference: the id of the footnote in [`ActionPlan::footnotes`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub footnote: Option<String>,
    /// Custom footnote mark ("*") when the reference does not use the automatic number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mark: Option<String>,
}

impl Inline {
    /// True when the span is plain text: no formatting, link or footnote.
    pub fn is_plain(&self) -> bool {
        !self.bold
            && !self.italic
            && self.href.is_none()
            && self.footnote.is_none()
            && self.mark.is_none()
    }
}

/// A text with its spans as spans: `inlines`, or one plain span holding `text`.
fn spans_of(text: &str, inlines: &[Inline]) -> Vec<Inline> {
    if inlines.is_empty() && !text.is_empty() {
        vec![Inline {
            text: text.to_string(),
            ..Inline::default()
        }]
    } else {
        inlines.to_vec()
    }
}

impl Item {
    /// The action as spans: `action_inlines`, or one plain span holding `action`.
    pub fn action_spans(&self) -> Vec<Inline> {
        spans_of(&self.action, &self.action_inlines)
    }

    /// The milestone as spans: `milestone_inlines`, or one plain span holding `milestone`.
    pub fn milestone_spans(&self) -> Vec<Inline> {
        spans_of(&self.milestone, &self.milestone_inlines)
    }
}

impl AppendixItem {
    /// The action as spans: `action_inlines`, or one plain span holding `action`.
    pub fn action_spans(&self) -> Vec<Inline> {
        spans_of(&self.action, &self.action_inlines)
    }
}

impl Block {
    /// A plain paragraph with the given text.
    pub fn plain(text: impl Into<String>) -> Block {
        Block {
            text: text.into(),
            ..Block::default()
        }
    }

    /// The spans of this block: `inlines`, or one plain span holding `text`.
    pub fn spans(&self) -> Vec<Inline> {
        if self.inlines.is_empty() && !self.text.is_empty() {
            vec![Inline {
                text: self.text.clone(),
                ..Inline::default()
            }]
        } else {
            self.inlines.clone()
        }
    }

    /// True for a nested table block.
    pub fn is_table(&self) -> bool {
        self.rows.is_some()
    }
}

impl Resolution {
    /// "Resolution 22", "Opinion 1".
    pub fn label(&self) -> String {
        owners::resolution_label(self.kind, &self.number)
    }
}

/// "01" and "1" are the same resolution number.
pub fn same_number(a: &str, b: &str) -> bool {
    a.trim().trim_start_matches('0') == b.trim().trim_start_matches('0')
}

/// A part of the plan whose text carries spans, as [`ActionPlan::for_each_part`] visits it.
#[derive(Debug, Clone, Copy)]
pub enum Part<'a> {
    /// The Section I caption.
    SummaryCaption,
    /// The Section I notes.
    SummaryNotes,
    /// The Section II introduction.
    ProgressIntro,
    /// A resolution's operative text.
    OperativeText(&'a Resolution),
    /// An item's action.
    Action(&'a Resolution, &'a Item),
    /// An item's milestone.
    Milestone(&'a Resolution, &'a Item),
    /// An item's status.
    Status(&'a Resolution, &'a Item),
    /// A resolution's notes.
    Notes(&'a Resolution),
    /// An appendix item's action.
    AppendixAction(&'a Appendix, &'a AppendixItem),
    /// An appendix's paragraphs after its item table.
    Appendix(&'a Appendix),
}

/// The spans of a part: its paragraphs, or the spans of a one-string text (an action, a
/// milestone).
#[derive(Debug, Clone, Copy)]
pub enum Spans<'a> {
    /// Paragraphs, nested tables included.
    Blocks(&'a [Block]),
    /// The spans of one text.
    Inlines(&'a [Inline]),
}

impl<'a> Spans<'a> {
    /// Every span, in order; a nested table's after its paragraph's own (walked with a
    /// stack, not recursion, however deep the tables nest).
    pub fn inlines(self) -> Vec<&'a Inline> {
        let blocks = match self {
            Spans::Inlines(inlines) => return inlines.iter().collect(),
            Spans::Blocks(blocks) => blocks,
        };
        let mut out = Vec::new();
        let mut stack: Vec<&'a Block> = blocks.iter().rev().collect();
        while let Some(block) = stack.pop() {
            out.extend(&block.inlines);
            for cell in block.rows.iter().flatten().flatten().rev() {
                stack.extend(cell.iter().rev());
            }
        }
        out
    }
}

impl ActionPlan {
    /// Call `f` on every part of the plan whose text carries spans, in document order: the
    /// Section I caption and notes, the Section II introduction, then for each resolution its
    /// operative text, each item's action, milestone and status, and its notes, then for each
    /// appendix its items' actions and its paragraphs. The footnotes' own text is not a part.
    pub fn for_each_part<'a>(&'a self, f: &mut impl FnMut(Part<'a>, Spans<'a>)) {
        if let Some(summary) = &self.summary {
            f(Part::SummaryCaption, Spans::Blocks(&summary.caption));
            f(Part::SummaryNotes, Spans::Blocks(&summary.notes));
        }
        if let Some(progress) = &self.progress {
            f(Part::ProgressIntro, Spans::Blocks(&progress.intro));
        }
        for r in &self.resolutions {
            f(Part::OperativeText(r), Spans::Blocks(&r.operative_text));
            for item in &r.action_items {
                f(Part::Action(r, item), Spans::Inlines(&item.action_inlines));
                f(
                    Part::Milestone(r, item),
                    Spans::Inlines(&item.milestone_inlines),
                );
                f(Part::Status(r, item), Spans::Blocks(&item.status));
            }
            f(Part::Notes(r), Spans::Blocks(&r.notes));
        }
        for a in &self.appendices {
            for item in &a.items {
                f(
                    Part::AppendixAction(a, item),
                    Spans::Inlines(&item.action_inlines),
                );
            }
            f(Part::Appendix(a), Spans::Blocks(&a.blocks));
        }
    }

    /// Call `f` on every inline span of the plan: paragraphs (nested tables included) of
    /// every part, item and appendix item actions, milestones, and the footnotes' own text.
    pub fn for_each_inline_mut(&mut self, f: &mut impl FnMut(&mut Inline)) {
        fn blocks(list: &mut [Block], f: &mut impl FnMut(&mut Inline)) {
            for block in list {
                block.inlines.iter_mut().for_each(&mut *f);
                for cell in block.rows.iter_mut().flatten().flatten() {
                    blocks(cell, f);
                }
            }
        }
        if let Some(summary) = &mut self.summary {
            blocks(&mut summary.caption, f);
            blocks(&mut summary.notes, f);
        }
        if let Some(progress) = &mut self.progress {
            blocks(&mut progress.intro, f);
        }
        for resolution in &mut self.resolutions {
            blocks(&mut resolution.operative_text, f);
            for item in &mut resolution.action_items {
                item.action_inlines.iter_mut().for_each(&mut *f);
                item.milestone_inlines.iter_mut().for_each(&mut *f);
                blocks(&mut item.status, f);
            }
            blocks(&mut resolution.notes, f);
        }
        for appendix in &mut self.appendices {
            for item in &mut appendix.items {
                item.action_inlines.iter_mut().for_each(&mut *f);
            }
            blocks(&mut appendix.blocks, f);
        }
        for note in self.footnotes.values_mut() {
            blocks(note, f);
        }
    }

    /// The first day of the meeting named on the cover ("Geneva, 30 May - 2 June 2023" →
    /// 2023-05-30), if there is a cover and its meeting has a date.
    pub fn meeting_start(&self) -> Option<milestone::Date> {
        self.cover
            .as_ref()?
            .meeting
            .as_deref()
            .and_then(milestone::meeting_start)
    }

    /// Set the cover field `key` (one of [`COVER_KEYS`]) to `value`, creating the cover
    /// when the plan has none.
    pub fn set_cover_field(&mut self, key: &str, value: &str) -> Result<(), UnknownCoverField> {
        let cover = self.cover.get_or_insert_with(Cover::default);
        let slot = match key {
            "group" => &mut cover.group,
            "td_number" => &mut cover.td_number,
            "study_period" => &mut cover.study_period,
            "original_language" => &mut cover.original_language,
            "meeting" => &mut cover.meeting,
            "document_type" => &mut cover.document_type,
            "questions" => &mut cover.questions,
            "source" => &mut cover.source,
            "title" => &mut cover.title,
            "purpose" => &mut cover.purpose,
            "contact" => &mut cover.contact,
            "keywords" => &mut cover.keywords,
            "abstract" => &mut cover.r#abstract,
            _ => {
                return Err(UnknownCoverField {
                    key: key.to_string(),
                })
            }
        };
        *slot = Some(value.to_string());
        Ok(())
    }
}

/// The cover fields [`ActionPlan::set_cover_field`] sets.
pub const COVER_KEYS: &[&str] = &[
    "group",
    "td_number",
    "study_period",
    "original_language",
    "meeting",
    "document_type",
    "questions",
    "source",
    "title",
    "purpose",
    "contact",
    "keywords",
    "abstract",
];

/// A key that is not a cover field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown cover field {key:?} (cover fields: {})", COVER_KEYS.join(", "))]
pub struct UnknownCoverField {
    /// The key given.
    pub key: String,
}

/// The JSON Schema of [`ActionPlan`], as a pretty-printed string ending in a newline.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(ActionPlan);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
