//! Loading JSON evidence. JSON is parsed whole, so files are limited to
//! [`MAX_JSON_BYTES`]; a file of one JSON value per line (as webhook
//! receivers often log) is read value by value, and lines that are not JSON
//! are counted, not fatal.

use std::path::Path;

use serde_json::Value;

use super::{Collector, ImportError, MAX_JSON_BYTES};

/// The JSON values in a file, each with its JSON pointer prefix (`` for a
/// single document, `line 3` for JSON lines).
pub(crate) fn load(
    path: &Path,
    collector: &mut Collector<'_>,
) -> Result<Vec<(String, Value)>, ImportError> {
    let io = |source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > MAX_JSON_BYTES {
        return Err(ImportError::Shape {
            path: path.to_path_buf(),
            message: format!(
                "{size} bytes of JSON: debrief reads JSON evidence up to {} MiB (split the export, or narrow the query)",
                MAX_JSON_BYTES / 1024 / 1024
            ),
        });
    }
    let bytes = crate::store::read_limited(path, MAX_JSON_BYTES, "JSON evidence").map_err(io)?;
    collector.read_bytes(size);
    let text = String::from_utf8_lossy(&bytes);
    match serde_json::from_str::<Value>(&text) {
        Ok(value) => Ok(vec![(String::new(), value)]),
        Err(whole_error) => {
            let mut values = Vec::new();
            let mut failed = Vec::new();
            for (index, line) in text.lines().enumerate() {
                let line_text = line.trim();
                if line_text.is_empty() {
                    continue;
                }
                match serde_json::from_str::<Value>(line_text) {
                    Ok(value) => values.push((format!("line {}:", index + 1), value)),
                    Err(err) => failed.push((index + 1, line_text.to_string(), err.to_string())),
                }
            }
            if values.is_empty() {
                return Err(ImportError::Syntax {
                    path: path.to_path_buf(),
                    line: whole_error.line(),
                    column: whole_error.column(),
                    message: format!("not valid JSON: {whole_error}"),
                });
            }
            for (line, text, reason) in failed {
                collector.skip(format!("line {line}"), &text, &reason);
            }
            Ok(values)
        }
    }
}

/// A string field, or "".
pub(crate) fn str_at<'a>(value: &'a Value, pointer: &str) -> &'a str {
    value.pointer(pointer).and_then(Value::as_str).unwrap_or("")
}

/// Escapes a key for a JSON pointer (RFC 6901).
pub(crate) fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// An RFC 3339 time at `pointer`.
pub(crate) fn time_at(value: &Value, pointer: &str) -> Option<crate::model::Timestamp> {
    chrono::DateTime::parse_from_rfc3339(str_at(value, pointer)).ok()
}
