//! Writing GitHub-flavoured Markdown: document text escaped so that it cannot turn into
//! markup, spans with emphasis and links, nested lists, GFM tables, footnote references.

use super::view::{ListItem, Node, Span};

/// Where escaped text goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A paragraph: a line break becomes a hard break (`\` at the end of the line).
    Block,
    /// A table cell: a line break becomes `<br>`.
    Cell,
    /// A heading: a line break becomes a space.
    Heading,
}

/// `text` escaped for Markdown in `mode`.
pub fn escape(text: &str, mode: Mode) -> String {
    let mut w = Writer::new(mode, "");
    w.text(text);
    w.finish()
}

/// A link destination: `(`, `)`, `|`, `\` escaped, spaces and angle brackets encoded.
pub fn url(href: &str) -> String {
    let mut out = String::with_capacity(href.len());
    for c in href.chars() {
        match c {
            '(' | ')' | '|' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            ' ' => out.push_str("%20"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Paragraph nodes as Markdown blocks separated by blank lines (no trailing newline).
pub fn blocks(nodes: &[Node]) -> String {
    let mut out = String::new();
    write_nodes(&mut out, nodes, "");
    while out.ends_with('\n') {
        out.pop();
    }
    out
}

/// Every line but the first prefixed with `indent` (empty lines left empty): the
/// continuation of a footnote definition.
pub fn indent_continuation(md: &str, indent: &str) -> String {
    let mut out = String::with_capacity(md.len() + 16);
    for (i, line) in md.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
            if !line.is_empty() {
                out.push_str(indent);
            }
        }
        out.push_str(line);
    }
    out
}

fn write_nodes(out: &mut String, nodes: &[Node], indent: &str) {
    for (i, node) in nodes.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        write_node(out, node, indent);
    }
}

fn write_node(out: &mut String, node: &Node, indent: &str) {
    match node.kind {
        "p" => {
            out.push_str(indent);
            let call = node.style.as_deref() == Some("call");
            out.push_str(&spans(&node.spans, Mode::Block, indent, call));
            out.push('\n');
        }
        "ul" | "ol" => write_list(out, node, indent),
        "table" => write_table(out, &node.rows, node.header_rows, indent),
        _ => {}
    }
}

fn write_list(out: &mut String, list: &Node, indent: &str) {
    let marker = if list.kind == "ol" { "1. " } else { "- " };
    let child_indent = format!("{indent}{}", " ".repeat(marker.len()));
    for ListItem {
        spans: text,
        children,
    } in &list.items
    {
        out.push_str(indent);
        out.push_str(marker);
        out.push_str(&spans(text, Mode::Block, &child_indent, false));
        out.push('\n');
        for child in children {
            if child.kind == "ul" || child.kind == "ol" {
                write_list(out, child, &child_indent);
            } else {
                out.push('\n');
                write_node(out, child, &child_indent);
            }
        }
    }
}

/// A GFM table. GFM tables need a header row: a table without one (`header_rows` 0) gets
/// an empty header row, as pandoc writes it, so that its first row is not shown as a header.
fn write_table(out: &mut String, rows: &[Vec<Vec<Node>>], header_rows: usize, indent: &str) {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    if columns == 0 {
        return;
    }
    let separator = |out: &mut String| {
        out.push_str(indent);
        out.push('|');
        out.push_str(&" --- |".repeat(columns));
        out.push('\n');
    };
    if header_rows == 0 {
        out.push_str(indent);
        out.push('|');
        out.push_str(&"  |".repeat(columns));
        out.push('\n');
        separator(out);
    }
    for (r, row) in rows.iter().enumerate() {
        out.push_str(indent);
        out.push('|');
        for c in 0..columns {
            let cell = row.get(c).map(|nodes| cell(nodes)).unwrap_or_default();
            out.push(' ');
            out.push_str(&cell);
            out.push_str(" |");
        }
        out.push('\n');
        if r == 0 && header_rows > 0 {
            separator(out);
        }
    }
}

/// A table cell's nodes on one line: paragraphs and list items joined with `<br>`.
fn cell(nodes: &[Node]) -> String {
    fn collect(nodes: &[Node], depth: usize, parts: &mut Vec<String>) {
        for node in nodes {
            match node.kind {
                "p" => parts.push(spans(&node.spans, Mode::Cell, "", false)),
                "ul" | "ol" => {
                    for (n, item) in node.items.iter().enumerate() {
                        let bullet = if node.kind == "ol" {
                            format!("{}. ", n + 1)
                        } else if depth == 0 {
                            "• ".to_string()
                        } else {
                            "◦ ".to_string()
                        };
                        parts.push(format!(
                            "{}{bullet}{}",
                            "\u{a0}\u{a0}".repeat(depth),
                            spans(&item.spans, Mode::Cell, "", false)
                        ));
                        collect(&item.children, depth + 1, parts);
                    }
                }
                "table" => {
                    for row in &node.rows {
                        let cells: Vec<String> = row.iter().map(|c| cell(c)).collect();
                        parts.push(cells.join(" · "));
                    }
                }
                _ => {}
            }
        }
    }
    let mut parts = Vec::new();
    collect(nodes, 0, &mut parts);
    parts.join("<br>")
}

/// Spans as inline Markdown: emphasis delimiters kept next to non-space text, links grouped,
/// footnote references as `[^key]`. `italic` forces italics (the "Call" style).
pub fn spans(spans: &[Span], mode: Mode, indent: &str, italic: bool) -> String {
    let mut w = Writer::new(mode, indent);
    let mut i = 0;
    while i < spans.len() {
        let span = &spans[i];
        if let Some(reference) = &span.footnote {
            w.raw(&format!("[^{}]", reference.key));
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < spans.len() && spans[j].footnote.is_none() && spans[j].href == span.href {
            j += 1;
        }
        w.run(&spans[i..j], italic, span.href.as_deref());
        i = j;
    }
    w.finish()
}

struct Writer<'a> {
    out: String,
    mode: Mode,
    /// Prefix of continuation lines (list item content).
    indent: &'a str,
    /// Nothing written yet on the current line.
    line_start: bool,
    /// A line break waiting for more text (dropped at the end of the paragraph).
    pending_break: bool,
    /// Open emphasis: "**" and "*".
    open: Vec<&'static str>,
    /// Whitespace after the last span, written before the next one (after any closing
    /// delimiters).
    pending_space: String,
}

impl<'a> Writer<'a> {
    fn new(mode: Mode, indent: &'a str) -> Self {
        Writer {
            out: String::new(),
            mode,
            indent,
            line_start: true,
            pending_break: false,
            open: Vec::new(),
            pending_space: String::new(),
        }
    }

    fn finish(mut self) -> String {
        self.close_all();
        self.pending_space.clear();
        self.out
    }

    /// Markup that starts content (an opening bracket, a footnote reference).
    fn raw(&mut self, markup: &str) {
        self.flush_space();
        self.flush_break();
        self.out.push_str(markup);
        self.line_start = false;
    }

    fn flush_break(&mut self) {
        if self.pending_break {
            self.pending_break = false;
            self.out.push_str("\\\n");
            self.out.push_str(self.indent);
            self.line_start = true;
        }
    }

    fn flush_space(&mut self) {
        if !self.pending_space.is_empty() {
            let space = std::mem::take(&mut self.pending_space);
            self.text(&space);
        }
    }

    /// Spans with the same link: emphasis opened and closed around their non-space text.
    fn run(&mut self, spans: &[Span], force_italic: bool, link: Option<&str>) {
        let mut link_open = false;
        for span in spans {
            let text = span.text.as_str();
            let core = text.trim();
            if core.is_empty() {
                self.pending_space.push_str(text);
                continue;
            }
            let lead = &text[..text.len() - text.trim_start().len()];
            let trail = &text[text.trim_end().len()..];
            let want: Vec<&'static str> = [(span.bold, "**"), (span.italic || force_italic, "*")]
                .into_iter()
                .filter_map(|(on, d)| on.then_some(d))
                .collect();
            // Close what is open but not wanted (and everything opened after it).
            if let Some(first_bad) = self.open.iter().position(|d| !want.contains(d)) {
                while self.open.len() > first_bad {
                    let d = self.open.pop().unwrap_or_default();
                    self.out.push_str(d);
                }
            }
            self.flush_space();
            self.text(lead);
            if link.is_some() && !link_open {
                self.flush_break();
                self.out.push('[');
                self.line_start = false;
                link_open = true;
            }
            for d in want {
                if !self.open.contains(&d) {
                    self.flush_break();
                    self.out.push_str(d);
                    self.line_start = false;
                    self.open.push(d);
                }
            }
            self.text(core);
            self.pending_space.push_str(trail);
        }
        self.close_all();
        if let (true, Some(href)) = (link_open, link) {
            self.out.push_str("](");
            self.out.push_str(&url(href));
            self.out.push(')');
        }
    }

    fn close_all(&mut self) {
        while let Some(d) = self.open.pop() {
            self.out.push_str(d);
        }
    }

    /// Document text, escaped.
    fn text(&mut self, text: &str) {
        for (n, line) in text.split('\n').enumerate() {
            if n > 0 {
                match self.mode {
                    Mode::Block => {
                        if !self.line_start || !self.out.is_empty() {
                            self.pending_break = true;
                        }
                    }
                    Mode::Cell => {
                        if !self.line_start {
                            self.out.push_str("<br>");
                            self.line_start = true;
                        }
                    }
                    Mode::Heading => self.out.push(' '),
                }
            }
            self.line(line);
        }
    }

    fn line(&mut self, line: &str) {
        let line = if self.line_start || self.pending_break {
            line.trim_start_matches([' ', '\t'])
        } else {
            line
        };
        if line.is_empty() {
            return;
        }
        self.flush_break();
        let chars: Vec<char> = line.chars().collect();
        let at_start = self.line_start;
        // A line that would start a block: heading, list item, quote, rule, setext underline.
        let mut i = 0;
        if at_start {
            // Only what would really start a block is escaped: "5.17" and "-10%" stay.
            let ends_marker = |at: usize| chars.get(at).is_none_or(|c| c.is_whitespace());
            match chars[0] {
                '#' => {
                    self.out.push_str("\\#");
                    i = 1;
                }
                '-' | '+' | '=' if ends_marker(1) || chars.get(1) == Some(&chars[0]) => {
                    self.out.push('\\');
                    self.out.push(chars[0]);
                    i = 1;
                }
                '0'..='9' => {
                    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
                    if digits <= 9
                        && matches!(chars.get(digits), Some('.') | Some(')'))
                        && ends_marker(digits + 1)
                    {
                        self.out.extend(&chars[..digits]);
                        self.out.push('\\');
                        self.out.push(chars[digits]);
                        i = digits + 1;
                    }
                }
                _ => {}
            }
        }
        while i < chars.len() {
            let c = chars[i];
            match c {
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '$' => {
                    self.out.push('\\');
                    self.out.push(c);
                }
                '#' if self.mode == Mode::Heading => self.out.push_str("\\#"),
                '&' if looks_like_entity(&chars[i + 1..]) => self.out.push_str("\\&"),
                '\t' => self.out.push(' '),
                c if c.is_control() => {}
                c => self.out.push(c),
            }
            i += 1;
        }
        self.line_start = false;
    }
}

/// `amp;`, `#38;`, `#x26;`: what follows a `&` that would make an entity.
fn looks_like_entity(rest: &[char]) -> bool {
    let end = rest.iter().take(33).position(|c| *c == ';');
    let Some(end) = end else {
        return false;
    };
    let name = &rest[..end];
    match name {
        ['#', 'x' | 'X', hex @ ..] => !hex.is_empty() && hex.iter().all(|c| c.is_ascii_hexdigit()),
        ['#', dec @ ..] => !dec.is_empty() && dec.iter().all(|c| c.is_ascii_digit()),
        _ => !name.is_empty() && name.iter().all(|c| c.is_ascii_alphanumeric()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(text: &str, bold: bool, italic: bool, href: Option<&str>) -> Span {
        Span {
            text: text.into(),
            bold,
            italic,
            href: href.map(String::from),
            external: href.is_some(),
            footnote: None,
        }
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape("a*b_c [x](y) <b> | ~ $", Mode::Block),
            r"a\*b\_c \[x\](y) \<b\> \| \~ \$"
        );
        assert_eq!(escape("# not a heading", Mode::Block), r"\# not a heading");
        assert_eq!(
            escape("- not a list\n1. nor this", Mode::Block),
            "\\- not a list\\\n1\\. nor this"
        );
        assert_eq!(escape("R&D &amp; &#38;", Mode::Block), r"R&D \&amp; \&#38;");
        assert_eq!(escape("a\nb", Mode::Cell), "a<br>b");
        assert_eq!(escape("a\nb", Mode::Heading), "a b");
        assert_eq!(escape("trailing\n", Mode::Block), "trailing");
        assert_eq!(escape("5.17\tThe", Mode::Block), "5.17 The");
        assert_eq!(escape("-10% or +5", Mode::Block), "-10% or +5");
        assert_eq!(
            escape("---\n===\n+ x", Mode::Block),
            "\\---\\\n\\===\\\n\\+ x"
        );
        assert_eq!(escape("1)", Mode::Block), "1\\)");
    }

    #[test]
    fn emphasis_and_links() {
        let s = [
            span("plain ", false, false, None),
            span("bold ", true, false, None),
            span("both", true, true, None),
            span(" link", false, false, Some("https://x.org/a(b)")),
        ];
        assert_eq!(
            spans(&s, Mode::Block, "", false),
            r"plain **bold *both*** [link](https://x.org/a\(b\))"
        );
    }

    #[test]
    fn urls() {
        assert_eq!(url("https://x.org/a b|c"), r"https://x.org/a%20b\|c");
    }
}
