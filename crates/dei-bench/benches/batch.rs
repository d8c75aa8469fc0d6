//! The batch: many answers files of one checklist validated and scored on two threads, each
//! with a copy of one loaded `Library` and with the `dei` binary's allocator (as `dei benchmark`
//! does), against parsing the same files alone on two threads. Files are held in memory: this
//! measures the work, not the disk.
//!
//! `cargo bench -p dei-bench --bench batch`

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use dei_core::Library;
use dei_workload::{Format, Shape};

/// The allocator of the `dei` binary (see `crates/dei-cli/src/main.rs`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn batch(c: &mut Criterion) {
    let cases = [
        (dei_bench::builtin(2_000, Format::Yaml), "ngo-dei-2000"),
        (dei_bench::builtin(2_000, Format::Json), "ngo-dei-2000"),
        (
            dei_bench::synthetic(Shape::LARGE, 500, Format::Yaml),
            "large-500",
        ),
        (
            dei_bench::synthetic(Shape::LARGE, 500, Format::Json),
            "large-500",
        ),
    ];
    for (workload, name) in &cases {
        let format = workload.format;
        let mut group = c.benchmark_group(format!("batch_{}", format.extension()));
        group
            .sampling_mode(SamplingMode::Flat)
            .sample_size(10)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(4))
            .throughput(Throughput::Bytes(workload.bytes()));
        group.bench_function(format!("parse_only/{name}"), |b| {
            b.iter(|| {
                dei_bench::on_threads(
                    black_box(&workload.files),
                    dei_bench::THREADS,
                    || (),
                    |(), file| dei_bench::parse_file(file, format),
                )
            });
        });
        // The checklist is loaded once, as `dei benchmark` does before its workers start.
        let mut loaded = Library::with_resolver(dei_core::fs::FsResolver);
        if let Some(first) = workload.files.first() {
            dei_bench::check_and_score(&mut loaded, first);
        }
        group.bench_function(format!("validate_score/{name}"), |b| {
            b.iter(|| {
                dei_bench::on_threads(
                    black_box(&workload.files),
                    dei_bench::THREADS,
                    || loaded.clone(),
                    dei_bench::check_and_score,
                )
            });
        });
        group.finish();
    }
}

criterion_group!(benches, batch);
criterion_main!(benches);
