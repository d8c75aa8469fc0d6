//! A real browser renders the HTML report: headless Chromium takes a screenshot when it is
//! installed at `/usr/bin/chromium`; without it the test says so and passes.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use dei_core::Library;

use crate::support::{harbour, html, report};

const CHROMIUM: &str = "/usr/bin/chromium";

/// Width and height from a PNG's IHDR chunk.
fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.get(..8)? != b"\x89PNG\r\n\x1a\n" || bytes.get(12..16)? != b"IHDR" {
        return None;
    }
    let number = |range: std::ops::Range<usize>| {
        bytes
            .get(range)
            .and_then(|b| <[u8; 4]>::try_from(b).ok())
            .map(u32::from_be_bytes)
    };
    Some((number(16..20)?, number(20..24)?))
}

#[test]
fn chromium_renders_the_html_report() {
    if !Path::new(CHROMIUM).exists() {
        println!("skipped: {CHROMIUM} is not installed");
        return;
    }
    let mut library = Library::new();
    let old = harbour(&mut library, 2024);
    let new = harbour(&mut library, 2025);
    let page = html(&report(&new, &[&old], Some("en")));
    let folder = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let file = folder.path().join("report.html");
    let shot = folder.path().join("report.png");
    std::fs::write(&file, page).unwrap_or_else(|error| panic!("{error}"));

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
        ])
        .arg(format!(
            "--user-data-dir={}",
            folder.path().join("profile").display()
        ))
        .arg(format!("--screenshot={}", shot.display()))
        .arg("--window-size=1200,3000")
        .arg(format!("file://{}", file.display()))
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
    let bytes = std::fs::read(&shot).unwrap_or_else(|error| panic!("no screenshot: {error}"));
    assert_eq!(png_size(&bytes), Some((1200, 3000)));
    // A blank white page of this size compresses to a few kilobytes; the report is much more.
    assert!(
        bytes.len() > 50_000,
        "screenshot is only {} bytes",
        bytes.len()
    );
}
