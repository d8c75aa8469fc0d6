//! Several respondents (SPEC section 15) pinned by hand-computed cases: every rule of
//! `combine`, group suppression and merging, perception gaps at the threshold, conversation
//! starters' order and limit, and independence of the order in which files are given.

use std::fmt::Write as _;

use dei_core::evidence::Evidence;
use dei_core::respondents::{
    ALL_RESPONDENTS, AnswersFile, Draft, DraftValue, PERCEPTION_GAP_RULE, Respondents,
    check_together, combine, compare,
};
use dei_core::scorecard::WashingRisk;
use dei_core::{Answers, Checklist, Code, Scorecard, Source, score};

const CHECKLIST: &str = r#"
id: resp-test
version: 1.0.0
languages: [en]
title: Respondents test
scales:
  ypn:
    - {id: "yes", label: "Yes", score: 1}
    - {id: partly, label: Partly, score: 0.5}
    - {id: "no", label: "No", score: 0}
levels:
  - {id: l0, min: 0, label: L0}
sections:
  - id: s
    title: S
    items:
      - {id: c, question: Q, type: choice, scale: ypn, allow_na: true, respondents: true}
      - id: t
        question: Q
        type: choice
        respondents: true
        options:
          - {id: a, label: A, score: 0.5}
          - {id: b, label: B, score: 0.5}
          - {id: c, label: C, score: 1}
      - id: m
        question: Q
        type: multi
        respondents: true
        options:
          - {id: x, label: X, score: 0.3}
          - {id: y, label: Y, score: 0.3}
          - {id: z, label: Z, score: 0.3}
      - {id: n, question: Q, type: number, min: 0, max: 100, target: {good: [40, 60], poor: [20, 80]}, respondents: true}
      - {id: txt, question: Q, type: text, respondents: true}
      - {id: only_org, question: Q, type: choice, scale: ypn}
      - {id: cond, question: Q, type: choice, scale: ypn, applies_if: "org.staff >= 10", respondents: true}
  - id: u
    title: U
    items:
      - {id: a, question: Q, type: choice, scale: ypn, respondents: true}
  - id: p
    title: P
    items:
      - {id: pct, question: Q, type: number, min: 0, max: 100, target: {good: 100, poor: 0}, respondents: true}
  - id: many
    title: Many
    items:
      - {id: q1, question: Q, type: choice, scale: ypn, respondents: true}
      - {id: q2, question: Q, type: choice, scale: ypn, respondents: true}
      - {id: q3, question: Q, type: choice, scale: ypn, respondents: true}
      - {id: q4, question: Q, type: choice, scale: ypn, respondents: true}
      - {id: q5, question: Q, type: choice, scale: ypn, respondents: true}
      - {id: q6, question: Q, type: choice, scale: ypn, respondents: true}
      - {id: q7, question: Q, type: choice, scale: ypn, respondents: true}
      - {id: q8, question: Q, type: choice, scale: ypn, respondents: true}
      - {id: q9, question: Q, type: choice, scale: ypn, respondents: true}
      - {id: q10, question: Q, type: choice, scale: ypn, respondents: true}
      - {id: q11, question: Q, type: choice, scale: ypn, respondents: true}
      - {id: q12, question: Q, type: choice, scale: ypn, respondents: true}
"#;

fn checklist() -> Checklist {
    Checklist::from_source(&Source::new("resp-test.yaml", CHECKLIST)).expect("valid checklist")
}

/// One file: its source and checked answers.
struct File {
    source: Source,
    answers: Answers,
}

fn file_with(checklist: &Checklist, name: &str, head: &str, answers: &str) -> File {
    let text = format!("checklist: resp-test\n{head}\nanswers:\n{answers}");
    let source = Source::new(name, text);
    let answers = Answers::from_source(&source, checklist)
        .unwrap_or_else(|problems| panic!("{name}: {problems}"));
    File { source, answers }
}

/// A respondent of `group` in organisation Org, period 2025, with 20 staff.
fn respondent(checklist: &Checklist, name: &str, group: &str, answers: &str) -> File {
    file_with(
        checklist,
        name,
        &format!(
            "organisation: {{name: Org, staff: 20}}\nperiod: 2025\nrespondent: {{group: {group}}}"
        ),
        answers,
    )
}

fn views<'a>(checklist: &'a Checklist, files: &'a [File]) -> Vec<AnswersFile<'a>> {
    files
        .iter()
        .map(|file| AnswersFile {
            source: &file.source,
            checklist,
            answers: &file.answers,
        })
        .collect()
}

fn combined(checklist: &Checklist, files: &[File]) -> Draft {
    combine(&views(checklist, files)).unwrap_or_else(|problems| panic!("{problems}"))
}

fn value<'a>(draft: &'a Draft, id: &str) -> Option<&'a DraftValue> {
    draft
        .answers
        .iter()
        .find(|answer| answer.id == id)
        .map(|answer| &answer.value)
}

fn choice(id: &str) -> DraftValue {
    DraftValue::Choice(id.to_owned())
}

/// One respondent per entry of `answers`, of group staff, named r1, r2, ... .
fn staff(checklist: &Checklist, answers: &[&str]) -> Vec<File> {
    answers
        .iter()
        .enumerate()
        .map(|(index, answers)| {
            respondent(
                checklist,
                &format!("r{:02}.yaml", index + 1),
                "staff",
                answers,
            )
        })
        .collect()
}

#[test]
fn choice_takes_the_lower_median_by_score() {
    let checklist = checklist();
    // Odd m = 3: no (0), partly (0.5), yes (1): position ⌊2/2⌋ = 1 → partly.
    let odd = staff(
        &checklist,
        &["  s.c: \"yes\"", "  s.c: \"no\"", "  s.c: partly"],
    );
    assert_eq!(
        value(&combined(&checklist, &odd), "s.c"),
        Some(&choice("partly"))
    );
    // Even m = 4: no, partly, yes, yes: position ⌊3/2⌋ = 1 → partly (the lower median).
    let even = staff(
        &checklist,
        &[
            "  s.c: \"yes\"",
            "  s.c: \"yes\"",
            "  s.c: \"no\"",
            "  s.c: partly",
        ],
    );
    assert_eq!(
        value(&combined(&checklist, &even), "s.c"),
        Some(&choice("partly"))
    );
    // m = 2: no, yes: position 0 → no.
    let two = staff(&checklist, &["  s.c: \"yes\"", "  s.c: \"no\""]);
    assert_eq!(
        value(&combined(&checklist, &two), "s.c"),
        Some(&choice("no"))
    );
    // m = 1: the one answer.
    let one = staff(&checklist, &["  s.c: \"yes\""]);
    assert_eq!(
        value(&combined(&checklist, &one), "s.c"),
        Some(&choice("yes"))
    );
}

#[test]
fn choice_ties_in_score_go_in_option_order() {
    let checklist = checklist();
    // a and b both score 0.5. b, a → sorted a, b (option order) → position 0 → a.
    let files = staff(&checklist, &["  s.t: b", "  s.t: a"]);
    assert_eq!(
        value(&combined(&checklist, &files), "s.t"),
        Some(&choice("a"))
    );
    // b, c → b (0.5), c (1) → b.
    let files = staff(&checklist, &["  s.t: c", "  s.t: b"]);
    assert_eq!(
        value(&combined(&checklist, &files), "s.t"),
        Some(&choice("b"))
    );
    // b, b, a, c → a, b, b, c → position 1 → b.
    let files = staff(
        &checklist,
        &["  s.t: b", "  s.t: b", "  s.t: a", "  s.t: c"],
    );
    assert_eq!(
        value(&combined(&checklist, &files), "s.t"),
        Some(&choice("b"))
    );
}

#[test]
fn na_wins_only_by_a_majority_with_reasons_deduplicated_in_file_order() {
    let checklist = checklist();
    let na = |reason: &str| format!("  s.c: {{na: true, reason: {reason}}}");
    // 3 N/A against 2 answers: N/A; reasons R2, R1, R2 in file order → "R2; R1".
    let files = staff(
        &checklist,
        &[
            &na("R2"),
            "  s.c: \"yes\"",
            &na("R1"),
            "  s.c: \"no\"",
            &na("R2"),
        ],
    );
    assert_eq!(
        value(&combined(&checklist, &files), "s.c"),
        Some(&DraftValue::NotApplicable("R2; R1".to_owned()))
    );
    // 2 N/A against 2 answers: not a majority; the answers (no, yes) give no.
    let files = staff(
        &checklist,
        &[&na("R1"), "  s.c: \"yes\"", &na("R1"), "  s.c: \"no\""],
    );
    assert_eq!(
        value(&combined(&checklist, &files), "s.c"),
        Some(&choice("no"))
    );
    // Only N/A.
    let files = staff(&checklist, &[&na("Too small")]);
    assert_eq!(
        value(&combined(&checklist, &files), "s.c"),
        Some(&DraftValue::NotApplicable("Too small".to_owned()))
    );
}

#[test]
fn multi_takes_options_chosen_by_at_least_half() {
    let checklist = checklist();
    // m = 4: x by 2 (2·2 ≥ 4: in), y by 1 (out), z by 3 (in).
    let files = staff(
        &checklist,
        &[
            "  s.m: [x, z]",
            "  s.m: [z, x]",
            "  s.m: [y, z]",
            "  s.m: []",
        ],
    );
    assert_eq!(
        value(&combined(&checklist, &files), "s.m"),
        Some(&DraftValue::Multi(vec!["x".to_owned(), "z".to_owned()]))
    );
    // m = 3: x by 1 (2 < 3: out), y by 2 (4 ≥ 3: in).
    let files = staff(&checklist, &["  s.m: [x, y]", "  s.m: [y]", "  s.m: []"]);
    assert_eq!(
        value(&combined(&checklist, &files), "s.m"),
        Some(&DraftValue::Multi(vec!["y".to_owned()]))
    );
    // Nobody's choice reaches half: an empty list, which is an answer (it scores 0).
    let files = staff(&checklist, &["  s.m: [x]", "  s.m: [y]", "  s.m: [z]"]);
    assert_eq!(
        value(&combined(&checklist, &files), "s.m"),
        Some(&DraftValue::Multi(Vec::new()))
    );
}

#[test]
fn numbers_take_the_median() {
    let checklist = checklist();
    let files = staff(&checklist, &["  s.n: 10", "  s.n: 50", "  s.n: 30"]);
    assert_eq!(
        value(&combined(&checklist, &files), "s.n"),
        Some(&DraftValue::Number(30.0))
    );
    // Even: 10, 30, 40, 50 → (30 + 40) / 2 = 35.
    let files = staff(
        &checklist,
        &["  s.n: 10", "  s.n: 50", "  s.n: 30", "  s.n: 40"],
    );
    assert_eq!(
        value(&combined(&checklist, &files), "s.n"),
        Some(&DraftValue::Number(35.0))
    );
    let files = staff(&checklist, &["  s.n: 33", "  s.n: 34"]);
    assert_eq!(
        value(&combined(&checklist, &files), "s.n"),
        Some(&DraftValue::Number(33.5))
    );
}

#[test]
fn evidence_is_the_union_in_order_of_first_appearance() {
    let checklist = checklist();
    let files = staff(
        &checklist,
        &[
            "  s.c: {value: \"yes\", evidence: [B, A]}",
            "  s.c: {value: \"yes\", evidence: [A, C]}",
            "  s.c: {value: \"no\", evidence: [C, D, B]}",
        ],
    );
    let draft = combined(&checklist, &files);
    let answer = draft.answers.iter().find(|a| a.id == "s.c").expect("s.c");
    assert_eq!(answer.evidence, ["B", "A", "C", "D"].map(Evidence::plain));
}

#[test]
fn text_and_items_nobody_answered_are_left_out_and_groups_are_counted() {
    let checklist = checklist();
    let files = vec![
        respondent(
            &checklist,
            "a.yaml",
            "staff",
            "  s.txt: OKAPI-TEXT\n  s.c: {value: \"yes\", comment: OKAPI-COMMENT}\n  u.a:",
        ),
        respondent(
            &checklist,
            "b.yaml",
            "board",
            "  s.txt: more text\n  s.c: \"yes\"",
        ),
        respondent(&checklist, "c.yaml", "staff", "  s.c: \"yes\""),
    ];
    let draft = combined(&checklist, &files);
    let ids: Vec<&str> = draft.answers.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["s.c"]);
    assert_eq!(draft.assessed_by, ["board (1)", "staff (2)"]);
    let yaml = draft.to_yaml();
    assert!(!yaml.contains("OKAPI"), "{yaml}");
    assert!(!yaml.contains("\nrespondent:"), "{yaml}");
    // The draft is an organisation answers file that validates and reads back as written.
    let back = Answers::from_source(&Source::new("draft.yaml", yaml.clone()), &checklist)
        .unwrap_or_else(|problems| panic!("{problems}\n{yaml}"));
    assert_eq!(back.respondent, None);
    assert_eq!(back.assessed_by, ["board (1)", "staff (2)"]);
    assert_eq!(back.period, "2025");
}

#[test]
fn only_respondents_for_whom_the_item_is_in_scope_count() {
    let checklist = checklist();
    // The first respondent's organisation has 5 staff: `cond` is out of scope for them, so
    // their "yes" does not count: over no, yes the lower median is no (with it: yes).
    let files = vec![
        file_with(
            &checklist,
            "a.yaml",
            "organisation: {name: Org, staff: 5}\nperiod: 2025\nrespondent: {group: staff}",
            "  s.cond: \"yes\"",
        ),
        respondent(&checklist, "b.yaml", "staff", "  s.cond: \"yes\""),
        respondent(&checklist, "c.yaml", "staff", "  s.cond: \"no\""),
    ];
    assert_eq!(
        value(&combined(&checklist, &files), "s.cond"),
        Some(&choice("no"))
    );
}

#[test]
fn the_draft_does_not_depend_on_the_order_of_the_files() {
    let checklist = checklist();
    let mut files = staff(
        &checklist,
        &[
            "  s.c: {na: true, reason: R1}\n  s.m: [x]\n  s.n: 40",
            "  s.c: {na: true, reason: R2}\n  s.m: [x, y]\n  s.n: 60\n  s.t: b",
            "  s.c: {value: partly, evidence: [E1, E2]}\n  s.t: a\n  s.n: 45",
            "  s.c: {value: \"yes\", evidence: [E2, E3]}\n  s.t: c",
        ],
    );
    let forward = combined(&checklist, &files).to_yaml();
    files.reverse();
    assert_eq!(combined(&checklist, &files).to_yaml(), forward);
    files.swap(0, 2);
    assert_eq!(combined(&checklist, &files).to_yaml(), forward);
}

#[test]
fn files_of_another_organisation_period_or_checklist_are_refused_with_their_location() {
    let checklist = checklist();
    let other_checklist = Checklist::from_source(&Source::new(
        "other.yaml",
        CHECKLIST.replace("id: resp-test", "id: other-test"),
    ))
    .expect("valid");
    let good = respondent(&checklist, "a.yaml", "staff", "  s.c: \"yes\"");
    let other_org = file_with(
        &checklist,
        "b.yaml",
        "period: 2025\norganisation: {name: Another Org}\nrespondent: {group: staff}",
        "",
    );
    let other_period = file_with(
        &checklist,
        "c.yaml",
        "organisation: {name: \"  ORG \"}\nperiod: 2024\nrespondent: {group: staff}",
        "",
    );
    let not_respondent = file_with(
        &checklist,
        "d.yaml",
        "organisation: {name: Org}\nperiod: 2025",
        "",
    );
    let on_other = {
        let text = "checklist: other-test\norganisation: {name: Org}\nperiod: 2025\nrespondent: {group: staff}\nanswers: {}\n";
        let source = Source::new("e.yaml", text);
        let answers = Answers::from_source(&source, &other_checklist).expect("valid");
        File { source, answers }
    };
    let mut all = views(&checklist, std::slice::from_ref(&good));
    for file in [&other_org, &other_period, &not_respondent] {
        all.push(AnswersFile {
            source: &file.source,
            checklist: &checklist,
            answers: &file.answers,
        });
    }
    all.push(AnswersFile {
        source: &on_other.source,
        checklist: &other_checklist,
        answers: &on_other.answers,
    });
    let problems = combine(&all).expect_err("refused");
    let found: Vec<(String, Code, Option<u64>)> = problems
        .0
        .iter()
        .map(|d| (d.file.clone(), d.code, d.line))
        .collect();
    assert_eq!(
        found,
        [
            ("b.yaml".to_owned(), Code::Incompatible, Some(3)),
            ("c.yaml".to_owned(), Code::Incompatible, Some(3)),
            ("d.yaml".to_owned(), Code::NotRespondent, Some(1)),
            ("e.yaml".to_owned(), Code::Incompatible, Some(1)),
        ],
        "{problems}"
    );
    // The organisation's identity ignores case and spaces: "  ORG " is Org.
    assert!(
        !problems
            .0
            .iter()
            .any(|d| d.file == "c.yaml" && d.message.contains("organisation"))
    );
    // An organisation file may come first in a report; respondents after it.
    assert!(check_together(&views(&checklist, std::slice::from_ref(&good)), 1).is_ok());
}

#[test]
fn a_respondent_group_must_be_an_id() {
    let checklist = checklist();
    let source = Source::new(
        "bad.yaml",
        "checklist: resp-test\norganisation: {name: Org}\nperiod: 2025\nrespondent: {group: Jane Doe}\nanswers: {}\n",
    );
    let problems = Answers::from_source(&source, &checklist).expect_err("invalid");
    assert_eq!(problems.0[0].code, Code::InvalidId);
    assert_eq!(problems.0[0].line, Some(4));
}

// ---------------------------------------------------------------------------------------------
// Comparison: groups, gaps, starters
// ---------------------------------------------------------------------------------------------

fn organisation(checklist: &Checklist, answers: &str) -> Scorecard {
    let file = file_with(
        checklist,
        "org.yaml",
        "organisation: {name: Org, staff: 20}\nperiod: 2025",
        answers,
    );
    score(checklist, &file.answers).expect("scores")
}

fn compared(
    checklist: &Checklist,
    mut org: Scorecard,
    files: &[File],
    min_group: usize,
) -> Scorecard {
    let scored: Vec<Scorecard> = files
        .iter()
        .map(|file| score(checklist, &file.answers).expect("scores"))
        .collect();
    let pairs: Vec<(&Answers, &Scorecard)> = files
        .iter()
        .map(|file| &file.answers)
        .zip(&scored)
        .collect();
    compare(checklist, &mut org, &pairs, min_group);
    org
}

fn view(scorecard: &Scorecard) -> &Respondents {
    scorecard.respondents.as_ref().expect("respondents")
}

fn group_sizes(scorecard: &Scorecard) -> Vec<(String, usize)> {
    view(scorecard)
        .groups
        .iter()
        .map(|group| (group.id.clone(), group.n))
        .collect()
}

fn members(checklist: &Checklist, group: &str, count: usize, answers: &str) -> Vec<File> {
    (0..count)
        .map(|index| {
            respondent(
                checklist,
                &format!("{group}-{index:02}.yaml"),
                group,
                answers,
            )
        })
        .collect()
}

#[test]
fn groups_below_k_are_merged_or_left_out() {
    let checklist = checklist();
    let org = organisation(&checklist, "  u.a: \"yes\"");
    // k − 1 = 4: not shown, and alone it cannot be merged.
    let card = compared(
        &checklist,
        org.clone(),
        &members(&checklist, "staff", 4, "  u.a: \"no\""),
        5,
    );
    assert!(group_sizes(&card).is_empty());
    assert_eq!(view(&card).left_out, 4);
    assert!(view(&card).conversation_starters.is_empty());
    // k = 5 and k + 1 = 6: shown.
    for n in [5, 6] {
        let card = compared(
            &checklist,
            org.clone(),
            &members(&checklist, "staff", n, "  u.a: \"no\""),
            5,
        );
        assert_eq!(group_sizes(&card), [("staff".to_owned(), n)]);
        assert_eq!(view(&card).left_out, 0);
    }
    // staff 6 shown; board 2 + volunteers 3 merged into all respondents (5 = k).
    let mut files = members(&checklist, "staff", 6, "  u.a: \"no\"");
    files.extend(members(&checklist, "board", 2, "  u.a: \"yes\""));
    files.extend(members(&checklist, "volunteers", 3, "  u.a: partly"));
    let card = compared(&checklist, org.clone(), &files, 5);
    assert_eq!(
        group_sizes(&card),
        [(ALL_RESPONDENTS.to_owned(), 5), ("staff".to_owned(), 6)]
    );
    // board 2 + volunteers 2 = 4 < 5: left out.
    files.truncate(6 + 2 + 2);
    let card = compared(&checklist, org.clone(), &files, 5);
    assert_eq!(group_sizes(&card), [("staff".to_owned(), 6)]);
    assert_eq!(view(&card).left_out, 4);
    // A min_group below 3 is raised to 3.
    let card = compared(
        &checklist,
        org,
        &members(&checklist, "staff", 2, "  u.a: \"no\""),
        1,
    );
    assert_eq!(view(&card).min_group, 3);
    assert!(group_sizes(&card).is_empty());
}

fn gap_case(org_value: &str, staff_value: &str) -> Scorecard {
    let checklist = checklist();
    let org = organisation(&checklist, &format!("  p.pct: {org_value}"));
    let files = members(&checklist, "staff", 5, &format!("  p.pct: {staff_value}"));
    compared(&checklist, org, &files, 5)
}

fn perception_flags(scorecard: &Scorecard) -> Vec<(String, String)> {
    scorecard
        .flags
        .iter()
        .filter(|flag| flag.rule == PERCEPTION_GAP_RULE)
        .map(|flag| {
            (
                flag.section.clone().unwrap_or_default(),
                flag.group.clone().unwrap_or_default(),
            )
        })
        .collect()
}

#[test]
fn a_perception_gap_starts_at_twenty_points() {
    // The organisation scores section p at 80; the staff median is 60.1, 60 or 59.9.
    let below = gap_case("80", "60.1");
    let gap = view(&below).groups[0]
        .sections
        .iter()
        .find(|s| s.id == "p")
        .and_then(|s| s.gap)
        .expect("gap");
    assert!((gap - 19.9).abs() < 1e-9, "{gap}");
    assert!(perception_flags(&below).is_empty());
    assert_eq!(below.washing_risk, WashingRisk::None);
    for at_or_above in ["60", "59.9"] {
        let card = gap_case("80", at_or_above);
        assert_eq!(
            perception_flags(&card),
            [("p".to_owned(), "staff".to_owned())],
            "{at_or_above}"
        );
        let flag = card
            .flags
            .iter()
            .find(|f| f.rule == PERCEPTION_GAP_RULE)
            .expect("flag");
        assert_eq!(flag.severity, dei_core::checklist::RuleSeverity::Medium);
        assert_eq!(flag.items, ["p.pct"]);
        assert_eq!(card.washing_risk, WashingRisk::Medium);
    }
    // Respondents who see it better than the organisation are no perception gap.
    assert!(perception_flags(&gap_case("40", "80")).is_empty());
}

#[test]
fn sections_compare_on_respondent_items_only() {
    let checklist = checklist();
    // `only_org` is not asked of respondents: the organisation's "no" there does not lower
    // its score in the comparison, nor does the respondents' silence lower theirs.
    let org = organisation(&checklist, "  s.c: \"yes\"\n  s.only_org: \"no\"");
    let files = members(&checklist, "staff", 5, "  s.c: \"yes\"");
    let card = compared(&checklist, org, &files, 5);
    let s = &view(&card).groups[0].sections[0];
    assert_eq!(s.id, "s");
    // Items compared in s: c, t, m, n, cond (scored, respondent items); c = 1, others 0.
    assert_eq!(s.organisation, Some(20.0));
    assert_eq!(s.median, Some(20.0));
    assert_eq!(s.gap, Some(0.0));
    assert!(view(&card).items_compared.contains(&"s.c".to_owned()));
    assert!(
        !view(&card)
            .items_compared
            .contains(&"s.only_org".to_owned())
    );
}

#[test]
fn conversation_starters_largest_spread_first_at_most_ten() {
    let checklist = checklist();
    // Spreads per item q1..q12: 0.5, 1, 0, 1, 0.5, 0.5, 1, 0.5, 0.5, 1, 0.5, 0.5.
    let spreads = [0.5, 1.0, 0.0, 1.0, 0.5, 0.5, 1.0, 0.5, 0.5, 1.0, 0.5, 0.5];
    let answer = |index: usize, respondent: usize| -> &'static str {
        let spread: f64 = spreads[index];
        // Respondent 1 differs from everyone else (who says yes) by the item's spread.
        match (spread, respondent) {
            (s, 1) if s >= 1.0 => "\"no\"",
            (s, 1) if s >= 0.5 => "partly",
            _ => "\"yes\"",
        }
    };
    let files: Vec<File> = (0..5)
        .map(|r| {
            let mut answers = String::new();
            for i in 0..12 {
                let _ = writeln!(answers, "  many.q{}: {}", i + 1, answer(i, r));
            }
            respondent(&checklist, &format!("r{r}.yaml"), "staff", &answers)
        })
        .collect();
    let org = organisation(&checklist, "");
    let card = compared(&checklist, org, &files, 5);
    let starters = &view(&card).conversation_starters;
    let ids: Vec<&str> = starters.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "many.q2", "many.q4", "many.q7", "many.q10", "many.q1", "many.q5", "many.q6",
            "many.q8", "many.q9", "many.q11"
        ]
    );
    let q2 = &starters[0];
    assert_eq!((q2.spread, q2.n), (1.0, 5));
    let counts: Vec<(&str, usize)> = q2.counts.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    assert_eq!(counts, [("yes", 4), ("partly", 0), ("no", 1)]);
}

#[test]
fn the_comparison_does_not_depend_on_the_order_of_the_files() {
    let checklist = checklist();
    let org = organisation(&checklist, "  s.c: \"yes\"\n  u.a: \"yes\"");
    let mut files = members(&checklist, "staff", 5, "  s.c: partly\n  u.a: \"no\"");
    files.extend(members(
        &checklist,
        "board",
        3,
        "  s.c: \"no\"\n  u.a: \"yes\"",
    ));
    files.extend(members(
        &checklist,
        "volunteers",
        2,
        "  s.c: \"yes\"\n  u.a: partly",
    ));
    files[1] = respondent(
        &checklist,
        "x.yaml",
        "staff",
        "  s.c: \"no\"\n  u.a: \"yes\"\n  s.m: [x]",
    );
    let forward = compared(&checklist, org.clone(), &files, 5);
    files.reverse();
    let backward = compared(&checklist, org.clone(), &files, 5);
    assert_eq!(forward, backward);
    files.swap(1, 7);
    assert_eq!(compared(&checklist, org, &files, 5), forward);
}

#[test]
fn a_perception_gap_holds_back_a_level_that_caps_the_washing_risk() {
    // One section; the top level allows no more than a low washing risk (SPEC section 14).
    let checklist = Checklist::from_source(&Source::new(
        "capped.yaml",
        r"
id: resp-test
version: 1.0.0
languages: [en]
title: Capped
levels:
  - {id: start, min: 0, label: Start}
  - {id: top, min: 60, label: Top, max_washing_risk: low}
sections:
  - id: p
    title: P
    items:
      - {id: pct, question: Q, type: number, min: 0, max: 100, target: {good: 100, poor: 0}, respondents: true}
",
    ))
    .expect("valid checklist");
    let org = organisation(&checklist, "  p.pct: 80");
    assert_eq!(org.level.as_ref().map(|l| l.id.as_str()), Some("top"));
    // Staff see it 30 points lower: a perception gap, medium risk, above what Top allows.
    let card = compared(
        &checklist,
        org.clone(),
        &members(&checklist, "staff", 5, "  p.pct: 50"),
        5,
    );
    assert_eq!(card.washing_risk, WashingRisk::Medium);
    let level = card.level.as_ref().expect("a level");
    assert_eq!(level.id, "start");
    assert_eq!(level.before_requirements, "top");
    assert_eq!(level.held_back_by_flags, [PERCEPTION_GAP_RULE]);
    // No gap, no change: the level the organisation's own answers give.
    let card = compared(
        &checklist,
        org,
        &members(&checklist, "staff", 5, "  p.pct: 75"),
        5,
    );
    assert_eq!(card.level.as_ref().map(|l| l.id.as_str()), Some("top"));
}
