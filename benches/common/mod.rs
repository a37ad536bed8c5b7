//! Helpers shared by `benches/ingest.rs` and the examples (`make_large_edition`, `floor`):
//! the "floor" (unzip + tokenise, nothing else) and the synthetic N× edition builder.
//!
//! Kept in a sub-folder so that Cargo does not discover it as a bench target of its own;
//! included with `mod common;` from the bench and with `#[path]` from the examples.
#![allow(dead_code)]

use std::io::{Cursor, Read, Write};

/// The part that holds the document body.
pub const DOCUMENT_XML: &str = "word/document.xml";

/// Inflate `word/document.xml` from a .docx held in memory.
pub fn document_xml(docx: &[u8]) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(Cursor::new(docx)).expect("open .docx as zip");
    let mut entry = archive
        .by_name(DOCUMENT_XML)
        .expect("word/document.xml in the .docx");
    let mut xml = Vec::with_capacity(entry.size() as usize);
    entry
        .read_to_end(&mut xml)
        .expect("inflate word/document.xml");
    xml
}

/// Tokenise XML with quick-xml and count the events up to `Eof`; nothing else.
pub fn count_events(xml: &[u8]) -> usize {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut events = 0usize;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => return events,
            Ok(_) => events += 1,
            Err(err) => panic!("XML error at byte {}: {err}", reader.buffer_position()),
        }
    }
}

/// The floor of any reader: open the zip, inflate `word/document.xml`, tokenise it.
/// Returns the number of XML events.
pub fn floor(docx: &[u8]) -> usize {
    count_events(&document_xml(docx))
}

/// Byte offsets `(start, end)` of the Section II body in `document.xml`: from the start of the
/// first paragraph styled `Heading2` up to (not including) the `Heading1` paragraph that holds
/// "Appendix I". Works on the raw XML text, no DOM.
pub fn section_ii_range(xml: &str) -> (usize, usize) {
    const HEADING2: &str = r#"<w:pStyle w:val="Heading2"/>"#;
    const HEADING1: &str = r#"<w:pStyle w:val="Heading1"/>"#;
    let h2 = xml.find(HEADING2).expect("a Heading2 paragraph");
    let start = paragraph_start(xml, h2);
    let mut from = h2;
    loop {
        let h1 = from
            + xml[from..]
                .find(HEADING1)
                .expect("a Heading1 paragraph \"Appendix I\" after Section II");
        let p = paragraph_start(xml, h1);
        let p_end = h1
            + xml[h1..]
                .find("</w:p>")
                .expect("end of the Heading1 paragraph");
        if text_of(&xml[p..p_end]).contains("Appendix I") {
            return (start, p);
        }
        from = h1 + HEADING1.len();
    }
}

/// Start of the `<w:p>` / `<w:p ...>` element that encloses byte `at` (its pPr).
fn paragraph_start(xml: &str, at: usize) -> usize {
    let head = &xml[..at];
    let mut end = head.len();
    loop {
        let i = head[..end]
            .rfind("<w:p")
            .expect("a <w:p> before the pStyle");
        match head.as_bytes().get(i + 4) {
            Some(b' ') | Some(b'>') => return i,
            _ => end = i, // <w:pPr>, <w:pStyle ...: keep looking
        }
    }
}

/// The concatenated `<w:t>` text of an XML fragment (good enough to find a heading's words).
fn text_of(fragment: &str) -> String {
    let mut text = String::new();
    let mut rest = fragment;
    while let Some(i) = rest.find("<w:t") {
        rest = &rest[i + 4..];
        // `<w:t>` or `<w:t xml:space=...>`, not `<w:tbl>`, `<w:tab/>`, `<w:tc>`...
        if !(rest.starts_with('>') || rest.starts_with(' ')) {
            continue;
        }
        let Some(gt) = rest.find('>') else { break };
        if rest[..gt].ends_with('/') {
            rest = &rest[gt + 1..];
            continue;
        }
        let body = &rest[gt + 1..];
        let Some(close) = body.find("</w:t>") else {
            break;
        };
        text.push_str(&body[..close]);
        rest = &body[close..];
    }
    text
}

/// `document.xml` with its Section II body repeated `copies` times (1 = unchanged).
pub fn repeat_section_ii(xml: &str, copies: usize) -> String {
    assert!(copies >= 1, "at least one copy");
    let (start, end) = section_ii_range(xml);
    let body = &xml[start..end];
    let mut out = String::with_capacity(xml.len() + body.len() * (copies - 1));
    out.push_str(&xml[..start]);
    for _ in 0..copies {
        out.push_str(body);
    }
    out.push_str(&xml[end..]);
    out
}

/// A valid .docx made from `docx` (edition A's bytes) whose Section II body is repeated
/// `copies` times. Every other zip entry is copied unchanged (still deflated, not re-compressed);
/// `word/document.xml` is written deflated, in its original position.
pub fn make_large_edition(docx: &[u8], copies: usize) -> Vec<u8> {
    let xml = String::from_utf8(document_xml(docx)).expect("document.xml is UTF-8");
    let large = repeat_section_ii(&xml, copies);

    let mut archive = zip::ZipArchive::new(Cursor::new(docx)).expect("open .docx as zip");
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(docx.len() * copies)));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(large.len() as u64 >= u32::MAX as u64);
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).expect("zip entry");
        let is_document = entry.name().map(|n| n == DOCUMENT_XML).unwrap_or(false);
        if is_document {
            drop(entry);
            writer
                .start_file(DOCUMENT_XML, options)
                .expect("start word/document.xml");
            writer
                .write_all(large.as_bytes())
                .expect("write word/document.xml");
        } else {
            writer.raw_copy_file(entry).expect("copy zip entry");
        }
    }
    writer.finish().expect("finish zip").into_inner()
}
