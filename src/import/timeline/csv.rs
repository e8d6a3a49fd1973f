//! CSV with a header row: time, event, source and actor columns recognized
//! by name (`--columns` maps others). Read record by record.

use std::path::Path;

use super::clock::{self, Resolver, Unresolved};
use super::{
    Candidate, Collector, Context, Field, ImportError, Options, Progress, SourceKind,
    reference_date,
};
use crate::model::Mark;

pub(crate) fn parse(
    path: &Path,
    options: &Options,
    context: &Context,
    collector: &mut Collector<'_>,
    progress: &dyn Progress,
) -> Result<(), ImportError> {
    let io = |source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = crate::store::open_regular(path, "evidence").map_err(io)?;
    let total = file.metadata().map(|m| m.len()).unwrap_or(0);
    progress.start(&path.display().to_string(), total);
    let mut reader = ::csv::ReaderBuilder::new()
        .flexible(true)
        .trim(::csv::Trim::All)
        .from_reader(file);
    let headers = reader
        .headers()
        .map_err(|err| csv_error(path, &err))?
        .clone();
    let names: Vec<&str> = headers.iter().collect();
    let columns = options.columns.resolve(&names);
    let (Some(&time), Some(&event)) = (columns.get(&Field::Time), columns.get(&Field::Event))
    else {
        return Err(ImportError::Shape {
            path: path.to_path_buf(),
            message: format!(
                "the header row ({}) needs a time and an event column: name them time and event, or map them with --columns time=COLUMN,event=COLUMN",
                names.join(", ")
            ),
        });
    };
    let mut resolver = Resolver::new(options.tz, reference_date(context, options.tz, path));
    let mut record = ::csv::StringRecord::new();
    let mut last_byte = 0;
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(err) => {
                let line = err.position().map(|p| p.line()).unwrap_or(0);
                collector.skip(format!("line {line}"), "", &err.to_string());
                if matches!(err.kind(), ::csv::ErrorKind::Io(_)) {
                    return Err(csv_error(path, &err));
                }
                continue;
            }
        }
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        let byte = record.position().map(|p| p.byte()).unwrap_or(0);
        progress.advance(byte.saturating_sub(last_byte));
        last_byte = byte;
        let raw = record.iter().collect::<Vec<_>>().join(",");
        if record.iter().all(str::is_empty) {
            continue;
        }
        let location = format!("line {line}");
        let cell = |field: Field| {
            columns
                .get(&field)
                .and_then(|&i| record.get(i))
                .unwrap_or("")
                .to_string()
        };
        let time_text = record.get(time).unwrap_or("");
        let Some(stamp) = clock::whole(time_text) else {
            collector.skip(location, &raw, "the time column holds no time");
            continue;
        };
        let at = match resolver.resolve(stamp) {
            Ok(at) => {
                if let Some(problem) = resolver.problem.take() {
                    collector.warn(format!("{location}: {problem}"));
                }
                at
            }
            Err(Unresolved::NeedsZone) => {
                return Err(ImportError::NeedsZone {
                    path: path.to_path_buf(),
                    line: line.to_string(),
                    example: time_text.to_string(),
                });
            }
            Err(Unresolved::NeedsDate) => {
                collector.skip(location, &raw, "a time without a date: set meta.started");
                continue;
            }
            Err(Unresolved::Nonexistent) => {
                collector.skip(
                    location,
                    &raw,
                    &resolver
                        .problem
                        .clone()
                        .unwrap_or_else(|| "this local time does not exist (DST change)".into()),
                );
                continue;
            }
        };
        let text = record.get(event).unwrap_or("").to_string();
        if text.is_empty() {
            collector.skip(location, &raw, "the event column is empty");
            continue;
        }
        let actor = cell(Field::Actor);
        let actor = options
            .roles
            .role(&actor)
            .map(str::to_string)
            .unwrap_or(actor);
        let mut candidate = Candidate::new(SourceKind::Csv, path, raw.clone(), &raw, at, text)
            .source(cell(Field::Source))
            .actor(actor);
        candidate.marks = parse_marks(&cell(Field::Marks));
        collector.offer(candidate);
    }
    progress.finish();
    collector.read_bytes(total);
    Ok(())
}

/// Marks named in a cell: `detected`, `Impact start; resolved`.
pub(crate) fn parse_marks(cell: &str) -> Vec<Mark> {
    cell.split([',', ';', '/'])
        .filter_map(|name| {
            let key: String = name
                .chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect();
            Mark::ALL.into_iter().find(|m| {
                let mark: String = m.as_str().chars().filter(|c| c.is_alphanumeric()).collect();
                mark == key
            })
        })
        .collect()
}

fn csv_error(path: &Path, err: &::csv::Error) -> ImportError {
    let line = err.position().map(|p| p.line() as usize).unwrap_or(1);
    ImportError::Syntax {
        path: path.to_path_buf(),
        line,
        column: 1,
        message: err.to_string(),
    }
}
