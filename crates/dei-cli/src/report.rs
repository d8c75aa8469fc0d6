//! `dei report` and `dei compare`: the report of one period, and progress across periods
//! (SPEC sections 9, 10 and 12).
//!
//! Decisions:
//! - Every input file is loaded before anything is rendered, and every problem in every file
//!   is listed (exit 1), not only the first; nothing is written then.
//! - The files must be one organisation's (`organisation.id`, else the normalised name:
//!   `other-organisation`), of distinct periods (`same-period`) whose order is known
//!   (`unknown-period-order`); each error names both files. They are put in period order
//!   whatever order they are given in. `report` refuses a `--previous` period that is not
//!   earlier than the current one (`previous-not-earlier`).
//! - Files on one checklist, on a tailoring and its base, or on tailorings of one base compare
//!   on what they share with the current (latest) definition: the items in both and the
//!   sections whose items and item weights are unchanged; the overall delta and the direction
//!   of the level only between files on the same definition. Other checklists: `incompatible`.
//! - A `--benchmark` file is checked before any figure of it is shown (schema version 2, its
//!   keys, `min_group` at least 5, quartiles in order); answers on a tailoring of the
//!   benchmark's checklist are placed on the sections they share with it unchanged, and get no
//!   overall band.
//! - The texts of a comparison come from the checklist of the latest period.
//! - `--format json` ignores `--template` and `--lang`: JSON has no words to translate.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use dei_core::benchmark::Benchmark;
use dei_core::fs::{FsResolver, read_source};
use dei_core::progress::{PeriodInput, compare_across, period_order, shared_view, unrelated};
use dei_core::{Answers, Checklist, Code, Diagnostic, Diagnostics, Library, Scorecard, score};
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
    /// Respondents' answers files of the same organisation and period.
    pub respondents: &'a [PathBuf],
    /// The smallest group of respondents shown.
    pub min_group: usize,
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
    dei_core::benchmark::load(&source)
}

/// The checklist a tailoring adapts, when it can be found by its id (a built-in checklist)
/// at the version the tailoring names.
pub fn base_checklist(library: &mut Library, checklist: &Checklist) -> Option<Arc<Checklist>> {
    let base = checklist.base()?;
    library
        .checklist(&base.id, None)
        .ok()
        .filter(|found| found.version() == base.version)
}

/// Checks that `current` and `previous` are one organisation's periods on related checklists,
/// each previous period earlier than the current one; returns the previous periods in period
/// order.
fn check_previous<'a>(
    current: &Period,
    previous: &'a [Period],
) -> Result<Vec<&'a Period>, Diagnostics> {
    let mut named: Vec<(&str, &Scorecard)> = vec![(current.name.as_str(), &current.scorecard)];
    named.extend(
        previous
            .iter()
            .map(|period| (period.name.as_str(), &period.scorecard)),
    );
    let (order, mut problems) = match period_order(&named) {
        Ok(order) => (order, Diagnostics::default()),
        Err(problems) => (Vec::new(), problems),
    };
    for period in previous {
        if dei_core::period::period_cmp(&period.scorecard.period, &current.scorecard.period)
            == Some(std::cmp::Ordering::Greater)
        {
            problems.push(
                Diagnostic::error(
                    Code::PreviousNotEarlier,
                    period.name.as_str(),
                    format!(
                        "this `--previous` file is of period `{}`, later than period `{}` of `{}`",
                        period.scorecard.period, current.scorecard.period, current.name
                    ),
                )
                .with_id("period")
                .with_hint("report on the latest period and give the earlier ones with --previous")
                .with_dutch(
                    format!(
                        "dit `--previous`-bestand is van periode `{}`, later dan periode `{}` van `{}`",
                        period.scorecard.period, current.scorecard.period, current.name
                    ),
                    Some("maak het rapport over de laatste periode en geef de eerdere met --previous".to_owned()),
                ),
            );
        }
        if let Some(problem) = unrelated(
            &period.name,
            &period.scorecard,
            &current.name,
            &current.scorecard,
        ) {
            problems.push(problem);
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    // Index 0 is the current file, the latest of all.
    Ok(order
        .into_iter()
        .filter_map(|index| index.checked_sub(1).and_then(|index| previous.get(index)))
        .collect())
}

/// Runs `dei report`.
pub fn report(options: &ReportOptions<'_>) -> Result<ExitCode, Failure> {
    crate::words::choose(options.language, None);
    let mut library = Library::with_resolver(FsResolver);
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
    let respondents = if options.respondents.is_empty() {
        Vec::new()
    } else {
        match crate::combine::read_all(&mut library, options.respondents) {
            Ok(files) => files,
            Err(found) => {
                problems.0.extend(found.0);
                Vec::new()
            }
        }
    };
    if problems.has_errors() || loaded.is_empty() {
        return Err(Failure::Invalid(problems));
    }
    let mut current = loaded.remove(0);
    crate::words::choose(options.language, Some(current.checklist.default_language()));
    if !respondents.is_empty() {
        set_beside_respondents(&mut current, options, &respondents)?;
    }
    let previous_periods = check_previous(&current, &loaded)?;
    // Earlier periods on another definition are compared on what they share with this one.
    let views: Vec<(&str, Scorecard)> = previous_periods
        .iter()
        .map(|period| {
            (
                period.name.as_str(),
                shared_view(&period.scorecard, &period.checklist, &current.checklist),
            )
        })
        .collect();
    let previous: Vec<(&str, &Scorecard)> =
        views.iter().map(|(name, view)| (*name, view)).collect();
    let benchmark = match benchmark {
        // Answers on a tailoring of the benchmark's checklist: only the sections they share.
        Some(benchmark)
            if current.scorecard.checklist.id != benchmark.checklist.id
                && benchmark.is_for(&current.scorecard.checklist) =>
        {
            let shared: Vec<String> = base_checklist(&mut library, &current.checklist)
                .map(|base| {
                    shared_view(&current.scorecard, &current.checklist, &base)
                        .sections
                        .into_iter()
                        .map(|section| section.id)
                        .collect()
                })
                .unwrap_or_default();
            let keep: Vec<&str> = shared.iter().map(String::as_str).collect();
            Some(benchmark.only_sections(&keep))
        }
        other => other,
    };
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
    let render = || -> Result<String, Failure> {
        Ok(match options.format {
            ReportFormat::Json => report_json(&input)?,
            ReportFormat::Md => renderer.markdown(&build(&input)?)?,
            ReportFormat::Html => renderer.html(&build(&input)?)?,
        })
    };
    // The organisation's own templates run under a bound in time and memory (`watchdog`).
    let text = if custom.is_some() {
        crate::watchdog::bounded(render)?
    } else {
        render()?
    };
    if let Some(path) = options.benchmark {
        inputs.push(path.to_path_buf());
    }
    inputs.extend(options.respondents.iter().cloned());
    write_output(options.output, text.as_bytes(), &inputs)?;
    Ok(ExitCode::SUCCESS)
}

/// Adds the respondents' view to the current scorecard (SPEC section 15), after checking that
/// every respondent's file is on the organisation, period and checklist of the answers.
fn set_beside_respondents(
    current: &mut Period,
    options: &ReportOptions<'_>,
    respondents: &[crate::combine::ReadFile],
) -> Result<(), Failure> {
    let source = read_source(options.answers)?;
    let mut files = vec![dei_core::respondents::AnswersFile {
        source: &source,
        checklist: &current.checklist,
        answers: &current.answers,
    }];
    files.extend(respondents.iter().map(crate::combine::ReadFile::as_file));
    dei_core::respondents::check_together(&files, 1)?;
    let mut problems = Diagnostics::default();
    let mut scored = Vec::with_capacity(respondents.len());
    for file in respondents {
        match score(&file.checklist, &file.answers) {
            Ok(scorecard) => scored.push((&file.answers, scorecard)),
            Err(found) => problems.0.extend(found.0),
        }
    }
    if problems.has_errors() {
        return Err(Failure::Invalid(problems));
    }
    let pairs: Vec<(&Answers, &Scorecard)> = scored
        .iter()
        .map(|(answers, scorecard)| (*answers, scorecard))
        .collect();
    dei_core::respondents::compare(
        &current.checklist,
        &mut current.scorecard,
        &pairs,
        options.min_group,
    );
    Ok(())
}

/// Runs `dei compare`.
pub fn compare_command(options: &CompareOptions<'_>) -> Result<ExitCode, Failure> {
    crate::words::choose(options.language, None);
    let mut library = Library::with_resolver(FsResolver);
    let periods = load_all(&mut library, options.answers)?;
    if let Some(first) = periods.first() {
        crate::words::choose(options.language, Some(first.checklist.default_language()));
    }
    let inputs: Vec<PeriodInput<'_>> = periods
        .iter()
        .map(|period| PeriodInput {
            source: &period.name,
            scorecard: &period.scorecard,
            checklist: &period.checklist,
        })
        .collect();
    let progress = compare_across(&inputs)?;
    // The texts come from the definition of the latest period.
    let Some(latest) = periods.iter().find(|period| {
        progress
            .periods
            .last()
            .is_some_and(|last| last.period == period.scorecard.period)
    }) else {
        return Err(Failure::Invalid(Diagnostics::default()));
    };
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
