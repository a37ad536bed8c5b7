//! Ingest benchmark: `cargo bench --bench ingest`.
//!
//! Groups (throughput is the inflated `word/document.xml` size, so criterion reports MiB/s):
//! * `floor`: unzip + inflate `word/document.xml` + tokenise with quick-xml, nothing else;
//! * `edition A`: `read_docx`, and `read_docx` + `json::to_json_string`;
//! * `edition A x20`: the same on a synthetic edition whose Section II is repeated 20 times.
//!
//! At the end it prints the linearity check: time per MiB of the x20 edition over edition A's
//! (must stay within 1.5×), read from criterion's own estimates.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, SamplingMode, Throughput};

mod common;

const EDITION_A: &[u8] = include_bytes!("../fixtures/action-plan-edition-a.docx");
const COPIES: usize = 20;
const LINEARITY_LIMIT: f64 = 1.5;

struct Input {
    name: &'static str,
    docx: Vec<u8>,
    xml_len: u64,
}

fn inputs() -> Vec<Input> {
    let large = common::make_large_edition(EDITION_A, COPIES);
    [("edition A", EDITION_A.to_vec()), ("edition A x20", large)]
        .into_iter()
        .map(|(name, docx)| {
            let xml_len = common::document_xml(&docx).len() as u64;
            Input {
                name,
                docx,
                xml_len,
            }
        })
        .collect()
}

fn read(docx: &[u8]) -> actplan::Ingested {
    actplan::read_docx(docx, &read_options()).expect("read_docx")
}

fn read_options() -> actplan::ReadOptions {
    actplan::ReadOptions::default()
}

fn bench_floor(c: &mut Criterion, inputs: &[Input]) {
    let mut group = c.benchmark_group("floor");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    for input in inputs {
        group.throughput(Throughput::Bytes(input.xml_len));
        group.bench_with_input(
            BenchmarkId::from_parameter(input.name),
            &input.docx,
            |b, d| b.iter(|| common::floor(black_box(d))),
        );
    }
    group.finish();
}

fn bench_reader(c: &mut Criterion, input: &Input, sample_size: usize, seconds: u64) {
    let mut group = c.benchmark_group(input.name);
    group
        // Flat: every sample runs the same number of iterations, so 10 samples of a
        // second-long iteration take ~10 s instead of the 55 iterations of linear sampling.
        .sampling_mode(SamplingMode::Flat)
        .sample_size(sample_size)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(seconds))
        .throughput(Throughput::Bytes(input.xml_len));
    group.bench_with_input("read_docx", &input.docx, |b, d| {
        b.iter(|| read(black_box(d)))
    });
    group.bench_with_input("read_docx + to_json", &input.docx, |b, d| {
        b.iter(|| actplan::model::json::to_json_string(&read(black_box(d)).plan))
    });
    group.finish();
}

/// Mean time per byte of one benchmark from criterion's `new/estimates.json`, if it ran.
fn ns_per_byte(group: &str, function: &str, xml_len: u64) -> Option<f64> {
    let dir = std::env::var_os("CRITERION_HOME")
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("CARGO_TARGET_DIR").map(|t| PathBuf::from(t).join("criterion"))
        })
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/criterion"));
    // criterion's make_filename_safe (0.5)
    let safe = |s: &str| s.replace(['?', '"', '/', '\\', '*', '<', '>', ':', '|', '^'], "_");
    let path = dir
        .join(safe(group))
        .join(safe(function))
        .join("new/estimates.json");
    let text = std::fs::read_to_string(path).ok()?;
    let json: serde_json::Value = serde_json::from_str(&text).ok()?;
    let mean_ns = json["mean"]["point_estimate"].as_f64()?;
    Some(mean_ns / xml_len as f64)
}

fn linearity_report(inputs: &[Input]) -> bool {
    const MIB: f64 = 1024.0 * 1024.0;
    let (a, large) = (&inputs[0], &inputs[1]);
    let mut ok = true;
    println!(
        "\nlinearity: time per MiB of document.xml, x{COPIES} over edition A (limit {LINEARITY_LIMIT}x for the reader):"
    );
    // (label, (group, function) for edition A, the same for the x20 edition)
    let rows = [
        ("floor", ("floor", a.name), ("floor", large.name)),
        (
            "read_docx",
            (a.name, "read_docx"),
            (large.name, "read_docx"),
        ),
        (
            "read_docx + to_json",
            (a.name, "read_docx + to_json"),
            (large.name, "read_docx + to_json"),
        ),
    ];
    for (label, (group_a, function_a), (group_large, function_large)) in rows {
        let (Some(small), Some(big)) = (
            ns_per_byte(group_a, function_a, a.xml_len),
            ns_per_byte(group_large, function_large, large.xml_len),
        ) else {
            println!("  {label}: not measured in this run");
            continue;
        };
        let ratio = big / small;
        let verdict = if label == "floor" {
            "(reference)"
        } else if ratio <= LINEARITY_LIMIT {
            "ok"
        } else {
            ok = false;
            "NOT LINEAR"
        };
        let ms_per_mib = |ns_per_byte: f64| ns_per_byte * MIB / 1e6;
        println!(
            "  {label}: edition A {:.2} ms/MiB ({:.1} MiB/s), x{COPIES} {:.2} ms/MiB ({:.1} MiB/s): ratio {ratio:.2} {verdict}",
            ms_per_mib(small),
            1e3 / ms_per_mib(small),
            ms_per_mib(big),
            1e3 / ms_per_mib(big),
        );
    }
    ok
}

fn main() {
    let inputs = inputs();
    let mut c = Criterion::default().configure_from_args();
    bench_floor(&mut c, &inputs);
    bench_reader(&mut c, &inputs[0], 20, 5);
    bench_reader(&mut c, &inputs[1], 10, 10);
    c.final_summary();
    // `--test` (one run each, as CI does) and `--list` measure nothing to compare.
    let measuring = !std::env::args().any(|a| a == "--test" || a == "--list");
    if measuring && !linearity_report(&inputs) {
        std::process::exit(1);
    }
}
