//! Reports: building the report model, rendering Markdown and rendering HTML, for `ngo-dei`
//! and synthetic checklists growing tenfold.
//!
//! `cargo bench -p dei-bench --bench report`

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use dei_core::score;
use dei_report::{Renderer, ReportInput, build};
use dei_workload::Format;

fn report(c: &mut Criterion) {
    let mut group = c.benchmark_group("report");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    let mut workloads = vec![dei_bench::builtin(1, Format::Yaml)];
    workloads.extend(
        dei_bench::GROWTH[..2]
            .iter()
            .map(|&shape| dei_bench::synthetic(shape, 1, Format::Yaml)),
    );
    let renderer = Renderer::builtin();
    for workload in &workloads {
        let answers = dei_bench::check(&workload.checklist, &workload.files[0]);
        let scorecard = score(&workload.checklist, &answers).expect("generated answers score");
        let input = ReportInput {
            checklist: &workload.checklist,
            scorecard: &scorecard,
            answers: Some(&answers),
            previous: &[],
            benchmark: None,
            language: None,
        };
        let model = build(&input).expect("the report builds");
        group.throughput(Throughput::Elements(workload.checklist.items().len() as u64));
        group.bench_function(format!("model/{}", workload.name), |b| {
            b.iter(|| build(black_box(&input)).is_ok());
        });
        group.bench_function(format!("markdown/{}", workload.name), |b| {
            b.iter(|| renderer.markdown(black_box(&model)).map(|text| text.len()));
        });
        group.bench_function(format!("html/{}", workload.name), |b| {
            b.iter(|| renderer.html(black_box(&model)).map(|text| text.len()));
        });
    }
    group.finish();
}

criterion_group!(benches, report);
criterion_main!(benches);
