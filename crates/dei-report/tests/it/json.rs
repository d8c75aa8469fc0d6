//! The JSON report (the scorecard plus progress and benchmark position) and the benchmark
//! section of the Markdown report.

use dei_core::benchmark::Benchmark;
use dei_core::{Code, Library, Scorecard};
use dei_report::{ReportInput, build, report_json};

use crate::support::{harbour, markdown};

/// A network benchmark of the fixture checklist: overall and strategy shown, people
/// suppressed, voice shown.
pub(crate) fn benchmark(id: &str, version: &str) -> Benchmark {
    let text = serde_json::json!({
        "schema_version": 2,
        "checklist": {"id": id, "version": version},
        "organisations": 12,
        "periods": {"2025": 12},
        "min_group": 5,
        "overall": {"n": 12, "p25": 30.0, "median": 50.0, "p75": 70.0},
        "sections": [
            {"id": "strategy", "n": 12, "p25": 20.0, "median": 40.0, "p75": 62.0},
            {"id": "people", "suppressed": true},
            {"id": "voice", "n": 12, "p25": 90.0, "median": 96.0, "p75": 100.0}
        ],
        "levels": {"start": 5, "grow": 7, "lead": 0},
        "rules": [{"rule": "commitment_without_plan", "share": 0.5}, {"rule": "no_budget", "share": {"suppressed": true}}],
        "left_out": 0
    });
    serde_json::from_value(text).unwrap_or_else(|error| panic!("{error}"))
}

#[test]
fn json_is_the_scorecard_with_progress_and_benchmark_position() {
    let mut library = Library::with_resolver(dei_core::fs::FsResolver);
    let old = harbour(&mut library, 2024);
    let new = harbour(&mut library, 2025);
    let network = benchmark("fixture-dei", "2.1.0");
    let previous: [(&str, &Scorecard); 1] = [("harbour-2024.yaml", &old.scorecard)];
    let input = ReportInput {
        checklist: &new.checklist,
        scorecard: &new.scorecard,
        answers: Some(&new.answers),
        previous: &previous,
        benchmark: Some(("network.json", &network)),
        language: None,
    };
    let text = report_json(&input).unwrap_or_else(|problems| panic!("{problems}"));
    let value: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    // Every scorecard key, unchanged, then the two added keys.
    let scorecard = serde_json::to_value(&new.scorecard).unwrap_or_default();
    for (key, expected) in scorecard.as_object().into_iter().flatten() {
        assert_eq!(&value[key], expected, "{key}");
    }
    assert_eq!(value["progress"]["steps"][0]["from"], "2024");
    assert_eq!(
        value["progress"]["steps"][0]["flags_resolved"][0],
        "no_budget"
    );
    let bands: Vec<(serde_json::Value, &str)> = value["benchmark_position"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|place| {
            (
                place["section"].clone(),
                place["band"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        bands,
        [
            (serde_json::Value::Null, "above_p75"),
            (serde_json::json!("strategy"), "median_p75"),
            (serde_json::json!("people"), "suppressed"),
            (serde_json::json!("voice"), "median_p75"),
        ]
    );
    // Without the extras the JSON is exactly the scorecard.
    let plain = report_json(&ReportInput {
        previous: &[],
        benchmark: None,
        ..input
    })
    .unwrap_or_default();
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&plain).unwrap_or_default(),
        scorecard
    );
    assert!(plain.ends_with("}\n"));
}

#[test]
fn the_markdown_report_shows_the_quartile_per_section() {
    let mut library = Library::with_resolver(dei_core::fs::FsResolver);
    let new = harbour(&mut library, 2025);
    let network = benchmark("fixture-dei", "2.0.0");
    let model = build(&ReportInput {
        checklist: &new.checklist,
        scorecard: &new.scorecard,
        answers: None,
        previous: &[],
        benchmark: Some(("network.json", &network)),
        language: Some("en"),
    })
    .unwrap_or_else(|problems| panic!("{problems}"));
    let text = markdown(&model);
    let section = text
        .split("## Benchmark position\n\n")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .unwrap_or_default();
    insta::assert_snapshot!("benchmark_section", section);
    // Without answers the subtitle has no "assessed by".
    assert!(text.contains("\nPeriod 2025 · Fixture DEI checklist (fixture-dei 2.1.0)\n"));
}

#[test]
fn a_benchmark_or_period_of_another_checklist_is_incompatible() {
    let mut library = Library::with_resolver(dei_core::fs::FsResolver);
    let new = harbour(&mut library, 2025);
    let network = benchmark("ngo-dei", "1.0.0");
    let other = crate::support::scored_text(
        &mut library,
        "other.yaml",
        "checklist: dei-washing-selfcheck\norganisation: {name: Other}\nperiod: 2024\nanswers: {}\n",
        None,
    );
    let previous: [(&str, &Scorecard); 1] = [("other.yaml", &other.scorecard)];
    let input = ReportInput {
        checklist: &new.checklist,
        scorecard: &new.scorecard,
        answers: Some(&new.answers),
        previous: &previous,
        benchmark: Some(("network.json", &network)),
        language: None,
    };
    let problems = build(&input).err().unwrap_or_default();
    let files: Vec<(&str, Code)> = problems
        .0
        .iter()
        .map(|problem| (problem.file.as_str(), problem.code))
        .collect();
    assert_eq!(
        files,
        [
            ("other.yaml", Code::Incompatible),
            ("network.json", Code::Incompatible)
        ]
    );
    assert_eq!(report_json(&input).err().unwrap_or_default(), problems);
}
