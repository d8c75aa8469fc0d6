//! The committed reports in `reports/samples/` are generated from the sample answers in
//! `checklists/samples/` and kept current by this test (golden files, rust-analyzer style).
//!
//! For each organisation (answers files named `<org>-<period>.yaml`, same organisation and
//! checklist), every period gets a report in English and Dutch, Markdown and HTML, with all
//! earlier periods as `--previous`; an organisation with two or more periods also gets its
//! `dei compare` output. An answers file with a folder `<stem>-respondents/` beside it is
//! reported with those respondents (`--respondents`). When the folder holds no answers files
//! yet, the fixture organisation of these tests stands in.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use dei_core::library::Loaded;
use dei_core::progress::{compare, natural_cmp};
use dei_core::{Library, Scorecard, score};
use dei_report::{Renderer, compare_report};

use crate::support::{Scored, fixtures, html, markdown, report, root};

const UPDATE: &str = "DEI_UPDATE_SAMPLES=1 cargo test -p dei-report --test it samples";

/// Every answers file in `folder` (not recursive), in name order.
fn answers_files(folder: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|entry| entry.path())
                .filter(|path| {
                    path.extension()
                        .is_some_and(|ext| ext == "yaml" || ext == "yml" || ext == "json")
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// Loads the answers files among `files`, grouped by (file prefix before the period, checklist
/// id), each group ordered by period.
fn organisations(library: &mut Library, files: &[PathBuf]) -> BTreeMap<String, Vec<Scored>> {
    let mut groups: BTreeMap<String, Vec<Scored>> = BTreeMap::new();
    for path in files {
        let loaded = library
            .load_file(path)
            .unwrap_or_else(|problems| panic!("{}: {problems}", path.display()));
        let Loaded::Answers(checklist, answers) = loaded else {
            continue; // a tailoring or definition among the samples
        };
        let mut scorecard =
            score(&checklist, &answers).unwrap_or_else(|problems| panic!("{problems}"));
        add_respondents(library, path, &checklist, &mut scorecard);
        let stem = path
            .file_stem()
            .and_then(|stem| stem.to_str())
            .unwrap_or_default();
        let prefix = stem.rsplit_once('-').map_or(stem, |(prefix, _)| prefix);
        groups
            .entry(format!("{prefix}\u{0}{}", checklist.id()))
            .or_default()
            .push(Scored {
                name: stem.to_owned(),
                checklist,
                answers: *answers,
                scorecard,
            });
    }
    for periods in groups.values_mut() {
        periods.sort_by(|a, b| natural_cmp(&a.scorecard.period, &b.scorecard.period));
    }
    groups
}

/// Sets the scorecard beside its respondents, as `dei report --respondents` does, when a
/// folder `<stem>-respondents/` lies beside the answers file: its files with a `respondent`
/// key, in name order (the folder also holds the combined draft, which has none).
fn add_respondents(
    library: &mut Library,
    path: &Path,
    checklist: &dei_core::Checklist,
    scorecard: &mut Scorecard,
) {
    let Some(stem) = path.file_stem().and_then(|stem| stem.to_str()) else {
        return;
    };
    let folder = path.with_file_name(format!("{stem}-respondents"));
    if !folder.is_dir() {
        return;
    }
    let mut respondents = Vec::new();
    for file in answers_files(&folder) {
        let (_, answers) = library
            .answers(&file)
            .unwrap_or_else(|problems| panic!("{problems}"));
        if answers.respondent.is_some() {
            let card = score(checklist, &answers).unwrap_or_else(|problems| panic!("{problems}"));
            respondents.push((answers, card));
        }
    }
    let pairs: Vec<(&dei_core::Answers, &Scorecard)> = respondents
        .iter()
        .map(|(answers, card)| (answers, card))
        .collect();
    dei_core::respondents::compare(
        checklist,
        scorecard,
        &pairs,
        dei_core::respondents::DEFAULT_MIN_GROUP,
    );
}

/// Every sample file: name → content.
fn generate() -> BTreeMap<String, String> {
    let mut library = Library::with_resolver(dei_core::fs::FsResolver);
    let mut files = answers_files(&root().join("checklists/samples"));
    let mut groups = organisations(&mut library, &files);
    if groups.is_empty() {
        files = [
            "harbour-2024.yaml",
            "harbour-2025.yaml",
            "harbour-2026.yaml",
        ]
        .iter()
        .map(|name| fixtures().join(name))
        .collect();
        groups = organisations(&mut library, &files);
    }
    let mut out = BTreeMap::new();
    for (key, periods) in &groups {
        let prefix = key.split('\u{0}').next().unwrap_or_default();
        for (index, current) in periods.iter().enumerate() {
            let previous: Vec<&Scored> = periods.iter().take(index).collect();
            for language in ["en", "nl"] {
                let model = report(current, &previous, Some(language));
                out.insert(format!("{}.{language}.md", current.name), markdown(&model));
                out.insert(format!("{}.{language}.html", current.name), html(&model));
            }
        }
        if let Some(latest) = periods.last().filter(|_| periods.len() >= 2) {
            let named: Vec<(&str, &Scorecard)> = periods
                .iter()
                .map(|period| (period.name.as_str(), &period.scorecard))
                .collect();
            let progress =
                compare(&named, &latest.checklist).unwrap_or_else(|problems| panic!("{problems}"));
            for language in ["en", "nl"] {
                let model = compare_report(&latest.checklist, &progress, Some(language));
                let text = Renderer::builtin()
                    .compare_markdown(&model)
                    .unwrap_or_else(|problems| panic!("{problems}"));
                out.insert(format!("{prefix}.progress.{language}.md"), text);
            }
        }
    }
    out
}

/// The generated files now in `reports/samples/` (README.md is written by hand).
fn on_disk(folder: &Path) -> BTreeMap<String, String> {
    std::fs::read_dir(folder)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter_map(|entry| {
                    let name = entry.file_name().to_str()?.to_owned();
                    let extension = Path::new(&name).extension()?.to_str()?.to_ascii_lowercase();
                    let generated =
                        matches!(extension.as_str(), "md" | "html") && name != "README.md";
                    generated.then(|| {
                        let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
                        (name, text)
                    })
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn samples_are_current() {
    let folder = root().join("reports/samples");
    let expected = generate();
    assert!(!expected.is_empty());
    let actual = on_disk(&folder);
    if std::env::var_os("DEI_UPDATE_SAMPLES").is_some() {
        std::fs::create_dir_all(&folder).unwrap_or_else(|error| panic!("{error}"));
        for name in actual.keys().filter(|name| !expected.contains_key(*name)) {
            std::fs::remove_file(folder.join(name)).unwrap_or_else(|error| panic!("{error}"));
        }
        for (name, text) in &expected {
            if actual.get(name) != Some(text) {
                std::fs::write(folder.join(name), text).unwrap_or_else(|error| panic!("{error}"));
            }
        }
        return;
    }
    let mut stale = Vec::new();
    for (name, text) in &expected {
        match actual.get(name) {
            None => stale.push(format!("missing: {name}")),
            Some(old) if old != text => stale.push(format!("out of date: {name}")),
            Some(_) => {}
        }
    }
    for name in actual.keys().filter(|name| !expected.contains_key(*name)) {
        stale.push(format!("no longer generated: {name}"));
    }
    assert!(
        stale.is_empty(),
        "reports/samples/ is stale:\n  {}\nregenerate it with:\n  {UPDATE}\n",
        stale.join("\n  ")
    );
}
