//! Shared helpers of the end-to-end tests of the `dei` binary: where the repository and this
//! crate are. Each test file names the binary itself with `env!("CARGO_BIN_EXE_dei")`: cargo
//! builds it before any integration test of this package runs.

// Each test file uses the helpers it needs; the others are unused there.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// This crate's folder (`crates/dei-cli`): tests that snapshot paths run `dei` here, so the
/// fixtures print as `tests/fixtures/…` on every machine.
pub fn crate_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The repository root, for the samples and schemas under `checklists/`.
pub fn repository_root() -> PathBuf {
    crate_dir()
        .ancestors()
        .nth(2)
        .expect("the crate lives in crates/dei-cli")
        .to_path_buf()
}

/// What a run of `dei` gave: its exit code and its output as text.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `dei ARGS` in `dir`, without colours.
pub fn dei(dir: &Path, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_dei"))
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("dei runs");
    Run {
        code: output.status.code().expect("dei exits with a code"),
        stdout: String::from_utf8(output.stdout).expect("UTF-8 stdout"),
        stderr: String::from_utf8(output.stderr).expect("UTF-8 stderr"),
    }
}

/// Runs `dei init ngo-dei --from PREVIOUS -o OUTPUT`: next period's answers file from this one.
pub fn init_from(previous: &Path, output: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_dei"))
        .args(["init", "ngo-dei", "--from"])
        .arg(previous)
        .arg("-o")
        .arg(output)
        .output()
        .expect("dei runs")
}
