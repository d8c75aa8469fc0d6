//! No data loss and no data leak, end to end through the real `dei` binary.
//!
//! - Output files are written atomically: a write that fails or is cut off half-way leaves the
//!   old file exactly as it was (SPEC section 10).
//! - No command writes its output over one of its inputs, and no command modifies an answers
//!   file, ever (SPEC section 4): every input is compared, bytes and modification time, before
//!   and after every command.
//! - The network benchmark never contains an organisation's name, free text, comments or
//!   evidence (SPEC section 9), in any output format.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::SystemTime;

/// The `dei` binary of this build.
fn dei_path() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_dei"))
}

fn dei(folder: &Path, args: &[&str]) -> Output {
    Command::new(dei_path())
        .args(args)
        .current_dir(folder)
        .output()
        .expect("dei runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Whether this build of `dei` has a command: the commands `report`, `compare` and `init` are
/// being built alongside these tests; each is covered here as soon as it exists.
fn has_command(name: &str) -> bool {
    Command::new(dei_path())
        .args([name, "--help"])
        .output()
        .is_ok_and(|output| output.status.success())
}

/// A marker that appears in every private string of the sample answers, and nowhere else.
const MARKER: &str = "Qzx";

/// Six valid answers files for `ngo-dei`, each full of distinctive private strings.
fn write_network(folder: &Path) -> Vec<String> {
    let choices = ["yes", "partly", "no", "yes", "partly", "yes"];
    let mut names = Vec::new();
    for (i, choice) in choices.iter().enumerate() {
        let name = format!("org{i}.yaml");
        let yaml = format!(
            r#"checklist: ngo-dei
organisation:
  name: {MARKER}Name{i} Foundation
  staff: {staff}
  country: {MARKER}Country{i}
  contact: "{MARKER}Contact{i} <b>bold</b> & more"
period: 2025
assessed_by: [{MARKER}Assessor{i}]
answers:
  strategy.public_commitment:
    value: "{choice}"
    evidence: [{MARKER}Evidence{i} annual report, "https://example.org/{MARKER}Link{i}"]
    comment: "{MARKER}Comment{i}: we *really* did | this"
  strategy.written_strategy:
    value: partly
    comment: "{MARKER}Second{i}"
  strategy.trigger: "{MARKER}Trigger{i}, a free-text answer"
  strategy.dei_fte: {fte}
  hr.equitable_reward:
    na: true
    reason: "{MARKER}Reason{i}"
"#,
            staff = 20 + i * 17,
            fte = 0.1 * (i as f64 + 1.0),
        );
        std::fs::write(folder.join(&name), yaml).expect("the answers file is written");
        names.push(name);
    }
    names
}

/// Every file of a folder with its bytes and modification time.
fn snapshot(folder: &Path) -> Vec<(PathBuf, Vec<u8>, SystemTime)> {
    let mut files: Vec<_> = std::fs::read_dir(folder)
        .expect("the folder is readable")
        .map(|entry| entry.expect("an entry").path())
        .filter(|path| path.is_file())
        .map(|path| {
            let bytes = std::fs::read(&path).expect("the file is readable");
            let modified = std::fs::metadata(&path)
                .and_then(|metadata| metadata.modified())
                .expect("a modification time");
            (path, bytes, modified)
        })
        .collect();
    files.sort();
    files
}

fn assert_no_panic(what: &str, output: &Output) {
    let stderr = text(&output.stderr);
    assert!(!stderr.contains("panicked"), "{what} panicked:\n{stderr}");
    assert_ne!(
        output.status.code(),
        Some(101),
        "{what} panicked:\n{stderr}"
    );
}

#[test]
fn no_command_modifies_its_inputs() {
    let network = tempfile::tempdir().expect("a temporary folder");
    let elsewhere = tempfile::tempdir().expect("a temporary folder for outputs");
    let files = write_network(network.path());
    let before = snapshot(network.path());
    let out = elsewhere.path().join("out");
    let out = out.to_str().expect("a UTF-8 path");

    let mut runs: Vec<Vec<String>> = Vec::new();
    let strings = |args: &[&str]| args.iter().map(|arg| (*arg).to_owned()).collect::<Vec<_>>();
    runs.push([vec!["validate".to_owned()], files.clone()].concat());
    for file in &files {
        runs.push(strings(&["score", file]));
        runs.push(strings(&["score", file, "--format", "json"]));
    }
    for format in ["json", "md"] {
        runs.push(
            [
                strings(&["benchmark"]),
                files.clone(),
                strings(&["--format", format]),
            ]
            .concat(),
        );
        runs.push(strings(&["benchmark", ".", "--format", format, "-o", out]));
    }
    if has_command("report") {
        for format in ["md", "html", "json"] {
            runs.push(strings(&["report", &files[0], "--format", format]));
            runs.push(strings(&[
                "report",
                &files[0],
                "--previous",
                &files[1],
                "--format",
                format,
                "-o",
                out,
            ]));
        }
    }
    if has_command("compare") {
        runs.push([strings(&["compare"]), files.clone()].concat());
    }
    for args in &runs {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let output = dei(network.path(), &args);
        assert_no_panic(&args.join(" "), &output);
        assert_eq!(
            snapshot(network.path()),
            before,
            "`dei {}` changed a file in the answers folder",
            args.join(" ")
        );
    }
}

#[test]
fn refuses_to_write_the_output_over_an_input() {
    let network = tempfile::tempdir().expect("a temporary folder");
    let files = write_network(network.path());
    std::fs::create_dir(network.path().join("sub")).expect("a sub-folder");
    std::fs::write(
        network.path().join("tailoring.yaml"),
        "tailors: ngo-dei\nid: t-dei\n",
    )
    .expect("a tailoring");
    // An earlier period of the first organisation: progress takes one organisation's periods.
    let earlier = "org0-2024.yaml".to_owned();
    let first = std::fs::read_to_string(network.path().join(&files[0])).expect("read");
    std::fs::write(
        network.path().join(&earlier),
        first.replace("period: 2025", "period: 2024"),
    )
    .expect("written");
    let before = snapshot(network.path());

    let mut attempts: Vec<Vec<String>> = vec![
        // The output named exactly as an input.
        [
            vec!["benchmark".to_owned()],
            files.clone(),
            vec!["-o".to_owned(), files[2].clone()],
        ]
        .concat(),
        // The same file spelled another way.
        [
            vec!["benchmark".to_owned()],
            files.clone(),
            vec!["-o".to_owned(), format!("sub/../{}", files[0])],
        ]
        .concat(),
        // A file found inside a folder given as input.
        vec![
            "benchmark".into(),
            ".".into(),
            "-o".into(),
            files[5].clone(),
        ],
    ];
    if has_command("report") {
        attempts.push(vec![
            "report".into(),
            files[0].clone(),
            "-o".into(),
            files[0].clone(),
        ]);
        attempts.push(vec![
            "report".into(),
            files[0].clone(),
            "--previous".into(),
            earlier.clone(),
            "-o".into(),
            earlier.clone(),
        ]);
    }
    if has_command("compare") {
        attempts.push(vec![
            "compare".into(),
            files[0].clone(),
            earlier.clone(),
            "-o".into(),
            earlier.clone(),
        ]);
    }
    if has_command("init") {
        // Even `--force`, which allows replacing an existing file, never replaces the input.
        attempts.push(
            ["init", "tailoring.yaml", "-o", "tailoring.yaml", "--force"]
                .map(str::to_owned)
                .to_vec(),
        );
    }
    for args in &attempts {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let output = dei(network.path(), &args);
        assert_no_panic(&args.join(" "), &output);
        let stderr = text(&output.stderr);
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
        assert_eq!(
            snapshot(network.path()),
            before,
            "`dei {}` wrote",
            args.join(" ")
        );
    }
}

#[test]
fn init_never_overwrites_an_existing_file_without_force() {
    if !has_command("init") || !dei(Path::new("."), &["init", "ngo-dei"]).status.success() {
        // `dei init` is being built alongside these tests; until it works there is nothing to pin.
        return;
    }
    let folder = tempfile::tempdir().expect("a temporary folder");
    let files = write_network(folder.path());
    let before = snapshot(folder.path());
    let output = dei(folder.path(), &["init", "ngo-dei", "-o", &files[0]]);
    assert_no_panic("init", &output);
    assert_ne!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(
        snapshot(folder.path()),
        before,
        "`dei init -o` overwrote a file"
    );
}

/// A benchmark written over an old one with a file-size limit that stops the write half-way.
///
/// The limit is set with the shell's `ulimit -f`, and `SIGXFSZ` is ignored, so the write fails
/// with an error instead of killing the process. A writer that truncated the target and wrote
/// in place would leave a cut-off file here; the atomic writer leaves the old file whole and
/// removes its temporary file.
#[cfg(unix)]
#[test]
fn a_failed_write_leaves_the_old_output_intact() {
    let network = tempfile::tempdir().expect("a temporary folder");
    let files = write_network(network.path());
    let old = "{\"old\": \"benchmark, still whole\"}\n";
    std::fs::write(network.path().join("benchmark.json"), old).expect("the old output");

    // Without a limit the new benchmark is larger than the limit used below: the limit does cut.
    let full = dei(
        network.path(),
        &[
            &["benchmark"],
            &files.iter().map(String::as_str).collect::<Vec<_>>()[..],
        ]
        .concat(),
    );
    assert!(full.status.success(), "{}", text(&full.stderr));
    assert!(
        full.stdout.len() > 2048,
        "the benchmark is only {} bytes",
        full.stdout.len()
    );

    let before = snapshot(network.path());
    let script = format!(
        "trap '' XFSZ; ulimit -f 2; exec \"$0\" benchmark {} -o benchmark.json",
        files.join(" ")
    );
    let output = Command::new("sh")
        .arg("-c")
        .arg(&script)
        .arg(dei_path())
        .current_dir(network.path())
        .output()
        .expect("sh runs");
    assert_no_panic("benchmark under a file-size limit", &output);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(3), "{stderr}");
    assert!(
        stderr.contains("error[io]") && stderr.contains("benchmark.json"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(network.path().join("benchmark.json")).expect("still there"),
        old
    );
    // Nothing else appeared or changed: no partial output, no temporary file left behind.
    assert_eq!(snapshot(network.path()), before);
}

/// The same, but the process is killed by the limit in the middle of writing (`SIGXFSZ` left
/// at its default): an interrupted run. The old output is whole; at most a hidden temporary
/// file is left, which no command reads as input.
#[cfg(unix)]
#[test]
fn a_killed_write_leaves_the_old_output_intact() {
    let network = tempfile::tempdir().expect("a temporary folder");
    let files = write_network(network.path());
    let old = "{\"old\": \"benchmark, still whole\"}\n";
    std::fs::write(network.path().join("benchmark.json"), old).expect("the old output");
    let script = format!(
        "trap - XFSZ; ulimit -f 2; exec \"$0\" benchmark {} -o benchmark.json",
        files.join(" ")
    );
    let output = Command::new("sh")
        .arg("-c")
        .arg(&script)
        .arg(dei_path())
        .current_dir(network.path())
        .output()
        .expect("sh runs");
    assert!(!output.status.success(), "the write was not cut off");
    assert_eq!(
        std::fs::read_to_string(network.path().join("benchmark.json")).expect("still there"),
        old
    );
    for entry in std::fs::read_dir(network.path()).expect("readable") {
        let name = entry
            .expect("an entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        assert!(
            name == "benchmark.json"
                || files.contains(&name)
                || (name.starts_with(".dei-")
                    && Path::new(&name).extension().is_some_and(|ext| ext == "tmp")),
            "unexpected file `{name}` after an interrupted write"
        );
    }
}

/// SPEC section 9: the benchmark never contains names, free text, comments or evidence.
#[test]
fn the_benchmark_reveals_no_private_text() {
    let network = tempfile::tempdir().expect("a temporary folder");
    let files = write_network(network.path());
    let file_args: Vec<&str> = files.iter().map(String::as_str).collect();
    for format in ["json", "md"] {
        let to_stdout = dei(
            network.path(),
            &[
                &["benchmark", "--format", format, "--min-group", "5"],
                &file_args[..],
            ]
            .concat(),
        );
        let output_name = format!("benchmark.{format}");
        let to_file = dei(
            network.path(),
            &[
                &["benchmark", "--format", format, "-o", &output_name],
                &file_args[..],
            ]
            .concat(),
        );
        for (what, output) in [("stdout", &to_stdout), ("-o", &to_file)] {
            assert_no_panic(format, output);
            assert!(
                output.status.success(),
                "benchmark --format {format} ({what}):\n{}",
                text(&output.stderr)
            );
            let stderr = text(&output.stderr);
            assert!(
                !stderr.contains(MARKER),
                "private text on stderr:\n{stderr}"
            );
        }
        let printed = text(&to_stdout.stdout);
        let written = std::fs::read_to_string(network.path().join(&output_name))
            .expect("the benchmark file is written");
        for (what, content) in [("stdout", &printed), ("the -o file", &written)] {
            assert!(
                !content.contains(MARKER),
                "private text in the {format} benchmark on {what}:\n{content}"
            );
            // The benchmark is not vacuously private: it does describe every section.
            assert!(
                content.contains("strategy") || content.contains("Strategy"),
                "{content}"
            );
        }
        if format == "json" {
            let json: serde_json::Value =
                serde_json::from_str(&printed).expect("the benchmark is JSON");
            assert_eq!(json["organisations"], 6, "{printed}");
            // Six similar organisations: the disclosure control may hide the overall
            // quartiles (SPEC section 13); either way the figure is there or marked hidden.
            assert!(
                json["overall"]["median"].is_number() || json["overall"]["suppressed"] == true,
                "{printed}"
            );
            assert!(json["overall"].get("min").is_none(), "{printed}");
        }
    }
}
