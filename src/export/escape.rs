//! Text from the document, made safe to place in Markdown: whatever a field
//! holds renders as that text on GitHub, GitLab and pandoc (CommonMark), and
//! never as markup the exporter did not write, nor as the structure the
//! exporter gives its own lists and labels. The Markdown importer undoes it
//! with [`unescape`], so export → import gives back every field exactly.
//!
//! The rule, minimal but complete (characters are escaped with a backslash,
//! which CommonMark allows before any ASCII punctuation):
//!
//! - `<` before a letter, `/`, `!` or `?` (an HTML tag, comment, declaration
//!   or processing instruction, or an autolink) — so no raw HTML reaches
//!   the reader; `a < b` stays as it is;
//! - `&` before a letter, digit or `#` (an entity such as `&lt;`);
//! - `]` before `:` (a link reference definition), and before `(` unless the
//!   link goes to an `http:`, `https:` or `mailto:` URL — so a link the
//!   export writes can only go there; `!` before `[` (no image);
//! - at the start of a line, after spaces and list or quote markers only:
//!   `>` (a block quote) and the `[` of a task-list box (`[ ]`, `[x]`);
//!   first on a line: the `#` of a heading (in the appendix notes only of
//!   levels 1 and 2), the first character of a line of only `=`, `-`, `*`
//!   or `_` (a heading underline or a rule), and a code fence that nothing
//!   closes (in list items and cells: every fence) — a field cannot cut the
//!   document into sections, drop a line as a rule, or swallow the rest as
//!   code; a closed fenced code block in a paragraph is left as it is;
//! - in list items, also the list markers that start a line (`-`, `+`, `*`,
//!   `1.`, `1)`), so a field cannot add items; inside the export's own
//!   emphasis (a question, an id, a dated follow-up) every `*`; in a
//!   label's value `|` (the separator of labels on one line);
//! - in table cells: `|` and `` ` ``, a `*` starting a line, and a line
//!   break becomes `<br>`;
//! - a backslash is doubled before a character `unescape` reads after one,
//!   and at the end of a line or of the text; the character after it is
//!   escaped too, so what the field wrote as `\<` shows as `\<`.
//!
//! Emphasis, code spans, and in paragraphs lists, tables and closed code
//! blocks, are left alone: they make elements the export uses itself.

use super::fences::{Fences, fences};

/// The characters [`unescape`] reads after a backslash, anywhere. (`.` and
/// `)` are read only after the digits that start a line: `1\.`.)
pub const ESCAPABLE: &[char] = &[
    '\\', '<', '>', '[', ']', '&', '!', '|', '`', '*', '-', '+', '#', '=', '_', '~',
];

/// Where the text goes, and so what it must not be able to start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Context {
    /// Paragraphs and headings.
    Paragraph,
    /// The appendix notes: free Markdown, whose headings from level 3 on
    /// stay headings (the importer keeps them in the notes).
    Notes,
    /// A list item, or a part of one.
    Item,
    /// Inside the export's `*…*` or `**…**`.
    Emphasis,
    /// The value after a bold label.
    Label,
    /// A table cell.
    Cell,
}

/// Text for paragraphs and headings. Closed fenced code blocks in it are
/// left as they are.
pub fn text(field: &str) -> String {
    escape(field, Context::Paragraph)
}

/// Text for the appendix notes: as [`text`], and headings of level 3 and
/// more stay headings.
pub fn notes(field: &str) -> String {
    escape(field, Context::Notes)
}

/// Text for a list item or a part of one.
pub fn item(field: &str) -> String {
    escape(field, Context::Item)
}

/// Text inside the export's own emphasis (`*question*`, `**W1**`).
pub fn emphasis(field: &str) -> String {
    escape(field, Context::Emphasis)
}

/// Text after a bold label (`**Services:** …`).
pub fn label(field: &str) -> String {
    escape(field, Context::Label)
}

/// Text for a table cell: also pipes and backticks escaped and line breaks as
/// `<br>`, so a cell can never break its table.
pub fn cell(field: &str) -> String {
    escape(field.trim(), Context::Cell)
}

/// Undoes the escaping (not the `<br>` of a cell, which the table reader
/// turns back into a line break): a backslash before a character of
/// [`ESCAPABLE`], or before the `.` or `)` after the digits that start a
/// line, is dropped. Elsewhere a backslash stays, as in CommonMark.
pub fn unescape(markdown: &str) -> String {
    if !markdown.contains('\\') {
        return markdown.to_string();
    }
    let mut out = String::with_capacity(markdown.len());
    let mut line = Line::Start;
    let mut chars = markdown.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        if c == '\\' && next.is_some_and(|n| line.reads_escape(n)) {
            if let Some(n) = chars.next() {
                out.push(n);
            }
            line = Line::Other;
        } else {
            out.push(c);
            line = line.then(c);
        }
    }
    out
}

/// Undoes [`text`] and [`notes`]: [`unescape`] outside the fenced code
/// blocks, which are taken as they are.
pub fn unescape_blocks(markdown: &str) -> String {
    if !markdown.contains('\\') {
        return markdown.to_string();
    }
    let blocks = fences(markdown);
    let mut out = String::with_capacity(markdown.len());
    let mut run = String::new();
    for (n, line) in markdown.split('\n').enumerate() {
        if n > 0 {
            run.push('\n');
        }
        if blocks.code[n] {
            out.push_str(&unescape(&run));
            run.clear();
            out.push_str(line);
        } else {
            run.push_str(line);
        }
    }
    out.push_str(&unescape(&run));
    out
}

/// What [`unescape`] turns back into `text`, for text that never went
/// through the escaping (a code block, front matter): the backslashes it
/// would read as escapes doubled.
pub fn protect(text: &str) -> String {
    if !text.contains('\\') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut line = Line::Start;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if c == '\\' && chars.peek().is_some_and(|n| line.reads_escape(*n)) {
            out.push('\\');
        }
        line = line.then(c);
    }
    out
}

/// What [`unescape_blocks`] turns back into `text`: [`protect`] outside the
/// fenced code blocks.
pub fn protect_blocks(text: &str) -> String {
    if !text.contains('\\') {
        return text.to_string();
    }
    let blocks = fences(text);
    let lines: Vec<String> = text
        .split('\n')
        .enumerate()
        .map(|(n, line)| {
            if blocks.code[n] {
                line.to_string()
            } else {
                protect(line)
            }
        })
        .collect();
    lines.join("\n")
}

/// How a line starts, as far as it has been read: whether `1.` here would
/// begin an ordered list. Tracked character by character, so that every
/// scan stays linear however long the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Line {
    /// Only spaces so far.
    Start,
    /// Spaces, then this many digits, the last character read.
    Digits(usize),
    /// Anything else.
    Other,
}

impl Line {
    fn then(self, c: char) -> Line {
        match (self, c) {
            (_, '\n') => Line::Start,
            (Line::Start, ' ' | '\t') => Line::Start,
            (Line::Start, '0'..='9') => Line::Digits(1),
            (Line::Digits(n), '0'..='9') => Line::Digits(n + 1),
            _ => Line::Other,
        }
    }

    /// Whether one to nine digits start the line and end here.
    fn after_ordinal(self) -> bool {
        matches!(self, Line::Digits(1..=9))
    }

    /// Whether [`unescape`] reads a backslash here, before `next`, as an
    /// escape.
    fn reads_escape(self, next: char) -> bool {
        ESCAPABLE.contains(&next) || (matches!(next, '.' | ')') && self.after_ordinal())
    }
}

fn escape(field: &str, context: Context) -> String {
    use Context::{Cell, Emphasis, Item, Label, Notes, Paragraph};
    let field = field.replace("\r\n", "\n");
    let chars: Vec<char> = field.chars().collect();
    let mut out = String::with_capacity(field.len() + field.len() / 16);
    let items = matches!(context, Item | Emphasis);
    let blocks = matches!(context, Paragraph | Notes);
    // Closed code blocks stay as they are; a fence that never closes is
    // escaped. (Elsewhere every fence is escaped.)
    let code = if blocks {
        fences(&field)
    } else {
        Fences::default()
    };
    let mut line_number = 0;
    // Only spaces and list or quote markers so far on this line.
    let mut line_prefix = true;
    // Only spaces so far on this line.
    let mut line_start = true;
    let mut first_line = true;
    let mut line = Line::Start;
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        // The end of the text, a line or a word: where a marker ends.
        let marker_end = next.is_none_or(|n| matches!(n, ' ' | '\t' | '\n'));
        let after_backslash = i > 0 && chars[i - 1] == '\\';
        if code.code.get(line_number).copied().unwrap_or(false) {
            out.push(c);
            if c == '\n' {
                line_number += 1;
                line = Line::Start;
            }
            continue;
        }
        let fence = if blocks {
            line_start && code.unclosed[line_number]
        } else {
            line_start && is_fence(&chars[i..])
        };
        let escaped = match c {
            '\\' => next.is_none_or(|n| n == '\n' || line.reads_escape(n)),
            '<' => next.is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?')),
            '&' => next.is_some_and(|n| n.is_ascii_alphanumeric() || n == '#'),
            ']' => match next {
                Some(':') => true,
                Some('(') => !safe_destination(&chars[i + 2..]),
                _ => false,
            },
            '!' => next == Some('['),
            '>' => line_prefix && context != Cell,
            '#' => {
                line_start
                    && context != Cell
                    && heading_level(&chars[i..]).is_some_and(|l| context != Notes || l < 3)
            }
            '=' | '_' => line_start && context != Cell && only_this_on_line(&chars[i..]),
            '~' => fence && context != Cell,
            '[' => line_prefix && context != Cell && is_task_box(&chars[i..]),
            '|' => matches!(context, Cell | Label),
            '`' => context == Cell || fence,
            '*' => {
                context == Emphasis
                    || (line_prefix && items)
                    // `*Notes:*` after a line break is the export's own.
                    || (line_prefix && context == Cell && !first_line)
                    || (line_start && context != Cell && only_this_on_line(&chars[i..]))
            }
            '-' => {
                (line_prefix && items && marker_end)
                    || (line_start && context != Cell && only_this_on_line(&chars[i..]))
            }
            '+' => line_prefix && items && marker_end,
            '.' | ')' => items && marker_end && line.after_ordinal(),
            _ => false,
        } || (after_backslash && c != '\\' && ESCAPABLE.contains(&c));
        line = line.then(c);
        if c == '\n' {
            line_prefix = true;
            line_start = true;
            first_line = false;
            line_number += 1;
            if context == Cell {
                out.push_str("<br>");
            } else {
                out.push('\n');
            }
            continue;
        }
        if escaped {
            out.push('\\');
        }
        out.push(c);
        line_prefix &= matches!(
            c,
            ' ' | '\t' | '>' | '-' | '+' | '*' | '.' | ')' | '0'..='9'
        );
        line_start &= matches!(c, ' ' | '\t');
    }
    out
}

/// One to six `#` and then a space or the end of the line: a heading of
/// that level.
fn heading_level(rest: &[char]) -> Option<usize> {
    let marks = rest.iter().take(7).take_while(|c| **c == '#').count();
    ((1..=6).contains(&marks)
        && rest
            .get(marks)
            .is_none_or(|c| matches!(c, ' ' | '\t' | '\n')))
    .then_some(marks)
}

/// Whether the line from here holds only this character and spaces: a
/// heading underline (`===`, `-`) or a thematic break (`***`, `___`).
fn only_this_on_line(rest: &[char]) -> bool {
    let c = rest[0];
    rest.iter()
        .take_while(|x| **x != '\n')
        .all(|x| *x == c || matches!(x, ' ' | '\t'))
}

/// Three or more backticks or tildes: a code fence (in a list item, where
/// every fence is escaped).
fn is_fence(rest: &[char]) -> bool {
    rest.iter().take(3).filter(|x| **x == rest[0]).count() == 3
}

/// `[ ]`, `[x]` or `[X]`: the box of a task-list item.
fn is_task_box(rest: &[char]) -> bool {
    matches!(rest, ['[', ' ' | 'x' | 'X', ']', ..])
}

/// Whether a link destination (the text after `](`) is an `http:`,
/// `https:` or `mailto:` URL.
fn safe_destination(rest: &[char]) -> bool {
    let start = rest
        .iter()
        .position(|c| !matches!(c, ' ' | '\t' | '\n'))
        .unwrap_or(rest.len());
    let scheme: String = rest[start..]
        .iter()
        .take(8)
        .map(char::to_ascii_lowercase)
        .collect();
    ["http://", "https://", "mailto:"]
        .iter()
        .any(|s| scheme.starts_with(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_entities_and_links_become_text() {
        assert_eq!(
            text("<script>alert(1)</script>"),
            r"\<script>alert(1)\</script>"
        );
        assert_eq!(text("a < b && c > d"), "a < b && c > d");
        assert_eq!(text("&lt;b&gt; &#60;"), r"\&lt;b\&gt; \&#60;");
        assert_eq!(
            text("see [x](javascript:alert(1))"),
            r"see [x\](javascript:alert(1))"
        );
        // At the start of a line `[x]` is also a task-list box.
        assert_eq!(
            text("[x](javascript:alert(1))"),
            r"\[x\](javascript:alert(1))"
        );
        assert_eq!(
            text("[docs](https://example.com)"),
            "[docs](https://example.com)"
        );
        assert_eq!(
            text("![x](https://t.example/p.png)"),
            r"\![x](https://t.example/p.png)"
        );
        assert_eq!(text("[ref]: javascript:y"), r"[ref\]: javascript:y");
        assert_eq!(
            text("> quoted\n- > nested\n- [ ] box"),
            "\\> quoted\n- \\> nested\n- \\[ ] box"
        );
        assert_eq!(text("x > y [ ] z"), "x > y [ ] z");
    }

    #[test]
    fn headings_rules_and_fences_cannot_cut_the_document() {
        assert_eq!(
            text("# Title\n## Sub\ntext #1"),
            "\\# Title\n\\## Sub\ntext #1"
        );
        assert_eq!(notes("## Two\n### Three"), "\\## Two\n### Three");
        assert_eq!(text("a\n---\nb\n==="), "a\n\\---\nb\n\\===");
        // A closed block stays as it is; one that never closes is escaped.
        let closed = "see:\n```rust\nlet v: Vec<u8> = a\\<b;\n```\nafter <b>";
        assert_eq!(
            text(closed),
            "see:\n```rust\nlet v: Vec<u8> = a\\<b;\n```\nafter \\<b>"
        );
        assert_eq!(text("```\nopen <b>"), "\\```\nopen \\<b>");
        assert_eq!(item("```\nx\n```"), "\\```\nx\n\\```");
        for field in [closed, "```\nopen <b>", "~~~~\nc\n~~~\n```\nd \\<"] {
            assert_eq!(unescape_blocks(&text(field)), field);
            assert_eq!(unescape_blocks(&notes(field)), field);
            assert_eq!(unescape_blocks(&protect_blocks(field)), field);
        }
    }

    #[test]
    fn backslashes_keep_their_meaning() {
        assert_eq!(text(r"C:\path"), r"C:\path");
        assert_eq!(text(r"a\<b"), r"a\\\<b");
        assert_eq!(text(r"a\*b"), r"a\\\*b");
        assert_eq!(
            item("1. one\n2) two\n- three\n* four"),
            "1\\. one\n2\\) two\n\\- three\n\\* four"
        );
        assert_eq!(item(r"1\. x"), r"1\\. x");
        assert_eq!(text("1. one\n- two"), "1. one\n- two");
        assert_eq!(emphasis("a *b* **c**"), r"a \*b\* \*\*c\*\*");
        assert_eq!(label("a | b"), r"a \| b");
        assert_eq!(text("ends\\"), "ends\\\\");
        assert_eq!(text("line\\\nnext"), "line\\\\\nnext");
    }

    #[test]
    fn cells_never_break_tables() {
        assert_eq!(cell("a | b"), r"a \| b");
        assert_eq!(cell("line one\nline two"), "line one<br>line two");
        assert_eq!(cell("run `ls`"), r"run \`ls\`");
        assert_eq!(cell(r"a\|b"), r"a\\\|b");
        assert_eq!(cell("a literal <br> tag"), r"a literal \<br> tag");
    }

    #[test]
    fn unescape_inverts_both() {
        for field in [
            r"<img src=x onerror=alert(1)> & &amp; \ \\ \< \\< [x](javascript:y) ![i](https://x) a|b `c` ]: > [ ] trailing\",
            "> one\n>> two\n  - [x] three\\\n\\",
            "1. a\n 22) b\n3\\. c\n- d\n+ e\n* f\n**g** 4. h",
            "",
        ] {
            assert_eq!(unescape(&text(field)), field);
            assert_eq!(unescape(&item(field)), field);
            assert_eq!(unescape(&emphasis(field)), field);
            assert_eq!(unescape(&label(field)), field);
            assert_eq!(unescape(&cell(field).replace("<br>", "\n")), field.trim());
            assert_eq!(unescape(&protect(field)), field);
        }
    }
}
