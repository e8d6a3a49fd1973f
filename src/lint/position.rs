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
    /// The parsed text with where it starts in `source`: the whole file or,
    /// for a large document, the text before and after its run of timeline
    /// blocks (a tree of 100,000 events would take ten times the file).
    parts: Vec<(usize, toml::Spanned<DeTable<'a>>)>,
    /// Where each timeline block starts and where their run ends, when the
    /// blocks are left out of `parts`: one is parsed when a finding is in it.
    blocks: Option<Vec<usize>>,
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
        let (parts, blocks) = parse_parts(source);
        SourceIndex {
            source,
            parts,
            blocks,
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
        if let (Some(blocks), [PathSeg::Key("timeline"), PathSeg::Index(i), rest @ ..]) =
            (&self.blocks, path)
            && let Some(range) = blocks.get(*i..*i + 2)
        {
            let block = DeTable::parse(&self.source[range[0]..range[1]]).ok()?;
            let mut inner = vec![PathSeg::Key("timeline"), PathSeg::Index(0)];
            inner.extend_from_slice(rest);
            let (span, scalar) = walk(block.get_ref(), &inner)?;
            return Some((span.start + range[0]..span.end + range[0], scalar));
        }
        self.parts.iter().find_map(|(offset, root)| {
            walk(root.get_ref(), path)
                .map(|(span, scalar)| (span.start + offset..span.end + offset, scalar))
        })
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

/// Below this size the whole file is parsed at once.
const SPLIT_FROM: usize = 1 << 20;

type Parts<'a> = Vec<(usize, toml::Spanned<DeTable<'a>>)>;

/// The parts of `source` to look paths up in, and the timeline blocks left
/// out of them (see [`SourceIndex`]). A large document whose run of
/// timeline blocks cannot be told apart safely is parsed whole.
fn parse_parts(source: &str) -> (Parts<'_>, Option<Vec<usize>>) {
    let whole = || {
        (
            DeTable::parse(source)
                .ok()
                .map(|t| (0, t))
                .into_iter()
                .collect(),
            None,
        )
    };
    if source.len() < SPLIT_FROM {
        return whole();
    }
    let Some(blocks) = crate::store::timeline_blocks(source).filter(|b| b.len() >= 3) else {
        return whole();
    };
    let (start, end) = (blocks[0], blocks[blocks.len() - 1]);
    let (head, tail) = (&source[..start], &source[end..]);
    if tail.contains("[timeline") || tail.contains("[[timeline") {
        return whole();
    }
    match (DeTable::parse(head), DeTable::parse(tail)) {
        (Ok(head), Ok(tail)) => (vec![(0, head), (end, tail)], Some(blocks)),
        _ => whole(),
    }
}

/// The span of `path` in `root` (see [`SourceIndex::value_span`]); `None`
/// when its first key is not there.
fn walk(root: &DeTable, path: &[PathSeg]) -> Option<(std::ops::Range<usize>, bool)> {
    let mut table: Option<&DeTable> = Some(root);
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
mod tests;
