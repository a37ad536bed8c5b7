//! The integration tests, as one test binary: each module was a test target of its own.
//! One binary links once (a debug test binary of this crate is 150–250 MB), so a cold
//! `cargo test` links one executable instead of twenty-two; `cargo test --test it MODULE::`
//! runs one module.

mod common;

mod bad_input;
mod check;
mod cli;
mod diff;
mod diff_precision;
mod diff_schema;
mod first_use;
mod fixture_content;
mod hostile_structure;
mod libreoffice;
mod mutations;
mod query;
mod reading_fidelity;
mod redline;
mod report_docx;
mod report_html;
mod report_markdown;
mod report_pagination;
mod robust_reading;
mod schema;
mod sheet;
mod templates;
