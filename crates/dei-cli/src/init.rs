//! `dei init`: a blank answers file for a checklist, every question explained in comments.
//!
//! This module handles the arguments (checklist, language, respondent, `--from`), the reference
//! written into `checklist:` and the file; the file itself is rendered by
//! `dei_report::answers_template` from a `dei_core::Questionnaire`.

use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;

use dei_core::fs::FsResolver;
use dei_core::library::builtin_text;
use dei_core::{Code, Diagnostic, Diagnostics, Library, Questionnaire};

use crate::output::{Failure, print_diagnostics, write_output};
use dei_core::visible::visible;

/// Exit code of a usage mistake, such as a language the checklist does not have.
const EXIT_USAGE: u8 = 2;

/// What `dei init` was asked to do.
pub struct Options<'a> {
    /// A built-in checklist id or a path to a checklist or tailoring.
    pub checklist: &'a str,
    /// Where to write; standard output when `None`.
    pub output: Option<&'a Path>,
    /// The language of the texts; the checklist's default when `None`.
    pub language: Option<&'a str>,
    /// Replace an existing output file.
    pub force: bool,
    /// Write one respondent's template for this group (SPEC section 15).
    pub respondent: Option<&'a str>,
    /// A previous period's answers file to carry over (`--from`).
    pub from: Option<&'a Path>,
}

/// Runs `dei init`.
pub fn run(options: &Options<'_>) -> Result<ExitCode, Failure> {
    crate::words::choose(options.language, None);
    let mut library = Library::with_resolver(FsResolver);
    let checklist = library.checklist(options.checklist, None)?;
    crate::words::choose(options.language, Some(checklist.default_language()));
    let language = match options.language {
        None => checklist.default_language().to_owned(),
        Some(language) if checklist.languages().iter().any(|known| known == language) => {
            language.to_owned()
        }
        Some(language) => {
            let languages = checklist.languages().join(", ");
            let problem = Diagnostic::error(
                Code::UnknownLanguage,
                options.checklist,
                format!(
                    "`{language}` is not a language of `{}`; its languages are {languages}",
                    checklist.id()
                ),
            )
            .with_hint(format!(
                "use --lang with one of {languages}, or leave it out for {}",
                checklist.default_language()
            ))
            .with_dutch(
                format!(
                    "`{language}` is geen taal van `{}`; de talen zijn {languages}",
                    checklist.id()
                ),
                Some(format!(
                    "gebruik --lang met een van {languages}, of laat het weg voor {}",
                    checklist.default_language()
                )),
            );
            print_diagnostics(&Diagnostics::from(problem));
            return Ok(ExitCode::from(EXIT_USAGE));
        }
    };

    if let Some(group) = options.respondent {
        let problem = if !is_group_id(group) {
            Some(
                Diagnostic::error(
                    Code::InvalidId,
                    options.checklist,
                    format!("`{group}` is not a respondent group id"),
                )
                .with_hint("a group is a short id such as `staff`, `volunteers` or `board` (lower case letters, digits and `_`, starting with a letter); never a person's name")
                .with_dutch(
                    format!("`{group}` is geen id van een groep respondenten"),
                    Some("een groep is een korte id zoals `staff`, `volunteers` of `board` (kleine letters, cijfers en `_`, beginnend met een letter); nooit de naam van een persoon".to_owned()),
                ),
            )
        } else if !checklist.items().iter().any(|item| item.respondents) {
            Some(
                Diagnostic::error(
                    Code::NotRespondent,
                    options.checklist,
                    format!("`{}` marks no items for respondents", checklist.id()),
                )
                .with_hint("mark the items that people outside management can answer with `respondents: true` (checklists/README.md), or leave out --respondent")
                .with_dutch(
                    format!("`{}` markeert geen vragen voor respondenten", checklist.id()),
                    Some("markeer de vragen die mensen buiten het management kunnen beantwoorden met `respondents: true` (checklists/README.md), of laat --respondent weg".to_owned()),
                ),
            )
        } else {
            None
        };
        if let Some(problem) = problem {
            print_diagnostics(&Diagnostics::from(problem));
            return Ok(ExitCode::from(EXIT_USAGE));
        }
    }
    let is_path = !is_builtin(options.checklist);
    let mut inputs = Vec::new();
    let reference = if is_path {
        inputs.push(PathBuf::from(options.checklist));
        match options.output {
            Some(output) => relative_reference(Path::new(options.checklist), output)?,
            None => options.checklist.to_owned(),
        }
    } else {
        options.checklist.to_owned()
    };
    if let Some(output) = options.output
        && !options.force
        && output.symlink_metadata().is_ok()
    {
        return Err(Failure::io(
            format!(
                "`{}` already exists; `dei init` does not overwrite it: choose another file, or add --force to replace it",
                output.display()
            ),
            format!(
                "`{}` bestaat al; `dei init` schrijft er niet overheen: kies een ander bestand, of voeg --force toe om het te vervangen",
                output.display()
            ),
        ));
    }

    let text = match options.from {
        Some(previous) => {
            let (previous_checklist, answers) = library.answers(previous)?;
            inputs.push(previous.to_path_buf());
            dei_serve::store::from_previous(&answers, &previous_checklist, &checklist, &reference)
        }
        None => dei_report::answers_template(
            &Questionnaire::new(&checklist, &language),
            &reference,
            options.respondent,
        ),
    };
    write_output(options.output, text.as_bytes(), &inputs)?;
    if let Some(output) = options.output {
        let questions = checklist
            .items()
            .iter()
            .filter(|item| options.respondent.is_none() || item.respondents)
            .count();
        eprintln!(
            "{}",
            crate::words::init_wrote(
                &visible(&output.display().to_string()),
                questions,
                &visible(&format!("{} {}", checklist.id(), checklist.version()))
            )
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// True when `reference` names a built-in checklist (as the library resolves it).
// The test must match the library's own resolution exactly, which is case-sensitive.
#[allow(clippy::case_sensitive_file_extension_comparisons)]
pub(crate) fn is_builtin(reference: &str) -> bool {
    let looks_like_path = reference.contains(['/', '\\'])
        || reference.ends_with(".yaml")
        || reference.ends_with(".yml")
        || reference.ends_with(".json");
    !looks_like_path && builtin_text(reference).is_some()
}

/// The checklist path as the answers file must name it: relative to the output's folder.
pub(crate) fn relative_reference(checklist: &Path, output: &Path) -> Result<String, Failure> {
    let target = checklist
        .canonicalize()
        .map_err(|error| Failure::io_error(["find", "vinden"], checklist, &error))?;
    let folder = match output.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let folder = folder.canonicalize().map_err(|_| {
        Failure::io(
            format!(
                "cannot write `{}`: the folder `{}` does not exist",
                output.display(),
                folder.display()
            ),
            format!(
                "kan niet schrijven naar `{}`: de map `{}` bestaat niet",
                output.display(),
                folder.display()
            ),
        )
    })?;
    Ok(relative_path(&folder, &target))
}

/// The path from folder `from` to `to` (both absolute), with `/` between the parts; `to` as it
/// is when the two share no root (another drive on Windows).
fn relative_path(from: &Path, to: &Path) -> String {
    let from: Vec<Component<'_>> = from.components().collect();
    let to_parts: Vec<Component<'_>> = to.components().collect();
    let common = from
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    if common == 0 {
        return to.to_string_lossy().into_owned();
    }
    let mut parts: Vec<String> = vec!["..".to_owned(); from.len() - common];
    parts.extend(
        to_parts
            .iter()
            .skip(common)
            .map(|part| part.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

/// `[a-z][a-z0-9_]*`, the form of a respondent group id (as answers validation checks it).
fn is_group_id(group: &str) -> bool {
    group.starts_with(|c: char| c.is_ascii_lowercase())
        && group
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_climb_out_of_the_output_folder() {
        assert_eq!(
            relative_path(Path::new("/a/b/out"), Path::new("/a/b/lists/x.yaml")),
            "../lists/x.yaml"
        );
        assert_eq!(
            relative_path(Path::new("/a/b"), Path::new("/a/b/x.yaml")),
            "x.yaml"
        );
    }
}
