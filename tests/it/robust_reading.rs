//! Word's accidents must not change what is read: one test per WordprocessingML feature,
//! each on a small .docx built here, each checking the exact model content.

use crate::common;

use actplan::model::{Block, Cover, Inline, Item, Kind, ListKind, Resolution};
use actplan::{Ingested, Limits, ReadOptions, RevisionMode, Warning};
use common::*;
use std::collections::BTreeMap;

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

fn read_mode(docx: &[u8], revisions: RevisionMode) -> Ingested {
    let options = ReadOptions {
        limits: Limits::default(),
        revisions,
        ..ReadOptions::default()
    };
    let read = actplan::read_docx(docx, &options).unwrap_or_else(|e| panic!("read failed: {e}"));
    // Whatever Word feature produced it, the model is valid JSON of the schema and reads
    // back to the same plan.
    let json = actplan::model::json::to_json_string(&read.plan);
    let back = actplan::model::json::from_json_str(&json).unwrap_or_else(|e| panic!("{e}\n{json}"));
    assert_eq!(back, read.plan, "JSON round trip");
    read
}

fn read(docx: &[u8]) -> Ingested {
    read_mode(docx, RevisionMode::Accept)
}

/// The package of a minimal plan (standard styles) whose action table has `rows`.
fn plan_with_rows(rows: &str) -> Vec<u8> {
    minimal_plan_docx(rows)
}

/// The single resolution of a plan.
fn only_resolution(read: &Ingested) -> &Resolution {
    assert_eq!(
        read.plan.resolutions.len(),
        1,
        "one resolution: {:#?}",
        read.plan.resolutions
    );
    &read.plan.resolutions[0]
}

/// The items of the single resolution.
fn items(read: &Ingested) -> &[Item] {
    &only_resolution(read).action_items
}

fn item(
    id: &str,
    action: &str,
    milestone: &str,
    periodic: bool,
    completed: bool,
    status: Vec<Block>,
) -> Item {
    Item {
        id: id.to_string(),
        cross_reference: None,
        bookmarks: Vec::new(),
        action: action.to_string(),
        milestone: milestone.to_string(),
        periodic_goals_met: periodic,
        completed,
        status,
        ..Item::default()
    }
}

fn plain(text: &str) -> Block {
    Block::plain(text)
}

/// A block made of inlines; its text is theirs joined.
fn rich(inlines: Vec<Inline>) -> Block {
    Block {
        text: inlines.iter().map(|i| i.text.as_str()).collect(),
        inlines,
        ..Block::default()
    }
}

fn span(text: &str) -> Inline {
    Inline {
        text: text.to_string(),
        ..Inline::default()
    }
}

fn link(text: &str, href: &str) -> Inline {
    Inline {
        text: text.to_string(),
        href: Some(href.to_string()),
        ..Inline::default()
    }
}

fn footnote_ref(id: &str, mark: Option<&str>) -> Inline {
    Inline {
        footnote: Some(id.to_string()),
        mark: mark.map(str::to_string),
        ..Inline::default()
    }
}

fn list_block(text: &str, level: u32, kind: ListKind) -> Block {
    Block {
        text: text.to_string(),
        list_level: Some(level),
        list_kind: Some(kind),
        ..Block::default()
    }
}

fn resolution(kind: Kind, number: &str, title: &str) -> Resolution {
    Resolution {
        kind,
        number: number.to_string(),
        title: title.to_string(),
        anchor: None,
        bookmarks: Vec::new(),
        operative_text: Vec::new(),
        action_items: Vec::new(),
        notes: Vec::new(),
    }
}

fn warning(location: &str, message: &str) -> Warning {
    Warning {
        location: location.to_string(),
        message: message.to_string(),
    }
}

/// A run with raw run properties.
fn run_pr(r_pr: &str, text: &str) -> String {
    format!(
        "<w:r><w:rPr>{r_pr}</w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r>",
        escape(text)
    )
}

/// A complex field: begin, the instruction split over the given runs, separate, the
/// result runs (raw XML), end.
fn complex_field(instruction_pieces: &[&str], result: &str) -> String {
    let instruction: String = instruction_pieces
        .iter()
        .map(|piece| {
            format!(
                "<w:r><w:instrText xml:space=\"preserve\">{}</w:instrText></w:r>",
                escape(piece)
            )
        })
        .collect();
    format!(
        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>{instruction}\
         <w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>{result}\
         <w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
    )
}

const REVISION: &str = r#"w:author="Editor" w:date="2024-01-15T10:00:00Z""#;

fn ins(id: u32, runs: &str) -> String {
    format!("<w:ins w:id=\"{id}\" {REVISION}>{runs}</w:ins>")
}

fn del_text(id: u32, text: &str) -> String {
    format!(
        "<w:del w:id=\"{id}\" {REVISION}><w:r><w:delText xml:space=\"preserve\">{}</w:delText></w:r></w:del>",
        escape(text)
    )
}

/// A row marked inserted or deleted (`mark` = "ins" / "del") whose cells hold runs also
/// marked so. Two cells make a status row (the second spanning four columns).
fn tracked_row(mark: &str, id: u32, cells: &[&str]) -> String {
    let cells: String = cells
        .iter()
        .enumerate()
        .map(|(n, text)| {
            let content = if text.is_empty() {
                String::new()
            } else if mark == "del" {
                para_xml(&del_text(id + 1 + n as u32, text))
            } else {
                para_xml(&ins(id + 1 + n as u32, &run(text)))
            };
            if cells.len() == 2 && n == 1 {
                cell_with("<w:gridSpan w:val=\"4\"/>", &content)
            } else {
                cell(&content)
            }
        })
        .collect();
    format!("<w:tr><w:trPr><w:{mark} w:id=\"{id}\" {REVISION}/></w:trPr>{cells}</w:tr>")
}

// ---------------------------------------------------------------------------------------
// Runs
// ---------------------------------------------------------------------------------------

#[test]
fn text_split_into_many_runs_reads_as_joined_text() {
    let heading = "<w:p w:rsidR=\"00A1B2C3\" w:rsidRDefault=\"00D4E5F6\" w:rsidP=\"00A1B2C3\">\
        <w:pPr><w:pStyle w:val=\"Heading2\"/><w:rPr><w:lang w:val=\"en-GB\"/></w:rPr></w:pPr>\
        <w:bookmarkStart w:id=\"0\" w:name=\"_Toc150000001\"/>\
        <w:r w:rsidRPr=\"00112233\"><w:t>Reso</w:t></w:r>\
        <w:bookmarkStart w:id=\"1\" w:name=\"Resolution_1\"/>\
        <w:r><w:rPr><w:lang w:val=\"en-US\"/></w:rPr><w:t xml:space=\"preserve\">lution 1 </w:t></w:r>\
        <w:r w:rsidR=\"00445566\"><w:t>–</w:t></w:r>\
        <w:r><w:t xml:space=\"preserve\"> Ti</w:t></w:r><w:bookmarkEnd w:id=\"1\"/>\
        <w:proofErr w:type=\"spellStart\"/><w:r><w:t>tle</w:t></w:r><w:proofErr w:type=\"spellEnd\"/>\
        <w:bookmarkEnd w:id=\"0\"/></w:p>";
    let operative = "<w:p w:rsidR=\"00A1B2C3\"><w:r><w:t xml:space=\"preserve\">The </w:t></w:r>\
        <w:smartTag w:uri=\"urn:schemas-microsoft-com:office:smarttags\" w:element=\"City\">\
        <w:smartTagPr><w:attr w:name=\"country\" w:val=\"CH\"/></w:smartTagPr>\
        <w:r><w:t>Gen</w:t></w:r><w:r w:rsidR=\"00778899\"><w:t>eva</w:t></w:r></w:smartTag>\
        <w:r><w:t xml:space=\"preserve\"> meet</w:t></w:r><w:proofErr w:type=\"gramStart\"/>\
        <w:r><w:rPr><w:b w:val=\"0\"/><w:noProof/></w:rPr><w:t>ing</w:t></w:r><w:proofErr w:type=\"gramEnd\"/>\
        <w:r><w:rPr><w:lang w:val=\"fr-CH\"/></w:rPr><w:lastRenderedPageBreak/><w:t xml:space=\"preserve\"> dec</w:t></w:r>\
        <w:bookmarkStart w:id=\"2\" w:name=\"middle\"/><w:r><w:t>ided</w:t></w:r><w:bookmarkEnd w:id=\"2\"/>\
        <w:customXml w:element=\"note\"><w:r><w:t>.</w:t></w:r></w:customXml></w:p>";
    let id_cell = "<w:p><w:r><w:t>0</w:t></w:r><w:bookmarkStart w:id=\"3\" w:name=\"Item_01_01\"/>\
        <w:r w:rsidR=\"00ABCDEF\"><w:t>1-</w:t></w:r><w:proofErr w:type=\"spellStart\"/>\
        <w:r><w:rPr><w:lang w:val=\"en-GB\"/></w:rPr><w:t>01</w:t></w:r>\
        <w:proofErr w:type=\"spellEnd\"/><w:bookmarkEnd w:id=\"3\"/></w:p>";
    let action = "<w:p><w:r><w:t xml:space=\"preserve\">Do t</w:t></w:r><w:r w:rsidRPr=\"0012\"><w:t>he th</w:t></w:r>\
        <w:proofErr w:type=\"spellStart\"/><w:r><w:t>ing</w:t></w:r><w:proofErr w:type=\"spellEnd\"/><w:r><w:t>.</w:t></w:r></w:p>";
    let milestone = "<w:p><w:r><w:t>20</w:t></w:r><w:r><w:rPr><w:lang w:val=\"en-GB\"/></w:rPr><w:t>24</w:t></w:r></w:p>";
    let status = "<w:p><w:r><w:t xml:space=\"preserve\">Done </w:t></w:r><w:bookmarkStart w:id=\"4\" w:name=\"status_mark\"/>\
        <w:r><w:rPr><w:lang w:val=\"en-US\"/></w:rPr><w:t xml:space=\"preserve\">in </w:t></w:r><w:bookmarkEnd w:id=\"4\"/>\
        <w:proofErr w:type=\"spellStart\"/><w:r><w:t>20</w:t></w:r><w:r><w:t>23</w:t></w:r><w:proofErr w:type=\"spellEnd\"/>\
        <w:smartTag w:element=\"stop\"><w:r><w:t>.</w:t></w:r></w:smartTag></w:p>";
    let rows = format!(
        "{}{}",
        item_row_xml([id_cell, action, milestone, "", &para("√")]),
        status_row(status)
    );
    let body = format!("{heading}{operative}{}", action_table(&rows));
    let docx = DocxBuilder::new()
        .styles(STANDARD_STYLES)
        .document_body(&body)
        .build();
    let read = read(&docx);
    let expected = Resolution {
        anchor: Some("Resolution_1".into()),
        bookmarks: vec!["_Toc150000001".into(), "Resolution_1".into()],
        operative_text: vec![plain("The Geneva meeting decided.")],
        action_items: vec![Item {
            bookmarks: vec!["Item_01_01".into()],
            ..item(
                "01-01",
                "Do the thing.",
                "2024",
                false,
                true,
                vec![plain("Done in 2023.")],
            )
        }],
        ..resolution(Kind::Resolution, "1", "Title")
    };
    assert_eq!(only_resolution(&read), &expected);
    assert_eq!(read.warnings, []);
}

// ---------------------------------------------------------------------------------------
// Fields and hyperlinks
// ---------------------------------------------------------------------------------------

#[test]
fn fields_and_hyperlinks_become_links() {
    let complex = para_xml(&format!(
        "{}{}{}",
        run("See "),
        complex_field(
            &[
                " HYPER",
                "LINK \"https://www.itu.int/pub/",
                "T-RES-T.1-2022\" \\o \"Resolution 1 text\" "
            ],
            &format!(
                "{}{}",
                run_pr("<w:rStyle w:val=\"Hyperlink\"/>", "Resolution"),
                run_pr(
                    "<w:rStyle w:val=\"Hyperlink\"/><w:lang w:val=\"en-GB\"/>",
                    " 1"
                )
            ),
        ),
        run(" now.")
    ));
    let internal = para_xml(&format!(
        "{}{}",
        run("Back to "),
        complex_field(&[" HYPERLINK \\l \"Resolution_1\" "], &run("the heading"))
    ));
    let simple = para_xml(&format!(
        "<w:fldSimple w:instr=\" HYPERLINK &quot;https://www.itu.int/en/ITU-T/wtsa20&quot; \">{}</w:fldSimple>{}",
        run("WTSA-20 site"),
        run(".")
    ));
    let relationship = para_xml(&format!(
        "<w:hyperlink r:id=\"rId20\" w:history=\"1\">{}{}</w:hyperlink>{}",
        run_pr("<w:rStyle w:val=\"Hyperlink\"/>", "TSAG "),
        run_pr("<w:rStyle w:val=\"Hyperlink\"/>", "documents"),
        run(" and more")
    ));
    let anchor = para_xml(&format!(
        "{}<w:hyperlink w:anchor=\"Item_01_01\" w:history=\"1\">{}</w:hyperlink>",
        run("Item "),
        run("01-01")
    ));
    let page_ref = para_xml(&format!(
        "{}{}{}",
        run("On page"),
        complex_field(&[" PAGEREF _Toc150000001 \\h "], &run("7")),
        run(", above.")
    ));
    // A table of contents: begins in one paragraph, ends in a later one. Its lines look like
    // headings ("Resolution 2 - Other") and would make resolutions if they were read.
    let toc_line = |text: &str, page: &str| {
        format!(
            "<w:hyperlink w:anchor=\"_Toc1\" w:history=\"1\">{}{}{}</w:hyperlink>",
            run(text),
            "<w:r><w:tab/></w:r>",
            complex_field(&[" PAGEREF _Toc1 \\h "], &run(page))
        )
    };
    let toc = format!(
        "{}{}{}",
        styled_para_xml(
            "TOC1",
            &format!(
                "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>\
                 <w:r><w:instrText xml:space=\"preserve\"> TOC \\o \"1-3\" \\h \\z \\u </w:instrText></w:r>\
                 <w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>{}",
                toc_line("Resolution 1 – Title", "3")
            )
        ),
        styled_para_xml("TOC1", &toc_line("Resolution 2 - Other", "4")),
        para_xml("<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>")
    );
    let rows = format!(
        "{}{}",
        item_row_xml([
            &para("01-01"),
            &para_xml(&format!(
                "{}<w:hyperlink r:id=\"rId20\">{}</w:hyperlink>",
                run("Publish the "),
                run("report")
            )),
            &para("2024"),
            "",
            ""
        ]),
        status_row(&[complex, internal, simple, relationship, anchor, page_ref].concat())
    );
    let body = format!(
        "{}{toc}{}{}",
        heading2("Resolution 1 – Title"),
        para("Operative text."),
        action_table(&rows)
    );
    let docx = DocxBuilder::new()
        .styles(STANDARD_STYLES)
        .rel(
            "rId20",
            REL_HYPERLINK,
            "https://www.itu.int/md/T22-TSAG",
            true,
        )
        .document_body(&body)
        .build();
    let read = read(&docx);
    let resolution = only_resolution(&read);
    assert_eq!(resolution.operative_text, [plain("Operative text.")]);
    let expected = item(
        "01-01",
        "Publish the report",
        "2024",
        false,
        false,
        vec![
            rich(vec![
                span("See "),
                link("Resolution 1", "https://www.itu.int/pub/T-RES-T.1-2022"),
                span(" now."),
            ]),
            rich(vec![span("Back to "), link("the heading", "#Resolution_1")]),
            rich(vec![
                link("WTSA-20 site", "https://www.itu.int/en/ITU-T/wtsa20"),
                span("."),
            ]),
            rich(vec![
                link("TSAG documents", "https://www.itu.int/md/T22-TSAG"),
                span(" and more"),
            ]),
            rich(vec![span("Item "), link("01-01", "#Item_01_01")]),
            plain("On page, above."),
        ],
    );
    // The action cell's link is kept too (#10: it was lost when actions were plain text).
    let expected = Item {
        action_inlines: vec![
            span("Publish the "),
            link("report", "https://www.itu.int/md/T22-TSAG"),
        ],
        ..expected
    };
    assert_eq!(resolution.action_items, [expected]);
    assert_eq!(read.warnings, []);
}

// ---------------------------------------------------------------------------------------
// Tracked changes
// ---------------------------------------------------------------------------------------

fn tracked_changes_docx() -> Vec<u8> {
    let action = para_xml(&format!(
        "{}{}{}{}",
        run("Prepare "),
        del_text(10, "a draft"),
        ins(11, &run("the final")),
        run(" report.")
    ));
    let progress = para_xml(&format!(
        "{}{}{}{}",
        run("Progress: "),
        ins(12, &run("two meetings")),
        del_text(13, "one meeting"),
        run(" held.")
    ));
    // A deleted paragraph mark: accepted, the two paragraphs are one.
    let joined = format!(
        "<w:p><w:pPr><w:rPr><w:del w:id=\"14\" {REVISION}/></w:rPr></w:pPr>{}</w:p>{}",
        run("Joined "),
        para("text.")
    );
    let status = format!("{progress}{joined}");
    // A moved sentence: gone from its old place, present at the new one (accepted).
    let milestone = para_xml(&format!(
        "<w:moveFromRangeStart w:id=\"60\" {REVISION} w:name=\"move1\"/>\
         <w:moveFrom w:id=\"61\" {REVISION}>{}</w:moveFrom><w:moveFromRangeEnd w:id=\"60\"/>{}\
         <w:moveToRangeStart w:id=\"62\" {REVISION} w:name=\"move1\"/>\
         <w:moveTo w:id=\"63\" {REVISION}>{}</w:moveTo><w:moveToRangeEnd w:id=\"62\"/>",
        run("Q4 "),
        run("2024"),
        run(" Q4")
    ));
    let rows = [
        item_row_xml([&para("01-01"), &action, &milestone, "", ""]),
        status_row(&status),
        tracked_row("del", 20, &["01-02", "Dropped action.", "2023", "", ""]),
        tracked_row("del", 30, &["", "Dropped status."]),
        tracked_row("ins", 40, &["01-03", "New action.", "2025", "", "√"]),
        tracked_row("ins", 50, &["", "New status."]),
        // Rows marked in `w:trPr` only, their text not marked: the row mark alone decides.
        row_marked_only("del", 70, "01-04", "Row-deleted action."),
        row_marked_only("ins", 80, "01-05", "Row-inserted action."),
    ]
    .concat();
    plan_with_rows(&rows)
}

/// An item row marked inserted or deleted in `w:trPr` whose content is plain text.
fn row_marked_only(mark: &str, id: u32, item_id: &str, action: &str) -> String {
    item_row(item_id, action, "2026", "", "").replacen(
        "<w:trPr>",
        &format!("<w:trPr><w:{mark} w:id=\"{id}\" {REVISION}/>"),
        1,
    )
}

#[test]
fn tracked_changes_are_accepted_by_default() {
    let read = read(&tracked_changes_docx());
    assert_eq!(
        items(&read),
        [
            item(
                "01-01",
                "Prepare the final report.",
                "2024 Q4",
                false,
                false,
                vec![plain("Progress: two meetings held."), plain("Joined text.")],
            ),
            item(
                "01-03",
                "New action.",
                "2025",
                false,
                true,
                vec![plain("New status.")]
            ),
            item(
                "01-05",
                "Row-inserted action.",
                "2026",
                false,
                false,
                vec![]
            ),
        ]
    );
    assert_eq!(read.warnings.len(), 1, "{:?}", read.warnings);
    assert_eq!(read.warnings[0].location, "document");
    assert!(
        read.warnings[0]
            .message
            .starts_with("unaccepted tracked changes present ("),
        "{}",
        read.warnings[0]
    );
}

#[test]
fn tracked_changes_can_be_rejected() {
    let read = read_mode(&tracked_changes_docx(), RevisionMode::Reject);
    assert_eq!(
        items(&read),
        [
            item(
                "01-01",
                "Prepare a draft report.",
                "Q4 2024",
                false,
                false,
                vec![
                    plain("Progress: one meeting held."),
                    plain("Joined"),
                    plain("text.")
                ],
            ),
            item(
                "01-02",
                "Dropped action.",
                "2023",
                false,
                false,
                vec![plain("Dropped status.")]
            ),
            item("01-04", "Row-deleted action.", "2026", false, false, vec![]),
        ]
    );
    assert_eq!(read.warnings.len(), 1, "{:?}", read.warnings);
    assert!(
        read.warnings[0]
            .message
            .starts_with("unaccepted tracked changes present ("),
        "{}",
        read.warnings[0]
    );
}

// ---------------------------------------------------------------------------------------
// Content controls
// ---------------------------------------------------------------------------------------

/// A content control (`w:sdt`) around `content`, with the properties Word writes.
fn sdt(tag: &str, content: &str) -> String {
    format!(
        "<w:sdt><w:sdtPr><w:rPr><w:b/></w:rPr><w:alias w:val=\"{tag}\"/><w:tag w:val=\"{tag}\"/>\
         <w:id w:val=\"-1234567\"/><w:placeholder><w:docPart w:val=\"DefaultPlaceholder_-1854013440\"/></w:placeholder>\
         <w:text/></w:sdtPr><w:sdtEndPr><w:rPr><w:b w:val=\"0\"/></w:rPr></w:sdtEndPr>\
         <w:sdtContent>{content}</w:sdtContent></w:sdt>"
    )
}

#[test]
fn content_controls_read_their_content() {
    let action_with_run_control = para_xml(&format!(
        "{}{}{}",
        run("Do "),
        sdt("verb", &run("the")),
        run(" thing.")
    ));
    let completed_cell = format!(
        "<w:sdt><w:sdtPr><w:id w:val=\"7\"/></w:sdtPr><w:sdtContent>{}</w:sdtContent></w:sdt>",
        text_cell("√")
    );
    let item_1 = row(&[
        text_cell("01-01"),
        cell(&action_with_run_control),
        text_cell("2024"),
        text_cell(""),
        completed_cell,
    ]);
    let status_1 = status_row(&format!(
        "{}{}",
        sdt("status", &para("Status in a paragraph control.")),
        para("Plain status.")
    ));
    let item_2 = sdt("row", &item_row("01-02", "Second action.", "2025", "√", ""));
    let status_2 = sdt("status row", &status_row_text(&["Second status."]));
    let table_xml = action_table(&[item_1, status_1, item_2, status_2].concat());
    // The heading paragraph and the whole table are in controls too.
    let body = format!(
        "{}{}{}",
        sdt("heading", &heading2("Resolution 1 – Title")),
        para("Operative text."),
        sdt("table", &table_xml)
    );
    let docx = DocxBuilder::new()
        .styles(STANDARD_STYLES)
        .document_body(&body)
        .build();
    let read = read(&docx);
    let expected = Resolution {
        operative_text: vec![plain("Operative text.")],
        action_items: vec![
            item(
                "01-01",
                "Do the thing.",
                "2024",
                false,
                true,
                vec![
                    plain("Status in a paragraph control."),
                    plain("Plain status."),
                ],
            ),
            item(
                "01-02",
                "Second action.",
                "2025",
                true,
                false,
                vec![plain("Second status.")],
            ),
        ],
        ..resolution(Kind::Resolution, "1", "Title")
    };
    assert_eq!(only_resolution(&read), &expected);
    assert_eq!(read.warnings, []);
}

#[test]
fn checkbox_content_controls_in_mark_cells() {
    // Word's check box content control: the box glyph (☒ checked, ☐ not) in MS Gothic.
    let checkbox = |checked: bool| {
        let (val, glyph) = if checked { ("1", "☒") } else { ("0", "☐") };
        format!(
            "<w:sdt><w:sdtPr><w:id w:val=\"99\"/><w14:checkbox><w14:checked w14:val=\"{val}\"/>\
             <w14:checkedState w14:val=\"2612\" w14:font=\"MS Gothic\"/>\
             <w14:uncheckedState w14:val=\"2610\" w14:font=\"MS Gothic\"/></w14:checkbox></w:sdtPr>\
             <w:sdtContent><w:p><w:r><w:rPr><w:rFonts w:ascii=\"MS Gothic\" w:eastAsia=\"MS Gothic\" \
             w:hAnsi=\"MS Gothic\" w:hint=\"eastAsia\"/></w:rPr><w:t>{glyph}</w:t></w:r></w:p></w:sdtContent></w:sdt>"
        )
    };
    let rows = format!(
        "{}{}{}{}",
        item_row_xml([
            &para("01-01"),
            &para("A."),
            &para("2024"),
            &checkbox(true),
            &checkbox(false)
        ]),
        status_row_text(&["S1."]),
        item_row_xml([
            &para("01-02"),
            &para("B."),
            &para("2024"),
            &checkbox(false),
            &checkbox(true)
        ]),
        status_row_text(&["S2."])
    );
    let read = read(&plan_with_rows(&rows));
    assert_eq!(
        items(&read),
        [
            item("01-01", "A.", "2024", true, false, vec![plain("S1.")]),
            item("01-02", "B.", "2024", false, true, vec![plain("S2.")]),
        ]
    );
}

// ---------------------------------------------------------------------------------------
// Merged cells
// ---------------------------------------------------------------------------------------

#[test]
fn vertically_merged_id_cells_keep_status_with_its_item() {
    let merged_item = |id: &str, action: &str| {
        row(&[
            cell_with("<w:vMerge w:val=\"restart\"/>", &para(id)),
            text_cell(action),
            text_cell("2024"),
            text_cell(""),
            text_cell(""),
        ])
    };
    let merged_status = |text: &str| {
        row(&[
            cell_with("<w:vMerge/>", ""),
            cell_with("<w:gridSpan w:val=\"4\"/>", &para(text)),
        ])
    };
    // Word shows only the first cell of a vertical merge; a continuation cell may still
    // carry a stale copy of the id (as converters from HTML or spreadsheets write it).
    let stale_status = |stale: &str, text: &str| {
        row(&[
            cell_with("<w:vMerge w:val=\"continue\"/>", &para(stale)),
            cell_with("<w:gridSpan w:val=\"4\"/>", &para(text)),
        ])
    };
    // A status row with no first cell at all: `w:gridBefore` skips the id column.
    let grid_before_status = format!(
        "<w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>{}</w:tr>",
        cell_with("<w:gridSpan w:val=\"4\"/>", &para("Status three."))
    );
    let rows = [
        merged_item("01-01", "First."),
        merged_status("Status one."),
        merged_item("01-02", "Second."),
        merged_status("Status two, first paragraph."),
        stale_status("01-02", "Status two, second row."),
        item_row("01-03", "Third.", "2024", "", ""),
        grid_before_status,
    ]
    .concat();
    let read = read(&plan_with_rows(&rows));
    assert_eq!(
        items(&read),
        [
            item(
                "01-01",
                "First.",
                "2024",
                false,
                false,
                vec![plain("Status one.")]
            ),
            item(
                "01-02",
                "Second.",
                "2024",
                false,
                false,
                vec![
                    plain("Status two, first paragraph."),
                    plain("Status two, second row.")
                ],
            ),
            item(
                "01-03",
                "Third.",
                "2024",
                false,
                false,
                vec![plain("Status three.")]
            ),
        ]
    );
    assert_eq!(read.warnings, []);
}

#[test]
fn grid_spans_map_cells_to_their_columns() {
    // Six grid columns: the Action column spans two of them, in the header and the items.
    let grid = [1100, 1700, 1700, 2400, 1000, 1100];
    let span2 = |text: &str| cell_with("<w:gridSpan w:val=\"2\"/>", &para(text));
    let header = format!(
        "<w:tr><w:trPr><w:tblHeader/></w:trPr>{}{}{}{}{}</w:tr>",
        text_cell("Action Item"),
        span2("Action"),
        text_cell("Milestone"),
        text_cell("Periodic goals met"),
        text_cell("Completed")
    );
    let item_a = row(&[
        text_cell("01-01"),
        span2("Wide action."),
        text_cell("2025"),
        text_cell("√"),
        text_cell(""),
    ]);
    let status = row(&[
        text_cell(""),
        cell_with("<w:gridSpan w:val=\"5\"/>", &para("Wide status.")),
    ]);
    let item_b = row(&[
        text_cell("01-02"),
        text_cell("Split"),
        text_cell("action."),
        text_cell("2026"),
        text_cell(""),
        text_cell("√"),
    ]);
    let body = format!(
        "{}{}{}",
        heading2("Resolution 1 – Title"),
        para("Operative text."),
        table(&grid, &[header, item_a, status, item_b].concat())
    );
    let docx = DocxBuilder::new()
        .styles(STANDARD_STYLES)
        .document_body(&body)
        .build();
    let read = read(&docx);
    assert_eq!(
        items(&read),
        [
            item(
                "01-01",
                "Wide action.",
                "2025",
                true,
                false,
                vec![plain("Wide status.")]
            ),
            // A row that splits the spanned column: the cell at the column's start is read.
            item("01-02", "Split", "2026", false, true, vec![]),
        ]
    );
}

// ---------------------------------------------------------------------------------------
// Symbols and special characters
// ---------------------------------------------------------------------------------------

#[test]
fn symbol_check_marks_tick_the_mark_columns() {
    let sym = "<w:p><w:r><w:sym w:font=\"Symbol\" w:char=\"F0D6\"/></w:r></w:p>";
    let private_use = "<w:p><w:r><w:rPr><w:rFonts w:ascii=\"Symbol\" w:hAnsi=\"Symbol\"/></w:rPr>\
                       <w:t>&#xF0D6;</w:t></w:r></w:p>";
    let wingdings = "<w:p><w:r><w:sym w:font=\"Wingdings\" w:char=\"F0FC\"/></w:r></w:p>";
    let text_tick = para("√");
    let status = para_xml(
        "<w:r><w:t xml:space=\"preserve\">Checked </w:t></w:r>\
         <w:r><w:sym w:font=\"Symbol\" w:char=\"F0D6\"/></w:r>\
         <w:r><w:t xml:space=\"preserve\">, private </w:t></w:r>\
         <w:r><w:rPr><w:rFonts w:ascii=\"Symbol\" w:hAnsi=\"Symbol\"/></w:rPr><w:t>&#xF0D6;</w:t></w:r>\
         <w:r><w:t xml:space=\"preserve\">, next </w:t></w:r>\
         <w:r><w:sym w:font=\"Wingdings\" w:char=\"F0E0\"/></w:r>\
         <w:r><w:t xml:space=\"preserve\"> report</w:t></w:r>",
    );
    let rows = [
        item_row_xml([&para("01-01"), &para("A."), &para("M."), "", sym]),
        status_row(&status),
        item_row_xml([
            &para("01-02"),
            &para("B."),
            &para("M."),
            &text_tick,
            private_use,
        ]),
        status_row_text(&["S2."]),
        item_row_xml([&para("01-03"), &para("C."), &para("M."), sym, &text_tick]),
        status_row_text(&["S3."]),
        item_row_xml([&para("01-04"), &para("D."), &para("M."), "", ""]),
        status_row_text(&["S4."]),
        item_row_xml([
            &para("01-05"),
            &para("E."),
            &para("M."),
            &para("Ongoing"),
            wingdings,
        ]),
        status_row_text(&["S5."]),
    ]
    .concat();
    let read = read(&plan_with_rows(&rows));
    assert_eq!(
        items(&read),
        [
            item(
                "01-01",
                "A.",
                "M.",
                false,
                true,
                vec![plain("Checked √, private √, next → report")],
            ),
            item("01-02", "B.", "M.", true, true, vec![plain("S2.")]),
            item("01-03", "C.", "M.", true, true, vec![plain("S3.")]),
            item("01-04", "D.", "M.", false, false, vec![plain("S4.")]),
            Item {
                periodic_goals_met_text: Some("Ongoing".into()),
                ..item("01-05", "E.", "M.", false, true, vec![plain("S5.")])
            },
        ]
    );
    assert_eq!(
        read.warnings,
        [warning(
            "Resolution 1",
            "item 01-05: the Periodic goals met cell holds \"Ongoing\", not a known mark; read as false, text kept"
        )]
    );
}

#[test]
fn special_characters_and_paragraphs_in_cells() {
    let status = para_xml(
        "<w:r><w:t>ITU</w:t></w:r><w:r><w:noBreakHyphen/></w:r><w:r><w:t>T</w:t></w:r>\
         <w:r><w:tab/><w:t>item</w:t></w:r><w:r><w:br/><w:t xml:space=\"preserve\">second line, co</w:t></w:r>\
         <w:r><w:softHyphen/><w:t>operation</w:t><w:br w:type=\"page\"/></w:r>\
         <w:r><w:t>;</w:t><w:cr/><w:t>third line</w:t></w:r>",
    );
    let milestone = format!("{}{}", para("Q1 2024"), para("Q3 2024"));
    let action = para_xml(
        "<w:r><w:t>Study</w:t></w:r><w:r><w:br/></w:r><w:r><w:t xml:space=\"preserve\">  and report  </w:t></w:r>",
    );
    let rows = format!(
        "{}{}",
        item_row_xml([&para("01-01"), &action, &milestone, "", ""]),
        status_row(&status)
    );
    let read = read(&plan_with_rows(&rows));
    assert_eq!(
        items(&read),
        [item(
            "01-01",
            "Study\nand report",
            "Q1 2024\nQ3 2024",
            false,
            false,
            vec![plain(
                "ITU\u{2011}T\titem\nsecond line, cooperation;\nthird line"
            )],
        )]
    );
}

// ---------------------------------------------------------------------------------------
// Lists
// ---------------------------------------------------------------------------------------

const NUMBERING: &str = r#"<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="hybridMultilevel"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="&#xF0B7;"/><w:lvlJc w:val="left"/>
<w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr><w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol" w:hint="default"/></w:rPr></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="o"/><w:lvlJc w:val="left"/>
<w:rPr><w:rFonts w:ascii="Courier New" w:hAnsi="Courier New"/></w:rPr></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>"#;

fn numbered(num_id: u32, level: u32, text: &str) -> String {
    format!(
        "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"{num_id}\"/></w:numPr></w:pPr>{}</w:p>",
        run(text)
    )
}

#[test]
fn numbering_gives_list_levels_and_kinds() {
    let status = [
        para("Intro."),
        numbered(1, 0, "First bullet."),
        numbered(1, 1, "Sub bullet."),
        styled_para_xml("ListBullet", &run("Styled bullet.")),
        numbered(2, 0, "Step one."),
        numbered(2, 1, "Sub step."),
        numbered(0, 0, "Not a list."),
    ]
    .concat();
    let rows = format!(
        "{}{}",
        item_row("01-01", "A.", "2024", "", ""),
        status_row(&status)
    );
    let body = format!(
        "{}{}{}{}",
        heading2("Resolution 1 – Title"),
        para("Operative text."),
        styled_para_xml("ListBullet", &run("Operative bullet.")),
        action_table(&rows)
    );
    let docx = DocxBuilder::new()
        .styles(STANDARD_STYLES)
        .numbering(NUMBERING)
        .document_body(&body)
        .build();
    let read = read(&docx);
    let resolution = only_resolution(&read);
    assert_eq!(
        resolution.operative_text,
        [
            plain("Operative text."),
            Block {
                style: Some("List Bullet".into()),
                ..list_block("Operative bullet.", 0, ListKind::Bullet)
            },
        ]
    );
    assert_eq!(
        resolution.action_items,
        [item(
            "01-01",
            "A.",
            "2024",
            false,
            false,
            vec![
                plain("Intro."),
                list_block("First bullet.", 0, ListKind::Bullet),
                list_block("Sub bullet.", 1, ListKind::Bullet),
                list_block("Styled bullet.", 0, ListKind::Bullet),
                list_block("Step one.", 0, ListKind::Ordered),
                list_block("Sub step.", 1, ListKind::Ordered),
                plain("Not a list."),
            ],
        )]
    );
}

// ---------------------------------------------------------------------------------------
// Footnotes
// ---------------------------------------------------------------------------------------

#[test]
fn footnote_references_and_footnote_texts() {
    let footnotes = "<w:footnote w:id=\"1\"><w:p><w:pPr><w:pStyle w:val=\"FootnoteText\"/></w:pPr>\
        <w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:footnoteRef/></w:r>\
        <w:r><w:t xml:space=\"preserve\"> See the </w:t></w:r><w:r><w:t>report.</w:t></w:r></w:p></w:footnote>\
        <w:footnote w:id=\"2\"><w:p><w:pPr><w:pStyle w:val=\"FootnoteText\"/></w:pPr>\
        <w:r><w:t>* Custom note.</w:t></w:r></w:p>\
        <w:p><w:r><w:t>Second paragraph.</w:t></w:r></w:p></w:footnote>";
    let status = format!(
        "{}{}",
        para_xml(&format!(
            "{}<w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:footnoteReference w:id=\"1\"/></w:r>{}",
            run("Status text"),
            run(" continues.")
        )),
        para_xml(&format!(
            "{}<w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr>\
             <w:footnoteReference w:customMarkFollows=\"1\" w:id=\"2\"/><w:t>*</w:t></w:r>",
            run("Marked")
        ))
    );
    let rows = format!(
        "{}{}",
        item_row("01-01", "A.", "2024", "", ""),
        status_row(&status)
    );
    let docx = DocxBuilder::new()
        .styles(STANDARD_STYLES)
        .footnotes(footnotes)
        .document_body(&minimal_plan_body(&rows))
        .build();
    let read = read(&docx);
    assert_eq!(
        items(&read),
        [item(
            "01-01",
            "A.",
            "2024",
            false,
            false,
            vec![
                rich(vec![
                    span("Status text"),
                    footnote_ref("1", None),
                    span(" continues."),
                ]),
                rich(vec![span("Marked"), footnote_ref("2", Some("*"))]),
            ],
        )]
    );
    let expected: BTreeMap<String, Vec<Block>> = [
        ("1".to_string(), vec![plain("See the report.")]),
        (
            "2".to_string(),
            vec![plain("* Custom note."), plain("Second paragraph.")],
        ),
    ]
    .into_iter()
    .collect();
    assert_eq!(read.plan.footnotes, expected);
}

// ---------------------------------------------------------------------------------------
// Markup compatibility
// ---------------------------------------------------------------------------------------

fn alternate(choice: &str, fallback: &str) -> String {
    format!(
        "<mc:AlternateContent><mc:Choice Requires=\"w14\">{choice}</mc:Choice>\
         <mc:Fallback>{fallback}</mc:Fallback></mc:AlternateContent>"
    )
}

#[test]
fn alternate_content_reads_one_branch() {
    let status = format!(
        "{}{}{}",
        para_xml(&format!(
            "{}{}{}",
            run("Before "),
            alternate(&run("shared"), &run("shared")),
            run(" after.")
        )),
        alternate(
            &para("Alternative paragraph."),
            &para("Alternative paragraph.")
        ),
        // Different branches: the Choice (Word 2010 markup) is what Word shows.
        para_xml(&format!(
            "{}{}",
            run("Version: "),
            alternate(&run("new"), &run("old"))
        ))
    );
    let completed = alternate(
        "<w:p><w:r><w:sym w:font=\"Symbol\" w:char=\"F0D6\"/></w:r></w:p>",
        &para("√"),
    );
    let rows = format!(
        "{}{}",
        item_row_xml([
            &para("01-01"),
            &para_xml(&format!(
                "{}{}",
                run("Act"),
                alternate(&run("ion."), &run("ion."))
            )),
            &para("2024"),
            "",
            &completed
        ]),
        status_row(&status)
    );
    let read = read(&plan_with_rows(&rows));
    assert_eq!(
        items(&read),
        [item(
            "01-01",
            "Action.",
            "2024",
            false,
            true,
            vec![
                plain("Before shared after."),
                plain("Alternative paragraph."),
                plain("Version: new"),
            ],
        )]
    );
}

// ---------------------------------------------------------------------------------------
// Headings
// ---------------------------------------------------------------------------------------

#[test]
fn headings_by_style_and_by_shape() {
    let one_item = |id: &str| {
        action_table(&format!(
            "{}{}",
            item_row(id, "A.", "2024", "", ""),
            status_row_text(&["S."])
        ))
    };
    let body = [
        heading2("Resolution 1 – Styled with en dash"),
        one_item("01-01"),
        para("Resolution 2 - Unstyled with hyphen"),
        one_item("02-01"),
        para("Resolution 3 — Unstyled with em dash"),
        para("Its operative text."),
        one_item("03-01"),
        para("Resolution 4 – Unstyled with en dash"),
        one_item("04-01"),
        heading2("Resolution 5 - Styled with hyphen"),
        one_item("05-01"),
        heading2("Resolution 6 (Rev. Hammamet, 2016) — Styled, revised, em dash"),
        one_item("06-01"),
        para("Opinion 1 – Unstyled opinion"),
        one_item("Op-01"),
        heading2("Opinion 2 - Styled opinion"),
        one_item("Op-02"),
    ]
    .concat();
    let docx = DocxBuilder::new()
        .styles(STANDARD_STYLES)
        .document_body(&body)
        .build();
    let read = read(&docx);
    let got: Vec<(Kind, &str, &str, Vec<&str>)> = read
        .plan
        .resolutions
        .iter()
        .map(|r| {
            (
                r.kind,
                r.number.as_str(),
                r.title.as_str(),
                r.action_items.iter().map(|i| i.id.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (Kind::Resolution, "1", "Styled with en dash", vec!["01-01"]),
            (Kind::Resolution, "2", "Unstyled with hyphen", vec!["02-01"]),
            (
                Kind::Resolution,
                "3",
                "Unstyled with em dash",
                vec!["03-01"]
            ),
            (
                Kind::Resolution,
                "4",
                "Unstyled with en dash",
                vec!["04-01"]
            ),
            (Kind::Resolution, "5", "Styled with hyphen", vec!["05-01"]),
            (
                Kind::Resolution,
                "6",
                "Styled, revised, em dash",
                vec!["06-01"]
            ),
            (Kind::Opinion, "1", "Unstyled opinion", vec!["Op-01"]),
            (Kind::Opinion, "2", "Styled opinion", vec!["Op-02"]),
        ]
    );
    assert_eq!(
        read.plan.resolutions[2].operative_text,
        [plain("Its operative text.")]
    );
    assert_eq!(read.warnings, []);
}

// ---------------------------------------------------------------------------------------
// Tables that are not action tables, and action tables out of place
// ---------------------------------------------------------------------------------------

#[test]
fn cover_and_other_tables_are_never_action_items() {
    let pair = |label: &str, value: &str| row(&[text_cell(label), text_cell(value)]);
    let cover = table(
        &[3000, 6000],
        &[
            pair("TSAG", "TD 999"),
            pair("STUDY PERIOD 2022-2024", "Original: English"),
            pair("", "Geneva, 30 May - 2 June 2023"),
            pair("Source:", "Director, TSB"),
            pair("Title:", "WTSA-20 Action Plan: action items and milestones"),
            pair("Purpose:", "Information"),
            pair("Keywords:", "Action plan; milestones"),
        ]
        .concat(),
    );
    let before = table(
        &[2000, 4000, 2000],
        &[
            row(&[
                text_cell("Meeting"),
                text_cell("Action taken"),
                text_cell("Date"),
            ]),
            row(&[
                text_cell("TSAG-1"),
                text_cell("Reviewed the plan"),
                text_cell("2023-05-30"),
            ]),
        ]
        .concat(),
    );
    let after = table(
        &[2000, 6000],
        &[pair("Ref.", "Document"), pair("22-01", "TD 100")].concat(),
    );
    let body = [
        cover,
        styled_para_xml("Title", &run("WTSA-20 Action Plan")),
        heading2("Resolution 1 – Title"),
        para("Operative text."),
        before,
        action_table(&simple_rows()),
        after,
    ]
    .concat();
    let docx = DocxBuilder::new()
        .styles(STANDARD_STYLES)
        .document_body(&body)
        .build();
    let read = read(&docx);
    assert_eq!(
        read.plan.cover,
        Some(Cover {
            group: Some("TSAG".into()),
            td_number: Some("TD 999".into()),
            study_period: Some("2022-2024".into()),
            original_language: Some("English".into()),
            meeting: Some("Geneva, 30 May - 2 June 2023".into()),
            source: Some("Director, TSB".into()),
            title: Some("WTSA-20 Action Plan: action items and milestones".into()),
            purpose: Some("Information".into()),
            keywords: Some("Action plan; milestones".into()),
            ..Cover::default()
        })
    );
    assert_eq!(read.plan.title.as_deref(), Some("WTSA-20 Action Plan"));
    let table_block = |rows: &[&[&str]]| Block {
        text: rows
            .iter()
            .map(|r| r.join("\t"))
            .collect::<Vec<_>>()
            .join("\n"),
        rows: Some(
            rows.iter()
                .map(|r| r.iter().map(|c| vec![plain(c)]).collect())
                .collect(),
        ),
        ..Block::default()
    };
    let expected = Resolution {
        operative_text: vec![
            plain("Operative text."),
            table_block(&[
                &["Meeting", "Action taken", "Date"],
                &["TSAG-1", "Reviewed the plan", "2023-05-30"],
            ]),
        ],
        action_items: vec![item(
            "01-01",
            "Do the thing.",
            "2024",
            false,
            true,
            vec![plain("Done in 2023.")],
        )],
        notes: vec![table_block(&[&["Ref.", "Document"], &["22-01", "TD 100"]])],
        ..resolution(Kind::Resolution, "1", "Title")
    };
    assert_eq!(only_resolution(&read), &expected);
    assert_eq!(read.warnings, []);
}

#[test]
fn action_table_outside_any_resolution_is_reported() {
    let stray = action_table(&format!(
        "{}{}",
        item_row("09-01", "Stray.", "2024", "", ""),
        status_row_text(&["Stray status."])
    ));
    let body = format!("{stray}{}", minimal_plan_body(&simple_rows()));
    let docx = DocxBuilder::new()
        .styles(STANDARD_STYLES)
        .document_body(&body)
        .build();
    let read = read(&docx);
    assert_eq!(
        items(&read),
        [item(
            "01-01",
            "Do the thing.",
            "2024",
            false,
            true,
            vec![plain("Done in 2023.")]
        )]
    );
    assert_eq!(read.warnings.len(), 1, "{:?}", read.warnings);
    assert!(
        read.warnings[0].message.contains("outside any resolution")
            && read.warnings[0].message.contains("09-01"),
        "{}",
        read.warnings[0]
    );
}

#[test]
fn duplicate_item_ids_are_reported() {
    let first = resolution_xml(
        "Resolution 1 – First",
        &[],
        &[
            item_row("01-01", "A.", "2024", "", ""),
            status_row_text(&["S."]),
            item_row("01-02", "B.", "2024", "", ""),
            item_row("01-02", "B again.", "2024", "", ""),
        ]
        .concat(),
    );
    let second = resolution_xml(
        "Resolution 2 – Second",
        &[],
        &item_row("01-01", "C.", "2024", "", ""),
    );
    let docx = DocxBuilder::new()
        .styles(STANDARD_STYLES)
        .document_body(&format!("{first}{second}"))
        .build();
    let read = read(&docx);
    let ids: Vec<Vec<&str>> = read
        .plan
        .resolutions
        .iter()
        .map(|r| r.action_items.iter().map(|i| i.id.as_str()).collect())
        .collect();
    assert_eq!(ids, [vec!["01-01", "01-02", "01-02"], vec!["01-01"]]);
    assert_eq!(
        read.warnings,
        [
            warning(
                "Resolution 1",
                "duplicate action item id 01-02 (also in Resolution 1)"
            ),
            warning(
                "Resolution 2",
                "duplicate action item id 01-01 (also in Resolution 1)"
            ),
        ]
    );
}

// ---------------------------------------------------------------------------------------
// Namespace prefixes
// ---------------------------------------------------------------------------------------

/// Rewrite `w:`-prefixed XML to use `prefix` for the main namespace ("" for the default
/// namespace, attributes then unprefixed).
fn with_prefix(xml: &str, prefix: &str) -> String {
    let element = if prefix.is_empty() {
        String::new()
    } else {
        format!("{prefix}:")
    };
    let declaration = if prefix.is_empty() {
        "xmlns=".to_string()
    } else {
        format!("xmlns:{prefix}=")
    };
    xml.replace("xmlns:w=", &declaration)
        .replace("<w:", &format!("<{element}"))
        .replace("</w:", &format!("</{element}"))
        .replace(" w:", &format!(" {element}"))
}

#[test]
fn other_namespace_prefixes_read_the_same() {
    let status = format!(
        "{}{}",
        para_xml(&format!(
            "{}<w:hyperlink r:id=\"rId20\">{}</w:hyperlink>{}",
            run("See "),
            run_pr("<w:b/>", "the site"),
            run(".")
        )),
        numbered(1, 1, "A bullet.")
    );
    let rows = format!(
        "{}{}",
        row(&[
            cell_with("<w:vMerge w:val=\"restart\"/>", &para("01-01")),
            text_cell("Act."),
            cell(&format!("{}{}", para("M1"), para("M2"))),
            text_cell(""),
            cell("<w:p><w:r><w:sym w:font=\"Symbol\" w:char=\"F0D6\"/></w:r></w:p>"),
        ]),
        row(&[
            cell_with("<w:vMerge/>", ""),
            cell_with("<w:gridSpan w:val=\"4\"/>", &status),
        ])
    );
    let document = wrap_document(&minimal_plan_body(&rows));
    let styles = format!("{XML_DECL}<w:styles xmlns:w=\"{W_NS}\">{STANDARD_STYLES}</w:styles>");
    let numbering = format!("{XML_DECL}<w:numbering xmlns:w=\"{W_NS}\">{NUMBERING}</w:numbering>");
    let build = |prefix: &str| {
        let convert = |xml: &str| match prefix {
            "w" => xml.to_string(),
            // ISO/IEC 29500 Strict: same prefix, the Strict namespace.
            "strict" => xml.replace(W_NS, "http://purl.oclc.org/ooxml/wordprocessingml/main"),
            other => with_prefix(xml, other),
        };
        DocxBuilder::new()
            .styles_xml(&convert(&styles))
            .document_xml(&convert(&document))
            .part("word/numbering.xml", convert(&numbering))
            .rel(
                "rIdNum",
                "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering",
                "numbering.xml",
                false,
            )
            .rel("rId20", REL_HYPERLINK, "https://www.itu.int/", true)
            .build()
    };
    let expected = item(
        "01-01",
        "Act.",
        "M1\nM2",
        false,
        true,
        vec![
            rich(vec![
                span("See "),
                Inline {
                    bold: true,
                    ..link("the site", "https://www.itu.int/")
                },
                span("."),
            ]),
            list_block("A bullet.", 1, ListKind::Bullet),
        ],
    );
    let reference = read(&build("w"));
    assert_eq!(items(&reference), [expected]);
    for prefix in ["x", "wp", "", "strict"] {
        if prefix != "strict" {
            assert!(
                !with_prefix(&document, prefix).contains("<w:"),
                "rewritten for {prefix:?}"
            );
        }
        let read = read(&build(prefix));
        assert_eq!(read.plan, reference.plan, "prefix {prefix:?}");
        assert_eq!(read.warnings, reference.warnings, "prefix {prefix:?}");
    }
}

// ---------------------------------------------------------------------------------------
// Beyond the usual shapes: further Word features an edition may use.
// ---------------------------------------------------------------------------------------

#[test]
fn wingdings_2_and_legacy_symbol_codes_tick_the_mark_columns() {
    // Wingdings 2 has its own glyphs: 0x50 is ✓ and 0x52 is ☑ there (not in Wingdings).
    let wingdings_2 = |code: &str| {
        format!("<w:p><w:r><w:sym w:font=\"Wingdings 2\" w:char=\"{code}\"/></w:r></w:p>")
    };
    // Text in a symbol font stored with its 8-bit code rather than U+F0xx (as converters
    // of older documents write it): "Ö" (0xD6) in Symbol shows √, "ü" (0xFC) in Wingdings ✓.
    let font_text = |font: &str, text: &str| {
        format!(
            "<w:p><w:r><w:rPr><w:rFonts w:ascii=\"{font}\" w:hAnsi=\"{font}\"/></w:rPr><w:t>{text}</w:t></w:r></w:p>"
        )
    };
    let status = para_xml(&format!(
        "{}<w:r><w:sym w:font=\"Wingdings 2\" w:char=\"F050\"/></w:r>",
        run("Done ")
    ));
    let rows = [
        item_row_xml([
            &para("01-01"),
            &para("A."),
            &para("M."),
            &wingdings_2("F050"),
            &wingdings_2("F052"),
        ]),
        status_row(&status),
        item_row_xml([
            &para("01-02"),
            &para("B."),
            &para("M."),
            &font_text("Wingdings", "ü"),
            &font_text("Symbol", "Ö"),
        ]),
        status_row_text(&["S2."]),
    ]
    .concat();
    let read = read(&plan_with_rows(&rows));
    assert_eq!(
        items(&read),
        [
            item("01-01", "A.", "M.", true, true, vec![plain("Done ✓")]),
            item("01-02", "B.", "M.", true, true, vec![plain("S2.")]),
        ]
    );
}

#[test]
fn status_row_spanning_the_whole_table() {
    let rows = [
        item_row("01-01", "A.", "2024", "", ""),
        row(&[cell_with(
            "<w:gridSpan w:val=\"5\"/>",
            &para("Full-width status."),
        )]),
        item_row("01-02", "B.", "2025", "", "√"),
        row(&[cell_with(
            "<w:gridSpan w:val=\"5\"/>",
            &format!("{}{}", para("Second status,"), para("two paragraphs.")),
        )]),
    ]
    .concat();
    let read = read(&plan_with_rows(&rows));
    assert_eq!(
        items(&read),
        [
            item(
                "01-01",
                "A.",
                "2024",
                false,
                false,
                vec![plain("Full-width status.")]
            ),
            item(
                "01-02",
                "B.",
                "2025",
                false,
                true,
                vec![plain("Second status,"), plain("two paragraphs.")],
            ),
        ]
    );
    assert_eq!(read.warnings, []);
}

#[test]
fn content_control_placeholder_text_is_not_content() {
    // An untouched content control shows its placeholder ("Click or tap here…"), flagged by
    // w:showingPlcHdr: that text is Word's prompt, not the author's.
    let placeholder = "<w:sdt><w:sdtPr><w:id w:val=\"5\"/><w:placeholder><w:docPart w:val=\"DefaultPlaceholder_-1854013440\"/></w:placeholder>\
        <w:showingPlcHdr/><w:text/></w:sdtPr><w:sdtContent><w:p><w:r><w:rPr><w:rStyle w:val=\"PlaceholderText\"/></w:rPr>\
        <w:t>Click or tap here to enter text.</w:t></w:r></w:p></w:sdtContent></w:sdt>";
    let rows = format!(
        "{}{}",
        item_row("01-01", "A.", "2024", "", ""),
        status_row(&format!("{}{placeholder}", para("Real status.")))
    );
    let read = read(&plan_with_rows(&rows));
    assert_eq!(
        items(&read),
        [item(
            "01-01",
            "A.",
            "2024",
            false,
            false,
            vec![plain("Real status.")]
        )]
    );
}

#[test]
fn bullets_defined_through_a_list_style() {
    // A list style: the paragraph's numId 1 → abstractNum 0, which only links to the
    // numbering style "BulletList"; that style names numId 2 → abstractNum 1, the bullets.
    let numbering = r#"<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/><w:numStyleLink w:val="BulletList"/></w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="multilevel"/><w:styleLink w:val="BulletList"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="–"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>"#;
    let styles = format!(
        "{STANDARD_STYLES}<w:style w:type=\"numbering\" w:customStyle=\"1\" w:styleId=\"BulletList\">\
         <w:name w:val=\"Bullet List\"/><w:pPr><w:numPr><w:numId w:val=\"2\"/></w:numPr></w:pPr></w:style>"
    );
    let rows = format!(
        "{}{}",
        item_row("01-01", "A.", "2024", "", ""),
        status_row(&format!(
            "{}{}",
            numbered(1, 0, "Linked bullet."),
            numbered(1, 1, "Linked sub-bullet.")
        ))
    );
    let docx = DocxBuilder::new()
        .styles(&styles)
        .numbering(numbering)
        .document_body(&minimal_plan_body(&rows))
        .build();
    let read = read(&docx);
    assert_eq!(
        items(&read),
        [item(
            "01-01",
            "A.",
            "2024",
            false,
            false,
            vec![
                list_block("Linked bullet.", 0, ListKind::Bullet),
                list_block("Linked sub-bullet.", 1, ListKind::Bullet),
            ],
        )]
    );
}

#[test]
fn deleted_paragraph_mark_before_a_table_keeps_the_text() {
    // Only the paragraph mark is deleted, not the text: accepting cannot lose "Kept text."
    // (there is no following paragraph to join before the table).
    let body = format!(
        "{}<w:p><w:pPr><w:rPr><w:del w:id=\"1\" {REVISION}/></w:rPr></w:pPr>{}</w:p>{}",
        heading2("Resolution 1 – Title"),
        run("Kept text."),
        action_table(&simple_rows())
    );
    let docx = DocxBuilder::new()
        .styles(STANDARD_STYLES)
        .document_body(&body)
        .build();
    for mode in [RevisionMode::Accept, RevisionMode::Reject] {
        let read = read_mode(&docx, mode);
        let resolution = only_resolution(&read);
        assert_eq!(resolution.operative_text, [plain("Kept text.")], "{mode:?}");
        assert_eq!(
            resolution.action_items,
            [item(
                "01-01",
                "Do the thing.",
                "2024",
                false,
                true,
                vec![plain("Done in 2023.")]
            )],
            "{mode:?}"
        );
    }
}

#[test]
fn numbering_change_is_not_a_paragraph_mark_change() {
    // `w:ins` inside `w:numPr` records that the numbering was added: rejecting it removes
    // the numbering, it does not join the paragraph with the next one.
    let numbering = r#"<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#;
    let status = format!(
        "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/><w:ins w:id=\"5\" {REVISION}/></w:numPr></w:pPr>{}</w:p>{}",
        run("Bulleted later."),
        para("Next paragraph.")
    );
    let rows = format!(
        "{}{}",
        item_row("01-01", "A.", "2024", "", ""),
        status_row(&status)
    );
    let docx = DocxBuilder::new()
        .styles(STANDARD_STYLES)
        .numbering(numbering)
        .document_body(&minimal_plan_body(&rows))
        .build();
    let accepted = read_mode(&docx, RevisionMode::Accept);
    assert_eq!(
        items(&accepted)[0].status,
        [
            list_block("Bulleted later.", 0, ListKind::Bullet),
            plain("Next paragraph.")
        ]
    );
    let rejected = read_mode(&docx, RevisionMode::Reject);
    assert_eq!(
        items(&rejected)[0].status,
        [plain("Bulleted later."), plain("Next paragraph.")]
    );
}
