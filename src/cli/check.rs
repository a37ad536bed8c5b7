//! `actplan check`: consistency findings of an edition.

use crate::Failure;
use actplan::check::{self, Severity};
use actplan::milestone::Date;
use clap::ValueEnum;
use std::process::ExitCode;

const EXAMPLES: &str = "\
Examples:
  actplan check plan.docx                          findings on the terminal
  actplan check plan.docx --as-of 2024-07-22       overdue as of that day
  actplan check plan.json --to json -o findings.json
  actplan check plan.docx --strict                 exit 1 on warnings too

Findings (severity, code): error duplicate-id, error id-prefix, info id-gap,
error matrix-without-section, error section-without-matrix, warning title-mismatch,
warning completed-without-status, warning overdue, warning unparsed-milestone.
--to json gives {\"findings\": [{\"severity\", \"code\", \"location\": {\"resolution\", \"item\"},
\"message\"}]}.

Overdue: not completed, no ongoing or recurring milestone part, and every part dated
before the as-of date (default: the first day of the meeting on the cover, else today).
Meetings count at their last day when known (WTSA-24 2024-10-24, PP-22 2022-10-14,
TSAG 2023 2023-06-02, …), else at the end of their year; a bare year at its end.

Exit codes: 0 no error (no warning either with --strict), 1 errors (or warnings with
--strict), 2 usage, 3-9 the input could not be read (as for convert).";

/// Arguments of `actplan check`.
#[derive(clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct CheckArgs {
    /// The edition (.docx or .json); '-' reads standard input.
    pub input: String,
    /// The date items are overdue against (YYYY-MM-DD); default: the cover's meeting date,
    /// else today.
    #[arg(long, value_name = "DATE", value_parser = parse_as_of)]
    pub as_of: Option<Date>,
    /// Output format.
    #[arg(short = 't', long = "to", value_enum, default_value = "text")]
    pub to: CheckFormat,
    /// Output file; '-' (the default) writes standard output.
    #[arg(short, long, default_value = "-")]
    pub output: String,
    /// Exit 1 on warnings as well as errors.
    #[arg(long)]
    pub strict: bool,
    /// How to read the edition.
    #[command(flatten)]
    pub reading: super::Reading,
}

/// `actplan check --to`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// One line per finding and a summary line.
    #[value(alias = "txt")]
    Text,
    /// `{"findings": [...]}`.
    Json,
}

/// `--as-of`: an ISO 8601 calendar date.
pub fn parse_as_of(text: &str) -> Result<Date, String> {
    Date::parse_iso(text).ok_or_else(|| format!("expected a date such as 2024-07-22, got {text:?}"))
}

/// The as-of date: given, else the cover's meeting date, else today.
pub fn as_of(given: Option<Date>, plan: &actplan::ActionPlan) -> Date {
    given
        .or_else(|| check::cover_date(plan))
        .unwrap_or_else(Date::today)
}

/// Run `actplan check`.
pub fn run(args: &CheckArgs) -> Result<ExitCode, Failure> {
    let plan = args.reading.read(&args.input)?;
    let as_of = as_of(args.as_of, &plan);
    let findings = check::check(&plan, as_of);
    let text = match args.to {
        CheckFormat::Text => check::to_text(&findings, as_of),
        CheckFormat::Json => check::to_json(&findings),
    };
    let input_path = (args.input != "-").then(|| std::path::Path::new(&args.input));
    crate::write_output(&args.output, text.as_bytes(), input_path)?;
    let failing = findings
        .iter()
        .any(|f| f.severity == Severity::Error || (args.strict && f.severity == Severity::Warning));
    Ok(ExitCode::from(u8::from(failing)))
}
