//! Input text and its parsing: size limit, encoding, YAML budgets, located syntax errors.
//!
//! This is the only place that turns bytes into typed raw models. Everything here is sans-IO:
//! reading files is the caller's business (see `files`), so tests pass text directly.

mod layout;

use serde::de::DeserializeOwned;

use crate::answers::Parts;
use crate::diagnostic::{Code, Diagnostic};

/// Input files over this size are refused before parsing.
pub const MAX_INPUT_BYTES: usize = 10 * 1024 * 1024;

/// Maximum nesting depth of a YAML document; real checklists need fewer than ten levels.
const MAX_DEPTH: usize = 48;

/// A named piece of input text: a file's contents, or a built-in checklist.
#[derive(Clone, Debug)]
pub struct Source {
    name: String,
    text: String,
    parsed: Parsed,
    /// Where each line starts, found once on the first diagnostic: a file with thousands of
    /// problems must not be scanned again for each (see `line`).
    line_starts: std::sync::OnceLock<Vec<usize>>,
    /// Whether the text looks like one of dei's files (see `shows_lines`), found once.
    ours: std::sync::OnceLock<bool>,
}

/// An answers file parsed on the fast path (see `fast`) by `file_kind`, kept until the answers
/// are loaded so that a batch (which asks for the kind first) parses each file once. A clone of
/// the source starts without it: the text is immutable, so it can always be parsed again.
#[derive(Default)]
struct Parsed(std::sync::Mutex<Option<Parts>>);

impl Clone for Parsed {
    fn clone(&self) -> Self {
        Self::default()
    }
}

impl std::fmt::Debug for Parsed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Parsed")
    }
}

impl Source {
    /// Wraps text under a name used in every diagnostic.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let mut text: String = text.into();
        // A byte-order mark is legitimate at the start of a UTF-8 file; the parser need not see it.
        if text.starts_with('\u{feff}') {
            text.drain(..'\u{feff}'.len_utf8());
        }
        Self {
            name: name.into(),
            text,
            parsed: Parsed::default(),
            line_starts: std::sync::OnceLock::new(),
            ours: std::sync::OnceLock::new(),
        }
    }

    /// Keeps answers parsed on the fast path for `take_plain_answers`.
    pub(crate) fn keep_plain_answers(&self, raw: Parts) {
        if let Ok(mut slot) = self.parsed.0.lock() {
            *slot = Some(raw);
        }
    }

    /// The answers kept by `keep_plain_answers`, once.
    pub(crate) fn take_plain_answers(&self) -> Option<Parts> {
        self.parsed.0.lock().ok()?.take()
    }

    /// Decodes bytes as UTF-8 (refusing files over the size limit and invalid encodings).
    // One located problem is the whole answer here, built once per file: boxing it would only
    // make every caller unwrap it.
    #[allow(clippy::result_large_err)]
    pub fn from_bytes(name: impl Into<String>, bytes: Vec<u8>) -> Result<Self, Diagnostic> {
        let name = name.into();
        if bytes.len() > MAX_INPUT_BYTES {
            return Err(Diagnostic::error(
                Code::FileTooLarge,
                name,
                format!(
                    "the file is {} bytes, over the limit of 10 MiB",
                    bytes.len()
                ),
            )
            .with_hint("split the file, or check that it is the file you meant"));
        }
        match String::from_utf8(bytes) {
            Ok(text) => Ok(Self::new(name, text)),
            Err(error) => {
                let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
                let line = valid.split(|&b| b == b'\n').count() as u64;
                let column = valid.iter().rev().take_while(|&&b| b != b'\n').count() as u64 + 1;
                let partial = Self::new(name.clone(), String::from_utf8_lossy(error.as_bytes()));
                Err(
                    Diagnostic::error(Code::InvalidUtf8, name, "the file is not valid UTF-8 text")
                        .at(&partial, line, column)
                        .with_hint("save the file as UTF-8 in your editor"),
                )
            }
        }
    }

    /// The name shown in diagnostics.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The text, without a byte-order mark.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The 1-based line `number`, without its line ending.
    ///
    /// The line starts are found once per source, so listing every problem of a file is
    /// linear in its size and the number of problems.
    pub fn line(&self, number: u64) -> Option<&str> {
        let index = usize::try_from(number.checked_sub(1)?).ok()?;
        let starts = self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(at, _)| at + 1))
                .collect()
        });
        let start = *starts.get(index)?;
        let end = starts
            .get(index + 1)
            .map_or(self.text.len(), |next| next - 1);
        let line = self.text.get(start..end)?;
        Some(line.strip_suffix('\r').unwrap_or(line))
    }

    /// Whether diagnostics may quote this file's lines: only when it looks like one of dei's
    /// files (a top-level key that checklists, tailorings, answers or benchmarks have).
    ///
    /// Why: a reference such as `checklist: /etc/passwd` makes dei parse a file that is not
    /// its own, and quoting its first line would print someone's data (or, for a file of
    /// secrets, a token) to whoever reads the output. The line and column are still given.
    pub fn shows_lines(&self) -> bool {
        *self.ours.get_or_init(|| looks_like_ours(&self.text))
    }

    /// Parses the text as one YAML (or JSON) document into `T`.
    ///
    /// Stops at the first syntax or type error: the structure must be readable before the
    /// semantic checks can collect every other problem.
    #[allow(clippy::result_large_err)] // As for `from_bytes`.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, Diagnostic> {
        if self.text.len() > MAX_INPUT_BYTES {
            return Err(Diagnostic::error(
                Code::FileTooLarge,
                &self.name,
                "the file is over the limit of 10 MiB",
            ));
        }
        if is_blank(&self.text) {
            return Err(
                Diagnostic::error(Code::EmptyFile, &self.name, "the file is empty").with_hint(
                    "start from `dei init CHECKLIST`, or check that this is the file you meant",
                ),
            );
        }
        serde_saphyr::from_str_with_options(&self.text, parser_options())
            .map_err(|error| self.syntax_diagnostic(&error))
    }

    fn syntax_diagnostic(&self, error: &serde_saphyr::Error) -> Diagnostic {
        let (code, mut message, mut hint) = describe(error);
        if !self.shows_lines() {
            // A parser message may quote the value it read ("found string `root:x:0:0…`"):
            // about a file that is not dei's, say only that, and where.
            "this is not a checklist, tailoring, answers or benchmark file (it has none of their keys), so it is not read further".clone_into(&mut message);
            hint = Some("check that the path names the dei file you meant".to_owned());
        }
        if let Some(location) = error.location()
            && code == Code::Syntax
            && let Some(word) = self.unquoted_boolean_at(location.line(), location.column())
        {
            // An unquoted `true` or `false` is a boolean, so a text such as `label: True`
            // arrives as one: say so instead of "wrong kind".
            message = format!("`{word}` is read as true or false here, not as a text");
            hint = Some(format!("put it in quotes: \"{word}\""));
        }
        // The common layout mistakes of people who edit YAML by hand get a message that says
        // what to change, not the parser's words.
        let mut at = None;
        let mut dutch = None;
        if code == Code::Syntax
            && let Some(location) = error.location()
            && let Some(mistake) = layout::mistake(&self.text, location.line())
        {
            message = mistake.message;
            hint = Some(mistake.hint);
            at = Some((mistake.line, mistake.column));
            dutch = Some(mistake.dutch);
        }
        let mut diagnostic = Diagnostic::error(code, &self.name, message);
        if let Some((message, hint)) = dutch {
            diagnostic = diagnostic.with_dutch(message, Some(hint));
        }
        if let Some((line, column)) = at {
            diagnostic = diagnostic.at(self, line, column);
        } else if let Some(location) = error.location() {
            let (line, column) = if hint.as_deref() == Some(TAB_HINT) {
                self.first_tab(location.line())
                    .unwrap_or((location.line(), location.column()))
            } else {
                (location.line(), location.column())
            };
            diagnostic = diagnostic.at(self, line, column);
        }
        if let Some(hint) = hint {
            diagnostic = diagnostic.with_hint(hint);
        }
        diagnostic
    }

    /// The word at a 1-based line and column, if it is one that the parser reads as a boolean.
    fn unquoted_boolean_at(&self, line: u64, column: u64) -> Option<&str> {
        let line = self.line(line)?;
        let start = line
            .char_indices()
            .nth(usize::try_from(column.checked_sub(1)?).ok()?)?
            .0;
        let rest = line.get(start..)?;
        let end = rest
            .find(|c: char| matches!(c, ',' | '}' | ']' | '#') || c.is_whitespace())
            .unwrap_or(rest.len());
        let word = rest.get(..end)?;
        // Only these are booleans with `strict_booleans` (see `parser_options`).
        ["true", "false"]
            .iter()
            .any(|boolean| word.eq_ignore_ascii_case(boolean))
            .then_some(word)
    }

    /// The first tab in the indentation of a line near `from`: the parser notices a tab only
    /// when it trips over it, often on the line before, and the user needs to see the tab.
    fn first_tab(&self, from: u64) -> Option<(u64, u64)> {
        let from = usize::try_from(from.saturating_sub(1)).unwrap_or(0);
        let lines: Vec<&str> = self.text.split('\n').collect();
        let position = |index: usize| {
            let line = lines.get(index)?;
            let indentation = line.len() - line.trim_start_matches([' ', '\t']).len();
            let column = line.get(..indentation)?.find('\t')?;
            Some((index as u64 + 1, column as u64 + 1))
        };
        (from..lines.len()).chain(0..from).find_map(position)
    }
}

/// Top-level keys of dei's own files (checklists, tailorings, answers, benchmarks).
const OUR_KEYS: &[&str] = &[
    "checklist",
    "answers",
    "organisation",
    "sections",
    "tailors",
    "scales",
    "levels",
    "rules",
    "min_group",
    "organisations",
];

fn looks_like_ours(text: &str) -> bool {
    text.lines().any(|line| {
        let line = line.trim_start_matches(|c: char| c.is_whitespace() || c == '{' || c == ',');
        let key = line.strip_prefix('"').unwrap_or(line);
        OUR_KEYS.iter().any(|ours| {
            key.strip_prefix(ours)
                .is_some_and(|rest| rest.starts_with(':') || rest.starts_with("\":"))
        })
    })
}

fn is_blank(text: &str) -> bool {
    text.lines().all(|line| {
        let line = line.trim();
        line.is_empty() || line.starts_with('#') || line == "---" || line == "..."
    })
}

fn parser_options() -> serde_saphyr::Options {
    let mut options = serde_saphyr::Options::default();
    options.with_snippet = false;
    options.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::Error;
    // Only `true` and `false` are booleans: with YAML 1.1's yes/no/on/off/y/n, `country: NO`
    // (Norway) became `false` and `label: Yes` failed as a text. Answers still map an unquoted
    // yes/no to the options `yes`/`no`, and flags such as `na` accept yes/no (see `raw`).
    options.strict_booleans = true;
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = MAX_DEPTH;
    budget.max_documents = 1;
    budget.max_aliases = 1_000;
    budget.max_anchors = 1_000;
    budget.max_events = 2_000_000;
    budget.max_reader_input_bytes = Some(MAX_INPUT_BYTES);
    options.budget = Some(budget);
    options
}

/// The hint for tabs; also tells `syntax_diagnostic` to point at the tab itself.
const TAB_HINT: &str = "YAML indentation must use spaces, not tabs: replace the tab with spaces";

/// The hint for budget breaches.
const BUDGET_HINT: &str = "the file repeats anchors (`&name`) and aliases (`*name`) or nests lists and maps far more than any checklist or answers file needs; write the content out plainly";

/// Turns a parser error into our code, a message in plain words and a hint.
///
/// The parser's own messages are written for programmers ("expected mapping start",
/// "Documents { documents: 2 }"); users of dei are DEI officers and HR leads.
fn describe(error: &serde_saphyr::Error) -> (Code, String, Option<String>) {
    use serde_saphyr::Error as E;
    let error = match error.without_snippet() {
        E::AliasError { error, .. } => error.without_snippet(),
        other => other,
    };
    let syntax = |message: String, hint: &str| (Code::Syntax, message, Some(hint.to_owned()));
    match error {
        E::Budget { breach, .. } => budget(breach),
        E::AliasReplayCounterOverflow { .. }
        | E::AliasReplayLimitExceeded { .. }
        | E::AliasExpansionLimitExceeded { .. }
        | E::AliasReplayStackDepthExceeded { .. } => (
            Code::Budget,
            "the file's aliases (`*name`) expand to too much content".to_owned(),
            Some(BUDGET_HINT.to_owned()),
        ),
        E::RecursiveReferencesRequireWeakTypes { .. } => (
            Code::Budget,
            "an alias (`*name`) refers to the anchor (`&name`) it stands inside, so the value would contain itself without end".to_owned(),
            Some("write the value out plainly, or point the alias at an anchor defined before and outside it".to_owned()),
        ),
        E::MultipleDocuments { .. } => syntax(
            "the file holds more than one YAML document".to_owned(),
            DOCUMENTS_HINT,
        ),
        E::DuplicateMappingKey { key, .. } => {
            let message = match key {
                Some(key) => format!("the key `{key}` appears twice in the same map"),
                None => "a key appears twice in the same map".to_owned(),
            };
            syntax(
                message,
                "each key may appear only once: remove or merge the repeated one",
            )
        }
        E::SerdeUnknownField {
            field, expected, ..
        } => {
            let hint = match crate::diagnostic::nearest(field, expected.iter().copied()) {
                Some(near) => format!(
                    "did you mean `{near}`? Keys allowed here: {}",
                    expected.join(", ")
                ),
                None if expected.is_empty() => "remove it: this map takes no keys".to_owned(),
                None => format!("keys allowed here: {}", expected.join(", ")),
            };
            (Code::Syntax, format!("unknown key `{field}`"), Some(hint))
        }
        E::SerdeMissingField { field, .. } => syntax(
            format!("the required key `{field}` is missing"),
            "add the key here; `checklists/README.md` lists the required keys of every part",
        ),
        E::SerdeUnknownVariant {
            variant, expected, ..
        } => {
            let hint = match crate::diagnostic::nearest(variant, expected.iter().copied()) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("choose one of: {}", expected.join(", ")),
            };
            (
                Code::Syntax,
                format!("`{variant}` is not one of: {}", expected.join(", ")),
                Some(hint),
            )
        }
        E::SerdeInvalidType {
            unexpected,
            expected,
            ..
        }
        | E::SerdeInvalidValue {
            unexpected,
            expected,
            ..
        } => syntax(
            format!("expected {expected}, found {unexpected}"),
            KIND_HINT,
        ),
        E::SerdeInvalidLength { len, expected, .. } => syntax(
            format!("expected {expected}, found a list of {len}"),
            KIND_HINT,
        ),
        E::InvalidScalar { ty, .. } => {
            let wanted = match *ty {
                "boolean" => "`true` or `false`",
                "floating point" => "a number",
                _ => "a whole number",
            };
            syntax(format!("expected {wanted} here"), KIND_HINT)
        }
        E::InvalidBooleanStrict { .. } => {
            syntax("expected `true` or `false` here".to_owned(), KIND_HINT)
        }
        E::NonFiniteFloat { value, .. } => syntax(
            format!("`{value}` is not a finite number"),
            "numbers must be finite: NaN and infinity are not allowed",
        ),
        E::Unexpected { expected, .. } => {
            let wanted = match *expected {
                "mapping start" => "a map of `key: value` lines",
                "sequence start" => "a list (`- ...` lines, or `[a, b]`)",
                other => other,
            };
            syntax(format!("expected {wanted} here"), KIND_HINT)
        }
        E::Eof { .. } => syntax(
            "the file ends too early".to_owned(),
            "look for an unclosed `[`, `{` or quote",
        ),
        E::InvalidUtf8Input => (
            Code::InvalidUtf8,
            "the file is not valid UTF-8 text".to_owned(),
            Some("save the file as UTF-8 in your editor".to_owned()),
        ),
        other => {
            let message = first_line(&other.to_string());
            if let Some(kind) =
                message.strip_prefix("data did not match any variant of untagged enum ")
            {
                return untagged(kind);
            }
            let lower = message.to_ascii_lowercase();
            if lower.contains("recursion limit") {
                // The scanner's own nesting limit for `[`/`{`, met before the depth budget.
                (
                    Code::Budget,
                    format!("the file nests lists and maps more than {MAX_DEPTH} deep"),
                    Some(BUDGET_HINT.to_owned()),
                )
            } else if lower.contains("tab") {
                syntax("a tab is used for indentation".to_owned(), TAB_HINT)
            } else if lower.contains("is not yes or no") {
                syntax(message, "this key is a yes/no flag")
            } else if lower.contains("is not an evidence") {
                // `evidence::Evidence` says what to write; the hint shows the whole entry.
                syntax(
                    message,
                    "an evidence entry is a text, or `{text: ..., type: document, date: 2025-03}` (checklists/README.md, section 9.2)",
                )
            } else if lower.contains("non-finite") || lower.contains("must be finite") {
                syntax(
                    message,
                    "numbers must be finite: NaN and infinity are not allowed",
                )
            } else {
                syntax(message, SYNTAX_HINT)
            }
        }
    }
}

const DOCUMENTS_HINT: &str = "a file holds exactly one document: remove the `---` line and what follows it, or split it into files";

const KIND_HINT: &str = "the value here has the wrong kind (text, number, true/false, list or map); `checklists/README.md` shows every key with its kind";

const SYNTAX_HINT: &str = "check the indentation, and look for an unclosed `[`, `{` or quote on this line or the lines just above it";

fn budget(breach: &serde_saphyr::budget::BudgetBreach) -> (Code, String, Option<String>) {
    use serde_saphyr::budget::BudgetBreach as B;
    let message = match breach {
        B::Documents { .. } => {
            return (
                Code::Syntax,
                "the file holds more than one YAML document".to_owned(),
                Some(DOCUMENTS_HINT.to_owned()),
            );
        }
        B::Depth { .. } => format!("the file nests lists and maps more than {MAX_DEPTH} deep"),
        B::Aliases { .. } | B::Anchors { .. } => {
            "the file uses too many anchors (`&name`) or aliases (`*name`)".to_owned()
        }
        _ => "the file expands to far more content than any real file holds".to_owned(),
    };
    (Code::Budget, message, Some(BUDGET_HINT.to_owned()))
}

/// Our untagged types, named as a user would: what may be written here.
fn untagged(kind: &str) -> (Code, String, Option<String>) {
    let wanted = match kind {
        "Text" => "a text, or texts by language such as `{en: Strategy, nl: Strategie}`",
        "Bound" => "a number, or a range of two numbers such as `[40, 60]`",
        "OneOrMany" => "a text, or a list of texts such as `[Annual report 2025, Board minutes]`",
        _ => "a value of a different kind",
    };
    (
        Code::Syntax,
        format!("expected {wanted} here"),
        Some(KIND_HINT.to_owned()),
    )
}

/// The parser's message without its location (we show the location ourselves).
fn first_line(message: &str) -> String {
    let line = message.lines().next().unwrap_or(message).trim();
    let line = match line.find(" at line ") {
        Some(position) => &line[..position],
        None => line,
    };
    line.to_owned()
}
