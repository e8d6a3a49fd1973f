//! Text helpers: cells, labels, plain words, dates and times.

use chrono::{Datelike, NaiveDate, NaiveTime};

/// The raw Markdown of a table cell, outer pipes and spaces removed and the
/// export's `<br>` line breaks read back. Backslash escapes are kept: the
/// importer undoes them once, for every field, at the end
/// ([`crate::export::escape::unescape`]), so an escaped `\<br>` stays text.
pub(crate) fn cell(raw: &str) -> String {
    let raw = raw.trim();
    let raw = raw.strip_prefix('|').unwrap_or(raw).trim();
    let raw = match raw.strip_suffix('|') {
        Some(rest) if !rest.ends_with('\\') => rest.trim(),
        _ => raw,
    };
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(c) = rest.chars().next() {
        if c == '\\' {
            // An escape pair is copied whole.
            let pair = rest.chars().take(2).map(char::len_utf8).sum::<usize>();
            out.push_str(&rest[..pair]);
            rest = &rest[pair..];
            continue;
        }
        if c == '<'
            && let Some(br) = ["<br>", "<br/>", "<br />"]
                .iter()
                .find(|br| rest.starts_with(**br))
        {
            out.push('\n');
            rest = &rest[br.len()..];
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Lower-case words only: emphasis, punctuation and emoji removed. Used to
/// recognize headings, labels and column names.
pub(crate) fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = true;
    for c in text.chars() {
        if c.is_alphanumeric() {
            for l in c.to_lowercase() {
                out.push(l);
            }
            space = false;
        } else if !space
            && (c.is_whitespace()
                || matches!(c, '-' | '_' | '/' | '.' | ',' | ':' | '&' | '(' | ')' | '+'))
        {
            out.push(' ');
            space = true;
        }
    }
    out.trim_end().to_string()
}

/// A heading without a trailing Pandoc attribute block (`{#id .class}`),
/// which is markup, not words.
pub(crate) fn without_attributes(heading: &str) -> &str {
    match heading.rfind(" {") {
        Some(at)
            if heading.ends_with('}')
                && heading[at + 2..].starts_with(['#', '.'])
                && !heading[at + 2..heading.len() - 1].contains(['{', '}']) =>
        {
            heading[..at].trim_end()
        }
        _ => heading,
    }
}

/// Removes emphasis markers and backticks around a whole value.
pub(crate) fn unwrap_emphasis(text: &str) -> &str {
    let mut text = text.trim();
    loop {
        let before = text;
        for mark in ["**", "__", "*", "_", "`", "~~"] {
            if text.len() >= 2 * mark.len()
                && let Some(inner) = text.strip_prefix(mark).and_then(|t| t.strip_suffix(mark))
            {
                text = inner.trim();
            }
        }
        if text == before {
            return text;
        }
    }
}

/// Splits `**Label:** value`, `**Label**: value`, `Label: value` into
/// (label, value). `plain_labels` allows labels without bold.
pub(crate) fn label_value(line: &str, plain_labels: bool) -> Option<(String, String)> {
    let line = line.trim();
    let line = line
        .strip_prefix("- ")
        .or_else(|| line.strip_prefix("* "))
        .unwrap_or(line)
        .trim();
    for mark in ["**", "__"] {
        if let Some(rest) = line.strip_prefix(mark)
            && let Some(end) = rest.find(mark)
        {
            let label = rest[..end].trim();
            let after = rest[end + mark.len()..].trim_start();
            if let Some(label) = label.strip_suffix(':') {
                return Some((label.trim().to_string(), after.trim().to_string()));
            }
            if let Some(value) = after.strip_prefix(':') {
                return Some((label.to_string(), value.trim().to_string()));
            }
            return None;
        }
    }
    if plain_labels {
        let colon = line.find(':')?;
        let label = &line[..colon];
        if label.is_empty() || label.len() > 40 || label.contains(['[', '`', '(']) {
            return None;
        }
        let value = line[colon + 1..].trim();
        if value.starts_with("//") {
            return None;
        }
        return Some((label.trim().to_string(), value.to_string()));
    }
    None
}

/// Splits a comma- or semicolon-separated list.
pub(crate) fn split_list(text: &str) -> Vec<String> {
    text.split([',', ';'])
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// A date at the start of `text`: `2026-02-05`, `2026/02/05`, `Feb 5, 2026`,
/// `February 5 2026`, `5 Feb 2026`, `Jan 30` (year from `year`). Returns the
/// date and the number of bytes it took.
pub(crate) fn date_prefix(text: &str, year: Option<i32>) -> Option<(NaiveDate, usize)> {
    let bytes = text.as_bytes();
    // ISO: YYYY-MM-DD or YYYY/MM/DD
    if bytes.len() >= 10
        && bytes[..4].iter().all(u8::is_ascii_digit)
        && matches!(bytes[4], b'-' | b'/')
        && bytes[5..7].iter().all(u8::is_ascii_digit)
        && bytes[7] == bytes[4]
        && bytes[8..10].iter().all(u8::is_ascii_digit)
        && bytes.get(10).is_none_or(|b| !b.is_ascii_digit())
    {
        let y = text[..4].parse().ok()?;
        let m = text[5..7].parse().ok()?;
        let d = text[8..10].parse().ok()?;
        return NaiveDate::from_ymd_opt(y, m, d).map(|date| (date, 10));
    }
    // Day first: DD.MM.YYYY (German), DD/MM/YYYY when the day is over 12
    // (otherwise MM/DD/YYYY, the US order).
    if bytes.len() >= 10
        && bytes[..2].iter().all(u8::is_ascii_digit)
        && matches!(bytes[2], b'.' | b'/')
        && bytes[3..5].iter().all(u8::is_ascii_digit)
        && bytes[5] == bytes[2]
        && bytes[6..10].iter().all(u8::is_ascii_digit)
        && bytes.get(10).is_none_or(|b| !b.is_ascii_digit())
    {
        let a: u32 = text[..2].parse().ok()?;
        let b: u32 = text[3..5].parse().ok()?;
        let y = text[6..10].parse().ok()?;
        let (d, m) = if bytes[2] == b'.' || a > 12 {
            (a, b)
        } else {
            (b, a)
        };
        return NaiveDate::from_ymd_opt(y, m, d).map(|date| (date, 10));
    }
    // A weekday name first ("Tuesday 20 February", "Tue, Feb 20"): skipped.
    const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    let word_len = text
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(text.len());
    if word_len >= 3
        && WEEKDAYS
            .iter()
            .any(|d| text[..word_len].to_lowercase().starts_with(d))
        && text[..word_len]
            .to_lowercase()
            .ends_with(['y', 'n', 'e', 'd', 'u', 't', 'i'])
    {
        let after = &text[word_len..];
        let rest = after.trim_start_matches([' ', ',']);
        if !rest.is_empty() && rest.len() < after.len() {
            let skipped = text.len() - rest.len();
            return date_prefix(rest, year).map(|(d, used)| (d, used + skipped));
        }
    }
    // Words: month name and day, in either order, optional year.
    let mut tokens = Vec::new();
    let mut pos = 0;
    for _ in 0..3 {
        let rest = &text[pos..];
        let skipped = rest.len() - rest.trim_start_matches([' ', ',']).len();
        let rest = &rest[skipped..];
        let len = rest
            .find(|c: char| !c.is_alphanumeric())
            .unwrap_or(rest.len());
        if len == 0 {
            break;
        }
        tokens.push((&rest[..len], pos + skipped + len));
        pos += skipped + len;
    }
    let month_of = |t: &str| {
        let t = t.to_lowercase();
        if t.len() < 3 {
            return None;
        }
        MONTHS
            .iter()
            .position(|m| t.starts_with(m) && full_month_ok(&t))
            .map(|m| m as u32 + 1)
    };
    let day_of = |t: &str| {
        let t = t
            .trim_end_matches("st")
            .trim_end_matches("nd")
            .trim_end_matches("rd")
            .trim_end_matches("th");
        t.parse::<u32>().ok().filter(|d| (1..=31).contains(d))
    };
    let year_of = |t: &str| {
        (t.len() == 4)
            .then(|| t.parse::<i32>().ok())
            .flatten()
            .filter(|y| (1970..=2200).contains(y))
    };
    let (month, day, mut used) = match tokens.as_slice() {
        [(a, _), (b, end), ..] if month_of(a).is_some() && day_of(b).is_some() => {
            (month_of(a)?, day_of(b)?, *end)
        }
        [(a, _), (b, end), ..] if day_of(a).is_some() && month_of(b).is_some() => {
            (month_of(b)?, day_of(a)?, *end)
        }
        _ => return None,
    };
    let mut y = year;
    if let Some((t, end)) = tokens.get(2)
        && let Some(found) = year_of(t)
    {
        y = Some(found);
        used = *end;
    }
    let date = NaiveDate::from_ymd_opt(y?, month, day)?;
    Some((date, used))
}

fn full_month_ok(t: &str) -> bool {
    const FULL: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    t.len() == 3 || FULL.iter().any(|f| f.starts_with(t)) || t == "sept"
}

/// A clock time at the start of `text`: `14:02`, `14:02:33`, `2:30 PM`,
/// `2pm`, `1402Z` is not accepted. Returns the time and the bytes taken.
pub(crate) fn time_prefix(text: &str) -> Option<(NaiveTime, usize)> {
    let bytes = text.as_bytes();
    // Up to 3 digits: enough to tell 1, 2 and "more", in constant time.
    let digits = |from: usize| {
        bytes
            .get(from..)
            .unwrap_or_default()
            .iter()
            .take(3)
            .take_while(|b| b.is_ascii_digit())
            .count()
    };
    let h_len = digits(0);
    if !(1..=2).contains(&h_len) {
        return None;
    }
    let hour: u32 = text[..h_len].parse().ok()?;
    let mut pos = h_len;
    let mut minute = 0;
    let mut second = 0;
    let mut has_minutes = false;
    if bytes.get(pos) == Some(&b':') && digits(pos + 1) == 2 {
        minute = text[pos + 1..pos + 3].parse().ok()?;
        pos += 3;
        has_minutes = true;
        if bytes.get(pos) == Some(&b':') && digits(pos + 1) == 2 {
            second = text[pos + 1..pos + 3].parse().ok()?;
            pos += 3;
            if bytes.get(pos) == Some(&b'.') {
                pos += 1 + digits(pos + 1);
            }
        }
    }
    // am / pm
    let rest = &text[pos..];
    let trimmed = rest.trim_start();
    let mut hour = hour;
    let mut meridiem = false;
    for (suffix, pm) in [("a.m.", false), ("p.m.", true), ("am", false), ("pm", true)] {
        if trimmed
            .get(..suffix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(suffix))
            && trimmed[suffix.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric())
        {
            if !(1..=12).contains(&hour) {
                return None;
            }
            hour = match (hour, pm) {
                (12, false) => 0,
                (12, true) => 12,
                (h, true) => h + 12,
                (h, false) => h,
            };
            pos += rest.len() - trimmed.len() + suffix.len();
            meridiem = true;
            break;
        }
    }
    if !has_minutes && !meridiem {
        return None;
    }
    if bytes.get(pos).is_some_and(|b| b.is_ascii_alphanumeric()) && !meridiem {
        return None;
    }
    NaiveTime::from_hms_opt(hour, minute, second).map(|t| (t, pos))
}

/// A full date anywhere in `text` (the first one), for incident dates in titles.
pub(crate) fn find_date(text: &str, year: Option<i32>) -> Option<NaiveDate> {
    // A date starts a word. (From a space or comma before the word,
    // `date_prefix` reads the same words, so trying those too would only
    // repeat the work: a long run of them made this quadratic.)
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        let word_start = c.is_alphanumeric() && !prev.is_some_and(char::is_alphanumeric);
        prev = Some(c);
        if !word_start {
            continue;
        }
        if let Some((date, _)) = date_prefix(&text[i..], year)
            && (year.is_some() || date.year() > 1970)
        {
            return Some(date);
        }
    }
    None
}

/// A date value: ISO or words, nothing else around it except emphasis.
pub(crate) fn whole_date(text: &str, year: Option<i32>) -> Option<NaiveDate> {
    let text = unwrap_emphasis(text);
    let (date, used) = date_prefix(text, year)?;
    text[used..].trim().is_empty().then_some(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_unescape_the_export() {
        use crate::export::escape::unescape;
        let read = |raw: &str| unescape(&cell(raw));
        assert_eq!(read(" a \\| b "), "a | b");
        assert_eq!(read("run \\`ls\\`"), "run `ls`");
        assert_eq!(read("one<br>two"), "one\ntwo");
        assert_eq!(read("C:\\\\path"), "C:\\path");
        assert_eq!(read("a \\<br> tag"), "a <br> tag");
    }

    #[test]
    fn labels_in_every_style() {
        assert_eq!(
            label_value("**Date:** 2026-02-05", false),
            Some(("Date".into(), "2026-02-05".into()))
        );
        assert_eq!(
            label_value("**Severity**: SEV2", false),
            Some(("Severity".into(), "SEV2".into()))
        );
        assert_eq!(label_value("Severity: SEV2", false), None);
        assert_eq!(
            label_value("Severity: SEV2", true),
            Some(("Severity".into(), "SEV2".into()))
        );
    }

    #[test]
    fn dates_and_times() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).expect("date");
        assert_eq!(
            date_prefix("2026-02-05 14:02", None),
            Some((d(2026, 2, 5), 10))
        );
        assert_eq!(
            date_prefix("Feb 5, 2026 at", None).map(|x| x.0),
            Some(d(2026, 2, 5))
        );
        assert_eq!(
            date_prefix("Jan 30", Some(2026)).map(|x| x.0),
            Some(d(2026, 1, 30))
        );
        assert_eq!(
            date_prefix("5 March 2025", None).map(|x| x.0),
            Some(d(2025, 3, 5))
        );
        assert_eq!(date_prefix("Mark 5", Some(2026)), None);
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).expect("time");
        assert_eq!(time_prefix("14:02 — x").map(|x| x.0), Some(t(14, 2)));
        assert_eq!(time_prefix("2:30 PM").map(|x| x.0), Some(t(14, 30)));
        assert_eq!(time_prefix("12am").map(|x| x.0), Some(t(0, 0)));
        assert_eq!(time_prefix("1402"), None);
        assert_eq!(time_prefix("5 whys"), None);
    }
}
