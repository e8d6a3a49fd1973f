//! Timelines from tables, bullets and prose lines that begin with a time.

use std::ops::Range;
use std::str::FromStr;

use chrono::{Datelike, Duration, NaiveDate, NaiveTime};

use crate::model::{DisplayZone, Event, IdKind, Mark, Timestamp, Unmapped};

use super::blocks::{Block, BlockKind, Item, slice};
use super::sections::Section;
use super::text::{self, date_prefix, plain, time_prefix};
use super::{Chunk, Importer};

/// Zone abbreviations postmortems use, with the zone they stand for.
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("UTC", "UTC"),
    ("GMT", "UTC"),
    ("Z", "UTC"),
    ("ET", "America/New_York"),
    ("EST", "America/New_York"),
    ("EDT", "America/New_York"),
    ("CT", "America/Chicago"),
    ("CST", "America/Chicago"),
    ("CDT", "America/Chicago"),
    ("MT", "America/Denver"),
    ("MST", "America/Denver"),
    ("MDT", "America/Denver"),
    ("PT", "America/Los_Angeles"),
    ("PST", "America/Los_Angeles"),
    ("PDT", "America/Los_Angeles"),
    ("CET", "Europe/Berlin"),
    ("CEST", "Europe/Berlin"),
    ("BST", "Europe/London"),
    ("EET", "Europe/Helsinki"),
    ("EEST", "Europe/Helsinki"),
    ("WET", "Europe/Lisbon"),
    ("WEST", "Europe/Lisbon"),
    ("AKST", "America/Anchorage"),
    ("AKDT", "America/Anchorage"),
    ("HST", "Pacific/Honolulu"),
    ("BRT", "America/Sao_Paulo"),
    ("JST", "Asia/Tokyo"),
    ("KST", "Asia/Seoul"),
    ("SGT", "Asia/Singapore"),
    ("HKT", "Asia/Hong_Kong"),
    ("AEST", "Australia/Sydney"),
    ("AEDT", "Australia/Sydney"),
    ("NZST", "Pacific/Auckland"),
    ("NZDT", "Pacific/Auckland"),
];

/// A zone token: an abbreviation, an IANA name or an offset.
fn zone_token(token: &str) -> Option<(DisplayZone, String)> {
    let token = token.trim_matches(|c: char| {
        !c.is_alphanumeric() && c != '/' && c != '_' && c != '+' && c != '-'
    });
    if let Some((_, name)) = ABBREVIATIONS.iter().find(|(abbr, _)| *abbr == token) {
        let name = if *name == "UTC" { "UTC" } else { name };
        return DisplayZone::parse(name).ok().map(|z| (z, name.to_string()));
    }
    if token.contains('/') && chrono_tz::Tz::from_str(token).is_ok() {
        return DisplayZone::parse(token)
            .ok()
            .map(|z| (z, token.to_string()));
    }
    if token.starts_with(['+', '-']) && token.len() >= 5 {
        return DisplayZone::parse(token)
            .ok()
            .map(|z| (z, token.to_string()));
    }
    None
}

/// Whether a lower-case heading word is a zone name.
pub(crate) fn zone_word(word: &str) -> bool {
    ABBREVIATIONS
        .iter()
        .any(|(abbr, _)| abbr.eq_ignore_ascii_case(word))
}

/// The zone a heading names: "Timeline (UTC)", "Timeline (all times PT)".
pub(crate) fn zone_in(heading: &str) -> Option<(DisplayZone, String)> {
    heading
        .split(|c: char| c.is_whitespace() || c == '(' || c == ')' || c == ',')
        .find_map(zone_token)
}

/// How a zone statement begins ("All times in ", "Heures en ").
const ZONE_WORDS: &[&str] = &[
    "all times are in ",
    "all times in ",
    "all times are ",
    "all times ",
    "times are in ",
    "times are ",
    "alle zeiten in ",
    "alle zeiten ",
    "heures en ",
    "toutes les heures en ",
    "todas las horas en ",
];

/// The words a zone statement begins with, as written ("Times are").
fn zone_words(paragraph: &str) -> Option<&str> {
    let text = paragraph.trim().trim_matches(['*', '_']).trim();
    ZONE_WORDS.iter().find_map(|p| {
        text.get(..p.len())
            .filter(|head| head.eq_ignore_ascii_case(p))
            .map(str::trim_end)
    })
}

/// "All times in America/New_York (EST)." as a whole paragraph.
pub(crate) fn all_times_in(paragraph: &str) -> Option<(DisplayZone, String)> {
    let text = paragraph.trim().trim_matches(['*', '_']).trim();
    let rest = ZONE_WORDS.iter().find_map(|p| {
        text.get(..p.len())
            .filter(|head| head.eq_ignore_ascii_case(p))
            .and_then(|_| text.get(p.len()..))
    })?;
    let rest = rest.trim_end_matches('.').trim();
    let mut words = rest.split_whitespace();
    let zone = zone_token(words.next()?)?;
    let tail: Vec<&str> = words.collect();
    // Only an abbreviation in parentheses may follow.
    match tail.as_slice() {
        [] => Some(zone),
        [abbr] if abbr.starts_with('(') && abbr.ends_with(')') => Some(zone),
        _ => None,
    }
}

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
        let id = match id {
            Some(id) if self.doc.event(&id).is_none() => id,
            _ => self.doc.next_id(IdKind::Event),
        };
        self.doc
            .timeline
            .push(Event::new(id, at, text.trim().to_string()));
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

/// What a timeline table column holds.
#[derive(Clone, Copy, PartialEq)]
enum Column {
    Id,
    Date,
    Time,
    Event,
    Source,
    Actor,
    Mark,
    Other,
}

fn column(header: &str) -> Column {
    let key = plain(header);
    let first = key.split(' ').next().unwrap_or_default();
    match first {
        "id" | "ref" => Column::Id,
        "time" | "timestamp" | "when" | "hour" | "clock" => Column::Time,
        "date" | "day" => {
            if key.contains("time") {
                Column::Time
            } else {
                Column::Date
            }
        }
        "event" | "events" | "what" | "description" | "details" | "detail" | "activity"
        | "action" | "summary" | "happened" | "update" | "note" | "notes" => Column::Event,
        "source" | "evidence" | "from" | "system" | "channel" | "signal" => Column::Source,
        "actor" | "who" | "owner" | "by" | "person" | "responder" | "role" => Column::Actor,
        "mark" | "marks" | "milestone" | "phase" => Column::Mark,
        _ if key == "key moment" => Column::Mark,
        _ => Column::Other,
    }
}

fn table(
    im: &mut Importer<'_>,
    head: &[Range<usize>],
    rows: &[Vec<Range<usize>>],
    day: Option<NaiveDate>,
) -> bool {
    let headers: Vec<String> = head.iter().map(|r| text::cell(slice(im.src, r))).collect();
    let mut columns: Vec<Column> = headers.iter().map(|h| column(h)).collect();
    // A second column of one kind ("Event", "Notes") is kept as its own.
    for i in 0..columns.len() {
        if columns[i] != Column::Other && columns[..i].contains(&columns[i]) {
            columns[i] = Column::Other;
        }
    }
    if !columns.contains(&Column::Time) && !columns.contains(&Column::Date) {
        // A table without headers: the column whose cells are times.
        match time_column(im, head, rows) {
            Some(i) => columns[i] = Column::Time,
            None => return false,
        }
    }
    if !columns.contains(&Column::Event) {
        // The widest unknown column is the event.
        match columns.iter().position(|c| *c == Column::Other) {
            Some(i) => columns[i] = Column::Event,
            None => return false,
        }
    }
    keep_column_headings(im, &columns, &headers);
    let year = im.year();
    // "Time (CET)": the zone of the table's times.
    let header_zone = columns
        .iter()
        .zip(&headers)
        .filter(|(c, _)| matches!(c, Column::Time | Column::Date))
        .find_map(|(_, h)| zone_in(&text::unwrap_emphasis(h).replace("**", "")));
    if let Some((zone, name)) = &header_zone {
        im.declare_zone(*zone, name);
    }
    let mut unread = Vec::new();
    for row in rows {
        let cells: Vec<String> = row.iter().map(|r| text::cell(slice(im.src, r))).collect();
        let get = |c: Column| {
            columns
                .iter()
                .position(|x| *x == c)
                .and_then(|i| cells.get(i))
                .map(String::as_str)
                .unwrap_or_default()
        };
        let when = format!(
            "{} {}",
            get(Column::Date),
            text::unwrap_emphasis(get(Column::Time))
        );
        let Some(mut s) = stamp(when.trim(), year).filter(|s| s.rest.trim().is_empty()) else {
            unread.push(cells.join(" | "));
            continue;
        };
        if s.zone.is_none() {
            s.zone = header_zone.as_ref().map(|(z, _)| *z);
        }
        let at = im.instant(&s, day);
        let id = Some(get(Column::Id).trim().to_string())
            .filter(|id| id.starts_with('T') && id[1..].parse::<u64>().is_ok());
        let mut text = get(Column::Event).to_string();
        for (i, c) in columns.iter().enumerate() {
            if *c == Column::Other
                && let Some(value) = cells.get(i).filter(|v| !v.trim().is_empty())
            {
                text.push_str(&format!("\n*{}:* {}", headers[i], value));
            }
        }
        let index = im.push_event(id, at, text);
        let source = get(Column::Source).trim().to_string();
        let actor = get(Column::Actor).trim().to_string();
        let marks = get(Column::Mark).to_string();
        let event = &mut im.doc.timeline[index];
        if source != "-" {
            event.source = source;
        }
        if actor != "-" {
            event.actor = actor;
        }
        let mut unknown = Vec::new();
        for part in marks.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            if part.eq_ignore_ascii_case("Unknown: to investigate") {
                event.gap = true;
            } else if let Some(mark) = Mark::ALL
                .iter()
                .find(|m| m.label().eq_ignore_ascii_case(part) || m.as_str() == part)
            {
                if !event.marks.contains(mark) {
                    event.marks.push(*mark);
                }
            } else {
                unknown.push(part);
            }
        }
        if !unknown.is_empty() {
            event
                .text
                .push_str(&format!("\n*Mark:* {}", unknown.join(", ")));
        }
    }
    if !unread.is_empty() {
        let markdown = format!(
            "| {} |\n|{}|\n{}",
            headers.join(" | "),
            headers.iter().map(|_| "---").collect::<Vec<_>>().join("|"),
            unread
                .iter()
                .map(|r| format!("| {r} |"))
                .collect::<Vec<_>>()
                .join("\n")
        );
        im.report.unmapped("Timeline", &markdown);
        im.doc.unmapped.push(Unmapped {
            heading: "Timeline".into(),
            markdown,
        });
    }
    true
}

/// The table's own column headings, for the export's timeline table.
fn keep_column_headings(im: &mut Importer<'_>, columns: &[Column], headers: &[String]) {
    let header = |c: Column| {
        columns
            .iter()
            .position(|x| *x == c)
            .and_then(|i| headers.get(i))
            .map(|h| h.trim())
            .filter(|h| !h.is_empty())
    };
    // A date column and a time column make the export's one time column.
    let time = match (header(Column::Date), header(Column::Time)) {
        (Some(date), Some(time)) => Some(format!("{date} / {time}")),
        (date, time) => time.or(date).map(str::to_string),
    };
    if let Some(time) = time {
        super::wording::column(im, "timeline", "time", &time);
    }
    for (column, key) in [
        (Column::Id, "id"),
        (Column::Event, "event"),
        (Column::Source, "source"),
        (Column::Actor, "actor"),
        (Column::Mark, "mark"),
    ] {
        if let Some(written) = header(column) {
            super::wording::column(im, "timeline", key, written);
        }
    }
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
