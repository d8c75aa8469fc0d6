//! The report's own words in English and Dutch: labels for templates and sentence patterns.
//!
//! One struct, one value per language, so a missing translation is a compile error. Patterns
//! hold `{name}` placeholders that the model fills in with [`fill`].

use serde::Serialize;

/// A language the report's own words exist in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English.
    En,
    /// Dutch.
    Nl,
}

impl Lang {
    /// The language for a code: Dutch for `nl` and its regional forms (`dei_core::is_dutch`),
    /// anything else English.
    pub fn from_code(code: &str) -> Self {
        if dei_core::is_dutch(code) {
            Lang::Nl
        } else {
            Lang::En
        }
    }

    /// The language code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Nl => "nl",
        }
    }

    /// The words of this language.
    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::En => &EN,
            Lang::Nl => &NL,
        }
    }

    /// The decimal separator.
    pub fn decimal(self) -> char {
        match self {
            Lang::En => '.',
            Lang::Nl => ',',
        }
    }
}

/// Replaces each `{name}` in `pattern` with its value.
pub fn fill(pattern: &str, values: &[(&str, &str)]) -> String {
    let mut out = pattern.to_owned();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

macro_rules! strings {
    ($($(#[doc = $doc:literal])* $name:ident,)*) => {
        /// Every word and sentence pattern of the report in one language. Templates see it as `t`.
        #[derive(Debug, Serialize)]
        pub struct Strings {
            $($(#[doc = $doc])* pub $name: &'static str,)*
        }
    };
}

strings! {
    /// Heading: summary.
    summary,
    /// Column: what is measured.
    measure,
    /// Column: the result.
    result,
    /// "score" inside a sentence.
    score_lower,
    /// Heading: sections.
    sections,
    /// Column: section.
    section,
    /// Column: score.
    score,
    /// Column: level.
    level,
    /// Column: answered.
    answered,
    /// Column: weight.
    weight,
    /// Heading: goals.
    goals,
    /// Column: goal.
    goal,
    /// Column: level now.
    level_now,
    /// Column: reached.
    reached,
    /// Heading: strengths and largest gaps.
    strengths_and_gaps,
    /// Label: strengths.
    strengths,
    /// Label: largest gaps.
    largest_gaps,
    /// Heading: DEI-washing check.
    washing_check,
    /// Label before the answers that made a rule fire.
    triggered_by,
    /// Label before a rule's explanation.
    why_it_matters,
    /// Label before a rule's advice.
    what_to_do,
    /// Label before resources.
    resources,
    /// Heading: evidence.
    evidence,
    /// Heading: unevidenced claims.
    unevidenced_claims,
    /// Heading: evidence gaps.
    evidence_gaps,
    /// Text when a list is empty.
    none_found,
    /// Heading: policy, practice and outcome.
    indices,
    /// Column: kind of question.
    kind,
    /// Column: number of questions.
    items,
    /// Heading: themes (tags).
    themes,
    /// Column: theme.
    theme,
    /// Heading: action plan.
    action_plan,
    /// Column: period.
    period,
    /// Heading: periods.
    periods,
    /// Column: overall.
    overall,
    /// Column: completeness.
    completeness,
    /// Column: washing risk.
    washing_risk,
    /// Column: change.
    change,
    /// Heading: benchmark position.
    benchmark,
    /// Column: your score.
    your_score,
    /// Column: network range.
    network_range,
    /// Column: position.
    position,
    /// Heading: appendix.
    appendix,
    /// Text under the appendix heading.
    appendix_intro,
    /// Column: question.
    question,
    /// Column: answer.
    answer,
    /// Column: notes.
    notes,
    /// Heading: method.
    method,
    /// Heading: warnings.
    warnings,
    /// Title of the report: `{organisation}`.
    report_title,
    /// Title of a comparison: `{organisation}`.
    compare_title,
    /// Subtitle: `{period}`, `{checklist}`.
    subtitle,
    /// Subtitle addition: `{names}`.
    assessed_by,
    /// Subtitle addition: who answers for the answers, `{names}`.
    answered_by,
    /// Subtitle addition: who co-signed the answers, `{names}`.
    signed_by,
    /// Subtitle of a comparison: `{periods}`, `{checklist}`.
    compare_subtitle,
    /// Row label: overall score.
    row_overall,
    /// Row value: `{score}`.
    row_overall_value,
    /// Row label: level.
    row_level,
    /// Row value addition: `{level}` the scores alone reach.
    row_level_before,
    /// Row label: completeness.
    row_completeness,
    /// Row value: `{percent}`, `{done}`, `{total}`.
    row_completeness_value,
    /// Row label: washing risk.
    row_washing,
    /// Row label: evidence coverage.
    row_evidence,
    /// Row value: `{percent}`.
    row_evidence_value,
    /// Row label: N/A share.
    row_na,
    /// Row label: checklist.
    row_checklist,
    /// Row value addition: `{base}`.
    row_checklist_base,
    /// Sentence without an overall score.
    level_none,
    /// Sentence: `{overall}`, `{level}`, `{min}`.
    level_reached,
    /// Sentence: `{overall}`, `{before}`, `{level}`.
    level_held_back,
    /// List line: a section under a level's floor: `{section}`, `{score}`, `{floor}`.
    held_back_section,
    /// List line: a flag above a level's allowed washing risk: `{rule}`, `{severity}`, `{allowed}`.
    held_back_flag,
    /// Sentence: `{level}`, `{min}`, `{points}`.
    next_level,
    /// Sentence addition when requirements are missing for the next level.
    next_level_requires,
    /// Sentence addition when the next level has a section floor: `{floor}`.
    next_level_floor,
    /// Sentence addition when the next level caps the washing risk: `{allowed}`.
    next_level_risk,
    /// Sentence: no flags.
    washing_none_sentence,
    /// Sentence: `{count}`, `{risk}`.
    washing_some_sentence,
    /// Washing risk: none.
    risk_none,
    /// Washing risk: low.
    risk_low,
    /// Washing risk: medium.
    risk_medium,
    /// Washing risk: high.
    risk_high,
    /// Severity: low.
    severity_low,
    /// Severity: medium.
    severity_medium,
    /// Severity: high.
    severity_high,
    /// Yes.
    yes,
    /// No.
    no,
    /// Gap note: `{points}` to full marks.
    gap_note,
    /// Washing intro without flags.
    washing_intro_none,
    /// Washing intro with flags.
    washing_intro_some,
    /// Evidence intro: `{cap}`, `{coverage}`.
    evidence_intro,
    /// Unevidenced note: `{score}`, `{raw}`.
    unevidenced_note,
    /// Indices intro.
    indices_intro,
    /// Kind: policy.
    kind_policy,
    /// Kind: practice.
    kind_practice,
    /// Kind: outcome.
    kind_outcome,
    /// Policy-practice gap sentence: `{points}`.
    policy_practice_gap,
    /// Policy-practice close sentence: `{points}`.
    policy_practice_close,
    /// Action plan intro.
    actions_intro,
    /// Action plan with nothing left to do.
    actions_none,
    /// Action meta: `{section}`, `{answer}`, `{score}`.
    action_meta,
    /// Progress heading: `{first}`, `{last}` (the oldest and the current period).
    progress_heading,
    /// Step heading: `{from}`, `{to}`.
    step_heading,
    /// Overall change sentence: `{from}`, `{to}`, `{delta}`.
    step_overall,
    /// Overall change sentence when either score is missing: `{from}`, `{to}`.
    step_overall_unknown,
    /// Level went up: `{from}`, `{to}`.
    step_level_up,
    /// Level went down: `{from}`, `{to}`.
    step_level_down,
    /// Level unchanged: `{level}`.
    step_level_same,
    /// Level change unknown: `{from}`, `{to}`.
    step_level_unknown,
    /// Group: improved, `{count}`.
    group_improved,
    /// Group: regressed, `{count}`.
    group_regressed,
    /// Group: newly answered, `{count}`.
    group_newly_answered,
    /// Group: figures.
    group_metrics,
    /// Group: flags resolved.
    group_flags_resolved,
    /// Group: new flags.
    group_flags_new,
    /// Group: questions added.
    group_items_added,
    /// Group: questions removed.
    group_items_removed,
    /// Step without changes in the answers.
    step_no_changes,
    /// Benchmark intro: `{count}`, `{checklist}`, `{min_group}`.
    benchmark_intro,
    /// Benchmark note on a version difference: `{version}`.
    benchmark_version_note,
    /// Benchmark range: `{median}`, `{p25}`, `{p75}`.
    benchmark_range,
    /// Position: below p25.
    position_below_p25,
    /// Position: p25 to median.
    position_p25_median,
    /// Position: median to p75.
    position_median_p75,
    /// Position: above p75.
    position_above_p75,
    /// Position: suppressed, `{min_group}`.
    position_suppressed,
    /// Benchmark: what is hidden and why: `{min_group}`, `{rounding}`.
    benchmark_hidden,
    /// Rounding of quartiles below 10 organisations.
    rounding_five,
    /// Rounding of quartiles from 10 organisations.
    rounding_whole,
    /// Benchmark note for answers on a tailoring: `{checklist}`.
    benchmark_tailored_note,
    /// Coordinator's benchmark: title, `{title}`.
    network_title,
    /// Coordinator's benchmark: what it covers: `{checklist}`, `{version}`, `{count}`.
    network_covers,
    /// Coordinator's benchmark: files left out: `{count}`.
    network_left_out,
    /// Coordinator's benchmark: periods used: `{periods}`.
    network_periods,
    /// Coordinator's benchmark: one period per organisation.
    network_one_each,
    /// Coordinator's benchmark: heading of scores.
    network_scores,
    /// Coordinator's benchmark: how to read the quartiles.
    network_quartiles,
    /// Table header: area.
    network_area,
    /// Table header: organisations.
    network_organisations,
    /// Table header: 25th percentile.
    network_p25,
    /// Table header: 75th percentile.
    network_p75,
    /// Heading: maturity levels.
    network_levels,
    /// Table header: level.
    network_level,
    /// Heading: DEI-washing flags.
    network_flags,
    /// Table header: flag.
    network_flag,
    /// Table header: share of organisations.
    network_share,
    /// The checklist has no rules.
    network_no_rules,
    /// A hidden figure.
    network_hidden_cell,
    /// Why a distribution is hidden: `{min_group}`.
    network_hidden_scores,
    /// Why level counts are hidden: `{min_group}`.
    network_hidden_levels,
    /// Why shares are hidden: `{min_group}`.
    network_hidden_flags,
    /// The limit of the protection, for coordinators.
    network_limit,
    /// Status: not answered.
    not_answered,
    /// Status: not applicable.
    not_applicable,
    /// Status: out of scope.
    out_of_scope,
    /// Answer: nothing selected.
    nothing_selected,
    /// Note: comment, `{text}`.
    note_comment,
    /// Note: evidence, `{list}`.
    note_evidence,
    /// Note: N/A reason, `{text}`.
    note_na,
    /// Note: answered but out of scope.
    note_out_of_scope,
    /// Note: evidence that does not count (expired or untyped), `{list}`.
    note_lapsed_evidence,
    /// Evidence type: a written, adopted document.
    evidence_document,
    /// Evidence type: minutes or a decision record.
    evidence_minutes,
    /// Evidence type: figures from a register or system.
    evidence_data,
    /// Evidence type: survey results.
    evidence_survey,
    /// Evidence type: an external review, audit or certification.
    evidence_external,
    /// Evidence type: anything else.
    evidence_other,
    /// Unit: percent.
    unit_percent,
    /// Unit: days.
    unit_days,
    /// Unit: FTE.
    unit_fte,
    /// Method paragraph: item scores.
    method_items,
    /// Method paragraph: evidence, `{cap}`.
    method_evidence,
    /// Method paragraph: sections and overall.
    method_sections,
    /// Method paragraph: levels, `{levels}`.
    method_levels,
    /// Method paragraph: requirements, `{requirements}`.
    method_requirements,
    /// Level threshold: `{level}`, `{min}`.
    method_level_entry,
    /// Requirement: `{level}`, `{items}`.
    method_requirement_entry,
    /// Method paragraph: completeness, coverage, N/A share.
    method_measures,
    /// Method paragraph: rules, `{count}`.
    method_rules,
    /// Method paragraph: action plan.
    method_actions,
    /// Method paragraph: precision, `{method}`.
    method_precision,
    /// Footer: `{checklist}`, `{method}`.
    footer,
    /// Chart title.
    chart_title,
    /// Chart legend: the current period, `{period}`.
    chart_now,
    /// Chart legend: the previous period, `{period}`.
    chart_previous,
    /// Heading: the respondents' view (SPEC section 15).
    respondents,
    /// Respondents intro: `{count}`, `{min_group}`, `{gap}`.
    respondents_intro,
    /// Respondents note on the questions compared: `{count}`.
    respondents_items_note,
    /// Respondents note on groups left out: `{count}`, `{min_group}`.
    respondents_left_out,
    /// Respondents: no group is large enough: `{min_group}`.
    respondents_none_shown,
    /// Group heading: `{group}`, `{count}`.
    respondents_group,
    /// The merged group of small groups.
    respondents_all,
    /// Column: the organisation's score.
    respondents_organisation,
    /// Column: the group median.
    respondents_median,
    /// Column: the gap.
    respondents_gap,
    /// Gap cell of a perception gap: `{gap}`.
    respondents_gap_flagged,
    /// Flag title: `{section}`, `{group}`, `{gap}`.
    perception_gap_title,
    /// Flag title without details (in progress lists).
    perception_gap_short,
    /// Flag explanation.
    perception_gap_explanation,
    /// Flag advice.
    perception_gap_advice,
    /// Heading: the workshop view.
    workshop,
    /// Workshop intro: `{spread}`, `{max}`.
    workshop_intro,
    /// Workshop without starters: `{spread}`.
    workshop_none,
    /// Starter line: `{section}`, `{spread}`, `{count}`.
    workshop_meta,
    /// Column: respondents who chose an answer.
    workshop_chosen_by,
    /// The organisation's own answer: `{answer}`.
    workshop_organisation_answer,
    /// Number items: the respondents' answers are not listed.
    workshop_numbers,
    /// Heading of the first page.
    at_a_glance,
    /// First page: `{score}`, `{level}`.
    first_level_line,
    /// First page: `{before}`, `{count}`, `{list}`.
    first_held_back,
    /// First page: `{level}`, `{min}`, `{points}`.
    first_next_level,
    /// First page addition: `{count}` required questions still missing.
    first_next_level_requires,
    /// First page: `{risk}`, `{sentence}`.
    first_washing,
    /// First page: no flags.
    first_flags_none,
    /// First page: `{count}`, `{list}`.
    first_flags,
    /// First page: `{period}`, `{delta}`, `{improved}`, `{regressed}`.
    first_progress,
    /// First page without earlier periods.
    first_progress_none,
    /// First page: heading of the top five actions.
    top_actions,
    /// Top action: `{question}`, `{section}`, `{answer}`.
    top_action_line,
    /// Column and legend: network median.
    network_median,
    /// Legend: the network's middle half.
    network_band,
    /// Radar chart title.
    radar_title,
    /// Heading: the first actions with guidance.
    first_actions,
    /// Heading: every open question.
    all_actions,
    /// Column: the answer now.
    now,
    /// Column: rank.
    rank,
    /// Evidence gaps in one sentence: `{count}`, `{sections}`.
    evidence_gaps_summary,
    /// Note: recommended evidence missing.
    note_evidence_gap,
    /// Heading: scores per period.
    trend,
    /// Trend chart title.
    trend_title,
    /// Benchmark chart title.
    benchmark_chart_title,
    /// Legend: the organisation.
    you,
    /// The name of the scoring method `weighted-mean/1`.
    method_name,
    /// Unit: months.
    unit_months,
}

/// English.
pub static EN: Strings = Strings {
    summary: "Summary",
    measure: "Measure",
    result: "Result",
    score_lower: "score",
    sections: "Scores per section",
    section: "Section",
    score: "Score",
    level: "Level",
    answered: "Answered",
    weight: "Weight",
    goals: "Goals",
    goal: "Goal",
    level_now: "Level now",
    reached: "Reached",
    strengths_and_gaps: "Strengths and largest gaps",
    strengths: "Strengths (highest section scores)",
    largest_gaps: "Largest gaps (most to gain, weighted by section)",
    washing_check: "DEI-washing check",
    triggered_by: "The answers behind this flag:",
    why_it_matters: "Why it matters:",
    what_to_do: "What to do:",
    resources: "Resources:",
    evidence: "Evidence",
    unevidenced_claims: "Unevidenced claims",
    evidence_gaps: "Evidence gaps",
    none_found: "None.",
    indices: "Policy, practice and outcome",
    kind: "Kind of question",
    items: "Questions",
    themes: "Themes",
    theme: "Theme",
    action_plan: "Action plan",
    period: "Period",
    periods: "Periods",
    overall: "Overall",
    completeness: "Completeness",
    washing_risk: "Washing risk",
    change: "Change",
    benchmark: "Benchmark position",
    your_score: "Your score",
    network_range: "Network",
    position: "Position",
    appendix: "Appendix: all answers",
    appendix_intro: "Every question of the checklist with the answer given, its score (0–100) and the notes from the answers file.",
    question: "Question",
    answer: "Answer",
    notes: "Notes",
    method: "How the numbers were computed",
    warnings: "Warnings",
    report_title: "DEI self-assessment: {organisation}",
    compare_title: "DEI progress: {organisation}",
    subtitle: "Period {period} · {checklist}",
    assessed_by: "Assessed by {names}",
    answered_by: "Answered by {names}",
    signed_by: "Co-signed by {names}",
    compare_subtitle: "Periods {periods} · {checklist}",
    row_overall: "Overall score",
    row_overall_value: "**{score}** out of 100",
    row_level: "Level",
    row_level_before: "(the scores alone reach {level})",
    row_completeness: "Completeness",
    row_completeness_value: "{percent} ({done} of {total} questions answered or marked N/A)",
    row_washing: "DEI-washing risk",
    row_evidence: "Evidence coverage",
    row_evidence_value: "{percent} of positive answers have evidence",
    row_na: "Not applicable (share of weight)",
    row_checklist: "Checklist",
    row_checklist_base: "tailored from {base}",
    level_none: "No section has a score yet, so there is no overall score and no level.",
    level_reached: "With an overall score of {overall} out of 100 the organisation is at level **{level}** (from {min}).",
    level_held_back: "The overall score of {overall} would reach level **{before}**, but the organisation stays at **{level}**: a level only counts when its conditions, and those of the levels below it, are met (required questions at full marks, no section under the level's lowest section score, no DEI-washing flag above the risk the level allows). What holds the level back:",
    held_back_section: "Section **{section}** scores {score}, under the lowest section score of {floor} that the level needs",
    held_back_flag: "DEI-washing flag **{rule}** (severity {severity}): the level allows a DEI-washing risk of at most {allowed}",
    next_level: "Next level: **{level}**, from an overall score of {min} ({points} points to go).",
    next_level_requires: "It also needs full marks on:",
    next_level_floor: "It needs every section at {floor} or more.",
    next_level_risk: "It allows a DEI-washing risk of at most {allowed}.",
    washing_none_sentence: "No DEI-washing pattern was found in these answers.",
    washing_some_sentence: "DEI-washing patterns found: {count}; the highest severity is {risk}. See the DEI-washing check below.",
    risk_none: "None",
    risk_low: "Low",
    risk_medium: "Medium",
    risk_high: "High",
    severity_low: "Low",
    severity_medium: "Medium",
    severity_high: "High",
    yes: "Yes",
    no: "No",
    gap_note: "{points} points below full marks",
    washing_intro_none: "None of the checklist's DEI-washing patterns shows in these answers. The check only sees what the answers say: it is as honest as they are.",
    washing_intro_some: "Each flag below is a combination of answers that often signals DEI-washing: commitment on paper with too little behind it. Flags never change a score; they show where to look first.",
    evidence_intro: "Where a question requires evidence and none is given, the answer counts for at most {cap} of full marks: an unevidenced claim. Where evidence is recommended, a positive answer without evidence is an evidence gap. Evidence coverage: {coverage}.",
    unevidenced_note: "counts as {score} instead of {raw} until evidence is added",
    indices_intro: "Scores per kind of question: policy (what is written down), practice (what is done) and outcome (what is achieved), and per theme.",
    kind_policy: "Policy",
    kind_practice: "Practice",
    kind_outcome: "Outcome",
    policy_practice_gap: "Practice scores {points} points below policy: what is written down is ahead of what happens. This is the classic sign of commitment on paper only.",
    policy_practice_close: "Policy and practice are {points} points apart.",
    actions_intro: "Every question that does not have full marks yet, most important first: the weight of the question and its section times the part of the score still missing. The method section at the end explains the order.",
    actions_none: "Every scored question has full marks: nothing left to do on this checklist.",
    action_meta: "{section} · now: {answer} · score {score}",
    progress_heading: "Progress from {first} to {last}",
    step_heading: "From {from} to {to}",
    step_overall: "The overall score went from {from} to {to} ({delta}).",
    step_overall_unknown: "Overall score: {from} → {to}.",
    step_level_up: "The level went up from {from} to **{to}**.",
    step_level_down: "The level went down from {from} to **{to}**.",
    step_level_same: "The level stayed at {level}.",
    step_level_unknown: "Level: {from} → {to}.",
    group_improved: "Improved ({count})",
    group_regressed: "Regressed ({count})",
    group_newly_answered: "Newly answered ({count})",
    group_metrics: "Figures",
    group_flags_resolved: "DEI-washing flags resolved",
    group_flags_new: "New DEI-washing flags",
    group_items_added: "Questions added in the new checklist version",
    group_items_removed: "Questions removed in the new checklist version",
    step_no_changes: "No answer changed its score.",
    benchmark_intro: "Your scores next to those of {count} organisations in the network on {checklist}. The range shows the median with the middle half of the organisations (p25 to p75). Figures drawn from fewer than {min_group} organisations are not shown.",
    benchmark_version_note: "The benchmark was made on version {version} of the checklist.",
    benchmark_range: "median {median} (p25 {p25} – p75 {p75})",
    position_below_p25: "below p25 (lowest quarter)",
    position_p25_median: "p25–median (second quarter)",
    position_median_p75: "median–p75 (third quarter)",
    position_above_p75: "above p75 (highest quarter)",
    position_suppressed: "not shown, to keep members anonymous",
    benchmark_hidden: "To keep every member anonymous, the benchmark shows no lowest or highest score and rounds its quartiles {rounding}. It hides a figure when fewer than {min_group} organisations make it up, when it would be one organisation's own score, or when it would let a hidden figure be worked out from the others.",
    rounding_five: "to multiples of 5 points (fewer than 10 organisations)",
    rounding_whole: "to whole points",
    benchmark_tailored_note: "Your answers are on a tailoring of {checklist}: you are placed only on the sections it leaves unchanged, and your overall score, which weighs other questions, is not compared.",
    network_title: "Network benchmark: {title}",
    network_covers: "Checklist {checklist} version {version}: {count} organisations, one contribution each.",
    network_left_out: "Files left out: {count} (see the messages of `dei benchmark`).",
    network_periods: "Periods used (each organisation's latest, or the one asked for): {periods}.",
    network_one_each: "Each organisation counts once, with one period; answers on a tailoring count on the sections it leaves unchanged.",
    network_scores: "Scores (0-100)",
    network_quartiles: "Half of the organisations score between the 25th and the 75th percentile. No lowest or highest score is shown: each would be one organisation's own. Quartiles are rounded to multiples of 5 points below 10 organisations and to whole points from 10.",
    network_area: "Area",
    network_organisations: "Organisations",
    network_p25: "25th percentile",
    network_p75: "75th percentile",
    network_levels: "Maturity levels",
    network_level: "Level",
    network_flags: "DEI-washing flags",
    network_flag: "Flag",
    network_share: "Share of organisations",
    network_no_rules: "The checklist has no DEI-washing rules.",
    network_hidden_cell: "hidden",
    network_hidden_scores: "Scores are hidden where fewer than {min_group} organisations have one, where a rounded quartile would still be one organisation's lowest or highest score, or, for the overall score, where the quartiles would tell how many organisations are at a hidden level.",
    network_hidden_levels: "A level count is hidden when it is 1 to {min_group} minus 1, or when it holds every organisation of a network under 10 (it would tell each member's level). Then more counts are hidden, until the hidden ones cannot be worked out from the total, the counts shown or the quartiles.",
    network_hidden_flags: "A share is hidden when the flag was raised, or not raised, for 1 to {min_group} minus 1 organisations, and below 10 organisations also when it is 0 % or 100 % (it would tell every member's flag).",
    network_limit: "Limit: two benchmarks of the same network, with and without one organisation, can reveal something about it by difference. Publish one benchmark per period, made from every member's answers.",
    not_answered: "not answered",
    not_applicable: "N/A",
    out_of_scope: "does not apply (out of scope)",
    nothing_selected: "nothing selected",
    note_comment: "Comment: {text}",
    note_evidence: "Evidence: {list}",
    note_na: "Not applicable: {text}",
    note_out_of_scope: "answered, but out of scope: not scored",
    note_lapsed_evidence: "Evidence that no longer counts (too old, or without a type): {list}",
    evidence_document: "document",
    evidence_minutes: "minutes",
    evidence_data: "data",
    evidence_survey: "survey",
    evidence_external: "external review",
    evidence_other: "other",
    unit_percent: "%",
    unit_days: "days",
    unit_fte: "FTE",
    method_items: "Each answer gets a score from 0 to 1: the score of the chosen option; for multiple choice the sum of the chosen options, at most 1; for a number, full marks inside its target range, falling in a straight line to 0 at the poor bound. A question without an answer scores 0: what is not answered is not done. Text questions and numbers without a target are shown but not scored.",
    method_evidence: "Where a question requires evidence and none is given, its answer counts for at most {cap} of full marks.",
    method_sections: "A section score (0–100) is the weighted mean of its question scores. Questions marked not applicable (with a reason) and questions that do not apply to the organisation are left out. The overall score is the weighted mean of the section scores, using the section weights.",
    method_levels: "Levels by overall score: {levels}.",
    method_requirements: "A level also requires full marks (or not applicable) on some questions, including those required by the levels below it: {requirements}.",
    method_level_entry: "{level} from {min}",
    method_requirement_entry: "{level}: {items}",
    method_measures: "Completeness is the share of the questions that apply which are answered or marked not applicable. Evidence coverage is the share of answered, scored questions with a positive score that give evidence. The not-applicable share is the weight of questions marked not applicable among all scored questions that apply.",
    method_rules: "The DEI-washing check runs {count} rules over the answers. A rule that fires never changes a score; the washing risk is the highest severity among the rules that fired.",
    method_actions: "The action plan lists every question that applies, is scored and has less than full marks, ordered by question weight × section weight × (1 − score); ties keep the checklist order.",
    method_precision: "Scores are computed in full precision and shown with one decimal. Scoring method: {method}.",
    footer: "Made with dei · checklist {checklist} · method {method}",
    chart_title: "Section scores (0–100)",
    chart_now: "{period}",
    chart_previous: "{period}",
    respondents: "How respondents see it",
    respondents_intro: "Beside the organisation's answers: how {count} respondents see it, each answering on their own. For each group of at least {min_group} respondents, the median of their section scores and the gap: organisation score minus group median. A gap of {gap} points or more is a perception gap, a sign that what the organisation states is not what its people experience; it counts in the washing check. Respondents' comments and evidence are never shown, and no answer can be traced to a person.",
    respondents_items_note: "Compared on the {count} questions that the checklist asks respondents; the organisation's scores in this section are on those questions too.",
    respondents_left_out: "{count} respondents of groups smaller than {min_group} are not shown.",
    respondents_none_shown: "No group reached {min_group} respondents, so no figures are shown.",
    respondents_group: "{group} ({count} respondents)",
    respondents_all: "All respondents",
    respondents_organisation: "Organisation",
    respondents_median: "Group median",
    respondents_gap: "Gap",
    respondents_gap_flagged: "**{gap}** (perception gap)",
    perception_gap_title: "Perception gap in {section}: {gap} points lower for {group}",
    perception_gap_short: "Perception gap",
    perception_gap_explanation: "The organisation rates this area much higher than the people who work in it. Management's view alone tells what the organisation says about itself; a gap this large between what is stated and what is experienced is a classic sign of DEI-washing.",
    perception_gap_advice: "Do not average the gap away: discuss the area with the group, starting from the conversation starters in the workshop view, and revise the organisation's answers where the respondents' experience shows they were too generous.",
    workshop: "Workshop: conversation starters",
    workshop_intro: "The questions on which respondents disagree most (a spread of {spread} or more between the highest and the lowest score), largest spread first, at most {max}. Print this part for a session: each question with what good looks like and how many respondents chose each answer, never who chose what.",
    workshop_none: "The respondents largely agree: no question has a spread of {spread} or more.",
    workshop_meta: "{section} · spread {spread} · answered by {count}",
    workshop_chosen_by: "Chosen by",
    workshop_organisation_answer: "The organisation answered: {answer}.",
    workshop_numbers: "A number question: the respondents' numbers are not listed.",
    at_a_glance: "At a glance",
    first_level_line: "Overall score **{score}** out of 100 · level **{level}**",
    first_held_back: "The scores alone reach **{before}**; {count} required questions hold the level back: {list}.",
    first_next_level: "Next level: **{level}** from {min}, {points} points to go.",
    first_next_level_requires: "It also needs full marks on {count} required questions.",
    first_washing: "**DEI-washing risk:** {risk}",
    first_flags_none: "**Flags:** none",
    first_flags: "**Flags ({count}):** {list}",
    first_progress: "**Progress since {period}:** {delta} points overall · {improved} questions improved · {regressed} went back",
    first_progress_none: "**Progress:** this is the first assessment on file; the next one shows progress.",
    top_actions: "Five actions first",
    top_action_line: "{question} *({section}; now: {answer})*",
    network_median: "Network median",
    network_band: "Network middle half (p25–p75)",
    radar_title: "Section scores at a glance (0–100)",
    first_actions: "What to do first",
    all_actions: "All open questions",
    now: "Now",
    rank: "#",
    evidence_gaps_summary: "{count} positive answers lack the recommended evidence ({sections}). The appendix marks each of them.",
    note_evidence_gap: "evidence recommended, none given",
    trend: "Scores per period",
    trend_title: "Overall and section scores per period (0–100)",
    benchmark_chart_title: "Your scores in the network's quartiles (0–100)",
    you: "You",
    method_name: "weighted mean, version 1",
    unit_months: "months",
};

/// Dutch.
pub static NL: Strings = Strings {
    summary: "Samenvatting",
    measure: "Onderdeel",
    result: "Uitkomst",
    score_lower: "score",
    sections: "Scores per onderdeel",
    section: "Onderdeel",
    score: "Score",
    level: "Niveau",
    answered: "Beantwoord",
    weight: "Gewicht",
    goals: "Doelen",
    goal: "Doel",
    level_now: "Niveau nu",
    reached: "Bereikt",
    strengths_and_gaps: "Sterke punten en grootste achterstanden",
    strengths: "Sterke punten (hoogste scores per onderdeel)",
    largest_gaps: "Grootste achterstanden (meeste winst, gewogen per onderdeel)",
    washing_check: "DEI-washingcheck",
    triggered_by: "De antwoorden achter dit signaal:",
    why_it_matters: "Waarom dit ertoe doet:",
    what_to_do: "Wat te doen:",
    resources: "Bronnen:",
    evidence: "Onderbouwing",
    unevidenced_claims: "Claims zonder bewijs",
    evidence_gaps: "Ontbrekend bewijs",
    none_found: "Geen.",
    indices: "Beleid, praktijk en resultaat",
    kind: "Soort vraag",
    items: "Vragen",
    themes: "Thema's",
    theme: "Thema",
    action_plan: "Actieplan",
    period: "Periode",
    periods: "Periodes",
    overall: "Totaal",
    completeness: "Volledigheid",
    washing_risk: "Washingrisico",
    change: "Verschil",
    benchmark: "Positie in de benchmark",
    your_score: "Jullie score",
    network_range: "Netwerk",
    position: "Positie",
    appendix: "Bijlage: alle antwoorden",
    appendix_intro: "Elke vraag van de checklist met het gegeven antwoord, de score (0–100) en de toelichting uit het antwoordbestand.",
    question: "Vraag",
    answer: "Antwoord",
    notes: "Toelichting",
    method: "Hoe de cijfers zijn berekend",
    warnings: "Waarschuwingen",
    report_title: "DEI-zelfevaluatie: {organisation}",
    compare_title: "DEI-voortgang: {organisation}",
    subtitle: "Periode {period} · {checklist}",
    assessed_by: "Ingevuld door {names}",
    answered_by: "Beantwoord door {names}",
    signed_by: "Medeondertekend door {names}",
    compare_subtitle: "Periodes {periods} · {checklist}",
    row_overall: "Totaalscore",
    row_overall_value: "**{score}** van 100",
    row_level: "Niveau",
    row_level_before: "(op de scores alleen: {level})",
    row_completeness: "Volledigheid",
    row_completeness_value: "{percent} ({done} van {total} vragen beantwoord of als niet van toepassing gemarkeerd)",
    row_washing: "DEI-washingrisico",
    row_evidence: "Bewijsdekking",
    row_evidence_value: "{percent} van de positieve antwoorden is onderbouwd",
    row_na: "Niet van toepassing (aandeel in gewicht)",
    row_checklist: "Checklist",
    row_checklist_base: "aangepast van {base}",
    level_none: "Nog geen enkel onderdeel heeft een score, dus er is geen totaalscore en geen niveau.",
    level_reached: "Met een totaalscore van {overall} van 100 zit de organisatie op niveau **{level}** (vanaf {min}).",
    level_held_back: "De totaalscore van {overall} zou niveau **{before}** halen, maar de organisatie blijft op **{level}**: een niveau telt pas als aan de voorwaarden ervan is voldaan, ook aan die van de lagere niveaus (vereiste vragen met de volle score, geen onderdeel onder de laagste onderdeelscore van het niveau, geen DEI-washingsignaal boven het risico dat het niveau toestaat). Wat het niveau tegenhoudt:",
    held_back_section: "Onderdeel **{section}** scoort {score}, onder de laagste onderdeelscore van {floor} die het niveau vraagt",
    held_back_flag: "DEI-washingsignaal **{rule}** (ernst {severity}): het niveau staat een DEI-washingrisico van hoogstens {allowed} toe",
    next_level: "Volgend niveau: **{level}**, vanaf een totaalscore van {min} (nog {points} punten).",
    next_level_requires: "Daarvoor is ook de volle score nodig op:",
    next_level_floor: "Elk onderdeel moet dan minstens {floor} scoren.",
    next_level_risk: "Het DEI-washingrisico mag dan hoogstens {allowed} zijn.",
    washing_none_sentence: "In deze antwoorden is geen DEI-washingpatroon gevonden.",
    washing_some_sentence: "Gevonden DEI-washingpatronen: {count}; de hoogste ernst is {risk}. Zie de DEI-washingcheck hieronder.",
    risk_none: "Geen",
    risk_low: "Laag",
    risk_medium: "Middel",
    risk_high: "Hoog",
    severity_low: "Laag",
    severity_medium: "Middel",
    severity_high: "Hoog",
    yes: "Ja",
    no: "Nee",
    gap_note: "{points} punten onder de volle score",
    washing_intro_none: "Geen van de DEI-washingpatronen van de checklist komt voor in deze antwoorden. De check ziet alleen wat de antwoorden zeggen: hij is zo eerlijk als de antwoorden zelf.",
    washing_intro_some: "Elk signaal hieronder is een combinatie van antwoorden die vaak op DEI-washing wijst: een commitment op papier met te weinig erachter. Signalen veranderen nooit een score; ze laten zien waar je eerst moet kijken.",
    evidence_intro: "Als een vraag bewijs vereist en er geen bewijs is gegeven, telt het antwoord voor hoogstens {cap} van de volle score: een claim zonder bewijs. Als bewijs wordt aanbevolen, is een positief antwoord zonder bewijs een ontbrekend bewijs. Bewijsdekking: {coverage}.",
    unevidenced_note: "telt als {score} in plaats van {raw} tot er bewijs is toegevoegd",
    indices_intro: "Scores per soort vraag: beleid (wat is vastgelegd), praktijk (wat er gebeurt) en resultaat (wat er is bereikt), en per thema.",
    kind_policy: "Beleid",
    kind_practice: "Praktijk",
    kind_outcome: "Resultaat",
    policy_practice_gap: "De praktijk scoort {points} punten lager dan het beleid: wat op papier staat, loopt voor op wat er gebeurt. Dat is het klassieke teken van een commitment dat alleen op papier bestaat.",
    policy_practice_close: "Beleid en praktijk liggen {points} punten uit elkaar.",
    actions_intro: "Elke vraag die nog niet de volle score heeft, de belangrijkste eerst: het gewicht van de vraag en van het onderdeel maal het deel van de score dat nog ontbreekt. Het methodedeel achteraan legt de volgorde uit.",
    actions_none: "Elke vraag met een score heeft de volle score: er staat op deze checklist niets meer open.",
    action_meta: "{section} · nu: {answer} · score {score}",
    progress_heading: "Voortgang van {first} tot {last}",
    step_heading: "Van {from} naar {to}",
    step_overall: "De totaalscore ging van {from} naar {to} ({delta}).",
    step_overall_unknown: "Totaalscore: {from} → {to}.",
    step_level_up: "Het niveau ging omhoog van {from} naar **{to}**.",
    step_level_down: "Het niveau ging omlaag van {from} naar **{to}**.",
    step_level_same: "Het niveau bleef {level}.",
    step_level_unknown: "Niveau: {from} → {to}.",
    group_improved: "Verbeterd ({count})",
    group_regressed: "Achteruitgegaan ({count})",
    group_newly_answered: "Nieuw beantwoord ({count})",
    group_metrics: "Kengetallen",
    group_flags_resolved: "Opgeloste DEI-washingsignalen",
    group_flags_new: "Nieuwe DEI-washingsignalen",
    group_items_added: "Vragen die in de nieuwe versie van de checklist zijn toegevoegd",
    group_items_removed: "Vragen die in de nieuwe versie van de checklist zijn vervallen",
    step_no_changes: "Geen enkel antwoord veranderde van score.",
    benchmark_intro: "Jullie scores naast die van {count} organisaties in het netwerk op {checklist}. Het bereik toont de mediaan met de middelste helft van de organisaties (p25 tot p75). Cijfers van minder dan {min_group} organisaties worden niet getoond.",
    benchmark_version_note: "De benchmark is gemaakt op versie {version} van de checklist.",
    benchmark_range: "mediaan {median} (p25 {p25} – p75 {p75})",
    position_below_p25: "onder p25 (laagste kwart)",
    position_p25_median: "p25–mediaan (tweede kwart)",
    position_median_p75: "mediaan–p75 (derde kwart)",
    position_above_p75: "boven p75 (hoogste kwart)",
    position_suppressed: "niet getoond, om leden anoniem te houden",
    benchmark_hidden: "Om elk lid anoniem te houden toont de benchmark geen laagste of hoogste score en rondt hij de kwartielen af {rounding}. Hij verbergt een cijfer als minder dan {min_group} organisaties eraan bijdragen, als het de eigen score van één organisatie zou zijn, of als je er een verborgen cijfer uit de andere mee zou kunnen afleiden.",
    rounding_five: "op veelvouden van 5 punten (minder dan 10 organisaties)",
    rounding_whole: "op hele punten",
    benchmark_tailored_note: "Jullie antwoorden zijn op een maatwerkversie van {checklist}: jullie worden alleen geplaatst op de onderdelen die ongewijzigd zijn, en de totaalscore, die andere vragen weegt, wordt niet vergeleken.",
    network_title: "Netwerkbenchmark: {title}",
    network_covers: "Checklist {checklist} versie {version}: {count} organisaties, elk met één bijdrage.",
    network_left_out: "Weggelaten bestanden: {count} (zie de meldingen van `dei benchmark`).",
    network_periods: "Gebruikte periodes (de laatste van elke organisatie, of de gevraagde): {periods}.",
    network_one_each: "Elke organisatie telt één keer, met één periode; antwoorden op een maatwerkversie tellen mee op de onderdelen die ongewijzigd zijn.",
    network_scores: "Scores (0-100)",
    network_quartiles: "De helft van de organisaties scoort tussen het 25e en het 75e percentiel. Er staat geen laagste of hoogste score in: die zou de eigen score van één organisatie zijn. Kwartielen zijn afgerond op veelvouden van 5 punten onder 10 organisaties en op hele punten vanaf 10.",
    network_area: "Onderdeel",
    network_organisations: "Organisaties",
    network_p25: "25e percentiel",
    network_p75: "75e percentiel",
    network_levels: "Volwassenheidsniveaus",
    network_level: "Niveau",
    network_flags: "Signalen van DEI-washing",
    network_flag: "Signaal",
    network_share: "Aandeel van de organisaties",
    network_no_rules: "De checklist heeft geen regels voor DEI-washing.",
    network_hidden_cell: "verborgen",
    network_hidden_scores: "Scores zijn verborgen waar minder dan {min_group} organisaties er een hebben, waar een afgerond kwartiel nog steeds de laagste of hoogste score van één organisatie zou zijn, of, bij de totaalscore, waar de kwartielen zouden verraden hoeveel organisaties op een verborgen niveau zitten.",
    network_hidden_levels: "Het aantal op een niveau is verborgen als het 1 tot {min_group} min 1 is, of als alle organisaties van een netwerk onder de 10 op dat niveau zitten (dan ligt ieders niveau op straat). Daarna worden meer aantallen verborgen, tot de verborgen aantallen niet meer af te leiden zijn uit het totaal, de getoonde aantallen of de kwartielen.",
    network_hidden_flags: "Een aandeel is verborgen als het signaal bij 1 tot {min_group} min 1 organisaties wel, of juist niet, is afgegaan, en onder 10 organisaties ook bij 0 % of 100 % (dan ligt ieders signaal op straat).",
    network_limit: "Grens: twee benchmarks van hetzelfde netwerk, met en zonder één organisatie, kunnen door het verschil iets over die organisatie verraden. Publiceer één benchmark per periode, gemaakt van de antwoorden van alle leden.",
    not_answered: "niet beantwoord",
    not_applicable: "n.v.t.",
    out_of_scope: "niet van toepassing op deze organisatie",
    nothing_selected: "niets gekozen",
    note_comment: "Opmerking: {text}",
    note_evidence: "Bewijs: {list}",
    note_na: "Niet van toepassing: {text}",
    note_out_of_scope: "beantwoord, maar niet van toepassing: telt niet mee",
    note_lapsed_evidence: "Bewijs dat niet meer meetelt (te oud, of zonder soort): {list}",
    evidence_document: "document",
    evidence_minutes: "notulen",
    evidence_data: "gegevens",
    evidence_survey: "enquête",
    evidence_external: "externe toets",
    evidence_other: "overig",
    unit_percent: "%",
    unit_days: "dagen",
    unit_fte: "fte",
    method_items: "Elk antwoord krijgt een score van 0 tot 1: de score van de gekozen optie; bij meerkeuze de som van de gekozen opties, hoogstens 1; bij een getal de volle score binnen het doelbereik, in een rechte lijn aflopend naar 0 bij de ondergrens. Een vraag zonder antwoord scoort 0: wat niet is beantwoord, is niet gedaan. Open vragen en getallen zonder doel worden getoond, maar tellen niet mee.",
    method_evidence: "Als een vraag bewijs vereist en er geen bewijs is gegeven, telt het antwoord voor hoogstens {cap} van de volle score.",
    method_sections: "De score van een onderdeel (0–100) is het gewogen gemiddelde van de scores van de vragen. Vragen die als niet van toepassing zijn gemarkeerd (met een reden) en vragen die niet op de organisatie van toepassing zijn, tellen niet mee. De totaalscore is het gewogen gemiddelde van de onderdelen, met de gewichten van de onderdelen.",
    method_levels: "Niveaus op basis van de totaalscore: {levels}.",
    method_requirements: "Een niveau vereist ook de volle score (of niet van toepassing) op bepaalde vragen, ook die van de lagere niveaus: {requirements}.",
    method_level_entry: "{level} vanaf {min}",
    method_requirement_entry: "{level}: {items}",
    method_measures: "Volledigheid is het deel van de toepasselijke vragen dat is beantwoord of als niet van toepassing is gemarkeerd. Bewijsdekking is het deel van de beantwoorde vragen met een positieve score dat met bewijs is onderbouwd. Het aandeel niet van toepassing is het gewicht van die vragen binnen alle toepasselijke vragen met een score.",
    method_rules: "De DEI-washingcheck legt {count} regels langs de antwoorden. Een regel die afgaat, verandert nooit een score; het washingrisico is de hoogste ernst van de regels die zijn afgegaan.",
    method_actions: "Het actieplan noemt elke toepasselijke vraag met een score lager dan de volle score, gesorteerd op gewicht van de vraag × gewicht van het onderdeel × (1 − score); bij gelijke prioriteit geldt de volgorde van de checklist.",
    method_precision: "Scores worden exact berekend en met één decimaal getoond. Rekenmethode: {method}.",
    footer: "Gemaakt met dei · checklist {checklist} · methode {method}",
    chart_title: "Scores per onderdeel (0–100)",
    chart_now: "{period}",
    chart_previous: "{period}",
    respondents: "Hoe respondenten het zien",
    respondents_intro: "Naast de antwoorden van de organisatie: hoe {count} respondenten het zien, elk op eigen houtje ingevuld. Per groep van ten minste {min_group} respondenten de mediaan van hun scores per onderdeel en het verschil: score van de organisatie min de mediaan van de groep. Een verschil van {gap} punten of meer is een perceptiekloof, een teken dat wat de organisatie zegt niet is wat haar mensen ervaren; het telt mee in de washingcheck. Opmerkingen en bewijs van respondenten worden nooit getoond, en geen antwoord is tot een persoon te herleiden.",
    respondents_items_note: "Vergeleken op de {count} vragen die de checklist aan respondenten stelt; de scores van de organisatie in dit onderdeel gaan ook over die vragen.",
    respondents_left_out: "{count} respondenten uit groepen kleiner dan {min_group} worden niet getoond.",
    respondents_none_shown: "Geen groep telt {min_group} respondenten, dus er worden geen cijfers getoond.",
    respondents_group: "{group} ({count} respondenten)",
    respondents_all: "Alle respondenten",
    respondents_organisation: "Organisatie",
    respondents_median: "Mediaan groep",
    respondents_gap: "Verschil",
    respondents_gap_flagged: "**{gap}** (perceptiekloof)",
    perception_gap_title: "Perceptiekloof bij {section}: {gap} punten lager volgens {group}",
    perception_gap_short: "Perceptiekloof",
    perception_gap_explanation: "De organisatie beoordeelt dit onderdeel veel hoger dan de mensen die er werken. Het beeld van het management alleen vertelt wat de organisatie over zichzelf zegt; zo'n groot verschil tussen wat wordt gezegd en wat wordt ervaren is een klassiek teken van DEI-washing.",
    perception_gap_advice: "Middel het verschil niet weg: bespreek het onderdeel met de groep, te beginnen bij de gespreksstarters in de werksessie, en stel de antwoorden van de organisatie bij waar de ervaring van de respondenten laat zien dat ze te gunstig waren.",
    workshop: "Werksessie: gespreksstarters",
    workshop_intro: "De vragen waarover respondenten het het minst eens zijn (een spreiding van {spread} of meer tussen de hoogste en de laagste score), grootste spreiding eerst, hoogstens {max}. Print dit deel voor een sessie: elke vraag met wat goed eruitziet en hoeveel respondenten elk antwoord kozen, nooit wie wat koos.",
    workshop_none: "De respondenten zijn het grotendeels eens: geen vraag heeft een spreiding van {spread} of meer.",
    workshop_meta: "{section} · spreiding {spread} · beantwoord door {count}",
    workshop_chosen_by: "Gekozen door",
    workshop_organisation_answer: "De organisatie antwoordde: {answer}.",
    workshop_numbers: "Een vraag met een getal: de getallen van de respondenten worden niet getoond.",
    at_a_glance: "In één oogopslag",
    first_level_line: "Totaalscore **{score}** van 100 · niveau **{level}**",
    first_held_back: "Op de scores alleen: **{before}**; {count} vereiste vragen houden het niveau tegen: {list}.",
    first_next_level: "Volgend niveau: **{level}** vanaf {min}, nog {points} punten.",
    first_next_level_requires: "Daarvoor is ook de volle score nodig op {count} vereiste vragen.",
    first_washing: "**DEI-washingrisico:** {risk}",
    first_flags_none: "**Signalen:** geen",
    first_flags: "**Signalen ({count}):** {list}",
    first_progress: "**Voortgang sinds {period}:** {delta} punten totaal · {improved} vragen verbeterd · {regressed} achteruit",
    first_progress_none: "**Voortgang:** dit is de eerste evaluatie; de volgende laat de voortgang zien.",
    top_actions: "Eerst deze vijf acties",
    top_action_line: "{question} *({section}; nu: {answer})*",
    network_median: "Mediaan netwerk",
    network_band: "Middelste helft netwerk (p25–p75)",
    radar_title: "Scores per onderdeel in één oogopslag (0–100)",
    first_actions: "Wat eerst te doen",
    all_actions: "Alle open vragen",
    now: "Nu",
    rank: "#",
    evidence_gaps_summary: "{count} positieve antwoorden missen het aanbevolen bewijs ({sections}). De bijlage markeert elk ervan.",
    note_evidence_gap: "bewijs aanbevolen, niet gegeven",
    trend: "Scores per periode",
    trend_title: "Totaalscore en scores per onderdeel per periode (0–100)",
    benchmark_chart_title: "Jullie scores in de kwartielen van het netwerk (0–100)",
    you: "Jullie",
    method_name: "gewogen gemiddelde, versie 1",
    unit_months: "maanden",
};

/// Names of the tags the built-in checklists use, as (id, English, Dutch). A tag is a free word
/// in a checklist; a tag not listed here is shown as its id with `_` as a space.
const TAG_NAMES: &[(&str, &str, &str)] = &[
    ("accessibility", "Accessibility", "Toegankelijkheid"),
    ("age", "Age", "Leeftijd"),
    ("communication", "Communication", "Communicatie"),
    ("data", "Data", "Data"),
    ("disability", "Disability", "Beperking"),
    ("gender", "Gender", "Gender"),
    ("governance", "Governance", "Bestuur"),
    ("integrity", "Integrity", "Integriteit"),
    ("leadership", "Leadership", "Leiderschap"),
    ("learning", "Learning", "Leren"),
    ("lgbtqi", "LGBTQI+", "LHBTIQ+"),
    ("partnerships", "Partnerships", "Partnerschappen"),
    ("pay", "Pay", "Beloning"),
    ("power", "Power", "Macht"),
    ("privacy", "Privacy", "Privacy"),
    ("race", "Race and ethnicity", "Ras en etniciteit"),
    ("recruitment", "Recruitment", "Werving"),
    ("religion", "Religion", "Religie"),
    ("resources", "Resources", "Middelen"),
    ("safety", "Safety", "Veiligheid"),
    (
        "socio_economic",
        "Socio-economic background",
        "Sociaaleconomische achtergrond",
    ),
    ("wellbeing", "Wellbeing", "Welzijn"),
];

impl Lang {
    /// The name of a tag in this language: a known tag's name, otherwise the id with `_` as a
    /// space and a capital first letter.
    pub fn tag_name(self, tag: &str) -> String {
        if let Some((_, en, nl)) = TAG_NAMES.iter().find(|(id, _, _)| *id == tag) {
            return match self {
                Lang::En => (*en).to_owned(),
                Lang::Nl => (*nl).to_owned(),
            };
        }
        let spaced = tag.replace('_', " ");
        let mut chars = spaced.chars();
        chars.next().map_or_else(String::new, |first| {
            first.to_uppercase().chain(chars).collect()
        })
    }
}

/// The fixed texts of `dei init`'s blank answers file, per language (`answers_template`).
pub(crate) struct TemplateWords {
    pub(crate) header: &'static str,
    pub(crate) name_placeholder: &'static str,
    pub(crate) period_placeholder: &'static str,
    pub(crate) name_note: &'static str,
    pub(crate) facts_intro: &'static str,
    pub(crate) fact_used_by: &'static str,
    pub(crate) fact_rules: &'static str,
    pub(crate) more_facts: &'static str,
    pub(crate) period_note: &'static str,
    pub(crate) assessed_by_note: &'static str,
    pub(crate) respondent_note: &'static str,
    pub(crate) goals_intro: &'static str,
    pub(crate) sections: &'static str,
    pub(crate) levels: &'static str,
    pub(crate) needs: &'static str,
    pub(crate) weight: &'static str,
    pub(crate) guidance: &'static str,
    pub(crate) answer_choice: &'static str,
    pub(crate) answer_multi: &'static str,
    pub(crate) answer_number: &'static str,
    pub(crate) answer_text: &'static str,
    pub(crate) in_unit: &'static str,
    pub(crate) from_to: &'static str,
    pub(crate) at_least: &'static str,
    pub(crate) at_most: &'static str,
    pub(crate) target: &'static str,
    pub(crate) full_marks_from: &'static str,
    pub(crate) full_marks_at: &'static str,
    pub(crate) or_less: &'static str,
    pub(crate) or_more: &'static str,
    pub(crate) no_marks: &'static str,
    pub(crate) no_marks_at_or_less: &'static str,
    pub(crate) no_marks_at_or_more: &'static str,
    pub(crate) not_scored: &'static str,
    pub(crate) evidence_required: &'static str,
    pub(crate) evidence_recommended: &'static str,
    pub(crate) evidence_none: &'static str,
    pub(crate) na_allowed: &'static str,
    pub(crate) na_not_allowed: &'static str,
    pub(crate) asked_only_when: &'static str,
    pub(crate) expr: ConditionWords,
}

/// Words for conditions in plain language.
pub(crate) struct ConditionWords {
    pub(crate) and: &'static str,
    pub(crate) or: &'static str,
    pub(crate) not: &'static str,
    pub(crate) is: &'static str,
    pub(crate) is_not: &'static str,
    pub(crate) one_of_or: &'static str,
    pub(crate) none_of: &'static str,
    pub(crate) or_more: &'static str,
    pub(crate) or_less: &'static str,
    pub(crate) more_than: &'static str,
    pub(crate) less_than: &'static str,
    pub(crate) filled_in: &'static str,
    pub(crate) not_filled_in: &'static str,
    pub(crate) empty: &'static str,
    pub(crate) not_empty: &'static str,
    pub(crate) organisation: &'static str,
    pub(crate) count_of: &'static str,
}

/// The blank answers file in English.
pub(crate) static TEMPLATE_EN: TemplateWords = TemplateWords {
    header: "\
Answers for \"{title}\" ({id} {version}).
Written by `dei init`: every question is a comment above its key.

How to fill it in:
1. Replace the placeholders `{name}` and `{period}` below.
2. Write each answer after the colon of its key. A key left empty counts as unanswered, and
   what is not answered scores 0.
   - choice: one option id, such as `{choice_id}: {choice_option}`
   - multi: a list of option ids, such as `[a, b]`; `[]` means none of them
   - number: a number, such as `45`
   - text: any text, in quotes
   Write \"yes\" and \"no\" with their quotes.
3. Add evidence (document names or links) and comments with the long form:
     {choice_id}:
       value: {choice_option}
       evidence: [Name of the document, page or link]
       comment: Anything worth knowing
   Where a question allows it, mark it not applicable: `{na: true, reason: Why not}`.
4. Check the file with `dei validate FILE`, then see the results with `dei report FILE`.",
    name_placeholder: "(your organisation)",
    period_placeholder: "(period)",
    name_note: "required: your organisation's name",
    facts_intro: "Facts about the organisation that the checklist's conditions and rules read. Leave a fact empty if you do not know it.",
    fact_used_by: "used by",
    fact_rules: "rule",
    more_facts: "Add other facts as you like, such as `country: NL`.",
    period_note: "required: the period of these answers, such as 2025 or 2025-H2",
    assessed_by_note: "who answered, such as [HR lead, DEI working group]",
    respondent_note: "one respondent's view: a group, never your name; your answers are combined with your colleagues'",
    goals_intro: "Goals (optional): the level you aim for per section, such as `goals: {{section}: {level}}`.",
    sections: "Sections:",
    levels: "Levels, from low to high (lowest overall score):",
    needs: "needs full marks on",
    weight: "weight",
    guidance: "Guidance:",
    answer_choice: "Answer: one of",
    answer_multi: "Answer: a list of any of these, such as [{first}]; [] for none of them",
    answer_number: "Answer: a number",
    answer_text: "Answer: text, in quotes.",
    in_unit: "in",
    from_to: "from {min} to {max}",
    at_least: "at least {min}",
    at_most: "at most {max}",
    target: "Target:",
    full_marks_from: "full marks from {low} to {high}",
    full_marks_at: "full marks at {value}",
    or_less: "or less",
    or_more: "or more",
    no_marks: "no marks",
    no_marks_at_or_less: "at {value} or less",
    no_marks_at_or_more: "at {value} or more",
    not_scored: "Not scored: shown in the report only.",
    evidence_required: "Evidence: required; without it the score is at most {cap}.",
    evidence_recommended: "Evidence: recommended.",
    evidence_none: "Evidence: not needed.",
    na_allowed: "N/A: allowed, with a reason.",
    na_not_allowed: "N/A: not allowed.",
    asked_only_when: "Asked only when:",
    expr: ConditionWords {
        and: "and",
        or: "or",
        not: "not",
        is: "is",
        is_not: "is not",
        one_of_or: "or",
        none_of: "is none of",
        or_more: "or more",
        or_less: "or less",
        more_than: "is more than",
        less_than: "is less than",
        filled_in: "is filled in",
        not_filled_in: "is not filled in",
        empty: "is empty",
        not_empty: "is not empty",
        organisation: "the organisation's {key}",
        count_of: "the number of options chosen in {x}",
    },
};

/// The blank answers file in Dutch.
pub(crate) static TEMPLATE_NL: TemplateWords = TemplateWords {
    header: "\
Antwoorden voor \"{title}\" ({id} {version}).
Gemaakt met `dei init`: elke vraag staat als commentaar boven haar sleutel.

Zo vul je het in:
1. Vervang de plaatshouders `{name}` en `{period}` hieronder.
2. Schrijf elk antwoord achter de dubbele punt van de sleutel. Een lege sleutel telt als niet
   beantwoord, en wat niet beantwoord is, scoort 0.
   - keuze (choice): één optie-id, zoals `{choice_id}: {choice_option}`
   - meerkeuze (multi): een lijst met optie-id's, zoals `[a, b]`; `[]` betekent geen van alle
   - getal (number): een getal, zoals `45`
   - tekst (text): vrije tekst, tussen aanhalingstekens
   Schrijf \"yes\" en \"no\" met de aanhalingstekens.
3. Voeg bewijs (documentnamen of links) en opmerkingen toe met de lange vorm:
     {choice_id}:
       value: {choice_option}
       evidence: [Naam van het document, pagina of link]
       comment: Wat verder de moeite waard is
   Waar een vraag het toestaat, markeer je haar als niet van toepassing:
   `{na: true, reason: Waarom niet}`.
4. Controleer het bestand met `dei validate BESTAND` en bekijk de uitkomst met
   `dei report BESTAND`.",
    name_placeholder: "(naam organisatie)",
    period_placeholder: "(periode)",
    name_note: "verplicht: de naam van je organisatie",
    facts_intro: "Gegevens over de organisatie die de voorwaarden en regels van de checklist gebruiken. Laat een gegeven leeg als je het niet weet.",
    fact_used_by: "gebruikt door",
    fact_rules: "regel",
    more_facts: "Voeg gerust andere gegevens toe, zoals `country: NL`.",
    period_note: "verplicht: de periode van deze antwoorden, zoals 2025 of 2025-H2",
    assessed_by_note: "wie de vragen beantwoordde, zoals [HR-adviseur, DEI-werkgroep]",
    respondent_note: "het beeld van één respondent: een groep, nooit je naam; je antwoorden worden samengenomen met die van je collega's",
    goals_intro: "Doelen (optioneel): het niveau dat je per onderdeel nastreeft, zoals `goals: {{section}: {level}}`.",
    sections: "Onderdelen:",
    levels: "Niveaus, van laag naar hoog (laagste totaalscore):",
    needs: "vraagt de volle score op",
    weight: "gewicht",
    guidance: "Toelichting:",
    answer_choice: "Antwoord: een van",
    answer_multi: "Antwoord: een lijst met een of meer van deze, zoals [{first}]; [] voor geen van alle",
    answer_number: "Antwoord: een getal",
    answer_text: "Antwoord: tekst, tussen aanhalingstekens.",
    in_unit: "in",
    from_to: "van {min} tot en met {max}",
    at_least: "minstens {min}",
    at_most: "hoogstens {max}",
    target: "Doel:",
    full_marks_from: "volle score van {low} tot en met {high}",
    full_marks_at: "volle score bij {value}",
    or_less: "of minder",
    or_more: "of meer",
    no_marks: "geen score",
    no_marks_at_or_less: "bij {value} of minder",
    no_marks_at_or_more: "bij {value} of meer",
    not_scored: "Telt niet mee in de score: alleen getoond in het rapport.",
    evidence_required: "Bewijs: verplicht; zonder bewijs is de score hoogstens {cap}.",
    evidence_recommended: "Bewijs: aanbevolen.",
    evidence_none: "Bewijs: niet nodig.",
    na_allowed: "N.v.t.: toegestaan, met een reden.",
    na_not_allowed: "N.v.t.: niet toegestaan.",
    asked_only_when: "Alleen van toepassing als:",
    expr: ConditionWords {
        and: "en",
        or: "of",
        not: "niet",
        is: "is",
        is_not: "is niet",
        one_of_or: "of",
        none_of: "is geen van",
        or_more: "of meer",
        or_less: "of minder",
        more_than: "is meer dan",
        less_than: "is minder dan",
        filled_in: "is ingevuld",
        not_filled_in: "is niet ingevuld",
        empty: "is leeg",
        not_empty: "is niet leeg",
        organisation: "{key} van de organisatie",
        count_of: "het aantal gekozen opties bij {x}",
    },
};

impl Lang {
    /// The words of `dei init`'s blank answers file in this language.
    pub(crate) fn template_words(self) -> &'static TemplateWords {
        match self {
            Lang::En => &TEMPLATE_EN,
            Lang::Nl => &TEMPLATE_NL,
        }
    }
}
