//! The report's charts as inline SVG, written from the report model: the radar of the first
//! page, the section bars, the trend across periods and the benchmark's quartile bands.
//!
//! Invariants: no script, no external reference, every text escaped with [`escape_xml`]; each
//! chart has a `<title>` and a `<desc>` (its data in words) with ids unique on the page, and the
//! report puts the same data beside it as a table. Scores are drawn on a 0–100 scale, in the
//! model's order (sections in checklist order). Elements carry `class` and `data-*` attributes
//! so that tests (and style sheets) can find series, points and labels.

use std::fmt::Write as _;

use crate::escape::escape_xml;
use crate::model::{BandChart, Chart, RadarChart, Series, TrendChart};

/// Colours of the series, in order: the current period, the previous one, the network median,
/// then the section lines of the trend. Chosen for contrast on white and for telling apart
/// without colour alone (the first three also differ in dash pattern).
const NOW: &str = "#1d4e89";
const PREVIOUS: &str = "#6b7683";
const MEDIAN: &str = "#b35c00";
const BAND: &str = "#f0b400";
const PALETTE: &[&str] = &[
    "#1d4e89", "#b35c00", "#2e7d32", "#8a1c1c", "#6a3d9a", "#00838f", "#9e6b00", "#c2185b",
    "#455a64", "#558b2f", "#5d4037", "#283593",
];
const FONT: &str = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

/// A number with one decimal and the given separator; `–` for none.
fn number(value: Option<f64>, decimal: char) -> String {
    value.map_or_else(
        || "–".to_owned(),
        |value| {
            let text = format!("{value:.1}");
            if decimal == '.' {
                text
            } else {
                text.replace('.', &decimal.to_string())
            }
        },
    )
}

/// The opening of a chart: figure, svg with its accessible title and description.
fn open(svg: &mut String, id: &str, class: &str, width: f64, height: f64, title: &str, desc: &str) {
    let _ = write!(
        svg,
        r#"<figure class="chart {class}"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height:.0}" role="img" aria-labelledby="{id}-title {id}-desc" font-family="{FONT}" font-size="16" data-chart="{id}"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        escape_xml(title),
        escape_xml(desc)
    );
}

fn close(svg: &mut String) {
    svg.push_str("</svg></figure>");
}

/// At most `max` characters, with an ellipsis when cut.
fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
        cut.push('…');
        cut
    }
}

/// A label in at most two lines of about `width` characters, split at a space.
fn two_lines(text: &str, width: usize) -> Vec<String> {
    if text.chars().count() <= width {
        return vec![text.to_owned()];
    }
    let mut first = String::new();
    let mut rest = String::new();
    for word in text.split_whitespace() {
        if rest.is_empty() && first.chars().count() + word.chars().count() < width {
            if !first.is_empty() {
                first.push(' ');
            }
            first.push_str(word);
        } else {
            if !rest.is_empty() {
                rest.push(' ');
            }
            rest.push_str(word);
        }
    }
    if first.is_empty() {
        return vec![truncate(text, width)];
    }
    vec![first, truncate(&rest, width)]
}

/// "label: value" per entry of a series, for a description.
fn describe(labels: &[String], series: &[Series], decimal: char) -> String {
    labels
        .iter()
        .enumerate()
        .map(|(index, label)| {
            let values: Vec<String> = series
                .iter()
                .map(|s| {
                    format!(
                        "{} {}",
                        s.label,
                        number(s.values.get(index).copied().flatten(), decimal)
                    )
                })
                .collect();
            format!("{label}: {}", values.join(", "))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// One legend entry: a swatch (line with its dash pattern) and a label.
fn legend_entry(svg: &mut String, x: f64, y: f64, colour: &str, dash: &str, label: &str) {
    let _ = write!(
        svg,
        r##"<g class="legend-entry"><line x1="{x:.1}" y1="{y:.1}" x2="{x2:.1}" y2="{y:.1}" stroke="{colour}" stroke-width="3"{dash}/><text x="{tx:.1}" y="{ty:.1}" fill="#1a1f24">{}</text></g>"##,
        escape_xml(&truncate(label, 40)),
        x2 = x + 22.0,
        tx = x + 28.0,
        ty = y + 5.0,
    );
}

fn dash_attr(index: usize) -> &'static str {
    match index {
        0 => "",
        1 => r#" stroke-dasharray="7 4""#,
        _ => r#" stroke-dasharray="2 3""#,
    }
}

/// The radar: one axis per section (in the model's order) from the centre (0) to the rim (100),
/// one closed line per series, the network's middle half as a shaded ring.
pub fn radar_svg(chart: &RadarChart) -> String {
    // Room around the rings for labels of two lines at a size still readable when the chart
    // is shrunk to a phone's width.
    const WIDTH: f64 = 620.0;
    const CX: f64 = 310.0;
    const CY: f64 = 215.0;
    const RADIUS: f64 = 128.0;
    let count = chart.axes.len().max(1);
    let angle = |index: usize| {
        std::f64::consts::TAU * index as f64 / count as f64 - std::f64::consts::FRAC_PI_2
    };
    let point = |index: usize, value: f64| {
        let r = RADIUS * value.clamp(0.0, 100.0) / 100.0;
        let a = angle(index);
        (CX + r * a.cos(), CY + r * a.sin())
    };
    let legend_rows = chart.series.len() + usize::from(chart.band.is_some());
    let height = CY + RADIUS + 78.0 + 26.0 * legend_rows as f64;
    let mut svg = String::new();
    open(
        &mut svg,
        "chart-radar",
        "radar",
        WIDTH,
        height,
        &chart.title,
        &describe(&chart.axes, &chart.series, chart.decimal),
    );
    // Rings at every 20 points, the axes and their labels.
    for ring in [20.0, 40.0, 60.0, 80.0, 100.0] {
        let points: Vec<String> = (0..count)
            .map(|index| {
                let (x, y) = point(index, ring);
                format!("{x:.1},{y:.1}")
            })
            .collect();
        let _ = write!(
            svg,
            r##"<polygon class="ring" points="{}" fill="none" stroke="#d5dae0"/>"##,
            points.join(" ")
        );
    }
    for ring in [0.0, 50.0, 100.0] {
        let (x, y) = point(0, ring);
        let _ = write!(
            svg,
            r##"<text class="scale" x="{tx:.1}" y="{y:.1}" fill="#4a5360" font-size="12">{ring:.0}</text>"##,
            tx = x + 4.0,
        );
    }
    for (index, axis) in chart.axes.iter().enumerate() {
        let (x, y) = point(index, 100.0);
        let _ = write!(
            svg,
            r##"<line class="axis" x1="{CX}" y1="{CY}" x2="{x:.1}" y2="{y:.1}" stroke="#d5dae0"/>"##
        );
        let a = angle(index);
        let (lx, ly) = (
            CX + (RADIUS + 14.0) * a.cos(),
            CY + (RADIUS + 14.0) * a.sin(),
        );
        let anchor = if a.cos().abs() < 0.2 {
            "middle"
        } else if a.cos() > 0.0 {
            "start"
        } else {
            "end"
        };
        let lines = two_lines(axis, 17);
        // Labels above the centre grow upwards, those below downwards.
        let first_y = if a.sin() < -0.2 {
            ly - 19.0 * (lines.len() as f64 - 1.0)
        } else if a.sin() > 0.2 {
            ly + 14.0
        } else {
            ly + 6.0 - 9.5 * (lines.len() as f64 - 1.0)
        };
        let _ = write!(
            svg,
            r##"<text class="axis-label" data-axis="{index}" x="{lx:.1}" y="{first_y:.1}" text-anchor="{anchor}" fill="#1a1f24" font-size="17">"##
        );
        for (line_index, line) in lines.iter().enumerate() {
            let _ = write!(
                svg,
                r#"<tspan x="{lx:.1}" dy="{}">{}</tspan>"#,
                if line_index == 0 { 0.0 } else { 19.0 },
                escape_xml(line)
            );
        }
        svg.push_str("</text>");
    }
    if let Some(band) = &chart.band {
        // The ring between p25 and p75: the outer polygon and the inner one, even-odd filled.
        let ring = |pick: fn((f64, f64)) -> f64| {
            let points: Vec<String> = (0..count)
                .map(|index| {
                    let value = band.values.get(index).copied().flatten().map_or(0.0, pick);
                    let (x, y) = point(index, value);
                    format!("{x:.1},{y:.1}")
                })
                .collect();
            format!("M{}Z", points.join(" L"))
        };
        let _ = write!(
            svg,
            r#"<path class="band" d="{} {}" fill="{BAND}" fill-opacity="0.25" fill-rule="evenodd" stroke="none"/>"#,
            ring(|(_, high)| high),
            ring(|(low, _)| low)
        );
    }
    // Series are drawn oldest first so that the current period lies on top.
    for (index, series) in chart.series.iter().enumerate().rev() {
        let colour = [NOW, PREVIOUS, MEDIAN].get(index).copied().unwrap_or(NOW);
        let points: Vec<String> = (0..count)
            .map(|axis| {
                let (x, y) = point(
                    axis,
                    series.values.get(axis).copied().flatten().unwrap_or(0.0),
                );
                format!("{x:.1},{y:.1}")
            })
            .collect();
        let fill = if index == 0 {
            format!(r#" fill="{NOW}" fill-opacity="0.15""#)
        } else {
            r#" fill="none""#.to_owned()
        };
        let _ = write!(
            svg,
            r#"<g class="series" data-series="{index}" data-label="{}"><polygon points="{}"{fill} stroke="{colour}" stroke-width="{}"{}/>"#,
            escape_xml(&series.label),
            points.join(" "),
            if index == 0 { 2.5 } else { 2.0 },
            dash_attr(index),
        );
        for (axis, value) in series.values.iter().enumerate() {
            if let Some(value) = value {
                let (x, y) = point(axis, *value);
                let _ = write!(
                    svg,
                    r#"<circle class="point" data-axis="{axis}" data-value="{value:.1}" cx="{x:.1}" cy="{y:.1}" r="{}" fill="{colour}"/>"#,
                    if index == 0 { 3.5 } else { 2.5 }
                );
            }
        }
        svg.push_str("</g>");
    }
    let mut y = CY + RADIUS + 76.0;
    for (index, series) in chart.series.iter().enumerate() {
        let colour = [NOW, PREVIOUS, MEDIAN].get(index).copied().unwrap_or(NOW);
        let dash = dash_attr(index);
        legend_entry(&mut svg, 40.0, y, colour, dash, &series.label);
        y += 26.0;
    }
    if let Some(band) = &chart.band {
        let _ = write!(
            svg,
            r##"<g class="legend-entry"><rect x="40" y="{ry:.1}" width="22" height="12" fill="{BAND}" fill-opacity="0.35"/><text x="68" y="{ty:.1}" fill="#1a1f24">{}</text></g>"##,
            escape_xml(&band.label),
            ry = y - 6.0,
            ty = y + 5.0,
        );
    }
    close(&mut svg);
    svg
}

/// The section bars: one bar per section now and, when given, a thinner bar for the previous
/// period, with the level thresholds as grid lines.
pub fn bars_svg(chart: &Chart) -> String {
    const WIDTH: f64 = 780.0;
    const LABEL_WIDTH: f64 = 300.0;
    const BAR_AREA: f64 = 420.0;
    const TOP: f64 = 34.0;
    let with_previous = chart.previous_label.is_some();
    let row_height = if with_previous { 36.0 } else { 28.0 };
    let legend_height = if with_previous { 30.0 } else { 8.0 };
    let rows = chart.rows.len() as f64;
    let height = TOP + rows * row_height + legend_height + 10.0;
    let x = |score: f64| LABEL_WIDTH + BAR_AREA * score.clamp(0.0, 100.0) / 100.0;
    let description: Vec<String> = chart
        .rows
        .iter()
        .map(|row| {
            let now = number(row.now, chart.decimal);
            match &chart.previous_label {
                Some(previous_label) => format!(
                    "{}: {now} ({previous_label}: {})",
                    row.label,
                    number(row.previous, chart.decimal)
                ),
                None => format!("{}: {now}", row.label),
            }
        })
        .collect();
    let mut svg = String::new();
    open(
        &mut svg,
        "chart-bars",
        "bars",
        WIDTH,
        height,
        &chart.title,
        &description.join("; "),
    );
    // Level thresholds as dashed grid lines with their labels on top.
    for (min, label) in &chart.levels {
        let gx = x(*min);
        let _ = write!(
            svg,
            r##"<line class="threshold" x1="{gx:.1}" y1="{y1}" x2="{gx:.1}" y2="{y2:.1}" stroke="#b8bec6" stroke-dasharray="3 3"/><text x="{tx:.1}" y="{ty}" fill="#4a5360" font-size="12">{}</text>"##,
            escape_xml(&truncate(label, 12)),
            y1 = TOP - 8.0,
            y2 = TOP + rows * row_height,
            tx = gx + 3.0,
            ty = TOP - 12.0,
        );
    }
    let _ = write!(
        svg,
        r##"<line x1="{x0:.1}" y1="{y1}" x2="{x1:.1}" y2="{y1}" stroke="#b8bec6"/>"##,
        x0 = x(0.0),
        x1 = x(100.0),
        y1 = TOP + rows * row_height,
    );
    for (index, row) in chart.rows.iter().enumerate() {
        let top = TOP + index as f64 * row_height;
        let now_height = if with_previous { 16.0 } else { 18.0 };
        let _ = write!(
            svg,
            r##"<text class="axis-label" x="{lx}" y="{ly:.1}" text-anchor="end" fill="#1a1f24">{}</text>"##,
            escape_xml(&truncate(&row.label, 36)),
            lx = LABEL_WIDTH - 10.0,
            ly = top + now_height / 2.0 + 5.0 + 2.0,
        );
        let bar_top = top + 2.0;
        let _ = write!(svg, r#"<g class="bar" data-row="{index}">"#);
        match row.now {
            Some(now) => {
                let _ = write!(
                    svg,
                    r##"<rect class="point" data-value="{now:.1}" x="{x0:.1}" y="{bar_top:.1}" width="{w:.1}" height="{now_height}" fill="{NOW}"/><text x="{tx:.1}" y="{ty:.1}" fill="#1a1f24">{}</text>"##,
                    number(Some(now), chart.decimal),
                    x0 = x(0.0),
                    w = x(now) - x(0.0),
                    tx = x(now) + 6.0,
                    ty = bar_top + now_height - 3.0,
                );
            }
            None => {
                let _ = write!(
                    svg,
                    r##"<text x="{tx:.1}" y="{ty:.1}" fill="#4a5360">–</text>"##,
                    tx = x(0.0) + 6.0,
                    ty = bar_top + now_height - 3.0,
                );
            }
        }
        if with_previous && let Some(previous) = row.previous {
            let y = bar_top + now_height + 2.0;
            let _ = write!(
                svg,
                r##"<rect class="previous" data-value="{previous:.1}" x="{x0:.1}" y="{y:.1}" width="{w:.1}" height="9" fill="{PREVIOUS}"/><text x="{tx:.1}" y="{ty:.1}" fill="#4a5360" font-size="12">{}</text>"##,
                number(Some(previous), chart.decimal),
                x0 = x(0.0),
                w = x(previous) - x(0.0),
                tx = x(previous) + 6.0,
                ty = y + 9.0,
            );
        }
        svg.push_str("</g>");
    }
    if let Some(previous_label) = &chart.previous_label {
        let ly = TOP + rows * row_height + 22.0;
        let _ = write!(
            svg,
            r##"<rect x="{x0:.1}" y="{ry:.1}" width="14" height="10" fill="{NOW}"/><text x="{t0:.1}" y="{ly:.1}" fill="#1a1f24">{}</text><rect x="{x1:.1}" y="{ry:.1}" width="14" height="10" fill="{PREVIOUS}"/><text x="{t1:.1}" y="{ly:.1}" fill="#1a1f24">{}</text>"##,
            escape_xml(&chart.now_label),
            escape_xml(previous_label),
            x0 = x(0.0),
            t0 = x(0.0) + 20.0,
            x1 = x(0.0) + 160.0,
            t1 = x(0.0) + 180.0,
            ry = ly - 9.0,
        );
    }
    close(&mut svg);
    svg
}

/// The trend: the overall score (thick) and every section (thin) across the periods, oldest
/// on the left.
pub fn trend_svg(chart: &TrendChart) -> String {
    const WIDTH: f64 = 720.0;
    const LEFT: f64 = 48.0;
    const RIGHT: f64 = 690.0;
    const TOP: f64 = 16.0;
    const PLOT: f64 = 260.0;
    let periods = chart.periods.len();
    let x = |index: usize| {
        if periods <= 1 {
            f64::midpoint(LEFT, RIGHT)
        } else {
            LEFT + 20.0 + (RIGHT - LEFT - 40.0) * index as f64 / (periods - 1) as f64
        }
    };
    let y = |value: f64| TOP + PLOT * (1.0 - value.clamp(0.0, 100.0) / 100.0);
    let legend_rows = chart.series.len().div_ceil(2);
    let height = TOP + PLOT + 40.0 + 24.0 * legend_rows as f64;
    let mut svg = String::new();
    open(
        &mut svg,
        "chart-trend",
        "trend",
        WIDTH,
        height,
        &chart.title,
        &chart
            .series
            .iter()
            .map(|series| {
                let values: Vec<String> = chart
                    .periods
                    .iter()
                    .zip(&series.values)
                    .map(|(period, value)| format!("{period} {}", number(*value, chart.decimal)))
                    .collect();
                format!("{}: {}", series.label, values.join(", "))
            })
            .collect::<Vec<_>>()
            .join("; "),
    );
    for value in [0.0, 20.0, 40.0, 60.0, 80.0, 100.0] {
        let gy = y(value);
        let _ = write!(
            svg,
            r##"<line class="grid" x1="{LEFT}" y1="{gy:.1}" x2="{RIGHT}" y2="{gy:.1}" stroke="#e3e7eb"/><text class="scale" x="{tx}" y="{ty:.1}" text-anchor="end" fill="#4a5360" font-size="12">{value}</text>"##,
            tx = LEFT - 6.0,
            ty = gy + 4.0,
        );
    }
    for (index, period) in chart.periods.iter().enumerate() {
        let _ = write!(
            svg,
            r##"<text class="period-label" x="{px:.1}" y="{py:.1}" text-anchor="middle" fill="#1a1f24">{}</text>"##,
            escape_xml(&truncate(period, 14)),
            px = x(index),
            py = TOP + PLOT + 22.0,
        );
    }
    // Sections first, the overall line last so that it lies on top.
    for (index, series) in chart.series.iter().enumerate().rev() {
        let colour = if index == 0 {
            "#1a1f24"
        } else {
            PALETTE[(index - 1) % PALETTE.len()]
        };
        let points: Vec<String> = series
            .values
            .iter()
            .enumerate()
            .filter_map(|(period, value)| value.map(|v| format!("{:.1},{:.1}", x(period), y(v))))
            .collect();
        let _ = write!(
            svg,
            r#"<g class="series" data-series="{index}" data-label="{}"><polyline points="{}" fill="none" stroke="{colour}" stroke-width="{}"/>"#,
            escape_xml(&series.label),
            points.join(" "),
            if index == 0 { 4.0 } else { 1.75 },
        );
        for (period, value) in series.values.iter().enumerate() {
            if let Some(value) = value {
                let _ = write!(
                    svg,
                    r#"<circle class="point" data-period="{period}" data-value="{value:.1}" cx="{:.1}" cy="{:.1}" r="{}" fill="{colour}"/>"#,
                    x(period),
                    y(*value),
                    if index == 0 { 4.5 } else { 3.0 }
                );
            }
        }
        svg.push_str("</g>");
    }
    let top = TOP + PLOT + 48.0;
    for (index, series) in chart.series.iter().enumerate() {
        let colour = if index == 0 {
            "#1a1f24"
        } else {
            PALETTE[(index - 1) % PALETTE.len()]
        };
        let (column, row) = (index % 2, index / 2);
        legend_entry(
            &mut svg,
            LEFT + 330.0 * column as f64,
            top + 24.0 * row as f64,
            colour,
            "",
            &series.label,
        );
    }
    close(&mut svg);
    svg
}

/// The benchmark: per row a track from 0 to 100 with the network's middle half (p25–p75) as a
/// band, the median as a line and the organisation's score as a dot with its value.
pub fn band_svg(chart: &BandChart) -> String {
    const WIDTH: f64 = 760.0;
    const LABEL_WIDTH: f64 = 280.0;
    const TRACK: f64 = 400.0;
    const TOP: f64 = 56.0;
    const ROW: f64 = 30.0;
    let x = |value: f64| LABEL_WIDTH + TRACK * value.clamp(0.0, 100.0) / 100.0;
    let height = TOP + ROW * chart.rows.len() as f64 + 12.0;
    let description: Vec<String> = chart
        .rows
        .iter()
        .map(|row| {
            let network = row.quartiles.map_or_else(
                || "–".to_owned(),
                |(p25, median, p75)| {
                    format!(
                        "p25 {}, {} {}, p75 {}",
                        number(Some(p25), chart.decimal),
                        chart.median_label,
                        number(Some(median), chart.decimal),
                        number(Some(p75), chart.decimal)
                    )
                },
            );
            format!(
                "{}: {} {} ({network})",
                row.label,
                chart.you,
                number(row.score, chart.decimal)
            )
        })
        .collect();
    let mut svg = String::new();
    open(
        &mut svg,
        "chart-benchmark",
        "benchmark",
        WIDTH,
        height,
        &chart.title,
        &description.join("; "),
    );
    // Legend on top: the organisation, the band, the median.
    let _ = write!(
        svg,
        r##"<g class="legend-entry"><circle cx="{a:.1}" cy="14" r="6" fill="{NOW}"/><text x="{at:.1}" y="19" fill="#1a1f24">{}</text></g><g class="legend-entry"><rect x="{b:.1}" y="7" width="24" height="14" fill="{BAND}" fill-opacity="0.45"/><text x="{bt:.1}" y="19" fill="#1a1f24">{}</text></g><g class="legend-entry"><line x1="{c:.1}" y1="6" x2="{c:.1}" y2="22" stroke="{MEDIAN}" stroke-width="3"/><text x="{ct:.1}" y="19" fill="#1a1f24">{}</text></g>"##,
        escape_xml(&chart.you),
        escape_xml(&truncate(&chart.band_label, 34)),
        escape_xml(&chart.median_label),
        a = 16.0,
        at = 28.0,
        b = 130.0,
        bt = 160.0,
        c = 500.0,
        ct = 510.0,
    );
    for value in [0.0, 25.0, 50.0, 75.0, 100.0] {
        let gx = x(value);
        let _ = write!(
            svg,
            r##"<line class="grid" x1="{gx:.1}" y1="{y1}" x2="{gx:.1}" y2="{y2:.1}" stroke="#e3e7eb"/><text class="scale" x="{gx:.1}" y="{ty}" text-anchor="middle" fill="#4a5360" font-size="12">{value}</text>"##,
            y1 = TOP - 8.0,
            y2 = TOP + ROW * chart.rows.len() as f64,
            ty = TOP - 12.0,
        );
    }
    for (index, row) in chart.rows.iter().enumerate() {
        let mid = TOP + ROW * index as f64 + ROW / 2.0;
        let weight = if index == 0 { "600" } else { "400" };
        let _ = write!(
            svg,
            r##"<g class="row" data-row="{index}"><text class="axis-label" x="{lx}" y="{ly:.1}" text-anchor="end" fill="#1a1f24" font-weight="{weight}">{}</text><line x1="{x0:.1}" y1="{mid:.1}" x2="{x1:.1}" y2="{mid:.1}" stroke="#d5dae0" stroke-width="2"/>"##,
            escape_xml(&truncate(&row.label, 34)),
            lx = LABEL_WIDTH - 12.0,
            ly = mid + 5.0,
            x0 = x(0.0),
            x1 = x(100.0),
        );
        if let Some((p25, median, p75)) = row.quartiles {
            let _ = write!(
                svg,
                r#"<rect class="band" data-p25="{p25:.1}" data-p75="{p75:.1}" x="{bx:.1}" y="{by:.1}" width="{bw:.1}" height="16" fill="{BAND}" fill-opacity="0.45"/><line class="median" data-value="{median:.1}" x1="{mx:.1}" y1="{my1:.1}" x2="{mx:.1}" y2="{my2:.1}" stroke="{MEDIAN}" stroke-width="3"/>"#,
                bx = x(p25),
                by = mid - 8.0,
                bw = (x(p75) - x(p25)).max(1.0),
                mx = x(median),
                my1 = mid - 10.0,
                my2 = mid + 10.0,
            );
        }
        if let Some(score) = row.score {
            let _ = write!(
                svg,
                r##"<circle class="point" data-value="{score:.1}" cx="{cx:.1}" cy="{mid:.1}" r="6" fill="{NOW}" stroke="#fff" stroke-width="1.5"/><text x="{tx:.1}" y="{ty:.1}" fill="#1a1f24" font-size="13">{}</text>"##,
                number(Some(score), chart.decimal),
                cx = x(score),
                tx = x(100.0) + 10.0,
                ty = mid + 5.0,
            );
        }
        svg.push_str("</g>");
    }
    close(&mut svg);
    svg
}
