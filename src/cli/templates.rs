//! `actplan templates`: the built-in report templates, written out for editing.

use super::{io, Exit, Failure};
use std::path::{Path, PathBuf};

const EXAMPLES: &str = "\
Examples:
  actplan templates --dump my-templates
  actplan convert plan.json -o out.html --template my-templates/report.html.j2

Writes report.md.j2, report.html.j2 and the partials the HTML report includes
(blocks.html.j2, report.css.j2, report.js.j2). A file that is already there with other
content (a template you edited) is kept unless --force is given.

Exit codes: 0 success, 2 a file would be overwritten (use --force), 3 the folder or a
file cannot be written.";

/// Arguments of `actplan templates`.
#[derive(clap::Args)]
#[command(after_help = EXAMPLES)]
pub(crate) struct Args {
    /// Write the built-in templates into this folder (created if missing).
    #[arg(long, value_name = "DIR")]
    dump: PathBuf,
    /// Overwrite templates in the folder that differ from the built-in ones.
    #[arg(long)]
    force: bool,
    /// Do not list the files written.
    #[arg(short, long)]
    quiet: bool,
}

/// Run `actplan templates --dump DIR`: refuse before writing anything when an edited
/// template would be overwritten.
pub(crate) fn run(args: &Args) -> Result<Exit, Failure> {
    let folder = &args.dump;
    let templates = actplan::render::template::BUILT_INS;
    if !args.force {
        let edited: Vec<String> = templates
            .iter()
            .map(|t| folder.join(t.name))
            .filter(|path| differs(path, templates))
            .map(|path| path.display().to_string())
            .collect();
        if !edited.is_empty() {
            return Err(Failure::usage(format!(
                "{}: not overwriting {} {} from the built-in templates (use --force): {}",
                folder.display(),
                io::plural(edited.len(), "file"),
                if edited.len() == 1 {
                    "that differs"
                } else {
                    "that differ"
                },
                edited.join(", ")
            )));
        }
    }
    std::fs::create_dir_all(folder).map_err(|e| {
        Failure::new(
            Exit::Io,
            format!("{}: cannot create: {e}", folder.display()),
        )
    })?;
    for template in templates {
        let target = folder.join(template.name);
        let target = target.to_string_lossy();
        io::write_output(&target, template.source.as_bytes(), &[])?;
        if !args.quiet {
            eprintln!("actplan: wrote {target}");
        }
    }
    Ok(Exit::Success)
}

/// True when `path` exists with content other than its built-in template's.
fn differs(path: &Path, templates: &[actplan::render::template::BuiltIn]) -> bool {
    let Ok(existing) = std::fs::read(path) else {
        return false;
    };
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    templates
        .iter()
        .find(|t| t.name == name)
        .is_none_or(|t| t.source.as_bytes() != existing)
}
