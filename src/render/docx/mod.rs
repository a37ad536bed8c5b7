//! The Word writer: the report as a .docx in the ITU TD layout.
//!
//! A small OOXML writer of our own (as rust_xlsxwriter does) rather than docx-rs: the
//! report needs real TOC and PAGEREF fields, bookmarks, numbering instances, custom
//! footnote marks and exact table grids, and docx-rs 0.4 stores zip entries uncompressed.
//! Output is deterministic: fixed part order, fixed zip timestamps, no dates in the
//! properties.
//!
//! ```text
//! report.docx
//! ├── [Content_Types].xml
//! ├── _rels/.rels
//! ├── docProps/core.xml, app.xml
//! └── word/
//!     ├── document.xml           body (body/, one module per part)
//!     ├── _rels/document.xml.rels
//!     ├── styles.xml             built-in or from --reference-doc (styles.rs)
//!     ├── numbering.xml          bullets and numbered lists (parts.rs)
//!     ├── footnotes.xml (+ rels)
//!     ├── settings.xml
//!     └── header1.xml            built-in, or the reference's headers and footers
//! ```

mod body;
mod parts;
mod reference;
mod styles;
mod xml;

use super::RenderError;
use crate::model::ActionPlan;
use body::PageSetup;
use parts::{Part, Rel};
use reference::Loaded;
use std::io::Write;

const MAIN_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
const WML: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml";

/// Write the plan as a .docx in the ITU TD layout, with the styles, page setup, headers
/// and footers of `reference` when given. `heading_pages` holds the page of each entry of
/// the contents (in the order of [`contents_headings`]), written as the results of their
/// PAGEREF fields; entries without one are left for Word to fill.
pub fn write_docx(
    plan: &ActionPlan,
    reference: Option<&[u8]>,
    heading_pages: &[Option<u32>],
) -> Result<Vec<u8>, RenderError> {
    assemble(plan, reference, |styles, page| {
        body::write_body(plan, styles, page, heading_pages)
    })
}

/// The headings the report's contents list, in order, as the report writes them (a front
/// end finds their pages in a laid-out copy and gives them back to [`write_docx`]).
pub fn contents_headings(plan: &ActionPlan) -> Vec<String> {
    body::contents_headings(plan)
}

/// Write the new edition's report carrying Word tracked changes (author "actplan", dated
/// `date`, an ISO 8601 time such as "2024-01-15T00:00:00Z") against the old edition:
/// accepting every change gives the new edition, rejecting every change the old one.
pub fn write_redline(
    old: &ActionPlan,
    new: &ActionPlan,
    date: &str,
) -> Result<Vec<u8>, RenderError> {
    assemble(new, None, |styles, page| {
        body::write_redline_body(old, new, styles, page, date)
    })
}

/// Build the package around a body: styles and page from the reference or built in,
/// relationships, numbering, footnotes, properties.
fn assemble(
    plan: &ActionPlan,
    reference: Option<&[u8]>,
    write_body: impl FnOnce(&mut styles::Styles, &PageSetup) -> body::Written,
) -> Result<Vec<u8>, RenderError> {
    let layout = match reference {
        Some(bytes) => reference::load(bytes).map_err(RenderError::ReferenceDoc)?,
        None => built_in_layout(plan),
    };
    let Loaded {
        mut styles,
        page,
        parts: layout_parts,
        rels: layout_rels,
    } = layout;
    let written = write_body(&mut styles, &page);
    let all = package_parts(plan, styles, written, layout_parts, layout_rels);
    package(&all).map_err(RenderError::Zip)
}

/// What the report uses without a reference document: the built-in styles, the default
/// page, and a page header showing the group and TD number ("TSAG-TD999").
fn built_in_layout(plan: &ActionPlan) -> Loaded {
    let mut styles = styles::Styles::built_in();
    let header_style = styles.id_for(styles::names::HEADER);
    let number = plan.cover.as_ref().and_then(|c| {
        let td = c.td_number.as_deref()?;
        Some(match c.group.as_deref() {
            Some(group) => format!("{group}-{}", td.replace(' ', "")),
            None => td.to_string(),
        })
    });
    let header = Part {
        name: "word/header1.xml".into(),
        content_type: Some(format!("{WML}.header+xml")),
        bytes: parts::header(number.as_deref(), &header_style).into_bytes(),
    };
    let page = PageSetup {
        references: vec![("w:headerReference".into(), "default".into(), "rIdH1".into())],
        ..PageSetup::default()
    };
    Loaded {
        styles,
        page,
        parts: vec![header],
        rels: vec![rel("rIdH1", "/header", "header1.xml")],
    }
}

/// Every part of the package in order, `[Content_Types].xml` first: the body's parts,
/// `styles`, numbering, settings and properties, then the layout's own parts (headers,
/// footers) related to document.xml by `layout_rels`.
fn package_parts(
    plan: &ActionPlan,
    styles: styles::Styles,
    written: body::Written,
    layout_parts: Vec<Part>,
    layout_rels: Vec<Rel>,
) -> Vec<Part> {
    let mut rels = vec![
        rel("rId1", "/styles", "styles.xml"),
        rel("rId2", "/numbering", "numbering.xml"),
        rel("rId3", "/footnotes", "footnotes.xml"),
        rel("rId4", "/settings", "settings.xml"),
    ];
    rels.extend(layout_rels);
    rels.extend(written.document_links);
    let mut all = vec![
        part("_rels/.rels", None, parts::package_relationships()),
        part(
            "docProps/core.xml",
            Some("application/vnd.openxmlformats-package.core-properties+xml"),
            parts::core_properties(&document_title(plan)),
        ),
        part(
            "docProps/app.xml",
            Some("application/vnd.openxmlformats-officedocument.extended-properties+xml"),
            parts::app_properties(),
        ),
        part("word/document.xml", Some(MAIN_TYPE), written.document),
        part(
            "word/_rels/document.xml.rels",
            None,
            parts::relationships(&rels),
        ),
        part(
            "word/styles.xml",
            Some(&format!("{WML}.styles+xml")),
            styles.finish(),
        ),
        part(
            "word/numbering.xml",
            Some(&format!("{WML}.numbering+xml")),
            parts::numbering(written.ordered_lists),
        ),
        part(
            "word/footnotes.xml",
            Some(&format!("{WML}.footnotes+xml")),
            written.footnotes,
        ),
    ];
    if !written.footnote_links.is_empty() {
        all.push(part(
            "word/_rels/footnotes.xml.rels",
            None,
            parts::relationships(&written.footnote_links),
        ));
    }
    all.push(part(
        "word/settings.xml",
        Some(&format!("{WML}.settings+xml")),
        parts::settings(),
    ));
    all.extend(layout_parts);
    let types = parts::content_types(&all);
    all.insert(0, part("[Content_Types].xml", None, types));
    all
}

/// The title of the document properties: the cover's title, else the plan's, else
/// "WTSA Action Plan".
fn document_title(plan: &ActionPlan) -> String {
    plan.cover
        .as_ref()
        .and_then(|c| c.title.clone())
        .or_else(|| plan.title.clone())
        .unwrap_or_else(|| "WTSA Action Plan".into())
}

/// An internal relationship of document.xml.
fn rel(id: &str, kind: &str, target: &str) -> Rel {
    Rel {
        id: id.into(),
        kind: kind.into(),
        target: target.into(),
        external: false,
    }
}

/// A part holding `text`.
fn part(name: &str, content_type: Option<&str>, text: String) -> Part {
    Part {
        name: name.into(),
        content_type: content_type.map(str::to_string),
        bytes: text.into_bytes(),
    }
}

/// Zip the parts, deflated, in order, with a fixed timestamp.
fn package(parts: &[Part]) -> zip::result::ZipResult<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default())
        // "Made by Unix" on every platform: the Windows build writes the very same bytes.
        .system(zip::System::Unix);
    for part in parts {
        zip.start_file(part.name.as_str(), options)?;
        zip.write_all(&part.bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}
