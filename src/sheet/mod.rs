//! The spreadsheet round trip of status updates: export the action items to a sheet that
//! study group counsellors fill in, and merge the filled-in sheet into the next edition.
//!
//! The sheet has one row per action item and these columns ([`Column`]), found by their
//! header names on import (their order does not matter, extra columns are ignored):
//!
//! | column | export | import |
//! | --- | --- | --- |
//! | Resolution | "Resolution 22" | read-only: must match the edition |
//! | Id | "22-02" | read-only: identifies the item |
//! | Action | the action text | read-only: must match the edition |
//! | Owners | "SG17, TSB" | derived, ignored |
//! | Milestone | the milestone text | a changed text replaces the milestone |
//! | Periodic goals met | ✓ or empty | ✓ √ x yes true 1 / empty no false 0 |
//! | Completed | ✓ or empty | as above |
//! | Current status | the status paragraphs | read-only: must match the edition |
//! | New status | empty | each line becomes a status paragraph ("- " lines bullets) |
//!
//! Texts are compared with their whitespace normalised, so a spreadsheet program that
//! rewrites line ends or trailing spaces changes nothing. An unknown id, a row whose
//! resolution, action or current status no longer matches its id (an edited id, or an edit
//! in a read-only column), two rows for one item that disagree, or an unreadable cell value
//! is an error naming the row: [`merge`] then returns no plan at all. Nothing else in the
//! model changes.
//!
//! Row numbers are those a spreadsheet program shows: the header is row 1 in an exported
//! sheet; in a CSV file, row N is the N-th record (a record may span several lines).

pub mod csv;
pub mod xlsx;

use crate::model::marks::read_mark;
use crate::model::{ActionPlan, Block, Item, ListKind, Resolution};
use crate::text::{human_size, one_line as normalise};
use std::collections::HashMap;
use thiserror::Error;

/// The name of the worksheet that [`xlsx::write`] writes and [`xlsx::read`] looks for first.
pub const SHEET_NAME: &str = "Action items";

/// The mark written for a true `periodic_goals_met` or `completed`.
pub const MARK: &str = "✓";

/// Excel keeps at most this many characters in a cell; longer texts are cut (with "…").
pub const MAX_CELL_CHARS: usize = 32_767;

/// A column of the sheet, in export order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    /// "Resolution 22" / "Opinion 1".
    Resolution,
    /// The item id.
    Id,
    /// The action text.
    Action,
    /// The owners derived from the action text, comma-separated.
    Owners,
    /// The milestone text.
    Milestone,
    /// ✓ when periodic goals are met.
    PeriodicGoalsMet,
    /// ✓ when completed.
    Completed,
    /// The status paragraphs, one per line ("- " for bullets).
    CurrentStatus,
    /// Empty on export; the counsellor's update.
    NewStatus,
}

impl Column {
    /// Every column, in export order.
    pub const ALL: [Column; 9] = [
        Column::Resolution,
        Column::Id,
        Column::Action,
        Column::Owners,
        Column::Milestone,
        Column::PeriodicGoalsMet,
        Column::Completed,
        Column::CurrentStatus,
        Column::NewStatus,
    ];

    /// The header text.
    pub fn header(self) -> &'static str {
        match self {
            Column::Resolution => "Resolution",
            Column::Id => "Id",
            Column::Action => "Action",
            Column::Owners => "Owners",
            Column::Milestone => "Milestone",
            Column::PeriodicGoalsMet => "Periodic goals met",
            Column::Completed => "Completed",
            Column::CurrentStatus => "Current status",
            Column::NewStatus => "New status",
        }
    }

    /// True for the columns the import takes values from.
    pub fn is_editable(self) -> bool {
        matches!(
            self,
            Column::Milestone | Column::PeriodicGoalsMet | Column::Completed | Column::NewStatus
        )
    }

    /// The column a header text names (case and spacing ignored; "Action item" is the Word
    /// table's name for the id).
    pub fn from_header(text: &str) -> Option<Column> {
        let key = normalise(text).to_lowercase();
        let key = key.trim_end_matches([':', '*']).trim_end();
        if key == "action item" || key == "item" {
            return Some(Column::Id);
        }
        Column::ALL
            .into_iter()
            .find(|c| c.header().to_lowercase() == key)
    }
}

/// One exported row: an action item as the sheet shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// "Resolution 22".
    pub resolution: String,
    /// "22-02".
    pub id: String,
    /// The action text (cut to [`MAX_CELL_CHARS`]).
    pub action: String,
    /// The owners of the item.
    pub owners: Vec<String>,
    /// The milestone text.
    pub milestone: String,
    /// Periodic goals met.
    pub periodic_goals_met: bool,
    /// The "Periodic goals met" cell's text when it is not a plain mark (shown instead of
    /// the mark, as the reports do).
    pub periodic_goals_met_text: Option<String>,
    /// Completed.
    pub completed: bool,
    /// The "Completed" cell's text when it is not a plain mark.
    pub completed_text: Option<String>,
    /// The status paragraphs as text (cut to [`MAX_CELL_CHARS`]).
    pub current_status: String,
}

impl Row {
    /// The cell text of a column ("" for New status). A mark cell shows the mark's own
    /// text when the edition has one ("Partly (2023)"), else ✓ or nothing.
    pub fn cell(&self, column: Column) -> String {
        let mark = |on: bool, text: &Option<String>| match text {
            Some(text) => text.clone(),
            None if on => MARK.to_string(),
            None => String::new(),
        };
        match column {
            Column::Resolution => self.resolution.clone(),
            Column::Id => self.id.clone(),
            Column::Action => self.action.clone(),
            Column::Owners => self.owners.join(", "),
            Column::Milestone => self.milestone.clone(),
            Column::PeriodicGoalsMet => {
                mark(self.periodic_goals_met, &self.periodic_goals_met_text)
            }
            Column::Completed => mark(self.completed, &self.completed_text),
            Column::CurrentStatus => self.current_status.clone(),
            Column::NewStatus => String::new(),
        }
    }
}

/// The owners of an item (from its action text, else the matrix): the one place the sheet
/// asks for them.
fn item_owners(plan: &ActionPlan, resolution: &Resolution, item: &Item) -> Vec<String> {
    crate::model::owners::item_owners(plan, resolution, item).names
}

/// An owner name as `--owner` gives it, in canonical form ("sg17" → "SG17", "TSBDir" →
/// "TSB Director"); an error when it names no owner.
fn canonical_owner(name: &str) -> Result<String, SheetError> {
    crate::model::owners::canonical(name).ok_or_else(|| SheetError::UnknownOwner {
        owner: name.to_string(),
        known: crate::model::owners::all_owners().join(", "),
    })
}

/// True when an item with these owners belongs in a sheet for `wanted` (canonical names;
/// none: every item). A study group ("SG17") also gets the items of all study groups
/// ("SGs"), as `actplan items --owner` selects them.
fn owned_by(owners: &[String], wanted: &[String]) -> bool {
    wanted.is_empty() || wanted.iter().any(|w| crate::model::owners::owns(owners, w))
}

/// The rows of the sheet, in document order: every action item, or those of the given
/// owners ("SG17", "sg17", "TSB"…; a study group also gets the items of all study groups).
pub fn rows(plan: &ActionPlan, owners: &[String]) -> Result<Vec<Row>, SheetError> {
    let wanted = owners
        .iter()
        .map(|o| canonical_owner(o))
        .collect::<Result<Vec<_>, _>>()?;
    let mut out = Vec::new();
    for resolution in &plan.resolutions {
        for item in &resolution.action_items {
            let item_owners = item_owners(plan, resolution, item);
            if !owned_by(&item_owners, &wanted) {
                continue;
            }
            out.push(Row {
                resolution: resolution.label(),
                id: item.id.clone(),
                action: cell_text(&item.action),
                owners: item_owners,
                milestone: cell_text(&item.milestone),
                periodic_goals_met: item.periodic_goals_met,
                periodic_goals_met_text: item.periodic_goals_met_text.clone(),
                completed: item.completed,
                completed_text: item.completed_text.clone(),
                current_status: cell_text(&status_text(&item.status)),
            });
        }
    }
    if out.is_empty() && !owners.is_empty() {
        let mut known: Vec<String> = Vec::new();
        for resolution in &plan.resolutions {
            for item in &resolution.action_items {
                for owner in item_owners(plan, resolution, item) {
                    if !known.contains(&owner) {
                        known.push(owner);
                    }
                }
            }
        }
        known.sort_by_key(|o| crate::model::owners::rank(o));
        return Err(SheetError::NoItems {
            owners: wanted.join(", "),
            known: known.join(", "),
        });
    }
    Ok(out)
}

/// A text cut to [`MAX_CELL_CHARS`] characters (the last one "…" when cut).
pub fn cell_text(text: &str) -> String {
    if text.chars().count() <= MAX_CELL_CHARS {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(MAX_CELL_CHARS - 1).collect();
    cut.push('…');
    cut
}

/// Lines of [`PREVIEW_WIDTH`] characters a Current status cell shows before it sends the
/// reader to the "Full status" sheet: Excel's rows stop at 409 points (about 27 lines).
pub const PREVIEW_LINES: usize = 24;
/// Characters per line of the Current status column (its width, less a little).
pub const PREVIEW_WIDTH: usize = 69;

/// How many lines `text` takes wrapped at `width` characters.
pub fn wrapped_lines(text: &str, width: usize) -> usize {
    text.split('\n')
        .map(|line| line.chars().count().div_ceil(width.max(1)).max(1))
        .sum()
}

/// The Current status cell of the .xlsx for a status `text` (as [`cell_text`] gives it):
/// the text itself when it fits a row, else its first lines and where the rest is
/// ("… continued on sheet “Full status”, item 98-05"). Import accepts either.
pub fn status_preview(text: &str, id: &str) -> String {
    if wrapped_lines(text, PREVIEW_WIDTH) <= PREVIEW_LINES + 2 {
        return text.to_string();
    }
    let mut kept = Vec::new();
    let mut used = 0;
    for line in text.split('\n') {
        let lines = wrapped_lines(line, PREVIEW_WIDTH);
        if used + lines > PREVIEW_LINES {
            let room = (PREVIEW_LINES - used) * PREVIEW_WIDTH;
            if room > 0 {
                kept.push(line.chars().take(room).collect::<String>());
            }
            break;
        }
        kept.push(line.to_string());
        used += lines;
    }
    format!(
        "{}\n… continued on sheet \u{201c}{FULL_STATUS_SHEET}\u{201d}, item {id}",
        kept.join("\n")
    )
}

/// The sheet of the .xlsx holding the statuses too long for a cell of the main sheet.
pub const FULL_STATUS_SHEET: &str = "Full status";

/// Status paragraphs as one text: a line per paragraph, bullets as "- ", numbered list
/// items as "1. ", "2. "…, two spaces of indent per list level below the first.
pub fn status_text(status: &[Block]) -> String {
    let mut lines = Vec::new();
    // Numbers of the ordered lists open at each level.
    let mut counters: Vec<u32> = Vec::new();
    for block in status {
        let level = block.list_level.map(|l| l.min(8) as usize);
        match level {
            None => counters.clear(),
            Some(level) => counters.truncate(level + 1),
        }
        let indent = "  ".repeat(level.unwrap_or(0));
        let prefix = match (level, block.list_kind) {
            (Some(level), Some(ListKind::Ordered)) => {
                counters.resize(level + 1, 0);
                counters[level] += 1;
                format!("{}. ", counters[level])
            }
            (Some(_), _) => "- ".to_string(),
            (None, _) => String::new(),
        };
        lines.push(format!("{indent}{prefix}{}", block.text));
    }
    lines.join("\n")
}

/// New status text as paragraphs: one per non-blank line; a line starting with "- " (or
/// "• ") is a bullet at list level 0.
pub fn status_blocks(text: &str) -> Vec<Block> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(|line| {
            let bullet = line
                .strip_prefix("- ")
                .or_else(|| line.strip_prefix("• "))
                .or_else(|| line.strip_prefix("-\t"));
            match bullet {
                Some(rest) => Block {
                    text: rest.trim().to_string(),
                    list_level: Some(0),
                    list_kind: Some(ListKind::Bullet),
                    ..Block::default()
                },
                None => Block::plain(line),
            }
        })
        .filter(|block| !block.text.is_empty())
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Reading and merging
// ---------------------------------------------------------------------------------------------

/// Size limits for reading a filled-in sheet. Exceeding one is an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadLimits {
    /// Largest file accepted, in bytes (default 16 MiB; an edition's sheet has about 100 KiB).
    pub max_input_bytes: u64,
    /// Most bytes one part of an .xlsx may inflate to (default 32 MiB).
    pub max_part_bytes: u64,
    /// Most bytes the parts of an .xlsx may inflate to together (default 64 MiB).
    pub max_total_bytes: u64,
    /// Most entries an .xlsx zip may list (default 10 000).
    pub max_entries: usize,
    /// Most non-empty cells read (default 1 000 000).
    pub max_cells: usize,
    /// Most rows read (default 100 000).
    pub max_rows: u32,
}

impl Default for ReadLimits {
    fn default() -> Self {
        ReadLimits {
            max_input_bytes: 16 << 20,
            max_part_bytes: 32 << 20,
            max_total_bytes: 64 << 20,
            max_entries: 10_000,
            max_cells: 1_000_000,
            max_rows: 100_000,
        }
    }
}

/// Columns beyond this one are not read (Excel allows 16 384).
pub const MAX_COLUMNS: u32 = 1_024;

/// One non-empty row of a sheet as read: its number (1-based, as a spreadsheet shows it)
/// and its cell texts (index = column, "" for empty cells).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// Row number, 1-based.
    pub row: u32,
    /// Cell texts from column A on.
    pub cells: Vec<String>,
}

/// The two forms of the sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetFormat {
    /// An Office Open XML workbook.
    Xlsx,
    /// Comma-, semicolon- or TAB-separated text.
    Csv,
}

/// What `export` writes besides the rows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ExportOptions {
    /// Only the items of these owners (empty: every item).
    pub owners: Vec<String>,
    /// The workbook's creation date (Unix seconds, UTC); [`xlsx::DEFAULT_CREATED`] when
    /// `None`, so that the same edition always gives the same bytes.
    pub created: Option<i64>,
}

/// The status-update sheet of `plan` in `format`: one row per action item (of the owners
/// asked for), the marks, milestone and a "New status" column to fill in.
pub fn export(
    plan: &ActionPlan,
    format: SheetFormat,
    options: &ExportOptions,
) -> Result<Vec<u8>, SheetError> {
    let rows = rows(plan, &options.owners)?;
    match format {
        SheetFormat::Csv => Ok(csv::write(&rows)),
        SheetFormat::Xlsx => {
            let mut write_options = xlsx::WriteOptions {
                created: options.created.unwrap_or(xlsx::DEFAULT_CREATED),
                ..xlsx::WriteOptions::default()
            };
            let edition = [
                plan.title.clone(),
                plan.cover.as_ref().and_then(|c| c.td_number.clone()),
            ];
            let edition: Vec<String> = edition.into_iter().flatten().collect();
            if !edition.is_empty() {
                write_options.title = format!("{}: {}", write_options.title, edition.join(", "));
            }
            xlsx::write(&rows, &write_options)
        }
    }
}

/// Merge a filled-in sheet (.xlsx or .csv bytes) into `plan`: the next edition and what
/// changed. Any error leaves nothing merged.
pub fn import(
    plan: &ActionPlan,
    sheet: &[u8],
    limits: &ReadLimits,
) -> Result<(ActionPlan, MergeSummary), SheetError> {
    let records = read(sheet, limits)?;
    merge(plan, &records)
}

/// Read a filled-in sheet (.xlsx or .csv, told apart by content) into records.
pub fn read(bytes: &[u8], limits: &ReadLimits) -> Result<Vec<Record>, SheetError> {
    let size = bytes.len() as u64;
    if size > limits.max_input_bytes {
        return Err(SheetError::TooLarge(format!(
            "the file is {}, more than the {} allowed",
            human_size(size),
            human_size(limits.max_input_bytes)
        )));
    }
    if bytes.starts_with(b"PK") {
        xlsx::read(bytes, limits)
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Err(SheetError::NotSpreadsheet(
            "this is an Excel 97-2003 .xls file or a password-protected workbook: save it as .xlsx (without a password) or as CSV UTF-8".into(),
        ))
    } else {
        csv::read(bytes, limits)
    }
}

/// Why a sheet cannot be read or merged. Every message is one line.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum SheetError {
    /// Not an .xlsx workbook nor CSV text.
    #[error("not a spreadsheet: {0}")]
    NotSpreadsheet(String),
    /// A size limit was exceeded.
    #[error("too large: {0}")]
    TooLarge(String),
    /// The workbook is damaged or uses something we cannot read.
    #[error("cannot read the workbook: {0}")]
    Unreadable(String),
    /// No header row naming the Id column.
    #[error("no header row with an \"Id\" column (expected the columns of `actplan export`: {expected})")]
    NoHeader {
        /// The expected header names.
        expected: String,
    },
    /// Two columns with the same header.
    #[error("row {row}: two columns are headed \"{header}\"")]
    DuplicateColumn {
        /// The header row.
        row: u32,
        /// The header.
        header: String,
    },
    /// A row that cannot be merged.
    #[error("row {row}: {message}")]
    Row {
        /// The row number (1-based).
        row: u32,
        /// What is wrong.
        message: String,
    },
    /// No item has the owner asked for (export).
    #[error("no action item is owned by {owners} (owners in this edition: {known})")]
    NoItems {
        /// The owners asked for.
        owners: String,
        /// The owners found.
        known: String,
    },
    /// `--owner` names nobody known.
    #[error("unknown owner {owner:?} (owners: {known})")]
    UnknownOwner {
        /// The name given.
        owner: String,
        /// The known owner names.
        known: String,
    },
    /// The workbook could not be written.
    #[error("cannot write the workbook: {0}")]
    Write(String),
}

impl SheetError {
    fn row(row: u32, message: impl Into<String>) -> SheetError {
        SheetError::Row {
            row,
            message: message.into(),
        }
    }
}

/// What one row asks to change on its item.
#[derive(Debug, Clone, PartialEq)]
struct Update {
    row: u32,
    periodic_goals_met: Option<bool>,
    completed: Option<bool>,
    /// The milestone cell, when the column is present.
    milestone: Option<String>,
    /// The new status lines.
    new_status: Vec<Block>,
}

impl Update {
    /// The first field two updates of the same item disagree on.
    fn conflict(&self, other: &Update) -> Option<&'static str> {
        let text = |t: &Option<String>| t.as_deref().map(normalise);
        if self.periodic_goals_met != other.periodic_goals_met {
            Some(Column::PeriodicGoalsMet.header())
        } else if self.completed != other.completed {
            Some(Column::Completed.header())
        } else if text(&self.milestone) != text(&other.milestone) {
            Some(Column::Milestone.header())
        } else if self.new_status != other.new_status {
            Some(Column::NewStatus.header())
        } else {
            None
        }
    }
}

/// What [`merge`] did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MergeSummary {
    /// Item rows read.
    pub rows: usize,
    /// Items whose marks, milestone or status changed.
    pub items_changed: usize,
    /// Status paragraphs appended.
    pub paragraphs_added: usize,
}

/// A mark cell as a boolean, by the vocabulary the Word reader uses
/// (√ ✓ ✔ ☑ ☒ X Yes Y Done True for true; empty, No, N, False, a
/// dash, ☐ for false), and 1 / 0 as a spreadsheet writes booleans. `None` for any other
/// text, a check glyph with more text beside it included: the import refuses it rather
/// than guess.
pub fn parse_mark(text: &str) -> Option<bool> {
    match text.trim() {
        "1" => return Some(true),
        "0" => return Some(false),
        _ => {}
    }
    let mark = read_mark(text);
    mark.other.is_none().then_some(mark.value)
}

/// The header row: the first of the first 20 records with a cell naming the Id column,
/// and where each known column is.
fn header(records: &[Record]) -> Result<(usize, HashMap<Column, usize>), SheetError> {
    for (index, record) in records.iter().enumerate().take(20) {
        let columns: Vec<Option<Column>> = record
            .cells
            .iter()
            .map(|c| Column::from_header(c))
            .collect();
        if !columns.contains(&Some(Column::Id)) {
            continue;
        }
        let mut map = HashMap::new();
        for (position, column) in columns.into_iter().enumerate() {
            let Some(column) = column else { continue };
            if map.insert(column, position).is_some() {
                return Err(SheetError::DuplicateColumn {
                    row: record.row,
                    header: column.header().to_string(),
                });
            }
        }
        return Ok((index, map));
    }
    Err(SheetError::NoHeader {
        expected: Column::ALL.map(Column::header).join(", "),
    })
}

/// Merge the records of a filled-in sheet into `plan`: the new edition, and what changed.
/// Any error leaves nothing merged.
pub fn merge(
    plan: &ActionPlan,
    records: &[Record],
) -> Result<(ActionPlan, MergeSummary), SheetError> {
    let (header_index, columns) = header(records)?;
    let places = id_places(plan);
    let mut updates: Vec<(Place, Update)> = Vec::new();
    let mut seen: HashMap<Place, usize> = HashMap::new();
    let mut summary = MergeSummary::default();
    for record in &records[header_index + 1..] {
        let sheet_row = SheetRow {
            record,
            columns: &columns,
        };
        let Some((place, update)) = sheet_row.update(plan, &places)? else {
            continue;
        };
        summary.rows += 1;
        match seen.get(&place) {
            Some(&first) => check_agrees(plan, place, &updates[first].1, &update)?,
            None => {
                seen.insert(place, updates.len());
                updates.push((place, update));
            }
        }
    }
    let next = apply(plan, updates, &mut summary);
    Ok((next, summary))
}

/// Where an item is: (resolution index, item index).
type Place = (usize, usize);

/// Where each id is, all places when an id repeats.
fn id_places(plan: &ActionPlan) -> HashMap<&str, Vec<Place>> {
    let mut places: HashMap<&str, Vec<Place>> = HashMap::new();
    for (r, resolution) in plan.resolutions.iter().enumerate() {
        for (i, item) in resolution.action_items.iter().enumerate() {
            places.entry(item.id.trim()).or_default().push((r, i));
        }
    }
    places
}

/// One record read through the header's columns.
struct SheetRow<'r> {
    record: &'r Record,
    columns: &'r HashMap<Column, usize>,
}

impl<'r> SheetRow<'r> {
    /// The cell of `column` ("" when the row is shorter), `None` when there is no such column.
    fn cell(&self, column: Column) -> Option<&'r str> {
        self.columns
            .get(&column)
            .map(|&i| self.record.cells.get(i).map_or("", String::as_str))
    }

    fn error(&self, message: impl Into<String>) -> SheetError {
        SheetError::row(self.record.row, message)
    }

    /// The item the row is about and what it asks to change; `None` for a blank row.
    fn update(
        &self,
        plan: &ActionPlan,
        places: &HashMap<&str, Vec<Place>>,
    ) -> Result<Option<(Place, Update)>, SheetError> {
        let row = self.record.row;
        let id = self.cell(Column::Id).unwrap_or("").trim();
        if id.is_empty() {
            let row_is_blank = self
                .columns
                .values()
                .all(|&i| self.record.cells.get(i).is_none_or(|c| c.trim().is_empty()));
            if row_is_blank {
                return Ok(None);
            }
            return Err(
                self.error("the Id cell is empty (rows cannot be added, and ids cannot be edited)")
            );
        }
        let place = locate(plan, places, row, id, self.cell(Column::Resolution))?;
        let item = &plan.resolutions[place.0].action_items[place.1];
        check_read_only(
            row,
            item,
            self.cell(Column::Action),
            self.cell(Column::CurrentStatus),
        )?;
        let update = Update {
            row,
            periodic_goals_met: self.mark(
                Column::PeriodicGoalsMet,
                id,
                item.periodic_goals_met_text.as_deref(),
            )?,
            completed: self.mark(Column::Completed, id, item.completed_text.as_deref())?,
            milestone: self.cell(Column::Milestone).map(clean_text),
            new_status: self
                .cell(Column::NewStatus)
                .map(status_blocks)
                .unwrap_or_default(),
        };
        Ok(Some((place, update)))
    }

    /// A mark column's value, `None` when the sheet has no such column or the cell still
    /// holds the mark text the edition has (`exported`, as the export wrote it).
    fn mark(
        &self,
        column: Column,
        id: &str,
        exported: Option<&str>,
    ) -> Result<Option<bool>, SheetError> {
        match self.cell(column) {
            None => Ok(None),
            Some(text) if exported.is_some_and(|e| normalise(e) == normalise(text)) => Ok(None),
            Some(text) => parse_mark(text).map(Some).ok_or_else(|| {
                self.error(format!(
                    "{} of {id} is {text:?}: use {MARK} (or X, Yes) or leave the cell empty",
                    column.header()
                ))
            }),
        }
    }
}

/// A second row of the same item must ask for the same changes.
fn check_agrees(
    plan: &ActionPlan,
    place: Place,
    earlier: &Update,
    later: &Update,
) -> Result<(), SheetError> {
    let Some(field) = earlier.conflict(later) else {
        return Ok(());
    };
    let resolution = &plan.resolutions[place.0];
    let id = resolution.action_items[place.1].id.trim();
    Err(SheetError::row(
        later.row,
        format!(
            "{id} ({}) is also on row {}, with a different {field}",
            resolution.label(),
            earlier.row
        ),
    ))
}

/// The plan with the updates applied, counted in `summary`.
fn apply(
    plan: &ActionPlan,
    updates: Vec<(Place, Update)>,
    summary: &mut MergeSummary,
) -> ActionPlan {
    let mut next = plan.clone();
    for ((r, i), update) in updates {
        let item = &mut next.resolutions[r].action_items[i];
        let before = item.clone();
        // A mark the counsellor changed replaces whatever other text the cell had
        // (`*_text`); an unchanged one keeps it.
        if let Some(on) = update
            .periodic_goals_met
            .filter(|on| *on != item.periodic_goals_met)
        {
            item.periodic_goals_met = on;
            item.periodic_goals_met_text = None;
        }
        if let Some(on) = update.completed.filter(|on| *on != item.completed) {
            item.completed = on;
            item.completed_text = None;
        }
        if let Some(milestone) = update.milestone {
            if normalise(&milestone) != normalise(&cell_text(&item.milestone)) {
                item.milestone = milestone;
                // The spans were the old milestone's.
                item.milestone_inlines.clear();
            }
        }
        summary.paragraphs_added += update.new_status.len();
        item.status.extend(update.new_status);
        if *item != before {
            summary.items_changed += 1;
        }
    }
    next
}

/// True when a spreadsheet seems to have turned an id into a date: "2-Jan", "Jan-02",
/// "02/01/2024", "2024-01-02".
fn looks_like_date(id: &str) -> bool {
    static DATE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)^(\d{1,2}[-/ .](jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*([-/ .]\d{2,4})?|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*[-/ .]\d{1,4}|\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|\d{1,2}/\d{1,2})$",
        )
        .unwrap_or_else(|_| unreachable!())
    });
    DATE.is_match(id.trim())
}

/// The item a row's id (and resolution, when the column is there) names.
fn locate(
    plan: &ActionPlan,
    places: &HashMap<&str, Vec<(usize, usize)>>,
    row: u32,
    id: &str,
    resolution: Option<&str>,
) -> Result<(usize, usize), SheetError> {
    let Some(candidates) = places.get(id) else {
        let message = if looks_like_date(id) {
            format!("unknown id {id:?}: it looks like a date, which is what a spreadsheet program makes of an id such as 01-02 when it opens or saves a CSV; format the Id column as Text, type the id again (or keep to the .xlsx as exported), and import again")
        } else {
            format!("unknown id {id:?}: no action item of the edition has it (ids cannot be edited, and items cannot be added through the sheet)")
        };
        return Err(SheetError::row(row, message));
    };
    let Some(resolution) = resolution.map(normalise) else {
        return match candidates.as_slice() {
            [only] => Ok(*only),
            _ => Err(SheetError::row(
                row,
                format!("id {id} is in several resolutions of the edition and the sheet has no Resolution column to tell them apart"),
            )),
        };
    };
    candidates
        .iter()
        .find(|(r, _)| normalise(&plan.resolutions[*r].label()) == resolution)
        .copied()
        .ok_or_else(|| {
            let actual: Vec<String> = candidates
                .iter()
                .map(|(r, _)| plan.resolutions[*r].label())
                .collect();
            SheetError::row(
                row,
                format!(
                    "{id} is in {} of the edition, but the row says {resolution:?} (was the id or the resolution edited?)",
                    actual.join(" and ")
                ),
            )
        })
}

/// An edited Action or Current status cell is an error: the sheet does not change them, and
/// an Action that no longer matches is the sign of an edited id.
fn check_read_only(
    row: u32,
    item: &Item,
    action: Option<&str>,
    current_status: Option<&str>,
) -> Result<(), SheetError> {
    if let Some(action) = action {
        if normalise(action) != normalise(&cell_text(&item.action)) {
            return Err(SheetError::row(
                row,
                format!("the Action differs from that of {} in the edition: was the id edited? (Action is read-only: change action texts in the edition itself)", item.id),
            ));
        }
    }
    if let Some(status) = current_status {
        let full = cell_text(&status_text(&item.status));
        let shown = normalise(status);
        if shown != normalise(&full) && shown != normalise(&status_preview(&full, &item.id)) {
            return Err(SheetError::row(
                row,
                format!("the Current status of {} differs from the edition: write updates in the New status column (Current status is read-only)", item.id),
            ));
        }
    }
    Ok(())
}

/// A cell text as the model keeps it: "\n" line ends, no trailing spaces on lines, trimmed.
fn clean_text(text: &str) -> String {
    text.lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_turned_into_dates() {
        for date in [
            "2-Jan",
            "Jan-02",
            "02-jan-24",
            "1/2/2024",
            "2024-01-02",
            "1/2",
            "March 2023",
        ] {
            assert!(looks_like_date(date), "{date}");
        }
        for id in ["01-02", "22-13", "Op-01", "54-04 (44-14)", "1bis"] {
            assert!(!looks_like_date(id), "{id}");
        }
    }
}
