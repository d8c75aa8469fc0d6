//! Progress across periods (`dei_core::progress`) and how reports and `compare` show it.

use dei_core::progress::{Direction, compare};
use dei_core::scorecard::Status;
use dei_core::{Code, Library, Scorecard};
use dei_report::{Renderer, compare_report, progress_json};

use crate::support::{harbour, scored_text};

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

#[test]
fn deltas_between_two_hand_built_periods() {
    let mut library = Library::with_resolver(dei_core::fs::FsResolver);
    let old = harbour(&mut library, 2024);
    let new = harbour(&mut library, 2025);
    // Given newest first: compare sorts by period.
    let progress = compare(
        &[("new", &new.scorecard), ("old", &old.scorecard)],
        &new.checklist,
    )
    .unwrap_or_else(|problems| panic!("{problems}"));
    assert_eq!(progress.checklist, "fixture-dei");
    let periods: Vec<&str> = progress.periods.iter().map(|p| p.period.as_str()).collect();
    assert_eq!(periods, ["2024", "2025"]);
    assert_eq!(progress.steps.len(), 1);
    let step = &progress.steps[0];
    assert_eq!((step.from.as_str(), step.to.as_str()), ("2024", "2025"));

    // 2024: strategy (0.5 + 0 + 0 + 0.2) / 5 = 14, people (0.5 + 0.5 + 0) / 3 = 33.3,
    // voice (0 + 0.5) / 2 = 25; overall (2·14 + 33.3 + 25) / 4 = 21.58.
    // 2025: strategy 62, people 83.3, voice 100 (complaints N/A); overall 76.83.
    assert!(close(step.overall.from, (28.0 + 100.0 / 3.0 + 25.0) / 4.0));
    assert!(close(step.overall.to, (124.0 + 250.0 / 3.0 + 100.0) / 4.0));
    assert!(close(
        step.overall.delta,
        (124.0 + 250.0 / 3.0 + 100.0) / 4.0 - (28.0 + 100.0 / 3.0 + 25.0) / 4.0
    ));
    let sections: Vec<(&str, f64)> = step
        .sections
        .iter()
        .map(|s| (s.id.as_str(), s.score.delta.unwrap_or(f64::NAN)))
        .collect();
    assert_eq!(sections.len(), 3);
    assert!((sections[0].1 - 48.0).abs() < 1e-9);
    assert!((sections[1].1 - 50.0).abs() < 1e-9);
    assert!((sections[2].1 - 75.0).abs() < 1e-9);

    assert_eq!(step.level.from.as_deref(), Some("start"));
    assert_eq!(step.level.to.as_deref(), Some("grow"));
    assert_eq!(step.level.direction, Direction::Up);
    assert_eq!(step.sections[2].level.direction, Direction::Up);

    let ids = |changes: &[dei_core::progress::ItemChange]| {
        changes.iter().map(|c| c.id.clone()).collect::<Vec<_>>()
    };
    assert_eq!(
        ids(&step.improved),
        [
            "strategy.commitment",
            "strategy.plan",
            "strategy.budget",
            "strategy.fte",
            "people.fair_selection",
            "people.women_leaders",
            "people.pay_gap",
        ]
    );
    assert!(step.regressed.is_empty());
    // The text answer and the survey are new; complaints went from an answer to N/A, which is
    // neither new nor a score change.
    assert_eq!(ids(&step.newly_answered), ["people.story", "voice.survey"]);
    assert_eq!(step.newly_answered[0].to_status, Status::Answered);
    let metrics: Vec<(&str, Option<f64>, Option<f64>)> = step
        .metrics
        .iter()
        .map(|m| (m.id.as_str(), m.value.from, m.value.to))
        .collect();
    assert_eq!(
        metrics,
        [
            ("strategy.fte", Some(0.2), Some(0.6)),
            ("people.women_leaders", Some(30.0), Some(45.0)),
        ]
    );
    assert_eq!(step.flags_resolved, ["no_budget"]);
    assert!(step.flags_new.is_empty());
    assert!(step.items_added.is_empty() && step.items_removed.is_empty());
}

#[test]
fn three_periods_across_checklist_versions() {
    let mut library = Library::with_resolver(dei_core::fs::FsResolver);
    let first = harbour(&mut library, 2024);
    let second = harbour(&mut library, 2025);
    let third = harbour(&mut library, 2026);
    assert_eq!(third.scorecard.checklist.version, "3.0.0");
    let progress = compare(
        &[
            ("2026", &third.scorecard),
            ("2024", &first.scorecard),
            ("2025", &second.scorecard),
        ],
        &third.checklist,
    )
    .unwrap_or_else(|problems| panic!("{problems}"));
    assert_eq!(progress.steps.len(), 2);
    let step = &progress.steps[1];
    assert_eq!((step.from.as_str(), step.to.as_str()), ("2025", "2026"));
    assert_eq!(step.items_added, ["voice.listening"]);
    assert_eq!(step.items_removed, ["voice.survey"]);
    let regressed: Vec<&str> = step.regressed.iter().map(|c| c.id.as_str()).collect();
    // Budget partly → no; FTE 0.6 → 0.4; women in leadership 45 % → 70 % (outside the good
    // band); the story text was removed but is unscored, so it is no regression.
    assert_eq!(
        regressed,
        ["strategy.budget", "strategy.fte", "people.women_leaders"]
    );
    let improved: Vec<&str> = step.improved.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(improved, ["strategy.plan", "people.pay_gap"]);
    let newly: Vec<&str> = step.newly_answered.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(newly, ["voice.listening"]);
    assert_eq!(step.flags_new, ["no_budget"]);
    assert_eq!(step.flags_resolved, ["commitment_without_plan"]);

    let model = compare_report(&third.checklist, &progress, Some("en"));
    let text = Renderer::builtin()
        .compare_markdown(&model)
        .unwrap_or_else(|problems| panic!("{problems}"));
    insta::assert_snapshot!("harbour_compare_en", text);
    let json = progress_json(&progress);
    assert!(json.ends_with("}\n"));
    let value: serde_json::Value = serde_json::from_str(&json).unwrap_or_default();
    assert_eq!(value["steps"][1]["items_added"][0], "voice.listening");
    assert_eq!(value["periods"][2]["checklist_version"], "3.0.0");
}

#[test]
fn scorecards_of_another_checklist_are_incompatible() {
    let mut library = Library::with_resolver(dei_core::fs::FsResolver);
    let harbour_2025 = harbour(&mut library, 2025);
    let other = scored_text(
        &mut library,
        "other.yaml",
        "checklist: dei-washing-selfcheck\norganisation: {name: Harbour Foundation}\nperiod: 2026\nanswers: {}\n",
        None,
    );
    let problems = compare(
        &[
            ("harbour-2025.yaml", &harbour_2025.scorecard),
            ("other.yaml", &other.scorecard),
        ],
        &harbour_2025.checklist,
    )
    .err()
    .unwrap_or_default();
    assert_eq!(problems.len(), 1);
    let problem = &problems.0[0];
    assert_eq!(problem.code, Code::Incompatible);
    assert_eq!(problem.file, "other.yaml");
    assert!(problem.message.contains("`dei-washing-selfcheck`"));
    assert!(problem.message.contains("`fixture-dei`"));

    let single: [(&str, &Scorecard); 1] = [("one.yaml", &harbour_2025.scorecard)];
    let problems = compare(&single, &harbour_2025.checklist)
        .err()
        .unwrap_or_default();
    assert_eq!(problems.0[0].code, Code::Incompatible);
}

#[test]
fn the_report_shows_the_step_into_the_current_period_only() {
    let mut library = Library::with_resolver(dei_core::fs::FsResolver);
    let first = harbour(&mut library, 2024);
    let second = harbour(&mut library, 2025);
    let third = harbour(&mut library, 2026);
    let model = crate::support::report(&third, &[&first, &second], Some("nl"));
    let progress = model
        .progress
        .as_ref()
        .map(|p| (p.periods.len(), p.steps.len()));
    assert_eq!(progress, Some((3, 1)));
    let text = crate::support::markdown(&model);
    assert!(text.contains("## Voortgang van 2024 tot 2026"));
    assert!(text.contains("### Van 2025 naar 2026"));
    assert!(!text.contains("### Van 2024 naar 2025"));
    assert!(text.contains("**Vragen die in de nieuwe versie van de checklist zijn toegevoegd**"));
    assert!(text.contains("- Houden leidinggevenden luistersessies? (`voice.listening`)"));
    assert!(text.contains("- `voice.survey`"));
    assert!(text.contains("**Nieuwe DEI-washingsignalen**\n\n- Geen budget (`no_budget`)"));
}
