//! The spreadsheet round trip (`actplan export` / `actplan import`): edition A exported,
//! edited as counsellors would, imported, and the diff between the editions is exactly the
//! edits. Errors name the row and write nothing; hostile workbooks stop at the limits;
//! LibreOffice Calc opens the exported workbook (component test).

use crate::common;
use crate::common::assert_success;
use crate::common::scratch;

use actplan::model::ActionPlan;
use actplan::sheet::{self, xlsx, Column, ReadLimits, Record, SheetError};
use common::component;
use std::path::{Path, PathBuf};
use std::process::Command;

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/fixtures/action-plan-edition-a.docx"
);

fn edition_a() -> ActionPlan {
    let bytes = std::fs::read(FIXTURE).unwrap();
    actplan::read_docx(&bytes, &actplan::ReadOptions::default())
        .unwrap()
        .plan
}

fn export_xlsx(plan: &ActionPlan) -> Vec<u8> {
    let rows = sheet::rows(plan, &[]).unwrap();
    xlsx::write(&rows, &xlsx::WriteOptions::default()).unwrap()
}

fn records_of(bytes: &[u8]) -> Vec<Record> {
    sheet::read(bytes, &ReadLimits::default()).unwrap()
}

/// The cell of `column` in the row of item `id`.
fn cell_mut<'a>(records: &'a mut [Record], id: &str, column: Column) -> &'a mut String {
    let header = &records[0].cells;
    let position = |c: Column| header.iter().position(|h| h == c.header()).unwrap();
    let (id_at, at) = (position(Column::Id), position(column));
    let record = records
        .iter_mut()
        .find(|r| r.cells.get(id_at).is_some_and(|c| c == id))
        .unwrap_or_else(|| panic!("no row for {id}"));
    if record.cells.len() <= at {
        record.cells.resize(at + 1, String::new());
    }
    &mut record.cells[at]
}

fn set(records: &mut [Record], id: &str, column: Column, value: &str) {
    *cell_mut(records, id, column) = value.to_string();
}

/// A workbook holding the records as plain strings at their rows: the counsellor's file
/// as another program saves it.
fn xlsx_of(records: &[Record]) -> Vec<u8> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(sheet::SHEET_NAME).unwrap();
    for record in records {
        for (c, text) in record.cells.iter().enumerate() {
            if !text.is_empty() {
                sheet.write_string(record.row - 1, c as u16, text).unwrap();
            }
        }
    }
    workbook.save_to_buffer().unwrap()
}

/// The records as CSV: semicolons and LF line ends, no byte-order mark (as a spreadsheet
/// in a European locale saves it).
fn csv_of(records: &[Record]) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .flexible(true)
        .from_writer(Vec::new());
    for record in records {
        writer.write_record(&record.cells).unwrap();
    }
    writer.into_inner().unwrap()
}

/// The five counsellors' edits.
fn counsellor_edits(records: &mut [Record]) {
    // 01-02: completed, with a status line.
    set(records, "01-02", Column::Completed, "✓");
    set(
        records,
        "01-02",
        Column::NewStatus,
        "Proposal submitted to WTSA-24 (TD 123).",
    );
    // 01-04: periodic goals no longer met; a new milestone.
    set(records, "01-04", Column::PeriodicGoalsMet, "");
    set(records, "01-04", Column::Milestone, "TSAG 2025");
    // 01-11: reopened, a paragraph and two bullets (with Windows line ends and a blank line).
    set(records, "01-11", Column::Completed, "");
    set(
        records,
        "01-11",
        Column::NewStatus,
        "Reopened: the list needs updating.\r\n\r\n- Circular 2 in preparation\r\n-  SG chairs consulted ",
    );
    // 02-01: a two-line milestone.
    set(records, "02-01", Column::Milestone, "WTSA-24\nTSAG 2025");
    // 07-03: "yes" for the mark (already met: no change) and "x" for completed.
    set(records, "07-03", Column::PeriodicGoalsMet, "yes");
    set(records, "07-03", Column::Completed, "x");
    set(
        records,
        "07-03",
        Column::NewStatus,
        "- Database moved to the new platform.",
    );
}

/// The diff as one line per change: kind target id field: before -> after [note].
fn changes(old: &ActionPlan, new: &ActionPlan) -> Vec<String> {
    let report = actplan::diff::diff(old, new);
    report
        .changes
        .iter()
        .map(|c| {
            let value = |v: &serde_json::Value| serde_json::to_string(v).unwrap();
            let mut line = format!(
                "{} {} {} {}: {} -> {}",
                value(&serde_json::to_value(c.kind).unwrap()).trim_matches('"'),
                value(&serde_json::to_value(c.target).unwrap()).trim_matches('"'),
                c.id,
                c.field_name().unwrap_or("-"),
                value(&c.before.to_json()),
                value(&c.after.to_json())
            );
            if let Some(note) = c.note {
                line.push_str(&format!(
                    " [{}]",
                    value(&serde_json::to_value(note).unwrap()).trim_matches('"')
                ));
            }
            line
        })
        .collect()
}

const EXPECTED_CHANGES: &[&str] = &[
    "changed item 01-02 completed: false -> true [newly_completed]",
    "added item 01-02 status: null -> \"Proposal submitted to WTSA-24 (TD 123).\"",
    "changed item 01-04 milestone: \"TSAG2023\" -> \"TSAG 2025\"",
    "changed item 01-04 periodic_goals_met: true -> false",
    "changed item 01-11 completed: true -> false [reopened]",
    "added item 01-11 status: null -> \"Reopened: the list needs updating.\"",
    "added item 01-11 status: null -> \"Circular 2 in preparation\"",
    "added item 01-11 status: null -> \"SG chairs consulted\"",
    "changed item 02-01 milestone: \"2022\" -> \"WTSA-24\\nTSAG 2025\"",
    "changed item 07-03 completed: false -> true [newly_completed]",
    "added item 07-03 status: null -> \"Database moved to the new platform.\"",
];

/// The status paragraphs the edits append, as the model keeps them.
fn check_new_paragraphs(new: &ActionPlan) {
    let item = |id: &str| {
        new.resolutions
            .iter()
            .flat_map(|r| &r.action_items)
            .find(|i| i.id == id)
            .unwrap()
    };
    let tail: Vec<(String, Option<u32>, Option<actplan::model::ListKind>)> = item("01-11")
        .status
        .iter()
        .skip(1)
        .map(|b| (b.text.clone(), b.list_level, b.list_kind))
        .collect();
    use actplan::model::ListKind::Bullet;
    assert_eq!(
        tail,
        vec![
            ("Reopened: the list needs updating.".to_string(), None, None),
            (
                "Circular 2 in preparation".to_string(),
                Some(0),
                Some(Bullet)
            ),
            ("SG chairs consulted".to_string(), Some(0), Some(Bullet)),
        ]
    );
    assert_eq!(item("02-01").milestone, "WTSA-24\nTSAG 2025");
    let added = item("07-03").status.last().unwrap();
    assert_eq!(
        (added.list_level, added.list_kind, added.style.as_deref()),
        (Some(0), Some(Bullet), None)
    );
}

#[test]
fn xlsx_round_trip_is_exactly_the_counsellors_edits() {
    let old = edition_a();
    let exported = export_xlsx(&old);
    let mut records = records_of(&exported);
    assert_eq!(records.len(), 408, "header and 407 items");
    assert_eq!(records[0].row, 1);
    assert_eq!(
        records[0].cells,
        Column::ALL.map(|c| c.header().to_string())
    );
    // Read back untouched: nothing changes.
    let (same, summary) = sheet::merge(&old, &records).unwrap();
    assert_eq!(same, old);
    assert_eq!((summary.rows, summary.items_changed), (407, 0));

    counsellor_edits(&mut records);
    let edited = xlsx_of(&records);
    let (new, summary) = sheet::merge(&old, &records_of(&edited)).unwrap();
    assert_eq!(changes(&old, &new), EXPECTED_CHANGES);
    assert_eq!(
        (
            summary.rows,
            summary.items_changed,
            summary.paragraphs_added
        ),
        (407, 5, 5)
    );
    check_new_paragraphs(&new);
}

#[test]
fn csv_round_trip_is_exactly_the_counsellors_edits() {
    let old = edition_a();
    let rows = sheet::rows(&old, &[]).unwrap();
    let exported = sheet::csv::write(&rows);
    assert!(exported.starts_with("\u{FEFF}Resolution,Id,Action,Owners,".as_bytes()));
    assert!(exported.windows(2).any(|w| w == b"\r\n"));
    let mut records = records_of(&exported);
    assert_eq!(records.len(), 408);
    assert_eq!(sheet::merge(&old, &records).unwrap().0, old);
    // The xlsx and the CSV carry the same texts, but for a current status too long for a
    // row of the xlsx, which shows its start and where the rest is.
    let status = Column::ALL
        .iter()
        .position(|c| *c == Column::CurrentStatus)
        .unwrap();
    let previewed: Vec<_> = records
        .iter()
        .map(|r| {
            let mut r = r.clone();
            let id = r.cells.get(1).cloned().unwrap_or_default();
            if let Some(cell) = r.cells.get_mut(status).filter(|_| r.row > 1) {
                *cell = sheet::status_preview(cell, &id);
            }
            r
        })
        .collect();
    assert_eq!(previewed, records_of(&export_xlsx(&old)));
    assert!(
        previewed != records,
        "edition A has statuses too long for a row"
    );

    counsellor_edits(&mut records);
    let edited = csv_of(&records);
    let (new, _) = sheet::merge(&old, &records_of(&edited)).unwrap();
    assert_eq!(changes(&old, &new), EXPECTED_CHANGES);
    check_new_paragraphs(&new);
}

#[test]
fn columns_are_found_by_header_and_extra_columns_are_ignored() {
    let old = edition_a();
    let mut records = records_of(&export_xlsx(&old));
    counsellor_edits(&mut records);
    // Reverse the columns, drop Owners and Current status, add a notes column and a title
    // row above the header.
    let owners = Column::ALL
        .iter()
        .position(|c| *c == Column::Owners)
        .unwrap();
    let current = Column::ALL
        .iter()
        .position(|c| *c == Column::CurrentStatus)
        .unwrap();
    let mut moved: Vec<Record> = records
        .iter()
        .map(|r| {
            let mut cells: Vec<String> = r
                .cells
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != owners && *i != current)
                .map(|(_, c)| c.clone())
                .collect();
            cells.resize(Column::ALL.len() - 2, String::new());
            cells.reverse();
            cells.push(
                if r.row == 1 {
                    "My notes"
                } else {
                    "call Tuesday"
                }
                .to_string(),
            );
            Record {
                row: r.row + 1,
                cells,
            }
        })
        .collect();
    moved.insert(
        0,
        Record {
            row: 1,
            cells: vec!["SG17 updates, July".into()],
        },
    );
    let (new, _) = sheet::merge(&old, &records_of(&xlsx_of(&moved))).unwrap();
    assert_eq!(changes(&old, &new), EXPECTED_CHANGES);
}

#[test]
fn owner_filter_and_export_formatting() {
    let plan = edition_a();
    let all = sheet::rows(&plan, &[]).unwrap();
    let sg17 = sheet::rows(&plan, &["sg17".to_string()]).unwrap();
    assert!(!sg17.is_empty() && sg17.len() < all.len());
    for row in &sg17 {
        assert!(
            row.owners.iter().any(|o| o == "SG17" || o == "SGs"),
            "{} {:?}",
            row.id,
            row.owners
        );
    }
    let expected: Vec<&str> = all
        .iter()
        .filter(|r| r.owners.iter().any(|o| o == "SG17" || o == "SGs"))
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(
        sg17.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
        expected
    );
    assert!(matches!(
        sheet::rows(&plan, &["Nobody at all".to_string()]),
        Err(SheetError::UnknownOwner { .. })
    ));
    // Current status: a line per paragraph, bullets as "- ".
    let item = all.iter().find(|r| r.id == "01-04").unwrap();
    assert!(item
        .current_status
        .starts_with("- SG2 (eight LSG roles):\nSG2 sent its LSG"));
    assert_eq!(item.cell(Column::PeriodicGoalsMet), "✓");
    assert_eq!(item.cell(Column::Completed), "");
    assert_eq!(item.cell(Column::NewStatus), "");
    assert_eq!(item.resolution, "Resolution 1");
}

#[test]
fn new_status_lines_marks_and_status_text() {
    use actplan::model::{Block, ListKind};
    let blocks = sheet::status_blocks("First.\n\n- one\n  - two  \n• three\n-no space\n- \n");
    let got: Vec<(&str, Option<u32>)> = blocks
        .iter()
        .map(|b| (b.text.as_str(), b.list_level))
        .collect();
    assert_eq!(
        got,
        [
            ("First.", None),
            ("one", Some(0)),
            ("two", Some(0)),
            ("three", Some(0)),
            ("-no space", None),
            ("-", None),
        ]
    );
    // The Word reader's vocabulary, and 1 / 0.
    for yes in [
        "✓", "√", "✔", "☑", "☒", "x", "X", "yes", "Done", "TRUE", "1", " ✓ ",
    ] {
        assert_eq!(sheet::parse_mark(yes), Some(true), "{yes}");
    }
    for no in ["", " ", "no", "N", "FALSE", "0", "–", "☐"] {
        assert_eq!(sheet::parse_mark(no), Some(false), "{no:?}");
    }
    for unknown in ["maybe", "√ (2023)", "2"] {
        assert_eq!(sheet::parse_mark(unknown), None, "{unknown}");
    }
    let list = |text: &str, level: u32, kind: ListKind| Block {
        text: text.into(),
        list_level: Some(level),
        list_kind: Some(kind),
        ..Block::default()
    };
    let status = [
        Block::plain("Intro"),
        list(&"a".repeat(3), 0, ListKind::Ordered),
        list("b", 1, ListKind::Bullet),
        list("c", 0, ListKind::Ordered),
        Block::plain("End"),
    ];
    assert_eq!(
        sheet::status_text(&status),
        "Intro\n1. aaa\n  - b\n2. c\nEnd"
    );
    let long = "é".repeat(40_000);
    let cut = sheet::cell_text(&long);
    assert_eq!(cut.chars().count(), sheet::MAX_CELL_CHARS);
    assert!(cut.ends_with('…'));
}

// ---------------------------------------------------------------------------------------------
// Errors: each names the row, nothing is merged
// ---------------------------------------------------------------------------------------------

fn merge_error(edit: impl FnOnce(&mut Vec<Record>)) -> String {
    let plan = edition_a();
    let mut records = records_of(&export_xlsx(&plan));
    edit(&mut records);
    sheet::merge(&plan, &records_of(&xlsx_of(&records)))
        .unwrap_err()
        .to_string()
}

fn row_of(records: &[Record], id: &str) -> u32 {
    records
        .iter()
        .find(|r| r.cells.get(1).is_some_and(|c| c == id))
        .unwrap()
        .row
}

#[test]
fn unknown_edited_and_conflicting_rows_are_errors_naming_the_row() {
    // 01-02 is on row 3 (header row 1, 01-01 row 2).
    let message = merge_error(|r| set(r, "01-02", Column::Id, "01-99"));
    assert_eq!(
        message,
        "row 3: unknown id \"01-99\": no action item of the edition has it (ids cannot be edited, and items cannot be added through the sheet)"
    );
    // An id edited into another item's id: the Action no longer matches.
    let message = merge_error(|r| set(r, "01-02", Column::Id, "01-03"));
    assert_eq!(
        message,
        "row 3: the Action differs from that of 01-03 in the edition: was the id edited? (Action is read-only: change action texts in the edition itself)"
    );
    // An id edited into an id of another resolution.
    let message = merge_error(|r| set(r, "01-02", Column::Id, "02-01"));
    assert_eq!(
        message,
        "row 3: 02-01 is in Resolution 2 of the edition, but the row says \"Resolution 1\" (was the id or the resolution edited?)"
    );
    let message = merge_error(|r| set(r, "01-02", Column::CurrentStatus, "Done."));
    assert!(
        message.starts_with("row 3: the Current status of 01-02 differs from the edition: write updates in the New status column"),
        "{message}"
    );
    let message = merge_error(|r| set(r, "01-02", Column::Completed, "maybe"));
    assert_eq!(
        message,
        "row 3: Completed of 01-02 is \"maybe\": use ✓ (or X, Yes) or leave the cell empty"
    );
    let message = merge_error(|r| set(r, "01-02", Column::Id, ""));
    assert!(
        message.starts_with("row 3: the Id cell is empty"),
        "{message}"
    );
    // Two rows for one item that disagree: the later one is named, with the earlier.
    let message = merge_error(|records| {
        let mut copy = records[row_of(records, "01-02") as usize - 1].clone();
        copy.row = records.len() as u32 + 1;
        copy.cells.resize(Column::ALL.len(), String::new());
        copy.cells[Column::ALL
            .iter()
            .position(|c| *c == Column::Completed)
            .unwrap()] = "✓".into();
        records.push(copy);
    });
    assert_eq!(
        message,
        "row 409: 01-02 (Resolution 1) is also on row 3, with a different Completed"
    );
    // The same update twice is one update.
    let plan = edition_a();
    let mut records = records_of(&export_xlsx(&plan));
    set(&mut records, "01-02", Column::NewStatus, "Once.");
    let mut copy = records[2].clone();
    copy.row = 409;
    records.push(copy);
    let (new, _) = sheet::merge(&plan, &records_of(&xlsx_of(&records))).unwrap();
    assert_eq!(
        changes(&plan, &new),
        ["added item 01-02 status: null -> \"Once.\""]
    );
    // No Id column at all.
    let message = sheet::merge(
        &plan,
        &[Record {
            row: 1,
            cells: vec!["Name".into(), "Value".into()],
        }],
    )
    .unwrap_err()
    .to_string();
    assert!(
        message.starts_with("no header row with an \"Id\" column"),
        "{message}"
    );
}

// ---------------------------------------------------------------------------------------------
// The command line
// ---------------------------------------------------------------------------------------------

fn actplan(args: &[&Path]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_actplan"))
        .args(args)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap()
}

fn p(text: &str) -> &Path {
    Path::new(text)
}

#[test]
fn cli_export_then_import_writes_the_next_edition() {
    let dir = scratch!("cli");
    let (xlsx1, xlsx2, csv) = (
        dir.join("updates.xlsx"),
        dir.join("again.xlsx"),
        dir.join("sg17.csv"),
    );
    let fixture = Path::new(FIXTURE);
    for target in [&xlsx1, &xlsx2] {
        let out = actplan(&[p("export"), fixture, p("-o"), target]);
        assert_success(&out);
    }
    // Deterministic: same edition, same bytes.
    assert_eq!(
        std::fs::read(&xlsx1).unwrap(),
        std::fs::read(&xlsx2).unwrap()
    );
    let out = actplan(&[p("export"), fixture, p("-o"), &csv, p("--owner"), p("SG17")]);
    assert!(out.status.success());
    let csv_records = records_of(&std::fs::read(&csv).unwrap());
    let plan = edition_a();
    assert_eq!(
        csv_records.len() - 1,
        sheet::rows(&plan, &["SG17".into()]).unwrap().len()
    );

    // The counsellor's edits, then the import.
    let mut records = records_of(&std::fs::read(&xlsx1).unwrap());
    counsellor_edits(&mut records);
    let filled = dir.join("filled.xlsx");
    std::fs::write(&filled, xlsx_of(&records)).unwrap();
    let next = dir.join("next-edition.json");
    let out = actplan(&[p("import"), fixture, &filled, p("-o"), &next]);
    assert_success(&out);
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim(),
        format!(
            "actplan: wrote {} (58 resolutions, 407 items; from {}: 407 item rows, 5 items updated, 5 status paragraphs added)",
            next.display(),
            filled.display()
        )
    );
    let new =
        actplan::model::json::from_json_str(&std::fs::read_to_string(&next).unwrap()).unwrap();
    assert_eq!(changes(&plan, &new), EXPECTED_CHANGES);
    // The JSON edition is an input too; an untouched sheet gives the same JSON back.
    let json = dir.join("plan.json");
    std::fs::write(&json, actplan::model::json::to_json_string(&plan)).unwrap();
    let same = dir.join("same.json");
    let out = actplan(&[p("import"), &json, &xlsx1, p("-o"), &same, p("-q")]);
    assert!(out.status.success() && out.stderr.is_empty());
    assert_eq!(std::fs::read(&same).unwrap(), std::fs::read(&json).unwrap());
    let _ = std::fs::remove_dir_all(&dir);
}

/// `actplan import` of `sheet` must fail with `code` and one line naming the file and
/// containing `needle`, and write nothing.
fn import_fails(dir: &Path, sheet_name: &str, bytes: &[u8], code: i32, needle: &str) {
    let sheet = dir.join(sheet_name);
    std::fs::write(&sheet, bytes).unwrap();
    let output = dir.join("never.json");
    let out = actplan(&[p("import"), Path::new(FIXTURE), &sheet, p("-o"), &output]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(code), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with(&format!("actplan: {}: ", sheet.display())),
        "{stderr}"
    );
    assert!(stderr.contains(needle), "{needle} not in {stderr}");
    assert!(!output.exists(), "{sheet_name}: output written");
    let leftovers: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn cli_import_errors_name_the_row_or_file_and_write_nothing() {
    let dir = scratch!("errors");
    let plan = edition_a();
    let exported = records_of(&export_xlsx(&plan));
    let edited = |edit: &dyn Fn(&mut Vec<Record>)| {
        let mut records = exported.clone();
        edit(&mut records);
        records
    };
    let unknown = edited(&|r| set(r, "22-02", Column::Id, "22-99"));
    let row = row_of(&exported, "22-02");
    import_fails(
        &dir,
        "unknown.xlsx",
        &xlsx_of(&unknown),
        12,
        &format!("row {row}: unknown id \"22-99\""),
    );
    import_fails(
        &dir,
        "unknown.csv",
        &csv_of(&unknown),
        12,
        &format!("row {row}: unknown id \"22-99\""),
    );
    let moved = edited(&|r| set(r, "22-02", Column::Id, "22-03"));
    import_fails(
        &dir,
        "edited.xlsx",
        &xlsx_of(&moved),
        12,
        &format!("row {row}: the Action differs from that of 22-03"),
    );
    let duplicate = edited(&|records| {
        let mut copy = records[row as usize - 1].clone();
        copy.row = 500;
        copy.cells[Column::ALL
            .iter()
            .position(|c| *c == Column::Milestone)
            .unwrap()] = "TSAG 2026".into();
        records.push(copy);
    });
    import_fails(
        &dir,
        "duplicate.xlsx",
        &xlsx_of(&duplicate),
        12,
        &format!("row 500: 22-02 (Resolution 22) is also on row {row}, with a different Milestone"),
    );
    // Not spreadsheets.
    let docx = std::fs::read(FIXTURE).unwrap();
    import_fails(
        &dir,
        "word.xlsx",
        &docx,
        12,
        "not an .xlsx workbook: this is a Word document",
    );
    import_fails(
        &dir,
        "picture.xlsx",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
        12,
        "not a spreadsheet",
    );
    import_fails(
        &dir,
        "legacy.xls",
        &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0],
        12,
        "Excel 97-2003",
    );
    import_fails(
        &dir,
        "plan.json",
        actplan::model::json::to_json_string(&plan).as_bytes(),
        12,
        "no header row with an \"Id\" column",
    );
    import_fails(
        &dir,
        "latin1.csv",
        b"Id,Completed\n01-01,\xd7\n",
        12,
        "UTF-8",
    );
    let mut truncated = export_xlsx(&plan);
    truncated.truncate(truncated.len() / 2);
    import_fails(&dir, "truncated.xlsx", &truncated, 12, "zip");
    let _ = std::fs::remove_dir_all(&dir);
}

// ---------------------------------------------------------------------------------------------
// Hostile workbooks
// ---------------------------------------------------------------------------------------------

/// A minimal workbook with the given sheet XML body (inside `<sheetData>`) and parts.
fn workbook_parts(sheet_data: &str) -> Vec<(String, Vec<u8>)> {
    let parts = [
        ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.to_string()),
        ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_string()),
        ("xl/workbook.xml", r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Action items" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_string()),
        ("xl/_rels/workbook.xml.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.to_string()),
        ("xl/worksheets/sheet1.xml", format!(r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:XFD1048576"/><sheetData>{sheet_data}</sheetData></worksheet>"#)),
    ];
    parts
        .into_iter()
        .map(|(n, t)| (n.to_string(), t.into_bytes()))
        .collect()
}

fn zip_of(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let entries: Vec<common::RawEntry> = parts
        .iter()
        .map(|(n, b)| common::RawEntry::stored(n, b))
        .collect();
    common::raw_zip(&entries)
}

fn inline(cell: &str, text: &str) -> String {
    format!(r#"<c r="{cell}" t="inlineStr"><is><t>{text}</t></is></c>"#)
}

#[test]
fn hostile_workbooks_stop_at_the_limits() {
    // A cell at the far corner of the sheet and a claimed dimension of the whole sheet: read
    // cell by cell, never as a 17-billion-cell grid.
    let data = format!(
        r#"<row r="1">{}{}</row><row r="2">{}{}</row><row r="1048576">{}</row>"#,
        inline("A1", "Id"),
        inline("B1", "Completed"),
        inline("A2", "01-02"),
        inline("B2", "✓"),
        inline("XFD1048576", "far away")
    );
    let records = records_of(&zip_of(&workbook_parts(&data)));
    assert_eq!(
        records,
        [
            Record {
                row: 1,
                cells: vec!["Id".into(), "Completed".into()]
            },
            Record {
                row: 2,
                cells: vec!["01-02".into(), "✓".into()]
            },
        ]
    );
    let plan = edition_a();
    let (new, _) = sheet::merge(&plan, &records).unwrap();
    assert_eq!(
        changes(&plan, &new),
        ["changed item 01-02 completed: false -> true [newly_completed]"]
    );

    // A zip bomb: shared strings inflating to 300 MiB stop at the part limit.
    let mut entries: Vec<common::RawEntry> = workbook_parts("")
        .iter()
        .map(|(n, b)| common::RawEntry::stored(n, b))
        .collect();
    entries.push(common::RawEntry::zeros("xl/sharedStrings.xml", 300 << 20));
    let bomb = common::raw_zip(&entries);
    assert!(bomb.len() < 4 << 20);
    let error = sheet::read(&bomb, &ReadLimits::default()).unwrap_err();
    assert!(
        matches!(&error, SheetError::TooLarge(m) if m.contains("xl/sharedStrings.xml")),
        "{error}"
    );

    // Too many rows, too many cells, a file over the size limit.
    let rows: String = (1..=50)
        .map(|r| format!(r#"<row r="{r}">{}</row>"#, inline(&format!("A{r}"), "x")))
        .collect();
    let many = zip_of(&workbook_parts(&rows));
    let limits = ReadLimits {
        max_rows: 10,
        ..ReadLimits::default()
    };
    assert!(matches!(
        sheet::read(&many, &limits),
        Err(SheetError::TooLarge(_))
    ));
    let limits = ReadLimits {
        max_cells: 10,
        ..ReadLimits::default()
    };
    assert!(matches!(
        sheet::read(&many, &limits),
        Err(SheetError::TooLarge(_))
    ));
    let limits = ReadLimits {
        max_input_bytes: 100,
        ..ReadLimits::default()
    };
    assert!(matches!(
        sheet::read(&many, &limits),
        Err(SheetError::TooLarge(_))
    ));
    let csv = "Id\n".repeat(50);
    let limits = ReadLimits {
        max_rows: 10,
        ..ReadLimits::default()
    };
    assert!(matches!(
        sheet::read(csv.as_bytes(), &limits),
        Err(SheetError::TooLarge(_))
    ));

    // Malformed XML, a bad cell reference, a shared string index out of range, no sheet:
    // errors, never panics.
    for data in [
        "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Id</t></is>",
        "<row r=\"1\"><c r=\"1A\"><v>1</v></c></row>",
        "<row r=\"1\"><c r=\"A99999999999\"><v>1</v></c></row>",
        "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>7</v></c></row>",
        "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>-1</v></c></row>",
        "<row r=\"1\"><c r=\"A1\" t=\"d\"><v>not a date</v></c></row>",
    ] {
        let result = sheet::read(&zip_of(&workbook_parts(data)), &ReadLimits::default());
        if let Ok(records) = &result {
            // What was read cannot be merged as an update sheet.
            assert!(sheet::merge(&plan, records).is_err(), "{data}");
        }
    }
    let mut parts = workbook_parts("");
    parts.retain(|(n, _)| n != "xl/worksheets/sheet1.xml");
    assert!(sheet::read(&zip_of(&parts), &ReadLimits::default()).is_err());
    let mut parts = workbook_parts("");
    parts[2].1 = b"<workbook><sheets/></workbook>".to_vec();
    assert!(sheet::read(&zip_of(&parts), &ReadLimits::default()).is_err());
}

#[test]
fn exported_workbook_structure() {
    let plan = edition_a();
    let bytes = export_xlsx(&plan);
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    let mut part = |name: &str| {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut archive.by_name(name).unwrap(), &mut text).unwrap();
        text
    };
    let sheet_xml = part("xl/worksheets/sheet1.xml");
    let styles = part("xl/styles.xml");
    let core = part("docProps/core.xml");
    assert!(part("xl/workbook.xml").contains(r#"<sheet name="Action items""#));
    // Frozen header row (and the Resolution and Id columns).
    assert!(sheet_xml.contains(
        r#"<pane xSplit="2" ySplit="1" topLeftCell="C2" activePane="bottomRight" state="frozen"/>"#
    ));
    assert!(sheet_xml.contains(r#"<autoFilter ref="A1:I408"/>"#));
    // ✓-or-empty on both mark columns.
    for (column, range) in [("Periodic goals met", "F2:F408"), ("Completed", "G2:G408")] {
        assert!(
            sheet_xml.contains(&format!(
                r#"<dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" errorTitle="{column}" error="Type ✓ or leave the cell empty." sqref="{range}"><formula1>"✓"</formula1>"#
            )),
            "{column}"
        );
    }
    // Protected, with filtering, sorting and resizing allowed.
    assert!(sheet_xml.contains(
        r#"<sheetProtection sheet="1" objects="1" scenarios="1" formatColumns="0" formatRows="0" sort="0" autoFilter="0"/>"#
    ));
    // Column styles: the xf of each column, locked (no <protection locked="0"/>) or not.
    let xfs: Vec<&str> = styles
        .split("<cellXfs")
        .nth(1)
        .unwrap()
        .split("</cellXfs>")
        .next()
        .unwrap()
        .split("<xf ")
        .skip(1)
        .collect();
    let unlocked = |style: usize| xfs[style].contains(r#"<protection locked="0"/>"#);
    let wrapped = |style: usize| xfs[style].contains(r#"wrapText="1""#);
    for (c, column) in Column::ALL.iter().enumerate() {
        let needle = format!(r#"<col min="{0}" max="{0}" "#, c + 1);
        let col = sheet_xml.split(&needle).nth(1).unwrap();
        let style: usize = col
            .split("style=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(unlocked(style), column.is_editable(), "{column:?}");
        let is_mark = matches!(column, Column::PeriodicGoalsMet | Column::Completed);
        assert_eq!(wrapped(style), !is_mark, "{column:?}");
    }
    // Fixed document dates: the same edition gives the same bytes.
    assert!(core.contains(
        "<dcterms:created xsi:type=\"dcterms:W3CDTF\">1980-01-01T00:00:00Z</dcterms:created>"
    ));
    assert_eq!(bytes, export_xlsx(&plan));
}

// ---------------------------------------------------------------------------------------------
// LibreOffice
// ---------------------------------------------------------------------------------------------

/// `soffice` with its spreadsheet module (Debian: libreoffice-calc-nogui), or `None` after a
/// loud skip message; a failure under ACTPLAN_REQUIRE_COMPONENTS=1.
fn calc() -> Option<PathBuf> {
    let soffice = component("soffice")?;
    let program = std::fs::canonicalize(&soffice)
        .ok()
        .and_then(|p| p.parent().map(Path::to_path_buf));
    let has_calc = program.is_some_and(|dir| dir.join("libsclo.so").is_file());
    if !has_calc {
        let required = std::env::var("ACTPLAN_REQUIRE_COMPONENTS").is_ok_and(|v| v == "1");
        assert!(
            !required,
            "LibreOffice Calc (libreoffice-calc-nogui) is required (ACTPLAN_REQUIRE_COMPONENTS=1) but not installed"
        );
        eprintln!(
            "\n!!! SKIPPED: LibreOffice Calc is not installed; a component test did not run !!!\n"
        );
        return None;
    }
    Some(soffice)
}

/// Convert `source` with LibreOffice to `filter` into `dir/subdir`; the converted file.
fn libreoffice(
    soffice: &Path,
    dir: &Path,
    source: &Path,
    filter: &str,
    subdir: &str,
    extension: &str,
) -> PathBuf {
    common::soffice_convert(
        soffice,
        source,
        filter,
        extension,
        &dir.join(subdir),
        &dir.join("profile"),
    )
}

#[test]
fn libreoffice_opens_the_export_and_its_resaves_import_unchanged() {
    let Some(soffice) = calc() else {
        return;
    };
    let dir = scratch!("libreoffice");
    let plan = edition_a();
    let source = dir.join("updates.xlsx");
    std::fs::write(&source, export_xlsx(&plan)).unwrap();
    // Calc reads every cell: as CSV (UTF-8, comma, quoted texts) it has the same records.
    let csv = libreoffice(
        &soffice,
        &dir,
        &source,
        "csv:Text - txt - csv (StarCalc):44,34,76,1",
        "csv",
        "csv",
    );
    let csv_records = records_of(&std::fs::read(&csv).unwrap());
    assert_eq!(csv_records, records_of(&std::fs::read(&source).unwrap()));
    // Re-saved by Calc as .xlsx, and as PDF: the workbook opens, prints, and imports as no
    // change.
    let xlsx_filter = "xlsx:Calc MS Excel 2007 XML";
    let resaved = libreoffice(&soffice, &dir, &source, xlsx_filter, "resaved", "xlsx");
    let records = records_of(&std::fs::read(&resaved).unwrap());
    let (same, summary) = sheet::merge(&plan, &records).unwrap();
    assert_eq!(summary.rows, 407);
    assert_eq!(changes(&plan, &same), Vec::<String>::new());
    let pdf = libreoffice(&soffice, &dir, &source, "pdf", "pdf", "pdf");
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    // Calc's re-saved workbook carries the edits just as well.
    let mut edited = records;
    counsellor_edits(&mut edited);
    let filled = dir.join("filled.xlsx");
    std::fs::write(&filled, xlsx_of(&edited)).unwrap();
    let filled = libreoffice(&soffice, &dir, &filled, xlsx_filter, "filled", "xlsx");
    let (new, _) = sheet::merge(&plan, &records_of(&std::fs::read(&filled).unwrap())).unwrap();
    assert_eq!(changes(&plan, &new), EXPECTED_CHANGES);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A part of the .xlsx package as text.
fn xlsx_part(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    std::io::Read::read_to_string(&mut archive.by_name(name).unwrap(), &mut text).unwrap();
    text
}

#[test]
fn a_status_too_long_for_a_row_continues_on_the_full_status_sheet_and_nothing_is_cut() {
    use calamine::{Reader, Xlsx};
    let plan = edition_a();
    let bytes = export_xlsx(&plan);
    let mut workbook: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes.clone())).unwrap();
    assert_eq!(
        workbook.sheet_names(),
        ["Action items", "Full status", "Instructions"]
    );
    // 98-05's status stopped at "November 2022" in a 409-point row: now its cell says
    // where the rest is, and the parts on "Full status" give back the whole text.
    let item = plan
        .resolutions
        .iter()
        .flat_map(|r| &r.action_items)
        .find(|i| i.id == "98-05")
        .unwrap();
    let full = sheet::cell_text(&sheet::status_text(&item.status));
    let main = workbook.worksheet_range("Action items").unwrap();
    let shown = main
        .rows()
        .find(|r| r[1] == "98-05")
        .map(|r| r[7].to_string())
        .unwrap();
    assert!(
        shown.ends_with("… continued on sheet “Full status”, item 98-05"),
        "{shown}"
    );
    assert!(sheet::wrapped_lines(&shown, sheet::PREVIEW_WIDTH) <= sheet::PREVIEW_LINES + 1);
    let parts = workbook.worksheet_range("Full status").unwrap();
    let pieces: Vec<String> = parts
        .rows()
        .filter(|r| r[0] == "98-05")
        .map(|r| r[2].to_string())
        .collect();
    assert!(pieces.len() >= 2, "{} parts", pieces.len());
    for piece in &pieces {
        assert!(sheet::wrapped_lines(piece, sheet::PREVIEW_WIDTH) <= sheet::PREVIEW_LINES);
    }
    let compact = |t: &str| t.replace('\n', "");
    assert_eq!(compact(&pieces.concat()), compact(&full), "nothing cut");
    // Every row of the main sheet fits Excel's 409-point row (15 points a line).
    for row in main.rows().skip(1) {
        let lines = sheet::wrapped_lines(&row[7].to_string(), sheet::PREVIEW_WIDTH);
        assert!(lines * 15 <= 409, "{}: {lines} lines", row[1]);
    }
    // The instructions say that a new status is added, not a replacement.
    let instructions = workbook.worksheet_range("Instructions").unwrap();
    let text: Vec<String> = instructions.rows().map(|r| r[0].to_string()).collect();
    assert!(text
        .iter()
        .any(|l| l.contains("ADDED after the current status")));
    // No fixed row heights; printed pages are numbered, the header row repeated.
    let sheet1 = xlsx_part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(!sheet1.contains("customHeight"), "fixed row heights");
    assert!(sheet1.contains("Page &amp;P of &amp;N"));
    assert!(xlsx_part(&bytes, "xl/workbook.xml").contains("_xlnm.Print_Titles"));
    // The import takes the shortened cell back as the edition's status.
    let records = records_of(&bytes);
    assert_eq!(sheet::merge(&plan, &records).unwrap().0, plan);
}

#[test]
fn a_mark_set_on_import_replaces_the_cells_other_text_an_untouched_one_keeps_it() {
    let mut plan = edition_a().clone();
    let items = &mut plan.resolutions[0].action_items;
    let (first, second) = (items[0].id.clone(), items[1].id.clone());
    for item in items.iter_mut().take(2) {
        item.completed = false;
        item.completed_text = Some("Partially".into());
        item.periodic_goals_met = false;
        item.periodic_goals_met_text = Some("see SG2".into());
    }
    let record = |row: u32, cells: [&str; 3]| Record {
        row,
        cells: cells.map(str::to_string).to_vec(),
    };
    let records = [
        record(1, ["Id", "Periodic goals met", "Completed"]),
        record(2, [first.as_str(), "", "✓"]),
        record(3, [second.as_str(), "", ""]),
    ];
    let (new, summary) = sheet::merge(&plan, &records).unwrap();
    assert_eq!(summary.items_changed, 1);
    let item = |id: &str| {
        new.resolutions[0]
            .action_items
            .iter()
            .find(|i| i.id == id)
            .unwrap()
    };
    assert!(item(&first).completed);
    assert_eq!(
        item(&first).completed_text,
        None,
        "the mark replaced the text"
    );
    assert_eq!(
        item(&first).periodic_goals_met_text.as_deref(),
        Some("see SG2")
    );
    assert!(!item(&second).completed);
    assert_eq!(item(&second).completed_text.as_deref(), Some("Partially"));
}

#[test]
fn a_marks_own_text_is_exported_in_its_cell_and_reads_back_unchanged() {
    let mut plan = edition_a().clone();
    let item = &mut plan.resolutions[0].action_items[0];
    let id = item.id.clone();
    item.completed = false;
    item.completed_text = Some("Partly (2023)".into());
    item.periodic_goals_met = true;
    item.periodic_goals_met_text = Some("√ (SG2)".into());
    let mut records = records_of(&export_xlsx(&plan));
    assert_eq!(
        cell_mut(&mut records, &id, Column::Completed),
        "Partly (2023)"
    );
    assert_eq!(
        cell_mut(&mut records, &id, Column::PeriodicGoalsMet),
        "√ (SG2)"
    );
    let (same, summary) = sheet::merge(&plan, &records).unwrap();
    assert_eq!(summary.items_changed, 0);
    assert_eq!(same, plan, "untouched mark texts read back as they were");
    // A counsellor replacing the text with a mark sets the mark.
    set(&mut records, &id, Column::Completed, "✓");
    let (next, summary) = sheet::merge(&plan, &records).unwrap();
    assert_eq!(summary.items_changed, 1);
    let item = &next.resolutions[0].action_items[0];
    assert!(item.completed && item.completed_text.is_none());
    assert_eq!(item.periodic_goals_met_text.as_deref(), Some("√ (SG2)"));
}
