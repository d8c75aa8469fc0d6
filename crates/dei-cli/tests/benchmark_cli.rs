//! End-to-end tests of `dei benchmark`: privacy, left-out files, exit codes, formats and
//! determinism, running the real binary on answers files in a temporary folder.

mod common;
use common::{Run, dei};

use std::path::Path;

/// The distinctive strings planted in every answers file; none may reach the output.
const SECRETS: &[&str] = &[
    "ZEBRA-ORG-7731",
    "ZEBRA",
    "SECRET-CONTACT",
    "QUAGGA-ASSESSOR",
    "OKAPI-COMMENT",
    "NARWHAL-EVIDENCE",
    "AXOLOTL-REASON",
    "Amsterdam",
];

/// An answers file of the DEI-washing self-check for organisation `index`, with free text in
/// every place the format allows it.
fn answers_text(index: usize) -> String {
    let answer = ["yes", "partly", "no"][index % 3];
    let owner = ["paid_time", "volunteers", "nobody"][index % 3];
    format!(
        "checklist: dei-washing-selfcheck
organisation:
  name: ZEBRA-ORG-7731 number {index}
  contact: SECRET-CONTACT-{index}@example.org
  city: Amsterdam
  staff: {staff}
period: PANGOLIN-PERIOD-{index}
assessed_by: [QUAGGA-ASSESSOR-{index}]
answers:
  claims.claim_types: [diverse_workforce, equal_pay]
  claims.claims_register:
    value: {answer}
    comment: OKAPI-COMMENT-{index} we keep a register
    evidence: [NARWHAL-EVIDENCE-{index}.pdf]
  claims.data_age: {{na: true, reason: AXOLOTL-REASON-{index} no data yet}}
  claims.weaknesses_named: {answer}
  substance.budget: {{value: {answer}, evidence: [NARWHAL-EVIDENCE-budget-{index}]}}
  substance.owner: {owner}
  voices.affected_reviewed: yes
  consistency.year_round: {{value: {answer}, comment: OKAPI-COMMENT-year-{index}}}
",
        staff = 10 + index * 7,
    )
}

/// A temporary folder with `count` answers files `answers/org-NN.yaml`.
fn network(count: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::create_dir(dir.path().join("answers")).expect("a subfolder");
    for index in 0..count {
        write(
            dir.path(),
            &format!("answers/org-{index:02}.yaml"),
            &answers_text(index),
        );
    }
    dir
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).expect("the fixture is written");
}

fn json(run: &Run) -> serde_json::Value {
    serde_json::from_str(&run.stdout).expect("stdout is JSON")
}

#[test]
fn nothing_from_the_answers_files_reaches_the_output() {
    let dir = network(8);
    let out_dir = dir.path();
    let json_run = dei(out_dir, &["benchmark", "answers"]);
    assert_eq!(json_run.code, 0, "{}", json_run.stderr);
    // Quiet when piped: no progress bar, no summary, nothing left out.
    assert_eq!(json_run.stderr, "");
    let md_run = dei(out_dir, &["benchmark", "answers", "--format", "md"]);
    assert_eq!(md_run.code, 0, "{}", md_run.stderr);
    let file_run = dei(out_dir, &["benchmark", "answers", "-o", "benchmark.json"]);
    assert_eq!(file_run.code, 0, "{}", file_run.stderr);
    assert_eq!(file_run.stdout, "");
    let written = std::fs::read_to_string(out_dir.join("benchmark.json")).expect("written");
    assert_eq!(written, json_run.stdout);
    for output in [&json_run.stdout, &md_run.stdout, &written] {
        for secret in SECRETS {
            assert!(!output.contains(secret), "`{secret}` leaked:\n{output}");
        }
        assert!(!output.contains("org-0"), "a file name leaked:\n{output}");
    }
    let value = json(&json_run);
    assert_eq!(value["organisations"], 8);
    assert_eq!(value["left_out"], 0);
}

#[test]
fn the_json_benchmark_of_a_network() {
    let dir = network(8);
    let run = dei(dir.path(), &["benchmark", "answers"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn the_markdown_benchmark_of_a_network() {
    let dir = network(8);
    let run = dei(dir.path(), &["benchmark", "answers", "--format", "md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn files_for_another_checklist_and_invalid_files_are_left_out_and_reported() {
    let dir = network(6);
    write(
        dir.path(),
        "answers/other-checklist.yaml",
        "checklist: ngo-dei\norganisation: {name: ZEBRA-ORG-7731 other}\nperiod: 2025\nanswers: {}\n",
    );
    write(
        dir.path(),
        "answers/broken.yaml",
        "checklist: dei-washing-selfcheck\norganisation: {name: ZEBRA-ORG-7731 broken}\nperiod: 2025\nanswers:\n  claims.claims_regster: yes\n  substance.budget: maybe\n",
    );
    write(dir.path(), "answers/not-yaml.json", "{\"checklist\": ");
    let run = dei(dir.path(), &["benchmark", "answers"]);
    assert_eq!(run.code, 1);
    let value = json(&run);
    assert_eq!(value["organisations"], 6);
    assert_eq!(value["left_out"], 3);
    assert_eq!(value["checklist"]["id"], "dei-washing-selfcheck");
    for secret in SECRETS {
        assert!(!run.stdout.contains(secret), "`{secret}` leaked");
    }
    // Every left-out file is named with its first problem, in file order, then a summary.
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn the_first_valid_file_fixes_the_checklist() {
    let dir = network(6);
    write(
        dir.path(),
        "first.yaml",
        "checklist: ngo-dei\norganisation: {name: First}\nperiod: 2025\nanswers: {}\n",
    );
    let run = dei(dir.path(), &["benchmark", "first.yaml", "answers"]);
    assert_eq!(run.code, 1);
    let value = json(&run);
    assert_eq!(value["checklist"]["id"], "ngo-dei");
    assert_eq!(value["organisations"], 1);
    assert_eq!(value["left_out"], 6);
    assert_eq!(value["overall"], serde_json::json!({"suppressed": true}));
    assert!(
        run.stderr.contains("`first.yaml`, fixed the checklist"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_same_files_in_another_order_give_identical_output() {
    let dir = network(9);
    let mut files: Vec<String> = (0..9).map(|i| format!("answers/org-{i:02}.yaml")).collect();
    let forward: Vec<&str> = std::iter::once("benchmark")
        .chain(files.iter().map(String::as_str))
        .collect();
    let first = dei(dir.path(), &forward);
    assert_eq!(first.code, 0, "{}", first.stderr);
    files.reverse();
    files.swap(2, 6);
    let backward: Vec<&str> = std::iter::once("benchmark")
        .chain(files.iter().map(String::as_str))
        .collect();
    let second = dei(dir.path(), &backward);
    let folder = dei(dir.path(), &["benchmark", "answers"]);
    assert_eq!(first.stdout, second.stdout);
    assert_eq!(first.stdout, folder.stdout);
    for _ in 0..3 {
        assert_eq!(
            dei(dir.path(), &["benchmark", "answers"]).stdout,
            first.stdout
        );
    }
}

/// A folder with ten organisations whose scores differ: the disclosure control hides quartiles
/// that fall on the lowest or highest score, and every level count of a network below ten, so
/// a network of three repeated answer patterns shows nothing whatever `--min-group` is.
fn varied_network() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::create_dir(dir.path().join("answers")).expect("a subfolder");
    let choice = |digit: usize| ["yes", "partly", "no"][digit % 3];
    for index in 0..10 {
        write(
            dir.path(),
            &format!("answers/org-{index:02}.yaml"),
            &format!(
                "checklist: dei-washing-selfcheck\norganisation: {{name: Org {index}}}\nperiod: 2025\nanswers:\n  claims.claims_register: {}\n  claims.weaknesses_named: {}\n  substance.budget: {}\n  substance.owner: paid_time\n  voices.affected_reviewed: 'yes'\n  consistency.year_round: {}\n",
                choice(index),
                choice(index / 3),
                choice(index / 9),
                choice(index / 2),
            ),
        );
    }
    dir
}

#[test]
fn suppression_follows_min_group() {
    let dir = varied_network();
    let at = |k: &str| {
        json(&dei(
            dir.path(),
            &["benchmark", "answers", "--min-group", k],
        ))
    };
    // Ten organisations: shown with k = 5 and k = 10, suppressed with k = 11.
    assert_eq!(at("5")["overall"]["n"], 10, "{}", at("5"));
    assert_eq!(at("10")["overall"]["n"], 10);
    assert_eq!(at("10")["min_group"], 10);
    let eleven = at("11");
    assert_eq!(eleven["overall"], serde_json::json!({"suppressed": true}));
    assert_eq!(eleven["min_group"], 11);
    assert!(
        eleven["sections"]
            .as_array()
            .expect("sections")
            .iter()
            .all(|section| section["suppressed"] == true)
    );
}

#[test]
fn a_min_group_below_five_is_a_usage_error() {
    let dir = network(6);
    for k in ["4", "2", "0", "many"] {
        let run = dei(dir.path(), &["benchmark", "answers", "--min-group", k]);
        assert_eq!(run.code, 2, "{k}: {}", run.stderr);
        assert_eq!(run.stdout, "");
        assert!(run.stderr.contains("--min-group"), "{}", run.stderr);
    }
    let run = dei(dir.path(), &["benchmark", "answers", "--min-group", "4"]);
    assert!(
        run.stderr.contains("at least 5 organisations"),
        "{}",
        run.stderr
    );
    assert_eq!(
        dei(dir.path(), &["benchmark", "answers", "--min-group", "5"]).code,
        0
    );
}

#[test]
fn patterns_are_expanded_in_the_last_part() {
    let dir = network(7);
    let run = dei(dir.path(), &["benchmark", "answers/org-0?.yaml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(json(&run)["organisations"], 7);
    let run = dei(
        dir.path(),
        &["benchmark", "answers/org-0[1].yaml", "answers/*-05.yaml"],
    );
    // `[` is literal: the first names no file and is left out; the second finds one.
    assert_eq!(run.code, 1);
    assert_eq!(json(&run)["organisations"], 1);
    let run = dei(
        dir.path(),
        &["benchmark", "answers/nothing-*.yaml", "answers"],
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("matches this pattern"),
        "{}",
        run.stderr
    );
    let value = json(&run);
    assert_eq!(value["organisations"], 7);
    assert_eq!(value["left_out"], 1);
    let run = dei(dir.path(), &["benchmark", "*/org-00.yaml"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("only the last part"), "{}", run.stderr);
}

#[test]
fn folders_are_searched_recursively_and_repeats_count_once() {
    let dir = network(5);
    std::fs::create_dir(dir.path().join("answers/more")).expect("a subfolder");
    write(dir.path(), "answers/more/org-x.yml", &answers_text(5));
    write(dir.path(), "answers/notes.txt", "not an answers file");
    write(dir.path(), "answers/.hidden.yaml", "not: read");
    let run = dei(
        dir.path(),
        &[
            "benchmark",
            "answers",
            "answers/org-00.yaml",
            "answers/more",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(json(&run)["organisations"], 6);
    assert!(run.stderr.contains("counted once"), "{}", run.stderr);
}

/// A file reached by a symbolic link, or by a path with `..`, is the same file: counted once
/// (whichever path comes first), and never written over.
#[cfg(unix)]
#[test]
fn links_and_dotted_paths_name_the_same_file() {
    let dir = network(5);
    std::os::unix::fs::symlink("org-01.yaml", dir.path().join("answers/zz-link.yaml"))
        .expect("a symbolic link");
    let run = dei(
        dir.path(),
        &["benchmark", "answers", "answers/../answers/org-02.yaml"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(json(&run)["organisations"], 5);
    assert!(
        run.stderr
            .contains("`answers/zz-link.yaml` is given more than once"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("`answers/../answers/org-02.yaml` is given more than once"),
        "{}",
        run.stderr
    );

    let before = std::fs::read(dir.path().join("answers/org-01.yaml")).expect("readable");
    std::os::unix::fs::symlink("answers/org-01.yaml", dir.path().join("out.json"))
        .expect("a symbolic link");
    let run = dei(dir.path(), &["benchmark", "answers", "-o", "out.json"]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(run.stderr.contains("refusing to write"), "{}", run.stderr);
    let after = std::fs::read(dir.path().join("answers/org-01.yaml")).expect("readable");
    assert_eq!(before, after);
}

#[test]
fn tailorings_in_a_folder_are_skipped_and_their_answers_join_the_base() {
    let dir = network(5);
    write(
        dir.path(),
        "answers/tailoring.yaml",
        "tailors: dei-washing-selfcheck\nid: our-selfcheck\nweights: {claims: 2, voices.affected_reviewed: 0}\n",
    );
    write(
        dir.path(),
        "answers/tailored.yaml",
        "checklist: tailoring.yaml\norganisation: {name: Tailored}\nperiod: 2025\nanswers: {substance.budget: 'yes', substance.owner: paid_time}\n",
    );
    let run = dei(dir.path(), &["benchmark", "answers"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let value = json(&run);
    // The tailored answers count as a sixth organisation, on the sections it leaves unchanged
    // (claims has another weight only, so its score is unchanged; voices has changed weights);
    // its overall score, level and flags stay out.
    assert_eq!(value["organisations"], 6);
    assert_eq!(value["left_out"], 0);
    assert_eq!(value["checklist"]["id"], "dei-washing-selfcheck");
    let n = |section: usize| value["sections"][section]["n"].clone();
    assert_eq!(value["overall"]["n"].as_u64().map_or(5, |n| n), 5);
    assert!(
        n(1) == 6 || value["sections"][1]["suppressed"] == true,
        "{value}"
    );
    assert!(value["sections"][2]["n"] != 6, "{value}");
    assert!(
        run.stderr
            .contains("note: skipped `answers/tailoring.yaml`: it is a tailoring"),
        "{}",
        run.stderr
    );
    // Named on its own, a tailoring is read, found not to be answers, and left out.
    let run = dei(
        dir.path(),
        &["benchmark", "answers/org-00.yaml", "answers/tailoring.yaml"],
    );
    assert_eq!(run.code, 1);
    assert_eq!(json(&run)["left_out"], 1);
    assert!(
        run.stderr
            .contains("this is a tailoring, not an answers file"),
        "{}",
        run.stderr
    );
}

#[test]
fn nothing_to_benchmark_is_an_error_without_output() {
    let dir = network(0);
    let run = dei(dir.path(), &["benchmark", "answers", "missing.yaml"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.contains("holds no answers files"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("missing.yaml"), "{}", run.stderr);
    assert!(
        run.stderr.contains("no answers file could be benchmarked"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_output_never_overwrites_an_input() {
    let dir = network(5);
    let before = std::fs::read_to_string(dir.path().join("answers/org-00.yaml")).expect("read");
    let run = dei(
        dir.path(),
        &["benchmark", "answers", "-o", "answers/org-00.yaml"],
    );
    assert_eq!(run.code, 3, "{}", run.stderr);
    let after = std::fs::read_to_string(dir.path().join("answers/org-00.yaml")).expect("read");
    assert_eq!(before, after);
}

#[test]
fn the_benchmark_schema_describes_suppression() {
    let dir = network(0);
    let run = dei(dir.path(), &["schema", "benchmark"]);
    assert_eq!(run.code, 0);
    let schema: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(
        schema["$defs"]["Suppressed"]["properties"]["suppressed"]["const"],
        true
    );
    assert!(schema["$defs"]["Count"]["anyOf"].is_array());
    assert!(schema["$defs"]["Share"]["anyOf"].is_array());
}
