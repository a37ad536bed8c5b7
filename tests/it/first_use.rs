//! First use (#14): what a new user sees. Each test runs the real binary and asserts the
//! message, the exit code and what was (or was not) written.
//!
//! A terminal is simulated with util-linux `script`, which runs the command on a pseudo-
//! terminal; without it those tests skip loudly (and fail under ACTPLAN_REQUIRE_COMPONENTS).

use crate::common;
use crate::common::scratch;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn actplan(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_actplan"))
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("run actplan")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).trim().to_string()
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
        .display()
        .to_string()
}

/// Runs `actplan ARGS` on a pseudo-terminal; None (after a loud skip) without `script`.
fn on_terminal(args: &str, dir: &Path) -> Option<(Option<i32>, String)> {
    let script = common::component("script")?;
    let command = format!("{} {args}", env!("CARGO_BIN_EXE_actplan"));
    let output = Command::new(script)
        .args(["-qec", &command, "/dev/null"])
        .current_dir(dir)
        .output()
        .expect("run script");
    let text = String::from_utf8_lossy(&output.stdout).replace("\r\n", "\n");
    Some((output.status.code(), text))
}

#[test]
fn success_says_what_was_written_unless_quiet() {
    let dir = scratch!("wrote");
    let a = fixture("action-plan-edition-a.docx");
    let out = actplan(&["convert", &a, "-o", "plan.json"], &dir);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stderr(&out),
        "actplan: wrote plan.json (58 resolutions, 407 items)"
    );
    assert!(out.stdout.is_empty());

    std::fs::remove_file(dir.join("plan.json")).expect("written");
    let out = actplan(&["convert", &a, "-o", "plan.json", "--quiet"], &dir);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stderr(&out), "", "--quiet: nothing on stderr");
    assert!(dir.join("plan.json").is_file());
}

#[test]
fn binary_output_is_never_written_to_a_terminal() {
    let dir = scratch!("binary-tty");
    let a = fixture("action-plan-edition-a.docx");
    let Some((code, text)) = on_terminal(&format!("convert {a} --to docx"), &dir) else {
        return;
    };
    assert_eq!(code, Some(2), "{text}");
    assert_eq!(
        text.trim(),
        "actplan: refusing to write a Word document to the terminal: use -o FILE"
    );
    assert!(!text.contains("PK"), "no zip bytes on the terminal");
}

#[test]
fn large_text_reaches_a_terminal_only_with_dash_o_dash() {
    let dir = scratch!("large-tty");
    let a = fixture("action-plan-edition-a.docx");
    let Some((code, text)) = on_terminal(&format!("convert {a}"), &dir) else {
        return;
    };
    assert_eq!(code, Some(2), "{text}");
    assert_eq!(
        text.trim(),
        "actplan: the output is 706 KiB of text: use -o FILE to write a file, or -o - to print it here"
    );
    let Some((code, text)) = on_terminal(&format!("convert {a} -o -"), &dir) else {
        return;
    };
    assert_eq!(code, Some(0));
    assert!(
        text.starts_with("{\n  \"schema_version\""),
        "{}",
        &text[..80]
    );
    assert!(text.contains("\"id\": \"01-01\""));
    // A short output needs no -o - (the schema is a few KiB).
    let Some((code, text)) = on_terminal("check --help", &dir) else {
        return;
    };
    assert_eq!(code, Some(0));
    assert!(text.contains("--min-level"));
}

#[test]
fn a_missing_output_folder_is_named_and_nothing_is_written() {
    let dir = scratch!("no-folder");
    let a = fixture("action-plan-edition-a.docx");
    let out = actplan(&["convert", &a, "-o", "nodir/out.json"], &dir);
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(
        stderr(&out),
        "actplan: nodir/out.json: cannot write: the folder nodir does not exist"
    );
    assert!(!dir.join("nodir").exists());
}

#[test]
fn an_unknown_resolution_is_an_error_like_an_unknown_owner() {
    let dir = scratch!("resolution");
    let a = fixture("action-plan-edition-a.docx");
    let out = actplan(&["items", &a, "--resolution", "999"], &dir);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).ends_with("--resolution 999: the edition has no Resolution 999"),
        "{}",
        stderr(&out)
    );
    assert!(out.stdout.is_empty());
    let out = actplan(&["items", &a, "--resolution", "54"], &dir);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("54-06"));
}

#[test]
fn reference_doc_errors_name_the_reference_document() {
    let dir = scratch!("reference");
    let a = fixture("action-plan-edition-a.docx");
    std::fs::write(dir.join("notes.pdf"), b"%PDF-1.7\n").expect("write");
    let out = actplan(
        &[
            "convert",
            &a,
            "-o",
            "out.docx",
            "--reference-doc",
            "notes.pdf",
        ],
        &dir,
    );
    assert_eq!(out.status.code(), Some(11));
    assert!(
        stderr(&out).starts_with("actplan: notes.pdf: reference document: "),
        "{}",
        stderr(&out)
    );
    assert!(!dir.join("out.docx").exists());
}

#[test]
fn suggestions_name_formats_the_subcommand_has() {
    let dir = scratch!("suggest");
    let a = fixture("action-plan-edition-a.docx");
    let out = actplan(&["import", &a, "x.xlsx", "-o", "next.xlsx"], &dir);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "actplan: next.xlsx: cannot infer the output format from .xlsx (use --to json|md|html|docx)"
    );
    let out = actplan(&["check", &a, "-o", "c.pdf"], &dir);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "actplan: c.pdf: cannot infer the output format from .pdf (use --to text|json)"
    );
    // check -o c.json writes JSON, as its extension says.
    let out = actplan(&["check", &a, "-o", "c.json"], &dir);
    assert_eq!(out.status.code(), Some(1), "the edition has one error");
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("c.json")).expect("written")).expect("JSON");
    assert_eq!(json["findings"][0]["code"], "matrix-without-section");
    assert_eq!(
        stderr(&out),
        "actplan: wrote c.json (1 error, 6 warnings, 38 infos)"
    );
}

#[test]
fn templates_dump_keeps_edited_templates_unless_forced() {
    let dir = scratch!("templates");
    let out = actplan(&["templates", "--dump", "t"], &dir);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("actplan: wrote t/report.html.j2"));
    let edited = dir.join("t/report.md.j2");
    let mut text = std::fs::read_to_string(&edited).expect("dumped");
    text.push_str("\n{# our edit #}\n");
    std::fs::write(&edited, &text).expect("edit");

    let out = actplan(&["templates", "--dump", "t"], &dir);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).ends_with(
            "t: not overwriting 1 file that differs from the built-in templates (use --force): t/report.md.j2"
        ),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read_to_string(&edited).expect("kept"), text);

    let out = actplan(&["templates", "--dump", "t", "--force"], &dir);
    assert_eq!(out.status.code(), Some(0));
    assert!(!std::fs::read_to_string(&edited)
        .expect("rewritten")
        .contains("our edit"));
}

/// A plan whose first item has a status paragraph that a spreadsheet would run as a formula.
fn plan_with_formula(dir: &Path, formula: &str) -> PathBuf {
    let a = fixture("action-plan-edition-a.docx");
    let out = actplan(&["convert", &a, "-o", "a.json", "--quiet"], dir);
    assert_eq!(out.status.code(), Some(0));
    let mut json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("a.json")).expect("a.json")).expect("JSON");
    json["resolutions"][0]["action_items"][0]["status"][0]["text"] = formula.into();
    let path = dir.join("hostile.json");
    std::fs::write(&path, serde_json::to_vec_pretty(&json).expect("JSON")).expect("write");
    path
}

#[test]
fn spreadsheet_formulas_are_neutralised_in_csv_and_read_back_unchanged() {
    let dir = scratch!("formula");
    let formula = "=cmd|' /C calc'!A0";
    plan_with_formula(&dir, formula);
    for args in [
        ["export", "hostile.json", "-o", "e.csv"],
        ["items", "hostile.json", "-o", "i.csv"],
    ] {
        let out = actplan(&args, &dir);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let csv = std::fs::read_to_string(dir.join(args[3])).expect("csv");
        assert!(csv.contains("'=cmd|' /C calc'!A0"), "{}: guarded", args[3]);
        let unguarded = csv.lines().any(|line| {
            line.split(',')
                .any(|cell| cell.trim_start_matches('"').starts_with("=cmd"))
        });
        assert!(!unguarded, "{}: no cell starts with =", args[3]);
    }
    // The import removes the guard: the edition comes back with the text as it was.
    let out = actplan(
        &["import", "hostile.json", "e.csv", "-o", "next.json"],
        &dir,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let next: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("next.json")).expect("next")).expect("JSON");
    assert_eq!(
        next["resolutions"][0]["action_items"][0]["status"][0]["text"],
        formula
    );
}

#[test]
fn import_sets_the_next_editions_cover() {
    let dir = scratch!("import-set");
    let a = fixture("action-plan-edition-a.docx");
    let out = actplan(&["export", &a, "-o", "s.xlsx", "--quiet"], &dir);
    assert_eq!(out.status.code(), Some(0));
    let out = actplan(
        &[
            "import",
            &a,
            "s.xlsx",
            "-o",
            "next.json",
            "--set",
            "td_number=TD 999/R",
        ],
        &dir,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let next: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("next.json")).expect("next")).expect("JSON");
    assert_eq!(next["cover"]["td_number"], "TD 999/R");
    let out = actplan(
        &[
            "import",
            &a,
            "s.xlsx",
            "-o",
            "n2.json",
            "--set",
            "colour=red",
        ],
        &dir,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("colour"), "{}", stderr(&out));
    assert!(!dir.join("n2.json").exists());
}

#[test]
fn an_id_excel_turned_into_a_date_is_named_as_such() {
    let dir = scratch!("excel-date");
    let a = fixture("action-plan-edition-a.docx");
    let out = actplan(&["export", &a, "-o", "s.csv", "--quiet"], &dir);
    assert_eq!(out.status.code(), Some(0));
    let csv = std::fs::read_to_string(dir.join("s.csv")).expect("csv");
    let csv = csv.replacen(",01-02,", ",2-Jan,", 1);
    std::fs::write(dir.join("s.csv"), csv).expect("write");
    let out = actplan(&["import", &a, "s.csv", "-o", "next.json"], &dir);
    assert_eq!(out.status.code(), Some(12));
    let message = stderr(&out);
    assert!(
        message.contains("unknown id \"2-Jan\": it looks like a date"),
        "{message}"
    );
    assert!(!dir.join("next.json").exists());
}
