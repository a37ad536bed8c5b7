//! Diff benchmark: `cargo bench --bench diff`.
//!
//! Groups:
//! * `diff A→B`: the whole job on the two shipped editions from their .docx bytes (read both,
//!   compare, render) for each output format — the JSON one is the figure with a target
//!   (under 100 ms);
//! * `diff stages`: reading the two editions, comparing the two models, and rendering the
//!   report in each format on its own.

use std::hint::black_box;
use std::time::Duration;

use actplan::diff::{self, output, Report};
use actplan::ActionPlan;
use criterion::{criterion_group, criterion_main, Criterion};

const EDITION_A: &[u8] = include_bytes!("../fixtures/action-plan-edition-a.docx");
const EDITION_B: &[u8] = include_bytes!("../fixtures/action-plan-edition-b.docx");

fn read(bytes: &[u8]) -> ActionPlan {
    actplan::read_docx(bytes, &actplan::ReadOptions::default())
        .expect("read_docx")
        .plan
}

fn render(report: &Report, format: &str) -> String {
    match format {
        "json" => output::to_json(report),
        "text" => output::to_text(report, false),
        "md" => output::to_markdown(report),
        "html" => output::to_html(report),
        _ => unreachable!(),
    }
}

const FORMATS: [&str; 4] = ["json", "text", "md", "html"];

fn end_to_end(c: &mut Criterion) {
    let mut group = c.benchmark_group("diff A→B");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(6));
    for format in FORMATS {
        group.bench_function(format!("docx → {format}"), |b| {
            b.iter(|| {
                let old = read(black_box(EDITION_A));
                let new = read(black_box(EDITION_B));
                let report = diff::diff(&old, &new);
                black_box(render(&report, format))
            })
        });
    }
    group.finish();
}

fn stages(c: &mut Criterion) {
    let old = read(EDITION_A);
    let new = read(EDITION_B);
    let report = diff::diff(&old, &new);
    let mut group = c.benchmark_group("diff stages");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    group.bench_function("read both .docx", |b| {
        b.iter(|| (read(black_box(EDITION_A)), read(black_box(EDITION_B))))
    });
    group.bench_function("compare models", |b| {
        b.iter(|| diff::diff(black_box(&old), black_box(&new)))
    });
    group.bench_function("compare identical models", |b| {
        b.iter(|| diff::diff(black_box(&old), black_box(&old)))
    });
    for format in FORMATS {
        group.bench_function(format!("render {format}"), |b| {
            b.iter(|| render(black_box(&report), format))
        });
    }
    group.finish();
}

criterion_group!(benches, end_to_end, stages);
criterion_main!(benches);
