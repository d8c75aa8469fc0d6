//! The router in process: every page, every security rule as a plain request, saving with
//! validation, history, optimistic concurrency and confirmation, and snapshots of the HTML.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::*;

const SAMPLE: &str = "horizon-aid-selfcheck-2025.yaml";

/// Creates an assessment through the form; returns its file name.
async fn create(router: &axum::Router, cookie: &str, name: &str, period: &str) -> String {
    let page = text(send(router, get("/", cookie)).await).await;
    let csrf = hidden(&page, "csrf");
    let response = send(
        router,
        post(
            "/new",
            cookie,
            &[
                ("csrf", &csrf),
                ("lang", "en"),
                ("checklist", "dei-washing-selfcheck"),
                ("name", name),
                ("period", period),
                ("assessed_by", "HR lead, Working group"),
            ],
        ),
    )
    .await;
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "{}",
        text(response).await
    );
    let location = response.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .to_owned();
    location
        .strip_prefix("/a/")
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn token_opens_one_session_and_is_stripped_from_the_address() {
    let dir = folder(&[SAMPLE]);
    let (router, _) = app(dir.path());
    let response = send(
        &router,
        Request::get(format!("/a/{SAMPLE}?token={TOKEN}&lang=nl"))
            .header(header::HOST, HOST)
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        response.headers()[header::LOCATION],
        format!("/a/{SAMPLE}?lang=nl").as_str()
    );
    let cookie = response.headers()[header::SET_COOKIE].to_str().unwrap();
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Strict"), "{cookie}");
    assert!(!cookie.contains(TOKEN), "the cookie is not the token");
    // The token works once.
    let again = send(
        &router,
        Request::get(format!("/?token={TOKEN}"))
            .header(header::HOST, HOST)
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(again.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_wrong_token_opens_nothing() {
    let dir = folder(&[SAMPLE]);
    let (router, _) = app(dir.path());
    let response = send(
        &router,
        Request::get("/?token=guess")
            .header(header::HOST, HOST)
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert!(response.headers().get(header::SET_COOKIE).is_none());
    // The real token still works after a wrong guess.
    login(&router).await;
}

#[tokio::test]
async fn no_cookie_or_an_unknown_cookie_is_refused() {
    let dir = folder(&[SAMPLE]);
    let (router, _) = app(dir.path());
    for path in [
        "/",
        "/static/app.css",
        &format!("/a/{SAMPLE}"),
        "/a/x/report",
    ] {
        let response = send(
            &router,
            Request::get(path)
                .header(header::HOST, HOST)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{path}");
        let response = send(&router, get(path, "dei_session=forged")).await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{path}");
    }
}

#[tokio::test]
async fn only_the_loopback_host_and_port_are_served() {
    let dir = folder(&[SAMPLE]);
    let (router, _) = app(dir.path());
    let cookie = login(&router).await;
    for host in [
        "localhost:4321",
        "evil.example:4321",
        "127.0.0.1",
        "127.0.0.1:80",
        "127.0.0.1:4321.evil.example",
        "[::1]:4321",
    ] {
        let response = send(
            &router,
            Request::get("/")
                .header(header::HOST, host)
                .header(header::COOKIE, &cookie)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert_eq!(response.status(), StatusCode::MISDIRECTED_REQUEST, "{host}");
    }
    let response = send(
        &router,
        Request::get("/")
            .header(header::COOKIE, &cookie)
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(
        response.status(),
        StatusCode::MISDIRECTED_REQUEST,
        "no Host"
    );
    // Even the token is refused under another Host (a rebinding page cannot open a session).
    let response = send(
        &router,
        Request::get(format!("/?token={TOKEN}"))
            .header(header::HOST, "evil.example:4321")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(response.status(), StatusCode::MISDIRECTED_REQUEST);
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let dir = folder(&[SAMPLE]);
    let (router, _) = app(dir.path());
    let cookie = login(&router).await;
    for path in [
        "/".to_owned(),
        "/nowhere".to_owned(),
        format!("/a/{SAMPLE}"),
        format!("/a/{SAMPLE}/s/claims"),
        format!("/a/{SAMPLE}/progress"),
        "/static/app.css".to_owned(),
    ] {
        let response = send(&router, get(&path, &cookie)).await;
        let headers = response.headers();
        assert_eq!(
            headers[header::CONTENT_SECURITY_POLICY],
            dei_serve::security::CSP,
            "{path}"
        );
        assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{path}");
        assert_eq!(headers[header::REFERRER_POLICY], "no-referrer", "{path}");
        assert_eq!(headers[header::X_FRAME_OPTIONS], "DENY", "{path}");
    }
    let csp = dei_serve::security::CSP;
    for part in [
        "default-src 'none'",
        "style-src 'self'",
        "script-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ] {
        assert!(csp.contains(part), "{part}");
    }
    // The report has its style inline, like `dei report --format html`, and no script at all.
    let response = send(&router, get(&format!("/a/{SAMPLE}/report"), &cookie)).await;
    assert_eq!(response.status(), StatusCode::OK);
    let csp = response.headers()[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap();
    assert!(csp.starts_with("default-src 'none'"), "{csp}");
    assert!(!csp.contains("script"), "{csp}");
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
}

#[tokio::test]
async fn forgery_is_refused() {
    let dir = folder(&[SAMPLE]);
    let (router, _) = app(dir.path());
    let cookie = login(&router).await;
    let path = format!("/a/{SAMPLE}/adopt");
    let page = text(send(&router, get("/", &cookie)).await).await;
    let csrf = hidden(&page, "csrf");
    // No form token, a wrong one.
    for fields in [vec![], vec![("csrf", "wrong")]] {
        let response = send(&router, post(&path, &cookie, &fields)).await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
    }
    // A foreign Origin or a cross-site fetch, even with the right token.
    let foreign = |origin: &str, site: &str| {
        Request::post(&path)
            .header(header::HOST, HOST)
            .header(header::COOKIE, &cookie)
            .header(header::ORIGIN, origin)
            .header("sec-fetch-site", site)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(format!("csrf={csrf}")))
            .unwrap()
    };
    for (origin, site) in [
        ("http://evil.example", "cross-site"),
        ("http://localhost:4321", "same-site"),
        ("null", "cross-site"),
        (ORIGIN, "cross-site"),
        (ORIGIN, "same-site"),
    ] {
        let response = send(&router, foreign(origin, site)).await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{origin} {site}");
    }
    // Browsers send `Origin: null` on a same-origin form post under `no-referrer`: accepted
    // only with `Sec-Fetch-Site: same-origin` (and the form token).
    let response = send(&router, foreign("null", "same-origin")).await;
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "our own form in a real browser"
    );
    std::fs::write(
        dir.path().join(SAMPLE),
        std::fs::read(samples().join(SAMPLE)).unwrap(),
    )
    .unwrap();
    std::fs::remove_dir_all(dir.path().join(".dei-history")).unwrap();
    // Nothing was changed.
    assert_eq!(
        std::fs::read(dir.path().join(SAMPLE)).unwrap(),
        std::fs::read(samples().join(SAMPLE)).unwrap()
    );
    assert!(!dir.path().join(".dei-history").exists());
}

#[tokio::test]
async fn a_huge_body_is_refused() {
    let dir = folder(&[SAMPLE]);
    let (router, _) = app(dir.path());
    let cookie = login(&router).await;
    let huge = "x".repeat(dei_serve::MAX_BODY_BYTES + 1);
    let response = send(
        &router,
        post(
            &format!("/a/{SAMPLE}/s/claims"),
            &cookie,
            &[("csrf", "x"), ("pad", &huge)],
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn no_path_outside_the_folder_is_reachable() {
    let dir = folder(&[SAMPLE]);
    let outside = tempfile::tempdir().unwrap();
    std::fs::copy(samples().join(SAMPLE), outside.path().join("secret.yaml")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.yaml"),
        dir.path().join("link.yaml"),
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::copy(samples().join(SAMPLE), dir.path().join("sub/inner.yaml")).unwrap();
    let (router, _) = app(dir.path());
    let cookie = login(&router).await;
    let secret = outside.path().join("secret.yaml");
    let absolute = secret.to_str().unwrap().replace('/', "%2F");
    for name in [
        "..%2F..%2Fetc%2Fpasswd".to_owned(),
        "%2e%2e%2f%2e%2e%2fetc%2fpasswd".to_owned(),
        "%2E%2E".to_owned(),
        "..".to_owned(),
        absolute.clone(),
        "link.yaml".to_owned(),
        "sub%2Finner.yaml".to_owned(),
        "sub".to_owned(),
        ".dei-history".to_owned(),
        "%00".to_owned(),
    ] {
        for suffix in [
            "",
            "/report",
            "/download/yaml",
            "/s/claims",
            "/progress",
            "/details",
            "/history",
            "/history/1",
            "/fix",
        ] {
            let path = format!("/a/{name}{suffix}");
            let response = send(&router, get(&path, &cookie)).await;
            assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
        }
    }
    // Paths with raw `..` segments match no route at all.
    for path in [
        "/a/../../etc/passwd",
        "/static/../../Cargo.toml",
        "/a/sub/inner.yaml",
    ] {
        let response = send(&router, get(path, &cookie)).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
    }
    // The link is not listed either.
    let page = text(send(&router, get("/", &cookie)).await).await;
    assert!(!page.contains("link.yaml"));
    assert!(!page.contains("inner.yaml"));
}

#[tokio::test]
async fn every_page_renders() {
    let dir = folder(&[SAMPLE, "de-brug-2024.yaml", "de-brug-2025.yaml"]);
    let (router, _) = app(dir.path());
    let cookie = login(&router).await;
    for (path, wanted) in [
        ("/".to_owned(), "Horizon Aid"),
        ("/?lang=nl".to_owned(), "Evaluaties in deze map"),
        (format!("/a/{SAMPLE}"), "Horizon Aid"),
        (format!("/a/{SAMPLE}/s/claims"), "claims.data_age"),
        (
            format!("/a/{SAMPLE}/s/claims?lang=nl"),
            "Niet van toepassing",
        ),
        (format!("/a/{SAMPLE}/report"), "Horizon Aid"),
        ("/a/de-brug-2025.yaml/progress".to_owned(), "2024"),
        (
            "/a/de-brug-2025.yaml/s/strategy".to_owned(),
            "strategy.public_commitment",
        ),
        ("/static/app.css".to_owned(), "focus-visible"),
    ] {
        let response = send(&router, get(&path, &cookie)).await;
        let status = response.status();
        let body = text(response).await;
        assert_eq!(status, StatusCode::OK, "{path}: {body}");
        assert!(body.contains(wanted), "{path} lacks {wanted}");
    }
    for (format, kind) in [
        ("yaml", "application/yaml"),
        ("html", "text/html"),
        ("json", "application/json"),
    ] {
        let response = send(
            &router,
            get(&format!("/a/{SAMPLE}/download/{format}"), &cookie),
        )
        .await;
        assert_eq!(response.status(), StatusCode::OK, "{format}");
        assert!(
            response.headers()[header::CONTENT_TYPE]
                .to_str()
                .unwrap()
                .starts_with(kind)
        );
        assert!(
            response.headers()[header::CONTENT_DISPOSITION]
                .to_str()
                .unwrap()
                .starts_with("attachment")
        );
    }
    let yaml = text(send(&router, get(&format!("/a/{SAMPLE}/download/yaml"), &cookie)).await).await;
    assert_eq!(
        yaml,
        std::fs::read_to_string(samples().join(SAMPLE)).unwrap()
    );
    for path in [
        "/a/nothing.yaml",
        &format!("/a/{SAMPLE}/s/nosection"),
        &format!("/a/{SAMPLE}/download/exe"),
    ] {
        let response = send(&router, get(path, &cookie)).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
    }
}

#[tokio::test]
async fn html_snapshots() {
    let dir = folder(&[SAMPLE]);
    let (router, _) = app(dir.path());
    let cookie = login(&router).await;
    let index = text(send(&router, get("/", &cookie)).await).await;
    let folder = dir.path().file_name().unwrap().to_str().unwrap();
    insta::assert_snapshot!("index", redact(&index).replace(folder, "FOLDER"));
    let section = text(send(&router, get(&format!("/a/{SAMPLE}/s/claims"), &cookie)).await).await;
    insta::assert_snapshot!("section_claims", redact(&section));
    let overview = text(send(&router, get(&format!("/a/{SAMPLE}?lang=nl"), &cookie)).await).await;
    insta::assert_snapshot!("assessment_nl", redact(&overview));
}

#[tokio::test]
async fn a_new_assessment_is_saved_scored_and_versioned() {
    let dir = folder(&[]);
    let (router, _) = app(dir.path());
    let cookie = login(&router).await;
    let file = create(&router, &cookie, "Example Foundation", "2026").await;
    assert_eq!(file, "example-foundation-2026.yaml");
    let written = std::fs::read_to_string(dir.path().join(&file)).unwrap();
    assert!(written.starts_with(dei_serve::store::MARKER));

    let section = format!("/a/{file}/s/claims");
    let page = text(send(&router, get(&section, &cookie)).await).await;
    assert!(
        page.contains("id=\"section-score\">0.0<"),
        "nothing answered scores 0"
    );
    let (csrf, version) = (hidden(&page, "csrf"), hidden(&page, "version"));
    let response = send(
        &router,
        post(
            &section,
            &cookie,
            &[
                ("csrf", &csrf),
                ("version", &version),
                ("lang", "en"),
                ("q", "claims.claims_register"),
                ("claims.claims_register:value", "yes"),
                ("claims.claims_register:evidence", "Claims register 2026"),
                ("claims.claims_register:evidence", ""),
                ("q", "claims.data_age"),
                ("claims.data_age:value", "6"),
                ("claims.data_age:comment", "Survey of\r\nMay 2026"),
                ("q", "claims.claim_types"),
                ("claims.claim_types:value", "equal_pay"),
                ("claims.claim_types:value", "anti_racism"),
            ],
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let page = text(send(&router, get(&format!("{section}?saved=1"), &cookie)).await).await;
    assert!(page.contains("role=\"status\""), "the save is announced");
    assert!(
        !page.contains("id=\"section-score\">0.0<"),
        "the score changed"
    );
    let written = std::fs::read_to_string(dir.path().join(&file)).unwrap();
    assert!(written.contains("\"claims.claims_register\":\n    value: \"yes\"\n    evidence: [\"Claims register 2026\"]"), "{written}");
    assert!(
        written.contains("comment: \"Survey of\\nMay 2026\""),
        "{written}"
    );
    assert!(
        written.contains("value: [\"equal_pay\", \"anti_racism\"]"),
        "{written}"
    );
    // The file loads with the library, and the version before this save is in the history.
    dei_core::Library::with_resolver(dei_core::fs::FsResolver)
        .answers(&dir.path().join(&file))
        .expect("valid answers");
    let history = dir.path().join(".dei-history").join(&file);
    assert!(history.join("1.yaml").is_file());
    assert!(
        !std::fs::read_to_string(history.join("1.yaml"))
            .unwrap()
            .contains("claims_register")
    );

    // Evidence removed through its check box; the answer cleared.
    let page = text(send(&router, get(&section, &cookie)).await).await;
    let response = send(
        &router,
        post(
            &section,
            &cookie,
            &[
                ("csrf", &csrf),
                ("version", &hidden(&page, "version")),
                ("q", "claims.claims_register"),
                ("claims.claims_register:value", ""),
                ("claims.claims_register:evidence", "Claims register 2026"),
                ("claims.claims_register:remove", "0"),
            ],
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let written = std::fs::read_to_string(dir.path().join(&file)).unwrap();
    assert!(!written.contains("claims_register"), "{written}");
    assert!(
        written.contains("claims.data_age"),
        "other answers are kept"
    );
    assert!(history.join("2.yaml").is_file());
}

#[tokio::test]
async fn what_does_not_validate_is_shown_back_and_not_saved() {
    let dir = folder(&[]);
    let (router, _) = app(dir.path());
    let cookie = login(&router).await;
    let file = create(&router, &cookie, "Example", "2026").await;
    let section = format!("/a/{file}/s/claims");
    let before = std::fs::read(dir.path().join(&file)).unwrap();
    let page = text(send(&router, get(&section, &cookie)).await).await;
    let response = send(
        &router,
        post(
            &section,
            &cookie,
            &[
                ("csrf", &hidden(&page, "csrf")),
                ("version", &hidden(&page, "version")),
                ("q", "claims.data_age"),
                ("claims.data_age:value", "900"),
                ("claims.data_age:comment", "typed <b>text</b> & kept"),
                ("q", "claims.small_groups"),
                ("claims.small_groups:na", "1"),
                ("claims.small_groups:reason", ""),
                ("q", "claims.claims_register"),
                ("claims.claims_register:value", "maybe"),
            ],
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = text(response).await;
    assert!(page.contains("role=\"alert\""));
    assert!(
        page.contains("value=\"900\""),
        "what was typed is shown back"
    );
    assert!(
        page.contains("typed &lt;b&gt;text&lt;"),
        "escaped and kept: {page}"
    );
    assert!(page.contains("&amp; kept"), "escaped and kept");
    assert!(page.contains("id=\"err-claims.data_age\""));
    assert!(page.contains("aria-describedby=\"err-claims.data_age range-claims.data_age\""));
    assert!(page.contains("aria-invalid=\"true\""));
    assert!(
        page.contains("id=\"err-claims.small_groups\""),
        "N/A without a reason"
    );
    assert!(
        page.contains("id=\"err-claims.claims_register\""),
        "unknown option"
    );
    assert_eq!(
        std::fs::read(dir.path().join(&file)).unwrap(),
        before,
        "nothing written"
    );
    // A number with a decimal comma is understood.
    let response = send(
        &router,
        post(
            &section,
            &cookie,
            &[
                ("csrf", &hidden(&page, "csrf")),
                ("version", &hidden(&page, "version")),
                ("q", "claims.data_age"),
                ("claims.data_age:value", " 7,5 "),
            ],
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(
        std::fs::read_to_string(dir.path().join(&file))
            .unwrap()
            .contains("value: 7.5")
    );
}

#[tokio::test]
async fn a_stale_save_is_refused_with_the_other_changes_shown() {
    let dir = folder(&[]);
    let (router, _) = app(dir.path());
    let cookie = login(&router).await;
    let file = create(&router, &cookie, "Example", "2026").await;
    let section = format!("/a/{file}/s/claims");
    let page = text(send(&router, get(&section, &cookie)).await).await;
    let (csrf, version) = (hidden(&page, "csrf"), hidden(&page, "version"));
    let first = send(
        &router,
        post(
            &section,
            &cookie,
            &[
                ("csrf", &csrf),
                ("version", &version),
                ("q", "claims.data_age"),
                ("claims.data_age:value", "6"),
            ],
        ),
    )
    .await;
    assert_eq!(first.status(), StatusCode::SEE_OTHER);
    let second = send(
        &router,
        post(
            &section,
            &cookie,
            &[
                ("csrf", &csrf),
                ("version", &version),
                ("q", "claims.data_age"),
                ("claims.data_age:value", "10"),
            ],
        ),
    )
    .await;
    assert_eq!(second.status(), StatusCode::CONFLICT);
    let page = text(second).await;
    assert!(
        page.contains("Saved by someone else meanwhile:</strong> 6"),
        "theirs shown"
    );
    assert!(page.contains("value=\"10\""), "mine kept in the form");
    assert!(
        std::fs::read_to_string(dir.path().join(&file))
            .unwrap()
            .contains("value: 6")
    );
    // Saving again from the refreshed form is a deliberate choice and goes through.
    let third = send(
        &router,
        post(
            &section,
            &cookie,
            &[
                ("csrf", &csrf),
                ("version", &hidden(&page, "version")),
                ("q", "claims.data_age"),
                ("claims.data_age:value", "10"),
            ],
        ),
    )
    .await;
    assert_eq!(third.status(), StatusCode::SEE_OTHER);
    assert!(
        std::fs::read_to_string(dir.path().join(&file))
            .unwrap()
            .contains("value: 10")
    );
}

#[tokio::test]
async fn concurrent_saves_never_lose_an_update() {
    let dir = folder(&[]);
    let (router, _) = app(dir.path());
    let cookie = login(&router).await;
    let file = create(&router, &cookie, "Example", "2026").await;
    let section = format!("/a/{file}/s/claims");
    // Eight writers, each saving its own comment on one question, retrying when refused as
    // stale (as a person would after reading the conflict page).
    let mut tasks = Vec::new();
    for writer in 0..8 {
        let (router, cookie, section) = (router.clone(), cookie.clone(), section.clone());
        tasks.push(tokio::spawn(async move {
            let ids = [
                "claims.claim_types",
                "claims.claims_register",
                "claims.data_age",
                "claims.small_groups",
                "claims.weaknesses_named",
            ];
            let id = ids[writer % ids.len()];
            for attempt in 0.. {
                let page = text(send(&router, get(&section, &cookie)).await).await;
                // Keep what others wrote: send the comment the page shows plus this writer's line.
                let current = page
                    .split(&format!("name=\"{id}:comment\" rows=\"2\">"))
                    .nth(1)
                    .and_then(|rest| rest.split("</textarea>").next())
                    .unwrap_or_default()
                    .to_owned();
                let comment = format!("{current}[w{writer}]");
                let response = send(
                    &router,
                    post(
                        &section,
                        &cookie,
                        &[
                            ("csrf", &hidden(&page, "csrf")),
                            ("version", &hidden(&page, "version")),
                            ("q", id),
                            (&format!("{id}:comment"), &comment),
                        ],
                    ),
                )
                .await;
                match response.status() {
                    StatusCode::SEE_OTHER => return attempt,
                    StatusCode::CONFLICT => {}
                    other => panic!("unexpected {other}"),
                }
            }
            unreachable!()
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let written = std::fs::read_to_string(dir.path().join(&file)).unwrap();
    for writer in 0..8 {
        assert!(
            written.contains(&format!("[w{writer}]")),
            "writer {writer} lost: {written}"
        );
    }
    // Every version that was replaced is in the history: the creation plus eight saves.
    let history = std::fs::read_dir(dir.path().join(".dei-history").join(&file))
        .unwrap()
        .count();
    assert_eq!(history, 8);
}

#[tokio::test]
async fn a_file_not_written_by_the_server_is_edited_only_after_confirmation() {
    let dir = folder(&[SAMPLE]);
    let (router, _) = app(dir.path());
    let cookie = login(&router).await;
    let original = std::fs::read(dir.path().join(SAMPLE)).unwrap();
    let section = format!("/a/{SAMPLE}/s/claims");
    let page = text(send(&router, get(&section, &cookie)).await).await;
    let response = send(
        &router,
        post(
            &section,
            &cookie,
            &[
                ("csrf", &hidden(&page, "csrf")),
                ("version", &hidden(&page, "version")),
                ("q", "claims.data_age"),
                ("claims.data_age:value", "3"),
            ],
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let refused = text(response).await;
    assert!(refused.contains("value=\"3\""), "what was typed is kept");
    assert_eq!(std::fs::read(dir.path().join(SAMPLE)).unwrap(), original);

    let overview = text(send(&router, get(&format!("/a/{SAMPLE}"), &cookie)).await).await;
    assert!(overview.contains("was not written by dei serve"));
    // The details page asks the same before anything is typed, and refuses a save until then.
    let details = text(send(&router, get(&format!("/a/{SAMPLE}/details"), &cookie)).await).await;
    assert!(
        details.contains("was not written by dei serve"),
        "{details}"
    );
    let response = send(
        &router,
        post(
            &format!("/a/{SAMPLE}/details"),
            &cookie,
            &[
                ("csrf", &hidden(&details, "csrf")),
                ("version", &hidden(&details, "version")),
                ("name", "Horizon Aid"),
                ("period", "2025-06 Pride campaign"),
            ],
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert_eq!(std::fs::read(dir.path().join(SAMPLE)).unwrap(), original);
    let response = send(
        &router,
        post(
            &format!("/a/{SAMPLE}/adopt"),
            &cookie,
            &[("csrf", &hidden(&overview, "csrf"))],
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let kept = dir
        .path()
        .join(".dei-history")
        .join(SAMPLE)
        .join("original.yaml");
    assert_eq!(
        std::fs::read(kept).unwrap(),
        original,
        "the original is kept byte for byte"
    );
    // Same answers, same scores, after the rewrite.
    let mut library = dei_core::Library::with_resolver(dei_core::fs::FsResolver);
    let (checklist, before) = library.answers(&samples().join(SAMPLE)).unwrap();
    let (_, after) = library.answers(&dir.path().join(SAMPLE)).unwrap();
    let score =
        |answers| serde_json::to_value(dei_core::score(&checklist, answers).unwrap()).unwrap();
    assert_eq!(score(&before), score(&after));

    let page = text(send(&router, get(&section, &cookie)).await).await;
    let response = send(
        &router,
        post(
            &section,
            &cookie,
            &[
                ("csrf", &hidden(&page, "csrf")),
                ("version", &hidden(&page, "version")),
                ("q", "claims.data_age"),
                ("claims.data_age:value", "3"),
            ],
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_new_period_from_the_previous_one_carries_answers_and_evidence() {
    let dir = folder(&[SAMPLE]);
    let (router, _) = app(dir.path());
    let cookie = login(&router).await;
    let page = text(send(&router, get("/", &cookie)).await).await;
    let response = send(
        &router,
        post(
            "/new",
            &cookie,
            &[
                ("csrf", &hidden(&page, "csrf")),
                ("from", SAMPLE),
                ("checklist", "dei-washing-selfcheck"),
                ("period", "2026-06"),
            ],
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let written = std::fs::read_to_string(dir.path().join("horizon-aid-2026-06.yaml")).unwrap();
    assert!(written.contains("period: \"2026-06\""));
    assert!(written.contains("assessed_by: []"));
    assert!(written.contains("claims.small_groups"));
    let mut library = dei_core::Library::with_resolver(dei_core::fs::FsResolver);
    let (_, previous) = library.answers(&dir.path().join(SAMPLE)).unwrap();
    let (_, next) = library
        .answers(&dir.path().join("horizon-aid-2026-06.yaml"))
        .unwrap();
    assert_eq!(previous.entries(), next.entries());
    // Creating it twice is refused, never overwritten.
    let again = send(
        &router,
        post(
            "/new",
            &cookie,
            &[
                ("csrf", &hidden(&page, "csrf")),
                ("from", SAMPLE),
                ("period", "2026-06"),
            ],
        ),
    )
    .await;
    assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn which_questions_apply_follows_the_answers_before_saving() {
    let dir = folder(&[SAMPLE]);
    let (router, _) = app(dir.path());
    let cookie = login(&router).await;
    let page_path = format!("/a/{SAMPLE}/s/voices");
    let page = text(send(&router, get(&page_path, &cookie)).await).await;
    let csrf = hidden(&page, "csrf");
    // Auto-escaped like every value in the pages: `/` is `&#x2f;`.
    let escaped = format!("{page_path}/scope").replace('/', "&#x2f;");
    assert!(
        page.contains(&format!("data-scope=\"{escaped}\"")),
        "{page}"
    );
    assert!(page.contains("<script src=\"/static/app.js\" defer></script>"));
    // In scope now: the dependent questions are rendered visible; their reasons listed hidden.
    assert!(page.contains("id=\"q-voices.consent\">"), "{page}");
    assert!(page.contains("id=\"why-voices.consent\" hidden"));
    let scope = |answer: &'static str| {
        post(
            &format!("{page_path}/scope"),
            &cookie,
            &[
                ("csrf", &csrf),
                ("q", "voices.uses_participant_stories"),
                ("voices.uses_participant_stories:value", answer),
            ],
        )
    };
    let applies = |body: &serde_json::Value, id: &str| {
        body["questions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|q| q["id"] == id)
            .map(|q| q["applies"].as_bool().unwrap())
            .unwrap()
    };
    for (answer, expected) in [("no", false), ("yes", true)] {
        let response = send(&router, scope(answer)).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.headers()[header::CONTENT_TYPE], "application/json");
        let body: serde_json::Value = serde_json::from_str(&text(response).await).unwrap();
        assert_eq!(applies(&body, "voices.consent"), expected, "{answer}");
        assert_eq!(applies(&body, "voices.credit"), expected, "{answer}");
        assert!(applies(&body, "voices.affected_reviewed"));
        assert!(
            body["summary"]["answered"]
                .as_str()
                .unwrap()
                .contains(" / ")
        );
    }
    // A draft that does not check (a number where a choice is asked) is left out, not fatal.
    let response = send(
        &router,
        post(
            &format!("{page_path}/scope"),
            &cookie,
            &[
                ("csrf", &csrf),
                ("q", "voices.uses_participant_stories"),
                ("voices.uses_participant_stories:value", "maybe"),
            ],
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    // Without the form token: refused. Nothing was ever written.
    let response = send(
        &router,
        post(&format!("{page_path}/scope"), &cookie, &[("csrf", "wrong")]),
    )
    .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        std::fs::read(dir.path().join(SAMPLE)).unwrap(),
        std::fs::read(samples().join(SAMPLE)).unwrap()
    );
    assert!(!dir.path().join(".dei-history").exists());
    // The script is served from the binary under the strict CSP.
    let response = send(&router, get("/static/app.js", &cookie)).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()[header::CONTENT_SECURITY_POLICY],
        dei_serve::security::CSP
    );
    assert!(text(response).await.contains("data-scope"));
}

/// Saves `value` as the answer to `claims.data_age` through the section form.
async fn save_data_age(router: &axum::Router, cookie: &str, file: &str, value: &str) {
    let section = format!("/a/{file}/s/claims");
    let page = text(send(router, get(&section, cookie)).await).await;
    let response = send(
        router,
        post(
            &section,
            cookie,
            &[
                ("csrf", &hidden(&page, "csrf")),
                ("version", &hidden(&page, "version")),
                ("q", "claims.data_age"),
                ("claims.data_age:value", value),
            ],
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
}

/// The dates of a file's kept versions replaced, for snapshots.
fn redact_dates(page: &str, folder: &std::path::Path, file: &str) -> String {
    let mut out = redact(page);
    for kept in dei_serve::store::history(folder, file) {
        out = out.replace(&kept.kept_at, "DATE");
    }
    out
}

#[tokio::test]
async fn an_earlier_version_is_listed_viewed_and_restored() {
    let dir = folder(&[]);
    let (router, _) = app(dir.path());
    let cookie = login(&router).await;
    let file = create(&router, &cookie, "Example", "2026").await;
    save_data_age(&router, &cookie, &file, "6").await;
    save_data_age(&router, &cookie, &file, "10").await;
    let path = dir.path().join(&file);

    // The list: the current version and the two kept ones, newest first, each with its date
    // and summary.
    let list = format!("/a/{file}/history");
    let page = text(send(&router, get(&list, &cookie)).await).await;
    let kept = dei_serve::store::history(dir.path(), &file);
    assert_eq!(
        kept.iter().map(|k| k.id.as_str()).collect::<Vec<_>>(),
        ["2", "1"]
    );
    assert!(page.contains(&kept[0].kept_at), "{page}");
    assert!(
        page.contains(&format!(
            "href=\"&#x2f;a&#x2f;{file}&#x2f;history&#x2f;2?lang=en\""
        )),
        "{page}"
    );
    insta::assert_snapshot!("history", redact_dates(&page, dir.path(), &file));
    let overview = text(send(&router, get(&format!("/a/{file}"), &cookie)).await).await;
    assert!(
        overview.contains("Earlier versions"),
        "linked from the assessment"
    );

    // One version: its text (escaped), and the restore form.
    let one = format!("/a/{file}/history/2");
    let response = send(&router, get(&one, &cookie)).await;
    assert_eq!(response.status(), StatusCode::OK);
    let page = text(response).await;
    assert!(page.contains("value: 6"), "{page}");
    assert!(page.contains("&quot;claims.data_age&quot;"), "escaped text");
    let (csrf, version) = (hidden(&page, "csrf"), hidden(&page, "version"));
    let restore = format!("{one}/restore");

    // Refused: without the form token; with a stale version (nothing written either time).
    let before = std::fs::read(&path).unwrap();
    let response = send(
        &router,
        post(
            &restore,
            &cookie,
            &[("csrf", "wrong"), ("version", &version)],
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let response = send(
        &router,
        post(&restore, &cookie, &[("csrf", &csrf), ("version", "stale")]),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert!(text(response).await.contains("role=\"alert\""));
    assert_eq!(std::fs::read(&path).unwrap(), before);
    // Only listed versions can be named.
    for id in ["9", "..%2F..%2Fx", "2.yaml", "%2E%2E"] {
        let response = send(&router, get(&format!("/a/{file}/history/{id}"), &cookie)).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{id}");
        let response = send(
            &router,
            post(
                &format!("/a/{file}/history/{id}/restore"),
                &cookie,
                &[("csrf", &csrf), ("version", &version)],
            ),
        )
        .await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{id}");
    }

    // Restored: the kept text is current again, and the version it replaced is kept.
    let response = send(
        &router,
        post(
            &restore,
            &cookie,
            &[("csrf", &csrf), ("version", &version), ("lang", "en")],
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        response.headers()[header::LOCATION],
        format!("/a/{file}/history?lang=en&restored=1").as_str()
    );
    let now = std::fs::read_to_string(&path).unwrap();
    assert!(now.contains("value: 6"), "{now}");
    let history = dir.path().join(".dei-history").join(&file);
    assert_eq!(
        std::fs::read(history.join("3.yaml")).unwrap(),
        before,
        "nothing is lost"
    );
    let page = text(send(&router, get(&format!("{list}?restored=1"), &cookie)).await).await;
    assert!(page.contains("role=\"status\">Restored."), "{page}");
    // The same form again is stale now.
    let response = send(
        &router,
        post(&restore, &cookie, &[("csrf", &csrf), ("version", &version)]),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    // In Dutch.
    let page = text(send(&router, get(&format!("{list}?lang=nl"), &cookie)).await).await;
    assert!(page.contains("Eerdere versies"), "{page}");
}

#[tokio::test]
async fn a_file_not_written_by_the_server_is_restored_only_after_confirmation() {
    let dir = folder(&[SAMPLE]);
    let (router, _) = app(dir.path());
    let cookie = login(&router).await;
    let path = dir.path().join(SAMPLE);
    let original = std::fs::read(&path).unwrap();
    // Adopted (the original kept), then saved once (the adopted text kept as 1).
    let overview = text(send(&router, get(&format!("/a/{SAMPLE}"), &cookie)).await).await;
    let csrf = hidden(&overview, "csrf");
    let response = send(
        &router,
        post(&format!("/a/{SAMPLE}/adopt"), &cookie, &[("csrf", &csrf)]),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    save_data_age(&router, &cookie, SAMPLE, "3").await;
    // Restoring the original over a file the server wrote needs no confirmation; the file is
    // then the person's own again.
    let page = text(
        send(
            &router,
            get(&format!("/a/{SAMPLE}/history/original"), &cookie),
        )
        .await,
    )
    .await;
    assert!(page.contains("the original, as it was before dei serve first rewrote it"));
    assert!(!page.contains("name=\"adopt\""), "{page}");
    let response = send(
        &router,
        post(
            &format!("/a/{SAMPLE}/history/original/restore"),
            &cookie,
            &[("csrf", &csrf), ("version", &hidden(&page, "version"))],
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(std::fs::read(&path).unwrap(), original);
    // Restoring over it now asks first, and keeps it.
    let page = text(send(&router, get(&format!("/a/{SAMPLE}/history/1"), &cookie)).await).await;
    assert!(page.contains("name=\"adopt\""), "the confirmation is asked");
    let restore = format!("/a/{SAMPLE}/history/1/restore");
    let version = hidden(&page, "version");
    let response = send(
        &router,
        post(&restore, &cookie, &[("csrf", &csrf), ("version", &version)]),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert!(text(response).await.contains("Tick the box"));
    assert_eq!(std::fs::read(&path).unwrap(), original, "not replaced");
    let response = send(
        &router,
        post(
            &restore,
            &cookie,
            &[("csrf", &csrf), ("version", &version), ("adopt", "1")],
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let kept = dir.path().join(".dei-history").join(SAMPLE);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        std::fs::read(kept.join("1.yaml")).unwrap()
    );
    assert_eq!(std::fs::read(kept.join("original.yaml")).unwrap(), original);
    let copies = std::fs::read_dir(&kept)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|entry| std::fs::read(entry.path()).unwrap() == original)
        .count();
    assert!(copies >= 2, "the replaced text is kept again");
}

#[tokio::test]
async fn the_details_are_edited_checked_and_kept() {
    let dir = folder(&[]);
    let (router, _) = app(dir.path());
    let cookie = login(&router).await;
    let page = text(send(&router, get("/", &cookie)).await).await;
    let response = send(
        &router,
        post(
            "/new",
            &cookie,
            &[
                ("csrf", &hidden(&page, "csrf")),
                ("checklist", "ngo-dei"),
                ("name", "Example"),
                ("period", "2026"),
            ],
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let file = "example-2026.yaml";
    let details = format!("/a/{file}/details");
    let page = text(send(&router, get(&details, &cookie)).await).await;
    // The organisation keys the checklist's conditions read are offered.
    for key in [
        "org:staff",
        "org:runs_programmes",
        "org:works_through_partners",
    ] {
        assert!(page.contains(&format!("name=\"{key}\"")), "{key}: {page}");
    }
    insta::assert_snapshot!("details", redact(&page));
    let (csrf, version) = (hidden(&page, "csrf"), hidden(&page, "version"));

    // Not valid: the period left empty. Shown back with what was typed, nothing written.
    let before = std::fs::read(dir.path().join(file)).unwrap();
    let response = send(
        &router,
        post(
            &details,
            &cookie,
            &[
                ("csrf", &csrf),
                ("version", &version),
                ("name", "Example <b>&</b>"),
                ("period", " "),
                ("org:staff", "120"),
            ],
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = text(response).await;
    assert!(page.contains("role=\"alert\""));
    assert!(page.contains("Give the period."), "{page}");
    assert!(
        page.contains("value=\"Example &lt;b&gt;&amp;&lt;&#x2f;b&gt;\""),
        "{page}"
    );
    assert!(page.contains("value=\"120\""));
    assert_eq!(std::fs::read(dir.path().join(file)).unwrap(), before);
    // Stale, and without the form token: refused.
    let response = send(
        &router,
        post(
            &details,
            &cookie,
            &[
                ("csrf", &csrf),
                ("version", "old"),
                ("name", "X"),
                ("period", "2027"),
            ],
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let response = send(
        &router,
        post(
            &details,
            &cookie,
            &[
                ("csrf", "no"),
                ("version", &version),
                ("name", "X"),
                ("period", "2027"),
            ],
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(std::fs::read(dir.path().join(file)).unwrap(), before);

    // Saved: organisation, id, keys typed as numbers and truth values, period, goals.
    let response = send(
        &router,
        post(
            &details,
            &cookie,
            &[
                ("csrf", &csrf),
                ("version", &version),
                ("lang", "en"),
                ("name", "Example Foundation"),
                ("id", "example"),
                ("period", "2026-H2"),
                ("assessed_by", "HR lead, Board"),
                ("org:staff", "120"),
                ("org:runs_programmes", "true"),
                ("org:works_through_partners", ""),
                ("goal:strategy", "proactive"),
            ],
        ),
    )
    .await;
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "{}",
        text(response).await
    );
    let written = std::fs::read_to_string(dir.path().join(file)).unwrap();
    assert!(written.contains("organisation: {\"name\":\"Example Foundation\",\"id\":\"example\",\"staff\":120,\"runs_programmes\":true}"), "{written}");
    assert!(written.contains("period: \"2026-H2\""), "{written}");
    assert!(
        written.contains("assessed_by: [\"HR lead\", \"Board\"]"),
        "{written}"
    );
    assert!(
        written.contains("goals: {\"strategy\": \"proactive\"}"),
        "{written}"
    );
    assert_eq!(
        std::fs::read(dir.path().join(".dei-history").join(file).join("1.yaml")).unwrap(),
        before,
        "the version before is kept"
    );
    let page = text(send(&router, get(&format!("{details}?saved=1&lang=nl"), &cookie)).await).await;
    assert!(page.contains("role=\"status\""), "{page}");
    assert!(page.contains("Gegevens van de evaluatie"));
    assert!(page.contains("value=\"Example Foundation\""));
}

#[tokio::test]
async fn evidence_type_and_date_are_set_and_round_trip() {
    let dir = folder(&[]);
    let (router, _) = app(dir.path());
    let cookie = login(&router).await;
    let file = create(&router, &cookie, "Example", "2026").await;
    let section = format!("/a/{file}/s/claims");
    let page = text(send(&router, get(&section, &cookie)).await).await;
    assert!(page.contains("name=\"claims.claims_register:evidence_type\""));
    assert!(page.contains("<label for=\"evd-claims.claims_register-new\">Date"));
    let (csrf, version) = (hidden(&page, "csrf"), hidden(&page, "version"));
    // Not valid: a date that is not a month, a type that is not one. Kept, not written.
    let before = std::fs::read(dir.path().join(&file)).unwrap();
    let response = send(
        &router,
        post(
            &section,
            &cookie,
            &[
                ("csrf", &csrf),
                ("version", &version),
                ("q", "claims.claims_register"),
                ("claims.claims_register:value", "yes"),
                ("claims.claims_register:evidence", "Register"),
                ("claims.claims_register:evidence_type", "rumour"),
                ("claims.claims_register:evidence_date", "March 2025"),
            ],
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = text(response).await;
    assert!(
        page.contains("The evidence date March 2025 is not a month"),
        "{page}"
    );
    assert!(page.contains("rumour is not an evidence type"), "{page}");
    assert!(page.contains("value=\"March 2025\""), "typed kept");
    assert_eq!(std::fs::read(dir.path().join(&file)).unwrap(), before);
    // Saved: typed and dated, and an undated plain one beside it.
    let response = send(
        &router,
        post(
            &section,
            &cookie,
            &[
                ("csrf", &csrf),
                ("version", &version),
                ("q", "claims.claims_register"),
                ("claims.claims_register:value", "yes"),
                ("claims.claims_register:evidence", "Register"),
                ("claims.claims_register:evidence_type", "minutes"),
                ("claims.claims_register:evidence_date", "2025-03"),
                ("claims.claims_register:evidence", "Plain note"),
                ("claims.claims_register:evidence_type", ""),
                ("claims.claims_register:evidence_date", ""),
            ],
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let written = std::fs::read_to_string(dir.path().join(&file)).unwrap();
    assert!(written.contains("evidence: [{\"text\":\"Register\",\"type\":\"minutes\",\"date\":\"2025-03\"}, \"Plain note\"]"), "{written}");
    // Shown again as saved; saving the page unchanged keeps them.
    let page = text(send(&router, get(&section, &cookie)).await).await;
    assert!(
        page.contains("<option value=\"minutes\" selected>"),
        "{page}"
    );
    assert!(
        page.contains("name=\"claims.claims_register:evidence_date\" value=\"2025-03\""),
        "{page}"
    );
    // The type is changed and the date cleared on the first entry.
    let response = send(
        &router,
        post(
            &section,
            &cookie,
            &[
                ("csrf", &csrf),
                ("version", &hidden(&page, "version")),
                ("q", "claims.claims_register"),
                ("claims.claims_register:value", "yes"),
                ("claims.claims_register:evidence", "Register"),
                ("claims.claims_register:evidence_type", "data"),
                ("claims.claims_register:evidence_date", ""),
            ],
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let written = std::fs::read_to_string(dir.path().join(&file)).unwrap();
    assert!(
        written.contains("evidence: [{\"text\":\"Register\",\"type\":\"data\"}]"),
        "{written}"
    );
}

#[tokio::test]
async fn a_file_that_does_not_validate_is_fixed_in_the_browser() {
    let dir = folder(&[]);
    let broken = "checklist: dei-washing-selfcheck\norganisation: {name: Broken}\nperiod: 2025\nassessed_by: [HR]\nanswers:\n  claims.data_age:\n    value: many\n";
    std::fs::write(dir.path().join("broken.yaml"), broken).unwrap();
    let (router, _) = app(dir.path());
    let cookie = login(&router).await;
    // Listed with a link to fix it; opening it links there too.
    let index = text(send(&router, get("/", &cookie)).await).await;
    assert!(
        index.contains("href=\"&#x2f;a&#x2f;broken.yaml&#x2f;fix?lang=en\""),
        "{index}"
    );
    let response = send(&router, get("/a/broken.yaml", &cookie)).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(text(response).await.contains("Fix this file"));
    // The problems, located; the text to correct.
    let fix = "/a/broken.yaml/fix";
    let page = text(send(&router, get(fix, &cookie)).await).await;
    assert!(page.contains("line 7:"), "{page}");
    assert!(page.contains("<code>claims.data_age</code>"), "{page}");
    assert!(page.contains("aria-describedby=\"fix-problems\""));
    assert!(page.contains("value: many\n</textarea>"), "{page}");
    insta::assert_snapshot!("fix", redact(&page));
    let (csrf, version) = (hidden(&page, "csrf"), hidden(&page, "version"));
    // Still wrong: shown again with what was typed, nothing written.
    let still = broken.replace("many", "lots <i>").replace('\n', "\r\n");
    let response = send(
        &router,
        post(
            fix,
            &cookie,
            &[
                ("csrf", &csrf),
                ("version", &version),
                ("text", &still),
                ("adopt", "1"),
            ],
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = text(response).await;
    assert!(page.contains("role=\"alert\""));
    assert!(
        page.contains("value: lots &lt;i&gt;\n</textarea>"),
        "{page}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("broken.yaml")).unwrap(),
        broken
    );
    // Right, but not confirmed (the server did not write this file): refused, text kept.
    let right = broken.replace("many", "6");
    let response = send(
        &router,
        post(
            fix,
            &cookie,
            &[("csrf", &csrf), ("version", &version), ("text", &right)],
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert!(text(response).await.contains("value: 6\n</textarea>"));
    // Stale and forged: refused.
    let response = send(
        &router,
        post(
            fix,
            &cookie,
            &[
                ("csrf", &csrf),
                ("version", "old"),
                ("text", &right),
                ("adopt", "1"),
            ],
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let response = send(
        &router,
        post(
            fix,
            &cookie,
            &[
                ("csrf", "x"),
                ("version", &version),
                ("text", &right),
                ("adopt", "1"),
            ],
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("broken.yaml")).unwrap(),
        broken
    );
    // Saved: the old text kept as the original, the file opens as a form.
    let response = send(
        &router,
        post(
            fix,
            &cookie,
            &[
                ("csrf", &csrf),
                ("version", &version),
                ("text", &right),
                ("adopt", "1"),
            ],
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("broken.yaml")).unwrap(),
        right
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join(".dei-history/broken.yaml/original.yaml")).unwrap(),
        broken
    );
    let response = send(&router, get("/a/broken.yaml", &cookie)).await;
    assert_eq!(response.status(), StatusCode::OK);
    // The fix page of a valid file links to its form; in Dutch too.
    let page = text(send(&router, get("/a/broken.yaml/fix?lang=nl", &cookie)).await).await;
    assert!(page.contains("Dit bestand klopt"), "{page}");
}

#[tokio::test]
async fn a_file_is_renamed_with_its_history() {
    let dir = folder(&[SAMPLE]);
    let (router, _) = app(dir.path());
    let cookie = login(&router).await;
    let file = create(&router, &cookie, "Example", "2026").await;
    save_data_age(&router, &cookie, &file, "6").await;
    let page = text(send(&router, get(&format!("/a/{file}"), &cookie)).await).await;
    assert!(page.contains("<label for=\"rename-name\">File name</label>"));
    let (csrf, version) = (hidden(&page, "csrf"), hidden(&page, "version"));
    let rename = format!("/a/{file}/rename");
    let before = std::fs::read(dir.path().join(&file)).unwrap();
    // Refused: a path, a name taken (the sample), a stale form, a forged one.
    for (name, status) in [
        ("../outside", StatusCode::UNPROCESSABLE_ENTITY),
        (".hidden", StatusCode::UNPROCESSABLE_ENTITY),
        ("sub/inner", StatusCode::UNPROCESSABLE_ENTITY),
        ("", StatusCode::UNPROCESSABLE_ENTITY),
        ("horizon-aid-selfcheck-2025", StatusCode::CONFLICT),
    ] {
        let response = send(
            &router,
            post(
                &rename,
                &cookie,
                &[("csrf", &csrf), ("version", &version), ("name", name)],
            ),
        )
        .await;
        assert_eq!(response.status(), status, "{name}");
    }
    let response = send(
        &router,
        post(
            &rename,
            &cookie,
            &[("csrf", &csrf), ("version", "old"), ("name", "x")],
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let response = send(
        &router,
        post(
            &rename,
            &cookie,
            &[("csrf", "no"), ("version", &version), ("name", "x")],
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(std::fs::read(dir.path().join(&file)).unwrap(), before);
    assert_eq!(
        std::fs::read(samples().join(SAMPLE)).unwrap(),
        std::fs::read(dir.path().join(SAMPLE)).unwrap()
    );
    // Renamed: same bytes under the new name, the history moved along, the old name gone.
    let response = send(
        &router,
        post(
            &rename,
            &cookie,
            &[
                ("csrf", &csrf),
                ("version", &version),
                ("name", "example-foundation-2026"),
                ("lang", "en"),
            ],
        ),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        response.headers()[header::LOCATION],
        "/a/example-foundation-2026.yaml?lang=en"
    );
    let renamed = dir.path().join("example-foundation-2026.yaml");
    assert_eq!(std::fs::read(&renamed).unwrap(), before);
    assert!(!dir.path().join(&file).exists());
    assert!(
        dir.path()
            .join(".dei-history/example-foundation-2026.yaml/1.yaml")
            .is_file()
    );
    assert!(!dir.path().join(".dei-history").join(&file).exists());
    let response = send(&router, get(&format!("/a/{file}"), &cookie)).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let page = text(
        send(
            &router,
            get("/a/example-foundation-2026.yaml/history", &cookie),
        )
        .await,
    )
    .await;
    assert!(page.contains("Version 1"), "{page}");
}
