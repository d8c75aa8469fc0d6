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
    /// A file could not be read or written.
    Io(String),
}

impl From<Diagnostics> for Failure {
    fn from(problems: Diagnostics) -> Self {
        Failure::Invalid(problems)
    }
}

impl Failure {
    /// Prints the failure on stderr and returns its exit code.
    pub fn report(self) -> ExitCode {
        match self {
            Failure::Invalid(problems) => {
                print_diagnostics(&problems);
                ExitCode::from(exit_code_for(&problems))
            }
            Failure::Io(message) => {
                eprintln!("{}: {message}", crate::words::io_error());
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
    let errors = problems.errors().count();
    let warnings = problems.warnings().count();
    let _ = writeln!(stderr, "{}", count_line(errors, warnings));
}

/// "2 errors, 1 warning", in the run's language.
pub fn count_line(errors: usize, warnings: usize) -> String {
    crate::words::count_line(errors, warnings)
}

/// Writes `content` to `path` atomically, or to stdout when `path` is `None`.
///
/// A temporary file in the same folder is written, flushed and renamed over the target, so an
/// interrupted run never leaves a half-written file. Refuses to write over any input file.
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
            .map_err(|error| Failure::Io(format!("cannot write to standard output: {error}")));
    };
    if let Some(input) = clash {
        return Err(Failure::Io(format!(
            "refusing to write the output over the input file `{}`: choose another output file",
            input.display()
        )));
    }
    atomic_write(path, content)
        .map_err(|error| Failure::Io(format!("cannot write `{}`: {error}", path.display())))
}

/// Writes via a temporary file in the target's folder and a rename.
pub fn atomic_write(path: &Path, content: &[u8]) -> std::io::Result<()> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut file = tempfile::Builder::new()
        .prefix(".dei-")
        .suffix(".tmp")
        .tempfile_in(folder)?;
    file.write_all(content)?;
    file.as_file().sync_all()?;
    file.persist(path).map_err(|error| error.error)?;
    Ok(())
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
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FileIdentity(PathBuf);

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
