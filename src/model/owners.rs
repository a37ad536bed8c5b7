//! Who an action item is for: canonical owner names derived from the item's action text and,
//! when the text names nobody, from the Section I matrix. Owners are computed, never stored
//! in the model.
//!
//! # Owner names
//!
//! `SGs` (all or unspecified ITU-T study groups: "All SGs", "ITU-T SGs", "study groups",
//! "All lead study groups"), `SG2` … `SG21` (one study group: "SG17", "ITU-T SG17",
//! "Study Group 3", lists such as "SGs 2, 3 and 12", "Study Groups 2, 11, 12, 17, and 20",
//! "SGs11+17", a Question "Q3/17"), `Regional groups` (regional groups of the study groups),
//! `TSAG`, `TSB` (the Bureau: "TSB", "TSB Counsellors", "Telecommunication Standardization
//! Bureau"), `TSB Director` ("TSBDir", "TSB Dir", "TSBDIR", "Director of the
//! Telecommunication Standardization Bureau", "the Director of the Bureau", a bare
//! "Director"), `BDT` and `BDT Director`, `ITU-D`, `BR` and `BR Director` (also "TSB+BDT+BR
//! Directors", "BDT and BR Directors"), `ITU-R`, `Council`, `SecGen` ("Secretary-General",
//! "Sec-Gen"), `Member States` ("MSs"), `Sector Members` ("SMs"), `Associates`, `Academia`,
//! `SCV`, `CCV`, `CASC`. Study groups named after "ITU-D" or "ITU-R" ("ITU-D SG1",
//! "ITU-R SGs") are that Sector's, not ITU-T's.
//!
//! # Rules
//!
//! 1. The *subject* of the action: the text before its first verb ("to", "shall", "should",
//!    "is", "are", "needs", "continue(s)", …). "TSBDir, in collaboration with BDTDir and
//!    SG17, to identify …" → `SG17`, `TSB Director`, `BDT Director`; "TSBDir to report to
//!    Council" → `TSB Director` only (Council receives the report, it does not act).
//! 2. Plus the groups in a source reference in parentheses: "(instructs TSBDir 1)",
//!    "(instructs SGs + TSAG 3)", "(Programme 3 instructs TSBDir 13)". There a number after
//!    a space is a clause number: "(resolves SG 2)" names no study group.
//! 3. When 1 and 2 find nobody ("WTSA-20 to forward the text … to TSAG … and to the relevant
//!    study groups"): every group named anywhere in the action text.
//! 4. When the text names nobody at all ("ITU-T to continue to raise awareness …"): the
//!    "Action by" cells of the resolution's row in the Section I matrix ("All SGs, SG17",
//!    "X" under TSB, "MSs, SMs" under Membership, …) — see [`item_owners`].
//!
//! [`owners`] applies rules 1–3 (the HTML report's owner filter); [`item_owners`] adds 4
//! (`actplan items`, `actplan stats`).

use crate::model::{ActionPlan, Item, Kind, Resolution, Summary, SummaryRow};
use regex::{Captures, Regex};
use serde::Serialize;
use std::ops::Range;
use std::sync::OnceLock;

const FIRST_SG: u32 = 2;
const LAST_SG: u32 = 21;

/// Owner names other than the numbered study groups, in report order (after `SGs`, `SG2` …
/// `SG21`).
const NAMED: [&str; 19] = [
    "Regional groups",
    "TSAG",
    "TSB",
    "TSB Director",
    "BDT",
    "BDT Director",
    "ITU-D",
    "BR",
    "BR Director",
    "ITU-R",
    "Council",
    "SecGen",
    "Member States",
    "Sector Members",
    "Associates",
    "Academia",
    "SCV",
    "CCV",
    "CASC",
];

/// Every owner name, in the order reports list them.
pub fn all_owners() -> Vec<String> {
    let mut owners = vec!["SGs".to_string()];
    owners.extend((FIRST_SG..=LAST_SG).map(|n| format!("SG{n}")));
    owners.extend(NAMED.map(String::from));
    owners
}

/// The sort position of an owner name in [`all_owners`] (unknown names last).
pub fn rank(owner: &str) -> usize {
    if owner == "SGs" {
        return 0;
    }
    if let Some(n) = owner.strip_prefix("SG").and_then(|n| n.parse::<u32>().ok()) {
        return n as usize;
    }
    NAMED
        .iter()
        .position(|f| *f == owner)
        .map_or(usize::MAX, |p| 100 + p)
}

/// An owner name as a user may type it ("sg17", "Study Group 17", "TSBDir", "All SGs",
/// "MSs") in its canonical form, or `None` when it names no single owner.
pub fn canonical(name: &str) -> Option<String> {
    let trimmed = name.trim();
    if let Some(known) = all_owners()
        .into_iter()
        .find(|o| o.eq_ignore_ascii_case(trimmed))
    {
        return Some(known);
    }
    let found = scan(&normalise(trimmed), Mode::Text);
    match found.as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    }
}

/// True when an item with `owners` is for `wanted` (a canonical name): it names `wanted`,
/// or `wanted` is one study group ("SG17") and the item is for all study groups ("SGs").
/// `actplan items --owner` and `actplan export --owner` select items this way.
pub fn owns(owners: &[String], wanted: &str) -> bool {
    let study_group = wanted
        .strip_prefix("SG")
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    owners
        .iter()
        .any(|o| o == wanted || (study_group && o == "SGs"))
}

/// Where an item's owners come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// The action text (rules 1–3).
    Text,
    /// The resolution's "Action by" cells in the Section I matrix (rule 4).
    Matrix,
    /// Neither names anybody.
    None,
}

/// An item's owners and where they come from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Owners {
    /// Canonical owner names in [`all_owners`] order.
    pub names: Vec<String>,
    /// Where they come from.
    pub source: Source,
}

/// The owners of an item of `resolution`: from its action text, else from the matrix.
pub fn item_owners(plan: &ActionPlan, resolution: &Resolution, item: &Item) -> Owners {
    let names = owners(&item.action);
    if !names.is_empty() {
        return Owners {
            names,
            source: Source::Text,
        };
    }
    let names = match (&plan.summary, matrix_row(plan, resolution)) {
        (Some(summary), Some(row)) => matrix_owners(summary, row),
        _ => Vec::new(),
    };
    let source = if names.is_empty() {
        Source::None
    } else {
        Source::Matrix
    };
    Owners { names, source }
}

/// The Section I row of a resolution (same kind, same number; "01" = "1").
pub fn matrix_row<'a>(plan: &'a ActionPlan, resolution: &Resolution) -> Option<&'a SummaryRow> {
    plan.summary.as_ref()?.rows.iter().find(|row| {
        row.kind == resolution.kind.as_str() && same_number(&row.number, &resolution.number)
    })
}

pub use super::same_number;

/// "Resolution 22", "Opinion 1".
pub fn resolution_label(kind: Kind, number: &str) -> String {
    format!("{} {}", kind.as_str(), number.trim())
}

/// The owners named in a matrix row's "Action by" cells: an "X" (or "All") stands for the
/// column ("SGs", "TSAG", "TSB", "Council", "GenSec" → SecGen), other text is read for
/// owner names ("All SGs, SG17", "MSs, SMs, Associates, academia", "SecGen").
pub fn matrix_owners(summary: &Summary, row: &SummaryRow) -> Vec<String> {
    let mut found = Vec::new();
    for (column, cell) in summary.columns.iter().zip(&row.cells) {
        if !column.group.trim().to_lowercase().starts_with("action") {
            continue;
        }
        let cell = normalise(cell);
        let cell = cell.trim();
        if cell.is_empty() {
            continue;
        }
        let first_word = cell
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        if first_word.eq_ignore_ascii_case("x") || first_word.eq_ignore_ascii_case("all") {
            let column_name = normalise(&column.name);
            let column_owners = if column_name.trim().eq_ignore_ascii_case("GenSec") {
                vec!["SecGen".to_string()]
            } else {
                scan(&column_name, Mode::Text)
            };
            found.extend(column_owners);
        }
        found.extend(scan(cell, Mode::Text));
    }
    sorted_unique(found)
}

/// The owners an action text names (rules 1–3 of the module documentation), each once, in
/// [`all_owners`] order.
pub fn owners(action: &str) -> Vec<String> {
    let text = normalise(action);
    let p = patterns();
    let mut found = Vec::new();
    // Source references: "(instructs TSBDir 1)".
    let mut rest = String::with_capacity(text.len());
    let mut last = 0;
    for m in p.parenthesis.find_iter(&text) {
        if p.source_keyword.is_match(m.as_str()) {
            found.extend(scan(m.as_str(), Mode::Reference));
            rest.push_str(&text[last..m.start()]);
            rest.push(' ');
            last = m.end();
        }
    }
    rest.push_str(&text[last..]);
    let subject = match p.verb.find(&rest) {
        Some(m) => &rest[..m.start()],
        None => &rest[..],
    };
    found.extend(scan(subject, Mode::Text));
    if found.is_empty() {
        found = scan(&text, Mode::Text);
    }
    sorted_unique(found)
}

fn sorted_unique(mut names: Vec<String>) -> Vec<String> {
    names.sort_by(|a, b| rank(a).cmp(&rank(b)).then(a.cmp(b)));
    names.dedup();
    names
}

/// Word's non-breaking and other hyphens as "-", no-break spaces and line breaks as spaces.
fn normalise(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{2010}' | '\u{2011}' | '\u{2012}' => '-',
            c if c.is_whitespace() => ' ',
            c => c,
        })
        .collect()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Running text.
    Text,
    /// A source reference in parentheses: a number after "SG " is a clause number.
    Reference,
}

struct Patterns {
    parenthesis: Regex,
    source_keyword: Regex,
    verb: Regex,
    directors: Regex,
    bureau_token: Regex,
    director_of: Regex,
    director: Regex,
    regional_groups: Regex,
    question: Regex,
    study_groups: Regex,
    number: Regex,
    other_sector: Regex,
    named: Vec<(Regex, &'static str)>,
}

fn patterns() -> &'static Patterns {
    static PATTERNS: OnceLock<Patterns> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        let re = |pattern: &str| Regex::new(pattern).expect("owner pattern");
        let named = [
            (r"\bTSAG\b|(?i:\bTelecommunication\s+Standardization\s+Advisory\s+Group\b)", "TSAG"),
            (r"\bTSB\b|(?i:\bTelecommunication\s+Standardization\s+Bureau\b)", "TSB"),
            (r"\bBDT\b|(?i:\bTelecommunication\s+Development\s+Bureau\b)", "BDT"),
            (r"\bBR\b|(?i:\bRadiocommunication\s+Bureau\b)", "BR"),
            (r"\bITU-D\b", "ITU-D"),
            (r"\bITU-R\b", "ITU-R"),
            (r"(?i:\bPostal\s+Operations\s+)?\bCouncil\b", "Council"),
            (r"(?i:\bSecretary[\s-]*General\b)|\bSec-?Gen\b", "SecGen"),
            (r"(?i:\bMember\s+States\b)|\bMSs?\b", "Member States"),
            (r"(?i:\bSector\s+Members\b)|\bSMs\b", "Sector Members"),
            (r"\bAssociates\b", "Associates"),
            (r"(?i:\bacademia\b)", "Academia"),
            (r"\bSCV\b", "SCV"),
            (r"\bCCV\b", "CCV"),
            (r"\bCASC\b", "CASC"),
        ]
        .into_iter()
        .map(|(pattern, owner)| (re(pattern), owner))
        .collect();
        Patterns {
            parenthesis: re(r"\([^()]*\)"),
            source_keyword: re(r"(?i)\b(?:instructs|resolves|invites|requests|decides|encourages)\b"),
            verb: re(r"\b(?:to|shall|should|is|are|needs?|continues?|must|will|may|can)\b"),
            directors: re(
                r"\b((?:TSB|BDT|BR)(?:\s*(?:\+|,|&|\band\b)\s*(?:the\s+)?(?:TSB|BDT|BR))*)\s*-?\s*(?:Directors?|Dir|DIR)\b",
            ),
            bureau_token: re(r"TSB|BDT|BR"),
            director_of: re(
                r"(?i:\bDirectors?\s+of\s+(?:the\s+)?(?:ITU\s+)?)(TSB|BDT|BR|(?i:Telecommunication\s+Standardization\s+Bureau|Telecommunication\s+Development\s+Bureau|Radiocommunication\s+Bureau|Bureau))\b",
            ),
            director: re(r"\bDirector\b"),
            regional_groups: re(
                r"(?i)\bregional\s+groups\b(?:\s+of\s+(?:the\s+)?(?:ITU-T\s+)?study\s+groups\b)?",
            ),
            question: re(r"\bQ\d{1,2}/(\d{1,2})\b"),
            study_groups: re(
                r"(?:\b(?i:study\s+groups?)|\bSGs?)(\s*)(\d{1,2}(?:\s*(?:,\s*(?:and\s+)?|\band\b|&|\+|/)\s*\d{1,2}\b)*)?\b",
            ),
            number: re(r"\d{1,2}"),
            other_sector: re(r"\bITU-([DR])\s*$"),
            named,
        }
    })
}

/// Collects owners from non-overlapping matches.
struct Scan<'t> {
    text: &'t str,
    taken: Vec<Range<usize>>,
    found: Vec<String>,
}

impl<'t> Scan<'t> {
    fn free(&self, range: &Range<usize>) -> bool {
        !self
            .taken
            .iter()
            .any(|t| t.start < range.end && range.start < t.end)
    }

    /// Every free match of `pattern`, passed to `each`, which returns the owners it names.
    fn each(&mut self, pattern: &Regex, mut each: impl FnMut(&Captures, &str) -> Vec<String>) {
        let text = self.text;
        for caps in pattern.captures_iter(text) {
            let whole = caps.get(0).expect("match");
            let range = whole.range();
            if range.is_empty() || !self.free(&range) {
                continue;
            }
            let owners = each(&caps, text);
            self.taken.push(range);
            self.found.extend(owners);
        }
    }
}

fn bureau(name: &str) -> &'static str {
    let lower = name.to_lowercase();
    if name == "BDT" || lower.contains("development") {
        "BDT"
    } else if name == "BR" || lower.contains("radiocommunication") {
        "BR"
    } else {
        "TSB"
    }
}

/// The owners named in `text` (already [`normalise`]d), in order of discovery.
fn scan(text: &str, mode: Mode) -> Vec<String> {
    let p = patterns();
    let mut s = Scan {
        text,
        taken: Vec::new(),
        found: Vec::new(),
    };
    // "TSBDir", "BRDIR", "BDT Director", "TSB+BDT+BR Directors", "BDT and BR Directors".
    s.each(&p.directors, |caps, _| {
        p.bureau_token
            .find_iter(caps.get(1).map_or("", |m| m.as_str()))
            .map(|b| format!("{} Director", bureau(b.as_str())))
            .collect()
    });
    // "Director of BDT", "Directors of the Radiocommunication Bureau", "Director of the Bureau".
    s.each(&p.director_of, |caps, _| {
        vec![format!(
            "{} Director",
            bureau(caps.get(1).map_or("", |m| m.as_str()))
        )]
    });
    // A bare "Director" is the TSB Director in this document ("Director to invite Council").
    s.each(&p.director, |caps, text| {
        let m = caps.get(0).expect("match");
        let before = text[..m.start()].trim_end();
        let after = &text[m.end()..];
        let qualified = before.ends_with("other")
            || after.starts_with('s')
            || after.trim_start().starts_with("of ")
            || after.trim_start().starts_with("General")
            || after.starts_with("-General");
        if qualified {
            Vec::new()
        } else {
            vec!["TSB Director".to_string()]
        }
    });
    s.each(&p.regional_groups, |_, _| {
        vec!["Regional groups".to_string()]
    });
    // "Q3/17": a Question of SG17, unless it is an ITU-D or ITU-R Question.
    s.each(&p.question, |caps, text| {
        let m = caps.get(0).expect("match");
        if let Some(sector) = p.other_sector.captures(&text[..m.start()]) {
            return vec![format!("ITU-{}", &sector[1])];
        }
        study_group(caps.get(1).map_or("", |m| m.as_str()))
            .into_iter()
            .collect()
    });
    s.each(&p.study_groups, |caps, text| {
        let whole = caps.get(0).expect("match");
        if let Some(sector) = p.other_sector.captures(&text[..whole.start()]) {
            return vec![format!("ITU-{}", &sector[1])];
        }
        let spaced = caps.get(1).is_some_and(|g| !g.as_str().is_empty());
        let abbreviated = whole.as_str().starts_with("SG");
        let numbers = match caps.get(2) {
            // In a source reference "SG 2" is clause 2 for the study groups.
            Some(_) if mode == Mode::Reference && abbreviated && spaced => None,
            Some(list) => Some(list.as_str()),
            None => None,
        };
        let mut owners: Vec<String> = numbers
            .map(|list| {
                p.number
                    .find_iter(list)
                    .filter_map(|n| study_group(n.as_str()))
                    .collect()
            })
            .unwrap_or_default();
        if owners.is_empty() && is_plural(whole.as_str()) {
            owners.push("SGs".to_string());
        }
        owners
    });
    for (pattern, owner) in &p.named {
        s.each(pattern, |caps, _| {
            let whole = caps.get(0).expect("match").as_str();
            if *owner == "Council" && whole.to_lowercase().starts_with("postal") {
                Vec::new()
            } else {
                vec![owner.to_string()]
            }
        });
    }
    s.found
}

fn study_group(number: &str) -> Option<String> {
    let n: u32 = number.parse().ok()?;
    (FIRST_SG..=LAST_SG).contains(&n).then(|| format!("SG{n}"))
}

/// "SGs", "study groups", "Study Groups" — not "SG" or "study group".
fn is_plural(matched: &str) -> bool {
    let word = matched
        .trim_end_matches(|c: char| c.is_ascii_digit() || c.is_whitespace() || ",&+/".contains(c))
        .trim_end();
    word.ends_with('s') || word.ends_with('S')
}

#[cfg(test)]
mod tests {
    use super::{canonical, owners};

    fn check(action: &str, expected: &[&str]) {
        assert_eq!(owners(action), expected, "{action}");
    }

    #[test]
    fn subject_and_source_reference() {
        check(
            "TSBDir to inform TSAG upon deleted Questions",
            &["TSB Director"],
        );
        check("TSB Counsellors to insert pointer", &["TSB"]);
        check("SG2 to continue to study", &["SG2"]);
        check("ITU-T SG17 needs to develop", &["SG17"]);
        check("ITU‑T Study Group 3 to consider", &["SG3"]);
        check(
            "TSBDir to report to Council annually (instructs TSB Dir)",
            &["TSB Director"],
        );
        check("Director to invite Council 2013", &["TSB Director"]);
        check(
            "TSB to maintain EWM Action Plan (instructs TSBDir 1)",
            &["TSB", "TSB Director"],
        );
        check(
            "Organizing in-depth tutorials on implementation of ITU-T Recommendations. (Programme 3 instructs TSBDir 13)",
            &["TSB Director"],
        );
        check(
            "SGs to continue to expand and accelerate work on SDN standardization (resolves SG 2)",
            &["SGs"],
        );
        check(
            "SGs and TSAG to coordinate joint meetings of regional groups. (instructs SGs + TSAG 3)",
            &["SGs", "TSAG"],
        );
        check(
            "All lead study groups shall inform TSAG on the progress",
            &["SGs"],
        );
        check(
            "The Secretary-General and the Director of the Bureau continue to encourage",
            &["TSB Director", "SecGen"],
        );
    }

    #[test]
    fn study_group_lists() {
        check(
            "ITU-T SGs 2, 3 and 12 to continue the ongoing collaboration",
            &["SG2", "SG3", "SG12"],
        );
        check(
            "SGs 11 and 17 to draw up a list (instructs SGs11+17 4)",
            &["SG11", "SG17"],
        );
        check(
            "SG2, SG3, SG11 and SG17 to further study",
            &["SG2", "SG3", "SG11", "SG17"],
        );
        check(
            "SGs (SGs 3, 12, 17) to continue developing",
            &["SGs", "SG3", "SG12", "SG17"],
        );
        check(
            "ITU-T SG3, where appropriate with ITU-T Study Groups 2, 11, 12, 17, and 20, within their mandates, should carry out studies",
            &["SG2", "SG3", "SG11", "SG12", "SG17", "SG20"],
        );
        check("(SG2 and) SG3 to analyse statistics", &["SG2", "SG3"]);
        check("Q3/17 to continue study the issue of CIRTs", &["SG17"]);
        check("(instructs SG5 1)", &["SG5"]);
    }

    #[test]
    fn all_study_groups() {
        check("All ITU-T SGs to ensure that security", &["SGs"]);
        check("ITU-T study groups to submit their report", &["SGs"]);
        check(
            "Study Groups, especially SG5, to develop Recommendations",
            &["SGs", "SG5"],
        );
        check("SG11 is the lead study group in the area", &["SG11"]);
        check(
            "ITU-T study groups should work closely with ITU-D (e.g. ITU-D Q3/2)",
            &["SGs"],
        );
        check("Regional groups to cooperate closely", &["Regional groups"]);
    }

    #[test]
    fn bureaux_and_bodies() {
        check(
            "TSBDir to work closely with BRDIR and BDTDir",
            &["TSB Director"],
        );
        check(
            "TSBDir, in collaboration with BDT and BR Directors, to develop",
            &["TSB Director", "BDT Director", "BR Director"],
        );
        check(
            "TSB+BDT+BR Directors to investigate new ways",
            &["TSB Director", "BDT Director", "BR Director"],
        );
        check(
            "TSB, in close collaboration with the ITU Telecommunication Development Bureau (BDT), should provide facilities",
            &["TSB", "BDT"],
        );
        check(
            "This resolution should also be brought to the attention of the ITU Radiocommunication and Telecommunication Development Sectors",
            &[],
        );
        check(
            "WTSA-20 to forward the text to TSAG for coordination and to the relevant study groups for action",
            &["SGs", "TSAG"],
        );
        check(
            "SG5 to cooperate with ITU-R SGs, and with ITU-D SG 2",
            &["SG5"],
        );
        check("ITU-R SGs and ITU-D SG 2 to meet", &["ITU-D", "ITU-R"]);
        check(
            "ITU Secretary General to report annually to Council (instructs Sec-Gen)",
            &["SecGen"],
        );
        check("SCV to inform TSAG at least once per year", &["SCV"]);
        check("ITU-T CASC to study and define", &["CASC"]);
    }

    #[test]
    fn no_false_friends() {
        check("Organizing in-depth tutorials on SGML", &[]);
        check("BRICS and TSBx", &[]);
        check("UPU Postal Operations Council to meet", &[]);
    }

    #[test]
    fn canonical_names() {
        for (typed, owner) in [
            ("sg17", Some("SG17")),
            ("Study Group 17", Some("SG17")),
            ("TSBDir", Some("TSB Director")),
            ("tsb director", Some("TSB Director")),
            ("All SGs", Some("SGs")),
            ("ITU-T SGs", Some("SGs")),
            ("MSs", Some("Member States")),
            ("member states", Some("Member States")),
            ("TSB", Some("TSB")),
            ("nobody", None),
            ("SG17 and TSAG", None),
        ] {
            assert_eq!(canonical(typed).as_deref(), owner, "{typed}");
        }
    }
}
