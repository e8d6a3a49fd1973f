//! Timelines from tables, bullets and prose lines that begin with a time.

use std::ops::Range;

use chrono::{Datelike, Duration, NaiveDate, NaiveTime};

use crate::model::{DisplayZone, Event, IdKind, Timestamp, Unmapped};

use super::blocks::{Block, BlockKind, Item, slice};
use super::sections::Section;
use super::text::{self, date_prefix, time_prefix};
use super::{Chunk, Importer};

mod table;
mod zones;

use table::{Column, column, table};
use zones::zone_token;
pub(crate) use zones::{all_times_in, without_zone, zone_in, zone_word, zone_words};

/// "2018 October 21 …" → (2018, "October 21 …").
fn year_then_rest(s: &str) -> Option<(i32, &str)> {
    let year = s.get(..4)?;
    let rest = s.get(4..)?;
    if !year.chars().all(|c| c.is_ascii_digit()) || !rest.starts_with(' ') {
        return None;
    }
    Some((year.parse().ok()?, rest.trim_start()))
}

/// A time read from the start of a line.
struct Stamp {
    date: Option<NaiveDate>,
    time: Option<NaiveTime>,
    zone: Option<DisplayZone>,
    /// The rest of the line after the time and its separator.
    rest: String,
}

/// Reads `**14:02**`, `2026-02-05 14:02 UTC:`, `` `14:02` ``, `Feb 5 2:30 PM —`,
/// `At 18:41 UTC a change…`.
fn stamp(line: &str, year: Option<i32>) -> Option<Stamp> {
    let line = line.trim_start();
    let full = line;
    // Prose: "At 18:41 UTC …", "Around 09:00, …".
    let line = [
        "At ", "at ", "Around ", "around ", "By ", "Um ", "À ", "A las ", "Vers ",
    ]
    .iter()
    .find_map(|p| {
        line.strip_prefix(p)
            .filter(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
    })
    .unwrap_or(line);
    let prose = line.len() < full.len();
    let mut opener = "";
    for mark in ["**", "__", "`", "*", "_"] {
        if line.starts_with(mark) {
            opener = mark;
            break;
        }
    }
    let mut s = &line[opener.len()..];
    s = s.trim_start_matches('[');
    let mut date = None;
    if let Some((d, used)) = date_prefix(s, year) {
        date = Some(d);
        s = &s[used..];
        let trimmed = s.trim_start_matches([' ', ',']);
        s = trimmed
            .strip_prefix('T')
            .or_else(|| trimmed.strip_prefix("at "))
            .unwrap_or(trimmed);
    } else if let Some((y, after)) = year_then_rest(s)
        && let Some((d, used)) = date_prefix(after, Some(y))
    {
        // "2018 October 21 22:52 UTC"
        date = Some(d);
        s = after
            .get(used..)
            .unwrap_or_default()
            .trim_start_matches([' ', ',']);
    }
    let mut time = None;
    if let Some((t, used)) = time_prefix(s) {
        time = Some(t);
        s = &s[used..];
        // 14:02:33Z, 14:02+02:00
        if let Some(rest) = s.strip_prefix('Z') {
            s = rest;
        }
    }
    if date.is_none() && time.is_none() {
        return None;
    }
    let mut zone = None;
    let trimmed = s.trim_start();
    let token: String = trimmed
        .chars()
        .take_while(|c| c.is_alphanumeric() || matches!(c, '/' | '_' | '+' | ':' | '-'))
        .collect::<String>()
        .trim_end_matches(':')
        .to_string();
    if !token.is_empty()
        && let Some((z, _)) = zone_token(&token)
        && (token.chars().all(|c| c.is_ascii_uppercase())
            || token.contains('/')
            || token.starts_with(['+', '-']))
    {
        zone = Some(z);
        s = &trimmed[token.len()..];
    }
    let spaced = s.starts_with(char::is_whitespace);
    let trimmed = s
        .trim_start()
        .trim_start_matches(')')
        .trim_start_matches(']');
    let mut s = trimmed;
    if !opener.is_empty() {
        if let Some(rest) = s.strip_prefix(opener) {
            s = rest;
        } else if time.is_none() {
            return None;
        }
    }
    let separated =
        spaced || s.is_empty() || s.starts_with([' ', ':', '-', '—', '–', '|', '.', ',', '→']);
    if !separated {
        return None;
    }
    let rest = s.trim_start_matches([' ', ':', '-', '—', '–', '|', '→']);
    let mut rest = rest.trim_start().to_string();
    // A bold opener that closed after the text ("**14:02 alert fired**").
    if !opener.is_empty()
        && !s.is_empty()
        && line.trim_end().ends_with(opener)
        && !rest.contains(opener)
    {
        rest = rest.to_string();
    } else if !opener.is_empty() && s.len() == trimmed.len() && rest.ends_with(opener) {
        rest.truncate(rest.len() - opener.len());
    }
    if time.is_none() && !(s.starts_with([':', '—', '–', '-']) || s.trim().is_empty()) {
        return None;
    }
    if prose {
        // "At 18:41 UTC a change…": the sentence stays whole.
        rest = full.to_string();
    }
    Some(Stamp {
        date,
        time,
        zone,
        rest,
    })
}

impl Importer<'_> {
    pub(crate) fn year(&self) -> Option<i32> {
        self.date.map(|d| d.year())
    }

    /// Turns a stamp into an instant: missing dates come from the day
    /// heading, the previous event, or the incident date.
    fn instant(&mut self, stamp: &Stamp, day: Option<NaiveDate>) -> Timestamp {
        let time = stamp.time.unwrap_or(NaiveTime::MIN);
        let date = match stamp.date {
            Some(d) => d,
            None => {
                let started = self.doc.meta.started.map(|s| self.zone.local(&s).date());
                let base = day
                    .or(self.last_time.map(|(d, _)| d))
                    .or(self.date)
                    .or(started)
                    .unwrap_or_else(|| {
                        self.undated = true;
                        NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default()
                    });
                match self.last_time {
                    // Past midnight: a time well before the previous one.
                    Some((last_date, last))
                        if last_date == base && last - time > Duration::hours(6) =>
                    {
                        base.succ_opt().unwrap_or(base)
                    }
                    _ => base,
                }
            }
        };
        self.last_time = Some((date, time));
        let local = date.and_time(time);
        let zone = stamp.zone.unwrap_or(self.zone);
        let resolved = crate::import::local::resolve(&zone, local);
        if let Some(problem) = crate::import::local::problem(&zone, local, &resolved) {
            // The same words as `debrief import`; the event is kept (nothing
            // is dropped), a skipped time placed just after the gap.
            let placed = match resolved {
                crate::import::local::LocalTime::Nonexistent => "; kept just after the gap",
                _ => "",
            };
            self.report.warn(format!("timeline: {problem}{placed}"));
        }
        match resolved {
            crate::import::local::LocalTime::One(ts) => ts,
            crate::import::local::LocalTime::Ambiguous { earlier, .. } => earlier,
            crate::import::local::LocalTime::Nonexistent => zone
                .resolve(local + Duration::hours(1))
                .unwrap_or_else(|| local.and_utc().fixed_offset()),
        }
    }

    fn push_event(&mut self, id: Option<String>, at: Timestamp, text: String) -> usize {
        // What `doc.event` and `doc.next_id` would say, without a scan of
        // the events so far for each one.
        let id = match id {
            Some(id) if !self.event_ids.contains(&id) => id,
            _ => format!("{}{}", IdKind::Event.prefix(), self.highest_event + 1),
        };
        if let Some(n) = crate::model::id_number(IdKind::Event, &id) {
            self.highest_event = self.highest_event.max(n);
        }
        self.event_ids.insert(id.clone());
        self.doc
            .timeline
            .push(Box::new(Event::new(id, at, text.trim().to_string())));
        self.doc.timeline.len() - 1
    }
}

/// "10:00 flush → 10:02 alerts → 10:05 identified" in a label line.
pub(crate) fn arrows(im: &mut Importer<'_>, value: &str) -> bool {
    let parts: Vec<&str> = value.split('→').map(str::trim).collect();
    let year = im.year();
    let stamps: Option<Vec<Stamp>> = parts.iter().map(|p| stamp(p, year)).collect();
    let Some(stamps) = stamps else {
        return false;
    };
    for s in &stamps {
        let at = im.instant(s, None);
        im.push_event(None, at, s.rest.clone());
    }
    true
}

/// Whether most items of a list begin with a time (or are days with such
/// items under them): a timeline, whatever its heading.
pub(crate) fn is_timeline_list(im: &Importer<'_>, items: &[Item]) -> bool {
    let year = im.year();
    let mut timed = 0;
    for item in items {
        match stamp(&item.text(im.src), year) {
            Some(s) if s.time.is_some() => timed += 1,
            Some(s) if s.date.is_some() => {
                let nested = item.sublists().any(|sub| match &sub.kind {
                    BlockKind::List { items } => is_timeline_list(im, items),
                    _ => false,
                });
                if nested {
                    timed += 2;
                }
            }
            _ => {}
        }
    }
    timed >= 2 && timed * 10 >= items.len() * 6
}

/// Whether a table has a time column (by name, or by its cells) with times
/// in most rows.
pub(crate) fn is_timeline_table(
    im: &Importer<'_>,
    head: &[Range<usize>],
    rows: &[Vec<Range<usize>>],
) -> bool {
    time_column(im, head, rows).is_some_and(|i| {
        let year = im.year();
        let timed = rows
            .iter()
            .filter(|row| {
                row.get(i).is_some_and(|r| {
                    let cell = text::cell(slice(im.src, r));
                    stamp(text::unwrap_emphasis(&cell), year).is_some_and(|s| s.time.is_some())
                })
            })
            .count();
        timed >= 2 && timed * 10 >= rows.len() * 6
    })
}

/// The column holding times: one named so, else the first whose cells are
/// times in most rows (a table without headers).
fn time_column(
    im: &Importer<'_>,
    head: &[Range<usize>],
    rows: &[Vec<Range<usize>>],
) -> Option<usize> {
    let headers: Vec<String> = head.iter().map(|r| text::cell(slice(im.src, r))).collect();
    if let Some(i) = headers
        .iter()
        .position(|h| matches!(column(h), Column::Time | Column::Date))
    {
        return Some(i);
    }
    let year = im.year();
    (0..head.len()).find(|&i| {
        let timed = rows
            .iter()
            .filter(|row| {
                row.get(i).is_some_and(|r| {
                    let cell = text::cell(slice(im.src, r));
                    stamp(text::unwrap_emphasis(&cell), year)
                        .is_some_and(|s| s.time.is_some() && s.rest.trim().is_empty())
                })
            })
            .count();
        timed >= 2 && timed * 10 >= rows.len() * 6
    })
}

/// Whether a paragraph begins with a time (an event told as prose).
pub(crate) fn is_stamped(im: &Importer<'_>, block: &Block) -> bool {
    let raw = slice(im.src, &block.range);
    raw.lines()
        .next()
        .and_then(|l| stamp(l, im.year()))
        .is_some_and(|s| s.time.is_some() && !s.rest.trim().is_empty())
}

/// Reads a timeline chunk; returns the blocks it could not read.
pub(crate) fn chunk<'c>(im: &mut Importer<'_>, chunk: &'c Chunk) -> Vec<&'c Block> {
    let mut day = None;
    if let Section::TimelineDay(heading) = &chunk.section {
        let year = im.year();
        if let Some(s) = stamp(heading, year) {
            if s.time.is_some() {
                // A time heading with prose under it: one event.
                let at = im.instant(&s, None);
                let all: Vec<&Block> = chunk.blocks.iter().collect();
                let body = im.body(&all);
                let mut text = s.rest.clone();
                super::append(&mut text, &body);
                im.push_event(None, at, text);
                im.report.mapped(chunk, "timeline", 1);
                return Vec::new();
            }
            day = s.date;
            im.last_time = None;
        }
    }
    let mut rest = Vec::new();
    for block in &chunk.blocks {
        let before = im.doc.timeline.len();
        let consumed = match &block.kind {
            BlockKind::Table { head, rows } => table(im, head, rows, day),
            BlockKind::List { items } => {
                let leftover = list(im, items, day);
                if !leftover.is_empty() {
                    let heading = chunk
                        .heading
                        .as_ref()
                        .map(|h| h.text.clone())
                        .unwrap_or_default();
                    let markdown = leftover.join("\n");
                    im.report.unmapped(&heading, &markdown);
                    im.doc.unmapped.push(Unmapped { heading, markdown });
                }
                true
            }
            BlockKind::Paragraph => {
                let raw = slice(im.src, &block.range);
                match all_times_in(raw) {
                    Some(_) => {
                        // "Times are UTC.": the export says it in these words.
                        if let Some(words) = zone_words(raw) {
                            super::wording::keep(im, "timeline.zone", words);
                        }
                        true
                    }
                    None => prose(im, raw, day),
                }
            }
            // A timeline pasted as a code block: each line that begins
            // with a time is an event.
            BlockKind::Code { text } => prose(im, &crate::export::escape::protect(text), day),
            _ => false,
        };
        let added = im.doc.timeline.len() - before;
        if added > 0 {
            im.report.mapped(chunk, "timeline", added);
        }
        if !consumed {
            rest.push(block);
        }
    }
    rest
}

/// Lines of a paragraph, each beginning with a time; other lines continue
/// the event before them.
fn prose(im: &mut Importer<'_>, raw: &str, day: Option<NaiveDate>) -> bool {
    let lines: Vec<&str> = raw
        .lines()
        .map(|l| l.trim_end().trim_end_matches('\\'))
        .collect();
    let year = im.year();
    if lines.first().and_then(|l| stamp(l, year)).is_none() {
        return false;
    }
    let mut current: Option<usize> = None;
    for line in lines {
        match stamp(line, year) {
            Some(s) if s.time.is_some() || s.date.is_some() => {
                let at = im.instant(&s, day);
                current = Some(im.push_event(None, at, s.rest));
            }
            _ => {
                if let Some(i) = current
                    && let Some(event) = im.doc.timeline.get_mut(i)
                {
                    event.text.push('\n');
                    event.text.push_str(line.trim());
                }
            }
        }
    }
    true
}

/// Bullet items; returns the raw text of items that are not events.
fn list(im: &mut Importer<'_>, items: &[Item], day: Option<NaiveDate>) -> Vec<String> {
    let mut leftover = Vec::new();
    let year = im.year();
    for item in items {
        let text = item.text(im.src);
        let Some(s) = stamp(&text, year) else {
            leftover.push(slice(im.src, &item.range).trim_end().to_string());
            continue;
        };
        // A day bullet with the day's events nested under it.
        if s.time.is_none() && s.rest.trim().is_empty() && item.sublists().next().is_some() {
            im.last_time = None;
            for sub in item.sublists() {
                if let BlockKind::List { items } = &sub.kind {
                    leftover.extend(list(im, items, s.date));
                }
            }
            continue;
        }
        let at = im.instant(&s, day);
        let mut event_text = s.rest.clone();
        for sub in item.sublists() {
            event_text.push('\n');
            event_text.push_str(&super::blocks::dedent(slice(im.src, &sub.range)));
        }
        im.push_event(None, at, event_text);
    }
    leftover
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_in_common_shapes() {
        let s = stamp("**14:02** Alert fired", None).expect("bold time");
        assert_eq!(s.time, NaiveTime::from_hms_opt(14, 2, 0));
        assert_eq!(s.rest, "Alert fired");
        let s = stamp("2026-02-05 14:02 UTC: deploy", None).expect("date time zone");
        assert!(s.date.is_some() && s.zone.is_some());
        assert_eq!(s.rest, "deploy");
        let s = stamp("14:02 — rollback", None).expect("dash");
        assert_eq!(s.rest, "rollback");
        assert!(stamp("Why did it fail?", None).is_none());
        assert!(stamp("5 whys", None).is_none());
        let s = stamp("14:02 disk alarm", Some(2026)).expect("plain");
        assert_eq!(s.rest, "disk alarm");
    }

    #[test]
    fn all_times_statement() {
        assert!(all_times_in("All times in America/New_York (EST).").is_some());
        assert!(all_times_in("All times in UTC.").is_some());
        assert!(all_times_in("All times in UTC, roughly, give or take.").is_none());
    }
}
