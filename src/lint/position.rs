//! From a finding's location (TOML path + byte range in the field's text) to
//! a line and column in the file. The source is parsed once; each lookup
//! walks the path, then maps the offset in the decoded string back to the
//! raw TOML text (escapes, multi-line strings, line-ending backslashes).

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

/// A parsed source, ready for many lookups.
pub struct SourceIndex<'a> {
    source: &'a str,
    root: Option<toml::Spanned<DeTable<'a>>>,
    line_starts: Vec<usize>,
}

impl<'a> SourceIndex<'a> {
    /// Parses `source` (a document that already loaded successfully).
    pub fn new(source: &'a str) -> SourceIndex<'a> {
        let mut line_starts = vec![0];
        line_starts.extend(source.match_indices('\n').map(|(i, _)| i + 1));
        SourceIndex {
            source,
            root: DeTable::parse(source).ok(),
            line_starts,
        }
    }

    /// 1-based line and column of a byte offset.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.source.len());
        while !self.source.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|s| *s <= offset);
        let start = self.line_starts[line - 1];
        (line, self.source[start..offset].chars().count() + 1)
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

    /// Where a finding is in the file.
    pub fn span(&self, location: &Location) -> Option<Span> {
        let (value, scalar) = self.value_span(&location.path)?;
        let (start, end) = match (&location.range, scalar) {
            (Some(range), true) => {
                let raw = &self.source[value.clone()];
                (
                    value.start + raw_offset(raw, range.start),
                    value.start + raw_offset(raw, range.end),
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

    fn line_len_from(&self, offset: usize) -> usize {
        self.source[offset..]
            .find('\n')
            .unwrap_or(self.source.len() - offset)
    }
}

/// The byte offset in a raw TOML string literal (quotes included) of the
/// byte `decoded` of its value.
pub fn raw_offset(raw: &str, decoded: usize) -> usize {
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
}
