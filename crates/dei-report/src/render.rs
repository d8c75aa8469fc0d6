//! Rendering: the report model through minijinja templates into Markdown, Markdown through
//! pulldown-cmark into one self-contained HTML page, and the JSON outputs.
//!
//! Invariants: templates are loaded once per [`Renderer`] and run sandboxed (strict undefined
//! values, a fuel limit, no file access outside the template folder); the HTML page never
//! contains raw HTML from the Markdown, only the SVG charts and layout blocks this crate writes
//! itself (in place of the template's `<!-- dei:... -->` marker lines).

use std::path::{Component, Path, PathBuf};
use std::sync::LazyLock;

use dei_core::benchmark::Benchmark;
use dei_core::progress::{self, Progress};
use dei_core::{Code, Diagnostic, Diagnostics, Scorecard};
use minijinja::value::Serde;
use minijinja::{Environment, ErrorKind, UndefinedBehavior, Value, context};
use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

use crate::charts::{band_svg, bars_svg, radar_svg, trend_svg};
use crate::escape::is_safe_url;
use crate::model::{CompareReport, Report, ReportInput};

/// The built-in templates: (file name, text). A custom template folder holds files with these
/// names.
pub const TEMPLATES: &[(&str, &str)] = &[
    (REPORT_TEMPLATE, include_str!("../templates/report.md.j2")),
    (
        "progress-step.md.j2",
        include_str!("../templates/progress-step.md.j2"),
    ),
    (
        "respondents.md.j2",
        include_str!("../templates/respondents.md.j2"),
    ),
    (COMPARE_TEMPLATE, include_str!("../templates/compare.md.j2")),
    (PAGE_TEMPLATE, include_str!("../templates/page.html.j2")),
];

/// The Markdown report template.
pub const REPORT_TEMPLATE: &str = "report.md.j2";
/// The Markdown template of `dei compare`.
pub const COMPARE_TEMPLATE: &str = "compare.md.j2";
/// The HTML page around the converted Markdown.
pub const PAGE_TEMPLATE: &str = "page.html.j2";

/// Fuel per render. The built-in report of the full ngo-dei checklist with two earlier periods
/// renders within 100 000 (measured); twenty times that leaves room for richer custom
/// templates, while a template that loops without end stops within a second.
pub const FUEL: u64 = 2_000_000;

/// Largest template file read from a custom folder.
const MAX_TEMPLATE_BYTES: u64 = 1024 * 1024;

/// The marker lines of the Markdown (HTML mode only): `<!-- dei:chart NAME -->` opens a chart
/// with the table that follows it, `<!-- dei:end -->` closes it, `<!-- dei:page-break -->`
/// starts a new printed page. The first version's `<!-- dei:chart -->` means the section bars.
const MARKER_PREFIX: &str = "<!-- dei:";

static BUILTIN: LazyLock<Renderer> = LazyLock::new(|| {
    let mut environment = environment();
    environment.set_loader(|name| {
        Ok(TEMPLATES
            .iter()
            .find(|(file, _)| *file == name)
            .map(|(_, text)| (*text).to_owned()))
    });
    Renderer {
        environment,
        folder: None,
    }
});

/// Templates loaded into one sandboxed environment: the built-in ones or an organisation's own.
pub struct Renderer {
    environment: Environment<'static>,
    folder: Option<PathBuf>,
}

impl std::fmt::Debug for Renderer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Renderer")
            .field("folder", &self.folder)
            .finish_non_exhaustive()
    }
}

fn environment() -> Environment<'static> {
    let mut environment = Environment::new();
    environment.set_undefined_behavior(UndefinedBehavior::Strict);
    environment.set_fuel(Some(FUEL));
    environment.set_recursion_limit(100);
    if let Ok(syntax) = minijinja::syntax::SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .keep_trailing_newline(true)
        .build()
    {
        environment.set_syntax(syntax);
    }
    environment
}

impl Renderer {
    /// The built-in templates, loaded once per process.
    pub fn builtin() -> &'static Renderer {
        &BUILTIN
    }

    /// An organisation's own templates from `folder`, with the built-in file names.
    ///
    /// Templates are read lazily and then kept. A template name that is absolute, contains
    /// `..` or leads outside the folder through a symbolic link is refused; a missing file is a
    /// `template` error naming it. Fails when the folder does not exist.
    pub fn from_folder(folder: &Path) -> Result<Renderer, Diagnostics> {
        let canonical = folder.canonicalize().map_err(|error| {
            let (why, waarom) = dei_core::fs::plain_io_error(&error);
            Diagnostics(vec![
                Diagnostic::error(
                    Code::Template,
                    folder.display().to_string(),
                    format!("the template folder cannot be opened: {why}"),
                )
                .with_hint(template_hint())
                .with_dutch(
                    format!("de map met sjablonen kan niet worden geopend: {waarom}"),
                    Some(template_hint_nl()),
                ),
            ])
        })?;
        if !canonical.is_dir() {
            return Err(Diagnostics(vec![
                Diagnostic::error(
                    Code::Template,
                    folder.display().to_string(),
                    "--template needs a folder of templates, not a file",
                )
                .with_hint(template_hint())
                .with_dutch(
                    "`--template` vraagt een map met sjablonen, geen bestand",
                    Some(template_hint_nl()),
                ),
            ]));
        }
        let mut environment = environment();
        let root = canonical.clone();
        environment.set_loader(move |name| load_template(&root, name));
        Ok(Renderer {
            environment,
            folder: Some(folder.to_path_buf()),
        })
    }

    /// The report as Markdown.
    pub fn markdown(&self, report: &Report) -> Result<String, Diagnostics> {
        self.render(
            REPORT_TEMPLATE,
            context! { html => false, ..Value::from(Serde(report)) },
        )
    }

    /// The report as one self-contained HTML page: inline CSS, an inline SVG chart, no scripts,
    /// nothing loaded from elsewhere.
    pub fn html(&self, report: &Report) -> Result<String, Diagnostics> {
        let markdown = self.render(
            REPORT_TEMPLATE,
            context! { html => true, ..Value::from(Serde(report)) },
        )?;
        let body = markdown_to_html(&markdown, &charts(report));
        self.render(
            PAGE_TEMPLATE,
            context! {
                language => report.language,
                title => report.plain_title.clone(),
                body => Value::from_safe_string(body),
            },
        )
    }

    /// Progress across periods (`dei compare`) as Markdown.
    pub fn compare_markdown(&self, report: &CompareReport) -> Result<String, Diagnostics> {
        self.render(
            COMPARE_TEMPLATE,
            context! { html => false, ..Value::from(Serde(report)) },
        )
    }

    fn render(&self, name: &str, context: Value) -> Result<String, Diagnostics> {
        self.environment
            .get_template(name)
            .and_then(|template| template.render(context))
            .map_err(|error| Diagnostics(vec![self.diagnostic(name, &error)]))
    }

    /// A template error for people: which file, which line, what went wrong, what to do.
    fn diagnostic(&self, entry: &str, error: &minijinja::Error) -> Diagnostic {
        let name = error.name().unwrap_or(entry).to_owned();
        let file = match &self.folder {
            Some(folder) => folder.join(&name).display().to_string(),
            None => format!("built-in template {name}"),
        };
        let detail = error.detail().unwrap_or_default();
        // What went wrong and what to do, in English and in Dutch. minijinja's own detail of
        // a rare kind is kept in Dutch as its technical message, marked as such.
        let (message, hint, dutch, tip) = match error.kind() {
            ErrorKind::TemplateNotFound => (
                format!("template `{}` not found", detail_or(detail, &name)),
                template_hint(),
                format!("sjabloon `{}` niet gevonden", detail_or(detail, &name)),
                template_hint_nl(),
            ),
            ErrorKind::OutOfFuel => (
                "the template ran out of fuel: it does too much work or loops without end"
                    .to_owned(),
                "simplify the loops in the template; a report template only arranges the model's values".to_owned(),
                "het sjabloon raakte door zijn brandstof heen: het doet te veel werk of herhaalt zich zonder einde"
                    .to_owned(),
                "maak de lussen in het sjabloon eenvoudiger; een rapportsjabloon zet alleen de waarden van het model op hun plaats".to_owned(),
            ),
            ErrorKind::UndefinedError => (
                format!("the template uses something that does not exist: {detail}"),
                "check the variable names against reports/templates/README.md".to_owned(),
                match detail
                    .strip_suffix(" is undefined")
                    .map(|name| name.trim_matches(['\'', '`']))
                {
                    Some(name) => format!("het sjabloon gebruikt `{name}`, maar dat bestaat niet"),
                    None if detail.is_empty() => {
                        "het sjabloon gebruikt iets dat niet bestaat".to_owned()
                    }
                    None => format!(
                        "het sjabloon gebruikt iets dat niet bestaat (technische melding: `{}`)",
                        detail.replace('`', "'")
                    ),
                },
                "vergelijk de namen van de variabelen met reports/templates/README.md".to_owned(),
            ),
            kind => (
                if detail.is_empty() {
                    kind.to_string()
                } else {
                    format!("{kind}: {detail}")
                },
                "fix the template; the built-in templates in reports/templates/ show the expected shape".to_owned(),
                refusal_in_dutch(error).unwrap_or_else(|| {
                    if detail.is_empty() {
                        format!("het sjabloon klopt niet (technische melding: `{kind}`)")
                    } else {
                        format!(
                            "het sjabloon klopt niet (technische melding: `{kind}: {}`)",
                            detail.replace('`', "'")
                        )
                    }
                }),
                "verbeter het sjabloon; de ingebouwde sjablonen in reports/templates/ laten de verwachte vorm zien".to_owned(),
            ),
        };
        let mut diagnostic = Diagnostic::error(Code::Template, file, message)
            .with_hint(hint)
            .with_dutch(dutch, Some(tip));
        if let Some(line) = error.line() {
            diagnostic.line = u64::try_from(line).ok();
            diagnostic.column = Some(1);
            diagnostic.source_line = error
                .template_source()
                .and_then(|source| source.lines().nth(line.saturating_sub(1)))
                .map(str::to_owned);
        }
        diagnostic
    }
}

fn detail_or<'a>(detail: &'a str, name: &'a str) -> &'a str {
    // minijinja's detail for a missing template is the name itself, sometimes with context.
    if detail.is_empty() { name } else { detail }
}

fn template_hint() -> String {
    format!(
        "a template folder holds {}; copy the built-in ones from reports/templates/ and change them",
        template_names()
    )
}

fn template_hint_nl() -> String {
    let names: Vec<String> = TEMPLATES
        .iter()
        .map(|(name, _)| format!("`{name}`"))
        .collect();
    format!(
        "een map met sjablonen bevat {}; kopieer de ingebouwde uit reports/templates/ en pas ze aan",
        names.join(", ")
    )
}

fn template_names() -> String {
    TEMPLATES
        .iter()
        .map(|(name, _)| *name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Why the loader refused or could not read a template, in Dutch: carried as the source of
/// the minijinja error (minijinja's own error holds one text).
#[derive(Debug)]
struct Refusal(String);

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Refusal {}

/// The Dutch of a loader's refusal, found in the chain of sources of `error`.
fn refusal_in_dutch(error: &minijinja::Error) -> Option<String> {
    let mut source: Option<&(dyn std::error::Error + 'static)> = std::error::Error::source(error);
    while let Some(current) = source {
        if let Some(refusal) = current.downcast_ref::<Refusal>() {
            return Some(refusal.0.clone());
        }
        source = current.source();
    }
    None
}

/// Reads template `name` from `root` (canonical), refusing anything that could leave it.
fn load_template(root: &Path, name: &str) -> Result<Option<String>, minijinja::Error> {
    let refused = |why: [&str; 2]| {
        minijinja::Error::new(
            ErrorKind::InvalidOperation,
            format!("template name `{name}` is refused: {}", why[0]),
        )
        .with_source(Refusal(format!(
            "de sjabloonnaam `{name}` wordt geweigerd: {}",
            why[1]
        )))
    };
    let unreadable = |error: &std::io::Error| {
        let (why, waarom) = dei_core::fs::plain_io_error(error);
        minijinja::Error::new(
            ErrorKind::InvalidOperation,
            format!("template `{name}` cannot be read: {why}"),
        )
        .with_source(Refusal(format!(
            "sjabloon `{name}` kan niet worden gelezen: {waarom}"
        )))
    };
    let relative = Path::new(name);
    if name.is_empty()
        || name.contains('\\')
        || name.contains('\0')
        || !relative
            .components()
            .all(|component| matches!(component, Component::Normal(_)))
    {
        return Err(refused([
            "templates may only name files inside the template folder (no `..`, no absolute paths)",
            "sjablonen mogen alleen bestanden in de map met sjablonen noemen (geen `..`, geen absolute paden)",
        ]));
    }
    let path = root.join(relative);
    let resolved = match path.canonicalize() {
        Ok(resolved) => resolved,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(unreadable(&error)),
    };
    if !resolved.starts_with(root) {
        return Err(refused([
            "it is a symbolic link to a file outside the template folder",
            "het is een symbolische koppeling naar een bestand buiten de map met sjablonen",
        ]));
    }
    let metadata = std::fs::metadata(&resolved).map_err(|error| unreadable(&error))?;
    if !metadata.is_file() {
        return Ok(None);
    }
    if metadata.len() > MAX_TEMPLATE_BYTES {
        return Err(refused([
            "the file is larger than 1 MiB",
            "het bestand is groter dan 1 MiB",
        ]));
    }
    // Recorded as read, so that no `-o` can write over a template (`dei_core::fs::was_read`).
    dei_core::fs::note_read(&metadata);
    std::fs::read_to_string(&resolved)
        .map(Some)
        .map_err(|error| unreadable(&error))
}

/// The report's charts as (name, SVG), for the markers of the template.
fn charts(report: &Report) -> Vec<(&'static str, String)> {
    let mut charts = vec![
        ("radar", radar_svg(&report.radar)),
        ("bars", bars_svg(&report.chart)),
    ];
    if let Some(trend) = &report.trend {
        charts.push(("trend", trend_svg(&trend.chart)));
    }
    if let Some(chart) = &report.benchmark_chart {
        charts.push(("benchmark", band_svg(chart)));
    }
    charts
}

/// What a marker line becomes: our own markup, or nothing.
fn marker_markup(
    marker: &str,
    charts: &mut Vec<(&'static str, String)>,
    open: &mut usize,
) -> Option<String> {
    let name = marker
        .strip_prefix(MARKER_PREFIX)?
        .strip_suffix("-->")?
        .trim();
    let chart = match name {
        "chart" => Some("bars"),
        other => other.strip_prefix("chart ").map(str::trim),
    };
    if let Some(chart) = chart {
        // Each chart is placed once; a second marker for it is dropped.
        let index = charts.iter().position(|(name, _)| *name == chart);
        let svg = index.map(|index| charts.remove(index).1);
        return Some(match svg {
            Some(svg) => {
                *open += 1;
                format!("<section class=\"with-chart {chart}\">{svg}")
            }
            None => String::new(),
        });
    }
    match name {
        "end" if *open > 0 => {
            *open -= 1;
            Some("</section>".to_owned())
        }
        "end" => Some(String::new()),
        "page-break" => Some("<hr class=\"page-break\">".to_owned()),
        _ => None,
    }
}

/// Converts report Markdown to HTML. Raw HTML in the Markdown is shown as text, never passed
/// through; images become plain links (nothing is loaded); links other than `https:`, `http:`,
/// `mailto:` and in-page `#` anchors lose their link. A marker line `<!-- dei:chart NAME -->`
/// becomes the chart named NAME from `charts` (trusted SVG written by this crate), once, and
/// opens a block that `<!-- dei:end -->` closes (so the chart's table stands beside it);
/// `<!-- dei:page-break -->` starts a new printed page. Blocks left open are closed at the end.
pub fn markdown_to_html(markdown: &str, charts: &[(&'static str, String)]) -> String {
    let mut charts = charts.to_vec();
    let mut open = 0usize;
    let mut skipping_link = false;
    let events =
        Parser::new_ext(markdown, Options::ENABLE_TABLES).filter_map(|event| match event {
            Event::Html(text) | Event::InlineHtml(text) => {
                if text.trim().starts_with(MARKER_PREFIX)
                    && let Some(markup) = marker_markup(text.trim(), &mut charts, &mut open)
                {
                    return Some(Event::Html(CowStr::from(markup)));
                }
                Some(Event::Text(text))
            }
            Event::Start(
                Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }
                | Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                },
            ) => {
                if is_safe_url(&dest_url) || dest_url.starts_with('#') {
                    Some(Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }))
                } else {
                    skipping_link = true;
                    None
                }
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                if skipping_link {
                    skipping_link = false;
                    None
                } else {
                    Some(Event::End(TagEnd::Link))
                }
            }
            other => Some(other),
        });
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    for _ in 0..open {
        html.push_str("</section>");
    }
    html
}

/// The report as JSON: the scorecard (SPEC section 9), plus `progress` when earlier periods
/// are given and `benchmark_position` when a benchmark is given. Pretty-printed, with a final
/// newline.
pub fn report_json(input: &ReportInput<'_>) -> Result<String, Diagnostics> {
    // The same compatibility checks as the Markdown and HTML reports.
    crate::model::check_compatible(input)?;
    let mut value = serde_json::to_value(input.scorecard).unwrap_or_default();
    if let Some(object) = value.as_object_mut() {
        if !input.previous.is_empty() {
            let mut ordered: Vec<&Scorecard> = input.previous.iter().map(|(_, s)| *s).collect();
            ordered.push(input.scorecard);
            let progress = progress::progress_in_order(&ordered, input.checklist);
            object.insert(
                "progress".to_owned(),
                serde_json::to_value(&progress).unwrap_or_default(),
            );
        }
        if let Some((_, benchmark)) = input.benchmark {
            object.insert(
                "benchmark_position".to_owned(),
                benchmark_position_json(input.scorecard, benchmark),
            );
        }
    }
    Ok(pretty_json(&value))
}

fn benchmark_position_json(scorecard: &Scorecard, benchmark: &Benchmark) -> serde_json::Value {
    serde_json::to_value(dei_core::benchmark::position(benchmark, scorecard)).unwrap_or_default()
}

/// Progress as JSON (`dei compare --format json`), with a final newline.
pub fn progress_json(progress: &Progress) -> String {
    pretty_json(progress)
}

/// The scorecard as JSON (`dei score --format json`, SPEC section 9), with a final newline.
pub fn scorecard_json(scorecard: &Scorecard) -> String {
    pretty_json(scorecard)
}

/// The network benchmark as JSON (`dei benchmark --format json`), with a final newline.
pub fn benchmark_json(benchmark: &Benchmark) -> String {
    pretty_json(benchmark)
}

/// Every JSON output of dei in one form: pretty-printed (two-space indent, keys in the order
/// they are written, as `serde_json`'s `preserve_order` keeps them) with a final newline.
pub fn pretty_json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}
