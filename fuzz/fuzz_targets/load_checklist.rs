//! Fuzz target: arbitrary bytes as a checklist definition must load or fail with located problems.
#![no_main]

use dei_core::Checklist;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(source) = dei_fuzz::source("fuzz-checklist.yaml", data) else {
        return;
    };
    match Checklist::from_source(&source) {
        Ok(checklist) => {
            assert!(!checklist.id().is_empty());
            assert!(!checklist.levels().is_empty());
        }
        Err(problems) => dei_fuzz::check_problems(&source, &problems),
    }
});
