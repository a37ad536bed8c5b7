//! `actplan items`: the action items that match filters, as a table.

use super::format::{infer, OutputFormat};
use super::io::{self, OutputArgs, Payload, Reading};
use super::{Exit, Failure};
use actplan::model::owners;
use actplan::query::{self, Filter, ResolutionRef, State};
use actplan::render::listing;
use actplan::Date;
use clap::ValueEnum;

const EXAMPLES: &str = "\
Examples:
  actplan items plan.docx --owner SG17 --open            SG17's open items (and all SGs')
  actplan items plan.docx --milestone TSAG2023 --to csv -o tsag.csv
  actplan items plan.docx --resolution 22 --completed --to json
  actplan items plan.docx --overdue --as-of 2024-07-22 --to html -o overdue.html
  actplan items plan.docx --owner TSBDir --owner TSB     either owner

Filters: --owner, --milestone and --resolution may be repeated (any of the values);
--open, --periodic and --completed select states (any of them); different filters must
all match. --owner takes canonical names or what the document writes (SG17, \"Study Group
17\", TSBDir → TSB Director, \"All SGs\" → SGs, MSs → Member States); a study group also
gets the items of all SGs. --milestone: a meeting (TSAG2023 = \"TSAG 2023\", WTSA-24,
Council 2023), a year (2023: every part due in 2023), ongoing, or any text the milestone
contains.

Exit codes: 0 success, 2 usage, 3 input/output error, 4 not a Word .docx, 5 corrupt
package, 6 size limit exceeded, 7 malformed XML, 8 not an Action Plan, 9 invalid JSON.";

/// Arguments of `actplan items`.
#[derive(clap::Args)]
#[command(after_help = EXAMPLES)]
pub(crate) struct Args {
    /// The edition (.docx or .json); '-' reads standard input.
    input: String,
    /// Only items of this owner (SG17, TSB, "TSB Director", SGs, TSAG…); repeatable.
    #[arg(long, value_name = "OWNER")]
    owner: Vec<String>,
    /// Only open items (neither completed nor periodic goals met).
    #[arg(long)]
    open: bool,
    /// Only items with periodic goals met that are not completed.
    #[arg(long)]
    periodic: bool,
    /// Only completed items.
    #[arg(long)]
    completed: bool,
    /// Only overdue items.
    #[arg(long)]
    overdue: bool,
    /// Only items with this milestone (TSAG2023, WTSA-24, 2023, ongoing…); repeatable.
    #[arg(long, value_name = "MILESTONE")]
    milestone: Vec<String>,
    /// Only items of this resolution (22, "Resolution 22", "Opinion 1"); repeatable.
    #[arg(long, value_name = "N")]
    resolution: Vec<String>,
    /// The date items are overdue against (YYYY-MM-DD); default: the cover's meeting date,
    /// else today.
    #[arg(long, value_name = "DATE", value_parser = actplan::options::parse_as_of)]
    as_of: Option<Date>,
    /// Output format; inferred from the output extension when omitted, else md.
    #[arg(short = 't', long = "to", value_enum)]
    to: Option<ItemsFormat>,
    #[command(flatten)]
    output: OutputArgs,
    /// How to read the edition.
    #[command(flatten)]
    reading: Reading,
}

/// `actplan items --to`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ItemsFormat {
    /// A GitHub-flavoured Markdown table.
    #[value(alias = "markdown", alias = "gfm")]
    Md,
    /// CSV with a header row.
    Csv,
    /// `{"as_of", "count", "items": [...]}` with owners, due points and state.
    Json,
    /// One self-contained HTML page.
    Html,
}

impl OutputFormat for ItemsFormat {
    const EXTENSIONS: &'static [(&'static str, Self)] = &[
        ("md", ItemsFormat::Md),
        ("markdown", ItemsFormat::Md),
        ("csv", ItemsFormat::Csv),
        ("json", ItemsFormat::Json),
        ("html", ItemsFormat::Html),
        ("htm", ItemsFormat::Html),
    ];
    const DEFAULT: Self = ItemsFormat::Md;
}

fn filter(args: &Args) -> Result<Filter, Failure> {
    let mut filter = Filter::default();
    for owner in &args.owner {
        let canonical = owners::canonical(owner).ok_or_else(|| {
            Failure::usage(format!(
                "unknown owner {owner:?} (known: {})",
                owners::all_owners().join(", ")
            ))
        })?;
        filter.owners.push(canonical);
    }
    for resolution in &args.resolution {
        filter
            .resolutions
            .push(ResolutionRef::parse(resolution).ok_or_else(|| {
                Failure::usage(format!(
                "--resolution {resolution:?}: expected a number, \"Resolution N\" or \"Opinion N\""
            ))
            })?);
    }
    for (wanted, state) in [
        (args.open, State::Open),
        (args.periodic, State::Periodic),
        (args.completed, State::Completed),
    ] {
        if wanted {
            filter.states.push(state);
        }
    }
    filter.overdue = args.overdue;
    filter.milestones = args.milestone.clone();
    Ok(filter)
}

/// Run `actplan items`.
pub(crate) fn run(args: &Args) -> Result<Exit, Failure> {
    let format = infer(args.output.name(), args.to)?;
    let filter = filter(args)?;
    let plan = args.reading.read(&args.input)?;
    if let Some(missing) = filter.resolutions.iter().find(|r| !r.is_in(&plan)) {
        return Err(Failure::usage(format!(
            "{}: --resolution {}: the edition has no {} {}",
            args.input,
            missing.number,
            missing.kind.as_str(),
            missing.number
        )));
    }
    let as_of = io::as_of_or_today(&plan, args.as_of);
    let rows = query::select(&plan, &filter, as_of);
    let text = match format {
        ItemsFormat::Md => listing::items_markdown(&rows, as_of),
        ItemsFormat::Csv => query::items_csv(&rows),
        ItemsFormat::Json => query::items_json(&rows, as_of),
        ItemsFormat::Html => {
            listing::items_html(&rows, &listing::page_title(&plan, "Action items"), as_of)
        }
    };
    let summary = io::plural(rows.len(), "item");
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
