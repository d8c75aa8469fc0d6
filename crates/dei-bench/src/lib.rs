//! The whole-pipeline criterion benchmarks of dei (`benches/`: checklist, answers, report,
//! batch) and the workloads they share: generated once per run by `dei-workload`,
//! deterministic.
//!
//! A crate of its own so that no library crate dev-depends on `dei-report`, `dei-workload`,
//! criterion or mimalloc: `cargo test -p dei-core` builds none of them.
//! `cargo bench -p dei-bench` runs every benchmark; BENCHMARKS.md has the figures.

use std::path::PathBuf;
use std::sync::Arc;

use dei_core::{Answers, Checklist, Library, Source, score_figures};
use dei_workload::{Format, Shape, answers_text, checklist_yaml, parse_only};

/// The seed of every benchmark workload.
pub const SEED: u64 = 1;

/// Two cores: the machine the targets are set for.
pub const THREADS: usize = 2;

/// Sizes for growth: items and rules grow tenfold from the first to the second; items fivefold
/// and rules tenfold from the second to the third. (A checklist of 10,000 items is over the
/// parser's budget of 250,000 YAML nodes per file, which dei keeps against YAML bombs.)
pub const GROWTH: [Shape; 3] = [
    Shape {
        sections: 5,
        items: 20,
        rules: 5,
    },
    Shape {
        sections: 20,
        items: 50,
        rules: 50,
    },
    Shape {
        sections: 50,
        items: 100,
        rules: 500,
    },
];

/// A checklist with answers files held in memory.
pub struct Workload {
    /// A short name for benchmark ids, such as `ngo-dei` or `1000-items`.
    pub name: String,
    /// The checklist's YAML text.
    pub checklist_text: String,
    /// The checked checklist.
    pub checklist: Arc<Checklist>,
    /// The answers files, named with the extension of their format.
    pub files: Vec<Source>,
    /// Their format.
    pub format: Format,
}

impl Workload {
    /// Total size of the answers files in bytes.
    pub fn bytes(&self) -> u64 {
        self.files.iter().map(|file| file.text().len() as u64).sum()
    }
}

/// A synthetic checklist of `shape` with `orgs` answers files. The checklist is also written to
/// a temporary folder, and the files name it by path, so `Library` resolves it like a real run.
///
/// # Panics
///
/// When the temporary folder cannot be written or the generated checklist is invalid: a
/// benchmark cannot run without its workload.
pub fn synthetic(shape: Shape, orgs: usize, format: Format) -> Workload {
    let text = checklist_yaml(SEED, shape);
    let folder = std::env::temp_dir().join(format!(
        "dei-bench-{}x{}x{}",
        shape.sections, shape.items, shape.rules
    ));
    let path: PathBuf = folder.join("checklist.yaml");
    std::fs::create_dir_all(&folder).expect("a temporary folder");
    std::fs::write(&path, &text).expect("the checklist in a temporary folder");
    let checklist = Checklist::from_source(&Source::new(path.display().to_string(), text.clone()))
        .expect("the synthetic checklist is valid");
    let reference = path.display().to_string();
    files(
        format!("{}-items", shape.sections * shape.items),
        text,
        checklist,
        &reference,
        orgs,
        format,
    )
}

/// The built-in `ngo-dei` checklist with `orgs` answers files.
///
/// # Panics
///
/// When `ngo-dei` is not built in or not valid, which the tests of dei-core rule out.
pub fn builtin(orgs: usize, format: Format) -> Workload {
    let text = dei_core::library::builtin_text("ngo-dei").expect("ngo-dei is built in");
    let checklist =
        Checklist::from_source(&Source::new("ngo-dei", text)).expect("ngo-dei is valid");
    files(
        "ngo-dei".to_owned(),
        text.to_owned(),
        checklist,
        "ngo-dei",
        orgs,
        format,
    )
}

fn files(
    name: String,
    checklist_text: String,
    checklist: Checklist,
    reference: &str,
    orgs: usize,
    format: Format,
) -> Workload {
    let files = (0..orgs)
        .map(|org| {
            Source::new(
                format!("org-{org:05}.{}", format.extension()),
                answers_text(&checklist, reference, SEED, org, format),
            )
        })
        .collect();
    Workload {
        name,
        checklist_text,
        checklist: Arc::new(checklist),
        files,
        format,
    }
}

/// Runs `work` over `files` on `threads` threads, each with its own state from `state` (as
/// `dei benchmark` gives each worker its own `Library`), and sums what it returns.
pub fn on_threads<S, F>(
    files: &[Source],
    threads: usize,
    state: impl Fn() -> S + Sync,
    work: F,
) -> f64
where
    F: Fn(&mut S, &Source) -> f64 + Sync,
{
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|worker| {
                let (state, work) = (&state, &work);
                scope.spawn(move || {
                    let mut state = state();
                    files
                        .iter()
                        .skip(worker)
                        .step_by(threads)
                        .map(|file| work(&mut state, file))
                        .sum::<f64>()
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().unwrap_or(f64::NAN))
            .sum()
    })
}

/// The baseline: parse a file into a generic value, nothing else.
pub fn parse_file(file: &Source, format: Format) -> f64 {
    match parse_only(file.text(), format) {
        Ok(value) => value.as_object().map_or(0, serde_json::Map::len) as f64,
        Err(_) => f64::NAN,
    }
}

/// The real work on one file, as `dei benchmark` does it: tell the file's kind, parse, check
/// against the checklist the file names (found through the worker's `Library`), score the
/// figures (`score_figures`).
pub fn check_and_score(library: &mut Library, file: &Source) -> f64 {
    if dei_core::library::file_kind(file).is_err() {
        return f64::NAN;
    }
    match library.answers_from_source(file, None) {
        Ok((checklist, answers)) => score_figures(&checklist, &answers)
            .map_or(f64::NAN, |figures| figures.overall().unwrap_or(0.0)),
        Err(_) => f64::NAN,
    }
}

/// Parses and checks one file against a known checklist, without the `Library`.
///
/// # Panics
///
/// When the file is not valid: generated answers always are.
pub fn check(checklist: &Checklist, file: &Source) -> Answers {
    Answers::from_source(file, checklist).expect("generated answers are valid")
}
