//! A Dutch report holds no English word of the report's own vocabulary: every heading, label,
//! unit, tag name and method name is translated. Text from the answers file (comments,
//! evidence, reasons, text answers, names) is the organisation's own, and the checklist's
//! texts are its authors': both are left out of the check, which is about dei's own words.

use std::collections::BTreeSet;

use dei_core::answers::{Response, Value};
use dei_core::{Answers, Checklist, Library, Text};
use dei_report::{Lang, escape_inline};

use crate::support::{Scored, html, markdown, report, root, scored_file};

/// English words that are Dutch too, or names: they may appear in a Dutch report.
const SHARED: &[&str] = &[
    "score",
    "scores",
    "checklist",
    "benchmark",
    "data",
    "privacy",
    "gender",
    "over",
    "plan",
    "apart",
];

/// Lower-case words of four letters or more in `text`.
fn words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphabetic() && c != '-')
        .map(|word| word.trim_matches('-').to_lowercase())
        .filter(|word| word.chars().count() >= 4)
        .collect()
}

/// The words of the report's English vocabulary that Dutch does not share.
fn english_vocabulary() -> BTreeSet<String> {
    let strings = |lang: Lang| {
        let value = serde_json::to_value(lang.strings()).unwrap_or_default();
        let mut text: String = value
            .as_object()
            .into_iter()
            .flatten()
            .filter_map(|(_, v)| v.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        for tag in [
            "governance",
            "socio_economic",
            "race",
            "disability",
            "power",
        ] {
            text.push(' ');
            text.push_str(&lang.tag_name(tag));
        }
        text
    };
    let mut english = words(&strings(Lang::En));
    english.extend(words("weighted mean months days"));
    let dutch = words(&strings(Lang::Nl));
    english
        .into_iter()
        .filter(|word| !dutch.contains(word) && !SHARED.contains(&word.as_str()))
        .collect()
}

/// The text of an HTML page: without its style sheet and without tags (and so without the
/// attribute words of the SVG charts).
fn markup_removed(page: &str) -> String {
    let page = match (page.find("<style>"), page.find("</style>")) {
        (Some(start), Some(end)) => format!("{}{}", &page[..start], &page[end..]),
        _ => page.to_owned(),
    };
    let page = page.replace("<code>", "`").replace("</code>", "`");
    let mut out = String::with_capacity(page.len());
    let mut in_tag = false;
    for c in page.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
}

/// Every Dutch text of the checklist (falling back to its default language).
fn checklist_texts(checklist: &Checklist) -> Vec<String> {
    let default = checklist.default_language();
    let mut texts: Vec<&Text> = vec![checklist.title()];
    texts.extend(checklist.description().iter());
    for section in checklist.sections() {
        texts.push(&section.title);
        texts.extend(section.description.iter());
    }
    for item in checklist.items() {
        texts.push(&item.question);
        texts.extend(item.guidance.iter());
        for option in item.options() {
            texts.push(&option.label);
            texts.extend(option.description.iter());
        }
    }
    for level in checklist.levels() {
        texts.push(&level.label);
        texts.extend(level.description.iter());
    }
    for rule in checklist.rules() {
        texts.push(&rule.title);
        texts.extend(rule.explanation.iter());
        texts.extend(rule.advice.iter());
    }
    for resource in checklist.resources() {
        texts.push(&resource.title);
    }
    texts
        .into_iter()
        .map(|text| text.get("nl", default).trim().to_owned())
        .collect()
}

/// Everything the answers file wrote itself, as it may appear in a report.
fn own_texts(answers: &Answers) -> Vec<String> {
    let mut texts = vec![answers.name.clone()];
    texts.extend(answers.assessed_by.iter().cloned());
    for entry in answers.entries().iter().flatten() {
        texts.extend(entry.evidence.iter().map(|evidence| evidence.text.clone()));
        texts.extend(entry.comment.iter().cloned());
        match &entry.response {
            Response::NotApplicable(reason) => texts.push(reason.clone()),
            Response::Value(Value::Text(text)) => texts.push(text.clone()),
            _ => {}
        }
    }
    texts
}

fn english_words_in(
    report: &str,
    scored: &[&Scored],
    vocabulary: &BTreeSet<String>,
) -> Vec<String> {
    let mut text = if report.contains("<html") {
        markup_removed(report)
    } else {
        report.to_owned()
    };
    // Runs of white space as one space, in the report and in the texts to remove (a chart
    // label may be cut into two lines).
    let flat = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    text = flat(&text);
    let mut others = Vec::new();
    for scored in scored {
        others.extend(own_texts(&scored.answers));
        others.extend(checklist_texts(&scored.checklist));
    }
    // Longest first, so that a text is removed before a shorter one inside it.
    others.sort_by_key(|text| std::cmp::Reverse(text.len()));
    for other in others.iter().filter(|other| !other.is_empty()) {
        text = text
            .replace(&escape_inline(other), " ")
            .replace(&flat(other), " ");
    }
    // Ids in code spans (`partnership_without_shared_power`) are names, not words.
    let text: String = text
        .replace("<code>", "`")
        .replace("</code>", "`")
        .split('`')
        .step_by(2)
        .collect::<Vec<_>>()
        .join(" ");
    // Links (resources and evidence) and their addresses.
    let text: String = text
        .split(['<', '>', '(', ')'])
        .filter(|part| !part.starts_with("http"))
        .collect::<Vec<_>>()
        .join(" ");
    words(&text)
        .into_iter()
        .filter(|word| vocabulary.contains(word))
        .map(|word| {
            // The word with what surrounds it, so that a failure shows where it is.
            let lower = text.to_lowercase();
            let at = lower[..lower.find(&word).unwrap_or(0)].chars().count();
            let context: String = lower
                .chars()
                .skip(at.saturating_sub(40))
                .take(100)
                .collect();
            format!("{word} in `{context}`")
        })
        .collect()
}

#[test]
fn a_dutch_report_has_no_english_word_of_the_report_vocabulary() {
    let vocabulary = english_vocabulary();
    // The check itself works: an English report is full of them.
    assert!(vocabulary.contains("months") && vocabulary.contains("weighted"));
    let mut library = Library::with_resolver(dei_core::fs::FsResolver);
    let samples = root().join("checklists/samples");
    let periods: Vec<Scored> = [
        "global-roots-2023",
        "global-roots-2024",
        "global-roots-2025",
    ]
    .iter()
    .map(|name| scored_file(&mut library, &samples.join(format!("{name}.yaml"))))
    .collect();
    let [first, second, third] = [&periods[0], &periods[1], &periods[2]];
    let english = markdown(&report(third, &[first, second], Some("en")));
    assert!(english_words_in(&english, &[first, second, third], &vocabulary).len() > 50);
    let dutch_model = report(third, &[first, second], Some("nl"));
    for (format, text) in [
        ("Markdown", markdown(&dutch_model)),
        ("HTML", html(&dutch_model)),
    ] {
        let found = english_words_in(&text, &[first, second, third], &vocabulary);
        assert!(
            found.is_empty(),
            "English words in the Dutch {format} report: {found:?}"
        );
    }
}
