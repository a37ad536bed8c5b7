//! Milestones: the free text of an item's "Milestone" column ("TSAG2023", "Ongoing, 3 months
//! before Council", "Last TSAG before WTSA-24\nWTSA-24") read into structured due points,
//! the original text kept.
//!
//! A milestone is split into parts at line breaks, commas and semicolons; each part is one
//! due point:
//!
//! | shape | example | [`Due`] |
//! |---|---|---|
//! | ongoing | "Ongoing" | `ongoing` |
//! | recurring | "Annual", "Each TSAG meeting", "Council meetings" | `recurring` |
//! | a meeting | "TSAG2023", "TSAG 2023", "Council2023", "WTSA-24", "PP22", "Council" | `meeting` |
//! | a year or years | "2022", "2023/2024" | `year` |
//! | relative to a meeting | "One year before WTSA-24", "3 months before Council", "Before WTSA-24" | `relative` |
//! | the last meeting before another | "Last TSAG before WTSA-24" | `last_before` |
//! | the first meeting of a body | "First SG meeting" | `first` |
//!
//! A part that matches none of these is kept in [`Milestone::unparsed`].
//!
//! # Dates
//!
//! To tell whether an item is overdue each due point gets a representative date, chosen
//! late rather than early so that an item is not called overdue before it is:
//!
//! * meetings whose dates are known ([`MEETINGS`]): the last day of the meeting —
//!   WTSA-20 (held 1–9 March 2022) 2022-03-09, WTSA-24 (New Delhi, 15–24 October 2024)
//!   2024-10-24, PP-18 (Dubai) 2018-11-16, PP-22 (Bucharest, 26 September – 14 October 2022)
//!   2022-10-14, TSAG 2023 (30 May – 2 June 2023) 2023-06-02, TSAG 2024 (22–26 July 2024)
//!   2024-07-26, Council 2023 (11–21 July 2023) 2023-07-21, Council 2024 (4–14 June 2024)
//!   2024-06-14;
//! * any other meeting of a known year ("TSAG2022", "Council 2022", "PP-26"), a bare year
//!   ("2022") or a span of years ("2023/2024"): 31 December of the (last) year — TSAG and
//!   Council meet once or twice a year at varying times, so only the year's end is safe;
//! * "N months/years before|after" a meeting: that meeting's date moved by N months;
//!   "Before WTSA-24" (no offset): the meeting's date;
//! * "Last TSAG before WTSA-24": the date of WTSA-24 (the last TSAG meets before it);
//! * a meeting without a year ("Council"), "First SG meeting", "Ongoing" and recurring
//!   points: no date.
//!
//! An item is overdue on a date when it is not completed, no part of its milestone is
//! ongoing or recurring, every part is understood and dated, and the latest of those dates
//! is before that date ([`Milestone::is_overdue`]).

use regex::Regex;
use serde::Serialize;
use std::fmt;
use std::sync::OnceLock;

pub use super::date::Date;

/// The first day of the meeting on a TD cover ("Geneva, 30 May - 2 June 2023" → 2023-05-30,
/// "Geneva, 22-26 July 2024" → 2024-07-22), or `None` when no day, month and year are found.
pub fn meeting_start(text: &str) -> Option<Date> {
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let (month_at, month) = words
        .iter()
        .enumerate()
        .find_map(|(i, w)| month_number(w).map(|m| (i, m)))?;
    let day: u32 = words[..month_at]
        .iter()
        .find(|w| w.len() <= 2 && w.bytes().all(|b| b.is_ascii_digit()))?
        .parse()
        .ok()?;
    let year: i32 = words[month_at..]
        .iter()
        .find(|w| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))?
        .parse()
        .ok()?;
    Date::new(year, month, day)
}

fn month_number(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let lower = word.to_lowercase();
    if lower.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| *m == lower || (lower.len() == 3 && m.starts_with(&lower)))
        .map(|p| p as u32 + 1)
}

/// A body whose meetings milestones name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Body {
    /// The Telecommunication Standardization Advisory Group.
    #[serde(rename = "TSAG")]
    Tsag,
    /// The ITU Council.
    Council,
    /// The World Telecommunication Standardization Assembly.
    #[serde(rename = "WTSA")]
    Wtsa,
    /// The Plenipotentiary Conference.
    #[serde(rename = "PP")]
    Pp,
    /// The study groups.
    #[serde(rename = "SG")]
    StudyGroups,
}

impl Body {
    /// "TSAG", "Council", "WTSA", "PP", "SG".
    pub fn as_str(self) -> &'static str {
        match self {
            Body::Tsag => "TSAG",
            Body::Council => "Council",
            Body::Wtsa => "WTSA",
            Body::Pp => "PP",
            Body::StudyGroups => "SG",
        }
    }

    fn parse(word: &str) -> Option<Body> {
        match word.to_ascii_lowercase().as_str() {
            "tsag" => Some(Body::Tsag),
            "council" => Some(Body::Council),
            "wtsa" => Some(Body::Wtsa),
            "pp" => Some(Body::Pp),
            "sg" | "sgs" | "study group" | "study groups" => Some(Body::StudyGroups),
            _ => None,
        }
    }
}

/// A meeting: a body and, when the text gives it, the year ("WTSA-24" → 2024).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Meeting {
    /// The body.
    pub body: Body,
    /// The year, four digits.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
}

impl Meeting {
    /// The representative date (see the module documentation).
    pub fn date(self) -> Option<Date> {
        let year = self.year?;
        MEETINGS
            .iter()
            .find(|(body, y, _)| *body == self.body && *y == year)
            .and_then(|(_, _, iso)| Date::parse_iso(iso))
            .or(Some(Date::end_of_year(year)))
    }
}

impl fmt::Display for Meeting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.body, self.year) {
            (body @ (Body::Wtsa | Body::Pp), Some(year)) => {
                write!(f, "{}-{:02}", body.as_str(), year.rem_euclid(100))
            }
            (body, Some(year)) => write!(f, "{} {year}", body.as_str()),
            (body, None) => f.write_str(body.as_str()),
        }
    }
}

/// Meetings whose dates are known: body, the year in its name, its last day.
pub const MEETINGS: &[(Body, i32, &str)] = &[
    // WTSA-20 was postponed to 1–9 March 2022 (Geneva).
    (Body::Wtsa, 2020, "2022-03-09"),
    // WTSA-24, New Delhi, 15–24 October 2024.
    (Body::Wtsa, 2024, "2024-10-24"),
    // PP-18, Dubai, 29 October – 16 November 2018.
    (Body::Pp, 2018, "2018-11-16"),
    // PP-22, Bucharest, 26 September – 14 October 2022.
    (Body::Pp, 2022, "2022-10-14"),
    // TSAG, Geneva, 30 May – 2 June 2023 (the cover of edition A).
    (Body::Tsag, 2023, "2023-06-02"),
    // TSAG, Geneva, 22–26 July 2024.
    (Body::Tsag, 2024, "2024-07-26"),
    // Council 2023, Geneva, 11–21 July 2023.
    (Body::Council, 2023, "2023-07-21"),
    // Council 2024, Geneva, 4–14 June 2024.
    (Body::Council, 2024, "2024-06-14"),
];

/// Before or after.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// "before".
    Before,
    /// "after".
    After,
}

/// What one part of a milestone says.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Due {
    /// "Ongoing".
    Ongoing,
    /// "Annual" (no body), "Each TSAG meeting", "Council meetings".
    Recurring {
        /// The meeting it recurs with; none for "Annual".
        #[serde(skip_serializing_if = "Option::is_none")]
        body: Option<Body>,
    },
    /// "TSAG2023", "WTSA-24", "PP22", "Council".
    Meeting(Meeting),
    /// "2022" (first = last), "2023/2024".
    Year {
        /// The first year.
        first: i32,
        /// The last year.
        last: i32,
    },
    /// "One year before WTSA-24" (12 months), "Before WTSA-24" (0 months).
    Relative {
        /// The offset in months.
        months: u32,
        /// Before or after the meeting.
        direction: Direction,
        /// The meeting.
        event: Meeting,
    },
    /// "Last TSAG before WTSA-24".
    LastBefore {
        /// The body that meets ("TSAG").
        body: Body,
        /// The meeting it precedes.
        event: Meeting,
    },
    /// "First SG meeting".
    First {
        /// The body that meets.
        body: Body,
    },
}

impl Due {
    /// The representative date (see the module documentation).
    pub fn date(&self) -> Option<Date> {
        match self {
            Due::Ongoing | Due::Recurring { .. } | Due::First { .. } => None,
            Due::Meeting(meeting) => meeting.date(),
            Due::Year { last, .. } => Some(Date::end_of_year(*last)),
            Due::Relative {
                months,
                direction,
                event,
            } => {
                let months = *months as i32;
                let date = event.date()?;
                Some(match direction {
                    Direction::Before => date.add_months(-months),
                    Direction::After => date.add_months(months),
                })
            }
            Due::LastBefore { event, .. } => event.date(),
        }
    }

    /// Ongoing or recurring: never overdue.
    pub fn is_ongoing(&self) -> bool {
        matches!(self, Due::Ongoing | Due::Recurring { .. })
    }

    /// True when `self` falls in `year` (a meeting of that year, a span of years that
    /// includes it, a relative or last-before point dated in it).
    pub fn in_year(&self, year: i32) -> bool {
        match self {
            Due::Ongoing | Due::Recurring { .. } | Due::First { .. } => false,
            Due::Meeting(m) => m.year == Some(year),
            Due::Year { first, last } => (*first..=*last).contains(&year),
            Due::Relative { .. } | Due::LastBefore { .. } => {
                self.date().is_some_and(|d| d.year == year)
            }
        }
    }
}

impl fmt::Display for Due {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Due::Ongoing => f.write_str("ongoing"),
            Due::Recurring { body: None } => f.write_str("every year"),
            Due::Recurring { body: Some(b) } => write!(f, "every {} meeting", b.as_str()),
            Due::Meeting(m) => write!(f, "{m}"),
            Due::Year { first, last } if first == last => write!(f, "{first}"),
            Due::Year { first, last } => write!(f, "{first}/{last}"),
            Due::Relative {
                months,
                direction,
                event,
            } => {
                let direction = match direction {
                    Direction::Before => "before",
                    Direction::After => "after",
                };
                match months {
                    0 => write!(f, "{direction} {event}"),
                    m if m % 12 == 0 => {
                        let years = m / 12;
                        let unit = if years == 1 { "year" } else { "years" };
                        write!(f, "{years} {unit} {direction} {event}")
                    }
                    m => {
                        let unit = if *m == 1 { "month" } else { "months" };
                        write!(f, "{m} {unit} {direction} {event}")
                    }
                }
            }
            Due::LastBefore { body, event } => {
                write!(f, "last {} meeting before {event}", body.as_str())
            }
            Due::First { body } => write!(f, "first {} meeting", body.as_str()),
        }
    }
}

/// One understood part of a milestone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DuePoint {
    /// The part as written ("TSAG2023").
    pub text: String,
    /// What it says.
    #[serde(flatten)]
    pub due: Due,
    /// Its representative date, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
}

/// A milestone: its text, the parts understood and the parts not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Milestone {
    /// The original text.
    pub text: String,
    /// The understood parts, in order.
    pub points: Vec<DuePoint>,
    /// The parts not understood, as written.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unparsed: Vec<String>,
}

impl Milestone {
    /// Read a milestone text.
    pub fn parse(text: &str) -> Milestone {
        let mut points = Vec::new();
        let mut unparsed = Vec::new();
        for part in split_parts(text) {
            match parse_part(&part) {
                Some(due) => {
                    let date = due.date();
                    points.push(DuePoint {
                        text: part,
                        due,
                        date,
                    });
                }
                None => unparsed.push(part),
            }
        }
        Milestone {
            text: text.to_string(),
            points,
            unparsed,
        }
    }

    /// True when a part is ongoing or recurring.
    pub fn is_ongoing(&self) -> bool {
        self.points.iter().any(|p| p.due.is_ongoing())
    }

    /// The date the item is due: the latest date of its parts, when every part is understood
    /// and dated and none is ongoing or recurring; else `None`.
    pub fn due_date(&self) -> Option<Date> {
        if !self.unparsed.is_empty() || self.points.is_empty() || self.is_ongoing() {
            return None;
        }
        self.points
            .iter()
            .map(|p| p.date)
            .collect::<Option<Vec<Date>>>()?
            .into_iter()
            .max()
    }

    /// Overdue on `as_of` for an item that is (`completed`) or is not completed.
    pub fn is_overdue(&self, completed: bool, as_of: Date) -> bool {
        !completed && self.due_date().is_some_and(|due| due < as_of)
    }

    /// True when this milestone matches a filter: a year ("2023") matches every part that
    /// falls in that year; any other understood filter ("TSAG2023", "TSAG 2023", "WTSA-24",
    /// "ongoing") matches an equal part; a filter that is not understood matches when the
    /// milestone text contains it (case and spacing ignored).
    pub fn matches(&self, filter: &str) -> bool {
        let wanted = Milestone::parse(filter);
        if wanted.unparsed.is_empty() && !wanted.points.is_empty() {
            return wanted.points.iter().all(|w| match w.due {
                Due::Year { first, last } if first == last => {
                    self.points.iter().any(|p| p.due.in_year(first))
                }
                ref due => self.points.iter().any(|p| &p.due == due),
            });
        }
        let squash = |s: &str| -> String {
            s.split_whitespace()
                .collect::<String>()
                .to_lowercase()
                .replace(['\u{2010}', '\u{2011}', '\u{2013}'], "-")
        };
        let needle = squash(filter);
        !needle.is_empty() && squash(&self.text).contains(&needle)
    }
}

/// The parts of a milestone text: lines and comma- or semicolon-separated pieces, dashes
/// made ASCII, spaces collapsed, a final full stop dropped.
fn split_parts(text: &str) -> Vec<String> {
    text.split(['\n', ',', ';'])
        .map(|piece| {
            let piece: String = piece
                .chars()
                .map(|c| match c {
                    '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' => '-',
                    c if c.is_whitespace() => ' ',
                    c => c,
                })
                .collect();
            let piece = piece.split_whitespace().collect::<Vec<_>>().join(" ");
            piece.trim_end_matches('.').trim().to_string()
        })
        .filter(|p| !p.is_empty())
        .collect()
}

struct Patterns {
    ongoing: Regex,
    annual: Regex,
    each: Regex,
    meetings: Regex,
    meeting: Regex,
    years: Regex,
    relative: Regex,
    last_before: Regex,
    first: Regex,
}

/// A meeting reference: "TSAG2023", "the next WTSA", "WTSA-24", "PP 22", "Council".
const MEETING: &str = r"(?:the\s+)?(?:next\s+)?(TSAG|Council|WTSA|PP)(?:\s*-?\s*(\d{4}|\d{2}))?(?:\s+(?:meeting|session))?";

fn patterns() -> &'static Patterns {
    static PATTERNS: OnceLock<Patterns> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        let re = |pattern: &str| Regex::new(&format!("(?i)^{pattern}$")).expect("milestone");
        Patterns {
            ongoing: re(r"(?:on-?going|continuous|continuing)"),
            annual: re(r"(?:annual|annually|yearly|every\s+year|each\s+year)"),
            each: re(r"(?:each|every)\s+(TSAG|Council|SG|WTSA|study\s+group)\s+(?:meeting|session)s?"),
            meetings: re(r"(TSAG|Council|SG|study\s+group)\s+(?:meetings|sessions)"),
            meeting: re(MEETING),
            years: re(r"(\d{4})(?:\s*[/-]\s*(\d{4}|\d{2}))?"),
            relative: re(&format!(
                r"(?:(\d+|one|two|three|four|five|six|nine|twelve)\s+(months?|years?)\s+)?(before|prior\s+to|after)\s+{MEETING}"
            )),
            last_before: re(&format!(
                r"last\s+(TSAG|Council|SG|study\s+group)(?:\s+(?:meeting|session))?\s+(?:before|prior\s+to)\s+{MEETING}"
            )),
            first: re(r"first\s+(TSAG|Council|SG|study\s+group)(?:\s+(?:meeting|session))?"),
        }
    })
}

/// A two- or four-digit year as four digits ("24" → 2024).
fn full_year(digits: &str) -> Option<i32> {
    let n: i32 = digits.parse().ok()?;
    Some(if digits.len() == 2 { 2000 + n } else { n })
}

fn meeting_of(body: Option<regex::Match>, year: Option<regex::Match>) -> Option<Meeting> {
    Some(Meeting {
        body: Body::parse(body?.as_str())?,
        year: match year {
            Some(y) => Some(full_year(y.as_str())?),
            None => None,
        },
    })
}

fn number_word(word: &str) -> Option<u32> {
    Some(match word.to_ascii_lowercase().as_str() {
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "nine" => 9,
        "twelve" => 12,
        digits => digits.parse().ok()?,
    })
}

/// One part of a milestone, understood, or `None`.
fn parse_part(part: &str) -> Option<Due> {
    let p = patterns();
    let part = part.split_whitespace().collect::<Vec<_>>().join(" ");
    if p.ongoing.is_match(&part) {
        return Some(Due::Ongoing);
    }
    if p.annual.is_match(&part) {
        return Some(Due::Recurring { body: None });
    }
    if let Some(c) = p
        .each
        .captures(&part)
        .or_else(|| p.meetings.captures(&part))
    {
        return Some(Due::Recurring {
            body: Some(Body::parse(c.get(1)?.as_str())?),
        });
    }
    if let Some(c) = p.meeting.captures(&part) {
        return meeting_of(c.get(1), c.get(2)).map(Due::Meeting);
    }
    if let Some(c) = p.years.captures(&part) {
        let first = full_year(c.get(1)?.as_str())?;
        let last = match c.get(2) {
            Some(y) => {
                let y = y.as_str();
                if y.len() == 2 {
                    first - first.rem_euclid(100) + y.parse::<i32>().ok()?
                } else {
                    y.parse().ok()?
                }
            }
            None => first,
        };
        return (first <= last && last - first <= 10).then_some(Due::Year { first, last });
    }
    if let Some(c) = p.relative.captures(&part) {
        let count = match c.get(1) {
            Some(n) => number_word(n.as_str())?,
            None => 0,
        };
        let months = match c.get(2).map(|u| u.as_str().to_ascii_lowercase()) {
            Some(unit) if unit.starts_with("year") => count * 12,
            _ => count,
        };
        let direction = if c.get(3)?.as_str().eq_ignore_ascii_case("after") {
            Direction::After
        } else {
            Direction::Before
        };
        return Some(Due::Relative {
            months,
            direction,
            event: meeting_of(c.get(4), c.get(5))?,
        });
    }
    if let Some(c) = p.last_before.captures(&part) {
        return Some(Due::LastBefore {
            body: Body::parse(c.get(1)?.as_str())?,
            event: meeting_of(c.get(2), c.get(3))?,
        });
    }
    if let Some(c) = p.first.captures(&part) {
        return Some(Due::First {
            body: Body::parse(c.get(1)?.as_str())?,
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(iso: &str) -> Date {
        Date::parse_iso(iso).unwrap()
    }

    #[test]
    fn dates() {
        assert_eq!(date("2024-10-24").add_months(-12), date("2023-10-24"));
        assert_eq!(date("2024-10-24").add_months(-3), date("2024-07-24"));
        assert_eq!(date("2024-03-31").add_months(-1), date("2024-02-29"));
        assert_eq!(date("2024-11-30").add_months(2), date("2025-01-30"));
        assert_eq!(Date::from_days(0), date("1970-01-01"));
        assert_eq!(Date::from_days(19_723), date("2024-01-01"));
        assert!(Date::parse_iso("2023-02-29").is_none());
        assert!(Date::parse_iso("2024-13-01").is_none());
        assert!(Date::parse_iso("24-01-01").is_none());
        assert_eq!(date("2024-01-02").to_string(), "2024-01-02");
    }

    #[test]
    fn cover_meeting_dates() {
        let start = |t: &str| meeting_start(t).map(|d| d.to_string());
        assert_eq!(
            start("Geneva, 30 May - 2 June 2023").as_deref(),
            Some("2023-05-30")
        );
        assert_eq!(
            start("Geneva, 22-26 January 2024").as_deref(),
            Some("2024-01-22")
        );
        assert_eq!(
            start("Virtual, 28 Dec. 2023 – 3 Jan. 2024").as_deref(),
            Some("2023-12-28")
        );
        assert_eq!(start("Geneva"), None);
        assert_eq!(start("May 2023"), None);
    }

    #[test]
    fn unusual_shapes() {
        let due = |t: &str| parse_part(t);
        assert_eq!(
            due("3 months after WTSA-24").unwrap().date(),
            Some(date("2025-01-24"))
        );
        assert_eq!(
            due("the next WTSA"),
            Some(Due::Meeting(Meeting {
                body: Body::Wtsa,
                year: None
            }))
        );
        assert_eq!(
            due("2022-23"),
            Some(Due::Year {
                first: 2022,
                last: 2023
            })
        );
        assert_eq!(due("2024/2022"), None);
        assert_eq!(due("soon"), None);
        assert_eq!(due("TSAG 20234"), None);
        assert_eq!(
            due("Every TSAG meeting").unwrap().to_string(),
            "every TSAG meeting"
        );
    }

    #[test]
    fn overdue_rules() {
        let as_of = date("2024-07-22");
        let m = Milestone::parse;
        assert!(m("2023").is_overdue(false, as_of));
        assert!(!m("2023").is_overdue(true, as_of));
        assert!(!m("2024").is_overdue(false, as_of));
        assert!(!m("Ongoing, 2022").is_overdue(false, as_of));
        assert!(!m("Annual, Council 2023").is_overdue(false, as_of));
        assert!(!m("Council").is_overdue(false, as_of));
        assert!(!m("2022, sometime").is_overdue(false, as_of));
        assert!(!m("").is_overdue(false, as_of));
        assert!(m("Council 2023\nTSAG 2023").is_overdue(false, as_of));
        assert!(!m("Council 2023\nWTSA-24").is_overdue(false, as_of));
        assert!(m("3 months before WTSA-24").is_overdue(false, date("2024-07-25")));
        assert!(!m("3 months before WTSA-24").is_overdue(false, date("2024-07-24")));
    }

    #[test]
    fn filters() {
        let m = Milestone::parse("Council 2023,\nTSAG2023, Ongoing");
        assert!(m.matches("TSAG 2023"));
        assert!(m.matches("tsag2023"));
        assert!(m.matches("ongoing"));
        assert!(m.matches("2023"));
        assert!(!m.matches("2024"));
        assert!(!m.matches("WTSA-24"));
        assert!(Milestone::parse("2023/2024").matches("2024"));
        assert!(Milestone::parse("One year before WTSA-24").matches("2023"));
        assert!(Milestone::parse("Last TSAG before WTSA-24").matches("last tsag"));
    }
}
