//! Items that crossed between Section II and an appendix: an action item of a resolution now
//! listed in an appendix (typically Appendix I, obsolete items), or back. Each is one `moved`
//! change where the item is now, not an item removed plus an appendix entry added.

use super::{appendix_key, label, Change, ChangeKind, Field, Target, Value};
use crate::model::{ActionPlan, AppendixItem, Item};
use std::collections::HashMap;

/// Where an item was and is: resolution label and appendix key, with both versions.
pub(super) struct Crossing<'a> {
    /// "Resolution 72".
    pub resolution: String,
    /// "Appendix I".
    pub appendix: String,
    /// The item in the resolution.
    pub item: &'a Item,
    /// The entry in the appendix.
    pub entry: &'a AppendixItem,
}

/// The items that crossed, by id.
#[derive(Default)]
pub(super) struct Crossings<'a> {
    /// Items of a resolution in the old edition, of an appendix in the new one.
    pub into_appendix: HashMap<&'a str, Crossing<'a>>,
    /// Entries of an appendix in the old edition, items of a resolution in the new one.
    pub out_of_appendix: HashMap<&'a str, Crossing<'a>>,
}

/// Resolution label and item of every item id (the first of duplicates).
fn items_of(plan: &ActionPlan) -> HashMap<&str, (String, &Item)> {
    let mut at = HashMap::new();
    for resolution in &plan.resolutions {
        for item in &resolution.action_items {
            at.entry(item.id.as_str())
                .or_insert_with(|| (label(resolution), item));
        }
    }
    at
}

/// Appendix key and entry of every appendix item id (the first of duplicates).
fn entries_of(plan: &ActionPlan) -> HashMap<&str, (String, &AppendixItem)> {
    let mut at = HashMap::new();
    for appendix in &plan.appendices {
        for entry in &appendix.items {
            at.entry(entry.id.as_str())
                .or_insert_with(|| (appendix_key(appendix), entry));
        }
    }
    at
}

impl<'a> Crossings<'a> {
    /// The ids that left the resolutions for an appendix, or came back.
    pub(super) fn new(old: &'a ActionPlan, new: &'a ActionPlan) -> Crossings<'a> {
        let (old_items, new_items) = (items_of(old), items_of(new));
        let (old_entries, new_entries) = (entries_of(old), entries_of(new));
        let mut crossings = Crossings::default();
        for (&id, (resolution, item)) in &old_items {
            let gone = !new_items.contains_key(id) && !old_entries.contains_key(id);
            if let (true, Some((appendix, entry))) = (gone, new_entries.get(id)) {
                let crossing = Crossing {
                    resolution: resolution.clone(),
                    appendix: appendix.clone(),
                    item,
                    entry,
                };
                crossings.into_appendix.insert(id, crossing);
            }
        }
        for (&id, (resolution, item)) in &new_items {
            let back = !old_items.contains_key(id) && !new_entries.contains_key(id);
            if let (true, Some((appendix, entry))) = (back, old_entries.get(id)) {
                let crossing = Crossing {
                    resolution: resolution.clone(),
                    appendix: appendix.clone(),
                    item,
                    entry,
                };
                crossings.out_of_appendix.insert(id, crossing);
            }
        }
        crossings
    }
}

/// The `moved` change of a crossing, and the action's edit when it changed on the way.
/// `into`: from the resolution to the appendix, else back.
pub(super) fn moved(id: &str, crossing: &Crossing, into: bool) -> Vec<Change> {
    let (from, to) = if into {
        (&crossing.resolution, &crossing.appendix)
    } else {
        (&crossing.appendix, &crossing.resolution)
    };
    let mut change = Change::new(ChangeKind::Moved, Target::Item, id, None)
        .values(Value::Text(from.clone()), Value::Text(to.clone()));
    change.resolution = Some(crossing.resolution.clone());
    change.appendix = Some(crossing.appendix.clone());
    let mut changes = vec![change];
    let (item, entry) = (&crossing.item.action, &crossing.entry.action);
    if !super::same(item, entry) {
        let (old, new) = if into { (item, entry) } else { (entry, item) };
        let target = if into { Target::Appendix } else { Target::Item };
        let mut edit =
            Change::new(ChangeKind::Changed, target, id, Some(Field::Action)).texts(old, new);
        if into {
            edit.appendix = Some(crossing.appendix.clone());
        } else {
            edit.resolution = Some(crossing.resolution.clone());
        }
        changes.push(edit);
    }
    changes
}
