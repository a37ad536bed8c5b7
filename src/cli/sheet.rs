//! `actplan export` and `actplan import`: the spreadsheet round trip of status updates.

use crate::Failure;
use actplan::sheet::{self, xlsx, ReadLimits, SheetError, SheetFormat};
use actplan::ReadOptions;
use std::io::Read;
use std::path::Path;

const EXPORT_EXAMPLES: &str = "\
Examples:
  actplan export plan.docx -o updates.xlsx              every action item
  actplan export plan.docx -o sg17.xlsx --owner SG17    SG17's items (and those of all SGs)
  actplan export plan.json -o updates.csv               CSV (UTF-8) for people without Excel

The sheet: Resolution, Id, Action, Owners, Milestone, Periodic goals met, Completed,
Current status, New status. Counsellors edit Milestone, the two marks (✓ or empty) and
write New status (one paragraph per line, \"- \" for a bullet); the other columns are
locked (sheet protection without a password). Then: actplan import plan.json filled.xlsx.";

const IMPORT_EXAMPLES: &str = "\
Examples:
  actplan import plan.json updates.xlsx -o next-edition.json
  actplan import plan.docx updates.csv -o next-edition.json
  actplan import plan.json updates.xlsx -o next-edition.docx   the TSAG report as Word

Columns are found by their header names; other columns are ignored. Changed marks
(✓ √ x yes true 1 / empty no false 0) and milestones replace the edition's, New status
lines are appended to the item's status (\"- \" lines as bullets); nothing else changes.
An unknown id, an edited id, Resolution, Action or Current status, or two rows for one
item that disagree is an error naming the row, and nothing is written (exit 12).";

/// Arguments of `actplan export`.
#[derive(clap::Args)]
#[command(after_help = EXPORT_EXAMPLES)]
pub struct ExportArgs {
    /// The edition (.docx or .json); '-' reads standard input.
    pub input: String,
    /// The spreadsheet to write: .xlsx, or .csv; '-' writes CSV to standard output.
    #[arg(short, long)]
    pub output: String,
    /// Only the items of this owner (SG17, TSB, TSAG…; a study group also gets the items of
    /// all SGs); repeatable.
    #[arg(long, value_name = "OWNER")]
    pub owner: Vec<String>,
    /// Do not print warnings.
    #[arg(short, long)]
    pub quiet: bool,
}

/// Arguments of `actplan import`.
#[derive(clap::Args)]
#[command(after_help = IMPORT_EXAMPLES)]
pub struct ImportArgs {
    /// The edition the updates apply to (.docx or .json); '-' reads standard input.
    pub input: String,
    /// The filled-in spreadsheet (.xlsx or .csv).
    pub updates: String,
    /// The new edition; the format from the extension (json, md, html, docx); '-' (the
    /// default) writes JSON to standard output.
    #[arg(short, long, default_value = "-")]
    pub output: String,
    /// Do not print warnings and the summary.
    #[arg(short, long)]
    pub quiet: bool,
}

/// Exit code of an update sheet that cannot be read or does not apply.
const SHEET_EXIT: u8 = 12;

fn sheet_failure(name: &str, error: &SheetError) -> Failure {
    let code = match error {
        SheetError::TooLarge(_) => 6,
        SheetError::NoItems { .. } | SheetError::UnknownOwner { .. } => 2,
        SheetError::Write(_) => 3,
        _ => SHEET_EXIT,
    };
    Failure::new(code, format!("{name}: {error}"))
}

/// The creation date of the workbook: SOURCE_DATE_EPOCH when set, else a fixed date, so
/// that exporting the same edition twice gives the same bytes.
fn created() -> Result<i64, Failure> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(value) => value.trim().parse::<i64>().map_err(|_| {
            Failure::new(
                2,
                format!("SOURCE_DATE_EPOCH={value:?} is not a number of seconds"),
            )
        }),
        Err(_) => Ok(xlsx::DEFAULT_CREATED),
    }
}

/// Run `actplan export`.
pub fn export(args: &ExportArgs) -> Result<(), Failure> {
    let format = if args.output == "-" {
        SheetFormat::Csv
    } else {
        let lower = args.output.to_ascii_lowercase();
        match Path::new(&lower).extension().and_then(|e| e.to_str()) {
            Some("xlsx" | "xlsm") => SheetFormat::Xlsx,
            Some("csv" | "txt") => SheetFormat::Csv,
            _ => {
                return Err(Failure::new(
                    2,
                    format!("{}: the output must be a .xlsx or .csv file", args.output),
                ))
            }
        }
    };
    let plan = crate::read_plan(&args.input, None, &ReadOptions::default(), args.quiet)?;
    let rows = sheet::rows(&plan, &args.owner).map_err(|e| sheet_failure(&args.input, &e))?;
    let bytes = match format {
        SheetFormat::Csv => sheet::csv::write(&rows),
        SheetFormat::Xlsx => {
            let mut options = xlsx::WriteOptions {
                created: created()?,
                ..xlsx::WriteOptions::default()
            };
            let edition = [
                plan.title.clone(),
                plan.cover.as_ref().and_then(|c| c.td_number.clone()),
            ];
            let edition: Vec<String> = edition.into_iter().flatten().collect();
            if !edition.is_empty() {
                options.title = format!("{}: {}", options.title, edition.join(", "));
            }
            xlsx::write(&rows, &options).map_err(|e| sheet_failure(&args.output, &e))?
        }
    };
    let input_path = (args.input != "-").then(|| Path::new(&args.input));
    crate::write_output(&args.output, &bytes, input_path)
}

/// Read the update sheet, refusing a file larger than the limit before reading it.
fn read_updates(path: &str, limits: &ReadLimits) -> Result<Vec<u8>, Failure> {
    let file = std::fs::File::open(path)
        .map_err(|e| Failure::new(3, format!("{path}: cannot open: {e}")))?;
    let limit = limits.max_input_bytes;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let mut bytes = Vec::new();
    if size <= limit {
        file.take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| Failure::new(3, format!("{path}: cannot read: {e}")))?;
    }
    if size > limit || bytes.len() as u64 > limit {
        return Err(Failure::new(
            6,
            format!(
                "{path}: the sheet is {} bytes, more than the {limit} bytes allowed",
                size.max(bytes.len() as u64)
            ),
        ));
    }
    Ok(bytes)
}

/// Run `actplan import`.
pub fn import(args: &ImportArgs) -> Result<(), Failure> {
    if args.updates == "-" {
        return Err(Failure::new(
            2,
            "the update sheet must be a file (.xlsx or .csv), not '-'",
        ));
    }
    let format = crate::output_format(&args.output, None)?;
    if args.output != "-" && crate::same_file(Path::new(&args.updates), Path::new(&args.output)) {
        return Err(Failure::new(
            3,
            format!("{}: refusing to overwrite the update sheet", args.output),
        ));
    }
    let plan = crate::read_plan(&args.input, None, &ReadOptions::default(), args.quiet)?;
    let limits = ReadLimits::default();
    let bytes = read_updates(&args.updates, &limits)?;
    let records = sheet::read(&bytes, &limits).map_err(|e| sheet_failure(&args.updates, &e))?;
    let (next, summary) =
        sheet::merge(&plan, &records).map_err(|e| sheet_failure(&args.updates, &e))?;
    let output = actplan::render::render(&next, format, &actplan::render::RenderOptions::default())
        .map_err(|e| crate::render_failure(&args.output, &e))?;
    let input_path = (args.input != "-").then(|| Path::new(&args.input));
    crate::write_output(&args.output, &output, input_path)?;
    if !args.quiet {
        eprintln!(
            "actplan: {}: {} item rows, {} items updated, {} status paragraphs added",
            args.updates, summary.rows, summary.items_changed, summary.paragraphs_added
        );
    }
    Ok(())
}
