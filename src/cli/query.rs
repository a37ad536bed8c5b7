//! `actplan items` and `actplan stats`: selecting items and counting them.

use crate::Failure;

/// Arguments of `actplan items`.
#[derive(clap::Args)]
pub struct ItemsArgs {
    /// The edition (.docx or .json); '-' reads standard input.
    pub input: String,
}

/// Arguments of `actplan stats`.
#[derive(clap::Args)]
pub struct StatsArgs {
    /// The edition (.docx or .json); '-' reads standard input.
    pub input: String,
}

/// Run `actplan items`.
pub fn items(args: &ItemsArgs) -> Result<(), Failure> {
    let _ = args;
    Err(Failure::new(2, "actplan items is not implemented yet"))
}

/// Run `actplan stats`.
pub fn stats(args: &StatsArgs) -> Result<(), Failure> {
    let _ = args;
    Err(Failure::new(2, "actplan stats is not implemented yet"))
}
