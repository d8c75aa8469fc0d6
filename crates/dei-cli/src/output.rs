//! Writing results and reporting failures: atomic files, exit codes, diagnostics on stderr.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use dei_core::{Code, Diagnostics};

/// Exit code: the input is invalid (every problem was listed).
pub const EXIT_INVALID: u8 = 1;
/// Exit code: a file could not be read or written.
pub const EXIT_IO: u8 = 3;

/// Why a command failed.
#[derive(Debug)]
pub enum Failure {
    /// Problems in the input.
    Invalid(Diagnostics),
    /// A file could not be read or written: what happened, in English and in Dutch (the
    /// run's language picks one when it is printed).
    Io {
        /// The message in English.
        english: String,
        /// The message in Dutch.
        dutch: String,
    },
}

impl From<Diagnostics> for Failure {
    fn from(problems: Diagnostics) -> Self {
        Failure::Invalid(problems)
    }
}

impl Failure {
    /// An input/output failure, said in English and in Dutch.
    pub fn io(english: impl Into<String>, dutch: impl Into<String>) -> Self {
        Failure::Io {
            english: english.into(),
            dutch: dutch.into(),
        }
    }

    /// An input/output failure on `path`: "cannot VERB `path`: why", with the verb in English
    /// and in Dutch (`["write", "schrijven"]`) and the why in the words of
    /// `dei_core::fs::plain_io_error`.
    pub fn io_error(verb: [&str; 2], path: &Path, error: &std::io::Error) -> Self {
        let (why, waarom) = dei_core::fs::plain_io_error(error);
        let [verb, werkwoord] = verb;
        let path = path.display();
        Failure::io(
            format!("cannot {verb} `{path}`: {why}"),
            format!("kan `{path}` niet {werkwoord}: {waarom}"),
        )
    }

    /// Prints the failure on stderr and returns its exit code.
    pub fn report(self) -> ExitCode {
        match self {
            Failure::Invalid(problems) => {
                print_diagnostics(&problems);
                ExitCode::from(exit_code_for(&problems))
            }
            Failure::Io { english, dutch } => {
                let message = match crate::words::current() {
                    dei_report::Lang::En => english,
                    dei_report::Lang::Nl => dutch,
                };
                eprintln!(
                    "{}: {}",
                    crate::words::io_error(),
                    dei_core::visible::visible(&message)
                );
                ExitCode::from(EXIT_IO)
            }
        }
    }
}

/// 3 when a file could not be read at all, otherwise 1.
pub fn exit_code_for(problems: &Diagnostics) -> u8 {
    if problems.errors().any(|d| d.code == Code::Io) {
        EXIT_IO
    } else {
        EXIT_INVALID
    }
}

/// Prints every problem, then a one-line count.
pub fn print_diagnostics(problems: &Diagnostics) {
    let mut stderr = std::io::stderr().lock();
    for problem in &problems.0 {
        let _ = writeln!(
            stderr,
            "{}",
            problem.render_in(crate::words::current().code())
        );
    }
    // A file with syntax errors is not checked further (see `Source::parse_all`): say so, or
    // the user takes the list for all there is to fix.
    if problems
        .errors()
        .any(|problem| problem.code == Code::Syntax)
    {
        let _ = writeln!(stderr, "{}", crate::words::layout_first());
    }
    let errors = problems.errors().count();
    let warnings = problems.warnings().count();
    let _ = writeln!(stderr, "{}", count_line(errors, warnings));
}

/// "2 errors, 1 warning", in the run's language.
pub fn count_line(errors: usize, warnings: usize) -> String {
    crate::words::count_line(errors, warnings)
}

/// Writes `content` to `path`, or to stdout when `path` is `None` (see [`write_unless_input`]).
pub fn write_output(
    path: Option<&Path>,
    content: &[u8],
    inputs: &[PathBuf],
) -> Result<(), Failure> {
    let clash = path.and_then(|path| input_at(path, inputs));
    write_unless_input(path, content, clash.map(PathBuf::as_path))
}

/// Like [`write_output`], for a caller that has found out itself whether `path` is one of its
/// inputs (`clash`): `dei benchmark` knows the identity of each of its thousands of files.
///
/// Whatever `clash` says, a file that this process read (any input, checklist, tailoring,
/// base, template or benchmark, by any path or link: `dei_core::fs::was_read` compares device and
/// inode) is never written. A regular file is written atomically (a temporary file in the
/// same folder, flushed and renamed over it), keeping the mode of the file it replaces, or
/// following the umask when it is new; `-o` through a symbolic link writes the link's target.
/// A device, a pipe or a file reached through `/dev` or `/proc` (`/dev/stdout`, `/dev/null`)
/// is written through and never replaced; a write error (`/dev/full`) is reported.
pub fn write_unless_input(
    path: Option<&Path>,
    content: &[u8],
    clash: Option<&Path>,
) -> Result<(), Failure> {
    let Some(path) = path else {
        let mut stdout = std::io::stdout().lock();
        return stdout
            .write_all(content)
            .and_then(|()| stdout.flush())
            .or_else(|error| {
                if error.kind() == std::io::ErrorKind::BrokenPipe {
                    Ok(())
                } else {
                    Err(error)
                }
            })
            .map_err(|error| {
                let (why, waarom) = dei_core::fs::plain_io_error(&error);
                Failure::io(
                    format!("cannot write to standard output: {why}"),
                    format!("kan niet naar de standaarduitvoer schrijven: {waarom}"),
                )
            });
    };
    let refuse = |input: &Path| {
        Failure::io(
            format!(
                "refusing to write the output over the input file `{}`: choose another output file",
                input.display()
            ),
            format!(
                "de uitvoer wordt niet over het invoerbestand `{}` geschreven: kies een ander uitvoerbestand",
                input.display()
            ),
        )
    };
    if let Some(input) = clash {
        return Err(refuse(input));
    }
    let cannot = |error: std::io::Error| Failure::io_error(["write", "schrijven"], path, &error);
    let (target, through_system) = follow_links(path).map_err(cannot)?;
    match std::fs::metadata(path) {
        Ok(existing) => {
            if dei_core::fs::was_read(&existing) {
                return Err(refuse(path));
            }
            if through_system || !existing.is_file() {
                write_through(path, &existing, content).map_err(cannot)
            } else {
                atomic_write(&target, content, Some(existing.permissions())).map_err(cannot)
            }
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound && !through_system => {
            atomic_write(&target, content, None).map_err(cannot)
        }
        Err(error) => Err(cannot(error)),
    }
}

/// The file that `path` names after following symbolic links of its last part (at most 40,
/// as the system does), and whether any of them leads into `/dev` or `/proc`, where links
/// such as `/dev/stdout` stand for open files that only the system can resolve.
fn follow_links(path: &Path) -> std::io::Result<(PathBuf, bool)> {
    let system = |path: &Path| path.starts_with("/dev") || path.starts_with("/proc");
    let mut current = path.to_path_buf();
    let mut through_system = system(&current);
    for _ in 0..40 {
        match std::fs::symlink_metadata(&current) {
            Ok(metadata) if metadata.file_type().is_symlink() => {
                let target = std::fs::read_link(&current)?;
                current = match current.parent() {
                    Some(parent) if target.is_relative() => parent.join(target),
                    _ => target,
                };
                through_system |= system(&current);
            }
            _ => return Ok((current, through_system)),
        }
    }
    Err(too_many_links())
}

/// The system's error for a chain of symbolic links that does not end (`ELOOP`), which
/// `dei_core::fs::plain_io_error` words.
fn too_many_links() -> std::io::Error {
    #[cfg(unix)]
    {
        std::io::Error::from_raw_os_error(libc::ELOOP)
    }
    #[cfg(not(unix))]
    {
        std::io::Error::other("too many levels of symbolic links")
    }
}

/// Writes into an existing device, pipe or system-linked file in place. A pipe with no reader
/// is an error, not a wait; a regular file reached through `/dev` or `/proc` (standard output
/// redirected to a file) is appended to, as the shell's `>` and `>>` expect.
fn write_through(path: &Path, existing: &std::fs::Metadata, content: &[u8]) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    if existing.is_file() {
        options.append(true);
    }
    // Opening a FIFO for writing waits for a reader: ask without waiting first, and keep that
    // probe open until the real open, which then cannot wait.
    let _probe = open_pipe_without_waiting(path, existing)?;
    let mut file = options.open(path)?;
    file.write_all(content)?;
    file.flush()?;
    // A device that accepts the bytes but cannot keep them (such as `/dev/full`) fails here.
    match file.sync_all() {
        Err(error) if error.kind() != std::io::ErrorKind::InvalidInput => Err(error),
        _ => Ok(()),
    }
}

#[cfg(unix)]
fn open_pipe_without_waiting(
    path: &Path,
    existing: &std::fs::Metadata,
) -> std::io::Result<Option<std::fs::File>> {
    use std::os::unix::fs::{FileTypeExt as _, OpenOptionsExt as _};
    if !existing.file_type().is_fifo() {
        return Ok(None);
    }
    std::fs::OpenOptions::new()
        .write(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
        .map(Some)
        .map_err(|error| {
            if error.raw_os_error() == Some(libc::ENXIO) {
                // Worded by `dei_core::fs::plain_io_error`, like a reader that went away.
                std::io::Error::from(std::io::ErrorKind::BrokenPipe)
            } else {
                error
            }
        })
}

#[cfg(not(unix))]
fn open_pipe_without_waiting(
    _path: &Path,
    _existing: &std::fs::Metadata,
) -> std::io::Result<Option<std::fs::File>> {
    Ok(None)
}

/// Fills the temporary file, gives it its permissions and renames it over `path`.
fn finish(
    mut file: tempfile::NamedTempFile,
    content: &[u8],
    permissions: Option<std::fs::Permissions>,
    path: &Path,
) -> std::io::Result<()> {
    file.write_all(content)?;
    if let Some(permissions) = permissions {
        file.as_file().set_permissions(permissions)?;
    }
    file.as_file().sync_all()?;
    file.persist(path).map_err(|error| error.error)?;
    Ok(())
}

/// Temporary files being written, removed by the signal handler (`clean_up_on_signal`), by the
/// number of their `Tracked` guard: `dei import` tracks 10,000 at once, and finding each by its
/// path in a list when its guard is dropped was a fifth of the import's time.
static TEMPORARY: std::sync::Mutex<std::collections::BTreeMap<u64, PathBuf>> =
    std::sync::Mutex::new(std::collections::BTreeMap::new());

/// The number of the next `Tracked` guard.
static NEXT_TRACKED: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// Makes SIGINT, SIGTERM and SIGHUP remove the temporary files of unfinished writes before the
/// process ends (exit code 130), so an interrupted run leaves no `.dei-*.tmp` behind. Called
/// once by `main`; a failure to install the handler only loses this clean-up.
pub fn clean_up_on_signal() {
    let _ = ctrlc::set_handler(|| {
        if let Ok(files) = TEMPORARY.lock() {
            for file in files.values() {
                let _ = std::fs::remove_file(file);
            }
        }
        std::process::exit(130);
    });
}

/// Writes via a temporary file in the target's folder and a rename. The new file gets
/// `permissions` (those of the file it replaces) or, when `None`, the umask's default.
pub fn atomic_write(
    path: &Path,
    content: &[u8],
    permissions: Option<std::fs::Permissions>,
) -> std::io::Result<()> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".dei-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        // Created as 0666 less the umask, like any file a shell redirection creates.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let file = builder.tempfile_in(folder)?;
    let _tracked = Tracked::new(file.path());
    pause_for_signal_test();
    finish(file, content, permissions, path)
}

/// A temporary file the signal handler removes if the process is interrupted, until this
/// guard is dropped (when the file has been renamed, or removed on an error).
pub struct Tracked(u64);

impl Tracked {
    /// Tracks `temporary` until the guard is dropped.
    pub fn new(temporary: &Path) -> Self {
        let number = NEXT_TRACKED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if let Ok(mut files) = TEMPORARY.lock() {
            files.insert(number, temporary.to_path_buf());
        }
        Tracked(number)
    }
}

impl Drop for Tracked {
    fn drop(&mut self) {
        if let Ok(mut files) = TEMPORARY.lock() {
            files.remove(&self.0);
        }
    }
}

/// Waits `DEI_TEST_PAUSE_WRITE_MS` milliseconds while temporary files exist, so that the
/// end-to-end test of the signal clean-up (`crates/dei-cli/tests/hostile_files.rs`) can interrupt a
/// write at a known moment. Debug builds only: a release binary ignores the variable.
pub fn pause_for_signal_test() {
    #[cfg(debug_assertions)]
    if let Some(milliseconds) = std::env::var("DEI_TEST_PAUSE_WRITE_MS")
        .ok()
        .and_then(|value| value.parse().ok())
    {
        std::thread::sleep(std::time::Duration::from_millis(milliseconds));
    }
}

/// The input that `output` would overwrite, if any.
///
/// Only an existing output can be an input (an input that does not exist could not have been
/// read), so the common case of a new output file costs nothing per input.
fn input_at<'a>(output: &Path, inputs: &'a [PathBuf]) -> Option<&'a PathBuf> {
    if output.exists() {
        let output = FileIdentity::of(output);
        inputs
            .iter()
            .find(|input| FileIdentity::of(input) == output)
    } else {
        inputs.iter().find(|input| input.as_path() == output)
    }
}

/// What makes two paths name the same file: the canonical path (no `.`, `..` or symbolic
/// links), or the path as given when it cannot be resolved (a file that does not exist).
///
/// Compared and hashed as the path's bytes, not part by part as `Path` does: a canonical path
/// has one spelling, and hashing paths part by part was most of the time `dei benchmark` spent
/// telling 10,000 files apart.
#[derive(Clone, Debug)]
pub struct FileIdentity(PathBuf);

impl PartialEq for FileIdentity {
    fn eq(&self, other: &Self) -> bool {
        self.0.as_os_str() == other.0.as_os_str()
    }
}

impl Eq for FileIdentity {}

impl std::hash::Hash for FileIdentity {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.as_os_str().hash(state);
    }
}

impl FileIdentity {
    /// The identity of the file at `path` (one lookup per part of the path).
    pub fn of(path: &Path) -> Self {
        Self(path.canonicalize().unwrap_or_else(|_| path.to_owned()))
    }

    /// The identity of `entry`, found in the folder whose identity is `folder`, with no system
    /// call for a plain file or folder: inside a canonical folder, its path is canonical too.
    pub fn in_folder(folder: &FileIdentity, entry: &std::fs::DirEntry) -> Self {
        match entry.file_type() {
            Ok(kind) if !kind.is_symlink() => Self(folder.0.join(entry.file_name())),
            _ => Self::of(&entry.path()),
        }
    }
}
