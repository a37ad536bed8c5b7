//! Reading fidelity (#10): editions typed by hand or laid out differently read to the same
//! content as the published layout, or to their content plus a warning naming the item.
//! Every edition is built here, in memory; every test asserts the content read.

use crate::common;

use actplan::model::{ActionPlan, Block, Inline, Item};
use actplan::render::{Format, RenderOptions};
use actplan::{Ingested, ReadOptions};
use common::*;
use std::collections::BTreeMap;

fn read(docx: &[u8]) -> Ingested {
    let read = actplan::read_docx(docx, &ReadOptions::default())
        .unwrap_or_else(|e| panic!("read failed: {e}"));
    // Whatever the layout, the model is valid JSON of the schema and reads back the same.
    let json = actplan::model::json::to_json_string(&read.plan);
    let back = actplan::model::json::from_json_str(&json).unwrap_or_else(|e| panic!("{e}\n{json}"));
    assert_eq!(back, read.plan, "JSON round trip");
    read
}

fn docx(body: &str) -> Vec<u8> {
    DocxBuilder::new()
        .styles(STANDARD_STYLES)
        .document_body(body)
        .build()
}

/// The plan rendered as Markdown and HTML (text) and read back from its Word report.
fn rendered(plan: &ActionPlan) -> (String, String, ActionPlan) {
    let text = |format: Format| {
        String::from_utf8(actplan::render(plan, format, &RenderOptions::default()).unwrap())
            .unwrap()
    };
    let report = actplan::render(plan, Format::Docx, &RenderOptions::default()).unwrap();
    (
        text(Format::Markdown),
        text(Format::Html),
        read(&report).plan,
    )
}

fn items(read: &Ingested) -> &[Item] {
    assert_eq!(
        read.plan.resolutions.len(),
        1,
        "{:#?}",
        read.plan.resolutions
    );
    &read.plan.resolutions[0].action_items
}

fn texts(blocks: &[Block]) -> Vec<&str> {
    blocks.iter().map(|b| b.text.as_str()).collect()
}

fn messages(read: &Ingested) -> Vec<String> {
    read.warnings.iter().map(ToString::to_string).collect()
}

/// A row of plain-text cells.
fn text_row(cells: &[&str]) -> String {
    row(&cells.iter().map(|c| text_cell(c)).collect::<Vec<_>>())
}

/// A repeating header row of the given texts.
fn header(cells: &[&str]) -> String {
    let cells: String = cells.iter().map(|t| text_cell(t)).collect();
    format!("<w:tr><w:trPr><w:tblHeader/></w:trPr>{cells}</w:tr>")
}

// ---------------------------------------------------------------------------------------
// Marks
// ---------------------------------------------------------------------------------------

#[test]
fn marks_are_read_by_meaning_and_unknown_marks_are_kept_with_a_warning() {
    let rows = [
        item_row("01-01", "A.", "2024", "X", "x"),
        item_row("01-02", "B.", "2024", "Yes", "✔"),
        item_row("01-03", "C.", "2024", "Y", "Done"),
        item_row("01-04", "D.", "2024", "☑", "DONE."),
        item_row("01-05", "E.", "2024", "No", "–"),
        item_row("01-06", "F.", "2024", "N", "-"),
        item_row("01-07", "G.", "2024", "", "Ongoing"),
        item_row("01-08", "H.", "2024", "√", ""),
    ]
    .concat();
    let read = read(&minimal_plan_docx(&rows));
    let marks: Vec<(&str, bool, bool)> = items(&read)
        .iter()
        .map(|i| (i.id.as_str(), i.periodic_goals_met, i.completed))
        .collect();
    assert_eq!(
        marks,
        [
            ("01-01", true, true),
            ("01-02", true, true),
            ("01-03", true, true),
            ("01-04", true, true),
            ("01-05", false, false),
            ("01-06", false, false),
            ("01-07", false, false),
            ("01-08", true, false),
        ]
    );
    let unknown = &items(&read)[6];
    assert_eq!(unknown.completed_text.as_deref(), Some("Ongoing"));
    assert_eq!(unknown.periodic_goals_met_text, None);
    assert!(items(&read)
        .iter()
        .filter(|i| i.id != "01-07")
        .all(|i| i.completed_text.is_none() && i.periodic_goals_met_text.is_none()));
    assert_eq!(
        messages(&read),
        ["Resolution 1: item 01-07: the Completed cell holds \"Ongoing\", not a known mark; read as false, text kept"]
    );
    let json = actplan::model::json::to_json_string(&read.plan);
    assert!(json.contains("\"completed_text\": \"Ongoing\""), "{json}");
}

#[test]
fn symbol_font_check_glyphs_are_true_marks() {
    let wingdings = "<w:p><w:r><w:sym w:font=\"Wingdings\" w:char=\"F0FC\"/></w:r></w:p>";
    let symbol = "<w:p><w:r><w:sym w:font=\"Symbol\" w:char=\"F0D6\"/></w:r></w:p>";
    let rows = item_row_xml([
        &para("01-01"),
        &para("A."),
        &para("2024"),
        wingdings,
        symbol,
    ]);
    let read = read(&minimal_plan_docx(&rows));
    let item = &items(&read)[0];
    assert!(item.periodic_goals_met && item.completed, "{item:?}");
    assert!(read.warnings.is_empty(), "{:?}", read.warnings);
}

// ---------------------------------------------------------------------------------------
// Columns by header
// ---------------------------------------------------------------------------------------

#[test]
fn a_status_column_reads_into_status() {
    let head = header(&[
        "Action item",
        "Action",
        "Milestone",
        "Periodic goals met",
        "Completed",
        "Status",
    ]);
    let rows = [
        text_row(&["01-01", "A.", "2024", "", "√", "Done in 2023."]),
        row(&[
            text_cell("01-02"),
            text_cell("B."),
            text_cell("2025"),
            text_cell("√"),
            text_cell(""),
            cell(&format!("{}{}", para("Started."), para("Half done."))),
        ]),
        text_row(&["01-03", "C.", "2026", "", "", ""]),
    ]
    .concat();
    let body = format!(
        "{}{}",
        heading2("Resolution 1 – Title"),
        table(
            &[1000, 3000, 1500, 900, 900, 3000],
            &format!("{head}{rows}")
        )
    );
    let read = read(&docx(&body));
    let got: Vec<(&str, bool, bool, Vec<&str>)> = items(&read)
        .iter()
        .map(|i| {
            (
                i.id.as_str(),
                i.periodic_goals_met,
                i.completed,
                texts(&i.status),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("01-01", false, true, vec!["Done in 2023."]),
            ("01-02", true, false, vec!["Started.", "Half done."]),
            ("01-03", false, false, vec![]),
        ]
    );
    assert!(read.warnings.is_empty(), "{:?}", read.warnings);
}

#[test]
fn a_status_column_and_a_spanning_status_row_both_feed_status() {
    let head = header(&[
        "Action item",
        "Action",
        "Milestone",
        "Periodic goals met",
        "Completed",
        "Progress",
    ]);
    let rows = [
        text_row(&["01-01", "A.", "2024", "", "", "From the column."]),
        row(&[
            cell(""),
            cell_with("<w:gridSpan w:val=\"5\"/>", &para("From the row.")),
        ]),
    ]
    .concat();
    let body = format!(
        "{}{}",
        heading2("Resolution 1 – Title"),
        table(
            &[1000, 3000, 1500, 900, 900, 3000],
            &format!("{head}{rows}")
        )
    );
    let read = read(&docx(&body));
    assert_eq!(
        texts(&items(&read)[0].status),
        ["From the column.", "From the row."]
    );
}

#[test]
fn columns_in_another_order_read_by_their_headers() {
    let head = header(&[
        "Milestone",
        "Completed (√)",
        "Action",
        "No.",
        "Periodic goal(s) met",
    ]);
    let rows = [
        text_row(&["2024", "Yes", "Do A.", "01-01", ""]),
        row(&[
            cell(""),
            cell_with("<w:gridSpan w:val=\"4\"/>", &para("Status A.")),
        ]),
        text_row(&["Q3 2025", "", "Do B.", "01-02", "✓"]),
    ]
    .concat();
    let body = format!(
        "{}{}",
        heading2("Resolution 1 – Title"),
        table(&[1500, 900, 3000, 1000, 900], &format!("{head}{rows}"))
    );
    let read = read(&docx(&body));
    let expected = [
        Item {
            id: "01-01".into(),
            action: "Do A.".into(),
            milestone: "2024".into(),
            completed: true,
            status: vec![Block::plain("Status A.")],
            ..Item::default()
        },
        Item {
            id: "01-02".into(),
            action: "Do B.".into(),
            milestone: "Q3 2025".into(),
            periodic_goals_met: true,
            ..Item::default()
        },
    ];
    assert_eq!(items(&read), expected);
    assert!(read.warnings.is_empty(), "{:?}", read.warnings);
}

#[test]
fn an_unknown_extra_column_is_kept_and_warned_about_once_per_table() {
    let head = header(&[
        "Action item",
        "Action",
        "Lead",
        "Deadline",
        "Periodic goals met",
        "Completed",
    ]);
    let rows = [
        text_row(&["01-01", "A.", "SG 2", "2024", "", ""]),
        text_row(&["01-02", "B.", "", "2025", "", ""]),
        text_row(&["01-03", "C.", "TSB", "2026", "", "X"]),
    ]
    .concat();
    let body = format!(
        "{}{}",
        heading2("Resolution 1 – Title"),
        table(
            &[1000, 3000, 1000, 1500, 900, 900],
            &format!("{head}{rows}")
        )
    );
    let read = read(&docx(&body));
    let extra: Vec<BTreeMap<String, String>> =
        items(&read).iter().map(|i| i.extra.clone()).collect();
    assert_eq!(
        extra,
        [
            BTreeMap::from([("Lead".to_string(), "SG 2".to_string())]),
            BTreeMap::new(),
            BTreeMap::from([("Lead".to_string(), "TSB".to_string())]),
        ]
    );
    assert_eq!(
        items(&read)[1].milestone,
        "2025",
        "Deadline is the milestone"
    );
    assert!(items(&read)[2].completed);
    assert_eq!(
        messages(&read),
        ["Resolution 1: the action table has columns of no known meaning (\"Lead\"); their cells are kept in each item's \"extra\""]
    );
    let json = actplan::model::json::to_json_string(&read.plan);
    assert!(json.contains("\"Lead\": \"SG 2\""), "{json}");
}

// ---------------------------------------------------------------------------------------
// Continuation tables
// ---------------------------------------------------------------------------------------

/// A paragraph holding only a page break.
fn page_break() -> String {
    "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>".into()
}

#[test]
fn a_table_split_between_an_item_and_its_status_keeps_the_status() {
    let first = action_table(
        &[
            item_row("01-01", "A.", "2024", "", ""),
            status_row_text(&["A status."]),
            item_row("01-02", "B.", "2025", "", "√"),
        ]
        .concat(),
    );
    let second = action_table(
        &[
            status_row_text(&["B status 1.", "B status 2."]),
            item_row("01-03", "C.", "2026", "", ""),
            status_row_text(&["C status."]),
        ]
        .concat(),
    );
    let body = format!(
        "{}{}{first}{}{}{second}{}",
        heading2("Resolution 1 – Title"),
        para("Operative."),
        page_break(),
        para(""),
        para("» Top")
    );
    let read = read(&docx(&body));
    let got: Vec<(&str, Vec<&str>)> = items(&read)
        .iter()
        .map(|i| (i.id.as_str(), texts(&i.status)))
        .collect();
    assert_eq!(
        got,
        [
            ("01-01", vec!["A status."]),
            ("01-02", vec!["B status 1.", "B status 2."]),
            ("01-03", vec!["C status."]),
        ]
    );
    assert!(read.warnings.is_empty(), "{:?}", read.warnings);
    assert!(read.plan.resolutions[0].notes.is_empty());
}

#[test]
fn a_continuation_without_a_repeated_header_reads_by_the_first_tables_columns() {
    let first = action_table(&item_row("01-01", "A.", "2024", "", ""));
    let second = table(
        &ACTION_GRID,
        &[
            status_row_text(&["A status."]),
            item_row("01-02", "B.", "2025", "Yes", ""),
        ]
        .concat(),
    );
    let body = format!(
        "{}{first}{}{second}",
        heading2("Resolution 1 – Title"),
        page_break()
    );
    let read = read(&docx(&body));
    let got: Vec<(&str, bool, Vec<&str>)> = items(&read)
        .iter()
        .map(|i| (i.id.as_str(), i.periodic_goals_met, texts(&i.status)))
        .collect();
    assert_eq!(
        got,
        [("01-01", false, vec!["A status."]), ("01-02", true, vec![])]
    );
}

#[test]
fn a_different_table_right_after_an_action_table_is_not_a_continuation() {
    let first = action_table(&item_row("01-01", "A.", "2024", "", ""));
    let other = table(
        &ACTION_GRID,
        &text_row(&["Meeting", "Date", "Place", "Host", "Notes"]),
    );
    let body = format!("{}{first}{other}", heading2("Resolution 1 – Title"));
    let read = read(&docx(&body));
    assert!(items(&read)[0].status.is_empty());
    assert_eq!(
        texts(&read.plan.resolutions[0].notes),
        ["Meeting\tDate\tPlace\tHost\tNotes"]
    );
}

#[test]
fn a_status_row_with_no_item_before_it_is_kept_with_a_warning() {
    let rows = [
        status_row_text(&["Orphan status."]),
        item_row("01-01", "A.", "2024", "", ""),
    ]
    .concat();
    let read = read(&minimal_plan_docx(&rows));
    assert_eq!(items(&read).len(), 1);
    assert_eq!(texts(&read.plan.resolutions[0].notes), ["Orphan status."]);
    assert_eq!(
        messages(&read),
        ["Resolution 1: a status row before any action item was kept in the resolution's notes: \"Orphan status.\""]
    );
}

#[test]
fn a_status_row_atop_a_separate_table_goes_to_the_item_before_with_a_warning() {
    let first = action_table(&item_row("01-01", "A.", "2024", "", ""));
    let second = action_table(
        &[
            status_row_text(&["Late status."]),
            item_row("01-02", "B.", "2025", "", ""),
        ]
        .concat(),
    );
    let body = format!(
        "{}{first}{}{second}",
        heading2("Resolution 1 – Title"),
        para("A paragraph between the tables.")
    );
    let read = read(&docx(&body));
    assert_eq!(texts(&items(&read)[0].status), ["Late status."]);
    assert_eq!(
        messages(&read),
        ["Resolution 1: a status row at the top of an action table was read as the status of item 01-01, the item before the table"]
    );
}

// ---------------------------------------------------------------------------------------
// Overflow: gridBefore
// ---------------------------------------------------------------------------------------

/// A summary matrix: the two header rows, then the given rows.
fn matrix(rows: &str) -> String {
    let groups = row(&[
        cell_with("<w:vMerge w:val=\"restart\"/>", &para("Resolution")),
        cell_with("<w:gridSpan w:val=\"6\"/>", &para("Action by")),
        cell_with("<w:gridSpan w:val=\"3\"/>", &para("Collaboration with")),
        cell_with("<w:gridSpan w:val=\"4\"/>", &para("Report to")),
    ]);
    let names = [
        "SGs",
        "TSAG",
        "TSB",
        "Membership",
        "Council",
        "GenSec",
        "GenSec",
        "BDT",
        "BR",
        "TSAG",
        "Council",
        "WTSA",
        "PP",
    ];
    let mut name_cells = vec![cell_with("<w:vMerge/>", "")];
    name_cells.extend(names.iter().map(|n| text_cell(n)));
    table(&[2000; 14], &format!("{groups}{}{rows}", row(&name_cells)))
}

fn matrix_row(tr_pr: &str, label: &str, marks: &[&str; 13]) -> String {
    let mut cells = vec![text_cell(label)];
    cells.extend(marks.iter().map(|m| text_cell(m)));
    format!("<w:tr><w:trPr>{tr_pr}</w:trPr>{}</w:tr>", cells.concat())
}

#[test]
fn a_huge_grid_before_in_the_matrix_reads_the_rows_cells() {
    let marks = ["X", "", "X", "", "", "", "", "", "", "X", "", "", "X"];
    let rows = [
        matrix_row("", "Resolution 1 – Title", &marks),
        matrix_row(
            "<w:gridBefore w:val=\"4294967295\"/><w:gridAfter w:val=\"4294967295\"/>",
            "Resolution 2 – Other",
            &marks,
        ),
    ]
    .concat();
    let body = format!(
        "{}{}{}",
        matrix(&rows),
        heading2("Resolution 1 – Title"),
        action_table(&simple_rows())
    );
    let read = read(&docx(&body));
    let summary = read.plan.summary.as_ref().expect("summary");
    assert_eq!(summary.columns.len(), 13);
    let cells: Vec<(&str, Vec<&str>)> = summary
        .rows
        .iter()
        .map(|r| {
            (
                r.label.as_str(),
                r.cells.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        cells,
        [
            ("Resolution 1", marks.to_vec()),
            ("Resolution 2", marks.to_vec()),
        ]
    );
}

#[test]
fn a_huge_grid_before_in_an_action_table_loses_nothing() {
    let shifted = format!(
        "<w:tr><w:trPr><w:gridBefore w:val=\"4294967295\"/></w:trPr>{}</w:tr>",
        [
            text_cell("01-02"),
            text_cell("B."),
            text_cell("2025"),
            text_cell(""),
            text_cell("")
        ]
        .concat()
    );
    let rows = format!("{}{shifted}", item_row("01-01", "A.", "2024", "", ""));
    let read = read(&minimal_plan_docx(&rows));
    // The gridBefore is reduced to what fits in the table grid (here 0): the row reads.
    let got: Vec<(&str, &str, &str)> = items(&read)
        .iter()
        .map(|i| (i.id.as_str(), i.action.as_str(), i.milestone.as_str()))
        .collect();
    assert_eq!(got, [("01-01", "A.", "2024"), ("01-02", "B.", "2025")]);
}

#[test]
fn a_grid_before_that_fits_the_grid_shifts_the_row() {
    // A row starting one grid column in: its first cell is in the action column, so it
    // has no id and is a status row of the item above (content kept, not an item).
    let shifted = format!(
        "<w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>{}{}</w:tr>",
        text_cell("Shifted status."),
        cell_with("<w:gridSpan w:val=\"3\"/>", &para("More."))
    );
    let rows = format!("{}{shifted}", item_row("01-01", "A.", "2024", "", ""));
    let read = read(&minimal_plan_docx(&rows));
    assert_eq!(items(&read).len(), 1);
    assert_eq!(texts(&items(&read)[0].status), ["Shifted status.", "More."]);
}

// ---------------------------------------------------------------------------------------
// Appendix items carry inlines
// ---------------------------------------------------------------------------------------

fn appendix_docx() -> Vec<u8> {
    let footnotes = "<w:footnote w:id=\"8\"><w:p><w:pPr><w:pStyle w:val=\"FootnoteText\"/></w:pPr>\
        <w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:footnoteRef/></w:r>\
        <w:r><w:t xml:space=\"preserve\"> [1bis.10 If there is no specific procedure.]</w:t></w:r></w:p></w:footnote>";
    let action = para_xml(&format!(
        "{}<w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:footnoteReference w:id=\"8\"/></w:r>{}",
        run("Take into account paragraph 1bis.10 (in WTSA-16 Doc116"),
        run(") when revising Resolution 1.")
    ));
    let items = table(
        &[1400, 8000],
        &[
            row(&[text_cell("22-13"), cell(&action)]),
            text_row(&["22-14", "Plain action."]),
        ]
        .concat(),
    );
    // A cover (the HTML report needs a TD number: see the closing note of #10).
    let cover = table(
        &[4000, 4000],
        &[text_row(&["TD 999", ""]), text_row(&["Source:", "TSB"])].concat(),
    );
    let body = format!(
        "{cover}{}{}{}",
        minimal_plan_body(&simple_rows()),
        styled_para_xml(
            "Heading1",
            &run("Appendix I – Obsolete action items from WTSA-16 Action Plan")
        ),
        items
    );
    DocxBuilder::new()
        .styles(STANDARD_STYLES)
        .footnotes(footnotes)
        .document_body(&body)
        .build()
}

#[test]
fn an_appendix_items_footnote_reference_is_read() {
    let read = read(&appendix_docx());
    let appendix = &read.plan.appendices[0];
    let first = &appendix.items[0];
    assert_eq!(
        first.action,
        "Take into account paragraph 1bis.10 (in WTSA-16 Doc116) when revising Resolution 1."
    );
    assert_eq!(
        first.action_inlines,
        [
            Inline {
                text: "Take into account paragraph 1bis.10 (in WTSA-16 Doc116".into(),
                ..Inline::default()
            },
            Inline {
                footnote: Some("8".into()),
                ..Inline::default()
            },
            Inline {
                text: ") when revising Resolution 1.".into(),
                ..Inline::default()
            },
        ]
    );
    assert!(appendix.items[1].action_inlines.is_empty(), "plain text");
    assert_eq!(
        texts(&read.plan.footnotes["8"]),
        ["[1bis.10 If there is no specific procedure.]"]
    );
}

#[test]
fn reports_show_the_appendix_footnote() {
    let plan = read(&appendix_docx()).plan;
    let md = String::from_utf8(
        actplan::render(&plan, Format::Markdown, &RenderOptions::default()).unwrap(),
    )
    .unwrap();
    assert!(
        md.contains("| 22-13 | Take into account paragraph 1bis.10 (in WTSA-16 Doc116[^1]) when revising Resolution 1. |"),
        "{md}"
    );
    assert!(
        md.contains("[^1]: \\[1bis.10 If there is no specific procedure.\\]")
            || md.contains("[^1]: [1bis.10 If there is no specific procedure.]"),
        "{md}"
    );
    let html =
        String::from_utf8(actplan::render(&plan, Format::Html, &RenderOptions::default()).unwrap())
            .unwrap();
    assert!(
        html.contains("Doc116<sup class=\"fnref\"><a id=\"fnref-1\" href=\"#fn-1\""),
        "the reference in the appendix table"
    );
    assert!(
        html.contains("<li id=\"fn-1\"><span class=\"fn-mark\">1</span>"),
        "the footnote"
    );
    assert!(html.contains("If there is no specific procedure."));
    // The .docx report, read back, has the reference in the appendix item again.
    let report = actplan::render(&plan, Format::Docx, &RenderOptions::default()).unwrap();
    let again = read(&report).plan;
    let item = &again.appendices[0].items[0];
    assert_eq!(item.action, plan.appendices[0].items[0].action);
    let note = item
        .action_inlines
        .iter()
        .find_map(|i| i.footnote.clone())
        .expect("a footnote reference in the appendix item");
    assert_eq!(
        texts(&again.footnotes[&note]),
        ["[1bis.10 If there is no specific procedure.]"]
    );
}

#[test]
fn an_item_actions_link_and_footnote_reference_are_read_and_shown() {
    let footnotes =
        "<w:footnote w:id=\"3\"><w:p><w:r><w:t>See the 2022 report.</w:t></w:r></w:p></w:footnote>";
    let action = para_xml(&format!(
        "{}<w:r><w:rPr><w:b/></w:rPr><w:t>TSB</w:t></w:r>{}<w:r><w:footnoteReference w:id=\"3\"/></w:r>",
        run("Ask "),
        run(" to report")
    ));
    let rows = format!(
        "{}{}",
        item_row_xml([&para("01-01"), &action, &para("2024"), "", ""]),
        status_row_text(&["Started."])
    );
    let cover = table(&[4000, 4000], &text_row(&["TD 999", ""]));
    let docx = DocxBuilder::new()
        .styles(STANDARD_STYLES)
        .footnotes(footnotes)
        .document_body(&format!("{cover}{}", minimal_plan_body(&rows)))
        .build();
    let plan = read(&docx).plan;
    let item = &plan.resolutions[0].action_items[0];
    assert_eq!(item.action, "Ask TSB to report");
    assert_eq!(
        item.action_inlines,
        [
            Inline {
                text: "Ask ".into(),
                ..Inline::default()
            },
            Inline {
                text: "TSB".into(),
                bold: true,
                ..Inline::default()
            },
            Inline {
                text: " to report".into(),
                ..Inline::default()
            },
            Inline {
                footnote: Some("3".into()),
                ..Inline::default()
            },
        ]
    );
    let (md, html, again) = rendered(&plan);
    assert!(md.contains("**Action:** Ask **TSB** to report[^1]"), "{md}");
    assert!(md.contains("[^1]: See the 2022 report."), "{md}");
    assert!(
        html.contains("Ask <strong>TSB</strong> to report<sup class=\"fnref\"><a id=\"fnref-1\""),
        "the action cell shows the emphasis and the reference"
    );
    let item_again = &again.resolutions[0].action_items[0];
    assert_eq!(item_again.action, item.action);
    let note = item_again
        .action_inlines
        .iter()
        .find_map(|i| i.footnote.clone())
        .expect("the reference survives the .docx report");
    assert_eq!(texts(&again.footnotes[&note]), ["See the 2022 report."]);
}

#[test]
fn version_1_and_2_json_still_read() {
    for version in [1, 2] {
        older_json_reads(version);
    }
}

fn older_json_reads(version: u32) {
    let json = r#"{
  "schema_version": VERSION,
  "resolutions": [{"kind": "Resolution", "number": "1", "title": "T",
    "action_items": [{"id": "01-01", "action": "A.", "milestone": "2024",
      "periodic_goals_met": false, "completed": true, "status": [{"text": "Done.", "list_level": null}]}]}],
  "appendices": [{"title": "Appendix I", "items": [{"id": "16-01", "action": "Old."}]}]
}"#;
    let json = json.replace("VERSION", &version.to_string());
    let plan = actplan::model::json::from_json_str(&json).unwrap();
    assert_eq!(plan.schema_version, actplan::model::SCHEMA_VERSION);
    assert_eq!(plan.schema_version, 3);
    let item = &plan.resolutions[0].action_items[0];
    assert!(item.completed && item.completed_text.is_none() && item.extra.is_empty());
    assert!(item.milestone_inlines.is_empty());
    assert_eq!(plan.appendices[0].items[0].action, "Old.");
    let written = actplan::model::json::to_json_string(&plan);
    assert!(
        written.starts_with("{\n  \"schema_version\": 3,"),
        "{written}"
    );
}

// ---------------------------------------------------------------------------------------
// Text boxes
// ---------------------------------------------------------------------------------------

#[test]
fn text_box_content_is_read_after_its_paragraph() {
    let drawing = "<w:r><w:drawing><wp:inline xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\">\
        <a:graphic xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\">\
        <a:graphicData uri=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\">\
        <wps:wsp xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\"><wps:txbx>\
        <w:txbxContent><w:p><w:r><w:t>Boxed note.</w:t></w:r></w:p></w:txbxContent>\
        </wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>";
    let pict = "<w:r><w:pict><v:shape xmlns:v=\"urn:schemas-microsoft-com:vml\"><v:textbox>\
        <w:txbxContent><w:p><w:r><w:t>VML box.</w:t></w:r></w:p></w:txbxContent>\
        </v:textbox></v:shape></w:pict></w:r>";
    let status = format!(
        "{}{}",
        para_xml(&format!("{}{drawing}{}", run("Before "), run("after."))),
        para_xml(&format!("{}{pict}", run("Second.")))
    );
    let rows = format!(
        "{}{}",
        item_row("01-01", "A.", "2024", "", ""),
        status_row(&status)
    );
    let read = read(&minimal_plan_docx(&rows));
    assert_eq!(
        texts(&items(&read)[0].status),
        ["Before after.", "Boxed note.", "Second.", "VML box."]
    );
    // A text box is read: no picture is reported lost.
    assert!(read.warnings.is_empty(), "{:?}", messages(&read));
}

/// A picture (`w:drawing` without a text box) in a run.
const PICTURE: &str = "<w:r><w:drawing><wp:inline xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\">\
    <a:graphic xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\">\
    <a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"/>\
    </a:graphic></wp:inline></w:drawing></w:r>";

#[test]
fn pictures_are_warned_about_where_they_are_lost() {
    let tick = para_xml(PICTURE);
    let status = format!("{}{}", para("Chart below:"), para_xml(PICTURE));
    let object = para_xml(
        "<w:r><w:object><v:shape xmlns:v=\"urn:schemas-microsoft-com:vml\"/></w:object></w:r>",
    );
    let rows = format!(
        "{}{}{}{}",
        item_row_xml([&para("01-01"), &para("Report"), &para("2024"), "", &tick]),
        status_row(&status),
        item_row("01-02", "Publish", "2025", "", ""),
        status_row(&object)
    );
    let operative = format!("{}{}", para("Operative."), para_xml(PICTURE));
    let body = resolution_xml("Resolution 1 – Title", &[], &rows).replacen(
        "<w:tbl>",
        &format!("{operative}<w:tbl>"),
        1,
    );
    let read = read(&docx(&body));
    let item = &items(&read)[0];
    assert!(!item.completed, "a picture is not a mark");
    assert_eq!(texts(&item.status), ["Chart below:"]);
    let warnings = messages(&read);
    for expected in [
        "Resolution 1: a paragraph holds a picture, not kept",
        "item 01-01: the Completed cell holds a picture; only its text is kept",
        "item 01-01: its status row holds a picture, not kept",
        "item 01-02: its status row holds a picture, not kept",
    ] {
        assert!(
            warnings.iter().any(|w| w.contains(expected)),
            "{expected:?} not in {warnings:#?}"
        );
    }
    assert_eq!(warnings.len(), 4, "{warnings:#?}");
}

#[test]
fn a_logo_on_the_cover_is_not_warned_about() {
    let cover = table(
        &[4000, 4000],
        &row(&[cell(&para_xml(PICTURE)), text_cell("TD 999")]),
    );
    let body = format!("{cover}{}", minimal_plan_body(&simple_rows()));
    let read = read(&docx(&body));
    assert!(read.warnings.is_empty(), "{:?}", messages(&read));
}

// ---------------------------------------------------------------------------------------
// Nested tables
// ---------------------------------------------------------------------------------------

#[test]
fn a_nested_tables_repeating_header_rows_are_counted_and_rendered_as_a_header() {
    let nested = |first_rows: &str| {
        table(
            &[1200, 2400],
            &format!(
                "{first_rows}{}",
                text_row(&["East Africa", "EACO, 8 February 2023"])
            ),
        )
    };
    let with_header = nested(&format!(
        "{}{}",
        header(&["Region", "Organized with"]),
        header(&["", "(and date)"])
    ));
    let without = nested(&text_row(&["Region", "Organized with"]));
    let rows = format!(
        "{}{}{}{}",
        item_row("01-01", "First.", "2024", "", ""),
        status_row(&with_header),
        item_row("01-02", "Second.", "2024", "", ""),
        status_row(&without)
    );
    let body = minimal_plan_body(&rows);
    let read = read(&docx(&body));
    let tables: Vec<&Block> = items(&read).iter().map(|item| &item.status[0]).collect();
    assert_eq!(tables[0].rows.as_ref().map(Vec::len), Some(3));
    assert_eq!(tables[0].header_rows, Some(2));
    assert_eq!(tables[1].header_rows, None, "no w:tblHeader, no header");

    // Word: the rows repeat with the table style's header look; read back the same.
    let docx = actplan::render(&read.plan, Format::Docx, &RenderOptions::default()).unwrap();
    let again = actplan::read_docx(&docx, &ReadOptions::default())
        .unwrap()
        .plan;
    assert_eq!(again, read.plan);
    // HTML: th cells in a thead, the other rows in the tbody.
    let html = String::from_utf8(
        actplan::render(&read.plan, Format::Html, &RenderOptions::default()).unwrap(),
    )
    .unwrap();
    assert!(
        html.contains("<div class=\"nested\"><table><thead><tr><th><p>Region</p></th>"),
        "{}",
        &html[html.find("class=\"nested\"").unwrap_or(0)..][..400]
    );
    assert_eq!(
        html.matches("<div class=\"nested\"><table><thead>").count(),
        1
    );
    assert_eq!(
        html.matches("<div class=\"nested\"><table><tbody>").count(),
        1
    );
}

// ---------------------------------------------------------------------------------------
// Footnote references, links and tables in cells read as text
// ---------------------------------------------------------------------------------------

/// A one-item plan whose item row has the given cell paragraphs, with footnote 3 and an
/// external link relationship `rIdL` to https://example.org/plan.
fn plan_with_item_cells(cells: [&str; 5]) -> Ingested {
    let footnotes =
        "<w:footnote w:id=\"3\"><w:p><w:r><w:t>Subject to Council.</w:t></w:r></w:p></w:footnote>";
    let rows = format!("{}{}", item_row_xml(cells), status_row_text(&["Started."]));
    let docx = DocxBuilder::new()
        .styles(STANDARD_STYLES)
        .footnotes(footnotes)
        .rel("rIdL", REL_HYPERLINK, "https://example.org/plan", true)
        .document_body(&minimal_plan_body(&rows))
        .build();
    read(&docx)
}

const NOTE_REF: &str = "<w:r><w:footnoteReference w:id=\"3\"/></w:r>";
const LINK: &str = "<w:hyperlink r:id=\"rIdL\"><w:r><w:t>plan</w:t></w:r></w:hyperlink>";

#[test]
fn a_milestones_footnote_reference_and_link_are_kept_and_shown() {
    let milestone = para_xml(&format!("{}{NOTE_REF}", run("TSAG 2024")))
        + &para_xml(&format!("{}{LINK}", run("see the ")));
    let ingested = plan_with_item_cells([&para("01-01"), &para("Report"), &milestone, "", ""]);
    assert!(ingested.warnings.is_empty(), "{:?}", messages(&ingested));
    let plan = ingested.plan;
    let item = &plan.resolutions[0].action_items[0];
    assert_eq!(item.milestone, "TSAG 2024\nsee the plan");
    let notes: Vec<_> = item
        .milestone_inlines
        .iter()
        .filter_map(|i| i.footnote.as_deref())
        .collect();
    assert_eq!(notes, ["3"]);
    let link = item
        .milestone_inlines
        .iter()
        .find(|i| i.href.is_some())
        .expect("the link");
    assert_eq!(
        (link.text.as_str(), link.href.as_deref()),
        ("plan", Some("https://example.org/plan"))
    );
    let (md, html, again) = rendered(&plan);
    assert!(md.contains("**Milestone:** TSAG 2024[^1]"), "{md}");
    assert!(md.contains("[plan](https://example.org/plan)"), "{md}");
    assert!(md.contains("[^1]: Subject to Council."), "{md}");
    assert!(
        html.contains("<td class=\"c-milestone s\">TSAG 2024<sup class=\"fnref\">"),
        "the milestone cell shows the reference"
    );
    let item_again = &again.resolutions[0].action_items[0];
    assert_eq!(item_again.milestone, item.milestone);
    let note = item_again
        .milestone_inlines
        .iter()
        .find_map(|i| i.footnote.clone())
        .expect("the reference survives the .docx report");
    assert_eq!(texts(&again.footnotes[&note]), ["Subject to Council."]);
}

#[test]
fn a_table_in_an_action_cell_is_kept_as_lines_with_a_warning() {
    let nested = table(
        &[1500, 1500],
        &(text_row(&["Phase", "Date"]) + &text_row(&["One", "2024"])),
    );
    let action = format!("{}{nested}", para("Run the pilot:"));
    let read = plan_with_item_cells([&para("01-01"), &action, &para("2024"), "", ""]);
    let item = &read.plan.resolutions[0].action_items[0];
    assert_eq!(item.action, "Run the pilot:\nPhase\tDate\nOne\t2024");
    let warnings = messages(&read);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("item 01-01: the Action cell holds a table"),
        "{warnings:?}"
    );
}

#[test]
fn a_footnote_reference_or_link_in_a_cell_read_as_text_is_warned_about_by_item_and_column() {
    let id = para_xml(&format!("{}{NOTE_REF}", run("01-01")));
    let completed = para_xml(&format!("{}{LINK}", run("√ ")));
    let read = plan_with_item_cells([&id, &para("Report"), &para("2024"), "", &completed]);
    let item = &read.plan.resolutions[0].action_items[0];
    assert_eq!(item.id, "01-01");
    let warnings = messages(&read);
    assert!(
        warnings.iter().any(|w| w.contains(
            "item 01-01: the Action item cell holds a footnote reference; only its text is kept"
        )),
        "{warnings:?}"
    );
    assert!(
        warnings.iter().any(|w| w
            .contains("item 01-01: the Completed cell holds a link to https://example.org/plan")),
        "{warnings:?}"
    );
}

#[test]
fn a_link_that_shows_its_target_loses_nothing() {
    let completed = para_xml(
        "<w:hyperlink r:id=\"rIdL\"><w:r><w:t>https://example.org/plan/</w:t></w:r></w:hyperlink>",
    );
    let read = plan_with_item_cells([
        &para("01-01"),
        &para("Report"),
        &para("2024"),
        "",
        &completed,
    ]);
    assert!(
        !messages(&read).iter().any(|w| w.contains("a link to")),
        "{:?}",
        messages(&read)
    );
}

#[test]
fn a_footnote_reference_in_a_resolution_heading_is_warned_about() {
    let heading = styled_para_xml(
        "Heading2",
        &format!("{}{NOTE_REF}", run("Resolution 1 – Title")),
    );
    let body =
        minimal_plan_body(&simple_rows()).replacen(&heading2("Resolution 1 – Title"), &heading, 1);
    assert!(
        body.contains("footnoteReference"),
        "the heading was replaced"
    );
    let docx = DocxBuilder::new()
        .styles(STANDARD_STYLES)
        .footnotes("<w:footnote w:id=\"3\"><w:p><w:r><w:t>Revised.</w:t></w:r></w:p></w:footnote>")
        .document_body(&body)
        .build();
    let ingested = read(&docx);
    assert_eq!(ingested.plan.resolutions[0].title, "Title");
    assert!(
        messages(&ingested)
            .iter()
            .any(|w| w.contains("Resolution 1")
                && w.contains("the heading holds a footnote reference; only its text is kept")),
        "{:?}",
        messages(&ingested)
    );
}

// ---------------------------------------------------------------------------------------
// Hand-typed headings
// ---------------------------------------------------------------------------------------

#[test]
fn hand_typed_resolution_headings_are_recognised() {
    let marks = [""; 13];
    let rows = [
        matrix_row("", "Resolution 1\nRules of procedure", &marks),
        matrix_row("", "Resolution 3 – Matrix title", &marks),
    ]
    .concat()
    // A line break inside the label cell, as typed with Shift+Enter.
    .replace(
        "Resolution 1\nRules",
        "Resolution 1</w:t></w:r><w:r><w:br/><w:t>Rules",
    );
    let body = [
        matrix(&rows),
        styled_para_xml("Heading2", &run("Resolution 1\tRules of procedure")),
        action_table(&format!(
            "{}{}",
            item_row("01-01", "One.", "2024", "", ""),
            status_row_text(&["S1."])
        )),
        // Not a heading: "Res." is trusted in headings and the matrix only.
        para("Res. 9 – see also the plan."),
        heading2("Res. 2 (Geneva, 2022): Second title"),
        action_table(&format!(
            "{}{}",
            item_row("02-01", "Two.", "2024", "", ""),
            status_row_text(&["S2."])
        )),
        heading2("Resolution 3"),
        action_table(&format!(
            "{}{}",
            item_row("03-01", "Three.", "2024", "", ""),
            status_row_text(&["S3."])
        )),
        heading2("Opinion 1"),
        action_table(&format!(
            "{}{}",
            item_row("Op-01", "Four.", "2024", "", ""),
            status_row_text(&["S4."])
        )),
    ]
    .concat();
    let read = read(&docx(&body));
    let plan = &read.plan;
    let seen: Vec<(String, &str, Vec<&str>)> = plan
        .resolutions
        .iter()
        .map(|r| {
            (
                format!("{} {}", r.kind.as_str(), r.number),
                r.title.as_str(),
                r.action_items.iter().map(|i| i.id.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            (
                "Resolution 1".to_string(),
                "Rules of procedure",
                vec!["01-01"]
            ),
            ("Resolution 2".to_string(), "Second title", vec!["02-01"]),
            ("Resolution 3".to_string(), "Matrix title", vec!["03-01"]),
            ("Opinion 1".to_string(), "", vec!["Op-01"]),
        ]
    );
    assert_eq!(
        texts(&plan.resolutions[0].notes),
        ["Res. 9 – see also the plan."]
    );
    let summary = plan.summary.as_ref().expect("the matrix");
    assert_eq!(summary.rows[0].title, "Rules of procedure");
    let warnings = messages(&read);
    assert!(
        warnings.iter().any(|w| w
            .contains("Resolution 3: the heading gives no title; the Section I matrix's is used")),
        "{warnings:#?}"
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("Opinion 1: the heading gives no title")),
        "{warnings:#?}"
    );
}
