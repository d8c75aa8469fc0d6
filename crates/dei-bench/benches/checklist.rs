//! Loading and validating a checklist definition, against parsing its YAML alone.
//!
//! `cargo bench -p dei-bench --bench checklist`

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use dei_core::{Checklist, Source};
use dei_workload::{Format, checklist_yaml, parse_only};

fn load(c: &mut Criterion) {
    let mut group = c.benchmark_group("checklist");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    let mut cases: Vec<(String, String)> = vec![(
        "ngo-dei".to_owned(),
        dei_core::library::builtin_text("ngo-dei")
            .unwrap_or_default()
            .to_owned(),
    )];
    for shape in dei_bench::GROWTH {
        cases.push((
            format!("{}-items", shape.sections * shape.items),
            checklist_yaml(dei_bench::SEED, shape),
        ));
    }
    for (name, text) in &cases {
        let source = Source::new(format!("{name}.yaml"), text.clone());
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(format!("parse_only/{name}"), |b| {
            b.iter(|| parse_only(black_box(text), Format::Yaml).is_ok());
        });
        group.bench_function(format!("load_validate/{name}"), |b| {
            b.iter(|| Checklist::from_source(black_box(&source)).is_ok());
        });
    }
    group.finish();
}

criterion_group!(benches, load);
criterion_main!(benches);
