//! Helpers shared by the integration tests: a small, deterministic .docx builder and XML
//! snippets for a minimal Action Plan.
//!
//! Every .docx a test reads is built here, in memory, from literal XML: no fixture files.
//! A module of the one integration-test binary (`tests/it/main.rs`).
#![allow(dead_code)]

use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

/// A shipped fixture (`fixtures/NAME`).
pub fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

/// A shipped edition (`fixtures/NAME`, .docx) read as `actplan convert` reads it; the test
/// fails naming the file when it cannot be read.
pub fn read_edition(name: &str) -> actplan::model::ActionPlan {
    let path = fixture(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    actplan::read_docx(&bytes, &actplan::ReadOptions::default())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .plan
}

/// Edition A, read once for the whole test binary.
pub fn edition_a() -> &'static actplan::model::ActionPlan {
    static PLAN: std::sync::OnceLock<actplan::model::ActionPlan> = std::sync::OnceLock::new();
    PLAN.get_or_init(|| read_edition("action-plan-edition-a.docx"))
}

/// Edition B, read once for the whole test binary.
pub fn edition_b() -> &'static actplan::model::ActionPlan {
    static PLAN: std::sync::OnceLock<actplan::model::ActionPlan> = std::sync::OnceLock::new();
    PLAN.get_or_init(|| read_edition("action-plan-edition-b.docx"))
}

/// Edition A with the first item of the first resolution carrying mark cells of other
/// text (`completed_text` "Partially", `periodic_goals_met_text` "see SG2") and extra
/// cells {"Responsible": "TSB", "Comment": "x"}; the resolution's other items have none.
pub fn edition_a_with_item_extras() -> actplan::model::ActionPlan {
    let mut plan = edition_a().clone();
    let items = &mut plan.resolutions[0].action_items;
    assert!(
        items.len() > 1,
        "edition A's first resolution has several items"
    );
    let item = &mut items[0];
    item.completed = false;
    item.completed_text = Some("Partially".into());
    item.periodic_goals_met = false;
    item.periodic_goals_met_text = Some("see SG2".into());
    item.extra = [("Responsible", "TSB"), ("Comment", "x")]
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .into();
    for other in &items[1..] {
        assert!(other.extra.is_empty() && other.completed_text.is_none());
    }
    plan
}

/// The `actplan` binary built with these tests, ready for arguments.
pub fn actplan_command() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_actplan"))
}

/// Fails the test with the command's stderr when it did not exit 0.
#[track_caller]
pub fn assert_success(out: &std::process::Output) {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// An empty scratch folder of this test process, `<tmp>/actplan-<pid>-<owner>-<name>`:
/// removed first if a test of this run already used it. Use [`scratch!`], which names the
/// calling module as the owner, so that two modules' folders never meet.
pub fn scratch_dir(owner: &str, name: &str) -> std::path::PathBuf {
    let owner = owner.rsplit("::").next().unwrap_or(owner);
    let dir = std::env::temp_dir().join(format!("actplan-{}-{owner}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)
        .unwrap_or_else(|e| panic!("scratch folder {}: {e}", dir.display()));
    dir
}

/// `scratch!("name")`: an empty scratch folder owned by the calling module
/// ([`scratch_dir`]).
macro_rules! scratch {
    ($name:expr) => {
        $crate::common::scratch_dir(module_path!(), $name)
    };
}
pub(crate) use scratch;

/// WordprocessingML main namespace.
pub const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/// Relationships namespace (`r:id`).
pub const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
/// Markup compatibility namespace (`mc:AlternateContent`).
pub const MC_NS: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";
/// Word 2010 namespace (`w14:`), the usual `mc:Choice Requires="w14"`.
pub const W14_NS: &str = "http://schemas.microsoft.com/office/word/2010/wordml";

const REL_BASE: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
/// Relationship type of a hyperlink target.
pub const REL_HYPERLINK: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink";

const MAIN_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
const STYLES_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml";
const NUMBERING_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml";
const FOOTNOTES_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml";

/// The XML declaration every part starts with.
pub const XML_DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// One relationship of `word/document.xml`.
#[derive(Debug, Clone)]
struct Rel {
    id: String,
    rel_type: String,
    target: String,
    external: bool,
}

/// Builds a minimal WordprocessingML package in memory.
///
/// ```ignore
/// let docx = DocxBuilder::new()
///     .styles(STANDARD_STYLES)
///     .document_body(&minimal_plan_body(&rows))
///     .rel("rId10", REL_HYPERLINK, "https://www.itu.int/", true)
///     .build();
/// ```
#[derive(Debug, Clone, Default)]
pub struct DocxBuilder {
    document: Option<String>,
    styles: Option<String>,
    numbering: Option<String>,
    footnotes: Option<String>,
    rels: Vec<Rel>,
    extra: Vec<(String, Vec<u8>)>,
    omit: Vec<String>,
}

impl DocxBuilder {
    /// An empty package (its document has an empty body until one is given).
    pub fn new() -> Self {
        DocxBuilder::default()
    }

    /// The `w:body` content (without `<w:body>`), wrapped into a complete document part
    /// declaring the `w`, `r`, `mc` and `w14` prefixes.
    pub fn document_body(mut self, body: &str) -> Self {
        self.document = Some(wrap_document(body));
        self
    }

    /// The complete `word/document.xml` text, used as given.
    pub fn document_xml(mut self, xml: &str) -> Self {
        self.document = Some(xml.to_string());
        self
    }

    /// `word/styles.xml` from its `w:style` elements (wrapped in `<w:styles>`).
    pub fn styles(mut self, styles: &str) -> Self {
        self.styles = Some(format!(
            "{XML_DECL}<w:styles xmlns:w=\"{W_NS}\">{styles}</w:styles>"
        ));
        self
    }

    /// `word/styles.xml`, the complete part text.
    pub fn styles_xml(mut self, xml: &str) -> Self {
        self.styles = Some(xml.to_string());
        self
    }

    /// `word/numbering.xml` from its `w:abstractNum` and `w:num` elements.
    pub fn numbering(mut self, numbering: &str) -> Self {
        self.numbering = Some(format!(
            "{XML_DECL}<w:numbering xmlns:w=\"{W_NS}\">{numbering}</w:numbering>"
        ));
        self
    }

    /// `word/footnotes.xml` from its `w:footnote` elements; the separator and continuation
    /// separator notes Word always writes (ids -1 and 0) are added in front.
    pub fn footnotes(mut self, footnotes: &str) -> Self {
        self.footnotes = Some(format!(
            "{XML_DECL}<w:footnotes xmlns:w=\"{W_NS}\" xmlns:r=\"{R_NS}\">\
             <w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>\
             <w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>\
             {footnotes}</w:footnotes>"
        ));
        self
    }

    /// A relationship of `word/document.xml` (`external` gives `TargetMode="External"`).
    pub fn rel(mut self, id: &str, rel_type: &str, target: &str, external: bool) -> Self {
        self.rels.push(Rel {
            id: id.to_string(),
            rel_type: rel_type.to_string(),
            target: target.to_string(),
            external,
        });
        self
    }

    /// Any other part, stored as given.
    pub fn part(mut self, name: &str, bytes: impl Into<Vec<u8>>) -> Self {
        self.extra.push((name.to_string(), bytes.into()));
        self
    }

    /// Leave a part out of the zip (its relationships and content type stay).
    pub fn omit(mut self, name: &str) -> Self {
        self.omit.push(name.to_string());
        self
    }

    /// The parts of the package, in zip order.
    pub fn parts(&self) -> Vec<(String, Vec<u8>)> {
        let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
        let mut overrides =
            format!("<Override PartName=\"/word/document.xml\" ContentType=\"{MAIN_TYPE}\"/>");
        let mut doc_rels = String::new();
        for (name, part, content_type, rel) in [
            ("styles.xml", &self.styles, STYLES_TYPE, "styles"),
            (
                "numbering.xml",
                &self.numbering,
                NUMBERING_TYPE,
                "numbering",
            ),
            (
                "footnotes.xml",
                &self.footnotes,
                FOOTNOTES_TYPE,
                "footnotes",
            ),
        ] {
            if part.is_some() {
                overrides.push_str(&format!(
                    "<Override PartName=\"/word/{name}\" ContentType=\"{content_type}\"/>"
                ));
                doc_rels.push_str(&format!(
                    "<Relationship Id=\"rIdPart{rel}\" Type=\"{REL_BASE}/{rel}\" Target=\"{name}\"/>"
                ));
            }
        }
        for rel in &self.rels {
            let mode = if rel.external {
                " TargetMode=\"External\""
            } else {
                ""
            };
            doc_rels.push_str(&format!(
                "<Relationship Id=\"{}\" Type=\"{}\" Target=\"{}\"{mode}/>",
                rel.id,
                rel.rel_type,
                escape(&rel.target)
            ));
        }
        parts.push((
            "[Content_Types].xml".into(),
            format!(
                "{XML_DECL}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
                 <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
                 <Default Extension=\"xml\" ContentType=\"application/xml\"/>{overrides}</Types>"
            )
            .into_bytes(),
        ));
        parts.push((
            "_rels/.rels".into(),
            format!(
                "{XML_DECL}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
                 <Relationship Id=\"rId1\" Type=\"{REL_BASE}/officeDocument\" Target=\"word/document.xml\"/>\
                 </Relationships>"
            )
            .into_bytes(),
        ));
        let document = self.document.clone().unwrap_or_else(|| wrap_document(""));
        parts.push(("word/document.xml".into(), document.into_bytes()));
        parts.push((
            "word/_rels/document.xml.rels".into(),
            format!(
                "{XML_DECL}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
                 {doc_rels}</Relationships>"
            )
            .into_bytes(),
        ));
        for (name, part) in [
            ("word/styles.xml", &self.styles),
            ("word/numbering.xml", &self.numbering),
            ("word/footnotes.xml", &self.footnotes),
        ] {
            if let Some(xml) = part {
                parts.push((name.into(), xml.clone().into_bytes()));
            }
        }
        parts.extend(self.extra.iter().cloned());
        parts.retain(|(name, _)| !self.omit.contains(name));
        parts
    }

    /// The .docx bytes (deflated entries, fixed timestamps: the same input always gives the
    /// same bytes).
    pub fn build(&self) -> Vec<u8> {
        zip_parts(&self.parts())
    }
}

/// A zip of the given entries, deflated, with the zip crate's fixed default timestamp.
pub fn zip_parts(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, bytes) in parts {
        zip.start_file(name.as_str(), options)
            .expect("start zip entry");
        zip.write_all(bytes).expect("write zip entry");
    }
    zip.finish().expect("finish zip").into_inner()
}

/// A complete `word/document.xml` around body content.
pub fn wrap_document(body: &str) -> String {
    format!(
        "{XML_DECL}<w:document xmlns:w=\"{W_NS}\" xmlns:r=\"{R_NS}\" xmlns:mc=\"{MC_NS}\" \
         xmlns:w14=\"{W14_NS}\" mc:Ignorable=\"w14\"><w:body>{body}\
         <w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr></w:body></w:document>"
    )
}

/// XML-escape text for element content and attribute values.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The styles most tests use: Normal (default), heading 1, heading 2, a bulleted list
/// style (numId 1), footnote text and reference, TOC 1, Title, Table_text, Hyperlink.
pub const STANDARD_STYLES: &str = r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:keepNext/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Heading1"/><w:next w:val="Normal"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Tabletext"><w:name w:val="Table_text"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>
<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/><w:rPr><w:color w:val="0000FF"/><w:u w:val="single"/></w:rPr></w:style>"#;

// ---------------------------------------------------------------------------------------
// Body snippets. They all use the `w:` prefix.
// ---------------------------------------------------------------------------------------

/// A run holding `text`.
pub fn run(text: &str) -> String {
    format!(
        "<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r>",
        escape(text)
    )
}

/// A paragraph holding one run of `text` (an empty paragraph for "").
pub fn para(text: &str) -> String {
    if text.is_empty() {
        "<w:p/>".to_string()
    } else {
        format!("<w:p>{}</w:p>", run(text))
    }
}

/// A paragraph around raw inline XML.
pub fn para_xml(inner: &str) -> String {
    format!("<w:p>{inner}</w:p>")
}

/// A paragraph of style id `style` around raw inline XML.
pub fn styled_para_xml(style: &str, inner: &str) -> String {
    format!("<w:p><w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr>{inner}</w:p>")
}

/// A "Heading 2" paragraph of `text`.
pub fn heading2(text: &str) -> String {
    styled_para_xml("Heading2", &run(text))
}

/// A cell of one grid column around raw block XML (an empty paragraph when empty).
pub fn cell(blocks: &str) -> String {
    cell_with("", blocks)
}

/// A cell with extra `w:tcPr` children (`<w:gridSpan w:val="4"/>`, `<w:vMerge/>`).
pub fn cell_with(tc_pr: &str, blocks: &str) -> String {
    let blocks = if blocks.is_empty() { "<w:p/>" } else { blocks };
    format!("<w:tc><w:tcPr><w:tcW w:w=\"1800\" w:type=\"dxa\"/>{tc_pr}</w:tcPr>{blocks}</w:tc>")
}

/// A cell holding one paragraph of `text`.
pub fn text_cell(text: &str) -> String {
    cell(&para(text))
}

/// A row of raw cell XML.
pub fn row(cells: &[String]) -> String {
    format!(
        "<w:tr><w:trPr><w:cantSplit/></w:trPr>{}</w:tr>",
        cells.concat()
    )
}

/// A table with the given grid widths (twips) around raw row XML.
pub fn table(grid: &[u32], rows: &str) -> String {
    let cols: String = grid
        .iter()
        .map(|w| format!("<w:gridCol w:w=\"{w}\"/>"))
        .collect();
    format!(
        "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"0\" w:type=\"auto\"/>\
         <w:tblLook w:val=\"04A0\"/></w:tblPr><w:tblGrid>{cols}</w:tblGrid>{rows}</w:tbl>"
    )
}

/// The five header texts of an action table.
pub const ACTION_HEADER: [&str; 5] = [
    "Action Item",
    "Action",
    "Milestone",
    "Periodic goals met",
    "Completed",
];

/// The header row of an action table (a repeating header row, as Word writes it).
pub fn header_row() -> String {
    let cells: String = ACTION_HEADER.iter().map(|t| text_cell(t)).collect();
    format!("<w:tr><w:trPr><w:tblHeader/></w:trPr>{cells}</w:tr>")
}

/// An item row from plain texts.
pub fn item_row(
    id: &str,
    action: &str,
    milestone: &str,
    periodic: &str,
    completed: &str,
) -> String {
    row(&[
        text_cell(id),
        text_cell(action),
        text_cell(milestone),
        text_cell(periodic),
        text_cell(completed),
    ])
}

/// An item row from the raw block XML of each of its five cells.
pub fn item_row_xml(cells: [&str; 5]) -> String {
    row(&cells.map(cell))
}

/// A status row: an empty first cell, then one cell spanning four grid columns holding the
/// raw block XML.
pub fn status_row(blocks: &str) -> String {
    row(&[cell(""), cell_with("<w:gridSpan w:val=\"4\"/>", blocks)])
}

/// A status row of plain paragraphs.
pub fn status_row_text(paragraphs: &[&str]) -> String {
    status_row(&paragraphs.iter().map(|p| para(p)).collect::<String>())
}

/// The grid of an action table.
pub const ACTION_GRID: [u32; 5] = [1100, 3400, 2400, 1000, 1100];

/// An action table: the header row, then the given raw rows.
pub fn action_table(rows: &str) -> String {
    table(&ACTION_GRID, &format!("{}{rows}", header_row()))
}

/// A resolution: its Heading 2, its operative paragraphs, its action table.
pub fn resolution_xml(heading: &str, operative: &[&str], rows: &str) -> String {
    let operative: String = operative.iter().map(|p| para(p)).collect();
    format!("{}{operative}{}", heading2(heading), action_table(rows))
}

/// The body of a minimal action plan: "Resolution 1 – Title" (Heading 2), the operative
/// paragraph "Operative text.", and an action table with the given raw rows.
pub fn minimal_plan_body(rows: &str) -> String {
    resolution_xml("Resolution 1 – Title", &["Operative text."], rows)
}

/// A minimal action plan package (standard styles) with the given raw action-table rows.
pub fn minimal_plan_docx(rows: &str) -> Vec<u8> {
    DocxBuilder::new()
        .styles(STANDARD_STYLES)
        .document_body(&minimal_plan_body(rows))
        .build()
}

/// One plain item with one plain status paragraph: the rows of the simplest action table.
pub fn simple_rows() -> String {
    format!(
        "{}{}",
        item_row("01-01", "Do the thing.", "2024", "", "√"),
        status_row_text(&["Done in 2023."])
    )
}

// ---------------------------------------------------------------------------------------
// A hand-written zip, for entries the zip crate cannot write quickly (a zip bomb: deflating
// 300 MiB of zeros takes seconds in a debug build; writing the deflate stream by hand takes
// milliseconds).
// ---------------------------------------------------------------------------------------

/// One entry of [`raw_zip`]: its data already compressed.
#[derive(Debug, Clone)]
pub struct RawEntry {
    /// Entry name.
    pub name: String,
    /// 0 stored, 8 deflated.
    pub method: u16,
    /// CRC-32 of the uncompressed data.
    pub crc: u32,
    /// Uncompressed size.
    pub size: u64,
    /// The data as stored in the zip.
    pub data: Vec<u8>,
}

impl RawEntry {
    /// A stored (uncompressed) entry.
    pub fn stored(name: &str, bytes: &[u8]) -> RawEntry {
        RawEntry {
            name: name.to_string(),
            method: 0,
            crc: crc32(bytes),
            size: bytes.len() as u64,
            data: bytes.to_vec(),
        }
    }

    /// A deflated entry of `size` zero bytes, written by hand ([`deflate_zeros`]).
    pub fn zeros(name: &str, size: u64) -> RawEntry {
        RawEntry {
            name: name.to_string(),
            method: 8,
            crc: crc32_of_zeros(size),
            size,
            data: deflate_zeros(size),
        }
    }
}

/// A zip archive (no zip64: every size must stay under 4 GiB) of the given entries.
pub fn raw_zip(entries: &[RawEntry]) -> Vec<u8> {
    fn u16le(out: &mut Vec<u8>, v: u16) {
        out.extend_from_slice(&v.to_le_bytes());
    }
    fn u32le(out: &mut Vec<u8>, v: u32) {
        out.extend_from_slice(&v.to_le_bytes());
    }
    let small = |v: u64| u32::try_from(v).expect("entry under 4 GiB");
    let mut out = Vec::new();
    let mut central = Vec::new();
    for entry in entries {
        let offset = small(out.len() as u64);
        // Local file header: version 2.0, no flags, 1980-01-01 00:00.
        for (buffer, central_header) in [(&mut out, false), (&mut central, true)] {
            u32le(
                buffer,
                if central_header {
                    0x0201_4b50
                } else {
                    0x0403_4b50
                },
            );
            if central_header {
                u16le(buffer, 20);
            }
            u16le(buffer, 20);
            u16le(buffer, 0);
            u16le(buffer, entry.method);
            u16le(buffer, 0);
            u16le(buffer, 0x21);
            u32le(buffer, entry.crc);
            u32le(buffer, small(entry.data.len() as u64));
            u32le(buffer, small(entry.size));
            u16le(buffer, entry.name.len() as u16);
            u16le(buffer, 0);
            if central_header {
                u16le(buffer, 0); // comment
                u16le(buffer, 0); // disk
                u16le(buffer, 0); // internal attributes
                u32le(buffer, 0); // external attributes
                u32le(buffer, offset);
            }
            buffer.extend_from_slice(entry.name.as_bytes());
        }
        out.extend_from_slice(&entry.data);
    }
    let central_offset = small(out.len() as u64);
    let central_size = small(central.len() as u64);
    out.extend_from_slice(&central);
    u32le(&mut out, 0x0605_4b50);
    u16le(&mut out, 0);
    u16le(&mut out, 0);
    u16le(&mut out, entries.len() as u16);
    u16le(&mut out, entries.len() as u16);
    u32le(&mut out, central_size);
    u32le(&mut out, central_offset);
    u16le(&mut out, 0);
    out
}

/// A .docx whose `word/document.xml` is `size` zero bytes, deflated (a zip bomb: 300 MiB
/// gives a file of about 2 MB). The other parts are those of [`DocxBuilder::new`].
pub fn zip_bomb_docx(size: u64) -> Vec<u8> {
    let entries: Vec<RawEntry> = DocxBuilder::new()
        .parts()
        .iter()
        .map(|(name, bytes)| {
            if name == "word/document.xml" {
                RawEntry::zeros(name, size)
            } else {
                RawEntry::stored(name, bytes)
            }
        })
        .collect();
    raw_zip(&entries)
}

/// CRC-32 (IEEE, as zip uses it).
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut table = [0u32; 256];
    for (n, slot) in table.iter_mut().enumerate() {
        let mut c = n as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
        *slot = c;
    }
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc = table[((crc ^ u32::from(b)) & 0xFF) as usize] ^ (crc >> 8);
    }
    !crc
}

/// CRC-32 of `len` zero bytes without touching them: the CRC register is advanced with the
/// GF(2) matrix of "one zero byte" raised to the power `len` by squaring (as zlib's
/// `crc32_combine` does).
pub fn crc32_of_zeros(len: u64) -> u32 {
    fn times(matrix: &[u32; 32], mut vector: u32) -> u32 {
        let mut sum = 0;
        let mut i = 0;
        while vector != 0 {
            if vector & 1 != 0 {
                sum ^= matrix[i];
            }
            vector >>= 1;
            i += 1;
        }
        sum
    }
    fn square(matrix: &[u32; 32]) -> [u32; 32] {
        let mut out = [0u32; 32];
        for (n, slot) in out.iter_mut().enumerate() {
            *slot = times(matrix, matrix[n]);
        }
        out
    }
    // The operator of one zero bit, then of one zero byte.
    let mut one_bit = [0u32; 32];
    one_bit[0] = 0xEDB8_8320;
    for (n, slot) in one_bit.iter_mut().enumerate().skip(1) {
        *slot = 1 << (n - 1);
    }
    let mut power = square(&square(&square(&one_bit)));
    let mut register = 0xFFFF_FFFFu32;
    let mut remaining = len;
    while remaining != 0 {
        if remaining & 1 != 0 {
            register = times(&power, register);
        }
        remaining >>= 1;
        if remaining != 0 {
            power = square(&power);
        }
    }
    !register
}

/// A raw deflate stream of `len` zero bytes: one fixed-Huffman block holding a literal 0,
/// then matches of length 258 at distance 1 (13 bits each), then literal zeros for the rest.
pub fn deflate_zeros(len: u64) -> Vec<u8> {
    struct Bits {
        out: Vec<u8>,
        acc: u64,
        count: u32,
    }
    impl Bits {
        fn put(&mut self, value: u32, bits: u32) {
            self.acc |= u64::from(value) << self.count;
            self.count += bits;
            while self.count >= 8 {
                self.out.push(self.acc as u8);
                self.acc >>= 8;
                self.count -= 8;
            }
        }
    }
    // Fixed Huffman codes are sent most significant bit first: reversed here.
    let reversed = |code: u32, bits: u32| code.reverse_bits() >> (32 - bits);
    let literal_zero = reversed(0x30, 8);
    let length_258 = reversed(0xC5, 8); // symbol 285; distance code 0 is five 0 bits
    let mut bits = Bits {
        out: Vec::with_capacity((len / 150) as usize + 16),
        acc: 0,
        count: 0,
    };
    bits.put(1, 1); // BFINAL
    bits.put(1, 2); // BTYPE 01: fixed Huffman
    let mut remaining = len;
    if remaining > 0 {
        bits.put(literal_zero, 8);
        remaining -= 1;
    }
    while remaining >= 258 {
        bits.put(length_258, 13);
        remaining -= 258;
    }
    for _ in 0..remaining {
        bits.put(literal_zero, 8);
    }
    bits.put(0, 7); // end of block (symbol 256)
    if bits.count > 0 {
        bits.put(0, 8 - bits.count);
    }
    bits.out
}

/// The path of an external program (LibreOffice, xmllint, pdftotext…) on PATH, or `None`
/// after printing a loud skip message. With `ACTPLAN_REQUIRE_COMPONENTS=1` (set by
/// `.ci/run`) a missing program is a failure instead.
pub fn component(name: &str) -> Option<std::path::PathBuf> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(name))
            .find(|candidate| candidate.is_file())
    });
    if found.is_none() {
        component_missing(name);
    }
    found
}

/// Says loudly that a component test does not run because `what` is not installed, or
/// fails the test when `ACTPLAN_REQUIRE_COMPONENTS=1`.
fn component_missing(what: &str) {
    let required = std::env::var("ACTPLAN_REQUIRE_COMPONENTS").is_ok_and(|v| v == "1");
    assert!(
        !required,
        "{what} is required (ACTPLAN_REQUIRE_COMPONENTS=1) but not installed"
    );
    eprintln!("\n!!! SKIPPED: {what} is not installed; a component test did not run !!!\n");
}

/// Whether the report's font, Times New Roman, or a font with its metrics (Liberation
/// Serif, Tinos) is what fontconfig gives LibreOffice; after a loud skip message when not
/// (a failure under `ACTPLAN_REQUIRE_COMPONENTS=1`). Layout tests need it: with a wider
/// fallback (DejaVu Serif) words break and pages differ from the secretariat's.
pub fn times_metric_font() -> bool {
    let Some(fc_match) = component("fc-match") else {
        return false;
    };
    let out = std::process::Command::new(fc_match)
        .args(["--format=%{family}", "Times New Roman"])
        .output()
        .expect("run fc-match");
    let family = String::from_utf8_lossy(&out.stdout);
    let found = ["Times New Roman", "Liberation Serif", "Tinos"]
        .iter()
        .any(|name| family.contains(name));
    if !found {
        component_missing(&format!(
            "a font with Times New Roman's metrics (fonts-liberation; fontconfig gives \"{family}\")"
        ));
    }
    found
}

/// Convert `source` with LibreOffice (`soffice --headless --convert-to FILTER`) into
/// `out_dir`, with a private profile under `profile_dir`, and return the file written
/// (`<stem>.<extension>`). LibreOffice exits 0 even when a conversion fails, so the test
/// fails here, with LibreOffice's stderr, when that file does not exist.
pub fn soffice_convert(
    soffice: &std::path::Path,
    source: &std::path::Path,
    filter: &str,
    extension: &str,
    out_dir: &std::path::Path,
    profile_dir: &std::path::Path,
) -> std::path::PathBuf {
    std::fs::create_dir_all(out_dir).unwrap();
    let output = std::process::Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile_dir.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            filter,
            "--outdir",
        ])
        .arg(out_dir)
        .arg(source)
        .output()
        .unwrap();
    let stem = source.file_stem().unwrap().to_string_lossy();
    let converted = out_dir.join(format!("{stem}.{extension}"));
    assert!(
        converted.is_file(),
        "LibreOffice wrote no {extension} for {}: {}",
        source.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    converted
}

/// The text of a PDF as `pdftotext` reads it, page by page, searchable across lines:
/// every line normalised (whitespace runs as one space, U+2011 and U+2010 as '-',
/// U+00A0 as a space) and joined with '\n'.
pub struct PdfText {
    joined: String,
    /// Where each page starts in `joined`.
    page_starts: Vec<usize>,
}

/// A line as [`PdfText`] keeps it.
pub fn normalise_line(line: &str) -> String {
    line.chars()
        .map(|c| match c {
            '\u{2011}' | '\u{2010}' => '-',
            '\u{a0}' => ' ',
            other => other,
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

impl PdfText {
    /// Pages of text (as `pdftotext` separates them with form feeds).
    pub fn of_pages<'a>(pages: impl IntoIterator<Item = &'a str>) -> PdfText {
        let mut joined = String::new();
        let mut page_starts = Vec::new();
        for page in pages {
            page_starts.push(joined.len());
            for line in page.lines().map(normalise_line).filter(|l| !l.is_empty()) {
                joined.push_str(&line);
                joined.push('\n');
            }
        }
        PdfText {
            joined,
            page_starts,
        }
    }

    /// How many pages.
    pub fn page_count(&self) -> usize {
        self.page_starts.len()
    }

    /// The text of page `number` (from 1).
    pub fn page(&self, number: usize) -> &str {
        let start = self.page_starts[number - 1];
        let end = self
            .page_starts
            .get(number)
            .copied()
            .unwrap_or(self.joined.len());
        &self.joined[start..end]
    }

    /// Where `text` (normalised, its lines joined by spaces) first occurs at or after
    /// `from`, across line ends.
    pub fn find_text(&self, text: &str, from: usize) -> Option<usize> {
        let needle = normalise_line(text);
        let flat = self.joined.replace('\n', " ");
        flat.get(from..)?.find(&needle).map(|at| at + from)
    }

    /// Whether `text` occurs anywhere, whitespace left out on both sides (a TAB after a
    /// footnote's mark prints as nothing).
    pub fn contains_compact(&self, text: &str) -> bool {
        let compact = |t: &str| -> String {
            normalise_line(t)
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect()
        };
        compact(&self.joined).contains(&compact(text))
    }

    /// Where `text` first occurs at or after `from` as whole lines (starting a line and
    /// ending one; it may run over several).
    pub fn find_line(&self, text: &str, from: usize) -> Option<usize> {
        let needle = normalise_line(text);
        let flat = self.joined.replace('\n', " ");
        let mut at = from;
        while let Some(found) = flat.get(at..)?.find(&needle) {
            let start = at + found;
            let end = start + needle.len();
            let starts_line = start == 0 || self.joined.as_bytes()[start - 1] == b'\n';
            let ends_line = self.joined.as_bytes().get(end).is_none_or(|b| *b == b'\n');
            if starts_line && ends_line {
                return Some(start);
            }
            at = start + 1;
            while !flat.is_char_boundary(at) {
                at += 1;
            }
        }
        None
    }

    /// The page (from 1) of a position.
    pub fn page_of(&self, at: usize) -> usize {
        self.page_starts.partition_point(|start| *start <= at)
    }

    /// Up to `length` bytes of text from `at` (to a character boundary).
    pub fn text_after(&self, at: usize, length: usize) -> &str {
        let mut end = (at + length).min(self.joined.len());
        while !self.joined.is_char_boundary(end) {
            end -= 1;
        }
        self.joined.get(at..end).unwrap_or("")
    }

    /// The text of the page of `at` before `at`.
    pub fn text_before_on_page(&self, at: usize) -> &str {
        let start = self.page_starts[self.page_of(at) - 1];
        &self.joined[start..at]
    }
}

/// The text of `pdf`, read by `pdftotext`, page by page.
pub fn pdf_pages(pdf: &std::path::Path) -> PdfText {
    let output = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    let text = String::from_utf8_lossy(&output.stdout);
    let mut pages: Vec<&str> = text.split('\u{c}').collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    PdfText::of_pages(pages)
}

/// The text of `pdf` as `pdftotext -layout` reads it, page by page: each printed line as
/// it stands, the cells of a table row side by side (whitespace runs as one space).
pub fn pdf_layout_pages(pdf: &std::path::Path) -> PdfText {
    let output = std::process::Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "pdftotext -layout failed on {}",
        pdf.display()
    );
    let text = String::from_utf8_lossy(&output.stdout);
    let mut pages: Vec<&str> = text.split('\u{c}').collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    PdfText::of_pages(pages)
}

/// Pages of `pdf` (from 1) whose text area is blank below the last line for more than
/// `fraction` of its height, with that fraction; `None` without `pdftoppm`. The text
/// area's foot is the lowest ink on any page of the same size. The last page is left out.
pub fn blank_pages(pdf: &std::path::Path, fraction: f64) -> Option<Vec<(usize, f64)>> {
    let dir = pdf.with_extension("pages");
    std::fs::create_dir_all(&dir).ok()?;
    let status = std::process::Command::new("pdftoppm")
        .args(["-r", "20", "-gray"])
        .arg(pdf)
        .arg(dir.join("p"))
        .status()
        .ok()?;
    if !status.success() {
        return None;
    }
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    // (width, height, first ink row, last ink row) per page.
    let pages: Vec<(usize, usize, usize, usize)> = files
        .iter()
        .filter_map(|f| ink_rows(&std::fs::read(f).ok()?))
        .collect();
    let mut blank = Vec::new();
    for (index, (w, h, top, bottom)) in pages.iter().enumerate().take(pages.len().saturating_sub(1))
    {
        let foot = pages
            .iter()
            .filter(|p| (p.0, p.1) == (*w, *h))
            .map(|p| p.3)
            .max()
            .unwrap_or(*h);
        let area = foot.saturating_sub(*top).max(1) as f64;
        let empty = foot.saturating_sub(*bottom) as f64 / area;
        if empty > fraction {
            blank.push((index + 1, (empty * 100.0).round() / 100.0));
        }
    }
    Some(blank)
}

/// Width, height and the first and last rows with ink of a binary PGM (P5) image.
fn ink_rows(pgm: &[u8]) -> Option<(usize, usize, usize, usize)> {
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while pgm.get(at)?.is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !pgm.get(at)?.is_ascii_whitespace() {
            at += 1;
        }
        fields.push(std::str::from_utf8(&pgm[start..at]).ok()?.to_string());
    }
    let (w, h): (usize, usize) = (fields[1].parse().ok()?, fields[2].parse().ok()?);
    let pixels = pgm.get(at + 1..)?;
    let ink: Vec<usize> = (0..h)
        .filter(|row| {
            pixels
                .get(row * w..(row + 1) * w)
                .is_some_and(|r| r.iter().any(|p| *p < 160))
        })
        .collect();
    Some((w, h, *ink.first()?, *ink.last()?))
}
