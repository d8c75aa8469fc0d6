//! `dei init`: a blank answers file for a checklist, every question explained in comments.
//!
//! The file validates as written: every answer key is left empty (which counts as unanswered)
//! and the required `name` and `period` hold visible placeholders. Every text that comes from
//! the checklist goes into a comment, one `# ` per line, so no checklist text can change the
//! YAML structure of the file.

use std::fmt::Write as _;
use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;

use dei_core::fs::FsResolver;
use dei_core::{
    Choice, Code, CompareOp, Constant, Diagnostic, Diagnostics, EvidencePolicy, Expr, Input,
    ItemRoot, Library, Literal, Question, Questionnaire, Read, Reference, Target, builtin_text,
    yaml,
};

use crate::output::{Failure, print_diagnostics, write_output};
use dei_core::visible::visible;

/// Exit code of a usage mistake, such as a language the checklist does not have.
const EXIT_USAGE: u8 = 2;

/// Comment lines are wrapped at this many characters.
const WIDTH: usize = 96;

/// What `dei init` was asked to do.
pub struct Options<'a> {
    /// A built-in checklist id or a path to a checklist or tailoring.
    pub checklist: &'a str,
    /// Where to write; standard output when `None`.
    pub output: Option<&'a Path>,
    /// The language of the texts; the checklist's default when `None`.
    pub language: Option<&'a str>,
    /// Replace an existing output file.
    pub force: bool,
    /// Write one respondent's template for this group (SPEC section 15).
    pub respondent: Option<&'a str>,
    /// A previous period's answers file to carry over (`--from`).
    pub from: Option<&'a Path>,
}

/// Runs `dei init`.
pub fn run(options: &Options<'_>) -> Result<ExitCode, Failure> {
    crate::words::choose(options.language, None);
    let mut library = Library::with_resolver(FsResolver);
    let checklist = library.checklist(options.checklist, None)?;
    crate::words::choose(options.language, Some(checklist.default_language()));
    let language = match options.language {
        None => checklist.default_language().to_owned(),
        Some(language) if checklist.languages().iter().any(|known| known == language) => {
            language.to_owned()
        }
        Some(language) => {
            let languages = checklist.languages().join(", ");
            let problem = Diagnostic::error(
                Code::UnknownLanguage,
                options.checklist,
                format!(
                    "`{language}` is not a language of `{}`; its languages are {languages}",
                    checklist.id()
                ),
            )
            .with_hint(format!(
                "use --lang with one of {languages}, or leave it out for {}",
                checklist.default_language()
            ))
            .with_dutch(
                format!(
                    "`{language}` is geen taal van `{}`; de talen zijn {languages}",
                    checklist.id()
                ),
                Some(format!(
                    "gebruik --lang met een van {languages}, of laat het weg voor {}",
                    checklist.default_language()
                )),
            );
            print_diagnostics(&Diagnostics::from(problem));
            return Ok(ExitCode::from(EXIT_USAGE));
        }
    };

    if let Some(group) = options.respondent {
        let problem = if !is_group_id(group) {
            Some(
                Diagnostic::error(
                    Code::InvalidId,
                    options.checklist,
                    format!("`{group}` is not a respondent group id"),
                )
                .with_hint("a group is a short id such as `staff`, `volunteers` or `board` (lower case letters, digits and `_`, starting with a letter); never a person's name")
                .with_dutch(
                    format!("`{group}` is geen id van een groep respondenten"),
                    Some("een groep is een korte id zoals `staff`, `volunteers` of `board` (kleine letters, cijfers en `_`, beginnend met een letter); nooit de naam van een persoon".to_owned()),
                ),
            )
        } else if !checklist.items().iter().any(|item| item.respondents) {
            Some(
                Diagnostic::error(
                    Code::NotRespondent,
                    options.checklist,
                    format!("`{}` marks no items for respondents", checklist.id()),
                )
                .with_hint("mark the items that people outside management can answer with `respondents: true` (checklists/README.md), or leave out --respondent")
                .with_dutch(
                    format!("`{}` markeert geen vragen voor respondenten", checklist.id()),
                    Some("markeer de vragen die mensen buiten het management kunnen beantwoorden met `respondents: true` (checklists/README.md), of laat --respondent weg".to_owned()),
                ),
            )
        } else {
            None
        };
        if let Some(problem) = problem {
            print_diagnostics(&Diagnostics::from(problem));
            return Ok(ExitCode::from(EXIT_USAGE));
        }
    }
    let is_path = !is_builtin(options.checklist);
    let mut inputs = Vec::new();
    let reference = if is_path {
        inputs.push(PathBuf::from(options.checklist));
        match options.output {
            Some(output) => relative_reference(Path::new(options.checklist), output)?,
            None => options.checklist.to_owned(),
        }
    } else {
        options.checklist.to_owned()
    };
    if let Some(output) = options.output
        && !options.force
        && output.symlink_metadata().is_ok()
    {
        return Err(Failure::io(
            format!(
                "`{}` already exists; `dei init` does not overwrite it: choose another file, or add --force to replace it",
                output.display()
            ),
            format!(
                "`{}` bestaat al; `dei init` schrijft er niet overheen: kies een ander bestand, of voeg --force toe om het te vervangen",
                output.display()
            ),
        ));
    }

    let text = match options.from {
        Some(previous) => {
            let (previous_checklist, answers) = library.answers(previous)?;
            inputs.push(previous.to_path_buf());
            dei_serve::store::from_previous(&answers, &previous_checklist, &checklist, &reference)
        }
        None => template(
            &Questionnaire::new(&checklist, &language),
            &reference,
            options.respondent,
        ),
    };
    write_output(options.output, text.as_bytes(), &inputs)?;
    if let Some(output) = options.output {
        let questions = checklist
            .items()
            .iter()
            .filter(|item| options.respondent.is_none() || item.respondents)
            .count();
        eprintln!(
            "{}",
            crate::words::init_wrote(
                &visible(&output.display().to_string()),
                questions,
                &visible(&format!("{} {}", checklist.id(), checklist.version()))
            )
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// True when `reference` names a built-in checklist (as the library resolves it).
// The test must match the library's own resolution exactly, which is case-sensitive.
#[allow(clippy::case_sensitive_file_extension_comparisons)]
pub(crate) fn is_builtin(reference: &str) -> bool {
    let looks_like_path = reference.contains(['/', '\\'])
        || reference.ends_with(".yaml")
        || reference.ends_with(".yml")
        || reference.ends_with(".json");
    !looks_like_path && builtin_text(reference).is_some()
}

/// The checklist path as the answers file must name it: relative to the output's folder.
pub(crate) fn relative_reference(checklist: &Path, output: &Path) -> Result<String, Failure> {
    let target = checklist
        .canonicalize()
        .map_err(|error| Failure::io_error(["find", "vinden"], checklist, &error))?;
    let folder = match output.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let folder = folder.canonicalize().map_err(|_| {
        Failure::io(
            format!(
                "cannot write `{}`: the folder `{}` does not exist",
                output.display(),
                folder.display()
            ),
            format!(
                "kan niet schrijven naar `{}`: de map `{}` bestaat niet",
                output.display(),
                folder.display()
            ),
        )
    })?;
    Ok(relative_path(&folder, &target))
}

/// The path from folder `from` to `to` (both absolute), with `/` between the parts; `to` as it
/// is when the two share no root (another drive on Windows).
fn relative_path(from: &Path, to: &Path) -> String {
    let from: Vec<Component<'_>> = from.components().collect();
    let to_parts: Vec<Component<'_>> = to.components().collect();
    let common = from
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    if common == 0 {
        return to.to_string_lossy().into_owned();
    }
    let mut parts: Vec<String> = vec!["..".to_owned(); from.len() - common];
    parts.extend(
        to_parts
            .iter()
            .skip(common)
            .map(|part| part.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

// ---------------------------------------------------------------------------------------------
// The file
// ---------------------------------------------------------------------------------------------

/// The fixed texts of the blank file, per language.
struct Words {
    header: &'static str,
    name_placeholder: &'static str,
    period_placeholder: &'static str,
    name_note: &'static str,
    facts_intro: &'static str,
    fact_used_by: &'static str,
    fact_rules: &'static str,
    more_facts: &'static str,
    period_note: &'static str,
    assessed_by_note: &'static str,
    respondent_note: &'static str,
    goals_intro: &'static str,
    sections: &'static str,
    levels: &'static str,
    needs: &'static str,
    weight: &'static str,
    guidance: &'static str,
    answer_choice: &'static str,
    answer_multi: &'static str,
    answer_number: &'static str,
    answer_text: &'static str,
    in_unit: &'static str,
    from_to: &'static str,
    at_least: &'static str,
    at_most: &'static str,
    target: &'static str,
    full_marks_from: &'static str,
    full_marks_at: &'static str,
    or_less: &'static str,
    or_more: &'static str,
    no_marks: &'static str,
    no_marks_at_or_less: &'static str,
    no_marks_at_or_more: &'static str,
    not_scored: &'static str,
    evidence_required: &'static str,
    evidence_recommended: &'static str,
    evidence_none: &'static str,
    na_allowed: &'static str,
    na_not_allowed: &'static str,
    asked_only_when: &'static str,
    expr: ExprWords,
}

/// Words for conditions in plain language.
struct ExprWords {
    and: &'static str,
    or: &'static str,
    not: &'static str,
    is: &'static str,
    is_not: &'static str,
    one_of_or: &'static str,
    none_of: &'static str,
    or_more: &'static str,
    or_less: &'static str,
    more_than: &'static str,
    less_than: &'static str,
    filled_in: &'static str,
    not_filled_in: &'static str,
    empty: &'static str,
    not_empty: &'static str,
    organisation: &'static str,
    count_of: &'static str,
}

const ENGLISH: Words = Words {
    header: "\
Answers for \"{title}\" ({id} {version}).
Written by `dei init`: every question is a comment above its key.

How to fill it in:
1. Replace the placeholders `{name}` and `{period}` below.
2. Write each answer after the colon of its key. A key left empty counts as unanswered, and
   what is not answered scores 0.
   - choice: one option id, such as `{choice_id}: {choice_option}`
   - multi: a list of option ids, such as `[a, b]`; `[]` means none of them
   - number: a number, such as `45`
   - text: any text, in quotes
   Write \"yes\" and \"no\" with their quotes.
3. Add evidence (document names or links) and comments with the long form:
     {choice_id}:
       value: {choice_option}
       evidence: [Name of the document, page or link]
       comment: Anything worth knowing
   Where a question allows it, mark it not applicable: `{na: true, reason: Why not}`.
4. Check the file with `dei validate FILE`, then see the results with `dei report FILE`.",
    name_placeholder: "(your organisation)",
    period_placeholder: "(period)",
    name_note: "required: your organisation's name",
    facts_intro: "Facts about the organisation that the checklist's conditions and rules read. Leave a fact empty if you do not know it.",
    fact_used_by: "used by",
    fact_rules: "rule",
    more_facts: "Add other facts as you like, such as `country: NL`.",
    period_note: "required: the period of these answers, such as 2025 or 2025-H2",
    assessed_by_note: "who answered, such as [HR lead, DEI working group]",
    respondent_note: "one respondent's view: a group, never your name; your answers are combined with your colleagues'",
    goals_intro: "Goals (optional): the level you aim for per section, such as `goals: {{section}: {level}}`.",
    sections: "Sections:",
    levels: "Levels, from low to high (lowest overall score):",
    needs: "needs full marks on",
    weight: "weight",
    guidance: "Guidance:",
    answer_choice: "Answer: one of",
    answer_multi: "Answer: a list of any of these, such as [{first}]; [] for none of them",
    answer_number: "Answer: a number",
    answer_text: "Answer: text, in quotes.",
    in_unit: "in",
    from_to: "from {min} to {max}",
    at_least: "at least {min}",
    at_most: "at most {max}",
    target: "Target:",
    full_marks_from: "full marks from {low} to {high}",
    full_marks_at: "full marks at {value}",
    or_less: "or less",
    or_more: "or more",
    no_marks: "no marks",
    no_marks_at_or_less: "at {value} or less",
    no_marks_at_or_more: "at {value} or more",
    not_scored: "Not scored: shown in the report only.",
    evidence_required: "Evidence: required; without it the score is at most {cap}.",
    evidence_recommended: "Evidence: recommended.",
    evidence_none: "Evidence: not needed.",
    na_allowed: "N/A: allowed, with a reason.",
    na_not_allowed: "N/A: not allowed.",
    asked_only_when: "Asked only when:",
    expr: ExprWords {
        and: "and",
        or: "or",
        not: "not",
        is: "is",
        is_not: "is not",
        one_of_or: "or",
        none_of: "is none of",
        or_more: "or more",
        or_less: "or less",
        more_than: "is more than",
        less_than: "is less than",
        filled_in: "is filled in",
        not_filled_in: "is not filled in",
        empty: "is empty",
        not_empty: "is not empty",
        organisation: "the organisation's {key}",
        count_of: "the number of options chosen in {x}",
    },
};

const DUTCH: Words = Words {
    header: "\
Antwoorden voor \"{title}\" ({id} {version}).
Gemaakt met `dei init`: elke vraag staat als commentaar boven haar sleutel.

Zo vul je het in:
1. Vervang de plaatshouders `{name}` en `{period}` hieronder.
2. Schrijf elk antwoord achter de dubbele punt van de sleutel. Een lege sleutel telt als niet
   beantwoord, en wat niet beantwoord is, scoort 0.
   - keuze (choice): één optie-id, zoals `{choice_id}: {choice_option}`
   - meerkeuze (multi): een lijst met optie-id's, zoals `[a, b]`; `[]` betekent geen van alle
   - getal (number): een getal, zoals `45`
   - tekst (text): vrije tekst, tussen aanhalingstekens
   Schrijf \"yes\" en \"no\" met de aanhalingstekens.
3. Voeg bewijs (documentnamen of links) en opmerkingen toe met de lange vorm:
     {choice_id}:
       value: {choice_option}
       evidence: [Naam van het document, pagina of link]
       comment: Wat verder de moeite waard is
   Waar een vraag het toestaat, markeer je haar als niet van toepassing:
   `{na: true, reason: Waarom niet}`.
4. Controleer het bestand met `dei validate BESTAND` en bekijk de uitkomst met
   `dei report BESTAND`.",
    name_placeholder: "(naam organisatie)",
    period_placeholder: "(periode)",
    name_note: "verplicht: de naam van je organisatie",
    facts_intro: "Gegevens over de organisatie die de voorwaarden en regels van de checklist gebruiken. Laat een gegeven leeg als je het niet weet.",
    fact_used_by: "gebruikt door",
    fact_rules: "regel",
    more_facts: "Voeg gerust andere gegevens toe, zoals `country: NL`.",
    period_note: "verplicht: de periode van deze antwoorden, zoals 2025 of 2025-H2",
    assessed_by_note: "wie de vragen beantwoordde, zoals [HR-adviseur, DEI-werkgroep]",
    respondent_note: "het beeld van één respondent: een groep, nooit je naam; je antwoorden worden samengenomen met die van je collega's",
    goals_intro: "Doelen (optioneel): het niveau dat je per onderdeel nastreeft, zoals `goals: {{section}: {level}}`.",
    sections: "Onderdelen:",
    levels: "Niveaus, van laag naar hoog (laagste totaalscore):",
    needs: "vraagt de volle score op",
    weight: "gewicht",
    guidance: "Toelichting:",
    answer_choice: "Antwoord: een van",
    answer_multi: "Antwoord: een lijst met een of meer van deze, zoals [{first}]; [] voor geen van alle",
    answer_number: "Antwoord: een getal",
    answer_text: "Antwoord: tekst, tussen aanhalingstekens.",
    in_unit: "in",
    from_to: "van {min} tot en met {max}",
    at_least: "minstens {min}",
    at_most: "hoogstens {max}",
    target: "Doel:",
    full_marks_from: "volle score van {low} tot en met {high}",
    full_marks_at: "volle score bij {value}",
    or_less: "of minder",
    or_more: "of meer",
    no_marks: "geen score",
    no_marks_at_or_less: "bij {value} of minder",
    no_marks_at_or_more: "bij {value} of meer",
    not_scored: "Telt niet mee in de score: alleen getoond in het rapport.",
    evidence_required: "Bewijs: verplicht; zonder bewijs is de score hoogstens {cap}.",
    evidence_recommended: "Bewijs: aanbevolen.",
    evidence_none: "Bewijs: niet nodig.",
    na_allowed: "N.v.t.: toegestaan, met een reden.",
    na_not_allowed: "N.v.t.: niet toegestaan.",
    asked_only_when: "Alleen van toepassing als:",
    expr: ExprWords {
        and: "en",
        or: "of",
        not: "niet",
        is: "is",
        is_not: "is niet",
        one_of_or: "of",
        none_of: "is geen van",
        or_more: "of meer",
        or_less: "of minder",
        more_than: "is meer dan",
        less_than: "is minder dan",
        filled_in: "is ingevuld",
        not_filled_in: "is niet ingevuld",
        empty: "is leeg",
        not_empty: "is niet leeg",
        organisation: "{key} van de organisatie",
        count_of: "het aantal gekozen opties bij {x}",
    },
};

/// The fixed texts for `language`: Dutch for `nl`, English otherwise.
fn words(language: &str) -> &'static Words {
    if dei_core::is_dutch(language) {
        &DUTCH
    } else {
        &ENGLISH
    }
}

/// `[a-z][a-z0-9_]*`, the form of a respondent group id (as answers validation checks it).
fn is_group_id(group: &str) -> bool {
    group.starts_with(|c: char| c.is_ascii_lowercase())
        && group
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// The blank answers file: a rendering of `questionnaire` (the checklist in the language of its
/// texts); `reference` is written into `checklist:` as it is. With `respondent`, one
/// respondent's template: only the questions the checklist marks for respondents,
/// `respondent: {group: ...}` instead of `assessed_by` (a respondent's file names a group,
/// never a person), and no goals (the organisation sets them).
fn template(questionnaire: &Questionnaire, reference: &str, respondent: Option<&str>) -> String {
    let words = words(&questionnaire.language);
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
fn push_goals(out: &mut String, questionnaire: &Questionnaire, words: &Words) {
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
    words: &Words,
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
fn number_answer(unit: Option<&str>, min: Option<f64>, max: Option<f64>, words: &Words) -> String {
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
fn target_words(target: &Target, words: &Words) -> String {
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
/// condition (`dei_core::Expr`), so `dei init` never parses a condition itself.
fn condition_words(tree: &Expr, words: &ExprWords) -> Option<String> {
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
fn condition(expr: &Expr, w: &ExprWords) -> Option<Part> {
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
fn value(expr: &Expr, w: &ExprWords) -> Option<String> {
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
        let condition = dei_core::Condition::compile(source).expect("compiles");
        condition_words(condition.tree()?, &ENGLISH.expr)
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
        let en = &ENGLISH;
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

    #[test]
    fn relative_paths_climb_out_of_the_output_folder() {
        assert_eq!(
            relative_path(Path::new("/a/b/out"), Path::new("/a/b/lists/x.yaml")),
            "../lists/x.yaml"
        );
        assert_eq!(
            relative_path(Path::new("/a/b"), Path::new("/a/b/x.yaml")),
            "x.yaml"
        );
    }
}
