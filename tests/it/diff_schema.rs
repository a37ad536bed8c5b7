//! The published JSON Schema of the diff report (`schema/diff.schema.json`, `actplan schema
//! --diff`) is the one generated from the report types, keeps the contract
//! (`changes[{kind, target, id, field, before, after}]`), and real reports validate against it.

use crate::common::read_edition as edition;
use actplan::diff;
use actplan::model::{ActionPlan, AppendixItem};
use serde_json::{json, Value};
use std::process::Command;
use std::sync::OnceLock;

fn editions() -> &'static (ActionPlan, ActionPlan) {
    static PLANS: OnceLock<(ActionPlan, ActionPlan)> = OnceLock::new();
    PLANS.get_or_init(|| {
        (
            edition("action-plan-edition-a.docx"),
            edition("action-plan-edition-b.docx"),
        )
    })
}

fn schema() -> Value {
    serde_json::from_str(&diff::json_schema()).unwrap()
}

fn validator() -> jsonschema::Validator {
    jsonschema::validator_for(&schema()).expect("the diff schema is a valid JSON Schema")
}

/// The report's errors against the schema, one line each.
fn errors(validator: &jsonschema::Validator, report: &Value) -> Vec<String> {
    validator
        .iter_errors(report)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

fn report_json(old: &ActionPlan, new: &ActionPlan) -> Value {
    serde_json::from_str(&diff::output::to_json(&diff::diff(old, new))).unwrap()
}

#[test]
fn shipped_schema_is_generated_from_the_types() {
    let shipped = include_str!("../../schema/diff.schema.json");
    assert_eq!(
        shipped,
        diff::json_schema(),
        "schema/diff.schema.json is stale: regenerate it with `cargo run -- schema --diff > schema/diff.schema.json`"
    );
    let out = Command::new(env!("CARGO_BIN_EXE_actplan"))
        .args(["schema", "--diff"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), shipped);
}

#[test]
fn schema_keeps_the_contract_and_names_the_new_kinds_and_fields() {
    let schema = schema();
    let defs = &schema["$defs"];
    let change = &defs["Change"];
    let required: Vec<&str> = change["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    for key in ["kind", "target", "id", "field", "before", "after"] {
        assert!(required.contains(&key), "Change.{key} not required");
    }
    for key in [
        "resolution",
        "appendix",
        "note",
        "words",
        "context",
        "position",
    ] {
        assert!(
            change["properties"].get(key).is_some(),
            "Change.{key} missing"
        );
        assert!(!required.contains(&key), "Change.{key} is optional");
    }
    let kinds = serde_json::to_string(&defs["ChangeKind"]).unwrap();
    for kind in ["added", "removed", "changed", "moved", "reordered"] {
        assert!(kinds.contains(&format!("\"{kind}\"")), "kind {kind}");
    }
    for key in ["editions", "summary", "changes"] {
        assert!(schema["properties"].get(key).is_some(), "{key} missing");
    }
}

/// The shipped editions both ways, an edition against itself, and the new kinds (reordered,
/// moved paragraph, item moved into an appendix, resolution added): all valid.
#[test]
fn real_reports_validate() {
    let validator = validator();
    let (a, b) = editions();
    let mut new = a.clone();
    // A reordered status, a moved status paragraph.
    let mut lists = new
        .resolutions
        .iter_mut()
        .flat_map(|r| r.action_items.iter_mut())
        .filter(|i| i.status.len() >= 3);
    lists.next().unwrap().status.reverse();
    let moved = &mut lists.next().unwrap().status;
    let last = moved.pop().unwrap();
    moved.insert(0, last);
    // An item moved into Appendix I, a resolution added.
    let item = new.resolutions[5].action_items.remove(0);
    new.appendices[0].items.push(AppendixItem {
        id: item.id,
        cross_reference: None,
        action: item.action,
        action_inlines: item.action_inlines,
        extra: vec![],
    });
    let mut added = new.resolutions[3].clone();
    added.number = "999".into();
    new.resolutions.push(added);
    let cases = [(a, b), (b, a), (a, a), (a, &new), (&new, a)];
    for (old, new) in cases {
        let report = report_json(old, new);
        assert_eq!(errors(&validator, &report), Vec::<String>::new());
    }
    let kinds: Vec<String> = report_json(a, &new)["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["kind"].as_str().unwrap().to_string())
        .collect();
    for kind in ["reordered", "moved", "added"] {
        assert!(kinds.iter().any(|k| k == kind), "{kind} in {kinds:?}");
    }
}

#[test]
fn reports_breaking_the_contract_do_not_validate() {
    let validator = validator();
    let (a, b) = editions();
    let report = report_json(a, b);
    let mut bad_kind = report.clone();
    bad_kind["changes"][0]["kind"] = json!("renamed");
    let mut no_id = report.clone();
    no_id["changes"][0].as_object_mut().unwrap().remove("id");
    let mut bad_count = report;
    bad_count["summary"]["changes"] = json!("26");
    for bad in [bad_kind, no_id, bad_count] {
        assert!(!errors(&validator, &bad).is_empty());
    }
}
