//! The checked checklist and its parts: [`Checklist`] (made only by validation), its
//! [`Section`]s, [`Item`]s, [`Level`]s and [`Rule`]s, and the kinds of answer, evidence and
//! severity they take. What validation produces and scoring, the reports and the forms read.
//!
//! Invariant: a `Checklist` value is always valid. Every id is unique and well formed, every
//! reference resolves, every expression compiled, `applies_if` dependencies are acyclic and
//! `scope_order` lists the conditional items so that each comes after every item it reads.

use std::collections::HashMap;
use std::ops::Range;

use crate::expr::Condition;
pub use crate::raw::{EvidencePolicy, ItemKind, ItemType, Severity as RuleSeverity};
use crate::text::Text;
pub use crate::validate::DEFAULT_EVIDENCE_CAP;

/// A checked checklist definition (or the result of a tailoring).
///
/// Only validation makes one (`Checklist::from_source`, `Library`), and its fields are read
/// through the methods below, so a value outside this crate is always valid.
#[derive(Debug)]
pub struct Checklist {
    /// Stable id.
    pub(crate) id: String,
    /// Semantic version.
    pub(crate) version: String,
    /// For a tailoring: the checklist it adapts.
    pub(crate) base: Option<BaseChecklist>,
    /// Language codes, default first.
    pub(crate) languages: Vec<String>,
    /// Title.
    pub(crate) title: Text,
    /// Description.
    pub(crate) description: Option<Text>,
    /// Highest effective score of an unevidenced answer where evidence is required.
    pub(crate) evidence_cap: f64,
    /// Which evidence entries count (the evidence ladder).
    pub(crate) evidence_rules: crate::evidence::EvidenceRules,
    /// Maturity levels, ascending.
    pub(crate) levels: Vec<Level>,
    /// Resources, in definition order.
    pub(crate) resources: Vec<Resource>,
    /// Sections, in definition order.
    pub(crate) sections: Vec<Section>,
    /// All items of all sections, in definition order.
    pub(crate) items: Vec<Item>,
    /// Rules, in definition order.
    pub(crate) rules: Vec<Rule>,
    /// Full ids of items removed in earlier versions.
    pub(crate) retired: Vec<String>,
    /// For retired ids: the full ids of the items that replaced them.
    pub(crate) replaced_by: HashMap<String, Vec<String>>,
    /// Conditional items (indices into `items`) in an order where each follows what it reads.
    pub(crate) scope_order: Vec<usize>,
    pub(crate) item_index: HashMap<String, usize>,
    pub(crate) section_index: HashMap<String, usize>,
    /// What scoring works out once per checklist rather than once per answers file, made by
    /// validation: the fields are sealed, so the plan always fits the checklist it is in.
    pub(crate) plan: crate::score::Plan,
}

/// The checklist a tailoring adapts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BaseChecklist {
    /// Its id.
    pub id: String,
    /// Its version.
    pub version: String,
}

/// A section: a group of items with a weight in the overall score.
#[derive(Debug)]
pub struct Section {
    /// Id.
    pub id: String,
    /// Title.
    pub title: Text,
    /// Description.
    pub description: Option<Text>,
    /// Weight in the overall score.
    pub weight: f64,
    /// Its items, as a range of `Checklist::items`.
    pub items: Range<usize>,
}

/// A question.
#[derive(Debug)]
pub struct Item {
    /// Full id, `section.item`.
    pub id: String,
    /// Index of its section.
    pub section: usize,
    /// The question.
    pub question: Text,
    /// Markdown guidance.
    pub guidance: Option<Text>,
    /// What kind of answer it takes.
    pub answer: AnswerKind,
    /// Weight within the section.
    pub weight: f64,
    /// Whether it needs evidence.
    pub evidence: EvidencePolicy,
    /// Whether N/A is allowed.
    pub allow_na: bool,
    /// When the item is in scope.
    pub applies_if: Option<Condition>,
    /// Indices into `Checklist::resources`.
    pub resources: Vec<usize>,
    /// policy, practice or outcome.
    pub kind: Option<ItemKind>,
    /// Free tags.
    pub tags: Vec<String>,
    /// Respondents outside management can answer it (SPEC section 15).
    pub respondents: bool,
}

impl Item {
    /// True when the item contributes to scores: choice, multi, and number with a target.
    pub fn is_scored(&self) -> bool {
        match &self.answer {
            AnswerKind::Choice(_) | AnswerKind::Multi(_) => true,
            AnswerKind::Number(number) => number.target.is_some(),
            AnswerKind::Text => false,
        }
    }

    /// The options of a choice or multi item; empty otherwise.
    pub fn options(&self) -> &[AnswerOption] {
        match &self.answer {
            AnswerKind::Choice(options) | AnswerKind::Multi(options) => options,
            _ => &[],
        }
    }

    /// The item's id within its section.
    pub fn local_id(&self) -> &str {
        self.id.split_once('.').map_or(&self.id, |(_, local)| local)
    }
}

/// The kind of answer an item takes.
#[derive(Debug)]
pub enum AnswerKind {
    /// One option.
    Choice(Vec<AnswerOption>),
    /// Any number of options.
    Multi(Vec<AnswerOption>),
    /// A number.
    Number(NumberSpec),
    /// Free text.
    Text,
}

impl AnswerKind {
    /// choice, multi, number or text.
    pub fn type_name(&self) -> &'static str {
        match self {
            AnswerKind::Choice(_) => "choice",
            AnswerKind::Multi(_) => "multi",
            AnswerKind::Number(_) => "number",
            AnswerKind::Text => "text",
        }
    }
}

/// An answer option.
#[derive(Clone, Debug)]
pub struct AnswerOption {
    /// Option id.
    pub id: String,
    /// Label.
    pub label: Text,
    /// Score in [0, 1].
    pub score: f64,
    /// Optional description.
    pub description: Option<Text>,
}

/// The settings of a number item.
#[derive(Clone, Debug)]
pub struct NumberSpec {
    /// percent, count, ratio, days, currency or any other word.
    pub unit: Option<String>,
    /// Lowest valid answer.
    pub min: Option<f64>,
    /// Highest valid answer.
    pub max: Option<f64>,
    /// The target; without it the item is unscored.
    pub target: Option<Target>,
}

/// A piecewise-linear target: full marks inside `good`, zero at or beyond `poor`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Target {
    /// The good band [g1, g2].
    pub good: (f64, f64),
    /// The poor bounds [p1, p2].
    pub poor: (f64, f64),
}

impl Target {
    /// Checks SPEC section 5's validity conditions; the reason when invalid.
    pub fn check(&self) -> Result<(), &'static str> {
        let ((g1, g2), (p1, p2)) = (self.good, self.poor);
        if ![g1, g2, p1, p2].iter().all(|x| x.is_finite()) {
            return Err("target bounds must be finite numbers");
        }
        if g1 > g2 {
            return Err("the good range must be [low, high]");
        }
        if p1 > p2 {
            return Err("the poor range must be [low, high]");
        }
        // Exact equality is the point: only identical bounds make the slope undefined.
        #[allow(clippy::float_cmp)]
        let degenerate = p1 == g1 || p2 == g2;
        if degenerate {
            return Err(
                "a poor bound equals the good bound on the same side, so the slope is undefined",
            );
        }
        if p1 > g1 && p2 < g2 {
            return Err("the poor range lies inside the good range");
        }
        Ok(())
    }

    /// The raw score of `value` (SPEC section 5): 1 inside the good band, linear towards the
    /// poor bound on each side, clamped to [0, 1].
    pub fn score(&self, value: f64) -> f64 {
        let ((g1, g2), (p1, p2)) = (self.good, self.poor);
        let raw = if value < g1 {
            slope(value, p1, g1)
        } else if value > g2 {
            slope(value, p2, g2)
        } else {
            1.0
        };
        raw.clamp(0.0, 1.0)
    }
}

/// (value − poor) / (good − poor). Near the ends of f64 both differences can overflow to
/// infinity and their ratio would be NaN; halving every term first keeps them finite.
fn slope(value: f64, poor: f64, good: f64) -> f64 {
    let ratio = (value - poor) / (good - poor);
    if ratio.is_nan() {
        (value / 2.0 - poor / 2.0) / (good / 2.0 - poor / 2.0)
    } else {
        ratio
    }
}

/// A maturity level.
#[derive(Debug)]
pub struct Level {
    /// Id.
    pub id: String,
    /// Lowest overall score for the level.
    pub min: f64,
    /// Label.
    pub label: Text,
    /// Description.
    pub description: Option<Text>,
    /// Items (indices) that must have full score, be N/A or out of scope.
    pub requires: Vec<usize>,
    /// Lowest score every scored section needs (SPEC section 14); levels above inherit it.
    pub floor: Option<f64>,
    /// Highest washing risk allowed (SPEC section 14); levels above inherit it.
    pub max_washing_risk: Option<crate::scorecard::WashingRisk>,
}

/// A resource.
#[derive(Debug)]
pub struct Resource {
    /// Id.
    pub id: String,
    /// Title.
    pub title: Text,
    /// Link.
    pub url: String,
    /// Kind of resource.
    pub kind: Option<String>,
    /// Description.
    pub description: Option<Text>,
}

/// A consistency or DEI-washing rule.
#[derive(Debug)]
pub struct Rule {
    /// Id.
    pub id: String,
    /// How serious.
    pub severity: RuleSeverity,
    /// When it fires.
    pub when: Condition,
    /// What was found.
    pub title: Text,
    /// Why it matters.
    pub explanation: Option<Text>,
    /// What to do.
    pub advice: Option<Text>,
    /// Indices into `Checklist::resources`.
    pub resources: Vec<usize>,
    /// Indices of the items the condition reads, in definition order.
    pub items: Vec<usize>,
}

impl Checklist {
    /// Stable id.
    #[inline]
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Semantic version.
    #[inline]
    pub fn version(&self) -> &str {
        &self.version
    }

    /// For a tailoring: the checklist it adapts.
    #[inline]
    pub fn base(&self) -> Option<&BaseChecklist> {
        self.base.as_ref()
    }

    /// Language codes, default first.
    #[inline]
    pub fn languages(&self) -> &[String] {
        &self.languages
    }

    /// Title.
    #[inline]
    pub fn title(&self) -> &Text {
        &self.title
    }

    /// Description.
    #[inline]
    pub fn description(&self) -> Option<&Text> {
        self.description.as_ref()
    }

    /// Highest effective score of an unevidenced answer where evidence is required.
    #[inline]
    pub fn evidence_cap(&self) -> f64 {
        self.evidence_cap
    }

    /// Which evidence entries count (the evidence ladder).
    #[inline]
    pub fn evidence_rules(&self) -> &crate::evidence::EvidenceRules {
        &self.evidence_rules
    }

    /// Maturity levels, ascending.
    #[inline]
    pub fn levels(&self) -> &[Level] {
        &self.levels
    }

    /// Resources, in definition order.
    #[inline]
    pub fn resources(&self) -> &[Resource] {
        &self.resources
    }

    /// Sections, in definition order.
    #[inline]
    pub fn sections(&self) -> &[Section] {
        &self.sections
    }

    /// All items of all sections, in definition order.
    #[inline]
    pub fn items(&self) -> &[Item] {
        &self.items
    }

    /// Rules, in definition order.
    #[inline]
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// Full ids of items removed in earlier versions.
    #[inline]
    pub fn retired(&self) -> &[String] {
        &self.retired
    }

    /// For a retired id: the full ids of the items that replaced it.
    #[inline]
    pub fn replaced_by(&self, retired: &str) -> Option<&[String]> {
        self.replaced_by.get(retired).map(Vec::as_slice)
    }

    /// Conditional items (indices into `items`) in an order where each follows what it reads.
    #[inline]
    pub fn scope_order(&self) -> &[usize] {
        &self.scope_order
    }

    /// The index of the item with this full id.
    pub fn item_index(&self, id: &str) -> Option<usize> {
        self.item_index.get(id).copied()
    }

    /// The item with this full id.
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.item_index(id).map(|index| &self.items[index])
    }

    /// The index of the section with this id.
    pub fn section_index(&self, id: &str) -> Option<usize> {
        self.section_index.get(id).copied()
    }

    /// The default language.
    pub fn default_language(&self) -> &str {
        self.languages.first().map_or("en", String::as_str)
    }

    /// The level with this id.
    pub fn level_index(&self, id: &str) -> Option<usize> {
        self.levels.iter().position(|level| level.id == id)
    }

    /// All full item ids, in definition order.
    pub fn item_ids(&self) -> impl Iterator<Item = &str> {
        self.items.iter().map(|item| item.id.as_str())
    }
}
