//! Progress across periods: what changed between scorecards of one checklist (SPEC section 9).
//!
//! Invariant: progress is computed from scorecards alone (plus the checklist's level order), so
//! it is data in, data out, and the same scorecards always give the same progress.

use serde::{Deserialize, Serialize};

use crate::checklist::Checklist;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::scorecard::{ChecklistRef, ItemResult, Scorecard, Status, WashingRisk};

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

/// Progress across `periods`, each given as (source name for messages, scorecard), all on one
/// checklist id.
///
/// The files must be one organisation's (see [`period_order`]) and are put in period order
/// whatever order they are given in. `checklist` is the newest definition: only its level
/// order is used, to tell whether a level went up or down. Fails when fewer than two
/// scorecards are given, when they are not one organisation's distinct periods in a known
/// order, or when they do not all belong to the same checklist id ([`compare_across`] also
/// takes a tailoring beside its base).
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
    // Every problem at once: the organisation, the periods and the checklists.
    let (order, mut problems) = match period_order(periods) {
        Ok(order) => (order, Diagnostics::default()),
        Err(problems) => (Vec::new(), problems),
    };
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
                .with_hint("compare only answers files that name the same checklist")
                .with_dutch(
                    format!(
                        "deze antwoorden zijn op vragenlijst `{}`, maar `{first_source}` is op `{}`: voortgang is alleen te volgen op één vragenlijst",
                        scorecard.checklist.id, first.checklist.id
                    ),
                    Some("vergelijk alleen antwoordbestanden die dezelfde vragenlijst noemen".to_owned()),
                ),
            );
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    let ordered: Vec<&Scorecard> = order.iter().map(|&index| periods[index].1).collect();
    Ok(progress_in_order(&ordered, checklist))
}

/// One period for [`compare_across`]: where it came from, its scorecard, and the checked
/// checklist (or tailoring) it was scored on.
#[derive(Clone, Copy)]
pub struct PeriodInput<'a> {
    /// The file, for messages.
    pub source: &'a str,
    /// Its scorecard.
    pub scorecard: &'a Scorecard,
    /// The definition it was scored on.
    pub checklist: &'a Checklist,
}

/// Progress across periods whose definitions may differ: one checklist, a tailoring and its
/// base, or tailorings of one base (SPEC section 12). Each earlier period is compared with the
/// latest on what they share ([`shared_view`]); the overall delta is given only between
/// periods on the same definition. Fails like [`compare`], and when two definitions are not
/// related that way.
pub fn compare_across(periods: &[PeriodInput<'_>]) -> Result<Progress, Diagnostics> {
    if periods.len() < 2 {
        return Err(too_few());
    }
    let named: Vec<(&str, &Scorecard)> = periods
        .iter()
        .map(|period| (period.source, period.scorecard))
        .collect();
    // Every problem at once: the organisation, the periods and the checklists (each file
    // against the first when the order is unknown).
    let (order, mut problems) = match period_order(&named) {
        Ok(order) => (order, Diagnostics::default()),
        Err(problems) => (Vec::new(), problems),
    };
    let latest = order
        .last()
        .and_then(|&index| periods.get(index))
        .or(periods.first());
    let Some(&latest) = latest else {
        return Err(too_few());
    };
    for period in periods {
        if let Some(problem) = unrelated(
            period.source,
            period.scorecard,
            latest.source,
            latest.scorecard,
        ) {
            problems.push(problem);
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    let views: Vec<Scorecard> = order
        .iter()
        .map(|&index| {
            let period = &periods[index];
            shared_view(period.scorecard, period.checklist, latest.checklist)
        })
        .collect();
    let ordered: Vec<&Scorecard> = views.iter().collect();
    Ok(progress_in_order(&ordered, latest.checklist))
}

/// True when answers on checklists `a` and `b` can be compared: the same checklist id, a
/// tailoring and its base, or two tailorings of the same base.
pub fn related(a: &ChecklistRef, b: &ChecklistRef) -> bool {
    let base = |checklist: &ChecklistRef| {
        checklist
            .base
            .as_ref()
            .map_or(checklist.id.clone(), |base| base.id.clone())
    };
    a.id == b.id || base(a) == base(b)
}

/// The `incompatible` error for a file whose checklist is not [`related`] to the other's.
pub fn unrelated(
    source: &str,
    scorecard: &Scorecard,
    other_source: &str,
    other: &Scorecard,
) -> Option<Diagnostic> {
    (!related(&scorecard.checklist, &other.checklist)).then(|| {
        Diagnostic::error(
            Code::Incompatible,
            source,
            format!(
                "these answers are on checklist `{}`, but `{other_source}` is on `{}`: progress follows one checklist, a tailoring beside its base, or tailorings of one base",
                scorecard.checklist.id, other.checklist.id
            ),
        )
        .with_id(scorecard.checklist.id.clone())
        .with_hint("compare only answers files on the same checklist or on tailorings of it")
        .with_dutch(
            format!(
                "deze antwoorden zijn op vragenlijst `{}`, maar `{other_source}` is op `{}`: voortgang volgt één vragenlijst, een aanpassing naast haar basis, of aanpassingen van één basis",
                scorecard.checklist.id, other.checklist.id
            ),
            Some("vergelijk alleen antwoordbestanden op dezelfde vragenlijst of op aanpassingen ervan".to_owned()),
        )
    })
}

/// `scorecard` (scored on `own`) reduced to what it shares with the definition `other`, so
/// that comparing it with a scorecard on `other` compares like with like: the items present in
/// both, and the sections present in both whose items and item weights are unchanged (a
/// section's own weight does not change its score, so it may differ). On the same definition
/// (same id) the scorecard is returned whole.
pub fn shared_view(scorecard: &Scorecard, own: &Checklist, other: &Checklist) -> Scorecard {
    let mut view = scorecard.clone();
    if own.id == other.id {
        return view;
    }
    view.items
        .retain(|item| other.item_index(&item.id).is_some());
    view.sections.retain(|section| {
        own.section_index(&section.id)
            .and_then(|index| shared_section(own, other, index))
            .is_some()
    });
    view
}

/// The position in `other` of the section at position `index` in `own`, when `other` has it
/// unchanged: the same id, and the same items (ids and weights) in the same order. Its score
/// then means the same on both definitions.
pub(crate) fn shared_section(own: &Checklist, other: &Checklist, index: usize) -> Option<usize> {
    let mine = own.sections.get(index)?;
    let at = other.section_index(&mine.id)?;
    let theirs = other.sections.get(at)?;
    let mine = own.items.get(mine.items.clone()).unwrap_or_default();
    let theirs = other.items.get(theirs.items.clone()).unwrap_or_default();
    let same = mine.len() == theirs.len()
        && mine
            .iter()
            .zip(theirs)
            .all(|(a, b)| a.id == b.id && a.weight.to_bits() == b.weight.to_bits());
    same.then_some(at)
}

/// Checks that `periods` (source name, scorecard) can be one organisation's distinct periods
/// and returns their indices in period order (SPEC section 12). Every problem is an error
/// naming both files: `other-organisation` when an organisation identity differs from the
/// first file's, `unknown-period-order` when two periods have no known order, `same-period`
/// when two files have the same period.
pub fn period_order(periods: &[(&str, &Scorecard)]) -> Result<Vec<usize>, Diagnostics> {
    let mut problems = Diagnostics::default();
    let Some((first_source, first)) = periods.first() else {
        return Ok(Vec::new());
    };
    let identity = first.organisation_identity();
    for (source, scorecard) in periods.iter().skip(1) {
        let other = scorecard.organisation_identity();
        if other != identity {
            problems.push(
                Diagnostic::error(
                    Code::OtherOrganisation,
                    *source,
                    format!(
                        "these are the answers of `{}` (known as `{other}`), but `{first_source}` holds those of `{}` (known as `{identity}`): progress follows one organisation",
                        scorecard.organisation, first.organisation
                    ),
                )
                .with_id("organisation")
                .with_hint("give the answers files of one organisation; an organisation that changed its name keeps its history with the same `organisation.id` in every period")
                .with_dutch(
                    format!(
                        "dit zijn de antwoorden van `{}` (bekend als `{other}`), maar `{first_source}` bevat die van `{}` (bekend als `{identity}`): voortgang volgt één organisatie",
                        scorecard.organisation, first.organisation
                    ),
                    Some("geef de antwoordbestanden van één organisatie; een organisatie met een nieuwe naam houdt haar geschiedenis met dezelfde `organisation.id` in elke periode".to_owned()),
                ),
            );
        }
    }
    let names: Vec<&str> = periods.iter().map(|(_, s)| s.period.as_str()).collect();
    if let Some((a, b)) = crate::period::first_unordered(&names) {
        let source_of = |period: &str| {
            periods
                .iter()
                .find(|(_, s)| s.period == period)
                .map_or("", |(source, _)| *source)
        };
        problems.push(
            Diagnostic::error(
                Code::UnknownPeriodOrder,
                source_of(a),
                format!(
                    "the order of period `{a}` and period `{b}` of `{}` is unknown",
                    source_of(b)
                ),
            )
            .with_id("period")
            .with_hint("write periods as numbers (2025) or as dates: YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn or YYYY-Hn, the same way in every file")
            .with_dutch(
                format!(
                    "de volgorde van periode `{a}` en periode `{b}` van `{}` is onbekend",
                    source_of(b)
                ),
                Some("schrijf perioden als getal (2025) of als datum: YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn of YYYY-Hn, in elk bestand op dezelfde manier".to_owned()),
            ),
        );
        return Err(problems);
    }
    let mut order: Vec<usize> = (0..periods.len()).collect();
    order.sort_by(|&a, &b| {
        crate::period::period_cmp(&periods[a].1.period, &periods[b].1.period)
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    for pair in order.windows(2) {
        let (a, b) = (&periods[pair[0]], &periods[pair[1]]);
        if crate::period::period_cmp(&a.1.period, &b.1.period) == Some(std::cmp::Ordering::Equal) {
            let (first, second) = if pair[0] < pair[1] { (a, b) } else { (b, a) };
            problems.push(
                Diagnostic::error(
                    Code::SamePeriod,
                    second.0,
                    format!(
                        "these answers are for period `{}`, and so are those of `{}`: progress needs one file per period",
                        second.1.period, first.0
                    ),
                )
                .with_id("period")
                .with_hint("give each period once; if one file is of another period, correct its `period`")
                .with_dutch(
                    format!(
                        "deze antwoorden zijn voor periode `{}`, net als die van `{}`: voortgang vraagt één bestand per periode",
                        second.1.period, first.0
                    ),
                    Some("geef elke periode één keer; is een bestand van een andere periode, verbeter dan de `period`".to_owned()),
                ),
            );
        }
    }
    if problems.has_errors() {
        Err(problems)
    } else {
        Ok(order)
    }
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
        .with_hint("give two or more answers files of the same organisation and checklist")
        .with_dutch(
            "voortgang vraagt de antwoorden van ten minste twee perioden",
            Some(
                "geef twee of meer antwoordbestanden van dezelfde organisatie en vragenlijst"
                    .to_owned(),
            ),
        ),
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

    // Overall scores on two definitions weigh different things: both are shown, no delta,
    // and the level (which follows the overall score) has no direction.
    let same_definition = from.checklist.id == to.checklist.id;
    let mut overall = Change::new(from.overall, to.overall);
    let mut level = level_change(
        from.level.as_ref().map(|level| level.id.as_str()),
        to.level.as_ref().map(|level| level.id.as_str()),
    );
    if !same_definition {
        overall.delta = None;
        level.direction = Direction::Unknown;
    }
    Step {
        from: from.period.clone(),
        to: to.period.clone(),
        overall,
        level,
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
