//! Recognising the "Resolution N – title" / "Opinion N – title" shape and appendix headings.

use crate::model::Kind;
use regex::Regex;
use std::sync::LazyLock;

static TITLE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?is)^(?:\d+\.\s*)?(resolution|res\.|opinion)\s*(\d+[A-Za-z]?)[ \t\u{a0}]*(?:\([^)\n]*\)[ \t\u{a0}]*)?(?:\s*[-–—‑:]|[ \t\u{a0}]*[\t\n])\s*(.+)$")
        .unwrap_or_else(|_| unreachable!())
});
static BARE_TITLE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:\d+\.\s*)?(resolution|res\.|opinion)\s*(\d+[A-Za-z]?)\s*(?:\([^)]*\))?\.?$",
    )
    .unwrap_or_else(|_| unreachable!())
});
static APPENDIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(appendix|annex)\s+[IVXLC\d]+\b").unwrap_or_else(|_| unreachable!())
});

/// A parsed "Resolution 22 – Authorization for …" line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TitleLine {
    /// Resolution or Opinion.
    pub kind: Kind,
    /// "22".
    pub number: String,
    /// The text after the dash, trimmed.
    pub title: String,
    /// Written "Res." rather than "Resolution": trusted in a heading or the matrix, not in
    /// a paragraph that only looks like a heading.
    pub abbreviated: bool,
}

/// Parse a heading or matrix label of the form "Resolution N – title": the number may be
/// followed by a parenthesis ("(Rev. Geneva, 2022)"), then a hyphen, en or em dash, colon,
/// TAB or line break before the title; "Res." stands for Resolution. Line breaks in the
/// title become spaces.
pub(crate) fn parse_title_line(text: &str) -> Option<TitleLine> {
    let captures = TITLE_LINE.captures(text.trim())?;
    let title = captures[3].split_whitespace().collect::<Vec<_>>().join(" ");
    if title.is_empty() {
        return None;
    }
    Some(TitleLine {
        kind: kind_of(&captures[1]),
        number: captures[2].to_string(),
        title,
        abbreviated: captures[1].eq_ignore_ascii_case("res."),
    })
}

/// Parse a heading that names a resolution or opinion without a title ("Resolution 22",
/// "Opinion 1 (Rev. Geneva, 2022)"): the title is then to be found elsewhere.
pub(crate) fn parse_bare_title_line(text: &str) -> Option<TitleLine> {
    let captures = BARE_TITLE_LINE.captures(text.trim())?;
    Some(TitleLine {
        kind: kind_of(&captures[1]),
        number: captures[2].to_string(),
        title: String::new(),
        abbreviated: captures[1].eq_ignore_ascii_case("res."),
    })
}

fn kind_of(word: &str) -> Kind {
    if word.eq_ignore_ascii_case("opinion") {
        Kind::Opinion
    } else {
        Kind::Resolution
    }
}

/// True for "Appendix I – …" / "Annex 2 …".
pub(crate) fn is_appendix_heading(text: &str) -> bool {
    APPENDIX.is_match(text.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dashes_and_kinds() {
        for text in [
            "Resolution 22 - Authorization for TSAG",
            "Resolution 22 – Authorization for TSAG",
            "Resolution 22 — Authorization for TSAG",
            "1.\tResolution 22 – Authorization for TSAG",
        ] {
            let line = parse_title_line(text).unwrap();
            assert_eq!(line.kind, Kind::Resolution);
            assert_eq!(line.number, "22");
            assert_eq!(line.title, "Authorization for TSAG");
        }
        // Hand-typed separators: a parenthesis of any kind, a TAB, a line break; "Res.".
        for text in [
            "Resolution 22 (Geneva, 2022) – Authorization for TSAG",
            "Resolution 22\tAuthorization for TSAG",
            "Resolution 22\nAuthorization for\nTSAG",
            "RESOLUTION 22 (Rev. Geneva, 2022)\n– Authorization for TSAG",
            "Res. 22 – Authorization for TSAG",
            "Res.22: Authorization for TSAG",
        ] {
            let line = parse_title_line(text).unwrap_or_else(|| panic!("{text:?}"));
            assert_eq!(line.kind, Kind::Resolution, "{text:?}");
            assert_eq!(line.number, "22", "{text:?}");
            assert_eq!(line.title, "Authorization for TSAG", "{text:?}");
        }
        assert!(parse_title_line("Resolution 22 Authorization for TSAG").is_none());
        assert!(parse_title_line("Resolution 22 was adopted – in 2022").is_none());
        let bare = parse_bare_title_line("Resolution 22 (Rev. Geneva, 2022)").unwrap();
        assert_eq!(
            (bare.kind, bare.number.as_str(), bare.title.as_str()),
            (Kind::Resolution, "22", "")
        );
        assert!(parse_bare_title_line("Opinion 1").is_some());
        assert!(parse_bare_title_line("Resolution 22 – title").is_none());
        let line = parse_title_line("Opinion 1 - Practical application").unwrap();
        assert_eq!((line.kind, line.number.as_str()), (Kind::Opinion, "1"));
        assert!(parse_title_line("Opinion 1").is_none());
        assert!(parse_title_line("Resolution 1 was adopted - in 2022").is_none());
        assert!(is_appendix_heading("Appendix II – Obsolete action items"));
    }
}
