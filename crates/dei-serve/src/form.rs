//! A section's form: the posted fields as drafts (exactly what the person typed, shown back
//! when it does not validate) and drafts as entries to write.
//!
//! Field names, per question with full id `ID`: `ID:value` (repeated for check boxes), `ID:na`,
//! `ID:reason`, `ID:evidence` (repeated, in order) with `ID:evidence_type` and
//! `ID:evidence_date` beside each (same order), `ID:remove` (positions of evidence entries to
//! drop), `ID:comment`; `q` lists the questions the form showed (only those are replaced
//! on save), `csrf`, `version` and `lang` travel along.

use dei_core::evidence::{EVIDENCE_TYPES, Evidence, EvidenceType, month_of};
use dei_core::questionnaire::{Input, Question};
use serde::Serialize;

use crate::store::{OutEntry, OutValue, number_text};

/// What one question's fields hold, as typed.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Draft {
    /// The chosen option id, the number as typed, or the text.
    pub value: String,
    /// The chosen option ids of a multi question.
    pub values: Vec<String>,
    /// Marked not applicable.
    pub na: bool,
    /// The reason for N/A.
    pub reason: String,
    /// Evidence entries.
    pub evidence: Vec<EvidenceDraft>,
    /// The comment.
    pub comment: String,
}

/// One evidence entry as typed: its text, and its type and date when the form sent them.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct EvidenceDraft {
    /// A link or a document name.
    pub text: String,
    /// The type id as chosen (empty: none), or `None` when the form had no type field (a
    /// client of the plain text fields): then an entry of the file with the same text keeps
    /// its type and date.
    pub kind: Option<String>,
    /// The date as typed (empty: none), or `None` as for `kind`.
    pub date: Option<String>,
}

impl EvidenceDraft {
    fn of(evidence: &Evidence) -> EvidenceDraft {
        EvidenceDraft {
            text: evidence.text.clone(),
            kind: Some(evidence.kind.map_or("", EvidenceType::as_str).to_owned()),
            date: Some(evidence.date.clone().unwrap_or_default()),
        }
    }

    fn kind(&self) -> Option<EvidenceType> {
        let kind = self.kind.as_deref()?.trim();
        serde_json::from_value(serde_json::Value::from(kind)).ok()
    }

    fn date(&self) -> Option<String> {
        let date = self.date.as_deref()?.trim();
        month_of(date).map(|_| date.to_owned())
    }
}

/// The problems of a draft's evidence entries that the answers file cannot even hold (a type
/// that is not one of the ladder's, a date that is not a month or a day, a type or date
/// without a text), in `lang`: checked before the file is built, shown on the question.
pub fn evidence_problems(draft: &Draft, lang: &str) -> Vec<String> {
    let mut problems = Vec::new();
    for entry in &draft.evidence {
        let kind = entry.kind.as_deref().unwrap_or_default().trim();
        let date = entry.date.as_deref().unwrap_or_default().trim();
        if entry.text.is_empty() {
            problems.push(crate::ui::word(lang, "evidence_needs_text").to_owned());
        }
        if !kind.is_empty() && !EVIDENCE_TYPES.contains(&kind) {
            problems.push(crate::ui::word(lang, "bad_evidence_type").replace("{type}", kind));
        }
        if !date.is_empty() && month_of(date).is_none() {
            problems.push(crate::ui::word(lang, "bad_evidence_date").replace("{date}", date));
        }
    }
    problems
}

/// The posted fields, in order.
pub type Fields = Vec<(String, String)>;

/// The first value of field `name`.
pub fn field<'a>(fields: &'a Fields, name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.as_str())
}

fn all<'a>(fields: &'a Fields, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    fields
        .iter()
        .filter(move |(key, _)| key == name)
        .map(|(_, value)| value.as_str())
}

/// Browsers send line ends as CR LF; the files keep LF.
fn text(value: &str) -> String {
    value.replace("\r\n", "\n")
}

/// The draft of question `id` from the posted fields.
pub fn draft(fields: &Fields, id: &str) -> Draft {
    let name = |part: &str| format!("{id}:{part}");
    let removed: Vec<usize> = all(fields, &name("remove"))
        .filter_map(|position| position.parse().ok())
        .collect();
    let values_name = name("value");
    let (kinds_name, dates_name, texts_name) = (
        name("evidence_type"),
        name("evidence_date"),
        name("evidence"),
    );
    let kinds: Vec<&str> = all(fields, &kinds_name).collect();
    let dates: Vec<&str> = all(fields, &dates_name).collect();
    let texts = all(fields, &texts_name).count();
    // Type and date fields stand beside each text field; a form without them (an older page, a
    // script) sends texts only.
    let beside = |values: &[&str], position: usize| {
        (values.len() == texts).then(|| values[position].trim().to_owned())
    };
    Draft {
        value: field(fields, &values_name).map(text).unwrap_or_default(),
        values: all(fields, &values_name).map(str::to_owned).collect(),
        na: field(fields, &name("na")).is_some(),
        reason: field(fields, &name("reason")).map(text).unwrap_or_default(),
        evidence: all(fields, &texts_name)
            .enumerate()
            .map(|(position, entry)| {
                (
                    position,
                    EvidenceDraft {
                        text: entry.trim().to_owned(),
                        kind: beside(&kinds, position),
                        date: beside(&dates, position),
                    },
                )
            })
            .filter(|(position, entry)| {
                // An empty row is no entry; a type or date without a text is kept, so the
                // check can say so rather than drop what was chosen.
                let chosen = |part: &Option<String>| part.as_deref().is_some_and(|p| !p.is_empty());
                !removed.contains(position)
                    && (!entry.text.is_empty() || chosen(&entry.kind) || chosen(&entry.date))
            })
            .map(|(_, entry)| entry)
            .collect(),
        comment: field(fields, &name("comment"))
            .map(text)
            .unwrap_or_default(),
    }
}

/// A number as people type it: `45`, ` 45 `, `4.5`, or with a decimal comma `4,5`.
pub fn parse_number(typed: &str) -> Option<f64> {
    let typed = typed.trim();
    let normal = if typed.contains(',') && !typed.contains('.') && typed.matches(',').count() == 1 {
        typed.replace(',', ".")
    } else {
        typed.to_owned()
    };
    normal.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// The entry a draft writes. A number that does not parse is written as text, so the checker
/// reports it on its item like any other wrong answer. Evidence takes the type and date the
/// form sent (a wrong one is left out here: [`evidence_problems`] refuses the save first); from
/// a form without those fields, an entry of `saved` (the file's entry) with the same text keeps
/// its type and date, so a save never drops them.
pub fn entry(draft: &Draft, question: &Question, saved: Option<&OutEntry>) -> OutEntry {
    let comment = Some(draft.comment.trim().to_owned()).filter(|c| !c.is_empty());
    let evidence: Vec<Evidence> = draft
        .evidence
        .iter()
        .filter(|entry| !entry.text.is_empty())
        .map(|entry| {
            if entry.kind.is_some() || entry.date.is_some() {
                return Evidence {
                    text: entry.text.clone(),
                    kind: entry.kind(),
                    date: entry.date(),
                };
            }
            saved
                .and_then(|saved| saved.evidence.iter().find(|old| old.text == entry.text))
                .cloned()
                .unwrap_or_else(|| Evidence::plain(entry.text.clone()))
        })
        .collect();
    if draft.na {
        return OutEntry {
            value: None,
            na: Some(draft.reason.trim().to_owned()),
            evidence,
            comment,
        };
    }
    let value = match &question.input {
        Input::Multi { .. } => {
            Some(OutValue::List(draft.values.clone())).filter(|_| !draft.values.is_empty())
        }
        Input::Number { .. } => {
            let typed = draft.value.trim();
            if typed.is_empty() {
                None
            } else {
                Some(parse_number(typed).map_or_else(
                    || OutValue::Text(typed.to_owned()),
                    |number| OutValue::Number(number_text(number)),
                ))
            }
        }
        Input::Choice { .. } | Input::Text => {
            Some(OutValue::Text(draft.value.clone())).filter(|_| !draft.value.trim().is_empty())
        }
    };
    OutEntry {
        value,
        na: None,
        evidence,
        comment,
    }
}

/// The draft that shows a saved entry.
pub fn draft_of(entry: &OutEntry) -> Draft {
    let (value, values) = match &entry.value {
        None => (String::new(), Vec::new()),
        Some(OutValue::Text(text) | OutValue::Number(text)) => (text.clone(), Vec::new()),
        Some(OutValue::List(items)) => (String::new(), items.clone()),
    };
    Draft {
        value,
        values,
        na: entry.na.is_some(),
        reason: entry.na.clone().unwrap_or_default(),
        evidence: entry.evidence.iter().map(EvidenceDraft::of).collect(),
        comment: entry.comment.clone().unwrap_or_default(),
    }
}
