//! Fuzz target: arbitrary bytes as answers to the built-in `ngo-dei` checklist.
#![no_main]

use dei_core::Answers;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let checklist = &*dei_fuzz::NGO_DEI;
    let Some(source) = dei_fuzz::source("fuzz-answers.yaml", data) else {
        return;
    };
    match Answers::from_source(&source, checklist) {
        Ok(answers) => {
            assert_eq!(answers.entries().len(), checklist.items().len());
            assert!(!answers.name.trim().is_empty());
        }
        Err(problems) => dei_fuzz::check_problems(&source, &problems),
    }
});
