//! Progress across periods: what changed between scorecards of one checklist (SPEC section 9).
//!
//! Invariant: progress is computed from scorecards alone (plus the checklist's level order), so
//! it is data in, data out, and the same scorecards always give the same progress.

use serde::{Deserialize, Serialize};

use crate::checklist::Checklist;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::scorecard::{ItemResult, Scorecard, Status, WashingRisk};

/// The version of the progress format.
pub const PROGRESS_SCHEMA_VERSION: u32 = 1;

/// Score differences smaller than this are treated as no change, so that rounding noise in
/// weighted means never shows up as "improved" or "regressed".
const EPSILON: f64 = 1e-9;

/// Progress of one organisation across two or more periods of one checklist.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    /// Always 1 for this format.
    pub schema_version: u32,
    /// The checklist id all periods share.
    pub checklist: String,
    /// The organisation of the latest period.
    pub organisation: String,
    /// One summary per period, oldest first.
    pub periods: Vec<PeriodSummary>,
    /// What changed from each period to the next: `periods.len() - 1` steps.
    pub steps: Vec<Step>,
}

/// The headline numbers of one period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PeriodSummary {
    /// The period.
    pub period: String,
    /// The checklist version the period was scored on.
    pub checklist_version: String,
    /// Overall score 0-100, or null.
    pub overall: Option<f64>,
    /// Level reached, or null.
    pub level: Option<String>,
    /// Completeness 0-100.
    pub completeness: f64,
    /// Washing risk.
    pub washing_risk: WashingRisk,
    /// Number of fired rules.
    pub flags: usize,
}

/// The changes from one period to the next.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Step {
    /// The earlier period.
    pub from: String,
    /// The later period.
    pub to: String,
    /// The overall score before and after.
    pub overall: Change,
    /// The level before and after.
    pub level: LevelChange,
    /// Per section of the later period, in its definition order.
    pub sections: Vec<SectionChange>,
    /// Items answered in both periods whose effective score went up.
    pub improved: Vec<ItemChange>,
    /// Items whose effective score went down (including answers that were removed).
    pub regressed: Vec<ItemChange>,
    /// Items not answered before (unanswered, out of scope or new) that are answered or N/A now.
    pub newly_answered: Vec<ItemChange>,
    /// Number items with a value in either period: old → new.
    pub metrics: Vec<MetricChange>,
    /// Rules that fired before and no longer fire.
    pub flags_resolved: Vec<String>,
    /// Rules that fire now and did not before.
    pub flags_new: Vec<String>,
    /// Items of the later checklist version that the earlier one did not have.
    pub items_added: Vec<String>,
    /// Items of the earlier checklist version that the later one no longer has.
    pub items_removed: Vec<String>,
}

/// A score before and after; `delta` is null unless both are known.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// Before.
    pub from: Option<f64>,
    /// After.
    pub to: Option<f64>,
    /// After minus before.
    pub delta: Option<f64>,
}

impl Change {
    fn new(from: Option<f64>, to: Option<f64>) -> Self {
        Self {
            from,
            to,
            delta: from.zip(to).map(|(from, to)| to - from),
        }
    }
}

/// A level before and after.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelChange {
    /// Before.
    pub from: Option<String>,
    /// After.
    pub to: Option<String>,
    /// Up, down, same, or unknown when either level is missing or no longer defined.
    pub direction: Direction,
}

/// Which way something moved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Higher than before.
    Up,
    /// Lower than before.
    Down,
    /// Unchanged.
    Same,
    /// Not comparable.
    Unknown,
}

/// A section's score and level before and after.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SectionChange {
    /// Section id.
    pub id: String,
    /// The score before and after.
    pub score: Change,
    /// The section level before and after.
    pub level: LevelChange,
}

/// One item before and after.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ItemChange {
    /// Full item id.
    pub id: String,
    /// Status before; null when the earlier checklist version did not have the item.
    pub from_status: Option<Status>,
    /// Status after.
    pub to_status: Status,
    /// Answer before.
    pub from_value: serde_json::Value,
    /// Answer after.
    pub to_value: serde_json::Value,
    /// Effective score before and after.
    pub score: Change,
}

/// A number item's value before and after.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MetricChange {
    /// Full item id.
    pub id: String,
    /// The values before and after.
    pub value: Change,
}

/// Progress across `periods`, each given as (source name for messages, scorecard).
///
/// The periods are ordered by period (numbers inside period names compare as numbers, so
/// `2025-H2` follows `2025-H1` and `2025-10` follows `2025-9`); periods that compare equal keep
/// the order given. `checklist` is the newest definition: only its level order is used, to tell
/// whether a level went up or down. Fails when fewer than two scorecards are given or when
/// they do not all belong to the same checklist id.
pub fn compare(
    periods: &[(&str, &Scorecard)],
    checklist: &Checklist,
) -> Result<Progress, Diagnostics> {
    let Some((first_source, first)) = periods.first() else {
        return Err(too_few());
    };
    if periods.len() < 2 {
        return Err(too_few());
    }
    let mut problems = Diagnostics::default();
    for (source, scorecard) in periods {
        if scorecard.checklist.id != first.checklist.id {
            problems.push(
                Diagnostic::error(
                    Code::Incompatible,
                    *source,
                    format!(
                        "these answers are on checklist `{}`, but `{first_source}` is on `{}`: progress can only be followed on one checklist",
                        scorecard.checklist.id, first.checklist.id
                    ),
                )
                .with_id(scorecard.checklist.id.clone())
                .with_hint("compare only answers files that name the same checklist"),
            );
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    let mut ordered: Vec<&Scorecard> = periods.iter().map(|(_, scorecard)| *scorecard).collect();
    ordered.sort_by(|a, b| natural_cmp(&a.period, &b.period));
    Ok(progress_in_order(&ordered, checklist))
}

/// Progress across scorecards already in the order to show them (the report's `--previous`
/// periods followed by the current one). The caller has checked the checklist ids.
pub fn progress_in_order(ordered: &[&Scorecard], checklist: &Checklist) -> Progress {
    let periods = ordered
        .iter()
        .map(|scorecard| PeriodSummary {
            period: scorecard.period.clone(),
            checklist_version: scorecard.checklist.version.clone(),
            overall: scorecard.overall,
            level: scorecard.level.as_ref().map(|level| level.id.clone()),
            completeness: scorecard.completeness,
            washing_risk: scorecard.washing_risk,
            flags: scorecard.flags.len(),
        })
        .collect();
    let steps = ordered
        .windows(2)
        .filter_map(|pair| match pair {
            [from, to] => Some(step(from, to, checklist)),
            _ => None,
        })
        .collect();
    Progress {
        schema_version: PROGRESS_SCHEMA_VERSION,
        checklist: ordered
            .last()
            .map(|scorecard| scorecard.checklist.id.clone())
            .unwrap_or_default(),
        organisation: ordered
            .last()
            .map(|scorecard| scorecard.organisation.clone())
            .unwrap_or_default(),
        periods,
        steps,
    }
}

fn too_few() -> Diagnostics {
    Diagnostics(vec![
        Diagnostic::error(
            Code::Incompatible,
            "",
            "progress needs the answers of at least two periods",
        )
        .with_hint("give two or more answers files of the same organisation and checklist"),
    ])
}

fn step(from: &Scorecard, to: &Scorecard, checklist: &Checklist) -> Step {
    let level_change = |a: Option<&str>, b: Option<&str>| {
        let direction = match (
            a.and_then(|id| checklist.level_index(id)),
            b.and_then(|id| checklist.level_index(id)),
        ) {
            (Some(a), Some(b)) => match b.cmp(&a) {
                std::cmp::Ordering::Greater => Direction::Up,
                std::cmp::Ordering::Less => Direction::Down,
                std::cmp::Ordering::Equal => Direction::Same,
            },
            _ => Direction::Unknown,
        };
        LevelChange {
            from: a.map(str::to_owned),
            to: b.map(str::to_owned),
            direction,
        }
    };

    let sections = to
        .sections
        .iter()
        .map(|section| {
            let before = from.sections.iter().find(|old| old.id == section.id);
            SectionChange {
                id: section.id.clone(),
                score: Change::new(before.and_then(|old| old.score), section.score),
                level: level_change(
                    before.and_then(|old| old.level.as_deref()),
                    section.level.as_deref(),
                ),
            }
        })
        .collect();

    let mut improved = Vec::new();
    let mut regressed = Vec::new();
    let mut newly_answered = Vec::new();
    let mut metrics = Vec::new();
    for item in &to.items {
        let before = from.items.iter().find(|old| old.id == item.id);
        let change = item_change(before, item);
        let was_answered = before.is_some_and(|old| is_done(old.status));
        if is_done(item.status) && !was_answered {
            newly_answered.push(change.clone());
        } else if let Some(delta) = change.score.delta {
            if delta > EPSILON {
                improved.push(change.clone());
            } else if delta < -EPSILON {
                regressed.push(change.clone());
            }
        }
        let old_number = before.and_then(|old| old.value.as_f64());
        let new_number = item.value.as_f64();
        if old_number.is_some() || new_number.is_some() {
            metrics.push(MetricChange {
                id: item.id.clone(),
                value: Change::new(old_number, new_number),
            });
        }
    }

    let fired = |scorecard: &Scorecard, rule: &str| scorecard.flags.iter().any(|f| f.rule == rule);
    let flags_resolved = from
        .flags
        .iter()
        .filter(|flag| !fired(to, &flag.rule))
        .map(|flag| flag.rule.clone())
        .collect();
    let flags_new = to
        .flags
        .iter()
        .filter(|flag| !fired(from, &flag.rule))
        .map(|flag| flag.rule.clone())
        .collect();
    let has_item = |scorecard: &Scorecard, id: &str| scorecard.items.iter().any(|i| i.id == id);
    let items_added = to
        .items
        .iter()
        .filter(|item| !has_item(from, &item.id))
        .map(|item| item.id.clone())
        .collect();
    let items_removed = from
        .items
        .iter()
        .filter(|item| !has_item(to, &item.id))
        .map(|item| item.id.clone())
        .collect();

    Step {
        from: from.period.clone(),
        to: to.period.clone(),
        overall: Change::new(from.overall, to.overall),
        level: level_change(
            from.level.as_ref().map(|level| level.id.as_str()),
            to.level.as_ref().map(|level| level.id.as_str()),
        ),
        sections,
        improved,
        regressed,
        newly_answered,
        metrics,
        flags_resolved,
        flags_new,
        items_added,
        items_removed,
    }
}

fn is_done(status: Status) -> bool {
    matches!(status, Status::Answered | Status::Na)
}

fn item_change(before: Option<&ItemResult>, after: &ItemResult) -> ItemChange {
    ItemChange {
        id: after.id.clone(),
        from_status: before.map(|old| old.status),
        to_status: after.status,
        from_value: before.map_or(serde_json::Value::Null, |old| old.value.clone()),
        to_value: after.value.clone(),
        score: Change::new(before.and_then(|old| old.score), after.score),
    }
}

/// Compares period names so that runs of digits compare as numbers: `2025-9` < `2025-10`.
pub fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    let mut a = a.chars().peekable();
    let mut b = b.chars().peekable();
    loop {
        match (a.peek().copied(), b.peek().copied()) {
            (None, None) => return std::cmp::Ordering::Equal,
            (None, Some(_)) => return std::cmp::Ordering::Less,
            (Some(_), None) => return std::cmp::Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let take = |chars: &mut std::iter::Peekable<std::str::Chars<'_>>| {
                    let mut digits = String::new();
                    while let Some(c) = chars.peek().copied().filter(char::is_ascii_digit) {
                        digits.push(c);
                        chars.next();
                    }
                    digits
                };
                let (x, y) = (take(&mut a), take(&mut b));
                let (xs, ys) = (x.trim_start_matches('0'), y.trim_start_matches('0'));
                let ordering = xs.len().cmp(&ys.len()).then_with(|| xs.cmp(ys));
                if ordering != std::cmp::Ordering::Equal {
                    return ordering;
                }
            }
            (Some(x), Some(y)) => {
                if x != y {
                    return x.cmp(&y);
                }
                a.next();
                b.next();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::natural_cmp;
    use std::cmp::Ordering;

    #[test]
    fn periods_compare_naturally() {
        assert_eq!(natural_cmp("2024", "2025"), Ordering::Less);
        assert_eq!(natural_cmp("2025-9", "2025-10"), Ordering::Less);
        assert_eq!(natural_cmp("2025-H1", "2025-H2"), Ordering::Less);
        assert_eq!(natural_cmp("2025-12-01", "2025-12-01"), Ordering::Equal);
        assert_eq!(natural_cmp("2025", "2025-H1"), Ordering::Less);
        assert_eq!(natural_cmp("2025-03", "2025-3"), Ordering::Equal);
    }
}
