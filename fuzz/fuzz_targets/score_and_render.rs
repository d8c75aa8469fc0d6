//! Fuzz target: arbitrary bytes as answers to `ngo-dei`; accepted answers are scored (every
//! score in its range) and rendered as Markdown and HTML, where no text from the answers may
//! turn into an HTML tag, an event handler or a script link.
#![no_main]

use dei_core::{Answers, score};
use dei_report::{Renderer, ReportInput, build};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let checklist = &*dei_fuzz::NGO_DEI;
    let Some(source) = dei_fuzz::source("fuzz-answers.yaml", data) else {
        return;
    };
    let Ok(answers) = Answers::from_source(&source, checklist) else {
        return;
    };
    let scorecard = match score(checklist, &answers) {
        Ok(scorecard) => scorecard,
        Err(problems) => {
            dei_fuzz::check_problems(&source, &problems);
            return;
        }
    };
    dei_fuzz::check_scorecard(&scorecard);
    let report = build(&ReportInput {
        checklist,
        scorecard: &scorecard,
        answers: Some(&answers),
        previous: &[],
        benchmark: None,
        language: None,
    })
    .unwrap_or_else(|problems| panic!("a scored answers file must give a report: {problems}"));
    let renderer = Renderer::builtin();
    let markdown = renderer
        .markdown(&report)
        .unwrap_or_else(|problems| panic!("the built-in Markdown template failed: {problems}"));
    assert!(!markdown.is_empty());
    let html = renderer
        .html(&report)
        .unwrap_or_else(|problems| panic!("the built-in HTML template failed: {problems}"));
    dei_fuzz::check_html(&html);
});
