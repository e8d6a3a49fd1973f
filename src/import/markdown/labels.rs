//! Metadata values: labels in other words, severity and status words,
//! durations and engagement periods.

use chrono::{Duration, NaiveDate, NaiveTime};

use crate::model::Status;

use super::Importer;
use super::text::{date_prefix, plain, time_prefix};

/// A label in other words or languages → the label the importer knows.
pub(crate) fn canonical_label(key: &str) -> &str {
    match key {
        "datum"
        | "fecha"
        | "data"
        | "incident datum"
        | "fecha del incidente"
        | "date de lincident"
        | "date de l incident" => "date",
        "schweregrad" | "severidad" | "sévérité" | "severite" | "gravité" | "gravedad"
        | "priority" | "priorität" | "prioridad" | "priorité" | "incident priority"
        | "incident severity" | "sev level" => "severity",
        "statut" | "estado" | "zustand" => "status",
        "autoren" | "autor" | "auteurs" | "auteur" | "autores" => "authors",
        "start time" | "started at" | "incident start" | "beginn" | "début" | "inicio" => "start",
        "end time" | "ended at" | "incident end" | "ende" | "fin" => "end",
        "zeitzone" | "fuseau horaire" | "zona horaria" | "all times in" => "time zone",
        "affected services" | "dienste" | "services affectés" | "servicios afectados" => {
            "services"
        }
        other => other,
    }
}

/// `SEV-1 (Critical)` → `SEV-1`; `SEV2`, `Sev 2`, `S2`, `P2`, `Major` →
/// `SEV-2`. The flag says whether the text was exactly the export's form
/// (nothing else to keep). Unknown severities give an empty level.
pub(crate) fn severity(value: &str) -> (String, bool) {
    let value = value.trim();
    let scale = crate::model::default_severity_scale();
    for level in &scale {
        if value == format!("{} ({})", level.level, level.label) || value == level.level {
            return (level.level.clone(), true);
        }
    }
    let first = value
        .split(['(', ',', ':', '—', '–'])
        .next()
        .unwrap_or_default()
        .trim();
    let compact: String = first
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_'))
        .collect::<String>()
        .to_uppercase();
    let digit = ["SEV", "S", "P"]
        .iter()
        .find_map(|p| compact.strip_prefix(p))
        .filter(|n| n.len() == 1 && ("1"..="4").contains(n));
    if let Some(n) =
        digit.or_else(|| Some(compact.as_str()).filter(|n| n.len() == 1 && ("1"..="4").contains(n)))
    {
        return (format!("SEV-{n}"), false);
    }
    let label = plain(first);
    let by_label =
        scale
            .iter()
            .find(|l| plain(&l.label) == label)
            .or_else(|| match label.as_str() {
                "critical" | "kritisch" | "critique" | "crítica" | "critica" | "crítico"
                | "blocker" => scale.first(),
                "high" | "major" | "majeure" | "majeur" | "mayor" | "hoch" | "grave" | "alta" => {
                    scale.get(1)
                }
                "medium" | "moderate" | "minor" | "mineure" | "mineur" | "menor" | "mittel"
                | "moyenne" | "media" => scale.get(2),
                "low" | "niedrig" | "faible" | "baja" => scale.get(3),
                _ => None,
            });
    match by_label {
        Some(level) => (level.level.clone(), false),
        None => (String::new(), false),
    }
}

pub(crate) fn status(value: &str) -> Option<Status> {
    let key = plain(value);
    let key = key.trim();
    match key {
        "draft" | "in progress" | "wip" | "open" | "entwurf" | "brouillon" | "borrador" => {
            Some(Status::Draft)
        }
        "in review" | "review" | "under review" | "in-review" | "in prüfung" | "en revue"
        | "en cours de revue" | "en revisión" | "en revision" => Some(Status::InReview),
        "final" | "completed" | "complete" | "closed" | "published" | "done" | "approved"
        | "resolved" | "reviewed" | "abgeschlossen" | "terminé" | "validé" | "finalisé"
        | "cerrado" | "completado" | "finalizado" => Some(Status::Final),
        _ if key.starts_with("complete") || key.starts_with("reviewed") => Some(Status::Final),
        _ => None,
    }
}

/// `1h 25m (07:22 – 08:47 EST)`, `14:23 - 15:47 UTC (84 minutes)`, `47 min`.
pub(crate) fn duration(im: &mut Importer<'_>, value: &str) {
    im.duration_text = Some(value.to_string());
    // Find two clock times.
    let mut times = Vec::new();
    let mut i = 0;
    while i < value.len() && times.len() < 2 {
        if value.is_char_boundary(i)
            && (i == 0 || !value.as_bytes()[i - 1].is_ascii_digit())
            && let Some((time, used)) = time_prefix(&value[i..])
        {
            times.push(time);
            i += used;
            continue;
        }
        i += 1;
    }
    if let [start, end] = times[..]
        && let Some(date) = im.date
        && im
            .doc
            .meta
            .started
            .is_none_or(|s| im.zone.local(&s).time() == start)
    {
        let started = im.resolve(date, start);
        let minutes = duration_minutes(value);
        let mut end_date = date;
        if end < start {
            end_date = end_date.succ_opt().unwrap_or(end_date);
        }
        if let Some(minutes) = minutes {
            let days = minutes / (24 * 60);
            end_date = end_date
                .checked_add_signed(Duration::days(days))
                .unwrap_or(end_date);
        }
        im.doc.meta.started = Some(started);
        im.doc.meta.ended = Some(im.resolve(end_date, end));
    }
}

/// Minutes in `2d 3h`, `1h 25m`, `84 minutes`, `2 hours 15 minutes`.
fn duration_minutes(value: &str) -> Option<i64> {
    let mut total = 0i64;
    let mut found = false;
    let words: Vec<&str> = value
        .split(|c: char| c.is_whitespace() || c == '(' || c == ')')
        .filter(|w| !w.is_empty())
        .collect();
    let mut i = 0;
    while i < words.len() {
        let word = words[i];
        let digits: String = word.chars().take_while(|c| c.is_ascii_digit()).collect();
        if !digits.is_empty() && !word.contains(':') {
            let n: i64 = digits.parse().ok()?;
            let unit = if digits.len() < word.len() {
                word[digits.len()..].to_string()
            } else {
                words.get(i + 1).map(|w| w.to_string()).unwrap_or_default()
            };
            let unit = unit.to_lowercase();
            let factor = if unit.starts_with('d') {
                24 * 60
            } else if unit.starts_with('h') {
                60
            } else if unit.starts_with('m') {
                1
            } else {
                0
            };
            if factor > 0 {
                total += n * factor;
                found = true;
            }
        }
        i += 1;
    }
    found.then_some(total)
}

/// `2025-03-03 – 2025-08-29` (dates, or dates with times).
pub(crate) fn period(im: &mut Importer<'_>, value: &str) -> bool {
    let parts: Vec<&str> = value
        .split(['–', '—'])
        .flat_map(|p| p.split(" -- "))
        .flat_map(|p| p.split(" to "))
        .map(str::trim)
        .collect();
    let [start, end] = parts[..] else {
        return false;
    };
    let (Some(start), Some(end)) = (im.timestamp_or_day(start), im.timestamp_or_day(end)) else {
        return false;
    };
    im.project = true;
    im.doc.meta.started = Some(start);
    im.doc.meta.ended = Some(end);
    true
}

impl Importer<'_> {
    /// A wall-clock time on `date` in the document's zone.
    pub(crate) fn resolve(&self, date: NaiveDate, time: NaiveTime) -> crate::model::Timestamp {
        let local = date.and_time(time);
        self.zone
            .resolve(local)
            .or_else(|| self.zone.resolve(local + Duration::hours(1)))
            .unwrap_or_else(|| local.and_utc().fixed_offset())
    }

    /// `2026-02-05 14:02`, `2026-02-05T14:02:00Z`, `14:02` (on the incident date).
    pub(crate) fn timestamp(&self, value: &str) -> Option<crate::model::Timestamp> {
        if let Ok(ts) = crate::model::Timestamp::parse_from_rfc3339(value.trim()) {
            return Some(ts);
        }
        let (date, rest) = match date_prefix(value, self.date.map(|d| chrono::Datelike::year(&d))) {
            Some((date, used)) => (date, value[used..].trim_start_matches([' ', ',', 'T'])),
            None => (self.date?, value),
        };
        let (time, _) = time_prefix(rest)?;
        Some(self.resolve(date, time))
    }

    /// A timestamp, or a bare date at midnight (engagement periods).
    fn timestamp_or_day(&self, value: &str) -> Option<crate::model::Timestamp> {
        let (date, used) = date_prefix(value, None)?;
        let rest = value[used..].trim_start_matches([' ', ',', 'T']);
        let time = match time_prefix(rest) {
            Some((time, _)) => time,
            None if rest.is_empty() => NaiveTime::MIN,
            None => return None,
        };
        Some(self.resolve(date, time))
    }
}
