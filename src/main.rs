//! The `actplan` command line: argument parsing, file handling and exit codes only; all the
//! work is done by the library.

use actplan::error::{Error, PackageError};
use actplan::render::{self, Format, RenderError, RenderOptions};
use actplan::{json, model, Limits, ReadOptions, RevisionMode};
use clap::{Parser, Subcommand, ValueEnum};
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod cli;

const EXAMPLES: &str = "\
Examples:
  actplan convert last-quarter.docx -o plan.json        format from the extension
  actplan convert last-quarter.docx --to json -o -      JSON on standard output
  cat plan.json | actplan convert - -o checked.json     '-' reads standard input
  actplan convert edition.docx --revisions reject -o before-changes.json
  actplan convert plan.json -o TSAG-TD.docx             the TSAG report as Word
  actplan convert plan.json -o action-plan.html         one self-contained web page
  actplan convert plan.json -o action-plan.md           GitHub-flavoured Markdown
  actplan convert plan.json -o out.docx --reference-doc itu-td-template.docx
  actplan convert plan.json -o out.html --template my-report.html.j2
  actplan convert plan.json -o out.docx --set td_number=\"TD 412\" --set meeting=\"Geneva, 22-26 July 2024\"
  actplan templates --dump my-templates                 write the built-in templates for editing
  actplan schema > actplan.schema.json
  actplan diff old.docx new.docx                        what changed, on the terminal
  actplan diff old.json new.docx --to md -o changes.md  Markdown (also html, json)
  actplan diff old.docx new.docx --to json -o changes.json
  actplan diff old.docx new.docx --to docx -o TD-rev-marks.docx --date 2024-01-22
  actplan export plan.docx -o sg17.xlsx --owner SG17    a status-update sheet for SG17
  actplan import plan.json sg17.xlsx -o next.json       merge the filled-in sheet

Exit codes of diff, as diff(1): 0 no content change, 1 changes, 2 trouble (any error).
Exit codes of check: 0 clean, 1 errors (or warnings with --strict); trouble as below.
Exit codes of the other commands: 0 success, 2 usage, 3 input/output error, 4 not a Word .docx (legacy .doc,
encrypted, OpenDocument, not a zip), 5 corrupt package, 6 size limit exceeded,
7 malformed XML, 8 not an Action Plan, 9 invalid JSON, 10 template error,
11 unusable reference document, 12 unusable update sheet (import: not a spreadsheet,
unknown or edited id, conflicting rows).";

#[derive(Parser)]
#[command(name = "actplan", version, about = "Read the ITU-T WTSA Action Plan (.docx) into a versioned JSON model", after_help = EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Convert an edition (.docx or .json) to JSON.
    #[command(after_help = EXAMPLES)]
    Convert(ConvertArgs),
    /// Compare two editions (.docx or .json) and report what changed in their content.
    #[command(after_help = DIFF_EXAMPLES)]
    Diff(DiffArgs),
    /// Print the JSON Schema of the model.
    Schema,
    /// Work with the built-in report templates.
    Templates(TemplatesArgs),
    /// Check an edition's consistency (duplicate ids, overdue items, matrix vs sections…).
    Check(cli::check::CheckArgs),
    /// List the action items that match filters (owner, open, milestone…).
    Items(cli::query::ItemsArgs),
    /// Count items per resolution and per owner.
    Stats(cli::query::StatsArgs),
    /// Export the action items to a spreadsheet for status updates.
    Export(cli::sheet::ExportArgs),
    /// Merge a filled-in spreadsheet of status updates into an edition.
    Import(cli::sheet::ImportArgs),
}

const DIFF_EXAMPLES: &str = "\
Examples:
  actplan diff old.docx new.docx                        readable report on the terminal
  actplan diff old.json new.docx --to md -o changes.md  Markdown
  actplan diff old.docx new.docx --to html -o changes.html
  actplan diff old.docx new.docx --to json -o changes.json
  actplan diff old.docx new.docx --to docx -o TD-rev-marks.docx --date 2024-01-22
      the new edition as Word with tracked changes against the old one

Inputs with unaccepted tracked changes are read accepted. Formatting, run splitting,
bookmarks, link targets, field results and the program that saved the file are not
changes; the cover's TD number and meeting identify the editions and are not changes.

Colour: --color auto (the default) colours the text report when standard output is a
terminal and NO_COLOR is not set.
Exit codes, as diff(1): 0 no content change, 1 changes, 2 trouble (any error).";

#[derive(clap::Args)]
struct DiffArgs {
    /// The old edition (.docx or .json); '-' reads standard input.
    old: String,
    /// The new edition (.docx or .json); '-' reads standard input.
    new: String,
    /// Output format; inferred from the output extension when omitted, else text.
    #[arg(short = 't', long = "to", value_enum)]
    to: Option<DiffFormat>,
    /// Output file; '-' (the default) writes standard output.
    #[arg(short, long, default_value = "-")]
    output: String,
    /// Colour the text report: auto (when standard output is a terminal and NO_COLOR is not set), always, never.
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorChoice,
    /// Date of the tracked changes in the Word redline (ISO 8601, e.g. 2024-01-22 or
    /// 2024-01-22T09:00:00Z); default SOURCE_DATE_EPOCH, else now.
    #[arg(long, value_name = "ISO", value_parser = parse_date)]
    date: Option<String>,
    /// Do not print warnings.
    #[arg(short, long)]
    quiet: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DiffFormat {
    #[value(alias = "txt")]
    Text,
    #[value(alias = "markdown", alias = "gfm")]
    Md,
    Html,
    Json,
    Docx,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(clap::Args)]
struct TemplatesArgs {
    /// Write the built-in templates into this folder (created if missing).
    #[arg(long, value_name = "DIR")]
    dump: PathBuf,
}

#[derive(clap::Args)]
struct ConvertArgs {
    /// Input file (.docx or .json); '-' reads standard input.
    input: String,
    /// Output file; '-' (the default) writes standard output.
    #[arg(short, long, default_value = "-")]
    output: String,
    /// Output format (json, md, html, docx); inferred from the output extension when omitted.
    #[arg(short = 't', long = "to", value_enum)]
    to: Option<OutputFormat>,
    /// A template replacing the built-in one (Markdown and HTML output).
    #[arg(long, value_name = "FILE")]
    template: Option<PathBuf>,
    /// A .docx whose styles, page setup, headers and footers the Word output uses.
    #[arg(long, value_name = "FILE")]
    reference_doc: Option<PathBuf>,
    /// Set a cover field for the report (td_number, meeting, title, source, …); repeatable.
    #[arg(long = "set", value_name = "KEY=VALUE", value_parser = parse_setting)]
    settings: Vec<(String, String)>,
    /// Input format; inferred from the extension or the content when omitted.
    #[arg(short = 'f', long = "from", value_enum)]
    from: Option<InputFormat>,
    /// How to read unaccepted tracked changes.
    #[arg(long, value_enum, default_value = "accept")]
    revisions: Revisions,
    /// Largest input accepted, in bytes.
    #[arg(long, default_value_t = Limits::default().max_input_bytes)]
    max_input_bytes: u64,
    /// Most bytes one zip part may inflate to.
    #[arg(long, default_value_t = Limits::default().max_part_bytes)]
    max_part_bytes: u64,
    /// Most bytes all zip parts may inflate to together.
    #[arg(long, default_value_t = Limits::default().max_total_bytes)]
    max_total_bytes: u64,
    /// Do not print warnings.
    #[arg(short, long)]
    quiet: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum OutputFormat {
    Json,
    #[value(alias = "markdown", alias = "gfm")]
    Md,
    Html,
    Docx,
}

impl OutputFormat {
    fn format(self) -> Format {
        match self {
            OutputFormat::Json => Format::Json,
            OutputFormat::Md => Format::Markdown,
            OutputFormat::Html => Format::Html,
            OutputFormat::Docx => Format::Docx,
        }
    }
}

fn parse_setting(text: &str) -> Result<(String, String), String> {
    let (key, value) = text
        .split_once('=')
        .ok_or_else(|| format!("expected KEY=VALUE, got {text:?}"))?;
    Ok((key.trim().to_string(), value.to_string()))
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum InputFormat {
    Docx,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum Revisions {
    Accept,
    Reject,
}

/// A failure with the exit code of its class.
struct Failure {
    code: u8,
    message: String,
}

impl Failure {
    fn new(code: u8, message: impl Into<String>) -> Self {
        Failure {
            code,
            message: message.into(),
        }
    }
}

fn main() -> ExitCode {
    // clap exits 2 on a usage error: for diff too, that is "trouble".
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Diff(args) => {
            return match diff(&args) {
                Ok(changed) => ExitCode::from(u8::from(changed)),
                Err(failure) => {
                    eprintln!("actplan: {}", failure.message);
                    ExitCode::from(2)
                }
            };
        }
        Command::Convert(args) => convert(&args),
        Command::Schema => write_output("-", model::json_schema().as_bytes(), None),
        Command::Templates(args) => dump_templates(&args.dump),
        Command::Check(args) => {
            return cli::check::run(&args).unwrap_or_else(|failure| {
                eprintln!("actplan: {}", failure.message);
                ExitCode::from(failure.code)
            });
        }
        Command::Items(args) => cli::query::items(&args),
        Command::Stats(args) => cli::query::stats(&args),
        Command::Export(args) => cli::sheet::export(&args),
        Command::Import(args) => cli::sheet::import(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("actplan: {}", failure.message);
            ExitCode::from(failure.code)
        }
    }
}

fn convert(args: &ConvertArgs) -> Result<(), Failure> {
    let format = output_format(&args.output, args.to)?;
    let settings: BTreeMap<String, String> = args.settings.iter().cloned().collect();
    let options = render_options(args)?;
    let limits = Limits {
        max_input_bytes: args.max_input_bytes,
        max_part_bytes: args.max_part_bytes,
        max_total_bytes: args.max_total_bytes,
        ..Limits::default()
    };
    let read_options = ReadOptions {
        limits,
        revisions: match args.revisions {
            Revisions::Accept => RevisionMode::Accept,
            Revisions::Reject => RevisionMode::Reject,
        },
    };
    let mut plan = read_plan(&args.input, args.from, &read_options, args.quiet)?;
    render::apply_settings(&mut plan, &settings).map_err(|e| render_failure(&args.output, &e))?;
    let bytes =
        render::render(&plan, format, &options).map_err(|e| render_failure(&args.output, &e))?;
    let input_path = (args.input != "-").then(|| Path::new(&args.input));
    write_output(&args.output, &bytes, input_path)
}

/// Read an edition (.docx or .json; '-' = standard input) into the model.
fn read_plan(
    input: &str,
    from: Option<InputFormat>,
    options: &ReadOptions,
    quiet: bool,
) -> Result<model::ActionPlan, Failure> {
    let name = if input == "-" { "<stdin>" } else { input };
    let bytes = read_input(input, options.limits.max_input_bytes)?;
    let input_format = from.unwrap_or_else(|| infer_input_format(input, &bytes));
    match input_format {
        InputFormat::Json => {
            let text = std::str::from_utf8(&bytes)
                .map_err(|e| Failure::new(9, format!("{name}: not UTF-8 text: {e}")))?;
            json::from_json_str(text).map_err(|e| Failure::new(9, format!("{name}: {e}")))
        }
        InputFormat::Docx => {
            let read = actplan::read_docx(&bytes, options).map_err(|e| failure_of(name, &e))?;
            if !quiet {
                for warning in &read.warnings {
                    eprintln!("actplan: warning: {name}: {warning}");
                }
            }
            Ok(read.plan)
        }
    }
}

/// `actplan diff`: Ok(true) when the editions differ in content. Every failure exits 2.
fn diff(args: &DiffArgs) -> Result<bool, Failure> {
    if args.old == "-" && args.new == "-" {
        return Err(Failure::new(2, "only one of OLD and NEW can be '-'"));
    }
    let format = diff_format(&args.output, args.to)?;
    // Inputs are always read with their tracked changes accepted.
    let options = ReadOptions::default();
    let old = read_plan(&args.old, None, &options, args.quiet)?;
    let new = read_plan(&args.new, None, &options, args.quiet)?;
    let report = actplan::diff::diff(&old, &new);
    let bytes = match format {
        DiffFormat::Text => {
            let color = match args.color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => {
                    use std::io::IsTerminal;
                    args.output == "-"
                        && std::io::stdout().is_terminal()
                        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                }
            };
            actplan::diff::output::to_text(&report, color).into_bytes()
        }
        DiffFormat::Md => actplan::diff::output::to_markdown(&report).into_bytes(),
        DiffFormat::Html => actplan::diff::output::to_html(&report).into_bytes(),
        DiffFormat::Json => actplan::diff::output::to_json(&report).into_bytes(),
        DiffFormat::Docx => {
            let date = match &args.date {
                Some(date) => date.clone(),
                None => default_date()?,
            };
            render::docx::write_redline(&old, &new, &date)
                .map_err(|e| Failure::new(2, format!("{}: {e}", args.output)))?
        }
    };
    for input in [&args.old, &args.new] {
        if input != "-" && same_file(Path::new(input), Path::new(&args.output)) {
            return Err(Failure::new(
                2,
                format!("{}: refusing to overwrite an input file", args.output),
            ));
        }
    }
    write_output(&args.output, &bytes, None)?;
    Ok(!report.is_empty())
}

/// The diff format: `--to`, else the output file's extension, else text.
fn diff_format(output: &str, to: Option<DiffFormat>) -> Result<DiffFormat, Failure> {
    if let Some(to) = to {
        return Ok(to);
    }
    if output == "-" {
        return Ok(DiffFormat::Text);
    }
    let extension = Path::new(output)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        None | Some("txt" | "text" | "diff") => Ok(DiffFormat::Text),
        Some("md" | "markdown") => Ok(DiffFormat::Md),
        Some("html" | "htm") => Ok(DiffFormat::Html),
        Some("json") => Ok(DiffFormat::Json),
        Some("docx") => Ok(DiffFormat::Docx),
        Some(other) => Err(Failure::new(
            2,
            format!("{output}: cannot infer the output format from .{other} (use --to text|md|html|json|docx)"),
        )),
    }
}

/// `--date`: an ISO 8601 date or UTC date-time, returned as a full date-time
/// ("2024-01-22" → "2024-01-22T00:00:00Z").
fn parse_date(text: &str) -> Result<String, String> {
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| bytes[range].iter().all(u8::is_ascii_digit);
    let date_ok = bytes.len() >= 10
        && digits(0..4)
        && bytes[4] == b'-'
        && digits(5..7)
        && bytes[7] == b'-'
        && digits(8..10);
    let month: u32 = text.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(0);
    let day: u32 = text.get(8..10).and_then(|d| d.parse().ok()).unwrap_or(0);
    let error = || {
        format!(
            "expected an ISO 8601 date such as 2024-01-22 or 2024-01-22T09:30:00Z, got {text:?}"
        )
    };
    if !date_ok || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return Err(error());
    }
    if bytes.len() == 10 {
        return Ok(format!("{text}T00:00:00Z"));
    }
    let time_ok = bytes.len() == 20
        && (bytes[10] == b'T' || bytes[10] == b't')
        && digits(11..13)
        && bytes[13] == b':'
        && digits(14..16)
        && bytes[16] == b':'
        && digits(17..19)
        && (bytes[19] == b'Z' || bytes[19] == b'z');
    if !time_ok {
        return Err(error());
    }
    Ok(format!("{}T{}Z", &text[..10], &text[11..19]))
}

/// SOURCE_DATE_EPOCH as an ISO 8601 UTC date-time, else the current time.
fn default_date() -> Result<String, Failure> {
    let seconds = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(value) => value.trim().parse::<i64>().map_err(|_| {
            Failure::new(
                2,
                format!("SOURCE_DATE_EPOCH={value:?} is not a number of seconds"),
            )
        })?,
        Err(_) => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0),
    };
    Ok(iso_utc(seconds))
}

/// Seconds since 1970-01-01 as "YYYY-MM-DDTHH:MM:SSZ" (proleptic Gregorian, UTC).
fn iso_utc(seconds: i64) -> String {
    let days = seconds.div_euclid(86_400);
    let rest = seconds.rem_euclid(86_400);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3_600,
        rest % 3_600 / 60,
        rest % 60
    )
}

fn render_options(args: &ConvertArgs) -> Result<RenderOptions, Failure> {
    if let Some(template) = &args.template {
        if !template.is_file() {
            return Err(Failure::new(
                10,
                format!("{}: template not found", template.display()),
            ));
        }
    }
    let reference_doc = match &args.reference_doc {
        Some(path) => Some(std::fs::read(path).map_err(|e| {
            Failure::new(
                11,
                format!("{}: cannot read reference document: {e}", path.display()),
            )
        })?),
        None => None,
    };
    Ok(RenderOptions {
        template: args.template.clone(),
        reference_doc,
    })
}

fn render_failure(output: &str, error: &RenderError) -> Failure {
    let code = match error {
        RenderError::UnknownSetting { .. } | RenderError::Unsupported(_) => 2,
        RenderError::Template(_) | RenderError::TemplateFile { .. } => 10,
        RenderError::ReferenceDoc(_) => 11,
    };
    Failure::new(code, format!("{output}: {error}"))
}

fn dump_templates(folder: &Path) -> Result<(), Failure> {
    std::fs::create_dir_all(folder)
        .map_err(|e| Failure::new(3, format!("{}: cannot create: {e}", folder.display())))?;
    for template in render::template::BUILT_INS {
        let target = folder.join(template.name);
        let target = target.to_string_lossy();
        write_output(&target, template.source.as_bytes(), None)?;
        eprintln!("actplan: wrote {target}");
    }
    Ok(())
}

/// The output format: `--to`, else the output file's extension, else JSON.
fn output_format(output: &str, to: Option<OutputFormat>) -> Result<Format, Failure> {
    if let Some(to) = to {
        return Ok(to.format());
    }
    if output == "-" {
        return Ok(Format::Json);
    }
    match Path::new(output).extension().and_then(|e| e.to_str()) {
        None => Ok(Format::Json),
        Some(extension) => Format::from_extension(extension).ok_or_else(|| {
            Failure::new(
                2,
                format!("{output}: cannot infer the output format from .{extension} (use --to json|md|html|docx)"),
            )
        }),
    }
}

fn infer_input_format(path: &str, bytes: &[u8]) -> InputFormat {
    let lower = path.to_ascii_lowercase();
    if lower.ends_with(".json") {
        return InputFormat::Json;
    }
    if lower.ends_with(".docx") || lower.ends_with(".docm") || lower.ends_with(".dotx") {
        return InputFormat::Docx;
    }
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
    if first == Some(&b'{') {
        InputFormat::Json
    } else {
        InputFormat::Docx
    }
}

fn read_input(path: &str, limit: u64) -> Result<Vec<u8>, Failure> {
    let too_large = |size: u64| {
        Failure::new(
            6,
            format!("{path}: the input is {size} bytes, more than the {limit} bytes allowed (--max-input-bytes)"),
        )
    };
    let mut bytes = Vec::new();
    if path == "-" {
        std::io::stdin()
            .lock()
            .take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| Failure::new(3, format!("<stdin>: cannot read: {e}")))?;
    } else {
        let file = std::fs::File::open(path)
            .map_err(|e| Failure::new(3, format!("{path}: cannot open: {e}")))?;
        let size = file.metadata().map(|m| m.len()).unwrap_or(0);
        if size > limit {
            return Err(too_large(size));
        }
        file.take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| Failure::new(3, format!("{path}: cannot read: {e}")))?;
    }
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Map a library error to its exit code and a one-line message naming the file.
fn failure_of(name: &str, error: &Error) -> Failure {
    let code = match error {
        Error::Package(p) => match p {
            PackageError::LegacyDoc
            | PackageError::Encrypted
            | PackageError::NotZip(_)
            | PackageError::NotWordprocessingMl(_) => 4,
            PackageError::PartTooLarge { .. }
            | PackageError::TotalTooLarge { .. }
            | PackageError::InputTooLarge { .. }
            | PackageError::TooManyEntries { .. } => 6,
            PackageError::Xml(_) => 7,
            PackageError::BadZip(_)
            | PackageError::MissingPart(_)
            | PackageError::Inflate { .. } => 5,
        },
        Error::Xml(_) => 7,
        Error::Ingest(_) => 8,
        Error::Json(_) => 9,
    };
    let message = error.to_string().replace('\n', " ");
    Failure::new(code, format!("{name}: {message}"))
}

/// Write `bytes` to `output` ('-' = stdout) atomically: a temporary file beside the target,
/// then a rename. Refuses to overwrite the input.
fn write_output(output: &str, bytes: &[u8], input: Option<&Path>) -> Result<(), Failure> {
    if output == "-" {
        let mut stdout = std::io::stdout().lock();
        return stdout
            .write_all(bytes)
            .and_then(|()| stdout.flush())
            .map_err(|e| Failure::new(3, format!("<stdout>: cannot write: {e}")));
    }
    let target = PathBuf::from(output);
    if let Some(input) = input {
        if same_file(input, &target) {
            return Err(Failure::new(
                3,
                format!("{output}: refusing to overwrite the input file"),
            ));
        }
    }
    let folder = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let file_name = target
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("output");
    let temporary = folder.join(format!(".{file_name}.actplan-{}.tmp", std::process::id()));
    let result = std::fs::File::create(&temporary)
        .and_then(|mut file| file.write_all(bytes).and_then(|()| file.sync_all()))
        .and_then(|()| std::fs::rename(&temporary, &target));
    result.map_err(|e| {
        let _ = std::fs::remove_file(&temporary);
        Failure::new(3, format!("{output}: cannot write: {e}"))
    })
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
