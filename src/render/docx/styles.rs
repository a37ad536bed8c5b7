//! styles.xml for the report: the built-in ITU styles (`templates/docx/styles.xml`) or a
//! reference document's, completed with any style the report uses that it lacks.

use crate::xml::attr_value;
use crate::xml::{local_name, XmlError, XmlReader};
use quick_xml::events::Event;
use std::collections::BTreeMap;

/// The built-in styles part.
pub(super) const BUILT_IN: &str = include_str!("../../../templates/docx/styles.xml");

/// The paragraph and character styles the layout itself uses, by name.
pub(super) mod names {
    /// Body text.
    pub(crate) const NORMAL: &str = "Normal";
    /// Section headings (Section I, Section II, appendices).
    pub(crate) const HEADING_1: &str = "heading 1";
    /// Resolution headings.
    pub(crate) const HEADING_2: &str = "heading 2";
    /// Document title.
    pub(crate) const TITLE: &str = "Title";
    /// "Contents".
    pub(crate) const TOC_HEADING: &str = "TOC Heading";
    /// First-level table of contents entries.
    pub(crate) const TOC_1: &str = "toc 1";
    /// Second-level table of contents entries.
    pub(crate) const TOC_2: &str = "toc 2";
    /// Table cells.
    pub(crate) const TABLE_TEXT: &str = "Table_text";
    /// Table header cells.
    pub(crate) const TABLE_HEAD: &str = "Table_head";
    /// The tables' style (table style): single borders, the header rows' grey.
    pub(crate) const TABLE: &str = "Action Plan Table";
    /// Legend and notes.
    pub(crate) const NOTE: &str = "Note";
    /// The TD number on the cover.
    pub(crate) const DOCNUMBER: &str = "Docnumber";
    /// Footnote bodies.
    pub(crate) const FOOTNOTE_TEXT: &str = "footnote text";
    /// Footnote marks (character style).
    pub(crate) const FOOTNOTE_REFERENCE: &str = "footnote reference";
    /// Links (character style).
    pub(crate) const HYPERLINK: &str = "Hyperlink";
    /// Page header.
    pub(crate) const HEADER: &str = "header";
}

/// A styles part with its name → id map; styles can be added by name.
pub(super) struct Styles {
    xml: String,
    ids: BTreeMap<String, String>,
    added: Vec<String>,
}

impl Styles {
    /// The built-in styles.
    pub(super) fn built_in() -> Styles {
        Styles::from_xml(BUILT_IN.to_string(), "built-in styles").unwrap_or_else(|_| Styles {
            xml: BUILT_IN.to_string(),
            ids: BTreeMap::new(),
            added: Vec::new(),
        })
    }

    /// A styles part (named `part` in errors) taken from a reference document.
    pub(super) fn from_xml(xml: String, part: &str) -> Result<Styles, XmlError> {
        let ids = style_ids_by_name(&xml, part)?;
        Ok(Styles {
            xml,
            ids,
            added: Vec::new(),
        })
    }

    /// The style id for a style name, adding a definition when the part has none: the
    /// built-in definition for the layout's own styles, else a plain paragraph style.
    pub(super) fn id_for(&mut self, name: &str) -> String {
        if let Some(id) = self.ids.get(&name.to_lowercase()) {
            return id.clone();
        }
        let id = self.unique_id(name);
        let definition = built_in_definition(name)
            .map(|d| d.replacen(&format!("w:styleId=\"{}\"", built_in_id(name).unwrap_or_default()), &format!("w:styleId=\"{id}\""), 1))
            .unwrap_or_else(|| {
                format!(
                    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"{id}\"><w:name w:val=\"{}\"/><w:basedOn w:val=\"{}\"/></w:style>",
                    crate::text::escape_html(name),
                    self.ids.get("normal").cloned().unwrap_or_else(|| "Normal".into())
                )
            });
        self.added.push(definition);
        self.ids.insert(name.to_lowercase(), id.clone());
        id
    }

    /// The finished part.
    pub(super) fn finish(self) -> String {
        if self.added.is_empty() {
            return self.xml;
        }
        let extra = self.added.concat();
        match self.xml.rfind("</w:styles>") {
            Some(end) => format!("{}{}{}", &self.xml[..end], extra, &self.xml[end..]),
            None => self.xml,
        }
    }

    fn unique_id(&self, name: &str) -> String {
        let base: String = name.chars().filter(char::is_ascii_alphanumeric).collect();
        let base = if base.is_empty() {
            "Style".to_string()
        } else {
            base
        };
        let taken = |candidate: &str| self.ids.values().any(|id| id == candidate);
        if !taken(&base) {
            return base;
        }
        (2..)
            .map(|n| format!("{base}{n}"))
            .find(|c| !taken(c))
            .unwrap_or(base)
    }
}

/// The id of a built-in style by name.
fn built_in_id(name: &str) -> Option<String> {
    style_ids_by_name(BUILT_IN, "built-in styles")
        .ok()?
        .get(&name.to_lowercase())
        .cloned()
}

/// The built-in `<w:style>` element of a style name.
fn built_in_definition(name: &str) -> Option<String> {
    let id = built_in_id(name)?;
    let start = BUILT_IN.find(&format!("w:styleId=\"{id}\""))?;
    let open = BUILT_IN[..start].rfind("<w:style ")?;
    let close = BUILT_IN[open..].find("</w:style>")? + open + "</w:style>".len();
    Some(BUILT_IN[open..close].to_string())
}

/// Lower-case style name → style id, for every style in a styles part.
fn style_ids_by_name(xml: &str, part: &str) -> Result<BTreeMap<String, String>, XmlError> {
    let mut reader = XmlReader::new(xml.as_bytes(), part);
    let mut map = BTreeMap::new();
    let mut current_id: Option<String> = None;
    loop {
        match reader.next_event()? {
            Event::Start(e) | Event::Empty(e) => {
                let qname = e.name();
                let local = local_name(qname.as_ref());
                let attribute = |key: &str| attr_value(&e, key);
                match local {
                    "style" => current_id = attribute("styleId"),
                    "name" => {
                        if let (Some(id), Some(name)) = (current_id.clone(), attribute("val")) {
                            map.entry(name.to_lowercase()).or_insert(id);
                        }
                    }
                    _ => {}
                }
            }
            Event::End(e) if e.name().as_ref().ends_with("style") => current_id = None,
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_styles_map_names_to_ids() {
        let mut styles = Styles::built_in();
        assert_eq!(styles.id_for("heading 2"), "Heading2");
        assert_eq!(styles.id_for("Table_text"), "Tabletext");
        assert_eq!(styles.id_for("My Custom"), "MyCustom");
        assert!(styles.finish().contains("<w:name w:val=\"My Custom\"/>"));
    }

    #[test]
    fn a_reference_without_a_layout_style_gets_the_built_in_one() {
        let xml = r#"<w:styles xmlns:w="x"><w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>"#;
        let mut styles = Styles::from_xml(xml.to_string(), "styles.xml").unwrap();
        assert_eq!(styles.id_for("Table_head"), "Tablehead");
        let out = styles.finish();
        assert!(out.contains("w:styleId=\"Tablehead\""));
        assert!(out.ends_with("</w:styles>"));
    }
}
