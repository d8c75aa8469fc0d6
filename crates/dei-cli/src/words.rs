//! The command line's own words in English and Dutch: summaries, counts and notes. The
//! language is chosen once per run (`--lang`, else the language of the checklist the input is
//! on, else English) and kept here, so that problems printed on the way out use it too.
//! Diagnostics render themselves in the language (`Diagnostic::render_in`).

use std::fmt::Write as _;
use std::sync::atomic::{AtomicBool, Ordering};

use dei_report::Lang;

/// True once Dutch was chosen for this run.
static DUTCH: AtomicBool = AtomicBool::new(false);

/// Chooses the language of the run's messages: `explicit` (from `--lang`) wins, then the
/// checklist's default language.
pub fn choose(explicit: Option<&str>, checklist_language: Option<&str>) {
    let code = explicit.or(checklist_language).unwrap_or("en");
    DUTCH.store(Lang::from_code(code) == Lang::Nl, Ordering::Relaxed);
}

/// The language of the run's messages.
pub fn current() -> Lang {
    if DUTCH.load(Ordering::Relaxed) {
        Lang::Nl
    } else {
        Lang::En
    }
}

/// "1 item", "28 items" (or Dutch) for a noun given in both languages and both numbers.
/// True when the run's messages are in Dutch.
pub fn dutch() -> bool {
    current() == Lang::Nl
}

/// A problem rendered in the run's language.
pub fn rendered(problem: &dei_core::Diagnostic) -> String {
    problem.render_in(current().code())
}

fn counted(count: usize, one: [&str; 2], many: [&str; 2]) -> String {
    let index = usize::from(current() == Lang::Nl);
    let noun = if count == 1 { one[index] } else { many[index] };
    format!("{count} {noun}")
}

/// "2 errors, 1 warning".
pub fn count_line(errors: usize, warnings: usize) -> String {
    format!(
        "{}, {}",
        counted(errors, ["error", "fout"], ["errors", "fouten"]),
        counted(
            warnings,
            ["warning", "waarschuwing"],
            ["warnings", "waarschuwingen"]
        )
    )
}

/// "28 items".
pub fn items(count: usize) -> String {
    counted(count, ["item", "vraag"], ["items", "vragen"])
}

/// "3 rules".
pub fn rules(count: usize) -> String {
    counted(count, ["rule", "regel"], ["rules", "regels"])
}

/// A line of `dei validate` for a file that is fine.
pub fn ok(file: &str, what: &str) -> String {
    match current() {
        Lang::En => format!("ok: {file} ({what})"),
        Lang::Nl => format!("in orde: {file} ({what})"),
    }
}

/// A line of `dei validate` for a file with errors.
pub fn invalid(file: &str, counts: &str) -> String {
    match current() {
        Lang::En => format!("invalid: {file} ({counts})"),
        Lang::Nl => format!("ongeldig: {file} ({counts})"),
    }
}

/// What a checklist or tailoring holds.
pub fn checklist_summary(
    tailoring: bool,
    id: &str,
    version: &str,
    items: usize,
    rules: usize,
) -> String {
    let noun = match (current(), tailoring) {
        (_, false) => "checklist",
        (Lang::En, true) => "tailoring",
        (Lang::Nl, true) => "aanpassing",
    };
    format!(
        "{noun} {id} {version}, {}, {}",
        self::items(items),
        self::rules(rules)
    )
}

/// What an answers file holds.
pub fn answers_summary(name: &str, checklist: &str, answered: usize, total: usize) -> String {
    match current() {
        Lang::En => format!("answers of {name} for {checklist}, {answered} of {total} items"),
        Lang::Nl => format!("antwoorden van {name} op {checklist}, {answered} van {total} vragen"),
    }
}

/// The note of `dei init` after writing a file.
pub fn init_wrote(file: &str, questions: usize, checklist: &str) -> String {
    match current() {
        Lang::En => format!(
            "wrote {file}: {questions} questions of {checklist}; fill it in, then run `dei validate {file}`"
        ),
        Lang::Nl => format!(
            "{file} geschreven: {questions} vragen van {checklist}; vul het in en voer daarna `dei validate {file}` uit"
        ),
    }
}

/// The summary of `dei import`: how many submissions, where, how many files are new and how
/// many were there already with the same content.
pub fn imported(submissions: usize, folder: &str, new: usize, identical: usize) -> String {
    let mut line = match current() {
        Lang::En => format!("imported {submissions} submissions into {folder}: {new} new"),
        Lang::Nl => format!("{submissions} inzendingen geïmporteerd in {folder}: {new} nieuw"),
    };
    if identical > 0 {
        let _ = match current() {
            Lang::En => write!(
                line,
                ", {identical} already there and identical (left alone)"
            ),
            Lang::Nl => write!(
                line,
                ", {identical} al aanwezig en gelijk (ongemoeid gelaten)"
            ),
        };
    }
    line
}

/// The note under a list with syntax errors: the content is checked once the layout is fixed.
pub fn layout_first() -> &'static str {
    match current() {
        Lang::En => "fix the `syntax` errors first: a file is checked further once it can be read",
        Lang::Nl => {
            "los eerst de `syntax`-fouten op: een bestand wordt verder gecontroleerd zodra het leesbaar is"
        }
    }
}

/// The prefix of an input/output error.
pub fn io_error() -> &'static str {
    match current() {
        Lang::En => "error[io]",
        Lang::Nl => "fout[io]",
    }
}

/// The labels of `dei score`'s text summary, padded to one width.
pub struct ScoreLabels {
    /// Overall score.
    pub overall: &'static str,
    /// Level.
    pub level: &'static str,
    /// Held back: `{before}` the scores reach, `{items}` that held it back.
    pub held_back: fn(&str, &str) -> String,
    /// Completeness.
    pub completeness: &'static str,
    /// Washing risk.
    pub washing: &'static str,
    /// Evidence coverage: `{percent}`.
    pub evidence: fn(&str) -> String,
    /// Evidence coverage when there are no claims to evidence.
    pub no_claims: &'static str,
    /// A section's count of answered items: `{answered}`, `{in_scope}`.
    pub answered: fn(usize, usize) -> String,
    /// Heading of the flags.
    pub flags: &'static str,
    /// No value.
    pub none: &'static str,
    /// "section", before a section id that holds the level back.
    pub section_word: &'static str,
    /// "flag", before a rule id that holds the level back.
    pub flag_word: &'static str,
}

/// The labels of `dei score` in the run's language.
pub fn score_labels() -> ScoreLabels {
    match current() {
        Lang::En => ScoreLabels {
            overall: "overall      ",
            level: "level        ",
            held_back: |before, items| format!("(scores reach {before}, held back by {items})"),
            completeness: "completeness ",
            washing: "washing risk ",
            evidence: |percent| format!("evidence      {percent}% of claims evidenced"),
            no_claims: "evidence      n/a (no claims to evidence)",
            answered: |answered, in_scope| format!("{answered}/{in_scope} answered"),
            flags: "DEI-washing flags:",
            none: "n/a",
            section_word: "section",
            flag_word: "flag",
        },
        Lang::Nl => ScoreLabels {
            overall: "totaal       ",
            level: "niveau       ",
            held_back: |before, items| {
                format!("(de scores halen {before}, tegengehouden door {items})")
            },
            completeness: "volledigheid ",
            washing: "washingrisico",
            evidence: |percent| format!("bewijs        {percent}% van de claims onderbouwd"),
            no_claims: "bewijs        n.v.t. (geen claims om te onderbouwen)",
            answered: |answered, in_scope| format!("{answered}/{in_scope} beantwoord"),
            flags: "DEI-washingsignalen:",
            none: "n.v.t.",
            section_word: "onderdeel",
            flag_word: "signaal",
        },
    }
}

/// A washing risk or severity word in the run's language.
pub fn risk(word: &str) -> String {
    match (current(), word) {
        (Lang::En, word) => word.to_owned(),
        (Lang::Nl, "none") => "geen".to_owned(),
        (Lang::Nl, "low") => "laag".to_owned(),
        (Lang::Nl, "medium") => "middel".to_owned(),
        (Lang::Nl, "high") => "hoog".to_owned(),
        (Lang::Nl, other) => other.to_owned(),
    }
}

/// The note of `dei combine` after writing the draft.
pub fn combine_wrote(file: &str, answers: usize, respondents: usize, names: &str) -> String {
    match current() {
        Lang::En => format!(
            "wrote {file}: a draft of {answers} answers from {respondents} respondents ({names}); discuss it, then use it as the organisation's answers"
        ),
        Lang::Nl => format!(
            "{file} geschreven: een concept met {answers} antwoorden van {respondents} respondenten ({names}); bespreek het en gebruik het daarna als de antwoorden van de organisatie"
        ),
    }
}

/// "1 organisation", "12 organisations".
pub fn organisations(count: usize) -> String {
    counted(
        count,
        ["organisation", "organisatie"],
        ["organisations", "organisaties"],
    )
}

/// The line of `dei benchmark` under the files it left out.
pub fn benchmark_left_out(left_out: usize, organisations: usize) -> String {
    let covered = self::organisations(organisations);
    match current() {
        Lang::En => format!("{left_out} left out (see above); the benchmark covers {covered}"),
        Lang::Nl => format!("{left_out} weggelaten (zie hierboven); de benchmark omvat {covered}"),
    }
}

/// The error of `dei benchmark` when no file could be benchmarked; `with_hint` adds what to
/// give instead.
pub fn benchmark_nothing(with_hint: bool) -> String {
    match (current(), with_hint) {
        (Lang::En, false) => "error: no answers file could be benchmarked".to_owned(),
        (Lang::En, true) => "error: no answers file could be benchmarked: give answers files, \
                             folders that hold them, or patterns such as `answers/*.yaml`"
            .to_owned(),
        (Lang::Nl, false) => "fout: geen enkel antwoordbestand kon in de benchmark".to_owned(),
        (Lang::Nl, true) => "fout: geen enkel antwoordbestand kon in de benchmark: geef \
                             antwoordbestanden, mappen met antwoordbestanden of patronen zoals \
                             `answers/*.yaml`"
            .to_owned(),
    }
}

/// Chooses the language of the messages of argument parsing, before any file is read:
/// `--lang` as given on the command line, else the locale of the environment (`LC_ALL`,
/// `LC_MESSAGES`, `LANG`, the first one set), else English. Every command chooses again once
/// it has read its arguments (`choose`).
pub fn choose_for_arguments(args: &[std::ffi::OsString]) {
    let mut given = None;
    let mut args = args.iter().map(|arg| arg.to_string_lossy());
    while let Some(arg) = args.next() {
        if arg == "--" {
            break;
        }
        if arg == "--lang" {
            given = args.next().map(std::borrow::Cow::into_owned);
        } else if let Some(value) = arg.strip_prefix("--lang=") {
            given = Some(value.to_owned());
        }
    }
    let environment = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.is_empty())
        .map(|value| value.chars().take(2).collect::<String>().to_lowercase());
    choose(given.as_deref().or(environment.as_deref()), None);
}

/// The message of a `--min-group` value that is not a whole number; `of` names what is
/// counted (`["organisations", "organisaties"]`).
pub fn min_group_not_a_number(text: &str, of: [&str; 2]) -> String {
    match current() {
        Lang::En => format!("`{text}` is not a whole number of {}", of[0]),
        Lang::Nl => format!("`{text}` is geen geheel aantal {}", of[1]),
    }
}

/// The message of a `--min-group` value below the floor `floor` of `of`; `why` says what a
/// smaller group gives away, `default` is the default value.
pub fn min_group_too_small(floor: usize, of: [&str; 2], why: [&str; 2], default: usize) -> String {
    match current() {
        Lang::En => format!(
            "the smallest group shown must be at least {floor} {}: in a smaller group, {} (the default is {default})",
            of[0], why[0]
        ),
        Lang::Nl => format!(
            "de kleinste getoonde groep moet minstens {floor} {} tellen: in een kleinere groep {} (standaard is het {default})",
            of[1], why[1]
        ),
    }
}

/// A problem with the command line's arguments in Dutch, or `None` to let clap say it (in
/// English, and for help and version, which are not problems).
///
/// Clap has no translations; the kinds a user meets (an unknown value, a value its parser
/// refuses, an unknown option or command, a missing argument) are said here with clap's own
/// facts: the argument, the value, the valid values, a suggestion.
pub fn argument_error(error: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ErrorKind};
    if current() != Lang::Nl {
        return None;
    }
    let get = |kind: ContextKind| error.get(kind).map(ToString::to_string);
    let argument = get(ContextKind::InvalidArg).unwrap_or_default();
    let value = get(ContextKind::InvalidValue).unwrap_or_default();
    let mut text = match error.kind() {
        ErrorKind::InvalidValue => {
            let mut text = if value.is_empty() {
                format!("fout: '{argument}' heeft een waarde nodig")
            } else {
                format!("fout: ongeldige waarde '{value}' voor '{argument}'")
            };
            if let Some(valid) = get(ContextKind::ValidValue) {
                let _ = write!(text, "\n  [mogelijke waarden: {valid}]");
            }
            text
        }
        ErrorKind::ValueValidation => {
            let mut text = format!("fout: ongeldige waarde '{value}' voor '{argument}'");
            if let Some(reason) = std::error::Error::source(error) {
                let _ = write!(text, ": {reason}");
            }
            text
        }
        ErrorKind::UnknownArgument => format!("fout: onbekend argument '{argument}'"),
        ErrorKind::InvalidSubcommand => format!(
            "fout: onbekend commando '{}'",
            get(ContextKind::InvalidSubcommand).unwrap_or_default()
        ),
        ErrorKind::MissingRequiredArgument => {
            format!("fout: deze verplichte argumenten ontbreken: {argument}")
        }
        // Without any command clap shows the help (the list of commands) instead: kept.
        ErrorKind::MissingSubcommand => {
            "fout: geef een commando, zoals `dei validate` of `dei report`".to_owned()
        }
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooManyValues => {
            format!("fout: '{argument}' heeft een ander aantal waarden nodig")
        }
        ErrorKind::ArgumentConflict => format!(
            "fout: '{argument}' gaat niet samen met '{}'",
            get(ContextKind::PriorArg).unwrap_or_default()
        ),
        ErrorKind::NoEquals => format!("fout: '{argument}' heeft een `=` voor de waarde nodig"),
        ErrorKind::InvalidUtf8 => "fout: een argument is geen geldige UTF-8-tekst".to_owned(),
        _ => return None,
    };
    for kind in [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ] {
        if let Some(suggestion) = get(kind) {
            let _ = write!(text, "\n\n  tip: bedoelt u '{suggestion}'?");
        }
    }
    text.push_str("\n\nMeer uitleg: `dei --help`, of `dei COMMANDO --help`.\n");
    Some(text)
}

/// The error when an organisation's own templates run over a bound of the watchdog:
/// `seconds` of time, or `mebibytes` of memory when `seconds` is `None`.
pub fn template_stopped(seconds: Option<u64>, mebibytes: u64) -> String {
    match (current(), seconds) {
        (Lang::En, Some(seconds)) => {
            template_stopped_en(&format!("took more than {seconds} seconds"))
        }
        (Lang::En, None) => {
            template_stopped_en(&format!("used more than {mebibytes} MiB of memory"))
        }
        (Lang::Nl, over) => {
            let over = match over {
                Some(seconds) => format!("deden er langer dan {seconds} seconden over"),
                None => format!("gebruikten meer dan {mebibytes} MiB geheugen"),
            };
            format!(
                "fout[template]: de sjablonen van `--template` {over} en zijn gestopt\n  = tip: een sjabloon dat steeds langere lijsten of teksten bouwt (zoals telkens opnieuw `{{% set x = x + x %}}`) wordt nooit klaar: maak het eenvoudiger"
            )
        }
    }
}

fn template_stopped_en(over: &str) -> String {
    format!(
        "error[template]: the templates of `--template` {over}, and were stopped\n  = hint: a template that builds ever longer lists or texts (such as `{{% set x = x + x %}}` again and again) never finishes: simplify it"
    )
}

/// The progress bar of `dei benchmark` (an indicatif template).
pub fn benchmark_progress() -> &'static str {
    match current() {
        Lang::En => "benchmark {bar:40} {pos}/{len} files ({elapsed})",
        Lang::Nl => "benchmark {bar:40} {pos}/{len} bestanden ({elapsed})",
    }
}
