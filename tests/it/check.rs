//! `actplan check` and milestone parsing.
//!
//! * Every distinct milestone of edition A with its parse (structured due points, dates).
//! * The exact findings of edition A (default as-of: the cover's meeting, 2023-05-30), and
//!   its overdue items as of 2024-07-22.
//! * Each finding code on small plans built in the test.
//! * The command line: text and JSON output, exit codes, --strict, --as-of.

use crate::common::{actplan_command as actplan, edition_a, fixture, scratch};
use actplan::check::{self, Code, Finding, Severity};
use actplan::model::milestone::{Date, Due, Milestone};
use actplan::model::{
    ActionPlan, Appendix, AppendixItem, Block, Cover, Item, Kind, Resolution, Summary,
    SummaryColumn, SummaryRow, SCHEMA_VERSION,
};
use std::collections::BTreeSet;
use std::path::PathBuf;

fn date(iso: &str) -> Date {
    Date::parse_iso(iso).expect("date")
}

/// A milestone as one line: each part as "kind: reading (date)", then "=> due DATE" when the
/// item as a whole has a due date.
fn describe(m: &Milestone) -> String {
    let mut parts: Vec<String> = m
        .points
        .iter()
        .map(|p| {
            let kind = match p.due {
                Due::Ongoing => "ongoing",
                Due::Recurring { .. } => "recurring",
                Due::Meeting(_) => "meeting",
                Due::Year { .. } => "year",
                Due::Relative { .. } => "relative",
                Due::LastBefore { .. } => "last-before",
                Due::First { .. } => "first",
            };
            match p.date {
                Some(d) => format!("{kind}: {} ({d})", p.due),
                None => format!("{kind}: {}", p.due),
            }
        })
        .collect();
    parts.extend(m.unparsed.iter().map(|u| format!("unparsed: {u:?}")));
    let mut text = parts.join(" | ");
    if let Some(d) = m.due_date() {
        text.push_str(&format!(" => due {d}"));
    }
    text
}

/// Every distinct milestone text of edition A (34 shapes) and how it reads.
const EDITION_A_MILESTONES: &[(&str, &str)] = &[
    ("2022", "year: 2022 (2022-12-31) => due 2022-12-31"),
    ("2022/2023", "year: 2022/2023 (2023-12-31) => due 2023-12-31"),
    ("2023/2024", "year: 2023/2024 (2024-12-31) => due 2024-12-31"),
    (
        "3 months before WTSA-24",
        "relative: 3 months before WTSA-24 (2024-07-24) => due 2024-07-24",
    ),
    (
        "Annual, Council 2023",
        "recurring: every year | meeting: Council 2023 (2023-07-21)",
    ),
    (
        "Before WTSA-24",
        "relative: before WTSA-24 (2024-10-24) => due 2024-10-24",
    ),
    ("Council", "meeting: Council"),
    (
        "Council 2023",
        "meeting: Council 2023 (2023-07-21) => due 2023-07-21",
    ),
    (
        "Council 2023\nWTSA-24",
        "meeting: Council 2023 (2023-07-21) | meeting: WTSA-24 (2024-10-24) => due 2024-10-24",
    ),
    (
        "Council 2023,\nTSAG2023, Ongoing",
        "meeting: Council 2023 (2023-07-21) | meeting: TSAG 2023 (2023-06-02) | ongoing: ongoing",
    ),
    (
        "Council 2023,\nWTSA-24",
        "meeting: Council 2023 (2023-07-21) | meeting: WTSA-24 (2024-10-24) => due 2024-10-24",
    ),
    ("Council meetings", "recurring: every Council meeting"),
    (
        "Council2023",
        "meeting: Council 2023 (2023-07-21) => due 2023-07-21",
    ),
    (
        "First SG meeting,\nOngoing",
        "first: first SG meeting | ongoing: ongoing",
    ),
    (
        "Last TSAG before WTSA-24\nWTSA-24",
        "last-before: last TSAG meeting before WTSA-24 (2024-10-24) | meeting: WTSA-24 (2024-10-24) => due 2024-10-24",
    ),
    (
        "One year before WTSA-24",
        "relative: 1 year before WTSA-24 (2023-10-24) => due 2023-10-24",
    ),
    ("Ongoing", "ongoing: ongoing"),
    (
        "Ongoing\nCouncil 2023",
        "ongoing: ongoing | meeting: Council 2023 (2023-07-21)",
    ),
    (
        "Ongoing\nEach TSAG meeting",
        "ongoing: ongoing | recurring: every TSAG meeting",
    ),
    (
        "Ongoing\nTSAG2023",
        "ongoing: ongoing | meeting: TSAG 2023 (2023-06-02)",
    ),
    (
        "Ongoing, 3 months before Council",
        "ongoing: ongoing | relative: 3 months before Council",
    ),
    (
        "Ongoing, Council 2023",
        "ongoing: ongoing | meeting: Council 2023 (2023-07-21)",
    ),
    (
        "Ongoing;\nTSAG2023, WTSA-24",
        "ongoing: ongoing | meeting: TSAG 2023 (2023-06-02) | meeting: WTSA-24 (2024-10-24)",
    ),
    ("PP22", "meeting: PP-22 (2022-10-14) => due 2022-10-14"),
    (
        "TSAG 2023",
        "meeting: TSAG 2023 (2023-06-02) => due 2023-06-02",
    ),
    (
        "TSAG2022",
        "meeting: TSAG 2022 (2022-12-31) => due 2022-12-31",
    ),
    (
        "TSAG2022\nOngoing",
        "meeting: TSAG 2022 (2022-12-31) | ongoing: ongoing",
    ),
    (
        "TSAG2022,\nCouncil 2022,\nPP22",
        "meeting: TSAG 2022 (2022-12-31) | meeting: Council 2022 (2022-12-31) | meeting: PP-22 (2022-10-14) => due 2022-12-31",
    ),
    (
        "TSAG2023",
        "meeting: TSAG 2023 (2023-06-02) => due 2023-06-02",
    ),
    (
        "TSAG2023,\nOngoing",
        "meeting: TSAG 2023 (2023-06-02) | ongoing: ongoing",
    ),
    (
        "TSAG2023,\nWTSA-24",
        "meeting: TSAG 2023 (2023-06-02) | meeting: WTSA-24 (2024-10-24) => due 2024-10-24",
    ),
    (
        "TSAG2023, WTSA-24",
        "meeting: TSAG 2023 (2023-06-02) | meeting: WTSA-24 (2024-10-24) => due 2024-10-24",
    ),
    ("WTSA-24", "meeting: WTSA-24 (2024-10-24) => due 2024-10-24"),
    (
        "WTSA-24\nPP-26",
        "meeting: WTSA-24 (2024-10-24) | meeting: PP-26 (2026-12-31) => due 2026-12-31",
    ),
];

/// The findings of edition A as of its cover date (2023-05-30): severity, code, resolution,
/// item ("" for none), message. Reviewed by hand against the document.
const EDITION_A_FINDINGS: &[Expected] = &[
        (
            "info",
            "id-gap",
            "Resolution 7",
            "07-03",
            "07-02 missing between 07-01 and 07-03 (obsolete: 07-02 in Appendix II)",
        ),
        (
            "info",
            "id-gap",
            "Resolution 7",
            "07-05",
            "07-04 missing between 07-03 and 07-05",
        ),
        (
            "info",
            "id-gap",
            "Resolution 22",
            "22-14",
            "22-10 to 22-13 missing between 22-09 and 22-14 (obsolete: 22-10, 22-11, 22-12, 22-13 in Appendix I)",
        ),
        (
            "info",
            "id-gap",
            "Resolution 31",
            "31-02",
            "31-01 missing before 31-02, the first item (obsolete: 31-01 in Appendix II)",
        ),
        (
            "info",
            "id-gap",
            "Resolution 44",
            "44-05",
            "44-04 missing between 44-03 and 44-05 (obsolete: 44-04 in Appendix II)",
        ),
        (
            "info",
            "id-gap",
            "Resolution 44",
            "44-11",
            "44-06 to 44-10 missing between 44-05 and 44-11 (obsolete: 44-06, 44-08, 44-09, 44-10 in Appendix II)",
        ),
        (
            "info",
            "id-gap",
            "Resolution 44",
            "44-19",
            "44-16 to 44-18 missing between 44-15 and 44-19 (obsolete: 44-16, 44-17, 44-18 in Appendix II)",
        ),
        (
            "info",
            "id-gap",
            "Resolution 44",
            "44-23",
            "44-22 missing between 44-21 and 44-23 (obsolete: 44-22 in Appendix I; 44-22 in Appendix II)",
        ),
        (
            "info",
            "id-gap",
            "Resolution 44",
            "44-28",
            "44-25 to 44-27 missing between 44-24 and 44-28 (obsolete: 44-25, 44-26 in Appendix I)",
        ),
        (
            "info",
            "id-gap",
            "Resolution 48",
            "48-02",
            "48-01 missing before 48-02, the first item (obsolete: 48-01 in Appendix I)",
        ),
        (
            "info",
            "id-gap",
            "Resolution 50",
            "50-05",
            "50-03 and 50-04 missing between 50-02 and 50-05",
        ),
        (
            "info",
            "id-gap",
            "Resolution 50",
            "50-08",
            "50-07 missing between 50-06 and 50-08",
        ),
        (
            "info",
            "id-gap",
            "Resolution 50",
            "50-13",
            "50-12 missing between 50-11 and 50-13",
        ),
        (
            "info",
            "id-gap",
            "Resolution 50",
            "50-20",
            "50-19 missing between 50-18 and 50-20 (obsolete: 50-19 in Appendix I)",
        ),
        (
            "info",
            "id-gap",
            "Resolution 52",
            "52-05",
            "52-04 missing between 52-03 and 52-05 (obsolete: 52-04 in Appendix I)",
        ),
        (
            "info",
            "id-gap",
            "Resolution 54",
            "54-04",
            "54-02 and 54-03 missing between 54-01 and 54-04 (obsolete: 54-03 in Appendix I; 54-02 in Appendix II)",
        ),
        (
            "info",
            "id-gap",
            "Resolution 54",
            "54-09",
            "54-08 missing between 54-07 and 54-09 (obsolete: 54-08 in Appendix I)",
        ),
        (
            "info",
            "id-gap",
            "Resolution 55",
            "55-02",
            "55-01 missing before 55-02, the first item",
        ),
        (
            "info",
            "id-gap",
            "Resolution 61",
            "61-02",
            "61-01 missing before 61-02, the first item (obsolete: 61-01 in Appendix I)",
        ),
        (
            "info",
            "id-gap",
            "Resolution 62",
            "62-03",
            "62-02 missing between 62-01 and 62-03",
        ),
        (
            "info",
            "id-gap",
            "Resolution 64",
            "64-02",
            "64-01 missing before 64-02, the first item (obsolete: 64-01 in Appendix I; 64-01 in Appendix II)",
        ),
        (
            "info",
            "id-gap",
            "Resolution 64",
            "64-06",
            "64-04 and 64-05 missing between 64-03 and 64-06",
        ),
        (
            "info",
            "id-gap",
            "Resolution 67",
            "67-05",
            "67-04 missing between 67-03 and 67-05 (obsolete: 67-04 in Appendix II)",
        ),
        (
            "info",
            "id-gap",
            "Resolution 69",
            "69-03",
            "69-02 missing between 69-01 and 69-03 (obsolete: 69-02 in Appendix II)",
        ),
        (
            "info",
            "id-gap",
            "Resolution 70",
            "70-06",
            "70-04 and 70-05 missing between 70-03 and 70-06 (obsolete: 70-04, 70-05 in Appendix I)",
        ),
        (
            "info",
            "id-gap",
            "Resolution 72",
            "72-06",
            "72-05 missing between 72-04 and 72-06 (obsolete: 72-05 in Appendix I)",
        ),
        (
            "info",
            "id-gap",
            "Resolution 73",
            "73-11",
            "73-10 missing between 73-09 and 73-11",
        ),
        (
            "info",
            "id-gap",
            "Resolution 74",
            "74-02",
            "74-01 missing before 74-02, the first item (obsolete: 74-01 in Appendix II)",
        ),
        (
            "info",
            "id-gap",
            "Resolution 76",
            "76-11",
            "76-09 and 76-10 missing between 76-08 and 76-11 (obsolete: 76-09, 76-10 in Appendix I; 76-09, 76-10 in Appendix II)",
        ),
        (
            "info",
            "id-gap",
            "Resolution 76",
            "76-18",
            "76-17 missing between 76-16 and 76-18 (obsolete: 76-17 in Appendix I; 76-17 in Appendix II)",
        ),
        (
            "info",
            "id-gap",
            "Resolution 77",
            "77-04",
            "77-02 and 77-03 missing between 77-01 and 77-04 (obsolete: 77-03 in Appendix I; 77-02, 77-03 in Appendix II)",
        ),
        (
            "info",
            "id-gap",
            "Resolution 77",
            "77-06",
            "77-05 missing between 77-04 and 77-06 (obsolete: 77-05 in Appendix II)",
        ),
        (
            "info",
            "id-gap",
            "Resolution 77",
            "77-11",
            "77-10 missing between 77-09 and 77-11 (obsolete: 77-10 in Appendix I)",
        ),
        (
            "info",
            "id-gap",
            "Resolution 78",
            "78-03",
            "78-02 missing between 78-01 and 78-03",
        ),
        (
            "info",
            "id-gap",
            "Resolution 80",
            "80-04",
            "80-03 missing between 80-02 and 80-04",
        ),
        (
            "info",
            "id-gap",
            "Resolution 90",
            "90-03",
            "90-01 and 90-02 missing before 90-03, the first item (obsolete: 90-01, 90-02 in Appendix I)",
        ),
        (
            "info",
            "id-gap",
            "Resolution 92",
            "92-04",
            "92-03 missing between 92-02 and 92-04 (obsolete: 92-03 in Appendix I)",
        ),
        (
            "info",
            "id-gap",
            "Resolution 92",
            "92-07",
            "92-05 and 92-06 missing between 92-04 and 92-07 (obsolete: 92-05, 92-06 in Appendix I)",
        ),
        (
            "error",
            "matrix-without-section",
            "Resolution 85",
            "",
            "Resolution 85 is in the Section I matrix but has no part in Section II",
        ),
        (
            "warning",
            "title-mismatch",
            "Resolution 18",
            "",
            "matrix title says \"…among, the ITU…\" where the heading says \"…among, ITU…\" (matrix: \"Principles and procedures for the allocation of work to, and strengthening coordination and cooperation among, the ITU Radiocommunication, ITU Telecommunication Standardization and ITU Telecommunication Development Sectors\"; heading: \"Principles and procedures for the allocation of work to, and strengthening coordination and cooperation among, ITU Radiocommunication, ITU Telecommunication Standardization and ITU Telecommunication Development Sectors\")",
        ),
        (
            "warning",
            "title-mismatch",
            "Resolution 31",
            "",
            "matrix title says \"…ITU Telecommunication…\" where the heading says \"…ITU-T Telecommunication…\" (matrix: \"Admission of entities or organizations to participate as Associates in the work of the ITU Telecommunication Standardization Sector\"; heading: \"Admission of entities or organizations to participate as Associates in the work of the ITU-T Telecommunication Standardization Sector\")",
        ),
        (
            "warning",
            "title-mismatch",
            "Resolution 32",
            "",
            "matrix title says \"…ITU Telecommunication…\" where the heading says \"…ITU-T Telecommunication…\" (matrix: \"Strengthening electronic working methods for the work of the ITU Telecommunication Standardization Sector\"; heading: \"Strengthening electronic working methods for the work of the ITU-T Telecommunication Standardization Sector\")",
        ),
        (
            "warning",
            "title-mismatch",
            "Resolution 40",
            "",
            "matrix title says \"…of the work…\" where the heading says \"…of work…\" (matrix: \"Regulatory and policy aspects of the work of the ITU Telecommunication Standardization Sector\"; heading: \"Regulatory and policy aspects of work of the ITU Telecommunication Standardization Sector\")",
        ),
        (
            "warning",
            "title-mismatch",
            "Resolution 55",
            "",
            "matrix title says \"Promoting a gender…\" where the heading says \"Promoting gender…\" (matrix: \"Promoting a gender equality in ITU Telecommunication Standardization Sector activities\"; heading: \"Promoting gender equality in ITU Telecommunication Standardization Sector activities\")",
        ),
        (
            "warning",
            "title-mismatch",
            "Resolution 79",
            "",
            "matrix title says \"…communication technologies in…\" where the heading says \"…communication technology in…\" (matrix: \"The role of telecommunications/ information and communication technologies in handling and controlling e-waste from telecommunication and information technology equipment and methods of treating it\"; heading: \"The role of telecommunications/ information and communication technology in handling and controlling e-waste from telecommunication and information technology equipment and methods of treating it\")",
        ),
];

#[test]
fn every_milestone_of_edition_a_reads_as_listed() {
    let found: BTreeSet<&str> = edition_a()
        .resolutions
        .iter()
        .flat_map(|r| r.action_items.iter().map(|i| i.milestone.as_str()))
        .collect();
    let listed: BTreeSet<&str> = EDITION_A_MILESTONES.iter().map(|(text, _)| *text).collect();
    assert_eq!(found, listed, "the distinct milestones of edition A");
    assert_eq!(listed.len(), 34);
    for (text, expected) in EDITION_A_MILESTONES {
        let milestone = Milestone::parse(text);
        assert_eq!(milestone.text, *text, "original text kept");
        assert_eq!(describe(&milestone), *expected, "{text:?}");
        assert!(milestone.unparsed.is_empty(), "{text:?}");
    }
}

#[test]
fn due_points_serialise_with_their_structure() {
    let m = Milestone::parse("Ongoing, 3 months before Council\nTSAG2023\nOne year before WTSA-24");
    let json = serde_json::to_value(&m).expect("JSON");
    assert_eq!(
        json,
        serde_json::json!({
            "text": "Ongoing, 3 months before Council\nTSAG2023\nOne year before WTSA-24",
            "points": [
                {"text": "Ongoing", "kind": "ongoing"},
                {"text": "3 months before Council", "kind": "relative", "months": 3,
                 "direction": "before", "event": {"body": "Council"}},
                {"text": "TSAG2023", "kind": "meeting", "body": "TSAG", "year": 2023,
                 "date": "2023-06-02"},
                {"text": "One year before WTSA-24", "kind": "relative", "months": 12,
                 "direction": "before", "event": {"body": "WTSA", "year": 2024},
                 "date": "2023-10-24"}
            ]
        })
    );
    let m = Milestone::parse("Last TSAG before WTSA-24\nsoon");
    let json = serde_json::to_value(&m).expect("JSON");
    assert_eq!(json["points"][0]["kind"], "last_before");
    assert_eq!(json["points"][0]["body"], "TSAG");
    assert_eq!(json["unparsed"], serde_json::json!(["soon"]));
}

type Expected = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

fn flatten(findings: &[Finding]) -> Vec<(String, String, String, String, String)> {
    findings
        .iter()
        .map(|f| {
            (
                f.severity.as_str().to_string(),
                f.code.as_str().to_string(),
                f.location.resolution.clone().unwrap_or_default(),
                f.location.item.clone().unwrap_or_default(),
                f.message.clone(),
            )
        })
        .collect()
}

fn owned(expected: &[Expected]) -> Vec<(String, String, String, String, String)> {
    expected
        .iter()
        .map(|(s, c, r, i, m)| {
            (
                s.to_string(),
                c.to_string(),
                r.to_string(),
                i.to_string(),
                m.to_string(),
            )
        })
        .collect()
}

#[test]
fn edition_a_findings_are_exactly_these() {
    let plan = edition_a();
    let as_of = check::cover_date(plan).expect("cover date");
    assert_eq!(as_of, date("2023-05-30"), "Geneva, 30 May - 2 June 2023");
    let findings = check::check(plan, as_of);
    assert_eq!(flatten(&findings), owned(EDITION_A_FINDINGS));
    assert_eq!(check::counts(&findings), (1, 6, 38));
}

#[test]
fn edition_a_overdue_items_as_of_tsag_2024() {
    let findings = check::check(edition_a(), date("2024-07-22"));
    let overdue: Vec<&str> = findings
        .iter()
        .filter(|f| f.code == Code::Overdue)
        .filter_map(|f| f.location.item.as_deref())
        .collect();
    assert_eq!(
        overdue,
        [
            "01-01", "01-04", "01-05", "01-06", "07-10", "20-03", "22-01", "22-04", "22-05",
            "22-06", "22-07", "22-08", "22-09", "22-23", "22-24", "22-25", "22-26", "32-09",
            "32-10", "43-03", "47-02", "52-03", "52-07", "69-03", "70-03", "73-06", "73-07",
            "73-13", "75-02", "80-02", "83-02", "87-02", "87-03", "90-06", "93-03", "94-02",
            "94-03", "96-09", "99-01", "99-02"
        ]
    );
    let first = findings
        .iter()
        .find(|f| f.code == Code::Overdue)
        .expect("overdue");
    assert_eq!(
        first.message,
        "01-01 is not completed and its milestone \"One year before WTSA-24\" (due 2023-10-24) is before 2024-07-22"
    );
    // The other findings do not depend on the date.
    let others = |f: &&Finding| f.code != Code::Overdue;
    let at_cover = check::check(edition_a(), date("2023-05-30"));
    assert_eq!(
        flatten(&findings.iter().filter(others).cloned().collect::<Vec<_>>()),
        flatten(&at_cover)
    );
}

// ------------------------------------------------------------------ small plans

fn item(id: &str, milestone: &str, completed: bool, status: &str) -> Item {
    Item {
        id: id.to_string(),
        cross_reference: None,
        bookmarks: Vec::new(),
        action: format!("TSBDir to act on {id}"),
        milestone: milestone.to_string(),
        periodic_goals_met: false,
        completed,
        status: if status.is_empty() {
            Vec::new()
        } else {
            vec![Block::plain(status)]
        },
        ..Item::default()
    }
}

fn resolution(kind: Kind, number: &str, title: &str, items: Vec<Item>) -> Resolution {
    Resolution {
        kind,
        number: number.to_string(),
        title: title.to_string(),
        anchor: None,
        bookmarks: Vec::new(),
        operative_text: Vec::new(),
        action_items: items,
        notes: Vec::new(),
    }
}

fn row(kind: Kind, number: &str, title: &str) -> SummaryRow {
    SummaryRow {
        label: format!("{} {number}", kind.as_str()),
        kind: kind.as_str().to_string(),
        number: number.to_string(),
        title: title.to_string(),
        url: None,
        anchor: None,
        cells: vec!["X".to_string()],
    }
}

/// A plan whose matrix lists exactly its resolutions, with the same titles.
fn plan(resolutions: Vec<Resolution>) -> ActionPlan {
    let rows = resolutions
        .iter()
        .map(|r| row(r.kind, &r.number, &r.title))
        .collect();
    ActionPlan {
        schema_version: SCHEMA_VERSION,
        cover: Some(Cover {
            meeting: Some("Geneva, 22-26 July 2024".to_string()),
            ..Cover::default()
        }),
        title: Some("WTSA-20 Action Plan".to_string()),
        summary: Some(Summary {
            columns: vec![SummaryColumn {
                group: "Action by".to_string(),
                name: "TSB".to_string(),
            }],
            rows,
            ..Summary::default()
        }),
        progress: None,
        resolutions,
        appendices: Vec::new(),
        footnotes: Default::default(),
    }
}

const AS_OF: &str = "2024-07-22";

fn findings_of(plan: &ActionPlan) -> Vec<(String, String, String, String, String)> {
    flatten(&check::check(plan, date(AS_OF)))
}

fn clean() -> ActionPlan {
    plan(vec![
        resolution(
            Kind::Resolution,
            "1",
            "Rules of procedure",
            vec![
                item("01-01", "Ongoing", false, ""),
                item("01-02", "WTSA-24", false, ""),
                item("01-03", "2022", true, "Done."),
            ],
        ),
        resolution(
            Kind::Opinion,
            "1",
            "Network externality premium",
            vec![
                item("Op-01", "Ongoing", false, ""),
                item("Op1-02", "Council 2025", false, ""),
            ],
        ),
    ])
}

#[test]
fn a_consistent_plan_has_no_findings() {
    assert_eq!(findings_of(&clean()), []);
    assert_eq!(check::cover_date(&clean()), Some(date("2024-07-22")));
}

#[test]
fn footnotes_missing_and_unused() {
    use actplan::model::Inline;
    let mut p = clean();
    let reference = |id: &str| Inline {
        footnote: Some(id.into()),
        ..Inline::default()
    };
    let item = &mut p.resolutions[0].action_items[1];
    item.milestone_inlines = vec![
        Inline {
            text: item.milestone.clone(),
            ..Inline::default()
        },
        reference("7"),
    ];
    p.resolutions[0].action_items[2].status[0].inlines = vec![
        Inline {
            text: "Done.".into(),
            ..Inline::default()
        },
        reference("3"),
    ];
    p.footnotes
        .insert("3".into(), vec![Block::plain("Cited by 01-03.")]);
    p.footnotes
        .insert("4".into(), vec![Block::plain("Cited by nobody at all.")]);
    assert_eq!(
        findings_of(&p),
        owned(&[
            (
                "error",
                "missing-footnote",
                "Resolution 1",
                "01-02",
                "a footnote reference to footnote 7, which the edition does not have"
            ),
            (
                "info",
                "unused-footnote",
                "",
                "",
                "footnote 4 is referred to nowhere: Cited by nobody at all."
            ),
        ])
    );
}

#[test]
fn duplicate_id() {
    let mut p = clean();
    p.resolutions[0].action_items[2].id = "01-02".to_string();
    assert_eq!(
        findings_of(&p),
        owned(&[(
            "error",
            "duplicate-id",
            "Resolution 1",
            "01-02",
            "item id 01-02 is already used in Resolution 1"
        )])
    );
}

#[test]
fn id_prefix_with_aliases_and_opinions() {
    let mut p = clean();
    let items = &mut p.resolutions[0].action_items;
    items[1].id = "11-02".to_string();
    items.push(item("(44-25)", "Ongoing", false, ""));
    items.push(item("1-04 (44-14)", "Ongoing", false, ""));
    items.push(item("action five", "Ongoing", false, ""));
    let op = &mut p.resolutions[1].action_items;
    op.push(item("Op2-03", "Ongoing", false, ""));
    op.push(item("01-04", "Ongoing", false, ""));
    assert_eq!(
        findings_of(&p),
        owned(&[
            (
                "error",
                "id-prefix",
                "Resolution 1",
                "11-02",
                "item id 11-02 does not start with the resolution number 1"
            ),
            (
                "error",
                "id-prefix",
                "Resolution 1",
                "action five",
                "item id \"action five\" is not of the form 1-NN"
            ),
            (
                "error",
                "id-prefix",
                "Opinion 1",
                "Op2-03",
                "item id Op2-03 of Opinion 1 does not start with Op- or Op1-"
            ),
            (
                "error",
                "id-prefix",
                "Opinion 1",
                "01-04",
                "item id 01-04 of Opinion 1 does not start with Op- or Op1-"
            ),
        ])
    );
}

#[test]
fn id_gap_names_obsolete_ids() {
    let mut p = clean();
    p.resolutions[0].action_items = vec![
        item("01-02", "Ongoing", false, ""),
        item("01-06", "Ongoing", false, ""),
        item("01-08", "Ongoing", false, ""),
    ];
    p.appendices.push(Appendix {
        title: "Appendix I – Obsolete action items from WTSA-16 Action Plan".to_string(),
        bookmarks: Vec::new(),
        note: None,
        items: vec![AppendixItem {
            id: "01-03".to_string(),
            cross_reference: Some("(01-05)".to_string()),
            action: "old".to_string(),
            extra: Vec::new(),
            ..AppendixItem::default()
        }],
        blocks: vec![Block::plain("01-01; 01-03;")],
    });
    assert_eq!(
        findings_of(&p),
        owned(&[
            (
                "info",
                "id-gap",
                "Resolution 1",
                "01-02",
                "01-01 missing before 01-02, the first item (obsolete: 01-01 in Appendix I)"
            ),
            (
                "info",
                "id-gap",
                "Resolution 1",
                "01-06",
                "01-03 to 01-05 missing between 01-02 and 01-06 (obsolete: 01-03, 01-05 in Appendix I)"
            ),
            (
                "info",
                "id-gap",
                "Resolution 1",
                "01-08",
                "01-07 missing between 01-06 and 01-08"
            ),
        ])
    );
}

#[test]
fn matrix_and_sections_match_by_kind_and_number() {
    let mut p = clean();
    let summary = p.summary.as_mut().expect("summary");
    summary.rows.push(row(Kind::Resolution, "85", "Resources"));
    // "01" in the matrix is Resolution 1; Opinion 1 is not Resolution 1.
    summary.rows[0].number = "01".to_string();
    summary.rows.remove(1);
    assert_eq!(
        findings_of(&p),
        owned(&[
            (
                "error",
                "matrix-without-section",
                "Resolution 85",
                "",
                "Resolution 85 is in the Section I matrix but has no part in Section II"
            ),
            (
                "error",
                "section-without-matrix",
                "Opinion 1",
                "",
                "Opinion 1 has a part in Section II but no row in the Section I matrix"
            ),
        ])
    );
    p.summary = None;
    assert_eq!(
        findings_of(&p)
            .iter()
            .map(|f| (f.1.as_str(), f.2.as_str()))
            .collect::<Vec<_>>(),
        [
            ("section-without-matrix", "Resolution 1"),
            ("section-without-matrix", "Opinion 1")
        ]
    );
}

#[test]
fn title_mismatch_ignores_case_spacing_and_punctuation() {
    let mut p = clean();
    p.resolutions[0].title = "Non-discriminatory access to ITU‑T Study Groups*".to_string();
    p.summary.as_mut().expect("summary").rows[0].title =
        "Non discriminatory  access to ITU-T study groups".to_string();
    assert_eq!(findings_of(&p), []);
    p.resolutions[0].title = "Regulatory aspects of the work of ITU-T".to_string();
    p.summary.as_mut().expect("summary").rows[0].title =
        "Regulatory aspects of work of ITU-T".to_string();
    assert_eq!(
        findings_of(&p),
        owned(&[(
            "warning",
            "title-mismatch",
            "Resolution 1",
            "",
            "matrix title says \"…of work…\" where the heading says \"…of the work…\" (matrix: \"Regulatory aspects of work of ITU-T\"; heading: \"Regulatory aspects of the work of ITU-T\")"
        )])
    );
}

#[test]
fn completed_without_status() {
    let mut p = clean();
    let items = &mut p.resolutions[0].action_items;
    items[2].status = vec![Block::plain("  ")];
    items[0].completed = true;
    items[0].status = vec![Block {
        rows: Some(vec![vec![vec![Block::plain("a table")]]]),
        ..Block::default()
    }];
    assert_eq!(
        findings_of(&p),
        owned(&[(
            "warning",
            "completed-without-status",
            "Resolution 1",
            "01-03",
            "01-03 is marked completed but its status is empty"
        )])
    );
}

#[test]
fn overdue_against_the_as_of_date() {
    let mut p = clean();
    let items = &mut p.resolutions[0].action_items;
    items[0].milestone = "TSAG 2023".to_string();
    items[1].milestone = "3 months before WTSA-24".to_string();
    items.push(item("01-04", "Ongoing, TSAG2022", false, ""));
    items.push(item("01-05", "Annual, Council 2023", false, ""));
    items.push(item("01-06", "2023/2024", false, ""));
    items.push(item("01-07", "Council", false, ""));
    let overdue = |as_of: &str| -> Vec<String> {
        check::check(&p, date(as_of))
            .into_iter()
            .filter(|f| f.code == Code::Overdue)
            .map(|f| f.location.item.unwrap_or_default())
            .collect()
    };
    assert_eq!(overdue("2023-06-02"), Vec::<String>::new());
    assert_eq!(overdue("2023-06-03"), ["01-01"]);
    assert_eq!(overdue("2024-07-24"), ["01-01"]);
    assert_eq!(overdue("2024-07-25"), ["01-01", "01-02"]);
    assert_eq!(overdue("2025-01-01"), ["01-01", "01-02", "01-06"]);
    let finding = &check::check(&p, date("2024-07-25"))[0];
    assert_eq!(finding.severity, Severity::Warning);
    assert_eq!(
        finding.message,
        "01-01 is not completed and its milestone \"TSAG 2023\" (due 2023-06-02) is before 2024-07-25"
    );
}

#[test]
fn unparsed_milestones_are_listed() {
    let mut p = clean();
    let items = &mut p.resolutions[0].action_items;
    items[0].milestone = "soon".to_string();
    items[1].milestone = "2022, when possible; TSAG2023".to_string();
    items.push(item("01-04", " ", false, ""));
    assert_eq!(
        findings_of(&p),
        owned(&[
            (
                "warning",
                "unparsed-milestone",
                "Resolution 1",
                "01-01",
                "milestone of 01-01 not understood: \"soon\""
            ),
            (
                "warning",
                "unparsed-milestone",
                "Resolution 1",
                "01-02",
                "milestone of 01-02 not understood: \"when possible\""
            ),
            (
                "warning",
                "unparsed-milestone",
                "Resolution 1",
                "01-04",
                "01-04 has no milestone"
            ),
        ])
    );
}

#[test]
fn severities_per_code() {
    use Code::*;
    for (code, name, severity) in [
        (DuplicateId, "duplicate-id", Severity::Error),
        (IdPrefix, "id-prefix", Severity::Error),
        (IdGap, "id-gap", Severity::Info),
        (
            MatrixWithoutSection,
            "matrix-without-section",
            Severity::Error,
        ),
        (
            SectionWithoutMatrix,
            "section-without-matrix",
            Severity::Error,
        ),
        (TitleMismatch, "title-mismatch", Severity::Warning),
        (
            CompletedWithoutStatus,
            "completed-without-status",
            Severity::Warning,
        ),
        (Overdue, "overdue", Severity::Warning),
        (UnparsedMilestone, "unparsed-milestone", Severity::Warning),
    ] {
        assert_eq!(code.as_str(), name);
        assert_eq!(code.severity(), severity, "{name}");
        assert_eq!(serde_json::to_value(code).expect("JSON"), name);
    }
}

// ------------------------------------------------------------------ command line

fn write_plan(dir: &std::path::Path, name: &str, plan: &ActionPlan) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, actplan::model::json::to_json_string(plan)).expect("write plan");
    path
}

#[test]
fn cli_on_edition_a() {
    let out = actplan()
        .arg("check")
        .arg(fixture("action-plan-edition-a.docx"))
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1), "errors: exit 1");
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), EDITION_A_FINDINGS.len() + 1);
    // Errors first, then warnings, then infos.
    assert_eq!(
        lines[0],
        "error   matrix-without-section   Resolution 85: Resolution 85 is in the Section I matrix but has no part in Section II"
    );
    let severities: Vec<&str> = lines[..lines.len() - 1]
        .iter()
        .map(|line| line.split_whitespace().next().unwrap_or(""))
        .collect();
    assert_eq!(severities.iter().filter(|s| **s == "warning").count(), 6);
    assert!(
        severities[1..7].iter().all(|s| *s == "warning"),
        "{severities:?}"
    );
    assert!(
        severities[7..].iter().all(|s| *s == "info"),
        "{severities:?}"
    );
    assert!(lines.contains(
        &"info    id-gap                   Resolution 7 07-03: 07-02 missing between 07-01 and 07-03 (obsolete: 07-02 in Appendix II)"
    ));

    // --min-level warning hides the infos, and the summary says so.
    let out = actplan()
        .args(["check", "--min-level", "warning"])
        .arg(fixture("action-plan-edition-a.docx"))
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert_eq!(text.lines().count(), 1 + 6 + 1, "{text}");
    assert!(!text.contains("info    "), "{text}");
    assert_eq!(
        lines.last().copied(),
        Some("1 error, 6 warnings, 38 infos (overdue as of 2023-05-30)")
    );

    let out = actplan()
        .args(["check", "--to", "json", "--as-of", "2024-07-22"])
        .arg(fixture("action-plan-edition-a.docx"))
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let raw = String::from_utf8(out.stdout.clone()).expect("UTF-8");
    assert!(
        raw.starts_with(
            "{\n  \"findings\": [\n    {\n      \"severity\": \"error\",\n      \"code\": \"matrix-without-section\",\n      \"location\": {\n        \"resolution\": \"Resolution 85\",\n        \"item\": null\n      },\n      \"message\": "
        ),
        "key order: {raw}"
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let object = json.as_object().expect("object");
    assert_eq!(object.keys().collect::<Vec<_>>(), ["findings"]);
    let findings = json["findings"].as_array().expect("findings");
    assert_eq!(findings.len(), 45 + 40);
    for f in findings {
        let keys: Vec<&String> = f.as_object().expect("finding").keys().collect();
        assert_eq!(keys, ["code", "location", "message", "severity"]);
        let location: Vec<&String> = f["location"]
            .as_object()
            .expect("location")
            .keys()
            .collect();
        assert_eq!(location, ["item", "resolution"]);
    }
    let matrix = findings
        .iter()
        .find(|f| f["code"] == "matrix-without-section")
        .expect("Resolution 85");
    assert_eq!(
        matrix["location"],
        serde_json::json!({"resolution": "Resolution 85", "item": null})
    );
    assert_eq!(matrix["severity"], "error");
    assert_eq!(
        findings.iter().filter(|f| f["code"] == "overdue").count(),
        40
    );
}

#[test]
fn cli_exit_codes_and_strict() {
    let dir = scratch!("exit");
    let clean_path = write_plan(&dir, "clean.json", &clean());
    let out = actplan()
        .args(["check", "--strict"])
        .arg(&clean_path)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "0 errors, 0 warnings, 0 infos (overdue as of 2024-07-22)\n"
    );

    // Warnings only: 0, or 1 with --strict.
    let mut warned = clean();
    warned.resolutions[0].action_items[0].milestone = "soon".to_string();
    let warned_path = write_plan(&dir, "warned.json", &warned);
    let code = |args: &[&str], path: &PathBuf| {
        actplan()
            .arg("check")
            .args(args)
            .arg(path)
            .output()
            .expect("run")
            .status
            .code()
    };
    assert_eq!(code(&[], &warned_path), Some(0));
    assert_eq!(code(&["--strict"], &warned_path), Some(1));
    // Infos never fail.
    let mut gap = clean();
    gap.resolutions[0].action_items[1].id = "01-05".to_string();
    let gap_path = write_plan(&dir, "gap.json", &gap);
    assert_eq!(code(&["--strict"], &gap_path), Some(0));
    // --as-of moves the overdue line.
    let out = actplan()
        .args(["check", "--as-of", "2030-01-01", "--to", "json", "-o"])
        .arg(dir.join("findings.json"))
        .arg(&clean_path)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0), "overdue is a warning");
    let written = std::fs::read_to_string(dir.join("findings.json")).expect("written");
    assert!(written.contains("\"code\": \"overdue\""), "{written}");

    // Usage and input errors.
    assert_eq!(code(&["--as-of", "22/07/2024"], &clean_path), Some(2));
    assert_eq!(code(&["--to", "xml"], &clean_path), Some(2));
    assert_eq!(code(&[], &dir.join("missing.json")), Some(3));
    std::fs::write(dir.join("bad.json"), "{").expect("write");
    assert_eq!(code(&[], &dir.join("bad.json")), Some(9));
    let _ = std::fs::remove_dir_all(&dir);
}
