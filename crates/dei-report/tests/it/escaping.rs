//! Text from answers files can never inject Markdown structure, HTML or template syntax.

use dei_core::Library;
use dei_report::{escape_inline, markdown_to_html};
use proptest::prelude::*;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::support::{fixtures, html, markdown, report, scored_text};

/// What CommonMark shows for escaped text: the input with whitespace runs collapsed and every
/// invisible character (bidi control, zero-width space, Mongolian vowel separator, ...) shown
/// as its code point, such as `<U+200B>` (`dei_core::visible`, issue 12), so it can neither hide nor reorder text.
fn flattened(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut shown = String::with_capacity(part.len());
            for c in part.chars() {
                dei_core::visible::visible_char(c, &mut shown);
            }
            shown
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Parses `markdown` and returns (structure events, concatenated text).
fn parse(markdown: &str) -> (Vec<String>, String) {
    let mut structure = Vec::new();
    let mut text = String::new();
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match event {
            Event::Text(t) => text.push_str(&t),
            other => structure.push(format!("{other:?}")),
        }
    }
    (structure, text)
}

/// A context: its name, how it wraps the escaped text, the structure it must parse to.
type Context = (&'static str, fn(&str) -> String, Vec<&'static str>);

fn check_contexts(input: &str) {
    let escaped = escape_inline(input);
    let expected = flattened(input);
    let contexts: [Context; 4] = [
        (
            "paragraph",
            |e| format!("{e}\n"),
            vec!["Start(Paragraph)", "End(Paragraph)"],
        ),
        (
            "list item",
            |e| format!("- {e}\n"),
            vec![
                "Start(List(None))",
                "Start(Item)",
                "End(Item)",
                "End(List(false))",
            ],
        ),
        (
            "bold label",
            |e| format!("**Label:** {e}\n"),
            vec![
                "Start(Paragraph)",
                "Start(Strong)",
                "End(Strong)",
                "End(Paragraph)",
            ],
        ),
        (
            "table cell",
            |e| format!("| a | b |\n|---|---|\n| {e} | z |\n"),
            vec![],
        ),
    ];
    for (name, wrap, expected_structure) in contexts {
        let (structure, text) = parse(&wrap(&escaped));
        if name == "table cell" {
            // Exactly one body row with two cells: the text never splits or adds a cell.
            let cells = structure
                .iter()
                .filter(|e| e.as_str() == "Start(TableCell)")
                .count();
            assert_eq!(cells, 4, "{name}: {input:?} gave {structure:?}");
            assert!(
                structure
                    .iter()
                    .all(|e| e.contains("Table") || e.contains("TableHead")),
                "{name}: {input:?} gave {structure:?}"
            );
            assert_eq!(text, format!("ab{expected}z"), "{name}: {input:?}");
        } else {
            let structure: Vec<&str> = structure.iter().map(String::as_str).collect();
            if expected.is_empty() && name != "bold label" {
                continue;
            }
            assert_eq!(structure, expected_structure, "{name}: {input:?}");
            let shown = text
                .strip_prefix("Label:")
                .map_or(text.as_str(), str::trim_start);
            assert_eq!(shown, expected, "{name}: {input:?}");
        }
    }
}

#[test]
fn hostile_strings_stay_text_in_every_context() {
    for input in [
        "# Heading",
        "## Heading\n\n| a | b |\n|---|---|",
        "- list",
        "+ list",
        "* list",
        "1. ordered",
        "2) ordered",
        "> quote",
        "    indented code",
        "```rust\ncode\n```",
        "~~~\ncode",
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<!-- comment -->",
        "[link](javascript:alert(1))",
        "![image](https://evil.example/x.png)",
        "<https://evil.example>",
        "[ref]: https://evil.example",
        "**bold** _em_ ~~strike~~ `code`",
        "a | b | c",
        "line one\nline two\n===",
        "---",
        "***",
        "___",
        "&lt;script&gt; &amp; &#60;",
        "trailing backslash \\",
        "{{ 7 * 7 }} {% for x in range(3) %}{{ x }}{% endfor %}",
        "tab\there\r\nand\u{0}nul",
        "=== setext",
        "\u{a0}\u{2028}unicode spaces\u{3000}",
        "\u{180f}",
        "evil\u{202e}gpj.exe \u{200b}zero\u{200d}width\u{feff}",
    ] {
        check_contexts(input);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Any text, in particular text made of Markdown's special characters, stays one run of
    /// text with the same visible characters in a paragraph, a list item, after a bold label
    /// and in a table cell.
    #[test]
    fn escaped_text_is_always_plain_text(
        input in prop::string::string_regex(r"[-+*_#|<>\[\]()!`~&\\=.:0-9a-z \n\t{}%]{0,40}").unwrap()
    ) {
        check_contexts(&input);
    }

    #[test]
    fn escaped_unicode_is_always_plain_text(input in any::<String>()) {
        check_contexts(&input);
    }
}

/// Answers on the fixture checklist where every free-text slot holds `text`.
fn answers_with(text: &str, long: &str) -> String {
    let q = |s: &str| serde_json::to_string(s).unwrap_or_default();
    format!(
        r"checklist: checklist.yaml
organisation: {{name: {name}, staff: 25}}
period: {period}
assessed_by: [{text}, {text}]
answers:
  strategy.commitment:
    value: 'yes'
    evidence: [{text}, {text}]
    comment: {text}
  strategy.plan: {{value: partly, comment: {long}}}
  strategy.budget: 'no'
  people.story: {text}
  people.pay_gap: {{value: 'no', comment: {text}, evidence: [{text}]}}
  voice.complaints: {{na: true, reason: {text}}}
",
        name = q(&format!("Org {text}")),
        period = q(&format!("2025 {text}")),
        text = q(text),
        long = q(long),
    )
}

const HOSTILE: &str = "Evil | Org\n# Injected heading\n\n| x | y |\n|---|---|\n- item\n1. item\n> quote\n<script>alert('x')</script><img src=x onerror=alert(1)> ![i](https://evil.example/p.png) [l](javascript:alert(1)) <https://evil.example> {{ 7 * 7 }} {% for i in range(9) %}{{ i }}{% endfor %} &lt;b&gt; **bold** `code` </td></tr></table>";

fn hostile_reports() -> ((String, String), (String, String)) {
    let mut library = Library::with_resolver(dei_core::fs::FsResolver);
    let folder = fixtures();
    let long = "word ".repeat(4000) + &"x".repeat(20_000);
    let hostile = scored_text(
        &mut library,
        "hostile.yaml",
        &answers_with(HOSTILE, &long),
        Some(&folder),
    );
    let benign = scored_text(
        &mut library,
        "benign.yaml",
        &answers_with("plain words", "plain words"),
        Some(&folder),
    );
    let hostile_report = report(&hostile, &[], Some("en"));
    let benign_report = report(&benign, &[], Some("en"));
    (
        (markdown(&hostile_report), html(&hostile_report)),
        (markdown(&benign_report), html(&benign_report)),
    )
}

/// The tags of a Markdown document, ignoring text.
fn tags(markdown: &str) -> Vec<String> {
    Parser::new_ext(markdown, Options::ENABLE_TABLES)
        .filter(|event| !matches!(event, Event::Text(_) | Event::Code(_)))
        .map(|event| format!("{event:?}"))
        .collect()
}

#[test]
fn hostile_answers_do_not_change_the_markdown_structure() {
    let ((hostile_md, _), (benign_md, _)) = hostile_reports();
    // Same headings, tables, rows, cells, lists and links whatever the organisation wrote.
    assert_eq!(tags(&hostile_md), tags(&benign_md));
    // Nothing from the answers is evaluated as a template.
    assert!(hostile_md.contains("{{ 7 \\* 7 }}"));
    assert!(!hostile_md.contains("012345678"));
    // The text is all there, escaped, on one line.
    assert!(hostile_md.contains("Evil \\| Org \\# Injected heading \\| x \\| y \\|"));
    assert!(hostile_md.contains(&"x".repeat(20_000)));
    // Every line that starts a heading comes from the template.
    let headings: Vec<&str> = hostile_md
        .lines()
        .filter(|line| line.starts_with('#'))
        .collect();
    let benign_headings: Vec<&str> = benign_md
        .lines()
        .filter(|line| line.starts_with('#'))
        .collect();
    assert_eq!(headings.len(), benign_headings.len());
    assert!(headings.iter().all(
        |h| !h.contains("Injected heading") || h.starts_with("# DEI self-assessment: Org Evil")
    ));
}

/// The names of every HTML element that opens in `html`.
fn elements(html: &str) -> std::collections::BTreeSet<String> {
    html.split('<')
        .skip(1)
        .filter_map(|rest| {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '!')
                .collect();
            (!name.is_empty()).then(|| name.to_ascii_lowercase())
        })
        .collect()
}

#[test]
fn hostile_answers_cannot_inject_html() {
    let ((_, hostile_html), (_, benign_html)) = hostile_reports();
    assert_eq!(elements(&hostile_html), elements(&benign_html));
    let allowed = [
        "!doctype", "a", "body", "circle", "code", "desc", "em", "figure", "g", "h1", "h2", "h3",
        "head", "hr", "html", "li", "line", "main", "meta", "ol", "p", "path", "polygon", "rect",
        "section", "strong", "style", "svg", "table", "tbody", "td", "text", "th", "thead",
        "title", "tr", "tspan", "ul",
    ];
    for element in elements(&hostile_html) {
        assert!(
            allowed.contains(&element.as_str()),
            "unexpected <{element}>"
        );
    }
    assert!(!hostile_html.contains("<script"));
    assert!(!hostile_html.contains("<img"));
    assert!(!hostile_html.contains("javascript:alert(1)\""));
    assert!(!hostile_html.contains("href=\"javascript"));
    assert!(hostile_html.contains("&lt;script&gt;alert("));
    // Evidence that is not exactly one web address never becomes a link.
    assert!(!hostile_html.contains("href=\"https://evil.example"));
    assert!(!hostile_html.contains("src=\""));
    assert!(hostile_html.contains("default-src 'none'"));
}

#[test]
fn raw_html_in_markdown_is_shown_as_text_and_unsafe_links_are_dropped() {
    let html = markdown_to_html(
        "<div onclick=\"x\">block</div>\n\ninline <b>bold</b> and ![img](https://e.org/x.png) and [bad](javascript:alert(1)) and [good](https://e.org) and [mail](mailto:a@e.org)\n\n<!-- dei:chart -->\n\n<!-- dei:unknown -->\n",
        &[("bars", "<svg>trusted</svg>".to_owned())],
    );
    assert!(html.contains("&lt;div onclick=\"x\"&gt;block&lt;/div&gt;"));
    assert!(html.contains("inline &lt;b&gt;bold&lt;/b&gt;"));
    assert!(!html.contains("<img"));
    assert!(html.contains("<a href=\"https://e.org/x.png\">img</a>"));
    assert!(html.contains(" and bad and "));
    assert!(html.contains("<a href=\"https://e.org\">good</a>"));
    assert!(html.contains("<a href=\"mailto:a@e.org\">mail</a>"));
    assert!(html.contains("<svg>trusted</svg>"));
    // A marker dei does not know is shown as text, never passed through.
    assert!(html.contains("&lt;!-- dei:unknown --&gt;"));
    // Each chart is placed once; a block left open is closed at the end.
    let twice = markdown_to_html(
        "<!-- dei:chart bars -->\n\n<!-- dei:chart bars -->\n",
        &[("bars", "<svg/>".to_owned())],
    );
    assert_eq!(twice.matches("<svg/>").count(), 1);
    assert_eq!(twice.matches("<section").count(), 1);
    assert_eq!(twice.matches("</section>").count(), 1);
}

#[test]
fn a_chart_in_every_html_report_and_none_in_markdown() {
    let ((hostile_md, hostile_html), _) = hostile_reports();
    assert!(!hostile_md.contains("dei:chart"));
    // The radar of the first page and the section bars (no earlier period, no benchmark).
    assert_eq!(hostile_html.matches("<svg").count(), 2);
    // End tags in the organisation's text stay text.
    assert!(!hostile_html.contains("</table><script"));
}

#[test]
fn end_tags_in_text_do_not_close_anything() {
    let markdown = format!(
        "| a |\n|---|\n| {} |\n",
        escape_inline("</td></tr></table>")
    );
    let events: Vec<Event<'_>> = Parser::new_ext(&markdown, Options::ENABLE_TABLES).collect();
    assert!(
        events
            .iter()
            .all(|e| !matches!(e, Event::Html(_) | Event::InlineHtml(_)))
    );
    assert_eq!(
        events
            .iter()
            .filter(|e| matches!(e, Event::Start(Tag::TableCell)))
            .count(),
        2
    );
    assert!(
        events
            .iter()
            .any(|e| matches!(e, Event::End(TagEnd::Table)))
    );
}
