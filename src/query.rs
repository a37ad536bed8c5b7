//! `actplan items` and `actplan stats`: the action items with their derived owners, due
//! points and state, selected by filters and counted per resolution and per owner.
//!
//! An item's state is the HTML report's: `completed` (√ in "Completed"), else `periodic`
//! (√ in "Periodic goals met"), else `open`. `overdue` follows [`crate::milestone`].

use crate::check::has_status;
use crate::milestone::{Date, DuePoint, Milestone};
use crate::model::{ActionPlan, Block, Kind};
use crate::owners::{self, item_owners, resolution_label, same_number, Source};
use crate::render::markdown::{self, Mode};
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
    /// Derived owners (see [`crate::owners`]).
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
    let line = |out: &mut String, fields: &[String]| {
        let cells: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    };
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

fn csv_field(text: &str) -> String {
    let mut text = text.replace("\r\n", "\n").replace('\r', "\n");
    if text.starts_with(['=', '+', '-', '@', '\t']) {
        text.insert(0, '\'');
    }
    if text.contains([',', '"', '\n']) || text.starts_with(' ') || text.ends_with(' ') {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// A GFM table of the items, one row each, document text escaped.
pub fn items_markdown(rows: &[ItemRow], as_of: Date) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} action item{}; overdue as of {as_of}\n",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" }
    );
    out.push_str("| Resolution | Id | Owners | Milestone | State | Action |\n");
    out.push_str("| --- | --- | --- | --- | --- | --- |\n");
    for row in rows {
        let mut state = row.state.label().to_string();
        if row.overdue {
            state.push_str(", overdue");
        }
        let cells = [
            markdown::escape(&row.resolution, Mode::Cell),
            markdown::escape(&row.id, Mode::Cell),
            markdown::escape(&row.owners.join(", "), Mode::Cell),
            markdown::escape(&row.milestone, Mode::Cell),
            markdown::escape(&state, Mode::Cell),
            markdown::escape(&row.action, Mode::Cell),
        ];
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out
}

/// `text` escaped for HTML text and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// Text with line breaks as `<br>`, escaped.
fn html_lines(text: &str) -> String {
    text.split('\n')
        .map(escape_html)
        .collect::<Vec<_>>()
        .join("<br>")
}

const PAGE_STYLE: &str = "\
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:1.5rem;color:#1a1a1a;line-height:1.4}\
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem}\
table{border-collapse:collapse;margin:.5rem 0 1.5rem}\
th,td{border:1px solid #c8c8c8;padding:.25rem .5rem;vertical-align:top;text-align:left}\
th{background:#f0f0f0}td.n{text-align:right;font-variant-numeric:tabular-nums}\
tr.overdue td{background:#fff1f0}\
.legend{display:flex;gap:1rem;flex-wrap:wrap;margin:.25rem 0}\
.swatch{display:inline-block;width:.9em;height:.9em;margin-right:.3em;vertical-align:-.1em}\
.completed{fill:#2e7d32;background:#2e7d32}.periodic{fill:#1565c0;background:#1565c0}\
.open{fill:#b0b0b0;background:#b0b0b0}.overdue-bar{fill:#c62828;background:#c62828}\
svg text{font-size:11px;fill:#1a1a1a}svg .grid{stroke:#e0e0e0}\
@media print{body{margin:0}h2{break-before:auto}}";

fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{PAGE_STYLE}</style>\n</head>\n<body>\n<main>\n{body}</main>\n\
         <footer><p>actplan {}</p></footer>\n</body>\n</html>\n",
        escape_html(title),
        env!("CARGO_PKG_VERSION")
    )
}

/// One self-contained HTML page with a table of the items (no script, nothing fetched).
pub fn items_html(rows: &[ItemRow], title: &str, as_of: Date) -> String {
    let mut body = String::new();
    let _ = writeln!(body, "<h1>{}</h1>", escape_html(title));
    let _ = writeln!(
        body,
        "<p>{} action item{}; overdue as of {as_of}.</p>",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" }
    );
    body.push_str(
        "<table>\n<thead><tr><th scope=\"col\">Resolution</th><th scope=\"col\">Id</th>\
         <th scope=\"col\">Owners</th><th scope=\"col\">Milestone</th><th scope=\"col\">State</th>\
         <th scope=\"col\">Action</th><th scope=\"col\">Status</th></tr></thead>\n<tbody>\n",
    );
    for row in rows {
        let mut state = row.state.label().to_string();
        if row.overdue {
            state.push_str(", overdue");
        }
        let _ = writeln!(
            body,
            "<tr{}><td>{}</td><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            if row.overdue { " class=\"overdue\"" } else { "" },
            escape_html(&row.resolution),
            escape_html(&row.id),
            escape_html(&row.owners.join(", ")),
            html_lines(&row.milestone),
            escape_html(&state),
            html_lines(&row.action),
            row.status
                .iter()
                .map(|s| html_lines(s))
                .collect::<Vec<_>>()
                .join("<br>"),
        );
    }
    body.push_str("</tbody>\n</table>\n");
    page(title, &body)
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

const COLUMNS: [&str; 5] = ["Items", "Completed", "Periodic", "Open", "Overdue"];

fn count_cells(c: &Counts) -> [usize; 5] {
    [
        c.items,
        c.completed,
        c.periodic_goals_met,
        c.open,
        c.overdue,
    ]
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
        for n in count_cells(counts) {
            let _ = write!(out, "  {n:>9}");
        }
        out.push('\n');
    }
}

fn labelled_resolutions(stats: &Stats) -> Vec<(String, Counts)> {
    stats
        .resolutions
        .iter()
        .map(|r| (r.resolution.clone(), r.counts))
        .collect()
}

fn labelled_owners(stats: &Stats) -> Vec<(String, Counts)> {
    stats
        .owners
        .iter()
        .map(|o| (o.owner.clone(), o.counts))
        .collect()
}

/// Two aligned tables (per resolution, per owner) with the totals first.
pub fn stats_text(stats: &Stats) -> String {
    let t = &stats.totals;
    let mut out = format!(
        "{} action items: {} completed, {} periodic goals met, {} open; {} overdue as of {}\n\n",
        t.items, t.completed, t.periodic_goals_met, t.open, t.overdue, stats.as_of
    );
    let mut resolutions = labelled_resolutions(stats);
    resolutions.push(("Total".to_string(), stats.totals));
    text_table(&mut out, "Resolution", &resolutions);
    out.push('\n');
    text_table(&mut out, "Owner", &labelled_owners(stats));
    out
}

/// A horizontal stacked bar chart as inline SVG: per row, completed, periodic goals met and
/// open items, and a thin red bar for the overdue ones.
fn bar_chart(id: &str, title: &str, rows: &[(String, Counts)]) -> String {
    const LABEL: f64 = 170.0;
    const BARS: f64 = 520.0;
    const ROW: f64 = 20.0;
    const TOP: f64 = 22.0;
    let max = rows.iter().map(|(_, c)| c.items).max().unwrap_or(0).max(1);
    let scale = BARS / max as f64;
    let height = TOP + ROW * rows.len() as f64 + 8.0;
    let width = LABEL + BARS + 60.0;
    let mut svg = String::new();
    let _ = writeln!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
         viewBox=\"0 0 {width} {height}\" role=\"img\" aria-labelledby=\"{id}-title\">\n\
         <title id=\"{id}-title\">{}</title>",
        escape_html(title)
    );
    // Grid lines and their values at quarters of the largest bar.
    let step = nice_step(max);
    let mut tick = 0;
    while tick <= max {
        let x = LABEL + tick as f64 * scale;
        let _ = writeln!(
            svg,
            "<line class=\"grid\" x1=\"{x:.1}\" y1=\"{}\" x2=\"{x:.1}\" y2=\"{:.1}\"/>\
             <text x=\"{x:.1}\" y=\"12\" text-anchor=\"middle\">{tick}</text>",
            TOP - 4.0,
            height - 4.0
        );
        tick += step;
    }
    for (i, (label, c)) in rows.iter().enumerate() {
        let y = TOP + ROW * i as f64;
        let _ = writeln!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            LABEL - 6.0,
            y + 12.0,
            escape_html(label)
        );
        let mut x = LABEL;
        for (class, count, what) in [
            ("completed", c.completed, "completed"),
            ("periodic", c.periodic_goals_met, "periodic goals met"),
            ("open", c.open, "open"),
        ] {
            if count == 0 {
                continue;
            }
            let w = count as f64 * scale;
            let _ = writeln!(
                svg,
                "<rect class=\"{class}\" x=\"{x:.1}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"12\">\
                 <title>{}: {count} {what}</title></rect>",
                y + 2.0,
                escape_html(label)
            );
            x += w;
        }
        if c.overdue > 0 {
            let _ = writeln!(
                svg,
                "<rect class=\"overdue-bar\" x=\"{LABEL:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"3\">\
                 <title>{}: {} overdue</title></rect>",
                y + 15.0,
                c.overdue as f64 * scale,
                escape_html(label),
                c.overdue
            );
        }
        let _ = writeln!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            x + 4.0,
            y + 12.0,
            c.items
        );
    }
    svg.push_str("</svg>\n");
    svg
}

/// A step for grid lines: 1, 2, 5, 10, 20, 50 … giving at most about five lines.
fn nice_step(max: usize) -> usize {
    let mut step = 1;
    loop {
        for factor in [1, 2, 5] {
            if max / (step * factor) <= 5 {
                return step * factor;
            }
        }
        step *= 10;
    }
}

fn html_table(out: &mut String, heading: &str, rows: &[(String, Counts)]) {
    let _ = write!(
        out,
        "<table>\n<thead><tr><th scope=\"col\">{}</th>",
        escape_html(heading)
    );
    for c in COLUMNS {
        let _ = write!(out, "<th scope=\"col\">{c}</th>");
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for (label, counts) in rows {
        let _ = write!(out, "<tr><th scope=\"row\">{}</th>", escape_html(label));
        for n in count_cells(counts) {
            let _ = write!(out, "<td class=\"n\">{n}</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

const LEGEND: &str =
    "<p class=\"legend\"><span><span class=\"swatch completed\"></span>Completed</span>\
<span><span class=\"swatch periodic\"></span>Periodic goals met</span>\
<span><span class=\"swatch open\"></span>Open</span>\
<span><span class=\"swatch overdue-bar\"></span>Overdue (thin bar)</span></p>\n";

/// One self-contained HTML page: the totals, a bar chart (inline SVG) and a table per
/// resolution and per owner. No script, nothing fetched, document text escaped.
/// The two charts (per resolution, per owner) with their legend, as an HTML fragment of
/// inline SVG: all text escaped, nothing fetched. The HTML report embeds it.
pub fn stats_charts(stats: &Stats) -> String {
    let mut out = String::from(LEGEND);
    out.push_str(&bar_chart(
        "chart-resolutions",
        "Action items per resolution",
        &labelled_resolutions(stats),
    ));
    out.push_str(&bar_chart(
        "chart-owners",
        "Action items per owner",
        &labelled_owners(stats),
    ));
    out
}

pub fn stats_html(stats: &Stats, title: &str) -> String {
    let t = &stats.totals;
    let mut body = String::new();
    let _ = writeln!(body, "<h1>{}</h1>", escape_html(title));
    let _ = writeln!(
        body,
        "<p>{} action items: {} completed, {} periodic goals met, {} open; {} overdue as of {}.</p>",
        t.items, t.completed, t.periodic_goals_met, t.open, t.overdue, stats.as_of
    );
    let resolutions = labelled_resolutions(stats);
    let owners = labelled_owners(stats);
    body.push_str("<section aria-labelledby=\"per-resolution\">\n<h2 id=\"per-resolution\">Per resolution</h2>\n");
    body.push_str(LEGEND);
    body.push_str(&bar_chart(
        "chart-resolutions",
        "Action items per resolution",
        &resolutions,
    ));
    let mut with_total = resolutions.clone();
    with_total.push(("Total".to_string(), stats.totals));
    html_table(&mut body, "Resolution", &with_total);
    body.push_str("</section>\n<section aria-labelledby=\"per-owner\">\n<h2 id=\"per-owner\">Per owner</h2>\n");
    body.push_str(LEGEND);
    body.push_str(&bar_chart(
        "chart-owners",
        "Action items per owner",
        &owners,
    ));
    html_table(&mut body, "Owner", &owners);
    body.push_str("</section>\n");
    page(title, &body)
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

    #[test]
    fn csv_fields() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_field("=1+1"), "'=1+1");
        assert_eq!(csv_field("- bullet"), "'- bullet");
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
    }

    #[test]
    fn steps() {
        assert_eq!(nice_step(1), 1);
        assert_eq!(nice_step(5), 1);
        assert_eq!(nice_step(6), 2);
        assert_eq!(nice_step(28), 5);
        assert_eq!(nice_step(180), 50);
        assert_eq!(nice_step(330), 100);
    }

    #[test]
    fn html_escaping() {
        assert_eq!(
            escape_html("<a href='x'>\"&\"</a>"),
            "&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;"
        );
    }
}
