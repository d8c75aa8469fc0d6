//! Custom template folders: used when given, sandboxed, and clear about every problem.

use std::path::Path;

use dei_core::{Code, Diagnostic, Library};
use dei_report::{REPORT_TEMPLATE, Renderer, Report, TEMPLATES};

use crate::support::{harbour, report};

fn model() -> Report {
    let mut library = Library::with_resolver(dei_core::fs::FsResolver);
    let scored = harbour(&mut library, 2025);
    report(&scored, &[], Some("en"))
}

/// A temporary folder holding `templates/` with copies of the built-in templates.
fn folder() -> tempfile::TempDir {
    let root = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let templates = root.path().join("templates");
    std::fs::create_dir(&templates).unwrap_or_else(|error| panic!("{error}"));
    for (name, text) in TEMPLATES {
        write(&templates, name, text);
    }
    write(root.path(), "secret.md.j2", "SECRET CONTENT");
    root
}

fn write(folder: &Path, name: &str, text: &str) {
    std::fs::write(folder.join(name), text).unwrap_or_else(|error| panic!("{error}"));
}

fn renderer(root: &tempfile::TempDir) -> Renderer {
    Renderer::from_folder(&root.path().join("templates"))
        .unwrap_or_else(|problems| panic!("{problems}"))
}

/// The single problem of a failed render.
fn failure(result: Result<String, dei_core::Diagnostics>) -> Diagnostic {
    match result {
        Ok(text) => panic!("expected an error, got {} bytes", text.len()),
        Err(problems) => {
            assert_eq!(problems.len(), 1, "{problems}");
            let problem = problems.0[0].clone();
            assert_eq!(problem.code, Code::Template);
            problem
        }
    }
}

#[test]
fn an_organisations_own_template_is_used() {
    let root = folder();
    let templates = root.path().join("templates");
    write(
        &templates,
        REPORT_TEMPLATE,
        "# Our own layout for {{ title }}\n\n{% for s in sections %}- {{ s.title }}: {{ s.score }}\n{% endfor %}",
    );
    let renderer = renderer(&root);
    let text = renderer
        .markdown(&model())
        .unwrap_or_else(|problems| panic!("{problems}"));
    assert_eq!(
        text,
        "# Our own layout for DEI self-assessment: Harbour Foundation\n\n- Strategy: 62.0\n- People: 83.3\n- Voice: 100.0\n"
    );
    // The HTML page uses the same custom Markdown inside the (copied) page template.
    let html = renderer
        .html(&model())
        .unwrap_or_else(|problems| panic!("{problems}"));
    assert!(html.contains("<h1>Our own layout for DEI self-assessment: Harbour Foundation</h1>"));
}

#[test]
fn including_a_file_outside_the_folder_is_refused() {
    let root = folder();
    let templates = root.path().join("templates");
    for include in [
        "../secret.md.j2",
        "/etc/passwd",
        "./report.md.j2",
        "a/../../secret.md.j2",
    ] {
        write(
            &templates,
            REPORT_TEMPLATE,
            &format!("before\n{{% include \"{include}\" %}}\n"),
        );
        let problem = failure(renderer(&root).markdown(&model()));
        assert!(
            problem.message.contains("is refused"),
            "{include}: {}",
            problem.render()
        );
        assert!(!problem.render().contains("SECRET CONTENT"));
        assert!(problem.file.ends_with(REPORT_TEMPLATE), "{}", problem.file);
    }
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_leading_outside_the_folder_is_refused() {
    let root = folder();
    let templates = root.path().join("templates");
    std::os::unix::fs::symlink(
        root.path().join("secret.md.j2"),
        templates.join("link.md.j2"),
    )
    .unwrap_or_else(|error| panic!("{error}"));
    write(&templates, REPORT_TEMPLATE, "{% include \"link.md.j2\" %}");
    let problem = failure(renderer(&root).markdown(&model()));
    assert!(
        problem.message.contains("symbolic link"),
        "{}",
        problem.render()
    );
    // The entry template itself behind a link that leaves the folder is refused as well.
    std::fs::remove_file(templates.join(REPORT_TEMPLATE)).unwrap_or_else(|e| panic!("{e}"));
    std::os::unix::fs::symlink(
        root.path().join("secret.md.j2"),
        templates.join(REPORT_TEMPLATE),
    )
    .unwrap_or_else(|error| panic!("{error}"));
    let problem = failure(renderer(&root).markdown(&model()));
    assert!(
        problem.message.contains("symbolic link"),
        "{}",
        problem.render()
    );
}

#[test]
fn a_template_that_loops_without_end_runs_out_of_fuel() {
    let root = folder();
    write(
        &root.path().join("templates"),
        REPORT_TEMPLATE,
        "{% for i in range(100000) %}{% for j in range(100000) %}{{ i }}{% endfor %}{% endfor %}",
    );
    let problem = failure(renderer(&root).markdown(&model()));
    assert!(
        problem.message.contains("out of fuel"),
        "{}",
        problem.render()
    );
    assert!(problem.hint.is_some());
}

#[test]
fn a_missing_template_is_named() {
    let root = folder();
    let templates = root.path().join("templates");
    std::fs::remove_file(templates.join("page.html.j2")).unwrap_or_else(|e| panic!("{e}"));
    let renderer = renderer(&root);
    // Markdown does not need the page template.
    assert!(renderer.markdown(&model()).is_ok());
    let problem = failure(renderer.html(&model()));
    assert!(
        problem.message.contains("page.html.j2"),
        "{}",
        problem.render()
    );
    assert!(
        problem.message.contains("not found"),
        "{}",
        problem.render()
    );
    assert_eq!(
        Path::new(&problem.file),
        templates.join("page.html.j2").as_path()
    );
    assert!(
        problem
            .hint
            .as_deref()
            .is_some_and(|hint| hint.contains("report.md.j2"))
    );
}

#[test]
fn a_broken_template_is_reported_with_its_line() {
    let root = folder();
    write(
        &root.path().join("templates"),
        REPORT_TEMPLATE,
        "# {{ title }}\n\n{% if %}\n",
    );
    let problem = failure(renderer(&root).markdown(&model()));
    assert_eq!(problem.line, Some(3));
    assert!(
        problem.message.contains("syntax error"),
        "{}",
        problem.render()
    );
    assert_eq!(problem.source_line.as_deref(), Some("{% if %}"));
}

#[test]
fn undefined_values_are_errors_not_blanks() {
    let root = folder();
    write(
        &root.path().join("templates"),
        REPORT_TEMPLATE,
        "{{ title }}\n{{ no_such_thing.field }}\n",
    );
    let problem = failure(renderer(&root).markdown(&model()));
    assert!(
        problem.message.contains("does not exist"),
        "{}",
        problem.render()
    );
    assert_eq!(problem.line, Some(2));
}

#[test]
fn a_folder_that_does_not_exist_is_a_clear_error() {
    let root = folder();
    let problems = Renderer::from_folder(&root.path().join("nope"))
        .err()
        .unwrap_or_default();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems.0[0].code, Code::Template);
    assert!(problems.0[0].message.contains("cannot be opened"));
    let file = root.path().join("templates").join(REPORT_TEMPLATE);
    let problems = Renderer::from_folder(&file).err().unwrap_or_default();
    assert!(problems.0[0].message.contains("not a file"));
}
