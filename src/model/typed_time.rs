//! Times as people type them: `14:02`, `14:02:30`, `2026-02-05 14:02`,
//! `+5m` (after a reference time), or RFC 3339. Wall-clock input is read in
//! the document's display zone.

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};

use super::{DisplayZone, Timestamp};

fn parse_timestamp(text: &str) -> Result<Timestamp, chrono::ParseError> {
    chrono::DateTime::parse_from_rfc3339(text)
}

/// Parses a typed time. `reference` gives the date for a bare clock time and
/// the start for a `+5m` offset (the previous event).
pub fn parse_time(
    text: &str,
    zone: &DisplayZone,
    reference: Timestamp,
) -> Result<Timestamp, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("type a time: 14:02, 14:02:30, 2026-02-05 14:02 or +5m".into());
    }
    if let Some(offset) = text.strip_prefix('+') {
        return parse_offset(offset).map(|d| reference + d);
    }
    let resolve = |local: NaiveDateTime| {
        zone.resolve(local).ok_or_else(|| {
            format!(
                "{} does not exist in {zone} (clocks changed)",
                local.format("%Y-%m-%d %H:%M")
            )
        })
    };
    for format in ["%H:%M", "%H:%M:%S"] {
        if let Ok(clock) = NaiveTime::parse_from_str(text, format) {
            let date = zone.local(&reference).date();
            return resolve(date.and_time(clock));
        }
    }
    for format in [
        "%Y-%m-%d %H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%dT%H:%M:%S",
    ] {
        if let Ok(local) = NaiveDateTime::parse_from_str(text, format) {
            return resolve(local);
        }
    }
    if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return resolve(date.and_time(NaiveTime::MIN));
    }
    parse_timestamp(text).map_err(|_| {
        format!("cannot read `{text}` as a time: expected 14:02, 14:02:30, 2026-02-05 14:02 or +5m")
    })
}

/// `5m`, `90s`, `1h30m`, `2h`, `1d`.
fn parse_offset(text: &str) -> Result<Duration, String> {
    let bad = || format!("cannot read `+{text}`: expected an offset like +5m, +90s or +1h30m");
    let mut total = Duration::zero();
    let mut digits = String::new();
    let mut any = false;
    for c in text.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        let n: i64 = digits.parse().map_err(|_| bad())?;
        digits.clear();
        total += match c {
            's' => Duration::seconds(n),
            'm' => Duration::minutes(n),
            'h' => Duration::hours(n),
            'd' => Duration::days(n),
            _ => return Err(bad()),
        };
        any = true;
    }
    if !digits.is_empty() {
        // A bare number means minutes: `+5`.
        let n: i64 = digits.parse().map_err(|_| bad())?;
        total += Duration::minutes(n);
        any = true;
    }
    if any { Ok(total) } else { Err(bad()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference() -> Timestamp {
        parse_timestamp("2026-02-05T14:00:00Z").expect("ts")
    }

    #[test]
    fn accepts_what_people_type() {
        let utc = DisplayZone::Utc;
        let at = |s: &str| parse_time(s, &utc, reference()).map(|t| t.to_rfc3339());
        assert_eq!(at("14:02").as_deref(), Ok("2026-02-05T14:02:00+00:00"));
        assert_eq!(at("14:02:30").as_deref(), Ok("2026-02-05T14:02:30+00:00"));
        assert_eq!(
            at("2026-02-06 09:15").as_deref(),
            Ok("2026-02-06T09:15:00+00:00")
        );
        assert_eq!(at("+5m").as_deref(), Ok("2026-02-05T14:05:00+00:00"));
        assert_eq!(at("+1h30m").as_deref(), Ok("2026-02-05T15:30:00+00:00"));
        assert!(at("soon").is_err());
        assert!(at("25:00").is_err());
        assert!(at("+5x").is_err());
    }

    #[test]
    fn wall_clock_times_use_the_display_zone() {
        let zone = DisplayZone::parse("America/New_York").expect("zone");
        // 14:00Z is 09:00 in New York; "09:30" there is 14:30Z.
        let t = parse_time("09:30", &zone, reference()).expect("parses");
        assert_eq!(t.to_utc().to_rfc3339(), "2026-02-05T14:30:00+00:00");
        assert!(
            parse_time("2026-03-08 02:30", &zone, reference()).is_err(),
            "DST gap"
        );
    }
}
