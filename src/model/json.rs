//! JSON in and out: stable formatting, schema validation with the JSON path of any error.

use crate::model::{ActionPlan, Block, Inline, OLDEST_SCHEMA_VERSION, SCHEMA_VERSION};
use thiserror::Error;

/// A JSON input that cannot be used.
#[derive(Debug, Error)]
pub enum JsonError {
    /// The bytes are not UTF-8 text.
    #[error("not UTF-8 text: {0}")]
    NotUtf8(#[from] std::str::Utf8Error),
    /// Not JSON at all.
    #[error("malformed JSON at line {line}, column {column}: {message}")]
    Syntax {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What the parser said.
        message: String,
    },
    /// A `schema_version` this build does not read.
    #[error("unsupported schema_version {found} (this actplan reads versions {OLDEST_SCHEMA_VERSION} to {SCHEMA_VERSION})")]
    Version {
        /// The version found.
        found: String,
    },
    /// Valid JSON that breaks the schema.
    #[error("JSON does not match the actplan schema at {path}: {message}")]
    Schema {
        /// JSON path of the offending value (`resolutions[3].action_items[0].completed`).
        path: String,
        /// What is wrong.
        message: String,
    },
}

/// Serialise a plan as pretty-printed JSON ending in a newline. The same plan always gives
/// the same bytes.
pub fn to_json_string(plan: &ActionPlan) -> String {
    let mut text = serde_json::to_string_pretty(plan).unwrap_or_default();
    text.push('\n');
    text
}

/// Read and validate a plan from JSON bytes (UTF-8).
pub fn from_json_bytes(bytes: &[u8]) -> Result<ActionPlan, JsonError> {
    from_json_str(std::str::from_utf8(bytes)?)
}

/// Read and validate a plan from JSON text.
pub fn from_json_str(text: &str) -> Result<ActionPlan, JsonError> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| JsonError::Syntax {
        line: e.line(),
        column: e.column(),
        message: strip_position(&e.to_string()),
    })?;
    check_version(&value)?;
    let mut plan: ActionPlan =
        serde_path_to_error::deserialize(&value).map_err(|e| JsonError::Schema {
            path: display_path(&e.path().to_string()),
            message: strip_position(&e.inner().to_string()),
        })?;
    validate(&plan)?;
    // An older version reads as this one: every field it lacks is optional.
    plan.schema_version = SCHEMA_VERSION;
    Ok(plan)
}

fn check_version(value: &serde_json::Value) -> Result<(), JsonError> {
    match value.get("schema_version") {
        Some(serde_json::Value::Number(n))
            if n.as_u64().is_some_and(|v| {
                (u64::from(OLDEST_SCHEMA_VERSION)..=u64::from(SCHEMA_VERSION)).contains(&v)
            }) =>
        {
            Ok(())
        }
        Some(serde_json::Value::Number(n)) => Err(JsonError::Version {
            found: n.to_string(),
        }),
        Some(other) => Err(JsonError::Schema {
            path: "schema_version".into(),
            message: format!("expected an integer, found {other}"),
        }),
        None if value.is_object() => Err(JsonError::Schema {
            path: "schema_version".into(),
            message: "missing field".into(),
        }),
        None => Err(JsonError::Schema {
            path: "$".into(),
            message: "expected an object".into(),
        }),
    }
}

/// Checks the types cannot express: matrix rows as wide as the columns, block text equal to
/// its inlines.
fn validate(plan: &ActionPlan) -> Result<(), JsonError> {
    if let Some(summary) = &plan.summary {
        for (i, row) in summary.rows.iter().enumerate() {
            if !summary.columns.is_empty() && row.cells.len() != summary.columns.len() {
                return Err(JsonError::Schema {
                    path: format!("summary.rows[{i}].cells"),
                    message: format!(
                        "{} cells for {} columns",
                        row.cells.len(),
                        summary.columns.len()
                    ),
                });
            }
        }
    }
    for (r, resolution) in plan.resolutions.iter().enumerate() {
        validate_blocks(
            &resolution.operative_text,
            &format!("resolutions[{r}].operative_text"),
        )?;
        for (i, item) in resolution.action_items.iter().enumerate() {
            validate_inlines(
                &item.action,
                &item.action_inlines,
                &format!("resolutions[{r}].action_items[{i}].action_inlines"),
            )?;
            validate_inlines(
                &item.milestone,
                &item.milestone_inlines,
                &format!("resolutions[{r}].action_items[{i}].milestone_inlines"),
            )?;
            validate_blocks(
                &item.status,
                &format!("resolutions[{r}].action_items[{i}].status"),
            )?;
        }
    }
    for (a, appendix) in plan.appendices.iter().enumerate() {
        for (i, item) in appendix.items.iter().enumerate() {
            validate_inlines(
                &item.action,
                &item.action_inlines,
                &format!("appendices[{a}].items[{i}].action_inlines"),
            )?;
        }
    }
    Ok(())
}

/// Inlines, when present, add up to their text.
fn validate_inlines(text: &str, inlines: &[Inline], path: &str) -> Result<(), JsonError> {
    let joined: String = inlines.iter().map(|s| s.text.as_str()).collect();
    if inlines.is_empty() || joined == text {
        return Ok(());
    }
    Err(JsonError::Schema {
        path: path.to_string(),
        message: "the inline texts do not add up to the action".into(),
    })
}

fn validate_blocks(blocks: &[Block], path: &str) -> Result<(), JsonError> {
    for (b, block) in blocks.iter().enumerate() {
        if block.inlines.is_empty() || block.rows.is_some() {
            continue;
        }
        let joined: String = block.inlines.iter().map(|i| i.text.as_str()).collect();
        if joined != block.text {
            return Err(JsonError::Schema {
                path: format!("{path}[{b}].inlines"),
                message: "the inline texts do not add up to the block's text".into(),
            });
        }
    }
    Ok(())
}

fn display_path(path: &str) -> String {
    if path.is_empty() || path == "." {
        "$".into()
    } else {
        path.to_string()
    }
}

fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(index) => message[..index].to_string(),
        None => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_place() {
        let error = from_json_str("{\"schema_version\": 1,\n \"resolutions\": [}").unwrap_err();
        assert!(
            matches!(error, JsonError::Syntax { line: 2, .. }),
            "{error}"
        );
        let error = from_json_str("{\"schema_version\": 7}").unwrap_err();
        assert!(error.to_string().contains("unsupported schema_version 7"));
        let json = r#"{"schema_version": 1, "resolutions": [{"kind": "Resolution", "number": "1", "title": "t",
            "action_items": [{"id": "01-01", "action": "a", "milestone": "m", "periodic_goals_met": "yes", "completed": false}]}]}"#;
        let error = from_json_str(json).unwrap_err();
        let JsonError::Schema { path, .. } = &error else {
            panic!("{error}")
        };
        assert_eq!(path, "resolutions[0].action_items[0].periodic_goals_met");
    }

    #[test]
    fn version_1_reads_as_the_current_version() {
        let json = r#"{"schema_version": 1, "resolutions": [], "appendices": [{"title": "Appendix I",
            "items": [{"id": "16-01", "action": "Old action."}]}]}"#;
        let plan = from_json_str(json).unwrap();
        assert_eq!(plan.schema_version, SCHEMA_VERSION);
        assert_eq!(plan.appendices[0].items[0].action, "Old action.");
        assert!(plan.appendices[0].items[0].action_inlines.is_empty());
    }

    #[test]
    fn round_trip_is_stable() {
        let json = "{\"schema_version\": 1, \"resolutions\": []}";
        let plan = from_json_str(json).unwrap();
        let once = to_json_string(&plan);
        assert_eq!(to_json_string(&from_json_str(&once).unwrap()), once);
    }
}
