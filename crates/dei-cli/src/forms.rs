//! `dei xlsform`, `dei import` and `dei export`: reading and writing around `dei-forms`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use dei_core::Library;

use crate::cli::{ExportFormat, ExportShape};
use crate::output::{Failure, write_output};

/// `dei xlsform CHECKLIST -o FILE [--lang L]...`.
pub fn xlsform(checklist: &str, output: &Path, languages: &[String]) -> Result<ExitCode, Failure> {
    let mut library = Library::new();
    let checklist = library.checklist(checklist, None)?;
    let sheets = dei_forms::xlsform::build(&checklist, languages)?;
    let bytes = dei_forms::xlsform::write_xlsx(&sheets)
        .map_err(|error| Failure::Io(format!("cannot build the workbook: {error}")))?;
    write_output(Some(output), &bytes, &[])?;
    Ok(ExitCode::SUCCESS)
}

/// `dei import SUBMISSIONS --checklist CHECKLIST -o DIR`.
pub fn import(submissions: &Path, checklist: &str, output: &Path) -> Result<ExitCode, Failure> {
    let _ = (submissions, checklist, output);
    Err(Failure::Io("not yet".to_owned()))
}

/// `dei export FILES... --format csv|xlsx [--shape long|wide] [-o FILE]`.
pub fn export(
    files: &[PathBuf],
    format: ExportFormat,
    shape: ExportShape,
    output: Option<&Path>,
) -> Result<ExitCode, Failure> {
    let _ = (files, format, shape, output);
    Err(Failure::Io("not yet".to_owned()))
}
