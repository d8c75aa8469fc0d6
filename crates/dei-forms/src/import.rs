//! `dei import`: KoboToolbox and ODK Central exports of a `dei xlsform` form → one answers file
//! per submission (SPEC §16).
//!
//! Accepted: CSV (`;` or `,`, quoted fields, a BOM), XLSX (the first sheet) and JSON (a list of
//! submissions, or Kobo's `{"results": [...]}`), with headers as XML names and group paths
//! (`group/name` from Kobo, `group-name` from ODK Central, or bare names) and `select_multiple`
//! as space-separated names or as one 0/1 column per option. Everything is checked before
//! anything is returned: the caller writes all files or none.
//!
//! Every problem is located: a table cell by row and column (row 1 is the header), a JSON value
//! by its path; with the item id where there is one.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Cursor;
use std::sync::Arc;

use dei_core::questionnaire::Input;
use dei_core::{Answers, Checklist, Code, Diagnostic, Diagnostics, Questionnaire, Source, nearest};

use crate::form::{
    CHECKLIST_FIELD, ItemFields, Layout, NA_CHOICE, NONE_CHOICE, ORG_GROUP, ORG_ID, ORG_NAME,
    OrgType, PERIOD, RESPONDENT, RESPONDENT_GROUPS, VERSION_FIELD,
};

/// At most this many submissions per export: a bigger file is refused at that row, before any
/// work on its submissions (split the export by date in Kobo or Central).
pub const MAX_SUBMISSIONS: usize = 100_000;

/// At most this many bytes per export (64 MiB: 10,000 submissions of the NGO checklist with
/// long texts fit).
pub const MAX_EXPORT_BYTES: u64 = 64 * 1024 * 1024;

/// One imported submission: the answers file to write.
#[derive(Clone, Debug, PartialEq)]
pub struct Submission {
    /// The file name (no folder): organisation, period and submission id, sanitised.
    pub file_name: String,
    /// The answers file text (YAML), already validated against the checklist.
    pub text: String,
    /// Where it came from, for messages, in English and in Dutch: `row 3` / `rij 3`, or `[2]`.
    pub origin: [String; 2],
}

/// Where a value was found.
#[derive(Clone, Debug)]
enum Place {
    /// A table cell, 1-based; row 1 is the header.
    Cell { row: usize, column: usize },
    /// A JSON path.
    Json(String),
}

/// One submission as header → value, with places.
struct Record {
    origin: Place,
    /// The column names, one per value: shared by all the rows of a table (one list, not a
    /// copy of each name in each of 10,000 rows); a JSON submission has its own.
    headers: Arc<Vec<String>>,
    /// Values with their places, in the order of `headers`.
    values: Vec<(String, Place)>,
}

impl Record {
    fn fields(&self) -> impl Iterator<Item = (&String, &String, &Place)> {
        self.headers
            .iter()
            .zip(&self.values)
            .map(|(header, (value, place))| (header, value, place))
    }
}

/// Imports `bytes` (an export named `name`) against `checklist`; `reference` is what the
/// answers files write as `checklist:` (a built-in id or a path from the output folder).
pub fn import(
    bytes: &[u8],
    name: &str,
    checklist: &Checklist,
    reference: &str,
) -> Result<Vec<Submission>, Diagnostics> {
    let records = read_records(bytes, name)?;
    let questionnaire = Questionnaire::new(checklist, checklist.default_language());
    let layout = Layout::new(checklist, &questionnaire)?;
    let importer = Importer::new(name, checklist, &questionnaire, &layout, reference);
    importer.run(&records)
}

/// Points `diagnostic` at its cell, or names its place in the JSON before the message (the
/// Dutch one too).
fn located(diagnostic: Diagnostic, place: &Place) -> Diagnostic {
    let mut diagnostic = diagnostic;
    match place {
        Place::Cell { row, column } => {
            diagnostic.line = Some(*row as u64);
            diagnostic.column = Some(*column as u64);
        }
        Place::Json(path) => {
            diagnostic.message = format!("{path}: {}", diagnostic.message);
            if let Some(dutch) = diagnostic.dutch.as_mut() {
                dutch.0 = format!("{path}: {}", dutch.0);
            }
        }
    }
    diagnostic
}

/// An error at `place`, with its message in English and in Dutch.
fn error(
    code: Code,
    file: &str,
    place: &Place,
    message: impl Into<String>,
    dutch: impl Into<String>,
) -> Diagnostic {
    located(
        Diagnostic::error(code, file, message).with_dutch(dutch, None),
        place,
    )
}

/// Adds the hint in English and in Dutch to a problem that has its Dutch message.
fn hinted(
    diagnostic: Diagnostic,
    english: impl Into<String>,
    dutch: impl Into<String>,
) -> Diagnostic {
    let mut diagnostic = diagnostic.with_hint(english);
    if let Some(pair) = diagnostic.dutch.as_mut() {
        pair.1 = Some(dutch.into());
    }
    diagnostic
}

/// Where a submission is in the export ("row 3" or its JSON path), in English and in Dutch.
fn origin_text(place: &Place) -> [String; 2] {
    match place {
        Place::Cell { row, .. } => [format!("row {row}"), format!("rij {row}")],
        Place::Json(path) => [path.clone(), path.clone()],
    }
}

// ---------------------------------------------------------------------------------------------
// Reading the three formats into records.

fn read_records(bytes: &[u8], name: &str) -> Result<Vec<Record>, Diagnostics> {
    let lower = name.to_ascii_lowercase();
    let extension = std::path::Path::new(&lower)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_owned();
    if bytes.starts_with(b"PK") || extension == "xlsx" {
        return read_xlsx(bytes, name);
    }
    let text_start = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let first = text_start.iter().find(|b| !b.is_ascii_whitespace());
    if extension == "json" || matches!(first, Some(b'[' | b'{')) {
        return read_json(text_start, name);
    }
    read_csv(text_start, name)
}

fn too_many(name: &str, place: &Place) -> Diagnostics {
    hinted(
        error(
            Code::ImportFormat,
            name,
            place,
            format!("the export has more than {MAX_SUBMISSIONS} submissions"),
            format!("de export heeft meer dan {MAX_SUBMISSIONS} inzendingen"),
        ),
        "export the submissions in parts (filter by submission date) and import each",
        "exporteer de inzendingen in delen (filter op inzenddatum) en importeer elk deel",
    )
    .into()
}

fn read_csv(bytes: &[u8], name: &str) -> Result<Vec<Record>, Diagnostics> {
    let header_line = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
    let (semicolons, commas) = header_line.iter().fold((0, 0), |(s, c), b| match b {
        b';' => (s + 1, c),
        b',' => (s, c + 1),
        _ => (s, c),
    });
    let delimiter = if semicolons > commas { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut problems = Diagnostics::default();
    let mut headers: Arc<Vec<String>> = Arc::default();
    let mut records = Vec::new();
    let mut record = csv::ByteRecord::new();
    let mut row = 0;
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(problem) => {
                let line = problem
                    .position()
                    .map_or(row + 1, |p| usize::try_from(p.line()).unwrap_or(usize::MAX));
                problems.push(error(
                    Code::ImportFormat,
                    name,
                    &Place::Cell {
                        row: line,
                        column: 1,
                    },
                    format!("the CSV cannot be read: {problem}"),
                    format!("de CSV kan niet gelezen worden: `{problem}`"),
                ));
                return Err(problems);
            }
        }
        row += 1;
        if row > MAX_SUBMISSIONS + 1 {
            return Err(too_many(name, &Place::Cell { row, column: 1 }));
        }
        let mut cells = Vec::with_capacity(record.len());
        for (index, field) in record.iter().enumerate() {
            let place = Place::Cell {
                row,
                column: index + 1,
            };
            if let Ok(text) = std::str::from_utf8(field) {
                cells.push((text.to_owned(), place));
            } else {
                problems.push(hinted(
                    error(
                        Code::InvalidUtf8,
                        name,
                        &place,
                        "this cell is not UTF-8 text",
                        "deze cel is geen UTF-8-tekst",
                    ),
                    "export the CSV as UTF-8 (Kobo and ODK Central do; a spreadsheet's \"Save as CSV\" may not)",
                    "exporteer de CSV als UTF-8 (Kobo en ODK Central doen dat; \"Opslaan als CSV\" in een rekenblad soms niet)",
                ));
                cells.push((String::new(), place));
            }
        }
        if row == 1 {
            headers = Arc::new(
                cells
                    .into_iter()
                    .map(|(text, _)| text.trim().to_owned())
                    .collect(),
            );
            continue;
        }
        if cells.iter().all(|(text, _)| text.trim().is_empty()) {
            continue;
        }
        if cells.len() != headers.len() {
            problems.push(error(
                Code::ImportFormat,
                name,
                &Place::Cell {
                    row,
                    column: cells.len().max(1),
                },
                format!(
                    "this row has {} cells, the header {}",
                    cells.len(),
                    headers.len()
                ),
                format!(
                    "deze rij heeft {} cellen, de kopregel {}",
                    cells.len(),
                    headers.len()
                ),
            ));
            continue;
        }
        records.push(Record {
            origin: Place::Cell { row, column: 1 },
            headers: Arc::clone(&headers),
            values: cells,
        });
    }
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(records)
}

fn read_xlsx(bytes: &[u8], name: &str) -> Result<Vec<Record>, Diagnostics> {
    use calamine::{Data, Reader as _};
    let unreadable = |why: String| -> Diagnostics {
        Diagnostic::error(
            Code::ImportFormat,
            name,
            format!("the workbook cannot be read: {why}"),
        )
        .with_hint("export the submissions again as XLSX, CSV or JSON")
        .with_dutch(
            format!("de werkmap kan niet gelezen worden: `{why}`"),
            Some("exporteer de inzendingen opnieuw als XLSX, CSV of JSON".to_owned()),
        )
        .into()
    };
    let mut workbook = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| unreadable(e.to_string()))?;
    let sheet = workbook
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| unreadable("it has no sheets".to_owned()))?;
    let range = workbook
        .worksheet_range(&sheet)
        .map_err(|e| unreadable(e.to_string()))?;
    let mut problems = Diagnostics::default();
    let (top, left) = range
        .start()
        .map_or((0, 0), |(r, c)| (r as usize, c as usize));
    if range.height() > MAX_SUBMISSIONS + 1 {
        return Err(too_many(
            name,
            &Place::Cell {
                row: top + MAX_SUBMISSIONS + 2,
                column: 1,
            },
        ));
    }
    // A formula's value depends on the program that last saved the file; an export holds
    // values only, so a formula means the file was edited and is refused, located.
    if let Ok(formulas) = workbook.worksheet_formula(&sheet) {
        let (f_top, f_left) = formulas
            .start()
            .map_or((0, 0), |(r, c)| (r as usize, c as usize));
        for (r, c, formula) in formulas.used_cells() {
            if !formula.is_empty() {
                problems.push(hinted(
                    error(
                        Code::ImportFormat,
                        name,
                        &Place::Cell { row: f_top + r + 1, column: f_left + c + 1 },
                        format!("this cell holds a formula (`={}`), not a submitted value", truncate(formula)),
                        format!("deze cel bevat een formule (`={}`), geen ingezonden waarde", truncate(formula)),
                    ),
                    "import the export as Kobo or ODK Central wrote it, or replace formulas by their values",
                    "importeer de export zoals Kobo of ODK Central hem schreef, of vervang formules door hun waarden",
                ));
            }
        }
    }
    // Columns without a header are left out (a spreadsheet's empty columns at the right).
    let mut headers: Arc<Vec<String>> = Arc::default();
    let mut named: Vec<bool> = Vec::new();
    let mut records = Vec::new();
    for (r, cells) in range.rows().enumerate() {
        let row = top + r + 1;
        let texts: Vec<(String, Place)> = cells
            .iter()
            .enumerate()
            .map(|(c, cell)| {
                let place = Place::Cell {
                    row,
                    column: left + c + 1,
                };
                let text = match cell {
                    Data::Empty => String::new(),
                    Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
                    Data::Float(f) => crate::form::format_number(*f),
                    Data::Int(i) => i.to_string(),
                    Data::Bool(b) => if *b { "1" } else { "0" }.to_owned(),
                    Data::DateTime(d) => d.to_string(),
                    Data::Error(e) => {
                        problems.push(error(
                            Code::ImportFormat,
                            name,
                            &place,
                            format!("this cell holds the error {e}"),
                            format!("deze cel bevat de fout `{e}`"),
                        ));
                        String::new()
                    }
                };
                (text, place)
            })
            .collect();
        if r == 0 {
            let all: Vec<String> = texts
                .into_iter()
                .map(|(t, _)| t.trim().to_owned())
                .collect();
            named = all.iter().map(|header| !header.is_empty()).collect();
            headers = Arc::new(all.into_iter().filter(|h| !h.is_empty()).collect());
            continue;
        }
        if texts.iter().all(|(t, _)| t.trim().is_empty()) {
            continue;
        }
        records.push(Record {
            origin: Place::Cell {
                row,
                column: left + 1,
            },
            headers: Arc::clone(&headers),
            values: texts
                .into_iter()
                .zip(&named)
                .filter(|(_, named)| **named)
                .map(|(value, _)| value)
                .collect(),
        });
    }
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(records)
}

fn read_json(bytes: &[u8], name: &str) -> Result<Vec<Record>, Diagnostics> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        Diagnostics::from(
            Diagnostic::error(
                Code::InvalidUtf8,
                name,
                format!("the JSON is not UTF-8 text (byte {})", e.valid_up_to()),
            )
            .with_hint("export the submissions again; Kobo and ODK Central write UTF-8")
            .with_dutch(
                format!("de JSON is geen UTF-8-tekst (byte {})", e.valid_up_to()),
                Some(
                    "exporteer de inzendingen opnieuw; Kobo en ODK Central schrijven UTF-8"
                        .to_owned(),
                ),
            ),
        )
    })?;
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        let mut d = Diagnostic::error(Code::Syntax, name, format!("the JSON cannot be read: {e}"))
            .with_dutch(format!("de JSON kan niet gelezen worden: `{e}`"), None);
        d.line = Some(e.line() as u64);
        d.column = Some(e.column() as u64);
        Diagnostics::from(d)
    })?;
    let (list, prefix) = match value {
        serde_json::Value::Array(list) => (list, String::new()),
        serde_json::Value::Object(mut map) => match map.remove("results") {
            Some(serde_json::Value::Array(list)) => (list, ".results".to_owned()),
            _ => {
                return Err(Diagnostic::error(
                    Code::ImportFormat,
                    name,
                    "the JSON is neither a list of submissions nor an object with `results`",
                )
                .with_dutch(
                    "de JSON is geen lijst van inzendingen en geen object met `results`",
                    None,
                )
                .into());
            }
        },
        _ => {
            return Err(Diagnostic::error(
                Code::ImportFormat,
                name,
                "the JSON is not a list of submissions",
            )
            .with_dutch("de JSON is geen lijst van inzendingen", None)
            .into());
        }
    };
    if list.len() > MAX_SUBMISSIONS {
        return Err(too_many(
            name,
            &Place::Json(format!("{prefix}[{MAX_SUBMISSIONS}]")),
        ));
    }
    let mut problems = Diagnostics::default();
    let mut records = Vec::new();
    for (index, submission) in list.into_iter().enumerate() {
        let path = format!("{prefix}[{index}]");
        let serde_json::Value::Object(map) = submission else {
            problems.push(error(
                Code::ImportFormat,
                name,
                &Place::Json(path),
                "a submission is not an object",
                "een inzending is geen object",
            ));
            continue;
        };
        let mut values = Vec::new();
        flatten_json(&map, "", &path, name, &mut values, &mut problems);
        let (headers, values) = values
            .into_iter()
            .map(|(header, text, place)| (header, (text, place)))
            .unzip();
        records.push(Record {
            origin: Place::Json(path),
            headers: Arc::new(headers),
            values,
        });
    }
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(records)
}

/// Kobo's JSON has flat `group/name` keys; nested groups as objects are flattened the same way.
fn flatten_json(
    map: &serde_json::Map<String, serde_json::Value>,
    prefix: &str,
    path: &str,
    name: &str,
    out: &mut Vec<(String, String, Place)>,
    problems: &mut Diagnostics,
) {
    for (key, value) in map {
        let full = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}/{key}")
        };
        let place = Place::Json(format!("{path}[{}]", serde_json::Value::from(key.as_str())));
        let text = match value {
            serde_json::Value::Null => String::new(),
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Number(n) => n.to_string(),
            serde_json::Value::Bool(b) => if *b { "1" } else { "0" }.to_owned(),
            serde_json::Value::Object(inner) => {
                let inner_path = match &place {
                    Place::Json(p) => p.clone(),
                    Place::Cell { .. } => String::new(),
                };
                flatten_json(inner, &full, &inner_path, name, out, problems);
                continue;
            }
            serde_json::Value::Array(_) => {
                // Kobo lists attachments, notes, tags and validation data: metadata.
                if is_meta(&full) {
                    continue;
                }
                problems.push(error(
                    Code::ImportFormat,
                    name,
                    &place,
                    "a list where a value was expected (repeat groups are not part of dei's forms)",
                    "een lijst waar een waarde verwacht werd (herhaalgroepen horen niet bij de formulieren van dei)",
                ));
                continue;
            }
        };
        out.push((full, text, place));
    }
}

fn truncate(text: &str) -> String {
    let mut out: String = text.chars().take(60).filter(|c| !c.is_control()).collect();
    if text.chars().count() > 60 {
        out.push('…');
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Matching headers to the form's fields.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    OrgName,
    OrgId,
    Org(usize),
    Period,
    Respondent,
    Checklist,
    Version,
    Answer(usize),
    AnswerOption(usize, usize),
    NoneOption(usize),
    NaToggle(usize),
    NaToggleOption(usize),
    NaReason(usize),
    Evidence(usize),
    SubmissionId(u8),
    Meta,
}

/// Columns that Kobo and ODK Central add to every export.
fn is_meta(header: &str) -> bool {
    const META: &[&str] = &[
        "start",
        "end",
        "today",
        "deviceid",
        "username",
        "simserial",
        "subscriberid",
        "phonenumber",
        "audit",
        "audit_URL",
        "SubmissionDate",
        "SubmitterID",
        "SubmitterName",
        "AttachmentsPresent",
        "AttachmentsExpected",
        "Status",
        "ReviewState",
        "DeviceID",
        "Edits",
        "FormVersion",
        "UpdatedAt",
        "instanceName",
    ];
    header.starts_with('_')
        || META.contains(&header)
        || ["meta/", "meta-", "formhub/", "formhub-", "__system"]
            .iter()
            .any(|prefix| header.starts_with(prefix))
}

/// Submission id columns, best first.
fn submission_id_rank(header: &str) -> Option<u8> {
    match header {
        "_uuid" => Some(0),
        "meta/instanceID" | "meta-instanceID" | "instanceID" => Some(1),
        "KEY" => Some(2),
        "_id" => Some(3),
        _ => None,
    }
}

struct Importer<'a> {
    name: &'a str,
    checklist: &'a Checklist,
    questionnaire: &'a Questionnaire,
    layout: &'a Layout,
    reference: &'a str,
    targets: HashMap<String, Target>,
    /// Every label of every question and option, in every language: a header or value that is
    /// one means the export was made with labels.
    labels: HashMap<String, [String; 2]>,
}

impl<'a> Importer<'a> {
    fn new(
        name: &'a str,
        checklist: &'a Checklist,
        questionnaire: &'a Questionnaire,
        layout: &'a Layout,
        reference: &'a str,
    ) -> Self {
        let mut targets = HashMap::new();
        let mut add = |group: Option<&str>, field: &str, target: Target| {
            let mut forms = Vec::new();
            if let Some(group) = group {
                forms.push(format!("{group}/{field}"));
                forms.push(format!("{group}-{field}"));
            }
            forms.push(field.to_owned());
            for form in forms {
                targets.entry(form).or_insert(target);
            }
        };
        add(Some(ORG_GROUP), ORG_NAME, Target::OrgName);
        add(Some(ORG_GROUP), ORG_ID, Target::OrgId);
        for (index, org) in layout.org.iter().enumerate() {
            add(Some(ORG_GROUP), &org.name, Target::Org(index));
        }
        add(None, PERIOD, Target::Period);
        add(None, RESPONDENT, Target::Respondent);
        add(None, CHECKLIST_FIELD, Target::Checklist);
        add(None, VERSION_FIELD, Target::Version);
        for (index, (fields, question)) in layout
            .items
            .iter()
            .zip(questionnaire.questions())
            .enumerate()
        {
            let group = Some(fields.section.as_str());
            add(group, &fields.name, Target::Answer(index));
            if let Input::Multi { options } | Input::Choice { options } = &question.input
                && matches!(question.input, Input::Multi { .. })
            {
                for (o, option) in options.iter().enumerate() {
                    add(
                        group,
                        &format!("{}/{}", fields.name, option.id),
                        Target::AnswerOption(index, o),
                    );
                }
                add(
                    group,
                    &format!("{}/{NA_CHOICE}", fields.name),
                    Target::NaToggleOption(index),
                );
                add(
                    group,
                    &format!("{}/{NONE_CHOICE}", fields.name),
                    Target::NoneOption(index),
                );
            }
            if let Some(toggle) = &fields.na_toggle {
                add(group, toggle, Target::NaToggle(index));
                add(
                    group,
                    &format!("{toggle}/{NA_CHOICE}"),
                    Target::NaToggleOption(index),
                );
            }
            if let Some(reason) = &fields.na_reason {
                add(group, reason, Target::NaReason(index));
            }
            if let Some(evidence) = &fields.evidence {
                add(group, evidence, Target::Evidence(index));
            }
        }
        let mut labels = HashMap::new();
        for language in checklist.languages() {
            let q = Questionnaire::new(checklist, language);
            for question in q.questions() {
                labels.insert(
                    question.text.trim().to_lowercase(),
                    [
                        format!("the question {}", question.id),
                        format!("de vraag {}", question.id),
                    ],
                );
                if let Input::Choice { options } | Input::Multi { options } = &question.input {
                    for option in options {
                        labels
                            .entry(option.label.trim().to_lowercase())
                            .or_insert_with(|| {
                                [
                                    format!("option `{}` of {}", option.id, question.id),
                                    format!("optie `{}` van {}", option.id, question.id),
                                ]
                            });
                    }
                }
            }
        }
        Importer {
            name,
            checklist,
            questionnaire,
            layout,
            reference,
            targets,
            labels,
        }
    }

    fn target(&self, header: &str) -> Option<Target> {
        if let Some(target) = self.targets.get(header) {
            return Some(*target);
        }
        if let Some(rank) = submission_id_rank(header) {
            return Some(Target::SubmissionId(rank));
        }
        if is_meta(header) {
            return Some(Target::Meta);
        }
        // Kobo with "include groups in headers" and nested paths: try the last two and last
        // parts of the path.
        let parts: Vec<&str> = header.split('/').collect();
        if parts.len() > 2 {
            let tail = parts[parts.len() - 2..].join("/");
            if let Some(target) = self.targets.get(&tail) {
                return Some(*target);
            }
        }
        None
    }

    fn run(&self, records: &[Record]) -> Result<Vec<Submission>, Diagnostics> {
        // What each column is, found once per list of headers (every CSV and XLSX row shares
        // one; JSON submissions may differ).
        let mut targets: Vec<Arc<Vec<Option<Target>>>> = Vec::with_capacity(records.len());
        let mut previous: Option<&Record> = None;
        for record in records {
            match (previous, targets.last()) {
                (Some(before), Some(last)) if same_headers(before, record) => {
                    targets.push(Arc::clone(last));
                }
                _ => targets.push(Arc::new(
                    record.headers.iter().map(|h| self.target(h)).collect(),
                )),
            }
            previous = Some(record);
        }
        // Each submission is read and validated on its own, so on every core; what follows
        // takes the results in the order of the export, so the problems and files are those
        // of a run on one core.
        let mut results = in_parallel(records.len(), |index| {
            self.submission(&records[index], &targets[index])
        })
        .into_iter();
        let mut problems = Diagnostics::default();
        let mut out = Vec::new();
        let mut names: HashMap<String, Place> = HashMap::new();
        // Headers are checked once per list of headers, on the first record that has it.
        let mut checked: Option<&Record> = None;
        for record in records {
            if checked.is_none_or(|before| !same_headers(before, record)) {
                let header_problems = self.check_headers(record);
                let fatal = header_problems.has_errors();
                problems.0.extend(header_problems.0);
                if fatal {
                    return Err(problems);
                }
                checked = Some(record);
            }
            let Some(result) = results.next() else {
                break;
            };
            match result {
                Ok(submission) => {
                    if let Some(previous) =
                        names.insert(submission.file_name.clone(), record.origin.clone())
                    {
                        let [previous, vorige] = origin_text(&previous);
                        problems.push(hinted(
                            error(
                                Code::ImportFormat,
                                self.name,
                                &record.origin,
                                format!(
                                    "this submission gives the same file name `{}` as {previous}: same organisation, period and submission id",
                                    submission.file_name
                                ),
                                format!(
                                    "deze inzending geeft dezelfde bestandsnaam `{}` als {vorige}: dezelfde organisatie, periode en inzending-id",
                                    submission.file_name
                                ),
                            ),
                            "remove the duplicate submission from the export",
                            "haal de dubbele inzending uit de export",
                        ));
                    }
                    out.push(submission);
                }
                Err(found) => problems.0.extend(found.0),
            }
        }
        if problems.has_errors() {
            return Err(problems);
        }
        if records.is_empty() {
            return Err(Diagnostic::error(
                Code::ImportFormat,
                self.name,
                "the export holds no submissions",
            )
            .with_dutch("de export bevat geen inzendingen", None)
            .into());
        }
        Ok(out)
    }

    fn check_headers(&self, record: &Record) -> Diagnostics {
        let mut problems = Diagnostics::default();
        let known: Vec<&str> = self.targets.keys().map(String::as_str).collect();
        for (header, _, place) in record.fields() {
            let header_place = match place {
                Place::Cell { column, .. } => Place::Cell {
                    row: 1,
                    column: *column,
                },
                Place::Json(p) => Place::Json(p.clone()),
            };
            if self.target(header).is_some() {
                continue;
            }
            let label = self.labels.get(&header.trim().to_lowercase());
            if label.is_some() || header.contains(' ') {
                let of_label =
                    label.map_or_else(String::new, |l| format!(" (the label of {})", l[0]));
                let van_label =
                    label.map_or_else(String::new, |l| format!(" (het label van {})", l[1]));
                problems.push(hinted(
                    error(
                        Code::ImportFormat,
                        self.name,
                        &header_place,
                        format!("the column `{}` is a label{of_label}: this export has labels as headers", truncate(header)),
                        format!("de kolom `{}` is een label{van_label}: deze export heeft labels als kolomkoppen", truncate(header)),
                    ),
                    "export again with XML names: in KoboToolbox choose Export → Value and header format → \"XML values and headers\"; ODK Central always exports names",
                    "exporteer opnieuw met XML-namen: kies in KoboToolbox Export → Value and header format → \"XML values and headers\"; ODK Central exporteert altijd namen",
                ));
                return problems;
            }
            let mut diagnostic = error(
                Code::ImportFormat,
                self.name,
                &header_place,
                format!(
                    "the column `{}` is not a field of the {} form",
                    truncate(header),
                    self.layout.checklist
                ),
                format!(
                    "de kolom `{}` is geen veld van het formulier {}",
                    truncate(header),
                    self.layout.checklist
                ),
            );
            diagnostic = match nearest(header, known.iter().copied()) {
                Some(near) => hinted(
                    diagnostic,
                    format!(
                        "did you mean `{near}`? Was the export made from this checklist's `dei xlsform` form?"
                    ),
                    format!(
                        "bedoel je `{near}`? Is de export gemaakt met het formulier dat `dei xlsform` van deze checklist maakte?"
                    ),
                ),
                None => hinted(
                    diagnostic,
                    "import exports of the form that `dei xlsform` made from this checklist",
                    "importeer exports van het formulier dat `dei xlsform` van deze checklist maakte",
                ),
            };
            problems.push(diagnostic);
        }
        problems
    }

    /// One submission; `targets` says what each of its columns is.
    fn submission(
        &self,
        record: &Record,
        targets: &[Option<Target>],
    ) -> Result<Submission, Diagnostics> {
        let mut problems = Diagnostics::default();
        let items = self.layout.items.len();
        let questions: Vec<&dei_core::questionnaire::Question> =
            self.questionnaire.questions().collect();
        let mut org_name = String::new();
        let mut org_id = String::new();
        let mut org: Vec<Option<(String, Place)>> = vec![None; self.layout.org.len()];
        let mut period = (String::new(), record.origin.clone());
        let mut respondent = String::new();
        let mut version = None;
        let mut submission_id: Option<(u8, String)> = None;
        let mut answer: Vec<Option<(String, Place)>> = vec![None; items];
        let mut chosen: Vec<Vec<usize>> = vec![Vec::new(); items];
        let mut split_columns: Vec<bool> = vec![false; items];
        let mut na: Vec<bool> = vec![false; items];
        let mut none: Vec<bool> = vec![false; items];
        let mut reason: Vec<Option<String>> = vec![None; items];
        let mut evidence: Vec<Option<String>> = vec![None; items];
        let mut columns: Vec<Option<Place>> = vec![None; items];
        for ((value, place), target) in record.values.iter().zip(targets) {
            let Some(target) = *target else {
                continue;
            };
            let value_trimmed = value.trim();
            match target {
                Target::OrgName => value_trimmed.clone_into(&mut org_name),
                Target::OrgId => value_trimmed.clone_into(&mut org_id),
                Target::Org(i) => org[i] = Some((value_trimmed.to_owned(), place.clone())),
                Target::Period => period = (value_trimmed.to_owned(), place.clone()),
                Target::Respondent => {
                    if !value_trimmed.is_empty() && !RESPONDENT_GROUPS.contains(&value_trimmed) {
                        problems.push(self.not_a_choice(
                            place,
                            RESPONDENT,
                            value_trimmed,
                            RESPONDENT_GROUPS.iter().copied(),
                            None,
                        ));
                    }
                    value_trimmed.clone_into(&mut respondent);
                }
                Target::Checklist => {
                    if !value_trimmed.is_empty() && value_trimmed != self.checklist.id() {
                        problems.push(hinted(
                            error(
                                Code::ImportFormat,
                                self.name,
                                place,
                                format!("this submission was made with the form of checklist `{value_trimmed}`, not `{}`", self.checklist.id()),
                                format!("deze inzending is gemaakt met het formulier van checklist `{value_trimmed}`, niet `{}`", self.checklist.id()),
                            ),
                            format!("import it with `--checklist {value_trimmed}`"),
                            format!("importeer haar met `--checklist {value_trimmed}`"),
                        ));
                    }
                }
                Target::Version => {
                    if !value_trimmed.is_empty() {
                        version = Some(value_trimmed.to_owned());
                    }
                }
                Target::SubmissionId(rank) => {
                    if !value_trimmed.is_empty()
                        && submission_id.as_ref().is_none_or(|(r, _)| rank < *r)
                    {
                        submission_id = Some((rank, value_trimmed.to_owned()));
                    }
                }
                Target::Meta => {}
                Target::Answer(i) => {
                    columns[i].get_or_insert_with(|| place.clone());
                    if !value_trimmed.is_empty() {
                        answer[i] = Some((value.clone(), place.clone()));
                    }
                }
                Target::AnswerOption(i, o) => {
                    columns[i].get_or_insert_with(|| place.clone());
                    split_columns[i] = true;
                    match flag(value_trimmed) {
                        Some(true) => chosen[i].push(o),
                        Some(false) => {}
                        None => {
                            problems.push(self.bad_flag(place, &questions[i].id, value_trimmed));
                        }
                    }
                }
                Target::NoneOption(i) => match flag(value_trimmed) {
                    Some(set) => none[i] |= set,
                    None => problems.push(self.bad_flag(place, &questions[i].id, value_trimmed)),
                },
                Target::NaToggle(i) => {
                    na[i] |= value_trimmed
                        .split_whitespace()
                        .any(|token| token == NA_CHOICE);
                }
                Target::NaToggleOption(i) => match flag(value_trimmed) {
                    Some(set) => na[i] |= set,
                    None => problems.push(self.bad_flag(place, &questions[i].id, value_trimmed)),
                },
                Target::NaReason(i) => {
                    if !value_trimmed.is_empty() {
                        reason[i] = Some(value_trimmed.to_owned());
                    }
                }
                Target::Evidence(i) => {
                    if !value_trimmed.is_empty() {
                        evidence[i] = Some(value.clone());
                    }
                }
            }
        }

        // The answers, checked against their items as the form allowed them.
        let mut entries: Vec<(String, String)> = Vec::new();
        for (i, question) in questions.iter().enumerate() {
            let fields: &ItemFields = &self.layout.items[i];
            let place = answer[i]
                .as_ref()
                .map(|(_, p)| p.clone())
                .or_else(|| columns[i].clone())
                .unwrap_or_else(|| record.origin.clone());
            let mut value_yaml: Option<String> = None;
            match &question.input {
                Input::Choice { options } => {
                    if let Some((text, place)) = &answer[i] {
                        let text = text.trim();
                        if text == NA_CHOICE && question.allow_na {
                            na[i] = true;
                        } else if let Some(option) = options.iter().find(|o| o.id == text) {
                            value_yaml = Some(json(&option.id));
                        } else {
                            problems.push(self.not_a_choice(
                                place,
                                &question.id,
                                text,
                                options.iter().map(|o| o.id.as_str()),
                                Some(&question.id),
                            ));
                        }
                    }
                }
                Input::Multi { options } => {
                    let mut ids: Vec<&str> = Vec::new();
                    if let Some((text, place)) = &answer[i] {
                        // The space-separated column keeps the order of the answer; the columns
                        // per option are read only when it is missing.
                        {
                            for token in text.split_whitespace() {
                                if token == NA_CHOICE && question.allow_na {
                                    na[i] = true;
                                } else if token == NONE_CHOICE {
                                    none[i] = true;
                                } else if let Some(option) = options.iter().find(|o| o.id == token)
                                {
                                    ids.push(&option.id);
                                } else {
                                    problems.push(self.not_a_choice(
                                        place,
                                        &question.id,
                                        token,
                                        options.iter().map(|o| o.id.as_str()),
                                        Some(&question.id),
                                    ));
                                }
                            }
                        }
                    }
                    if answer[i].is_none() && split_columns[i] {
                        ids = chosen[i].iter().map(|&o| options[o].id.as_str()).collect();
                    }
                    if !ids.is_empty() || none[i] {
                        // "None of these" together with options is refused by the form's
                        // constraint; here the options win and dei-core sees the list.
                        let list: Vec<String> = ids.iter().map(|id| json(id)).collect();
                        value_yaml = Some(format!("[{}]", list.join(", ")));
                    }
                }
                Input::Number { .. } => {
                    if let Some((text, place)) = &answer[i] {
                        match text.trim().parse::<f64>() {
                            Ok(number) if number.is_finite() => value_yaml = Some(crate::form::format_number(number)),
                            _ => problems.push(hinted(
                                self.not_a_number(place, text.trim(), &question.id),
                                "write numbers with a decimal point and no thousands separators, such as 0.5",
                                "schrijf getallen met een decimale punt en zonder scheiding van duizendtallen, zoals 0.5",
                            )),
                        }
                    }
                }
                Input::Text => {
                    if let Some((text, _)) = &answer[i] {
                        value_yaml = Some(json(text.trim_end()));
                    }
                }
            }
            let _ = fields;
            if na[i] {
                // The form asks for a reason only with N/A: dei-core checks that one is there.
                let reason = reason[i].as_deref().map_or_else(|| "null".to_owned(), json);
                let entry = if value_yaml.is_some() {
                    format!(
                        "{{value: {}, na: true, reason: {reason}}}",
                        value_yaml.unwrap_or_default()
                    )
                } else {
                    format!("{{na: true, reason: {reason}}}")
                };
                entries.push((question.id.clone(), entry));
            } else if let Some(value) = value_yaml {
                let items: Vec<String> = evidence[i]
                    .as_deref()
                    .map(|text| {
                        text.lines()
                            .map(str::trim)
                            .filter(|line| !line.is_empty())
                            .map(json)
                            .collect()
                    })
                    .unwrap_or_default();
                let entry = if items.is_empty() {
                    value
                } else {
                    format!("{{value: {value}, evidence: [{}]}}", items.join(", "))
                };
                entries.push((question.id.clone(), entry));
            }
            let _ = &place;
        }
        if period.0.is_empty() {
            problems.push(hinted(
                error(
                    Code::ImportFormat,
                    self.name,
                    &period.1,
                    "the submission has no period",
                    "de inzending heeft geen periode",
                ),
                "the form's `period` field is required; fill it in Kobo (Data → edit) and export again",
                "het veld `period` van het formulier is verplicht; vul het in Kobo in (Data → edit) en exporteer opnieuw",
            ));
        }
        if problems.has_errors() {
            return Err(problems);
        }

        // The answers file.
        let mut text = String::new();
        let origin = origin_text(&record.origin);
        let origin_english = &origin[0];
        let id_text = submission_id.as_ref().map_or_else(String::new, |(_, id)| {
            format!(", submission {}", truncate(id))
        });
        let _ = writeln!(
            text,
            "# Imported by `dei import` from {}, {origin_english}{id_text}.",
            truncate(self.name).replace(['\n', '\r'], " ")
        );
        let _ = writeln!(text, "checklist: {}", json(self.reference));
        let _ = writeln!(
            text,
            "checklist_version: {}",
            json(version.as_deref().unwrap_or(self.checklist.version()))
        );
        text.push_str("organisation:\n");
        let _ = writeln!(text, "  name: {}", json(&org_name));
        if !org_id.is_empty() {
            let _ = writeln!(text, "  id: {}", json(&org_id));
        }
        for (field, value) in self.layout.org.iter().zip(&org) {
            let Some((value, place)) = value else {
                continue;
            };
            if value.is_empty() {
                continue;
            }
            let yaml = match field.kind {
                // The form's yes/no choice (`true` / `false`); anything else stays text, which
                // the condition then reads as true, as the answers file would.
                OrgType::Boolean if value == "true" || value == "false" => value.clone(),
                OrgType::Text | OrgType::Boolean => json(value),
                OrgType::Integer | OrgType::Decimal => match value.parse::<f64>() {
                    Ok(n) if n.is_finite() => crate::form::format_number(n),
                    _ => {
                        problems.push(self.not_a_number(
                            place,
                            value,
                            &format!("organisation.{}", field.key),
                        ));
                        continue;
                    }
                },
            };
            let _ = writeln!(text, "  {}: {yaml}", field.key);
        }
        let _ = writeln!(text, "period: {}", json(&period.0));
        if !respondent.is_empty() {
            // SPEC §15's `respondent: {group}` key comes with issue 17; until it is in the
            // answers format, the group is recorded as who assessed.
            let _ = writeln!(
                text,
                "assessed_by: [{}]",
                json(&format!("respondent group: {respondent}"))
            );
        }
        if entries.is_empty() {
            text.push_str("answers: {}\n");
        } else {
            text.push_str("answers:\n");
            for (id, entry) in &entries {
                let _ = writeln!(text, "  {id}: {entry}");
            }
        }
        if problems.has_errors() {
            return Err(problems);
        }

        // Validated by dei-core; its problems are moved to the cell they came from.
        let file_name = file_name(
            &org_id,
            &org_name,
            &period.0,
            submission_id.as_ref().map(|(_, id)| id.as_str()),
            &record.origin,
        );
        let source = Source::new(file_name.clone(), text.clone());
        if let Err(found) = Answers::from_source(&source, self.checklist) {
            for mut problem in found.0 {
                if !problem.is_error() {
                    continue;
                }
                let place = problem
                    .id
                    .as_ref()
                    .and_then(|id| questions.iter().position(|q| &q.id == id))
                    .and_then(|i| {
                        answer[i]
                            .as_ref()
                            .map(|(_, p)| p.clone())
                            .or_else(|| columns[i].clone())
                    })
                    .or_else(|| (problem.code == Code::MissingName).then(|| record.origin.clone()))
                    .unwrap_or_else(|| record.origin.clone());
                self.name.clone_into(&mut problem.file);
                problem.source_line = None;
                problem.line = None;
                problem.column = None;
                problems.push(located(problem, &place));
            }
            return Err(problems);
        }
        Ok(Submission {
            file_name,
            text,
            origin,
        })
    }

    fn not_a_choice<'o>(
        &self,
        place: &Place,
        field: &str,
        value: &str,
        options: impl Iterator<Item = &'o str>,
        id: Option<&str>,
    ) -> Diagnostic {
        let options: Vec<&str> = options.collect();
        let mut diagnostic = error(
            Code::InvalidAnswer,
            self.name,
            place,
            format!("`{}` is not a choice of {field}", truncate(value)),
            format!("`{}` is geen keuze van {field}", truncate(value)),
        );
        if let Some(id) = id {
            diagnostic = diagnostic.with_id(id);
        }
        if let Some([label, dutch]) = self.labels.get(&value.to_lowercase()) {
            hinted(
                diagnostic,
                format!(
                    "`{}` is the label of {label}: export again with \"XML values and headers\" (KoboToolbox: Export → Value and header format)",
                    truncate(value)
                ),
                format!(
                    "`{}` is het label van {dutch}: exporteer opnieuw met \"XML values and headers\" (KoboToolbox: Export → Value and header format)",
                    truncate(value)
                ),
            )
        } else {
            hinted(
                diagnostic,
                format!("the choices are: {}", options.join(", ")),
                format!("de keuzes zijn: {}", options.join(", ")),
            )
        }
    }

    /// A value that should be a number and is not, of the item or organisation key `id`.
    fn not_a_number(&self, place: &Place, value: &str, id: &str) -> Diagnostic {
        error(
            Code::InvalidAnswer,
            self.name,
            place,
            format!("`{}` is not a number", truncate(value)),
            format!("`{}` is geen getal", truncate(value)),
        )
        .with_id(id)
    }

    fn bad_flag(&self, place: &Place, id: &str, value: &str) -> Diagnostic {
        error(
            Code::InvalidAnswer,
            self.name,
            place,
            format!(
                "`{}` in a column per option: expected 1 or 0",
                truncate(value)
            ),
            format!(
                "`{}` in een kolom per optie: verwacht 1 of 0",
                truncate(value)
            ),
        )
        .with_id(id)
    }
}

/// Whether two records have the same headers (most often the very same list).
fn same_headers(a: &Record, b: &Record) -> bool {
    Arc::ptr_eq(&a.headers, &b.headers) || a.headers == b.headers
}

/// Submissions in one call at most, before the work is shared among threads.
const SUBMISSIONS_PER_TASK: usize = 32;

/// `work(0)`, `work(1)`... `work(count - 1)`, in that order, computed on one thread per core
/// (at most 16), which take the next [`SUBMISSIONS_PER_TASK`] indices from a shared counter.
fn in_parallel<T: Send>(count: usize, work: impl Fn(usize) -> T + Sync) -> Vec<T> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let workers = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .clamp(1, 16)
        .min(count.div_ceil(SUBMISSIONS_PER_TASK));
    if workers <= 1 {
        return (0..count).map(work).collect();
    }
    let next = AtomicUsize::new(0);
    let parts: Vec<Vec<(usize, T)>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let start = next.fetch_add(SUBMISSIONS_PER_TASK, Ordering::Relaxed);
                        if start >= count {
                            break done;
                        }
                        for index in start..(start + SUBMISSIONS_PER_TASK).min(count) {
                            done.push((index, work(index)));
                        }
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    let mut slots: Vec<Option<T>> = std::iter::repeat_with(|| None).take(count).collect();
    for (index, result) in parts.into_iter().flatten() {
        slots[index] = Some(result);
    }
    // Every index was taken by exactly one worker, so every slot is filled.
    slots.into_iter().flatten().collect()
}

/// A 0/1 cell of a column per option; empty is not chosen.
fn flag(value: &str) -> Option<bool> {
    match value {
        "1" | "True" | "true" | "TRUE" => Some(true),
        "0" | "False" | "false" | "FALSE" | "" => Some(false),
        _ => None,
    }
}

/// A YAML double-quoted scalar (JSON's string syntax is a subset of YAML's).
fn json(text: &str) -> String {
    serde_json::Value::from(text).to_string()
}

/// `de-brug-2025-1a2b3c4d.yaml`: organisation, period and the first 8 characters of the
/// submission id (random in Kobo and ODK; two submissions that still clash are an error), each
/// reduced to lower-case letters, digits and dashes.
fn file_name(
    org_id: &str,
    org_name: &str,
    period: &str,
    submission: Option<&str>,
    origin: &Place,
) -> String {
    let organisation = if org_id.is_empty() { org_name } else { org_id };
    let submission = submission.map_or_else(
        || match origin {
            Place::Cell { row, .. } => format!("row-{row}"),
            Place::Json(path) => format!("item-{}", slug(path)),
        },
        |id| {
            let id = id.strip_prefix("uuid:").unwrap_or(id);
            slug(id).chars().take(8).collect::<String>()
        },
    );
    let parts = [slug(organisation), slug(period), submission];
    let mut name: String = parts
        .iter()
        .filter(|part| !part.is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join("-");
    name.truncate(150);
    if name.is_empty() {
        "submission".clone_into(&mut name);
    }
    format!("{name}.yaml")
}

fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.len() >= 60 {
            break;
        }
    }
    out.trim_end_matches('-').to_owned()
}
