//! End-to-end tests of `dei init`: the blank answers file validates as written and once filled
//! in, every text stays a comment, paths are written relative to the output file, and existing
//! files are never overwritten by accident.

mod common;
use common::{dei, repository_root};
use std::fmt::Write as _;
use std::path::Path;
use std::sync::Arc;

use dei_core::checklist::AnswerKind;
use dei_core::library::builtin_checklists;
use dei_core::{Checklist, Library, Source, score};

/// `dei init ARGS` on standard output, which must succeed.
fn init(args: &[&str]) -> String {
    let mut all = vec!["init"];
    all.extend_from_slice(args);
    let run = dei(&repository_root(), &all);
    assert_eq!(run.code, 0, "dei init {args:?}: {}", run.stderr);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    run.stdout
}

/// Checks answers text in-process; `folder` resolves a relative checklist path.
fn load(text: &str, folder: Option<&Path>) -> (Arc<Checklist>, dei_core::Answers) {
    Library::with_resolver(dei_core::fs::FsResolver)
        .answers_from_source(&Source::new("blank.yaml", text), folder)
        .unwrap_or_else(|problems| panic!("the file is valid:\n{problems}\n{text}"))
}

/// The blank file with every empty answer key filled in: the first option of every choice
/// item, a list with the first option for multi items, a valid number, some text.
fn fill(text: &str, checklist: &Checklist) -> String {
    let mut filled = String::new();
    let mut in_answers = false;
    for line in text.lines() {
        if line == "answers:" {
            in_answers = true;
        }
        let key = line
            .strip_prefix("  ")
            .and_then(|rest| rest.strip_suffix(':'))
            .filter(|key| !key.starts_with(['#', ' ']));
        match key {
            Some("staff") if !in_answers => filled.push_str("  staff: 120"),
            Some(id) if in_answers => {
                let item = checklist
                    .item(id)
                    .unwrap_or_else(|| panic!("`{id}` is an item"));
                let value = match &item.answer {
                    AnswerKind::Choice(options) => format!("\"{}\"", options[0].id),
                    AnswerKind::Multi(options) => format!("[\"{}\"]", options[0].id),
                    AnswerKind::Number(number) => {
                        let value = number
                            .min
                            .unwrap_or(0.0)
                            .max(number.target.map_or(f64::MIN, |t| t.good.0))
                            .min(number.max.unwrap_or(f64::MAX));
                        format!("{value}")
                    }
                    AnswerKind::Text => "\"Filled in by the test\"".to_owned(),
                };
                let _ = write!(filled, "  {id}: {value}");
            }
            _ => filled.push_str(line),
        }
        filled.push('\n');
    }
    filled
}

#[test]
fn the_blank_file_of_every_builtin_and_language_validates_and_scores_once_filled() {
    for (id, _) in builtin_checklists() {
        for language in ["en", "nl"] {
            let blank = init(&[id, "--lang", language]);
            assert!(
                blank.starts_with("# "),
                "{id} {language}: starts with the explanation"
            );
            let (checklist, answers) = load(&blank, None);
            assert_eq!(checklist.id(), *id);
            // Every item has its key, and every key is empty: nothing is answered yet.
            assert_eq!(answers.entries().len(), checklist.items().len());
            for (item, entry) in checklist.items().iter().zip(answers.entries()) {
                let entry = entry
                    .as_ref()
                    .unwrap_or_else(|| panic!("{id} {language}: no key for {}", item.id));
                assert_eq!(
                    entry.response,
                    dei_core::answers::Response::Empty,
                    "{}",
                    item.id
                );
            }
            let blank_card = score(&checklist, &answers).expect("the blank file scores");
            assert!(blank_card.completeness.abs() < 1e-9);

            let filled = fill(&blank, &checklist);
            let (checklist, answers) = load(&filled, None);
            let card = score(&checklist, &answers).expect("the filled file scores");
            assert!(card.completeness > 50.0, "{id} {language}");
            assert!(card.overall.is_some_and(|overall| overall > 0.0));
        }
    }
}

#[test]
fn the_default_language_is_the_checklists_first() {
    assert_eq!(init(&["ngo-dei"]), init(&["ngo-dei", "--lang", "en"]));
    assert_ne!(init(&["ngo-dei"]), init(&["ngo-dei", "--lang", "nl"]));
}

#[test]
fn the_dutch_blank_file_of_ngo_dei_starts_like_this() {
    let blank = init(&["ngo-dei", "--lang", "nl"]);
    let head: Vec<&str> = blank.lines().take(80).collect();
    insta::assert_snapshot!(head.join("\n"));
}

#[test]
fn every_item_is_explained_above_its_key() {
    let blank = init(&["ngo-dei"]);
    let lines: Vec<&str> = blank.lines().collect();
    let key = |id: &str| {
        lines
            .iter()
            .position(|line| *line == format!("  {id}:"))
            .unwrap_or_else(|| panic!("{id} has a key"))
    };
    let comments_above = |id: &str| {
        let at = key(id);
        let start = lines[..at]
            .iter()
            .rposition(|line| line.is_empty())
            .map_or(0, |blank| blank + 1);
        lines[start..at].join("\n")
    };
    let budget = comments_above("strategy.dei_budget");
    assert!(
        budget.contains("  # Does DEI work have its own budget?"),
        "{budget}"
    );
    assert!(budget.contains("#   multi_year = Own budget line secured for several years (1)"));
    assert!(budget.contains("Evidence: required; without it the score is at most 0.5."));
    assert!(budget.contains("N/A: not allowed."));
    let gap = comments_above("hr.gender_pay_gap");
    assert!(
        gap.contains("Answer: a number in percent, from -100 to 100."),
        "{gap}"
    );
    assert!(
        gap.contains("Target: full marks from -5 to 5; no marks at -20 or less or at 20 or more.")
    );
    assert!(gap.contains("Asked only when: hr.pay_gap_analysis is within_2_years or older."));
    let funnel = comments_above("hr.recruitment_funnel");
    assert!(funnel.contains("N/A: allowed, with a reason."), "{funnel}");
    let claims = comments_above("integrity.public_claims");
    assert!(claims.contains("Not scored"), "{claims}");
    assert!(
        !claims.contains("(0)"),
        "unscored options show no score: {claims}"
    );
    // Sections are headed by their title, and every comment line is a comment.
    assert!(blank.contains("\n  # Recruitment and HR (hr, weight 2)\n"));
    for line in &lines {
        assert!(line.chars().count() <= 96, "too long: {line}");
    }
}

#[test]
fn an_unknown_language_is_refused_with_the_checklists_languages() {
    let run = dei(&repository_root(), &["init", "ngo-dei", "--lang", "fr"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr.contains("error[unknown-language]"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("its languages are en, nl"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_unknown_checklist_is_refused() {
    let run = dei(&repository_root(), &["init", "ngo-deii"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("error[unknown-checklist]"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("ngo-dei"), "{}", run.stderr);
}

#[test]
fn an_existing_file_is_kept_unless_forced() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = dir.path().join("answers.yaml");
    std::fs::write(&file, "my precious answers\n").expect("write");

    let run = dei(dir.path(), &["init", "ngo-dei", "-o", "answers.yaml"]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(run.stderr.contains("already exists"), "{}", run.stderr);
    assert!(run.stderr.contains("--force"), "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(&file).expect("read"),
        "my precious answers\n"
    );

    let run = dei(
        dir.path(),
        &["init", "ngo-dei", "-o", "answers.yaml", "--force"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    assert!(run.stderr.contains("wrote answers.yaml"), "{}", run.stderr);
    let written = std::fs::read_to_string(&file).expect("read");
    assert_eq!(written, init(&["ngo-dei"]));
    // No temporary file is left behind.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list")
        .map(|entry| entry.expect("entry").file_name())
        .collect();
    assert_eq!(names, ["answers.yaml"]);

    let run = dei(dir.path(), &["validate", "answers.yaml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("0 of 165 items"), "{}", run.stdout);

    // --force means nothing without a file to write.
    let run = dei(dir.path(), &["init", "ngo-dei", "--force"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}

#[test]
fn a_missing_output_folder_is_an_io_error() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let run = dei(
        dir.path(),
        &["init", "ngo-dei", "-o", "missing/answers.yaml"],
    );
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(run.stderr.contains("missing"), "{}", run.stderr);
}

const SMALL_CHECKLIST: &str = r#"id: small-test
version: 2.1.0
languages: [en]
title: "Small test\n---\nchecklist: evil"
levels:
  - {id: low, min: 0, label: "Low\r\nanswers: {x: 1}"}
sections:
  - id: s
    title: "Section \u0085 with: a colon # and a hash"
    description: "Line one\n\n  indented: true\n- a list item"
    items:
      - id: q
        question: "Who? \u2028evil: yes\u0007 bell"
        guidance: "First *sentence*. Second\nsentence: `code`."
        type: choice
        options:
          - {id: "yes", label: "Yes\nno: no", score: 1}
          - {id: "no", label: "No", score: 0}
      - id: n
        question: "How many?"
        type: number
        applies_if: "org.size is defined and answer.s.q == 'yes'"
"#;

#[test]
fn a_checklist_path_is_written_relative_to_the_output_and_any_text_stays_a_comment() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::create_dir(dir.path().join("lists")).expect("mkdir");
    std::fs::create_dir(dir.path().join("out")).expect("mkdir");
    std::fs::write(dir.path().join("lists/small.yaml"), SMALL_CHECKLIST).expect("write");

    // To standard output: the path as given.
    let run = dei(dir.path(), &["init", "lists/small.yaml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("\nchecklist: lists/small.yaml\nchecklist_version: 2.1.0\n"),
        "{}",
        run.stdout
    );
    let (checklist, answers) = load(&run.stdout, Some(dir.path()));
    assert_eq!(checklist.id(), "small-test");
    // The texts did not add keys: only the two items are there, and the organisation has
    // the placeholder name and the fact that a condition reads.
    assert_eq!(answers.entries().iter().flatten().count(), 2);
    assert_eq!(
        answers.organisation.keys().collect::<Vec<_>>(),
        ["name", "size"]
    );
    assert!(answers.goals().is_empty());
    assert!(
        run.stdout.contains(
            "  # Asked only when: the organisation's size is filled in and s.q is \"yes\".\n"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("# Guidance: First sentence.\n"),
        "{}",
        run.stdout
    );

    // To a file in another folder: relative to that folder.
    let run = dei(
        dir.path(),
        &["init", "lists/small.yaml", "-o", "out/answers.yaml"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let written = std::fs::read_to_string(dir.path().join("out/answers.yaml")).expect("read");
    assert!(
        written.contains("\nchecklist: ../lists/small.yaml\n"),
        "{written}"
    );
    let run = dei(dir.path(), &["validate", "out/answers.yaml"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);

    // Never over the checklist itself, even when forced.
    let run = dei(
        dir.path(),
        &[
            "init",
            "lists/small.yaml",
            "-o",
            "lists/small.yaml",
            "--force",
        ],
    );
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("lists/small.yaml")).expect("read"),
        SMALL_CHECKLIST
    );
}

#[test]
fn a_tailoring_gives_its_own_questions() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let tailoring = repository_root().join("checklists/samples/de-brug-tailoring.yaml");
    let tailoring = tailoring.to_str().expect("a UTF-8 path");
    let run = dei(
        dir.path(),
        &["init", tailoring, "--lang", "nl", "-o", "brug.yaml"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let written = std::fs::read_to_string(dir.path().join("brug.yaml")).expect("read");
    assert!(written.contains("\n  culture.volunteer_inclusion:\n"));
    assert!(written.contains("# Doen vrijwilligers mee in ons DEI-werk"));
    assert!(!written.contains("wellbeing.duty_of_care:"));
    let (checklist, _) = load(&written, Some(dir.path()));
    assert_eq!(checklist.id(), "de-brug-tailoring");
}

#[test]
fn init_reports_in_the_language_asked_for() {
    let folder = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let run = dei(
        folder.path(),
        &["init", "ngo-dei", "--lang", "nl", "-o", "antwoorden.yaml"],
    );
    // The count and version come from the built-in checklist, so a new release keeps this true.
    let checklist = Library::with_resolver(dei_core::fs::FsResolver)
        .checklist("ngo-dei", None)
        .unwrap_or_else(|problems| panic!("{problems}"));
    let (count, version) = (checklist.items().len(), &checklist.version());
    assert_eq!(
        run.stderr,
        format!(
            "antwoorden.yaml geschreven: {count} vragen van ngo-dei {version}; vul het in en voer daarna `dei validate antwoorden.yaml` uit\n"
        )
    );
    let run = dei(folder.path(), &["init", "ngo-dei", "-o", "answers.yaml"]);
    assert!(
        run.stderr
            .starts_with(&format!("wrote answers.yaml: {count} questions")),
        "{}",
        run.stderr
    );
}
