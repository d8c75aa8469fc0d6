//! End-to-end test of `dei init CHECKLIST --from PREVIOUS` (SPEC §16): the previous period's
//! answers and evidence carried over, period and `assessed_by` left empty, the file valid.

use dei_core::Library;
mod common;
use common::{init_from, repository_root};

#[test]
fn init_from_carries_answers_and_evidence_over() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("de-brug-2026.yaml");
    let previous = repository_root().join("checklists/samples/de-brug-2025.yaml");
    let run = init_from(&previous, &output);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let text = std::fs::read_to_string(&output).unwrap();
    assert!(text.contains("period: \"\""), "{text}");
    assert!(text.contains("assessed_by: []"), "{text}");
    let mut library = Library::with_resolver(dei_core::fs::FsResolver);
    let (_, before) = library.answers(&previous).unwrap();
    let (_, after) = library.answers(&output).unwrap();
    assert_eq!(
        before.entries(),
        after.entries(),
        "answers, evidence and comments carried over"
    );
    assert_eq!(before.organisation, after.organisation);
    assert_eq!(before.goals(), after.goals());
    assert!(after.period.is_empty() && after.assessed_by.is_empty());
    // Never over an existing file.
    let again = init_from(&previous, &output);
    assert_eq!(again.status.code(), Some(3));
}
