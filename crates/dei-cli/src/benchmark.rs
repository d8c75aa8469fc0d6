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
//!   file's `Library` (the checklist is loaded once and shared); only the figures of a
//!   scorecard are kept until one file per organisation is chosen and folded into a
//!   `BenchmarkBuilder`. The result does not depend on how the work was split.
//! - Problems are printed after the work, in file order, so the output is the same on every
//!   run; a progress bar shows files done while working, on a terminal only.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::fmt::Write as _;
use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering as AtomicOrdering};

use dei_core::benchmark::{BenchmarkBuilder, PRIVACY_FLOOR};
use dei_core::fs::{FileId, FsResolver};
use dei_core::library::{FileKind, Probe};
use dei_core::period::{first_unordered, period_cmp};
use dei_core::{Checklist, Code, Diagnostic, Diagnostics, Figures, Library, Source, score_figures};
use dei_report::benchmark_markdown;
use indicatif::{ProgressBar, ProgressStyle};

use crate::cli::BenchmarkFormat;
use crate::discover::{Found, Notice, expand, first_answers_file, same_file_note};
use crate::output::{EXIT_INVALID, Failure, FileIdentity, write_unless_input};
use crate::words::{dutch, rendered};

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
    /// Boxed, so that moving a `Scored` while choosing moves a few words.
    figures: Box<Figures>,
    /// Who the file is about (`Figures::organisation_identity`), worked out on the worker
    /// that scored it rather than on the one thread that chooses.
    organisation: String,
}

impl Scored {
    /// The checklist this file joins: its own, or the base of its tailoring.
    fn target(&self) -> (&str, &str) {
        let checklist = self.figures.checklist();
        match &checklist.base {
            Some(base) => (&base.id, &base.version),
            None => (&checklist.id, &checklist.version),
        }
    }
}

/// Runs `dei benchmark`.
pub fn run(options: &Options<'_>) -> Result<ExitCode, Failure> {
    // While this thread walks the folders, another loads the checklist of the first answers
    // file it can see; the workers start reading and parsing files as soon as the walk is
    // done, and wait for that checklist only to check them. The messages are in `--lang`,
    // else in the language of that first file's checklist (inputs that find nothing are
    // reported before it is known: in `--lang`, else English).
    crate::words::choose(options.language, None);
    let first = options.inputs.first().cloned();
    let warm = std::thread::spawn(move || library_warmed_by(first.as_ref()));
    let (files, notices) = expand(options.inputs);
    let mut reports: Vec<Report> = notices
        .into_iter()
        .map(|notice| match notice {
            Notice::NothingFound(text) => Report::left_out(text),
            Notice::Repeat(text) => Report::note(text),
        })
        .collect();

    let progress = progress_bar(files.len());
    let (evaluated, mut library) = evaluate_in_parallel(&files, &progress, || {
        let (library, language) = warm
            .join()
            .unwrap_or_else(|_| (Library::with_resolver(FsResolver), None));
        crate::words::choose(options.language, language.as_deref());
        library
    });
    progress.finish_and_clear();
    let mut outcomes: Vec<Option<Evaluated>> = Vec::new();
    outcomes.resize_with(files.len(), || None);
    for (order, evaluated) in evaluated {
        outcomes[order] = Some(evaluated);
    }

    // In file order: a file already read under another name (a hard link) counts once.
    let mut scored = Vec::with_capacity(files.len());
    let mut first_read: HashMap<FileId, usize> = HashMap::with_capacity(files.len());
    for (order, evaluated) in outcomes.into_iter().enumerate() {
        let Some((id, outcome)) = evaluated else {
            continue;
        };
        if let Some(id) = id {
            match first_read.entry(id) {
                Entry::Occupied(first) => {
                    let note = same_file_note(&files[order].path, &files[*first.get()].path);
                    reports.push(Report::note(note).at(order));
                    continue;
                }
                Entry::Vacant(slot) => {
                    slot.insert(order);
                }
            }
        }
        take(outcome, order, &mut scored, &mut reports);
    }

    let Some((id, version)) = scored.first().map(Scored::target) else {
        print_reports(&mut reports);
        eprintln!("{}", crate::words::benchmark_nothing(true));
        return Ok(ExitCode::from(EXIT_INVALID));
    };
    let target = (id.to_owned(), version.to_owned());
    // The definition of the benchmark's checklist: from a file on it, else a built-in.
    let definition = scored
        .iter()
        .find(|file| {
            file.figures.checklist().base.is_none() && file.target() == (&target.0, &target.1)
        })
        .map(|file| Arc::clone(&file.checklist))
        .or_else(|| {
            library
                .checklist(&target.0, None)
                .ok()
                .filter(|found| found.version() == target.1)
        });
    let leader = scored
        .first()
        .map(|file| file.path.clone())
        .unwrap_or_default();
    let mut on_target = Vec::with_capacity(scored.len());
    let first_checklist = scored.first().map(|file| Arc::clone(&file.checklist));
    for file in scored {
        // Files on one checklist share it: the pointer answers without reading the ids.
        let same_checklist = first_checklist
            .as_ref()
            .is_some_and(|first| Arc::ptr_eq(first, &file.checklist));
        if (same_checklist || file.target() == (&target.0, &target.1)) && definition.is_some() {
            on_target.push(file);
        } else {
            let found = format!(
                "`{}` {}",
                file.figures.checklist().id,
                file.figures.checklist().version
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
        let added = if file.figures.checklist().base.is_some() {
            builder.add_tailored(&file.figures, &file.checklist, &definition)
        } else {
            builder.add(&file.figures)
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
    // The figures live until the process ends, which frees them all at once: freeing
    // 10,000 of them here, one allocation at a time on this one thread (they were made on the
    // workers' heaps), cost about a tenth of a batch's instructions.
    std::mem::forget(chosen);

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

/// Files what became of one file.
fn take(outcome: Outcome, order: usize, scored: &mut Vec<Scored>, reports: &mut Vec<Report>) {
    match outcome {
        Outcome::Scored(mut file) => {
            file.order = order;
            scored.push(file);
        }
        Outcome::Skipped(report) | Outcome::LeftOut(report) => reports.push(report.at(order)),
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
    // Grouped in the order each organisation's first file comes, so problems are listed in
    // file order. The identities are looked up where they are, not copied or moved.
    let mut group_of: HashMap<&str, usize> = HashMap::with_capacity(files.len());
    let groups: Vec<usize> = files
        .iter()
        .map(|file| {
            let next = group_of.len();
            *group_of.entry(file.organisation.as_str()).or_insert(next)
        })
        .collect();
    let mut organisations: Vec<Vec<Scored>> = Vec::new();
    organisations.resize_with(group_of.len(), Vec::new);
    for (file, group) in files.into_iter().zip(groups) {
        organisations[group].push(file);
    }
    let same_period = |a: &str, b: &str| a == b || period_cmp(a, b) == Some(Ordering::Equal);
    let mut chosen = Vec::new();
    for mut group in organisations {
        // Repeated periods: byte-identical copies count once; anything else is an error.
        let mut kept: Vec<Scored> = Vec::with_capacity(group.len());
        for file in group.drain(..) {
            let twin = kept
                .iter()
                .find(|other| same_period(other.figures.period(), file.figures.period()));
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
                            file.figures.organisation(),
                            file.figures.period(),
                            twin.path.display()
                        ),
                    )
                    .with_id("period")
                    .with_hint("keep one file per organisation and period (or correct a `period` or `organisation.id`)")
                    .with_dutch(
                        format!(
                            "dit zijn antwoorden van `{}` voor periode `{}`, net als die van `{}`, die verschillen: een organisatie draagt één keer per periode bij",
                            file.figures.organisation(),
                            file.figures.period(),
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
                .position(|file| same_period(file.figures.period(), wanted));
            if found.is_none()
                && let Some(latest) = kept.last()
            {
                reports.push(
                        Report::note(if dutch() {
                            format!(
                                "let op: `{}` heeft geen antwoorden voor periode `{wanted}` (de bestanden omvatten `{}`); de organisatie zit niet in deze benchmark",
                                latest.figures.organisation(),
                                latest.path.display()
                            )
                        } else {
                            format!(
                                "note: `{}` has no answers for period `{wanted}` (its files include `{}`); it is not in this benchmark",
                                latest.figures.organisation(),
                                latest.path.display()
                            )
                        })
                        .at(latest.order),
                    );
            }
            found
        } else {
            let periods: Vec<&str> = kept.iter().map(|file| file.figures.period()).collect();
            if let Some((a, b)) = first_unordered(&periods) {
                let path_of = |wanted: &str| {
                    kept.iter()
                        .find(|file| file.figures.period() == wanted)
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
                        period_cmp(kept[index].figures.period(), kept[best].figures.period())
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
    /// Scored, at a place in the order that `take` sets.
    Scored(Scored),
    Skipped(Report),
    LeftOut(Report),
}

/// What became of one file, and which file it was when it could be read.
type Evaluated = (Option<FileId>, Outcome);

/// One file read and parsed, which needs no checklist yet: its text, which file it is, and
/// what kind of file it is (an answers file keeps its parse for checking).
type Read = Result<(Source, Option<FileId>, Result<Probe, Diagnostics>), Diagnostics>;

/// Reads and parses one file.
fn read(file: &Found) -> Read {
    let (source, id) = dei_core::fs::read_identified(&file.path, file.listed_as_regular)?;
    let probe = dei_core::library::probe(&source);
    Ok((source, id, probe))
}

/// Checks and scores one file that was read.
fn evaluate(library: &mut Library, file: &Found, read: Read) -> Evaluated {
    match read {
        Ok((source, id, probe)) => (id, evaluate_source(library, file, source, probe)),
        Err(problems) => (None, Outcome::LeftOut(first_problem(&file.path, &problems))),
    }
}

/// Checks and scores one file's text.
fn evaluate_source(
    library: &mut Library,
    file: &Found,
    source: Source,
    probe: Result<Probe, Diagnostics>,
) -> Outcome {
    let probe = match probe {
        Ok(probe) if probe.kind() == FileKind::Answers => Some(probe),
        Err(_) => None,
        Ok(probe) => {
            if let Some(note) = dei_output_note(&source, file) {
                return note;
            }
            let kind = probe.kind();
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
    };
    // The answers parsed to tell the kind are checked as they are: each file is parsed once.
    let loaded = match probe {
        Some(probe) => library.answers_from_probe(&source, probe, file.path.parent()),
        None => library.answers_from_source(&source, file.path.parent()),
    };
    let (checklist, answers) = match loaded {
        Ok(loaded) => loaded,
        Err(problems) => {
            return dei_output_note(&source, file)
                .unwrap_or_else(|| Outcome::LeftOut(first_problem(&file.path, &problems)));
        }
    };
    // The source holds free text; let it go before scoring, which is all we keep of the file.
    drop(source);
    match score_figures(&checklist, &answers) {
        // Only the figures are kept until one file per organisation is chosen.
        Ok(figures) => Outcome::Scored(Scored {
            order: 0,
            path: file.path.clone(),
            organisation: figures.organisation_identity(),
            checklist,
            figures: Box::new(figures),
        }),
        Err(problems) => Outcome::LeftOut(first_problem(&file.path, &problems)),
    }
}

/// A note that `file` is one of dei's own outputs (a scorecard, a benchmark…), not an answers
/// file; `None` for any other file. Asked only of files that are not answers files, so a batch
/// of answers files never pays for it.
fn dei_output_note(source: &Source, file: &Found) -> Option<Outcome> {
    // Only dei's outputs have a top-level `schema_version`; the probe parses nothing else.
    if !source.text().contains("schema_version") {
        return None;
    }
    let kind = dei_core::benchmark::dei_output(source)?;
    Some(Outcome::Skipped(Report::note(if dutch() {
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
    })))
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

/// Reads and scores `files` on worker threads; returns the outcomes with their positions, and
/// the library that `checklist` gave.
///
/// Each worker reads and parses files at once, and waits for `checklist` (which runs on this
/// thread meanwhile, and usually waits for the checklist to load) only to check them; it then
/// checks with its own copy of that library, so the checklist is loaded once, not once per
/// worker.
fn evaluate_in_parallel(
    files: &[Found],
    progress: &ProgressBar,
    checklist: impl FnOnce() -> Library,
) -> (Vec<(usize, Evaluated)>, Library) {
    let workers = crate::cores::workers_for(files.len());
    let shared = std::sync::OnceLock::new();
    // Workers take the next file from a shared counter, so a slow file never leaves the
    // other cores idle.
    let next = AtomicUsize::new(0);
    let outcomes = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                let (next, shared) = (&next, &shared);
                scope.spawn(move || {
                    let mut library: Option<Library> = None;
                    let mut outcomes = Vec::new();
                    loop {
                        let index = next.fetch_add(1, AtomicOrdering::Relaxed);
                        let Some(file) = files.get(index) else { break };
                        let read = read(file);
                        let library = library.get_or_insert_with(|| Library::clone(shared.wait()));
                        outcomes.push((index, evaluate(library, file, read)));
                        progress.inc(1);
                    }
                    outcomes
                })
            })
            .collect();
        // Set before any join: a worker waiting for it must not wait for ever.
        let _ = shared.set(checklist());
        crate::cores::joined(handles)
    });
    let library = shared
        .into_inner()
        .unwrap_or_else(|| Library::with_resolver(FsResolver));
    (outcomes, library)
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
    let mut library = Library::with_resolver(FsResolver);
    let first = input.and_then(|input| first_answers_file(input));
    if let Some(path) = first
        && let Ok(source) = dei_core::fs::read_source(&path)
        && let Ok(probe) = dei_core::library::probe(&source)
        && probe.kind() == FileKind::Answers
    {
        let language = library
            .answers_from_probe(&source, probe, path.parent())
            .ok()
            .map(|(checklist, _)| checklist.default_language().to_owned());
        return (library, language);
    }
    (library, None)
}
