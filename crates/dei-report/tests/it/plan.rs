//! The action plan: in-scope scored items with s < 1 and a positive priority, by w·W·(1 − s)
//! descending, ties in definition order.

use dei_core::Library;
use dei_report::action_order;

use crate::support::{fixtures, markdown, report, scored_text};

const ANSWERS: &str = r"
checklist: plan-checklist.yaml
organisation: {name: Plan Test, staff: 10}
period: 2025
answers:
  a.one: partly        # 1 × 2 × 0.5 = 1
  a.two: 'no'          # 0.5 × 2 × 1 = 1
  a.full: 'yes'        # full marks: not in the plan
  a.note: some text    # unscored: not in the plan
  a.big: partly        # 3 × 2 × 0.5 = 3
  b.one: partly        # 2 × 1 × 0.5 = 1
  b.two: 'no'          # 1 × 1 × 1 = 1
  b.na: {na: true, reason: Not for us}
  # b.open unanswered: 1 × 1 × 1 = 1
  b.tenth: 'no'        # 0.3 × 1 × 1 = 0.3
  b.hidden: 'no'       # out of scope: not in the plan
  c.small: 'no'        # 0.1 × 3 × 1 = 0.30000000000000004: ties with b.tenth
  c.zero: 'no'         # 0 × 3 × 1 = 0: nothing to gain, so not an action
";

#[test]
fn highest_priority_first_and_ties_in_definition_order() {
    let mut library = Library::with_resolver(dei_core::fs::FsResolver);
    let scored = scored_text(&mut library, "plan.yaml", ANSWERS, Some(&fixtures()));
    let order: Vec<(&str, f64)> = action_order(&scored.checklist, &scored.scorecard)
        .into_iter()
        .map(|(index, priority)| (scored.checklist.items()[index].id.as_str(), priority))
        .collect();
    let ids: Vec<&str> = order.iter().map(|(id, _)| *id).collect();
    assert_eq!(
        ids,
        [
            "a.big", "a.one", "a.two", "b.one", "b.two", "b.open", "b.tenth", "c.small"
        ]
    );
    let priorities: Vec<f64> = order
        .iter()
        .map(|(_, p)| (p * 1000.0).round() / 1000.0)
        .collect();
    assert_eq!(priorities, [3.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.3, 0.3]);
}

#[test]
fn the_report_numbers_the_plan_in_that_order() {
    let mut library = Library::with_resolver(dei_core::fs::FsResolver);
    let scored = scored_text(&mut library, "plan.yaml", ANSWERS, Some(&fixtures()));
    let model = report(&scored, &[], None);
    let ranked: Vec<(usize, &str)> = model
        .actions
        .items
        .iter()
        .map(|action| (action.rank, action.id.as_str()))
        .collect();
    assert_eq!(
        ranked,
        [
            (1, "a.big"),
            (2, "a.one"),
            (3, "a.two"),
            (4, "b.one"),
            (5, "b.two"),
            (6, "b.open"),
            (7, "b.tenth"),
            (8, "c.small"),
        ]
    );
    let text = markdown(&model);
    // The first five with their guidance under "What to do first", then every open question
    // in the table of the action plan, in rank order, without the formula.
    let first = text.find("### 1. A big").unwrap_or(usize::MAX);
    let fifth = text.find("### 5. B two").unwrap_or(0);
    assert!(first < fifth, "the first actions are listed in rank order");
    assert!(!text.contains("### 6."));
    assert!(text.contains("*Section A · now: Partly · score 50.0*"));
    let plan = text.split("\n## Action plan\n").nth(1).unwrap_or_default();
    let one = plan.find("| 1 | A big").unwrap_or(usize::MAX);
    let six = plan.find("| 6 | B open").unwrap_or(0);
    assert!(one < six, "the plan is listed in rank order");
    assert!(
        plan.contains("| 6 | B open | Section B | not answered | 0.0 |"),
        "{plan}"
    );
    // The formula belongs to the method section only.
    let before_method = text
        .split("\n## How the numbers were computed")
        .next()
        .unwrap_or_default();
    assert!(!before_method.contains(" × "));
}

#[test]
fn nothing_open_means_an_empty_plan_with_a_sentence() {
    let mut library = Library::with_resolver(dei_core::fs::FsResolver);
    let all_yes = r"
checklist: plan-checklist.yaml
organisation: {name: Plan Test, staff: 10}
period: 2025
answers: {a.one: 'yes', a.two: 'yes', a.full: 'yes', a.big: 'yes', b.one: 'yes', b.two: 'yes',
          b.na: 'yes', b.open: 'yes', b.tenth: 'yes', c.small: 'yes', c.zero: 'yes'}
";
    let scored = scored_text(&mut library, "done.yaml", all_yes, Some(&fixtures()));
    let model = report(&scored, &[], None);
    assert!(model.actions.items.is_empty());
    assert!(markdown(&model).contains("Every scored question has full marks"));
}
