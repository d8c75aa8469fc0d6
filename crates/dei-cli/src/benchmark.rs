//! `dei benchmark`: score many answers files of one checklist and publish only anonymous
//! distributions (SPEC sections 9 and 10).
//!
//! Decisions, written down for users and for the tests that pin them:
//! - ANSWERS are files, folders or patterns. A folder stands for every `.yaml`, `.yml` and
//!   `.json` file inside it, recursively, in sorted order; hidden files and folders (a name
//!   starting with `.`) are passed over and symbolic links to folders are not followed. A pattern
//!   may use `*` and `?` in its last part only (`network/*.yaml`); it is matched here, so it
//!   works when quoted and on shells that do not expand it. A file found through a folder or a
//!   pattern that is a checklist definition or a tailoring is skipped with a note; a file named
//!   on its own is always read as answers. A file given twice (by another path or a symbolic link)
//!   counts once.
//! - The first file (in the order given, folders and patterns expanded) that is valid and
//!   scores fixes the checklist, id and version. A file for any other checklist is reported
//!   and left out, never mixed in.
//! - A file that cannot be read, is invalid, or is for another checklist does not stop the
//!   batch: its first problem is printed on stderr (`dei validate` lists them all) and it is
//!   left out. So is a folder or pattern that finds no answers file. `left_out` counts them.
//! - Exit code: 0 when every file was benchmarked; 1 when anything was left out (the benchmark
//!   is still written) or when no file could be benchmarked (nothing is written); 2 for a usage
//!   error such as `--min-group 2`; 3 when the output cannot be written.
//! - Work is streamed: each file is read, scored and folded into a `BenchmarkBuilder`, which
//!   keeps only numbers, before the next is read. Files are shared out between worker threads,
//!   each with its own copy of the first file's `Library` (the checklist is loaded once and
//!   shared) and its own builder; the builders are merged at the end, and the result does not
//!   depend on how the work was split.
//! - Problems are printed after the work, in file order, so the output is the same on every
//!   run; a progress bar shows files done while working, on a terminal only.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use dei_core::benchmark::{
    Benchmark, BenchmarkBuilder, BenchmarkError, Count, PRIVACY_FLOOR, Share, Stats,
};
use dei_core::{
    Checklist, Code, Diagnostic, Diagnostics, FileKind, Library, Scorecard, score_figures,
};
use indicatif::{ProgressBar, ProgressStyle};

use crate::cli::BenchmarkFormat;
use crate::output::{EXIT_INVALID, Failure, FileIdentity, write_unless_input};

/// Checks `--min-group`: a whole number of at least [`PRIVACY_FLOOR`].
pub fn parse_min_group(text: &str) -> Result<usize, String> {
    let value: usize = text
        .trim()
        .parse()
        .map_err(|_| format!("`{text}` is not a whole number of organisations"))?;
    if value < PRIVACY_FLOOR {
        return Err(format!(
            "the smallest group shown must be at least {PRIVACY_FLOOR} organisations: in a \
             smaller group, members can recognise each other's scores (the default is {})",
            dei_core::benchmark::DEFAULT_MIN_GROUP
        ));
    }
    Ok(value)
}

/// What the benchmark command was asked to do.
pub struct Options<'a> {
    /// Files, folders and patterns as given.
    pub inputs: &'a [PathBuf],
    /// The smallest group shown.
    pub min_group: usize,
    /// json or md.
    pub format: BenchmarkFormat,
    /// Where to write; standard output when `None`.
    pub output: Option<&'a Path>,
}

/// Runs `dei benchmark`.
pub fn run(options: &Options<'_>) -> Result<ExitCode, Failure> {
    // While this thread walks the folders, another loads the checklist of the first answers
    // file it can see, so that the search for the leader below usually finds it loaded.
    let ((files, mut reports), mut library) = std::thread::scope(|scope| {
        let warm = scope.spawn(|| library_warmed_by(options.inputs.first()));
        (expand(options.inputs), warm.join().unwrap_or_default())
    });
    let mut left_out = reports
        .iter()
        .filter(|report| report.kind == ReportKind::LeftOut)
        .count();

    let progress = progress_bar(files.len());
    // The first file that scores fixes the checklist: search for it in order, on this thread.
    let mut leader = None;
    let mut next = 0;
    while let Some(file) = files.get(next) {
        let order = next;
        next += 1;
        let outcome = evaluate(&mut library, file);
        progress.inc(1);
        match outcome {
            Outcome::Scored(checklist, scorecard) => {
                let mut builder = BenchmarkBuilder::new(&checklist);
                match builder.add(&scorecard) {
                    Ok(()) => {
                        leader = Some((file.path.clone(), checklist, builder));
                        break;
                    }
                    Err(error) => {
                        left_out += 1;
                        let problem = Diagnostic::error(
                            Code::Incompatible,
                            file.path.display().to_string(),
                            error.to_string(),
                        );
                        reports.push(Report::left_out(problem.render()).at(order));
                    }
                }
            }
            Outcome::Skipped(report) => reports.push(report.at(order)),
            Outcome::LeftOut(report) => {
                left_out += 1;
                reports.push(report.at(order));
            }
        }
    }
    let Some((leader_path, checklist, mut builder)) = leader else {
        progress.finish_and_clear();
        print_reports(&mut reports);
        eprintln!(
            "error: no answers file could be benchmarked: give answers files, folders that hold \
             them, or patterns such as `answers/*.yaml`"
        );
        return Ok(ExitCode::from(EXIT_INVALID));
    };
    for _ in 0..left_out {
        builder.leave_out();
    }

    let rest = files.get(next..).unwrap_or_default();
    let (workers, worker_reports) =
        fold_in_parallel(rest, next, &library, &builder, &leader_path, &progress);
    progress.finish_and_clear();
    for (worker, reports_of_worker) in workers.into_iter().zip(worker_reports) {
        builder
            .merge(worker)
            .map_err(|error| Failure::Io(format!("internal error while merging: {error}")))?;
        reports.extend(reports_of_worker);
    }
    let left_out = builder.left_out();
    let benchmark = builder.finish(options.min_group);

    print_reports(&mut reports);
    if left_out > 0 {
        eprintln!(
            "{left_out} left out (see above); the benchmark covers {}",
            plural(benchmark.organisations, "organisation")
        );
    }
    let text = match options.format {
        BenchmarkFormat::Json => benchmark_json(&benchmark),
        BenchmarkFormat::Md => benchmark_markdown(&benchmark, &checklist),
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

/// "1 organisation", "2 organisations".
fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("{count} {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// The benchmark as pretty JSON with a final newline.
pub fn benchmark_json(benchmark: &Benchmark) -> String {
    let mut text = serde_json::to_string_pretty(benchmark).unwrap_or_default();
    text.push('\n');
    text
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
    Scored(Arc<Checklist>, Box<Scorecard>),
    Skipped(Report),
    LeftOut(Report),
}

/// Reads, checks and scores one file.
fn evaluate(library: &mut Library, file: &Found) -> Outcome {
    let source = match dei_core::read_source(&file.path) {
        Ok(source) => source,
        Err(problems) => return Outcome::LeftOut(first_problem(&file.path, &problems)),
    };
    match dei_core::file_kind(&source) {
        Ok(FileKind::Answers) | Err(_) => {}
        Ok(kind) => {
            let noun = if kind == FileKind::Tailoring {
                "a tailoring"
            } else {
                "a checklist definition"
            };
            if !file.explicit {
                return Outcome::Skipped(Report::note(format!(
                    "note: skipped `{}`: it is {noun}, not an answers file",
                    file.path.display()
                )));
            }
            let problem = Diagnostic::error(
                Code::UnknownFileKind,
                file.path.display().to_string(),
                format!("this is {noun}, not an answers file"),
            )
            .with_hint("`dei benchmark` reads answers files: give the answers files that use it");
            return Outcome::LeftOut(Report::left_out(problem.render()));
        }
    }
    let (checklist, answers) = match library.answers_from_source(&source, file.path.parent()) {
        Ok(loaded) => loaded,
        Err(problems) => return Outcome::LeftOut(first_problem(&file.path, &problems)),
    };
    // The source holds free text; let it go before scoring, which is all we keep of the file.
    drop(source);
    match score_figures(&checklist, &answers) {
        Ok(scorecard) => Outcome::Scored(checklist, Box::new(scorecard)),
        Err(problems) => Outcome::LeftOut(first_problem(&file.path, &problems)),
    }
}

/// The first error of a file, rendered, with a pointer to the full list.
fn first_problem(path: &Path, problems: &Diagnostics) -> Report {
    let errors: Vec<&Diagnostic> = problems.errors().collect();
    let mut text = match errors.first() {
        Some(problem) => problem.render(),
        None => format!("error: `{}` could not be benchmarked\n", path.display()),
    };
    if errors.len() > 1 {
        let more = errors.len() - 1;
        let _ = writeln!(
            text,
            "note: `{}` has {more} more problem{}: `dei validate {}` lists them all",
            path.display(),
            if more == 1 { "" } else { "s" },
            path.display()
        );
    }
    Report::left_out(text)
}

/// Folds files into forks of `template` on worker threads, each starting from a copy of
/// `library` (so the checklist the leader loaded is not loaded again); returns each worker's
/// builder and reports. `offset` is the index of the first of `files` among all files.
fn fold_in_parallel(
    files: &[Found],
    offset: usize,
    library: &Library,
    template: &BenchmarkBuilder,
    leader: &Path,
    progress: &ProgressBar,
) -> (Vec<BenchmarkBuilder>, Vec<Vec<Report>>) {
    let workers = std::thread::available_parallelism()
        .map_or(2, std::num::NonZeroUsize::get)
        .clamp(1, 16)
        .min(files.len());
    if workers == 0 {
        return (Vec::new(), Vec::new());
    }
    // Workers take the next file from a shared counter, so a slow file never leaves the
    // other cores idle.
    let next = AtomicUsize::new(0);
    let results: Vec<(BenchmarkBuilder, Vec<Report>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                let next = &next;
                scope.spawn(move || {
                    let mut library = library.clone();
                    let mut builder = template.fork();
                    let mut reports = Vec::new();
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(file) = files.get(index) else { break };
                        let order = offset + index;
                        match evaluate(&mut library, file) {
                            Outcome::Scored(_, scorecard) => {
                                if let Err(error) = builder.add(&scorecard) {
                                    builder.leave_out();
                                    reports.push(mismatch(&file.path, &error, leader).at(order));
                                }
                            }
                            Outcome::Skipped(report) => reports.push(report.at(order)),
                            Outcome::LeftOut(report) => {
                                builder.leave_out();
                                reports.push(report.at(order));
                            }
                        }
                        progress.inc(1);
                    }
                    (builder, reports)
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
    });
    results.into_iter().unzip()
}

/// The report for a scorecard that the builder refused: another checklist, as a rule.
fn mismatch(path: &Path, error: &BenchmarkError, leader: &Path) -> Report {
    let problem = Diagnostic::error(
        Code::Incompatible,
        path.display().to_string(),
        error.to_string(),
    )
    .with_hint(format!(
        "the first valid file, `{}`, fixed the checklist; benchmark each checklist (and \
             version) in a run of its own",
        leader.display()
    ));
    Report::left_out(problem.render())
}

fn progress_bar(files: usize) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(files as u64);
    if let Ok(style) =
        ProgressStyle::with_template("benchmark {bar:40} {pos}/{len} files ({elapsed})")
    {
        bar.set_style(style);
    }
    bar
}

/// A library holding the checklist of the first answers file directly in `input` (a file, or
/// a folder's first entry), if that loads; an empty one otherwise. Only a cache is filled:
/// what is reported about that file comes from reading it again in order.
fn library_warmed_by(input: Option<&PathBuf>) -> Library {
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
        let _ = library.answers_from_source(&source, path.parent());
    }
    library
}

/// Expands folders and patterns into files, dropping repeats; reports inputs that find nothing.
fn expand(inputs: &[PathBuf]) -> (Vec<Found>, Vec<Report>) {
    let mut files = Vec::new();
    let mut reports = Vec::new();
    let mut seen = HashSet::new();
    for input in inputs {
        let found = if input.is_dir() {
            let mut found = Vec::new();
            walk(input, &FileIdentity::of(input), &mut found);
            if found.is_empty() {
                reports.push(Report::left_out(nothing_found(
                    input,
                    "the folder holds no answers files (.yaml, .yml or .json)",
                )));
            }
            found
        } else if !input.exists() && is_pattern(input) {
            match glob(input) {
                Ok(found) if found.is_empty() => {
                    reports.push(Report::left_out(nothing_found(
                        input,
                        "no answers file (.yaml, .yml or .json) matches this pattern",
                    )));
                    Vec::new()
                }
                Ok(found) => found,
                Err(message) => {
                    reports.push(Report::left_out(nothing_found(input, &message)));
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
            if seen.insert(file.identity.clone()) {
                files.push(file);
            } else {
                reports.push(Report::note(format!(
                    "note: `{}` is given more than once; it is counted once",
                    file.path.display()
                )));
            }
        }
    }
    (files, reports)
}

fn nothing_found(input: &Path, message: &str) -> String {
    Diagnostic::error(Code::Io, input.display().to_string(), message)
        .with_hint(
            "give answers files, folders that hold them, or patterns such as `answers/*.yaml`",
        )
        .render()
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

/// The answers-like files in one folder whose names match the last part of `pattern`, sorted.
fn glob(pattern: &Path) -> Result<Vec<Found>, String> {
    let name = pattern
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .ok_or_else(|| "a pattern must end in a file name, such as `*.yaml`".to_owned())?;
    let folder = match pattern.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    if is_pattern(folder) {
        return Err(
            "only the last part of a pattern may hold `*` or `?`: give the folder itself to \
             search it and its subfolders"
                .to_owned(),
        );
    }
    let entries = std::fs::read_dir(folder)
        .map_err(|_| format!("cannot read the folder `{}`", folder.display()))?;
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

/// A readable Markdown view of the benchmark for a network coordinator.
pub fn benchmark_markdown(benchmark: &Benchmark, checklist: &Checklist) -> String {
    let language = checklist.default_language();
    let k = benchmark.min_group;
    let hidden = format!("fewer than {k} organisations");
    let number = |value: f64| dei_core::fixed(value, 1);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Network benchmark: {}\n",
        escape(checklist.title.get(language, language))
    );
    let _ = writeln!(
        out,
        "Checklist `{}` version {}. {} included{}.\n",
        benchmark.checklist.id,
        benchmark.checklist.version,
        plural(benchmark.organisations, "organisation"),
        match benchmark.left_out {
            0 => String::new(),
            1 => "; 1 file left out".to_owned(),
            n => format!("; {n} files left out"),
        }
    );
    let _ = writeln!(
        out,
        "To keep every organisation anonymous, a figure is shown only when at least {k} \
         organisations contribute to it. No names, answers, comments or evidence are included.\n"
    );

    let _ = writeln!(out, "## Scores (0-100)\n");
    let _ = writeln!(
        out,
        "Half of the organisations score between the 25th and the 75th percentile.\n"
    );
    let _ = writeln!(
        out,
        "| Area | Organisations | Lowest | 25th percentile | Median | 75th percentile | Highest |"
    );
    let _ = writeln!(out, "| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    let mut row = |title: String, stats: &Stats| match stats {
        Stats::Shown(d) => {
            let _ = writeln!(
                out,
                "| {title} | {} | {} | {} | {} | {} | {} |",
                d.n,
                number(d.min),
                number(d.p25),
                number(d.median),
                number(d.p75),
                number(d.max)
            );
        }
        Stats::Suppressed(_) => {
            let _ = writeln!(out, "| {title} | {hidden} | – | – | – | – | – |");
        }
    };
    row("**Overall**".to_owned(), &benchmark.overall);
    for section in &benchmark.sections {
        let title = checklist
            .sections
            .iter()
            .find(|known| known.id == section.id)
            .map_or_else(
                || section.id.clone(),
                |known| known.title.get(language, language).to_owned(),
            );
        row(escape(&title), &section.stats);
    }

    let _ = writeln!(out, "\n## Maturity levels\n");
    let _ = writeln!(out, "| Level | Organisations |");
    let _ = writeln!(out, "| --- | ---: |");
    let mut any_hidden = false;
    for (id, count) in &benchmark.levels {
        let title = checklist
            .levels
            .iter()
            .find(|level| &level.id == id)
            .map_or_else(
                || id.clone(),
                |level| level.label.get(language, language).to_owned(),
            );
        let cell = match count {
            Count::Shown(count) => count.to_string(),
            Count::Suppressed(_) => {
                any_hidden = true;
                "not shown".to_owned()
            }
        };
        let _ = writeln!(out, "| {} | {cell} |", escape(&title));
    }
    if any_hidden {
        let _ = writeln!(
            out,
            "\nA level count is not shown when fewer than {k} organisations reached the level, \
             or when it would let such a count be worked out from the total."
        );
    }

    let _ = writeln!(out, "\n## DEI-washing flags\n");
    if benchmark.rules.is_empty() {
        let _ = writeln!(out, "The checklist has no DEI-washing rules.");
    } else {
        let _ = writeln!(out, "| Flag | Share of organisations |");
        let _ = writeln!(out, "| --- | ---: |");
        for rule in &benchmark.rules {
            let title = checklist
                .rules
                .iter()
                .find(|known| known.id == rule.rule)
                .map_or_else(
                    || rule.rule.clone(),
                    |known| known.title.get(language, language).to_owned(),
                );
            let cell = match rule.share {
                Share::Shown(share) => format!("{}%", dei_core::fixed(share * 100.0, 1)),
                Share::Suppressed(_) => hidden.clone(),
            };
            let _ = writeln!(out, "| {} | {cell} |", escape(&title));
        }
    }
    out
}

/// Escapes text from a checklist so it cannot change the structure of the Markdown.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '!' | '&' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
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
