//! `actplan schema`: the JSON Schema of the model.

use super::{io, Exit, Failure};

/// Arguments of `actplan schema` (none).
#[derive(clap::Args)]
#[command(
    after_help = "Example:\n  actplan schema > actplan.schema.json\n\nExit codes: 0 success, 3 output error."
)]
pub(crate) struct Args {}

/// Run `actplan schema`: print the schema.
pub(crate) fn run(_args: &Args) -> Result<Exit, Failure> {
    io::write_output("-", actplan::model::json_schema().as_bytes(), &[])?;
    Ok(Exit::Success)
}
