//! The Markdown report, read back with a CommonMark/GFM parser (pulldown-cmark with tables,
//! footnotes, strikethrough, task lists and math, as GitHub renders them): heading
//! structure, every item id, every link, footnotes, and document text that cannot inject
//! markup.

use crate::common::read_edition as edition;
use actplan::model::{ActionPlan, Block, Inline};
use actplan::render::{Format, RenderOptions};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::{BTreeSet, HashMap};

fn markdown(plan: &ActionPlan) -> String {
    let bytes = actplan::render(plan, Format::Markdown, &RenderOptions::default())
        .expect("render Markdown");
    String::from_utf8(bytes).expect("UTF-8")
}

/// What the parser saw.
#[derive(Default, Debug)]
struct Parsed {
    /// (level, text) in order.
    headings: Vec<(HeadingLevel, String)>,
    /// Link destinations.
    links: Vec<String>,
    /// Link destinations with the text inside each link.
    link_texts: Vec<(String, String)>,
    /// Footnote reference labels, in order.
    footnote_refs: Vec<String>,
    /// Footnote definition labels.
    footnote_defs: Vec<String>,
    /// Raw HTML (blocks and inline).
    html: Vec<String>,
    /// The text, a line break between paragraphs, cells and list items.
    text: String,
    /// Table header cell counts.
    tables: Vec<usize>,
    /// Math, images, code: none expected.
    unexpected: Vec<String>,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_MATH
        | Options::ENABLE_GFM
}

fn parse(md: &str) -> Parsed {
    let mut parsed = Parsed::default();
    let mut heading: Option<(HeadingLevel, String)> = None;
    let mut link: Option<(String, String)> = None;
    let mut header_cells: Option<usize> = None;
    for event in Parser::new_ext(md, options()) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => heading = Some((level, String::new())),
            Event::End(TagEnd::Heading(_)) => {
                parsed.headings.extend(heading.take());
                parsed.text.push('\n');
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                parsed.links.push(dest_url.to_string());
                link = Some((dest_url.to_string(), String::new()));
            }
            Event::End(TagEnd::Link) => parsed.link_texts.extend(link.take()),
            Event::Start(Tag::Image { dest_url, .. }) => {
                parsed.unexpected.push(format!("image {dest_url}"))
            }
            Event::Start(Tag::CodeBlock(_)) => parsed.unexpected.push("code block".into()),
            Event::Code(code) => parsed.unexpected.push(format!("code `{code}`")),
            Event::InlineMath(m) | Event::DisplayMath(m) => {
                parsed.unexpected.push(format!("math {m}"))
            }
            Event::Start(Tag::Strikethrough) => parsed.unexpected.push("strikethrough".into()),
            Event::TaskListMarker(_) => parsed.unexpected.push("task list".into()),
            Event::FootnoteReference(label) => parsed.footnote_refs.push(label.to_string()),
            Event::Start(Tag::FootnoteDefinition(label)) => {
                parsed.footnote_defs.push(label.to_string())
            }
            Event::Html(h) | Event::InlineHtml(h) => parsed.html.push(h.to_string()),
            Event::Start(Tag::TableHead) => header_cells = Some(0),
            Event::Start(Tag::TableCell) => {
                if let Some(n) = header_cells.as_mut() {
                    *n += 1;
                }
            }
            Event::End(TagEnd::TableHead) => parsed.tables.extend(header_cells.take()),
            Event::Text(t) => {
                if let Some((_, h)) = heading.as_mut() {
                    h.push_str(&t);
                }
                if let Some((_, l)) = link.as_mut() {
                    l.push_str(&t);
                }
                parsed.text.push_str(&t);
            }
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(TagEnd::Paragraph)
            | Event::End(TagEnd::TableCell)
            | Event::End(TagEnd::Item) => parsed.text.push('\n'),
            _ => {}
        }
    }
    parsed
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// GitHub's heading anchors (github-slugger), with -1, -2 for repeats.
fn github_anchors(headings: &[(HeadingLevel, String)]) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    for (_, text) in headings {
        let base: String = text
            .to_lowercase()
            .chars()
            .filter_map(|c| match c {
                ' ' => Some('-'),
                '-' | '_' => Some(c),
                c if c.is_alphanumeric() => Some(c),
                _ => None,
            })
            .collect();
        let mut slug = base.clone();
        let mut n = 0;
        while seen.contains(&slug) {
            n += 1;
            slug = format!("{base}-{n}");
        }
        seen.insert(slug);
    }
    seen
}

/// Every inline of the plan's paragraphs (operative text, statuses, notes, footnotes…).
fn all_inlines(plan: &ActionPlan) -> Vec<Inline> {
    fn walk(blocks: &[Block], out: &mut Vec<Inline>) {
        for b in blocks {
            out.extend(b.inlines.iter().cloned());
            for cell in b.rows.iter().flatten().flatten() {
                walk(cell, out);
            }
        }
    }
    let mut out = Vec::new();
    if let Some(s) = &plan.summary {
        walk(&s.caption, &mut out);
        walk(&s.notes, &mut out);
    }
    if let Some(p) = &plan.progress {
        walk(&p.intro, &mut out);
    }
    for r in &plan.resolutions {
        walk(&r.operative_text, &mut out);
        walk(&r.notes, &mut out);
        for i in &r.action_items {
            walk(&i.status, &mut out);
        }
    }
    for a in &plan.appendices {
        for item in &a.items {
            out.extend(item.action_inlines.iter().cloned());
        }
        walk(&a.blocks, &mut out);
    }
    for f in plan.footnotes.values() {
        walk(f, &mut out);
    }
    out
}

fn check_edition(name: &str) {
    let plan = edition(name);
    let md = markdown(&plan);
    let parsed = parse(&md);

    // One title, then the resolutions as level-2 headings, in order, with their text.
    let h1: Vec<_> = parsed
        .headings
        .iter()
        .filter(|(l, _)| *l == HeadingLevel::H1)
        .collect();
    assert_eq!(h1.len(), 1, "{name}: one title heading");
    let resolution_headings: Vec<&str> = parsed
        .headings
        .iter()
        .filter(|(l, t)| {
            *l == HeadingLevel::H2 && (t.starts_with("Resolution ") || t.starts_with("Opinion "))
        })
        .map(|(_, t)| t.as_str())
        .collect();
    let expected: Vec<String> = plan
        .resolutions
        .iter()
        .map(|r| format!("{} {} – {}", r.kind.as_str(), r.number, one_line(&r.title)))
        .collect();
    assert_eq!(resolution_headings, expected, "{name}: resolution headings");

    // Every item id is a level-3 heading, under its resolution, in order.
    let mut current = None;
    let mut items_under: HashMap<String, Vec<String>> = HashMap::new();
    for (level, text) in &parsed.headings {
        match level {
            HeadingLevel::H2 => current = Some(text.clone()),
            HeadingLevel::H3 => items_under
                .entry(current.clone().unwrap_or_default())
                .or_default()
                .push(text.clone()),
            _ => {}
        }
    }
    for (r, heading) in plan.resolutions.iter().zip(&expected) {
        let ids: Vec<String> = r.action_items.iter().map(|i| i.id.clone()).collect();
        let found = items_under.get(heading).cloned().unwrap_or_default();
        assert_eq!(found, ids, "{name}: items of {heading}");
    }
    let item_count: usize = plan.resolutions.iter().map(|r| r.action_items.len()).sum();
    assert!(item_count > 400, "{name}: {item_count} items");

    // Every external link of the model is a link, with its text.
    let links: BTreeSet<&str> = parsed.links.iter().map(String::as_str).collect();
    let mut external = 0;
    for inline in all_inlines(&plan) {
        let Some(href) = inline.href.as_deref() else {
            continue;
        };
        let lower = href.to_ascii_lowercase();
        if lower.starts_with("http://")
            || lower.starts_with("https://")
            || lower.starts_with("mailto:")
        {
            external += 1;
            let dest = href.trim().replace(' ', "%20");
            assert!(links.contains(dest.as_str()), "{name}: link {href} missing");
            if !inline.text.trim().is_empty() {
                assert!(
                    parsed
                        .link_texts
                        .iter()
                        .any(|(d, t)| *d == dest && t.contains(inline.text.trim())),
                    "{name}: link {href} lost its text {:?}",
                    inline.text
                );
            }
        }
    }
    assert!(
        external > 50,
        "{name}: only {external} external links in the model"
    );
    for row in &plan.summary.as_ref().expect("summary").rows {
        if let Some(url) = &row.url {
            assert!(
                links.contains(url.as_str()),
                "{name}: matrix link {url} missing"
            );
        }
    }

    // Internal links (contents, matrix titles, "» Contents") land on a heading.
    let anchors = github_anchors(&parsed.headings);
    let internal: Vec<&String> = parsed.links.iter().filter(|l| l.starts_with('#')).collect();
    assert!(
        internal.len() > plan.resolutions.len() * 2,
        "{name}: internal links"
    );
    for link in internal {
        assert!(
            anchors.contains(&link[1..]),
            "{name}: {link} points at no heading"
        );
    }
    for link in &parsed.links {
        let lower = link.to_ascii_lowercase();
        assert!(
            lower.starts_with('#')
                || lower.starts_with("http://")
                || lower.starts_with("https://")
                || lower.starts_with("mailto:"),
            "{name}: unexpected link {link}"
        );
    }

    // Footnotes: each reference has its definition and each definition is referenced.
    let refs: BTreeSet<&String> = parsed.footnote_refs.iter().collect();
    let defs: BTreeSet<&String> = parsed.footnote_defs.iter().collect();
    assert_eq!(refs, defs, "{name}: footnote references vs definitions");
    let referenced: BTreeSet<&str> = all_inlines(&plan)
        .iter()
        .filter_map(|i| i.footnote.clone())
        .filter(|id| plan.footnotes.contains_key(id))
        .map(|id| plan.footnotes.keys().find(|k| **k == id).unwrap().as_str())
        .collect();
    assert_eq!(defs.len(), referenced.len(), "{name}: footnotes");
    assert!(!defs.is_empty(), "{name}: the fixture has footnotes");

    // The matrix: 2 + 13 columns; no math, code, images, strikethrough, task lists;
    // the only HTML is our own line breaks in table cells.
    let columns = plan.summary.as_ref().map(|s| s.columns.len()).unwrap_or(0);
    assert!(
        parsed.tables.contains(&(2 + columns)),
        "{name}: matrix table {:?}",
        parsed.tables
    );
    assert!(
        parsed.unexpected.is_empty(),
        "{name}: {:?}",
        parsed.unexpected
    );
    for h in &parsed.html {
        assert_eq!(h, "<br>", "{name}: raw HTML {h:?}");
    }

    // Statuses and actions read back as text (spot check: every action's first words).
    for r in &plan.resolutions {
        for item in &r.action_items {
            let words: String = item
                .action
                .split_whitespace()
                .take(4)
                .collect::<Vec<_>>()
                .join(" ");
            let flat = one_line(&parsed.text.replace('\n', " "));
            assert!(
                flat.contains(&words),
                "{name}: action of {} ({words})",
                item.id
            );
        }
    }
}

#[test]
fn edition_a_reads_back() {
    check_edition("action-plan-edition-a.docx");
}

#[test]
fn edition_b_reads_back() {
    check_edition("action-plan-edition-b.docx");
}

const HOSTILE_TEXT: &str = "<script>alert(1)</script>";
const HOSTILE_ATTR: &str = "\"><img src=x onerror=alert(1)>";

/// Edition A with text that would be markup if it were not escaped.
fn hostile_plan() -> ActionPlan {
    let mut plan = edition("action-plan-edition-a.docx");
    let item = &mut plan.resolutions[0].action_items[0];
    item.action = format!("{HOSTILE_TEXT} *not emphasis* _nor this_ [x](javascript:alert(1))");
    item.milestone = "# not a heading\n- not a list\n1. nor this\n---".into();
    item.status = vec![
        Block::plain(HOSTILE_TEXT),
        Block {
            text: String::new(),
            inlines: vec![
                Inline {
                    text: HOSTILE_ATTR.into(),
                    ..Inline::default()
                },
                Inline {
                    text: "click me".into(),
                    href: Some("javascript:alert(1)".into()),
                    ..Inline::default()
                },
                Inline {
                    text: " and me".into(),
                    bold: true,
                    href: Some(" JaVaScRiPt:alert(2)".into()),
                    ..Inline::default()
                },
                Inline {
                    text: " data".into(),
                    href: Some("data:text/html,<script>alert(3)</script>".into()),
                    ..Inline::default()
                },
            ],
            ..Block::default()
        },
        Block::plain("| a | b |\n| --- | --- |\n> quote\n    code\n```\nfence\n$x$ ~~gone~~ &amp; <b>x</b> \\"),
        Block::plain("[^1] [link][ref] ![img](http://x/y.png)\n\n[ref]: javascript:alert(4)"),
    ];
    plan
}

#[test]
fn mark_texts_and_extra_cells_are_shown_on_the_items_lines() {
    let plan = crate::common::edition_a_with_item_extras();
    let items = &plan.resolutions[0].action_items;
    let md = markdown(&plan);
    let parsed = parse(&md);
    let lines: Vec<&str> = parsed.text.lines().collect();
    let at = |text: &str| lines.iter().position(|l| *l == text);
    let marks = at("Periodic goals met: see SG2 · Completed: Partially")
        .unwrap_or_else(|| panic!("the marks line of {} in:\n{md}", items[0].id));
    assert_eq!(lines[marks + 1], "Comment: x", "a line per extra cell");
    assert_eq!(lines[marks + 2], "Responsible: TSB");
    assert_eq!(
        md.matches("**Responsible:** TSB").count(),
        1,
        "the other items show no extra line"
    );
    assert!(parsed.unexpected.is_empty(), "{:?}", parsed.unexpected);
    assert!(parsed.html.iter().all(|h| h == "<br>"), "{:?}", parsed.html);

    // A true mark with text beside its check ("√ (2023)") shows its text once, no second ✓.
    let mut plan = plan;
    let first = &mut plan.resolutions[0].action_items[0];
    first.completed = true;
    first.completed_text = Some("√ (2023)".into());
    let parsed = parse(&markdown(&plan));
    assert!(
        parsed
            .text
            .lines()
            .any(|l| l == "Periodic goals met: see SG2 · Completed: √ (2023)"),
        "{}",
        parsed.text
    );
}

#[test]
fn hostile_text_is_neutralised() {
    let plan = hostile_plan();
    let clean = parse(&markdown(&edition("action-plan-edition-a.docx")));
    let md = markdown(&plan);
    let parsed = parse(&md);

    // The text shows as text.
    let text = one_line(&parsed.text.replace('\n', " "));
    for expected in [
        HOSTILE_TEXT,
        HOSTILE_ATTR,
        "*not emphasis* _nor this_ [x](javascript:alert(1))",
        "# not a heading",
        "- not a list",
        "1. nor this",
        "$x$ ~~gone~~ &amp; <b>x</b> \\",
        "[^1] [link][ref] ![img](http://x/y.png)",
        "[ref]: javascript:alert(4)",
        "click me",
        "and me",
    ] {
        assert!(text.contains(expected), "{expected:?} not shown as text");
    }
    // No markup came out of it.
    assert!(parsed
        .links
        .iter()
        .all(|l| !l.to_ascii_lowercase().contains("javascript")
            && !l.to_ascii_lowercase().starts_with("data:")));
    assert_eq!(parsed.links.len(), clean.links.len(), "no link added");
    assert_eq!(parsed.headings, clean.headings, "no heading added");
    assert_eq!(parsed.tables, clean.tables, "no table added");
    assert_eq!(
        parsed.footnote_refs, clean.footnote_refs,
        "no footnote added"
    );
    assert!(parsed.unexpected.is_empty(), "{:?}", parsed.unexpected);
    for h in &parsed.html {
        assert_eq!(h, "<br>", "raw HTML {h:?}");
    }
}

#[test]
fn nested_lists_and_tables() {
    use actplan::model::ListKind;
    let mut plan = edition("action-plan-edition-a.docx");
    let list = |text: &str, level: u32, kind: ListKind| Block {
        text: text.into(),
        list_level: Some(level),
        list_kind: Some(kind),
        ..Block::default()
    };
    let cell = |t: &str| vec![Block::plain(t)];
    plan.resolutions[0].action_items[0].status = vec![
        Block::plain("Intro"),
        list("first", 0, ListKind::Bullet),
        list("first.a", 1, ListKind::Bullet),
        list("first.b", 1, ListKind::Ordered),
        list("second", 0, ListKind::Bullet),
        list("one", 0, ListKind::Ordered),
        list("two", 0, ListKind::Ordered),
        Block {
            text: "h1\th2\nc|1\tc2".into(),
            rows: Some(vec![
                vec![cell("h1"), cell("h2")],
                vec![cell("c|1"), cell("c2\nline")],
            ]),
            header_rows: Some(1),
            ..Block::default()
        },
        // No header row: GFM needs one, an empty one is written.
        Block {
            text: "x1\tx2".into(),
            rows: Some(vec![vec![cell("x1"), cell("x2")]]),
            ..Block::default()
        },
    ];
    let md = markdown(&plan);
    let start = md.find("### 01-01").expect("item heading");
    let end = start + md[start..].find("### 01-02").expect("next item");
    let section = &md[start..end];
    for expected in [
        "- first\n  - first.a\n  1. first.b\n- second\n\n1. one\n1. two\n",
        "| h1 | h2 |\n| --- | --- |\n| c\\|1 | c2<br>line |\n",
        "|  |  |\n| --- | --- |\n| x1 | x2 |\n",
    ] {
        assert!(section.contains(expected), "{expected:?} not in\n{section}");
    }
    // And the parser agrees: two lists nested in the first item, a 2-column table.
    let mut depth = 0;
    let mut max_depth = 0;
    let mut cells = Vec::new();
    let mut in_cell = false;
    let mut in_head = false;
    let mut head_cells = Vec::new();
    for event in Parser::new_ext(section, options()) {
        match event {
            Event::Start(Tag::List(_)) => {
                depth += 1;
                max_depth = max_depth.max(depth);
            }
            Event::End(TagEnd::List(_)) => depth -= 1,
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => in_head = false,
            Event::Start(Tag::TableCell) => {
                in_cell = true;
                cells.push(String::new());
                if in_head {
                    head_cells.push(cells.len() - 1);
                }
            }
            Event::End(TagEnd::TableCell) => in_cell = false,
            Event::Text(t) if in_cell => cells.last_mut().unwrap().push_str(&t),
            _ => {}
        }
    }
    assert_eq!(max_depth, 2);
    assert_eq!(cells, ["h1", "h2", "c|1", "c2line", "", "", "x1", "x2"]);
    let heads: Vec<&str> = head_cells.iter().map(|&i| cells[i].as_str()).collect();
    assert_eq!(heads, ["h1", "h2", "", ""], "x1 is not a header cell");
}

#[test]
fn internal_links_point_at_headings() {
    let mut plan = edition("action-plan-edition-a.docx");
    let link = |text: &str, href: &str| Inline {
        text: text.into(),
        href: Some(href.into()),
        ..Inline::default()
    };
    let bookmark = plan.resolutions[6]
        .anchor
        .clone()
        .expect("Resolution 22 bookmark");
    assert_eq!(plan.resolutions[6].number, "22");
    plan.resolutions[0].action_items[0].status = vec![Block {
        text: "see 22 and nowhere".into(),
        inlines: vec![
            link("see 22", &format!("#{bookmark}")),
            Inline {
                text: " and ".into(),
                ..Inline::default()
            },
            link("nowhere", "#No_such_bookmark"),
        ],
        ..Block::default()
    }];
    let parsed = parse(&markdown(&plan));
    let to_22 = parsed
        .link_texts
        .iter()
        .find(|(_, t)| t == "see 22")
        .expect("link to Resolution 22");
    let heading = format!("Resolution 22 – {}", one_line(&plan.resolutions[6].title));
    let anchors = github_anchors(&[(HeadingLevel::H2, heading)]);
    assert!(anchors.contains(&to_22.0[1..]), "{to_22:?} vs {anchors:?}");
    assert!(
        parsed
            .link_texts
            .iter()
            .any(|(d, t)| d == "#No_such_bookmark" && t == "nowhere"),
        "an unknown anchor is kept"
    );
}
