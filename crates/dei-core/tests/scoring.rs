//! Scoring pinned by hand-computed cases (SPEC section 5) and property tests.

use dei_core::checklist::Target;
use dei_core::scorecard::{Status, WashingRisk};
use dei_core::{Answers, Checklist, Scorecard, Source, score};
use proptest::prelude::*;

const CHECKLIST: &str = r#"
id: score-test
version: 1.0.0
languages: [en]
title: Scoring test
scales:
  ypn:
    - {id: "yes", label: "Yes", score: 1}
    - {id: partly, label: Partly, score: 0.5}
    - {id: "no", label: "No", score: 0}
levels:
  - {id: l0, min: 0, label: L0}
  - {id: l1, min: 40, label: L1}
  - {id: l2, min: 60, label: L2, requires: [s.gate]}
  - {id: l3, min: 80, label: L3, requires: [s.gate2]}
sections:
  - id: s
    title: S
    items:
      - {id: c1, question: Q, type: choice, scale: ypn, weight: 2, evidence: required, kind: policy, tags: [gender]}
      - id: m1
        question: Q
        type: multi
        kind: practice
        tags: [gender]
        options:
          - {id: a, label: A, score: 0.5}
          - {id: b, label: B, score: 0.4}
          - {id: c, label: C, score: 0.3}
      - {id: n1, question: Q, type: number, unit: percent, min: 0, max: 100, target: {good: [40, 60], poor: [20, 80]}, kind: outcome}
      - {id: n2, question: Q, type: number, target: {good: 0, poor: 20}, evidence: recommended}
      - {id: n3, question: Q, type: number}
      - {id: t1, question: Q, type: text}
      - {id: gate, question: Q, type: choice, scale: ypn}
      - {id: gate2, question: Q, type: choice, scale: ypn}
      - {id: na_item, question: Q, type: choice, scale: ypn, allow_na: true}
      - {id: cond, question: Q, type: choice, scale: ypn, applies_if: "answer.s.c1 == 'yes'"}
      - {id: cond2, question: Q, type: choice, scale: ypn, applies_if: "answer.s.cond == 'yes'"}
  - id: z
    title: Z
    weight: 0
    items:
      - {id: z1, question: Q, type: choice, scale: ypn}
  - id: e
    title: E
    items:
      - {id: t, question: Q, type: text}
rules:
  - id: unevidenced_policy
    severity: medium
    when: "answer.s.c1 == 'yes' and evidence.s.c1 == 0"
    title: Claim without evidence
  - id: policy_ahead
    severity: high
    when: "index.kind.policy is not none and index.kind.practice is not none and index.kind.policy - index.kind.practice >= 40"
    title: Policy far ahead of practice
"#;

fn checklist() -> Checklist {
    Checklist::from_source(&Source::new("score-test.yaml", CHECKLIST))
        .expect("the test checklist is valid")
}

fn card(answers: &str) -> Scorecard {
    let checklist = checklist();
    let text = format!(
        "checklist: score-test\norganisation: {{name: Org}}\nperiod: 2025\nanswers:\n{answers}"
    );
    let answers = Answers::from_source(&Source::new("answers.yaml", text), &checklist)
        .expect("valid answers");
    score(&checklist, &answers).expect("scoring succeeds")
}

fn item<'a>(card: &'a Scorecard, id: &str) -> &'a dei_core::scorecard::ItemResult {
    card.items
        .iter()
        .find(|item| item.id == id)
        .expect("item exists")
}

fn close(actual: Option<f64>, expected: f64) {
    let actual = actual.expect("a value");
    assert!(
        (actual - expected).abs() < 1e-9,
        "expected {expected}, got {actual}"
    );
}

const CASE_A: &str = "
  s.c1: yes
  s.m1: [a, b, c]
  s.n1: 30
  s.n2: 5
  s.gate: yes
  s.na_item: {na: true, reason: Not relevant here}
  z.z1: yes
";

#[test]
fn target_formula_both_sides_and_one_sided() {
    let ranged = Target {
        good: (40.0, 60.0),
        poor: (20.0, 80.0),
    };
    for (value, expected) in [
        (30.0, 0.5),
        (70.0, 0.5),
        (50.0, 1.0),
        (40.0, 1.0),
        (60.0, 1.0),
        (10.0, 0.0),
        (90.0, 0.0),
        (25.0, 0.25),
    ] {
        assert!(
            (ranged.score(value) - expected).abs() < 1e-12,
            "{value} → {expected}"
        );
    }
    // good 0, poor 20: lower is better; below the good band the formula gives full marks.
    let lower_better = Target {
        good: (0.0, 0.0),
        poor: (20.0, 20.0),
    };
    for (value, expected) in [
        (5.0, 0.75),
        (-3.0, 1.0),
        (0.0, 1.0),
        (20.0, 0.0),
        (25.0, 0.0),
    ] {
        assert!(
            (lower_better.score(value) - expected).abs() < 1e-12,
            "{value} → {expected}"
        );
    }
    // good [70, 100], poor 30: higher is better.
    let higher_better = Target {
        good: (70.0, 100.0),
        poor: (30.0, 30.0),
    };
    for (value, expected) in [(50.0, 0.5), (100.0, 1.0), (120.0, 1.0), (30.0, 0.0)] {
        assert!(
            (higher_better.score(value) - expected).abs() < 1e-12,
            "{value} → {expected}"
        );
    }
}

#[test]
fn target_validity() {
    assert!(
        Target {
            good: (40.0, 60.0),
            poor: (20.0, 80.0)
        }
        .check()
        .is_ok()
    );
    assert!(
        Target {
            good: (60.0, 40.0),
            poor: (20.0, 80.0)
        }
        .check()
        .is_err()
    );
    assert!(
        Target {
            good: (40.0, 60.0),
            poor: (80.0, 20.0)
        }
        .check()
        .is_err()
    );
    assert!(
        Target {
            good: (40.0, 60.0),
            poor: (40.0, 80.0)
        }
        .check()
        .is_err()
    );
    assert!(
        Target {
            good: (40.0, 60.0),
            poor: (20.0, 60.0)
        }
        .check()
        .is_err()
    );
    assert!(
        Target {
            good: (40.0, 60.0),
            poor: (45.0, 55.0)
        }
        .check()
        .is_err()
    );
}

#[test]
fn hand_computed_case() {
    let card = card(CASE_A);
    // Evidence cap: required evidence missing, r = 1 > cap 0.5.
    let c1 = item(&card, "s.c1");
    close(c1.raw_score, 1.0);
    close(c1.score, 0.5);
    assert!(c1.unevidenced_claim);
    // Multi capped at 1: 0.5 + 0.4 + 0.3 = 1.2.
    close(item(&card, "s.m1").score, 1.0);
    close(item(&card, "s.n1").score, 0.5);
    // Recommended evidence: no cap, an evidence gap.
    let n2 = item(&card, "s.n2");
    close(n2.score, 0.75);
    assert!(n2.evidence_gap && !n2.unevidenced_claim);
    // Unscored items and N/A.
    assert_eq!(item(&card, "s.n3").score, None);
    assert_eq!(item(&card, "s.t1").status, Status::Unanswered);
    assert_eq!(item(&card, "s.na_item").status, Status::Na);
    assert_eq!(item(&card, "s.na_item").score, None);
    // applies_if chain: cond applies (c1 is yes) and is unanswered, so 0; cond2 depends on cond.
    assert_eq!(item(&card, "s.cond").status, Status::Unanswered);
    close(item(&card, "s.cond").score, 0.0);
    assert_eq!(item(&card, "s.cond2").status, Status::OutOfScope);
    // Section s: (2·0.5 + 1 + 0.5 + 0.75 + 1 (gate) + 0 (gate2) + 0 (cond)) / (2+1+1+1+1+1+1) = 4.25 / 8.
    close(card.sections[0].score, 100.0 * 4.25 / 8.0);
    // Section z has weight 0: scored, but left out of the overall. Section e has only text: null.
    close(card.sections[1].score, 100.0);
    assert_eq!(card.sections[2].score, None);
    close(card.overall, 100.0 * 4.25 / 8.0);
    // Completeness: 12 in scope (cond2 out), answered or N/A: c1 m1 n1 n2 gate na_item z1 = 7.
    assert!((card.completeness - 100.0 * 7.0 / 12.0).abs() < 1e-9);
    // Evidence coverage: c1 m1 n1 n2 gate z1 have r > 0, none has evidence.
    close(card.evidence_coverage, 0.0);
    // N/A share: N/A weight 1 over scored in-scope item weight 9 (s, N/A included) + 1 (z).
    close(card.na_share, 10.0);
    // Indices: policy = c1 (0.5) → 50; practice = m1 → 100; outcome = n1 → 50; tag gender = (2·0.5 + 1)/3.
    close(card.indices.kind["policy"], 50.0);
    close(card.indices.kind["practice"], 100.0);
    close(card.indices.kind["outcome"], 50.0);
    close(card.indices.tag["gender"], 100.0 * 2.0 / 3.0);
    // 53.125 → l1: requirements of l1 and below hold.
    let level = card.level.as_ref().expect("a level");
    assert_eq!(
        (level.id.as_str(), level.before_requirements.as_str()),
        ("l1", "l1")
    );
    assert!(level.held_back_by.is_empty());
    // The unevidenced claim rule fires (medium); policy 50 vs practice 100 does not.
    let fired: Vec<&str> = card.flags.iter().map(|flag| flag.rule.as_str()).collect();
    assert_eq!(fired, ["unevidenced_policy"]);
    assert_eq!(card.flags[0].items, ["s.c1"]);
    assert_eq!(card.washing_risk, WashingRisk::Medium);
}

#[test]
fn level_held_back_by_requirements() {
    let answers = "
  s.c1: {value: yes, evidence: [Strategy 2025]}
  s.m1: [a, b]
  s.n1: 50
  s.n2: 0
  s.gate: partly
  s.gate2: yes
  s.cond: yes
  s.cond2: yes
";
    let card = card(answers);
    // (2·1 + 0.9 + 1 + 1 + 0.5 + 1 + 0 (na_item unanswered) + 1 + 1) / 10 = 84: l3 by threshold,
    // but l2 requires s.gate, which is only partly in place.
    close(card.overall, 84.0);
    let level = card.level.as_ref().expect("a level");
    assert_eq!(level.before_requirements, "l3");
    assert_eq!(level.id, "l1");
    assert_eq!(level.held_back_by, ["s.gate"]);
    assert_eq!(card.washing_risk, WashingRisk::None);
}

#[test]
fn nothing_answered_scores_zero() {
    let card = card("  {}\n");
    close(card.overall, 0.0);
    assert_eq!(card.level.as_ref().map(|l| l.id.as_str()), Some("l0"));
    assert_eq!(card.evidence_coverage, None);
}

#[test]
fn policy_far_ahead_of_practice_fires() {
    let card = card("  s.c1: {value: yes, evidence: [doc]}\n  s.m1: []\n");
    let fired: Vec<&str> = card.flags.iter().map(|flag| flag.rule.as_str()).collect();
    assert_eq!(fired, ["policy_ahead"]);
    assert_eq!(card.washing_risk, WashingRisk::High);
}

#[test]
fn out_of_scope_answer_is_kept_with_a_warning() {
    let card = card("  s.c1: \"no\"\n  s.cond: yes\n");
    let cond = item(&card, "s.cond");
    assert_eq!(cond.status, Status::OutOfScope);
    assert_eq!(cond.value, serde_json::json!("yes"));
    assert_eq!(cond.score, None);
    assert!(
        card.warnings
            .iter()
            .any(|w| w.code == "out-of-scope-answer" && w.id.as_deref() == Some("s.cond"))
    );
}

#[test]
fn a_rule_that_fails_is_an_error_naming_it() {
    let text = CHECKLIST.replace(
        "answer.s.c1 == 'yes' and evidence.s.c1 == 0",
        "answer.s.c1 + 1 > 0",
    );
    let checklist = Checklist::from_source(&Source::new("c.yaml", text)).expect("valid");
    let answers = Answers::from_source(
        &Source::new(
            "a.yaml",
            "checklist: x\norganisation: {name: O}\nperiod: 1\nanswers: {s.c1: yes}\n",
        ),
        &checklist,
    )
    .expect("valid answers");
    let problems = score(&checklist, &answers).expect_err("the rule cannot add a number to text");
    assert_eq!(problems.0[0].code, dei_core::Code::EvaluationFailed);
    assert_eq!(problems.0[0].id.as_deref(), Some("unevidenced_policy"));
}

const CHOICES: [&str; 3] = ["\"no\"", "partly", "yes"];

prop_compose! {
    fn answers_text()(
        c1 in 0..3usize, evidence in any::<bool>(), m1 in proptest::sample::subsequence(vec!["a", "b", "c"], 0..=3),
        n1 in -50.0..150.0f64, n2 in -10.0..40.0f64, gate in 0..3usize, na in any::<bool>(), z1 in 0..3usize,
        skip in proptest::collection::vec(any::<bool>(), 8),
    ) -> String {
        let mut lines = Vec::new();
        let evidence = if evidence { ", evidence: [doc]" } else { "" };
        let n1 = n1.clamp(0.0, 100.0);
        let candidates = [
            format!("  s.c1: {{value: {}{evidence}}}", CHOICES[c1]),
            format!("  s.m1: [{}]", m1.join(", ")),
            format!("  s.n1: {n1}"),
            format!("  s.n2: {n2}"),
            format!("  s.gate: {}", CHOICES[gate]),
            if na { "  s.na_item: {na: true, reason: r}".to_owned() } else { "  s.na_item: yes".to_owned() },
            format!("  z.z1: {}", CHOICES[z1]),
            "  s.cond: partly".to_owned(),
        ];
        for (line, skip) in candidates.into_iter().zip(skip) {
            if !skip { lines.push(line); }
        }
        if lines.is_empty() { "  {}".to_owned() } else { lines.join("\n") }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn scores_stay_in_range(answers in answers_text()) {
        let card = card(&format!("{answers}\n"));
        for value in [card.overall, card.evidence_coverage, card.na_share].into_iter().flatten() {
            prop_assert!((0.0..=100.0).contains(&value));
        }
        prop_assert!((0.0..=100.0).contains(&card.completeness));
        for section in &card.sections {
            if let Some(score) = section.score { prop_assert!((0.0..=100.0).contains(&score)); }
        }
        for item in &card.items {
            if let Some(score) = item.score { prop_assert!((0.0..=1.0).contains(&score)); }
            prop_assert!(item.score <= item.raw_score);
        }
    }

    /// Conditions that only minijinja evaluates (`~` is not among the shapes `expr/direct.rs`
    /// evaluates) give the same scorecard as their equivalents evaluated directly, in scope and
    /// in rules alike.
    #[test]
    fn conditions_left_to_minijinja_score_alike(answers in answers_text()) {
        let direct = checklist();
        let text = CHECKLIST
            .replace("applies_if: \"answer.s.c1 == 'yes'\"", "applies_if: \"(answer.s.c1 ~ '') == 'yes'\"")
            .replace(
                "answer.s.c1 == 'yes' and evidence.s.c1 == 0",
                "(answer.s.c1 ~ '') == 'yes' and (evidence.s.c1 ~ '') == '0'",
            );
        prop_assert_ne!(&text, CHECKLIST);
        let fallback = Checklist::from_source(&Source::new("score-test.yaml", text)).expect("valid");
        let file = format!("checklist: score-test\norganisation: {{name: Org}}\nperiod: 2025\nanswers:\n{answers}\n");
        let scored = |checklist: &Checklist| {
            let answers = Answers::from_source(&Source::new("answers.yaml", file.clone()), checklist)
                .expect("valid answers");
            serde_json::to_string(&score(checklist, &answers).expect("scores")).expect("serializes")
        };
        prop_assert_eq!(scored(&direct), scored(&fallback));
    }

    #[test]
    fn same_input_gives_byte_identical_json(answers in answers_text()) {
        let first = serde_json::to_string(&card(&format!("{answers}\n"))).expect("serializes");
        let second = serde_json::to_string(&card(&format!("{answers}\n"))).expect("serializes");
        prop_assert_eq!(first, second);
    }

    #[test]
    fn a_better_answer_never_lowers_the_item_score(low in 0..3usize, high in 0..3usize, evidence in any::<bool>(), a in -50.0..150.0f64, b in -50.0..150.0f64) {
        let (low, high) = (low.min(high), low.max(high));
        let evidence = if evidence { ", evidence: [doc]" } else { "" };
        let worse = card(&format!("  s.c1: {{value: {}{evidence}}}\n", CHOICES[low]));
        let better = card(&format!("  s.c1: {{value: {}{evidence}}}\n", CHOICES[high]));
        prop_assert!(item(&worse, "s.c1").score <= item(&better, "s.c1").score);
        // For a lower-is-better number, a value closer to the good band never scores less.
        let (near, far) = if a.abs() <= b.abs() { (a, b) } else { (b, a) };
        let near_card = card(&format!("  s.n2: {}\n", near.max(0.0)));
        let far_card = card(&format!("  s.n2: {}\n", far.max(0.0).max(near.max(0.0))));
        prop_assert!(item(&near_card, "s.n2").score >= item(&far_card, "s.n2").score);
    }
}

/// A half-filled form (SPEC section 4's checks, kept per entry): the three good answers score,
/// and each of the two bad ones is dropped with an error naming its item and line.
#[test]
fn partial_answers_keep_the_good_entries_and_report_the_bad_ones() {
    let checklist = checklist();
    let text = "checklist: score-test
organisation: {name: Org}
period: 2025
answers:
  s.c1: yes
  s.n1: 150
  s.gate: yes
  s.nope: yes
  z.z1: partly
";
    let source = Source::new("half.yaml", text);
    let (answers, problems) =
        Answers::check_partial(&source, &checklist).expect("the file itself is readable");
    let located: Vec<(&str, Option<&str>, Option<u64>)> = problems
        .errors()
        .map(|problem| (problem.code.as_str(), problem.id.as_deref(), problem.line))
        .collect();
    assert_eq!(
        located,
        [
            ("out-of-range", Some("s.n1"), Some(6)),
            ("unknown-item", Some("s.nope"), Some(8)),
        ]
    );
    let answered: Vec<&str> = checklist
        .items()
        .iter()
        .zip(answers.entries())
        .filter(|(_, entry)| entry.is_some())
        .map(|(item, _)| item.id.as_str())
        .collect();
    assert_eq!(answered, ["s.c1", "s.gate", "z.z1"]);
    // The same file without its two bad lines scores the same.
    let clean = "checklist: score-test
organisation: {name: Org}
period: 2025
answers:
  s.c1: yes
  s.gate: yes
  z.z1: partly
";
    let expected =
        Answers::from_source(&Source::new("half.yaml", clean), &checklist).expect("valid answers");
    assert_eq!(
        score(&checklist, &answers).expect("scores"),
        score(&checklist, &expected).expect("scores")
    );
    // A whole file (here with only a warning-free good answer) has nothing to report.
    let (_, none) =
        Answers::check_partial(&Source::new("clean.yaml", clean), &checklist).expect("readable");
    assert!(none.is_empty(), "{none}");
    // A file that cannot be read at all has no answers to keep.
    assert!(
        Answers::check_partial(&Source::new("broken.yaml", "answers: [\n"), &checklist).is_err()
    );
}

/// Answers checked against one checklist are refused by another, whose indices they would
/// misread.
#[test]
fn answers_are_scored_only_on_their_own_checklist() {
    let checklist = checklist();
    let other = Checklist::from_source(&Source::new(
        "other.yaml",
        CHECKLIST.replace("id: score-test", "id: other-test"),
    ))
    .expect("valid");
    let text = "checklist: score-test\norganisation: {name: Org}\nperiod: 2025\nanswers: {}\n";
    let answers =
        Answers::from_source(&Source::new("answers.yaml", text), &checklist).expect("valid");
    assert!(answers.belong_to(&checklist) && !answers.belong_to(&other));
    let problems = score(&other, &answers).expect_err("another checklist is refused");
    let codes: Vec<&str> = problems.0.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["incompatible"]);
}
