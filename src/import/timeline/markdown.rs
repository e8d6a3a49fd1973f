//! Markdown timelines: table rows (a header naming a time and an event
//! column) or bullets starting with a time (`- **14:02** event`). Other
//! Markdown is passed over. A heading or table header saying `UTC` sets the
//! zone when `--tz` is not given.

use std::path::Path;

use super::clock::{self, Resolver, Stamp, Unresolved};
use super::csv::parse_marks;
use super::lines::for_each_line;
use super::{
    Candidate, Collector, Context, Field, ImportError, Options, Progress, SourceKind,
    reference_date,
};
use crate::model::DisplayZone;
use std::collections::BTreeMap;

pub(crate) fn parse(
    path: &Path,
    options: &Options,
    context: &Context,
    collector: &mut Collector<'_>,
    progress: &dyn Progress,
) -> Result<(), ImportError> {
    // The open document's incident date, else the date the Markdown itself
    // states (a Date line, a dated title or day heading) — never the file's
    // modification time: notes are often written days later.
    let own_date = context.started.is_none();
    let reference = if own_date {
        options.date
    } else {
        reference_date(context, options.tz, path)
    };
    let mut resolver = Resolver::new(options.tz, reference);
    let mut header: Option<Vec<String>> = None;
    let mut table: Option<BTreeMap<Field, usize>> = None;
    for_each_line(path, collector, progress, |number, line, collector| {
        let trimmed = line.trim();
        if own_date && let Some(date) = stated_date(trimmed, resolver.reference.is_none()) {
            resolver.reference = Some(date);
        }
        if options.tz.is_none() && says_utc(trimmed) {
            resolver.zone = Some(DisplayZone::Utc);
        }
        if !trimmed.starts_with('|') {
            header = None;
            table = None;
            return bullet(number, line, trimmed, path, &mut resolver, collector);
        }
        let cells = split_row(trimmed);
        if cells
            .iter()
            .all(|c| !c.is_empty() && c.chars().all(|ch| "-: ".contains(ch)))
        {
            if let Some(names) = header.take() {
                let names: Vec<&str> = names.iter().map(String::as_str).collect();
                let columns = options.columns.resolve(&names);
                if columns.contains_key(&Field::Time) && columns.contains_key(&Field::Event) {
                    table = Some(columns);
                }
            }
            return Ok(());
        }
        let Some(columns) = &table else {
            if options.tz.is_none() && cells.iter().any(|c| c.contains("UTC")) {
                resolver.zone = Some(DisplayZone::Utc);
            }
            header = Some(cells.iter().map(|c| c.to_string()).collect());
            return Ok(());
        };
        let cell = |field: Field| {
            columns
                .get(&field)
                .and_then(|&i| cells.get(i))
                .copied()
                .unwrap_or("")
        };
        let location = format!("line {number}");
        let Some(stamp) = clock::whole(cell(Field::Time)) else {
            collector.skip(location, line, "the time cell holds no time");
            return Ok(());
        };
        let text = cell(Field::Event).replace("**", "");
        if text.is_empty() {
            collector.skip(location, line, "the event cell is empty");
            return Ok(());
        }
        let Some(at) = resolve(
            stamp,
            cell(Field::Time),
            number,
            path,
            &mut resolver,
            line,
            collector,
        )?
        else {
            return Ok(());
        };
        let actor = cell(Field::Actor);
        let actor = match options.roles.role(actor) {
            Some(role) => role.to_string(),
            None if actor == "-" => String::new(),
            None => actor.to_string(),
        };
        let source = cell(Field::Source);
        let source = if source == "-" { "" } else { source };
        let mut candidate = Candidate::new(SourceKind::Markdown, path, trimmed, trimmed, at, text)
            .source(source)
            .actor(actor);
        candidate.marks = parse_marks(cell(Field::Marks));
        collector.offer(candidate);
        Ok(())
    })
}

/// Whether a heading or table header line says times are in UTC.
fn says_utc(line: &str) -> bool {
    line.starts_with('#') && line.contains("UTC")
}

fn split_row(row: &str) -> Vec<&str> {
    let inner = row.trim().trim_start_matches('|');
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    inner.split('|').map(str::trim).collect()
}

fn bullet(
    number: usize,
    line: &str,
    trimmed: &str,
    path: &Path,
    resolver: &mut Resolver,
    collector: &mut Collector<'_>,
) -> Result<(), ImportError> {
    let Some(item) = trimmed
        .strip_prefix("- ")
        .or_else(|| trimmed.strip_prefix("* "))
        .or_else(|| trimmed.strip_prefix("+ "))
    else {
        return Ok(());
    };
    let item = item.trim_start();
    let bare = item.trim_start_matches(['*', '`', '[']);
    let found = clock::leading_iso(bare).or_else(|| clock::leading_clock(bare));
    let Some((stamp, end)) = found else {
        return Ok(());
    };
    let stamp_text = &bare[..end];
    let rest = bare[end..].trim_start_matches(['*', '`', ']']).trim_start();
    let rest = rest
        .strip_prefix("UTC")
        .map(str::trim_start)
        .filter(|_| matches!(stamp, Stamp::Clock(_)))
        .map(|r| (r, true))
        .unwrap_or((rest, false));
    let (rest, utc) = rest;
    let stamp = match (stamp, utc) {
        (Stamp::Clock(time), true) => Stamp::ClockUtc(time),
        (stamp, _) => stamp,
    };
    let text = rest
        .trim_start_matches(['-', '–', '—', ':', '|'])
        .trim()
        .replace("**", "");
    if text.is_empty() {
        collector.skip(format!("line {number}"), line, "a time with no event");
        return Ok(());
    }
    let Some(at) = resolve(stamp, stamp_text, number, path, resolver, line, collector)? else {
        return Ok(());
    };
    let candidate = Candidate::new(SourceKind::Markdown, path, trimmed, trimmed, at, text);
    collector.offer(candidate);
    Ok(())
}

/// The date a line of the notes states: a day heading (`## 2025-02-09`)
/// always; a `Date:` label, front-matter `date:` or a dated title only when
/// no date is known yet.
fn stated_date(line: &str, first: bool) -> Option<chrono::NaiveDate> {
    use crate::import::markdown::text::{find_date, label_value, plain, whole_date};
    if let Some(heading) = line.strip_prefix('#') {
        let heading = heading.trim_start_matches('#').trim();
        if let Some(date) = whole_date(heading, None) {
            return Some(date);
        }
        return if first {
            find_date(heading, None)
        } else {
            None
        };
    }
    let (label, value) = label_value(line, true)?;
    let key = plain(&label);
    (first && matches!(key.as_str(), "date" | "incident date" | "date of incident"))
        .then(|| find_date(&value, None))
        .flatten()
}

fn resolve(
    stamp: Stamp,
    stamp_text: &str,
    number: usize,
    path: &Path,
    resolver: &mut Resolver,
    line: &str,
    collector: &mut Collector<'_>,
) -> Result<Option<crate::model::Timestamp>, ImportError> {
    match resolver.resolve(stamp) {
        Ok(at) => {
            if let Some(problem) = resolver.problem.take() {
                collector.warn(format!("line {number}: {problem}"));
            }
            Ok(Some(at))
        }
        Err(Unresolved::NeedsZone) => Err(ImportError::NeedsZone {
            path: path.to_path_buf(),
            line: number.to_string(),
            example: stamp_text.trim().to_string(),
        }),
        Err(Unresolved::NeedsDate) => {
            collector.skip_undated(
                format!("line {number}"),
                line,
                "a time without a date: pass --date YYYY-MM-DD, or set the incident start (meta.started) or a Date line in the notes",
            );
            Ok(None)
        }
        Err(Unresolved::Nonexistent) => {
            collector.skip(
                format!("line {number}"),
                line,
                &resolver
                    .problem
                    .clone()
                    .unwrap_or_else(|| "this local time does not exist (DST change)".into()),
            );
            Ok(None)
        }
    }
}
