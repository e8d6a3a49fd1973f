//! Turning byte offsets and document paths into line and column.

use toml::de::{DeTable, DeValue};

use crate::model::PathSeg;

/// A 1-based line and column (columns count characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column in characters.
    pub column: usize,
}

/// The line and column of a byte offset in `source`.
pub fn position_of(source: &str, offset: usize) -> Position {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    Position { line, column }
}

/// One step of a path into a TOML document, with a borrowed key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step<'a> {
    /// A table key.
    Key(&'a str),
    /// An array index.
    Index(usize),
}

/// Where the value at `path` is written in `source`; the deepest part of
/// the path that exists when the rest does not.
pub fn locate(source: &str, path: &[PathSeg]) -> Option<Position> {
    let steps: Vec<Step> = path
        .iter()
        .map(|seg| match seg {
            PathSeg::Key(k) => Step::Key(k),
            PathSeg::Index(i) => Step::Index(*i),
        })
        .collect();
    locate_steps(source, &steps)
}

/// [`locate`] for a path whose keys are not known at compile time.
pub fn locate_steps(source: &str, path: &[Step]) -> Option<Position> {
    let root = DeTable::parse(source).ok()?;
    let mut span = None;
    let mut table: Option<&DeTable> = Some(root.get_ref());
    let mut value: Option<&DeValue> = None;
    for seg in path {
        let next = match (seg, table, value) {
            (Step::Key(key), Some(t), _) => t
                .iter()
                .find(|(k, _)| k.get_ref().as_ref() == *key)
                .map(|(k, v)| (k.span(), v)),
            (Step::Index(i), _, Some(DeValue::Array(items))) => {
                items.get(*i).map(|v| (v.span(), v))
            }
            _ => None,
        };
        let Some((key_span, next)) = next else { break };
        // Point at the key for tables, at the value for scalars.
        span = Some(match next.get_ref() {
            DeValue::Table(_) | DeValue::Array(_) => key_span,
            _ => next.span(),
        });
        value = Some(next.get_ref());
        table = match next.get_ref() {
            DeValue::Table(t) => Some(t),
            _ => None,
        };
    }
    span.map(|s| position_of(source, s.start))
}
