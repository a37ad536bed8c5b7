//! The Word redline: the new edition's report with tracked changes against the old one.
//! Read with every change accepted it is the new edition; rejected, the old one.

mod common;

use common::component;

use actplan::model::ActionPlan;
use actplan::render::docx::write_redline;
use actplan::{ReadOptions, RevisionMode};
use std::io::Read;
use std::path::PathBuf;
use std::process::Command;

const DATE: &str = "2024-01-22T09:00:00Z";

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

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
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut text = String::new();
    archive
        .by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn accepting_gives_the_new_edition_and_rejecting_the_old_one() {
    let a = edition("action-plan-edition-a.docx");
    let b = edition("action-plan-edition-b.docx");
    for (old, new, direction) in [(&a, &b, "A→B"), (&b, &a, "B→A")] {
        let redline = write_redline(old, new, DATE).unwrap();
        assert_eq!(
            json(&read(&redline, RevisionMode::Accept)),
            json(new),
            "{direction}: accepted ≠ new"
        );
        assert_eq!(
            json(&read(&redline, RevisionMode::Reject)),
            json(old),
            "{direction}: rejected ≠ old"
        );
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
        let schema = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/ooxml-schemas/microsoft/wml-2010.xsd");
        let path = dir.join("document.xml");
        std::fs::write(&path, document_xml(&redline)).unwrap();
        let out = Command::new(xmllint)
            .args(["--noout", "--nonet", "--schema"])
            .arg(&schema)
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let Some(soffice) = component("soffice") else {
        return;
    };
    let path = dir.join("redline.docx");
    std::fs::write(&path, &redline).unwrap();
    common::soffice_convert(&soffice, &path, "pdf", "pdf", &dir, &dir.join("profile"));
}
