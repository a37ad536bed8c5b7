//! The command line on the shipped editions: conversion, stdin/stdout, JSON round trip,
//! schema output, atomic writes.

use crate::common::assert_success;
use crate::common::{actplan_command as actplan, fixture, scratch};
use std::process::Stdio;

#[test]
fn docx_to_json_then_json_to_json_is_byte_identical() {
    let dir = scratch!("roundtrip");
    for edition in ["action-plan-edition-a.docx", "action-plan-edition-b.docx"] {
        let first = dir.join(format!("{edition}.json"));
        let second = dir.join(format!("{edition}.again.json"));
        let out = actplan()
            .arg("convert")
            .arg(fixture(edition))
            .arg("-o")
            .arg(&first)
            .output()
            .unwrap();
        assert_success(&out);
        let out = actplan()
            .arg("convert")
            .arg(&first)
            .arg("-o")
            .arg(&second)
            .output()
            .unwrap();
        assert_success(&out);
        let a = std::fs::read(&first).unwrap();
        let b = std::fs::read(&second).unwrap();
        assert!(a == b, "{edition}: JSON → convert → JSON changed the bytes");
        let plan: serde_json::Value = serde_json::from_slice(&a).unwrap();
        assert_eq!(plan["schema_version"], 3);
        assert_eq!(plan["resolutions"].as_array().unwrap().len(), 58);
    }
}

#[test]
fn stdin_to_stdout_with_dash() {
    let bytes = std::fs::read(fixture("action-plan-edition-a.docx")).unwrap();
    let mut child = actplan()
        .args(["convert", "-", "--to", "json", "-o", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        use std::io::Write;
        stdin.write_all(&bytes).unwrap();
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert_success(&out);
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = &plan["resolutions"][0];
    assert_eq!(first["number"], "1");
    assert_eq!(first["action_items"][0]["id"], "01-01");
    assert_eq!(
        first["action_items"][0]["milestone"],
        "One year before WTSA-24"
    );
}

#[test]
fn same_input_gives_same_bytes() {
    let run = || {
        actplan()
            .arg("convert")
            .arg(fixture("action-plan-edition-b.docx"))
            .output()
            .unwrap()
            .stdout
    };
    let first = run();
    assert!(!first.is_empty());
    assert_eq!(first, run());
}

#[test]
fn schema_command_prints_the_published_schema() {
    let out = actplan().arg("schema").output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        include_str!("../../schema/actplan.schema.json")
    );
}

#[test]
fn unknown_output_extension_is_refused_and_nothing_written() {
    let dir = scratch!("ext");
    let target = dir.join("plan.xlsx");
    let out = actplan()
        .arg("convert")
        .arg(fixture("action-plan-edition-a.docx"))
        .arg("-o")
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("plan.xlsx"));
    assert!(!target.exists());
}

#[test]
fn help_shows_examples() {
    let out = actplan().args(["convert", "--help"]).output().unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    assert!(help.contains("actplan convert last-quarter.docx -o plan.json"));
    assert!(help.contains("--revisions"));
}

#[test]
fn report_errors_exit_non_zero_and_write_nothing() {
    let dir = scratch!("report-errors");
    let source = fixture("action-plan-edition-a.docx");
    let cases: [(&[&str], &str, i32, &str); 3] = [
        (
            &["--set", "colour=blue"],
            "out.docx",
            2,
            "unknown --set key \"colour\"",
        ),
        (
            &["--reference-doc", "/nonexistent/ref.docx"],
            "out.docx",
            11,
            "ref.docx",
        ),
        (
            &["--template", "/nonexistent/report.html.j2"],
            "out.html",
            10,
            "template not found",
        ),
    ];
    for (extra, name, code, needle) in cases {
        let target = dir.join(name);
        let out = actplan()
            .arg("convert")
            .arg(&source)
            .args(extra)
            .arg("-o")
            .arg(&target)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(code), "{extra:?}: {stderr}");
        assert!(stderr.contains(needle), "{extra:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(!target.exists(), "{extra:?} wrote {}", target.display());
    }
    // A reference document that is not a .docx.
    let bogus = dir.join("bogus.docx");
    std::fs::write(&bogus, b"not a zip").unwrap();
    let target = dir.join("out2.docx");
    let out = actplan()
        .arg("convert")
        .arg(&source)
        .arg("--reference-doc")
        .arg(&bogus)
        .arg("-o")
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(11),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("reference document"));
    assert!(!target.exists());
}

#[test]
fn docx_to_docx_report_reads_back() {
    let dir = scratch!("docx-report");
    let target = dir.join("TSAG-TD.docx");
    let out = actplan()
        .arg("convert")
        .arg(fixture("action-plan-edition-b.docx"))
        .args(["--set", "td_number=TD 412", "--no-layout"])
        .arg("-o")
        .arg(&target)
        .output()
        .unwrap();
    assert_success(&out);
    let out = actplan().arg("convert").arg(&target).output().unwrap();
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(plan["cover"]["td_number"], "TD 412");
    let items = plan["resolutions"][6]["action_items"].as_array().unwrap();
    assert!(items.len() > 20, "Resolution 22 has {} items", items.len());
}
