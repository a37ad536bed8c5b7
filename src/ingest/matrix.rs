//! The Section I summary matrix: two header rows (groups spanning columns, then column
//! names), then one row per resolution with a label cell and one cell per column.

use super::blocks::lost_as_text;
use super::heading::{parse_title_line, TitleLine};
use crate::model::{LegendEntry, SummaryColumn, SummaryRow};
use crate::ooxml::{Cell, Row, Table, VMerge};

/// The groups a matrix header must show.
const GROUP_WORDS: [&str; 3] = ["action by", "collaboration", "report to"];

/// True when the table's first row names the matrix groups.
pub(super) fn is_matrix(table: &Table) -> bool {
    let Some(first) = table.rows.first() else {
        return false;
    };
    let header: String = first
        .cells
        .iter()
        .map(|c| c.text().to_lowercase())
        .collect::<Vec<_>>()
        .join("|");
    GROUP_WORDS.iter().filter(|w| header.contains(*w)).count() >= 2
}

/// The matrix read: columns and rows (rows that are not resolutions are reported back).
pub(super) struct Matrix {
    /// Columns after the label column.
    pub columns: Vec<SummaryColumn>,
    /// Resolution rows.
    pub rows: Vec<SummaryRow>,
    /// Texts of rows that could not be read as a resolution or opinion.
    pub skipped: Vec<String>,
    /// What the rows' cells held that their text does not keep (footnote references,
    /// links, tables, cells beyond the header's columns), one message per cell.
    pub lost: Vec<String>,
}

/// Read the matrix table.
pub(super) fn read_matrix(table: &Table) -> Matrix {
    let header_rows = count_header_rows(table);
    let columns = read_columns(&table.rows[..header_rows]);
    let mut rows = Vec::new();
    let mut skipped = Vec::new();
    let mut lost = Vec::new();
    for row in &table.rows[header_rows..] {
        match read_row(row, &columns, &mut lost) {
            Some(r) => rows.push(r),
            None => {
                let text = row
                    .cells
                    .iter()
                    .map(Cell::text)
                    .collect::<Vec<_>>()
                    .join(" | ");
                if !text.replace(" | ", "").trim().is_empty() {
                    skipped.push(text);
                }
            }
        }
    }
    Matrix {
        columns,
        rows,
        skipped,
        lost,
    }
}

/// Header rows: the first row, plus following rows whose label cell continues a vertical
/// merge or is empty (the column-name row).
fn count_header_rows(table: &Table) -> usize {
    let mut count: usize = 1;
    for row in table.rows.iter().skip(1) {
        let label = row.cells.first();
        let continues = label.is_some_and(|c| c.v_merge == VMerge::Continue || c.text().is_empty());
        let looks_like_resolution = label.is_some_and(|c| parse_title_line(&c.text()).is_some());
        if continues && !looks_like_resolution && !row_is_blank(row) {
            count = count.saturating_add(1);
        } else {
            break;
        }
    }
    count.min(table.rows.len())
}

fn row_is_blank(row: &Row) -> bool {
    row.cells.iter().all(|c| c.text().is_empty())
}

/// Columns from the header rows: the group is the first row's cell covering the column,
/// the name the last header row's cell.
fn read_columns(header: &[Row]) -> Vec<SummaryColumn> {
    let Some(names_row) = header.last() else {
        return Vec::new();
    };
    let groups_row = &header[0];
    let label_end = groups_row.cells.first().map_or(1, Cell::end_col);
    names_row
        .cells
        .iter()
        .filter(|c| c.grid_col >= label_end)
        .map(|cell| {
            let group = groups_row
                .cells
                .iter()
                .find(|g| g.covers(cell.grid_col))
                .map(|g| g.text().replace('\n', " "))
                .unwrap_or_default();
            let name = if header.len() == 1 {
                group.clone()
            } else {
                cell.text()
            };
            SummaryColumn { group, name }
        })
        .collect()
}

/// One resolution row; what its cells lose as text is added to `lost`.
fn read_row(row: &Row, columns: &[SummaryColumn], lost: &mut Vec<String>) -> Option<SummaryRow> {
    let label_cell = row.cells.first()?;
    let label_text = label_cell.text();
    let TitleLine {
        kind,
        number,
        title,
        ..
    } = parse_title_line(&label_text)?;
    let start = label_cell.end_col();
    let label = format!("{} {}", kind.as_str(), number);
    let mut cells = vec![String::new(); columns.len()];
    for cell in &row.cells[1..] {
        let index = usize::try_from(cell.grid_col.saturating_sub(start)).unwrap_or(usize::MAX);
        let text = cell.text();
        match (cells.get_mut(index), columns.get(index)) {
            (Some(slot), Some(column)) => {
                if let Some(what) = lost_as_text(cell, false) {
                    lost.push(format!(
                        "{label}: the {} cell holds {what}; only its text is kept",
                        column.name
                    ));
                }
                *slot = text;
            }
            _ if !text.is_empty() => lost.push(format!(
                "{label}: a cell beyond the header's columns holds {text:?}; it is not kept"
            )),
            _ => {}
        }
    }
    let (url, anchor) = label_links(label_cell);
    Some(SummaryRow {
        label,
        kind: kind.as_str().to_string(),
        number,
        title,
        url,
        anchor,
        cells,
    })
}

/// The label cell's external link (published text) and internal link (Section II anchor).
fn label_links(cell: &Cell) -> (Option<String>, Option<String>) {
    let mut url = None;
    let mut anchor = None;
    for node in &cell.blocks {
        if let crate::ooxml::Node::Paragraph(p) = node {
            for span in &p.spans {
                match span.href.as_deref() {
                    Some(h) if h.starts_with('#') => {
                        anchor.get_or_insert_with(|| h[1..].to_string());
                    }
                    Some(h) => {
                        url.get_or_insert_with(|| h.to_string());
                    }
                    None => {}
                }
            }
        }
    }
    (url, anchor)
}

/// A legend line ("GCA\t\t: Global Cybersecurity Agenda", "*\tNumbers in …"), or `None`.
pub(super) fn legend_entry(text: &str) -> Option<LegendEntry> {
    let text = text.trim();
    let (term, rest) = text.split_once('\t').or_else(|| text.split_once(" : "))?;
    let term = term.trim();
    let definition = rest.trim_matches(|c: char| c == '\t' || c == ' ');
    let definition = definition.strip_prefix(':').unwrap_or(definition).trim();
    if term.is_empty() || definition.is_empty() || term.len() > 20 {
        return None;
    }
    Some(LegendEntry {
        term: term.to_string(),
        definition: definition.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legend_lines() {
        let entry = legend_entry("GCA\t\t: Global Cybersecurity Agenda").unwrap();
        assert_eq!(
            (entry.term.as_str(), entry.definition.as_str()),
            ("GCA", "Global Cybersecurity Agenda")
        );
        let entry = legend_entry("**\tThe Resolution titles are hyperlinked").unwrap();
        assert_eq!(entry.term, "**");
        assert!(legend_entry("Legend:").is_none());
    }
}
