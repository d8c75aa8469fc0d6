//! Scoring: answers + checklist → scorecard (SPEC sections 5, 6 and 7).
//!
//! Invariant: scoring never changes because of a rule; flags stand beside the scores.
//! Cost is linear in items plus rules: each expression was compiled when the checklist loaded,
//! most are evaluated directly on the values they read (`direct.rs`), and a context for
//! minijinja is built, once per answers file, only for those that need it.

use std::cell::OnceCell;
use std::collections::{BTreeMap, HashMap};

use indexmap::IndexMap;
use minijinja::Value as Context;

use crate::answers::{Answers, Response, Value};
use crate::checklist::{AnswerKind, Checklist, Item};
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::evidence::Evidence;
use crate::expr::{Condition, ExpressionError, FailureKind, ItemRoot, ItemSlot, Reference};
use crate::figures::Figures;
use crate::raw::{EvidencePolicy, ItemKind};
use crate::scorecard::{
    BaseRef, ChecklistRef, Flag, GoalResult, Indices, ItemResult, LevelResult, METHOD, Notice,
    SCORECARD_SCHEMA_VERSION, Scorecard, SectionResult, Status, WashingRisk,
};

/// What scoring works out once per checklist, so that the work per answers file stays
/// proportional to the file. Validation makes it (`Plan::new`) and the checklist keeps it
/// (`Checklist::plan`); a checklist cannot change afterwards, so the plan always fits.
#[derive(Debug, Default)]
pub(crate) struct Plan {
    /// Tags in order of first use.
    tags: Vec<String>,
    /// Per item, the position in `tags` of each of its tags.
    item_tags: Vec<Vec<usize>>,
    /// The item slots some rule reads, sorted by root and item, without repeats.
    rule_slots: Vec<ItemSlot>,
    /// The item slots some `applies_if` reads, likewise.
    scope_slots: Vec<ItemSlot>,
    /// Per item, the item slots its own `applies_if` reads (empty without one); used when
    /// more than `SHARED_SCOPE_SLOTS` are read in all and each condition gets its own context.
    item_scope_slots: Vec<Vec<ItemSlot>>,
    /// Per item, whether some `applies_if` reads it.
    scope_read: Vec<bool>,
    /// Per item, what its `applies_if` reads, resolved (see `Input`); `None` without a
    /// condition or when something does not resolve (then it is evaluated every time).
    scope_inputs: Vec<Option<Vec<Input>>>,
    /// Per rule, likewise.
    rule_inputs: Vec<Option<Vec<Input>>>,
    /// The kind and tag indices with their keys and no scores, cloned for each file (a clone
    /// copies the hash table; building it hashed every key again).
    empty_indices: Indices,
}

/// One reference of an expression resolved to where its value is found, so that a condition
/// evaluated directly (`Condition::decide`) reads it without looking anything up by name.
#[derive(Debug)]
enum Input {
    Org(String),
    Item(ItemRoot, usize),
    Section(usize),
    Overall,
    Kind(ItemKind),
    /// The position of the tag in `Plan::tags` (and so in `Indices::tag`).
    Tag(usize),
    EvidenceCoverage,
    NaShare,
}

impl Input {
    /// The inputs of `condition`, or `None` if a reference does not resolve.
    fn resolve(
        checklist: &Checklist,
        tags: &HashMap<&str, usize>,
        condition: &Condition,
    ) -> Option<Vec<Input>> {
        condition
            .references
            .iter()
            .map(|reference| {
                Some(match reference {
                    Reference::Org(key) => Input::Org(key.clone()),
                    Reference::Item(root, id) => Input::Item(*root, checklist.item_index(id)?),
                    Reference::Section(id) => Input::Section(checklist.section_index(id)?),
                    Reference::Overall => Input::Overall,
                    Reference::KindIndex(kind) => Input::Kind(*kind),
                    Reference::TagIndex(tag) => Input::Tag(*tags.get(tag.as_str())?),
                    Reference::EvidenceCoverage => Input::EvidenceCoverage,
                    Reference::NaShare => Input::NaShare,
                })
            })
            .collect()
    }
}

/// Where the inputs of a condition are read: while deciding scope (answers of items still in
/// scope, and `org`), or for the rules (the scorecard).
#[derive(Clone, Copy)]
enum Reading<'a> {
    Scope(&'a [bool]),
    Rules(&'a Scorecard),
}

/// The value of `input` as the context of the condition holds it (`None` where that context
/// has no such root, which minijinja then reports). The contexts built for minijinja
/// (`scope`, `rule_context`) take their values from the same functions.
fn input_value(
    input: &Input,
    checklist: &Checklist,
    answers: &Answers,
    reading: Reading<'_>,
) -> Option<Context> {
    Some(match (input, reading) {
        (Input::Org(key), _) => answers
            .organisation
            .get(key)
            .map_or(Context::UNDEFINED, |value| {
                Context::from(minijinja::value::Serde(value))
            }),
        (Input::Item(ItemRoot::Answer, i), Reading::Scope(in_scope)) => {
            scope_answer(checklist, answers, in_scope, *i)?
        }
        // Only answers and `org` exist while scope is decided.
        (_, Reading::Scope(_)) => return None,
        (Input::Item(root, i), Reading::Rules(scorecard)) => {
            rule_item_value(checklist, answers, &scorecard.items, *root, *i)?
        }
        (Input::Section(s), Reading::Rules(scorecard)) => {
            optional(scorecard.sections.get(*s)?.score)
        }
        (Input::Overall, Reading::Rules(scorecard)) => optional(scorecard.overall),
        (Input::Kind(kind), Reading::Rules(scorecard)) => {
            optional(scorecard.indices.kind.get(kind.as_str()).copied().flatten())
        }
        (Input::Tag(position), Reading::Rules(scorecard)) => {
            optional(*scorecard.indices.tag.get_index(*position)?.1)
        }
        (Input::EvidenceCoverage, Reading::Rules(scorecard)) => {
            optional(scorecard.evidence_coverage)
        }
        (Input::NaShare, Reading::Rules(scorecard)) => optional(scorecard.na_share),
    })
}

/// A score or index as expressions see it: the number, or `none`.
fn optional(value: Option<f64>) -> Context {
    value.map_or(Context::from(()), Context::from)
}

/// `answer.<item>` while scope is decided: the answer, or `none` once the item is out of scope.
fn scope_answer(
    checklist: &Checklist,
    answers: &Answers,
    in_scope: &[bool],
    index: usize,
) -> Option<Context> {
    Some(if *in_scope.get(index)? {
        answer_value(checklist, answers, index)
    } else {
        Context::from(())
    })
}

/// `root.<item>` for the rules (SPEC section 6), from the item's result.
fn rule_item_value(
    checklist: &Checklist,
    answers: &Answers,
    items: &[ItemResult],
    root: ItemRoot,
    index: usize,
) -> Option<Context> {
    let item = items.get(index)?;
    Some(match root {
        ItemRoot::Answer if item.status == Status::Answered => {
            answer_value(checklist, answers, index)
        }
        ItemRoot::Answer => Context::from(()),
        ItemRoot::Score => optional(item.score),
        ItemRoot::Status => Context::from(item.status.as_str()),
        ItemRoot::Evidence => Context::from(item.evidence),
    })
}

/// Evaluates `condition`: directly when it can (`Condition::decide`, reading `inputs`), else
/// with minijinja on the context `context` builds (only then).
fn evaluate(
    condition: &Condition,
    inputs: Option<&Vec<Input>>,
    values: &dyn Fn(&Input) -> Option<Context>,
    context: impl FnOnce() -> Context,
) -> Result<bool, ExpressionError> {
    let decided =
        inputs.and_then(|inputs| condition.decide(&mut |index| inputs.get(index).and_then(values)));
    match decided {
        Some(result) => Ok(result),
        None => condition.is_true(&context()),
    }
}

impl Plan {
    /// Works out the plan of a checked checklist (called once, by validation).
    pub(crate) fn new(checklist: &Checklist) -> Self {
        let mut tags: Vec<String> = Vec::new();
        let mut positions: HashMap<&str, usize> = HashMap::new();
        let item_tags = checklist
            .items
            .iter()
            .map(|item| {
                item.tags
                    .iter()
                    .map(|tag| {
                        *positions.entry(tag.as_str()).or_insert_with(|| {
                            tags.push(tag.clone());
                            tags.len() - 1
                        })
                    })
                    .collect()
            })
            .collect();
        let mut rule_slots: Vec<ItemSlot> = checklist
            .rules
            .iter()
            .flat_map(|rule| rule.when.item_slots(checklist))
            .collect();
        rule_slots.sort_by_key(|slot| (slot.root, slot.item));
        rule_slots.dedup_by_key(|slot| (slot.root, slot.item));
        let mut item_scope_slots: Vec<Vec<ItemSlot>> = checklist
            .items
            .iter()
            .map(|item| {
                item.applies_if
                    .as_ref()
                    .map(|condition| condition.item_slots(checklist))
                    .unwrap_or_default()
            })
            .collect();
        let mut scope_slots: Vec<ItemSlot> = item_scope_slots.iter().flatten().cloned().collect();
        scope_slots.sort_by_key(|slot| (slot.root, slot.item));
        scope_slots.dedup_by_key(|slot| (slot.root, slot.item));
        // Few slots in all: one shared context serves every condition (see `scope`), and the
        // per-item lists are never read.
        if scope_slots.len() <= SHARED_SCOPE_SLOTS {
            item_scope_slots = Vec::new();
        }
        let scope_inputs = checklist
            .items
            .iter()
            .map(|item| {
                item.applies_if
                    .as_ref()
                    .and_then(|condition| Input::resolve(checklist, &positions, condition))
            })
            .collect();
        let rule_inputs = checklist
            .rules
            .iter()
            .map(|rule| Input::resolve(checklist, &positions, &rule.when))
            .collect();
        let mut scope_read = vec![false; checklist.items.len()];
        for slot in &scope_slots {
            if let Some(read) = scope_read.get_mut(slot.item) {
                *read = true;
            }
        }
        let mut kind = IndexMap::new();
        for item_kind in [ItemKind::Policy, ItemKind::Practice, ItemKind::Outcome] {
            if checklist
                .items
                .iter()
                .any(|item| item.kind == Some(item_kind))
            {
                kind.insert(item_kind.as_str().to_owned(), None);
            }
        }
        let tag = tags.iter().map(|tag| (tag.clone(), None)).collect();
        Plan {
            empty_indices: Indices { kind, tag },
            tags,
            item_tags,
            rule_slots,
            scope_slots,
            item_scope_slots,
            scope_read,
            scope_inputs,
            rule_inputs,
        }
    }
}

/// Scores `answers` on `checklist`. Fails only when a condition or rule cannot be evaluated.
pub fn score(checklist: &Checklist, answers: &Answers) -> Result<Scorecard, Diagnostics> {
    score_with(checklist, answers, Detail::Full).map(|scored| scored.scorecard)
}

/// Scores like [`score`] and keeps only the [`Figures`]: the same as
/// `score(checklist, answers)?.figures(checklist)`, without copying any item's texts. For a
/// batch that keeps only figures (the network benchmark), where copying each item's texts
/// into a scorecard was a tenth of the work.
pub fn score_figures(checklist: &Checklist, answers: &Answers) -> Result<Figures, Diagnostics> {
    let Scored {
        scorecard,
        level,
        fired,
    } = score_with(checklist, answers, Detail::Figures)?;
    Ok(Figures::scored(scorecard, level, fired))
}

/// A scorecard with the positions of its level and fired rules, which scoring knows and
/// figures keep.
struct Scored {
    scorecard: Scorecard,
    level: Option<usize>,
    fired: Vec<usize>,
}

/// What an item result holds.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Detail {
    /// Everything.
    Full,
    /// Figures and statuses; no texts, notices or goals (see `score_figures`).
    Figures,
}

fn score_with(
    checklist: &Checklist,
    answers: &Answers,
    detail: Detail,
) -> Result<Scored, Diagnostics> {
    if !answers.belong_to(checklist) {
        return Err(other_checklist(checklist, answers).into());
    }
    let plan = &checklist.plan;
    // Built only if some condition needs minijinja (see `Condition::decide`).
    let organisation = OnceCell::new();
    let organisation = || {
        organisation
            .get_or_init(|| Context::from(minijinja::value::Serde(&answers.organisation)))
            .clone()
    };
    let in_scope = scope(checklist, plan, answers, &organisation)?;
    let items: Vec<ItemResult> = checklist
        .items
        .iter()
        .enumerate()
        .map(|(index, item)| item_result(checklist, item, answers, index, in_scope[index], detail))
        .collect();

    let sections: Vec<SectionResult> = checklist
        .sections
        .iter()
        .map(|section| {
            let range = section.items.clone();
            let score = weighted_score(range.clone().map(|i| (&checklist.items[i], &items[i])));
            let in_scope_count = range
                .clone()
                .filter(|&i| items[i].status != Status::OutOfScope)
                .count();
            let answered = range
                .filter(|&i| matches!(items[i].status, Status::Answered | Status::Na))
                .count();
            SectionResult {
                id: section.id.clone(),
                score,
                level: score.map(|s| checklist.levels[threshold_level(checklist, s)].id.clone()),
                weight: section.weight,
                answered,
                in_scope: in_scope_count,
            }
        })
        .collect();

    let overall = {
        let (sum, weight) = sections
            .iter()
            .filter_map(|section| {
                section
                    .score
                    .filter(|_| section.weight > 0.0)
                    .map(|score| (score, section.weight))
            })
            .fold((0.0, 0.0), |(sum, total), (score, weight)| {
                (sum + weight * score, total + weight)
            });
        (weight > 0.0).then(|| sum / weight)
    };
    let in_scope_total = items
        .iter()
        .filter(|item| item.status != Status::OutOfScope)
        .count();
    let done = items
        .iter()
        .filter(|item| matches!(item.status, Status::Answered | Status::Na))
        .count();
    let completeness = if in_scope_total == 0 {
        100.0
    } else {
        100.0 * done as f64 / in_scope_total as f64
    };
    let indices = indices(checklist, plan, &items);
    let evidence_coverage = evidence_coverage(checklist, &items);
    let na_share = na_share(checklist, &items);
    // Figures keep no goals, and neither rules nor levels read them.
    let goals = match detail {
        Detail::Full => answers
            .goals
            .iter()
            .map(|goal| GoalResult {
                section: checklist.sections[goal.section].id.clone(),
                goal: checklist.levels[goal.level].id.clone(),
                reached: sections[goal.section]
                    .score
                    .is_some_and(|score| threshold_level(checklist, score) >= goal.level),
            })
            .collect(),
        Detail::Figures => Vec::new(),
    };

    let mut scorecard = Scorecard {
        schema_version: SCORECARD_SCHEMA_VERSION,
        checklist: ChecklistRef {
            id: checklist.id.clone(),
            version: checklist.version.clone(),
            base: checklist.base.as_ref().map(|base| BaseRef {
                id: base.id.clone(),
                version: base.version.clone(),
            }),
        },
        organisation: answers.name.clone(),
        organisation_id: match answers.organisation.get("id") {
            Some(serde_json::Value::String(id)) => Some(id.clone()),
            _ => None,
        },
        period: answers.period.clone(),
        overall,
        completeness,
        washing_risk: WashingRisk::None,
        level: None,
        sections,
        items,
        indices,
        evidence_coverage,
        na_share,
        method: METHOD.to_owned(),
        goals,
        flags: Vec::new(),
        warnings: match detail {
            Detail::Full => notices(checklist, answers, &in_scope),
            Detail::Figures => Vec::new(),
        },
        respondents: None,
    };
    let fired = fired(checklist, plan, answers, &scorecard, &organisation)?;
    scorecard.flags = fired
        .iter()
        .map(|&index| flag(checklist, index, detail))
        .collect();
    scorecard.washing_risk = scorecard
        .flags
        .iter()
        .map(|flag| WashingRisk::from(flag.severity))
        .max()
        .unwrap_or(WashingRisk::None);
    // The level comes last: since SPEC section 14 a level may cap the washing risk.
    let level = scorecard
        .overall
        .map(|overall| level_result(checklist, &scorecard, overall));
    let (level, result) = level.unzip();
    scorecard.level = result;
    Ok(Scored {
        scorecard,
        level,
        fired,
    })
}

/// The error for answers checked against another checklist than the one they are scored on:
/// their item and option indices would point at the wrong items.
fn other_checklist(checklist: &Checklist, answers: &Answers) -> Diagnostic {
    let (id, version) = &answers.checked_against;
    Diagnostic::error(
        Code::Incompatible,
        &answers.source_name,
        format!(
            "the answers were checked against `{id}` {version}, not against `{}` {}, which they are scored on",
            checklist.id, checklist.version
        ),
    )
    .with_hint("check the answers against the checklist they are scored on (`Answers::from_source`)")
    .with_dutch(
        format!(
            "de antwoorden zijn gecontroleerd tegen `{id}` {version}, niet tegen `{}` {}, waarop ze gescoord worden",
            checklist.id, checklist.version
        ),
        Some("controleer de antwoorden tegen de vragenlijst waarop ze gescoord worden (`Answers::from_source`)".to_owned()),
    )
}

/// Up to this many answers read by `applies_if` conditions, they share one context.
const SHARED_SCOPE_SLOTS: usize = 64;

/// Decides which items are in scope, evaluating `applies_if` in dependency order.
fn scope(
    checklist: &Checklist,
    plan: &Plan,
    answers: &Answers,
    organisation: &dyn Fn() -> Context,
) -> Result<Vec<bool>, Diagnostics> {
    let mut in_scope = vec![true; checklist.items.len()];
    let mut problems = Diagnostics::default();
    // A condition sees the answers it reads, `none` for an item already out of scope; the
    // scope order puts every item after the items its condition reads, so what it reads is
    // final. While few answers are read in all, one context of all of them serves every
    // condition, built again only after an item that some condition reads falls out of scope.
    // Past that, each condition gets a context of its own reads, so the cost stays linear.
    let shared = plan.scope_slots.len() <= SHARED_SCOPE_SLOTS;
    let build = |slots: &[ItemSlot], in_scope: &[bool]| {
        let mut pairs = item_roots(slots, |_, i| {
            scope_answer(checklist, answers, in_scope, i).unwrap_or(Context::UNDEFINED)
        });
        pairs.push((Context::from("org"), organisation()));
        Context::from_pairs(pairs)
    };
    let mut context: Option<Context> = None;
    for &index in &checklist.scope_order {
        let item = &checklist.items[index];
        let Some(condition) = &item.applies_if else {
            continue;
        };
        let context_now = || {
            if shared {
                context
                    .get_or_insert_with(|| build(&plan.scope_slots, &in_scope))
                    .clone()
            } else {
                build(&plan.item_scope_slots[index], &in_scope)
            }
        };
        let values =
            |input: &Input| input_value(input, checklist, answers, Reading::Scope(&in_scope));
        let inputs = plan.scope_inputs.get(index).and_then(Option::as_ref);
        let result = evaluate(condition, inputs, &values, context_now);
        match result {
            Ok(true) => {}
            Ok(false) => {
                in_scope[index] = false;
                if plan.scope_read.get(index).copied().unwrap_or(true) {
                    context = None;
                }
            }
            Err(failure) => problems.push(
                Diagnostic::error(
                    Code::EvaluationFailed,
                    &answers.source_name,
                    format!("the `applies_if` of `{}` failed: {failure}", item.id),
                )
                .with_id(&item.id)
                .with_hint(evaluation_hint(&failure, condition, "`applies_if`").0)
                .with_dutch(
                    format!(
                        "de `applies_if` van `{}` kon niet worden berekend: {}",
                        item.id,
                        failure.dutch()
                    ),
                    Some(evaluation_hint(&failure, condition, "`applies_if`").1),
                ),
            ),
        }
    }
    if problems.is_empty() {
        Ok(in_scope)
    } else {
        Err(problems)
    }
}

/// What to do about a failed evaluation, and where the condition is written: the problem is
/// located in the answers file, but the condition lives in the checklist.
/// The hint of a failed condition, in English and in Dutch.
fn evaluation_hint(
    failure: &ExpressionError,
    condition: &Condition,
    what: &str,
) -> (String, String) {
    let [advice, advies] = advice_for(failure.kind);
    match condition.location() {
        Some(location) => (
            format!("the {what} is at {location}; {advice}"),
            format!("de {what} staat op {location}; {advies}"),
        ),
        None => (advice.to_owned(), advies.to_owned()),
    }
}

fn advice_for(kind: FailureKind) -> [&'static str; 2] {
    match kind {
        FailureKind::NumberAndText => [
            "write a number without quotes (`staff: 12`, not `staff: \"12\"`), or compare the value with a text",
            "schrijf een getal zonder aanhalingstekens (`staff: 12`, niet `staff: \"12\"`), of vergelijk de waarde met een tekst",
        ],
        FailureKind::Undefined => [
            "a key read by the condition is missing: guard it with `is defined`, or add it under `organisation`",
            "een sleutel die de voorwaarde leest ontbreekt: bescherm hem met `is defined`, of voeg hem toe onder `organisation`",
        ],
        FailureKind::Syntax | FailureKind::OutOfFuel | FailureKind::Other => [
            "check the condition in the checklist; values may be `none` when unanswered: guard with `is not none`",
            "controleer de voorwaarde in de vragenlijst; onbeantwoorde waarden zijn `none`: bescherm ze met `is not none`",
        ],
    }
}

/// The per-item roots of a context, `{root: {section: {item: value}}}`, holding only `slots`
/// (sorted by root, then item index, so each section's items are adjacent).
///
/// Building the context is the main cost of evaluating expressions; one that held every item
/// would cost a map entry per item and root for every answers file.
fn item_roots<S: std::borrow::Borrow<ItemSlot>>(
    slots: &[S],
    value: impl Fn(ItemRoot, usize) -> Context,
) -> Vec<(Context, Context)> {
    slots
        .chunk_by(|a, b| a.borrow().root == b.borrow().root)
        .map(|of_root| {
            let sections = of_root
                .chunk_by(|a, b| a.borrow().section == b.borrow().section)
                .map(|of_section| {
                    let items = of_section.iter().map(|slot| {
                        let slot = slot.borrow();
                        (slot.item_key.clone(), value(slot.root, slot.item))
                    });
                    (
                        of_section[0].borrow().section_key.clone(),
                        Context::from_pairs(items),
                    )
                });
            (
                Context::from(of_root[0].borrow().root.as_str()),
                Context::from_pairs(sections),
            )
        })
        .collect()
}

/// The answered value as the expressions see it; `none` when unanswered or N/A.
fn answer_value(checklist: &Checklist, answers: &Answers, index: usize) -> Context {
    let options = checklist.items[index].options();
    match answers.entry(index).map(|entry| &entry.response) {
        Some(Response::Value(Value::Choice(chosen))) => Context::from(options[*chosen].id.as_str()),
        Some(Response::Value(Value::Multi(chosen))) => chosen
            .iter()
            .map(|&i| Context::from(options[i].id.as_str()))
            .collect(),
        Some(Response::Value(Value::Number(number))) => Context::from(*number),
        Some(Response::Value(Value::Text(text))) => Context::from(text.as_str()),
        _ => Context::from(()),
    }
}

fn item_result(
    checklist: &Checklist,
    item: &Item,
    answers: &Answers,
    index: usize,
    in_scope: bool,
    detail: Detail,
) -> ItemResult {
    let entry = answers.entry(index);
    let full = detail == Detail::Full;
    let value = match entry.map(|entry| &entry.response) {
        Some(Response::Value(value)) if full => json_value(item, value),
        _ => serde_json::Value::Null,
    };
    let status = if in_scope {
        match entry.map(|entry| &entry.response) {
            Some(Response::NotApplicable(_)) => Status::Na,
            Some(Response::Value(_)) => Status::Answered,
            Some(Response::Empty) | None => Status::Unanswered,
        }
    } else {
        Status::OutOfScope
    };
    // Entries that lapsed (expired, or untyped where a type is required) are kept for the
    // report but count for nothing: they never lift the evidence cap.
    let entries = entry.map_or(&[][..], |entry| entry.evidence.as_slice());
    let counts = |evidence: &&Evidence| {
        evidence
            .lapse(&checklist.evidence_rules, &answers.period)
            .is_none()
    };
    // Counted in place: a batch (`Detail::Figures`) needs only the number, not the lists.
    let evidence = entries.iter().filter(counts).count();
    let raw_score = match status {
        Status::Answered if item.is_scored() => entry.and_then(|entry| match &entry.response {
            Response::Value(value) => raw_score(item, value),
            _ => None,
        }),
        Status::Unanswered if item.is_scored() => Some(0.0),
        _ => None,
    };
    let unevidenced = status == Status::Answered && evidence == 0;
    let (score, unevidenced_claim, evidence_gap) = match (raw_score, item.evidence) {
        (Some(r), EvidencePolicy::Required) if unevidenced => (
            Some(r.min(checklist.evidence_cap)),
            r > checklist.evidence_cap,
            false,
        ),
        (Some(r), EvidencePolicy::Recommended) => (Some(r), false, unevidenced && r > 0.0),
        (r, _) => (r, false, false),
    };
    let entry = entry.filter(|_| full);
    ItemResult {
        id: if full { item.id.clone() } else { String::new() },
        status,
        value,
        raw_score,
        score,
        evidence,
        unevidenced_claim,
        evidence_gap,
        evidence_list: if full {
            entries.iter().filter(counts).cloned().collect()
        } else {
            Vec::new()
        },
        lapsed_evidence: if full {
            entries.iter().filter(|e| !counts(e)).cloned().collect()
        } else {
            Vec::new()
        },
        comment: entry.and_then(|entry| entry.comment.clone()),
        na_reason: entry.and_then(|entry| match &entry.response {
            Response::NotApplicable(reason) => Some(reason.clone()),
            _ => None,
        }),
    }
}

/// The raw score r in [0, 1] of an answered scored item (SPEC section 5, step 3).
fn raw_score(item: &Item, value: &Value) -> Option<f64> {
    match (&item.answer, value) {
        (AnswerKind::Choice(options), Value::Choice(chosen)) => Some(options[*chosen].score),
        (AnswerKind::Multi(options), Value::Multi(chosen)) => Some(
            chosen
                .iter()
                .map(|&i| options[i].score)
                .sum::<f64>()
                .min(1.0),
        ),
        (AnswerKind::Number(spec), Value::Number(number)) => {
            spec.target.map(|target| target.score(*number))
        }
        _ => None,
    }
}

fn json_value(item: &Item, value: &Value) -> serde_json::Value {
    let options = item.options();
    match value {
        Value::Choice(index) => serde_json::Value::String(options[*index].id.clone()),
        Value::Multi(indices) => indices
            .iter()
            .map(|&i| serde_json::Value::String(options[i].id.clone()))
            .collect(),
        Value::Number(number) => serde_json::Number::from_f64(*number)
            .map_or(serde_json::Value::Null, serde_json::Value::Number),
        Value::Text(text) => serde_json::Value::String(text.clone()),
    }
}

/// 100 · Σ w·s / Σ w over items in scope, not N/A, scored, with w > 0; `None` if Σ w = 0.
pub(crate) fn weighted_score<'a>(
    items: impl Iterator<Item = (&'a Item, &'a ItemResult)>,
) -> Option<f64> {
    let (sum, weight) = items
        .filter(|(item, _)| item.weight > 0.0)
        .filter_map(|(item, result)| result.score.map(|score| (item.weight, score)))
        .fold((0.0, 0.0), |(sum, total), (weight, score)| {
            (sum + weight * score, total + weight)
        });
    (weight > 0.0).then(|| 100.0 * sum / weight)
}

fn indices(checklist: &Checklist, plan: &Plan, items: &[ItemResult]) -> Indices {
    let mut indices = plan.empty_indices.clone();
    for (name, score) in &mut indices.kind {
        *score = weighted_score(
            checklist
                .items
                .iter()
                .zip(items)
                .filter(|(item, _)| item.kind.is_some_and(|kind| kind.as_str() == name)),
        );
    }
    // Per tag, the running sums of `weighted_score` (Σ w·s, Σ w), added in item order as
    // there, so the figures are identical.
    let mut sums = vec![(0.0, 0.0); plan.tags.len()];
    for ((item, result), positions) in checklist.items.iter().zip(items).zip(&plan.item_tags) {
        if let Some(score) = result.score.filter(|_| item.weight > 0.0) {
            for &position in positions {
                if let Some((sum, weight)) = sums.get_mut(position) {
                    *sum += item.weight * score;
                    *weight += item.weight;
                }
            }
        }
    }
    for (score, (sum, weight)) in indices.tag.values_mut().zip(sums) {
        *score = (weight > 0.0).then(|| 100.0 * sum / weight);
    }
    indices
}

fn evidence_coverage(checklist: &Checklist, items: &[ItemResult]) -> Option<f64> {
    let claims: Vec<&ItemResult> = checklist
        .items
        .iter()
        .zip(items)
        .filter(|(item, result)| {
            item.is_scored()
                && result.status == Status::Answered
                && result.raw_score.is_some_and(|r| r > 0.0)
        })
        .map(|(_, result)| result)
        .collect();
    (!claims.is_empty()).then(|| {
        100.0 * claims.iter().filter(|r| r.evidence > 0).count() as f64 / claims.len() as f64
    })
}

fn na_share(checklist: &Checklist, items: &[ItemResult]) -> Option<f64> {
    let (na, total) = checklist
        .items
        .iter()
        .zip(items)
        .filter(|(item, result)| item.is_scored() && result.status != Status::OutOfScope)
        .fold((0.0, 0.0), |(na, total), (item, result)| {
            let na_weight = if result.status == Status::Na {
                item.weight
            } else {
                0.0
            };
            (na + na_weight, total + item.weight)
        });
    (total > 0.0).then(|| 100.0 * na / total)
}

/// The index of the last level whose `min` is at or below `score`.
fn threshold_level(checklist: &Checklist, score: f64) -> usize {
    checklist
        .levels
        .iter()
        .rposition(|level| level.min <= score)
        .unwrap_or(0)
}

/// SPEC sections 5 (step 9) and 14: thresholds, then the cumulative conditions of each level
/// (required items, section floors, the highest washing risk allowed). Returns the position
/// of the level reached and the result.
pub(crate) fn level_result(
    checklist: &Checklist,
    scorecard: &Scorecard,
    overall: f64,
) -> (usize, LevelResult) {
    let before = threshold_level(checklist, overall);
    let items = &scorecard.items;
    let holds = |index: usize| {
        let result = &items[index];
        matches!(result.status, Status::OutOfScope | Status::Na) || result.score == Some(1.0)
    };
    // Scored sections as in the overall score: a section of weight 0 is left out of both.
    let under = |floor: Option<f64>, section: &SectionResult| {
        section.weight > 0.0
            && floor.is_some_and(|floor| section.score.is_some_and(|score| score < floor))
    };
    // Conditions are cumulative, so a level's own are the strictest seen up to it.
    let mut floor: Option<f64> = None;
    let mut allowed = WashingRisk::High;
    let mut reached = before;
    for (index, level) in checklist.levels[..=before].iter().enumerate() {
        floor = match (floor, level.floor) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        allowed = level
            .max_washing_risk
            .map_or(allowed, |risk| allowed.min(risk));
        let fails = level.requires.iter().any(|&i| !holds(i))
            || scorecard.sections.iter().any(|s| under(floor, s))
            || scorecard.washing_risk > allowed;
        if fails {
            reached = index.saturating_sub(1);
            break;
        }
    }
    if reached == before {
        return (
            reached,
            LevelResult {
                id: checklist.levels[reached].id.clone(),
                before_requirements: checklist.levels[before].id.clone(),
                held_back_by: Vec::new(),
                held_back_by_sections: Vec::new(),
                held_back_by_flags: Vec::new(),
            },
        );
    }
    // What stands between the level reached and the one the score alone gives: every
    // condition up to that level that fails.
    let levels = &checklist.levels[..=before];
    let mut held_back_by: Vec<usize> = levels
        .iter()
        .flat_map(|level| level.requires.iter().copied())
        .filter(|&i| !holds(i))
        .collect();
    held_back_by.sort_unstable();
    held_back_by.dedup();
    let floor = levels
        .iter()
        .filter_map(|level| level.floor)
        .reduce(f64::max);
    let allowed = levels
        .iter()
        .filter_map(|level| level.max_washing_risk)
        .min()
        .unwrap_or(WashingRisk::High);
    let result = LevelResult {
        id: checklist.levels[reached].id.clone(),
        before_requirements: checklist.levels[before].id.clone(),
        held_back_by: held_back_by
            .into_iter()
            .map(|i| checklist.items[i].id.clone())
            .collect(),
        held_back_by_sections: scorecard
            .sections
            .iter()
            .filter(|section| under(floor, section))
            .map(|section| section.id.clone())
            .collect(),
        held_back_by_flags: scorecard
            .flags
            .iter()
            .filter(|flag| WashingRisk::from(flag.severity) > allowed)
            .map(|flag| flag.rule.clone())
            .collect(),
    };
    (reached, result)
}

fn notices(checklist: &Checklist, answers: &Answers, in_scope: &[bool]) -> Vec<Notice> {
    let mut notices: Vec<Notice> = answers
        .warnings
        .iter()
        .map(|warning| Notice {
            code: warning.code.as_str().to_owned(),
            message: warning.message.clone(),
            id: warning.id.clone(),
        })
        .collect();
    for (index, item) in checklist.items.iter().enumerate() {
        let answered = matches!(
            answers.entry(index).map(|e| &e.response),
            Some(Response::Value(_) | Response::NotApplicable(_))
        );
        if !in_scope[index] && answered {
            notices.push(Notice {
                code: Code::OutOfScopeAnswer.as_str().to_owned(),
                message: format!("`{}` is answered but does not apply to this organisation; the answer is shown, not scored", item.id),
                id: Some(item.id.clone()),
            });
        }
    }
    notices
}

/// Evaluates every rule on the full context (SPEC section 6) and returns the positions of
/// those that fire, ascending.
fn fired(
    checklist: &Checklist,
    plan: &Plan,
    answers: &Answers,
    scorecard: &Scorecard,
    organisation: &dyn Fn() -> Context,
) -> Result<Vec<usize>, Diagnostics> {
    let mut context: Option<Context> = None;
    let mut fired = Vec::new();
    let mut problems = Diagnostics::default();
    for (index, rule) in checklist.rules.iter().enumerate() {
        let context_now = || {
            context
                .get_or_insert_with(|| {
                    rule_context(checklist, plan, answers, scorecard, organisation())
                })
                .clone()
        };
        let values =
            |input: &Input| input_value(input, checklist, answers, Reading::Rules(scorecard));
        let inputs = plan.rule_inputs.get(index).and_then(Option::as_ref);
        let result = evaluate(&rule.when, inputs, &values, context_now);
        match result {
            Ok(true) => fired.push(index),
            Ok(false) => {}
            Err(failure) => problems.push(
                Diagnostic::error(
                    Code::EvaluationFailed,
                    &answers.source_name,
                    format!("rule `{}` failed: {failure}", rule.id),
                )
                .with_id(&rule.id)
                .with_hint(evaluation_hint(&failure, &rule.when, "rule's `when:`").0)
                .with_dutch(
                    format!(
                        "regel `{}` kon niet worden berekend: {}",
                        rule.id,
                        failure.dutch()
                    ),
                    Some(evaluation_hint(&failure, &rule.when, "`when:` van de regel").1),
                ),
            ),
        }
    }
    if problems.is_empty() {
        Ok(fired)
    } else {
        Err(problems)
    }
}

/// The flag of the rule at `index`, which fired.
fn flag(checklist: &Checklist, index: usize, detail: Detail) -> Flag {
    let rule = &checklist.rules[index];
    let mut items: Vec<String> = match detail {
        Detail::Full => rule
            .items
            .iter()
            .map(|&i| checklist.items[i].id.clone())
            .collect(),
        Detail::Figures => Vec::new(),
    };
    items.sort();
    Flag {
        rule: rule.id.clone(),
        severity: rule.severity,
        items,
        section: None,
        group: None,
    }
}

/// The context of the rules: the whole of SPEC section 6, except that the per-item roots hold
/// only the items some rule reads (see `item_roots`).
fn rule_context(
    checklist: &Checklist,
    plan: &Plan,
    answers: &Answers,
    scorecard: &Scorecard,
    organisation: Context,
) -> Context {
    let mut context = item_roots(&plan.rule_slots, |root, i| {
        rule_item_value(checklist, answers, &scorecard.items, root, i).unwrap_or(Context::UNDEFINED)
    });
    let section = Context::from_pairs(
        scorecard
            .sections
            .iter()
            .map(|s| (Context::from(s.id.as_str()), optional(s.score))),
    );
    let mut kinds: BTreeMap<&str, Context> = ["policy", "practice", "outcome"]
        .into_iter()
        .map(|k| (k, Context::from(())))
        .collect();
    for (kind, value) in &scorecard.indices.kind {
        kinds.insert(kind.as_str(), optional(*value));
    }
    let tags = scorecard
        .indices
        .tag
        .iter()
        .map(|(tag, value)| (Context::from(tag.as_str()), optional(*value)));
    let index = Context::from_pairs([
        ("kind", Context::from_pairs(kinds)),
        ("tag", Context::from_pairs(tags)),
    ]);
    context.extend(
        [
            ("org", organisation),
            ("section", section),
            ("overall", optional(scorecard.overall)),
            ("index", index),
            ("evidence_coverage", optional(scorecard.evidence_coverage)),
            ("na_share", optional(scorecard.na_share)),
        ]
        .map(|(key, value)| (Context::from(key), value)),
    );
    Context::from_pairs(context)
}
