//! `dei export`: the XLSX read back with calamine cell by cell; CSV neutralised and RFC 4180.

use calamine::{Data, Reader as _};
use dei_core::{Library, Scorecard, score};
use dei_forms::export::{self, Cell};

use crate::support::root;

fn scorecards() -> Vec<Scorecard> {
    let mut library = Library::with_resolver(dei_core::fs::FsResolver);
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

/// The text of one part of a workbook (`xl/worksheets/sheet1.xml`...).
fn part(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut text = String::new();
    std::io::Read::read_to_string(&mut archive.by_name(name).expect(name), &mut text)
        .expect("utf-8");
    text
}

/// What calamine reads in one cell, as the export's cell.
fn read_cell(range: &calamine::Range<Data>, row: usize, column: usize) -> Cell {
    match range.get((row, column)) {
        None | Some(Data::Empty) => Cell::Empty,
        Some(Data::String(text)) => Cell::Text(text.clone()),
        Some(Data::Float(n)) => Cell::Number(*n),
        Some(other) => panic!("unexpected cell {other:?} at {row}:{column}"),
    }
}

/// An empty text is written as no cell at all.
fn as_read(cell: &Cell) -> Cell {
    match cell {
        Cell::Text(text) if text.is_empty() => Cell::Empty,
        other => other.clone(),
    }
}

#[test]
fn a_long_table_continues_on_further_sheets_in_row_order() {
    // The constant-memory sheets are written top to bottom as scorecards arrive: with a few
    // rows per sheet, the long table must still come back whole, in order, on `items`,
    // `items 2`..., each with its header, frozen, filtered over exactly its rows.
    let scorecards = scorecards();
    let long = export::long(&scorecards);
    let per_sheet = long.rows.len() / 3 + 1;
    let sheets = long.rows.len().div_ceil(per_sheet);
    assert!(sheets >= 3, "{} rows", long.rows.len());
    let mut xlsx = export::Xlsx::with_rows_per_sheet(per_sheet).expect("workbook");
    for scorecard in &scorecards {
        xlsx.add(scorecard).expect("rows");
    }
    let bytes = xlsx.finish().expect("xlsx");
    let mut workbook =
        calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes.clone())).expect("reads");
    let mut names = vec!["organisations".to_owned(), "items".to_owned()];
    names.extend((2..=sheets).map(|n| format!("items {n}")));
    assert_eq!(workbook.sheet_names(), names);

    let mut rows = long.rows.iter();
    for (index, name) in names[1..].iter().enumerate() {
        let range = workbook.worksheet_range(name).expect("sheet");
        let expected = per_sheet.min(long.rows.len() - index * per_sheet);
        assert_eq!(range.height(), expected + 1, "{name}");
        for (c, header) in long.header.iter().enumerate() {
            assert_eq!(
                read_cell(&range, 0, c),
                Cell::Text(header.clone()),
                "{name}"
            );
        }
        for r in 1..=expected {
            let row = rows.next().expect("a row of the long table");
            for (c, cell) in row.iter().enumerate() {
                assert_eq!(read_cell(&range, r, c), as_read(cell), "{name} {r} {c}");
            }
        }
        // Sheet 1 is the wide table; the item sheets follow.
        let xml = part(&bytes, &format!("xl/worksheets/sheet{}.xml", index + 2));
        assert!(xml.contains(r#"state="frozen""#), "{name}: frozen header");
        assert!(
            xml.contains(&format!(r#"<autoFilter ref="A1:J{}"/>"#, expected + 1)),
            "{name}: filter over its rows"
        );
    }
    assert!(rows.next().is_none(), "every row is in a sheet");

    // The wide sheet, written last into the first sheet: every row, its header, the chart.
    let wide = export::wide(&scorecards);
    let range = workbook.worksheet_range("organisations").expect("sheet");
    assert_eq!(range.height(), wide.rows.len() + 1);
    for (r, row) in wide.rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            assert_eq!(read_cell(&range, r + 1, c), as_read(cell), "wide {r} {c}");
        }
    }
    let xml = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(xml.contains(r#"state="frozen""#));
    assert!(xml.contains("<autoFilter ref=\"A1:"));
    assert!(
        xml.contains("<drawing "),
        "the chart is anchored on the wide sheet"
    );
    let chart = part(&bytes, "xl/charts/chart1.xml");
    assert!(chart.contains("<c:barChart>"), "a native column chart");
    assert!(
        chart.contains("organisations!$A$2"),
        "series named by the organisation's cell"
    );
}

#[test]
fn every_export_is_the_same_bytes_one_scorecard_at_a_time_and_every_time() {
    let scorecards = scorecards();
    let once = |format| {
        let mut exporter = export::Exporter::new(format).expect("exporter");
        for scorecard in &scorecards {
            exporter.add(scorecard).expect("rows");
        }
        exporter.finish().expect("bytes")
    };
    assert_eq!(
        once(export::Format::LongCsv),
        export::to_csv(&export::long(&scorecards))
    );
    assert_eq!(
        once(export::Format::WideCsv),
        export::to_csv(&export::wide(&scorecards))
    );
    let xlsx = once(export::Format::Xlsx);
    assert_eq!(xlsx, export::to_xlsx(&scorecards).expect("xlsx"));
    assert_eq!(xlsx, once(export::Format::Xlsx), "no clock in the workbook");
}
