//! Texts as YAML scalars that read back as exactly the same string: the one quoting of every
//! file dei writes (`dei init`'s template, `dei combine`'s draft, the answers `dei serve` saves).
//!
//! Why one function: a writer that quotes a little differently is a writer where some answer,
//! organisation key or path can change the structure of the file. The quoted form is a JSON
//! string (JSON is YAML), with every character YAML does not allow as it is escaped.

use std::fmt::Write as _;

/// `text` as a double-quoted scalar, whatever it holds: `"`, `\` and the control characters as
/// JSON escapes them (`\n`, `\u0007`), and the other characters that YAML does not print
/// (DEL, the C1 controls, the byte-order mark, U+FFFE and U+FFFF) as `\u` escapes such as
/// `\u007F`. Also a valid JSON string.
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if is_printable(c) => out.push(c),
            c => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
        }
    }
    out.push('"');
    out
}

/// `text` as a scalar: plain where YAML reads it back as this very text (such as `ngo-dei`,
/// `../tailoring.yaml`, `staff`), [`quoted`] otherwise (`"yes"`, `"1.5"`, `"a: b"`).
pub fn scalar(text: &str) -> String {
    let plain_safe = text
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_.-/() ".contains(c))
        && !text.ends_with(' ')
        && !text.contains("  ")
        && !looks_numeric(text)
        && !matches!(
            text.to_ascii_lowercase().as_str(),
            "y" | "n"
                | "yes"
                | "no"
                | "true"
                | "false"
                | "on"
                | "off"
                | "null"
                | ".inf"
                | ".nan"
                | "-.inf"
                | "+.inf"
        );
    if plain_safe {
        text.to_owned()
    } else {
        quoted(text)
    }
}

/// YAML's printable characters (YAML 1.2, `c-printable`), without the byte-order mark.
pub fn is_printable(c: char) -> bool {
    matches!(c,
        '\u{20}'..='\u{7E}'
        | '\u{A0}'..='\u{D7FF}'
        | '\u{E000}'..='\u{FEFE}'
        | '\u{FF00}'..='\u{FFFD}'
        | '\u{10000}'..='\u{10FFFF}')
}

/// True when YAML could read `text` as a number (decimal, hexadecimal, octal, with
/// underscores) rather than as text.
fn looks_numeric(text: &str) -> bool {
    text.parse::<f64>().is_ok()
        || (text.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '+' || c == '.')
            && text
                .chars()
                .all(|c| c.is_ascii_hexdigit() || "xXoO_+-.".contains(c))
            && text.matches('.').count() <= 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_read_back_as_written() {
        assert_eq!(scalar("ngo-dei"), "ngo-dei");
        assert_eq!(scalar("../tailoring.yaml"), "../tailoring.yaml");
        assert_eq!(scalar("yes"), "\"yes\"");
        assert_eq!(scalar("1.5"), "\"1.5\"");
        assert_eq!(scalar("a: b"), "\"a: b\"");
        assert_eq!(scalar("(period)"), "\"(period)\"");
        assert_eq!(scalar("x\"\n"), "\"x\\\"\\n\"");
        for text in [
            "",
            "yes",
            "a: b",
            "x\"\\\n\t\u{7}\u{7f}\u{85}\u{feff}\u{ffff}",
            "ü €",
        ] {
            let read: String = serde_saphyr::from_str(&scalar(text)).expect("reads back");
            assert_eq!(read, text, "{text:?}");
        }
    }

    #[test]
    fn quoted_is_json_where_json_needs_no_more() {
        for text in [
            "plain",
            "say \"hi\"",
            "back\\slash",
            "line\nbreak\ttab\u{1b}",
            "ü €",
        ] {
            assert_eq!(quoted(text), serde_json::to_string(text).expect("a string"));
        }
        assert_eq!(quoted("\u{7f}\u{85}\u{feff}"), "\"\\u007f\\u0085\\ufeff\"");
    }
}
