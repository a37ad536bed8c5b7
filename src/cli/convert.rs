//! `actplan convert`: an edition as JSON, or its report as Markdown, HTML or Word.

use super::format::{infer, OutputFormat};
use super::io::{self, LimitArgs, OutputArgs, Payload, Reading};
use super::{Exit, Failure};
use actplan::{
    Date, Format, ReadOptions, RenderOptions, RevisionMode, TemplateSource, UserTemplate,
};
use clap::ValueEnum;
use std::path::{Path, PathBuf};
use std::sync::Arc;

const EXAMPLES: &str = "\
Examples:
  actplan convert last-quarter.docx -o plan.json        format from the extension
  actplan convert last-quarter.docx --to json -o -      JSON on standard output
  cat plan.json | actplan convert - -o checked.json     '-' reads standard input
  actplan convert edition.docx --revisions reject -o before-changes.json
  actplan convert plan.json -o TSAG-TD.docx             the TSAG report as Word
  actplan convert plan.json -o TSAG-TD.pdf              the same, laid out by LibreOffice
  actplan convert plan.json -o TSAG-TD.docx --no-layout contents' pages left for Word
  actplan convert plan.json -o action-plan.html         one self-contained web page
  actplan convert plan.json -o action-plan.md           GitHub-flavoured Markdown
  actplan convert plan.json -o out.docx --reference-doc itu-td-template.docx
  actplan convert plan.json -o out.html --template my-report.html.j2
  actplan convert plan.json -o out.docx --set td_number=\"TD 412\" --set meeting=\"Geneva, 22-26 July 2024\"

Exit codes: 0 success, 2 usage, 3 input/output error, 4 not a Word .docx (legacy .doc,
encrypted, OpenDocument, not a zip), 5 corrupt package, 6 size limit exceeded,
7 malformed XML, 8 not an Action Plan, 9 invalid JSON, 10 template error,
11 unusable reference document.";

/// Arguments of `actplan convert`.
#[derive(clap::Args)]
#[command(after_help = EXAMPLES)]
pub(crate) struct Args {
    /// Input file (.docx or .json); '-' reads standard input.
    input: String,
    #[command(flatten)]
    output: OutputArgs,
    /// Output format (json, md, html, docx, pdf); inferred from the output extension when
    /// omitted.
    #[arg(short = 't', long = "to", value_enum)]
    to: Option<ConvertTarget>,
    /// A template replacing the built-in one (Markdown and HTML output).
    #[arg(long, value_name = "FILE")]
    template: Option<PathBuf>,
    /// A .docx whose styles, page setup, headers and footers the Word output uses.
    #[arg(long, value_name = "FILE")]
    reference_doc: Option<PathBuf>,
    /// Set a cover field for the report (td_number, meeting, title, source, …); repeatable.
    #[arg(long = "set", value_name = "KEY=VALUE", value_parser = actplan::options::parse_setting)]
    settings: Vec<(String, String)>,
    /// The date the HTML report's charts count overdue items against (YYYY-MM-DD);
    /// default: the cover's meeting date (no charts without one).
    #[arg(long, value_name = "DATE", value_parser = actplan::options::parse_as_of)]
    as_of: Option<Date>,
    /// How to read unaccepted tracked changes.
    #[arg(long, value_enum, default_value = "accept")]
    revisions: Revisions,
    /// Word output: do not lay the report out with LibreOffice to write the contents'
    /// page numbers (Word fills them on opening); the output then depends on nothing
    /// installed.
    #[arg(long)]
    no_layout: bool,
    #[command(flatten)]
    limits: LimitArgs,
    #[command(flatten)]
    reading: Reading,
}

/// `import --to`: the report formats the library writes (`convert` adds pdf, see [`ConvertTarget`]).
#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum ConvertFormat {
    Json,
    #[value(alias = "markdown", alias = "gfm")]
    Md,
    Html,
    Docx,
}

impl OutputFormat for ConvertFormat {
    const EXTENSIONS: &'static [(&'static str, Self)] = &[
        ("json", ConvertFormat::Json),
        ("md", ConvertFormat::Md),
        ("markdown", ConvertFormat::Md),
        ("html", ConvertFormat::Html),
        ("htm", ConvertFormat::Html),
        ("docx", ConvertFormat::Docx),
    ];
    const DEFAULT: Self = ConvertFormat::Json;
}

impl ConvertFormat {
    pub(crate) fn format(self) -> Format {
        match self {
            ConvertFormat::Json => Format::Json,
            ConvertFormat::Md => Format::Markdown,
            ConvertFormat::Html => Format::Html,
            ConvertFormat::Docx => Format::Docx,
        }
    }
}

/// `convert --to`: the formats of the model and its reports, and the Word report laid
/// out to PDF by LibreOffice (`convert` only: `import` writes no PDF).
#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum ConvertTarget {
    Json,
    #[value(alias = "markdown", alias = "gfm")]
    Md,
    Html,
    Docx,
    Pdf,
}

impl OutputFormat for ConvertTarget {
    const EXTENSIONS: &'static [(&'static str, Self)] = &[
        ("json", ConvertTarget::Json),
        ("md", ConvertTarget::Md),
        ("markdown", ConvertTarget::Md),
        ("html", ConvertTarget::Html),
        ("htm", ConvertTarget::Html),
        ("docx", ConvertTarget::Docx),
        ("pdf", ConvertTarget::Pdf),
    ];
    const DEFAULT: Self = ConvertTarget::Json;
}

impl ConvertTarget {
    /// The format rendered (a PDF is the Word report laid out).
    fn format(self) -> Format {
        match self {
            ConvertTarget::Json => Format::Json,
            ConvertTarget::Md => Format::Markdown,
            ConvertTarget::Html => Format::Html,
            ConvertTarget::Docx | ConvertTarget::Pdf => Format::Docx,
        }
    }
}

/// `--revisions`.
#[derive(Clone, Copy, ValueEnum)]
enum Revisions {
    Accept,
    Reject,
}

/// Run `actplan convert`.
pub(crate) fn run(args: &Args) -> Result<Exit, Failure> {
    let to = infer(args.output.name(), args.to)?;
    let format = to.format();
    let pdf = matches!(to, ConvertTarget::Pdf);
    if pdf && args.no_layout {
        return Err(Failure::usage(
            "a PDF is the report laid out by LibreOffice: --no-layout cannot write one",
        ));
    }
    io::check_settings(&args.settings)?;
    let options = render_options(args)?;
    let read_options = ReadOptions {
        limits: args.limits.limits(),
        revisions: match args.revisions {
            Revisions::Accept => RevisionMode::Accept,
            Revisions::Reject => RevisionMode::Reject,
        },
        format: None,
    };
    let mut plan = io::read_edition(
        &args.input,
        args.reading.from,
        &read_options,
        args.reading.quiet,
    )?;
    let output_failure = |e: &actplan::Error| Failure::of(args.output.name(), e);
    actplan::set_cover_fields(&mut plan, &args.settings).map_err(|e| output_failure(&e))?;
    let render_failure = |e: actplan::Error| match (&e, &args.reference_doc) {
        // A reference document that cannot be used is named, not the output.
        (actplan::Error::Render(actplan::error::RenderError::ReferenceDoc(_)), Some(path)) => {
            Failure::of(&path.display().to_string(), &e)
        }
        _ => output_failure(&e),
    };
    let bytes = actplan::render(&plan, format, &options).map_err(render_failure)?;
    let bytes = match format {
        Format::Docx if !args.no_layout => laid_out(&plan, &options, bytes, pdf, args)?,
        _ => bytes,
    };
    let payload = match (format, pdf) {
        (_, true) => Payload::Binary("PDF document"),
        (Format::Docx, _) => Payload::Binary("Word document"),
        _ => Payload::Text,
    };
    let summary = io::plan_summary(&plan);
    io::deliver(
        &args.output,
        &bytes,
        payload,
        &[&args.input],
        args.reading.quiet,
        &summary,
    )?;
    Ok(Exit::Success)
}

/// The Word report (`docx`, already rendered) with its contents' page numbers from a
/// LibreOffice layout, or that layout's PDF when `pdf`. Without LibreOffice, the .docx as
/// it is (one line on stderr says so), and no PDF (a failure).
fn laid_out(
    plan: &actplan::ActionPlan,
    options: &RenderOptions,
    docx: Vec<u8>,
    pdf: bool,
    args: &Args,
) -> Result<Vec<u8>, Failure> {
    let layout = match super::layout::Layout::find() {
        Ok(layout) => layout,
        Err(missing) if pdf => {
            return Err(Failure::new(
                Exit::Io,
                format!("{}: cannot write a PDF: {missing}", args.output.name()),
            ))
        }
        Err(missing) => {
            if !args.reading.quiet {
                eprintln!(
                    "actplan: {missing}: the contents' page numbers are left for Word to fill on opening"
                );
            }
            return Ok(docx);
        }
    };
    let done = layout
        .paginate(plan, options)
        .map_err(|e| Failure::new(Exit::Io, format!("{}: {e}", args.output.name())))?;
    Ok(if pdf { done.pdf } else { done.docx })
}

/// The template and reference document read from their files.
fn render_options(args: &Args) -> Result<RenderOptions, Failure> {
    let template = args.template.as_deref().map(user_template).transpose()?;
    let reference_doc = match &args.reference_doc {
        Some(path) => Some(std::fs::read(path).map_err(|e| {
            Failure::new(
                Exit::ReferenceDoc,
                format!("{}: cannot read reference document: {e}", path.display()),
            )
        })?),
        None => None,
    };
    Ok(RenderOptions {
        template,
        reference_doc,
        as_of: args.as_of,
        heading_pages: Vec::new(),
    })
}

/// A user's template file, whose `{% include %}`s are looked up beside it first.
fn user_template(path: &Path) -> Result<UserTemplate, Failure> {
    if !path.is_file() {
        return Err(Failure::new(
            Exit::Template,
            format!("{}: template not found", path.display()),
        ));
    }
    let source = std::fs::read_to_string(path).map_err(|e| {
        Failure::new(
            Exit::Template,
            format!("{}: cannot read template: {e}", path.display()),
        )
    })?;
    let folder = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    Ok(UserTemplate {
        name: path.display().to_string(),
        source,
        partials: Some(Arc::new(move |name| partial_beside(&folder, name))),
    })
}

/// The partial `name` from `folder`, when it is a plain file name and such a file exists.
fn partial_beside(folder: &Path, name: &str) -> Option<Result<TemplateSource, String>> {
    let plain = !name.is_empty()
        && !name.starts_with('.')
        && !name.contains(['/', '\\', ':'])
        && !name.contains("..");
    let path = folder.join(name);
    if !plain || !path.is_file() {
        return None;
    }
    Some(
        std::fs::read_to_string(&path)
            .map(|source| TemplateSource {
                name: path.display().to_string(),
                source,
            })
            .map_err(|e| format!("cannot read {}: {e}", path.display())),
    )
}
