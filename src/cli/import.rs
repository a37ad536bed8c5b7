//! `actplan import`: a filled-in status-update spreadsheet merged into an edition.

use super::format::infer;
use super::io;
use super::{Exit, Failure};
use actplan::{ReadOptions, RenderOptions, SheetLimits};
use std::path::Path;

const EXAMPLES: &str = "\
Examples:
  actplan import plan.json updates.xlsx -o next-edition.json
  actplan import plan.docx updates.csv -o next-edition.json
  actplan import plan.json updates.xlsx -o next-edition.docx   the TSAG report as Word

Columns are found by their header names; other columns are ignored. Changed marks
(✓ √ x yes true 1 / empty no false 0) and milestones replace the edition's, New status
lines are appended to the item's status (\"- \" lines as bullets); nothing else changes.
An unknown id, an edited id, Resolution, Action or Current status, or two rows for one
item that disagree is an error naming the row, and nothing is written (exit 12).";

/// Arguments of `actplan import`.
#[derive(clap::Args)]
#[command(after_help = EXAMPLES)]
pub(crate) struct Args {
    /// The edition the updates apply to (.docx or .json); '-' reads standard input.
    input: String,
    /// The filled-in spreadsheet (.xlsx or .csv).
    updates: String,
    /// The new edition; the format from the extension (json, md, html, docx); '-' (the
    /// default) writes JSON to standard output.
    #[arg(short, long, default_value = "-")]
    output: String,
    /// Do not print warnings and the summary.
    #[arg(short, long)]
    quiet: bool,
}

/// Run `actplan import`.
pub(crate) fn run(args: &Args) -> Result<Exit, Failure> {
    if args.updates == "-" {
        return Err(Failure::usage(
            "the update sheet must be a file (.xlsx or .csv), not '-'",
        ));
    }
    let format = infer::<super::convert::ConvertFormat>(&args.output, None)?.format();
    if args.output != "-" && io::same_file(Path::new(&args.updates), Path::new(&args.output)) {
        return Err(Failure::new(
            Exit::Io,
            format!("{}: refusing to overwrite the update sheet", args.output),
        ));
    }
    let plan = io::read_edition(&args.input, None, &ReadOptions::default(), args.quiet)?;
    let limits = SheetLimits::default();
    let bytes = read_sheet(&args.updates, limits.max_input_bytes)?;
    let (next, summary) =
        actplan::import(&plan, &bytes, &limits).map_err(|e| Failure::of(&args.updates, &e))?;
    let output = actplan::render(&next, format, &RenderOptions::default())
        .map_err(|e| Failure::of(&args.output, &e))?;
    io::write_output(&args.output, &output, &[&args.input, &args.updates])?;
    if !args.quiet {
        eprintln!(
            "actplan: {}: {} item rows, {} items updated, {} status paragraphs added",
            args.updates, summary.rows, summary.items_changed, summary.paragraphs_added
        );
    }
    Ok(Exit::Success)
}

/// The sheet's bytes; larger than `limit` is refused before reading.
fn read_sheet(path: &str, limit: u64) -> Result<Vec<u8>, Failure> {
    io::read_input(path, limit).map_err(|failure| match failure.exit {
        Exit::TooLarge => Failure::new(
            Exit::TooLarge,
            failure
                .message
                .replace("the input is", "the sheet is")
                .replace(" (--max-input-bytes)", ""),
        ),
        _ => failure,
    })
}
