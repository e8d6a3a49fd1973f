//! PagerDuty log entries (`GET /log_entries` or an incident's
//! `/log_entries`): triggered → `detected`, acknowledged and escalated →
//! `escalated`, resolved → `resolved`. Entry summaries name people ("Acknowledged
//! by …"), so the text is built from the entry type instead, and users become
//! roles through `--roles` (default "on-call responder").

use std::path::Path;

use serde_json::Value;

use super::json::{self, str_at, time_at};
use super::{Candidate, Collector, ImportError, Options, SourceKind};
use crate::model::Mark;

pub(crate) fn parse(
    path: &Path,
    options: &Options,
    collector: &mut Collector<'_>,
) -> Result<(), ImportError> {
    let values = json::load(path, collector)?;
    let mut found = 0;
    for (prefix, value) in &values {
        let (pointer, entries) = match value {
            Value::Array(items) => (prefix.clone(), items.as_slice()),
            Value::Object(map) => match map.get("log_entries").and_then(Value::as_array) {
                Some(items) => (format!("{prefix}/log_entries"), items.as_slice()),
                None if map.contains_key("log_entry") => (
                    format!("{prefix}/log_entry"),
                    std::slice::from_ref(&map["log_entry"]),
                ),
                None => (prefix.clone(), std::slice::from_ref(value)),
            },
            _ => continue,
        };
        for (index, entry) in entries.iter().enumerate() {
            let pointer = if entries.len() == 1 && pointer.ends_with("log_entry") {
                pointer.clone()
            } else {
                format!("{pointer}/{index}")
            };
            let kind = str_at(entry, "/type");
            if !kind.ends_with("log_entry") && !kind.ends_with("log_entry_reference") {
                collector.skip(
                    &pointer,
                    &entry.to_string(),
                    "not a PagerDuty log entry (no type ending in _log_entry)",
                );
                continue;
            }
            found += 1;
            entry_event(path, &pointer, entry, options, collector);
        }
    }
    if found == 0 && collector.parsed.unparseable == 0 {
        return Err(ImportError::Shape {
            path: path.to_path_buf(),
            message: "no log entries found: expected PagerDuty's {\"log_entries\": [...]}".into(),
        });
    }
    Ok(())
}

fn entry_event(
    path: &Path,
    pointer: &str,
    entry: &Value,
    options: &Options,
    collector: &mut Collector<'_>,
) {
    let Some(at) = time_at(entry, "/created_at") else {
        collector.skip(
            pointer,
            &entry.to_string(),
            "created_at is not an RFC 3339 time",
        );
        return;
    };
    let kind = str_at(entry, "/type").trim_end_matches("_reference");
    let incident = match str_at(entry, "/incident/summary") {
        "" => "Incident".to_string(),
        title => format!("Incident \"{title}\""),
    };
    let channel = str_at(entry, "/channel/type");
    let (what, mark) = match kind {
        "trigger_log_entry" => ("triggered".to_string(), Some(Mark::Detected)),
        "acknowledge_log_entry" => ("acknowledged".to_string(), Some(Mark::Escalated)),
        "escalate_log_entry" => ("escalated".to_string(), Some(Mark::Escalated)),
        "resolve_log_entry" => ("resolved".to_string(), Some(Mark::Resolved)),
        "annotate_log_entry" => ("note added".to_string(), None),
        "notify_log_entry" if !channel.is_empty() => {
            (format!("notified a responder ({channel})"), None)
        }
        other => {
            let verb = other.trim_end_matches("_log_entry").replace('_', " ");
            (verb, None)
        }
    };
    let actor = match str_at(entry, "/agent/type") {
        "user_reference" | "user" => options
            .roles
            .role(str_at(entry, "/agent/id"))
            .unwrap_or("on-call responder")
            .to_string(),
        "" => "PagerDuty".to_string(),
        _ => "PagerDuty".to_string(),
    };
    let identity = match str_at(entry, "/id") {
        "" => format!("{kind} {}", str_at(entry, "/created_at")),
        id => id.to_string(),
    };
    let mut candidate = Candidate::new(
        SourceKind::Pagerduty,
        path,
        pointer,
        &identity,
        at,
        format!("{incident} {what}"),
    )
    .source("PagerDuty")
    .actor(actor);
    if let Some(mark) = mark {
        candidate = candidate.mark(mark);
    }
    collector.offer(candidate);
}
