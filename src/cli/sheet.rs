//! `actplan export` and `actplan import`: the spreadsheet round trip of status updates.

use crate::Failure;

/// Arguments of `actplan export`.
#[derive(clap::Args)]
pub struct ExportArgs {
    /// The edition (.docx or .json); '-' reads standard input.
    pub input: String,
}

/// Arguments of `actplan import`.
#[derive(clap::Args)]
pub struct ImportArgs {
    /// The edition the updates apply to (.docx or .json).
    pub input: String,
    /// The filled-in spreadsheet (.xlsx or .csv).
    pub updates: String,
}

/// Run `actplan export`.
pub fn export(args: &ExportArgs) -> Result<(), Failure> {
    let _ = args;
    Err(Failure::new(2, "actplan export is not implemented yet"))
}

/// Run `actplan import`.
pub fn import(args: &ImportArgs) -> Result<(), Failure> {
    let _ = args;
    Err(Failure::new(2, "actplan import is not implemented yet"))
}
