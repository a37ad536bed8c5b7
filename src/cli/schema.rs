//! `actplan schema`: the JSON Schema of the model, or of the diff report.

use super::{io, Exit, Failure};

/// Arguments of `actplan schema`.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  actplan schema > actplan.schema.json\n  actplan schema --diff > diff.schema.json     the report of `actplan diff --to json`\n\nExit codes: 0 success, 3 output error."
)]
pub(crate) struct Args {
    /// Print the schema of the diff report (`actplan diff --to json`) instead of the model's.
    #[arg(long)]
    diff: bool,
}

/// Run `actplan schema`: print the schema.
pub(crate) fn run(args: &Args) -> Result<Exit, Failure> {
    let schema = if args.diff {
        actplan::diff::json_schema()
    } else {
        actplan::model::json_schema()
    };
    io::write_output("-", schema.as_bytes(), &[])?;
    Ok(Exit::Success)
}
