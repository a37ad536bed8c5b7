//! word/document.xml and word/footnotes.xml: the ITU TD layout of the report.
//!
//! Cover table, title, a real TOC field with pre-rendered entries, Section I (landscape)
//! with the summary matrix and legend, Section II with one heading per resolution, its
//! operative text and its 5-column action table, the "» Top" links, the appendices.
//! Everything the reader needs to give back the same model is written in the shapes the
//! reader recognises (the round trip is tested).

use super::parts::{Rel, R_NS, W_NS};
use super::styles::{names, Styles};
use super::xml::XmlWriter;
use crate::model::{
    ActionPlan, Appendix, AppendixItem, Block, Item, Resolution, Summary, SummaryRow,
};
use std::collections::{BTreeMap, HashMap};

mod blocks;
mod inlines;
mod paragraphs;
mod redline;
mod revisions;
mod sections;
mod tables;

use paragraphs::ParagraphProps;
use revisions::Revision;
pub use sections::PageSetup;
use tables::{Borders, Merge};

/// Width of the text area of a portrait A4 page with the built-in margins (twips).
pub const PORTRAIT_WIDTH: u32 = 9638;
/// Widths of the action table columns.
const ACTION_GRID: [u32; 5] = [1077, 4082, 1531, 1474, 1474];
/// Widths of the cover table columns.
const COVER_GRID: [u32; 4] = [1588, 4648, 1474, 1928];

/// What writing the body produced besides document.xml.
pub struct Written {
    /// word/document.xml.
    pub document: String,
    /// word/footnotes.xml.
    pub footnotes: String,
    /// Hyperlink relationships of document.xml (external URLs).
    pub document_links: Vec<Rel>,
    /// Hyperlink relationships of footnotes.xml.
    pub footnote_links: Vec<Rel>,
    /// How many numbered lists were started (each needs its own w:num).
    pub ordered_lists: u32,
}

/// Write the body of the report.
pub fn write_body(plan: &ActionPlan, styles: &mut Styles, page: &PageSetup) -> Written {
    let footnote_ids = footnote_ids(plan);
    let mut body = Writer::new(styles, &footnote_ids, "rIdL");
    body.document(plan, page);
    let document_links = std::mem::take(&mut body.links);
    let ordered = body.ordered_lists;
    let document = body.w.finish();

    let mut notes = Writer::new(styles, &footnote_ids, "rIdF");
    notes.ordered_lists = ordered;
    notes.footnotes(plan, &footnote_ids);
    Written {
        document,
        footnote_links: std::mem::take(&mut notes.links),
        ordered_lists: notes.ordered_lists,
        footnotes: notes.w.finish(),
        document_links,
    }
}

/// Write the body of the redline of `old` → `new`, changes dated `date`.
pub fn write_redline_body(
    old: &ActionPlan,
    new: &ActionPlan,
    styles: &mut Styles,
    page: &PageSetup,
    date: &str,
) -> Written {
    let mut keys = ActionPlan {
        footnotes: old.footnotes.clone(),
        ..new.clone()
    };
    keys.footnotes.extend(new.footnotes.clone());
    let footnote_ids = footnote_ids(&keys);
    let mut body = Writer::new(styles, &footnote_ids, "rIdL");
    body.revision_date = date.to_string();
    body.redline_document(old, new, page);
    let document_links = std::mem::take(&mut body.links);
    let ordered = body.ordered_lists;
    let next_id = body.next_bookmark;
    let document = body.w.finish();

    let mut notes = Writer::new(styles, &footnote_ids, "rIdF");
    notes.revision_date = date.to_string();
    notes.ordered_lists = ordered;
    notes.next_bookmark = next_id;
    notes.redline_footnotes(old, new, &footnote_ids);
    Written {
        document,
        footnote_links: std::mem::take(&mut notes.links),
        ordered_lists: notes.ordered_lists,
        footnotes: notes.w.finish(),
        document_links,
    }
}

/// Model footnote id → the w:id written: positive integers are kept, others numbered after
/// the largest.
fn footnote_ids(plan: &ActionPlan) -> BTreeMap<String, String> {
    let numeric: Vec<u32> = plan
        .footnotes
        .keys()
        .filter_map(|k| k.parse().ok())
        .filter(|n| *n > 0)
        .collect();
    let mut next = numeric.iter().max().copied().unwrap_or(0) + 1;
    plan.footnotes
        .keys()
        .map(|key| {
            let id = match key.parse::<u32>() {
                Ok(n) if n > 0 => n.to_string(),
                _ => {
                    next += 1;
                    (next - 1).to_string()
                }
            };
            (key.clone(), id)
        })
        .collect()
}

struct Writer<'a> {
    w: XmlWriter,
    styles: &'a mut Styles,
    style_ids: HashMap<String, String>,
    footnote_ids: &'a BTreeMap<String, String>,
    links: Vec<Rel>,
    link_prefix: &'static str,
    /// Next id for bookmarks and tracked changes (one id space for all annotations).
    next_bookmark: u32,
    ordered_lists: u32,
    /// While writing a tracked change: what everything written is (redline only).
    revision: Option<Revision>,
    /// The w:date of tracked changes.
    revision_date: String,
    generated_anchor: u32,
    /// Run font size in half-points while writing a dense table (the matrix), else None.
    run_size: Option<u32>,
}

impl<'a> Writer<'a> {
    fn new(
        styles: &'a mut Styles,
        footnote_ids: &'a BTreeMap<String, String>,
        link_prefix: &'static str,
    ) -> Self {
        Writer {
            w: XmlWriter::new(),
            styles,
            style_ids: HashMap::new(),
            footnote_ids,
            links: Vec::new(),
            link_prefix,
            next_bookmark: 0,
            ordered_lists: 0,
            revision: None,
            revision_date: String::new(),
            generated_anchor: 0,
            run_size: None,
        }
    }

    fn style(&mut self, name: &str) -> String {
        if let Some(id) = self.style_ids.get(name) {
            return id.clone();
        }
        let id = self.styles.id_for(name);
        self.style_ids.insert(name.to_string(), id.clone());
        id
    }

    // ----- the document -----

    fn document(&mut self, plan: &ActionPlan, page: &PageSetup) {
        self.w
            .start("w:document", &[("xmlns:w", W_NS), ("xmlns:r", R_NS)]);
        self.w.start("w:body", &[]);
        self.cover(plan);
        if let Some(title) = &plan.title {
            let style = self.style(names::TITLE);
            self.text_paragraph(
                ParagraphProps {
                    style: Some(&style),
                    ..Default::default()
                },
                title,
            );
        }
        let toc = self.toc_entries(plan);
        self.table_of_contents(&toc);
        let has_summary = plan.summary.is_some();
        if let Some(summary) = &plan.summary {
            // The cover ends its own section (distinct first page); Section I is landscape.
            self.section_break(page, false, true);
            let anchor = toc
                .iter()
                .find(|e| e.role == TocRole::Summary)
                .map(|e| e.anchor.clone());
            self.summary(summary, page.text_width(true), anchor.as_deref());
            self.section_break(page, true, false);
        }
        if let Some(progress) = &plan.progress {
            if let Some(heading) = &progress.heading {
                let anchor = toc
                    .iter()
                    .find(|e| e.role == TocRole::Progress)
                    .map(|e| e.anchor.clone());
                self.heading(names::HEADING_1, heading, &[], anchor.as_deref());
            }
            self.blocks(&progress.intro, None, PORTRAIT_WIDTH);
        }
        for resolution in &plan.resolutions {
            let anchor = toc
                .iter()
                .find(|e| e.role == TocRole::Resolution(resolution as *const _ as usize))
                .map(|e| e.anchor.clone());
            self.resolution(resolution, anchor.as_deref());
        }
        for appendix in &plan.appendices {
            let anchor = toc
                .iter()
                .find(|e| e.role == TocRole::Appendix(appendix as *const _ as usize))
                .map(|e| e.anchor.clone());
            self.appendix(appendix, anchor.as_deref());
        }
        self.section_properties(page, false, !has_summary);
        self.w.end("w:body");
        self.w.end("w:document");
    }

    fn footnotes(&mut self, plan: &ActionPlan, ids: &BTreeMap<String, String>) {
        self.w
            .start("w:footnotes", &[("xmlns:w", W_NS), ("xmlns:r", R_NS)]);
        self.footnote_separators();
        let text_style = self.style(names::FOOTNOTE_TEXT);
        let reference_style = self.style(names::FOOTNOTE_REFERENCE);
        let mut written: Vec<(u32, &String)> = ids
            .iter()
            .map(|(key, id)| (id.parse().unwrap_or(u32::MAX), key))
            .collect();
        written.sort();
        for (id, key) in written {
            let blocks = &plan.footnotes[key];
            self.w.start("w:footnote", &[("w:id", &id.to_string())]);
            let custom = custom_mark_of(plan, key);
            if blocks.is_empty() {
                self.w.start("w:p", &[]);
                self.paragraph_properties(ParagraphProps {
                    style: Some(&text_style),
                    ..Default::default()
                });
                self.footnote_number_run(&reference_style, custom);
                self.w.end("w:p");
            }
            for (index, block) in blocks.iter().enumerate() {
                if index == 0 && block.rows.is_none() {
                    self.w.start("w:p", &[]);
                    self.paragraph_properties(ParagraphProps {
                        style: Some(&text_style),
                        list: self.list_of(block),
                        ..Default::default()
                    });
                    self.footnote_number_run(&reference_style, custom);
                    self.w.raw("<w:r><w:t xml:space=\"preserve\"> </w:t></w:r>");
                    self.inlines(&block.spans());
                    self.w.end("w:p");
                } else {
                    self.block(block, Some(&text_style), PORTRAIT_WIDTH);
                }
            }
            self.w.end("w:footnote");
        }
        self.w.end("w:footnotes");
    }

    /// Word's separator and continuation separator, ids -1 and 0 (see settings.xml).
    fn footnote_separators(&mut self) {
        self.w.raw("<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>");
        self.w.raw("<w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>");
    }

    fn footnote_number_run(&mut self, style: &str, custom: bool) {
        if custom {
            return;
        }
        self.w.start("w:r", &[]);
        self.w.start("w:rPr", &[]);
        self.w.empty("w:rStyle", &[("w:val", style)]);
        self.w.end("w:rPr");
        self.w.empty("w:footnoteRef", &[]);
        self.w.end("w:r");
    }

    // ----- cover -----

    fn cover(&mut self, plan: &ActionPlan) {
        let Some(cover) = &plan.cover else {
            return;
        };
        let text = self.style(names::NORMAL);
        let number = self.style(names::DOCNUMBER);
        let unlabelled: Vec<&str> = cover
            .other
            .iter()
            .filter(|f| f.label.is_empty())
            .map(|f| f.value.as_str())
            .collect();
        self.table_start(&COVER_GRID, Borders::Cover);
        // Row 1: logo and organisation | study period | group and document number.
        self.row_start(false);
        self.cell_start(COVER_GRID[0], 1, Merge::Restart);
        self.lines_cell_paragraphs(unlabelled.first().copied().unwrap_or(""), &text);
        self.w.end("w:tc");
        self.cell_start(COVER_GRID[1], 1, Merge::Restart);
        for value in unlabelled.iter().skip(1) {
            self.lines_paragraph(&text, value);
        }
        if let Some(period) = &cover.study_period {
            self.text_paragraph(
                ParagraphProps {
                    style: Some(&text),
                    ..Default::default()
                },
                &format!("STUDY PERIOD {period}"),
            );
        }
        self.ensure_paragraph_in_cell(unlabelled.len() > 1 || cover.study_period.is_some());
        self.w.end("w:tc");
        self.cell_start(COVER_GRID[2] + COVER_GRID[3], 2, Merge::None);
        let mut any = false;
        for value in [&cover.group, &cover.td_number].into_iter().flatten() {
            self.text_paragraph(
                ParagraphProps {
                    style: Some(&number),
                    ..Default::default()
                },
                value,
            );
            any = true;
        }
        self.ensure_paragraph_in_cell(any);
        self.w.end("w:tc");
        self.w.end("w:tr");
        // Row 2: original language.
        self.row_start(false);
        self.cell_start(COVER_GRID[0], 1, Merge::Continue);
        self.empty_paragraph();
        self.w.end("w:tc");
        self.cell_start(COVER_GRID[1], 1, Merge::Continue);
        self.empty_paragraph();
        self.w.end("w:tc");
        self.cell_start(COVER_GRID[2] + COVER_GRID[3], 2, Merge::None);
        match &cover.original_language {
            Some(language) => self.text_paragraph(
                ParagraphProps {
                    style: Some(&text),
                    ..Default::default()
                },
                &format!("Original: {language}"),
            ),
            None => self.empty_paragraph(),
        }
        self.w.end("w:tc");
        self.w.end("w:tr");
        // Row 3: questions | meeting.
        if cover.questions.is_some() || cover.meeting.is_some() {
            self.row_start(false);
            self.cell_start(COVER_GRID[0], 1, Merge::None);
            self.label_paragraph(
                if cover.questions.is_some() {
                    "Question(s):"
                } else {
                    ""
                },
                &text,
            );
            self.w.end("w:tc");
            self.cell_start(COVER_GRID[1], 1, Merge::None);
            self.lines_cell_paragraphs(cover.questions.as_deref().unwrap_or(""), &text);
            self.w.end("w:tc");
            self.cell_start(COVER_GRID[2] + COVER_GRID[3], 2, Merge::None);
            self.lines_cell_paragraphs(cover.meeting.as_deref().unwrap_or(""), &text);
            self.w.end("w:tc");
            self.w.end("w:tr");
        }
        if let Some(kind) = &cover.document_type {
            self.row_start(false);
            self.cell_start(COVER_GRID.iter().sum(), 4, Merge::None);
            self.text_paragraph(
                ParagraphProps {
                    style: Some(&text),
                    center: true,
                    ..Default::default()
                },
                kind,
            );
            self.w.end("w:tc");
            self.w.end("w:tr");
        }
        let labelled = [
            ("Source:", &cover.source),
            ("Title:", &cover.title),
            ("Purpose:", &cover.purpose),
            ("Contact:", &cover.contact),
            ("Keywords:", &cover.keywords),
            ("Abstract:", &cover.r#abstract),
        ];
        for (label, value) in labelled {
            if let Some(value) = value {
                self.labelled_row(label, value, &text);
            }
        }
        for field in cover.other.iter().filter(|f| !f.label.is_empty()) {
            self.labelled_row(&format!("{}:", field.label), &field.value, &text);
        }
        self.w.end("w:tbl");
    }

    fn labelled_row(&mut self, label: &str, value: &str, style: &str) {
        self.row_start(false);
        self.cell_start(COVER_GRID[0], 1, Merge::None);
        self.label_paragraph(label, style);
        self.w.end("w:tc");
        self.cell_start(
            COVER_GRID[1] + COVER_GRID[2] + COVER_GRID[3],
            3,
            Merge::None,
        );
        self.lines_cell_paragraphs(value, style);
        self.w.end("w:tc");
        self.w.end("w:tr");
    }

    fn label_paragraph(&mut self, label: &str, style: &str) {
        self.w.start("w:p", &[]);
        self.paragraph_properties(ParagraphProps {
            style: Some(style),
            ..Default::default()
        });
        if !label.is_empty() {
            self.run(label, true, false, None);
        }
        self.w.end("w:p");
    }

    // ----- table of contents -----

    fn toc_entries(&mut self, plan: &ActionPlan) -> Vec<TocEntry> {
        let mut entries = Vec::new();
        if let Some(summary) = &plan.summary {
            if let Some(heading) = &summary.heading {
                entries.push(TocEntry {
                    level: 1,
                    text: heading.clone(),
                    anchor: self.generated("Section"),
                    role: TocRole::Summary,
                });
            }
        }
        if let Some(heading) = plan.progress.as_ref().and_then(|p| p.heading.as_ref()) {
            entries.push(TocEntry {
                level: 1,
                text: heading.clone(),
                anchor: self.generated("Section"),
                role: TocRole::Progress,
            });
        }
        for resolution in &plan.resolutions {
            let anchor = heading_target(resolution.anchor.as_deref(), &resolution.bookmarks)
                .unwrap_or_else(|| self.generated("Resolution"));
            entries.push(TocEntry {
                level: 2,
                text: format!(
                    "{} {} – {}",
                    resolution.kind.as_str(),
                    resolution.number,
                    resolution.title
                ),
                anchor,
                role: TocRole::Resolution(resolution as *const _ as usize),
            });
        }
        for appendix in &plan.appendices {
            let anchor = heading_target(None, &appendix.bookmarks)
                .unwrap_or_else(|| self.generated("Appendix"));
            entries.push(TocEntry {
                level: 1,
                text: appendix.title.clone(),
                anchor,
                role: TocRole::Appendix(appendix as *const _ as usize),
            });
        }
        entries
    }

    /// A bookmark name of our own (`_Actplan…`, which the reader ignores).
    fn generated(&mut self, what: &str) -> String {
        self.generated_anchor += 1;
        format!("_Actplan{what}{}", self.generated_anchor)
    }

    fn table_of_contents(&mut self, entries: &[TocEntry]) {
        if entries.is_empty() {
            return;
        }
        let heading = self.style(names::TOC_HEADING);
        self.text_paragraph(
            ParagraphProps {
                style: Some(&heading),
                ..Default::default()
            },
            "Contents",
        );
        let toc1 = self.style(names::TOC_1);
        let toc2 = self.style(names::TOC_2);
        for (index, entry) in entries.iter().enumerate() {
            let style = if entry.level == 1 { &toc1 } else { &toc2 };
            self.w.start("w:p", &[]);
            self.paragraph_properties(ParagraphProps {
                style: Some(style),
                ..Default::default()
            });
            if index == 0 {
                self.field_begin(" TOC \\o \"1-3\" \\h \\z \\u ");
            }
            self.w.start(
                "w:hyperlink",
                &[("w:anchor", &entry.anchor), ("w:history", "1")],
            );
            self.run(&entry.text, false, false, None);
            self.run("\t", false, false, None);
            self.field_begin(&format!(" PAGEREF {} \\h ", entry.anchor));
            self.w.raw("<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>");
            self.w.end("w:hyperlink");
            self.w.end("w:p");
        }
        self.w.start("w:p", &[]);
        self.paragraph_properties(ParagraphProps {
            style: Some(&toc1),
            ..Default::default()
        });
        self.w.raw("<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>");
        self.w.end("w:p");
    }

    /// begin, instruction, separate: the caller writes the result and the end.
    fn field_begin(&mut self, instruction: &str) {
        self.w
            .raw("<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r>");
        self.w
            .element("w:instrText", &[("xml:space", "preserve")], instruction);
        self.w
            .raw("</w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>");
    }

    // ----- Section I -----

    fn summary(&mut self, summary: &Summary, width: u32, anchor: Option<&str>) {
        if let Some(heading) = &summary.heading {
            self.heading(names::HEADING_1, heading, &[], anchor);
        }
        self.blocks(&summary.caption, None, width);
        if !summary.columns.is_empty() || !summary.rows.is_empty() {
            self.matrix(summary, width);
        }
        self.blocks(&legend_lines(summary), None, width);
        self.blocks(&summary.notes, None, width);
    }

    fn matrix(&mut self, summary: &Summary, width: u32) {
        let layout = MatrixLayout::of(summary, width);
        self.matrix_start(summary, &layout);
        for row in &summary.rows {
            self.matrix_row(row, &layout);
        }
        self.w.end("w:tbl");
        self.run_size = None;
    }

    /// The matrix table's start and its two header rows.
    fn matrix_start(&mut self, summary: &Summary, layout: &MatrixLayout) {
        let (label_width, column_width) = (layout.label_width, layout.column_width);
        let head = self.style(names::TABLE_HEAD);
        self.run_size = Some(16);
        self.table_start(&layout.grid, Borders::Grid);
        // Header row 1: label, then one cell per run of columns of the same group.
        self.row_start(true);
        self.cell_start(label_width, 1, Merge::Restart);
        self.text_paragraph(
            ParagraphProps {
                style: Some(&head),
                ..Default::default()
            },
            "Resolution – Title",
        );
        self.w.end("w:tc");
        let mut index = 0;
        while index < summary.columns.len() {
            let group = &summary.columns[index].group;
            let span = summary.columns[index..]
                .iter()
                .take_while(|c| &c.group == group)
                .count();
            self.cell_start(column_width * span as u32, span as u32, Merge::None);
            self.lines_cell_paragraphs(group, &head);
            self.w.end("w:tc");
            index += span;
        }
        self.w.end("w:tr");
        // Header row 2: column names.
        self.row_start(true);
        self.cell_start(label_width, 1, Merge::Continue);
        self.empty_paragraph_styled(&head);
        self.w.end("w:tc");
        for column in &summary.columns {
            self.cell_start(column_width, 1, Merge::None);
            self.lines_cell_paragraphs(&column.name, &head);
            self.w.end("w:tc");
        }
        self.w.end("w:tr");
    }

    fn matrix_row(&mut self, row: &SummaryRow, layout: &MatrixLayout) {
        let text = self.style(names::TABLE_TEXT);
        self.row_start(false);
        self.cell_start(layout.label_width, 1, Merge::None);
        self.w.start("w:p", &[]);
        self.paragraph_properties(ParagraphProps {
            style: Some(&text),
            ..Default::default()
        });
        self.matrix_label(row);
        self.w.end("w:p");
        self.w.end("w:tc");
        for cell in 0..layout.columns {
            self.cell_start(layout.column_width, 1, Merge::None);
            let value = row.cells.get(cell).map(String::as_str).unwrap_or("");
            self.lines_cell_paragraphs_centered(value, &text);
            self.w.end("w:tc");
        }
        self.w.end("w:tr");
    }

    /// "Resolution 1" (linked to the published text) – title (linked to Section II).
    fn matrix_label(&mut self, row: &SummaryRow) {
        self.linked_run(&row.label, row.url.as_deref());
        self.run(" – ", false, false, None);
        self.linked_run(
            &row.title,
            row.anchor.as_ref().map(|a| format!("#{a}")).as_deref(),
        );
    }

    // ----- Section II -----

    fn resolution(&mut self, resolution: &Resolution, toc_anchor: Option<&str>) {
        let mut bookmarks = resolution.bookmarks.clone();
        if let Some(anchor) = &resolution.anchor {
            if !bookmarks.contains(anchor) {
                bookmarks.insert(0, anchor.clone());
            }
        }
        let text = format!(
            "{} {} – {}",
            resolution.kind.as_str(),
            resolution.number,
            resolution.title
        );
        let generated = toc_anchor.filter(|a| !bookmarks.iter().any(|b| b == a));
        self.heading(names::HEADING_2, &text, &bookmarks, generated);
        self.blocks(&resolution.operative_text, None, PORTRAIT_WIDTH);
        if !resolution.action_items.is_empty() {
            self.action_table(&resolution.action_items);
        }
        self.blocks(&resolution.notes, None, PORTRAIT_WIDTH);
        self.top_link();
    }

    fn action_table(&mut self, items: &[Item]) {
        self.action_table_start();
        for item in items {
            self.item_rows(item);
        }
        self.w.end("w:tbl");
    }

    /// The action table's start and its repeating header row.
    fn action_table_start(&mut self) {
        let head = self.style(names::TABLE_HEAD);
        self.table_start(&ACTION_GRID, Borders::Grid);
        self.row_start(true);
        for (title, width) in [
            "Action Item",
            "Action",
            "Milestone",
            "Periodic goals met",
            "Completed",
        ]
        .iter()
        .zip(ACTION_GRID)
        {
            self.cell_start(width, 1, Merge::None);
            self.text_paragraph(
                ParagraphProps {
                    style: Some(&head),
                    ..Default::default()
                },
                title,
            );
            self.w.end("w:tc");
        }
        self.w.end("w:tr");
    }

    /// The two rows of an item: id, action, milestone, marks; then its status.
    fn item_rows(&mut self, item: &Item) {
        let text = self.style(names::TABLE_TEXT);
        {
            self.row_start(false);
            self.cell_start(ACTION_GRID[0], 1, Merge::Restart);
            self.w.start("w:p", &[]);
            self.paragraph_properties(ParagraphProps {
                style: Some(&text),
                ..Default::default()
            });
            self.bookmarks_around(&item.bookmarks, |writer| {
                writer.run(&item.id, false, false, None)
            });
            self.w.end("w:p");
            self.cross_reference_lines(item.cross_reference.as_deref(), &text);
            self.w.end("w:tc");
            self.cell_start(ACTION_GRID[1], 1, Merge::None);
            self.lines_cell_paragraphs(&item.action, &text);
            self.w.end("w:tc");
            self.cell_start(ACTION_GRID[2], 1, Merge::None);
            self.lines_cell_paragraphs(&item.milestone, &text);
            self.w.end("w:tc");
            for mark in [item.periodic_goals_met, item.completed] {
                self.cell_start(ACTION_GRID[3], 1, Merge::None);
                self.text_paragraph(
                    ParagraphProps {
                        style: Some(&text),
                        center: true,
                        ..Default::default()
                    },
                    if mark { "√" } else { "" },
                );
                self.w.end("w:tc");
            }
            self.w.end("w:tr");
            let status_width = self.status_row_start(&text);
            self.blocks(&item.status, Some(&text), status_width - 216);
            self.ensure_paragraph_in_cell(
                !item.status.is_empty() && item.status.last().is_some_and(|b| b.rows.is_none()),
            );
            self.w.end("w:tc");
            self.w.end("w:tr");
        }
    }

    /// The second line(s) of an id cell, such as "(44-14)".
    fn cross_reference_lines(&mut self, reference: Option<&str>, style: &str) {
        for line in reference.into_iter().flat_map(|r| r.split('\n')) {
            self.text_paragraph(
                ParagraphProps {
                    style: Some(style),
                    ..Default::default()
                },
                line,
            );
        }
    }

    /// Open an item's status row: the id column continued, then the cell spanning the
    /// four other columns. Returns that cell's width.
    fn status_row_start(&mut self, style: &str) -> u32 {
        self.row_start(false);
        self.cell_start(ACTION_GRID[0], 1, Merge::Continue);
        self.empty_paragraph_styled(style);
        self.w.end("w:tc");
        let status_width: u32 = ACTION_GRID[1..].iter().sum();
        self.cell_start(status_width, 4, Merge::None);
        status_width
    }

    fn top_link(&mut self) {
        self.w.start("w:p", &[]);
        self.w
            .start("w:hyperlink", &[("w:anchor", "_top"), ("w:history", "1")]);
        self.run("» Top", false, false, Some(names::HYPERLINK));
        self.w.end("w:hyperlink");
        self.w.end("w:p");
    }

    // ----- appendices -----

    fn appendix(&mut self, appendix: &Appendix, toc_anchor: Option<&str>) {
        let generated = toc_anchor.filter(|a| !appendix.bookmarks.iter().any(|b| b == a));
        self.heading(
            names::HEADING_1,
            &appendix.title,
            &appendix.bookmarks,
            generated,
        );
        if let Some(note) = &appendix.note {
            for line in note.split('\n') {
                self.text_paragraph(ParagraphProps::default(), line);
            }
        }
        if !appendix.items.is_empty() {
            self.appendix_items(&appendix.items);
        }
        self.blocks(&appendix.blocks, None, PORTRAIT_WIDTH);
    }

    /// The table of obsolete items: id (and cross-reference) | action | further cells.
    fn appendix_items(&mut self, items: &[AppendixItem]) {
        {
            let extra = items.iter().map(|i| i.extra.len()).max().unwrap_or(0);
            let text = self.style(names::TABLE_TEXT);
            let id_width = 1418;
            let rest = (PORTRAIT_WIDTH - id_width) / (1 + extra as u32);
            let mut grid = vec![id_width];
            grid.extend(std::iter::repeat_n(rest, 1 + extra));
            self.table_start(&grid, Borders::Grid);
            for item in items {
                self.row_start(false);
                self.cell_start(id_width, 1, Merge::None);
                self.text_paragraph(
                    ParagraphProps {
                        style: Some(&text),
                        ..Default::default()
                    },
                    &item.id,
                );
                self.cross_reference_lines(item.cross_reference.as_deref(), &text);
                self.w.end("w:tc");
                let cells = std::iter::once(item.action.as_str())
                    .chain(item.extra.iter().map(String::as_str));
                let mut written = 0;
                for value in cells {
                    self.cell_start(rest, 1, Merge::None);
                    self.lines_cell_paragraphs(value, &text);
                    self.w.end("w:tc");
                    written += 1;
                }
                for _ in written..(1 + extra) {
                    self.cell_start(rest, 1, Merge::None);
                    self.empty_paragraph_styled(&text);
                    self.w.end("w:tc");
                }
                self.w.end("w:tr");
            }
            self.w.end("w:tbl");
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum TocRole {
    Summary,
    Progress,
    Resolution(usize),
    Appendix(usize),
}

struct TocEntry {
    level: u8,
    text: String,
    anchor: String,
    role: TocRole,
}

/// Column widths of the summary matrix.
struct MatrixLayout {
    columns: usize,
    label_width: u32,
    column_width: u32,
    grid: Vec<u32>,
}

impl MatrixLayout {
    fn of(summary: &Summary, width: u32) -> MatrixLayout {
        let columns = summary.columns.len().max(
            summary
                .rows
                .iter()
                .map(|r| r.cells.len())
                .max()
                .unwrap_or(0),
        );
        let label_width = (width * 7 / 30).max(1);
        let column_width = (width - label_width) / (columns.max(1) as u32);
        let mut grid = vec![label_width];
        grid.extend(std::iter::repeat_n(column_width, columns));
        MatrixLayout {
            columns,
            label_width,
            column_width,
            grid,
        }
    }
}

/// The legend as the paragraphs the report shows ("Legend:", then "GCA\t: Global …").
fn legend_lines(summary: &Summary) -> Vec<Block> {
    if summary.legend.is_empty() {
        return Vec::new();
    }
    let line = |text: String| Block {
        text,
        style: Some(names::NOTE.to_string()),
        ..Block::default()
    };
    let mut lines = vec![line("Legend:".into())];
    for entry in &summary.legend {
        let separator = if entry.term.chars().all(|c| c == '*') {
            "\t"
        } else {
            "\t: "
        };
        lines.push(line(format!(
            "{}{separator}{}",
            entry.term, entry.definition
        )));
    }
    lines
}

/// The bookmark a link to a heading should target: the model's anchor, else the first
/// TOC bookmark, else the first bookmark.
fn heading_target(anchor: Option<&str>, bookmarks: &[String]) -> Option<String> {
    anchor
        .map(str::to_string)
        .or_else(|| bookmarks.iter().find(|b| b.starts_with("_Toc")).cloned())
        .or_else(|| bookmarks.first().cloned())
}

/// True when the footnote is cited with a custom mark (its body then has no number).
fn custom_mark_of(plan: &ActionPlan, key: &str) -> bool {
    fn cites(blocks: &[Block], key: &str) -> Option<bool> {
        for block in blocks {
            for inline in &block.inlines {
                if inline.footnote.as_deref() == Some(key) {
                    return Some(inline.mark.is_some());
                }
            }
            if let Some(rows) = &block.rows {
                for row in rows {
                    for cell in row {
                        if let Some(found) = cites(cell, key) {
                            return Some(found);
                        }
                    }
                }
            }
        }
        None
    }
    let mut all: Vec<&[Block]> = Vec::new();
    if let Some(summary) = &plan.summary {
        all.push(&summary.caption);
        all.push(&summary.notes);
    }
    if let Some(progress) = &plan.progress {
        all.push(&progress.intro);
    }
    for resolution in &plan.resolutions {
        all.push(&resolution.operative_text);
        all.push(&resolution.notes);
        for item in &resolution.action_items {
            all.push(&item.status);
        }
    }
    for appendix in &plan.appendices {
        all.push(&appendix.blocks);
    }
    all.iter()
        .find_map(|blocks| cites(blocks, key))
        .unwrap_or(false)
}
