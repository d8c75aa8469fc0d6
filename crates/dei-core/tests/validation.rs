//! Loading and validation (SPEC sections 3, 4, 8 and 11): every fixture under
//! `tests/fixtures/` is loaded and what a user would see is snapshotted.
//!
//! `err_*` fixtures snapshot the rendered diagnostics, `ok_*` fixtures a short summary of the
//! checked checklist, or the scorecard of an answers file. Snapshots live in `tests/snapshots/`;
//! accept changes with `INSTA_UPDATE=always cargo test -p dei-core --test validation` and read
//! them: each must name the file, line:column, the id and a hint a non-programmer can act on.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use dei_core::checklist::AnswerKind;
use dei_core::library::{FileKind, Loaded};
use dei_core::{Answers, Checklist, Diagnostics, Library, Source, score};

/// The fixture folders, relative to this crate (the working directory of integration tests),
/// so that file names in snapshots are short and the same on every machine.
const FIXTURES: &str = "tests/fixtures";

/// Loads one fixture as any kind of file and renders what a user would see.
fn check(path: &Path) -> String {
    let mut library = Library::with_resolver(dei_core::fs::FsResolver);
    match library.load_file(path) {
        Ok(Loaded::Checklist(kind, checklist)) => summary(kind, &checklist),
        Ok(Loaded::Answers(checklist, answers)) => answers_summary(&checklist, &answers),
        Err(problems) => render(&problems),
    }
}

/// Every problem rendered as the command line shows it.
fn render(problems: &Diagnostics) -> String {
    assert!(
        !problems.is_empty(),
        "a failed load must report at least one problem"
    );
    problems
        .0
        .iter()
        .map(dei_core::Diagnostic::render)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The shape of a checked checklist: enough to see that every part arrived.
fn summary(kind: FileKind, checklist: &Checklist) -> String {
    let mut out = String::new();
    let noun = match kind {
        FileKind::Checklist => "checklist",
        FileKind::Tailoring => "tailoring",
        FileKind::Answers => "answers",
    };
    let _ = writeln!(out, "{noun} {} {}", checklist.id(), checklist.version());
    if let Some(base) = checklist.base() {
        let _ = writeln!(out, "base {} {}", base.id, base.version);
    }
    let language = checklist.default_language();
    let _ = writeln!(out, "title: {}", checklist.title().get(language, language));
    let _ = writeln!(out, "languages: {}", checklist.languages().join(", "));
    let _ = writeln!(out, "evidence cap: {}", checklist.evidence_cap());
    for level in checklist.levels() {
        let requires: Vec<&str> = level
            .requires
            .iter()
            .map(|&index| checklist.items()[index].id.as_str())
            .collect();
        let _ = writeln!(
            out,
            "level {} from {}{}",
            level.id,
            level.min,
            if requires.is_empty() {
                String::new()
            } else {
                format!(", requires {}", requires.join(", "))
            }
        );
    }
    for section in checklist.sections() {
        let _ = writeln!(out, "section {} (weight {})", section.id, section.weight);
        for item in &checklist.items()[section.items.clone()] {
            let options: Vec<String> = item
                .options()
                .iter()
                .map(|option| format!("{}={}", option.id, option.score))
                .collect();
            let detail = match &item.answer {
                AnswerKind::Choice(_) | AnswerKind::Multi(_) => format!(" [{}]", options.join(" ")),
                AnswerKind::Number(spec) => {
                    let bound =
                        |b: Option<f64>| b.map_or_else(|| "-".to_owned(), |b| b.to_string());
                    let target = spec.target.map_or_else(
                        || "none".to_owned(),
                        |t| {
                            format!(
                                "good {}..{}, poor {}..{}",
                                t.good.0, t.good.1, t.poor.0, t.poor.1
                            )
                        },
                    );
                    format!(
                        " [unit {}, min {}, max {}, target {target}]",
                        spec.unit.as_deref().unwrap_or("-"),
                        bound(spec.min),
                        bound(spec.max)
                    )
                }
                AnswerKind::Text => String::new(),
            };
            let scope = item
                .applies_if
                .as_ref()
                .map(|condition| format!(" if {}", condition.source))
                .unwrap_or_default();
            let na = if item.allow_na { " (N/A allowed)" } else { "" };
            let _ = writeln!(
                out,
                "  item {} {} weight {}{detail}{na}{scope}",
                item.id,
                item.answer.type_name(),
                item.weight
            );
        }
    }
    for rule in checklist.rules() {
        let items: Vec<&str> = rule
            .items
            .iter()
            .map(|&index| checklist.items()[index].id.as_str())
            .collect();
        let _ = writeln!(
            out,
            "rule {} ({}) reads {}",
            rule.id,
            rule.severity.as_str(),
            items.join(", ")
        );
    }
    if !checklist.retired().is_empty() {
        let _ = writeln!(out, "retired: {}", checklist.retired().join(", "));
    }
    out
}

/// The warnings of an answers file, then its scorecard as JSON.
fn answers_summary(checklist: &Checklist, answers: &Answers) -> String {
    let mut out = String::new();
    for warning in &answers.warnings {
        out.push_str(&warning.render());
        out.push('\n');
    }
    match score(checklist, answers) {
        Ok(scorecard) => {
            out.push_str(&serde_json::to_string_pretty(&scorecard).unwrap_or_default());
            out.push('\n');
        }
        Err(problems) => out.push_str(&render(&problems)),
    }
    out
}

/// The fixture files of one folder, sorted by name.
fn fixtures(folder: &str) -> Vec<PathBuf> {
    let folder = Path::new(FIXTURES).join(folder);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", folder.display()))
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.is_file())
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no fixtures in {}", folder.display());
    paths
}

/// Snapshots every fixture of a folder, and checks that `ok_*` loads and `err_*` does not.
fn check_folder(folder: &str) {
    for path in fixtures(folder) {
        let stem = path
            .file_stem()
            .and_then(|stem| stem.to_str())
            .unwrap_or_default()
            .to_owned();
        let mut library = Library::with_resolver(dei_core::fs::FsResolver);
        let loaded = library.load_file(&path);
        if stem.starts_with("ok_") {
            assert!(
                loaded.is_ok(),
                "{} should load:\n{}",
                path.display(),
                loaded.err().map(|p| render(&p)).unwrap_or_default()
            );
        } else if stem.starts_with("err_") {
            let problems = loaded.err();
            assert!(
                problems.as_ref().is_some_and(Diagnostics::has_errors),
                "{} should be rejected",
                path.display()
            );
        } else {
            panic!("fixture {} must start with ok_ or err_", path.display());
        }
        let output = check(&path);
        let mut settings = insta::Settings::clone_current();
        settings.set_input_file(&path);
        settings.set_prepend_module_to_snapshot(false);
        settings.bind(|| {
            insta::assert_snapshot!(format!("{folder}__{stem}"), output);
        });
    }
}

#[test]
fn checklist_fixtures() {
    check_folder("checklists");
}

#[test]
fn answers_fixtures() {
    check_folder("answers");
}

#[test]
fn tailoring_fixtures() {
    check_folder("tailorings");
}

#[test]
fn every_diagnostic_is_located_in_a_named_file() {
    // Beyond the snapshots: no error of a fixture may lose its file, and every error that
    // comes from a YAML element must carry a line and a column.
    for folder in ["checklists", "answers", "tailorings"] {
        for path in fixtures(folder) {
            let Err(problems) = Library::with_resolver(dei_core::fs::FsResolver).load_file(&path)
            else {
                continue;
            };
            for problem in &problems.0 {
                assert!(!problem.file.is_empty(), "{}: {problem}", path.display());
                assert_eq!(
                    problem.line.is_some(),
                    problem.column.is_some(),
                    "{}: {problem}",
                    path.display()
                );
                assert!(
                    problem.hint.is_some() || problem.line.is_some(),
                    "{}: a problem without a location needs a hint:\n{problem}",
                    path.display()
                );
            }
        }
    }
}

#[test]
fn missing_file_and_folder_are_input_errors() {
    let mut library = Library::with_resolver(dei_core::fs::FsResolver);
    let missing = library
        .load_file(Path::new("tests/fixtures/no-such-file.yaml"))
        .expect_err("a missing file cannot load");
    insta::assert_snapshot!("missing_file", render(&missing));
    let folder = library
        .load_file(Path::new("tests/fixtures"))
        .expect_err("a folder cannot load");
    insta::assert_snapshot!("folder_instead_of_file", render(&folder));
}

#[test]
fn invalid_utf8_is_located() {
    let bytes = b"id: tiny\ntitle: Caf\xe9\n".to_vec();
    let problem = Source::from_bytes("latin1.yaml", bytes).expect_err("not UTF-8");
    insta::assert_snapshot!("invalid_utf8", problem.render());
}

#[test]
fn files_over_the_size_limit_are_refused() {
    let bytes = vec![b'#'; dei_core::source::MAX_INPUT_BYTES + 1];
    let problem = Source::from_bytes("huge.yaml", bytes).expect_err("too large");
    assert_eq!(problem.code, dei_core::Code::FileTooLarge);
    insta::assert_snapshot!("file_too_large", problem.render());
}

/// An answers file that answers every item of `checklist` with a fixed, valid value.
fn answer_everything(checklist: &Checklist) -> Source {
    let mut text = format!(
        "checklist: {}\norganisation: {{name: Round Trip, staff: 60}}\nperiod: 2025\nanswers:\n",
        checklist.id()
    );
    for item in checklist.items() {
        let value = match &item.answer {
            AnswerKind::Choice(options) => options
                .first()
                .map(|o| format!("\"{}\"", o.id))
                .unwrap_or_default(),
            AnswerKind::Multi(options) => format!(
                "[{}]",
                options
                    .iter()
                    .take(2)
                    .map(|o| format!("\"{}\"", o.id))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            AnswerKind::Number(spec) => spec
                .target
                .map(|t| t.good.0)
                .or(spec.min)
                .unwrap_or(1.0)
                .to_string(),
            AnswerKind::Text => "\"some text\"".to_owned(),
        };
        let _ = writeln!(
            text,
            "  {}: {{value: {value}, evidence: [report]}}",
            item.id
        );
    }
    Source::new("round-trip.yaml", text)
}

#[test]
fn valid_checklists_load_to_the_same_shape_every_time() {
    let mut paths: Vec<PathBuf> = fixtures("checklists")
        .into_iter()
        .chain(fixtures("tailorings"))
        .filter(|path| {
            path.file_name()
                .and_then(|name| name.to_str())
                .is_some_and(|name| name.starts_with("ok_"))
        })
        .collect();
    paths.push(PathBuf::from("checklists/ngo-dei.yaml"));
    paths.push(PathBuf::from("checklists/dei-washing-selfcheck.yaml"));
    for path in paths {
        let load = || match Library::with_resolver(dei_core::fs::FsResolver).load_file(&path) {
            Ok(Loaded::Checklist(_, checklist)) => checklist,
            other => panic!("{} should load as a checklist: {other:?}", path.display()),
        };
        let (first, second) = (load(), load());
        let ids =
            |checklist: &Checklist| checklist.item_ids().map(str::to_owned).collect::<Vec<_>>();
        assert_eq!(ids(&first), ids(&second), "{}", path.display());
        assert!(!ids(&first).is_empty(), "{}", path.display());
        let answers = answer_everything(&first);
        let score_with = |checklist: &Checklist| {
            let answers = Answers::from_source(&answers, checklist)
                .unwrap_or_else(|problems| panic!("{}:\n{problems}", path.display()));
            score(checklist, &answers)
                .unwrap_or_else(|problems| panic!("{}:\n{problems}", path.display()))
        };
        let (a, b) = (score_with(&first), score_with(&second));
        assert_eq!(a, b, "{}", path.display());
        assert_eq!(
            a.items.len(),
            first.items().len(),
            "{}: one result per item",
            path.display()
        );
    }
}

#[test]
fn built_in_checklists_match_their_files() {
    // The compiled-in text is the file in this crate's `checklists/`, and the repository's
    // `checklists/NAME.yaml` (the path users and the docs know, a symbolic link) reads the same
    // text: a loaded file and the built-in id give the same checklist.
    for (id, text) in dei_core::library::builtin_checklists() {
        for path in [
            PathBuf::from(format!("checklists/{id}.yaml")),
            PathBuf::from(format!("../../checklists/{id}.yaml")),
        ] {
            let on_disk = std::fs::read_to_string(&path).expect("built-in checklist file");
            assert_eq!(&on_disk, text, "{}", path.display());
        }
        let checklist = Library::new().checklist(id, None).expect("built-in loads");
        assert_eq!(checklist.id(), *id);
    }
}

#[test]
fn scorecard_of_a_tailoring_records_its_base() {
    let mut library = Library::with_resolver(dei_core::fs::FsResolver);
    let (checklist, answers) = library
        .answers(Path::new("tests/fixtures/answers/ok_on_tailoring.yaml"))
        .expect("answers on a tailoring load");
    let scorecard = score(&checklist, &answers).expect("scores");
    assert_eq!(scorecard.checklist.id, "example-foundation");
    let base = scorecard.checklist.base.expect("a tailoring has a base");
    assert_eq!(
        (base.id.as_str(), base.version.as_str()),
        ("small", "1.0.0")
    );

    // A tailoring of a tailoring records its direct base.
    let Ok(Loaded::Checklist(FileKind::Tailoring, twice)) = library.load_file(Path::new(
        "tests/fixtures/tailorings/ok_tailoring_of_tailoring.yaml",
    )) else {
        panic!("a tailoring of a tailoring loads");
    };
    let base = twice.base().expect("base");
    assert_eq!(base.id, "example-foundation");
}

#[test]
fn non_finite_numbers_are_rejected_without_the_file_kind_probe() {
    // `Library::load_file` rejects NaN while it detects the file kind; text checked directly
    // with `Checklist::from_source` must be rejected by validation itself.
    for (fixture, code) in [
        ("err_nan_min.yaml", dei_core::Code::InvalidRange),
        ("err_nan_weight.yaml", dei_core::Code::InvalidWeight),
        (
            "err_nan_option_score.yaml",
            dei_core::Code::InvalidOptionScore,
        ),
    ] {
        let path = Path::new(FIXTURES).join("checklists").join(fixture);
        let text = std::fs::read_to_string(&path).expect("fixture");
        let problems = Checklist::from_source(&Source::new(fixture, text))
            .expect_err("a non-finite number is invalid");
        assert!(
            problems.0.iter().any(|problem| problem.code == code),
            "{fixture}: {problems}"
        );
    }
}

#[test]
fn unquoted_no_stays_a_text_where_a_text_is_expected() {
    // YAML 1.1 read `NO` as false: Norway would vanish from the organisation map.
    let (_, answers) = Library::with_resolver(dei_core::fs::FsResolver)
        .answers(Path::new(
            "tests/fixtures/answers/ok_unquoted_no_for_text.yaml",
        ))
        .expect("loads");
    assert_eq!(answers.organisation["country"], "NO");
    let notes = answers
        .entries()
        .iter()
        .flatten()
        .find_map(|entry| match &entry.response {
            dei_core::answers::Response::Value(dei_core::answers::Value::Text(text)) => {
                Some(text.as_str())
            }
            _ => None,
        });
    assert_eq!(notes, Some("no"));
}

#[test]
fn tailored_parts_point_into_the_tailoring() {
    // A problem in an added item is reported in the tailoring's file, not the base's.
    let problems = Library::with_resolver(dei_core::fs::FsResolver)
        .load_file(Path::new(
            "tests/fixtures/tailorings/err_added_item_invalid.yaml",
        ))
        .expect_err("invalid added item");
    for problem in &problems.0 {
        assert!(
            problem.file.ends_with("err_added_item_invalid.yaml"),
            "{problem}"
        );
    }
}

/// Where the committed schemas live.
fn schema_folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../checklists/schema")
}

#[test]
fn schemas_are_current() {
    let update = std::env::var_os("DEI_UPDATE_SCHEMAS").is_some_and(|value| !value.is_empty());
    let folder = schema_folder();
    let mut stale = Vec::new();
    for kind in dei_core::schema::KINDS {
        let fresh = dei_core::schema::schema_json(kind).expect("every kind has a schema");
        let value: serde_json::Value = serde_json::from_str(&fresh).expect("schema is JSON");
        assert!(value.get("title").is_some(), "{kind} schema has a title");
        let path = folder.join(format!("{kind}.schema.json"));
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        if committed != fresh {
            if update {
                std::fs::create_dir_all(&folder).expect("create checklists/schema");
                std::fs::write(&path, &fresh).expect("write schema");
            } else {
                stale.push(format!("checklists/schema/{kind}.schema.json"));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "schemas are stale: run `DEI_UPDATE_SCHEMAS=1 cargo test -p dei-core --test validation` ({})",
        stale.join(", ")
    );
}

/// The hints that fix a mistake (`err_hint_*` fixtures) in Dutch: the frame words, the message
/// and the hint, as `dei validate --lang nl` prints them.
#[test]
fn hints_in_dutch() {
    for path in fixtures("answers") {
        let stem = path
            .file_stem()
            .and_then(|stem| stem.to_str())
            .unwrap_or_default()
            .to_owned();
        if !stem.starts_with("err_hint_") {
            continue;
        }
        let problems = Library::with_resolver(dei_core::fs::FsResolver)
            .load_file(&path)
            .err()
            .unwrap_or_else(|| panic!("{} should be rejected", path.display()));
        let output = problems
            .0
            .iter()
            .map(|problem| problem.render_in("nl"))
            .collect::<Vec<_>>()
            .join("\n");
        assert!(
            !output.contains("hint:") && output.contains("= tip:"),
            "{output}"
        );
        let mut settings = insta::Settings::clone_current();
        settings.set_input_file(&path);
        settings.set_prepend_module_to_snapshot(false);
        settings.bind(|| {
            insta::assert_snapshot!(format!("answers_nl__{stem}"), output);
        });
    }
}

/// After a layout error the parse goes on, blanking the broken line: every layout mistake is
/// listed, in line order, up to a bound of 20 (each is a parse of the file), and the content
/// is not checked while the layout is broken (no `unknown-item` for the broken lines).
#[test]
fn layout_errors_are_listed_in_line_order_up_to_a_bound() {
    use dei_core::Code;
    let header = "checklist: ngo-dei\norganisation: {name: X}\nperiod: 2025\nanswers:\n";
    let mut text = header.to_owned();
    for index in 0..5_000 {
        let _ = match index % 2 {
            0 => writeln!(text, "  strategy.item_{index} yes"),
            _ => writeln!(text, "  strategy.item_{index}: a: b"),
        };
    }
    let problems = Library::with_resolver(dei_core::fs::FsResolver)
        .load_source(&Source::new("broken.yaml", text), None)
        .expect_err("a broken file is rejected");
    assert_eq!(problems.len(), 20, "{problems}");
    assert!(
        problems.0.iter().all(|p| p.code == Code::Syntax),
        "{problems}"
    );
    let lines: Vec<u64> = problems.0.iter().filter_map(|p| p.line).collect();
    assert_eq!(lines, (5..25).collect::<Vec<u64>>(), "{problems}");

    // Two mistakes, and answers the checklist does not know: only the mistakes are reported.
    let text = format!(
        "{header}  strategy.nothing: yes\n  strategy.public_commitment yes\n  strategy.co_design: a: b\n"
    );
    let problems = Library::with_resolver(dei_core::fs::FsResolver)
        .load_source(&Source::new("two.yaml", text), None)
        .expect_err("a broken file is rejected");
    let found: Vec<(Code, Option<u64>)> = problems.0.iter().map(|p| (p.code, p.line)).collect();
    assert_eq!(
        found,
        [(Code::Syntax, Some(6)), (Code::Syntax, Some(7))],
        "{problems}"
    );
}

/// Every problem an answers file itself can have is said in Dutch too: the message and the
/// hint (`render_in("nl")` uses them). Problems inside a checklist the file names are the
/// checklist author's, and are left out here.
#[test]
fn every_problem_of_an_answers_file_has_dutch() {
    for path in fixtures("answers") {
        let Err(problems) = Library::with_resolver(dei_core::fs::FsResolver).load_file(&path)
        else {
            continue;
        };
        let name = path.display().to_string();
        for problem in problems.0.iter().filter(|problem| problem.file == name) {
            let dutch = problem.dutch.as_deref();
            assert!(
                dutch.is_some_and(|(message, hint)| !message.is_empty()
                    && (problem.hint.is_none() || hint.is_some())),
                "{name}: no Dutch message or hint for\n{problem}"
            );
        }
    }
}

/// Every problem a checklist author or a tailoring author can make (the `err_*` fixtures of
/// `checklists` and `tailorings`, validate.rs and tailor.rs) is said in Dutch too: a Dutch
/// message that is not the English one, and a Dutch hint when there is a hint. A new
/// diagnostic without `with_dutch` fails here as soon as it has a fixture.
#[test]
fn every_problem_of_a_checklist_or_tailoring_has_dutch() {
    let mut checked = 0;
    for folder in ["checklists", "tailorings"] {
        for path in fixtures(folder) {
            let stem = path
                .file_stem()
                .and_then(|stem| stem.to_str())
                .unwrap_or_default();
            if !stem.starts_with("err_") {
                continue;
            }
            let Err(problems) = Library::with_resolver(dei_core::fs::FsResolver).load_file(&path)
            else {
                panic!("{} should be rejected", path.display());
            };
            for problem in &problems.0 {
                checked += 1;
                let dutch = problem.dutch.as_deref();
                assert!(
                    dutch.is_some_and(|(message, hint)| !message.is_empty()
                        && *message != problem.message
                        && match (&problem.hint, hint) {
                            (None, _) => true,
                            (Some(english), Some(dutch)) => english != dutch,
                            (Some(_), None) => false,
                        }),
                    "{}: no Dutch message or hint (or the same as the English) for\n{problem}\nDutch: {dutch:?}",
                    path.display()
                );
            }
        }
    }
    assert!(checked > 100, "only {checked} problems checked");
}
