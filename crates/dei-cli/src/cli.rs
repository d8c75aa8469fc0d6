//! The command-line interface: every command, argument and option (SPEC section 10).

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Self-assess diversity, equity and inclusion (DEI) practice against a checklist.
#[derive(Debug, Parser)]
#[command(name = "dei", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the built-in checklists (id, version, title, number of items).
    List,
    /// Check checklists, tailorings or answers files and list every problem.
    Validate {
        /// Files to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Write a blank answers file: every question as a comment, options listed, ready to fill in.
    Init {
        /// A built-in checklist id or a path to a checklist or tailoring.
        checklist: String,
        /// Where to write the answers file (default: standard output).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Language of the questions in the comments.
        #[arg(long)]
        lang: Option<String>,
        /// Replace the output file if it exists.
        #[arg(long, requires = "output")]
        force: bool,
        /// Pre-fill with a previous period's answers and evidence (period and assessed_by left empty).
        #[arg(long, value_name = "PREVIOUS")]
        from: Option<PathBuf>,
    },
    /// Score an answers file: the scorecard.
    Score {
        /// The answers file.
        answers: PathBuf,
        /// text (a short summary) or json (the full scorecard).
        #[arg(long, value_enum, default_value_t = ScoreFormat::Text)]
        format: ScoreFormat,
    },
    /// Write the report of an answers file: Markdown, one self-contained HTML page, or JSON.
    Report {
        /// The answers file of the period to report on.
        answers: PathBuf,
        /// An answers file of an earlier period, for the progress section (repeat for more).
        #[arg(long, value_name = "ANSWERS")]
        previous: Vec<PathBuf>,
        /// A network benchmark (the JSON of `dei benchmark`), for the benchmark position.
        #[arg(long, value_name = "FILE")]
        benchmark: Option<PathBuf>,
        /// md (Markdown), html (one self-contained page) or json (the scorecard, for other tools).
        #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
        format: ReportFormat,
        /// Language of the report, en or nl (default: the checklist's default language).
        #[arg(long, value_parser = ["en", "nl"])]
        lang: Option<String>,
        /// A folder with your own templates, named like those in reports/templates/.
        #[arg(long, value_name = "DIR")]
        template: Option<PathBuf>,
        /// Where to write the report (default: standard output).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Progress across periods: what changed between answers files of one organisation.
    Compare {
        /// Two or more answers files on the same checklist, in any order (sorted by period).
        #[arg(required = true, num_args = 2.., value_name = "ANSWERS")]
        answers: Vec<PathBuf>,
        /// md (Markdown) or json (for other tools).
        #[arg(long, value_enum, default_value_t = CompareFormat::Md)]
        format: CompareFormat,
        /// Language of the Markdown, en or nl (default: the checklist's default language).
        #[arg(long, value_parser = ["en", "nl"])]
        lang: Option<String>,
        /// Where to write (default: standard output).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Benchmark a network: score distributions over many answers files, small groups hidden.
    Benchmark {
        /// Answers files, folders (searched recursively) or patterns such as `answers/*.yaml`.
        #[arg(required = true, value_name = "ANSWERS")]
        answers: Vec<PathBuf>,
        /// The smallest group of organisations a figure may describe (at least 3).
        #[arg(long, value_name = "K", default_value_t = dei_core::benchmark::DEFAULT_MIN_GROUP,
              value_parser = crate::benchmark::parse_min_group)]
        min_group: usize,
        /// json (for other tools) or md (a readable table for a network coordinator).
        #[arg(long, value_enum, default_value_t = BenchmarkFormat::Json)]
        format: BenchmarkFormat,
        /// Where to write the benchmark (default: standard output).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// The local web application: fill in, check and read assessments in the browser.
    Serve {
        /// The folder of answers files (default: the current folder).
        #[arg(default_value = ".")]
        folder: PathBuf,
        /// The port on 127.0.0.1 (default: a free one).
        #[arg(long)]
        port: Option<u16>,
        /// Language of the pages, en or nl (default: each checklist's default language).
        #[arg(long, value_parser = ["en", "nl"])]
        lang: Option<String>,
    },
    /// Print the JSON Schema of a file kind.
    Schema {
        /// Which schema.
        #[arg(value_enum)]
        kind: SchemaKind,
    },
}

/// Output formats of `dei report`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Markdown.
    Md,
    /// One self-contained HTML page.
    Html,
    /// The scorecard as JSON, with progress and benchmark position when given.
    Json,
}

/// Output formats of `dei compare`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CompareFormat {
    /// Markdown.
    Md,
    /// The progress as JSON.
    Json,
}

/// Output formats of `dei score`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ScoreFormat {
    /// A short human summary.
    Text,
    /// The scorecard as JSON.
    Json,
}

/// Output formats of `dei benchmark`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum BenchmarkFormat {
    /// The benchmark as JSON.
    Json,
    /// Markdown tables for a network coordinator.
    Md,
}

/// The file kinds with a JSON Schema.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    /// Checklist definitions.
    Checklist,
    /// Tailorings.
    Tailoring,
    /// Answers files.
    Answers,
    /// Scorecards (`dei score --format json`).
    Scorecard,
    /// Network benchmarks (`dei benchmark`).
    Benchmark,
}

impl SchemaKind {
    /// The kind's name, as `dei_core::schema` knows it.
    pub fn name(self) -> &'static str {
        match self {
            SchemaKind::Checklist => "checklist",
            SchemaKind::Tailoring => "tailoring",
            SchemaKind::Answers => "answers",
            SchemaKind::Scorecard => "scorecard",
            SchemaKind::Benchmark => "benchmark",
        }
    }
}
