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
/// [`Cell::text`]). Nested tables are left out.
pub(super) fn cell_text_and_inlines(cell: &Cell) -> (String, Vec<Inline>) {
    let paragraphs: Vec<Block> = cell
        .blocks
        .iter()
        .filter_map(|node| match node {
            Node::Paragraph(p) => paragraph_block(p, None),
            Node::Table(_) => None,
        })
        .collect();
    if paragraphs.iter().all(|b| b.inlines.is_empty()) {
        return (cell.text(), Vec::new());
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
