//! A real browser renders the HTML report: headless Chromium (Debian packages `chromium` and
//! `chromium-driver`, installed by `.ci/run`) prints it to PDF and takes screenshots. The test
//! fails when Chromium is missing: the layout is part of what the report promises.
//!
//! - PDF: the page is A4 (595 × 842 points, within a point) and the sample report of
//!   Global Roots 2025 (two earlier periods, English) prints to at most [`MAX_PAGES`] pages,
//!   and no table row is cut by a page break: Chromium tags the PDF, and each body row's cells
//!   (`/S /TR` structure elements) must have their content on one page (`/Pg`). The same report
//!   printed without `break-inside: avoid` on rows must show cuts, so the check is live.
//! - Screenshots of the first page at 1280 and 390 pixels wide are compared with the golden
//!   PNGs in `tests/golden/`: same size, and a mean absolute difference per colour channel of
//!   at most [`TOLERANCE`] (of 255). That absorbs anti-aliasing and font hinting differences
//!   between runs, and fails on any change of layout (a moved table, a collapsed column, a
//!   wrapped heading). Regenerate them after a deliberate change with
//!   `DEI_UPDATE_GOLDEN=1 cargo test -p dei-report --test it browser`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use dei_core::Library;

use crate::support::{harbour, html, report, root, scored_file};

const CHROMIUM: &str = "/usr/bin/chromium";

/// The most pages the sample report may print to (it printed to 39 US Letter pages before the
/// first page, the compact action plan and the print style sheet; 27 A4 pages after). With
/// checklist ngo-dei 2.0.0 (14 sections, 157 items instead of the built-in 1.x checklist) the
/// sample report measured 37 A4 pages; the limit leaves a little room above that.
const MAX_PAGES: usize = 40;

/// The largest mean absolute difference per colour channel between a screenshot and its
/// golden image.
const TOLERANCE: f64 = 2.0;

fn golden(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name)
}

/// Runs headless Chromium on `page` with `arguments`; fails when it is missing, fails or hangs.
fn chromium(folder: &Path, page: &Path, arguments: &[String]) {
    assert!(
        Path::new(CHROMIUM).exists(),
        "{CHROMIUM} is missing: install the Debian packages chromium and chromium-driver (.ci/run does)"
    );
    let mut child = Command::new(CHROMIUM)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
            "--font-render-hinting=none",
        ])
        .arg(format!(
            "--user-data-dir={}",
            folder.join("profile").display()
        ))
        .args(arguments)
        .arg(format!("file://{}", page.display()))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|error| panic!("cannot start {CHROMIUM}: {error}"));
    // A guard against a hanging browser, not a timing assertion.
    let deadline = Instant::now() + Duration::from_secs(180);
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(200)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
        }
    };
    assert!(
        status.is_some_and(|status| status.success()),
        "chromium failed or hung"
    );
}

/// Width, height and RGBA pixels of a PNG.
fn decode(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::ALPHA);
    let mut reader = decoder
        .read_info()
        .unwrap_or_else(|error| panic!("not a PNG: {error}"));
    let mut pixels = vec![0; reader.output_buffer_size().unwrap_or_default()];
    let info = reader
        .next_frame(&mut pixels)
        .unwrap_or_else(|error| panic!("not a PNG: {error}"));
    pixels.truncate(info.buffer_size());
    // Grey images expand to two channels, colour ones to four: make every pixel RGBA.
    let rgba = match info.color_type {
        png::ColorType::GrayscaleAlpha => pixels
            .chunks(2)
            .flat_map(|p| [p[0], p[0], p[0], p[1]])
            .collect(),
        _ => pixels,
    };
    (info.width, info.height, rgba)
}

/// The mean absolute difference per channel of two images of the same size.
fn mean_difference(a: &[u8], b: &[u8]) -> f64 {
    let total: u64 = a
        .iter()
        .zip(b)
        .map(|(x, y)| u64::from(x.abs_diff(*y)))
        .sum();
    total as f64 / a.len().max(1) as f64
}

#[test]
fn screenshots_of_the_first_page_match_the_golden_images() {
    let mut library = Library::with_resolver(dei_core::fs::FsResolver);
    let old = harbour(&mut library, 2024);
    let new = harbour(&mut library, 2025);
    let folder = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let page = folder.path().join("report.html");
    std::fs::write(&page, html(&report(&new, &[&old], Some("en"))))
        .unwrap_or_else(|error| panic!("{error}"));
    let update = std::env::var_os("DEI_UPDATE_GOLDEN").is_some();
    for (width, height) in [(1280, 1400), (390, 1600)] {
        let shot = folder.path().join(format!("{width}.png"));
        chromium(
            folder.path(),
            &page,
            &[
                format!("--screenshot={}", shot.display()),
                format!("--window-size={width},{height}"),
            ],
        );
        let bytes = std::fs::read(&shot).unwrap_or_else(|error| panic!("no screenshot: {error}"));
        let expected_path = golden(&format!("first-page-{width}.png"));
        if update {
            std::fs::create_dir_all(expected_path.parent().unwrap_or(Path::new(".")))
                .unwrap_or_else(|error| panic!("{error}"));
            std::fs::write(&expected_path, &bytes).unwrap_or_else(|error| panic!("{error}"));
            continue;
        }
        let (w, h, actual) = decode(&bytes);
        assert_eq!((w, h), (width, height));
        let expected_bytes = std::fs::read(&expected_path).unwrap_or_else(|error| {
            panic!(
                "{}: {error}; make it with DEI_UPDATE_GOLDEN=1",
                expected_path.display()
            )
        });
        let (ew, eh, expected) = decode(&expected_bytes);
        assert_eq!((ew, eh), (width, height), "golden image size");
        let difference = mean_difference(&actual, &expected);
        assert!(
            difference <= TOLERANCE,
            "the screenshot at {width} px differs from {} by {difference:.2} per channel (tolerance {TOLERANCE}); if the change is meant, run DEI_UPDATE_GOLDEN=1 cargo test -p dei-report --test it browser",
            expected_path.display()
        );
    }
}

/// The page sizes (width, height in points) of a PDF that Chromium wrote, one per page.
fn pdf_pages(pdf: &[u8]) -> Vec<(f64, f64)> {
    let text = String::from_utf8_lossy(pdf);
    let mut pages = Vec::new();
    for object in text.split(" obj").skip(1) {
        let object = object.split("endobj").next().unwrap_or_default();
        let is_page = object.split("/Type").skip(1).any(|rest| {
            rest.trim_start().starts_with("/Page") && !rest.trim_start().starts_with("/Pages")
        });
        if !is_page {
            continue;
        }
        let Some(box_text) = object
            .split("/MediaBox")
            .nth(1)
            .and_then(|rest| rest.split(']').next())
        else {
            continue;
        };
        let numbers: Vec<f64> = box_text
            .trim_start_matches([' ', '['])
            .split_whitespace()
            .filter_map(|n| n.parse().ok())
            .collect();
        if let [x0, y0, x1, y1] = numbers[..] {
            pages.push((x1 - x0, y1 - y0));
        }
    }
    pages
}

/// One structure element of a tagged PDF: its type (`TR`, `TD`, …), its child elements and
/// the pages its own content is on.
struct Element {
    kind: String,
    kids: Vec<u64>,
    pages: Vec<u64>,
}

/// The structure elements of a tagged PDF, by object number. Chromium tags the PDFs it prints
/// (`/StructTreeRoot`) and writes these objects uncompressed: each element names its type
/// (`/S /TR`), its kids (`/K`) and the page of its marked content (`/Pg`, also inside the
/// marked-content references of `/K`).
fn struct_elements(pdf: &[u8]) -> std::collections::HashMap<u64, Element> {
    let text = String::from_utf8_lossy(pdf);
    let mut elements = std::collections::HashMap::new();
    let mut rest = text.as_ref();
    while let Some(at) = rest.find(" 0 obj") {
        let number = rest[..at]
            .rsplit(|c: char| !c.is_ascii_digit())
            .next()
            .and_then(|n| n.parse().ok());
        rest = &rest[at + " 0 obj".len()..];
        let body = rest.split("endobj").next().unwrap_or_default();
        let (Some(number), true) = (number, body.contains("/Type /StructElem")) else {
            continue;
        };
        let spaced = body
            .replace(['[', ']'], " ")
            .replace("<<", " ")
            .replace(">>", " ");
        let tokens: Vec<&str> = spaced.split_whitespace().collect();
        let reference = |index: usize| -> Option<u64> {
            (tokens.get(index + 1) == Some(&"0") && tokens.get(index + 2) == Some(&"R"))
                .then(|| tokens[index].parse().ok())
                .flatten()
        };
        let kind = tokens
            .iter()
            .position(|token| *token == "/S")
            .and_then(|index| tokens.get(index + 1))
            .map(|kind| kind.trim_start_matches('/').to_owned())
            .unwrap_or_default();
        let mut pages = Vec::new();
        let mut kids = Vec::new();
        let mut in_kids = false;
        for index in 0..tokens.len() {
            match tokens[index] {
                "/Pg" => pages.extend(reference(index + 1)),
                "/K" => in_kids = true,
                token
                    if token.starts_with('/')
                        && token != "/Type"
                        && token != "/MCR"
                        && token != "/MCID" =>
                {
                    in_kids = false;
                }
                _ if in_kids && tokens.get(index.wrapping_sub(1)) != Some(&"/Pg") => {
                    kids.extend(reference(index));
                }
                _ => {}
            }
        }
        elements.insert(number, Element { kind, kids, pages });
    }
    elements
}

/// The pages the content of element `number` and its descendants is on.
fn pages_of(
    elements: &std::collections::HashMap<u64, Element>,
    number: u64,
    found: &mut std::collections::BTreeSet<u64>,
    depth: usize,
) {
    let Some(element) = elements.get(&number) else {
        return;
    };
    found.extend(&element.pages);
    if depth < 64 {
        for kid in &element.kids {
            pages_of(elements, *kid, found, depth + 1);
        }
    }
}

/// The rows of body cells (not header rows, which Chromium repeats on every page a table
/// spans) whose content lies on more than one page: rows cut by a page break.
fn rows_cut_by_a_page_break(pdf: &[u8]) -> (usize, Vec<Vec<u64>>) {
    let elements = struct_elements(pdf);
    let rows: Vec<&Element> = elements.values().filter(|e| e.kind == "TR").collect();
    let cut = rows
        .iter()
        .filter(|row| {
            !row.kids
                .iter()
                .any(|kid| elements.get(kid).is_some_and(|cell| cell.kind == "TH"))
        })
        .filter_map(|row| {
            let mut pages = std::collections::BTreeSet::new();
            for kid in &row.kids {
                pages_of(&elements, *kid, &mut pages, 0);
            }
            (pages.len() > 1).then(|| pages.into_iter().collect())
        })
        .collect();
    (rows.len(), cut)
}

#[test]
fn the_sample_report_prints_on_a4_within_the_page_limit() {
    let mut library = Library::with_resolver(dei_core::fs::FsResolver);
    let samples = root().join("checklists/samples");
    let periods: Vec<_> = [
        "global-roots-2023",
        "global-roots-2024",
        "global-roots-2025",
    ]
    .iter()
    .map(|name| scored_file(&mut library, &samples.join(format!("{name}.yaml"))))
    .collect();
    let page_html = html(&report(
        &periods[2],
        &[&periods[0], &periods[1]],
        Some("en"),
    ));
    let folder = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let page = folder.path().join("report.html");
    let pdf = folder.path().join("report.pdf");
    std::fs::write(&page, page_html).unwrap_or_else(|error| panic!("{error}"));
    chromium(
        folder.path(),
        &page,
        &[
            format!("--print-to-pdf={}", pdf.display()),
            "--no-pdf-header-footer".to_owned(),
        ],
    );
    let bytes = std::fs::read(&pdf).unwrap_or_else(|error| panic!("no PDF: {error}"));
    let pages = pdf_pages(&bytes);
    assert!(!pages.is_empty(), "no pages found in the PDF");
    for (width, height) in &pages {
        assert!(
            (width - 595.3).abs() < 1.0 && (height - 841.9).abs() < 1.0,
            "a page is {width} × {height} points, not A4"
        );
    }
    assert!(
        pages.len() <= MAX_PAGES,
        "the sample report prints to {} pages (limit {MAX_PAGES})",
        pages.len()
    );

    // No table row is cut by a page break: every body row's cells are on one page (the rows
    // are far shorter than a page, so a cut is always avoidable). Read from the PDF's tags.
    let (rows, cut) = rows_cut_by_a_page_break(&bytes);
    assert!(rows > 100, "only {rows} table rows found in the PDF's tags");
    assert!(cut.is_empty(), "table rows cut across pages {cut:?}");

    // The check can see a cut: without `break-inside: avoid` on rows, the same report prints
    // with rows cut across pages.
    let rule = "tr { break-inside: avoid; page-break-inside: avoid; }";
    let html = std::fs::read_to_string(&page).unwrap_or_else(|error| panic!("{error}"));
    assert!(
        html.contains(rule),
        "the style sheet no longer has `{rule}`"
    );
    std::fs::write(&page, html.replace(rule, "")).unwrap_or_else(|error| panic!("{error}"));
    chromium(
        folder.path(),
        &page,
        &[
            format!("--print-to-pdf={}", pdf.display()),
            "--no-pdf-header-footer".to_owned(),
        ],
    );
    let bytes = std::fs::read(&pdf).unwrap_or_else(|error| panic!("no PDF: {error}"));
    let (_, cut) = rows_cut_by_a_page_break(&bytes);
    assert!(
        !cut.is_empty(),
        "without `break-inside: avoid` no row was cut: the check cannot see a cut"
    );
}
