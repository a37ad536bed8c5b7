//! The .xlsx form of the sheet: written with rust_xlsxwriter, read back with calamine.
//!
//! calamine has no size limits of its own and builds a dense grid from the largest cell
//! address it meets, so the reader never hands it the file as it came: the zip is opened
//! here, only its XML parts are inflated, under [`ReadLimits`] counted on the bytes actually
//! inflated, and repacked uncompressed for calamine; cells are then streamed one by one
//! (never as a grid) under the cell and row limits, and a panic inside calamine becomes an
//! error.

use super::{
    cell_text, status_preview, Column, ReadLimits, Record, Row, SheetError, FULL_STATUS_SHEET,
    MARK, MAX_COLUMNS, PREVIEW_LINES, PREVIEW_WIDTH, SHEET_NAME,
};
use crate::model::date::excel_serial;
use crate::package::{Archive, Limits, PackageError};
use calamine::{DataRef, Reader, Xlsx};
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DocProperties, ExcelDateTime, Format, FormatAlign,
    FormatBorder, ProtectionOptions, Workbook, Worksheet, XlsxError,
};
use std::collections::BTreeMap;
use std::io::{Cursor, Write};

/// Unix time of the creation date written when none is given: 1980-01-01T00:00:00Z, the
/// date the zip entries carry too, so that the same rows always give the same bytes.
pub const DEFAULT_CREATED: i64 = 315_532_800;

/// Options of [`write()`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteOptions {
    /// The workbook's creation date (Unix seconds, UTC); [`DEFAULT_CREATED`] by default.
    pub created: i64,
    /// The workbook's title property.
    pub title: String,
}

impl Default for WriteOptions {
    fn default() -> Self {
        WriteOptions {
            created: DEFAULT_CREATED,
            title: "Action Plan status updates".to_string(),
        }
    }
}

/// Column widths, in characters, in [`Column::ALL`] order.
const WIDTHS: [f64; 9] = [13.0, 9.0, 60.0, 14.0, 18.0, 10.0, 11.0, 70.0, 50.0];

fn write_error(error: XlsxError) -> SheetError {
    SheetError::Write(error.to_string().replace('\n', " "))
}

/// The workbook: one sheet "Action items" with a frozen header row (and the Resolution and
/// Id columns), an autofilter, wrapped text, ✓-or-empty validation on the two mark columns,
/// and sheet protection (no password) that locks the header and every column the import
/// does not take back (Resolution, Id, Action, Owners, Current status); Milestone, the
/// marks, New status and every column after the last are unlocked. Same rows and options,
/// same bytes.
pub fn write(rows: &[Row], options: &WriteOptions) -> Result<Vec<u8>, SheetError> {
    let mut workbook = Workbook::new();
    set_properties(&mut workbook, options)?;
    let formats = Formats::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(SHEET_NAME).map_err(write_error)?;
    write_columns(sheet, rows, &formats)?;
    let last_row = u32::try_from(rows.len()).map_err(|_| {
        SheetError::Write(format!("{} rows are more than a sheet holds", rows.len()))
    })?;
    let last_column = (Column::ALL.len() - 1) as u16;
    // Room for the counsellor's own notes after the last column.
    sheet
        .set_column_range_format(last_column + 1, last_column + 10, &formats.editable)
        .map_err(write_error)?;
    sheet.set_freeze_panes(1, 2).map_err(write_error)?;
    sheet
        .autofilter(0, 0, last_row.max(1), last_column)
        .map_err(write_error)?;
    validate_marks(sheet, last_row)?;
    set_printing(sheet)?;
    protect(sheet);
    full_status_sheet(&mut workbook, rows)?;
    instructions_sheet(&mut workbook)?;
    let mut bytes = workbook.save_to_buffer().map_err(write_error)?;
    // rust_xlsxwriter records the host system; the Windows build must give the same bytes.
    crate::package::mark_made_by_unix(&mut bytes);
    Ok(bytes)
}

/// Title, comment (how to fill the sheet in) and creation date of the workbook.
fn set_properties(workbook: &mut Workbook, options: &WriteOptions) -> Result<(), SheetError> {
    let created = ExcelDateTime::from_timestamp(options.created).map_err(write_error)?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(&options.title)
            .set_comment("Written by actplan export. Fill in Milestone, Periodic goals met, Completed and New status, then run actplan import.")
            .set_creation_datetime(&created),
    );
    Ok(())
}

/// The cell formats of the main sheet.
struct Formats {
    /// The header row: bold, blue-grey, bordered.
    header: Format,
    /// Columns the import does not take back: grey, locked.
    locked: Format,
    /// Columns the counsellor fills in: text, unlocked.
    editable: Format,
    /// The two mark columns: centred text, unlocked.
    mark: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_background_color(0xD9E1F2)
                .set_border(FormatBorder::Thin),
            locked: Format::new()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_background_color(0xF2F2F2),
            editable: Format::new()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_num_format("@")
                .set_unlocked(),
            mark: Format::new()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::Top)
                .set_num_format("@")
                .set_unlocked(),
        }
    }

    /// The format of a column's cells.
    fn of(&self, column: Column) -> &Format {
        match column {
            Column::PeriodicGoalsMet | Column::Completed => &self.mark,
            c if c.is_editable() => &self.editable,
            _ => &self.locked,
        }
    }
}

/// Every column: its width and format, its header, then one cell per row (the current
/// status as its preview). No row heights: rows grow with their wrapped text, also as a
/// counsellor types.
fn write_columns(sheet: &mut Worksheet, rows: &[Row], formats: &Formats) -> Result<(), SheetError> {
    for (c, column) in Column::ALL.into_iter().enumerate() {
        let c = c as u16;
        let format = formats.of(column);
        sheet
            .set_column_width(c, WIDTHS[c as usize])
            .map_err(write_error)?;
        sheet.set_column_format(c, format).map_err(write_error)?;
        sheet
            .write_string_with_format(0, c, column.header(), &formats.header)
            .map_err(write_error)?;
        for (r, row) in (1u32..).zip(rows) {
            let mut text = cell_text(&row.cell(column));
            if column == Column::CurrentStatus {
                text = status_preview(&text, &row.cell(Column::Id));
            }
            if text.is_empty() {
                sheet.write_blank(r, c, format).map_err(write_error)?;
            } else {
                sheet
                    .write_string_with_format(r, c, text, format)
                    .map_err(write_error)?;
            }
        }
    }
    Ok(())
}

/// The two mark columns accept only the mark or nothing.
fn validate_marks(sheet: &mut Worksheet, last_row: u32) -> Result<(), SheetError> {
    for column in [Column::PeriodicGoalsMet, Column::Completed] {
        let c = Column::ALL.iter().position(|x| *x == column).unwrap_or(0) as u16;
        let validation = DataValidation::new()
            .allow_list_strings(&[MARK])
            .map_err(write_error)?
            .ignore_blank(true)
            .set_error_style(DataValidationErrorStyle::Stop)
            .set_error_title(column.header())
            .map_err(write_error)?
            .set_error_message(format!("Type {MARK} or leave the cell empty."))
            .map_err(write_error)?;
        sheet
            .add_data_validation(1, c, last_row.max(1), c, &validation)
            .map_err(write_error)?;
    }
    Ok(())
}

/// Printing: A4 landscape, one page wide, the header row on every page, numbered pages.
fn set_printing(sheet: &mut Worksheet) -> Result<(), SheetError> {
    sheet
        .set_paper_size(9)
        .set_landscape()
        .set_print_fit_to_pages(1, 0)
        .set_print_gridlines(true)
        .set_footer("&L&A&RPage &P of &N");
    sheet.set_repeat_rows(0, 0).map_err(write_error)?;
    Ok(())
}

/// Sheet protection without a password: the locked columns stay as exported, while
/// columns and rows can be resized, filtered and sorted.
fn protect(sheet: &mut Worksheet) {
    let mut protection = ProtectionOptions::new();
    protection.format_columns = true;
    protection.format_rows = true;
    protection.use_autofilter = true;
    protection.sort = true;
    sheet.protect_with_options(&protection);
}

/// The sheet "Full status": for every item whose current status is too long for a row of
/// the main sheet, its whole status in pieces of a row each (Id, part, text), so that
/// nothing is cut on screen or in print. Not written when no status is that long.
fn full_status_sheet(workbook: &mut Workbook, rows: &[Row]) -> Result<(), SheetError> {
    let long: Vec<(String, String)> = rows
        .iter()
        .filter_map(|row| {
            let text = cell_text(&row.cell(Column::CurrentStatus));
            let id = row.cell(Column::Id);
            (status_preview(&text, &id) != text).then_some((id, text))
        })
        .collect();
    if long.is_empty() {
        return Ok(());
    }
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let bold = Format::new().set_bold().set_background_color(0xD9E1F2);
    let sheet = workbook.add_worksheet();
    sheet.set_name(FULL_STATUS_SHEET).map_err(write_error)?;
    sheet.set_column_width(0, 10).map_err(write_error)?;
    sheet.set_column_width(1, 8).map_err(write_error)?;
    sheet
        .set_column_width(2, (PREVIEW_WIDTH + 1) as f64)
        .map_err(write_error)?;
    for (c, title) in ["Id", "Part", "Current status (whole)"].iter().enumerate() {
        sheet
            .write_string_with_format(0, c as u16, *title, &bold)
            .map_err(write_error)?;
    }
    let mut r = 1;
    for (id, text) in &long {
        let pieces = status_pieces(text);
        let count = pieces.len();
        for (n, piece) in pieces.into_iter().enumerate() {
            sheet.write_string(r, 0, id).map_err(write_error)?;
            sheet
                .write_string(r, 1, format!("{} of {count}", n + 1))
                .map_err(write_error)?;
            sheet
                .write_string_with_format(r, 2, piece, &wrap)
                .map_err(write_error)?;
            r += 1;
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(write_error)?;
    sheet.set_repeat_rows(0, 0).map_err(write_error)?;
    sheet
        .set_paper_size(9)
        .set_print_fit_to_pages(1, 0)
        .set_footer("&L&A&RPage &P of &N");
    Ok(())
}

/// A status cut into pieces that each fit a row ([`PREVIEW_LINES`] wrapped lines), at line
/// ends where it can, inside a line only when one line alone is too long.
fn status_pieces(text: &str) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut current: Vec<String> = Vec::new();
    let mut used = 0;
    for line in text.split('\n') {
        let mut rest: Vec<char> = line.chars().collect();
        loop {
            let lines = rest.len().div_ceil(PREVIEW_WIDTH).max(1);
            if used + lines <= PREVIEW_LINES {
                current.push(rest.iter().collect());
                used += lines;
                break;
            }
            let room = (PREVIEW_LINES - used) * PREVIEW_WIDTH;
            if room > 0 && lines > PREVIEW_LINES {
                current.push(rest[..room].iter().collect());
                rest.drain(..room);
            }
            if !current.is_empty() {
                pieces.push(current.join("\n"));
            }
            current.clear();
            used = 0;
        }
    }
    if !current.is_empty() {
        pieces.push(current.join("\n"));
    }
    pieces
}

/// What a counsellor needs to know, on a sheet of its own.
const INSTRUCTIONS: [&str; 9] = [
    "How to fill in this workbook",
    "1. Work on the sheet \u{201c}Action items\u{201d}: one row per action item. Grey columns are read-only.",
    "2. Milestone: correct it if it changed. Periodic goals met, Completed: type \u{2713} or leave empty.",
    "3. New status: write what happened since the current status. It is ADDED after the current status (it does not replace it); one paragraph per line, \u{201c}- \u{201d} starts a bullet.",
    "4. Leave New status empty when nothing changed. Do not edit Id, Action or Current status: rows whose read-only cells differ are refused.",
    "5. Columns after New status are yours for notes; they are not imported.",
    "6. A current status too long for its cell ends with \u{201c}\u{2026} continued on sheet \u{201c}Full status\u{201d}\u{201d}: the whole text is there, in parts.",
    "7. Send the file back to the secretariat, who runs: actplan import edition.docx this-file.xlsx -o new-edition.json",
    "Printing: the header row repeats on every page and pages are numbered.",
];

/// The sheet "Instructions".
fn instructions_sheet(workbook: &mut Workbook) -> Result<(), SheetError> {
    let sheet = workbook.add_worksheet();
    sheet.set_name("Instructions").map_err(write_error)?;
    sheet.set_column_width(0, 110).map_err(write_error)?;
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let title = Format::new().set_bold().set_font_size(14);
    for (r, line) in INSTRUCTIONS.iter().enumerate() {
        let format = if r == 0 { &title } else { &wrap };
        sheet
            .write_string_with_format(r as u32, 0, *line, format)
            .map_err(write_error)?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

/// Read the sheet named [`SHEET_NAME`] (else the first sheet) of an .xlsx workbook.
pub fn read(bytes: &[u8], limits: &ReadLimits) -> Result<Vec<Record>, SheetError> {
    let clean = repack(bytes, limits)?;
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_cells(clean, limits))) {
        Ok(result) => result,
        Err(_) => Err(SheetError::Unreadable(
            "the xlsx reader failed on this file (it may be damaged)".into(),
        )),
    }
}

fn zip_error(error: impl std::fmt::Display) -> SheetError {
    SheetError::Unreadable(format!("corrupt or truncated zip package: {error}"))
}

/// A package-layer error in the words of the sheet reader.
fn package_error(error: PackageError) -> SheetError {
    match error {
        PackageError::BadZip(message) => SheetError::NotSpreadsheet(format!(
            "not an .xlsx workbook (not a zip package: {message})"
        )),
        PackageError::InputTooLarge { .. }
        | PackageError::TooManyEntries { .. }
        | PackageError::PartTooLarge { .. }
        | PackageError::TotalTooLarge { .. } => SheetError::TooLarge(error.to_string()),
        other => zip_error(other),
    }
}

/// The limits of the package layer for a sheet.
fn archive_limits(limits: &ReadLimits) -> Limits {
    Limits {
        max_input_bytes: limits.max_input_bytes,
        max_part_bytes: limits.max_part_bytes,
        max_total_bytes: limits.max_total_bytes,
        max_entries: limits.max_entries,
    }
}

/// What a zip without `xl/workbook.xml` is, for the error message.
fn not_a_workbook(lower_names: &[String]) -> SheetError {
    let what = if lower_names.iter().any(|n| n.starts_with("word/")) {
        "a Word document"
    } else if lower_names.iter().any(|n| n == "content.xml") {
        "an OpenDocument file (save it as .xlsx)"
    } else {
        "a zip without xl/workbook.xml"
    };
    SheetError::NotSpreadsheet(format!("not an .xlsx workbook: this is {what}"))
}

/// The XML parts of the zip, inflated under the limits by the package layer, in a new
/// stored (uncompressed) zip for calamine.
fn repack(bytes: &[u8], limits: &ReadLimits) -> Result<Vec<u8>, SheetError> {
    let archive = Archive::open(bytes, &archive_limits(limits)).map_err(package_error)?;
    let names = archive.names();
    let lower: Vec<String> = names.iter().map(|n| n.to_ascii_lowercase()).collect();
    if !lower.iter().any(|n| n == "xl/workbook.xml") {
        return Err(not_a_workbook(&lower));
    }
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .large_file(false);
    for (name, low) in names.iter().zip(&lower) {
        if !(low.ends_with(".xml") || low.ends_with(".rels")) || name.ends_with('/') {
            continue;
        }
        let data = archive.require_part(name).map_err(package_error)?;
        out.start_file(name.as_str(), options).map_err(zip_error)?;
        out.write_all(&data).map_err(zip_error)?;
    }
    out.finish().map(Cursor::into_inner).map_err(zip_error)
}

/// An Excel serial date as text ([`excel_serial`]), or the number when it is no date.
fn serial_date(value: f64, is_1904: bool) -> String {
    excel_serial(value, is_1904).unwrap_or_else(|| number_text(value))
}

/// A number as a person typed it: "2024", not "2024.0".
fn number_text(value: f64) -> String {
    if value.is_finite() && value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}

fn cell_string(value: &DataRef<'_>, is_1904: bool) -> String {
    match value {
        DataRef::Empty => String::new(),
        DataRef::String(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_string(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => number_text(*f),
        DataRef::Bool(true) => "TRUE".to_string(),
        DataRef::Bool(false) => "FALSE".to_string(),
        DataRef::DateTime(d) if d.is_datetime() => serial_date(d.as_f64(), is_1904),
        DataRef::DateTime(d) => number_text(d.as_f64()),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::Error(e) => format!("{e}"),
    }
}

fn read_cells(clean: Vec<u8>, limits: &ReadLimits) -> Result<Vec<Record>, SheetError> {
    let unreadable =
        |e: calamine::XlsxError| SheetError::Unreadable(e.to_string().replace('\n', " "));
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(clean)).map_err(unreadable)?;
    let names = workbook.sheet_names();
    let name = names
        .iter()
        .find(|n| n.as_str() == SHEET_NAME)
        .or_else(|| names.first())
        .cloned()
        .ok_or_else(|| SheetError::Unreadable("the workbook has no worksheet".into()))?;
    let is_1904 = workbook.has_1904_epoch();
    let mut reader = workbook.worksheet_cells_reader(&name).map_err(unreadable)?;
    let mut rows: BTreeMap<u32, BTreeMap<u32, String>> = BTreeMap::new();
    let mut cells = 0usize;
    while let Some(cell) = reader.next_cell().map_err(unreadable)? {
        let (row, column) = cell.get_position();
        let text = cell_string(cell.get_value(), is_1904);
        if text.is_empty() || column >= MAX_COLUMNS {
            continue;
        }
        cells += 1;
        if cells > limits.max_cells {
            return Err(SheetError::TooLarge(format!(
                "the sheet has more than {} non-empty cells",
                limits.max_cells
            )));
        }
        if !rows.contains_key(&row) && rows.len() >= limits.max_rows as usize {
            return Err(SheetError::TooLarge(format!(
                "the sheet has more than {} rows",
                limits.max_rows
            )));
        }
        rows.entry(row).or_default().insert(column, text);
    }
    Ok(rows
        .into_iter()
        .map(|(row, cells)| {
            let width = cells.keys().next_back().map_or(0, |&c| c as usize + 1);
            let mut texts = vec![String::new(); width];
            for (column, text) in cells {
                texts[column as usize] = text;
            }
            Record {
                row: row.saturating_add(1),
                cells: texts,
            }
        })
        .collect())
}
