//! The Action Plan recognised in the generic tree.
//!
//! One walk over the body blocks, in order. Tables are recognised by their content, never
//! by their position: the summary matrix by its group header ("Action by", "Report to"),
//! action tables by their header row ("Action", "Milestone"), item lists by their id cells;
//! tables before Section I are the cover. Headings are recognised by style or by their
//! "Resolution N – title" shape. Anomalies become [`Warning`]s.

// Input-derived numbers must never overflow: every operation is checked or saturating.
#![warn(clippy::arithmetic_side_effects)]

mod blocks;
mod cover;
mod heading;
mod items;
mod matrix;

pub(crate) use heading::{is_appendix_heading, parse_bare_title_line, parse_title_line, TitleLine};

use crate::model::{
    ActionPlan, Appendix, Block, Kind, ProgressSection, Resolution, Summary, SCHEMA_VERSION,
};
use crate::ooxml::{Document, Node, Paragraph, Table};
use regex::Regex;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::sync::LazyLock;
use thiserror::Error;

static TOP_LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[»>\s]*(?:back\s+to\s+)?top$").unwrap_or_else(|_| unreachable!())
});

/// A document that reads but is not an Action Plan.
#[derive(Debug, Error)]
pub enum IngestError {
    /// No action table (and so no action item) was found.
    #[error("no action plan found: {0}")]
    NotAnActionPlan(String),
}

/// Something odd the reader met and dealt with; printed on stderr by the CLI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// Where ("Resolution 22", "Section I matrix", "document").
    pub location: String,
    /// What.
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

/// The model read from a document, and the warnings met on the way.
#[derive(Debug, Clone)]
pub struct Ingested {
    /// The plan.
    pub plan: ActionPlan,
    /// Anomalies, in document order.
    pub warnings: Vec<Warning>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Front,
    SummarySection,
    AfterMatrix,
    Progress,
    Resolution { after_table: bool },
    Appendix { after_table: bool },
}

struct Walker<'d> {
    default_style: Option<&'d str>,
    place: Place,
    cover_tables: Vec<&'d Table>,
    title: Option<String>,
    summary: Option<Summary>,
    summary_heading: Option<String>,
    caption: Vec<Block>,
    progress: ProgressSection,
    resolutions: Vec<Resolution>,
    appendices: Vec<Appendix>,
    action_tables: usize,
    /// The columns of the action table just read, while nothing but empty paragraphs
    /// follows it: a next action table may continue it (a table split across pages).
    continuation: Option<(items::Columns, u32)>,
    /// Matrix row label ("Resolution 22") → the anchor its title links to.
    matrix_anchors: HashMap<String, String>,
    warnings: Vec<Warning>,
}

/// Recognise the Action Plan in a document tree.
pub(crate) fn ingest(document: &Document) -> Result<Ingested, IngestError> {
    let mut walker = Walker {
        default_style: document.default_style.as_deref(),
        place: Place::Front,
        cover_tables: Vec::new(),
        title: None,
        summary: None,
        summary_heading: None,
        caption: Vec::new(),
        progress: ProgressSection::default(),
        resolutions: Vec::new(),
        appendices: Vec::new(),
        action_tables: 0,
        continuation: None,
        matrix_anchors: HashMap::new(),
        warnings: Vec::new(),
    };
    for node in &document.body {
        match node {
            Node::Paragraph(p) => walker.paragraph(p),
            Node::Table(t) => walker.table(t),
        }
    }
    if walker.action_tables == 0 {
        return Err(IngestError::NotAnActionPlan(
            "the document has no action table (a table whose header row names \"Action\" and \"Milestone\")".into(),
        ));
    }
    walker.check_duplicates();
    if document.revisions.any() {
        walker.warn(
            "document",
            format!(
                "unaccepted tracked changes present ({} insertions, {} deletions); read {}",
                document.revisions.insertions,
                document.revisions.deletions,
                match document.revisions.mode {
                    crate::ooxml::RevisionMode::Accept => "with the changes accepted",
                    crate::ooxml::RevisionMode::Reject => "as before the changes (rejected)",
                }
            ),
        );
    }
    Ok(walker.finish(document))
}

impl<'d> Walker<'d> {
    fn warn(&mut self, location: impl Into<String>, message: impl Into<String>) {
        self.warnings.push(Warning {
            location: location.into(),
            message: message.into(),
        });
    }

    /// Warn, at the current place, when `p` was kept as a plain string and its footnote
    /// references or link targets are lost.
    fn warn_lost(&mut self, p: &Paragraph, what: &str) {
        if let Some(lost) = blocks::paragraph_lost_as_text(p) {
            let location = self.location();
            self.warn(
                location,
                format!("the {what} holds {lost}; only its text is kept"),
            );
        }
    }

    fn location(&self) -> String {
        match self.place {
            Place::Resolution { .. } => self
                .resolutions
                .last()
                .map(|r| format!("{} {}", r.kind.as_str(), r.number))
                .unwrap_or_default(),
            Place::Appendix { .. } => self
                .appendices
                .last()
                .map(|a| a.title.clone())
                .unwrap_or_default(),
            Place::Front => "cover".into(),
            Place::SummarySection | Place::AfterMatrix => "Section I".into(),
            Place::Progress => "Section II".into(),
        }
    }

    fn paragraph(&mut self, p: &'d Paragraph) {
        if p.pictures > 0 && self.place != Place::Front {
            let location = self.location();
            self.warn(
                location,
                format!(
                    "a paragraph holds {}, not kept",
                    blocks::pictures_phrase(p.pictures)
                ),
            );
        }
        let text = p.text();
        let trimmed = text.trim();
        if trimmed.is_empty() && !p.spans.iter().any(|s| s.footnote.is_some()) {
            return;
        }
        self.continuation = None;
        let is_heading = p.heading_level.is_some();
        if is_heading || self.may_be_unstyled_heading(p) {
            let title_line = parse_title_line(trimmed).filter(|l| is_heading || !l.abbreviated);
            if let Some(line) = title_line {
                self.start_resolution(line, p);
                return self.warn_lost(p, "heading");
            }
            if let Some(line) = parse_bare_title_line(trimmed).filter(|_| is_heading) {
                return self.start_untitled_resolution(line, p);
            }
            if is_appendix_heading(trimmed) && (is_heading || trimmed.len() < 200) {
                self.start_appendix(trimmed, p);
                return self.warn_lost(p, "heading");
            }
        }
        if is_heading
            && !matches!(
                self.place,
                Place::Resolution { .. } | Place::Appendix { .. }
            )
        {
            self.section_heading(trimmed);
            return self.warn_lost(p, "heading");
        }
        if is_heading && p.heading_level == Some(1) {
            // A top-level heading after the resolutions: kept as an appendix-like part.
            self.start_appendix(trimmed, p);
            return self.warn_lost(p, "heading");
        }
        if self.place == Place::Front && is_style(p, "title") && self.title.is_none() {
            self.title = Some(trimmed.to_string());
            return self.warn_lost(p, "title");
        }
        self.route_paragraph(p, trimmed);
    }

    /// A paragraph without heading style may still be a heading by its shape: a short,
    /// non-list paragraph once Section II (or the first resolution) has begun.
    fn may_be_unstyled_heading(&self, p: &Paragraph) -> bool {
        p.list.is_none_or(|l| l.level == 0)
            && self.place != Place::SummarySection
            && p.text().trim().len() < 500
    }

    fn section_heading(&mut self, text: &str) {
        match self.place {
            Place::Front | Place::SummarySection if self.summary.is_none() => {
                self.summary_heading = Some(text.to_string());
                self.place = Place::SummarySection;
            }
            _ => {
                self.progress.heading = Some(text.to_string());
                self.place = Place::Progress;
            }
        }
    }

    fn start_resolution(&mut self, line: TitleLine, p: &Paragraph) {
        let anchor = self.choose_anchor(&p.bookmarks, line.kind, &line.number);
        self.resolutions.push(Resolution {
            kind: line.kind,
            number: line.number,
            title: line.title,
            anchor,
            bookmarks: p.bookmarks.clone(),
            operative_text: Vec::new(),
            action_items: Vec::new(),
            notes: Vec::new(),
        });
        self.place = Place::Resolution { after_table: false };
    }

    /// A heading that names a resolution without its title ("Resolution 22"): the title is
    /// the Section I matrix row's, if there is one; a warning says so.
    fn start_untitled_resolution(&mut self, mut line: TitleLine, p: &Paragraph) {
        let label = format!("{} {}", line.kind.as_str(), line.number);
        let from_matrix = self
            .summary
            .iter()
            .flat_map(|s| &s.rows)
            .find(|row| row.label == label)
            .map(|row| row.title.clone());
        let message = match &from_matrix {
            Some(_) => "the heading gives no title; the Section I matrix's is used",
            None => "the heading gives no title (nor does the Section I matrix)",
        };
        line.title = from_matrix.unwrap_or_default();
        self.start_resolution(line, p);
        self.warn(label, message);
        self.warn_lost(p, "heading");
    }

    fn start_appendix(&mut self, title: &str, p: &Paragraph) {
        self.appendices.push(Appendix {
            title: title.to_string(),
            bookmarks: p.bookmarks.clone(),
            note: None,
            items: Vec::new(),
            blocks: Vec::new(),
        });
        self.place = Place::Appendix { after_table: false };
    }

    /// The heading bookmark that links point to: the one the matrix row of this resolution
    /// links to, else one naming the resolution, else the first that is neither a TOC mark
    /// nor another row's target.
    fn choose_anchor(&self, bookmarks: &[String], kind: Kind, number: &str) -> Option<String> {
        let label = format!("{} {}", kind.as_str(), number);
        if let Some(anchor) = self.matrix_anchors.get(&label) {
            if bookmarks.contains(anchor) {
                return Some(anchor.clone());
            }
        }
        let word = kind.as_str().to_lowercase();
        let names_it = |b: &&String| {
            let lower = b.to_lowercase();
            let Some(rest) = lower.trim_start_matches('_').strip_prefix(word.as_str()) else {
                return false;
            };
            let digits: String = rest
                .trim_start_matches(['_', '-', ' '])
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            !digits.is_empty() && digits.trim_start_matches('0') == number.trim_start_matches('0')
        };
        let claimed: HashSet<&String> = self.matrix_anchors.values().collect();
        bookmarks
            .iter()
            .find(names_it)
            .or_else(|| {
                bookmarks
                    .iter()
                    .find(|b| !b.starts_with("_Toc") && !claimed.contains(b))
            })
            .or_else(|| bookmarks.first())
            .cloned()
    }

    fn route_paragraph(&mut self, p: &Paragraph, trimmed: &str) {
        let default_style = self.default_style;
        match self.place {
            Place::Front => {
                if !is_style(p, "toc heading") && !is_style(p, "tocheading") {
                    let location = self.location();
                    self.warn(
                        location,
                        format!("text before Section I not kept: {:?}", shorten(trimmed)),
                    );
                }
            }
            Place::SummarySection => self
                .caption
                .extend(blocks::paragraph_block(p, default_style)),
            Place::AfterMatrix => {
                let summary = self.summary.get_or_insert_with(Summary::default);
                if trimmed.trim_end_matches(':').eq_ignore_ascii_case("legend") {
                    return;
                }
                match matrix::legend_entry(trimmed) {
                    Some(entry) if summary.notes.is_empty() => {
                        summary.legend.push(entry);
                        self.warn_lost(p, "legend entry");
                    }
                    _ => summary
                        .notes
                        .extend(blocks::paragraph_block(p, default_style)),
                }
            }
            Place::Progress => self
                .progress
                .intro
                .extend(blocks::paragraph_block(p, default_style)),
            Place::Resolution { after_table } => {
                let Some(resolution) = self.resolutions.last_mut() else {
                    return;
                };
                if TOP_LINK.is_match(trimmed) {
                    return;
                }
                if after_table {
                    resolution
                        .notes
                        .extend(blocks::paragraph_block(p, default_style));
                } else {
                    resolution
                        .operative_text
                        .extend(blocks::paragraph_block(p, default_style));
                }
            }
            Place::Appendix { after_table } => {
                let Some(appendix) = self.appendices.last_mut() else {
                    return;
                };
                if after_table || !appendix.items.is_empty() {
                    appendix.blocks.extend(blocks::paragraph_block(p, None));
                } else {
                    match appendix.note.as_mut() {
                        Some(note) => {
                            note.push('\n');
                            note.push_str(trimmed);
                        }
                        None => appendix.note = Some(trimmed.to_string()),
                    }
                    self.warn_lost(p, "note");
                }
            }
        }
    }

    fn table(&mut self, table: &'d Table) {
        // A table whose rows were all tracked deletions (or insertions, read rejected).
        if table.rows.is_empty() {
            return;
        }
        if matrix::is_matrix(table) {
            return self.matrix(table);
        }
        if let Some((header, columns)) = items::action_header(table) {
            return self.action_table(table, Some(header), columns);
        }
        if let Some(columns) = self.headerless_action_columns(table) {
            return self.action_table(table, None, columns);
        }
        self.continuation = None;
        match self.place {
            Place::Front => self.cover_tables.push(table),
            Place::Appendix { .. } if items::is_item_list(table) => {
                let (list, problems) = items::read_item_list(table);
                if let Some(appendix) = self.appendices.last_mut() {
                    appendix.items.extend(list);
                }
                let location = self.location();
                for problem in problems {
                    self.warn(location.clone(), problem);
                }
                self.place = Place::Appendix { after_table: true };
            }
            _ => self.table_as_block(table),
        }
    }

    fn matrix(&mut self, table: &Table) {
        let read = matrix::read_matrix(table);
        for lost in &read.lost {
            self.warn("Section I matrix", lost.clone());
        }
        for skipped in &read.skipped {
            self.warn(
                "Section I matrix",
                format!(
                    "row is not a resolution or opinion, not kept: {}",
                    shorten(skipped)
                ),
            );
        }
        if read.columns.len() != 13 {
            self.warn(
                "Section I matrix",
                format!(
                    "the matrix has {} columns after the label (13 expected)",
                    read.columns.len()
                ),
            );
        }
        self.matrix_anchors = read
            .rows
            .iter()
            .filter_map(|r| Some((r.label.clone(), r.anchor.clone()?)))
            .collect();
        let summary = self.summary.get_or_insert_with(Summary::default);
        summary.columns = read.columns;
        summary.rows.extend(read.rows);
        self.place = Place::AfterMatrix;
    }

    /// The columns to read a table without a header row with: those of the action table
    /// it continues (same grid width, nothing but empty paragraphs between, a first row
    /// that is an item or a status row), or the
    /// published layout for a table of item rows in a resolution.
    fn headerless_action_columns(&mut self, table: &Table) -> Option<items::Columns> {
        if !matches!(self.place, Place::Resolution { .. }) {
            return None;
        }
        if let Some((columns, width)) = &self.continuation {
            if *width == grid_width(table) && items::continues_with(table, columns) {
                return Some(columns.clone());
            }
        }
        if items::is_item_list(table) && grid_width(table) >= 5 {
            let location = self.location();
            self.warn(
                location,
                "a table of action items without a header row was read by position \
                 (Action item | Action | Milestone | Periodic goals met | Completed)",
            );
            return Some(items::Columns::positional());
        }
        None
    }

    fn action_table(&mut self, table: &Table, header: Option<usize>, columns: items::Columns) {
        self.action_tables = self.action_tables.saturating_add(1);
        let repeats_header = header.is_none()
            || header
                .and_then(|h| table.rows.get(h))
                .is_some_and(|r| r.header)
            || self
                .continuation
                .as_ref()
                .is_some_and(|(c, _)| c.same_header(&columns));
        let continues = self.continuation.is_some() && repeats_header;
        let rows = items::read_action_rows(table, header, &columns);
        let location = self.location();
        let extra = columns.extra_headers();
        if !extra.is_empty() {
            self.warn(
                location.clone(),
                format!(
                    "the action table has columns of no known meaning ({}); their cells are kept in each item's \"extra\"",
                    extra
                        .iter()
                        .map(|h| format!("{:?}", shorten(h)))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
        }
        for problem in rows.problems {
            self.warn(location.clone(), problem);
        }
        if !matches!(self.place, Place::Resolution { .. }) {
            let ids: Vec<&str> = rows.items.iter().map(|i| i.id.as_str()).collect();
            return self.warn(
                location,
                format!(
                    "an action item table outside any resolution was not kept (items: {}; {} status paragraphs)",
                    ids.join(", "),
                    rows.items.iter().map(|i| i.status.len()).sum::<usize>().saturating_add(rows.leading_status.len())
                ),
            );
        }
        let problem = self.place_leading_status(rows.leading_status, continues);
        if let Some(resolution) = self.resolutions.last_mut() {
            resolution.action_items.extend(rows.items);
        }
        if let Some(problem) = problem {
            self.warn(location, problem);
        }
        self.place = Place::Resolution { after_table: true };
        self.continuation = Some((columns, grid_width(table)));
    }

    /// Status rows at the top of an action table: the status of the resolution's last
    /// item (silently when the table continues the one before it), else kept in the
    /// resolution's notes. Returns the warning to give, if any.
    fn place_leading_status(&mut self, leading: Vec<Block>, continues: bool) -> Option<String> {
        if leading.is_empty() {
            return None;
        }
        let resolution = self.resolutions.last_mut()?;
        match resolution.action_items.last_mut() {
            Some(item) => {
                item.status.extend(leading);
                (!continues).then(|| {
                    format!(
                        "a status row at the top of an action table was read as the status of item {}, the item before the table",
                        item.id
                    )
                })
            }
            None => {
                let problem = format!(
                    "a status row before any action item was kept in the resolution's notes: {:?}",
                    shorten(leading.first().map(|b| b.text.as_str()).unwrap_or(""))
                );
                resolution.notes.extend(leading);
                Some(problem)
            }
        }
    }

    fn table_as_block(&mut self, table: &Table) {
        let pictures = blocks::pictures_in_cells(table.rows.iter().flat_map(|r| &r.cells));
        if pictures > 0 && self.place != Place::Front {
            let location = self.location();
            self.warn(
                location,
                format!(
                    "a table holds {}, not kept",
                    blocks::pictures_phrase(pictures)
                ),
            );
        }
        let block = blocks::table_block(table);
        match self.place {
            Place::Resolution { after_table } => {
                if let Some(resolution) = self.resolutions.last_mut() {
                    if after_table {
                        resolution.notes.push(block);
                    } else {
                        resolution.operative_text.push(block);
                    }
                }
            }
            Place::Appendix { .. } => {
                if let Some(appendix) = self.appendices.last_mut() {
                    appendix.blocks.push(block);
                }
            }
            Place::Progress => self.progress.intro.push(block),
            Place::AfterMatrix => self
                .summary
                .get_or_insert_with(Summary::default)
                .notes
                .push(block),
            Place::SummarySection => self.caption.push(block),
            Place::Front => {}
        }
    }

    fn check_duplicates(&mut self) {
        let mut seen: HashMap<String, String> = HashMap::new();
        let mut duplicates = Vec::new();
        for resolution in &self.resolutions {
            let here = format!("{} {}", resolution.kind.as_str(), resolution.number);
            for item in &resolution.action_items {
                if let Some(first) = seen.insert(item.id.clone(), here.clone()) {
                    duplicates.push((
                        here.clone(),
                        format!("duplicate action item id {} (also in {first})", item.id),
                    ));
                }
            }
        }
        let mut numbers = HashSet::new();
        for resolution in &self.resolutions {
            let key = format!("{} {}", resolution.kind.as_str(), resolution.number);
            if !numbers.insert(key.clone()) {
                duplicates.push((key, "this resolution has more than one section".into()));
            }
        }
        for (location, message) in duplicates {
            self.warn(location, message);
        }
    }

    fn finish(self, document: &Document) -> Ingested {
        let summary = match self.summary {
            Some(mut summary) => {
                summary.heading = self.summary_heading;
                summary.caption = self.caption;
                Some(summary)
            }
            None if self.summary_heading.is_some() || !self.caption.is_empty() => Some(Summary {
                heading: self.summary_heading,
                caption: self.caption,
                ..Summary::default()
            }),
            None => None,
        };
        let progress = (self.progress.heading.is_some() || !self.progress.intro.is_empty())
            .then_some(self.progress);
        let footnotes: BTreeMap<String, Vec<Block>> = document
            .footnotes
            .iter()
            .map(|(id, nodes)| (id.clone(), blocks::blocks_of(nodes, None)))
            .filter(|(_, blocks)| !blocks.is_empty())
            .collect();
        let mut warnings = self.warnings;
        let cover_cells = self
            .cover_tables
            .iter()
            .flat_map(|t| &t.rows)
            .flat_map(|r| &r.cells);
        for cell in cover_cells {
            // A logo is the cover's layout, not its content: pictures are not counted.
            if let Some(lost) = blocks::links_and_notes_lost(cell) {
                warnings.push(Warning {
                    location: "cover".into(),
                    message: format!(
                        "the cell {:?} holds {lost}; only its text is kept",
                        shorten(&cell.text())
                    ),
                });
            }
        }
        Ingested {
            plan: ActionPlan {
                schema_version: SCHEMA_VERSION,
                cover: cover::read_cover(&self.cover_tables),
                title: self.title,
                summary,
                progress,
                resolutions: self.resolutions,
                appendices: self.appendices,
                footnotes,
            },
            warnings,
        }
    }
}

fn is_style(p: &Paragraph, name: &str) -> bool {
    p.style
        .as_deref()
        .is_some_and(|s| s.eq_ignore_ascii_case(name))
}

/// The number of grid columns the table's rows reach.
fn grid_width(table: &Table) -> u32 {
    table
        .rows
        .iter()
        .filter_map(|r| r.cells.last().map(crate::ooxml::Cell::end_col))
        .max()
        .unwrap_or(0)
}

fn shorten(text: &str) -> String {
    let mut short: String = text.chars().take(60).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    short
}
