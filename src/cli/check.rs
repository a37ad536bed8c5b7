//! `actplan check`: consistency findings of an edition.

use super::format::{infer, OutputFormat};
use super::io::{self, OutputArgs, Payload, Reading};
use super::{Exit, Failure};
use actplan::check::{self, Severity};
use actplan::Date;
use clap::ValueEnum;

const EXAMPLES: &str = "\
Examples:
  actplan check plan.docx                          findings on the terminal
  actplan check plan.docx --as-of 2024-07-22       overdue as of that day
  actplan check plan.json --to json -o findings.json
  actplan check plan.docx --strict                 exit 1 on warnings too
  actplan check plan.docx --min-level warning      errors and warnings only

Errors are listed first, then warnings, then infos; the last line counts them all.

Findings (severity, code): error duplicate-id, error id-prefix, info id-gap,
error matrix-without-section, error section-without-matrix, warning title-mismatch,
warning completed-without-status, warning overdue, warning unparsed-milestone,
error missing-footnote, info unused-footnote.
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
pub(crate) struct Args {
    /// The edition (.docx or .json); '-' reads standard input.
    input: String,
    /// The date items are overdue against (YYYY-MM-DD); default: the cover's meeting date,
    /// else today.
    #[arg(long, value_name = "DATE", value_parser = actplan::options::parse_as_of)]
    as_of: Option<Date>,
    /// Output format; inferred from the output extension when omitted, else text.
    #[arg(short = 't', long = "to", value_enum)]
    to: Option<CheckFormat>,
    #[command(flatten)]
    output: OutputArgs,
    /// Exit 1 on warnings as well as errors.
    #[arg(long)]
    strict: bool,
    /// Show only findings this serious or more: info (all, the default), warning, error.
    #[arg(long, value_enum, default_value = "info")]
    min_level: Level,
    /// How to read the edition.
    #[command(flatten)]
    reading: Reading,
}

/// `actplan check --to`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum CheckFormat {
    /// One line per finding and a summary line.
    #[value(alias = "txt")]
    Text,
    /// `{"findings": [...]}`.
    Json,
}

/// `--min-level`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Level {
    Error,
    Warning,
    Info,
}

impl Level {
    fn severity(self) -> Severity {
        match self {
            Level::Error => Severity::Error,
            Level::Warning => Severity::Warning,
            Level::Info => Severity::Info,
        }
    }
}

impl OutputFormat for CheckFormat {
    const EXTENSIONS: &'static [(&'static str, Self)] = &[
        ("txt", CheckFormat::Text),
        ("text", CheckFormat::Text),
        ("json", CheckFormat::Json),
    ];
    const DEFAULT: Self = CheckFormat::Text;
}

/// Run `actplan check`: exit 1 on errors (and on warnings with `--strict`).
pub(crate) fn run(args: &Args) -> Result<Exit, Failure> {
    let format = infer(args.output.name(), args.to)?;
    let plan = args.reading.read(&args.input)?;
    let as_of = io::as_of_or_today(&plan, args.as_of);
    let findings = actplan::check(&plan, as_of);
    let text = match format {
        CheckFormat::Text => check::to_text(&findings, as_of, args.min_level.severity()),
        CheckFormat::Json => check::to_json(&findings, args.min_level.severity()),
    };
    let summary = check::summary(&findings);
    io::deliver(
        &args.output,
        text.as_bytes(),
        Payload::Text,
        &[&args.input],
        args.reading.quiet,
        &summary,
    )?;
    let failing = findings
        .iter()
        .any(|f| f.severity == Severity::Error || (args.strict && f.severity == Severity::Warning));
    Ok(if failing {
        Exit::Differences
    } else {
        Exit::Success
    })
}
