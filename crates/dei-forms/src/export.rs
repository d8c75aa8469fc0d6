//! `dei export`: scorecards as tidy tables for spreadsheets and analysis tools (SPEC §16).
//!
//! Two tables: `long` (one row per organisation × period × item) and `wide` (one row per
//! organisation and period). CSV holds one of them (RFC 4180, UTF-8, formula injection
//! neutralised); XLSX holds both, with typed cells, frozen headers, filters and a chart.

use dei_core::Scorecard;

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

/// The long table: organisation, period, section, item, status, value, raw score, score,
/// evidence count; item scores in [0, 1] as in the scorecard.
pub fn long(scorecards: &[Scorecard]) -> Table {
    let header = [
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
    ]
    .map(str::to_owned)
    .to_vec();
    let mut rows = Vec::new();
    for scorecard in scorecards {
        for item in &scorecard.items {
            let section = item.id.split_once('.').map_or("", |(section, _)| section);
            rows.push(vec![
                Cell::text(&scorecard.organisation),
                Cell::text(&scorecard.period),
                Cell::text(&scorecard.checklist.id),
                Cell::text(section),
                Cell::text(&item.id),
                Cell::text(item.status.as_str()),
                value_cell(&item.value),
                Cell::opt(item.raw_score),
                Cell::opt(item.score),
                Cell::Number(item.evidence as f64),
            ]);
        }
    }
    Table {
        name: "items",
        header,
        rows,
    }
}

fn value_cell(value: &serde_json::Value) -> Cell {
    match value {
        serde_json::Value::Null => Cell::Empty,
        serde_json::Value::Number(n) => n.as_f64().map_or(Cell::Empty, Cell::Number),
        serde_json::Value::String(s) => Cell::text(s),
        serde_json::Value::Array(list) => Cell::text(
            list.iter()
                .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
                .collect::<Vec<_>>()
                .join(" "),
        ),
        other => Cell::text(other.to_string()),
    }
}

/// The wide table: one row per organisation and period with overall, level, completeness,
/// washing risk, evidence coverage, N/A share, one column per section (`section.<id>`) and per
/// index (`kind.<id>`, `tag.<id>`) in order of first appearance, and the fired flags.
pub fn wide(scorecards: &[Scorecard]) -> Table {
    let mut sections: Vec<String> = Vec::new();
    let mut kinds: Vec<String> = Vec::new();
    let mut tags: Vec<String> = Vec::new();
    for scorecard in scorecards {
        for section in &scorecard.sections {
            if !sections.contains(&section.id) {
                sections.push(section.id.clone());
            }
        }
        for kind in scorecard.indices.kind.keys() {
            if !kinds.contains(kind) {
                kinds.push(kind.clone());
            }
        }
        for tag in scorecard.indices.tag.keys() {
            if !tags.contains(tag) {
                tags.push(tag.clone());
            }
        }
    }
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
    header.extend(sections.iter().map(|s| format!("section.{s}")));
    header.extend(kinds.iter().map(|k| format!("kind.{k}")));
    header.extend(tags.iter().map(|t| format!("tag.{t}")));
    header.push("flags".to_owned());
    let rows = scorecards
        .iter()
        .map(|scorecard| {
            let mut row = vec![
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
            ];
            for id in &sections {
                row.push(Cell::opt(
                    scorecard
                        .sections
                        .iter()
                        .find(|s| &s.id == id)
                        .and_then(|s| s.score),
                ));
            }
            for kind in &kinds {
                row.push(Cell::opt(
                    scorecard.indices.kind.get(kind).copied().flatten(),
                ));
            }
            for tag in &tags {
                row.push(Cell::opt(scorecard.indices.tag.get(tag).copied().flatten()));
            }
            row.push(Cell::text(
                scorecard
                    .flags
                    .iter()
                    .map(|f| f.rule.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
            ));
            row
        })
        .collect();
    Table {
        name: "organisations",
        header,
        rows,
    }
}

/// Text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage return
/// first) gets a leading `'`: it then shows as the text it is (OWASP's CSV injection advice).
pub fn neutralise(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// The table as CSV: RFC 4180 (CRLF line ends, quotes where needed), UTF-8 without a BOM,
/// numbers in full precision, text neutralised against formula injection.
pub fn to_csv(table: &Table) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let _ = writer.write_record(&table.header);
    let mut record: Vec<String> = Vec::with_capacity(table.header.len());
    for row in &table.rows {
        record.clear();
        record.extend(row.iter().map(|cell| match cell {
            Cell::Text(text) => neutralise(text).into_owned(),
            Cell::Number(n) => crate::form::format_number(*n),
            Cell::Empty => String::new(),
        }));
        let _ = writer.write_record(&record);
    }
    writer.into_inner().unwrap_or_default()
}

/// Data rows per sheet (Excel's limit is 1,048,576 rows including the header).
pub const MAX_SHEET_ROWS: usize = 1_000_000;

/// Names of the sheets of the long table, in order.
const ITEM_SHEETS: &[&str] = &[
    "items", "items 2", "items 3", "items 4", "items 5", "items 6", "items 7", "items 8",
];

/// At most this many rows of the wide table are drawn in the chart (one series each); the
/// table itself holds every row.
pub const CHART_ROWS: usize = 12;

/// Both tables as an XLSX workbook: the wide sheet first with a column chart of section scores
/// (its first [`CHART_ROWS`] rows), then the long sheet. Numbers are number cells, headers
/// frozen, every sheet filtered. Text is written as text cells, which never run as formulas.
pub fn to_xlsx(scorecards: &[Scorecard]) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Chart, ChartType, Format, Workbook};
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let number = Format::new().set_num_format("0.0");
    let wide = wide(scorecards);
    let long = long(scorecards);
    // A sheet holds at most 1,048,576 rows: a long table beyond that (10,000 organisations of
    // `ngo-dei` have 1,010,000 item rows) continues on sheets `items 2`, `items 3`...
    let mut parts = vec![wide.clone()];
    for (index, chunk) in long.rows.chunks(MAX_SHEET_ROWS).enumerate() {
        parts.push(Table {
            name: ITEM_SHEETS[index.min(ITEM_SHEETS.len() - 1)],
            header: long.header.clone(),
            rows: chunk.to_vec(),
        });
    }
    if long.rows.is_empty() {
        parts.push(long.clone());
    }
    for table in &parts {
        let sheet = workbook.add_worksheet();
        sheet.set_name(table.name)?;
        for (c, header) in table.header.iter().enumerate() {
            sheet.write_string_with_format(0, column(c), header, &bold)?;
        }
        for (r, row) in table.rows.iter().enumerate() {
            let r = u32::try_from(r + 1).unwrap_or(u32::MAX);
            for (c, cell) in row.iter().enumerate() {
                match cell {
                    Cell::Text(text) if text.is_empty() => {}
                    Cell::Text(text) => {
                        sheet.write_string(r, column(c), text)?;
                    }
                    Cell::Number(n) => {
                        sheet.write_number_with_format(r, column(c), *n, &number)?;
                    }
                    Cell::Empty => {}
                }
            }
        }
        sheet.set_freeze_panes(1, 0)?;
        let last_row = u32::try_from(table.rows.len()).unwrap_or(u32::MAX);
        sheet.autofilter(0, 0, last_row, column(table.header.len().saturating_sub(1)))?;
        sheet.set_column_width(0, 28)?;
        // The chart sits to the right of the table, where it is seen without scrolling.
        if table.name == wide.name && !table.rows.is_empty() {
            let first = table.header.iter().position(|h| h.starts_with("section."));
            let last = table.header.iter().rposition(|h| h.starts_with("section."));
            if let (Some(first), Some(last)) = (first, last) {
                let mut chart = Chart::new(ChartType::Column);
                chart.title().set_name("Section scores");
                chart.y_axis().set_min(0).set_max(100);
                for r in 1..=table.rows.len().min(CHART_ROWS) {
                    let r = u32::try_from(r).unwrap_or(u32::MAX);
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
        }
    }
    workbook.save_to_buffer()
}

fn column(index: usize) -> u16 {
    u16::try_from(index).unwrap_or(u16::MAX)
}
