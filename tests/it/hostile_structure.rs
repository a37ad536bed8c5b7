//! Pathological structure: deep nesting must not overflow the stack or blow up.

use crate::common;

use common::{wrap_document, DocxBuilder};

fn read(body: &str) -> Result<actplan::Ingested, actplan::Error> {
    let docx = DocxBuilder::new()
        .document_xml(&wrap_document(body))
        .build();
    actplan::read_docx(&docx, &actplan::ReadOptions::default())
}

#[test]
fn a_hundred_thousand_nested_elements_do_not_overflow() {
    let depth = 100_000;
    let body = format!(
        "{}<w:p><w:r><w:t>deep</w:t></w:r></w:p>{}",
        "<w:customXml w:element=\"x\">".repeat(depth),
        "</w:customXml>".repeat(depth)
    );
    // It reads (no action table, so the clean "not an action plan" error), no overflow.
    let error = read(&body).unwrap_err();
    assert!(error.to_string().contains("no action plan"), "{error}");
}

#[test]
fn deeply_nested_tables_are_refused_cleanly() {
    let depth = 100_000;
    let body = format!(
        "{}<w:p/>{}",
        "<w:tbl><w:tr><w:tc>".repeat(depth),
        "</w:tc></w:tr></w:tbl>".repeat(depth)
    );
    let error = read(&body).unwrap_err();
    assert!(
        error.to_string().contains("nested deeper than 64"),
        "{error}"
    );
}

#[test]
fn deeply_nested_runs_of_links_and_fields_stay_bounded() {
    let depth = 50_000;
    let body = format!(
        "<w:p>{}{}<w:r><w:t>x</w:t></w:r>{}</w:p>",
        "<w:hyperlink w:anchor=\"a\">".repeat(depth),
        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>".repeat(depth),
        "</w:hyperlink>".repeat(depth)
    );
    let error = read(&body).unwrap_err();
    assert!(error.to_string().contains("no action plan"), "{error}");
}
