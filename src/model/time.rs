//! Timestamps, display zones, durations and their TOML encoding.
//!
//! Timestamps always carry an offset, so intervals are exact across zones and
//! DST changes; the display zone only changes how they are shown.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

/// A point in time with the offset it was recorded in.
pub type Timestamp = DateTime<FixedOffset>;

/// The zone a document shows its times in.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum DisplayZone {
    /// Coordinated Universal Time (the default).
    #[default]
    Utc,
    /// A fixed offset such as `-05:00`.
    Fixed(FixedOffset),
    /// An IANA zone such as `America/New_York` (DST-aware).
    Named(Tz),
}

impl DisplayZone {
    /// Parses `UTC`, `Z`, `+02:00`, `-0500` or an IANA name. Empty means UTC.
    pub fn parse(text: &str) -> Result<DisplayZone, String> {
        let text = text.trim();
        if text.is_empty() || text.eq_ignore_ascii_case("utc") || text == "Z" {
            return Ok(DisplayZone::Utc);
        }
        if let Some(offset) = parse_offset(text) {
            return Ok(DisplayZone::Fixed(offset));
        }
        Tz::from_str(text).map(DisplayZone::Named).map_err(|_| {
            format!("unknown time zone `{text}`: expected UTC, an offset like -05:00, or an IANA name like Europe/Berlin")
        })
    }

    /// The local wall-clock time of `ts` in this zone.
    pub fn local(&self, ts: &Timestamp) -> NaiveDateTime {
        match self {
            DisplayZone::Utc => ts.naive_utc(),
            DisplayZone::Fixed(offset) => ts.with_timezone(offset).naive_local(),
            DisplayZone::Named(tz) => ts.with_timezone(tz).naive_local(),
        }
    }

    /// The same instant with this zone's offset.
    pub fn in_zone(&self, ts: &Timestamp) -> Timestamp {
        match self {
            DisplayZone::Utc => ts.with_timezone(&Utc).fixed_offset(),
            DisplayZone::Fixed(offset) => ts.with_timezone(offset),
            DisplayZone::Named(tz) => ts.with_timezone(tz).fixed_offset(),
        }
    }

    /// The zone's short name at `ts` (e.g. `UTC`, `EST`, `+02:00`).
    pub fn abbreviation(&self, ts: Option<&Timestamp>) -> String {
        match self {
            DisplayZone::Utc => "UTC".into(),
            DisplayZone::Fixed(offset) => offset.to_string(),
            DisplayZone::Named(tz) => match ts {
                Some(ts) => ts.with_timezone(tz).format("%Z").to_string(),
                None => tz.name().to_string(),
            },
        }
    }

    /// Interprets a wall-clock time in this zone. Ambiguous times (DST fall
    /// back) take the earlier instant; times that do not exist give `None`.
    pub fn resolve(&self, local: NaiveDateTime) -> Option<Timestamp> {
        match self {
            DisplayZone::Utc => Some(Utc.from_utc_datetime(&local).fixed_offset()),
            DisplayZone::Fixed(offset) => offset.from_local_datetime(&local).earliest(),
            DisplayZone::Named(tz) => tz
                .from_local_datetime(&local)
                .earliest()
                .map(|t| t.fixed_offset()),
        }
    }

    /// Formats `ts` as `HH:MM` in this zone (`HH:MM:SS` when seconds are set).
    pub fn clock(&self, ts: &Timestamp) -> String {
        let local = self.local(ts);
        if local.and_utc().timestamp() % 60 == 0 {
            local.format("%H:%M").to_string()
        } else {
            local.format("%H:%M:%S").to_string()
        }
    }

    /// Formats `ts` as `YYYY-MM-DD HH:MM` in this zone.
    pub fn date_time(&self, ts: &Timestamp) -> String {
        self.local(ts).format("%Y-%m-%d %H:%M").to_string()
    }
}

impl fmt::Display for DisplayZone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DisplayZone::Utc => f.write_str("UTC"),
            DisplayZone::Fixed(offset) => write!(f, "{offset}"),
            DisplayZone::Named(tz) => f.write_str(tz.name()),
        }
    }
}

fn parse_offset(text: &str) -> Option<FixedOffset> {
    let (sign, rest) = match text.as_bytes().first()? {
        b'+' => (1, &text[1..]),
        b'-' => (-1, &text[1..]),
        _ => return None,
    };
    let digits: String = rest.chars().filter(|c| *c != ':').collect();
    if digits.len() != 4 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let hours: i32 = digits[..2].parse().ok()?;
    let minutes: i32 = digits[2..].parse().ok()?;
    if hours > 23 || minutes > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60))
}

/// Formats a duration the way postmortems write it: `47m`, `1h 35m`, `2d 3h`.
pub fn format_duration(duration: Duration) -> String {
    let negative = duration < Duration::zero();
    let total = duration.num_seconds().abs();
    let (days, hours, minutes, seconds) = (
        total / 86_400,
        total % 86_400 / 3600,
        total % 3600 / 60,
        total % 60,
    );
    let text = if days > 0 {
        if hours > 0 {
            format!("{days}d {hours}h")
        } else {
            format!("{days}d")
        }
    } else if hours > 0 {
        if minutes > 0 {
            format!("{hours}h {minutes}m")
        } else {
            format!("{hours}h")
        }
    } else if minutes > 0 || seconds == 0 {
        if seconds > 0 && minutes < 10 {
            format!("{minutes}m {seconds}s")
        } else {
            format!("{minutes}m")
        }
    } else {
        format!("{seconds}s")
    };
    if negative { format!("-{text}") } else { text }
}

/// Parses an RFC 3339 timestamp; the offset is required.
pub fn parse_timestamp(text: &str) -> Result<Timestamp, String> {
    DateTime::parse_from_rfc3339(text.trim()).map_err(|_| {
        if NaiveDateTime::parse_from_str(text.trim(), "%Y-%m-%dT%H:%M:%S").is_ok()
            || NaiveDateTime::parse_from_str(text.trim(), "%Y-%m-%dT%H:%M").is_ok()
        {
            format!("timestamp `{text}` has no offset: write it as {text}Z or {text}-05:00")
        } else {
            format!("expected a timestamp with offset like 2026-02-05T14:02:00Z, found `{text}`")
        }
    })
}

/// "an integer", "a string": for error messages about TOML value types.
fn with_article(noun: &str) -> String {
    let article = if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {noun}")
}

/// A TOML offset date-time read field by field (a timeline of 100,000
/// events is read at start-up: no text round trip). `None` for anything
/// but a full date, time with seconds and offset.
fn from_toml(dt: &toml::value::Datetime) -> Option<Timestamp> {
    use toml::value::Offset;
    let (date, time, offset) = (dt.date?, dt.time?, dt.offset?);
    let second = time.second.filter(|s| *s < 60)?;
    let offset = FixedOffset::east_opt(match offset {
        Offset::Z => 0,
        Offset::Custom { minutes } => i32::from(minutes) * 60,
    })?;
    let naive = NaiveDate::from_ymd_opt(date.year.into(), date.month.into(), date.day.into())?
        .and_hms_nano_opt(
            time.hour.into(),
            time.minute.into(),
            second.into(),
            time.nanosecond.unwrap_or(0),
        )?;
    offset.from_local_datetime(&naive).single()
}

/// serde for `Timestamp` as a native TOML offset date-time.
pub(crate) mod timestamp {
    use super::*;
    use serde::{Deserialize, Deserializer, Serialize, Serializer, de, ser};

    pub fn serialize<S: Serializer>(ts: &Timestamp, serializer: S) -> Result<S::Ok, S::Error> {
        let text = ts.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true);
        let datetime: toml::value::Datetime = text.parse().map_err(ser::Error::custom)?;
        datetime.serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Timestamp, D::Error> {
        match toml::Value::deserialize(deserializer)? {
            toml::Value::Datetime(dt) => match from_toml(&dt) {
                Some(ts) => Ok(ts),
                // Not a whole offset date-time: the text path says why.
                None => parse_timestamp(&dt.to_string()).map_err(de::Error::custom),
            },
            toml::Value::String(s) => parse_timestamp(&s).map_err(de::Error::custom),
            other => Err(de::Error::custom(format!(
                "expected a timestamp with offset like 2026-02-05T14:02:00Z, found {}",
                with_article(other.type_str())
            ))),
        }
    }
}

/// serde for `Option<Timestamp>`.
pub(crate) mod opt_timestamp {
    use super::*;
    use serde::{Deserializer, Serializer};

    pub fn serialize<S: Serializer>(
        ts: &Option<Timestamp>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match ts {
            Some(ts) => timestamp::serialize(ts, serializer),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Timestamp>, D::Error> {
        timestamp::deserialize(deserializer).map(Some)
    }
}

/// serde for `Option<NaiveDate>` as a native TOML local date.
pub(crate) mod opt_date {
    use super::*;
    use serde::{Deserialize, Deserializer, Serialize, Serializer, de, ser};

    pub fn serialize<S: Serializer>(
        date: &Option<NaiveDate>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match date {
            Some(date) => {
                let datetime: toml::value::Datetime = date
                    .format("%Y-%m-%d")
                    .to_string()
                    .parse()
                    .map_err(ser::Error::custom)?;
                datetime.serialize(serializer)
            }
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<NaiveDate>, D::Error> {
        let text = match toml::Value::deserialize(deserializer)? {
            toml::Value::Datetime(dt) => dt.to_string(),
            toml::Value::String(s) => s,
            other => {
                return Err(de::Error::custom(format!(
                    "expected a date like 2026-02-05, found {}",
                    with_article(other.type_str())
                )));
            }
        };
        NaiveDate::parse_from_str(&text, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| {
                de::Error::custom(format!("expected a date like 2026-02-05, found `{text}`"))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_datetimes_read_field_by_field_as_through_their_text() {
        for text in [
            "2026-02-05T14:02:00Z",
            "2026-02-05T14:02:07.250Z",
            "2026-02-05T14:02:07.000000001-05:30",
            "1999-12-31T23:59:59+14:00",
            "2026-03-08T02:30:00-00:00",
        ] {
            let dt: toml::value::Datetime = text.parse().expect("toml datetime");
            let fast = from_toml(&dt).expect("a whole offset date-time");
            let slow = parse_timestamp(&dt.to_string()).expect("parses");
            assert_eq!(fast, slow, "{text}");
            assert_eq!(fast.offset(), slow.offset(), "{text}");
        }
        for partial in [
            "2026-02-05T14:02:00",
            "2026-02-05",
            "14:02:00",
            "2026-02-05T14:02Z",
        ] {
            let dt: toml::value::Datetime = partial.parse().expect("toml datetime");
            assert_eq!(from_toml(&dt), None, "{partial}: left to the text path");
        }
    }

    #[test]
    fn zones_parse() {
        assert_eq!(DisplayZone::parse("").ok(), Some(DisplayZone::Utc));
        assert!(matches!(
            DisplayZone::parse("-05:00"),
            Ok(DisplayZone::Fixed(_))
        ));
        assert!(matches!(
            DisplayZone::parse("America/New_York"),
            Ok(DisplayZone::Named(_))
        ));
        assert!(DisplayZone::parse("Mars/Olympus").is_err());
    }

    #[test]
    fn durations_read_like_prose() {
        assert_eq!(format_duration(Duration::minutes(47)), "47m");
        assert_eq!(format_duration(Duration::minutes(95)), "1h 35m");
        assert_eq!(format_duration(Duration::minutes(120)), "2h");
        assert_eq!(format_duration(Duration::seconds(90)), "1m 30s");
        assert_eq!(format_duration(Duration::hours(51)), "2d 3h");
    }

    #[test]
    fn named_zone_follows_dst() {
        let zone = DisplayZone::parse("America/New_York").expect("zone");
        let winter = parse_timestamp("2026-01-10T12:00:00Z").expect("ts");
        let summer = parse_timestamp("2026-07-10T12:00:00Z").expect("ts");
        assert_eq!(zone.clock(&winter), "07:00");
        assert_eq!(zone.clock(&summer), "08:00");
    }
}
