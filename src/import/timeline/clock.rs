//! Reading the many ways evidence writes a time.
//!
//! Parsers here are hand-written over bytes: they run once per line of
//! multi-gigabyte logs, and each answers "a time at the start of this text,
//! and where the rest begins".

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};

use crate::model::{DisplayZone, Timestamp};

/// A time as written in the evidence, before a zone is applied.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Stamp {
    /// Complete with an offset: needs nothing more.
    Exact(Timestamp),
    /// Date and time without a zone: needs `--tz`.
    Local(NaiveDateTime),
    /// A month, day and time without a year (syslog): needs a year and `--tz`.
    NoYear {
        /// 1–12.
        month: u32,
        /// 1–31.
        day: u32,
        /// Time of day.
        time: NaiveTime,
    },
    /// Only a time of day (chat, notes): needs a date and `--tz`.
    Clock(NaiveTime),
    /// A time of day written with `UTC`: needs a date only.
    ClockUtc(NaiveTime),
}

fn digits(bytes: &[u8], at: usize, count: usize) -> Option<u32> {
    let slice = bytes.get(at..at + count)?;
    let mut value = 0u32;
    for &b in slice {
        if !b.is_ascii_digit() {
            return None;
        }
        value = value * 10 + u32::from(b - b'0');
    }
    Some(value)
}

/// `HH:MM`, `HH:MM:SS` or `HH:MM:SS.fff` at `at`; returns the time and the
/// index after it.
fn time_of_day(bytes: &[u8], at: usize) -> Option<(NaiveTime, usize)> {
    let hour = digits(bytes, at, 2)?;
    if bytes.get(at + 2) != Some(&b':') {
        return None;
    }
    let minute = digits(bytes, at + 3, 2)?;
    let mut end = at + 5;
    let mut second = 0;
    let mut nanos = 0;
    if bytes.get(end) == Some(&b':') {
        second = digits(bytes, end + 1, 2)?;
        end += 3;
        if matches!(bytes.get(end), Some(b'.') | Some(b',')) {
            let start = end + 1;
            let mut stop = start;
            while stop < bytes.len() && bytes[stop].is_ascii_digit() {
                stop += 1;
            }
            if stop == start {
                return None;
            }
            let mut scaled = 0u32;
            for (i, &b) in bytes[start..stop.min(start + 9)].iter().enumerate() {
                scaled += u32::from(b - b'0') * 10u32.pow(8 - i as u32);
            }
            nanos = scaled;
            end = stop;
        }
    }
    // A digit right after would make this part of a longer number.
    if bytes.get(end).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let time = NaiveTime::from_hms_nano_opt(hour, minute, second.min(59), nanos)?;
    Some((time, end))
}

/// `Z`, `+HH:MM`, `+HHMM`, `+HH`, ` UTC` at `at`.
fn offset(bytes: &[u8], at: usize) -> Option<(FixedOffset, usize)> {
    match bytes.get(at)? {
        b'Z' | b'z' => Some((FixedOffset::east_opt(0)?, at + 1)),
        sign @ (b'+' | b'-') => {
            let hours = digits(bytes, at + 1, 2)?;
            let (minutes, end) = if bytes.get(at + 3) == Some(&b':') {
                (digits(bytes, at + 4, 2)?, at + 6)
            } else if let Some(m) = digits(bytes, at + 3, 2) {
                (m, at + 5)
            } else {
                (0, at + 3)
            };
            if hours > 23 || minutes > 59 {
                return None;
            }
            let seconds = (hours * 3600 + minutes * 60) as i32;
            let seconds = if *sign == b'-' { -seconds } else { seconds };
            Some((FixedOffset::east_opt(seconds)?, end))
        }
        b' ' if bytes[at..].starts_with(b" UTC") => Some((FixedOffset::east_opt(0)?, at + 4)),
        _ => None,
    }
}

/// An ISO 8601 / RFC 3339 date-time at the start of `text`: `2026-02-05T14:02:03Z`,
/// `2026-02-05 14:02:03,123`, `2026-02-09T10:05:23+0100`, `2026-02-05  14:02:03`.
/// Returns the stamp and the byte index after it.
pub fn leading_iso(text: &str) -> Option<(Stamp, usize)> {
    let bytes = text.as_bytes();
    let year = digits(bytes, 0, 4)?;
    if bytes.get(4) != Some(&b'-') || bytes.get(7) != Some(&b'-') {
        return None;
    }
    let month = digits(bytes, 5, 2)?;
    let day = digits(bytes, 8, 2)?;
    let date = NaiveDate::from_ymd_opt(year as i32, month, day)?;
    let mut at = 10;
    match bytes.get(at) {
        Some(b'T') | Some(b't') => at += 1,
        Some(b' ') => {
            while bytes.get(at) == Some(&b' ') {
                at += 1;
            }
        }
        _ => return None,
    }
    let (time, end) = time_of_day(bytes, at)?;
    let local = date.and_time(time);
    match offset(bytes, end) {
        Some((offset, end)) => {
            let ts = local.checked_sub_offset(offset)?;
            let exact = DateTime::<FixedOffset>::from_naive_utc_and_offset(ts, offset);
            Some((Stamp::Exact(exact), end))
        }
        None => Some((Stamp::Local(local), end)),
    }
}

const MONTHS: [&[u8; 3]; 12] = [
    b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov", b"Dec",
];

fn month(bytes: &[u8], at: usize) -> Option<u32> {
    let name = bytes.get(at..at + 3)?;
    MONTHS
        .iter()
        .position(|m| m.as_slice() == name)
        .map(|i| i as u32 + 1)
}

/// A BSD syslog (RFC 3164) stamp at the start: `Feb  9 10:05:23`.
pub fn leading_syslog(text: &str) -> Option<(Stamp, usize)> {
    let bytes = text.as_bytes();
    let month = month(bytes, 0)?;
    if bytes.get(3) != Some(&b' ') {
        return None;
    }
    let day = match (bytes.get(4), bytes.get(5)) {
        (Some(b' '), Some(d)) if d.is_ascii_digit() => u32::from(d - b'0'),
        (Some(_), Some(_)) => digits(bytes, 4, 2)?,
        _ => return None,
    };
    if bytes.get(6) != Some(&b' ') || !(1..=31).contains(&day) {
        return None;
    }
    let (time, end) = time_of_day(bytes, 7)?;
    Some((Stamp::NoYear { month, day, time }, end))
}

/// The Common Log Format stamp between brackets: `10/Oct/2000:13:55:36 -0700`.
pub fn clf(text: &str) -> Option<Timestamp> {
    let bytes = text.as_bytes();
    let day = digits(bytes, 0, 2)?;
    let month = month(bytes, 3)?;
    let year = digits(bytes, 7, 4)?;
    if bytes.get(2) != Some(&b'/') || bytes.get(6) != Some(&b'/') || bytes.get(11) != Some(&b':') {
        return None;
    }
    let (time, end) = time_of_day(bytes, 12)?;
    if bytes.get(end) != Some(&b' ') {
        return None;
    }
    let (offset, _) = offset(bytes, end + 1)?;
    let local = NaiveDate::from_ymd_opt(year as i32, month, day)?.and_time(time);
    let utc = local.checked_sub_offset(offset)?;
    Some(DateTime::from_naive_utc_and_offset(utc, offset))
}

/// A time of day at the start, as pasted from chat or notes: `14:02`,
/// `[14:02:33]`, `**14:02**`.
pub fn leading_clock(text: &str) -> Option<(Stamp, usize)> {
    let bytes = text.as_bytes();
    let mut at = 0;
    while matches!(bytes.get(at), Some(b'[') | Some(b'*') | Some(b'(')) {
        at += 1;
    }
    let (time, mut end) = time_of_day(bytes, at)?;
    while matches!(bytes.get(end), Some(b']') | Some(b'*') | Some(b')')) {
        end += 1;
    }
    Some((Stamp::Clock(time), end))
}

/// Any single time value, as found in a CSV cell, a table cell or a flag:
/// ISO 8601 with or without zone, a bare time of day, or Unix seconds.
pub fn whole(text: &str) -> Option<Stamp> {
    let text = text.trim().trim_matches('*').trim_matches('`').trim();
    let rest_is_empty = |end: usize| text[end..].trim().is_empty();
    if let Some((stamp, end)) = leading_iso(text) {
        return rest_is_empty(end).then_some(stamp);
    }
    if let Some((stamp, end)) = leading_clock(text) {
        let rest = text[end..].trim();
        if rest.is_empty() {
            return Some(stamp);
        }
        if let (true, Stamp::Clock(time)) = (rest.eq_ignore_ascii_case("utc") || rest == "Z", stamp)
        {
            return Some(Stamp::ClockUtc(time));
        }
        return None;
    }
    if let Some((stamp, end)) = leading_syslog(text) {
        return rest_is_empty(end).then_some(stamp);
    }
    if text.len() >= 9 && text.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        let seconds: f64 = text.parse().ok()?;
        let millis = (seconds * 1000.0).round() as i64;
        return DateTime::from_timestamp_millis(millis).map(|t| Stamp::Exact(t.fixed_offset()));
    }
    None
}

/// Applies zone and date context to stamps that need them.
#[derive(Debug, Clone)]
pub struct Resolver {
    /// The zone of zone-less times (`--tz`).
    pub zone: Option<DisplayZone>,
    /// The date that clock-only times belong to, and the year of syslog times.
    pub reference: Option<NaiveDate>,
    last: Option<NaiveDateTime>,
    /// What the last resolve had to say about a DST change (see
    /// [`crate::import::local::problem`]): why a time does not exist, or
    /// that a repeated one was read as its first pass.
    pub problem: Option<String>,
}

/// Why a stamp could not become a timestamp.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unresolved {
    /// No `--tz` was given for a zone-less time.
    NeedsZone,
    /// The wall-clock time does not exist in the zone (DST gap).
    Nonexistent,
    /// No date to attach a bare time to.
    NeedsDate,
}

impl Resolver {
    /// A resolver with the given zone and reference date.
    pub fn new(zone: Option<DisplayZone>, reference: Option<NaiveDate>) -> Self {
        Resolver {
            zone,
            reference,
            last: None,
            problem: None,
        }
    }

    /// The timestamp for `stamp`. Clock-only times roll over to the next day
    /// when they jump back more than 12 hours (a chat log past midnight), and
    /// syslog dates roll into the next year after December.
    pub fn resolve(&mut self, stamp: Stamp) -> Result<Timestamp, Unresolved> {
        self.problem = None;
        let local = match stamp {
            Stamp::Exact(ts) => return Ok(ts),
            Stamp::Local(local) => local,
            Stamp::NoYear { month, day, time } => {
                let reference = self.reference.ok_or(Unresolved::NeedsDate)?;
                let mut year = reference.year();
                if let Some(last) = self.last {
                    year = year.max(last.year());
                    if month < last.month() && last.month() - month > 6 {
                        year += 1;
                    }
                }
                NaiveDate::from_ymd_opt(year, month, day)
                    .ok_or(Unresolved::Nonexistent)?
                    .and_time(time)
            }
            Stamp::Clock(time) | Stamp::ClockUtc(time) => {
                let mut date = self.reference.ok_or(Unresolved::NeedsDate)?;
                if let Some(last) = self.last {
                    date = last.date();
                    if last.time() > time && last.time() - time > Duration::hours(12) {
                        date = date.succ_opt().ok_or(Unresolved::Nonexistent)?;
                    }
                }
                date.and_time(time)
            }
        };
        let zone = match stamp {
            Stamp::ClockUtc(_) => DisplayZone::Utc,
            _ => self.zone.ok_or(Unresolved::NeedsZone)?,
        };
        let resolved = crate::import::local::resolve(&zone, local);
        self.problem = crate::import::local::problem(&zone, local, &resolved);
        let ts = match resolved {
            crate::import::local::LocalTime::One(ts) => ts,
            crate::import::local::LocalTime::Ambiguous { earlier, .. } => earlier,
            crate::import::local::LocalTime::Nonexistent => return Err(Unresolved::Nonexistent),
        };
        self.last = Some(local);
        Ok(ts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exact(text: &str) -> String {
        match leading_iso(text) {
            Some((Stamp::Exact(ts), _)) => ts.to_rfc3339(),
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn iso_forms_with_offsets() {
        assert_eq!(exact("2026-02-05T14:02:03Z x"), "2026-02-05T14:02:03+00:00");
        assert_eq!(
            exact("2026-02-09T10:05:23+0100 host"),
            "2026-02-09T10:05:23+01:00"
        );
        assert_eq!(
            exact("2025-02-09T10:05:23.123456789Z msg"),
            "2025-02-09T10:05:23.123456789+00:00"
        );
        assert_eq!(exact("2026-02-05 14:02 UTC"), "2026-02-05T14:02:00+00:00");
    }

    #[test]
    fn zone_less_iso_is_local() {
        let (stamp, end) = leading_iso("2026-02-05  14:02:03 status installed").expect("iso");
        assert!(matches!(stamp, Stamp::Local(_)));
        assert_eq!(end, 20);
        assert!(leading_iso("2026-13-05T14:02:03Z").is_none());
        assert!(leading_iso("20260205").is_none());
    }

    #[test]
    fn syslog_and_clf() {
        let (stamp, _) = leading_syslog("Feb  9 10:05:23 host prog[1]: x").expect("syslog");
        assert!(matches!(
            stamp,
            Stamp::NoYear {
                month: 2,
                day: 9,
                ..
            }
        ));
        let ts = clf("10/Oct/2000:13:55:36 -0700").expect("clf");
        assert_eq!(ts.to_rfc3339(), "2000-10-10T13:55:36-07:00");
    }

    #[test]
    fn clock_rolls_over_midnight() {
        let day = NaiveDate::from_ymd_opt(2026, 2, 5);
        let mut resolver = Resolver::new(Some(DisplayZone::Utc), day);
        let a = resolver.resolve(whole("23:50").expect("t")).expect("a");
        let b = resolver.resolve(whole("00:10").expect("t")).expect("b");
        assert_eq!(b - a, Duration::minutes(20));
    }

    #[test]
    fn zone_less_needs_a_zone() {
        let mut resolver = Resolver::new(None, None);
        let stamp = whole("2026-02-05 14:02").expect("stamp");
        assert_eq!(resolver.resolve(stamp), Err(Unresolved::NeedsZone));
    }
}
