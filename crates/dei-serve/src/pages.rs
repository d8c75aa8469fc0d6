//! The pages (SPEC §17): the folder's assessments, a new assessment, one page per section to
//! fill in with its live summary, the report, progress across periods and downloads.
//!
//! Every page is built from the library: the questionnaire model for questions and options,
//! the answers checker before every save, scoring for the summary, `dei-report` for the
//! report. Handlers run their file work on tokio's blocking pool (a save waits for the disk).

// Handlers answer with a page either way (`Result<Response, Response>`): the error side is a
// whole response by design.
#![allow(clippy::result_large_err)]

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;
use std::sync::Arc;

use axum::extract::{Extension, Form, Path as UrlPath, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use dei_core::library::{FileKind, builtin_checklists, file_kind, probe};
use dei_core::questionnaire::{Input, Question, pick_language};
use dei_core::scorecard::Status;
use dei_core::{
    Answers, Checklist, Diagnostic, Diagnostics, Questionnaire, Scorecard, Source, score,
};
use dei_report::{Renderer, ReportInput, build, compare_report, markdown_to_html, report_json};
use minijinja::{Environment, UndefinedBehavior, Value, context};
use serde::Serialize;
use serde_json::json;

use crate::form::{self, Draft, Fields};
use crate::security::{REPORT_CSP, check_csrf};
use crate::store::{self, Header, OutEntry, entries_of, read_limited, resolve, written_by_server};
use crate::ui;
use crate::{App, Session};

const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../templates/base.html")),
    ("index.html", include_str!("../templates/index.html")),
    (
        "assessment.html",
        include_str!("../templates/assessment.html"),
    ),
    ("section.html", include_str!("../templates/section.html")),
    ("message.html", include_str!("../templates/message.html")),
    ("progress.html", include_str!("../templates/progress.html")),
    ("history.html", include_str!("../templates/history.html")),
    ("version.html", include_str!("../templates/version.html")),
    ("details.html", include_str!("../templates/details.html")),
    ("fix.html", include_str!("../templates/fix.html")),
];

/// `context!` for values that are only `Serialize` (our views, JSON values): each goes
/// through `Value::from_serialize`.
macro_rules! ctx {
    ($($key:ident $(=> $value:expr)?),* $(,)?) => {
        context! { $($key => Value::from(minijinja::value::Serde(&ctx!(@value $key $(, $value)?)))),* }
    };
    (@value $key:ident) => { $key };
    (@value $key:ident, $value:expr) => { $value };
}

const STYLESHEET: &str = include_str!("../templates/app.css");
const SCRIPT: &str = include_str!("../templates/app.js");

/// The page templates, compiled in; HTML auto-escaping on (by the `.html` names), undefined
/// values are errors, Markdown goes through the report's safe converter.
pub fn environment() -> Environment<'static> {
    let mut environment = Environment::new();
    environment.set_undefined_behavior(UndefinedBehavior::Strict);
    environment.set_fuel(Some(dei_report::FUEL));
    for (name, text) in TEMPLATES {
        // The templates are part of the binary; the tests render every one of them.
        environment
            .add_template(name, text)
            .expect("built-in templates compile");
    }
    environment.add_filter("md", |text: &str| {
        Value::from_safe_string(markdown_to_html(text, &[]))
    });
    environment
}

/// `?lang=` and the flags some pages show once.
#[derive(Debug, Default, serde::Deserialize)]
pub struct PageQuery {
    pub(crate) lang: Option<String>,
    pub(crate) saved: Option<String>,
    pub(crate) adopted: Option<String>,
    pub(crate) restored: Option<String>,
}

/// A finished response, or the page that says why not.
pub(crate) type Page = Result<Response, Response>;

pub(crate) async fn run_blocking<F>(work: F) -> Response
where
    F: FnOnce() -> Page + Send + 'static,
{
    match tokio::task::spawn_blocking(work).await {
        Ok(Ok(response) | Err(response)) => response,
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// The language of the application's words: the page's `lang`, the command line's, or the
/// checklist's default.
pub(crate) fn ui_language(
    wanted: Option<&str>,
    app: &App,
    checklist: Option<&Checklist>,
) -> String {
    let languages: Vec<String> = ui::LANGUAGES.iter().map(|l| (*l).to_owned()).collect();
    let wanted = wanted
        .or(app.language.as_deref())
        .or_else(|| checklist.map(Checklist::default_language))
        .unwrap_or("en");
    pick_language(&languages, wanted).to_owned()
}

pub(crate) fn render(app: &App, template: &str, status: StatusCode, ctx: Value) -> Response {
    match app
        .templates
        .get_template(template)
        .and_then(|template| template.render(ctx))
    {
        Ok(html) => (status, Html(html)).into_response(),
        Err(error) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("the page could not be rendered: {error}"),
        )
            .into_response(),
    }
}

pub(crate) fn message(
    app: &App,
    lang: &str,
    status: StatusCode,
    title: &str,
    lines: &[String],
) -> Response {
    render(
        app,
        "message.html",
        status,
        ctx! {
            t => ui::words(lang), lang, title, lines, switch_url => format!("/?lang={}", ui::word(lang, "switch_lang")),
        },
    )
}

pub(crate) fn not_found_page(app: &App, lang: &str) -> Response {
    message(
        app,
        lang,
        StatusCode::NOT_FOUND,
        ui::word(lang, "not_found"),
        &[ui::word(lang, "not_found_text").to_owned()],
    )
}

/// Any other address.
pub async fn not_found(State(app): State<Arc<App>>) -> Response {
    let lang = ui_language(None, &app, None);
    not_found_page(&app, &lang)
}

/// The stylesheet (the only style: the CSP forbids inline style).
pub async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "private, max-age=3600"),
        ],
        STYLESHEET,
    )
        .into_response()
}

/// The section page's script: progressive enhancement only (the pages work without it).
pub async fn script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "private, max-age=3600"),
        ],
        SCRIPT,
    )
        .into_response()
}

/// A problem as one line for people: where, what, and the hint.
pub(crate) fn problem_line(problem: &Diagnostic) -> String {
    let mut line = String::new();
    if let Some(row) = problem.line {
        let _ = write!(line, "line {row}");
        if let Some(column) = problem.column {
            let _ = write!(line, ":{column}");
        }
        line.push_str(": ");
    }
    if let Some(id) = &problem.id {
        let _ = write!(line, "{id}: ");
    }
    line.push_str(&problem.message);
    if let Some(hint) = &problem.hint {
        let _ = write!(line, " ({hint})");
    }
    line
}

/// An answers file of the folder, loaded, checked and scored.
pub(crate) struct Assessment {
    pub(crate) name: String,
    pub(crate) text: String,
    pub(crate) checklist: Arc<Checklist>,
    pub(crate) answers: Answers,
    pub(crate) scorecard: Scorecard,
}

pub(crate) enum Opened {
    Ok(Box<Assessment>),
    /// An answers file with problems (or another kind of file).
    Problems(Vec<String>),
}

pub(crate) fn open(app: &App, name: &str) -> Option<Opened> {
    let path = resolve(&app.folder, name)?;
    Some(open_path(app, name, &path))
}

pub(crate) fn open_path(app: &App, name: &str, path: &Path) -> Opened {
    let bytes = match read_limited(path) {
        Ok(bytes) => bytes,
        Err(error) => return Opened::Problems(vec![format!("{name}: {error}")]),
    };
    let source = match Source::from_bytes(name, bytes) {
        Ok(source) => source,
        Err(problem) => return Opened::Problems(vec![problem_line(&problem)]),
    };
    let problems =
        |found: Diagnostics| Opened::Problems(found.errors().map(problem_line).collect());
    let probe = match probe(&source) {
        Ok(probe) if probe.kind() == FileKind::Answers => probe,
        Ok(_) => {
            return Opened::Problems(vec![format!(
                "{name}: a checklist or tailoring, not answers"
            )]);
        }
        Err(found) => return problems(found),
    };
    let (checklist, answers) =
        match app
            .library()
            .answers_from_probe(&source, probe, Some(&app.folder))
        {
            Ok(loaded) => loaded,
            Err(found) => return problems(found),
        };
    let scorecard = match score(&checklist, &answers) {
        Ok(scorecard) => scorecard,
        Err(found) => return problems(found),
    };
    Opened::Ok(Box::new(Assessment {
        name: name.to_owned(),
        text: source.text().to_owned(),
        checklist,
        answers,
        scorecard,
    }))
}

pub(crate) fn level_label(checklist: &Checklist, id: Option<&str>, lang: &str) -> String {
    id.and_then(|id| checklist.levels().iter().find(|level| level.id == id))
        .map(|level| {
            level
                .label
                .get(lang, checklist.default_language())
                .to_owned()
        })
        .unwrap_or_default()
}

pub(crate) fn one_decimal(value: Option<f64>, lang: &str) -> String {
    value.map_or_else(
        || ui::word(lang, "unscored").to_owned(),
        |value| {
            let text = format!("{value:.1}");
            if dei_core::is_dutch(lang) {
                text.replace('.', ",")
            } else {
                text
            }
        },
    )
}

pub(crate) fn escape_query(value: &str) -> String {
    value
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

pub(crate) fn checklist_title(checklist: &Checklist, lang: &str) -> String {
    checklist
        .title()
        .get(lang, checklist.default_language())
        .to_owned()
}

/// The list of the folder's assessments, and the form of a new one.
pub async fn index(
    State(app): State<Arc<App>>,
    Extension(session): Extension<Session>,
    Query(query): Query<PageQuery>,
) -> Response {
    run_blocking(move || {
        let lang = ui_language(query.lang.as_deref(), &app, None);
        Ok(index_page(
            &app,
            &session,
            &lang,
            &NewForm::default(),
            &[],
            StatusCode::OK,
        ))
    })
    .await
}

/// The new-assessment form as typed.
#[derive(Clone, Debug, Default, Serialize)]
struct NewForm {
    checklist: String,
    from: String,
    name: String,
    period: String,
    assessed_by: String,
}

fn index_page(
    app: &App,
    session: &Session,
    lang: &str,
    typed: &NewForm,
    errors: &[String],
    status: StatusCode,
) -> Response {
    let mut rows = Vec::new();
    let mut local_checklists = Vec::new();
    for name in store::list_files(&app.folder) {
        let Some(path) = resolve(&app.folder, &name) else {
            continue;
        };
        match open_path(app, &name, &path) {
            Opened::Ok(assessment) => {
                let card = &assessment.scorecard;
                rows.push(json!({
                    "file": name,
                    "url": format!("/a/{}?lang={lang}", escape_query(&name)),
                    "organisation": card.organisation,
                    "period": card.period,
                    "checklist": format!("{} {}", card.checklist.id, card.checklist.version),
                    "completeness": one_decimal(Some(card.completeness), lang),
                    "overall": one_decimal(card.overall, lang),
                    "level": level_label(&assessment.checklist, card.level.as_ref().map(|l| l.id.as_str()), lang),
                }));
            }
            Opened::Problems(problems) => {
                let is_definition = read_limited(&path)
                    .ok()
                    .and_then(|bytes| Source::from_bytes(name.clone(), bytes).ok())
                    .and_then(|source| file_kind(&source).ok())
                    .is_some_and(|kind| kind != FileKind::Answers);
                if is_definition {
                    local_checklists.push(name);
                } else {
                    rows.push(json!({
                        "file": name,
                        "fix_url": fix_url(&name, lang),
                        "problems": problems.into_iter().take(3).collect::<Vec<_>>(),
                    }));
                }
            }
        }
    }
    let mut library = app.library();
    let builtins: Vec<serde_json::Value> = builtin_checklists()
        .iter()
        .filter_map(|(id, _)| {
            let checklist = library.checklist(id, None).ok()?;
            Some(json!({"id": id, "title": checklist_title(&checklist, lang)}))
        })
        .collect();
    let previous: Vec<&serde_json::Value> =
        rows.iter().filter(|row| row.get("url").is_some()).collect();
    render(
        app,
        "index.html",
        status,
        ctx! {
            t => ui::words(lang),
            lang,
            switch_url => format!("/?lang={}", ui::word(lang, "switch_lang")),
            csrf => session.csrf,
            folder => app.folder.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
            rows,
            previous,
            builtins,
            local_checklists,
            typed,
            errors,
        },
    )
}

fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.trim().chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').chars().take(60).collect()
}

/// Creates a new assessment file (never over an existing one) and opens it.
pub async fn create(
    State(app): State<Arc<App>>,
    Extension(session): Extension<Session>,
    Form(fields): Form<Fields>,
) -> Response {
    run_blocking(move || {
        let lang = ui_language(form::field(&fields, "lang"), &app, None);
        if !check_csrf(&session, form::field(&fields, "csrf")) {
            return Err(csrf_refused(&app, &lang));
        }
        let get = |name: &str| {
            form::field(&fields, name)
                .unwrap_or_default()
                .trim()
                .to_owned()
        };
        let typed = NewForm {
            checklist: get("checklist"),
            from: get("from"),
            name: get("name"),
            period: get("period"),
            assessed_by: get("assessed_by"),
        };
        let mut errors = Vec::new();
        let previous = if typed.from.is_empty() {
            None
        } else if let Some(Opened::Ok(previous)) = open(&app, &typed.from) {
            Some(previous)
        } else {
            errors.push(ui::word(&lang, "not_found_text").to_owned());
            None
        };
        if previous.is_none() && typed.name.is_empty() {
            errors.push(ui::word(&lang, "name_required").to_owned());
        }
        if typed.period.is_empty() {
            errors.push(ui::word(&lang, "period_required").to_owned());
        }
        if previous.is_none() && typed.checklist.is_empty() {
            errors.push(ui::word(&lang, "choose_checklist").to_owned());
        }
        let assessed_by: Vec<String> = typed
            .assessed_by
            .split(',')
            .map(str::trim)
            .filter(|who| !who.is_empty())
            .map(str::to_owned)
            .collect();
        let mut text = None;
        if errors.is_empty() {
            let result = match &previous {
                Some(previous) => {
                    let mut header = Header::of(&previous.answers, &previous.checklist);
                    header.checklist_version = Some(previous.checklist.version().to_owned());
                    if !typed.name.is_empty() {
                        header
                            .organisation
                            .insert("name".to_owned(), typed.name.clone().into());
                    }
                    header.period.clone_from(&typed.period);
                    header.assessed_by = assessed_by;
                    Ok(store::answers_yaml(
                        &header,
                        &entries_of(&previous.answers, &previous.checklist),
                    ))
                }
                None => new_answers(&app, &typed, assessed_by),
            };
            match result {
                Ok(yaml) => text = Some(yaml),
                Err(problems) => errors.extend(problems),
            }
        }
        let organisation = if typed.name.is_empty() {
            previous
                .as_ref()
                .map(|p| p.answers.name.clone())
                .unwrap_or_default()
        } else {
            typed.name.clone()
        };
        let file = format!("{}-{}.yaml", slug(&organisation), slug(&typed.period));
        if errors.is_empty() && (app.folder.join(&file).exists() || file.starts_with('-')) {
            errors.push(ui::word(&lang, "exists").to_owned());
        }
        let Some(text) = text.filter(|_| errors.is_empty()) else {
            return Err(index_page(
                &app,
                &session,
                &lang,
                &typed,
                &errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            ));
        };
        // Checked like every save: the file is written only when the library accepts it.
        let source = Source::new(file.clone(), text.clone());
        if let Err(found) = app
            .library()
            .answers_from_source(&source, Some(&app.folder))
        {
            let errors: Vec<String> = found.errors().map(problem_line).collect();
            return Err(index_page(
                &app,
                &session,
                &lang,
                &typed,
                &errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            ));
        }
        let _guard = app
            .write_lock
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if app.folder.join(&file).exists() {
            return Err(index_page(
                &app,
                &session,
                &lang,
                &typed,
                &[ui::word(&lang, "exists").to_owned()],
                StatusCode::CONFLICT,
            ));
        }
        store::write_versioned(&app.folder, &file, &text)
            .map_err(|error| io_failed(&app, &lang, &error))?;
        Ok(Redirect::to(&format!("/a/{}?lang={lang}", escape_query(&file))).into_response())
    })
    .await
}

fn new_answers(
    app: &App,
    typed: &NewForm,
    assessed_by: Vec<String>,
) -> Result<String, Vec<String>> {
    let is_builtin = builtin_checklists()
        .iter()
        .any(|(id, _)| *id == typed.checklist);
    if !is_builtin && resolve(&app.folder, &typed.checklist).is_none() {
        return Err(vec![format!("{}: not a checklist here", typed.checklist)]);
    }
    let checklist = app
        .library()
        .checklist(&typed.checklist, Some(&app.folder))
        .map_err(|found| found.errors().map(problem_line).collect::<Vec<_>>())?;
    let mut organisation = indexmap::IndexMap::new();
    organisation.insert("name".to_owned(), typed.name.clone().into());
    let header = Header {
        checklist: typed.checklist.clone(),
        checklist_version: Some(checklist.version().to_owned()),
        organisation,
        period: typed.period.clone(),
        assessed_by,
        goals: Vec::new(),
        ..Header::default()
    };
    Ok(store::answers_yaml(&header, &[]))
}

pub(crate) fn csrf_refused(app: &App, lang: &str) -> Response {
    message(
        app,
        lang,
        StatusCode::FORBIDDEN,
        ui::word(lang, "forbidden"),
        &[ui::word(lang, "csrf_failed").to_owned()],
    )
}

pub(crate) fn io_failed(app: &App, lang: &str, error: &std::io::Error) -> Response {
    message(
        app,
        lang,
        StatusCode::INTERNAL_SERVER_ERROR,
        ui::word(lang, "errors_title"),
        &[format!("the file could not be written: {error}")],
    )
}

/// The page where a file that does not validate is fixed.
pub(crate) fn fix_url(name: &str, lang: &str) -> String {
    format!("/a/{}/fix?lang={lang}", escape_query(name))
}

/// Opens `name` or answers with the page that says why not (with a link to fix the file).
pub(crate) fn open_or_page(
    app: &App,
    name: &str,
    wanted: Option<&str>,
) -> Result<Box<Assessment>, Response> {
    match open(app, name) {
        None => Err(not_found_page(app, &ui_language(wanted, app, None))),
        Some(Opened::Problems(lines)) => {
            let lang = ui_language(wanted, app, None);
            let mut all = vec![format!("{name}: {}", ui::word(&lang, "problems_file"))];
            all.extend(lines);
            Err(render(
                app,
                "message.html",
                StatusCode::UNPROCESSABLE_ENTITY,
                ctx! {
                    t => ui::words(&lang), lang, title => ui::word(&lang, "errors_title"), lines => all,
                    switch_url => format!("/?lang={}", ui::word(&lang, "switch_lang")),
                    link => json!({"url": fix_url(name, &lang), "text": ui::word(&lang, "fix")}),
                },
            ))
        }
        Some(Opened::Ok(assessment)) => Ok(assessment),
    }
}

pub(crate) fn base_context(
    app: &App,
    assessment: &Assessment,
    lang: &str,
    here: &str,
) -> serde_json::Value {
    let card = &assessment.scorecard;
    let file = escape_query(&assessment.name);
    let _ = app;
    json!({
        "file": assessment.name,
        "file_url": format!("/a/{file}?lang={lang}"),
        "adopt_url": format!("/a/{file}/adopt"),
        "report_url": format!("/a/{file}/report?lang={lang}"),
        "progress_url": format!("/a/{file}/progress?lang={lang}"),
        "history_url": format!("/a/{file}/history?lang={lang}"),
        "details_url": format!("/a/{file}/details?lang={lang}"),
        "rename_url": format!("/a/{file}/rename"),
        "stem": assessment.name.rsplit_once('.').map_or(assessment.name.as_str(), |(stem, _)| stem),
        "extension": assessment.name.rsplit_once('.').map_or("", |(_, ext)| ext),
        "download": {
            "yaml": format!("/a/{file}/download/yaml"),
            "html": format!("/a/{file}/download/html?lang={lang}"),
            "json": format!("/a/{file}/download/json"),
        },
        "switch_url": format!("{here}?lang={}", ui::word(lang, "switch_lang")),
        "organisation": card.organisation,
        "period": card.period,
        "checklist": checklist_title(&assessment.checklist, lang),
        "overall": one_decimal(card.overall, lang),
        "completeness": one_decimal(Some(card.completeness), lang),
        "level": level_label(&assessment.checklist, card.level.as_ref().map(|l| l.id.as_str()), lang),
        "washing": card.washing_risk.as_str(),
        "ours": written_by_server(&assessment.text),
    })
}

/// One assessment: its summary, its sections, the report, progress and downloads.
pub async fn assessment(
    State(app): State<Arc<App>>,
    Extension(session): Extension<Session>,
    UrlPath(name): UrlPath<String>,
    Query(query): Query<PageQuery>,
) -> Response {
    run_blocking(move || {
        let assessment = open_or_page(&app, &name, query.lang.as_deref())?;
        let lang = ui_language(query.lang.as_deref(), &app, Some(&assessment.checklist));
        let questionnaire = Questionnaire::new(&assessment.checklist, &lang);
        let file = escape_query(&name);
        let sections: Vec<serde_json::Value> = questionnaire
            .sections
            .iter()
            .zip(&assessment.scorecard.sections)
            .map(|(section, result)| {
                json!({
                    "title": section.title,
                    "url": format!("/a/{file}/s/{}?lang={lang}", escape_query(&section.id)),
                    "answered": format!("{} / {}", result.answered, result.in_scope),
                    "score": one_decimal(result.score, &lang),
                    "level": level_label(&assessment.checklist, result.level.as_deref(), &lang),
                })
            })
            .collect();
        let here = format!("/a/{file}");
        Ok(render(
            &app,
            "assessment.html",
            StatusCode::OK,
            ctx! {
                t => ui::words(&lang),
                lang,
                csrf => session.csrf,
                a => base_context(&app, &assessment, &lang, &here),
                version => store::version_of(assessment.text.as_bytes()),
                sections,
                adopted => query.adopted,
            },
        ))
    })
    .await
}

/// The user confirms that the server may rewrite a file it did not create: the original is
/// copied into the history first.
pub async fn adopt(
    State(app): State<Arc<App>>,
    Extension(session): Extension<Session>,
    UrlPath(name): UrlPath<String>,
    Form(fields): Form<Fields>,
) -> Response {
    run_blocking(move || {
        let wanted = form::field(&fields, "lang").map(str::to_owned);
        let lang = ui_language(wanted.as_deref(), &app, None);
        if !check_csrf(&session, form::field(&fields, "csrf")) {
            return Err(csrf_refused(&app, &lang));
        }
        let _guard = app
            .write_lock
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let assessment = open_or_page(&app, &name, wanted.as_deref())?;
        if !written_by_server(&assessment.text) {
            store::keep_in_history(
                &app.folder,
                &name,
                assessment.text.as_bytes(),
                Some("original"),
            )
            .map_err(|error| io_failed(&app, &lang, &error))?;
            let text = store::answers_yaml(
                &Header::of(&assessment.answers, &assessment.checklist),
                &entries_of(&assessment.answers, &assessment.checklist),
            );
            store::write_atomic(&app.folder.join(&name), text.as_bytes())
                .map_err(|error| io_failed(&app, &lang, &error))?;
        }
        Ok(
            Redirect::to(&format!("/a/{}?lang={lang}&adopted=1", escape_query(&name)))
                .into_response(),
        )
    })
    .await
}

/// A question as the section template shows it.
#[derive(Debug, Serialize)]
struct QuestionView<'a> {
    q: &'a Question,
    kind: &'static str,
    options: Vec<serde_json::Value>,
    draft: Draft,
    errors: Vec<String>,
    their: Option<String>,
    range: String,
    unit: String,
    status: &'static str,
    /// False when `applies_if` leaves it out: rendered hidden, so a script can show it as soon
    /// as an answer brings it in (`scope`).
    applies: bool,
}

/// What the section page shows besides the saved answers.
#[derive(Default)]
struct Shown {
    drafts: HashMap<String, Draft>,
    errors: HashMap<String, Vec<String>>,
    general: Vec<String>,
    their: HashMap<String, String>,
    notice: Option<(&'static str, bool)>,
    version: Option<String>,
}

fn range_words(lang: &str, min: Option<f64>, max: Option<f64>) -> String {
    let n = |v: f64| store::number_text(v);
    match (min, max) {
        (Some(min), Some(max)) => ui::word(lang, "from_to")
            .replace("{min}", &n(min))
            .replace("{max}", &n(max)),
        (Some(min), None) => ui::word(lang, "at_least").replace("{min}", &n(min)),
        (None, Some(max)) => ui::word(lang, "at_most").replace("{max}", &n(max)),
        (None, None) => String::new(),
    }
}

fn entry_words(entry: &OutEntry, lang: &str) -> String {
    let draft = form::draft_of(entry);
    let mut parts = Vec::new();
    if draft.na {
        parts.push(format!("{}: {}", ui::word(lang, "na"), draft.reason));
    } else if !draft.values.is_empty() {
        parts.push(draft.values.join(", "));
    } else if !draft.value.is_empty() {
        parts.push(draft.value.clone());
    } else {
        parts.push(ui::word(lang, "no_answer").to_owned());
    }
    if !draft.evidence.is_empty() {
        parts.push(format!(
            "{}: {}",
            ui::word(lang, "evidence"),
            draft
                .evidence
                .iter()
                .map(|entry| entry.text.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        ));
    }
    if !draft.comment.is_empty() {
        parts.push(format!("{}: {}", ui::word(lang, "comment"), draft.comment));
    }
    parts.join(" · ")
}

fn section_page(
    app: &App,
    session: &Session,
    assessment: &Assessment,
    section_id: &str,
    lang: &str,
    shown: &Shown,
    status: StatusCode,
) -> Result<Response, Response> {
    let questionnaire = Questionnaire::new(&assessment.checklist, lang);
    let Some(position) = questionnaire
        .sections
        .iter()
        .position(|s| s.id == section_id)
    else {
        return Err(not_found_page(app, lang));
    };
    let section = &questionnaire.sections[position];
    let saved: HashMap<String, OutEntry> = entries_of(&assessment.answers, &assessment.checklist)
        .into_iter()
        .collect();
    let card = &assessment.scorecard;
    let results: HashMap<&str, &dei_core::scorecard::ItemResult> = card
        .items
        .iter()
        .map(|item| (item.id.as_str(), item))
        .collect();
    let mut shown_questions = Vec::new();
    let mut hidden = Vec::new();
    let mut problems = Vec::new();
    for question in &section.questions {
        let result = results.get(question.id.as_str());
        let status = result.map_or(Status::Unanswered, |r| r.status);
        let applies = status != Status::OutOfScope || shown.drafts.contains_key(&question.id);
        if let Some(condition) = &question.applies_if {
            hidden.push(json!({
                "id": question.id, "text": question.text,
                "condition": condition.source, "applies": applies,
            }));
        }
        let draft = shown.drafts.get(&question.id).cloned().unwrap_or_else(|| {
            saved
                .get(&question.id)
                .map(form::draft_of)
                .unwrap_or_default()
        });
        let (kind, options, range, unit) = match &question.input {
            Input::Choice { options } | Input::Multi { options } => {
                let multi = matches!(question.input, Input::Multi { .. });
                let options = options
                    .iter()
                    .map(|option| {
                        let checked = if multi {
                            draft.values.contains(&option.id)
                        } else {
                            draft.value == option.id
                        };
                        json!({"id": option.id, "label": option.label, "description": option.description, "checked": checked})
                    })
                    .collect();
                (
                    if multi { "multi" } else { "choice" },
                    options,
                    String::new(),
                    String::new(),
                )
            }
            Input::Number { unit, min, max, .. } => (
                "number",
                Vec::new(),
                range_words(lang, *min, *max),
                unit.clone().unwrap_or_default(),
            ),
            Input::Text => ("text", Vec::new(), String::new(), String::new()),
        };
        if let Some(result) = result {
            let mut add = |key: &str| {
                problems.push(json!({"id": question.id, "anchor": format!("q-{}", question.id), "text": question.text, "what": ui::word(lang, key)}));
            };
            if result.status == Status::Unanswered {
                add("p_unanswered");
            }
            if result.unevidenced_claim {
                add("p_unevidenced");
            }
            if result.evidence_gap {
                add("p_gap");
            }
        }
        shown_questions.push(QuestionView {
            q: question,
            kind,
            options,
            draft,
            errors: shown.errors.get(&question.id).cloned().unwrap_or_default(),
            their: shown.their.get(&question.id).cloned(),
            range,
            unit,
            status: status.as_str(),
            applies,
        });
    }
    let item_ids: Vec<&str> = section.questions.iter().map(|q| q.id.as_str()).collect();
    for flag in &card.flags {
        if flag
            .items
            .iter()
            .any(|item| item_ids.contains(&item.as_str()))
        {
            let title = assessment
                .checklist
                .rules()
                .iter()
                .find(|rule| rule.id == flag.rule)
                .map_or_else(
                    || flag.rule.clone(),
                    |rule| {
                        rule.title
                            .get(lang, assessment.checklist.default_language())
                            .to_owned()
                    },
                );
            let first = flag
                .items
                .iter()
                .find(|item| item_ids.contains(&item.as_str()))
                .cloned()
                .unwrap_or_default();
            problems.push(json!({"id": first, "anchor": format!("q-{first}"), "text": title, "what": ui::word(lang, "p_flag")}));
        }
    }
    for warning in &card.warnings {
        if let Some(id) = &warning.id
            && item_ids.contains(&id.as_str())
        {
            problems.push(json!({"id": id, "anchor": format!("q-{id}"), "text": warning.message, "what": warning.code}));
        }
    }
    let result = &card.sections[position];
    let file = escape_query(&assessment.name);
    let nav = |offset: isize| {
        position
            .checked_add_signed(offset)
            .and_then(|i| questionnaire.sections.get(i))
            .map(|s| json!({"title": s.title, "url": format!("/a/{file}/s/{}?lang={lang}", escape_query(&s.id))}))
    };
    let here = format!("/a/{file}/s/{}", escape_query(section_id));
    let version = shown
        .version
        .clone()
        .unwrap_or_else(|| store::version_of(assessment.text.as_bytes()));
    let error_count = shown.errors.values().map(Vec::len).sum::<usize>() + shown.general.len();
    let mut response = render(
        app,
        "section.html",
        status,
        ctx! {
            t => ui::words(lang),
            lang,
            csrf => session.csrf,
            a => base_context(app, assessment, lang, &here),
            action => here,
            version,
            section => json!({"id": section.id, "title": section.title, "description": section.description}),
            evidence_types => dei_core::evidence::EVIDENCE_TYPES
                .iter()
                .map(|id| json!({"id": id, "label": ui::word(lang, &format!("ev_{id}"))}))
                .collect::<Vec<_>>(),
            not_applying => hidden.iter().filter(|h| h["applies"] == false).count(),
            questions => shown_questions,
            hidden,
            scope_url => format!("{here}/scope"),
            problems,
            summary => json!({
                "score": one_decimal(result.score, lang),
                "level": level_label(&assessment.checklist, result.level.as_deref(), lang),
                "answered": format!("{} / {}", result.answered, result.in_scope),
            }),
            previous => nav(-1),
            next => nav(1),
            notice => shown.notice.map(|(key, alert)| json!({"text": ui::word(lang, key), "alert": alert})),
            general => shown.general,
            error_count,
        },
    );
    // The file's version and where it lives: a script or load generator can save again
    // without reading the form (the version is also in the form).
    add_version_headers(&mut response, &version, &here);
    Ok(response)
}

pub(crate) fn add_version_headers(response: &mut Response, version: &str, location: &str) {
    let headers = response.headers_mut();
    if let Ok(value) = header::HeaderValue::from_str(&format!("\"{version}\"")) {
        headers.insert(header::ETAG, value);
    }
    if let Ok(value) = header::HeaderValue::from_str(location) {
        headers.insert(header::CONTENT_LOCATION, value);
    }
}

/// One section to fill in, with its live summary.
pub async fn section(
    State(app): State<Arc<App>>,
    Extension(session): Extension<Session>,
    UrlPath((name, section_id)): UrlPath<(String, String)>,
    Query(query): Query<PageQuery>,
) -> Response {
    run_blocking(move || {
        let assessment = open_or_page(&app, &name, query.lang.as_deref())?;
        let lang = ui_language(query.lang.as_deref(), &app, Some(&assessment.checklist));
        let shown = Shown {
            notice: query.saved.as_ref().map(|_| ("saved", false)),
            ..Shown::default()
        };
        section_page(
            &app,
            &session,
            &assessment,
            &section_id,
            &lang,
            &shown,
            StatusCode::OK,
        )
    })
    .await
}

/// Saves a section: checks the version, builds the whole file with this section's answers
/// replaced, has the library check it, and writes it only when it checks.
pub async fn save(
    State(app): State<Arc<App>>,
    Extension(session): Extension<Session>,
    UrlPath((name, section_id)): UrlPath<(String, String)>,
    Form(fields): Form<Fields>,
) -> Response {
    run_blocking(move || save_blocking(&app, &session, &name, &section_id, &fields)).await
}

fn save_blocking(
    app: &App,
    session: &Session,
    name: &str,
    section_id: &str,
    fields: &Fields,
) -> Page {
    let wanted = form::field(fields, "lang");
    if !check_csrf(session, form::field(fields, "csrf")) {
        return Err(csrf_refused(app, &ui_language(wanted, app, None)));
    }
    let _guard = app
        .write_lock
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let assessment = open_or_page(app, name, wanted)?;
    let lang = ui_language(wanted, app, Some(&assessment.checklist));
    let questionnaire = Questionnaire::new(&assessment.checklist, &lang);
    let Some(section) = questionnaire.sections.iter().find(|s| s.id == section_id) else {
        return Err(not_found_page(app, &lang));
    };
    // Only the questions this form showed are replaced; the others keep what the file holds.
    let (posted, drafts) = posted_drafts(fields, section);
    let mut shown = Shown {
        drafts: drafts.clone(),
        ..Shown::default()
    };
    if !written_by_server(&assessment.text) {
        shown.notice = Some(("must_adopt", true));
        return Err(section_page(
            app,
            session,
            &assessment,
            section_id,
            &lang,
            &shown,
            StatusCode::CONFLICT,
        )?);
    }
    let current_version = store::version_of(assessment.text.as_bytes());
    let saved: HashMap<String, OutEntry> = entries_of(&assessment.answers, &assessment.checklist)
        .into_iter()
        .collect();
    if form::field(fields, "version") != Some(current_version.as_str()) {
        // Someone saved since this form was loaded: show theirs next to each question where it
        // differs from what this person sent; keep everything they typed.
        for question in &posted {
            let theirs = saved.get(&question.id).cloned().unwrap_or_default();
            let mine = form::entry(&drafts[&question.id], question, Some(&theirs));
            if theirs != mine {
                shown
                    .their
                    .insert(question.id.clone(), entry_words(&theirs, &lang));
            }
        }
        shown.notice = Some(("conflict", true));
        shown.version = Some(current_version);
        return Err(section_page(
            app,
            session,
            &assessment,
            section_id,
            &lang,
            &shown,
            StatusCode::CONFLICT,
        )?);
    }
    // Evidence the file cannot hold (an unknown type, a date that is not a month) is refused
    // on its question before the file is built.
    for question in &posted {
        let problems = form::evidence_problems(&drafts[&question.id], &lang);
        if !problems.is_empty() {
            shown.errors.insert(question.id.clone(), problems);
        }
    }
    if !shown.errors.is_empty() {
        shown.notice = Some(("not_saved", true));
        return Err(section_page(
            app,
            session,
            &assessment,
            section_id,
            &lang,
            &shown,
            StatusCode::UNPROCESSABLE_ENTITY,
        )?);
    }
    let text = with_drafts(&assessment, &posted, &drafts);
    let source = Source::new(name.to_owned(), text.clone());
    if let Err(found) = app
        .library()
        .answers_from_source(&source, Some(&app.folder))
    {
        for problem in found.errors() {
            match &problem.id {
                Some(id) if drafts.contains_key(id) => {
                    shown.errors.entry(id.clone()).or_default().push(
                        problem.message.clone()
                            + &problem
                                .hint
                                .as_ref()
                                .map(|h| format!(" ({h})"))
                                .unwrap_or_default(),
                    );
                }
                _ => shown.general.push(problem_line(problem)),
            }
        }
        shown.notice = Some(("not_saved", true));
        return Err(section_page(
            app,
            session,
            &assessment,
            section_id,
            &lang,
            &shown,
            StatusCode::UNPROCESSABLE_ENTITY,
        )?);
    }
    let version = store::write_versioned(&app.folder, name, &text)
        .map_err(|error| io_failed(app, &lang, &error))?;
    let here = format!("/a/{}/s/{}", escape_query(name), escape_query(section_id));
    let mut response = Redirect::to(&format!("{here}?lang={lang}&saved=1")).into_response();
    add_version_headers(&mut response, &version, &here);
    Ok(response)
}

/// The answers file `assessment` becomes when the `posted` questions take their `drafts`; the
/// other questions, and posted ones without a draft, keep what the file holds.
fn with_drafts(
    assessment: &Assessment,
    posted: &[&Question],
    drafts: &HashMap<String, Draft>,
) -> String {
    let mut entries = entries_of(&assessment.answers, &assessment.checklist);
    // What the file holds, so an evidence entry typed again as it was keeps its type and date.
    let saved: HashMap<String, OutEntry> = entries.iter().cloned().collect();
    let mut replaced: HashMap<&str, OutEntry> = posted
        .iter()
        .filter_map(|q| {
            let entry = form::entry(drafts.get(&q.id)?, q, saved.get(&q.id));
            Some((q.id.as_str(), entry))
        })
        .collect();
    for (id, entry) in &mut entries {
        if let Some(new) = replaced.remove(id.as_str()) {
            *entry = new;
        }
    }
    entries.extend(
        replaced
            .into_iter()
            .map(|(id, entry)| (id.to_owned(), entry)),
    );
    // Checklist order, so the file reads like the questionnaire.
    let order: HashMap<&str, usize> = assessment
        .checklist
        .items()
        .iter()
        .enumerate()
        .map(|(i, item)| (item.id.as_str(), i))
        .collect();
    entries.sort_by_key(|(id, _)| order.get(id.as_str()).copied().unwrap_or(usize::MAX));
    store::answers_yaml(
        &Header::of(&assessment.answers, &assessment.checklist),
        &entries,
    )
}

/// The questions of a section the posted form names, with what was typed for each.
fn posted_drafts<'a>(
    fields: &Fields,
    section: &'a dei_core::questionnaire::QuestionSection,
) -> (Vec<&'a Question>, HashMap<String, Draft>) {
    let posted: Vec<&Question> = fields
        .iter()
        .filter(|(key, _)| key == "q")
        .filter_map(|(_, id)| section.questions.iter().find(|q| &q.id == id))
        .collect();
    let drafts = posted
        .iter()
        .map(|q| (q.id.clone(), form::draft(fields, &q.id)))
        .collect();
    (posted, drafts)
}

/// Which questions of a section apply with what the form holds now, without saving: the
/// section page's script shows and hides questions with it as answers change (`applies_if`),
/// and updates the summary. A draft that does not check yet (a half-typed number) is left out
/// of the calculation rather than failing it; the save will report it.
pub async fn scope(
    State(app): State<Arc<App>>,
    Extension(session): Extension<Session>,
    UrlPath((name, section_id)): UrlPath<(String, String)>,
    Form(fields): Form<Fields>,
) -> Response {
    run_blocking(move || {
        let wanted = form::field(&fields, "lang");
        if !check_csrf(&session, form::field(&fields, "csrf")) {
            return Err(csrf_refused(&app, &ui_language(wanted, &app, None)));
        }
        let assessment = open_or_page(&app, &name, wanted)?;
        let lang = ui_language(wanted, &app, Some(&assessment.checklist));
        let questionnaire = Questionnaire::new(&assessment.checklist, &lang);
        let Some(position) = questionnaire.sections.iter().position(|s| s.id == section_id)
        else {
            return Err(not_found_page(&app, &lang));
        };
        let section = &questionnaire.sections[position];
        let (posted, drafts) = posted_drafts(&fields, section);
        let text = with_drafts(&assessment, &posted, &drafts);
        let source = Source::new(name.clone(), text);
        // The answers that check are scored; an entry that does not is left out of the
        // calculation (`Answers::check_partial`). A problem that belongs to no item (the
        // organisation, the file itself) leaves nothing to calculate.
        let scored = match Answers::check_partial(&source, &assessment.checklist) {
            Ok((answers, problems)) if problems.errors().all(|p| p.id.is_some()) => {
                score(&assessment.checklist, &answers).ok()
            }
            _ => None,
        };
        let Some(card) = scored else {
            return Err(StatusCode::UNPROCESSABLE_ENTITY.into_response());
        };
        let applies: HashMap<&str, bool> = card
            .items
            .iter()
            .map(|item| (item.id.as_str(), item.status != Status::OutOfScope))
            .collect();
        let questions: Vec<serde_json::Value> = section
            .questions
            .iter()
            .map(|q| json!({"id": q.id, "applies": applies.get(q.id.as_str()).copied().unwrap_or(true)}))
            .collect();
        let result = &card.sections[position];
        let body = json!({
            "questions": questions,
            "summary": {
                "score": one_decimal(result.score, &lang),
                "answered": format!("{} / {}", result.answered, result.in_scope),
                "completeness": one_decimal(Some(card.completeness), &lang),
            },
        });
        Ok((
            [(header::CONTENT_TYPE, "application/json"), (header::CACHE_CONTROL, "no-store")],
            body.to_string(),
        )
            .into_response())
    })
    .await
}

fn report_input<'a>(assessment: &'a Assessment, lang: &'a str) -> ReportInput<'a> {
    ReportInput {
        checklist: &assessment.checklist,
        scorecard: &assessment.scorecard,
        answers: Some(&assessment.answers),
        previous: &[],
        benchmark: None,
        language: Some(lang),
    }
}

fn report_html(assessment: &Assessment, lang: &str) -> Result<String, Vec<String>> {
    build(&report_input(assessment, lang))
        .and_then(|report| Renderer::builtin().html(&report))
        .map_err(|found| found.errors().map(problem_line).collect())
}

/// The HTML report, as `dei report --format html` writes it.
pub async fn report(
    State(app): State<Arc<App>>,
    UrlPath(name): UrlPath<String>,
    Query(query): Query<PageQuery>,
) -> Response {
    run_blocking(move || {
        let assessment = open_or_page(&app, &name, query.lang.as_deref())?;
        let lang = ui_language(query.lang.as_deref(), &app, Some(&assessment.checklist));
        let html = report_html(&assessment, &lang).map_err(|lines| {
            message(
                &app,
                &lang,
                StatusCode::UNPROCESSABLE_ENTITY,
                ui::word(&lang, "errors_title"),
                &lines,
            )
        })?;
        Ok(([(header::CONTENT_SECURITY_POLICY, REPORT_CSP)], Html(html)).into_response())
    })
    .await
}

/// The organisation's identity (SPEC §12): `organisation.id`, else the name folded.
fn identity(answers: &Answers) -> String {
    match answers.organisation.get("id").and_then(|id| id.as_str()) {
        Some(id) => format!("id:{id}"),
        None => answers
            .name
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase(),
    }
}

/// Progress across the folder's periods of the same organisation (as `dei compare`).
pub async fn progress(
    State(app): State<Arc<App>>,
    UrlPath(name): UrlPath<String>,
    Query(query): Query<PageQuery>,
) -> Response {
    run_blocking(move || {
        let assessment = open_or_page(&app, &name, query.lang.as_deref())?;
        let lang = ui_language(query.lang.as_deref(), &app, Some(&assessment.checklist));
        let who = identity(&assessment.answers);
        let mut periods: Vec<Box<Assessment>> = store::list_files(&app.folder)
            .into_iter()
            .filter_map(|file| match open(&app, &file) {
                Some(Opened::Ok(other))
                    if identity(&other.answers) == who
                        && other.scorecard.checklist.id == assessment.scorecard.checklist.id =>
                {
                    Some(other)
                }
                _ => None,
            })
            .collect();
        periods.sort_by(|a, b| dei_core::progress::natural_cmp(&a.scorecard.period, &b.scorecard.period));
        let here = format!("/a/{}/progress", escape_query(&name));
        let body = if periods.len() < 2 {
            Err(ui::word(&lang, "too_few_periods").to_owned())
        } else {
            let named: Vec<(&str, &Scorecard)> =
                periods.iter().map(|p| (p.name.as_str(), &p.scorecard)).collect();
            let latest = periods.last().map_or(&assessment.checklist, |p| &p.checklist);
            dei_core::progress::compare(&named, latest)
                .and_then(|progress| {
                    Renderer::builtin().compare_markdown(&compare_report(latest, &progress, Some(&lang)))
                })
                .map(|markdown| markdown_to_html(&markdown, &[]))
                .map_err(|found| found.errors().map(problem_line).collect::<Vec<_>>().join("\n"))
        };
        let (body, problem) = match body {
            Ok(html) => (Some(Value::from_safe_string(html)), None),
            Err(problem) => (None, Some(problem)),
        };
        Ok(render(
            &app,
            "progress.html",
            StatusCode::OK,
            context! {
                body,
                ..ctx! {
                    t => ui::words(&lang),
                    lang,
                    a => base_context(&app, &assessment, &lang, &here),
                    problem,
                    files => periods.iter().map(|p| json!({"file": p.name, "period": p.scorecard.period})).collect::<Vec<_>>(),
                }
            },
        ))
    })
    .await
}

fn attachment_name(name: &str, extension: &str) -> String {
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let safe: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("attachment; filename=\"{safe}.{extension}\"")
}

/// The answers file, the HTML report or the scorecard JSON as a download.
pub async fn download(
    State(app): State<Arc<App>>,
    UrlPath((name, format)): UrlPath<(String, String)>,
    Query(query): Query<PageQuery>,
) -> Response {
    run_blocking(move || {
        if format == "yaml" {
            // The file as it is, even when it has problems: the user may want to fix it.
            let path = resolve(&app.folder, &name).ok_or_else(|| {
                not_found_page(&app, &ui_language(query.lang.as_deref(), &app, None))
            })?;
            let bytes = read_limited(&path).map_err(|_| StatusCode::NOT_FOUND.into_response())?;
            return Ok((
                [
                    (
                        header::CONTENT_TYPE,
                        "application/yaml; charset=utf-8".to_owned(),
                    ),
                    (header::CONTENT_DISPOSITION, attachment_name(&name, "yaml")),
                ],
                bytes,
            )
                .into_response());
        }
        let assessment = open_or_page(&app, &name, query.lang.as_deref())?;
        let lang = ui_language(query.lang.as_deref(), &app, Some(&assessment.checklist));
        let failed = |lines: Vec<String>| {
            message(
                &app,
                &lang,
                StatusCode::UNPROCESSABLE_ENTITY,
                ui::word(&lang, "errors_title"),
                &lines,
            )
        };
        let (kind, body) = match format.as_str() {
            "html" => (
                "text/html; charset=utf-8",
                report_html(&assessment, &lang).map_err(failed)?,
            ),
            "json" => (
                "application/json",
                report_json(&report_input(&assessment, &lang))
                    .map_err(|found| failed(found.errors().map(problem_line).collect()))?,
            ),
            _ => return Err(not_found_page(&app, &lang)),
        };
        Ok((
            [
                (header::CONTENT_TYPE, kind.to_owned()),
                (header::CONTENT_DISPOSITION, attachment_name(&name, &format)),
                (header::CONTENT_SECURITY_POLICY, REPORT_CSP.to_owned()),
            ],
            body,
        )
            .into_response())
    })
    .await
}
