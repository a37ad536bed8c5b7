//! The Word redline: the new edition's report with tracked changes against the old one.
//! Read with every change accepted it is the new edition; rejected, the old one.

use crate::common;
use crate::common::assert_success;
use crate::common::fixture;

use common::component;

use actplan::model::ActionPlan;
use actplan::render::docx::write_redline;
use actplan::{ReadOptions, RevisionMode};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

const DATE: &str = "2024-01-22T09:00:00Z";

fn read(bytes: &[u8], revisions: RevisionMode) -> ActionPlan {
    let options = ReadOptions {
        revisions,
        ..ReadOptions::default()
    };
    actplan::read_docx(bytes, &options).unwrap().plan
}

fn edition(name: &str) -> ActionPlan {
    read(&std::fs::read(fixture(name)).unwrap(), RevisionMode::Accept)
}

fn json(plan: &ActionPlan) -> String {
    actplan::model::json::to_json_string(plan)
}

fn document_xml(docx: &[u8]) -> String {
    part_xml(docx, "word/document.xml")
}

fn part_xml(docx: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// The old edition as the redline's rejected changes give it: the document is the new
/// edition, whose TD number and meeting are not tracked changes.
fn with_new_identity(old: &ActionPlan, new: &ActionPlan) -> ActionPlan {
    let mut plan = old.clone();
    if let (Some(cover), Some(identity)) = (plan.cover.as_mut(), new.cover.as_ref()) {
        cover.td_number.clone_from(&identity.td_number);
        cover.meeting.clone_from(&identity.meeting);
    }
    plan
}

/// Accepting every change gives `new`, rejecting gives `old` (with the new identity).
fn assert_round_trip(old: &ActionPlan, new: &ActionPlan, direction: &str) -> Vec<u8> {
    let redline = write_redline(old, new, DATE).unwrap();
    assert_eq!(
        json(&read(&redline, RevisionMode::Accept)),
        json(new),
        "{direction}: accepted ≠ new"
    );
    assert_eq!(
        json(&read(&redline, RevisionMode::Reject)),
        json(&with_new_identity(old, new)),
        "{direction}: rejected ≠ old"
    );
    redline
}

#[test]
fn accepting_gives_the_new_edition_and_rejecting_the_old_one() {
    let a = edition("action-plan-edition-a.docx");
    let b = edition("action-plan-edition-b.docx");
    for (old, new, direction) in [(&a, &b, "A→B"), (&b, &a, "B→A")] {
        assert_round_trip(old, new, direction);
    }
}

#[test]
fn mark_texts_and_extra_columns_are_redlined_both_ways() {
    let a = common::edition_a().clone();
    let extras = common::edition_a_with_item_extras();
    for (old, new, direction) in [(&a, &extras, "A→A+"), (&extras, &a, "A+→A")] {
        let redline = assert_round_trip(old, new, direction);
        let (deleted, inserted) = deleted_and_inserted(&document_xml(&redline));
        let changed = if direction == "A→A+" {
            inserted
        } else {
            deleted
        };
        for text in ["Partially", "see SG2", "TSB"] {
            assert!(
                changed.iter().any(|t| t.contains(text)),
                "{direction}: {text} is a tracked change: {changed:?}"
            );
        }
    }
}

/// The cover table of a redline (the body's first table).
fn cover_xml(xml: &str) -> &str {
    let start = xml.find("<w:tbl>").expect("a cover table");
    let end = xml[start..].find("</w:tbl>").unwrap() + start;
    &xml[start..end]
}

#[test]
fn the_cover_carries_the_new_identity_without_tracked_changes() {
    let a = edition("action-plan-edition-a.docx");
    let b = edition("action-plan-edition-b.docx");
    let xml = document_xml(&write_redline(&a, &b, DATE).unwrap());
    let cover = cover_xml(&xml);
    assert!(cover.contains(">TD 1077<"), "new TD number on the cover");
    assert!(
        cover.contains("22-26 January 2024"),
        "new meeting on the cover"
    );
    assert!(!cover.contains("TD 999"));
    for mark in ["<w:ins ", "<w:del ", "<w:moveFrom", "<w:moveTo"] {
        assert!(!cover.contains(mark), "{mark} on the cover");
    }
    // Another cover field that changed is still a tracked change.
    let mut c = b.clone();
    c.cover.as_mut().unwrap().purpose = Some("Discussion".into());
    let xml = document_xml(&assert_round_trip(&b, &c, "purpose"));
    assert!(cover_xml(&xml).contains("<w:del "));
}

/// The texts of each paragraph's deletions and insertions (moves excluded). Link texts are
/// left out: a link whose target changed is its text deleted with the old target and
/// inserted with the new one (Word cannot track a link target otherwise).
fn deleted_and_inserted(xml: &str) -> (Vec<String>, Vec<String>) {
    let links = regex::Regex::new(r"(?s)<w:hyperlink[ >].*?</w:hyperlink>").unwrap();
    let xml = links.replace_all(xml, "");
    let del = regex::Regex::new(r"(?s)<w:del [^>]*[^/]>(.*?)</w:del>").unwrap();
    let ins = regex::Regex::new(r"(?s)<w:ins [^>]*[^/]>(.*?)</w:ins>").unwrap();
    let del_text = regex::Regex::new(r"<w:delText[^>]*>([^<]*)</w:delText>").unwrap();
    let ins_text = regex::Regex::new(r"<w:t(?: [^>]*)?>([^<]*)</w:t>").unwrap();
    let texts = |paragraph: &str, wrapper: &regex::Regex, text: &regex::Regex| -> String {
        let mut out = String::new();
        for found in wrapper.captures_iter(paragraph) {
            for piece in text.captures_iter(&found[1]) {
                out.push_str(&piece[1]);
            }
        }
        out.trim().to_string()
    };
    let (mut deleted, mut inserted) = (Vec::new(), Vec::new());
    for paragraph in xml.split("</w:p>") {
        deleted.push(texts(paragraph, &del, &del_text));
        inserted.push(texts(paragraph, &ins, &ins_text));
    }
    deleted.retain(|t| !t.is_empty());
    inserted.retain(|t| !t.is_empty());
    (deleted, inserted)
}

#[test]
fn no_deleted_text_is_inserted_again_identically() {
    let a = edition("action-plan-edition-a.docx");
    let b = edition("action-plan-edition-b.docx");
    for (old, new) in [(&a, &b), (&b, &a)] {
        let xml = document_xml(&write_redline(old, new, DATE).unwrap());
        let (deleted, inserted) = deleted_and_inserted(&xml);
        assert!(!deleted.is_empty() && !inserted.is_empty());
        // Texts of a few words (a √, a year) may well be deleted in one place and
        // inserted in another; a sentence may not.
        for text in deleted.iter().filter(|t| t.split_whitespace().count() >= 3) {
            assert!(
                !inserted.contains(text),
                "{text:?} deleted and inserted again"
            );
        }
    }
}

fn resolution_mut<'a>(
    plan: &'a mut ActionPlan,
    number: &str,
) -> &'a mut actplan::model::Resolution {
    plan.resolutions
        .iter_mut()
        .find(|r| r.number == number)
        .unwrap()
}

/// The w:name of every move range start of one kind.
fn move_names(xml: &str, element: &str) -> Vec<String> {
    xml.split(&format!("<{element} "))
        .skip(1)
        .map(|rest| {
            let at = rest.find("w:name=\"").unwrap() + "w:name=\"".len();
            rest[at..at + rest[at..].find('"').unwrap()].to_string()
        })
        .collect()
}

#[test]
fn moved_items_and_paragraphs_are_word_moves() {
    let a = edition("action-plan-edition-a.docx");
    let mut new = a.clone();
    // An item moved to another resolution, one into Appendix I, a status paragraph moved.
    let item = resolution_mut(&mut new, "22").action_items.remove(1);
    let moved = item.id.clone();
    resolution_mut(&mut new, "44").action_items.push(item);
    let item = resolution_mut(&mut new, "72").action_items.remove(0);
    let obsolete = item.id.clone();
    let appendix = new
        .appendices
        .iter_mut()
        .find(|a| a.title.starts_with("Appendix I "))
        .unwrap();
    appendix.items.push(actplan::model::AppendixItem {
        id: item.id,
        cross_reference: None,
        action: item.action,
        action_inlines: item.action_inlines,
        extra: vec![],
    });
    let status = new
        .resolutions
        .iter_mut()
        .flat_map(|r| r.action_items.iter_mut())
        .find(|i| i.status.len() >= 3)
        .unwrap();
    let last = status.status.pop().unwrap();
    status.status.insert(0, last);
    let redline = assert_round_trip(&a, &new, "moves");
    let xml = document_xml(&redline);
    let from = move_names(&xml, "w:moveFromRangeStart");
    let to = move_names(&xml, "w:moveToRangeStart");
    for id in [&moved, &obsolete] {
        let name = format!("move-{id}");
        assert!(
            from.contains(&name) && to.contains(&name),
            "{name}: {from:?} {to:?}"
        );
    }
    assert!(
        from.iter().any(|n| n.starts_with("move-p")),
        "paragraph move: {from:?}"
    );
    assert_eq!(from.len(), to.len());
    // Nothing else: no insertion or deletion besides the moves' rows.
    let (deleted, inserted) = deleted_and_inserted(&xml);
    assert_eq!(
        (deleted.len(), inserted.len()),
        (0, 0),
        "{deleted:?} {inserted:?}"
    );
    if let Some(xmllint) = component("xmllint") {
        let dir = std::env::temp_dir().join(format!("actplan-moves-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        assert_valid_wml(&xmllint, &dir.join("document.xml"), xml.as_bytes());
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[test]
fn changes_are_word_level_rows_and_dated() {
    let a = edition("action-plan-edition-a.docx");
    let b = edition("action-plan-edition-b.docx");
    let xml = document_xml(&write_redline(&a, &b, DATE).unwrap());
    assert!(xml.contains("w:author=\"actplan\""));
    assert!(xml.contains(&format!("w:date=\"{DATE}\"")));
    // 98-10: "people-cantered" → "people-centred" is one word, not the whole paragraph.
    assert!(
        xml.contains("<w:delText>people-cantered</w:delText>"),
        "word-level deletion missing"
    );
    assert!(!xml.contains("<w:delText>Building a people-cantered digital future"));
    // Added item 22-29: whole rows inserted.
    let at = xml.find(">22-29<").expect("22-29 in the redline");
    let row_start = xml[..at].rfind("<w:tr>").unwrap();
    assert!(
        xml[row_start..at].contains("<w:ins "),
        "22-29's row is not an inserted row"
    );
    // Removed item 70-09: whole rows deleted.
    let at = xml.find(">70-09<").expect("70-09 kept as a deletion");
    let row_start = xml[..at].rfind("<w:tr>").unwrap();
    assert!(
        xml[row_start..at].contains("<w:del "),
        "70-09's row is not a deleted row"
    );
}

#[test]
fn an_edition_against_itself_has_no_tracked_change() {
    let a = edition("action-plan-edition-a.docx");
    let xml = document_xml(&write_redline(&a, &a, DATE).unwrap());
    assert!(!xml.contains("<w:ins ") && !xml.contains("<w:del "));
}

#[test]
fn redline_is_deterministic() {
    let a = edition("action-plan-edition-a.docx");
    let b = edition("action-plan-edition-b.docx");
    assert_eq!(
        write_redline(&a, &b, DATE).unwrap(),
        write_redline(&a, &b, DATE).unwrap()
    );
}

#[test]
fn redline_validates_and_libreoffice_converts_it() {
    let a = edition("action-plan-edition-a.docx");
    let b = edition("action-plan-edition-b.docx");
    let redline = write_redline(&a, &b, DATE).unwrap();
    let dir = std::env::temp_dir().join(format!("actplan-redline-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    if let Some(xmllint) = component("xmllint") {
        let xml = document_xml(&redline);
        assert_valid_wml(&xmllint, &dir.join("document.xml"), xml.as_bytes());
    }
    let Some(soffice) = component("soffice") else {
        return;
    };
    let path = dir.join("redline.docx");
    std::fs::write(&path, &redline).unwrap();
    common::soffice_convert(&soffice, &path, "pdf", "pdf", &dir, &dir.join("profile"));
}

/// Write `xml` (a WordprocessingML document part) to `path` and validate it with xmllint
/// against the WML 2010 schema.
fn assert_valid_wml(xmllint: &Path, path: &Path, xml: &[u8]) {
    std::fs::write(path, xml).unwrap();
    let schema = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/ooxml-schemas/microsoft/wml-2010.xsd");
    let out = Command::new(xmllint)
        .args(["--noout", "--nonet", "--schema"])
        .arg(&schema)
        .arg(path)
        .output()
        .unwrap();
    assert_success(&out);
}

/// `plan` with every footnote id n renumbered n + 1, as Word renumbers them when a footnote
/// is inserted before them.
fn footnotes_shifted(plan: &ActionPlan) -> ActionPlan {
    let shift = |id: &str| (id.parse::<u32>().unwrap() + 1).to_string();
    let mut shifted = plan.clone();
    shifted.footnotes = plan
        .footnotes
        .iter()
        .map(|(id, blocks)| (shift(id), blocks.clone()))
        .collect();
    shifted.for_each_inline_mut(&mut |inline| {
        if let Some(id) = &inline.footnote {
            inline.footnote = Some(shift(id));
        }
    });
    shifted
}

#[test]
fn footnotes_renumbered_by_an_inserted_one_are_redlined_against_their_counterparts() {
    use actplan::model::{Block, Inline};
    let old = edition("action-plan-edition-a.docx");
    assert!(old.footnotes.len() > 5);
    // The new footnote takes the first id; the others move up by one.
    let first = old
        .footnotes
        .keys()
        .min_by_key(|k| k.parse::<u32>().unwrap())
        .unwrap()
        .clone();
    let shifted = footnotes_shifted(&old);
    let mut new = shifted.clone();
    new.footnotes
        .insert(first.clone(), vec![Block::plain("A note inserted first.")]);
    let status = &mut new.resolutions[0].action_items[0].status[0];
    status.inlines = status.spans();
    status.inlines.push(Inline {
        footnote: Some(first),
        ..Inline::default()
    });
    let redline = write_redline(&old, &new, DATE).unwrap();
    assert_eq!(json(&read(&redline, RevisionMode::Accept)), json(&new));
    assert_eq!(
        json(&read(&redline, RevisionMode::Reject)),
        json(&with_new_identity(&shifted, &new)),
        "rejected: the old footnotes, under the ids they share with their counterparts"
    );
    let notes = part_xml(&redline, "word/footnotes.xml");
    let (deleted, inserted) = deleted_and_inserted(&notes);
    assert!(deleted.is_empty(), "no footnote text deleted: {deleted:?}");
    assert_eq!(inserted, ["A note inserted first."]);
}

#[test]
fn an_edited_action_or_milestone_keeps_its_links_and_footnote_references() {
    use actplan::model::Inline;
    let plain = |text: &str| Inline {
        text: text.into(),
        ..Inline::default()
    };
    let note = edition("action-plan-edition-a.docx")
        .footnotes
        .keys()
        .next()
        .unwrap()
        .clone();
    let reference = Inline {
        footnote: Some(note),
        ..Inline::default()
    };
    let link = Inline {
        text: "the plan".into(),
        href: Some("https://example.org/plan".into()),
        ..Inline::default()
    };
    let with = |action: &[Inline], milestone: &[Inline]| {
        let mut plan = edition("action-plan-edition-a.docx");
        let item = &mut plan.resolutions[0].action_items[0];
        item.action = action.iter().map(|i| i.text.as_str()).collect();
        item.action_inlines = action.to_vec();
        item.milestone = milestone.iter().map(|i| i.text.as_str()).collect();
        item.milestone_inlines = milestone.to_vec();
        plan
    };
    let old = with(
        &[
            plain("Ask TSB to report"),
            reference.clone(),
            plain("\n"),
            plain("See "),
            link.clone(),
        ],
        &[plain("TSAG 2023"), reference.clone()],
    );
    let new = with(
        &[
            plain("Ask TSB to report yearly"),
            reference.clone(),
            plain("\n"),
            plain("See "),
            link,
        ],
        &[plain("TSAG 2024"), reference],
    );
    let redline = assert_round_trip(&old, &new, "A with formatted cells edited");
    let xml = document_xml(&redline);
    let (deleted, inserted) = deleted_and_inserted(&xml);
    assert!(deleted.contains(&"2023".to_string()), "{deleted:?}");
    assert!(inserted.contains(&"yearly".to_string()), "{inserted:?}");
    assert!(inserted.contains(&"2024".to_string()), "{inserted:?}");
}
