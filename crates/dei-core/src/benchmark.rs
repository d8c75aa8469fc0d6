//! The network benchmark: distributions of scores across many organisations, with small
//! groups suppressed (SPEC section 9).
//!
//! Invariant: a `Benchmark` never holds an organisation's name, free text, comments or
//! evidence, and every figure drawn from fewer than `min_group` organisations is suppressed.

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The version of the benchmark format.
pub const BENCHMARK_SCHEMA_VERSION: u32 = 1;

/// The default smallest group that may be shown.
pub const DEFAULT_MIN_GROUP: usize = 5;

/// Distributions of one checklist's scores across a network of organisations.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "dei network benchmark")]
pub struct Benchmark {
    /// Always 1 for this format.
    pub schema_version: u32,
    /// The checklist the organisations answered.
    pub checklist: BenchmarkChecklist,
    /// How many organisations were included.
    pub organisations: usize,
    /// The smallest group shown; smaller groups are suppressed.
    pub min_group: usize,
    /// The overall score distribution.
    pub overall: Stats,
    /// Per section, in definition order.
    pub sections: Vec<SectionStats>,
    /// Organisations per level; null when suppressed.
    pub levels: Option<IndexMap<String, usize>>,
    /// Share of organisations per fired rule, in definition order.
    pub rules: Vec<RuleShare>,
    /// Files that could not be read, were invalid, or belong to another checklist.
    pub left_out: usize,
}

/// Checklist id and version of a benchmark.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct BenchmarkChecklist {
    /// Checklist id.
    pub id: String,
    /// Checklist version.
    pub version: String,
}

/// A distribution, or a marker that it was suppressed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Stats {
    /// Enough organisations contributed.
    Shown(Distribution),
    /// Fewer than `min_group` organisations contributed.
    Suppressed(Suppressed),
}

/// n, min, quartiles and max (linear interpolation between closest ranks).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Distribution {
    /// Number of organisations with a score.
    pub n: usize,
    /// Lowest score.
    pub min: f64,
    /// First quartile.
    pub p25: f64,
    /// Median.
    pub median: f64,
    /// Third quartile.
    pub p75: f64,
    /// Highest score.
    pub max: f64,
}

/// `{"suppressed": true}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Suppressed {
    /// Always true.
    pub suppressed: bool,
}

/// One section's distribution.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SectionStats {
    /// Section id.
    pub id: String,
    /// The distribution, flattened into this object.
    #[serde(flatten)]
    pub stats: Stats,
}

/// The share of organisations for which a rule fired; null when suppressed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RuleShare {
    /// Rule id.
    pub rule: String,
    /// Share in [0, 1]; null when fewer than `min_group` organisations contributed.
    pub share: Option<f64>,
    /// True when suppressed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub suppressed: bool,
}
