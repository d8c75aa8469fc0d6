//! Levels that averaging cannot buy (SPEC section 14): section floors, the highest washing risk
//! a level allows, both cumulative with `requires`, pinned on hand-made cases and by a property
//! test that checks every reached level against the conditions as SPEC states them.

use dei_core::checklist::RuleSeverity;
use dei_core::scorecard::{Status, WashingRisk};
use dei_core::{Answers, Checklist, Library, Scorecard, Source, score};
use std::fmt::Write as _;

use proptest::prelude::*;

const CHECKLIST: &str = r#"
id: level-test
version: 1.0.0
languages: [en]
title: Level test
scales:
  ypn:
    - {id: "yes", label: "Yes", score: 1}
    - {id: partly, label: Partly, score: 0.5}
    - {id: "no", label: "No", score: 0}
levels:
  - {id: l0, min: 0, label: L0}
  - {id: l1, min: 20, label: L1, floor: 10}
  - {id: l2, min: 50, label: L2, requires: [a.req], max_washing_risk: low}
  - {id: l3, min: 80, label: L3, floor: 50, max_washing_risk: high}
sections:
  - id: a
    title: A
    items:
      - {id: req, question: Q, type: choice, scale: ypn}
      - {id: x1, question: Q, type: choice, scale: ypn}
      - {id: x2, question: Q, type: choice, scale: ypn, allow_na: true}
  - id: b
    title: B
    items:
      - {id: y1, question: Q, type: choice, scale: ypn}
      - {id: y2, question: Q, type: choice, scale: ypn}
  - id: c
    title: C
    weight: 0
    items:
      - {id: z1, question: Q, type: choice, scale: ypn}
rules:
  - id: low_flag
    severity: low
    when: "answer.a.x2 == 'partly'"
    title: Low
  - id: high_flag
    severity: high
    when: "answer.b.y2 == 'no' and answer.b.y1 == 'yes'"
    title: High
"#;

fn checklist() -> Checklist {
    Checklist::from_source(&Source::new("level-test.yaml", CHECKLIST))
        .expect("the test checklist is valid")
}

fn card_on(checklist: &Checklist, answers: &str) -> Scorecard {
    let text = format!(
        "checklist: {}\norganisation: {{name: Org, staff: 120}}\nperiod: 2025\nanswers:\n{answers}",
        checklist.id()
    );
    let answers = Answers::from_source(&Source::new("answers.yaml", text), checklist)
        .unwrap_or_else(|problems| panic!("valid answers: {problems:?}"));
    score(checklist, &answers).expect("scoring succeeds")
}

fn card(answers: &str) -> Scorecard {
    card_on(&checklist(), answers)
}

fn level(card: &Scorecard) -> &dei_core::scorecard::LevelResult {
    card.level.as_ref().expect("a level")
}

#[test]
fn everything_in_place_reaches_the_top() {
    let card =
        card("  a.req: yes\n  a.x1: yes\n  a.x2: yes\n  b.y1: yes\n  b.y2: yes\n  c.z1: no\n");
    let level = level(&card);
    // Section c scores 0 but weighs 0: it is not a scored section of the overall, so no floor.
    assert_eq!(
        (level.id.as_str(), level.before_requirements.as_str()),
        ("l3", "l3")
    );
    assert!(level.held_back_by.is_empty());
    assert!(level.held_back_by_sections.is_empty());
    assert!(level.held_back_by_flags.is_empty());
}

#[test]
fn a_section_under_the_floor_holds_the_level_back() {
    // a: (1 + 1 + 1)/3 = 100; b: 0 → overall 50 → l2 by threshold, but l1's floor 10 fails.
    let card = card("  a.req: yes\n  a.x1: yes\n  a.x2: yes\n  b.y1: no\n  b.y2: no\n");
    let level = level(&card);
    assert_eq!(
        (level.id.as_str(), level.before_requirements.as_str()),
        ("l0", "l2")
    );
    assert!(level.held_back_by.is_empty());
    assert_eq!(level.held_back_by_sections, ["b"]);
    assert!(level.held_back_by_flags.is_empty());
}

#[test]
fn a_higher_floor_binds_only_from_its_own_level() {
    // a = 100, b = 75 (y1 yes, y2 partly) → 87.5 → l3, whose floor of 50 holds.
    let top = card("  a.req: yes\n  a.x1: yes\n  a.x2: yes\n  b.y1: yes\n  b.y2: partly\n");
    assert_eq!(level(&top).id, "l3");
    // a = 100, b = 25 (y1 partly, y2 no) → 62.5 → l2: l1's floor of 10 holds, l3's floor of 50
    // would not, but l3 is not reached by the score, so it holds nothing back.
    let middle = card("  a.req: yes\n  a.x1: yes\n  a.x2: yes\n  b.y1: partly\n  b.y2: no\n");
    let level = level(&middle);
    assert_eq!(
        (level.id.as_str(), level.before_requirements.as_str()),
        ("l2", "l2")
    );
    assert!(level.held_back_by_sections.is_empty());
}

#[test]
fn the_floor_is_cumulative_and_lists_every_section_under_it() {
    // Everything yes except b at 25: a = 100 → 62.5; with c weighing 0 at 0.
    // Now lower a to 0 on x1/x2 partly... a = (1 + 0 + 0)/3 = 33.3, b = 0 → 16.7: l0 by score.
    // a = (1 + 1 + 0.5)/3 = 83.3 and b = 0 → 41.7 → l1 by score, floor 10 fails on b alone.
    let card =
        card("  a.req: yes\n  a.x1: yes\n  a.x2: partly\n  b.y1: no\n  b.y2: no\n  c.z1: no\n");
    let level = level(&card);
    assert_eq!(
        (level.id.as_str(), level.before_requirements.as_str()),
        ("l0", "l1")
    );
    assert_eq!(level.held_back_by_sections, ["b"]);
}

#[test]
fn a_flag_above_the_allowed_risk_holds_the_level_back() {
    // Overall 100 except y2: a = 100, b = 50 → 75 → l2, which allows at most low; high fires.
    let card = card("  a.req: yes\n  a.x1: yes\n  a.x2: yes\n  b.y1: yes\n  b.y2: no\n");
    assert_eq!(card.washing_risk, WashingRisk::High);
    let level = level(&card);
    assert_eq!(
        (level.id.as_str(), level.before_requirements.as_str()),
        ("l1", "l2")
    );
    assert_eq!(level.held_back_by_flags, ["high_flag"]);
    assert!(level.held_back_by_sections.is_empty());
}

#[test]
fn the_allowed_risk_is_cumulative() {
    // l3 allows high, but l2 below it allows only low: high at l3 still holds the level back.
    // x2 partly fires the low flag, which l2 allows. a = (1 + 1 + .5)/3, b = 100 → 91.7 → l3.
    let card = card("  a.req: yes\n  a.x1: yes\n  a.x2: partly\n  b.y1: yes\n  b.y2: yes\n");
    assert_eq!(card.washing_risk, WashingRisk::Low);
    assert_eq!(level(&card).id, "l3");
    assert!(
        card.flags
            .iter()
            .all(|flag| flag.severity == RuleSeverity::Low)
    );
}

#[test]
fn items_sections_and_flags_are_listed_together() {
    // req no, y2 no with y1 yes (high flag): a = 66.7, b = 50 → 58.3 → l2 by threshold.
    let card = card("  a.req: no\n  a.x1: yes\n  a.x2: yes\n  b.y1: yes\n  b.y2: no\n");
    let level = level(&card);
    assert_eq!(
        (level.id.as_str(), level.before_requirements.as_str()),
        ("l1", "l2")
    );
    assert_eq!(level.held_back_by, ["a.req"]);
    assert_eq!(level.held_back_by_flags, ["high_flag"]);
}

#[test]
fn na_does_not_meet_a_requirement_because_it_cannot_be_given() {
    // SPEC §14: a required item may not allow N/A, so N/A on `a.req` is an answers error.
    let checklist = checklist();
    let text = "checklist: level-test\norganisation: {name: Org}\nperiod: 2025\nanswers:\n  a.req: {na: true, reason: Too small}\n";
    let problems = Answers::from_source(&Source::new("answers.yaml", text), &checklist)
        .expect_err("N/A is not allowed on a required item");
    assert!(problems.has_errors());
}

/// SPEC §14 stated declaratively: the level is the highest level whose `min` is at most the
/// overall score and whose conditions, with those of every level below it, all hold.
fn expected_level(checklist: &Checklist, card: &Scorecard) -> Option<String> {
    let overall = card.overall?;
    let holds_through = |top: usize| {
        checklist.levels()[..=top].iter().all(|level| {
            let items = level.requires.iter().all(|&index| {
                let item = &card.items[index];
                matches!(item.status, Status::OutOfScope | Status::Na) || item.score == Some(1.0)
            });
            let floor = level.floor.is_none_or(|floor| {
                card.sections
                    .iter()
                    .filter(|section| section.weight > 0.0)
                    .filter_map(|section| section.score)
                    .all(|score| score >= floor)
            });
            let risk = level
                .max_washing_risk
                .is_none_or(|allowed| card.washing_risk <= allowed);
            items && floor && risk
        })
    };
    (0..checklist.levels().len())
        .rev()
        .find(|&top| checklist.levels()[top].min <= overall && holds_through(top))
        .or(Some(0))
        .map(|index| checklist.levels()[index].id.clone())
}

/// Every answers text the generator writes: each item unanswered, or one of its options.
fn answers_text(ids: Vec<(&'static str, bool)>) -> impl Strategy<Value = String> {
    let per_item: Vec<_> = ids
        .into_iter()
        .map(|(id, na)| {
            let choices: Vec<&'static str> = if na {
                vec!["", "yes", "partly", "no", "na"]
            } else {
                vec!["", "yes", "partly", "no"]
            };
            prop::sample::select(choices).prop_map(move |choice| match choice {
                "" => String::new(),
                "na" => format!("  {id}: {{na: true, reason: Does not fit}}\n"),
                value => format!("  {id}: {value}\n"),
            })
        })
        .collect();
    per_item.prop_map(|lines| {
        let text = lines.concat();
        if text.is_empty() {
            "  {}\n".to_owned()
        } else {
            text
        }
    })
}

/// Answers for a built-in checklist from a seed: every item unanswered, N/A where allowed, or
/// a valid value, with or without evidence.
fn builtin_answers(checklist: &Checklist, seed: u64, staff: u64) -> String {
    let mut state = seed | 1;
    let mut next = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        usize::try_from(state % n as u64).expect("below n")
    };
    let mut text = format!(
        "checklist: {}\norganisation: {{name: Org, staff: {staff}, workers: {staff}, works_through_partners: {}, collects_equality_data: {}, uses_participant_stories: {}}}\nperiod: 2025\nanswers:\n",
        checklist.id(),
        next(2) == 0,
        next(2) == 0,
        next(2) == 0,
    );
    for item in checklist.items() {
        // Mostly positive answers, so that high levels are reached and their conditions tested.
        let pick = next(10);
        if pick == 0 {
            continue;
        }
        if pick == 1 && item.allow_na {
            let _ = writeln!(text, "  {}: {{na: true, reason: Does not fit}}", item.id);
            continue;
        }
        let value = match &item.answer {
            dei_core::checklist::AnswerKind::Choice(options) => {
                let index = if pick > 4 { 0 } else { next(options.len()) };
                let best = options
                    .iter()
                    .max_by(|a, b| a.score.total_cmp(&b.score))
                    .map(|option| &option.id);
                let option = if index == 0 {
                    best
                } else {
                    options.get(index).map(|o| &o.id)
                };
                format!("\"{}\"", option.map_or("", String::as_str))
            }
            dei_core::checklist::AnswerKind::Multi(options) => {
                let chosen: Vec<String> = options
                    .iter()
                    .filter(|_| pick > 3 || next(2) == 0)
                    .map(|option| format!("\"{}\"", option.id))
                    .collect();
                format!("[{}]", chosen.join(", "))
            }
            dei_core::checklist::AnswerKind::Number(spec) => {
                let lo = spec.min.unwrap_or(0.0);
                let hi = spec.max.unwrap_or(lo + 100.0);
                format!("{}", lo + (hi - lo) * next(11) as f64 / 10.0)
            }
            dei_core::checklist::AnswerKind::Text => "\"Some text\"".to_owned(),
        };
        let evidence = if next(4) == 0 {
            "[]"
        } else {
            "[Document 2025]"
        };
        let _ = writeln!(
            text,
            "  {}: {{value: {value}, evidence: {evidence}}}",
            item.id
        );
    }
    text
}

fn builtin(id: &str) -> std::sync::Arc<Checklist> {
    Library::with_resolver(dei_core::fs::FsResolver)
        .checklist(id, None)
        .unwrap_or_else(|problems| panic!("{id} loads: {problems:?}"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// No answers file reaches a level whose conditions it fails, and none is held below the
    /// highest level whose conditions it meets.
    #[test]
    fn the_level_is_the_highest_whose_conditions_hold(answers in answers_text(vec![
        ("a.req", false), ("a.x1", false), ("a.x2", true), ("b.y1", false), ("b.y2", false), ("c.z1", false),
    ])) {
        let checklist = checklist();
        let card = card_on(&checklist, &answers);
        prop_assert_eq!(card.level.as_ref().map(|level| level.id.clone()), expected_level(&checklist, &card));
    }
}

proptest! {
    // Each case scores both built-in checklists in full; fewer cases keep the debug test short.
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// The same on the built-in checklists, with answers from a seed.
    #[test]
    fn builtin_levels_never_reached_without_their_conditions(seed in any::<u64>(), staff in 0u64..600) {
        for id in ["ngo-dei", "dei-washing-selfcheck"] {
            let checklist = builtin(id);
            let text = builtin_answers(&checklist, seed, staff);
            let answers = Answers::from_source(&Source::new("answers.yaml", text.clone()), &checklist)
                .unwrap_or_else(|problems| panic!("generated answers are valid: {problems:?}\n{text}"));
            let card = score(&checklist, &answers).expect("scoring succeeds");
            prop_assert_eq!(card.level.as_ref().map(|level| level.id.clone()), expected_level(&checklist, &card));
        }
    }
}
