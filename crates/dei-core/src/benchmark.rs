//! The network benchmark: distributions of scores across many organisations, with small
//! groups suppressed (SPEC section 9).
//!
//! A [`BenchmarkBuilder`] folds scorecards in one at a time and keeps only numbers: per
//! organisation the overall and section scores, and counts per level and per fired rule.
//! [`BenchmarkBuilder::finish`] turns them into a [`Benchmark`], suppressing every figure that
//! fewer than `min_group` organisations contribute to. [`position`] places one organisation's
//! scorecard in a benchmark's quartile bands, for its report.
//!
//! Invariant: a `Benchmark` never holds an organisation's name, free text, comments or
//! evidence, and every figure drawn from fewer than `min_group` organisations is suppressed.
//!
//! Suppression, precisely (k = `min_group`, never below [`PRIVACY_FLOOR`]):
//! - A distribution (overall or a section) is suppressed when fewer than k organisations have a
//!   score for it.
//! - A level count from 1 to k − 1 is suppressed (primary suppression). A count of 0 is shown:
//!   it describes no organisation. Then complementary suppression: the level counts add up to
//!   the number of organisations with a level, which anyone can work out from the output, so
//!   the suppressed counts together must also be 0 or at least k. While they add up to
//!   1 to k − 1 (for example exactly one count is suppressed), the smallest count still shown
//!   that is above 0 is suppressed as well (ties: the first level in definition order).
//! - A rule share is suppressed when fewer than k organisations are in the benchmark, or when
//!   the rule fired for 1 to k − 1 of them. A rule that fired for nobody shows share 0.
//!   Rules are not a partition (one organisation can fire several), so no total reveals a
//!   suppressed share and no complementary suppression is needed.
//!
//! Quantiles use linear interpolation between closest ranks (Hyndman and Fan's type 7, the
//! default of R and NumPy): for sorted values x₀ ≤ … ≤ xₙ₋₁ and a probability p,
//! h = (n − 1)·p and q = x⌊h⌋ + (h − ⌊h⌋)·(x⌈h⌉ − x⌊h⌋).

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::checklist::Checklist;
use crate::scorecard::{ChecklistRef, Scorecard};

/// The version of the benchmark format.
pub const BENCHMARK_SCHEMA_VERSION: u32 = 1;

/// The default smallest group that may be shown.
pub const DEFAULT_MIN_GROUP: usize = 5;

/// The smallest `min_group` the engine accepts: a smaller value is raised to this one, because
/// groups of one or two organisations can be recognised by their members.
pub const PRIVACY_FLOOR: usize = 3;

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
    /// The smallest group shown; smaller groups are suppressed. Never below 3.
    #[schemars(range(min = 3))]
    pub min_group: usize,
    /// The overall score distribution.
    pub overall: Stats,
    /// Per section, in definition order.
    pub sections: Vec<SectionStats>,
    /// Organisations per overall level, every level in definition order; a count is
    /// `{"suppressed": true}` when it is below `min_group` or would reveal one that is.
    pub levels: IndexMap<String, Count>,
    /// Share of organisations per rule, every rule in definition order.
    pub rules: Vec<RuleShare>,
    /// Files that could not be read, were invalid, or belong to another checklist.
    pub left_out: usize,
}

impl Benchmark {
    /// True when `checklist` (from a scorecard) is the checklist of this benchmark: the same id
    /// and version. Check this before calling [`position`].
    pub fn is_for(&self, checklist: &ChecklistRef) -> bool {
        self.checklist.id == checklist.id && self.checklist.version == checklist.version
    }
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

impl Stats {
    /// The distribution, unless it is suppressed.
    pub fn shown(&self) -> Option<&Distribution> {
        match self {
            Stats::Shown(distribution) => Some(distribution),
            Stats::Suppressed(_) => None,
        }
    }
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

impl Distribution {
    /// The distribution of `values`, in any order; `None` when there are none or one is not a
    /// finite number.
    pub fn of(values: &[f64]) -> Option<Self> {
        if values.iter().any(|value| !value.is_finite()) {
            return None;
        }
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        Self::of_sorted(&sorted)
    }

    /// The distribution of values already sorted in ascending order.
    fn of_sorted(sorted: &[f64]) -> Option<Self> {
        Some(Self {
            n: sorted.len(),
            min: *sorted.first()?,
            p25: quantile(sorted, 0.25)?,
            median: quantile(sorted, 0.5)?,
            p75: quantile(sorted, 0.75)?,
            max: *sorted.last()?,
        })
    }
}

/// The quantile `p` (in [0, 1]) of values sorted in ascending order, by linear interpolation
/// between closest ranks (type 7); `None` for no values or `p` outside [0, 1].
pub fn quantile(sorted: &[f64], p: f64) -> Option<f64> {
    if sorted.is_empty() || !(0.0..=1.0).contains(&p) {
        return None;
    }
    let h = (sorted.len() - 1) as f64 * p;
    let floor = h.floor();
    // h lies in [0, n − 1], so both ranks are valid indices; `get` keeps that unprovable
    // fact from becoming a panic.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let (low, high) = (floor as usize, h.ceil() as usize);
    let (x_low, x_high) = (*sorted.get(low)?, *sorted.get(high)?);
    Some(x_low + (h - floor) * (x_high - x_low))
}

/// `{"suppressed": true}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Suppressed {
    /// Always true.
    #[schemars(extend("const" = true))]
    pub suppressed: bool,
}

impl Suppressed {
    /// The one value: `{"suppressed": true}`.
    pub const YES: Suppressed = Suppressed { suppressed: true };
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

/// A number of organisations, or a marker that it was suppressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Count {
    /// The count.
    Shown(usize),
    /// Below `min_group`, or suppressed so that a smaller count cannot be worked out.
    Suppressed(Suppressed),
}

impl Count {
    /// The count, unless it is suppressed.
    pub fn shown(self) -> Option<usize> {
        match self {
            Count::Shown(count) => Some(count),
            Count::Suppressed(_) => None,
        }
    }
}

/// The share of organisations for which a rule fired.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RuleShare {
    /// Rule id.
    pub rule: String,
    /// Share in [0, 1], or `{"suppressed": true}`.
    pub share: Share,
}

/// A share in [0, 1], or a marker that it was suppressed.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Share {
    /// The share of organisations, in [0, 1].
    Shown(#[schemars(range(min = 0.0, max = 1.0))] f64),
    /// Fewer than `min_group` organisations in the benchmark, or the rule fired for fewer.
    Suppressed(Suppressed),
}

impl Share {
    /// The share, unless it is suppressed.
    pub fn shown(self) -> Option<f64> {
        match self {
            Share::Shown(share) => Some(share),
            Share::Suppressed(_) => None,
        }
    }
}

/// Why a scorecard or builder could not be folded into a benchmark.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BenchmarkError {
    /// The scorecard (or the other builder) is for another checklist or version.
    #[error(
        "this is for checklist {found}, but the benchmark is for {expected}: a benchmark compares one checklist only"
    )]
    OtherChecklist {
        /// The benchmark's checklist, as `` `id` version ``.
        expected: String,
        /// The scorecard's checklist, as `` `id` version ``.
        found: String,
    },
    /// The scorecard names a section, level or rule that its checklist does not have.
    #[error("the scorecard names {what} `{id}`, which checklist {checklist} does not have")]
    UnknownId {
        /// section, level or rule.
        what: &'static str,
        /// The id.
        id: String,
        /// The benchmark's checklist, as `` `id` version ``.
        checklist: String,
    },
}

/// Folds scorecards of one checklist into a [`Benchmark`], one at a time.
///
/// It keeps only numbers: per organisation the overall score and each section score, and a
/// count per level and per rule. Names, comments, evidence and answers are never copied, so
/// memory grows with the number of organisations times the number of sections only.
/// Builders of the same checklist can be filled in parallel and merged: the result does not
/// depend on the order in which scorecards were added or builders merged.
#[derive(Clone, Debug)]
pub struct BenchmarkBuilder {
    checklist: BenchmarkChecklist,
    section_ids: Vec<String>,
    level_ids: Vec<String>,
    rule_ids: Vec<String>,
    organisations: usize,
    overall: Vec<f64>,
    /// One list of scores per section, in definition order.
    sections: Vec<Vec<f64>>,
    /// Organisations per level, in definition order.
    levels: Vec<usize>,
    /// Organisations per rule that fired for them, in definition order.
    rules: Vec<usize>,
    left_out: usize,
}

impl BenchmarkBuilder {
    /// An empty builder for scorecards of `checklist`.
    pub fn new(checklist: &Checklist) -> Self {
        Self {
            checklist: BenchmarkChecklist {
                id: checklist.id.clone(),
                version: checklist.version.clone(),
            },
            section_ids: checklist.sections.iter().map(|s| s.id.clone()).collect(),
            level_ids: checklist.levels.iter().map(|l| l.id.clone()).collect(),
            rule_ids: checklist.rules.iter().map(|r| r.id.clone()).collect(),
            organisations: 0,
            overall: Vec::new(),
            sections: vec![Vec::new(); checklist.sections.len()],
            levels: vec![0; checklist.levels.len()],
            rules: vec![0; checklist.rules.len()],
            left_out: 0,
        }
    }

    /// An empty builder for the same checklist, for another worker.
    #[must_use]
    pub fn fork(&self) -> Self {
        Self {
            checklist: self.checklist.clone(),
            section_ids: self.section_ids.clone(),
            level_ids: self.level_ids.clone(),
            rule_ids: self.rule_ids.clone(),
            organisations: 0,
            overall: Vec::new(),
            sections: vec![Vec::new(); self.section_ids.len()],
            levels: vec![0; self.level_ids.len()],
            rules: vec![0; self.rule_ids.len()],
            left_out: 0,
        }
    }

    /// The checklist this builder takes scorecards of.
    pub fn checklist(&self) -> &BenchmarkChecklist {
        &self.checklist
    }

    /// How many organisations were added so far.
    pub fn organisations(&self) -> usize {
        self.organisations
    }

    /// How many files were left out so far.
    pub fn left_out(&self) -> usize {
        self.left_out
    }

    /// True when a scorecard with this checklist reference may be added.
    pub fn accepts(&self, checklist: &ChecklistRef) -> bool {
        self.checklist.id == checklist.id && self.checklist.version == checklist.version
    }

    /// Adds one organisation's scorecard. On an error nothing is added.
    pub fn add(&mut self, scorecard: &Scorecard) -> Result<(), BenchmarkError> {
        if !self.accepts(&scorecard.checklist) {
            return Err(BenchmarkError::OtherChecklist {
                expected: self.label(),
                found: format!(
                    "`{}` {}",
                    scorecard.checklist.id, scorecard.checklist.version
                ),
            });
        }
        // Look every id up before changing anything, so a bad scorecard leaves no trace.
        let mut section_scores = Vec::new();
        for section in &scorecard.sections {
            let index = self.index_of("section", &self.section_ids, &section.id)?;
            if let Some(score) = section.score.filter(|score| score.is_finite()) {
                section_scores.push((index, score));
            }
        }
        let level = match &scorecard.level {
            Some(level) => Some(self.index_of("level", &self.level_ids, &level.id)?),
            None => None,
        };
        let mut fired = Vec::new();
        for flag in &scorecard.flags {
            let index = self.index_of("rule", &self.rule_ids, &flag.rule)?;
            // A rule fires once per scorecard; a repeated flag must not count twice.
            if !fired.contains(&index) {
                fired.push(index);
            }
        }

        self.organisations += 1;
        if let Some(overall) = scorecard.overall.filter(|score| score.is_finite()) {
            self.overall.push(overall);
        }
        for (index, score) in section_scores {
            if let Some(scores) = self.sections.get_mut(index) {
                scores.push(score);
            }
        }
        if let Some(count) = level.and_then(|index| self.levels.get_mut(index)) {
            *count += 1;
        }
        for index in fired {
            if let Some(count) = self.rules.get_mut(index) {
                *count += 1;
            }
        }
        Ok(())
    }

    /// Counts one file that was left out (unreadable, invalid or for another checklist).
    pub fn leave_out(&mut self) {
        self.left_out += 1;
    }

    /// Adds everything another builder of the same checklist collected.
    pub fn merge(&mut self, other: BenchmarkBuilder) -> Result<(), BenchmarkError> {
        if other.checklist != self.checklist
            || other.section_ids != self.section_ids
            || other.level_ids != self.level_ids
            || other.rule_ids != self.rule_ids
        {
            return Err(BenchmarkError::OtherChecklist {
                expected: self.label(),
                found: other.label(),
            });
        }
        self.organisations += other.organisations;
        self.left_out += other.left_out;
        self.overall.extend(other.overall);
        for (mine, theirs) in self.sections.iter_mut().zip(other.sections) {
            mine.extend(theirs);
        }
        for (mine, theirs) in self.levels.iter_mut().zip(other.levels) {
            *mine += theirs;
        }
        for (mine, theirs) in self.rules.iter_mut().zip(other.rules) {
            *mine += theirs;
        }
        Ok(())
    }

    /// The benchmark, with every group of fewer than `min_group` organisations suppressed.
    /// A `min_group` below [`PRIVACY_FLOOR`] is raised to it.
    pub fn finish(self, min_group: usize) -> Benchmark {
        let k = min_group.max(PRIVACY_FLOOR);
        let stats = |mut scores: Vec<f64>| {
            if scores.len() < k {
                return Stats::Suppressed(Suppressed::YES);
            }
            // Sorting here, not on insertion, is what makes the result independent of the
            // order of files and of how the work was split between threads.
            scores.sort_by(f64::total_cmp);
            Distribution::of_sorted(&scores)
                .map_or(Stats::Suppressed(Suppressed::YES), Stats::Shown)
        };
        let overall = stats(self.overall);
        let sections = self
            .section_ids
            .into_iter()
            .zip(self.sections)
            .map(|(id, scores)| SectionStats {
                id,
                stats: stats(scores),
            })
            .collect();
        let levels = self
            .level_ids
            .into_iter()
            .zip(suppress_counts(&self.levels, k))
            .collect();
        let organisations = self.organisations;
        let rules = self
            .rule_ids
            .into_iter()
            .zip(self.rules)
            .map(|(rule, fired)| {
                let share = if organisations < k || (1..k).contains(&fired) {
                    Share::Suppressed(Suppressed::YES)
                } else {
                    Share::Shown(fired as f64 / organisations as f64)
                };
                RuleShare { rule, share }
            })
            .collect();
        Benchmark {
            schema_version: BENCHMARK_SCHEMA_VERSION,
            checklist: self.checklist,
            organisations,
            min_group: k,
            overall,
            sections,
            levels,
            rules,
            left_out: self.left_out,
        }
    }

    fn label(&self) -> String {
        format!("`{}` {}", self.checklist.id, self.checklist.version)
    }

    fn index_of(
        &self,
        what: &'static str,
        ids: &[String],
        id: &str,
    ) -> Result<usize, BenchmarkError> {
        ids.iter()
            .position(|known| known == id)
            .ok_or_else(|| BenchmarkError::UnknownId {
                what,
                id: id.to_owned(),
                checklist: self.label(),
            })
    }
}

/// Primary and complementary suppression of counts that add up to a known total, such as the
/// organisations per level (see the module documentation): a count from 1 to `k` − 1 is
/// suppressed, then the smallest positive counts still shown until the suppressed counts add
/// up to 0 or at least `k`.
pub fn suppress_counts(counts: &[usize], k: usize) -> Vec<Count> {
    let mut hidden: Vec<bool> = counts
        .iter()
        .map(|&count| (1..k).contains(&count))
        .collect();
    loop {
        let hidden_total: usize = counts
            .iter()
            .zip(&hidden)
            .filter(|(_, hidden)| **hidden)
            .map(|(count, _)| count)
            .sum();
        if !(1..k).contains(&hidden_total) {
            break;
        }
        // The smallest count still shown that describes at least one organisation; the first
        // such in definition order on a tie (`min_by_key` keeps the first minimum).
        let next = counts
            .iter()
            .zip(&hidden)
            .enumerate()
            .filter(|(_, (count, hidden))| **count > 0 && !**hidden)
            .min_by_key(|(_, (count, _))| **count)
            .map(|(index, _)| index);
        match next.and_then(|index| hidden.get_mut(index)) {
            Some(flag) => *flag = true,
            // Everything is hidden already: the suppressed counts are the whole group.
            None => break,
        }
    }
    counts
        .iter()
        .zip(hidden)
        .map(|(&count, hidden)| {
            if hidden {
                Count::Suppressed(Suppressed::YES)
            } else {
                Count::Shown(count)
            }
        })
        .collect()
}

/// Where an organisation's score lies among the benchmark's quartiles.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Band {
    /// Below the first quartile.
    BelowP25,
    /// From the first quartile up to, not including, the median.
    P25Median,
    /// From the median up to and including the third quartile.
    MedianP75,
    /// Above the third quartile.
    AboveP75,
    /// The benchmark suppressed this distribution: too few organisations to compare with.
    Suppressed,
    /// The organisation has no score here (the section is N/A for it), or the benchmark has
    /// no such section.
    Unscored,
}

impl Band {
    /// The snake_case name, as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Band::BelowP25 => "below_p25",
            Band::P25Median => "p25_median",
            Band::MedianP75 => "median_p75",
            Band::AboveP75 => "above_p75",
            Band::Suppressed => "suppressed",
            Band::Unscored => "unscored",
        }
    }

    /// The band of `score` in `distribution`. A score equal to p25 or p75 counts in the inner
    /// band next to it, a score equal to the median in `median_p75`: so when every
    /// organisation has the same score, each one is in `median_p75`, never "above".
    pub fn of(score: f64, distribution: &Distribution) -> Band {
        if score < distribution.p25 {
            Band::BelowP25
        } else if score < distribution.median {
            Band::P25Median
        } else if score <= distribution.p75 {
            Band::MedianP75
        } else {
            Band::AboveP75
        }
    }
}

/// One organisation's place in a benchmark, for the overall score or one section.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SectionPosition {
    /// The section id; null for the overall score.
    pub section: Option<String>,
    /// The organisation's own score (0-100), or null when it has none.
    pub score: Option<f64>,
    /// Its quartile band.
    pub band: Band,
}

/// The organisation's quartile band overall (first, with `section: None`) and for each section
/// of its scorecard, in the scorecard's order.
///
/// Sections are matched by id; a section the benchmark lacks is `unscored`. The caller checks
/// [`Benchmark::is_for`] first: a benchmark of another checklist gives meaningless bands.
pub fn position(benchmark: &Benchmark, scorecard: &Scorecard) -> Vec<SectionPosition> {
    let place = |score: Option<f64>, stats: Option<&Stats>| match (score, stats) {
        (_, Some(Stats::Suppressed(_))) => Band::Suppressed,
        (Some(score), Some(Stats::Shown(distribution))) => Band::of(score, distribution),
        (None, _) | (_, None) => Band::Unscored,
    };
    let mut positions = vec![SectionPosition {
        section: None,
        score: scorecard.overall,
        band: place(scorecard.overall, Some(&benchmark.overall)),
    }];
    for section in &scorecard.sections {
        let stats = benchmark
            .sections
            .iter()
            .find(|stats| stats.id == section.id)
            .map(|stats| &stats.stats);
        positions.push(SectionPosition {
            section: Some(section.id.clone()),
            score: section.score,
            band: place(section.score, stats),
        });
    }
    positions
}
