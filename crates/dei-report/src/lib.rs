//! # dei-report
//!
//! Reports of a DEI self-assessment: Markdown (the default), one self-contained HTML page, and
//! JSON for other tools, in English or Dutch.
//!
//! The pipeline: a checked [`dei_core::Checklist`], a [`dei_core::Scorecard`] (and optionally
//! the answers, earlier periods and a network benchmark) → [`build`] → a [`Report`] model in
//! which every number and sentence is formatted and every text from an answers file is escaped
//! → a [`Renderer`] (minijinja templates from this crate's `templates/`, compiled in, or an
//! organisation's own folder) → Markdown → pulldown-cmark → HTML.
//!
//! ```
//! use dei_core::{Library, Source, score};
//! use dei_report::{Renderer, ReportInput, build};
//!
//! let answers = Source::new("example.yaml", r#"
//! checklist: dei-washing-selfcheck
//! organisation: {name: Example Foundation}
//! period: 2025
//! answers: {}
//! "#);
//! let (checklist, answers) = Library::new().answers_from_source(&answers, None).unwrap();
//! let scorecard = score(&checklist, &answers).unwrap();
//! let report = build(&ReportInput {
//!     checklist: &checklist,
//!     scorecard: &scorecard,
//!     answers: Some(&answers),
//!     previous: &[],
//!     benchmark: None,
//!     language: Some("nl"),
//! })
//! .unwrap();
//! let markdown = Renderer::builtin().markdown(&report).unwrap();
//! assert!(markdown.starts_with("# DEI-zelfevaluatie: Example Foundation"));
//! ```
//!
//! ## JSON
//!
//! [`report_json`] writes the scorecard exactly as `dei score --format json` does (SPEC
//! section 9), with two keys added when their input is given: `progress` (a
//! [`dei_core::progress::Progress`]: `periods` with the headline numbers of each period, and
//! `steps` with overall and section deltas, level changes, items improved, regressed and newly
//! answered, number metrics old → new, flags resolved and new, items added and removed) and
//! `benchmark_position` (a list of [`dei_core::benchmark::SectionPosition`]: first the overall
//! score with `"section": null`, then each section, each with `score` and `band`, one of
//! `below_p25`, `p25_median`, `median_p75`, `above_p75`, `suppressed` or `unscored`). [`progress_json`] writes a `Progress` alone (`dei compare
//! --format json`).
//! [`scorecard_json`] and [`benchmark_json`] write `dei score` and `dei benchmark`'s JSON;
//! every JSON output goes through [`pretty_json`] (pretty-printed, with a final newline).
//!
//! ## Answers templates
//!
//! [`answers_template`] renders a [`dei_core::Questionnaire`] as `dei init`'s blank answers
//! file: every checklist text in a YAML comment, in English or Dutch.
//!
//! Nothing here prints, reads answers files or exits; template folders are the only files read.

mod answers_template;
mod charts;
mod escape;
pub mod model;
mod network;
mod render;
mod strings;

pub use answers_template::answers_template;
pub use charts::{band_svg, bars_svg, radar_svg, trend_svg};
pub use escape::{escape_inline, escape_xml, is_safe_url};
pub use model::{
    CompareReport, Report, ReportInput, action_order, bar, build, check_compatible, compare_report,
};
pub use network::benchmark_markdown;
pub use render::{
    COMPARE_TEMPLATE, FUEL, PAGE_TEMPLATE, REPORT_TEMPLATE, Renderer, TEMPLATES, benchmark_json,
    markdown_to_html, pretty_json, progress_json, report_json, scorecard_json,
};
pub use strings::{Lang, Strings};
