//! Robustness properties of the loaders and of scoring, over generated input.
//!
//! - Any text, and any YAML document built from the keys and values dei knows, fed to
//!   `Checklist::from_source`, `Answers::from_source` and `Library::load_source`, never panics;
//!   every error has a message and, when located, a line and column inside the file.
//! - Any valid set of answers (a random subset of the items of a checklist with random valid
//!   values, N/A, evidence and comments) loads and scores, and every score lies in its range.

use std::fmt::Write as _;
use std::sync::{Arc, LazyLock};

use dei_core::checklist::{AnswerKind, Target};
use dei_core::library::Loaded;
use dei_core::{Answers, Checklist, Diagnostics, Library, Scorecard, Source, score, score_figures};
use proptest::prelude::*;

/// A small checklist with every item type, N/A, evidence, a target, a condition and rules.
const SMALL: &str = r#"
id: small
version: 1.0.0
languages: [en, nl]
title: {en: Small, nl: Klein}
scales:
  ypn:
    - {id: "yes", label: "Yes", score: 1}
    - {id: partly, label: Partly, score: 0.5}
    - {id: "no", label: "No", score: 0}
levels:
  - {id: start, min: 0, label: Start}
  - {id: middle, min: 40, label: Middle}
  - {id: top, min: 80, label: Top, requires: [a.choice]}
sections:
  - id: a
    title: A
    weight: 2
    items:
      - {id: choice, question: Q, type: choice, scale: ypn, evidence: required, kind: policy, tags: [gender]}
      - {id: na_ok, question: Q, type: choice, scale: ypn, allow_na: true, kind: practice}
      - id: multi
        question: Q
        type: multi
        evidence: recommended
        options:
          - {id: x, label: X, score: 0.6}
          - {id: y, label: Y, score: 0.6}
          - {id: z, label: Z, score: 0}
      - {id: pct, question: Q, type: number, unit: percent, min: 0, max: 100, target: {good: [40, 60], poor: [20, 80]}}
      - {id: free, question: Q, type: number}
  - id: b
    title: B
    items:
      - {id: note, question: Q, type: text}
      - {id: cond, question: Q, type: choice, scale: ypn, applies_if: "answer.a.choice == 'yes'"}
      - {id: gap, question: Q, type: number, min: -100, max: 100, target: {good: 0, poor: 20}, allow_na: true}
rules:
  - id: claim_without_proof
    severity: high
    when: "answer.a.choice == 'yes' and evidence.a.choice == 0"
    title: Claim without proof
  - id: policy_ahead
    severity: low
    when: "index.kind.policy is not none and index.kind.practice is not none and index.kind.policy - index.kind.practice > 30"
    title: Policy ahead of practice
"#;

/// The built-in checklist, checked once for all cases.
static NGO_DEI: LazyLock<Arc<Checklist>> = LazyLock::new(|| {
    Library::with_resolver(dei_core::fs::FsResolver)
        .checklist("ngo-dei", None)
        .unwrap_or_else(|problems| panic!("the built-in checklist is valid: {problems}"))
});

fn small() -> Checklist {
    Checklist::from_source(&Source::new("small.yaml", SMALL))
        .unwrap_or_else(|problems| panic!("the test checklist is valid: {problems}"))
}

/// Lines as YAML counts them: `\r\n`, a lone `\r` and `\n` each end a line. A location may
/// point just past the last line break (the end of the file), hence the `+ 1`.
fn line_count(text: &str) -> u64 {
    let breaks =
        text.matches('\n').count() + text.matches('\r').count() - text.matches("\r\n").count();
    breaks as u64 + 1
}

/// What every failure must look like: at least one error; each problem with a message, a file,
/// and a location inside the file when it is about `source`.
fn check_problems(source: &Source, problems: &Diagnostics) -> Result<(), TestCaseError> {
    prop_assert!(
        problems.has_errors(),
        "a failure without an error: {problems:?}"
    );
    for problem in &problems.0 {
        prop_assert!(
            !problem.message.trim().is_empty(),
            "no message: {problem:?}"
        );
        prop_assert!(!problem.file.is_empty(), "no file: {problem:?}");
        prop_assert_eq!(problem.line.is_some(), problem.column.is_some());
        if let (Some(line), Some(column)) = (problem.line, problem.column) {
            prop_assert!(line >= 1 && column >= 1, "location below 1: {:?}", problem);
            if problem.file == source.name() {
                prop_assert!(
                    line <= line_count(source.text()),
                    "line {} past the end ({} lines): {:?}",
                    line,
                    line_count(source.text()),
                    problem
                );
            }
        }
        prop_assert!(!problem.render().is_empty());
    }
    Ok(())
}

/// Feeds one text to all three loaders and checks every failure.
fn load_everywhere(text: &str, checklist: &Checklist) -> Result<(), TestCaseError> {
    let source = Source::new("generated.yaml", text);
    if let Err(problems) = Checklist::from_source(&source) {
        check_problems(&source, &problems)?;
    }
    if let Err(problems) = Answers::from_source(&source, checklist) {
        check_problems(&source, &problems)?;
    }
    // Relative checklist paths resolve inside an empty temporary folder, never the crate's.
    let folder = std::env::temp_dir().join("dei-properties-empty");
    let _ = std::fs::create_dir_all(&folder);
    match Library::with_resolver(dei_core::fs::FsResolver)
        .load_source(&source, Some(folder.as_path()))
    {
        Ok(Loaded::Answers(checklist, answers)) => {
            prop_assert_eq!(answers.entries().len(), checklist.items().len());
        }
        Ok(Loaded::Checklist(_, checklist)) => prop_assert!(!checklist.levels().is_empty()),
        Err(problems) => check_problems(&source, &problems)?,
    }
    Ok(())
}

/// A generated YAML node.
#[derive(Clone, Debug)]
enum Node {
    Scalar(String),
    List(Vec<Node>),
    Map(Vec<(String, Node)>),
}

/// Keys dei knows, at every level of every kind of file, and a few it does not.
const KEYS: &[&str] = &[
    "checklist",
    "checklist_version",
    "organisation",
    "name",
    "staff",
    "period",
    "assessed_by",
    "goals",
    "answers",
    "value",
    "evidence",
    "comment",
    "na",
    "reason",
    "id",
    "version",
    "languages",
    "title",
    "description",
    "scoring",
    "evidence_cap",
    "scales",
    "levels",
    "min",
    "max",
    "label",
    "requires",
    "resources",
    "url",
    "kind",
    "sections",
    "weight",
    "items",
    "question",
    "guidance",
    "type",
    "scale",
    "options",
    "score",
    "allow_na",
    "applies_if",
    "tags",
    "unit",
    "target",
    "good",
    "poor",
    "rules",
    "severity",
    "when",
    "explanation",
    "advice",
    "retired",
    "tailors",
    "tailors_version",
    "exclude",
    "weights",
    "add_sections",
    "add_items",
    "add_rules",
    "a.choice",
    "a.na_ok",
    "a.multi",
    "a.pct",
    "b.note",
    "b.gap",
    "strategy",
    "strategy.budget",
    "a",
    "b",
    "en",
    "nl",
    "unknown_key",
    "<<",
    "\"quoted key\"",
];

/// Scalars of every kind, including the awkward ones.
const SCALARS: &[&str] = &[
    "small",
    "ngo-dei",
    "dei-washing-selfcheck",
    "1.0.0",
    "\"1.0.0\"",
    "en",
    "nl",
    "choice",
    "multi",
    "number",
    "text",
    "required",
    "recommended",
    "none",
    "policy",
    "practice",
    "high",
    "low",
    "ypn",
    "\"yes\"",
    "yes",
    "no",
    "partly",
    "x",
    "y",
    "z",
    "true",
    "false",
    "on",
    "off",
    "null",
    "~",
    "\"\"",
    "0",
    "1",
    "-1",
    "0.5",
    "40",
    "100",
    "1e308",
    "-1e308",
    "1e400",
    ".nan",
    ".inf",
    "-.inf",
    "0x1F",
    "0o17",
    "2025-12-01",
    "\"answer.a.choice == 'yes'\"",
    "\"answer.nope.x\"",
    "\"{{ broken\"",
    "'single quoted'",
    "\"tab\\there\"",
    "\"ü ñ 中 🙂\"",
    "\"<script>alert(1)</script>\"",
    "a.choice",
    "missing.yaml",
    "sub/missing.yaml",
    "!!str 12",
    "!!binary aGVsbG8=",
    "!custom tag",
    "&anchor value",
    "*anchor",
    "|",
    ">-",
];

fn node() -> impl Strategy<Value = Node> {
    let leaf = proptest::sample::select(SCALARS).prop_map(|s| Node::Scalar(s.to_owned()));
    leaf.prop_recursive(5, 48, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..5).prop_map(Node::List),
            proptest::collection::vec(
                (
                    proptest::sample::select(KEYS).prop_map(str::to_owned),
                    inner
                ),
                0..6
            )
            .prop_map(Node::Map),
        ]
    })
}

/// Renders a node in block style (maps and lists on their own lines), with flow style for
/// collections inside lists; `flow` forces flow style throughout.
fn render(node: &Node, indent: usize, flow: bool, out: &mut String) {
    let pad = " ".repeat(indent);
    match node {
        Node::Scalar(scalar) => out.push_str(scalar),
        Node::List(items) if flow || items.is_empty() => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                render(item, 0, true, out);
            }
            out.push(']');
        }
        Node::Map(entries) if flow || entries.is_empty() => {
            out.push('{');
            for (i, (key, value)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                let _ = write!(out, "{key}: ");
                render(value, 0, true, out);
            }
            out.push('}');
        }
        Node::List(items) => {
            for item in items {
                let _ = write!(out, "\n{pad}- ");
                render(item, indent + 2, true, out);
            }
        }
        Node::Map(entries) => {
            for (key, value) in entries {
                let _ = write!(out, "\n{pad}{key}:");
                if matches!(value, Node::Scalar(_)) {
                    out.push(' ');
                }
                render(value, indent + 2, false, out);
            }
        }
    }
}

/// A generated document: a map at the top, in block or flow style, sometimes with a line
/// ending other than `\n`.
fn document() -> impl Strategy<Value = String> {
    (
        proptest::collection::vec(
            (
                proptest::sample::select(KEYS).prop_map(str::to_owned),
                node(),
            ),
            0..8,
        ),
        any::<bool>(),
        prop_oneof![Just("\n"), Just("\r\n"), Just("\r")],
    )
        .prop_map(|(entries, flow, ending)| {
            let mut out = String::new();
            render(&Node::Map(entries), 0, flow, &mut out);
            out.push('\n');
            out.replace('\n', ending)
        })
}

/// An answers document with a header that passes, so the generated part reaches the checks
/// of answers rather than stopping at a missing key.
fn answers_document() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        (
            proptest::sample::select(KEYS).prop_map(str::to_owned),
            node(),
        ),
        0..8,
    )
    .prop_map(|entries| {
        let mut out = String::from(
            "checklist: small\norganisation: {name: Generated}\nperiod: 2025\nanswers:",
        );
        let mut body = String::new();
        render(&Node::Map(entries), 2, false, &mut body);
        if body.is_empty() {
            out.push_str(" {}");
        }
        out.push_str(&body);
        out.push('\n');
        out
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC*") {
        load_everywhere(&text, &small())?;
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..400),
        // Mostly text, with a stray high byte now and then.
        proptest::collection::vec(prop_oneof![20 => 0x00..0x80u8, 1 => any::<u8>()], 0..400),
    ]) {
        match Source::from_bytes("bytes.yaml", bytes.clone()) {
            Ok(source) => load_everywhere(source.text(), &small())?,
            Err(problem) => {
                prop_assert_eq!(problem.code, dei_core::Code::InvalidUtf8);
                let line = problem.line.unwrap_or(1);
                prop_assert!(line >= 1 && line <= line_count(&String::from_utf8_lossy(&bytes)));
            }
        }
    }

    #[test]
    fn yaml_like_text_never_panics(text in "[a-z_.:\\-\\[\\]{}, \"'#&*!|>\n\t0-9]{0,200}") {
        load_everywhere(&text, &small())?;
    }

    #[test]
    fn generated_documents_never_panic(text in document()) {
        load_everywhere(&text, &small())?;
    }

    #[test]
    fn generated_answers_never_panic(text in answers_document()) {
        let checklist = small();
        let source = Source::new("answers.yaml", text.as_str());
        match Answers::from_source(&source, &checklist) {
            Ok(answers) => check_scorecard(&score(&checklist, &answers).map_err(|problems| {
                TestCaseError::fail(format!("accepted answers must score: {problems}"))
            })?)?,
            Err(problems) => check_problems(&source, &problems)?,
        }
    }
}

/// How to answer one item, drawn at random and applied to whatever the item takes.
// Independent random choices, not a state: flags read better than an enum here.
#[allow(clippy::struct_excessive_bools)]
#[derive(Clone, Debug)]
struct Pick {
    answer: bool,
    na: bool,
    option: usize,
    subset: Vec<bool>,
    fraction: f64,
    evidence: u8,
    comment: bool,
    long_form: bool,
}

fn pick() -> impl Strategy<Value = Pick> {
    (
        any::<bool>(),
        proptest::bool::weighted(0.15),
        0..16usize,
        proptest::collection::vec(any::<bool>(), 16),
        0.0..=1.0f64,
        0..3u8,
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(answer, na, option, subset, fraction, evidence, comment, long_form)| Pick {
                answer,
                na,
                option,
                subset,
                fraction,
                evidence,
                comment,
                long_form,
            },
        )
}

/// Valid answers for `checklist` from one pick per item.
fn valid_answers(checklist: &Checklist, picks: &[Pick], staff: u32) -> String {
    let mut out = format!(
        "checklist: {}\norganisation:\n  name: \"Generated <b>&</b> Co\"\n  staff: {staff}\nperiod: 2025\nanswers:\n",
        checklist.id()
    );
    for (item, pick) in checklist.items().iter().zip(picks) {
        if !pick.answer {
            continue;
        }
        if pick.na && item.allow_na {
            let _ = writeln!(
                out,
                "  {}: {{na: true, reason: \"does not apply\"}}",
                item.id
            );
            continue;
        }
        let value = match &item.answer {
            AnswerKind::Choice(options) => {
                format!("\"{}\"", options[pick.option % options.len()].id)
            }
            AnswerKind::Multi(options) => {
                let chosen: Vec<String> = options
                    .iter()
                    .zip(&pick.subset)
                    .filter(|(_, take)| **take)
                    .map(|(option, _)| format!("\"{}\"", option.id))
                    .collect();
                format!("[{}]", chosen.join(", "))
            }
            AnswerKind::Number(spec) => {
                let low = spec.min.unwrap_or(-1000.0);
                let high = spec.max.unwrap_or(1000.0);
                let value = (low + (high - low) * pick.fraction).clamp(low, high);
                format!("{value}")
            }
            AnswerKind::Text => "\"free text: with *markdown* and <html>\"".to_owned(),
        };
        if pick.long_form || pick.evidence > 0 || pick.comment {
            let _ = writeln!(out, "  {}:\n    value: {value}", item.id);
            if pick.evidence > 0 {
                let evidence: Vec<String> =
                    (0..pick.evidence).map(|i| format!("\"doc {i}\"")).collect();
                let _ = writeln!(out, "    evidence: [{}]", evidence.join(", "));
            }
            if pick.comment {
                let _ = writeln!(out, "    comment: \"a comment | with a pipe\"");
            }
        } else {
            let _ = writeln!(out, "  {}: {value}", item.id);
        }
    }
    out
}

/// Every number of a scorecard in its range (SPEC section 5).
fn check_scorecard(scorecard: &Scorecard) -> Result<(), TestCaseError> {
    let percent = |value: f64| value.is_finite() && (0.0..=100.0).contains(&value);
    let unit = |value: f64| value.is_finite() && (0.0..=1.0).contains(&value);
    prop_assert!(
        scorecard.overall.is_none_or(percent),
        "{:?}",
        scorecard.overall
    );
    prop_assert!(percent(scorecard.completeness));
    prop_assert!(scorecard.evidence_coverage.is_none_or(percent));
    prop_assert!(scorecard.na_share.is_none_or(percent));
    for section in &scorecard.sections {
        prop_assert!(section.score.is_none_or(percent), "{:?}", section);
        prop_assert!(section.answered <= section.in_scope, "{:?}", section);
    }
    for item in &scorecard.items {
        prop_assert!(item.raw_score.is_none_or(unit), "{:?}", item);
        prop_assert!(item.score.is_none_or(unit), "{:?}", item);
        if let (Some(raw), Some(effective)) = (item.raw_score, item.score) {
            prop_assert!(effective <= raw, "{:?}", item);
        }
    }
    for value in scorecard
        .indices
        .kind
        .values()
        .chain(scorecard.indices.tag.values())
    {
        prop_assert!(value.is_none_or(percent));
    }
    prop_assert!(serde_json::to_string(scorecard).is_ok());
    Ok(())
}

fn check_valid_answers(checklist: &Checklist, text: &str) -> Result<(), TestCaseError> {
    let source = Source::new("valid.yaml", text);
    let answers = Answers::from_source(&source, checklist).map_err(|problems| {
        TestCaseError::fail(format!("valid answers refused: {problems}\n{text}"))
    })?;
    let scorecard = score(checklist, &answers).map_err(|problems| {
        TestCaseError::fail(format!("valid answers do not score: {problems}\n{text}"))
    })?;
    check_scorecard(&scorecard)?;
    // The figures `dei benchmark` scores are those of the full scorecard.
    let figures = score_figures(checklist, &answers)
        .map_err(|problems| TestCaseError::fail(format!("{problems}")))?;
    prop_assert_eq!(Ok(figures), scorecard.figures(checklist));
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn valid_answers_to_the_small_checklist_load_and_score(
        picks in proptest::collection::vec(pick(), 8),
        staff in 0..500u32,
    ) {
        let checklist = small();
        check_valid_answers(&checklist, &valid_answers(&checklist, &picks, staff))?;
    }

    #[test]
    fn valid_answers_to_ngo_dei_load_and_score(
        picks in proptest::collection::vec(pick(), 170),
        staff in 0..500u32,
    ) {
        let checklist = &*NGO_DEI;
        prop_assert!(checklist.items().len() <= picks.len());
        check_valid_answers(checklist, &valid_answers(checklist, &picks, staff))?;
    }

    /// Any valid target scores any finite answer within [0, 1], even at the far ends of f64.
    #[test]
    fn targets_score_every_finite_value_in_range(
        mut bounds in proptest::array::uniform4(prop_oneof![
            -1e308..1e308f64, -100.0..100.0f64, Just(f64::MAX), Just(f64::MIN)
        ]),
        value in prop_oneof![any::<f64>().prop_filter("finite", |v| v.is_finite()), -200.0..200.0f64],
    ) {
        bounds.sort_by(f64::total_cmp);
        let [p1, g1, g2, p2] = bounds;
        let target = Target { good: (g1, g2), poor: (p1, p2) };
        prop_assume!(target.check().is_ok());
        let raw = target.score(value);
        prop_assert!((0.0..=1.0).contains(&raw), "{:?} scores {} as {}", target, value, raw);
    }

    /// One-sided targets ("lower is better" and the reverse), with points far apart.
    #[test]
    fn point_targets_score_every_finite_value_in_range(
        good in prop_oneof![-1e308..1e308f64, Just(f64::MAX), Just(f64::MIN), Just(0.0)],
        poor in prop_oneof![-1e308..1e308f64, Just(f64::MAX), Just(f64::MIN), Just(20.0)],
        value in prop_oneof![any::<f64>().prop_filter("finite", |v| v.is_finite()), -200.0..200.0f64],
    ) {
        let target = Target { good: (good, good), poor: (poor, poor) };
        prop_assume!(target.check().is_ok());
        let raw = target.score(value);
        prop_assert!((0.0..=1.0).contains(&raw), "{:?} scores {} as {}", target, value, raw);
    }
}
