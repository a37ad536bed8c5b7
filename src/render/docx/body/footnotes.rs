//! word/footnotes.xml: Word's two separators, then one `w:footnote` per footnote of the
//! plan in id order, its number (unless it is cited with a custom mark) starting its
//! first paragraph.

use super::paragraphs::ParagraphProps;
use super::{Writer, PORTRAIT_WIDTH};
use crate::model::{ActionPlan, Block};
use crate::render::docx::parts::{R_NS, W_NS};
use crate::render::docx::styles::names;
use std::collections::BTreeMap;

/// Model footnote id → the w:id written: positive integers are kept, others numbered after
/// the largest.
pub(super) fn footnote_ids(plan: &ActionPlan) -> BTreeMap<String, String> {
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

/// The footnotes in the order they are written: by w:id, as (w:id, model id).
fn in_id_order(ids: &BTreeMap<String, String>) -> Vec<(u32, &String)> {
    let mut written: Vec<(u32, &String)> = ids
        .iter()
        .map(|(key, id)| (id.parse().unwrap_or(u32::MAX), key))
        .collect();
    written.sort();
    written
}

/// True when the footnote is cited with a custom mark (its body then has no number): its
/// first citation in document order decides.
pub(super) fn custom_mark_of(plan: &ActionPlan, key: &str) -> bool {
    let mut first: Option<bool> = None;
    plan.for_each_part(&mut |_, spans| {
        if first.is_none() {
            first = spans
                .inlines()
                .into_iter()
                .find(|inline| inline.footnote.as_deref() == Some(key))
                .map(|inline| inline.mark.is_some());
        }
    });
    first.unwrap_or(false)
}

impl Writer<'_> {
    /// The footnotes part of the plan; `ids` maps its footnotes to their w:id.
    pub(super) fn footnotes(&mut self, plan: &ActionPlan, ids: &BTreeMap<String, String>) {
        self.w
            .start("w:footnotes", &[("xmlns:w", W_NS), ("xmlns:r", R_NS)]);
        self.footnote_separators();
        let text_style = self.style(names::FOOTNOTE_TEXT);
        let reference_style = self.style(names::FOOTNOTE_REFERENCE);
        for (id, key) in in_id_order(ids) {
            self.w.start("w:footnote", &[("w:id", &id.to_string())]);
            let custom = custom_mark_of(plan, key);
            self.footnote_blocks(&plan.footnotes[key], &text_style, &reference_style, custom);
            self.w.end("w:footnote");
        }
        self.w.end("w:footnotes");
    }

    /// A footnote's paragraphs: the number and a space start the first paragraph; an
    /// empty footnote, or one that starts with a table, has a paragraph of its own holding
    /// its number first (the reader drops it again: it has no text).
    fn footnote_blocks(
        &mut self,
        blocks: &[Block],
        text_style: &str,
        reference_style: &str,
        custom: bool,
    ) {
        if blocks.first().is_none_or(|b| b.rows.is_some()) {
            self.w.start("w:p", &[]);
            self.paragraph_properties(ParagraphProps::styled(text_style));
            self.footnote_number_run(reference_style, custom);
            self.w.end("w:p");
        }
        for (index, block) in blocks.iter().enumerate() {
            if index == 0 && block.rows.is_none() {
                self.w.start("w:p", &[]);
                self.paragraph_properties(ParagraphProps {
                    style: Some(text_style),
                    list: self.list_of(block),
                    ..Default::default()
                });
                self.footnote_number_run(reference_style, custom);
                self.w.raw("<w:r><w:t xml:space=\"preserve\"> </w:t></w:r>");
                self.inlines(&block.spans());
                self.w.end("w:p");
            } else {
                self.block(block, Some(text_style), PORTRAIT_WIDTH);
            }
        }
    }

    /// Word's separator and continuation separator, ids -1 and 0 (see settings.xml).
    pub(super) fn footnote_separators(&mut self) {
        self.w.raw("<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>");
        self.w.raw("<w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>");
    }

    /// The footnote's own number (`w:footnoteRef` in the reference style); nothing when
    /// the footnote is cited with a custom mark.
    pub(super) fn footnote_number_run(&mut self, style: &str, custom: bool) {
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
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{
        citing, empty_plan, item, resolution, with_writer, xml_of, Element,
    };
    use super::*;
    use crate::model::Summary;

    fn plan_with_footnotes(notes: &[(&str, Vec<Block>)]) -> ActionPlan {
        let mut plan = empty_plan();
        for (key, blocks) in notes {
            plan.footnotes.insert(key.to_string(), blocks.clone());
        }
        plan
    }

    fn footnotes_xml(plan: &ActionPlan) -> Element {
        with_writer(plan, |w| {
            let ids = footnote_ids(plan);
            w.footnotes(plan, &ids);
            xml_of(w)
        })
    }

    #[test]
    fn a_footnote_starting_with_a_table_still_shows_its_number_first() {
        let table = Block {
            rows: Some(vec![vec![vec![Block::plain("cell")]]]),
            ..Block::default()
        };
        let plan = plan_with_footnotes(&[("1", vec![table, Block::plain("after")])]);
        let xml = footnotes_xml(&plan);
        let note = xml.child("w:footnotes").children("w:footnote")[2];
        assert_eq!(note.element_names(), ["w:p", "w:tbl", "w:p"]);
        assert!(note.child("w:p").has("w:footnoteRef"));
        assert_eq!(note.child("w:p").text(), "");
        assert_eq!(note.child("w:tbl").text(), "cell");
    }

    #[test]
    fn positive_numbers_are_kept_and_other_ids_numbered_after_the_largest() {
        let plan = plan_with_footnotes(&[
            ("7", Vec::new()),
            ("3", Vec::new()),
            ("a", Vec::new()),
            ("0", Vec::new()),
        ]);
        let ids = footnote_ids(&plan);
        let pairs: Vec<_> = ids.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        assert_eq!(pairs, [("0", "8"), ("3", "3"), ("7", "7"), ("a", "9")]);
    }

    #[test]
    fn separators_come_first_then_the_footnotes_by_number() {
        let plan = plan_with_footnotes(&[
            ("10", vec![Block::plain("Tenth")]),
            ("2", vec![Block::plain("Second")]),
        ]);
        let xml = footnotes_xml(&plan);
        let part = xml.child("w:footnotes");
        assert_eq!(part.element_names(), ["w:footnote"; 4]);
        let notes = part.children("w:footnote");
        let ids: Vec<_> = notes.iter().map(|n| n.attr("w:id").unwrap()).collect();
        assert_eq!(ids, ["-1", "0", "2", "10"]);
        assert_eq!(notes[0].attr("w:type"), Some("separator"));
        assert_eq!(notes[1].attr("w:type"), Some("continuationSeparator"));
        assert_eq!(notes[2].text(), " Second");
    }

    #[test]
    fn a_footnote_starts_with_its_number_and_a_space_in_the_footnote_style() {
        let plan = plan_with_footnotes(&[(
            "1",
            vec![Block::plain("First line"), Block::plain("Second line")],
        )]);
        let xml = footnotes_xml(&plan);
        let note = xml.child("w:footnotes").children("w:footnote")[2];
        let paragraphs = note.children("w:p");
        assert_eq!(paragraphs.len(), 2);
        assert!(paragraphs
            .iter()
            .all(|p| p.paragraph_style() == Some("FootnoteText")));
        let runs = paragraphs[0].children("w:r");
        assert!(runs[0].has("w:footnoteRef"));
        let style = runs[0].path(&["w:rPr", "w:rStyle"]).unwrap();
        assert_eq!(style.attr("w:val"), Some("FootnoteReference"));
        assert_eq!(runs[1].text(), " ");
        assert_eq!(paragraphs[0].text(), " First line");
        assert!(!paragraphs[1].has("w:footnoteRef"));
    }

    #[test]
    fn an_empty_footnote_is_a_paragraph_with_its_number() {
        let plan = plan_with_footnotes(&[("1", Vec::new())]);
        let xml = footnotes_xml(&plan);
        let note = xml.child("w:footnotes").children("w:footnote")[2];
        assert_eq!(note.children("w:p").len(), 1);
        assert!(note.has("w:footnoteRef"));
    }

    #[test]
    fn a_footnote_cited_with_a_custom_mark_has_no_number() {
        let mut plan = plan_with_footnotes(&[
            ("1", vec![Block::plain("Starred")]),
            ("2", vec![Block::plain("Numbered")]),
        ]);
        plan.resolutions = vec![resolution("1", Vec::new())];
        plan.resolutions[0].operative_text = vec![citing("1", Some("*")), citing("2", None)];
        let xml = footnotes_xml(&plan);
        let notes = xml.child("w:footnotes").children("w:footnote");
        assert!(!notes[2].has("w:footnoteRef"));
        assert_eq!(notes[2].text(), " Starred");
        assert!(notes[3].has("w:footnoteRef"));
    }

    #[test]
    fn the_first_citation_decides_the_custom_mark_wherever_it_is() {
        let in_table = Block {
            rows: Some(vec![vec![vec![citing("t", Some("**"))]]]),
            ..Block::default()
        };
        let mut status_item = item("1-01");
        status_item.status = vec![citing("s", Some("†"))];
        let mut plan = empty_plan();
        plan.summary = Some(Summary {
            notes: vec![in_table, citing("t", None)],
            ..Summary::default()
        });
        plan.resolutions = vec![resolution("1", vec![status_item])];
        assert!(
            custom_mark_of(&plan, "t"),
            "in a nested table of Section I's notes"
        );
        assert!(custom_mark_of(&plan, "s"), "in an item's status");
        assert!(!custom_mark_of(&plan, "never cited"));
    }
}
