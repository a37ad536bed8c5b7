//! Symbol fonts: `w:sym` and private-use characters in Symbol/Wingdings runs mapped to
//! Unicode. The Symbol check mark F0D6 becomes √ (U+221A).

/// Which symbol font a run uses, as far as mapping is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) enum SymbolFont {
    /// Not a symbol font: characters stand for themselves.
    #[default]
    Text,
    /// Adobe Symbol.
    Symbol,
    /// Wingdings.
    Wingdings,
    /// Wingdings 2 (its own glyph table: F050 is ✓).
    Wingdings2,
}

impl SymbolFont {
    /// The font of a `w:rFonts`/`w:sym` font name.
    pub(super) fn from_name(name: &str) -> SymbolFont {
        let lower = name.trim().to_ascii_lowercase();
        if lower == "symbol" {
            SymbolFont::Symbol
        } else if lower == "wingdings 2" || lower == "wingdings2" {
            SymbolFont::Wingdings2
        } else if lower == "wingdings" {
            SymbolFont::Wingdings
        } else {
            SymbolFont::Text
        }
    }
}

/// The Unicode character for code `code` (as in `w:char="F0D6"`, or 0xD6) in `font`.
pub(super) fn map_symbol(font: SymbolFont, code: u32) -> char {
    let low = if (0xF000..=0xF0FF).contains(&code) {
        code.saturating_sub(0xF000)
    } else {
        code
    };
    let mapped = match font {
        SymbolFont::Symbol | SymbolFont::Text => symbol_char(low),
        SymbolFont::Wingdings => wingdings_char(low),
        SymbolFont::Wingdings2 => wingdings2_char(low),
    };
    mapped
        .or_else(|| char::from_u32(code))
        .unwrap_or('\u{FFFD}')
}

fn symbol_char(code: u32) -> Option<char> {
    Some(match code {
        0x20 => ' ',
        0x2D => '\u{2212}',
        0xA3 => '≤',
        0xAC => '←',
        0xAD => '↑',
        0xAE => '→',
        0xAF => '↓',
        0xB0 => '°',
        0xB1 => '±',
        0xB3 => '≥',
        0xB4 => '×',
        0xB7 => '•',
        0xB9 => '≠',
        0xBB => '≈',
        0xD2 | 0xE2 => '®',
        0xD3 | 0xE3 => '©',
        0xD4 | 0xE4 => '™',
        0xD6 => '√',
        0xDE => '⇒',
        0xDB => '⇔',
        _ => return None,
    })
}

fn wingdings_char(code: u32) -> Option<char> {
    Some(match code {
        0x6C => '●',
        0x6E => '■',
        0x71 => '❑',
        0xA7 => '▪',
        0xA8 => '◻',
        0xD8 => '➢',
        0xE0 => '→',
        0xE8 => '➔',
        0xFB => '✗',
        0xFC => '✓',
        0xFD => '☒',
        0xFE => '☑',
        _ => return None,
    })
}

/// Map the characters of a text run in a symbol font: private-use codes (U+F020..U+F0FF,
/// as LibreOffice writes them) always; legacy 8-bit codes (U+0080..U+00FF, "Ö" shown as √)
/// where the font's table knows them.
pub(super) fn map_private_use(font: SymbolFont, text: &str) -> String {
    text.chars()
        .map(|c| {
            let code = c as u32;
            if (0xF020..=0xF0FF).contains(&code) {
                map_symbol(font, code)
            } else if (0x80..=0xFF).contains(&code) {
                known_symbol(font, code).unwrap_or(c)
            } else {
                c
            }
        })
        .collect()
}

/// True when the text has characters [`map_private_use`] may change.
pub(super) fn has_private_use(text: &str) -> bool {
    text.chars().any(|c| {
        let code = c as u32;
        (0xF020..=0xF0FF).contains(&code) || (0x80..=0xFF).contains(&code)
    })
}

fn known_symbol(font: SymbolFont, code: u32) -> Option<char> {
    match font {
        SymbolFont::Symbol => symbol_char(code),
        SymbolFont::Wingdings => wingdings_char(code),
        SymbolFont::Wingdings2 => wingdings2_char(code),
        SymbolFont::Text => None,
    }
}

fn wingdings2_char(code: u32) -> Option<char> {
    Some(match code {
        0x4F => '✗',
        0x50 => '✓',
        0x51 => '☒',
        0x52 => '☑',
        0x53 => '☒',
        0x54 => '☒',
        0xA3 => '☐',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_marks() {
        assert_eq!(map_symbol(SymbolFont::Symbol, 0xF0D6), '√');
        assert_eq!(map_symbol(SymbolFont::Symbol, 0xD6), '√');
        assert_eq!(map_symbol(SymbolFont::Wingdings, 0xF0FC), '✓');
        assert_eq!(map_private_use(SymbolFont::Symbol, "\u{F0D6}"), "√");
        assert_eq!(SymbolFont::from_name("Wingdings 2"), SymbolFont::Wingdings2);
        assert_eq!(map_symbol(SymbolFont::Wingdings2, 0xF050), '✓');
        assert_eq!(map_private_use(SymbolFont::Symbol, "\u{D6}"), "√");
    }
}
