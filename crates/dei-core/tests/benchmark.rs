//! Tests of the network benchmark: quantiles, suppression, merging and quartile positions.

use dei_core::benchmark::{
    Band, Benchmark, BenchmarkBuilder, BenchmarkError, Count, DEFAULT_MIN_GROUP, Distribution,
    PRIVACY_FLOOR, Share, Stats, position, quantile, suppress_counts,
};
use dei_core::{
    ChecklistRef, Flag, Indices, LevelResult, Library, RuleSeverity, Scorecard, SectionResult,
    Source, WashingRisk, score,
};
use proptest::prelude::*;

const CHECKLIST: &str = "dei-washing-selfcheck";
const SECTIONS: [&str; 4] = ["claims", "substance", "voices", "consistency"];

fn builder() -> BenchmarkBuilder {
    let checklist = Library::new()
        .checklist(CHECKLIST, None)
        .expect("the built-in checklist loads");
    BenchmarkBuilder::new(&checklist)
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
            id: CHECKLIST.to_owned(),
            version: "2.0.0".to_owned(),
            base: None,
        },
        organisation: "ZEBRA-ORG-7731".to_owned(),
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
            })
            .collect(),
        warnings: Vec::new(),
    }
}

fn plain(score: f64) -> Scorecard {
    card(Some(score), [Some(score); 4], Some("not_ready"), &[])
}

fn distribution(values: &[f64]) -> Distribution {
    Distribution::of(values).expect("values give a distribution")
}

fn check_distribution(values: &[f64], expected: [f64; 5]) {
    let d = distribution(values);
    assert_eq!(d.n, values.len());
    let got = [d.min, d.p25, d.median, d.p75, d.max];
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
fn quantiles_of_one_value_are_that_value() {
    check_distribution(&[42.5], [42.5, 42.5, 42.5, 42.5, 42.5]);
}

#[test]
fn quantiles_of_two_values_interpolate() {
    // h = 0.25, 0.5, 0.75 between 10 and 20.
    check_distribution(&[20.0, 10.0], [10.0, 12.5, 15.0, 17.5, 20.0]);
}

#[test]
fn quantiles_of_four_values() {
    // p25: h = 0.75 → 1 + 0.75·1; median: h = 1.5 → 2.5; p75: h = 2.25 → 3 + 0.25·1.
    check_distribution(&[4.0, 1.0, 3.0, 2.0], [1.0, 1.75, 2.5, 3.25, 4.0]);
}

#[test]
fn quantiles_of_five_values_hit_ranks() {
    // h = 1, 2, 3 exactly.
    check_distribution(
        &[50.0, 10.0, 40.0, 20.0, 30.0],
        [10.0, 20.0, 30.0, 40.0, 50.0],
    );
}

#[test]
fn quantiles_of_ten_values_with_ties() {
    // Sorted: 0 10 10 20 30 30 30 40 50 100.
    // p25: h = 2.25 → 10 + 0.25·(20 − 10) = 12.5; median: h = 4.5 → 30 + 0.5·0 = 30;
    // p75: h = 6.75 → 30 + 0.75·(40 − 30) = 37.5.
    let values = [30.0, 100.0, 10.0, 0.0, 30.0, 50.0, 20.0, 10.0, 40.0, 30.0];
    check_distribution(&values, [0.0, 12.5, 30.0, 37.5, 100.0]);
}

#[test]
fn quantiles_of_equal_values() {
    check_distribution(&[7.0; 6], [7.0; 5]);
}

#[test]
fn quantile_refuses_nothing_and_bad_input() {
    assert_eq!(quantile(&[], 0.5), None);
    assert_eq!(quantile(&[1.0, 2.0], 1.5), None);
    assert_eq!(quantile(&[1.0, 2.0], -0.1), None);
    assert_eq!(quantile(&[1.0, 2.0], 0.0), Some(1.0));
    assert_eq!(quantile(&[1.0, 2.0], 1.0), Some(2.0));
    assert_eq!(Distribution::of(&[]), None);
    assert_eq!(Distribution::of(&[1.0, f64::NAN]), None);
}

// Suppression at k − 1, k and k + 1 organisations.

#[test]
fn everything_is_suppressed_below_the_group_size() {
    let k = DEFAULT_MIN_GROUP;
    let mut builder = builder();
    for i in 0..k - 1 {
        builder
            .add(&card(
                Some(10.0 * i as f64),
                [Some(50.0); 4],
                Some("caution"),
                &["volunteer_burden"],
            ))
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
    // Four at `caution`, zero elsewhere: the zeros describe nobody and stay shown.
    assert_eq!(level_counts(&benchmark), [Some(0), None, Some(0)]);
    // With fewer than k organisations no share is shown, not even a zero.
    assert!(
        benchmark
            .rules
            .iter()
            .all(|rule| rule.share.shown().is_none())
    );
    let json = serde_json::to_value(&benchmark).expect("serialises");
    assert_eq!(json["overall"], serde_json::json!({"suppressed": true}));
    assert_eq!(
        json["sections"][0],
        serde_json::json!({"id": "claims", "suppressed": true})
    );
    assert_eq!(
        json["levels"]["caution"],
        serde_json::json!({"suppressed": true})
    );
    assert_eq!(
        json["rules"][0]["share"],
        serde_json::json!({"suppressed": true})
    );
}

#[test]
fn everything_is_shown_at_and_above_the_group_size() {
    let k = DEFAULT_MIN_GROUP;
    for organisations in [k, k + 1] {
        let mut builder = builder();
        for i in 0..organisations {
            builder
                .add(&card(
                    Some(10.0 * i as f64),
                    [Some(50.0); 4],
                    Some("caution"),
                    &["volunteer_burden"],
                ))
                .expect("same checklist");
        }
        let benchmark = builder.finish(k);
        assert_eq!(benchmark.organisations, organisations);
        let overall = benchmark.overall.shown().expect("overall shown");
        assert_eq!(overall.n, organisations);
        assert_eq!(
            (overall.min, overall.max),
            (0.0, 10.0 * (organisations - 1) as f64)
        );
        for section in &benchmark.sections {
            assert_eq!(section.stats.shown().map(|d| d.n), Some(organisations));
        }
        assert_eq!(
            level_counts(&benchmark),
            [Some(0), Some(organisations), Some(0)]
        );
        assert_eq!(rule_share(&benchmark, "volunteer_burden"), Some(1.0));
        // Rules that never fired are listed with share 0, in definition order.
        assert_eq!(rule_share(&benchmark, "thin_evidence"), Some(0.0));
        assert_eq!(benchmark.rules.len(), 10);
        assert_eq!(benchmark.rules[0].rule, "claims_without_sources");
    }
}

#[test]
fn a_section_with_too_few_scores_is_suppressed_alone() {
    let k = DEFAULT_MIN_GROUP;
    let mut builder = builder();
    for i in 0..=k {
        // `voices` is scored for k − 1 organisations only, `consistency` for exactly k.
        let voices = (i < k - 1).then_some(60.0);
        let consistency = (i < k).then_some(70.0);
        builder
            .add(&card(
                Some(50.0),
                [Some(40.0), Some(30.0), voices, consistency],
                Some("caution"),
                &[],
            ))
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
fn an_organisation_without_a_score_counts_but_adds_no_score() {
    let mut builder = builder();
    for _ in 0..5 {
        builder.add(&plain(40.0)).expect("same checklist");
    }
    builder
        .add(&card(None, [None; 4], None, &[]))
        .expect("same checklist");
    let benchmark = builder.finish(5);
    assert_eq!(benchmark.organisations, 6);
    assert_eq!(benchmark.overall.shown().map(|d| d.n), Some(5));
    assert_eq!(level_counts(&benchmark), [Some(5), Some(0), Some(0)]);
}

#[test]
fn rule_shares_below_the_group_size_are_suppressed() {
    let k = DEFAULT_MIN_GROUP;
    let mut builder = builder();
    for i in 0..10 {
        let mut flags = Vec::new();
        if i < k - 1 {
            flags.push("claims_without_sources");
        }
        if i < k {
            flags.push("claim_without_resources");
        }
        if i < k + 1 {
            flags.push("volunteer_burden");
        }
        builder
            .add(&card(Some(50.0), [Some(50.0); 4], Some("caution"), &flags))
            .expect("same checklist");
    }
    let benchmark = builder.finish(k);
    assert_eq!(rule_share(&benchmark, "claims_without_sources"), None);
    assert_eq!(rule_share(&benchmark, "claim_without_resources"), Some(0.5));
    assert_eq!(rule_share(&benchmark, "volunteer_burden"), Some(0.6));
    assert_eq!(rule_share(&benchmark, "stories_without_consent"), Some(0.0));
}

#[test]
fn a_flag_repeated_in_one_scorecard_counts_once() {
    let mut builder = builder();
    for _ in 0..5 {
        builder
            .add(&card(
                Some(50.0),
                [Some(50.0); 4],
                Some("caution"),
                &["volunteer_burden", "volunteer_burden"],
            ))
            .expect("same checklist");
    }
    assert_eq!(
        rule_share(&builder.finish(5), "volunteer_burden"),
        Some(1.0)
    );
}

// Level counts: primary and complementary suppression.

fn suppressed(counts: &[usize], k: usize) -> Vec<Option<usize>> {
    suppress_counts(counts, k)
        .into_iter()
        .map(Count::shown)
        .collect()
}

#[test]
fn level_counts_at_the_group_size() {
    assert_eq!(suppressed(&[4, 5, 6], 5), [None, None, Some(6)]);
    assert_eq!(suppressed(&[5, 5, 6], 5), [Some(5), Some(5), Some(6)]);
    assert_eq!(suppressed(&[6, 6, 6], 5), [Some(6), Some(6), Some(6)]);
}

#[test]
fn one_suppressed_count_takes_the_next_smallest_with_it() {
    // 3 alone would be 20 − 12 − 5: the 5 is hidden too.
    assert_eq!(
        suppressed(&[12, 3, 5, 0], 5),
        [Some(12), None, None, Some(0)]
    );
    // Hiding a zero would not protect the 3 (3 = 15 − 12 either way): the next positive goes.
    assert_eq!(suppressed(&[12, 3, 0], 5), [None, None, Some(0)]);
    // Ties go to the first level in definition order.
    assert_eq!(
        suppressed(&[6, 6, 1, 0, 0], 5),
        [None, Some(6), None, Some(0), Some(0)]
    );
}

#[test]
fn suppressed_counts_must_add_up_to_at_least_the_group_size() {
    // 1 + 2 = 3 would be revealed as the total of the two hidden levels: hide another.
    assert_eq!(suppressed(&[1, 2, 9, 20], 5), [None, None, None, Some(20)]);
    // 3 + 4 = 7 is a group of at least 5 already.
    assert_eq!(
        suppressed(&[3, 4, 9, 20], 5),
        [None, None, Some(9), Some(20)]
    );
    // Nothing to hide.
    assert_eq!(suppressed(&[0, 0, 0], 5), [Some(0), Some(0), Some(0)]);
    assert_eq!(suppressed(&[], 5), Vec::<Option<usize>>::new());
    // The whole group is small: everything positive is hidden and the loop stops.
    assert_eq!(suppressed(&[4, 0], 5), [None, Some(0)]);
}

#[test]
fn the_builder_applies_complementary_suppression_to_levels() {
    let mut builder = builder();
    for (level, times) in [("not_ready", 12), ("caution", 3), ("ready", 6)] {
        for _ in 0..times {
            builder
                .add(&card(Some(50.0), [Some(50.0); 4], Some(level), &[]))
                .expect("same checklist");
        }
    }
    let benchmark = builder.finish(5);
    assert_eq!(level_counts(&benchmark), [Some(12), None, None]);
}

proptest! {
    /// Whatever the counts, no shown count is a small group and the hidden counts never add
    /// up to a small group that the total would reveal.
    #[test]
    fn suppression_never_reveals_a_small_group(
        counts in proptest::collection::vec(0_usize..12, 0..7),
        k in 3_usize..8,
    ) {
        let result = suppress_counts(&counts, k);
        prop_assert_eq!(result.len(), counts.len());
        let mut hidden_total = 0;
        let mut hidden_cells = 0;
        for (count, cell) in counts.iter().zip(&result) {
            match cell {
                Count::Shown(shown) => {
                    prop_assert_eq!(shown, count);
                    prop_assert!(*shown == 0 || *shown >= k);
                }
                Count::Suppressed(_) => {
                    hidden_total += count;
                    hidden_cells += 1;
                }
            }
        }
        let positive_total: usize = counts.iter().sum();
        prop_assert!(
            hidden_total == 0 || hidden_total >= k || hidden_total == positive_total,
            "hidden total {} with k {}", hidden_total, k
        );
        prop_assert!(hidden_cells != 1 || hidden_total == positive_total);
    }
}

// The floor, the checklist check, merging and determinism.

#[test]
fn a_group_size_below_the_floor_is_raised() {
    let mut builder = builder();
    for i in 0..3 {
        builder.add(&plain(f64::from(i))).expect("same checklist");
    }
    let benchmark = builder.finish(1);
    assert_eq!(benchmark.min_group, PRIVACY_FLOOR);
    assert!(benchmark.overall.shown().is_some());
    let mut two = self::builder();
    two.add(&plain(1.0)).expect("same checklist");
    two.add(&plain(2.0)).expect("same checklist");
    assert_eq!(two.finish(0).overall.shown(), None);
}

#[test]
fn a_scorecard_of_another_checklist_is_refused_and_leaves_no_trace() {
    let mut builder = builder();
    let mut other = plain(50.0);
    other.checklist.id = "ngo-dei".to_owned();
    let error = builder.add(&other).expect_err("another checklist");
    assert!(matches!(error, BenchmarkError::OtherChecklist { .. }));
    assert!(error.to_string().contains("`ngo-dei` 2.0.0"), "{error}");
    let mut newer = plain(50.0);
    newer.checklist.version = "3.0.0".to_owned();
    assert!(builder.add(&newer).is_err());
    let mut odd = plain(50.0);
    odd.flags.push(Flag {
        rule: "no_such_rule".to_owned(),
        severity: RuleSeverity::Low,
        items: Vec::new(),
    });
    assert!(matches!(
        builder.add(&odd),
        Err(BenchmarkError::UnknownId { what: "rule", .. })
    ));
    assert_eq!(builder.organisations(), 0);
    let benchmark = builder.finish(5);
    assert_eq!(benchmark.organisations, 0);
    assert_eq!(
        benchmark.overall,
        Stats::Suppressed(dei_core::benchmark::Suppressed::YES)
    );
}

#[test]
fn left_out_files_are_counted_and_merged() {
    let mut a = builder();
    let mut b = a.fork();
    a.leave_out();
    b.leave_out();
    b.leave_out();
    a.merge(b).expect("same checklist");
    assert_eq!(a.finish(5).left_out, 3);
}

/// One organisation's numbers, for property tests: overall, sections, level, fired rules.
fn arbitrary_card() -> impl Strategy<Value = Scorecard> {
    let score = proptest::option::weighted(0.9, (0_u32..=1000).prop_map(|x| f64::from(x) / 10.0));
    (
        score.clone(),
        [score.clone(), score.clone(), score.clone(), score],
        proptest::option::of(proptest::sample::select(vec![
            "not_ready",
            "caution",
            "ready",
        ])),
        proptest::sample::subsequence(
            vec![
                "claims_without_sources",
                "claim_without_resources",
                "volunteer_burden",
                "thin_evidence",
            ],
            0..=4,
        ),
    )
        .prop_map(|(overall, sections, level, flags)| card(overall, sections, level, &flags))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Merging builders filled in any split, in any order, gives byte-identical JSON.
    #[test]
    fn order_and_split_do_not_change_the_result(
        cards in proptest::collection::vec(arbitrary_card(), 0..30),
        split in 0_usize..30,
        seed in any::<u64>(),
    ) {
        let mut sequential = builder();
        for card in &cards {
            sequential.add(card).expect("same checklist");
        }
        let expected = serde_json::to_string_pretty(&sequential.finish(3)).expect("serialises");

        let mut shuffled = cards.clone();
        // A simple deterministic shuffle from the seed.
        let mut state = seed | 1;
        for i in (1..shuffled.len()).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let j = usize::try_from(state % (i as u64 + 1)).unwrap_or(0);
            shuffled.swap(i, j);
        }
        let split = split.min(shuffled.len());
        let (first, second) = shuffled.split_at(split);
        let mut left = builder();
        let mut right = left.fork();
        for card in second {
            right.add(card).expect("same checklist");
        }
        for card in first {
            left.add(card).expect("same checklist");
        }
        // Merge in the "wrong" order on purpose.
        right.merge(left).expect("same checklist");
        let merged = serde_json::to_string_pretty(&right.finish(3)).expect("serialises");
        prop_assert_eq!(expected, merged);
    }

    /// Shown quartiles are ordered and lie within [min, max].
    #[test]
    fn quartiles_are_ordered(values in proptest::collection::vec(-1000.0_f64..1000.0, 1..40)) {
        let d = distribution(&values);
        prop_assert!(d.min <= d.p25 && d.p25 <= d.median && d.median <= d.p75 && d.p75 <= d.max);
    }
}

// Quartile positions for the report.

fn positioned_benchmark() -> Benchmark {
    let mut builder = builder();
    // Overall 0, 10, ..., 40: p25 = 10, median = 20, p75 = 30. Section voices only 2 scores.
    for i in 0..5 {
        let score = 10.0 * f64::from(i);
        let voices = (i < 2).then_some(50.0);
        builder
            .add(&card(
                Some(score),
                [Some(score), Some(50.0), voices, None],
                Some("not_ready"),
                &[],
            ))
            .expect("same checklist");
    }
    builder.finish(5)
}

#[test]
fn positions_fall_in_quartile_bands() {
    let benchmark = positioned_benchmark();
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
    assert_eq!(overall_band(10.0), Band::P25Median);
    assert_eq!(overall_band(15.0), Band::P25Median);
    assert_eq!(overall_band(20.0), Band::MedianP75);
    assert_eq!(overall_band(30.0), Band::MedianP75);
    assert_eq!(overall_band(30.5), Band::AboveP75);

    let all = bands(25.0);
    let summary: Vec<(Option<&str>, Band)> =
        all.iter().map(|p| (p.section.as_deref(), p.band)).collect();
    assert_eq!(
        summary,
        [
            (None, Band::MedianP75),
            (Some("claims"), Band::MedianP75),
            // Every organisation has 50 here: p25 = median = p75 = 50, so 50 is "median_p75".
            (Some("substance"), Band::MedianP75),
            (Some("voices"), Band::Suppressed),
            (Some("consistency"), Band::Suppressed),
        ]
    );
    assert_eq!(all[0].score, Some(25.0));
    assert_eq!(Band::P25Median.as_str(), "p25_median");
    assert_eq!(
        serde_json::to_value(Band::BelowP25).expect("serialises"),
        serde_json::json!("below_p25")
    );
}

#[test]
fn a_missing_score_is_unscored() {
    let benchmark = positioned_benchmark();
    let card = card(None, [None, Some(50.0), None, None], None, &[]);
    let bands: Vec<Band> = position(&benchmark, &card).iter().map(|p| p.band).collect();
    assert_eq!(
        bands,
        [
            Band::Unscored,
            Band::Unscored,
            Band::MedianP75,
            Band::Suppressed,
            Band::Suppressed
        ]
    );
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
    let mut library = Library::new();
    let mut builder = builder();
    for index in 0..7 {
        let answer = ["yes", "partly", "no"][index % 3];
        let (checklist, answers) = library
            .answers_from_source(&answers(index, answer), None)
            .expect("valid answers");
        let scorecard = score(&checklist, &answers).expect("scores");
        builder.add(&scorecard).expect("same checklist");
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
        "2025",
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
