//! A tiny XML writer: start tags, attributes, escaped text. No DOM, no allocation per node
//! beyond the output buffer.

/// Builds one XML part as a string.
pub(super) struct XmlWriter {
    out: String,
}

/// The declaration every part starts with.
const DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

impl XmlWriter {
    /// A new part, starting with the XML declaration.
    pub(super) fn new() -> Self {
        let mut out = String::with_capacity(1 << 16);
        out.push_str(DECLARATION);
        XmlWriter { out }
    }

    /// `<name a="v" …>`.
    pub(super) fn start(&mut self, name: &str, attributes: &[(&str, &str)]) {
        self.open(name, attributes);
        self.out.push('>');
    }

    /// `<name a="v" …/>`.
    pub(super) fn empty(&mut self, name: &str, attributes: &[(&str, &str)]) {
        self.open(name, attributes);
        self.out.push_str("/>");
    }

    /// `</name>`.
    pub(super) fn end(&mut self, name: &str) {
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push('>');
    }

    /// Escaped character data.
    pub(super) fn text(&mut self, text: &str) {
        escape_into(&mut self.out, text, false);
    }

    /// `<name a="v">text</name>`.
    pub(super) fn element(&mut self, name: &str, attributes: &[(&str, &str)], text: &str) {
        self.start(name, attributes);
        self.text(text);
        self.end(name);
    }

    /// Markup written as is (trusted, built by this crate).
    pub(super) fn raw(&mut self, markup: &str) {
        self.out.push_str(markup);
    }

    /// The finished part.
    pub(super) fn finish(self) -> String {
        self.out
    }

    fn open(&mut self, name: &str, attributes: &[(&str, &str)]) {
        self.out.push('<');
        self.out.push_str(name);
        for (key, value) in attributes {
            self.out.push(' ');
            self.out.push_str(key);
            self.out.push_str("=\"");
            escape_into(&mut self.out, value, true);
            self.out.push('"');
        }
    }
}

impl Default for XmlWriter {
    fn default() -> Self {
        XmlWriter::new()
    }
}

/// Escape text for XML; characters XML 1.0 forbids are dropped.
fn escape_into(out: &mut String, text: &str, attribute: bool) {
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\t' | '\n' | '\r' if attribute => {
                out.push_str(&format!("&#x{:X};", ch as u32));
            }
            c if is_xml_char(c) => out.push(c),
            _ => {}
        }
    }
}

fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_drops_control_characters() {
        let mut w = XmlWriter::new();
        w.element("w:t", &[("a", "x\"<y>")], "a & b <c>\u{1}");
        assert!(w
            .finish()
            .ends_with("<w:t a=\"x&quot;&lt;y&gt;\">a &amp; b &lt;c&gt;</w:t>"));
    }
}
