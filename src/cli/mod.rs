//! Subcommands that work with the plan once it is read: checking it, querying it, and the
//! spreadsheet round trip. Each file holds one subcommand's arguments and its `run`.

pub mod check;
pub mod query;
pub mod sheet;
