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
    List {
        /// Language of the titles, en or nl (default: each checklist's default language).
        #[arg(long, value_parser = ["en", "nl"])]
        lang: Option<String>,
    },
    /// Check checklists, tailorings or answers files and list every problem.
    Validate {
        /// Files to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Language of the messages, en or nl (default: the language of the first file's
        /// checklist, else English).
        #[arg(long, value_parser = ["en", "nl"])]
        lang: Option<String>,
    },
    /// Write a blank answers file: every question as a comment, options listed, ready to fill in.
    Init {
        /// A built-in checklist id or a path to a checklist or tailoring.
        checklist: String,
        /// Where to write the answers file (default: standard output).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Language of the questions in the comments and of the messages.
        #[arg(long)]
        lang: Option<String>,
        /// Replace the output file if it exists.
        #[arg(long, requires = "output")]
        force: bool,
        /// Write one respondent's template instead: only the items the checklist marks for
        /// respondents, and `respondent: {group: GROUP}` (a group id such as `staff`, no name).
        #[arg(long, value_name = "GROUP")]
        respondent: Option<String>,
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
        /// Language of the summary and the messages, en or nl (default: the checklist's
        /// default language).
        #[arg(long, value_parser = ["en", "nl"])]
        lang: Option<String>,
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
        /// Respondents' answers files of the same organisation and period, to set beside the
        /// organisation's answers: medians per group, perception gaps, conversation starters.
        #[arg(long, num_args = 1.., value_name = "FILES")]
        respondents: Vec<PathBuf>,
        /// The smallest group of respondents shown (default 5, at least 3); smaller groups are
        /// merged into "all respondents" when that reaches it, else left out.
        #[arg(long, value_name = "K", requires = "respondents",
              default_value_t = dei_core::respondents::DEFAULT_MIN_GROUP,
              value_parser = crate::combine::parse_min_group)]
        min_group: usize,
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
        /// Language of the Markdown and the messages, en or nl (default: the checklist's
        /// default language).
        #[arg(long, value_parser = ["en", "nl"])]
        lang: Option<String>,
        /// Where to write (default: standard output).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Benchmark a network: one contribution per organisation, anonymous distributions only.
    Benchmark {
        /// Answers files, folders (searched recursively) or patterns such as `answers/*.yaml`.
        #[arg(required = true, value_name = "ANSWERS")]
        answers: Vec<PathBuf>,
        /// Take each organisation's answers for this period (default: each one's latest).
        #[arg(long, value_name = "P")]
        period: Option<String>,
        /// The smallest group of organisations a figure may describe (at least 5).
        #[arg(long, value_name = "K", default_value_t = dei_core::benchmark::DEFAULT_MIN_GROUP,
              value_parser = crate::benchmark::parse_min_group)]
        min_group: usize,
        /// json (for other tools) or md (a readable table for a network coordinator).
        #[arg(long, value_enum, default_value_t = BenchmarkFormat::Json)]
        format: BenchmarkFormat,
        /// Language of the Markdown and the messages, en or nl (default: the checklist's
        /// default language).
        #[arg(long, value_parser = ["en", "nl"])]
        lang: Option<String>,
        /// Where to write the benchmark (default: standard output).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Combine respondents' answers files into a draft organisation answers file.
    Combine {
        /// Respondents' answers files of one organisation, period and checklist.
        #[arg(required = true, value_name = "FILES")]
        files: Vec<PathBuf>,
        /// Where to write the draft (default: standard output); never one of the inputs.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Language of the messages, en or nl (default: the checklist's default language).
        #[arg(long, value_parser = ["en", "nl"])]
        lang: Option<String>,
    },
    /// Write an XLSForm of a checklist, for KoboToolbox and ODK.
    Xlsform {
        /// A built-in checklist id or a path to a checklist or tailoring.
        checklist: String,
        /// Where to write the XLSForm (.xlsx).
        #[arg(short, long)]
        output: PathBuf,
        /// A language of the form (repeat for more; default: every language of the checklist).
        #[arg(long)]
        lang: Vec<String>,
    },
    /// Turn a KoboToolbox or ODK Central export of the XLSForm into answers files.
    Import {
        /// The export: CSV (`;` or `,`), XLSX or JSON.
        submissions: PathBuf,
        /// The checklist the form was made from (a built-in id or a path).
        #[arg(long)]
        checklist: String,
        /// The folder for the answers files (created if missing; files are never overwritten).
        #[arg(short, long)]
        output: PathBuf,
        /// Language of the messages, en or nl (default: the checklist's default language).
        #[arg(long, value_parser = ["en", "nl"])]
        lang: Option<String>,
    },
    /// Scorecards as tables for spreadsheets: CSV or XLSX.
    Export {
        /// Answers files.
        #[arg(required = true, value_name = "FILES")]
        files: Vec<PathBuf>,
        /// csv (one table) or xlsx (a sheet per table and a chart of section scores).
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// long (one row per item) or wide (one row per organisation and period); CSV only,
        /// XLSX holds both.
        #[arg(long, value_enum, default_value_t = ExportShape::Long)]
        shape: ExportShape,
        /// Where to write (default: standard output).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Language of the messages, en or nl (default: the language of the first file's
        /// checklist).
        #[arg(long, value_parser = ["en", "nl"])]
        lang: Option<String>,
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

/// Output formats of `dei export`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Comma-separated values (RFC 4180, UTF-8).
    Csv,
    /// An Excel workbook.
    Xlsx,
}

/// Table shapes of `dei export`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportShape {
    /// One row per organisation, period and item.
    Long,
    /// One row per organisation and period.
    Wide,
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
