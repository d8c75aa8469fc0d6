//! `dei init`'s blank answers file: a renderer of [`dei_core::Questionnaire`], every question
//! explained in comments, in English or Dutch (the words are in the one language table,
//! `strings.rs`).
//!
//! The file validates as written: every answer key is left empty (which counts as unanswered)
//! and the required `name` and `period` hold visible placeholders. Every text that comes from
//! the checklist goes into a comment, one `# ` per line, so no checklist text can change the
//! YAML structure of the file.

use std::fmt::Write as _;

use dei_core::checklist::{EvidencePolicy, Target};
use dei_core::expr::{CompareOp, Constant, Expr, ItemRoot, Literal, Read, Reference};
use dei_core::questionnaire::{Choice, Input, Question};
use dei_core::{Questionnaire, yaml};

#[cfg(test)]
use crate::strings::TEMPLATE_EN;
use crate::strings::{ConditionWords, Lang, TemplateWords};

/// Comment lines are wrapped at this many characters.
const WIDTH: usize = 96;

/// The blank answers file of `dei init`: a rendering of `questionnaire` (the checklist in the language of its
/// texts); `reference` is written into `checklist:` as it is. With `respondent`, one
/// respondent's template: only the questions the checklist marks for respondents,
/// `respondent: {group: ...}` instead of `assessed_by` (a respondent's file names a group,
/// never a person), and no goals (the organisation sets them).
pub fn answers_template(
    questionnaire: &Questionnaire,
    reference: &str,
    respondent: Option<&str>,
) -> String {
    let words = Lang::from_code(&questionnaire.language).template_words();
    let asked = |question: &&Question| respondent.is_none() || question.respondents;
    let mut out = String::new();

    // Header: how to fill it in, with a real question of this checklist as the example.
    let example = questionnaire
        .questions()
        .filter(asked)
        .find_map(|question| match &question.input {
            Input::Choice { options } => Some((question, options)),
            _ => None,
        });
    let (choice_id, choice_option) =
        example.map_or(("section.item", "option"), |(question, options)| {
            let option = options
                .get(1)
                .or_else(|| options.first())
                .map_or("option", |option| option.id.as_str());
            (question.id.as_str(), option)
        });
    let header = words
        .header
        .replace("{title}", &one_line(&questionnaire.title))
        .replace("{id}", &questionnaire.checklist)
        .replace("{version}", &questionnaire.version)
        .replace("{name}", words.name_placeholder)
        .replace("{period}", words.period_placeholder)
        .replace("{choice_id}", choice_id)
        .replace("{choice_option}", &option_id(choice_option));
    push_comment(&mut out, "", &header, "");
    let _ = writeln!(out, "checklist: {}", yaml::scalar(reference));
    let _ = writeln!(
        out,
        "checklist_version: {}",
        yaml::scalar(&questionnaire.version)
    );
    out.push('\n');

    // Organisation: the name, and the facts that conditions and rules read.
    out.push_str("organisation:\n");
    let _ = writeln!(
        out,
        "  name: {}  # {}",
        yaml::scalar(words.name_placeholder),
        one_line(words.name_note)
    );
    if !questionnaire.facts.is_empty() {
        push_comment(&mut out, "  ", words.facts_intro, "");
        for fact in &questionnaire.facts {
            let mut users: Vec<String> = fact.items.clone();
            users.extend(
                fact.rules
                    .iter()
                    .map(|rule| format!("{} {rule}", words.fact_rules)),
            );
            push_comment(
                &mut out,
                "  ",
                &format!("{}: {} {}.", fact.key, words.fact_used_by, users.join(", ")),
                "  ",
            );
            let _ = writeln!(out, "  {}:", yaml::scalar(&fact.key));
        }
    }
    push_comment(&mut out, "  ", words.more_facts, "");
    let _ = writeln!(
        out,
        "period: {}  # {}",
        yaml::scalar(words.period_placeholder),
        one_line(words.period_note)
    );
    if let Some(group) = respondent {
        let _ = writeln!(
            out,
            "respondent: {{group: {}}}  # {}",
            yaml::scalar(group),
            one_line(words.respondent_note)
        );
    } else {
        let _ = writeln!(
            out,
            "assessed_by: []  # {}",
            one_line(words.assessed_by_note)
        );
    }
    out.push('\n');

    // Goals: the sections and levels to choose from (the organisation sets them, so a
    // respondent's template has none).
    if respondent.is_none() {
        push_goals(&mut out, questionnaire, words);
    }

    // Answers: one empty key per question, grouped by section.
    out.push_str("answers:\n");
    let rule = "=".repeat(WIDTH - 4);
    for section in &questionnaire.sections {
        if !section.questions.iter().any(|question| asked(&question)) {
            continue;
        }
        out.push('\n');
        let _ = writeln!(out, "  # {rule}");
        let mut heading = format!("{} ({}", one_line(&section.title), section.id);
        if (section.weight - 1.0).abs() > f64::EPSILON {
            let _ = write!(heading, ", {} {}", words.weight, number(section.weight));
        }
        heading.push(')');
        push_comment(&mut out, "  ", &heading, "");
        if let Some(description) = &section.description {
            push_comment(&mut out, "  ", description, "");
        }
        let _ = writeln!(out, "  # {rule}");
        for question in section.questions.iter().filter(asked) {
            out.push('\n');
            push_question(&mut out, questionnaire, question, words);
        }
    }
    out
}

/// The goals line, with the sections and levels to choose from in comments above it.
fn push_goals(out: &mut String, questionnaire: &Questionnaire, words: &TemplateWords) {
    let first_section = questionnaire
        .sections
        .first()
        .map_or("section", |section| section.id.as_str());
    let levels = &questionnaire.levels;
    let goal_level = levels
        .get(levels.len().saturating_sub(2))
        .map_or("level", |level| level.id.as_str());
    push_comment(
        out,
        "",
        &words
            .goals_intro
            .replace("{section}", first_section)
            .replace("{level}", goal_level),
        "",
    );
    push_comment(out, "", words.sections, "");
    for section in &questionnaire.sections {
        push_comment(
            out,
            "",
            &format!("  {} = {}", section.id, one_line(&section.title)),
            "    ",
        );
    }
    push_comment(out, "", words.levels, "");
    for level in levels {
        let mut line = format!(
            "  {} = {} ({}",
            level.id,
            one_line(&level.label),
            number(level.min)
        );
        if !level.requires.is_empty() {
            let _ = write!(line, "; {} {}", words.needs, level.requires.join(", "));
        }
        line.push(')');
        push_comment(out, "", &line, "    ");
    }
    out.push_str("goals: {}\n\n");
}

/// The comments and the empty key of one question.
fn push_question(
    out: &mut String,
    questionnaire: &Questionnaire,
    question: &Question,
    words: &TemplateWords,
) {
    push_comment(out, "  ", &question.text, "");
    if let Some(guidance) = &question.guidance {
        let summary = first_sentence(&markdown_to_text(guidance));
        if !summary.is_empty() {
            push_comment(out, "  ", &format!("{} {summary}", words.guidance), "  ");
        }
    }
    let counts = question.scored && question.weight > 0.0;
    match &question.input {
        Input::Choice { options } => {
            push_comment(out, "  ", words.answer_choice, "");
            push_options(out, options, counts);
        }
        Input::Multi { options } => {
            let first: Vec<String> = options.iter().take(2).map(|o| option_id(&o.id)).collect();
            push_comment(
                out,
                "  ",
                &words.answer_multi.replace("{first}", &first.join(", ")),
                "  ",
            );
            push_options(out, options, counts);
        }
        Input::Number {
            unit,
            min,
            max,
            target,
        } => {
            push_comment(
                out,
                "  ",
                &number_answer(unit.as_deref(), *min, *max, words),
                "  ",
            );
            if let Some(target) = target.filter(|_| counts) {
                push_comment(
                    out,
                    "  ",
                    &format!("{} {}", words.target, target_words(&target, words)),
                    "  ",
                );
            }
        }
        Input::Text => push_comment(out, "  ", words.answer_text, ""),
    }
    if !counts {
        push_comment(out, "  ", words.not_scored, "");
    }
    let evidence = match question.evidence {
        EvidencePolicy::Required => words
            .evidence_required
            .replace("{cap}", &number(questionnaire.evidence_cap)),
        EvidencePolicy::Recommended => words.evidence_recommended.to_owned(),
        EvidencePolicy::None => words.evidence_none.to_owned(),
    };
    let na = if question.allow_na {
        words.na_allowed
    } else {
        words.na_not_allowed
    };
    push_comment(out, "  ", &format!("{evidence} {na}"), "");
    if let Some(applies) = &question.applies_if {
        let plain = applies
            .tree
            .as_ref()
            .and_then(|tree| condition_words(tree, &words.expr))
            .unwrap_or_else(|| format!("`{}`", applies.source));
        push_comment(
            out,
            "  ",
            &format!("{} {plain}.", words.asked_only_when),
            "  ",
        );
    }
    let _ = writeln!(out, "  {}:", question.id);
}

fn push_options(out: &mut String, options: &[Choice], scores: bool) {
    for option in options {
        let mut line = format!("  {} = {}", option_id(&option.id), one_line(&option.label));
        if scores {
            let _ = write!(line, " ({})", number(option.score));
        }
        if let Some(description) = &option.description {
            let _ = write!(line, ": {description}");
        }
        push_comment(out, "  ", &line, "    ");
    }
}

/// "Answer: a number in percent, from 0 to 100."
fn number_answer(
    unit: Option<&str>,
    min: Option<f64>,
    max: Option<f64>,
    words: &TemplateWords,
) -> String {
    let mut line = words.answer_number.to_owned();
    if let Some(unit) = unit {
        let _ = write!(line, " {} {unit}", words.in_unit);
    }
    let range = match (min, max) {
        (Some(min), Some(max)) => Some(
            words
                .from_to
                .replace("{min}", &number(min))
                .replace("{max}", &number(max)),
        ),
        (Some(min), None) => Some(words.at_least.replace("{min}", &number(min))),
        (None, Some(max)) => Some(words.at_most.replace("{max}", &number(max))),
        (None, None) => None,
    };
    if let Some(range) = range {
        let _ = write!(line, ", {range}");
    }
    line.push('.');
    line
}

/// A target in words: where the full marks are and where the marks run out (SPEC section 5).
fn target_words(target: &Target, words: &TemplateWords) -> String {
    let ((g1, g2), (p1, p2)) = (target.good, target.poor);
    // A side whose poor bound lies beyond the good band on the other side gets full marks.
    let lower_falls = p1 < g1;
    let upper_falls = p2 > g2;
    let full = match (lower_falls, upper_falls) {
        (true, true) if g1 < g2 => words
            .full_marks_from
            .replace("{low}", &number(g1))
            .replace("{high}", &number(g2)),
        (true, false) => format!(
            "{} {}",
            words.full_marks_at.replace("{value}", &number(g1)),
            words.or_more
        ),
        (false, true) => format!(
            "{} {}",
            words.full_marks_at.replace("{value}", &number(g2)),
            words.or_less
        ),
        // One value, or (impossible for a valid target) no side that falls.
        (true, true) | (false, false) => words.full_marks_at.replace("{value}", &number(g1)),
    };
    let mut none = Vec::new();
    if lower_falls {
        none.push(words.no_marks_at_or_less.replace("{value}", &number(p1)));
    }
    if upper_falls {
        none.push(words.no_marks_at_or_more.replace("{value}", &number(p2)));
    }
    if none.is_empty() {
        format!("{full}.")
    } else {
        format!(
            "{full}; {} {}.",
            words.no_marks,
            none.join(&format!(" {} ", words.expr.or))
        )
    }
}

// ---------------------------------------------------------------------------------------------
// Safe text
// ---------------------------------------------------------------------------------------------

/// Appends `text` as comment lines: every line starts with `indent# `, lines are wrapped at
/// `WIDTH` with `continuation` after the `# ` of wrapped lines. Any text stays a comment.
fn push_comment(out: &mut String, indent: &str, text: &str, continuation: &str) {
    for line in comment_lines(text) {
        if line.trim().is_empty() {
            let _ = writeln!(out, "{indent}#");
            continue;
        }
        // Keep the line's own leading spaces (used for lists in the header).
        let leading = line.len() - line.trim_start().len();
        let (own_indent, body) = line.split_at(leading);
        let first = format!("{indent}# {own_indent}");
        let rest = format!("{indent}# {own_indent}{continuation}");
        let mut current = first.clone();
        let mut empty = true;
        for word in words_outside_code(body) {
            let length = current.chars().count() + 1 + word.chars().count();
            if !empty && length > WIDTH {
                let _ = writeln!(out, "{}", current.trim_end());
                current.clone_from(&rest);
                empty = true;
            }
            if !empty {
                current.push(' ');
            }
            current.push_str(word);
            empty = false;
        }
        let _ = writeln!(out, "{}", current.trim_end());
    }
}

/// The words of `line`, split at spaces that are not inside a `code span`, which stays whole.
fn words_outside_code(line: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut in_code = false;
    let mut start = 0;
    for (index, c) in line.char_indices() {
        match c {
            '`' => in_code = !in_code,
            ' ' if !in_code => {
                if let Some(word) = line.get(start..index).filter(|word| !word.is_empty()) {
                    words.push(word);
                }
                start = index + 1;
            }
            _ => {}
        }
    }
    if let Some(word) = line.get(start..).filter(|word| !word.is_empty()) {
        words.push(word);
    }
    words
}

/// The lines of `text` with every YAML line break honoured and every character that YAML does
/// not allow in a comment replaced.
fn comment_lines(text: &str) -> Vec<String> {
    let mut lines = vec![String::new()];
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                lines.push(String::new());
            }
            '\n' | '\u{85}' | '\u{2028}' | '\u{2029}' => lines.push(String::new()),
            '\t' => push_last(&mut lines, ' '),
            c if yaml::is_printable(c) => push_last(&mut lines, c),
            _ => push_last(&mut lines, '\u{FFFD}'),
        }
    }
    lines
}

fn push_last(lines: &mut [String], c: char) {
    if let Some(line) = lines.last_mut() {
        line.push(c);
    }
}

/// A fixed note for the end of a line: line breaks become spaces.
fn one_line(text: &str) -> String {
    comment_lines(text).join(" ")
}

/// An option id as an answer writes it: `"yes"` and `"no"` (and the other YAML booleans) in
/// quotes, everything else plain.
fn option_id(id: &str) -> String {
    yaml::scalar(id)
}

/// A number without needless decimals: 1, 0.5, 0.25.
fn number(value: f64) -> String {
    format!("{value}")
}

/// The plain text of a Markdown snippet: emphasis, links and code marks removed.
fn markdown_to_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser, TagEnd};
    let mut text = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(part) | Event::Code(part) => text.push_str(&part),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => {
                text.push_str("\n\n");
            }
            _ => {}
        }
    }
    text
}

/// The first sentence of the first paragraph of `text`, on one line.
fn first_sentence(text: &str) -> String {
    let paragraph = text
        .split("\n\n")
        .map(str::trim)
        .find(|paragraph| !paragraph.is_empty())
        .unwrap_or_default();
    let paragraph = paragraph.split_whitespace().collect::<Vec<_>>().join(" ");
    let chars: Vec<char> = paragraph.chars().collect();
    for (index, &c) in chars.iter().enumerate() {
        if matches!(c, '.' | '?' | '!')
            && chars.get(index + 1) == Some(&' ')
            && chars.get(index + 2).is_some_and(|next| next.is_uppercase())
        {
            return chars.get(..=index).unwrap_or_default().iter().collect();
        }
    }
    paragraph
}

// ---------------------------------------------------------------------------------------------
// Conditions in plain words
// ---------------------------------------------------------------------------------------------

/// A condition as words, or `None` when it has a part these words do not say (the caller then
/// shows the expression itself). Generated from the one expression tree of the checklist's
/// condition (`dei_core::expr::Expr`), so `dei init` never parses a condition itself.
fn condition_words(tree: &Expr, words: &ConditionWords) -> Option<String> {
    Some(condition(tree, words)?.text)
}

/// The words of a condition, and whether they join parts with `or` (so that they need brackets
/// inside an `and`).
struct Part {
    text: String,
    is_or: bool,
}

/// A part where a truth value is needed. A value on its own there (`org.x`, a truth test of a
/// key) has no plain reading: `None`.
fn condition(expr: &Expr, w: &ConditionWords) -> Option<Part> {
    let part = |text: String| Some(Part { text, is_or: false });
    match expr {
        Expr::Or(left, right) => Some(Part {
            text: format!(
                "{} {} {}",
                condition(left, w)?.text,
                w.or,
                condition(right, w)?.text
            ),
            is_or: true,
        }),
        Expr::And(left, right) => {
            let side = |expr: &Expr| {
                let side = condition(expr, w)?;
                Some(if side.is_or {
                    format!("({})", side.text)
                } else {
                    side.text
                })
            };
            part(format!("{} {} {}", side(left)?, w.and, side(right)?))
        }
        Expr::Not(operand) => match operand.as_ref() {
            Expr::In(needle, container) => part(format!(
                "{} {} {}",
                value(needle, w)?,
                w.none_of,
                options(container)?.join(", ")
            )),
            Expr::IsDefined(operand) => part(format!("{} {}", value(operand, w)?, w.not_filled_in)),
            Expr::IsNone(operand) => part(format!("{} {}", value(operand, w)?, w.not_empty)),
            other => part(format!("{} ({})", w.not, condition(other, w)?.text)),
        },
        Expr::Compare(op, left, right) => {
            let (left, right) = (value(left, w)?, value(right, w)?);
            part(match op {
                CompareOp::Eq => format!("{left} {} {right}", w.is),
                CompareOp::Ne => format!("{left} {} {right}", w.is_not),
                CompareOp::Gte => format!("{left} {} {right} {}", w.is, w.or_more),
                CompareOp::Lte => format!("{left} {} {right} {}", w.is, w.or_less),
                CompareOp::Gt => format!("{left} {} {right}", w.more_than),
                CompareOp::Lt => format!("{left} {} {right}", w.less_than),
            })
        }
        Expr::In(needle, container) => part(format!(
            "{} {} {}",
            value(needle, w)?,
            w.is,
            join_or(&options(container)?, w.one_of_or)
        )),
        Expr::IsDefined(operand) => part(format!("{} {}", value(operand, w)?, w.filled_in)),
        Expr::IsNone(operand) => part(format!("{} {}", value(operand, w)?, w.empty)),
        _ => None,
    }
}

/// A part where a value is needed: an answer (`answer.section.item` as the item id), an
/// organisation key, a literal, or the number of options chosen.
fn value(expr: &Expr, w: &ConditionWords) -> Option<String> {
    match expr {
        Expr::Read(Read { reference, .. }) => match reference {
            Reference::Item(ItemRoot::Answer, id) => Some(id.clone()),
            Reference::Org(key) => Some(w.organisation.replace("{key}", key)),
            _ => None,
        },
        Expr::Literal(Constant { literal, .. }) => match literal {
            Literal::Text(text) => Some(option_id(text)),
            Literal::Number(number) => Some(self::number(*number)),
            _ => None,
        },
        Expr::Length(operand) => Some(w.count_of.replace("{x}", &value(operand, w)?)),
        // `(x or [])` is the usual guard for an unanswered list: it reads as `x`.
        Expr::Or(left, right)
            if matches!(left.as_ref(), Expr::Read(_))
                && matches!(right.as_ref(),
                    Expr::Literal(Constant { literal: Literal::List(items), .. }) if items.is_empty()) =>
        {
            value(left, w)
        }
        _ => None,
    }
}

/// The options of a literal list, as an answer writes them (`"yes"`, `partly`, `3`); `None`
/// for an empty list or anything but texts and numbers.
fn options(container: &Expr) -> Option<Vec<String>> {
    let Expr::Literal(Constant {
        literal: Literal::List(items),
        ..
    }) = container
    else {
        return None;
    };
    if items.is_empty() {
        return None;
    }
    items
        .iter()
        .map(|item| match item {
            Literal::Text(text) => Some(option_id(text)),
            Literal::Number(number) => Some(self::number(*number)),
            _ => None,
        })
        .collect()
}

/// "a, b or c".
fn join_or(values: &[String], or: &str) -> String {
    match values {
        [] => String::new(),
        [only] => only.clone(),
        [rest @ .., last] => format!("{} {or} {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words of a condition as `dei init` writes them (`None`: it shows the expression).
    fn words_of(source: &str) -> Option<String> {
        let condition = dei_core::expr::Condition::compile(source).expect("compiles");
        condition_words(condition.tree()?, &TEMPLATE_EN.expr)
    }

    #[test]
    fn conditions_read_as_words() {
        for (source, expected) in [
            (
                "answer.strategy.written_strategy in ['yes', 'partly']",
                "strategy.written_strategy is \"yes\" or partly",
            ),
            (
                "org.staff is defined and org.staff >= 50",
                "the organisation's staff is filled in and the organisation's staff is 50 or more",
            ),
            (
                "org.staff is not defined or org.staff >= 10",
                "the organisation's staff is not filled in or the organisation's staff is 10 or more",
            ),
            (
                "answer.communication.uses_stories != 'no'",
                "communication.uses_stories is not \"no\"",
            ),
            (
                "((answer.communication.awareness_days or []) | length) > 0",
                "the number of options chosen in communication.awareness_days is more than 0",
            ),
            (
                "answer.a.b == 'x' and (answer.a.c < 3 or answer.a.d not in ['y', 'z'])",
                "a.b is x and (a.c is less than 3 or a.d is none of \"y\", z)",
            ),
            (
                "(org.workers is defined and org.workers >= 50) or (org.workers is not defined and (org.staff is not defined or org.staff >= 50))",
                "the organisation's workers is filled in and the organisation's workers is 50 or more or the organisation's workers is not filled in and (the organisation's staff is not filled in or the organisation's staff is 50 or more)",
            ),
            (
                "answer.a.b is none or answer.a.b != 'no'",
                "a.b is empty or a.b is not \"no\"",
            ),
            (
                "org.staff >= -10",
                "the organisation's staff is -10 or more",
            ),
        ] {
            assert_eq!(words_of(source).as_deref(), Some(expected), "{source}");
        }
        // Anything unknown is left to the caller, which shows the expression itself.
        for source in [
            "score.a.b > 0.5",
            "answer.a.b | upper",
            "org.partners is not defined or org.partners",
            "answer.a.b in []",
            "answer.a.b is undefined",
        ] {
            assert_eq!(words_of(source), None, "{source}");
        }
    }

    #[test]
    fn targets_read_as_words() {
        let en = &TEMPLATE_EN;
        let words = |good, poor| target_words(&Target { good, poor }, en);
        assert_eq!(
            words((40.0, 60.0), (20.0, 80.0)),
            "full marks from 40 to 60; no marks at 20 or less or at 80 or more."
        );
        assert_eq!(
            words((0.0, 0.0), (20.0, 20.0)),
            "full marks at 0 or less; no marks at 20 or more."
        );
        assert_eq!(
            words((30.0, 100.0), (5.0, 5.0)),
            "full marks at 30 or more; no marks at 5 or less."
        );
        assert_eq!(
            words((0.5, 0.5), (0.0, 0.0)),
            "full marks at 0.5 or more; no marks at 0 or less."
        );
    }

    #[test]
    fn comments_stay_comments_whatever_the_text() {
        let mut out = String::new();
        push_comment(
            &mut out,
            "  ",
            "one\nkey: value\r\n---\rtwo\u{85}three\u{2028}four\u{7}bell\u{feff}",
            "",
        );
        for line in out.lines() {
            assert!(line.starts_with("  #"), "{line:?}");
        }
        assert_eq!(out.lines().count(), 6, "{out}");
        assert!(out.contains('\u{FFFD}'));
    }

    #[test]
    fn guidance_is_summarised_in_one_sentence() {
        assert_eq!(
            first_sentence(&markdown_to_text(
                "Good is a **public** text, e.g. a [statement](https://example.org).\nEvidence: a link."
            )),
            "Good is a public text, e.g. a statement."
        );
        assert_eq!(first_sentence(&markdown_to_text("- one\n- two")), "one");
    }
}
