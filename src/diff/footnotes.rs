//! Footnotes: aligned by the place that references them (the part, "22-07 status", and
//! which of its footnote references), their texts compared word by word.
//!
//! Footnote ids follow document order and shift when one is inserted, so they are no key. A
//! footnote is paired, in this order: with the one at the same place and the same text; with
//! one of the same text anywhere (its paragraph moved); with the one at the same place (its
//! text edited); with an alike one (half of the words in common). The others were added or
//! removed.

use super::align::SIMILAR;
use super::words::similarity;
use super::{label, text, texts_of, with_group, Change, ChangeKind, Target, Value};
use crate::model::{ActionPlan, Block, Inline, Part};
use std::collections::HashMap;

const FOOTNOTES: &str = "Footnotes";

/// The custom marks ("*", "1") the body uses for each footnote id.
fn footnote_marks(plan: &ActionPlan) -> HashMap<String, Vec<String>> {
    fn visit(blocks: &[Block], marks: &mut HashMap<String, Vec<String>>) {
        for block in blocks {
            for inline in &block.inlines {
                if let (Some(id), Some(mark)) = (&inline.footnote, &inline.mark) {
                    let list = marks.entry(id.clone()).or_default();
                    let mark: String = mark.split_whitespace().collect();
                    if !mark.is_empty() && !list.contains(&mark) {
                        list.push(mark);
                    }
                }
            }
            for row in block.rows.iter().flatten() {
                for cell in row {
                    visit(cell, marks);
                }
            }
        }
    }
    let mut marks = HashMap::new();
    if let Some(summary) = &plan.summary {
        visit(&summary.caption, &mut marks);
        visit(&summary.notes, &mut marks);
    }
    if let Some(progress) = &plan.progress {
        visit(&progress.intro, &mut marks);
    }
    for resolution in &plan.resolutions {
        visit(&resolution.operative_text, &mut marks);
        visit(&resolution.notes, &mut marks);
        for item in &resolution.action_items {
            visit(&[spans_block(&item.action_inlines)], &mut marks);
            visit(&[spans_block(&item.milestone_inlines)], &mut marks);
            visit(&item.status, &mut marks);
        }
    }
    for appendix in &plan.appendices {
        for item in &appendix.items {
            visit(&[spans_block(&item.action_inlines)], &mut marks);
        }
        visit(&appendix.blocks, &mut marks);
    }
    for blocks in plan.footnotes.values() {
        visit(blocks, &mut marks);
    }
    marks
}

/// A footnote's text as compared: no whitespace at all, the leading custom mark(s) removed.
fn footnote_key(text: &str, marks: &[String]) -> String {
    let mut key: String = text.split_whitespace().collect();
    // Marks are never empty (footnote_marks), so this ends.
    while let Some(mark) = marks.iter().find(|m| key.starts_with(m.as_str())) {
        key.drain(..mark.len());
    }
    key
}

fn footnote_text(blocks: &[Block]) -> String {
    texts_of(blocks).join("\n")
}

/// Where a footnote is referenced: the part ("22-07 status") and which of the part's footnote
/// references it is (1 for the first).
type Place = (String, usize);

/// The first place each footnote id is referenced at.
fn places(plan: &ActionPlan) -> HashMap<String, Place> {
    let mut at = HashMap::new();
    plan.for_each_part(&mut |part, spans| {
        let name = part_name(part);
        let references = spans
            .inlines()
            .into_iter()
            .filter_map(|i| i.footnote.as_ref());
        for (nth, id) in references.enumerate() {
            at.entry(id.clone())
                .or_insert_with(|| (name.clone(), nth + 1));
        }
    });
    at
}

/// "Section I caption", "Resolution 22 operative text", "22-07 status", "Appendix I – …".
fn part_name(part: Part) -> String {
    match part {
        Part::SummaryCaption => "Section I caption".into(),
        Part::SummaryNotes => "Section I notes".into(),
        Part::ProgressIntro => "Section II introduction".into(),
        Part::OperativeText(r) => format!("{} operative text", label(r)),
        Part::Action(_, item) => format!("{} action", item.id),
        Part::Milestone(_, item) => format!("{} milestone", item.id),
        Part::Status(_, item) => format!("{} status", item.id),
        Part::Notes(r) => format!("{} notes", label(r)),
        Part::AppendixAction(_, item) => format!("{} action", item.id),
        Part::Appendix(a) => a.title.clone(),
    }
}

/// A text's spans (action, milestone) as a block, to be visited like paragraphs.
fn spans_block(inlines: &[Inline]) -> Block {
    Block {
        inlines: inlines.to_vec(),
        ..Block::default()
    }
}

/// One edition's footnotes in id order: id, text, compared key, place.
struct Notes {
    ids: Vec<String>,
    texts: Vec<String>,
    keys: Vec<String>,
    places: Vec<Option<Place>>,
}

impl Notes {
    fn of(plan: &ActionPlan) -> Notes {
        let mut list: Vec<(&String, &Vec<Block>)> = plan.footnotes.iter().collect();
        list.sort_by(|a, b| {
            let number = |s: &str| s.parse::<i64>().unwrap_or(i64::MAX);
            number(a.0).cmp(&number(b.0)).then_with(|| a.0.cmp(b.0))
        });
        let (marks, mut at) = (footnote_marks(plan), places(plan));
        let none = Vec::new();
        let texts: Vec<String> = list.iter().map(|(_, b)| footnote_text(b)).collect();
        Notes {
            keys: list
                .iter()
                .zip(&texts)
                .map(|((id, _), text)| footnote_key(text, marks.get(*id).unwrap_or(&none)))
                .collect(),
            places: list.iter().map(|(id, _)| at.remove(*id)).collect(),
            ids: list.into_iter().map(|(id, _)| id.clone()).collect(),
            texts,
        }
    }

    /// "22-07 status": where footnote `i` is referenced.
    fn context(&self, i: usize) -> Option<String> {
        self.places[i].as_ref().map(|(part, _)| part.clone())
    }
}

/// For each new footnote, the old one it is paired with.
fn pair(old: &Notes, new: &Notes) -> Vec<Option<usize>> {
    let mut paired: Vec<Option<usize>> = vec![None; new.ids.len()];
    let mut used = vec![false; old.ids.len()];
    let by_place: HashMap<&Place, usize> = old
        .places
        .iter()
        .enumerate()
        .filter_map(|(o, p)| Some((p.as_ref()?, o)))
        .collect();
    let at_place = |n: usize| {
        new.places[n]
            .as_ref()
            .and_then(|p| by_place.get(p).copied())
    };
    let mut stage = |accept: &dyn Fn(usize, usize) -> bool,
                     candidates: &dyn Fn(usize) -> Vec<usize>| {
        for (n, pair) in paired.iter_mut().enumerate() {
            if pair.is_some() {
                continue;
            }
            let found = candidates(n)
                .into_iter()
                .find(|&o| !used[o] && accept(o, n));
            if let Some(o) = found {
                used[o] = true;
                *pair = Some(o);
            }
        }
    };
    let same = |o: usize, n: usize| old.keys[o] == new.keys[n];
    let everywhere = |_: usize| (0..old.ids.len()).collect::<Vec<_>>();
    let place = |n: usize| at_place(n).into_iter().collect::<Vec<_>>();
    stage(&same, &place);
    stage(&same, &everywhere);
    stage(&|_, _| true, &place);
    stage(
        &|o, n| similarity(&old.texts[o], &new.texts[n]) >= SIMILAR,
        &everywhere,
    );
    paired
}

/// The footnotes of two editions paired as the diff pairs them (by the place that
/// references them, then by text): (old id, new id) for each pair.
pub fn footnote_pairs(old_plan: &ActionPlan, new_plan: &ActionPlan) -> Vec<(String, String)> {
    let (old, new) = (Notes::of(old_plan), Notes::of(new_plan));
    pair(&old, &new)
        .into_iter()
        .enumerate()
        .filter_map(|(n, o)| Some((old.ids[o?].clone(), new.ids[n].clone())))
        .collect()
}

/// The footnote changes, in the new edition's order, removed footnotes last.
pub(super) fn footnotes(old_plan: &ActionPlan, new_plan: &ActionPlan, out: &mut Vec<Change>) {
    let (old, new) = (Notes::of(old_plan), Notes::of(new_plan));
    let paired = pair(&old, &new);
    for (n, o) in paired.iter().enumerate() {
        let change = match *o {
            Some(o) if old.keys[o] == new.keys[n] => continue,
            Some(o) => Change::new(ChangeKind::Changed, Target::Footnote, &new.ids[n], None)
                .texts(&old.texts[o], &new.texts[n]),
            None => Change::new(ChangeKind::Added, Target::Footnote, &new.ids[n], None)
                .values(Value::None, text(&new.texts[n])),
        };
        let mut change = with_group(change, FOOTNOTES);
        change.context = new.context(n);
        out.push(change);
    }
    for o in 0..old.ids.len() {
        if paired.contains(&Some(o)) {
            continue;
        }
        let change = Change::new(ChangeKind::Removed, Target::Footnote, &old.ids[o], None)
            .values(text(&old.texts[o]), Value::None);
        let mut change = with_group(change, FOOTNOTES);
        change.context = old.context(o);
        out.push(change);
    }
}
