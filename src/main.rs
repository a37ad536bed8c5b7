//! The `actplan` command line: parse the arguments, dispatch to the subcommand, map its
//! outcome to an exit code. Each subcommand lives in its own file under `src/cli/`; all the
//! work is done by the library.

use clap::{Parser, Subcommand};
use cli::{Exit, Failure};
use std::process::ExitCode;

mod cli;

#[derive(Parser)]
#[command(
    name = "actplan",
    version,
    about = "Read, report, check and compare editions of the ITU-T WTSA Action Plan (.docx or JSON)",
    after_help = cli::OVERVIEW
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Convert an edition (.docx or .json) to JSON, or write its report (Markdown, HTML,
    /// Word).
    Convert(cli::convert::Args),
    /// Compare two editions (.docx or .json) and report what changed in their content.
    Diff(cli::diff::Args),
    /// Print the JSON Schema of the model.
    Schema(cli::schema::Args),
    /// Write the built-in report templates into a folder for editing.
    Templates(cli::templates::Args),
    /// Check an edition's consistency (duplicate ids, overdue items, matrix vs sections…).
    Check(cli::check::Args),
    /// List the action items that match filters (owner, open, milestone…).
    Items(cli::items::Args),
    /// Count items per resolution and per owner.
    Stats(cli::stats::Args),
    /// Export the action items to a spreadsheet for status updates.
    Export(cli::export::Args),
    /// Merge a filled-in spreadsheet of status updates into an edition.
    Import(cli::import::Args),
}

fn run(command: Command) -> Result<Exit, Failure> {
    match command {
        Command::Convert(args) => cli::convert::run(&args),
        Command::Diff(args) => cli::diff::run(&args),
        Command::Schema(args) => cli::schema::run(&args),
        Command::Templates(args) => cli::templates::run(&args),
        Command::Check(args) => cli::check::run(&args),
        Command::Items(args) => cli::items::run(&args),
        Command::Stats(args) => cli::stats::run(&args),
        Command::Export(args) => cli::export::run(&args),
        Command::Import(args) => cli::import::run(&args),
    }
}

fn main() -> ExitCode {
    // clap prints usage errors itself and exits 2 (Exit::Usage).
    match run(Cli::parse().command) {
        Ok(exit) => exit.into(),
        Err(failure) => {
            eprintln!("actplan: {}", failure.message);
            failure.exit.into()
        }
    }
}
