//! The work of each JS function, on bytes and [`Options`], with the clock passed in: what
//! the command line's subcommand does between reading its files and writing its output.
//! Errors are the command line's one-line messages.

use crate::options::{Level, Options};
use actplan::check::Severity;
use actplan::model::date::iso_utc;
use actplan::options::{parse_as_of, parse_timestamp};
use actplan::{
    ActionPlan, Date, DiffFormat, DiffOptions, ExportOptions, Format, InputFormat, RenderOptions,
    SheetFormat, Warning,
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

/// An edition read once, for several outputs (the page's report, findings and downloads).
#[derive(Debug)]
pub struct Opened {
    /// The edition.
    pub plan: ActionPlan,
    /// What reading it met.
    pub warnings: Vec<Warning>,
    /// Its form.
    pub format: InputFormat,
    /// Its name in messages: the file name given, else "<input>".
    pub name: String,
}

/// Read an edition (.docx or JSON bytes), named `options.name` (default `default_name`).
pub fn open(input: &[u8], options: &Options, default_name: &str) -> Result<Opened, String> {
    let name = options.name.as_deref().unwrap_or(default_name);
    let named = options.name.as_deref();
    let read = options.read_options(named, input);
    let format = read.format.unwrap_or(InputFormat::Docx);
    let ingested = actplan::read(input, &read).map_err(|e| e.message_for(name))?;
    Ok(Opened {
        plan: ingested.plan,
        warnings: ingested.warnings,
        format,
        name: name.to_string(),
    })
}

/// `convert`: an edition as JSON, Markdown, HTML, Word (`actplan convert`), or its
/// status-update sheet as .xlsx or .csv (`actplan export`). The options are checked before
/// the input is read, as on the command line.
pub fn convert(input: &[u8], to: &str, options: &Options) -> Result<Vec<u8>, String> {
    let request = Convert::new(to, options)?;
    let opened = open(input, options, "<input>")?;
    request.run(&opened, options)
}

/// `convert` of an edition already read.
pub fn convert_opened(opened: &Opened, to: &str, options: &Options) -> Result<Vec<u8>, String> {
    Convert::new(to, options)?.run(opened, options)
}

/// A conversion's checked options.
struct Convert {
    output: Output,
    settings: Vec<(String, String)>,
    as_of: Option<Date>,
}

impl Convert {
    fn new(to: &str, options: &Options) -> Result<Convert, String> {
        Ok(Convert {
            output: pick(CONVERT_TO, to, "json|md|html|docx|xlsx|csv")?,
            settings: options.settings()?,
            as_of: given_as_of(options)?,
        })
    }

    fn run(&self, opened: &Opened, options: &Options) -> Result<Vec<u8>, String> {
        let name = opened.name.as_str();
        let mut plan = opened.plan.clone();
        actplan::set_cover_fields(&mut plan, &self.settings).map_err(|e| e.message_for(name))?;
        match self.output {
            Output::Report(format) => {
                let render = RenderOptions {
                    as_of: self.as_of,
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
}

/// `diff`: what changed from `old` to `new` (`actplan diff`), named `options.old_name` and
/// `options.new_name`. The Word redline's changes are dated `options.date`, else now.
pub fn diff(
    old: &[u8],
    new: &[u8],
    to: &str,
    options: &Options,
    now: i64,
) -> Result<Vec<u8>, String> {
    let (format, date) = diff_request(to, options, now)?;
    let named = |name: &Option<String>| Options {
        name: name.clone(),
        ..options.clone()
    };
    let old = open(old, &named(&options.old_name), "<old>")?;
    let new = open(new, &named(&options.new_name), "<new>")?;
    write_diff(&old, &new, format, options.color, date)
}

/// `diff` of editions already read.
pub fn diff_opened(
    old: &Opened,
    new: &Opened,
    to: &str,
    options: &Options,
    now: i64,
) -> Result<Vec<u8>, String> {
    let (format, date) = diff_request(to, options, now)?;
    write_diff(old, new, format, options.color, date)
}

/// The diff's format and the redline's date.
fn diff_request(to: &str, options: &Options, now: i64) -> Result<(DiffFormat, String), String> {
    let format = pick(DIFF_TO, to, "json|md|html|text|docx")?;
    let date = match (&options.date, format) {
        (Some(text), _) => parse_timestamp(text).map_err(|e| format!("date: {e}"))?,
        (None, DiffFormat::Docx) => iso_utc(now),
        (None, _) => DiffOptions::default().date,
    };
    Ok((format, date))
}

fn write_diff(
    old: &Opened,
    new: &Opened,
    format: DiffFormat,
    color: bool,
    date: String,
) -> Result<Vec<u8>, String> {
    let report = actplan::diff(&old.plan, &new.plan);
    let options = DiffOptions { color, date };
    actplan::write_diff(&old.plan, &new.plan, &report, format, &options)
        .map_err(|e| e.message_for(&new.name))
}

/// `check`: the findings as JSON (`actplan check --to json`), overdue as of `as_of`, else
/// the cover's meeting date, else today.
pub fn check(input: &[u8], options: &Options, now: i64) -> Result<String, String> {
    let given = given_as_of(options)?;
    let opened = open(input, options, "<input>")?;
    Ok(findings(&opened.plan, given, options, now))
}

/// `check` of an edition already read.
pub fn check_opened(opened: &Opened, options: &Options, now: i64) -> Result<String, String> {
    let given = given_as_of(options)?;
    Ok(findings(&opened.plan, given, options, now))
}

fn findings(plan: &ActionPlan, given: Option<Date>, options: &Options, now: i64) -> String {
    let as_of = actplan::as_of(plan, given).unwrap_or_else(|| today(now));
    let min = match options.min_level {
        Some(Level::Error) => Severity::Error,
        Some(Level::Warning) => Severity::Warning,
        Some(Level::Info) | None => Severity::Info,
    };
    actplan::check::to_json(&actplan::check(plan, as_of), min)
}

/// `inspect`: what a page shows before any report, as JSON (see [`info`]).
pub fn inspect(input: &[u8], options: &Options) -> Result<String, String> {
    Ok(info(&open(input, options, "<input>")?))
}

/// An edition's `format` ("docx" or "json"), `cover` (as in the model, or null),
/// `meeting_start` ("YYYY-MM-DD" or null), `resolutions`, `items` and reading `warnings`,
/// as JSON.
pub fn info(opened: &Opened) -> String {
    let plan = &opened.plan;
    let items: usize = plan.resolutions.iter().map(|r| r.action_items.len()).sum();
    serde_json::json!({
        "format": match opened.format {
            InputFormat::Json => "json",
            InputFormat::Docx => "docx",
        },
        "cover": plan.cover,
        "meeting_start": plan.meeting_start().map(|d| d.to_string()),
        "resolutions": plan.resolutions.len(),
        "items": items,
        "warnings": opened.warnings.iter().map(ToString::to_string).collect::<Vec<_>>(),
    })
    .to_string()
}

/// A small edition in JSON (Resolution 1 of the fixture edition A, three items) for
/// [`warm_up`].
const WARM_UP: &[u8] = include_bytes!("warm-up.json");

/// Take every path once on a small edition (JSON read, Word written and read back, each
/// report, the sheet, check, diff) so that the engine has compiled the code before the first
/// real file: a page calls it while it loads. The number of items read back from the Word
/// file it wrote.
pub fn warm_up() -> Result<usize, String> {
    let options = Options::default();
    let json = open(WARM_UP, &options, "<warm-up>")?;
    let docx = convert_opened(&json, "docx", &options)?;
    let opened = open(&docx, &options, "<warm-up>")?;
    for to in ["html", "json", "md", "xlsx"] {
        convert_opened(&opened, to, &options)?;
    }
    check_opened(&opened, &options, 0)?;
    diff_opened(&json, &opened, "html", &options, 0)?;
    Ok(opened
        .plan
        .resolutions
        .iter()
        .map(|r| r.action_items.len())
        .sum())
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
    fn an_edition_read_once_gives_the_same_outputs() {
        let o = Options::from_json(r#"{"name": "a.docx", "set": ["td_number=TD 1"]}"#).unwrap();
        let opened = open(EDITION_A, &o, "<input>").unwrap();
        for to in ["json", "md", "csv"] {
            assert_eq!(
                convert_opened(&opened, to, &o).unwrap(),
                convert(EDITION_A, to, &o).unwrap(),
                "{to}"
            );
        }
        assert_eq!(
            check_opened(&opened, &o, 0).unwrap(),
            check(EDITION_A, &o, 0).unwrap()
        );
        let same = diff_opened(&opened, &opened, "json", &o, 0).unwrap();
        assert_eq!(same, diff(EDITION_A, EDITION_A, "json", &o, 0).unwrap());
        assert!(String::from_utf8(same).unwrap().contains("\"changes\": []"));
        assert_eq!(opened.name, "a.docx");
    }

    #[test]
    fn warm_up_round_trips_its_edition_through_word() {
        assert_eq!(warm_up(), Ok(3));
    }

    #[test]
    fn today_is_the_utc_day() {
        assert_eq!(today(0), Date::new(1970, 1, 1).unwrap());
        assert_eq!(today(86_399), Date::new(1970, 1, 1).unwrap());
        assert_eq!(today(1_721_606_400), Date::new(2024, 7, 22).unwrap());
    }
}
