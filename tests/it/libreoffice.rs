//! Component test: an edition re-saved by LibreOffice reads to the same content.
//!
//! Needs `soffice` (LibreOffice). Without it the test skips with a loud message; with
//! `ACTPLAN_REQUIRE_COMPONENTS=1` (set by `.ci/run`) a missing LibreOffice is a failure.

use crate::common;

use common::component;

use std::path::{Path, PathBuf};

fn plan_of(path: &Path) -> actplan::ActionPlan {
    let bytes = std::fs::read(path).unwrap();
    actplan::read_docx(&bytes, &actplan::ReadOptions::default())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .plan
}

/// The content a re-save must keep: texts, marks, ids, list levels (formatting, bookmarks
/// and LibreOffice's rewritten footnote bodies left out).
fn content(plan: &actplan::ActionPlan) -> serde_json::Value {
    let mut value = serde_json::to_value(plan).unwrap();
    strip(&mut value);
    value.as_object_mut().unwrap().remove("footnotes");
    value
}

fn strip(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            // Presentation, not content; `header_rows` too: Writer cannot repeat the
            // heading rows of a nested table and drops their w:tblHeader on saving.
            for key in ["inlines", "style", "bookmarks", "anchor", "header_rows"] {
                map.remove(key);
            }
            map.values_mut().for_each(strip);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(strip),
        _ => {}
    }
}

#[test]
fn edition_resaved_by_libreoffice_reads_the_same() {
    let Some(soffice) = component("soffice") else {
        return;
    };
    let source =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/action-plan-edition-a.docx");
    let out_dir = std::env::temp_dir().join(format!("actplan-lo-{}", std::process::id()));
    std::fs::create_dir_all(&out_dir).unwrap();
    let resaved = common::soffice_convert(
        &soffice,
        &source,
        "docx:MS Word 2007 XML",
        "docx",
        &out_dir,
        &out_dir.join("profile"),
    );
    let original = plan_of(&source);
    let libreoffice = plan_of(&resaved);
    assert_eq!(libreoffice.resolutions.len(), 58);
    assert_eq!(content(&libreoffice), content(&original));
    let _ = std::fs::remove_dir_all(&out_dir);
}
