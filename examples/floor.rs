//! The floor of any .docx reader: open the zip, inflate `word/document.xml`, tokenise it with
//! quick-xml (count events), nothing else. Used by `scripts/compare-readers.sh`.
//!
//! `cargo run --release --example floor -- IN.docx`

#[path = "../benches/common/mod.rs"]
mod common;

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: floor IN.docx");
        return ExitCode::from(2);
    };
    let docx = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(err) => {
            eprintln!("floor: cannot read {path}: {err}");
            return ExitCode::FAILURE;
        }
    };
    let xml = common::document_xml(&docx);
    let events = common::count_events(&xml);
    println!(
        "{path}: {} bytes word/document.xml, {events} XML events",
        xml.len()
    );
    ExitCode::SUCCESS
}
