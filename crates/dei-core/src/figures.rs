//! The figures of one scored answers file: what the network benchmark and the choice of one
//! file per organisation read, and nothing else.
//!
//! A batch of thousands of files keeps these instead of whole scorecards: no item results,
//! no texts, and sections, the level and fired rules by their position in the checklist,
//! not by id. [`crate::score_figures`] makes them while scoring; [`Scorecard::figures`] takes
//! them from a scorecard a caller already holds. The property tests hold that both agree.

use crate::benchmark::BenchmarkError;
use crate::checklist::Checklist;
use crate::scorecard::{ChecklistRef, Scorecard};

/// One organisation's figures for one period, on the checklist they were scored on.
///
/// Only dei-core makes them, against that checklist, so every position they hold is one of
/// its sections, levels or rules.
#[derive(Clone, Debug, PartialEq)]
pub struct Figures {
    checklist: ChecklistRef,
    organisation: String,
    organisation_id: Option<String>,
    period: String,
    overall: Option<f64>,
    sections: Vec<Option<f64>>,
    level: Option<usize>,
    fired: Vec<usize>,
}

impl Figures {
    /// The figures of a scorecard that scoring made, with the positions scoring knew: its
    /// sections are the checklist's, in order. Takes the scorecard so that its texts move
    /// rather than being copied.
    pub(crate) fn scored(scorecard: Scorecard, level: Option<usize>, fired: Vec<usize>) -> Self {
        Self {
            sections: scorecard
                .sections
                .iter()
                .map(|section| section.score)
                .collect(),
            checklist: scorecard.checklist,
            organisation: scorecard.organisation,
            organisation_id: scorecard.organisation_id,
            period: scorecard.period,
            overall: scorecard.overall,
            level,
            fired,
        }
    }

    /// The checklist the answers were scored on.
    pub fn checklist(&self) -> &ChecklistRef {
        &self.checklist
    }

    /// The organisation's name.
    pub fn organisation(&self) -> &str {
        &self.organisation
    }

    /// Who the figures are about (SPEC section 12), as [`Scorecard::organisation_identity`].
    pub fn organisation_identity(&self) -> String {
        crate::identity::of(self.organisation_id.as_deref(), &self.organisation)
    }

    /// The period.
    pub fn period(&self) -> &str {
        &self.period
    }

    /// The overall score, 0-100; `None` when no section is scored.
    pub fn overall(&self) -> Option<f64> {
        self.overall
    }

    /// Each section's score, at the section's position in the checklist.
    pub fn sections(&self) -> &[Option<f64>] {
        &self.sections
    }

    /// The position of the level reached among the checklist's levels; `None` without an
    /// overall score.
    pub fn level(&self) -> Option<usize> {
        self.level
    }

    /// The positions of the rules that fired among the checklist's rules, ascending.
    pub fn fired(&self) -> &[usize] {
        &self.fired
    }
}

impl Scorecard {
    /// The figures of this scorecard, which was scored on `checklist`: its sections, level
    /// and flags found by id. For callers that hold a whole scorecard; a batch that keeps
    /// only figures scores with [`crate::score_figures`].
    ///
    /// # Errors
    ///
    /// [`BenchmarkError::OtherChecklist`] when the scorecard names another checklist or
    /// version, [`BenchmarkError::UnknownId`] when it names a section, level or rule that
    /// `checklist` does not have.
    pub fn figures(&self, checklist: &Checklist) -> Result<Figures, BenchmarkError> {
        let label = || format!("`{}` {}", checklist.id, checklist.version);
        if self.checklist.id != checklist.id || self.checklist.version != checklist.version {
            return Err(BenchmarkError::OtherChecklist {
                expected: label(),
                found: format!("`{}` {}", self.checklist.id, self.checklist.version),
            });
        }
        let unknown = |what: &'static str, id: &str| BenchmarkError::UnknownId {
            what,
            id: id.to_owned(),
            checklist: label(),
        };
        let mut sections = vec![None; checklist.sections.len()];
        for section in &self.sections {
            let index = checklist
                .section_index(&section.id)
                .ok_or_else(|| unknown("section", &section.id))?;
            sections[index] = section.score;
        }
        let level = match &self.level {
            Some(level) => Some(
                checklist
                    .level_index(&level.id)
                    .ok_or_else(|| unknown("level", &level.id))?,
            ),
            None => None,
        };
        let mut fired = Vec::with_capacity(self.flags.len());
        for flag in &self.flags {
            let index = checklist
                .rules
                .iter()
                .position(|rule| rule.id == flag.rule)
                .ok_or_else(|| unknown("rule", &flag.rule))?;
            fired.push(index);
        }
        // A rule fires once per scorecard; a repeated flag must not count twice.
        fired.sort_unstable();
        fired.dedup();
        Ok(Figures {
            checklist: self.checklist.clone(),
            organisation: self.organisation.clone(),
            organisation_id: self.organisation_id.clone(),
            period: self.period.clone(),
            overall: self.overall,
            sections,
            level,
            fired,
        })
    }
}
