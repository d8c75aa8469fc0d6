//! `dei benchmark`: score many answers files of one checklist and publish only anonymous
//! distributions (SPEC sections 9, 10, 12 and 13).
//!
//! Decisions, written down for users and for the tests that pin them:
//! - ANSWERS are files, folders or patterns. A folder stands for every `.yaml`, `.yml` and
//!   `.json` file inside it, recursively, in sorted order; hidden files and folders (a name
//!   starting with `.`) are passed over and symbolic links to folders are not followed. A pattern
//!   may use `*` and `?` in its last part only (`network/*.yaml`); it is matched here, so it
//!   works when quoted and on shells that do not expand it. A file found through a folder or a
//!   pattern that is a checklist definition or a tailoring is skipped with a note; a file named
//!   on its own is always read as answers. dei's own outputs (a benchmark, a scorecard or
//!   report JSON, a progress JSON) are recognised wherever they are found and skipped with a
//!   note, never read as broken answers.
//! - A file reached twice (by another path, a symbolic link or a hard link: the same device
//!   and inode) counts once, with a note.
//! - One contribution per organisation (SPEC section 12): files are grouped by organisation
//!   identity (`organisation.id`, else the normalised name). With `--period P` each
//!   organisation's file for period P is taken (an organisation without one is named in a
//!   note and left out of the benchmark); without it, each organisation's latest period. Two
//!   files of one organisation and one period count once, with a note, when they are
//!   byte-identical; otherwise that is a `duplicate-contribution` error naming both. An
//!   organisation whose periods have no known order is an `unknown-period-order` error
//!   naming both files. On either error nothing is written (exit 1).
//! - The first file (in the order given, folders and patterns expanded) that is valid and
//!   scores fixes the checklist, id and version; for answers on a tailoring, its base. Answers
//!   on a tailoring of that checklist join on the sections they share with it unchanged (their
//!   overall score, level and flags, computed on another definition, stay out); the base must
//!   be a built-in checklist or the checklist of other answers in the run. A file for any other
//!   checklist is reported and left out, never mixed in.
//! - A file that cannot be read, is invalid, or is for another checklist does not stop the
//!   batch: its first problem is printed on stderr (`dei validate` lists them all) and it is
//!   left out. So is a folder or pattern that finds no answers file. `left_out` counts them.
//! - Exit code: 0 when every file was benchmarked or skipped with a note; 1 when anything was
//!   left out (the benchmark is still written), when no file could be benchmarked, or on a
//!   duplicate or unordered period (nothing is written); 2 for a usage error such as
//!   `--min-group 2`; 3 when the output cannot be written.
//! - Work: each file is read and scored on worker threads, each with its own copy of the first
//!   file's `Library` (the checklist is loaded once and shared); only the numbers of a
//!   scorecard are kept until one file per organisation is chosen and folded into a
//!   `BenchmarkBuilder`. The result does not depend on how the work was split.
//! - Problems are printed after the work, in file order, so the output is the same on every
//!   run; a progress bar shows files done while working, on a terminal only.

use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering as AtomicOrdering};

use dei_core::benchmark::{BenchmarkBuilder, PRIVACY_FLOOR};
use dei_core::period::{first_unordered, period_cmp};
use dei_core::{
    Checklist, Code, Diagnostic, Diagnostics, FileKind, Library, Scorecard, score_figures,
};
use dei_report::benchmark_markdown;
use indicatif::{ProgressBar, ProgressStyle};

use crate::cli::BenchmarkFormat;
use crate::output::{EXIT_INVALID, Failure, FileIdentity, write_unless_input};

/// Checks `--min-group`: a whole number of at least [`PRIVACY_FLOOR`].
pub fn parse_min_group(text: &str) -> Result<usize, String> {
    const OF: [&str; 2] = ["organisations", "organisaties"];
    let value: usize = text
        .trim()
        .parse()
        .map_err(|_| crate::words::min_group_not_a_number(text, OF))?;
    if value < PRIVACY_FLOOR {
        return Err(crate::words::min_group_too_small(
            PRIVACY_FLOOR,
            OF,
            [
                "members can recognise each other's scores",
                "kunnen leden elkaars scores herkennen",
            ],
            dei_core::benchmark::DEFAULT_MIN_GROUP,
        ));
    }
    Ok(value)
}

/// What the benchmark command was asked to do.
pub struct Options<'a> {
    /// Files, folders and patterns as given.
    pub inputs: &'a [PathBuf],
    /// The period to take of each organisation; its latest when `None`.
    pub period: Option<&'a str>,
    /// The smallest group shown.
    pub min_group: usize,
    /// json or md.
    pub format: BenchmarkFormat,
    /// Language of the Markdown; the checklist's default when `None`.
    pub language: Option<&'a str>,
    /// Where to write; standard output when `None`.
    pub output: Option<&'a Path>,
}

/// One scored file, reduced to what the benchmark and the choice of a file per organisation
/// need.
struct Scored {
    order: usize,
    path: PathBuf,
    checklist: Arc<Checklist>,
    scorecard: Box<Scorecard>,
}

impl Scored {
    /// The checklist this file joins: its own, or the base of its tailoring.
    fn target(&self) -> (String, String) {
        match &self.scorecard.checklist.base {
            Some(base) => (base.id.clone(), base.version.clone()),
            None => (
                self.scorecard.checklist.id.clone(),
                self.scorecard.checklist.version.clone(),
            ),
        }
    }
}

/// Runs `dei benchmark`.
pub fn run(options: &Options<'_>) -> Result<ExitCode, Failure> {
    // While this thread walks the folders, another loads the checklist of the first answers
    // file it can see, so that the search for the leader below usually finds it loaded.
    // The messages are in `--lang`, else in the language of that first file's checklist
    // (inputs that find nothing are reported before it is known: in `--lang`, else English).
    crate::words::choose(options.language, None);
    let ((files, mut reports), (mut library, language)) = std::thread::scope(|scope| {
        let warm = scope.spawn(|| library_warmed_by(options.inputs.first()));
        (expand(options.inputs), warm.join().unwrap_or_default())
    });
    crate::words::choose(options.language, language.as_deref());

    let progress = progress_bar(files.len());
    // The first file that scores is read on this thread, so that the workers share its
    // checklist instead of each loading it.
    let mut scored = Vec::new();
    let mut next = 0;
    while let Some(file) = files.get(next) {
        let order = next;
        next += 1;
        let outcome = evaluate(&mut library, file);
        progress.inc(1);
        if take(outcome, order, &mut scored, &mut reports) {
            break;
        }
    }
    let rest = files.get(next..).unwrap_or_default();
    for outcomes in evaluate_in_parallel(rest, next, &library, &progress) {
        for (order, outcome) in outcomes {
            take(outcome, order, &mut scored, &mut reports);
        }
    }
    progress.finish_and_clear();
    scored.sort_by_key(|file| file.order);

    let Some(target) = scored.first().map(Scored::target) else {
        print_reports(&mut reports);
        eprintln!("{}", crate::words::benchmark_nothing(true));
        return Ok(ExitCode::from(EXIT_INVALID));
    };
    // The definition of the benchmark's checklist: from a file on it, else a built-in.
    let definition = scored
        .iter()
        .find(|file| file.scorecard.checklist.base.is_none() && file.target() == target)
        .map(|file| Arc::clone(&file.checklist))
        .or_else(|| {
            library
                .checklist(&target.0, None)
                .ok()
                .filter(|found| found.version == target.1)
        });
    let leader = scored
        .first()
        .map(|file| file.path.clone())
        .unwrap_or_default();
    let mut on_target = Vec::new();
    for file in scored {
        if file.target() == target && definition.is_some() {
            on_target.push(file);
        } else {
            let found = format!(
                "`{}` {}",
                file.scorecard.checklist.id, file.scorecard.checklist.version
            );
            let why = match (definition.is_none(), dutch()) {
                (true, false) => format!(
                    "the checklist `{}` {} that these answers' tailoring adapts could not be \
                     found: it is neither built in nor the checklist of other answers in this run",
                    target.0, target.1
                ),
                (true, true) => format!(
                    "de vragenlijst `{}` {} waarop de aanpassing van deze antwoorden gebaseerd \
                     is, is niet gevonden: ze is niet ingebouwd en is ook niet de vragenlijst van \
                     andere antwoorden in deze run",
                    target.0, target.1
                ),
                (false, false) => format!(
                    "this is for checklist {found}, but the benchmark is for `{}` {}: a \
                     benchmark compares one checklist (and its tailorings) only",
                    target.0, target.1
                ),
                (false, true) => format!(
                    "dit is voor vragenlijst {found}, maar de benchmark is voor `{}` {}: een \
                     benchmark vergelijkt maar één vragenlijst (met haar aanpassingen)",
                    target.0, target.1
                ),
            };
            reports.push(mismatch(&file.path, &why, &why, &leader).at(file.order));
        }
    }
    let Some(definition) = definition else {
        print_reports(&mut reports);
        eprintln!("{}", crate::words::benchmark_nothing(false));
        return Ok(ExitCode::from(EXIT_INVALID));
    };

    let chosen = match choose(on_target, options.period, &mut reports) {
        Ok(chosen) => chosen,
        Err(problems) => {
            print_reports(&mut reports);
            return Err(Failure::Invalid(problems));
        }
    };
    let mut builder = BenchmarkBuilder::new(&definition);
    for file in &chosen {
        let added = if file.scorecard.checklist.base.is_some() {
            builder.add_tailored(&file.scorecard, &file.checklist, &definition)
        } else {
            builder.add(&file.scorecard)
        };
        if let Err(error) = added {
            reports.push(
                mismatch(&file.path, &error.to_string(), &error.dutch(), &leader).at(file.order),
            );
        }
    }
    let left_out = reports
        .iter()
        .filter(|report| report.kind == ReportKind::LeftOut)
        .count();
    for _ in 0..left_out {
        builder.leave_out();
    }
    if builder.organisations() == 0 {
        print_reports(&mut reports);
        eprintln!("{}", crate::words::benchmark_nothing(false));
        return Ok(ExitCode::from(EXIT_INVALID));
    }
    let benchmark = builder.finish(options.min_group);

    print_reports(&mut reports);
    if left_out > 0 {
        eprintln!(
            "{}",
            crate::words::benchmark_left_out(left_out, benchmark.organisations)
        );
    }
    let text = match options.format {
        BenchmarkFormat::Json => dei_report::benchmark_json(&benchmark),
        BenchmarkFormat::Md => benchmark_markdown(&benchmark, &definition, options.language),
    };
    let clash = options
        .output
        .map(FileIdentity::of)
        .and_then(|output| files.iter().find(|file| file.identity == output))
        .map(|file| file.path.as_path());
    write_unless_input(options.output, text.as_bytes(), clash)?;
    Ok(if left_out > 0 {
        ExitCode::from(EXIT_INVALID)
    } else {
        ExitCode::SUCCESS
    })
}

/// Files what became of one file; true when it scored.
fn take(
    outcome: Outcome,
    order: usize,
    scored: &mut Vec<Scored>,
    reports: &mut Vec<Report>,
) -> bool {
    match outcome {
        Outcome::Scored(path, checklist, scorecard) => {
            scored.push(Scored {
                order,
                path,
                checklist,
                scorecard,
            });
            true
        }
        Outcome::Skipped(report) | Outcome::LeftOut(report) => {
            reports.push(report.at(order));
            false
        }
    }
}

/// One file per organisation (module documentation): groups `files` by organisation
/// identity, settles repeated periods, and takes period `period` or the latest.
fn choose(
    files: Vec<Scored>,
    period: Option<&str>,
    reports: &mut Vec<Report>,
) -> Result<Vec<Scored>, Diagnostics> {
    let mut problems = Diagnostics::default();
    let mut organisations: BTreeMap<String, Vec<Scored>> = BTreeMap::new();
    for file in files {
        organisations
            .entry(file.scorecard.organisation_identity())
            .or_default()
            .push(file);
    }
    let same_period = |a: &str, b: &str| a == b || period_cmp(a, b) == Some(Ordering::Equal);
    let mut chosen = Vec::new();
    for (_, mut group) in organisations {
        // Repeated periods: byte-identical copies count once; anything else is an error.
        let mut kept: Vec<Scored> = Vec::new();
        for file in group.drain(..) {
            let twin = kept
                .iter()
                .find(|other| same_period(&other.scorecard.period, &file.scorecard.period));
            match twin {
                None => kept.push(file),
                Some(twin) if same_bytes(&twin.path, &file.path) => {
                    reports.push(
                        Report::note(if dutch() {
                            format!(
                                "let op: `{}` heeft dezelfde inhoud als `{}`; het telt één keer",
                                file.path.display(),
                                twin.path.display()
                            )
                        } else {
                            format!(
                                "note: `{}` has the same content as `{}`; it is counted once",
                                file.path.display(),
                                twin.path.display()
                            )
                        })
                        .at(file.order),
                    );
                }
                Some(twin) => problems.push(
                    Diagnostic::error(
                        Code::DuplicateContribution,
                        file.path.display().to_string(),
                        format!(
                            "these are answers of `{}` for period `{}`, and so are those of `{}`, which differ: an organisation contributes once per period",
                            file.scorecard.organisation,
                            file.scorecard.period,
                            twin.path.display()
                        ),
                    )
                    .with_id("period")
                    .with_hint("keep one file per organisation and period (or correct a `period` or `organisation.id`)")
                    .with_dutch(
                        format!(
                            "dit zijn antwoorden van `{}` voor periode `{}`, net als die van `{}`, die verschillen: een organisatie draagt één keer per periode bij",
                            file.scorecard.organisation,
                            file.scorecard.period,
                            twin.path.display()
                        ),
                        Some("houd één bestand per organisatie en periode (of verbeter een `period` of `organisation.id`)".to_owned()),
                    ),
                ),
            }
        }
        let pick = if let Some(wanted) = period {
            let found = kept
                .iter()
                .position(|file| same_period(&file.scorecard.period, wanted));
            if found.is_none()
                && let Some(latest) = kept.last()
            {
                reports.push(
                        Report::note(if dutch() {
                            format!(
                                "let op: `{}` heeft geen antwoorden voor periode `{wanted}` (de bestanden omvatten `{}`); de organisatie zit niet in deze benchmark",
                                latest.scorecard.organisation,
                                latest.path.display()
                            )
                        } else {
                            format!(
                                "note: `{}` has no answers for period `{wanted}` (its files include `{}`); it is not in this benchmark",
                                latest.scorecard.organisation,
                                latest.path.display()
                            )
                        })
                        .at(latest.order),
                    );
            }
            found
        } else {
            let periods: Vec<&str> = kept
                .iter()
                .map(|file| file.scorecard.period.as_str())
                .collect();
            if let Some((a, b)) = first_unordered(&periods) {
                let path_of = |wanted: &str| {
                    kept.iter()
                        .find(|file| file.scorecard.period == wanted)
                        .map_or_else(String::new, |file| file.path.display().to_string())
                };
                problems.push(
                        Diagnostic::error(
                            Code::UnknownPeriodOrder,
                            path_of(a),
                            format!(
                                "the order of period `{a}` and period `{b}` of `{}` is unknown, so the latest answers of this organisation cannot be chosen",
                                path_of(b)
                            ),
                        )
                        .with_id("period")
                        .with_hint("write periods as numbers (2025) or as dates: YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn or YYYY-Hn; or choose one with --period")
                        .with_dutch(
                            format!(
                                "de volgorde van periode `{a}` en periode `{b}` van `{}` is onbekend, dus de laatste antwoorden van deze organisatie zijn niet te kiezen",
                                path_of(b)
                            ),
                            Some("schrijf perioden als getal (2025) of als datum: YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn of YYYY-Hn; of kies er één met --period".to_owned()),
                        ),
                    );
                None
            } else {
                (0..kept.len()).reduce(|best, index| {
                    let later =
                        period_cmp(&kept[index].scorecard.period, &kept[best].scorecard.period)
                            == Some(Ordering::Greater);
                    if later { index } else { best }
                })
            }
        };
        if let Some(index) = pick {
            chosen.push(kept.swap_remove(index));
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    chosen.sort_by_key(|file| file.order);
    Ok(chosen)
}

/// True when both files can be read and hold the same bytes.
fn same_bytes(a: &Path, b: &Path) -> bool {
    match (std::fs::read(a), std::fs::read(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// True when the run's messages are in Dutch.
fn dutch() -> bool {
    crate::words::current() == dei_report::Lang::Nl
}

/// A problem rendered in the run's language.
fn rendered(problem: &Diagnostic) -> String {
    problem.render_in(crate::words::current().code())
}

/// A file to benchmark and how it was found.
struct Found {
    path: PathBuf,
    /// Which file it is, to count a file reached by two paths once.
    identity: FileIdentity,
    /// Named on its own (read as answers whatever it is) rather than found in a folder or by a
    /// pattern (definitions and tailorings are skipped).
    explicit: bool,
}

/// Something to tell the user about one file, printed after the work in file order.
struct Report {
    /// Position among the files, for ordering; inputs that found nothing come first.
    order: usize,
    kind: ReportKind,
    text: String,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ReportKind {
    LeftOut,
    Note,
}

impl Report {
    fn left_out(text: String) -> Self {
        Self {
            order: 0,
            kind: ReportKind::LeftOut,
            text,
        }
    }

    fn note(text: String) -> Self {
        Self {
            order: 0,
            kind: ReportKind::Note,
            text,
        }
    }

    /// Places the report after the reports of the inputs that found nothing.
    fn at(mut self, index: usize) -> Self {
        self.order = index + 1;
        self
    }
}

fn print_reports(reports: &mut [Report]) {
    // A stable sort keeps the reports of one file, and of the inputs, in the order they arose.
    reports.sort_by_key(|report| report.order);
    let mut stderr = String::new();
    for report in reports.iter() {
        stderr.push_str(&report.text);
        if !report.text.ends_with('\n') {
            stderr.push('\n');
        }
    }
    // Paths, names and values in these reports come from the files: shown, never obeyed.
    eprint!("{}", dei_core::visible::visible_lines(&stderr));
}

/// What became of one file.
enum Outcome {
    Scored(PathBuf, Arc<Checklist>, Box<Scorecard>),
    Skipped(Report),
    LeftOut(Report),
}

/// Reads, checks and scores one file.
fn evaluate(library: &mut Library, file: &Found) -> Outcome {
    let source = match dei_core::read_source(&file.path) {
        Ok(source) => source,
        Err(problems) => return Outcome::LeftOut(first_problem(&file.path, &problems)),
    };
    // Only dei's outputs have a top-level `schema_version`; the probe parses nothing else.
    if source.text().contains("schema_version")
        && let Some(kind) = dei_core::benchmark::dei_output(&source)
    {
        return Outcome::Skipped(Report::note(if dutch() {
            let soort = match kind {
                "a benchmark" => "een benchmark",
                "a scorecard" => "een scorekaart",
                "a progress comparison" => "een vergelijking van perioden",
                _ => "uitvoer",
            };
            format!(
                "let op: `{}` overgeslagen: het is {soort} die dei schreef, geen antwoordbestand",
                file.path.display()
            )
        } else {
            format!(
                "note: skipped `{}`: it is {kind} that dei wrote, not an answers file",
                file.path.display()
            )
        }));
    }
    match dei_core::file_kind(&source) {
        Ok(FileKind::Answers) | Err(_) => {}
        Ok(kind) => {
            let (noun, naam) = if kind == FileKind::Tailoring {
                ("a tailoring", "een aanpassing")
            } else {
                ("a checklist definition", "een vragenlijst")
            };
            if !file.explicit {
                return Outcome::Skipped(Report::note(if dutch() {
                    format!(
                        "let op: `{}` overgeslagen: het is {naam}, geen antwoordbestand",
                        file.path.display()
                    )
                } else {
                    format!(
                        "note: skipped `{}`: it is {noun}, not an answers file",
                        file.path.display()
                    )
                }));
            }
            let problem = Diagnostic::error(
                Code::UnknownFileKind,
                file.path.display().to_string(),
                format!("this is {noun}, not an answers file"),
            )
            .with_hint("`dei benchmark` reads answers files: give the answers files that use it")
            .with_dutch(
                format!("dit is {naam}, geen antwoordbestand"),
                Some("`dei benchmark` leest antwoordbestanden: geef de antwoordbestanden die deze vragenlijst gebruiken".to_owned()),
            );
            return Outcome::LeftOut(Report::left_out(rendered(&problem)));
        }
    }
    let (checklist, answers) = match library.answers_from_source(&source, file.path.parent()) {
        Ok(loaded) => loaded,
        Err(problems) => return Outcome::LeftOut(first_problem(&file.path, &problems)),
    };
    // The source holds free text; let it go before scoring, which is all we keep of the file.
    drop(source);
    match score_figures(&checklist, &answers) {
        Ok(mut scorecard) => {
            // Only the numbers are kept until one file per organisation is chosen.
            scorecard.items = Vec::new();
            scorecard.warnings = Vec::new();
            Outcome::Scored(file.path.clone(), checklist, Box::new(scorecard))
        }
        Err(problems) => Outcome::LeftOut(first_problem(&file.path, &problems)),
    }
}

/// The first error of a file, rendered, with a pointer to the full list.
fn first_problem(path: &Path, problems: &Diagnostics) -> Report {
    let errors: Vec<&Diagnostic> = problems.errors().collect();
    let mut text = match (errors.first(), dutch()) {
        (Some(problem), _) => rendered(problem),
        (None, false) => format!("error: `{}` could not be benchmarked\n", path.display()),
        (None, true) => format!("fout: `{}` kon niet in de benchmark\n", path.display()),
    };
    if errors.len() > 1 {
        let more = errors.len() - 1;
        let _ = if dutch() {
            writeln!(
                text,
                "let op: `{}` heeft nog {more} {}: `dei validate {}` noemt ze allemaal",
                path.display(),
                if more == 1 { "probleem" } else { "problemen" },
                path.display()
            )
        } else {
            writeln!(
                text,
                "note: `{}` has {more} more problem{}: `dei validate {}` lists them all",
                path.display(),
                if more == 1 { "" } else { "s" },
                path.display()
            )
        };
    }
    Report::left_out(text)
}

/// Reads and scores files on worker threads, each starting from a copy of `library` (so the
/// checklist the leader loaded is not loaded again); returns each worker's outcomes with their
/// positions. `offset` is the index of the first of `files` among all files.
fn evaluate_in_parallel(
    files: &[Found],
    offset: usize,
    library: &Library,
    progress: &ProgressBar,
) -> Vec<Vec<(usize, Outcome)>> {
    let workers = std::thread::available_parallelism()
        .map_or(2, std::num::NonZeroUsize::get)
        .clamp(1, 16)
        .min(files.len());
    if workers == 0 {
        return Vec::new();
    }
    // Workers take the next file from a shared counter, so a slow file never leaves the
    // other cores idle.
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                let next = &next;
                scope.spawn(move || {
                    let mut library = library.clone();
                    let mut outcomes = Vec::new();
                    loop {
                        let index = next.fetch_add(1, AtomicOrdering::Relaxed);
                        let Some(file) = files.get(index) else { break };
                        outcomes.push((offset + index, evaluate(&mut library, file)));
                        progress.inc(1);
                    }
                    outcomes
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

/// The report for a file on another checklist.
fn mismatch(path: &Path, why: &str, dutch_why: &str, leader: &Path) -> Report {
    let problem = Diagnostic::error(Code::Incompatible, path.display().to_string(), why)
        .with_hint(format!(
            "the first valid file, `{}`, fixed the checklist; benchmark each checklist (and \
             version) in a run of its own",
            leader.display()
        ))
        .with_dutch(
            dutch_why,
            Some(format!(
                "het eerste geldige bestand, `{}`, legde de vragenlijst vast; maak voor elke \
                 vragenlijst (en versie) een eigen benchmark",
                leader.display()
            )),
        );
    Report::left_out(rendered(&problem))
}

fn progress_bar(files: usize) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(files as u64);
    if let Ok(style) = ProgressStyle::with_template(crate::words::benchmark_progress()) {
        bar.set_style(style);
    }
    bar
}

/// A library holding the checklist of the first answers file directly in `input` (a file, or
/// a folder's first entry), if that loads; an empty one otherwise. Only a cache is filled:
/// what is reported about that file comes from reading it again in order. Also returns the
/// default language of that checklist.
fn library_warmed_by(input: Option<&PathBuf>) -> (Library, Option<String>) {
    let mut library = Library::new();
    let first = input.and_then(|input| {
        if input.is_dir() {
            std::fs::read_dir(input)
                .ok()?
                .flatten()
                .map(|entry| entry.path())
                .find(|path| is_answers_name(path) && path.is_file())
        } else {
            // Not a pipe or a device: reading one here could wait for ever.
            input.is_file().then(|| input.clone())
        }
    });
    if let Some(path) = first
        && let Ok(source) = dei_core::read_source(&path)
        && matches!(dei_core::file_kind(&source), Ok(FileKind::Answers))
    {
        let language = library
            .answers_from_source(&source, path.parent())
            .ok()
            .map(|(checklist, _)| checklist.default_language().to_owned());
        return (library, language);
    }
    (library, None)
}

/// Expands folders and patterns into files, dropping repeats; reports inputs that find nothing.
fn expand(inputs: &[PathBuf]) -> (Vec<Found>, Vec<Report>) {
    let mut files = Vec::new();
    let mut reports = Vec::new();
    let mut seen = HashSet::new();
    let mut inodes: HashMap<(u64, u64), PathBuf> = HashMap::new();
    for input in inputs {
        let found = if input.is_dir() {
            let mut found = Vec::new();
            walk(input, &FileIdentity::of(input), &mut found);
            if found.is_empty() {
                reports.push(Report::left_out(nothing_found(
                    input,
                    "the folder holds no answers files (.yaml, .yml or .json)",
                    "de map bevat geen antwoordbestanden (.yaml, .yml of .json)",
                )));
            }
            found
        } else if !input.exists() && is_pattern(input) {
            match glob(input) {
                Ok(found) if found.is_empty() => {
                    reports.push(Report::left_out(nothing_found(
                        input,
                        "no answers file (.yaml, .yml or .json) matches this pattern",
                        "geen antwoordbestand (.yaml, .yml of .json) past bij dit patroon",
                    )));
                    Vec::new()
                }
                Ok(found) => found,
                Err([message, dutch]) => {
                    reports.push(Report::left_out(nothing_found(input, &message, &dutch)));
                    Vec::new()
                }
            }
        } else {
            // A plain file, or a path that does not exist: reading it reports the problem.
            vec![Found {
                path: input.clone(),
                identity: FileIdentity::of(input),
                explicit: true,
            }]
        };
        for file in found {
            if !seen.insert(file.identity.clone()) {
                reports.push(Report::note(if dutch() {
                    format!(
                        "let op: `{}` is meer dan één keer gegeven; het telt één keer",
                        file.path.display()
                    )
                } else {
                    format!(
                        "note: `{}` is given more than once; it is counted once",
                        file.path.display()
                    )
                }));
                continue;
            }
            // A hard link (or a path through a linked folder) is the same file under another
            // name: its device and inode tell.
            if let Some(key) = device_and_inode(&file.path) {
                if let Some(first) = inodes.get(&key) {
                    reports.push(Report::note(if dutch() {
                        format!(
                            "let op: `{}` is hetzelfde bestand als `{}` (een koppeling ernaar); het telt één keer",
                            file.path.display(),
                            first.display()
                        )
                    } else {
                        format!(
                            "note: `{}` is the same file as `{}` (a link to it); it is counted once",
                            file.path.display(),
                            first.display()
                        )
                    }));
                    continue;
                }
                inodes.insert(key, file.path.clone());
            }
            files.push(file);
        }
    }
    (files, reports)
}

/// The device and inode of the file at `path` (following symbolic links), where the system
/// has them.
#[cfg(unix)]
fn device_and_inode(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt as _;
    std::fs::metadata(path)
        .ok()
        .map(|metadata| (metadata.dev(), metadata.ino()))
}

/// Without device and inode numbers, canonical paths alone tell files apart.
#[cfg(not(unix))]
fn device_and_inode(_path: &Path) -> Option<(u64, u64)> {
    None
}

fn nothing_found(input: &Path, message: &str, dutch: &str) -> String {
    rendered(
        &Diagnostic::error(Code::Io, input.display().to_string(), message)
            .with_hint(
                "give answers files, folders that hold them, or patterns such as `answers/*.yaml`",
            )
            .with_dutch(
                dutch,
                Some(
                    "geef antwoordbestanden, mappen met antwoordbestanden of patronen zoals \
                     `answers/*.yaml`"
                        .to_owned(),
                ),
            ),
    )
}

fn is_answers_name(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|name| name.to_str()) else {
        return false;
    };
    if name.starts_with('.') {
        return false;
    }
    Path::new(name).extension().is_some_and(|extension| {
        ["yaml", "yml", "json"]
            .iter()
            .any(|wanted| extension.eq_ignore_ascii_case(wanted))
    })
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .and_then(|name| name.to_str())
        .is_some_and(|name| name.starts_with('.'))
}

/// Every answers-like file under `folder`, in the order of their sorted paths; unreadable
/// folders are passed over.
///
/// Each folder's entries are sorted by name and visited in that order, which yields the order
/// of sorting the whole paths component by component, without comparing whole paths.
fn walk(folder: &Path, identity: &FileIdentity, found: &mut Vec<Found>) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    let mut entries: Vec<std::fs::DirEntry> = entries.flatten().collect();
    entries.sort_by_cached_key(std::fs::DirEntry::file_name);
    for entry in entries {
        let path = entry.path();
        if is_hidden(&path) {
            continue;
        }
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            walk(&path, &FileIdentity::in_folder(identity, &entry), found);
        } else if (kind.is_file() || (kind.is_symlink() && path.is_file()))
            && is_answers_name(&path)
        {
            found.push(Found {
                identity: FileIdentity::in_folder(identity, &entry),
                path,
                explicit: false,
            });
        }
    }
}

fn is_pattern(path: &Path) -> bool {
    path.to_string_lossy().contains(['*', '?'])
}

/// The answers-like files in one folder whose names match the last part of `pattern`, sorted;
/// or why the pattern cannot be used, in English and in Dutch.
fn glob(pattern: &Path) -> Result<Vec<Found>, [String; 2]> {
    let name = pattern
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .ok_or_else(|| {
            [
                "a pattern must end in a file name, such as `*.yaml`".to_owned(),
                "een patroon moet eindigen op een bestandsnaam, zoals `*.yaml`".to_owned(),
            ]
        })?;
    let folder = match pattern.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    if is_pattern(folder) {
        return Err([
            "only the last part of a pattern may hold `*` or `?`: give the folder itself to \
             search it and its subfolders"
                .to_owned(),
            "alleen het laatste deel van een patroon mag `*` of `?` bevatten: geef de map zelf \
             om die en haar submappen te doorzoeken"
                .to_owned(),
        ]);
    }
    let entries = std::fs::read_dir(folder).map_err(|error| {
        let (why, waarom) = dei_core::plain_io_error(&error);
        [
            format!("cannot read the folder `{}`: {why}", folder.display()),
            format!("kan de map `{}` niet lezen: {waarom}", folder.display()),
        ]
    })?;
    let folder_identity = FileIdentity::of(folder);
    let wanted: Vec<char> = name.chars().collect();
    let mut entries: Vec<std::fs::DirEntry> = entries
        .flatten()
        .filter(|entry| {
            let file: Vec<char> = entry.file_name().to_string_lossy().chars().collect();
            wildcard_match(&wanted, &file)
        })
        .collect();
    entries.sort_by_cached_key(std::fs::DirEntry::file_name);
    Ok(entries
        .into_iter()
        .filter(|entry| {
            let path = entry.path();
            path.is_file() && is_answers_name(&path)
        })
        .map(|entry| Found {
            path: entry.path(),
            identity: FileIdentity::in_folder(&folder_identity, &entry),
            explicit: false,
        })
        .collect())
}

/// Matches `*` (any run of characters) and `?` (one character); everything else literally.
fn wildcard_match(pattern: &[char], text: &[char]) -> bool {
    let (mut p, mut t) = (0, 0);
    // Where the last `*` was, and the text position it currently swallows up to.
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        match pattern.get(p) {
            Some('*') => {
                star = Some((p, t));
                p += 1;
            }
            Some(&c) if c == '?' || Some(&c) == text.get(t) => {
                p += 1;
                t += 1;
            }
            _ => match star {
                Some((star_p, star_t)) => {
                    p = star_p + 1;
                    t = star_t + 1;
                    star = Some((star_p, star_t + 1));
                }
                None => return false,
            },
        }
    }
    pattern
        .get(p..)
        .unwrap_or_default()
        .iter()
        .all(|&c| c == '*')
}

#[cfg(test)]
mod tests {
    use super::wildcard_match;

    fn matches(pattern: &str, text: &str) -> bool {
        let pattern: Vec<char> = pattern.chars().collect();
        let text: Vec<char> = text.chars().collect();
        wildcard_match(&pattern, &text)
    }

    #[test]
    fn wildcards() {
        assert!(matches("*.yaml", "a.yaml"));
        assert!(matches("*.yaml", ".yaml"));
        assert!(!matches("*.yaml", "a.yml"));
        assert!(matches("org-??.yaml", "org-07.yaml"));
        assert!(!matches("org-??.yaml", "org-7.yaml"));
        assert!(matches("*-*-2025.json", "a-b-c-2025.json"));
        assert!(matches("*", "anything"));
        assert!(matches("a*", "a"));
        assert!(!matches("a*b", "acbd"));
        assert!(matches("exact.yaml", "exact.yaml"));
        assert!(!matches("exact.yaml", "exact.yamlx"));
    }
}
