//! The small fixed parts of the package: content types, relationships, settings,
//! numbering, document properties, the page header.

use super::xml::XmlWriter;

/// WordprocessingML main namespace.
pub(super) const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/// Relationships namespace (r:id attributes).
pub(super) const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
/// Package relationships namespace.
const PKG_REL_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
/// Relationship type prefix for office documents.
pub(super) const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// One relationship of word/document.xml.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Rel {
    /// "rId1".
    pub id: String,
    /// Type suffix after [`REL`] ("/styles", "/hyperlink", …).
    pub kind: String,
    /// Target (part name relative to word/, or a URL).
    pub target: String,
    /// External target (hyperlinks).
    pub external: bool,
}

/// A part of the package: its name and bytes, with the content type of an override.
pub(super) struct Part {
    /// Name inside the zip ("word/document.xml").
    pub name: String,
    /// Content type override, or `None` for parts typed by extension (images).
    pub content_type: Option<String>,
    /// The bytes.
    pub bytes: Vec<u8>,
}

/// `[Content_Types].xml` for the given parts.
pub(super) fn content_types(parts: &[Part]) -> String {
    let mut w = XmlWriter::new();
    w.start(
        "Types",
        &[(
            "xmlns",
            "http://schemas.openxmlformats.org/package/2006/content-types",
        )],
    );
    for (extension, content_type) in [
        (
            "rels",
            "application/vnd.openxmlformats-package.relationships+xml",
        ),
        ("xml", "application/xml"),
        ("png", "image/png"),
        ("jpeg", "image/jpeg"),
        ("jpg", "image/jpeg"),
        ("gif", "image/gif"),
        ("emf", "image/x-emf"),
        ("wmf", "image/x-wmf"),
    ] {
        w.empty(
            "Default",
            &[("Extension", extension), ("ContentType", content_type)],
        );
    }
    for part in parts {
        if let Some(content_type) = &part.content_type {
            let name = format!("/{}", part.name);
            w.empty(
                "Override",
                &[("PartName", &name), ("ContentType", content_type)],
            );
        }
    }
    w.end("Types");
    w.finish()
}

/// A relationships part.
pub(super) fn relationships(rels: &[Rel]) -> String {
    let mut w = XmlWriter::new();
    w.start("Relationships", &[("xmlns", PKG_REL_NS)]);
    for rel in rels {
        let kind = if rel.kind.starts_with("http") {
            rel.kind.clone()
        } else {
            format!("{REL}{}", rel.kind)
        };
        let mut attributes = vec![
            ("Id", rel.id.as_str()),
            ("Type", kind.as_str()),
            ("Target", rel.target.as_str()),
        ];
        if rel.external {
            attributes.push(("TargetMode", "External"));
        }
        w.empty("Relationship", &attributes);
    }
    w.end("Relationships");
    w.finish()
}

/// `_rels/.rels`.
pub(super) fn package_relationships() -> String {
    relationships(&[
        Rel {
            id: "rId1".into(),
            kind: "/officeDocument".into(),
            target: "word/document.xml".into(),
            external: false,
        },
        Rel {
            id: "rId2".into(),
            kind: "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties".into(),
            target: "docProps/core.xml".into(),
            external: false,
        },
        Rel {
            id: "rId3".into(),
            kind: "/extended-properties".into(),
            target: "docProps/app.xml".into(),
            external: false,
        },
    ])
}

/// `word/settings.xml`: footnote separators -1 and 0, no "update fields" request.
pub(super) fn settings() -> String {
    let mut w = XmlWriter::new();
    w.start("w:settings", &[("xmlns:w", W_NS)]);
    w.empty("w:defaultTabStop", &[("w:val", "794")]);
    w.empty("w:characterSpacingControl", &[("w:val", "doNotCompress")]);
    // Word refreshes the contents' page numbers (and every other field) on opening.
    w.empty("w:updateFields", &[("w:val", "true")]);
    w.start("w:footnotePr", &[]);
    w.empty("w:footnote", &[("w:id", "-1")]);
    w.empty("w:footnote", &[("w:id", "0")]);
    w.end("w:footnotePr");
    w.start("w:compat", &[]);
    w.empty(
        "w:compatSetting",
        &[
            ("w:name", "compatibilityMode"),
            ("w:uri", "http://schemas.microsoft.com/office/word"),
            ("w:val", "15"),
        ],
    );
    w.end("w:compat");
    w.end("w:settings");
    w.finish()
}

/// `word/numbering.xml`: abstract list 0 is the bullet list, 1 the numbered list; num 1
/// uses the bullets, nums 2.. are numbered lists, each restarting at 1.
pub(super) fn numbering(ordered_lists: u32) -> String {
    let mut w = XmlWriter::new();
    w.start("w:numbering", &[("xmlns:w", W_NS)]);
    w.start("w:abstractNum", &[("w:abstractNumId", "0")]);
    w.empty("w:multiLevelType", &[("w:val", "hybridMultilevel")]);
    for level in 0..9u32 {
        let (text, font) = match level % 3 {
            0 => ("\u{F0B7}", "Symbol"),
            1 => ("o", "Courier New"),
            _ => ("\u{F0A7}", "Wingdings"),
        };
        list_level(&mut w, level, "bullet", text, Some(font));
    }
    w.end("w:abstractNum");
    w.start("w:abstractNum", &[("w:abstractNumId", "1")]);
    w.empty("w:multiLevelType", &[("w:val", "hybridMultilevel")]);
    for level in 0..9u32 {
        let format = ["decimal", "lowerLetter", "lowerRoman"][(level % 3) as usize];
        let text = format!("%{}{}", level + 1, if level % 3 == 0 { "." } else { ")" });
        list_level(&mut w, level, format, &text, None);
    }
    w.end("w:abstractNum");
    w.start("w:num", &[("w:numId", "1")]);
    w.empty("w:abstractNumId", &[("w:val", "0")]);
    w.end("w:num");
    for n in 0..ordered_lists {
        let id = (n + 2).to_string();
        w.start("w:num", &[("w:numId", &id)]);
        w.empty("w:abstractNumId", &[("w:val", "1")]);
        w.start("w:lvlOverride", &[("w:ilvl", "0")]);
        w.empty("w:startOverride", &[("w:val", "1")]);
        w.end("w:lvlOverride");
        w.end("w:num");
    }
    w.end("w:numbering");
    w.finish()
}

fn list_level(w: &mut XmlWriter, level: u32, format: &str, text: &str, font: Option<&str>) {
    let ilvl = level.to_string();
    let left = (360 * (level + 1) + 360).to_string();
    w.start("w:lvl", &[("w:ilvl", &ilvl)]);
    w.empty("w:start", &[("w:val", "1")]);
    w.empty("w:numFmt", &[("w:val", format)]);
    w.empty("w:lvlText", &[("w:val", text)]);
    w.empty("w:lvlJc", &[("w:val", "left")]);
    w.start("w:pPr", &[]);
    w.empty("w:ind", &[("w:left", &left), ("w:hanging", "360")]);
    w.end("w:pPr");
    if let Some(font) = font {
        w.start("w:rPr", &[]);
        w.empty(
            "w:rFonts",
            &[("w:ascii", font), ("w:hAnsi", font), ("w:hint", "default")],
        );
        w.end("w:rPr");
    }
    w.end("w:lvl");
}

/// `docProps/core.xml`, without dates so that output is reproducible.
pub(super) fn core_properties(title: &str) -> String {
    let mut w = XmlWriter::new();
    w.start(
        "cp:coreProperties",
        &[
            (
                "xmlns:cp",
                "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
            ),
            ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
            ("xmlns:dcterms", "http://purl.org/dc/terms/"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        ],
    );
    w.element("dc:title", &[], title);
    w.element("dc:creator", &[], "ITU-T TSB");
    w.end("cp:coreProperties");
    w.finish()
}

/// `docProps/app.xml`.
pub(super) fn app_properties() -> String {
    let mut w = XmlWriter::new();
    w.start(
        "Properties",
        &[(
            "xmlns",
            "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
        )],
    );
    w.element(
        "Application",
        &[],
        concat!("actplan ", env!("CARGO_PKG_VERSION")),
    );
    w.end("Properties");
    w.finish()
}

/// The built-in page header: "- PAGE -" and the document number.
pub(super) fn header(document_number: Option<&str>, style_id: &str) -> String {
    let mut w = XmlWriter::new();
    w.start("w:hdr", &[("xmlns:w", W_NS), ("xmlns:r", R_NS)]);
    w.start("w:p", &[]);
    w.start("w:pPr", &[]);
    w.empty("w:pStyle", &[("w:val", style_id)]);
    w.end("w:pPr");
    w.raw("<w:r><w:t xml:space=\"preserve\">- </w:t></w:r>");
    w.raw("<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>");
    w.raw("<w:r><w:t xml:space=\"preserve\"> -</w:t></w:r>");
    w.end("w:p");
    if let Some(number) = document_number {
        w.start("w:p", &[]);
        w.start("w:pPr", &[]);
        w.empty("w:pStyle", &[("w:val", style_id)]);
        w.end("w:pPr");
        w.start("w:r", &[]);
        w.element("w:t", &[], number);
        w.end("w:r");
        w.end("w:p");
    }
    w.end("w:hdr");
    w.finish()
}
