//! `actplan diff`: the change records between the shipped editions found exactly (both
//! directions), identity cases (same file, own JSON, LibreOffice re-save), the command line's
//! exit codes and output formats, escaping, and the word diff's reconstruction property.

use crate::common;
use crate::common::{edition_a, edition_b, fixture, scratch};

use common::component;

use actplan::diff::{self, Change, ChangeKind, Op, Report, Target};
use actplan::model::ActionPlan;
use serde_json::{json, Value};
use std::path::Path;
use std::process::{Command, Output};

// ---------------------------------------------------------------------------------------------
// Fixtures and helpers
// ---------------------------------------------------------------------------------------------

fn read(path: &Path) -> ActionPlan {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    actplan::read_docx(&bytes, &actplan::ReadOptions::default())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .plan
}

fn records() -> Vec<Value> {
    let text = std::fs::read_to_string(fixture("action-plan-edition-b.changes.json")).unwrap();
    let records: Vec<Value> = serde_json::from_str(&text).unwrap();
    assert_eq!(records.len(), 26, "change records in the fixture");
    records
}

fn actplan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_actplan"))
        .args(args)
        .env_remove("NO_COLOR")
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap()
}

fn path_str(path: &Path) -> &str {
    path.to_str().unwrap()
}

// ---------------------------------------------------------------------------------------------
// (a), (b): the 26 change records, A → B and B → A
// ---------------------------------------------------------------------------------------------

/// What a change record of the fixture must be found as in the report.
#[derive(Debug)]
struct Expected {
    kind: ChangeKind,
    target: Target,
    id: String,
    field: Option<String>,
    resolution: Option<String>,
    before: Value,
    after: Value,
    /// before/after are whole items: compare the record's keys only, status as texts.
    whole_item: bool,
}

fn resolution_label(id: &str) -> String {
    if id.contains(' ') {
        id.to_string()
    } else {
        format!("Resolution {id}")
    }
}

/// The column key ("Action by / TSB") of matrix column `k` in an edition.
fn column_key(plan: &ActionPlan, k: usize) -> String {
    let column = &plan.summary.as_ref().unwrap().columns[k];
    format!(
        "{} / {}",
        diff::normalise(&column.group),
        diff::normalise(&column.name)
    )
}

fn expected_of(record: &Value, reverse: bool) -> Expected {
    let kind = match record["kind"].as_str().unwrap() {
        "added" if reverse => ChangeKind::Removed,
        "removed" if reverse => ChangeKind::Added,
        "added" => ChangeKind::Added,
        "removed" => ChangeKind::Removed,
        "changed" => ChangeKind::Changed,
        other => panic!("unknown record kind {other}"),
    };
    let (before, after) = if reverse {
        (record["after"].clone(), record["before"].clone())
    } else {
        (record["before"].clone(), record["after"].clone())
    };
    let id = record["id"].as_str().unwrap().to_string();
    let field = record["field"].as_str().unwrap();
    let resolution = record["resolution"].as_str().map(resolution_label);
    let mut expected = Expected {
        kind,
        target: Target::Item,
        id: id.clone(),
        field: Some(field.to_string()),
        resolution,
        before,
        after,
        whole_item: false,
    };
    match field {
        "completed" | "periodic_goals_met" | "milestone" | "action" | "status"
        | "cross_reference" => {}
        "item" => {
            expected.field = None;
            expected.whole_item = true;
        }
        "title" | "operative_text" => {
            expected.target = Target::Resolution;
            expected.id = resolution_label(&id);
            expected.resolution = None;
        }
        "resolution" => {
            expected.target = Target::Resolution;
            expected.id = resolution_label(&id);
            expected.field = None;
            expected.resolution = None;
        }
        "appendix_item" => {
            expected.target = Target::Appendix;
            expected.field = None;
        }
        "footnote" => {
            expected.target = Target::Footnote;
            expected.field = None;
        }
        cells if cells.starts_with("summary.cells[") => {
            let k: usize = cells["summary.cells[".len()..cells.len() - 1]
                .parse()
                .unwrap();
            expected.target = Target::Summary;
            expected.field = Some(column_key(edition_a(), k));
            expected.resolution = None;
        }
        other => panic!("record field {other} not handled by this test"),
    }
    expected
}

/// A whole item of the report in the record's shape, keeping the keys the record has.
fn item_as_record(item: &Value, record_item: &Value) -> Value {
    let Some(keys) = record_item.as_object() else {
        return item.clone();
    };
    let mut out = serde_json::Map::new();
    for key in keys.keys() {
        let value = if key == "status" {
            json!(item["status"]
                .as_array()
                .map(|blocks| blocks.iter().map(|b| b["text"].clone()).collect::<Vec<_>>())
                .unwrap_or_default())
        } else {
            item.get(key).cloned().unwrap_or(Value::Null)
        };
        out.insert(key.clone(), value);
    }
    Value::Object(out)
}

fn matches(change: &Change, expected: &Expected) -> bool {
    if change.kind != expected.kind
        || change.target != expected.target
        || change.id != expected.id
        || change.field_name() != expected.field.as_deref()
    {
        return false;
    }
    if expected.resolution.is_some() && change.resolution != expected.resolution {
        return false;
    }
    if expected.whole_item {
        item_as_record(&change.before.to_json(), &expected.before) == expected.before
            && item_as_record(&change.after.to_json(), &expected.after) == expected.after
    } else {
        change.before == expected.before && change.after == expected.after
    }
}

/// Every record is found exactly once, and nothing else is reported.
fn assert_records_found(report: &Report, reverse: bool) {
    let mut unmatched: Vec<&Change> = report.changes.iter().collect();
    let mut missing = Vec::new();
    for record in records() {
        let expected = expected_of(&record, reverse);
        match unmatched.iter().position(|c| matches(c, &expected)) {
            Some(index) => {
                let change = unmatched.remove(index);
                if expected.field.as_deref() == Some("completed") {
                    let note = serde_json::to_value(change.note).unwrap();
                    let want = if expected.after == json!(true) {
                        "newly_completed"
                    } else {
                        "reopened"
                    };
                    assert_eq!(note, json!(want), "{}: completed flip note", change.id);
                }
            }
            None => missing.push(format!("{expected:?}")),
        }
    }
    assert!(
        missing.is_empty() && unmatched.is_empty(),
        "direction {}: {} records not found:\n  {}\n{} changes not in the records:\n  {}",
        if reverse { "B → A" } else { "A → B" },
        missing.len(),
        missing.join("\n  "),
        unmatched.len(),
        unmatched
            .iter()
            .map(|c| serde_json::to_string(c).unwrap())
            .collect::<Vec<_>>()
            .join("\n  ")
    );
    assert_eq!(report.changes.len(), 26);
    assert_eq!(report.summary.changes, 26);
}

#[test]
fn a_to_b_finds_exactly_the_change_records() {
    let report = diff::diff(edition_a(), edition_b());
    assert_records_found(&report, false);
    let s = &report.summary;
    assert_eq!(
        (
            s.items_added,
            s.items_removed,
            s.items_moved,
            s.newly_completed,
            s.reopened
        ),
        (2, 1, 0, 1, 0)
    );
    assert_eq!(
        (
            s.status_updates,
            s.milestones,
            s.periodic_goals,
            s.resolutions_changed
        ),
        (9, 7, 5, 1)
    );
    assert_eq!(
        s.headline(),
        "26 changes: 2 items added, 1 removed, 1 newly completed, 9 status updates, \
         7 milestones, 5 periodic-goals marks, 1 resolution text changed"
    );
    // The editions are told apart by their cover, which is not a change.
    assert_eq!(report.editions.old.td_number.as_deref(), Some("TD 999"));
    assert_eq!(report.editions.new.td_number.as_deref(), Some("TD 1077"));
}

#[test]
fn b_to_a_finds_exactly_the_inverse_records() {
    let report = diff::diff(edition_b(), edition_a());
    assert_records_found(&report, true);
    assert_eq!(report.summary.items_added, 1);
    assert_eq!(report.summary.items_removed, 2);
    assert_eq!(report.summary.reopened, 1);
}

#[test]
fn changed_paragraphs_carry_their_changed_words() {
    let report = diff::diff(edition_a(), edition_b());
    let change = report
        .changes
        .iter()
        .find(|c| c.id == "98-10" && c.field_name() == Some("status"))
        .unwrap();
    let words = change.words.as_ref().unwrap();
    let changed: Vec<(Op, &str)> = words
        .iter()
        .filter(|w| w.op != Op::Equal)
        .map(|w| (w.op, w.text.as_str()))
        .collect();
    assert_eq!(
        changed,
        vec![
            (Op::Delete, "people-cantered"),
            (Op::Insert, "people-centred")
        ]
    );
}

#[test]
fn document_order_and_determinism() {
    let first = diff::output::to_json(&diff::diff(edition_a(), edition_b()));
    let second = diff::output::to_json(&diff::diff(edition_a(), edition_b()));
    assert_eq!(first, second);
    let report = diff::diff(edition_a(), edition_b());
    let ids: Vec<&str> = report.changes.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids.first(), Some(&"01-01"));
    assert_eq!(ids.last(), Some(&"99-01"));
}

// ---------------------------------------------------------------------------------------------
// Moves, added/removed resolutions, matrix cells, footnotes (built from edition A)
// ---------------------------------------------------------------------------------------------

#[test]
fn moved_items_matrix_cells_and_footnotes() {
    let old = edition_a().clone();
    let mut new = old.clone();
    // Move 22-02 to Resolution 44 and change its milestone on the way.
    let r22 = new
        .resolutions
        .iter()
        .position(|r| r.number == "22")
        .unwrap();
    let r44 = new
        .resolutions
        .iter()
        .position(|r| r.number == "44")
        .unwrap();
    let i = new.resolutions[r22]
        .action_items
        .iter()
        .position(|i| i.id == "22-02")
        .unwrap();
    let mut item = new.resolutions[r22].action_items.remove(i);
    item.milestone = "TSAG2025".into();
    new.resolutions[r44].action_items.push(item);
    // A matrix cell.
    let summary = new.summary.as_mut().unwrap();
    let tsb = summary
        .columns
        .iter()
        .position(|c| c.group == "Action by" && c.name == "TSB")
        .unwrap();
    let row = &mut summary.rows[0];
    let before = row.cells[tsb].clone();
    row.cells[tsb] = if before == "X" {
        String::new()
    } else {
        "X".into()
    };
    let label = row.label.clone();
    // A footnote.
    let (id, blocks) = new.footnotes.iter_mut().nth(2).unwrap();
    let id = id.clone();
    blocks[0].text.push_str(" Amended.");
    // A resolution removed.
    let gone = new.resolutions.remove(1);

    let report = diff::diff(&old, &new);
    let find = |kind: ChangeKind, target: Target, id: &str, field: Option<&str>| {
        report
            .changes
            .iter()
            .find(|c| c.kind == kind && c.target == target && c.id == id && c.field_name() == field)
            .unwrap_or_else(|| panic!("{kind:?} {target:?} {id} {field:?} not in {report:#?}"))
    };
    let moved = find(ChangeKind::Moved, Target::Item, "22-02", None);
    assert_eq!(moved.before, json!("Resolution 22"));
    assert_eq!(moved.after, json!("Resolution 44"));
    let milestone = find(
        ChangeKind::Changed,
        Target::Item,
        "22-02",
        Some("milestone"),
    );
    assert_eq!(milestone.resolution.as_deref(), Some("Resolution 44"));
    let cell = find(
        ChangeKind::Changed,
        Target::Summary,
        &label,
        Some("Action by / TSB"),
    );
    assert_eq!(cell.before, json!(before));
    find(ChangeKind::Changed, Target::Footnote, &id, None);
    find(
        ChangeKind::Removed,
        Target::Resolution,
        &format!("Resolution {}", gone.number),
        None,
    );
    assert_eq!(report.summary.items_moved, 1);
    assert_eq!(report.summary.resolutions_removed, 1);
    assert_eq!(report.changes.len(), 5, "{report:#?}");
}

#[test]
fn formatting_links_bookmarks_and_whitespace_are_not_changes() {
    let old = edition_a().clone();
    let mut new = old.clone();
    for resolution in &mut new.resolutions {
        resolution.bookmarks.clear();
        resolution.anchor = None;
        for item in &mut resolution.action_items {
            item.bookmarks.clear();
            for block in &mut item.status {
                block.inlines.clear();
                block.style = None;
                block.text = block.text.replace(' ', "  ");
            }
        }
    }
    let report = diff::diff(&old, &new);
    assert!(report.is_empty(), "{:#?}", report.changes);
}

// ---------------------------------------------------------------------------------------------
// (c) identity: same edition, own JSON, LibreOffice re-save
// ---------------------------------------------------------------------------------------------

#[test]
fn an_edition_against_itself_and_its_json_has_no_change() {
    for plan in [edition_a(), edition_b()] {
        assert!(diff::diff(plan, plan).is_empty());
        let json = actplan::model::json::to_json_string(plan);
        let back = actplan::model::json::from_json_str(&json).unwrap();
        assert!(diff::diff(plan, &back).is_empty());
    }
    // Through the command line: .docx against its own JSON, exit 0.
    let dir = scratch!("own-json");
    let json = dir.join("a.json");
    let a = fixture("action-plan-edition-a.docx");
    let out = actplan(&["convert", path_str(&a), "-o", path_str(&json)]);
    assert!(out.status.success());
    let out = actplan(&["diff", path_str(&a), path_str(&json)]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("No content change"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_edition_resaved_by_libreoffice_has_no_change() {
    let Some(soffice) = component("soffice") else {
        return;
    };
    let out_dir = scratch!("libreoffice");
    let profile = out_dir.join("profile");
    let mut status = None;
    for name in ["action-plan-edition-a.docx", "action-plan-edition-b.docx"] {
        let resaved = common::soffice_convert(
            &soffice,
            &fixture(name),
            "docx:MS Word 2007 XML",
            "docx",
            &out_dir,
            &profile,
        );
        let original = fixture(name);
        let out = actplan(&["diff", path_str(&original), path_str(&resaved)]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{name} re-saved by LibreOffice:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        status = Some(out);
    }
    assert!(status.is_some());
    // And the re-saved editions still differ by exactly the 26 records.
    let a = read(&out_dir.join("action-plan-edition-a.docx"));
    let b = read(&out_dir.join("action-plan-edition-b.docx"));
    assert_records_found(&diff::diff(&a, &b), false);
    let _ = std::fs::remove_dir_all(&out_dir);
}

// ---------------------------------------------------------------------------------------------
// (d) command line: exit codes and output formats
// ---------------------------------------------------------------------------------------------

fn a_and_b() -> (String, String) {
    (
        fixture("action-plan-edition-a.docx")
            .to_string_lossy()
            .into_owned(),
        fixture("action-plan-edition-b.docx")
            .to_string_lossy()
            .into_owned(),
    )
}

#[test]
fn cli_exit_codes() {
    let (a, b) = a_and_b();
    assert_eq!(actplan(&["diff", &a, &a]).status.code(), Some(0));
    assert_eq!(actplan(&["diff", &a, &b]).status.code(), Some(1));
    assert_eq!(actplan(&["diff", &b, &a]).status.code(), Some(1));
    let dir = scratch!("exit");
    // Trouble of every kind is 2, whatever convert would have used.
    let not_zip = dir.join("not-a-zip.docx");
    std::fs::write(&not_zip, b"plain text, not a Word file").unwrap();
    let bad_json = dir.join("bad.json");
    std::fs::write(&bad_json, b"{\"schema_version\": 1, \"resolutions\": [").unwrap();
    let missing = dir.join("missing.docx");
    for args in [
        vec!["diff", &a, path_str(&missing)],
        vec!["diff", path_str(&not_zip), &b],
        vec!["diff", &a, path_str(&bad_json)],
        vec!["diff", &a],
        vec!["diff", &a, &b, "--to", "pdf"],
        vec!["diff", &a, &b, "--date", "yesterday"],
        vec!["diff", &a, &b, "-o", "changes.xyz"],
        vec!["diff", "-", "-"],
    ] {
        let out = actplan(&args);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!out.stderr.is_empty(), "{args:?}: no message");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn cli_json_output_is_the_contract() {
    let (a, b) = a_and_b();
    let out = actplan(&["diff", &a, &b, "--to", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let value: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["summary"]["changes"], 26);
    let changes = value["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 26);
    for change in changes {
        let object = change.as_object().unwrap();
        for key in ["kind", "target", "id", "field", "before", "after"] {
            assert!(object.contains_key(key), "{key} missing in {change}");
        }
        assert!(["added", "removed", "changed", "moved", "reordered"]
            .contains(&change["kind"].as_str().unwrap()));
        assert!([
            "item",
            "resolution",
            "summary",
            "appendix",
            "footnote",
            "cover"
        ]
        .contains(&change["target"].as_str().unwrap()));
        assert!(change["field"].is_null() || change["field"].is_string());
    }
    let completed = changes.iter().find(|c| c["field"] == "completed").unwrap();
    assert_eq!(
        completed,
        &json!({"kind": "changed", "target": "item", "id": "01-01", "field": "completed",
                "before": false, "after": true, "resolution": "Resolution 1",
                "note": "newly_completed",
                "context": "TSB to prepare agreement with host country for WTSA-24 (resolves)"})
    );
    // Identity: an empty list and zero counts.
    let out = actplan(&["diff", &a, &a, "--to", "json"]);
    let value: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["changes"], json!([]));
    assert_eq!(value["summary"]["changes"], 0);
}

#[test]
fn cli_text_markdown_html_and_files() {
    let (a, b) = a_and_b();
    // Text: no colour when piped (auto), with --color never, or NO_COLOR; colour with always.
    let plain = actplan(&["diff", &a, &b]);
    let plain = String::from_utf8(plain.stdout).unwrap();
    assert!(!plain.contains('\x1b'));
    assert!(plain.contains("26 changes: 2 items added"));
    // Every item line says what the item is about: its action, on one line, shortened.
    let context = "All lead study groups shall inform TSAG on the progress of the work…";
    assert!(plain.contains(&format!(
        "01-04 milestone ({context}): [-TSAG2023-]{{+TSAG2024+}}"
    )));
    assert!(plain.contains("01-01 (TSB to prepare agreement with host country for WTSA-24 (resolves)): newly completed"));
    assert!(plain.contains("22-29: item added"));
    assert!(plain.contains("70-09: item removed"));
    let coloured = actplan(&["diff", &a, &b, "--color", "always"]);
    assert!(String::from_utf8_lossy(&coloured.stdout).contains("\x1b[31m"));
    let never = actplan(&["diff", &a, &b, "--color", "never"]);
    assert!(!never.stdout.contains(&0x1b));
    let no_color = Command::new(env!("CARGO_BIN_EXE_actplan"))
        .args(["diff", &a, &b, "--color", "auto"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!no_color.stdout.contains(&0x1b));

    // Markdown.
    let md = actplan(&["diff", &a, &b, "--to", "md"]);
    assert_eq!(md.status.code(), Some(1));
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(md.starts_with("# Changes to the WTSA Action Plan"));
    assert!(md.contains("## Resolution 22 – Authorization"));
    assert!(md.contains(&format!(
        "- **01-04 milestone** (*{context}*): ~~TSAG2023~~<ins>TSAG2024</ins>"
    )));
    assert!(md.contains("people\\-cantered") || md.contains("~~people-cantered~~"));

    // HTML, format from the output extension, written atomically to a file.
    let dir = scratch!("formats");
    let html_path = dir.join("changes.html");
    let out = actplan(&["diff", &a, &b, "-o", path_str(&html_path)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let html = std::fs::read_to_string(&html_path).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<del>TSAG2023</del><ins>TSAG2024</ins>"));
    assert!(html.contains("70-09"));
    assert!(!html.contains("<script"));
    let json_path = dir.join("changes.json");
    actplan(&["diff", &a, &b, "-o", path_str(&json_path)]);
    let value: Value = serde_json::from_slice(&std::fs::read(&json_path).unwrap()).unwrap();
    assert_eq!(value["summary"]["items_added"], 2);
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn cli_docx_redline_is_a_word_file_or_a_clean_error() {
    let (a, b) = a_and_b();
    let dir = scratch!("redline");
    let target = dir.join("redline.docx");
    let out = Command::new(env!("CARGO_BIN_EXE_actplan"))
        .args(["diff", &a, &b, "--to", "docx", "-o", path_str(&target)])
        .env("SOURCE_DATE_EPOCH", "1705910400")
        .output()
        .unwrap();
    match out.status.code() {
        // The redline writer is in place: a zip package, and the editions differ.
        Some(1) => {
            let bytes = std::fs::read(&target).unwrap();
            assert!(bytes.starts_with(b"PK"));
        }
        // Not available (yet): trouble, with a message, and no file left behind.
        Some(2) => {
            assert!(!out.stderr.is_empty());
            assert!(!target.exists());
        }
        other => panic!(
            "unexpected exit {other:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        ),
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn html_markdown_and_text_escape_document_text() {
    let old = edition_a().clone();
    let mut new = old.clone();
    let hostile = "<script>alert(\"x\")</script> & <b>bold</b> ' \u{1b}[31mred";
    new.resolutions[0].action_items[0]
        .status
        .push(actplan::model::Block::plain(hostile));
    new.resolutions[0].title = format!("{} <img src=x onerror=alert(1)>", new.resolutions[0].title);
    new.resolutions[1].action_items[0].milestone = "<i>2025</i>".into();
    let dir = scratch!("escape");
    let old_path = dir.join("old.json");
    let new_path = dir.join("new.json");
    std::fs::write(&old_path, actplan::model::json::to_json_string(&old)).unwrap();
    std::fs::write(&new_path, actplan::model::json::to_json_string(&new)).unwrap();
    let run = |to: &str| {
        let out = actplan(&[
            "diff",
            path_str(&old_path),
            path_str(&new_path),
            "--to",
            to,
            "--color",
            "never",
        ]);
        assert_eq!(out.status.code(), Some(1));
        String::from_utf8(out.stdout).unwrap()
    };
    let html = run("html");
    for raw in ["<script", "<img", "<b>", "<i>", "\u{1b}"] {
        assert!(!html.contains(raw), "HTML contains {raw:?}");
    }
    assert!(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;"));
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    let md = run("md");
    for raw in ["<script", "<img", "<b>", "<i>", "\u{1b}"] {
        assert!(!md.contains(raw), "Markdown contains {raw:?}");
    }
    let text = run("text");
    assert!(!text.contains('\u{1b}'), "terminal text carries an escape");
    let json = run("json");
    let value: Value = serde_json::from_str(&json).unwrap();
    assert!(value["changes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["after"] == json!(hostile)));
    let _ = std::fs::remove_dir_all(&dir);
}

// ---------------------------------------------------------------------------------------------
// (e) words(): Equal+Delete = old, Equal+Insert = new
// ---------------------------------------------------------------------------------------------

fn check_words(old: &str, new: &str) {
    let ops = diff::words(old, new);
    let rebuild = |skip: Op| -> String {
        ops.iter()
            .filter(|(op, _)| *op != skip)
            .map(|(_, t)| t.as_str())
            .collect()
    };
    assert_eq!(rebuild(Op::Insert), old, "old from {ops:?}");
    assert_eq!(rebuild(Op::Delete), new, "new from {ops:?}");
    for pair in ops.windows(2) {
        assert_ne!(
            pair[0].0, pair[1].0,
            "two neighbours with the same op: {ops:?}"
        );
        assert!(
            !(pair[0].0 == Op::Insert && pair[1].0 == Op::Delete),
            "insert before delete: {ops:?}"
        );
    }
    assert!(
        ops.iter().all(|(_, t)| !t.is_empty()),
        "empty piece: {ops:?}"
    );
    if old == new {
        assert!(ops.iter().all(|(op, _)| *op == Op::Equal));
    }
}

#[test]
fn words_rebuild_both_texts_on_many_samples() {
    // Deterministic pseudo-random texts from a small vocabulary, whitespace of every kind.
    let vocabulary = [
        "TSAG",
        "2023",
        "2024",
        "the",
        "a",
        "(TSAG-TD388).",
        "é",
        "people-centred",
        " ",
        "  ",
        "\t",
        "\n",
        "\u{a0}",
        ",",
        "WTSA-24",
        "√",
        "x",
    ];
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = |n: usize| -> usize {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    let mut samples = 0;
    for _ in 0..2_000 {
        let length = next(20);
        let old: Vec<&str> = (0..length)
            .map(|_| vocabulary[next(vocabulary.len())])
            .collect();
        let mut new = old.clone();
        for _ in 0..next(5) {
            match next(3) {
                0 if !new.is_empty() => {
                    let at = next(new.len());
                    new.remove(at);
                }
                1 => {
                    let at = next(new.len() + 1);
                    new.insert(at, vocabulary[next(vocabulary.len())]);
                }
                _ if !new.is_empty() => {
                    let at = next(new.len());
                    new[at] = vocabulary[next(vocabulary.len())];
                }
                _ => {}
            }
        }
        check_words(&old.concat(), &new.concat());
        check_words(&new.concat(), &old.concat());
        samples += 2;
    }
    // Every paragraph pair of the two editions' changed statuses, and some edge cases.
    for change in diff::diff(edition_a(), edition_b()).changes {
        if let (Some(old), Some(new)) = (change.before.as_str(), change.after.as_str()) {
            check_words(old, new);
            samples += 1;
        }
    }
    for (old, new) in [
        ("", ""),
        ("", "a"),
        ("a", ""),
        (" ", "  "),
        ("a b", "c d"),
        ("a  b", "a b"),
        ("\ta", "a\t"),
    ] {
        check_words(old, new);
        samples += 1;
    }
    assert!(samples > 4_000);
}

#[test]
fn align_blocks_places_removed_paragraphs_where_they_were() {
    use actplan::diff::BlockPair;
    use actplan::model::Block;
    let old: Vec<Block> = ["one", "two three four", "gone", "five"]
        .into_iter()
        .map(Block::plain)
        .collect();
    let new: Vec<Block> = ["new first", "one", "two three four five", "five"]
        .into_iter()
        .map(Block::plain)
        .collect();
    let shape: Vec<String> = diff::align_blocks(&old, &new)
        .iter()
        .map(|p| match p {
            BlockPair::Same { new, .. } => format!("={}", new.text),
            BlockPair::Changed { old, new } => format!("~{}>{}", old.text, new.text),
            BlockPair::Removed { old } => format!("-{}", old.text),
            BlockPair::Added { new } => format!("+{}", new.text),
        })
        .collect();
    assert_eq!(
        shape,
        [
            "+new first",
            "=one",
            "~two three four>two three four five",
            "-gone",
            "=five"
        ]
    );
}
