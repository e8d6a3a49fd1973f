//! The JSON export for other tools: the document as it is in the file, and
//! the values debrief derives from it (key intervals, completeness score,
//! lint findings). The shape is published as a JSON Schema in
//! `docs/schema/postmortem.schema.json`; timestamps are RFC 3339 strings
//! with their offset, dates `YYYY-MM-DD`. Deterministic like every export.

use serde_json::{Map, Value, json};

use crate::lint::{self, Context, LintConfig};
use crate::model::{IntervalKind, Postmortem};

/// The `format` value, so a reader can tell the file apart.
pub const JSON_FORMAT: &str = "debrief-export";

/// The document and its derived values as pretty-printed JSON.
pub fn json(doc: &Postmortem, config: &LintConfig) -> String {
    let value = json!({
        "format": JSON_FORMAT,
        "version": 1,
        "document": document(doc),
        "derived": derived(doc, config),
    });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_else(|_| "{}".into());
    text.push('\n');
    text
}

/// The document through its TOML form, so the JSON has the file's names
/// and encodings (dates and timestamps as strings).
fn document(doc: &Postmortem) -> Value {
    match toml::Value::try_from(doc) {
        Ok(value) => from_toml(value),
        Err(_) => Value::Null,
    }
}

/// The key under which `toml::Value::try_from` keeps a date it was given
/// as a TOML datetime by a serializer.
const DATETIME_KEY: &str = "$__toml_private_datetime";

/// A TOML value as JSON. The model's TOML nests a few levels deep at most,
/// whatever the document holds, so the recursion is bounded.
fn from_toml(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.into_iter().map(from_toml).collect()),
        // A date as the TOML serializer writes it into a value.
        toml::Value::Table(mut table)
            if table.len() == 1
                && matches!(table.get(DATETIME_KEY), Some(toml::Value::String(_))) =>
        {
            table.remove(DATETIME_KEY).map_or(Value::Null, from_toml)
        }
        toml::Value::Table(table) => Value::Object(
            table
                .into_iter()
                .map(|(key, value)| (key, from_toml(value)))
                .collect::<Map<String, Value>>(),
        ),
    }
}

/// The name of an interval kind in the JSON.
fn kind_name(kind: IntervalKind) -> &'static str {
    match kind {
        IntervalKind::TimeToDetect => "time-to-detect",
        IntervalKind::TimeToEscalate => "time-to-escalate",
        IntervalKind::TimeToMitigate => "time-to-mitigate",
        IntervalKind::TimeToResolve => "time-to-resolve",
        IntervalKind::CommunicationDelay => "communication-delay",
        IntervalKind::Total => "total",
    }
}

fn derived(doc: &Postmortem, config: &LintConfig) -> Value {
    let intervals: Vec<Value> = doc
        .intervals()
        .items
        .iter()
        .map(|i| {
            json!({
                "kind": kind_name(i.kind),
                "label": i.kind.label(),
                "from": i.from.to_rfc3339(),
                "to": i.to.to_rfc3339(),
                "minutes": i.duration().num_minutes(),
                "duration": crate::model::format_duration(i.duration()),
            })
        })
        .collect();
    let score = lint::completeness_score(doc);
    let parts: Vec<Value> = score
        .parts
        .iter()
        .map(|p| json!({ "name": p.name, "weight": p.weight, "done": p.done }))
        .collect();
    let findings: Vec<Value> = lint::lint_document(doc, &Context::new(doc, config))
        .iter()
        .map(|f| {
            json!({
                "rule": f.rule,
                "category": f.category.as_str(),
                "severity": f.severity.as_str(),
                "message": f.message,
                "suggestion": f.suggestion,
                "section": f.location.section,
                "item": f.location.item,
                "field": f.location.field,
                "path": f.location.dotted_path(),
                "excerpt": f.excerpt,
            })
        })
        .collect();
    json!({
        "intervals": intervals,
        "completeness": { "score": score.total, "parts": parts },
        "findings": findings,
    })
}
