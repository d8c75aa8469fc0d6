//! `dei-workload`: writes a synthetic checklist and answers files into a folder, or times the
//! parse-only baseline over existing files (see BENCHMARKS.md).

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand, ValueEnum};
use dei_core::{Checklist, Source};
use dei_workload::{Format, Shape, answers_text, checklist_yaml, format_of, parse_only};

/// The allocator of the `dei` binary, so that the parse-only baseline and `dei benchmark` are
/// measured on equal terms.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Write a deterministic workload for dei's benchmarks: `DIR/checklist.yaml` (synthetic
/// checklists only) and `DIR/answers/org-NNNNN.yaml|json`.
#[derive(Debug, Parser)]
#[command(name = "dei-workload", args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// The folder to write into (created when missing).
    #[arg(long, short)]
    out: Option<PathBuf>,
    /// The seed: the same seed and sizes always give the same bytes.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Sections of the synthetic checklist.
    #[arg(long, default_value_t = 20)]
    sections: usize,
    /// Items per section of the synthetic checklist.
    #[arg(long, default_value_t = 50)]
    items: usize,
    /// Rules of the synthetic checklist.
    #[arg(long, default_value_t = 50)]
    rules: usize,
    /// How many answers files (one organisation each).
    #[arg(long, default_value_t = 100)]
    orgs: usize,
    /// The format of the answers files.
    #[arg(long, value_enum, default_value_t = FormatArg::Yaml)]
    format: FormatArg,
    /// Write answers for this built-in checklist (such as `ngo-dei`) instead of a synthetic one.
    #[arg(long)]
    builtin: Option<String>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Parse files into generic values without validation or scoring (the baseline), and
    /// print how long it took.
    Parse {
        /// Worker threads.
        #[arg(long, default_value_t = 2)]
        threads: usize,
        /// Answers files, or folders holding them (searched recursively).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum FormatArg {
    Yaml,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Some(Command::Parse { threads, paths }) => parse_command(*threads, paths),
        None => generate(&cli),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn generate(cli: &Cli) -> Result<(), String> {
    let out = cli
        .out
        .as_deref()
        .ok_or("give the folder to write into with --out DIR")?;
    let format = match cli.format {
        FormatArg::Yaml => Format::Yaml,
        FormatArg::Json => Format::Json,
    };
    let answers_folder = out.join("answers");
    std::fs::create_dir_all(&answers_folder)
        .map_err(|error| format!("cannot create `{}`: {error}", answers_folder.display()))?;
    let (checklist, reference) = if let Some(id) = &cli.builtin {
        let text = dei_core::library::builtin_text(id)
            .ok_or_else(|| format!("there is no built-in checklist `{id}`"))?;
        (load(&Source::new(id.clone(), text))?, id.clone())
    } else {
        let shape = Shape {
            sections: cli.sections,
            items: cli.items,
            rules: cli.rules,
        };
        let text = checklist_yaml(cli.seed, shape);
        let path = out.join("checklist.yaml");
        write(&path, &text)?;
        (
            load(&Source::new(path.display().to_string(), text))?,
            "../checklist.yaml".to_owned(),
        )
    };
    let mut bytes = 0;
    for organisation in 0..cli.orgs {
        let text = answers_text(&checklist, &reference, cli.seed, organisation, format);
        bytes += text.len();
        let name = format!("org-{organisation:05}.{}", format.extension());
        write(&answers_folder.join(name), &text)?;
    }
    println!(
        "wrote {} answers files ({:.1} MB) for `{}` ({} items, {} rules) into {}",
        cli.orgs,
        bytes as f64 / 1e6,
        checklist.id(),
        checklist.items().len(),
        checklist.rules().len(),
        answers_folder.display()
    );
    Ok(())
}

fn load(source: &Source) -> Result<Checklist, String> {
    Checklist::from_source(source).map_err(|problems| {
        problems
            .0
            .iter()
            .map(|problem| problem.message.clone())
            .collect::<Vec<_>>()
            .join("\n")
    })
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text)
        .map_err(|error| format!("cannot write `{}`: {error}", path.display()))
}

fn parse_command(threads: usize, paths: &[PathBuf]) -> Result<(), String> {
    let mut files = Vec::new();
    for path in paths {
        collect(path, &mut files)?;
    }
    files.sort();
    let threads = threads.max(1);
    let started = Instant::now();
    // Each worker reads and parses every `threads`-th file and drops it at once, as a batch
    // command would: memory stays flat whatever the number of files.
    let results: Vec<Result<(usize, usize), String>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|worker| {
                let files = &files;
                scope.spawn(move || {
                    let (mut bytes, mut invalid) = (0, 0);
                    for path in files.iter().skip(worker).step_by(threads) {
                        let text = std::fs::read_to_string(path).map_err(|error| {
                            format!("cannot read `{}`: {error}", path.display())
                        })?;
                        bytes += text.len();
                        if parse_only(&text, format_of(path)).is_err() {
                            invalid += 1;
                        }
                    }
                    Ok((bytes, invalid))
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|worker| {
                worker
                    .join()
                    .unwrap_or_else(|_| Err("a worker failed".to_owned()))
            })
            .collect()
    });
    let (mut bytes, mut invalid) = (0, 0);
    for result in results {
        let (b, i) = result?;
        bytes += b;
        invalid += i;
    }
    println!(
        "parsed {} files ({:.1} MB, {invalid} unreadable) in {:.3} s on {threads} threads",
        files.len(),
        bytes as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn collect(path: &Path, files: &mut Vec<PathBuf>) -> Result<(), String> {
    if path.is_dir() {
        let entries = std::fs::read_dir(path)
            .map_err(|error| format!("cannot read `{}`: {error}", path.display()))?;
        for entry in entries {
            let entry =
                entry.map_err(|error| format!("cannot read `{}`: {error}", path.display()))?;
            let child = entry.path();
            let wanted = child.is_dir()
                || child
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| matches!(e, "yaml" | "yml" | "json"));
            if wanted {
                collect(&child, files)?;
            }
        }
    } else {
        files.push(path.to_path_buf());
    }
    Ok(())
}
