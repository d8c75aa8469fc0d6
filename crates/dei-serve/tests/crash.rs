//! A server killed with SIGKILL in the middle of saving leaves every file whole: the answers
//! file and every history version load as valid answers (the old or the new version, never a
//! half-written one).
//!
//! The server runs in a child process: this test binary started again with
//! `DEI_SERVE_CHILD=<folder>`, which makes `child_server` serve instead of returning.

mod common;

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

const FILE: &str = "crash-2026.yaml";

/// Serves the folder in `DEI_SERVE_CHILD` until killed; does nothing in a normal test run.
#[test]
fn child_server() {
    let Some(folder) = std::env::var_os("DEI_SERVE_CHILD") else {
        return;
    };
    dei_serve::serve(&dei_serve::Options {
        folder: folder.into(),
        port: None,
        language: None,
    })
    .unwrap();
}

/// Sends one HTTP/1.1 request; returns (status, headers and body as text).
fn http(port: u16, request: &str) -> Option<(u16, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .ok()?;
    stream.write_all(request.as_bytes()).ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    let status = response.split(' ').nth(1)?.parse().ok()?;
    Some((status, response))
}

fn start(folder: &Path) -> (Child, u16, String) {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["child_server", "--exact", "--nocapture", "--test-threads=1"])
        .env("DEI_SERVE_CHILD", folder)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let url = loop {
        let line = lines
            .next()
            .expect("the server prints its address")
            .unwrap();
        if let Some(at) = line.find("http://127.0.0.1:") {
            break line[at..].to_owned();
        }
    };
    let rest = url.strip_prefix("http://127.0.0.1:").unwrap();
    let port: u16 = rest.split('/').next().unwrap().parse().unwrap();
    let token = url.split("token=").nth(1).unwrap().to_owned();
    (child, port, token)
}

fn load(path: &Path) {
    let text = std::fs::read_to_string(path).unwrap();
    let source = dei_core::Source::new(path.display().to_string(), text);
    dei_core::Library::with_resolver(dei_core::fs::FsResolver)
        .answers_from_source(&source, path.parent())
        .unwrap_or_else(|problems| panic!("{} is not whole: {problems:?}", path.display()));
}

#[test]
fn a_killed_server_leaves_every_file_whole() {
    let dir = tempfile::tempdir().unwrap();
    let header = dei_serve::store::Header {
        checklist: "dei-washing-selfcheck".into(),
        organisation: [("name".to_owned(), serde_json::json!("Crash Test"))]
            .into_iter()
            .collect(),
        period: "2026".into(),
        ..Default::default()
    };
    std::fs::write(
        dir.path().join(FILE),
        dei_serve::store::answers_yaml(&header, &[]),
    )
    .unwrap();
    for round in 0..4u64 {
        let (mut child, port, token) = start(dir.path());
        let host = format!("Host: 127.0.0.1:{port}\r\n");
        let (_, opened) = http(
            port,
            &format!("GET /?token={token} HTTP/1.1\r\n{host}Connection: close\r\n\r\n"),
        )
        .unwrap();
        let cookie = opened
            .lines()
            .find_map(|line| line.strip_prefix("set-cookie: "))
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .to_owned();
        let (_, page) = http(port, &format!("GET /a/{FILE}/s/claims HTTP/1.1\r\n{host}Cookie: {cookie}\r\nConnection: close\r\n\r\n")).unwrap();
        let csrf = common::hidden(&page, "csrf");
        let stop = Arc::new(AtomicBool::new(false));
        let saver = {
            let (stop, folder, host, cookie) = (
                Arc::clone(&stop),
                dir.path().to_owned(),
                host.clone(),
                cookie.clone(),
            );
            std::thread::spawn(move || {
                let mut saves = 0u32;
                while !stop.load(Ordering::Relaxed) {
                    let Ok(current) = std::fs::read(folder.join(FILE)) else {
                        continue;
                    };
                    let version = dei_serve::store::version_of(&current);
                    // A long comment makes each write take a while: more chances to be cut.
                    let comment = format!("round {round} save {saves} {}", "x".repeat(20_000));
                    let body = common::form_body(&[
                        ("csrf", &csrf),
                        ("version", &version),
                        ("q", "claims.data_age"),
                        ("claims.data_age:value", &(saves % 600).to_string()),
                        ("claims.data_age:comment", &comment),
                    ]);
                    let request = format!(
                        "POST /a/{FILE}/s/claims HTTP/1.1\r\n{host}Cookie: {cookie}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                        body.len()
                    );
                    if http(port, &request).is_none() {
                        break;
                    }
                    saves += 1;
                }
                saves
            })
        };
        std::thread::sleep(Duration::from_millis(300 + 170 * round));
        // SIGKILL: no destructor, no flush, no clean-up runs in the server.
        child.kill().unwrap();
        child.wait().unwrap();
        stop.store(true, Ordering::Relaxed);
        let count = saver.join().unwrap();
        assert!(
            count > 0 || round > 0,
            "some saves happened before the kill"
        );
        load(&dir.path().join(FILE));
    }
    let history = dir.path().join(".dei-history").join(FILE);
    let mut versions = 0;
    for entry in std::fs::read_dir(&history).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|ext| ext == "yaml") {
            load(&path);
            versions += 1;
        }
    }
    assert!(versions > 0, "the history holds the earlier versions");
}
