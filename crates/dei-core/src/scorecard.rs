//! The scorecard and its parts: every number of one organisation's assessment (SPEC section
//! 9): the results per item, section, level, goal and fired rule, the washing risk, the
//! indices, and the format's version and scoring method.
//!
//! The keys are a contract: other tools read them. More keys may be added; none renamed.

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::raw::Severity;

/// The version of the scorecard format.
pub const SCORECARD_SCHEMA_VERSION: u32 = 1;

/// The name and version of the scoring method, recorded in every scorecard.
pub const METHOD: &str = "weighted-mean/1";

/// One organisation's scored assessment for one period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "dei scorecard")]
pub struct Scorecard {
    /// Always 1 for this format.
    pub schema_version: u32,
    /// The checklist the answers were scored on.
    pub checklist: ChecklistRef,
    /// The organisation's name.
    pub organisation: String,
    /// The organisation's stable id (`organisation.id` of the answers file), when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation_id: Option<String>,
    /// The period.
    pub period: String,
    /// Overall score 0-100, full precision; null when no section is scored.
    pub overall: Option<f64>,
    /// Answered or N/A, over in-scope items, as a percentage.
    pub completeness: f64,
    /// none, low, medium or high: the highest severity among fired rules.
    pub washing_risk: WashingRisk,
    /// The maturity level reached; null when there is no overall score.
    pub level: Option<LevelResult>,
    /// Per section, in definition order.
    pub sections: Vec<SectionResult>,
    /// Per item, in definition order.
    pub items: Vec<ItemResult>,
    /// Index scores per item kind and per tag.
    pub indices: Indices,
    /// Among answered scored items with a positive score, the share with evidence (0-100).
    pub evidence_coverage: Option<f64>,
    /// Weight of in-scope scored items marked N/A over all in-scope scored weight (0-100).
    pub na_share: Option<f64>,
    /// The scoring method and its version.
    pub method: String,
    /// Target levels per section and whether they are reached.
    pub goals: Vec<GoalResult>,
    /// Fired rules, in definition order.
    pub flags: Vec<Flag>,
    /// Things the user should know: version mismatch, answers out of scope, retired items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Notice>,
    /// How the organisation's respondents see it (SPEC section 15); only with respondents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub respondents: Option<crate::respondents::Respondents>,
}

impl Scorecard {
    /// Who the scorecard is about (SPEC section 12): `organisation_id` when given, otherwise
    /// the name normalised (see [`crate::identity`]).
    pub fn organisation_identity(&self) -> String {
        crate::identity::of(self.organisation_id.as_deref(), &self.organisation)
    }
}

/// Which checklist, and for a tailoring which base.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ChecklistRef {
    /// Checklist id.
    pub id: String,
    /// Checklist version.
    pub version: String,
    /// The base of a tailored checklist; null otherwise.
    pub base: Option<BaseRef>,
}

/// The base of a tailored checklist.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct BaseRef {
    /// Base id.
    pub id: String,
    /// Base version.
    pub version: String,
}

/// The washing risk of an assessment.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum WashingRisk {
    /// No rule fired.
    None,
    /// Only low-severity rules fired.
    Low,
    /// At most medium.
    Medium,
    /// At least one high-severity rule fired.
    High,
}

impl WashingRisk {
    /// The lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            WashingRisk::None => "none",
            WashingRisk::Low => "low",
            WashingRisk::Medium => "medium",
            WashingRisk::High => "high",
        }
    }
}

impl From<Severity> for WashingRisk {
    fn from(severity: Severity) -> Self {
        match severity {
            Severity::Low => WashingRisk::Low,
            Severity::Medium => WashingRisk::Medium,
            Severity::High => WashingRisk::High,
        }
    }
}

/// The level reached, and what held it back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct LevelResult {
    /// The level reached.
    pub id: String,
    /// The level the overall score alone would give.
    pub before_requirements: String,
    /// Required items without full score that held the level back, in definition order.
    pub held_back_by: Vec<String>,
    /// Sections that score under a level's `floor` and held the level back, in definition order.
    #[serde(default)]
    pub held_back_by_sections: Vec<String>,
    /// Fired rules above a level's `max_washing_risk` that held the level back, in rule order.
    #[serde(default)]
    pub held_back_by_flags: Vec<String>,
}

/// One section's result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SectionResult {
    /// Section id.
    pub id: String,
    /// Score 0-100; null when no item of the section is scored.
    pub score: Option<f64>,
    /// The level of the section score (thresholds only, no requirements).
    pub level: Option<String>,
    /// Weight in the overall score.
    pub weight: f64,
    /// Items answered or N/A.
    pub answered: usize,
    /// Items in scope.
    pub in_scope: usize,
}

/// The status of an item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Answered.
    Answered,
    /// In scope but not answered.
    Unanswered,
    /// Marked not applicable, with a reason.
    Na,
    /// Its `applies_if` is false.
    OutOfScope,
}

impl Status {
    /// The name used in expressions and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Answered => "answered",
            Status::Unanswered => "unanswered",
            Status::Na => "na",
            Status::OutOfScope => "out_of_scope",
        }
    }
}

/// One item's result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ItemResult {
    /// Full item id.
    pub id: String,
    /// answered, unanswered, na or out_of_scope.
    pub status: Status,
    /// The answer: option id, list of option ids, number or text; null when there is none.
    pub value: serde_json::Value,
    /// Raw score in [0, 1]; null when N/A, out of scope or unscored.
    pub raw_score: Option<f64>,
    /// Effective score after the evidence cap; null like `raw_score`.
    pub score: Option<f64>,
    /// Number of evidence entries that count (not expired, typed where the checklist requires it).
    pub evidence: usize,
    /// Evidence is required, missing, and the raw score exceeds the evidence cap.
    pub unevidenced_claim: bool,
    /// Evidence is recommended, missing, and the raw score is positive.
    pub evidence_gap: bool,
    /// The evidence entries that count, as given: a text, or `{text, type, date}`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence_list: Vec<crate::evidence::Evidence>,
    /// Evidence entries that do not count: dated longer ago than the checklist's
    /// `max_age_months` before the end of the period, or untyped where a type is required.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lapsed_evidence: Vec<crate::evidence::Evidence>,
    /// The comment as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// Why the item is N/A.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub na_reason: Option<String>,
}

/// Index scores, 0-100 or null.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Indices {
    /// Per item kind: policy, practice, outcome.
    pub kind: IndexMap<String, Option<f64>>,
    /// Per tag, in order of first use in the checklist.
    pub tag: IndexMap<String, Option<f64>>,
}

/// A section goal and whether it is reached.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct GoalResult {
    /// Section id.
    pub section: String,
    /// The target level.
    pub goal: String,
    /// Whether the section's level is at or above the goal.
    pub reached: bool,
}

/// A fired rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Flag {
    /// Rule id.
    pub rule: String,
    /// Its severity.
    pub severity: Severity,
    /// The items its condition reads, sorted.
    pub items: Vec<String>,
    /// For a `perception_gap` flag: the section where the gap lies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// For a `perception_gap` flag: the respondents' group that sees it differently.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
}

/// A warning carried into the scorecard.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Notice {
    /// The diagnostic code.
    pub code: String,
    /// What to know.
    pub message: String,
    /// The item or other id concerned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

/// `value` with `places` decimals, as every report and summary shows numbers: never `-0.0`
/// (a tiny negative difference or a negative zero rounds to a plain `0.0`).
pub fn fixed(value: f64, places: usize) -> String {
    let text = format!("{value:.places$}");
    match text.strip_prefix('-') {
        Some(unsigned) if unsigned.bytes().all(|b| b == b'0' || b == b'.') => unsigned.to_owned(),
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixed_never_shows_a_negative_zero() {
        assert_eq!(super::fixed(-0.0, 1), "0.0");
        assert_eq!(super::fixed(-0.04, 1), "0.0");
        assert_eq!(super::fixed(-0.004, 2), "0.00");
        assert_eq!(super::fixed(-0.05, 1), "-0.1");
        assert_eq!(super::fixed(12.345, 1), "12.3");
    }
}
