//! Several respondents (SPEC section 15): respondents' files combined into a draft
//! organisation answers file, and the organisation's answers set beside how its respondents
//! see it.
//!
//! A respondent's file is an ordinary answers file with `respondent: {group: staff}`. Two
//! uses, both sans-IO (texts and checked answers in, data out):
//! - [`combine`]: the draft answers for the group to discuss, by the rules of SPEC section 15
//!   (lower median for choices, half or more for multi, median for numbers, majority N/A,
//!   union of evidence). [`Draft::to_yaml`] writes it as an answers file.
//! - [`compare`]: per group of at least `min_group` respondents the median section scores
//!   beside the organisation's, the perception gaps (flags `perception_gap`, which count in
//!   the washing risk), and the conversation starters: the items the respondents disagree on.
//!
//! Invariant: nothing that a respondent wrote in words (comments, evidence, N/A reasons, text
//! answers, organisation keys) reaches [`Respondents`]: only group ids (checked ids), counts
//! and scores. Every result is independent of the order in which the files are given.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::answers::{Answers, Response, Value};
use crate::benchmark::quantile;
use crate::checklist::{AnswerKind, Checklist, Item};
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::raw::{RawAnswers, Severity};
use crate::score::{score, weighted_score};
use crate::scorecard::{Flag, Scorecard, Status, WashingRisk};
use crate::source::Source;

/// The default smallest group of respondents whose figures a report shows.
pub const DEFAULT_MIN_GROUP: usize = 5;
/// The smallest `min_group` accepted: a smaller value is raised to this one.
pub const PRIVACY_FLOOR: usize = 3;
/// A gap (organisation score − group median) of this many points or more is a perception gap.
pub const PERCEPTION_GAP: f64 = 20.0;
/// An item whose respondents' raw scores spread this much or more is a conversation starter.
pub const STARTER_SPREAD: f64 = 0.5;
/// At most this many conversation starters.
pub const MAX_STARTERS: usize = 10;
/// The rule id of a perception gap flag.
pub const PERCEPTION_GAP_RULE: &str = "perception_gap";
/// The id of the group that respondents of groups smaller than `min_group` are merged into.
pub const ALL_RESPONDENTS: &str = "all_respondents";

/// One answers file as the functions here need it: its text (for locating problems), the
/// checklist it was checked against, and the checked answers.
#[derive(Clone, Copy, Debug)]
pub struct AnswersFile<'a> {
    /// The file's text and name.
    pub source: &'a Source,
    /// The checklist its answers were checked against.
    pub checklist: &'a Checklist,
    /// The checked answers.
    pub answers: &'a Answers,
}

/// Who an answers file is about (SPEC section 12), by the one rule progress and the
/// benchmark use.
fn organisation_identity(answers: &Answers) -> String {
    crate::identity::organisation_identity(&answers.organisation)
}

/// Line and column of a top-level key of an answers file: 0 when unknown.
fn key_location(source: &Source, key: &str) -> (u64, u64) {
    let Ok(raw) = source.parse::<RawAnswers>() else {
        return (0, 0);
    };
    let at = match key {
        "checklist" => raw.checklist.referenced,
        "period" => raw.period.referenced,
        "respondent" => match raw.respondent {
            Some(respondent) => respondent.group.referenced,
            None => return (1, 1),
        },
        _ => raw.organisation.referenced,
    };
    (at.line(), at.column())
}

fn located(file: &AnswersFile<'_>, key: &str, diagnostic: Diagnostic) -> Diagnostic {
    let (line, column) = key_location(file.source, key);
    diagnostic.at(file.source, line, column)
}

/// Checks that every file is on the checklist, organisation and period of the first; with
/// `respondents_from` = i, that files from position i on are respondents' files. Every
/// problem is listed, located at the key that differs.
pub fn check_together(
    files: &[AnswersFile<'_>],
    respondents_from: usize,
) -> Result<(), Diagnostics> {
    let mut problems = Diagnostics::default();
    let Some(first) = files.first() else {
        return Ok(());
    };
    let first_name = first.source.name();
    let identity = organisation_identity(first.answers);
    for (index, file) in files.iter().enumerate() {
        let name = file.source.name();
        if index >= respondents_from && file.answers.respondent.is_none() {
            problems.push(located(
                file,
                "respondent",
                Diagnostic::error(
                    Code::NotRespondent,
                    name,
                    "this is not a respondent's file: it has no `respondent` key",
                )
                .with_hint("a respondent's file says whose view it is with `respondent: {group: staff}` (a group, never a name); `dei init CHECKLIST --respondent staff` writes one")
                .with_dutch(
                    "dit is geen bestand van een respondent: de sleutel `respondent` ontbreekt",
                    Some("het bestand van een respondent zegt wiens kijk het is met `respondent: {group: staff}` (een groep, nooit een naam); `dei init CHECKLIST --respondent staff` schrijft er een".to_owned()),
                ),
            ));
        }
        if index == 0 {
            continue;
        }
        let (mine, theirs) = (file.checklist, first.checklist);
        if mine.id != theirs.id || mine.version != theirs.version || mine.base != theirs.base {
            problems.push(located(
                file,
                "checklist",
                Diagnostic::error(
                    Code::Incompatible,
                    name,
                    format!(
                        "this file is on checklist `{}` {}, but `{first_name}` is on `{}` {}",
                        mine.id, mine.version, theirs.id, theirs.version
                    ),
                )
                .with_id(&mine.id)
                .with_hint("respondents' files are combined and compared only on one checklist and version")
                .with_dutch(
                    format!(
                        "dit bestand is op vragenlijst `{}` {}, maar `{first_name}` is op `{}` {}",
                        mine.id, mine.version, theirs.id, theirs.version
                    ),
                    Some("bestanden van respondenten worden alleen samengevoegd en vergeleken op één vragenlijst en versie".to_owned()),
                ),
            ));
        }
        let other = organisation_identity(file.answers);
        if other != identity {
            problems.push(located(
                file,
                "organisation",
                Diagnostic::error(
                    Code::Incompatible,
                    name,
                    format!(
                        "this file is about organisation `{}`, but `{first_name}` is about `{}`",
                        file.answers.name, first.answers.name
                    ),
                )
                .with_hint("give only files of one organisation; the organisation is known by `organisation.id`, or else by its name (case and spaces aside)")
                .with_dutch(
                    format!(
                        "dit bestand gaat over organisatie `{}`, maar `{first_name}` gaat over `{}`",
                        file.answers.name, first.answers.name
                    ),
                    Some("geef alleen bestanden van één organisatie; de organisatie is bekend aan `organisation.id`, anders aan haar naam (hoofdletters en spaties tellen niet)".to_owned()),
                )
                .with_id(other),
            ));
        }
        if file.answers.period != first.answers.period {
            problems.push(located(
                file,
                "period",
                Diagnostic::error(
                    Code::Incompatible,
                    name,
                    format!(
                        "this file is for period `{}`, but `{first_name}` is for `{}`",
                        file.answers.period, first.answers.period
                    ),
                )
                .with_id(&file.answers.period)
                .with_hint("give only files of one period")
                .with_dutch(
                    format!(
                        "dit bestand is voor periode `{}`, maar `{first_name}` is voor `{}`",
                        file.answers.period, first.answers.period
                    ),
                    Some("geef alleen bestanden van één periode".to_owned()),
                ),
            ));
        }
    }
    if problems.has_errors() {
        Err(problems)
    } else {
        Ok(())
    }
}

/// A draft organisation answers file made from respondents' files.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    /// The checklist reference of the first file (in name order), as written.
    pub checklist: String,
    /// The checklist's version.
    pub checklist_version: String,
    /// The organisation keys on which every file agrees (and the first file's `name`).
    pub organisation: IndexMap<String, serde_json::Value>,
    /// The period.
    pub period: String,
    /// Each group with its number of respondents, such as `staff (12)`, in group id order.
    pub assessed_by: Vec<String>,
    /// The combined answers, in definition order.
    pub answers: Vec<DraftAnswer>,
}

/// One combined answer.
#[derive(Clone, Debug, PartialEq)]
pub struct DraftAnswer {
    /// Full item id.
    pub id: String,
    /// The value, or N/A.
    pub value: DraftValue,
    /// The union of the respondents' evidence, in order of first appearance.
    pub evidence: Vec<crate::evidence::Evidence>,
}

/// A combined value.
#[derive(Clone, Debug, PartialEq)]
pub enum DraftValue {
    /// An option id.
    Choice(String),
    /// Option ids, in option order.
    Multi(Vec<String>),
    /// A number.
    Number(f64),
    /// Not applicable, with the reasons joined by "; ".
    NotApplicable(String),
}

/// Combines respondents' files into the draft organisation answers (SPEC section 15). The
/// files are taken in order of their names, so that "file order" (N/A reasons, evidence) does
/// not depend on the order in which they are given. Fails when they are not all respondents'
/// files of one checklist, organisation and period, or when a file cannot be scored.
pub fn combine(files: &[AnswersFile<'_>]) -> Result<Draft, Diagnostics> {
    let mut files = files.to_vec();
    files.sort_by(|a, b| a.source.name().cmp(b.source.name()));
    check_together(&files, 0)?;
    let Some(first) = files.first() else {
        return Err(Diagnostics::from(
            Diagnostic::error(
                Code::Incompatible,
                "",
                "there are no respondents' files to combine",
            )
            .with_dutch(
                "er zijn geen bestanden van respondenten om samen te voegen",
                None,
            ),
        ));
    };
    let checklist = first.checklist;
    let mut scorecards = Vec::with_capacity(files.len());
    let mut problems = Diagnostics::default();
    for file in &files {
        match score(file.checklist, file.answers) {
            Ok(scorecard) => scorecards.push(scorecard),
            Err(found) => problems.0.extend(found.0),
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    let mut groups: BTreeMap<&str, usize> = BTreeMap::new();
    for file in &files {
        *groups
            .entry(file.answers.respondent.as_deref().unwrap_or_default())
            .or_default() += 1;
    }
    let answers = checklist
        .items
        .iter()
        .enumerate()
        .filter_map(|(index, item)| {
            let in_scope = files
                .iter()
                .zip(&scorecards)
                .filter(|(_, scorecard)| {
                    scorecard
                        .items
                        .get(index)
                        .is_some_and(|result| result.status != Status::OutOfScope)
                })
                .filter_map(|(file, _)| file.answers.entry(index));
            combine_item(item, in_scope)
        })
        .collect();
    Ok(Draft {
        checklist: first.answers.checklist.clone(),
        checklist_version: checklist.version.clone(),
        organisation: shared_organisation(&files),
        period: first.answers.period.clone(),
        assessed_by: groups
            .iter()
            .map(|(group, count)| format!("{group} ({count})"))
            .collect(),
        answers,
    })
}

/// The organisation map of the draft: the keys on which every respondent agrees, in the first
/// file's order, and the first file's `name` (the names agree up to case and spaces, or the
/// files were refused). A key only one respondent wrote (a contact, a note) never reaches the
/// draft: the draft is shared with the whole group.
fn shared_organisation(files: &[AnswersFile<'_>]) -> IndexMap<String, serde_json::Value> {
    let Some(first) = files.first() else {
        return IndexMap::new();
    };
    first
        .answers
        .organisation
        .iter()
        .filter(|(key, value)| {
            key.as_str() == "name"
                || files
                    .iter()
                    .all(|file| file.answers.organisation.get(key.as_str()) == Some(*value))
        })
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect()
}

/// Combines the entries of one item over the respondents for whom it is in scope.
fn combine_item<'a>(
    item: &Item,
    entries: impl Iterator<Item = &'a crate::answers::Entry>,
) -> Option<DraftAnswer> {
    let mut values: Vec<&Value> = Vec::new();
    let mut reasons: Vec<&str> = Vec::new();
    let mut na = 0;
    let mut evidence: Vec<crate::evidence::Evidence> = Vec::new();
    for entry in entries {
        match &entry.response {
            Response::Value(value) => values.push(value),
            Response::NotApplicable(reason) => {
                na += 1;
                if !reasons.contains(&reason.as_str()) {
                    reasons.push(reason);
                }
            }
            Response::Empty => {}
        }
        for one in &entry.evidence {
            if !evidence.contains(one) {
                evidence.push(one.clone());
            }
        }
    }
    let value = if na > values.len() {
        DraftValue::NotApplicable(reasons.join("; "))
    } else {
        combine_values(item, &values)?
    };
    Some(DraftAnswer {
        id: item.id.clone(),
        value,
        evidence,
    })
}

/// Combines the m answers of one item; `None` for none, and for text (never combined).
fn combine_values(item: &Item, values: &[&Value]) -> Option<DraftValue> {
    let m = values.len();
    if m == 0 {
        return None;
    }
    match &item.answer {
        AnswerKind::Choice(options) => {
            let mut chosen: Vec<usize> = values
                .iter()
                .filter_map(|value| match value {
                    Value::Choice(index) => Some(*index),
                    _ => None,
                })
                .collect();
            // By score, ties in option order: the option index breaks ties.
            chosen.sort_by(|a, b| {
                options[*a]
                    .score
                    .total_cmp(&options[*b].score)
                    .then(a.cmp(b))
            });
            let lower_median = *chosen.get((chosen.len().checked_sub(1)?) / 2)?;
            Some(DraftValue::Choice(options[lower_median].id.clone()))
        }
        AnswerKind::Multi(options) => {
            let mut counts = vec![0usize; options.len()];
            for value in values {
                if let Value::Multi(chosen) = value {
                    for &index in chosen {
                        if let Some(count) = counts.get_mut(index) {
                            *count += 1;
                        }
                    }
                }
            }
            Some(DraftValue::Multi(
                options
                    .iter()
                    .zip(&counts)
                    .filter(|(_, count)| 2 * **count >= m)
                    .map(|(option, _)| option.id.clone())
                    .collect(),
            ))
        }
        AnswerKind::Number(_) => {
            let mut numbers: Vec<f64> = values
                .iter()
                .filter_map(|value| match value {
                    Value::Number(number) => Some(*number),
                    _ => None,
                })
                .collect();
            numbers.sort_by(f64::total_cmp);
            median(&numbers).map(DraftValue::Number)
        }
        AnswerKind::Text => None,
    }
}

/// The median of sorted values: the middle one, or the mean of the two middle ones. The
/// halves are added so that two huge numbers cannot overflow to infinity.
fn median(sorted: &[f64]) -> Option<f64> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    if n % 2 == 1 {
        Some(sorted[n / 2])
    } else {
        Some(sorted[n / 2 - 1] / 2.0 + sorted[n / 2] / 2.0)
    }
}

impl Draft {
    /// The draft as an answers file (YAML) with a header comment saying what it is.
    pub fn to_yaml(&self) -> String {
        let mut out = String::new();
        out.push_str("# A draft of the organisation's answers, combined by `dei combine` from respondents' files\n");
        out.push_str("# (SPEC section 15). Discuss it as a group, correct it, add evidence, then use it as the\n");
        out.push_str("# organisation's answers file. Items nobody answered, and text answers, are left out.\n");
        let _ = writeln!(out, "checklist: {}", yaml_string(&self.checklist));
        let _ = writeln!(
            out,
            "checklist_version: {}",
            yaml_string(&self.checklist_version)
        );
        out.push_str("organisation:\n");
        for (key, value) in &self.organisation {
            let _ = writeln!(out, "  {}: {}", yaml_key(key), yaml_json(value));
        }
        let _ = writeln!(out, "period: {}", yaml_string(&self.period));
        out.push_str("assessed_by:\n");
        for group in &self.assessed_by {
            let _ = writeln!(out, "  - {}", yaml_string(group));
        }
        if self.answers.is_empty() {
            out.push_str("answers: {}\n");
            return out;
        }
        out.push_str("answers:\n");
        for answer in &self.answers {
            let _ = writeln!(out, "  {}:", answer.id);
            match &answer.value {
                DraftValue::Choice(id) => {
                    let _ = writeln!(out, "    value: {}", yaml_string(id));
                }
                DraftValue::Multi(ids) => {
                    let ids: Vec<String> = ids.iter().map(|id| yaml_string(id)).collect();
                    let _ = writeln!(out, "    value: [{}]", ids.join(", "));
                }
                DraftValue::Number(number) => {
                    let _ = writeln!(out, "    value: {}", yaml_number(*number));
                }
                DraftValue::NotApplicable(reason) => {
                    out.push_str("    na: true\n");
                    let _ = writeln!(out, "    reason: {}", yaml_string(reason));
                }
            }
            if !answer.evidence.is_empty() {
                out.push_str("    evidence:\n");
                for one in &answer.evidence {
                    let _ = writeln!(out, "      - {}", one.yaml());
                }
            }
        }
        out
    }
}

/// A string as a double-quoted YAML scalar (which is also a JSON string): it always reads back
/// as the same string, whatever it holds.
fn yaml_string(text: &str) -> String {
    crate::yaml::quoted(text)
}

/// A key of the organisation map: plain when it is a plain word that YAML cannot read as
/// anything else, quoted otherwise.
fn yaml_key(key: &str) -> String {
    let plain = key.starts_with(|c: char| c.is_ascii_alphabetic())
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !matches!(
            key.to_ascii_lowercase().as_str(),
            "y" | "n" | "yes" | "no" | "true" | "false" | "on" | "off" | "null"
        );
    if plain {
        key.to_owned()
    } else {
        yaml_string(key)
    }
}

/// A number as YAML reads it back: whole numbers without a decimal point.
fn yaml_number(number: f64) -> String {
    if number.fract() == 0.0 && number.abs() < 1e15 {
        format!("{number:.0}")
    } else {
        format!("{number}")
    }
}

/// A JSON value in YAML flow style (JSON is YAML).
fn yaml_json(value: &serde_json::Value) -> String {
    value.to_string()
}

/// How the respondents see the organisation, as the scorecard carries it (SPEC section 15).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Respondents {
    /// The smallest group shown.
    pub min_group: usize,
    /// The groups shown, in id order (`all_respondents`, the merged small groups, among them).
    pub groups: Vec<RespondentGroup>,
    /// Items the respondents of the groups shown disagree on, largest spread first.
    pub conversation_starters: Vec<ConversationStarter>,
    /// Items compared: the checklist's respondent items when it marks any, otherwise all.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items_compared: Vec<String>,
    /// Respondents of groups left out because even merged they were fewer than `min_group`.
    #[serde(default)]
    pub left_out: usize,
}

/// One group of respondents.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RespondentGroup {
    /// Group id.
    pub id: String,
    /// Number of respondents.
    pub n: usize,
    /// Per section, in definition order.
    pub sections: Vec<GroupSection>,
}

/// A group's view of one section.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct GroupSection {
    /// Section id.
    pub id: String,
    /// The organisation's section score on the items compared (0-100); null when unscored.
    pub organisation: Option<f64>,
    /// The median of the respondents' section scores (0-100); null when none is scored.
    pub median: Option<f64>,
    /// Organisation score − group median, in points; null when either is missing.
    pub gap: Option<f64>,
}

/// An item the respondents disagree on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ConversationStarter {
    /// Full item id.
    pub id: String,
    /// Highest − lowest raw score among the respondents' answers.
    pub spread: f64,
    /// Number of respondents who answered it.
    pub n: usize,
    /// How many respondents chose each option, in option order (choice and multi items).
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub counts: IndexMap<String, usize>,
}

/// The same number as `x` for comparisons with a threshold: rounded to nine decimals, so
/// that 70 − 50.000000000001 counts as 20.
fn settled(x: f64) -> f64 {
    (x * 1e9).round() / 1e9
}

/// Sets the organisation's scorecard beside its respondents' view (SPEC section 15): adds
/// `respondents` and a `perception_gap` flag per section and group with a gap of 20 points or
/// more, and raises the washing risk accordingly. `respondents` are the respondents' files
/// with their scorecards; `min_group` below [`PRIVACY_FLOOR`] is raised to it.
pub fn compare(
    checklist: &Checklist,
    organisation: &mut Scorecard,
    respondents: &[(&Answers, &Scorecard)],
    min_group: usize,
) {
    let k = min_group.max(PRIVACY_FLOOR);
    let mut by_group: BTreeMap<&str, Vec<&Scorecard>> = BTreeMap::new();
    for (answers, scorecard) in respondents {
        by_group
            .entry(answers.respondent.as_deref().unwrap_or(ALL_RESPONDENTS))
            .or_default()
            .push(scorecard);
    }
    let mut shown: BTreeMap<&str, Vec<&Scorecard>> = BTreeMap::new();
    let mut small: Vec<&Scorecard> = Vec::new();
    for (group, members) in by_group {
        if members.len() >= k {
            shown.entry(group).or_default().extend(members);
        } else {
            small.extend(members);
        }
    }
    let mut left_out = 0;
    if small.len() >= k {
        shown.entry(ALL_RESPONDENTS).or_default().extend(small);
    } else {
        left_out = small.len();
    }

    let marked: Vec<bool> = checklist
        .items
        .iter()
        .map(|item| item.respondents)
        .collect();
    let any_marked = marked.iter().any(|&m| m);
    let compared = |index: usize| !any_marked || marked[index];
    let section_score = |scorecard: &Scorecard, section: usize| {
        let range = checklist.sections[section].items.clone();
        weighted_score(
            range
                .filter(|&index| compared(index))
                .filter_map(|index| Some((&checklist.items[index], scorecard.items.get(index)?))),
        )
    };
    // Without marked items this is the scorecard's own section score (SPEC section 5).
    let organisation_scores: Vec<Option<f64>> = (0..checklist.sections.len())
        .map(|section| section_score(organisation, section))
        .collect();

    let mut groups = Vec::new();
    let mut flags = Vec::new();
    for (group, members) in &shown {
        let sections = checklist
            .sections
            .iter()
            .enumerate()
            .map(|(index, section)| {
                let mut scores: Vec<f64> = members
                    .iter()
                    .filter_map(|scorecard| section_score(scorecard, index))
                    .collect();
                scores.sort_by(f64::total_cmp);
                let median = quantile(&scores, 0.5);
                let gap = match (organisation_scores[index], median) {
                    (Some(own), Some(median)) => Some(own - median),
                    _ => None,
                };
                if gap.is_some_and(|gap| settled(gap) >= PERCEPTION_GAP) {
                    flags.push(Flag {
                        rule: PERCEPTION_GAP_RULE.to_owned(),
                        severity: Severity::Medium,
                        items: {
                            let mut ids: Vec<String> = section
                                .items
                                .clone()
                                .filter(|&i| compared(i) && checklist.items[i].is_scored())
                                .map(|i| checklist.items[i].id.clone())
                                .collect();
                            ids.sort();
                            ids
                        },
                        section: Some(section.id.clone()),
                        group: Some((*group).to_owned()),
                    });
                }
                GroupSection {
                    id: section.id.clone(),
                    organisation: organisation_scores[index],
                    median,
                    gap,
                }
            })
            .collect();
        groups.push(RespondentGroup {
            id: (*group).to_owned(),
            n: members.len(),
            sections,
        });
    }

    let everyone: Vec<&Scorecard> = shown.values().flatten().copied().collect();
    let conversation_starters = starters(checklist, &everyone);
    // Flags in section order, then group order: the order of the report.
    flags.sort_by_key(|flag| {
        (
            flag.section
                .as_deref()
                .and_then(|id| checklist.section_index(id)),
            flag.group.clone(),
        )
    });
    if !flags.is_empty() {
        organisation.washing_risk = organisation.washing_risk.max(WashingRisk::Medium);
        organisation.flags.extend(flags);
        // A level may cap the washing risk (SPEC section 14), and a perception gap counts in
        // it like any flag: the level is decided again, and names the gap when it holds it back.
        organisation.level = organisation
            .overall
            .map(|overall| crate::score::level_result(checklist, organisation, overall).1);
    }
    organisation.respondents = Some(Respondents {
        min_group: k,
        groups,
        conversation_starters,
        items_compared: if any_marked {
            checklist
                .items
                .iter()
                .filter(|item| item.respondents)
                .map(|item| item.id.clone())
                .collect()
        } else {
            Vec::new()
        },
        left_out,
    });
}

/// The conversation starters among `respondents`: items with a spread of raw scores of
/// [`STARTER_SPREAD`] or more, largest first, ties in definition order, at most
/// [`MAX_STARTERS`], with the count of each option.
fn starters(checklist: &Checklist, respondents: &[&Scorecard]) -> Vec<ConversationStarter> {
    let mut found: Vec<ConversationStarter> = Vec::new();
    for (index, item) in checklist.items.iter().enumerate() {
        let answered: Vec<_> = respondents
            .iter()
            .filter_map(|scorecard| scorecard.items.get(index))
            .filter(|result| result.status == Status::Answered)
            .filter_map(|result| result.raw_score.map(|raw| (raw, &result.value)))
            .collect();
        let (Some(low), Some(high)) = (
            answered.iter().map(|(raw, _)| *raw).reduce(f64::min),
            answered.iter().map(|(raw, _)| *raw).reduce(f64::max),
        ) else {
            continue;
        };
        let spread = high - low;
        if settled(spread) < STARTER_SPREAD {
            continue;
        }
        let mut counts: IndexMap<String, usize> = item
            .options()
            .iter()
            .map(|option| (option.id.clone(), 0))
            .collect();
        for (_, value) in &answered {
            let chosen: Vec<&str> = match value {
                serde_json::Value::String(id) => vec![id.as_str()],
                serde_json::Value::Array(ids) => ids.iter().filter_map(|id| id.as_str()).collect(),
                _ => Vec::new(),
            };
            for id in chosen {
                if let Some(count) = counts.get_mut(id) {
                    *count += 1;
                }
            }
        }
        found.push(ConversationStarter {
            id: item.id.clone(),
            spread,
            n: answered.len(),
            counts,
        });
    }
    // Stable: ties keep definition order.
    found.sort_by(|a, b| settled(b.spread).total_cmp(&settled(a.spread)));
    found.truncate(MAX_STARTERS);
    found
}
