//! Word-level text diff and the text normalisation the comparison uses.

use super::align::{runs, Run};
use serde::Serialize;
use std::collections::HashMap;

/// What happened to a piece of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Op {
    /// In both texts.
    Equal,
    /// Only in the new text.
    Insert,
    /// Only in the old text.
    Delete,
}

/// Split a text into tokens: runs of non-whitespace (words, punctuation attached) and runs of
/// whitespace, alternating. Concatenating the tokens gives the text back.
pub fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_space: Option<bool> = None;
    for (index, c) in text.char_indices() {
        let space = c.is_whitespace();
        if in_space.is_some_and(|s| s != space) {
            out.push(&text[start..index]);
            start = index;
        }
        in_space = Some(space);
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// Word-level diff of two texts, whitespace kept as tokens of its own.
///
/// The result alternates runs: never two neighbours with the same [`Op`], and inside a change a
/// `Delete` comes before its `Insert`. Concatenating the `Equal` and `Delete` texts gives
/// `old`; concatenating the `Equal` and `Insert` texts gives `new`. A lone space between two
/// changed words is folded into the change, so "a b" → "c d" reads as one replacement rather
/// than two. Deterministic (Myers' algorithm, no deadline).
pub fn words(old: &str, new: &str) -> Vec<(Op, String)> {
    regroup(fold_spaces(segments(&tokens(old), &tokens(new))))
}

/// The token diff as pieces of text: one per equal run, a `Delete` and/or an `Insert` per
/// change.
fn segments(old: &[&str], new: &[&str]) -> Vec<(Op, String)> {
    let mut segments = Vec::new();
    for run in runs(old, new) {
        match run {
            Run::Same { old: range, .. } => segments.push((Op::Equal, old[range].concat())),
            Run::Change {
                old: removed,
                new: added,
            } => {
                if !removed.is_empty() {
                    segments.push((Op::Delete, old[removed].concat()));
                }
                if !added.is_empty() {
                    segments.push((Op::Insert, new[added].concat()));
                }
            }
        }
    }
    segments
}

/// Whitespace-only equal pieces between two changes folded into the change (deleted and
/// inserted).
fn fold_spaces(segments: Vec<(Op, String)>) -> Vec<(Op, String)> {
    let count = segments.len();
    let mut folded: Vec<(Op, String)> = Vec::with_capacity(count + 4);
    for (index, (op, text)) in segments.iter().enumerate() {
        let between_changes = *op == Op::Equal
            && index > 0
            && index + 1 < count
            && segments[index - 1].0 != Op::Equal
            && segments[index + 1].0 != Op::Equal
            && text.chars().all(char::is_whitespace);
        if between_changes {
            folded.push((Op::Delete, text.clone()));
            folded.push((Op::Insert, text.clone()));
        } else {
            folded.push((*op, text.clone()));
        }
    }
    folded
}

/// Each run of changes as one `Delete` then one `Insert`, neighbouring equal pieces joined,
/// empty pieces dropped.
fn regroup(folded: Vec<(Op, String)>) -> Vec<(Op, String)> {
    let mut out: Vec<(Op, String)> = Vec::new();
    let mut deleted = String::new();
    let mut inserted = String::new();
    let flush = |out: &mut Vec<(Op, String)>, deleted: &mut String, inserted: &mut String| {
        if !deleted.is_empty() {
            out.push((Op::Delete, std::mem::take(deleted)));
        }
        if !inserted.is_empty() {
            out.push((Op::Insert, std::mem::take(inserted)));
        }
    };
    for (op, text) in folded {
        match op {
            Op::Delete => deleted.push_str(&text),
            Op::Insert => inserted.push_str(&text),
            Op::Equal => {
                flush(&mut out, &mut deleted, &mut inserted);
                if text.is_empty() {
                    continue;
                }
                match out.last_mut() {
                    Some((Op::Equal, last)) => last.push_str(&text),
                    _ => out.push((Op::Equal, text)),
                }
            }
        }
    }
    flush(&mut out, &mut deleted, &mut inserted);
    out
}

/// The text as the comparison sees it: every run of whitespace (spaces, TAB, line breaks,
/// no-break spaces) one space, trimmed. Two texts equal after this are the same content.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Similarity of two texts in 0..=1 by their words (whitespace ignored): twice the number of
/// words in common, in order, over the total number of words.
pub fn similarity(old: &str, new: &str) -> f64 {
    let old_words: Vec<&str> = old.split_whitespace().collect();
    let new_words: Vec<&str> = new.split_whitespace().collect();
    words_similarity(&old_words, &new_words)
}

/// [`similarity`] of two texts already split into words.
fn words_similarity(old_words: &[&str], new_words: &[&str]) -> f64 {
    let total = old_words.len() + new_words.len();
    if total == 0 {
        return 1.0;
    }
    let common: usize = runs(old_words, new_words)
        .into_iter()
        .map(|run| match run {
            Run::Same { old, .. } => old.len(),
            Run::Change { .. } => 0,
        })
        .sum();
    (2 * common) as f64 / total as f64
}

/// [`similarity`] when it is at least `min`, else `None`; cheap bounds (the word counts,
/// then the words in common regardless of order) rule out most unlike pairs before the
/// diff is computed.
pub fn similarity_at_least(old: &str, new: &str, min: f64) -> Option<f64> {
    let old_words: Vec<&str> = old.split_whitespace().collect();
    let new_words: Vec<&str> = new.split_whitespace().collect();
    let total = old_words.len() + new_words.len();
    if total == 0 {
        return Some(1.0);
    }
    let bound = |common: usize| (2 * common) as f64 / total as f64;
    if bound(old_words.len().min(new_words.len())) < min {
        return None;
    }
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for word in &old_words {
        *counts.entry(word).or_insert(0) += 1;
    }
    let mut shared = 0;
    for word in &new_words {
        if let Some(count) = counts.get_mut(word).filter(|c| **c > 0) {
            *count -= 1;
            shared += 1;
        }
    }
    if bound(shared) < min {
        return None;
    }
    Some(words_similarity(&old_words, &new_words)).filter(|s| *s >= min)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rebuild(ops: &[(Op, String)], skip: Op) -> String {
        ops.iter()
            .filter(|(op, _)| *op != skip)
            .map(|(_, t)| t.as_str())
            .collect()
    }

    #[test]
    fn similarity_at_least_agrees_with_similarity() {
        let texts = ["a b c d", "a b c e", "d c b a", "x y", "", "a a a b", "a b"];
        for old in texts {
            for new in texts {
                for min in [0.0, 0.5, 0.8] {
                    let full = similarity(old, new);
                    let expected = (full >= min).then_some(full);
                    assert_eq!(
                        similarity_at_least(old, new, min),
                        expected,
                        "{old:?} {new:?} {min}"
                    );
                }
            }
        }
    }

    #[test]
    fn tokens_round_trip() {
        for text in ["", " ", "a", " a b  c\t", "x\u{a0}y"] {
            assert_eq!(tokens(text).concat(), text);
        }
        assert_eq!(tokens("a  b"), vec!["a", "  ", "b"]);
    }

    #[test]
    fn replacement_reads_as_one_change() {
        let ops = words("TSAG 2023 meeting", "TSAG 2024 meeting");
        assert_eq!(
            ops,
            vec![
                (Op::Equal, "TSAG ".to_string()),
                (Op::Delete, "2023".to_string()),
                (Op::Insert, "2024".to_string()),
                (Op::Equal, " meeting".to_string()),
            ]
        );
        let ops = words("will be presented", "was presented");
        assert_eq!(rebuild(&ops, Op::Insert), "will be presented");
        assert_eq!(rebuild(&ops, Op::Delete), "was presented");
        assert_eq!(ops[0], (Op::Delete, "will be".to_string()));
    }

    #[test]
    fn normalise_collapses_whitespace() {
        assert_eq!(normalise(" a\t b\n\u{a0}c "), "a b c");
    }
}
