//! Shared helpers of the end-to-end tests of the `dei` binary: where the repository and this
//! crate are. Each test file names the binary itself with `env!("CARGO_BIN_EXE_dei")`: cargo
//! builds it before any integration test of this package runs.

use std::path::{Path, PathBuf};

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
