//! Files and streams: reading an input (a path or `-`) under a size limit, reading an
//! edition, writing an output atomically without ever overwriting an input, and the dates
//! and settings the environment gives.

use super::{Exit, Failure};
use actplan::human_size;
use actplan::{ActionPlan, Date, InputFormat, Limits, ReadOptions};
use clap::ValueEnum;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

/// The name of an input in messages: its path, or "<stdin>" for `-`.
pub(crate) fn display_name(path: &str) -> &str {
    if path == "-" {
        "<stdin>"
    } else {
        path
    }
}

/// The bytes of `path` ('-' = standard input), refused when larger than `limit`.
pub(crate) fn read_input(path: &str, limit: u64) -> Result<Vec<u8>, Failure> {
    let name = display_name(path);
    let too_large = |size: u64| {
        Failure::new(
            Exit::TooLarge,
            format!(
                "{name}: the input is {}, more than the {} allowed (--max-input-bytes raises the limit)",
                human_size(size),
                human_size(limit)
            ),
        )
    };
    let cannot = |what: &str, e: std::io::Error| {
        Failure::new(Exit::Io, format!("{name}: cannot {what}: {e}"))
    };
    let mut bytes = Vec::new();
    if path == "-" {
        std::io::stdin()
            .lock()
            .take(limit.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|e| cannot("read", e))?;
    } else {
        let file = std::fs::File::open(path).map_err(|e| cannot("open", e))?;
        let size = file.metadata().map(|m| m.len()).unwrap_or(0);
        if size > limit {
            return Err(too_large(size));
        }
        file.take(limit.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|e| cannot("read", e))?;
    }
    let size = bytes.len() as u64;
    if size > limit {
        return Err(too_large(size));
    }
    Ok(bytes)
}

/// `--from`: the input format when the extension and content do not tell.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum From {
    /// A Word .docx.
    Docx,
    /// The JSON model.
    Json,
}

/// The options every edition-reading subcommand shares: `--from` and `--quiet`.
#[derive(clap::Args)]
pub(crate) struct Reading {
    /// Input format; inferred from the extension or the content when omitted.
    #[arg(short = 'f', long = "from", value_enum)]
    pub(crate) from: Option<From>,
    /// Do not print reading warnings.
    #[arg(short, long)]
    pub(crate) quiet: bool,
}

impl Reading {
    /// Read the edition `input` (.docx or .json; '-' = standard input).
    pub(crate) fn read(&self, input: &str) -> Result<ActionPlan, Failure> {
        read_edition(input, self.from, &ReadOptions::default(), self.quiet)
    }
}

/// Read an edition (.docx or .json; '-' = standard input) into the model, printing the
/// reading warnings unless `quiet`.
pub(crate) fn read_edition(
    input: &str,
    from: Option<From>,
    options: &ReadOptions,
    quiet: bool,
) -> Result<ActionPlan, Failure> {
    let name = display_name(input);
    let bytes = read_input(input, options.limits.max_input_bytes)?;
    let format = match from {
        Some(From::Docx) => InputFormat::Docx,
        Some(From::Json) => InputFormat::Json,
        None => InputFormat::detect((input != "-").then_some(input), &bytes),
    };
    let options = ReadOptions {
        format: Some(format),
        ..options.clone()
    };
    let read = actplan::read(&bytes, &options).map_err(|e| Failure::of(name, &e))?;
    if !quiet {
        for warning in &read.warnings {
            eprintln!("actplan: warning: {name}: {warning}");
        }
    }
    Ok(read.plan)
}

/// `-o FILE`: where a subcommand writes. Without it, standard output, unless that is a
/// terminal and the output is binary or large (then `-o -` asks for it anyway).
#[derive(clap::Args)]
pub(crate) struct OutputArgs {
    /// Output file, its format from the extension; '-' writes standard output (the default
    /// when standard output is not a terminal).
    #[arg(short, long, value_name = "FILE")]
    pub(crate) output: Option<String>,
}

impl OutputArgs {
    /// The output as the format inference sees it: the file, or '-'.
    pub(crate) fn name(&self) -> &str {
        self.output.as_deref().unwrap_or("-")
    }
}

/// What is written, for the terminal guard: binary bytes never go to a terminal, text only
/// up to [`LARGE_TEXT`] unless `-o -` asks for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Payload {
    /// Text (JSON, Markdown, HTML, CSV, plain text).
    Text,
    /// A zip package (.docx, .xlsx): named for the message.
    Binary(&'static str),
}

/// Text larger than this is not printed on a terminal unless asked for with `-o -`.
pub(crate) const LARGE_TEXT: usize = 128 << 10;

/// Write `bytes` where `output` says, then say on standard error what was written (a file
/// and `summary`, "58 resolutions, 407 items") unless `quiet`.
pub(crate) fn deliver(
    output: &OutputArgs,
    bytes: &[u8],
    payload: Payload,
    inputs: &[&str],
    quiet: bool,
    summary: &str,
) -> Result<(), Failure> {
    match output.output.as_deref() {
        None | Some("-") => {
            let asked = output.output.is_some();
            if std::io::stdout().is_terminal() {
                guard_terminal(bytes, payload, asked)?;
            }
            write_output("-", bytes, inputs)
        }
        Some(path) => {
            write_output(path, bytes, inputs)?;
            if !quiet {
                eprintln!("actplan: wrote {path} ({summary})");
            }
            Ok(())
        }
    }
}

/// Refuse binary output on a terminal, and large text unless asked for with `-o -`.
fn guard_terminal(bytes: &[u8], payload: Payload, asked: bool) -> Result<(), Failure> {
    match payload {
        Payload::Binary(what) => Err(Failure::usage(format!(
            "refusing to write a {what} to the terminal: use -o FILE"
        ))),
        Payload::Text if !asked && bytes.len() > LARGE_TEXT => Err(Failure::usage(format!(
            "the output is {} of text: use -o FILE to write a file, or -o - to print it here",
            human_size(bytes.len() as u64)
        ))),
        Payload::Text => Ok(()),
    }
}

/// Write `bytes` to `output` ('-' = standard output) atomically: a temporary file beside the
/// target, then a rename. Refuses to overwrite any of `inputs`; a missing folder is named.
pub(crate) fn write_output(output: &str, bytes: &[u8], inputs: &[&str]) -> Result<(), Failure> {
    if output == "-" {
        let mut stdout = std::io::stdout().lock();
        return stdout
            .write_all(bytes)
            .and_then(|()| stdout.flush())
            .map_err(|e| Failure::new(Exit::Io, format!("<stdout>: cannot write: {e}")));
    }
    let target = PathBuf::from(output);
    if inputs
        .iter()
        .any(|input| *input != "-" && same_file(Path::new(input), &target))
    {
        return Err(Failure::new(
            Exit::Io,
            format!("{output}: refusing to overwrite the input file"),
        ));
    }
    let folder = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !folder.is_dir() {
        return Err(Failure::new(
            Exit::Io,
            format!(
                "{output}: cannot write: the folder {} does not exist",
                folder.display()
            ),
        ));
    }
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
        Failure::new(Exit::Io, format!("{output}: cannot write: {e}"))
    })
}

/// "58 resolutions, 407 items": what an edition holds, for the line that says what was
/// written.
pub(crate) fn plan_summary(plan: &ActionPlan) -> String {
    let items: usize = plan.resolutions.iter().map(|r| r.action_items.len()).sum();
    format!(
        "{}, {}",
        plural(plan.resolutions.len(), "resolution"),
        plural(items, "item")
    )
}

/// "1 item", "2 items".
pub(crate) fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// True when both paths name the same existing file.
pub(crate) fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// SOURCE_DATE_EPOCH (seconds since 1970), when set: the date reproducible builds use.
pub(crate) fn source_date_epoch() -> Result<Option<i64>, Failure> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(value) => value.trim().parse::<i64>().map(Some).map_err(|_| {
            Failure::usage(format!(
                "SOURCE_DATE_EPOCH={value:?} is not a number of seconds"
            ))
        }),
        Err(_) => Ok(None),
    }
}

/// The current time, in seconds since 1970.
pub(crate) fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// `--set` keys checked before any work: each must be a cover field.
pub(crate) fn check_settings(settings: &[(String, String)]) -> Result<(), Failure> {
    actplan::options::check_settings(settings).map_err(|e| Failure::usage(e.to_string()))
}

/// The as-of date: given, else the cover's meeting date, else today.
pub(crate) fn as_of_or_today(plan: &ActionPlan, given: Option<Date>) -> Date {
    actplan::as_of(plan, given).unwrap_or_else(Date::today)
}

/// The size limits of a package, with the flags that change them.
#[derive(clap::Args)]
pub(crate) struct LimitArgs {
    /// Largest input accepted (bytes, or with a unit: 512KiB, 300MiB, 1GiB).
    #[arg(long, value_name = "SIZE", default_value = "256MiB", value_parser = parse_size)]
    pub(crate) max_input_bytes: u64,
    /// Most one zip part may inflate to.
    #[arg(long, value_name = "SIZE", default_value = "64MiB", value_parser = parse_size)]
    pub(crate) max_part_bytes: u64,
    /// Most all zip parts may inflate to together.
    #[arg(long, value_name = "SIZE", default_value = "128MiB", value_parser = parse_size)]
    pub(crate) max_total_bytes: u64,
}

/// A size: a number of bytes, or a number with a unit (K, KB, KiB, M, MB, MiB, G, GB, GiB,
/// all counted in powers of 1 024; any case, spaces allowed).
pub(crate) fn parse_size(text: &str) -> Result<u64, String> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let split = compact
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(compact.len());
    let (digits, unit) = compact.split_at(split);
    let shift = match unit.to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kb" | "kib" => 10,
        "m" | "mb" | "mib" => 20,
        "g" | "gb" | "gib" => 30,
        _ => {
            return Err(format!(
                "expected a size such as 300MiB or 1GiB, got {text:?}"
            ))
        }
    };
    digits
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(1u64 << shift))
        .ok_or_else(|| format!("expected a size such as 300MiB or 1GiB, got {text:?}"))
}

impl LimitArgs {
    /// The limits these flags set.
    pub(crate) fn limits(&self) -> Limits {
        Limits {
            max_input_bytes: self.max_input_bytes,
            max_part_bytes: self.max_part_bytes,
            max_total_bytes: self.max_total_bytes,
            ..Limits::default()
        }
    }
}
