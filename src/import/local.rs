//! Wall-clock times in a zone, the way both importers read them: one
//! function decides, and one sentence reports, a time the DST change
//! skipped or repeated.

use chrono::{LocalResult, NaiveDateTime, TimeZone, Utc};

use crate::model::{DisplayZone, Timestamp};

/// A wall-clock time resolved in a zone.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum LocalTime {
    /// Exactly one instant.
    One(Timestamp),
    /// The clocks went back: the time happened twice.
    Ambiguous {
        /// The first pass (taken).
        earlier: Timestamp,
        /// The second pass.
        later: Timestamp,
    },
    /// The clocks jumped forward over it.
    Nonexistent,
}

/// Resolves `local` in `zone`.
pub fn resolve(zone: &DisplayZone, local: NaiveDateTime) -> LocalTime {
    let fixed = |r: LocalResult<chrono::DateTime<chrono_tz::Tz>>| match r {
        LocalResult::Single(t) => LocalTime::One(t.fixed_offset()),
        LocalResult::Ambiguous(a, b) => LocalTime::Ambiguous {
            earlier: a.fixed_offset(),
            later: b.fixed_offset(),
        },
        LocalResult::None => LocalTime::Nonexistent,
    };
    match zone {
        DisplayZone::Utc => LocalTime::One(Utc.from_utc_datetime(&local).fixed_offset()),
        DisplayZone::Fixed(offset) => match offset.from_local_datetime(&local).earliest() {
            Some(t) => LocalTime::One(t),
            None => LocalTime::Nonexistent,
        },
        DisplayZone::Named(tz) => fixed(tz.from_local_datetime(&local)),
    }
}

/// What to tell the user about `local` in `zone`, or `None` when it is
/// one instant. The same words from `debrief import` and `import-md`.
pub fn problem(zone: &DisplayZone, local: NaiveDateTime, resolved: &LocalTime) -> Option<String> {
    let at = local.format("%Y-%m-%d %H:%M");
    match resolved {
        LocalTime::One(_) => None,
        LocalTime::Ambiguous { earlier, later } => Some(format!(
            "{at} happens twice in {zone} (clocks go back): read as the first, {}, not {}",
            earlier.to_rfc3339(),
            later.to_rfc3339()
        )),
        LocalTime::Nonexistent => Some(format!(
            "{at} does not exist in {zone} (clocks jump forward over it)"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").expect("time")
    }

    #[test]
    fn dst_gaps_and_repeats_are_named() {
        let zone = DisplayZone::parse("America/New_York").expect("zone");
        let gap = resolve(&zone, at("2025-03-09 02:30"));
        assert_eq!(gap, LocalTime::Nonexistent);
        let message = problem(&zone, at("2025-03-09 02:30"), &gap).expect("message");
        assert!(
            message.contains("does not exist in America/New_York"),
            "{message}"
        );
        let twice = resolve(&zone, at("2025-11-02 01:30"));
        assert!(matches!(twice, LocalTime::Ambiguous { .. }));
        let message = problem(&zone, at("2025-11-02 01:30"), &twice).expect("message");
        assert!(message.contains("-04:00"), "{message}");
        let fine = resolve(&zone, at("2025-11-02 03:30"));
        assert!(problem(&zone, at("2025-11-02 03:30"), &fine).is_none());
        assert!(matches!(
            resolve(&DisplayZone::Utc, at("2025-03-09 02:30")),
            LocalTime::One(_)
        ));
    }
}
