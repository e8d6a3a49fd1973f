//! Prometheus `query_range` JSON (`resultType: matrix`): with `--threshold`,
//! each crossing of the level in a series is an event.

use std::path::Path;

use chrono::DateTime;
use serde_json::Value;

use super::json;
use super::{Candidate, Collector, ImportError, Options, SourceKind};

pub(crate) fn parse(
    path: &Path,
    options: &Options,
    collector: &mut Collector<'_>,
) -> Result<(), ImportError> {
    let Some(threshold) = options.threshold else {
        return Err(ImportError::Usage(format!(
            "{}: Prometheus series need --threshold LEVEL (e.g. --threshold 0.05, or --threshold '<10' when falling below is bad)",
            path.display()
        )));
    };
    let values = json::load(path, collector)?;
    for (prefix, value) in &values {
        let Some(series) = value.pointer("/data/result").and_then(Value::as_array) else {
            return Err(ImportError::Shape {
                path: path.to_path_buf(),
                message:
                    "expected a Prometheus API response with data.result (from /api/v1/query_range)"
                        .into(),
            });
        };
        for (index, one) in series.iter().enumerate() {
            let pointer = format!("{prefix}/data/result/{index}");
            let name = series_name(one);
            let Some(samples) = one.get("values").and_then(Value::as_array) else {
                collector.skip(
                    &pointer,
                    &name,
                    "a series without values (is this a range query?)",
                );
                continue;
            };
            let mut bad_before: Option<bool> = None;
            for (i, sample) in samples.iter().enumerate() {
                let sample_pointer = format!("{pointer}/values/{i}");
                let Some((seconds, level)) = read_sample(sample) else {
                    collector.skip(
                        &sample_pointer,
                        &sample.to_string(),
                        "expected [unix_seconds, \"value\"]",
                    );
                    continue;
                };
                if level.is_nan() {
                    continue;
                }
                let bad = if threshold.below {
                    level < threshold.level
                } else {
                    level > threshold.level
                };
                if bad_before == Some(bad) || (bad_before.is_none() && !bad) {
                    bad_before = Some(bad);
                    collector.ignore();
                    continue;
                }
                bad_before = Some(bad);
                let millis = (seconds * 1000.0).round() as i64;
                let Some(at) = DateTime::from_timestamp_millis(millis) else {
                    collector.skip(&sample_pointer, &sample.to_string(), "time out of range");
                    continue;
                };
                let direction = match (bad, threshold.below) {
                    (true, false) => "rose above",
                    (true, true) => "fell below",
                    (false, false) => "fell back to or below",
                    (false, true) => "rose back to or above",
                };
                let text = format!(
                    "{name} {direction} {} ({})",
                    threshold.level,
                    trim_number(level)
                );
                let candidate = Candidate::new(
                    SourceKind::Prometheus,
                    path,
                    sample_pointer,
                    &format!("{name} {millis} {bad} {}", threshold.level),
                    at.fixed_offset(),
                    text,
                )
                .source("metrics")
                .system_actor("Prometheus");
                collector.offer(candidate);
            }
        }
    }
    Ok(())
}

fn read_sample(sample: &Value) -> Option<(f64, f64)> {
    let pair = sample.as_array()?;
    let seconds = pair.first()?.as_f64()?;
    let level = match pair.get(1)? {
        Value::String(text) => text.parse().ok()?,
        Value::Number(n) => n.as_f64()?,
        _ => return None,
    };
    Some((seconds, level))
}

fn trim_number(value: f64) -> String {
    let text = format!("{value:.4}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// `http_requests_total{job="api"}`.
fn series_name(series: &Value) -> String {
    let Some(labels) = series.get("metric").and_then(Value::as_object) else {
        return "series".into();
    };
    let name = labels
        .get("__name__")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let rest: Vec<String> = labels
        .iter()
        .filter(|(key, _)| *key != "__name__")
        .map(|(key, value)| format!("{key}=\"{}\"", value.as_str().unwrap_or("")))
        .collect();
    match (name.is_empty(), rest.is_empty()) {
        (true, true) => "series".into(),
        (false, true) => name,
        _ => format!("{name}{{{}}}", rest.join(",")),
    }
}
