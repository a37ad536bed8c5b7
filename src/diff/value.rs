//! The typed parts of a [`Change`](super::Change): which field changed and its old and new
//! values.
//!
//! Both serialise to the JSON the report has always had: a field is its name (`"status"`,
//! `"Action by / TSB"`), a value is `null`, a boolean, a string, a list of strings, or a whole
//! part as its model JSON with the keys in alphabetical order.

use crate::model::{Appendix, AppendixItem, Item, Resolution};
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::{Serialize, Serializer};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// Which field of a part changed ([`Change::field`](super::Change::field)). Serialised as
/// [`Field::as_str`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Field {
    /// An item's √ in "Completed".
    Completed,
    /// An item's √ in "Periodic goals met".
    PeriodicGoalsMet,
    /// The text of an item's "Completed" cell when it is not a plain mark.
    CompletedText,
    /// The text of an item's "Periodic goals met" cell when it is not a plain mark.
    PeriodicGoalsMetText,
    /// A status paragraph of an item.
    Status,
    /// An item's milestone.
    Milestone,
    /// The action text of an item or appendix item.
    Action,
    /// The cross-reference of an item or appendix item ("(44-14)").
    CrossReference,
    /// The title of a resolution, matrix row, appendix, the cover or the document.
    Title,
    /// A paragraph of a resolution's operative text.
    OperativeText,
    /// A paragraph of a resolution's or Section I's notes.
    Notes,
    /// The heading of Section I or Section II.
    Heading,
    /// A paragraph of Section II's introduction.
    Intro,
    /// A paragraph of Section I's caption.
    Caption,
    /// The matrix's column list (the values are [`Value::Texts`]).
    Columns,
    /// An appendix's note.
    Note,
    /// The further cells of an appendix item, or an item's cells of extra columns as
    /// "header: text" (the values are [`Value::Texts`]).
    Extra,
    /// A paragraph after an appendix's item table.
    Blocks,
    /// The cover's group.
    Group,
    /// The cover's study period.
    StudyPeriod,
    /// The cover's original language.
    OriginalLanguage,
    /// The cover's document type.
    DocumentType,
    /// The cover's questions.
    Questions,
    /// The cover's source.
    Source,
    /// The cover's purpose.
    Purpose,
    /// The cover's contact.
    Contact,
    /// The cover's keywords.
    Keywords,
    /// The cover's abstract.
    Abstract,
    /// A matrix cell: its column ("Action by / TSB").
    Column(String),
    /// A legend entry: its term.
    Term(String),
    /// A further cover field: its label ("other" when it has none).
    Label(String),
}

impl Field {
    /// The name written in the report: the model's field name ("periodic_goals_met"), or the
    /// column, legend term or cover label.
    pub fn as_str(&self) -> &str {
        match self {
            Field::Completed => "completed",
            Field::PeriodicGoalsMet => "periodic_goals_met",
            Field::CompletedText => "completed_text",
            Field::PeriodicGoalsMetText => "periodic_goals_met_text",
            Field::Status => "status",
            Field::Milestone => "milestone",
            Field::Action => "action",
            Field::CrossReference => "cross_reference",
            Field::Title => "title",
            Field::OperativeText => "operative_text",
            Field::Notes => "notes",
            Field::Heading => "heading",
            Field::Intro => "intro",
            Field::Caption => "caption",
            Field::Columns => "columns",
            Field::Note => "note",
            Field::Extra => "extra",
            Field::Blocks => "blocks",
            Field::Group => "group",
            Field::StudyPeriod => "study_period",
            Field::OriginalLanguage => "original_language",
            Field::DocumentType => "document_type",
            Field::Questions => "questions",
            Field::Source => "source",
            Field::Purpose => "purpose",
            Field::Contact => "contact",
            Field::Keywords => "keywords",
            Field::Abstract => "abstract",
            Field::Column(name) | Field::Term(name) | Field::Label(name) => name,
        }
    }
}

impl Serialize for Field {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// A field is a string: the model's field name, a matrix column, a legend term or a cover
/// label.
impl JsonSchema for Field {
    fn schema_name() -> Cow<'static, str> {
        "Field".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "The field that changed: the model's field name (\"completed\", \"status\", \"milestone\", \"operative_text\"…), a matrix column (\"Action by / TSB\"), a legend term or a cover label.",
            "type": "string"
        })
    }
}

/// The schema of [`Change::field`](super::Change::field): always written, null for a whole
/// part.
pub(super) fn nullable_field(generator: &mut SchemaGenerator) -> Schema {
    let field = generator.subschema_for::<Field>();
    json_schema!({
        "anyOf": [field, {"type": "null"}]
    })
}

/// A matrix row as a whole ([`Value::Row`]): the cells by column ("Action by / TSB"), in
/// column-name order (a repeated column name keeps its last cell).
#[derive(Debug, Clone, Default, PartialEq, Serialize, JsonSchema)]
pub struct MatrixRow {
    /// The row label ("Resolution 22").
    pub label: String,
    /// The row title.
    pub title: String,
    /// Cell text by column.
    pub cells: BTreeMap<String, String>,
}

/// An old or new value of a change ([`Change::before`](super::Change::before) /
/// [`Change::after`](super::Change::after)).
///
/// Serialised untagged: `null`, `true`, `"text"`, `["a", "b"]`, or a whole part as its model
/// JSON with the keys of every object in alphabetical order.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Value {
    /// No value: the part was added (before) or removed (after), or an optional text is
    /// missing.
    #[default]
    None,
    /// A √ mark (`completed`, `periodic_goals_met`).
    Flag(bool),
    /// A text: a paragraph, a field, a cell, a footnote, or a resolution's label for a move.
    Text(String),
    /// A list of texts (the matrix columns, an appendix item's extra cells).
    Texts(Vec<String>),
    /// A whole action item.
    Item(Box<Item>),
    /// A whole appendix item.
    AppendixItem(Box<AppendixItem>),
    /// A whole resolution or opinion.
    Resolution(Box<Resolution>),
    /// A whole appendix.
    Appendix(Box<Appendix>),
    /// A whole matrix row.
    Row(Box<MatrixRow>),
}

impl Value {
    /// A text, or [`Value::None`] when missing.
    pub fn text(text: Option<&str>) -> Value {
        text.map_or(Value::None, |t| Value::Text(t.to_string()))
    }

    /// The text of a [`Value::Text`].
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Text(text) => Some(text),
            _ => None,
        }
    }

    /// True for [`Value::None`].
    pub fn is_none(&self) -> bool {
        matches!(self, Value::None)
    }

    /// The value as the report's JSON writes it.
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Value::None => serde_json::Value::Null,
            Value::Flag(flag) => serde_json::Value::Bool(*flag),
            Value::Text(text) => serde_json::Value::String(text.clone()),
            Value::Texts(texts) => texts.iter().cloned().map(serde_json::Value::from).collect(),
            Value::Item(item) => model_json(item),
            Value::AppendixItem(item) => model_json(item),
            Value::Resolution(resolution) => model_json(resolution),
            Value::Appendix(appendix) => model_json(appendix),
            Value::Row(row) => model_json(row),
        }
    }
}

/// A part's JSON through `serde_json::Value`, whose objects keep their keys sorted: the
/// order the report has always written whole parts in.
fn model_json(part: &impl Serialize) -> serde_json::Value {
    serde_json::to_value(part).unwrap_or(serde_json::Value::Null)
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::None => serializer.serialize_unit(),
            Value::Flag(flag) => serializer.serialize_bool(*flag),
            Value::Text(text) => serializer.serialize_str(text),
            Value::Texts(texts) => texts.serialize(serializer),
            _ => self.to_json().serialize(serializer),
        }
    }
}

/// A value is null, a boolean, a string, a list of strings, or a whole part as the model's
/// JSON writes it.
impl JsonSchema for Value {
    fn schema_name() -> Cow<'static, str> {
        "Value".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let parts = [
            generator.subschema_for::<Item>(),
            generator.subschema_for::<AppendixItem>(),
            generator.subschema_for::<Resolution>(),
            generator.subschema_for::<Appendix>(),
            generator.subschema_for::<MatrixRow>(),
        ];
        let [item, entry, resolution, appendix, row] = parts;
        json_schema!({
            "description": "The old or new value: null (none), a √ mark, a text, a list of texts (a reordered paragraph list, the matrix columns), or a whole part (item, appendix item, resolution, appendix, matrix row).",
            "anyOf": [
                {"type": "null"},
                {"type": "boolean"},
                {"type": "string"},
                {"type": "array", "items": {"type": "string"}},
                item,
                entry,
                resolution,
                appendix,
                row
            ]
        })
    }
}

/// Compares with the value's JSON ([`Value::to_json`]).
impl PartialEq<serde_json::Value> for Value {
    fn eq(&self, other: &serde_json::Value) -> bool {
        self.to_json() == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Block;

    #[test]
    fn fields_serialise_as_their_names() {
        let names = [
            (Field::Completed, "completed"),
            (Field::PeriodicGoalsMet, "periodic_goals_met"),
            (Field::CrossReference, "cross_reference"),
            (Field::OperativeText, "operative_text"),
            (Field::StudyPeriod, "study_period"),
            (Field::Abstract, "abstract"),
            (Field::Column("Action by / TSB".into()), "Action by / TSB"),
            (Field::Term("X".into()), "X"),
            (Field::Label("other".into()), "other"),
        ];
        for (field, name) in names {
            assert_eq!(field.as_str(), name);
            assert_eq!(
                serde_json::to_string(&field).unwrap(),
                format!("\"{name}\"")
            );
        }
    }

    #[test]
    fn values_serialise_untagged() {
        let json = |v: &Value| serde_json::to_string(v).unwrap();
        assert_eq!(json(&Value::None), "null");
        assert_eq!(json(&Value::Flag(true)), "true");
        assert_eq!(json(&Value::Text("a \"b\"".into())), r#""a \"b\"""#);
        assert_eq!(
            json(&Value::Texts(vec!["a".into(), String::new()])),
            r#"["a",""]"#
        );
        assert_eq!(Value::text(None), Value::None);
        assert_eq!(Value::text(Some("x")), serde_json::json!("x"));
        let row = MatrixRow {
            label: "Resolution 2".into(),
            title: "T".into(),
            cells: [
                ("b / B".into(), "X".into()),
                ("a / A".into(), String::new()),
            ]
            .into(),
        };
        assert_eq!(
            json(&Value::Row(Box::new(row))),
            r#"{"cells":{"a / A":"","b / B":"X"},"label":"Resolution 2","title":"T"}"#
        );
        let item = Item {
            id: "22-01".into(),
            cross_reference: None,
            bookmarks: vec![],
            action: "Act".into(),
            milestone: "TSAG".into(),
            periodic_goals_met: false,
            completed: true,
            status: vec![Block::plain("Done.")],
            ..Item::default()
        };
        // Keys sorted, as serde_json::Value writes them (not the struct's field order).
        assert_eq!(
            json(&Value::Item(Box::new(item))),
            r#"{"action":"Act","completed":true,"id":"22-01","milestone":"TSAG","#.to_string()
                + r#""periodic_goals_met":false,"status":[{"list_level":null,"text":"Done."}]}"#
        );
    }
}
