//! actplan: read the ITU-T WTSA Action Plan Word document into a versioned JSON model,
//! report on it, check it, compare editions and round-trip status updates via a spreadsheet.
//!
//! Data flows one way, and each layer only imports the ones before it:
//!
//! ```text
//! text, xml ─▶ package ─▶ ooxml ─▶ ingest ─▶ model ─▶ check, query, diff, render, sheet,
//!  (leaves)    zip+limits  generic   action    serde    options: what a front end asks for
//!                          Word tree plan      types
//! ```
//!
//! Every function here works on bytes and values, never on files or the terminal, so the
//! command line (`src/main.rs`, `src/cli/`) and the browser build (`web/`) share it
//! unchanged and give the same bytes for the same input.
//!
//! ```no_run
//! # fn main() -> Result<(), actplan::Error> {
//! let bytes = std::fs::read("edition.docx").unwrap();
//! let read = actplan::read(&bytes, &actplan::ReadOptions::default())?;
//! println!("{} resolutions", read.plan.resolutions.len());
//! let html = actplan::render(&read.plan, actplan::Format::Html, &Default::default())?;
//! # let _ = html;
//! # Ok(())
//! # }
//! ```

#![warn(unreachable_pub, missing_docs)]

// What a front end works with: the model, and the stages that turn it into reports,
// findings, comparisons and spreadsheets.
pub mod check;
pub mod diff;
pub mod error;
pub mod model;
pub mod options;
pub mod query;
pub mod render;
pub mod sheet;

// The reading layers are internal: their results and errors are re-exported below.
// Fuzz targets (built with `--cfg fuzzing` by cargo-fuzz) reach the package layer through
// `package::exercise_for_fuzzing`.
mod ingest;
mod ooxml;
#[cfg(fuzzing)]
pub mod package;
#[cfg(not(fuzzing))]
mod package;
mod text;
mod xml;

pub use check::{Finding, Severity};
pub use diff::Report as DiffReport;
pub use error::Error;
pub use ingest::{Ingested, Warning};
pub use model::date::Date;
pub use model::ActionPlan;
pub use ooxml::RevisionMode;
pub use options::OptionError;
pub use package::Limits;
pub use render::{Format, RenderOptions, TemplateSource, UserTemplate};
pub use sheet::{ExportOptions, MergeSummary, ReadLimits as SheetLimits, SheetFormat};
pub use text::{human_size, shorten};

/// The two forms an edition comes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// A Word .docx (also .docm, .dotx).
    Docx,
    /// The JSON model.
    Json,
}

impl InputFormat {
    /// The format of an input: by the extension of `name` when it has a known one, else by
    /// the content (JSON starts with `{`).
    pub fn detect(name: Option<&str>, bytes: &[u8]) -> InputFormat {
        let lower = name.unwrap_or_default().to_ascii_lowercase();
        if lower.ends_with(".json") {
            return InputFormat::Json;
        }
        if [".docx", ".docm", ".dotx"]
            .iter()
            .any(|e| lower.ends_with(e))
        {
            return InputFormat::Docx;
        }
        match bytes.iter().find(|b| !b.is_ascii_whitespace()) {
            Some(b'{') => InputFormat::Json,
            _ => InputFormat::Docx,
        }
    }
}

/// How to read an edition.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Size limits on the zip package.
    pub limits: Limits,
    /// Whether unaccepted tracked changes are read accepted (default) or rejected.
    pub revisions: RevisionMode,
    /// The input's format; detected from the content when `None`.
    pub format: Option<InputFormat>,
}

/// Read an edition, .docx or JSON (see [`InputFormat::detect`]), into the model, with the
/// warnings met on the way (a JSON edition has none).
pub fn read(bytes: &[u8], options: &ReadOptions) -> Result<Ingested, Error> {
    match options
        .format
        .unwrap_or_else(|| InputFormat::detect(None, bytes))
    {
        InputFormat::Docx => read_docx(bytes, options),
        InputFormat::Json => Ok(Ingested {
            plan: model::json::from_json_bytes(bytes)?,
            warnings: Vec::new(),
        }),
    }
}

/// Read a .docx edition (its bytes) into the model, with the warnings met on the way.
pub fn read_docx(bytes: &[u8], options: &ReadOptions) -> Result<Ingested, Error> {
    let package = package::Package::open(bytes, &options.limits)?;
    let document = ooxml::read_document(&package, options.revisions)?;
    Ok(ingest::ingest(&document)?)
}

/// The plan as its JSON model: pretty-printed, stable key order, ending in a newline.
pub fn to_json(plan: &ActionPlan) -> String {
    model::json::to_json_string(plan)
}

/// Set cover fields (`td_number`, `meeting`, … see [`model::COVER_KEYS`]) before a report or
/// an import, creating the cover when the plan has none.
pub fn set_cover_fields(plan: &mut ActionPlan, settings: &[(String, String)]) -> Result<(), Error> {
    for (key, value) in settings {
        plan.set_cover_field(key, value)?;
    }
    Ok(())
}

/// The date items are overdue against: `given`, else the first day of the meeting on the
/// cover. `None` when neither is known (a front end may then use today).
pub fn as_of(plan: &ActionPlan, given: Option<Date>) -> Option<Date> {
    given.or_else(|| plan.meeting_start())
}

/// The report of `plan` in `format`. The HTML report's charts count overdue items as of
/// `options.as_of`, else the cover's meeting date; without either they are left out, so the
/// same input always gives the same bytes.
pub fn render(
    plan: &ActionPlan,
    format: Format,
    options: &RenderOptions,
) -> Result<Vec<u8>, Error> {
    let stats = match format {
        Format::Html => as_of(plan, options.as_of).map(|date| query::stats(plan, date)),
        _ => None,
    };
    Ok(render::render(plan, stats.as_ref(), format, options)?)
}

/// Compare two editions by content.
pub fn diff(old: &ActionPlan, new: &ActionPlan) -> DiffReport {
    diff::diff(old, new)
}

/// The forms of a diff report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiffFormat {
    /// Plain text, a line per change (optionally coloured).
    Text,
    /// GitHub-flavoured Markdown.
    Markdown,
    /// One self-contained HTML page.
    Html,
    /// The changes as JSON (`changes[{kind,target,id,field,before,after}]`).
    Json,
    /// The new edition's Word report with tracked changes against the old one.
    Docx,
}

/// How to write a diff report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffOptions {
    /// Colour the text report with ANSI escapes.
    pub color: bool,
    /// The date of the Word redline's tracked changes, "YYYY-MM-DDTHH:MM:SSZ" (see
    /// [`model::date::parse_timestamp`]).
    pub date: String,
}

impl Default for DiffOptions {
    fn default() -> Self {
        DiffOptions {
            color: false,
            date: "1980-01-01T00:00:00Z".to_string(),
        }
    }
}

/// The comparison of `old` and `new` written in `format`.
pub fn write_diff(
    old: &ActionPlan,
    new: &ActionPlan,
    report: &DiffReport,
    format: DiffFormat,
    options: &DiffOptions,
) -> Result<Vec<u8>, Error> {
    Ok(match format {
        DiffFormat::Text => diff::output::to_text(report, options.color).into_bytes(),
        DiffFormat::Markdown => diff::output::to_markdown(report).into_bytes(),
        DiffFormat::Html => diff::output::to_html(report).into_bytes(),
        DiffFormat::Json => diff::output::to_json(report).into_bytes(),
        DiffFormat::Docx => render::docx::write_redline(old, new, &options.date)?,
    })
}

/// The consistency findings of `plan`, items overdue as of `as_of`.
pub fn check(plan: &ActionPlan, as_of: Date) -> Vec<Finding> {
    check::check(plan, as_of)
}

/// The status-update sheet of `plan` (.xlsx or .csv bytes) for the counsellors to fill in.
pub fn export(
    plan: &ActionPlan,
    format: SheetFormat,
    options: &ExportOptions,
) -> Result<Vec<u8>, Error> {
    Ok(sheet::export(plan, format, options)?)
}

/// Merge a filled-in status-update sheet (.xlsx or .csv bytes) into `plan`: the next
/// edition, and what changed. Any error leaves nothing merged.
pub fn import(
    plan: &ActionPlan,
    sheet: &[u8],
    limits: &SheetLimits,
) -> Result<(ActionPlan, MergeSummary), Error> {
    Ok(sheet::import(plan, sheet, limits)?)
}
