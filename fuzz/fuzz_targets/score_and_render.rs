//! Fuzz target: arbitrary bytes as answers to `ngo-dei`; accepted answers are scored, and every
//! score must lie in its range.
#![no_main]

use dei_core::{Answers, score};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let checklist = &*dei_fuzz::NGO_DEI;
    let Some(source) = dei_fuzz::source("fuzz-answers.yaml", data) else {
        return;
    };
    let Ok(answers) = Answers::from_source(&source, checklist) else {
        return;
    };
    match score(checklist, &answers) {
        Ok(scorecard) => dei_fuzz::check_scorecard(&scorecard),
        Err(problems) => dei_fuzz::check_problems(&source, &problems),
    }
});
