//! WordprocessingML → a small generic document tree.
//!
//! The tree knows nothing about action plans: paragraphs (style, heading level, list level,
//! bookmarks, formatted spans with links and footnote references) and tables (rows of cells
//! with their grid span and vertical merge). Word's accidents are resolved here, once:
//! run splitting, rsids, proofing marks, smart tags, content controls, fields (TOC skipped,
//! HYPERLINK made a link, PAGEREF dropped, others give their result), symbols, tracked
//! changes (accepted or rejected), mc:AlternateContent.

// Input-derived numbers must never overflow: every operation is checked or saturating.
#![warn(clippy::arithmetic_side_effects)]

mod body;
mod styles;
mod symbols;

use crate::package::{Package, PackageError};
use std::collections::BTreeMap;

pub(crate) use crate::xml::XmlError;
pub(crate) use styles::{ListDefinitions, StyleSheet};

/// What to do with unaccepted tracked changes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum RevisionMode {
    /// Read the document as if every change were accepted (the default).
    #[default]
    Accept,
    /// Read the text as it was before the changes.
    Reject,
}

/// The generic tree of one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Document {
    /// Body blocks in order.
    pub body: Vec<Node>,
    /// Footnote bodies keyed by `w:id` (separators left out).
    pub footnotes: BTreeMap<String, Vec<Node>>,
    /// Name of the default paragraph style.
    pub default_style: Option<String>,
    /// Tracked changes met while reading.
    pub revisions: RevisionCount,
}

/// How many tracked changes were met (and resolved by the [`RevisionMode`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct RevisionCount {
    /// Insertions (`w:ins`, `w:moveTo`, inserted rows and paragraph marks).
    pub insertions: usize,
    /// Deletions (`w:del`, `w:moveFrom`, deleted rows and paragraph marks).
    pub deletions: usize,
    /// How they were read.
    pub mode: RevisionMode,
}

impl RevisionCount {
    /// True when the document carried any unaccepted change.
    pub(crate) fn any(&self) -> bool {
        self.insertions > 0 || self.deletions > 0
    }

    /// Count `n` more insertions (saturating).
    pub(crate) fn count_insertions(&mut self, n: usize) {
        self.insertions = self.insertions.saturating_add(n);
    }

    /// Count `n` more deletions (saturating).
    pub(crate) fn count_deletions(&mut self, n: usize) {
        self.deletions = self.deletions.saturating_add(n);
    }
}

/// A block of the tree.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    /// A paragraph.
    Paragraph(Paragraph),
    /// A table.
    Table(Table),
}

/// A paragraph with its resolved properties.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Paragraph {
    /// Style name ("heading 2", "Tabletext"), resolved from the style id.
    pub style: Option<String>,
    /// Outline level 1..9 when the paragraph is a heading (by style name or outline level).
    pub heading_level: Option<u8>,
    /// List membership from numbering.xml (direct or through the style).
    pub list: Option<ListInfo>,
    /// The content.
    pub spans: Vec<Span>,
    /// Bookmarks that start in (or just before) this paragraph.
    pub bookmarks: Vec<String>,
    /// Pictures and embedded objects in the paragraph (`w:drawing` or `w:pict` without a
    /// text box, `w:object`): not read, counted so that the reader can say so.
    pub pictures: u32,
}

impl Paragraph {
    /// The plain text: spans concatenated, footnote references left out.
    pub(crate) fn text(&self) -> String {
        let mut text = String::new();
        for span in &self.spans {
            text.push_str(&span.text);
        }
        text
    }
}

/// A list paragraph's level and kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ListInfo {
    /// 0-based level.
    pub level: u32,
    /// True for numbered lists, false for bullets.
    pub ordered: bool,
}

/// A run of text with uniform formatting, or a footnote reference.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Span {
    /// Text (TAB as "\t", line break as "\n").
    pub text: String,
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
    /// Link target: URL, or "#anchor".
    pub href: Option<String>,
    /// Footnote id, for a footnote reference (then `text` is empty).
    pub footnote: Option<String>,
    /// Custom footnote mark.
    pub mark: Option<String>,
}

/// A table.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Table {
    /// Column widths from `w:tblGrid` (twips).
    pub grid: Vec<u32>,
    /// Rows in order.
    pub rows: Vec<Row>,
}

/// A table row.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Row {
    /// Cells in order.
    pub cells: Vec<Cell>,
    /// A repeating header row (`w:tblHeader`).
    pub header: bool,
}

/// A table cell.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Cell {
    /// Content.
    pub blocks: Vec<Node>,
    /// Grid columns spanned (`w:gridSpan`, at least 1).
    pub grid_span: u32,
    /// Vertical merge state.
    pub v_merge: VMerge,
    /// Grid column where the cell starts (computed from the spans before it).
    pub grid_col: u32,
}

/// `w:vMerge` state of a cell.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum VMerge {
    /// Not merged.
    #[default]
    None,
    /// First cell of a vertical merge.
    Restart,
    /// Continues the cell above.
    Continue,
}

impl Cell {
    /// The grid column just after the cell (saturating: positions never wrap).
    pub(crate) fn end_col(&self) -> u32 {
        self.grid_col.saturating_add(self.grid_span.max(1))
    }

    /// True when the cell covers grid column `col`.
    pub(crate) fn covers(&self, col: u32) -> bool {
        self.grid_col <= col && col < self.end_col()
    }

    /// The paragraphs of the cell (nested tables left out) as trimmed lines: every
    /// paragraph and every line break starts a line; empty lines dropped.
    pub(crate) fn lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        for node in &self.blocks {
            if let Node::Paragraph(p) = node {
                for line in p.text().split('\n') {
                    let line = line.trim();
                    if !line.is_empty() {
                        lines.push(line.to_string());
                    }
                }
            }
        }
        lines
    }

    /// The cell as one string: [`Cell::lines`] joined with "\n".
    pub(crate) fn text(&self) -> String {
        self.lines().join("\n")
    }

    /// Every bookmark in the cell's paragraphs.
    pub(crate) fn bookmarks(&self) -> Vec<String> {
        self.blocks
            .iter()
            .filter_map(|n| match n {
                Node::Paragraph(p) => Some(p.bookmarks.iter().cloned()),
                Node::Table(_) => None,
            })
            .flatten()
            .collect()
    }
}

/// Any error of this layer: a package problem or malformed XML.
#[derive(Debug, thiserror::Error)]
pub enum OoxmlError {
    /// Reading a part failed.
    #[error(transparent)]
    Package(#[from] PackageError),
    /// A part is not well-formed.
    #[error(transparent)]
    Xml(#[from] XmlError),
}

impl From<OoxmlError> for crate::Error {
    fn from(error: OoxmlError) -> Self {
        match error {
            OoxmlError::Package(e) => crate::Error::Package(e),
            OoxmlError::Xml(e) => crate::Error::Xml(e),
        }
    }
}

const REL_STYLES: &str = "/styles";
const REL_NUMBERING: &str = "/numbering";
const REL_FOOTNOTES: &str = "/footnotes";

/// Read the main document of a package (with its styles, numbering and footnotes) into the
/// generic tree.
pub(crate) fn read_document(
    package: &Package<'_>,
    mode: RevisionMode,
) -> Result<Document, OoxmlError> {
    let main = package.main_part().to_string();
    let rels = package.relationships(&main)?;
    let part_of = |suffix: &str| {
        rels.values()
            .find(|r| !r.external && r.rel_type.ends_with(suffix))
            .map(|r| r.target.clone())
    };
    let styles = match part_of(REL_STYLES) {
        Some(name) => match package.read_part(&name)? {
            Some(bytes) => StyleSheet::parse(&bytes, &name)?,
            None => StyleSheet::default(),
        },
        None => StyleSheet::default(),
    };
    let lists = match part_of(REL_NUMBERING) {
        Some(name) => match package.read_part(&name)? {
            Some(bytes) => ListDefinitions::parse(&bytes, &name)?,
            None => ListDefinitions::default(),
        },
        None => ListDefinitions::default(),
    };
    let context = body::Context {
        styles: &styles,
        lists: &lists,
        mode,
    };
    let bytes = package.require_part(&main)?;
    let mut document = body::parse_part(&bytes, &main, &rels, &context)?;
    if let Some(name) = part_of(REL_FOOTNOTES) {
        if let Some(bytes) = package.read_part(&name)? {
            let note_rels = package.relationships(&name)?;
            let notes = body::parse_part(&bytes, &name, &note_rels, &context)?;
            document.footnotes = notes.footnotes;
            document
                .revisions
                .count_insertions(notes.revisions.insertions);
            document
                .revisions
                .count_deletions(notes.revisions.deletions);
        }
    }
    document.default_style = styles.default_paragraph_style_name();
    document.revisions.mode = mode;
    Ok(document)
}
