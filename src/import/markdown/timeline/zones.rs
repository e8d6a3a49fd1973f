//! Time zones as postmortems state them: abbreviations, headings
//! ("Timeline (UTC)") and statements ("All times in America/New_York").

use std::str::FromStr;

use crate::model::DisplayZone;

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
pub(super) fn zone_token(token: &str) -> Option<(DisplayZone, String)> {
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

/// A heading without the zone it names in parentheses ("Time (CET)" →
/// "Time"): the export names the document's zone itself, and a zone kept
/// in a heading would go stale when the display zone changes.
pub(crate) fn without_zone(heading: &str) -> &str {
    match heading.rfind('(') {
        Some(open) if zone_in(&heading[open..]).is_some() => heading[..open].trim_end(),
        _ => heading,
    }
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
pub(crate) fn zone_words(paragraph: &str) -> Option<&str> {
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
