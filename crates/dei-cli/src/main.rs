//! `dei`: the command line of the DEI self-assessment engine.
//!
//! The only crate that prints or exits. Every command returns `Result<ExitCode, Failure>`;
//! `main` prints what failed and maps it to the documented exit codes (SPEC section 10).

mod benchmark;
mod cli;
mod commands;
mod init;
mod output;
mod report;

use std::process::ExitCode;

use clap::Parser as _;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match commands::run(args) {
        Ok(code) => code,
        Err(failure) => failure.report(),
    }
}
