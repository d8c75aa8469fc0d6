//! Finding the files a command is given: files, folders (walked, sorted) and patterns (`*`,
//! `?` in the last part), without repeats, whatever path or symbolic link reaches a file.
//! A hard link (one file under two names) is told only by its device and inode: the command
//! finds it when it reads the files ([`dei_core::fs::read_identified`] gives both from the
//! `fstat` it makes anyway), and tells the user with [`same_file_note`]. Doing it here would
//! cost a `stat` of every file, a third of a batch's system calls.
//!
//! Used by `dei benchmark`, the command that takes folders and patterns; a command added
//! later that takes them uses this module too, so every command finds the same files.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use dei_core::{Code, Diagnostic};

use crate::output::FileIdentity;
use crate::words::{dutch, rendered};

/// A file found, and how.
pub struct Found {
    pub path: PathBuf,
    /// Which file it is, to count a file reached by two paths once.
    pub identity: FileIdentity,
    /// Named on its own (read as answers whatever it is) rather than found in a folder or by a
    /// pattern (definitions and tailorings are skipped).
    pub explicit: bool,
    /// A folder listing showed a regular file under this path, not a link: reading it needs no
    /// check of its type before opening (see [`dei_core::fs::read_identified`]).
    pub listed_as_regular: bool,
}

/// Something to tell the user about the inputs, rendered in the run's language.
pub enum Notice {
    /// An input that found no file: the file is left out of the work, an error.
    NothingFound(String),
    /// A file given twice, counted once.
    Repeat(String),
}

/// Expands folders and patterns into files, dropping repeats; reports inputs that find nothing.
pub fn expand(inputs: &[PathBuf]) -> (Vec<Found>, Vec<Notice>) {
    let mut files = Vec::new();
    let mut notices = Vec::new();
    let mut seen = HashSet::new();
    for input in inputs {
        let found = if input.is_dir() {
            let mut found = Vec::new();
            walk(input, &FileIdentity::of(input), &mut found);
            if found.is_empty() {
                notices.push(Notice::NothingFound(nothing_found(
                    input,
                    "the folder holds no answers files (.yaml, .yml or .json)",
                    "de map bevat geen antwoordbestanden (.yaml, .yml of .json)",
                )));
            }
            found
        } else if !input.exists() && is_pattern(input) {
            match glob(input) {
                Ok(found) if found.is_empty() => {
                    notices.push(Notice::NothingFound(nothing_found(
                        input,
                        "no answers file (.yaml, .yml or .json) matches this pattern",
                        "geen antwoordbestand (.yaml, .yml of .json) past bij dit patroon",
                    )));
                    Vec::new()
                }
                Ok(found) => found,
                Err([message, dutch]) => {
                    notices.push(Notice::NothingFound(nothing_found(input, &message, &dutch)));
                    Vec::new()
                }
            }
        } else {
            // A plain file, or a path that does not exist: reading it reports the problem.
            vec![Found {
                path: input.clone(),
                identity: FileIdentity::of(input),
                explicit: true,
                listed_as_regular: false,
            }]
        };
        seen.reserve(found.len());
        for file in found {
            if !seen.insert(file.identity.clone()) {
                notices.push(Notice::Repeat(if dutch() {
                    format!(
                        "let op: `{}` is meer dan één keer gegeven; het telt één keer",
                        file.path.display()
                    )
                } else {
                    format!(
                        "note: `{}` is given more than once; it is counted once",
                        file.path.display()
                    )
                }));
                continue;
            }
            files.push(file);
        }
    }
    (files, notices)
}

/// The note for `path`, found to be the same file as `first` (a hard link to it, or a path
/// through a linked folder): it is counted once.
pub fn same_file_note(path: &Path, first: &Path) -> String {
    if dutch() {
        format!(
            "let op: `{}` is hetzelfde bestand als `{}` (een koppeling ernaar); het telt één keer",
            path.display(),
            first.display()
        )
    } else {
        format!(
            "note: `{}` is the same file as `{}` (a link to it); it is counted once",
            path.display(),
            first.display()
        )
    }
}

fn nothing_found(input: &Path, message: &str, dutch: &str) -> String {
    rendered(
        &Diagnostic::error(Code::Io, input.display().to_string(), message)
            .with_hint(
                "give answers files, folders that hold them, or patterns such as `answers/*.yaml`",
            )
            .with_dutch(
                dutch,
                Some(
                    "geef antwoordbestanden, mappen met antwoordbestanden of patronen zoals \
                     `answers/*.yaml`"
                        .to_owned(),
                ),
            ),
    )
}

/// True for a visible file named `.yaml`, `.yml` or `.json`.
pub fn is_answers_name(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|name| name.to_str()) else {
        return false;
    };
    if name.starts_with('.') {
        return false;
    }
    Path::new(name).extension().is_some_and(|extension| {
        ["yaml", "yml", "json"]
            .iter()
            .any(|wanted| extension.eq_ignore_ascii_case(wanted))
    })
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .and_then(|name| name.to_str())
        .is_some_and(|name| name.starts_with('.'))
}

/// Every answers-like file under `folder`, in the order of their sorted paths; unreadable
/// folders are passed over.
///
/// Each folder's entries are sorted by name and visited in that order, which yields the order
/// of sorting the whole paths component by component, without comparing whole paths.
fn walk(folder: &Path, identity: &FileIdentity, found: &mut Vec<Found>) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    let mut entries: Vec<std::fs::DirEntry> = entries.flatten().collect();
    entries.sort_by_cached_key(std::fs::DirEntry::file_name);
    for entry in entries {
        let path = entry.path();
        if is_hidden(&path) {
            continue;
        }
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            walk(&path, &FileIdentity::in_folder(identity, &entry), found);
        } else if (kind.is_file() || (kind.is_symlink() && path.is_file()))
            && is_answers_name(&path)
        {
            found.push(Found {
                identity: FileIdentity::in_folder(identity, &entry),
                path,
                explicit: false,
                listed_as_regular: kind.is_file(),
            });
        }
    }
}

fn is_pattern(path: &Path) -> bool {
    path.to_string_lossy().contains(['*', '?'])
}

/// The answers-like files in one folder whose names match the last part of `pattern`, sorted;
/// or why the pattern cannot be used, in English and in Dutch.
fn glob(pattern: &Path) -> Result<Vec<Found>, [String; 2]> {
    let name = pattern
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .ok_or_else(|| {
            [
                "a pattern must end in a file name, such as `*.yaml`".to_owned(),
                "een patroon moet eindigen op een bestandsnaam, zoals `*.yaml`".to_owned(),
            ]
        })?;
    let folder = match pattern.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    if is_pattern(folder) {
        return Err([
            "only the last part of a pattern may hold `*` or `?`: give the folder itself to \
             search it and its subfolders"
                .to_owned(),
            "alleen het laatste deel van een patroon mag `*` of `?` bevatten: geef de map zelf \
             om die en haar submappen te doorzoeken"
                .to_owned(),
        ]);
    }
    let entries = std::fs::read_dir(folder).map_err(|error| {
        let (why, waarom) = dei_core::fs::plain_io_error(&error);
        [
            format!("cannot read the folder `{}`: {why}", folder.display()),
            format!("kan de map `{}` niet lezen: {waarom}", folder.display()),
        ]
    })?;
    let folder_identity = FileIdentity::of(folder);
    let wanted: Vec<char> = name.chars().collect();
    let mut entries: Vec<std::fs::DirEntry> = entries
        .flatten()
        .filter(|entry| {
            let file: Vec<char> = entry.file_name().to_string_lossy().chars().collect();
            wildcard_match(&wanted, &file)
        })
        .collect();
    entries.sort_by_cached_key(std::fs::DirEntry::file_name);
    Ok(entries
        .into_iter()
        .filter_map(|entry| {
            let path = entry.path();
            let regular = entry.file_type().is_ok_and(|kind| kind.is_file());
            ((regular || path.is_file()) && is_answers_name(&path)).then(|| Found {
                identity: FileIdentity::in_folder(&folder_identity, &entry),
                path,
                explicit: false,
                listed_as_regular: regular,
            })
        })
        .collect())
}

/// Matches `*` (any run of characters) and `?` (one character); everything else literally.
fn wildcard_match(pattern: &[char], text: &[char]) -> bool {
    let (mut p, mut t) = (0, 0);
    // Where the last `*` was, and the text position it currently swallows up to.
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        match pattern.get(p) {
            Some('*') => {
                star = Some((p, t));
                p += 1;
            }
            Some(&c) if c == '?' || Some(&c) == text.get(t) => {
                p += 1;
                t += 1;
            }
            _ => match star {
                Some((star_p, star_t)) => {
                    p = star_p + 1;
                    t = star_t + 1;
                    star = Some((star_p, star_t + 1));
                }
                None => return false,
            },
        }
    }
    pattern
        .get(p..)
        .unwrap_or_default()
        .iter()
        .all(|&c| c == '*')
}

/// The first answers file an input names: the file itself, or one directly in the folder.
/// Only ordinary files: reading a pipe or a device could wait for ever.
pub fn first_answers_file(input: &Path) -> Option<PathBuf> {
    if input.is_dir() {
        std::fs::read_dir(input)
            .ok()?
            .flatten()
            .map(|entry| entry.path())
            .find(|path| is_answers_name(path) && path.is_file())
    } else {
        input.is_file().then(|| input.to_path_buf())
    }
}

#[cfg(test)]
mod tests {
    use super::wildcard_match;

    fn matches(pattern: &str, text: &str) -> bool {
        let pattern: Vec<char> = pattern.chars().collect();
        let text: Vec<char> = text.chars().collect();
        wildcard_match(&pattern, &text)
    }

    #[test]
    fn wildcards() {
        assert!(matches("*.yaml", "a.yaml"));
        assert!(matches("*.yaml", ".yaml"));
        assert!(!matches("*.yaml", "a.yml"));
        assert!(matches("org-??.yaml", "org-07.yaml"));
        assert!(!matches("org-??.yaml", "org-7.yaml"));
        assert!(matches("*-*-2025.json", "a-b-c-2025.json"));
        assert!(matches("*", "anything"));
        assert!(matches("a*", "a"));
        assert!(!matches("a*b", "acbd"));
        assert!(matches("exact.yaml", "exact.yaml"));
        assert!(!matches("exact.yaml", "exact.yamlx"));
    }
}
