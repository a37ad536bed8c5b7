//! `--reference-doc`: take the styles, page setup, headers and footers (with what they
//! refer to) and the theme of another .docx, as pandoc does.

use super::body::PageSetup;
use super::parts::{Part, Rel};
use super::styles::Styles;
use crate::package::{Limits, Package};
use crate::xml::{attr_value, local_name, XmlError, XmlReader};
use quick_xml::events::Event;

/// What the report takes from a reference document.
pub(super) struct Loaded {
    /// Its styles (completed later with the layout's own).
    pub styles: Styles,
    /// Its page size, margins and header/footer references.
    pub page: PageSetup,
    /// Parts copied from it (headers, footers, their media, theme, font table).
    pub parts: Vec<Part>,
    /// Relationships of word/document.xml to those parts.
    pub rels: Vec<Rel>,
}

const WML: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml";

/// Load a reference document; the error says what is wrong with it.
pub(super) fn load(bytes: &[u8]) -> Result<Loaded, String> {
    let package = Package::open(bytes, &Limits::default()).map_err(|e| e.to_string())?;
    let main = package.main_part().to_string();
    let rels = package.relationships(&main).map_err(|e| e.to_string())?;
    let styles_part = rels
        .values()
        .find(|r| !r.external && r.rel_type.ends_with("/styles"))
        .map(|r| r.target.clone())
        .ok_or("it has no styles part")?;
    let styles_xml = package
        .read_part(&styles_part)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("its styles part {styles_part} is missing"))?;
    let styles_xml =
        String::from_utf8(styles_xml).map_err(|_| format!("{styles_part} is not UTF-8"))?;
    let styles = Styles::from_xml(styles_xml, &styles_part).map_err(|e| e.to_string())?;
    let document = package.require_part(&main).map_err(|e| e.to_string())?;
    let section = last_section(&document, &main).map_err(|e| e.to_string())?;

    let mut loaded = Loaded {
        styles,
        page: PageSetup {
            size: section.size.unwrap_or(PageSetup::default().size),
            margins: section.margins.unwrap_or(PageSetup::default().margins),
            references: Vec::new(),
            title_page: section.title_page,
        },
        parts: Vec::new(),
        rels: Vec::new(),
    };
    for (index, (element, kind, id)) in section.references.iter().enumerate() {
        let Some(target) = rels.get(id).filter(|r| !r.external) else {
            continue;
        };
        let content_type = if element.ends_with("headerReference") {
            "header"
        } else {
            "footer"
        };
        let new_id = format!("rIdR{}", index + 1);
        copy_part(
            &package,
            &target.target,
            Some(format!("{WML}.{content_type}+xml")),
            &mut loaded.parts,
        )?;
        loaded.rels.push(Rel {
            id: new_id.clone(),
            kind: format!("/{content_type}"),
            target: relative_to_word(&target.target),
            external: false,
        });
        loaded
            .page
            .references
            .push((format!("w:{content_type}Reference"), kind.clone(), new_id));
    }
    for (suffix, content_type) in [
        (
            "/theme",
            "application/vnd.openxmlformats-officedocument.theme+xml".to_string(),
        ),
        ("/fontTable", format!("{WML}.fontTable+xml")),
    ] {
        if let Some(target) = rels
            .values()
            .find(|r| !r.external && r.rel_type.ends_with(suffix))
        {
            copy_part(
                &package,
                &target.target,
                Some(content_type),
                &mut loaded.parts,
            )?;
            loaded.rels.push(Rel {
                id: format!("rIdR{}", suffix.trim_start_matches('/')),
                kind: suffix.to_string(),
                target: relative_to_word(&target.target),
                external: false,
            });
        }
    }
    Ok(loaded)
}

/// Copy a part, its relationships part and the internal targets of those (images).
fn copy_part(
    package: &Package<'_>,
    name: &str,
    content_type: Option<String>,
    parts: &mut Vec<Part>,
) -> Result<(), String> {
    if parts.iter().any(|p| p.name == name) || is_ours(name) {
        return Ok(());
    }
    let Some(bytes) = package.read_part(name).map_err(|e| e.to_string())? else {
        return Ok(());
    };
    parts.push(Part {
        name: name.to_string(),
        content_type,
        bytes,
    });
    let (folder, file) = name.rsplit_once('/').unwrap_or(("", name));
    let rels_name = if folder.is_empty() {
        format!("_rels/{file}.rels")
    } else {
        format!("{folder}/_rels/{file}.rels")
    };
    if let Some(rels_bytes) = package.read_part(&rels_name).map_err(|e| e.to_string())? {
        parts.push(Part {
            name: rels_name,
            content_type: None,
            bytes: rels_bytes,
        });
        let targets = package.relationships(name).map_err(|e| e.to_string())?;
        let mut internal: Vec<String> = targets
            .values()
            .filter(|r| !r.external)
            .map(|r| r.target.clone())
            .collect();
        internal.sort();
        for target in internal {
            copy_part(package, &target, None, parts)?;
        }
    }
    Ok(())
}

/// Parts the report writes itself are never copied over.
fn is_ours(name: &str) -> bool {
    matches!(
        name,
        "word/document.xml"
            | "word/styles.xml"
            | "word/numbering.xml"
            | "word/footnotes.xml"
            | "word/settings.xml"
    )
}

fn relative_to_word(name: &str) -> String {
    name.strip_prefix("word/")
        .map_or_else(|| format!("/{name}"), str::to_string)
}

#[derive(Default)]
struct Section {
    size: Option<(u32, u32)>,
    margins: Option<[u32; 6]>,
    references: Vec<(String, String, String)>,
    title_page: bool,
}

/// The last `w:sectPr` of a document (the body's): page size (as portrait), margins, and
/// the header/footer references in force there (a section without a reference of some type
/// inherits the previous section's, as in Word).
fn last_section(xml: &[u8], part: &str) -> Result<Section, XmlError> {
    let mut reader = XmlReader::new(xml, part);
    let mut last: Option<Section> = None;
    let mut in_force: std::collections::BTreeMap<(String, String), String> =
        std::collections::BTreeMap::new();
    let mut current: Option<Section> = None;
    loop {
        let event = reader.next_event()?;
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                let qname = e.name();
                let local = local_name(qname.as_ref());
                let attribute = |key: &str| attr_value(e, key);
                let number = |key: &str| attribute(key).and_then(|v| v.parse::<u32>().ok());
                match local {
                    "sectPr" if matches!(event, Event::Start(_)) => {
                        current = Some(Section::default())
                    }
                    "sectPr" => last = Some(Section::default()),
                    _ => {}
                }
                if let Some(section) = current.as_mut() {
                    match local {
                        "pgSz" => {
                            if let (Some(w), Some(h)) = (number("w"), number("h")) {
                                section.size = Some((w.min(h), w.max(h)));
                            }
                        }
                        "pgMar" => {
                            let get = |k: &str| number(k).unwrap_or(0);
                            section.margins = Some([
                                get("top"),
                                get("right"),
                                get("bottom"),
                                get("left"),
                                get("header"),
                                get("footer"),
                            ]);
                        }
                        "headerReference" | "footerReference" => {
                            if let (Some(kind), Some(id)) = (attribute("type"), attribute("id")) {
                                section.references.push((local.to_string(), kind, id));
                            }
                        }
                        "titlePg" => section.title_page = true,
                        _ => {}
                    }
                }
            }
            Event::End(e) if e.name().as_ref().ends_with("sectPr") => {
                if let Some(section) = current.take() {
                    for (element, kind, id) in &section.references {
                        in_force.insert((element.clone(), kind.clone()), id.clone());
                    }
                    last = Some(section);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let mut section = last.unwrap_or_default();
    section.references = in_force
        .into_iter()
        .map(|((element, kind), id)| (element, kind, id))
        .collect();
    Ok(section)
}
