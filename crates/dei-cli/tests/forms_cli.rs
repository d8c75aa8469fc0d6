//! `dei xlsform`, `dei import` and `dei export` through the real binary: from a checklist to a
//! form, from a Kobo export to answers files (twice: the second run changes nothing), and from
//! answers files to tables; an import with one bad submission writes nothing.

use std::path::Path;
use std::process::{Command, Output};

mod common;
use common::repository_root;

fn dei(folder: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dei"))
        .args(args)
        .current_dir(folder)
        .output()
        .expect("dei runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn files_in(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .map(|entries| {
            entries
                .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn from_a_form_to_answers_files_and_back_to_tables() {
    let work = tempfile::tempdir().expect("temp dir");
    let folder = work.path();
    let export = repository_root().join("checklists/samples/kobo-import/kobo-export.csv");
    let export = export.to_str().expect("utf-8 path");

    let made = dei(
        folder,
        &[
            "xlsform",
            "ngo-dei",
            "-o",
            "form.xlsx",
            "--lang",
            "en",
            "--lang",
            "nl",
        ],
    );
    assert!(made.status.success(), "{}", text(&made.stderr));
    assert!(
        std::fs::read(folder.join("form.xlsx"))
            .expect("form")
            .starts_with(b"PK")
    );

    let first = dei(
        folder,
        &["import", export, "--checklist", "ngo-dei", "-o", "answers"],
    );
    assert!(first.status.success(), "{}", text(&first.stderr));
    assert_eq!(
        text(&first.stdout),
        "imported 3 submissions into answers: 3 new\n"
    );
    let names = files_in(&folder.join("answers"));
    assert_eq!(names.len(), 3);
    let before: Vec<Vec<u8>> = names
        .iter()
        .map(|n| std::fs::read(folder.join("answers").join(n)).expect("read"))
        .collect();

    let second = dei(
        folder,
        &["import", export, "--checklist", "ngo-dei", "-o", "answers"],
    );
    assert!(second.status.success(), "{}", text(&second.stderr));
    assert_eq!(
        text(&second.stdout),
        "imported 3 submissions into answers: 0 new, 3 already there and identical (left alone)\n"
    );
    for (name, bytes) in names.iter().zip(&before) {
        assert_eq!(
            &std::fs::read(folder.join("answers").join(name)).expect("read"),
            bytes
        );
    }

    // A changed file is never overwritten, and nothing else is written either.
    std::fs::write(folder.join("answers").join(&names[0]), "changed by hand\n").expect("write");
    let clash = dei(
        folder,
        &["import", export, "--checklist", "ngo-dei", "-o", "answers"],
    );
    assert_eq!(clash.status.code(), Some(1), "{}", text(&clash.stderr));
    assert!(
        text(&clash.stderr).contains("error[output-exists]"),
        "{}",
        text(&clash.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(folder.join("answers").join(&names[0])).expect("read"),
        "changed by hand\n"
    );
    std::fs::write(folder.join("answers").join(&names[0]), &before[0]).expect("restore");

    let paths: Vec<String> = names.iter().map(|n| format!("answers/{n}")).collect();
    let mut args = vec!["export"];
    args.extend(paths.iter().map(String::as_str));
    args.extend(["--format", "csv", "--shape", "wide"]);
    let wide = dei(folder, &args);
    assert!(wide.status.success(), "{}", text(&wide.stderr));
    let csv = text(&wide.stdout);
    assert_eq!(csv.lines().count(), 4, "{csv}");
    assert!(
        csv.starts_with("organisation,period,checklist,version,overall,level,"),
        "{csv}"
    );

    let mut args = vec!["export"];
    args.extend(paths.iter().map(String::as_str));
    args.extend(["--format", "xlsx", "-o", "scores.xlsx"]);
    let xlsx = dei(folder, &args);
    assert!(xlsx.status.success(), "{}", text(&xlsx.stderr));
    assert!(
        std::fs::read(folder.join("scores.xlsx"))
            .expect("xlsx")
            .starts_with(b"PK")
    );
}

#[test]
fn an_import_with_one_bad_submission_writes_nothing() {
    let work = tempfile::tempdir().expect("temp dir");
    let folder = work.path();
    let original = std::fs::read_to_string(
        repository_root().join("checklists/samples/kobo-import/kobo-export.csv"),
    )
    .expect("sample export");
    // The last submission says "Yes" (a label) where the option id `yes` belongs.
    let mut lines: Vec<String> = original.lines().map(str::to_owned).collect();
    let last = lines.len() - 1;
    lines[last] = lines[last].replacen("\"yes\"", "\"Yes\"", 1);
    std::fs::write(folder.join("export.csv"), lines.join("\n")).expect("write");
    let run = dei(
        folder,
        &[
            "import",
            "export.csv",
            "--checklist",
            "ngo-dei",
            "-o",
            "answers",
        ],
    );
    assert_eq!(run.status.code(), Some(1));
    let stderr = text(&run.stderr);
    // Rows count records as a spreadsheet shows them (row 1 is the header), not text lines:
    // answers may span lines inside quotes. The third submission is row 4.
    assert!(stderr.contains("export.csv:4:"), "{stderr}");
    assert!(stderr.contains("is the label of option `yes`"), "{stderr}");
    assert!(!folder.join("answers").exists(), "no partial output");
}
