//! Shared helpers of the dei-serve tests: a folder with sample files, an app with a known
//! token, requests in process, and reading a form's hidden fields out of a page.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, Response, header};
use dei_serve::{App, router};
use tower::ServiceExt as _;

/// The port the in-process apps pretend to listen on.
pub const PORT: u16 = 4321;
/// The Host every accepted request carries.
pub const HOST: &str = "127.0.0.1:4321";
/// The Origin of the app's own pages.
pub const ORIGIN: &str = "http://127.0.0.1:4321";
/// The one-time token of the in-process apps.
pub const TOKEN: &str = "test-token-0123456789";

/// The repository's sample folder.
pub fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../checklists/samples")
}

/// A temporary folder with some samples copied in.
pub fn folder(files: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    for file in files {
        std::fs::copy(samples().join(file), dir.path().join(file)).expect("copy sample");
    }
    dir
}

/// A router over `folder` and the app behind it.
pub fn app(folder: &Path) -> (Router, Arc<App>) {
    let app = Arc::new(App::new(folder, PORT, TOKEN.to_owned(), None).expect("app"));
    (router(Arc::clone(&app)), app)
}

/// Sends one request.
pub async fn send(router: &Router, request: Request<Body>) -> Response<Body> {
    router.clone().oneshot(request).await.expect("response")
}

/// The body as text.
pub async fn text(response: Response<Body>) -> String {
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("body");
    String::from_utf8(bytes.to_vec()).expect("utf-8")
}

/// Opens a session with the token; returns the Cookie header value.
pub async fn login(router: &Router) -> String {
    let response = send(
        router,
        Request::get(format!("/?token={TOKEN}"))
            .header(header::HOST, HOST)
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(response.status(), 303);
    let cookie = response
        .headers()
        .get(header::SET_COOKIE)
        .expect("cookie")
        .to_str()
        .unwrap();
    cookie.split(';').next().unwrap().to_owned()
}

/// A GET with the session.
pub fn get(path: &str, cookie: &str) -> Request<Body> {
    Request::get(path)
        .header(header::HOST, HOST)
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .unwrap()
}

/// A form POST with the session, from our own origin.
pub fn post(path: &str, cookie: &str, fields: &[(&str, &str)]) -> Request<Body> {
    let body = form_body(fields);
    Request::post(path)
        .header(header::HOST, HOST)
        .header(header::COOKIE, cookie)
        .header(header::ORIGIN, ORIGIN)
        .header("sec-fetch-site", "same-origin")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .unwrap()
}

/// Fields as `application/x-www-form-urlencoded`.
pub fn form_body(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// The value of the hidden field `name` in a page.
pub fn hidden(page: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = page.find(&marker).expect("field in page") + marker.len();
    page[start..].split('"').next().unwrap().to_owned()
}

/// Replaces the session secrets and versions in a page, for snapshots.
pub fn redact(page: &str) -> String {
    let mut out = page.to_owned();
    for name in ["csrf", "version"] {
        let marker = format!("name=\"{name}\" value=\"");
        while let Some(start) = out.find(&marker) {
            let from = start + marker.len();
            let end = from + out[from..].find('"').unwrap();
            out.replace_range(
                start..end,
                &format!("name=\"{name}\" redacted=\"{}", name.to_uppercase()),
            );
        }
    }
    out
}
