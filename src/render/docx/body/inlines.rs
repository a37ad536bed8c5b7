//! What goes inside a paragraph: runs of text, hyperlinks (to bookmarks or, through a
//! relationship, to URLs) and footnote references.

use super::revisions::Revision;
use super::Writer;
use crate::model::Inline;
use crate::render::docx::parts::Rel;
use crate::render::docx::styles::names;

impl Writer<'_> {
    /// A paragraph's spans: neighbouring spans with the same link share one `w:hyperlink`.
    pub(super) fn inlines(&mut self, inlines: &[Inline]) {
        let mut index = 0;
        while index < inlines.len() {
            let inline = &inlines[index];
            if let Some(footnote) = &inline.footnote {
                self.footnote_reference(footnote, inline.mark.as_deref());
                index += 1;
                continue;
            }
            match &inline.href {
                Some(href) => {
                    let run_end = inlines[index..]
                        .iter()
                        .position(|i| i.href.as_ref() != Some(href) || i.footnote.is_some())
                        .map_or(inlines.len(), |p| index + p);
                    self.hyperlink_start(href);
                    for span in &inlines[index..run_end] {
                        self.run(&span.text, span.bold, span.italic, Some(names::HYPERLINK));
                    }
                    self.w.end("w:hyperlink");
                    index = run_end;
                }
                None => {
                    self.run(&inline.text, inline.bold, inline.italic, None);
                    index += 1;
                }
            }
        }
    }

    /// Open a `w:hyperlink`: "#name" targets a bookmark, anything else is an external URL
    /// with a relationship of its own (one per URL, ids `link_prefix` + number).
    pub(super) fn hyperlink_start(&mut self, href: &str) {
        if let Some(anchor) = href.strip_prefix('#') {
            self.w
                .start("w:hyperlink", &[("w:anchor", anchor), ("w:history", "1")]);
            return;
        }
        let id = match self.links.iter().find(|r| r.target == href) {
            Some(rel) => rel.id.clone(),
            None => {
                let id = format!("{}{}", self.link_prefix, self.links.len() + 1);
                self.links.push(Rel {
                    id: id.clone(),
                    kind: "/hyperlink".into(),
                    target: href.to_string(),
                    external: true,
                });
                id
            }
        };
        self.w
            .start("w:hyperlink", &[("r:id", &id), ("w:history", "1")]);
    }

    /// A plain run, inside a hyperlink (in the Hyperlink style) when `href` is given.
    pub(super) fn linked_run(&mut self, text: &str, href: Option<&str>) {
        match href {
            Some(href) => {
                self.hyperlink_start(href);
                self.run(text, false, false, Some(names::HYPERLINK));
                self.w.end("w:hyperlink");
            }
            None => self.run(text, false, false, None),
        }
    }

    /// The reference to the model's footnote `model_id` (nothing when the plan has no such
    /// footnote), with its custom mark when it has one.
    pub(super) fn footnote_reference(&mut self, model_id: &str, mark: Option<&str>) {
        let Some(id) = self.footnote_ids.get(model_id).cloned() else {
            return;
        };
        let style = self.style(names::FOOTNOTE_REFERENCE);
        self.revision_start();
        self.w.start("w:r", &[]);
        self.w.start("w:rPr", &[]);
        self.w.empty("w:rStyle", &[("w:val", &style)]);
        self.w.end("w:rPr");
        match mark {
            Some(mark) => {
                self.w.empty(
                    "w:footnoteReference",
                    &[("w:customMarkFollows", "1"), ("w:id", &id)],
                );
                self.text_element(mark);
            }
            None => self.w.empty("w:footnoteReference", &[("w:id", &id)]),
        }
        self.w.end("w:r");
        self.revision_end();
    }

    /// One run; TAB and line breaks become `w:tab` and `w:br`. Nothing for empty text.
    pub(super) fn run(
        &mut self,
        text: &str,
        bold: bool,
        italic: bool,
        character_style: Option<&str>,
    ) {
        if text.is_empty() {
            return;
        }
        let style = character_style.map(|name| self.style(name));
        self.revision_start();
        self.w.start("w:r", &[]);
        self.run_properties(style.as_deref(), bold, italic);
        let mut piece = String::new();
        for ch in text.chars() {
            match ch {
                '\t' | '\n' => {
                    self.text_element(&piece);
                    piece.clear();
                    self.w.empty(if ch == '\t' { "w:tab" } else { "w:br" }, &[]);
                }
                c => piece.push(c),
            }
        }
        self.text_element(&piece);
        self.w.end("w:r");
        self.revision_end();
    }

    /// `w:rPr` of a run: character style, bold, italic and the dense-table font size;
    /// left out when there is none.
    fn run_properties(&mut self, style: Option<&str>, bold: bool, italic: bool) {
        if !(bold || italic || style.is_some() || self.run_size.is_some()) {
            return;
        }
        self.w.start("w:rPr", &[]);
        if let Some(style) = style {
            self.w.empty("w:rStyle", &[("w:val", style)]);
        }
        if bold {
            self.w.empty("w:b", &[]);
        }
        if italic {
            self.w.empty("w:i", &[]);
        }
        if let Some(size) = self.run_size {
            let size = size.to_string();
            self.w.empty("w:sz", &[("w:val", &size)]);
            self.w.empty("w:szCs", &[("w:val", &size)]);
        }
        self.w.end("w:rPr");
    }

    /// `w:t` (`w:delText` inside a deletion), space-preserving when its spaces would
    /// otherwise be lost. Nothing for empty text.
    fn text_element(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        let name = if self.revision.is_some_and(Revision::is_removal) {
            "w:delText"
        } else {
            "w:t"
        };
        if text.starts_with(' ') || text.ends_with(' ') || text.contains("  ") {
            self.w.element(name, &[("xml:space", "preserve")], text);
        } else {
            self.w.element(name, &[], text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{empty_plan, with_writer, written, xml_of};
    use crate::model::{Block, Inline};

    fn span(text: &str, href: Option<&str>) -> Inline {
        Inline {
            text: text.into(),
            href: href.map(str::to_string),
            ..Inline::default()
        }
    }

    #[test]
    fn a_footnote_reference_has_the_w_id_written_for_its_model_id() {
        let mut plan = empty_plan();
        plan.footnotes
            .insert("4".into(), vec![Block::plain("Four")]);
        plan.footnotes
            .insert("note".into(), vec![Block::plain("Named")]);
        let xml = written(&plan, |w| {
            w.footnote_reference("note", None);
            w.footnote_reference("4", None);
            w.footnote_reference("missing", None);
        });
        let runs = xml.children("w:r");
        assert_eq!(runs.len(), 2, "no reference to a footnote the plan lacks");
        let ids: Vec<_> = runs
            .iter()
            .map(|r| r.child("w:footnoteReference").attr("w:id").unwrap())
            .collect();
        assert_eq!(ids, ["5", "4"]);
        let style = runs[0].path(&["w:rPr", "w:rStyle"]).unwrap();
        assert_eq!(style.attr("w:val"), Some("FootnoteReference"));
    }

    #[test]
    fn a_custom_mark_follows_its_footnote_reference() {
        let mut plan = empty_plan();
        plan.footnotes
            .insert("1".into(), vec![Block::plain("Starred")]);
        let xml = written(&plan, |w| w.footnote_reference("1", Some("*")));
        let run = xml.child("w:r");
        let reference = run.child("w:footnoteReference");
        assert_eq!(reference.attr("w:customMarkFollows"), Some("1"));
        assert_eq!(reference.attr("w:id"), Some("1"));
        assert_eq!(run.element_names(), ["w:rPr", "w:footnoteReference", "w:t"]);
        assert_eq!(run.text(), "*");
    }

    #[test]
    fn spans_with_one_link_share_a_hyperlink_and_a_url_gets_one_relationship() {
        let url = "https://www.itu.int/res1";
        let inlines = [
            span("Read ", None),
            span("Resolution ", Some(url)),
            span("1", Some(url)),
            span(", see ", None),
            span("here", Some("#Resolution_1")),
            span(" or ", None),
            span("there", Some(url)),
        ];
        with_writer(&empty_plan(), |w| {
            w.inlines(&inlines);
            assert_eq!(w.links.len(), 1);
            assert_eq!(w.links[0].id, "rIdL1");
            assert_eq!(w.links[0].target, url);
            assert!(w.links[0].external);
            let xml = xml_of(w);
            let links = xml.children("w:hyperlink");
            assert_eq!(links.len(), 3);
            assert_eq!(links[0].attr("r:id"), Some("rIdL1"));
            assert_eq!(links[0].children("w:r").len(), 2);
            assert_eq!(links[0].text(), "Resolution 1");
            assert_eq!(links[1].attr("w:anchor"), Some("Resolution_1"));
            assert_eq!(links[1].attr("r:id"), None);
            assert_eq!(links[2].attr("r:id"), Some("rIdL1"));
            let style = links[0].find("w:rStyle").attr("w:val");
            assert_eq!(style, Some("Hyperlink"));
            assert_eq!(xml.text(), "Read Resolution 1, see here or there");
        });
    }

    #[test]
    fn tab_and_line_break_become_elements_and_edge_spaces_are_preserved() {
        let xml = written(&empty_plan(), |w| w.run("a\tb\n c ", false, false, None));
        let run = xml.child("w:r");
        assert_eq!(run.element_names(), ["w:t", "w:tab", "w:t", "w:br", "w:t"]);
        let texts = run.children("w:t");
        assert_eq!(texts[0].attr("xml:space"), None);
        assert_eq!(texts[2].attr("xml:space"), Some("preserve"));
        assert_eq!(run.text(), "a\tb\n c ");
    }

    #[test]
    fn run_properties_for_bold_italic_and_the_dense_table_size_only() {
        let xml = written(&empty_plan(), |w| {
            w.run("plain", false, false, None);
            w.run("both", true, true, None);
            w.run_size = Some(16);
            w.run("small", false, false, None);
            w.run("", true, false, None);
        });
        let runs = xml.children("w:r");
        assert_eq!(runs.len(), 3, "no run for empty text");
        assert!(!runs[0].has("w:rPr"));
        assert_eq!(runs[1].child("w:rPr").element_names(), ["w:b", "w:i"]);
        let small = runs[2].child("w:rPr");
        assert_eq!(small.element_names(), ["w:sz", "w:szCs"]);
        assert_eq!(small.child("w:sz").attr("w:val"), Some("16"));
    }
}
