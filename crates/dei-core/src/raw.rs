//! The raw model: files exactly as written, with source locations, before any checking.
//!
//! Unknown keys are rejected at every level (`deny_unknown_fields`). Fields that validation
//! points at are wrapped in `Spanned` so diagnostics carry line and column. The JSON Schemas in
//! `checklists/schema/` are generated from these types.

use std::marker::PhantomData;

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use crate::evidence::Evidence;
use crate::text::Text;

/// A checklist definition file (SPEC section 3).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "dei checklist definition")]
pub struct RawChecklist {
    /// Stable id, `[a-z0-9][a-z0-9-]*`.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// Semantic version of this definition, such as 1.2.0.
    #[schemars(with = "String")]
    pub version: Spanned<String>,
    /// Language codes; the first is the default.
    #[schemars(with = "Vec<String>")]
    pub languages: Spanned<Vec<String>>,
    /// The checklist's title.
    #[schemars(with = "Text")]
    pub title: Spanned<Text>,
    /// What the checklist is for.
    #[serde(default)]
    #[schemars(with = "Option<Text>")]
    pub description: Option<Spanned<Text>>,
    /// Scoring settings.
    #[serde(default)]
    pub scoring: RawScoring,
    /// Reusable answer option lists, by id.
    #[serde(default)]
    #[schemars(with = "IndexMap<String, Vec<RawOption>>")]
    pub scales: IndexMap<Spanned<String>, Vec<RawOption>>,
    /// Maturity levels, ascending by `min`; the first has `min: 0`.
    #[serde(default)]
    pub levels: Vec<RawLevel>,
    /// Resources that items and rules link to.
    #[serde(default)]
    pub resources: Vec<RawResource>,
    /// The sections with their items.
    #[schemars(with = "Vec<RawSection>")]
    pub sections: Spanned<Vec<RawSection>>,
    /// Consistency and DEI-washing rules.
    #[serde(default)]
    pub rules: Vec<RawRule>,
    /// Full ids of items removed in an earlier version.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub retired: Vec<Spanned<String>>,
    /// For retired ids: the items that took their place, so that an old answer says where to go.
    #[serde(default)]
    #[schemars(with = "IndexMap<String, Vec<String>>")]
    pub replaced_by: IndexMap<String, Vec<Spanned<String>>>,
}

/// Scoring settings of a checklist.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawScoring {
    /// The highest score an unevidenced answer can get where evidence is required; default 0.5.
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub evidence_cap: Option<Spanned<f64>>,
    /// The evidence ladder: which evidence entries count (see checklists/README.md).
    #[serde(default)]
    pub evidence: Option<RawEvidenceRules>,
}

/// Which evidence entries count towards lifting the evidence cap.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawEvidenceRules {
    /// Dated entries older than this many months, counted back from the last month of the
    /// answers' period, no longer count (they are shown as expired). At least 1.
    #[serde(default)]
    #[schemars(with = "Option<u32>")]
    pub max_age_months: Option<Spanned<u32>>,
    /// Entries without a `type` do not count; default false (plain texts count).
    #[serde(default, deserialize_with = "yes_or_no")]
    pub require_type: bool,
}

/// One answer option of a scale or an item.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawOption {
    /// Option id, `[a-z0-9][a-z0-9_]*`; quote "yes" and "no".
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// What the user sees.
    pub label: Text,
    /// Score of this option, in [0, 1].
    #[schemars(with = "f64")]
    pub score: Spanned<f64>,
    /// Optional explanation of the option.
    #[serde(default)]
    pub description: Option<Text>,
}

/// A maturity level.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawLevel {
    /// Level id.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// Lowest overall score (0-100) for this level.
    #[schemars(with = "f64")]
    pub min: Spanned<f64>,
    /// Name of the level.
    pub label: Text,
    /// What the level means.
    #[serde(default)]
    pub description: Option<Text>,
    /// Full item ids that must have full score (or be out of scope) to claim this level.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub requires: Vec<Spanned<String>>,
    /// Lowest score (0-100) every scored section needs for this level and every level above it.
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub floor: Option<Spanned<f64>>,
    /// Highest washing risk this level and every level above it allow.
    #[serde(default)]
    pub max_washing_risk: Option<crate::scorecard::WashingRisk>,
}

/// A resource: a toolkit, checklist, community or workshop.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawResource {
    /// Resource id.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// Title.
    pub title: Text,
    /// Link.
    pub url: String,
    /// What kind of resource: checklist, toolkit, community, workshop, guide, framework, article, training.
    #[serde(default)]
    pub kind: Option<String>,
    /// A short description.
    #[serde(default)]
    pub description: Option<Text>,
}

/// A section of a checklist.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSection {
    /// Which source this came from (0 = the file being checked; tailorings add more).
    #[serde(skip)]
    #[schemars(skip)]
    pub origin: usize,
    /// Section id, `[a-z][a-z0-9_]*`.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// Title.
    pub title: Text,
    /// What the section covers.
    #[serde(default)]
    pub description: Option<Text>,
    /// Weight in the overall score; default 1, at least 0.
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub weight: Option<Spanned<f64>>,
    /// The section's items.
    #[serde(default)]
    pub items: Vec<RawItem>,
}

/// The type of an item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ItemType {
    /// One option from a list.
    Choice,
    /// Any number of options from a list.
    Multi,
    /// A number, scored against a target when it has one.
    Number,
    /// Free text, never scored.
    Text,
}

/// Whether an item needs evidence.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum EvidencePolicy {
    /// A claim without evidence is capped at the evidence cap.
    Required,
    /// A claim without evidence is listed as an evidence gap.
    Recommended,
    /// No evidence expected.
    #[default]
    None,
}

/// What an item evidences.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    /// Something written down: a policy, a strategy, a procedure.
    Policy,
    /// Something done: a practice, a routine, an activity.
    Practice,
    /// Something achieved: a measured result.
    Outcome,
}

impl ItemKind {
    /// The kebab-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Policy => "policy",
            ItemKind::Practice => "practice",
            ItemKind::Outcome => "outcome",
        }
    }
}

/// A question of the checklist.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawItem {
    /// Which source this came from (0 = the file being checked; tailorings add more).
    #[serde(skip)]
    #[schemars(skip)]
    pub origin: usize,
    /// Item id within its section, `[a-z][a-z0-9_]*`.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// The question.
    pub question: Text,
    /// Markdown guidance: what good looks like, how to evidence it.
    #[serde(default)]
    pub guidance: Option<Text>,
    /// choice, multi, number or text.
    #[serde(rename = "type")]
    #[schemars(with = "ItemType")]
    pub item_type: Spanned<ItemType>,
    /// The id of a scale (choice and multi).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub scale: Option<Spanned<String>>,
    /// Inline options (choice and multi).
    #[serde(default)]
    pub options: Option<Vec<RawOption>>,
    /// Weight within the section; default 1, at least 0.
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub weight: Option<Spanned<f64>>,
    /// Whether the answer needs evidence; default none.
    #[serde(default)]
    pub evidence: EvidencePolicy,
    /// Whether the item may be answered N/A (with a reason); default false.
    #[serde(default, deserialize_with = "yes_or_no")]
    pub allow_na: bool,
    /// Expression: the item is in scope only when it is true.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub applies_if: Option<Spanned<String>>,
    /// Ids of resources that help with this item.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub resources: Vec<Spanned<String>>,
    /// policy, practice or outcome.
    #[serde(default)]
    pub kind: Option<ItemKind>,
    /// Free tags, such as dimensions (gender, race, disability).
    #[serde(default)]
    pub tags: Vec<String>,
    /// Whether respondents outside management can answer it (SPEC section 15): such items
    /// make up the template of `dei init --respondent GROUP`; default false.
    #[serde(default, deserialize_with = "yes_or_no")]
    pub respondents: bool,
    /// Unit of a number item: percent, count, ratio, days, currency or any other word.
    #[serde(default)]
    pub unit: Option<String>,
    /// Lowest valid number answer.
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub min: Option<Spanned<f64>>,
    /// Highest valid number answer.
    #[serde(default)]
    #[schemars(with = "Option<f64>")]
    pub max: Option<Spanned<f64>>,
    /// Target of a number item; without it the item is unscored.
    #[serde(default)]
    #[schemars(with = "Option<RawTarget>")]
    pub target: Option<Spanned<RawTarget>>,
}

/// A number item's target: the good band and the poor bounds.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawTarget {
    /// Full marks inside this number or range.
    pub good: Bound,
    /// Zero at (and beyond) this number or range.
    pub poor: Bound,
}

/// A number, or a range `[lo, hi]`.
#[derive(Clone, Copy, Debug, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Bound {
    /// A single number x, meaning [x, x].
    Point(f64),
    /// A range [lo, hi].
    Range([f64; 2]),
}

impl Bound {
    /// The bound as a range.
    pub fn range(self) -> (f64, f64) {
        match self {
            Bound::Point(x) => (x, x),
            Bound::Range([lo, hi]) => (lo, hi),
        }
    }
}

/// How serious a rule's finding is.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth a look.
    Low,
    /// A pattern that often signals washing.
    Medium,
    /// A strong sign of commitment on paper only.
    High,
}

impl Severity {
    /// The lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
        }
    }
}

/// A consistency or DEI-washing rule.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRule {
    /// Which source this came from (0 = the file being checked; tailorings add more).
    #[serde(skip)]
    #[schemars(skip)]
    pub origin: usize,
    /// Rule id, `[a-z][a-z0-9_]*`.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// high, medium or low.
    pub severity: Severity,
    /// Expression: the rule fires when it is true.
    #[schemars(with = "String")]
    pub when: Spanned<String>,
    /// What was found.
    pub title: Text,
    /// Why this pattern signals washing (Markdown).
    #[serde(default)]
    pub explanation: Option<Text>,
    /// What to do about it.
    #[serde(default)]
    pub advice: Option<Text>,
    /// Ids of resources that help.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub resources: Vec<Spanned<String>>,
}

/// A tailoring: an organisation's adaptation of a checklist (SPEC section 8).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "dei checklist tailoring")]
pub struct RawTailoring {
    /// The base checklist: a built-in id or a path relative to this file.
    #[schemars(with = "String")]
    pub tailors: Spanned<String>,
    /// The base version this tailoring was written for.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub tailors_version: Option<Spanned<String>>,
    /// Id of the tailored checklist.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// Version of the tailoring; defaults to the base version.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub version: Option<Spanned<String>>,
    /// Title of the tailored checklist; defaults to the base title.
    #[serde(default)]
    pub title: Option<Text>,
    /// Description; defaults to the base description.
    #[serde(default)]
    pub description: Option<Text>,
    /// Section ids, full item ids or rule ids to leave out.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub exclude: Vec<Spanned<String>>,
    /// New weights for sections or items.
    #[serde(default)]
    #[schemars(with = "IndexMap<String, f64>")]
    pub weights: IndexMap<Spanned<String>, Spanned<f64>>,
    /// New sections.
    #[serde(default)]
    pub add_sections: Vec<RawSection>,
    /// New items, by the id of the section they join.
    #[serde(default)]
    #[schemars(with = "IndexMap<String, Vec<RawItem>>")]
    pub add_items: IndexMap<Spanned<String>, Vec<RawItem>>,
    /// New rules.
    #[serde(default)]
    pub add_rules: Vec<RawRule>,
}

/// An answers file: one organisation, one period (SPEC section 4).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "dei answers file")]
pub struct RawAnswers {
    /// A built-in checklist id, or a path (relative to this file) to a definition or tailoring.
    #[schemars(with = "String")]
    pub checklist: Spanned<String>,
    /// The checklist version the answers were given for.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub checklist_version: Option<Spanned<String>>,
    /// Free keys about the organisation; `name` is required.
    #[schemars(with = "IndexMap<String, serde_json::Value>")]
    pub organisation: Spanned<IndexMap<String, serde_json::Value>>,
    /// The period: 2025, 2025-H2, 2025-12-01.
    #[schemars(with = "String")]
    pub period: Spanned<String>,
    /// Who filled in the answers.
    #[serde(default, deserialize_with = "empty_if_null")]
    pub assessed_by: Vec<String>,
    /// Who answers for the answers: roles, never required (such as `HR lead`).
    #[serde(default, deserialize_with = "empty_if_null")]
    pub answered_by: Vec<String>,
    /// Who read the answers and co-signed them: bodies or roles, never required (such as
    /// `Works council`, `Staff network Colour Collective`).
    #[serde(default, deserialize_with = "empty_if_null")]
    pub signed_by: Vec<String>,
    /// Present when the file is one respondent's view, not the organisation's answer.
    #[serde(default)]
    pub respondent: Option<RawRespondent>,
    /// Target level per section id.
    #[serde(default, deserialize_with = "empty_if_null")]
    #[schemars(with = "IndexMap<String, String>")]
    pub goals: IndexMap<Spanned<String>, Spanned<String>>,
    /// Answers by full item id.
    #[serde(default, deserialize_with = "empty_if_null")]
    #[schemars(with = "IndexMap<String, RawAnswer>")]
    pub answers: IndexMap<Spanned<String>, Spanned<RawAnswer>>,
}

/// Who a respondent's file is from: a group, never a name (SPEC section 15).
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRespondent {
    /// The respondent's group, `[a-z][a-z0-9_]*`, such as `staff` or `volunteers`.
    #[schemars(with = "String")]
    pub group: Spanned<String>,
}

/// A scalar answer value as written.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Scalar {
    /// An unquoted yes/no/true/false/on/off.
    Bool(bool),
    /// A finite number.
    Number(f64),
    /// Text or an option id.
    Text(String),
}

/// The value of an answer as written: nothing, a scalar, or a list of scalars.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum RawValue {
    /// Left empty, as `dei init` writes it: the item counts as unanswered.
    Empty,
    /// One value.
    Scalar(Scalar),
    /// A list, for multi items.
    List(Vec<Scalar>),
}

/// An answer: the value alone (short form), or a map with value, evidence, comment, N/A.
#[derive(Clone, Debug, PartialEq, JsonSchema)]
#[schemars(untagged)]
pub enum RawAnswer {
    /// The value alone.
    Short(RawValue),
    /// The long form.
    Long(RawLongAnswer),
}

/// The long form of an answer.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawLongAnswer {
    /// The value: option id, list of option ids, number or text.
    #[serde(default)]
    #[schemars(with = "Option<serde_json::Value>")]
    pub value: Option<RawValue>,
    /// Evidence: links or document names, each plain or as `{text, type, date}` (one entry
    /// or a list).
    #[serde(default, deserialize_with = "crate::evidence::evidence_list")]
    #[schemars(with = "Vec<Evidence>")]
    pub evidence: Vec<Evidence>,
    /// A comment.
    #[serde(default)]
    pub comment: Option<String>,
    /// Not applicable; needs a reason.
    #[serde(default, deserialize_with = "yes_or_no")]
    pub na: bool,
    /// Why the item does not apply.
    #[serde(default)]
    pub reason: Option<String>,
}

/// A flag written as `true`/`false` or, as people write it, `yes`/`no`/`on`/`off`/`y`/`n`.
///
/// The parser reads only `true` and `false` as booleans (so that `country: NO` stays Norway
/// and `label: Yes` stays a text); flags take the other spellings here.
pub(crate) fn yes_or_no<'de, D: Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    struct FlagVisitor;

    impl Visitor<'_> for FlagVisitor {
        type Value = bool;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("yes or no (true or false)")
        }
        fn visit_bool<E: de::Error>(self, value: bool) -> Result<bool, E> {
            Ok(value)
        }
        fn visit_str<E: de::Error>(self, value: &str) -> Result<bool, E> {
            match value.trim().to_ascii_lowercase().as_str() {
                "yes" | "y" | "on" | "true" => Ok(true),
                "no" | "n" | "off" | "false" => Ok(false),
                _ => Err(E::custom(format!(
                    "`{value}` is not yes or no: write `true` or `false`"
                ))),
            }
        }
    }

    deserializer.deserialize_any(FlagVisitor)
}

/// A key left empty (`answers:` with nothing under it yet) means an empty list or map, not a
/// wrong kind of value.
fn empty_if_null<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

struct ScalarVisitor;

impl Visitor<'_> for ScalarVisitor {
    type Value = Scalar;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an option id, a number or a text")
    }
    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Scalar, E> {
        Ok(Scalar::Bool(value))
    }
    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Scalar, E> {
        Ok(Scalar::Number(value as f64))
    }
    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Scalar, E> {
        Ok(Scalar::Number(value as f64))
    }
    fn visit_i128<E: de::Error>(self, value: i128) -> Result<Scalar, E> {
        Ok(Scalar::Number(value as f64))
    }
    fn visit_u128<E: de::Error>(self, value: u128) -> Result<Scalar, E> {
        Ok(Scalar::Number(value as f64))
    }
    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Scalar, E> {
        if value.is_finite() {
            Ok(Scalar::Number(value))
        } else {
            Err(E::custom(
                "numbers must be finite: NaN and infinity are not allowed",
            ))
        }
    }
    fn visit_str<E: de::Error>(self, value: &str) -> Result<Scalar, E> {
        Ok(Scalar::Text(value.to_owned()))
    }
    fn visit_string<E: de::Error>(self, value: String) -> Result<Scalar, E> {
        Ok(Scalar::Text(value))
    }
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ScalarVisitor)
    }
}

/// Visits any answer shape: empty, scalar, list, or the long-form map, read as `L`.
struct AnswerVisitor<L>(PhantomData<L>);

impl<'de, L: Deserialize<'de> + Into<RawLongAnswer>> Visitor<'de> for AnswerVisitor<L> {
    type Value = RawAnswer;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an answer: a value, a list of option ids, or a map with `value`, `evidence`, `comment`, `na`, `reason`")
    }
    fn visit_unit<E: de::Error>(self) -> Result<RawAnswer, E> {
        Ok(RawAnswer::Short(RawValue::Empty))
    }
    fn visit_none<E: de::Error>(self) -> Result<RawAnswer, E> {
        Ok(RawAnswer::Short(RawValue::Empty))
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<RawAnswer, D::Error> {
        deserializer.deserialize_any(self)
    }
    fn visit_bool<E: de::Error>(self, value: bool) -> Result<RawAnswer, E> {
        ScalarVisitor.visit_bool(value).map(short)
    }
    fn visit_i64<E: de::Error>(self, value: i64) -> Result<RawAnswer, E> {
        ScalarVisitor.visit_i64(value).map(short)
    }
    fn visit_u64<E: de::Error>(self, value: u64) -> Result<RawAnswer, E> {
        ScalarVisitor.visit_u64(value).map(short)
    }
    fn visit_i128<E: de::Error>(self, value: i128) -> Result<RawAnswer, E> {
        ScalarVisitor.visit_i128(value).map(short)
    }
    fn visit_u128<E: de::Error>(self, value: u128) -> Result<RawAnswer, E> {
        ScalarVisitor.visit_u128(value).map(short)
    }
    fn visit_f64<E: de::Error>(self, value: f64) -> Result<RawAnswer, E> {
        ScalarVisitor.visit_f64(value).map(short)
    }
    fn visit_str<E: de::Error>(self, value: &str) -> Result<RawAnswer, E> {
        ScalarVisitor.visit_str(value).map(short)
    }
    fn visit_string<E: de::Error>(self, value: String) -> Result<RawAnswer, E> {
        ScalarVisitor.visit_string(value).map(short)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<RawAnswer, A::Error> {
        list(seq).map(|values| RawAnswer::Short(RawValue::List(values)))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawAnswer, A::Error> {
        L::deserialize(de::value::MapAccessDeserializer::new(map))
            .map(|long| RawAnswer::Long(long.into()))
    }
}

fn short(scalar: Scalar) -> RawAnswer {
    RawAnswer::Short(RawValue::Scalar(scalar))
}

fn list<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<Vec<Scalar>, A::Error> {
    let mut values = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(256));
    while let Some(value) = seq.next_element::<Scalar>()? {
        values.push(value);
    }
    Ok(values)
}

impl<'de> Deserialize<'de> for RawAnswer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        answer_with_long_form::<D, RawLongAnswer>(deserializer)
    }
}

/// Reads an answer as `RawAnswer` does, its long form read as `L`: the fast path (see `fast`)
/// reads the long form without the buffering that the located path's messages rely on.
pub(crate) fn answer_with_long_form<'de, D, L>(deserializer: D) -> Result<RawAnswer, D::Error>
where
    D: Deserializer<'de>,
    L: Deserialize<'de> + Into<RawLongAnswer>,
{
    deserializer.deserialize_any(AnswerVisitor::<L>(PhantomData))
}

/// Visits the `value` of a long-form answer: empty, scalar or list.
struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = RawValue;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a value: an option id, a list of option ids, a number or a text")
    }
    fn visit_unit<E: de::Error>(self) -> Result<RawValue, E> {
        Ok(RawValue::Empty)
    }
    fn visit_none<E: de::Error>(self) -> Result<RawValue, E> {
        Ok(RawValue::Empty)
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<RawValue, D::Error> {
        deserializer.deserialize_any(self)
    }
    fn visit_bool<E: de::Error>(self, value: bool) -> Result<RawValue, E> {
        ScalarVisitor.visit_bool(value).map(RawValue::Scalar)
    }
    fn visit_i64<E: de::Error>(self, value: i64) -> Result<RawValue, E> {
        ScalarVisitor.visit_i64(value).map(RawValue::Scalar)
    }
    fn visit_u64<E: de::Error>(self, value: u64) -> Result<RawValue, E> {
        ScalarVisitor.visit_u64(value).map(RawValue::Scalar)
    }
    fn visit_f64<E: de::Error>(self, value: f64) -> Result<RawValue, E> {
        ScalarVisitor.visit_f64(value).map(RawValue::Scalar)
    }
    fn visit_str<E: de::Error>(self, value: &str) -> Result<RawValue, E> {
        ScalarVisitor.visit_str(value).map(RawValue::Scalar)
    }
    fn visit_string<E: de::Error>(self, value: String) -> Result<RawValue, E> {
        ScalarVisitor.visit_string(value).map(RawValue::Scalar)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<RawValue, A::Error> {
        list(seq).map(RawValue::List)
    }
}

impl<'de> Deserialize<'de> for RawValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

/// Just enough of any file to tell which kind it is.
#[derive(Debug, Deserialize)]
pub struct RawFileKind {
    /// Present in tailorings.
    #[serde(default)]
    pub tailors: Option<de::IgnoredAny>,
    /// Present in answers files.
    #[serde(default)]
    pub answers: Option<de::IgnoredAny>,
    /// Present in answers files.
    #[serde(default)]
    pub checklist: Option<de::IgnoredAny>,
    /// Present in checklist definitions.
    #[serde(default)]
    pub sections: Option<de::IgnoredAny>,
}
