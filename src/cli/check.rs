//! `actplan check`: consistency findings of an edition.

use crate::Failure;
use std::process::ExitCode;

/// Arguments of `actplan check`.
#[derive(clap::Args)]
pub struct CheckArgs {
    /// The edition (.docx or .json); '-' reads standard input.
    pub input: String,
}

/// Run `actplan check`.
pub fn run(args: &CheckArgs) -> Result<ExitCode, Failure> {
    let _ = args;
    Err(Failure::new(2, "actplan check is not implemented yet"))
}
