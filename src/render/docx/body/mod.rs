//! word/document.xml and word/footnotes.xml: the ITU TD layout of the report.
//!
//! Cover table, title, a real TOC field with pre-rendered entries, Section I (landscape)
//! with the summary matrix and legend, Section II with one heading per resolution, its
//! operative text and its 5-column action table, the "» Top" links, the appendices.
//! Everything the reader needs to give back the same model is written in the shapes the
//! reader recognises (the round trip is tested).
//!
//! One `Writer` writes a part; its methods live with the part of the document they
//! write:
//!
//! ```text
//! mod.rs         the writer's state, write_body / write_redline_body, the document order
//! cover.rs       the TD cover table
//! contents.rs    the TOC field and its entries, generated heading bookmarks
//! matrix.rs      Section I: the summary matrix and its legend
//! actions.rs     Section II: resolutions, action tables, item and status rows
//! appendix.rs    the appendices of obsolete items
//! footnotes.rs   footnotes.xml, footnote ids
//! blocks.rs      paragraph lists and nested tables
//! inlines.rs     runs, hyperlinks, footnote references
//! paragraphs.rs  paragraph properties, line paragraphs, headings, bookmarks
//! tables.rs      tables, rows, cells
//! sections.rs    page setup and section breaks
//! revisions.rs   tracked-change wrappers (w:ins, w:del)
//! redline.rs     the redline document and footnotes
//! ```

use super::parts::{Rel, R_NS, W_NS};
use super::styles::{names, Styles};
use super::xml::XmlWriter;
use crate::model::ActionPlan;
use std::collections::{BTreeMap, HashMap, HashSet};

mod actions;
mod appendix;
mod blocks;
mod contents;
mod cover;
mod footnotes;
mod inlines;
mod matrix;
mod paragraphs;
mod redline;
mod revisions;
mod sections;
mod tables;
#[cfg(test)]
mod test_support;

use contents::{toc_anchor, TocRole};
use footnotes::footnote_ids;
use paragraphs::ParagraphProps;
use revisions::Revision;
pub(super) use sections::PageSetup;

/// Width of the text area of a portrait A4 page with the built-in margins (twips).
const PORTRAIT_WIDTH: u32 = 9638;

/// What writing the body produced besides document.xml.
pub(super) struct Written {
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

/// Write the body of the report; `heading_pages` are the pages of the contents' entries.
pub(super) fn write_body(
    plan: &ActionPlan,
    styles: &mut Styles,
    page: &PageSetup,
    heading_pages: &[Option<u32>],
) -> Written {
    let footnote_ids = footnote_ids(plan);
    let mut body = Writer::new(styles, &footnote_ids, "rIdL");
    body.heading_pages = heading_pages.to_vec();
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

/// The texts of the contents' entries, in order.
pub(super) fn contents_headings(plan: &ActionPlan) -> Vec<String> {
    let mut styles = Styles::built_in();
    let ids = BTreeMap::new();
    let mut writer = Writer::new(&mut styles, &ids, "rIdL");
    writer
        .toc_entries(plan)
        .into_iter()
        .map(|e| e.text)
        .collect()
}

/// `old` with its footnotes renamed to the ids of the new edition's footnotes they pair
/// with ([`crate::diff::footnote_pairs`]: by the place that references them), so that the
/// redline compares each footnote with its own counterpart even when the ids shifted (a
/// footnote inserted before them). An old footnote without a counterpart keeps its id,
/// unless the new edition uses it: then it takes a fresh one.
fn footnotes_keyed_as(old: &ActionPlan, new: &ActionPlan) -> ActionPlan {
    let mut rename: BTreeMap<String, String> =
        crate::diff::footnote_pairs(old, new).into_iter().collect();
    let taken: std::collections::BTreeSet<&String> = new.footnotes.keys().collect();
    let unpaired: Vec<&String> = old
        .footnotes
        .keys()
        .filter(|k| !rename.contains_key(*k))
        .collect();
    for key in unpaired {
        let mut fresh = key.clone();
        while taken.contains(&fresh) || rename.values().any(|v| *v == fresh) {
            fresh = format!("{fresh}-old");
        }
        rename.insert(key.clone(), fresh);
    }
    if rename.iter().all(|(from, to)| from == to) {
        return old.clone();
    }
    let mut keyed = old.clone();
    keyed.footnotes = old
        .footnotes
        .iter()
        .map(|(key, blocks)| (rename.get(key).unwrap_or(key).clone(), blocks.clone()))
        .collect();
    keyed.for_each_inline_mut(&mut |inline| {
        if let Some(to) = inline.footnote.as_ref().and_then(|id| rename.get(id)) {
            inline.footnote = Some(to.clone());
        }
    });
    keyed
}

/// Write the body of the redline of `old` → `new`, changes dated `date`.
pub(super) fn write_redline_body(
    old: &ActionPlan,
    new: &ActionPlan,
    styles: &mut Styles,
    page: &PageSetup,
    date: &str,
) -> Written {
    let old = &footnotes_keyed_as(old, new);
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
    let next_move = body.next_move;
    let document = body.w.finish();

    let mut notes = Writer::new(styles, &footnote_ids, "rIdF");
    notes.revision_date = date.to_string();
    notes.ordered_lists = ordered;
    notes.next_bookmark = next_id;
    notes.next_move = next_move;
    notes.redline_footnotes(old, new, &footnote_ids);
    Written {
        document,
        footnote_links: std::mem::take(&mut notes.links),
        ordered_lists: notes.ordered_lists,
        footnotes: notes.w.finish(),
        document_links,
    }
}

/// Writes one part (document.xml or footnotes.xml) and keeps what the part needs besides
/// its XML: style ids, link relationships, annotation ids, numbering instances.
struct Writer<'a> {
    /// The part being written.
    w: XmlWriter,
    /// The styles part, completed with the styles the layout uses.
    styles: &'a mut Styles,
    /// Style name → id, for the styles already asked for.
    style_ids: HashMap<String, String>,
    /// Model footnote id → w:id.
    footnote_ids: &'a BTreeMap<String, String>,
    /// The part's external hyperlink relationships.
    links: Vec<Rel>,
    /// Prefix of the part's relationship ids ("rIdL", "rIdF").
    link_prefix: &'static str,
    /// Next id for bookmarks and tracked changes (one id space for all annotations).
    next_bookmark: u32,
    /// How many numbered lists were started so far (each has its own w:num).
    ordered_lists: u32,
    /// While writing a tracked change: what everything written is (redline only).
    revision: Option<Revision>,
    /// The w:date of tracked changes.
    revision_date: String,
    /// How many bookmark names were generated (`_Actplan…1`, `2`, …).
    generated_anchor: u32,
    /// Run font size in half-points while writing a dense table (the matrix), else None.
    run_size: Option<u32>,
    /// While writing an item row: every paragraph keeps with the next (the status row).
    keep_with_next: bool,
    /// The page of each contents entry, in order (none: left for Word).
    heading_pages: Vec<Option<u32>>,
    /// Redline only: ids of the items and appendix entries that moved (written as moves).
    moved: HashSet<String>,
    /// Redline only: how many paragraph moves were named so far.
    next_move: u32,
}

impl<'a> Writer<'a> {
    /// A writer for a new part whose link relationships are numbered `link_prefix` 1, 2, …
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
            keep_with_next: false,
            heading_pages: Vec::new(),
            moved: HashSet::new(),
            next_move: 0,
        }
    }

    /// The id of the style named `name`, added to the styles part when it has none.
    fn style(&mut self, name: &str) -> String {
        if let Some(id) = self.style_ids.get(name) {
            return id.clone();
        }
        let id = self.styles.id_for(name);
        self.style_ids.insert(name.to_string(), id.clone());
        id
    }

    /// The plain report's document.xml: cover, title, contents, Section I in a landscape
    /// section of its own, Section II, the appendices.
    fn document(&mut self, plan: &ActionPlan, page: &PageSetup) {
        self.w
            .start("w:document", &[("xmlns:w", W_NS), ("xmlns:r", R_NS)]);
        self.w.start("w:body", &[]);
        self.cover(plan);
        if let Some(title) = &plan.title {
            let style = self.style(names::TITLE);
            self.text_paragraph(ParagraphProps::styled(&style), title);
        }
        let toc = self.toc_entries(plan);
        self.table_of_contents(&toc);
        let has_summary = plan.summary.is_some();
        if let Some(summary) = &plan.summary {
            // The cover ends its own section (distinct first page); Section I is landscape.
            self.section_break(page, false, true);
            let anchor = toc_anchor(&toc, TocRole::Summary);
            self.summary(summary, page.text_width(true), anchor.as_deref());
            self.section_break(page, true, false);
        }
        if let Some(progress) = &plan.progress {
            if let Some(heading) = &progress.heading {
                let anchor = toc_anchor(&toc, TocRole::Progress);
                self.heading(names::HEADING_1, heading, &[], anchor.as_deref());
            }
            self.blocks(&progress.intro, None, PORTRAIT_WIDTH);
        }
        for resolution in &plan.resolutions {
            let anchor = toc_anchor(&toc, TocRole::of_resolution(resolution));
            self.resolution(resolution, anchor.as_deref());
        }
        for (index, appendix) in plan.appendices.iter().enumerate() {
            let anchor = toc_anchor(&toc, TocRole::of_appendix(appendix));
            self.appendix_on_page(appendix, anchor.as_deref(), index == 0);
        }
        self.section_properties(page, false, !has_summary);
        self.w.end("w:body");
        self.w.end("w:document");
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::{citing, empty_plan, item, parse, resolution};
    use super::*;
    use crate::model::{Block, Cover, Inline, Summary};

    fn report(plan: &ActionPlan) -> Written {
        let mut styles = Styles::built_in();
        write_body(plan, &mut styles, &PageSetup::default(), &[])
    }

    fn linked(text: &str, url: &str) -> Block {
        Block {
            text: text.into(),
            inlines: vec![Inline {
                text: text.into(),
                href: Some(url.into()),
                ..Inline::default()
            }],
            ..Block::default()
        }
    }

    fn full_plan() -> ActionPlan {
        let mut plan = empty_plan();
        plan.cover = Some(Cover {
            td_number: Some("TD 1".into()),
            ..Cover::default()
        });
        plan.title = Some("WTSA-24 Action Plan".into());
        plan.summary = Some(Summary {
            heading: Some("Section I".into()),
            ..Summary::default()
        });
        let mut part = resolution("1", vec![item("1-01")]);
        part.operative_text = vec![linked("text", "https://a.example"), citing("1", None)];
        plan.resolutions = vec![part];
        plan.footnotes
            .insert("1".into(), vec![linked("note", "https://b.example")]);
        plan
    }

    #[test]
    fn the_document_runs_cover_title_contents_section_i_then_section_ii() {
        let written = report(&full_plan());
        let xml = parse(&written.document);
        let body = xml.child("w:document").child("w:body");
        let names = body.element_names();
        assert_eq!(names.first(), Some(&"w:tbl"), "the cover first");
        assert_eq!(names.last(), Some(&"w:sectPr"));
        let paragraphs = body.children("w:p");
        assert_eq!(paragraphs[0].text(), "WTSA-24 Action Plan");
        assert_eq!(paragraphs[0].paragraph_style(), Some("Title"));
        assert_eq!(paragraphs[1].text(), "Contents");
        // Section I sits between two section breaks: the cover's section (portrait, its
        // own first page), then Section I's (landscape).
        let breaks: Vec<_> = body
            .find_all("w:sectPr")
            .into_iter()
            .map(|s| {
                (
                    s.child("w:pgSz").attr("w:orient").is_some(),
                    s.has("w:titlePg"),
                )
            })
            .collect();
        assert_eq!(breaks, [(false, true), (true, false), (false, false)]);
        let heading = body
            .find_all("w:p")
            .into_iter()
            .find(|p| p.text() == "Section I")
            .expect("Section I heading");
        assert_eq!(
            heading.child("w:bookmarkStart").attr("w:name"),
            Some("_ActplanSection1")
        );
    }

    #[test]
    fn the_first_appendix_starts_a_page_the_others_follow_on() {
        let appendix = |title: &str| crate::model::Appendix {
            title: title.into(),
            bookmarks: Vec::new(),
            note: None,
            items: Vec::new(),
            blocks: Vec::new(),
        };
        let plan = ActionPlan {
            appendices: vec![appendix("Appendix I"), appendix("Appendix II")],
            ..full_plan()
        };
        let xml = parse(&report(&plan).document);
        let breaks: Vec<(String, bool)> = xml
            .find_all("w:p")
            .into_iter()
            .filter(|p| p.text().starts_with("Appendix"))
            .filter(|p| p.paragraph_style() == Some("Heading1"))
            .map(|p| (p.text(), p.path(&["w:pPr", "w:pageBreakBefore"]).is_some()))
            .collect();
        assert_eq!(
            breaks,
            [("Appendix I".into(), true), ("Appendix II".into(), false)]
        );
    }

    #[test]
    fn without_section_i_the_only_section_has_the_title_page() {
        let plan = ActionPlan {
            summary: None,
            ..full_plan()
        };
        let xml = parse(&report(&plan).document);
        let sections = xml.find_all("w:sectPr");
        assert_eq!(sections.len(), 1);
        assert!(sections[0].has("w:titlePg"));
    }

    #[test]
    fn each_part_numbers_its_own_links_and_footnotes_follow_the_document() {
        let written = report(&full_plan());
        let link = |rels: &[Rel]| {
            rels.iter()
                .map(|r| (r.id.clone(), r.target.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            link(&written.document_links),
            [("rIdL1".to_string(), "https://a.example".to_string())]
        );
        assert_eq!(
            link(&written.footnote_links),
            [("rIdF1".to_string(), "https://b.example".to_string())]
        );
        let notes = parse(&written.footnotes);
        let note = notes.child("w:footnotes").children("w:footnote")[2];
        assert_eq!(note.attr("w:id"), Some("1"));
        assert_eq!(note.find("w:hyperlink").attr("r:id"), Some("rIdF1"));
        let document = parse(&written.document);
        assert_eq!(document.find("w:footnoteReference").attr("w:id"), Some("1"));
        assert_eq!(written.ordered_lists, 0);
    }
}
