//! The package layer: a .docx is a zip of XML parts. This module opens the zip, recognises
//! what the file really is (legacy .doc, encrypted package, OpenDocument, anything else),
//! finds the main document part through the relationships, and inflates parts under
//! documented size limits.
//!
//! Limits are enforced on the bytes actually inflated, never on the sizes the zip headers
//! claim, so a zip bomb stops at the limit whatever its headers say.
//!
//! ```text
//! edition.docx
//! ├── [Content_Types].xml        content type of every part
//! ├── _rels/.rels                → word/document.xml (officeDocument)
//! └── word/
//!     ├── document.xml           the body
//!     ├── _rels/document.xml.rels → styles, numbering, footnotes, hyperlink targets
//!     ├── styles.xml  numbering.xml  footnotes.xml
//!     └── …
//! ```

// Input-derived numbers must never overflow: every operation is checked or saturating.
#![warn(clippy::arithmetic_side_effects)]

use crate::text::human_size;
use crate::xml::{attr_value, local_name, XmlError, XmlReader};
use quick_xml::events::Event;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::io::{Cursor, Read};
use thiserror::Error;

/// Size limits applied while reading a package. Exceeding one is an error, never a silent
/// truncation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest input file accepted, in bytes (default 256 MiB).
    pub max_input_bytes: u64,
    /// Most bytes one part may inflate to (default 64 MiB; a 170-page edition has 3 MiB).
    pub max_part_bytes: u64,
    /// Most bytes all parts read together may inflate to (default 128 MiB).
    pub max_total_bytes: u64,
    /// Most entries the zip may list (default 10 000).
    pub max_entries: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input_bytes: 256 << 20,
            max_part_bytes: 64 << 20,
            max_total_bytes: 128 << 20,
            max_entries: 10_000,
        }
    }
}

/// Why a file cannot be read as a WordprocessingML package.
#[derive(Debug, Error)]
pub enum PackageError {
    /// An OLE2 compound file without an encrypted package: Word 97-2003.
    #[error("this is a legacy Word 97-2003 .doc file, not .docx: open it in Word or LibreOffice and save it as .docx")]
    LegacyDoc,
    /// An OLE2 compound file holding an `EncryptedPackage` stream.
    #[error(
        "this .docx is encrypted (password-protected): remove the password in Word and save again"
    )]
    Encrypted,
    /// The bytes are not a zip archive at all.
    #[error("not a .docx file: it is not a zip package{0}")]
    NotZip(String),
    /// The zip could not be read (truncated, corrupt, unsupported).
    #[error("the file is cut short or damaged — was the download or copy complete? (zip: {0})")]
    BadZip(String),
    /// A zip without WordprocessingML (OpenDocument, xlsx, …).
    #[error("not a Word document: {0}")]
    NotWordprocessingMl(String),
    /// A part the package needs is absent.
    #[error("the package has no {0} part")]
    MissingPart(String),
    /// A part inflates beyond the per-part limit.
    #[error("part {part} inflates to more than {}; refusing a possible zip bomb", human_size(*limit))]
    PartTooLarge {
        /// The part name.
        part: String,
        /// The limit in bytes.
        limit: u64,
    },
    /// All parts together inflate beyond the total limit.
    #[error("the package inflates to more than {} in total; refusing a possible zip bomb", human_size(*limit))]
    TotalTooLarge {
        /// The limit in bytes.
        limit: u64,
    },
    /// The input file itself is larger than allowed.
    #[error(
        "the input is {}, more than the {} allowed", human_size(*size), human_size(*limit)
    )]
    InputTooLarge {
        /// Size of the input.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// The zip lists more entries than allowed.
    #[error("the zip lists {count} entries, more than the {limit} allowed")]
    TooManyEntries {
        /// Number of entries.
        count: usize,
        /// The limit.
        limit: usize,
    },
    /// A part could not be inflated.
    #[error("part {part} cannot be inflated: {message}")]
    Inflate {
        /// The part name.
        part: String,
        /// What went wrong.
        message: String,
    },
    /// An XML part of the package structure is malformed.
    #[error(transparent)]
    Xml(#[from] XmlError),
}

const OLE2_SIGNATURE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
const OFFICE_DOCUMENT_REL: &str = "/officeDocument";
const WORD_MAIN_TYPES: &[&str] = &[
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
];

/// One relationship of a part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Relationship {
    /// The relationship type URI.
    pub rel_type: String,
    /// The target: a part name resolved against the source part, or an external URI.
    pub target: String,
    /// True for `TargetMode="External"` (hyperlinks).
    pub external: bool,
}

/// A zip archive opened under [`Limits`]: its entries are inflated one by one, counted on
/// the bytes actually inflated. The Word [`Package`] and the .xlsx reader both stand on it.
pub(crate) struct Archive<'a> {
    archive: RefCell<zip::ZipArchive<Cursor<&'a [u8]>>>,
    limits: Limits,
    inflated_total: Cell<u64>,
}

impl<'a> Archive<'a> {
    /// Open the zip held in `bytes` (the input size and entry count checked against
    /// `limits`). It does not look at what the entries are.
    pub(crate) fn open(bytes: &'a [u8], limits: &Limits) -> Result<Archive<'a>, PackageError> {
        let size = bytes.len() as u64;
        if size > limits.max_input_bytes {
            return Err(PackageError::InputTooLarge {
                size,
                limit: limits.max_input_bytes,
            });
        }
        let archive = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| PackageError::BadZip(e.to_string()))?;
        if archive.len() > limits.max_entries {
            return Err(PackageError::TooManyEntries {
                count: archive.len(),
                limit: limits.max_entries,
            });
        }
        Ok(Archive {
            archive: RefCell::new(archive),
            limits: *limits,
            inflated_total: Cell::new(0),
        })
    }

    /// The names of the entries, in the order the zip lists them (names that are not UTF-8
    /// are left out).
    pub(crate) fn names(&self) -> Vec<String> {
        self.archive
            .borrow()
            .file_names()
            .filter_map(|name| name.ok().map(|n| n.into_owned()))
            .collect()
    }

    /// True when the archive has a part of that name (case-insensitive, as OPC says).
    pub(crate) fn has_part(&self, name: &str) -> bool {
        self.index_of(name).is_some()
    }

    /// Inflate a part, or `Ok(None)` when it is absent.
    pub(crate) fn read_part(&self, name: &str) -> Result<Option<Vec<u8>>, PackageError> {
        let Some(index) = self.index_of(name) else {
            return Ok(None);
        };
        let mut archive = self.archive.borrow_mut();
        let entry = archive.by_index(index).map_err(|e| PackageError::Inflate {
            part: name.to_string(),
            message: e.to_string(),
        })?;
        let remaining_total = self
            .limits
            .max_total_bytes
            .saturating_sub(self.inflated_total.get());
        let cap = self.limits.max_part_bytes.min(remaining_total);
        let hint = usize::try_from(entry.size().min(cap).min(64 << 20)).unwrap_or(0);
        let mut data = Vec::with_capacity(hint);
        entry
            .take(cap.saturating_add(1))
            .read_to_end(&mut data)
            .map_err(|e| PackageError::Inflate {
                part: name.to_string(),
                message: e.to_string(),
            })?;
        let read = data.len() as u64;
        if read > cap {
            return Err(if cap == self.limits.max_part_bytes {
                PackageError::PartTooLarge {
                    part: name.to_string(),
                    limit: cap,
                }
            } else {
                PackageError::TotalTooLarge {
                    limit: self.limits.max_total_bytes,
                }
            });
        }
        self.inflated_total
            .set(self.inflated_total.get().saturating_add(read));
        Ok(Some(data))
    }

    /// Inflate a part that must exist.
    pub(crate) fn require_part(&self, name: &str) -> Result<Vec<u8>, PackageError> {
        self.read_part(name)?
            .ok_or_else(|| PackageError::MissingPart(name.to_string()))
    }

    /// The relationships of `part` (from its `_rels/NAME.rels`), keyed by relationship id.
    /// A part without relationships gives an empty map.
    pub(crate) fn relationships(
        &self,
        part: &str,
    ) -> Result<HashMap<String, Relationship>, PackageError> {
        let rels_name = rels_part_name(part);
        let Some(bytes) = self.read_part(&rels_name)? else {
            return Ok(HashMap::new());
        };
        parse_relationships(&bytes, &rels_name, part)
    }

    fn index_of(&self, name: &str) -> Option<usize> {
        let archive = self.archive.borrow();
        archive.index_for_name(name).or_else(|| {
            archive
                .file_names()
                .position(|n| n.is_ok_and(|n| n.eq_ignore_ascii_case(name)))
        })
    }
}

/// An opened .docx package: an [`Archive`] recognised as WordprocessingML, with its main
/// document part found through the relationships.
pub(crate) struct Package<'a> {
    archive: Archive<'a>,
    main_part: String,
}

impl<'a> std::ops::Deref for Package<'a> {
    type Target = Archive<'a>;

    fn deref(&self) -> &Archive<'a> {
        &self.archive
    }
}

impl<'a> Package<'a> {
    /// Open the package held in `bytes`, check it is WordprocessingML and find its main part.
    pub(crate) fn open(bytes: &'a [u8], limits: &Limits) -> Result<Package<'a>, PackageError> {
        let size = bytes.len() as u64;
        if size > limits.max_input_bytes {
            return Err(PackageError::InputTooLarge {
                size,
                limit: limits.max_input_bytes,
            });
        }
        check_signature(bytes)?;
        let mut package = Package {
            archive: Archive::open(bytes, limits)?,
            main_part: String::new(),
        };
        package.main_part = package.find_main_part()?;
        Ok(package)
    }

    /// The name of the main document part ("word/document.xml").
    pub(crate) fn main_part(&self) -> &str {
        &self.main_part
    }

    fn find_main_part(&self) -> Result<String, PackageError> {
        if let Some(mimetype) = self.read_part("mimetype")? {
            let mimetype = String::from_utf8_lossy(&mimetype).trim().to_string();
            return Err(PackageError::NotWordprocessingMl(format!(
                "an OpenDocument file ({mimetype}); save it as .docx"
            )));
        }
        let content_types = self
            .read_part("[Content_Types].xml")?
            .ok_or_else(|| PackageError::MissingPart("[Content_Types].xml".into()))?;
        let overrides = parse_content_types(&content_types)?;
        let root_rels = self.relationships("")?;
        if !self.has_part("_rels/.rels") {
            return Err(PackageError::MissingPart("_rels/.rels".into()));
        }
        let main = root_rels
            .values()
            .find(|r| r.rel_type.ends_with(OFFICE_DOCUMENT_REL) && !r.external)
            .map(|r| r.target.clone())
            .ok_or_else(|| {
                PackageError::NotWordprocessingMl(
                    "_rels/.rels names no main document (officeDocument relationship)".into(),
                )
            })?;
        if let Some(content_type) = overrides.get(&main.to_ascii_lowercase()) {
            if !WORD_MAIN_TYPES.contains(&content_type.as_str()) {
                return Err(PackageError::NotWordprocessingMl(format!(
                    "its main part {main} is {content_type}"
                )));
            }
        }
        if !self.has_part(&main) {
            return Err(PackageError::MissingPart(main));
        }
        Ok(main)
    }
}

fn check_signature(bytes: &[u8]) -> Result<(), PackageError> {
    if bytes.starts_with(OLE2_SIGNATURE) {
        return Err(if contains_utf16(bytes, "EncryptedPackage") {
            PackageError::Encrypted
        } else {
            PackageError::LegacyDoc
        });
    }
    if bytes.starts_with(b"PK") {
        return Ok(());
    }
    let hint = if bytes.is_empty() {
        " (the file is empty)".to_string()
    } else if bytes.starts_with(b"{\\rtf") {
        " (it is an RTF file)".to_string()
    } else if bytes.starts_with(b"%PDF") {
        " (it is a PDF file)".to_string()
    } else if bytes.starts_with(b"<") || bytes.starts_with(b"\xEF\xBB\xBF<") {
        " (it looks like XML or HTML)".to_string()
    } else {
        String::new()
    };
    Err(PackageError::NotZip(hint))
}

fn contains_utf16(haystack: &[u8], needle: &str) -> bool {
    let pattern: Vec<u8> = needle
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    haystack.windows(pattern.len()).any(|w| w == pattern)
}

/// `word/document.xml` → `word/_rels/document.xml.rels`; "" → `_rels/.rels`.
fn rels_part_name(part: &str) -> String {
    match part.rsplit_once('/') {
        Some((dir, file)) => format!("{dir}/_rels/{file}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

/// Resolve a relationship target against the folder of its source part.
pub(crate) fn resolve_target(source_part: &str, target: &str) -> String {
    if let Some(absolute) = target.strip_prefix('/') {
        return absolute.to_string();
    }
    let mut segments: Vec<&str> = match source_part.rsplit_once('/') {
        Some((dir, _)) => dir.split('/').collect(),
        None => Vec::new(),
    };
    for segment in target.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            other => segments.push(other),
        }
    }
    segments.join("/")
}

fn parse_relationships(
    bytes: &[u8],
    rels_name: &str,
    source_part: &str,
) -> Result<HashMap<String, Relationship>, PackageError> {
    let mut reader = XmlReader::new(bytes, rels_name);
    let mut map = HashMap::new();
    loop {
        match reader.next_event()? {
            Event::Start(e) | Event::Empty(e)
                if local_name(e.name().as_ref()) == "Relationship" =>
            {
                let id = attr_value(&e, "Id").unwrap_or_default();
                let rel_type = attr_value(&e, "Type").unwrap_or_default();
                let raw_target = attr_value(&e, "Target").unwrap_or_default();
                let external = attr_value(&e, "TargetMode")
                    .is_some_and(|m| m.eq_ignore_ascii_case("External"));
                let target = if external {
                    raw_target
                } else {
                    resolve_target(source_part, &raw_target)
                };
                map.insert(
                    id,
                    Relationship {
                        rel_type,
                        target,
                        external,
                    },
                );
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(map)
}

/// Content type overrides keyed by lower-case part name (without the leading slash).
fn parse_content_types(bytes: &[u8]) -> Result<HashMap<String, String>, PackageError> {
    let mut reader = XmlReader::new(bytes, "[Content_Types].xml");
    let mut map = HashMap::new();
    loop {
        match reader.next_event()? {
            Event::Start(e) | Event::Empty(e) if local_name(e.name().as_ref()) == "Override" => {
                let part = attr_value(&e, "PartName").unwrap_or_default();
                let content_type = attr_value(&e, "ContentType").unwrap_or_default();
                map.insert(
                    part.trim_start_matches('/').to_ascii_lowercase(),
                    content_type,
                );
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(map)
}

/// For the `package` fuzz target (built by cargo-fuzz with `--cfg fuzzing`): open `data` as a
/// package and read its main part, the relationships of the package and of the main part,
/// every part they point to and every entry the zip lists (at most 200). Any input must end
/// in `Ok` or an `Err` on every call, never a panic, an overflow or unbounded memory.
#[cfg(fuzzing)]
pub fn exercise_for_fuzzing(data: &[u8]) {
    let Ok(package) = Package::open(data, &Limits::default()) else {
        return;
    };
    let main = package.main_part().to_string();
    let _ = package.read_part(&main);
    let _ = package.relationships("");
    if let Ok(rels) = package.relationships(&main) {
        for rel in rels.values().filter(|r| !r.external) {
            let _ = package.has_part(&rel.target);
            let _ = package.read_part(&rel.target);
        }
    }
    let names: Vec<String> = match zip::ZipArchive::new(Cursor::new(data)) {
        Ok(archive) => archive
            .file_names()
            .filter_map(|name| name.ok().map(|name| name.into_owned()))
            .collect(),
        Err(_) => Vec::new(),
    };
    for name in names.iter().take(200) {
        let _ = package.read_part(name);
        let _ = package.relationships(name);
    }
}

/// Mark every entry of a zip this crate wrote as "made by Unix" in its central directory,
/// so that a writer which records the host system (the zip crate writes "DOS" when built for
/// Windows) gives the same bytes on every platform. Only the host byte of each central
/// directory record changes; a zip that does not parse as expected is left as it is.
pub(crate) fn mark_made_by_unix(zip: &mut [u8]) {
    const END_RECORD: usize = 22;
    const CENTRAL_RECORD: usize = 46;
    const UNIX: u8 = 3;
    let Some(end) = zip.len().checked_sub(END_RECORD) else {
        return;
    };
    if zip.get(end..end.saturating_add(4)) != Some(b"PK\x05\x06".as_slice()) {
        return;
    }
    let le16 = |z: &[u8], at: usize| {
        z.get(at..at.saturating_add(2))
            .map(|b| usize::from(u16::from_le_bytes([b[0], b[1]])))
    };
    let le32 = |z: &[u8], at: usize| {
        z.get(at..at.saturating_add(4))
            .and_then(|b| usize::try_from(u32::from_le_bytes([b[0], b[1], b[2], b[3]])).ok())
    };
    let (Some(count), Some(mut at)) = (
        le16(zip, end.saturating_add(10)),
        le32(zip, end.saturating_add(16)),
    ) else {
        return;
    };
    for _ in 0..count {
        if zip.get(at..at.saturating_add(4)) != Some(b"PK\x01\x02".as_slice()) {
            return;
        }
        let lengths = [28, 30, 32].map(|offset| le16(zip, at.saturating_add(offset)));
        let [Some(name), Some(extra), Some(comment)] = lengths else {
            return;
        };
        if let Some(host) = zip.get_mut(at.saturating_add(5)) {
            *host = UNIX;
        }
        at = at
            .saturating_add(CENTRAL_RECORD)
            .saturating_add(name)
            .saturating_add(extra)
            .saturating_add(comment);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn zips_are_marked_made_by_unix_whatever_the_host() {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, system) in [
            ("a.xml", zip::System::Dos),
            ("b.xml", zip::System::WindowsNTFS),
        ] {
            let options = zip::write::SimpleFileOptions::default().system(system);
            writer.start_file(name, options).unwrap();
            std::io::Write::write_all(&mut writer, b"<a/>").unwrap();
        }
        let mut bytes = writer.finish().unwrap().into_inner();
        mark_made_by_unix(&mut bytes);
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        for index in 0..2 {
            let file = archive.by_index(index).unwrap();
            assert_eq!(file.system(), zip::System::Unix, "{:?}", file.name());
        }
        let mut short = b"PK\x05\x06".to_vec();
        mark_made_by_unix(&mut short);
        assert_eq!(short, b"PK\x05\x06");
    }
    use super::*;

    #[test]
    fn resolves_targets_against_the_source_folder() {
        assert_eq!(
            resolve_target("word/document.xml", "styles.xml"),
            "word/styles.xml"
        );
        assert_eq!(
            resolve_target("word/document.xml", "../customXml/item1.xml"),
            "customXml/item1.xml"
        );
        assert_eq!(resolve_target("", "word/document.xml"), "word/document.xml");
        assert_eq!(
            resolve_target("word/document.xml", "/word/x.xml"),
            "word/x.xml"
        );
    }

    #[test]
    fn rels_names() {
        assert_eq!(
            rels_part_name("word/document.xml"),
            "word/_rels/document.xml.rels"
        );
        assert_eq!(rels_part_name(""), "_rels/.rels");
    }

    #[test]
    fn ole2_files_are_named() {
        let mut doc = OLE2_SIGNATURE.to_vec();
        doc.extend_from_slice(&[0; 600]);
        assert!(matches!(
            check_signature(&doc),
            Err(PackageError::LegacyDoc)
        ));
        let name: Vec<u8> = "EncryptedPackage"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        doc.extend_from_slice(&name);
        assert!(matches!(
            check_signature(&doc),
            Err(PackageError::Encrypted)
        ));
        assert!(matches!(
            check_signature(b"hello"),
            Err(PackageError::NotZip(_))
        ));
    }
}
