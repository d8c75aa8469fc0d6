//! The library over a resolver: files held in memory load like files on disk, with no file
//! system, and the resolver is asked once per distinct reference and folder (the batch cache).

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use dei_core::library::{FileKind, Loaded};
use dei_core::resolve::{Resolved, Unresolved};
use dei_core::{Code, Diagnostics, Library, MemoryResolver, Resolve, Source, score};

const SMALL: &str = include_str!("fixtures/checklists/ok_small.yaml");

const TAILORING: &str = "\
tailors: base.yaml
id: example-foundation
version: 1.1.0
exclude: [people]
";

fn answers_on(checklist: &str) -> String {
    format!(
        "checklist: {checklist}\n\
         organisation: {{name: Example Foundation, staff: 60}}\n\
         period: 2025\n\
         answers:\n  strategy.written_strategy: {{value: \"yes\", evidence: [Strategy]}}\n  \
         strategy.budget: \"yes\"\n"
    )
}

fn files() -> MemoryResolver {
    MemoryResolver::new()
        .with_file("lists/base.yaml", SMALL)
        .with_file("lists/team.yaml", TAILORING)
        .with_file("answers/org.yaml", answers_on("../lists/team.yaml"))
        .with_file("answers/plain.yaml", answers_on("../lists/base.yaml"))
}

/// The references asked for: the reference and the folder it was relative to.
type Asked = Arc<Mutex<Vec<(String, Option<String>)>>>;

/// A resolver that records the references it is asked for, by reference and folder; its
/// clones share the record.
#[derive(Clone)]
struct Counting {
    inner: MemoryResolver,
    resolved: Asked,
    read: Arc<AtomicUsize>,
}

impl Counting {
    fn new(inner: MemoryResolver) -> Self {
        Self {
            inner,
            resolved: Arc::default(),
            read: Arc::default(),
        }
    }

    fn resolved(&self) -> Vec<(String, Option<String>)> {
        self.resolved.lock().expect("not poisoned").clone()
    }
}

impl Resolve for Counting {
    fn read(&self, path: &Path) -> Result<Source, Diagnostics> {
        self.read.fetch_add(1, Ordering::Relaxed);
        self.inner.read(path)
    }

    fn resolve(&self, reference: &str, folder: Option<&Path>) -> Result<Resolved, Unresolved> {
        self.resolved.lock().expect("not poisoned").push((
            reference.to_owned(),
            folder.map(|folder| folder.display().to_string()),
        ));
        self.inner.resolve(reference, folder)
    }
}

#[test]
fn a_tailoring_of_a_file_in_memory_loads_and_scores() {
    let mut library = Library::with_resolver(files());
    let Loaded::Checklist(kind, checklist) = library
        .load_file(Path::new("lists/team.yaml"))
        .expect("the tailoring loads")
    else {
        panic!("a tailoring is a checklist");
    };
    assert_eq!(kind, FileKind::Tailoring);
    assert_eq!(checklist.id(), "example-foundation");
    assert_eq!(
        checklist.base().as_ref().map(|base| base.id.as_str()),
        Some("small")
    );
    assert!(
        checklist
            .sections()
            .iter()
            .all(|section| section.id != "people")
    );

    let (on, answers) = library
        .answers(Path::new("answers/org.yaml"))
        .expect("the answers load");
    assert_eq!(on.id(), "example-foundation");
    let scorecard = score(&on, &answers).expect("the answers score");
    assert_eq!(scorecard.organisation, "Example Foundation");
}

#[test]
fn answers_given_as_text_find_their_checklist_in_memory() {
    let mut library = Library::with_resolver(files());
    let source = Source::new("answers/new.yaml", answers_on("../lists/base.yaml"));
    let (checklist, _) = library
        .answers_from_source(&source, Some(Path::new("answers")))
        .expect("the checklist is found relative to the answers' folder");
    assert_eq!(checklist.id(), "small");
}

#[test]
fn a_reference_to_a_missing_file_in_memory_names_the_answers_file() {
    let mut library = Library::with_resolver(files());
    let source = Source::new("answers/lost.yaml", answers_on("../lists/gone.yaml"));
    let problems = library
        .answers_from_source(&source, Some(Path::new("answers")))
        .expect_err("there is no such file");
    let problem = problems.errors().next().expect("one error");
    assert_eq!(problem.code, Code::UnknownChecklist);
    assert_eq!(problem.file, "answers/lost.yaml");
    assert_eq!(problem.line, Some(1));
}

#[test]
fn a_cycle_of_tailorings_in_memory_is_refused() {
    let resolver = MemoryResolver::new()
        .with_file("a.yaml", "tailors: b.yaml\nid: a\n")
        .with_file("b.yaml", "tailors: ./a.yaml\nid: b\n");
    let Err(problems) = Library::with_resolver(resolver).load_file(Path::new("a.yaml")) else {
        panic!("a cycle must not load");
    };
    assert!(
        problems
            .errors()
            .any(|problem| problem.code == Code::ChecklistCycle),
        "{problems}"
    );
}

#[test]
fn a_library_without_a_resolver_reads_no_file() {
    let mut library = Library::new();
    assert!(library.checklist("ngo-dei", None).is_ok());
    let Err(problems) = library.load_file(Path::new("Cargo.toml")) else {
        panic!("no file is read");
    };
    assert_eq!(
        problems.errors().next().map(|problem| problem.code),
        Some(Code::Io)
    );
    let source = Source::new("org.yaml", answers_on("base.yaml"));
    let problems = library
        .answers_from_source(&source, None)
        .expect_err("no file is read");
    assert_eq!(
        problems.errors().next().map(|problem| problem.code),
        Some(Code::UnknownChecklist)
    );
}

/// `dei benchmark` over thousands of files relies on this: a reference already resolved from
/// one folder is answered from the library, with no question to the resolver (on disk: no
/// canonicalisation, no read).
#[test]
fn the_resolver_is_asked_once_per_reference_and_folder() {
    let resolver = Counting::new(files());
    let mut library = Library::with_resolver(resolver.clone());
    for index in 0..50 {
        let source = Source::new(
            format!("answers/org-{index}.yaml"),
            answers_on("../lists/team.yaml"),
        );
        library
            .answers_from_source(&source, Some(Path::new("answers")))
            .expect("the answers load");
    }
    assert_eq!(
        resolver.resolved(),
        [
            ("../lists/team.yaml".to_owned(), Some("answers".to_owned())),
            ("base.yaml".to_owned(), Some("lists".to_owned())),
        ]
    );

    // Another spelling of the same file, from another folder: asked once more, and the
    // resolver's key makes it the checklist already checked.
    let first = library
        .checklist("../lists/team.yaml", Some(Path::new("answers")))
        .expect("cached");
    let again = library
        .checklist("lists/./team.yaml", None)
        .expect("the same file");
    assert!(Arc::ptr_eq(&first, &again));
    assert_eq!(resolver.resolved().len(), 3);
    assert_eq!(resolver.read.load(Ordering::Relaxed), 0);
}
