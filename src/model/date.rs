//! Dates and times: the calendar [`Date`] of milestones and as-of dates, UTC timestamps of
//! tracked changes and workbooks, and Excel serial dates. The one place that turns a count
//! of days into a calendar date.

use serde::{Serialize, Serializer};
use std::fmt;

/// A calendar date (proleptic Gregorian).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// The year.
    pub year: i32,
    /// 1–12.
    pub month: u32,
    /// 1–31.
    pub day: u32,
}

impl Date {
    /// A valid date, or `None`.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Date { year, month, day })
    }

    /// "2024-07-22" (ISO 8601 calendar date).
    pub fn parse_iso(text: &str) -> Option<Date> {
        let text = text.trim();
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let digits = |range: std::ops::Range<usize>| bytes[range].iter().all(u8::is_ascii_digit);
        if !(digits(0..4) && digits(5..7) && digits(8..10)) {
            return None;
        }
        Date::new(
            text[0..4].parse().ok()?,
            text[5..7].parse().ok()?,
            text[8..10].parse().ok()?,
        )
    }

    /// Today (UTC).
    pub fn today() -> Date {
        let seconds = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0);
        Date::from_days(seconds.div_euclid(86_400))
    }

    /// The date `days` days after 1970-01-01.
    /// Days beyond about eight million years either way are clamped.
    pub fn from_days(days: i64) -> Date {
        // Howard Hinnant's civil_from_days.
        let z = days.clamp(-3_000_000_000, 3_000_000_000) + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// 31 December of `year`.
    pub fn end_of_year(year: i32) -> Date {
        Date {
            year,
            month: 12,
            day: 31,
        }
    }

    /// This date moved by `months` (negative: earlier), the day clamped to the month's end.
    pub fn add_months(self, months: i32) -> Date {
        let index = self.year * 12 + (self.month as i32 - 1) + months;
        let year = index.div_euclid(12);
        let month = index.rem_euclid(12) as u32 + 1;
        Date {
            year,
            month,
            day: self.day.min(days_in_month(year, month)),
        }
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Seconds since 1970-01-01T00:00:00Z as "YYYY-MM-DDTHH:MM:SSZ" (ISO 8601, UTC).
pub fn iso_utc(seconds: i64) -> String {
    let rest = seconds.rem_euclid(86_400);
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        Date::from_days(seconds.div_euclid(86_400)),
        rest / 3_600,
        rest % 3_600 / 60,
        rest % 60
    )
}

/// An ISO 8601 date or UTC date-time as a full UTC date-time ("2024-01-22" →
/// "2024-01-22T00:00:00Z", "2024-01-22T09:30:00Z" unchanged), or `None`.
pub fn parse_timestamp(text: &str) -> Option<String> {
    let date = Date::parse_iso(text.get(..10)?)?;
    let time = &text[10..];
    if time.is_empty() {
        return Some(format!("{date}T00:00:00Z"));
    }
    let bytes = time.as_bytes();
    let digits = |at: usize| bytes[at].is_ascii_digit() && bytes[at + 1].is_ascii_digit();
    let valid = bytes.len() == 10
        && matches!(bytes[0], b'T' | b't')
        && digits(1)
        && bytes[3] == b':'
        && digits(4)
        && bytes[6] == b':'
        && digits(7)
        && matches!(bytes[9], b'Z' | b'z');
    valid.then(|| format!("{date}T{}Z", &time[1..9]))
}

/// An Excel serial date (days since 1899-12-30, or since 1904-01-01 in a 1904 workbook) as
/// "YYYY-MM-DD", with " HH:MM" when it has a time of day; `None` outside 0..3 000 000.
pub fn excel_serial(value: f64, is_1904: bool) -> Option<String> {
    if !value.is_finite() || !(0.0..3_000_000.0).contains(&value) {
        return None;
    }
    let mut days = value.floor() as i64 + if is_1904 { 1_462 } else { 0 };
    let mut minutes = ((value - value.floor()) * 1_440.0).round() as i64;
    if minutes == 1_440 {
        days += 1;
        minutes = 0;
    }
    // 1899-12-30 is day -25 569 of the Unix epoch.
    let date = Date::from_days(days - 25_569);
    Some(if minutes == 0 {
        date.to_string()
    } else {
        format!("{date} {:02}:{:02}", minutes / 60, minutes % 60)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_and_timestamps() {
        assert_eq!(Date::from_days(0).to_string(), "1970-01-01");
        assert_eq!(Date::from_days(19_744).to_string(), "2024-01-22");
        assert_eq!(Date::from_days(-1).to_string(), "1969-12-31");
        assert_eq!(iso_utc(1_700_000_000), "2023-11-14T22:13:20Z");
        assert_eq!(iso_utc(-1), "1969-12-31T23:59:59Z");
        // No overflow at the ends of i64.
        let _ = iso_utc(i64::MAX);
        let _ = iso_utc(i64::MIN);
    }

    #[test]
    fn timestamps_parse() {
        assert_eq!(
            parse_timestamp("2024-01-22").as_deref(),
            Some("2024-01-22T00:00:00Z")
        );
        assert_eq!(
            parse_timestamp("2024-01-22t09:30:00z").as_deref(),
            Some("2024-01-22T09:30:00Z")
        );
        for bad in [
            "2024-13-01",
            "2024-01-22T09:30",
            "22/01/2024",
            "2024-01-22 09:30:00Z",
            "",
        ] {
            assert_eq!(parse_timestamp(bad), None, "{bad}");
        }
    }

    #[test]
    fn excel_serials() {
        assert_eq!(excel_serial(45_313.0, false).as_deref(), Some("2024-01-22"));
        assert_eq!(
            excel_serial(45_313.5, false).as_deref(),
            Some("2024-01-22 12:00")
        );
        assert_eq!(
            excel_serial(45_313.9999999, false).as_deref(),
            Some("2024-01-23")
        );
        assert_eq!(excel_serial(43_851.0, true).as_deref(), Some("2024-01-22"));
        assert_eq!(excel_serial(f64::NAN, false), None);
    }
}
