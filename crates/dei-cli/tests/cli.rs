//! End-to-end tests of the `dei` binary: exit code, stdout and stderr of real runs.
//!
//! The binary (`CARGO_BIN_EXE_dei`, built by cargo before this test) is run from this crate's
//! folder with relative paths such as `tests/fixtures/answers.yaml`, so snapshots are the same
//! on every machine.

mod common;
use common::{crate_dir, repository_root};
use std::fmt::Write as _;
use std::process::Command;

/// What one run of `dei` did.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    /// Exit code, stdout and stderr together, as one snapshot.
    fn transcript(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "exit code: {}", self.code);
        let _ = writeln!(out, "----- stdout -----");
        out.push_str(&self.stdout);
        let _ = writeln!(out, "----- stderr -----");
        out.push_str(&self.stderr);
        out
    }
}

/// Runs `dei ARGS` from this crate's folder, without colours and with a fixed terminal width.
fn dei(args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_dei"))
        .args(args)
        .current_dir(crate_dir())
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .env_remove("CLICOLOR_FORCE")
        .output()
        .expect("dei runs");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

#[test]
fn reports_its_version() {
    let run = dei(&["--version"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert_eq!(run.stdout, format!("dei {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn the_repository_template_folder_gives_the_built_in_report() {
    // `reports/templates` (the folder users copy and pass to `--template`) is a symbolic link to
    // `crates/dei-report/templates`, the files compiled in: through it, the report must be
    // exactly the built-in one.
    let folder = tempfile::tempdir().expect("a temporary folder");
    let built_in = folder.path().join("built-in.md").display().to_string();
    let custom = folder.path().join("custom.md").display().to_string();
    let answers = "tests/fixtures/answers.yaml";
    let run = dei(&["report", answers, "-o", &built_in]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let template = ["report", answers, "--template", "../../reports/templates"];
    let run = dei(&[&template[..], &["-o", &custom]].concat());
    assert_eq!(run.code, 0, "{}", run.transcript());
    let read = |path: &str| std::fs::read_to_string(path).expect("the report was written");
    assert_eq!(read(&custom), read(&built_in));
}

#[test]
fn validate_good_files_exits_0() {
    let run = dei(&[
        "validate",
        "tests/fixtures/checklist.yaml",
        "tests/fixtures/tailoring.yaml",
        "tests/fixtures/answers.yaml",
    ]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn validate_bad_files_lists_every_problem_and_exits_1() {
    let run = dei(&[
        "validate",
        "tests/fixtures/bad-checklist.yaml",
        "tests/fixtures/bad-answers.yaml",
        "tests/fixtures/answers.yaml",
    ]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn validate_missing_file_exits_3() {
    let run = dei(&["validate", "tests/fixtures/no-such-file.yaml"]);
    assert_eq!(run.code, 3, "{}", run.transcript());
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn usage_errors_exit_2() {
    let run = dei(&["frobnicate"]);
    assert_eq!(run.code, 2, "{}", run.transcript());
    insta::assert_snapshot!("unknown_command", run.transcript());

    let run = dei(&["validate"]);
    assert_eq!(run.code, 2, "{}", run.transcript());
    insta::assert_snapshot!("validate_without_files", run.transcript());

    let run = dei(&["score", "tests/fixtures/answers.yaml", "--format", "pdf"]);
    assert_eq!(run.code, 2, "{}", run.transcript());
    insta::assert_snapshot!("unknown_format", run.transcript());
}

#[test]
fn list_shows_every_built_in_checklist() {
    // Built-in content changes often; check the listing against the library instead of
    // pinning item counts in a snapshot.
    let run = dei(&["list"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    assert!(run.stderr.is_empty(), "{}", run.transcript());
    let mut lines = run.stdout.lines();
    let header = lines.next().expect("a header line");
    assert!(
        header.starts_with("id") && header.contains("version") && header.contains("items"),
        "{header}"
    );
    let rows: Vec<&str> = lines.collect();
    let builtins = dei_core::library::builtin_checklists();
    assert_eq!(rows.len(), builtins.len(), "{}", run.stdout);
    let mut library = dei_core::Library::with_resolver(dei_core::fs::FsResolver);
    for ((id, _), row) in builtins.iter().zip(&rows) {
        let checklist = library.checklist(id, None).expect("built-in loads");
        let fields: Vec<&str> = row.split_whitespace().collect();
        assert_eq!(fields.first(), Some(id), "{row}");
        assert_eq!(fields.get(1), Some(&checklist.version()), "{row}");
        assert_eq!(
            fields.get(2),
            Some(&checklist.items().len().to_string().as_str()),
            "{row}"
        );
    }
}

#[test]
fn schema_prints_the_committed_json_schema() {
    let run = dei(&["schema", "answers"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let schema: serde_json::Value = serde_json::from_str(&run.stdout).expect("the schema is JSON");
    assert_eq!(schema["title"], "dei answers file");
    let committed =
        std::fs::read_to_string(repository_root().join("checklists/schema/answers.schema.json"))
            .expect("the committed schema");
    assert_eq!(
        run.stdout, committed,
        "`dei schema answers` differs from checklists/schema/answers.schema.json"
    );
}

#[test]
fn score_text() {
    let run = dei(&["score", "tests/fixtures/answers.yaml"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn score_json_is_the_scorecard() {
    let run = dei(&["score", "tests/fixtures/answers.yaml", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let scorecard: serde_json::Value =
        serde_json::from_str(&run.stdout).expect("the scorecard is JSON");
    assert_eq!(scorecard["schema_version"], 1);
    assert_eq!(scorecard["checklist"]["id"], "small");
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn score_of_a_tailoring_records_the_base() {
    let run = dei(&[
        "score",
        "tests/fixtures/answers-on-tailoring.yaml",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    let scorecard: serde_json::Value =
        serde_json::from_str(&run.stdout).expect("the scorecard is JSON");
    assert_eq!(scorecard["checklist"]["id"], "example-foundation");
    assert_eq!(scorecard["checklist"]["base"]["id"], "small");
    assert_eq!(scorecard["checklist"]["base"]["version"], "1.0.0");
}

#[test]
fn score_of_invalid_answers_exits_1() {
    let run = dei(&["score", "tests/fixtures/bad-answers.yaml"]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    assert!(run.stdout.is_empty(), "no scorecard for invalid answers");
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn validate_in_dutch() {
    let run = dei(&[
        "validate",
        "--lang",
        "nl",
        "tests/fixtures/dutch-mistakes.yaml",
        "tests/fixtures/answers.yaml",
    ]);
    assert_eq!(run.code, 1, "{}", run.transcript());
    insta::assert_snapshot!(run.transcript());
}

/// Runs of `dei --lang nl` that meet each kind of problem outside the files' content:
/// conditions that do not compile or fail (a missing key, a text compared with a number, an
/// operation on a text), options refused while the arguments are read (`--min-group`, an
/// unknown value, option or command), patterns that find nothing, outputs that cannot be
/// written, and templates that go wrong or over their limit. Each run is checked to have met
/// its problem (by a Dutch phrase), so that the test of English words cannot pass on a run
/// that said nothing. `folder` is a scratch folder.
fn every_kind_of_problem_in_dutch(folder: &std::path::Path) -> Vec<Run> {
    let nl = |args: &[&str], code: i32, phrase: &str| {
        let mut all = vec![args[0], "--lang", "nl"];
        all.extend(&args[1..]);
        let run = dei(&all);
        assert_eq!(run.code, code, "{args:?}:\n{}", run.transcript());
        assert!(
            run.transcript().contains(phrase),
            "{args:?} does not say `{phrase}`:\n{}",
            run.transcript()
        );
        run
    };
    // Templates: one over the fuel limit, one reading what does not exist, one including a
    // file outside its folder.
    let template = |name: &str, text: &str| {
        let templates = folder.join(name);
        std::fs::create_dir_all(&templates).expect("a template folder");
        std::fs::write(templates.join("report.md.j2"), text).expect("written");
        templates.display().to_string()
    };
    let endless = template(
        "endless",
        "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
    );
    let unknown = template("unknown", "{{ no_such_variable.title }}");
    let outside = template("outside", "{% include '../secret.md.j2' %}");
    let unwritable = folder
        .join("no-such-folder/report.md")
        .display()
        .to_string();
    let answers = "tests/fixtures/answers.yaml";
    let forms = forms_problems(folder, &nl);
    let mut runs = vec![
        nl(
            &[
                "validate",
                "tests/fixtures/condition-failures.yaml",
                "tests/fixtures/condition-failures-answers.yaml",
                "tests/fixtures/condition-failures-rule.yaml",
                "../dei-core/tests/fixtures/checklists/err_applies_if_syntax.yaml",
                "../dei-core/tests/fixtures/checklists/err_expression_syntax.yaml",
            ],
            1,
            "kan niet worden vergeleken met het getal 50",
        ),
        nl(
            &["benchmark", "--min-group", "0", answers],
            2,
            "minstens 5 organisaties",
        ),
        nl(
            &["benchmark", "--min-group", "x", answers],
            2,
            "geen geheel aantal",
        ),
        nl(
            &[
                "report",
                answers,
                "--respondents",
                answers,
                "--min-group",
                "2",
            ],
            2,
            "minstens 3 respondenten",
        ),
        nl(
            &["benchmark", "--format", "pdf", answers],
            2,
            "mogelijke waarden",
        ),
        nl(
            &["benchmark", "--no-such-option", answers],
            2,
            "onbekend argument",
        ),
        nl(&["benchmrk", answers], 2, "onbekend commando"),
        nl(
            &["serve", "ontbrekende-map"],
            3,
            "de map kan niet worden geopend",
        ),
        nl(
            &[
                "benchmark",
                "tests/fixtures/nothing-*.yaml",
                "tests/*/answers-*.yaml",
                "no-such-folder/*.yaml",
            ],
            1,
            "alleen het laatste deel van een patroon",
        ),
        nl(&["report", answers, "-o", &unwritable], 3, "bestaat niet"),
        nl(
            &["report", answers, "-o", "tests/fixtures"],
            3,
            "het is een map",
        ),
        nl(
            &["report", answers, "-o", answers],
            3,
            "niet over het invoerbestand",
        ),
        nl(&["report", answers, "--template", &endless], 1, "brandstof"),
        nl(
            &["report", answers, "--template", &unknown],
            1,
            "bestaat niet",
        ),
        nl(
            &["report", answers, "--template", &outside],
            1,
            "wordt geweigerd",
        ),
        nl(
            &[
                "report",
                answers,
                "--template",
                "tests/fixtures/answers.yaml",
            ],
            1,
            "geen bestand",
        ),
    ];
    runs.extend(forms);
    runs
}

/// `dei import`, `dei export` and `dei xlsform` in Dutch: exports with an unknown column, a
/// label where a choice's id belongs and labels as headers (each made from the sample Kobo
/// export), an import over a changed answers file, an export of a file with problems and a form
/// written where it cannot be.
fn forms_problems(folder: &std::path::Path, nl: &dyn Fn(&[&str], i32, &str) -> Run) -> Vec<Run> {
    let sample = "../../checklists/samples/kobo-import/kobo-export.csv";
    let original = std::fs::read_to_string(crate_dir().join(sample)).expect("the sample export");
    let lines: Vec<&str> = original.lines().filter(|line| !line.is_empty()).collect();
    let export = |name: &str, header: String, last: String| {
        let mut changed: Vec<String> = lines.iter().map(|line| (*line).to_owned()).collect();
        changed[0] = header;
        let end = changed.len() - 1;
        changed[end] = last;
        let path = folder.join(name);
        std::fs::write(&path, changed.join("\n")).expect("written");
        path.display().to_string()
    };
    let header = lines[0].to_owned();
    let last = lines[lines.len() - 1].to_owned();
    let unknown = export(
        "unknown-column.csv",
        header.replacen("\"organisation/org_staff\"", "\"no_such_column\"", 1),
        last.clone(),
    );
    let label_value = export(
        "label-value.csv",
        header.clone(),
        last.replacen("\"yes\"", "\"Yes\"", 1),
    );
    let label_headers = export(
        "label-headers.csv",
        header.replacen("\"period\"", "\"Which period is this about?\"", 1),
        last,
    );
    let answers_folder = folder.join("imported").display().to_string();
    let first = dei(&[
        "import",
        "--lang",
        "nl",
        sample,
        "--checklist",
        "ngo-dei",
        "-o",
        &answers_folder,
    ]);
    assert_eq!(first.code, 0, "{}", first.transcript());
    assert!(
        first.stdout.contains("3 inzendingen geïmporteerd"),
        "{}",
        first.transcript()
    );
    let mut written: Vec<_> = std::fs::read_dir(folder.join("imported"))
        .expect("the imported files")
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .collect();
    written.sort();
    std::fs::write(&written[0], "changed by hand\n").expect("written");
    let unwritable = folder
        .join("no-such-folder/form.xlsx")
        .display()
        .to_string();
    let import = |export: &str, phrase: &str| {
        nl(
            &[
                "import",
                export,
                "--checklist",
                "ngo-dei",
                "-o",
                &answers_folder,
            ],
            1,
            phrase,
        )
    };
    vec![
        first,
        import(&unknown, "is geen veld van het formulier"),
        import(&label_value, "is het label van optie `yes`"),
        import(&label_headers, "deze export heeft labels als kolomkoppen"),
        import(sample, "bestaat al met andere inhoud"),
        nl(
            &[
                "export",
                "tests/fixtures/bad-answers.yaml",
                "--format",
                "csv",
            ],
            1,
            "er is geen vraag",
        ),
        nl(
            &["xlsform", "ngo-dei", "-o", &unwritable],
            3,
            "bestaat niet",
        ),
    ]
}

/// Several layout mistakes come in one run, each located with the hint that fixes it, and
/// nothing else is said about the file until they are fixed.
#[test]
fn validate_lists_every_layout_mistake() {
    for lang in ["en", "nl"] {
        let run = dei(&[
            "validate",
            "--lang",
            lang,
            "tests/fixtures/layout-mistakes.yaml",
        ]);
        assert_eq!(run.code, 1, "{}", run.transcript());
        for location in [
            "layout-mistakes.yaml:8:5",
            "layout-mistakes.yaml:9:21",
            "layout-mistakes.yaml:12:14",
        ] {
            assert!(
                run.stderr.contains(location),
                "{location}:\n{}",
                run.transcript()
            );
        }
        assert_eq!(
            run.stderr.matches("[syntax]").count(),
            3,
            "{}",
            run.transcript()
        );
        insta::assert_snapshot!(
            format!("validate_lists_every_layout_mistake_{lang}"),
            run.transcript()
        );
    }
}

#[test]
fn score_in_dutch() {
    let run = dei(&["score", "--lang", "nl", "tests/fixtures/answers.yaml"]);
    assert_eq!(run.code, 0, "{}", run.transcript());
    insta::assert_snapshot!(run.transcript());
}

/// Words of the command line's English messages that must not appear in a Dutch run: over
/// the fixtures with the mistakes a Dutch officer makes, and over every file of the hostile
/// corpus (`tests/hostile/`), so that every problem an answers file can meet is said in Dutch.
#[test]
fn no_english_words_in_dutch_messages() {
    let english = [
        "error",
        "warning",
        "hint",
        "invalid",
        "answers of",
        "items",
        "wrote",
        "overall",
        "level",
        "completeness",
        "evidence",
        "answered",
        "is not an option",
        "write",
        "expected",
        ", found",
        "the file",
        "did you mean",
        "remove the",
        "check the",
        "must",
        "allowed",
        "cannot read",
        "not a file",
        "no such file",
        "progress",
        "organisation",
        "give",
        "only",
        "left out",
        "benchmarked",
        "these are",
        "this file",
        // Conditions that do not compile or fail (minijinja's words and dei's around them).
        "does not compile",
        "failed",
        "unexpected",
        "undefined",
        "operator",
        "unsupported",
        "compared",
        "fuel",
        // Argument errors (clap's frame and dei's own value parsers).
        "invalid value",
        "for more information",
        "usage",
        "unrecognized",
        "whole number",
        "smallest group",
        // Patterns, files and folders, writing.
        "pattern",
        "folder",
        "cannot",
        "refusing",
        "no such",
        "permission",
        "is a directory",
        // Templates.
        "template",
        "does not exist",
        "stopped",
    ];
    let mut hostile: Vec<String> = std::fs::read_dir(crate_dir().join("tests/hostile"))
        .expect("the hostile corpus")
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "yaml")
        })
        .filter_map(|path| Some(format!("tests/hostile/{}", path.file_name()?.to_str()?)))
        .collect();
    hostile.sort();
    assert!(hostile.len() > 40, "{hostile:?}");
    let mut hostile_run = vec!["validate", "--lang", "nl"];
    hostile_run.extend(hostile.iter().map(String::as_str));
    // Two respondents' files of one organisation, one of them of another period.
    let folder = tempfile::tempdir().expect("a temporary folder");
    let staff = repository_root().join("checklists/samples/bridgeway-2025-respondents");
    let mut respondents = Vec::new();
    for (name, period) in [("staff-01.yaml", None), ("staff-02.yaml", Some("2024"))] {
        let text = std::fs::read_to_string(staff.join(name)).expect("a sample respondent");
        let text = match period {
            Some(period) => text.replace("\nperiod: 2025\n", &format!("\nperiod: \"{period}\"\n")),
            None => text,
        };
        let path = folder.path().join(name);
        std::fs::write(&path, text).expect("written");
        respondents.push(path.display().to_string());
    }
    let other_period = dei(&["combine", "--lang", "nl", &respondents[0], &respondents[1]]);
    assert_eq!(other_period.code, 1, "{}", other_period.transcript());
    assert!(
        other_period
            .stderr
            .contains("geef alleen bestanden van één periode"),
        "{}",
        other_period.transcript()
    );
    // Two organisations' answers.
    let other_organisation = dei(&[
        "compare",
        "--lang",
        "nl",
        "../../checklists/samples/de-brug-2025.yaml",
        "../../checklists/samples/global-roots-2024.yaml",
    ]);
    assert_eq!(
        other_organisation.code,
        1,
        "{}",
        other_organisation.transcript()
    );
    assert!(
        other_organisation
            .stderr
            .contains("voortgang volgt één organisatie"),
        "{}",
        other_organisation.transcript()
    );
    let problems_of_every_kind = every_kind_of_problem_in_dutch(folder.path());
    let runs = [
        dei(&[
            "validate",
            "--lang",
            "nl",
            "tests/fixtures/dutch-mistakes.yaml",
        ]),
        dei(&["validate", "--lang", "nl", "tests/fixtures/answers.yaml"]),
        dei(&["score", "--lang", "nl", "tests/fixtures/answers.yaml"]),
        dei(&[
            "validate",
            "--lang",
            "nl",
            "tests/fixtures/layout-mistakes.yaml",
        ]),
        dei(&hostile_run),
        other_period,
        other_organisation,
    ]
    .into_iter()
    .chain(problems_of_every_kind);
    for run in runs {
        // Ids, codes, file names and the user's own lines are names and data, not words:
        // leave out code spans, `[code]`, `= id:` lines, paths and the quoted source lines.
        let text: String = run
            .transcript()
            .lines()
            .filter(|line| {
                let trimmed = line.trim_start();
                let quoted = trimmed
                    .split_once(" |")
                    .is_some_and(|(number, _)| number.chars().all(|c| c.is_ascii_digit()));
                !quoted && !trimmed.starts_with("--> ") && !trimmed.starts_with("= id: ")
            })
            .flat_map(|line| line.split('`').step_by(2))
            .flat_map(str::split_whitespace)
            // Option names (`--template`, '--min-group') are ids too.
            .filter(|word| {
                !word.contains(".yaml")
                    && !word.contains('/')
                    && !word.trim_start_matches('\'').starts_with("--")
            })
            .map(|word| match word.find('[') {
                Some(at) if word.contains("]:") => &word[..at],
                _ => word,
            })
            .collect::<Vec<_>>()
            .join(" ");
        for word in english {
            assert!(
                !text.to_lowercase().contains(word),
                "`{word}` in a Dutch run:\n{text}\n\n{}",
                run.transcript()
            );
        }
    }
}
