//! Whole-file pages: the history of a file and restoring an earlier version, the details of an
//! assessment (organisation, period, who assessed, goals), renaming its file (with its
//! history), and fixing the text of a file that does not validate.
//!
//! Every write here follows the rules of a section's save (`pages::save`): the form token, the
//! write lock, the form's version equal to the file's (else nothing is written and the page says
//! so), the whole new text accepted by the library first, the version on disk kept in the
//! history before an atomic rename. A file that `dei serve` did not write is replaced only when
//! the person ticks the confirmation, and its text is kept as `original` first
//! ([`store::confirm_foreign`]).

// Handlers answer with a page either way (`Result<Response, Response>`): the error side is a
// whole response by design.
#![allow(clippy::result_large_err)]

use std::sync::Arc;

use axum::extract::{Extension, Form, Path as UrlPath, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use dei_core::library::{FileKind, probe};
use dei_core::{Source, score};
use minijinja::Value;
use serde::Serialize;
use serde_json::json;

use crate::form::{self, Fields};
use crate::pages::{
    Assessment, Page, PageQuery, add_version_headers, base_context, csrf_refused, escape_query,
    io_failed, level_label, not_found_page, one_decimal, open_or_page, render, run_blocking,
    ui_language,
};
use crate::security::check_csrf;
use crate::store::{self, Header, entries_of, read_limited, resolve, written_by_server};
use crate::ui;
use crate::{App, Session};

/// A problem as the pages show it: where (`line 3:5`), the item, what, and the hint, in the
/// page's language where dei-core has the Dutch text.
#[derive(Clone, Debug, Serialize)]
struct Problem {
    place: String,
    id: Option<String>,
    message: String,
    hint: Option<String>,
}

impl Problem {
    fn of(problem: &dei_core::Diagnostic, lang: &str) -> Problem {
        let place = problem.line.map_or_else(String::new, |line| {
            let column = problem
                .column
                .map_or_else(String::new, |column| format!(":{column}"));
            format!("{} {line}{column}", ui::word(lang, "line"))
        });
        let (message, hint) = match (&problem.dutch, lang) {
            (Some(dutch), lang) if dei_core::is_dutch(lang) => (dutch.0.clone(), dutch.1.clone()),
            _ => (problem.message.clone(), problem.hint.clone()),
        };
        Problem {
            place,
            id: problem.id.clone(),
            message,
            hint,
        }
    }

    fn plain(message: String) -> Problem {
        Problem {
            place: String::new(),
            id: None,
            message,
            hint: None,
        }
    }
}

/// `text` as the answers file `name`: loaded, checked and scored, or every problem.
fn check(
    app: &App,
    name: &str,
    bytes: Vec<u8>,
    lang: &str,
) -> Result<Box<Assessment>, Vec<Problem>> {
    let source =
        Source::from_bytes(name, bytes).map_err(|problem| vec![Problem::of(&problem, lang)])?;
    let problems = |found: dei_core::Diagnostics| -> Vec<Problem> {
        found
            .errors()
            .map(|problem| Problem::of(problem, lang))
            .collect()
    };
    let probe = match probe(&source) {
        Ok(probe) if probe.kind() == FileKind::Answers => probe,
        Ok(_) => {
            return Err(vec![Problem::plain(
                ui::word(lang, "not_answers").to_owned(),
            )]);
        }
        Err(found) => return Err(problems(found)),
    };
    let (checklist, answers) = app
        .library()
        .answers_from_probe(&source, probe, Some(&app.folder))
        .map_err(problems)?;
    let scorecard = score(&checklist, &answers).map_err(problems)?;
    Ok(Box::new(Assessment {
        name: name.to_owned(),
        text: source.text().to_owned(),
        checklist,
        answers,
        scorecard,
    }))
}

/// One version of a file in a line: organisation, period, how much is answered, the score; or
/// that it does not validate.
fn summary(app: &App, name: &str, bytes: Vec<u8>, lang: &str) -> serde_json::Value {
    match check(app, name, bytes, lang) {
        Ok(assessment) => {
            let card = &assessment.scorecard;
            let answered: usize = card.sections.iter().map(|s| s.answered).sum();
            let in_scope: usize = card.sections.iter().map(|s| s.in_scope).sum();
            json!({
                "valid": true,
                "organisation": card.organisation,
                "period": card.period,
                "answered": format!("{answered} / {in_scope}"),
                "completeness": one_decimal(Some(card.completeness), lang),
                "overall": one_decimal(card.overall, lang),
                "level": level_label(&assessment.checklist, card.level.as_ref().map(|l| l.id.as_str()), lang),
            })
        }
        Err(problems) => json!({"valid": false, "problems": problems.len()}),
    }
}

/// The links of a file's own pages (which work whether or not it validates).
fn file_links(name: &str, lang: &str, here: &str) -> serde_json::Value {
    let file = escape_query(name);
    json!({
        "file": name,
        "file_url": format!("/a/{file}?lang={lang}"),
        "history_url": format!("/a/{file}/history?lang={lang}"),
        "fix_url": format!("/a/{file}/fix?lang={lang}"),
        "switch_url": format!("{here}?lang={}", ui::word(lang, "switch_lang")),
    })
}

/// The current text of `name` and the language of its pages: the page's, else the checklist's
/// when the file validates.
fn current(app: &App, name: &str, wanted: Option<&str>) -> Result<(Vec<u8>, String), Response> {
    let lang = ui_language(wanted, app, None);
    let path = resolve(&app.folder, name).ok_or_else(|| not_found_page(app, &lang))?;
    let bytes = read_limited(&path).map_err(|error| io_failed(app, &lang, &error))?;
    let lang = match check(app, name, bytes.clone(), &lang) {
        Ok(assessment) => ui_language(wanted, app, Some(&assessment.checklist)),
        Err(_) => lang,
    };
    Ok((bytes, lang))
}

/// A page's context from JSON (the templates read maps and lists).
fn view(context: &serde_json::Value) -> Value {
    Value::from(minijinja::value::Serde(context))
}

fn locked(app: &App) -> std::sync::MutexGuard<'_, ()> {
    app.write_lock
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn notice(lang: &str, key: &str, alert: bool) -> serde_json::Value {
    json!({"text": ui::word(lang, key), "alert": alert})
}

// ---------------------------------------------------------------------------------------------
// History and restore.

/// The versions of a file: the current one and every kept one, newest first, each with its
/// date and summary.
pub async fn history(
    State(app): State<Arc<App>>,
    UrlPath(name): UrlPath<String>,
    Query(query): Query<PageQuery>,
) -> Response {
    run_blocking(move || {
        let (bytes, lang) = current(&app, &name, query.lang.as_deref())?;
        let here = format!("/a/{}/history", escape_query(&name));
        let file = escape_query(&name);
        let versions: Vec<serde_json::Value> = store::history(&app.folder, &name)
            .into_iter()
            .map(|kept| {
                let summary = read_limited(&kept.path).map_or_else(
                    |_| json!({"valid": false, "problems": 1}),
                    |old| summary(&app, &name, old, &lang),
                );
                json!({
                    "id": kept.id,
                    "original": kept.id == "original",
                    "kept_at": kept.kept_at,
                    "url": format!("/a/{file}/history/{}?lang={lang}", kept.id),
                    "summary": summary,
                })
            })
            .collect();
        let version = store::version_of(&bytes);
        let mut response = render(
            &app,
            "history.html",
            StatusCode::OK,
            view(&json!({
                "t": ui::words(&lang),
                "lang": lang,
                "f": file_links(&name, &lang, &here),
                "switch_url": format!("{here}?lang={}", ui::word(&lang, "switch_lang")),
                "current": summary(&app, &name, bytes, &lang),
                "versions": versions,
                "notice": query.restored.as_ref().map(|_| notice(&lang, "restored", false)),
            })),
        );
        add_version_headers(&mut response, &version, &here);
        Ok(response)
    })
    .await
}

/// What the version page shows besides the kept text.
struct VersionShown {
    notice: Option<serde_json::Value>,
    status: StatusCode,
}

fn version_page(
    app: &App,
    session: &Session,
    name: &str,
    kept: &store::Kept,
    lang: &str,
    shown: &VersionShown,
) -> Page {
    let old = read_limited(&kept.path).map_err(|error| io_failed(app, lang, &error))?;
    let (now, _) = current(app, name, Some(lang))?;
    let here = format!("/a/{}/history/{}", escape_query(name), kept.id);
    let problems = match check(app, name, old.clone(), lang) {
        Ok(_) => Vec::new(),
        Err(problems) => problems,
    };
    let version = store::version_of(&now);
    let mut response = render(
        app,
        "version.html",
        shown.status,
        view(&json!({
            "t": ui::words(lang),
            "lang": lang,
            "csrf": session.csrf,
            "f": file_links(name, lang, &here),
            "switch_url": format!("{here}?lang={}", ui::word(lang, "switch_lang")),
            "kept": {"id": kept.id, "kept_at": kept.kept_at, "original": kept.id == "original"},
            "summary": summary(app, name, old.clone(), lang),
            "problems": problems,
            "text": String::from_utf8_lossy(&old),
            "action": format!("{here}/restore"),
            "version": version,
            "foreign": !written_by_server(&String::from_utf8_lossy(&now)),
            "notice": shown.notice,
        })),
    );
    add_version_headers(&mut response, &version, &here);
    Ok(response)
}

/// One kept version: its summary and text, and the form that restores it.
pub async fn version(
    State(app): State<Arc<App>>,
    Extension(session): Extension<Session>,
    UrlPath((name, id)): UrlPath<(String, String)>,
    Query(query): Query<PageQuery>,
) -> Response {
    run_blocking(move || {
        let (_, lang) = current(&app, &name, query.lang.as_deref())?;
        let kept = store::kept_version(&app.folder, &name, &id)
            .ok_or_else(|| not_found_page(&app, &lang))?;
        let shown = VersionShown {
            notice: None,
            status: StatusCode::OK,
        };
        version_page(&app, &session, &name, &kept, &lang, &shown)
    })
    .await
}

/// Restores a kept version: it becomes the current text (after the library accepts it), and
/// the current text goes into the history first.
pub async fn restore(
    State(app): State<Arc<App>>,
    Extension(session): Extension<Session>,
    UrlPath((name, id)): UrlPath<(String, String)>,
    Form(fields): Form<Fields>,
) -> Response {
    run_blocking(move || {
        let wanted = form::field(&fields, "lang");
        if !check_csrf(&session, form::field(&fields, "csrf")) {
            return Err(csrf_refused(&app, &ui_language(wanted, &app, None)));
        }
        let _guard = locked(&app);
        let (now, lang) = current(&app, &name, wanted)?;
        let kept = store::kept_version(&app.folder, &name, &id)
            .ok_or_else(|| not_found_page(&app, &lang))?;
        let refuse = |key: &str, status: StatusCode| {
            let shown = VersionShown {
                notice: Some(notice(&lang, key, true)),
                status,
            };
            match version_page(&app, &session, &name, &kept, &lang, &shown) {
                Ok(page) | Err(page) => page,
            }
        };
        if form::field(&fields, "version") != Some(store::version_of(&now).as_str()) {
            return Err(refuse("stale", StatusCode::CONFLICT));
        }
        let old = read_limited(&kept.path).map_err(|error| io_failed(&app, &lang, &error))?;
        let Ok(restored) = check(&app, &name, old, &lang) else {
            return Err(refuse("restore_invalid", StatusCode::UNPROCESSABLE_ENTITY));
        };
        let confirmed = form::field(&fields, "adopt").is_some();
        let now_text = String::from_utf8_lossy(&now);
        match store::confirm_foreign(&app.folder, &name, &now_text, confirmed) {
            Ok(true) => {}
            Ok(false) => return Err(refuse("must_confirm", StatusCode::CONFLICT)),
            Err(error) => return Err(io_failed(&app, &lang, &error)),
        }
        let version = store::write_versioned(&app.folder, &name, &restored.text)
            .map_err(|error| io_failed(&app, &lang, &error))?;
        let here = format!("/a/{}/history", escape_query(&name));
        let mut response = Redirect::to(&format!("{here}?lang={lang}&restored=1")).into_response();
        add_version_headers(&mut response, &version, &here);
        Ok(response)
    })
    .await
}

// ---------------------------------------------------------------------------------------------
// The assessment's details.

/// The details form as typed.
#[derive(Clone, Debug, Default, Serialize)]
struct Details {
    name: String,
    id: String,
    period: String,
    assessed_by: String,
    /// (key, value as typed) for every organisation key besides `name` and `id`.
    org: Vec<(String, String)>,
    /// (section id, level id or empty).
    goals: Vec<(String, String)>,
}

/// The organisation keys the form offers: those the file has, then those the checklist's
/// conditions read (`org.<key>` in `applies_if` and rule conditions), each once.
fn org_keys(assessment: &Assessment) -> Vec<String> {
    // The keys the file has, then the facts the checklist reads that it lacks; `name` and
    // `id` have fields of their own.
    let mut keys: Vec<String> = assessment.answers.organisation.keys().cloned().collect();
    for fact in dei_core::questionnaire::organisation_facts(&assessment.checklist) {
        if !keys.contains(&fact.key) {
            keys.push(fact.key);
        }
    }
    keys.retain(|key| key != "name" && key != "id");
    keys
}

fn value_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// A typed organisation value as the file will hold it: a text stays a text where the file
/// had one; otherwise `true`/`false`, a number (a decimal comma understood), a JSON list or
/// map, or a text.
fn typed_value(typed: &str, before: Option<&serde_json::Value>) -> serde_json::Value {
    let typed = typed.trim();
    if matches!(before, Some(serde_json::Value::String(_))) {
        return typed.into();
    }
    match typed {
        "true" => return true.into(),
        "false" => return false.into(),
        _ => {}
    }
    if let Some(number) = form::parse_number(typed) {
        // Whole numbers are written without a fraction, as people write them (`staff: 120`).
        // Below 2^53 every whole f64 is an exact i64, so the cast loses nothing.
        #[allow(clippy::cast_possible_truncation)]
        let whole = number as i64;
        return if number.fract() == 0.0 && number.abs() < 9e15 {
            whole.into()
        } else {
            serde_json::Number::from_f64(number).map_or_else(|| typed.into(), Into::into)
        };
    }
    if (typed.starts_with('[') || typed.starts_with('{'))
        && let Ok(value) = serde_json::from_str::<serde_json::Value>(typed)
    {
        return value;
    }
    typed.into()
}

fn details_of(assessment: &Assessment) -> Details {
    let organisation = &assessment.answers.organisation;
    let header = Header::of(&assessment.answers, &assessment.checklist);
    Details {
        name: organisation.get("name").map(value_text).unwrap_or_default(),
        id: organisation.get("id").map(value_text).unwrap_or_default(),
        period: assessment.answers.period.clone(),
        assessed_by: assessment.answers.assessed_by.join(", "),
        org: org_keys(assessment)
            .into_iter()
            .map(|key| {
                let value = organisation.get(&key).map(value_text).unwrap_or_default();
                (key, value)
            })
            .collect(),
        goals: assessment
            .checklist
            .sections()
            .iter()
            .map(|section| {
                let level = header
                    .goals
                    .iter()
                    .find(|(id, _)| *id == section.id)
                    .map(|(_, level)| level.clone())
                    .unwrap_or_default();
                (section.id.clone(), level)
            })
            .collect(),
    }
}

fn details_typed(assessment: &Assessment, fields: &Fields) -> Details {
    let get = |name: &str| {
        form::field(fields, name)
            .unwrap_or_default()
            .trim()
            .to_owned()
    };
    let mut typed = details_of(assessment);
    typed.name = get("name");
    typed.id = get("id");
    typed.period = get("period");
    typed.assessed_by = get("assessed_by");
    for (key, value) in &mut typed.org {
        *value = get(&format!("org:{key}"));
    }
    for (section, level) in &mut typed.goals {
        *level = get(&format!("goal:{section}"));
    }
    typed
}

/// The header that `typed` makes of the file's header.
fn details_header(assessment: &Assessment, typed: &Details) -> Header {
    let mut header = Header::of(&assessment.answers, &assessment.checklist);
    let before = assessment.answers.organisation.clone();
    let organisation = &mut header.organisation;
    organisation.insert("name".to_owned(), typed.name.clone().into());
    if typed.id.is_empty() {
        organisation.shift_remove("id");
    } else {
        organisation.insert("id".to_owned(), typed_value(&typed.id, Some(&"".into())));
    }
    for (key, value) in &typed.org {
        if value.is_empty() {
            organisation.shift_remove(key);
        } else {
            organisation.insert(key.clone(), typed_value(value, before.get(key)));
        }
    }
    header.period.clone_from(&typed.period);
    header.assessed_by = typed
        .assessed_by
        .split(',')
        .map(str::trim)
        .filter(|who| !who.is_empty())
        .map(str::to_owned)
        .collect();
    header.goals = typed
        .goals
        .iter()
        .filter(|(_, level)| !level.is_empty())
        .cloned()
        .collect();
    header
}

#[allow(clippy::too_many_arguments)]
fn details_page(
    app: &App,
    session: &Session,
    assessment: &Assessment,
    lang: &str,
    typed: &Details,
    errors: &[Problem],
    notice_key: Option<(&str, bool)>,
    status: StatusCode,
) -> Response {
    let here = format!("/a/{}/details", escape_query(&assessment.name));
    let default = assessment.checklist.default_language();
    let levels: Vec<serde_json::Value> = assessment
        .checklist
        .levels()
        .iter()
        .map(|level| json!({"id": level.id, "label": level.label.get(lang, default)}))
        .collect();
    let goals: Vec<serde_json::Value> = typed
        .goals
        .iter()
        .map(|(section, level)| {
            let title = assessment
                .checklist
                .sections()
                .iter()
                .find(|s| s.id == *section)
                .map(|s| s.title.get(lang, default).to_owned())
                .unwrap_or_default();
            json!({"section": section, "title": title, "level": level})
        })
        .collect();
    let version = store::version_of(assessment.text.as_bytes());
    let mut response = render(
        app,
        "details.html",
        status,
        view(&json!({
            "t": ui::words(lang),
            "lang": lang,
            "csrf": session.csrf,
            "a": base_context(app, assessment, lang, &here),
            "action": here,
            "version": version,
            "typed": typed,
            "org": typed.org.iter().map(|(key, value)| json!({"key": key, "value": value})).collect::<Vec<_>>(),
            "goals": goals,
            "levels": levels,
            "errors": errors,
            "notice": notice_key.map(|(key, alert)| notice(lang, key, alert)),
        })),
    );
    add_version_headers(&mut response, &version, &here);
    response
}

/// The details form: organisation (name, id, the keys conditions read), period, who assessed,
/// goals.
pub async fn details(
    State(app): State<Arc<App>>,
    Extension(session): Extension<Session>,
    UrlPath(name): UrlPath<String>,
    Query(query): Query<PageQuery>,
) -> Response {
    run_blocking(move || {
        let assessment = open_or_page(&app, &name, query.lang.as_deref())?;
        let lang = ui_language(query.lang.as_deref(), &app, Some(&assessment.checklist));
        let typed = details_of(&assessment);
        Ok(details_page(
            &app,
            &session,
            &assessment,
            &lang,
            &typed,
            &[],
            query.saved.as_ref().map(|_| ("details_saved", false)),
            StatusCode::OK,
        ))
    })
    .await
}

/// Saves the details: the whole file with the new header, checked by the library first.
pub async fn save_details(
    State(app): State<Arc<App>>,
    Extension(session): Extension<Session>,
    UrlPath(name): UrlPath<String>,
    Form(fields): Form<Fields>,
) -> Response {
    run_blocking(move || {
        let wanted = form::field(&fields, "lang");
        if !check_csrf(&session, form::field(&fields, "csrf")) {
            return Err(csrf_refused(&app, &ui_language(wanted, &app, None)));
        }
        let _guard = locked(&app);
        let assessment = open_or_page(&app, &name, wanted)?;
        let lang = ui_language(wanted, &app, Some(&assessment.checklist));
        let typed = details_typed(&assessment, &fields);
        let refuse = |errors: &[Problem], key: &str, status: StatusCode| {
            details_page(
                &app,
                &session,
                &assessment,
                &lang,
                &typed,
                errors,
                Some((key, true)),
                status,
            )
        };
        if !written_by_server(&assessment.text) {
            return Err(refuse(&[], "must_adopt", StatusCode::CONFLICT));
        }
        if form::field(&fields, "version")
            != Some(store::version_of(assessment.text.as_bytes()).as_str())
        {
            return Err(refuse(&[], "stale", StatusCode::CONFLICT));
        }
        let mut errors = Vec::new();
        if typed.name.is_empty() {
            errors.push(Problem::plain(ui::word(&lang, "name_required").to_owned()));
        }
        if typed.period.is_empty() {
            errors.push(Problem::plain(
                ui::word(&lang, "period_required").to_owned(),
            ));
        }
        let text = store::answers_yaml(
            &details_header(&assessment, &typed),
            &entries_of(&assessment.answers, &assessment.checklist),
        );
        if errors.is_empty()
            && let Err(problems) = check(&app, &name, text.clone().into_bytes(), &lang)
        {
            errors = problems;
        }
        if !errors.is_empty() {
            return Err(refuse(
                &errors,
                "details_not_saved",
                StatusCode::UNPROCESSABLE_ENTITY,
            ));
        }
        let version = store::write_versioned(&app.folder, &name, &text)
            .map_err(|error| io_failed(&app, &lang, &error))?;
        let here = format!("/a/{}/details", escape_query(&name));
        let mut response = Redirect::to(&format!("{here}?lang={lang}&saved=1")).into_response();
        add_version_headers(&mut response, &version, &here);
        Ok(response)
    })
    .await
}

// ---------------------------------------------------------------------------------------------
// Fixing a file that does not validate.

#[allow(clippy::too_many_arguments)]
fn fix_page(
    app: &App,
    session: &Session,
    name: &str,
    lang: &str,
    text: &str,
    version: &str,
    foreign: bool,
    problems: &[Problem],
    notice_key: Option<&str>,
    status: StatusCode,
) -> Response {
    let here = format!("/a/{}/fix", escape_query(name));
    let mut response = render(
        app,
        "fix.html",
        status,
        view(&json!({
            "t": ui::words(lang),
            "lang": lang,
            "csrf": session.csrf,
            "f": file_links(name, lang, &here),
            "switch_url": format!("{here}?lang={}", ui::word(lang, "switch_lang")),
            "action": here,
            "version": version,
            "text": text,
            "foreign": foreign,
            "problems": problems,
            "valid": problems.is_empty(),
            "notice": notice_key.map(|key| notice(lang, key, true)),
        })),
    );
    add_version_headers(&mut response, version, &here);
    response
}

/// A file's problems, located, and its text to correct; a file that validates links to its
/// form instead.
pub async fn fix(
    State(app): State<Arc<App>>,
    Extension(session): Extension<Session>,
    UrlPath(name): UrlPath<String>,
    Query(query): Query<PageQuery>,
) -> Response {
    run_blocking(move || {
        let (bytes, lang) = current(&app, &name, query.lang.as_deref())?;
        let problems = check(&app, &name, bytes.clone(), &lang)
            .err()
            .unwrap_or_default();
        let text = String::from_utf8_lossy(&bytes);
        Ok(fix_page(
            &app,
            &session,
            &name,
            &lang,
            &text,
            &store::version_of(&bytes),
            !written_by_server(&text),
            &problems,
            None,
            StatusCode::OK,
        ))
    })
    .await
}

/// Saves a corrected text: checked by the library first (if it still fails, its problems are
/// shown with the typed text kept); the text it replaces goes into the history.
pub async fn save_fix(
    State(app): State<Arc<App>>,
    Extension(session): Extension<Session>,
    UrlPath(name): UrlPath<String>,
    Form(fields): Form<Fields>,
) -> Response {
    run_blocking(move || {
        let wanted = form::field(&fields, "lang");
        if !check_csrf(&session, form::field(&fields, "csrf")) {
            return Err(csrf_refused(&app, &ui_language(wanted, &app, None)));
        }
        let _guard = locked(&app);
        let (now, lang) = current(&app, &name, wanted)?;
        let now_text = String::from_utf8_lossy(&now);
        // Browsers send line ends as CR LF; the files keep LF.
        let typed = form::field(&fields, "text")
            .unwrap_or_default()
            .replace("\r\n", "\n");
        let version = store::version_of(&now);
        let refuse = |problems: &[Problem], key: &str, status: StatusCode| {
            fix_page(
                &app,
                &session,
                &name,
                &lang,
                &typed,
                &version,
                !written_by_server(&now_text),
                problems,
                Some(key),
                status,
            )
        };
        if form::field(&fields, "version") != Some(version.as_str()) {
            let problems = check(&app, &name, now.clone(), &lang)
                .err()
                .unwrap_or_default();
            return Err(refuse(&problems, "stale", StatusCode::CONFLICT));
        }
        let problems = match check(&app, &name, typed.clone().into_bytes(), &lang) {
            Ok(_) => Vec::new(),
            Err(problems) => problems,
        };
        if !problems.is_empty() {
            return Err(refuse(
                &problems,
                "fix_not_saved",
                StatusCode::UNPROCESSABLE_ENTITY,
            ));
        }
        let confirmed = form::field(&fields, "adopt").is_some();
        match store::confirm_foreign(&app.folder, &name, &now_text, confirmed) {
            Ok(true) => {}
            Ok(false) => return Err(refuse(&[], "must_confirm", StatusCode::CONFLICT)),
            Err(error) => return Err(io_failed(&app, &lang, &error)),
        }
        let version = store::write_versioned(&app.folder, &name, &typed)
            .map_err(|error| io_failed(&app, &lang, &error))?;
        let mut response =
            Redirect::to(&format!("/a/{}?lang={lang}", escape_query(&name))).into_response();
        add_version_headers(
            &mut response,
            &version,
            &format!("/a/{}", escape_query(&name)),
        );
        Ok(response)
    })
    .await
}

// ---------------------------------------------------------------------------------------------
// Renaming a file (its history moves along).

/// Whether `stem` may name a file: letters, digits, `-`, `_` and `.`, not starting with `.`.
fn good_stem(stem: &str) -> bool {
    !stem.is_empty()
        && stem.len() <= 120
        && !stem.starts_with('.')
        && stem
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
}

/// Renames an assessment's file: the new name (typed without its extension, which stays) must
/// be free; the history moves with it. Refused like a save when the file changed meanwhile.
pub async fn rename(
    State(app): State<Arc<App>>,
    Extension(session): Extension<Session>,
    UrlPath(name): UrlPath<String>,
    Form(fields): Form<Fields>,
) -> Response {
    run_blocking(move || {
        let wanted = form::field(&fields, "lang");
        if !check_csrf(&session, form::field(&fields, "csrf")) {
            return Err(csrf_refused(&app, &ui_language(wanted, &app, None)));
        }
        let _guard = locked(&app);
        let assessment = open_or_page(&app, &name, wanted)?;
        let lang = ui_language(wanted, &app, Some(&assessment.checklist));
        let refuse = |key: &str, status: StatusCode| {
            crate::pages::message(
                &app,
                &lang,
                status,
                ui::word(&lang, "errors_title"),
                &[ui::word(&lang, key).to_owned()],
            )
        };
        if form::field(&fields, "version")
            != Some(store::version_of(assessment.text.as_bytes()).as_str())
        {
            return Err(refuse("stale", StatusCode::CONFLICT));
        }
        let stem = form::field(&fields, "name").unwrap_or_default().trim();
        let extension = name.rsplit_once('.').map_or("yaml", |(_, ext)| ext);
        let to = format!("{stem}.{extension}");
        if !good_stem(stem) {
            return Err(refuse("rename_bad", StatusCode::UNPROCESSABLE_ENTITY));
        }
        if to == name {
            return Ok(
                Redirect::to(&format!("/a/{}?lang={lang}", escape_query(&name))).into_response(),
            );
        }
        if app.folder.join(&to).exists() {
            return Err(refuse("rename_taken", StatusCode::CONFLICT));
        }
        match store::rename(&app.folder, &name, &to) {
            Ok(()) => {
                Ok(Redirect::to(&format!("/a/{}?lang={lang}", escape_query(&to))).into_response())
            }
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
                Err(refuse("rename_taken", StatusCode::CONFLICT))
            }
            Err(error) => Err(io_failed(&app, &lang, &error)),
        }
    })
    .await
}
