//! Fuzz target: arbitrary bytes as a Kobo / ODK export (CSV, XLSX or JSON, sniffed from the
//! bytes) of the built-in `ngo-dei` checklist's form. Every submission that imports must be a
//! valid answers file; every problem must have a code, a message and the export's name.
#![no_main]

use dei_core::Answers;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let checklist = &*dei_fuzz::NGO_DEI;
    match dei_forms::import::import(data, "fuzz-export.csv", checklist, "ngo-dei") {
        Ok(submissions) => {
            for submission in submissions {
                let source = dei_core::Source::new(submission.file_name.clone(), submission.text);
                assert!(Answers::from_source(&source, checklist).is_ok(), "{}", submission.file_name);
                assert!(submission.file_name.ends_with(".yaml"));
                assert!(!submission.file_name.contains('/'));
            }
        }
        Err(problems) => {
            assert!(problems.has_errors());
            for problem in &problems.0 {
                assert!(!problem.message.trim().is_empty());
                assert!(problem.file.starts_with("fuzz-export.csv") || problem.file.ends_with(".yaml"), "{}", problem.file);
            }
        }
    }
});
