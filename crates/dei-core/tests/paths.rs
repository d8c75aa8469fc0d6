//! Differential properties of the two paths of answers files (`fast.rs`): over generated
//! numbers and whole documents, written as JSON and as block YAML, the fast path gives exactly
//! the located path's `Answers` or hands over, and JSON and YAML of the same document give the
//! same `Answers`.
//!
//! Why a property test and not a table: serde_json without exact float parsing read
//! `39.99999999999999696896688588` as 39.99999999999999 where YAML read 40.0; 151 of 500
//! random long numbers differed, and one changed a level.

use std::fmt::Write as _;
use std::sync::LazyLock;

use dei_core::testing::{fast_answers, located_answers};
use dei_core::{Answers, Checklist, Source};
use proptest::prelude::*;

const CHECKLIST: &str = r#"
id: paths
version: 1.0.0
title: Paths
languages: [en]
levels:
  - {id: start, min: 0, label: Start}
  - {id: middle, min: 40, label: Middle}
sections:
  - id: s
    title: S
    items:
      - {id: free, question: Q, type: number}
      - {id: pct, question: Q, type: number, min: 0, max: 100, target: {good: [40, 60], poor: [20, 80]}, allow_na: true}
      - {id: choice, question: Q, type: choice, options: [{id: "yes", label: "Yes", score: 1}, {id: "no", label: "No", score: 0}]}
      - {id: multi, question: Q, type: multi, options: [{id: x, label: X, score: 0.5}, {id: y, label: Y, score: 0.5}]}
      - {id: note, question: Q, type: text}
"#;

static PATHS: LazyLock<Checklist> = LazyLock::new(|| {
    Checklist::from_source(&Source::new("paths.yaml", CHECKLIST))
        .unwrap_or_else(|problems| panic!("the test checklist is valid: {problems}"))
});

/// A document as both writers see it. Numbers keep their text, so both formats carry the very
/// same digits.
#[derive(Clone, Debug)]
enum Doc {
    Number(String),
    Text(String),
    Bool(bool),
    Null,
    List(Vec<Doc>),
    Map(Vec<(String, Doc)>),
}

fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

impl Doc {
    fn json(&self, out: &mut String) {
        match self {
            Doc::Number(text) => out.push_str(text),
            Doc::Text(text) => out.push_str(&quoted(text)),
            Doc::Bool(value) => out.push_str(if *value { "true" } else { "false" }),
            Doc::Null => out.push_str("null"),
            Doc::List(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    item.json(out);
                }
                out.push(']');
            }
            Doc::Map(entries) => {
                out.push('{');
                for (i, (key, value)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(&quoted(key));
                    out.push_str(": ");
                    value.json(out);
                }
                out.push('}');
            }
        }
    }

    /// Block YAML: maps and lists one entry a line, scalars as in JSON (which YAML reads alike).
    fn yaml(&self, indent: usize, out: &mut String) {
        let pad = " ".repeat(indent);
        match self {
            Doc::Map(entries) if !entries.is_empty() => {
                for (key, value) in entries {
                    let _ = write!(out, "{pad}{}:", quoted(key));
                    value.yaml_after_key(indent, out);
                }
            }
            Doc::List(items) if !items.is_empty() => {
                for item in items {
                    let _ = write!(out, "{pad}-");
                    item.yaml_after_key(indent, out);
                }
            }
            scalar => {
                out.push_str(&pad);
                scalar.json(out);
                out.push('\n');
            }
        }
    }

    fn yaml_after_key(&self, indent: usize, out: &mut String) {
        match self {
            Doc::Map(entries) if !entries.is_empty() => {
                out.push('\n');
                self.yaml(indent + 2, out);
            }
            Doc::List(items) if !items.is_empty() => {
                out.push('\n');
                self.yaml(indent + 2, out);
            }
            scalar => {
                out.push(' ');
                scalar.json(out);
                out.push('\n');
            }
        }
    }
}

/// Numbers as people and other tools write them: long decimals, exponents, negative zero,
/// integers past 64 bits.
fn number() -> impl Strategy<Value = String> {
    (
        prop_oneof![Just(""), Just("-")],
        prop_oneof![Just("0".to_owned()), "[1-9][0-9]{0,3}", "[1-9][0-9]{15,24}",],
        proptest::option::of("[0-9]{1,30}"),
        proptest::option::of((
            "[eE]",
            prop_oneof![Just(""), Just("+"), Just("-")],
            "[0-9]{1,3}",
        )),
    )
        .prop_map(|(sign, whole, fraction, exponent)| {
            let mut text = format!("{sign}{whole}");
            if let Some(fraction) = fraction {
                let _ = write!(text, ".{fraction}");
            }
            if let Some((e, sign, digits)) = exponent {
                let _ = write!(text, "{e}{sign}{digits}");
            }
            text
        })
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("yes".to_owned()),
        Just("no".to_owned()),
        Just("x".to_owned()),
        Just("12".to_owned()),
        Just("\u{200b}".to_owned()),
        "[a-z \\-:#]{0,12}",
    ]
}

fn scalar() -> impl Strategy<Value = Doc> {
    prop_oneof![
        number().prop_map(Doc::Number),
        text().prop_map(Doc::Text),
        any::<bool>().prop_map(Doc::Bool),
        Just(Doc::Null),
    ]
}

fn value() -> impl Strategy<Value = Doc> {
    prop_oneof![
        4 => scalar(),
        1 => proptest::collection::vec(scalar(), 0..3).prop_map(Doc::List),
    ]
}

/// An answer: a value, or the long form with evidence, a comment or N/A.
fn answer() -> impl Strategy<Value = Doc> {
    prop_oneof![
        3 => value(),
        1 => (
            value(),
            proptest::option::of(proptest::collection::vec(text(), 0..3)),
            proptest::option::of(text()),
            proptest::option::of((any::<bool>(), proptest::option::of(text()))),
        )
            .prop_map(|(value, evidence, comment, na)| {
                let mut entries = Vec::new();
                match na {
                    Some((na, reason)) => {
                        entries.push(("na".to_owned(), Doc::Bool(na)));
                        if let Some(reason) = reason {
                            entries.push(("reason".to_owned(), Doc::Text(reason)));
                        }
                        if !na {
                            entries.push(("value".to_owned(), value));
                        }
                    }
                    None => entries.push(("value".to_owned(), value)),
                }
                if let Some(evidence) = evidence {
                    entries.push((
                        "evidence".to_owned(),
                        Doc::List(evidence.into_iter().map(Doc::Text).collect()),
                    ));
                }
                if let Some(comment) = comment {
                    entries.push(("comment".to_owned(), Doc::Text(comment)));
                }
                Doc::Map(entries)
            }),
    ]
}

fn document() -> impl Strategy<Value = Doc> {
    const ITEMS: [&str; 6] = [
        "s.free",
        "s.pct",
        "s.choice",
        "s.multi",
        "s.note",
        "s.unknown",
    ];
    (
        proptest::collection::vec(("[a-z]{1,6}", value()), 0..4),
        proptest::collection::vec((proptest::sample::select(&ITEMS[..]), answer()), 0..6),
        prop_oneof![text().prop_map(Doc::Text), number().prop_map(Doc::Number)],
    )
        .prop_map(|(organisation, answers, name)| {
            let mut org = vec![("name".to_owned(), name)];
            org.extend(organisation);
            Doc::Map(vec![
                ("checklist".to_owned(), Doc::Text("paths".to_owned())),
                ("organisation".to_owned(), Doc::Map(org)),
                ("period".to_owned(), Doc::Text("2025".to_owned())),
                (
                    "answers".to_owned(),
                    Doc::Map(
                        answers
                            .into_iter()
                            .map(|(id, answer)| (id.to_owned(), answer))
                            .collect(),
                    ),
                ),
            ])
        })
}

/// The answers without the file name, which differs between the files compared.
fn unnamed(mut answers: Answers) -> Answers {
    answers.source_name.clear();
    answers
}

/// Both paths on one file: the fast path gives the located path's answers, or nothing. Returns
/// the located path's outcome.
fn both_paths(name: &str, text: &str) -> Result<Option<Answers>, TestCaseError> {
    let source = Source::new(name, text);
    let located = located_answers(&source, &PATHS).ok();
    if let Some(fast) = fast_answers(&Source::new(name, text), &PATHS) {
        let Some(located) = &located else {
            return Err(TestCaseError::fail(format!(
                "the fast path accepts {name}, the located path refuses it:\n{text}"
            )));
        };
        prop_assert_eq!(&fast, located, "the paths differ on {}:\n{}", name, text);
    }
    Ok(located.map(unnamed))
}

fn check_document(doc: &Doc) -> Result<(), TestCaseError> {
    let mut json = String::new();
    doc.json(&mut json);
    let mut yaml = String::new();
    doc.yaml(0, &mut yaml);
    let from_json = both_paths("doc.json", &json)?;
    let json_as_yaml = both_paths("doc.yaml", &json)?;
    let from_yaml = both_paths("doc.yaml", &yaml)?;
    prop_assert_eq!(&from_json, &json_as_yaml, "JSON text by name:\n{}", json);
    prop_assert_eq!(
        &from_json,
        &from_yaml,
        "JSON and YAML differ:\n{}\n---\n{}",
        json,
        yaml
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// One number, as an answer and as an organisation value, through every path.
    #[test]
    fn numbers_read_alike_on_every_path(number in number()) {
        let doc = Doc::Map(vec![
            ("checklist".to_owned(), Doc::Text("paths".to_owned())),
            (
                "organisation".to_owned(),
                Doc::Map(vec![
                    ("name".to_owned(), Doc::Text("N".to_owned())),
                    ("value".to_owned(), Doc::Number(number.clone())),
                ]),
            ),
            ("period".to_owned(), Doc::Text("2025".to_owned())),
            (
                "answers".to_owned(),
                Doc::Map(vec![
                    ("s.free".to_owned(), Doc::Number(number.clone())),
                    ("s.pct".to_owned(), Doc::Number(number)),
                ]),
            ),
        ]);
        check_document(&doc)?;
    }

    /// Whole documents with every kind of answer, valid or not.
    #[test]
    fn documents_read_alike_on_every_path(doc in document()) {
        check_document(&doc)?;
    }
}

/// The number from the issue, and its neighbours: exact on both paths.
#[test]
fn a_long_number_is_read_exactly_in_json() {
    let text = r#"{"checklist": "paths", "organisation": {"name": "N"}, "period": "2025",
        "answers": {"s.free": 39.99999999999999696896688588}}"#;
    let json = fast_answers(&Source::new("a.json", text), &PATHS).expect("the fast path reads it");
    let yaml = located_answers(&Source::new("a.yaml", text), &PATHS).expect("valid");
    assert_eq!(unnamed(json.clone()), unnamed(yaml));
    assert_eq!(
        json.entries()[0].as_ref().map(|entry| &entry.response),
        Some(&dei_core::answers::Response::Value(
            dei_core::answers::Value::Number(40.0)
        ))
    );
}
