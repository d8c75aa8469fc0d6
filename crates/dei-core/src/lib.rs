//! # dei-core
//!
//! The engine of dei: organisations self-assess their diversity, equity and inclusion (DEI)
//! practice against a checklist, period after period.
//!
//! The pipeline: YAML text → a raw model that keeps every line and column → validation,
//! collecting every problem as a [`Diagnostic`] → a checked [`Checklist`] (sealed: only
//! validation makes one) → [`Answers`] checked against it → [`score`] → a [`Scorecard`].
//! Progress across periods and the network benchmark build on scorecards. A half-filled
//! answers file (a form saved midway) goes through [`Answers::check_partial`], which keeps the
//! answers that fit and returns the problems of the others beside them.
//!
//! ```
//! use dei_core::{Library, Source, score};
//!
//! let answers = Source::new("example.yaml", r#"
//! checklist: dei-washing-selfcheck
//! organisation: {name: Example Foundation, staff: 42}
//! period: 2025
//! answers: {}
//! "#);
//! let mut library = Library::new();
//! let (checklist, answers) = library.answers_from_source(&answers, None).unwrap();
//! let scorecard = score(&checklist, &answers).unwrap();
//! assert_eq!(scorecard.organisation, "Example Foundation");
//! assert_eq!(scorecard.overall, Some(0.0)); // nothing answered yet: nothing done yet
//! ```
//!
//! No function here prints or exits; every problem is returned as [`Diagnostics`]. Nothing
//! here touches the file system but [`fs`]: a [`Library`] follows references to files through
//! the [`Resolve`]r it is given ([`fs::FsResolver`] for the disk, [`MemoryResolver`] for texts
//! held in memory); `Library::new()` knows the built-in checklists only.

mod answers;
pub mod benchmark;
mod checklist;
mod diagnostic;
pub mod evidence;
mod expr;
mod fast;
mod figures;
pub mod fs;
pub mod identity;
mod library;
pub mod period;
pub mod progress;
mod questionnaire;
mod raw;
mod resolve;
pub mod respondents;
pub mod schema;
mod score;
mod scorecard;
mod source;
mod tailor;
mod text;
mod validate;
pub mod visible;
pub mod yaml;

// The pipeline: text in, a checked checklist, answers checked against it, a scorecard out.
pub use answers::{Answers, Entry, Goal, Response, Value};
pub use checklist::{
    AnswerKind, AnswerOption, BaseChecklist, Checklist, Item, Level, NumberSpec, Resource, Rule,
    Section, Target,
};
pub use figures::Figures;
pub use library::{
    FileKind, Library, Loaded, Probe, builtin_checklists, builtin_text, file_kind, probe,
};
pub use raw::{EvidencePolicy, ItemKind, ItemType, Severity as RuleSeverity};
pub use resolve::{MemoryResolver, Resolve, Resolved, Unresolved};
pub use score::{METHOD, score, score_figures};
pub use scorecard::{
    BaseRef, ChecklistRef, Flag, GoalResult, Indices, ItemResult, LevelResult, Notice,
    SCORECARD_SCHEMA_VERSION, Scorecard, SectionResult, Status, WashingRisk,
};
pub use source::{MAX_INPUT_BYTES, Source};
pub use text::{Text, is_dutch};
pub use validate::DEFAULT_EVIDENCE_CAP;

// Problems, located and coded.
pub use diagnostic::{Code, Diagnostic, Diagnostics, Severity};

// Conditions, and the checklist as a questionnaire for the front ends that show it.
pub use expr::{
    CompareOp, Condition, ConditionError, Constant, Expr, ExpressionError, FailureKind, ItemRoot,
    Literal, Read, Reference,
};
pub use questionnaire::{
    Applicability, Choice, Fact, Input, Question, QuestionLevel, QuestionSection, Questionnaire,
    organisation_facts, pick_language,
};

// Helpers that dei's own crates share (the file-system layer, suggestions, number formatting),
// kept off the crate page: not a stable API.
#[doc(hidden)]
pub use diagnostic::{did_you_mean, nearest};
#[doc(hidden)]
pub use expr::reference_path;
#[doc(hidden)]
pub use scorecard::fixed;

/// Checklists are shared across threads in batch work; this fails to compile if that breaks.
const _: () = {
    const fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Checklist>();
    assert_send_sync::<Scorecard>();
    assert_send_sync::<Answers>();
};

/// Both paths of an answers file, for the differential property tests and fuzz targets that
/// hold the invariant "the fast path gives the located path's `Answers` or nothing". Not a
/// stable API.
#[doc(hidden)]
pub mod testing {
    use crate::{Answers, Checklist, Diagnostics, Source};

    /// The fast path alone (see `fast`): the answers, or `None` when it hands over.
    pub fn fast_answers(source: &Source, checklist: &Checklist) -> Option<Answers> {
        let parts = crate::fast::plain_answers(source)?;
        let answers = Answers::check_parts(parts, source, checklist).ok()?;
        answers.warnings.is_empty().then_some(answers)
    }

    /// The located path alone, which decides what the user sees.
    pub fn located_answers(source: &Source, checklist: &Checklist) -> Result<Answers, Diagnostics> {
        let raw: crate::raw::RawAnswers = source.parse_all()?;
        Answers::check(raw, source, checklist)
    }
}
