//! `actplan import`: a filled-in status-update spreadsheet merged into an edition.

use super::convert::ConvertFormat;
use super::format::infer;
use super::io::{self, OutputArgs, Payload};
use super::{Exit, Failure};
use actplan::{Format, ReadOptions, RenderOptions, SheetLimits};
use std::path::Path;

const EXAMPLES: &str = "\
Examples:
  actplan import plan.json updates.xlsx -o next-edition.json
  actplan import plan.docx updates.csv -o next-edition.json
  actplan import plan.json updates.xlsx -o next-edition.docx   the TSAG report as Word
  actplan import plan.json updates.xlsx -o next.json --set td_number=\"TD 412\" --set meeting=\"Geneva, 22-26 July 2024\"
      the next edition's cover (so that a diff shows the editions apart)

Columns are found by their header names; other columns are ignored. Changed marks
(✓ √ x yes true 1 / empty no false 0) and milestones replace the edition's, New status
lines are appended to the item's status (\"- \" lines as bullets); nothing else changes.
An unknown id, an edited id, Resolution, Action or Current status, or two rows for one
item that disagree is an error naming the row, and nothing is written (exit 12).
An id that a spreadsheet turned into a date (01-02 → 2-Jan) is named as such: format
the Id column as Text, or edit the .xlsx as exported rather than a CSV.

Exit codes: 0 success, 2 usage, 3 input/output error, 4-9 the edition cannot be read
(as for convert), 6 the sheet is too large, 12 unusable update sheet.";

/// Arguments of `actplan import`.
#[derive(clap::Args)]
#[command(after_help = EXAMPLES)]
pub(crate) struct Args {
    /// The edition the updates apply to (.docx or .json); '-' reads standard input.
    input: String,
    /// The filled-in spreadsheet (.xlsx or .csv).
    updates: String,
    #[command(flatten)]
    output: OutputArgs,
    /// Output format of the new edition (json, md, html, docx); inferred from the output
    /// extension when omitted, else JSON.
    #[arg(short = 't', long = "to", value_enum)]
    to: Option<ConvertFormat>,
    /// Set a cover field of the new edition (td_number, meeting, …); repeatable.
    #[arg(long = "set", value_name = "KEY=VALUE", value_parser = actplan::options::parse_setting)]
    settings: Vec<(String, String)>,
    /// Do not print warnings nor what was written.
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
    let output = args.output.name();
    let format = infer(output, args.to)?.format();
    io::check_settings(&args.settings)?;
    if output != "-" && io::same_file(Path::new(&args.updates), Path::new(output)) {
        return Err(Failure::new(
            Exit::Io,
            format!("{output}: refusing to overwrite the update sheet"),
        ));
    }
    let plan = io::read_edition(&args.input, None, &ReadOptions::default(), args.quiet)?;
    let limits = SheetLimits::default();
    let bytes = read_sheet(&args.updates, limits.max_input_bytes)?;
    let (mut next, merged) =
        actplan::import(&plan, &bytes, &limits).map_err(|e| Failure::of(&args.updates, &e))?;
    actplan::set_cover_fields(&mut next, &args.settings).map_err(|e| Failure::of(output, &e))?;
    let written = actplan::render(&next, format, &RenderOptions::default())
        .map_err(|e| Failure::of(output, &e))?;
    let payload = match format {
        Format::Docx => Payload::Binary("Word document"),
        _ => Payload::Text,
    };
    let summary = format!(
        "{}; from {}: {} item rows, {} items updated, {} status paragraphs added",
        io::plan_summary(&next),
        args.updates,
        merged.rows,
        merged.items_changed,
        merged.paragraphs_added
    );
    io::deliver(
        &args.output,
        &written,
        payload,
        &[&args.input, &args.updates],
        args.quiet,
        &summary,
    )?;
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
                .replace(" (--max-input-bytes raises the limit)", ""),
        ),
        _ => failure,
    })
}
