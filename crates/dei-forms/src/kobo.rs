//! Answers files as a Kobo- or ODK-style export table: the inverse of [`crate::import`].
//!
//! Used by the round-trip tests, the benchmark and the sample folder, so that the exports they
//! import have exactly the columns a real export of the `dei xlsform` form has.

use dei_core::answers::{Response, Value};
use dei_core::questionnaire::Input;
use dei_core::{Answers, Checklist, Diagnostics, Questionnaire};

use crate::form::{
    CHECKLIST_FIELD, Layout, NA_CHOICE, NONE_CHOICE, ORG_GROUP, ORG_ID, ORG_NAME, PERIOD,
    VERSION_FIELD,
};

/// How the export writes headers and multiple choices.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Style {
    /// Between group and field: `/` (Kobo), `-` (ODK Central), or `None` (Kobo without groups).
    pub separator: Option<char>,
    /// `select_multiple` as one 0/1 column per option, besides the space-separated column.
    pub split_multiple: bool,
    /// ODK Central's metadata columns (`SubmissionDate`, `KEY`...) instead of Kobo's (`_id`,
    /// `_uuid`...).
    pub odk_meta: bool,
}

/// A table: header and rows of text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    /// Column names.
    pub header: Vec<String>,
    /// One row per submission.
    pub rows: Vec<Vec<String>>,
}

/// The export of `answers` (each checked against `checklist`) in `style`; submission ids are
/// derived from the position.
pub fn table(
    checklist: &Checklist,
    answers: &[Answers],
    style: Style,
) -> Result<Table, Diagnostics> {
    let questionnaire = Questionnaire::new(checklist, checklist.default_language());
    let layout = Layout::new(checklist, &questionnaire)?;
    let path = |group: &str, name: &str| match style.separator {
        Some(separator) => format!("{group}{separator}{name}"),
        None => name.to_owned(),
    };
    let mut header: Vec<String> = if style.odk_meta {
        vec!["SubmissionDate".into(), "start".into(), "end".into()]
    } else {
        vec!["start".into(), "end".into()]
    };
    header.push(CHECKLIST_FIELD.into());
    header.push(VERSION_FIELD.into());
    header.push(path(ORG_GROUP, ORG_NAME));
    header.push(path(ORG_GROUP, ORG_ID));
    for org in &layout.org {
        header.push(path(ORG_GROUP, &org.name));
    }
    header.push(PERIOD.into());
    header.push(crate::form::RESPONDENT.into());
    let questions: Vec<&dei_core::questionnaire::Question> = questionnaire.questions().collect();
    for (fields, question) in layout.items.iter().zip(&questions) {
        let group = fields.section.as_str();
        if let Some(toggle) = &fields.na_toggle {
            header.push(path(group, toggle));
            if style.split_multiple {
                header.push(format!("{}/{NA_CHOICE}", path(group, toggle)));
            }
        }
        header.push(path(group, &fields.name));
        if let (Input::Multi { options }, true) = (&question.input, style.split_multiple) {
            for option in options {
                header.push(format!("{}/{}", path(group, &fields.name), option.id));
            }
            header.push(format!("{}/{NONE_CHOICE}", path(group, &fields.name)));
            if question.allow_na {
                header.push(format!("{}/{NA_CHOICE}", path(group, &fields.name)));
            }
        }
        if let Some(reason) = &fields.na_reason {
            header.push(path(group, reason));
        }
        if let Some(evidence) = &fields.evidence {
            header.push(path(group, evidence));
        }
    }
    if style.odk_meta {
        header.extend(
            [
                "meta-instanceID",
                "KEY",
                "SubmitterID",
                "SubmitterName",
                "AttachmentsPresent",
                "AttachmentsExpected",
                "Status",
                "ReviewState",
                "DeviceID",
                "Edits",
                "FormVersion",
            ]
            .map(str::to_owned),
        );
    } else {
        header.extend(
            [
                "_id",
                "_uuid",
                "_submission_time",
                "_validation_status",
                "_notes",
                "_status",
                "_submitted_by",
                "__version__",
                "_tags",
                "_index",
            ]
            .map(str::to_owned),
        );
    }

    let mut rows = Vec::new();
    for (index, answers) in answers.iter().enumerate() {
        let uuid = format!("{:08x}-0000-4000-8000-{:012x}", index + 1, index + 1);
        let mut row: Vec<String> = if style.odk_meta {
            vec![
                "2025-06-01T10:00:00.000Z".into(),
                "2025-06-01T09:00:00.000+02:00".into(),
                "2025-06-01T10:00:00.000+02:00".into(),
            ]
        } else {
            vec![
                "2025-06-01T09:00:00.000+02:00".into(),
                "2025-06-01T10:00:00.000+02:00".into(),
            ]
        };
        row.push(checklist.id().to_owned());
        row.push(
            answers
                .checklist_version
                .clone()
                .unwrap_or_else(|| checklist.version().to_owned()),
        );
        row.push(answers.name.clone());
        row.push(org_text(answers.organisation.get("id")));
        for org in &layout.org {
            row.push(org_text(answers.organisation.get(&org.key)));
        }
        row.push(answers.period.clone());
        row.push(String::new());
        for ((fields, question), entry) in
            layout.items.iter().zip(&questions).zip(answers.entries())
        {
            let response = entry.as_ref().map(|e| &e.response);
            let na = matches!(response, Some(Response::NotApplicable(_)));
            if fields.na_toggle.is_some() {
                row.push(if na { NA_CHOICE.into() } else { String::new() });
                if style.split_multiple {
                    row.push(if na { "1".into() } else { "0".into() });
                }
            }
            let value = match response {
                Some(Response::Value(value)) => value_text(&question.input, value),
                Some(Response::NotApplicable(_)) if fields.na_toggle.is_none() => {
                    NA_CHOICE.to_owned()
                }
                _ => String::new(),
            };
            row.push(value);
            if let (Input::Multi { options }, true) = (&question.input, style.split_multiple) {
                let chosen: Vec<usize> = match response {
                    Some(Response::Value(Value::Multi(chosen))) => chosen.clone(),
                    _ => Vec::new(),
                };
                let answered = matches!(
                    response,
                    Some(Response::Value(_) | Response::NotApplicable(_))
                );
                for o in 0..options.len() {
                    row.push(flag_text(answered, chosen.contains(&o)));
                }
                let empty = matches!(response, Some(Response::Value(Value::Multi(chosen))) if chosen.is_empty());
                row.push(flag_text(answered, empty));
                if question.allow_na {
                    row.push(flag_text(answered, na));
                }
            }
            if fields.na_reason.is_some() {
                row.push(match response {
                    Some(Response::NotApplicable(reason)) => reason.clone(),
                    _ => String::new(),
                });
            }
            if fields.evidence.is_some() {
                row.push(match (entry, na) {
                    (Some(entry), false) if matches!(response, Some(Response::Value(_))) => {
                        // The form's evidence field is one text (see `form`): the entries'
                        // texts, one a line; a type and date are not asked in the form.
                        entry
                            .evidence
                            .iter()
                            .map(|evidence| evidence.text.as_str())
                            .collect::<Vec<_>>()
                            .join("\n")
                    }
                    _ => String::new(),
                });
            }
        }
        if style.odk_meta {
            row.extend([
                format!("uuid:{uuid}"),
                format!("uuid:{uuid}"),
                "5".into(),
                "Coordinator".into(),
                "0".into(),
                "0".into(),
                String::new(),
                String::new(),
                "collect:abc".into(),
                "0".into(),
                checklist.version().to_owned(),
            ]);
        } else {
            row.extend([
                (index + 1).to_string(),
                uuid,
                "2025-06-01T08:00:00".into(),
                String::new(),
                String::new(),
                "submitted_via_web".into(),
                String::new(),
                "vAbC".into(),
                String::new(),
                (index + 1).to_string(),
            ]);
        }
        rows.push(row);
    }
    Ok(Table { header, rows })
}

fn flag_text(answered: bool, set: bool) -> String {
    match (answered, set) {
        (false, _) => String::new(),
        (true, true) => "1".into(),
        (true, false) => "0".into(),
    }
}

fn org_text(value: Option<&serde_json::Value>) -> String {
    match value {
        None | Some(serde_json::Value::Null) => String::new(),
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

fn value_text(input: &Input, value: &Value) -> String {
    match (input, value) {
        (Input::Choice { options }, Value::Choice(index)) => options[*index].id.clone(),
        (Input::Multi { .. }, Value::Multi(chosen)) if chosen.is_empty() => NONE_CHOICE.to_owned(),
        (Input::Multi { options }, Value::Multi(chosen)) => chosen
            .iter()
            .map(|&o| options[o].id.as_str())
            .collect::<Vec<_>>()
            .join(" "),
        (_, Value::Number(n)) => crate::form::format_number(*n),
        (_, Value::Text(text)) => text.clone(),
        _ => String::new(),
    }
}

impl Table {
    /// The table as CSV with `delimiter`, every field quoted as Kobo does.
    pub fn to_csv(&self, delimiter: u8) -> Vec<u8> {
        let mut writer = csv::WriterBuilder::new()
            .delimiter(delimiter)
            .quote_style(csv::QuoteStyle::Always)
            .from_writer(Vec::new());
        let _ = writer.write_record(&self.header);
        for row in &self.rows {
            let _ = writer.write_record(row);
        }
        writer.into_inner().unwrap_or_default()
    }

    /// The table as Kobo's JSON: a list of objects with string values, empty cells left out.
    pub fn to_json(&self) -> String {
        let list: Vec<serde_json::Value> = self
            .rows
            .iter()
            .map(|row| {
                serde_json::Value::Object(
                    self.header
                        .iter()
                        .zip(row)
                        .filter(|(_, value)| !value.is_empty())
                        .map(|(h, v)| (h.clone(), serde_json::Value::from(v.as_str())))
                        .collect(),
                )
            })
            .collect();
        serde_json::to_string_pretty(&list).unwrap_or_default()
    }

    /// The table as an XLSX workbook with one sheet of text cells.
    pub fn to_xlsx(&self) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
        let mut workbook = rust_xlsxwriter::Workbook::new();
        let sheet = workbook.add_worksheet();
        for (c, header) in self.header.iter().enumerate() {
            sheet.write_string(0, u16::try_from(c).unwrap_or(u16::MAX), header)?;
        }
        for (r, row) in self.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                if !cell.is_empty() {
                    sheet.write_string(
                        u32::try_from(r + 1).unwrap_or(u32::MAX),
                        u16::try_from(c).unwrap_or(u16::MAX),
                        cell,
                    )?;
                }
            }
        }
        workbook.save_to_buffer()
    }
}
