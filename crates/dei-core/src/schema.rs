//! JSON Schemas of every file dei reads or writes, generated from the Rust types.

use crate::raw::{RawAnswers, RawChecklist, RawTailoring};
use crate::scorecard::Scorecard;

/// The kinds of file with a schema, as named on the command line.
pub const KINDS: &[&str] = &[
    "checklist",
    "tailoring",
    "answers",
    "scorecard",
    "benchmark",
];

/// The pretty-printed JSON Schema of `kind`, or `None` for an unknown kind.
pub fn schema_json(kind: &str) -> Option<String> {
    let schema = match kind {
        "checklist" => schemars::schema_for!(RawChecklist),
        "tailoring" => schemars::schema_for!(RawTailoring),
        "answers" => schemars::schema_for!(RawAnswers),
        "scorecard" => schemars::schema_for!(Scorecard),
        "benchmark" => schemars::schema_for!(crate::benchmark::Benchmark),
        _ => return None,
    };
    let mut text = serde_json::to_string_pretty(&schema).ok()?;
    text.push('\n');
    Some(text)
}
