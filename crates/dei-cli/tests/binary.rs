//! The `dei` binary starts and reports its version.
//!
//! This file also has a second job: a package's binary is built by `cargo test` only when the
//! package has an integration test, and the end-to-end tests in `tests/` run that binary.

use std::process::Command;

#[test]
fn reports_its_version() {
    let output = Command::new(env!("CARGO_BIN_EXE_dei"))
        .arg("--version")
        .output()
        .expect("dei runs");
    assert!(output.status.success());
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        format!("dei {}\n", env!("CARGO_PKG_VERSION"))
    );
}
