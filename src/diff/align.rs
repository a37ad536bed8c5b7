//! Aligning two editions part by part: paragraphs by their text (longest common subsequence),
//! resolutions by kind and number, items by id.
//!
//! Every alignment lists its pairs in the new edition's order, with the parts only the old
//! edition has placed where they were (right after the pair that preceded them in the old
//! edition).

use super::words::{normalise, similarity};
use crate::model::{Block, Item, Resolution};
use similar::{capture_diff_slices, Algorithm, DiffOp};
use std::collections::HashMap;
use std::hash::Hash;

/// One step of an alignment by key: indices into the old and the new list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pair {
    /// Index in the old list; `None` when the part was added.
    pub old: Option<usize>,
    /// Index in the new list; `None` when the part was removed.
    pub new: Option<usize>,
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
    let removed = |range: std::ops::Range<usize>| {
        range.map(|o| Pair {
            old: Some(o),
            new: None,
        })
    };
    let added = |range: std::ops::Range<usize>| {
        range.map(|n| Pair {
            old: None,
            new: Some(n),
        })
    };
    for op in capture_diff_slices(Algorithm::Myers, old, new) {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => out.extend((0..len).map(|k| Pair {
                old: Some(old_index + k),
                new: Some(new_index + k),
            })),
            DiffOp::Delete {
                old_index, old_len, ..
            } => out.extend(removed(old_index..old_index + old_len)),
            DiffOp::Insert {
                new_index, new_len, ..
            } => out.extend(added(new_index..new_index + new_len)),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                let olds: Vec<&str> = old[old_index..old_index + old_len]
                    .iter()
                    .map(String::as_str)
                    .collect();
                let news: Vec<&str> = new[new_index..new_index + new_len]
                    .iter()
                    .map(String::as_str)
                    .collect();
                let (mut o, mut n) = (old_index, new_index);
                for (mo, mn) in match_similar(&olds, &news)
                    .into_iter()
                    .map(|(i, j)| (old_index + i, new_index + j))
                    .chain(std::iter::once((old_index + old_len, new_index + new_len)))
                {
                    out.extend(removed(o..mo));
                    out.extend(added(n..mn));
                    if mo < old_index + old_len && mn < new_index + new_len {
                        out.push(Pair {
                            old: Some(mo),
                            new: Some(mn),
                        });
                    }
                    (o, n) = (mo + 1, mn + 1);
                }
            }
        }
    }
    out
}

/// How alike two paragraphs must be to be shown as one edited paragraph.
const SIMILAR: f64 = 0.5;
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
            let s = similarity(old, new);
            score[i][j] = if s >= SIMILAR { s } else { -1.0 };
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
    let mut out = Vec::with_capacity(new.len().max(old.len()));
    let removed = |out: &mut Vec<Pair>, range: std::ops::Range<usize>| {
        for o in range {
            if !new_at.contains_key(&old_keys[o]) {
                out.push(Pair {
                    old: Some(o),
                    new: None,
                });
            }
        }
    };
    let added = |out: &mut Vec<Pair>, range: std::ops::Range<usize>| {
        for n in range {
            out.push(Pair {
                old: old_at.get(&new_keys[n]).copied(),
                new: Some(n),
            });
        }
    };
    for op in capture_diff_slices(Algorithm::Myers, &old_keys, &new_keys) {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => out.extend((0..len).map(|k| Pair {
                old: Some(old_index + k),
                new: Some(new_index + k),
            })),
            DiffOp::Delete {
                old_index, old_len, ..
            } => removed(&mut out, old_index..old_index + old_len),
            DiffOp::Insert {
                new_index, new_len, ..
            } => added(&mut out, new_index..new_index + new_len),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                removed(&mut out, old_index..old_index + old_len);
                added(&mut out, new_index..new_index + new_len);
            }
        }
    }
    out
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
