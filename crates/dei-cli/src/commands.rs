//! One function per command; each returns an exit code or a `Failure`.

use std::fmt::Write as _;
use std::process::ExitCode;

use dei_core::{Diagnostics, FileKind, Library, Loaded, Scorecard, builtin_checklists, score};

use crate::cli::{Cli, Command, ScoreFormat};
use crate::output::{Failure, count_line, exit_code_for, print_diagnostics, write_output};

/// Runs the command the user asked for.
pub fn run(cli: Cli) -> Result<ExitCode, Failure> {
    match cli.command {
        Command::List => list(),
        Command::Validate { files } => Ok(validate(&files)),
        Command::Init {
            checklist,
            output,
            lang,
            force,
            from,
        } => crate::init::run(&crate::init::Options {
            checklist: &checklist,
            output: output.as_deref(),
            language: lang.as_deref(),
            force,
            from: from.as_deref(),
        }),
        Command::Serve { folder, port, lang } => {
            dei_serve::serve(&dei_serve::Options {
                folder,
                port,
                language: lang,
            })
            .map_err(|error| Failure::Io(error.to_string()))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Score { answers, format } => score_command(&answers, format),
        Command::Report {
            answers,
            previous,
            benchmark,
            format,
            lang,
            template,
            output,
        } => crate::report::report(&crate::report::ReportOptions {
            answers: &answers,
            previous: &previous,
            benchmark: benchmark.as_deref(),
            format,
            language: lang.as_deref(),
            template: template.as_deref(),
            output: output.as_deref(),
        }),
        Command::Compare {
            answers,
            format,
            lang,
            output,
        } => crate::report::compare_command(&crate::report::CompareOptions {
            answers: &answers,
            format,
            language: lang.as_deref(),
            output: output.as_deref(),
        }),
        Command::Benchmark {
            answers,
            min_group,
            format,
            output,
        } => crate::benchmark::run(&crate::benchmark::Options {
            inputs: &answers,
            min_group,
            format,
            output: output.as_deref(),
        }),
        Command::Schema { kind } => {
            let text = dei_core::schema::schema_json(kind.name()).unwrap_or_default();
            write_output(None, text.as_bytes(), &[])?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn list() -> Result<ExitCode, Failure> {
    let mut library = Library::new();
    let mut out = String::new();
    let _ = writeln!(out, "{:<24} {:<9} {:>5}  title", "id", "version", "items");
    for (id, _) in builtin_checklists() {
        let checklist = library.checklist(id, None)?;
        let language = checklist.default_language().to_owned();
        let _ = writeln!(
            out,
            "{:<24} {:<9} {:>5}  {}",
            checklist.id,
            checklist.version,
            checklist.items.len(),
            checklist.title.get(&language, &language)
        );
    }
    write_output(None, out.as_bytes(), &[])?;
    Ok(ExitCode::SUCCESS)
}

/// Checks every file and lists every problem; exit 1 if any file has an error.
fn validate(files: &[std::path::PathBuf]) -> ExitCode {
    let mut library = Library::new();
    let mut all = Diagnostics::default();
    let mut summary = String::new();
    for path in files {
        // Answers are also scored: conditions and rules that fail, and answers to items out
        // of scope, only show when the answers meet the checklist's expressions.
        let loaded = library.load_file(path).and_then(|loaded| {
            if let Loaded::Answers(checklist, answers) = &loaded {
                score_warnings(checklist, answers).map(|warnings| (loaded, warnings))
            } else {
                Ok((loaded, Vec::new()))
            }
        });
        match loaded {
            Ok((loaded, scoring_warnings)) => {
                let (what, warnings) = match &loaded {
                    Loaded::Checklist(kind, checklist) => {
                        let noun = if *kind == FileKind::Tailoring {
                            "tailoring"
                        } else {
                            "checklist"
                        };
                        (
                            format!(
                                "{noun} {} {}, {}, {}",
                                checklist.id,
                                checklist.version,
                                plural(checklist.items.len(), "item"),
                                plural(checklist.rules.len(), "rule")
                            ),
                            Vec::new(),
                        )
                    }
                    Loaded::Answers(checklist, answers) => {
                        // An empty value (as `dei init` writes it) is not an answer.
                        let answered = answers
                            .entries
                            .iter()
                            .flatten()
                            .filter(|entry| entry.response != dei_core::Response::Empty)
                            .count();
                        let warnings = answers.warnings.clone();
                        (
                            format!(
                                "answers of {} for {}, {answered} of {} items",
                                answers.name,
                                checklist.id,
                                checklist.items.len()
                            ),
                            warnings,
                        )
                    }
                };
                for warning in warnings.into_iter().chain(scoring_warnings) {
                    all.push(warning);
                }
                let _ = writeln!(summary, "ok: {} ({what})", path.display());
            }
            Err(problems) => {
                let _ = writeln!(
                    summary,
                    "invalid: {} ({})",
                    path.display(),
                    count_line(problems.errors().count(), problems.warnings().count())
                );
                all.0.extend(problems.0);
            }
        }
    }
    if !all.is_empty() {
        print_diagnostics(&all);
    }
    let _ = write_output(None, summary.as_bytes(), &[]);
    if all.has_errors() {
        ExitCode::from(exit_code_for(&all))
    } else {
        ExitCode::SUCCESS
    }
}

/// "1 rule", "28 rules".
fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("{count} {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// Scores answers to surface what only scoring can find, as warnings for `dei validate`.
fn score_warnings(
    checklist: &dei_core::Checklist,
    answers: &dei_core::Answers,
) -> Result<Vec<dei_core::Diagnostic>, Diagnostics> {
    let scorecard = score(checklist, answers)?;
    Ok(scorecard
        .warnings
        .iter()
        .filter(|notice| notice.code == dei_core::Code::OutOfScopeAnswer.as_str())
        .map(|notice| {
            let warning = dei_core::Diagnostic::warning(
                dei_core::Code::OutOfScopeAnswer,
                &answers.source_name,
                &notice.message,
            );
            match &notice.id {
                Some(id) => warning.with_id(id),
                None => warning,
            }
        })
        .collect())
}

fn score_command(path: &std::path::Path, format: ScoreFormat) -> Result<ExitCode, Failure> {
    let mut library = Library::new();
    let (checklist, answers) = library.answers(path)?;
    let scorecard = score(&checklist, &answers)?;
    let text = match format {
        ScoreFormat::Json => scorecard_json(&scorecard),
        ScoreFormat::Text => score_summary(&checklist, &scorecard),
    };
    write_output(None, text.as_bytes(), &[])?;
    Ok(ExitCode::SUCCESS)
}

/// The scorecard as pretty JSON with a final newline.
pub fn scorecard_json(scorecard: &Scorecard) -> String {
    let mut text = serde_json::to_string_pretty(scorecard).unwrap_or_default();
    text.push('\n');
    text
}

fn one_decimal(value: Option<f64>) -> String {
    value.map_or_else(|| "n/a".to_owned(), |v| format!("{v:.1}"))
}

fn score_summary(checklist: &dei_core::Checklist, scorecard: &Scorecard) -> String {
    let mut out = String::new();
    let language = checklist.default_language();
    let _ = writeln!(
        out,
        "{} — {} ({} {})",
        scorecard.organisation,
        scorecard.period,
        scorecard.checklist.id,
        scorecard.checklist.version
    );
    let level = scorecard
        .level
        .as_ref()
        .map_or("n/a", |level| level.id.as_str());
    let _ = writeln!(
        out,
        "overall       {} / 100",
        one_decimal(scorecard.overall)
    );
    let _ = writeln!(out, "level         {level}");
    if let Some(level) = &scorecard.level
        && !level.held_back_by.is_empty()
    {
        let _ = writeln!(
            out,
            "              (scores reach {}, held back by {})",
            level.before_requirements,
            level.held_back_by.join(", ")
        );
    }
    let _ = writeln!(out, "completeness  {:.1}%", scorecard.completeness);
    let _ = writeln!(out, "washing risk  {}", scorecard.washing_risk.as_str());
    let _ = writeln!(
        out,
        "evidence      {}% of claims evidenced",
        one_decimal(scorecard.evidence_coverage)
    );
    let _ = writeln!(out);
    for (section, result) in checklist.sections.iter().zip(&scorecard.sections) {
        let _ = writeln!(
            out,
            "  {:<28} {:>5}  {:<12} {}/{} answered",
            section.title.get(language, language),
            one_decimal(result.score),
            result.level.as_deref().unwrap_or("-"),
            result.answered,
            result.in_scope
        );
    }
    if !scorecard.flags.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "DEI-washing flags:");
        for flag in &scorecard.flags {
            let title = checklist
                .rules
                .iter()
                .find(|rule| rule.id == flag.rule)
                .map_or(flag.rule.as_str(), |rule| {
                    rule.title.get(language, language)
                });
            let _ = writeln!(
                out,
                "  [{}] {} ({})",
                flag.severity.as_str(),
                title,
                flag.rule
            );
        }
    }
    for warning in &scorecard.warnings {
        let _ = writeln!(out, "warning[{}]: {}", warning.code, warning.message);
    }
    out
}
