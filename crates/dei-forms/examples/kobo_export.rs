//! Writes a Kobo-style CSV export (`;`, every field quoted) of answers files on one checklist,
//! as `dei import` reads it: the workload of the import benchmark in BENCHMARKS.md.
//!
//! `cargo run --release -p dei-forms --example kobo_export -- CHECKLIST OUT.csv FILES...`

use std::process::ExitCode;

use dei_core::Library;
use dei_forms::kobo::{self, Style};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [checklist, out, files @ ..] = args.as_slice() else {
        eprintln!("usage: kobo_export CHECKLIST OUT.csv FILES...");
        return ExitCode::from(2);
    };
    let mut library = Library::with_resolver(dei_core::fs::FsResolver);
    let result = library.checklist(checklist, None).and_then(|checklist| {
        let answers = files
            .iter()
            .map(|file| library.answers(std::path::Path::new(file)).map(|(_, a)| a))
            .collect::<Result<Vec<_>, _>>()?;
        let style = Style {
            separator: Some('/'),
            split_multiple: false,
            odk_meta: false,
        };
        kobo::table(&checklist, &answers, style)
    });
    match result {
        Ok(table) => match std::fs::write(out, table.to_csv(b';')) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("cannot write {out}: {error}");
                ExitCode::from(3)
            }
        },
        Err(problems) => {
            eprintln!("{problems}");
            ExitCode::from(1)
        }
    }
}
