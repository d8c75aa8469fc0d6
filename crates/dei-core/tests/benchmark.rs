//! Tests of the network benchmark: quartiles, the disclosure control of SPEC section 13,
//! merging, quartile positions, and the checks of a benchmark file.

// Published figures are exact multiples of their rounding base, so tests compare them exactly;
// the enumerating reader below is plain on purpose, one argument per thing it tracks.
#![allow(
    clippy::float_cmp,
    clippy::items_after_statements,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::too_many_arguments
)]

use std::path::Path;
use std::sync::{Arc, LazyLock};

use dei_core::benchmark::{
    Band, Benchmark, BenchmarkBuilder, BenchmarkError, Count, DEFAULT_MIN_GROUP, Distribution,
    PRIVACY_FLOOR, Share, Stats, hidden_ranges, level_bounds, load, position, publish, quantile,
    round_to, rounding_base, share_shown, suppress_levels,
};
use dei_core::checklist::RuleSeverity;
use dei_core::scorecard::{ChecklistRef, Flag, Indices, LevelResult, SectionResult, WashingRisk};
use dei_core::{
    Checklist, Code, Figures, Library, MemoryResolver, Scorecard, Source, score, score_figures,
};
use proptest::prelude::*;

const CHECKLIST_ID: &str = "dei-washing-selfcheck";
const SECTIONS: [&str; 4] = ["claims", "substance", "voices", "consistency"];

/// The self-check, which every scorecard here is on.
static CHECKLIST: LazyLock<Arc<Checklist>> = LazyLock::new(|| {
    Library::new()
        .checklist(CHECKLIST_ID, None)
        .expect("the built-in checklist loads")
});

fn builder() -> BenchmarkBuilder {
    BenchmarkBuilder::new(&CHECKLIST)
}

/// The figures of a scorecard on the self-check, as a builder takes them.
fn figures(scorecard: &Scorecard) -> Figures {
    scorecard
        .figures(&CHECKLIST)
        .expect("a scorecard of the self-check")
}

/// A scorecard of the self-check with only the numbers a benchmark reads. The name, comment
/// and evidence fields carry distinctive text, so tests can check that none of it leaks.
fn card(
    overall: Option<f64>,
    sections: [Option<f64>; 4],
    level: Option<&str>,
    flags: &[&str],
) -> Scorecard {
    Scorecard {
        schema_version: 1,
        checklist: ChecklistRef {
            id: CHECKLIST_ID.to_owned(),
            version: "2.0.0".to_owned(),
            base: None,
        },
        organisation: "ZEBRA-ORG-7731".to_owned(),
        organisation_id: None,
        period: "2025".to_owned(),
        overall,
        completeness: 100.0,
        washing_risk: WashingRisk::None,
        level: level.map(|id| LevelResult {
            id: id.to_owned(),
            before_requirements: id.to_owned(),
            held_back_by: Vec::new(),
            held_back_by_sections: Vec::new(),
            held_back_by_flags: Vec::new(),
        }),
        sections: SECTIONS
            .iter()
            .zip(sections)
            .map(|(id, score)| SectionResult {
                id: (*id).to_owned(),
                score,
                level: None,
                weight: 1.0,
                answered: 1,
                in_scope: 1,
            })
            .collect(),
        items: Vec::new(),
        indices: Indices::default(),
        evidence_coverage: None,
        na_share: None,
        method: "weighted-mean/1".to_owned(),
        goals: Vec::new(),
        flags: flags
            .iter()
            .map(|rule| Flag {
                rule: (*rule).to_owned(),
                severity: RuleSeverity::High,
                items: Vec::new(),
                section: None,
                group: None,
            })
            .collect(),
        warnings: Vec::new(),
        respondents: None,
    }
}

fn plain(score: f64) -> Scorecard {
    card(Some(score), [Some(score); 4], Some("not_ready"), &[])
}

fn exact(values: &[f64]) -> Distribution {
    Distribution::of(values).expect("values give a distribution")
}

fn check_quartiles(values: &[f64], expected: [f64; 3]) {
    let d = exact(values);
    assert_eq!(d.n, values.len());
    let got = [d.p25, d.median, d.p75];
    for (got, want) in got.iter().zip(expected) {
        assert!(
            (got - want).abs() < 1e-9,
            "{values:?}: got {got:?}, expected {expected:?}"
        );
    }
}

fn level_counts(benchmark: &Benchmark) -> Vec<Option<usize>> {
    benchmark
        .levels
        .values()
        .map(|count| count.shown())
        .collect()
}

fn rule_share(benchmark: &Benchmark, rule: &str) -> Option<f64> {
    benchmark
        .rules
        .iter()
        .find(|share| share.rule == rule)
        .and_then(|share| share.share.shown())
}

// Quantiles: type 7, h = (n − 1)·p, interpolated between the ranks around h.

#[test]
fn quantiles_interpolate_between_closest_ranks() {
    check_quartiles(&[42.5], [42.5, 42.5, 42.5]);
    check_quartiles(&[20.0, 10.0], [12.5, 15.0, 17.5]);
    check_quartiles(&[4.0, 1.0, 3.0, 2.0], [1.75, 2.5, 3.25]);
    check_quartiles(&[50.0, 10.0, 40.0, 20.0, 30.0], [20.0, 30.0, 40.0]);
    // Sorted: 0 10 10 20 30 30 30 40 50 100.
    let values = [30.0, 100.0, 10.0, 0.0, 30.0, 50.0, 20.0, 10.0, 40.0, 30.0];
    check_quartiles(&values, [12.5, 30.0, 37.5]);
}

#[test]
fn quantile_refuses_nothing_and_bad_input() {
    assert_eq!(quantile(&[], 0.5), None);
    assert_eq!(quantile(&[1.0, 2.0], 1.5), None);
    assert_eq!(quantile(&[1.0, 2.0], -0.1), None);
    assert_eq!(quantile(&[1.0, 2.0], 0.0), Some(1.0));
    assert_eq!(Distribution::of(&[]), None);
    assert_eq!(Distribution::of(&[1.0, f64::NAN]), None);
}

// Published distributions: k, rounding, no minimum or maximum.

#[test]
fn quartiles_are_rounded_to_five_points_below_ten_organisations() {
    // 11 23 36 52 67: exact quartiles 23, 36, 52 are members' own scores; rounded 25, 35, 50.
    let d = publish(&[11.0, 23.0, 36.0, 52.0, 67.0], 5).expect("five organisations");
    assert_eq!((d.n, d.p25, d.median, d.p75), (5, 25.0, 35.0, 50.0));
    assert_eq!(rounding_base(9), 5.0);
    assert_eq!(rounding_base(10), 1.0);
    assert_eq!(round_to(37.5, 5.0), 40.0);
    assert_eq!(round_to(37.4, 1.0), 37.0);
}

#[test]
fn quartiles_are_whole_points_from_ten_organisations() {
    let values: Vec<f64> = (0..10).map(|i| 3.3 + 7.1 * f64::from(i)).collect();
    let d = publish(&values, 5).expect("ten organisations");
    assert_eq!((d.n, d.p25, d.median, d.p75), (10, 19.0, 35.0, 51.0));
}

#[test]
fn nothing_is_published_below_the_group_size() {
    assert_eq!(publish(&[10.0, 20.0, 30.0, 40.0], 5), None);
    assert_eq!(publish(&[10.0, 20.0, 30.0, 40.0, 50.0, 60.0], 7), None);
    // A group size below the floor is raised to it.
    assert_eq!(publish(&[12.0, 22.0, 33.0, 44.0], 3), None);
}

#[test]
fn a_quartile_that_is_a_lowest_or_highest_score_suppresses_the_distribution() {
    // Everyone scores 100: the median would tell every member's score.
    assert_eq!(publish(&[100.0; 7], 5), None);
    // Two of five score 0: p25 is 0, the lowest score.
    assert_eq!(publish(&[0.0, 0.0, 36.0, 52.0, 67.0], 5), None);
    // Rounding can make a quartile equal to the highest score.
    assert_eq!(publish(&[11.0, 23.0, 36.0, 49.0, 50.0], 5), None);
}

// Level counts: primary and complementary suppression, against the total and the quartiles.

fn suppressed(
    counts: &[usize],
    mins: &[f64],
    overall: Option<Distribution>,
) -> (Vec<Option<usize>>, bool) {
    let (counts, kept) = suppress_levels(counts, mins, overall.as_ref(), 5);
    (counts.into_iter().map(Count::shown).collect(), kept)
}

const MINS: [f64; 5] = [0.0, 20.0, 40.0, 60.0, 80.0];

#[test]
fn counts_of_at_least_k_are_shown() {
    assert_eq!(
        suppressed(&[5, 5, 6, 0, 0], &MINS, None),
        (vec![Some(5), Some(5), Some(6), Some(0), Some(0)], true)
    );
}

#[test]
fn one_small_count_takes_others_with_it_until_the_hidden_group_reaches_k() {
    // 3 alone would be 20 − 12 − 5: the 5 goes too (3 + 5 ≥ 5).
    assert_eq!(
        suppressed(&[12, 3, 5, 0, 0], &MINS, None).0,
        [Some(12), None, None, Some(0), Some(0)]
    );
    // 1 + 2 = 3 is still a small group: the 9 goes too.
    assert_eq!(
        suppressed(&[1, 2, 9, 20, 0], &MINS, None).0,
        [None, None, None, Some(20), Some(0)]
    );
}

#[test]
fn zeros_next_to_a_lone_hidden_count_are_hidden_too() {
    // Two organisations at `reactive`: hiding 2 alone, the zeros and the total give it back.
    let (counts, _) = suppressed(&[0, 2, 0, 0, 0], &MINS, None);
    assert_eq!(counts, [None, None, None, None, None]);
}

#[test]
fn everyone_at_one_level_in_a_small_network_is_hidden() {
    let (counts, _) = suppressed(&[0, 0, 7, 0, 0], &MINS, None);
    assert!(
        counts.iter().filter(|count| count.is_none()).count() >= 2,
        "{counts:?}"
    );
    assert_ne!(counts[2], Some(7));
    // From ten organisations on, a level holding everyone is shown, as a share of 100 % is.
    assert_eq!(
        suppressed(&[0, 0, 10, 0, 0], &MINS, None).0,
        [Some(0), Some(0), Some(10), Some(0), Some(0)]
    );
}

#[test]
fn quartiles_that_tell_a_hidden_group_apart_are_suppressed() {
    // 12 organisations: 6 at inactive, 2 at reactive, 4 at proactive. The two at reactive are
    // hidden with the four at proactive (2 + 4 ≥ 5). p75 = 45 (≥ 40) tells that at most
    // ⌈8.25⌉ = 9 are below proactive, so reactive ≤ 3, proactive ≥ 3; p25 = 5 (< 20) tells at
    // least 3 are inactive. Neither pins a hidden count, so all stays.
    let overall = Distribution {
        n: 12,
        p25: 5.0,
        median: 15.0,
        p75: 45.0,
    };
    let (counts, kept) = suppressed(&[6, 2, 4, 0, 0], &MINS, Some(overall));
    assert_eq!(counts, [Some(6), None, None, Some(0), Some(0)]);
    assert!(kept);
    // Here the median says at least 7 of 12 are below 40 (median 30 + 0.5 < 40 → ⌊5.5⌋ + 1 = 6
    // … and p75 = 35 says at least ⌊8.25⌋ + 1 = 9 are), so reactive ≥ 9 − 6 = 3 and with
    // 6 + reactive + proactive = 12, proactive ≤ 3: both hidden counts are still open unless
    // more is known; the bounds are computed exactly by `hidden_ranges`.
    let overall = Distribution {
        n: 12,
        p25: 5.0,
        median: 15.0,
        p75: 35.0,
    };
    let bounds = level_bounds(&MINS, Some(&overall), 12);
    assert_eq!(bounds[2].0, 9);
    let ranges = hidden_ranges(&[Some(6), None, None, Some(0), Some(0)], &bounds, 12);
    assert_eq!(ranges[1], Some((3, 6)));
    assert_eq!(ranges[2], Some((0, 3)));
}

#[test]
fn when_counts_cannot_hide_a_group_the_quartiles_go() {
    // 5 organisations: 2 inactive, 3 reactive. p25 = 10 (true value below 12.5 < 20) says at
    // least 2 are below 20; the median 25 (true value at least 22.5 ≥ 20) says at most 2 are:
    // the inactive count is pinned to 2 whatever counts are hidden, so the quartiles go.
    let overall = Distribution {
        n: 5,
        p25: 10.0,
        median: 25.0,
        p75: 35.0,
    };
    let (counts, kept) = suppressed(&[2, 3, 0, 0, 0], &MINS, Some(overall));
    assert!(!kept);
    assert_eq!(counts[0], None);
    assert_eq!(counts[1], None);
}

// Rule shares.

#[test]
fn shares_that_tell_of_fewer_than_k_or_of_everyone_in_a_small_network_are_hidden() {
    assert!(!share_shown(4, 20, 5));
    assert!(share_shown(5, 20, 5));
    // 15 of 19: four did not fire.
    assert!(!share_shown(15, 19, 5));
    assert!(share_shown(15, 20, 5));
    // 0 and 100 % below ten organisations.
    assert!(!share_shown(0, 9, 5));
    assert!(!share_shown(9, 9, 5));
    assert!(share_shown(0, 10, 5));
    assert!(share_shown(10, 10, 5));
    // Fewer than k organisations: nothing.
    assert!(!share_shown(0, 4, 5));
}

// The builder, end to end on the numbers.

#[test]
fn everything_is_suppressed_below_the_group_size() {
    let k = DEFAULT_MIN_GROUP;
    let mut builder = builder();
    for i in 0..k - 1 {
        builder
            .add(&figures(&card(
                Some(10.0 * i as f64 + 3.0),
                [Some(53.0); 4],
                Some("caution"),
                &["volunteer_burden"],
            )))
            .expect("same checklist");
    }
    let benchmark = builder.finish(k);
    assert_eq!(benchmark.organisations, k - 1);
    assert_eq!(benchmark.overall.shown(), None);
    assert!(
        benchmark
            .sections
            .iter()
            .all(|section| section.stats.shown().is_none())
    );
    assert_eq!(level_counts(&benchmark), [None, None, None]);
    assert!(
        benchmark
            .rules
            .iter()
            .all(|rule| rule.share.shown().is_none())
    );
    assert!(benchmark.hides_anything());
    let json = serde_json::to_value(&benchmark).expect("serialises");
    assert_eq!(json["schema_version"], 2);
    assert_eq!(json["overall"], serde_json::json!({"suppressed": true}));
    assert_eq!(
        json["sections"][0],
        serde_json::json!({"id": "claims", "suppressed": true})
    );
    assert_eq!(
        json["levels"]["caution"],
        serde_json::json!({"suppressed": true})
    );
    assert_eq!(json["periods"], serde_json::json!({"2025": 4}));
}

#[test]
fn a_larger_network_is_shown_without_minimum_or_maximum() {
    let mut builder = builder();
    for i in 0..12 {
        let flags: &[&str] = if i < 6 { &["volunteer_burden"] } else { &[] };
        builder
            .add(&figures(&card(
                Some(51.0 + 2.3 * f64::from(i)),
                [Some(11.0 + 5.1 * f64::from(i)); 4],
                Some("caution"),
                flags,
            )))
            .expect("same checklist");
    }
    let benchmark = builder.finish(5);
    let overall = benchmark.overall.shown().expect("shown");
    assert_eq!(
        (overall.n, overall.p25, overall.median, overall.p75),
        (12, 57.0, 64.0, 70.0)
    );
    let json = serde_json::to_value(&benchmark).expect("serialises");
    assert_eq!(
        json["overall"]
            .as_object()
            .map(|o| o.keys().cloned().collect::<Vec<_>>()),
        Some(vec![
            "n".to_owned(),
            "p25".to_owned(),
            "median".to_owned(),
            "p75".to_owned()
        ])
    );
    assert_eq!(level_counts(&benchmark), [Some(0), Some(12), Some(0)]);
    assert_eq!(rule_share(&benchmark, "volunteer_burden"), Some(0.5));
    assert_eq!(rule_share(&benchmark, "thin_evidence"), Some(0.0));
}

#[test]
fn a_section_with_too_few_scores_is_suppressed_alone() {
    let k = DEFAULT_MIN_GROUP;
    let mut builder = builder();
    for i in 0..=k {
        let voices = (i < k - 1).then_some(60.0 + i as f64);
        let consistency = (i < k).then_some(70.0 + i as f64 * 7.0);
        let spread = 40.0 + i as f64 * 4.0;
        builder
            .add(&figures(&card(
                Some(spread),
                [Some(spread), Some(spread - 9.0), voices, consistency],
                Some("not_ready"),
                &[],
            )))
            .expect("same checklist");
    }
    let benchmark = builder.finish(k);
    let n: Vec<Option<usize>> = benchmark
        .sections
        .iter()
        .map(|section| section.stats.shown().map(|d| d.n))
        .collect();
    assert_eq!(n, [Some(k + 1), Some(k + 1), None, Some(k)]);
}

#[test]
fn a_group_size_below_the_floor_is_raised() {
    assert_eq!(PRIVACY_FLOOR, 5);
    let mut builder = builder();
    for i in 0..4 {
        builder
            .add(&figures(&plain(f64::from(i) * 7.0 + 1.0)))
            .expect("same checklist");
    }
    let benchmark = builder.finish(1);
    assert_eq!(benchmark.min_group, PRIVACY_FLOOR);
    assert!(benchmark.overall.shown().is_none());
}

#[test]
fn a_scorecard_of_another_checklist_is_refused_and_leaves_no_trace() {
    let mut builder = builder();
    let mut other = plain(50.0);
    other.checklist.id = "ngo-dei".to_owned();
    let error = other.figures(&CHECKLIST).expect_err("another checklist");
    assert!(matches!(error, BenchmarkError::OtherChecklist { .. }));
    assert!(error.to_string().contains("`ngo-dei` 2.0.0"), "{error}");
    let mut odd = plain(50.0);
    odd.flags.push(Flag {
        rule: "no_such_rule".to_owned(),
        severity: RuleSeverity::Low,
        items: Vec::new(),
        section: None,
        group: None,
    });
    assert!(matches!(
        odd.figures(&CHECKLIST),
        Err(BenchmarkError::UnknownId { what: "rule", .. })
    ));
    // Figures of another checklist are refused by the builder too.
    let ngo_dei = Library::new()
        .checklist("ngo-dei", None)
        .expect("the built-in checklist loads");
    let answers = Source::new(
        "ngo.yaml",
        "checklist: ngo-dei\norganisation: {name: Other}\nperiod: 2025\nanswers: {}\n",
    );
    let (checklist, answers) = Library::new()
        .answers_from_source(&answers, None)
        .expect("valid answers");
    assert_eq!(checklist.id(), ngo_dei.id());
    let figures = score_figures(&checklist, &answers).expect("scores");
    let error = builder.add(&figures).expect_err("another checklist");
    assert!(error.to_string().contains("`ngo-dei`"), "{error}");
    assert_eq!(builder.organisations(), 0);
    assert_eq!(builder.finish(5).organisations, 0);
}

#[test]
fn tailored_figures_join_on_the_sections_the_tailoring_leaves_unchanged() {
    // The tailoring changes an item weight in `voices` and only a section weight of `claims`,
    // which does not change what the section's score means.
    let resolver = MemoryResolver::new()
        .with_file(
            "tailoring.yaml",
            "tailors: dei-washing-selfcheck\nid: our-selfcheck\nweights: {claims: 2, voices.affected_reviewed: 0}\n",
        )
        .with_file(
            "tailored.yaml",
            "checklist: tailoring.yaml\norganisation: {name: Tailored}\nperiod: 2025\nanswers: {substance.budget: 'yes'}\n",
        );
    let mut library = Library::with_resolver(resolver);
    let (tailoring, answers) = library
        .answers(Path::new("tailored.yaml"))
        .expect("valid answers on the tailoring");
    let tailored = score_figures(&tailoring, &answers).expect("scores");
    let mut builder = builder();
    assert!(matches!(
        builder.add(&tailored),
        Err(BenchmarkError::OtherChecklist { .. })
    ));
    builder
        .add_tailored(&tailored, &tailoring, &CHECKLIST)
        .expect("a tailoring of the benchmark's checklist");
    for i in 0..5 {
        builder
            .add(&figures(&plain(40.0 + 10.0 * f64::from(i))))
            .expect("same checklist");
    }
    let benchmark = builder.finish(5);
    assert_eq!(benchmark.organisations, 6);
    let n = |index: usize| benchmark.sections[index].stats.shown().map(|d| d.n);
    // `claims` is shared unchanged: six scores; `voices` is not: the five of the base. The
    // overall score of the tailored answers stays out too.
    assert_eq!((n(0), n(2)), (Some(6), Some(5)));
    assert_eq!(benchmark.overall.shown().map(|d| d.n), Some(5));
}

#[test]
fn left_out_files_and_periods_are_counted_and_merged() {
    let mut a = builder();
    let mut b = a.fork();
    a.leave_out();
    b.leave_out();
    b.leave_out();
    let mut older = plain(20.0);
    older.period = "2024".to_owned();
    a.add(&figures(&plain(10.0))).expect("same checklist");
    b.add(&figures(&older)).expect("same checklist");
    b.add(&figures(&plain(30.0))).expect("same checklist");
    a.merge(b).expect("same checklist");
    let benchmark = a.finish(5);
    assert_eq!(benchmark.left_out, 3);
    assert_eq!(
        serde_json::to_value(&benchmark.periods).expect("serialises"),
        serde_json::json!({"2025": 2, "2024": 1})
    );
}

// Property tests of the disclosure control.

/// The level counts a reader could believe, given what is published: every vector of hidden
/// counts that adds up with the shown ones to the total and satisfies what the quartiles say
/// about the numbers below each level threshold. Written independently of `hidden_ranges`:
/// plain enumeration. `strong` also takes the conclusions that assume nobody is held back by
/// requirements (L_j ≤ ⌈h⌉ when a quartile lies surely at or above the threshold).
fn possible_hidden_values(
    counts: &[Count],
    mins: &[f64],
    total: usize,
    overall: Option<&Distribution>,
    strong: bool,
) -> Vec<std::collections::BTreeSet<usize>> {
    let mut lower = vec![0usize; mins.len()];
    let mut upper = vec![total; mins.len()];
    if let Some(d) = overall {
        let half = if d.n < 10 { 2.5 } else { 0.5 };
        for (p, q) in [(0.25, d.p25), (0.5, d.median), (0.75, d.p75)] {
            let h = (d.n - 1) as f64 * p;
            for (j, &t) in mins.iter().enumerate().skip(1) {
                if q + half <= t {
                    lower[j] = lower[j].max(h.floor() as usize + 1);
                }
                if strong && q - half >= t {
                    upper[j] = upper[j].min(h.ceil() as usize);
                }
            }
        }
    }
    let mut possible = vec![std::collections::BTreeSet::new(); counts.len()];
    let mut chosen = vec![0usize; counts.len()];
    fn walk(
        level: usize,
        below: usize,
        counts: &[Count],
        total: usize,
        lower: &[usize],
        upper: &[usize],
        chosen: &mut Vec<usize>,
        possible: &mut Vec<std::collections::BTreeSet<usize>>,
    ) {
        if level == counts.len() {
            if below == total {
                for (index, count) in counts.iter().enumerate() {
                    if count.shown().is_none() {
                        possible[index].insert(chosen[index]);
                    }
                }
            }
            return;
        }
        if below < lower[level] || below > upper[level] {
            return;
        }
        let options: Vec<usize> = match counts[level] {
            Count::Shown(count) => vec![count],
            Count::Suppressed(_) => (0..=total - below).collect(),
        };
        for option in options {
            if below + option > total {
                continue;
            }
            chosen[level] = option;
            walk(
                level + 1,
                below + option,
                counts,
                total,
                lower,
                upper,
                chosen,
                possible,
            );
        }
    }
    walk(
        0,
        0,
        counts,
        total,
        &lower,
        &upper,
        &mut chosen,
        &mut possible,
    );
    possible
}

/// One organisation for the property tests: an overall score, a level at or below the one
/// its score reaches (requirements may hold it back), section scores and fired rules.
fn organisation() -> impl Strategy<Value = Scorecard> {
    let score = (0_u32..=1000).prop_map(|x| f64::from(x) / 10.0);
    (
        score.clone(),
        0_usize..3,
        [
            proptest::option::weighted(0.9, score.clone()),
            proptest::option::weighted(0.9, score.clone()),
            proptest::option::weighted(0.9, score.clone()),
            proptest::option::weighted(0.9, score),
        ],
        proptest::sample::subsequence(
            vec![
                "claims_without_sources",
                "claim_without_resources",
                "volunteer_burden",
                "thin_evidence",
            ],
            0..=4,
        ),
        proptest::bool::weighted(0.2),
    )
        .prop_map(|(overall, held_back, sections, flags, clustered)| {
            // Some organisations share round scores, as real ones do (all yes, all no).
            let overall = if clustered {
                (overall / 50.0).round() * 50.0
            } else {
                overall
            };
            // The level the score reaches: the thresholds are 0, 50 and 80.
            let reached = [50.0, 80.0].iter().filter(|min| overall >= **min).count();
            let level = ["not_ready", "caution", "ready"][reached.saturating_sub(held_back)];
            card(Some(overall), sections, Some(level), &flags)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// For random networks of 1–40 organisations: no suppressed level count can be recovered
    /// from the total, the other counts and the quartiles against the level thresholds; no
    /// published quartile is a lowest or highest score; no shown count or share tells of fewer
    /// than k organisations or of every member of a small network.
    #[test]
    fn nothing_suppressed_can_be_recovered(
        network in proptest::collection::vec(organisation(), 1..=40),
        k in 5_usize..8,
    ) {
        let mut builder = builder();
        for card in &network {
            builder.add(&figures(card)).expect("same checklist");
        }
        let benchmark = builder.finish(k);
        let total = network.len();
        let mins = [0.0, 50.0, 80.0];

        // Quartiles: never a minimum or maximum, never below k.
        let mut published = vec![(network.iter().filter_map(|c| c.overall).collect::<Vec<f64>>(), benchmark.overall.clone())];
        for (index, section) in benchmark.sections.iter().enumerate() {
            let scores = network.iter().filter_map(|c| c.sections[index].score).collect();
            published.push((scores, section.stats.clone()));
        }
        for (scores, stats) in &published {
            if let Stats::Shown(d) = stats {
                prop_assert!(d.n >= k && d.n == scores.len());
                let lowest = scores.iter().copied().fold(f64::INFINITY, f64::min);
                let highest = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                for value in [d.p25, d.median, d.p75] {
                    prop_assert!(value != lowest && value != highest, "{value} is a lowest or highest of {scores:?}");
                    let base = if d.n < 10 { 5.0 } else { 1.0 };
                    prop_assert_eq!(value, (value / base).round() * base);
                }
            }
        }

        // Level counts.
        let truth: Vec<usize> = ["not_ready", "caution", "ready"]
            .iter()
            .map(|id| network.iter().filter(|c| c.level.as_ref().is_some_and(|l| l.id == *id)).count())
            .collect();
        let counts: Vec<Count> = benchmark.levels.values().copied().collect();
        let mut hidden_total = 0;
        for (count, true_count) in counts.iter().zip(&truth) {
            match count {
                Count::Shown(shown) => {
                    prop_assert_eq!(shown, true_count);
                    prop_assert!(*shown == 0 || *shown >= k);
                    prop_assert!(!(total < 10 && *shown == total));
                }
                Count::Suppressed(_) => hidden_total += true_count,
            }
        }
        prop_assert!(hidden_total == 0 || hidden_total >= k || hidden_total == total);
        let overall = benchmark.overall.shown();
        for strong in [false, true] {
            let possible = possible_hidden_values(&counts, &mins, total, overall, strong);
            let truth_possible = counts.iter().zip(&truth).zip(&possible).all(|((count, t), values)| count.shown().is_some() || values.contains(t));
            if !strong {
                prop_assert!(truth_possible, "the reader's model must admit the truth");
            }
            if truth_possible {
                for (index, values) in possible.iter().enumerate() {
                    if counts[index].shown().is_none() {
                        prop_assert!(values.len() >= 2, "level {index} is pinned to {values:?} (counts {truth:?}, published {counts:?}, overall {overall:?})");
                    }
                }
            }
        }

        // Rule shares.
        for (index, rule) in ["claims_without_sources", "claim_without_resources", "volunteer_burden", "thin_evidence"].iter().enumerate() {
            let fired = network.iter().filter(|c| c.flags.iter().any(|f| f.rule == *rule)).count();
            if let Some(share) = rule_share(&benchmark, rule) {
                prop_assert!((share - fired as f64 / total as f64).abs() < 1e-12);
                prop_assert!(fired == 0 || fired >= k, "rule {index}");
                prop_assert!(total - fired == 0 || total - fired >= k);
                prop_assert!(total >= 10 || (fired != 0 && fired != total));
            }
        }
    }

    /// The interval reasoning of `hidden_ranges` agrees with plain enumeration, for any
    /// counts, hidden sets and quartiles over 4 or 5 levels.
    #[test]
    fn hidden_ranges_agree_with_enumeration(
        counts in proptest::collection::vec(0_usize..8, 4..=5),
        hide in proptest::collection::vec(any::<bool>(), 5),
        quartiles in (0_u32..=20, 0_u32..=20, 0_u32..=20),
    ) {
        let total: usize = counts.iter().sum();
        prop_assume!(total >= 1);
        let mins = &[0.0, 20.0, 40.0, 60.0, 80.0][..counts.len()];
        let mut q = [quartiles.0 * 5, quartiles.1 * 5, quartiles.2 * 5];
        q.sort_unstable();
        let overall = Distribution { n: total, p25: f64::from(q[0]), median: f64::from(q[1]), p75: f64::from(q[2]) };
        let published: Vec<Count> = counts.iter().zip(&hide).map(|(&c, &h)| if h { Count::Suppressed(dei_core::benchmark::Suppressed::YES) } else { Count::Shown(c) }).collect();
        let shown: Vec<Option<usize>> = published.iter().map(|c| c.shown()).collect();
        let ranges = hidden_ranges(&shown, &level_bounds(mins, Some(&overall), total), total);
        let possible = possible_hidden_values(&published, mins, total, Some(&overall), true);
        for (index, range) in ranges.iter().enumerate() {
            if let Some((low, high)) = range {
                let values = &possible[index];
                if let (Some(first), Some(last)) = (values.first(), values.last()) {
                    prop_assert_eq!((*low, *high), (*first, *last));
                    prop_assert_eq!(values.len(), high - low + 1);
                } else {
                    prop_assert!(low > high, "empty by enumeration, {:?} by intervals", range);
                }
            }
        }
    }

    /// Merging builders filled in any split, in any order, gives byte-identical JSON.
    #[test]
    fn order_and_split_do_not_change_the_result(
        cards in proptest::collection::vec(organisation(), 0..30),
        split in 0_usize..30,
    ) {
        let mut sequential = builder();
        for card in &cards {
            sequential.add(&figures(card)).expect("same checklist");
        }
        let expected = serde_json::to_string_pretty(&sequential.finish(5)).expect("serialises");
        let mut reversed = cards.clone();
        reversed.reverse();
        let split = split.min(reversed.len());
        let (first, second) = reversed.split_at(split);
        let mut left = builder();
        let mut right = left.fork();
        for card in second {
            right.add(&figures(card)).expect("same checklist");
        }
        for card in first {
            left.add(&figures(card)).expect("same checklist");
        }
        right.merge(left).expect("same checklist");
        let merged = serde_json::to_string_pretty(&right.finish(5)).expect("serialises");
        prop_assert_eq!(expected, merged);
    }
}

// Quartile positions for the report.

fn positioned_benchmark() -> Benchmark {
    let mut builder = builder();
    // Overall 3, 13, ..., 93 (10 organisations): p25 = 25.5 → 26, median 48, p75 = 70.5 → 71.
    for i in 0..10 {
        let score = 10.0 * f64::from(i) + 3.0;
        let voices = (i < 2).then_some(50.0);
        builder
            .add(&figures(&card(
                Some(score),
                [Some(score), Some(score + 1.0), voices, None],
                Some("not_ready"),
                &[],
            )))
            .expect("same checklist");
    }
    builder.finish(5)
}

#[test]
fn positions_fall_in_quartile_bands() {
    let benchmark = positioned_benchmark();
    let overall = benchmark.overall.shown().expect("shown");
    assert_eq!(
        (overall.p25, overall.median, overall.p75),
        (26.0, 48.0, 71.0)
    );
    let bands = |score: f64| {
        let card = card(
            Some(score),
            [Some(score), Some(50.0), Some(50.0), Some(1.0)],
            None,
            &[],
        );
        assert!(benchmark.is_for(&card.checklist));
        position(&benchmark, &card)
    };
    let overall_band = |score: f64| bands(score)[0].band;
    assert_eq!(overall_band(5.0), Band::BelowP25);
    assert_eq!(overall_band(26.0), Band::P25Median);
    assert_eq!(overall_band(48.0), Band::MedianP75);
    assert_eq!(overall_band(71.0), Band::MedianP75);
    assert_eq!(overall_band(71.5), Band::AboveP75);
    let summary: Vec<Band> = bands(50.0).iter().map(|p| p.band).collect();
    assert_eq!(
        summary,
        [
            Band::MedianP75,
            Band::MedianP75,
            Band::MedianP75,
            Band::Suppressed,
            Band::Suppressed
        ]
    );
}

#[test]
fn answers_on_a_tailoring_get_no_overall_band_and_only_shared_sections() {
    let benchmark = positioned_benchmark();
    let mut tailored = card(Some(50.0), [Some(50.0); 4], None, &[]);
    tailored.checklist = ChecklistRef {
        id: "my-tailoring".to_owned(),
        version: "1.0.0".to_owned(),
        base: Some(dei_core::scorecard::BaseRef {
            id: CHECKLIST_ID.to_owned(),
            version: "2.0.0".to_owned(),
        }),
    };
    assert!(benchmark.is_for(&tailored.checklist));
    let only = benchmark.only_sections(&["claims"]);
    let bands: Vec<Band> = position(&only, &tailored).iter().map(|p| p.band).collect();
    assert_eq!(
        bands,
        [
            Band::Unscored,
            Band::MedianP75,
            Band::Unscored,
            Band::Unscored,
            Band::Unscored
        ]
    );
}

// Reading a benchmark file back: the checks before a report shows a figure.

fn benchmark_text() -> String {
    serde_json::to_string_pretty(&positioned_benchmark()).expect("serialises")
}

fn load_error(text: &str) -> String {
    let problems = load(&Source::new("network.json", text)).expect_err("invalid");
    assert!(
        problems
            .0
            .iter()
            .all(|p| matches!(p.code, Code::InvalidBenchmark | Code::Syntax)),
        "{problems}"
    );
    problems.to_string()
}

#[test]
fn a_benchmark_file_made_by_dei_loads() {
    let text = benchmark_text();
    assert_eq!(
        load(&Source::new("network.json", text)).expect("valid"),
        positioned_benchmark()
    );
}

#[test]
fn crafted_benchmark_files_are_refused_with_a_located_error() {
    let text = benchmark_text();
    let error = load_error(&text.replace("\"schema_version\": 2", "\"schema_version\": 99"));
    assert!(error.contains("network.json:2:"), "{error}");
    assert!(error.contains("`schema_version` 99"), "{error}");
    let error = load_error(&text.replace("\"min_group\": 5", "\"min_group\": 1"));
    assert!(error.contains("`min_group` is 1"), "{error}");
    let error = load_error(&text.replace("\"p25\": 26.0", "\"p25\": 60.0"));
    assert!(error.contains("must not decrease"), "{error}");
    assert!(error.contains("network.json:"), "{error}");
    let crafted = text.replacen("\"n\": 10", "\"n\": 2", 1);
    assert!(load_error(&crafted).contains("fewer than `min_group`"));
    let with_rule: serde_json::Value = serde_json::from_str(&text).expect("json");
    let mut with_rule = with_rule;
    with_rule["rules"][0]["share"] = serde_json::json!(2.5);
    let error = load_error(&serde_json::to_string_pretty(&with_rule).expect("json"));
    assert!(error.contains("share of 2.5"), "{error}");
    let mut small = serde_json::from_str::<serde_json::Value>(&text).expect("json");
    small["levels"]["caution"] = serde_json::json!(2);
    assert!(
        load_error(&serde_json::to_string_pretty(&small).expect("json")).contains("count of 2")
    );
    assert!(load_error("{\"checklist\": 1}").contains("not a dei benchmark"));
}

// The output format and privacy, end to end through the scorer.

/// Answers text for the self-check, with distinctive free text everywhere it is allowed.
fn answers(index: usize, answer: &str) -> Source {
    Source::new(
        format!("org{index}.yaml"),
        format!(
            "checklist: dei-washing-selfcheck
organisation: {{name: ZEBRA-ORG-77{index:02}, contact: SECRET-CONTACT-{index}}}
period: 2025
assessed_by: [QUAGGA-ASSESSOR-{index}]
answers:
  claims.claims_register: {{value: {answer}, comment: OKAPI-COMMENT-{index}, evidence: [NARWHAL-EVIDENCE-{index}]}}
  claims.weaknesses_named: {answer}
  substance.budget: {{value: {answer}, evidence: [NARWHAL-BUDGET-{index}]}}
  substance.owner: volunteers
  voices.affected_reviewed: {{value: yes, comment: OKAPI-VOICES-{index}}}
  consistency.year_round: {answer}
"
        ),
    )
}

fn scored_benchmark() -> Benchmark {
    let mut library = Library::with_resolver(dei_core::fs::FsResolver);
    let mut builder = builder();
    for index in 0..7 {
        let answer = ["yes", "partly", "no"][index % 3];
        let (checklist, answers) = library
            .answers_from_source(&answers(index, answer), None)
            .expect("valid answers");
        let scorecard = score(&checklist, &answers).expect("scores");
        let figures = scorecard.figures(&checklist).expect("the same checklist");
        builder.add(&figures).expect("same checklist");
    }
    builder.finish(5)
}

#[test]
fn the_output_holds_no_names_free_text_comments_or_evidence() {
    let json = serde_json::to_string_pretty(&scored_benchmark()).expect("serialises");
    for needle in [
        "ZEBRA",
        "SECRET",
        "QUAGGA",
        "OKAPI",
        "NARWHAL",
        "org0",
        "volunteers",
    ] {
        assert!(!json.contains(needle), "`{needle}` leaked into {json}");
    }
}

#[test]
fn the_json_has_the_exact_keys_and_round_trips() {
    let benchmark = scored_benchmark();
    let json = serde_json::to_string_pretty(&benchmark).expect("serialises");
    let back: Benchmark = serde_json::from_str(&json).expect("parses");
    assert_eq!(back, benchmark);
    insta::assert_snapshot!(json);
}

#[test]
fn shares_and_counts_deserialise_from_either_form() {
    let share: Share = serde_json::from_str("0.27").expect("a number");
    assert_eq!(share.shown(), Some(0.27));
    let share: Share = serde_json::from_str(r#"{"suppressed": true}"#).expect("the marker");
    assert_eq!(share.shown(), None);
    let count: Count = serde_json::from_str("12").expect("a number");
    assert_eq!(count.shown(), Some(12));
}
