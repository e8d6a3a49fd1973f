//! Slack channel export: a channel folder of per-day JSON files (or one of
//! them). Messages become events; user ids become roles through `--roles`
//! (unknown users are "participant"), in the actor and in `<@U…>` mentions,
//! so people's names never enter the document.

use std::path::{Path, PathBuf};

use chrono::DateTime;
use serde_json::Value;

use super::json::{self, str_at};
use super::{Candidate, Collector, ImportError, Options, SourceKind};

/// Message subtypes that are channel housekeeping, not incident events.
const HOUSEKEEPING: [&str; 8] = [
    "channel_join",
    "channel_leave",
    "channel_topic",
    "channel_purpose",
    "channel_name",
    "channel_archive",
    "channel_unarchive",
    "pinned_item",
];

/// Files at an export's root that hold no messages.
const NOT_MESSAGES: [&str; 5] = [
    "users.json",
    "channels.json",
    "integration_logs.json",
    "groups.json",
    "dms.json",
];

pub(crate) fn parse(
    path: &Path,
    options: &Options,
    collector: &mut Collector<'_>,
) -> Result<(), ImportError> {
    let io = |source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    };
    let (channel, files): (String, Vec<PathBuf>) = if path.is_dir() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(io)?
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .filter(|p| {
                p.file_name()
                    .is_some_and(|n| !NOT_MESSAGES.contains(&n.to_string_lossy().as_ref()))
            })
            .collect();
        files.sort();
        if files.is_empty() {
            return Err(ImportError::Shape {
                path: path.to_path_buf(),
                message: "no day files (*.json) here: point at one channel folder of the Slack export, e.g. export/incident-42".into(),
            });
        }
        (name_of(path), files)
    } else {
        let folder = path.parent().map(name_of).unwrap_or_default();
        (folder, vec![path.to_path_buf()])
    };
    let source = if channel.is_empty() {
        "Slack".to_string()
    } else {
        format!("Slack #{channel}")
    };
    for file in files {
        let day = name_of(&file);
        for (prefix, value) in json::load(&file, collector)? {
            let Some(messages) = value.as_array() else {
                return Err(ImportError::Shape {
                    path: file,
                    message: "expected a Slack export day file: a JSON array of messages".into(),
                });
            };
            for (index, message) in messages.iter().enumerate() {
                let pointer = format!("{day}{prefix}/{index}");
                read_message(
                    path, &pointer, &channel, &source, message, options, collector,
                );
            }
        }
    }
    Ok(())
}

fn name_of(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn read_message(
    path: &Path,
    pointer: &str,
    channel: &str,
    source: &str,
    message: &Value,
    options: &Options,
    collector: &mut Collector<'_>,
) {
    if str_at(message, "/type") != "message" {
        collector.skip(
            pointer,
            &message.to_string(),
            "not a message (type is not \"message\")",
        );
        return;
    }
    if HOUSEKEEPING.contains(&str_at(message, "/subtype")) {
        collector.ignore();
        return;
    }
    let ts = str_at(message, "/ts");
    let Some(at) = parse_ts(ts) else {
        collector.skip(
            pointer,
            &message.to_string(),
            "ts is not a Slack timestamp like 1355517523.000005",
        );
        return;
    };
    let text = mentions(str_at(message, "/text"), options);
    if text.trim().is_empty() {
        collector.ignore();
        return;
    }
    let user = str_at(message, "/user");
    let actor = if !user.is_empty() {
        options
            .roles
            .role(user)
            .unwrap_or("participant")
            .to_string()
    } else {
        match str_at(message, "/username") {
            "" => "bot".to_string(),
            bot => bot.to_string(),
        }
    };
    let candidate = Candidate::new(
        SourceKind::Slack,
        path,
        pointer,
        &format!("{channel} {ts}"),
        at,
        text,
    )
    .source(source)
    .actor(actor);
    collector.offer(candidate);
}

/// `1355517523.000005` → a UTC timestamp.
fn parse_ts(ts: &str) -> Option<crate::model::Timestamp> {
    let (seconds, fraction) = ts.split_once('.').unwrap_or((ts, "0"));
    let seconds: i64 = seconds.parse().ok()?;
    let micros: u32 = format!("{fraction:0<6}").get(..6)?.parse().ok()?;
    DateTime::from_timestamp(seconds, micros * 1000).map(|t| t.fixed_offset())
}

/// Rewrites Slack markup: `<@U123>` → `@role`, `<#C1|ops>` → `#ops`,
/// `<https://x|label>` → `label`.
fn mentions(text: &str, options: &Options) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            out.push_str(&rest[open..]);
            return unescape(&out);
        };
        let inner = &rest[open + 1..open + close];
        let (target, label) = inner.split_once('|').unwrap_or((inner, ""));
        if let Some(user) = target.strip_prefix('@') {
            out.push('@');
            out.push_str(options.roles.role(user).unwrap_or("participant"));
        } else if let Some(channel) = target.strip_prefix('#') {
            out.push('#');
            out.push_str(if label.is_empty() { channel } else { label });
        } else if let Some(special) = target.strip_prefix('!') {
            out.push('@');
            out.push_str(special);
        } else {
            out.push_str(if label.is_empty() { target } else { label });
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    unescape(&out)
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}
