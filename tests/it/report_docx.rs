//! The Word report: round trip through the reader, determinism, package hygiene (deflated
//! entries, a grid for every table, a real TOC field), schema validity (xmllint), and the
//! file opening in pandoc and LibreOffice.
//!
//! Component tests skip loudly when their program is missing and fail when
//! ACTPLAN_REQUIRE_COMPONENTS=1 (set by .ci/run).

use crate::common;
use crate::common::assert_success;
use crate::common::{fixture, read_edition as edition, scratch};

use common::component;

use actplan::model::ActionPlan;
use actplan::render::{Format, RenderOptions};
use actplan::ReadOptions;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

fn read(bytes: &[u8]) -> ActionPlan {
    actplan::read_docx(bytes, &ReadOptions::default())
        .unwrap_or_else(|e| panic!("generated .docx does not read back: {e}"))
        .plan
}

fn to_docx(plan: &ActionPlan) -> Vec<u8> {
    actplan::render(plan, Format::Docx, &RenderOptions::default()).unwrap()
}

fn part(docx: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// `plan`'s Word report with the styles, page and headers of `reference` (`--reference-doc`).
fn render_on(plan: &ActionPlan, reference: Vec<u8>) -> Vec<u8> {
    let options = RenderOptions {
        reference_doc: Some(reference),
        ..RenderOptions::default()
    };
    actplan::render(plan, Format::Docx, &options).unwrap()
}

#[test]
fn docx_json_docx_json_round_trip_is_identical() {
    for name in ["action-plan-edition-a.docx", "action-plan-edition-b.docx"] {
        let plan = edition(name);
        let again = read(&to_docx(&plan));
        assert_eq!(
            actplan::model::json::to_json_string(&again),
            actplan::model::json::to_json_string(&plan),
            "{name}: the report read back differs from its input"
        );
    }
}

#[test]
fn mark_texts_and_extra_columns_read_back_unchanged() {
    let plan = common::edition_a_with_item_extras();
    let docx = to_docx(&plan);
    let again = read(&docx);
    let first = &again.resolutions[0].action_items[0];
    assert_eq!(first.completed_text.as_deref(), Some("Partially"));
    assert_eq!(first.periodic_goals_met_text.as_deref(), Some("see SG2"));
    assert_eq!(
        first.extra.get("Responsible").map(String::as_str),
        Some("TSB")
    );
    assert_eq!(
        first.extra.get("Comment").map(String::as_str),
        Some("x"),
        "\"Comment\" stays an extra column, not the Status one"
    );
    assert_eq!(
        actplan::model::json::to_json_string(&again),
        actplan::model::json::to_json_string(&plan),
        "the report read back differs from its input"
    );
    let document = part(&docx, "word/document.xml");
    for text in [
        "Partially",
        "see SG2",
        ">Responsible<",
        ">Comment<",
        ">TSB<",
    ] {
        assert!(document.contains(text), "{text} is in the report");
    }
}

#[test]
fn same_plan_gives_the_same_bytes() {
    let plan = edition("action-plan-edition-a.docx");
    assert_eq!(to_docx(&plan), to_docx(&plan));
}

#[test]
fn package_is_deflated_and_every_table_has_a_grid() {
    let docx = to_docx(&edition("action-plan-edition-a.docx"));
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&docx[..])).unwrap();
    for index in 0..archive.len() {
        let entry = archive.by_index(index).unwrap();
        assert_eq!(
            entry.compression(),
            zip::CompressionMethod::Deflated,
            "{:?} is stored uncompressed",
            entry.name()
        );
    }
    let document = part(&docx, "word/document.xml");
    let tables = document.matches("<w:tbl>").count();
    assert!(tables > 58, "only {tables} tables");
    assert_eq!(
        tables,
        document.matches("<w:tblGrid>").count(),
        "a table without w:tblGrid"
    );
}

#[test]
fn table_of_contents_is_a_real_field_linking_to_heading_bookmarks() {
    let plan = edition("action-plan-edition-a.docx");
    let document = part(&to_docx(&plan), "word/document.xml");
    assert!(document.contains("TOC \\o \"1-3\" \\h \\z \\u"));
    // Word refreshes the page numbers on opening.
    assert!(part(&to_docx(&plan), "word/settings.xml").contains("<w:updateFields w:val=\"true\"/>"));
    let toc_end = document
        .find("Section I -")
        .unwrap_or(0)
        .max(document.find("<w:sectPr").unwrap_or(0));
    let toc = &document[..toc_end];
    for resolution in &plan.resolutions {
        let entry = format!(
            "{} {} – {}",
            resolution.kind.as_str(),
            resolution.number,
            resolution.title
        );
        let entry = entry
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        assert!(toc.contains(&entry), "no TOC entry for {entry}");
    }
    let anchors: Vec<&str> = toc
        .split("<w:hyperlink w:anchor=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    assert!(anchors.len() > plan.resolutions.len());
    for anchor in anchors {
        assert!(
            document.contains(&format!("w:name=\"{anchor}\"")),
            "TOC links to {anchor}, which no bookmark defines"
        );
    }
}

#[test]
fn heading_pages_are_the_results_of_the_contents_pagerefs_and_read_back_as_nothing() {
    let plan = edition("action-plan-edition-a.docx");
    let headings = actplan::render::docx::contents_headings(&plan);
    assert_eq!(
        headings.len(),
        2 + plan.resolutions.len() + plan.appendices.len()
    );
    assert!(headings[2].starts_with("Resolution 1 – "), "{headings:?}");
    let options = RenderOptions {
        heading_pages: (0..headings.len()).map(|i| Some(i as u32 + 5)).collect(),
        ..RenderOptions::default()
    };
    let docx = actplan::render(&plan, Format::Docx, &options).unwrap();
    let document = part(&docx, "word/document.xml");
    let results: Vec<&str> = document
        .split("\\h </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>")
        .skip(1)
        .map(|rest| {
            rest.strip_prefix("<w:r><w:t>")
                .and_then(|r| r.split('<').next())
                .unwrap_or("")
        })
        .collect();
    let expected: Vec<String> = (0..headings.len()).map(|i| (i + 5).to_string()).collect();
    assert_eq!(results, expected);
    // The pages are layout, not content: the report reads back to the same plan.
    assert_eq!(
        actplan::model::json::to_json_string(&read(&docx)),
        actplan::model::json::to_json_string(&plan)
    );
}

#[test]
fn a_footnote_starting_with_a_table_reads_back_the_same() {
    let mut plan = edition("action-plan-edition-a.docx");
    let table = actplan::model::Block {
        text: "Kyoto\t2008".into(),
        rows: Some(vec![vec![
            vec![actplan::model::Block::plain("Kyoto")],
            vec![actplan::model::Block::plain("2008")],
        ]]),
        ..actplan::model::Block::default()
    };
    let note = plan.footnotes.get_mut("3").expect("footnote 3");
    note.insert(0, table);
    let docx = to_docx(&plan);
    let notes = part(&docx, "word/footnotes.xml");
    let body = notes.split("<w:footnote w:id=\"3\">").nth(1).unwrap();
    assert!(
        body.find("<w:footnoteRef/>").unwrap() < body.find("<w:tbl>").unwrap(),
        "the number comes before the table"
    );
    let again = read(&docx);
    assert_eq!(
        serde_json::to_string(&again.footnotes["3"]).unwrap(),
        serde_json::to_string(&plan.footnotes["3"]).unwrap()
    );
    assert!(
        actplan::model::json::to_json_string(&again) == actplan::model::json::to_json_string(&plan),
        "the rest reads back the same"
    );
}

#[test]
fn settings_fill_the_cover() {
    let mut plan = edition("action-plan-edition-a.docx");
    let settings = [
        ("td_number".to_string(), "TD 412".to_string()),
        ("meeting".to_string(), "Geneva, 22-26 July 2024".to_string()),
    ];
    actplan::set_cover_fields(&mut plan, &settings).unwrap();
    let again = read(&to_docx(&plan));
    let cover = again.cover.unwrap();
    assert_eq!(cover.td_number.as_deref(), Some("TD 412"));
    assert_eq!(cover.meeting.as_deref(), Some("Geneva, 22-26 July 2024"));
}

#[test]
fn reference_doc_gives_its_styles_headers_and_page() {
    let plan = edition("action-plan-edition-b.docx");
    let reference = std::fs::read(fixture("action-plan-edition-a.docx")).unwrap();
    let docx = render_on(&plan, reference);
    let styles = part(&docx, "word/styles.xml");
    // The reference's own styles (e.g. its annotation styles) come along.
    assert!(styles.contains("w:styleId=\"CommentReference\""));
    let rels = part(&docx, "word/_rels/document.xml.rels");
    assert!(
        rels.contains("header1.xml") && rels.contains("footer1.xml"),
        "{rels}"
    );
    let again = read(&docx);
    assert_eq!(
        actplan::model::json::to_json_string(&again),
        actplan::model::json::to_json_string(&plan)
    );
}

#[test]
fn tables_take_the_reference_docs_table_style_or_the_built_in_one() {
    let plan = edition("action-plan-edition-a.docx");
    // Edition A has no "Action Plan Table": the built-in one comes along, header grey.
    let reference = std::fs::read(fixture("action-plan-edition-a.docx")).unwrap();
    let docx = render_on(&plan, reference);
    let styles = part(&docx, "word/styles.xml");
    assert_eq!(
        styles
            .matches("<w:name w:val=\"Action Plan Table\"/>")
            .count(),
        1
    );
    assert!(styles.contains("w:fill=\"D9D9D9\""));
    let document = part(&docx, "word/document.xml");
    let styled = document
        .matches("<w:tblStyle w:val=\"ActionPlanTable\"/>")
        .count();
    // Every table but the cover: the matrix, 58 action tables, the appendix, nested ones.
    assert!(styled >= 60, "{styled} tables in the style");
    assert!(
        !document.contains("<w:shd "),
        "header shading is the style's, not direct"
    );

    // A reference that defines the style (under an id of its own) restyles every table.
    let own = styles
        .replace(
            "w:styleId=\"ActionPlanTable\"",
            "w:styleId=\"SecretariatGrid\"",
        )
        .replace("w:fill=\"D9D9D9\"", "w:fill=\"FFCC00\"");
    let parts: Vec<(String, Vec<u8>)> = zip_entries(&docx)
        .into_iter()
        .map(|(name, bytes)| match name.as_str() {
            "word/styles.xml" => (name, own.clone().into_bytes()),
            _ => (name, bytes),
        })
        .collect();
    let docx = render_on(&plan, common::zip_parts(&parts));
    let styles = part(&docx, "word/styles.xml");
    assert!(!styles.contains("ActionPlanTable"), "no second table style");
    assert!(styles.contains("w:fill=\"FFCC00\"") && !styles.contains("D9D9D9"));
    let document = part(&docx, "word/document.xml");
    assert_eq!(
        document
            .matches("<w:tblStyle w:val=\"SecretariatGrid\"/>")
            .count(),
        styled
    );
}

/// Every entry of a zip archive, in order: (name, bytes).
fn zip_entries(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|index| {
            let mut entry = archive.by_index(index).unwrap();
            let mut content = Vec::new();
            entry.read_to_end(&mut content).unwrap();
            (entry.name().unwrap().to_string(), content)
        })
        .collect()
}

#[test]
fn a_reference_doc_that_is_not_a_docx_is_refused() {
    let options = RenderOptions {
        reference_doc: Some(b"not a zip".to_vec()),
        ..RenderOptions::default()
    };
    let error = actplan::render(
        &edition("action-plan-edition-a.docx"),
        Format::Docx,
        &options,
    )
    .unwrap_err();
    assert!(
        error.to_string().starts_with("reference document:"),
        "{error}"
    );
}

#[test]
fn every_word_part_validates_against_the_ooxml_schema() {
    let Some(xmllint) = component("xmllint") else {
        return;
    };
    let schema = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/ooxml-schemas/microsoft/wml-2010.xsd");
    let dir = scratch!("xsd");
    // Edition A with mark texts and extra columns: the extra columns' header bookmarks too.
    let docx = to_docx(&common::edition_a_with_item_extras());
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&docx[..])).unwrap();
    let names: Vec<String> = archive
        .file_names()
        .flatten()
        .map(|n| n.to_string())
        .collect();
    let word_parts: Vec<&String> = names
        .iter()
        .filter(|n| n.starts_with("word/") && n.ends_with(".xml") && !n.contains("_rels"))
        .collect();
    assert!(word_parts.len() >= 5, "{word_parts:?}");
    for name in word_parts {
        let mut text = String::new();
        archive
            .by_name(name)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        let path = dir.join(name.replace('/', "_"));
        std::fs::write(&path, text).unwrap();
        let out = Command::new(&xmllint)
            .args(["--noout", "--nonet", "--schema"])
            .arg(&schema)
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{name} does not validate:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// pandoc: on PATH, or the binary inside the pypandoc-binary wheel.
fn pandoc() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join("pandoc"))
            .find(|c| c.is_file())
    }) {
        return Some(path);
    }
    let out = Command::new("python3")
        .args(["-c", "import pypandoc; print(pypandoc.get_pandoc_path())"])
        .output()
        .ok()?;
    let path = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    path.is_file().then_some(path)
}

#[test]
fn pandoc_reads_the_report() {
    let Some(pandoc) = pandoc().or_else(|| component("pandoc")) else {
        return;
    };
    let dir = scratch!("pandoc");
    let path = dir.join("report.docx");
    std::fs::write(&path, to_docx(&edition("action-plan-edition-a.docx"))).unwrap();
    let out = Command::new(pandoc)
        .args(["-f", "docx", "-t", "plain"])
        .arg(&path)
        .output()
        .unwrap();
    assert_success(&out);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Rules of procedure of the ITU Telecommunication"));
    assert!(text.contains("22-02"));
}

#[test]
fn libreoffice_converts_the_report_and_the_pdf_has_every_item() {
    let Some(soffice) = component("soffice") else {
        return;
    };
    let Some(pdftotext) = component("pdftotext") else {
        return;
    };
    let plan = edition("action-plan-edition-a.docx");
    let dir = scratch!("pdf");
    let path = dir.join("report.docx");
    std::fs::write(&path, to_docx(&plan)).unwrap();
    let pdf = common::soffice_convert(&soffice, &path, "pdf", "pdf", &dir, &dir.join("profile"));
    let text = Command::new(pdftotext).arg(&pdf).arg("-").output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    let flat = flatten(&text);
    for resolution in &plan.resolutions {
        let title = flatten(&resolution.title);
        assert!(
            flat.contains(&title),
            "the PDF lacks the title {:?}",
            resolution.title
        );
        for item in &resolution.action_items {
            assert!(text.contains(&item.id), "the PDF lacks item {}", item.id);
        }
    }
    save_screenshot(&pdf);
}

/// Text without white space or hyphenation, to compare across line breaks.
fn flatten(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{AD}')
        .map(|c| if c == '\u{2011}' { '-' } else { c })
        .collect()
}

/// A PNG of the first Section II page, kept in target/ for a look (best effort).
fn save_screenshot(pdf: &Path) {
    let Some(dir) = pdf.parent() else { return };
    let target = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target");
    let _ = Command::new("pdftoppm")
        .args(["-png", "-r", "70", "-f", "17", "-l", "17"])
        .arg(pdf)
        .arg(dir.join("page"))
        .status();
    if let Some(Ok(entry)) = std::fs::read_dir(dir).ok().and_then(|mut d| {
        d.find(|e| {
            e.as_ref()
                .is_ok_and(|e| e.file_name().to_string_lossy().starts_with("page"))
        })
    }) {
        let _ = std::fs::copy(entry.path(), target.join("report-docx-page.png"));
    }
}
