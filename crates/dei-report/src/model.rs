//! The report model: every number and sentence of a report, formatted and escaped, ready for a
//! template.
//!
//! Invariant: every string in the model is Markdown ready to insert. Text from answers files
//! and plain checklist texts went through [`escape_inline`]; checklist guidance, explanations
//! and advice are the checklist author's Markdown. Templates never compute or escape.

use dei_core::benchmark::{Band, Benchmark, Stats, position};
use dei_core::checklist::{AnswerKind, Item, ItemKind};
use dei_core::evidence::{Evidence, EvidenceType};
use dei_core::progress::{self, Change, Direction, Progress, Step};
use dei_core::scorecard::{ItemResult, LevelResult, Status, WashingRisk};
use dei_core::{Answers, Checklist, Code, Diagnostic, Diagnostics, Scorecard};
use serde::Serialize;

use crate::escape::{escape_inline, evidence_entry, link};

pub mod respondents;
use crate::strings::{Lang, Strings, fill};

/// What a report is built from.
#[derive(Clone, Copy)]
pub struct ReportInput<'a> {
    /// The checked checklist the current answers were scored on: the source of every text.
    pub checklist: &'a Checklist,
    /// The current scorecard.
    pub scorecard: &'a Scorecard,
    /// The current answers (for who assessed); optional for tools that only have a scorecard.
    pub answers: Option<&'a Answers>,
    /// Earlier periods as (source name, scorecard), oldest first, for the progress section.
    pub previous: &'a [(&'a str, &'a Scorecard)],
    /// A network benchmark as (source name, benchmark), for the benchmark position.
    pub benchmark: Option<(&'a str, &'a Benchmark)>,
    /// Language of the report: its own words (`en` or `nl`; others get English) and the
    /// checklist's texts (with fallback to the checklist's default language). `None` means the
    /// checklist's default language.
    pub language: Option<&'a str>,
}

/// A full report, ready for a template.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// Language code of the report's own words, for `<html lang>`.
    pub language: &'static str,
    /// The report's own words (labels).
    pub t: &'static Strings,
    /// Title (a heading).
    pub title: String,
    /// The title as plain text, not Markdown: the HTML page template escapes it.
    pub plain_title: String,
    /// One line under the title.
    pub subtitle: String,
    /// The first page: what a board reads first.
    pub first: FirstPage,
    /// The headline.
    pub summary: Summary,
    /// One row per section.
    pub sections: Vec<SectionRow>,
    /// Data of the section chart (raw numbers and texts, for the HTML page only).
    pub chart: Chart,
    /// Data of the radar of the first page (for the HTML page only).
    pub radar: RadarChart,
    /// Section scores across every given period (with earlier periods only).
    pub trend: Option<TrendView>,
    /// Data of the benchmark chart (with a benchmark only; for the HTML page only).
    pub benchmark_chart: Option<BandChart>,
    /// Section goals.
    pub goals: Vec<GoalRow>,
    /// The best sections.
    pub strengths: Vec<SectionLine>,
    /// The sections with most to gain.
    pub gaps: Vec<SectionLine>,
    /// The DEI-washing check.
    pub washing: Washing,
    /// Unevidenced claims and evidence gaps.
    pub evidence: EvidenceView,
    /// Policy, practice, outcome and tag indices.
    pub indices: IndicesView,
    /// The action plan.
    pub actions: ActionPlan,
    /// Progress since the previous period, when earlier periods were given.
    pub progress: Option<ProgressView>,
    /// Benchmark position, when a benchmark was given.
    pub benchmark: Option<BenchmarkView>,
    /// How respondents see the organisation, when respondents' files were given.
    pub respondents: Option<respondents::RespondentsView>,
    /// Every item, per section.
    pub appendix: Vec<AppendixSection>,
    /// How the numbers were computed, as paragraphs.
    pub method: Vec<String>,
    /// Warnings from scoring (version mismatch, answers out of scope, retired items).
    pub warnings: Vec<String>,
    /// The last line.
    pub footer: String,
}

/// The first page: organisation, level, the radar, washing risk and flags, progress and the
/// first five actions, each in a line.
#[derive(Clone, Debug, Serialize)]
pub struct FirstPage {
    /// Overall score and level in one line.
    pub level_line: String,
    /// What holds the level back, or what the next level needs; none at the top level.
    pub level_note: Option<String>,
    /// The washing risk in one line.
    pub washing_line: String,
    /// The flags in one line.
    pub flags_line: String,
    /// Progress in three numbers (overall change, questions improved, questions gone back).
    pub progress_line: String,
    /// The radar's data as a table: column headings after the section column.
    pub radar_columns: Vec<String>,
    /// The radar's data as a table: one row per section.
    pub radar_rows: Vec<RadarRow>,
    /// The first five actions, one line each.
    pub top_actions: Vec<String>,
}

/// One section in the table beside the radar.
#[derive(Clone, Debug, Serialize)]
pub struct RadarRow {
    /// Section title.
    pub title: String,
    /// One formatted score per column of `radar_columns`.
    pub values: Vec<String>,
}

/// The radar: one axis per section in checklist order, 0-100, at most three series (now, the
/// previous period, the network median) and optionally the network's middle half as a band.
#[derive(Clone, Debug, Serialize)]
pub struct RadarChart {
    /// Accessible title.
    pub title: String,
    /// Axis labels (section titles, plain text).
    pub axes: Vec<String>,
    /// The series, the current period first.
    pub series: Vec<Series>,
    /// The network's p25 and p75 per axis, when a benchmark is given.
    pub band: Option<Band25to75>,
    /// The decimal separator.
    pub decimal: char,
}

/// The network's middle half per axis.
#[derive(Clone, Debug, Serialize)]
pub struct Band25to75 {
    /// Legend.
    pub label: String,
    /// (p25, p75) per axis; none where suppressed.
    pub values: Vec<Option<(f64, f64)>>,
}

/// A named row of values, one per axis or period.
#[derive(Clone, Debug, Serialize)]
pub struct Series {
    /// Legend (plain text).
    pub label: String,
    /// One value per axis or period; none where there is no score.
    pub values: Vec<Option<f64>>,
}

/// Scores across all given periods: a table (Markdown) and a line chart (HTML).
#[derive(Clone, Debug, Serialize)]
pub struct TrendView {
    /// The periods, oldest first (column headings).
    pub periods: Vec<String>,
    /// Overall first, then one row per section.
    pub rows: Vec<RadarRow>,
    /// The chart data.
    pub chart: TrendChart,
}

/// The trend chart: overall and section scores across the periods.
#[derive(Clone, Debug, Serialize)]
pub struct TrendChart {
    /// Accessible title.
    pub title: String,
    /// Period labels, oldest first (plain text).
    pub periods: Vec<String>,
    /// The overall score first, then each section.
    pub series: Vec<Series>,
    /// The decimal separator.
    pub decimal: char,
}

/// The benchmark chart: per row the network's quartiles as a band and the organisation's score.
#[derive(Clone, Debug, Serialize)]
pub struct BandChart {
    /// Accessible title.
    pub title: String,
    /// Legend of the organisation's marker.
    pub you: String,
    /// Legend of the band.
    pub band_label: String,
    /// Legend of the median.
    pub median_label: String,
    /// Overall first, then each section.
    pub rows: Vec<BandChartRow>,
    /// The decimal separator.
    pub decimal: char,
}

/// One row of the benchmark chart.
#[derive(Clone, Debug, Serialize)]
pub struct BandChartRow {
    /// Overall or the section title (plain text).
    pub label: String,
    /// p25, median and p75, when shown.
    pub quartiles: Option<(f64, f64, f64)>,
    /// The organisation's score.
    pub score: Option<f64>,
}

/// The headline.
#[derive(Clone, Debug, Serialize)]
pub struct Summary {
    /// Label and value rows.
    pub rows: Vec<Row>,
    /// The level reached, and why.
    pub level_sentence: String,
    /// The required items that held the level back.
    pub held_back: Vec<ItemLine>,
    /// Sections under a floor and flags above the allowed risk that held the level back
    /// (SPEC section 14), one sentence each.
    pub held_back_reasons: Vec<String>,
    /// The checklist's description of the level reached.
    pub level_description: Option<String>,
    /// What the next level needs, when there is one and the level was not held back.
    pub next_level: Option<String>,
    /// Required items still missing for the next level.
    pub next_level_items: Vec<ItemLine>,
    /// One sentence about the washing check.
    pub washing_sentence: String,
}

/// A label and a value.
#[derive(Clone, Debug, Serialize)]
pub struct Row {
    /// Label.
    pub label: String,
    /// Value.
    pub value: String,
}

/// One item in a list: its question, id, answer and score.
#[derive(Clone, Debug, Serialize)]
pub struct ItemLine {
    /// Full item id (safe in a code span: ids are `[a-z0-9_.]`).
    pub id: String,
    /// The question.
    pub question: String,
    /// The answer as shown.
    pub answer: String,
    /// The effective score 0-100, or `–`.
    pub score: String,
    /// An extra remark, or empty.
    pub note: String,
}

/// One section in the table.
#[derive(Clone, Debug, Serialize)]
pub struct SectionRow {
    /// Section id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Score 0-100 with one decimal, or `–`.
    pub score: String,
    /// A ten-character text bar.
    pub bar: String,
    /// Level label, or `–`.
    pub level: String,
    /// "answered/in scope".
    pub answered: String,
    /// Section weight.
    pub weight: String,
}

/// Chart data: raw values, escaped by the SVG writer.
#[derive(Clone, Debug, Serialize)]
pub struct Chart {
    /// Accessible title.
    pub title: String,
    /// Legend of the current period.
    pub now_label: String,
    /// Legend of the previous period, when there is one.
    pub previous_label: Option<String>,
    /// One bar (or pair of bars) per section.
    pub rows: Vec<ChartRow>,
    /// Level thresholds as (min, label), drawn as grid lines.
    pub levels: Vec<(f64, String)>,
    /// The decimal separator.
    pub decimal: char,
}

/// One section in the chart.
#[derive(Clone, Debug, Serialize)]
pub struct ChartRow {
    /// Section title, plain text.
    pub label: String,
    /// Score now.
    pub now: Option<f64>,
    /// Score in the previous period.
    pub previous: Option<f64>,
}

/// A section goal.
#[derive(Clone, Debug, Serialize)]
pub struct GoalRow {
    /// Section title.
    pub section: String,
    /// The goal level.
    pub goal: String,
    /// The section's level now.
    pub now: String,
    /// Yes or No.
    pub reached: String,
}

/// A section among the strengths or gaps.
#[derive(Clone, Debug, Serialize)]
pub struct SectionLine {
    /// Title.
    pub title: String,
    /// Score.
    pub score: String,
    /// Level label.
    pub level: String,
    /// A remark.
    pub note: String,
}

/// The DEI-washing check.
#[derive(Clone, Debug, Serialize)]
pub struct Washing {
    /// Intro paragraph.
    pub intro: String,
    /// Fired rules, in definition order.
    pub flags: Vec<FlagView>,
}

/// A fired rule.
#[derive(Clone, Debug, Serialize)]
pub struct FlagView {
    /// Rule id.
    pub id: String,
    /// Severity label.
    pub severity: String,
    /// Title.
    pub title: String,
    /// The items the rule reads, with their answers.
    pub items: Vec<ItemLine>,
    /// Why it matters (Markdown).
    pub explanation: Option<String>,
    /// What to do (Markdown).
    pub advice: Option<String>,
    /// Links.
    pub resources: Vec<String>,
}

/// Unevidenced claims and evidence gaps.
#[derive(Clone, Debug, Serialize)]
pub struct EvidenceView {
    /// Intro paragraph.
    pub intro: String,
    /// Required evidence missing, score capped.
    pub unevidenced: Vec<ItemLine>,
    /// Recommended evidence missing.
    pub gaps: Vec<ItemLine>,
    /// The evidence gaps in one sentence (the appendix marks each), when there are any.
    pub gaps_summary: Option<String>,
}

/// Index scores.
#[derive(Clone, Debug, Serialize)]
pub struct IndicesView {
    /// Intro paragraph.
    pub intro: String,
    /// Policy, practice, outcome.
    pub kinds: Vec<IndexRow>,
    /// Per tag.
    pub tags: Vec<IndexRow>,
    /// A sentence on the policy-practice gap, when both exist.
    pub note: Option<String>,
}

/// One index.
#[derive(Clone, Debug, Serialize)]
pub struct IndexRow {
    /// Name.
    pub name: String,
    /// Score or `–`.
    pub score: String,
    /// Text bar.
    pub bar: String,
    /// Number of scored items that count.
    pub count: usize,
}

/// The action plan.
#[derive(Clone, Debug, Serialize)]
pub struct ActionPlan {
    /// Intro paragraph.
    pub intro: String,
    /// Open items, highest priority first.
    pub items: Vec<Action>,
    /// The first five of `items`, shown with their guidance.
    pub first: Vec<Action>,
}

/// One open item.
#[derive(Clone, Debug, Serialize)]
pub struct Action {
    /// 1-based rank.
    pub rank: usize,
    /// Full item id.
    pub id: String,
    /// The question.
    pub question: String,
    /// Section, answer and score in one line.
    pub meta: String,
    /// Section title.
    pub section: String,
    /// The answer now.
    pub answer: String,
    /// The effective score 0-100.
    pub score: String,
    /// The priority w·W·(1 − s), full precision.
    pub priority: f64,
    /// Guidance (Markdown).
    pub guidance: Option<String>,
    /// Links.
    pub resources: Vec<String>,
}

/// Progress across periods.
#[derive(Clone, Debug, Serialize)]
pub struct ProgressView {
    /// Heading of the progress section.
    pub heading: String,
    /// One row per period, oldest first.
    pub periods: Vec<PeriodRow>,
    /// Steps between periods (in a report: only the last one).
    pub steps: Vec<StepView>,
}

/// One period.
#[derive(Clone, Debug, Serialize)]
pub struct PeriodRow {
    /// Period.
    pub period: String,
    /// Overall score.
    pub overall: String,
    /// Level label.
    pub level: String,
    /// Completeness.
    pub completeness: String,
    /// Washing risk label.
    pub washing_risk: String,
}

/// What changed from one period to the next.
#[derive(Clone, Debug, Serialize)]
pub struct StepView {
    /// Heading.
    pub heading: String,
    /// The earlier period (a column header).
    pub from: String,
    /// The later period.
    pub to: String,
    /// Overall and level sentences.
    pub summary: String,
    /// Section scores before and after.
    pub sections: Vec<SectionDelta>,
    /// Non-empty lists: improved, regressed, newly answered, figures, flags, checklist changes.
    pub groups: Vec<Group>,
}

/// A section's change.
#[derive(Clone, Debug, Serialize)]
pub struct SectionDelta {
    /// Title.
    pub title: String,
    /// Score before.
    pub from: String,
    /// Score after.
    pub to: String,
    /// Signed difference.
    pub delta: String,
}

/// A titled list of lines.
#[derive(Clone, Debug, Serialize)]
pub struct Group {
    /// Title.
    pub title: String,
    /// Lines (Markdown, one list item each).
    pub lines: Vec<String>,
}

/// The benchmark position.
#[derive(Clone, Debug, Serialize)]
pub struct BenchmarkView {
    /// Intro paragraph.
    pub intro: String,
    /// Overall, then one row per section.
    pub rows: Vec<BenchmarkRow>,
}

/// One row of the benchmark table.
#[derive(Clone, Debug, Serialize)]
pub struct BenchmarkRow {
    /// Section title (or "Overall").
    pub title: String,
    /// The organisation's score.
    pub score: String,
    /// Median and middle half.
    pub range: String,
    /// Quartile label.
    pub position: String,
    /// Quartile band: below_p25, p25_median, median_p75, above_p75, suppressed or unscored.
    pub code: &'static str,
}

/// One section of the appendix.
#[derive(Clone, Debug, Serialize)]
pub struct AppendixSection {
    /// Section title.
    pub title: String,
    /// Every item.
    pub items: Vec<AppendixItem>,
}

/// One item of the appendix.
#[derive(Clone, Debug, Serialize)]
pub struct AppendixItem {
    /// Full id.
    pub id: String,
    /// Question.
    pub question: String,
    /// Answer as shown.
    pub answer: String,
    /// Score or `–`.
    pub score: String,
    /// Comment, evidence, N/A reason.
    pub notes: String,
}

/// The model of `dei compare`.
#[derive(Clone, Debug, Serialize)]
pub struct CompareReport {
    /// Language code of the report's own words.
    pub language: &'static str,
    /// The report's own words.
    pub t: &'static Strings,
    /// Title.
    pub title: String,
    /// Subtitle.
    pub subtitle: String,
    /// Every period and every step.
    pub progress: ProgressView,
    /// The last line.
    pub footer: String,
}

/// Texts in one language, with the checklist's default as fallback, and number formatting.
struct Words<'a> {
    lang: Lang,
    s: &'static Strings,
    text_lang: &'a str,
    default_lang: &'a str,
    checklist: &'a Checklist,
}

impl<'a> Words<'a> {
    fn new(checklist: &'a Checklist, language: Option<&'a str>) -> Self {
        let default_lang = checklist.default_language();
        let text_lang = language.unwrap_or(default_lang);
        let lang = Lang::from_code(text_lang);
        Self {
            lang,
            s: lang.strings(),
            text_lang,
            default_lang,
            checklist,
        }
    }

    fn text(&self, text: &'a dei_core::Text) -> &'a str {
        text.get(self.text_lang, self.default_lang)
    }

    /// A plain checklist text, escaped.
    fn plain(&self, text: &dei_core::Text) -> String {
        escape_inline(text.get(self.text_lang, self.default_lang))
    }

    /// A Markdown checklist text, as the author wrote it.
    fn markdown(&self, text: Option<&dei_core::Text>) -> Option<String> {
        text.map(|text| self.text(text).trim().to_owned())
            .filter(|text| !text.is_empty())
    }

    /// One decimal with the language's separator; `–` for none.
    fn one(&self, value: Option<f64>) -> String {
        value.map_or_else(
            || "–".to_owned(),
            |value| self.decimal(dei_core::scorecard::fixed(value, 1)),
        )
    }

    fn percent(&self, value: Option<f64>) -> String {
        value.map_or_else(
            || "–".to_owned(),
            |value| format!("{}%", self.one(Some(value))),
        )
    }

    /// A signed difference with one decimal; `±0.0` when it rounds to zero.
    fn delta(&self, value: Option<f64>) -> String {
        match value {
            None => "–".to_owned(),
            Some(value) if (value * 10.0).round() == 0.0 => format!("±{}", self.one(Some(0.0))),
            Some(value) if value > 0.0 => format!("+{}", self.one(Some(value))),
            Some(value) => format!("−{}", self.one(Some(-value))),
        }
    }

    /// A number as given (shortest form), with the language's separator.
    fn number(&self, value: f64) -> String {
        // `{value}` of a negative zero is `-0`.
        self.decimal(format!("{}", value + 0.0))
    }

    /// At most two decimals, trailing zeros dropped.
    fn short(&self, value: f64) -> String {
        let text = dei_core::scorecard::fixed(value, 2);
        let text = text.trim_end_matches('0').trim_end_matches('.');
        self.decimal(text.to_owned())
    }

    fn decimal(&self, text: String) -> String {
        if self.lang.decimal() == '.' {
            text
        } else {
            text.replace('.', ",")
        }
    }

    fn level_label(&self, id: Option<&str>) -> String {
        id.map_or_else(
            || "–".to_owned(),
            |id| {
                self.checklist
                    .levels()
                    .iter()
                    .find(|level| level.id == id)
                    .map_or_else(|| escape_inline(id), |level| self.plain(&level.label))
            },
        )
    }

    /// The scoring method's name in the report language; an unknown method as its id.
    fn method_name(&self, method: &str) -> String {
        if method == dei_core::scorecard::METHOD {
            self.s.method_name.to_owned()
        } else {
            escape_inline(method)
        }
    }

    fn section_title(&self, id: &str) -> String {
        self.checklist
            .section_index(id)
            .and_then(|index| self.checklist.sections().get(index))
            .map_or_else(|| escape_inline(id), |section| self.plain(&section.title))
    }

    fn question(&self, id: &str) -> String {
        self.checklist
            .item(id)
            .map_or_else(|| code(id), |item| self.plain(&item.question))
    }

    /// "Question (`id`)" for an item of this checklist; the id alone for others.
    fn item_label(&self, id: &str) -> String {
        match self.checklist.item(id) {
            Some(item) => format!("{} ({})", self.plain(&item.question), code(id)),
            None => code(id),
        }
    }

    fn risk(&self, risk: WashingRisk) -> String {
        match risk {
            WashingRisk::None => self.s.risk_none,
            WashingRisk::Low => self.s.risk_low,
            WashingRisk::Medium => self.s.risk_medium,
            WashingRisk::High => self.s.risk_high,
        }
        .to_owned()
    }

    fn severity(&self, severity: dei_core::checklist::RuleSeverity) -> String {
        match severity {
            dei_core::checklist::RuleSeverity::Low => self.s.severity_low,
            dei_core::checklist::RuleSeverity::Medium => self.s.severity_medium,
            dei_core::checklist::RuleSeverity::High => self.s.severity_high,
        }
        .to_owned()
    }

    fn rule_title(&self, id: &str) -> String {
        if id == dei_core::respondents::PERCEPTION_GAP_RULE {
            return self.s.perception_gap_short.to_owned();
        }
        self.checklist
            .rules()
            .iter()
            .find(|rule| rule.id == id)
            .map_or_else(|| code(id), |rule| self.plain(&rule.title))
    }

    fn resources(&self, indices: &[usize]) -> Vec<String> {
        indices
            .iter()
            .filter_map(|&index| self.checklist.resources().get(index))
            .map(|resource| link(self.text(&resource.title), &resource.url))
            .collect()
    }

    /// A value as shown: option labels, a number with its unit, or escaped text.
    fn value(&self, item: Option<&Item>, value: &serde_json::Value) -> String {
        let label = |id: &str| {
            item.and_then(|item| item.options().iter().find(|option| option.id == id))
                .map_or_else(|| escape_inline(id), |option| self.plain(&option.label))
        };
        match value {
            serde_json::Value::Null => "–".to_owned(),
            serde_json::Value::String(text) => match item.map(|item| &item.answer) {
                Some(AnswerKind::Choice(_) | AnswerKind::Multi(_)) => label(text),
                _ => escape_inline(text),
            },
            serde_json::Value::Array(ids) if ids.is_empty() => self.s.nothing_selected.to_owned(),
            serde_json::Value::Array(ids) => ids
                .iter()
                .map(|id| {
                    id.as_str()
                        .map_or_else(|| escape_inline(&id.to_string()), label)
                })
                .collect::<Vec<_>>()
                .join("; "),
            serde_json::Value::Number(number) => number.as_f64().map_or_else(
                || escape_inline(&number.to_string()),
                |number| self.with_unit(item, number),
            ),
            other => escape_inline(&other.to_string()),
        }
    }

    fn with_unit(&self, item: Option<&Item>, number: f64) -> String {
        let shown = self.number(number);
        let unit = match item.map(|item| &item.answer) {
            Some(AnswerKind::Number(spec)) => spec.unit.as_deref(),
            _ => None,
        };
        match unit {
            Some("percent") => format!("{shown}{}", self.s.unit_percent),
            Some("days") => format!("{shown} {}", self.s.unit_days),
            Some("months") => format!("{shown} {}", self.s.unit_months),
            Some("fte") => format!("{shown} {}", self.s.unit_fte),
            Some("count" | "ratio" | "currency") | None => shown,
            Some(other) => format!("{shown} {}", escape_inline(other)),
        }
    }

    /// The answer of an item result as shown, including its status.
    fn answer(&self, item: Option<&Item>, result: &ItemResult) -> String {
        match result.status {
            Status::Unanswered => self.s.not_answered.to_owned(),
            Status::Na => self.s.not_applicable.to_owned(),
            Status::OutOfScope if result.value.is_null() => self.s.out_of_scope.to_owned(),
            Status::Answered | Status::OutOfScope => self.value(item, &result.value),
        }
    }

    fn item_line(&self, scorecard: &Scorecard, id: &str) -> ItemLine {
        let item = self.checklist.item(id);
        let result = scorecard.items.iter().find(|result| result.id == id);
        ItemLine {
            id: id.to_owned(),
            question: self.question(id),
            answer: result.map_or_else(|| "–".to_owned(), |result| self.answer(item, result)),
            score: self.one(result.and_then(|result| result.score).map(|s| s * 100.0)),
            note: String::new(),
        }
    }
}

/// An id in a code span when it has the form of an id; escaped text otherwise.
fn code(id: &str) -> String {
    if !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
    {
        format!("`{id}`")
    } else {
        escape_inline(id)
    }
}

/// The text bar of a 0-100 score: ten characters, one per ten points (rounded).
pub fn bar(score: Option<f64>) -> String {
    let filled = score.map_or(0, |score| {
        // Clamped to 0..=10 first, so the conversion cannot truncate.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let filled = (score / 10.0).round().clamp(0.0, 10.0) as usize;
        filled
    });
    format!("{}{}", "█".repeat(filled), "░".repeat(10 - filled))
}

/// The action plan's order: (item index, priority) for in-scope scored items with s < 1 and a
/// positive priority w·W·(1 − s), descending, ties in definition order.
pub fn action_order(checklist: &Checklist, scorecard: &Scorecard) -> Vec<(usize, f64)> {
    let mut open: Vec<(usize, f64)> = checklist
        .items()
        .iter()
        .enumerate()
        .filter_map(|(index, item)| {
            // Scorecard items are in definition order: look up by position, not by search.
            let result = scorecard
                .items
                .get(index)
                .filter(|result| result.id == item.id)?;
            let score = result.score?;
            if result.status == Status::OutOfScope || result.status == Status::Na || score >= 1.0 {
                return None;
            }
            let section_weight = checklist.sections().get(item.section)?.weight;
            let priority = item.weight * section_weight * (1.0 - score);
            // A weight-0 item or section has nothing to gain: it is context, not an action.
            (priority > 0.0).then_some((index, priority))
        })
        .collect();
    // Priorities are rounded before comparing so that products that are equal on paper (such
    // as 2 × 1 × 0.5 and 1 × 1 × 1) tie even when floating point differs in the last bit. The
    // sort is stable: ties keep definition order.
    let key = |priority: f64| (priority * 1e9).round();
    open.sort_by(|a, b| key(b.1).total_cmp(&key(a.1)));
    open
}

/// Fails when an earlier period or the benchmark is on another checklist than the scorecard.
pub fn check_compatible(input: &ReportInput<'_>) -> Result<(), Diagnostics> {
    let ReportInput {
        scorecard,
        previous,
        benchmark,
        ..
    } = *input;
    let mut problems = Diagnostics::default();
    for (name, old) in previous {
        // A tailoring beside its base, or two tailorings of one base, compare on what they
        // share (SPEC section 12); the caller reduces the earlier scorecard to that.
        if !progress::related(&old.checklist, &scorecard.checklist) {
            problems.push(
                Diagnostic::error(
                    Code::Incompatible,
                    *name,
                    format!(
                        "this earlier period is on checklist `{}`, but the current answers are on `{}`",
                        old.checklist.id, scorecard.checklist.id
                    ),
                )
                .with_id(old.checklist.id.clone())
                .with_hint("give with --previous only answers files on the same checklist or a tailoring of it")
                .with_dutch(
                    format!(
                        "deze eerdere periode is op vragenlijst `{}`, maar de huidige antwoorden zijn op `{}`",
                        old.checklist.id, scorecard.checklist.id
                    ),
                    Some("geef met --previous alleen antwoordbestanden op dezelfde vragenlijst of een aanpassing ervan".to_owned()),
                ),
            );
        }
    }
    let on_base = |benchmark: &Benchmark| {
        scorecard
            .checklist
            .base
            .as_ref()
            .is_some_and(|base| base.id == benchmark.checklist.id)
    };
    if let Some((name, benchmark)) = benchmark
        && benchmark.checklist.id != scorecard.checklist.id
        && !on_base(benchmark)
    {
        problems.push(
            Diagnostic::error(
                Code::Incompatible,
                name,
                format!(
                    "the benchmark is on checklist `{}`, but the answers are on `{}`",
                    benchmark.checklist.id, scorecard.checklist.id
                ),
            )
            .with_id(benchmark.checklist.id.clone())
            .with_hint("use a benchmark made from answers on the same checklist")
            .with_dutch(
                format!(
                    "de benchmark is op vragenlijst `{}`, maar de antwoorden zijn op `{}`",
                    benchmark.checklist.id, scorecard.checklist.id
                ),
                Some(
                    "gebruik een benchmark die gemaakt is van antwoorden op dezelfde vragenlijst"
                        .to_owned(),
                ),
            ),
        );
    }
    if problems.has_errors() {
        Err(problems)
    } else {
        Ok(())
    }
}

/// Builds the model of a report.
pub fn build(input: &ReportInput<'_>) -> Result<Report, Diagnostics> {
    let ReportInput {
        checklist,
        scorecard,
        answers,
        previous,
        benchmark,
        language,
    } = *input;
    check_compatible(input)?;

    let w = Words::new(checklist, language);
    let s = w.s;
    let checklist_name = format!(
        "{} ({} {})",
        w.plain(checklist.title()),
        checklist.id(),
        checklist.version()
    );
    let mut subtitle = fill(
        s.subtitle,
        &[
            ("period", &escape_inline(&scorecard.period)),
            ("checklist", &checklist_name),
        ],
    );
    if let Some(answers) = answers
        && !answers.assessed_by.is_empty()
    {
        let names: Vec<String> = answers
            .assessed_by
            .iter()
            .map(|name| escape_inline(name))
            .collect();
        subtitle.push_str(" · ");
        subtitle.push_str(&fill(s.assessed_by, &[("names", &names.join(", "))]));
    }
    // Who answers for the answers and who co-signed them (SPEC section 4): shown when given,
    // never asked for.
    if let Some(answers) = answers {
        for (names, pattern) in [
            (&answers.answered_by, s.answered_by),
            (&answers.signed_by, s.signed_by),
        ] {
            if !names.is_empty() {
                let names: Vec<String> = names.iter().map(|name| escape_inline(name)).collect();
                subtitle.push_str(" · ");
                subtitle.push_str(&fill(pattern, &[("names", &names.join(", "))]));
            }
        }
    }

    let previous_scorecard = previous.last().map(|(_, old)| *old);
    let mut ordered: Vec<&Scorecard> = previous.iter().map(|(_, old)| *old).collect();
    ordered.push(scorecard);
    let history = (!previous.is_empty()).then(|| progress::progress_in_order(&ordered, checklist));
    let progress = history.as_ref().map(|history| {
        let mut view = progress_view(&w, history);
        // A report shows the history table and the step into the current period only.
        let last = view.steps.pop();
        view.steps = last.into_iter().collect();
        // The heading names the whole span of the table, from the oldest period on.
        view.heading = fill(
            s.progress_heading,
            &[
                (
                    "first",
                    &escape_inline(ordered.first().map_or("", |old| old.period.as_str())),
                ),
                ("last", &escape_inline(&scorecard.period)),
            ],
        );
        view
    });
    let actions = actions(&w, scorecard);
    let radar = radar(&w, scorecard, previous_scorecard, benchmark.map(|(_, b)| b));
    let first = first_page(
        &w,
        scorecard,
        &radar,
        &actions,
        history.as_ref().and_then(|history| history.steps.last()),
    );

    Ok(Report {
        language: w.lang.code(),
        t: s,
        title: fill(
            s.report_title,
            &[("organisation", &escape_inline(&scorecard.organisation))],
        ),
        plain_title: fill(s.report_title, &[("organisation", &scorecard.organisation)]),
        subtitle,
        first,
        summary: summary(&w, scorecard, &checklist_name),
        sections: section_rows(&w, scorecard),
        chart: chart(&w, scorecard, previous_scorecard),
        radar,
        trend: (!previous.is_empty()).then(|| trend(&w, &ordered)),
        benchmark_chart: benchmark.map(|(_, benchmark)| band_chart(&w, scorecard, benchmark)),
        goals: scorecard
            .goals
            .iter()
            .map(|goal| {
                let now = scorecard
                    .sections
                    .iter()
                    .find(|section| section.id == goal.section)
                    .and_then(|section| section.level.as_deref());
                GoalRow {
                    section: w.section_title(&goal.section),
                    goal: w.level_label(Some(&goal.goal)),
                    now: w.level_label(now),
                    reached: if goal.reached { s.yes } else { s.no }.to_owned(),
                }
            })
            .collect(),
        strengths: strengths(&w, scorecard),
        gaps: gaps(&w, scorecard),
        washing: washing(&w, scorecard),
        evidence: evidence(&w, scorecard),
        indices: indices(&w, scorecard),
        actions,
        progress,
        benchmark: benchmark.map(|(_, benchmark)| benchmark_view(&w, scorecard, benchmark)),
        respondents: scorecard
            .respondents
            .as_ref()
            .map(|view| respondents::view(&w, scorecard, view)),
        appendix: appendix(&w, scorecard),
        method: method(&w),
        warnings: scorecard
            .warnings
            .iter()
            .map(|notice| {
                format!(
                    "`{}`: {}",
                    notice.code,
                    escape_inline(&notice_message(w.lang, notice))
                )
            })
            .collect(),
        footer: footer(&w, scorecard),
    })
}

/// A warning's message in the report's language. The checklist's warnings come from `dei_core`
/// in English; those a Dutch report meets with the samples (answers given on an earlier version
/// of the checklist, answers on items a new version retired) are told in Dutch, with the
/// versions and ids taken from the English message. Other messages stay as they are.
fn notice_message(lang: Lang, notice: &dei_core::scorecard::Notice) -> String {
    let message = notice.message.as_str();
    if lang != Lang::Nl {
        return message.to_owned();
    }
    let translated = match notice.code.as_str() {
        "version-mismatch" => message
            .strip_prefix("the answers were given for version ")
            .and_then(|rest| rest.split_once(" of "))
            .and_then(|(old, rest)| {
                rest.split_once(", which is now at version ")
                    .map(|(checklist, new)| {
                        format!(
                            "de antwoorden zijn gegeven voor versie {old} van {checklist}, die nu versie {new} is"
                        )
                    })
            }),
        "retired-item" => {
            if let Some((id, rest)) = message.split_once(" is no longer in version ") {
                rest.split_once(": it was replaced by ").and_then(|(version, ids)| {
                    let (version, checklist) = version.split_once(" of ")?;
                    let ids = ids.strip_suffix("; this answer is ignored")?;
                    Some(format!(
                        "{id} staat niet meer in versie {version} van {checklist}: vervangen door {ids}; dit antwoord telt niet mee"
                    ))
                })
            } else {
                message
                    .strip_suffix(" was removed from the checklist; this answer is ignored")
                    .map(|id| {
                        format!("{id} is uit de checklist verwijderd; dit antwoord telt niet mee")
                    })
            }
        }
        _ => None,
    };
    translated.unwrap_or_else(|| message.to_owned())
}

/// A section's title as plain text (for charts, which escape it themselves).
fn plain_section_title(w: &Words<'_>, id: &str) -> String {
    w.checklist
        .section_index(id)
        .and_then(|index| w.checklist.sections().get(index))
        .map_or_else(
            || id.to_owned(),
            |section| w.text(&section.title).to_owned(),
        )
}

/// A section's score in a scorecard, by id.
fn section_score(scorecard: &Scorecard, id: &str) -> Option<f64> {
    scorecard
        .sections
        .iter()
        .find(|section| section.id == id)
        .and_then(|section| section.score)
}

/// The stats of a section (or the overall, for `None`) in a benchmark.
fn benchmark_stats(benchmark: &Benchmark, id: Option<&str>) -> Option<(f64, f64, f64)> {
    let stats = match id {
        None => Some(&benchmark.overall),
        Some(id) => benchmark
            .sections
            .iter()
            .find(|stats| stats.id == id)
            .map(|stats| &stats.stats),
    };
    match stats {
        Some(Stats::Shown(d)) => Some((d.p25, d.median, d.p75)),
        _ => None,
    }
}

fn radar(
    w: &Words<'_>,
    scorecard: &Scorecard,
    previous: Option<&Scorecard>,
    benchmark: Option<&Benchmark>,
) -> RadarChart {
    let ids: Vec<&str> = scorecard.sections.iter().map(|s| s.id.as_str()).collect();
    let mut series = vec![Series {
        label: scorecard.period.clone(),
        values: scorecard.sections.iter().map(|s| s.score).collect(),
    }];
    if let Some(old) = previous {
        series.push(Series {
            label: old.period.clone(),
            values: ids.iter().map(|id| section_score(old, id)).collect(),
        });
    }
    let band = benchmark.map(|benchmark| {
        let quartiles: Vec<Option<(f64, f64, f64)>> = ids
            .iter()
            .map(|id| benchmark_stats(benchmark, Some(id)))
            .collect();
        series.push(Series {
            label: w.s.network_median.to_owned(),
            values: quartiles.iter().map(|q| q.map(|q| q.1)).collect(),
        });
        Band25to75 {
            label: w.s.network_band.to_owned(),
            values: quartiles.iter().map(|q| q.map(|q| (q.0, q.2))).collect(),
        }
    });
    RadarChart {
        title: w.s.radar_title.to_owned(),
        axes: ids.iter().map(|id| plain_section_title(w, id)).collect(),
        series,
        band,
        decimal: w.lang.decimal(),
    }
}

fn first_page(
    w: &Words<'_>,
    scorecard: &Scorecard,
    radar: &RadarChart,
    actions: &ActionPlan,
    last_step: Option<&Step>,
) -> FirstPage {
    let s = w.s;
    let checklist = w.checklist;
    let level = scorecard.level.as_ref();
    let level_line = fill(
        s.first_level_line,
        &[
            ("score", &w.one(scorecard.overall)),
            ("level", &w.level_label(level.map(|l| l.id.as_str()))),
        ],
    );
    let level_note = match (scorecard.overall, level) {
        (Some(_), Some(level)) if level.before_requirements != level.id => {
            let list: Vec<String> = level.held_back_by.iter().map(|id| code(id)).collect();
            Some(fill(
                s.first_held_back,
                &[
                    ("before", &w.level_label(Some(&level.before_requirements))),
                    ("count", &level.held_back_by.len().to_string()),
                    ("list", &list.join(", ")),
                ],
            ))
        }
        (Some(overall), Some(level)) => {
            let index = checklist.level_index(&level.id);
            index
                .and_then(|index| checklist.levels().get(index + 1).map(|next| (index, next)))
                .map(|(index, next)| {
                    let mut line = fill(
                        s.first_next_level,
                        &[
                            ("level", &w.plain(&next.label)),
                            ("min", &w.one(Some(next.min))),
                            ("points", &w.one(Some((next.min - overall).max(0.0)))),
                        ],
                    );
                    let mut missing: Vec<&str> = checklist
                        .levels()
                        .iter()
                        .take(index + 2)
                        .flat_map(|level| level.requires.iter())
                        .filter_map(|&item| checklist.items().get(item))
                        .map(|item| item.id.as_str())
                        .filter(|id| !requirement_met(scorecard, id))
                        .collect();
                    missing.sort_unstable();
                    missing.dedup();
                    if !missing.is_empty() {
                        line.push(' ');
                        line.push_str(&fill(
                            s.first_next_level_requires,
                            &[("count", &missing.len().to_string())],
                        ));
                    }
                    line
                })
        }
        _ => None,
    };
    let flags: Vec<String> = scorecard
        .flags
        .iter()
        .map(|flag| {
            format!(
                "{} ({})",
                w.rule_title(&flag.rule),
                w.severity(flag.severity)
            )
        })
        .collect();
    let flags_line = if flags.is_empty() {
        s.first_flags_none.to_owned()
    } else {
        fill(
            s.first_flags,
            &[
                ("count", &flags.len().to_string()),
                ("list", &flags.join("; ")),
            ],
        )
    };
    let progress_line = last_step.map_or_else(
        || s.first_progress_none.to_owned(),
        |step| {
            fill(
                s.first_progress,
                &[
                    ("period", &escape_inline(&step.from)),
                    ("delta", &w.delta(step.overall.delta)),
                    ("improved", &step.improved.len().to_string()),
                    ("regressed", &step.regressed.len().to_string()),
                ],
            )
        },
    );
    let mut radar_columns: Vec<String> = radar
        .series
        .iter()
        .map(|series| escape_inline(&series.label))
        .collect();
    if radar.band.is_some() {
        radar_columns.push("p25–p75".to_owned());
    }
    let radar_rows = radar
        .axes
        .iter()
        .enumerate()
        .map(|(index, axis)| {
            let mut values: Vec<String> = radar
                .series
                .iter()
                .map(|series| w.one(series.values.get(index).copied().flatten()))
                .collect();
            if let Some(band) = &radar.band {
                values.push(band.values.get(index).copied().flatten().map_or_else(
                    || "–".to_owned(),
                    |(low, high)| format!("{}–{}", w.one(Some(low)), w.one(Some(high))),
                ));
            }
            RadarRow {
                title: escape_inline(axis),
                values,
            }
        })
        .collect();
    FirstPage {
        level_line,
        level_note,
        washing_line: fill(
            s.first_washing,
            &[("risk", &w.risk(scorecard.washing_risk))],
        ),
        flags_line,
        progress_line,
        radar_columns,
        radar_rows,
        top_actions: actions
            .first
            .iter()
            .map(|action| {
                fill(
                    s.top_action_line,
                    &[
                        ("question", &action.question),
                        ("section", &action.section),
                        ("answer", &action.answer),
                    ],
                )
            })
            .collect(),
    }
}

/// Overall and section scores across the periods (oldest first, the current one last).
fn trend(w: &Words<'_>, ordered: &[&Scorecard]) -> TrendView {
    let current = ordered.last().copied();
    let ids: Vec<&str> = current
        .map(|scorecard| scorecard.sections.iter().map(|s| s.id.as_str()).collect())
        .unwrap_or_default();
    let mut series = vec![Series {
        label: w.s.overall.to_owned(),
        values: ordered.iter().map(|scorecard| scorecard.overall).collect(),
    }];
    series.extend(ids.iter().map(|id| {
        Series {
            label: plain_section_title(w, id),
            values: ordered
                .iter()
                .map(|scorecard| section_score(scorecard, id))
                .collect(),
        }
    }));
    let rows = series
        .iter()
        .enumerate()
        .map(|(index, series)| RadarRow {
            title: if index == 0 {
                format!("**{}**", escape_inline(&series.label))
            } else {
                escape_inline(&series.label)
            },
            values: series.values.iter().map(|value| w.one(*value)).collect(),
        })
        .collect();
    let periods: Vec<String> = ordered.iter().map(|s| s.period.clone()).collect();
    TrendView {
        periods: periods.iter().map(|p| escape_inline(p)).collect(),
        rows,
        chart: TrendChart {
            title: w.s.trend_title.to_owned(),
            periods,
            series,
            decimal: w.lang.decimal(),
        },
    }
}

fn band_chart(w: &Words<'_>, scorecard: &Scorecard, benchmark: &Benchmark) -> BandChart {
    let mut rows = vec![BandChartRow {
        label: w.s.overall.to_owned(),
        quartiles: benchmark_stats(benchmark, None),
        score: scorecard.overall,
    }];
    rows.extend(scorecard.sections.iter().map(|section| BandChartRow {
        label: plain_section_title(w, &section.id),
        quartiles: benchmark_stats(benchmark, Some(&section.id)),
        score: section.score,
    }));
    BandChart {
        title: w.s.benchmark_chart_title.to_owned(),
        you: w.s.you.to_owned(),
        band_label: w.s.network_band.to_owned(),
        median_label: w.s.network_median.to_owned(),
        rows,
        decimal: w.lang.decimal(),
    }
}

fn footer(w: &Words<'_>, scorecard: &Scorecard) -> String {
    fill(
        w.s.footer,
        &[
            (
                "checklist",
                &format!("{} {}", scorecard.checklist.id, scorecard.checklist.version),
            ),
            ("method", &w.method_name(&scorecard.method)),
        ],
    )
}

fn summary(w: &Words<'_>, scorecard: &Scorecard, checklist_name: &str) -> Summary {
    let s = w.s;
    let checklist = w.checklist;
    let level = scorecard.level.as_ref();
    let level_index = level.and_then(|level| checklist.level_index(&level.id));
    let held_back = level.is_some_and(|level| level.before_requirements != level.id);

    let mut level_value = format!("**{}**", w.level_label(level.map(|l| l.id.as_str())));
    if let Some(level) = level.filter(|_| held_back) {
        level_value.push(' ');
        level_value.push_str(&fill(
            s.row_level_before,
            &[("level", &w.level_label(Some(&level.before_requirements)))],
        ));
    }
    let in_scope = scorecard
        .items
        .iter()
        .filter(|item| item.status != Status::OutOfScope)
        .count();
    let done = scorecard
        .items
        .iter()
        .filter(|item| matches!(item.status, Status::Answered | Status::Na))
        .count();
    let mut checklist_value = checklist_name.to_owned();
    if let Some(base) = &scorecard.checklist.base {
        checklist_value.push_str(", ");
        checklist_value.push_str(&fill(
            s.row_checklist_base,
            &[("base", &format!("{} {}", base.id, base.version))],
        ));
    }
    let rows = vec![
        Row {
            label: s.row_overall.to_owned(),
            value: fill(s.row_overall_value, &[("score", &w.one(scorecard.overall))]),
        },
        Row {
            label: s.row_level.to_owned(),
            value: level_value,
        },
        Row {
            label: s.row_completeness.to_owned(),
            value: fill(
                s.row_completeness_value,
                &[
                    ("percent", &w.percent(Some(scorecard.completeness))),
                    ("done", &done.to_string()),
                    ("total", &in_scope.to_string()),
                ],
            ),
        },
        Row {
            label: s.row_washing.to_owned(),
            value: w.risk(scorecard.washing_risk),
        },
        Row {
            label: s.row_evidence.to_owned(),
            value: fill(
                s.row_evidence_value,
                &[("percent", &w.percent(scorecard.evidence_coverage))],
            ),
        },
        Row {
            label: s.row_na.to_owned(),
            value: w.percent(scorecard.na_share),
        },
        Row {
            label: s.row_checklist.to_owned(),
            value: checklist_value,
        },
    ];

    let level_sentence = match (scorecard.overall, level) {
        (Some(overall), Some(level)) if held_back => fill(
            s.level_held_back,
            &[
                ("overall", &w.one(Some(overall))),
                ("before", &w.level_label(Some(&level.before_requirements))),
                ("level", &w.level_label(Some(&level.id))),
            ],
        ),
        (Some(overall), Some(level)) => fill(
            s.level_reached,
            &[
                ("overall", &w.one(Some(overall))),
                ("level", &w.level_label(Some(&level.id))),
                (
                    "min",
                    &w.one(
                        level_index
                            .and_then(|index| checklist.levels().get(index))
                            .map(|level| level.min),
                    ),
                ),
            ],
        ),
        _ => s.level_none.to_owned(),
    };
    let held_back_items: Vec<ItemLine> = level
        .filter(|_| held_back)
        .map(|level| {
            level
                .held_back_by
                .iter()
                .map(|id| w.item_line(scorecard, id))
                .collect()
        })
        .unwrap_or_default();

    let held_back_reasons = level
        .filter(|_| held_back)
        .map(|level| held_back_reasons(w, scorecard, level))
        .unwrap_or_default();

    let (next_level, next_level_items) = match (scorecard.overall, level_index) {
        (Some(overall), Some(index)) if !held_back => match checklist.levels().get(index + 1) {
            Some(next) => {
                let missing: Vec<ItemLine> = checklist
                    .levels()
                    .iter()
                    .take(index + 2)
                    .flat_map(|level| level.requires.iter())
                    .filter_map(|&item_index| checklist.items().get(item_index))
                    .filter(|item| !requirement_met(scorecard, &item.id))
                    .map(|item| w.item_line(scorecard, &item.id))
                    .fold(Vec::new(), |mut lines, line| {
                        if !lines.iter().any(|l: &ItemLine| l.id == line.id) {
                            lines.push(line);
                        }
                        lines
                    });
                let mut sentence = fill(
                    s.next_level,
                    &[
                        ("level", &w.plain(&next.label)),
                        ("min", &w.one(Some(next.min))),
                        ("points", &w.one(Some((next.min - overall).max(0.0)))),
                    ],
                );
                let upto = &checklist.levels()[..=index + 1];
                if let Some(floor) = upto.iter().filter_map(|level| level.floor).reduce(f64::max) {
                    sentence.push(' ');
                    sentence.push_str(&fill(s.next_level_floor, &[("floor", &w.one(Some(floor)))]));
                }
                if let Some(allowed) = upto.iter().filter_map(|level| level.max_washing_risk).min()
                {
                    sentence.push(' ');
                    sentence.push_str(&fill(
                        s.next_level_risk,
                        &[("allowed", &w.risk(allowed).to_lowercase())],
                    ));
                }
                if !missing.is_empty() {
                    sentence.push(' ');
                    sentence.push_str(s.next_level_requires);
                }
                (Some(sentence), missing)
            }
            None => (None, Vec::new()),
        },
        _ => (None, Vec::new()),
    };

    let washing_sentence = if scorecard.flags.is_empty() {
        s.washing_none_sentence.to_owned()
    } else {
        fill(
            s.washing_some_sentence,
            &[
                ("count", &scorecard.flags.len().to_string()),
                ("risk", &w.risk(scorecard.washing_risk).to_lowercase()),
            ],
        )
    };

    Summary {
        rows,
        level_sentence,
        held_back: held_back_items,
        held_back_reasons,
        level_description: level_index
            .and_then(|index| checklist.levels().get(index))
            .and_then(|level| level.description.as_ref())
            .map(|text| w.plain(text)),
        next_level,
        next_level_items,
        washing_sentence,
    }
}

/// A required item counts as met with full marks, N/A or out of scope.
/// One sentence per section under a floor and per flag above the allowed risk, for the level
/// the scores alone would reach (the conditions are cumulative up to it).
fn held_back_reasons(w: &Words<'_>, scorecard: &Scorecard, level: &LevelResult) -> Vec<String> {
    let upto = w
        .checklist
        .level_index(&level.before_requirements)
        .map_or(&w.checklist.levels()[..0], |index| {
            &w.checklist.levels()[..=index]
        });
    let floor = upto.iter().filter_map(|level| level.floor).reduce(f64::max);
    let allowed = upto
        .iter()
        .filter_map(|level| level.max_washing_risk)
        .min()
        .unwrap_or(WashingRisk::High);
    let sections = level.held_back_by_sections.iter().map(|id| {
        let score = scorecard
            .sections
            .iter()
            .find(|section| &section.id == id)
            .and_then(|section| section.score);
        fill(
            w.s.held_back_section,
            &[
                ("section", &w.section_title(id)),
                ("score", &w.one(score)),
                ("floor", &w.one(floor)),
            ],
        )
    });
    let flags = level.held_back_by_flags.iter().map(|id| {
        let severity = scorecard
            .flags
            .iter()
            .find(|flag| &flag.rule == id)
            .map_or_else(String::new, |flag| w.severity(flag.severity).to_lowercase());
        fill(
            w.s.held_back_flag,
            &[
                ("rule", &w.rule_title(id)),
                ("severity", &severity),
                ("allowed", &w.risk(allowed).to_lowercase()),
            ],
        )
    });
    sections.chain(flags).collect()
}

fn requirement_met(scorecard: &Scorecard, id: &str) -> bool {
    scorecard.items.iter().any(|item| {
        item.id == id
            && (matches!(item.status, Status::Na | Status::OutOfScope)
                || item.score.is_some_and(|score| score >= 1.0))
    })
}

fn section_rows(w: &Words<'_>, scorecard: &Scorecard) -> Vec<SectionRow> {
    scorecard
        .sections
        .iter()
        .map(|section| SectionRow {
            id: section.id.clone(),
            title: w.section_title(&section.id),
            score: w.one(section.score),
            bar: bar(section.score),
            level: w.level_label(section.level.as_deref()),
            answered: format!("{}/{}", section.answered, section.in_scope),
            weight: w.short(section.weight),
        })
        .collect()
}

fn chart(w: &Words<'_>, scorecard: &Scorecard, previous: Option<&Scorecard>) -> Chart {
    Chart {
        title: w.s.chart_title.to_owned(),
        now_label: fill(w.s.chart_now, &[("period", &scorecard.period)]),
        previous_label: previous.map(|old| fill(w.s.chart_previous, &[("period", &old.period)])),
        rows: scorecard
            .sections
            .iter()
            .map(|section| ChartRow {
                label: w
                    .checklist
                    .section_index(&section.id)
                    .and_then(|index| w.checklist.sections().get(index))
                    .map_or_else(|| section.id.clone(), |s| w.text(&s.title).to_owned()),
                now: section.score,
                previous: previous.and_then(|old| {
                    old.sections
                        .iter()
                        .find(|old| old.id == section.id)
                        .and_then(|old| old.score)
                }),
            })
            .collect(),
        levels: w
            .checklist
            .levels()
            .iter()
            .map(|level| (level.min, w.text(&level.label).to_owned()))
            .collect(),
        decimal: w.lang.decimal(),
    }
}

/// How many sections to name as strengths and as gaps: up to three each, never overlapping.
fn highlight_count(scorecard: &Scorecard) -> usize {
    let scored = scorecard
        .sections
        .iter()
        .filter(|section| section.score.is_some())
        .count();
    (scored / 2).min(3)
}

/// The sections named as strengths: the highest scores, ties in definition order.
fn strongest(scorecard: &Scorecard) -> Vec<(&dei_core::scorecard::SectionResult, f64)> {
    let mut scored: Vec<_> = scorecard
        .sections
        .iter()
        .filter_map(|section| section.score.map(|score| (section, score)))
        .collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1));
    scored.truncate(highlight_count(scorecard));
    scored
}

fn strengths(w: &Words<'_>, scorecard: &Scorecard) -> Vec<SectionLine> {
    strongest(scorecard)
        .into_iter()
        .map(|(section, score)| SectionLine {
            title: w.section_title(&section.id),
            score: w.one(Some(score)),
            level: w.level_label(section.level.as_deref()),
            note: String::new(),
        })
        .collect()
}

fn gaps(w: &Words<'_>, scorecard: &Scorecard) -> Vec<SectionLine> {
    // A section named as a strength is never also a gap.
    let strong = strongest(scorecard);
    let mut scored: Vec<_> = scorecard
        .sections
        .iter()
        .filter(|section| !strong.iter().any(|(s, _)| s.id == section.id))
        .filter_map(|section| section.score.map(|score| (section, score)))
        .collect();
    // Most to gain first: the points missing, weighted by the section's weight.
    scored.sort_by(|a, b| {
        let gain = |(section, score): &(&dei_core::scorecard::SectionResult, f64)| {
            section.weight * (100.0 - score)
        };
        gain(b).total_cmp(&gain(a))
    });
    scored
        .into_iter()
        .take(highlight_count(scorecard))
        .map(|(section, score)| SectionLine {
            title: w.section_title(&section.id),
            score: w.one(Some(score)),
            level: w.level_label(section.level.as_deref()),
            note: fill(w.s.gap_note, &[("points", &w.one(Some(100.0 - score)))]),
        })
        .collect()
}

fn washing(w: &Words<'_>, scorecard: &Scorecard) -> Washing {
    let flags = scorecard
        .flags
        .iter()
        .map(|flag| {
            let rule = w.checklist.rules().iter().find(|rule| rule.id == flag.rule);
            if flag.rule == dei_core::respondents::PERCEPTION_GAP_RULE {
                return FlagView {
                    id: flag.rule.clone(),
                    severity: w.severity(flag.severity),
                    title: respondents::flag_title(w, scorecard, flag),
                    // The section's items in definition order.
                    items: {
                        let mut ids: Vec<&String> = flag.items.iter().collect();
                        ids.sort_by_key(|id| w.checklist.item_index(id));
                        ids.into_iter()
                            .map(|id| w.item_line(scorecard, id))
                            .collect()
                    },
                    explanation: Some(w.s.perception_gap_explanation.to_owned()),
                    advice: Some(w.s.perception_gap_advice.to_owned()),
                    resources: Vec::new(),
                };
            }
            FlagView {
                id: flag.rule.clone(),
                severity: w.severity(flag.severity),
                title: w.rule_title(&flag.rule),
                // The rule's items in definition order; the scorecard's sorted list when the
                // rule is not in this checklist.
                items: match rule {
                    Some(rule) => rule
                        .items
                        .iter()
                        .filter_map(|&index| w.checklist.items().get(index))
                        .map(|item| w.item_line(scorecard, &item.id))
                        .collect(),
                    None => flag
                        .items
                        .iter()
                        .map(|id| w.item_line(scorecard, id))
                        .collect(),
                },
                explanation: rule.and_then(|rule| w.markdown(rule.explanation.as_ref())),
                advice: rule.and_then(|rule| w.markdown(rule.advice.as_ref())),
                resources: rule
                    .map(|rule| w.resources(&rule.resources))
                    .unwrap_or_default(),
            }
        })
        .collect::<Vec<_>>();
    Washing {
        intro: if flags.is_empty() {
            w.s.washing_intro_none
        } else {
            w.s.washing_intro_some
        }
        .to_owned(),
        flags,
    }
}

fn evidence(w: &Words<'_>, scorecard: &Scorecard) -> EvidenceView {
    let cap = w.checklist.evidence_cap();
    let mut unevidenced = Vec::new();
    let mut gaps = Vec::new();
    for result in &scorecard.items {
        if result.unevidenced_claim {
            let mut line = w.item_line(scorecard, &result.id);
            line.note = fill(
                w.s.unevidenced_note,
                &[
                    ("score", &w.one(result.score.map(|s| s * 100.0))),
                    ("raw", &w.one(result.raw_score.map(|s| s * 100.0))),
                ],
            );
            unevidenced.push(line);
        } else if result.evidence_gap {
            gaps.push(w.item_line(scorecard, &result.id));
        }
    }
    let gaps_summary = (!gaps.is_empty()).then(|| {
        let per_section: Vec<String> = w
            .checklist
            .sections()
            .iter()
            .filter_map(|section| {
                let count = scorecard
                    .items
                    .get(section.items.clone())
                    .unwrap_or_default()
                    .iter()
                    .filter(|result| result.evidence_gap && !result.unevidenced_claim)
                    .count();
                (count > 0).then(|| format!("{} {count}", w.plain(&section.title)))
            })
            .collect();
        fill(
            w.s.evidence_gaps_summary,
            &[
                ("count", &gaps.len().to_string()),
                ("sections", &per_section.join(", ")),
            ],
        )
    });
    EvidenceView {
        gaps_summary,
        intro: fill(
            w.s.evidence_intro,
            &[
                ("cap", &w.percent(Some(cap * 100.0))),
                ("coverage", &w.percent(scorecard.evidence_coverage)),
            ],
        ),
        unevidenced,
        gaps,
    }
}

fn indices(w: &Words<'_>, scorecard: &Scorecard) -> IndicesView {
    let checklist = w.checklist;
    let counts = |matches: &dyn Fn(&Item) -> bool| {
        checklist
            .items()
            .iter()
            .enumerate()
            .filter(|(_, item)| matches(item) && item.weight > 0.0)
            .filter(|&(index, item)| {
                result_at(scorecard, index, &item.id).is_some_and(|result| result.score.is_some())
            })
            .count()
    };
    let kinds = scorecard
        .indices
        .kind
        .iter()
        .map(|(kind, score)| {
            let (name, item_kind) = match kind.as_str() {
                "policy" => (w.s.kind_policy.to_owned(), Some(ItemKind::Policy)),
                "practice" => (w.s.kind_practice.to_owned(), Some(ItemKind::Practice)),
                "outcome" => (w.s.kind_outcome.to_owned(), Some(ItemKind::Outcome)),
                other => (escape_inline(other), None),
            };
            IndexRow {
                name,
                score: w.one(*score),
                bar: bar(*score),
                count: counts(&|item: &Item| item_kind.is_some() && item.kind == item_kind),
            }
        })
        .collect();
    let tags = scorecard
        .indices
        .tag
        .iter()
        .map(|(tag, score)| IndexRow {
            name: escape_inline(&w.lang.tag_name(tag)),
            score: w.one(*score),
            bar: bar(*score),
            count: counts(&|item: &Item| item.tags.iter().any(|t| t == tag)),
        })
        .collect();
    let policy = scorecard.indices.kind.get("policy").copied().flatten();
    let practice = scorecard.indices.kind.get("practice").copied().flatten();
    let note = policy.zip(practice).map(|(policy, practice)| {
        // A gap of 15 points or more is reported as the washing sign it usually is.
        if policy - practice >= 15.0 {
            fill(
                w.s.policy_practice_gap,
                &[("points", &w.one(Some(policy - practice)))],
            )
        } else {
            fill(
                w.s.policy_practice_close,
                &[("points", &w.one(Some((policy - practice).abs())))],
            )
        }
    });
    IndicesView {
        intro: w.s.indices_intro.to_owned(),
        kinds,
        tags,
        note,
    }
}

fn actions(w: &Words<'_>, scorecard: &Scorecard) -> ActionPlan {
    let checklist = w.checklist;
    let items: Vec<Action> = action_order(checklist, scorecard)
        .into_iter()
        .enumerate()
        .filter_map(|(rank, (index, priority))| {
            let item = checklist.items().get(index)?;
            let section = checklist.sections().get(item.section)?;
            let result = result_at(scorecard, index, &item.id)?;
            let score = result.score.unwrap_or(0.0);
            let section_title = w.plain(&section.title);
            let answer = w.answer(Some(item), result);
            Some(Action {
                rank: rank + 1,
                id: item.id.clone(),
                question: w.plain(&item.question),
                meta: fill(
                    w.s.action_meta,
                    &[
                        ("section", &section_title),
                        ("answer", &answer),
                        ("score", &w.one(Some(score * 100.0))),
                    ],
                ),
                section: section_title,
                answer,
                score: w.one(Some(score * 100.0)),
                priority,
                guidance: w.markdown(item.guidance.as_ref()),
                resources: w.resources(&item.resources),
            })
        })
        .collect();
    ActionPlan {
        intro: if items.is_empty() {
            w.s.actions_none
        } else {
            w.s.actions_intro
        }
        .to_owned(),
        first: items.iter().take(TOP_ACTIONS).cloned().collect(),
        items,
    }
}

/// How many actions the first page names (and the action plan details with guidance).
const TOP_ACTIONS: usize = 5;

/// The result of the item at `index`: a scorecard lists its items in checklist order, so this is
/// a lookup, with a search only should the order ever differ (a search per item made the report
/// quadratic in the number of items).
fn result_at<'a>(scorecard: &'a Scorecard, index: usize, id: &str) -> Option<&'a ItemResult> {
    match scorecard.items.get(index) {
        Some(result) if result.id == id => Some(result),
        _ => scorecard.items.iter().find(|result| result.id == id),
    }
}

fn appendix(w: &Words<'_>, scorecard: &Scorecard) -> Vec<AppendixSection> {
    let checklist = w.checklist;
    checklist
        .sections()
        .iter()
        .map(|section| AppendixSection {
            title: w.plain(&section.title),
            items: checklist
                .items()
                .get(section.items.clone())
                .unwrap_or_default()
                .iter()
                .zip(section.items.clone())
                .filter_map(|(item, index)| {
                    let result = result_at(scorecard, index, &item.id)?;
                    Some(AppendixItem {
                        id: item.id.clone(),
                        question: w.plain(&item.question),
                        answer: w.answer(Some(item), result),
                        score: w.one(result.score.map(|s| s * 100.0)),
                        notes: notes(w, result),
                    })
                })
                .collect(),
        })
        .collect()
}

fn notes(w: &Words<'_>, result: &ItemResult) -> String {
    let mut notes = Vec::new();
    if let Some(reason) = &result.na_reason {
        notes.push(fill(w.s.note_na, &[("text", &escape_inline(reason))]));
    }
    if result.status == Status::OutOfScope && !result.value.is_null() {
        notes.push(w.s.note_out_of_scope.to_owned());
    }
    if let Some(comment) = result.comment.as_deref().filter(|c| !c.trim().is_empty()) {
        notes.push(fill(w.s.note_comment, &[("text", &escape_inline(comment))]));
    }
    if result.evidence_gap && !result.unevidenced_claim {
        notes.push(w.s.note_evidence_gap.to_owned());
    }
    for (entries, pattern) in [
        (&result.evidence_list, w.s.note_evidence),
        (&result.lapsed_evidence, w.s.note_lapsed_evidence),
    ] {
        if !entries.is_empty() {
            let list: Vec<String> = entries
                .iter()
                .map(|entry| evidence_note(w, entry))
                .collect();
            notes.push(fill(pattern, &[("list", &list.join("; "))]));
        }
    }
    notes.join(" · ")
}

/// An evidence entry as the report shows it: the text (a link where it is a safe address),
/// then its type and date where given, as in "Board minutes (minutes, 2025-03)".
fn evidence_note(w: &Words<'_>, entry: &Evidence) -> String {
    let mut about: Vec<&str> = Vec::new();
    if let Some(kind) = entry.kind {
        about.push(match kind {
            EvidenceType::Document => w.s.evidence_document,
            EvidenceType::Minutes => w.s.evidence_minutes,
            EvidenceType::Data => w.s.evidence_data,
            EvidenceType::Survey => w.s.evidence_survey,
            EvidenceType::External => w.s.evidence_external,
            EvidenceType::Other => w.s.evidence_other,
        });
    }
    if let Some(date) = &entry.date {
        about.push(date);
    }
    let text = evidence_entry(&entry.text);
    if about.is_empty() {
        text
    } else {
        format!("{text} ({})", escape_inline(&about.join(", ")))
    }
}

fn method(w: &Words<'_>) -> Vec<String> {
    let checklist = w.checklist;
    let s = w.s;
    let levels: Vec<String> = checklist
        .levels()
        .iter()
        .map(|level| {
            fill(
                s.method_level_entry,
                &[
                    ("level", &w.plain(&level.label)),
                    ("min", &w.short(level.min)),
                ],
            )
        })
        .collect();
    let requirements: Vec<String> = checklist
        .levels()
        .iter()
        .filter(|level| !level.requires.is_empty())
        .map(|level| {
            let items: Vec<String> = level
                .requires
                .iter()
                .filter_map(|&index| checklist.items().get(index))
                .map(|item| format!("`{}`", item.id))
                .collect();
            fill(
                s.method_requirement_entry,
                &[
                    ("level", &w.plain(&level.label)),
                    ("items", &items.join(", ")),
                ],
            )
        })
        .collect();
    let mut paragraphs = vec![
        s.method_items.to_owned(),
        fill(
            s.method_evidence,
            &[("cap", &w.percent(Some(checklist.evidence_cap() * 100.0)))],
        ),
        s.method_sections.to_owned(),
        fill(s.method_levels, &[("levels", &levels.join(", "))]),
    ];
    if !requirements.is_empty() {
        paragraphs.push(fill(
            s.method_requirements,
            &[("requirements", &requirements.join("; "))],
        ));
    }
    paragraphs.push(s.method_measures.to_owned());
    paragraphs.push(fill(
        s.method_rules,
        &[("count", &checklist.rules().len().to_string())],
    ));
    paragraphs.push(s.method_actions.to_owned());
    paragraphs.push(fill(
        s.method_precision,
        &[("method", &w.method_name(dei_core::scorecard::METHOD))],
    ));
    paragraphs
}

fn benchmark_view(w: &Words<'_>, scorecard: &Scorecard, benchmark: &Benchmark) -> BenchmarkView {
    let range = |stats: Option<&Stats>| match stats {
        Some(Stats::Shown(d)) => fill(
            w.s.benchmark_range,
            &[
                ("median", &w.one(Some(d.median))),
                ("p25", &w.one(Some(d.p25))),
                ("p75", &w.one(Some(d.p75))),
            ],
        ),
        _ => "–".to_owned(),
    };
    let rows = position(benchmark, scorecard)
        .into_iter()
        .map(|place| {
            let (title, stats) = match &place.section {
                None => (format!("**{}**", w.s.overall), Some(&benchmark.overall)),
                Some(id) => (
                    w.section_title(id),
                    benchmark
                        .sections
                        .iter()
                        .find(|stats| &stats.id == id)
                        .map(|stats| &stats.stats),
                ),
            };
            let label = match place.band {
                Band::BelowP25 => w.s.position_below_p25.to_owned(),
                Band::P25Median => w.s.position_p25_median.to_owned(),
                Band::MedianP75 => w.s.position_median_p75.to_owned(),
                Band::AboveP75 => w.s.position_above_p75.to_owned(),
                Band::Suppressed => fill(
                    w.s.position_suppressed,
                    &[("min_group", &benchmark.min_group.to_string())],
                ),
                Band::Unscored => "–".to_owned(),
            };
            BenchmarkRow {
                title,
                score: w.one(place.score),
                range: range(stats),
                position: label,
                code: place.band.as_str(),
            }
        })
        .collect();
    let mut intro = fill(
        w.s.benchmark_intro,
        &[
            ("count", &benchmark.organisations.to_string()),
            ("checklist", &code(&benchmark.checklist.id)),
            ("min_group", &benchmark.min_group.to_string()),
        ],
    );
    // Answers on a tailoring are compared with the base's benchmark: its version is the one
    // the tailoring adapts.
    let tailored = scorecard.checklist.id != benchmark.checklist.id;
    let version = scorecard
        .checklist
        .base
        .as_ref()
        .filter(|_| tailored)
        .map_or(&scorecard.checklist.version, |base| &base.version);
    if &benchmark.checklist.version != version {
        intro.push(' ');
        intro.push_str(&fill(
            w.s.benchmark_version_note,
            &[("version", &code(&benchmark.checklist.version))],
        ));
    }
    if tailored {
        intro.push(' ');
        intro.push_str(&fill(
            w.s.benchmark_tailored_note,
            &[("checklist", &code(&benchmark.checklist.id))],
        ));
    }
    // What is hidden and why, in plain words: a member should not wonder whether the
    // benchmark gives others away, nor why a figure is missing.
    let contributors = benchmark
        .overall
        .shown()
        .map_or(benchmark.organisations, |d| d.n);
    let rounding = if contributors >= dei_core::benchmark::SMALL_NETWORK {
        w.s.rounding_whole
    } else {
        w.s.rounding_five
    };
    intro.push_str("\n\n");
    intro.push_str(&fill(
        w.s.benchmark_hidden,
        &[
            ("min_group", &benchmark.min_group.to_string()),
            ("rounding", rounding),
        ],
    ));
    BenchmarkView { intro, rows }
}

/// The model of progress across all given periods (`dei compare`).
pub fn compare_report(
    checklist: &Checklist,
    progress: &Progress,
    language: Option<&str>,
) -> CompareReport {
    let w = Words::new(checklist, language);
    let periods: Vec<String> = progress
        .periods
        .iter()
        .map(|p| escape_inline(&p.period))
        .collect();
    let view = progress_view(&w, progress);
    CompareReport {
        language: w.lang.code(),
        t: w.s,
        title: fill(
            w.s.compare_title,
            &[("organisation", &escape_inline(&progress.organisation))],
        ),
        subtitle: fill(
            w.s.compare_subtitle,
            &[
                ("periods", &periods.join(", ")),
                (
                    "checklist",
                    &format!(
                        "{} ({} {})",
                        w.plain(checklist.title()),
                        checklist.id(),
                        checklist.version()
                    ),
                ),
            ],
        ),
        progress: view,
        footer: fill(
            w.s.footer,
            &[
                (
                    "checklist",
                    &format!("{} {}", checklist.id(), checklist.version()),
                ),
                ("method", &w.method_name(dei_core::scorecard::METHOD)),
            ],
        ),
    }
}

fn progress_view(w: &Words<'_>, progress: &Progress) -> ProgressView {
    ProgressView {
        heading: w.s.periods.to_owned(),
        periods: progress
            .periods
            .iter()
            .map(|period| PeriodRow {
                period: escape_inline(&period.period),
                overall: w.one(period.overall),
                level: w.level_label(period.level.as_deref()),
                completeness: w.percent(Some(period.completeness)),
                washing_risk: w.risk(period.washing_risk),
            })
            .collect(),
        steps: progress
            .steps
            .iter()
            .map(|step| step_view(w, step))
            .collect(),
    }
}

fn step_view(w: &Words<'_>, step: &Step) -> StepView {
    let s = w.s;
    let overall = match step.overall.delta {
        Some(delta) => fill(
            s.step_overall,
            &[
                ("from", &w.one(step.overall.from)),
                ("to", &w.one(step.overall.to)),
                ("delta", &w.delta(Some(delta))),
            ],
        ),
        None => fill(
            s.step_overall_unknown,
            &[
                ("from", &w.one(step.overall.from)),
                ("to", &w.one(step.overall.to)),
            ],
        ),
    };
    let from_level = w.level_label(step.level.from.as_deref());
    let to_level = w.level_label(step.level.to.as_deref());
    let level = match step.level.direction {
        Direction::Up => fill(s.step_level_up, &[("from", &from_level), ("to", &to_level)]),
        Direction::Down => fill(
            s.step_level_down,
            &[("from", &from_level), ("to", &to_level)],
        ),
        Direction::Same => fill(s.step_level_same, &[("level", &to_level)]),
        Direction::Unknown => fill(
            s.step_level_unknown,
            &[("from", &from_level), ("to", &to_level)],
        ),
    };

    let change_line = |change: &progress::ItemChange| {
        let item = w.checklist.item(&change.id);
        let from = if change.from_status == Some(Status::Answered) {
            w.value(item, &change.from_value)
        } else {
            status_word(w, change.from_status)
        };
        let to = if change.to_status == Status::Answered {
            w.value(item, &change.to_value)
        } else {
            status_word(w, Some(change.to_status))
        };
        format!(
            "{}: {from} → {to} ({} → {})",
            w.item_label(&change.id),
            w.one(change.score.from.map(|s| s * 100.0)),
            w.one(change.score.to.map(|s| s * 100.0)),
        )
    };
    let new_line = |change: &progress::ItemChange| {
        let item = w.checklist.item(&change.id);
        let to = if change.to_status == Status::Answered {
            w.value(item, &change.to_value)
        } else {
            status_word(w, Some(change.to_status))
        };
        format!("{}: {to}", w.item_label(&change.id))
    };
    let metric_line = |metric: &progress::MetricChange| {
        let item = w.checklist.item(&metric.id);
        let show =
            |value: Option<f64>| value.map_or_else(|| "–".to_owned(), |v| w.with_unit(item, v));
        let Change { from, to, delta } = metric.value;
        let delta = delta.map_or_else(String::new, |delta| {
            if delta.abs() < f64::EPSILON {
                String::new()
            } else if delta > 0.0 {
                format!(" (+{})", w.number(delta_round(delta)))
            } else {
                format!(" (−{})", w.number(delta_round(-delta)))
            }
        });
        format!(
            "{}: {} → {}{delta}",
            w.item_label(&metric.id),
            show(from),
            show(to)
        )
    };

    let mut groups = Vec::new();
    let mut push = |title: String, lines: Vec<String>| {
        if !lines.is_empty() {
            groups.push(Group { title, lines });
        }
    };
    let count = |n: usize| n.to_string();
    push(
        fill(s.group_improved, &[("count", &count(step.improved.len()))]),
        step.improved.iter().map(change_line).collect(),
    );
    push(
        fill(
            s.group_regressed,
            &[("count", &count(step.regressed.len()))],
        ),
        step.regressed.iter().map(change_line).collect(),
    );
    push(
        fill(
            s.group_newly_answered,
            &[("count", &count(step.newly_answered.len()))],
        ),
        step.newly_answered.iter().map(new_line).collect(),
    );
    push(
        s.group_metrics.to_owned(),
        step.metrics.iter().map(metric_line).collect(),
    );
    push(
        s.group_flags_resolved.to_owned(),
        step.flags_resolved
            .iter()
            .map(|id| format!("{} ({})", w.rule_title(id), code(id)))
            .collect(),
    );
    push(
        s.group_flags_new.to_owned(),
        step.flags_new
            .iter()
            .map(|id| format!("{} ({})", w.rule_title(id), code(id)))
            .collect(),
    );
    push(
        s.group_items_added.to_owned(),
        step.items_added.iter().map(|id| w.item_label(id)).collect(),
    );
    push(
        s.group_items_removed.to_owned(),
        step.items_removed.iter().map(|id| code(id)).collect(),
    );
    let mut summary = format!("{overall} {level}");
    if step.improved.is_empty() && step.regressed.is_empty() && step.newly_answered.is_empty() {
        summary.push(' ');
        summary.push_str(s.step_no_changes);
    }

    StepView {
        heading: fill(
            s.step_heading,
            &[
                ("from", &escape_inline(&step.from)),
                ("to", &escape_inline(&step.to)),
            ],
        ),
        from: escape_inline(&step.from),
        to: escape_inline(&step.to),
        summary,
        sections: step
            .sections
            .iter()
            .map(|section| SectionDelta {
                title: w.section_title(&section.id),
                from: w.one(section.score.from),
                to: w.one(section.score.to),
                delta: w.delta(section.score.delta),
            })
            .collect(),
        groups,
    }
}

/// Differences of figures: rounded to what a person would write (at most four decimals).
fn delta_round(value: f64) -> f64 {
    (value * 10_000.0).round() / 10_000.0
}

fn status_word(w: &Words<'_>, status: Option<Status>) -> String {
    match status {
        Some(Status::Na) => w.s.not_applicable.to_owned(),
        Some(Status::OutOfScope) => w.s.out_of_scope.to_owned(),
        Some(Status::Unanswered | Status::Answered) | None => w.s.not_answered.to_owned(),
    }
}
