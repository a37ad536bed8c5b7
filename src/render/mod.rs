//! Reports from the model: Markdown and HTML through minijinja templates (built in from
//! `templates/`, or a user's template given as data), Word through a small OOXML writer,
//! and the listings of `items` and `stats`. Renderers see only the model and what the caller
//! computed for them (the counts of the charts), never the reader's XML nor a file.

pub mod docx;
pub mod listing;
pub mod markdown;
pub mod template;
pub mod view;

use crate::model::ActionPlan;
use crate::query::Stats;
use std::sync::Arc;
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

/// A template given as data: the name error messages show (a file path, say) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateSource {
    /// Shown in error messages ("my-templates/report.html.j2").
    pub name: String,
    /// The template text.
    pub source: String,
}

/// Finds a partial a user template includes by name: `None` when the user has none of that
/// name (the built-in one is used), `Some(Err(message))` when it exists but cannot be read.
pub type PartialLoader = Arc<dyn Fn(&str) -> Option<Result<TemplateSource, String>> + Send + Sync>;

/// A user's template replacing the built-in one of its format.
#[derive(Clone)]
pub struct UserTemplate {
    /// Shown in error messages.
    pub name: String,
    /// The template text.
    pub source: String,
    /// Where its `{% include %}`d partials come from; built-in partials when `None`.
    pub partials: Option<PartialLoader>,
}

impl std::fmt::Debug for UserTemplate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UserTemplate")
            .field("name", &self.name)
            .field("partials", &self.partials.is_some())
            .finish_non_exhaustive()
    }
}

/// How to render: everything as data, nothing read from files.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// A user template replacing the built-in one (Markdown, HTML).
    pub template: Option<UserTemplate>,
    /// A reference .docx (its bytes) whose styles, page setup, headers and footers are used.
    pub reference_doc: Option<Vec<u8>>,
    /// The date the HTML report's charts count overdue items against (see
    /// [`crate::render()`](fn@crate::render)); the cover's meeting date when `None`.
    pub as_of: Option<crate::model::date::Date>,
    /// The page of each entry of the Word report's contents, in the order of
    /// [`docx::contents_headings`] (as a layout of the report found them): written as the
    /// page numbers of the contents. Empty: the numbers are left for Word to fill.
    pub heading_pages: Vec<Option<u32>>,
}

/// Why a report could not be produced.
#[derive(Debug, Error)]
pub enum RenderError {
    /// A template failed to parse or to render; the message names the file and line.
    #[error("{0}")]
    Template(String),
    /// The reference document is not a usable .docx.
    #[error("reference document: {0}")]
    ReferenceDoc(String),
    /// The .docx package could not be assembled.
    #[error("cannot build the .docx package: {0}")]
    Zip(#[from] zip::result::ZipError),
    /// This format is not produced by a template.
    #[error("no template produces this format")]
    NoTemplate,
}

/// Render the plan in `format`; `stats` (counted by the caller) gives the HTML report its
/// charts, which are left out without it.
pub fn render(
    plan: &ActionPlan,
    stats: Option<&Stats>,
    format: Format,
    options: &RenderOptions,
) -> Result<Vec<u8>, RenderError> {
    match format {
        Format::Json => Ok(crate::model::json::to_json_string(plan).into_bytes()),
        Format::Markdown | Format::Html => {
            template::render(plan, stats, format, options.template.as_ref()).map(String::into_bytes)
        }
        Format::Docx => docx::write_docx(
            plan,
            options.reference_doc.as_deref(),
            &options.heading_pages,
        ),
    }
}
