//! Markdown and HTML through minijinja. The built-in templates live in `templates/` and are
//! compiled into the binary; a user's template file replaces one without recompiling.
//!
//! What a template sees:
//! * `plan`: the JSON model as it is (see `src/model.rs`);
//! * `view`: what is derived from it for reports (anchors, safe links, nested lists, item
//!   states and owners, numbered footnotes, pre-written Markdown), see [`super::view`];
//! * filters `md` (escape text for a Markdown paragraph), `md_cell` (for a table cell),
//!   `md_heading` (for a heading), `md_url` (a link destination) and `safe_href` (a link
//!   target kept only if http, https, mailto or `#anchor`, else none).
//!
//! HTML templates are auto-escaped; blocks are trimmed (`trim_blocks`, `lstrip_blocks`) and
//! the trailing newline kept. A template may `{% include %}` or `{% import %}` the built-in
//! partials by name; for a user template, a file of that name beside it is used first.

use super::markdown::{self, Mode};
use super::view::{self, Target};
use super::{Format, RenderError};
use crate::model::ActionPlan;
use minijinja::{context, Environment, Value};
use std::path::{Path, PathBuf};

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
    BuiltIn {
        name: "blocks.html.j2",
        source: include_str!("../../templates/blocks.html.j2"),
    },
    BuiltIn {
        name: "report.css.j2",
        source: include_str!("../../templates/report.css.j2"),
    },
    BuiltIn {
        name: "report.js.j2",
        source: include_str!("../../templates/report.js.j2"),
    },
];

fn built_in(format: Format) -> Option<&'static BuiltIn> {
    let name = match format {
        Format::Markdown => "report.md.j2",
        Format::Html => "report.html.j2",
        _ => return None,
    };
    built_in_named(name)
}

fn built_in_named(name: &str) -> Option<&'static BuiltIn> {
    BUILT_INS.iter().find(|t| t.name == name)
}

/// A partial's name is a plain file name: no folders, not hidden.
fn plain_file_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && !name.contains(['/', '\\', ':'])
        && !name.contains("..")
}

/// Where a template named in an include comes from.
fn partial_path(user_dir: Option<&Path>, name: &str) -> Option<PathBuf> {
    let dir = user_dir?;
    if !plain_file_name(name) {
        return None;
    }
    let path = dir.join(name);
    path.is_file().then_some(path)
}

/// Render the plan with the built-in template of `format`, or with `user_template`.
pub fn render(
    plan: &ActionPlan,
    format: Format,
    user_template: Option<&Path>,
) -> Result<String, RenderError> {
    let target = match format {
        Format::Markdown => Target::Markdown,
        Format::Html => Target::Html,
        _ => {
            return Err(RenderError::Unsupported(
                "no template for this format".into(),
            ))
        }
    };
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
    let user_dir: Option<PathBuf> = user_template.map(|p| {
        p.parent()
            .filter(|d| !d.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    });
    let env = environment(format, user_dir.clone());
    let display = |e: &minijinja::Error| template_error(&name, user_dir.as_deref(), e);
    let mut env = env;
    env.add_template_owned(name.clone(), source)
        .map_err(|e| display(&e))?;
    let template = env.get_template(&name).map_err(|e| display(&e))?;
    let view = view::build(plan, target);
    template
        .render(context! {
            plan => Value::from_serialize(plan),
            view => Value::from_serialize(&view),
        })
        .map_err(|e| display(&e))
}

/// The environment: escaping, whitespace control, filters and the partials' loader.
fn environment(format: Format, user_dir: Option<PathBuf>) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_auto_escape_callback(move |_| match format {
        Format::Html => minijinja::AutoEscape::Html,
        _ => minijinja::AutoEscape::None,
    });
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    env.set_keep_trailing_newline(true);
    env.set_loader(move |name| {
        if let Some(path) = partial_path(user_dir.as_deref(), name) {
            return std::fs::read_to_string(&path).map(Some).map_err(|e| {
                minijinja::Error::new(
                    minijinja::ErrorKind::TemplateNotFound,
                    format!("cannot read {}: {e}", path.display()),
                )
            });
        }
        Ok(built_in_named(name).map(|t| t.source.to_string()))
    });
    env.add_filter("md", |text: &str| markdown::escape(text, Mode::Block));
    env.add_filter("md_cell", |text: &str| markdown::escape(text, Mode::Cell));
    env.add_filter("md_heading", |text: &str| {
        markdown::escape(text, Mode::Heading)
    });
    env.add_filter("md_url", |href: &str| markdown::url(href));
    env.add_filter("safe_href", |href: &str| {
        view::safe_href(href).map_or(Value::from(()), Value::from)
    });
    env
}

/// "FILE:LINE: what went wrong", for the innermost template the error happened in (an
/// included partial rather than the include line), with where it was included from.
fn template_error(name: &str, user_dir: Option<&Path>, error: &minijinja::Error) -> RenderError {
    let mut chain = vec![error];
    let mut current = error;
    while let Some(inner) =
        std::error::Error::source(current).and_then(|s| s.downcast_ref::<minijinja::Error>())
    {
        chain.push(inner);
        current = inner;
    }
    let located = |e: &minijinja::Error| {
        let file = match e.name() {
            Some(n) if n == name => n.to_string(),
            Some(n) => match partial_path(user_dir, n) {
                Some(path) => path.display().to_string(),
                None if built_in_named(n).is_some() => format!("templates/{n}"),
                None => n.to_string(),
            },
            None => name.to_string(),
        };
        let line = e.line().map(|l| format!(":{l}")).unwrap_or_default();
        format!("{file}{line}")
    };
    let innermost = chain
        .iter()
        .rev()
        .find(|e| e.line().is_some())
        .copied()
        .unwrap_or(error);
    let detail = innermost
        .detail()
        .map(|d| format!(": {d}"))
        .unwrap_or_default();
    let mut message = format!("{}: {}{detail}", located(innermost), innermost.kind());
    if !std::ptr::eq(innermost, error) && error.line().is_some() {
        message.push_str(&format!(" (included from {})", located(error)));
    }
    RenderError::Template(message)
}
