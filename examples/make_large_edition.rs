//! Write a synthetic large edition: edition A with its Section II body repeated N times.
//!
//! `cargo run --release --example make_large_edition -- OUT.docx [--copies N] [--from IN.docx]`
//! (defaults: 20 copies of `fixtures/action-plan-edition-a.docx`). Same code as the benchmark's.

#[path = "../benches/common/mod.rs"]
mod common;

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut out = None;
    let mut copies = 20usize;
    let mut from = String::from("fixtures/action-plan-edition-a.docx");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--copies" => match args.next().and_then(|n| n.parse().ok()) {
                Some(n) if n >= 1 => copies = n,
                _ => return usage("--copies needs a number >= 1"),
            },
            "--from" => match args.next() {
                Some(path) => from = path,
                None => return usage("--from needs a path"),
            },
            "-h" | "--help" => return usage(""),
            _ if out.is_none() && !arg.starts_with('-') => out = Some(arg),
            _ => return usage(&format!("unexpected argument {arg:?}")),
        }
    }
    let Some(out) = out else {
        return usage("missing OUT.docx");
    };
    let source = match std::fs::read(&from) {
        Ok(bytes) => bytes,
        Err(err) => {
            eprintln!("make_large_edition: cannot read {from}: {err}");
            return ExitCode::FAILURE;
        }
    };
    let large = common::make_large_edition(&source, copies);
    if let Err(err) = std::fs::write(&out, &large) {
        eprintln!("make_large_edition: cannot write {out}: {err}");
        return ExitCode::FAILURE;
    }
    println!(
        "{out}: {copies}x Section II, {} bytes zipped, {} bytes word/document.xml",
        large.len(),
        common::document_xml(&large).len()
    );
    ExitCode::SUCCESS
}

fn usage(problem: &str) -> ExitCode {
    if !problem.is_empty() {
        eprintln!("make_large_edition: {problem}");
    }
    eprintln!("usage: make_large_edition OUT.docx [--copies N] [--from IN.docx]");
    if problem.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    }
}
