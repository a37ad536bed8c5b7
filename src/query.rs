//! `actplan items` and `actplan stats`: the action items with their derived owners, due
//! points and state, selected by filters and counted per resolution and per owner.
//!
//! An item's state is the HTML report's: `completed` (√ in "Completed"), else `periodic`
//! (√ in "Periodic goals met"), else `open`. `overdue` follows [`crate::model::milestone`].

use crate::check::has_status;
use crate::model::milestone::{Date, DuePoint, Milestone};
use crate::model::owners::{self, item_owners, resolution_label, same_number, Source};
use crate::model::{ActionPlan, Block, Kind};
use crate::text::push_csv_record;
use serde::Serialize;
use std::fmt::Write as _;

/// The state of an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    /// Completed.
    Completed,
    /// Not completed, periodic goals met.
    Periodic,
    /// Neither.
    Open,
}

impl State {
    /// "completed", "periodic", "open".
    pub fn as_str(self) -> &'static str {
        match self {
            State::Completed => "completed",
            State::Periodic => "periodic",
            State::Open => "open",
        }
    }

    /// "Completed", "Periodic goals met", "Open".
    pub fn label(self) -> &'static str {
        match self {
            State::Completed => "Completed",
            State::Periodic => "Periodic goals met",
            State::Open => "Open",
        }
    }
}

/// One action item with what is derived from it.
#[derive(Debug, Clone, Serialize)]
pub struct ItemRow {
    /// "Resolution 22", "Opinion 1".
    pub resolution: String,
    /// The item id.
    pub id: String,
    /// "(44-14)".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cross_reference: Option<String>,
    /// The action text.
    pub action: String,
    /// Derived owners (see [`crate::model::owners`]).
    pub owners: Vec<String>,
    /// "text" or "matrix" (or "none").
    pub owners_from: Source,
    /// The milestone text.
    pub milestone: String,
    /// Its understood parts.
    pub due: Vec<DuePoint>,
    /// Its parts not understood.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unparsed_milestone: Vec<String>,
    /// When it is due, if it has a single date (see [`Milestone::due_date`]).
    pub due_date: Option<Date>,
    /// √ in "Periodic goals met".
    pub periodic_goals_met: bool,
    /// √ in "Completed".
    pub completed: bool,
    /// Completed, periodic or open.
    pub state: State,
    /// Overdue on the as-of date.
    pub overdue: bool,
    /// The status paragraphs as plain text.
    pub status: Vec<String>,
    #[serde(skip)]
    kind: Kind,
    #[serde(skip)]
    number: String,
}

fn status_lines(blocks: &[Block]) -> Vec<String> {
    blocks
        .iter()
        .filter(|b| !b.text.trim().is_empty())
        .map(|b| b.text.clone())
        .collect()
}

/// Every action item of `plan`, in document order, overdue as of `as_of`.
pub fn rows(plan: &ActionPlan, as_of: Date) -> Vec<ItemRow> {
    let mut rows = Vec::new();
    for r in &plan.resolutions {
        for item in &r.action_items {
            let owners = item_owners(plan, r, item);
            let milestone = Milestone::parse(&item.milestone);
            let state = if item.completed {
                State::Completed
            } else if item.periodic_goals_met {
                State::Periodic
            } else {
                State::Open
            };
            rows.push(ItemRow {
                resolution: resolution_label(r.kind, &r.number),
                id: item.id.trim().to_string(),
                cross_reference: item.cross_reference.clone(),
                action: item.action.clone(),
                owners: owners.names,
                owners_from: owners.source,
                milestone: item.milestone.clone(),
                due_date: milestone.due_date(),
                overdue: milestone.is_overdue(item.completed, as_of),
                due: milestone.points,
                unparsed_milestone: milestone.unparsed,
                periodic_goals_met: item.periodic_goals_met,
                completed: item.completed,
                state,
                status: if has_status(&item.status) {
                    status_lines(&item.status)
                } else {
                    Vec::new()
                },
                kind: r.kind,
                number: r.number.clone(),
            });
        }
    }
    rows
}

/// A resolution named on the command line: "22", "Resolution 22", "Res. 22", "Opinion 1",
/// "Op1". A bare number is a resolution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolutionRef {
    /// Resolution or Opinion.
    pub kind: Kind,
    /// The number as typed.
    pub number: String,
}

impl ResolutionRef {
    /// Read a resolution reference, or `None`.
    pub fn parse(text: &str) -> Option<ResolutionRef> {
        let text = text.trim();
        let split = text
            .find(|c: char| c.is_ascii_digit())
            .unwrap_or(text.len());
        let (word, number) = text.split_at(split);
        let word = word
            .trim()
            .trim_end_matches(['.', '-'])
            .trim()
            .to_lowercase();
        let number = number.trim();
        if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let kind = match word.as_str() {
            "" | "r" | "res" | "resolution" => Kind::Resolution,
            "op" | "opinion" => Kind::Opinion,
            _ => return None,
        };
        Some(ResolutionRef {
            kind,
            number: number.to_string(),
        })
    }
}

impl ResolutionRef {
    /// True when `plan` has this resolution or opinion.
    pub fn is_in(&self, plan: &ActionPlan) -> bool {
        plan.resolutions
            .iter()
            .any(|r| r.kind == self.kind && same_number(&r.number, &self.number))
    }
}

/// Which items to list. Values within one field are alternatives (any may match); the
/// fields combine (all must match); an empty field matches everything.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Canonical owner names ([`owners::canonical`]), matched with [`owners::owns`] (a study
    /// group also gets the items of all study groups).
    pub owners: Vec<String>,
    /// States.
    pub states: Vec<State>,
    /// Only overdue items.
    pub overdue: bool,
    /// Milestone filters ([`Milestone::matches`]).
    pub milestones: Vec<String>,
    /// Resolutions.
    pub resolutions: Vec<ResolutionRef>,
}

impl Filter {
    /// True when `row` passes.
    pub fn accepts(&self, row: &ItemRow) -> bool {
        let owner_ok =
            self.owners.is_empty() || self.owners.iter().any(|o| owners::owns(&row.owners, o));
        let state_ok = self.states.is_empty() || self.states.contains(&row.state);
        let overdue_ok = !self.overdue || row.overdue;
        let milestone_ok = self.milestones.is_empty() || {
            let milestone = Milestone::parse(&row.milestone);
            self.milestones.iter().any(|m| milestone.matches(m))
        };
        let resolution_ok = self.resolutions.is_empty()
            || self
                .resolutions
                .iter()
                .any(|r| r.kind == row.kind && same_number(&r.number, &row.number));
        owner_ok && state_ok && overdue_ok && milestone_ok && resolution_ok
    }
}

/// The items of `plan` that pass `filter`, in document order.
pub fn select(plan: &ActionPlan, filter: &Filter, as_of: Date) -> Vec<ItemRow> {
    rows(plan, as_of)
        .into_iter()
        .filter(|row| filter.accepts(row))
        .collect()
}

/// `{"as_of": …, "count": …, "items": [...]}`, pretty-printed, ending in a newline.
pub fn items_json(rows: &[ItemRow], as_of: Date) -> String {
    #[derive(Serialize)]
    struct Out<'a> {
        as_of: Date,
        count: usize,
        items: &'a [ItemRow],
    }
    let mut text = serde_json::to_string_pretty(&Out {
        as_of,
        count: rows.len(),
        items: rows,
    })
    .unwrap_or_default();
    text.push('\n');
    text
}

/// The CSV columns of `actplan items --to csv`.
pub const CSV_COLUMNS: [&str; 11] = [
    "resolution",
    "id",
    "owners",
    "milestone",
    "due_date",
    "state",
    "periodic_goals_met",
    "completed",
    "overdue",
    "action",
    "status",
];

/// RFC 4180 CSV (CRLF line ends, fields quoted when needed) with a header row. Owners are
/// joined by "; ", status paragraphs by line breaks. A field starting with `=`, `+`, `-`,
/// `@`, TAB or CR gets a leading `'` so that a spreadsheet does not run it as a formula.
pub fn items_csv(rows: &[ItemRow]) -> String {
    let mut out = String::new();
    let line = push_csv_record::<String>;
    line(&mut out, &CSV_COLUMNS.map(String::from));
    let mark = |b: bool| if b { "yes" } else { "" }.to_string();
    for row in rows {
        line(
            &mut out,
            &[
                row.resolution.clone(),
                row.id.clone(),
                row.owners.join("; "),
                row.milestone.clone(),
                row.due_date.map(|d| d.to_string()).unwrap_or_default(),
                row.state.as_str().to_string(),
                mark(row.periodic_goals_met),
                mark(row.completed),
                mark(row.overdue),
                row.action.clone(),
                row.status.join("\n"),
            ],
        );
    }
    out
}

/// Item counts. `completed`, `periodic_goals_met` and `open` are the three states (they add
/// up to `items`); `overdue` counts the items among them that are overdue.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Items.
    pub items: usize,
    /// Completed.
    pub completed: usize,
    /// Periodic goals met, not completed.
    pub periodic_goals_met: usize,
    /// Neither.
    pub open: usize,
    /// Overdue.
    pub overdue: usize,
}

impl Counts {
    fn add(&mut self, row: &ItemRow) {
        self.items += 1;
        match row.state {
            State::Completed => self.completed += 1,
            State::Periodic => self.periodic_goals_met += 1,
            State::Open => self.open += 1,
        }
        if row.overdue {
            self.overdue += 1;
        }
    }
}

/// The counts of one resolution.
#[derive(Debug, Clone, Serialize)]
pub struct ResolutionCounts {
    /// "Resolution 22".
    pub resolution: String,
    /// The heading title.
    pub title: String,
    /// Its items.
    #[serde(flatten)]
    pub counts: Counts,
}

/// The counts of one owner.
#[derive(Debug, Clone, Serialize)]
pub struct OwnerCounts {
    /// The owner name, or "(none)".
    pub owner: String,
    /// Its items.
    #[serde(flatten)]
    pub counts: Counts,
}

/// Counts over a plan.
#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    /// The date overdue is computed for.
    pub as_of: Date,
    /// Over all items.
    pub totals: Counts,
    /// Per resolution, in document order (resolutions without items too).
    pub resolutions: Vec<ResolutionCounts>,
    /// Per owner, in [`owners::all_owners`] order; an item counts once for each of its owners;
    /// "(none)" last for items without owner.
    pub owners: Vec<OwnerCounts>,
}

/// The owner name of items without owner in [`Stats::owners`].
pub const NO_OWNER: &str = "(none)";

/// Count the items of `plan`, overdue as of `as_of`.
pub fn stats(plan: &ActionPlan, as_of: Date) -> Stats {
    let rows = rows(plan, as_of);
    let mut totals = Counts::default();
    let mut resolutions: Vec<ResolutionCounts> = plan
        .resolutions
        .iter()
        .map(|r| ResolutionCounts {
            resolution: resolution_label(r.kind, &r.number),
            title: r.title.split_whitespace().collect::<Vec<_>>().join(" "),
            counts: Counts::default(),
        })
        .collect();
    let mut by_owner: Vec<OwnerCounts> = Vec::new();
    let mut index = 0;
    for (r, resolution) in plan.resolutions.iter().zip(resolutions.iter_mut()) {
        for _ in &r.action_items {
            let row = &rows[index];
            index += 1;
            totals.add(row);
            resolution.counts.add(row);
            let names: Vec<&str> = if row.owners.is_empty() {
                vec![NO_OWNER]
            } else {
                row.owners.iter().map(String::as_str).collect()
            };
            for name in names {
                match by_owner.iter_mut().find(|o| o.owner == name) {
                    Some(o) => o.counts.add(row),
                    None => {
                        let mut counts = Counts::default();
                        counts.add(row);
                        by_owner.push(OwnerCounts {
                            owner: name.to_string(),
                            counts,
                        });
                    }
                }
            }
        }
    }
    by_owner.sort_by(|a, b| {
        owners::rank(&a.owner)
            .cmp(&owners::rank(&b.owner))
            .then(a.owner.cmp(&b.owner))
    });
    Stats {
        as_of,
        totals,
        resolutions,
        owners: by_owner,
    }
}

/// The stats as pretty-printed JSON ending in a newline.
pub fn stats_json(stats: &Stats) -> String {
    let mut text = serde_json::to_string_pretty(stats).unwrap_or_default();
    text.push('\n');
    text
}

/// The column headings of the count tables, in [`Counts::cells`] order.
pub const COLUMNS: [&str; 5] = ["Items", "Completed", "Periodic", "Open", "Overdue"];

impl Counts {
    /// Items, completed, periodic goals met, open, overdue: the [`COLUMNS`] of a table.
    pub fn cells(&self) -> [usize; 5] {
        [
            self.items,
            self.completed,
            self.periodic_goals_met,
            self.open,
            self.overdue,
        ]
    }
}

fn text_table(out: &mut String, heading: &str, rows: &[(String, Counts)]) {
    let width = rows
        .iter()
        .map(|(label, _)| label.chars().count())
        .chain([heading.len(), 5])
        .max()
        .unwrap_or(0);
    let _ = write!(out, "{heading:<width$}");
    for c in COLUMNS {
        let _ = write!(out, "  {c:>9}");
    }
    out.push('\n');
    for (label, counts) in rows {
        let pad = width - label.chars().count();
        let _ = write!(out, "{label}{}", " ".repeat(pad));
        for n in counts.cells() {
            let _ = write!(out, "  {n:>9}");
        }
        out.push('\n');
    }
}

impl Stats {
    /// (resolution label, counts) per resolution, in document order.
    pub fn resolution_rows(&self) -> Vec<(String, Counts)> {
        self.resolutions
            .iter()
            .map(|r| (r.resolution.clone(), r.counts))
            .collect()
    }

    /// (owner, counts) per owner.
    pub fn owner_rows(&self) -> Vec<(String, Counts)> {
        self.owners
            .iter()
            .map(|o| (o.owner.clone(), o.counts))
            .collect()
    }
}

/// Two aligned tables (per resolution, per owner) with the totals first.
pub fn stats_text(stats: &Stats) -> String {
    let t = &stats.totals;
    let mut out = format!(
        "{} action items: {} completed, {} periodic goals met, {} open; {} overdue as of {}\n\n",
        t.items, t.completed, t.periodic_goals_met, t.open, t.overdue, stats.as_of
    );
    let mut resolutions = stats.resolution_rows();
    resolutions.push(("Total".to_string(), stats.totals));
    text_table(&mut out, "Resolution", &resolutions);
    out.push('\n');
    text_table(&mut out, "Owner", &stats.owner_rows());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolution_refs() {
        let r = |t: &str| ResolutionRef::parse(t).map(|r| (r.kind, r.number));
        assert_eq!(r("22"), Some((Kind::Resolution, "22".into())));
        assert_eq!(r("Resolution 22"), Some((Kind::Resolution, "22".into())));
        assert_eq!(r("res. 7"), Some((Kind::Resolution, "7".into())));
        assert_eq!(r("Opinion 1"), Some((Kind::Opinion, "1".into())));
        assert_eq!(r("Op1"), Some((Kind::Opinion, "1".into())));
        assert_eq!(r("Op-1"), Some((Kind::Opinion, "1".into())));
        assert_eq!(r("x"), None);
        assert_eq!(r("Recommendation 5"), None);
        assert_eq!(r("22a"), None);
    }
}
