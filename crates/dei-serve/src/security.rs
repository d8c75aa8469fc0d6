//! The security of a local server (SPEC §17): only the loopback Host, a session cookie that
//! only the printed one-time token can open, forgery checks on every POST, strict headers on
//! every response and bounded request bodies.
//!
//! Why each rule: another web page the user visits can send requests to 127.0.0.1 (forgery:
//! Origin, Sec-Fetch-Site and the per-session form token stop it) or resolve its own name to
//! 127.0.0.1 (DNS rebinding: its Host is not ours); another local user can connect to the port
//! (the cookie stops them: only the person who saw the token has it).

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::{App, MAX_BODY_BYTES, Session, random_token};

/// The session cookie's name.
pub const COOKIE: &str = "dei_session";

/// The Content-Security-Policy of every page: nothing from elsewhere, no inline script or
/// style, forms and the section script's requests (`connect-src`) only to this server, never
/// in a frame.
pub const CSP: &str = "default-src 'none'; style-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// The policy of the HTML report: the report is one self-contained file with its style inline
/// (as `dei report --format html` writes it), so inline style is allowed there and nothing
/// else: no script at all, no form, no request.
pub const REPORT_CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

/// The layers around `routes`, outermost first: response headers, Host check, session,
/// forgery check on POST, body limit.
pub fn layers(routes: Router, app: Arc<App>) -> Router {
    routes
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(middleware::from_fn_with_state(
            Arc::clone(&app),
            same_origin,
        ))
        .layer(middleware::from_fn_with_state(Arc::clone(&app), session))
        .layer(middleware::from_fn_with_state(app, host))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::HeaderName::from_static("cross-origin-opener-policy"),
            HeaderValue::from_static("same-origin"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::HeaderName::from_static("cross-origin-resource-policy"),
            HeaderValue::from_static("same-origin"),
        ))
}

fn refuse(status: StatusCode, message: &'static str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        message,
    )
        .into_response()
}

/// Only requests for `127.0.0.1:PORT` exactly: a rebound DNS name is refused.
async fn host(State(app): State<Arc<App>>, request: Request, next: Next) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|value| value.to_str().ok());
    if host != Some(app.host.as_str()) {
        return refuse(
            StatusCode::MISDIRECTED_REQUEST,
            "dei serve answers only requests for the address it printed (Host must be 127.0.0.1 and its port).\n",
        );
    }
    next.run(request).await
}

/// The value of the session cookie, if the request has one.
pub fn cookie(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .find_map(|pair| pair.trim().strip_prefix(COOKIE)?.strip_prefix('='))
}

fn query_token(query: Option<&str>) -> Option<&str> {
    query?
        .split('&')
        .find_map(|pair| pair.strip_prefix("token="))
}

/// The one-time token opens a session (then a redirect takes it out of the address bar and the
/// history); every other request needs the session cookie.
async fn session(State(app): State<Arc<App>>, mut request: Request, next: Next) -> Response {
    if let Some(token) = query_token(request.uri().query()) {
        let opened = {
            let mut expected = app
                .token
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            if expected
                .as_deref()
                .is_some_and(|expected| constant_time_eq(expected, token))
            {
                *expected = None;
                true
            } else {
                false
            }
        };
        if !opened || request.method() != Method::GET {
            return refuse(
                StatusCode::FORBIDDEN,
                "This address has been used already, or its token is wrong. Restart `dei serve` for a new address.\n",
            );
        }
        let id = random_token();
        app.sessions
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(
                id.clone(),
                Session {
                    csrf: random_token(),
                },
            );
        let rest: Vec<&str> = request
            .uri()
            .query()
            .unwrap_or_default()
            .split('&')
            .filter(|pair| !pair.starts_with("token=") && !pair.is_empty())
            .collect();
        let mut location = request.uri().path().to_owned();
        if !rest.is_empty() {
            location.push('?');
            location.push_str(&rest.join("&"));
        }
        let cookie = format!("{COOKIE}={id}; HttpOnly; SameSite=Strict; Path=/; Max-Age=43200");
        return Response::builder()
            .status(StatusCode::SEE_OTHER)
            .header(header::LOCATION, location)
            .header(header::SET_COOKIE, cookie)
            .body(Body::empty())
            .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response());
    }
    let session = cookie(request.headers()).and_then(|id| {
        app.sessions
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(id)
            .cloned()
    });
    let Some(session) = session else {
        return refuse(
            StatusCode::UNAUTHORIZED,
            "Open the address that `dei serve` printed (with its token) to start a session.\n",
        );
    };
    request.extensions_mut().insert(session);
    next.run(request).await
}

/// A POST must come from our own pages: Origin, when sent, is ours (or `null` from a
/// same-origin fetch), and Sec-Fetch-Site, when sent, is `same-origin`. (The form token is checked by each handler, see [`check_csrf`].)
async fn same_origin(State(app): State<Arc<App>>, request: Request, next: Next) -> Response {
    if request.method() != Method::GET && request.method() != Method::HEAD {
        let headers = request.headers();
        let same_site = headers
            .get("sec-fetch-site")
            .is_some_and(|site| site.as_bytes() == b"same-origin");
        // With `Referrer-Policy: no-referrer` browsers send `Origin: null` on our own form
        // posts; `null` passes only together with `Sec-Fetch-Site: same-origin`, a header no
        // page can set.
        if let Some(origin) = headers.get(header::ORIGIN)
            && origin.as_bytes() != app.origin.as_bytes()
            && !(origin.as_bytes() == b"null" && same_site)
        {
            return refuse(
                StatusCode::FORBIDDEN,
                "Refused: this request comes from another site.\n",
            );
        }
        if let Some(site) = headers.get("sec-fetch-site")
            && site.as_bytes() != b"same-origin"
        {
            return refuse(
                StatusCode::FORBIDDEN,
                "Refused: this request comes from another site.\n",
            );
        }
    }
    next.run(request).await
}

/// Whether the form token sent equals the session's.
pub fn check_csrf(session: &Session, sent: Option<&str>) -> bool {
    sent.is_some_and(|sent| constant_time_eq(&session.csrf, sent))
}

/// Compares secrets without stopping at the first difference.
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}
