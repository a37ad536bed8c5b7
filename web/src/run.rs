//! The work of each JS function, on bytes and [`Options`], with the clock passed in: what
//! the command line's subcommand does between reading its files and writing its output.
//! Errors are the command line's one-line messages.

use crate::options::{Level, Options};
use actplan::check::Severity;
use actplan::model::date::iso_utc;
use actplan::options::{parse_as_of, parse_timestamp};
use actplan::{
    ActionPlan, Date, DiffFormat, DiffOptions, ExportOptions, Format, Ingested, RenderOptions,
    SheetFormat,
};

/// What `convert` writes: a report (as `actplan convert`) or a sheet (as `actplan export`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Output {
    Report(Format),
    Sheet(SheetFormat),
}

/// The `to` values of `convert` (with the command line's aliases) and `diff`.
const CONVERT_TO: &[(&str, Output)] = &[
    ("json", Output::Report(Format::Json)),
    ("md", Output::Report(Format::Markdown)),
    ("markdown", Output::Report(Format::Markdown)),
    ("gfm", Output::Report(Format::Markdown)),
    ("html", Output::Report(Format::Html)),
    ("docx", Output::Report(Format::Docx)),
    ("xlsx", Output::Sheet(SheetFormat::Xlsx)),
    ("csv", Output::Sheet(SheetFormat::Csv)),
];
const DIFF_TO: &[(&str, DiffFormat)] = &[
    ("text", DiffFormat::Text),
    ("txt", DiffFormat::Text),
    ("md", DiffFormat::Markdown),
    ("markdown", DiffFormat::Markdown),
    ("gfm", DiffFormat::Markdown),
    ("html", DiffFormat::Html),
    ("json", DiffFormat::Json),
    ("docx", DiffFormat::Docx),
];

/// The value `to` names in `table`, or a message listing the main names.
fn pick<T: Copy>(table: &[(&str, T)], to: &str, main: &str) -> Result<T, String> {
    let lower = to.trim().to_ascii_lowercase();
    table
        .iter()
        .find(|(name, _)| *name == lower)
        .map(|(_, value)| *value)
        .ok_or_else(|| format!("to: expected one of {main}, got {to:?}"))
}

/// `convert`: an edition as JSON, Markdown, HTML, Word (`actplan convert`), or its
/// status-update sheet as .xlsx or .csv (`actplan export`).
pub fn convert(input: &[u8], to: &str, options: &Options) -> Result<Vec<u8>, String> {
    let output = pick(CONVERT_TO, to, "json|md|html|docx|xlsx|csv")?;
    let settings = options.settings()?;
    let as_of = given_as_of(options)?;
    let name = options.name.as_deref().unwrap_or("<input>");
    let mut plan = read(input, name, options)?;
    actplan::set_cover_fields(&mut plan, &settings).map_err(|e| e.message_for(name))?;
    match output {
        Output::Report(format) => {
            let render = RenderOptions {
                as_of,
                ..RenderOptions::default()
            };
            actplan::render(&plan, format, &render).map_err(|e| e.message_for(name))
        }
        Output::Sheet(format) => {
            let export = ExportOptions {
                owners: options.owners.clone(),
                created: options.created,
            };
            actplan::export(&plan, format, &export).map_err(|e| e.message_for(name))
        }
    }
}

/// `diff`: what changed from `old` to `new` (`actplan diff`). The Word redline's changes are
/// dated `options.date`, else now.
pub fn diff(
    old: &[u8],
    new: &[u8],
    to: &str,
    options: &Options,
    now: i64,
) -> Result<Vec<u8>, String> {
    let format = pick(DIFF_TO, to, "json|md|html|text|docx")?;
    let date = match (&options.date, format) {
        (Some(text), _) => parse_timestamp(text).map_err(|e| format!("date: {e}"))?,
        (None, DiffFormat::Docx) => iso_utc(now),
        (None, _) => DiffOptions::default().date,
    };
    let old_name = options.old_name.as_deref().unwrap_or("<old>");
    let new_name = options.new_name.as_deref().unwrap_or("<new>");
    let old_plan = read(old, old_name, options)?;
    let new_plan = read(new, new_name, options)?;
    let report = actplan::diff(&old_plan, &new_plan);
    let write = DiffOptions {
        color: options.color,
        date,
    };
    actplan::write_diff(&old_plan, &new_plan, &report, format, &write)
        .map_err(|e| e.message_for(new_name))
}

/// `check`: the findings as JSON (`actplan check --to json`), overdue as of `as_of`, else
/// the cover's meeting date, else today.
pub fn check(input: &[u8], options: &Options, now: i64) -> Result<String, String> {
    let given = given_as_of(options)?;
    let name = options.name.as_deref().unwrap_or("<input>");
    let plan = read(input, name, options)?;
    let as_of = actplan::as_of(&plan, given).unwrap_or_else(|| today(now));
    let findings = actplan::check(&plan, as_of);
    let min = match options.min_level {
        Some(Level::Error) => Severity::Error,
        Some(Level::Warning) => Severity::Warning,
        Some(Level::Info) | None => Severity::Info,
    };
    Ok(actplan::check::to_json(&findings, min))
}

/// `inspect`: what a page shows before any report, as JSON: `format` ("docx" or "json"),
/// `cover` (as in the model, or null), `meeting_start` ("YYYY-MM-DD" or null),
/// `resolutions`, `items`, and the reading `warnings`.
pub fn inspect(input: &[u8], options: &Options) -> Result<String, String> {
    let name = options.name.as_deref().unwrap_or("<input>");
    let format = options.read_options(Some(name), input).format;
    let read = read_with_warnings(input, name, options)?;
    let plan = &read.plan;
    let items: usize = plan.resolutions.iter().map(|r| r.action_items.len()).sum();
    let value = serde_json::json!({
        "format": match format {
            Some(actplan::InputFormat::Json) => "json",
            _ => "docx",
        },
        "cover": plan.cover,
        "meeting_start": plan.meeting_start().map(|d| d.to_string()),
        "resolutions": plan.resolutions.len(),
        "items": items,
        "warnings": read.warnings.iter().map(ToString::to_string).collect::<Vec<_>>(),
    });
    Ok(value.to_string())
}

/// The edition in `input`, named `name` in messages.
fn read(input: &[u8], name: &str, options: &Options) -> Result<ActionPlan, String> {
    read_with_warnings(input, name, options).map(|read| read.plan)
}

fn read_with_warnings(input: &[u8], name: &str, options: &Options) -> Result<Ingested, String> {
    let named = (!name.starts_with('<')).then_some(name);
    actplan::read(input, &options.read_options(named, input)).map_err(|e| e.message_for(name))
}

/// `options.as_of`, parsed.
fn given_as_of(options: &Options) -> Result<Option<Date>, String> {
    options
        .as_of
        .as_deref()
        .map(parse_as_of)
        .transpose()
        .map_err(|e| format!("as_of: {e}"))
}

/// The UTC day of `now` (seconds since 1970).
fn today(now: i64) -> Date {
    Date::from_days(now.div_euclid(86_400))
}

#[cfg(test)]
mod tests {
    use super::*;

    const EDITION_A: &[u8] = include_bytes!("../../fixtures/action-plan-edition-a.docx");

    #[test]
    fn unknown_formats_are_named() {
        let o = Options::default();
        assert_eq!(
            convert(EDITION_A, "pdf", &o).unwrap_err(),
            "to: expected one of json|md|html|docx|xlsx|csv, got \"pdf\""
        );
        assert_eq!(
            diff(EDITION_A, EDITION_A, "odt", &o, 0).unwrap_err(),
            "to: expected one of json|md|html|text|docx, got \"odt\""
        );
    }

    #[test]
    fn errors_name_the_input() {
        let o = Options::from_json(r#"{"name": "notes.pdf"}"#).unwrap();
        assert_eq!(
            convert(b"%PDF-1.7", "json", &o).unwrap_err(),
            "notes.pdf: not a .docx file: it is not a zip package (it is a PDF file)"
        );
        let o = Options::from_json(r#"{"as_of": "July"}"#).unwrap();
        assert_eq!(
            check(EDITION_A, &o, 0).unwrap_err(),
            "as_of: expected a date such as 2024-07-22, got \"July\""
        );
    }

    #[test]
    fn inspect_counts_and_dates_an_edition() {
        let text = inspect(EDITION_A, &Options::default()).unwrap();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["format"], "docx");
        assert_eq!(value["items"], 407);
        assert!(value["meeting_start"]
            .as_str()
            .is_some_and(|d| d.len() == 10));
    }

    #[test]
    fn today_is_the_utc_day() {
        assert_eq!(today(0), Date::new(1970, 1, 1).unwrap());
        assert_eq!(today(86_399), Date::new(1970, 1, 1).unwrap());
        assert_eq!(today(1_721_606_400), Date::new(2024, 7, 22).unwrap());
    }
}
