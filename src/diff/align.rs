//! Aligning two editions part by part: paragraphs by their text (longest common subsequence),
//! resolutions by kind and number, items by id.
//!
//! Every alignment lists its pairs in the new edition's order, with the parts only the old
//! edition has placed where they were (right after the pair that preceded them in the old
//! edition).

use super::words::{normalise, similarity_at_least};
use crate::model::{Block, Item, Resolution};
use similar::{capture_diff_slices, Algorithm, DiffTag};
use std::collections::HashMap;
use std::hash::Hash;
use std::ops::Range;

/// One step of an alignment by key: indices into the old and the new list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pair {
    /// Index in the old list; `None` when the part was added.
    pub old: Option<usize>,
    /// Index in the new list; `None` when the part was removed.
    pub new: Option<usize>,
}

impl Pair {
    fn both(old: usize, new: usize) -> Pair {
        Pair {
            old: Some(old),
            new: Some(new),
        }
    }

    fn removed(old: usize) -> Pair {
        Pair {
            old: Some(old),
            new: None,
        }
    }

    fn added(new: usize) -> Pair {
        Pair {
            old: None,
            new: Some(new),
        }
    }
}

/// One run of a diff between two lists (index ranges into them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Run {
    /// Elements equal in both lists, `old` and `new` of the same length.
    Same {
        /// Indices in the old list.
        old: Range<usize>,
        /// Indices in the new list.
        new: Range<usize>,
    },
    /// The `old` elements replaced by the `new` ones; one of the two may be empty (a pure
    /// deletion or insertion), never both.
    Change {
        /// Indices of the removed elements in the old list.
        old: Range<usize>,
        /// Indices of the added elements in the new list.
        new: Range<usize>,
    },
}

impl Run {
    /// The run as index pairs: equal elements paired one to one; a change's old elements
    /// (removed) first, then its new ones (added).
    pub(crate) fn steps(&self) -> impl Iterator<Item = Pair> {
        let (same, removed, added) = match self.clone() {
            Run::Same { old, new } => (old.zip(new), 0..0, 0..0),
            Run::Change { old, new } => ((0..0).zip(0..0), old, new),
        };
        same.map(|(o, n)| Pair::both(o, n))
            .chain(removed.map(Pair::removed))
            .chain(added.map(Pair::added))
    }
}

/// The diff of two lists as runs, in order: Myers' algorithm (deterministic, no deadline),
/// a deletion next to an insertion reported as one [`Run::Change`].
pub(crate) fn runs<T: Hash + Eq>(old: &[T], new: &[T]) -> Vec<Run> {
    capture_diff_slices(Algorithm::Myers, old, new)
        .into_iter()
        .map(|op| {
            let (tag, old, new) = op.as_tag_tuple();
            match tag {
                DiffTag::Equal => Run::Same { old, new },
                DiffTag::Delete | DiffTag::Insert | DiffTag::Replace => Run::Change { old, new },
            }
        })
        .collect()
}

/// The diff of two lists (see [`runs`]) as index pairs, every index of both lists once, in
/// order: a pair for each equal element; for each change, the removed elements then the
/// added ones. A moved element is a removal at its old place and an addition at its new one.
pub(crate) fn steps<T: Hash + Eq>(old: &[T], new: &[T]) -> impl Iterator<Item = Pair> {
    runs(old, new).into_iter().flat_map(|run| run.steps())
}

/// Paragraph alignment step (see [`align_blocks`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum BlockPair<'a> {
    /// The same paragraph in both editions: identical `text`.
    Same {
        /// The old paragraph.
        old: &'a Block,
        /// The new paragraph.
        new: &'a Block,
    },
    /// The paragraph was edited. When only whitespace changed (a TAB for a space, say)
    /// [`BlockPair::is_content_change`] is false: the diff report does not list it.
    Changed {
        /// The old paragraph.
        old: &'a Block,
        /// The new paragraph.
        new: &'a Block,
    },
    /// Only in the old edition.
    Removed {
        /// The old paragraph.
        old: &'a Block,
    },
    /// Only in the new edition.
    Added {
        /// The new paragraph.
        new: &'a Block,
    },
}

impl BlockPair<'_> {
    /// True unless the pair is `Same` or a `Changed` whose texts differ only in whitespace.
    pub fn is_content_change(&self) -> bool {
        match self {
            BlockPair::Same { .. } => false,
            BlockPair::Changed { old, new } => block_key(old) != block_key(new),
            BlockPair::Removed { .. } | BlockPair::Added { .. } => true,
        }
    }
}

/// The text a paragraph is compared by: its whitespace-normalised plain text. Formatting,
/// links, styles, list labels and levels are presentation, not content.
pub fn block_key(block: &Block) -> String {
    normalise(&block.text)
}

/// Align two lists of paragraphs (status, operative text, notes…).
///
/// A longest common subsequence over the paragraphs' normalised texts pairs the unchanged
/// ones. Between two such anchors, the old and the new paragraphs left over are paired as
/// `Changed` when they are alike (half of their words in common, in order; or when exactly one
/// paragraph was replaced by one), the others are `Removed` / `Added`. The result is in the new
/// document's order, removed paragraphs placed where they were.
pub fn align_blocks<'a>(old: &'a [Block], new: &'a [Block]) -> Vec<BlockPair<'a>> {
    let old_keys: Vec<String> = old.iter().map(block_key).collect();
    let new_keys: Vec<String> = new.iter().map(block_key).collect();
    align_texts(&old_keys, &new_keys)
        .into_iter()
        .filter_map(|pair| match (pair.old, pair.new) {
            (Some(o), Some(n)) if old[o].text == new[n].text => Some(BlockPair::Same {
                old: &old[o],
                new: &new[n],
            }),
            (Some(o), Some(n)) => Some(BlockPair::Changed {
                old: &old[o],
                new: &new[n],
            }),
            (Some(o), None) => Some(BlockPair::Removed { old: &old[o] }),
            (None, Some(n)) => Some(BlockPair::Added { new: &new[n] }),
            (None, None) => None,
        })
        .collect()
}

/// Align two lists of texts as [`align_blocks`] does paragraphs: equal texts by a longest
/// common subsequence, the left-over ones paired when alike. Texts are compared as given
/// (normalise them first).
pub fn align_texts(old: &[String], new: &[String]) -> Vec<Pair> {
    let mut out = Vec::with_capacity(new.len().max(old.len()));
    for run in runs(old, new) {
        match run {
            Run::Same { .. } => out.extend(run.steps()),
            Run::Change {
                old: olds,
                new: news,
            } => pair_similar(
                &old[olds.clone()],
                &new[news.clone()],
                olds.start,
                news.start,
                &mut out,
            ),
        }
    }
    out
}

/// The pairs for one changed run (`olds` from index `o` of the old list, `news` from `n` of
/// the new one): the alike ones paired, the others removed or added where they are.
fn pair_similar(olds: &[String], news: &[String], o: usize, n: usize, out: &mut Vec<Pair>) {
    let old_at: Vec<usize> = (o..o + olds.len()).collect();
    let new_at: Vec<usize> = (n..n + news.len()).collect();
    pair_similar_at(&as_strs(olds), &as_strs(news), &old_at, &new_at, out);
}

/// [`pair_similar`] over texts at the given indices (`old_at[i]` is the index of `olds[i]`).
fn pair_similar_at(
    olds: &[&str],
    news: &[&str],
    old_at: &[usize],
    new_at: &[usize],
    out: &mut Vec<Pair>,
) {
    let (mut i, mut j) = (0, 0);
    let ends = std::iter::once((olds.len(), news.len()));
    for (mi, mj) in match_similar(olds, news).into_iter().chain(ends) {
        out.extend(old_at[i..mi].iter().copied().map(Pair::removed));
        out.extend(new_at[j..mj].iter().copied().map(Pair::added));
        if mi < olds.len() && mj < news.len() {
            out.push(Pair::both(old_at[mi], new_at[mj]));
        }
        (i, j) = (mi + 1, mj + 1);
    }
}

/// An alignment that finds moves ([`align_moves`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Aligned {
    /// Every index of both lists once, in the new list's order (a moved text is paired at
    /// its new place; removed texts where they were).
    pub pairs: Vec<Pair>,
    /// The pairs of [`Aligned::pairs`] that are moves: (old index, new index) of a text found
    /// unchanged at another place.
    pub moves: Vec<(usize, usize)>,
}

impl Aligned {
    /// True when the pair is a move.
    pub fn is_move(&self, pair: &Pair) -> bool {
        match (pair.old, pair.new) {
            (Some(o), Some(n)) => self.moves.contains(&(o, n)),
            _ => false,
        }
    }
}

/// Align two lists of texts as [`align_texts`] does, but a text the longest common
/// subsequence leaves out on both sides (removed at one place, the same text added at another)
/// is a move: paired, at its new place. The other left-over texts are paired when alike, or
/// removed and added. Texts are compared as given (normalise them first).
pub fn align_moves(old: &[String], new: &[String]) -> Aligned {
    align_moves_with(old, new, false)
}

/// How alike a text removed at one place and one added at another must be to be one text
/// moved and edited ([`align_moves_edited`]): stricter than [`SIMILAR`], as the two are
/// not at the same place.
pub(crate) const MOVED_SIMILAR: f64 = 0.8;

/// [`align_moves`], and a text removed at one place and a text added at another place that
/// are alike (80 % of their words in common, in order) are one text moved and edited: paired as a move, at its
/// new place (the texts of such a pair differ).
pub fn align_moves_edited(old: &[String], new: &[String]) -> Aligned {
    align_moves_with(old, new, true)
}

fn align_moves_with(old: &[String], new: &[String], edited: bool) -> Aligned {
    let runs = runs(old, new);
    let (mut lone_old, mut lone_new) = (Vec::new(), Vec::new());
    for run in &runs {
        if let Run::Change { old: o, new: n } = run {
            lone_old.extend(o.clone());
            lone_new.extend(n.clone());
        }
    }
    let mut moved_from: HashMap<usize, usize> = HashMap::new();
    let mut taken = vec![false; old.len()];
    for &n in &lone_new {
        let found = lone_old
            .iter()
            .copied()
            .find(|&o| !taken[o] && old[o] == new[n]);
        if let Some(o) = found {
            taken[o] = true;
            moved_from.insert(n, o);
        }
    }
    if edited {
        pair_moved_edited(
            old,
            new,
            &runs,
            &lone_old,
            &lone_new,
            &mut taken,
            &mut moved_from,
        );
    }
    let mut aligned = Aligned::default();
    for run in runs {
        match run {
            Run::Same { .. } => aligned.pairs.extend(run.steps()),
            Run::Change { old: o, new: n }
                if !o.clone().any(|i| taken[i])
                    && !n.clone().any(|j| moved_from.contains_key(&j)) =>
            {
                pair_similar(
                    &old[o.clone()],
                    &new[n.clone()],
                    o.start,
                    n.start,
                    &mut aligned.pairs,
                );
            }
            Run::Change { old: o, new: n } => {
                let olds: Vec<usize> = o.filter(|&i| !taken[i]).collect();
                let mut news = Vec::new();
                for j in n {
                    match moved_from.get(&j) {
                        Some(&i) => {
                            // Pair what came before the move, then the move itself.
                            flush_similar(old, new, &olds, &mut news, &mut aligned.pairs);
                            aligned.pairs.push(Pair::both(i, j));
                            aligned.moves.push((i, j));
                        }
                        None => news.push(j),
                    }
                }
                let mut rest = news;
                flush_similar(old, new, &olds, &mut rest, &mut aligned.pairs);
                let done: Vec<usize> = aligned.pairs.iter().filter_map(|p| p.old).collect();
                let left: Vec<usize> = olds.into_iter().filter(|i| !done.contains(i)).collect();
                aligned.pairs.extend(left.into_iter().map(Pair::removed));
            }
        }
    }
    aligned
}

/// Pair the texts still left over (`lone_old` not `taken`, `lone_new` not in `moved_from`)
/// that are alike ([`MOVED_SIMILAR`]) and in different runs as moved and edited, recording
/// them in `taken` and `moved_from`. The most alike old text of a new one being in the same
/// run, the two are an edit in place, left to the run.
fn pair_moved_edited(
    old: &[String],
    new: &[String],
    runs: &[Run],
    lone_old: &[usize],
    lone_new: &[usize],
    taken: &mut [bool],
    moved_from: &mut HashMap<usize, usize>,
) {
    if lone_old.len().saturating_mul(lone_new.len()) > MATCH_LIMIT {
        return;
    }
    let (run_of_old, run_of_new) = change_runs(runs, old.len(), new.len());
    for &n in lone_new {
        if moved_from.contains_key(&n) {
            continue;
        }
        let best = lone_old
            .iter()
            .copied()
            .filter(|&o| !taken[o])
            .filter_map(|o| Some((o, similarity_at_least(&old[o], &new[n], SIMILAR)?)))
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        if let Some((o, alike)) = best.filter(|(o, _)| run_of_old[*o] != run_of_new[n]) {
            if alike >= MOVED_SIMILAR {
                taken[o] = true;
                moved_from.insert(n, o);
            }
        }
    }
}

/// For each index of the old and of the new list, the number of the changed run holding
/// it (`None` for the indices of unchanged runs).
fn change_runs(
    runs: &[Run],
    old_len: usize,
    new_len: usize,
) -> (Vec<Option<usize>>, Vec<Option<usize>>) {
    let (mut of_old, mut of_new) = (vec![None; old_len], vec![None; new_len]);
    for (number, run) in runs.iter().enumerate() {
        if let Run::Change { old, new } = run {
            for slot in of_old.get_mut(old.clone()).into_iter().flatten() {
                *slot = Some(number);
            }
            for slot in of_new.get_mut(new.clone()).into_iter().flatten() {
                *slot = Some(number);
            }
        }
    }
    (of_old, of_new)
}

/// The new texts gathered so far (`news`) paired with the still unpaired `olds` when alike,
/// else added; `news` is emptied.
fn flush_similar(
    old: &[String],
    new: &[String],
    olds: &[usize],
    news: &mut Vec<usize>,
    out: &mut Vec<Pair>,
) {
    if news.is_empty() {
        return;
    }
    let done: Vec<usize> = out.iter().filter_map(|p| p.old).collect();
    let free: Vec<usize> = olds.iter().copied().filter(|i| !done.contains(i)).collect();
    let old_texts: Vec<&str> = free.iter().map(|&i| old[i].as_str()).collect();
    let new_texts: Vec<&str> = news.iter().map(|&j| new[j].as_str()).collect();
    let mut pairs = Vec::new();
    pair_similar_at(&old_texts, &new_texts, &free, news, &mut pairs);
    // Old texts not paired stay for the texts after the move, or are removed at the end.
    out.extend(pairs.into_iter().filter(|p| p.new.is_some()));
    news.clear();
}

fn as_strs(texts: &[String]) -> Vec<&str> {
    texts.iter().map(String::as_str).collect()
}

/// How alike two paragraphs must be to be shown as one edited paragraph.
pub(crate) const SIMILAR: f64 = 0.5;
/// Above this many candidate pairs, left-over paragraphs are not matched by similarity.
const MATCH_LIMIT: usize = 40_000;

/// A monotone matching of `olds` to `news` maximising the summed similarity of the pairs, only
/// pairs at least [`SIMILAR`] alike (any 1×1 replacement is a pair).
fn match_similar(olds: &[&str], news: &[&str]) -> Vec<(usize, usize)> {
    let (n, m) = (olds.len(), news.len());
    if n == 1 && m == 1 {
        return vec![(0, 0)];
    }
    if n * m > MATCH_LIMIT {
        return Vec::new();
    }
    let mut score = vec![vec![0.0f64; m]; n];
    for (i, old) in olds.iter().enumerate() {
        for (j, new) in news.iter().enumerate() {
            score[i][j] = similarity_at_least(old, new, SIMILAR).unwrap_or(-1.0);
        }
    }
    // best[i][j]: best total over olds[i..] and news[j..].
    let mut best = vec![vec![0.0f64; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            let mut value = best[i + 1][j].max(best[i][j + 1]);
            if score[i][j] > 0.0 {
                value = value.max(score[i][j] + best[i + 1][j + 1]);
            }
            best[i][j] = value;
        }
    }
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if score[i][j] > 0.0 && best[i][j] == score[i][j] + best[i + 1][j + 1] {
            out.push((i, j));
            i += 1;
            j += 1;
        } else if best[i][j] == best[i + 1][j] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

/// Align two lists by key. Keys that occur more than once are told apart by their occurrence
/// (the second "44-22" pairs with the second "44-22"). A key in both lists is always paired,
/// even when the order changed; the pair then comes at the new position.
pub fn align_keyed<K: Hash + Eq + Clone>(old: &[K], new: &[K]) -> Vec<Pair> {
    let occurrences = |keys: &[K]| -> Vec<(K, usize)> {
        let mut seen: HashMap<&K, usize> = HashMap::new();
        keys.iter()
            .map(|k| {
                let count = seen.entry(k).or_insert(0);
                *count += 1;
                (k.clone(), *count)
            })
            .collect()
    };
    let old_keys = occurrences(old);
    let new_keys = occurrences(new);
    let old_at: HashMap<&(K, usize), usize> =
        old_keys.iter().enumerate().map(|(i, k)| (k, i)).collect();
    let new_at: HashMap<&(K, usize), usize> =
        new_keys.iter().enumerate().map(|(i, k)| (k, i)).collect();
    steps(&old_keys, &new_keys)
        .filter_map(|pair| match (pair.old, pair.new) {
            // Removed here, but paired where it is in the new list.
            (Some(o), None) if new_at.contains_key(&old_keys[o]) => None,
            (None, Some(n)) => Some(Pair {
                old: old_at.get(&new_keys[n]).copied(),
                new: Some(n),
            }),
            _ => Some(pair),
        })
        .collect()
}

/// Align the action items of one resolution by id (see [`align_keyed`]). An item whose id is
/// only in the other list may have moved to another resolution: [`super::diff`] reports that;
/// this function only sees the one list.
pub fn align_items(old: &[Item], new: &[Item]) -> Vec<Pair> {
    let ids = |items: &[Item]| -> Vec<String> { items.iter().map(|i| i.id.clone()).collect() };
    align_keyed(&ids(old), &ids(new))
}

/// Align the resolutions and opinions of two editions by kind and number.
pub fn align_resolutions(old: &[Resolution], new: &[Resolution]) -> Vec<Pair> {
    let keys = |list: &[Resolution]| -> Vec<(&'static str, String)> {
        list.iter()
            .map(|r| (r.kind.as_str(), r.number.clone()))
            .collect()
    };
    align_keyed(&keys(old), &keys(new))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(texts: &[&str]) -> Vec<Block> {
        texts.iter().map(|t| Block::plain(*t)).collect()
    }

    fn shape(pairs: &[BlockPair]) -> String {
        pairs
            .iter()
            .map(|p| match p {
                BlockPair::Same { new, .. } => format!("={}", new.text),
                BlockPair::Changed { old, new } => format!("~{}>{}", old.text, new.text),
                BlockPair::Removed { old } => format!("-{}", old.text),
                BlockPair::Added { new } => format!("+{}", new.text),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn blocks_align_in_new_order_with_removed_in_place() {
        let old = blocks(&["a", "b c d e", "x", "z"]);
        let new = blocks(&["a", "b c d f", "y", "z", "w"]);
        assert_eq!(
            shape(&align_blocks(&old, &new)),
            "=a ~b c d e>b c d f -x +y =z +w"
        );
    }

    fn pairs_of(pairs: impl Iterator<Item = Pair>) -> Vec<(Option<usize>, Option<usize>)> {
        pairs.map(|p| (p.old, p.new)).collect()
    }

    #[test]
    fn runs_group_equal_elements_and_changes() {
        let old = ["a", "b", "c", "d"];
        let new = ["a", "x", "c", "d", "e"];
        assert_eq!(
            runs(&old, &new),
            vec![
                Run::Same {
                    old: 0..1,
                    new: 0..1
                },
                Run::Change {
                    old: 1..2,
                    new: 1..2
                },
                Run::Same {
                    old: 2..4,
                    new: 2..4
                },
                Run::Change {
                    old: 4..4,
                    new: 4..5
                },
            ]
        );
        assert_eq!(runs::<&str>(&[], &[]), vec![]);
        assert_eq!(
            runs(&["a"], &[]),
            vec![Run::Change {
                old: 0..1,
                new: 0..0
            }]
        );
    }

    #[test]
    fn steps_expand_runs_removed_before_added() {
        let (none, some) = (None, Some);
        assert_eq!(
            pairs_of(steps(&["a", "b", "c"], &["a", "x", "y", "c"])),
            vec![
                (some(0), some(0)),
                (some(1), none),
                (none, some(1)),
                (none, some(2)),
                (some(2), some(3))
            ]
        );
        // A moved element is removed where it was and added where it is.
        assert_eq!(
            pairs_of(steps(&["a", "b"], &["b", "a"])),
            vec![(none, some(0)), (some(0), some(1)), (some(1), none)]
        );
        assert_eq!(pairs_of(steps(&["a"], &[])), vec![(some(0), none)]);
        assert_eq!(pairs_of(steps(&[], &["a"])), vec![(none, some(0))]);
    }

    #[test]
    fn steps_visit_every_index_once_in_order() {
        // Deterministic pseudo-random lists over a small alphabet.
        let mut seed = 7u32;
        let mut list = |len: usize| -> Vec<u8> {
            (0..len)
                .map(|_| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    b"abcd"[(seed >> 16) as usize % 4]
                })
                .collect()
        };
        for len in 0..40 {
            let (old, new) = (list(len), list((len * 7) % 23));
            let pairs = pairs_of(steps(&old, &new));
            let olds: Vec<usize> = pairs.iter().filter_map(|p| p.0).collect();
            let news: Vec<usize> = pairs.iter().filter_map(|p| p.1).collect();
            assert_eq!(olds, (0..old.len()).collect::<Vec<_>>());
            assert_eq!(news, (0..new.len()).collect::<Vec<_>>());
            for (o, n) in pairs {
                assert!(o.is_some() || n.is_some());
                if let (Some(o), Some(n)) = (o, n) {
                    assert_eq!(old[o], new[n]);
                }
            }
            let runs = runs(&old, &new);
            let expanded: Vec<Pair> = runs.iter().flat_map(Run::steps).collect();
            assert_eq!(pairs_of(expanded.into_iter()), pairs_of(steps(&old, &new)));
        }
    }

    fn strings(texts: &[&str]) -> Vec<String> {
        texts.iter().map(|t| t.to_string()).collect()
    }

    #[test]
    fn a_text_moved_and_edited_is_a_move_only_when_asked_and_very_alike() {
        let some = Some;
        let moved = "one two three four five six seven eight nine ten";
        let edited = "one two three four five six seven eight nine eleven";
        let old = strings(&["a", "b", moved, "c"]);
        let new = strings(&[edited, "a", "b", "c"]);
        let aligned = align_moves_edited(&old, &new);
        assert_eq!(aligned.moves, vec![(2, 0)]);
        assert_eq!(
            pairs_of(aligned.pairs.iter().copied()),
            vec![
                (some(2), some(0)),
                (some(0), some(1)),
                (some(1), some(2)),
                (some(3), some(3))
            ]
        );
        // Exact moves only: removed and added.
        assert!(align_moves(&old, &new).moves.is_empty());
        // Half alike is not enough at another place.
        let half = "one two three four five 6 7 8 9 10";
        let aligned = align_moves_edited(&old, &strings(&[half, "a", "b", "c"]));
        assert!(aligned.moves.is_empty());
        // Alike in the same place: an edit, not a move.
        let aligned = align_moves_edited(&old, &strings(&["a", "b", edited, "c"]));
        assert!(aligned.moves.is_empty());
        assert!(aligned.pairs.contains(&Pair::both(2, 2)));
    }

    #[test]
    fn moves_are_paired_at_their_new_place() {
        let some = Some;
        // "d" moved to the front; "b" edited (alike), "x" removed and "y" added (not alike).
        let old = strings(&["a", "b c d e", "x", "d"]);
        let new = strings(&["d", "a", "b c d f", "y"]);
        let aligned = align_moves(&old, &new);
        assert_eq!(aligned.moves, vec![(3, 0)]);
        assert_eq!(
            pairs_of(aligned.pairs.iter().copied()),
            vec![
                (some(3), some(0)),
                (some(0), some(1)),
                (some(1), some(2)),
                (None, some(3)),
                (some(2), None),
            ]
        );
        assert!(aligned.is_move(&aligned.pairs[0]));
        assert!(!aligned.is_move(&aligned.pairs[1]));
        // Every index once, reversed lists: all but one paragraph moved.
        let old = strings(&["p1", "p2", "p3", "p4"]);
        let new = strings(&["p4", "p3", "p2", "p1"]);
        let aligned = align_moves(&old, &new);
        assert_eq!(aligned.moves.len(), 3);
        let mut olds: Vec<usize> = aligned.pairs.iter().filter_map(|p| p.old).collect();
        olds.sort_unstable();
        assert_eq!(olds, vec![0, 1, 2, 3]);
        let news: Vec<usize> = aligned.pairs.iter().filter_map(|p| p.new).collect();
        assert_eq!(news, vec![0, 1, 2, 3]);
        // Nothing moved: the same pairs as align_texts.
        let old = strings(&["a", "b", "c"]);
        let new = strings(&["a", "x", "c", "d"]);
        assert_eq!(align_moves(&old, &new).pairs, align_texts(&old, &new));
        assert!(align_moves(&old, &new).moves.is_empty());
    }

    #[test]
    fn keyed_alignment_pairs_reordered_and_duplicates() {
        let old = ["a", "b", "c", "b"];
        let new = ["c", "a", "b", "d", "b"];
        let pairs = align_keyed(&old, &new);
        let got: Vec<(Option<usize>, Option<usize>)> =
            pairs.iter().map(|p| (p.old, p.new)).collect();
        assert_eq!(
            got,
            vec![
                (Some(2), Some(0)),
                (Some(0), Some(1)),
                (Some(1), Some(2)),
                (None, Some(3)),
                (Some(3), Some(4))
            ]
        );
        let removed = align_keyed(&["a", "x", "b"], &["a", "b"]);
        assert_eq!(
            removed[1],
            Pair {
                old: Some(1),
                new: None
            }
        );
    }
}
