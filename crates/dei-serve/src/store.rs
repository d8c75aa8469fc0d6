//! The folder is the store: which files a request may name, answers written back as YAML,
//! atomic writes and the history of every earlier version.
//!
//! Invariants: a request names a file only by a bare name that appears in a listing of the
//! folder's regular files (never a path: `..`, `/`, encoded forms and symbolic links cannot
//! match), and its canonical path must still lie inside the canonical folder. Every write goes
//! through [`write_versioned`]: the version on disk is copied into the history first, the new
//! text is written to a temporary file in the same folder, flushed to disk, then renamed over.

use std::fmt::Write as _;
use std::fs;
use std::hash::{Hash as _, Hasher as _};
use std::io::Write as _;
use std::path::{Path, PathBuf};

use dei_core::answers::{Entry, Response, Value};
use dei_core::evidence::Evidence;
use dei_core::yaml::quoted;
use dei_core::{Answers, Checklist};

/// The first line of every file that `dei serve` writes: how it knows the files it may edit
/// without asking.
pub const MARKER: &str = "# Written by `dei serve`. Earlier versions: .dei-history/";

/// The history folder inside the served folder.
pub const HISTORY: &str = ".dei-history";

/// The largest file the server reads (the library's own input limit).
pub const MAX_FILE_BYTES: u64 = dei_core::source::MAX_INPUT_BYTES as u64;

/// Names of the regular files (not links, not folders) directly in `folder` that may hold
/// answers, checklists or tailorings (`.yaml`, `.yml`, `.json`), sorted.
pub fn list_files(folder: &Path) -> Vec<String> {
    let Ok(entries) = fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|entry| {
            // `file_type` of a directory entry does not follow links: a link is never listed.
            entry.file_type().is_ok_and(|kind| kind.is_file())
        })
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter(|name| is_data_name(name))
        .collect();
    names.sort();
    names
}

fn is_data_name(name: &str) -> bool {
    !name.starts_with('.')
        && [".yaml", ".yml", ".json"]
            .iter()
            .any(|ext| name.len() > ext.len() && name.ends_with(ext))
}

/// The path of the file called `name` in `folder`, only when `name` is one of
/// [`list_files`] and its canonical path lies inside the canonical folder.
pub fn resolve(folder: &Path, name: &str) -> Option<PathBuf> {
    if !list_files(folder).iter().any(|listed| listed == name) {
        return None;
    }
    let root = folder.canonicalize().ok()?;
    let path = root.join(name).canonicalize().ok()?;
    (path.parent() == Some(root.as_path()) && path.is_file()).then_some(path)
}

/// A file's version: a hash of its bytes, for optimistic concurrency (not for security).
pub fn version_of(bytes: &[u8]) -> String {
    let mut hasher = std::hash::DefaultHasher::new();
    bytes.hash(&mut hasher);
    format!("{:016x}-{}", hasher.finish(), bytes.len())
}

/// Whether `text` was written by `dei serve` (its first line is [`MARKER`]).
pub fn written_by_server(text: &str) -> bool {
    text.lines().next() == Some(MARKER)
}

/// Reads a file of at most [`MAX_FILE_BYTES`].
pub fn read_limited(path: &Path) -> std::io::Result<Vec<u8>> {
    let metadata = fs::metadata(path)?;
    if !metadata.is_file() || metadata.len() > MAX_FILE_BYTES {
        return Err(std::io::Error::other(
            "not a regular file of at most 10 MiB",
        ));
    }
    fs::read(path)
}

/// Writes `text` to `folder/name` atomically, after copying the version on disk (if any) into
/// `folder/.dei-history/name/<n>.yaml`. Returns the new version.
pub fn write_versioned(folder: &Path, name: &str, text: &str) -> std::io::Result<String> {
    let path = folder.join(name);
    if let Ok(old) = fs::read(&path) {
        keep_in_history(folder, name, &old, None)?;
    }
    write_atomic(&path, text.as_bytes())?;
    Ok(version_of(text.as_bytes()))
}

/// Copies `bytes` into the history of `name` as the next numbered version, or under `label`
/// (`original`) when given and not yet taken. Returns the path written.
pub fn keep_in_history(
    folder: &Path,
    name: &str,
    bytes: &[u8],
    label: Option<&str>,
) -> std::io::Result<PathBuf> {
    let dir = folder.join(HISTORY).join(name);
    fs::create_dir_all(&dir)?;
    let next = fs::read_dir(&dir)?
        .filter_map(Result::ok)
        .filter_map(|entry| {
            entry
                .file_name()
                .to_str()?
                .strip_suffix(".yaml")?
                .parse::<u64>()
                .ok()
        })
        .max()
        .map_or(1, |n| n + 1);
    let file = match label {
        Some(label) if !dir.join(format!("{label}.yaml")).exists() => format!("{label}.yaml"),
        _ => format!("{next}.yaml"),
    };
    let path = dir.join(file);
    write_atomic(&path, bytes)?;
    Ok(path)
}

/// One earlier version of a file, as kept in its history folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Kept {
    /// Its id: the number (`3`) or the label (`original`), the file name without `.yaml`.
    pub id: String,
    /// When it was kept (the history file's modification time), as UTC `YYYY-MM-DD HH:MM`.
    pub kept_at: String,
    /// Its path in the history folder.
    pub path: PathBuf,
    modified: std::time::SystemTime,
}

/// The earlier versions of `name` (a name [`resolve`] accepted), newest first. Only regular
/// files directly in `.dei-history/<name>/` named `<number>.yaml` or `<label>.yaml` with a
/// label of letters are listed, so an id taken from a request can only name one of these.
pub fn history(folder: &Path, name: &str) -> Vec<Kept> {
    let Ok(entries) = fs::read_dir(folder.join(HISTORY).join(name)) else {
        return Vec::new();
    };
    let mut kept: Vec<Kept> = entries
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_file()))
        .filter_map(|entry| {
            let file = entry.file_name().into_string().ok()?;
            let id = file.strip_suffix(".yaml")?;
            let well_formed = !id.is_empty()
                && (id.bytes().all(|b| b.is_ascii_digit())
                    || id.bytes().all(|b| b.is_ascii_lowercase()));
            if !well_formed {
                return None;
            }
            let modified = entry.metadata().ok()?.modified().ok()?;
            Some(Kept {
                id: id.to_owned(),
                kept_at: utc_minute(modified),
                path: entry.path(),
                modified,
            })
        })
        .collect();
    // Newest first; versions kept within one clock tick by their number (a label first).
    let number = |kept: &Kept| kept.id.parse::<u64>().unwrap_or(0);
    kept.sort_by(|a, b| {
        b.modified
            .cmp(&a.modified)
            .then_with(|| number(b).cmp(&number(a)))
    });
    kept
}

/// The kept version `id` of `name`, when [`history`] lists it.
pub fn kept_version(folder: &Path, name: &str, id: &str) -> Option<Kept> {
    history(folder, name).into_iter().find(|kept| kept.id == id)
}

/// A moment as UTC `YYYY-MM-DD HH:MM` (the server has no time zone of its own to show).
pub fn utc_minute(time: std::time::SystemTime) -> String {
    let seconds = time
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |since| since.as_secs());
    let (days, rest) = (seconds / 86_400, seconds % 86_400);
    // Howard Hinnant's `civil_from_days`, for days since 1970-01-01 (never negative here).
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}",
        rest / 3600,
        rest % 3600 / 60
    )
}

/// Renames the file `from` (a name [`resolve`] accepted) to `to`, a bare name of the same kind
/// that does not exist yet, and moves its history along, so no earlier version is lost. The
/// file is linked under its new name first (which fails rather than replace an existing file),
/// then the old name is removed.
pub fn rename(folder: &Path, from: &str, to: &str) -> std::io::Result<()> {
    let bare = !to.contains(['/', '\\']) && is_data_name(to);
    if !bare {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a file name of this folder",
        ));
    }
    let history = folder.join(HISTORY);
    if history.join(to).exists() {
        return Err(std::io::ErrorKind::AlreadyExists.into());
    }
    fs::hard_link(folder.join(from), folder.join(to))?;
    if history.join(from).is_dir()
        && let Err(error) = fs::rename(history.join(from), history.join(to))
    {
        let _ = fs::remove_file(folder.join(to));
        return Err(error);
    }
    fs::remove_file(folder.join(from))?;
    if let Ok(dir) = fs::File::open(folder) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// Files not written by `dei serve` are rewritten only after the person confirms (`confirmed`),
/// and then only after their text is kept as `original` in the history. Returns whether the
/// write may go ahead.
pub fn confirm_foreign(
    folder: &Path,
    name: &str,
    current: &str,
    confirmed: bool,
) -> std::io::Result<bool> {
    if written_by_server(current) {
        return Ok(true);
    }
    if !confirmed {
        return Ok(false);
    }
    keep_in_history(folder, name, current.as_bytes(), Some("original"))?;
    Ok(true)
}

/// Temporary file in the same folder, flushed to disk, renamed over `path`, folder flushed: a
/// crash at any moment leaves either the old or the new file, whole.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let folder = path
        .parent()
        .filter(|parent| !parent.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut temporary = tempfile::Builder::new()
        .prefix(".dei-save-")
        .tempfile_in(folder)?;
    temporary.write_all(bytes)?;
    temporary.as_file().sync_all()?;
    if let Ok(metadata) = fs::metadata(path) {
        // An existing file keeps its permissions.
        let _ = fs::set_permissions(temporary.path(), metadata.permissions());
    }
    temporary.persist(path).map_err(|error| error.error)?;
    if let Ok(dir) = fs::File::open(folder) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// A value as it will be written: what a form sent, or what a checked answer holds.
#[derive(Clone, Debug, PartialEq)]
pub enum OutValue {
    /// A text or an option id (written quoted).
    Text(String),
    /// A number, already in its written form.
    Number(String),
    /// Option ids.
    List(Vec<String>),
}

/// One entry as it will be written.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OutEntry {
    /// The value, if any.
    pub value: Option<OutValue>,
    /// `Some(reason)` for N/A.
    pub na: Option<String>,
    /// Evidence entries, typed and dated ones kept as they are.
    pub evidence: Vec<Evidence>,
    /// The comment.
    pub comment: Option<String>,
}

impl OutEntry {
    /// The entry of a checked answer.
    pub fn of(entry: &Entry, item: &dei_core::checklist::Item) -> OutEntry {
        let option = |index: usize| {
            item.options()
                .get(index)
                .map(|option| option.id.clone())
                .unwrap_or_default()
        };
        let (value, na) = match &entry.response {
            Response::Empty => (None, None),
            Response::NotApplicable(reason) => (None, Some(reason.clone())),
            Response::Value(Value::Choice(index)) => (Some(OutValue::Text(option(*index))), None),
            Response::Value(Value::Multi(indices)) => (
                Some(OutValue::List(indices.iter().map(|i| option(*i)).collect())),
                None,
            ),
            Response::Value(Value::Number(number)) => {
                (Some(OutValue::Number(number_text(*number))), None)
            }
            Response::Value(Value::Text(text)) => (Some(OutValue::Text(text.clone())), None),
        };
        OutEntry {
            value,
            na,
            evidence: entry.evidence.clone(),
            comment: entry.comment.clone(),
        }
    }

    fn is_empty(&self) -> bool {
        self.value.is_none()
            && self.na.is_none()
            && self.evidence.is_empty()
            && self.comment.is_none()
    }
}

/// A number as written in YAML: integers without a fraction.
pub fn number_text(number: f64) -> String {
    // Rust's shortest round-trip form: `6`, `7.5`, `0.1`; YAML reads it back as the same f64.
    number.to_string()
}

/// The header of an answers file: everything but the answers.
#[derive(Clone, Debug, Default)]
pub struct Header {
    /// The checklist reference as written.
    pub checklist: String,
    /// The checklist version.
    pub checklist_version: Option<String>,
    /// The organisation map.
    pub organisation: indexmap::IndexMap<String, serde_json::Value>,
    /// The period (empty: to fill in).
    pub period: String,
    /// Who assessed.
    pub assessed_by: Vec<String>,
    /// Who answers for the answers (kept as read; the form does not edit it).
    pub answered_by: Vec<String>,
    /// Who co-signed the answers (kept as read; the form does not edit it).
    pub signed_by: Vec<String>,
    /// Goals as (section id, level id).
    pub goals: Vec<(String, String)>,
}

impl Header {
    /// The header of checked answers.
    pub fn of(answers: &Answers, checklist: &Checklist) -> Header {
        Header {
            checklist: answers.checklist.clone(),
            checklist_version: answers.checklist_version.clone(),
            organisation: answers.organisation.clone(),
            period: answers.period.clone(),
            assessed_by: answers.assessed_by.clone(),
            answered_by: answers.answered_by.clone(),
            signed_by: answers.signed_by.clone(),
            goals: answers
                .goals()
                .iter()
                .filter_map(|goal| {
                    Some((
                        checklist.sections().get(goal.section)?.id.clone(),
                        checklist.levels().get(goal.level)?.id.clone(),
                    ))
                })
                .collect(),
        }
    }
}

/// Every entry of checked answers, keyed by item id, in checklist order.
pub fn entries_of(answers: &Answers, checklist: &Checklist) -> Vec<(String, OutEntry)> {
    checklist
        .items()
        .iter()
        .enumerate()
        .filter_map(|(index, item)| {
            let entry = answers.entry(index)?;
            Some((item.id.clone(), OutEntry::of(entry, item)))
        })
        .collect()
}

fn quoted_list(items: &[String]) -> String {
    let parts: Vec<String> = items.iter().map(|item| quoted(item)).collect();
    format!("[{}]", parts.join(", "))
}

/// The answers file text `dei serve` writes: [`MARKER`], the header, then one entry per
/// answered item. Every string is quoted, so no answer can change the file's structure.
pub fn answers_yaml(header: &Header, entries: &[(String, OutEntry)]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{MARKER}");
    let _ = writeln!(out, "checklist: {}", quoted(&header.checklist));
    if let Some(version) = &header.checklist_version {
        let _ = writeln!(out, "checklist_version: {}", quoted(version));
    }
    let organisation = serde_json::to_string(&header.organisation).unwrap_or_default();
    let _ = writeln!(out, "organisation: {organisation}");
    let _ = writeln!(out, "period: {}", quoted(&header.period));
    let _ = writeln!(out, "assessed_by: {}", quoted_list(&header.assessed_by));
    if !header.answered_by.is_empty() {
        let _ = writeln!(out, "answered_by: {}", quoted_list(&header.answered_by));
    }
    if !header.signed_by.is_empty() {
        let _ = writeln!(out, "signed_by: {}", quoted_list(&header.signed_by));
    }
    if !header.goals.is_empty() {
        let goals: Vec<String> = header
            .goals
            .iter()
            .map(|(section, level)| format!("{}: {}", quoted(section), quoted(level)))
            .collect();
        let _ = writeln!(out, "goals: {{{}}}", goals.join(", "));
    }
    let written: Vec<&(String, OutEntry)> = entries.iter().filter(|(_, e)| !e.is_empty()).collect();
    if written.is_empty() {
        let _ = writeln!(out, "answers: {{}}");
        return out;
    }
    let _ = writeln!(out, "answers:");
    for (id, entry) in written {
        let _ = writeln!(out, "  {}:", quoted(id));
        if let Some(reason) = &entry.na {
            let _ = writeln!(out, "    na: true");
            let _ = writeln!(out, "    reason: {}", quoted(reason));
        } else {
            let value = match &entry.value {
                None => "null".to_owned(),
                Some(OutValue::Text(text)) => quoted(text),
                Some(OutValue::Number(number)) => number.clone(),
                Some(OutValue::List(items)) => quoted_list(items),
            };
            let _ = writeln!(out, "    value: {value}");
        }
        if !entry.evidence.is_empty() {
            let entries: Vec<String> = entry.evidence.iter().map(Evidence::yaml).collect();
            let _ = writeln!(out, "    evidence: [{}]", entries.join(", "));
        }
        if let Some(comment) = &entry.comment {
            let _ = writeln!(out, "    comment: {}", quoted(comment));
        }
    }
    out
}

/// A new period's answers file from the previous period's answers (SPEC §16, `dei init
/// --from` and a new assessment in `dei serve`): the organisation, goals, answers and evidence
/// carried over; the period and who assessed left empty to fill in. `checklist` is the new
/// period's checklist and `reference` how the new file names it; answers to items it does not
/// have are left out. Without [`MARKER`]: a file that a person then edits by hand.
pub fn from_previous(
    previous: &Answers,
    previous_checklist: &Checklist,
    checklist: &Checklist,
    reference: &str,
) -> String {
    let mut header = Header::of(previous, previous_checklist);
    reference.clone_into(&mut header.checklist);
    header.checklist_version = Some(checklist.version().to_owned());
    header.period = String::new();
    header.assessed_by = Vec::new();
    // A new period is answered and signed anew.
    header.answered_by = Vec::new();
    header.signed_by = Vec::new();
    header
        .goals
        .retain(|(section, _)| checklist.section_index(section).is_some());
    let entries: Vec<(String, OutEntry)> = entries_of(previous, previous_checklist)
        .into_iter()
        .filter(|(id, _)| checklist.item_index(id).is_some())
        .collect();
    let text = answers_yaml(&header, &entries);
    text.split_once('\n').map_or(text.clone(), |(_, rest)| {
        format!("# Answers of the previous period ({}), carried over by `dei init --from`: fill in the period and who assessed.\n{rest}", previous.period)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use dei_core::Source;
    use dei_core::library::builtin_text;

    /// A file with typed, dated evidence and `answered_by`/`signed_by`, read and written back
    /// as `dei serve` saves it, loses nothing; and a saved form keeps an unchanged entry's type.
    #[test]
    fn history_dates_are_utc_calendar_dates() {
        let at = |seconds: u64| {
            utc_minute(std::time::UNIX_EPOCH + std::time::Duration::from_secs(seconds))
        };
        assert_eq!(at(0), "1970-01-01 00:00");
        assert_eq!(at(951_782_400), "2000-02-29 00:00");
        assert_eq!(at(1_798_415_400), "2026-12-27 23:50");
    }

    #[test]
    fn typed_evidence_and_signatures_survive_a_save() {
        let checklist = Checklist::from_source(&Source::new(
            "dei-washing-selfcheck.yaml",
            builtin_text("dei-washing-selfcheck").expect("built in"),
        ))
        .expect("valid");
        let text = r#"checklist: dei-washing-selfcheck
organisation: {name: Example}
period: 2025
assessed_by: [HR lead]
answered_by: [Director]
signed_by: [Works council]
answers:
  substance.budget:
    value: "yes"
    evidence:
      - Plain entry
      - {text: "Budget 2025", type: minutes, date: 2025-03-12}
"#;
        let answers = Answers::from_source(&Source::new("a.yaml", text), &checklist).expect("ok");
        let written = answers_yaml(
            &Header::of(&answers, &checklist),
            &entries_of(&answers, &checklist),
        );
        let again = Answers::from_source(&Source::new("b.yaml", &written), &checklist).expect("ok");
        assert_eq!(again.entries(), answers.entries(), "{written}");
        assert_eq!(again.answered_by, ["Director"]);
        assert_eq!(again.signed_by, ["Works council"]);

        let saved = entries_of(&answers, &checklist)
            .into_iter()
            .find(|(id, _)| id == "substance.budget")
            .map(|(_, entry)| entry)
            .expect("saved");
        let question = dei_core::Questionnaire::new(&checklist, "en")
            .questions()
            .find(|question| question.id == "substance.budget")
            .cloned()
            .expect("question");
        let draft = crate::form::draft_of(&saved);
        assert_eq!(crate::form::entry(&draft, &question, Some(&saved)), saved);
    }
}
