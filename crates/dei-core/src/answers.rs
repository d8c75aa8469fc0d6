//! Answers checked against one checklist (SPEC section 4): [`Answers`], and what it holds for
//! each item ([`Entry`]: a [`Response`] with its [`Value`], evidence and comment) and each
//! section goal ([`Goal`]), by position in the checklist.
//!
//! Invariant: an `Answers` value only holds answers that fit their item: known option ids,
//! numbers inside `min`/`max`, N/A only where allowed and with a reason.

use indexmap::IndexMap;
use serde_saphyr::Spanned;

use crate::checklist::{AnswerKind, AnswerOption, Checklist, Item};
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::evidence::{Evidence, Lapse};
use crate::raw::{RawAnswer, RawAnswers, RawLongAnswer, RawValue, Scalar};
use crate::source::Source;
use crate::visible::is_blank;

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
    /// Who answers for the answers (roles), if said.
    pub answered_by: Vec<String>,
    /// Who read and co-signed the answers (a works council, a staff network), if anyone.
    pub signed_by: Vec<String>,
    /// The respondent's group when the file is one respondent's view (SPEC section 15).
    pub respondent: Option<String>,
    /// Target level per section (see `Answers::goals`).
    pub(crate) goals: Vec<Goal>,
    /// One entry per checklist item, by item index (see `Answers::entries`).
    pub(crate) entries: Vec<Option<Entry>>,
    /// Warnings found while checking (version mismatch, retired items).
    pub warnings: Vec<Diagnostic>,
    /// The id and version of the checklist these answers were checked against.
    pub(crate) checked_against: (String, String),
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
    /// Evidence as given: links or document names, plain or typed and dated. Whether an entry
    /// counts is decided by `Evidence::lapse` (see `evidence`).
    pub evidence: Vec<Evidence>,
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
    pub answered_by: Vec<String>,
    pub signed_by: Vec<String>,
    pub respondent: Option<Spanned<String>>,
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
            answered_by: raw.answered_by,
            signed_by: raw.signed_by,
            respondent: raw.respondent.map(|respondent| respondent.group),
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
        let (answers, problems) = Self::check_parts_partial(raw, source, checklist);
        if problems.has_errors() {
            Err(problems)
        } else {
            Ok(answers)
        }
    }

    /// Checks an answers file against `checklist`, keeping what fits: the answers, and every
    /// problem (errors and the answers' warnings) in the order of the file.
    fn check_parts_partial(
        raw: Parts,
        source: &Source,
        checklist: &Checklist,
    ) -> (Self, Diagnostics) {
        let mut checker = Checker {
            source,
            problems: Diagnostics::default(),
            default_language: checklist.default_language(),
        };
        let answers = checker.answers(raw, checklist);
        let mut problems = checker.problems;
        if problems.has_errors() {
            // Warnings (a version mismatch, a retired item) still matter while the user fixes
            // the errors: show them all, in the order of the file.
            problems.0.extend(answers.warnings.iter().cloned());
            problems
                .0
                .sort_by_key(|d| (d.line.is_none(), d.line, d.column));
        }
        (answers, problems)
    }

    /// Parses and checks answers text against `checklist`, keeping every answer that fits:
    /// an entry with a problem (an unknown item, a value out of range or of the wrong type, a
    /// bad N/A) is left out, with its diagnostic (naming the item id, at its line) in the list
    /// beside the answers, so a half-filled form still gets a score.
    ///
    /// Errors only when nothing can be read: a syntax error, or a required key (`checklist`,
    /// `organisation`, `period`) missing or of the wrong shape. On success the diagnostics
    /// hold every error and warning, in the order of the file; empty for a clean file.
    pub fn check_partial(
        source: &Source,
        checklist: &Checklist,
    ) -> Result<(Self, Diagnostics), Diagnostics> {
        // The fast path (see `fast`) settles a clean file; any problem is reported from the
        // located parse, which alone decides what a person reads.
        if let Some(raw) = crate::fast::plain_answers(source) {
            let (answers, problems) = Self::check_parts_partial(raw, source, checklist);
            if problems.is_empty() && answers.warnings.is_empty() {
                return Ok((answers, problems));
            }
        }
        let raw: RawAnswers = source.parse_all()?;
        let (answers, mut problems) = Self::check_parts_partial(raw.into(), source, checklist);
        if !problems.has_errors() {
            problems.0.clone_from(&answers.warnings);
        }
        Ok((answers, problems))
    }

    /// The entry of the item at `index`.
    pub fn entry(&self, index: usize) -> Option<&Entry> {
        self.entries.get(index).and_then(Option::as_ref)
    }

    /// One entry per checklist item, by item index; `None` when the item has no entry.
    #[inline]
    pub fn entries(&self) -> &[Option<Entry>] {
        &self.entries
    }

    /// Changes every evidence entry in place (evidence holds no index into the checklist, so
    /// the answers stay valid): for tests that compare a round trip through a format that
    /// keeps only the texts. Not a stable API.
    #[doc(hidden)]
    pub fn map_evidence(&mut self, mut change: impl FnMut(&mut Evidence)) {
        for entry in self.entries.iter_mut().flatten() {
            entry.evidence.iter_mut().for_each(&mut change);
        }
    }

    /// Target level per section.
    #[inline]
    pub fn goals(&self) -> &[Goal] {
        &self.goals
    }

    /// True when these answers were checked against `checklist` (same id and version): only
    /// then can they be scored on it.
    pub fn belong_to(&self, checklist: &Checklist) -> bool {
        self.checked_against.0 == checklist.id && self.checked_against.1 == checklist.version
    }
}

struct Checker<'a> {
    source: &'a Source,
    problems: Diagnostics,
    /// The checklist's default language: the language of labels written as plain strings.
    default_language: &'a str,
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
                .with_hint("answers are matched by item id; review items that changed, then update `checklist_version`")
                .with_dutch(
                    format!(
                        "de antwoorden zijn gegeven voor versie {} van `{}`, die nu op versie {} staat",
                        version.value, checklist.id, checklist.version
                    ),
                    Some("antwoorden worden op de id van de vraag gekoppeld; bekijk de vragen die veranderd zijn en werk daarna `checklist_version` bij".to_owned()),
                ),
            );
        }
        let name = match raw.organisation.value.get("name") {
            Some(serde_json::Value::String(name)) if !is_blank(name) => name.clone(),
            Some(serde_json::Value::Number(number)) => number.to_string(),
            _ => {
                let d = self
                    .error(
                        Code::MissingName,
                        &raw.organisation,
                        "the organisation has no `name`",
                    )
                    .with_hint("add `name: Your Organisation` under `organisation`")
                    .with_dutch(
                        "de organisatie heeft geen `name`",
                        Some("voeg `name: Uw Organisatie` toe onder `organisation`".to_owned()),
                    );
                self.push(d);
                String::new()
            }
        };
        if let Some(group) = &raw.respondent
            && !crate::validate::is_local_id(&group.value)
        {
            let d = self
                .error(
                    Code::InvalidId,
                    group,
                    format!("`{}` is not a respondent group id", group.value),
                )
                .with_id(&group.value)
                .with_hint("a group is a short id such as `staff`, `volunteers` or `board` (lower case letters, digits and `_`, starting with a letter); never a person's name")
                .with_dutch(
                    format!("`{}` is geen id van een groep respondenten", group.value),
                    Some("een groep is een korte id zoals `staff`, `volunteers` of `board` (kleine letters, cijfers en `_`, beginnend met een letter); nooit de naam van een persoon".to_owned()),
                );
            self.push(d);
        }
        // The id is what progress and the benchmark know the organisation by (SPEC section 12):
        // one that is not of the stable form would silently fall back to the name.
        match raw.organisation.value.get("id") {
            None => {}
            Some(serde_json::Value::String(id)) if crate::identity::is_organisation_id(id) => {}
            Some(id) => {
                let shown = match id {
                    serde_json::Value::String(text) => format!("`{text}`"),
                    other => format!("`{other}`"),
                };
                let d = self
                    .error(
                        Code::InvalidId,
                        &raw.organisation,
                        format!("the organisation id {shown} is not of the form `[a-z0-9][a-z0-9-]*`"),
                    )
                    .with_id("organisation.id")
                    .with_hint("use lower-case letters, digits and `-`, such as `global-roots`, and keep it the same in every period")
                    .with_dutch(
                        format!("de id van de organisatie {shown} heeft niet de vorm `[a-z0-9][a-z0-9-]*`"),
                        Some("gebruik kleine letters, cijfers en `-`, zoals `global-roots`, en houd hem in elke periode gelijk".to_owned()),
                    );
                self.push(d);
            }
        }
        let goals = self.goals(&raw.goals, checklist);
        let mut entries: Vec<Option<Entry>> = vec![None; checklist.items.len()];
        // Answers usually follow the checklist (`dei init` writes them so): the item after the
        // previous answer's is tried first, which saves hashing the id. Ids are unique, so this
        // finds the same index as the lookup.
        let mut next = 0;
        // The item id of the previous answer, for the hint when the keys of a long answer
        // (`value:`, `evidence:`) were not indented under it.
        let mut previous: Option<String> = None;
        for (key, answer) in raw.answers {
            // Taken, not copied: this loop runs for every answer of every file in a batch.
            let above = previous.take();
            let index = match checklist.items.get(next) {
                Some(item) if item.id == key.value => Some(next),
                _ => checklist.item_index(&key.value),
            };
            let Some(index) = index else {
                // Only unknown keys are tested: an item id always has a dot, these keys none.
                let long_answer_key = LONG_ANSWER_KEYS.contains(&key.value.as_str());
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
                    let (message, hint, dutch) = match &replacements {
                        Some(ids) => (
                            format!(
                                "`{}` is no longer in version {} of `{}`: it was replaced by {ids}; this answer is ignored",
                                key.value, checklist.version, checklist.id
                            ),
                            format!("answer {ids} instead, and remove this answer"),
                            (
                                format!(
                                    "`{}` staat niet meer in versie {} van `{}`: vervangen door {ids}; dit antwoord telt niet mee",
                                    key.value, checklist.version, checklist.id
                                ),
                                format!("beantwoord in plaats daarvan {ids}, en verwijder dit antwoord"),
                            ),
                        ),
                        None => (
                            format!(
                                "`{}` was removed from the checklist; this answer is ignored",
                                key.value
                            ),
                            "remove the answer, or move it to the item that replaced it".to_owned(),
                            (
                                format!(
                                    "`{}` is uit de vragenlijst gehaald; dit antwoord telt niet mee",
                                    key.value
                                ),
                                "verwijder het antwoord, of zet het bij de vraag die ervoor in de plaats kwam".to_owned(),
                            ),
                        ),
                    };
                    warnings.push(
                        Diagnostic::warning(Code::RetiredItem, self.source.name(), message)
                            .at(self.source, key.referenced.line(), key.referenced.column())
                            .with_id(&key.value)
                            .with_hint(hint)
                            .with_dutch(dutch.0, Some(dutch.1)),
                    );
                } else if long_answer_key {
                    let hint = match &above {
                        Some(item) => format!(
                            "indent `{}:` and the keys beside it two spaces more than `{item}:`, so that they belong to that answer",
                            key.value
                        ),
                        None => format!(
                            "put `{}:` under an item id, indented two spaces more than the id",
                            key.value
                        ),
                    };
                    let hint_nl = match &above {
                        Some(item) => format!(
                            "laat `{}:` en de sleutels ernaast twee spaties verder inspringen dan `{item}:`, zodat ze bij dat antwoord horen",
                            key.value
                        ),
                        None => format!(
                            "zet `{}:` onder een vraag-id, twee spaties verder ingesprongen",
                            key.value
                        ),
                    };
                    let d = self
                        .error(
                            Code::UnknownItem,
                            &key,
                            format!(
                                "`{}` is a key of a long answer, not an item: it is not indented under an item",
                                key.value
                            ),
                        )
                        .with_id(&key.value)
                        .with_hint(hint)
                        .with_dutch(
                            format!(
                                "`{}` hoort bij een lang antwoord en is geen vraag: het is niet ingesprongen onder een vraag",
                                key.value
                            ),
                            Some(hint_nl),
                        );
                    self.push(d);
                } else {
                    let (hint, hint_nl) = match crate::diagnostic::nearest(&key.value, checklist.item_ids()) {
                        Some(near) => (format!("did you mean `{near}`?"), format!("bedoelt u `{near}`?")),
                        None => (
                            "answers are keyed by full item id, such as `strategy.written_strategy`; `dei init` lists them all".to_owned(),
                            "antwoorden staan onder de volledige id van de vraag, zoals `strategy.written_strategy`; `dei init` noemt ze allemaal".to_owned(),
                        ),
                    };
                    let d = self
                        .error(
                            Code::UnknownItem,
                            &key,
                            format!("there is no item `{}` in `{}`", key.value, checklist.id),
                        )
                        .with_id(&key.value)
                        .with_hint(hint)
                        .with_dutch(
                            format!("er is geen vraag `{}` in `{}`", key.value, checklist.id),
                            Some(hint_nl),
                        );
                    self.push(d);
                }
                previous = if long_answer_key {
                    above
                } else {
                    Some(key.value)
                };
                continue;
            };
            next = index + 1;
            // Only the fast path gets here with a repeated key (a YAML parser refuses one);
            // this error hands the file to the located path (see `fast::Entries`).
            if entries[index].is_some() {
                let id = &checklist.items[index].id;
                let d = self
                    .error(Code::DuplicateId, &key, format!("`{id}` is answered twice"))
                    .with_id(id)
                    .with_hint(format!("keep one answer for `{id}`"))
                    .with_dutch(
                        format!("`{id}` is twee keer beantwoord"),
                        Some(format!("houd één antwoord voor `{id}` over")),
                    );
                self.push(d);
                continue;
            }
            let entry = self.entry(&checklist.items[index], answer);
            if let Some(entry) = &entry {
                self.lapsed_evidence(
                    &checklist.items[index],
                    entry,
                    &key,
                    checklist,
                    &raw.period.value,
                    &mut warnings,
                );
            }
            entries[index] = entry;
            previous = Some(key.value);
        }
        Answers {
            source_name: self.source.name().to_owned(),
            checklist: raw.checklist.value,
            checklist_version: raw.checklist_version.map(|v| v.value),
            organisation: raw.organisation.value,
            name,
            period: raw.period.value,
            assessed_by: raw.assessed_by,
            answered_by: raw.answered_by,
            signed_by: raw.signed_by,
            respondent: raw.respondent.map(|group| group.value),
            goals,
            entries,
            warnings,
            checked_against: (checklist.id.clone(), checklist.version.clone()),
        }
    }

    /// A warning for each evidence entry of `entry` that does not count (`Evidence::lapse`),
    /// naming the item and the entry's date: it stays in the file and the report, but does not
    /// lift the evidence cap.
    fn lapsed_evidence(
        &self,
        item: &Item,
        entry: &Entry,
        key: &Spanned<String>,
        checklist: &Checklist,
        period: &str,
        warnings: &mut Vec<Diagnostic>,
    ) {
        for evidence in &entry.evidence {
            let (code, message, hint, message_nl, hint_nl) = match evidence
                .lapse(&checklist.evidence_rules, period)
            {
                None => continue,
                Some(Lapse::Expired {
                    months,
                    max_age_months,
                }) => {
                    let date = evidence.date.as_deref().unwrap_or_default();
                    (
                        Code::ExpiredEvidence,
                        format!(
                            "the evidence `{}` for `{}` is dated {date}, {months} months before the end of period {period}: older than {max_age_months} months, it no longer counts",
                            evidence.text, item.id
                        ),
                        format!(
                            "add current evidence (dated within {max_age_months} months of the end of the period), such as this year's minutes or figures; the old entry may stay"
                        ),
                        format!(
                            "het bewijs `{}` bij `{}` is van {date}, {months} maanden voor het einde van periode {period}: ouder dan {max_age_months} maanden telt het niet meer",
                            evidence.text, item.id
                        ),
                        format!(
                            "voeg actueel bewijs toe (hooguit {max_age_months} maanden voor het einde van de periode), zoals notulen of cijfers van dit jaar; het oude bewijs mag blijven staan"
                        ),
                    )
                }
                Some(Lapse::Untyped) => (
                    Code::UntypedEvidence,
                    format!(
                        "the evidence `{}` for `{}` has no type: this checklist counts only typed evidence",
                        evidence.text, item.id
                    ),
                    format!(
                        "write it as `{{text: ..., type: document, date: YYYY-MM}}` with a type of {}",
                        crate::evidence::EVIDENCE_TYPES.join(", ")
                    ),
                    format!(
                        "het bewijs `{}` bij `{}` heeft geen soort (type): deze checklist telt alleen bewijs met een soort",
                        evidence.text, item.id
                    ),
                    format!(
                        "schrijf het als `{{text: ..., type: document, date: JJJJ-MM}}` met als soort {}",
                        crate::evidence::EVIDENCE_TYPES.join(", ")
                    ),
                ),
            };
            warnings.push(
                Diagnostic::warning(code, self.source.name(), message)
                    .at(self.source, key.referenced.line(), key.referenced.column())
                    .with_id(&item.id)
                    .with_hint(hint)
                    .with_dutch(message_nl, Some(hint_nl)),
            );
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
                let ids = checklist
                    .sections
                    .iter()
                    .map(|s| s.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ");
                let near = crate::diagnostic::nearest(
                    &section.value,
                    checklist.sections.iter().map(|s| s.id.as_str()),
                );
                let (hint, hint_nl) = match near {
                    Some(near) => (
                        format!("did you mean `{near}`?"),
                        format!("bedoelt u `{near}`?"),
                    ),
                    None => (
                        format!("goals are keyed by section id: {ids}"),
                        format!("doelen staan onder de id van een onderdeel: {ids}"),
                    ),
                };
                let d = self
                    .error(
                        Code::InvalidGoal,
                        section,
                        format!("goal for unknown section `{}`", section.value),
                    )
                    .with_id(&section.value)
                    .with_hint(hint)
                    .with_dutch(
                        format!("doel voor een onbekend onderdeel `{}`", section.value),
                        Some(hint_nl),
                    );
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
                    .with_hint(format!("levels are: {}", levels.join(", ")))
                    .with_dutch(
                        format!("het doel noemt een onbekend niveau `{}`", level.value),
                        Some(format!("de niveaus zijn: {}", levels.join(", "))),
                    );
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
                    .with_hint("this checklist expects every organisation to answer it; answer it, or leave it out to show it as unanswered")
                    .with_dutch(
                        format!("`{}` kan niet met n.v.t. beantwoord worden", item.id),
                        Some("deze vragenlijst verwacht dat elke organisatie de vraag beantwoordt; beantwoord hem, of laat hem weg, dan is hij onbeantwoord".to_owned()),
                    );
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
                    .with_hint("remove the value, or remove `na: true`")
                    .with_dutch(
                        format!("`{}` heeft zowel een waarde als `na: true`", item.id),
                        Some("verwijder de waarde, of verwijder `na: true`".to_owned()),
                    );
                self.push(d);
                return None;
            }
            match long.reason.as_deref().map(str::trim) {
                Some(reason) if !is_blank(reason) => Response::NotApplicable(reason.to_owned()),
                _ => {
                    let d = self
                        .error(
                            Code::InvalidNa,
                            answer,
                            format!("N/A for `{}` needs a reason", item.id),
                        )
                        .with_id(&item.id)
                        .with_hint("add `reason: ...` saying why the item does not apply")
                        .with_dutch(
                            format!("n.v.t. voor `{}` heeft een reden nodig", item.id),
                            Some("voeg `reason: ...` toe met de reden waarom de vraag niet van toepassing is".to_owned()),
                        );
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
                .filter(|e| !is_blank(&e.text))
                .collect(),
            comment: long.comment.filter(|c| !is_blank(c)),
        })
    }

    fn value(&mut self, item: &Item, value: RawValue, at: &Spanned<()>) -> Option<Value> {
        // An option id settles almost every answer of a choice item: taken here, once, before
        // any other test (`option_index` would find the same option first).
        if let RawValue::Scalar(Scalar::Text(text)) = &value
            && let Some(index) = item.options().iter().position(|option| option.id == *text)
        {
            match &item.answer {
                AnswerKind::Choice(_) => return Some(Value::Choice(index)),
                AnswerKind::Multi(_) => return Some(Value::Multi(vec![index])),
                _ => {}
            }
        }
        // A word for "not applicable" written as the value: show the N/A form, or say that
        // this item cannot be N/A. A text item takes any text, so it is left alone. An option
        // id never reaches this test (see above).
        if let RawValue::Scalar(Scalar::Text(text)) = &value
            && !matches!(item.answer, AnswerKind::Text)
            && is_na_word(text)
        {
            let d = if item.allow_na {
                self.error(
                    Code::InvalidNa,
                    at,
                    format!(
                        "`{text}` is not a value: N/A is written as a long answer with a reason"
                    ),
                )
                .with_id(&item.id)
                .with_hint(format!(
                    "write `{}: {{na: true, reason: why it does not apply}}`",
                    item.id
                ))
                .with_dutch(
                    format!(
                        "`{text}` is geen waarde: n.v.t. schrijf je als lang antwoord met een reden"
                    ),
                    Some(format!(
                        "schrijf `{}: {{na: true, reason: waarom het niet van toepassing is}}`",
                        item.id
                    )),
                )
            } else {
                self.error(
                    Code::InvalidNa,
                    at,
                    format!("`{text}` means not applicable, but `{}` cannot be answered N/A", item.id),
                )
                .with_id(&item.id)
                .with_hint(format!(
                    "this checklist expects every organisation to answer it: {}; or leave it out to show it as unanswered",
                    hint_for(item)
                ))
                .with_dutch(
                    format!("`{text}` betekent niet van toepassing, maar `{}` kan niet n.v.t. zijn", item.id),
                    Some(format!(
                        "deze checklist verwacht dat elke organisatie de vraag beantwoordt: {}; of laat hem weg, dan is hij onbeantwoord",
                        hint_for_nl(item)
                    )),
                )
            };
            self.push(d);
            return None;
        }
        let language = self.default_language;
        let result = match (&item.answer, value) {
            (AnswerKind::Choice(options), RawValue::Scalar(scalar)) => {
                option_index(options, &scalar, language).map(Value::Choice)
            }
            (AnswerKind::Choice(options), RawValue::List(_)) => Err(Problem::both(
                format!(
                    "`{}` takes one option, not a list; options: {}",
                    item.id,
                    option_list(options)
                ),
                format!(
                    "`{}` krijgt één optie, geen lijst; opties: {}",
                    item.id,
                    option_list(options)
                ),
            )),
            (AnswerKind::Multi(options), RawValue::Scalar(scalar)) => {
                option_index(options, &scalar, language).map(|i| Value::Multi(vec![i]))
            }
            (AnswerKind::Multi(options), RawValue::List(list)) => {
                let mut chosen = Vec::with_capacity(list.len());
                let mut problem = None;
                for scalar in &list {
                    match option_index(options, scalar, language) {
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
                                .with_hint("list each option once")
                                .with_dutch(
                                    format!(
                                        "`{}` noemt optie `{}` twee keer",
                                        item.id, options[index].id
                                    ),
                                    Some("noem elke optie één keer".to_owned()),
                                );
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
                    let range_nl = match (spec.min, spec.max) {
                        (Some(min), Some(max)) => format!("van {min} tot {max}"),
                        (Some(min), None) => format!("vanaf {min}"),
                        (None, Some(max)) => format!("tot en met {max}"),
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
                        ))
                        .with_dutch(
                            format!(
                                "{} valt buiten het geldige bereik van `{}`",
                                readable_number(number),
                                item.id
                            ),
                            Some(format!(
                                "geldige antwoorden lopen {range_nl}{}",
                                unit_suffix(spec.unit.as_deref())
                            )),
                        );
                    self.push(d);
                    return None;
                }
                Ok(Value::Number(number))
            }
            (AnswerKind::Number(_), RawValue::Scalar(Scalar::Text(text)))
                if decimal_comma(&text).is_some() =>
            {
                let d = self
                    .error(
                        Code::InvalidAnswer,
                        at,
                        format!("`{text}` has a decimal comma; numbers use a decimal point"),
                    )
                    .with_id(&item.id)
                    .with_hint(format!(
                        "use a decimal point: {}",
                        decimal_comma(&text).unwrap_or_default()
                    ))
                    .with_dutch(
                        format!(
                            "`{text}` heeft een decimale komma; getallen krijgen een decimale punt"
                        ),
                        Some(format!(
                            "gebruik een punt: {}",
                            decimal_comma(&text).unwrap_or_default()
                        )),
                    );
                self.push(d);
                return None;
            }
            (AnswerKind::Number(spec), _) => Err(Problem::both(
                format!(
                    "`{}` takes a number{}, without quotes or a unit sign",
                    item.id,
                    unit_suffix(spec.unit.as_deref())
                ),
                format!(
                    "`{}` krijgt een getal{}, zonder aanhalingstekens of eenheidsteken",
                    item.id,
                    unit_suffix(spec.unit.as_deref())
                ),
            )),
            (AnswerKind::Text, RawValue::Scalar(Scalar::Text(text))) => Ok(Value::Text(text)),
            (AnswerKind::Text, RawValue::Scalar(Scalar::Number(number))) => {
                Ok(Value::Text(number.to_string()))
            }
            (AnswerKind::Text, RawValue::Scalar(Scalar::Bool(_))) => Err(Problem::both(
                format!(
                    "`{}` takes a text; an unquoted `true` or `false` is a yes/no value, not a text: put it in quotes",
                    item.id
                ),
                format!(
                    "`{}` krijgt een tekst; `true` of `false` zonder aanhalingstekens is een ja/nee-waarde, geen tekst: zet het tussen aanhalingstekens",
                    item.id
                ),
            )),
            (AnswerKind::Text, _) => Err(Problem::both(
                format!("`{}` takes a text, not a list", item.id),
                format!("`{}` krijgt een tekst, geen lijst", item.id),
            )),
            (_, RawValue::Empty) => return None,
        };
        match result {
            Ok(value) => Some(value),
            Err(problem) => {
                let d = self
                    .error(Code::InvalidAnswer, at, problem.en)
                    .with_id(&item.id)
                    .with_hint(hint_for(item))
                    .with_dutch(problem.nl, Some(hint_for_nl(item)));
                self.push(d);
                None
            }
        }
    }
}

/// A number as a person writes it; huge and tiny numbers in scientific notation, so that an
/// answer such as `1e308` does not print as a line of 309 digits.
pub(crate) fn readable_number(number: f64) -> String {
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
fn option_index(
    options: &[AnswerOption],
    scalar: &Scalar,
    default_language: &str,
) -> Result<usize, Problem> {
    let find = |id: &str| options.iter().position(|option| option.id == id);
    let wanted: std::borrow::Cow<str> = match scalar {
        Scalar::Text(text) => text.into(),
        Scalar::Number(number) => number.to_string().into(),
        Scalar::Bool(flag) => {
            let obvious = if *flag { "yes" } else { "no" };
            return find(obvious).ok_or_else(|| {
                Problem::both(
                    format!(
                        "an unquoted `{flag}` means `{obvious}`, but there is no option `{obvious}`; options: {}",
                        option_list(options)
                    ),
                    format!(
                        "`{flag}` zonder aanhalingstekens betekent `{obvious}`, maar er is geen optie `{obvious}`; opties: {}",
                        option_list(options)
                    ),
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
    if let Some((option, language)) = label_match(options, &wanted, default_language) {
        let (english, dutch) = language_names(&language);
        return Err(Problem {
            en: format!(
                "`{wanted}` is the {english} label of `{}`: write `{}`",
                option.id, option.id
            ),
            nl: format!(
                "`{wanted}` is het {dutch} label van `{}`: schrijf `{}`",
                option.id, option.id
            ),
        });
    }
    let near = crate::diagnostic::nearest(&wanted, options.iter().map(|o| o.id.as_str()));
    let suggestion = near.map_or_else(String::new, |near| format!(" (did you mean `{near}`?)"));
    let suggestie = near.map_or_else(String::new, |near| format!(" (bedoel je `{near}`?)"));
    Err(Problem {
        en: format!(
            "`{wanted}` is not an option{suggestion}; options: {}",
            option_list(options)
        ),
        nl: format!(
            "`{wanted}` is geen optie{suggestie}; opties: {}",
            option_list(options)
        ),
    })
}

/// The keys of a long answer (`value:`, `evidence:` ...), which are never item ids.
const LONG_ANSWER_KEYS: &[&str] = &["value", "evidence", "comment", "na", "reason"];

/// True for the words people write for "not applicable", in English and Dutch.
fn is_na_word(text: &str) -> bool {
    // Compared character by character, and every word starts with `n`: this runs for every
    // answer, and most are not N/A.
    if !text.trim_start().starts_with(['n', 'N']) {
        return false;
    }
    let word = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, '.' | '/' | ' ' | '-'))
        .flat_map(char::to_lowercase);
    ["na", "nvt", "notapplicable", "nietvantoepassing"]
        .iter()
        .any(|na| word.clone().eq(na.chars()))
}

/// `0,8` → `0.8`: a number written with a decimal comma (and no other separator).
fn decimal_comma(text: &str) -> Option<String> {
    let text = text.trim();
    let (whole, fraction) = text.split_once(',')?;
    let digits = |part: &str| !part.is_empty() && part.chars().all(|c| c.is_ascii_digit());
    let whole_digits = whole.strip_prefix('-').unwrap_or(whole);
    (digits(whole_digits) && digits(fraction)).then(|| format!("{whole}.{fraction}"))
}

/// The option whose label, in any of its languages, is `wanted` (case and surrounding space
/// ignored), with the label's language.
fn label_match<'o>(
    options: &'o [AnswerOption],
    wanted: &str,
    default_language: &str,
) -> Option<(&'o AnswerOption, String)> {
    let wanted = wanted.trim().to_lowercase();
    options.iter().find_map(|option| match &option.label {
        crate::Text::Plain(label) => {
            (label.trim().to_lowercase() == wanted).then(|| (option, default_language.to_owned()))
        }
        crate::Text::Localized(labels) => labels
            .iter()
            .find(|(_, label)| label.trim().to_lowercase() == wanted)
            .map(|(language, _)| (option, language.clone())),
    })
}

/// The name of a language code used in checklists, in English and in Dutch; the code itself
/// for others.
fn language_names(code: &str) -> (String, String) {
    let (english, dutch) = match code {
        "en" => ("English", "Engelse"),
        "nl" => ("Dutch", "Nederlandse"),
        "de" => ("German", "Duitse"),
        "fr" => ("French", "Franse"),
        "es" => ("Spanish", "Spaanse"),
        other => return (format!("`{other}`"), format!("`{other}`")),
    };
    (english.to_owned(), dutch.to_owned())
}

/// What is wrong with a value, in English and in Dutch.
struct Problem {
    en: String,
    nl: String,
}

impl Problem {
    fn both(en: String, nl: String) -> Self {
        Self { en, nl }
    }
}

/// The hint of [`hint_for`], in Dutch.
fn hint_for_nl(item: &Item) -> String {
    match &item.answer {
        AnswerKind::Choice(options) => format!("kies een van {}", option_list(options)),
        AnswerKind::Multi(options) => {
            format!(
                "noem een of meer van {}, als `[a, b]`",
                option_list(options)
            )
        }
        AnswerKind::Number(spec) => format!(
            "schrijf een gewoon getal{}, zoals 45",
            unit_suffix(spec.unit.as_deref())
        ),
        AnswerKind::Text => {
            "schrijf de tekst, tussen aanhalingstekens als die met een bijzonder teken begint"
                .to_owned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_na_word;

    #[test]
    fn words_for_not_applicable_are_recognised_in_any_case_and_punctuation() {
        for word in [
            "n.v.t.",
            "N.V.T.",
            " nvt ",
            "n/a",
            "N/A",
            "NA",
            "not applicable",
            "Not-Applicable",
            "niet van toepassing",
            "Niet Van Toepassing",
        ] {
            assert!(is_na_word(word), "{word}");
        }
        for word in [
            "",
            "yes",
            "nee",
            "nvtt",
            "n",
            "nat",
            "not",
            "non applicable",
            "ña",
        ] {
            assert!(!is_na_word(word), "{word}");
        }
    }
}
