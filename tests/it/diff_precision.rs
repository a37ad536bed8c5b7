//! Diff precision (#12): edition C-like changes built from edition A, each reported as exactly
//! one change of the right kind, shown once with its context in text, Markdown and HTML.
//!
//! The changes: a status whose paragraphs were reordered, one status paragraph moved, a
//! footnote edited by one word (with a twin footnote of the same text, and with footnote ids
//! renumbered), an item moved to another resolution, an item moved into Appendix I (and back),
//! a resolution added with two items, and a resolution number found twice in one edition.

use crate::common::edition_a;
use actplan::diff::{self, Change, ChangeKind, Report, Target};
use actplan::model::{ActionPlan, AppendixItem, Block, Item, Kind, Resolution};
use serde_json::json;

fn resolution_mut<'a>(plan: &'a mut ActionPlan, number: &str) -> &'a mut Resolution {
    plan.resolutions
        .iter_mut()
        .find(|r| r.number == number)
        .unwrap_or_else(|| panic!("Resolution {number} in edition A"))
}

/// The first item with at least `n` distinct status paragraphs: (resolution number, item
/// index).
fn item_with_status(plan: &ActionPlan, n: usize) -> (String, usize) {
    item_with_long_status(plan, n, 0)
}

/// The report has exactly one change; it is returned.
fn only_change(report: &Report) -> &Change {
    assert_eq!(
        report.changes.len(),
        1,
        "expected one change, got {:#?}",
        report.changes
    );
    assert_eq!(report.summary.changes, 1);
    &report.changes[0]
}

/// Text, Markdown and HTML show the change once (its subject on one change line), with
/// `context` on that line, and the headline counts one change.
fn shown_once_with_context(report: &Report, subject: &str, context: &str) {
    let text = diff::output::to_text(report, false);
    let markdown = diff::output::to_markdown(report);
    let html = diff::output::to_html(report);
    assert!(
        report.summary.headline().starts_with("1 change: "),
        "{}",
        report.summary.headline()
    );
    let change_lines = |output: &str, start: &str| -> Vec<String> {
        output
            .lines()
            .filter(|l| l.starts_with(start))
            .map(str::to_string)
            .collect()
    };
    for (name, lines) in [
        ("text", change_lines(&text, "  ")),
        ("markdown", change_lines(&markdown, "- ")),
        ("html", change_lines(&html, "<li class=")),
    ] {
        let with_subject: Vec<&String> = lines.iter().filter(|l| l.contains(subject)).collect();
        assert_eq!(
            with_subject.len(),
            1,
            "{name}: {subject} once in {lines:#?}"
        );
        let context = match name {
            "html" => diff::output::html_escape(context),
            _ => context.to_string(),
        };
        let line = with_subject[0].replace('\\', "");
        assert!(
            line.contains(&context),
            "{name}: no context {context:?} in {line}"
        );
    }
}

/// An item's action as a change's context shows it: on one line, shortened.
fn short(action: &str) -> String {
    actplan::shorten(action, 70)
}

#[test]
fn a_reordered_status_is_one_reordered_change_with_the_new_order() {
    let old = edition_a();
    let (number, i) = item_with_status(old, 3);
    let mut new = old.clone();
    let item = &mut resolution_mut(&mut new, &number).action_items[i];
    item.status.reverse();
    let (id, action, order) = (
        item.id.clone(),
        item.action.clone(),
        item.status
            .iter()
            .map(|b| b.text.clone())
            .collect::<Vec<_>>(),
    );
    let report = diff::diff(old, &new);
    let change = only_change(&report);
    assert_eq!(
        (
            change.kind,
            change.target,
            change.id.as_str(),
            change.field_name()
        ),
        (
            ChangeKind::Reordered,
            Target::Item,
            id.as_str(),
            Some("status")
        )
    );
    assert_eq!(change.after, json!(order));
    assert_eq!(change.context.as_deref(), Some(short(&action).as_str()));
    let value = serde_json::to_value(change).unwrap();
    assert_eq!(value["kind"], "reordered");
    assert_eq!(report.summary.status_updates, 1);
    assert_eq!(report.summary.headline(), "1 change: 1 status update");
    shown_once_with_context(&report, &format!("{id} status"), &short(&action));
    // The text report lists the new order, each paragraph once.
    let text = diff::output::to_text(&report, false);
    for paragraph in &order {
        let first = paragraph.lines().next().unwrap();
        assert_eq!(text.matches(first).count(), 1, "{first} in {text}");
    }
}

/// The report's only change: the status paragraph `moved` of item `id`, moved from the last
/// of `count` places to the first; shown once with the item's context. Returned.
fn assert_moved_to_front<'a>(
    report: &'a Report,
    moved: &Block,
    count: usize,
    id: &str,
    action: &str,
) -> &'a Change {
    let change = only_change(report);
    assert_eq!(
        (change.kind, change.target, change.field_name()),
        (ChangeKind::Moved, Target::Item, Some("status"))
    );
    assert_eq!(change.after, json!(moved.text));
    let position = change.position.unwrap();
    assert_eq!((position.before, position.after), (count, 1));
    shown_once_with_context(report, &format!("{id} status"), &short(action));
    change
}

#[test]
fn a_moved_status_paragraph_is_one_moved_change() {
    let old = edition_a();
    let (number, i) = item_with_status(old, 3);
    let mut new = old.clone();
    let item = &mut resolution_mut(&mut new, &number).action_items[i];
    let last = item.status.pop().unwrap();
    item.status.insert(0, last.clone());
    let (id, action, count) = (item.id.clone(), item.action.clone(), item.status.len());
    let report = diff::diff(old, &new);
    assert_moved_to_front(&report, &last, count, &id, &action);
}

/// The first item with at least `n` distinct status paragraphs of at least `words` words
/// each.
fn item_with_long_status(plan: &ActionPlan, n: usize, words: usize) -> (String, usize) {
    for resolution in &plan.resolutions {
        for (i, item) in resolution.action_items.iter().enumerate() {
            let long = |b: &Block| b.text.split_whitespace().count() >= words;
            let distinct: std::collections::HashSet<String> = item
                .status
                .iter()
                .map(|b| diff::normalise(&b.text))
                .collect();
            if item.status.len() >= n
                && item.status.iter().all(long)
                && distinct.len() == item.status.len()
            {
                return (resolution.number.clone(), i);
            }
        }
    }
    panic!("no item with {n} status paragraphs of {words} words in edition A");
}

#[test]
fn a_status_paragraph_moved_and_edited_is_one_moved_change_with_its_words() {
    let old = edition_a();
    let (number, i) = item_with_long_status(old, 3, 12);
    let mut new = old.clone();
    let item = &mut resolution_mut(&mut new, &number).action_items[i];
    let mut last = item.status.pop().unwrap();
    let first_word = last.text.split_whitespace().next().unwrap().to_string();
    last.text = last.text.replacen(&first_word, "Meanwhile,", 1);
    last.inlines.clear();
    item.status.insert(0, last.clone());
    let (id, action, count) = (item.id.clone(), item.action.clone(), item.status.len());
    let report = diff::diff(old, &new);
    let change = assert_moved_to_front(&report, &last, count, &id, &action);
    let value = serde_json::to_value(change).unwrap();
    let inserted: Vec<&str> = value["words"]
        .as_array()
        .expect("the edit's words")
        .iter()
        .filter(|w| w["op"] == "insert")
        .map(|w| w["text"].as_str().unwrap())
        .collect();
    assert_eq!(inserted.concat().trim(), "Meanwhile,");
    let text = diff::output::to_text(&report, false);
    assert!(
        text.contains(&format!(
            "paragraph moved from place {count} to 1 and edited"
        )),
        "{text}"
    );
}

#[test]
fn a_paragraph_edited_in_place_beside_other_changes_is_not_a_move() {
    let old = edition_a();
    let (number, i) = item_with_long_status(old, 3, 12);
    let mut new = old.clone();
    let item = &mut resolution_mut(&mut new, &number).action_items[i];
    item.status[1].text.push_str(" Updated.");
    item.status[1].inlines.clear();
    item.status.remove(0);
    let report = diff::diff(old, &new);
    let kinds: Vec<ChangeKind> = report.changes.iter().map(|c| c.kind).collect();
    assert_eq!(
        kinds,
        [ChangeKind::Removed, ChangeKind::Changed],
        "{:#?}",
        report.changes
    );
}

/// Two footnotes whose texts differ in one word: the first edited to read as the second (the
/// case where matching footnotes by their text reports one removed and another added).
#[test]
fn a_footnote_edited_by_one_word_is_one_change_where_it_is_referenced() {
    let old = edition_a();
    let texts: Vec<(&String, Vec<String>)> = old
        .footnotes
        .iter()
        .map(|(id, blocks)| {
            (
                id,
                blocks[0]
                    .text
                    .split_whitespace()
                    .map(str::to_string)
                    .collect(),
            )
        })
        .collect();
    let one_word_apart = |a: &[String], b: &[String]| {
        a.len() == b.len() && a.iter().zip(b).filter(|(x, y)| x != y).count() == 1
    };
    let (first, second) = texts
        .iter()
        .enumerate()
        .find_map(|(i, (id, words))| {
            let twin = texts[i + 1..]
                .iter()
                .find(|(_, w)| one_word_apart(words, w))?;
            Some(((*id).clone(), twin.0.clone()))
        })
        .expect("two footnotes one word apart in edition A");
    let after = old.footnotes[&second][0].text.clone();
    for renumber in [false, true] {
        let mut new = old.clone();
        new.footnotes.get_mut(&first).unwrap()[0].text = after.clone();
        if renumber {
            renumber_footnotes(&mut new);
        }
        let report = diff::diff(old, &new);
        let change = only_change(&report);
        assert_eq!(
            (change.kind, change.target),
            (ChangeKind::Changed, Target::Footnote),
            "renumbered: {renumber}"
        );
        let expected_id = if renumber {
            (first.parse::<u32>().unwrap() + 100).to_string()
        } else {
            first.clone()
        };
        assert_eq!(change.id, expected_id);
        assert_eq!(change.after, json!(after));
        let changed = change
            .words
            .as_ref()
            .unwrap()
            .iter()
            .filter(|w| w.op != diff::Op::Equal)
            .count();
        assert_eq!(changed, 2, "one word deleted, one inserted");
        let place = change.context.clone().expect("the footnote's place");
        assert!(
            place.contains("operative text") || place.contains("status"),
            "{place}"
        );
        shown_once_with_context(&report, &format!("footnote {expected_id}"), &place);
    }
}

/// Every footnote id + 100, the references in the body with them.
fn renumber_footnotes(plan: &mut ActionPlan) {
    let shift = |id: &str| (id.parse::<u32>().unwrap() + 100).to_string();
    plan.footnotes = std::mem::take(&mut plan.footnotes)
        .into_iter()
        .map(|(id, blocks)| (shift(&id), blocks))
        .collect();
    plan.for_each_inline_mut(&mut |inline| {
        if let Some(id) = &inline.footnote {
            inline.footnote = Some(shift(id));
        }
    });
}

fn take_item(plan: &mut ActionPlan, number: &str, index: usize) -> Item {
    resolution_mut(plan, number).action_items.remove(index)
}

#[test]
fn an_item_moved_to_another_resolution_is_one_moved_change() {
    let old = edition_a();
    let mut new = old.clone();
    let item = take_item(&mut new, "22", 1);
    let (id, action) = (item.id.clone(), item.action.clone());
    resolution_mut(&mut new, "44").action_items.push(item);
    let report = diff::diff(old, &new);
    let change = only_change(&report);
    assert_eq!(
        (change.kind, change.target, change.field_name()),
        (ChangeKind::Moved, Target::Item, None)
    );
    assert_eq!(
        (change.before.clone(), change.after.clone()),
        (
            diff::Value::Text("Resolution 22".into()),
            diff::Value::Text("Resolution 44".into())
        )
    );
    assert_eq!(report.summary.items_moved, 1);
    assert_eq!(report.summary.headline(), "1 change: 1 item moved");
    shown_once_with_context(&report, &id, &short(&action));
}

/// The first item of Resolution 72 as an entry of Appendix I.
fn moved_into_appendix(old: &ActionPlan) -> (ActionPlan, Item) {
    let mut new = old.clone();
    let item = take_item(&mut new, "72", 0);
    let appendix = new
        .appendices
        .iter_mut()
        .find(|a| a.title.starts_with("Appendix I "))
        .expect("Appendix I");
    appendix.items.push(AppendixItem {
        id: item.id.clone(),
        cross_reference: None,
        action: item.action.clone(),
        extra: vec![],
        ..Default::default()
    });
    (new, item)
}

#[test]
fn an_item_moved_into_appendix_i_is_one_moved_change_and_back() {
    let old = edition_a();
    let (new, item) = moved_into_appendix(old);
    let report = diff::diff(old, &new);
    let change = only_change(&report);
    assert_eq!(
        (change.kind, change.target, change.id.as_str()),
        (ChangeKind::Moved, Target::Item, item.id.as_str())
    );
    assert_eq!(change.before, json!("Resolution 72"));
    assert_eq!(change.after, json!("Appendix I"));
    assert_eq!(change.appendix.as_deref(), Some("Appendix I"));
    assert_eq!(
        change.context.as_deref(),
        Some(short(&item.action).as_str())
    );
    shown_once_with_context(&report, &item.id, &short(&item.action));
    // Back from the appendix to the resolution.
    let back = diff::diff(&new, old);
    let change = only_change(&back);
    assert_eq!(change.kind, ChangeKind::Moved);
    assert_eq!(change.before, json!("Appendix I"));
    assert_eq!(change.after, json!("Resolution 72"));
}

fn new_resolution() -> Resolution {
    let item = |n: u32, action: &str| Item {
        id: format!("101-0{n}"),
        cross_reference: None,
        bookmarks: vec![],
        action: action.into(),
        milestone: "TSAG2025".into(),
        periodic_goals_met: false,
        completed: false,
        status: vec![Block::plain(format!("Status of item {n}."))],
        ..Default::default()
    };
    Resolution {
        kind: Kind::Resolution,
        number: "101".into(),
        title: "Quantum-safe networks".into(),
        anchor: None,
        bookmarks: vec![],
        operative_text: vec![
            Block::plain("resolves"),
            Block::plain("1\tto invite the study groups to plan migration;"),
        ],
        action_items: vec![
            item(1, "SG17 to study quantum-safe migration"),
            item(2, "TSB to organise a workshop on quantum key distribution"),
        ],
        notes: vec![],
    }
}

#[test]
fn an_added_resolution_is_one_change_shown_with_its_text_and_items() {
    let old = edition_a();
    let mut new = old.clone();
    new.resolutions.push(new_resolution());
    let report = diff::diff(old, &new);
    let change = only_change(&report);
    assert_eq!(
        (change.kind, change.target, change.id.as_str()),
        (ChangeKind::Added, Target::Resolution, "Resolution 101")
    );
    assert_eq!(report.summary.resolutions_added, 1);
    assert_eq!(report.summary.items_added, 0);
    assert_eq!(report.summary.headline(), "1 change: 1 resolution added");
    let outputs = [
        diff::output::to_text(&report, false),
        diff::output::to_markdown(&report),
        diff::output::to_html(&report),
    ];
    for output in &outputs {
        for text in [
            "to invite the study groups",
            "101-01",
            "SG17 to study quantum",
            "101-02",
            "TSB to organise a workshop on quantum key distribution",
            "Status of item 2.",
        ] {
            assert_eq!(
                output.matches(text).count(),
                1,
                "{text:?} once in:\n{output}"
            );
        }
    }
    // Removed: the same content, marked as deleted.
    let removed = diff::diff(&new, old);
    let text = diff::output::to_text(&removed, false);
    assert!(
        text.contains("[-SG17 to study quantum-safe migration-]"),
        "{text}"
    );
    assert_eq!(removed.summary.headline(), "1 change: 1 resolution removed");
}

#[test]
fn a_resolution_number_twice_in_one_edition_pairs_by_occurrence() {
    let mut old = edition_a().clone();
    let mut twin = new_resolution();
    twin.number = "22".into();
    let at = old
        .resolutions
        .iter()
        .position(|r| r.number == "22")
        .unwrap();
    old.resolutions.insert(at + 1, twin);
    let mut new = old.clone();
    new.resolutions[at + 1].action_items[1].milestone = "TSAG2026".into();
    let report = diff::diff(&old, &new);
    let change = only_change(&report);
    assert_eq!(
        (change.kind, change.id.as_str(), change.field_name()),
        (ChangeKind::Changed, "101-02", Some("milestone"))
    );
    assert_eq!(change.resolution.as_deref(), Some("Resolution 22"));
}

#[test]
fn headline_parts_add_up_to_the_total() {
    let old = edition_a();
    let (mut new, _) = moved_into_appendix(old);
    new.resolutions.push(new_resolution());
    let (number, i) = item_with_status(old, 3);
    let item = &mut resolution_mut(&mut new, &number).action_items[i];
    item.status.reverse();
    item.milestone.push_str(" (revised)");
    item.status.push(Block::plain("A new paragraph."));
    let report = diff::diff(old, &new);
    let headline = report.summary.headline();
    let (total, parts) = headline.split_once(": ").unwrap();
    let total: usize = total.split(' ').next().unwrap().parse().unwrap();
    let sum: usize = parts
        .split(", ")
        .map(|p| p.split(' ').next().unwrap().parse::<usize>().unwrap())
        .sum();
    assert_eq!(total, report.changes.len());
    assert_eq!(sum, total, "{headline}");
}

#[test]
fn a_mark_cells_text_and_an_extra_column_are_reported_once_each() {
    let old = edition_a();
    let mut new = old.clone();
    let item = &mut new.resolutions[0].action_items[0];
    item.completed_text = Some("Partially".into());
    item.extra.insert("Responsible".into(), "TSB".into());
    let id = item.id.clone();
    let report = diff::diff(old, &new);
    let fields: Vec<(&str, Option<&str>)> = report
        .changes
        .iter()
        .map(|c| (c.id.as_str(), c.field_name()))
        .collect();
    assert_eq!(
        fields,
        [
            (id.as_str(), Some("completed_text")),
            (id.as_str(), Some("extra"))
        ]
    );
    let text = diff::output::to_text(&report, false);
    assert!(text.contains("Partially"), "{text}");
    assert!(text.contains("Responsible: TSB"), "{text}");
    assert_eq!(report.summary.headline(), "2 changes: 2 other changes");
}

#[test]
fn an_item_moved_within_its_resolution_is_one_moved_change_with_its_places() {
    let old = edition_a();
    let number = old
        .resolutions
        .iter()
        .find(|r| r.action_items.len() >= 4)
        .map(|r| r.number.clone())
        .expect("a resolution with four items");
    let mut new = old.clone();
    let items = &mut resolution_mut(&mut new, &number).action_items;
    let first = items.remove(0);
    let (id, action) = (first.id.clone(), first.action.clone());
    items.insert(3, first);
    let report = diff::diff(old, &new);
    let change = only_change(&report);
    assert_eq!(
        (
            change.kind,
            change.target,
            change.id.as_str(),
            change.field_name()
        ),
        (ChangeKind::Moved, Target::Item, id.as_str(), None)
    );
    let at = change.position.expect("places");
    assert_eq!((at.before, at.after), (1, 4));
    assert_eq!(report.summary.items_moved, 1);
    assert_eq!(report.summary.headline(), "1 change: 1 item moved");
    shown_once_with_context(&report, &id, &short(&action));
    let text = diff::output::to_text(&report, false);
    assert!(
        text.contains(&format!(
            "moved within Resolution {number} from place 1 to 4"
        )),
        "{text}"
    );
}
