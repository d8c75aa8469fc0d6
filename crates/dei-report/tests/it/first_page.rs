//! The first page a board reads, in both languages, and the rules of the report's order: no
//! formula outside the method section, strengths and gaps apart, the progress heading naming
//! the whole span.

use dei_core::{Library, Scorecard};
use dei_report::{ReportInput, build};

use crate::json::benchmark;
use crate::support::{harbour, markdown, report};

/// The Markdown from the title to the first heading after the first page.
fn first_page(text: &str) -> &str {
    let end = text
        .match_indices("\n## ")
        .nth(1)
        .map_or(text.len(), |(position, _)| position);
    &text[..end]
}

#[test]
fn first_page_in_english_and_dutch() {
    let mut library = Library::with_resolver(dei_core::fs::FsResolver);
    let first = harbour(&mut library, 2024);
    let second = harbour(&mut library, 2025);
    let third = harbour(&mut library, 2026);
    for language in ["en", "nl"] {
        let text = markdown(&report(&third, &[&first, &second], Some(language)));
        insta::assert_snapshot!(format!("first_page_{language}"), first_page(&text));
    }
}

#[test]
fn first_page_with_a_benchmark_shows_the_network_median() {
    let mut library = Library::with_resolver(dei_core::fs::FsResolver);
    let old = harbour(&mut library, 2024);
    let new = harbour(&mut library, 2025);
    let network = benchmark("fixture-dei", "2.1.0");
    let previous: [(&str, &Scorecard); 1] = [("harbour-2024.yaml", &old.scorecard)];
    let model = build(&ReportInput {
        checklist: &new.checklist,
        scorecard: &new.scorecard,
        answers: Some(&new.answers),
        previous: &previous,
        benchmark: Some(("network.json", &network)),
        language: Some("en"),
    })
    .unwrap_or_else(|problems| panic!("{problems}"));
    let text = markdown(&model);
    let page = first_page(&text);
    assert!(page.contains("| Section | 2025 | 2024 | Network median | p25–p75 |"));
    // Strategy is shown in the benchmark (p25 20, median 40, p75 62); people is suppressed.
    assert!(page.contains("| 40.0 | 20.0–62.0 |"), "{page}");
    assert!(page.contains("| – | – |"), "{page}");
    assert_eq!(model.radar.series.len(), 3);
}

#[test]
fn no_formula_outside_the_method_section() {
    let mut library = Library::with_resolver(dei_core::fs::FsResolver);
    let old = harbour(&mut library, 2024);
    let new = harbour(&mut library, 2025);
    for language in ["en", "nl"] {
        let text = markdown(&report(&new, &[&old], Some(language)));
        let method_heading = if language == "en" {
            "\n## How the numbers were computed"
        } else {
            "\n## Hoe de cijfers zijn berekend"
        };
        let before_method = text.split(method_heading).next().unwrap_or_default();
        assert!(text.contains(method_heading));
        for jargon in ["×", "priority 0", "prioriteit 0", "weighted-mean"] {
            assert!(
                !before_method.contains(jargon),
                "`{jargon}` before the method section ({language})"
            );
        }
    }
}

#[test]
fn strengths_and_gaps_never_name_the_same_section() {
    let mut library = Library::with_resolver(dei_core::fs::FsResolver);
    for period in [2024, 2025, 2026] {
        let scored = harbour(&mut library, period);
        let model = report(&scored, &[], Some("en"));
        for strength in &model.strengths {
            assert!(
                model.gaps.iter().all(|gap| gap.title != strength.title),
                "{period}: {} is both",
                strength.title
            );
        }
    }
}

#[test]
fn the_progress_heading_names_the_whole_span() {
    let mut library = Library::with_resolver(dei_core::fs::FsResolver);
    let first = harbour(&mut library, 2024);
    let second = harbour(&mut library, 2025);
    let third = harbour(&mut library, 2026);
    let text = markdown(&report(&third, &[&first, &second], Some("en")));
    assert!(text.contains("\n## Progress from 2024 to 2026\n"));
    assert!(text.contains("**Progress since 2025:**"));
    let dutch = markdown(&report(&third, &[&first, &second], Some("nl")));
    assert!(dutch.contains("\n## Voortgang van 2024 tot 2026\n"));
}

#[test]
fn the_full_action_plan_and_the_appendix_come_last() {
    let mut library = Library::with_resolver(dei_core::fs::FsResolver);
    let old = harbour(&mut library, 2024);
    let new = harbour(&mut library, 2025);
    let text = markdown(&report(&new, &[&old], Some("en")));
    let headings: Vec<&str> = text
        .lines()
        .filter_map(|line| line.strip_prefix("## "))
        .collect();
    assert_eq!(
        headings,
        [
            "At a glance",
            "Summary",
            "Scores per section",
            "Strengths and largest gaps",
            "DEI-washing check",
            "What to do first",
            "Progress from 2024 to 2025",
            "Evidence",
            "Policy, practice and outcome",
            "Action plan",
            "Appendix: all answers",
            "How the numbers were computed",
        ]
    );
}
