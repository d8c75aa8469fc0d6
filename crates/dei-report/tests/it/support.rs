//! Shared helpers: load answers, score them, build and render reports.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use dei_core::{Answers, Checklist, Library, Scorecard, Source, score};
use dei_report::{Renderer, Report, ReportInput, build};

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// One scored answers file.
pub struct Scored {
    pub name: String,
    pub checklist: Arc<Checklist>,
    pub answers: Answers,
    pub scorecard: Scorecard,
}

/// Loads and scores an answers file; panics with the rendered diagnostics on failure.
pub fn scored_file(library: &mut Library, path: &Path) -> Scored {
    let (checklist, answers) = library
        .answers(path)
        .unwrap_or_else(|problems| panic!("{problems}"));
    let scorecard = score(&checklist, &answers).unwrap_or_else(|problems| panic!("{problems}"));
    Scored {
        name: path.display().to_string(),
        checklist,
        answers,
        scorecard,
    }
}

/// Loads and scores answers text.
pub fn scored_text(library: &mut Library, name: &str, text: &str, folder: Option<&Path>) -> Scored {
    let (checklist, answers) = library
        .answers_from_source(&Source::new(name, text), folder)
        .unwrap_or_else(|problems| panic!("{problems}"));
    let scorecard = score(&checklist, &answers).unwrap_or_else(|problems| panic!("{problems}"));
    Scored {
        name: name.to_owned(),
        checklist,
        answers,
        scorecard,
    }
}

/// The report model of `current` with `previous` periods (oldest first).
pub fn report(current: &Scored, previous: &[&Scored], language: Option<&str>) -> Report {
    let previous: Vec<(&str, &Scorecard)> = previous
        .iter()
        .map(|old| (old.name.as_str(), &old.scorecard))
        .collect();
    build(&ReportInput {
        checklist: &current.checklist,
        scorecard: &current.scorecard,
        answers: Some(&current.answers),
        previous: &previous,
        benchmark: None,
        language,
    })
    .unwrap_or_else(|problems| panic!("{problems}"))
}

/// Markdown of a report with the built-in templates.
pub fn markdown(report: &Report) -> String {
    Renderer::builtin()
        .markdown(report)
        .unwrap_or_else(|problems| panic!("{problems}"))
}

/// HTML of a report with the built-in templates.
pub fn html(report: &Report) -> String {
    Renderer::builtin()
        .html(report)
        .unwrap_or_else(|problems| panic!("{problems}"))
}

/// The fixture folder of these tests.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The Harbour Foundation fixture of one period (2024 or 2025).
pub fn harbour(library: &mut Library, period: u32) -> Scored {
    let path = fixtures().join(format!("harbour-{period}.yaml"));
    let mut scored = scored_file(library, &path);
    // Snapshots must not depend on where the repository lives.
    scored.name = format!("harbour-{period}.yaml");
    scored
}
