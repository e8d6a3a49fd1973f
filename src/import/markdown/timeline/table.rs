//! Timeline tables: columns by name (or by their cells), one event per
//! row, the table's own column headings kept for the export.

use std::ops::Range;

use chrono::NaiveDate;

use crate::model::{Mark, Unmapped};

use super::super::Importer;
use super::super::blocks::slice;
use super::super::text::{self, plain};
use super::{stamp, time_column, zone_in};

/// What a timeline table column holds.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Column {
    Id,
    Date,
    Time,
    Event,
    Source,
    Actor,
    Mark,
    Other,
}

pub(super) fn column(header: &str) -> Column {
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

pub(super) fn table(
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
        let time = super::without_zone(&time);
        super::super::wording::column(im, "timeline", "time", time);
    }
    for (column, key) in [
        (Column::Id, "id"),
        (Column::Event, "event"),
        (Column::Source, "source"),
        (Column::Actor, "actor"),
        (Column::Mark, "mark"),
    ] {
        if let Some(written) = header(column) {
            super::super::wording::column(im, "timeline", key, written);
        }
    }
}
