//! One function per command; each returns an exit code or a `Failure`.

use std::fmt::Write as _;
use std::process::ExitCode;

use dei_core::fs::FsResolver;
use dei_core::library::{FileKind, Loaded, builtin_checklists};
use dei_core::visible::{visible, visible_lines};
use dei_core::{Diagnostics, Library, Scorecard, score};

use crate::cli::{Cli, Command, ScoreFormat};
use crate::output::{Failure, count_line, exit_code_for, print_diagnostics, write_output};

/// Runs the command the user asked for.
pub fn run(cli: Cli) -> Result<ExitCode, Failure> {
    match cli.command {
        Command::List { lang } => list(lang.as_deref()),
        Command::Validate { files, lang } => Ok(validate(&files, lang.as_deref())),
        Command::Init {
            checklist,
            output,
            lang,
            force,
            respondent,
            from,
        } => crate::init::run(&crate::init::Options {
            checklist: &checklist,
            output: output.as_deref(),
            language: lang.as_deref(),
            force,
            respondent: respondent.as_deref(),
            from: from.as_deref(),
        }),
        Command::Serve { folder, port, lang } => {
            crate::words::choose(lang.as_deref(), None);
            dei_serve::serve(&dei_serve::Options {
                folder,
                port,
                language: lang,
            })
            // The server words its start errors in the language of `--lang` itself.
            .map_err(|error| Failure::io(error.to_string(), error.to_string()))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Score {
            answers,
            format,
            lang,
        } => score_command(&answers, format, lang.as_deref()),
        Command::Report {
            answers,
            previous,
            benchmark,
            format,
            lang,
            template,
            respondents,
            min_group,
            output,
        } => crate::report::report(&crate::report::ReportOptions {
            answers: &answers,
            previous: &previous,
            benchmark: benchmark.as_deref(),
            format,
            language: lang.as_deref(),
            template: template.as_deref(),
            respondents: &respondents,
            min_group,
            output: output.as_deref(),
        }),
        Command::Combine {
            files,
            output,
            lang,
        } => crate::combine::run(&files, output.as_deref(), lang.as_deref()),
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
            period,
            min_group,
            format,
            lang,
            output,
        } => crate::benchmark::run(&crate::benchmark::Options {
            inputs: &answers,
            period: period.as_deref(),
            min_group,
            format,
            language: lang.as_deref(),
            output: output.as_deref(),
        }),
        Command::Xlsform {
            checklist,
            output,
            lang,
        } => crate::forms::xlsform(&checklist, &output, &lang),
        Command::Import {
            submissions,
            checklist,
            output,
            lang,
        } => crate::forms::import(&submissions, &checklist, &output, lang.as_deref()),
        Command::Export {
            files,
            format,
            shape,
            output,
            lang,
        } => crate::forms::export(&files, format, shape, output.as_deref(), lang.as_deref()),
        Command::Schema { kind } => {
            let text = dei_core::schema::schema_json(kind.name()).unwrap_or_default();
            write_output(None, text.as_bytes(), &[])?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn list(lang: Option<&str>) -> Result<ExitCode, Failure> {
    crate::words::choose(lang, None);
    let mut library = Library::with_resolver(FsResolver);
    let mut out = String::new();
    let (version, items, title) = match crate::words::current() {
        dei_report::Lang::En => ("version", "items", "title"),
        dei_report::Lang::Nl => ("versie", "vragen", "titel"),
    };
    let _ = writeln!(out, "{:<24} {version:<9} {items:>6}  {title}", "id");
    for (id, _) in builtin_checklists() {
        let checklist = library.checklist(id, None)?;
        let language = lang
            .filter(|lang| checklist.languages().iter().any(|known| known == lang))
            .unwrap_or(checklist.default_language())
            .to_owned();
        let _ = writeln!(
            out,
            "{:<24} {:<9} {:>6}  {}",
            checklist.id(),
            checklist.version(),
            checklist.items().len(),
            checklist.title().get(&language, &language)
        );
    }
    write_output(None, out.as_bytes(), &[])?;
    Ok(ExitCode::SUCCESS)
}

/// Checks every file and lists every problem; exit 1 if any file has an error.
fn validate(files: &[std::path::PathBuf], lang: Option<&str>) -> ExitCode {
    crate::words::choose(lang, None);
    let mut language_chosen = lang.is_some();
    let mut library = Library::with_resolver(FsResolver);
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
                // Without --lang, the messages speak the language of the first file's checklist.
                if !language_chosen {
                    let checklist = match &loaded {
                        Loaded::Checklist(_, checklist) | Loaded::Answers(checklist, _) => {
                            checklist
                        }
                    };
                    crate::words::choose(None, Some(checklist.default_language()));
                    language_chosen = true;
                }
                let (what, warnings) = match &loaded {
                    Loaded::Checklist(kind, checklist) => (
                        crate::words::checklist_summary(
                            *kind == FileKind::Tailoring,
                            &visible(checklist.id()),
                            &visible(checklist.version()),
                            checklist.items().len(),
                            checklist.rules().len(),
                        ),
                        Vec::new(),
                    ),
                    Loaded::Answers(checklist, answers) => {
                        // An empty value (as `dei init` writes it) is not an answer.
                        let answered = answers
                            .entries()
                            .iter()
                            .flatten()
                            .filter(|entry| entry.response != dei_core::answers::Response::Empty)
                            .count();
                        let warnings = answers.warnings.clone();
                        (
                            crate::words::answers_summary(
                                &visible(&answers.name),
                                &visible(checklist.id()),
                                answered,
                                checklist.items().len(),
                            ),
                            warnings,
                        )
                    }
                };
                for warning in warnings.into_iter().chain(scoring_warnings) {
                    all.push(warning);
                }
                let _ = writeln!(
                    summary,
                    "{}",
                    crate::words::ok(&visible(&path.display().to_string()), &what)
                );
            }
            Err(problems) => {
                let _ = writeln!(
                    summary,
                    "{}",
                    crate::words::invalid(
                        &visible(&path.display().to_string()),
                        &count_line(problems.errors().count(), problems.warnings().count())
                    )
                );
                all.0.extend(problems.0);
            }
        }
    }
    if !all.is_empty() {
        print_diagnostics(&all);
    }
    let _ = write_output(None, visible_lines(&summary).as_bytes(), &[]);
    if all.has_errors() {
        ExitCode::from(exit_code_for(&all))
    } else {
        ExitCode::SUCCESS
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
            // The scorecard's notice is English (it is data); the Dutch is said here.
            match &notice.id {
                Some(id) => warning
                    .with_id(id)
                    .with_dutch(out_of_scope_in_dutch(id), None),
                None => warning,
            }
        })
        .collect())
}

/// The Dutch of the scorecard's `out-of-scope-answer` notice about item `id`.
fn out_of_scope_in_dutch(id: &str) -> String {
    format!(
        "`{id}` is beantwoord maar geldt niet voor deze organisatie; het antwoord wordt getoond, niet meegeteld"
    )
}

/// A scorecard notice in the run's language: the Dutch of the answers file's warning it came
/// from, or of the out-of-scope notice; the English notice itself otherwise.
fn notice_text(notice: &dei_core::scorecard::Notice, answers: &dei_core::Answers) -> String {
    if crate::words::current() == dei_report::Lang::En {
        return notice.message.clone();
    }
    let from_answers = answers.warnings.iter().find_map(|warning| {
        (warning.code.as_str() == notice.code
            && warning.id == notice.id
            && warning.message == notice.message)
            .then(|| warning.dutch.as_ref().map(|dutch| dutch.0.clone()))
            .flatten()
    });
    match (from_answers, &notice.id) {
        (Some(dutch), _) => dutch,
        (None, Some(id)) if notice.code == dei_core::Code::OutOfScopeAnswer.as_str() => {
            out_of_scope_in_dutch(id)
        }
        (None, _) => notice.message.clone(),
    }
}

fn score_command(
    path: &std::path::Path,
    format: ScoreFormat,
    lang: Option<&str>,
) -> Result<ExitCode, Failure> {
    crate::words::choose(lang, None);
    let mut library = Library::with_resolver(FsResolver);
    let (checklist, answers) = library.answers(path)?;
    crate::words::choose(lang, Some(checklist.default_language()));
    let scorecard = score(&checklist, &answers)?;
    let text = match format {
        ScoreFormat::Json => dei_report::scorecard_json(&scorecard),
        ScoreFormat::Text => {
            visible_lines(&score_summary(&checklist, &answers, &scorecard)).into_owned()
        }
    };
    write_output(None, text.as_bytes(), &[])?;
    Ok(ExitCode::SUCCESS)
}

fn one_decimal(value: Option<f64>) -> String {
    let text = value.map_or_else(
        || crate::words::score_labels().none.to_owned(),
        |v| dei_core::scorecard::fixed(v, 1),
    );
    if crate::words::current() == dei_report::Lang::Nl {
        text.replace('.', ",")
    } else {
        text
    }
}

fn score_summary(
    checklist: &dei_core::Checklist,
    answers: &dei_core::Answers,
    scorecard: &Scorecard,
) -> String {
    let mut out = String::new();
    let labels = crate::words::score_labels();
    let language = crate::words::current().code();
    let language = if checklist.languages().iter().any(|known| known == language) {
        language
    } else {
        checklist.default_language()
    };
    // English keeps the level ids it always showed; Dutch shows the checklist's Dutch labels.
    let dutch = crate::words::current() == dei_report::Lang::Nl;
    let level_label = |id: &str| {
        if !dutch {
            return id.to_owned();
        }
        checklist
            .levels()
            .iter()
            .find(|level| level.id == id)
            .map_or_else(
                || id.to_owned(),
                |level| {
                    level
                        .label
                        .get(language, checklist.default_language())
                        .to_owned()
                },
            )
    };
    let _ = writeln!(
        out,
        "{} — {} ({} {})",
        visible(&scorecard.organisation),
        visible(&scorecard.period),
        visible(&scorecard.checklist.id),
        visible(&scorecard.checklist.version)
    );
    let level = scorecard
        .level
        .as_ref()
        .map_or_else(|| labels.none.to_owned(), |level| level_label(&level.id));
    let _ = writeln!(
        out,
        "{} {} / 100",
        labels.overall,
        one_decimal(scorecard.overall)
    );
    let _ = writeln!(out, "{} {level}", labels.level);
    if let Some(level) = &scorecard.level
        && level.before_requirements != level.id
    {
        // Items, then sections under a floor, then flags above the allowed risk (SPEC §14).
        let mut reasons = level.held_back_by.clone();
        reasons.extend(
            level
                .held_back_by_sections
                .iter()
                .map(|id| format!("{} {id}", labels.section_word)),
        );
        reasons.extend(
            level
                .held_back_by_flags
                .iter()
                .map(|id| format!("{} {id}", labels.flag_word)),
        );
        let _ = writeln!(
            out,
            "              {}",
            (labels.held_back)(
                &level_label(&level.before_requirements),
                &visible(&reasons.join(", "))
            )
        );
    }
    let _ = writeln!(
        out,
        "{} {}%",
        labels.completeness,
        one_decimal(Some(scorecard.completeness))
    );
    let _ = writeln!(
        out,
        "{} {}",
        labels.washing,
        crate::words::risk(scorecard.washing_risk.as_str())
    );
    // No claims, no share: "n/a% of claims evidenced" would read as a broken number.
    let _ = match scorecard.evidence_coverage {
        Some(coverage) => writeln!(out, "{}", (labels.evidence)(&one_decimal(Some(coverage)))),
        None => writeln!(out, "{}", labels.no_claims),
    };
    let _ = writeln!(out);
    for (section, result) in checklist.sections().iter().zip(&scorecard.sections) {
        let _ = writeln!(
            out,
            "  {:<28} {:>5}  {:<12} {}",
            visible(section.title.get(language, checklist.default_language())),
            one_decimal(result.score),
            result
                .level
                .as_deref()
                .map_or_else(|| "-".to_owned(), level_label),
            (labels.answered)(result.answered, result.in_scope)
        );
    }
    if !scorecard.flags.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "{}", labels.flags);
        for flag in &scorecard.flags {
            let title = checklist
                .rules()
                .iter()
                .find(|rule| rule.id == flag.rule)
                .map_or(flag.rule.as_str(), |rule| {
                    rule.title.get(language, checklist.default_language())
                });
            let _ = writeln!(
                out,
                "  [{}] {} ({})",
                crate::words::risk(flag.severity.as_str()),
                visible(title),
                visible(&flag.rule)
            );
        }
    }
    let warning_word = match crate::words::current() {
        dei_report::Lang::En => "warning",
        dei_report::Lang::Nl => "waarschuwing",
    };
    for warning in &scorecard.warnings {
        let _ = writeln!(
            out,
            "{warning_word}[{}]: {}",
            warning.code,
            visible(&notice_text(warning, answers))
        );
    }
    out
}
