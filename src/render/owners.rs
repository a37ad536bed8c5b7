//! Who an action item is for: the groups its action text names ("SG17 to …", "TSBDir, in
//! collaboration with BDTDir, …"), as canonical owner names for the HTML report's owner
//! filter.
//!
//! Owners: `SGs` (all / ITU-T study groups), `SG2` … `SG21` (one study group, also from lists
//! such as "SGs 2, 3 and 12", "SGs11+17", "Study Group 3"), `TSAG`, `TSB` (also TSBDir, TSB
//! Director, a bare "Director"), `BDT` (BDTDir, Telecommunication Development Bureau),
//! `ITU-D`, `BR` (BRDir, Radiocommunication Bureau), `ITU-R`, `Council`, `Member States`,
//! `SecGen` (the Secretary-General).

use regex::Regex;
use std::sync::OnceLock;

/// Every owner name, in the order the report lists them.
pub fn all_owners() -> Vec<String> {
    let mut owners = vec!["SGs".to_string()];
    owners.extend((FIRST_SG..=LAST_SG).map(|n| format!("SG{n}")));
    owners.extend(
        [
            "TSAG",
            "TSB",
            "BDT",
            "ITU-D",
            "BR",
            "ITU-R",
            "Council",
            "Member States",
            "SecGen",
        ]
        .map(String::from),
    );
    owners
}

const FIRST_SG: u32 = 2;
const LAST_SG: u32 = 21;

/// The sort position of an owner name in [`all_owners`] (unknown names last).
fn rank(owner: &str) -> usize {
    if owner == "SGs" {
        return 0;
    }
    if let Some(n) = owner.strip_prefix("SG").and_then(|n| n.parse::<u32>().ok()) {
        return n as usize;
    }
    let fixed = [
        "TSAG",
        "TSB",
        "BDT",
        "ITU-D",
        "BR",
        "ITU-R",
        "Council",
        "Member States",
        "SecGen",
    ];
    fixed
        .iter()
        .position(|f| *f == owner)
        .map_or(usize::MAX, |p| 100 + p)
}

struct Patterns {
    /// "SG17", "SGs 2, 3 and 12", "Study Group 3", "study groups", "SGs".
    study_groups: Regex,
    /// A list of numbers after "SG"/"Study Group".
    number: Regex,
    /// The fixed names.
    named: Vec<(Regex, &'static str)>,
    /// "Director" on its own (the TSB Director in this document).
    director: Regex,
}

fn patterns() -> &'static Patterns {
    static PATTERNS: OnceLock<Patterns> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        let named = [
            (r"\bTSAG\b", "TSAG"),
            (r"\bTSB(?:\s*Dir(?:ector)?|DIR)?\b", "TSB"),
            (r"\bBDT(?:\s*Dir(?:ector)?|DIR)?\b", "BDT"),
            (r"(?i)\bTelecommunication\s+Development\s+Bureau\b", "BDT"),
            (r"\bITU-D\b", "ITU-D"),
            (r"\bBR(?:\s*Dir(?:ector)?|DIR)?\b", "BR"),
            (r"(?i)\bRadiocommunication\s+Bureau\b", "BR"),
            (r"\bITU-R\b", "ITU-R"),
            (r"\bCouncil\b", "Council"),
            (r"(?i)\bMember\s+States\b", "Member States"),
            (r"(?i)\bSecretary[\s-]*General\b|\bSec-?Gen\b", "SecGen"),
        ]
        .into_iter()
        .map(|(pattern, owner)| (Regex::new(pattern).expect("owner pattern"), owner))
        .collect();
        Patterns {
            study_groups: Regex::new(
                r"(?:\b(?i:study\s+groups?)|\bSGs?)(?:\s*(\d{1,2}(?:\s*(?:,|\band\b|&|\+|/)\s*\d{1,2})*))?\b",
            )
            .expect("study group pattern"),
            number: Regex::new(r"\d{1,2}").expect("number pattern"),
            named,
            director: Regex::new(r"\bDirector\b").expect("director pattern"),
        }
    })
}

/// The owners named in an action text, each once, in [`all_owners`] order.
pub fn owners(action: &str) -> Vec<String> {
    // Word writes U+2011 (non-breaking hyphen) and U+2010 in "ITU‑T", "ITU‑D".
    let text: String = action
        .chars()
        .map(|c| match c {
            '\u{2010}' | '\u{2011}' => '-',
            '\u{00A0}' => ' ',
            c => c,
        })
        .collect();
    let p = patterns();
    let mut found: Vec<String> = Vec::new();
    let mut add = |owner: String| {
        if !found.contains(&owner) {
            found.push(owner);
        }
    };
    for caps in p.study_groups.captures_iter(&text) {
        let whole = caps.get(0).map_or("", |m| m.as_str());
        match caps.get(1) {
            Some(list) => {
                let mut any = false;
                for n in p.number.find_iter(list.as_str()) {
                    if let Ok(n) = n.as_str().parse::<u32>() {
                        if (FIRST_SG..=LAST_SG).contains(&n) {
                            add(format!("SG{n}"));
                            any = true;
                        }
                    }
                }
                if !any && is_plural(whole) {
                    add("SGs".into());
                }
            }
            None if is_plural(whole) => add("SGs".into()),
            None => {}
        }
    }
    for (pattern, owner) in &p.named {
        if pattern.is_match(&text) {
            add((*owner).into());
        }
    }
    for m in p.director.find_iter(&text) {
        let before = text[..m.start()].trim_end();
        let after = text[m.end()..].trim_start();
        let qualified = ["TSB", "BDT", "BR", "Bureau"]
            .iter()
            .any(|q| before.ends_with(q))
            || after.starts_with("of ")
            || after.starts_with("General")
            || after.starts_with("-General");
        if !qualified {
            add("TSB".into());
        }
    }
    found.sort_by_key(|o| rank(o));
    found
}

/// "SGs", "study groups", "Study Groups" — not "SG" or "study group".
fn is_plural(matched: &str) -> bool {
    let word = matched
        .trim_end_matches(|c: char| c.is_ascii_digit() || c.is_whitespace() || ",&+/".contains(c))
        .trim_end();
    word.ends_with('s') || word.ends_with('S')
}

#[cfg(test)]
mod tests {
    use super::owners;

    fn check(action: &str, expected: &[&str]) {
        assert_eq!(owners(action), expected, "{action}");
    }

    #[test]
    fn single_groups() {
        check(
            "TSBDir to inform TSAG upon deleted Questions",
            &["TSAG", "TSB"],
        );
        check("TSB Counsellors to insert pointer", &["TSB"]);
        check("SG2 to continue to study", &["SG2"]);
        check("ITU-T SG17 needs to develop", &["SG17"]);
        check("ITU‑T Study Group 3 to consider", &["SG3"]);
        check(
            "TSBDir to report to Council annually (instructs TSB Dir)",
            &["TSB", "Council"],
        );
        check("Director to invite Council 2013", &["TSB", "Council"]);
    }

    #[test]
    fn study_group_lists() {
        check(
            "ITU-T SGs 2, 3 and 12 to continue the ongoing collaboration",
            &["SG2", "SG3", "SG12"],
        );
        check(
            "SGs 11 and 17 to draw up a list (instructs SGs11+17 4)",
            &["SG11", "SG17"],
        );
        check(
            "SG2, SG3, SG11 and SG17 to further study",
            &["SG2", "SG3", "SG11", "SG17"],
        );
        check(
            "SGs (SGs 3, 12, 17) to continue developing",
            &["SGs", "SG3", "SG12", "SG17"],
        );
        check("(instructs SG5 1)", &["SG5"]);
    }

    #[test]
    fn all_study_groups() {
        check("All ITU-T SGs to ensure that security", &["SGs"]);
        check("ITU-T study groups to submit their report", &["SGs"]);
        check(
            "Study Groups, especially SG5, to develop Recommendations",
            &["SGs", "SG5"],
        );
        check("SG11 is the lead study group in the area", &["SG11"]);
    }

    #[test]
    fn other_bureaux_and_bodies() {
        check(
            "TSBDir to work closely with BRDIR and BDTDir",
            &["TSB", "BDT", "BR"],
        );
        check(
            "TSBDir, in collaboration with BDT and BR Directors, to develop",
            &["TSB", "BDT", "BR"],
        );
        check("in cooperation with the Director of BDT", &["BDT"]);
        check(
            "TSBDir to bring this resolution to the attention of the Directors of the Radiocommunication Bureau and the Telecommunication Development Bureau",
            &["TSB", "BDT", "BR"],
        );
        check(
            "attention of the ITU Radiocommunication and Telecommunication Development Sectors",
            &[],
        );
        check("brought to ITU-D and ITU‑R", &["ITU-D", "ITU-R"]);
        check(
            "TSBDir to assist Member States in addressing",
            &["TSB", "Member States"],
        );
        check(
            "ITU Secretary General to report annually to Council (instructs Sec-Gen)",
            &["Council", "SecGen"],
        );
        check(
            "TSBDir to contribute to the report of the Secretary General",
            &["TSB", "SecGen"],
        );
    }

    #[test]
    fn no_false_friends() {
        check("Organizing in-depth tutorials on SGML", &[]);
        check("BRICS and TSBx", &[]);
    }
}
