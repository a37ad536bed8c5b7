//! The TD cover: label cells ("Source:") and the free texts of the ITU cover block
//! (group, TD number, study period, meeting place and date).

use crate::model::{Cover, CoverField};
use crate::ooxml::{Node, Table};
use regex::Regex;
use std::sync::LazyLock;

static TD_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[A-Z][A-Za-z-]*\s+)?TD\s*\d+[A-Za-z0-9/()\-]*(?:\s*\(Rev\.?\s*\d*\))?$")
        .unwrap_or_else(|_| unreachable!())
});
static STUDY_PERIOD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^study\s+period\s+(.+)$").unwrap_or_else(|_| unreachable!()));
static MEETING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(january|february|march|april|may|june|july|august|september|october|november|december)\b.*\b(19|20)\d\d\b")
        .unwrap_or_else(|_| unreachable!())
});
static ORIGINAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^original\s*:\s*(.+)$").unwrap_or_else(|_| unreachable!()));

/// Read the cover fields out of the cover tables (in order). `None` when nothing was found.
pub(super) fn read_cover(tables: &[&Table]) -> Option<Cover> {
    let mut cover = Cover::default();
    let mut found = false;
    for table in tables {
        for row in &table.rows {
            let cells: Vec<String> = row.cells.iter().map(|c| c.text()).collect();
            found |= read_row(&mut cover, &cells, row.cells.iter().map(|c| &c.blocks));
        }
    }
    found.then_some(cover)
}

fn read_row<'n>(
    cover: &mut Cover,
    cells: &[String],
    blocks: impl Iterator<Item = &'n Vec<Node>>,
) -> bool {
    let mut found = false;
    let blocks: Vec<_> = blocks.collect();
    let mut index = 0;
    while index < cells.len() {
        let cell = cells[index].trim();
        if cell.is_empty() {
            index = index.saturating_add(1);
            continue;
        }
        found = true;
        if let Some(label) = cell.strip_suffix(':').filter(|_| is_label(cell)) {
            // A label: its value is the next non-empty cell unless that is another label,
            // or all the rest for a contact.
            let after = index.saturating_add(1);
            let takes_all = label.to_ascii_lowercase().starts_with("contact");
            let value = if takes_all {
                let rest: Vec<&str> = cells
                    .get(after..)
                    .unwrap_or_default()
                    .iter()
                    .map(|s| s.trim())
                    .filter(|s| !s.is_empty())
                    .collect();
                index = cells.len();
                rest.join("\n")
            } else {
                match next_value(cells, after) {
                    Some(at) => {
                        index = at.saturating_add(1);
                        cells[at].trim().to_string()
                    }
                    None => {
                        index = after;
                        String::new()
                    }
                }
            };
            set_labelled(cover, label.trim(), value);
            continue;
        }
        for line in paragraphs_of(blocks.get(index).copied(), cell) {
            set_unlabelled(cover, &line);
        }
        index = index.saturating_add(1);
    }
    found
}

/// The index of the value cell of a label whose cell ends before `from`: the first
/// non-empty cell from there, unless it is itself a label (then the label has no value).
fn next_value(cells: &[String], from: usize) -> Option<usize> {
    let offset = cells
        .get(from..)?
        .iter()
        .position(|c| !c.trim().is_empty())?;
    let at = from.checked_add(offset)?;
    (!is_label(cells[at].trim())).then_some(at)
}

/// A label cell: one short line ending with a colon.
fn is_label(cell: &str) -> bool {
    cell.strip_suffix(':')
        .is_some_and(|l| !l.contains('\n') && l.len() < 40)
}

/// The paragraphs of a cell, each with its line breaks kept as one text.
fn paragraphs_of(nodes: Option<&Vec<Node>>, fallback: &str) -> Vec<String> {
    let Some(nodes) = nodes else {
        return vec![fallback.to_string()];
    };
    nodes
        .iter()
        .filter_map(|n| match n {
            Node::Paragraph(p) => {
                let text = p
                    .text()
                    .split('\n')
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .collect::<Vec<_>>()
                    .join("\n");
                (!text.is_empty()).then_some(text)
            }
            Node::Table(_) => None,
        })
        .collect()
}

fn set_labelled(cover: &mut Cover, label: &str, value: String) {
    let key = label.to_ascii_lowercase();
    let slot = if key.starts_with("question") {
        &mut cover.questions
    } else if key == "source" {
        &mut cover.source
    } else if key == "title" {
        &mut cover.title
    } else if key == "purpose" {
        &mut cover.purpose
    } else if key.starts_with("contact") {
        &mut cover.contact
    } else if key.starts_with("keyword") {
        &mut cover.keywords
    } else if key == "abstract" || key == "summary" {
        &mut cover.r#abstract
    } else {
        cover.other.push(CoverField {
            label: label.to_string(),
            value,
        });
        return;
    };
    if slot.is_none() {
        *slot = Some(value);
    } else {
        cover.other.push(CoverField {
            label: label.to_string(),
            value,
        });
    }
}

fn set_unlabelled(cover: &mut Cover, text: &str) {
    let one_line = text.replace('\n', " ");
    if let Some(period) = STUDY_PERIOD.captures(&one_line) {
        cover
            .study_period
            .get_or_insert_with(|| period[1].trim().to_string());
    } else if let Some(original) = ORIGINAL.captures(&one_line) {
        cover
            .original_language
            .get_or_insert_with(|| original[1].trim().to_string());
    } else if TD_NUMBER.is_match(&one_line) && cover.td_number.is_none() {
        cover.td_number = Some(one_line);
    } else if (one_line == "TD" || one_line == "C" || one_line == "TEMPORARY DOCUMENT")
        && cover.document_type.is_none()
    {
        cover.document_type = Some(one_line);
    } else if MEETING.is_match(&one_line) && cover.meeting.is_none() {
        cover.meeting = Some(one_line);
    } else if is_group_name(&one_line) && cover.group.is_none() {
        cover.group = Some(one_line);
    } else {
        cover.other.push(CoverField {
            label: String::new(),
            value: text.to_string(),
        });
    }
}

fn is_group_name(text: &str) -> bool {
    text == "TSAG"
        || text.starts_with("STUDY GROUP")
        || text.starts_with("Study Group")
        || text == "Council"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_with_an_empty_value_cell_takes_nothing_from_the_next_label() {
        let mut cover = Cover::default();
        let cells: Vec<String> = [
            "Source:",
            "",
            "Title:",
            "Action Plan",
            "Purpose:",
            "",
            "",
            "Information",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let blocks: Vec<Vec<Node>> = vec![Vec::new(); cells.len()];
        assert!(read_row(&mut cover, &cells, blocks.iter()));
        assert_eq!(cover.source.as_deref(), Some(""));
        assert_eq!(cover.title.as_deref(), Some("Action Plan"));
        // A value after empty spacer cells is still the label's value.
        assert_eq!(cover.purpose.as_deref(), Some("Information"));
        assert!(cover.other.is_empty(), "{:?}", cover.other);
    }

    #[test]
    fn unlabelled_texts_are_classified() {
        let mut cover = Cover::default();
        for text in [
            "TSAG",
            "TD 999",
            "STUDY PERIOD 2022-2024",
            "Original: English",
            "Geneva, 30 May - 2 June 2023",
            "TD",
            "ITU",
        ] {
            set_unlabelled(&mut cover, text);
        }
        assert_eq!(cover.group.as_deref(), Some("TSAG"));
        assert_eq!(cover.td_number.as_deref(), Some("TD 999"));
        assert_eq!(cover.study_period.as_deref(), Some("2022-2024"));
        assert_eq!(cover.original_language.as_deref(), Some("English"));
        assert_eq!(
            cover.meeting.as_deref(),
            Some("Geneva, 30 May - 2 June 2023")
        );
        assert_eq!(cover.document_type.as_deref(), Some("TD"));
        assert_eq!(
            cover.other,
            vec![CoverField {
                label: String::new(),
                value: "ITU".into()
            }]
        );
    }
}
