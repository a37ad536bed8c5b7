//! The CSV form of the sheet, for people without Excel: RFC 4180 text in UTF-8.
//!
//! Written with a byte-order mark (so that Excel reads the ✓ as UTF-8), CRLF line ends,
//! commas, and quotes where a field needs them; a cell that a spreadsheet would run as a
//! formula (`=`, `+`, `-`, `@` first) gets a leading `'` (`text::guard_cell`), which
//! reading takes off again. Read back with the delimiter of the header
//! line (comma, semicolon as Excel writes it in many locales, or TAB), a byte-order mark or
//! not, and any line ends.

use super::{Column, ReadLimits, Record, Row, SheetError, MAX_COLUMNS};
use crate::text::{push_csv_record, unguard_cell};

const BOM: &str = "\u{FEFF}";

/// The sheet as CSV bytes.
pub fn write(rows: &[Row]) -> Vec<u8> {
    let mut out = String::from(BOM);
    push_csv_record(&mut out, &Column::ALL.map(Column::header));
    for row in rows {
        push_csv_record(&mut out, &Column::ALL.map(|c| row.cell(c)));
    }
    out.into_bytes()
}

/// The delimiter of the first line: the most frequent of comma, semicolon and TAB outside
/// quotes (comma when none).
fn delimiter(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' | '\r' if !quoted => break,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let candidates = [b',', b';', b'\t'];
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    candidates[best]
}

/// Read CSV text into records (row = record number, the header being row 1).
pub fn read(bytes: &[u8], limits: &ReadLimits) -> Result<Vec<Record>, SheetError> {
    if bytes.contains(&0) {
        return Err(SheetError::NotSpreadsheet(
            "not an .xlsx workbook nor CSV text (the file has binary content)".into(),
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|_| {
        SheetError::NotSpreadsheet(
            "not an .xlsx workbook nor UTF-8 CSV text (save a CSV as \"CSV UTF-8\")".into(),
        )
    })?;
    let text = text.strip_prefix(BOM).unwrap_or(text);
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(text))
        .from_reader(text.as_bytes());
    let mut records = Vec::new();
    let mut cells = 0usize;
    for (index, record) in reader.records().enumerate() {
        let row = u32::try_from(index + 1).unwrap_or(u32::MAX);
        if row > limits.max_rows {
            return Err(SheetError::TooLarge(format!(
                "the sheet has more than {} rows",
                limits.max_rows
            )));
        }
        let record = record.map_err(|e| SheetError::Row {
            row,
            message: format!("cannot read the CSV record: {e}"),
        })?;
        let mut texts: Vec<String> = record
            .iter()
            .take(MAX_COLUMNS as usize)
            .map(|cell| unguard_cell(cell).to_string())
            .collect();
        while texts.last().is_some_and(String::is_empty) {
            texts.pop();
        }
        cells += texts.iter().filter(|t| !t.is_empty()).count();
        if cells > limits.max_cells {
            return Err(SheetError::TooLarge(format!(
                "the sheet has more than {} non-empty cells",
                limits.max_cells
            )));
        }
        if !texts.is_empty() {
            records.push(Record { row, cells: texts });
        }
    }
    Ok(records)
}
