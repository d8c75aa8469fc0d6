//! The charts' SVG, checked structurally: series, points and labels, in the model's order and
//! on the 0–100 scale; nothing but our own markup.

use dei_core::{Library, Scorecard};
use dei_report::{ReportInput, band_svg, build, radar_svg, trend_svg};

use crate::json::benchmark;
use crate::support::{harbour, html, report};

fn count(svg: &str, needle: &str) -> usize {
    svg.matches(needle).count()
}

/// The `data-value`s of the points of series `index`, in order.
fn values(svg: &str, index: usize) -> Vec<String> {
    let start = svg
        .find(&format!("data-series=\"{index}\""))
        .unwrap_or_else(|| panic!("no series {index}"));
    let group = &svg[start..];
    let group = &group[..group.find("</g>").unwrap_or(group.len())];
    group
        .split("data-value=\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap_or_default().to_owned())
        .collect()
}

/// Every chart is accessible: an `img` role labelled by its own title and description.
fn assert_accessible(svg: &str, id: &str) {
    assert!(svg.contains(&format!(
        "role=\"img\" aria-labelledby=\"{id}-title {id}-desc\""
    )));
    assert!(svg.contains(&format!("<title id=\"{id}-title\">")));
    assert!(svg.contains(&format!("<desc id=\"{id}-desc\">")));
    assert!(!svg.contains("<script") && !svg.contains("href"));
}

#[test]
fn the_radar_keeps_section_order_and_draws_at_most_three_series() {
    let mut library = Library::with_resolver(dei_core::fs::FsResolver);
    let old = harbour(&mut library, 2024);
    let new = harbour(&mut library, 2025);
    let network = benchmark("fixture-dei", "2.1.0");
    let previous: [(&str, &Scorecard); 1] = [("harbour-2024.yaml", &old.scorecard)];
    let model = build(&ReportInput {
        checklist: &new.checklist,
        scorecard: &new.scorecard,
        answers: None,
        previous: &previous,
        benchmark: Some(("network.json", &network)),
        language: Some("en"),
    })
    .unwrap_or_else(|problems| panic!("{problems}"));
    let svg = radar_svg(&model.radar);
    assert_accessible(&svg, "chart-radar");
    assert_eq!(count(&svg, "class=\"series\""), 3);
    assert_eq!(count(&svg, "class=\"axis-label\""), 3);
    // Axis labels in the checklist's order.
    let strategy = svg.find(">Strategy").unwrap_or(usize::MAX);
    let people = svg.find(">People").unwrap_or(usize::MAX);
    assert!(strategy < people && people < usize::MAX, "{svg}");
    // One point per scored section: now and before, and the median where it is shown.
    let now: Vec<String> = new
        .scorecard
        .sections
        .iter()
        .filter_map(|s| s.score.map(|score| format!("{score:.1}")))
        .collect();
    assert_eq!(values(&svg, 0), now);
    assert_eq!(values(&svg, 1).len(), 3);
    // The network's medians of the fixture benchmark (`json::benchmark`): strategy 40, voice 96;
    // people is suppressed, so it has no point.
    assert_eq!(values(&svg, 2), ["40.0", "96.0"]);
    // The band of the network's middle half, and five rings up to 100.
    assert_eq!(count(&svg, "class=\"band\""), 1);
    assert_eq!(count(&svg, "class=\"ring\""), 5);
    // The description carries the data in words.
    assert!(svg.contains("<desc id=\"chart-radar-desc\">Strategy"));
}

#[test]
fn the_trend_has_the_overall_and_every_section_across_all_periods() {
    let mut library = Library::with_resolver(dei_core::fs::FsResolver);
    let first = harbour(&mut library, 2024);
    let second = harbour(&mut library, 2025);
    let third = harbour(&mut library, 2026);
    let model = report(&third, &[&first, &second], Some("nl"));
    let trend = model.trend.as_ref().unwrap_or_else(|| panic!("no trend"));
    let svg = trend_svg(&trend.chart);
    assert_accessible(&svg, "chart-trend");
    let sections = third.scorecard.sections.len();
    assert_eq!(count(&svg, "class=\"series\""), sections + 1);
    assert_eq!(count(&svg, "class=\"period-label\""), 3);
    let overall: Vec<String> = [&first, &second, &third]
        .iter()
        .map(|scored| format!("{:.1}", scored.scorecard.overall.unwrap_or_default()))
        .collect();
    assert_eq!(values(&svg, 0), overall);
    assert!(svg.contains("data-label=\"Totaal\""));
    // The table beside it: one row for the overall and one per section.
    assert_eq!(trend.rows.len(), sections + 1);
    assert_eq!(trend.periods, ["2024", "2025", "2026"]);
}

#[test]
fn the_benchmark_chart_marks_quartile_bands_and_the_organisation() {
    let mut library = Library::with_resolver(dei_core::fs::FsResolver);
    let new = harbour(&mut library, 2025);
    let network = benchmark("fixture-dei", "2.1.0");
    let model = build(&ReportInput {
        checklist: &new.checklist,
        scorecard: &new.scorecard,
        answers: None,
        previous: &[],
        benchmark: Some(("network.json", &network)),
        language: Some("en"),
    })
    .unwrap_or_else(|problems| panic!("{problems}"));
    let chart = model
        .benchmark_chart
        .as_ref()
        .unwrap_or_else(|| panic!("no benchmark chart"));
    let svg = band_svg(chart);
    assert_accessible(&svg, "chart-benchmark");
    // Overall and three sections; bands where the network's figures are shown (overall,
    // strategy, voice), none for suppressed people.
    assert_eq!(count(&svg, "class=\"row\""), 4);
    assert_eq!(count(&svg, "class=\"band\""), 3);
    assert!(svg.contains("data-p25=\"30.0\" data-p75=\"70.0\""));
    assert!(svg.contains("class=\"median\" data-value=\"50.0\""));
    let overall = format!("{:.1}", new.scorecard.overall.unwrap_or_default());
    assert!(svg.contains(&format!("class=\"point\" data-value=\"{overall}\"")));
    // In the HTML page the chart stands with the benchmark table.
    let page = html(&model);
    assert_eq!(count(&page, "data-chart=\"chart-benchmark\""), 1);
    assert!(page.contains("<section class=\"with-chart benchmark\">"));
}
