//! Input text and its parsing: size limit, encoding, YAML budgets, located syntax errors.
//!
//! This is the only place that turns bytes into typed raw models. Everything here is sans-IO:
//! reading files is the caller's business (see `files`), so tests pass text directly.

use serde::de::DeserializeOwned;

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
        }
    }

    /// Decodes bytes as UTF-8 (refusing files over the size limit and invalid encodings).
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
                let line = valid.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
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
    pub fn line(&self, number: u64) -> Option<&str> {
        let index = usize::try_from(number.checked_sub(1)?).ok()?;
        self.text
            .split('\n')
            .nth(index)
            .map(|line| line.strip_suffix('\r').unwrap_or(line))
    }

    /// Parses the text as one YAML (or JSON) document into `T`.
    ///
    /// Stops at the first syntax or type error: the structure must be readable before the
    /// semantic checks can collect every other problem.
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
        let message = first_line(&error.without_snippet().to_string());
        let (code, hint) = classify(&message);
        let mut diagnostic = Diagnostic::error(code, &self.name, message);
        if let Some(location) = error.location() {
            diagnostic = diagnostic.at(self, location.line(), location.column());
        }
        if let Some(hint) = hint {
            diagnostic = diagnostic.with_hint(hint);
        }
        diagnostic
    }
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

/// The parser's message without its trailing location (we show the location ourselves).
fn first_line(message: &str) -> String {
    let line = message.lines().next().unwrap_or(message).trim();
    let line = match line.rfind(" at line ") {
        Some(position) => &line[..position],
        None => line,
    };
    line.to_owned()
}

/// Maps a parser message to our code and a hint a non-programmer can act on.
fn classify(message: &str) -> (Code, Option<&'static str>) {
    let lower = message.to_ascii_lowercase();
    if lower.contains("budget") || lower.contains("limit") || lower.contains("depth") {
        return (
            Code::Budget,
            Some(
                "the file is nested too deeply or repeats anchors too often; real files never need this",
            ),
        );
    }
    let hint = if lower.contains("duplicate") {
        Some("each key may appear only once: remove or merge the repeated one")
    } else if lower.contains("unknown field") {
        Some("check the spelling of the key; `checklists/README.md` lists every key")
    } else if lower.contains("tab") {
        Some("YAML indentation must use spaces, not tabs")
    } else if lower.contains("non-finite") {
        Some("numbers must be finite: NaN and infinity are not allowed")
    } else if lower.contains("multiple documents") || lower.contains("document") {
        Some("a file holds exactly one document: remove the extra `---` separators")
    } else if lower.contains("invalid type") {
        Some("the value has the wrong kind (text, number, list or map); see `checklists/README.md`")
    } else if lower.contains("missing field") {
        Some("add the missing key; `checklists/README.md` lists the required keys")
    } else {
        None
    };
    (Code::Syntax, hint)
}
