//! Component test: edition A's report as `actplan convert -o report.pdf` writes it (laid
//! out by LibreOffice, its contents carrying the pages of that layout):
//! * every heading of the PDF's outline has its page in the contents, and it is right;
//! * an item's row starts on the page where its status starts (at most 1 % of the items
//!   with a status may not; 37 of 310 did before keep-with-next);
//! * no word of the summary matrix is broken inside ("Associat-es");
//! * Appendix I starts a page;
//! * every footnote the model cites is printed.
//!
//! Needs `soffice` (LibreOffice), `pdftotext` and `pdftohtml` (poppler). Without them the
//! test skips with a loud message; with `ACTPLAN_REQUIRE_COMPONENTS=1` a missing program is
//! a failure. `pdftoppm`, when present, measures the pages more than a quarter blank
//! (printed, not asserted: the figure for the issue's note).

use crate::common;
use crate::common::assert_success;

use common::{actplan_command, component, edition_a, fixture, pdf_pages, scratch, PdfText};

use actplan::model::{ActionPlan, Block};
use std::path::PathBuf;

/// The first words of a status: its first block's text, or its table's first cell's.
fn status_start(status: &[Block]) -> Option<String> {
    let block = status.iter().find(|b| !b.text.trim().is_empty())?;
    let text = match &block.rows {
        Some(rows) => rows
            .iter()
            .flatten()
            .flatten()
            .map(|b| b.text.clone())
            .find(|t| !t.trim().is_empty())?,
        None => block.text.clone(),
    };
    let words: Vec<&str> = text.split_whitespace().take(4).collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// Edition A's report written by `actplan convert -o report.pdf` (laid out by
/// LibreOffice, its contents carrying the pages of that layout), with the `.docx` of the
/// same run's `-o report.docx`; `None` when a component is missing.
fn converted() -> Option<PathBuf> {
    component("soffice")?;
    component("pdftotext")?;
    component("pdftohtml")?;
    if !common::times_metric_font() {
        return None;
    }
    let pdf = scratch!("converted").join("report.pdf");
    let started = std::time::Instant::now();
    let out = actplan_command()
        .arg("convert")
        .arg(fixture("action-plan-edition-a.docx"))
        .arg("-o")
        .arg(&pdf)
        .output()
        .unwrap();
    assert_success(&out);
    eprintln!("convert -o report.pdf took {:?}", started.elapsed());
    Some(pdf)
}

/// The outline of a PDF as `pdftohtml -xml` reads it: (title, page) in order.
fn outline(pdf: &std::path::Path) -> Vec<(String, usize)> {
    let out = std::process::Command::new("pdftohtml")
        .args(["-xml", "-i", "-q", "-stdout"])
        .arg(pdf)
        .output()
        .unwrap();
    let xml = String::from_utf8_lossy(&out.stdout);
    let item = regex::Regex::new(r#"<item page="(\d+)">([^<]*)</item>"#).unwrap();
    item.captures_iter(&xml)
        .map(|c| {
            let title = c[2]
                .replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'");
            (title, c[1].parse().unwrap())
        })
        .collect()
}

#[test]
fn the_pdf_report_is_paginated_with_its_contents_page_numbers_right() {
    let Some(pdf) = converted() else {
        return;
    };
    let plan = edition_a();
    let pages = pdf_pages(&pdf);
    let outline = outline(&pdf);
    contents_pages_are_right(&pages, &outline);
    matrix_words_are_whole(plan, &pages, outline[0].1, outline[1].1);
    let cursor = items_start_with_their_status(plan, &pages);
    appendix_i_starts_a_page(plan, &pages, cursor);
    cited_footnotes_are_printed(plan, &pages);
    if let Some(blank) = common::blank_pages(&pdf, 0.25) {
        eprintln!("pages more than a quarter blank: {blank:?}");
    }
}

/// Every heading of the outline has its page in the contents (the number after its
/// entry's dot leader), and the number is that of the outline.
fn contents_pages_are_right(pages: &PdfText, outline: &[(String, usize)]) {
    assert!(outline.len() >= 60, "outline: {outline:?}");
    let contents = pages.find_line("Contents", 0).expect("Contents heading");
    let number = regex::Regex::new(r"^[\s.…·]*(\d+)").unwrap();
    let mut cursor = contents;
    let mut wrong = Vec::new();
    for (title, page) in outline {
        let Some(at) = pages.find_text(title, cursor) else {
            wrong.push(format!("{title}: not in the contents"));
            continue;
        };
        assert!(
            pages.page_of(at) < *page,
            "{title}: found on page {} after the contents",
            pages.page_of(at)
        );
        cursor = at + common::normalise_line(title).len();
        let after = pages.text_after(cursor, 200).replace('\n', " ");
        match number.captures(&after) {
            Some(c) if c[1].parse::<usize>() == Ok(*page) => {}
            _ => wrong.push(format!("{title}: p. {page}, contents: {after:?}")),
        }
    }
    assert!(wrong.is_empty(), "{} wrong: {wrong:#?}", wrong.len());
}

/// At most 1 % of the items with a status start it on another page than their row's.
/// Gives back where the last item was found.
fn items_start_with_their_status(plan: &ActionPlan, pages: &PdfText) -> usize {
    let mut cursor = 0;
    let mut measured = 0;
    let mut apart = Vec::new();
    let mut lost = Vec::new();
    for item in plan.resolutions.iter().flat_map(|r| &r.action_items) {
        let Some(start) = status_start(&item.status) else {
            continue;
        };
        let Some(id_at) = pages.find_line(&item.id, cursor) else {
            lost.push(item.id.clone());
            continue;
        };
        cursor = id_at;
        let Some(status_at) = pages.find_text(&start, id_at) else {
            lost.push(item.id.clone());
            continue;
        };
        measured += 1;
        let (id_page, status_page) = (pages.page_of(id_at), pages.page_of(status_at));
        if id_page != status_page {
            apart.push(format!("{} (p. {id_page} → {status_page})", item.id));
        }
    }
    eprintln!(
        "{measured} items measured, {} start their status on another page: {apart:?}",
        apart.len()
    );
    assert!(measured >= 300, "only {measured} items found: {lost:?}");
    assert!(lost.len() <= 3, "items not found in the PDF text: {lost:?}");
    assert!(
        apart.len() * 100 <= measured,
        "{} of {measured} items start their status on another page: {apart:?}",
        apart.len()
    );
    cursor
}

/// Appendix I's heading is the first text of its page (after the page header).
fn appendix_i_starts_a_page(plan: &ActionPlan, pages: &PdfText, from: usize) {
    let appendix = &plan.appendices[0].title;
    let at = pages.find_line(appendix, from).expect("Appendix I heading");
    let before = pages.text_before_on_page(at);
    assert!(
        before.lines().count() <= 1,
        "Appendix I does not start page {}: {before:?}",
        pages.page_of(at)
    );
}

/// Every footnote the model cites is printed (its first words are in the PDF's text).
fn cited_footnotes_are_printed(plan: &ActionPlan, pages: &PdfText) {
    let json = serde_json::to_string(plan).unwrap();
    let mut missing = Vec::new();
    let mut checked = 0;
    for (id, blocks) in &plan.footnotes {
        if !json.contains(&format!("\"footnote\":\"{id}\"")) {
            continue;
        }
        let Some(start) = status_start(blocks) else {
            continue;
        };
        checked += 1;
        if !pages.contains_compact(&start) {
            missing.push(format!("{id}: {start}"));
        }
    }
    assert!(checked >= 6, "only {checked} cited footnotes");
    assert!(missing.is_empty(), "footnotes not printed: {missing:?}");
}

/// Every word of the summary matrix's column names and cells is printed whole on the
/// pages of Section I (`first` to before `next`); a line may break after a hyphen (and
/// pdftotext prints a non-breaking hyphen as nothing).
fn matrix_words_are_whole(plan: &ActionPlan, pages: &PdfText, first: usize, next: usize) {
    let summary = plan.summary.as_ref().expect("Section I");
    let trim = |w: &str| w.trim_matches([',', ';', '.']).to_string();
    let tokens: Vec<String> = (first..next)
        .flat_map(|n| {
            pages
                .page(n)
                .split_whitespace()
                .map(trim)
                .collect::<Vec<_>>()
        })
        .collect();
    let whole: std::collections::HashSet<String> = tokens
        .iter()
        .map(|t| t.replace(['-', '\u{2011}'], ""))
        .collect();
    let parts: std::collections::HashSet<String> = tokens
        .iter()
        .flat_map(|t| t.split('-').map(str::to_string))
        .collect();
    let texts = summary.columns.iter().map(|c| c.name.as_str()).chain(
        summary
            .rows
            .iter()
            .flat_map(|r| r.cells.iter().map(String::as_str)),
    );
    let mut broken: Vec<String> = texts
        .flat_map(str::split_whitespace)
        .map(trim)
        .filter(|w| w.chars().count() >= 4)
        .filter(|w| {
            let plain = w.replace(['-', '\u{2011}'], "");
            !whole.contains(&plain) && !w.split(['-', '\u{2011}']).all(|p| parts.contains(p))
        })
        .collect();
    broken.sort();
    broken.dedup();
    assert!(broken.is_empty(), "matrix words broken inside: {broken:?}");
}
