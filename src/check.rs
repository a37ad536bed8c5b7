//! `actplan check`: consistency findings of an edition.
//!
//! | code | severity | what |
//! |---|---|---|
//! | `duplicate-id` | error | an item id used by an earlier item too |
//! | `id-prefix` | error | an item id whose prefix is not its resolution's number ("22-02" under Resolution 22; "01-01" = Resolution 1; Opinion items "Op-01" or "Op1-01"; an id that is only an alias in parentheses, "(44-25)", refers to another resolution by design and is not checked) |
//! | `id-gap` | info | missing numbers in a resolution's item sequence (22-09 → 22-14), with the missing ids the appendices list as obsolete |
//! | `matrix-without-section` | error | a Section I matrix row with no Section II part |
//! | `section-without-matrix` | error | a Section II part with no matrix row |
//! | `title-mismatch` | warning | matrix title and heading title differ in their words (see [`same_title`]) |
//! | `completed-without-status` | warning | a completed item with no status text |
//! | `overdue` | warning | not completed, not ongoing, and due before the as-of date (see [`crate::model::milestone`]) |
//! | `unparsed-milestone` | warning | milestone parts that are not understood, listed (or no milestone at all) |
//! | `missing-footnote` | error | a footnote reference to a footnote the edition does not have (the reports cannot show it) |
//! | `unused-footnote` | info | a footnote no text refers to (the reports list it after the others) |
//!
//! Findings come grouped by code in the order above, each group in document order.

use crate::model::milestone::{Date, Milestone};
use crate::model::owners::{resolution_label, same_number};
use crate::model::{ActionPlan, Block, Kind, Part, Resolution};
use crate::text::one_line;
use regex::Regex;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::sync::OnceLock;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The edition is inconsistent.
    Error,
    /// Worth a look; `--strict` fails on it.
    Warning,
    /// For information.
    Info,
}

impl Severity {
    /// "error", "warning", "info".
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// What a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Code {
    /// `duplicate-id`.
    DuplicateId,
    /// `id-prefix`.
    IdPrefix,
    /// `id-gap`.
    IdGap,
    /// `matrix-without-section`.
    MatrixWithoutSection,
    /// `section-without-matrix`.
    SectionWithoutMatrix,
    /// `title-mismatch`.
    TitleMismatch,
    /// `completed-without-status`.
    CompletedWithoutStatus,
    /// `overdue`.
    Overdue,
    /// `unparsed-milestone`.
    UnparsedMilestone,
    /// `missing-footnote`.
    MissingFootnote,
    /// `unused-footnote`.
    UnusedFootnote,
}

impl Code {
    /// The code as written in reports ("duplicate-id").
    pub fn as_str(self) -> &'static str {
        match self {
            Code::DuplicateId => "duplicate-id",
            Code::IdPrefix => "id-prefix",
            Code::IdGap => "id-gap",
            Code::MatrixWithoutSection => "matrix-without-section",
            Code::SectionWithoutMatrix => "section-without-matrix",
            Code::TitleMismatch => "title-mismatch",
            Code::CompletedWithoutStatus => "completed-without-status",
            Code::Overdue => "overdue",
            Code::UnparsedMilestone => "unparsed-milestone",
            Code::MissingFootnote => "missing-footnote",
            Code::UnusedFootnote => "unused-footnote",
        }
    }

    /// The severity of every finding with this code.
    pub fn severity(self) -> Severity {
        match self {
            Code::DuplicateId
            | Code::IdPrefix
            | Code::MatrixWithoutSection
            | Code::SectionWithoutMatrix
            | Code::MissingFootnote => Severity::Error,
            Code::TitleMismatch
            | Code::CompletedWithoutStatus
            | Code::Overdue
            | Code::UnparsedMilestone => Severity::Warning,
            Code::IdGap | Code::UnusedFootnote => Severity::Info,
        }
    }
}

/// Where a finding is: a resolution ("Resolution 22", "Opinion 1") and an item id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    /// "Resolution 22"; null for the document as a whole.
    pub resolution: Option<String>,
    /// "22-09"; null for a resolution as a whole.
    pub item: Option<String>,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Error, warning or info.
    pub severity: Severity,
    /// What it is about.
    pub code: Code,
    /// Where.
    pub location: Location,
    /// One line for a person.
    pub message: String,
}

impl Finding {
    fn new(code: Code, resolution: Option<String>, item: Option<&str>, message: String) -> Self {
        Finding {
            severity: code.severity(),
            code,
            location: Location {
                resolution,
                item: item.map(str::to_string),
            },
            message,
        }
    }
}

/// The as-of date `check` uses when none is given: the first day of the meeting on the
/// cover, when it can be read.
pub fn cover_date(plan: &ActionPlan) -> Option<Date> {
    plan.meeting_start()
}

/// Every finding of `plan`, with items due before `as_of` overdue.
pub fn check(plan: &ActionPlan, as_of: Date) -> Vec<Finding> {
    let mut findings = Vec::new();
    duplicate_ids(plan, &mut findings);
    id_prefixes(plan, &mut findings);
    id_gaps(plan, &mut findings);
    matrix_and_sections(plan, &mut findings);
    titles(plan, &mut findings);
    items(plan, as_of, &mut findings);
    footnotes(plan, &mut findings);
    findings
}

fn label(r: &Resolution) -> String {
    resolution_label(r.kind, &r.number)
}

fn duplicate_ids(plan: &ActionPlan, findings: &mut Vec<Finding>) {
    let mut seen: HashMap<String, String> = HashMap::new();
    for r in &plan.resolutions {
        for item in &r.action_items {
            let id = item.id.trim();
            if id.is_empty() || is_alias(id) {
                continue;
            }
            let key: String = id.split_whitespace().collect::<String>().to_lowercase();
            match seen.get(&key) {
                Some(first) => findings.push(Finding::new(
                    Code::DuplicateId,
                    Some(label(r)),
                    Some(id),
                    format!("item id {id} is already used in {first}"),
                )),
                None => {
                    seen.insert(key, label(r));
                }
            }
        }
    }
}

/// A footnote reference and where it is: (footnote id, resolution or appendix, item).
type Reference = (String, Option<String>, Option<String>);

/// Every footnote reference of the plan, in document order, with where it is.
fn footnote_references(plan: &ActionPlan) -> Vec<Reference> {
    let mut out = Vec::new();
    plan.for_each_part(&mut |part, spans| {
        let (resolution, item) = match part {
            Part::SummaryCaption | Part::SummaryNotes | Part::ProgressIntro => (None, None),
            Part::OperativeText(r) | Part::Notes(r) => (Some(label(r)), None),
            Part::Action(r, item) | Part::Milestone(r, item) | Part::Status(r, item) => {
                (Some(label(r)), Some(item.id.clone()))
            }
            Part::AppendixAction(a, item) => (Some(a.title.clone()), Some(item.id.clone())),
            Part::Appendix(a) => (Some(a.title.clone()), None),
        };
        for id in spans
            .inlines()
            .into_iter()
            .filter_map(|i| i.footnote.as_ref())
        {
            out.push((id.clone(), resolution.clone(), item.clone()));
        }
    });
    out
}

/// References to footnotes the plan does not have, and footnotes nothing refers to.
fn footnotes(plan: &ActionPlan, findings: &mut Vec<Finding>) {
    let references = footnote_references(plan);
    for (id, resolution, item) in &references {
        if !plan.footnotes.contains_key(id) {
            findings.push(Finding::new(
                Code::MissingFootnote,
                resolution.clone(),
                item.as_deref(),
                format!("a footnote reference to footnote {id}, which the edition does not have"),
            ));
        }
    }
    let referenced: HashSet<&String> = references.iter().map(|(id, _, _)| id).collect();
    for (id, blocks) in &plan.footnotes {
        if !referenced.contains(id) {
            let mut text = String::new();
            collect_text(blocks, &mut text);
            findings.push(Finding::new(
                Code::UnusedFootnote,
                None,
                None,
                format!(
                    "footnote {id} is referred to nowhere: {}",
                    crate::text::shorten(text.trim(), 80)
                ),
            ));
        }
    }
}

/// "(44-25)": an alias of an item of another resolution.
fn is_alias(id: &str) -> bool {
    let id = id.trim();
    id.starts_with('(') && id.ends_with(')')
}

/// An item id read: the prefix (digits, or "Op"/"Op1"), its number, the sequence number and
/// its digits as written.
struct ParsedId {
    /// For a resolution: the number before the dash. For an opinion: the opinion number,
    /// when the id gives one.
    prefix_number: Option<u32>,
    opinion: bool,
    prefix_text: String,
    sequence: u32,
    width: usize,
}

fn parse_id(id: &str) -> Option<ParsedId> {
    static ID: OnceLock<Regex> = OnceLock::new();
    let re = ID.get_or_init(|| {
        Regex::new(r"^(?:(\d{1,3})|((?i:op(?:inion)?)\s*[-.]?\s*(\d{1,2})?))\s*[-\u{2010}\u{2011}\u{2013}.]\s*(\d{1,3})$")
            .expect("id pattern")
    });
    let id = id.trim();
    // "54-04 (44-14)": the alias after the id is not part of it.
    let id = match id.find('(') {
        Some(at) if at > 0 => id[..at].trim_end(),
        _ => id,
    };
    let caps = re.captures(id)?;
    let sequence = caps.get(4)?;
    let (prefix_number, opinion, prefix_text) = match (caps.get(1), caps.get(2)) {
        (Some(digits), _) => (digits.as_str().parse().ok(), false, digits.as_str()),
        (None, Some(op)) => (
            caps.get(3).and_then(|n| n.as_str().parse().ok()),
            true,
            op.as_str(),
        ),
        _ => return None,
    };
    Some(ParsedId {
        prefix_number,
        opinion,
        prefix_text: prefix_text.to_string(),
        sequence: sequence.as_str().parse().ok()?,
        width: sequence.as_str().len(),
    })
}

fn id_prefixes(plan: &ActionPlan, findings: &mut Vec<Finding>) {
    for r in &plan.resolutions {
        let number: Option<u32> = r.number.trim().parse().ok();
        for item in &r.action_items {
            let id = item.id.trim();
            if is_alias(id) {
                continue;
            }
            let message = match (parse_id(id), r.kind) {
                (None, Kind::Resolution) => Some(format!(
                    "item id {id:?} is not of the form {}-NN",
                    r.number.trim()
                )),
                (None, Kind::Opinion) => Some(format!(
                    "item id {id:?} is not of the form Op-NN or Op{}-NN",
                    r.number.trim()
                )),
                (Some(p), Kind::Resolution) if p.opinion || p.prefix_number != number => {
                    Some(format!(
                        "item id {id} does not start with the resolution number {}",
                        r.number.trim()
                    ))
                }
                (Some(p), Kind::Opinion)
                    if !p.opinion || p.prefix_number.is_some_and(|n| Some(n) != number) =>
                {
                    Some(format!(
                        "item id {id} of Opinion {} does not start with Op- or Op{}-",
                        r.number.trim(),
                        r.number.trim()
                    ))
                }
                _ => None,
            };
            if let Some(message) = message {
                findings.push(Finding::new(
                    Code::IdPrefix,
                    Some(label(r)),
                    Some(id),
                    message,
                ));
            }
        }
    }
}

/// Every id the appendices mention as obsolete (table rows, their aliases and the id lists
/// after the tables), with the appendix's short name ("Appendix I").
fn obsolete_ids(plan: &ActionPlan) -> BTreeMap<String, Vec<String>> {
    static ID: OnceLock<Regex> = OnceLock::new();
    let re = ID.get_or_init(|| Regex::new(r"\b\d{1,3}-\d{1,3}\b").expect("id pattern"));
    let mut ids: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for appendix in &plan.appendices {
        let name = appendix
            .title
            .split(['–', '—', '-', ':'])
            .next()
            .unwrap_or("")
            .trim()
            .to_string();
        let mut add = |id: &str| {
            let entry = ids.entry(id.to_string()).or_default();
            if !entry.contains(&name) {
                entry.push(name.clone());
            }
        };
        for item in &appendix.items {
            add(item.id.trim());
            if let Some(alias) = &item.cross_reference {
                add(alias.trim().trim_start_matches('(').trim_end_matches(')'));
            }
        }
        let mut text = String::new();
        collect_text(&appendix.blocks, &mut text);
        for m in re.find_iter(&text) {
            add(m.as_str());
        }
    }
    ids
}

fn collect_text(blocks: &[Block], out: &mut String) {
    for block in blocks {
        out.push_str(&block.text);
        out.push('\n');
        for row in block.rows.iter().flatten() {
            for cell in row {
                collect_text(cell, out);
            }
        }
    }
}

fn id_gaps(plan: &ActionPlan, findings: &mut Vec<Finding>) {
    let obsolete = obsolete_ids(plan);
    for r in &plan.resolutions {
        let mut expected = 1;
        let mut previous: Option<&str> = None;
        for item in &r.action_items {
            let id = item.id.trim();
            let Some(parsed) = parse_id(id) else {
                continue;
            };
            if parsed.sequence > expected {
                let format_id =
                    |n: u32| format!("{}-{:0width$}", parsed.prefix_text, n, width = parsed.width);
                let missing: Vec<String> = (expected..parsed.sequence).map(format_id).collect();
                let range = match missing.as_slice() {
                    [one] => one.clone(),
                    [first, second] => format!("{first} and {second}"),
                    [first, .., last] => format!("{first} to {last}"),
                    [] => String::new(),
                };
                let mut message = match previous {
                    Some(previous) => format!("{range} missing between {previous} and {id}"),
                    None => format!("{range} missing before {id}, the first item"),
                };
                let mut listed: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
                for m in &missing {
                    for appendix in obsolete.get(m).into_iter().flatten() {
                        listed.entry(appendix).or_default().push(m);
                    }
                }
                if !listed.is_empty() {
                    let parts: Vec<String> = listed
                        .iter()
                        .map(|(appendix, ids)| format!("{} in {appendix}", ids.join(", ")))
                        .collect();
                    let _ = write!(message, " (obsolete: {})", parts.join("; "));
                }
                findings.push(Finding::new(Code::IdGap, Some(label(r)), Some(id), message));
            }
            expected = expected.max(parsed.sequence + 1);
            previous = Some(id);
        }
    }
}

fn matrix_and_sections(plan: &ActionPlan, findings: &mut Vec<Finding>) {
    let rows = plan.summary.as_ref().map_or(&[][..], |s| &s.rows[..]);
    for row in rows {
        let found = plan
            .resolutions
            .iter()
            .any(|r| r.kind.as_str() == row.kind && same_number(&r.number, &row.number));
        if !found {
            let name = format!("{} {}", row.kind, row.number.trim());
            findings.push(Finding::new(
                Code::MatrixWithoutSection,
                Some(name.clone()),
                None,
                format!("{name} is in the Section I matrix but has no part in Section II"),
            ));
        }
    }
    for r in &plan.resolutions {
        let found = rows
            .iter()
            .any(|row| r.kind.as_str() == row.kind && same_number(&r.number, &row.number));
        if !found {
            findings.push(Finding::new(
                Code::SectionWithoutMatrix,
                Some(label(r)),
                None,
                format!(
                    "{} has a part in Section II but no row in the Section I matrix",
                    label(r)
                ),
            ));
        }
    }
}

/// The words of a title, lower case: runs of letters and digits. Case, spacing,
/// punctuation, dash style and footnote marks do not count ("Non-discriminatory" = "Non
/// discriminatory", "Telecommunication/ information" = "Telecommunication/information",
/// "Sector Members*" = "Sector Members"); every word does ("the work" ≠ "work",
/// "technology" ≠ "technologies", "ITU-T Telecommunication" ≠ "ITU Telecommunication").
pub fn title_words(title: &str) -> Vec<String> {
    title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// True when two titles have the same [`title_words`].
pub fn same_title(a: &str, b: &str) -> bool {
    title_words(a) == title_words(b)
}

fn titles(plan: &ActionPlan, findings: &mut Vec<Finding>) {
    let rows = plan.summary.as_ref().map_or(&[][..], |s| &s.rows[..]);
    for r in &plan.resolutions {
        let row = rows
            .iter()
            .find(|row| r.kind.as_str() == row.kind && same_number(&r.number, &row.number));
        if let Some(row) = row {
            if !same_title(&row.title, &r.title) {
                let (matrix, heading) = word_difference(&row.title, &r.title);
                findings.push(Finding::new(
                    Code::TitleMismatch,
                    Some(label(r)),
                    None,
                    format!(
                        "matrix title says {matrix:?} where the heading says {heading:?} (matrix: {:?}; heading: {:?})",
                        one_line(&row.title),
                        one_line(&r.title)
                    ),
                ));
            }
        }
    }
}

/// The words where two titles differ, as written, with a word of context on each side and
/// "…" where words are left out: ("…among, the ITU…", "…among, ITU…").
fn word_difference(a: &str, b: &str) -> (String, String) {
    // Each word's byte range and its lower-case form.
    let words = |t: &str| -> Vec<(std::ops::Range<usize>, String)> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in t.char_indices().chain([(t.len(), ' ')]) {
            match (c.is_alphanumeric() && i < t.len(), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    out.push((s..i, t[s..i].to_lowercase()));
                    start = None;
                }
                _ => {}
            }
        }
        out
    };
    let (wa, wb) = (words(a), words(b));
    let prefix = wa.iter().zip(&wb).take_while(|(x, y)| x.1 == y.1).count();
    let max_suffix = wa.len().min(wb.len()) - prefix;
    let suffix = wa
        .iter()
        .rev()
        .zip(wb.iter().rev())
        .take(max_suffix)
        .take_while(|(x, y)| x.1 == y.1)
        .count();
    let excerpt = |text: &str, w: &[(std::ops::Range<usize>, String)]| {
        if w.is_empty() {
            return String::new();
        }
        let first = prefix.saturating_sub(1);
        let last = (w.len() - suffix).min(w.len() - 1);
        let mut out = one_line(&text[w[first].0.start..w[last].0.end]);
        if first > 0 {
            out.insert(0, '…');
        }
        if last + 1 < w.len() {
            out.push('…');
        }
        out
    };
    (excerpt(a, &wa), excerpt(b, &wb))
}

/// True when the status says something: a paragraph with text, or a table.
pub fn has_status(blocks: &[Block]) -> bool {
    blocks
        .iter()
        .any(|b| !b.text.trim().is_empty() || b.is_table())
}

fn items(plan: &ActionPlan, as_of: Date, findings: &mut Vec<Finding>) {
    let mut completed = Vec::new();
    let mut overdue = Vec::new();
    let mut unparsed = Vec::new();
    for r in &plan.resolutions {
        for item in &r.action_items {
            let id = item.id.trim();
            if item.completed && !has_status(&item.status) {
                completed.push(Finding::new(
                    Code::CompletedWithoutStatus,
                    Some(label(r)),
                    Some(id),
                    format!("{id} is marked completed but its status is empty"),
                ));
            }
            let milestone = Milestone::parse(&item.milestone);
            if milestone.is_overdue(item.completed, as_of) {
                let due = milestone
                    .due_date()
                    .map(|d| d.to_string())
                    .unwrap_or_default();
                overdue.push(Finding::new(
                    Code::Overdue,
                    Some(label(r)),
                    Some(id),
                    format!(
                        "{id} is not completed and its milestone {:?} (due {due}) is before {as_of}",
                        one_line(&item.milestone)
                    ),
                ));
            }
            let message = if milestone.points.is_empty() && milestone.unparsed.is_empty() {
                Some(format!("{id} has no milestone"))
            } else if !milestone.unparsed.is_empty() {
                let parts: Vec<String> = milestone
                    .unparsed
                    .iter()
                    .map(|p| format!("{p:?}"))
                    .collect();
                Some(format!(
                    "milestone of {id} not understood: {}",
                    parts.join(", ")
                ))
            } else {
                None
            };
            if let Some(message) = message {
                unparsed.push(Finding::new(
                    Code::UnparsedMilestone,
                    Some(label(r)),
                    Some(id),
                    message,
                ));
            }
        }
    }
    findings.extend(completed);
    findings.extend(overdue);
    findings.extend(unparsed);
}

/// How many findings of each severity: (errors, warnings, infos).
pub fn counts(findings: &[Finding]) -> (usize, usize, usize) {
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    )
}

/// The findings at `min` or more serious (errors ≥ warnings ≥ infos), errors first, then
/// warnings, then infos, each in document order.
pub fn select(findings: &[Finding], min: Severity) -> Vec<Finding> {
    let mut selected: Vec<Finding> = findings
        .iter()
        .filter(|f| f.severity <= min)
        .cloned()
        .collect();
    selected.sort_by_key(|f| f.severity);
    selected
}

/// "1 error, 6 warnings, 38 infos".
pub fn summary(findings: &[Finding]) -> String {
    let (errors, warnings, infos) = counts(findings);
    format!(
        "{}, {}, {}",
        plural(errors, "error"),
        plural(warnings, "warning"),
        plural(infos, "info")
    )
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// `{"findings": [...]}` of the findings at `min` or more serious, errors first,
/// pretty-printed, ending in a newline.
pub fn to_json(findings: &[Finding], min: Severity) -> String {
    #[derive(Serialize)]
    struct Report<'a> {
        findings: &'a [Finding],
    }
    let selected = select(findings, min);
    let mut text = serde_json::to_string_pretty(&Report {
        findings: &selected,
    })
    .unwrap_or_default();
    text.push('\n');
    text
}

/// One line per finding at `min` or more serious ("error   duplicate-id  Resolution 22
/// 22-09: …"), errors first, and a summary line counting them all.
pub fn to_text(findings: &[Finding], as_of: Date, min: Severity) -> String {
    let mut out = String::new();
    let selected = select(findings, min);
    for f in &selected {
        let mut place = f.location.resolution.clone().unwrap_or_default();
        if let Some(item) = &f.location.item {
            if !place.is_empty() {
                place.push(' ');
            }
            place.push_str(item);
        }
        let _ = writeln!(
            out,
            "{:<7} {:<24} {}: {}",
            f.severity.as_str(),
            f.code.as_str(),
            if place.is_empty() { "document" } else { &place },
            f.message
        );
    }
    let hidden = findings.len() - selected.len();
    let hidden = if hidden == 0 {
        String::new()
    } else {
        format!(", {hidden} not shown")
    };
    let _ = writeln!(out, "{}{hidden} (overdue as of {as_of})", summary(findings));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        let p = parse_id("22-02").unwrap();
        assert_eq!((p.prefix_number, p.sequence, p.width), (Some(22), 2, 2));
        let p = parse_id("01-11").unwrap();
        assert_eq!(p.prefix_number, Some(1));
        let p = parse_id("Op-01").unwrap();
        assert!(p.opinion && p.prefix_number.is_none() && p.sequence == 1);
        let p = parse_id("Op1-03").unwrap();
        assert!(p.opinion && p.prefix_number == Some(1) && p.sequence == 3);
        let p = parse_id("54-04 (44-14)").unwrap();
        assert_eq!((p.prefix_number, p.sequence), (Some(54), 4));
        assert!(parse_id("(44-25)").is_none());
        assert!(parse_id("22").is_none());
        assert!(parse_id("A-1").is_none());
        assert!(is_alias("(44-25)"));
    }

    #[test]
    fn titles_compare_by_words() {
        assert!(same_title(
            "Non-discriminatory access",
            "Non discriminatory access"
        ));
        assert!(same_title(
            "Telecommunication/information",
            "Telecommunication/ information"
        ));
        assert!(same_title("Sector Members* from", "sector members from"));
        assert!(same_title("ITU‑T study groups", "ITU-T Study Groups"));
        assert!(!same_title("of the work", "of work"));
        assert!(!same_title("technology", "technologies"));
        assert_eq!(
            word_difference("among, the ITU Radio", "among, ITU Radio"),
            ("among, the ITU…".to_string(), "among, ITU…".to_string())
        );
        assert_eq!(
            word_difference("a gender equality", "gender equality"),
            ("a gender…".to_string(), "gender…".to_string())
        );
        assert_eq!(
            word_difference(
                "of the ITU Telecommunication",
                "of the ITU-T Telecommunication"
            ),
            (
                "…ITU Telecommunication".to_string(),
                "…ITU-T Telecommunication".to_string()
            )
        );
        assert_eq!(
            word_difference("of ICT technologies", "of ICT technology"),
            (
                "…ICT technologies".to_string(),
                "…ICT technology".to_string()
            )
        );
    }
}
