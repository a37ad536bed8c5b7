//! Owners, `actplan items` and `actplan stats`.
//!
//! * The owners of every item of edition A against `tests/expected/owners-edition-a.txt`
//!   (reviewed by hand; `ACTPLAN_BLESS=1` rewrites it), and the owner rules on short texts.
//! * Item filters on edition A, alone and combined, and each output read back: CSV parsed,
//!   Markdown through a GFM parser, JSON, HTML escaping.
//! * Stats: the counts add up and match the model; the HTML page draws them as inline SVG,
//!   self-contained and escaped.
//! * The command line: formats from `--to` or the output extension, usage errors.

use crate::common::{actplan_command as actplan, edition_a, fixture, scratch};
use actplan::model::milestone::Date;
use actplan::model::owners::{self, Source};
use actplan::model::{
    ActionPlan, Block, Item, Kind, Resolution, Summary, SummaryColumn, SummaryRow, SCHEMA_VERSION,
};
use actplan::query::{self, Filter, ItemRow, ResolutionRef, State};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::path::PathBuf;

fn date(iso: &str) -> Date {
    Date::parse_iso(iso).expect("date")
}

/// Edition A's cover meeting: Geneva, 30 May - 2 June 2023.
const COVER: &str = "2023-05-30";

fn ids(rows: &[ItemRow]) -> Vec<&str> {
    rows.iter().map(|r| r.id.as_str()).collect()
}

// ------------------------------------------------------------------ owners

#[test]
fn owners_of_every_item_of_edition_a() {
    let plan = edition_a();
    let mut lines = Vec::new();
    for r in &plan.resolutions {
        for item in &r.action_items {
            let derived = owners::item_owners(plan, r, item);
            let mut line = format!("{}: ", item.id);
            if derived.names.is_empty() {
                line.push('-');
            } else {
                line.push_str(&derived.names.join(", "));
            }
            if derived.source == Source::Matrix {
                line.push_str(" [matrix]");
            }
            lines.push(line);
        }
    }
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/expected/owners-edition-a.txt");
    let expected = std::fs::read_to_string(&path).expect("tests/expected/owners-edition-a.txt");
    let header: Vec<&str> = expected.lines().filter(|l| l.starts_with('#')).collect();
    if std::env::var_os("ACTPLAN_BLESS").is_some() {
        let mut text = header.join("\n");
        text.push('\n');
        text.push_str(&lines.join("\n"));
        text.push('\n');
        std::fs::write(&path, text).expect("bless");
        return;
    }
    let expected: Vec<&str> = expected.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(expected.len(), 407, "one line per item of edition A");
    for (got, want) in lines.iter().zip(&expected) {
        assert_eq!(got, want);
    }
    assert_eq!(lines.len(), expected.len());
    // Every owner found is a known name, and every item has one.
    let known = owners::all_owners();
    for line in &lines {
        let (_, names) = line.split_once(": ").expect("id: owners");
        let names = names.trim_end_matches(" [matrix]");
        assert_ne!(names, "-", "{line}");
        for name in names.split(", ") {
            assert!(known.iter().any(|k| k == name), "{line}");
        }
    }
    let from_matrix: Vec<&str> = lines
        .iter()
        .filter(|l| l.ends_with("[matrix]"))
        .map(|l| &l[..l.find(':').unwrap_or(0)])
        .collect();
    assert_eq!(from_matrix, ["18-05", "22-17", "22-27", "50-16", "76-18"]);
}

#[test]
fn owner_rules_of_the_issue() {
    let check = |action: &str, expected: &[&str]| {
        assert_eq!(owners::owners(action), expected, "{action}");
    };
    check("SG17 to report on progress", &["SG17"]);
    check("TSB to organize workshops", &["TSB"]);
    check("TSBDir to report to Council", &["TSB Director"]);
    check("TSB Dir to report (instructs TSB Dir 3)", &["TSB Director"]);
    check("TSAG to consider", &["TSAG"]);
    check("All SGs to continue to evaluate", &["SGs"]);
    check("ITU-T SGs to collaborate", &["SGs"]);
    check("Member States to take all measures", &["Member States"]);
    check(
        "TSBDir, in collaboration with BDTDir and SG17, to identify best practices (instructs TSBDir 1)",
        &["SG17", "TSB Director", "BDT Director"],
    );
    // Recipients of a report are not owners; nobody named in the subject → the whole text.
    check(
        "TSBDir to submit progress report to TSAG",
        &["TSB Director"],
    );
    check(
        "WTSA-20 to forward the text to TSAG and to the relevant study groups",
        &["SGs", "TSAG"],
    );
    check("ITU-T to continue to raise awareness", &[]);
}

fn matrix_plan(cells: &[&str], action: &str) -> ActionPlan {
    let columns = [
        ("Action by", "SGs"),
        ("Action by", "TSAG"),
        ("Action by", "TSB"),
        ("Action by", "Membership"),
        ("Action by", "GenSec"),
        ("Collaboration with", "BDT\nITU-D"),
        ("Report to", "Council"),
    ];
    ActionPlan {
        schema_version: SCHEMA_VERSION,
        cover: None,
        title: None,
        summary: Some(Summary {
            columns: columns
                .iter()
                .map(|(g, n)| SummaryColumn {
                    group: g.to_string(),
                    name: n.to_string(),
                })
                .collect(),
            rows: vec![SummaryRow {
                label: "Resolution 50".into(),
                kind: "Resolution".into(),
                number: "50".into(),
                title: "Cybersecurity".into(),
                url: None,
                anchor: None,
                cells: cells.iter().map(|c| c.to_string()).collect(),
            }],
            ..Summary::default()
        }),
        progress: None,
        resolutions: vec![resolution("50", vec![item("50-01", action, "Ongoing")])],
        appendices: Vec::new(),
        footnotes: Default::default(),
    }
}

#[test]
fn matrix_owners_when_the_text_names_nobody() {
    let plan = matrix_plan(
        &["All SGs, SG17", "", "X", "MSs, SMs", "SecGen", "X", "X"],
        "ITU-T to continue to raise awareness",
    );
    let r = &plan.resolutions[0];
    let derived = owners::item_owners(&plan, r, &r.action_items[0]);
    assert_eq!(derived.source, Source::Matrix);
    assert_eq!(
        derived.names,
        [
            "SGs",
            "SG17",
            "TSB",
            "SecGen",
            "Member States",
            "Sector Members"
        ],
        "Action by only: not BDT (collaboration) nor Council (report to)"
    );
    // "X" under GenSec is the Secretary-General; "All" under SGs is every study group.
    let plan = matrix_plan(&["All", "X", "", "", "X", "", ""], "Nobody named");
    let r = &plan.resolutions[0];
    assert_eq!(
        owners::item_owners(&plan, r, &r.action_items[0]).names,
        ["SGs", "TSAG", "SecGen"]
    );
    // The text wins when it names somebody.
    let plan = matrix_plan(&["All", "X", "", "", "X", "", ""], "SG17 to act");
    let r = &plan.resolutions[0];
    let derived = owners::item_owners(&plan, r, &r.action_items[0]);
    assert_eq!(
        (derived.names, derived.source),
        (vec!["SG17".to_string()], Source::Text)
    );
    // Neither.
    let plan = matrix_plan(&["", "", "", "", "", "", ""], "Nobody named");
    let r = &plan.resolutions[0];
    let derived = owners::item_owners(&plan, r, &r.action_items[0]);
    assert_eq!((derived.names.len(), derived.source), (0, Source::None));
}

// ------------------------------------------------------------------ items

fn item(id: &str, action: &str, milestone: &str) -> Item {
    Item {
        id: id.to_string(),
        cross_reference: None,
        bookmarks: Vec::new(),
        action: action.to_string(),
        milestone: milestone.to_string(),
        periodic_goals_met: false,
        completed: false,
        status: Vec::new(),
        ..Item::default()
    }
}

fn resolution(number: &str, items: Vec<Item>) -> Resolution {
    Resolution {
        kind: Kind::Resolution,
        number: number.to_string(),
        title: format!("Resolution {number} title"),
        anchor: None,
        bookmarks: Vec::new(),
        operative_text: Vec::new(),
        action_items: items,
        notes: Vec::new(),
    }
}

fn select(filter: &Filter) -> Vec<ItemRow> {
    query::select(edition_a(), filter, date(COVER))
}

#[test]
fn item_filters_on_edition_a() {
    let all = select(&Filter::default());
    assert_eq!(all.len(), 407);

    let sg17 = Filter {
        owners: vec!["SG17".into()],
        ..Filter::default()
    };
    let rows = select(&sg17);
    assert_eq!(
        rows.len(),
        97,
        "31 naming SG17, 75 for all SGs, 9 of them both"
    );
    assert!(rows
        .iter()
        .all(|r| r.owners.iter().any(|o| o == "SG17" || o == "SGs")));

    let combined = Filter {
        owners: vec!["SG17".into()],
        states: vec![State::Open],
        milestones: vec!["TSAG2023".into()],
        ..Filter::default()
    };
    assert_eq!(ids(&select(&combined)), ["94-02"]);
    let not_open = Filter {
        states: vec![],
        ..combined.clone()
    };
    assert_eq!(
        ids(&select(&not_open)),
        ["01-04", "44-13", "52-03", "94-02"]
    );

    // "TSAG 2023" and "TSAG2023" are the same meeting: 28 "TSAG2023", 2 "TSAG 2023", 3
    // "TSAG2023,\nOngoing", 5 more with TSAG2023 beside other parts.
    let tsag = |m: &str| Filter {
        milestones: vec![m.into()],
        ..Filter::default()
    };
    assert_eq!(select(&tsag("TSAG2023")).len(), 38);
    assert_eq!(
        ids(&select(&tsag("TSAG 2023"))),
        ids(&select(&tsag("tsag2023")))
    );
    assert_eq!(ids(&select(&tsag("PP22"))), ["22-14", "22-17"]);
    assert_eq!(
        ids(&select(&tsag("2022"))),
        [
            "01-11", "02-01", "18-05", "22-02", "22-14", "22-17", "22-18", "22-19", "43-03",
            "67-08", "92-11"
        ]
    );

    let completed = Filter {
        states: vec![State::Completed],
        resolutions: vec![ResolutionRef::parse("22").expect("22")],
        ..Filter::default()
    };
    assert_eq!(
        ids(&select(&completed)),
        ["22-02", "22-14", "22-15", "22-17", "22-18", "22-19"]
    );
    let states = Filter {
        states: vec![State::Open, State::Completed],
        ..Filter::default()
    };
    assert_eq!(select(&states).len(), 112 + 11, "states are alternatives");

    let director = Filter {
        owners: vec![owners::canonical("TSBDir").expect("TSBDir")],
        ..Filter::default()
    };
    assert_eq!(select(&director).len(), 199);

    let overdue = Filter {
        overdue: true,
        ..Filter::default()
    };
    assert!(
        select(&overdue).is_empty(),
        "nothing overdue at the cover date"
    );
    let late = query::select(edition_a(), &overdue, date("2024-07-22"));
    assert_eq!(late.len(), 40);
    assert_eq!(late[0].id, "01-01");
    assert_eq!(late[0].due_date, Some(date("2023-10-24")));
}

#[test]
fn item_rows_carry_the_derived_fields() {
    let rows = select(&Filter::default());
    let row = rows.iter().find(|r| r.id == "54-04").expect("54-04");
    assert_eq!(row.resolution, "Resolution 54");
    assert_eq!(row.cross_reference.as_deref(), Some("(44-14)"));
    assert_eq!(row.owners, ["SGs", "TSAG"]);
    assert_eq!(row.state, State::Periodic);
    let json =
        serde_json::to_value(rows.iter().find(|r| r.id == "22-03").expect("22-03")).expect("JSON");
    assert_eq!(json["owners"], serde_json::json!(["TSAG"]));
    assert_eq!(json["owners_from"], "text");
    assert_eq!(json["milestone"], "Last TSAG before WTSA-24\nWTSA-24");
    assert_eq!(json["due"][0]["kind"], "last_before");
    assert_eq!(json["due"][1]["kind"], "meeting");
    assert_eq!(json["due_date"], "2024-10-24");
    assert_eq!(json["state"], "open");
    assert_eq!(json["overdue"], false);
}

/// A small CSV reader (RFC 4180) for reading the output back.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    rows
}

fn hostile_plan() -> ActionPlan {
    let mut hostile = item(
        "01-01",
        "SG17 to <script>alert(1)</script> | \"quote\", comma & <b>",
        "TSAG2023,\nOngoing",
    );
    hostile.status = vec![
        Block::plain("=HYPERLINK(\"http://evil\")"),
        Block::plain("- done <img src=x>"),
    ];
    hostile.completed = true;
    ActionPlan {
        schema_version: SCHEMA_VERSION,
        cover: None,
        title: Some("Plan <i>x</i> & \"y\"".into()),
        summary: None,
        progress: None,
        resolutions: vec![resolution(
            "1",
            vec![
                hostile,
                item("01-02", "TSB to *act* [now](javascript:x)", "2022"),
            ],
        )],
        appendices: Vec::new(),
        footnotes: Default::default(),
    }
}

#[test]
fn csv_reads_back() {
    let rows = select(&Filter::default());
    let csv = query::items_csv(&rows);
    let table = parse_csv(&csv);
    assert_eq!(table.len(), rows.len() + 1);
    assert_eq!(table[0], query::CSV_COLUMNS);
    for (row, cells) in rows.iter().zip(&table[1..]) {
        assert_eq!(cells.len(), query::CSV_COLUMNS.len());
        assert_eq!(cells[0], row.resolution);
        assert_eq!(cells[1], row.id);
        assert_eq!(cells[2], row.owners.join("; "));
        assert_eq!(cells[3], row.milestone);
        assert_eq!(cells[5], row.state.as_str());
        assert_eq!(cells[7], if row.completed { "yes" } else { "" });
        assert_eq!(cells[9], row.action);
    }
    let hostile = query::rows(&hostile_plan(), date(COVER));
    let table = parse_csv(&query::items_csv(&hostile));
    assert_eq!(
        table[1][9],
        "SG17 to <script>alert(1)</script> | \"quote\", comma & <b>"
    );
    assert_eq!(
        table[1][10], "'=HYPERLINK(\"http://evil\")\n- done <img src=x>",
        "a formula is defused, the later line is not at a cell start"
    );
    assert_eq!(table[1][3], "TSAG2023,\nOngoing");
    assert_eq!(table[2][8], "yes", "2022 is overdue at the cover date");
}

/// The cells of every GFM table row, as text.
fn markdown_rows(md: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    for event in Parser::new_ext(md, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::TableCell) => cell.clear(),
            Event::Text(t) | Event::Code(t) => cell.push_str(&t),
            Event::InlineHtml(h) | Event::Html(h) => cell.push_str(&h),
            Event::End(TagEnd::TableCell) => row.push(cell.clone()),
            Event::End(TagEnd::TableHead) | Event::End(TagEnd::TableRow) => {
                rows.push(std::mem::take(&mut row))
            }
            Event::Start(Tag::Link { .. }) | Event::Start(Tag::Emphasis) => {
                panic!("document text became markup: {event:?}")
            }
            _ => {}
        }
    }
    rows
}

#[test]
fn markdown_reads_back() {
    let rows = select(&Filter {
        resolutions: vec![ResolutionRef::parse("22").expect("22")],
        ..Filter::default()
    });
    let md = actplan::render::listing::items_markdown(&rows, date(COVER));
    assert!(md.starts_with("24 action items; overdue as of 2023-05-30\n\n"));
    let table = markdown_rows(&md);
    assert_eq!(
        table[0],
        ["Resolution", "Id", "Owners", "Milestone", "State", "Action"]
    );
    assert_eq!(table.len(), rows.len() + 1);
    for (row, cells) in rows.iter().zip(&table[1..]) {
        assert_eq!(cells[1], row.id);
        assert_eq!(cells[2], row.owners.join(", "));
        assert_eq!(cells[3], row.milestone.replace('\n', "<br>"));
    }
    let hostile = query::rows(&hostile_plan(), date(COVER));
    let table = markdown_rows(&actplan::render::listing::items_markdown(
        &hostile,
        date(COVER),
    ));
    assert_eq!(table.len(), 3, "the pipe in the text did not split the row");
    assert_eq!(
        table[1][5],
        "SG17 to <script>alert(1)</script> | \"quote\", comma & <b>"
    );
    assert_eq!(table[2][5], "TSB to *act* [now](javascript:x)");
    assert_eq!(table[2][4], "Open, overdue");
}

#[test]
fn html_pages_are_self_contained_and_escaped() {
    let plan = hostile_plan();
    let rows = query::rows(&plan, date(COVER));
    let stats = query::stats(&plan, date(COVER));
    for page in [
        actplan::render::listing::items_html(&rows, "Items <of> \"plan\"", date(COVER)),
        actplan::render::listing::stats_html(&stats, "Stats <of> \"plan\""),
    ] {
        assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
        assert!(
            !page.contains("<script"),
            "no script, document text escaped"
        );
        assert!(!page.contains("<img"));
        assert!(!page.contains("<b>"));
        assert!(!page.contains(" src=\""));
        assert!(!page.contains("url("));
        assert!(!page.contains("<link"));
        let without_svg_namespace = page.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
        assert!(!without_svg_namespace.contains("http://www.w3"));
        assert!(page.contains("&lt;of&gt; &quot;plan&quot;"));
    }
    let items = actplan::render::listing::items_html(&rows, "Items", date(COVER));
    assert!(items.contains(
        "SG17 to &lt;script&gt;alert(1)&lt;/script&gt; | &quot;quote&quot;, comma &amp; &lt;b&gt;"
    ));
    assert!(items.contains("TSAG2023,<br>Ongoing"));
    assert!(items.contains("<tr class=\"overdue\">"));
}

// ------------------------------------------------------------------ stats

#[test]
fn stats_of_edition_a_add_up() {
    let plan = edition_a();
    let stats = query::stats(plan, date(COVER));
    let t = stats.totals;
    assert_eq!(
        (
            t.items,
            t.completed,
            t.periodic_goals_met,
            t.open,
            t.overdue
        ),
        (407, 11, 284, 112, 0)
    );
    assert_eq!(stats.resolutions.len(), plan.resolutions.len());
    let mut sum = 0;
    for (counts, r) in stats.resolutions.iter().zip(&plan.resolutions) {
        let c = counts.counts;
        assert_eq!(c.items, r.action_items.len(), "{}", counts.resolution);
        assert_eq!(
            c.completed,
            r.action_items.iter().filter(|i| i.completed).count()
        );
        assert_eq!(
            c.periodic_goals_met,
            r.action_items
                .iter()
                .filter(|i| i.periodic_goals_met && !i.completed)
                .count()
        );
        assert_eq!(c.items, c.completed + c.periodic_goals_met + c.open);
        sum += c.items;
    }
    assert_eq!(sum, 407);
    let r22 = stats
        .resolutions
        .iter()
        .find(|r| r.resolution == "Resolution 22")
        .expect("22");
    assert_eq!(
        (
            r22.counts.items,
            r22.counts.completed,
            r22.counts.periodic_goals_met,
            r22.counts.open
        ),
        (24, 6, 15, 3)
    );
    let owner = |name: &str| {
        stats
            .owners
            .iter()
            .find(|o| o.owner == name)
            .unwrap_or_else(|| panic!("{name}"))
            .counts
    };
    assert_eq!(owner("SG17").items, 31);
    assert_eq!(owner("SGs").items, 75);
    assert_eq!(owner("TSB Director").items, 199);
    assert_eq!(owner("TSAG").items, 39);
    assert!(stats.owners.iter().all(|o| o.owner != query::NO_OWNER));
    // Owners in canonical order.
    let ranks: Vec<usize> = stats
        .owners
        .iter()
        .map(|o| owners::rank(&o.owner))
        .collect();
    assert!(ranks.windows(2).all(|w| w[0] < w[1]));

    let later = query::stats(plan, date("2024-07-22"));
    assert_eq!(later.totals.overdue, 40);
    let r22 = later
        .resolutions
        .iter()
        .find(|r| r.resolution == "Resolution 22")
        .expect("22");
    assert_eq!(r22.counts.overdue, 11);
}

#[test]
fn stats_html_draws_inline_svg_charts() {
    let stats = query::stats(edition_a(), date("2024-07-22"));
    let page = actplan::render::listing::stats_html(&stats, "Statistics");
    assert_eq!(
        page.matches("<svg ").count(),
        2,
        "per resolution, per owner"
    );
    assert_eq!(page.matches("</svg>").count(), 2);
    assert!(page.contains("role=\"img\" aria-labelledby=\"chart-resolutions-title\""));
    // One labelled bar segment per non-zero state count, one thin bar per overdue row.
    let segments = stats
        .resolutions
        .iter()
        .map(|r| r.counts)
        .chain(stats.owners.iter().map(|o| o.counts))
        .map(|c| {
            [c.completed, c.periodic_goals_met, c.open]
                .iter()
                .filter(|n| **n > 0)
                .count()
        })
        .sum::<usize>();
    let drawn = page.matches("<rect class=\"completed\"").count()
        + page.matches("<rect class=\"periodic\"").count()
        + page.matches("<rect class=\"open\"").count();
    assert_eq!(drawn, segments);
    assert!(page.contains("<title>Resolution 22: 11 overdue</title>"));
    assert!(page.contains("<title>SG17: 20 periodic goals met</title>"));
    // The tables carry the same figures.
    assert!(page.contains(
        "<tr><th scope=\"row\">Resolution 22</th><td class=\"n\">24</td><td class=\"n\">6</td><td class=\"n\">15</td><td class=\"n\">3</td><td class=\"n\">11</td></tr>"
    ));
    assert!(page.contains(
        "<tr><th scope=\"row\">Total</th><td class=\"n\">407</td><td class=\"n\">11</td><td class=\"n\">284</td><td class=\"n\">112</td><td class=\"n\">40</td></tr>"
    ));
    assert!(!page.contains("<script"));
    // SVG is well-formed enough for an XML reader: every rect and line is closed.
    for chart in page.split("<svg ").skip(1) {
        let chart = &chart[..chart.find("</svg>").expect("closed")];
        assert_eq!(
            chart.matches("<rect ").count(),
            chart.matches("</rect>").count()
        );
        assert_eq!(chart.matches("<line ").count(), chart.matches("/>").count());
    }
}

#[test]
fn stats_text_and_json() {
    let stats = query::stats(edition_a(), date(COVER));
    let text = query::stats_text(&stats);
    assert!(text.starts_with(
        "407 action items: 11 completed, 284 periodic goals met, 112 open; 0 overdue as of 2023-05-30\n\nResolution          Items  Completed   Periodic       Open    Overdue\nResolution 1           11          1          3          7          0\n"
    ));
    assert!(
        text.contains("\nTotal                 407         11        284        112          0\n")
    );
    assert!(
        text.contains("\nTSB Director           199          5        139         55          0\n")
    );
    let json: serde_json::Value = serde_json::from_str(&query::stats_json(&stats)).expect("JSON");
    assert_eq!(json["as_of"], "2023-05-30");
    assert_eq!(
        json["totals"],
        serde_json::json!({"items": 407, "completed": 11, "periodic_goals_met": 284, "open": 112, "overdue": 0})
    );
    assert_eq!(json["resolutions"][0]["resolution"], "Resolution 1");
    assert_eq!(json["resolutions"][0]["items"], 11);
    assert_eq!(json["owners"][0]["owner"], "SGs");
}

// ------------------------------------------------------------------ command line

#[test]
fn cli_items_and_stats() {
    let dir = scratch!("cli");
    let a = fixture("action-plan-edition-a.docx");
    let run = |args: &[&str]| {
        let out = actplan().args(args).output().expect("run");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).to_string(),
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    };
    let a = a.to_str().expect("path");

    let (code, md, _) = run(&[
        "items",
        a,
        "--owner",
        "SG17",
        "--open",
        "--milestone",
        "TSAG2023",
    ]);
    assert_eq!(code, Some(0));
    assert!(
        md.starts_with("1 action item; overdue as of 2023-05-30\n"),
        "{md}"
    );
    assert!(md.contains("| Resolution 94 | 94-02 | SG13, SG16, SG17, SG20 | TSAG 2023 | Open |"));

    // Formats from --to or from the output's extension.
    let json_path = dir.join("items.json");
    let (code, _, _) = run(&[
        "items",
        a,
        "--completed",
        "--resolution",
        "Resolution 22",
        "-o",
        json_path.to_str().expect("path"),
    ]);
    assert_eq!(code, Some(0));
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json_path).expect("written")).expect("JSON");
    assert_eq!(json["count"], 6);
    assert_eq!(json["as_of"], "2023-05-30");
    assert_eq!(json["items"][0]["id"], "22-02");
    let (_, csv, _) = run(&["items", a, "--owner", "TSBDir", "--to", "csv"]);
    assert_eq!(parse_csv(&csv).len(), 200);
    let html_path = dir.join("overdue.html");
    let (code, _, _) = run(&[
        "items",
        a,
        "--overdue",
        "--as-of",
        "2024-07-22",
        "-o",
        html_path.to_str().expect("path"),
    ]);
    assert_eq!(code, Some(0));
    let html = std::fs::read_to_string(&html_path).expect("written");
    assert_eq!(html.matches("<tr class=\"overdue\">").count(), 40);

    let (code, text, _) = run(&["stats", a]);
    assert_eq!(code, Some(0));
    assert!(text.starts_with("407 action items: 11 completed"));
    let stats_path = dir.join("stats.html");
    let (code, _, _) = run(&["stats", a, "-o", stats_path.to_str().expect("path")]);
    assert_eq!(code, Some(0));
    let page = std::fs::read_to_string(&stats_path).expect("written");
    assert_eq!(page.matches("<svg ").count(), 2);
    assert!(
        page.contains("<title>Action item statistics — WTSA-20 Action Plan (TD 999)</title>"),
        "{}",
        &page[..400]
    );
    let (_, json, _) = run(&["stats", a, "--to", "json", "--as-of", "2024-07-22"]);
    let json: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(json["totals"]["overdue"], 40);

    // Usage errors: exit 2, one line, nothing written.
    let (code, _, err) = run(&["items", a, "--owner", "nobody"]);
    assert_eq!(code, Some(2));
    assert!(
        err.starts_with("actplan: unknown owner \"nobody\" (known: SGs, SG2,"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1);
    let (code, _, _) = run(&["items", a, "--resolution", "twenty"]);
    assert_eq!(code, Some(2));
    let (code, _, _) = run(&["items", a, "-o", dir.join("x.xlsx").to_str().expect("path")]);
    assert_eq!(code, Some(2));
    assert!(!dir.join("x.xlsx").exists());
    let (code, _, _) = run(&["stats", a, "--as-of", "tomorrow"]);
    assert_eq!(code, Some(2));
    let (code, _, _) = run(&["stats", dir.join("missing.docx").to_str().expect("path")]);
    assert_eq!(code, Some(3));
    let _ = std::fs::remove_dir_all(&dir);
}
