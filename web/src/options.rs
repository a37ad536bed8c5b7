//! The `options` object of the JS API: what the command line's flags carry, under the flags'
//! names in snake_case. Unknown keys are refused, so a misspelt option is not silently
//! ignored.

use actplan::options::{check_settings, parse_setting};
use actplan::{InputFormat, Limits, ReadOptions, RevisionMode};
use serde::Deserialize;
use std::collections::BTreeMap;

/// The options of every function; each uses the ones its command-line twin has.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Options {
    /// The input's file name: it names the input in messages (as the command line names
    /// the path) and tells .json from .docx by its extension. Default "<input>".
    pub name: Option<String>,
    /// `diff`: the old edition's file name. Default `"<old>"`.
    pub old_name: Option<String>,
    /// `diff`: the new edition's file name. Default `"<new>"`.
    pub new_name: Option<String>,
    /// `--from`: "docx" or "json", when neither the name nor the content tells.
    pub from: Option<From>,
    /// `--revisions`: "accept" (default) or "reject" unaccepted tracked changes.
    pub revisions: Option<Revisions>,
    /// `--set`: cover fields, as an object `{td_number: "TD 412"}` or a list of
    /// "KEY=VALUE" strings.
    pub set: Settings,
    /// `--as-of`: the date items are overdue against (YYYY-MM-DD).
    pub as_of: Option<String>,
    /// `diff --date`: the date of the Word redline's tracked changes (default now).
    pub date: Option<String>,
    /// `diff --color`: colour the text report.
    pub color: bool,
    /// `check --min-level`: "info" (default), "warning" or "error".
    pub min_level: Option<Level>,
    /// `export --owner`: only the items of these owners.
    pub owners: Vec<String>,
    /// The creation time of an .xlsx, in seconds since 1970 (the command line's
    /// SOURCE_DATE_EPOCH); default a fixed date, so the bytes are reproducible.
    pub created: Option<i64>,
    /// `--max-input-bytes`.
    pub max_input_bytes: Option<u64>,
    /// `--max-part-bytes`.
    pub max_part_bytes: Option<u64>,
    /// `--max-total-bytes`.
    pub max_total_bytes: Option<u64>,
}

/// `from`.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum From {
    /// A Word .docx.
    Docx,
    /// The JSON model.
    Json,
}

/// `revisions`.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Revisions {
    /// Read unaccepted tracked changes accepted.
    Accept,
    /// Read them rejected.
    Reject,
}

/// `min_level`.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Every finding.
    Info,
    /// Warnings and errors.
    Warning,
    /// Errors only.
    Error,
}

/// `set`: an object or a list of "KEY=VALUE".
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Settings {
    /// `["td_number=TD 412"]`, as `--set` takes them.
    List(Vec<String>),
    /// `{td_number: "TD 412"}`.
    Map(BTreeMap<String, String>),
}

impl Default for Settings {
    fn default() -> Self {
        Settings::List(Vec::new())
    }
}

impl Options {
    /// The options from their JSON text (`JSON.stringify(options)`).
    pub fn from_json(text: &str) -> Result<Options, String> {
        serde_json::from_str(text).map_err(|e| format!("options: {e}"))
    }

    /// The cover settings as `(key, value)` pairs, each key checked to be a cover field.
    pub fn settings(&self) -> Result<Vec<(String, String)>, String> {
        let pairs = match &self.set {
            Settings::List(list) => list
                .iter()
                .map(|text| parse_setting(text))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| format!("set: {e}"))?,
            Settings::Map(map) => map
                .iter()
                .map(|(k, v)| (k.trim().to_string(), v.clone()))
                .collect(),
        };
        check_settings(&pairs).map_err(|e| e.to_string())?;
        Ok(pairs)
    }

    /// How to read the input named `name` (its format from `from`, else the name's
    /// extension, else the content).
    pub fn read_options(&self, name: Option<&str>, bytes: &[u8]) -> ReadOptions {
        let defaults = Limits::default();
        let limits = Limits {
            max_input_bytes: self.max_input_bytes.unwrap_or(defaults.max_input_bytes),
            max_part_bytes: self.max_part_bytes.unwrap_or(defaults.max_part_bytes),
            max_total_bytes: self.max_total_bytes.unwrap_or(defaults.max_total_bytes),
            ..defaults
        };
        let format = match self.from {
            Some(From::Docx) => InputFormat::Docx,
            Some(From::Json) => InputFormat::Json,
            None => InputFormat::detect(name, bytes),
        };
        ReadOptions {
            limits,
            revisions: match self.revisions {
                Some(Revisions::Reject) => RevisionMode::Reject,
                _ => RevisionMode::Accept,
            },
            format: Some(format),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_as_object_or_list() {
        let map = Options::from_json(r#"{"set": {"td_number": "TD 412"}}"#).unwrap();
        assert_eq!(
            map.settings().unwrap(),
            vec![("td_number".to_string(), "TD 412".to_string())]
        );
        let list = Options::from_json(r#"{"set": ["meeting=Geneva, 22 July 2024"]}"#).unwrap();
        assert_eq!(
            list.settings().unwrap(),
            vec![("meeting".to_string(), "Geneva, 22 July 2024".to_string())]
        );
        let unknown = Options::from_json(r#"{"set": {"colour": "red"}}"#).unwrap();
        assert!(unknown
            .settings()
            .unwrap_err()
            .starts_with("unknown --set key \"colour\""));
        let bad = Options::from_json(r#"{"set": ["td_number"]}"#).unwrap();
        assert_eq!(
            bad.settings().unwrap_err(),
            "set: expected KEY=VALUE, got \"td_number\""
        );
    }

    #[test]
    fn misspelt_or_mistyped_options_are_refused() {
        let e = Options::from_json(r#"{"asof": "2024-07-22"}"#).unwrap_err();
        assert!(e.starts_with("options: unknown field `asof`"), "{e}");
        let e = Options::from_json(r#"{"revisions": "keep"}"#).unwrap_err();
        assert!(e.contains("unknown variant `keep`"), "{e}");
    }

    #[test]
    fn read_options_follow_name_then_content() {
        let o = Options::default();
        assert_eq!(
            o.read_options(Some("plan.JSON"), b"PK").format,
            Some(InputFormat::Json)
        );
        assert_eq!(o.read_options(None, b" {}").format, Some(InputFormat::Json));
        let o =
            Options::from_json(r#"{"from": "docx", "revisions": "reject", "max_part_bytes": 10}"#)
                .unwrap();
        let read = o.read_options(Some("plan.json"), b"{");
        assert_eq!(read.format, Some(InputFormat::Docx));
        assert_eq!(read.revisions, RevisionMode::Reject);
        assert_eq!(read.limits.max_part_bytes, 10);
    }
}
