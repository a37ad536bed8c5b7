//! Reports from the model: Markdown and HTML through minijinja templates (built in from
//! `templates/`, or a user's file), Word through a small OOXML writer. Renderers see only
//! the model, never the reader's XML.

pub mod docx;
pub mod markdown;
pub mod template;
pub mod view;

/// Owner extraction, shared with `actplan items` and `actplan stats`.
pub use crate::owners;

use crate::model::{ActionPlan, Cover};
use std::collections::BTreeMap;
use std::path::PathBuf;
use thiserror::Error;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The JSON model.
    Json,
    /// GitHub-flavoured Markdown.
    Markdown,
    /// One self-contained HTML page.
    Html,
    /// A Word document in the ITU TD layout.
    Docx,
}

impl Format {
    /// The format named by a file extension ("md", "html", "docx", "json").
    pub fn from_extension(extension: &str) -> Option<Format> {
        match extension.to_ascii_lowercase().as_str() {
            "json" => Some(Format::Json),
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" => Some(Format::Html),
            "docx" => Some(Format::Docx),
            _ => None,
        }
    }

    /// The format named on the command line (`--to`).
    pub fn from_name(name: &str) -> Option<Format> {
        match name.to_ascii_lowercase().as_str() {
            "markdown" | "gfm" => Some(Format::Markdown),
            other => Format::from_extension(other),
        }
    }
}

/// How to render.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// A user template replacing the built-in one (Markdown, HTML).
    pub template: Option<PathBuf>,
    /// A reference .docx whose styles, page setup, headers and footers are used.
    pub reference_doc: Option<Vec<u8>>,
}

/// Why a report could not be produced.
#[derive(Debug, Error)]
pub enum RenderError {
    /// A template failed to parse or to render; the message names the file and line.
    #[error("{0}")]
    Template(String),
    /// A template file could not be read.
    #[error("cannot read template {path}: {message}")]
    TemplateFile {
        /// The path given.
        path: String,
        /// The I/O error.
        message: String,
    },
    /// The reference document is not a usable .docx.
    #[error("reference document: {0}")]
    ReferenceDoc(String),
    /// `--set` named a key that is not a cover field.
    #[error("unknown --set key {key:?} (known keys: {known})")]
    UnknownSetting {
        /// The key given.
        key: String,
        /// The keys accepted.
        known: String,
    },
    /// This format is not produced by a template.
    #[error("{0}")]
    Unsupported(String),
}

/// The keys `--set` accepts: the cover fields.
pub const SETTING_KEYS: &[&str] = &[
    "group",
    "td_number",
    "study_period",
    "original_language",
    "meeting",
    "document_type",
    "questions",
    "source",
    "title",
    "purpose",
    "contact",
    "keywords",
    "abstract",
];

/// Apply `--set key=value` pairs to the plan's cover (creating it when absent).
pub fn apply_settings(
    plan: &mut ActionPlan,
    settings: &BTreeMap<String, String>,
) -> Result<(), RenderError> {
    for (key, value) in settings {
        let cover = plan.cover.get_or_insert_with(Cover::default);
        let slot = match key.as_str() {
            "group" => &mut cover.group,
            "td_number" => &mut cover.td_number,
            "study_period" => &mut cover.study_period,
            "original_language" => &mut cover.original_language,
            "meeting" => &mut cover.meeting,
            "document_type" => &mut cover.document_type,
            "questions" => &mut cover.questions,
            "source" => &mut cover.source,
            "title" => &mut cover.title,
            "purpose" => &mut cover.purpose,
            "contact" => &mut cover.contact,
            "keywords" => &mut cover.keywords,
            "abstract" => &mut cover.r#abstract,
            _ => {
                return Err(RenderError::UnknownSetting {
                    key: key.clone(),
                    known: SETTING_KEYS.join(", "),
                })
            }
        };
        *slot = Some(value.clone());
    }
    Ok(())
}

/// Render the plan in `format`.
pub fn render(
    plan: &ActionPlan,
    format: Format,
    options: &RenderOptions,
) -> Result<Vec<u8>, RenderError> {
    match format {
        Format::Json => Ok(crate::json::to_json_string(plan).into_bytes()),
        Format::Markdown | Format::Html => {
            template::render(plan, format, options.template.as_deref()).map(String::into_bytes)
        }
        Format::Docx => docx::write_docx(plan, options.reference_doc.as_deref()),
    }
}
