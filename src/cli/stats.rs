//! `actplan stats`: items counted per resolution and per owner.

use super::format::{infer, OutputFormat};
use super::io::{self, OutputArgs, Payload, Reading};
use super::{Exit, Failure};
use actplan::query;
use actplan::render::listing;
use actplan::Date;
use clap::ValueEnum;

const EXAMPLES: &str = "\
Examples:
  actplan stats plan.docx                               tables on the terminal
  actplan stats plan.docx --to html -o stats.html       bar charts (inline SVG) and tables
  actplan stats plan.json --to json --as-of 2024-07-22

Per resolution and per owner: items, completed, periodic goals met (not completed), open
(neither), overdue. An item counts once for each of its owners.

Exit codes: 0 success, 2 usage, 3 input/output error, 4 not a Word .docx, 5 corrupt
package, 6 size limit exceeded, 7 malformed XML, 8 not an Action Plan, 9 invalid JSON.";

/// Arguments of `actplan stats`.
#[derive(clap::Args)]
#[command(after_help = EXAMPLES)]
pub(crate) struct Args {
    /// The edition (.docx or .json); '-' reads standard input.
    input: String,
    /// The date items are overdue against (YYYY-MM-DD); default: the cover's meeting date,
    /// else today.
    #[arg(long, value_name = "DATE", value_parser = actplan::options::parse_as_of)]
    as_of: Option<Date>,
    /// Output format; inferred from the output extension when omitted, else text.
    #[arg(short = 't', long = "to", value_enum)]
    to: Option<StatsFormat>,
    #[command(flatten)]
    output: OutputArgs,
    /// How to read the edition.
    #[command(flatten)]
    reading: Reading,
}

/// `actplan stats --to`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum StatsFormat {
    /// Aligned tables.
    #[value(alias = "txt")]
    Text,
    /// The counts as JSON.
    Json,
    /// One self-contained HTML page with bar charts drawn as inline SVG.
    Html,
}

impl OutputFormat for StatsFormat {
    const EXTENSIONS: &'static [(&'static str, Self)] = &[
        ("txt", StatsFormat::Text),
        ("text", StatsFormat::Text),
        ("json", StatsFormat::Json),
        ("html", StatsFormat::Html),
        ("htm", StatsFormat::Html),
    ];
    const DEFAULT: Self = StatsFormat::Text;
}

/// Run `actplan stats`.
pub(crate) fn run(args: &Args) -> Result<Exit, Failure> {
    let format = infer(args.output.name(), args.to)?;
    let plan = args.reading.read(&args.input)?;
    let as_of = io::as_of_or_today(&plan, args.as_of);
    let stats = query::stats(&plan, as_of);
    let text = match format {
        StatsFormat::Text => query::stats_text(&stats),
        StatsFormat::Json => query::stats_json(&stats),
        StatsFormat::Html => listing::stats_html(
            &stats,
            &listing::page_title(&plan, "Action item statistics"),
        ),
    };
    let summary = io::plural(stats.totals.items, "item");
    io::deliver(
        &args.output,
        text.as_bytes(),
        Payload::Text,
        &[&args.input],
        args.reading.quiet,
        &summary,
    )?;
    Ok(Exit::Success)
}
