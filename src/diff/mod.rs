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
//! Resolutions by kind and number (a number found twice by occurrence), action items by id
//! (an id found in another resolution, or moved between a resolution and an appendix, is one
//! `moved` change), matrix rows by label and cells by column ("Action by / TSB"), appendices
//! by their number ("Appendix I"), appendix items by id, footnotes by the place that
//! references them (ids follow document order and shift when one is inserted), paragraph
//! lists with [`align_moves`]: a paragraph moved is one `moved` change, a list whose
//! paragraphs moved more than once one `reordered` change.
//!
//! Every change is counted once in the headline; item changes carry the item's action as
//! their `context`. The JSON is described by [`json_schema`].

pub mod align;
mod crossing;
mod footnotes;
pub use footnotes::footnote_pairs;
pub mod output;
mod value;
pub mod words;

pub use align::{
    align_blocks, align_items, align_keyed, align_moves, align_moves_edited, align_resolutions,
    align_texts, block_key, Aligned, BlockPair, Pair,
};
pub use value::{Field, MatrixRow, Value};
pub use words::{normalise, words, Op};

use crate::model::owners::resolution_label;
use crate::model::{
    ActionPlan, Appendix, AppendixItem, Block, Cover, Item, Resolution, Summary, SummaryRow,
};
use crossing::Crossings;
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// The result of comparing two editions.
#[derive(Debug, Clone, Default, PartialEq, Serialize, JsonSchema)]
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
#[derive(Debug, Clone, Default, PartialEq, Serialize, JsonSchema)]
pub struct Editions {
    /// The old edition.
    pub old: Edition,
    /// The new edition.
    pub new: Edition,
}

/// What identifies an edition: its TD number and meeting (from the cover).
#[derive(Debug, Clone, Default, PartialEq, Serialize, JsonSchema)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    /// Only in the new edition.
    Added,
    /// Only in the old edition.
    Removed,
    /// In both, different.
    Changed,
    /// An item now in another resolution or appendix (`before` and `after` name them), an
    /// item at another place among its resolution's items, or a paragraph now at another
    /// place of its list (`position` says where).
    Moved,
    /// A paragraph list (a status, an operative text…) with the same paragraphs in another
    /// order: `before` and `after` are the two orders.
    Reordered,
}

/// Which part of the document changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Note {
    /// `completed` false → true.
    NewlyCompleted,
    /// `completed` true → false.
    Reopened,
}

/// One piece of a word-level diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Word {
    /// equal, insert or delete.
    pub op: Op,
    /// The text, whitespace included.
    pub text: String,
}

/// One content change.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
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
    #[schemars(required, schema_with = "value::nullable_field")]
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
    /// What the change is about, on one line: for an item, its action (shortened); for a
    /// footnote, where it is referenced ("22-07 status").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
    /// For a moved paragraph, or an item moved within its resolution: its place (1 for the
    /// first) in the old and the new list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
    /// The heading of the document part the change is in, for readable reports.
    #[serde(skip)]
    #[schemars(skip)]
    pub group: String,
}

/// Where a moved paragraph was and is: its place in its list, 1 for the first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Position {
    /// The place in the old edition's list.
    pub before: usize,
    /// The place in the new edition's list.
    pub after: usize,
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
            context: None,
            position: None,
            group: String::new(),
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
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, JsonSchema)]
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
    /// Changes per part of the headline ([`HeadlinePart`]): each change counted once.
    #[serde(skip)]
    #[schemars(skip)]
    parts: [usize; HEADLINE_PARTS],
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
            counts.parts[HeadlinePart::of(change) as usize] += 1;
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
            (Target::Item, ChangeKind::Moved) if whole => self.items_moved += 1,
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
    /// completed, 9 status updates, …", or "No content change". Every change is counted in
    /// exactly one part, so the parts add up to the total.
    pub fn headline(&self) -> String {
        if self.changes == 0 {
            return "No content change".to_string();
        }
        let mut parts = Vec::new();
        for (index, part) in HeadlinePart::ALL.iter().enumerate() {
            let n = self.parts[index];
            if n == 0 {
                continue;
            }
            let (one, many) = part.words();
            // "2 items added, 1 removed, 1 moved": "item" is said once, by the first of these.
            let item_part = matches!(
                part,
                HeadlinePart::ItemsAdded | HeadlinePart::ItemsRemoved | HeadlinePart::ItemsMoved
            );
            if item_part && !parts.is_empty() {
                parts.push(format!("{n} {}", &one["item ".len()..]));
            } else {
                parts.push(plural(n, one, many));
            }
        }
        format!(
            "{}: {}",
            plural(self.changes, "change", "changes"),
            parts.join(", ")
        )
    }
}

/// The part of the headline a change is counted in (each change in exactly one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HeadlinePart {
    ItemsAdded,
    ItemsRemoved,
    ItemsMoved,
    NewlyCompleted,
    Reopened,
    Status,
    Milestones,
    PeriodicGoals,
    Actions,
    ResolutionsAdded,
    ResolutionsRemoved,
    ResolutionTexts,
    Summary,
    Appendix,
    Footnotes,
    Cover,
    Other,
}

/// How many parts the headline has.
const HEADLINE_PARTS: usize = 17;

impl HeadlinePart {
    /// Every part, in the headline's order.
    const ALL: [HeadlinePart; HEADLINE_PARTS] = [
        HeadlinePart::ItemsAdded,
        HeadlinePart::ItemsRemoved,
        HeadlinePart::ItemsMoved,
        HeadlinePart::NewlyCompleted,
        HeadlinePart::Reopened,
        HeadlinePart::Status,
        HeadlinePart::Milestones,
        HeadlinePart::PeriodicGoals,
        HeadlinePart::Actions,
        HeadlinePart::ResolutionsAdded,
        HeadlinePart::ResolutionsRemoved,
        HeadlinePart::ResolutionTexts,
        HeadlinePart::Summary,
        HeadlinePart::Appendix,
        HeadlinePart::Footnotes,
        HeadlinePart::Cover,
        HeadlinePart::Other,
    ];

    fn of(change: &Change) -> HeadlinePart {
        use ChangeKind::{Added, Moved, Removed};
        match (change.target, change.kind, change.field.as_ref()) {
            (Target::Item, Added, None) => HeadlinePart::ItemsAdded,
            (Target::Item, Removed, None) => HeadlinePart::ItemsRemoved,
            (Target::Item, Moved, None) => HeadlinePart::ItemsMoved,
            (Target::Item, _, Some(Field::Completed)) => match change.note {
                Some(Note::Reopened) => HeadlinePart::Reopened,
                _ => HeadlinePart::NewlyCompleted,
            },
            (Target::Item, _, Some(Field::Status)) => HeadlinePart::Status,
            (Target::Item, _, Some(Field::Milestone)) => HeadlinePart::Milestones,
            (Target::Item, _, Some(Field::PeriodicGoalsMet)) => HeadlinePart::PeriodicGoals,
            (Target::Item, _, Some(Field::Action | Field::CrossReference)) => HeadlinePart::Actions,
            (Target::Resolution, Added, None) => HeadlinePart::ResolutionsAdded,
            (Target::Resolution, Removed, None) => HeadlinePart::ResolutionsRemoved,
            (Target::Resolution, _, _) => HeadlinePart::ResolutionTexts,
            (Target::Summary, _, _) => HeadlinePart::Summary,
            (Target::Appendix, _, _) => HeadlinePart::Appendix,
            (Target::Footnote, _, _) => HeadlinePart::Footnotes,
            (Target::Cover, _, _) => HeadlinePart::Cover,
            (Target::Item, _, _) => HeadlinePart::Other,
        }
    }

    /// The words for one and for several.
    fn words(self) -> (&'static str, &'static str) {
        match self {
            HeadlinePart::ItemsAdded => ("item added", "items added"),
            HeadlinePart::ItemsRemoved => ("item removed", "items removed"),
            HeadlinePart::ItemsMoved => ("item moved", "items moved"),
            HeadlinePart::NewlyCompleted => ("newly completed", "newly completed"),
            HeadlinePart::Reopened => ("re-opened", "re-opened"),
            HeadlinePart::Status => ("status update", "status updates"),
            HeadlinePart::Milestones => ("milestone", "milestones"),
            HeadlinePart::PeriodicGoals => ("periodic-goals mark", "periodic-goals marks"),
            HeadlinePart::Actions => ("action text", "action texts"),
            HeadlinePart::ResolutionsAdded => ("resolution added", "resolutions added"),
            HeadlinePart::ResolutionsRemoved => ("resolution removed", "resolutions removed"),
            HeadlinePart::ResolutionTexts => ("resolution text changed", "resolution text changes"),
            HeadlinePart::Summary => ("summary matrix change", "summary matrix changes"),
            HeadlinePart::Appendix => ("appendix change", "appendix changes"),
            HeadlinePart::Footnotes => ("footnote change", "footnote changes"),
            HeadlinePart::Cover => ("cover change", "cover changes"),
            HeadlinePart::Other => ("other change", "other changes"),
        }
    }
}

/// "1 change", "2 changes".
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The JSON Schema of the diff report ([`output::to_json`]), pretty-printed, ending in a
/// newline (published as `schema/diff.schema.json`, printed by `actplan schema --diff`).
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(Report);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// Compare two editions.
pub fn diff(old: &ActionPlan, new: &ActionPlan) -> Report {
    let mut out = Vec::new();
    cover(old, new, &mut out);
    summary(old.summary.as_ref(), new.summary.as_ref(), &mut out);
    progress(old, new, &mut out);
    let crossings = crossing::Crossings::new(old, new);
    resolutions(old, new, &crossings, &mut out);
    appendices(&old.appendices, &new.appendices, &crossings, &mut out);
    footnotes::footnotes(old, new, &mut out);
    item_contexts(old, new, &mut out);
    Report {
        editions: Editions {
            old: Edition::of(old),
            new: Edition::of(new),
        },
        summary: Counts::of(&out),
        changes: out,
    }
}

/// How long an item's action may be as the context of a change.
const CONTEXT_CHARS: usize = 70;

/// The actions of an edition's items and appendix entries: by (resolution label or appendix
/// key, id), and by id alone (the first of duplicates).
fn actions(plan: &ActionPlan) -> HashMap<(Option<String>, &str), &str> {
    let mut at = HashMap::new();
    let parts = plan.resolutions.iter().map(|r| {
        let actions = r
            .action_items
            .iter()
            .map(|i| (i.id.as_str(), i.action.as_str()));
        (label(r), actions.collect::<Vec<_>>())
    });
    let entries = plan.appendices.iter().map(|a| {
        let actions = a.items.iter().map(|i| (i.id.as_str(), i.action.as_str()));
        (appendix_key(a), actions.collect::<Vec<_>>())
    });
    for (part, list) in parts.chain(entries) {
        for (id, action) in list {
            at.entry((Some(part.clone()), id)).or_insert(action);
            at.entry((None, id)).or_insert(action);
        }
    }
    at
}

/// Every change of an item or appendix entry gets its action, on one line and shortened,
/// as its context: the new edition's, else the old one's.
fn item_contexts(old: &ActionPlan, new: &ActionPlan, changes: &mut [Change]) {
    let (old_actions, new_actions) = (actions(old), actions(new));
    for change in changes.iter_mut().filter(|c| c.context.is_none()) {
        let part = match change.target {
            Target::Item => change.resolution.clone(),
            Target::Appendix if change.appendix.is_some() => change.appendix.clone(),
            _ => continue,
        };
        let id = change.id.as_str();
        let found = [&new_actions, &old_actions]
            .into_iter()
            .find_map(|a| a.get(&(part.clone(), id)).or_else(|| a.get(&(None, id))));
        change.context = found.map(|action| crate::text::shorten(action, CONTEXT_CHARS));
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

/// Changes between two paragraph lists: one per paragraph added, removed, edited or moved.
/// When more than one paragraph moved, the moves are one `reordered` change (the old and the
/// new order); the paragraphs added, removed or edited are still reported one by one.
fn blocks(old: &[Block], new: &[Block], template: &Change, out: &mut Vec<Change>) {
    let old_keys: Vec<String> = old.iter().map(block_key).collect();
    let new_keys: Vec<String> = new.iter().map(block_key).collect();
    if old_keys == new_keys {
        return;
    }
    let aligned = align_moves_edited(&old_keys, &new_keys);
    let change = template.clone();
    let reordered = aligned.moves.len() > 1;
    if reordered {
        let mut change = change
            .clone()
            .values(Value::Texts(texts_of(old)), Value::Texts(texts_of(new)));
        change.kind = ChangeKind::Reordered;
        out.push(change);
    }
    for pair in &aligned.pairs {
        let change = change.clone();
        out.push(match (pair.old, pair.new) {
            // In a reordering, a moved paragraph's edit is still reported, in place.
            (Some(o), Some(n)) if reordered && aligned.is_move(pair) => {
                if old_keys[o] == new_keys[n] {
                    continue;
                }
                change.texts(&old[o].text, &new[n].text)
            }
            (Some(o), Some(n)) if aligned.is_move(pair) => {
                let mut moved = if old_keys[o] == new_keys[n] {
                    change.values(text(&old[o].text), text(&new[n].text))
                } else {
                    change.texts(&old[o].text, &new[n].text)
                };
                moved.kind = ChangeKind::Moved;
                moved.position = Some(Position {
                    before: o + 1,
                    after: n + 1,
                });
                moved
            }
            (Some(o), Some(n)) if old_keys[o] == new_keys[n] => continue,
            (Some(o), Some(n)) => change.texts(&old[o].text, &new[n].text),
            (Some(o), None) => {
                let mut removed = change.values(text(&old[o].text), Value::None);
                removed.kind = ChangeKind::Removed;
                removed
            }
            (None, Some(n)) => {
                let mut added = change.values(Value::None, text(&new[n].text));
                added.kind = ChangeKind::Added;
                added
            }
            (None, None) => continue,
        });
    }
}

fn with_group(mut change: Change, group: &str) -> Change {
    change.group = group.to_string();
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
        change.group = COVER.to_string();
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
    let group = match n.heading.as_deref().or(o.heading.as_deref()) {
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
        change.group = group.clone();
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
    let group = n
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
        change.group = group.clone();
    }
}

/// "Resolution 22": [`crate::model::owners::resolution_label`] of the resolution's kind and number
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

fn resolutions(old: &ActionPlan, new: &ActionPlan, crossings: &Crossings, out: &mut Vec<Change>) {
    let pairs = align_resolutions(&old.resolutions, &new.resolutions);
    let moves = Moves::new(old, new, &pairs, crossings);
    for pair in pairs {
        match (pair.old, pair.new) {
            (Some(r), None) => {
                let gone = &old.resolutions[r];
                let change =
                    Change::new(ChangeKind::Removed, Target::Resolution, &label(gone), None)
                        .values(Value::Resolution(Box::new(gone.clone())), Value::None);
                out.push(with_group(change, &heading(gone)));
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

/// Where the items of both editions are, to tell an item moved to another resolution (or
/// between a resolution and an appendix) from one added or removed.
struct Moves<'a, 'c> {
    old: &'a ActionPlan,
    /// Items moved between a resolution and an appendix.
    crossings: &'c Crossings<'a>,
    /// Resolution and item index of every item id of the old edition (the first of
    /// duplicates).
    old_at: HashMap<&'a str, (usize, usize)>,
    /// The same for the new edition.
    new_at: HashMap<&'a str, (usize, usize)>,
    /// Old resolution index → new resolution index, for resolutions in both.
    paired: HashMap<usize, usize>,
}

impl<'a, 'c> Moves<'a, 'c> {
    fn new(
        old: &'a ActionPlan,
        new: &'a ActionPlan,
        pairs: &[Pair],
        crossings: &'c Crossings<'a>,
    ) -> Moves<'a, 'c> {
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
            crossings,
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
        self.crossings.into_appendix.contains_key(id)
            || self
                .new_at
                .get(id)
                .is_some_and(|&(r, _)| self.paired.get(&old_r) != Some(&r))
    }
}

/// A resolution only in the new edition, and the items moved into it.
fn added_resolution(resolution: &Resolution, r: usize, moves: &Moves, out: &mut Vec<Change>) {
    let group = heading(resolution);
    let change = Change::new(
        ChangeKind::Added,
        Target::Resolution,
        &label(resolution),
        None,
    )
    .values(Value::None, Value::Resolution(Box::new(resolution.clone())));
    out.push(with_group(change, &group));
    for item in &resolution.action_items {
        if let Some((from, old)) = moves.moved_in(r, &item.id) {
            moved(from, old, resolution, item, &group, out);
        }
    }
}

fn moved(
    from: &Resolution,
    old: &Item,
    to: &Resolution,
    new: &Item,
    group: &str,
    out: &mut Vec<Change>,
) {
    let mut change = Change::new(ChangeKind::Moved, Target::Item, &new.id, None)
        .values(Value::Text(label(from)), Value::Text(label(to)));
    change.resolution = Some(label(to));
    out.push(with_group(change, group));
    item(old, new, &label(to), group, out);
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
    let group = heading(new);
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
    items(old, new, at, moves, &group, out);
    blocks(&old.notes, &new.notes, &change(Field::Notes), out);
    for change in &mut out[start..] {
        change.group = group.clone();
    }
}

/// The items of a resolution in both editions, by id: changed, removed, added, or moved
/// in from another resolution (moved out: reported where they are now).
fn items(
    old: &Resolution,
    new: &Resolution,
    (a, b): (usize, usize),
    moves: &Moves,
    group: &str,
    out: &mut Vec<Change>,
) {
    let id = label(new);
    let whole = |kind, item: &Item, before, after| {
        let mut change = Change::new(kind, Target::Item, &item.id, None).values(before, after);
        change.resolution = Some(id.clone());
        change
    };
    // Paired by id (as align_items does); those off the longest run kept in order moved.
    let ids = |items: &[Item]| -> Vec<String> { items.iter().map(|i| i.id.clone()).collect() };
    let (old_ids, new_ids) = (ids(&old.action_items), ids(&new.action_items));
    let reordered: HashSet<(usize, usize)> =
        align_moves(&old_ids, &new_ids).moves.into_iter().collect();
    for pair in align_keyed(&old_ids, &new_ids) {
        match (pair.old, pair.new) {
            (Some(i), Some(j)) => {
                if reordered.contains(&(i, j)) {
                    let mut change = whole(
                        ChangeKind::Moved,
                        &new.action_items[j],
                        Value::Text(id.clone()),
                        Value::Text(id.clone()),
                    );
                    change.position = Some(Position {
                        before: i + 1,
                        after: j + 1,
                    });
                    out.push(with_group(change, group));
                }
                item(&old.action_items[i], &new.action_items[j], &id, group, out)
            }
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
                if let Some(crossing) = moves.crossings.out_of_appendix.get(added.id.as_str()) {
                    out.extend(crossing::moved(&added.id, crossing, false));
                    continue;
                }
                match moves.moved_in(b, &added.id) {
                    Some((from, before)) => moved(from, before, new, added, group, out),
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
fn item(old: &Item, new: &Item, resolution: &str, group: &str, out: &mut Vec<Change>) {
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
    item_extras(old, new, &change, out);
    blocks(&old.status, &new.status, &change(Field::Status), out);
    for change in &mut out[start..] {
        change.resolution = Some(resolution.to_string());
        change.group = group.to_string();
    }
}

/// An item's changes beyond its text fields and marks: the mark cells' other text, the
/// cells of extra columns. (Link targets, like formatting, are not content changes.)
fn item_extras(old: &Item, new: &Item, change: &dyn Fn(Field) -> Change, out: &mut Vec<Change>) {
    let mark_texts = [
        (
            Field::PeriodicGoalsMetText,
            &old.periodic_goals_met_text,
            &new.periodic_goals_met_text,
        ),
        (
            Field::CompletedText,
            &old.completed_text,
            &new.completed_text,
        ),
    ];
    for (field, before, after) in mark_texts {
        if !opt_same(before.as_deref(), after.as_deref()) {
            out.push(opt_change(
                Target::Item,
                &new.id,
                field,
                before.as_deref(),
                after.as_deref(),
            ));
        }
    }
    let extra = |item: &Item| -> Vec<String> {
        item.extra
            .iter()
            .map(|(header, text)| format!("{header}: {}", normalise(text)))
            .collect()
    };
    if extra(old) != extra(new) {
        out.push(change(Field::Extra).values(Value::Texts(extra(old)), Value::Texts(extra(new))));
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

fn appendices(old: &[Appendix], new: &[Appendix], crossings: &Crossings, out: &mut Vec<Change>) {
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
                out.push(with_group(change, &a.title));
            }
            (None, Some(b)) => {
                let change =
                    Change::new(ChangeKind::Added, Target::Appendix, &appendix_key(b), None)
                        .values(Value::None, Value::Appendix(Box::new(b.clone())));
                out.push(with_group(change, &b.title));
            }
            (Some(a), Some(b)) => appendix(a, b, crossings, out),
            (None, None) => {}
        }
    }
}

fn appendix(old: &Appendix, new: &Appendix, crossings: &Crossings, out: &mut Vec<Change>) {
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
    appendix_items(&old.items, &new.items, &key, crossings, out);
    blocks(&old.blocks, &new.blocks, &change(Field::Blocks), out);
    for change in &mut out[start..] {
        change.group = new.title.clone();
    }
}

/// The items of an appendix in both editions, by id (an item moved in from a resolution is
/// one `moved` change; one moved out to a resolution is reported there).
fn appendix_items(
    old: &[AppendixItem],
    new: &[AppendixItem],
    key: &str,
    crossings: &Crossings,
    out: &mut Vec<Change>,
) {
    let ids =
        |items: &[AppendixItem]| -> Vec<String> { items.iter().map(|i| i.id.clone()).collect() };
    for pair in align_keyed(&ids(old), &ids(new)) {
        let (a, b) = (pair.old.map(|i| &old[i]), pair.new.map(|i| &new[i]));
        let whole = |kind, id: &str, before, after| {
            vec![Change::new(kind, Target::Appendix, id, None).values(before, after)]
        };
        let changes = match (a, b) {
            (Some(a), Some(b)) => appendix_item(a, b),
            (Some(a), None) if crossings.out_of_appendix.contains_key(a.id.as_str()) => continue,
            (None, Some(b)) if crossings.into_appendix.contains_key(b.id.as_str()) => {
                let crossing = &crossings.into_appendix[b.id.as_str()];
                out.extend(crossing::moved(&b.id, crossing, true));
                continue;
            }
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
