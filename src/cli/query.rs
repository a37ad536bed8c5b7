//! `actplan items` and `actplan stats`: selecting items and counting them.

use super::check::{as_of, parse_as_of};
use crate::Failure;
use actplan::milestone::Date;
use actplan::query::{self, Filter, ResolutionRef, State};
use actplan::{owners, ActionPlan};
use clap::ValueEnum;
use std::path::Path;

const ITEMS_EXAMPLES: &str = "\
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
contains.";

const STATS_EXAMPLES: &str = "\
Examples:
  actplan stats plan.docx                               tables on the terminal
  actplan stats plan.docx --to html -o stats.html       bar charts (inline SVG) and tables
  actplan stats plan.json --to json --as-of 2024-07-22

Per resolution and per owner: items, completed, periodic goals met (not completed), open
(neither), overdue. An item counts once for each of its owners.";

/// Arguments of `actplan items`.
#[derive(clap::Args)]
#[command(after_help = ITEMS_EXAMPLES)]
pub struct ItemsArgs {
    /// The edition (.docx or .json); '-' reads standard input.
    pub input: String,
    /// Only items of this owner (SG17, TSB, "TSB Director", SGs, TSAG…); repeatable.
    #[arg(long, value_name = "OWNER")]
    pub owner: Vec<String>,
    /// Only open items (neither completed nor periodic goals met).
    #[arg(long)]
    pub open: bool,
    /// Only items with periodic goals met that are not completed.
    #[arg(long)]
    pub periodic: bool,
    /// Only completed items.
    #[arg(long)]
    pub completed: bool,
    /// Only overdue items.
    #[arg(long)]
    pub overdue: bool,
    /// Only items with this milestone (TSAG2023, WTSA-24, 2023, ongoing…); repeatable.
    #[arg(long, value_name = "MILESTONE")]
    pub milestone: Vec<String>,
    /// Only items of this resolution (22, "Resolution 22", "Opinion 1"); repeatable.
    #[arg(long, value_name = "N")]
    pub resolution: Vec<String>,
    /// The date items are overdue against (YYYY-MM-DD); default: the cover's meeting date,
    /// else today.
    #[arg(long, value_name = "DATE", value_parser = parse_as_of)]
    pub as_of: Option<Date>,
    /// Output format; inferred from the output extension when omitted, else md.
    #[arg(short = 't', long = "to", value_enum)]
    pub to: Option<ItemsFormat>,
    /// Output file; '-' (the default) writes standard output.
    #[arg(short, long, default_value = "-")]
    pub output: String,
    /// How to read the edition.
    #[command(flatten)]
    pub reading: super::Reading,
}

/// `actplan items --to`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ItemsFormat {
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

/// Arguments of `actplan stats`.
#[derive(clap::Args)]
#[command(after_help = STATS_EXAMPLES)]
pub struct StatsArgs {
    /// The edition (.docx or .json); '-' reads standard input.
    pub input: String,
    /// The date items are overdue against (YYYY-MM-DD); default: the cover's meeting date,
    /// else today.
    #[arg(long, value_name = "DATE", value_parser = parse_as_of)]
    pub as_of: Option<Date>,
    /// Output format; inferred from the output extension when omitted, else text.
    #[arg(short = 't', long = "to", value_enum)]
    pub to: Option<StatsFormat>,
    /// Output file; '-' (the default) writes standard output.
    #[arg(short, long, default_value = "-")]
    pub output: String,
    /// How to read the edition.
    #[command(flatten)]
    pub reading: super::Reading,
}

/// `actplan stats --to`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatsFormat {
    /// Aligned tables.
    #[value(alias = "txt")]
    Text,
    /// The counts as JSON.
    Json,
    /// One self-contained HTML page with bar charts drawn as inline SVG.
    Html,
}

fn extension(output: &str) -> Option<String> {
    if output == "-" {
        return None;
    }
    Path::new(output)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
}

fn write(input: &str, output: &str, text: &str) -> Result<(), Failure> {
    let input_path = (input != "-").then(|| Path::new(input));
    crate::write_output(output, text.as_bytes(), input_path)
}

/// The title of an HTML page: the document title with the cover's TD number.
fn page_title(plan: &ActionPlan, what: &str) -> String {
    let mut title = plan
        .title
        .clone()
        .or_else(|| plan.cover.as_ref().and_then(|c| c.title.clone()))
        .unwrap_or_else(|| "Action Plan".to_string());
    if let Some(td) = plan.cover.as_ref().and_then(|c| c.td_number.clone()) {
        title = format!("{title} ({td})");
    }
    format!(
        "{what} — {}",
        title.split_whitespace().collect::<Vec<_>>().join(" ")
    )
}

fn filter(args: &ItemsArgs) -> Result<Filter, Failure> {
    let mut filter = Filter::default();
    for owner in &args.owner {
        let canonical = owners::canonical(owner).ok_or_else(|| {
            Failure::new(
                2,
                format!(
                    "unknown owner {owner:?} (known: {})",
                    owners::all_owners().join(", ")
                ),
            )
        })?;
        filter.owners.push(canonical);
    }
    for resolution in &args.resolution {
        filter
            .resolutions
            .push(ResolutionRef::parse(resolution).ok_or_else(|| {
                Failure::new(
                    2,
                    format!(
                        "--resolution {resolution:?}: expected a number, \"Resolution N\" or \"Opinion N\""
                    ),
                )
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
pub fn items(args: &ItemsArgs) -> Result<(), Failure> {
    let format = match args.to {
        Some(format) => format,
        None => match extension(&args.output).as_deref() {
            None | Some("md" | "markdown") => ItemsFormat::Md,
            Some("csv") => ItemsFormat::Csv,
            Some("json") => ItemsFormat::Json,
            Some("html" | "htm") => ItemsFormat::Html,
            Some(other) => {
                return Err(Failure::new(
                    2,
                    format!(
                    "{}: cannot infer the output format from .{other} (use --to md|csv|json|html)",
                    args.output
                ),
                ))
            }
        },
    };
    let filter = filter(args)?;
    let plan = args.reading.read(&args.input)?;
    let as_of = as_of(args.as_of, &plan);
    let rows = query::select(&plan, &filter, as_of);
    let text = match format {
        ItemsFormat::Md => query::items_markdown(&rows, as_of),
        ItemsFormat::Csv => query::items_csv(&rows),
        ItemsFormat::Json => query::items_json(&rows, as_of),
        ItemsFormat::Html => query::items_html(&rows, &page_title(&plan, "Action items"), as_of),
    };
    write(&args.input, &args.output, &text)
}

/// Run `actplan stats`.
pub fn stats(args: &StatsArgs) -> Result<(), Failure> {
    let format = match args.to {
        Some(format) => format,
        None => match extension(&args.output).as_deref() {
            None | Some("txt" | "text") => StatsFormat::Text,
            Some("json") => StatsFormat::Json,
            Some("html" | "htm") => StatsFormat::Html,
            Some(other) => {
                return Err(Failure::new(
                    2,
                    format!(
                    "{}: cannot infer the output format from .{other} (use --to text|json|html)",
                    args.output
                ),
                ))
            }
        },
    };
    let plan = args.reading.read(&args.input)?;
    let as_of = as_of(args.as_of, &plan);
    let stats = query::stats(&plan, as_of);
    let text = match format {
        StatsFormat::Text => query::stats_text(&stats),
        StatsFormat::Json => query::stats_json(&stats),
        StatsFormat::Html => {
            query::stats_html(&stats, &page_title(&plan, "Action item statistics"))
        }
    };
    write(&args.input, &args.output, &text)
}
