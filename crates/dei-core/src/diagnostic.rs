//! Problems found in input files: a stable code, a message, where it is, and a hint.
//!
//! Every problem the engine reports is a [`Diagnostic`]. Validation collects all of them
//! instead of stopping at the first, so a user fixes a file in one round.

use std::fmt::{self, Write as _};

use serde::Serialize;

use crate::source::Source;
use crate::visible::{visible, visible_char};

/// How bad a problem is: errors make a file unusable, warnings are shown and the work goes on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The file cannot be used until this is fixed.
    Error,
    /// The file is used, but the user should look at this.
    Warning,
}

macro_rules! codes {
    ($($(#[doc = $doc:literal])* $variant:ident = $code:literal,)*) => {
        /// The stable, documented code of every problem dei reports.
        ///
        /// Codes are kebab-case and never renamed: other tools match on them.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
        pub enum Code {
            $($(#[doc = $doc])* #[serde(rename = $code)] $variant,)*
        }

        impl Code {
            /// The kebab-case code as shown to users.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code,)* }
            }

            /// Every code with its one-line description, for documentation.
            pub fn all() -> Vec<(&'static str, &'static str)> {
                vec![$(($code, concat!($($doc),*).trim_ascii()),)*]
            }
        }
    };
}

codes! {
    /// The file could not be read.
    Io = "io",
    /// The file is larger than the 10 MiB limit.
    FileTooLarge = "file-too-large",
    /// The file is not valid UTF-8 text.
    InvalidUtf8 = "invalid-utf8",
    /// The file is empty or holds only comments.
    EmptyFile = "empty-file",
    /// The YAML or JSON text is malformed, has a key twice, a wrong type or an unknown field.
    Syntax = "syntax",
    /// The file exceeds a parser budget (nesting depth, aliases, size of the document).
    Budget = "budget",
    /// The file is neither a checklist, a tailoring nor an answers file.
    UnknownFileKind = "unknown-file-kind",
    /// An id does not have the allowed form.
    InvalidId = "invalid-id",
    /// Two sections, items, scales, options, levels, resources or rules share an id.
    DuplicateId = "duplicate-id",
    /// A version is not a semantic version such as 1.2.0.
    InvalidVersion = "invalid-version",
    /// The `languages` list is empty or repeats a language.
    InvalidLanguages = "invalid-languages",
    /// A text is missing the checklist's default language.
    MissingTranslation = "missing-translation",
    /// A text uses a language that the checklist does not list.
    UnknownLanguage = "unknown-language",
    /// An item names a scale that does not exist.
    UnknownScale = "unknown-scale",
    /// An item or rule names a resource that does not exist.
    UnknownResource = "unknown-resource",
    /// A choice or multi item has no options, or both a scale and options.
    InvalidOptions = "invalid-options",
    /// An option score lies outside [0, 1].
    InvalidOptionScore = "invalid-option-score",
    /// A weight is negative or not a finite number.
    InvalidWeight = "invalid-weight",
    /// A number item's `min` exceeds its `max`, or a key only numbers may have is used elsewhere.
    InvalidRange = "invalid-range",
    /// A number item's target is not valid.
    InvalidTarget = "invalid-target",
    /// The evidence cap lies outside [0, 1].
    InvalidEvidenceCap = "invalid-evidence-cap",
    /// Levels are missing, not ascending or do not start at 0.
    InvalidLevels = "invalid-levels",
    /// A level requires an item that does not exist.
    UnknownRequirement = "unknown-requirement",
    /// A level requires an item that allows N/A (SPEC section 14).
    RequiredItemAllowsNa = "required-item-allows-na",
    /// An expression does not compile.
    InvalidExpression = "invalid-expression",
    /// An expression names an unknown item, section, index or root.
    UnknownReference = "unknown-reference",
    /// `applies_if` conditions depend on each other in a cycle.
    ApplicabilityCycle = "applicability-cycle",
    /// An answers file or tailoring names a checklist that cannot be found.
    UnknownChecklist = "unknown-checklist",
    /// A checklist or tailoring refers to itself, directly or through others.
    ChecklistCycle = "checklist-cycle",
    /// The checklist version in the answers file differs from the checklist's.
    VersionMismatch = "version-mismatch",
    /// An answer names an item that does not exist.
    UnknownItem = "unknown-item",
    /// An answer names an item that an earlier version of the checklist removed.
    RetiredItem = "retired-item",
    /// An evidence entry is dated longer ago than the checklist's `max_age_months`: it no longer counts.
    ExpiredEvidence = "expired-evidence",
    /// An evidence entry has no `type` where the checklist counts only typed evidence.
    UntypedEvidence = "untyped-evidence",
    /// The checklist's evidence rules (`scoring.evidence`) are not valid.
    InvalidEvidenceRules = "invalid-evidence-rules",
    /// An answer has the wrong kind of value or an unknown option.
    InvalidAnswer = "invalid-answer",
    /// A number answer lies outside the item's `min`/`max`.
    OutOfRange = "out-of-range",
    /// An N/A answer on an item that does not allow N/A, or without a reason.
    InvalidNa = "invalid-na",
    /// A multi answer lists an option twice.
    DuplicateOption = "duplicate-option",
    /// A goal names an unknown section or level.
    InvalidGoal = "invalid-goal",
    /// The organisation has no name.
    MissingName = "missing-name",
    /// An answered item is out of scope: it is shown but not scored.
    OutOfScopeAnswer = "out-of-scope-answer",
    /// A condition or rule failed while it was evaluated.
    EvaluationFailed = "evaluation-failed",
    /// A tailoring excludes, reweights or extends something that does not exist, or that is still used.
    InvalidTailoring = "invalid-tailoring",
    /// Files given together belong to different checklists or periods that cannot be compared.
    Incompatible = "incompatible",
    /// Files compared as one organisation's periods belong to different organisations.
    OtherOrganisation = "other-organisation",
    /// Two files compared as periods have the same period.
    SamePeriod = "same-period",
    /// Two periods have no known order (neither both numbers nor both dates).
    UnknownPeriodOrder = "unknown-period-order",
    /// A `--previous` period is not earlier than the current one.
    PreviousNotEarlier = "previous-not-earlier",
    /// Two different files give one organisation's answers for one period in a benchmark.
    DuplicateContribution = "duplicate-contribution",
    /// A benchmark file is not a valid benchmark, or breaks the disclosure control.
    InvalidBenchmark = "invalid-benchmark",
    /// A template is missing or broken.
    Template = "template",
    /// A file given as a respondent's view has no `respondent` key.
    NotRespondent = "not-respondent",
    /// An `applies_if` condition has no XLSForm `relevant` equivalent (`dei xlsform`).
    UntranslatableCondition = "untranslatable-condition",
    /// A submissions export cannot be imported as it is: labels as headers, an unknown column,
    /// a formula cell, text that is not UTF-8, too many rows (`dei import`).
    ImportFormat = "import-format",
    /// An output file exists with other content and is never overwritten (`dei import`).
    OutputExists = "output-exists",
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem: what, where, about which id, and what to do.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The stable code.
    pub code: Code,
    /// What is wrong, in one sentence.
    pub message: String,
    /// The file, as the user named it (or the built-in checklist id).
    pub file: String,
    /// 1-based line, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// 1-based column, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u64>,
    /// The item, section, rule or other id the problem is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// What to do about it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// The source line the problem points at, for rendering like a compiler does.
    #[serde(skip)]
    pub source_line: Option<String>,
    /// The message and the hint in Dutch, for the problems that have them (see
    /// [`Diagnostic::render_in`]); the English ones stay the stable text.
    #[serde(skip)]
    pub dutch: Option<Box<(String, Option<String>)>>,
}

impl Diagnostic {
    /// A new error in `file`, without a location yet.
    pub fn error(code: Code, file: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            code,
            message: message.into(),
            file: file.into(),
            line: None,
            column: None,
            id: None,
            hint: None,
            source_line: None,
            dutch: None,
        }
    }

    /// A new warning in `file`, without a location yet.
    pub fn warning(code: Code, file: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(code, file, message)
        }
    }

    /// Points the problem at a 1-based line and column of `source`; line 0 means unknown.
    #[must_use]
    pub fn at(mut self, source: &Source, line: u64, column: u64) -> Self {
        if line > 0 {
            self.line = Some(line);
            self.column = Some(column.max(1));
            self.source_line = source
                .shows_lines()
                .then(|| source.line(line).map(str::to_owned))
                .flatten();
        }
        self
    }

    /// Names the id the problem is about.
    #[must_use]
    pub fn with_id(mut self, id: impl Into<String>) -> Self {
        self.id = Some(id.into());
        self
    }

    /// Adds what to do about it.
    #[must_use]
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Adds the message and the hint in Dutch.
    #[must_use]
    pub fn with_dutch(mut self, message: impl Into<String>, hint: Option<String>) -> Self {
        self.dutch = Some(Box::new((message.into(), hint)));
        self
    }

    /// True for errors, false for warnings.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Renders the problem like a compiler: header, location, the source line with a marker
    /// under the column, then the id and the hint.
    pub fn render(&self) -> String {
        self.render_in("en")
    }

    /// Renders the problem in a language: Dutch ([`crate::is_dutch`]) gives Dutch frame words ("fout", "tip") and the
    /// Dutch message and hint where the problem has them; anything else gives English. Codes
    /// and ids are never translated: other tools match on them.
    pub fn render_in(&self, language: &str) -> String {
        let dutch = crate::is_dutch(language);
        let (message, hint) = match (&self.dutch, dutch) {
            (Some(translation), true) => (
                translation.0.as_str(),
                translation.1.as_deref().or(self.hint.as_deref()),
            ),
            _ => (self.message.as_str(), self.hint.as_deref()),
        };
        let mut out = String::new();
        let severity = match (self.severity, dutch) {
            (Severity::Error, false) => "error",
            (Severity::Warning, false) => "warning",
            (Severity::Error, true) => "fout",
            (Severity::Warning, true) => "waarschuwing",
        };
        // Every part may hold user text (a file name, an id, a value): shown through `visible`,
        // so no escape sequence or invisible character reaches the terminal as it is.
        let _ = writeln!(out, "{severity}[{}]: {}", self.code, visible(message));
        let file = visible(&self.file);
        let location = match (self.line, self.column) {
            (Some(line), Some(column)) => format!("{file}:{line}:{column}"),
            _ => file.into_owned(),
        };
        let _ = writeln!(out, "  --> {location}");
        // Notes line up with the gutter of the source line, as in rustc's output.
        let pad = " ".repeat(self.line.map_or(1, |line| line.to_string().len()));
        if let (Some(line), Some(column), Some(text)) = (self.line, self.column, &self.source_line)
        {
            let number = line.to_string();
            let (shown, marker_offset) = visible_line(text, column);
            let _ = writeln!(out, "{pad} |");
            let _ = writeln!(out, "{number} | {shown}");
            let _ = writeln!(out, "{pad} | {}^", " ".repeat(marker_offset));
        }
        if let Some(id) = &self.id {
            let _ = writeln!(out, "{pad} = id: {}", visible(id));
        }
        if let Some(hint) = hint {
            let word = if dutch { "tip" } else { "hint" };
            let _ = writeln!(out, "{pad} = {word}: {}", visible(hint));
        }
        out
    }
}

/// A source line made safe for a terminal, with the marker's offset in it: tabs become spaces,
/// control and invisible characters are shown as `visible` shows them, and a very long line is
/// cut to a window around the column, so one line of minified input cannot flood the screen
/// and the marker still points at it.
fn visible_line(text: &str, column: u64) -> (String, usize) {
    const MAX_CHARS: usize = 200;
    let column = usize::try_from(column.saturating_sub(1)).unwrap_or(usize::MAX);
    let total = text.chars().count();
    let start = if column >= MAX_CHARS {
        column.saturating_sub(MAX_CHARS / 2).min(total)
    } else {
        0
    };
    let mut shown = String::new();
    if start > 0 {
        shown.push('…');
    }
    let prefix = usize::from(start > 0);
    let mut marker = None;
    let mut taken = 0;
    for (index, c) in text.chars().enumerate().skip(start).take(MAX_CHARS) {
        if index == column {
            marker = Some(shown.chars().count());
        }
        taken += 1;
        match c {
            '\t' => shown.push(' '),
            c => visible_char(c, &mut shown),
        }
    }
    // A column past the end of the line (an error at the end of the file) points past it.
    let marker = marker.unwrap_or_else(|| {
        let shown_chars = shown.chars().count();
        (shown_chars + column.saturating_sub(start + taken))
            .min(shown_chars.max(prefix + MAX_CHARS))
    });
    if total > start + MAX_CHARS {
        shown.push('…');
    }
    (shown, marker)
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render())
    }
}

/// Every problem found while loading or checking some input; the `Err` side of the engine.
#[derive(Clone, Debug, Default, PartialEq, thiserror::Error, Serialize)]
#[error("{}", render_all(.0))]
#[serde(transparent)]
pub struct Diagnostics(pub Vec<Diagnostic>);

fn render_all(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(Diagnostic::render)
        .collect::<Vec<_>>()
        .join("\n")
}

impl Diagnostics {
    /// True when at least one problem is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    /// Adds one problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    /// The errors only.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| d.is_error())
    }

    /// The warnings only.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| !d.is_error())
    }

    /// The number of problems.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when there are no problems at all.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(diagnostic: Diagnostic) -> Self {
        Self(vec![diagnostic])
    }
}

/// The known id closest to `wanted`, if one is close enough to be a likely misspelling.
///
/// Ties go to the alphabetically first candidate, so the hint does not depend on the order
/// of a hash map.
pub fn nearest<'a>(wanted: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    known
        .into_iter()
        .map(|candidate| (similarity(wanted, candidate), candidate))
        .filter(|(similarity, _)| *similarity >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, candidate)| candidate)
}

/// How alike two ids are, from 0 to 1.
///
/// Full item ids (`section.item`) are compared part by part: otherwise a shared section
/// prefix makes every item of a section look like a misspelling of every other.
fn similarity(wanted: &str, candidate: &str) -> f64 {
    match (wanted.rsplit_once('.'), candidate.rsplit_once('.')) {
        (Some((wanted_section, wanted_item)), Some((section, item))) => {
            strsim::jaro_winkler(wanted_section, section)
                .min(strsim::jaro_winkler(wanted_item, item))
        }
        // An item id without its section: `budget` for `strategy.budget`.
        (None, Some((_, item))) => {
            strsim::jaro_winkler(wanted, candidate).max(strsim::jaro_winkler(wanted, item))
        }
        // A full item id is not a misspelt section id, however long their common prefix.
        (Some(_), None) => 0.0,
        (None, None) => strsim::jaro_winkler(wanted, candidate),
    }
}

#[cfg(test)]
mod visible_line_tests {
    use super::visible_line;

    #[test]
    fn a_long_line_is_cut_around_the_column_and_the_marker_points_at_it() {
        let line = format!("{}X{}", "a".repeat(500), "b".repeat(500));
        let (shown, marker) = visible_line(&line, 501);
        assert_eq!(shown.chars().nth(marker), Some('X'));
        assert!(shown.starts_with('…') && shown.ends_with('…'));
        assert!(shown.chars().count() <= 202);
        let (short, at) = visible_line("key:\tvalue", 6);
        assert_eq!((short.as_str(), at), ("key: value", 5));
    }
}
