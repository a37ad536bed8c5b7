//! Action tables (Action Item | Action | Milestone | Periodic goals met | Completed, each
//! item followed by a status row) and the two-column tables of obsolete items.

use super::blocks::{
    blocks_of, cell_text_and_inlines, lost_as_text, pictures_in_cells, pictures_phrase,
};
use crate::model::marks::read_mark;
use crate::model::{AppendixItem, Block, Item, EXTRA_COLUMN_BOOKMARK};
use crate::ooxml::{Cell, Row, Table, VMerge};
use regex::Regex;
use std::sync::LazyLock;

static ITEM_ID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\(?(?:[a-z]{1,3}[-\s]?\d+[a-z]?(?:[-–‑.]\d+[a-z]?)*|\d+[a-z]?(?:[-–‑.]\d+[a-z]?)+)\)?\*?$").unwrap_or_else(|_| unreachable!())
});

/// What a header cell of an action table names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Meaning {
    Id,
    Action,
    Milestone,
    Periodic,
    Completed,
    Status,
}

/// The meaning of a header cell's text, by its words: "Action item" / "Item" / "No." (the
/// id); "Action"; "Milestone" / "Deadline"; "Periodic goals met" / "Periodic goal(s)
/// met"; "Completed" / "Completed (√)"; "Status" / "Progress" / "Comments".
fn meaning(header: &str) -> Option<Meaning> {
    let text = header.to_lowercase().replace('\n', " ");
    let text = text.trim();
    let word = text.trim_end_matches([':', '.']).trim();
    Some(if text.contains("milestone") || text.contains("deadline") {
        Meaning::Milestone
    } else if text.contains("periodic") {
        Meaning::Periodic
    } else if text.contains("complet") {
        Meaning::Completed
    } else if text.contains("item")
        || matches!(word, "id" | "no" | "nr" | "n°" | "#" | "number" | "ref")
    {
        Meaning::Id
    } else if text.contains("status") || text.contains("progress") || text.starts_with("comment") {
        Meaning::Status
    } else if text.starts_with("action") {
        Meaning::Action
    } else {
        return None;
    })
}

/// Grid columns of an action table, found from its header row (or by position).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Columns {
    id: u32,
    action: u32,
    milestone: Option<u32>,
    periodic: Option<u32>,
    completed: Option<u32>,
    status: Option<u32>,
    /// Columns of no known meaning: grid column and header text.
    extra: Vec<(u32, String)>,
    /// The header texts in order, to recognise a repeated header.
    headers: Vec<String>,
}

impl Columns {
    /// The layout of the published editions, for a table without a recognisable header:
    /// Action item | Action | Milestone | Periodic goals met | Completed.
    pub(super) fn positional() -> Columns {
        Columns {
            id: 0,
            action: 1,
            milestone: Some(2),
            periodic: Some(3),
            completed: Some(4),
            status: None,
            extra: Vec::new(),
            headers: Vec::new(),
        }
    }

    /// The header texts of the columns of no known meaning.
    pub(super) fn extra_headers(&self) -> Vec<&str> {
        self.extra.iter().map(|(_, h)| h.as_str()).collect()
    }

    /// True when `other` names the same columns (a repeated header).
    pub(super) fn same_header(&self, other: &Columns) -> bool {
        !self.headers.is_empty() && self.headers == other.headers
    }
}

/// The header row of an action table: its index and the columns it names.
pub(super) fn action_header(table: &Table) -> Option<(usize, Columns)> {
    table
        .rows
        .iter()
        .take(3)
        .enumerate()
        .find_map(|(index, row)| header_columns(row).map(|c| (index, c)))
}

/// The columns a header row names, when it names at least an action and a milestone
/// column. A header cell carrying actplan's extra-column bookmark
/// ([`EXTRA_COLUMN_BOOKMARK`]) names an extra column whatever its text; any other is read
/// by meaning, a second column of the same meaning being an extra one.
fn header_columns(row: &Row) -> Option<Columns> {
    let mut found: [Option<u32>; 6] = [None; 6];
    let mut extra = Vec::new();
    let mut headers = Vec::new();
    for cell in &row.cells {
        let text = cell.text().replace('\n', " ");
        let marked = cell
            .bookmarks()
            .iter()
            .any(|b| b.starts_with(EXTRA_COLUMN_BOOKMARK));
        let slot = meaning(&text)
            .filter(|_| !marked)
            .map(|m| &mut found[m as usize]);
        match slot {
            Some(slot @ None) => *slot = Some(cell.grid_col),
            _ if marked || !text.trim().is_empty() => {
                extra.push((cell.grid_col, text.trim().to_string()))
            }
            _ => {}
        }
        headers.push(text.trim().to_lowercase());
    }
    let [id, action, milestone, periodic, completed, status] = found;
    let action = action?;
    milestone?;
    Some(Columns {
        id: id.unwrap_or(0),
        action,
        milestone,
        periodic,
        completed,
        status,
        extra,
        headers,
    })
}

/// True when the table's first row reads as a row of an action table with these columns:
/// an item row (an id-shaped id cell) or a status row (an empty id cell).
pub(super) fn continues_with(table: &Table, columns: &Columns) -> bool {
    let Some(row) = table.rows.first() else {
        return false;
    };
    let id_cell = cell_at(row, columns.id).filter(|c| !c.covers(columns.action));
    match id_cell.filter(|c| c.v_merge != VMerge::Continue) {
        Some(cell) => cell.lines().first().is_none_or(|id| ITEM_ID.is_match(id)),
        None => true,
    }
}

/// What the rows of an action table hold.
#[derive(Debug, Default)]
pub(super) struct ActionRows {
    /// The items with their status.
    pub items: Vec<Item>,
    /// Status rows met before the table's first item: they belong to an item before the
    /// table (a table split across pages), decided by the caller.
    pub leading_status: Vec<Block>,
    /// Problems met (unknown id shapes, marks that are not marks).
    pub problems: Vec<String>,
}

/// Read the rows of an action table after its header (all rows when `header_index` is
/// `None`).
pub(super) fn read_action_rows(
    table: &Table,
    header_index: Option<usize>,
    columns: &Columns,
) -> ActionRows {
    let mut out = ActionRows::default();
    let first = header_index.map_or(0, |h| h.saturating_add(1));
    let header_id = header_index
        .and_then(|h| table.rows.get(h))
        .and_then(|row| cell_at(row, columns.id))
        .map(Cell::text);
    for row in table.rows.get(first..).unwrap_or_default() {
        // A cell that also covers the action column is a status cell spanning the row.
        let id_cell = cell_at(row, columns.id).filter(|c| !c.covers(columns.action));
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
        match id_lines.split_first() {
            Some((id, rest)) => {
                if !ITEM_ID.is_match(id) {
                    out.problems.push(format!(
                        "item id {id:?} does not look like an action item number"
                    ));
                }
                let item = read_item(row, columns, id, rest, id_cell, &mut out.problems);
                out.items.push(item);
            }
            None => {
                let status = status_blocks(row, columns);
                let pictures = pictures_in_cells(row.cells.iter());
                if pictures > 0 {
                    let owner = out.items.last().map_or_else(
                        || "a status row before the table's first item".to_string(),
                        |item| format!("item {}: its status row", item.id),
                    );
                    out.problems.push(format!(
                        "{owner} holds {}, not kept",
                        pictures_phrase(pictures)
                    ));
                }
                match out.items.last_mut() {
                    Some(item) => item.status.extend(status),
                    None => out.leading_status.extend(status),
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
    problems: &mut Vec<String>,
) -> Item {
    let cell_of = |col: Option<u32>| col.and_then(|c| cell_at(row, c));
    let text_at = |col: Option<u32>| cell_of(col).map(Cell::text).unwrap_or_default();
    let periodic = read_mark(&text_at(columns.periodic));
    let completed = read_mark(&text_at(columns.completed));
    for (column, mark) in [("Periodic goals met", &periodic), ("Completed", &completed)] {
        if let Some(text) = &mark.other {
            problems.push(format!(
                "item {id}: the {column} cell holds {:?}, not a known mark; read as {}, text kept",
                shorten(text),
                if mark.value { "true" } else { "false" }
            ));
        }
    }
    let plain_cells = [
        ("Action item", id_cell, false),
        ("Action", cell_of(Some(columns.action)), true),
        ("Milestone", cell_of(columns.milestone), true),
        ("Periodic goals met", cell_of(columns.periodic), false),
        ("Completed", cell_of(columns.completed), false),
    ];
    let extra_cells = columns
        .extra
        .iter()
        .map(|(col, header)| (header.as_str(), cell_at(row, *col), false));
    for (column, cell, keeps_spans) in plain_cells.into_iter().chain(extra_cells) {
        if let Some(lost) = cell.and_then(|c| lost_as_text(c, keeps_spans)) {
            problems.push(format!(
                "item {id}: the {column} cell holds {lost}; only its text is kept"
            ));
        }
    }
    let status_cell = cell_of(columns.status);
    let status_pictures = pictures_in_cells(status_cell.into_iter());
    if status_pictures > 0 {
        problems.push(format!(
            "item {id}: the Status cell holds {}, not kept",
            pictures_phrase(status_pictures)
        ));
    }
    let status = status_cell
        .map(|c| blocks_of(&c.blocks, None))
        .unwrap_or_default();
    let (action, action_inlines) = cell_of(Some(columns.action))
        .map(cell_text_and_inlines)
        .unwrap_or_default();
    let (milestone, milestone_inlines) = cell_of(columns.milestone)
        .map(cell_text_and_inlines)
        .unwrap_or_default();
    let extra = columns
        .extra
        .iter()
        .filter_map(|(col, header)| {
            let text = cell_at(row, *col).map(Cell::text)?;
            (!text.is_empty()).then(|| (header.clone(), text))
        })
        .collect();
    Item {
        id: id.to_string(),
        cross_reference: (!rest.is_empty()).then(|| rest.join("\n")),
        bookmarks: id_cell.map(Cell::bookmarks).unwrap_or_default(),
        action,
        action_inlines,
        milestone,
        milestone_inlines,
        periodic_goals_met: periodic.value,
        periodic_goals_met_text: periodic.other,
        completed: completed.value,
        completed_text: completed.other,
        status,
        extra,
    }
}

fn shorten(text: &str) -> String {
    let mut short: String = text.chars().take(60).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    short
}

/// The blocks of every cell of a status row except the id cell (a cell spanning the id and
/// action columns is a status cell).
fn status_blocks(row: &Row, columns: &Columns) -> Vec<Block> {
    row.cells
        .iter()
        .filter(|c| !c.covers(columns.id) || c.covers(columns.action))
        .flat_map(|c| blocks_of(&c.blocks, None))
        .collect()
}

/// The cell covering grid column `col`.
fn cell_at(row: &Row, col: u32) -> Option<&Cell> {
    row.cells.iter().find(|c| c.covers(col))
}

/// True when the table lists obsolete items: most rows start with an id-shaped cell.
pub(super) fn is_item_list(table: &Table) -> bool {
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

/// Read a table of obsolete items: id (with an optional cross-reference line) and action;
/// with the problems met (footnote references, links or tables lost in the plain cells).
pub(super) fn read_item_list(table: &Table) -> (Vec<AppendixItem>, Vec<String>) {
    let mut problems = Vec::new();
    let items = table
        .rows
        .iter()
        .filter_map(|row| {
            let mut cells = row.cells.iter();
            let id_cell = cells.next()?;
            let lines = id_cell.lines();
            let (id, more) = lines.split_first()?;
            let action_cell = cells.next();
            for (column, cell, keeps_spans) in
                [("id", Some(id_cell), false), ("action", action_cell, true)]
                    .into_iter()
                    .chain(cells.clone().map(|c| ("further", Some(c), false)))
            {
                if let Some(lost) = cell.and_then(|c| lost_as_text(c, keeps_spans)) {
                    problems.push(format!(
                        "item {id}: the {column} cell holds {lost}; only its text is kept"
                    ));
                }
            }
            let (action, action_inlines) =
                action_cell.map(cell_text_and_inlines).unwrap_or_default();
            Some(AppendixItem {
                id: id.clone(),
                cross_reference: (!more.is_empty()).then(|| more.join("\n")),
                action,
                action_inlines,
                extra: cells.map(Cell::text).filter(|t| !t.is_empty()).collect(),
            })
        })
        .collect();
    (items, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        for id in ["22-02", "01-01", "Op-01", "(44-14)", "54-03", "OP-01-02"] {
            assert!(ITEM_ID.is_match(id), "{id}");
        }
        for not_id in ["Action", "TSB to prepare", ""] {
            assert!(!ITEM_ID.is_match(not_id), "{not_id}");
        }
    }
}

#[cfg(test)]
mod header_tests {
    use super::*;

    #[test]
    fn header_words_by_meaning() {
        assert_eq!(meaning("Action Item"), Some(Meaning::Id));
        assert_eq!(meaning("No."), Some(Meaning::Id));
        assert_eq!(meaning("Action"), Some(Meaning::Action));
        assert_eq!(meaning("Deadline"), Some(Meaning::Milestone));
        assert_eq!(meaning("Periodic goal(s) met"), Some(Meaning::Periodic));
        assert_eq!(meaning("Completed (√)"), Some(Meaning::Completed));
        assert_eq!(meaning("Status"), Some(Meaning::Status));
        assert_eq!(meaning("Progress"), Some(Meaning::Status));
        assert_eq!(meaning("Comments"), Some(Meaning::Status));
        assert_eq!(meaning("Action status"), Some(Meaning::Status));
        assert_eq!(meaning("Lead"), None);
    }
}
