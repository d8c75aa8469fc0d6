//! Fuzz target: arbitrary bytes loaded as any file (typically a tailoring of a built-in
//! checklist) through `Library::load_source`, with relative references kept in a sandbox folder.
#![no_main]

use dei_core::Library;
use dei_core::library::Loaded;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(source) = dei_fuzz::source("fuzz-tailoring.yaml", data) else {
        return;
    };
    if !dei_fuzz::references_stay_in_sandbox(&source) {
        return;
    }
    let mut library = Library::with_resolver(dei_core::fs::FsResolver);
    match library.load_source(&source, Some(dei_fuzz::SANDBOX.as_path())) {
        Ok(Loaded::Checklist(_, checklist)) => assert!(!checklist.levels().is_empty()),
        Ok(Loaded::Answers(checklist, answers)) => {
            assert_eq!(answers.entries().len(), checklist.items().len());
        }
        Err(problems) => dei_fuzz::check_problems(&source, &problems),
    }
});
