//! One `[[timeline]]` block read straight into an [`Event`], for the
//! common shape debrief itself writes: one `key = value` per line, basic
//! strings, a native offset date-time, booleans and one-line arrays of
//! strings. The `toml` crate reads about 15 MB of text a second, which made
//! a 100,000-event document take half a second to open; this reads that
//! shape an order of magnitude faster.
//!
//! It accepts a strict subset of TOML and gives `None` for anything else
//! (comments, literal or multi-line strings, quoted or dotted keys,
//! sub-tables, a duplicate or unknown key, an escape outside TOML 1.0's, a
//! control character, a date-time in another form): the caller then hands
//! the block to `toml`, so every document reads exactly as `toml` reads it
//! and every error is still `toml`'s.

use chrono::{FixedOffset, NaiveDate, TimeZone};
use serde::Deserialize;
use serde::de::IntoDeserializer;
use serde::de::value::Error as ValueError;

use crate::model::{ActorKind, Event, Mark, Timestamp};

/// The event in `block` (which starts with its `[[timeline]]` line), or
/// `None` when the block is not in the shape this reads.
pub(super) fn event(block: &str) -> Option<Event> {
    let mut lines = block.split('\n');
    if strip_cr(lines.next()?) != "[[timeline]]" {
        return None;
    }
    let mut fields = Fields::default();
    for line in lines {
        let line = strip_cr(line);
        if line.bytes().all(|b| b == b' ' || b == b'\t') {
            continue;
        }
        let (key, value) = line.split_once('=')?;
        fields.set(key.trim_matches([' ', '\t']), value)?;
    }
    fields.into_event()
}

fn strip_cr(line: &str) -> &str {
    line.strip_suffix('\r').unwrap_or(line)
}

/// The fields read so far; a second value for one gives `None`.
#[derive(Default)]
struct Fields {
    id: Option<String>,
    at: Option<Timestamp>,
    text: Option<String>,
    source: Option<String>,
    actor: Option<String>,
    actor_kind: Option<ActorKind>,
    marks: Option<Vec<Mark>>,
    gap: Option<bool>,
    private: Option<bool>,
    ignore: Option<Vec<String>>,
}

impl Fields {
    /// Reads `value` (the rest of the line after `=`) into the field `key`.
    fn set(&mut self, key: &str, value: &str) -> Option<()> {
        let value = Value::new(value);
        match key {
            "id" => put(&mut self.id, value.string()?),
            "at" => put(&mut self.at, value.timestamp()?),
            "text" => put(&mut self.text, value.string()?),
            "source" => put(&mut self.source, value.string()?),
            "actor" => put(&mut self.actor, value.string()?),
            "actor_kind" => put(&mut self.actor_kind, named(&value.string()?)?),
            "marks" => put(
                &mut self.marks,
                value
                    .strings()?
                    .iter()
                    .map(|m| named(m))
                    .collect::<Option<_>>()?,
            ),
            "gap" => put(&mut self.gap, value.boolean()?),
            "private" => put(&mut self.private, value.boolean()?),
            "ignore" => put(&mut self.ignore, value.strings()?),
            _ => None,
        }
    }

    fn into_event(self) -> Option<Event> {
        Some(Event {
            id: self.id?,
            at: self.at?,
            text: self.text?,
            source: self.source.unwrap_or_default(),
            actor: self.actor.unwrap_or_default(),
            actor_kind: self.actor_kind.unwrap_or_default(),
            marks: self.marks.unwrap_or_default(),
            gap: self.gap.unwrap_or_default(),
            private: self.private.unwrap_or_default(),
            ignore: self.ignore.unwrap_or_default(),
            provenance: None,
        })
    }
}

/// Sets `slot` once; a duplicate key gives `None`.
fn put<T>(slot: &mut Option<T>, value: T) -> Option<()> {
    if slot.is_some() {
        return None;
    }
    *slot = Some(value);
    Some(())
}

/// A unit enum from its name in the file, through its own serde names.
fn named<'de, T: Deserialize<'de>>(name: &str) -> Option<T> {
    T::deserialize(IntoDeserializer::<ValueError>::into_deserializer(name)).ok()
}

/// The text after `=`: one value, then only blanks to the line's end.
struct Value<'a>(&'a str);

impl<'a> Value<'a> {
    fn new(text: &'a str) -> Self {
        Value(text.trim_matches([' ', '\t']))
    }

    fn string(&self) -> Option<String> {
        let (s, rest) = one_line_string(self.0)?;
        rest.is_empty().then_some(s)
    }

    fn boolean(&self) -> Option<bool> {
        match self.0 {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        }
    }

    /// A one-line array of strings, a trailing comma allowed.
    fn strings(&self) -> Option<Vec<String>> {
        let mut rest = self.0.strip_prefix('[')?.strip_suffix(']')?;
        let mut items = Vec::new();
        loop {
            rest = rest.trim_start_matches([' ', '\t']);
            if rest.is_empty() {
                return Some(items);
            }
            let (item, after) = one_line_string(rest)?;
            items.push(item);
            rest = after.trim_start_matches([' ', '\t']);
            match rest.strip_prefix(',') {
                Some(after) => rest = after,
                None => return rest.is_empty().then_some(items),
            }
        }
    }

    /// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`, as debrief writes it.
    fn timestamp(&self) -> Option<Timestamp> {
        let b = self.0.as_bytes();
        let digits = |from: usize, len: usize| -> Option<u32> {
            let part = b.get(from..from + len)?;
            part.iter().try_fold(0u32, |n, d| {
                d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
            })
        };
        let separators = [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':')];
        if separators.iter().any(|(at, c)| b.get(*at) != Some(c)) {
            return None;
        }
        let (year, month, day) = (digits(0, 4)?, digits(5, 2)?, digits(8, 2)?);
        let (hour, minute, second) = (digits(11, 2)?, digits(14, 2)?, digits(17, 2)?);
        let mut at = 19;
        let mut nanos = 0;
        if b.get(at) == Some(&b'.') {
            let count = b[at + 1..]
                .iter()
                .take_while(|d| d.is_ascii_digit())
                .count();
            if count == 0 || count > 9 {
                return None;
            }
            nanos = digits(at + 1, count)? * 10u32.pow(9 - count as u32);
            at += 1 + count;
        }
        let offset = match (b.get(at), b.len() - at) {
            (Some(b'Z'), 1) => 0,
            (Some(sign @ (b'+' | b'-')), 6) if b[at + 3] == b':' => {
                let (hours, minutes) = (digits(at + 1, 2)?, digits(at + 4, 2)?);
                if hours > 23 || minutes > 59 {
                    return None;
                }
                let seconds = ((hours * 60 + minutes) * 60) as i32;
                if *sign == b'-' { -seconds } else { seconds }
            }
            _ => return None,
        };
        if second > 59 {
            return None;
        }
        let naive = NaiveDate::from_ymd_opt(year as i32, month, day)?
            .and_hms_nano_opt(hour, minute, second, nanos)?;
        FixedOffset::east_opt(offset)?
            .from_local_datetime(&naive)
            .single()
    }
}

/// A basic or literal string at the start of `text` (not a multi-line
/// one), and the text after its closing quote.
fn one_line_string(text: &str) -> Option<(String, &str)> {
    match text.as_bytes().first()? {
        b'"' if !text.starts_with("\"\"\"") => basic_string(&text[1..]),
        b'\'' if !text.starts_with("'''") => {
            let body = &text[1..];
            let end = body.find('\'')?;
            let content = &body[..end];
            content
                .chars()
                .all(|c| !forbidden(c))
                .then(|| (content.to_string(), &body[end + 1..]))
        }
        _ => None,
    }
}

/// A control character TOML allows in no one-line string (tab is allowed).
fn forbidden(c: char) -> bool {
    c != '\t' && (c < ' ' || c == '\u{7f}')
}

/// The rest of a basic string after its opening quote: its content (only
/// TOML 1.0's escapes) and the text after its closing quote.
fn basic_string(body: &str) -> Option<(String, &str)> {
    let mut out = String::with_capacity(body.len().min(256));
    let mut chars = body.char_indices();
    while let Some((at, c)) = chars.next() {
        match c {
            '"' => return Some((out, &body[at + 1..])),
            '\\' => {
                let (_, escape) = chars.next()?;
                out.push(match escape {
                    'b' => '\u{8}',
                    't' => '\t',
                    'n' => '\n',
                    'f' => '\u{c}',
                    'r' => '\r',
                    '"' => '"',
                    '\\' => '\\',
                    'u' | 'U' => {
                        let len = if escape == 'u' { 4 } else { 8 };
                        let hex = body.get(at + 2..at + 2 + len)?;
                        if !hex.bytes().all(|h| h.is_ascii_hexdigit()) {
                            return None;
                        }
                        for _ in 0..len {
                            chars.next();
                        }
                        char::from_u32(u32::from_str_radix(hex, 16).ok()?)?
                    }
                    _ => return None,
                });
            }
            c if forbidden(c) => return None,
            c => out.push(c),
        }
    }
    None
}

#[cfg(test)]
mod tests;
