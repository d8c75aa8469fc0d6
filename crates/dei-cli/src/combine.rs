//! `dei combine` and the reading of respondents' files (SPEC section 15).
//!
//! The combining itself is `dei_core::respondents`; this module reads the files, writes the
//! draft atomically (never over an input), and keeps a relative checklist path pointing at
//! the same checklist from the draft's folder.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use dei_core::fs::{FsResolver, read_source};
use dei_core::respondents::{AnswersFile, PRIVACY_FLOOR, combine};
use dei_core::{Answers, Checklist, Code, Diagnostic, Diagnostics, Library, Source};

use crate::init::{is_builtin, relative_reference};
use crate::output::{Failure, FileIdentity, write_output};

/// Parses `--min-group` of `dei report --respondents`.
pub fn parse_min_group(text: &str) -> Result<usize, String> {
    const OF: [&str; 2] = ["respondents", "respondenten"];
    let value: usize = text
        .trim()
        .parse()
        .map_err(|_| crate::words::min_group_not_a_number(text, OF))?;
    if value < PRIVACY_FLOOR {
        return Err(crate::words::min_group_too_small(
            PRIVACY_FLOOR,
            OF,
            [
                "colleagues can tell who answered what",
                "kunnen collega's zien wie wat antwoordde",
            ],
            dei_core::respondents::DEFAULT_MIN_GROUP,
        ));
    }
    Ok(value)
}

/// One answers file read and checked, with its text kept for locating problems.
pub struct ReadFile {
    /// Where it was read from.
    pub path: PathBuf,
    /// Its text.
    pub source: Source,
    /// The checklist it names.
    pub checklist: Arc<Checklist>,
    /// Its checked answers.
    pub answers: Answers,
}

impl ReadFile {
    /// The view `dei_core::respondents` takes.
    pub fn as_file(&self) -> AnswersFile<'_> {
        AnswersFile {
            source: &self.source,
            checklist: &self.checklist,
            answers: &self.answers,
        }
    }
}

/// Reads and checks every file, listing the problems of all of them; a file given twice (by
/// any path or link) is an error, since it would count one respondent twice.
pub fn read_all(library: &mut Library, paths: &[PathBuf]) -> Result<Vec<ReadFile>, Diagnostics> {
    let mut files = Vec::new();
    let mut problems = Diagnostics::default();
    let mut seen: Vec<(FileIdentity, &Path)> = Vec::new();
    for path in paths {
        let identity = FileIdentity::of(path);
        if let Some((_, earlier)) = seen.iter().find(|(other, _)| *other == identity) {
            problems.push(
                Diagnostic::error(
                    Code::Incompatible,
                    path.display().to_string(),
                    format!(
                        "this file was already given as `{}`: each respondent counts once",
                        earlier.display()
                    ),
                )
                .with_hint("give each respondent's file once")
                .with_dutch(
                    format!(
                        "dit bestand is al gegeven als `{}`: elke respondent telt één keer",
                        earlier.display()
                    ),
                    Some("geef het bestand van elke respondent één keer".to_owned()),
                ),
            );
            continue;
        }
        seen.push((identity, path));
        let read = read_source(path).and_then(|source| {
            let (checklist, answers) = library.answers_from_source(&source, path.parent())?;
            Ok(ReadFile {
                path: path.clone(),
                source,
                checklist,
                answers,
            })
        });
        match read {
            Ok(file) => files.push(file),
            Err(found) => problems.0.extend(found.0),
        }
    }
    if problems.has_errors() {
        Err(problems)
    } else {
        Ok(files)
    }
}

/// Runs `dei combine`.
pub fn run(
    paths: &[PathBuf],
    output: Option<&Path>,
    language: Option<&str>,
) -> Result<ExitCode, Failure> {
    crate::words::choose(language, None);
    let mut library = Library::with_resolver(FsResolver);
    let files = read_all(&mut library, paths)?;
    if let Some(first) = files.first() {
        crate::words::choose(language, Some(first.checklist.default_language()));
    }
    let views: Vec<AnswersFile<'_>> = files.iter().map(ReadFile::as_file).collect();
    let mut draft = combine(&views)?;
    // The draft names the checklist of the first file in name order, as `combine` does.
    if !is_builtin(&draft.checklist)
        && let Some(first) = files
            .iter()
            .min_by(|a, b| a.source.name().cmp(b.source.name()))
    {
        let folder = first.path.parent().unwrap_or_else(|| Path::new(""));
        let checklist = folder.join(&draft.checklist);
        draft.checklist = match output {
            Some(output) => relative_reference(&checklist, output)?,
            None => checklist.display().to_string(),
        };
    }
    write_output(output, draft.to_yaml().as_bytes(), paths)?;
    if let Some(output) = output {
        eprintln!(
            "{}",
            crate::words::combine_wrote(
                &output.display().to_string(),
                draft.answers.len(),
                files.len(),
                &draft.assessed_by.join(", ")
            )
        );
    }
    Ok(ExitCode::SUCCESS)
}
