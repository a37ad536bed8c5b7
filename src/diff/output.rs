//! The diff report as terminal text, Markdown, self-contained HTML and JSON.
//!
//! Every format lists the same entries in the same order: a headline counting the changes,
//! then one group per document part (cover, Section I, each resolution, appendices,
//! footnotes) with one line per change. Edited texts carry their changed words marked:
//! `[-old-]{+new+}` in plain text (red / green with colour), `~~old~~ <ins>new</ins>` in
//! Markdown, `<del>` / `<ins>` in HTML. The output depends on the report only.

use super::{Change, ChangeKind, Field, MatrixRow, Note, Op, Report, Target, Value};
use crate::model::{Appendix, AppendixItem, Block, Item, Resolution};

/// A piece of a rendered line.
#[derive(Debug, Clone, PartialEq)]
enum Seg {
    /// Plain text.
    Text(String),
    /// Text of the old edition only.
    Del(String),
    /// Text of the new edition only.
    Ins(String),
    /// Emphasised label ("newly completed").
    Strong(String),
}

/// A detail line under a change, and how deep it is nested (0: right under the change).
type Detail = (usize, Vec<Seg>);

/// One change as lines: the subject ("01-01 status"), what it is about (an item's action),
/// the line, and detail lines.
struct Entry {
    kind: ChangeKind,
    subject: String,
    context: Option<String>,
    line: Vec<Seg>,
    details: Vec<Detail>,
}

fn text(s: impl Into<String>) -> Seg {
    Seg::Text(s.into())
}

/// The words of a field name as a reader says them.
fn field_name(field: &Field) -> String {
    match field {
        Field::PeriodicGoalsMet => "periodic goals met".to_string(),
        Field::CrossReference => "cross-reference".to_string(),
        Field::OperativeText => "operative text".to_string(),
        other => other.as_str().replace('_', " "),
    }
}

/// A value as the reports show it.
fn show(value: &Value) -> String {
    match value {
        Value::None => "(none)".to_string(),
        Value::Flag(flag) => yes_no(*flag).to_string(),
        Value::Text(s) => show_text(s),
        Value::Texts(list) => list
            .iter()
            .map(|s| show_text(s))
            .collect::<Vec<_>>()
            .join(", "),
        part => part.to_json().to_string(),
    }
}

fn show_text(text: &str) -> String {
    if text.is_empty() {
        "(empty)".to_string()
    } else {
        text.to_string()
    }
}

fn yes_no(flag: bool) -> &'static str {
    if flag {
        "yes"
    } else {
        "no"
    }
}

/// before → after, or the marked words.
fn edit(change: &Change) -> Vec<Seg> {
    if let Some(words) = &change.words {
        return words
            .iter()
            .map(|w| match w.op {
                Op::Equal => Seg::Text(w.text.clone()),
                Op::Delete => Seg::Del(w.text.clone()),
                Op::Insert => Seg::Ins(w.text.clone()),
            })
            .collect();
    }
    vec![
        Seg::Del(show(&change.before)),
        text(" → "),
        Seg::Ins(show(&change.after)),
    ]
}

/// The lines describing a whole item (added or removed), `depth` deep.
fn item_details(item: &Item, wrap: fn(String) -> Seg, depth: usize) -> Vec<Detail> {
    let mut details = Vec::new();
    if let Some(x) = &item.cross_reference {
        details.push((depth, vec![text("Cross-reference: "), wrap(x.clone())]));
    }
    details.push((
        depth,
        vec![text("Milestone: "), wrap(item.milestone.clone())],
    ));
    details.push((
        depth,
        vec![text(format!(
            "Periodic goals met: {}; completed: {}",
            yes_no(item.periodic_goals_met),
            yes_no(item.completed)
        ))],
    ));
    details.extend(paragraphs("Status: ", &item.status, wrap, depth));
    details
}

/// One detail line per paragraph, each starting with `label`.
fn paragraphs(label: &str, blocks: &[Block], wrap: fn(String) -> Seg, depth: usize) -> Vec<Detail> {
    blocks
        .iter()
        .filter(|b| !b.text.trim().is_empty())
        .map(|b| (depth, vec![text(label), wrap(b.text.clone())]))
        .collect()
}

/// The lines describing a whole resolution: its operative text, its items with their
/// details, its notes.
fn resolution_details(resolution: &Resolution, wrap: fn(String) -> Seg) -> Vec<Detail> {
    let mut details = paragraphs("", &resolution.operative_text, wrap, 0);
    for item in &resolution.action_items {
        let line = vec![Seg::Strong(format!("Item {}", item.id)), text(": ")];
        details.push((0, [line, vec![wrap(item.action.clone())]].concat()));
        details.extend(item_details(item, wrap, 1));
    }
    details.extend(paragraphs("Note: ", &resolution.notes, wrap, 0));
    details
}

/// The lines describing an appendix entry: its cross-reference and further cells.
fn entry_details(entry: &AppendixItem, wrap: fn(String) -> Seg, depth: usize) -> Vec<Detail> {
    let mut details = Vec::new();
    if let Some(x) = &entry.cross_reference {
        details.push((depth, vec![text("Cross-reference: "), wrap(x.clone())]));
    }
    for extra in entry.extra.iter().filter(|e| !e.trim().is_empty()) {
        details.push((depth, vec![wrap(extra.clone())]));
    }
    details
}

/// The lines describing a whole appendix: its note, its entries, its paragraphs.
fn appendix_details(appendix: &Appendix, wrap: fn(String) -> Seg) -> Vec<Detail> {
    let mut details = Vec::new();
    if let Some(note) = &appendix.note {
        details.push((0, vec![text("Note: "), wrap(note.clone())]));
    }
    for entry in &appendix.items {
        let line = vec![Seg::Strong(format!("Item {}", entry.id)), text(": ")];
        details.push((0, [line, vec![wrap(entry.action.clone())]].concat()));
        details.extend(entry_details(entry, wrap, 1));
    }
    details.extend(paragraphs("", &appendix.blocks, wrap, 0));
    details
}

fn entry(change: &Change) -> Entry {
    let simple = |subject: String, line: Vec<Seg>| (subject, line, Vec::new());
    let (subject, line, details) = match (&change.field, change.kind) {
        (None, ChangeKind::Moved) => simple(change.id.clone(), moved(change)),
        (Some(field), ChangeKind::Reordered) => reordered(change, field),
        (None, ChangeKind::Added | ChangeKind::Removed) => whole_part(change),
        (Some(Field::Completed), _) => simple(change.id.clone(), completed(change)),
        (Some(field), _) => simple(field_subject(change, field), field_line(change)),
        (None, _) => simple(part_subject(change), edit(change)),
    };
    // A whole item's line already is its action.
    let shows_action = change.target == Target::Item
        && change.field.is_none()
        && matches!(change.kind, ChangeKind::Added | ChangeKind::Removed);
    let context = match (&change.context, change.target) {
        (Some(_), _) if shows_action => None,
        (Some(place), Target::Footnote) => Some(format!("in {place}")),
        (context, _) => context.clone(),
    };
    Entry {
        kind: change.kind,
        subject,
        context,
        line,
        details,
    }
}

/// A reordered paragraph list: the new order, each paragraph with its old place.
fn reordered(change: &Change, field: &Field) -> (String, Vec<Seg>, Vec<Detail>) {
    let (Value::Texts(old), Value::Texts(new)) = (&change.before, &change.after) else {
        return (field_subject(change, field), edit(change), Vec::new());
    };
    let mut taken = vec![false; old.len()];
    let details = new
        .iter()
        .enumerate()
        .map(|(n, paragraph)| {
            let key = super::normalise(paragraph);
            let was = (0..old.len()).find(|&o| !taken[o] && super::normalise(&old[o]) == key);
            if let Some(o) = was {
                taken[o] = true;
            }
            let line = match was {
                Some(o) if o != n => format!("{} (was {}): {paragraph}", n + 1, o + 1),
                Some(_) => format!("{}: {paragraph}", n + 1),
                // Reported as a change of its own.
                None => format!("{}: (added or edited, see below)", n + 1),
            };
            (0, vec![text(line)])
        })
        .collect();
    let line = vec![
        Seg::Strong("paragraphs reordered".into()),
        text(", new order:"),
    ];
    (field_subject(change, field), line, details)
}

fn moved(change: &Change) -> Vec<Seg> {
    let line = match change.position {
        Some(at) if change.before == change.after => format!(
            "moved within {} from place {} to {}",
            show(&change.after),
            at.before,
            at.after
        ),
        _ => format!(
            "moved from {} to {}",
            show(&change.before),
            show(&change.after)
        ),
    };
    vec![text(line)]
}

fn completed(change: &Change) -> Vec<Seg> {
    let note = match change.note {
        Some(Note::NewlyCompleted) => "newly completed",
        Some(Note::Reopened) => "re-opened",
        None => "completed changed",
    };
    vec![Seg::Strong(note.into())]
}

/// "footnote 3" for a footnote, else the id.
fn part_subject(change: &Change) -> String {
    match change.target {
        Target::Footnote => format!("footnote {}", change.id),
        _ => change.id.clone(),
    }
}

/// An added or removed part: what it is, its action or title, and for an item its details.
fn whole_part(change: &Change) -> (String, Vec<Seg>, Vec<Detail>) {
    let (verb, value, wrap): (&str, &Value, fn(String) -> Seg) = match change.kind {
        ChangeKind::Added => ("added", &change.after, Seg::Ins),
        _ => ("removed", &change.before, Seg::Del),
    };
    let mut details = Vec::new();
    let line = match value {
        Value::Item(item) => {
            details = item_details(item, wrap, 0);
            labelled(format!("item {verb}"), wrap(item.action.clone()))
        }
        Value::AppendixItem(item) => {
            details = entry_details(item, wrap, 0);
            labelled(format!("item {verb}"), wrap(item.action.clone()))
        }
        Value::Resolution(resolution) => {
            details = resolution_details(resolution, wrap);
            labelled(verb.into(), wrap(resolution.title.clone()))
        }
        Value::Appendix(appendix) => {
            details = appendix_details(appendix, wrap);
            labelled(verb.into(), wrap(appendix.title.clone()))
        }
        Value::Row(row) => row_line(verb, row, wrap),
        other => labelled(verb.into(), wrap(show(other))),
    };
    (part_subject(change), line, details)
}

/// "**label**: text".
fn labelled(label: String, seg: Seg) -> Vec<Seg> {
    vec![Seg::Strong(label), text(": "), seg]
}

/// "row added: title (column: cell; …)", the filled cells only.
fn row_line(verb: &str, row: &MatrixRow, wrap: fn(String) -> Seg) -> Vec<Seg> {
    let mut line = labelled(format!("row {verb}"), wrap(row.title.clone()));
    let filled: Vec<String> = row
        .cells
        .iter()
        .filter(|(_, cell)| !cell.is_empty())
        .map(|(column, cell)| format!("{column}: {cell}"))
        .collect();
    if !filled.is_empty() {
        line.push(text(" ("));
        line.push(wrap(filled.join("; ")));
        line.push(text(")"));
    }
    line
}

/// "01-01 status", "cover source", "legend X", "Resolution 2 · Action by / TSB".
fn field_subject(change: &Change, field: &Field) -> String {
    let id = &change.id;
    match (change.target, field) {
        (Target::Cover, _) if id == "document" => format!("document {}", field_name(field)),
        (Target::Cover, _) => format!("cover {}", field_name(field)),
        (_, Field::Term(term)) => format!("legend {term}"),
        (_, Field::Column(column)) => format!("{id} · {column}"),
        _ => format!("{id} {}", field_name(field)),
    }
}

/// A field's paragraph added, removed or moved, or its edit.
fn field_line(change: &Change) -> Vec<Seg> {
    match (change.kind, change.position) {
        (ChangeKind::Added, _) => labelled("paragraph added".into(), Seg::Ins(show(&change.after))),
        (ChangeKind::Removed, _) => {
            labelled("paragraph removed".into(), Seg::Del(show(&change.before)))
        }
        (ChangeKind::Moved, Some(at)) if change.words.is_some() => {
            let label = format!(
                "paragraph moved from place {} to {} and edited",
                at.before, at.after
            );
            let mut line = vec![Seg::Strong(label), text(": ")];
            line.extend(edit(change));
            line
        }
        (ChangeKind::Moved, Some(at)) => labelled(
            format!("paragraph moved from place {} to {}", at.before, at.after),
            text(show(&change.after)),
        ),
        (ChangeKind::Moved, None) => labelled("paragraph moved".into(), text(show(&change.after))),
        _ => edit(change),
    }
}

/// Changes grouped by the document part they are in, in report order.
fn groups(report: &Report) -> Vec<(&str, Vec<Entry>)> {
    let mut out: Vec<(&str, Vec<Entry>)> = Vec::new();
    for change in &report.changes {
        let context = change.group.as_str();
        match out.last_mut() {
            Some((last, entries)) if *last == context => entries.push(entry(change)),
            _ => out.push((context, vec![entry(change)])),
        }
    }
    out
}

fn sign(kind: ChangeKind) -> char {
    match kind {
        ChangeKind::Added => '+',
        ChangeKind::Removed => '-',
        ChangeKind::Changed => '~',
        ChangeKind::Moved => '>',
        ChangeKind::Reordered => '~',
    }
}

fn kind_name(kind: ChangeKind) -> &'static str {
    match kind {
        ChangeKind::Added => "added",
        ChangeKind::Removed => "removed",
        ChangeKind::Changed => "changed",
        ChangeKind::Moved => "moved",
        ChangeKind::Reordered => "reordered",
    }
}

// ---------------------------------------------------------------------------------------------
// JSON
// ---------------------------------------------------------------------------------------------

/// The report as pretty-printed JSON (the contract: `summary` and `changes`, plus `editions`),
/// ending in a newline.
pub fn to_json(report: &Report) -> String {
    let mut out = serde_json::to_string_pretty(report).unwrap_or_default();
    out.push('\n');
    out
}

// ---------------------------------------------------------------------------------------------
// Terminal text
// ---------------------------------------------------------------------------------------------

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const BOLD: &str = "\x1b[1m";
const STRIKE: &str = "\x1b[9m";
const UNDERLINE: &str = "\x1b[4m";
const RESET: &str = "\x1b[0m";

/// Control characters other than TAB and newline, shown as their escape so a document cannot
/// drive the terminal.
fn safe(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() && c != '\t' && c != '\n' {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

/// Line breaks inside a value continue the line, indented.
fn indent_breaks(text: &str, indent: &str) -> String {
    text.replace('\n', &format!("\n{indent}"))
}

fn text_segs(segs: &[Seg], color: bool, indent: &str) -> String {
    let mut out = String::new();
    for seg in segs {
        let piece = |s: &str| indent_breaks(&safe(s), indent);
        match (seg, color) {
            (Seg::Text(s), _) => out.push_str(&piece(s)),
            (Seg::Del(s), true) => out.push_str(&format!("{RED}{STRIKE}{}{RESET}", piece(s))),
            (Seg::Ins(s), true) => out.push_str(&format!("{GREEN}{UNDERLINE}{}{RESET}", piece(s))),
            (Seg::Strong(s), true) => out.push_str(&format!("{BOLD}{}{RESET}", piece(s))),
            (Seg::Del(s), false) => out.push_str(&format!("[-{}-]", piece(s))),
            (Seg::Ins(s), false) => out.push_str(&format!("{{+{}+}}", piece(s))),
            (Seg::Strong(s), false) => out.push_str(&piece(s)),
        }
    }
    out
}

/// The report for a terminal; `color` adds ANSI colours (red deleted, green inserted text).
pub fn to_text(report: &Report, color: bool) -> String {
    let bold = |s: &str| {
        if color {
            format!("{BOLD}{}{RESET}", safe(s))
        } else {
            safe(s)
        }
    };
    let mut out = String::new();
    out.push_str(&format!(
        "--- old: {}\n+++ new: {}\n",
        safe(&report.editions.old.describe()),
        safe(&report.editions.new.describe())
    ));
    out.push_str(&bold(&report.summary.headline()));
    out.push('\n');
    for (context, entries) in groups(report) {
        out.push('\n');
        out.push_str(&bold(context));
        out.push('\n');
        for entry in entries {
            let mark = sign(entry.kind);
            let mark = match (color, entry.kind) {
                (true, ChangeKind::Added) => format!("{GREEN}{mark}{RESET}"),
                (true, ChangeKind::Removed) => format!("{RED}{mark}{RESET}"),
                (true, _) => format!("{BOLD}{mark}{RESET}"),
                (false, _) => mark.to_string(),
            };
            let indent = "      ";
            let context = match &entry.context {
                Some(context) => format!(" ({})", indent_breaks(&safe(context), indent)),
                None => String::new(),
            };
            out.push_str(&format!(
                "  {mark} {}{context}: {}\n",
                bold(&entry.subject),
                text_segs(&entry.line, color, indent)
            ));
            for (depth, detail) in &entry.details {
                let indent = format!("{indent}{}", "  ".repeat(*depth));
                out.push_str(&format!("{indent}{}\n", text_segs(detail, color, &indent)));
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Markdown
// ---------------------------------------------------------------------------------------------

/// Text safe inline in Markdown: the characters that open markup backslash-escaped, `<`, `>`
/// and `&` as entities (no raw HTML gets through), line breaks as `<br>` (the text never starts
/// a line of its own), TABs as spaces.
fn md_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' => out.push_str("<br>"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// `wrap` around the text with its leading and trailing whitespace kept outside (Markdown
/// emphasis does not open after a space).
fn md_wrap(text: &str, open: &str, close: &str) -> String {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return md_escape(text);
    }
    let start = text.len() - text.trim_start().len();
    let end = start + trimmed.len();
    format!(
        "{}{open}{}{close}{}",
        md_escape(&text[..start]),
        md_escape(trimmed),
        md_escape(&text[end..])
    )
}

fn md_segs(segs: &[Seg]) -> String {
    segs.iter()
        .map(|seg| match seg {
            Seg::Text(s) => md_escape(s),
            Seg::Del(s) => md_wrap(s, "~~", "~~"),
            Seg::Ins(s) => md_wrap(s, "<ins>", "</ins>"),
            Seg::Strong(s) => md_wrap(s, "**", "**"),
        })
        .collect()
}

/// The report as GitHub-flavoured Markdown.
pub fn to_markdown(report: &Report) -> String {
    let mut out = String::new();
    out.push_str("# Changes to the WTSA Action Plan\n\n");
    out.push_str(&format!(
        "Old edition: {}  \nNew edition: {}\n\n",
        md_escape(&report.editions.old.describe()),
        md_escape(&report.editions.new.describe())
    ));
    out.push_str(&format!("**{}**\n", md_escape(&report.summary.headline())));
    for (context, entries) in groups(report) {
        out.push_str(&format!("\n## {}\n\n", md_escape(context)));
        for entry in entries {
            let context = match &entry.context {
                Some(context) => format!(" ({})", md_wrap(context, "*", "*")),
                None => String::new(),
            };
            out.push_str(&format!(
                "- **{}**{context}: {}\n",
                md_escape(&entry.subject),
                md_segs(&entry.line)
            ));
            for (depth, detail) in &entry.details {
                let indent = "  ".repeat(depth + 1);
                out.push_str(&format!("{indent}- {}\n", md_segs(detail)));
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// HTML
// ---------------------------------------------------------------------------------------------

/// Text safe in HTML content and attribute values.
pub fn html_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push_str("<br>"),
            c if c.is_control() && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

fn html_segs(segs: &[Seg]) -> String {
    segs.iter()
        .map(|seg| match seg {
            Seg::Text(s) => html_escape(s),
            Seg::Del(s) => format!("<del>{}</del>", html_escape(s)),
            Seg::Ins(s) => format!("<ins>{}</ins>", html_escape(s)),
            Seg::Strong(s) => format!("<strong>{}</strong>", html_escape(s)),
        })
        .collect()
}

const STYLE: &str = "\
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;max-width:60rem;\
margin:2rem auto;padding:0 1rem;line-height:1.45;color:#1b1b1b}\
h1{font-size:1.5rem}h2{font-size:1.1rem;margin-top:1.8rem;border-bottom:1px solid #ccc}\
.editions{color:#555}.headline{font-weight:600}\
ul.changes{list-style:none;padding-left:0}ul.changes>li{margin:.35rem 0;padding-left:1.6rem;\
text-indent:-1.6rem;white-space:pre-wrap}ul.details{margin:.2rem 0 .2rem 1.6rem;padding-left:1rem;\
text-indent:0}.sign{display:inline-block;width:1.6rem;text-indent:0;font-weight:700;text-align:center}\
.added .sign{color:#1a7f37}.removed .sign{color:#c62828}.changed .sign,.moved .sign{color:#8250df}\
del{background:#ffebe9;color:#82071e}ins{background:#dafbe1;color:#116329;text-decoration:none}\
.subject{font-weight:600}.context{color:#555;font-style:italic}\
ul.details>li.depth1{margin-left:1.2rem}ul.details>li.depth2{margin-left:2.4rem}\
@media print{del{text-decoration:line-through}ins{text-decoration:underline}}";

/// The report as one self-contained HTML page (inline CSS, no script); every document text is
/// escaped.
pub fn to_html(report: &Report) -> String {
    let old = html_escape(&report.editions.old.describe());
    let new = html_escape(&report.editions.new.describe());
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(&format!(
        "<title>Changes to the WTSA Action Plan: {old} → {new}</title>\n"
    ));
    out.push_str(&format!("<style>{STYLE}</style>\n</head>\n<body>\n"));
    out.push_str("<h1>Changes to the WTSA Action Plan</h1>\n");
    out.push_str(&format!(
        "<p class=\"editions\">Old edition: {old}<br>New edition: {new}</p>\n"
    ));
    out.push_str(&format!(
        "<p class=\"headline\">{}</p>\n",
        html_escape(&report.summary.headline())
    ));
    for (context, entries) in groups(report) {
        out.push_str(&format!(
            "<section>\n<h2>{}</h2>\n<ul class=\"changes\">\n",
            html_escape(context)
        ));
        for entry in entries {
            let kind = kind_name(entry.kind);
            let context = match &entry.context {
                Some(context) => {
                    format!(" <span class=\"context\">({})</span>", html_escape(context))
                }
                None => String::new(),
            };
            out.push_str(&format!(
                "<li class=\"{kind}\"><span class=\"sign\" title=\"{kind}\">{}</span><span class=\"subject\">{}</span>{context}: {}",
                html_escape(&sign(entry.kind).to_string()),
                html_escape(&entry.subject),
                html_segs(&entry.line)
            ));
            if !entry.details.is_empty() {
                out.push_str("<ul class=\"details\">");
                for (depth, detail) in &entry.details {
                    out.push_str(&format!(
                        "<li class=\"depth{depth}\">{}</li>",
                        html_segs(detail)
                    ));
                }
                out.push_str("</ul>");
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n</section>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}
