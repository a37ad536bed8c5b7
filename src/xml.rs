//! A thin, safe layer over quick-xml shared by every part reader.
//!
//! * Events borrow from the part's bytes (no copies in the hot path).
//! * A DOCTYPE is refused: nothing is ever fetched or expanded, so external entities and
//!   "billion laughs" cannot work. Only the five predefined entities and character
//!   references are resolved; any other entity reference is an error.
//! * Errors name the part and the line and column where they arose.
//! * Namespaces are resolved by prefix against the declarations seen (scopes are not
//!   tracked: OOXML declares its prefixes once, on the root), which is much cheaper than
//!   full per-element resolution and still accepts any prefix bound to WordprocessingML.

use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::Reader;
use std::collections::HashSet;
use thiserror::Error;

/// The WordprocessingML main namespace (transitional).
pub(crate) const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/// The WordprocessingML main namespace (strict).
pub(crate) const W_NS_STRICT: &str = "http://purl.oclc.org/ooxml/wordprocessingml/main";
/// Markup compatibility (mc:AlternateContent).
pub(crate) const MC_NS: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

/// A part is not well-formed XML, or uses a construct actplan refuses.
#[derive(Debug, Error)]
#[error("{part}: line {line}, column {column}: {message}")]
pub struct XmlError {
    /// The part name ("word/document.xml").
    pub part: String,
    /// 1-based line of the problem.
    pub line: u64,
    /// 1-based column (in bytes) of the problem.
    pub column: u64,
    /// Byte offset in the part.
    pub offset: u64,
    /// What is wrong.
    pub message: String,
}

/// Which namespace an element belongs to, as far as the readers care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ns {
    /// WordprocessingML main.
    W,
    /// Markup compatibility.
    Mc,
    /// Anything else (drawing, math, vendor extensions, no namespace).
    Other,
}

/// A pull reader over one part.
pub(crate) struct XmlReader<'a> {
    reader: Reader<&'a [u8]>,
    bytes: &'a [u8],
    part: String,
    /// Prefixes ("" for the default namespace) bound to W or MC.
    special: Vec<(String, Ns)>,
    /// Every prefix declared so far.
    declared: HashSet<String>,
}

impl<'a> XmlReader<'a> {
    /// Read `bytes`, naming errors after `part`.
    pub(crate) fn new(bytes: &'a [u8], part: &str) -> XmlReader<'a> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let mut reader = Reader::from_reader(bytes);
        let config = reader.config_mut();
        config.expand_empty_elements = false;
        config.check_end_names = true;
        XmlReader {
            reader,
            bytes,
            part: part.to_string(),
            special: Vec::new(),
            declared: HashSet::new(),
        }
    }

    /// The next event, without namespace resolution.
    pub(crate) fn next_event(&mut self) -> Result<Event<'a>, XmlError> {
        let event = self.reader.read_event().map_err(|e| self.error(e))?;
        self.refuse_doctype(&event)?;
        Ok(event)
    }

    /// The next event with the namespace of its element (for Start, Empty and End).
    pub(crate) fn next_ns(&mut self) -> Result<(Ns, Event<'a>), XmlError> {
        let event = self.next_event()?;
        let ns = match &event {
            Event::Start(e) | Event::Empty(e) => self.namespace_of_start(e),
            Event::End(e) => self.namespace_of_prefix(prefix_of(e.name().as_ref())),
            _ => Ns::Other,
        };
        Ok((ns, event))
    }

    fn namespace_of_start(&mut self, element: &BytesStart<'_>) -> Ns {
        let qname = element.name();
        let prefix = prefix_of(qname.as_ref());
        if let Some((_, ns)) = self.special.iter().find(|(p, _)| p == prefix) {
            return *ns;
        }
        if self.declared.is_empty() || !self.declared.contains(prefix) {
            self.learn_declarations(element);
        }
        self.namespace_of_prefix(prefix)
    }

    fn namespace_of_prefix(&self, prefix: &str) -> Ns {
        self.special
            .iter()
            .find(|(p, _)| p == prefix)
            .map_or(Ns::Other, |(_, ns)| *ns)
    }

    fn learn_declarations(&mut self, element: &BytesStart<'_>) {
        for attribute in element.attributes().with_checks(false).flatten() {
            let key = attribute.key.as_ref();
            let prefix = if key == "xmlns" {
                ""
            } else if let Some(p) = key.strip_prefix("xmlns:") {
                p
            } else {
                continue;
            };
            let value: &str = &attribute.value;
            let ns = if value == W_NS || value == W_NS_STRICT {
                Ns::W
            } else if value == MC_NS {
                Ns::Mc
            } else {
                Ns::Other
            };
            self.special.retain(|(p, _)| p != prefix);
            if ns != Ns::Other {
                self.special.push((prefix.to_string(), ns));
            }
            self.declared.insert(prefix.to_string());
        }
    }

    /// Skip to the end of the element whose start tag was just read.
    pub(crate) fn skip(&mut self, start: &BytesStart<'_>) -> Result<(), XmlError> {
        let end = start.to_end().into_owned();
        self.reader
            .read_to_end(end.name())
            .map(|_| ())
            .map_err(|e| self.error(e))
    }

    /// The text of an entity or character reference (`&amp;`, `&#x221A;`).
    pub(crate) fn resolve_reference(&self, reference: &BytesRef<'_>) -> Result<String, XmlError> {
        if let Ok(Some(ch)) = reference.resolve_char_ref() {
            return Ok(ch.to_string());
        }
        let name: &str = reference;
        match quick_xml::escape::resolve_predefined_entity(name) {
            Some(text) => Ok(text.to_string()),
            None => Err(self.error_at(
                self.reader.buffer_position(),
                format!("undefined entity &{name}; (entities are never expanded)"),
            )),
        }
    }

    /// An error at the current position.
    pub(crate) fn error_here(&self, message: impl Into<String>) -> XmlError {
        self.error_at(self.reader.buffer_position(), message.into())
    }

    fn refuse_doctype(&self, event: &Event<'_>) -> Result<(), XmlError> {
        if matches!(event, Event::DocType(_)) {
            return Err(self.error_at(
                self.reader.buffer_position(),
                "DOCTYPE declarations are not allowed in OOXML parts (refused: entities are never expanded or fetched)".into(),
            ));
        }
        Ok(())
    }

    fn error(&self, error: quick_xml::Error) -> XmlError {
        self.error_at(self.reader.error_position(), error.to_string())
    }

    fn error_at(&self, offset: u64, message: String) -> XmlError {
        let offset_usize = (offset as usize).min(self.bytes.len());
        let before = &self.bytes[..offset_usize];
        let line = before.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1);
        XmlError {
            part: self.part.clone(),
            line,
            column: (offset_usize - line_start) as u64 + 1,
            offset,
            message,
        }
    }
}

/// The prefix of a qualified name ("" when it has none).
fn prefix_of(qname: &str) -> &str {
    qname.find(':').map_or("", |p| &qname[..p])
}

/// The local part of a qualified name (`w:p` → `p`).
pub(crate) fn local_name(qname: &str) -> &str {
    match qname.find(':') {
        Some(p) => &qname[p + 1..],
        None => qname,
    }
}

/// The raw (still escaped) bytes of the attribute with that local name, borrowed when the
/// event borrows.
pub(crate) fn raw_attr<'e>(
    element: &'e BytesStart<'_>,
    name: &str,
) -> Option<std::borrow::Cow<'e, str>> {
    element
        .attributes()
        .with_checks(false)
        .flatten()
        .find(|a| local_name(a.key.as_ref()) == name)
        .map(|a| a.value)
}

/// The unescaped value of the attribute with that local name.
pub(crate) fn attr_value(element: &BytesStart<'_>, name: &str) -> Option<String> {
    element
        .attributes()
        .with_checks(false)
        .flatten()
        .find(|a| local_name(a.key.as_ref()) == name)
        .map(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| a.value.into_owned())
        })
}

/// True when an on/off property (`<w:b/>`, `<w:b w:val="true"/>`) is on.
pub(crate) fn on_off(element: &BytesStart<'_>) -> bool {
    match raw_attr(element, "val") {
        None => true,
        Some(v) => !matches!(v.as_ref(), "0" | "false" | "off" | "none"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doctype_is_refused_with_position() {
        let xml = b"<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY a \"aaaa\">]>\n<x>&a;</x>";
        let mut reader = XmlReader::new(xml, "word/document.xml");
        let error = loop {
            match reader.next_event() {
                Err(e) => break e,
                Ok(Event::Eof) => panic!("no error"),
                Ok(_) => {}
            }
        };
        assert_eq!(error.part, "word/document.xml");
        assert_eq!(error.line, 2);
        assert!(error.message.contains("DOCTYPE"), "{}", error.message);
    }

    #[test]
    fn malformed_xml_names_line_and_column() {
        let xml = b"<a>\n  <b></c>\n</a>";
        let mut reader = XmlReader::new(xml, "word/styles.xml");
        let error = loop {
            match reader.next_event() {
                Err(e) => break e,
                Ok(Event::Eof) => panic!("no error"),
                Ok(_) => {}
            }
        };
        assert_eq!(error.line, 2);
        assert!(error
            .to_string()
            .starts_with("word/styles.xml: line 2, column"));
    }

    #[test]
    fn local_names() {
        assert_eq!(local_name("w:p"), "p");
        assert_eq!(local_name("p"), "p");
    }
}
