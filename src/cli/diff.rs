//! `actplan diff`: what changed between two editions.

use super::format::{infer, OutputFormat};
use super::io::{self, OutputArgs, Payload};
use super::{Exit, Failure};
use actplan::{DiffFormat, DiffOptions, ReadOptions};
use clap::ValueEnum;
use std::io::IsTerminal;

const EXAMPLES: &str = "\
Examples:
  actplan diff old.docx new.docx                        readable report on the terminal
  actplan diff old.json new.docx --to md -o changes.md  Markdown
  actplan diff old.docx new.docx --to html -o changes.html
  actplan diff old.docx new.docx --to json -o changes.json
  actplan diff old.docx new.docx --to docx -o TD-rev-marks.docx --date 2024-01-22
      the new edition as Word with tracked changes against the old one

Inputs with unaccepted tracked changes are read accepted. Formatting, run splitting,
bookmarks, link targets, field results and the program that saved the file are not
changes; the cover's TD number and meeting identify the editions and are not changes.

Colour: --color auto (the default) colours the text report when standard output is a
terminal and NO_COLOR is not set.
Exit codes, as diff(1): 0 no content change, 1 changes, 2 trouble (any error).";

/// Arguments of `actplan diff`.
#[derive(clap::Args)]
#[command(after_help = EXAMPLES)]
pub(crate) struct Args {
    /// The old edition (.docx or .json); '-' reads standard input.
    old: String,
    /// The new edition (.docx or .json); '-' reads standard input.
    new: String,
    /// Output format; inferred from the output extension when omitted, else text.
    #[arg(short = 't', long = "to", value_enum)]
    to: Option<DiffTo>,
    #[command(flatten)]
    output: OutputArgs,
    /// Colour the text report: auto (when standard output is a terminal and NO_COLOR is not set), always, never.
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorChoice,
    /// Date of the tracked changes in the Word redline (ISO 8601, e.g. 2024-01-22 or
    /// 2024-01-22T09:00:00Z); default SOURCE_DATE_EPOCH, else now.
    #[arg(long, value_name = "ISO", value_parser = actplan::options::parse_timestamp)]
    date: Option<String>,
    /// Do not print warnings.
    #[arg(short, long)]
    quiet: bool,
}

/// `diff --to`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DiffTo {
    #[value(alias = "txt")]
    Text,
    #[value(alias = "markdown", alias = "gfm")]
    Md,
    Html,
    Json,
    Docx,
}

impl OutputFormat for DiffTo {
    const EXTENSIONS: &'static [(&'static str, Self)] = &[
        ("txt", DiffTo::Text),
        ("text", DiffTo::Text),
        ("diff", DiffTo::Text),
        ("md", DiffTo::Md),
        ("markdown", DiffTo::Md),
        ("html", DiffTo::Html),
        ("htm", DiffTo::Html),
        ("json", DiffTo::Json),
        ("docx", DiffTo::Docx),
    ];
    const DEFAULT: Self = DiffTo::Text;
}

impl DiffTo {
    fn format(self) -> DiffFormat {
        match self {
            DiffTo::Text => DiffFormat::Text,
            DiffTo::Md => DiffFormat::Markdown,
            DiffTo::Html => DiffFormat::Html,
            DiffTo::Json => DiffFormat::Json,
            DiffTo::Docx => DiffFormat::Docx,
        }
    }
}

/// `--color`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Run `actplan diff`: exit 1 when the editions differ in content, 2 on any trouble.
pub(crate) fn run(args: &Args) -> Result<Exit, Failure> {
    compare(args).map_err(|failure| failure.with_exit(Exit::Usage))
}

fn compare(args: &Args) -> Result<Exit, Failure> {
    if args.old == "-" && args.new == "-" {
        return Err(Failure::usage("only one of OLD and NEW can be '-'"));
    }
    let format = infer(args.output.name(), args.to)?.format();
    // Inputs are always read with their tracked changes accepted.
    let options = ReadOptions::default();
    let old = io::read_edition(&args.old, None, &options, args.quiet)?;
    let new = io::read_edition(&args.new, None, &options, args.quiet)?;
    let report = actplan::diff(&old, &new);
    let options = DiffOptions {
        color: colour(args),
        date: match (&args.date, format) {
            (Some(date), _) => date.clone(),
            (None, DiffFormat::Docx) => {
                let seconds = io::source_date_epoch()?.unwrap_or_else(io::now);
                actplan::model::date::iso_utc(seconds)
            }
            (None, _) => DiffOptions::default().date,
        },
    };
    let bytes = actplan::write_diff(&old, &new, &report, format, &options)
        .map_err(|e| Failure::of(args.output.name(), &e))?;
    let payload = match format {
        DiffFormat::Docx => Payload::Binary("Word document"),
        _ => Payload::Text,
    };
    let summary = io::plural(report.changes.len(), "change");
    io::deliver(
        &args.output,
        &bytes,
        payload,
        &[&args.old, &args.new],
        args.quiet,
        &summary,
    )?;
    Ok(if report.is_empty() {
        Exit::Success
    } else {
        Exit::Differences
    })
}

/// Whether the text report is coloured.
fn colour(args: &Args) -> bool {
    match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            args.output.name() == "-"
                && std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}
