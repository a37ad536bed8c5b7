//! Recognising the "Resolution N – title" / "Opinion N – title" shape and appendix headings.

use crate::model::Kind;
use regex::Regex;
use std::sync::LazyLock;

static TITLE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?is)^(?:\d+\.\s*)?(resolution|opinion)\s+(\d+[A-Za-z]?)\s*(?:\((?:rev\.?|revised)[^)]*\)\s*)?[-–—‑:]\s*(.+)$")
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
}

/// Parse a heading or matrix label of the form "Resolution N – title" (hyphen, en or em
/// dash, or colon).
pub(crate) fn parse_title_line(text: &str) -> Option<TitleLine> {
    let captures = TITLE_LINE.captures(text.trim())?;
    let kind = if captures[1].eq_ignore_ascii_case("opinion") {
        Kind::Opinion
    } else {
        Kind::Resolution
    };
    let title = captures[3].trim().to_string();
    if title.is_empty() {
        return None;
    }
    Some(TitleLine {
        kind,
        number: captures[2].to_string(),
        title,
    })
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
        let line = parse_title_line("Opinion 1 - Practical application").unwrap();
        assert_eq!((line.kind, line.number.as_str()), (Kind::Opinion, "1"));
        assert!(parse_title_line("Opinion 1").is_none());
        assert!(parse_title_line("Resolution 1 was adopted - in 2022").is_none());
        assert!(is_appendix_heading("Appendix II – Obsolete action items"));
    }
}
