//! `dei report` and `dei compare`: the report of one period, and progress across periods
//! (SPEC sections 9 and 10).
//!
//! Decisions:
//! - Every input file is loaded before anything is rendered, and every problem in every file
//!   is listed (exit 1), not only the first.
//! - `--previous` files are ordered by period (numbers inside period names compare as numbers);
//!   the current answers always come last. `compare` orders all its files the same way; files
//!   of equal periods keep the order given.
//! - All files must be on the same checklist id (versions may differ); a benchmark must be on
//!   the same checklist id. Otherwise: an `incompatible` error naming the file.
//! - The texts of a comparison come from the checklist of the latest period.
//! - `--format json` ignores `--template` and `--lang`: JSON has no words to translate.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use dei_core::benchmark::Benchmark;
use dei_core::progress::{compare, natural_cmp};
use dei_core::{Answers, Checklist, Diagnostics, Library, Scorecard, read_source, score};
use dei_report::{Renderer, ReportInput, build, compare_report, progress_json, report_json};

use crate::cli::{CompareFormat, ReportFormat};
use crate::output::{Failure, write_output};

/// What `dei report` was asked to do.
pub struct ReportOptions<'a> {
    /// The answers file of the period to report on.
    pub answers: &'a Path,
    /// Answers files of earlier periods.
    pub previous: &'a [PathBuf],
    /// A benchmark file.
    pub benchmark: Option<&'a Path>,
    /// md, html or json.
    pub format: ReportFormat,
    /// en or nl; `None` for the checklist's default language.
    pub language: Option<&'a str>,
    /// A folder of the organisation's own templates.
    pub template: Option<&'a Path>,
    /// Where to write; standard output when `None`.
    pub output: Option<&'a Path>,
}

/// What `dei compare` was asked to do.
pub struct CompareOptions<'a> {
    /// Two or more answers files.
    pub answers: &'a [PathBuf],
    /// md or json.
    pub format: CompareFormat,
    /// en or nl; `None` for the checklist's default language.
    pub language: Option<&'a str>,
    /// Where to write; standard output when `None`.
    pub output: Option<&'a Path>,
}

/// One answers file, checked and scored.
struct Period {
    name: String,
    checklist: Arc<Checklist>,
    answers: Answers,
    scorecard: Scorecard,
}

/// Loads and scores every file, collecting the problems of all of them.
fn load_all(library: &mut Library, paths: &[PathBuf]) -> Result<Vec<Period>, Diagnostics> {
    let mut periods = Vec::new();
    let mut problems = Diagnostics::default();
    for path in paths {
        let loaded = library.answers(path).and_then(|(checklist, answers)| {
            let scorecard = score(&checklist, &answers)?;
            Ok(Period {
                name: path.display().to_string(),
                checklist,
                answers,
                scorecard,
            })
        });
        match loaded {
            Ok(period) => periods.push(period),
            Err(found) => problems.0.extend(found.0),
        }
    }
    if problems.has_errors() {
        Err(problems)
    } else {
        Ok(periods)
    }
}

fn load_benchmark(path: &Path) -> Result<Benchmark, Diagnostics> {
    let source = read_source(path)?;
    source
        .parse::<Benchmark>()
        .map_err(|problem| Diagnostics(vec![problem]))
}

/// Runs `dei report`.
pub fn report(options: &ReportOptions<'_>) -> Result<ExitCode, Failure> {
    crate::words::choose(options.language, None);
    let mut library = Library::new();
    let mut inputs = vec![options.answers.to_path_buf()];
    inputs.extend(options.previous.iter().cloned());

    let mut problems = Diagnostics::default();
    let mut loaded = match load_all(&mut library, &inputs) {
        Ok(loaded) => loaded,
        Err(found) => {
            problems.0.extend(found.0);
            Vec::new()
        }
    };
    let benchmark = match options.benchmark.map(load_benchmark) {
        Some(Ok(benchmark)) => Some(benchmark),
        Some(Err(found)) => {
            problems.0.extend(found.0);
            None
        }
        None => None,
    };
    // A missing or unreadable template folder is reported with the input problems.
    let custom = match options.template.map(Renderer::from_folder) {
        Some(Ok(renderer)) => Some(renderer),
        Some(Err(found)) => {
            problems.0.extend(found.0);
            None
        }
        None => None,
    };
    if problems.has_errors() || loaded.is_empty() {
        return Err(Failure::Invalid(problems));
    }
    let current = loaded.remove(0);
    crate::words::choose(options.language, Some(current.checklist.default_language()));
    loaded.sort_by(|a, b| natural_cmp(&a.scorecard.period, &b.scorecard.period));
    let previous: Vec<(&str, &Scorecard)> = loaded
        .iter()
        .map(|period| (period.name.as_str(), &period.scorecard))
        .collect();
    let benchmark_name = options
        .benchmark
        .map(|path| path.display().to_string())
        .unwrap_or_default();
    let input = ReportInput {
        checklist: &current.checklist,
        scorecard: &current.scorecard,
        answers: Some(&current.answers),
        previous: &previous,
        benchmark: benchmark
            .as_ref()
            .map(|benchmark| (benchmark_name.as_str(), benchmark)),
        language: options.language,
    };
    let renderer = custom.as_ref().unwrap_or_else(|| Renderer::builtin());
    let text = match options.format {
        ReportFormat::Json => report_json(&input)?,
        ReportFormat::Md => renderer.markdown(&build(&input)?)?,
        ReportFormat::Html => renderer.html(&build(&input)?)?,
    };
    if let Some(path) = options.benchmark {
        inputs.push(path.to_path_buf());
    }
    write_output(options.output, text.as_bytes(), &inputs)?;
    Ok(ExitCode::SUCCESS)
}

/// Runs `dei compare`.
pub fn compare_command(options: &CompareOptions<'_>) -> Result<ExitCode, Failure> {
    crate::words::choose(options.language, None);
    let mut library = Library::new();
    let mut periods = load_all(&mut library, options.answers)?;
    periods.sort_by(|a, b| natural_cmp(&a.scorecard.period, &b.scorecard.period));
    let named: Vec<(&str, &Scorecard)> = periods
        .iter()
        .map(|period| (period.name.as_str(), &period.scorecard))
        .collect();
    let Some(latest) = periods.last() else {
        return Err(Failure::Invalid(Diagnostics::default()));
    };
    let progress = compare(&named, &latest.checklist)?;
    let text = match options.format {
        CompareFormat::Json => progress_json(&progress),
        CompareFormat::Md => Renderer::builtin().compare_markdown(&compare_report(
            &latest.checklist,
            &progress,
            options.language,
        ))?,
    };
    write_output(options.output, text.as_bytes(), options.answers)?;
    Ok(ExitCode::SUCCESS)
}
