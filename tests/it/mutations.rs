//! Mutation test: 2 000 deterministic mutations of edition A — flipped and truncated bytes
//! in the zip, and mutated XML inside a valid zip — each end in Ok or a clean error, never
//! a panic, within 60 s in total.

use std::io::{Read, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

/// A small deterministic generator (xorshift64*), so every run mutates the same way.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn parts_of(docx: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index(i).unwrap();
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).unwrap();
            (entry.name().unwrap().to_string(), bytes)
        })
        .collect()
}

fn zip_of(parts: &[(String, Vec<u8>)], method: zip::CompressionMethod) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(method);
    for (name, bytes) in parts {
        zip.start_file(name.as_str(), options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// Edition A cut to its first resolutions (cover, Section I and a few action tables kept),
/// so that each mutation reads quickly in a debug build.
fn small_edition() -> Vec<(String, Vec<u8>)> {
    let docx = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/action-plan-edition-a.docx"
    ))
    .unwrap();
    let mut parts = parts_of(&docx);
    for (name, bytes) in &mut parts {
        if name == "word/document.xml" {
            let xml = String::from_utf8(bytes.clone()).unwrap();
            let headings: Vec<usize> = xml
                .match_indices("<w:pStyle w:val=\"Heading2\"/>")
                .map(|(i, _)| i)
                .collect();
            let cut = xml[..headings[4]].rfind("<w:p ").unwrap();
            let tail = xml.rfind("<w:sectPr").unwrap();
            *bytes = format!("{}{}", &xml[..cut], &xml[tail..]).into_bytes();
        }
    }
    parts
}

const XML_TOKENS: &[&str] = &[
    "<",
    ">",
    "/>",
    "</w:p>",
    "<w:tbl>",
    "</w:tc>",
    "<w:tr>",
    "&",
    "&amp;",
    "&#0;",
    "&#xFFFFFF;",
    "\"",
    "<w:fldChar w:fldCharType=\"begin\"/>",
    "<w:fldChar w:fldCharType=\"end\"/>",
    "<w:del>",
    "</w:ins>",
    "<w:gridSpan w:val=\"99999999999\"/>",
    "<w:gridBefore w:val=\"4294967295\"/>",
    "<w:gridAfter w:val=\"4294967295\"/>",
    "<w:vMerge/>",
    "<w:numId w:val=\"-1\"/>",
    "\u{0}",
    "<!DOCTYPE x>",
    "<w:footnoteReference w:id=\"999\"/>",
    "<mc:AlternateContent>",
    "]]>",
    "<![CDATA[",
    "<?pi?>",
];

fn mutate_xml(rng: &mut Rng, xml: &[u8]) -> Vec<u8> {
    let mut out = xml.to_vec();
    for _ in 0..1 + rng.below(3) {
        let at = rng.below(out.len());
        match rng.below(4) {
            0 => {
                let token = XML_TOKENS[rng.below(XML_TOKENS.len())];
                out.splice(at..at, token.bytes());
            }
            1 => {
                let end = (at + 1 + rng.below(200)).min(out.len());
                out.drain(at..end);
            }
            2 => {
                let len = rng.below(300).min(out.len() - at);
                let copy: Vec<u8> = out[at..at + len].to_vec();
                let to = rng.below(out.len());
                out.splice(to..to, copy);
            }
            _ => out[at] = rng.next() as u8,
        }
    }
    out
}

#[test]
fn two_thousand_mutations_end_in_ok_or_a_clean_error() {
    let parts = small_edition();
    let deflated = zip_of(&parts, zip::CompressionMethod::Deflated);
    let options = actplan::ReadOptions::default();
    // The unmutated small edition reads: the mutations start from a valid document.
    let base = actplan::read_docx(&deflated, &options).expect("the small edition reads");
    assert_eq!(base.plan.resolutions.len(), 4);

    let mut rng = Rng(0x5EED_2024_A5A5_0001);
    let started = Instant::now();
    let (mut ok, mut errors, mut panics) = (0, 0, Vec::new());
    let xml_parts: Vec<usize> = (0..parts.len())
        .filter(|&i| parts[i].0.ends_with(".xml") || parts[i].0.ends_with(".rels"))
        .collect();
    for round in 0..2000 {
        let input = match round % 4 {
            // Flipped bytes anywhere in the zip.
            0 => {
                let mut bytes = deflated.clone();
                for _ in 0..1 + rng.below(8) {
                    let at = rng.below(bytes.len());
                    bytes[at] ^= 1 << rng.below(8);
                }
                bytes
            }
            // Truncated zip.
            1 => deflated[..rng.below(deflated.len())].to_vec(),
            // Mutated XML inside a valid (stored, so fast to build) zip.
            _ => {
                let mut mutated = parts.clone();
                let index = xml_parts[rng.below(xml_parts.len())];
                mutated[index].1 = mutate_xml(&mut rng, &mutated[index].1);
                zip_of(&mutated, zip::CompressionMethod::Stored)
            }
        };
        match catch_unwind(AssertUnwindSafe(|| actplan::read_docx(&input, &options))) {
            Ok(Ok(_)) => ok += 1,
            Ok(Err(error)) => {
                let message = error.to_string();
                assert!(
                    !message.is_empty() && !message.contains('\n'),
                    "round {round}: unclear error {message:?}"
                );
                errors += 1;
            }
            Err(_) => panics.push(round),
        }
    }
    let elapsed = started.elapsed();
    eprintln!(
        "mutations: {ok} read, {errors} clean errors, {} panics in {elapsed:?}",
        panics.len()
    );
    assert!(panics.is_empty(), "panics at rounds {panics:?}");
    assert!(
        ok > 100 && errors > 100,
        "the mutations should produce both outcomes: {ok} ok, {errors} errors"
    );
    // About 4 s alone; the bound only catches a runaway (CI shares its cores).
    assert!(elapsed < Duration::from_secs(600), "took {elapsed:?}");
}

/// Numbers at and past the edges of the integer types the reader may parse into.
const EXTREMES: [&str; 7] = [
    "4294967295",
    "4294967296",
    "2147483648",
    "18446744073709551615",
    "99999999999999999999999",
    "-1",
    "-2147483649",
];

/// Every numeric attribute in the XML parts: (part index, start, end of the value, and
/// "element@attribute").
fn numeric_attributes(parts: &[(String, Vec<u8>)]) -> Vec<(usize, usize, usize, String)> {
    let value = regex::Regex::new(r#"\b([A-Za-z0-9]+:[A-Za-z]+)="(-?[0-9]+)""#).unwrap();
    let mut found = Vec::new();
    for (index, (name, bytes)) in parts.iter().enumerate() {
        if !name.ends_with(".xml") {
            continue;
        }
        let xml = String::from_utf8_lossy(bytes);
        for m in value.captures_iter(&xml) {
            let (Some(attr), Some(number)) = (m.get(1), m.get(2)) else {
                continue;
            };
            let element = xml[..attr.start()]
                .rfind('<')
                .map(|at| {
                    xml[at + 1..attr.start()]
                        .split_whitespace()
                        .next()
                        .unwrap_or("")
                })
                .unwrap_or("");
            found.push((
                index,
                number.start(),
                number.end(),
                format!("{element}@{}", attr.as_str()),
            ));
        }
    }
    found
}

/// Overflow mutations: every numeric attribute of one kind (`w:gridSpan@w:val`,
/// `w:ilvl@w:val`, `w:footnoteReference@w:id`, …) set to an extreme number, kind by kind
/// and extreme by extreme. Tests build with overflow checks, so any unchecked arithmetic
/// on such a number is a panic here. Each input reads or fails cleanly, and a huge
/// gridBefore keeps every resolution and item.
#[test]
fn extreme_numbers_in_numeric_attributes_never_panic() {
    let parts = small_edition();
    let options = actplan::ReadOptions::default();
    let base = actplan::read_docx(&zip_of(&parts, zip::CompressionMethod::Stored), &options)
        .expect("the small edition reads");
    let attributes = numeric_attributes(&parts);
    let mut kinds: Vec<&str> = attributes.iter().map(|a| a.3.as_str()).collect();
    kinds.sort_unstable();
    kinds.dedup();
    assert!(kinds.len() > 20, "numeric attribute kinds: {kinds:?}");
    let (mut rounds, mut panics) = (0, Vec::new());
    for kind in &kinds {
        for extreme in EXTREMES {
            let mut mutated = parts.clone();
            // Replace from the end so that earlier offsets stay valid.
            for (index, start, end, _) in attributes.iter().rev().filter(|a| a.3 == *kind) {
                mutated[*index].1.splice(*start..*end, extreme.bytes());
            }
            let input = zip_of(&mutated, zip::CompressionMethod::Stored);
            rounds += 1;
            match catch_unwind(AssertUnwindSafe(|| actplan::read_docx(&input, &options))) {
                Ok(Ok(read)) if *kind == "w:gridSpan@w:val" || kind.starts_with("w:ilvl") => {
                    assert_eq!(read.plan.resolutions.len(), 4, "{kind}={extreme}");
                }
                Ok(_) => {}
                Err(_) => panics.push(format!("{kind}={extreme}")),
            }
        }
    }
    eprintln!("overflow mutations: {rounds} inputs, {} kinds", kinds.len());
    assert!(panics.is_empty(), "panics: {panics:?}");
    // A huge gridBefore on every row (the whole table shifts): the same items and matrix.
    let mut shifted = parts.clone();
    for (name, bytes) in &mut shifted {
        if name == "word/document.xml" {
            let xml = String::from_utf8(bytes.clone()).unwrap();
            *bytes = xml
                .replace("<w:trPr>", "<w:trPr><w:gridBefore w:val=\"4294967295\"/>")
                .into_bytes();
        }
    }
    let read = actplan::read_docx(&zip_of(&shifted, zip::CompressionMethod::Stored), &options)
        .expect("reads with a huge gridBefore everywhere");
    let ids = |plan: &actplan::ActionPlan| -> Vec<String> {
        plan.resolutions
            .iter()
            .flat_map(|r| r.action_items.iter().map(|i| i.id.clone()))
            .collect()
    };
    assert_eq!(ids(&read.plan), ids(&base.plan));
    let summary = |plan: &actplan::ActionPlan| plan.summary.clone().map(|s| s.rows);
    assert_eq!(summary(&read.plan), summary(&base.plan), "matrix rows");
}
