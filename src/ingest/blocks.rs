//! Generic tree nodes → model blocks: trimmed text, inline formatting, lists, nested tables.

use crate::model::{Block, Inline, ListKind};
use crate::ooxml::{Cell, Node, Paragraph, Span, Table};

/// Convert the nodes of a container (cell, section) to blocks: one block per non-empty
/// paragraph, one table block per table.
pub(super) fn blocks_of(nodes: &[Node], keep_style: Option<&str>) -> Vec<Block> {
    nodes
        .iter()
        .filter_map(|node| match node {
            Node::Paragraph(p) => paragraph_block(p, keep_style),
            Node::Table(t) => Some(table_block(t)),
        })
        .collect()
}

/// One paragraph as a block, or `None` when it has no text (and no footnote reference).
///
/// `default_style` is the document's default paragraph style: a block records its style
/// only when `default_style` is given and the paragraph's style differs from it.
pub(super) fn paragraph_block(paragraph: &Paragraph, default_style: Option<&str>) -> Option<Block> {
    let spans = trimmed_spans(&paragraph.spans);
    if spans.is_empty() {
        return None;
    }
    let text: String = spans.iter().map(|s| s.text.as_str()).collect();
    let plain = spans
        .iter()
        .all(|s| !s.bold && !s.italic && s.href.is_none() && s.footnote.is_none());
    let inlines = if plain {
        Vec::new()
    } else {
        spans.into_iter().map(inline_of).collect()
    };
    let style = match (default_style, paragraph.style.as_deref()) {
        (Some(default), Some(style)) if style != default => Some(style.to_string()),
        _ => None,
    };
    Some(Block {
        text,
        list_level: paragraph.list.map(|l| l.level),
        list_kind: paragraph.list.map(|l| {
            if l.ordered {
                ListKind::Ordered
            } else {
                ListKind::Bullet
            }
        }),
        style,
        inlines,
        rows: None,
        header_rows: None,
    })
}

/// A cell's paragraphs as one text with its spans: (text, inlines), paragraphs joined by
/// "\n"; the inlines are empty when the cell is plain text (then the text is
/// [`Cell::text`]). A nested table is kept as text: one line per row, cells joined by TAB
/// (the caller warns that its layout is lost, see [`lost_as_text`]).
pub(super) fn cell_text_and_inlines(cell: &Cell) -> (String, Vec<Inline>) {
    let has_table = cell.blocks.iter().any(|n| matches!(n, Node::Table(_)));
    let paragraphs: Vec<Block> = cell
        .blocks
        .iter()
        .flat_map(|node| match node {
            Node::Paragraph(p) => paragraph_block(p, None).into_iter().collect(),
            Node::Table(t) => table_lines(t),
        })
        .collect();
    let plain = paragraphs.iter().all(|b| b.inlines.is_empty());
    if plain && !has_table {
        return (cell.text(), Vec::new());
    }
    if plain {
        let lines: Vec<&str> = paragraphs.iter().map(|b| b.text.as_str()).collect();
        return (lines.join("\n"), Vec::new());
    }
    let mut inlines: Vec<Inline> = Vec::new();
    for block in &paragraphs {
        if !inlines.is_empty() {
            inlines.push(Inline {
                text: "\n".into(),
                ..Inline::default()
            });
        }
        inlines.extend(block.spans());
    }
    let text = inlines.iter().map(|i| i.text.as_str()).collect();
    (text, inlines)
}

/// A nested table's rows as plain blocks: one per row that has text, cells joined by TAB.
fn table_lines(table: &Table) -> Vec<Block> {
    table
        .rows
        .iter()
        .map(|row| {
            let cells: Vec<String> = row
                .cells
                .iter()
                .map(|c| c.text().replace('\n', " "))
                .collect();
            cells.join("\t")
        })
        .filter(|line| !line.trim().is_empty())
        .map(Block::plain)
        .collect()
}

/// What reading `cell` as plain text ([`Cell::text`]) leaves out, for a warning: its footnote
/// references, link targets and nested tables ("a footnote reference, a link to
/// https://…"). With `keeps_spans` (the cell is read with [`cell_text_and_inlines`]) only
/// nested tables are lost, and their text is kept. `None` when nothing is lost.
pub(super) fn lost_as_text(cell: &Cell, keeps_spans: bool) -> Option<String> {
    let mut lost: Vec<String> = Vec::new();
    let pictures = pictures_in(&cell.blocks);
    if pictures > 0 {
        lost.push(pictures_phrase(pictures));
    }
    for node in &cell.blocks {
        match node {
            Node::Paragraph(p) if !keeps_spans => lost.extend(spans_lost(&p.spans)),
            Node::Paragraph(_) => {}
            Node::Table(_) if keeps_spans => {
                lost.push("a table (its rows become lines, cells separated by tabs)".into())
            }
            Node::Table(_) => lost.push("a table".into()),
        }
    }
    describe(lost)
}

/// What reading `cell` as plain text loses of its footnote references and links (pictures
/// and tables aside), for a warning; `None` when nothing.
pub(super) fn links_and_notes_lost(cell: &Cell) -> Option<String> {
    let lost = cell.blocks.iter().flat_map(|node| match node {
        Node::Paragraph(p) => spans_lost(&p.spans),
        Node::Table(_) => Vec::new(),
    });
    describe(lost.collect())
}

/// The pictures and embedded objects in `nodes`, nested tables included: the reader does
/// not keep them.
pub(super) fn pictures_in(nodes: &[Node]) -> u32 {
    nodes
        .iter()
        .map(|node| match node {
            Node::Paragraph(p) => p.pictures,
            Node::Table(t) => pictures_in_cells(t.rows.iter().flat_map(|r| &r.cells)),
        })
        .fold(0, u32::saturating_add)
}

/// The pictures and embedded objects in these cells ([`pictures_in`] each).
pub(super) fn pictures_in_cells<'c>(cells: impl Iterator<Item = &'c Cell>) -> u32 {
    cells
        .map(|c| pictures_in(&c.blocks))
        .fold(0, u32::saturating_add)
}

/// "a picture" or "3 pictures" (pictures and embedded objects alike).
pub(super) fn pictures_phrase(count: u32) -> String {
    match count {
        1 => "a picture".to_string(),
        n => format!("{n} pictures"),
    }
}

/// What reading a paragraph as plain text ([`Paragraph::text`]) leaves out: its footnote
/// references and link targets, for a warning; `None` when nothing is lost.
pub(super) fn paragraph_lost_as_text(paragraph: &Paragraph) -> Option<String> {
    describe(spans_lost(&paragraph.spans))
}

/// The footnote references and links of `spans`; a link whose text shows its target
/// ("tsb@itu.int" to mailto:tsb@itu.int) loses nothing and is left out.
fn spans_lost(spans: &[Span]) -> Vec<String> {
    let mut lost = Vec::new();
    let mut index = 0;
    while let Some(span) = spans.get(index) {
        index = index.saturating_add(1);
        if span.footnote.is_some() {
            lost.push("a footnote reference".to_string());
            continue;
        }
        let Some(href) = &span.href else { continue };
        let mut text = span.text.clone();
        while let Some(next) = spans.get(index).filter(|s| s.href.as_ref() == Some(href)) {
            text.push_str(&next.text);
            index = index.saturating_add(1);
        }
        if !link_shows_target(text.trim(), href) {
            lost.push(format!("a link to {href}"));
        }
    }
    lost
}

/// True when a link's text is its target, give or take the scheme ("mailto:", "https://")
/// and a trailing slash.
fn link_shows_target(text: &str, href: &str) -> bool {
    let bare = |s: &str| {
        let s = s.trim().trim_end_matches('/');
        ["mailto:", "https://", "http://"]
            .iter()
            .fold(s, |s, scheme| s.strip_prefix(scheme).unwrap_or(s))
            .to_lowercase()
    };
    !text.is_empty() && bare(text) == bare(href)
}

/// The things lost, each once, joined: "a footnote reference, a link to https://…".
fn describe(lost: Vec<String>) -> Option<String> {
    let mut once: Vec<String> = Vec::with_capacity(lost.len());
    for thing in lost {
        if !once.contains(&thing) {
            once.push(thing);
        }
    }
    (!once.is_empty()).then(|| once.join(", "))
}

/// A nested table as one block: `rows` holds the cells' blocks, `text` the rows as lines
/// with cells joined by TAB, `header_rows` its leading repeating header rows.
pub(super) fn table_block(table: &Table) -> Block {
    let mut lines = Vec::with_capacity(table.rows.len());
    let mut model_rows = Vec::with_capacity(table.rows.len());
    for cells in table.rows.iter().map(|r| r.cells.as_slice()) {
        lines.push(
            cells
                .iter()
                .map(|c| c.text())
                .collect::<Vec<_>>()
                .join("\t"),
        );
        model_rows.push(cells.iter().map(|c| blocks_of(&c.blocks, None)).collect());
    }
    let header_rows = table.rows.iter().take_while(|r| r.header).count();
    Block {
        text: lines.join("\n"),
        rows: Some(model_rows),
        header_rows: u32::try_from(header_rows).ok().filter(|n| *n > 0),
        ..Block::default()
    }
}

fn inline_of(span: Span) -> Inline {
    Inline {
        text: span.text,
        bold: span.bold,
        italic: span.italic,
        href: span.href,
        footnote: span.footnote,
        mark: span.mark,
    }
}

/// Spans with leading and trailing white space removed from the paragraph as a whole,
/// empty text spans dropped and neighbours of equal formatting merged.
pub(super) fn trimmed_spans(spans: &[Span]) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for span in spans {
        if span.footnote.is_none() && span.text.is_empty() {
            continue;
        }
        if let Some(last) = out.last_mut() {
            if last.footnote.is_none()
                && span.footnote.is_none()
                && last.bold == span.bold
                && last.italic == span.italic
                && last.href == span.href
            {
                last.text.push_str(&span.text);
                continue;
            }
        }
        out.push(span.clone());
    }
    trim_edge(&mut out, true);
    trim_edge(&mut out, false);
    out
}

fn trim_edge(spans: &mut Vec<Span>, start: bool) {
    loop {
        let text_span = if start {
            spans.iter().position(|s| s.footnote.is_none())
        } else {
            spans.iter().rposition(|s| s.footnote.is_none())
        };
        let Some(index) = text_span else {
            return;
        };
        let span = &mut spans[index];
        let trimmed = if start {
            span.text.trim_start()
        } else {
            span.text.trim_end()
        };
        if trimmed.is_empty() {
            spans.remove(index);
            continue;
        }
        if trimmed.len() != span.text.len() {
            span.text = trimmed.to_string();
        }
        return;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(text: &str, bold: bool) -> Span {
        Span {
            text: text.into(),
            bold,
            ..Span::default()
        }
    }

    #[test]
    fn trims_the_paragraph_not_each_span() {
        let spans = trimmed_spans(&[
            span("  ", false),
            span(" The ", true),
            span("end ", false),
            span(" ", true),
        ]);
        assert_eq!(spans.len(), 2);
        assert_eq!(spans[0].text, "The ");
        assert_eq!(spans[1].text, "end");
    }

    #[test]
    fn plain_paragraph_has_no_inlines() {
        let paragraph = Paragraph {
            spans: vec![span("a", false), span("b", false)],
            ..Paragraph::default()
        };
        let block = paragraph_block(&paragraph, None).unwrap();
        assert_eq!(block.text, "ab");
        assert!(block.inlines.is_empty());
        assert_eq!(block.list_level, None);
    }
}
