//! The file system: the one module of the core that touches it.
//!
//! [`FsResolver`] plugs the disk into a [`Library`](crate::Library): it finds the checklist a
//! reference names, relative to the folder of the file naming it, and reads it with
//! [`read_source`] (size limit, ordinary files only, never blocking on a pipe). Every file
//! read is recorded (`note_read`) so that commands can refuse to write over any input
//! (`was_read`). The rest of the core works on [`Source`] text and is sans-IO.

use std::path::Path;

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::resolve::{Resolve, Resolved, Unresolved, joined};
use crate::source::{MAX_INPUT_BYTES, Source};

/// Finds and reads files on disk: the resolver of the command line and of `dei serve`.
///
/// A reference is a path relative to the folder of the file that names it (or to the working
/// folder when no file names it); its cache key is the canonical path, so two spellings of one
/// file are checked once.
#[derive(Clone, Copy, Debug, Default)]
pub struct FsResolver;

impl Resolve for FsResolver {
    fn read(&self, path: &Path) -> Result<Source, Diagnostics> {
        read_source(path)
    }

    fn resolve(&self, reference: &str, folder: Option<&Path>) -> Result<Resolved, Unresolved> {
        let path = joined(reference, folder);
        match read_source(&path) {
            Ok(source) => Ok(Resolved {
                key: path
                    .canonicalize()
                    .unwrap_or_else(|_| path.clone())
                    .display()
                    .to_string(),
                source,
                folder: path.parent().map(Path::to_path_buf),
            }),
            // Asked only once reading failed: a batch naming a file that exists pays nothing.
            Err(problems) if !path.exists() => Err(Unresolved::Missing(problems)),
            Err(problems)
                if problems
                    .0
                    .iter()
                    .any(|problem| problem.hint.as_deref() == Some(NOT_REGULAR_HINT)) =>
            {
                Err(Unresolved::Refused(problems))
            }
            Err(problems) => Err(Unresolved::Unreadable(problems)),
        }
    }
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
/// checked before opening (so that no device is opened, and no FIFO's writer woken), the file
/// is opened without blocking, and checked again on the open file, in case the path changed in
/// between.
pub fn read_source(path: &Path) -> Result<Source, Diagnostics> {
    read_identified(path, false).map(|(source, _)| source)
}

/// Reads like [`read_source`], and tells which file was read (from the `fstat` the reading
/// makes anyway), so a batch finds hard links without a `stat` of its own per file.
///
/// `listed_as_regular` says that a folder listing has just shown a regular file, not a link,
/// under this path: that is the check before opening, and the file is not looked up twice. The
/// check on the open file stays, so a file swapped for a pipe in between is still refused.
pub fn read_identified(
    path: &Path,
    listed_as_regular: bool,
) -> Result<(Source, Option<FileId>), Diagnostics> {
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
    if !listed_as_regular {
        let before = std::fs::metadata(path).map_err(|error| cannot_read(&error))?;
        if !before.is_file() {
            return Err(not_regular(&before));
        }
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
    let source = Source::from_bytes(name, bytes).map_err(Diagnostics::from)?;
    Ok((source, FileId::of(&metadata)))
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
