//! End-to-end tests of several respondents (SPEC section 15) through the `dei` binary: the
//! sample's combined draft is current, `dei combine` refuses what does not belong together and
//! never writes over an input, respondents' words never reach a report, the results do not
//! depend on the order of the files, and `dei init --respondent` writes the staff pulse.

mod common;
use common::{dei, repository_root};
use std::path::PathBuf;

const UPDATE: &str = "DEI_UPDATE_SAMPLES=1 cargo test -p dei-cli --test respondents";

fn sample_folder() -> PathBuf {
    repository_root().join("checklists/samples/bridgeway-2025-respondents")
}

/// The sample's staff files, relative to the repository root, in name order.
fn staff_files() -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(sample_folder())
        .expect("the sample folder exists")
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("staff-"))
        .map(|name| format!("checklists/samples/bridgeway-2025-respondents/{name}"))
        .collect();
    files.sort();
    files
}

#[test]
fn the_sample_draft_is_what_dei_combine_writes() {
    let files = staff_files();
    assert_eq!(files.len(), 12);
    let mut args = vec!["combine"];
    args.extend(files.iter().map(String::as_str));
    let run = dei(&repository_root(), &args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let path = sample_folder().join("draft.yaml");
    if std::env::var_os("DEI_UPDATE_SAMPLES").is_some() {
        std::fs::write(&path, &run.stdout).expect("written");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == run.stdout,
        "checklists/samples/bridgeway-2025-respondents/draft.yaml is stale: regenerate it with\n  {UPDATE}"
    );
    // The draft is an organisation answers file: it validates, has no respondent key, and
    // counts the group.
    assert!(run.stdout.contains("assessed_by:\n  - \"staff (12)\""));
    assert!(!run.stdout.contains("\nrespondent:"));
    let validate = dei(
        &repository_root(),
        &[
            "validate",
            "checklists/samples/bridgeway-2025-respondents/draft.yaml",
        ],
    );
    assert_eq!(validate.code, 0, "{}", validate.stderr);
}

/// The sample's report with its respondents, in every format and language.
fn reports(respondents: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for format in ["md", "html", "json"] {
        for lang in ["en", "nl"] {
            let mut args = vec![
                "report",
                "checklists/samples/bridgeway-2025.yaml",
                "--format",
                format,
                "--lang",
                lang,
                "--respondents",
            ];
            args.extend(respondents.iter().map(String::as_str));
            let run = dei(&repository_root(), &args);
            assert_eq!(run.code, 0, "{}", run.stderr);
            out.push(run.stdout);
        }
    }
    out
}

#[test]
fn the_sample_shows_perception_gaps_and_conversation_starters() {
    let reports = reports(&staff_files());
    let (en, nl, json) = (&reports[0], &reports[1], &reports[4]);
    assert!(en.contains("## How respondents see it"));
    assert!(en.contains("Perception gap in Culture and inclusive leadership"));
    assert!(en.contains("## Workshop: conversation starters"));
    assert!(nl.contains("Perceptiekloof bij Cultuur en inclusief leiderschap"));
    assert!(nl.contains("## Werksessie: gespreksstarters"));
    let scorecard: serde_json::Value = serde_json::from_str(json).expect("JSON");
    let respondents = &scorecard["respondents"];
    assert_eq!(respondents["min_group"], 5);
    assert_eq!(respondents["groups"][0]["id"], "staff");
    assert_eq!(respondents["groups"][0]["n"], 12);
    let starters = respondents["conversation_starters"]
        .as_array()
        .expect("list");
    assert!(!starters.is_empty() && starters.len() <= 10);
    let gaps = scorecard["flags"]
        .as_array()
        .expect("flags")
        .iter()
        .filter(|flag| flag["rule"] == "perception_gap")
        .count();
    assert!(gaps >= 1);
}

#[test]
fn respondents_words_never_reach_a_report() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut files = Vec::new();
    for (index, source) in staff_files().iter().enumerate() {
        let text = std::fs::read_to_string(repository_root().join(source)).expect("readable");
        // Plant distinctive words everywhere a respondent can write: a comment, evidence, an
        // N/A reason, a text answer, an organisation key.
        let planted = text
            .replace(
                "  staff: 85\n",
                &format!("  staff: 85\n  contact: SECRET-CONTACT-{index}@example.org\n"),
            )
            .replace(
                "period: 2025\n",
                &format!("period: 2025\nassessed_by: [JANE-DOE-NAME-{index}]\n"),
            )
            .replace(
                "answers:\n",
                &format!(
                    "answers:\n  strategy.trigger: OKAPI-TEXT-{index}\n  hr.equitable_reward: {{na: true, reason: AXOLOTL-REASON-{index}}}\n  integrity.honest_reporting:\n    value: partly\n    comment: NARWHAL-COMMENT-{index}\n    evidence: [QUAGGA-EVIDENCE-{index}.pdf]\n"
                ),
            );
        let path = dir.path().join(format!("respondent-{index:02}.yaml"));
        std::fs::write(&path, planted).expect("written");
        files.push(path.display().to_string());
    }
    for report in reports(&files) {
        for secret in [
            "SECRET-CONTACT",
            "OKAPI-TEXT",
            "AXOLOTL-REASON",
            "NARWHAL-COMMENT",
            "QUAGGA-EVIDENCE",
            "PRIVATE-NOTE",
            "JANE-DOE-NAME",
            "respondent-0",
        ] {
            assert!(!report.contains(secret), "{secret} leaked");
        }
    }
    // The draft leaves comments, text answers, names and organisation keys that not every
    // respondent gave out.
    let mut args = vec!["combine"];
    args.extend(files.iter().map(String::as_str));
    let run = dei(dir.path(), &args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for secret in [
        "OKAPI-TEXT",
        "NARWHAL-COMMENT",
        "PRIVATE-NOTE",
        "SECRET-CONTACT",
        "JANE-DOE-NAME",
    ] {
        assert!(!run.stdout.contains(secret), "{secret} in the draft");
    }
}

#[test]
fn outputs_do_not_depend_on_the_order_of_the_files() {
    let forward = staff_files();
    let mut backward = forward.clone();
    backward.reverse();
    let mut shuffled = forward.clone();
    shuffled.rotate_left(5);
    let expected = reports(&forward);
    assert_eq!(reports(&backward), expected);
    assert_eq!(reports(&shuffled), expected);
    let combine = |files: &[String]| {
        let mut args = vec!["combine"];
        args.extend(files.iter().map(String::as_str));
        dei(&repository_root(), &args).stdout
    };
    assert_eq!(combine(&backward), combine(&forward));
}

#[test]
fn combine_refuses_another_organisation_or_period_with_a_location() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let files = staff_files();
    let first = std::fs::read_to_string(repository_root().join(&files[0])).expect("readable");
    std::fs::write(dir.path().join("a.yaml"), &first).expect("written");
    std::fs::write(
        dir.path().join("b.yaml"),
        first.replace(
            "  id: bridgeway\n  name: Bridgeway Foundation",
            "  name: Other Org",
        ),
    )
    .expect("written");
    std::fs::write(
        dir.path().join("c.yaml"),
        first.replace("period: 2025", "period: 2024"),
    )
    .expect("written");
    let run = dei(dir.path(), &["combine", "a.yaml", "b.yaml", "c.yaml"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("b.yaml:8:"), "{}", run.stderr);
    assert!(
        run.stderr.contains("about organisation `Other Org`"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("c.yaml:11:"), "{}", run.stderr);
    assert!(run.stderr.contains("for period `2024`"), "{}", run.stderr);
    assert!(run.stdout.is_empty());
    // An organisation answers file is not a respondent's file.
    let run = dei(
        &repository_root(),
        &[
            "combine",
            "checklists/samples/bridgeway-2025.yaml",
            &files[0],
        ],
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("error[not-respondent]"),
        "{}",
        run.stderr
    );
    // The same file twice would count one respondent twice.
    let run = dei(&repository_root(), &["combine", &files[0], &files[0]]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("already given"), "{}", run.stderr);
}

#[test]
fn combine_never_writes_over_an_input() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let text =
        std::fs::read_to_string(repository_root().join(&staff_files()[0])).expect("readable");
    std::fs::write(dir.path().join("a.yaml"), &text).expect("written");
    std::fs::write(dir.path().join("b.yaml"), &text).expect("written");
    let run = dei(
        dir.path(),
        &["combine", "a.yaml", "b.yaml", "-o", "./b.yaml"],
    );
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("b.yaml")).expect("kept"),
        text
    );
    let run = dei(
        dir.path(),
        &["combine", "a.yaml", "b.yaml", "-o", "draft.yaml"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let draft = std::fs::read_to_string(dir.path().join("draft.yaml")).expect("written");
    assert!(draft.contains("assessed_by:\n  - \"staff (2)\""), "{draft}");
}

#[test]
fn report_min_group_is_at_least_three_and_small_groups_are_hidden() {
    let files = staff_files();
    let mut args = vec![
        "report",
        "checklists/samples/bridgeway-2025.yaml",
        "--min-group",
        "2",
        "--respondents",
    ];
    args.extend(files.iter().map(String::as_str));
    assert_eq!(dei(&repository_root(), &args).code, 2);
    // Four respondents with the default k = 5: no group shown, nothing to discuss.
    let mut args = vec![
        "report",
        "checklists/samples/bridgeway-2025.yaml",
        "--format",
        "json",
        "--respondents",
    ];
    args.extend(files.iter().take(4).map(String::as_str));
    let run = dei(&repository_root(), &args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let scorecard: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(scorecard["respondents"]["groups"], serde_json::json!([]));
    assert_eq!(scorecard["respondents"]["left_out"], 4);
    assert_eq!(
        scorecard["respondents"]["conversation_starters"],
        serde_json::json!([])
    );
}

#[test]
fn init_writes_a_respondents_template_with_the_marked_items_only() {
    let run = dei(
        &repository_root(),
        &["init", "ngo-dei", "--respondent", "staff"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("respondent: {group: staff}"));
    assert!(!run.stdout.contains("\nassessed_by:"));
    assert!(!run.stdout.contains("\ngoals:"));
    let keys: Vec<&str> = run
        .stdout
        .lines()
        .filter(|line| line.starts_with("  ") && !line.starts_with("  #") && line.ends_with(':'))
        .filter(|line| line.contains('.'))
        .map(str::trim)
        .collect();
    assert_eq!(
        keys,
        [
            "strategy.staff_time_recognised:",
            "hr.flexible_work:",
            "hr.fair_progression:",
            "culture.leaders_speak:",
            "culture.transparent_decisions:",
            "culture.staff_networks:",
            "integrity.year_round:",
            "wellbeing.workload_monitoring:",
            "wellbeing.dei_champion_support:",
            "wellbeing.psychological_safety:",
            "wellbeing.psychological_safety_discussed:",
            "partnerships.partner_feedback:",
        ]
    );
    // It validates as written.
    let dir = tempfile::tempdir().expect("temporary folder");
    std::fs::write(dir.path().join("pulse.yaml"), &run.stdout).expect("written");
    let validate = dei(dir.path(), &["validate", "pulse.yaml"]);
    assert_eq!(validate.code, 0, "{}", validate.stderr);
    // A name is not a group.
    let bad = dei(
        &repository_root(),
        &["init", "ngo-dei", "--respondent", "Jane Doe"],
    );
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("not a respondent group id"),
        "{}",
        bad.stderr
    );
}
