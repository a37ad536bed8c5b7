//! The whole ingester, `actplan::read_docx`: package → document tree → action plan. Any input
//! must end in Ok or an Err, never a panic, a stack overflow, a hang or unbounded memory.
//!
//! Two kinds of input:
//! * one starting with `PK` is the .docx itself (mutations reach the zip reader and, rarely,
//!   the compressed XML);
//! * anything else is taken as the text of `word/document.xml` and wrapped here in a valid
//!   package (stored, so its CRC is right), so that mutations reach the XML reader and the
//!   ingester directly instead of dying on a broken deflate stream or checksum.
#![no_main]

use std::io::{Cursor, Write};

use libfuzzer_sys::fuzz_target;
use zip::write::SimpleFileOptions;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://www.itu.int/pub/T-RES-T.1" TargetMode="External"/><Relationship Id="rId6" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="javascript:alert(1)" TargetMode="External"/></Relationships>"#;

fn wrap_document_xml(xml: &[u8]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, data) in [
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", ROOT_RELS.as_bytes()),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.as_bytes()),
        ("word/document.xml", xml),
    ] {
        zip.start_file(name, stored).expect("start_file");
        zip.write_all(data).expect("write");
    }
    zip.finish().expect("finish").into_inner()
}

fuzz_target!(|data: &[u8]| {
    let wrapped;
    let docx = if data.starts_with(b"PK") {
        data
    } else {
        wrapped = wrap_document_xml(data);
        &wrapped
    };
    if let Ok(read) = actplan::read_docx(docx, &actplan::ReadOptions::default()) {
        // A plan that was read serialises and loads back (errors here are not crashes,
        // but the path is exercised).
        let text = actplan::model::json::to_json_string(&read.plan);
        let _ = actplan::model::json::from_json_str(&text);
    }
});
