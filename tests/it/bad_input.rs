//! The `actplan` binary on inputs it must refuse: each failure has its documented exit code,
//! exactly one line on stderr naming the input, and never an output file (nor a stray
//! temporary one); an existing output file is left as it was.

use crate::common;

use common::*;
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

const ACTPLAN: &str = env!("CARGO_BIN_EXE_actplan");

/// A fresh, empty folder under the system temporary folder; removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(label: &str) -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let path = std::env::temp_dir().join(format!(
            "actplan-bad-input-{label}-{}-{}-{nanos}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&path).expect("create temporary folder");
        TempDir(path)
    }

    fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }

    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, bytes).expect("write input file");
        path
    }

    /// The names of the files in the folder, sorted.
    fn entries(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(&self.0)
            .expect("list temporary folder")
            .map(|e| {
                e.expect("folder entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        names.sort();
        names
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn actplan(args: &[&str]) -> Output {
    Command::new(ACTPLAN)
        .args(args)
        .output()
        .expect("run the actplan binary")
}

fn text(path: &Path) -> &str {
    path.to_str().expect("UTF-8 temporary path")
}

/// Run `actplan convert INPUT -o OUT.json EXTRA…` in the input's folder and check the
/// failure contract: exit `code`, one stderr line "actplan: INPUT: …" containing every
/// `needles` entry (case-insensitive), nothing on stdout, no output or temporary file
/// created. Returns the stderr line.
fn assert_refused(
    dir: &TempDir,
    input: &Path,
    extra: &[&str],
    code: i32,
    needles: &[&str],
) -> String {
    let before = dir.entries();
    let output_path = dir.path("out.json");
    let mut args = vec!["convert", text(input), "-o", text(&output_path)];
    args.extend_from_slice(extra);
    let output = actplan(&args);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(
        output.status.code(),
        Some(code),
        "exit code for {}; stderr: {stderr}",
        input.display()
    );
    assert!(
        output.stdout.is_empty(),
        "stdout not empty: {:?}",
        String::from_utf8_lossy(&output.stdout)
    );
    assert_eq!(
        stderr.lines().count(),
        1,
        "exactly one stderr line, got: {stderr:?}"
    );
    assert!(
        stderr.ends_with('\n'),
        "stderr line ends with a newline: {stderr:?}"
    );
    let line = stderr.trim_end().to_string();
    eprintln!("{line}");
    let prefix = format!("actplan: {}: ", text(input));
    assert!(
        line.starts_with(&prefix),
        "stderr starts with {prefix:?}: {line:?}"
    );
    for needle in needles {
        assert!(
            line.to_lowercase().contains(&needle.to_lowercase()),
            "stderr mentions {needle:?}: {line:?}"
        );
    }
    assert!(!output_path.exists(), "no output file after a failure");
    assert_eq!(
        dir.entries(),
        before,
        "no file created (temporary or other) after a failure"
    );
    line
}

/// "… line L, column C: …" → (L, C).
fn line_and_column(message: &str) -> (u64, u64) {
    let at = message
        .find("line ")
        .unwrap_or_else(|| panic!("no line in {message:?}"));
    let rest = &message[at + 5..];
    let line: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let at = rest
        .find("column ")
        .unwrap_or_else(|| panic!("no column in {message:?}"));
    let column: String = rest[at + 7..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    (
        line.parse().expect("line number"),
        column.parse().expect("column number"),
    )
}

fn valid_docx() -> Vec<u8> {
    minimal_plan_docx(&simple_rows())
}

// ---------------------------------------------------------------------------------------
// Control: a valid input converts, so the failures below fail for their own reason.
// ---------------------------------------------------------------------------------------

#[test]
fn valid_docx_converts_and_the_json_reads_back() {
    let dir = TempDir::new("valid");
    let input = dir.write("plan.docx", &valid_docx());
    let out = dir.path("plan.json");
    let output = actplan(&["convert", text(&input), "-o", text(&out)]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stderr).trim(),
        format!("actplan: wrote {} (1 resolution, 1 item)", text(&out)),
        "no warning for a clean plan, only what was written"
    );
    assert_eq!(dir.entries(), ["plan.docx", "plan.json"]);
    let json = std::fs::read_to_string(&out).expect("output written");
    let plan =
        actplan::model::json::from_json_str(&json).expect("output is valid JSON of the schema");
    assert_eq!(plan.resolutions.len(), 1);
    assert_eq!(plan.resolutions[0].action_items[0].id, "01-01");
    // The JSON converts again (JSON → JSON) to the same bytes.
    let again = dir.path("again.json");
    let output = actplan(&["convert", text(&out), "-o", text(&again)]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(std::fs::read_to_string(&again).unwrap(), json);
}

#[test]
fn hand_written_zip_bomb_is_a_valid_zip() {
    // The helpers behind the zip bomb, checked on a small size with the zip crate itself
    // (which verifies the CRC once the entry is read to its end).
    assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    for len in [0u64, 1, 2, 257, 258, 259, 1000, 65_536, 100_003] {
        assert_eq!(
            crc32_of_zeros(len),
            crc32(&vec![0; len as usize]),
            "crc of {len} zeros"
        );
    }
    let docx = zip_bomb_docx(1_000_003);
    let mut archive = zip::ZipArchive::new(Cursor::new(docx)).expect("a zip");
    let mut entry = archive
        .by_name("word/document.xml")
        .expect("document entry");
    assert_eq!(entry.size(), 1_000_003);
    let mut data = Vec::new();
    entry
        .read_to_end(&mut data)
        .expect("inflates with a good CRC");
    assert_eq!(data.len(), 1_000_003);
    assert!(data.iter().all(|&b| b == 0));
}

// ---------------------------------------------------------------------------------------
// Exit 4: not a Word .docx.
// ---------------------------------------------------------------------------------------

fn ole2(extra: &[u8]) -> Vec<u8> {
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.resize(512, 0);
    bytes.extend_from_slice(extra);
    bytes.resize(bytes.len() + 1024, 0);
    bytes
}

#[test]
fn legacy_doc_is_refused_with_exit_4() {
    let dir = TempDir::new("legacy");
    let input = dir.write("minutes.doc", &ole2(&[]));
    assert_refused(&dir, &input, &[], 4, &[".doc"]);
    // Renamed to .docx, it is still recognised by its content.
    let input = dir.write("renamed.docx", &ole2(&[]));
    assert_refused(&dir, &input, &[], 4, &[".doc", "legacy"]);
}

#[test]
fn encrypted_package_is_refused_with_exit_4() {
    let dir = TempDir::new("encrypted");
    let name: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let input = dir.write("secret.docx", &ole2(&name));
    assert_refused(&dir, &input, &[], 4, &["encrypted"]);
}

#[test]
fn opendocument_text_is_refused_with_exit_4() {
    let dir = TempDir::new("odt");
    let odt = zip_parts(&[
        ("mimetype".into(), b"application/vnd.oasis.opendocument.text".to_vec()),
        (
            "META-INF/manifest.xml".into(),
            b"<?xml version=\"1.0\"?><manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\"/>".to_vec(),
        ),
        (
            "content.xml".into(),
            b"<?xml version=\"1.0\"?><office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\"/>".to_vec(),
        ),
    ]);
    let input = dir.write("plan.odt", &odt);
    assert_refused(&dir, &input, &[], 4, &["OpenDocument"]);
    let input = dir.write("renamed.docx", &odt);
    assert_refused(&dir, &input, &[], 4, &["OpenDocument"]);
}

#[test]
fn non_zip_files_are_refused_with_exit_4() {
    let dir = TempDir::new("not-zip");
    let input = dir.write(
        "notes.docx",
        b"These are meeting notes, typed as plain text.\n",
    );
    assert_refused(&dir, &input, &[], 4, &["not a zip"]);
    let input = dir.write(
        "scan.docx",
        b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<<>>\nendobj\n",
    );
    assert_refused(&dir, &input, &[], 4, &["not a zip", "PDF"]);
    let input = dir.write("empty.docx", b"");
    assert_refused(&dir, &input, &[], 4, &["empty"]);
}

// ---------------------------------------------------------------------------------------
// Exit 5: a corrupt package.
// ---------------------------------------------------------------------------------------

#[test]
fn truncated_zip_is_refused_with_exit_5() {
    let dir = TempDir::new("truncated");
    let docx = valid_docx();
    let input = dir.write("truncated.docx", &docx[..docx.len() / 2]);
    assert_refused(
        &dir,
        &input,
        &[],
        5,
        &["cut short or damaged", "was the download or copy complete?"],
    );
}

#[test]
fn zip_without_document_part_is_refused_with_exit_5() {
    let dir = TempDir::new("no-document");
    let docx = DocxBuilder::new()
        .document_body(&minimal_plan_body(&simple_rows()))
        .omit("word/document.xml")
        .build();
    let input = dir.write("hollow.docx", &docx);
    assert_refused(&dir, &input, &[], 5, &["word/document.xml"]);
}

// ---------------------------------------------------------------------------------------
// Exit 6: size limits.
// ---------------------------------------------------------------------------------------

const BOMB_SIZE: u64 = 300 << 20;

#[test]
fn zip_bomb_is_refused_with_exit_6_at_the_given_limit() {
    let dir = TempDir::new("bomb");
    let bomb = zip_bomb_docx(BOMB_SIZE);
    assert!(
        bomb.len() < 3_000_000,
        "the bomb file stays small: {} bytes",
        bomb.len()
    );
    let input = dir.write("bomb.docx", &bomb);
    assert_refused(
        &dir,
        &input,
        &["--max-part-bytes", "10MiB"],
        6,
        &["word/document.xml", "more than 10 MiB", "--max-part-bytes"],
    );
}

#[test]
fn zip_bomb_is_refused_with_exit_6_at_the_default_limit() {
    let dir = TempDir::new("bomb-default");
    let input = dir.write("bomb.docx", &zip_bomb_docx(BOMB_SIZE));
    let started = std::time::Instant::now();
    assert_refused(
        &dir,
        &input,
        &[],
        6,
        &["word/document.xml", "more than 64 MiB"],
    );
    eprintln!("default-limit zip bomb refused in {:?}", started.elapsed());
}

#[test]
fn total_size_limit_is_enforced_with_exit_6() {
    let dir = TempDir::new("total");
    let input = dir.write("bomb.docx", &zip_bomb_docx(20_000_000));
    assert_refused(
        &dir,
        &input,
        &["--max-part-bytes", "30000000", "--max-total-bytes", "5MiB"],
        6,
        &["more than 5 MiB in total", "--max-total-bytes"],
    );
}

#[test]
fn input_size_limit_is_enforced_with_exit_6() {
    let dir = TempDir::new("input-limit");
    let input = dir.write("plan.docx", &valid_docx());
    assert_refused(
        &dir,
        &input,
        &["--max-input-bytes", "100"],
        6,
        &["100 bytes"],
    );
}

// ---------------------------------------------------------------------------------------
// Exit 7: malformed or refused XML.
// ---------------------------------------------------------------------------------------

fn document_with(xml: &str) -> Vec<u8> {
    DocxBuilder::new().document_xml(xml).build()
}

#[test]
fn doctype_and_entities_are_refused_with_exit_7() {
    let dir = TempDir::new("doctype");
    // Line 2 to 5 hold the DOCTYPE ("billion laughs" style entities).
    let xml = format!(
        "{XML_DECL}<!DOCTYPE w:document [\n<!ENTITY lol \"lol\">\n<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n]>\n\
         <w:document xmlns:w=\"{W_NS}\"><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>"
    );
    let input = dir.write("doctype.docx", &document_with(&xml));
    let line = assert_refused(&dir, &input, &[], 7, &["word/document.xml", "DOCTYPE"]);
    let (l, _) = line_and_column(&line);
    assert!(
        (2..=5).contains(&l),
        "the line of the DOCTYPE (2-5): {line}"
    );

    // An external entity in the styles part: refused the same way, naming that part.
    let styles = format!(
        "{XML_DECL}<!DOCTYPE w:styles [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n<w:styles xmlns:w=\"{W_NS}\">&xxe;</w:styles>"
    );
    let docx = DocxBuilder::new()
        .styles_xml(&styles)
        .document_body(&minimal_plan_body(&simple_rows()))
        .build();
    let input = dir.write("xxe.docx", &docx);
    let line = assert_refused(&dir, &input, &[], 7, &["word/styles.xml", "DOCTYPE"]);
    assert_eq!(line_and_column(&line).0, 2, "{line}");

    // An entity reference with no DOCTYPE at all.
    let xml = format!(
        "{XML_DECL}<w:document xmlns:w=\"{W_NS}\"><w:body>\n<w:p><w:r><w:t>a&nbsp;b</w:t></w:r></w:p></w:body></w:document>"
    );
    let input = dir.write("entity.docx", &document_with(&xml));
    let line = assert_refused(&dir, &input, &[], 7, &["word/document.xml", "nbsp"]);
    assert_eq!(line_and_column(&line).0, 3, "{line}");
}

#[test]
fn malformed_xml_is_refused_with_exit_7_and_its_position() {
    let dir = TempDir::new("malformed");
    // Line 4: `</w:p>` (column 26) closes a paragraph whose run is still open.
    let xml = format!(
        "{XML_DECL}<w:document xmlns:w=\"{W_NS}\">\n<w:body>\n<w:p><w:r><w:t>text</w:t></w:p>\n</w:body></w:document>"
    );
    let input = dir.write("mismatch.docx", &document_with(&xml));
    let line = assert_refused(&dir, &input, &[], 7, &["word/document.xml"]);
    assert_eq!(line_and_column(&line), (4, 26), "{line}");

    // A part cut short in the middle of a tag.
    let xml = format!("{XML_DECL}<w:document xmlns:w=\"{W_NS}\">\n<w:body>\n<w:p><w:r><w:t");
    let input = dir.write("cut.docx", &document_with(&xml));
    let line = assert_refused(&dir, &input, &[], 7, &["word/document.xml"]);
    assert_eq!(line_and_column(&line).0, 4, "{line}");

    // Malformed relationships (a package part) are exit 7 as well.
    let mut parts = DocxBuilder::new()
        .document_body(&minimal_plan_body(&simple_rows()))
        .parts();
    for (name, bytes) in &mut parts {
        if name == "word/_rels/document.xml.rels" {
            *bytes = b"<Relationships>\n<Relationship Id=\"rId1\" Target=\"styles.xml\">\n</Relationships>".to_vec();
        }
    }
    let input = dir.write("rels.docx", &zip_parts(&parts));
    let line = assert_refused(&dir, &input, &[], 7, &["word/_rels/document.xml.rels"]);
    assert_eq!(line_and_column(&line).0, 3, "{line}");
}

// ---------------------------------------------------------------------------------------
// Exit 8: a Word document that is not an Action Plan.
// ---------------------------------------------------------------------------------------

#[test]
fn document_without_action_table_is_refused_with_exit_8() {
    let dir = TempDir::new("not-plan");
    let body = format!(
        "{}{}{}",
        heading2("Resolution 1 – Title"),
        para("Operative text, but no action table follows."),
        table(
            &[3000, 3000],
            &row(&[text_cell("Meeting"), text_cell("Date")])
        )
    );
    let docx = DocxBuilder::new()
        .styles(STANDARD_STYLES)
        .document_body(&body)
        .build();
    let input = dir.write("letter.docx", &docx);
    assert_refused(&dir, &input, &[], 8, &["no action plan"]);
}

// ---------------------------------------------------------------------------------------
// Exit 9: JSON input that cannot be used.
// ---------------------------------------------------------------------------------------

#[test]
fn malformed_json_is_refused_with_exit_9_and_its_position() {
    let dir = TempDir::new("json-syntax");
    let input = dir.write(
        "plan.json",
        b"{\n  \"schema_version\": 1,\n  \"resolutions\": [,]\n}\n",
    );
    let line = assert_refused(&dir, &input, &[], 9, &["malformed JSON"]);
    assert_eq!(line_and_column(&line), (3, 19), "{line}");
}

#[test]
fn unknown_schema_version_is_refused_with_exit_9() {
    let dir = TempDir::new("json-version");
    let input = dir.write(
        "plan.json",
        b"{\"schema_version\": 99, \"resolutions\": []}\n",
    );
    assert_refused(&dir, &input, &[], 9, &["schema_version 99"]);
}

#[test]
fn json_breaking_the_schema_is_refused_with_exit_9_and_its_path() {
    let dir = TempDir::new("json-schema");
    let cases: [(&str, &str); 3] = [
        (
            r#"{"schema_version": 1, "resolutions": [{"kind": "Resolution", "number": "1", "title": "T",
                "action_items": [{"id": "01-01", "action": "a", "milestone": "m",
                "periodic_goals_met": false, "completed": "yes"}]}]}"#,
            "resolutions[0].action_items[0].completed",
        ),
        (
            r#"{"schema_version": 1, "resolutions": [{"kind": "Resolution", "number": "1", "title": "T",
                "action_items": [], "colour": "blue"}]}"#,
            "resolutions[0]",
        ),
        (
            r#"{"schema_version": 1, "resolutions": [{"kind": "Resolution", "number": "1", "title": "T",
                "action_items": [{"id": "01-01", "action": "a", "milestone": "m",
                "periodic_goals_met": false, "completed": false,
                "status": [{"text": "ab", "list_level": null, "inlines": [{"text": "a", "bold": true}]}]}]}]}"#,
            "resolutions[0].action_items[0].status[0].inlines",
        ),
    ];
    for (json, path) in cases {
        let input = dir.write("plan.json", json.as_bytes());
        let line = assert_refused(&dir, &input, &[], 9, &["schema", path]);
        assert!(
            line.contains(&format!(" at {path}")),
            "path {path} in {line}"
        );
        std::fs::remove_file(&input).unwrap();
    }
}

// ---------------------------------------------------------------------------------------
// The output file.
// ---------------------------------------------------------------------------------------

#[test]
fn output_equal_to_input_is_refused_and_the_input_kept() {
    let dir = TempDir::new("same-file");
    let docx = valid_docx();
    let input = dir.write("plan.docx", &docx);
    let output = actplan(&["convert", text(&input), "--to", "json", "-o", text(&input)]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(3), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("actplan: "), "{stderr}");
    assert!(stderr.contains("overwrite the input"), "{stderr}");
    assert_eq!(std::fs::read(&input).unwrap(), docx, "input unchanged");
    assert_eq!(dir.entries(), ["plan.docx"]);

    // JSON in place, also spelled through another path to the same file.
    let json = "{\n  \"schema_version\": 1,\n  \"resolutions\": []\n}\n";
    let input = dir.write("plan.json", json.as_bytes());
    let other_spelling = dir.0.join(".").join("plan.json");
    for target in [input.clone(), other_spelling] {
        let output = actplan(&["convert", text(&input), "-o", text(&target)]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(3), "{stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains("overwrite the input"), "{stderr}");
        assert_eq!(
            std::fs::read_to_string(&input).unwrap(),
            json,
            "input unchanged"
        );
    }
    assert_eq!(dir.entries(), ["plan.docx", "plan.json"]);
}

#[test]
fn failure_leaves_an_existing_output_untouched() {
    let dir = TempDir::new("keep-output");
    let previous = b"{\"previous\": \"content\"}\n";
    let out = dir.write("out.json", previous);
    let cases: Vec<(&str, Vec<u8>, i32)> = vec![
        ("legacy.doc", ole2(&[]), 4),
        ("truncated.docx", valid_docx()[..200].to_vec(), 5),
        ("bomb.docx", zip_bomb_docx(20_000_000), 6),
        (
            "broken.docx",
            document_with("<w:document><w:body></w:document>"),
            7,
        ),
        (
            "letter.docx",
            DocxBuilder::new().document_body(&para("Dear all,")).build(),
            8,
        ),
        (
            "plan.json",
            b"{\"schema_version\": 1, \"resolutions\": 5}".to_vec(),
            9,
        ),
    ];
    for (name, bytes, code) in cases {
        let input = dir.write(name, &bytes);
        let output = actplan(&[
            "convert",
            text(&input),
            "-o",
            text(&out),
            "--max-part-bytes",
            "10000000",
        ]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(code), "{name}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{name}: {stderr}");
        assert!(
            stderr.starts_with(&format!("actplan: {}: ", text(&input))),
            "{stderr}"
        );
        assert_eq!(
            std::fs::read(&out).unwrap(),
            previous,
            "{name}: output untouched"
        );
        std::fs::remove_file(&input).unwrap();
        assert_eq!(
            dir.entries(),
            ["out.json"],
            "{name}: no temporary file left"
        );
    }
    // A success replaces it.
    let input = dir.write("plan.docx", &valid_docx());
    let output = actplan(&["convert", text(&input), "-o", text(&out)]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_ne!(std::fs::read(&out).unwrap(), previous);
    assert_eq!(dir.entries(), ["out.json", "plan.docx"]);
}
