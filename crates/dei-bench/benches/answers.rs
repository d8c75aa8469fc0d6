//! One answers file: parsing it (parse-only baseline), parsing and checking it, and scoring it,
//! in YAML and JSON, for `ngo-dei` and synthetic checklists growing tenfold.
//!
//! `cargo bench -p dei-bench --bench answers`

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use dei_core::{Answers, score, score_figures};
use dei_workload::{Format, parse_only};

fn workloads(format: Format) -> Vec<dei_bench::Workload> {
    let mut workloads = vec![dei_bench::builtin(1, format)];
    workloads.extend(
        dei_bench::GROWTH
            .iter()
            .map(|&shape| dei_bench::synthetic(shape, 1, format)),
    );
    workloads
}

fn answers(c: &mut Criterion) {
    for format in [Format::Yaml, Format::Json] {
        let mut group = c.benchmark_group(format!("answers_{}", format.extension()));
        group
            .sample_size(20)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(2));
        for workload in workloads(format) {
            let file = &workload.files[0];
            group.throughput(Throughput::Bytes(workload.bytes()));
            group.bench_function(format!("parse_only/{}", workload.name), |b| {
                b.iter(|| parse_only(black_box(file.text()), format).is_ok());
            });
            group.bench_function(format!("parse_check/{}", workload.name), |b| {
                b.iter(|| Answers::from_source(black_box(file), &workload.checklist).is_ok());
            });
        }
        group.finish();
    }
}

fn scoring(c: &mut Criterion) {
    let mut group = c.benchmark_group("score");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    for workload in workloads(Format::Yaml) {
        let answers = dei_bench::check(&workload.checklist, &workload.files[0]);
        group.throughput(Throughput::Elements(workload.checklist.items().len() as u64));
        group.bench_function(workload.name.as_str(), |b| {
            b.iter(|| score(black_box(&workload.checklist), black_box(&answers)).is_ok());
        });
        // The figures only, as `dei benchmark` scores.
        group.bench_function(format!("figures/{}", workload.name), |b| {
            b.iter(|| score_figures(black_box(&workload.checklist), black_box(&answers)).is_ok());
        });
    }
    group.finish();
}

criterion_group!(benches, answers, scoring);
criterion_main!(benches);
