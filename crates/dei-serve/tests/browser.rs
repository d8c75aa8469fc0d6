//! Real-browser tests: Debian's chromium driven through chromedriver (WebDriver) with
//! fantoccini. A person fills in a whole section with the keyboard only, saves, reloads, sees
//! the score change, triggers a validation error and opens the report; axe-core (from npm,
//! installed by `.ci/run` into `target/axe`) finds no serious or critical violation on any page.
//!
//! A missing chromium, chromedriver or axe-core fails these tests: `.ci/run` installs them.

mod common;

use std::net::{Ipv4Addr, SocketAddr, TcpListener as StdListener};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use fantoccini::actions::{InputSource as _, KeyAction, KeyActions};
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    StdListener::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .expect("a free port")
}

fn axe_source() -> String {
    let path = std::env::var_os("DEI_AXE_JS").map_or_else(
        || {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../../target/axe/node_modules/axe-core/axe.min.js")
        },
        PathBuf::from,
    );
    std::fs::read_to_string(&path).unwrap_or_else(|error| {
        panic!(
            "axe-core is needed at {} ({error}); `.ci/run` installs it with npm",
            path.display()
        )
    })
}

/// Starts chromedriver and the server over `folder`; returns the browser client and the URL
/// with the token.
async fn start(folder: &std::path::Path) -> (Client, Driver, String) {
    let driver_port = free_port();
    let driver = Driver(
        Command::new("chromedriver")
            .arg(format!("--port={driver_port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver must be installed (apt-get install chromium-driver)"),
    );
    let listener = tokio::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))
        .await
        .unwrap();
    let port = listener.local_addr().unwrap().port();
    let token = dei_serve::random_token();
    let app =
        Arc::new(dei_serve::App::new(folder, port, token.clone(), Some("en".into())).unwrap());
    tokio::spawn(async move {
        axum::serve(listener, dei_serve::router(app)).await.unwrap();
    });
    let mut capabilities = serde_json::Map::new();
    capabilities.insert(
        "goog:chromeOptions".into(),
        json!({"args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1000"]}),
    );
    let mut client = None;
    for _ in 0..100 {
        match ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(capabilities.clone())
            .connect(&format!("http://127.0.0.1:{driver_port}"))
            .await
        {
            Ok(connected) => {
                client = Some(connected);
                break;
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
    let client = client.expect("chromedriver answers");
    (
        client,
        driver,
        format!("http://127.0.0.1:{port}/?token={token}"),
    )
}

async fn press(client: &Client, key: char) {
    let actions = KeyActions::new("keyboard".into())
        .then(KeyAction::Down { value: key })
        .then(KeyAction::Up { value: key });
    client.perform_actions(actions).await.unwrap();
}

async fn type_text(client: &Client, text: &str) {
    let mut actions = KeyActions::new("keyboard".into());
    for c in text.chars() {
        actions = actions
            .then(KeyAction::Down { value: c })
            .then(KeyAction::Up { value: c });
    }
    client.perform_actions(actions).await.unwrap();
}

/// The serious and critical violations axe-core finds on the current page.
async fn axe(client: &Client, axe: &str) -> Vec<String> {
    let script = format!(
        "{axe}\n;const done = arguments[arguments.length - 1];\
         axe.run(document, {{resultTypes: ['violations']}}).then(r => done(r.violations\
         .filter(v => v.impact === 'serious' || v.impact === 'critical')\
         .map(v => v.impact + ' ' + v.id + ': ' + v.help + ' @ ' + v.nodes.map(n => n.target.join(' ')).join(', '))))\
         .catch(e => done(['axe failed: ' + e]));"
    );
    let result = client.execute_async(&script, vec![]).await.unwrap();
    serde_json::from_value(result).unwrap()
}

async fn attribute(client: &Client, css: &str, name: &str) -> Option<String> {
    client
        .find(Locator::Css(css))
        .await
        .unwrap()
        .attr(name)
        .await
        .unwrap()
}

/// Fills every question of the current section page with the keyboard only: Tab from the top
/// of the page to each control, arrows for radio buttons, space for check boxes, typing for
/// text, Enter on the Save button.
async fn displayed(client: &Client, css: &str) -> bool {
    client
        .find(Locator::Css(css))
        .await
        .unwrap()
        .is_displayed()
        .await
        .unwrap()
}

async fn fill_section_with_keyboard(client: &Client) {
    // Start from the document: focus the skip link with the first Tab.
    let mut seen_multi = std::collections::HashSet::new();
    for _ in 0..400 {
        press(client, Key::Tab.into()).await;
        let active = client.active_element().await.unwrap();
        let tag = active.tag_name().await.unwrap();
        let kind = active.attr("type").await.unwrap().unwrap_or_default();
        let name = active.attr("name").await.unwrap().unwrap_or_default();
        let id = active.attr("id").await.unwrap().unwrap_or_default();
        if tag == "button" {
            press(client, Key::Enter.into()).await;
            return;
        }
        if name.ends_with(":value") {
            match kind.as_str() {
                // Entering a group focuses its checked radio ("No answer yet", the last one);
                // the arrow wraps to the first option and chooses it.
                "radio" => press(client, Key::Down.into()).await,
                "checkbox" => {
                    if seen_multi.insert(name.clone()) {
                        press(client, ' ').await;
                    }
                }
                _ if active.attr("inputmode").await.unwrap().as_deref() == Some("decimal") => {
                    type_text(client, "6").await;
                }
                _ => type_text(client, "Typed with the keyboard").await,
            }
        } else if name.ends_with(":evidence") && id.ends_with("-new") {
            type_text(client, "Board minutes 2026").await;
        } else if name.ends_with(":evidence_type") && id.ends_with("-new") {
            // A closed select takes the arrow: "No type" becomes the first type, `document`.
            press(client, Key::Down.into()).await;
        } else if name.ends_with(":evidence_date") && id.ends_with("-new") {
            type_text(client, "2026-03").await;
        } else if name.ends_with(":comment") {
            type_text(client, "kb").await;
        }
    }
    panic!("the Save button was never reached with Tab");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_person_fills_in_a_section_with_the_keyboard() {
    let axe_js = axe_source();
    let dir = common::folder(&["horizon-aid-selfcheck-2025.yaml"]);
    // A file written by the server, to edit without the confirmation step.
    let text = dei_serve::store::answers_yaml(
        &dei_serve::store::Header {
            checklist: "dei-washing-selfcheck".into(),
            checklist_version: Some("1.0.0".into()),
            organisation: [("name".to_owned(), json!("Keyboard Foundation"))]
                .into_iter()
                .collect(),
            period: "2026".into(),
            assessed_by: vec!["HR lead".into()],
            goals: vec![],
            ..Default::default()
        },
        &[],
    );
    std::fs::write(dir.path().join("keyboard-2026.yaml"), text).unwrap();
    // A file that does not validate, for the fix page.
    std::fs::write(
        dir.path().join("broken-2026.yaml"),
        "checklist: dei-washing-selfcheck\norganisation: {name: Broken}\nperiod: 2026\nanswers:\n  claims.data_age: {value: many}\n",
    )
    .unwrap();
    let (client, _driver, url) = start(dir.path()).await;

    client.goto(&url).await.unwrap();
    assert!(
        client
            .source()
            .await
            .unwrap()
            .contains("Keyboard Foundation")
    );
    let violations = axe(&client, &axe_js).await;
    assert!(violations.is_empty(), "index: {violations:#?}");

    let base = url.split("/?").next().unwrap().to_owned();
    client
        .goto(&format!("{base}/a/keyboard-2026.yaml"))
        .await
        .unwrap();
    let violations = axe(&client, &axe_js).await;
    assert!(violations.is_empty(), "assessment: {violations:#?}");

    let section = format!("{base}/a/keyboard-2026.yaml/s/claims");
    client.goto(&section).await.unwrap();
    assert_eq!(
        client
            .find(Locator::Id("section-score"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
        "0.0"
    );
    let violations = axe(&client, &axe_js).await;
    assert!(violations.is_empty(), "section: {violations:#?}");

    fill_section_with_keyboard(&client).await;
    // Saved: announced, the score changed, and it survives a reload.
    let notice = client
        .wait()
        .for_element(Locator::Id("notice"))
        .await
        .unwrap();
    assert_eq!(
        notice.attr("role").await.unwrap().as_deref(),
        Some("status")
    );
    let score = client
        .find(Locator::Id("section-score"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_ne!(score, "0.0", "the score changed");
    client.refresh().await.unwrap();
    let first = client
        .find(Locator::Css("input[name='claims.claims_register:value']"))
        .await
        .unwrap();
    assert!(
        first.is_selected().await.unwrap(),
        "the first option stays chosen"
    );
    assert_eq!(
        attribute(&client, "input[name='claims.data_age:value']", "value")
            .await
            .as_deref(),
        Some("6")
    );
    assert!(
        client
            .source()
            .await
            .unwrap()
            .contains("Board minutes 2026")
    );
    let saved = std::fs::read_to_string(dir.path().join("keyboard-2026.yaml")).unwrap();
    assert!(saved.contains("value: 6"), "{saved}");
    assert!(
        saved.contains(r#"{"text":"Board minutes 2026","type":"document","date":"2026-03"}"#),
        "evidence typed and dated with the keyboard: {saved}"
    );

    // A validation error: a number out of range, shown with what was typed.
    let field = client
        .find(Locator::Css("input[name='claims.data_age:value']"))
        .await
        .unwrap();
    field.clear().await.unwrap();
    field.send_keys("9999").await.unwrap();
    press(&client, Key::Enter.into()).await;
    let alert = client
        .wait()
        .for_element(Locator::Css("[role=alert]"))
        .await
        .unwrap();
    assert!(alert.text().await.unwrap().contains("Not saved"));
    assert_eq!(
        attribute(
            &client,
            "input[name='claims.data_age:value']",
            "aria-invalid"
        )
        .await
        .as_deref(),
        Some("true")
    );
    assert_eq!(
        attribute(&client, "input[name='claims.data_age:value']", "value")
            .await
            .as_deref(),
        Some("9999")
    );
    let violations = axe(&client, &axe_js).await;
    assert!(
        violations.is_empty(),
        "section with errors: {violations:#?}"
    );
    assert!(
        std::fs::read_to_string(dir.path().join("keyboard-2026.yaml"))
            .unwrap()
            .contains("value: 6")
    );

    // The report opens from the summary's link.
    client.goto(&section).await.unwrap();
    let link = client
        .find(Locator::Css(".summary a[href*='/report']"))
        .await
        .unwrap();
    link.click().await.unwrap();
    for _ in 0..100 {
        if client
            .current_url()
            .await
            .unwrap()
            .path()
            .ends_with("/report")
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let report = client.source().await.unwrap();
    assert!(report.contains("Keyboard Foundation"), "the report");
    let violations = axe(&client, &axe_js).await;
    assert!(violations.is_empty(), "report: {violations:#?}");

    // Dutch pages pass too.
    client.goto(&format!("{section}?lang=nl")).await.unwrap();
    assert!(client.source().await.unwrap().contains("Opslaan"));
    let violations = axe(&client, &axe_js).await;
    assert!(violations.is_empty(), "section nl: {violations:#?}");

    // Questions appear and disappear as the answers change, before any save (`applies_if`).
    let voices = format!("{base}/a/keyboard-2026.yaml/s/voices");
    client.goto(&voices).await.unwrap();
    let before = std::fs::read(dir.path().join("keyboard-2026.yaml")).unwrap();
    let consent = "fieldset[id='q-voices.consent']";
    assert!(!displayed(&client, consent).await, "not asked yet");
    for (answer, shown) in [("yes", true), ("no", false)] {
        client
            .find(Locator::Css(&format!(
                "input[name='voices.uses_participant_stories:value'][value='{answer}']"
            )))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let mut now = !shown;
        for _ in 0..100 {
            now = displayed(&client, consent).await;
            if now == shown {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert_eq!(now, shown, "after answering {answer}");
        let status = client
            .find(Locator::Id("scope-status"))
            .await
            .unwrap()
            .prop("textContent")
            .await
            .unwrap()
            .unwrap_or_default();
        assert!(
            status.contains(if shown {
                "apply now"
            } else {
                "no longer apply"
            }),
            "{status}"
        );
    }
    let violations = axe(&client, &axe_js).await;
    assert!(violations.is_empty(), "voices: {violations:#?}");
    assert_eq!(
        std::fs::read(dir.path().join("keyboard-2026.yaml")).unwrap(),
        before,
        "nothing is saved until Save"
    );

    // The whole-file pages: details, the history and one kept version, fixing a broken file.
    for (page, wanted) in [
        ("keyboard-2026.yaml/details", "Keyboard Foundation"),
        ("keyboard-2026.yaml/history", "Earlier versions"),
        ("keyboard-2026.yaml/history/1", "Restore this version"),
        ("broken-2026.yaml/fix", "claims.data_age"),
        ("broken-2026.yaml/fix?lang=nl", "Dit bestand herstellen"),
    ] {
        client.goto(&format!("{base}/a/{page}")).await.unwrap();
        assert!(client.source().await.unwrap().contains(wanted), "{page}");
        let violations = axe(&client, &axe_js).await;
        assert!(violations.is_empty(), "{page}: {violations:#?}");
    }

    if let Some(path) = std::env::var_os("DEI_SCREENSHOT") {
        client.goto(&section).await.unwrap();
        std::fs::write(path, client.screenshot().await.unwrap()).unwrap();
    }
    client.close().await.unwrap();
}
