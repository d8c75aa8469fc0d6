//! The sample folder's XLSForm and import example are kept current by these tests. Regenerate:
//! `DEI_UPDATE_SAMPLES=1 cargo test -p dei-forms --test forms samples`.

use std::path::Path;

use calamine::{Data, Reader as _};
use dei_core::Library;
use dei_forms::kobo::{self, Style};
use dei_forms::{import, xlsform};

use crate::support::{checklist, root};

const UPDATE: &str = "DEI_UPDATE_SAMPLES=1 cargo test -p dei-forms --test forms samples";

fn updating() -> bool {
    std::env::var_os("DEI_UPDATE_SAMPLES").is_some()
}

/// Compares `expected` with the committed file, or writes it when updating.
fn check_file(path: &Path, expected: &[u8]) {
    if updating() {
        std::fs::create_dir_all(path.parent().expect("folder")).expect("folder");
        std::fs::write(path, expected).expect("write sample");
        return;
    }
    let found = std::fs::read(path).unwrap_or_default();
    assert!(
        found == expected,
        "{} is out of date: run `{UPDATE}`",
        path.display()
    );
}

#[test]
fn samples_xlsform_is_current() {
    let path = root().join("checklists/samples/ngo-dei.xlsx");
    let sheets = xlsform::build(&checklist("ngo-dei"), &[]).expect("form");
    if updating() {
        std::fs::write(&path, xlsform::write_xlsx(&sheets).expect("xlsx")).expect("write");
    }
    // The workbook's bytes carry a creation time: compare what calamine reads, cell by cell.
    let mut workbook = calamine::open_workbook_auto(&path)
        .unwrap_or_else(|_| panic!("{} is missing: run `{UPDATE}`", path.display()));
    for (name, rows) in [
        ("survey", &sheets.survey),
        ("choices", &sheets.choices),
        ("settings", &sheets.settings),
    ] {
        let range = workbook.worksheet_range(name).expect("sheet");
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let found = match range.get((r, c)) {
                    None | Some(Data::Empty) => String::new(),
                    Some(Data::String(s)) => s.clone(),
                    Some(Data::Float(f)) => dei_forms::form::format_number(*f),
                    Some(other) => other.to_string(),
                };
                assert_eq!(
                    &found,
                    cell,
                    "{} sheet {name} row {} column {}: run `{UPDATE}`",
                    path.display(),
                    r + 1,
                    c + 1
                );
            }
        }
        assert_eq!(range.height(), rows.len(), "{name}: run `{UPDATE}`");
    }
}

#[test]
fn samples_import_example_is_current() {
    let folder = root().join("checklists/samples/kobo-import");
    let checklist = checklist("ngo-dei");
    let mut library = Library::with_resolver(dei_core::fs::FsResolver);
    let answers: Vec<_> = ["de-brug-2025", "global-roots-2025", "horizon-aid-2025"]
        .iter()
        .map(|name| {
            library
                .answers(&root().join(format!("checklists/samples/{name}.yaml")))
                .expect("sample")
                .1
        })
        .collect();
    let table = kobo::table(
        &checklist,
        &answers,
        Style {
            separator: Some('/'),
            split_multiple: false,
            odk_meta: false,
        },
    )
    .expect("table");
    let csv = table.to_csv(b';');
    check_file(&folder.join("kobo-export.csv"), &csv);
    let imported = import::import(&csv, "kobo-export.csv", &checklist, "ngo-dei").expect("imports");
    for submission in imported {
        check_file(
            &folder.join("answers").join(&submission.file_name),
            submission.text.as_bytes(),
        );
    }
}
