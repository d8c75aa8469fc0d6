//! End-to-end test of the evidence ladder (checklists/README.md 6.2 and 9.2) through the
//! binary, on the Global Roots 2026 sample: typed, dated evidence shown in the report with its
//! type and date, an entry older than 24 months warned about and not counted, `answered_by`
//! and `signed_by` in the report header, and `dei init --from` carrying typed entries over
//! without loss (it writes them as `dei serve` does).

use std::process::Command;

use dei_core::Library;
mod common;
use common::{init_from, repository_root};

#[test]
fn expired_evidence_is_warned_about_shown_and_not_counted() {
    let sample = repository_root().join("checklists/samples/global-roots-2026.yaml");
    let validate = Command::new(env!("CARGO_BIN_EXE_dei"))
        .arg("validate")
        .arg(&sample)
        .output()
        .unwrap();
    assert!(validate.status.success());
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&validate.stdout),
        String::from_utf8_lossy(&validate.stderr)
    );
    assert!(said.contains("warning[expired-evidence]"), "{said}");
    assert!(
        said.contains("`hr.fair_progression` is dated 2022-11"),
        "{said}"
    );
    assert!(said.contains("hint: add current evidence"), "{said}");

    let report = Command::new(env!("CARGO_BIN_EXE_dei"))
        .args(["report", "--format", "md", "--lang", "en"])
        .arg(&sample)
        .output()
        .unwrap();
    assert!(
        report.status.success(),
        "{}",
        String::from_utf8_lossy(&report.stderr)
    );
    let text = String::from_utf8_lossy(&report.stdout);
    assert!(
        text.contains("Answered by Executive director, HR director"),
        "header"
    );
    assert!(text.contains("Co-signed by Works council, Staff network Colour Collective"));
    assert!(text.contains("(data, 2026-01)"), "type and date shown");
    assert!(
        text.contains("Evidence that no longer counts (too old, or without a type): Promotion review (data, 2022-11)"),
        "the expired entry is shown apart"
    );

    let json = Command::new(env!("CARGO_BIN_EXE_dei"))
        .args(["report", "--format", "json"])
        .arg(&sample)
        .output()
        .unwrap();
    let scorecard: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let item = scorecard["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["id"] == "hr.fair_progression")
        .unwrap();
    assert_eq!(item["evidence"], 1, "only the current entry counts");
    assert_eq!(item["lapsed_evidence"][0]["date"], "2022-11");
}

#[test]
fn init_from_keeps_typed_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("global-roots-2027.yaml");
    let previous = repository_root().join("checklists/samples/global-roots-2026.yaml");
    let run = init_from(&previous, &output);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let mut library = Library::with_resolver(dei_core::fs::FsResolver);
    let (_, before) = library.answers(&previous).unwrap();
    let text = std::fs::read_to_string(&output)
        .unwrap()
        .replace("period: \"\"", "period: \"2027\"");
    std::fs::write(&output, text).unwrap();
    let (_, after) = library.answers(&output).unwrap();
    assert_eq!(
        before.entries(),
        after.entries(),
        "typed entries carried over as they were"
    );
    assert!(
        after.answered_by.is_empty() && after.signed_by.is_empty(),
        "a new period is signed anew"
    );
}
