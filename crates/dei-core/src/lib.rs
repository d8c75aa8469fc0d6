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
//! The crate root holds that main path; the parts of each step live in the module of its
//! name: [`checklist`] (sections, items, levels, rules), [`answers`], [`scorecard`] (the
//! results), [`expr`] (conditions and their tree) and [`questionnaire`] (the checklist as the
//! forms show it). Loading is [`library`], [`resolve`], [`source`] and [`fs`]; work on several
//! files is [`progress`], [`benchmark`] (which folds [`Figures`]) and [`respondents`].
//!
//! No function here prints or exits; every problem is returned as [`Diagnostics`]. Nothing
//! here touches the file system but [`fs`]: a [`Library`] follows references to files through
//! the [`Resolve`]r it is given ([`fs::FsResolver`] for the disk, [`MemoryResolver`] for texts
//! held in memory); `Library::new()` knows the built-in checklists only.

pub mod answers;
pub mod benchmark;
pub mod checklist;
mod diagnostic;
pub mod evidence;
pub mod expr;
mod fast;
mod figures;
pub mod fs;
pub mod identity;
pub mod library;
pub mod period;
pub mod progress;
pub mod questionnaire;
mod raw;
pub mod resolve;
pub mod respondents;
pub mod schema;
mod score;
pub mod scorecard;
pub mod source;
mod tailor;
mod text;
mod validate;
pub mod visible;
pub mod yaml;

// The pipeline: text in, a checked checklist, answers checked against it, a scorecard out.
// The parts of each (items, sections, results…) are in the module of the same name; these
// are shown on the crate page as its own items (`doc(inline)`), the main path through it.
#[doc(inline)]
pub use answers::Answers;
#[doc(inline)]
pub use checklist::Checklist;
pub use figures::Figures;
#[doc(inline)]
pub use library::Library;
#[doc(inline)]
pub use resolve::{MemoryResolver, Resolve};
pub use score::{score, score_figures};
#[doc(inline)]
pub use scorecard::Scorecard;
#[doc(inline)]
pub use source::Source;

// Problems, located and coded.
pub use diagnostic::{Code, Diagnostic, Diagnostics, Severity};

// The checklist as a questionnaire for the front ends that show it, in the language chosen.
#[doc(inline)]
pub use questionnaire::Questionnaire;
pub use text::{Text, is_dutch};

// "Did you mean" suggestions, which dei's own crates share: kept off the crate page, not a
// stable API.
#[doc(hidden)]
pub use diagnostic::nearest;

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
