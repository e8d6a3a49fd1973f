//! The JSON export for other tools: the document as it is in the file, and
//! the values debrief derives from it (key intervals, completeness score,
//! lint findings). The shape is published as a JSON Schema in
//! `docs/schema/postmortem.schema.json`; timestamps are RFC 3339 strings
//! with their offset, dates `YYYY-MM-DD`. Deterministic like every export.

use serde::Serialize;
use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde_json::{Value, json};

use crate::lint::{self, Context, LintConfig};
use crate::model::{IntervalKind, Postmortem};

/// The `format` value, so a reader can tell the file apart.
pub const JSON_FORMAT: &str = "debrief-export";

/// The document and its derived values as pretty-printed JSON.
pub fn json(doc: &Postmortem, config: &LintConfig) -> String {
    /// The export's keys, in the order JSON objects are written (by name).
    #[derive(Serialize)]
    struct Export<'a> {
        derived: Value,
        document: Option<Document<'a>>,
        format: &'static str,
        version: u32,
    }
    // The document through its TOML form, so the JSON has the file's names
    // and encodings (dates and timestamps as strings); written from that
    // tree as it is, not copied into a JSON tree first. The item lists are
    // turned into TOML one row at a time as they are written: a tree of
    // 100,000 events takes ten times the memory of the document.
    let shell = toml::Value::try_from(without_lists(doc)).ok();
    let export = Export {
        derived: derived(doc, config),
        document: shell
            .as_ref()
            .and_then(toml::Value::as_table)
            .map(|shell| Document { shell, doc }),
        format: JSON_FORMAT,
        version: 1,
    };
    let mut text = serde_json::to_string_pretty(&export).unwrap_or_else(|_| "{}".into());
    text.push('\n');
    text
}

/// The document's TOML tree written as JSON: the tree of everything but
/// the timeline, factors and actions, and those lists row by row, the
/// keys in the tree's order (by name).
struct Document<'a> {
    shell: &'a toml::Table,
    doc: &'a Postmortem,
}

impl Serialize for Document<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let doc = self.doc;
        let lists = [
            ("actions", doc.actions.is_empty()),
            ("factors", doc.factors.is_empty()),
            ("timeline", doc.timeline.is_empty()),
        ];
        let mut keys: Vec<&str> = self.shell.keys().map(String::as_str).collect();
        keys.extend(
            lists
                .iter()
                .filter(|(_, empty)| !empty)
                .map(|(key, _)| *key),
        );
        keys.sort_unstable();
        let mut map = serializer.serialize_map(Some(keys.len()))?;
        for key in keys {
            match (key, self.shell.get(key)) {
                (_, Some(value)) => map.serialize_entry(key, &AsJson(value))?,
                ("actions", None) => map.serialize_entry(key, &Rows(&doc.actions))?,
                ("factors", None) => map.serialize_entry(key, &Rows(&doc.factors))?,
                _ => map.serialize_entry(key, &Rows(&doc.timeline))?,
            }
        }
        map.end()
    }
}

/// A list of items, each turned into its TOML value as it is written.
struct Rows<'a, T>(&'a [T]);

impl<T: Serialize> Serialize for Rows<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        for row in self.0 {
            let value = toml::Value::try_from(row).map_err(serde::ser::Error::custom)?;
            seq.serialize_element(&AsJson(&value))?;
        }
        seq.end()
    }
}

/// The document without its timeline, factors and actions (copied part by
/// part, not whole: every part is named, so a new one is not forgotten).
fn without_lists(doc: &Postmortem) -> Postmortem {
    let Postmortem {
        schema,
        kind,
        summary,
        customer_summary,
        distribution,
        meta,
        impact,
        timeline: _,
        whys,
        factors: _,
        response,
        review,
        actions: _,
        project,
        appendix,
        follow_up,
        sign_off,
        meeting,
        lint,
        headings,
        unmapped,
        conflicts,
    } = doc;
    Postmortem {
        schema: *schema,
        kind: *kind,
        summary: summary.clone(),
        customer_summary: customer_summary.clone(),
        distribution: distribution.clone(),
        meta: meta.clone(),
        impact: impact.clone(),
        timeline: Vec::new(),
        whys: whys.clone(),
        factors: Vec::new(),
        response: response.clone(),
        review: review.clone(),
        actions: Vec::new(),
        project: project.clone(),
        appendix: appendix.clone(),
        follow_up: follow_up.clone(),
        sign_off: sign_off.clone(),
        meeting: meeting.clone(),
        lint: lint.clone(),
        headings: headings.clone(),
        unmapped: unmapped.clone(),
        conflicts: conflicts.clone(),
    }
}

/// A TOML value written as JSON: dates as strings, the table the TOML
/// serializer makes of a date as that date. The model's TOML nests a few
/// levels deep at most, whatever the document holds, so the recursion is
/// bounded.
struct AsJson<'a>(&'a toml::Value);

impl Serialize for AsJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            toml::Value::String(s) => serializer.serialize_str(s),
            toml::Value::Integer(i) => serializer.serialize_i64(*i),
            toml::Value::Float(f) => Value::from(*f).serialize(serializer),
            toml::Value::Boolean(b) => serializer.serialize_bool(*b),
            toml::Value::Datetime(d) => serializer.serialize_str(&d.to_string()),
            toml::Value::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(&AsJson(item))?;
                }
                seq.end()
            }
            toml::Value::Table(table) => match private_datetime(table) {
                Some(date) => AsJson(date).serialize(serializer),
                // toml's map is ordered by key, like serde_json's.
                None => {
                    let mut map = serializer.serialize_map(Some(table.len()))?;
                    for (key, value) in table {
                        map.serialize_entry(key, &AsJson(value))?;
                    }
                    map.end()
                }
            },
        }
    }
}

/// The date in a table the TOML serializer made of one.
fn private_datetime(table: &toml::Table) -> Option<&toml::Value> {
    match table.get(DATETIME_KEY) {
        Some(date @ toml::Value::String(_)) if table.len() == 1 => Some(date),
        _ => None,
    }
}

/// The key under which `toml::Value::try_from` keeps a date it was given
/// as a TOML datetime by a serializer.
const DATETIME_KEY: &str = "$__toml_private_datetime";

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
