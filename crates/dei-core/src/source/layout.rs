//! The YAML layout mistakes people make when they edit a file by hand, recognised from the
//! lines around a parser error, each with what to change: a colon inside a text, a missing
//! colon after a key, evidence added under a short answer. (Keys of a long answer that are not
//! indented parse as YAML and are caught in `answers.rs`.)

/// A recognised mistake: where it is, what is wrong and what to change.
pub(super) struct Mistake {
    pub line: u64,
    pub column: u64,
    pub message: String,
    pub hint: String,
    /// The message and the hint in Dutch.
    pub dutch: (String, String),
}

/// The keys of a long answer.
const LONG_ANSWER_KEYS: &[&str] = &["value", "evidence", "comment", "na", "reason"];

/// A line split into its indentation, key and value: `  key: value` → (2, "key", "value").
/// `None` for blank lines, comments, list items and lines without `: ` (or a final `:`).
fn key_value(line: &str) -> Option<(usize, &str, &str)> {
    let trimmed = line.trim_start_matches(' ');
    let indent = line.len() - trimmed.len();
    if trimmed.is_empty() || trimmed.starts_with(['#', '-', '"', '\'', '{', '[']) {
        return None;
    }
    let (key, value) = match trimmed.split_once(": ") {
        Some((key, value)) => (key, value.trim()),
        None => (trimmed.strip_suffix(':')?, ""),
    };
    (!key.is_empty() && !key.contains(' ')).then_some((indent, key, value))
}

/// The value of a line without its trailing comment.
fn without_comment(value: &str) -> &str {
    match value.find(" #") {
        Some(position) => value[..position].trim_end(),
        None => value,
    }
}

/// Looks at the lines around `line` (1-based, where the parser stopped) for a known mistake.
pub(super) fn mistake(text: &str, line: u64) -> Option<Mistake> {
    let lines: Vec<&str> = text.split('\n').map(|l| l.trim_end_matches('\r')).collect();
    let index = usize::try_from(line.checked_sub(1)?).ok()?;
    let candidates = [Some(index), index.checked_sub(1)];
    // Evidence (or another key of a long answer) indented under a short answer.
    for current in candidates.into_iter().flatten() {
        let Some((indent, key, _)) = lines.get(current).and_then(|l| key_value(l)) else {
            continue;
        };
        if !LONG_ANSWER_KEYS.contains(&key) {
            continue;
        }
        let above = lines
            .get(..current)?
            .iter()
            .rposition(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))?;
        if let Some((above_indent, item, value)) = key_value(lines[above])
            && above_indent < indent
            && !without_comment(value).is_empty()
            && !value.starts_with(['{', '[', '|', '>'])
        {
            let value = without_comment(value);
            return Some(Mistake {
                line: current as u64 + 1,
                column: indent as u64 + 1,
                message: format!(
                    "`{key}:` is indented under the short answer `{item}: {value}`, which can only hold the value"
                ),
                hint: format!(
                    "move the answer to `value:`: write `{item}:` alone on its line, and under it `value: {value}` and `{key}: ...`, both indented the same"
                ),
                dutch: (
                    format!(
                        "`{key}:` staat ingesprongen onder het korte antwoord `{item}: {value}`, dat alleen de waarde kan bevatten"
                    ),
                    format!(
                        "zet het antwoord bij `value:`: schrijf `{item}:` alleen op de regel, en daaronder `value: {value}` en `{key}: ...`, even ver ingesprongen"
                    ),
                ),
            });
        }
    }
    // A key without its colon: `strategy.budget yes`.
    for current in candidates.into_iter().flatten() {
        let Some(text) = lines.get(current) else {
            continue;
        };
        let trimmed = text.trim_start_matches(' ');
        let indent = text.len() - trimmed.len();
        let mut words = trimmed.split_whitespace();
        let (Some(key), Some(_)) = (words.next(), words.next()) else {
            continue;
        };
        if trimmed.contains(':')
            || trimmed.starts_with(['#', '-', '"', '\'', '{', '[', '}', ']'])
            || !key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
        {
            continue;
        }
        let rest = trimmed[key.len()..].trim_start();
        return Some(Mistake {
            line: current as u64 + 1,
            column: (indent + key.len()) as u64 + 1,
            message: format!("`{key}` has no colon after it, so it is not read as a key"),
            hint: format!("write a colon and a space after the key: `{key}: {rest}`"),
            dutch: (
                format!(
                    "na `{key}` staat geen dubbele punt, dus het wordt niet als sleutel gelezen"
                ),
                format!("schrijf een dubbele punt en een spatie na de sleutel: `{key}: {rest}`"),
            ),
        });
    }
    // A colon and a space inside a text: `comment: Budget: planned for 2026`.
    let text = lines.get(index)?;
    let (indent, key, value) = key_value(text)?;
    let value = without_comment(value);
    if !value.is_empty()
        && !value.starts_with(['"', '\'', '{', '[', '|', '>'])
        && (value.contains(": ") || value.ends_with(':'))
    {
        let column = indent + key.len() + 3;
        let quoted = value.replace('"', "\\\"");
        return Some(Mistake {
            line,
            column: column as u64,
            message: format!(
                "the text of `{key}` holds a colon followed by a space, which YAML reads as the start of another key"
            ),
            hint: format!("put the text in quotes: `{key}: \"{quoted}\"`"),
            dutch: (
                format!(
                    "de tekst van `{key}` bevat een dubbele punt met een spatie erna, die YAML leest als het begin van een nieuwe sleutel"
                ),
                format!("zet de tekst tussen aanhalingstekens: `{key}: \"{quoted}\"`"),
            ),
        });
    }
    None
}
