//! `dei`: the command line of the DEI self-assessment engine.
//!
//! The only crate that prints or exits. Every command returns `Result<ExitCode, Failure>`;
//! `main` prints what failed and maps it to the documented exit codes (SPEC section 10).

mod benchmark;
mod cli;
mod combine;
mod commands;
mod cores;
mod discover;
mod forms;
mod init;
mod output;
mod report;
mod watchdog;
mod words;

use std::process::ExitCode;

/// mimalloc rather than the system allocator: scoring and parsing allocate many small values
/// per file, and with glibc's allocator that was a fifth of a batch's time (BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::Parser as _;

fn main() -> ExitCode {
    // Problems with the arguments are said in `--lang` (or the environment's language), and
    // so are the messages of dei's own value parsers, which run during parsing.
    let arguments: Vec<std::ffi::OsString> = std::env::args_os().collect();
    words::choose_for_arguments(&arguments);
    let args = match cli::Cli::try_parse_from(&arguments) {
        Ok(args) => args,
        Err(error) => {
            let Some(dutch) = words::argument_error(&error) else {
                error.exit()
            };
            eprint!("{}", dei_core::visible::visible_lines(&dutch));
            return ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2));
        }
    };
    output::clean_up_on_signal();
    match commands::run(args) {
        Ok(code) => code,
        Err(failure) => failure.report(),
    }
}
