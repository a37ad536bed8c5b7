//! The marks of the "Periodic goals met" and "Completed" columns, read by meaning.
//!
//! The vocabulary (case is ignored for words, white space and a final full stop around the
//! mark are ignored):
//!
//! | reads as | marks |
//! |---|---|
//! | **true** | a check glyph anywhere in the cell: √ ✓ ✔ ☑ ☒ ✅ 🗸, and the Symbol and Wingdings check glyphs (`w:sym`, private-use characters; the ooxml layer maps them to these); the words `X`, `Yes`, `Y`, `Done`, `True` |
//! | **false** | an empty cell; `No`, `N`, `False`, a dash (`-`, `–`, `—`), an empty box ☐ |
//! | **other** | any other text: the flag stays false, the text is kept in the model (`*_text`) and a warning names the item |
//!
//! A check glyph with more text beside it ("√ (2023)") reads as true and the whole text is
//! also kept, so nothing of the cell is lost.

/// Check glyphs: any of them in a cell makes it a true mark.
const CHECK_GLYPHS: [char; 9] = ['√', '✓', '✔', '☑', '☒', '✅', '🗸', '\u{F0D6}', '\u{F0FC}'];

/// Words (compared case-insensitively) that mean true.
const TRUE_WORDS: [&str; 5] = ["x", "yes", "y", "done", "true"];

/// Texts (compared case-insensitively) that mean false.
const FALSE_WORDS: [&str; 8] = ["no", "n", "false", "-", "–", "—", "‑", "☐"];

/// What a mark cell says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mark {
    /// The flag: true for a true mark, false otherwise.
    pub value: bool,
    /// The cell text when it is not a plain mark of the vocabulary (kept in the model).
    pub other: Option<String>,
}

/// Read a mark cell's text.
pub(crate) fn read_mark(text: &str) -> Mark {
    let trimmed = text.trim();
    let word = trimmed.trim_end_matches('.').trim().to_lowercase();
    let has_glyph = trimmed.chars().any(|c| CHECK_GLYPHS.contains(&c));
    if has_glyph {
        let only_glyphs = trimmed
            .chars()
            .all(|c| c.is_whitespace() || CHECK_GLYPHS.contains(&c));
        return Mark {
            value: true,
            other: (!only_glyphs).then(|| trimmed.to_string()),
        };
    }
    if TRUE_WORDS.contains(&word.as_str()) {
        return Mark {
            value: true,
            other: None,
        };
    }
    if word.is_empty() || FALSE_WORDS.contains(&word.as_str()) {
        return Mark {
            value: false,
            other: None,
        };
    }
    Mark {
        value: false,
        other: Some(trimmed.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn true_marks() {
        for text in [
            "√", " ✓ ", "✔", "☑", "☒", "X", "x", "Yes", "YES", "y", "Done", "done.", "\u{F0D6}",
        ] {
            assert_eq!(
                read_mark(text),
                Mark {
                    value: true,
                    other: None
                },
                "{text:?}"
            );
        }
    }

    #[test]
    fn false_marks() {
        for text in ["", "  ", "No", "n", "–", "-", "—", "☐"] {
            assert_eq!(
                read_mark(text),
                Mark {
                    value: false,
                    other: None
                },
                "{text:?}"
            );
        }
    }

    #[test]
    fn other_text_is_kept() {
        assert_eq!(
            read_mark(" Ongoing "),
            Mark {
                value: false,
                other: Some("Ongoing".into())
            }
        );
        assert_eq!(
            read_mark("√ (2023)"),
            Mark {
                value: true,
                other: Some("√ (2023)".into())
            }
        );
        assert!(!read_mark("Partly").value);
    }
}
