//! Hostile input through the real `dei validate`: every file of `tests/hostile/` and a few
//! generated ones (too large to commit) must give its documented exit code and problem code,
//! name the file and the location, and never panic.
//!
//! The expected outcome of each corpus file is the `## Corpus` table of
//! `tests/hostile/expected.md`; this test reads that table, so the documentation and the test
//! cannot drift apart.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The `dei` binary of this build.
fn dei() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dei"))
}

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile")
}

/// One row of the `## Corpus` table: the file and what `dei validate` must say about it.
#[derive(Debug)]
struct Case {
    file: String,
    exit: i32,
    /// The problem code that must appear as `error[CODE]`; `None` for accepted files.
    code: Option<String>,
    /// `LINE:COLUMN` that must follow the file name in `--> FILE:LINE:COLUMN`.
    location: Option<String>,
}

/// Reads the `## Corpus` table of `expected.md`.
fn cases() -> Vec<Case> {
    let text = std::fs::read_to_string(corpus().join("expected.md")).expect("expected.md exists");
    let mut in_corpus = false;
    let mut cases = Vec::new();
    for line in text.lines() {
        if line.starts_with("## ") {
            in_corpus = line.trim() == "## Corpus";
            continue;
        }
        if !in_corpus || !line.starts_with("| `") {
            continue;
        }
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let cell = |i: usize| {
            let value = cells.get(i).copied().unwrap_or("").trim_matches('`');
            (value != "—" && !value.is_empty()).then(|| value.to_owned())
        };
        cases.push(Case {
            file: cell(1).expect("a file name"),
            exit: cell(2)
                .and_then(|exit| exit.parse().ok())
                .unwrap_or_else(|| panic!("an exit code in: {line}")),
            code: cell(3),
            location: cell(4),
        });
    }
    cases
}

/// Runs `dei validate FILE` in `folder`, so diagnostics name the file exactly as given.
fn validate(folder: &Path, file: &str) -> Output {
    dei()
        .arg("validate")
        .arg(file)
        .current_dir(folder)
        .output()
        .expect("dei runs")
}

/// The checks every case shares: exit code, no panic, the code and location on stderr.
fn check(file: &str, output: &Output, exit: i32, code: Option<&str>, location: Option<&str>) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let context = format!("{file}\n--- stdout\n{stdout}\n--- stderr\n{stderr}");
    assert!(!stderr.contains("panicked"), "panic on {context}");
    // Whatever the file holds, nothing reaches the terminal that the terminal would obey
    // (escape sequences, other control characters) or that hides itself (bidi controls,
    // zero-width characters): `dei_core::visible` shows them as their code point, such as `<U+200B>`.
    for (stream, text) in [("stdout", &stdout), ("stderr", &stderr)] {
        let raw = text.chars().find(|&c| {
            (c.is_control() && c != '\n' && c != '\t') || dei_core::visible::is_invisible(c)
        });
        assert!(
            raw.is_none(),
            "{raw:?} reaches the terminal on {stream} for {context}"
        );
    }
    assert_ne!(output.status.code(), Some(101), "panic on {context}");
    assert_eq!(output.status.code(), Some(exit), "exit code of {context}");
    if let Some(code) = code {
        assert!(
            stderr.contains(&format!("error[{code}]")),
            "expected error[{code}] for {context}"
        );
        let arrow = match location {
            Some(location) => format!("--> {file}:{location}\n"),
            None => format!("--> {file}"),
        };
        assert!(stderr.contains(&arrow), "expected `{arrow}` for {context}");
        if exit == 1 {
            assert!(
                stdout.contains(&format!("invalid: {file}")),
                "summary for {context}"
            );
        }
    } else {
        assert!(!stderr.contains("error["), "unexpected error for {context}");
        assert!(
            stdout.contains(&format!("ok: {file}")),
            "summary for {context}"
        );
    }
}

#[test]
fn every_corpus_file_gives_its_documented_outcome() {
    let cases = cases();
    assert!(
        cases.len() >= 30,
        "the corpus table has {} rows",
        cases.len()
    );
    for case in &cases {
        let output = validate(&corpus(), &case.file);
        check(
            &case.file,
            &output,
            case.exit,
            case.code.as_deref(),
            case.location.as_deref(),
        );
    }
}

#[test]
fn the_table_and_the_folder_list_the_same_files() {
    let mut documented: Vec<String> = cases().into_iter().map(|case| case.file).collect();
    documented.sort();
    let mut present: Vec<String> = std::fs::read_dir(corpus())
        .expect("the corpus folder exists")
        .map(|entry| entry.expect("a folder entry").file_name())
        .map(|name| name.to_string_lossy().into_owned())
        .filter(|name| name != "expected.md")
        .collect();
    present.sort();
    assert_eq!(documented, present);
}

/// Files too large to commit, and paths that are not files, made in a temporary folder.
#[test]
fn generated_hostile_inputs() {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let write = |name: &str, content: &[u8]| {
        std::fs::write(folder.path().join(name), content).expect("the file is written");
    };
    let header = "checklist: ngo-dei\norganisation: {name: Generated Foundation}\nperiod: 2025\n";

    // Over the 10 MiB limit: refused before parsing, without a location.
    let mut large = format!("{header}answers:\n  strategy.trigger: \"").into_bytes();
    large.resize(10 * 1024 * 1024 + 1, b'x');
    write("over-10-mib.yaml", &large);
    let output = validate(folder.path(), "over-10-mib.yaml");
    check("over-10-mib.yaml", &output, 1, Some("file-too-large"), None);

    // A 1 MB comment is legitimate text.
    let comment = "c".repeat(1_000_000);
    write(
        "long-comment.yaml",
        format!("{header}answers:\n  strategy.public_commitment:\n    value: partly\n    comment: \"{comment}\"\n").as_bytes(),
    );
    let output = validate(folder.path(), "long-comment.yaml");
    check("long-comment.yaml", &output, 0, None, None);

    // A 1 000-character item id is an unknown item, located, and the output stays readable.
    let id = format!("strategy.{}", "x".repeat(1_000));
    write(
        "long-id.yaml",
        format!("{header}answers:\n  {id}: \"yes\"\n").as_bytes(),
    );
    let output = validate(folder.path(), "long-id.yaml");
    check(
        "long-id.yaml",
        &output,
        1,
        Some("unknown-item"),
        Some("5:3"),
    );
    assert!(
        output.stderr.len() < 10_000,
        "{} bytes",
        output.stderr.len()
    );

    // YAML allows plain keys up to 1024 characters: a 100 000-character id is a syntax error
    // at the `:` after it, and the source line shown is cut short.
    let id = format!("strategy.{}", "x".repeat(100_000));
    write(
        "longer-id.yaml",
        format!("{header}answers:\n  {id}: \"yes\"\n").as_bytes(),
    );
    let output = validate(folder.path(), "longer-id.yaml");
    check(
        "longer-id.yaml",
        &output,
        1,
        Some("syntax"),
        Some("5:100012"),
    );
    assert!(
        output.stderr.len() < 10_000,
        "one long line must not flood the terminal: {} bytes on stderr",
        output.stderr.len()
    );

    // Thousands of broken lines, with escape sequences in them: the layout errors are listed
    // up to the bound of 20 (each a parse of the file, so the work stays bounded), in line
    // order, located, with the control characters made visible.
    let mut broken = format!("{header}answers:\n");
    for index in 0..5_000 {
        let _ = match index % 3 {
            0 => writeln!(broken, "  strategy.item_{index} yes\u{1b}[31m"),
            1 => writeln!(broken, "  strategy.item_{index}: note: with a colon"),
            _ => writeln!(broken, "  strategy.item_{index}: partly\n    evidence: [x]"),
        };
    }
    write("thousands-of-broken-lines.yaml", broken.as_bytes());
    let output = validate(folder.path(), "thousands-of-broken-lines.yaml");
    check(
        "thousands-of-broken-lines.yaml",
        &output,
        1,
        Some("syntax"),
        Some("5:18"),
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.matches("error[syntax]").count(), 20, "{stderr}");
    assert!(
        !stderr.contains('\u{1b}') && stderr.contains("<U+001B>"),
        "{stderr}"
    );
    let lines: Vec<u64> = stderr
        .lines()
        .filter_map(|line| line.strip_prefix("  --> thousands-of-broken-lines.yaml:"))
        .filter_map(|at| at.split(':').next()?.parse().ok())
        .collect();
    assert_eq!(lines.len(), 20, "{stderr}");
    assert!(lines.windows(2).all(|pair| pair[0] < pair[1]), "{lines:?}");

    // A path that does not exist, and a folder: unreadable, exit 3.
    let output = validate(folder.path(), "does-not-exist.yaml");
    check("does-not-exist.yaml", &output, 3, Some("io"), None);
    std::fs::create_dir(folder.path().join("a-folder.yaml")).expect("a folder");
    let output = validate(folder.path(), "a-folder.yaml");
    check("a-folder.yaml", &output, 3, Some("io"), None);
}

/// The messages of a few cases say more than the code: pin what a user reads.
#[test]
fn hostile_messages_help_the_user() {
    let stderr =
        |file: &str| String::from_utf8_lossy(&validate(&corpus(), file).stderr).into_owned();
    let lookalike = stderr("err-lookalike-id.yaml");
    assert!(
        lookalike.contains("did you mean `strategy.public_commitment`?"),
        "{lookalike}"
    );
    let huge = stderr("err-huge-number-out-of-range.yaml");
    assert!(
        huge.contains("error[out-of-range]: 1e308 is outside"),
        "{huge}"
    );
    let endless = stderr("err-checklist-dev-zero.yaml");
    assert!(
        endless.contains("`/dev/zero` is not an ordinary file"),
        "{endless}"
    );
    let escapes = validate(&corpus(), "err-escape-sequences.yaml");
    let shown = format!(
        "{}{}",
        String::from_utf8_lossy(&escapes.stdout),
        String::from_utf8_lossy(&escapes.stderr)
    );
    assert!(shown.contains("strategy.<U+001B>[31mred"), "{shown}");
    let zero_width = stderr("err-zero-width-id.yaml");
    assert!(
        zero_width.contains("no item `strategy.<U+200B>public_commitment`"),
        "{zero_width}"
    );
    let text_staff = stderr("err-org-number-as-text.yaml");
    assert!(
        text_staff.contains("`org.staff` (the text \"12\") cannot be compared with the number 50")
            && text_staff.contains("`org.staff is defined and org.staff >= 50`")
            && text_staff.contains("is at <built-in ngo-dei>:"),
        "{text_staff}"
    );
    let recursive = stderr("err-recursive-alias.yaml");
    assert!(
        !recursive.contains("weak recursion") && recursive.contains("contain itself"),
        "{recursive}"
    );
    let nesting = stderr("err-deep-nesting.yaml");
    assert!(
        nesting.contains("nests lists and maps more than"),
        "{nesting}"
    );
}

/// Text from an answers file never becomes markup in a report (SPEC section 9).
#[test]
fn reports_escape_markup_from_answers() {
    let file = "ok-markup-in-text.yaml";
    let run = |format: &str| {
        let output = dei()
            .args(["report", file, "--format", format])
            .current_dir(corpus())
            .output()
            .expect("dei runs");
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert!(
            output.status.success(),
            "report --format {format}:\n{stderr}"
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let markdown = run("md");
    let html = run("html");
    // In Markdown, `\<` and `\]` are escaped, literal characters.
    let unescaped = |pattern: &str| {
        markdown
            .match_indices(pattern)
            .any(|(at, _)| !markdown[..at].ends_with('\\'))
    };
    for injected in [
        "<script",
        "<img",
        "<iframe",
        "<object",
        "<svg onload",
        "<b onclick",
        "<div",
    ] {
        assert!(!unescaped(injected), "`{injected}` unescaped in Markdown");
        assert!(!html.contains(injected), "`{injected}` unescaped in HTML");
    }
    assert!(
        !html.contains("href=\"javascript:"),
        "a script link in HTML"
    );
    assert!(!unescaped("](javascript:"), "a script link in Markdown");
    // The text itself is still there, escaped: escaping is not dropping.
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt; Org"),
        "{html}"
    );
}

/// Bidi overrides and zero-width characters in evidence and comments are shown, never obeyed,
/// in every report format, and such an address never becomes a link.
#[test]
fn reports_show_invisible_characters() {
    for format in ["md", "html"] {
        let output = dei()
            .args(["report", "ok-bidi-evidence.yaml", "--format", format])
            .current_dir(corpus())
            .output()
            .expect("dei runs");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(
            !stdout.contains('\u{202e}'),
            "a raw override in the {format} report"
        );
        assert!(
            stdout.contains("U+202E"),
            "the override is not shown in the {format} report"
        );
        assert!(
            !stdout.contains("href=\"https://example.org/"),
            "a link to a disguised address"
        );
    }
}

/// The text scorecard prints no "n/a%" and no "-0.0", whatever the answers.
#[test]
fn the_text_scorecard_has_no_broken_numbers() {
    for file in [
        "ok-empty-answers-key.yaml",
        "ok-baseline.yaml",
        "ok-huge-and-negative-org-numbers.yaml",
    ] {
        let output = dei()
            .args(["score", file])
            .current_dir(corpus())
            .output()
            .expect("dei runs");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success(),
            "{file}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(
            !stdout.contains("n/a%") && !stdout.contains("-0.0"),
            "{file}:\n{stdout}"
        );
        assert!(stdout.contains("evidence "), "{file}:\n{stdout}");
    }
}
