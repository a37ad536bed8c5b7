//! Text helpers every layer may use: whitespace normalising, HTML escaping and CSV fields.
//!
//! A leaf module: it imports nothing from the crate, so any layer can depend on it.

/// Every run of whitespace (spaces, TABs, line breaks, no-break spaces) as one space, the
/// ends trimmed: the text as one line. Two texts equal after this are the same content.
pub(crate) fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The text as one line (`one_line`) of at most `max` characters: cut at the last word
/// that fits, "…" added; a first word longer than `max` is cut inside.
pub fn shorten(text: &str, max: usize) -> String {
    let line = one_line(text);
    if line.chars().count() <= max {
        return line;
    }
    let keep = max.saturating_sub(1);
    let cut: String = line.chars().take(keep).collect();
    let next_is_space = line.chars().nth(keep).is_some_and(char::is_whitespace);
    let words = match cut.rfind(' ') {
        Some(at) if !next_is_space && at > 0 => &cut[..at],
        _ => cut.as_str(),
    };
    format!("{}…", words.trim_end())
}

/// `text` escaped for HTML text and attribute values. Control characters other than line
/// breaks and TABs are dropped.
pub(crate) fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    push_html(&mut out, text);
    out
}

/// `text` escaped for HTML with its line breaks as `<br>`.
pub(crate) fn escape_html_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            out.push_str("<br>");
        }
        push_html(&mut out, line);
    }
    out
}

fn push_html(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
}

/// The first characters that make a spreadsheet read a cell as a formula (or, for TAB and
/// CR, that some spreadsheets strip before doing so).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// True when a spreadsheet would take `text` for a formula.
pub(crate) fn looks_like_formula(text: &str) -> bool {
    text.starts_with(FORMULA_STARTS)
}

/// A text for a spreadsheet cell that can never run as a formula: one that starts like a
/// formula gets a leading `'` (spreadsheet formula injection, OWASP "CSV injection").
/// [`unguard_cell`] takes it off again.
pub(crate) fn guard_cell(text: &str) -> String {
    if looks_like_formula(text) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// The inverse of [`guard_cell`]: a `'` followed by a formula start is taken off.
pub(crate) fn unguard_cell(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if looks_like_formula(rest) => rest,
        _ => text,
    }
}

/// One RFC 4180 CSV field: line ends as LF, guarded against formulas ([`guard_cell`]), and
/// quoted when it holds a comma, a quote, a line break or surrounding spaces.
pub(crate) fn csv_field(text: &str) -> String {
    let text = guard_cell(&text.replace("\r\n", "\n").replace('\r', "\n"));
    if text.contains([',', '"', '\n']) || text.starts_with(' ') || text.ends_with(' ') {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// One CSV record of `fields` ([`csv_field`]), comma-separated, ended by CRLF.
pub(crate) fn push_csv_record<S: AsRef<str>>(out: &mut String, fields: &[S]) {
    for (n, field) in fields.iter().enumerate() {
        if n > 0 {
            out.push(',');
        }
        out.push_str(&csv_field(field.as_ref()));
    }
    out.push_str("\r\n");
}

/// A size for people: "300 bytes", "720 KiB", "1.5 MiB", "64 MiB".
pub fn human_size(bytes: u64) -> String {
    const KIB: u64 = 1 << 10;
    const MIB: u64 = 1 << 20;
    if bytes >= MIB {
        let tenths = bytes.saturating_mul(10).saturating_add(MIB / 2) / MIB;
        if tenths.is_multiple_of(10) {
            format!("{} MiB", tenths / 10)
        } else {
            format!("{}.{} MiB", tenths / 10, tenths % 10)
        }
    } else if bytes >= KIB {
        format!("{} KiB", bytes.div_ceil(KIB))
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_for_people() {
        assert_eq!(human_size(300), "300 bytes");
        assert_eq!(human_size(720 * 1024 + 1), "721 KiB");
        assert_eq!(human_size(64 << 20), "64 MiB");
        assert_eq!(human_size(3 << 19), "1.5 MiB");
        assert_eq!(human_size(268_435_456), "256 MiB");
        let _ = human_size(u64::MAX);
    }

    #[test]
    fn shorten_cuts_at_a_word() {
        assert_eq!(shorten("TSB to  act\non it", 80), "TSB to act on it");
        assert_eq!(shorten("TSB to organise the meeting", 12), "TSB to…");
        assert_eq!(shorten("TSB to organise", 7), "TSB to…");
        assert_eq!(shorten("Telecommunication", 5), "Tele…");
        assert_eq!(shorten("", 5), "");
        assert_eq!(shorten("ab", 0), "…");
    }

    #[test]
    fn one_line_collapses_every_whitespace() {
        assert_eq!(one_line("  a\u{a0}b\n\tc  "), "a b c");
        assert_eq!(one_line(""), "");
    }

    #[test]
    fn html_escaping() {
        assert_eq!(
            escape_html("<a href='x'>\"&\"</a>\u{7}"),
            "&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;"
        );
        assert_eq!(escape_html_lines("a<\nb"), "a&lt;<br>b");
    }

    #[test]
    fn formula_cells_are_neutralised_and_restored() {
        let attack = "=cmd|' /C calc'!A0";
        assert_eq!(guard_cell(attack), "'=cmd|' /C calc'!A0");
        assert_eq!(unguard_cell(&guard_cell(attack)), attack);
        for start in ["+1", "-2", "@SUM(A1)", "\tx"] {
            assert!(guard_cell(start).starts_with('\''), "{start:?}");
        }
        assert_eq!(guard_cell("plain"), "plain");
        assert_eq!(unguard_cell("'quoted"), "'quoted");
    }

    #[test]
    fn csv_fields_quote_and_guard() {
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=1+1"), "'=1+1");
        assert_eq!(csv_field("-a,b"), "\"'-a,b\"");
        assert_eq!(csv_field("x\r\ny"), "\"x\ny\"");
        let mut out = String::new();
        push_csv_record(&mut out, &["a", "=b"]);
        assert_eq!(out, "a,'=b\r\n");
    }
}
