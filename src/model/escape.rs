//! Text from input shown in a message: control characters escaped, so a
//! log line or a field cannot drive the terminal (set its title, clear the
//! screen) or forge a line of output.

use std::borrow::Cow;
use std::fmt::Write;

/// `text` with every control character written as an escape: `\n`, `\r`,
/// `\t`, `\x1b` for the rest of C0 and DEL, `\u{9b}` for C1. Text without
/// any is returned as it is.
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x80 && c.is_control() => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_escaped_and_plain_text_is_borrowed() {
        assert!(matches!(escape_controls("plain — ü"), Cow::Borrowed(_)));
        assert_eq!(
            escape_controls("a\x1b]0;owned\x07b\nc\u{9b}2J\x7f"),
            "a\\x1b]0;owned\\x07b\\nc\\u{9b}2J\\x7f"
        );
    }
}
