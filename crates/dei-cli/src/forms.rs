//! `dei xlsform`, `dei import` and `dei export`: reading and writing around `dei-forms`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use dei_core::Library;
use dei_core::fs::FsResolver;
use dei_forms::import::Submission;

use crate::cli::{ExportFormat, ExportShape};
use crate::cores::on_every_core;
use crate::output::{Failure, Tracked, pause_for_signal_test, write_output};

/// `dei xlsform CHECKLIST -o FILE [--lang L]...`.
///
/// `--lang` names the form's languages; the messages are in the first of them when it is Dutch,
/// else in the checklist's default language.
pub fn xlsform(checklist: &str, output: &Path, languages: &[String]) -> Result<ExitCode, Failure> {
    let explicit = languages
        .first()
        .map(String::as_str)
        .filter(|code| dei_core::is_dutch(code));
    crate::words::choose(explicit, None);
    let mut library = Library::with_resolver(FsResolver);
    let checklist = library.checklist(checklist, None)?;
    crate::words::choose(explicit, Some(checklist.default_language()));
    let sheets = dei_forms::xlsform::build(&checklist, languages)?;
    let bytes = dei_forms::xlsform::write_xlsx(&sheets).map_err(workbook_failure)?;
    write_output(Some(output), &bytes, &[])?;
    Ok(ExitCode::SUCCESS)
}

/// `dei import SUBMISSIONS --checklist CHECKLIST -o DIR`.
///
/// Everything is checked before anything is written: every submission is validated, and a file
/// that exists is compared with what would be written (identical: left alone and reported;
/// different: an error, never overwritten). Then the new files are written, each atomically.
pub fn import(
    submissions: &Path,
    checklist: &str,
    output: &Path,
    language: Option<&str>,
) -> Result<ExitCode, Failure> {
    crate::words::choose(language, None);
    let mut library = Library::with_resolver(FsResolver);
    let loaded = library.checklist(checklist, None)?;
    crate::words::choose(language, Some(loaded.default_language()));
    let name = submissions.display().to_string();
    let metadata = std::fs::metadata(submissions)
        .map_err(|error| Failure::io_error(["read", "lezen"], submissions, &error))?;
    if !metadata.is_file() {
        return Err(Failure::io(
            format!("`{name}` is not a regular file"),
            format!("`{name}` is geen gewoon bestand"),
        ));
    }
    if metadata.len() > dei_forms::import::MAX_EXPORT_BYTES {
        let mib = dei_forms::import::MAX_EXPORT_BYTES / 1024 / 1024;
        return Err(Failure::io(
            format!("`{name}` is larger than {mib} MiB: export the submissions in parts"),
            format!("`{name}` is groter dan {mib} MiB: exporteer de inzendingen in delen"),
        ));
    }
    let bytes = std::fs::read(submissions)
        .map_err(|error| Failure::io_error(["read", "lezen"], submissions, &error))?;
    let reference = checklist_reference(checklist, output);
    let imported = dei_forms::import::import(&bytes, &name, &loaded, &reference)?;
    let mut problems = dei_core::Diagnostics::default();
    let mut identical = 0;
    let mut new = Vec::new();
    // Reading what exists is done on every core: a repeated import compares 10,000 files.
    let found = on_every_core(imported.iter().collect(), |submission| {
        let path = output.join(&submission.file_name);
        let existing = std::fs::read(&path);
        (path, existing)
    });
    for (submission, (path, existing)) in imported.iter().zip(found) {
        match existing {
            Ok(existing) if existing == submission.text.as_bytes() => identical += 1,
            Ok(_) => problems.push(
                dei_core::Diagnostic::error(
                    dei_core::Code::OutputExists,
                    path.display().to_string(),
                    format!(
                        "the answers file of {} exists with other content and is not overwritten",
                        submission.origin[0]
                    ),
                )
                .with_hint("move or rename the existing file, or import into another folder")
                .with_dutch(
                    format!(
                        "het antwoordenbestand van {} bestaat al met andere inhoud en wordt niet overschreven",
                        submission.origin[1]
                    ),
                    Some(
                        "verplaats of hernoem het bestaande bestand, of importeer in een andere map"
                            .to_owned(),
                    ),
                ),
            ),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                new.push((path, submission));
            }
            Err(error) => {
                return Err(Failure::io_error(["read", "lezen"], &path, &error));
            }
        }
    }
    if problems.has_errors() {
        return Err(problems.into());
    }
    std::fs::create_dir_all(output)
        .map_err(|error| Failure::io_error(["create", "maken"], output, &error))?;
    let written = new.len();
    write_all_new(output, new)?;
    let mut summary = crate::words::imported(
        imported.len(),
        &output.display().to_string(),
        written,
        identical,
    );
    summary.push('\n');
    write_output(None, summary.as_bytes(), &[])?;
    Ok(ExitCode::SUCCESS)
}

/// Writes the new answers files into `folder`, never replacing one that appeared meanwhile.
///
/// Each file goes to a temporary file first; then everything is flushed to disk at once, and
/// only then is each temporary file given its name, so a crash leaves whole files or none.
/// Flushing once for the batch (rather than once per file) is what keeps an import of 10,000
/// submissions close to the cost of reading them (BENCHMARKS.md, "Forms"). The temporary files
/// are written, and named, on every core; a failure reports the first file (in the order of
/// the export) that failed, and removes every temporary file not yet named.
fn write_all_new(folder: &Path, files: Vec<(PathBuf, &Submission)>) -> Result<(), Failure> {
    use std::io::Write as _;
    let failed = |path: &Path, error: std::io::Error| {
        Failure::io_error(["write", "schrijven"], path, &error)
    };
    let written = on_every_core(files, |(path, submission)| {
        let mut file = tempfile::Builder::new()
            .prefix(".dei-")
            .suffix(".tmp")
            .tempfile_in(folder)
            .map_err(|error| failed(&path, error))?;
        file.write_all(submission.text.as_bytes())
            .map_err(|error| failed(&path, error))?;
        // Closed now, removed on drop until it has its name: no descriptor per file stays open.
        let temporary = file.into_temp_path();
        let tracked = Tracked::new(&temporary);
        Ok((path, temporary, tracked))
    })
    .into_iter()
    .collect::<Result<Vec<_>, Failure>>()?;
    pause_for_signal_test();
    flush_to_disk(
        folder,
        written.iter().map(|(_, temporary, _)| temporary.as_ref()),
    )
    .map_err(|error| failed(folder, error))?;
    on_every_core(written, |(path, temporary, _tracked)| {
        temporary
            .persist_noclobber(&path)
            .map(drop)
            .map_err(|error| failed(&path, error.error))
    })
    .into_iter()
    .collect::<Result<(), Failure>>()?;
    // The new names are entries of the folder: flush it too.
    flush_to_disk(folder, std::iter::empty()).map_err(|error| failed(folder, error))
}

/// Flushes the file system that holds `folder` (every file in it, with one `syncfs`), or, where
/// there is no `syncfs`, each of `files` and the folder itself.
fn flush_to_disk<'a>(folder: &Path, files: impl Iterator<Item = &'a Path>) -> std::io::Result<()> {
    let directory = std::fs::File::open(folder)?;
    #[cfg(target_os = "linux")]
    {
        drop(files);
        rustix::fs::syncfs(&directory)?;
        Ok(())
    }
    #[cfg(not(target_os = "linux"))]
    {
        for file in files {
            std::fs::File::open(file)?.sync_all()?;
        }
        directory.sync_all()
    }
}

/// What the imported answers files write as `checklist:`: a built-in id as it is, a path made
/// relative to the output folder (so the folder can move together with the checklist).
fn checklist_reference(checklist: &str, output: &Path) -> String {
    if dei_core::library::builtin_text(checklist).is_some() {
        return checklist.to_owned();
    }
    let target = Path::new(checklist)
        .canonicalize()
        .unwrap_or_else(|_| PathBuf::from(checklist));
    // The output folder may not exist yet (it is created only after every check passed):
    // resolve its nearest existing ancestor and add the rest.
    let mut base = std::path::absolute(output).unwrap_or_else(|_| output.to_path_buf());
    let mut rest = Vec::new();
    while !base.exists() {
        match (base.file_name().map(ToOwned::to_owned), base.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                base = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut base = base.canonicalize().unwrap_or(base);
    for name in rest.into_iter().rev() {
        base.push(name);
    }
    relative(&target, &base).display().to_string()
}

fn relative(target: &Path, base: &Path) -> PathBuf {
    let target: Vec<_> = target.components().collect();
    let base: Vec<_> = base.components().collect();
    let common = target.iter().zip(&base).take_while(|(a, b)| a == b).count();
    let mut out = PathBuf::new();
    for _ in common..base.len() {
        out.push("..");
    }
    for part in &target[common..] {
        out.push(part.as_os_str());
    }
    out
}

/// `dei export FILES... --format csv|xlsx [--shape long|wide] [-o FILE]`.
///
/// Files are read and scored on worker threads and given to the export one at a time, in the
/// order of the command line, so that at most a few scorecards are held at once (BENCHMARKS.md,
/// "Forms"). Every file is still checked: one with problems fails the export, after all the
/// problems of all the files are collected.
pub fn export(
    files: &[PathBuf],
    format: ExportFormat,
    shape: ExportShape,
    output: Option<&Path>,
    language: Option<&str>,
) -> Result<ExitCode, Failure> {
    crate::words::choose(language, None);
    if format == ExportFormat::Xlsx && output.is_none() {
        use std::io::IsTerminal as _;
        if std::io::stdout().is_terminal() {
            return Err(Failure::io(
                "an XLSX workbook is not for a terminal: give `-o FILE.xlsx`",
                "een XLSX-werkmap is niet voor een terminal: geef `-o BESTAND.xlsx`",
            ));
        }
    }
    let mut exporter = dei_forms::export::Exporter::new(match (format, shape) {
        (ExportFormat::Csv, ExportShape::Long) => dei_forms::export::Format::LongCsv,
        (ExportFormat::Csv, ExportShape::Wide) => dei_forms::export::Format::WideCsv,
        (ExportFormat::Xlsx, _) => dei_forms::export::Format::Xlsx,
    })
    .map_err(workbook_failure)?;
    let mut problems = dei_core::Diagnostics::default();
    let mut unwritable = None;
    score_in_order(files, language, |scored| match scored {
        // Once a file has failed there will be no output: the others are only checked.
        Ok(scorecard) if !problems.has_errors() && unwritable.is_none() => {
            if let Err(error) = exporter.add(&scorecard) {
                unwritable = Some(error);
            }
        }
        Ok(_) => {}
        Err(found) => problems.0.extend(found.0),
    });
    if problems.has_errors() {
        return Err(problems.into());
    }
    if let Some(error) = unwritable {
        return Err(workbook_failure(error));
    }
    let bytes = exporter.finish().map_err(workbook_failure)?;
    write_output(output, &bytes, files)?;
    Ok(ExitCode::SUCCESS)
}

fn workbook_failure(error: impl std::fmt::Display) -> Failure {
    Failure::io(
        format!("cannot build the workbook: {error}"),
        format!("kan de werkmap niet maken: `{error}`"),
    )
}

/// Scores `files` and gives each result to `take` in the order of `files`.
///
/// The first file is scored here, so that the workers start from a library that holds its
/// checklist; the others are dealt out in turn to one worker per core (file `i` to worker
/// `i % workers`), each sending its results through a short channel of its own. Reading the
/// channels in turn gives the results in order without sorting, and a worker that gets ahead
/// waits once its channel is full, so memory stays bounded whatever the number of files.
/// The messages of the run take `language`, else the language of the first file's checklist.
fn score_in_order(
    files: &[PathBuf],
    language: Option<&str>,
    mut take: impl FnMut(Result<dei_core::Scorecard, dei_core::Diagnostics>),
) {
    fn scored(
        library: &mut Library,
        path: &Path,
    ) -> Result<dei_core::Scorecard, dei_core::Diagnostics> {
        library
            .answers(path)
            .and_then(|(checklist, answers)| dei_core::score(&checklist, &answers))
    }
    let mut library = Library::with_resolver(FsResolver);
    let Some((first, rest)) = files.split_first() else {
        return;
    };
    take(library.answers(first).and_then(|(checklist, answers)| {
        crate::words::choose(language, Some(checklist.default_language()));
        dei_core::score(&checklist, &answers)
    }));
    let workers = std::thread::available_parallelism()
        .map_or(2, std::num::NonZeroUsize::get)
        .clamp(1, 16)
        .min(rest.len());
    if workers == 0 {
        return;
    }
    std::thread::scope(|scope| {
        let receivers: Vec<_> = (0..workers)
            .map(|worker| {
                let (sender, receiver) = std::sync::mpsc::sync_channel(8);
                let mut library = library.clone();
                scope.spawn(move || {
                    for path in rest.iter().skip(worker).step_by(workers) {
                        if sender.send(scored(&mut library, path)).is_err() {
                            break;
                        }
                    }
                });
                receiver
            })
            .collect();
        for index in 0..rest.len() {
            // A worker that panicked closes its channel; the scope then passes the panic on.
            let Ok(result) = receivers[index % workers].recv() else {
                break;
            };
            take(result);
        }
    });
}
