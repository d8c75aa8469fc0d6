//! Loading files: built-in checklists, definitions, tailorings and answers, through a
//! [`Library`]; telling a file's kind before loading it ([`file_kind`], [`probe`]).
//!
//! A `Library` answers built-in checklist ids itself and asks its resolver (see `resolve`)
//! for every other file, so it reads nothing itself. It caches every checklist it has checked,
//! so a batch of answers files on one checklist compiles its expressions once.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::answers::{Answers, Parts};
use crate::checklist::Checklist;
use crate::diagnostic::{Code, Diagnostic, Diagnostics, nearest};
use crate::fast;
use crate::raw::{RawAnswers, RawChecklist, RawFileKind, RawTailoring};
use crate::resolve::{NoFiles, Resolve, Resolved, Unresolved};
use crate::source::Source;
use crate::tailor::{self, Definition};
use crate::validate;

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

/// Loads and caches checklists; loads answers files against them.
///
/// A clone shares the checklists loaded so far (they are behind `Arc`s) and the resolver, so
/// threads of a batch can each start from one loaded library.
#[derive(Clone)]
pub struct Library {
    /// Finds the files that references name (see `resolve`).
    resolver: Arc<dyn Resolve>,
    /// Checked checklists by the key the resolver gave their file (or a built-in's key).
    cache: HashMap<String, Arc<Checklist>>,
    /// Checklists by the reference that named them, then the folder it was relative to: the
    /// answers files of a batch name the same checklist, and finding it here costs no file
    /// read, no path canonicalisation and no copy of a built-in text per file.
    found: HashMap<String, Found>,
}

impl Default for Library {
    fn default() -> Self {
        Self::with_resolver(NoFiles)
    }
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
    /// A library of the built-in checklists and of texts given to it: it reads no file, so a
    /// reference to a file is an unknown checklist. See `with_resolver`.
    pub fn new() -> Self {
        Self::default()
    }

    /// A library that finds the files references name, and those `load_file` and `answers`
    /// are given, through `resolver`: `dei_core::fs::FsResolver` for the disk, a
    /// `MemoryResolver` for texts held in memory.
    pub fn with_resolver(resolver: impl Resolve + 'static) -> Self {
        Self {
            resolver: Arc::new(resolver),
            cache: HashMap::new(),
            found: HashMap::new(),
        }
    }

    /// The checklist a reference names: a built-in id, or a path relative to `relative_to`.
    pub fn checklist(
        &mut self,
        reference: &str,
        relative_to: Option<&Path>,
    ) -> Result<Arc<Checklist>, Diagnostics> {
        self.checklist_in(reference, relative_to, &mut Vec::new(), None)
    }

    /// Loads any file, read by the resolver: a definition, a tailoring or an answers file,
    /// detected from its keys.
    pub fn load_file(&mut self, path: &Path) -> Result<Loaded, Diagnostics> {
        let source = self.resolver.read(path)?;
        self.load_source(&source, path.parent())
    }

    /// Loads text as any kind of file; `folder` resolves relative checklist paths.
    pub fn load_source(
        &mut self,
        source: &Source,
        folder: Option<&Path>,
    ) -> Result<Loaded, Diagnostics> {
        let probe = probe(source)?;
        match probe.kind {
            FileKind::Answers => {
                let (checklist, answers) = self.answers_parsed(source, probe.answers, folder)?;
                Ok(Loaded::Answers(checklist, Box::new(answers)))
            }
            // The kind is known: a definition needs no second probe.
            FileKind::Checklist => {
                let definition = Definition::plain(source.parse_all()?, source.clone());
                Ok(Loaded::Checklist(
                    FileKind::Checklist,
                    Arc::new(definition.finish()?),
                ))
            }
            FileKind::Tailoring => {
                let definition = self.definition_of(
                    source.clone(),
                    FileKind::Tailoring,
                    folder,
                    &mut Vec::new(),
                )?;
                Ok(Loaded::Checklist(
                    FileKind::Tailoring,
                    Arc::new(definition.finish()?),
                ))
            }
        }
    }

    /// Loads an answers file, read by the resolver, and the checklist it names.
    pub fn answers(&mut self, path: &Path) -> Result<(Arc<Checklist>, Answers), Diagnostics> {
        let source = self.resolver.read(path)?;
        self.answers_from_source(&source, path.parent())
    }

    /// Checks answers text; `folder` resolves a relative checklist path.
    pub fn answers_from_source(
        &mut self,
        source: &Source,
        folder: Option<&Path>,
    ) -> Result<(Arc<Checklist>, Answers), Diagnostics> {
        self.answers_parsed(source, None, folder)
    }

    /// `answers_from_source` for a source already probed: the answers parsed to tell its kind
    /// are not parsed again. A source that is not answers gets the problems it would there.
    pub fn answers_from_probe(
        &mut self,
        source: &Source,
        probe: Probe,
        folder: Option<&Path>,
    ) -> Result<(Arc<Checklist>, Answers), Diagnostics> {
        self.answers_parsed(source, probe.answers, folder)
    }

    /// Checks answers text, starting from the fast path's parse when there is one.
    fn answers_parsed(
        &mut self,
        source: &Source,
        parsed: Option<Parts>,
        folder: Option<&Path>,
    ) -> Result<(Arc<Checklist>, Answers), Diagnostics> {
        // The fast path (see `fast`): its result is used only when there is nothing to report.
        if let Some(raw) = parsed.or_else(|| fast::plain_answers(source))
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
        let (key, source, folder) = self.locate(reference, relative_to, referrer)?;
        let checklist = if let Some(checklist) = self.cache.get(&key) {
            Arc::clone(checklist)
        } else {
            let kind = checklist_kind(&key, &source)?;
            stack.push(key.clone());
            let definition = self.definition_of(source, kind, folder.as_deref(), stack)?;
            let checklist = Arc::new(definition.finish()?);
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
    /// The kind is known: finding it costs a parse of its own.
    fn definition_of(
        &self,
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
        let (key, base_source, base_folder) = self
            .locate(&raw.tailors.value, folder, Some(source.name()))
            .map_err(|mut problems| {
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
        let base = self.definition_of(base_source, base_kind, base_folder.as_deref(), stack)?;
        tailor::apply(base, raw, source)
    }

    /// Resolves a checklist reference to a cache key, its text and the folder it lives in:
    /// a built-in id here, anything else through the resolver.
    fn locate(
        &self,
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
        let (mut problems, keep_hint) = match self.resolver.resolve(reference, relative_to) {
            Ok(Resolved {
                key,
                source,
                folder,
            }) => return Ok((format!("{FILE_KEY}{key}"), source, folder)),
            Err(Unresolved::Missing(_)) if !looks_like_path => {
                return Err(unknown_checklist(reference, referrer));
            }
            Err(Unresolved::Missing(problems) | Unresolved::Unreadable(problems)) => {
                (problems, false)
            }
            Err(Unresolved::Refused(problems)) => (problems, true),
        };
        if let Some(referrer) = referrer {
            for problem in &mut problems.0 {
                if problem.code == Code::Io {
                    problem.code = Code::UnknownChecklist;
                    referrer.clone_into(&mut problem.file);
                    if keep_hint {
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
                    let path = std::mem::replace(&mut problem.file, referrer.to_owned());
                    problem.message =
                        format!("the checklist `{path}` is larger than the limit of 10 MiB");
                    problem.dutch = Some(Box::new((
                        format!("de vragenlijst `{path}` is groter dan de grens van 10 MiB"),
                        problem.dutch.as_ref().and_then(|dutch| dutch.1.clone()),
                    )));
                }
            }
        }
        Err(problems)
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
        if let Some(raw) = fast::plain_answers(source)
            && let Ok(answers) = Answers::check_parts(raw, source, checklist)
            && answers.warnings.is_empty()
        {
            return Ok(answers);
        }
        let raw: RawAnswers = source.parse_all()?;
        Answers::check(raw, source, checklist)
    }
}

/// What `probe` found: a file's kind and, for answers, what was parsed to tell it.
pub struct Probe {
    kind: FileKind,
    /// The answers as parsed on the fast path (see `fast`), handed on to
    /// `Library::answers_from_probe` so that a batch parses each file once.
    answers: Option<Parts>,
}

impl Probe {
    /// The kind of the file.
    pub fn kind(&self) -> FileKind {
        self.kind
    }
}

impl std::fmt::Debug for Probe {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Probe")
            .field("kind", &self.kind)
            .finish_non_exhaustive()
    }
}

/// Tells a definition, a tailoring and an answers file apart by their keys.
pub fn file_kind(source: &Source) -> Result<FileKind, Diagnostics> {
    probe(source).map(|probe| probe.kind)
}

/// `file_kind`, keeping the parse of an answers file for `Library::answers_from_probe`.
pub fn probe(source: &Source) -> Result<Probe, Diagnostics> {
    // Most files asked about are answers files, about to be loaded: one that parses as answers
    // on the fast path is one, and its parse is kept (see `fast`). Checklists and tailorings
    // fail that parse at their first key, at once.
    if let Some(raw) = fast::plain_answers(source) {
        return Ok(Probe {
            kind: FileKind::Answers,
            answers: Some(raw),
        });
    }
    let probe: RawFileKind = source.parse_all()?;
    let kind = |kind| {
        Ok(Probe {
            kind,
            answers: None,
        })
    };
    if probe.tailors.is_some() {
        kind(FileKind::Tailoring)
    } else if probe.answers.is_some() || probe.checklist.is_some() {
        kind(FileKind::Answers)
    } else if probe.sections.is_some() {
        kind(FileKind::Checklist)
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

/// How `locate` marks the cache key of a file from the resolver, so that no key a resolver
/// chooses can be taken for a built-in one.
const FILE_KEY: &str = "file:";

/// The problem of a reference that is no built-in id and names no file.
fn unknown_checklist(reference: &str, referrer: Option<&str>) -> Diagnostics {
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
    Diagnostic::error(
        Code::UnknownChecklist,
        referrer.unwrap_or(reference),
        format!("there is no built-in checklist `{reference}` and no file of that name"),
    )
    .with_hint(hint)
    .with_dutch(
        format!("er is geen ingebouwde vragenlijst `{reference}` en geen bestand met die naam"),
        Some(hint_nl),
    )
    .into()
}

/// The ids of the built-in checklists, for hints.
fn builtin_ids() -> String {
    BUILTIN
        .iter()
        .map(|(id, _)| *id)
        .collect::<Vec<_>>()
        .join(", ")
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
