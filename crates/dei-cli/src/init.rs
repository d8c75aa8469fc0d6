//! `dei init`: a blank answers file for a checklist, every question explained in comments.
//!
//! The file validates as written: every answer key is left empty (which counts as unanswered)
//! and the required `name` and `period` hold visible placeholders. Every text that comes from
//! the checklist goes into a comment, one `# ` per line, so no checklist text can change the
//! YAML structure of the file.

use std::fmt::Write as _;
use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;

use dei_core::{
    AnswerKind, AnswerOption, Checklist, Code, Diagnostic, Diagnostics, EvidencePolicy, Item,
    Library, NumberSpec, Reference, Target, builtin_text,
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
    let mut library = Library::new();
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
        None => template(&checklist, &reference, &language, options.respondent),
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
    if language == "nl" || language.starts_with("nl-") {
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

/// The blank answers file for `checklist`, with its texts in `language` (which the checklist
/// has); `reference` is written into `checklist:` as it is. With `respondent`, one
/// respondent's template: only the items the
/// checklist marks for respondents, `respondent: {group: ...}` instead of `assessed_by` (a
/// respondent's file names a group, never a person), and no goals (the organisation sets them).
fn template(
    checklist: &Checklist,
    reference: &str,
    language: &str,
    respondent: Option<&str>,
) -> String {
    let words = words(language);
    let default = checklist.default_language();
    let text = |text: &dei_core::Text| text.get(language, default).to_owned();
    let mut out = String::new();

    // Header: how to fill it in, with a real item of this checklist as the example.
    let example = checklist.items().iter().find(|item| {
        matches!(item.answer, AnswerKind::Choice(_)) && (respondent.is_none() || item.respondents)
    });
    let (choice_id, choice_option) = example.map_or(("section.item", "option"), |item| {
        let option = item
            .options()
            .get(1)
            .or_else(|| item.options().first())
            .map_or("option", |option| option.id.as_str());
        (item.id.as_str(), option)
    });
    let header = words
        .header
        .replace("{title}", &one_line(&text(checklist.title())))
        .replace("{id}", checklist.id())
        .replace("{version}", checklist.version())
        .replace("{name}", words.name_placeholder)
        .replace("{period}", words.period_placeholder)
        .replace("{choice_id}", choice_id)
        .replace("{choice_option}", &option_id(choice_option));
    push_comment(&mut out, "", &header, "");
    let _ = writeln!(out, "checklist: {}", yaml_scalar(reference));
    let _ = writeln!(
        out,
        "checklist_version: {}",
        yaml_scalar(checklist.version())
    );
    out.push('\n');

    // Organisation: the name, and the facts that conditions and rules read.
    out.push_str("organisation:\n");
    let _ = writeln!(
        out,
        "  name: {}  # {}",
        yaml_scalar(words.name_placeholder),
        one_line(words.name_note)
    );
    let facts = organisation_facts(checklist);
    if !facts.is_empty() {
        push_comment(&mut out, "  ", words.facts_intro, "");
        for fact in &facts {
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
            let _ = writeln!(out, "  {}:", yaml_scalar(&fact.key));
        }
    }
    push_comment(&mut out, "  ", words.more_facts, "");
    let _ = writeln!(
        out,
        "period: {}  # {}",
        yaml_scalar(words.period_placeholder),
        one_line(words.period_note)
    );
    if let Some(group) = respondent {
        let _ = writeln!(
            out,
            "respondent: {{group: {}}}  # {}",
            yaml_scalar(group),
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
    // respondent's template has none: what is written here is taken back).
    let goals_start = out.len();
    let first_section = checklist
        .sections()
        .first()
        .map_or("section", |s| s.id.as_str());
    let goal_level = checklist
        .levels()
        .get(checklist.levels().len().saturating_sub(2))
        .map_or("level", |level| level.id.as_str());
    push_comment(
        &mut out,
        "",
        &words
            .goals_intro
            .replace("{section}", first_section)
            .replace("{level}", goal_level),
        "",
    );
    push_comment(&mut out, "", words.sections, "");
    for section in checklist.sections() {
        push_comment(
            &mut out,
            "",
            &format!("  {} = {}", section.id, one_line(&text(&section.title))),
            "    ",
        );
    }
    push_comment(&mut out, "", words.levels, "");
    for level in checklist.levels() {
        let mut line = format!(
            "  {} = {} ({}",
            level.id,
            one_line(&text(&level.label)),
            number(level.min)
        );
        let required: Vec<&str> = level
            .requires
            .iter()
            .filter_map(|&index| checklist.items().get(index))
            .map(|item| item.id.as_str())
            .collect();
        if !required.is_empty() {
            let _ = write!(line, "; {} {}", words.needs, required.join(", "));
        }
        line.push(')');
        push_comment(&mut out, "", &line, "    ");
    }
    out.push_str("goals: {}\n\n");
    if respondent.is_some() {
        out.truncate(goals_start);
    }

    // Answers: one empty key per item, grouped by section.
    out.push_str("answers:\n");
    let rule = "=".repeat(WIDTH - 4);
    let asked = |item: &&Item| respondent.is_none() || item.respondents;
    for section in checklist.sections() {
        let items = checklist
            .items()
            .get(section.items.clone())
            .unwrap_or_default();
        if !items.iter().any(|item| asked(&item)) {
            continue;
        }
        out.push('\n');
        let _ = writeln!(out, "  # {rule}");
        let mut heading = format!("{} ({}", one_line(&text(&section.title)), section.id);
        if (section.weight - 1.0).abs() > f64::EPSILON {
            let _ = write!(heading, ", {} {}", words.weight, number(section.weight));
        }
        heading.push(')');
        push_comment(&mut out, "  ", &heading, "");
        if let Some(description) = &section.description {
            push_comment(&mut out, "  ", &text(description), "");
        }
        let _ = writeln!(out, "  # {rule}");
        for item in items.iter().filter(asked) {
            out.push('\n');
            push_item(&mut out, checklist, item, language, words);
        }
    }
    out
}

/// The comments and the empty key of one item.
fn push_item(out: &mut String, checklist: &Checklist, item: &Item, language: &str, words: &Words) {
    let default = checklist.default_language();
    push_comment(out, "  ", item.question.get(language, default), "");
    if let Some(guidance) = &item.guidance {
        let summary = first_sentence(&markdown_to_text(guidance.get(language, default)));
        if !summary.is_empty() {
            push_comment(out, "  ", &format!("{} {summary}", words.guidance), "  ");
        }
    }
    let counts = item.is_scored() && item.weight > 0.0;
    match &item.answer {
        AnswerKind::Choice(options) => {
            push_comment(out, "  ", words.answer_choice, "");
            push_options(out, options, counts, language, default);
        }
        AnswerKind::Multi(options) => {
            let first: Vec<String> = options.iter().take(2).map(|o| option_id(&o.id)).collect();
            push_comment(
                out,
                "  ",
                &words.answer_multi.replace("{first}", &first.join(", ")),
                "  ",
            );
            push_options(out, options, counts, language, default);
        }
        AnswerKind::Number(spec) => {
            push_comment(out, "  ", &number_answer(spec, words), "  ");
            if let Some(target) = spec.target.filter(|_| counts) {
                push_comment(
                    out,
                    "  ",
                    &format!("{} {}", words.target, target_words(&target, words)),
                    "  ",
                );
            }
        }
        AnswerKind::Text => push_comment(out, "  ", words.answer_text, ""),
    }
    if !counts {
        push_comment(out, "  ", words.not_scored, "");
    }
    let evidence = match item.evidence {
        EvidencePolicy::Required => words
            .evidence_required
            .replace("{cap}", &number(checklist.evidence_cap())),
        EvidencePolicy::Recommended => words.evidence_recommended.to_owned(),
        EvidencePolicy::None => words.evidence_none.to_owned(),
    };
    let na = if item.allow_na {
        words.na_allowed
    } else {
        words.na_not_allowed
    };
    push_comment(out, "  ", &format!("{evidence} {na}"), "");
    if let Some(condition) = &item.applies_if {
        let plain = condition_words(&condition.source, &words.expr)
            .unwrap_or_else(|| format!("`{}`", condition.source));
        push_comment(
            out,
            "  ",
            &format!("{} {plain}.", words.asked_only_when),
            "  ",
        );
    }
    let _ = writeln!(out, "  {}:", item.id);
}

fn push_options(
    out: &mut String,
    options: &[AnswerOption],
    scores: bool,
    language: &str,
    default: &str,
) {
    for option in options {
        let mut line = format!(
            "  {} = {}",
            option_id(&option.id),
            one_line(option.label.get(language, default))
        );
        if scores {
            let _ = write!(line, " ({})", number(option.score));
        }
        if let Some(description) = &option.description {
            let _ = write!(line, ": {}", description.get(language, default));
        }
        push_comment(out, "  ", &line, "    ");
    }
}

/// "Answer: a number in percent, from 0 to 100."
fn number_answer(spec: &NumberSpec, words: &Words) -> String {
    let mut line = words.answer_number.to_owned();
    if let Some(unit) = &spec.unit {
        let _ = write!(line, " {} {unit}", words.in_unit);
    }
    let range = match (spec.min, spec.max) {
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

/// An organisation key that conditions or rules read, with who reads it.
struct Fact {
    key: String,
    items: Vec<String>,
    rules: Vec<String>,
}

/// The organisation keys the checklist reads (besides `name`), in definition order.
fn organisation_facts(checklist: &Checklist) -> Vec<Fact> {
    let mut facts: Vec<Fact> = Vec::new();
    let mut note = |key: &str, user: &str, is_rule: bool| {
        if key == "name" {
            return;
        }
        let index = facts
            .iter()
            .position(|fact| fact.key == key)
            .unwrap_or_else(|| {
                facts.push(Fact {
                    key: key.to_owned(),
                    items: Vec::new(),
                    rules: Vec::new(),
                });
                facts.len() - 1
            });
        if let Some(fact) = facts.get_mut(index) {
            let list = if is_rule {
                &mut fact.rules
            } else {
                &mut fact.items
            };
            if !list.iter().any(|known| known == user) {
                list.push(user.to_owned());
            }
        }
    };
    for item in checklist.items() {
        for reference in item.applies_if.iter().flat_map(|c| &c.references) {
            if let Reference::Org(key) = reference {
                note(key, &item.id, false);
            }
        }
    }
    for rule in checklist.rules() {
        for reference in &rule.when.references {
            if let Reference::Org(key) = reference {
                note(key, &rule.id, true);
            }
        }
    }
    facts
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
            c if is_printable(c) => push_last(&mut lines, c),
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

/// YAML's printable characters (YAML 1.2, `c-printable`), without the byte-order mark.
fn is_printable(c: char) -> bool {
    matches!(c,
        '\u{20}'..='\u{7E}'
        | '\u{A0}'..='\u{D7FF}'
        | '\u{E000}'..='\u{FEFE}'
        | '\u{FF00}'..='\u{FFFD}'
        | '\u{10000}'..='\u{10FFFF}')
}

/// A fixed note for the end of a line: line breaks become spaces.
fn one_line(text: &str) -> String {
    comment_lines(text).join(" ")
}

/// `text` as a YAML scalar that reads back as exactly this string: plain where that is safe,
/// double-quoted otherwise.
fn yaml_scalar(text: &str) -> String {
    let plain_safe = !text.is_empty()
        && text
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_.-/()".contains(c) || c == ' ')
        && !text.ends_with(' ')
        && !text.contains("  ")
        && !looks_numeric(text)
        && !matches!(
            text.to_ascii_lowercase().as_str(),
            "y" | "n"
                | "yes"
                | "no"
                | "true"
                | "false"
                | "on"
                | "off"
                | "null"
                | ".inf"
                | ".nan"
                | "-.inf"
                | "+.inf"
        );
    if plain_safe {
        return text.to_owned();
    }
    let mut quoted = String::from('"');
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            c if (' '..='~').contains(&c) || (is_printable(c) && c as u32 > 0x7F) => {
                quoted.push(c);
            }
            c => {
                let _ = write!(quoted, "\\U{:08X}", c as u32);
            }
        }
    }
    quoted.push('"');
    quoted
}

/// True when YAML could read `text` as a number (decimal, hexadecimal, octal, with
/// underscores) rather than as text.
fn looks_numeric(text: &str) -> bool {
    text.parse::<f64>().is_ok()
        || (text.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '+' || c == '.')
            && text
                .chars()
                .all(|c| c.is_ascii_hexdigit() || "xXoO_+-.".contains(c))
            && text.matches('.').count() <= 1)
}

/// An option id as an answer writes it: `"yes"` and `"no"` (and the other YAML booleans) in
/// quotes, everything else plain.
fn option_id(id: &str) -> String {
    yaml_scalar(id)
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

#[derive(Clone, Debug, PartialEq)]
enum Token {
    Name(String),
    Text(String),
    Number(String),
    Symbol(&'static str),
}

fn tokens(source: &str) -> Option<Vec<Token>> {
    let chars: Vec<char> = source.chars().collect();
    let mut tokens = Vec::new();
    let mut index = 0;
    while let Some(&c) = chars.get(index) {
        if c.is_whitespace() {
            index += 1;
        } else if c.is_ascii_alphabetic() || c == '_' {
            let start = index;
            while chars
                .get(index)
                .is_some_and(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '.')
            {
                index += 1;
            }
            tokens.push(Token::Name(chars.get(start..index)?.iter().collect()));
        } else if c.is_ascii_digit()
            || (c == '-'
                && chars.get(index + 1).is_some_and(char::is_ascii_digit)
                && !matches!(
                    tokens.last(),
                    Some(Token::Name(_) | Token::Number(_) | Token::Text(_))
                ))
        {
            let start = index;
            index += 1;
            while chars
                .get(index)
                .is_some_and(|c| c.is_ascii_digit() || *c == '.')
            {
                index += 1;
            }
            tokens.push(Token::Number(chars.get(start..index)?.iter().collect()));
        } else if c == '\'' || c == '"' {
            let start = index + 1;
            index += 1;
            while chars
                .get(index)
                .is_some_and(|next| *next != c && *next != '\\')
            {
                index += 1;
            }
            if chars.get(index) != Some(&c) {
                return None;
            }
            tokens.push(Token::Text(chars.get(start..index)?.iter().collect()));
            index += 1;
        } else {
            let two: String = chars
                .get(index..(index + 2).min(chars.len()))?
                .iter()
                .collect();
            let symbol = ["==", "!=", ">=", "<="]
                .into_iter()
                .find(|symbol| *symbol == two)
                .or_else(|| {
                    ["(", ")", "[", "]", ",", "|", ">", "<"]
                        .into_iter()
                        .find(|symbol| symbol.starts_with(c))
                })?;
            index += symbol.len();
            tokens.push(Token::Symbol(symbol));
        }
    }
    Some(tokens)
}

/// A condition as words, or `None` when it uses something this translator does not know
/// (the caller then shows the expression itself).
fn condition_words(source: &str, words: &ExprWords) -> Option<String> {
    let tokens = tokens(source)?;
    let mut parser = ExprParser {
        tokens: &tokens,
        at: 0,
        words,
        depth: 0,
        group: false,
    };
    let text = parser.or()?;
    (parser.at == tokens.len()).then_some(text)
}

struct ExprParser<'a> {
    tokens: &'a [Token],
    at: usize,
    words: &'a ExprWords,
    /// How many brackets deep the parser is.
    depth: usize,
    /// Whether the last value read was a whole bracketed condition.
    group: bool,
}

/// A parsed part of a condition: its words, and whether it joins parts with `or` (so that it
/// needs brackets inside an `and`).
struct Part {
    text: String,
    is_or: bool,
}

impl ExprParser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.at)
    }

    fn eat_name(&mut self, name: &str) -> bool {
        if self.peek() == Some(&Token::Name(name.to_owned())) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn eat_symbol(&mut self, symbol: &str) -> bool {
        if matches!(self.peek(), Some(Token::Symbol(s)) if *s == symbol) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn or(&mut self) -> Option<String> {
        Some(self.or_part()?.text)
    }

    fn or_part(&mut self) -> Option<Part> {
        let mut parts = vec![self.and()?];
        while self.eat_name("or") {
            parts.push(self.and()?);
        }
        let is_or = parts.len() > 1;
        Some(Part {
            text: parts.join(&format!(" {} ", self.words.or)),
            is_or,
        })
    }

    fn and(&mut self) -> Option<String> {
        let mut parts = vec![self.not()?];
        while self.eat_name("and") {
            parts.push(self.not()?);
        }
        Some(parts.join(&format!(" {} ", self.words.and)))
    }

    fn not(&mut self) -> Option<String> {
        if self.eat_name("not") {
            let inner = self.not()?;
            return Some(format!("{} ({inner})", self.words.not));
        }
        self.comparison()
    }

    fn comparison(&mut self) -> Option<String> {
        let left = self.operand()?;
        let w = self.words;
        if self.eat_name("is") {
            let negated = self.eat_name("not");
            let text = if self.eat_name("defined") {
                if negated {
                    w.not_filled_in
                } else {
                    w.filled_in
                }
            } else if self.eat_name("none") {
                if negated { w.not_empty } else { w.empty }
            } else {
                return None;
            };
            return Some(format!("{left} {text}"));
        }
        if self.eat_name("not") {
            if !self.eat_name("in") {
                return None;
            }
            let values = self.list()?;
            return Some(format!("{left} {} {}", w.none_of, values.join(", ")));
        }
        if self.eat_name("in") {
            let values = self.list()?;
            return Some(format!("{left} {} {}", w.is, join_or(&values, w.one_of_or)));
        }
        for (symbol, build) in [
            ("==", 0),
            ("!=", 1),
            (">=", 2),
            ("<=", 3),
            (">", 4),
            ("<", 5),
        ] {
            if self.eat_symbol(symbol) {
                let right = self.operand()?;
                return Some(match build {
                    0 => format!("{left} {} {right}", w.is),
                    1 => format!("{left} {} {right}", w.is_not),
                    2 => format!("{left} {} {right} {}", w.is, w.or_more),
                    3 => format!("{left} {} {right} {}", w.is, w.or_less),
                    4 => format!("{left} {} {right}", w.more_than),
                    _ => format!("{left} {} {right}", w.less_than),
                });
            }
        }
        // Inside brackets a bare value is a part of a comparison, such as `(x | length) > 0`;
        // on its own it tests truthiness, which has no plain reading: show the expression.
        (self.depth > 0 || self.group).then_some(left)
    }

    /// A value, optionally followed by `| length`.
    fn operand(&mut self) -> Option<String> {
        let value = self.primary()?;
        if self.eat_symbol("|") {
            if !self.eat_name("length") {
                return None;
            }
            return Some(self.words.count_of.replace("{x}", &value));
        }
        Some(value)
    }

    fn primary(&mut self) -> Option<String> {
        self.group = false;
        match self.peek()?.clone() {
            Token::Symbol("(") => {
                self.at += 1;
                // `(x or [])` is the usual guard for an unanswered list: it reads as `x`.
                let start = self.at;
                if let Some(value) = self.path_value()
                    && self.eat_name("or")
                    && self.eat_symbol("[")
                    && self.eat_symbol("]")
                    && self.eat_symbol(")")
                {
                    return Some(value);
                }
                self.at = start;
                self.depth += 1;
                let inner = self.or_part()?;
                self.depth -= 1;
                if !self.eat_symbol(")") {
                    return None;
                }
                self.group = true;
                Some(if inner.is_or {
                    format!("({})", inner.text)
                } else {
                    inner.text
                })
            }
            Token::Text(text) => {
                self.at += 1;
                Some(option_id(&text))
            }
            Token::Number(number) => {
                self.at += 1;
                Some(number)
            }
            Token::Name(_) => self.path_value(),
            Token::Symbol(_) => None,
        }
    }

    /// `answer.section.item` as the item id, `org.key` as the organisation's key.
    fn path_value(&mut self) -> Option<String> {
        let Some(Token::Name(name)) = self.peek().cloned() else {
            return None;
        };
        let parts: Vec<&str> = name.split('.').collect();
        let text = match parts.as_slice() {
            ["answer", section, item] => format!("{section}.{item}"),
            ["org", key] => self.words.organisation.replace("{key}", key),
            _ => return None,
        };
        self.at += 1;
        Some(text)
    }

    /// `[a, b]`.
    fn list(&mut self) -> Option<Vec<String>> {
        if !self.eat_symbol("[") {
            return None;
        }
        let mut values = Vec::new();
        loop {
            match self.peek()?.clone() {
                Token::Text(text) => values.push(option_id(&text)),
                Token::Number(number) => values.push(number),
                _ => return None,
            }
            self.at += 1;
            if self.eat_symbol("]") {
                return Some(values);
            }
            if !self.eat_symbol(",") {
                return None;
            }
        }
    }
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

    #[test]
    fn conditions_read_as_words() {
        let en = &ENGLISH.expr;
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
        ] {
            assert_eq!(
                condition_words(source, en).as_deref(),
                Some(expected),
                "{source}"
            );
        }
        // Anything unknown is left to the caller, which shows the expression itself.
        assert_eq!(condition_words("score.a.b > 0.5", en), None);
        assert_eq!(condition_words("answer.a.b | upper", en), None);
        assert_eq!(condition_words("'unclosed", en), None);
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
    fn scalars_read_back_as_written() {
        assert_eq!(yaml_scalar("ngo-dei"), "ngo-dei");
        assert_eq!(yaml_scalar("../tailoring.yaml"), "../tailoring.yaml");
        assert_eq!(yaml_scalar("yes"), "\"yes\"");
        assert_eq!(yaml_scalar("1.5"), "\"1.5\"");
        assert_eq!(yaml_scalar("a: b"), "\"a: b\"");
        assert_eq!(yaml_scalar("(period)"), "\"(period)\"");
        assert_eq!(yaml_scalar("x\"\n"), "\"x\\\"\\U0000000A\"");
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
