//! Action tables (Action Item | Action | Milestone | Periodic goals met | Completed, each
//! item followed by a status row) and the two-column tables of obsolete items.

use super::blocks::blocks_of;
use crate::model::{AppendixItem, Block, Item};
use crate::ooxml::{Cell, Row, Table, VMerge};
use regex::Regex;
use std::sync::LazyLock;

static ITEM_ID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\(?(?:[a-z]{1,3}[-\s]?\d+[a-z]?(?:[-–‑.]\d+[a-z]?)*|\d+[a-z]?(?:[-–‑.]\d+[a-z]?)+)\)?\*?$").unwrap_or_else(|_| unreachable!())
});

/// Characters that mark a "Periodic goals met" or "Completed" cell as ticked.
const TICKS: [char; 7] = ['√', '✓', '✔', '☑', '☒', '✅', '\u{F0D6}'];

/// Grid columns of an action table, found from its header row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Columns {
    id: u32,
    action: u32,
    milestone: Option<u32>,
    periodic: Option<u32>,
    completed: Option<u32>,
}

/// The header row of an action table: its index and the columns it names.
pub fn action_header(table: &Table) -> Option<(usize, Columns)> {
    table
        .rows
        .iter()
        .take(3)
        .enumerate()
        .find_map(|(index, row)| header_columns(row).map(|c| (index, c)))
}

fn header_columns(row: &Row) -> Option<Columns> {
    let mut id = None;
    let mut action = None;
    let mut milestone = None;
    let mut periodic = None;
    let mut completed = None;
    for cell in &row.cells {
        let text = cell.text().to_lowercase().replace('\n', " ");
        let text = text.trim();
        let col = Some(cell.grid_col);
        if text.contains("milestone") {
            milestone = milestone.or(col);
        } else if text.contains("periodic") {
            periodic = periodic.or(col);
        } else if text.contains("complet") {
            completed = completed.or(col);
        } else if text.contains("item") || text == "id" || text == "no." || text == "#" {
            id = id.or(col);
        } else if text.starts_with("action") {
            action = action.or(col);
        }
    }
    let action = action?;
    milestone?;
    Some(Columns {
        id: id.unwrap_or(0),
        action,
        milestone,
        periodic,
        completed,
    })
}

/// What the rows of an action table hold.
#[derive(Debug, Default)]
pub struct ActionRows {
    /// The items with their status.
    pub items: Vec<Item>,
    /// Problems met (status rows with no item, unknown id shapes).
    pub problems: Vec<String>,
}

/// Read the rows of an action table after its header.
pub fn read_action_rows(table: &Table, header_index: usize, columns: Columns) -> ActionRows {
    let mut out = ActionRows::default();
    let header_id = cell_at(&table.rows[header_index], columns.id).map(Cell::text);
    for row in table.rows.iter().skip(header_index.saturating_add(1)) {
        // A cell that also covers the action column is a status cell spanning the row.
        let id_cell = cell_at(row, columns.id).filter(|c| !covers(c, columns.action));
        let id_lines = id_cell
            .filter(|c| c.v_merge != VMerge::Continue)
            .map(Cell::lines)
            .unwrap_or_default();
        let repeats_header = header_id
            .as_ref()
            .is_some_and(|h| !h.is_empty() && id_lines.first() == Some(h));
        if row.header || repeats_header {
            continue;
        }
        match id_lines.first() {
            Some(id) => {
                if !ITEM_ID.is_match(id) {
                    out.problems.push(format!(
                        "item id {id:?} does not look like an action item number"
                    ));
                }
                out.items
                    .push(read_item(row, &columns, id, &id_lines[1..], id_cell));
            }
            None => {
                let status = status_blocks(row, &columns);
                match out.items.last_mut() {
                    Some(item) => item.status.extend(status),
                    None if status.is_empty() => {}
                    None => out.problems.push(format!(
                        "a status row before any action item was dropped: {:?}",
                        status.first().map(|b| b.text.as_str()).unwrap_or("")
                    )),
                }
            }
        }
    }
    out
}

fn read_item(
    row: &Row,
    columns: &Columns,
    id: &str,
    rest: &[String],
    id_cell: Option<&Cell>,
) -> Item {
    let text_at = |col: Option<u32>| {
        col.and_then(|c| cell_at(row, c))
            .map(Cell::text)
            .unwrap_or_default()
    };
    Item {
        id: id.to_string(),
        cross_reference: (!rest.is_empty()).then(|| rest.join("\n")),
        bookmarks: id_cell.map(Cell::bookmarks).unwrap_or_default(),
        action: text_at(Some(columns.action)),
        milestone: text_at(columns.milestone),
        periodic_goals_met: is_ticked(&text_at(columns.periodic)),
        completed: is_ticked(&text_at(columns.completed)),
        status: Vec::new(),
    }
}

/// True when a mark cell shows a tick.
pub fn is_ticked(text: &str) -> bool {
    text.chars().any(|c| TICKS.contains(&c))
}

/// The blocks of every cell of a status row except the id cell (a cell spanning the id and
/// action columns is a status cell).
fn status_blocks(row: &Row, columns: &Columns) -> Vec<Block> {
    row.cells
        .iter()
        .filter(|c| !covers(c, columns.id) || covers(c, columns.action))
        .flat_map(|c| blocks_of(&c.blocks, None))
        .collect()
}

fn covers(cell: &Cell, col: u32) -> bool {
    cell.covers(col)
}

/// The cell covering grid column `col`.
fn cell_at(row: &Row, col: u32) -> Option<&Cell> {
    row.cells
        .iter()
        .find(|c| c.covers(col))
}

/// True when the table lists obsolete items: most rows start with an id-shaped cell.
pub fn is_item_list(table: &Table) -> bool {
    let with_id = table
        .rows
        .iter()
        .filter(|r| {
            r.cells
                .first()
                .and_then(|c| c.lines().first().cloned())
                .is_some_and(|l| ITEM_ID.is_match(&l))
        })
        .count();
    with_id > 0 && with_id.saturating_mul(2) >= table.rows.len()
}

/// Read a table of obsolete items: id (with an optional cross-reference line) and action.
pub fn read_item_list(table: &Table) -> Vec<AppendixItem> {
    table
        .rows
        .iter()
        .filter_map(|row| {
            let mut cells = row.cells.iter();
            let lines = cells.next()?.lines();
            let id = lines.first()?.clone();
            let rest: Vec<String> = cells.map(Cell::text).collect();
            Some(AppendixItem {
                id,
                cross_reference: (lines.len() > 1).then(|| lines[1..].join("\n")),
                action: rest.first().cloned().unwrap_or_default(),
                extra: rest
                    .iter()
                    .skip(1)
                    .filter(|t| !t.is_empty())
                    .cloned()
                    .collect(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_ticks() {
        for id in ["22-02", "01-01", "Op-01", "(44-14)", "54-03", "OP-01-02"] {
            assert!(ITEM_ID.is_match(id), "{id}");
        }
        for not_id in ["Action", "TSB to prepare", ""] {
            assert!(!ITEM_ID.is_match(not_id), "{not_id}");
        }
        assert!(is_ticked("√"));
        assert!(is_ticked(" ✓ "));
        assert!(!is_ticked(""));
        assert!(!is_ticked("Ongoing"));
    }
}
