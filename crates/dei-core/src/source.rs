//! Input text and its parsing: size limit, encoding, YAML budgets, located syntax errors.
//!
//! This is the only place that turns bytes into typed raw models. Everything here is sans-IO:
//! reading files is the caller's business (see `resolve` and `fs`), so tests pass text directly.

mod layout;

use serde::de::DeserializeOwned;

use crate::diagnostic::{Code, Diagnostic, Diagnostics};

/// Input files over this size are refused before parsing.
pub const MAX_INPUT_BYTES: usize = 10 * 1024 * 1024;

/// Maximum nesting depth of a YAML document; real checklists need fewer than ten levels.
const MAX_DEPTH: usize = 48;

/// A named piece of input text: a file's contents, or a built-in checklist.
#[derive(Clone, Debug)]
pub struct Source {
    name: String,
    text: String,
    /// Where each line starts, found once on the first diagnostic: a file with thousands of
    /// problems must not be scanned again for each (see `line`).
    line_starts: std::sync::OnceLock<Vec<usize>>,
    /// Whether the text looks like one of dei's files (see `shows_lines`), found once.
    ours: std::sync::OnceLock<bool>,
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
            line_starts: std::sync::OnceLock::new(),
            ours: std::sync::OnceLock::new(),
        }
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
            .with_hint("split the file, or check that it is the file you meant")
            .with_dutch(
                format!(
                    "het bestand is {} bytes, meer dan de grens van 10 MiB",
                    bytes.len()
                ),
                Some(
                    "verdeel het bestand, of controleer of het het bestand is dat u bedoelt"
                        .to_owned(),
                ),
            ));
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
                        .with_hint("save the file as UTF-8 in your editor")
                        .with_dutch(
                            "het bestand is geen geldige UTF-8-tekst",
                            Some("sla het bestand in uw editor op als UTF-8".to_owned()),
                        ),
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

    /// Parses the text as one YAML (or JSON) document into `T`, stopping at the first syntax
    /// or type error: for probes and for files that are not edited by hand. Files that people
    /// write go through [`Source::parse_all`], which lists every layout mistake it can find.
    #[allow(clippy::result_large_err)] // As for `from_bytes`.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, Diagnostic> {
        self.parse_with(false)
            .map_err(|mut problems| problems.0.swap_remove(0))
    }

    /// Parses the text like [`Source::parse`], but after a syntax error goes on to find the
    /// next ones, so that a user fixes several layout mistakes in one round.
    ///
    /// The structure must be readable before the semantic checks can collect every other
    /// problem, so when there is a syntax error only syntax errors are returned: the semantic
    /// checks never see the text with the broken lines taken out, and can say nothing
    /// misleading about them. Recovery (see `recover`) blanks the offending line in a copy of
    /// the text, keeping every line number, and parses again, at most `MAX_SYNTAX_ERRORS`
    /// times and never more than `MAX_RECOVERY_BYTES` in all.
    pub fn parse_all<T: DeserializeOwned>(&self) -> Result<T, Diagnostics> {
        self.parse_with(true)
    }

    fn parse_with<T: DeserializeOwned>(&self, recover: bool) -> Result<T, Diagnostics> {
        if self.text.len() > MAX_INPUT_BYTES {
            return Err(Diagnostic::error(
                Code::FileTooLarge,
                &self.name,
                "the file is over the limit of 10 MiB",
            )
            .with_dutch("het bestand is groter dan de grens van 10 MiB", None)
            .into());
        }
        if is_blank(&self.text) {
            return Err(
                Diagnostic::error(Code::EmptyFile, &self.name, "the file is empty")
                    .with_hint(
                        "start from `dei init CHECKLIST`, or check that this is the file you meant",
                    )
                    .with_dutch(
                        "het bestand is leeg",
                        Some("begin met `dei init VRAGENLIJST`, of controleer of dit het bestand is dat u bedoelt".to_owned()),
                    )
                    .into(),
            );
        }
        match serde_saphyr::from_str_with_options::<T>(&self.text, parser_options()) {
            Ok(value) => Ok(value),
            Err(error) => {
                let first = self.syntax_diagnostic(&self.text, &error);
                if recover && understood(&first) && self.shows_lines() {
                    Err(Diagnostics(self.recover::<T>(first, &error)))
                } else {
                    Err(first.into())
                }
            }
        }
    }

    /// The syntax errors after `first`: the line each points at (with the lines indented under
    /// it) is blanked in a copy of the text and the copy parsed again.
    ///
    /// Only errors strictly below the last blanked line are taken, so every round moves down
    /// the file and the loop ends; an error that blanking itself may cause (the file ending
    /// early, a required key missing, a map left empty above) is never reported.
    fn recover<T: DeserializeOwned>(
        &self,
        first: Diagnostic,
        error: &serde_saphyr::Error,
    ) -> Vec<Diagnostic> {
        let mut found = vec![first];
        if !continues_after(error) {
            return found;
        }
        let mut text = self.text.clone().into_bytes();
        let starts: Vec<usize> = std::iter::once(0)
            .chain(
                text.iter()
                    .enumerate()
                    .filter(|(_, byte)| **byte == b'\n')
                    .map(|(at, _)| at + 1),
            )
            .collect();
        let mut parsed = self.text.len();
        let mut last = 0;
        while found.len() < MAX_SYNTAX_ERRORS && parsed + text.len() <= MAX_RECOVERY_BYTES {
            let Some(line) = found.last().and_then(|problem| problem.line) else {
                break;
            };
            last = last.max(blank_block(&mut text, &starts, line));
            // Only ASCII spaces replaced whole lines, so the copy is still UTF-8.
            let Ok(copy) = std::str::from_utf8(&text) else {
                break;
            };
            parsed += copy.len();
            let Err(error) = serde_saphyr::from_str_with_options::<T>(copy, parser_options())
            else {
                break;
            };
            let next = self.syntax_diagnostic(copy, &error);
            let below = error.location().is_some_and(|at| at.line() > last)
                && next.line.is_some_and(|line| line > last);
            if next.code != Code::Syntax || !below || !continues_after(&error) {
                break;
            }
            let more = understood(&next);
            found.push(next);
            if !more {
                break;
            }
        }
        found
    }

    /// The diagnostic of a parser error in `text`: the source's own text, or the copy of it
    /// with broken lines blanked that `recover` parses (same lines, same columns).
    fn syntax_diagnostic(&self, text: &str, error: &serde_saphyr::Error) -> Diagnostic {
        let Said {
            code,
            mut message,
            mut hint,
            dutch,
        } = describe(error);
        let mut dutch = Some(dutch);
        if !self.shows_lines() {
            // A parser message may quote the value it read ("found string `root:x:0:0…`"):
            // about a file that is not dei's, say only that, and where.
            "this is not a checklist, tailoring, answers or benchmark file (it has none of their keys), so it is not read further".clone_into(&mut message);
            hint = Some("check that the path names the dei file you meant".to_owned());
            dutch = Some((
                "dit is geen vragenlijst, aanpassing, antwoordbestand of benchmark (het heeft geen van hun sleutels), dus het wordt niet verder gelezen".to_owned(),
                Some("controleer of het pad het dei-bestand noemt dat u bedoelt".to_owned()),
            ));
        }
        if let Some(location) = error.location()
            && code == Code::Syntax
            && let Some(word) = unquoted_boolean_at(text, location.line(), location.column())
        {
            // An unquoted `true` or `false` is a boolean, so a text such as `label: True`
            // arrives as one: say so instead of "wrong kind".
            message = format!("`{word}` is read as true or false here, not as a text");
            hint = Some(format!("put it in quotes: \"{word}\""));
            dutch = Some((
                format!("`{word}` wordt hier gelezen als true of false, niet als tekst"),
                Some(format!("zet het tussen aanhalingstekens: \"{word}\"")),
            ));
        }
        // The common layout mistakes of people who edit YAML by hand get a message that says
        // what to change, not the parser's words.
        let mut at = None;
        if code == Code::Syntax
            && let Some(location) = error.location()
            && let Some(mistake) = layout::mistake(text, location.line())
        {
            message = mistake.message;
            hint = Some(mistake.hint);
            at = Some((mistake.line, mistake.column));
            dutch = Some((mistake.dutch.0, Some(mistake.dutch.1)));
        }
        let mut diagnostic = Diagnostic::error(code, &self.name, message);
        if let Some((message, hint)) = dutch {
            diagnostic = diagnostic.with_dutch(message, hint);
        }
        if let Some((line, column)) = at {
            diagnostic = diagnostic.at(self, line, column);
        } else if let Some(location) = error.location() {
            let (line, column) = if hint.as_deref() == Some(TAB_HINT[0]) {
                first_tab(text, location.line()).unwrap_or((location.line(), location.column()))
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
}

/// The word at a 1-based line and column of `text`, if it is one that the parser reads as a
/// boolean.
fn unquoted_boolean_at(text: &str, line: u64, column: u64) -> Option<&str> {
    let line = text
        .split('\n')
        .nth(usize::try_from(line.checked_sub(1)?).ok()?)?;
    let line = line.strip_suffix('\r').unwrap_or(line);
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

/// The first tab in the indentation of a line of `text` near `from`: the parser notices a tab
/// only when it trips over it, often on the line before, and the user needs to see the tab.
fn first_tab(text: &str, from: u64) -> Option<(u64, u64)> {
    let from = usize::try_from(from.saturating_sub(1)).unwrap_or(0);
    let lines: Vec<&str> = text.split('\n').collect();
    let position = |index: usize| {
        let line = lines.get(index)?;
        let indentation = line.len() - line.trim_start_matches([' ', '\t']).len();
        let column = line.get(..indentation)?.find('\t')?;
        Some((index as u64 + 1, column as u64 + 1))
    };
    (from..lines.len()).chain(0..from).find_map(position)
}

/// At most this many syntax errors are listed for one file: enough for a round of fixes,
/// and a bound on the parses of a file that is broken on every line.
const MAX_SYNTAX_ERRORS: usize = 20;

/// At most this much text is parsed for one file while looking for its syntax errors, so a
/// broken file near the size limit is parsed a few times, not twenty.
const MAX_RECOVERY_BYTES: usize = 4 * MAX_INPUT_BYTES;

/// Whether the parse may go on after this error with its line blanked: not after an error
/// that is about the whole file (the end reached early, a second document, a budget) or that
/// blanking a line may have caused (a required key missing).
fn continues_after(error: &serde_saphyr::Error) -> bool {
    use serde_saphyr::Error as E;
    let error = match error.without_snippet() {
        E::AliasError { error, .. } => error.without_snippet(),
        other => other,
    };
    !matches!(
        error,
        E::Eof { .. }
            | E::MultipleDocuments { .. }
            | E::SerdeMissingField { .. }
            | E::Budget { .. }
            | E::InvalidUtf8Input
    ) && error.location().is_some()
}

/// Whether a syntax error is understood well enough to blank its line and go on: not a
/// parser error that no layout mistake explains (given `SYNTAX_HINT`), such as an unclosed
/// `[`, after which every following line is an error of the same cause.
fn understood(problem: &Diagnostic) -> bool {
    problem.code == Code::Syntax && problem.hint.as_deref() != Some(SYNTAX_HINT[0])
}

/// Blanks the 1-based `line` of `text` and the lines indented further below it (its block),
/// with spaces, so every other line keeps its number and its columns; returns the last line
/// blanked. A blank line means nothing to YAML.
fn blank_block(text: &mut [u8], starts: &[usize], line: u64) -> u64 {
    let line_range = |index: usize, text: &[u8]| {
        let start = starts[index];
        let end = starts.get(index + 1).map_or(text.len(), |next| next - 1);
        start..end
    };
    let indent = |range: std::ops::Range<usize>, text: &[u8]| {
        let bytes = &text[range];
        let spaces = bytes.iter().take_while(|byte| **byte == b' ').count();
        (spaces < bytes.len() && bytes[spaces] != b'\r').then_some(spaces)
    };
    let Some(first) = usize::try_from(line)
        .ok()
        .and_then(|line| line.checked_sub(1))
        .filter(|index| *index < starts.len())
    else {
        return line;
    };
    let own = indent(line_range(first, text), text).unwrap_or(0);
    let mut last = first;
    for index in first + 1..starts.len() {
        match indent(line_range(index, text), text) {
            Some(deeper) if deeper > own => last = index,
            Some(_) => break,
            None => {}
        }
    }
    for index in first..=last {
        let range = line_range(index, text);
        for byte in &mut text[range] {
            if *byte != b'\r' {
                *byte = b' ';
            }
        }
    }
    last as u64 + 1
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

/// What a parser error says, in English and in Dutch.
struct Said {
    code: Code,
    message: String,
    hint: Option<String>,
    /// The message and the hint in Dutch.
    dutch: (String, Option<String>),
}

impl Said {
    fn new(code: Code, message: [String; 2], hint: [&str; 2]) -> Self {
        let [message, dutch] = message;
        Self {
            code,
            message,
            hint: Some(hint[0].to_owned()),
            dutch: (dutch, Some(hint[1].to_owned())),
        }
    }
}

/// The hint for tabs; also tells `syntax_diagnostic` to point at the tab itself.
const TAB_HINT: [&str; 2] = [
    "YAML indentation must use spaces, not tabs: replace the tab with spaces",
    "YAML springt in met spaties, niet met tabs: vervang de tab door spaties",
];

/// The hint for budget breaches.
const BUDGET_HINT: [&str; 2] = [
    "the file repeats anchors (`&name`) and aliases (`*name`) or nests lists and maps far more than any checklist or answers file needs; write the content out plainly",
    "het bestand herhaalt ankers (`&naam`) en verwijzingen (`*naam`) of nest lijsten en mappen veel dieper dan een vragenlijst of antwoordbestand nodig heeft; schrijf de inhoud gewoon uit",
];

const FINITE_HINT: [&str; 2] = [
    "numbers must be finite: NaN and infinity are not allowed",
    "getallen moeten eindig zijn: NaN en oneindig zijn niet toegestaan",
];

/// Turns a parser error into our code, a message in plain words and a hint, in both languages.
///
/// The parser's own messages are written for programmers ("expected mapping start",
/// "Documents { documents: 2 }"); users of dei are DEI officers and HR leads.
fn describe(error: &serde_saphyr::Error) -> Said {
    use serde_saphyr::Error as E;
    let error = match error.without_snippet() {
        E::AliasError { error, .. } => error.without_snippet(),
        other => other,
    };
    let syntax = |message: [String; 2], hint: [&str; 2]| Said::new(Code::Syntax, message, hint);
    match error {
        E::Budget { breach, .. } => budget(breach),
        E::AliasReplayCounterOverflow { .. }
        | E::AliasReplayLimitExceeded { .. }
        | E::AliasExpansionLimitExceeded { .. }
        | E::AliasReplayStackDepthExceeded { .. } => Said::new(
            Code::Budget,
            [
                "the file's aliases (`*name`) expand to too much content".to_owned(),
                "de verwijzingen (`*naam`) in het bestand worden te veel inhoud".to_owned(),
            ],
            BUDGET_HINT,
        ),
        E::RecursiveReferencesRequireWeakTypes { .. } => Said::new(
            Code::Budget,
            [
                "an alias (`*name`) refers to the anchor (`&name`) it stands inside, so the value would contain itself without end".to_owned(),
                "een verwijzing (`*naam`) verwijst naar het anker (`&naam`) waar ze zelf in staat, dus de waarde zou zichzelf eindeloos bevatten".to_owned(),
            ],
            [
                "write the value out plainly, or point the alias at an anchor defined before and outside it",
                "schrijf de waarde gewoon uit, of laat de verwijzing wijzen naar een anker dat ervoor en erbuiten staat",
            ],
        ),
        E::MultipleDocuments { .. } => syntax(documents(), DOCUMENTS_HINT),
        E::DuplicateMappingKey { key, .. } => {
            let message = match key {
                Some(key) => [
                    format!("the key `{key}` appears twice in the same map"),
                    format!("de sleutel `{key}` staat twee keer in dezelfde map"),
                ],
                None => [
                    "a key appears twice in the same map".to_owned(),
                    "een sleutel staat twee keer in dezelfde map".to_owned(),
                ],
            };
            syntax(
                message,
                [
                    "each key may appear only once: remove or merge the repeated one",
                    "elke sleutel mag maar één keer voorkomen: verwijder de herhaalde of voeg ze samen",
                ],
            )
        }
        E::SerdeUnknownField {
            field, expected, ..
        } => {
            let allowed = expected.join(", ");
            // In Dutch the keys are shown as code, so that no English word stands in the text.
            let toegestaan = expected
                .iter()
                .map(|key| format!("`{key}`"))
                .collect::<Vec<_>>()
                .join(", ");
            let hint = match crate::diagnostic::nearest(field, expected.iter().copied()) {
                Some(near) => [
                    format!("did you mean `{near}`? Keys allowed here: {allowed}"),
                    format!("bedoelt u `{near}`? Sleutels die hier mogen: {toegestaan}"),
                ],
                None if expected.is_empty() => [
                    "remove it: this map takes no keys".to_owned(),
                    "verwijder deze: deze map heeft geen sleutels".to_owned(),
                ],
                None => [
                    format!("keys allowed here: {allowed}"),
                    format!("sleutels die hier mogen: {toegestaan}"),
                ],
            };
            syntax(
                [
                    format!("unknown key `{field}`"),
                    format!("onbekende sleutel `{field}`"),
                ],
                [&hint[0], &hint[1]],
            )
        }
        E::SerdeMissingField { field, .. } => syntax(
            [
                format!("the required key `{field}` is missing"),
                format!("de verplichte sleutel `{field}` ontbreekt"),
            ],
            [
                "add the key here; `checklists/README.md` lists the required keys of every part",
                "voeg de sleutel hier toe; `checklists/README.md` noemt de verplichte sleutels van elk onderdeel",
            ],
        ),
        E::SerdeUnknownVariant {
            variant, expected, ..
        } => {
            let choices = expected.join(", ");
            let hint = match crate::diagnostic::nearest(variant, expected.iter().copied()) {
                Some(near) => [
                    format!("did you mean `{near}`?"),
                    format!("bedoelt u `{near}`?"),
                ],
                None => [
                    format!("choose one of: {choices}"),
                    format!(
                        "kies een van: {}",
                        expected
                            .iter()
                            .map(|choice| format!("`{choice}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ],
            };
            syntax(
                [
                    format!("`{variant}` is not one of: {choices}"),
                    format!("`{variant}` is niet een van: {choices}"),
                ],
                [&hint[0], &hint[1]],
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
            [
                format!("expected {expected}, found {unexpected}"),
                format!(
                    "hier hoort {}, maar er staat {}",
                    kind_in_dutch(expected),
                    kind_in_dutch(unexpected)
                ),
            ],
            KIND_HINT,
        ),
        E::SerdeInvalidLength { len, expected, .. } => syntax(
            [
                format!("expected {expected}, found a list of {len}"),
                format!(
                    "hier hoort {}, maar er staat een lijst van {len}",
                    kind_in_dutch(expected)
                ),
            ],
            KIND_HINT,
        ),
        E::InvalidScalar { ty, .. } => {
            let wanted = match *ty {
                "boolean" => ["`true` or `false`", "`true` of `false`"],
                "floating point" => ["a number", "een getal"],
                _ => ["a whole number", "een geheel getal"],
            };
            syntax(
                [
                    format!("expected {} here", wanted[0]),
                    format!("hier hoort {}", wanted[1]),
                ],
                KIND_HINT,
            )
        }
        E::InvalidBooleanStrict { .. } => syntax(
            [
                "expected `true` or `false` here".to_owned(),
                "hier hoort `true` of `false`".to_owned(),
            ],
            KIND_HINT,
        ),
        E::NonFiniteFloat { value, .. } => syntax(
            [
                format!("`{value}` is not a finite number"),
                format!("`{value}` is geen eindig getal"),
            ],
            FINITE_HINT,
        ),
        E::Unexpected { expected, .. } => {
            let wanted = match *expected {
                "mapping start" => [
                    "a map of `key: value` lines".to_owned(),
                    "een map van regels `sleutel: waarde`".to_owned(),
                ],
                "sequence start" => [
                    "a list (`- ...` lines, or `[a, b]`)".to_owned(),
                    "een lijst (regels `- ...`, of `[a, b]`)".to_owned(),
                ],
                other => [other.to_owned(), kind_in_dutch(other)],
            };
            syntax(
                [
                    format!("expected {} here", wanted[0]),
                    format!("hier hoort {}", wanted[1]),
                ],
                KIND_HINT,
            )
        }
        E::Eof { .. } => syntax(
            [
                "the file ends too early".to_owned(),
                "het bestand houdt te vroeg op".to_owned(),
            ],
            [
                "look for an unclosed `[`, `{` or quote",
                "zoek een `[`, `{` of aanhalingsteken dat niet gesloten wordt",
            ],
        ),
        E::InvalidUtf8Input => Said::new(
            Code::InvalidUtf8,
            [
                "the file is not valid UTF-8 text".to_owned(),
                "het bestand is geen geldige UTF-8-tekst".to_owned(),
            ],
            [
                "save the file as UTF-8 in your editor",
                "sla het bestand in uw editor op als UTF-8",
            ],
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
                Said::new(Code::Budget, too_deep(), BUDGET_HINT)
            } else if lower.contains("tab") {
                syntax(
                    [
                        "a tab is used for indentation".to_owned(),
                        "er is ingesprongen met een tab".to_owned(),
                    ],
                    TAB_HINT,
                )
            } else if let Some(word) = message.strip_suffix(" is not yes or no: write `true` or `false`") {
                syntax(
                    [
                        message.clone(),
                        format!("{word} is geen ja of nee: schrijf `true` of `false`"),
                    ],
                    ["this key is a yes/no flag", "deze sleutel is een ja/nee-vlag"],
                )
            } else if lower.contains("is not an evidence") {
                // `evidence::Evidence` says what to write; the hint shows the whole entry.
                let dutch = match message.split('`').nth(1) {
                    Some(word) if lower.contains("evidence type") => format!(
                        "`{word}` is geen soort bewijsstuk: schrijf een van {}",
                        crate::evidence::EVIDENCE_TYPES.join(", ")
                    ),
                    Some(word) => format!(
                        "`{word}` is geen datum van een bewijsstuk: schrijf de maand als JJJJ-MM of de dag als JJJJ-MM-DD, zoals 2025-03"
                    ),
                    None => "dit bewijsstuk kan niet worden gelezen".to_owned(),
                };
                syntax(
                    [message.clone(), dutch],
                    [
                        "an evidence entry is a text, or `{text: ..., type: document, date: 2025-03}` (checklists/README.md, section 9.2)",
                        "een bewijsstuk is een tekst, of `{text: ..., type: document, date: 2025-03}` (checklists/README.md, paragraaf 9.2)",
                    ],
                )
            } else if lower.contains("non-finite") || lower.contains("must be finite") {
                syntax(
                    [
                        message,
                        "het getal is niet eindig".to_owned(),
                    ],
                    FINITE_HINT,
                )
            } else {
                // The parser's own words are English and for programmers: the Dutch says
                // where, and the hint what to look for.
                let dutch = "YAML kan het bestand vanaf deze plek niet lezen".to_owned();
                syntax([message, dutch], SYNTAX_HINT)
            }
        }
    }
}

/// serde's words for kinds of value ("a string", "map"), in Dutch where we know them.
fn kind_in_dutch(kind: &str) -> String {
    let kind = kind.trim();
    let known = match kind {
        "a string" | "string" | "a borrowed string" | "string scalar" => "een tekst",
        "map" | "a map" | "mapping" => "een map",
        "sequence" | "a sequence" => "een lijst",
        "boolean" | "a boolean" => "`true` of `false`",
        "integer" | "an integer" | "unsigned integer" => "een geheel getal",
        "floating point" | "a float" | "f64" | "a number" => "een getal",
        "unit value" | "null" => "niets",
        _ => return format!("`{kind}`"),
    };
    known.to_owned()
}

fn documents() -> [String; 2] {
    [
        "the file holds more than one YAML document".to_owned(),
        "het bestand bevat meer dan één YAML-document".to_owned(),
    ]
}

fn too_deep() -> [String; 2] {
    [
        format!("the file nests lists and maps more than {MAX_DEPTH} deep"),
        format!("het bestand nest lijsten en mappen meer dan {MAX_DEPTH} diep"),
    ]
}

const DOCUMENTS_HINT: [&str; 2] = [
    "a file holds exactly one document: remove the `---` line and what follows it, or split it into files",
    "een bestand bevat precies één document: verwijder de regel `---` en wat erna komt, of verdeel het over bestanden",
];

const KIND_HINT: [&str; 2] = [
    "the value here has the wrong kind (text, number, true/false, list or map); `checklists/README.md` shows every key with its kind",
    "de waarde hier is van de verkeerde soort (tekst, getal, true/false, lijst of map); `checklists/README.md` toont bij elke sleutel de soort",
];

const SYNTAX_HINT: [&str; 2] = [
    "check the indentation, and look for an unclosed `[`, `{` or quote on this line or the lines just above it",
    "controleer het inspringen, en zoek op deze regel of de regels erboven een `[`, `{` of aanhalingsteken dat niet gesloten wordt",
];

fn budget(breach: &serde_saphyr::budget::BudgetBreach) -> Said {
    use serde_saphyr::budget::BudgetBreach as B;
    let message = match breach {
        B::Documents { .. } => return Said::new(Code::Syntax, documents(), DOCUMENTS_HINT),
        B::Depth { .. } => too_deep(),
        B::Aliases { .. } | B::Anchors { .. } => [
            "the file uses too many anchors (`&name`) or aliases (`*name`)".to_owned(),
            "het bestand gebruikt te veel ankers (`&naam`) of verwijzingen (`*naam`)".to_owned(),
        ],
        _ => [
            "the file expands to far more content than any real file holds".to_owned(),
            "het bestand wordt veel meer inhoud dan een echt bestand bevat".to_owned(),
        ],
    };
    Said::new(Code::Budget, message, BUDGET_HINT)
}

/// Our untagged types, named as a user would: what may be written here.
fn untagged(kind: &str) -> Said {
    let wanted = match kind {
        "Text" => [
            "a text, or texts by language such as `{en: Strategy, nl: Strategie}`",
            "een tekst, of teksten per taal zoals `{en: Strategy, nl: Strategie}`",
        ],
        "Bound" => [
            "a number, or a range of two numbers such as `[40, 60]`",
            "een getal, of een bereik van twee getallen zoals `[40, 60]`",
        ],
        "OneOrMany" => [
            "a text, or a list of texts such as `[Annual report 2025, Board minutes]`",
            "een tekst, of een lijst van teksten zoals `[Jaarverslag 2025, Notulen bestuur]`",
        ],
        _ => [
            "a value of a different kind",
            "een waarde van een andere soort",
        ],
    };
    Said::new(
        Code::Syntax,
        [
            format!("expected {} here", wanted[0]),
            format!("hier hoort {}", wanted[1]),
        ],
        KIND_HINT,
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
