//! Render benchmark: `cargo bench --bench render`.
//!
//! Renders edition A (read once, outside the measurement) to every report format with the
//! built-in templates: `render/Markdown`, `render/Html`, `render/Docx`. A format whose
//! renderer is not there yet (`render` returns an error) is reported and skipped. Target:
//! each under 50 ms on the project's 2-core machine.

use std::hint::black_box;
use std::time::Duration;

use actplan::render::{Format, RenderOptions};
use criterion::{BenchmarkId, Criterion};

const EDITION_A: &[u8] = include_bytes!("../fixtures/action-plan-edition-a.docx");

/// The formats measured, in report order.
const FORMATS: &[Format] = &[Format::Markdown, Format::Html, Format::Docx];

fn bench_render(c: &mut Criterion) {
    let plan = actplan::read_docx(EDITION_A, &actplan::ReadOptions::default())
        .expect("read edition A")
        .plan;
    let options = RenderOptions::default();
    let mut group = c.benchmark_group("render");
    group
        .sample_size(30)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    for &format in FORMATS {
        let name = format!("{format:?}");
        match actplan::render(&plan, format, &options) {
            Ok(bytes) => eprintln!("render/{name}: {} bytes", bytes.len()),
            Err(e) => {
                eprintln!("render/{name}: skipped ({e})");
                continue;
            }
        }
        group.bench_with_input(BenchmarkId::from_parameter(&name), &plan, |b, plan| {
            b.iter(|| actplan::render(black_box(plan), format, &options).expect("render"))
        });
    }
    group.finish();
}

fn main() {
    let mut criterion = Criterion::default().configure_from_args();
    bench_render(&mut criterion);
    criterion.final_summary();
}
