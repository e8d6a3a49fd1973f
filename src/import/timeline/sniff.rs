//! `--from auto`: tells the format of evidence from its name and first bytes.

use std::io::Read;
use std::path::Path;

use super::{ImportError, SourceKind};

/// How much of a file is looked at.
const SNIFF_BYTES: usize = 64 * 1024;

/// The format of `path`.
pub(crate) fn sniff(path: &Path) -> Result<SourceKind, ImportError> {
    let io = |source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    };
    if path.is_dir() {
        if path.join(".git").exists() || path.join("HEAD").is_file() {
            return Ok(SourceKind::Git);
        }
        return Ok(SourceKind::Slack);
    }
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "csv" | "tsv" => return Ok(SourceKind::Csv),
        "md" | "markdown" => return Ok(SourceKind::Markdown),
        _ => {}
    }
    let mut head = Vec::with_capacity(SNIFF_BYTES);
    crate::store::open_regular(path, "evidence")
        .map_err(io)?
        .take(SNIFF_BYTES as u64)
        .read_to_end(&mut head)
        .map_err(io)?;
    let text = String::from_utf8_lossy(&head);
    let start = text.trim_start();
    if start.starts_with('{') || start.starts_with('[') {
        return Ok(sniff_json(&text).unwrap_or(SourceKind::Alertmanager));
    }
    let first = start.lines().next().unwrap_or("");
    if first.starts_with('#') || first.starts_with('|') {
        return Ok(SourceKind::Markdown);
    }
    if first.contains(',') && looks_like_header(first) {
        return Ok(SourceKind::Csv);
    }
    Ok(SourceKind::Log)
}

fn sniff_json(text: &str) -> Option<SourceKind> {
    let has = |needle: &str| text.contains(needle);
    if has("\"log_entries\"") || has("_log_entry\"") {
        Some(SourceKind::Pagerduty)
    } else if has("\"resultType\"") {
        Some(SourceKind::Prometheus)
    } else if has("\"startsAt\"") {
        Some(SourceKind::Alertmanager)
    } else if has("\"ts\"") && has("\"type\"") {
        Some(SourceKind::Slack)
    } else {
        None
    }
}

fn looks_like_header(line: &str) -> bool {
    let lower = line.to_ascii_lowercase();
    ["time", "date", "when", "at"].iter().any(|name| {
        lower
            .split(',')
            .any(|cell| cell.trim().trim_matches('"').starts_with(name))
    })
}
