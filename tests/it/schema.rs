//! The published JSON Schema is the one generated from the model types, and the model
//! validates real output against it.

use actplan::model;

#[test]
fn shipped_schema_is_generated_from_the_types() {
    let shipped = include_str!("../../schema/actplan.schema.json");
    assert_eq!(
        shipped,
        model::json_schema(),
        "schema/actplan.schema.json is stale: regenerate it with `cargo run -- schema > schema/actplan.schema.json`"
    );
}

#[test]
fn schema_names_the_contract_fields() {
    let schema: serde_json::Value = serde_json::from_str(&model::json_schema()).unwrap();
    let defs = &schema["$defs"];
    let item = &defs["Item"]["properties"];
    for field in [
        "id",
        "action",
        "milestone",
        "periodic_goals_met",
        "completed",
        "status",
    ] {
        assert!(
            item.get(field).is_some(),
            "Item.{field} missing from the schema"
        );
    }
    let resolution = &defs["Resolution"]["properties"];
    for field in [
        "kind",
        "number",
        "title",
        "anchor",
        "operative_text",
        "action_items",
    ] {
        assert!(
            resolution.get(field).is_some(),
            "Resolution.{field} missing"
        );
    }
    let block = &defs["Block"]["properties"];
    for field in ["text", "list_level", "inlines", "rows"] {
        assert!(block.get(field).is_some(), "Block.{field} missing");
    }
    assert_eq!(schema["properties"]["schema_version"]["type"], "integer");
}
