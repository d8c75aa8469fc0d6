//! The network benchmark: distributions of scores across many organisations, under the
//! disclosure control of SPEC section 13.
//!
//! A [`BenchmarkBuilder`] folds the [`Figures`] of one scorecard per organisation in, one at
//! a time, and keeps only numbers: per organisation the overall and section scores, its level
//! and the rules that fired, and the period it is of. [`BenchmarkBuilder::finish`] turns them into a
//! [`Benchmark`]. [`position`] places one organisation's scorecard in a benchmark's quartile
//! bands, for its report; [`load`] validates a benchmark file before a report shows a figure
//! from it.
//!
//! Threat: a member of the network reads the benchmark and wants to learn another member's
//! scores, level or flags. Against that (k = `min_group`, never below [`PRIVACY_FLOOR`]):
//! - Threshold rule: a distribution is published only when at least k organisations have a
//!   score for it. No minimum or maximum is published: only n and the type-7 quartiles,
//!   rounded to a multiple of 5 points below 10 organisations and to whole points from 10.
//!   A distribution whose rounded quartile equals the lowest or the highest score, rounded
//!   the same way, is suppressed whole: that figure would be some organisation's own score.
//! - Level counts (a breakdown of the organisations with a level, whose total is the overall
//!   `n`): a count from 1 to k − 1 is suppressed, and so is a count that holds every
//!   organisation when there are fewer than 10 (it tells each member's level). Then
//!   complementary suppression: the suppressed counts together must be 0 or at least k, and
//!   no suppressed count may be recoverable from the total, the counts still shown and the
//!   published overall quartiles read against the level thresholds ([`suppress_levels`]
//!   states the attacker's knowledge exactly). More counts are suppressed, smallest first,
//!   until that holds; if even all of them are not enough, the overall quartiles are
//!   suppressed too.
//! - Rule shares: a share is shown only when the rule fired for 0 or at least k organisations
//!   and did not fire for 0 or at least k (so 5 of 6 does not tell that one did not fire),
//!   and, below 10 organisations, not when it is 0 or 100 % (that tells every member's flag).
//!   Rules are not a partition, so no total gives a suppressed share back.
//!
//! Limit: two benchmarks of the same network with and without one organisation can reveal
//! something about it by difference. The output records its periods and counts; coordinators
//! publish one benchmark per period.
//!
//! Quantiles use linear interpolation between closest ranks (Hyndman and Fan's type 7, the
//! default of R and NumPy): for sorted values x₀ ≤ … ≤ xₙ₋₁ and a probability p,
//! h = (n − 1)·p and q = x⌊h⌋ + (h − ⌊h⌋)·(x⌈h⌉ − x⌊h⌋).

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

use crate::checklist::Checklist;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::figures::Figures;
use crate::scorecard::{ChecklistRef, Scorecard};
use crate::source::Source;

/// The version of the benchmark format.
pub const BENCHMARK_SCHEMA_VERSION: u32 = 2;

/// The default smallest group that may be shown.
pub const DEFAULT_MIN_GROUP: usize = 5;

/// The smallest `min_group` the engine accepts: a smaller value is raised to this one, because
/// members of a smaller group can recognise each other's figures.
pub const PRIVACY_FLOOR: usize = 5;

/// Below this many organisations quartiles are rounded to multiples of 5 points, and a share
/// of 0 or 100 % (or a level count holding everyone) is suppressed.
pub const SMALL_NETWORK: usize = 10;

/// Distributions of one checklist's scores across a network of organisations.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "dei network benchmark")]
pub struct Benchmark {
    /// Always 2 for this format.
    #[schemars(extend("const" = 2))]
    pub schema_version: u32,
    /// The checklist the organisations answered (answers on its tailorings join on the
    /// sections they share with it unchanged).
    pub checklist: BenchmarkChecklist,
    /// How many organisations contributed (one contribution each).
    pub organisations: usize,
    /// How many organisations contributed with each period, latest period first.
    pub periods: IndexMap<String, usize>,
    /// The smallest group shown; smaller groups are suppressed. Never below 5.
    #[schemars(range(min = 5))]
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
    /// True when answers scored on `checklist` can be placed in this benchmark: the same
    /// checklist id and version, or a tailoring of it. Check this before calling [`position`].
    pub fn is_for(&self, checklist: &ChecklistRef) -> bool {
        let same =
            |id: &str, version: &str| self.checklist.id == id && self.checklist.version == version;
        same(&checklist.id, &checklist.version)
            || checklist
                .base
                .as_ref()
                .is_some_and(|base| same(&base.id, &base.version))
    }

    /// True when a figure is hidden anywhere in the benchmark.
    pub fn hides_anything(&self) -> bool {
        let stats = |stats: &Stats| matches!(stats, Stats::Suppressed(_));
        stats(&self.overall)
            || self.sections.iter().any(|section| stats(&section.stats))
            || self.levels.values().any(|count| count.shown().is_none())
            || self.rules.iter().any(|rule| rule.share.shown().is_none())
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
    /// Fewer than `min_group` organisations contributed, or a figure would be one
    /// organisation's own, or it would reveal a suppressed level count.
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

/// n and the quartiles (linear interpolation between closest ranks), as published: rounded.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Distribution {
    /// Number of organisations with a score.
    pub n: usize,
    /// First quartile.
    pub p25: f64,
    /// Median.
    pub median: f64,
    /// Third quartile.
    pub p75: f64,
}

impl Distribution {
    /// The exact (unrounded) quartiles of `values`, in any order; `None` when there are none
    /// or one is not a finite number.
    pub fn of(values: &[f64]) -> Option<Self> {
        if values.iter().any(|value| !value.is_finite()) {
            return None;
        }
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        Self::of_sorted(&sorted)
    }

    /// The exact quartiles of values already sorted in ascending order.
    fn of_sorted(sorted: &[f64]) -> Option<Self> {
        Some(Self {
            n: sorted.len(),
            p25: quantile(sorted, 0.25)?,
            median: quantile(sorted, 0.5)?,
            p75: quantile(sorted, 0.75)?,
        })
    }

    /// The three quartiles with their probabilities.
    pub fn quartiles(&self) -> [(f64, f64); 3] {
        [(0.25, self.p25), (0.5, self.median), (0.75, self.p75)]
    }
}

/// The rounding base of published quartiles over `n` organisations: 5 points below
/// [`SMALL_NETWORK`], whole points from there.
pub fn rounding_base(n: usize) -> f64 {
    if n < SMALL_NETWORK { 5.0 } else { 1.0 }
}

/// `value` rounded to a multiple of `base` (halves away from zero).
pub fn round_to(value: f64, base: f64) -> f64 {
    (value / base).round() * base
}

/// The published distribution of `scores` (sorted ascending) under the disclosure control:
/// `None` below `k` organisations, or when a rounded quartile equals the lowest or highest
/// score rounded the same way (it would be that organisation's own figure).
pub fn publish(sorted: &[f64], k: usize) -> Option<Distribution> {
    if sorted.len() < k.max(PRIVACY_FLOOR) {
        return None;
    }
    let exact = Distribution::of_sorted(sorted)?;
    let base = rounding_base(sorted.len());
    let published = Distribution {
        n: exact.n,
        p25: round_to(exact.p25, base),
        median: round_to(exact.median, base),
        p75: round_to(exact.p75, base),
    };
    // Compared after the same rounding: when every member scores 66.7 on a section, a
    // median of 65 tells each one's score as well as 66.7 would.
    let (lowest, highest) = (
        round_to(*sorted.first()?, base),
        round_to(*sorted.last()?, base),
    );
    // Both sides are multiples of the same base, rounded the same way: equal means equal.
    #[allow(clippy::float_cmp)]
    let own = published
        .quartiles()
        .iter()
        .any(|(_, value)| *value == lowest || *value == highest);
    (!own).then_some(published)
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
    /// Below `min_group`, holding everyone in a small network, or suppressed so that such a
    /// count cannot be worked out.
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
    /// It would tell of fewer than `min_group` organisations, or of every member of a small
    /// network.
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

/// Whether a rule's share may be shown: it fired for `fired` of `organisations`.
pub fn share_shown(fired: usize, organisations: usize, k: usize) -> bool {
    let k = k.max(PRIVACY_FLOOR);
    let not_fired = organisations.saturating_sub(fired);
    let safe = |count: usize| count == 0 || count >= k;
    organisations >= k
        && safe(fired)
        && safe(not_fired)
        && !(organisations < SMALL_NETWORK && (fired == 0 || not_fired == 0))
}

/// Why a scorecard or builder could not be folded into a benchmark.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BenchmarkError {
    /// The scorecard (or the other builder) is for another checklist or version.
    #[error(
        "this is for checklist {found}, but the benchmark is for {expected}: a benchmark compares one checklist (and its tailorings) only"
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

impl BenchmarkError {
    /// The message in Dutch.
    pub fn dutch(&self) -> String {
        match self {
            BenchmarkError::OtherChecklist { expected, found } => format!(
                "dit is voor vragenlijst {found}, maar de benchmark is voor {expected}: een benchmark vergelijkt maar één vragenlijst (met haar aanpassingen)"
            ),
            BenchmarkError::UnknownId {
                what,
                id,
                checklist,
            } => {
                let what = match *what {
                    "section" => "onderdeel",
                    "level" => "niveau",
                    "rule" => "regel",
                    other => other,
                };
                format!("de scorekaart noemt {what} `{id}`, dat vragenlijst {checklist} niet heeft")
            }
        }
    }
}

/// Folds the figures of one scorecard per organisation into a [`Benchmark`], one at a time.
///
/// It keeps only numbers: per organisation the overall score and each section score, a count
/// per level and per rule, and a count per period. Names, comments, evidence and answers are
/// never copied. Choosing one scorecard per organisation is the caller's part (SPEC section
/// 12). Builders of the same checklist can be filled in parallel and merged: the result does
/// not depend on the order in which scorecards were added or builders merged.
#[derive(Clone, Debug)]
pub struct BenchmarkBuilder {
    checklist: BenchmarkChecklist,
    section_ids: Vec<String>,
    level_ids: Vec<String>,
    /// Each level's lowest overall score, for the disclosure control.
    level_mins: Vec<f64>,
    rule_ids: Vec<String>,
    organisations: usize,
    /// Organisations whose overall, level and rules were scored on the benchmark's own
    /// checklist (not a tailoring): the denominator of rule shares.
    full: usize,
    periods: IndexMap<String, usize>,
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
    /// An empty builder for the figures of scorecards on `checklist`.
    pub fn new(checklist: &Checklist) -> Self {
        Self {
            checklist: BenchmarkChecklist {
                id: checklist.id.clone(),
                version: checklist.version.clone(),
            },
            section_ids: checklist.sections.iter().map(|s| s.id.clone()).collect(),
            level_ids: checklist.levels.iter().map(|l| l.id.clone()).collect(),
            level_mins: checklist.levels.iter().map(|l| l.min).collect(),
            rule_ids: checklist.rules.iter().map(|r| r.id.clone()).collect(),
            organisations: 0,
            full: 0,
            periods: IndexMap::new(),
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
            level_mins: self.level_mins.clone(),
            rule_ids: self.rule_ids.clone(),
            organisations: 0,
            full: 0,
            periods: IndexMap::new(),
            overall: Vec::new(),
            sections: vec![Vec::new(); self.section_ids.len()],
            levels: vec![0; self.level_ids.len()],
            rules: vec![0; self.rule_ids.len()],
            left_out: 0,
        }
    }

    /// The checklist this builder takes the figures of.
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

    /// True when figures with this checklist reference may be added whole.
    pub fn accepts(&self, checklist: &ChecklistRef) -> bool {
        self.checklist.id == checklist.id && self.checklist.version == checklist.version
    }

    /// True when figures with this checklist reference are on a tailoring of this
    /// builder's checklist, to be added with [`BenchmarkBuilder::add_tailored`].
    pub fn accepts_tailored(&self, checklist: &ChecklistRef) -> bool {
        checklist.base.as_ref().is_some_and(|base| {
            self.checklist.id == base.id && self.checklist.version == base.version
        })
    }

    /// Adds one organisation's figures on the benchmark's checklist. On an error nothing is
    /// added.
    pub fn add(&mut self, figures: &Figures) -> Result<(), BenchmarkError> {
        if !self.accepts(figures.checklist()) || !self.fits(figures) {
            return Err(self.other(figures.checklist()));
        }
        let sections = figures
            .sections()
            .iter()
            .enumerate()
            .filter_map(|(index, score)| Some((index, (*score)?)));
        self.fold(figures, sections, true);
        Ok(())
    }

    /// Adds one organisation's figures on `tailoring`, a tailoring of the benchmark's
    /// checklist `base`: only the scores of the sections it shares unchanged with `base` (as
    /// [`crate::progress::shared_view`] decides). Its overall score, level and flags were
    /// computed on another definition and stay out. On an error nothing is added.
    pub fn add_tailored(
        &mut self,
        figures: &Figures,
        tailoring: &Checklist,
        base: &Checklist,
    ) -> Result<(), BenchmarkError> {
        let checklist = figures.checklist();
        if !self.accepts_tailored(checklist)
            || checklist.id != tailoring.id
            || checklist.version != tailoring.version
            || figures.sections().len() != tailoring.sections.len()
            || base.id != self.checklist.id
            || base.version != self.checklist.version
            || base.sections.len() != self.section_ids.len()
        {
            return Err(self.other(checklist));
        }
        let sections = figures
            .sections()
            .iter()
            .enumerate()
            .filter_map(|(index, score)| {
                Some((
                    crate::progress::shared_section(tailoring, base, index)?,
                    (*score)?,
                ))
            });
        self.fold(figures, sections, false);
        Ok(())
    }

    /// True when the positions in `figures` are positions in this builder's checklist: a
    /// checklist with its id and version has its sections, levels and rules.
    fn fits(&self, figures: &Figures) -> bool {
        figures.sections().len() == self.section_ids.len()
            && figures
                .level()
                .is_none_or(|level| level < self.level_ids.len())
            && figures
                .fired()
                .iter()
                .all(|&rule| rule < self.rule_ids.len())
    }

    fn other(&self, checklist: &ChecklistRef) -> BenchmarkError {
        BenchmarkError::OtherChecklist {
            expected: self.label(),
            found: format!("`{}` {}", checklist.id, checklist.version),
        }
    }

    /// Folds one organisation in: `sections` are (position in this builder's checklist,
    /// score); the overall score, level and rules only when `full`.
    fn fold(
        &mut self,
        figures: &Figures,
        sections: impl Iterator<Item = (usize, f64)>,
        full: bool,
    ) {
        self.organisations += 1;
        // Most files share a few periods: the period is copied only when it is new.
        match self.periods.get_mut(figures.period()) {
            Some(count) => *count += 1,
            None => {
                self.periods.insert(figures.period().to_owned(), 1);
            }
        }
        for (index, score) in sections.filter(|(_, score)| score.is_finite()) {
            if let Some(scores) = self.sections.get_mut(index) {
                scores.push(score);
            }
        }
        if !full {
            return;
        }
        self.full += 1;
        if let Some(overall) = figures.overall().filter(|score| score.is_finite()) {
            self.overall.push(overall);
        }
        if let Some(count) = figures.level().and_then(|index| self.levels.get_mut(index)) {
            *count += 1;
        }
        for &index in figures.fired() {
            if let Some(count) = self.rules.get_mut(index) {
                *count += 1;
            }
        }
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
        self.full += other.full;
        self.left_out += other.left_out;
        for (period, count) in other.periods {
            *self.periods.entry(period).or_default() += count;
        }
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

    /// The benchmark under the disclosure control (module documentation). A `min_group`
    /// below [`PRIVACY_FLOOR`] is raised to it.
    pub fn finish(self, min_group: usize) -> Benchmark {
        let k = min_group.max(PRIVACY_FLOOR);
        let stats = |mut scores: Vec<f64>| {
            // Sorting here, not on insertion, is what makes the result independent of the
            // order of files and of how the work was split between threads.
            scores.sort_by(f64::total_cmp);
            publish(&scores, k)
        };
        let mut overall = stats(self.overall);
        let sections = self
            .section_ids
            .into_iter()
            .zip(self.sections)
            .map(|(id, scores)| SectionStats {
                id,
                stats: stats(scores).map_or(Stats::Suppressed(Suppressed::YES), Stats::Shown),
            })
            .collect();
        let (counts, quartiles_kept) =
            suppress_levels(&self.levels, &self.level_mins, overall.as_ref(), k);
        if !quartiles_kept {
            overall = None;
        }
        let levels = self.level_ids.into_iter().zip(counts).collect();
        let full = self.full;
        let rules = self
            .rule_ids
            .into_iter()
            .zip(self.rules)
            .map(|(rule, fired)| RuleShare {
                rule,
                share: if share_shown(fired, full, k) {
                    Share::Shown(fired as f64 / full as f64)
                } else {
                    Share::Suppressed(Suppressed::YES)
                },
            })
            .collect();
        let mut periods: Vec<(String, usize)> = self.periods.into_iter().collect();
        // Latest first; periods of different organisations need not have a known order
        // between them, so text order settles what period order cannot.
        periods.sort_by(|(a, _), (b, _)| {
            crate::period::period_cmp(b, a)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then_with(|| b.cmp(a))
        });
        Benchmark {
            schema_version: BENCHMARK_SCHEMA_VERSION,
            checklist: self.checklist,
            organisations: self.organisations,
            periods: periods.into_iter().collect(),
            min_group: k,
            overall: overall.map_or(Stats::Suppressed(Suppressed::YES), Stats::Shown),
            sections,
            levels,
            rules,
            left_out: self.left_out,
        }
    }

    fn label(&self) -> String {
        format!("`{}` {}", self.checklist.id, self.checklist.version)
    }
}

/// What a reader of the benchmark can work out about the cumulative level counts from the
/// published overall quartiles: for each level j ≥ 1, bounds on L_j, the number of
/// organisations below level j.
///
/// A published quartile R over n organisations (rounding base r) comes from a true quartile q
/// in [R − r/2, R + r/2). With h = (n − 1)·p, q interpolates between the ⌊h⌋-th and the ⌈h⌉-th
/// lowest scores. When R + r/2 ≤ t (the level's threshold), q < t, so the ⌊h⌋-th score is
/// below t: at least ⌊h⌋ + 1 organisations score below t, and (a level never exceeds the one
/// its score reaches) at least that many are below level j. When R − r/2 ≥ t, q ≥ t, so at
/// least n − ⌈h⌉ organisations score at least t; a reader who assumes that no requirement held
/// anyone back concludes L_j ≤ ⌈h⌉. Both bounds are taken, which is the stronger reader.
pub fn level_bounds(
    level_mins: &[f64],
    quartiles: Option<&Distribution>,
    total: usize,
) -> Vec<(usize, usize)> {
    let mut bounds = vec![(0, total); level_mins.len() + 1];
    if let Some(first) = bounds.first_mut() {
        *first = (0, 0);
    }
    if let Some(last) = bounds.last_mut() {
        *last = (total, total);
    }
    let Some(quartiles) = quartiles else {
        return bounds;
    };
    let n = quartiles.n;
    let half = rounding_base(n) / 2.0;
    for (p, published) in quartiles.quartiles() {
        let h = n.saturating_sub(1) as f64 * p;
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let (floor, ceil) = (h.floor() as usize, h.ceil() as usize);
        for (level, &threshold) in level_mins.iter().enumerate().skip(1) {
            let Some(bound) = bounds.get_mut(level) else {
                continue;
            };
            if published + half <= threshold {
                bound.0 = bound.0.max(floor + 1);
            }
            if published - half >= threshold {
                bound.1 = bound.1.min(ceil);
            }
        }
    }
    bounds
}

/// For each level, the values a hidden count could have given everything published (`None`
/// for a count that is shown): the total, the shown counts and the bounds of
/// [`level_bounds`]. The cumulative counts move in steps of the counts, so the possible
/// cumulative counts after each level form an interval, and so do the possible hidden counts.
pub fn hidden_ranges(
    counts: &[Option<usize>],
    bounds: &[(usize, usize)],
    total: usize,
) -> Vec<Option<(usize, usize)>> {
    // Intervals as (low, high) in i64, empty when low > high; a count never exceeds the
    // total, so nothing here comes near the limits of i64.
    let wide = |value: usize| i64::try_from(value).unwrap_or(i64::MAX / 4);
    let total = wide(total);
    let levels = counts.len();
    let bound = |index: usize| {
        bounds
            .get(index)
            .map_or((0, total), |&(low, high)| (wide(low), wide(high)))
    };
    let meet = |a: (i64, i64), b: (i64, i64)| (a.0.max(b.0), a.1.min(b.1));
    // Forward: the possible numbers of organisations below each level.
    let mut forward = vec![(0_i64, 0_i64); levels + 1];
    for index in 0..levels {
        let (low, high) = forward[index];
        let next = match counts[index] {
            Some(count) => (low + wide(count), high + wide(count)),
            None => (low, total),
        };
        forward[index + 1] = meet(next, bound(index + 1));
    }
    // Backward: from the total down.
    let mut backward = vec![(total, total); levels + 1];
    for index in (0..levels).rev() {
        let (low, high) = backward[index + 1];
        let previous = match counts[index] {
            Some(count) => (low - wide(count), high - wide(count)),
            None => (0, high),
        };
        backward[index] = meet(previous, bound(index));
    }
    let both: Vec<(i64, i64)> = forward
        .iter()
        .zip(&backward)
        .map(|(&f, &b)| meet(f, b))
        .collect();
    // Published figures that no data could give (only possible with a reader's wrong
    // assumption): every hidden count is reported as an empty range, (1, 0).
    let consistent = both.iter().all(|(low, high)| low <= high);
    (0..levels)
        .map(|index| {
            counts[index].is_none().then(|| {
                let (before, after) = (both[index], both[index + 1]);
                let (low, high) = ((after.0 - before.1).max(0), after.1 - before.0);
                if consistent && low <= high {
                    (
                        usize::try_from(low).unwrap_or(0),
                        usize::try_from(high).unwrap_or(0),
                    )
                } else {
                    (1, 0)
                }
            })
        })
        .collect()
}

/// The level counts as published and whether the overall quartiles may stay published (see
/// the module documentation). `overall` is the published overall distribution, whose `n` is
/// the total of `counts`.
pub fn suppress_levels(
    counts: &[usize],
    level_mins: &[f64],
    overall: Option<&Distribution>,
    k: usize,
) -> (Vec<Count>, bool) {
    let k = k.max(PRIVACY_FLOOR);
    let total: usize = counts.iter().sum();
    let mut hidden: Vec<bool> = counts
        .iter()
        .map(|&count| {
            (1..k).contains(&count) || (count == total && total > 0 && total < SMALL_NETWORK)
        })
        .collect();
    let mut quartiles = overall.copied();
    loop {
        if !hidden.contains(&true) {
            break;
        }
        let shown: Vec<Option<usize>> = counts
            .iter()
            .zip(&hidden)
            .map(|(&count, &hide)| (!hide).then_some(count))
            .collect();
        let bounds = level_bounds(level_mins, quartiles.as_ref(), total);
        let ranges = hidden_ranges(&shown, &bounds, total);
        let hidden_total: usize = counts
            .iter()
            .zip(&hidden)
            .filter(|(_, hide)| **hide)
            .map(|(count, _)| count)
            .sum();
        let too_small = (1..k).contains(&hidden_total);
        let recoverable = ranges.iter().flatten().any(|(low, high)| low >= high);
        if !too_small && !recoverable {
            break;
        }
        // Hide one more count: while the hidden group is too small, the smallest count that
        // is still shown and above 0; otherwise the smallest still shown, zeros included.
        // Ties: the first level in definition order (`min_by_key` keeps the first minimum).
        let next = counts
            .iter()
            .zip(&hidden)
            .enumerate()
            .filter(|(_, (count, hide))| !**hide && (!too_small || **count > 0))
            .min_by_key(|(_, (count, _))| **count)
            .map(|(index, _)| index)
            .or_else(|| hidden.iter().position(|hide| !hide));
        if let Some(flag) = next.and_then(|index| hidden.get_mut(index)) {
            *flag = true;
        } else if quartiles.is_some() {
            // Every count is hidden and the quartiles still tell: they go too.
            quartiles = None;
        } else {
            // Everything is hidden: only the total is left, which is published anyway.
            break;
        }
    }
    let published = counts
        .iter()
        .zip(hidden)
        .map(|(&count, hide)| {
            if hide {
                Count::Suppressed(Suppressed::YES)
            } else {
                Count::Shown(count)
            }
        })
        .collect();
    (published, quartiles.is_some() || overall.is_none())
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
/// Sections are matched by id; a section the benchmark lacks is `unscored`, and so is the
/// overall score of answers on a tailoring. The caller checks [`Benchmark::is_for`] first (a
/// benchmark of another checklist gives meaningless bands) and, for answers on a tailoring,
/// keeps only the sections it shares unchanged with the base ([`Benchmark::only_sections`]).
pub fn position(benchmark: &Benchmark, scorecard: &Scorecard) -> Vec<SectionPosition> {
    let place = |score: Option<f64>, stats: Option<&Stats>| match (score, stats) {
        (_, Some(Stats::Suppressed(_))) => Band::Suppressed,
        (Some(score), Some(Stats::Shown(distribution))) => Band::of(score, distribution),
        (None, _) | (_, None) => Band::Unscored,
    };
    // An overall score on a tailoring weighs other things than the benchmark's: no band.
    let overall = if scorecard.checklist.id == benchmark.checklist.id {
        place(scorecard.overall, Some(&benchmark.overall))
    } else {
        Band::Unscored
    };
    let mut positions = vec![SectionPosition {
        section: None,
        score: scorecard.overall,
        band: overall,
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

impl Benchmark {
    /// The benchmark with only the sections named in `keep`: the others are left out, so a
    /// report places an organisation only where its sections compare with the network's.
    #[must_use]
    pub fn only_sections(&self, keep: &[&str]) -> Benchmark {
        let mut copy = self.clone();
        copy.sections
            .retain(|section| keep.contains(&section.id.as_str()));
        copy
    }
}

/// A benchmark file as read for checking: the same keys, with the locations of what the
/// checks point at.
#[derive(Deserialize)]
struct Located {
    schema_version: Spanned<serde_json::Value>,
}

#[derive(Deserialize)]
struct LocatedBenchmark {
    #[allow(dead_code)]
    schema_version: u32,
    #[allow(dead_code)]
    checklist: BenchmarkChecklist,
    organisations: Spanned<usize>,
    periods: IndexMap<String, usize>,
    min_group: Spanned<usize>,
    overall: Spanned<Stats>,
    sections: Vec<Spanned<SectionStats>>,
    levels: IndexMap<String, Spanned<Count>>,
    rules: Vec<Spanned<RuleShare>>,
    #[allow(dead_code)]
    left_out: usize,
}

/// Reads and checks a benchmark file (SPEC section 13): version 2, the schema, `min_group`
/// at least [`PRIVACY_FLOOR`], no figure drawn from fewer than `min_group` organisations,
/// quartiles within 0–100 with p25 ≤ median ≤ p75, shares within [0, 1]. Every problem is a
/// located `invalid-benchmark` (or `syntax`) error; a report shows no figure from a file that
/// has one.
pub fn load(source: &Source) -> Result<Benchmark, Diagnostics> {
    let file = source.name().to_owned();
    let hint = "make it again with `dei benchmark ... -o FILE` and give that file unchanged";
    let dutch_hint =
        "maak hem opnieuw met `dei benchmark ... -o FILE` en geef dat bestand ongewijzigd";
    let problem = |message: String, dutch: String| {
        Diagnostic::error(Code::InvalidBenchmark, &file, message)
            .with_dutch(dutch, Some(dutch_hint.to_owned()))
    };
    let at = |diagnostic: Diagnostic, line: u64, column: u64| diagnostic.at(source, line, column);
    // A parser's problem keeps its Dutch message; the hint is the benchmark's in both.
    let with_hints = |mut diagnostic: Diagnostic| {
        if let Some(dutch) = diagnostic.dutch.as_mut() {
            dutch.1 = Some(dutch_hint.to_owned());
        }
        diagnostic.with_hint(hint)
    };
    let version: Located = source.parse().map_err(|mut diagnostic| {
        if diagnostic.message.contains("schema_version") {
            diagnostic.code = Code::InvalidBenchmark;
            "this is not a dei benchmark: it has no `schema_version`"
                .clone_into(&mut diagnostic.message);
            diagnostic = diagnostic.with_dutch(
                "dit is geen benchmark van dei: `schema_version` ontbreekt",
                None,
            );
        }
        Diagnostics(vec![with_hints(diagnostic)])
    })?;
    if version.schema_version.value != serde_json::json!(BENCHMARK_SCHEMA_VERSION) {
        let found = &version.schema_version;
        return Err(Diagnostics(vec![
            at(
                problem(
                    format!(
                        "this benchmark has `schema_version` {}, but dei reads version {BENCHMARK_SCHEMA_VERSION}",
                        found.value
                    ),
                    format!(
                        "deze benchmark heeft `schema_version` {}, maar dei leest versie {BENCHMARK_SCHEMA_VERSION}",
                        found.value
                    ),
                ),
                found.referenced.line(),
                found.referenced.column(),
            )
            .with_id("schema_version")
            .with_hint("a benchmark of an older dei may publish figures that are no longer allowed: make it again with this version of `dei benchmark`")
            .with_dutch(
                format!(
                    "deze benchmark heeft `schema_version` {}, maar dei leest versie {BENCHMARK_SCHEMA_VERSION}",
                    found.value
                ),
                Some("een benchmark van een oudere dei kan cijfers tonen die niet meer zijn toegestaan: maak hem opnieuw met deze versie van `dei benchmark`".to_owned()),
            ),
        ]));
    }
    let located: LocatedBenchmark = source
        .parse()
        .map_err(|diagnostic| Diagnostics(vec![with_hints(diagnostic)]))?;
    let mut problems = Diagnostics::default();
    let k = located.min_group.value;
    if k < PRIVACY_FLOOR {
        problems.push(
            at(
                problem(
                    format!(
                        "`min_group` is {k}, but a benchmark may not show groups of fewer than {PRIVACY_FLOOR} organisations"
                    ),
                    format!(
                        "`min_group` is {k}, maar een benchmark mag geen groepen van minder dan {PRIVACY_FLOOR} organisaties tonen"
                    ),
                ),
                located.min_group.referenced.line(),
                located.min_group.referenced.column(),
            )
            .with_id("min_group")
            .with_hint(hint),
        );
    }
    let k = k.max(PRIVACY_FLOOR);
    let check_stats = |id: &str, stats: &Spanned<Stats>, problems: &mut Diagnostics| {
        let Stats::Shown(d) = &stats.value else {
            return;
        };
        let message = if d.n < k {
            Some((
                format!(
                    "`{id}` shows figures of {} organisations, fewer than `min_group` ({k})",
                    d.n
                ),
                format!(
                    "`{id}` toont cijfers van {} organisaties, minder dan `min_group` ({k})",
                    d.n
                ),
            ))
        } else if [d.p25, d.median, d.p75]
            .iter()
            .any(|value| !value.is_finite() || !(0.0..=100.0).contains(value))
        {
            Some((
                format!("`{id}` has a quartile outside 0–100"),
                format!("`{id}` heeft een kwartiel buiten 0–100"),
            ))
        } else if !(d.p25 <= d.median && d.median <= d.p75) {
            Some((
                format!(
                    "`{id}` has p25 {}, median {} and p75 {}: they must not decrease",
                    d.p25, d.median, d.p75
                ),
                format!(
                    "`{id}` heeft p25 {}, mediaan {} en p75 {}: ze mogen niet dalen",
                    d.p25, d.median, d.p75
                ),
            ))
        } else {
            None
        };
        if let Some((message, dutch)) = message {
            problems.push(
                at(
                    problem(message, dutch),
                    stats.referenced.line(),
                    stats.referenced.column(),
                )
                .with_id(id.to_owned())
                .with_hint(hint),
            );
        }
    };
    check_stats("overall", &located.overall, &mut problems);
    for section in &located.sections {
        let stats = Spanned {
            value: section.value.stats.clone(),
            referenced: section.referenced,
            defined: section.defined,
        };
        check_stats(&section.value.id, &stats, &mut problems);
    }
    let organisations = located.organisations.value;
    for (level, count) in &located.levels {
        if let Count::Shown(shown) = count.value
            && ((1..k).contains(&shown) || shown > organisations)
        {
            problems.push(
                at(
                    problem(
                        format!(
                            "level `{level}` shows a count of {shown}: a count must be 0 or at least `min_group` ({k}), and at most `organisations`"
                        ),
                        format!(
                            "niveau `{level}` toont een aantal van {shown}: een aantal is 0 of ten minste `min_group` ({k}), en ten hoogste `organisations`"
                        ),
                    ),
                    count.referenced.line(),
                    count.referenced.column(),
                )
                .with_id(level.clone())
                .with_hint(hint),
            );
        }
    }
    for rule in &located.rules {
        if let Share::Shown(share) = rule.value.share
            && !(share.is_finite() && (0.0..=1.0).contains(&share))
        {
            problems.push(
                at(
                    problem(
                        format!(
                            "rule `{}` has a share of {share}, outside 0–1",
                            rule.value.rule
                        ),
                        format!(
                            "regel `{}` heeft een aandeel van {share}, buiten 0–1",
                            rule.value.rule
                        ),
                    ),
                    rule.referenced.line(),
                    rule.referenced.column(),
                )
                .with_id(rule.value.rule.clone())
                .with_hint(hint),
            );
        }
    }
    let counted: usize = located.periods.values().sum();
    if counted != organisations {
        problems.push(
            at(
                problem(
                    format!(
                        "`periods` count {counted} organisations, but `organisations` is {organisations}"
                    ),
                    format!(
                        "`periods` telt {counted} organisaties, maar `organisations` is {organisations}"
                    ),
                ),
                located.organisations.referenced.line(),
                located.organisations.referenced.column(),
            )
            .with_id("periods")
            .with_hint(hint),
        );
    }
    if problems.has_errors() {
        return Err(problems);
    }
    // Everything checked: the same text read as the benchmark type.
    source
        .parse()
        .map_err(|diagnostic| Diagnostics(vec![diagnostic]))
}

/// The top-level keys that tell dei's own outputs apart. Answers files cannot have
/// `schema_version` (unknown keys are refused), so its presence is the mark.
#[derive(Deserialize)]
struct OutputProbe {
    schema_version: Option<serde::de::IgnoredAny>,
    min_group: Option<serde::de::IgnoredAny>,
    items: Option<serde::de::IgnoredAny>,
    steps: Option<serde::de::IgnoredAny>,
}

/// What kind of dei output `source` is (`"a benchmark"`, `"a scorecard"`, `"a progress
/// comparison"`), or `None` when it is not one, so that a batch never reads its own earlier
/// output back as broken answers.
pub fn dei_output(source: &Source) -> Option<&'static str> {
    let probe: OutputProbe = source.parse().ok()?;
    probe.schema_version?;
    Some(if probe.min_group.is_some() {
        "a benchmark"
    } else if probe.items.is_some() {
        "a scorecard"
    } else if probe.steps.is_some() {
        "a progress comparison"
    } else {
        "an output"
    })
}
