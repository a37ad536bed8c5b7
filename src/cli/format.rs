//! The output format of a subcommand: `--to`, else the extension of `-o`, else the
//! subcommand's default. One inference for every subcommand.

use super::Failure;
use clap::ValueEnum;
use std::path::Path;

/// A subcommand's `--to` values, with the file extensions that name them.
pub(crate) trait OutputFormat: ValueEnum + Copy + 'static {
    /// Lower-case extensions and the format each names.
    const EXTENSIONS: &'static [(&'static str, Self)];
    /// The format of standard output and of an output without extension.
    const DEFAULT: Self;
}

/// The format to write `output` in: `to` when given, else the format its extension names,
/// else [`OutputFormat::DEFAULT`] for '-' or a name without extension. An extension that
/// names no format is an error listing the `--to` values.
pub(crate) fn infer<F: OutputFormat>(output: &str, to: Option<F>) -> Result<F, Failure> {
    if let Some(to) = to {
        return Ok(to);
    }
    if output == "-" {
        return Ok(F::DEFAULT);
    }
    let Some(extension) = Path::new(output).extension().and_then(|e| e.to_str()) else {
        return Ok(F::DEFAULT);
    };
    let lower = extension.to_ascii_lowercase();
    F::EXTENSIONS
        .iter()
        .find(|(known, _)| *known == lower)
        .map(|(_, format)| *format)
        .ok_or_else(|| {
            Failure::usage(format!(
                "{output}: cannot infer the output format from .{extension} (use --to {})",
                names::<F>()
            ))
        })
}

/// The `--to` values, "json|md|html|docx".
pub(crate) fn names<F: ValueEnum>() -> String {
    F::value_variants()
        .iter()
        .filter_map(|v| v.to_possible_value())
        .map(|v| v.get_name().to_string())
        .collect::<Vec<_>>()
        .join("|")
}
