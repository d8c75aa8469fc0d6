//! Helpers shared by the tests: checklists and answers files from the repository.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use dei_core::{Checklist, Library};

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A checklist by built-in id or repository path.
pub fn checklist(reference: &str) -> Arc<Checklist> {
    let mut library = Library::with_resolver(dei_core::fs::FsResolver);
    let reference = if reference.contains('/') {
        root().join(reference).to_string_lossy().into_owned()
    } else {
        reference.to_owned()
    };
    library
        .checklist(&reference, None)
        .expect("checklist loads")
}

/// The checklists whose forms are checked: both built-ins and the samples' tailoring.
pub const FORMS: &[&str] = &[
    "ngo-dei",
    "dei-washing-selfcheck",
    "checklists/samples/de-brug-tailoring.yaml",
];
