//! How a [`Library`](crate::Library) finds the files that references name.
//!
//! An answers file's `checklist:` and a tailoring's `tailors:` name a built-in checklist or a
//! file. The library answers built-in ids itself and asks its resolver for everything else, so
//! the core runs the same over the disk ([`FsResolver`](crate::fs::FsResolver)), a web form's
//! uploaded files or a test's texts ([`MemoryResolver`]). The resolver chooses the cache key:
//! two references that it resolves to one key share one checked checklist.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::source::Source;

/// Finds and reads the files a library needs (like minijinja's `set_loader`).
///
/// `Send + Sync` because a library, resolver included, is cloned into the threads of a batch.
pub trait Resolve: Send + Sync {
    /// Reads the file at `path`, such as one named on the command line, as a `Source` named
    /// by its path.
    fn read(&self, path: &Path) -> Result<Source, Diagnostics>;

    /// Finds the file `reference` names, relative to `folder`, the folder of the file that
    /// names it (`None` when no file names it). Built-in checklist ids never reach here unless
    /// they look like a path.
    fn resolve(&self, reference: &str, folder: Option<&Path>) -> Result<Resolved, Unresolved>;
}

/// A file a reference named.
#[derive(Debug)]
pub struct Resolved {
    /// The cache key: the same for every reference to this file, different for other files.
    pub key: String,
    /// The text, named as diagnostics should name the file.
    pub source: Source,
    /// The folder the file's own references are relative to.
    pub folder: Option<PathBuf>,
}

/// Why a reference names no file: the library words its problem for the file that named it.
#[derive(Debug)]
pub enum Unresolved {
    /// No file has this name: a reference that does not look like a path is reported as an
    /// unknown checklist id, any other with these problems.
    Missing(Diagnostics),
    /// The file exists but cannot be read; the library replaces the hint with one about the
    /// reference.
    Unreadable(Diagnostics),
    /// The file is refused for a reason its hint explains, such as not being an ordinary
    /// file; the hint stands.
    Refused(Diagnostics),
}

/// The path a reference names: relative to `folder` when there is one.
pub(crate) fn joined(reference: &str, folder: Option<&Path>) -> PathBuf {
    folder.map_or_else(|| PathBuf::from(reference), |folder| folder.join(reference))
}

/// The resolver of `Library::new`: it reads no file, so only built-in checklists and texts
/// given to the library are loaded.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct NoFiles;

impl NoFiles {
    fn refusal(path: &Path) -> Diagnostics {
        let name = path.display().to_string();
        Diagnostic::error(
            Code::Io,
            name.clone(),
            format!("cannot read `{name}`: this library reads no files"),
        )
        .with_hint("give the text of the file instead, or use a library with a resolver")
        .with_dutch(
            format!("kan `{name}` niet lezen: deze bibliotheek leest geen bestanden"),
            Some(
                "geef in plaats daarvan de tekst van het bestand, of gebruik een bibliotheek met een resolver"
                    .to_owned(),
            ),
        )
        .into()
    }
}

impl Resolve for NoFiles {
    fn read(&self, path: &Path) -> Result<Source, Diagnostics> {
        Err(Self::refusal(path))
    }

    fn resolve(&self, reference: &str, folder: Option<&Path>) -> Result<Resolved, Unresolved> {
        Err(Unresolved::Missing(Self::refusal(&joined(
            reference, folder,
        ))))
    }
}

/// Files held in memory, by name: a web form's uploads, or a test's texts. Names are paths
/// (`base.yaml`, `team/tailored.yaml`); a reference resolves relative to the folder of the
/// file naming it, with `.` and `..` taken away in the name, which is also the cache key.
#[derive(Clone, Debug, Default)]
pub struct MemoryResolver {
    files: HashMap<PathBuf, String>,
}

impl MemoryResolver {
    /// A resolver holding no files.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds (or replaces) the file `name` with `text`.
    #[must_use]
    pub fn with_file(mut self, name: impl AsRef<Path>, text: impl Into<String>) -> Self {
        self.files.insert(normal(name.as_ref()), text.into());
        self
    }
}

impl Resolve for MemoryResolver {
    fn read(&self, path: &Path) -> Result<Source, Diagnostics> {
        let path = normal(path);
        let name = path.display().to_string();
        match self.files.get(&path) {
            Some(text) => Source::from_bytes(name, text.clone().into_bytes()).map_err(Into::into),
            None => Err(no_such_file(&name)),
        }
    }

    fn resolve(&self, reference: &str, folder: Option<&Path>) -> Result<Resolved, Unresolved> {
        let path = normal(&joined(reference, folder));
        if !self.files.contains_key(&path) {
            return Err(Unresolved::Missing(no_such_file(
                &path.display().to_string(),
            )));
        }
        let source = self.read(&path).map_err(Unresolved::Unreadable)?;
        Ok(Resolved {
            key: path.display().to_string(),
            source,
            folder: path.parent().map(Path::to_path_buf),
        })
    }
}

/// The words of a missing file on disk (`fs::read_source`).
fn no_such_file(name: &str) -> Diagnostics {
    Diagnostic::error(
        Code::Io,
        name,
        format!("cannot read `{name}`: no such file"),
    )
    .with_hint("check the spelling of the path and that the file exists")
    .with_dutch(
        format!("kan `{name}` niet lezen: bestand bestaat niet"),
        Some("controleer of het pad goed gespeld is en of het bestand bestaat".to_owned()),
    )
    .into()
}

/// `path` without `.` and with each `..` taking away the name before it: in memory there are
/// no links, so this is the file's one name.
fn normal(path: &Path) -> PathBuf {
    let mut normal = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if matches!(normal.components().next_back(), Some(Component::Normal(_))) {
                    normal.pop();
                } else {
                    normal.push("..");
                }
            }
            other => normal.push(other),
        }
    }
    normal
}
