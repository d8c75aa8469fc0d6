//! A section's form: the posted fields as drafts (exactly what the person typed, shown back
//! when it does not validate) and drafts as entries to write.
//!
//! Field names, per question with full id `ID`: `ID:value` (repeated for check boxes), `ID:na`,
//! `ID:reason`, `ID:evidence` (repeated, in order), `ID:remove` (positions of evidence entries
//! to drop), `ID:comment`; `q` lists the questions the form showed (only those are replaced
//! on save), `csrf`, `version` and `lang` travel along.

use dei_core::evidence::Evidence;
use dei_core::{Input, Question};
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
    pub evidence: Vec<String>,
    /// The comment.
    pub comment: String,
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
    Draft {
        value: field(fields, &values_name).map(text).unwrap_or_default(),
        values: all(fields, &values_name).map(str::to_owned).collect(),
        na: field(fields, &name("na")).is_some(),
        reason: field(fields, &name("reason")).map(text).unwrap_or_default(),
        evidence: all(fields, &name("evidence"))
            .enumerate()
            .filter(|(position, entry)| !removed.contains(position) && !entry.trim().is_empty())
            .map(|(_, entry)| entry.trim().to_owned())
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
/// reports it on its item like any other wrong answer. The form edits evidence as texts; an
/// entry of `saved` (the file's entry) with the same text keeps its type and date, so a save
/// never drops them.
pub fn entry(draft: &Draft, question: &Question, saved: Option<&OutEntry>) -> OutEntry {
    let comment = Some(draft.comment.trim().to_owned()).filter(|c| !c.is_empty());
    let evidence: Vec<Evidence> = draft
        .evidence
        .iter()
        .map(|text| {
            saved
                .and_then(|saved| saved.evidence.iter().find(|old| old.text == *text))
                .cloned()
                .unwrap_or_else(|| Evidence::plain(text.clone()))
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
        evidence: entry
            .evidence
            .iter()
            .map(|evidence| evidence.text.clone())
            .collect(),
        comment: entry.comment.clone().unwrap_or_default(),
    }
}
