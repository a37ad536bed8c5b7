//! Subcommands that work with the plan once it is read: checking it, querying it, and the
//! spreadsheet round trip. Each file holds one subcommand's arguments and its `run`.

pub mod check;
pub mod query;
pub mod sheet;

/// The options every plan-reading subcommand shares: `--from` and `--quiet`.
#[derive(clap::Args)]
pub struct Reading {
    /// Input format; inferred from the extension or the content when omitted.
    #[arg(short = 'f', long = "from", value_enum)]
    pub from: Option<crate::InputFormat>,
    /// Do not print reading warnings.
    #[arg(short, long)]
    pub quiet: bool,
}

impl Reading {
    /// Read the edition `input` (.docx or .json; '-' = standard input).
    pub fn read(&self, input: &str) -> Result<actplan::ActionPlan, crate::Failure> {
        crate::read_plan(
            input,
            self.from,
            &actplan::ReadOptions::default(),
            self.quiet,
        )
    }
}
