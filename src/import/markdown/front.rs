//! YAML (`---`) and TOML (`+++`) front matter.

use yaml_rust2::{Yaml, YamlLoader};

use super::Importer;
use super::meta;
use crate::export::escape::{protect, protect_blocks, unescape};

/// A front-matter value, flattened to text or a list of texts.
enum Value {
    One(String),
    Many(Vec<String>),
}

fn entries(toml: bool, text: &str) -> Vec<(String, Value)> {
    if toml {
        let Ok(table) = text.parse::<toml::Table>() else {
            return Vec::new();
        };
        table
            .into_iter()
            .filter_map(|(k, v)| toml_value(v).map(|v| (k, v)))
            .collect()
    } else {
        let Ok(docs) = YamlLoader::load_from_str(text) else {
            return Vec::new();
        };
        let Some(Yaml::Hash(hash)) = docs.into_iter().next() else {
            return Vec::new();
        };
        hash.into_iter()
            .filter_map(|(k, v)| {
                let key = scalar(&k)?;
                yaml_value(v).map(|v| (key, v))
            })
            .collect()
    }
}

fn scalar(y: &Yaml) -> Option<String> {
    match y {
        Yaml::String(s) | Yaml::Real(s) => Some(s.clone()),
        Yaml::Integer(i) => Some(i.to_string()),
        Yaml::Boolean(b) => Some(b.to_string()),
        _ => None,
    }
}

fn yaml_value(y: Yaml) -> Option<Value> {
    match y {
        Yaml::Array(items) => Some(Value::Many(items.iter().filter_map(scalar).collect())),
        other => scalar(&other).map(Value::One),
    }
}

fn toml_value(v: toml::Value) -> Option<Value> {
    match v {
        toml::Value::String(s) => Some(Value::One(s)),
        toml::Value::Integer(i) => Some(Value::One(i.to_string())),
        toml::Value::Float(f) => Some(Value::One(f.to_string())),
        toml::Value::Boolean(b) => Some(Value::One(b.to_string())),
        toml::Value::Datetime(d) => Some(Value::One(d.to_string())),
        toml::Value::Array(items) => Some(Value::Many(
            items
                .into_iter()
                .filter_map(|i| match toml_value(i) {
                    Some(Value::One(s)) => Some(s),
                    _ => None,
                })
                .collect(),
        )),
        toml::Value::Table(_) => None,
    }
}

/// Reads the date and zone before the sections.
pub(crate) fn prescan(im: &mut Importer<'_>, toml: bool, text: &str) {
    for (key, value) in entries(toml, text) {
        if let Value::One(value) = value {
            match key.to_lowercase().as_str() {
                "date" | "incident_date" | "incident-date" if im.date.is_none() => {
                    im.date = super::text::find_date(&value, None);
                }
                "timezone" | "time_zone" | "tz" => {
                    if let Ok(zone) = crate::model::DisplayZone::parse(&value) {
                        im.declare_zone(zone, &value);
                    }
                }
                _ => {}
            }
        }
    }
}

/// Applies the front matter; returns the lines no field took.
pub(crate) fn apply(im: &mut Importer<'_>, toml: bool, text: &str) -> String {
    let mut unused_keys = Vec::new();
    let parsed = entries(toml, text);
    if parsed.is_empty() {
        return text.trim().to_string();
    }
    for (key, value) in parsed {
        let lower = key.to_lowercase().replace(['_', '-'], " ");
        // Front matter is not Markdown: protected so that the final
        // unescaping of every field gives it back as written.
        let value = match value {
            Value::One(v) => Value::One(protect(&v)),
            Value::Many(items) => Value::Many(items.iter().map(|i| protect(i)).collect()),
        };
        let applied = match (&value, lower.as_str()) {
            (Value::One(v), "title") => {
                im.doc.meta.title = v.clone();
                true
            }
            (Value::One(v), "kind" | "type") if v == "project" || v == "incident" => {
                im.project = v == "project";
                true
            }
            (Value::One(v), "summary" | "description") => {
                // The summary is unescaped outside its code blocks.
                super::append(&mut im.doc.summary, &protect_blocks(&unescape(v)));
                true
            }
            (Value::One(v), _) => meta::apply(im, &lower, v),
            (Value::Many(items), _) => {
                let joined = items.join(", ");
                !items.is_empty() && meta::apply(im, &lower, &joined)
            }
        };
        // Keys whose name the export prints nowhere (it says "Postmortem:",
        // "All times in …") stay as written too, with their values.
        let unlabelled = matches!(
            lower.as_str(),
            "title" | "kind" | "type" | "summary" | "description" | "timezone" | "time zone" | "tz"
        );
        if !applied || unlabelled {
            unused_keys.push(key);
        }
    }
    unused_lines(text, &unused_keys)
}

/// The top-level entries of `keys` (with their continuation lines), verbatim.
fn unused_lines(text: &str, keys: &[String]) -> String {
    let mut out = Vec::new();
    let mut taking = false;
    for line in text.lines() {
        let top = !line.starts_with([' ', '\t', '-']) && !line.trim().is_empty();
        if top {
            let key = line
                .split([':', '='])
                .next()
                .unwrap_or_default()
                .trim()
                .trim_matches('"');
            taking = keys.iter().any(|k| k == key);
        }
        if taking {
            out.push(line);
        }
    }
    out.join("\n").trim().to_string()
}
