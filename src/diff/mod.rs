//! Compare two editions of the Action Plan and report what changed in their content.
//!
//! ```no_run
//! # let old = actplan::ActionPlan { schema_version: 1, cover: None, title: None, summary: None,
//! #   progress: None, resolutions: vec![], appendices: vec![], footnotes: Default::default() };
//! # let new = old.clone();
//! let report = actplan::diff::diff(&old, &new);
//! println!("{}", report.summary.headline());
//! print!("{}", actplan::diff::output::to_json(&report));
//! ```
//!
//! # What is compared
//!
//! Content only. Texts are compared after normalising whitespace (every run of spaces, TABs,
//! line breaks or no-break spaces is one space): formatting, run splitting, styles, list
//! labels and levels, link targets, bookmarks, anchors, field results and whichever program
//! saved the file are not changes. Footnote bodies are compared without any whitespace and
//! without their leading custom mark, because LibreOffice rewrites the mark and the TAB after
//! it when it saves a file.
//!
//! The cover's TD number and meeting identify the edition: they are shown in
//! [`Report::editions`], never reported as a change (every new edition has new ones).
//!
//! # How the parts are aligned
//!
//! Resolutions by kind and number, action items by id (an id found in another resolution
//! is `moved`), matrix rows by label and cells by column ("Action by / TSB"), appendices by
//! their number ("Appendix I"), appendix items by id, footnotes by their text (ids follow
//! document order and shift when one is inserted), paragraph lists with [`align_blocks`].

pub mod align;
pub mod output;
mod value;
pub mod words;

pub use align::{
    align_blocks, align_items, align_keyed, align_resolutions, align_texts, BlockPair, Pair,
};
pub use value::{Field, MatrixRow, Value};
pub use words::{normalise, words, Op};

use crate::model::{
    ActionPlan, Appendix, AppendixItem, Block, Cover, Item, Resolution, Summary, SummaryRow,
};
use crate::owners::resolution_label;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// The result of comparing two editions.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Report {
    /// The two editions compared (TD number and meeting from their covers).
    pub editions: Editions,
    /// How many changes of each kind.
    pub summary: Counts,
    /// Every content change, in document order (the new edition's; removed parts where they
    /// were in the old one).
    pub changes: Vec<Change>,
}

impl Report {
    /// True when the two editions have the same content.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }
}

/// The old and the new edition's identity.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Editions {
    /// The old edition.
    pub old: Edition,
    /// The new edition.
    pub new: Edition,
}

/// What identifies an edition: its TD number and meeting (from the cover).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Edition {
    /// "TD 999".
    pub td_number: Option<String>,
    /// "Geneva, 30 May - 2 June 2023".
    pub meeting: Option<String>,
}

impl Edition {
    fn of(plan: &ActionPlan) -> Edition {
        let cover = plan.cover.as_ref();
        Edition {
            td_number: cover.and_then(|c| c.td_number.clone()),
            meeting: cover.and_then(|c| c.meeting.clone()),
        }
    }

    /// "TD 999 (Geneva, 30 May - 2 June 2023)", or what of it is known.
    pub fn describe(&self) -> String {
        match (&self.td_number, &self.meeting) {
            (Some(td), Some(meeting)) => format!("{td} ({meeting})"),
            (Some(td), None) => td.clone(),
            (None, Some(meeting)) => meeting.clone(),
            (None, None) => "edition without a cover".to_string(),
        }
    }
}

/// What happened to the part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    /// Only in the new edition.
    Added,
    /// Only in the old edition.
    Removed,
    /// In both, different.
    Changed,
    /// An item whose id is now in another resolution.
    Moved,
}

/// Which part of the document changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Target {
    /// An action item (`id` is its id).
    Item,
    /// A resolution or opinion (`id` "Resolution 22"), or the Section II introduction
    /// (`id` "Section II").
    Resolution,
    /// Section I: a matrix row (`id` its label), the legend (`id` "Legend") or the section's
    /// heading and texts (`id` "Section I").
    Summary,
    /// An appendix (`id` "Appendix I") or one of its items (`id` the item id).
    Appendix,
    /// A footnote (`id` its id).
    Footnote,
    /// The cover (`id` "cover") or the document title (`id` "document").
    Cover,
}

/// Called out for a flip of `completed`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Note {
    /// `completed` false → true.
    NewlyCompleted,
    /// `completed` true → false.
    Reopened,
}

/// One piece of a word-level diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Word {
    /// equal, insert or delete.
    pub op: Op,
    /// The text, whitespace included.
    pub text: String,
}

/// One content change.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// added, removed, changed or moved.
    pub kind: ChangeKind,
    /// Which part of the document.
    pub target: Target,
    /// Item id, "Resolution 22", matrix row label, footnote id, "Appendix I", "cover"…
    pub id: String,
    /// The field that changed (written as the model's field name: "completed", "status",
    /// "milestone", "title", "operative_text"…), the matrix column ("Action by / TSB"), or
    /// `None` (null) for a whole part.
    pub field: Option<Field>,
    /// The old value ([`Value::None`] when added). A paragraph is its text; a whole part the
    /// part; a move the old resolution's label.
    pub before: Value,
    /// The new value ([`Value::None`] when removed).
    pub after: Value,
    /// For items: the resolution ("Resolution 22") it is in (the old one when removed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolution: Option<String>,
    /// For appendix items: the appendix ("Appendix I").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub appendix: Option<String>,
    /// "newly_completed" or "reopened" for a flip of `completed`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<Note>,
    /// Word-level diff of a changed text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub words: Option<Vec<Word>>,
    /// The heading of the document part the change is in, for readable reports.
    #[serde(skip)]
    pub context: String,
}

impl Change {
    /// The field's name as the JSON writes it ([`Field::as_str`]), `None` for a whole part.
    pub fn field_name(&self) -> Option<&str> {
        self.field.as_ref().map(Field::as_str)
    }

    fn new(kind: ChangeKind, target: Target, id: &str, field: Option<Field>) -> Change {
        Change {
            kind,
            target,
            id: id.to_string(),
            field,
            before: Value::None,
            after: Value::None,
            resolution: None,
            appendix: None,
            note: None,
            words: None,
            context: String::new(),
        }
    }

    fn values(mut self, before: Value, after: Value) -> Change {
        self.before = before;
        self.after = after;
        self
    }

    /// A changed text: before/after and the word diff.
    fn texts(self, old: &str, new: &str) -> Change {
        let mut change = self.values(text(old), text(new));
        change.words = Some(
            words(old, new)
                .into_iter()
                .map(|(op, text)| Word { op, text })
                .collect(),
        );
        change
    }
}

/// How many changes of each kind. `changes` is the total number of entries of
/// [`Report::changes`]; the others count parts (an item with three changed fields is one
/// item changed).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// All changes.
    pub changes: usize,
    /// Items added.
    pub items_added: usize,
    /// Items removed.
    pub items_removed: usize,
    /// Items moved to another resolution.
    pub items_moved: usize,
    /// Items with at least one changed field.
    pub items_changed: usize,
    /// Items whose `completed` went false → true.
    pub newly_completed: usize,
    /// Items whose `completed` went true → false.
    pub reopened: usize,
    /// Items whose status changed (paragraphs added, removed or edited).
    pub status_updates: usize,
    /// Status paragraphs added, removed or edited.
    pub status_paragraphs: usize,
    /// Items whose milestone changed.
    pub milestones: usize,
    /// Items whose "periodic goals met" mark changed.
    pub periodic_goals: usize,
    /// Items whose action text or cross-reference changed.
    pub actions: usize,
    /// Resolutions added.
    pub resolutions_added: usize,
    /// Resolutions removed.
    pub resolutions_removed: usize,
    /// Resolutions whose title, operative text or notes changed (and the Section II intro).
    pub resolutions_changed: usize,
    /// Changes in Section I (matrix cells, rows, legend, texts).
    pub summary_changes: usize,
    /// Changes in the appendices.
    pub appendix_changes: usize,
    /// Footnotes added, removed or changed.
    pub footnote_changes: usize,
    /// Cover fields and the document title changed.
    pub cover_changes: usize,
}

impl Counts {
    fn of(changes: &[Change]) -> Counts {
        let mut counts = Counts {
            changes: changes.len(),
            ..Counts::default()
        };
        // Items and resolutions are counted once however many of their fields changed.
        let mut items_changed = HashSet::new();
        let mut status = HashSet::new();
        let mut resolutions = HashSet::new();
        for change in changes {
            counts.count_part(change);
            let whole = change.field.is_none()
                && matches!(change.kind, ChangeKind::Added | ChangeKind::Removed);
            if change.target == Target::Resolution && !whole {
                resolutions.insert(change.id.as_str());
            }
            if change.target == Target::Item && change.field.is_some() {
                let item = (change.resolution.as_deref(), change.id.as_str());
                items_changed.insert(item);
                if change.field == Some(Field::Status) {
                    status.insert(item);
                }
                counts.count_item_field(change.field.as_ref());
            }
            match change.note {
                Some(Note::NewlyCompleted) => counts.newly_completed += 1,
                Some(Note::Reopened) => counts.reopened += 1,
                None => {}
            }
        }
        counts.items_changed = items_changed.len();
        counts.status_updates = status.len();
        counts.resolutions_changed = resolutions.len();
        counts
    }

    /// Whole items and resolutions added, removed or moved; changes per document part.
    fn count_part(&mut self, change: &Change) {
        let whole = change.field.is_none();
        match (change.target, change.kind) {
            (Target::Item, ChangeKind::Added) if whole => self.items_added += 1,
            (Target::Item, ChangeKind::Removed) if whole => self.items_removed += 1,
            (Target::Item, ChangeKind::Moved) => self.items_moved += 1,
            (Target::Resolution, ChangeKind::Added) if whole => self.resolutions_added += 1,
            (Target::Resolution, ChangeKind::Removed) if whole => self.resolutions_removed += 1,
            (Target::Summary, _) => self.summary_changes += 1,
            (Target::Appendix, _) => self.appendix_changes += 1,
            (Target::Footnote, _) => self.footnote_changes += 1,
            (Target::Cover, _) => self.cover_changes += 1,
            _ => {}
        }
    }

    /// A changed field of an item.
    fn count_item_field(&mut self, field: Option<&Field>) {
        match field {
            Some(Field::Status) => self.status_paragraphs += 1,
            Some(Field::Milestone) => self.milestones += 1,
            Some(Field::PeriodicGoalsMet) => self.periodic_goals += 1,
            Some(Field::Action | Field::CrossReference) => self.actions += 1,
            _ => {}
        }
    }

    /// One line for the top of a report: "26 changes: 2 items added, 1 removed, 1 newly
    /// completed, 9 status updates, …", or "No content change".
    pub fn headline(&self) -> String {
        if self.changes == 0 {
            return "No content change".to_string();
        }
        let mut parts = self.item_parts();
        let counted = self.counted().into_iter().filter(|&(n, _, _)| n > 0);
        parts.extend(counted.map(|(n, one, many)| plural(n, one, many)));
        format!(
            "{}: {}",
            plural(self.changes, "change", "changes"),
            parts.join(", ")
        )
    }

    /// "2 items added, 1 removed, 1 moved": "item" is said once, by the first of the three.
    fn item_parts(&self) -> Vec<String> {
        let counts = [
            (self.items_added, "added"),
            (self.items_removed, "removed"),
            (self.items_moved, "moved"),
        ];
        let mut parts = Vec::new();
        for (n, what) in counts.into_iter().filter(|&(n, _)| n > 0) {
            let count = if parts.is_empty() {
                plural(n, "item", "items")
            } else {
                n.to_string()
            };
            parts.push(format!("{count} {what}"));
        }
        parts
    }

    /// The headline's other counts, in its order, with the words for one and for several.
    fn counted(&self) -> [(usize, &'static str, &'static str); 13] {
        [
            (self.newly_completed, "newly completed", "newly completed"),
            (self.reopened, "re-opened", "re-opened"),
            (self.status_updates, "status update", "status updates"),
            (self.milestones, "milestone", "milestones"),
            (
                self.periodic_goals,
                "periodic-goals mark",
                "periodic-goals marks",
            ),
            (self.actions, "action text", "action texts"),
            (
                self.resolutions_added,
                "resolution added",
                "resolutions added",
            ),
            (
                self.resolutions_removed,
                "resolution removed",
                "resolutions removed",
            ),
            (
                self.resolutions_changed,
                "resolution text changed",
                "resolution texts changed",
            ),
            (
                self.summary_changes,
                "summary matrix change",
                "summary matrix changes",
            ),
            (self.appendix_changes, "appendix change", "appendix changes"),
            (self.footnote_changes, "footnote change", "footnote changes"),
            (self.cover_changes, "cover change", "cover changes"),
        ]
    }
}

/// "1 change", "2 changes".
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Compare two editions.
pub fn diff(old: &ActionPlan, new: &ActionPlan) -> Report {
    let mut out = Vec::new();
    cover(old, new, &mut out);
    summary(old.summary.as_ref(), new.summary.as_ref(), &mut out);
    progress(old, new, &mut out);
    resolutions(old, new, &mut out);
    appendices(&old.appendices, &new.appendices, &mut out);
    footnotes(old, new, &mut out);
    Report {
        editions: Editions {
            old: Edition::of(old),
            new: Edition::of(new),
        },
        summary: Counts::of(&out),
        changes: out,
    }
}

fn same(old: &str, new: &str) -> bool {
    old == new || normalise(old) == normalise(new)
}

fn opt_same(old: Option<&str>, new: Option<&str>) -> bool {
    same(old.unwrap_or(""), new.unwrap_or(""))
}

fn text(text: &str) -> Value {
    Value::Text(text.to_string())
}

/// A changed optional text as a change ([`Value::None`] for a missing value).
fn opt_change(
    target: Target,
    id: &str,
    field: Field,
    old: Option<&str>,
    new: Option<&str>,
) -> Change {
    let change = Change::new(ChangeKind::Changed, target, id, Some(field));
    match (old, new) {
        (Some(o), Some(n)) => change.texts(o, n),
        _ => change.values(Value::text(old), Value::text(new)),
    }
}

/// Changes between two paragraph lists: one per paragraph added, removed or edited.
fn blocks(old: &[Block], new: &[Block], template: &Change, out: &mut Vec<Change>) {
    for pair in align_blocks(old, new) {
        if !pair.is_content_change() {
            continue;
        }
        let mut change = template.clone();
        match pair {
            BlockPair::Same { .. } => continue,
            BlockPair::Changed { old, new } => {
                change.kind = ChangeKind::Changed;
                change = change.texts(&old.text, &new.text);
            }
            BlockPair::Removed { old } => {
                change.kind = ChangeKind::Removed;
                change = change.values(text(&old.text), Value::None);
            }
            BlockPair::Added { new } => {
                change.kind = ChangeKind::Added;
                change = change.values(Value::None, text(&new.text));
            }
        }
        out.push(change);
    }
}

fn with_context(mut change: Change, context: &str) -> Change {
    change.context = context.to_string();
    change
}

// ---------------------------------------------------------------------------------------------
// Cover and document title
// ---------------------------------------------------------------------------------------------

const COVER: &str = "Cover";

fn cover(old: &ActionPlan, new: &ActionPlan, out: &mut Vec<Change>) {
    let empty = Cover::default();
    let (o, n) = (
        old.cover.as_ref().unwrap_or(&empty),
        new.cover.as_ref().unwrap_or(&empty),
    );
    let start = out.len();
    cover_fields(o, n, out);
    cover_other(o, n, out);
    if !opt_same(old.title.as_deref(), new.title.as_deref()) {
        out.push(opt_change(
            Target::Cover,
            "document",
            Field::Title,
            old.title.as_deref(),
            new.title.as_deref(),
        ));
    }
    for change in &mut out[start..] {
        change.context = COVER.to_string();
    }
}

/// The cover's named fields. td_number and meeting identify the edition
/// ([`Report::editions`]), they are not content.
fn cover_fields(o: &Cover, n: &Cover, out: &mut Vec<Change>) {
    let fields: [(Field, &Option<String>, &Option<String>); 11] = [
        (Field::Group, &o.group, &n.group),
        (Field::StudyPeriod, &o.study_period, &n.study_period),
        (
            Field::OriginalLanguage,
            &o.original_language,
            &n.original_language,
        ),
        (Field::DocumentType, &o.document_type, &n.document_type),
        (Field::Questions, &o.questions, &n.questions),
        (Field::Source, &o.source, &n.source),
        (Field::Title, &o.title, &n.title),
        (Field::Purpose, &o.purpose, &n.purpose),
        (Field::Contact, &o.contact, &n.contact),
        (Field::Keywords, &o.keywords, &n.keywords),
        (Field::Abstract, &o.r#abstract, &n.r#abstract),
    ];
    for (field, a, b) in fields {
        if !opt_same(a.as_deref(), b.as_deref()) {
            out.push(opt_change(
                Target::Cover,
                "cover",
                field,
                a.as_deref(),
                b.as_deref(),
            ));
        }
    }
}

/// The cover's further fields, by label.
fn cover_other(o: &Cover, n: &Cover, out: &mut Vec<Change>) {
    let label = |f: &crate::model::CoverField| {
        if f.label.is_empty() {
            "other".to_string()
        } else {
            f.label.clone()
        }
    };
    let old_labels: Vec<String> = o.other.iter().map(label).collect();
    let new_labels: Vec<String> = n.other.iter().map(label).collect();
    for pair in align_keyed(&old_labels, &new_labels) {
        let (a, b) = (pair.old.map(|i| &o.other[i]), pair.new.map(|i| &n.other[i]));
        let field = Some(Field::Label(label(a.or(b).expect("one side"))));
        let change = match (a, b) {
            (Some(a), Some(b)) if same(&a.value, &b.value) => continue,
            (Some(a), Some(b)) => Change::new(ChangeKind::Changed, Target::Cover, "cover", field)
                .texts(&a.value, &b.value),
            (Some(a), None) => Change::new(ChangeKind::Removed, Target::Cover, "cover", field)
                .values(text(&a.value), Value::None),
            (None, Some(b)) => Change::new(ChangeKind::Added, Target::Cover, "cover", field)
                .values(Value::None, text(&b.value)),
            (None, None) => continue,
        };
        out.push(change);
    }
}

// ---------------------------------------------------------------------------------------------
// Section I
// ---------------------------------------------------------------------------------------------

const SECTION_I: &str = "Section I";

/// "Action by / TSB" for every column (line breaks in the name read as spaces).
fn column_keys(summary: &Summary) -> Vec<String> {
    summary
        .columns
        .iter()
        .map(|c| format!("{} / {}", normalise(&c.group), normalise(&c.name)))
        .collect()
}

fn row_value(row: &SummaryRow, columns: &[String]) -> Value {
    Value::Row(Box::new(MatrixRow {
        label: row.label.clone(),
        title: row.title.clone(),
        cells: columns.iter().cloned().zip(row.cells.clone()).collect(),
    }))
}

fn summary(old: Option<&Summary>, new: Option<&Summary>, out: &mut Vec<Change>) {
    let empty = Summary::default();
    let (o, n) = (old.unwrap_or(&empty), new.unwrap_or(&empty));
    let context = match n.heading.as_deref().or(o.heading.as_deref()) {
        Some(heading) => heading.to_string(),
        None => SECTION_I.to_string(),
    };
    let start = out.len();
    let (old_heading, new_heading) = (o.heading.as_deref(), n.heading.as_deref());
    if !opt_same(old_heading, new_heading) {
        let field = Field::Heading;
        out.push(opt_change(
            Target::Summary,
            SECTION_I,
            field,
            old_heading,
            new_heading,
        ));
    }
    blocks(&o.caption, &n.caption, &section_i(Field::Caption), out);
    let columns = (column_keys(o), column_keys(n));
    if columns.0 != columns.1 {
        let (before, after) = (
            Value::Texts(columns.0.clone()),
            Value::Texts(columns.1.clone()),
        );
        out.push(section_i(Field::Columns).values(before, after));
    }
    matrix_rows(o, n, &columns, out);
    legend(o, n, out);
    blocks(&o.notes, &n.notes, &section_i(Field::Notes), out);
    for change in &mut out[start..] {
        change.context = context.clone();
    }
}

/// A change of Section I's own `field`.
fn section_i(field: Field) -> Change {
    Change::new(ChangeKind::Changed, Target::Summary, SECTION_I, Some(field))
}

/// The matrix rows, by label; `columns` are the old and the new column keys.
fn matrix_rows(
    o: &Summary,
    n: &Summary,
    columns: &(Vec<String>, Vec<String>),
    out: &mut Vec<Change>,
) {
    let labels =
        |s: &Summary| -> Vec<String> { s.rows.iter().map(|r| normalise(&r.label)).collect() };
    for pair in align_keyed(&labels(o), &labels(n)) {
        match (pair.old.map(|i| &o.rows[i]), pair.new.map(|i| &n.rows[i])) {
            (Some(a), Some(b)) => matrix_row(a, b, columns, out),
            (Some(a), None) => out.push(
                Change::new(ChangeKind::Removed, Target::Summary, &a.label, None)
                    .values(row_value(a, &columns.0), Value::None),
            ),
            (None, Some(b)) => out.push(
                Change::new(ChangeKind::Added, Target::Summary, &b.label, None)
                    .values(Value::None, row_value(b, &columns.1)),
            ),
            (None, None) => {}
        }
    }
}

/// One matrix row in both editions: its title, and its cells by column (a column only in
/// one edition is reported as the column list's change).
fn matrix_row(
    a: &SummaryRow,
    b: &SummaryRow,
    columns: &(Vec<String>, Vec<String>),
    out: &mut Vec<Change>,
) {
    let change = |field| Change::new(ChangeKind::Changed, Target::Summary, &b.label, Some(field));
    if !same(&a.title, &b.title) {
        out.push(change(Field::Title).texts(&a.title, &b.title));
    }
    let (old_columns, new_columns) = columns;
    for (k, column) in new_columns.iter().enumerate() {
        let Some(j) = old_columns.iter().position(|c| c == column) else {
            continue;
        };
        let before = a.cells.get(j).map(String::as_str).unwrap_or("");
        let after = b.cells.get(k).map(String::as_str).unwrap_or("");
        if !same(before, after) {
            out.push(change(Field::Column(column.clone())).values(text(before), text(after)));
        }
    }
}

/// The legend, by term.
fn legend(o: &Summary, n: &Summary, out: &mut Vec<Change>) {
    let terms =
        |s: &Summary| -> Vec<String> { s.legend.iter().map(|l| normalise(&l.term)).collect() };
    for pair in align_keyed(&terms(o), &terms(n)) {
        let (a, b) = (
            pair.old.map(|i| &o.legend[i]),
            pair.new.map(|i| &n.legend[i]),
        );
        let term = a.or(b).map(|l| l.term.clone()).unwrap_or_default();
        let change = |kind| {
            Change::new(
                kind,
                Target::Summary,
                "Legend",
                Some(Field::Term(term.clone())),
            )
        };
        out.push(match (a, b) {
            (Some(a), Some(b)) if same(&a.definition, &b.definition) => continue,
            (Some(a), Some(b)) => change(ChangeKind::Changed).texts(&a.definition, &b.definition),
            (Some(a), None) => change(ChangeKind::Removed).values(text(&a.definition), Value::None),
            (None, Some(b)) => change(ChangeKind::Added).values(Value::None, text(&b.definition)),
            (None, None) => continue,
        });
    }
}

// ---------------------------------------------------------------------------------------------
// Section II
// ---------------------------------------------------------------------------------------------

const SECTION_II: &str = "Section II";

fn progress(old: &ActionPlan, new: &ActionPlan, out: &mut Vec<Change>) {
    let empty = Default::default();
    let o = old.progress.as_ref().unwrap_or(&empty);
    let n = new.progress.as_ref().unwrap_or(&empty);
    let context = n
        .heading
        .clone()
        .or_else(|| o.heading.clone())
        .unwrap_or_else(|| SECTION_II.to_string());
    let start = out.len();
    if !opt_same(o.heading.as_deref(), n.heading.as_deref()) {
        out.push(opt_change(
            Target::Resolution,
            SECTION_II,
            Field::Heading,
            o.heading.as_deref(),
            n.heading.as_deref(),
        ));
    }
    let template = Change::new(
        ChangeKind::Changed,
        Target::Resolution,
        SECTION_II,
        Some(Field::Intro),
    );
    blocks(&o.intro, &n.intro, &template, out);
    for change in &mut out[start..] {
        change.context = context.clone();
    }
}

/// "Resolution 22": [`crate::owners::resolution_label`] of the resolution's kind and number
/// (kept for the spreadsheet module, which names resolutions as the diff does).
pub fn label(resolution: &Resolution) -> String {
    resolution_label(resolution.kind, &resolution.number)
}

fn heading(resolution: &Resolution) -> String {
    format!("{} – {}", label(resolution), resolution.title)
}

fn texts_of(blocks: &[Block]) -> Vec<String> {
    blocks.iter().map(|b| b.text.clone()).collect()
}

/// A whole item.
fn item_value(item: &Item) -> Value {
    Value::Item(Box::new(item.clone()))
}

fn resolutions(old: &ActionPlan, new: &ActionPlan, out: &mut Vec<Change>) {
    let pairs = align_resolutions(&old.resolutions, &new.resolutions);
    let moves = Moves::new(old, new, &pairs);
    for pair in pairs {
        match (pair.old, pair.new) {
            (Some(r), None) => {
                let gone = &old.resolutions[r];
                let change =
                    Change::new(ChangeKind::Removed, Target::Resolution, &label(gone), None)
                        .values(Value::Resolution(Box::new(gone.clone())), Value::None);
                out.push(with_context(change, &heading(gone)));
            }
            (None, Some(r)) => added_resolution(&new.resolutions[r], r, &moves, out),
            (Some(a), Some(b)) => {
                let (old, new) = (&old.resolutions[a], &new.resolutions[b]);
                resolution(old, new, (a, b), &moves, out);
            }
            (None, None) => {}
        }
    }
}

/// Where the items of both editions are, to tell an item moved to another resolution from
/// one added or removed.
struct Moves<'a> {
    old: &'a ActionPlan,
    /// Resolution and item index of every item id of the old edition (the first of
    /// duplicates).
    old_at: HashMap<&'a str, (usize, usize)>,
    /// The same for the new edition.
    new_at: HashMap<&'a str, (usize, usize)>,
    /// Old resolution index → new resolution index, for resolutions in both.
    paired: HashMap<usize, usize>,
}

impl<'a> Moves<'a> {
    fn new(old: &'a ActionPlan, new: &'a ActionPlan, pairs: &[Pair]) -> Moves<'a> {
        let locate = |plan: &'a ActionPlan| {
            let mut at = HashMap::new();
            for (r, resolution) in plan.resolutions.iter().enumerate() {
                for (i, item) in resolution.action_items.iter().enumerate() {
                    at.entry(item.id.as_str()).or_insert((r, i));
                }
            }
            at
        };
        Moves {
            old,
            old_at: locate(old),
            new_at: locate(new),
            paired: pairs
                .iter()
                .filter_map(|p| Some((p.old?, p.new?)))
                .collect(),
        }
    }

    /// The old resolution and item when item `id` of new resolution `new_r` was in
    /// another resolution (not `new_r`'s counterpart) in the old edition.
    fn moved_in(&self, new_r: usize, id: &str) -> Option<(&'a Resolution, &'a Item)> {
        let &(r, i) = self.old_at.get(id)?;
        let from = &self.old.resolutions[r];
        (self.paired.get(&r) != Some(&new_r)).then_some((from, &from.action_items[i]))
    }

    /// True when item `id` of old resolution `old_r` is in another resolution (not
    /// `old_r`'s counterpart) in the new edition.
    fn moved_out(&self, old_r: usize, id: &str) -> bool {
        self.new_at
            .get(id)
            .is_some_and(|&(r, _)| self.paired.get(&old_r) != Some(&r))
    }
}

/// A resolution only in the new edition, and the items moved into it.
fn added_resolution(resolution: &Resolution, r: usize, moves: &Moves, out: &mut Vec<Change>) {
    let context = heading(resolution);
    let change = Change::new(
        ChangeKind::Added,
        Target::Resolution,
        &label(resolution),
        None,
    )
    .values(Value::None, Value::Resolution(Box::new(resolution.clone())));
    out.push(with_context(change, &context));
    for item in &resolution.action_items {
        if let Some((from, old)) = moves.moved_in(r, &item.id) {
            moved(from, old, resolution, item, &context, out);
        }
    }
}

fn moved(
    from: &Resolution,
    old: &Item,
    to: &Resolution,
    new: &Item,
    context: &str,
    out: &mut Vec<Change>,
) {
    let mut change = Change::new(ChangeKind::Moved, Target::Item, &new.id, None)
        .values(Value::Text(label(from)), Value::Text(label(to)));
    change.resolution = Some(label(to));
    out.push(with_context(change, context));
    item(old, new, &label(to), context, out);
}

/// A resolution in both editions (`at`: its indices in the old and the new one).
fn resolution(
    old: &Resolution,
    new: &Resolution,
    at: (usize, usize),
    moves: &Moves,
    out: &mut Vec<Change>,
) {
    let id = label(new);
    let context = heading(new);
    let start = out.len();
    let change = |field| Change::new(ChangeKind::Changed, Target::Resolution, &id, Some(field));
    if !same(&old.title, &new.title) {
        out.push(change(Field::Title).texts(&old.title, &new.title));
    }
    blocks(
        &old.operative_text,
        &new.operative_text,
        &change(Field::OperativeText),
        out,
    );
    items(old, new, at, moves, &context, out);
    blocks(&old.notes, &new.notes, &change(Field::Notes), out);
    for change in &mut out[start..] {
        change.context = context.clone();
    }
}

/// The items of a resolution in both editions, by id: changed, removed, added, or moved
/// in from another resolution (moved out: reported where they are now).
fn items(
    old: &Resolution,
    new: &Resolution,
    (a, b): (usize, usize),
    moves: &Moves,
    context: &str,
    out: &mut Vec<Change>,
) {
    let id = label(new);
    let whole = |kind, item: &Item, before, after| {
        let mut change = Change::new(kind, Target::Item, &item.id, None).values(before, after);
        change.resolution = Some(id.clone());
        change
    };
    for pair in align_items(&old.action_items, &new.action_items) {
        match (pair.old, pair.new) {
            (Some(i), Some(j)) => item(
                &old.action_items[i],
                &new.action_items[j],
                &id,
                context,
                out,
            ),
            (Some(i), None) => {
                let gone = &old.action_items[i];
                if !moves.moved_out(a, &gone.id) {
                    out.push(whole(
                        ChangeKind::Removed,
                        gone,
                        item_value(gone),
                        Value::None,
                    ));
                }
            }
            (None, Some(j)) => {
                let added = &new.action_items[j];
                match moves.moved_in(b, &added.id) {
                    Some((from, before)) => moved(from, before, new, added, context, out),
                    None => out.push(whole(
                        ChangeKind::Added,
                        added,
                        Value::None,
                        item_value(added),
                    )),
                }
            }
            (None, None) => {}
        }
    }
}

/// The changed fields of one item.
fn item(old: &Item, new: &Item, resolution: &str, context: &str, out: &mut Vec<Change>) {
    let start = out.len();
    let change = |field| Change::new(ChangeKind::Changed, Target::Item, &new.id, Some(field));
    let (old_reference, new_reference) = (
        old.cross_reference.as_deref(),
        new.cross_reference.as_deref(),
    );
    if !opt_same(old_reference, new_reference) {
        let field = Field::CrossReference;
        out.push(opt_change(
            Target::Item,
            &new.id,
            field,
            old_reference,
            new_reference,
        ));
    }
    if !same(&old.action, &new.action) {
        out.push(change(Field::Action).texts(&old.action, &new.action));
    }
    if !same(&old.milestone, &new.milestone) {
        out.push(change(Field::Milestone).texts(&old.milestone, &new.milestone));
    }
    if old.periodic_goals_met != new.periodic_goals_met {
        let (before, after) = (old.periodic_goals_met, new.periodic_goals_met);
        out.push(change(Field::PeriodicGoalsMet).values(Value::Flag(before), Value::Flag(after)));
    }
    if old.completed != new.completed {
        let mut flip =
            change(Field::Completed).values(Value::Flag(old.completed), Value::Flag(new.completed));
        flip.note = Some(if new.completed {
            Note::NewlyCompleted
        } else {
            Note::Reopened
        });
        out.push(flip);
    }
    blocks(&old.status, &new.status, &change(Field::Status), out);
    for change in &mut out[start..] {
        change.resolution = Some(resolution.to_string());
        change.context = context.to_string();
    }
}

// ---------------------------------------------------------------------------------------------
// Appendices
// ---------------------------------------------------------------------------------------------

/// "Appendix I" from "Appendix I – Obsolete action items…": the words before the first dash,
/// else the whole title.
fn appendix_key(appendix: &Appendix) -> String {
    let title = appendix.title.as_str();
    let head = title
        .split(['–', '—', '-', ':'])
        .next()
        .map(str::trim)
        .filter(|h| !h.is_empty())
        .unwrap_or(title);
    normalise(head)
}

fn appendix_item_value(item: &AppendixItem) -> Value {
    Value::AppendixItem(Box::new(item.clone()))
}

fn appendices(old: &[Appendix], new: &[Appendix], out: &mut Vec<Change>) {
    let keys = |list: &[Appendix]| -> Vec<String> { list.iter().map(appendix_key).collect() };
    for pair in align_keyed(&keys(old), &keys(new)) {
        match (pair.old.map(|i| &old[i]), pair.new.map(|i| &new[i])) {
            (Some(a), None) => {
                let change = Change::new(
                    ChangeKind::Removed,
                    Target::Appendix,
                    &appendix_key(a),
                    None,
                )
                .values(Value::Appendix(Box::new(a.clone())), Value::None);
                out.push(with_context(change, &a.title));
            }
            (None, Some(b)) => {
                let change =
                    Change::new(ChangeKind::Added, Target::Appendix, &appendix_key(b), None)
                        .values(Value::None, Value::Appendix(Box::new(b.clone())));
                out.push(with_context(change, &b.title));
            }
            (Some(a), Some(b)) => appendix(a, b, out),
            (None, None) => {}
        }
    }
}

fn appendix(old: &Appendix, new: &Appendix, out: &mut Vec<Change>) {
    let key = appendix_key(new);
    let start = out.len();
    let change = |field| Change::new(ChangeKind::Changed, Target::Appendix, &key, Some(field));
    if !same(&old.title, &new.title) {
        out.push(change(Field::Title).texts(&old.title, &new.title));
    }
    let (old_note, new_note) = (old.note.as_deref(), new.note.as_deref());
    if !opt_same(old_note, new_note) {
        out.push(opt_change(
            Target::Appendix,
            &key,
            Field::Note,
            old_note,
            new_note,
        ));
    }
    appendix_items(&old.items, &new.items, &key, out);
    blocks(&old.blocks, &new.blocks, &change(Field::Blocks), out);
    for change in &mut out[start..] {
        change.context = new.title.clone();
    }
}

/// The items of an appendix in both editions, by id.
fn appendix_items(old: &[AppendixItem], new: &[AppendixItem], key: &str, out: &mut Vec<Change>) {
    let ids =
        |items: &[AppendixItem]| -> Vec<String> { items.iter().map(|i| i.id.clone()).collect() };
    for pair in align_keyed(&ids(old), &ids(new)) {
        let (a, b) = (pair.old.map(|i| &old[i]), pair.new.map(|i| &new[i]));
        let whole = |kind, id: &str, before, after| {
            vec![Change::new(kind, Target::Appendix, id, None).values(before, after)]
        };
        let changes = match (a, b) {
            (Some(a), Some(b)) => appendix_item(a, b),
            (Some(a), None) => whole(
                ChangeKind::Removed,
                &a.id,
                appendix_item_value(a),
                Value::None,
            ),
            (None, Some(b)) => whole(
                ChangeKind::Added,
                &b.id,
                Value::None,
                appendix_item_value(b),
            ),
            (None, None) => Vec::new(),
        };
        for mut change in changes {
            change.appendix = Some(key.to_string());
            out.push(change);
        }
    }
}

/// The changed fields of an appendix item.
fn appendix_item(a: &AppendixItem, b: &AppendixItem) -> Vec<Change> {
    let mut changes = Vec::new();
    let change = |field| Change::new(ChangeKind::Changed, Target::Appendix, &b.id, Some(field));
    let (old_reference, new_reference) =
        (a.cross_reference.as_deref(), b.cross_reference.as_deref());
    if !opt_same(old_reference, new_reference) {
        let field = Field::CrossReference;
        changes.push(opt_change(
            Target::Appendix,
            &b.id,
            field,
            old_reference,
            new_reference,
        ));
    }
    if !same(&a.action, &b.action) {
        changes.push(change(Field::Action).texts(&a.action, &b.action));
    }
    let extra =
        |i: &AppendixItem| -> Vec<String> { i.extra.iter().map(|e| normalise(e)).collect() };
    if extra(a) != extra(b) {
        let (before, after) = (Value::Texts(a.extra.clone()), Value::Texts(b.extra.clone()));
        changes.push(change(Field::Extra).values(before, after));
    }
    changes
}

// ---------------------------------------------------------------------------------------------
// Footnotes
// ---------------------------------------------------------------------------------------------

const FOOTNOTES: &str = "Footnotes";

/// The custom marks ("*", "1") the body uses for each footnote id.
fn footnote_marks(plan: &ActionPlan) -> HashMap<String, Vec<String>> {
    fn visit(blocks: &[Block], marks: &mut HashMap<String, Vec<String>>) {
        for block in blocks {
            for inline in &block.inlines {
                if let (Some(id), Some(mark)) = (&inline.footnote, &inline.mark) {
                    let list = marks.entry(id.clone()).or_default();
                    let mark: String = mark.split_whitespace().collect();
                    if !mark.is_empty() && !list.contains(&mark) {
                        list.push(mark);
                    }
                }
            }
            for row in block.rows.iter().flatten() {
                for cell in row {
                    visit(cell, marks);
                }
            }
        }
    }
    let mut marks = HashMap::new();
    if let Some(summary) = &plan.summary {
        visit(&summary.caption, &mut marks);
        visit(&summary.notes, &mut marks);
    }
    if let Some(progress) = &plan.progress {
        visit(&progress.intro, &mut marks);
    }
    for resolution in &plan.resolutions {
        visit(&resolution.operative_text, &mut marks);
        visit(&resolution.notes, &mut marks);
        for item in &resolution.action_items {
            visit(&item.status, &mut marks);
        }
    }
    for appendix in &plan.appendices {
        visit(&appendix.blocks, &mut marks);
    }
    for blocks in plan.footnotes.values() {
        visit(blocks, &mut marks);
    }
    marks
}

/// A footnote's text as compared: no whitespace at all, the leading custom mark(s) removed.
fn footnote_key(text: &str, marks: &[String]) -> String {
    let mut key: String = text.split_whitespace().collect();
    // Marks are never empty (footnote_marks), so this ends.
    while let Some(mark) = marks.iter().find(|m| key.starts_with(m.as_str())) {
        key.drain(..mark.len());
    }
    key
}

fn footnote_text(blocks: &[Block]) -> String {
    texts_of(blocks).join("\n")
}

fn footnotes(old: &ActionPlan, new: &ActionPlan, out: &mut Vec<Change>) {
    let sorted = |plan: &ActionPlan| -> Vec<(String, String)> {
        let mut list: Vec<(String, String)> = plan
            .footnotes
            .iter()
            .map(|(id, blocks)| (id.clone(), footnote_text(blocks)))
            .collect();
        list.sort_by(|a, b| {
            let number = |s: &str| s.parse::<i64>().unwrap_or(i64::MAX);
            number(&a.0).cmp(&number(&b.0)).then_with(|| a.0.cmp(&b.0))
        });
        list
    };
    let (old_list, new_list) = (sorted(old), sorted(new));
    let (old_marks, new_marks) = (footnote_marks(old), footnote_marks(new));
    let none = Vec::new();
    let keys = |list: &[(String, String)], marks: &HashMap<String, Vec<String>>| -> Vec<String> {
        list.iter()
            .map(|(id, text)| footnote_key(text, marks.get(id).unwrap_or(&none)))
            .collect()
    };
    let old_keys = keys(&old_list, &old_marks);
    let new_keys = keys(&new_list, &new_marks);
    for pair in align_texts(&old_keys, &new_keys) {
        let change = match (pair.old, pair.new) {
            (Some(o), Some(n)) if old_keys[o] == new_keys[n] => continue,
            (Some(o), Some(n)) => {
                Change::new(ChangeKind::Changed, Target::Footnote, &new_list[n].0, None)
                    .texts(&old_list[o].1, &new_list[n].1)
            }
            (Some(o), None) => {
                let (id, before) = &old_list[o];
                Change::new(ChangeKind::Removed, Target::Footnote, id, None)
                    .values(text(before), Value::None)
            }
            (None, Some(n)) => {
                let (id, after) = &new_list[n];
                Change::new(ChangeKind::Added, Target::Footnote, id, None)
                    .values(Value::None, text(after))
            }
            (None, None) => continue,
        };
        out.push(with_context(change, FOOTNOTES));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Inline, Kind};
    use serde_json::json;

    /// A change as the report had it before [`Field`] and [`Value`]: a field name and JSON
    /// values, serialised with the same attributes.
    #[derive(Serialize)]
    struct OldChange {
        kind: ChangeKind,
        target: Target,
        id: String,
        field: Option<String>,
        before: serde_json::Value,
        after: serde_json::Value,
        #[serde(skip_serializing_if = "Option::is_none")]
        resolution: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        appendix: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        note: Option<Note>,
        #[serde(skip_serializing_if = "Option::is_none")]
        words: Option<Vec<Word>>,
    }

    fn old_json(change: &Change, before: serde_json::Value, after: serde_json::Value) -> String {
        let old = OldChange {
            kind: change.kind,
            target: change.target,
            id: change.id.clone(),
            field: change.field_name().map(str::to_string),
            before,
            after,
            resolution: change.resolution.clone(),
            appendix: change.appendix.clone(),
            note: change.note,
            words: change.words.clone(),
        };
        serde_json::to_string_pretty(&old).unwrap()
    }

    fn item() -> Item {
        let mut linked = Block::plain("See the website.");
        linked.inlines = vec![Inline {
            text: "See the website.".into(),
            href: Some("https://www.itu.int/".into()),
            ..Inline::default()
        }];
        Item {
            id: "22-01".into(),
            cross_reference: Some("(44-14)".into()),
            bookmarks: vec!["_Ref1".into()],
            action: "TSAG to act".into(),
            milestone: "TSAG2024\nTSAG2025".into(),
            periodic_goals_met: true,
            completed: false,
            status: vec![Block::plain("Started."), linked],
            ..Item::default()
        }
    }

    fn resolution() -> Resolution {
        Resolution {
            kind: Kind::Resolution,
            number: "22".into(),
            title: "Title".into(),
            anchor: Some("R22".into()),
            bookmarks: vec![],
            operative_text: vec![Block::plain("resolves")],
            action_items: vec![item()],
            notes: vec![],
        }
    }

    fn appendix_item() -> AppendixItem {
        AppendixItem {
            id: "44-25".into(),
            cross_reference: None,
            action: "Obsolete".into(),
            extra: vec!["x".into(), String::new()],
            ..AppendixItem::default()
        }
    }

    fn appendix() -> Appendix {
        Appendix {
            title: "Appendix I – Obsolete action items".into(),
            bookmarks: vec![],
            note: Some("Note".into()),
            items: vec![appendix_item()],
            blocks: vec![Block::plain("44-25")],
        }
    }

    /// A model part as the report wrote it before.
    fn part(part: &impl Serialize) -> serde_json::Value {
        serde_json::to_value(part).unwrap()
    }

    type Case = (Change, serde_json::Value, serde_json::Value);

    /// Every kind of value, paired with the JSON the report wrote for it before.
    fn cases() -> Vec<Case> {
        let mut cases = scalar_cases();
        cases.extend(field_cases());
        cases.extend(part_cases());
        cases
    }

    fn changed(target: Target, id: &str, field: Field) -> Change {
        Change::new(ChangeKind::Changed, target, id, Some(field))
    }

    /// Flags, texts (with and without words), a missing text, lists of texts.
    fn scalar_cases() -> Vec<Case> {
        let mut flip = changed(Target::Item, "22-01", Field::Completed)
            .values(Value::Flag(false), Value::Flag(true));
        flip.note = Some(Note::NewlyCompleted);
        flip.resolution = Some("Resolution 22".into());
        let status = changed(Target::Item, "22-01", Field::Status).texts("a b", "a c");
        let reference = opt_change(
            Target::Item,
            "22-01",
            Field::CrossReference,
            None,
            Some("(1)"),
        );
        let columns = changed(Target::Summary, SECTION_I, Field::Columns)
            .values(Value::Texts(vec!["a / b".into()]), Value::Texts(vec![]));
        vec![
            (flip, json!(false), json!(true)),
            (status, json!("a b"), json!("a c")),
            (reference, json!(null), json!("(1)")),
            (columns, json!(["a / b"]), json!([])),
        ]
    }

    /// The fields named by the document: matrix column, legend term, cover label.
    fn field_cases() -> Vec<Case> {
        let cell = changed(
            Target::Summary,
            "Resolution 2",
            Field::Column("A / B".into()),
        )
        .values(text(""), text("X"));
        let term = Some(Field::Term("X".into()));
        let legend = Change::new(ChangeKind::Removed, Target::Summary, "Legend", term)
            .values(text("Action"), Value::None);
        let label = Some(Field::Label("other".into()));
        let cover = Change::new(ChangeKind::Added, Target::Cover, "cover", label)
            .values(Value::None, text("v"));
        vec![
            (cell, json!(""), json!("X")),
            (legend, json!("Action"), json!(null)),
            (cover, json!(null), json!("v")),
        ]
    }

    /// Whole parts added or removed.
    fn part_cases() -> Vec<Case> {
        let whole = |kind, target, id: &str, before, after| {
            Change::new(kind, target, id, None).values(before, after)
        };
        let (added, removed) = (ChangeKind::Added, ChangeKind::Removed);
        let item_added = whole(
            added,
            Target::Item,
            "22-01",
            Value::None,
            item_value(&item()),
        );
        let gone = appendix_item_value(&appendix_item());
        let mut item_removed = whole(removed, Target::Appendix, "44-25", gone, Value::None);
        item_removed.appendix = Some("Appendix I".into());
        let resolution_removed = Value::Resolution(Box::new(resolution()));
        let resolution_removed = whole(
            removed,
            Target::Resolution,
            "Resolution 22",
            resolution_removed,
            Value::None,
        );
        let appendix_added = Value::Appendix(Box::new(appendix()));
        let appendix_added = whole(
            added,
            Target::Appendix,
            "Appendix I",
            Value::None,
            appendix_added,
        );
        vec![
            (item_added, json!(null), part(&item())),
            (item_removed, part(&appendix_item()), json!(null)),
            (resolution_removed, part(&resolution()), json!(null)),
            (appendix_added, json!(null), part(&appendix())),
            row_case(),
        ]
    }

    /// A matrix row with a repeated column name, against the row JSON built as before.
    fn row_case() -> (Change, serde_json::Value, serde_json::Value) {
        let columns = vec![
            "Action by / TSB".to_string(),
            "A / B".into(),
            "A / B".into(),
        ];
        let row = SummaryRow {
            label: "Resolution 2".into(),
            kind: "Resolution".into(),
            number: "2".into(),
            title: "Title".into(),
            url: None,
            anchor: None,
            cells: vec!["X".into(), "first".into(), "last".into()],
        };
        let cells: serde_json::Map<String, serde_json::Value> = columns
            .iter()
            .zip(&row.cells)
            .map(|(c, v)| (c.clone(), json!(v)))
            .collect();
        let before = json!({"label": row.label, "title": row.title, "cells": cells});
        let change = Change::new(ChangeKind::Removed, Target::Summary, &row.label, None)
            .values(row_value(&row, &columns), Value::None);
        (change, before, json!(null))
    }

    #[test]
    fn every_value_serialises_as_before() {
        for (change, before, after) in cases() {
            assert_eq!(change.before, before);
            assert_eq!(change.after, after);
            let old = old_json(&change, before, after);
            assert_eq!(serde_json::to_string_pretty(&change).unwrap(), old);
        }
    }
}
