//! `dei xlsform`: a checklist's questionnaire as an XLSForm (survey, choices and settings
//! sheets) for KoboToolbox and ODK, following <https://xlsform.org> (SPEC §16).
//!
//! The sheets are built as plain rows first ([`Sheets`]), so tests can snapshot exactly what
//! the workbook holds; [`write_xlsx`] only puts those rows into cells.

use dei_core::checklist::EvidencePolicy;
use dei_core::questionnaire::{Input, pick_language};
use dei_core::{Checklist, Diagnostics, Questionnaire};

use crate::form::{
    self, CHECKLIST_FIELD, ItemFields, Layout, NA_CHOICE, NONE_CHOICE, ORG_GROUP, ORG_ID, ORG_NAME,
    OrgType, PERIOD, RESPONDENT, RESPONDENT_GROUPS, VERSION_FIELD,
};

/// A sheet as rows of text cells; the first row is the header.
pub type Sheet = Vec<Vec<String>>;

/// The three sheets of an XLSForm.
#[derive(Clone, Debug, PartialEq)]
pub struct Sheets {
    /// The survey sheet.
    pub survey: Sheet,
    /// The choices sheet.
    pub choices: Sheet,
    /// The settings sheet.
    pub settings: Sheet,
}

/// The XLSForm of `checklist` in `languages` (matched with [`pick_language`]; none: every
/// language of the checklist, its default first).
pub fn build(checklist: &Checklist, languages: &[String]) -> Result<Sheets, Diagnostics> {
    let mut chosen: Vec<String> = Vec::new();
    let wanted: Vec<String> = if languages.is_empty() {
        checklist.languages().to_vec()
    } else {
        languages.to_vec()
    };
    for language in &wanted {
        let language = pick_language(checklist.languages(), language).to_owned();
        if !chosen.contains(&language) {
            chosen.push(language);
        }
    }
    let questionnaires: Vec<Questionnaire> = chosen
        .iter()
        .map(|language| Questionnaire::new(checklist, language))
        .collect();
    let first = &questionnaires[0];
    let layout = Layout::new(checklist, first)?;
    let columns: Vec<String> = chosen.iter().map(|l| language_column(l)).collect();

    let mut survey = Survey::new(&columns);
    survey.push(&[
        ("type", "calculate".into()),
        ("name", CHECKLIST_FIELD.into()),
        ("calculation", format!("'{}'", layout.checklist)),
    ]);
    survey.push(&[
        ("type", "calculate".into()),
        ("name", VERSION_FIELD.into()),
        ("calculation", format!("'{}'", layout.version)),
    ]);

    // The organisation, the period and who answers.
    let words =
        |key: &str| -> Vec<String> { chosen.iter().map(|l| word(l, key).to_owned()).collect() };
    survey.group(ORG_GROUP, &words("organisation"));
    survey.question(
        "text",
        ORG_NAME,
        &words("org_name"),
        Extra {
            required: true,
            ..Extra::default()
        },
    );
    survey.question(
        "text",
        ORG_ID,
        &words("org_id"),
        Extra {
            hint: Some(words("org_id_hint")),
            constraint: Some("regex(., '^[a-z0-9][a-z0-9-]*$')".to_owned()),
            constraint_message: Some(words("org_id_constraint")),
            ..Extra::default()
        },
    );
    for field in &layout.org {
        let kind = match field.kind {
            OrgType::Integer => "integer",
            OrgType::Decimal => "decimal",
            OrgType::Boolean => "select_one dei_yes_no",
            OrgType::Text => "text",
        };
        let labels: Vec<String> = chosen.iter().map(|l| org_label(l, &field.key)).collect();
        survey.question(kind, &field.name, &labels, Extra::default());
    }
    survey.end_group();
    survey.question(
        "text",
        PERIOD,
        &words("period"),
        Extra {
            required: true,
            hint: Some(words("period_hint")),
            ..Extra::default()
        },
    );
    survey.question(
        "select_one dei_respondent",
        RESPONDENT,
        &words("respondent"),
        Extra {
            hint: Some(words("respondent_hint")),
            ..Extra::default()
        },
    );

    let mut choices = Choices::new(&columns);
    for group in RESPONDENT_GROUPS {
        choices.push(
            "dei_respondent",
            group,
            &words(&format!("group_{group}")),
            None,
        );
    }
    choices.push("dei_na", NA_CHOICE, &words("na"), None);
    choices.push("dei_yes_no", "true", &words("yes"), None);
    choices.push("dei_yes_no", "false", &words("no"), None);

    for (index, section) in first.sections.iter().enumerate() {
        let titles: Vec<String> = questionnaires
            .iter()
            .map(|q| q.sections[index].title.clone())
            .collect();
        survey.group(&section.id, &titles);
        for (position, question) in section.questions.iter().enumerate() {
            let Some(fields) = layout.items.iter().find(|fields| fields.id == question.id) else {
                continue; // the layout is made from the same questionnaire: never taken
            };
            let texts: Vec<&dei_core::questionnaire::Question> = questionnaires
                .iter()
                .map(|q| &q.sections[index].questions[position])
                .collect();
            item_rows(&mut survey, &mut choices, &chosen, fields, &texts);
        }
        survey.end_group();
    }

    let title = &first.title;
    let settings = vec![
        vec![
            "form_title".to_owned(),
            "form_id".to_owned(),
            "version".to_owned(),
            "default_language".to_owned(),
        ],
        vec![
            title.clone(),
            form_id(&layout.checklist),
            layout.version.clone(),
            language_column(&chosen[0]),
        ],
    ];
    Ok(Sheets {
        survey: survey.finish(),
        choices: choices.rows,
        settings,
    })
}

fn item_rows(
    survey: &mut Survey,
    choices: &mut Choices,
    languages: &[String],
    fields: &ItemFields,
    texts: &[&dei_core::questionnaire::Question],
) {
    let question = texts[0];
    let labels: Vec<String> = texts.iter().map(|q| q.text.clone()).collect();
    let hints: Vec<String> = texts
        .iter()
        .zip(languages)
        .map(|(q, language)| hint(q, language))
        .collect();
    let words =
        |key: &str| -> Vec<String> { languages.iter().map(|l| word(l, key).to_owned()).collect() };
    let and = |left: Option<&str>, right: &str| match left {
        Some(left) => format!("{left} and {right}"),
        None => right.to_owned(),
    };
    let relevant = fields.relevant.as_deref();
    let name = &fields.name;
    let mut na_selected = None;
    match &question.input {
        Input::Choice { options } | Input::Multi { options } => {
            let multi = matches!(question.input, Input::Multi { .. });
            let list = name.clone();
            for (index, option) in options.iter().enumerate() {
                let option_labels: Vec<String> = texts
                    .iter()
                    .map(|q| match &q.input {
                        Input::Choice { options } | Input::Multi { options } => {
                            options[index].label.clone()
                        }
                        _ => String::new(),
                    })
                    .collect();
                choices.push(&list, &option.id, &option_labels, Some(option.score));
            }
            let mut constraint = None;
            if multi {
                // "None of these" is an answer (an empty list in the answers file); nothing
                // ticked is no answer. It stands alone, as N/A does.
                choices.push(&list, NONE_CHOICE, &words("none"), None);
            }
            if question.allow_na {
                choices.push(&list, NA_CHOICE, &words("na"), None);
                if multi {
                    na_selected = Some(format!("selected(${{{name}}}, '{NA_CHOICE}')"));
                } else {
                    na_selected = Some(format!("${{{name}}} = '{NA_CHOICE}'"));
                }
            }
            if multi {
                let alone = if question.allow_na {
                    format!("selected(., '{NONE_CHOICE}') or selected(., '{NA_CHOICE}')")
                } else {
                    format!("selected(., '{NONE_CHOICE}')")
                };
                constraint = Some(format!("not({alone}) or count-selected(.) = 1"));
            }
            let kind = if multi {
                "select_multiple"
            } else {
                "select_one"
            };
            survey.question(
                &format!("{kind} {list}"),
                name,
                &labels,
                Extra {
                    hint: Some(hints),
                    relevant: fields.relevant.clone(),
                    constraint_message: constraint.as_ref().map(|_| words("na_alone")),
                    constraint,
                    ..Extra::default()
                },
            );
        }
        Input::Number { .. } | Input::Text => {
            let toggle = fields.na_toggle.as_deref();
            if let Some(toggle) = toggle {
                survey.question(
                    "select_multiple dei_na",
                    toggle,
                    &words("na_toggle"),
                    Extra {
                        relevant: fields.relevant.clone(),
                        ..Extra::default()
                    },
                );
                na_selected = Some(format!("selected(${{{toggle}}}, '{NA_CHOICE}')"));
            }
            let own_relevant = match (relevant, &na_selected) {
                (_, Some(na)) => Some(and(relevant, &format!("not({na})"))),
                (Some(r), None) => Some(r.to_owned()),
                (None, None) => None,
            };
            if let Input::Number { min, max, .. } = &question.input {
                let mut parts = Vec::new();
                if let Some(min) = min {
                    parts.push(format!(". >= {}", form::format_number(*min)));
                }
                if let Some(max) = max {
                    parts.push(format!(". <= {}", form::format_number(*max)));
                }
                let constraint = (!parts.is_empty()).then(|| parts.join(" and "));
                let messages: Vec<String> = languages
                    .iter()
                    .map(|l| range_message(l, *min, *max))
                    .collect();
                survey.question(
                    "decimal",
                    name,
                    &labels,
                    Extra {
                        hint: Some(hints),
                        relevant: own_relevant,
                        constraint_message: constraint.as_ref().map(|_| messages),
                        constraint,
                        ..Extra::default()
                    },
                );
            } else {
                survey.question(
                    "text",
                    name,
                    &labels,
                    Extra {
                        hint: Some(hints),
                        relevant: own_relevant,
                        appearance: Some("multiline"),
                        ..Extra::default()
                    },
                );
            }
        }
    }
    if let (Some(reason), Some(na)) = (&fields.na_reason, &na_selected) {
        survey.question(
            "text",
            reason,
            &words("na_reason"),
            Extra {
                required: true,
                relevant: Some(na.clone()),
                appearance: Some("multiline"),
                ..Extra::default()
            },
        );
    }
    if let Some(evidence) = &fields.evidence {
        let answered = format!("${{{name}}} != ''");
        let shown = match &na_selected {
            Some(na) if fields.na_toggle.is_none() => format!("{answered} and not({na})"),
            _ => answered,
        };
        let key = match question.evidence {
            EvidencePolicy::Required => "evidence_required",
            EvidencePolicy::Recommended => "evidence",
            EvidencePolicy::None => "evidence_optional",
        };
        survey.question(
            "text",
            evidence,
            &words(key),
            Extra {
                hint: Some(words("evidence_hint")),
                relevant: Some(shown),
                appearance: Some("multiline"),
                ..Extra::default()
            },
        );
    }
}

/// The hint of a question: its unit (for numbers) and guidance.
fn hint(question: &dei_core::questionnaire::Question, language: &str) -> String {
    let unit = match &question.input {
        Input::Number {
            unit: Some(unit), ..
        } => Some(format!("{}: {unit}", word(language, "unit"))),
        _ => None,
    };
    [unit, question.guidance.clone().map(|g| g.trim().to_owned())]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn range_message(language: &str, min: Option<f64>, max: Option<f64>) -> String {
    let f = |n: Option<f64>| n.map(form::format_number).unwrap_or_default();
    match (min, max) {
        (Some(_), Some(_)) => format!("{} {} – {}", word(language, "range"), f(min), f(max)),
        (Some(_), None) => format!("≥ {}", f(min)),
        _ => format!("≤ {}", f(max)),
    }
}

/// The XLSForm form id of a checklist id: an XML name.
fn form_id(id: &str) -> String {
    let mut out: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if !out.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        out.insert(0, '_');
    }
    out
}

/// `English (en)`: how XLSForm names a language in `label::` columns.
pub fn language_column(code: &str) -> String {
    let primary = code
        .split(['-', '_'])
        .next()
        .unwrap_or(code)
        .to_ascii_lowercase();
    let name = match primary.as_str() {
        "en" => "English",
        "nl" => "Nederlands",
        "fr" => "Français",
        "de" => "Deutsch",
        "es" => "Español",
        "pt" => "Português",
        "it" => "Italiano",
        "ar" => "العربية",
        "sw" => "Kiswahili",
        _ => code,
    };
    format!("{name} ({code})")
}

/// The form's own words in English and Dutch; other languages get the English.
fn word(language: &str, key: &str) -> &'static str {
    let dutch = dei_core::is_dutch(language);
    let (en, nl) = match key {
        "organisation" => ("Organisation", "Organisatie"),
        "org_name" => ("Name of the organisation", "Naam van de organisatie"),
        "org_id" => (
            "Short id of the organisation",
            "Korte id van de organisatie",
        ),
        "org_id_hint" => (
            "Lower-case letters, digits and dashes, the same every period (for example de-brug).",
            "Kleine letters, cijfers en streepjes, elke periode hetzelfde (bijvoorbeeld de-brug).",
        ),
        "org_id_constraint" => (
            "Use lower-case letters, digits and dashes only.",
            "Gebruik alleen kleine letters, cijfers en streepjes.",
        ),
        "period" => ("Period", "Periode"),
        "period_hint" => (
            "The year or part of a year assessed: 2025, 2025-H1, 2025-Q3.",
            "Het jaar of deel van het jaar: 2025, 2025-H1, 2025-Q3.",
        ),
        "respondent" => ("You answer as", "U antwoordt als"),
        "respondent_hint" => (
            "Only when several people fill in the checklist: your group, never your name.",
            "Alleen als meerdere mensen de checklist invullen: uw groep, nooit uw naam.",
        ),
        "group_board" => ("Board member", "Bestuurslid"),
        "group_management" => ("Management", "Management"),
        "group_staff" => ("Staff", "Medewerker"),
        "group_volunteers" => ("Volunteer", "Vrijwilliger"),
        "group_participants" => ("Participant", "Deelnemer"),
        "group_partners" => ("Partner", "Partner"),
        "na" => ("Not applicable", "Niet van toepassing"),
        "yes" => ("Yes", "Ja"),
        "no" => ("No", "Nee"),
        "na_toggle" => (
            "This question does not apply to us",
            "Deze vraag is niet op ons van toepassing",
        ),
        "na_alone" => (
            "\"None of these\" and \"Not applicable\" cannot be combined with other options.",
            "\"Geen van deze\" en \"Niet van toepassing\" gaan niet samen met andere antwoorden.",
        ),
        "none" => ("None of these", "Geen van deze"),
        "na_reason" => (
            "Why does it not apply?",
            "Waarom is het niet van toepassing?",
        ),
        "evidence" => ("Evidence (recommended)", "Bewijs (aanbevolen)"),
        "evidence_required" => ("Evidence (asked for)", "Bewijs (gevraagd)"),
        "evidence_optional" => ("Evidence (optional)", "Bewijs (optioneel)"),
        "evidence_hint" => (
            "One per line: a link or the name of a document.",
            "Eén per regel: een link of de naam van een document.",
        ),
        "unit" => ("Unit", "Eenheid"),
        "range" => ("Enter a number from", "Vul een getal in van"),
        _ => unreachable!("every word of the form is in this table: {key}"),
    };
    if dutch { nl } else { en }
}

fn org_label(language: &str, key: &str) -> String {
    let dutch = dei_core::is_dutch(language);
    let known = match (key, dutch) {
        ("staff", false) => Some("Number of staff"),
        ("staff", true) => Some("Aantal medewerkers"),
        ("volunteers", false) => Some("Number of volunteers"),
        ("volunteers", true) => Some("Aantal vrijwilligers"),
        ("country", false) => Some("Country"),
        ("country", true) => Some("Land"),
        _ => None,
    };
    known.map_or_else(|| format!("organisation: {key}"), str::to_owned)
}

/// Optional columns of a survey row.
#[derive(Default)]
struct Extra {
    hint: Option<Vec<String>>,
    required: bool,
    relevant: Option<String>,
    constraint: Option<String>,
    constraint_message: Option<Vec<String>>,
    appearance: Option<&'static str>,
}

struct Survey {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    languages: usize,
}

impl Survey {
    fn new(languages: &[String]) -> Survey {
        let mut header = vec!["type".to_owned(), "name".to_owned()];
        for prefix in ["label", "hint"] {
            header.extend(languages.iter().map(|l| format!("{prefix}::{l}")));
        }
        header.extend(["required", "relevant", "constraint"].map(str::to_owned));
        header.extend(languages.iter().map(|l| format!("constraint_message::{l}")));
        header.extend(["appearance", "calculation"].map(str::to_owned));
        Survey {
            header,
            rows: Vec::new(),
            languages: languages.len(),
        }
    }

    fn column(&self, name: &str) -> usize {
        self.header
            .iter()
            .position(|h| h == name)
            .expect("known column")
    }

    fn push(&mut self, cells: &[(&str, String)]) {
        let mut row = vec![String::new(); self.header.len()];
        for (name, value) in cells {
            row[self.column(name)].clone_from(value);
        }
        self.rows.push(row);
    }

    fn localised(&self, row: &mut [String], prefix: &str, texts: &[String]) {
        let start = self
            .header
            .iter()
            .position(|h| h.starts_with(&format!("{prefix}::")))
            .expect("known column");
        for (offset, text) in texts.iter().take(self.languages).enumerate() {
            row[start + offset].clone_from(text);
        }
    }

    fn question(&mut self, kind: &str, name: &str, labels: &[String], extra: Extra) {
        let mut row = vec![String::new(); self.header.len()];
        kind.clone_into(&mut row[0]);
        name.clone_into(&mut row[1]);
        self.localised(&mut row, "label", labels);
        if let Some(hints) = &extra.hint {
            self.localised(&mut row, "hint", hints);
        }
        if extra.required {
            let column = self.column("required");
            "yes".clone_into(&mut row[column]);
        }
        if let Some(relevant) = extra.relevant {
            row[self.column("relevant")] = relevant;
        }
        if let Some(constraint) = extra.constraint {
            row[self.column("constraint")] = constraint;
        }
        if let Some(messages) = &extra.constraint_message {
            self.localised(&mut row, "constraint_message", messages);
        }
        if let Some(appearance) = extra.appearance {
            let column = self.column("appearance");
            appearance.clone_into(&mut row[column]);
        }
        self.rows.push(row);
    }

    fn group(&mut self, name: &str, labels: &[String]) {
        self.question("begin_group", name, labels, Extra::default());
        // pyxform: a group's appearance `field-list` would put a whole section on one screen;
        // sections are long, so each question keeps its own screen.
    }

    fn end_group(&mut self) {
        let mut row = vec![String::new(); self.header.len()];
        "end_group".clone_into(&mut row[0]);
        self.rows.push(row);
    }

    fn finish(self) -> Sheet {
        let mut rows = vec![self.header];
        rows.extend(self.rows);
        rows
    }
}

struct Choices {
    rows: Sheet,
    languages: usize,
}

impl Choices {
    fn new(languages: &[String]) -> Choices {
        let mut header = vec!["list_name".to_owned(), "name".to_owned()];
        header.extend(languages.iter().map(|l| format!("label::{l}")));
        header.push("dei_score".to_owned());
        Choices {
            rows: vec![header],
            languages: languages.len(),
        }
    }

    fn push(&mut self, list: &str, name: &str, labels: &[String], score: Option<f64>) {
        let mut row = vec![list.to_owned(), name.to_owned()];
        row.extend(labels.iter().take(self.languages).cloned());
        row.push(score.map(form::format_number).unwrap_or_default());
        self.rows.push(row);
    }
}

/// The sheets as an XLSX workbook: every cell text except `dei_score`, which is a number.
///
/// The same sheets give the same bytes: the workbook carries no clock reading (see
/// [`crate::export::undated_workbook`]).
pub fn write_xlsx(sheets: &Sheets) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut workbook = crate::export::undated_workbook()?;
    for (name, rows) in [
        ("survey", &sheets.survey),
        ("choices", &sheets.choices),
        ("settings", &sheets.settings),
    ] {
        let sheet = workbook.add_worksheet();
        sheet.set_name(name)?;
        let bold = rust_xlsxwriter::Format::new().set_bold();
        let numeric = rows
            .first()
            .and_then(|header| header.iter().position(|h| h == "dei_score"));
        for (r, row) in rows.iter().enumerate() {
            let r = u32::try_from(r).unwrap_or(u32::MAX);
            for (c, cell) in row.iter().enumerate() {
                let c = u16::try_from(c).unwrap_or(u16::MAX);
                if cell.is_empty() {
                    continue;
                }
                if r == 0 {
                    sheet.write_string_with_format(r, c, cell, &bold)?;
                } else if Some(usize::from(c)) == numeric
                    && let Ok(number) = cell.parse::<f64>()
                {
                    sheet.write_number(r, c, number)?;
                } else {
                    sheet.write_string(r, c, cell)?;
                }
            }
        }
        sheet.set_freeze_panes(1, 0)?;
    }
    workbook.save_to_buffer()
}
