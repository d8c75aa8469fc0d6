//! `dei xlsform`: pyxform (and ODK Validate, which pyxform runs with Java) accept every form
//! without errors or warnings; the survey sheet is pinned by a snapshot.

use std::process::Command;

use dei_forms::xlsform;

use crate::support::{FORMS, checklist, part};

/// Runs `xls2xform --json --odk_validate` on the form; a missing pyxform fails the test
/// (`.ci/run` installs it).
fn pyxform(xlsx: &[u8]) -> serde_json::Value {
    let folder = tempfile::tempdir().expect("temp dir");
    let form = folder.path().join("form.xlsx");
    std::fs::write(&form, xlsx).expect("write form");
    let output = Command::new("xls2xform")
        .arg("--json")
        .arg("--odk_validate")
        .arg(&form)
        .arg(folder.path().join("form.xml"))
        .output()
        .expect("xls2xform runs: install pyxform (`pip install pyxform`, as .ci/run does)");
    // pyxform prints its JSON report on stdout or stderr depending on the version.
    let stdout = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let last = stdout
        .lines()
        .rev()
        .find(|line| line.starts_with('{'))
        .unwrap_or_default();
    serde_json::from_str(last).unwrap_or_else(|_| {
        panic!(
            "xls2xform printed no JSON: {stdout}\n{}",
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

#[test]
fn pyxform_and_odk_validate_accept_every_form_without_warnings() {
    for reference in FORMS {
        let checklist = checklist(reference);
        let languages = [Vec::new(), vec!["nl".to_owned()]];
        for languages in languages {
            let sheets = xlsform::build(&checklist, &languages).expect("form builds");
            let xlsx = xlsform::write_xlsx(&sheets).expect("workbook");
            let report = pyxform(&xlsx);
            assert_eq!(report["code"], 100, "{reference} {languages:?}: {report}");
            assert_eq!(
                report["warnings"],
                serde_json::json!([]),
                "{reference} {languages:?}: {report}"
            );
        }
    }
}

fn sheet_text(rows: &[Vec<String>]) -> String {
    rows.iter()
        .map(|row| {
            let mut cells: Vec<&str> = row.iter().map(String::as_str).collect();
            while cells.last() == Some(&"") {
                cells.pop();
            }
            cells.join(" | ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn survey_choices_and_settings_snapshots() {
    let checklist = checklist("dei-washing-selfcheck");
    let sheets = xlsform::build(&checklist, &[]).expect("form builds");
    insta::assert_snapshot!("selfcheck_survey", sheet_text(&sheets.survey));
    insta::assert_snapshot!("selfcheck_choices", sheet_text(&sheets.choices));
    insta::assert_snapshot!("selfcheck_settings", sheet_text(&sheets.settings));
    let ngo = checklist_relevant("ngo-dei");
    insta::assert_snapshot!("ngo_dei_relevant", ngo);
}

/// Every `relevant` of a form with the field it belongs to.
fn checklist_relevant(reference: &str) -> String {
    let checklist = checklist(reference);
    let sheets = xlsform::build(&checklist, &[]).expect("form builds");
    let header = &sheets.survey[0];
    let relevant = header.iter().position(|h| h == "relevant").expect("column");
    sheets.survey[1..]
        .iter()
        .filter(|row| !row[relevant].is_empty())
        .map(|row| format!("{}: {}", row[1], row[relevant]))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_condition_without_xpath_is_an_error_naming_the_item() {
    let text = std::fs::read_to_string(
        crate::support::root().join("checklists/dei-washing-selfcheck.yaml"),
    )
    .expect("reads");
    let changed = text.replacen(
        "applies_if: \"answer.voices.uses_participant_stories == 'yes'\"",
        "applies_if: \"org.name | upper == 'X'\"",
        1,
    );
    assert_ne!(text, changed);
    let source = dei_core::Source::new("changed.yaml", changed);
    let checklist = dei_core::Checklist::from_source(&source);
    let checklist = checklist.expect("a filter is a valid condition");
    let problems = xlsform::build(&checklist, &[]).expect_err("untranslatable");
    let rendered = problems.to_string();
    assert!(rendered.contains("untranslatable-condition"), "{rendered}");
    assert!(rendered.contains("org.name | upper"), "{rendered}");
    assert!(rendered.contains("id: voices."), "{rendered}");
    let dutch: String = problems.0.iter().map(|p| p.render_in("nl")).collect();
    assert!(
        dutch.contains("kan niet als XLSForm-`relevant` geschreven worden: deze vorm"),
        "{dutch}"
    );
    assert!(dutch.contains("tip: schrijf de voorwaarde"), "{dutch}");
}

#[test]
fn the_same_form_is_the_same_bytes_at_any_time() {
    let checklist = checklist("dei-washing-selfcheck");
    let sheets = xlsform::build(&checklist, &[]).expect("form builds");
    let first = xlsform::write_xlsx(&sheets).expect("workbook");
    let core = part(&first, "docProps/core.xml");
    assert!(
        core.contains("<dcterms:created xsi:type=\"dcterms:W3CDTF\">1980-01-01T00:00:00Z<"),
        "a fixed creation time, not the clock: {core}"
    );
    // The creation time has whole seconds: a write in another second must not differ.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    assert_eq!(first, xlsform::write_xlsx(&sheets).expect("workbook"));
}
