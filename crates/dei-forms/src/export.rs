//! `dei export`: scorecards as tidy tables for spreadsheets and analysis tools (SPEC §16).
//!
//! Two tables: `long` (one row per organisation × period × item) and `wide` (one row per
//! organisation and period). CSV holds one of them (RFC 4180, UTF-8, formula injection
//! neutralised); XLSX holds both, with typed cells, frozen headers, filters and a chart.
//!
//! Scorecards can be given one at a time ([`Exporter`]), so that a caller scoring thousands of
//! files keeps one scorecard at a time: the long table is written row by row as each arrives
//! (into the CSV text, or into rust_xlsxwriter's constant-memory sheets, which keep one row in
//! memory and the rest in a temporary file); only the wide table, a few numbers per scorecard,
//! is held until the end, because its columns are the sections and indices of all of them.

use std::borrow::Cow;

use dei_core::Scorecard;
use dei_core::scorecard::ItemResult;
use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};

/// A cell: numbers stay numbers.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// Text.
    Text(String),
    /// A number.
    Number(f64),
    /// Nothing (a score that does not exist, such as an N/A item's).
    Empty,
}

impl Cell {
    fn opt(value: Option<f64>) -> Cell {
        value.map_or(Cell::Empty, Cell::Number)
    }

    fn text(value: impl Into<String>) -> Cell {
        Cell::Text(value.into())
    }
}

/// A cell borrowed from a scorecard where it can be: the long table has a million rows, and
/// copying each text into a `String` before writing it was most of the export's allocations.
#[derive(Clone, Debug, PartialEq)]
enum Field<'a> {
    Text(Cow<'a, str>),
    Number(f64),
    Empty,
}

impl<'a> Field<'a> {
    /// A cell of a finished table, borrowed for writing.
    fn of(cell: &'a Cell) -> Self {
        match cell {
            Cell::Text(text) => Field::Text(Cow::Borrowed(text)),
            Cell::Number(n) => Field::Number(*n),
            Cell::Empty => Field::Empty,
        }
    }

    fn opt(value: Option<f64>) -> Self {
        value.map_or(Field::Empty, Field::Number)
    }

    fn to_cell(&self) -> Cell {
        match self {
            Field::Text(text) => Cell::Text(text.clone().into_owned()),
            Field::Number(n) => Cell::Number(*n),
            Field::Empty => Cell::Empty,
        }
    }
}

/// A table with a name (the XLSX sheet name).
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// The sheet name.
    pub name: &'static str,
    /// Column names.
    pub header: Vec<String>,
    /// Rows.
    pub rows: Vec<Vec<Cell>>,
}

/// The columns of the long table.
const LONG_HEADER: [&str; 10] = [
    "organisation",
    "period",
    "checklist",
    "section",
    "item",
    "status",
    "value",
    "raw_score",
    "score",
    "evidence",
];

/// The columns of the long table that hold numbers (and, in `value`, text answers too).
const LONG_NUMBERS: std::ops::Range<usize> = 6..10;

/// The long table: organisation, period, section, item, status, value, raw score, score,
/// evidence count; item scores in [0, 1] as in the scorecard.
pub fn long(scorecards: &[Scorecard]) -> Table {
    let rows = scorecards
        .iter()
        .flat_map(|scorecard| {
            scorecard.items.iter().map(move |item| {
                long_row(scorecard, item)
                    .iter()
                    .map(Field::to_cell)
                    .collect()
            })
        })
        .collect();
    Table {
        name: "items",
        header: LONG_HEADER.map(str::to_owned).to_vec(),
        rows,
    }
}

/// One row of the long table, borrowing the scorecard's texts.
fn long_row<'a>(scorecard: &'a Scorecard, item: &'a ItemResult) -> [Field<'a>; 10] {
    let section = item.id.split_once('.').map_or("", |(section, _)| section);
    [
        Field::Text(Cow::Borrowed(&scorecard.organisation)),
        Field::Text(Cow::Borrowed(&scorecard.period)),
        Field::Text(Cow::Borrowed(&scorecard.checklist.id)),
        Field::Text(Cow::Borrowed(section)),
        Field::Text(Cow::Borrowed(&item.id)),
        Field::Text(Cow::Borrowed(item.status.as_str())),
        value_field(&item.value),
        Field::opt(item.raw_score),
        Field::opt(item.score),
        Field::Number(item.evidence as f64),
    ]
}

fn value_field(value: &serde_json::Value) -> Field<'_> {
    match value {
        serde_json::Value::Null => Field::Empty,
        serde_json::Value::Number(n) => n.as_f64().map_or(Field::Empty, Field::Number),
        serde_json::Value::String(s) => Field::Text(Cow::Borrowed(s)),
        serde_json::Value::Array(list) => Field::Text(Cow::Owned(
            list.iter()
                .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
                .collect::<Vec<_>>()
                .join(" "),
        )),
        other => Field::Text(Cow::Owned(other.to_string())),
    }
}

/// The wide table: one row per organisation and period with overall, level, completeness,
/// washing risk, evidence coverage, N/A share, one column per section (`section.<id>`) and per
/// index (`kind.<id>`, `tag.<id>`) in order of first appearance, and the fired flags.
pub fn wide(scorecards: &[Scorecard]) -> Table {
    let mut wide = Wide::default();
    for scorecard in scorecards {
        wide.add(scorecard);
    }
    wide.into_table()
}

/// The wide table built one scorecard at a time: each row keeps its fixed columns and its
/// section and index scores by column number, as the columns are known only at the end.
#[derive(Default)]
struct Wide {
    sections: Vec<String>,
    kinds: Vec<String>,
    tags: Vec<String>,
    rows: Vec<WideRow>,
}

struct WideRow {
    fixed: Vec<Cell>,
    sections: Vec<(usize, Option<f64>)>,
    kinds: Vec<(usize, Option<f64>)>,
    tags: Vec<(usize, Option<f64>)>,
    flags: String,
}

/// The position of `id` in `columns`, added at the end when it is new.
fn column_of(columns: &mut Vec<String>, id: &str) -> usize {
    columns.iter().position(|c| c == id).unwrap_or_else(|| {
        columns.push(id.to_owned());
        columns.len() - 1
    })
}

/// The value of a column in a row's sparse list: the first entry for it, as a lookup by id in
/// the scorecard finds the first.
fn lookup(values: &[(usize, Option<f64>)], column: usize) -> Cell {
    Cell::opt(
        values
            .iter()
            .find(|(c, _)| *c == column)
            .and_then(|(_, v)| *v),
    )
}

impl Wide {
    fn add(&mut self, scorecard: &Scorecard) {
        let sections = scorecard
            .sections
            .iter()
            .map(|s| (column_of(&mut self.sections, &s.id), s.score))
            .collect();
        let kinds = scorecard
            .indices
            .kind
            .iter()
            .map(|(k, v)| (column_of(&mut self.kinds, k), *v))
            .collect();
        let tags = scorecard
            .indices
            .tag
            .iter()
            .map(|(t, v)| (column_of(&mut self.tags, t), *v))
            .collect();
        self.rows.push(WideRow {
            fixed: vec![
                Cell::text(&scorecard.organisation),
                Cell::text(&scorecard.period),
                Cell::text(&scorecard.checklist.id),
                Cell::text(&scorecard.checklist.version),
                Cell::opt(scorecard.overall),
                scorecard
                    .level
                    .as_ref()
                    .map_or(Cell::Empty, |l| Cell::text(&l.id)),
                Cell::Number(scorecard.completeness),
                Cell::text(scorecard.washing_risk.as_str()),
                Cell::opt(scorecard.evidence_coverage),
                Cell::opt(scorecard.na_share),
            ],
            sections,
            kinds,
            tags,
            flags: scorecard
                .flags
                .iter()
                .map(|f| f.rule.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        });
    }

    fn into_table(self) -> Table {
        let mut header: Vec<String> = [
            "organisation",
            "period",
            "checklist",
            "version",
            "overall",
            "level",
            "completeness",
            "washing_risk",
            "evidence_coverage",
            "na_share",
        ]
        .map(str::to_owned)
        .to_vec();
        header.extend(self.sections.iter().map(|s| format!("section.{s}")));
        header.extend(self.kinds.iter().map(|k| format!("kind.{k}")));
        header.extend(self.tags.iter().map(|t| format!("tag.{t}")));
        header.push("flags".to_owned());
        let (sections, kinds, tags) = (self.sections.len(), self.kinds.len(), self.tags.len());
        let rows = self
            .rows
            .into_iter()
            .map(|row| {
                let mut cells = row.fixed;
                cells.reserve(sections + kinds + tags + 1);
                cells.extend((0..sections).map(|c| lookup(&row.sections, c)));
                cells.extend((0..kinds).map(|c| lookup(&row.kinds, c)));
                cells.extend((0..tags).map(|c| lookup(&row.tags, c)));
                cells.push(Cell::Text(row.flags));
                cells
            })
            .collect();
        Table {
            name: "organisations",
            header,
            rows,
        }
    }
}

/// Text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage return
/// first) gets a leading `'`: it then shows as the text it is (OWASP's CSV injection advice).
pub fn neutralise(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// The CSV writer of this module: RFC 4180 line ends, quotes where needed.
fn csv_writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new())
}

/// Writes one row as CSV (what `write_record` does, field by field, without a `Vec`).
fn write_csv_row<'a>(
    writer: &mut csv::Writer<Vec<u8>>,
    cells: impl Iterator<Item = &'a Field<'a>>,
) {
    for cell in cells {
        let _ = match cell {
            Field::Text(text) => writer.write_field(neutralise(text).as_bytes()),
            Field::Number(n) => writer.write_field(crate::form::format_number(*n)),
            Field::Empty => writer.write_field(b""),
        };
    }
    let _ = writer.write_record(None::<&[u8]>);
}

/// The table as CSV: RFC 4180 (CRLF line ends, quotes where needed), UTF-8 without a BOM,
/// numbers in full precision, text neutralised against formula injection.
pub fn to_csv(table: &Table) -> Vec<u8> {
    let mut writer = csv_writer();
    let _ = writer.write_record(&table.header);
    for row in &table.rows {
        let fields: Vec<Field<'_>> = row.iter().map(Field::of).collect();
        write_csv_row(&mut writer, fields.iter());
    }
    writer.into_inner().unwrap_or_default()
}

/// Data rows per sheet (Excel's limit is 1,048,576 rows including the header).
pub const MAX_SHEET_ROWS: usize = 1_000_000;

/// At most this many rows of the wide table are drawn in the chart (one series each); the
/// table itself holds every row.
pub const CHART_ROWS: usize = 12;

/// Both tables as an XLSX workbook: the wide sheet first with a column chart of section scores
/// (its first [`CHART_ROWS`] rows), then the long sheet. Numbers are number cells, headers
/// frozen, every sheet filtered. Text is written as text cells, which never run as formulas.
///
/// # Errors
///
/// When rust_xlsxwriter fails, for example when no temporary file can be made (see
/// [`Xlsx::new`]).
pub fn to_xlsx(scorecards: &[Scorecard]) -> Result<Vec<u8>, XlsxError> {
    let mut xlsx = Xlsx::new()?;
    for scorecard in scorecards {
        xlsx.add(scorecard)?;
    }
    xlsx.finish()
}

/// What [`Exporter`] writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// The long table as CSV.
    LongCsv,
    /// The wide table as CSV.
    WideCsv,
    /// Both tables as an XLSX workbook.
    Xlsx,
}

/// An export made one scorecard at a time, so that the caller can let each scorecard go once
/// it is added; the output is byte for byte what [`to_csv`] of [`long`] or [`wide`], or
/// [`to_xlsx`], make of the same scorecards in the same order.
pub struct Exporter(Sink);

enum Sink {
    LongCsv(Box<csv::Writer<Vec<u8>>>),
    WideCsv(Wide),
    Xlsx(Box<Xlsx>),
}

impl Exporter {
    /// An empty export in `format`.
    ///
    /// # Errors
    ///
    /// For XLSX, as [`Xlsx::new`].
    pub fn new(format: Format) -> Result<Self, XlsxError> {
        Ok(Exporter(match format {
            Format::LongCsv => {
                let mut writer = csv_writer();
                let _ = writer.write_record(LONG_HEADER);
                Sink::LongCsv(Box::new(writer))
            }
            Format::WideCsv => Sink::WideCsv(Wide::default()),
            Format::Xlsx => Sink::Xlsx(Box::new(Xlsx::new()?)),
        }))
    }

    /// Adds the rows of one scorecard.
    ///
    /// # Errors
    ///
    /// For XLSX, when rust_xlsxwriter fails to write a cell.
    pub fn add(&mut self, scorecard: &Scorecard) -> Result<(), XlsxError> {
        match &mut self.0 {
            Sink::LongCsv(writer) => {
                for item in &scorecard.items {
                    write_csv_row(writer, long_row(scorecard, item).iter());
                }
                Ok(())
            }
            Sink::WideCsv(wide) => {
                wide.add(scorecard);
                Ok(())
            }
            Sink::Xlsx(xlsx) => xlsx.add(scorecard),
        }
    }

    /// The file's bytes.
    ///
    /// # Errors
    ///
    /// For XLSX, when rust_xlsxwriter fails to assemble the workbook.
    pub fn finish(self) -> Result<Vec<u8>, XlsxError> {
        match self.0 {
            Sink::LongCsv(writer) => Ok(writer.into_inner().unwrap_or_default()),
            Sink::WideCsv(wide) => Ok(to_csv(&wide.into_table())),
            Sink::Xlsx(xlsx) => xlsx.finish(),
        }
    }
}

/// The XLSX export written as scorecards arrive (see [`to_xlsx`] for what it holds).
///
/// Every sheet is a rust_xlsxwriter constant-memory sheet: each row goes to a temporary file
/// when the next begins, so memory stays bounded however many scorecards there are. Rows are
/// therefore written strictly top to bottom: the long table as scorecards arrive (continuing
/// on `items 2`, `items 3`... after [`MAX_SHEET_ROWS`] rows), the wide table, whose columns
/// depend on every scorecard, at the end into the first sheet, which was created first so that
/// it comes first in the workbook.
pub struct Xlsx {
    workbook: Workbook,
    bold: rust_xlsxwriter::Format,
    number: rust_xlsxwriter::Format,
    wide: Wide,
    /// Item sheets so far; the current one is sheet number `item_sheets` (0 is the wide one).
    item_sheets: usize,
    /// Data rows written in the current item sheet.
    rows: usize,
    rows_per_sheet: usize,
}

impl Xlsx {
    /// An empty workbook with its two first sheets.
    ///
    /// # Errors
    ///
    /// When no temporary file can be made in the system's temporary folder (`TMPDIR`), where
    /// the constant-memory sheets keep their rows.
    pub fn new() -> Result<Self, XlsxError> {
        Self::with_rows_per_sheet(MAX_SHEET_ROWS)
    }

    /// Like [`Xlsx::new`], with another number of data rows per item sheet (for tests of the
    /// continuation sheets without a million rows). At least one.
    ///
    /// # Errors
    ///
    /// As [`Xlsx::new`].
    pub fn with_rows_per_sheet(rows_per_sheet: usize) -> Result<Self, XlsxError> {
        let mut workbook = undated_workbook()?;
        // rust_xlsxwriter makes a temporary file for every sheet and panics when it cannot:
        // this checks the folder first and turns that into an error.
        workbook.set_tempdir(std::env::temp_dir())?;
        workbook
            .add_worksheet_with_constant_memory()
            .set_name("organisations")?;
        let mut xlsx = Xlsx {
            workbook,
            bold: rust_xlsxwriter::Format::new().set_bold(),
            number: rust_xlsxwriter::Format::new().set_num_format("0.0"),
            wide: Wide::default(),
            item_sheets: 0,
            rows: 0,
            rows_per_sheet: rows_per_sheet.clamp(1, MAX_SHEET_ROWS),
        };
        xlsx.start_item_sheet()?;
        Ok(xlsx)
    }

    fn start_item_sheet(&mut self) -> Result<(), XlsxError> {
        self.item_sheets += 1;
        self.rows = 0;
        let name = if self.item_sheets == 1 {
            "items".to_owned()
        } else {
            format!("items {}", self.item_sheets)
        };
        let sheet = self.workbook.add_worksheet_with_constant_memory();
        sheet.set_name(name)?;
        write_header(sheet, LONG_HEADER.iter().copied(), &self.bold)?;
        // The number columns (value to evidence) carry the number format, so that each of the
        // millions of number cells is written without one: rust_xlsxwriter looks a cell's
        // format up by hashing the whole `Format`, which was a tenth of the export's time.
        sheet.set_column_range_format(
            column(LONG_NUMBERS.start),
            column(LONG_NUMBERS.end - 1),
            &self.number,
        )?;
        Ok(())
    }

    /// Gives the current item sheet its filter, once its last row is known.
    fn end_item_sheet(&mut self) -> Result<(), XlsxError> {
        let rows = self.rows;
        let sheet = self.workbook.worksheet_from_index(self.item_sheets)?;
        finish_sheet(sheet, rows, LONG_HEADER.len())
    }

    /// Adds the rows of one scorecard.
    ///
    /// # Errors
    ///
    /// When rust_xlsxwriter fails to write a cell.
    pub fn add(&mut self, scorecard: &Scorecard) -> Result<(), XlsxError> {
        self.wide.add(scorecard);
        for item in &scorecard.items {
            if self.rows == self.rows_per_sheet {
                self.end_item_sheet()?;
                self.start_item_sheet()?;
            }
            self.rows += 1;
            let row = row_number(self.rows);
            let sheet = self.workbook.worksheet_from_index(self.item_sheets)?;
            write_row(sheet, row, long_row(scorecard, item).iter(), None)?;
        }
        Ok(())
    }

    /// The workbook's bytes.
    ///
    /// # Errors
    ///
    /// When rust_xlsxwriter fails to write the wide table or to assemble the workbook.
    pub fn finish(mut self) -> Result<Vec<u8>, XlsxError> {
        use rust_xlsxwriter::{Chart, ChartType};
        self.end_item_sheet()?;
        let table = std::mem::take(&mut self.wide).into_table();
        let sheet = self.workbook.worksheet_from_index(0)?;
        write_header(sheet, table.header.iter().map(String::as_str), &self.bold)?;
        for (r, cells) in table.rows.iter().enumerate() {
            let fields: Vec<Field<'_>> = cells.iter().map(Field::of).collect();
            write_row(sheet, row_number(r + 1), fields.iter(), Some(&self.number))?;
        }
        finish_sheet(sheet, table.rows.len(), table.header.len())?;
        // The chart sits to the right of the table, where it is seen without scrolling.
        let first = table.header.iter().position(|h| h.starts_with("section."));
        let last = table.header.iter().rposition(|h| h.starts_with("section."));
        if let (Some(first), Some(last), false) = (first, last, table.rows.is_empty()) {
            let mut chart = Chart::new(ChartType::Column);
            chart.title().set_name("Section scores");
            chart.y_axis().set_min(0).set_max(100);
            for r in 1..=table.rows.len().min(CHART_ROWS) {
                let r = row_number(r);
                chart
                    .add_series()
                    // The name is a reference to the organisation's cell, never text that
                    // the chart could read as a formula.
                    .set_name((table.name, r, 0))
                    .set_categories((table.name, 0, column(first), 0, column(last)))
                    .set_values((table.name, r, column(first), r, column(last)));
            }
            chart.set_width(960).set_height(480);
            sheet.insert_chart(1, column(table.header.len() + 1), &chart)?;
        }
        self.workbook.save_to_buffer()
    }
}

/// An empty workbook whose bytes do not depend on when it is written.
///
/// A workbook's only clock reading would be its creation time in `docProps/core.xml`: a fixed
/// one (1980-01-01, the date the zip entries carry) makes the same content give the same bytes.
///
/// # Errors
///
/// Never in practice: only if rust_xlsxwriter refused that date.
pub fn undated_workbook() -> Result<Workbook, XlsxError> {
    let mut workbook = Workbook::new();
    let created = rust_xlsxwriter::ExcelDateTime::from_ymd(1980, 1, 1)?;
    workbook.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&created));
    Ok(workbook)
}

fn write_header<'a>(
    sheet: &mut Worksheet,
    header: impl Iterator<Item = &'a str>,
    bold: &rust_xlsxwriter::Format,
) -> Result<(), XlsxError> {
    for (c, name) in header.enumerate() {
        sheet.write_string_with_format(0, column(c), name, bold)?;
    }
    Ok(())
}

/// Writes one row; numbers with the `number` format, or, when it is `None`, with their
/// column's format.
fn write_row<'a>(
    sheet: &mut Worksheet,
    row: u32,
    cells: impl Iterator<Item = &'a Field<'a>>,
    number: Option<&rust_xlsxwriter::Format>,
) -> Result<(), XlsxError> {
    for (c, cell) in cells.enumerate() {
        match cell {
            Field::Text(text) if text.is_empty() => {}
            Field::Text(text) => {
                sheet.write_string(row, column(c), text.as_ref())?;
            }
            Field::Number(n) => match number {
                Some(format) => {
                    sheet.write_number_with_format(row, column(c), *n, format)?;
                }
                None => {
                    sheet.write_number(row, column(c), *n)?;
                }
            },
            Field::Empty => {}
        }
    }
    Ok(())
}

/// Frozen header, a filter over the header and `rows` data rows, a wide first column.
fn finish_sheet(sheet: &mut Worksheet, rows: usize, columns: usize) -> Result<(), XlsxError> {
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, row_number(rows), column(columns.saturating_sub(1)))?;
    sheet.set_column_width(0, 28)?;
    Ok(())
}

fn row_number(index: usize) -> u32 {
    u32::try_from(index).unwrap_or(u32::MAX)
}

fn column(index: usize) -> u16 {
    u16::try_from(index).unwrap_or(u16::MAX)
}
