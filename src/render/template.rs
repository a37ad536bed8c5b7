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
use super::{Format, PartialLoader, RenderError, UserTemplate};
use crate::model::ActionPlan;
use crate::query::Stats;
use minijinja::{context, Environment, Value};

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

/// Render the plan with the built-in template of `format`, or with the user's template;
/// `stats` gives the HTML report its charts.
pub fn render(
    plan: &ActionPlan,
    stats: Option<&Stats>,
    format: Format,
    user: Option<&UserTemplate>,
) -> Result<String, RenderError> {
    let target = match format {
        Format::Markdown => Target::Markdown,
        Format::Html => Target::Html,
        _ => return Err(RenderError::NoTemplate),
    };
    let (name, source) = match user {
        Some(user) => (user.name.clone(), user.source.clone()),
        None => {
            let built_in = built_in(format).ok_or(RenderError::NoTemplate)?;
            (
                format!("templates/{}", built_in.name),
                built_in.source.to_string(),
            )
        }
    };
    let loader = user.and_then(|u| u.partials.clone());
    let mut env = environment(format, loader.clone());
    let display = |e: &minijinja::Error| template_error(&name, loader.as_ref(), e);
    env.add_template_owned(name.clone(), source)
        .map_err(|e| display(&e))?;
    let template = env.get_template(&name).map_err(|e| display(&e))?;
    let view = view::build(plan, target, stats);
    template
        .render(context! {
            plan => Value::from_serialize(plan),
            view => Value::from_serialize(&view),
        })
        .map_err(|e| display(&e))
}

/// The environment: escaping, whitespace control, filters and the partials' loader.
fn environment(format: Format, loader: Option<PartialLoader>) -> Environment<'static> {
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
        if let Some(partial) = loader.as_ref().and_then(|load| load(name)) {
            return partial.map(|p| Some(p.source)).map_err(|message| {
                minijinja::Error::new(minijinja::ErrorKind::TemplateNotFound, message)
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
fn template_error(
    name: &str,
    loader: Option<&PartialLoader>,
    error: &minijinja::Error,
) -> RenderError {
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
            Some(n) => match loader.and_then(|load| load(n)) {
                Some(Ok(partial)) => partial.name,
                _ if built_in_named(n).is_some() => format!("templates/{n}"),
                _ => n.to_string(),
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
