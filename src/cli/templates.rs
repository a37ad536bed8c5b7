//! `actplan templates`: the built-in report templates, written out for editing.

use super::{io, Exit, Failure};
use std::path::PathBuf;

const EXAMPLES: &str = "\
Example:
  actplan templates --dump my-templates
  actplan convert plan.json -o out.html --template my-templates/report.html.j2

Exit codes: 0 success, 2 usage, 3 the folder or a file cannot be written.";

/// Arguments of `actplan templates`.
#[derive(clap::Args)]
#[command(after_help = EXAMPLES)]
pub(crate) struct Args {
    /// Write the built-in templates into this folder (created if missing).
    #[arg(long, value_name = "DIR")]
    dump: PathBuf,
}

/// Run `actplan templates --dump DIR`.
pub(crate) fn run(args: &Args) -> Result<Exit, Failure> {
    let folder = &args.dump;
    std::fs::create_dir_all(folder).map_err(|e| {
        Failure::new(
            Exit::Io,
            format!("{}: cannot create: {e}", folder.display()),
        )
    })?;
    for template in actplan::render::template::BUILT_INS {
        let target = folder.join(template.name);
        let target = target.to_string_lossy();
        io::write_output(&target, template.source.as_bytes(), &[])?;
        eprintln!("actplan: wrote {target}");
    }
    Ok(Exit::Success)
}
