//! Raw answers file → checked `Answers` for one checklist (SPEC section 4).
//!
//! Invariant: an `Answers` value only holds answers that fit their item: known option ids,
//! numbers inside `min`/`max`, N/A only where allowed and with a reason.

use indexmap::IndexMap;
use serde_saphyr::Spanned;

use crate::checklist::{AnswerKind, AnswerOption, Checklist, Item};
use crate::diagnostic::{Code, Diagnostic, Diagnostics, did_you_mean};
use crate::raw::{RawAnswer, RawAnswers, RawLongAnswer, RawValue, Scalar};
use crate::source::Source;

/// One organisation's answers for one period, checked against a checklist.
#[derive(Clone, Debug, PartialEq)]
pub struct Answers {
    /// The file name, for diagnostics and reports.
    pub source_name: String,
    /// The checklist reference as written (id or path).
    pub checklist: String,
    /// The checklist version the answers were given for.
    pub checklist_version: Option<String>,
    /// The organisation map, numbers kept as numbers.
    pub organisation: IndexMap<String, serde_json::Value>,
    /// The organisation's name.
    pub name: String,
    /// The period.
    pub period: String,
    /// Who filled in the answers.
    pub assessed_by: Vec<String>,
    /// Target level per section.
    pub goals: Vec<Goal>,
    /// One entry per checklist item, by item index; `None` when the item has no entry.
    pub entries: Vec<Option<Entry>>,
    /// Warnings found while checking (version mismatch, retired items).
    pub warnings: Vec<Diagnostic>,
}

/// A target level for a section.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Goal {
    /// Section index.
    pub section: usize,
    /// Level index.
    pub level: usize,
}

/// An item's entry in the answers file.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The answer, N/A, or nothing yet.
    pub response: Response,
    /// Evidence: links or document names.
    pub evidence: Vec<String>,
    /// A comment.
    pub comment: Option<String>,
}

/// What an entry says.
#[derive(Clone, Debug, PartialEq)]
pub enum Response {
    /// The key is there but the value is empty: counts as unanswered.
    Empty,
    /// An answer.
    Value(Value),
    /// Not applicable, with the reason.
    NotApplicable(String),
}

/// A checked answer value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// The index of the chosen option.
    Choice(usize),
    /// The indices of the chosen options, in the order given.
    Multi(Vec<usize>),
    /// A number.
    Number(f64),
    /// Text.
    Text(String),
}

/// An answers file as the checker reads it: `RawAnswers` with its maps as lists, which the
/// checker only walks, in order. The fast path (see `fast`) builds one directly: filling a map
/// keyed by located strings would hash every location.
pub(crate) struct Parts {
    pub checklist: Spanned<String>,
    pub checklist_version: Option<Spanned<String>>,
    pub organisation: Spanned<IndexMap<String, serde_json::Value>>,
    pub period: Spanned<String>,
    pub assessed_by: Vec<String>,
    pub goals: Vec<(Spanned<String>, Spanned<String>)>,
    pub answers: Vec<(Spanned<String>, Spanned<RawAnswer>)>,
}

impl From<RawAnswers> for Parts {
    fn from(raw: RawAnswers) -> Self {
        Parts {
            checklist: raw.checklist,
            checklist_version: raw.checklist_version,
            organisation: raw.organisation,
            period: raw.period,
            assessed_by: raw.assessed_by,
            goals: raw.goals.into_iter().collect(),
            answers: raw.answers.into_iter().collect(),
        }
    }
}

impl Answers {
    /// Checks a raw answers file against `checklist`, collecting every problem.
    pub fn check(
        raw: RawAnswers,
        source: &Source,
        checklist: &Checklist,
    ) -> Result<Self, Diagnostics> {
        Self::check_parts(raw.into(), source, checklist)
    }

    /// Checks an answers file against `checklist`, collecting every problem.
    pub(crate) fn check_parts(
        raw: Parts,
        source: &Source,
        checklist: &Checklist,
    ) -> Result<Self, Diagnostics> {
        let mut checker = Checker {
            source,
            problems: Diagnostics::default(),
        };
        let answers = checker.answers(raw, checklist);
        if checker.problems.has_errors() {
            // Warnings (a version mismatch, a retired item) still matter while the user fixes
            // the errors: show them all, in the order of the file.
            let mut problems = checker.problems;
            problems.0.extend(answers.warnings);
            problems
                .0
                .sort_by_key(|d| (d.line.is_none(), d.line, d.column));
            Err(problems)
        } else {
            Ok(answers)
        }
    }

    /// The entry of the item at `index`.
    pub fn entry(&self, index: usize) -> Option<&Entry> {
        self.entries.get(index).and_then(Option::as_ref)
    }
}

struct Checker<'a> {
    source: &'a Source,
    problems: Diagnostics,
}

impl Checker<'_> {
    fn error<T>(&self, code: Code, at: &Spanned<T>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(code, self.source.name(), message).at(
            self.source,
            at.referenced.line(),
            at.referenced.column(),
        )
    }

    fn push(&mut self, diagnostic: Diagnostic) {
        self.problems.push(diagnostic);
    }

    fn answers(&mut self, raw: Parts, checklist: &Checklist) -> Answers {
        let mut warnings = Vec::new();
        if let Some(version) = &raw.checklist_version
            && version.value != checklist.version
        {
            warnings.push(
                Diagnostic::warning(
                    Code::VersionMismatch,
                    self.source.name(),
                    format!(
                        "the answers were given for version {} of `{}`, which is now at version {}",
                        version.value, checklist.id, checklist.version
                    ),
                )
                .at(self.source, version.referenced.line(), version.referenced.column())
                .with_hint("answers are matched by item id; review items that changed, then update `checklist_version`"),
            );
        }
        let name = match raw.organisation.value.get("name") {
            Some(serde_json::Value::String(name)) if !name.trim().is_empty() => name.clone(),
            Some(serde_json::Value::Number(number)) => number.to_string(),
            _ => {
                let d = self
                    .error(
                        Code::MissingName,
                        &raw.organisation,
                        "the organisation has no `name`",
                    )
                    .with_hint("add `name: Your Organisation` under `organisation`");
                self.push(d);
                String::new()
            }
        };
        let goals = self.goals(&raw.goals, checklist);
        let mut entries: Vec<Option<Entry>> = vec![None; checklist.items.len()];
        // Answers usually follow the checklist (`dei init` writes them so): the item after the
        // previous answer's is tried first, which saves hashing the id. Ids are unique, so this
        // finds the same index as the lookup.
        let mut next = 0;
        for (key, answer) in raw.answers {
            let index = match checklist.items.get(next) {
                Some(item) if item.id == key.value => Some(next),
                _ => checklist.item_index(&key.value),
            };
            let Some(index) = index else {
                if checklist.retired.contains(&key.value) {
                    let replacements = checklist
                        .replaced_by
                        .get(&key.value)
                        .filter(|ids| !ids.is_empty())
                        .map(|ids| {
                            ids.iter()
                                .map(|id| format!("`{id}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        });
                    let (message, hint) = match &replacements {
                        Some(ids) => (
                            format!(
                                "`{}` is no longer in version {} of `{}`: it was replaced by {ids}; this answer is ignored",
                                key.value, checklist.version, checklist.id
                            ),
                            format!("answer {ids} instead, and remove this answer"),
                        ),
                        None => (
                            format!(
                                "`{}` was removed from the checklist; this answer is ignored",
                                key.value
                            ),
                            "remove the answer, or move it to the item that replaced it".to_owned(),
                        ),
                    };
                    warnings.push(
                        Diagnostic::warning(Code::RetiredItem, self.source.name(), message)
                            .at(self.source, key.referenced.line(), key.referenced.column())
                            .with_id(&key.value)
                            .with_hint(hint),
                    );
                } else {
                    let hint = did_you_mean(&key.value, checklist.item_ids(), || {
                        "answers are keyed by full item id, such as `strategy.written_strategy`; `dei init` lists them all".to_owned()
                    });
                    let d = self
                        .error(
                            Code::UnknownItem,
                            &key,
                            format!("there is no item `{}` in `{}`", key.value, checklist.id),
                        )
                        .with_id(&key.value)
                        .with_hint(hint);
                    self.push(d);
                }
                continue;
            };
            next = index + 1;
            entries[index] = self.entry(&checklist.items[index], answer);
        }
        Answers {
            source_name: self.source.name().to_owned(),
            checklist: raw.checklist.value,
            checklist_version: raw.checklist_version.map(|v| v.value),
            organisation: raw.organisation.value,
            name,
            period: raw.period.value,
            assessed_by: raw.assessed_by,
            goals,
            entries,
            warnings,
        }
    }

    fn goals(
        &mut self,
        raw: &[(Spanned<String>, Spanned<String>)],
        checklist: &Checklist,
    ) -> Vec<Goal> {
        let mut goals = Vec::new();
        for (section, level) in raw {
            let section_index = checklist.section_index(&section.value);
            let level_index = checklist.level_index(&level.value);
            if section_index.is_none() {
                let hint = did_you_mean(
                    &section.value,
                    checklist.sections.iter().map(|s| s.id.as_str()),
                    || {
                        format!(
                            "goals are keyed by section id: {}",
                            checklist
                                .sections
                                .iter()
                                .map(|s| s.id.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        )
                    },
                );
                let d = self
                    .error(
                        Code::InvalidGoal,
                        section,
                        format!("goal for unknown section `{}`", section.value),
                    )
                    .with_id(&section.value)
                    .with_hint(hint);
                self.push(d);
            }
            if level_index.is_none() {
                let levels: Vec<&str> = checklist.levels.iter().map(|l| l.id.as_str()).collect();
                let d = self
                    .error(
                        Code::InvalidGoal,
                        level,
                        format!("goal names unknown level `{}`", level.value),
                    )
                    .with_id(&section.value)
                    .with_hint(format!("levels are: {}", levels.join(", ")));
                self.push(d);
            }
            if let (Some(section), Some(level)) = (section_index, level_index) {
                goals.push(Goal { section, level });
            }
        }
        goals
    }

    fn entry(&mut self, item: &Item, answer: Spanned<RawAnswer>) -> Option<Entry> {
        // The answer is taken apart rather than copied; problems point at its location.
        let Spanned {
            value: answer,
            referenced,
            defined,
        } = answer;
        let long = match answer {
            RawAnswer::Short(value) => RawLongAnswer {
                value: Some(value),
                ..RawLongAnswer::default()
            },
            RawAnswer::Long(long) => long,
        };
        let answer = &Spanned::new((), referenced, defined);
        let value = long.value.unwrap_or(RawValue::Empty);
        let response = if long.na {
            if !item.allow_na {
                let d = self
                    .error(Code::InvalidNa, answer, format!("`{}` cannot be answered N/A", item.id))
                    .with_id(&item.id)
                    .with_hint("this checklist expects every organisation to answer it; answer it, or leave it out to show it as unanswered");
                self.push(d);
                return None;
            }
            if value != RawValue::Empty {
                let d = self
                    .error(
                        Code::InvalidNa,
                        answer,
                        format!("`{}` has both a value and `na: true`", item.id),
                    )
                    .with_id(&item.id)
                    .with_hint("remove the value, or remove `na: true`");
                self.push(d);
                return None;
            }
            match long.reason.as_deref().map(str::trim) {
                Some(reason) if !reason.is_empty() => Response::NotApplicable(reason.to_owned()),
                _ => {
                    let d = self
                        .error(
                            Code::InvalidNa,
                            answer,
                            format!("N/A for `{}` needs a reason", item.id),
                        )
                        .with_id(&item.id)
                        .with_hint("add `reason: ...` saying why the item does not apply");
                    self.push(d);
                    return None;
                }
            }
        } else if value == RawValue::Empty {
            Response::Empty
        } else {
            Response::Value(self.value(item, value, answer)?)
        };
        Some(Entry {
            response,
            evidence: long
                .evidence
                .into_iter()
                .filter(|e| !e.trim().is_empty())
                .collect(),
            comment: long.comment.filter(|c| !c.trim().is_empty()),
        })
    }

    fn value(&mut self, item: &Item, value: RawValue, at: &Spanned<()>) -> Option<Value> {
        let result = match (&item.answer, value) {
            (AnswerKind::Choice(options), RawValue::Scalar(scalar)) => {
                option_index(options, &scalar).map(Value::Choice)
            }
            (AnswerKind::Choice(options), RawValue::List(_)) => Err(format!(
                "`{}` takes one option, not a list; options: {}",
                item.id,
                option_list(options)
            )),
            (AnswerKind::Multi(options), RawValue::Scalar(scalar)) => {
                option_index(options, &scalar).map(|i| Value::Multi(vec![i]))
            }
            (AnswerKind::Multi(options), RawValue::List(list)) => {
                let mut chosen = Vec::with_capacity(list.len());
                let mut problem = None;
                for scalar in &list {
                    match option_index(options, scalar) {
                        Ok(index) if chosen.contains(&index) => {
                            let d = self
                                .error(
                                    Code::DuplicateOption,
                                    at,
                                    format!(
                                        "`{}` lists option `{}` twice",
                                        item.id, options[index].id
                                    ),
                                )
                                .with_id(&item.id)
                                .with_hint("list each option once");
                            self.push(d);
                            return None;
                        }
                        Ok(index) => chosen.push(index),
                        Err(message) => {
                            problem = Some(message);
                            break;
                        }
                    }
                }
                match problem {
                    Some(message) => Err(message),
                    None => Ok(Value::Multi(chosen)),
                }
            }
            (AnswerKind::Number(spec), RawValue::Scalar(Scalar::Number(number))) => {
                let below = spec.min.is_some_and(|min| number < min);
                let above = spec.max.is_some_and(|max| number > max);
                if below || above {
                    let range = match (spec.min, spec.max) {
                        (Some(min), Some(max)) => format!("from {min} to {max}"),
                        (Some(min), None) => format!("at least {min}"),
                        (None, Some(max)) => format!("at most {max}"),
                        (None, None) => String::new(),
                    };
                    let d = self
                        .error(
                            Code::OutOfRange,
                            at,
                            format!(
                                "{} is outside the valid range of `{}`",
                                readable_number(number),
                                item.id
                            ),
                        )
                        .with_id(&item.id)
                        .with_hint(format!(
                            "valid answers run {range}{}",
                            unit_suffix(spec.unit.as_deref())
                        ));
                    self.push(d);
                    return None;
                }
                Ok(Value::Number(number))
            }
            (AnswerKind::Number(spec), _) => Err(format!(
                "`{}` takes a number{}, without quotes or a unit sign",
                item.id,
                unit_suffix(spec.unit.as_deref())
            )),
            (AnswerKind::Text, RawValue::Scalar(Scalar::Text(text))) => Ok(Value::Text(text)),
            (AnswerKind::Text, RawValue::Scalar(Scalar::Number(number))) => {
                Ok(Value::Text(number.to_string()))
            }
            (AnswerKind::Text, RawValue::Scalar(Scalar::Bool(_))) => Err(format!(
                "`{}` takes a text; an unquoted `true` or `false` is a yes/no value, not a text: put it in quotes",
                item.id
            )),
            (AnswerKind::Text, _) => Err(format!("`{}` takes a text, not a list", item.id)),
            (_, RawValue::Empty) => return None,
        };
        match result {
            Ok(value) => Some(value),
            Err(message) => {
                let d = self
                    .error(Code::InvalidAnswer, at, message)
                    .with_id(&item.id)
                    .with_hint(hint_for(item));
                self.push(d);
                None
            }
        }
    }
}

/// A number as a person writes it; huge and tiny numbers in scientific notation, so that an
/// answer such as `1e308` does not print as a line of 309 digits.
fn readable_number(number: f64) -> String {
    let magnitude = number.abs();
    if magnitude != 0.0 && !(1e-6..1e15).contains(&magnitude) {
        format!("{number:e}")
    } else {
        number.to_string()
    }
}

fn unit_suffix(unit: Option<&str>) -> String {
    unit.map(|unit| format!(" ({unit})")).unwrap_or_default()
}

fn option_list(options: &[AnswerOption]) -> String {
    options
        .iter()
        .map(|o| format!("`{}`", o.id))
        .collect::<Vec<_>>()
        .join(", ")
}

fn hint_for(item: &Item) -> String {
    match &item.answer {
        AnswerKind::Choice(options) => format!("choose one of {}", option_list(options)),
        AnswerKind::Multi(options) => format!("list any of {}, as `[a, b]`", option_list(options)),
        AnswerKind::Number(spec) => format!(
            "write a plain number{}, such as 45",
            unit_suffix(spec.unit.as_deref())
        ),
        AnswerKind::Text => {
            "write the text, in quotes if it starts with a special character".to_owned()
        }
    }
}

/// Finds the option a scalar names. Unquoted yes/no/true/false/on/off arrive as booleans;
/// they map to an option `yes` or `no` when the item has one, and are an error otherwise,
/// never a silent wrong answer.
fn option_index(options: &[AnswerOption], scalar: &Scalar) -> Result<usize, String> {
    let find = |id: &str| options.iter().position(|option| option.id == id);
    let wanted: std::borrow::Cow<str> = match scalar {
        Scalar::Text(text) => text.into(),
        Scalar::Number(number) => number.to_string().into(),
        Scalar::Bool(flag) => {
            let obvious = if *flag { "yes" } else { "no" };
            return find(obvious).ok_or_else(|| {
                format!(
                    "an unquoted `{flag}` means `{obvious}`, but there is no option `{obvious}`; options: {}",
                    option_list(options)
                )
            });
        }
    };
    if let Some(index) = find(&wanted) {
        return Ok(index);
    }
    let obvious = match wanted.to_ascii_lowercase().as_str() {
        "yes" | "true" | "on" | "y" => Some("yes"),
        "no" | "false" | "off" | "n" => Some("no"),
        _ => None,
    };
    if let Some(index) = obvious.and_then(find) {
        return Ok(index);
    }
    let suggestion =
        match crate::diagnostic::nearest(&wanted, options.iter().map(|o| o.id.as_str())) {
            Some(near) => format!(" (did you mean `{near}`?)"),
            None => String::new(),
        };
    Err(format!(
        "`{wanted}` is not an option{suggestion}; options: {}",
        option_list(options)
    ))
}
