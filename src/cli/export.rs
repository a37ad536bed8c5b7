//! `actplan export`: the status-update spreadsheet of an edition.

use super::format::{infer, OutputFormat};
use super::io;
use super::{Exit, Failure};
use actplan::{ExportOptions, ReadOptions, SheetFormat};
use clap::ValueEnum;

const EXAMPLES: &str = "\
Examples:
  actplan export plan.docx -o updates.xlsx              every action item
  actplan export plan.docx -o sg17.xlsx --owner SG17    SG17's items (and those of all SGs)
  actplan export plan.json -o updates.csv               CSV (UTF-8) for people without Excel

The sheet: Resolution, Id, Action, Owners, Milestone, Periodic goals met, Completed,
Current status, New status. Counsellors edit Milestone, the two marks (✓ or empty) and
write New status (one paragraph per line, \"- \" for a bullet); the other columns are
locked (sheet protection without a password). Then: actplan import plan.json filled.xlsx.

Exit codes: 0 success, 2 usage, 3 input/output error, 4 not a Word .docx, 5 corrupt
package, 6 size limit exceeded, 7 malformed XML, 8 not an Action Plan, 9 invalid JSON.";

/// Arguments of `actplan export`.
#[derive(clap::Args)]
#[command(after_help = EXAMPLES)]
pub(crate) struct Args {
    /// The edition (.docx or .json); '-' reads standard input.
    input: String,
    /// The spreadsheet to write: .xlsx, or .csv; '-' writes CSV to standard output.
    #[arg(short, long)]
    output: String,
    /// Only the items of this owner (SG17, TSB, TSAG…; a study group also gets the items of
    /// all SGs); repeatable.
    #[arg(long, value_name = "OWNER")]
    owner: Vec<String>,
    /// Do not print warnings.
    #[arg(short, long)]
    quiet: bool,
}

/// The sheet's form, from the extension of `-o`.
#[derive(Clone, Copy, ValueEnum)]
enum ExportFormat {
    Xlsx,
    Csv,
}

impl OutputFormat for ExportFormat {
    const EXTENSIONS: &'static [(&'static str, Self)] = &[
        ("xlsx", ExportFormat::Xlsx),
        ("xlsm", ExportFormat::Xlsx),
        ("csv", ExportFormat::Csv),
        ("txt", ExportFormat::Csv),
    ];
    const DEFAULT: Self = ExportFormat::Csv;
}

/// Run `actplan export`.
pub(crate) fn run(args: &Args) -> Result<Exit, Failure> {
    let format = match infer::<ExportFormat>(&args.output, None) {
        Ok(ExportFormat::Xlsx) => SheetFormat::Xlsx,
        Ok(ExportFormat::Csv) if args.output == "-" || has_extension(&args.output) => {
            SheetFormat::Csv
        }
        _ => {
            return Err(Failure::usage(format!(
                "{}: the output must be a .xlsx or .csv file",
                args.output
            )))
        }
    };
    let plan = io::read_edition(&args.input, None, &ReadOptions::default(), args.quiet)?;
    let options = ExportOptions {
        owners: args.owner.clone(),
        created: io::source_date_epoch()?,
    };
    let bytes = actplan::export(&plan, format, &options).map_err(|e| {
        let name = match e {
            actplan::Error::Sheet(actplan::error::SheetError::Write(_)) => &args.output,
            _ => &args.input,
        };
        Failure::of(name, &e)
    })?;
    io::write_output(&args.output, &bytes, &[&args.input])?;
    Ok(Exit::Success)
}

fn has_extension(path: &str) -> bool {
    std::path::Path::new(path).extension().is_some()
}
