//! Finding and loading files: built-in checklists, definitions, tailorings and answers.
//!
//! The only module of the core that reads files. A `Library` caches every checklist it has
//! checked, so a batch of answers files on one checklist compiles its expressions once.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::answers::Answers;
use crate::checklist::{BaseChecklist, Checklist};
use crate::diagnostic::{Code, Diagnostic, Diagnostics, nearest};
use crate::fast;
use crate::raw::{RawAnswers, RawChecklist, RawFileKind, RawTailoring};
use crate::source::{MAX_INPUT_BYTES, Source};
use crate::tailor;
use crate::validate::{self, Exclusion};

include!(concat!(env!("OUT_DIR"), "/builtin.rs"));

/// What a file turned out to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// A checklist definition.
    Checklist,
    /// A tailoring of another checklist.
    Tailoring,
    /// An answers file.
    Answers,
}

/// A file loaded and checked.
#[derive(Debug)]
pub enum Loaded {
    /// A definition or a tailoring, as the checked checklist.
    Checklist(FileKind, Arc<Checklist>),
    /// An answers file with the checklist it names.
    Answers(Arc<Checklist>, Box<Answers>),
}

/// A raw definition ready for validation, with the sources its parts came from.
pub(crate) struct Definition {
    pub raw: RawChecklist,
    pub sources: Vec<Source>,
    pub excluded: HashMap<String, Exclusion>,
    pub tailoring: Option<TailoringHeader>,
}

impl Definition {
    /// A definition that is not a tailoring.
    fn plain(raw: RawChecklist, source: Source) -> Self {
        Definition {
            raw,
            sources: vec![source],
            excluded: HashMap::new(),
            tailoring: None,
        }
    }
}

/// What a tailoring sets on the checklist it produces.
pub(crate) struct TailoringHeader {
    pub id: String,
    pub version: String,
    pub title: Option<crate::text::Text>,
    pub description: Option<crate::text::Text>,
    pub base: BaseChecklist,
}

/// Loads and caches checklists; loads answers files against them.
///
/// A clone shares the checklists loaded so far (they are behind `Arc`s), so threads of a
/// batch can each start from one loaded library.
#[derive(Clone, Default)]
pub struct Library {
    cache: HashMap<String, Arc<Checklist>>,
    /// Checklists by the reference that named them, then the folder it was relative to: the
    /// answers files of a batch name the same checklist, and finding it here costs no file
    /// read, no path canonicalisation and no copy of a built-in text per file.
    found: HashMap<String, Found>,
}

/// The checklists one reference named, by the folder it was relative to.
#[derive(Clone, Default)]
struct Found {
    without_folder: Option<Arc<Checklist>>,
    by_folder: HashMap<PathBuf, Arc<Checklist>>,
}

impl Found {
    fn get(&self, folder: Option<&Path>) -> Option<&Arc<Checklist>> {
        match folder {
            None => self.without_folder.as_ref(),
            Some(folder) => self.by_folder.get(folder),
        }
    }

    fn insert(&mut self, folder: Option<&Path>, checklist: Arc<Checklist>) {
        match folder {
            None => self.without_folder = Some(checklist),
            Some(folder) => {
                self.by_folder.insert(folder.to_path_buf(), checklist);
            }
        }
    }
}

/// The built-in checklists as (id, YAML text).
pub fn builtin_checklists() -> &'static [(&'static str, &'static str)] {
    BUILTIN
}

/// The YAML text of a built-in checklist.
pub fn builtin_text(id: &str) -> Option<&'static str> {
    BUILTIN
        .iter()
        .find(|(name, _)| *name == id)
        .map(|(_, text)| *text)
}

impl Library {
    /// An empty library.
    pub fn new() -> Self {
        Self::default()
    }

    /// The checklist a reference names: a built-in id, or a path relative to `relative_to`.
    pub fn checklist(
        &mut self,
        reference: &str,
        relative_to: Option<&Path>,
    ) -> Result<Arc<Checklist>, Diagnostics> {
        self.checklist_in(reference, relative_to, &mut Vec::new(), None)
    }

    /// Loads any file: a definition, a tailoring or an answers file, detected from its keys.
    pub fn load_file(&mut self, path: &Path) -> Result<Loaded, Diagnostics> {
        let source = read_source(path)?;
        self.load_source(&source, path.parent())
    }

    /// Loads text as any kind of file; `folder` resolves relative checklist paths.
    pub fn load_source(
        &mut self,
        source: &Source,
        folder: Option<&Path>,
    ) -> Result<Loaded, Diagnostics> {
        match file_kind(source)? {
            FileKind::Answers => {
                let (checklist, answers) = self.answers_from_source(source, folder)?;
                Ok(Loaded::Answers(checklist, Box::new(answers)))
            }
            // The kind is known: a definition needs no second probe.
            FileKind::Checklist => {
                let definition = Definition::plain(source.parse_all()?, source.clone());
                Ok(Loaded::Checklist(
                    FileKind::Checklist,
                    Arc::new(finish(definition)?),
                ))
            }
            FileKind::Tailoring => {
                let definition = Self::definition(source.clone(), folder, &mut Vec::new())?;
                Ok(Loaded::Checklist(
                    FileKind::Tailoring,
                    Arc::new(finish(definition)?),
                ))
            }
        }
    }

    /// Loads an answers file and the checklist it names.
    pub fn answers(&mut self, path: &Path) -> Result<(Arc<Checklist>, Answers), Diagnostics> {
        let source = read_source(path)?;
        self.answers_from_source(&source, path.parent())
    }

    /// Checks answers text; `folder` resolves a relative checklist path.
    pub fn answers_from_source(
        &mut self,
        source: &Source,
        folder: Option<&Path>,
    ) -> Result<(Arc<Checklist>, Answers), Diagnostics> {
        // The fast path (see `fast`): its result is used only when there is nothing to report.
        if let Some(raw) = source
            .take_plain_answers()
            .or_else(|| fast::plain_answers(source))
            && let Ok(checklist) = self.checklist_in(
                &raw.checklist.value,
                folder,
                &mut Vec::new(),
                Some(source.name()),
            )
            && let Ok(answers) = Answers::check_parts(raw, source, &checklist)
            && answers.warnings.is_empty()
        {
            return Ok((checklist, answers));
        }
        let raw: RawAnswers = source.parse_all()?;
        let reference = &raw.checklist;
        let checklist = self
            .checklist_in(
                &reference.value,
                folder,
                &mut Vec::new(),
                Some(source.name()),
            )
            .map_err(|mut problems| {
                for problem in &mut problems.0 {
                    if matches!(problem.code, Code::UnknownChecklist | Code::FileTooLarge)
                        && problem.line.is_none()
                    {
                        *problem = problem.clone().at(
                            source,
                            reference.referenced.line(),
                            reference.referenced.column(),
                        );
                        source.name().clone_into(&mut problem.file);
                    }
                }
                problems
            })?;
        let answers = Answers::check(raw, source, &checklist)?;
        Ok((checklist, answers))
    }

    fn checklist_in(
        &mut self,
        reference: &str,
        relative_to: Option<&Path>,
        stack: &mut Vec<String>,
        referrer: Option<&str>,
    ) -> Result<Arc<Checklist>, Diagnostics> {
        if let Some(checklist) = self
            .found
            .get(reference)
            .and_then(|found| found.get(relative_to))
        {
            return Ok(Arc::clone(checklist));
        }
        let (key, source, folder) = locate(reference, relative_to, referrer)?;
        let checklist = if let Some(checklist) = self.cache.get(&key) {
            Arc::clone(checklist)
        } else {
            let kind = checklist_kind(&key, &source)?;
            stack.push(key.clone());
            let definition = Self::definition_of(source, kind, folder.as_deref(), stack)?;
            let checklist = Arc::new(finish(definition)?);
            self.cache.insert(key, Arc::clone(&checklist));
            checklist
        };
        self.found
            .entry(reference.to_owned())
            .or_default()
            .insert(relative_to, Arc::clone(&checklist));
        Ok(checklist)
    }

    /// Parses a definition, or a tailoring merged onto its base, without validating it yet.
    pub(crate) fn definition(
        source: Source,
        folder: Option<&Path>,
        stack: &mut Vec<String>,
    ) -> Result<Definition, Diagnostics> {
        let kind = file_kind(&source)?;
        Self::definition_of(source, kind, folder, stack)
    }

    /// `definition` for a source whose kind is known: the kind costs a parse of its own.
    fn definition_of(
        source: Source,
        kind: FileKind,
        folder: Option<&Path>,
        stack: &mut Vec<String>,
    ) -> Result<Definition, Diagnostics> {
        if kind != FileKind::Tailoring {
            let raw: RawChecklist = source.parse_all()?;
            return Ok(Definition::plain(raw, source));
        }
        let raw: RawTailoring = source.parse_all()?;
        let (key, base_source, base_folder) =
            locate(&raw.tailors.value, folder, Some(source.name())).map_err(|mut problems| {
                for problem in &mut problems.0 {
                    if problem.line.is_none() {
                        *problem = problem.clone().at(
                            &source,
                            raw.tailors.referenced.line(),
                            raw.tailors.referenced.column(),
                        );
                        source.name().clone_into(&mut problem.file);
                    }
                }
                problems
            })?;
        if stack.len() >= MAX_TAILORING_DEPTH {
            return Err(Diagnostic::error(
                Code::ChecklistCycle,
                source.name(),
                format!(
                    "`{}` is the end of a chain of more than {MAX_TAILORING_DEPTH} tailorings, each tailoring the next",
                    source.name()
                ),
            )
            .at(
                &source,
                raw.tailors.referenced.line(),
                raw.tailors.referenced.column(),
            )
            .with_hint("tailor a checklist directly, or merge the tailorings in the chain into one")
            .with_dutch(
                format!(
                    "`{}` is het einde van een keten van meer dan {MAX_TAILORING_DEPTH} aanpassingen die elk de volgende aanpassen",
                    source.name()
                ),
                Some("pas een vragenlijst direct aan, of voeg de aanpassingen in de keten samen tot één".to_owned()),
            )
            .into());
        }
        if stack.contains(&key) {
            return Err(Diagnostic::error(
                Code::ChecklistCycle,
                source.name(),
                format!(
                    "`{}` tailors itself, directly or through other tailorings",
                    source.name()
                ),
            )
            .at(
                &source,
                raw.tailors.referenced.line(),
                raw.tailors.referenced.column(),
            )
            .with_hint("`tailors` must name a different checklist, such as `ngo-dei`")
            .with_dutch(
                format!(
                    "`{}` past zichzelf aan, direct of via andere aanpassingen",
                    source.name()
                ),
                Some("`tailors` moet een andere vragenlijst noemen, zoals `ngo-dei`".to_owned()),
            )
            .into());
        }
        let base_kind = checklist_kind(&key, &base_source).map_err(|mut problems| {
            // Point at the `tailors:` line that names the wrong file.
            for problem in &mut problems.0 {
                if problem.code == Code::UnknownChecklist && problem.line.is_none() {
                    *problem = problem.clone().at(
                        &source,
                        raw.tailors.referenced.line(),
                        raw.tailors.referenced.column(),
                    );
                    source.name().clone_into(&mut problem.file);
                }
            }
            problems
        })?;
        stack.push(key);
        let base = Self::definition_of(base_source, base_kind, base_folder.as_deref(), stack)?;
        tailor::apply(base, raw, source)
    }
}

impl Checklist {
    /// Checks a checklist definition given as text (no tailoring: a tailoring needs a
    /// `Library` to find its base).
    pub fn from_source(source: &Source) -> Result<Self, Diagnostics> {
        let raw: RawChecklist = source.parse_all()?;
        validate::validate(raw, std::slice::from_ref(source), &HashMap::new())
    }
}

impl Answers {
    /// Parses and checks answers text against `checklist`, whatever checklist the file names.
    pub fn from_source(source: &Source, checklist: &Checklist) -> Result<Self, Diagnostics> {
        // The fast path (see `fast`): its result is used only when there is nothing to report.
        if let Some(raw) = source
            .take_plain_answers()
            .or_else(|| fast::plain_answers(source))
            && let Ok(answers) = Answers::check_parts(raw, source, checklist)
            && answers.warnings.is_empty()
        {
            return Ok(answers);
        }
        let raw: RawAnswers = source.parse_all()?;
        Answers::check(raw, source, checklist)
    }
}

/// Validates a definition and applies a tailoring's header.
fn finish(definition: Definition) -> Result<Checklist, Diagnostics> {
    let mut checklist =
        validate::validate(definition.raw, &definition.sources, &definition.excluded)?;
    if let Some(header) = definition.tailoring {
        checklist.id = header.id;
        checklist.version = header.version;
        if let Some(title) = header.title {
            checklist.title = title;
        }
        if header.description.is_some() {
            checklist.description = header.description;
        }
        checklist.base = Some(header.base);
    }
    Ok(checklist)
}

/// Tells a definition, a tailoring and an answers file apart by their keys.
pub fn file_kind(source: &Source) -> Result<FileKind, Diagnostics> {
    // Most files asked about are answers files, about to be loaded: one that parses as answers
    // on the fast path is one, and keeps its parse for `answers_from_source` (see `fast`).
    // Checklists and tailorings fail that parse at their first key, at once.
    if let Some(raw) = fast::plain_answers(source) {
        source.keep_plain_answers(raw);
        return Ok(FileKind::Answers);
    }
    let probe: RawFileKind = source.parse_all()?;
    if probe.tailors.is_some() {
        Ok(FileKind::Tailoring)
    } else if probe.answers.is_some() || probe.checklist.is_some() {
        Ok(FileKind::Answers)
    } else if probe.sections.is_some() {
        Ok(FileKind::Checklist)
    } else {
        Err(Diagnostic::error(
            Code::UnknownFileKind,
            source.name(),
            "this is neither a checklist, a tailoring nor an answers file",
        )
        .with_hint("a checklist has `sections:`, a tailoring has `tailors:`, an answers file has `checklist:` and `answers:`")
        .with_dutch(
            "dit is geen vragenlijst, aanpassing of antwoordbestand",
            Some("een vragenlijst heeft `sections:`, een aanpassing `tailors:`, een antwoordbestand `checklist:` en `answers:`".to_owned()),
        )
        .into())
    }
}

/// The kind of a file about to be read as a checklist, refusing an answers file. `key` is the
/// cache key from `locate`: the built-in texts are definitions (a test below pins it), so they
/// are not parsed once more just to tell.
fn checklist_kind(key: &str, source: &Source) -> Result<FileKind, Diagnostics> {
    if key.starts_with(BUILTIN_KEY) {
        return Ok(FileKind::Checklist);
    }
    if !source.shows_lines() {
        // Not even parsed: a file such as `/etc/passwd` is refused without a word of it.
        return Err(Diagnostic::error(
            Code::UnknownChecklist,
            source.name(),
            format!(
                "`{}` is not a checklist or a tailoring (it has none of their keys)",
                source.name()
            ),
        )
        .with_hint("name a checklist definition or a tailoring here, such as `ngo-dei`")
        .with_dutch(
            format!(
                "`{}` is geen vragenlijst of aanpassing (het heeft geen van hun sleutels)",
                source.name()
            ),
            Some("noem hier een vragenlijst of een aanpassing, zoals `ngo-dei`".to_owned()),
        )
        .into());
    }
    let kind = file_kind(source)?;
    if kind == FileKind::Answers {
        return Err(Diagnostic::error(
            Code::UnknownChecklist,
            source.name(),
            format!("`{}` is an answers file, not a checklist", source.name()),
        )
        .with_hint("name a checklist definition or a tailoring here, such as `ngo-dei`, not an answers file")
        .with_dutch(
            format!("`{}` is een antwoordbestand, geen vragenlijst", source.name()),
            Some("noem hier een vragenlijst of een aanpassing, zoals `ngo-dei`, geen antwoordbestand".to_owned()),
        )
        .into());
    }
    Ok(kind)
}

/// The longest chain of tailorings (a tailoring of a tailoring of …) that is followed; a
/// longer one is refused with a clear error instead of exhausting the stack. Real chains have
/// one or two links.
pub const MAX_TAILORING_DEPTH: usize = 16;

/// How `locate` keys the cache entry of a built-in checklist.
const BUILTIN_KEY: &str = "builtin:";

/// Resolves a checklist reference to a cache key, its text and the folder it lives in.
fn locate(
    reference: &str,
    relative_to: Option<&Path>,
    referrer: Option<&str>,
) -> Result<(String, Source, Option<PathBuf>), Diagnostics> {
    let looks_like_path = reference.contains(['/', '\\'])
        || Path::new(reference).extension().is_some_and(|extension| {
            ["yaml", "yml", "json"]
                .iter()
                .any(|known| extension.eq_ignore_ascii_case(known))
        });
    if !looks_like_path && let Some(text) = builtin_text(reference) {
        return Ok((
            format!("{BUILTIN_KEY}{reference}"),
            Source::new(format!("<built-in {reference}>"), text),
            None,
        ));
    }
    let path =
        relative_to.map_or_else(|| PathBuf::from(reference), |folder| folder.join(reference));
    if !looks_like_path && !path.exists() {
        let (hint, hint_nl) = match nearest(reference, BUILTIN.iter().map(|(id, _)| *id)) {
            Some(near) => (
                format!("did you mean `{near}`?"),
                format!("bedoelt u `{near}`?"),
            ),
            None => (
                format!(
                    "name a built-in checklist ({}) or a path to a checklist file",
                    builtin_ids()
                ),
                format!(
                    "noem een ingebouwde vragenlijst ({}) of het pad van een vragenlijst",
                    builtin_ids()
                ),
            ),
        };
        return Err(Diagnostic::error(
            Code::UnknownChecklist,
            referrer.unwrap_or(reference),
            format!("there is no built-in checklist `{reference}` and no file of that name"),
        )
        .with_hint(hint)
        .with_dutch(
            format!("er is geen ingebouwde vragenlijst `{reference}` en geen bestand met die naam"),
            Some(hint_nl),
        )
        .into());
    }
    let source = read_source(&path).map_err(|mut problems| {
        if let Some(referrer) = referrer {
            for problem in &mut problems.0 {
                if problem.code == Code::Io {
                    problem.code = Code::UnknownChecklist;
                    referrer.clone_into(&mut problem.file);
                    if problem.hint.as_deref() == Some(NOT_REGULAR_HINT) {
                        continue;
                    }
                    problem.hint = Some(format!(
                        "a path here is relative to the folder of `{referrer}`; check the spelling, or name a built-in checklist ({})",
                        builtin_ids()
                    ));
                    if let Some(dutch) = &mut problem.dutch {
                        dutch.1 = Some(format!(
                            "een pad hier is relatief aan de map van `{referrer}`; controleer de spelling, of noem een ingebouwde vragenlijst ({})",
                            builtin_ids()
                        ));
                    }
                } else if problem.code == Code::FileTooLarge {
                    // Name the file that refers to it: the user may not know it reads this one.
                    problem.message = format!(
                        "the checklist `{}` is larger than the limit of 10 MiB",
                        path.display()
                    );
                    problem.dutch = Some(Box::new((
                        format!(
                            "de vragenlijst `{}` is groter dan de grens van 10 MiB",
                            path.display()
                        ),
                        problem.dutch.as_ref().and_then(|dutch| dutch.1.clone()),
                    )));
                    referrer.clone_into(&mut problem.file);
                }
            }
        }
        problems
    })?;
    let key = path
        .canonicalize()
        .unwrap_or(path.clone())
        .display()
        .to_string();
    Ok((key, source, path.parent().map(Path::to_path_buf)))
}

/// The ids of the built-in checklists, for hints.
fn builtin_ids() -> String {
    BUILTIN
        .iter()
        .map(|(id, _)| *id)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The identity of a file: its device and inode numbers, the same whatever path, symbolic
/// link or hard link names it. Commands compare an output file's identity with those of every
/// file they read (`was_read`), so no input is ever overwritten, by any name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FileId {
    device: u64,
    inode: u64,
}

impl FileId {
    /// The identity of the file described by `metadata`; `None` where the platform has none.
    pub fn of(metadata: &std::fs::Metadata) -> Option<Self> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt as _;
            Some(Self {
                device: metadata.dev(),
                inode: metadata.ino(),
            })
        }
        #[cfg(not(unix))]
        {
            let _ = metadata;
            None
        }
    }
}

/// Every file read so far by this process (`read_source`, and templates through `note_read`).
///
/// Process-wide on purpose: a command reads files in many places (answers, checklists,
/// tailorings and their bases, benchmark files, templates), and the one question asked of
/// this set, "was this output file an input?", must cover all of them, including readers added
/// later. It holds two numbers per distinct file.
static READ: std::sync::LazyLock<std::sync::Mutex<std::collections::HashSet<FileId>>> =
    std::sync::LazyLock::new(Default::default);

/// Records that the file described by `metadata` was read.
pub fn note_read(metadata: &std::fs::Metadata) {
    if let Some(id) = FileId::of(metadata)
        && let Ok(mut read) = READ.lock()
    {
        read.insert(id);
    }
}

/// True when the file described by `metadata` was read by this process.
pub fn was_read(metadata: &std::fs::Metadata) -> bool {
    FileId::of(metadata).is_some_and(|id| READ.lock().is_ok_and(|read| read.contains(&id)))
}

/// Reads a file with the size limit, as a `Source` named by its path.
///
/// Only regular files are read: a pipe, a device (`/dev/stdin`, `/dev/zero`), a socket or a
/// system file such as `/proc/self/environ` is refused without waiting on it. The type is
/// checked before opening (opening a FIFO would block until a writer comes), the file is opened
/// without blocking, and checked again on the open file, in case the path changed in between.
pub fn read_source(path: &Path) -> Result<Source, Diagnostics> {
    let name = path.display().to_string();
    let io_error = |message: [String; 2], hint: [&str; 2]| {
        let [message, dutch] = message;
        Diagnostics::from(
            Diagnostic::error(Code::Io, name.clone(), message)
                .with_hint(hint[0])
                .with_dutch(dutch, Some(hint[1].to_owned())),
        )
    };
    let cannot_read = |error: &std::io::Error| {
        let hint = if error.kind() == std::io::ErrorKind::NotFound {
            [
                "check the spelling of the path and that the file exists",
                "controleer of het pad goed gespeld is en of het bestand bestaat",
            ]
        } else {
            [
                "check that the file can be read",
                "controleer of het bestand gelezen kan worden",
            ]
        };
        let (english, dutch) = plain_io_error(error);
        io_error(
            [
                format!("cannot read `{name}`: {english}"),
                format!("kan `{name}` niet lezen: {dutch}"),
            ],
            hint,
        )
    };
    let not_regular = |metadata: &std::fs::Metadata| {
        if metadata.is_dir() {
            io_error(
                [
                    format!("`{name}` is a folder, not a file"),
                    format!("`{name}` is een map, geen bestand"),
                ],
                [
                    "name a file inside the folder",
                    "noem een bestand in de map",
                ],
            )
        } else {
            io_error(
                [
                    format!(
                        "`{name}` is not an ordinary file (it is a device, a pipe, a socket or a system file)"
                    ),
                    format!(
                        "`{name}` is geen gewoon bestand (het is een apparaat, een pijp, een socket of een systeembestand)"
                    ),
                ],
                [NOT_REGULAR_HINT, NOT_REGULAR_HINT_NL],
            )
        }
    };
    let before = std::fs::metadata(path).map_err(|error| cannot_read(&error))?;
    if !before.is_file() {
        return Err(not_regular(&before));
    }
    let file = open_without_blocking(path).map_err(|error| cannot_read(&error))?;
    let metadata = file.metadata().map_err(|error| cannot_read(&error))?;
    if !metadata.is_file() {
        return Err(not_regular(&metadata));
    }
    if metadata.len() > MAX_INPUT_BYTES as u64 {
        return Err(Diagnostic::error(
            Code::FileTooLarge,
            name,
            format!(
                "the file is {} bytes, over the limit of 10 MiB",
                metadata.len()
            ),
        )
        .with_hint("split the file, or check that it is the file you meant")
        .with_dutch(
            format!(
                "het bestand is {} bytes, meer dan de grens van 10 MiB",
                metadata.len()
            ),
            Some(
                "verdeel het bestand, of controleer of het het bestand is dat u bedoelt".to_owned(),
            ),
        )
        .into());
    }
    let bytes = if metadata.len() > 0 {
        // A plain file is read as long as it was when opened: no extra read to find its end.
        read_exactly(file, metadata.len())
    } else {
        // An ordinary file that says it is empty is. A system file (`/proc`, `/sys`) says so
        // too and then has content: it is not one of ours, and may hold secrets.
        read_at_most(file, 1, 0)
    }
    .map_err(|error| cannot_read(&error))?;
    if metadata.len() == 0 && !bytes.is_empty() {
        return Err(not_regular(&metadata));
    }
    note_read(&metadata);
    Source::from_bytes(name, bytes).map_err(Diagnostics::from)
}

const NOT_REGULAR_HINT: &str = "dei reads checklists, tailorings, answers, benchmarks and templates only from ordinary files: save the content to a file and name that file";
const NOT_REGULAR_HINT_NL: &str = "dei leest vragenlijsten, aanpassingen, antwoorden, benchmarks en sjablonen alleen uit gewone bestanden: sla de inhoud op in een bestand en noem dat bestand";

/// Opens a file for reading without blocking on a FIFO that has no writer.
fn open_without_blocking(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// Reads up to `limit` bytes of a file, into a buffer sized for the `expected` length (as the
/// file system reports it; a device may report 0): one read and no reallocation for a file.
fn read_exactly(mut file: std::fs::File, length: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read as _;
    let mut bytes = vec![0; usize::try_from(length).unwrap_or(usize::MAX)];
    file.read_exact(&mut bytes)?;
    Ok(bytes)
}

fn read_at_most(file: std::fs::File, limit: u64, expected: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read as _;
    let capacity = usize::try_from(expected.min(limit)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity.saturating_add(1));
    file.take(limit).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// What went wrong with a file, in English and in Dutch: the one translation of the system's
/// input/output errors, for reading here and for writing in the command line. Rare errors keep
/// the system's own words, marked as such in Dutch.
pub fn plain_io_error(error: &std::io::Error) -> (String, String) {
    use std::io::ErrorKind;
    let words = |english: &str, dutch: &str| (english.to_owned(), dutch.to_owned());
    #[cfg(unix)]
    if error.raw_os_error() == Some(libc::ELOOP) {
        return words(
            "too many levels of symbolic links",
            "te veel symbolische koppelingen achter elkaar",
        );
    }
    match error.kind() {
        ErrorKind::NotFound => words("no such file", "bestand bestaat niet"),
        ErrorKind::PermissionDenied => words("permission denied", "geen toestemming"),
        ErrorKind::IsADirectory => words("it is a folder", "het is een map"),
        ErrorKind::NotADirectory => words(
            "a part of the path is not a folder",
            "een deel van het pad is geen map",
        ),
        ErrorKind::ReadOnlyFilesystem => words(
            "the disk can only be read, not written",
            "de schijf kan alleen gelezen worden, niet beschreven",
        ),
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => {
            words("the disk is full", "de schijf is vol")
        }
        ErrorKind::FileTooLarge => words("the file is too large", "het bestand is te groot"),
        ErrorKind::InvalidFilename => words(
            "the file name is not allowed here",
            "de bestandsnaam is hier niet toegestaan",
        ),
        ErrorKind::AlreadyExists => words("the file already exists", "het bestand bestaat al"),
        // Writing into a pipe whose reader has gone, or that no program reads.
        ErrorKind::BrokenPipe => words(
            "no program is reading from this pipe",
            "geen programma leest uit deze pijp",
        ),
        _ => (
            error.to_string(),
            format!("melding van het systeem: `{error}`"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `checklist_kind` trusts the built-in texts to be definitions; this keeps it true.
    #[test]
    fn every_builtin_text_is_a_definition() {
        for (id, text) in builtin_checklists() {
            let kind = file_kind(&Source::new(*id, *text));
            assert!(matches!(kind, Ok(FileKind::Checklist)), "{id}: {kind:?}");
        }
    }
}
