//! The table of contents: a real TOC field whose result is pre-rendered (one hyperlinked
//! entry per heading, each with a PAGEREF field), so the document reads right before
//! Word updates its fields. Section I and II headings, and headings without a bookmark of
//! their own, get a generated one (`_Actplan…`, which the reader ignores).

use super::paragraphs::ParagraphProps;
use super::Writer;
use crate::model::ActionPlan;
use crate::render::docx::styles::names;

/// The TOC field's instruction: headings 1 to 3 (`\o`) and paragraphs with an outline
/// level (`\u`), entries as hyperlinks (`\h`), page numbers hidden in Web view (`\z`).
const TOC_INSTRUCTION: &str = " TOC \\o \"1-3\" \\h \\z \\u ";

/// Which heading a TOC entry stands for.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum TocRole {
    /// Section I.
    Summary,
    /// Section II's own heading.
    Progress,
    /// A resolution, by its address in the plan.
    Resolution(usize),
    /// An appendix, by its address in the plan.
    Appendix(usize),
}

impl TocRole {
    /// The role of a resolution of the plan being written.
    pub(super) fn of_resolution(resolution: &crate::model::Resolution) -> TocRole {
        TocRole::Resolution(resolution as *const _ as usize)
    }

    /// The role of an appendix of the plan being written.
    pub(super) fn of_appendix(appendix: &crate::model::Appendix) -> TocRole {
        TocRole::Appendix(appendix as *const _ as usize)
    }
}

/// One line of the table of contents.
pub(super) struct TocEntry {
    /// 1 for sections and appendices, 2 for resolutions.
    level: u8,
    /// The heading text.
    pub(super) text: String,
    /// The bookmark the entry links to.
    pub(super) anchor: String,
    /// The heading it stands for.
    pub(super) role: TocRole,
}

/// The bookmark of the entry for `role`, if the table of contents has one.
pub(super) fn toc_anchor(entries: &[TocEntry], role: TocRole) -> Option<String> {
    entries
        .iter()
        .find(|e| e.role == role)
        .map(|e| e.anchor.clone())
}

/// The bookmark a link to a heading should target: the model's anchor, else the first
/// TOC bookmark, else the first bookmark.
pub(super) fn heading_target(anchor: Option<&str>, bookmarks: &[String]) -> Option<String> {
    anchor
        .map(str::to_string)
        .or_else(|| bookmarks.iter().find(|b| b.starts_with("_Toc")).cloned())
        .or_else(|| bookmarks.first().cloned())
}

impl Writer<'_> {
    /// The entries of the plan's table of contents, in document order, generating the
    /// bookmarks that headings lack.
    pub(super) fn toc_entries(&mut self, plan: &ActionPlan) -> Vec<TocEntry> {
        let mut entries = Vec::new();
        if let Some(heading) = plan.summary.as_ref().and_then(|s| s.heading.as_ref()) {
            entries.push(TocEntry {
                level: 1,
                text: heading.clone(),
                anchor: self.generated("Section"),
                role: TocRole::Summary,
            });
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
                role: TocRole::of_resolution(resolution),
            });
        }
        for appendix in &plan.appendices {
            let anchor = heading_target(None, &appendix.bookmarks)
                .unwrap_or_else(|| self.generated("Appendix"));
            entries.push(TocEntry {
                level: 1,
                text: appendix.title.clone(),
                anchor,
                role: TocRole::of_appendix(appendix),
            });
        }
        entries
    }

    /// A bookmark name of our own (`_Actplan…`, which the reader ignores).
    fn generated(&mut self, what: &str) -> String {
        self.generated_anchor += 1;
        format!("_Actplan{what}{}", self.generated_anchor)
    }

    /// "Contents", then the TOC field: its begin in the first entry's paragraph, one
    /// paragraph per entry, its end in a paragraph of its own. Nothing without entries.
    pub(super) fn table_of_contents(&mut self, entries: &[TocEntry]) {
        if entries.is_empty() {
            return;
        }
        let heading = self.style(names::TOC_HEADING);
        self.text_paragraph(ParagraphProps::styled(&heading), "Contents");
        let toc1 = self.style(names::TOC_1);
        let toc2 = self.style(names::TOC_2);
        for (index, entry) in entries.iter().enumerate() {
            let style = if entry.level == 1 { &toc1 } else { &toc2 };
            self.w.start("w:p", &[]);
            self.paragraph_properties(ParagraphProps::styled(style));
            if index == 0 {
                self.field_begin(TOC_INSTRUCTION);
            }
            let page = self.heading_pages.get(index).copied().flatten();
            self.toc_entry_link(entry, page);
            self.w.end("w:p");
        }
        self.w.start("w:p", &[]);
        self.paragraph_properties(ParagraphProps::styled(&toc1));
        self.field_end();
        self.w.end("w:p");
    }

    /// An entry's text, a TAB and its PAGEREF field (its result `page` when known), all
    /// linked to its bookmark.
    fn toc_entry_link(&mut self, entry: &TocEntry, page: Option<u32>) {
        self.w.start(
            "w:hyperlink",
            &[("w:anchor", &entry.anchor), ("w:history", "1")],
        );
        self.run(&entry.text, false, false, None);
        self.run("\t", false, false, None);
        self.field_begin(&format!(" PAGEREF {} \\h ", entry.anchor));
        if let Some(page) = page {
            self.run(&page.to_string(), false, false, None);
        }
        self.field_end();
        self.w.end("w:hyperlink");
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

    /// The end of a field.
    fn field_end(&mut self) {
        self.w.raw("<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>");
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{empty_plan, resolution, with_writer, xml_of, Element};
    use super::*;
    use crate::model::{Appendix, ProgressSection, Summary};

    fn plan() -> ActionPlan {
        let mut with_anchor = resolution("22", Vec::new());
        with_anchor.anchor = Some("Resolution_22".into());
        let mut with_toc_bookmark = resolution("40", Vec::new());
        with_toc_bookmark.bookmarks = vec!["Other".into(), "_Toc123".into()];
        ActionPlan {
            summary: Some(Summary {
                heading: Some("Section I".into()),
                ..Summary::default()
            }),
            progress: Some(ProgressSection {
                heading: Some("Section II".into()),
                intro: Vec::new(),
            }),
            resolutions: vec![with_anchor, with_toc_bookmark, resolution("1", Vec::new())],
            appendices: vec![Appendix {
                title: "Appendix I".into(),
                bookmarks: Vec::new(),
                note: None,
                items: Vec::new(),
                blocks: Vec::new(),
            }],
            ..empty_plan()
        }
    }

    fn instructions(element: &Element) -> Vec<String> {
        element
            .find_all("w:instrText")
            .iter()
            .map(|i| i.own_text())
            .collect()
    }

    fn field_chars(element: &Element, kind: &str) -> usize {
        element
            .find_all("w:fldChar")
            .iter()
            .filter(|f| f.attr("w:fldCharType") == Some(kind))
            .count()
    }

    #[test]
    fn entries_link_to_the_heading_bookmarks_generating_the_missing_ones() {
        let plan = plan();
        let entries = with_writer(&plan, |w| w.toc_entries(&plan));
        let seen: Vec<_> = entries
            .iter()
            .map(|e| (e.level, e.text.as_str(), e.anchor.as_str()))
            .collect();
        assert_eq!(
            seen,
            [
                (1, "Section I", "_ActplanSection1"),
                (1, "Section II", "_ActplanSection2"),
                (2, "Resolution 22 – Title of 22", "Resolution_22"),
                (2, "Resolution 40 – Title of 40", "_Toc123"),
                (2, "Resolution 1 – Title of 1", "_ActplanResolution3"),
                (1, "Appendix I", "_ActplanAppendix4"),
            ]
        );
        let role = TocRole::of_resolution(&plan.resolutions[1]);
        assert_eq!(toc_anchor(&entries, role).as_deref(), Some("_Toc123"));
        let role = TocRole::of_appendix(&plan.appendices[0]);
        assert_eq!(
            toc_anchor(&entries, role).as_deref(),
            Some("_ActplanAppendix4")
        );
        assert_eq!(toc_anchor(&entries[..1], TocRole::Progress), None);
    }

    #[test]
    fn the_toc_field_has_its_instruction_and_one_hyperlinked_entry_per_heading() {
        let plan = plan();
        let xml = with_writer(&plan, |w| {
            let entries = w.toc_entries(&plan);
            w.table_of_contents(&entries);
            xml_of(w)
        });
        let paragraphs = xml.children("w:p");
        assert_eq!(paragraphs.len(), 1 + 6 + 1);
        assert_eq!(paragraphs[0].text(), "Contents");
        assert_eq!(paragraphs[0].paragraph_style(), Some("TOCHeading"));
        let entries = &paragraphs[1..7];
        assert_eq!(
            instructions(entries[0])[0],
            " TOC \\o \"1-3\" \\h \\z \\u ",
            "the field starts in the first entry"
        );
        let styles: Vec<_> = entries.iter().map(|p| p.paragraph_style()).collect();
        assert_eq!(
            styles,
            ["TOC1", "TOC1", "TOC2", "TOC2", "TOC2", "TOC1"].map(Some)
        );
        let link = entries[2].child("w:hyperlink");
        assert_eq!(link.attr("w:anchor"), Some("Resolution_22"));
        assert_eq!(link.text(), "Resolution 22 – Title of 22\t");
        assert_eq!(instructions(link), [" PAGEREF Resolution_22 \\h "]);
        // Every field is closed: the TOC's in the last paragraph, each PAGEREF in its link.
        assert_eq!(field_chars(&xml, "begin"), 7);
        assert_eq!(field_chars(&xml, "separate"), 7);
        assert_eq!(field_chars(&xml, "end"), 7);
        let last = paragraphs[7];
        assert_eq!(field_chars(last, "end"), 1);
        assert_eq!(last.paragraph_style(), Some("TOC1"));
    }

    #[test]
    fn no_headings_no_contents() {
        let xml = with_writer(&empty_plan(), |w| {
            let entries = w.toc_entries(&empty_plan());
            w.table_of_contents(&entries);
            xml_of(w)
        });
        assert!(xml.elements().is_empty());
    }

    #[test]
    fn a_heading_is_targeted_by_its_anchor_then_a_toc_bookmark_then_its_first_bookmark() {
        let bookmarks = ["First".to_string(), "_Toc9".to_string()];
        assert_eq!(
            heading_target(Some("Own"), &bookmarks).as_deref(),
            Some("Own")
        );
        assert_eq!(heading_target(None, &bookmarks).as_deref(), Some("_Toc9"));
        assert_eq!(
            heading_target(None, &bookmarks[..1]).as_deref(),
            Some("First")
        );
        assert_eq!(heading_target(None, &[]), None);
    }
}
