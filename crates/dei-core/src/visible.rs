//! Text made safe to show: control characters and invisible characters made visible.
//!
//! Why: names, ids, values and evidence come from files anyone can write. Printed raw, an
//! escape sequence clears the screen, rewrites a line into a fake "ok" or sets the window
//! title; a right-to-left override makes an evidence address read as another; a zero-width
//! space makes two different ids look identical in "did you mean" hints. So every printer
//! (diagnostics, `score`, `validate`, `benchmark`'s messages, reports) shows user text through
//! [`visible`] (one line) or [`visible_lines`] (several), and such a character appears as
//! `<U+202E>`. Text made only of spaces and invisible characters counts as empty
//! ([`is_blank`]).

use std::borrow::Cow;

/// True for characters that change how text displays without showing themselves: bidi
/// controls (embeddings, overrides, isolates, marks), zero-width spaces and joiners, word
/// joiners and invisible operators, the byte-order mark, the soft hyphen, Hangul fillers,
/// the Mongolian vowel separator and the Unicode tag characters.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{2028}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{E0000}'..='\u{E007F}'
    )
}

/// True for characters that `visible` replaces: control characters and invisible ones.
fn needs_showing(c: char, keep_newlines: bool) -> bool {
    if keep_newlines && (c == '\n' || c == '\t') {
        return false;
    }
    c.is_control() || is_invisible(c)
}

/// One line of text with every control character (newlines and tabs included) and every
/// invisible character written as its code point, such as `<U+200B>`. Borrowed when there is nothing to show.
pub fn visible(text: &str) -> Cow<'_, str> {
    show(text, false)
}

/// Like [`visible`], keeping newlines and tabs: for whole outputs made of lines.
pub fn visible_lines(text: &str) -> Cow<'_, str> {
    show(text, true)
}

/// How `visible` writes one character (the character itself when it needs no showing).
pub fn visible_char(c: char, out: &mut String) {
    if needs_showing(c, false) {
        use std::fmt::Write as _;
        let _ = write!(out, "<U+{:04X}>", u32::from(c));
    } else {
        out.push(c);
    }
}

fn show(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    if !text.chars().any(|c| needs_showing(c, keep_newlines)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if needs_showing(c, keep_newlines) {
            visible_char(c, &mut out);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// True when the text has nothing to read: only whitespace, control and invisible characters.
/// Evidence, N/A reasons, comments and names like that count as empty.
pub fn is_blank(text: &str) -> bool {
    text.chars()
        .all(|c| c.is_whitespace() || c.is_control() || is_invisible(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_invisible_characters_are_shown() {
        assert_eq!(visible("a\u{1b}[2Jb"), "a<U+001B>[2Jb");
        assert_eq!(visible("s.\u{200B}a"), "s.<U+200B>a");
        assert_eq!(visible("x\ny"), "x<U+000A>y");
        assert_eq!(visible_lines("x\ny\u{202E}"), "x\ny<U+202E>");
        assert!(matches!(visible("plain é ü 中"), Cow::Borrowed(_)));
        assert!(is_blank(" \u{200B}\u{2060}\u{FEFF} "));
        assert!(!is_blank(" a\u{200B}"));
    }
}
