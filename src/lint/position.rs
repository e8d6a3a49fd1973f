//! From a finding's location (TOML path + byte range in the field's text) to
//! a line and column in the file. The source is parsed once; each lookup
//! walks the path, then maps the offset in the decoded string back to the
//! raw TOML text (escapes, multi-line strings, line-ending backslashes).

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use toml::de::{DeTable, DeValue};

use super::Location;
use crate::model::PathSeg;

/// A 1-based range in the file; columns count characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// Line of the start.
    pub line: usize,
    /// Column of the start.
    pub column: usize,
    /// Line of the end.
    pub end_line: usize,
    /// Column just past the end.
    pub end_column: usize,
}

/// A parsed source, ready for many lookups. Every lookup costs the path's
/// length plus a logarithm: the escapes of each string value and the
/// character counts of long lines are indexed once, so mapping thousands of
/// findings in a 1 MB field stays linear in the file.
pub struct SourceIndex<'a> {
    source: &'a str,
    root: Option<toml::Spanned<DeTable<'a>>>,
    line_starts: Vec<usize>,
    /// Characters before each multiple of [`CHECKPOINT`] bytes.
    chars_before: Vec<usize>,
    /// The escape table of each string value looked up so far, by the
    /// value's start.
    strings: RefCell<HashMap<usize, Rc<RawString>>>,
}

/// Bytes between two character-count checkpoints.
const CHECKPOINT: usize = 256;

/// Counts the characters of a UTF-8 byte slice (cut anywhere): the bytes
/// that are not continuation bytes.
fn char_starts(bytes: &[u8]) -> usize {
    bytes.iter().filter(|b| (**b as i8) >= -0x40).count()
}

impl<'a> SourceIndex<'a> {
    /// Parses `source` (a document that already loaded successfully).
    pub fn new(source: &'a str) -> SourceIndex<'a> {
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', source.as_bytes()).map(|i| i + 1));
        let mut chars_before = Vec::with_capacity(source.len() / CHECKPOINT + 1);
        let mut count = 0;
        for chunk in source.as_bytes().chunks(CHECKPOINT) {
            chars_before.push(count);
            count += char_starts(chunk);
        }
        SourceIndex {
            source,
            root: DeTable::parse(source).ok(),
            line_starts,
            chars_before,
            strings: RefCell::new(HashMap::new()),
        }
    }

    /// Characters in `source[..offset]`.
    fn chars_to(&self, offset: usize) -> usize {
        let block = offset / CHECKPOINT;
        let base = self.chars_before.get(block).copied().unwrap_or(0);
        base + char_starts(&self.source.as_bytes()[block * CHECKPOINT..offset])
    }

    /// 1-based line and column of a byte offset.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.source.len());
        while !self.source.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|s| *s <= offset);
        let start = self.line_starts[line - 1];
        (line, self.chars_to(offset) - self.chars_to(start) + 1)
    }

    /// Byte span of the value at `path` (for a table or array: of its key);
    /// the deepest existing part of the path when the rest is missing.
    /// The flag says whether the whole path was found at a scalar.
    fn value_span(&self, path: &[PathSeg]) -> Option<(std::ops::Range<usize>, bool)> {
        let root = self.root.as_ref()?;
        let mut table: Option<&DeTable> = Some(root.get_ref());
        let mut value: Option<&DeValue> = None;
        let mut span = None;
        let mut complete = true;
        for seg in path {
            let next = match (seg, table, value) {
                (PathSeg::Key(key), Some(t), _) => t
                    .iter()
                    .find(|(k, _)| k.get_ref().as_ref() == *key)
                    .map(|(k, v)| (k.span(), v)),
                (PathSeg::Index(i), _, Some(DeValue::Array(items))) => {
                    items.get(*i).map(|v| (v.span(), v))
                }
                _ => None,
            };
            let Some((key_span, next)) = next else {
                complete = false;
                break;
            };
            span = Some(match next.get_ref() {
                DeValue::Table(_) | DeValue::Array(_) => (key_span, false),
                _ => (next.span(), true),
            });
            value = Some(next.get_ref());
            table = match next.get_ref() {
                DeValue::Table(t) => Some(t),
                _ => None,
            };
        }
        span.map(|(s, scalar)| (s, scalar && complete))
    }

    /// The escape table of the string value at `value`.
    fn raw_string(&self, value: &std::ops::Range<usize>) -> Rc<RawString> {
        let mut strings = self.strings.borrow_mut();
        Rc::clone(
            strings
                .entry(value.start)
                .or_insert_with(|| Rc::new(RawString::new(&self.source[value.clone()]))),
        )
    }

    /// Where a finding is in the file.
    pub fn span(&self, location: &Location) -> Option<Span> {
        let (value, scalar) = self.value_span(&location.path)?;
        let (start, end) = match (&location.range, scalar) {
            (Some(range), true) => {
                let table = self.raw_string(&value);
                let raw = &self.source[value.clone()];
                (
                    value.start + table.offset(raw, range.start),
                    value.start + table.offset(raw, range.end),
                )
            }
            _ => (
                value.start,
                value.end.min(value.start + self.line_len_from(value.start)),
            ),
        };
        let (line, column) = self.line_column(start);
        let (end_line, end_column) = self.line_column(end.max(start));
        Some(Span {
            line,
            column,
            end_line,
            end_column,
        })
    }

    /// Bytes from `offset` to the end of its line.
    fn line_len_from(&self, offset: usize) -> usize {
        let next = self.line_starts.partition_point(|s| *s <= offset);
        match self.line_starts.get(next) {
            Some(start) => start - 1 - offset,
            None => self.source.len() - offset,
        }
    }
}

/// A raw TOML string literal (quotes included) and where its escapes are,
/// so that a decoded offset maps to a raw one by binary search.
struct RawString {
    /// The literal's length.
    len: usize,
    /// Where the value starts in the literal (after the quotes and the
    /// newline a multi-line string trims), or `None` for a non-string.
    start: Option<usize>,
    /// Each escape: decoded and raw offsets before and after it.
    escapes: Vec<Escape>,
}

#[derive(Debug, Clone, Copy)]
struct Escape {
    decoded_before: usize,
    decoded_after: usize,
    raw_after: usize,
}

impl RawString {
    fn new(raw: &str) -> RawString {
        let (open, basic) = if raw.starts_with("\"\"\"") {
            (3, true)
        } else if raw.starts_with("'''") {
            (3, false)
        } else if raw.starts_with('"') {
            (1, true)
        } else if raw.starts_with('\'') {
            (1, false)
        } else {
            return RawString {
                len: raw.len(),
                start: None,
                escapes: Vec::new(),
            };
        };
        let mut pos = open;
        // A newline right after the opening delimiter of a multi-line string is trimmed.
        if open == 3 {
            if raw[pos..].starts_with("\r\n") {
                pos += 2;
            } else if raw[pos..].starts_with('\n') {
                pos += 1;
            }
        }
        let start = pos;
        let mut escapes = Vec::new();
        if basic {
            let bytes = raw.as_bytes();
            // Decoded bytes so far = raw bytes since `start`, less what the
            // escapes before took.
            let mut shrink = 0usize;
            let mut at = start;
            while let Some(found) = memchr::memchr(b'\\', &bytes[at..]) {
                let slash = at + found;
                let rest = &raw[slash..];
                let decoded_before = slash - start - shrink;
                let (decoded_len, raw_len) = match rest[1..].chars().next() {
                    Some('u') => (unicode_len(rest.get(2..6)), 6),
                    Some('U') => (unicode_len(rest.get(2..10)), 10),
                    Some(' ' | '\t' | '\n' | '\r') => {
                        // Line-ending backslash: it and the whitespace after vanish.
                        let gap = rest[1..]
                            .find(|c: char| !c.is_whitespace())
                            .unwrap_or(rest.len() - 1);
                        (0, 1 + gap)
                    }
                    Some(other) => (1, 1 + other.len_utf8()),
                    None => (0, 1),
                };
                let raw_after = (slash + raw_len).min(raw.len());
                escapes.push(Escape {
                    decoded_before,
                    decoded_after: decoded_before + decoded_len,
                    raw_after,
                });
                shrink += (raw_after - slash).saturating_sub(decoded_len);
                at = raw_after;
                if at >= raw.len() {
                    break;
                }
            }
        }
        RawString {
            len: raw.len(),
            start: Some(start),
            escapes,
        }
    }

    /// The raw offset of decoded byte `decoded` in `raw` (the literal this
    /// table was built from): where a scan that decodes the literal from its
    /// start stops once it has decoded that many bytes.
    fn offset(&self, raw: &str, decoded: usize) -> usize {
        let Some(start) = self.start else {
            return decoded.min(self.len);
        };
        debug_assert_eq!(raw.len(), self.len);
        // The escapes the scan enters: those that begin before `decoded`.
        let entered = self.escapes.partition_point(|e| e.decoded_before < decoded);
        let at = match entered.checked_sub(1).map(|i| self.escapes[i]) {
            None => start + decoded,
            // `decoded` falls inside the escape: the scan stops after it.
            Some(e) if e.decoded_after >= decoded => e.raw_after,
            Some(e) => e.raw_after + (decoded - e.decoded_after),
        };
        // Inside a character, the scan stops after it.
        let mut at = at.min(self.len);
        while !raw.is_char_boundary(at) {
            at += 1;
        }
        at
    }
}

/// The UTF-8 length of the character a `\u`/`\U` escape names (1 when the
/// escape is malformed).
fn unicode_len(hex: Option<&str>) -> usize {
    u32::from_str_radix(hex.unwrap_or(""), 16)
        .ok()
        .and_then(char::from_u32)
        .map_or(1, char::len_utf8)
}

/// The byte offset in a raw TOML string literal (quotes included) of the
/// byte `decoded` of its value.
pub fn raw_offset(raw: &str, decoded: usize) -> usize {
    RawString::new(raw).offset(raw, decoded)
}

#[cfg(test)]
mod tests {
    use super::*;
    use PathSeg::{Index, Key};

    fn loc(path: Vec<PathSeg>, range: std::ops::Range<usize>) -> Location {
        Location {
            path,
            range: Some(range),
            ..Location::default()
        }
    }

    #[test]
    fn offsets_inside_basic_strings_skip_escapes() {
        let raw = r#""a \"b\" Sarah""#;
        // decoded: a "b" Sarah  → "Sarah" at decoded byte 6
        assert_eq!(&raw[raw_offset(raw, 6)..raw_offset(raw, 11)], "Sarah");
    }

    #[test]
    fn offsets_inside_multiline_strings_count_lines() {
        let source = "summary = \"\"\"\nFirst line.\nSarah restarted it.\n\"\"\"\n";
        let index = SourceIndex::new(source);
        // decoded: "First line.\nSarah restarted it.\n"; Sarah at byte 12.
        let span = index
            .span(&loc(vec![Key("summary")], 12..17))
            .expect("span");
        assert_eq!((span.line, span.column, span.end_column), (3, 1, 6));
    }

    #[test]
    fn offsets_in_array_tables() {
        let source = "[[timeline]]\nid = \"T1\"\ntext = \"The on-call, Bob, restarted\"\n";
        let index = SourceIndex::new(source);
        let span = index
            .span(&loc(vec![Key("timeline"), Index(0), Key("text")], 13..16))
            .expect("span");
        assert_eq!((span.line, span.column, span.end_column), (3, 22, 25));
    }

    #[test]
    fn missing_fields_point_at_the_deepest_existing_part() {
        let source = "schema = 1\n[meta]\ntitle = \"x\"\n";
        let index = SourceIndex::new(source);
        let span = index
            .span(&Location {
                path: vec![Key("meta"), Key("severity")],
                ..Location::default()
            })
            .expect("span");
        assert_eq!(span.line, 2);
    }

    /// The scan the escape table replaces: decode from the start, one
    /// character at a time, until `decoded` bytes are decoded.
    fn scanned_offset(raw: &str, decoded: usize) -> usize {
        let (open, basic) = if raw.starts_with("\"\"\"") {
            (3, true)
        } else if raw.starts_with("'''") {
            (3, false)
        } else if raw.starts_with('"') {
            (1, true)
        } else if raw.starts_with('\'') {
            (1, false)
        } else {
            return decoded.min(raw.len());
        };
        let mut pos = open;
        // A newline right after the opening delimiter of a multi-line string is trimmed.
        if open == 3 {
            if raw[pos..].starts_with("\r\n") {
                pos += 2;
            } else if raw[pos..].starts_with('\n') {
                pos += 1;
            }
        }
        let mut count = 0; // decoded bytes so far
        while count < decoded && pos < raw.len() {
            let rest = &raw[pos..];
            let Some(c) = rest.chars().next() else { break };
            if basic && c == '\\' {
                let next = rest[1..].chars().next();
                match next {
                    Some('u') => {
                        let ch = u32::from_str_radix(rest.get(2..6).unwrap_or(""), 16)
                            .ok()
                            .and_then(char::from_u32);
                        count += ch.map_or(1, char::len_utf8);
                        pos += 6;
                    }
                    Some('U') => {
                        let ch = u32::from_str_radix(rest.get(2..10).unwrap_or(""), 16)
                            .ok()
                            .and_then(char::from_u32);
                        count += ch.map_or(1, char::len_utf8);
                        pos += 10;
                    }
                    Some(w) if w == ' ' || w == '\t' || w == '\n' || w == '\r' => {
                        // Line-ending backslash: it and the whitespace after vanish.
                        pos += 1;
                        pos += rest[1..]
                            .find(|c: char| !c.is_whitespace())
                            .unwrap_or(rest.len() - 1);
                    }
                    Some(other) => {
                        count += 1;
                        pos += 1 + other.len_utf8();
                    }
                    None => pos += 1,
                }
            } else {
                count += c.len_utf8();
                pos += c.len_utf8();
            }
        }
        pos.min(raw.len())
    }
    proptest::proptest! {
        #[test]
        fn escape_tables_agree_with_a_scan(
            body in r#"([a-zé "\\\n]|\\u00e9|\\U0001F600|\\\n  |\\[nt"])*"#,
            quotes in 0..4usize,
        ) {
            let raw = match quotes {
                0 => format!("\"{body}\""),
                1 => format!("\"\"\"\n{body}\"\"\""),
                2 => format!("'{body}'"),
                _ => format!("'''{body}'''"),
            };
            for decoded in 0..raw.len() + 2 {
                proptest::prop_assert_eq!(
                    raw_offset(&raw, decoded),
                    scanned_offset(&raw, decoded),
                    "{:?} at {}",
                    raw,
                    decoded
                );
            }
        }
    }

    #[test]
    fn columns_count_characters_on_long_lines() {
        let line = "é".repeat(1000);
        let source = format!("a = 1\nsummary = \"{line}Bob\"\n");
        let index = SourceIndex::new(&source);
        let bob = source.find("Bob").expect("Bob");
        assert_eq!(index.line_column(bob), (2, "summary = \"".len() + 1000 + 1));
    }
}
