//! `dei export`: the XLSX read back with calamine cell by cell; CSV neutralised and RFC 4180.

use calamine::{Data, Reader as _};
use dei_core::{Library, Scorecard, score};
use dei_forms::export::{self, Cell};

use crate::support::root;

fn scorecards() -> Vec<Scorecard> {
    let mut library = Library::new();
    let mut paths: Vec<_> = std::fs::read_dir(root().join("checklists/samples"))
        .expect("samples")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "yaml"))
        .filter(|path| !path.to_string_lossy().contains("tailoring"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|path| {
            let (checklist, answers) = library.answers(path).expect("sample loads");
            score(&checklist, &answers).expect("scores")
        })
        .collect()
}

#[test]
fn the_workbook_holds_both_tables_cell_by_cell_with_numbers_as_numbers() {
    let scorecards = scorecards();
    let bytes = export::to_xlsx(&scorecards).expect("xlsx");
    let mut workbook =
        calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).expect("reads");
    assert_eq!(
        workbook.sheet_names(),
        vec!["organisations".to_owned(), "items".to_owned()]
    );
    for table in [export::wide(&scorecards), export::long(&scorecards)] {
        let range = workbook.worksheet_range(table.name).expect("sheet");
        assert_eq!(range.height(), table.rows.len() + 1, "{}", table.name);
        for (c, header) in table.header.iter().enumerate() {
            assert_eq!(range.get((0, c)), Some(&Data::String(header.clone())));
        }
        for (r, row) in table.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let found = range.get((r + 1, c)).cloned().unwrap_or(Data::Empty);
                match cell {
                    Cell::Text(text) if text.is_empty() => assert_eq!(found, Data::Empty),
                    Cell::Text(text) => {
                        assert_eq!(found, Data::String(text.clone()), "{} {r} {c}", table.name);
                    }
                    Cell::Number(n) => assert_eq!(found, Data::Float(*n), "{} {r} {c}", table.name),
                    Cell::Empty => assert_eq!(found, Data::Empty, "{} {r} {c}", table.name),
                }
            }
        }
    }
    // The wide table's overall is the scorecard's, as a number.
    let wide = export::wide(&scorecards);
    let overall = wide
        .header
        .iter()
        .position(|h| h == "overall")
        .expect("overall");
    assert_eq!(
        wide.rows[0][overall],
        Cell::opt_for_test(scorecards[0].overall)
    );
}

trait ForTest {
    fn opt_for_test(value: Option<f64>) -> Cell;
}

impl ForTest for Cell {
    fn opt_for_test(value: Option<f64>) -> Cell {
        value.map_or(Cell::Empty, Cell::Number)
    }
}

#[test]
fn csv_neutralises_formulas_from_user_text_and_keeps_numbers() {
    let mut scorecards = scorecards();
    scorecards[0].organisation = "=HYPERLINK(\"http://evil\",\"x\")".to_owned();
    scorecards[1].organisation = "@SUM(A1)".to_owned();
    scorecards[2].organisation = "-1+2".to_owned();
    scorecards[3].organisation = "\tTab, \"quoted\"".to_owned();
    let csv = String::from_utf8(export::to_csv(&export::wide(&scorecards))).expect("utf-8");
    assert!(csv.contains("\r\n"), "RFC 4180 line ends");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let organisations: Vec<String> = reader
        .records()
        .map(|record| record.expect("record")[0].to_owned())
        .collect();
    assert_eq!(organisations[0], "'=HYPERLINK(\"http://evil\",\"x\")");
    assert_eq!(organisations[1], "'@SUM(A1)");
    assert_eq!(organisations[2], "'-1+2");
    assert_eq!(organisations[3], "'\tTab, \"quoted\"");
    insta::assert_snapshot!("wide_csv_header", csv.lines().next().expect("header"));
    let long = String::from_utf8(export::to_csv(&export::long(&scorecards[4..5]))).expect("utf-8");
    insta::assert_snapshot!(
        "long_csv_start",
        long.lines().take(8).collect::<Vec<_>>().join("\n")
    );
}
