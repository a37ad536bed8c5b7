//! User templates: dumping the built-ins, overriding one without recompiling, and template
//! errors naming the template file and line (exit 10, nothing written).

use crate::common::assert_success;
use crate::common::{actplan_command as actplan, scratch};
use std::path::PathBuf;

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/action-plan-edition-a.docx")
}

#[test]
fn dumped_template_edited_replaces_the_built_in() {
    let dir = scratch!("dump");
    let out = actplan()
        .args(["templates", "--dump"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_success(&out);
    for name in ["report.md.j2", "report.html.j2"] {
        assert!(dir.join(name).is_file(), "{name} not dumped");
    }
    let template = dir.join("report.md.j2");
    let original = std::fs::read_to_string(&template).unwrap();
    std::fs::write(
        &template,
        format!("{original}\n\nPrepared for the 2024 TSAG meeting.\n"),
    )
    .unwrap();
    let target = dir.join("report.md");
    let out = actplan()
        .arg("convert")
        .arg(fixture())
        .arg("--template")
        .arg(&template)
        .arg("-o")
        .arg(&target)
        .output()
        .unwrap();
    assert_success(&out);
    let text = std::fs::read_to_string(&target).unwrap();
    assert!(text
        .trim_end()
        .ends_with("Prepared for the 2024 TSAG meeting."));
    assert!(
        text.contains("22-02"),
        "the rest of the report is still there"
    );
}

fn failing(template_text: &str, line: usize) {
    let dir = scratch!(&format!("error-{line}"));
    let template = dir.join("broken.md.j2");
    std::fs::write(&template, template_text).unwrap();
    let target = dir.join("report.md");
    let out = actplan()
        .arg("convert")
        .arg(fixture())
        .arg("--template")
        .arg(&template)
        .arg("-o")
        .arg(&target)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(10), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains(&format!("broken.md.j2:{line}")),
        "the error names the template file and line {line}: {stderr}"
    );
    assert!(!target.exists(), "nothing is written");
}

#[test]
fn a_syntax_error_names_the_template_and_line() {
    failing("# Report\n\n{% for r in %}\n{% endfor %}\n", 3);
}

#[test]
fn a_runtime_error_names_the_template_and_line() {
    failing("# Report\n{{ plan.no_such_field.title }}\n", 2);
}
