//! The evidence ladder (checklists/README.md 6.2 and 9.2): typed, dated evidence, and evidence
//! that expires. Pinned here: an expired entry never lifts the evidence cap, whatever the dates
//! and the form of the period; a current one does; and both paths of an answers file (fast and
//! located) read typed entries alike.

use dei_core::evidence::{Evidence, EvidenceType};
use dei_core::{Answers, Checklist, Source, score};
use proptest::prelude::*;

const CHECKLIST: &str = r#"
id: ladder
version: 1.0.0
languages: [en]
title: Ladder
scoring:
  evidence_cap: 0.5
  evidence: {max_age_months: 24}
levels:
  - {id: start, min: 0, label: Start}
sections:
  - id: s
    title: S
    items:
      - id: claim
        question: Is it done?
        type: choice
        evidence: required
        options:
          - {id: "yes", label: "Yes", score: 1}
          - {id: "no", label: "No", score: 0}
"#;

fn checklist() -> Checklist {
    Checklist::from_source(&Source::new("ladder.yaml", CHECKLIST)).expect("valid checklist")
}

fn answers(checklist: &Checklist, period: &str, evidence: &str) -> Answers {
    let text = format!(
        "checklist: ladder\norganisation: {{name: Example}}\nperiod: \"{period}\"\nanswers:\n  s.claim:\n    value: \"yes\"\n    evidence: {evidence}\n"
    );
    Answers::from_source(&Source::new("answers.yaml", &text), checklist).expect("valid answers")
}

/// The last month of a period as a month count (year × 12 + month), worked out here by hand
/// from the period's form rather than by the engine.
fn last_month(year: u32, form: u8, part: u32) -> (String, u32) {
    match form {
        0 => (format!("{year}"), year * 12 + 12),
        1 => (
            format!("{year}-H{}", part % 2 + 1),
            year * 12 + (part % 2 + 1) * 6,
        ),
        2 => (
            format!("{year}-Q{}", part % 4 + 1),
            year * 12 + (part % 4 + 1) * 3,
        ),
        _ => (
            format!("{year}-{:02}", part % 12 + 1),
            year * 12 + part % 12 + 1,
        ),
    }
}

proptest! {
    /// An answer whose only evidence is older than `max_age_months` at the end of the period is
    /// capped exactly as if it had none, and listed as lapsed; a younger one lifts the cap.
    #[test]
    fn an_expired_entry_never_lifts_the_cap(
        year in 2000u32..2040,
        form in 0u8..4,
        part in 0u32..12,
        evidence_year in 1995u32..2045,
        evidence_month in 1u32..=12,
        day in prop::option::of(1u32..=28),
    ) {
        let checklist = checklist();
        let (period, end) = last_month(year, form, part);
        let date = match day {
            Some(day) => format!("{evidence_year}-{evidence_month:02}-{day:02}"),
            None => format!("{evidence_year}-{evidence_month:02}"),
        };
        let entry = format!("[{{text: Minutes, type: minutes, date: \"{date}\"}}]");
        let answers = answers(&checklist, &period, &entry);
        let scorecard = score(&checklist, &answers).expect("scores");
        let item = &scorecard.items[0];
        let age = i64::from(end) - i64::from(evidence_year * 12 + evidence_month);
        if age > 24 {
            prop_assert_eq!(item.score, Some(0.5));
            prop_assert!(item.unevidenced_claim);
            prop_assert_eq!(item.evidence, 0);
            prop_assert_eq!(item.lapsed_evidence.len(), 1);
            prop_assert_eq!(answers.warnings.len(), 1);
            prop_assert_eq!(answers.warnings[0].code.as_str(), "expired-evidence");
            prop_assert!(answers.warnings[0].message.contains(&date));
        } else {
            prop_assert_eq!(item.score, Some(1.0));
            prop_assert!(!item.unevidenced_claim);
            prop_assert_eq!(item.evidence, 1);
            prop_assert!(answers.warnings.is_empty());
        }
    }
}

/// The boundary, by table: period 2025 ends in December 2025.
#[test]
fn the_boundary_is_twenty_four_whole_months() {
    let checklist = checklist();
    for (date, counts) in [
        ("2023-12", true),
        ("2023-12-31", true),
        ("2023-11-30", false),
        ("2023-11", false),
        ("2027-06", true),
    ] {
        let entry = format!("[{{text: Data, type: data, date: \"{date}\"}}]");
        let scorecard = score(&checklist, &answers(&checklist, "2025", &entry)).expect("scores");
        assert_eq!(scorecard.items[0].evidence == 1, counts, "{date}");
    }
    // One current entry beside an expired one is enough; a plain entry never expires.
    for entry in [
        "[{text: Old, date: \"2001-01\"}, {text: New, date: \"2025-01\"}]",
        "[Plain document name]",
    ] {
        let scorecard = score(&checklist, &answers(&checklist, "2025", entry)).expect("scores");
        assert_eq!(scorecard.items[0].score, Some(1.0), "{entry}");
    }
}

/// Typed entries read the same on the fast path (JSON) and the located path, and come back
/// as written in the scorecard.
#[test]
fn typed_entries_read_alike_on_both_paths() {
    let checklist = checklist();
    let json = r#"{"checklist": "ladder", "organisation": {"name": "Example"}, "period": "2025",
      "answered_by": ["Director"], "signed_by": ["Works council"],
      "answers": {"s.claim": {"value": "yes", "evidence": ["Plain", {"text": "Survey 2025", "type": "survey", "date": "2025-10"}]}}}"#;
    let source = Source::new("answers.json", json);
    let fast = dei_core::testing::fast_answers(&source, &checklist).expect("fast path");
    let located = dei_core::testing::located_answers(&source, &checklist).expect("located");
    assert_eq!(fast, located);
    assert_eq!(fast.answered_by, ["Director"]);
    assert_eq!(fast.signed_by, ["Works council"]);
    let scorecard = score(&checklist, &fast).expect("scores");
    assert_eq!(
        scorecard.items[0].evidence_list,
        [
            Evidence::plain("Plain"),
            Evidence {
                text: "Survey 2025".to_owned(),
                kind: Some(EvidenceType::Survey),
                date: Some("2025-10".to_owned()),
            }
        ]
    );
}

/// With `require_type: true`, an untyped entry does not count and is named in a warning.
#[test]
fn a_required_type_leaves_plain_entries_out() {
    let text = CHECKLIST.replace(
        "evidence: {max_age_months: 24}",
        "evidence: {require_type: true}",
    );
    let checklist = Checklist::from_source(&Source::new("ladder.yaml", &text)).expect("valid");
    let answers = answers(&checklist, "2025", "[Strategy]");
    let scorecard = score(&checklist, &answers).expect("scores");
    assert_eq!(scorecard.items[0].score, Some(0.5));
    assert_eq!(answers.warnings[0].code.as_str(), "untyped-evidence");
    let typed = answers_typed(&checklist);
    assert_eq!(
        score(&checklist, &typed).expect("scores").items[0].score,
        Some(1.0)
    );
}

fn answers_typed(checklist: &Checklist) -> Answers {
    answers(checklist, "2025", "[{text: Strategy, type: document}]")
}
