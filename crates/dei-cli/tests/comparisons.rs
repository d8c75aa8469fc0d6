//! End-to-end tests of SPEC sections 12 and 13 through the `dei` binary: organisation
//! identity, period order, tailorings beside their base, one contribution per organisation in
//! the benchmark, and the checks of a `--benchmark` file. Every refused input exits 1 with a
//! located error naming both files, and writes nothing.

mod common;
use common::{Run, dei, repository_root};
use std::path::Path;

/// A temporary folder holding copies of the sample answers and tailoring (files only).
fn samples() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let folder = repository_root().join("checklists/samples");
    for entry in std::fs::read_dir(folder).expect("the samples").flatten() {
        // Only the files: the folders beside them (respondents, imports) are not answers.
        if entry.file_type().is_ok_and(|kind| kind.is_file()) {
            std::fs::copy(entry.path(), dir.path().join(entry.file_name())).expect("copied");
        }
    }
    dir
}

fn write(dir: &Path, name: &str, text: &str) {
    if let Some(parent) = dir.join(name).parent() {
        std::fs::create_dir_all(parent).expect("a folder");
    }
    std::fs::write(dir.join(name), text).expect("written");
}

/// A refused run: exit 1, the code and both files named, nothing written to `out`.
fn refused(run: &Run, dir: &Path, code: &str, files: &[&str]) {
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!("error[{code}]")),
        "{}",
        run.stderr
    );
    for file in files {
        assert!(
            run.stderr.contains(file),
            "`{file}` not named: {}",
            run.stderr
        );
    }
    assert!(run.stderr.contains(" --> "), "located: {}", run.stderr);
    assert!(!dir.join("out.md").exists(), "nothing is written");
    assert_eq!(run.stdout, "");
}

#[test]
fn progress_of_another_organisation_is_refused() {
    let dir = samples();
    let run = dei(
        dir.path(),
        &[
            "report",
            "de-brug-2025.yaml",
            "--previous",
            "global-roots-2024.yaml",
            "-o",
            "out.md",
        ],
    );
    refused(
        &run,
        dir.path(),
        "other-organisation",
        &["de-brug-2025.yaml", "global-roots-2024.yaml"],
    );
    let run = dei(
        dir.path(),
        &[
            "compare",
            "de-brug-2024.yaml",
            "global-roots-2025.yaml",
            "-o",
            "out.md",
        ],
    );
    refused(
        &run,
        dir.path(),
        "other-organisation",
        &["de-brug-2024.yaml", "global-roots-2025.yaml"],
    );
}

#[test]
fn the_same_period_twice_or_a_later_previous_is_refused() {
    let dir = samples();
    let run = dei(
        dir.path(),
        &[
            "report",
            "de-brug-2025.yaml",
            "--previous",
            "de-brug-2025.yaml",
            "-o",
            "out.md",
        ],
    );
    refused(&run, dir.path(), "same-period", &["de-brug-2025.yaml"]);
    let run = dei(
        dir.path(),
        &[
            "report",
            "de-brug-2024.yaml",
            "--previous",
            "de-brug-2025.yaml",
            "-o",
            "out.md",
        ],
    );
    refused(
        &run,
        dir.path(),
        "previous-not-earlier",
        &["de-brug-2024.yaml", "de-brug-2025.yaml"],
    );
}

#[test]
fn periods_of_unknown_order_are_refused() {
    let dir = samples();
    let text = std::fs::read_to_string(dir.path().join("de-brug-2024.yaml")).expect("read");
    write(
        dir.path(),
        "de-brug-spring.yaml",
        &text.replace("period: 2024", "period: spring"),
    );
    let run = dei(
        dir.path(),
        &[
            "compare",
            "de-brug-spring.yaml",
            "de-brug-2025.yaml",
            "-o",
            "out.md",
        ],
    );
    refused(
        &run,
        dir.path(),
        "unknown-period-order",
        &["de-brug-spring.yaml", "de-brug-2025.yaml"],
    );
}

#[test]
fn files_are_put_in_period_order_and_a_renamed_organisation_keeps_its_id() {
    let dir = samples();
    let run = dei(
        dir.path(),
        &[
            "compare",
            "global-roots-2025.yaml",
            "global-roots-2023.yaml",
            "global-roots-2024.yaml",
            "--format",
            "json",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let value: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let periods: Vec<&str> = value["periods"]
        .as_array()
        .expect("periods")
        .iter()
        .filter_map(|p| p["period"].as_str())
        .collect();
    assert_eq!(periods, ["2023", "2024", "2025"]);
    // `--previous` is sorted the same way.
    let run = dei(
        dir.path(),
        &[
            "report",
            "global-roots-2025.yaml",
            "--previous",
            "global-roots-2024.yaml",
            "--previous",
            "global-roots-2023.yaml",
            "--format",
            "json",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let value: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(value["progress"]["periods"][0]["period"], "2023");
    // Case and spacing of the name do not matter; an id keeps a renamed organisation.
    let text = std::fs::read_to_string(dir.path().join("de-brug-2024.yaml")).expect("read");
    write(
        dir.path(),
        "spaced.yaml",
        &text.replace("name: Stichting De Brug", "name: '  STICHTING   de brug '"),
    );
    assert_eq!(
        dei(dir.path(), &["compare", "spaced.yaml", "de-brug-2025.yaml"]).code,
        0
    );
    let current = std::fs::read_to_string(dir.path().join("de-brug-2025.yaml")).expect("read");
    write(
        dir.path(),
        "old-name.yaml",
        &text.replace(
            "name: Stichting De Brug",
            "name: De Brug Rotterdam\n  id: de-brug",
        ),
    );
    write(
        dir.path(),
        "new-name.yaml",
        &current.replace(
            "name: Stichting De Brug",
            "name: Stichting De Brug\n  id: de-brug",
        ),
    );
    let run = dei(dir.path(), &["compare", "old-name.yaml", "new-name.yaml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // An id of another form is an error in the answers file.
    write(
        dir.path(),
        "bad-id.yaml",
        &current.replace(
            "name: Stichting De Brug",
            "name: Stichting De Brug\n  id: De Brug",
        ),
    );
    let run = dei(dir.path(), &["validate", "bad-id.yaml"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("error[invalid-id]") && run.stderr.contains("bad-id.yaml:"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_tailoring_compares_with_its_base_on_what_they_share() {
    let dir = samples();
    let run = dei(
        dir.path(),
        &[
            "report",
            "de-brug-tailored-2025.yaml",
            "--previous",
            "de-brug-2024.yaml",
            "--format",
            "json",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let value: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let step = &value["progress"]["steps"][0];
    // Two definitions: no overall delta, no level direction.
    assert_eq!(step["overall"]["delta"], serde_json::Value::Null);
    assert_eq!(step["level"]["direction"], "unknown");
    let section = |id: &str| {
        step["sections"]
            .as_array()
            .expect("sections")
            .iter()
            .find(|s| s["id"] == id)
            .cloned()
            .expect("section")
    };
    // `strategy` has a reweighted item (dei_fte: 0): not compared. `measurement` is unchanged.
    assert_eq!(
        section("strategy")["score"]["delta"],
        serde_json::Value::Null
    );
    assert!(
        section("measurement")["score"]["delta"].is_number(),
        "{step}"
    );
    // Excluded items are not compared at all.
    let improved: Vec<&str> = step["improved"]
        .as_array()
        .expect("improved")
        .iter()
        .filter_map(|i| i["id"].as_str())
        .collect();
    assert!(!improved.contains(&"hr.equitable_reward"));
    let run = dei(
        dir.path(),
        &["compare", "de-brug-2024.yaml", "de-brug-tailored-2025.yaml"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
}

fn answers(name: &str, id: Option<&str>, period: &str, answer: &str) -> String {
    let id = id.map_or_else(String::new, |id| format!(", id: {id}"));
    format!(
        "checklist: dei-washing-selfcheck\norganisation: {{name: {name}{id}}}\nperiod: {period}\nanswers:\n  claims.claims_register: {answer}\n  substance.budget: {answer}\n"
    )
}

fn benchmark_json(run: &Run) -> serde_json::Value {
    serde_json::from_str(&run.stdout)
        .unwrap_or_else(|error| panic!("{error}: {}{}", run.stdout, run.stderr))
}

#[test]
fn the_benchmark_counts_organisations_not_files() {
    let dir = tempfile::tempdir().expect("a folder");
    // Three periods of one organisation, two of another.
    for period in ["2023", "2024", "2025"] {
        write(
            dir.path(),
            &format!("n/a-{period}.yaml"),
            &answers("Alpha", None, period, "yes"),
        );
    }
    for period in ["2024", "2025-H1"] {
        write(
            dir.path(),
            &format!("n/b-{period}.yaml"),
            &answers("Beta", None, period, "no"),
        );
    }
    let run = dei(dir.path(), &["benchmark", "n"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let value = benchmark_json(&run);
    assert_eq!(value["organisations"], 2);
    assert_eq!(
        value["periods"],
        serde_json::json!({"2025-H1": 1, "2025": 1})
    );
    assert_eq!(value["overall"], serde_json::json!({"suppressed": true}));
    let run = dei(dir.path(), &["benchmark", "n", "--period", "2024"]);
    assert_eq!(
        benchmark_json(&run)["periods"],
        serde_json::json!({"2024": 2})
    );
    let run = dei(dir.path(), &["benchmark", "n", "--period", "2023"]);
    assert_eq!(benchmark_json(&run)["organisations"], 1);
    assert!(
        run.stderr.contains("has no answers for period `2023`"),
        "{}",
        run.stderr
    );
}

#[test]
fn links_and_copies_count_once_and_conflicting_duplicates_are_refused() {
    let dir = tempfile::tempdir().expect("a folder");
    write(
        dir.path(),
        "n/a.yaml",
        &answers("Alpha", None, "2025", "yes"),
    );
    write(dir.path(), "n/b.yaml", &answers("Beta", None, "2025", "no"));
    std::fs::hard_link(
        dir.path().join("n/a.yaml"),
        dir.path().join("n/a-hard.yaml"),
    )
    .expect("a hard link");
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        dir.path().join("n/b.yaml"),
        dir.path().join("n/b-link.yaml"),
    )
    .expect("a link");
    write(
        dir.path(),
        "n/copy.yaml",
        &answers("Alpha", None, "2025", "yes"),
    );
    let run = dei(dir.path(), &["benchmark", "n"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(benchmark_json(&run)["organisations"], 2);
    assert!(run.stderr.contains("the same file as"), "{}", run.stderr);
    assert!(
        run.stderr.contains("has the same content as"),
        "{}",
        run.stderr
    );
    // The same organisation and period with other answers: an error naming both, no output.
    write(
        dir.path(),
        "n/zz-other.yaml",
        &answers(" ALPHA ", None, "2025", "no"),
    );
    let run = dei(dir.path(), &["benchmark", "n", "-o", "out.json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("error[duplicate-contribution]"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("n/zz-other.yaml") && run.stderr.contains("n/a.yaml"),
        "{}",
        run.stderr
    );
    assert!(!dir.path().join("out.json").exists());
    // Periods of one organisation without a known order: an error, no output.
    std::fs::remove_file(dir.path().join("n/zz-other.yaml")).expect("removed");
    write(
        dir.path(),
        "n/zz-spring.yaml",
        &answers("Beta", None, "spring", "no"),
    );
    let run = dei(dir.path(), &["benchmark", "n", "-o", "out.json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("error[unknown-period-order]"),
        "{}",
        run.stderr
    );
    assert!(!dir.path().join("out.json").exists());
}

#[test]
fn dei_outputs_in_the_folder_are_recognised_and_skipped() {
    let dir = tempfile::tempdir().expect("a folder");
    for (index, answer) in ["yes", "no", "partly", "yes", "no", "partly"]
        .iter()
        .enumerate()
    {
        write(
            dir.path(),
            &format!("n/org-{index}.yaml"),
            &answers(&format!("Org {index}"), None, "2025", answer),
        );
    }
    let first = dei(dir.path(), &["benchmark", "n", "-o", "n/benchmark.json"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let scorecard = dei(dir.path(), &["score", "n/org-0.yaml", "--format", "json"]);
    write(dir.path(), "n/org-0.scorecard.json", &scorecard.stdout);
    let run = dei(dir.path(), &["benchmark", "n"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("note: skipped `n/benchmark.json`: it is a benchmark"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("note: skipped `n/org-0.scorecard.json`: it is a scorecard"),
        "{}",
        run.stderr
    );
    assert_eq!(benchmark_json(&run)["organisations"], 6);
    assert_eq!(benchmark_json(&run)["left_out"], 0);
}

#[test]
fn a_crafted_benchmark_file_is_refused_by_report() {
    let dir = samples();
    let network = tempfile::tempdir().expect("a folder");
    for (index, answer) in ["yes", "no", "partly", "yes", "no", "partly", "yes"]
        .iter()
        .enumerate()
    {
        write(
            network.path(),
            &format!("org-{index}.yaml"),
            &answers(&format!("Org {index}"), None, "2025", answer),
        );
    }
    let made = dei(network.path(), &["benchmark", "."]);
    assert_eq!(made.code, 0, "{}", made.stderr);
    write(dir.path(), "good.json", &made.stdout);
    let run = dei(
        dir.path(),
        &[
            "report",
            "horizon-aid-selfcheck-2025.yaml",
            "--benchmark",
            "good.json",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("To keep every member anonymous"),
        "{}",
        run.stdout
    );
    let run = dei(
        dir.path(),
        &[
            "report",
            "horizon-aid-selfcheck-2025.yaml",
            "--benchmark",
            "good.json",
            "--lang",
            "nl",
        ],
    );
    assert!(
        run.stdout.contains("Om elk lid anoniem te houden"),
        "{}",
        run.stdout
    );
    for (from, to, says) in [
        (
            "\"schema_version\": 2",
            "\"schema_version\": 99",
            "`schema_version` 99",
        ),
        ("\"min_group\": 5", "\"min_group\": 1", "`min_group` is 1"),
    ] {
        write(dir.path(), "crafted.json", &made.stdout.replace(from, to));
        let run = dei(
            dir.path(),
            &[
                "report",
                "horizon-aid-selfcheck-2025.yaml",
                "--benchmark",
                "crafted.json",
                "-o",
                "out.md",
            ],
        );
        refused(&run, dir.path(), "invalid-benchmark", &["crafted.json"]);
        assert!(run.stderr.contains(says), "{}", run.stderr);
    }
}

#[test]
fn the_markdown_benchmark_says_what_is_hidden_in_english_and_dutch() {
    let dir = tempfile::tempdir().expect("a folder");
    for index in 0..3 {
        write(
            dir.path(),
            &format!("n/org-{index}.yaml"),
            &answers(&format!("Org {index}"), None, "2025", "yes"),
        );
    }
    let run = dei(dir.path(), &["benchmark", "n", "--format", "md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("No lowest or highest score is shown"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("Publish one benchmark per period"),
        "{}",
        run.stdout
    );
    let run = dei(
        dir.path(),
        &["benchmark", "n", "--format", "md", "--lang", "nl"],
    );
    assert!(
        run.stdout
            .contains("Er staat geen laagste of hoogste score in"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("| Inactief |") || run.stdout.contains("verborgen"),
        "{}",
        run.stdout
    );
}

/// The workers read and parse files before the checklist, and so the language of the run, is
/// known: what they report is still in the checklist's language.
#[test]
fn a_benchmark_on_a_dutch_checklist_reports_its_problems_in_dutch() {
    let dir = tempfile::tempdir().expect("a folder");
    let english_first = std::fs::read_to_string(
        repository_root().join("crates/dei-core/checklists/dei-washing-selfcheck.yaml"),
    )
    .expect("the built-in checklist");
    assert!(english_first.contains("languages: [en, nl]"));
    write(
        dir.path(),
        "nl.yaml",
        &english_first.replace("languages: [en, nl]", "languages: [nl, en]"),
    );
    for (index, name) in ["Alpha", "Beta", "Gamma", "Delta", "Epsilon"]
        .iter()
        .enumerate()
    {
        let text = answers(name, None, "2025", "yes")
            .replace("checklist: dei-washing-selfcheck", "checklist: ../nl.yaml");
        write(dir.path(), &format!("n/{index}.yaml"), &text);
    }
    write(
        dir.path(),
        "n/7-broken.yaml",
        "checklist: ../nl.yaml\nanswers: [\n",
    );
    let unknown_option = answers("Zeta", None, "2025", "maybe")
        .replace("checklist: dei-washing-selfcheck", "checklist: ../nl.yaml");
    write(dir.path(), "n/8-unknown.yaml", &unknown_option);

    let run = dei(dir.path(), &["benchmark", "n"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(benchmark_json(&run)["organisations"], 5);
    let problems: Vec<&str> = run
        .stderr
        .lines()
        .filter(|line| line.starts_with("fout[") || line.starts_with("error["))
        .collect();
    assert_eq!(problems.len(), 2, "{}", run.stderr);
    assert!(
        problems.iter().all(|line| line.starts_with("fout[")),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("7-broken.yaml"), "{}", run.stderr);
    assert!(run.stderr.contains("8-unknown.yaml"), "{}", run.stderr);
}
