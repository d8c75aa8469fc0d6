//! Shared checks of the fuzz targets: what every problem the engine reports must satisfy.
//!
//! A fuzz target fails (and libFuzzer keeps the input) on a panic. Besides "no panic", these
//! helpers turn the promises of SPEC sections 10 and 11 into assertions: every problem has a
//! message and a code, and a location inside the file it names.

// Every helper here is an assertion: panicking is what they are for. The workspace allows
// `must_use_candidate` for the same reason as here: it adds noise to small helpers.
#![allow(clippy::missing_panics_doc, clippy::must_use_candidate)]

use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};

use dei_core::{Checklist, Diagnostics, Library, Source};

/// The built-in `ngo-dei` checklist, checked once per process.
pub static NGO_DEI: LazyLock<Arc<Checklist>> = LazyLock::new(|| {
    Library::new()
        .checklist("ngo-dei", None)
        .unwrap_or_else(|problems| panic!("the built-in checklist must load: {problems}"))
});

/// Decodes fuzz bytes as a named source; `None` when the engine refuses the bytes.
///
/// Refusal is itself checked: it must be located inside the input.
pub fn source(name: &str, data: &[u8]) -> Option<Source> {
    match Source::from_bytes(name, data.to_vec()) {
        Ok(source) => Some(source),
        Err(problem) => {
            assert!(!problem.message.trim().is_empty(), "empty message");
            if let Some(line) = problem.line {
                assert!(line >= 1);
                assert!(
                    line <= line_count(&String::from_utf8_lossy(data)),
                    "line {line} is past the end of the input"
                );
            }
            let _ = problem.render();
            None
        }
    }
}

/// The number of lines as YAML counts them: `\r\n`, `\r` and `\n` each end a line; a
/// location may point just past the last line break (the end of the file).
pub fn line_count(text: &str) -> u64 {
    let breaks =
        text.matches('\n').count() + text.matches('\r').count() - text.matches("\r\n").count();
    breaks as u64 + 1
}

/// Asserts what every reported problem must satisfy: at least one error, each with a message,
/// and a location (when given) that lies inside the file `source` when the problem is about it.
pub fn check_problems(source: &Source, problems: &Diagnostics) {
    assert!(
        problems.has_errors(),
        "a failure without an error: {problems:?}"
    );
    for problem in &problems.0 {
        assert!(
            !problem.message.trim().is_empty(),
            "empty message: {problem:?}"
        );
        assert!(!problem.file.is_empty(), "no file: {problem:?}");
        assert_eq!(problem.line.is_some(), problem.column.is_some());
        if let (Some(line), Some(column)) = (problem.line, problem.column) {
            assert!(line >= 1 && column >= 1, "location below 1: {problem:?}");
            if problem.file == source.name() {
                assert!(
                    line <= line_count(source.text()),
                    "line {line} is past the end of the input: {problem:?}"
                );
            }
        }
        // Rendering must never panic, whatever the message or the source line holds.
        let _ = problem.render();
    }
}

/// A folder of small files that relative checklist references in fuzz inputs resolve
/// against: a copy of a built-in definition, a tailoring of it, a tailoring of itself, an
/// answers file and a sub-folder.
pub static SANDBOX: LazyLock<PathBuf> = LazyLock::new(|| {
    let folder = std::env::temp_dir().join(format!("dei-fuzz-sandbox-{}", std::process::id()));
    let _ = std::fs::create_dir_all(folder.join("folder"));
    let base = dei_core::library::builtin_text("dei-washing-selfcheck").unwrap_or_default();
    let files = [
        ("base.yaml", base.to_owned()),
        (
            "tailored.yaml",
            "tailors: base.yaml\nid: tailored\nexclude: []\n".to_owned(),
        ),
        ("loop.yaml", "tailors: loop.yaml\nid: loop\n".to_owned()),
        (
            "answers.yaml",
            "checklist: base.yaml\norganisation: {name: X}\nperiod: 2025\nanswers: {}\n".to_owned(),
        ),
    ];
    for (name, text) in files {
        let _ = std::fs::write(folder.join(name), text);
    }
    folder
});

/// Whether a checklist reference stays inside [`SANDBOX`]: a built-in id or a plain relative
/// name. Fuzz inputs must not make the fuzzer read `/dev/...` or other files of the machine.
pub fn stays_in_sandbox(reference: &str) -> bool {
    !reference.contains("..")
        && !reference.starts_with(['/', '\\', '~'])
        && !reference.contains(':')
        && !reference.contains('\0')
        && Path::new(reference).is_relative()
}

/// Just the checklist references of a file, to keep fuzz inputs inside [`SANDBOX`].
#[derive(serde::Deserialize)]
struct References {
    #[serde(default)]
    tailors: Option<String>,
    #[serde(default)]
    checklist: Option<String>,
}

/// True when loading `source` can only read built-in checklists and files in [`SANDBOX`].
pub fn references_stay_in_sandbox(source: &Source) -> bool {
    match source.parse::<References>() {
        Ok(references) => [references.tailors, references.checklist]
            .iter()
            .flatten()
            .all(|reference| stays_in_sandbox(reference)),
        // The loader parses the same keys as strings and stops at the same error.
        Err(_) => true,
    }
}

/// Asserts that every number of a scorecard lies in its range (SPEC section 5).
pub fn check_scorecard(scorecard: &dei_core::Scorecard) {
    let percent = |value: f64| value.is_finite() && (0.0..=100.0).contains(&value);
    let unit = |value: f64| value.is_finite() && (0.0..=1.0).contains(&value);
    assert!(
        scorecard.overall.is_none_or(percent),
        "overall {:?}",
        scorecard.overall
    );
    assert!(percent(scorecard.completeness));
    assert!(scorecard.evidence_coverage.is_none_or(percent));
    assert!(scorecard.na_share.is_none_or(percent));
    for section in &scorecard.sections {
        assert!(section.score.is_none_or(percent), "section {section:?}");
        assert!(section.answered <= section.in_scope);
    }
    for item in &scorecard.items {
        assert!(item.raw_score.is_none_or(unit), "item {item:?}");
        assert!(item.score.is_none_or(unit), "item {item:?}");
        if let (Some(raw), Some(score)) = (item.raw_score, item.score) {
            assert!(score <= raw, "effective above raw: {item:?}");
        }
    }
    for value in scorecard
        .indices
        .kind
        .values()
        .chain(scorecard.indices.tag.values())
    {
        assert!(value.is_none_or(percent));
    }
    // The scorecard must always serialise (no NaN sneaks into JSON).
    let json = serde_json::to_string(scorecard);
    assert!(json.is_ok(), "scorecard does not serialise: {json:?}");
}

/// The elements the report's templates and the Markdown of the built-in checklist produce.
/// Any other element in a report can only have come from an answers file.
const REPORT_ELEMENTS: &[&str] = &[
    "a",
    "blockquote",
    "body",
    "br",
    "circle",
    "code",
    "del",
    "desc",
    "em",
    "figure",
    "g",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "hr",
    "html",
    "li",
    "line",
    "main",
    "meta",
    "ol",
    "p",
    "path",
    "polygon",
    "polyline",
    "pre",
    "rect",
    "section",
    "strong",
    "style",
    "svg",
    "table",
    "tbody",
    "td",
    "text",
    "th",
    "thead",
    "title",
    "tr",
    "tspan",
    "ul",
];

/// The attributes of a start tag (`name attr="value" ...`), names lower-cased, values as written
/// between their quotes: text inside a quoted value is data, never an attribute.
fn attributes(tag: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut rest = tag.trim_start_matches('/');
    // Skip the element name.
    rest = rest.trim_start_matches(|c: char| !c.is_whitespace());
    loop {
        rest = rest.trim_start();
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '=' || c == '/')
            .unwrap_or(rest.len());
        if name_end == 0 {
            if rest.is_empty() {
                break;
            }
            rest = &rest[1..];
            continue;
        }
        let name = rest[..name_end].to_ascii_lowercase();
        rest = rest[name_end..].trim_start();
        let mut value = String::new();
        if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            if let Some(quote) = after.chars().next().filter(|c| *c == '"' || *c == '\'') {
                let body = &after[1..];
                let end = body.find(quote).unwrap_or(body.len());
                value = body[..end].to_owned();
                rest = body.get(end + 1..).unwrap_or("");
            } else {
                let end = after.find(char::is_whitespace).unwrap_or(after.len());
                value = after[..end].to_owned();
                rest = &after[end..];
            }
        }
        found.push((name, value));
    }
    found
}

/// Asserts that an HTML report holds only the report's own elements, no event handler
/// attributes and no `javascript:` links: text from an answers file never becomes markup.
pub fn check_html(html: &str) {
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        let end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..end];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() {
            // `<!DOCTYPE html>`, `<!-- -->` or a `<` that is not a tag at all: `<` in text.
            assert!(
                tag.starts_with('!') || !tag.starts_with(|c: char| c.is_ascii_alphabetic()),
                "odd markup `<{tag}>`"
            );
            continue;
        }
        assert!(
            REPORT_ELEMENTS.contains(&name.as_str()),
            "element `<{name}>` in the report: text from an answers file became markup: `<{tag}>`"
        );
        for (attribute, value) in attributes(tag) {
            assert!(!attribute.starts_with("on"), "event handler in `<{tag}>`");
            let value = value.trim_start().to_ascii_lowercase();
            assert!(
                !(attribute.ends_with("href") || attribute == "src")
                    || !value.starts_with("javascript:"),
                "script link in `<{tag}>`"
            );
        }
    }
}
