//! styles.xml and numbering.xml: what a paragraph style is called, whether it is a heading,
//! and which list (bullet or numbered) a paragraph belongs to.

use crate::xml::{attr_value, local_name, Ns, XmlError, XmlReader};
use quick_xml::events::Event;
use std::collections::HashMap;

/// How deep `w:basedOn` chains are followed (guards against cycles).
const MAX_STYLE_CHAIN: usize = 32;

#[derive(Debug, Clone, Default)]
struct StyleDef {
    name: Option<String>,
    based_on: Option<String>,
    num_id: Option<String>,
    num_level: Option<u32>,
    outline_level: Option<u8>,
    is_default_paragraph: bool,
}

/// What a style id resolves to, computed once per style.
#[derive(Debug, Clone, Default)]
struct Resolved {
    heading_level: Option<u8>,
    numbering: Option<(String, u32)>,
}

/// The paragraph styles of a document.
#[derive(Debug, Clone, Default)]
pub(crate) struct StyleSheet {
    styles: HashMap<String, StyleDef>,
    resolved: HashMap<String, Resolved>,
    default_paragraph: Option<String>,
}

impl StyleSheet {
    /// Parse `word/styles.xml`.
    pub(crate) fn parse(bytes: &[u8], part: &str) -> Result<StyleSheet, XmlError> {
        let mut reader = XmlReader::new(bytes, part);
        let mut sheet = StyleSheet::default();
        let mut current: Option<(String, StyleDef)> = None;
        loop {
            let (ns, event) = reader.next_ns()?;
            match event {
                Event::Start(ref e) | Event::Empty(ref e) if ns == Ns::W => {
                    match local_name(e.name().as_ref()) {
                        "style" => {
                            let is_paragraph =
                                attr_value(e, "type").as_deref() == Some("paragraph");
                            let id = attr_value(e, "styleId").unwrap_or_default();
                            let def = StyleDef {
                                is_default_paragraph: is_paragraph
                                    && matches!(
                                        attr_value(e, "default").as_deref(),
                                        Some("1" | "true" | "on")
                                    ),
                                ..StyleDef::default()
                            };
                            if matches!(event, Event::Start(_)) {
                                current = Some((id, def));
                            }
                        }
                        "rPr" | "tblPr" | "trPr" | "tcPr" | "tblStylePr" => {
                            if matches!(event, Event::Start(_)) {
                                reader.skip(e)?;
                            }
                        }
                        other => {
                            if let Some((_, def)) = current.as_mut() {
                                apply_style_property(def, other, e);
                            }
                        }
                    }
                }
                Event::End(ref e) if ns == Ns::W && local_name(e.name().as_ref()) == "style" => {
                    if let Some((id, def)) = current.take() {
                        if def.is_default_paragraph && sheet.default_paragraph.is_none() {
                            sheet.default_paragraph = Some(id.clone());
                        }
                        sheet.styles.insert(id, def);
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        sheet.resolve_all();
        Ok(sheet)
    }

    fn resolve_all(&mut self) {
        let resolved = self
            .styles
            .keys()
            .map(|id| {
                let value = Resolved {
                    heading_level: self.compute_heading_level(id),
                    numbering: self.compute_numbering(id),
                };
                (id.clone(), value)
            })
            .collect();
        self.resolved = resolved;
    }

    /// The display name of a style id (the id itself when unknown).
    pub(crate) fn name<'s>(&'s self, id: &'s str) -> &'s str {
        self.styles
            .get(id)
            .and_then(|s| s.name.as_deref())
            .unwrap_or(id)
    }

    /// The id of the default paragraph style.
    pub(crate) fn default_paragraph_id(&self) -> Option<&str> {
        self.default_paragraph.as_deref()
    }

    /// The name of the default paragraph style.
    pub(crate) fn default_paragraph_style_name(&self) -> Option<String> {
        self.default_paragraph
            .as_deref()
            .map(|id| self.name(id).to_string())
    }

    /// The heading level of a style: "heading N" by name, or its (inherited) outline level.
    pub(crate) fn heading_level(&self, id: &str) -> Option<u8> {
        self.resolved.get(id).and_then(|r| r.heading_level)
    }

    /// The list (numId, level) a style puts its paragraphs in, following `w:basedOn`.
    pub(crate) fn numbering(&self, id: &str) -> Option<(String, u32)> {
        self.resolved.get(id).and_then(|r| r.numbering.clone())
    }

    fn compute_heading_level(&self, id: &str) -> Option<u8> {
        if let Some(level) = heading_level_from_name(self.name(id)) {
            return Some(level);
        }
        self.chain(id)
            .find_map(|s| s.outline_level)
            .filter(|l| *l < 9)
            .and_then(|l| l.checked_add(1))
    }

    fn compute_numbering(&self, id: &str) -> Option<(String, u32)> {
        let num_id = self.chain(id).find_map(|s| s.num_id.clone())?;
        let level = self.chain(id).find_map(|s| s.num_level).unwrap_or(0);
        Some((num_id, level))
    }

    fn chain<'s>(&'s self, id: &str) -> impl Iterator<Item = &'s StyleDef> + 's {
        let mut next = self.styles.get(id);
        let mut steps: usize = 0;
        std::iter::from_fn(move || {
            let current = next?;
            steps = steps.saturating_add(1);
            next = if steps >= MAX_STYLE_CHAIN {
                None
            } else {
                current.based_on.as_deref().and_then(|b| self.styles.get(b))
            };
            Some(current)
        })
    }
}

fn apply_style_property(def: &mut StyleDef, name: &str, e: &quick_xml::events::BytesStart<'_>) {
    match name {
        "name" => def.name = attr_value(e, "val"),
        "basedOn" => def.based_on = attr_value(e, "val"),
        "numId" => def.num_id = attr_value(e, "val"),
        "ilvl" => def.num_level = attr_value(e, "val").and_then(|v| v.parse().ok()),
        "outlineLvl" => def.outline_level = attr_value(e, "val").and_then(|v| v.parse().ok()),
        _ => {}
    }
}

/// "heading 2" / "Heading 2" / "Titre 2"-free: only the built-in English names count.
fn heading_level_from_name(name: &str) -> Option<u8> {
    let lower = name.to_ascii_lowercase();
    let rest = lower.strip_prefix("heading")?.trim();
    rest.parse::<u8>().ok().filter(|l| (1..=9).contains(l))
}

/// The lists defined in numbering.xml.
#[derive(Debug, Clone, Default)]
pub(crate) struct ListDefinitions {
    /// numId → abstractNumId.
    nums: HashMap<String, String>,
    /// (abstractNumId, level) → numFmt.
    formats: HashMap<(String, u32), String>,
    /// (numId, level) → numFmt from a `w:lvlOverride`.
    overrides: HashMap<(String, u32), String>,
    /// abstractNumId → numbering style id (`w:numStyleLink`): the list is defined there.
    style_links: HashMap<String, String>,
}

impl ListDefinitions {
    /// Parse `word/numbering.xml`.
    pub(crate) fn parse(bytes: &[u8], part: &str) -> Result<ListDefinitions, XmlError> {
        let mut reader = XmlReader::new(bytes, part);
        let mut lists = ListDefinitions::default();
        let mut abstract_id: Option<String> = None;
        let mut num_id: Option<String> = None;
        let mut level: Option<u32> = None;
        loop {
            let (ns, event) = reader.next_ns()?;
            match event {
                Event::Start(ref e) | Event::Empty(ref e) if ns == Ns::W => {
                    match local_name(e.name().as_ref()) {
                        "abstractNum" => abstract_id = attr_value(e, "abstractNumId"),
                        "num" => num_id = attr_value(e, "numId"),
                        "abstractNumId" => {
                            if let (Some(num), Some(target)) =
                                (num_id.clone(), attr_value(e, "val"))
                            {
                                lists.nums.insert(num, target);
                            }
                        }
                        "lvl" | "lvlOverride" => {
                            level = attr_value(e, "ilvl").and_then(|v| v.parse().ok())
                        }
                        "numFmt" => {
                            let format = attr_value(e, "val").unwrap_or_default();
                            match (&num_id, &abstract_id, level) {
                                (Some(num), _, Some(l)) => {
                                    lists.overrides.insert((num.clone(), l), format);
                                }
                                (None, Some(abs), Some(l)) => {
                                    lists.formats.insert((abs.clone(), l), format);
                                }
                                _ => {}
                            }
                        }
                        "numStyleLink" => {
                            if let (Some(abs), Some(style)) =
                                (abstract_id.clone(), attr_value(e, "val"))
                            {
                                lists.style_links.insert(abs, style);
                            }
                        }
                        "rPr" | "pPr" => {
                            if matches!(event, Event::Start(_)) {
                                reader.skip(e)?;
                            }
                        }
                        _ => {}
                    }
                }
                Event::End(ref e) if ns == Ns::W => match local_name(e.name().as_ref()) {
                    "abstractNum" => abstract_id = None,
                    "num" => num_id = None,
                    "lvl" | "lvlOverride" => level = None,
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(lists)
    }

    /// Whether list `num_id` at `level` is numbered (`Some(true)`), bulleted
    /// (`Some(false)`), or no list at all (`None`: numId 0, unknown, or format "none").
    /// A list defined through a numbering style (`w:numStyleLink`) is followed to it.
    pub(crate) fn kind(&self, num_id: &str, level: u32, styles: &StyleSheet) -> Option<bool> {
        let format = self.format(num_id, level, styles, 0)?;
        match format.as_str() {
            "none" => None,
            "bullet" => Some(false),
            _ => Some(true),
        }
    }

    fn format(&self, num_id: &str, level: u32, styles: &StyleSheet, depth: u8) -> Option<String> {
        if num_id == "0" || depth > 4 {
            return None;
        }
        if let Some(format) = self.overrides.get(&(num_id.to_string(), level)) {
            return Some(format.clone());
        }
        let abstract_id = self.nums.get(num_id)?;
        if let Some(format) = self.formats.get(&(abstract_id.clone(), level)) {
            return Some(format.clone());
        }
        if let Some(style) = self.style_links.get(abstract_id) {
            if let Some((linked, _)) = styles.numbering(style) {
                if linked != num_id {
                    return self.format(&linked, level, styles, depth.saturating_add(1));
                }
            }
        }
        Some("decimal".to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STYLES: &str = r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
      <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
      <w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/></w:style>
      <w:style w:type="paragraph" w:styleId="Titre"><w:name w:val="Titre"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
      <w:style w:type="paragraph" w:styleId="Bullet"><w:name w:val="List Bullet"/><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>
      <w:style w:type="paragraph" w:styleId="Bullet2"><w:name w:val="List Bullet 2"/><w:basedOn w:val="Bullet"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>
      <w:style w:type="paragraph" w:styleId="Loop"><w:name w:val="Loop"/><w:basedOn w:val="Loop"/></w:style>
    </w:styles>"#;

    #[test]
    fn style_names_headings_and_lists() {
        let sheet = StyleSheet::parse(STYLES.as_bytes(), "word/styles.xml").unwrap();
        assert_eq!(sheet.name("Heading2"), "heading 2");
        assert_eq!(sheet.heading_level("Heading2"), Some(2));
        assert_eq!(sheet.heading_level("Titre"), Some(1));
        assert_eq!(sheet.heading_level("Normal"), None);
        assert_eq!(sheet.heading_level("Loop"), None);
        assert_eq!(sheet.numbering("Bullet2"), Some(("3".to_string(), 1)));
        assert_eq!(sheet.default_paragraph_id(), Some("Normal"));
    }

    #[test]
    fn list_kinds_from_numbering() {
        let xml = r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
          <w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val=""/></w:lvl>
            <w:lvl w:ilvl="1"><w:numFmt w:val="decimal"/></w:lvl></w:abstractNum>
          <w:num w:numId="4"><w:abstractNumId w:val="1"/></w:num>
          <w:num w:numId="5"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:lvl w:ilvl="0"><w:numFmt w:val="lowerLetter"/></w:lvl></w:lvlOverride></w:num>
        </w:numbering>"#;
        let lists = ListDefinitions::parse(xml.as_bytes(), "word/numbering.xml").unwrap();
        let styles = StyleSheet::default();
        assert_eq!(lists.kind("4", 0, &styles), Some(false));
        assert_eq!(lists.kind("4", 1, &styles), Some(true));
        assert_eq!(lists.kind("5", 0, &styles), Some(true));
        assert_eq!(lists.kind("0", 0, &styles), None);
        assert_eq!(lists.kind("9", 0, &styles), None);
    }
}
