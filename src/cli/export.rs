//! `actplan export`: the status-update spreadsheet of an edition.

use super::format::{infer, OutputFormat};
use super::io::{self, OutputArgs, Payload};
use super::{Exit, Failure};
use actplan::{ExportOptions, ReadOptions, SheetFormat};
use clap::ValueEnum;

const EXAMPLES: &str = "\
Examples:
  actplan export plan.docx -o updates.xlsx              every action item
  actplan export plan.docx -o sg17.xlsx --owner SG17    SG17's items (and those of all SGs)
  actplan export plan.json -o updates.csv               CSV (UTF-8) for people without Excel
  actplan export plan.docx --to csv -o -                CSV on standard output

The sheet: Resolution, Id, Action, Owners, Milestone, Periodic goals met, Completed,
Current status, New status. Counsellors edit Milestone, the two marks (✓ or empty) and
write New status (one paragraph per line, \"- \" for a bullet); the other columns are
locked (sheet protection without a password). Then: actplan import plan.json filled.xlsx.

A CSV cell that a spreadsheet would run as a formula (=, +, -, @ first, e.g. a status
starting with \"- \") is written with a leading ' ; import takes it off again.

Exit codes: 0 success, 2 usage (also: no item of that owner), 3 input/output error, 4 not a Word .docx, 5 corrupt
package, 6 size limit exceeded, 7 malformed XML, 8 not an Action Plan, 9 invalid JSON.";

/// Arguments of `actplan export`.
#[derive(clap::Args)]
#[command(after_help = EXAMPLES)]
pub(crate) struct Args {
    /// The edition (.docx or .json); '-' reads standard input.
    input: String,
    #[command(flatten)]
    output: OutputArgs,
    /// The sheet's form; inferred from the output extension (.xlsx, .csv) when omitted.
    #[arg(short = 't', long = "to", value_enum)]
    to: Option<ExportFormat>,
    /// Only the items of this owner (SG17, TSB, TSAG…; a study group also gets the items of
    /// all SGs); repeatable.
    #[arg(long, value_name = "OWNER")]
    owner: Vec<String>,
    /// Do not print warnings nor what was written.
    #[arg(short, long)]
    quiet: bool,
}

/// `export --to`.
#[derive(Clone, Copy, ValueEnum)]
enum ExportFormat {
    /// An Excel workbook with locked columns and mark validation.
    Xlsx,
    /// CSV text (UTF-8 with a byte-order mark).
    Csv,
}

impl OutputFormat for ExportFormat {
    const EXTENSIONS: &'static [(&'static str, Self)] = &[
        ("xlsx", ExportFormat::Xlsx),
        ("xlsm", ExportFormat::Xlsx),
        ("csv", ExportFormat::Csv),
    ];
    const DEFAULT: Self = ExportFormat::Csv;
}

/// Run `actplan export`.
pub(crate) fn run(args: &Args) -> Result<Exit, Failure> {
    let (format, payload) = match infer(args.output.name(), args.to)? {
        ExportFormat::Xlsx => (SheetFormat::Xlsx, Payload::Binary("spreadsheet")),
        ExportFormat::Csv => (SheetFormat::Csv, Payload::Text),
    };
    let plan = io::read_edition(&args.input, None, &ReadOptions::default(), args.quiet)?;
    let options = ExportOptions {
        owners: args.owner.clone(),
        created: io::source_date_epoch()?,
    };
    let bytes = actplan::export(&plan, format, &options).map_err(|e| {
        let name = match e {
            actplan::Error::Sheet(actplan::error::SheetError::Write(_)) => args.output.name(),
            _ => &args.input,
        };
        Failure::of(name, &e)
    })?;
    let rows = actplan::sheet::rows(&plan, &args.owner).map_or(0, |rows| rows.len());
    let summary = io::plural(rows, "item row");
    io::deliver(
        &args.output,
        &bytes,
        payload,
        &[&args.input],
        args.quiet,
        &summary,
    )?;
    Ok(Exit::Success)
}
