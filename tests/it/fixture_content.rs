//! Content tests: the model `read_docx` builds from the fixtures, compared field by field with
//! the independent sources shipped next to them (see `fixtures/README.md`):
//!
//! * `action-plan-edition-a.txt`, the plain-text export edition A was rebuilt from, parsed here
//!   by a small parser of its own (cells start with a TAB, a blank line ends a row, markers
//!   `[bookmark: X]`, `[footnoteRef:N]`, `[N: text]`, `· ` bullets). The export is damaged: a
//!   line starting with a single space marks where lines were cut out. Whatever a cut makes
//!   unknowable is skipped, counted and bounded; everything else must match exactly.
//! * `action-plan-edition-b.changes.json`: applied to edition A's model, it must give edition
//!   B's model.

use crate::common::{edition_a, edition_b, fixture as fixture_path};
use actplan::model::{ActionPlan, Block, Kind, ListKind};
use regex::Regex;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::sync::OnceLock;

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| panic!("bad regex {pattern}: {e}"))
}

// ---------------------------------------------------------------------------------------------
// The .txt export, line by line
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LineKind {
    /// An empty line: ends a table row (or, after a row end, the table).
    Blank,
    /// A line starting with TAB: the first paragraph of a table cell.
    Cell,
    /// Any other line: a paragraph (outside a table, or a further paragraph of a cell).
    Text,
}

#[derive(Clone, Debug)]
struct Line {
    /// 1-based line number in the .txt.
    no: usize,
    /// The line started with a single space: lines were cut out just before it.
    cut_before: bool,
    kind: LineKind,
    /// The text without TAB prefix, markers, footnote bodies or bullet glyph, trimmed.
    text: String,
    /// The line started with the bullet glyph `· `.
    bullet: bool,
}

struct Txt {
    lines: Vec<Line>,
    /// Footnote bodies `[N: text]`, trimmed, keyed by N.
    footnotes: BTreeMap<String, String>,
}

fn txt() -> &'static Txt {
    static TXT: OnceLock<Txt> = OnceLock::new();
    TXT.get_or_init(|| {
        let text = std::fs::read_to_string(fixture_path("action-plan-edition-a.txt"))
            .expect("cannot read action-plan-edition-a.txt");
        parse_txt_lines(&text)
    })
}

/// Removes the footnote bodies `[N: …]` (brackets may nest inside) and collects them.
fn strip_footnote_bodies(line: &str, bodies: &mut BTreeMap<String, String>) -> String {
    static START: OnceLock<Regex> = OnceLock::new();
    let start = START.get_or_init(|| regex(r"\[(\d+): "));
    let mut out = String::new();
    let mut rest = line;
    while let Some(caps) = start.captures(rest) {
        let whole = caps.get(0).expect("match");
        let number = caps[1].to_string();
        let mut depth = 0usize;
        let mut end = None;
        for (i, c) in rest[whole.start()..].char_indices() {
            match c {
                '[' => depth += 1,
                ']' => {
                    depth -= 1;
                    if depth == 0 {
                        end = Some(whole.start() + i);
                        break;
                    }
                }
                _ => {}
            }
        }
        let end = end.unwrap_or_else(|| panic!("unclosed footnote body in {line:?}"));
        out.push_str(&rest[..whole.start()]);
        bodies.insert(number, rest[whole.end()..end].trim().to_string());
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

/// Removes `[footnoteRef:N]` and, for a custom mark, the mark written after it: a custom mark
/// is repeated at the start of the footnote body ("[footnoteRef:2]1; … [2: 1 <TAB>These …]").
fn strip_footnote_refs(line: &str, bodies: &BTreeMap<String, String>) -> String {
    static REFERENCE: OnceLock<Regex> = OnceLock::new();
    let reference = REFERENCE.get_or_init(|| regex(r"\[footnoteRef:(\d+)\]"));
    let mut out = String::new();
    let mut last = 0;
    for caps in reference.captures_iter(line) {
        let whole = caps.get(0).expect("match");
        out.push_str(&line[last..whole.start()]);
        let mut after = whole.end();
        if let Some(mark) = bodies
            .get(&caps[1])
            .and_then(|b| b.split_whitespace().next())
        {
            let tail = &line[after..];
            let custom = mark.chars().count() <= 3
                && tail.starts_with(mark)
                && !tail[mark.len()..].starts_with(|c: char| c.is_alphanumeric());
            if custom {
                after += mark.len();
            }
        }
        last = after;
    }
    out.push_str(&line[last..]);
    out
}

fn parse_txt_lines(text: &str) -> Txt {
    let bookmark = regex(r"\[bookmark: [^\]]*\]");
    let mut footnotes = BTreeMap::new();
    let raw: Vec<String> = text
        .split('\n')
        .map(|l| strip_footnote_bodies(l.trim_end_matches('\r'), &mut footnotes))
        .collect();
    // A trailing newline gives one empty string more: it is no line of the export.
    let count = if text.ends_with('\n') {
        raw.len() - 1
    } else {
        raw.len()
    };
    let mut lines = Vec::with_capacity(count);
    for (index, line) in raw.iter().take(count).enumerate() {
        let (cut_before, body) = match line.strip_prefix(' ') {
            Some(rest) => (true, rest),
            None => (false, line.as_str()),
        };
        let (kind, content) = if body.is_empty() {
            (LineKind::Blank, "")
        } else if let Some(rest) = body.strip_prefix('\t') {
            (LineKind::Cell, rest)
        } else {
            (LineKind::Text, body)
        };
        let content = bookmark.replace_all(content, "");
        let content = strip_footnote_refs(&content, &footnotes);
        let mut text = content.trim().to_string();
        let mut bullet = false;
        if text == "·" || text.starts_with("· ") {
            bullet = true;
            text = text['·'.len_utf8()..].trim().to_string();
        }
        lines.push(Line {
            no: index + 1,
            cut_before,
            kind,
            text,
            bullet,
        });
    }
    Txt { lines, footnotes }
}

/// "Resolution 22 - Title" / "1. Resolution 1 - Title" / "Opinion 1 – Title".
fn heading(text: &str) -> Option<(Kind, String, String)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| regex(r"^(?:\d+\.\s+)?(Resolution|Opinion) (\d+) [-–] (.+)$"));
    let caps = re.captures(text)?;
    let kind = if &caps[1] == "Resolution" {
        Kind::Resolution
    } else {
        Kind::Opinion
    };
    Some((kind, caps[2].to_string(), caps[3].trim().to_string()))
}

fn is_item_id(text: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| regex(r"^\d{2,3}-\d{2}$")).is_match(text)
}

/// A single-string cell: lines trimmed, empty lines dropped, joined with "\n".
fn cell_text(lines: &[String]) -> String {
    lines
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

// ---------------------------------------------------------------------------------------------
// Section II of the .txt
// ---------------------------------------------------------------------------------------------

/// A paragraph line or a nested table of a status / operative text.
#[derive(Clone, Debug)]
enum Unit {
    Para {
        line: usize,
        text: String,
        bullet: bool,
    },
    Table {
        line: usize,
        text: String,
    },
}

impl Unit {
    fn para(line: &Line) -> Option<Unit> {
        (!line.text.is_empty()).then(|| Unit::Para {
            line: line.no,
            text: line.text.clone(),
            bullet: line.bullet,
        })
    }
}

#[derive(Debug, Default)]
struct TxtItem {
    line: usize,
    cut_before: bool,
    id: String,
    /// Outer None: unknown (cut); inner: the second line of the id cell.
    cross_reference: Option<Option<String>>,
    action: Option<String>,
    milestone: Option<String>,
    periodic: Option<bool>,
    completed: Option<bool>,
    status: Vec<Unit>,
    /// False when a cut fell inside (or before) the status row: `status` is a prefix.
    status_complete: bool,
}

#[derive(Debug)]
struct TxtSection {
    line: usize,
    cut_before: bool,
    kind: Kind,
    number: String,
    title: String,
    operative: Vec<Unit>,
    operative_complete: bool,
    notes: Vec<Unit>,
    notes_complete: bool,
    items: Vec<TxtItem>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    Operative,
    Notes,
    AfterTop,
}

enum State {
    Prose(Part),
    RowStart,
    /// A row start right after a status row: a text line here means the blank line was an
    /// empty paragraph inside the status cell, which goes on.
    AfterStatus,
    Header,
    ItemRow(Vec<Vec<String>>),
    StatusRow {
        second: bool,
        units: Vec<Unit>,
    },
    Nested {
        units: Vec<Unit>,
        rows: Vec<Vec<Vec<String>>>,
        row: Vec<Vec<String>>,
        line: usize,
    },
    /// After a cut: skip until a heading, "» Top", a header row or an item row.
    Resync,
}

struct SectionTwoParser {
    sections: Vec<TxtSection>,
    state: State,
    pending_cut: bool,
    cuts: usize,
    /// Non-empty lines after "» Top" that belong nowhere.
    orphans: Vec<String>,
}

fn mark_of(lines: &[String], line: usize) -> bool {
    match cell_text(lines).as_str() {
        "√" => true,
        "" => false,
        other => panic!("txt line {line}: unexpected mark cell {other:?}"),
    }
}

impl SectionTwoParser {
    fn new() -> Self {
        SectionTwoParser {
            sections: Vec::new(),
            state: State::Resync,
            pending_cut: false,
            cuts: 0,
            orphans: Vec::new(),
        }
    }

    fn section(&mut self, line: usize) -> &mut TxtSection {
        self.sections
            .last_mut()
            .unwrap_or_else(|| panic!("txt line {line}: content before the first heading"))
    }

    fn item(&mut self, line: usize) -> &mut TxtItem {
        self.section(line)
            .items
            .last_mut()
            .unwrap_or_else(|| panic!("txt line {line}: status row without an item row"))
    }

    fn start_section(&mut self, line: &Line, (kind, number, title): (Kind, String, String)) {
        let cut_before = std::mem::take(&mut self.pending_cut);
        self.sections.push(TxtSection {
            line: line.no,
            cut_before,
            kind,
            number,
            title,
            operative: Vec::new(),
            operative_complete: true,
            notes: Vec::new(),
            notes_complete: true,
            items: Vec::new(),
        });
        self.state = State::Prose(Part::Operative);
    }

    fn start_item(&mut self, line: &Line) {
        let cut_before = std::mem::take(&mut self.pending_cut);
        self.section(line.no).items.push(TxtItem {
            line: line.no,
            cut_before,
            id: line.text.clone(),
            ..TxtItem::default()
        });
        self.state = State::ItemRow(vec![vec![line.text.clone()]]);
    }

    /// Stores the cells of an item row known to be complete.
    fn fill_item(&mut self, cells: &[Vec<String>], line: usize) {
        let item = self.item(line);
        if let Some(id_cell) = cells.first() {
            let lines: Vec<String> = id_cell.iter().filter(|l| !l.is_empty()).cloned().collect();
            item.cross_reference = Some((lines.len() > 1).then(|| lines[1..].join("\n")));
        }
        if let Some(cell) = cells.get(1) {
            item.action = Some(cell_text(cell));
        }
        if let Some(cell) = cells.get(2) {
            item.milestone = Some(cell_text(cell));
        }
        if let Some(cell) = cells.get(3) {
            item.periodic = Some(mark_of(cell, line));
        }
        if let Some(cell) = cells.get(4) {
            item.completed = Some(mark_of(cell, line));
        }
    }

    /// Lines were cut out before `line`: keep what is known, forget what is in progress.
    fn cut(&mut self, line: usize) {
        self.cuts += 1;
        self.pending_cut = true;
        let state = std::mem::replace(&mut self.state, State::Resync);
        if self.sections.is_empty() {
            return;
        }
        let after_top = matches!(state, State::Prose(Part::AfterTop));
        match state {
            State::Prose(Part::Operative) => self.section(line).operative_complete = false,
            State::Prose(_)
            | State::RowStart
            | State::AfterStatus
            | State::Header
            | State::Resync => {}
            State::ItemRow(cells) => {
                // The cell in progress may have lost lines; the ones before it are whole.
                let known = cells.len().saturating_sub(1);
                self.fill_item(&cells[..known], line);
            }
            State::StatusRow { units, .. } | State::Nested { units, .. } => {
                let item = self.item(line);
                item.status = units;
                item.status_complete = false;
            }
        }
        if !after_top {
            self.section(line).notes_complete = false;
        }
    }

    fn feed(&mut self, line: &Line) {
        if line.cut_before {
            self.cut(line.no);
        }
        while self.step(line) {}
    }

    /// Handles one line in the current state; true when the line must be handled again.
    fn step(&mut self, line: &Line) -> bool {
        let state = std::mem::replace(&mut self.state, State::Resync);
        match state {
            State::Resync => match line.kind {
                LineKind::Text => {
                    if let Some(h) = heading(&line.text) {
                        self.start_section(line, h);
                    } else if line.text == "» Top" {
                        self.state = State::Prose(Part::AfterTop);
                    }
                }
                LineKind::Cell if is_item_id(&line.text) => self.start_item(line),
                LineKind::Cell if line.text == "Action Item" => self.state = State::Header,
                _ => {}
            },
            State::Prose(part) => match line.kind {
                LineKind::Blank => self.state = State::Prose(part),
                LineKind::Text => {
                    if let Some(h) = heading(&line.text) {
                        self.start_section(line, h);
                    } else if line.text == "» Top" {
                        self.state = State::Prose(Part::AfterTop);
                    } else {
                        self.state = State::Prose(part);
                        if let Some(unit) = Unit::para(line) {
                            match part {
                                Part::Operative => self.section(line.no).operative.push(unit),
                                Part::Notes => self.section(line.no).notes.push(unit),
                                Part::AfterTop => self
                                    .orphans
                                    .push(format!("txt line {}: {:?}", line.no, line.text)),
                            }
                        }
                    }
                }
                // A paragraph of operative text may start with a TAB (its number missing);
                // the action table starts with its header row.
                LineKind::Cell
                    if part == Part::Operative
                        && line.text != "Action Item"
                        && !is_item_id(&line.text) =>
                {
                    self.state = State::Prose(part);
                    if let Some(unit) = Unit::para(line) {
                        self.section(line.no).operative.push(unit);
                    }
                }
                LineKind::Cell => {
                    self.state = State::RowStart;
                    return true;
                }
            },
            State::AfterStatus if line.kind == LineKind::Text => {
                let item = self.item(line.no);
                item.status_complete = false;
                let units = std::mem::take(&mut item.status);
                self.state = State::StatusRow {
                    second: true,
                    units,
                };
                return true;
            }
            State::AfterStatus | State::RowStart => match line.kind {
                LineKind::Blank => self.state = State::Prose(Part::Notes),
                LineKind::Text => {
                    self.state = State::Prose(Part::Notes);
                    return true;
                }
                LineKind::Cell => {
                    if line.text == "Action Item" {
                        self.state = State::Header;
                    } else if is_item_id(&line.text) {
                        self.start_item(line);
                    } else if line.text.is_empty() {
                        let item = self.item(line.no);
                        assert!(
                            !item.status_complete && item.status.is_empty(),
                            "txt line {}: second status row for item {}",
                            line.no,
                            item.id
                        );
                        self.state = State::StatusRow {
                            second: false,
                            units: Vec::new(),
                        };
                    } else {
                        panic!("txt line {}: unexpected row start {:?}", line.no, line.text);
                    }
                }
            },
            State::Header => {
                self.state = if line.kind == LineKind::Blank {
                    State::RowStart
                } else {
                    State::Header
                };
            }
            State::ItemRow(mut cells) => match line.kind {
                LineKind::Cell => {
                    cells.push(vec![line.text.clone()]);
                    self.state = State::ItemRow(cells);
                }
                LineKind::Text => {
                    cells
                        .last_mut()
                        .expect("a row has a cell")
                        .push(line.text.clone());
                    self.state = State::ItemRow(cells);
                }
                LineKind::Blank => {
                    assert_eq!(
                        cells.len(),
                        5,
                        "txt line {}: item row with {} cells",
                        line.no,
                        cells.len()
                    );
                    self.fill_item(&cells, line.no);
                    self.state = State::RowStart;
                }
            },
            State::StatusRow { second, mut units } => match line.kind {
                LineKind::Cell if !second => {
                    units.extend(Unit::para(line));
                    self.state = State::StatusRow {
                        second: true,
                        units,
                    };
                }
                LineKind::Cell => {
                    self.state = State::Nested {
                        units,
                        rows: Vec::new(),
                        row: vec![vec![line.text.clone()]],
                        line: line.no,
                    };
                }
                LineKind::Text => {
                    assert!(
                        second,
                        "txt line {}: text in the first cell of a status row",
                        line.no
                    );
                    units.extend(Unit::para(line));
                    self.state = State::StatusRow { second, units };
                }
                LineKind::Blank => {
                    let item = self.item(line.no);
                    item.status = units;
                    item.status_complete = true;
                    self.state = State::AfterStatus;
                }
            },
            State::Nested {
                mut units,
                mut rows,
                mut row,
                line: start,
            } => match line.kind {
                LineKind::Cell => {
                    row.push(vec![line.text.clone()]);
                    self.state = State::Nested {
                        units,
                        rows,
                        row,
                        line: start,
                    };
                }
                LineKind::Text if row.is_empty() => {
                    units.push(nested_table(start, &rows));
                    self.state = State::StatusRow {
                        second: true,
                        units,
                    };
                    return true;
                }
                LineKind::Text => {
                    row.last_mut()
                        .expect("a row has a cell")
                        .push(line.text.clone());
                    self.state = State::Nested {
                        units,
                        rows,
                        row,
                        line: start,
                    };
                }
                LineKind::Blank if row.is_empty() => {
                    units.push(nested_table(start, &rows));
                    self.state = State::StatusRow {
                        second: true,
                        units,
                    };
                }
                LineKind::Blank => {
                    rows.push(row);
                    self.state = State::Nested {
                        units,
                        rows,
                        row: Vec::new(),
                        line: start,
                    };
                }
            },
        }
        false
    }
}

/// A nested table reads as its rows joined by "\n", cells by "\t".
fn nested_table(line: usize, rows: &[Vec<Vec<String>>]) -> Unit {
    let text = rows
        .iter()
        .map(|cells| {
            cells
                .iter()
                .map(|c| cell_text(c))
                .collect::<Vec<_>>()
                .join("\t")
        })
        .collect::<Vec<_>>()
        .join("\n");
    Unit::Table { line, text }
}

struct TxtSectionTwo {
    heading: Line,
    intro: Vec<Unit>,
    sections: Vec<TxtSection>,
    /// Lines were cut out after the last section/item of Section II.
    trailing_cut: bool,
    cuts: usize,
    orphans: Vec<String>,
}

fn index_of(lines: &[Line], what: impl Fn(&Line) -> bool, name: &str) -> usize {
    lines
        .iter()
        .position(what)
        .unwrap_or_else(|| panic!("{name} not found in the .txt"))
}

fn section_two_range(lines: &[Line]) -> (usize, usize) {
    let start = index_of(
        lines,
        |l| l.kind == LineKind::Text && l.text.starts_with("Section II -"),
        "Section II heading",
    );
    let end = index_of(
        lines,
        |l| l.kind == LineKind::Text && l.text.starts_with("Appendix I "),
        "Appendix I heading",
    );
    (start, end)
}

fn parse_section_two(txt: &Txt) -> TxtSectionTwo {
    let lines = &txt.lines;
    let (start, end) = section_two_range(lines);
    let first = start
        + 1
        + lines[start + 1..end]
            .iter()
            .position(|l| l.kind == LineKind::Text && heading(&l.text).is_some())
            .expect("no resolution heading in Section II");
    assert!(
        lines[start + 1..first].iter().all(|l| !l.cut_before),
        "cut inside the Section II introduction"
    );
    let intro = lines[start + 1..first]
        .iter()
        .filter_map(Unit::para)
        .collect();
    let mut parser = SectionTwoParser::new();
    for line in &lines[first..end] {
        parser.feed(line);
    }
    assert!(
        matches!(parser.state, State::Prose(_) | State::Resync),
        "Section II ends inside a table"
    );
    TxtSectionTwo {
        heading: lines[start].clone(),
        intro,
        sections: parser.sections,
        trailing_cut: parser.pending_cut,
        cuts: parser.cuts,
        orphans: parser.orphans,
    }
}

// ---------------------------------------------------------------------------------------------
// Comparison bookkeeping
// ---------------------------------------------------------------------------------------------

#[derive(Default)]
struct Tally {
    compared: usize,
    skipped_sections: Vec<String>,
    skipped_items: Vec<String>,
    skipped_fields: Vec<String>,
    skipped_paragraphs: usize,
    truncated_paragraphs: Vec<String>,
    errors: Vec<String>,
}

impl Tally {
    fn eq<T: PartialEq + std::fmt::Debug>(&mut self, what: &str, expected: &T, got: &T) {
        self.compared += 1;
        if expected != got {
            self.errors
                .push(format!("{what}: expected {expected:?}, got {got:?}"));
        }
    }

    fn check(&mut self, what: &str, ok: bool, detail: String) {
        self.compared += 1;
        if !ok {
            self.errors.push(format!("{what}: {detail}"));
        }
    }

    fn skipped_total(&self) -> usize {
        self.skipped_sections.len()
            + self.skipped_items.len()
            + self.skipped_fields.len()
            + self.skipped_paragraphs
            + self.truncated_paragraphs.len()
    }

    fn assert_no_errors(&self, what: &str) {
        if !self.errors.is_empty() {
            let mut message = format!("{what}: {} mismatches\n", self.errors.len());
            for e in &self.errors {
                message.push_str("  ");
                message.push_str(e);
                message.push('\n');
            }
            panic!("{message}");
        }
    }
}

/// One comparable line of a model block list: a paragraph line or a whole table.
enum ModelUnit<'a> {
    Para {
        text: &'a str,
        block: &'a Block,
        first: bool,
    },
    Table(&'a Block),
}

fn model_units(blocks: &[Block]) -> Vec<ModelUnit<'_>> {
    let mut units = Vec::new();
    for block in blocks {
        if block.is_table() {
            units.push(ModelUnit::Table(block));
            continue;
        }
        // A <w:br/> inside a paragraph is "\n" in the model and a new line in the export.
        let mut first = true;
        for text in block.text.split('\n').map(str::trim) {
            if text.is_empty() {
                continue;
            }
            units.push(ModelUnit::Para { text, block, first });
            first = false;
        }
    }
    units
}

fn ordered_label() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| regex(r"^(?:\d+|[a-z])[.)]\s+"))
}

/// Compares the paragraphs read from the .txt with the model's blocks. When `complete` is
/// false (a cut), the .txt paragraphs are a prefix and the rest of the model is skipped.
fn compare_units(tally: &mut Tally, ctx: &str, expected: &[Unit], complete: bool, got: &[Block]) {
    let got = model_units(got);
    for (k, unit) in expected.iter().enumerate() {
        let Some(model) = got.get(k) else {
            let extra: Vec<String> = expected[k..]
                .iter()
                .map(|u| match u {
                    Unit::Para { line, text, .. } | Unit::Table { line, text } => {
                        format!("line {line}: {text:?}")
                    }
                })
                .collect();
            tally.check(
                ctx,
                false,
                format!("model lacks paragraphs present in the .txt: {extra:?}"),
            );
            return;
        };
        match (unit, model) {
            (Unit::Table { line, text }, ModelUnit::Table(block)) => {
                tally.eq(&format!("{ctx} table (txt line {line})"), text, &block.text);
            }
            (
                Unit::Para { line, text, bullet },
                ModelUnit::Para {
                    text: got,
                    block,
                    first,
                },
            ) => {
                let what = format!("{ctx} paragraph {k} (txt line {line})");
                let ordered = *first && block.list_kind == Some(ListKind::Ordered);
                let mut expected_text = text.as_str();
                if ordered {
                    if let Some(m) = ordered_label().find(expected_text) {
                        expected_text = &expected_text[m.end()..];
                    }
                }
                if expected_text != *got
                    && got.starts_with(expected_text)
                    && expected_text.chars().count() >= 100
                {
                    tally
                        .truncated_paragraphs
                        .push(format!("{what}: {expected_text:?}"));
                } else {
                    tally.eq(&format!("{what} text"), &expected_text, got);
                }
                let model_bullet = *first && block.list_kind == Some(ListKind::Bullet);
                if *bullet {
                    tally.check(
                        &format!("{what} bullet"),
                        model_bullet && block.list_level.is_some(),
                        format!(
                            "the .txt shows a bullet, model has list_level {:?}, list_kind {:?} (first line of block: {first})",
                            block.list_level, block.list_kind
                        ),
                    );
                } else if *first {
                    let ok = if ordered {
                        block.list_level.is_some()
                    } else {
                        block.list_level.is_none() && block.list_kind.is_none()
                    };
                    tally.check(
                        &format!("{what} list"),
                        ok,
                        format!(
                            "the .txt shows no bullet, model has list_level {:?}, list_kind {:?}",
                            block.list_level, block.list_kind
                        ),
                    );
                }
            }
            (Unit::Table { line, .. }, ModelUnit::Para { text, .. }) => {
                tally.check(
                    ctx,
                    false,
                    format!("txt line {line} is a nested table, model has paragraph {text:?}"),
                );
            }
            (Unit::Para { line, text, .. }, ModelUnit::Table(block)) => {
                tally.check(
                    ctx,
                    false,
                    format!(
                        "txt line {line} is paragraph {text:?}, model has a table {:?}",
                        block.text
                    ),
                );
            }
        }
    }
    if got.len() > expected.len() {
        let rest: Vec<&str> = got[expected.len()..]
            .iter()
            .map(|u| match u {
                ModelUnit::Para { text, .. } => *text,
                ModelUnit::Table(block) => block.text.as_str(),
            })
            .collect();
        if complete {
            tally.check(
                ctx,
                false,
                format!("model has paragraphs absent from the .txt: {rest:?}"),
            );
        } else {
            tally.skipped_paragraphs += rest.len();
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Edition A: totals
// ---------------------------------------------------------------------------------------------

#[test]
fn edition_a_known_totals() {
    let plan = edition_a();
    let resolutions = plan
        .resolutions
        .iter()
        .filter(|r| r.kind == Kind::Resolution)
        .count();
    let opinions: Vec<&str> = plan
        .resolutions
        .iter()
        .filter(|r| r.kind == Kind::Opinion)
        .map(|r| r.number.as_str())
        .collect();
    let items: Vec<_> = plan
        .resolutions
        .iter()
        .flat_map(|r| &r.action_items)
        .collect();
    assert_eq!(plan.resolutions.len(), 58, "sections of Section II");
    assert_eq!(resolutions, 57, "Resolutions");
    assert_eq!(opinions, ["1"], "Opinions");
    assert_eq!(items.len(), 407, "action items");
    assert_eq!(
        items.iter().filter(|i| i.periodic_goals_met).count(),
        285,
        "periodic goals met"
    );
    assert_eq!(
        items.iter().filter(|i| i.completed).count(),
        11,
        "completed"
    );
    // The .txt says it is damaged in 64 places.
    let cuts = txt().lines.iter().filter(|l| l.cut_before).count();
    assert_eq!(cuts, 64, "cut markers in the .txt");
}

// ---------------------------------------------------------------------------------------------
// Edition A: Section II against the .txt
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Event {
    Section(usize),
    Item(usize, usize),
}

fn txt_event_key(two: &TxtSectionTwo, event: Event) -> String {
    match event {
        Event::Section(s) => {
            let section = &two.sections[s];
            format!("{} {}", section.kind.as_str(), section.number)
        }
        Event::Item(s, i) => format!("item {}", two.sections[s].items[i].id),
    }
}

fn model_event_key(plan: &ActionPlan, event: Event) -> String {
    match event {
        Event::Section(s) => {
            let r = &plan.resolutions[s];
            format!("{} {}", r.kind.as_str(), r.number)
        }
        Event::Item(s, i) => format!("item {}", plan.resolutions[s].action_items[i].id),
    }
}

fn compare_section(tally: &mut Tally, section: &TxtSection, model: &actplan::model::Resolution) {
    let ctx = format!(
        "{} {} (txt line {})",
        section.kind.as_str(),
        section.number,
        section.line
    );
    tally.eq(&format!("{ctx} kind"), &section.kind, &model.kind);
    tally.eq(&format!("{ctx} number"), &section.number, &model.number);
    tally.eq(&format!("{ctx} title"), &section.title, &model.title);
    compare_units(
        tally,
        &format!("{ctx} operative_text"),
        &section.operative,
        section.operative_complete,
        &model.operative_text,
    );
    compare_units(
        tally,
        &format!("{ctx} notes"),
        &section.notes,
        section.notes_complete,
        &model.notes,
    );
}

fn compare_item(tally: &mut Tally, item: &TxtItem, model: &actplan::model::Item) {
    let ctx = format!("item {} (txt line {})", item.id, item.line);
    tally.eq(&format!("{ctx} id"), &item.id, &model.id);
    let field = |tally: &mut Tally, name: &str, known: bool| {
        if !known {
            tally.skipped_fields.push(format!("{} {name}", item.id));
        }
        known
    };
    if field(tally, "cross_reference", item.cross_reference.is_some()) {
        let expected = item.cross_reference.clone().flatten();
        tally.eq(
            &format!("{ctx} cross_reference"),
            &expected,
            &model.cross_reference,
        );
    }
    if let Some(action) = &item.action {
        tally.eq(&format!("{ctx} action"), action, &model.action);
    } else {
        field(tally, "action", false);
    }
    if let Some(milestone) = &item.milestone {
        tally.eq(&format!("{ctx} milestone"), milestone, &model.milestone);
    } else {
        field(tally, "milestone", false);
    }
    if let Some(periodic) = item.periodic {
        tally.eq(
            &format!("{ctx} periodic_goals_met"),
            &periodic,
            &model.periodic_goals_met,
        );
    } else {
        field(tally, "periodic_goals_met", false);
    }
    if let Some(completed) = item.completed {
        tally.eq(&format!("{ctx} completed"), &completed, &model.completed);
    } else {
        field(tally, "completed", false);
    }
    compare_units(
        tally,
        &format!("{ctx} status"),
        &item.status,
        item.status_complete,
        &model.status,
    );
}

fn skip_model_event(tally: &mut Tally, plan: &ActionPlan, event: Event) {
    match event {
        Event::Section(s) => tally
            .skipped_sections
            .push(model_event_key(plan, event) + &format!(" (section {s})")),
        Event::Item(s, i) => {
            let item = &plan.resolutions[s].action_items[i];
            tally.skipped_items.push(item.id.clone());
            tally.skipped_paragraphs += model_units(&item.status).len();
        }
    }
}

#[test]
fn edition_a_section_ii_matches_txt() {
    let plan = edition_a();
    let two = parse_section_two(txt());
    let mut tally = Tally::default();

    // Heading and introduction of Section II.
    let progress = plan.progress.as_ref().expect("model has no Section II");
    tally.eq(
        "Section II heading",
        &Some(two.heading.text.clone()),
        &progress.heading,
    );
    compare_units(
        &mut tally,
        "Section II intro",
        &two.intro,
        true,
        &progress.intro,
    );

    let txt_events: Vec<(Event, bool)> = two
        .sections
        .iter()
        .enumerate()
        .flat_map(|(s, section)| {
            std::iter::once((Event::Section(s), section.cut_before)).chain(
                section
                    .items
                    .iter()
                    .enumerate()
                    .map(move |(i, item)| (Event::Item(s, i), item.cut_before)),
            )
        })
        .collect();
    let model_events: Vec<Event> = plan
        .resolutions
        .iter()
        .enumerate()
        .flat_map(|(s, r)| {
            std::iter::once(Event::Section(s))
                .chain((0..r.action_items.len()).map(move |i| Event::Item(s, i)))
        })
        .collect();

    // Walk both sequences: without a cut in between, the next model event must be the next
    // .txt event; after a cut, model events the cut removed from the .txt are skipped.
    let mut m = 0;
    for &(event, cut_before) in &txt_events {
        let key = txt_event_key(&two, event);
        let found = model_events[m..]
            .iter()
            .position(|&e| model_event_key(plan, e) == key)
            .map(|p| m + p);
        let Some(j) = found else {
            tally.check(
                &key,
                false,
                format!(
                    "in the .txt (line {}) but not in the model after {}",
                    match event {
                        Event::Section(s) => two.sections[s].line,
                        Event::Item(s, i) => two.sections[s].items[i].line,
                    },
                    m.checked_sub(1)
                        .map(|p| model_event_key(plan, model_events[p]))
                        .unwrap_or_default()
                ),
            );
            continue;
        };
        for &skipped in &model_events[m..j] {
            if cut_before {
                skip_model_event(&mut tally, plan, skipped);
            } else {
                tally.check(
                    &model_event_key(plan, skipped),
                    false,
                    format!("in the model but not in the .txt (before {key})"),
                );
            }
        }
        tally.check(&format!("{key} order"), true, String::new());
        match (event, model_events[j]) {
            (Event::Section(s), Event::Section(ms)) => {
                compare_section(&mut tally, &two.sections[s], &plan.resolutions[ms]);
            }
            (Event::Item(s, i), Event::Item(ms, mi)) => {
                compare_item(
                    &mut tally,
                    &two.sections[s].items[i],
                    &plan.resolutions[ms].action_items[mi],
                );
            }
            _ => unreachable!("keys of sections and items differ"),
        }
        m = j + 1;
    }
    for &rest in &model_events[m..] {
        if two.trailing_cut {
            skip_model_event(&mut tally, plan, rest);
        } else {
            tally.check(
                &model_event_key(plan, rest),
                false,
                "in the model after the last .txt entry".to_string(),
            );
        }
    }
    for orphan in &two.orphans {
        tally.check("text after » Top", false, orphan.clone());
    }

    let txt_items: usize = two.sections.iter().map(|s| s.items.len()).sum();
    println!(
        "Section II: {} cuts in the .txt; {} sections and {txt_items} items read from the .txt; \
         {} comparisons made",
        two.cuts,
        two.sections.len(),
        tally.compared
    );
    println!(
        "skipped as damaged: {} sections {:?}, {} items {:?}, {} item fields {:?}, {} paragraphs, \
         {} truncated paragraphs {:?}; total {}",
        tally.skipped_sections.len(),
        tally.skipped_sections,
        tally.skipped_items.len(),
        tally.skipped_items,
        tally.skipped_fields.len(),
        tally.skipped_fields,
        tally.skipped_paragraphs,
        tally.truncated_paragraphs.len(),
        tally.truncated_paragraphs,
        tally.skipped_total()
    );
    tally.assert_no_errors("Section II against the .txt");

    // The damage must not hide much: nearly all of Section II is compared. (Measured: 61 cuts
    // in Section II, 58 sections and 397 of 407 items read, 10 items, 48 item fields and 10
    // status paragraphs skipped, 0 truncated paragraphs; about 6200 comparisons.)
    assert_eq!(two.cuts, 61, "cuts inside Section II");
    assert_eq!(two.sections.len(), 58, "sections read from the .txt");
    assert!(txt_items >= 395, "items read from the .txt: {txt_items}");
    assert!(
        tally.compared >= 6000,
        "comparisons made: {}",
        tally.compared
    );
    assert!(
        tally.skipped_sections.is_empty(),
        "skipped sections: {:?}",
        tally.skipped_sections
    );
    assert!(
        tally.skipped_items.len() <= 12,
        "skipped items: {:?}",
        tally.skipped_items
    );
    assert!(
        tally.skipped_fields.len() <= 50,
        "skipped item fields: {:?}",
        tally.skipped_fields
    );
    assert!(
        tally.truncated_paragraphs.len() <= 5,
        "truncated paragraphs: {:?}",
        tally.truncated_paragraphs
    );
    assert!(
        tally.skipped_total() <= 70,
        "skipped comparisons: {}",
        tally.skipped_total()
    );
}

// ---------------------------------------------------------------------------------------------
// Edition A: Section I (summary matrix) against the .txt
// ---------------------------------------------------------------------------------------------

type Rows<'a> = Vec<Vec<Vec<&'a Line>>>;

/// Reads a table without nested tables from `start` (a cell line): rows of cells of lines.
/// Returns the rows and the index of the first line after the table.
fn read_table(lines: &[Line], start: usize) -> (Rows<'_>, usize) {
    let mut rows: Rows = Vec::new();
    let mut i = start;
    let mut in_row = false;
    while i < lines.len() {
        let line = &lines[i];
        assert!(
            !line.cut_before,
            "txt line {}: cut inside a Section I / appendix table",
            line.no
        );
        match (in_row, line.kind) {
            (false, LineKind::Cell) => {
                rows.push(vec![vec![line]]);
                in_row = true;
            }
            (false, LineKind::Blank) => return (rows, i + 1),
            (false, LineKind::Text) => return (rows, i),
            (true, LineKind::Cell) => rows.last_mut().expect("row").push(vec![line]),
            (true, LineKind::Text) => rows
                .last_mut()
                .and_then(|r| r.last_mut())
                .expect("cell")
                .push(line),
            (true, LineKind::Blank) => in_row = false,
        }
        i += 1;
    }
    (rows, i)
}

fn texts_of(cell: &[&Line]) -> String {
    cell_text(&cell.iter().map(|l| l.text.clone()).collect::<Vec<_>>())
}

#[test]
fn edition_a_summary_matrix_matches_txt() {
    let plan = edition_a();
    let summary = plan.summary.as_ref().expect("model has no summary");
    let lines = &txt().lines;
    let (section_two, _) = section_two_range(lines);
    let mut tally = Tally::default();

    tally.eq(
        "Section I heading",
        &Some(lines[0].text.clone()),
        &summary.heading,
    );
    let table_start = index_of(lines, |l| l.kind == LineKind::Cell, "Section I matrix");
    let caption: Vec<Unit> = lines[1..table_start]
        .iter()
        .filter_map(Unit::para)
        .collect();
    compare_units(
        &mut tally,
        "Section I caption",
        &caption,
        true,
        &summary.caption,
    );

    let (rows, after) = read_table(lines, table_start);
    assert!(rows.len() > 2, "matrix rows in the .txt");
    let groups: Vec<String> = rows[0].iter().skip(1).map(|c| texts_of(c)).collect();
    tally.eq(
        "matrix header",
        &vec![
            "Resolution - Title**".to_string(),
            "Action by".into(),
            "Collaboration with".into(),
            "Report to".into(),
        ],
        &std::iter::once(texts_of(&rows[0][0]))
            .chain(groups.iter().cloned())
            .collect(),
    );
    // The spans of the group cells (6, 3, 4) are w:gridSpan, which the export does not show.
    let spans = [6, 3, 4];
    let expected_columns: Vec<(String, String)> = groups
        .iter()
        .zip(spans)
        .flat_map(|(group, span)| std::iter::repeat_n(group.clone(), span))
        .zip(rows[1].iter().skip(1).map(|c| texts_of(c)))
        .collect();
    tally.eq(
        "matrix header row 2 first cell",
        &String::new(),
        &texts_of(&rows[1][0]),
    );
    let got_columns: Vec<(String, String)> = summary
        .columns
        .iter()
        .map(|c| (c.group.clone(), c.name.clone()))
        .collect();
    tally.eq("matrix columns", &expected_columns, &got_columns);

    let label = regex(r"^(Resolution|Opinion) (\d+) – (.+)$");
    let data = &rows[2..];
    tally.eq("matrix row count", &data.len(), &summary.rows.len());
    for (k, (row, model)) in data.iter().zip(&summary.rows).enumerate() {
        let cell = texts_of(&row[0]);
        let ctx = format!("matrix row {k} (txt line {})", row[0][0].no);
        let Some(caps) = label.captures(&cell) else {
            tally.check(&ctx, false, format!("unexpected label cell {cell:?}"));
            continue;
        };
        tally.eq(
            &format!("{ctx} label"),
            &format!("{} {}", &caps[1], &caps[2]),
            &model.label,
        );
        tally.eq(&format!("{ctx} kind"), &caps[1].to_string(), &model.kind);
        tally.eq(
            &format!("{ctx} number"),
            &caps[2].to_string(),
            &model.number,
        );
        tally.eq(
            &format!("{ctx} title"),
            &caps[3].trim().to_string(),
            &model.title,
        );
        let cells: Vec<String> = row[1..].iter().map(|c| texts_of(c)).collect();
        tally.eq(&format!("{ctx} cell count"), &13, &cells.len());
        for (c, (expected, got)) in cells.iter().zip(&model.cells).enumerate() {
            tally.eq(&format!("{ctx} {} cells[{c}]", model.label), expected, got);
        }
    }

    // The legend ("TERM<TAB>…: definition" or "*<TAB>definition"), then the notes.
    let legend_start = after
        + lines[after..section_two]
            .iter()
            .position(|l| l.kind == LineKind::Text && l.text == "Legend:")
            .expect("no Legend: line");
    let mut legend = Vec::new();
    let mut i = legend_start + 1;
    while let Some((term, definition)) = lines[i].text.split_once('\t') {
        let definition = definition.trim_start_matches('\t');
        let definition = definition.strip_prefix(':').unwrap_or(definition).trim();
        legend.push((term.trim().to_string(), definition.to_string()));
        i += 1;
    }
    let got_legend: Vec<(String, String)> = summary
        .legend
        .iter()
        .map(|e| (e.term.clone(), e.definition.clone()))
        .collect();
    tally.eq("legend", &legend, &got_legend);
    let notes: Vec<Unit> = lines[i..section_two]
        .iter()
        .filter_map(Unit::para)
        .collect();
    // Lines were cut out before the Section II heading: the notes may lack their end.
    let complete = !lines[i..=section_two].iter().any(|l| l.cut_before);
    compare_units(
        &mut tally,
        "Section I notes",
        &notes,
        complete,
        &summary.notes,
    );

    println!(
        "Section I: {} matrix rows, {} comparisons, {} paragraphs skipped",
        data.len(),
        tally.compared,
        tally.skipped_paragraphs
    );
    tally.assert_no_errors("Section I against the .txt");
    assert_eq!(
        data.len(),
        59,
        "matrix rows (57 Resolutions, Resolution 85, Opinion 1)"
    );
    assert_eq!(legend.len(), 14, "legend entries");
}

// ---------------------------------------------------------------------------------------------
// Edition A: appendices and footnotes against the .txt
// ---------------------------------------------------------------------------------------------

#[test]
fn edition_a_appendices_match_txt() {
    let plan = edition_a();
    let lines = &txt().lines;
    let (_, appendix_one) = section_two_range(lines);
    let appendix_heading = regex(r"^Appendix [IVX]+ – ");
    let starts: Vec<usize> = (appendix_one..lines.len())
        .filter(|&i| lines[i].kind == LineKind::Text && appendix_heading.is_match(&lines[i].text))
        .collect();
    let mut tally = Tally::default();
    tally.eq("appendix count", &starts.len(), &plan.appendices.len());
    for (k, (&start, model)) in starts.iter().zip(&plan.appendices).enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(lines.len());
        let ctx = format!("appendix {k} (txt line {})", lines[start].no);
        tally.eq(&format!("{ctx} title"), &lines[start].text, &model.title);
        let table = start
            + lines[start..end]
                .iter()
                .position(|l| l.kind == LineKind::Cell)
                .expect("appendix without a table");
        let note = cell_text(
            &lines[start + 1..table]
                .iter()
                .map(|l| l.text.clone())
                .collect::<Vec<_>>(),
        );
        tally.eq(&format!("{ctx} note"), &Some(note), &model.note);

        // The item table, which the export may show as several tables back to back.
        let mut rows = Vec::new();
        let mut i = table;
        loop {
            let (more, next) = read_table(&lines[..end], i);
            rows.extend(more);
            i = next;
            while i < end && lines[i].kind == LineKind::Blank && !lines[i].cut_before {
                i += 1;
            }
            if i >= end || lines[i].kind != LineKind::Cell {
                break;
            }
        }
        tally.eq(
            &format!("{ctx} item count"),
            &rows.len(),
            &model.items.len(),
        );
        for (row, item) in rows.iter().zip(&model.items) {
            let ictx = format!("{ctx} item (txt line {})", row[0][0].no);
            let id_lines: Vec<&str> = row[0]
                .iter()
                .map(|l| l.text.as_str())
                .filter(|t| !t.is_empty())
                .collect();
            tally.eq(&format!("{ictx} id"), &id_lines[0].to_string(), &item.id);
            let cross = (id_lines.len() > 1).then(|| id_lines[1..].join("\n"));
            tally.eq(
                &format!("{ictx} {} cross_reference", item.id),
                &cross,
                &item.cross_reference,
            );
            tally.eq(
                &format!("{ictx} {} action", item.id),
                &texts_of(&row[1]),
                &item.action,
            );
            let extra: Vec<String> = row[2..].iter().map(|c| texts_of(c)).collect();
            tally.eq(&format!("{ictx} {} extra", item.id), &extra, &item.extra);
        }
        let blocks: Vec<Unit> = lines[i..end].iter().filter_map(Unit::para).collect();
        let complete = !lines[i..end].iter().any(|l| l.cut_before);
        compare_units(
            &mut tally,
            &format!("{ctx} blocks"),
            &blocks,
            complete,
            &model.blocks,
        );
    }
    // The cross-reference the README names.
    let item_54_03 = plan.appendices[0]
        .items
        .iter()
        .find(|i| i.id == "54-03")
        .expect("Appendix I lists 54-03");
    assert_eq!(item_54_03.cross_reference.as_deref(), Some("(44-25)"));

    println!(
        "Appendices: {} comparisons, {} paragraphs skipped",
        tally.compared, tally.skipped_paragraphs
    );
    tally.assert_no_errors("appendices against the .txt");
    assert_eq!(
        plan.appendices
            .iter()
            .map(|a| a.items.len())
            .collect::<Vec<_>>(),
        [28, 48],
        "appendix items"
    );
}

#[test]
fn edition_a_footnotes_match_txt() {
    let plan = edition_a();
    let expected = &txt().footnotes;
    let got: BTreeMap<String, String> = plan
        .footnotes
        .iter()
        .map(|(id, blocks)| {
            let text = blocks
                .iter()
                .map(|b| b.text.as_str())
                .collect::<Vec<_>>()
                .join("\n");
            (id.clone(), text)
        })
        .collect();
    assert_eq!(expected.len(), 7, "footnotes in the .txt");
    assert_eq!(expected, &got, "footnotes");
}

// ---------------------------------------------------------------------------------------------
// Edition B = edition A + the change records
// ---------------------------------------------------------------------------------------------

fn block_value(text: &Value) -> Value {
    match text {
        Value::String(_) => json!({ "text": text, "list_level": null }),
        other => other.clone(),
    }
}

fn texts(blocks: &Value) -> Vec<Value> {
    blocks
        .as_array()
        .map(|a| a.iter().map(|b| b["text"].clone()).collect())
        .unwrap_or_default()
}

fn resolution_index(plan: &Value, id: &str) -> Option<usize> {
    let (kind, number) = match id.split_once(' ') {
        Some((kind, number)) => (kind, number),
        None => ("Resolution", id),
    };
    plan["resolutions"]
        .as_array()?
        .iter()
        .position(|r| r["kind"] == kind && r["number"] == number)
}

fn item_index(plan: &Value, resolution: Option<&str>, id: &str) -> Option<(usize, usize)> {
    let resolutions = plan["resolutions"].as_array()?;
    resolutions.iter().enumerate().find_map(|(r, res)| {
        if resolution.is_some_and(|n| res["number"] != n) {
            return None;
        }
        let items = res["action_items"].as_array()?;
        items.iter().position(|i| i["id"] == id).map(|i| (r, i))
    })
}

/// The fields of an item the change records speak about, status as texts.
fn item_projection(item: &Value) -> Value {
    json!({
        "id": item["id"],
        "cross_reference": item.get("cross_reference").cloned().unwrap_or(Value::Null),
        "action": item["action"],
        "milestone": item["milestone"],
        "periodic_goals_met": item["periodic_goals_met"],
        "completed": item["completed"],
        "status": texts(&item["status"]),
    })
}

/// A whole item from a change record ("status" as a list of strings).
fn item_from_record(record: &Value) -> Value {
    let mut item = record.clone();
    let status: Vec<Value> = record["status"]
        .as_array()
        .map(|a| a.iter().map(block_value).collect())
        .unwrap_or_default();
    item["status"] = Value::Array(status);
    item
}

/// Applies one paragraph-list change ("status", "operative_text", "footnote") to `blocks`.
fn apply_paragraphs(blocks: &mut Value, record: &Value, errors: &mut Vec<String>) {
    let what = format!("{} {}", record["id"], record["field"]);
    let list = blocks.as_array_mut().expect("a block list");
    let (before, after) = (&record["before"], &record["after"]);
    match record["kind"].as_str() {
        Some("added") => match after {
            Value::Array(all) => list.extend(all.iter().map(block_value)),
            _ => list.push(block_value(after)),
        },
        Some("changed") if before.is_array() => {
            // The whole list, e.g. when reordered.
            let current: Vec<Value> = list.iter().map(|b| b["text"].clone()).collect();
            if &Value::Array(current.clone()) != before {
                errors.push(format!(
                    "{what}: edition A has {current:?}, the record's before is {before}"
                ));
            }
            *list = after
                .as_array()
                .expect("after list")
                .iter()
                .map(block_value)
                .collect();
        }
        Some("changed") => match list.iter().position(|b| &b["text"] == before) {
            Some(p) => {
                let block = list[p].as_object_mut().expect("block object");
                block.insert("text".into(), after.clone());
                block.remove("inlines");
            }
            None => errors.push(format!("{what}: edition A has no paragraph {before}")),
        },
        Some("removed") => match list.iter().position(|b| &b["text"] == before) {
            Some(p) => {
                list.remove(p);
            }
            None => errors.push(format!("{what}: edition A has no paragraph {before}")),
        },
        other => panic!("{what}: unknown change kind {other:?}"),
    }
}

fn check_before(what: &str, current: &Value, before: &Value, errors: &mut Vec<String>) {
    if current != before {
        errors.push(format!(
            "{what}: edition A has {current}, the record's before is {before}"
        ));
    }
}

fn apply_change(plan: &mut Value, record: &Value, errors: &mut Vec<String>) {
    let id = record["id"].as_str().expect("record id");
    let field = record["field"].as_str().expect("record field");
    let kind = record["kind"].as_str().expect("record kind");
    let resolution = record["resolution"].as_str();
    let (before, after) = (&record["before"], &record["after"]);
    let what = format!("{id} {field}");
    match field {
        "completed" | "periodic_goals_met" | "milestone" | "action" | "status" => {
            let Some((r, i)) = item_index(plan, resolution, id) else {
                errors.push(format!("{what}: no item {id} in edition A"));
                return;
            };
            let item = &mut plan["resolutions"][r]["action_items"][i];
            if field == "status" {
                apply_paragraphs(&mut item["status"], record, errors);
            } else {
                check_before(&what, &item[field], before, errors);
                item[field] = after.clone();
            }
        }
        "item" => match kind {
            "added" => {
                let res = resolution.expect("an added item names its resolution");
                let Some(r) = resolution_index(plan, res) else {
                    errors.push(format!("{what}: no resolution {res} in edition A"));
                    return;
                };
                let items = plan["resolutions"][r]["action_items"]
                    .as_array_mut()
                    .expect("items");
                let at = match record["after_item"].as_str() {
                    Some(previous) => match items.iter().position(|i| i["id"] == previous) {
                        Some(p) => p + 1,
                        None => {
                            errors.push(format!("{what}: no item {previous} to insert after"));
                            return;
                        }
                    },
                    None => 0,
                };
                items.insert(at, item_from_record(after));
            }
            "removed" => {
                let Some((r, i)) = item_index(plan, resolution, id) else {
                    errors.push(format!("{what}: no item {id} in edition A"));
                    return;
                };
                let items = plan["resolutions"][r]["action_items"]
                    .as_array_mut()
                    .expect("items");
                check_before(
                    &what,
                    &item_projection(&items[i]),
                    &item_projection(&item_from_record(before)),
                    errors,
                );
                items.remove(i);
            }
            _ => panic!("{what}: unknown change kind {kind}"),
        },
        "title" | "operative_text" => {
            let Some(r) = resolution_index(plan, id) else {
                errors.push(format!("{what}: no resolution {id} in edition A"));
                return;
            };
            let res = &mut plan["resolutions"][r];
            if field == "title" {
                check_before(&what, &res["title"], before, errors);
                res["title"] = after.clone();
            } else {
                apply_paragraphs(&mut res["operative_text"], record, errors);
            }
        }
        "resolution" => {
            let index = resolution_index(plan, id);
            let resolutions = plan["resolutions"].as_array_mut().expect("resolutions");
            match kind {
                "added" => {
                    let at = match record["after_resolution"].as_str() {
                        Some(previous) => {
                            resolutions
                                .iter()
                                .position(|r| r["number"] == previous)
                                .expect("resolution to insert after")
                                + 1
                        }
                        None => 0,
                    };
                    resolutions.insert(at, after.clone());
                }
                "removed" => match index {
                    Some(r) => {
                        resolutions.remove(r);
                    }
                    None => errors.push(format!("{what}: no resolution {id} in edition A")),
                },
                _ => panic!("{what}: unknown change kind {kind}"),
            }
        }
        "appendix_item" => {
            let appendices = plan["appendices"].as_array_mut().expect("appendices");
            let appendix = record["appendix"].as_u64().unwrap_or(0) as usize;
            let items = appendices[appendix]["items"]
                .as_array_mut()
                .expect("appendix items");
            let position = items.iter().position(|i| i["id"] == id);
            match (kind, position) {
                ("added", _) => {
                    let at = record["after_item"]
                        .as_str()
                        .and_then(|p| items.iter().position(|i| i["id"] == p))
                        .map_or(items.len(), |p| p + 1);
                    items.insert(at, after.clone());
                }
                ("removed", Some(p)) => {
                    items.remove(p);
                }
                ("changed", Some(p)) if after.is_string() => {
                    check_before(&what, &items[p]["action"], before, errors);
                    items[p]["action"] = after.clone();
                }
                ("changed", Some(p)) => items[p] = after.clone(),
                _ => errors.push(format!("{what}: no appendix item {id} in edition A")),
            }
        }
        "footnote" => {
            let footnotes = plan
                .as_object_mut()
                .expect("plan object")
                .entry("footnotes")
                .or_insert_with(|| json!({}));
            match kind {
                "removed" => {
                    footnotes.as_object_mut().expect("map").remove(id);
                }
                _ => {
                    let text = match after {
                        Value::Array(all) => all.iter().map(block_value).collect(),
                        _ => vec![block_value(after)],
                    };
                    if kind == "changed" {
                        let current = Value::Array(texts(&footnotes[id]));
                        let before = match before {
                            Value::Array(_) => before.clone(),
                            _ => json!([before]),
                        };
                        check_before(&what, &current, &before, errors);
                    }
                    footnotes[id] = Value::Array(text);
                }
            }
        }
        other => {
            if let Some(k) = other
                .strip_prefix("summary.cells[")
                .and_then(|s| s.strip_suffix(']'))
            {
                let k: usize = k.parse().expect("cell index");
                let rows = plan["summary"]["rows"].as_array_mut().expect("matrix rows");
                let Some(row) = rows.iter_mut().find(|r| r["label"] == id) else {
                    errors.push(format!("{what}: no matrix row {id} in edition A"));
                    return;
                };
                check_before(&what, &row["cells"][k], before, errors);
                row["cells"][k] = after.clone();
            } else {
                panic!("{what}: unknown field {other}");
            }
        }
    }
}

/// The content the change records cover, with status and other paragraphs as texts only.
fn projection(plan: &Value) -> Value {
    let array = |v: &Value| v.as_array().cloned().unwrap_or_default();
    let resolutions: Vec<Value> = array(&plan["resolutions"])
        .iter()
        .map(|r| {
            json!({
                "kind": r["kind"],
                "number": r["number"],
                "title": r["title"],
                "operative_text": texts(&r["operative_text"]),
                "notes": texts(&r["notes"]),
                "action_items": array(&r["action_items"]).iter().map(item_projection).collect::<Vec<_>>(),
            })
        })
        .collect();
    let rows: Vec<Value> = array(&plan["summary"]["rows"])
        .iter()
        .map(|r| {
            json!({
                "label": r["label"], "kind": r["kind"], "number": r["number"],
                "title": r["title"], "cells": r["cells"],
            })
        })
        .collect();
    let footnotes: BTreeMap<String, Vec<Value>> = plan["footnotes"]
        .as_object()
        .map(|m| m.iter().map(|(k, v)| (k.clone(), texts(v))).collect())
        .unwrap_or_default();
    let appendices: Vec<Value> = array(&plan["appendices"])
        .iter()
        .map(|a| {
            json!({
                "title": a["title"],
                "note": a["note"],
                "items": array(&a["items"]).iter().map(|i| json!({
                    "id": i["id"],
                    "cross_reference": i.get("cross_reference").cloned().unwrap_or(Value::Null),
                    "action": i["action"],
                })).collect::<Vec<_>>(),
                "blocks": texts(&a["blocks"]),
            })
        })
        .collect();
    json!({
        "resolutions": resolutions,
        "summary": {
            "columns": plan["summary"]["columns"],
            "rows": rows,
            "legend": plan["summary"]["legend"],
        },
        "footnotes": footnotes,
        "appendices": appendices,
    })
}

/// Every difference between two JSON values, as "path: expected …, got …".
fn json_diff(path: &str, expected: &Value, got: &Value, out: &mut Vec<String>) {
    match (expected, got) {
        (Value::Object(a), Value::Object(b)) => {
            for key in a.keys().chain(b.keys().filter(|k| !a.contains_key(*k))) {
                let (x, y) = (
                    a.get(key).unwrap_or(&Value::Null),
                    b.get(key).unwrap_or(&Value::Null),
                );
                json_diff(&format!("{path}.{key}"), x, y, out);
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            let name = |v: &Value, k: usize| {
                ["id", "number", "label"]
                    .iter()
                    .find_map(|f| v.get(*f).and_then(Value::as_str))
                    .map_or(k.to_string(), str::to_string)
            };
            if a.len() != b.len() {
                let names = |list: &[Value]| -> Vec<String> {
                    list.iter().enumerate().map(|(k, v)| name(v, k)).collect()
                };
                out.push(format!(
                    "{path}: expected {} entries {:?}, got {} entries {:?}",
                    a.len(),
                    names(a),
                    b.len(),
                    names(b)
                ));
            }
            for (k, (x, y)) in a.iter().zip(b).enumerate() {
                json_diff(&format!("{path}[{}]", name(x, k)), x, y, out);
            }
        }
        _ if expected != got => out.push(format!("{path}: expected {expected}, got {got}")),
        _ => {}
    }
}

#[test]
fn edition_b_is_edition_a_plus_changes() {
    let records: Vec<Value> = serde_json::from_str(
        &std::fs::read_to_string(fixture_path("action-plan-edition-b.changes.json"))
            .expect("cannot read the change records"),
    )
    .expect("change records are JSON");
    assert_eq!(records.len(), 26, "change records");
    let mut plan = serde_json::to_value(edition_a()).expect("edition A as JSON");
    let mut errors = Vec::new();
    for record in &records {
        apply_change(&mut plan, record, &mut errors);
    }
    let expected = projection(&plan);
    let got = projection(&serde_json::to_value(edition_b()).expect("edition B as JSON"));
    json_diff("", &expected, &got, &mut errors);
    let items = |p: &Value| -> usize {
        p["resolutions"]
            .as_array()
            .map(|r| {
                r.iter()
                    .map(|r| r["action_items"].as_array().map_or(0, Vec::len))
                    .sum()
            })
            .unwrap_or(0)
    };
    println!(
        "Edition B: {} records applied; {} resolutions and {} items compared",
        records.len(),
        got["resolutions"].as_array().map_or(0, Vec::len),
        items(&got)
    );
    assert!(
        errors.is_empty(),
        "edition A + changes != edition B ({} differences):\n  {}",
        errors.len(),
        errors.join("\n  ")
    );
    assert_eq!(
        items(&got),
        408,
        "edition B items (407 + 2 added - 1 removed)"
    );
}

// ---------------------------------------------------------------------------------------------
// JSON round trip
// ---------------------------------------------------------------------------------------------

fn assert_round_trip(name: &str, plan: &ActionPlan) {
    let first = actplan::model::json::to_json_string(plan);
    let back = actplan::model::json::from_json_str(&first)
        .unwrap_or_else(|e| panic!("{name}: the JSON written does not read back: {e}"));
    let second = actplan::model::json::to_json_string(&back);
    assert!(
        first == second,
        "{name}: JSON differs after a round trip (first difference at byte {})",
        first
            .bytes()
            .zip(second.bytes())
            .position(|(a, b)| a != b)
            .unwrap_or(first.len().min(second.len()))
    );
    assert_eq!(&back, plan, "{name}: the plan differs after a round trip");
}

#[test]
fn json_round_trip_edition_a() {
    assert_round_trip("edition A", edition_a());
}

#[test]
fn json_round_trip_edition_b() {
    assert_round_trip("edition B", edition_b());
}

#[test]
fn the_nested_table_of_89_07_keeps_its_header_row() {
    let item = edition_a()
        .resolutions
        .iter()
        .flat_map(|r| &r.action_items)
        .find(|i| i.id == "89-07")
        .expect("89-07");
    let tables: Vec<_> = item.status.iter().filter(|b| b.rows.is_some()).collect();
    assert_eq!(tables.len(), 1);
    assert_eq!(tables[0].header_rows, Some(1));
    let header: Vec<String> = tables[0].rows.as_ref().unwrap()[0]
        .iter()
        .map(|cell| cell.iter().map(|b| b.text.as_str()).collect())
        .collect();
    assert_eq!(
        header,
        ["", "Country /Region", "Organized jointly with", "Date"]
    );
}
