//! Alertmanager alerts: `amtool alert query -o json` (API v2 alert list) and
//! webhook payloads (one, an array of them, or one per line). Each alert's
//! start becomes a "firing" event marked `detected`; an alert whose status
//! is `resolved` also gives a "resolved" event at its end, marked `resolved`.

use std::path::Path;

use serde_json::Value;

use super::json::{self, escape, str_at, time_at};
use super::{Candidate, Collector, ImportError, SourceKind};
use crate::model::Mark;

pub(crate) fn parse(path: &Path, collector: &mut Collector<'_>) -> Result<(), ImportError> {
    let values = json::load(path, collector)?;
    let mut found = 0;
    for (prefix, value) in &values {
        walk(path, prefix, value, collector, &mut found);
    }
    if found == 0 && collector.parsed.unparseable == 0 {
        return Err(ImportError::Shape {
            path: path.to_path_buf(),
            message: "no alerts found: expected the output of `amtool alert query -o json` (a list of alerts with labels and startsAt) or an Alertmanager webhook payload (an object with \"alerts\")".into(),
        });
    }
    Ok(())
}

/// Finds alert lists in the shapes Alertmanager produces.
fn walk(
    path: &Path,
    pointer: &str,
    value: &Value,
    collector: &mut Collector<'_>,
    found: &mut usize,
) {
    match value {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                walk(path, &format!("{pointer}/{i}"), item, collector, found);
            }
        }
        Value::Object(map) if map.contains_key("labels") && map.contains_key("startsAt") => {
            *found += 1;
            alert(path, pointer, value, collector);
        }
        Value::Object(map) => {
            for key in ["alerts", "data"] {
                if let Some(inner) = map.get(key) {
                    walk(
                        path,
                        &format!("{pointer}/{}", escape(key)),
                        inner,
                        collector,
                        found,
                    );
                }
            }
        }
        _ => {}
    }
}

fn alert(path: &Path, pointer: &str, value: &Value, collector: &mut Collector<'_>) {
    let name = match str_at(value, "/labels/alertname") {
        "" => "alert",
        name => name,
    };
    let summary = [
        "/annotations/summary",
        "/annotations/description",
        "/annotations/message",
    ]
    .iter()
    .map(|p| str_at(value, p))
    .find(|s| !s.is_empty())
    .unwrap_or("");
    let severity = str_at(value, "/labels/severity");
    let identity = match str_at(value, "/fingerprint") {
        "" => value
            .get("labels")
            .map(Value::to_string)
            .unwrap_or_default(),
        fingerprint => fingerprint.to_string(),
    };
    let Some(started) = time_at(value, "/startsAt") else {
        collector.skip(
            pointer,
            &value.to_string(),
            "startsAt is not an RFC 3339 time",
        );
        return;
    };
    let mut text = format!("{name} firing");
    if !severity.is_empty() {
        text.push_str(&format!(" ({severity})"));
    }
    if !summary.is_empty() {
        text.push_str(&format!(": {summary}"));
    }
    let started_text = str_at(value, "/startsAt");
    let firing = Candidate::new(
        SourceKind::Alertmanager,
        path,
        pointer,
        &format!("{identity} {started_text} firing"),
        started,
        text,
    )
    .source("alert")
    .system_actor("Alertmanager")
    .mark(Mark::Detected);
    collector.offer(firing);
    // amtool reports `status.state` (active, suppressed); webhooks report
    // `status` as firing or resolved. Only resolved alerts have a real end.
    if str_at(value, "/status") == "resolved" {
        let Some(ended) = time_at(value, "/endsAt") else {
            collector.skip(
                pointer,
                &value.to_string(),
                "a resolved alert without endsAt",
            );
            return;
        };
        let resolved = Candidate::new(
            SourceKind::Alertmanager,
            path,
            format!("{pointer}/endsAt"),
            &format!("{identity} {started_text} resolved"),
            ended,
            format!("{name} resolved"),
        )
        .source("alert")
        .system_actor("Alertmanager")
        .mark(Mark::Resolved);
        collector.offer(resolved);
    }
}
