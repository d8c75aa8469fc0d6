//! # dei-forms
//!
//! dei's questionnaires and scorecards in the formats of survey tools and spreadsheets
//! (SPEC §16):
//! - [`xlsform`]: a checklist's questionnaire as an XLSForm for KoboToolbox and ODK;
//! - [`import`]: Kobo and ODK Central exports of that form → answers files;
//! - [`export`]: scorecards as tidy tables, CSV or XLSX;
//! - [`kobo`]: answers files as a Kobo/ODK-style export (the inverse of import, for tests,
//!   benchmarks and samples).
//!
//! Everything here is sans-IO: functions take bytes or text with a source name and return
//! bytes, text or located [`dei_core::Diagnostics`]; the CLI reads and writes the files.

pub mod export;
pub mod form;
pub mod import;
pub mod kobo;
pub mod xlsform;
