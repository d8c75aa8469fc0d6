//! Shared helpers of the end-to-end tests in `tests/tests/`: where the `dei` binary and the
//! repository are.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The repository root: tests run `dei` there, so paths in the output are short and stable.
pub fn repository_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from(".."), Path::to_path_buf)
}

/// The `dei` binary of this build (`target/<profile>/dei`), built once on first use.
///
/// This package cannot name another package's binary. `cargo test --workspace` builds it
/// already (see `crates/dei-cli/tests/binary.rs`); asking cargo again makes a narrow
/// `cargo test -p dei-tests` work too, and costs nothing when the binary is current.
///
/// # Panics
///
/// When the test does not run from `target/<profile>/deps` or the build fails: the tests
/// cannot run without the binary.
pub fn dei_binary() -> &'static Path {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY.get_or_init(|| {
        let exe = std::env::current_exe().expect("the test knows where it runs");
        // target/<profile>/deps/<test>-<hash> → target/<profile>
        let profile_dir = exe
            .parent()
            .and_then(Path::parent)
            .expect("tests run from target/<profile>/deps")
            .to_path_buf();
        let mut build = Command::new(env!("CARGO"));
        build
            .current_dir(repository_root())
            .args(["build", "--quiet", "-p", "dei-cli", "--bin", "dei"]);
        if profile_dir
            .file_name()
            .is_some_and(|name| name == "release")
        {
            build.arg("--release");
        }
        let status = build.status().expect("cargo runs");
        assert!(status.success(), "building dei failed");
        profile_dir.join(format!("dei{}", std::env::consts::EXE_SUFFIX))
    })
}
