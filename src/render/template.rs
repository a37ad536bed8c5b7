//! Markdown and HTML through minijinja. The built-in templates live in `templates/` and are
//! compiled into the binary; a user's template file replaces one without recompiling.

use super::{Format, RenderError};
use crate::model::ActionPlan;
use minijinja::{context, Environment};
use std::path::Path;

/// A built-in template: its file name in `templates/` and its text.
pub struct BuiltIn {
    /// File name ("report.md.j2").
    pub name: &'static str,
    /// Template source.
    pub source: &'static str,
}

/// Every built-in template, for `actplan templates --dump`.
pub const BUILT_INS: &[BuiltIn] = &[
    BuiltIn {
        name: "report.md.j2",
        source: include_str!("../../templates/report.md.j2"),
    },
    BuiltIn {
        name: "report.html.j2",
        source: include_str!("../../templates/report.html.j2"),
    },
];

fn built_in(format: Format) -> Option<&'static BuiltIn> {
    let name = match format {
        Format::Markdown => "report.md.j2",
        Format::Html => "report.html.j2",
        _ => return None,
    };
    BUILT_INS.iter().find(|t| t.name == name)
}

/// Render the plan with the built-in template of `format`, or with `user_template`.
pub fn render(
    plan: &ActionPlan,
    format: Format,
    user_template: Option<&Path>,
) -> Result<String, RenderError> {
    let (name, source) = match user_template {
        Some(path) => {
            let source = std::fs::read_to_string(path).map_err(|e| RenderError::TemplateFile {
                path: path.display().to_string(),
                message: e.to_string(),
            })?;
            (path.display().to_string(), source)
        }
        None => {
            let built_in = built_in(format)
                .ok_or_else(|| RenderError::Unsupported("no template for this format".into()))?;
            (
                format!("templates/{}", built_in.name),
                built_in.source.to_string(),
            )
        }
    };
    let mut env = Environment::new();
    env.set_auto_escape_callback(move |_| match format {
        Format::Html => minijinja::AutoEscape::Html,
        _ => minijinja::AutoEscape::None,
    });
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    env.add_template_owned(name.clone(), source)
        .map_err(|e| template_error(&name, &e))?;
    let template = env
        .get_template(&name)
        .map_err(|e| template_error(&name, &e))?;
    template
        .render(context! { plan => plan })
        .map_err(|e| template_error(&name, &e))
}

/// "FILE:LINE: what went wrong".
fn template_error(name: &str, error: &minijinja::Error) -> RenderError {
    let file = error.name().unwrap_or(name);
    let line = error.line().map(|l| format!(":{l}")).unwrap_or_default();
    let detail = error.detail().map(|d| format!(": {d}")).unwrap_or_default();
    RenderError::Template(format!("{file}{line}: {}{detail}", error.kind()))
}
