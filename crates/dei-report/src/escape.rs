//! Escaping: text from answers files (and plain checklist texts) made inert in Markdown, HTML
//! and SVG.
//!
//! Invariant: every string that comes from an answers file passes through [`escape_inline`]
//! before it enters the report model, so it can never start a heading, a list, a table cell,
//! a link, an image, emphasis, code or raw HTML. Templates insert model strings as they are.

/// Escapes text so that Markdown shows it literally, on one line.
///
/// - Control characters (including newlines and tabs) become spaces and runs of whitespace
///   collapse to one space: the text can never start a new block (heading, list, quote, code
///   block, table row, setext underline) or break a table cell.
/// - Every ASCII character that can start inline syntax is backslash-escaped: ``\ ` * _ [ ] < >
///   # | ! ~ &``. CommonMark shows a backslash-escaped punctuation character as itself, so `<`
///   can no longer open HTML or an autolink, `&` no entity, `[` no link or image, `|` no cell.
/// - At the start, characters that would open a block when the text begins a line are escaped:
///   `-`, `+`, `=` and the `.` or `)` after leading digits (`1. ` would start a list).
///
/// Template syntax such as `{{ }}` needs no escaping: templates receive it as data and never
/// evaluate it.
pub fn escape_inline(text: &str) -> String {
    let flat = flatten(text);
    let mut out = String::with_capacity(flat.len() + flat.len() / 8);
    let leading_digits = flat.chars().take_while(char::is_ascii_digit).count();
    for (position, c) in flat.chars().enumerate() {
        let at_start = position == 0;
        let after_leading_digits = position == leading_digits && leading_digits > 0;
        let escape = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '!' | '~' | '&' => true,
            '-' | '+' | '=' => at_start,
            '.' | ')' => after_leading_digits,
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Control characters to spaces, whitespace runs to one space, trimmed; invisible characters
/// (bidi controls, zero-width spaces) shown as their code point, such as `<U+200B>` (`dei_core::visible`), so a
/// right-to-left override cannot make an address read as another.
fn flatten(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if dei_core::visible::is_invisible(c) && !c.is_whitespace() {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            dei_core::visible::visible_char(c, &mut out);
        } else if c.is_whitespace() || c.is_control() {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

/// A Markdown link when `url` is a plain web or mail address; otherwise the escaped title
/// followed by the escaped address as text. Other schemes (`javascript:`, `data:`, `file:`) and
/// addresses with spaces or angle brackets never become links.
pub fn link(title: &str, url: &str) -> String {
    if is_safe_url(url) {
        format!("[{}](<{url}>)", escape_inline(title))
    } else if url.trim().is_empty() {
        escape_inline(title)
    } else {
        format!("{} ({})", escape_inline(title), escape_inline(url))
    }
}

/// Evidence as written: an autolink when the entry is exactly a plain web address, escaped text
/// otherwise.
pub fn evidence_entry(entry: &str) -> String {
    let trimmed = entry.trim();
    if trimmed.starts_with("http") && is_safe_url(trimmed) {
        format!("<{trimmed}>")
    } else {
        escape_inline(entry)
    }
}

/// True for `https://`, `http://` and `mailto:` addresses without whitespace, control
/// characters, angle brackets, backslashes or quotes.
pub fn is_safe_url(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let scheme_ok = ["https://", "http://", "mailto:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme) && lower.len() > scheme.len());
    scheme_ok
        && !url.chars().any(|c| {
            c.is_whitespace()
                || c.is_control()
                || dei_core::visible::is_invisible(c)
                || matches!(c, '<' | '>' | '\\' | '"' | '\'' | '`')
        })
}

/// Escapes text for XML and HTML content and attribute values.
pub fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_stays_readable() {
        assert_eq!(
            escape_inline("Annual report 2025, p. 12"),
            "Annual report 2025, p. 12"
        );
        assert_eq!(escape_inline("  two\n lines\t here "), "two lines here");
    }

    #[test]
    fn syntax_is_escaped() {
        assert_eq!(escape_inline("# Title"), "\\# Title");
        assert_eq!(escape_inline("- item"), "\\- item");
        assert_eq!(escape_inline("1. item"), "1\\. item");
        assert_eq!(escape_inline("12) item"), "12\\) item");
        assert_eq!(escape_inline("a | b"), "a \\| b");
        assert_eq!(escape_inline("<script>"), "\\<script\\>");
        assert_eq!(escape_inline("AT&T"), "AT\\&T");
        assert_eq!(escape_inline("2025 - 2026"), "2025 - 2026");
        assert_eq!(escape_inline("=="), "\\==");
    }

    #[test]
    fn urls_are_checked() {
        assert!(is_safe_url("https://example.org/a?b=c"));
        assert!(!is_safe_url("javascript:alert(1)"));
        assert!(!is_safe_url("https://"));
        assert!(!is_safe_url("https://a b"));
        assert_eq!(link("T", "javascript:alert(1)"), "T (javascript:alert(1))");
        assert_eq!(link("[x]", "https://e.org"), "[\\[x\\]](<https://e.org>)");
    }
}
