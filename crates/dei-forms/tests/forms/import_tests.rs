//! `dei import`: round trips through every export shape, and hostile exports.

use dei_core::{Answers, Library, Scorecard, score};
use dei_forms::import::{self, Submission};
use dei_forms::kobo::{self, Style, Table};

use crate::support::{checklist, root};

/// The sample answers files of one checklist reference, loaded and checked.
fn samples(reference: &str) -> Vec<Answers> {
    let mut library = Library::with_resolver(dei_core::fs::FsResolver);
    let mut out = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(root().join("checklists/samples"))
        .expect("samples")
        .map(|entry| entry.expect("entry").path())
        .collect();
    paths.sort();
    for path in paths {
        if let Ok((loaded, answers)) = library.answers(&path)
            && (loaded.id() == reference
                || path.to_string_lossy().contains("tailored")
                    && reference.ends_with("de-brug-tailoring.yaml"))
        {
            out.push(answers);
        }
    }
    out
}

/// What a form carries of a scorecard: everything but goals and comments, which the form does
/// not ask for.
fn comparable(mut scorecard: Scorecard) -> Scorecard {
    scorecard.goals.clear();
    for item in &mut scorecard.items {
        item.comment = None;
    }
    scorecard.warnings.clear();
    scorecard
}

fn import_ok(bytes: &[u8], name: &str, reference: &str) -> Vec<Submission> {
    let checklist = checklist(reference);
    import::import(bytes, name, &checklist, checklist.id())
        .unwrap_or_else(|problems| panic!("{name} imports:\n{problems}"))
}

fn shapes(table: &Table) -> Vec<(&'static str, Vec<u8>)> {
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(table.to_csv(b','));
    vec![
        ("export.csv", table.to_csv(b';')),
        ("export-bom.csv", bom),
        ("export.json", table.to_json().into_bytes()),
        ("export.xlsx", table.to_xlsx().expect("xlsx")),
    ]
}

#[test]
fn answers_round_trip_through_every_export_shape_to_identical_scorecards() {
    for reference in crate::support::FORMS {
        let checklist = checklist(reference);
        let mut originals = samples(reference);
        assert!(!originals.is_empty(), "{reference} has samples");
        // The form asks evidence as text (checklists/README.md 9.2): an entry's type and date
        // do not travel through it, so the round trip is compared on the texts.
        for answers in &mut originals {
            answers.map_evidence(|evidence| {
                *evidence = dei_core::evidence::Evidence::plain(evidence.text.clone());
            });
        }
        let expected: Vec<Scorecard> = originals
            .iter()
            .map(|answers| comparable(score(&checklist, answers).expect("scores")))
            .collect();
        let styles = [
            Style {
                separator: Some('/'),
                split_multiple: false,
                odk_meta: false,
            },
            Style {
                separator: Some('/'),
                split_multiple: true,
                odk_meta: false,
            },
            Style {
                separator: None,
                split_multiple: false,
                odk_meta: false,
            },
            Style {
                separator: Some('-'),
                split_multiple: false,
                odk_meta: true,
            },
        ];
        for style in styles {
            let table = kobo::table(&checklist, &originals, style).expect("table");
            for (name, bytes) in shapes(&table) {
                let imported = import::import(&bytes, name, &checklist, checklist.id())
                    .unwrap_or_else(|problems| panic!("{reference} {style:?} {name}:\n{problems}"));
                assert_eq!(imported.len(), originals.len());
                for (submission, expected) in imported.iter().zip(&expected) {
                    let source = dei_core::Source::new(
                        submission.file_name.clone(),
                        submission.text.clone(),
                    );
                    let answers = Answers::from_source(&source, &checklist).expect("valid");
                    let scorecard = comparable(score(&checklist, &answers).expect("scores"));
                    if &scorecard != expected {
                        panic!(
                            "{reference} {style:?} {name}: {}\n{}",
                            submission.file_name,
                            difference(expected, &scorecard)
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn imports_are_repeatable_and_named_from_organisation_period_and_submission() {
    let originals = samples("ngo-dei");
    let checklist = checklist("ngo-dei");
    let table = kobo::table(
        &checklist,
        &originals,
        Style {
            separator: Some('/'),
            split_multiple: false,
            odk_meta: false,
        },
    )
    .expect("table");
    let bytes = table.to_csv(b';');
    let first = import_ok(&bytes, "export.csv", "ngo-dei");
    let second = import_ok(&bytes, "export.csv", "ngo-dei");
    assert_eq!(first, second);
    let names: Vec<&str> = first.iter().map(|s| s.file_name.as_str()).collect();
    insta::assert_snapshot!("imported_names", names.join("\n"));
    insta::assert_snapshot!(
        "imported_de_brug_2025",
        first
            .iter()
            .find(|s| s.file_name.starts_with("stichting-de-brug-2025"))
            .expect("de brug 2025")
            .text
    );
}

/// Imports `bytes` expecting failure; the rendered problems. Every problem is said in Dutch
/// too: a Dutch message that is not the English one, and a Dutch hint when there is a hint.
fn import_err(bytes: &[u8], name: &str) -> String {
    let checklist = checklist("ngo-dei");
    match import::import(bytes, name, &checklist, "ngo-dei") {
        Ok(found) => panic!("{name} should fail, gave {} files", found.len()),
        Err(problems) => {
            for problem in &problems.0 {
                let dutch = problem.dutch.as_deref();
                assert!(
                    dutch.is_some_and(|(message, hint)| *message != problem.message
                        && match (&problem.hint, hint) {
                            (None, _) => true,
                            (Some(english), Some(dutch)) => english != dutch,
                            (Some(_), None) => false,
                        }),
                    "{name}: no Dutch message or hint for\n{problem}\nDutch: {dutch:?}"
                );
            }
            problems.to_string()
        }
    }
}

fn kobo_csv() -> Table {
    let checklist = checklist("ngo-dei");
    kobo::table(
        &checklist,
        &samples("ngo-dei"),
        Style {
            separator: Some('/'),
            split_multiple: false,
            odk_meta: false,
        },
    )
    .expect("table")
}

#[test]
fn label_headers_are_refused_with_the_export_setting_to_change() {
    let mut table = kobo_csv();
    let column = table
        .header
        .iter()
        .position(|h| h == "strategy/public_commitment")
        .expect("column");
    table.header[column] = "Has the organisation made a public commitment to DEI?".to_owned();
    let rendered = import_err(&table.to_csv(b','), "labels.csv");
    assert!(rendered.contains("import-format"), "{rendered}");
    assert!(
        rendered.contains(&format!("labels.csv:1:{}", column + 1)),
        "{rendered}"
    );
    assert!(rendered.contains("XML values and headers"), "{rendered}");
}

#[test]
fn an_unknown_column_and_a_value_that_is_not_a_choice_are_located() {
    let mut table = kobo_csv();
    table.header.push("strategy/public_comitment".to_owned());
    for row in &mut table.rows {
        row.push(String::new());
    }
    let rendered = import_err(&table.to_csv(b','), "unknown.csv");
    assert!(
        rendered.contains(&format!("unknown.csv:1:{}", table.header.len())),
        "{rendered}"
    );
    assert!(
        rendered.contains("did you mean `strategy/public_commitment`"),
        "{rendered}"
    );

    let mut table = kobo_csv();
    let column = table
        .header
        .iter()
        .position(|h| h == "strategy/public_commitment")
        .expect("column");
    table.rows[1][column] = "Yes".to_owned();
    table.rows[2][column] = "maybe".to_owned();
    let rendered = import_err(&table.to_csv(b','), "values.csv");
    assert!(
        rendered.contains(&format!("values.csv:3:{}", column + 1)),
        "{rendered}"
    );
    assert!(
        rendered.contains(&format!("values.csv:4:{}", column + 1)),
        "{rendered}"
    );
    assert!(
        rendered.contains("id: strategy.public_commitment"),
        "{rendered}"
    );
    assert!(
        rendered.contains("is the label of option `yes`"),
        "{rendered}"
    );
    assert!(
        rendered.contains("the choices are: yes, partly, no"),
        "{rendered}"
    );
}

#[test]
fn a_number_out_of_range_is_located_at_its_cell_with_the_item() {
    let mut table = kobo_csv();
    let column = table
        .header
        .iter()
        .position(|h| h == "measurement/survey_response_rate")
        .expect("column");
    table.rows[0][column] = "150".to_owned();
    let rendered = import_err(&table.to_csv(b','), "range.csv");
    assert!(
        rendered.contains(&format!("range.csv:2:{}", column + 1)),
        "{rendered}"
    );
    assert!(
        rendered.contains("measurement.survey_response_rate"),
        "{rendered}"
    );
}

#[test]
fn text_that_is_not_utf8_is_located() {
    let table = kobo_csv();
    let mut bytes = table.to_csv(b',');
    let at = bytes
        .windows(9)
        .position(|w| w == b"Stichting")
        .expect("name");
    bytes[at + 1] = 0xE9; // Latin-1 é
    let rendered = import_err(&bytes, "latin1.csv");
    assert!(rendered.contains("invalid-utf8"), "{rendered}");
    assert!(rendered.contains("latin1.csv:"), "{rendered}");
}

#[test]
fn formula_cells_in_a_workbook_are_refused() {
    let table = kobo_csv();
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (c, header) in table.header.iter().enumerate() {
        sheet.write_string(0, c as u16, header).expect("cell");
    }
    for (c, cell) in table.rows[0].iter().enumerate() {
        sheet.write_string(1, c as u16, cell).expect("cell");
    }
    let column = table
        .header
        .iter()
        .position(|h| h == "organisation/org_name")
        .expect("column");
    sheet
        .write_formula(1, column as u16, "=HYPERLINK(\"http://x\",\"y\")")
        .expect("formula");
    let bytes = workbook.save_to_buffer().expect("xlsx");
    let rendered = import_err(&bytes, "formula.xlsx");
    assert!(
        rendered.contains(&format!("formula.xlsx:2:{}", column + 1)),
        "{rendered}"
    );
    assert!(rendered.contains("formula"), "{rendered}");
}

#[test]
fn a_million_rows_are_refused_at_the_row_limit() {
    let mut bytes = b"period,organisation/org_name\n".to_vec();
    for _ in 0..1_000_000 {
        bytes.extend_from_slice(b"2025,X\n");
    }
    let rendered = import_err(&bytes, "huge.csv");
    assert!(
        rendered.contains(&format!("more than {}", import::MAX_SUBMISSIONS)),
        "{rendered}"
    );
    assert!(
        rendered.contains(&format!("huge.csv:{}:1", import::MAX_SUBMISSIONS + 2)),
        "{rendered}"
    );
}

/// The lines that differ between two scorecards' JSON.
fn difference(expected: &Scorecard, found: &Scorecard) -> String {
    let a = serde_json::to_string_pretty(expected).expect("json");
    let b = serde_json::to_string_pretty(found).expect("json");
    let a: Vec<&str> = a.lines().collect();
    let b: Vec<&str> = b.lines().collect();
    a.iter()
        .zip(&b)
        .enumerate()
        .filter(|(_, (x, y))| x != y)
        .take(10)
        .map(|(i, (x, y))| {
            format!(
                "{i}: expected {x}\n{i}: found    {y}\n{}",
                a[i.saturating_sub(8)..i].join("\n")
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}
