//! Paragraphs: `w:pPr`, single-string paragraphs, the one-paragraph-per-line cells of the
//! tables, empty paragraphs, headings and the bookmarks around their text.

use super::Writer;
use crate::model::Inline;

/// Paragraph properties of one paragraph.
#[derive(Default, Clone, Copy)]
pub(super) struct ParagraphProps<'s> {
    /// Paragraph style id.
    pub(super) style: Option<&'s str>,
    /// List membership: (numbering instance `w:numId`, level `w:ilvl`).
    pub(super) list: Option<(u32, u32)>,
    /// Centred (`w:jc`).
    pub(super) center: bool,
    /// Kept with the next paragraph (`w:keepNext`).
    pub(super) keep_next: bool,
    /// Starts a new page (`w:pageBreakBefore`).
    pub(super) page_break_before: bool,
}

impl<'s> ParagraphProps<'s> {
    /// A paragraph in the style with id `style`, nothing else.
    pub(super) fn styled(style: &'s str) -> Self {
        ParagraphProps {
            style: Some(style),
            ..Default::default()
        }
    }
}

impl Writer<'_> {
    /// `w:pPr`, left out when there is nothing to say. Inside a tracked change it carries
    /// the change of the paragraph mark.
    /// Inside an item row (`keep_with_next`) every paragraph keeps with the next, so
    /// the row stays on the page where its status starts.
    pub(super) fn paragraph_properties(&mut self, props: ParagraphProps<'_>) {
        let keep_next = props.keep_next || self.keep_with_next;
        if props.style.is_none()
            && props.list.is_none()
            && !props.center
            && !keep_next
            && !props.page_break_before
            && self.revision.is_none()
        {
            return;
        }
        self.w.start("w:pPr", &[]);
        if let Some(style) = props.style {
            self.w.empty("w:pStyle", &[("w:val", style)]);
        }
        if keep_next {
            self.w.empty("w:keepNext", &[]);
        }
        if props.page_break_before {
            self.w.empty("w:pageBreakBefore", &[]);
        }
        if let Some((num, level)) = props.list {
            self.w.start("w:numPr", &[]);
            self.w.empty("w:ilvl", &[("w:val", &level.to_string())]);
            self.w.empty("w:numId", &[("w:val", &num.to_string())]);
            self.w.end("w:numPr");
        }
        if props.center {
            self.w.empty("w:jc", &[("w:val", "center")]);
        }
        if self.revision.is_some() {
            // The paragraph mark itself is inserted or deleted.
            self.w.start("w:rPr", &[]);
            self.revision_mark();
            self.w.end("w:rPr");
        }
        self.w.end("w:pPr");
    }

    /// A paragraph of one plain run.
    pub(super) fn text_paragraph(&mut self, props: ParagraphProps<'_>, text: &str) {
        self.w.start("w:p", &[]);
        self.paragraph_properties(props);
        self.run(text, false, false, None);
        self.w.end("w:p");
    }

    /// A paragraph whose text keeps its line breaks.
    pub(super) fn lines_paragraph(&mut self, style: &str, text: &str) {
        self.text_paragraph(
            ParagraphProps {
                style: Some(style),
                ..Default::default()
            },
            text,
        );
    }

    /// A cell's paragraphs from spans: a new paragraph at each "\n" (at least one
    /// paragraph), footnote references and links kept.
    pub(super) fn inline_cell_paragraphs(&mut self, spans: &[Inline], style: &str) {
        for line in &span_lines(spans) {
            self.w.start("w:p", &[]);
            self.paragraph_properties(ParagraphProps::styled(style));
            self.inlines(line);
            self.w.end("w:p");
        }
    }

    /// A single-string cell: one paragraph per line (at least one paragraph).
    pub(super) fn lines_cell_paragraphs(&mut self, text: &str, style: &str) {
        self.cell_lines(text, style, false);
    }

    /// A single-string cell, centred: one paragraph per line (at least one paragraph).
    pub(super) fn lines_cell_paragraphs_centered(&mut self, text: &str, style: &str) {
        self.cell_lines(text, style, true);
    }

    /// One paragraph per line of `text`, in `style`, centred or not.
    pub(super) fn cell_lines(&mut self, text: &str, style: &str, center: bool) {
        let mut any = false;
        for line in text.split('\n') {
            self.text_paragraph(
                ParagraphProps {
                    style: Some(style),
                    center,
                    ..Default::default()
                },
                line,
            );
            any = true;
        }
        if !any {
            self.empty_paragraph_styled(style);
        }
    }

    /// `<w:p/>`, or a paragraph with its mark tracked inside a tracked change.
    pub(super) fn empty_paragraph(&mut self) {
        if self.revision.is_none() {
            return self.w.empty("w:p", &[]);
        }
        self.w.start("w:p", &[]);
        self.paragraph_properties(ParagraphProps::default());
        self.w.end("w:p");
    }

    /// An empty paragraph in a style.
    pub(super) fn empty_paragraph_styled(&mut self, style: &str) {
        self.w.start("w:p", &[]);
        self.paragraph_properties(ParagraphProps {
            style: Some(style),
            ..Default::default()
        });
        self.w.end("w:p");
    }

    /// A cell must end with a paragraph: write an empty one unless `has_one`.
    pub(super) fn ensure_paragraph_in_cell(&mut self, has_one: bool) {
        if !has_one {
            self.empty_paragraph();
        }
    }

    /// A heading paragraph in the style named `style_name`, its text inside `bookmarks`
    /// and `extra_anchor` (a generated TOC target). It keeps with what follows, whatever
    /// the (reference document's) style says.
    pub(super) fn heading(
        &mut self,
        style_name: &str,
        text: &str,
        bookmarks: &[String],
        extra_anchor: Option<&str>,
    ) {
        self.heading_on_page(style_name, text, bookmarks, extra_anchor, false);
    }

    /// A heading as [`Self::heading`] writes it, starting a new page when `new_page`.
    pub(super) fn heading_on_page(
        &mut self,
        style_name: &str,
        text: &str,
        bookmarks: &[String],
        extra_anchor: Option<&str>,
        new_page: bool,
    ) {
        let style = self.style(style_name);
        let mut all: Vec<String> = bookmarks.to_vec();
        if let Some(extra) = extra_anchor {
            all.push(extra.to_string());
        }
        self.w.start("w:p", &[]);
        self.paragraph_properties(ParagraphProps {
            style: Some(&style),
            keep_next: true,
            page_break_before: new_page,
            ..Default::default()
        });
        self.bookmarks_around(&all, |writer| writer.run(text, false, false, None));
        self.w.end("w:p");
    }

    /// What `content` writes, between a `w:bookmarkStart` and a `w:bookmarkEnd` for each
    /// name (ids from the shared annotation id space).
    pub(super) fn bookmarks_around(&mut self, names: &[String], content: impl FnOnce(&mut Self)) {
        let ids: Vec<String> = names
            .iter()
            .map(|_| {
                self.next_bookmark += 1;
                (self.next_bookmark - 1).to_string()
            })
            .collect();
        if !names.is_empty() {
            // Inside a tracked change the bookmarks go (and come back) with the text.
            self.revision_start();
            for (name, id) in names.iter().zip(&ids) {
                self.w
                    .empty("w:bookmarkStart", &[("w:id", id), ("w:name", name)]);
            }
            self.revision_end();
        }
        content(self);
        if !names.is_empty() {
            self.revision_start();
            for id in &ids {
                self.w.empty("w:bookmarkEnd", &[("w:id", id)]);
            }
            self.revision_end();
        }
    }
}

/// Spans cut into lines at their "\n" (one paragraph each), at least one line.
pub(super) fn span_lines(spans: &[Inline]) -> Vec<Vec<Inline>> {
    let mut lines: Vec<Vec<Inline>> = vec![Vec::new()];
    for span in spans {
        let mut pieces = span.text.split('\n');
        if let (Some(first), Some(last)) = (pieces.next(), lines.last_mut()) {
            if !first.is_empty() || span.footnote.is_some() {
                last.push(Inline {
                    text: first.to_string(),
                    ..span.clone()
                });
            }
        }
        for piece in pieces {
            lines.push(Vec::new());
            if let (false, Some(last)) = (piece.is_empty(), lines.last_mut()) {
                last.push(Inline {
                    text: piece.to_string(),
                    ..span.clone()
                });
            }
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::super::revisions::Revision;
    use super::super::test_support::{empty_plan, written};
    use super::*;
    use crate::render::docx::styles::names;

    #[test]
    fn a_plain_paragraph_has_no_properties() {
        let xml = written(&empty_plan(), |w| {
            w.text_paragraph(ParagraphProps::default(), "Plain")
        });
        let paragraph = xml.child("w:p");
        assert_eq!(paragraph.element_names(), ["w:r"]);
        assert_eq!(paragraph.text(), "Plain");
    }

    #[test]
    fn properties_come_in_schema_order() {
        let xml = written(&empty_plan(), |w| {
            w.text_paragraph(
                ParagraphProps {
                    style: Some("Note"),
                    list: Some((3, 1)),
                    center: true,
                    keep_next: true,
                    page_break_before: true,
                },
                "Listed",
            )
        });
        let properties = xml.child("w:p").child("w:pPr");
        assert_eq!(
            properties.element_names(),
            [
                "w:pStyle",
                "w:keepNext",
                "w:pageBreakBefore",
                "w:numPr",
                "w:jc"
            ]
        );
        let numbering = properties.child("w:numPr");
        assert_eq!(numbering.child("w:ilvl").attr("w:val"), Some("1"));
        assert_eq!(numbering.child("w:numId").attr("w:val"), Some("3"));
        assert!(xml.child("w:p").is_centred());
    }

    #[test]
    fn a_cell_string_becomes_one_paragraph_per_line() {
        let xml = written(&empty_plan(), |w| {
            w.lines_cell_paragraphs("one\ntwo\n", "Tabletext");
            w.lines_cell_paragraphs_centered("√", "Tabletext");
        });
        assert_eq!(xml.paragraph_texts(), ["one", "two", "", "√"]);
        let paragraphs = xml.children("w:p");
        assert!(paragraphs
            .iter()
            .all(|p| p.paragraph_style() == Some("Tabletext")));
        let centred: Vec<bool> = paragraphs.iter().map(|p| p.is_centred()).collect();
        assert_eq!(centred, [false, false, false, true]);
    }

    #[test]
    fn an_empty_paragraph_is_bare_unless_its_mark_is_tracked() {
        let xml = written(&empty_plan(), |w| {
            w.ensure_paragraph_in_cell(true);
            w.ensure_paragraph_in_cell(false);
            w.tracked(Some(Revision::Insert), |w| w.empty_paragraph());
        });
        let paragraphs = xml.children("w:p");
        assert_eq!(
            paragraphs.len(),
            2,
            "one paragraph for has_one = false only"
        );
        assert!(paragraphs[0].elements().is_empty());
        assert!(paragraphs[1].path(&["w:pPr", "w:rPr", "w:ins"]).is_some());
    }

    #[test]
    fn a_heading_wraps_its_text_in_its_bookmarks_and_the_extra_anchor() {
        let xml = written(&empty_plan(), |w| {
            w.next_bookmark = 4;
            w.heading(
                names::HEADING_1,
                "Section II",
                &["_Toc1".into(), "Section_II".into()],
                Some("_ActplanSection2"),
            );
            assert_eq!(w.next_bookmark, 7);
        });
        let paragraph = xml.child("w:p");
        assert_eq!(paragraph.paragraph_style(), Some("Heading1"));
        assert_eq!(
            paragraph.element_names(),
            [
                "w:pPr",
                "w:bookmarkStart",
                "w:bookmarkStart",
                "w:bookmarkStart",
                "w:r",
                "w:bookmarkEnd",
                "w:bookmarkEnd",
                "w:bookmarkEnd"
            ]
        );
        let starts: Vec<_> = paragraph
            .children("w:bookmarkStart")
            .iter()
            .map(|b| (b.attr("w:id").unwrap(), b.attr("w:name").unwrap()))
            .collect();
        assert_eq!(
            starts,
            [
                ("4", "_Toc1"),
                ("5", "Section_II"),
                ("6", "_ActplanSection2")
            ]
        );
        let ends: Vec<_> = paragraph
            .children("w:bookmarkEnd")
            .iter()
            .map(|b| b.attr("w:id").unwrap())
            .collect();
        assert_eq!(ends, ["4", "5", "6"]);
        assert_eq!(paragraph.text(), "Section II");
    }
}
