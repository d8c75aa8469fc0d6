//! Full Markdown reports of the fixture organisation, pinned by snapshots, in both languages.

use dei_core::Library;

use crate::support::{harbour, html, markdown, report};

#[test]
fn english_report_with_progress() {
    let mut library = Library::with_resolver(dei_core::fs::FsResolver);
    let old = harbour(&mut library, 2024);
    let new = harbour(&mut library, 2025);
    let text = markdown(&report(&new, &[&old], Some("en")));
    insta::assert_snapshot!("harbour_2025_en", text);
}

#[test]
fn dutch_report_with_progress() {
    let mut library = Library::with_resolver(dei_core::fs::FsResolver);
    let old = harbour(&mut library, 2024);
    let new = harbour(&mut library, 2025);
    let text = markdown(&report(&new, &[&old], Some("nl")));
    insta::assert_snapshot!("harbour_2025_nl", text);
}

#[test]
fn first_period_without_progress_defaults_to_the_checklist_language() {
    let mut library = Library::with_resolver(dei_core::fs::FsResolver);
    let first = harbour(&mut library, 2024);
    let text = markdown(&report(&first, &[], None));
    assert!(text.starts_with("# DEI self-assessment: Harbour Foundation\n"));
    assert!(!text.contains("## Progress"));
    // Both flags fired in 2024: commitment without a plan (high) and no budget (low).
    assert!(text.contains("### High: Commitment without a plan"));
    assert!(text.contains("### Low: No budget"));
    insta::assert_snapshot!("harbour_2024_en", text);
}

#[test]
fn rendering_is_deterministic_and_fast_enough_to_batch() {
    let mut library = Library::with_resolver(dei_core::fs::FsResolver);
    let old = harbour(&mut library, 2024);
    let new = harbour(&mut library, 2025);
    let model = report(&new, &[&old], Some("nl"));
    let first = (markdown(&model), html(&model));
    for _ in 0..20 {
        assert_eq!((markdown(&model), html(&model)), first);
    }
    // A model built again from the same input renders byte for byte the same.
    let again = report(&new, &[&old], Some("nl"));
    assert_eq!(markdown(&again), first.0);
}
