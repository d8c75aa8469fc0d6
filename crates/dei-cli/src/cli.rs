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
    },
    /// Score an answers file: the scorecard.
    Score {
        /// The answers file.
        answers: PathBuf,
        /// text (a short summary) or json (the full scorecard).
        #[arg(long, value_enum, default_value_t = ScoreFormat::Text)]
        format: ScoreFormat,
    },
    /// Print the JSON Schema of a file kind.
    Schema {
        /// Which schema.
        #[arg(value_enum)]
        kind: SchemaKind,
    },
}

/// Output formats of `dei score`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ScoreFormat {
    /// A short human summary.
    Text,
    /// The scorecard as JSON.
    Json,
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
