//! Hostile and careless use of files, end to end through the real `dei` binary (issue 12):
//!
//! - `-o` never writes over any file the command read (answers, checklist, tailoring and its
//!   base, template, benchmark), by any path, symbolic link or hard link;
//! - devices and pipes given to `-o` are written through, never replaced; `/dev/full` fails;
//!   a new output follows the umask, an existing one keeps its mode, a symbolic link's target
//!   is written;
//! - referenced files must be regular files: a FIFO, `/dev/stdin` or `/proc` file is refused
//!   without waiting on it, also inside a benchmark;
//! - diagnostics never quote a line of a file that is not one of dei's own.

#![cfg(unix)]

mod common;

use std::fmt::Write as _;
use std::os::unix::fs::{FileTypeExt as _, PermissionsExt as _};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn dei(folder: &Path, args: &[&str]) -> Output {
    run(Command::new(env!("CARGO_BIN_EXE_dei"))
        .args(args)
        .current_dir(folder))
}

/// Runs a command with no standard input, killing it after ten minutes: a command that would
/// wait forever (on a FIFO) fails the test instead of hanging it. Not a timing assertion: the
/// longest command here (10,000 diagnostics) takes seconds. Its output is read while it runs
/// (`wait_with_output`), so a command that writes more than a pipe holds is never blocked.
fn run(command: &mut Command) -> Output {
    let child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dei runs");
    let pid = child.id().to_string();
    let (finished, done) = std::sync::mpsc::channel();
    let waiter = std::thread::spawn(move || {
        let output = child.wait_with_output();
        let _ = finished.send(());
        output
    });
    if done.recv_timeout(Duration::from_secs(600)).is_err() {
        let _ = Command::new("kill").args(["-KILL", &pid]).status();
        panic!("dei hung: {command:?}");
    }
    waiter
        .join()
        .expect("the waiting thread ends")
        .expect("the output is read")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const CHECKLIST: &str = "id: mini\nversion: 1.0.0\ntitle: Mini\nlanguages: [en]\nlevels:\n  - {id: start, min: 0, label: Start}\nsections:\n  - id: s\n    title: S\n    items:\n      - {id: a, question: A?, type: choice, options: [{id: \"yes\", label: \"Yes\", score: 1}, {id: \"no\", label: \"No\", score: 0}]}\n";

/// A folder with a checklist, a tailoring of it, answers on the tailoring, a template folder,
/// a benchmark and a second answers file.
fn workspace() -> tempfile::TempDir {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let write = |name: &str, content: &str| {
        std::fs::write(folder.path().join(name), content).expect("written");
    };
    write("checklist.yaml", CHECKLIST);
    write(
        "tailoring.yaml",
        "tailors: checklist.yaml\nid: mini-t\nversion: 1.0.0\n",
    );
    let answers = |period: &str| {
        format!(
            "checklist: tailoring.yaml\norganisation: {{name: Files Foundation}}\nperiod: {period}\nanswers:\n  s.a: \"yes\"\n"
        )
    };
    write("answers.yaml", &answers("2025"));
    write("previous.yaml", &answers("2024"));
    write("third.yaml", &answers("2023"));
    // Answers on the tailoring join its base in a benchmark: one file on the base names it.
    write(
        "base.yaml",
        "checklist: checklist.yaml\norganisation: {name: Base Foundation}\nperiod: 2025\nanswers:\n  s.a: \"no\"\n",
    );
    std::fs::create_dir(folder.path().join("templates")).expect("a folder");
    for (name, text) in dei_report::TEMPLATES {
        write(&format!("templates/{name}"), text);
    }
    let benchmark = dei(
        folder.path(),
        &[
            "benchmark",
            "base.yaml",
            "answers.yaml",
            "previous.yaml",
            "third.yaml",
        ],
    );
    assert!(benchmark.status.success(), "{}", text(&benchmark.stderr));
    std::fs::write(folder.path().join("benchmark.json"), &benchmark.stdout).expect("written");
    folder
}

fn contents(folder: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for entry in walk(folder) {
        let bytes = std::fs::read(&entry).unwrap_or_default();
        files.push((entry.display().to_string(), bytes));
    }
    files.sort();
    files
}

fn walk(folder: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(folder).expect("readable").flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn no_file_a_command_read_is_ever_written_by_any_name() {
    let folder = workspace();
    let root = folder.path();
    std::os::unix::fs::symlink("checklist.yaml", root.join("link-to-checklist.yaml"))
        .expect("a link");
    std::fs::hard_link(
        root.join("tailoring.yaml"),
        root.join("hard-tailoring.yaml"),
    )
    .expect("a link");
    std::fs::hard_link(
        root.join("templates/report.md.j2"),
        root.join("hard-template"),
    )
    .expect("a link");
    let before = contents(root);
    let report = [
        "report",
        "answers.yaml",
        "--previous",
        "previous.yaml",
        "--benchmark",
        "benchmark.json",
        "--template",
        "templates",
        "-o",
    ];
    let attempts: Vec<Vec<&str>> = vec![
        [&report[..], &["checklist.yaml"]].concat(),
        [&report[..], &["link-to-checklist.yaml"]].concat(),
        [&report[..], &["./sub/../checklist.yaml"]].concat(),
        [&report[..], &["hard-tailoring.yaml"]].concat(),
        [&report[..], &["templates/report.md.j2"]].concat(),
        [&report[..], &["hard-template"]].concat(),
        [&report[..], &["benchmark.json"]].concat(),
        vec![
            "compare",
            "answers.yaml",
            "previous.yaml",
            "-o",
            "checklist.yaml",
        ],
        vec![
            "compare",
            "answers.yaml",
            "previous.yaml",
            "-o",
            "hard-tailoring.yaml",
        ],
        vec![
            "benchmark",
            "base.yaml",
            "answers.yaml",
            "previous.yaml",
            "-o",
            "link-to-checklist.yaml",
        ],
        vec![
            "benchmark",
            "base.yaml",
            "answers.yaml",
            "previous.yaml",
            "-o",
            "hard-tailoring.yaml",
        ],
        vec!["init", "tailoring.yaml", "-o", "checklist.yaml", "--force"],
        vec![
            "init",
            "hard-tailoring.yaml",
            "-o",
            "link-to-checklist.yaml",
            "--force",
        ],
        vec!["score", "answers.yaml"],
    ];
    std::fs::create_dir(root.join("sub")).expect("a folder");
    for args in &attempts {
        let output = dei(root, args);
        let stderr = text(&output.stderr);
        if args[0] != "score" {
            assert_eq!(
                output.status.code(),
                Some(3),
                "`dei {}`:\n{stderr}",
                args.join(" ")
            );
            assert!(
                stderr.contains("refusing to write"),
                "`dei {}`:\n{stderr}",
                args.join(" ")
            );
        }
        let mut after = contents(root);
        after.retain(|(name, _)| !name.ends_with("/sub"));
        assert_eq!(
            after,
            before,
            "`dei {}` wrote over an input",
            args.join(" ")
        );
    }
}

#[test]
fn devices_and_pipes_are_written_through_never_replaced() {
    let folder = workspace();
    let root = folder.path();
    // /dev/null: accepted, and still a device afterwards.
    let output = dei(root, &["report", "answers.yaml", "-o", "/dev/null"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(
        std::fs::metadata("/dev/null")
            .expect("exists")
            .file_type()
            .is_char_device()
    );
    // /dev/stdout: the report arrives on standard output.
    let output = dei(root, &["report", "answers.yaml", "-o", "/dev/stdout"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(text(&output.stdout).contains("Files Foundation"));
    // /dev/full: the write fails, and says so.
    let output = dei(root, &["report", "answers.yaml", "-o", "/dev/full"]);
    assert_eq!(output.status.code(), Some(3), "{}", text(&output.stderr));
    assert!(text(&output.stderr).contains("cannot write `/dev/full`"));
    assert!(
        std::fs::metadata("/dev/full")
            .expect("exists")
            .file_type()
            .is_char_device()
    );
    // A FIFO nobody reads: refused at once, not waited on, and still a FIFO.
    let fifo = root.join("pipe");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo runs")
            .success()
    );
    let output = dei(root, &["report", "answers.yaml", "-o", "pipe"]);
    assert_eq!(output.status.code(), Some(3), "{}", text(&output.stderr));
    assert!(
        text(&output.stderr).contains("no program is reading"),
        "{}",
        text(&output.stderr)
    );
    assert!(
        std::fs::metadata(&fifo)
            .expect("exists")
            .file_type()
            .is_fifo()
    );
    // A FIFO with a reader: the report goes through it.
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).expect("read"))
    };
    // The reader opens the FIFO when it is scheduled: try until it has.
    let start = Instant::now();
    loop {
        let output = dei(root, &["report", "answers.yaml", "-o", "pipe"]);
        if output.status.success() {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "{}",
            text(&output.stderr)
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(
        reader
            .join()
            .expect("the reader ends")
            .contains("Files Foundation")
    );
    assert!(
        std::fs::metadata(&fifo)
            .expect("exists")
            .file_type()
            .is_fifo()
    );
}

#[test]
fn outputs_follow_the_umask_keep_their_mode_and_write_through_links() {
    let folder = workspace();
    let root = folder.path();
    let binary = env!("CARGO_BIN_EXE_dei");
    let output = run(Command::new("sh")
        .args(["-c", "umask 027; exec \"$0\" report answers.yaml -o new.md"])
        .arg(binary)
        .current_dir(root));
    assert!(output.status.success(), "{}", text(&output.stderr));
    let mode = |name: &str| {
        std::fs::metadata(root.join(name))
            .expect("exists")
            .permissions()
            .mode()
            & 0o777
    };
    assert_eq!(mode("new.md"), 0o640);
    std::fs::write(root.join("kept.md"), "old").expect("written");
    std::fs::set_permissions(root.join("kept.md"), std::fs::Permissions::from_mode(0o604))
        .expect("chmod");
    let output = dei(root, &["report", "answers.yaml", "-o", "kept.md"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert_eq!(mode("kept.md"), 0o604);
    // -o through a symbolic link writes the link's target; the link stays a link.
    std::os::unix::fs::symlink("target.md", root.join("link.md")).expect("a link");
    let output = dei(root, &["report", "answers.yaml", "-o", "link.md"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(
        std::fs::symlink_metadata(root.join("link.md"))
            .expect("exists")
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::read_to_string(root.join("target.md"))
            .expect("written")
            .contains("Files Foundation")
    );
}

#[test]
fn referenced_files_must_be_regular_files_and_are_never_waited_on() {
    let folder = workspace();
    let root = folder.path();
    assert!(
        Command::new("mkfifo")
            .arg(root.join("fifo.yaml"))
            .status()
            .expect("mkfifo runs")
            .success()
    );
    let answers = |checklist: &str| {
        format!("checklist: {checklist}\norganisation: {{name: F}}\nperiod: 2025\nanswers: {{}}\n")
    };
    std::fs::write(root.join("on-fifo.yaml"), answers("fifo.yaml")).expect("written");
    std::fs::write(root.join("on-stdin.yaml"), answers("/dev/stdin")).expect("written");
    std::fs::write(
        root.join("tailors-fifo.yaml"),
        "tailors: fifo.yaml\nid: t\nversion: 1.0.0\n",
    )
    .expect("written");
    for file in [
        "on-fifo.yaml",
        "on-stdin.yaml",
        "tailors-fifo.yaml",
        "fifo.yaml",
    ] {
        let output = dei(root, &["validate", file]);
        let stderr = text(&output.stderr);
        assert_ne!(output.status.code(), Some(0), "{file}:\n{stderr}");
        assert!(
            stderr.contains("is not an ordinary file"),
            "{file}:\n{stderr}"
        );
    }
    // One FIFO among the files of a benchmark is left out; the others are benchmarked.
    std::fs::create_dir(root.join("network")).expect("a folder");
    // Three organisations: copies of one organisation would count once.
    let network_answers =
        std::fs::read_to_string(root.join("answers.yaml")).expect("the answers are read");
    for name in ["a", "b", "c"] {
        std::fs::write(
            root.join("network").join(format!("{name}.yaml")),
            network_answers.replace("Files Foundation", &format!("Files Foundation {name}")),
        )
        .expect("written");
    }
    std::fs::write(root.join("network/checklist.yaml"), CHECKLIST).expect("written");
    std::fs::copy(root.join("base.yaml"), root.join("network/base.yaml")).expect("copied");
    std::fs::copy(
        root.join("tailoring.yaml"),
        root.join("network/tailoring.yaml"),
    )
    .expect("copied");
    assert!(
        Command::new("mkfifo")
            .arg(root.join("network/d.yaml"))
            .status()
            .expect("mkfifo runs")
            .success()
    );
    // Found in a folder, a FIFO is not an answers file: passed over, never opened.
    let output = dei(root, &["benchmark", "network"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(
        text(&output.stdout).contains("\"organisations\": 4"),
        "{}",
        text(&output.stdout)
    );
    // Named on its own, it is left out with a reason, and the others are benchmarked.
    let output = dei(
        root,
        &[
            "benchmark",
            "network/base.yaml",
            "network/a.yaml",
            "network/b.yaml",
            "network/c.yaml",
            "network/d.yaml",
        ],
    );
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("is not an ordinary file"), "{stderr}");
    assert!(
        text(&output.stdout).contains("\"organisations\": 4"),
        "{}",
        text(&output.stdout)
    );
}

#[test]
fn diagnostics_never_quote_a_foreign_file() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let root = folder.path();
    std::fs::write(
        root.join("secrets"),
        "token: s3cr3t-Qzx\npassword: hunter2-Qzx\n",
    )
    .expect("written");
    let answers = |checklist: &str| {
        format!("checklist: {checklist}\norganisation: {{name: F}}\nperiod: 2025\nanswers: {{}}\n")
    };
    std::fs::write(root.join("on-secrets.yaml"), answers("secrets")).expect("written");
    std::fs::write(root.join("on-passwd.yaml"), answers("/etc/passwd")).expect("written");
    std::fs::write(root.join("on-environ.yaml"), answers("/proc/self/environ")).expect("written");
    for file in [
        "on-secrets.yaml",
        "on-passwd.yaml",
        "on-environ.yaml",
        "secrets",
    ] {
        let output = run(Command::new(env!("CARGO_BIN_EXE_dei"))
            .args(["validate", file])
            .env("DEI_TEST_TOKEN", "Qzx-environment-secret")
            .current_dir(root));
        let all = format!("{}{}", text(&output.stdout), text(&output.stderr));
        assert_ne!(output.status.code(), Some(0), "{file}:\n{all}");
        assert!(!all.contains("Qzx"), "{file} echoes a foreign file:\n{all}");
        assert!(!all.contains("root:"), "{file} echoes /etc/passwd:\n{all}");
    }
}

#[test]
fn a_runaway_template_is_stopped_in_time_and_memory() {
    let folder = workspace();
    let root = folder.path();
    let doubling = "{% set x = x + x %}".repeat(40);
    std::fs::write(
        root.join("templates/report.md.j2"),
        format!("{{% set x = [1, 2, 3, 4] %}}{doubling}{{{{ x | length }}}}\n"),
    )
    .expect("written");
    let output = dei(
        root,
        &[
            "report",
            "answers.yaml",
            "--template",
            "templates",
            "-o",
            "out.md",
        ],
    );
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("error[template]") && stderr.contains("were stopped"),
        "{stderr}"
    );
    assert!(!root.join("out.md").exists(), "nothing is written");
    // The same in Dutch: the watchdog speaks the run's language.
    let output = dei(
        root,
        &[
            "report",
            "answers.yaml",
            "--lang",
            "nl",
            "--template",
            "templates",
            "-o",
            "out.md",
        ],
    );
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("fout[template]") && stderr.contains("zijn gestopt"),
        "{stderr}"
    );
    for english in [
        "error",
        "were stopped",
        "hint",
        "template that",
        "memory",
        "seconds",
    ] {
        assert!(!stderr.contains(english), "`{english}` in Dutch:\n{stderr}");
    }
    assert!(!root.join("out.md").exists(), "nothing is written");
}

#[test]
fn a_long_chain_of_tailorings_is_refused_with_a_clear_error() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let root = folder.path();
    std::fs::write(root.join("t0.yaml"), CHECKLIST).expect("written");
    for i in 1..=40 {
        std::fs::write(
            root.join(format!("t{i}.yaml")),
            format!("tailors: t{}.yaml\nid: t{i}\nversion: 1.0.0\n", i - 1),
        )
        .expect("written");
    }
    let output = dei(root, &["validate", "t40.yaml"]);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("error[checklist-cycle]")
            && stderr.contains("a chain of more than 16 tailorings"),
        "{stderr}"
    );
    // A short chain is fine.
    let output = dei(root, &["validate", "t3.yaml"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
}

/// Listing 10,000 problems of one file finds each line without scanning the file again
/// (`Source::line`); the figures are in BENCHMARKS.md, this pins that it completes and lists
/// them all.
#[test]
fn ten_thousand_unknown_ids_are_all_listed() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let mut text =
        "checklist: ngo-dei\norganisation: {name: Many Foundation}\nperiod: 2025\nanswers:\n"
            .to_owned();
    for i in 0..10_000 {
        let _ = writeln!(text, "  s.unknown{i}: \"yes\"");
    }
    std::fs::write(folder.path().join("many.yaml"), text).expect("written");
    let output = dei(folder.path(), &["validate", "many.yaml"]);
    let stderr = text_of(&output.stderr);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stderr.matches("error[unknown-item]").count(), 10_000);
    assert!(
        stderr.contains("many.yaml:10004:3"),
        "the last one is located"
    );
}

fn text_of(bytes: &[u8]) -> String {
    text(bytes)
}

/// The names in `folder`, sorted.
fn names_in(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .expect("the folder is listed")
        .map(|entry| {
            entry
                .expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

/// Runs `dei ARGS` in `folder`, interrupts it with `signal` while a temporary output file
/// exists in `watched` (the debug-build hook `DEI_TEST_PAUSE_WRITE_MS` holds the write open,
/// so the moment is known, not guessed), and returns the exit code.
fn interrupted(folder: &Path, watched: &Path, args: &[&str], signal: &str) -> Option<i32> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dei"))
        .args(args)
        .current_dir(folder)
        .env("DEI_TEST_PAUSE_WRITE_MS", "600000")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("dei runs");
    let start = Instant::now();
    let temporary = |name: &String| Path::new(name).extension().is_some_and(|e| e == "tmp");
    while !names_in(watched).iter().any(temporary) {
        if child.try_wait().expect("waited").is_some() || start.elapsed() > Duration::from_secs(600)
        {
            let _ = child.kill();
            panic!(
                "no temporary file appeared in {}: {:?}",
                watched.display(),
                names_in(watched)
            );
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let killed = Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    child.wait().expect("dei ends").code()
}

#[test]
fn an_interrupted_write_leaves_no_temporary_file() {
    let answers = common::repository_root().join("checklists/samples/global-roots-2025.yaml");
    for signal in ["-INT", "-TERM", "-HUP"] {
        let folder = tempfile::tempdir().expect("a temporary folder");
        std::fs::copy(&answers, folder.path().join("answers.yaml")).expect("copied");
        let code = interrupted(
            folder.path(),
            folder.path(),
            &["report", "answers.yaml", "-o", "report.md"],
            signal,
        );
        assert_eq!(
            code,
            Some(130),
            "{signal}: the exit code of an interrupted run"
        );
        assert_eq!(
            names_in(folder.path()),
            ["answers.yaml"],
            "{signal}: only the input is left"
        );
    }
}

#[test]
fn an_interrupted_import_leaves_no_temporary_file() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let export = common::repository_root().join("checklists/samples/kobo-import/kobo-export.csv");
    std::fs::copy(&export, folder.path().join("export.csv")).expect("copied");
    let out = folder.path().join("out");
    std::fs::create_dir(&out).expect("created");
    let code = interrupted(
        folder.path(),
        &out,
        &[
            "import",
            "export.csv",
            "--checklist",
            "ngo-dei",
            "-o",
            "out",
        ],
        "-TERM",
    );
    assert_eq!(code, Some(130));
    assert!(
        names_in(&out).is_empty(),
        "nothing is left: {:?}",
        names_in(&out)
    );
}
