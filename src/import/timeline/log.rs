//! Plain logs: one event per line that starts with a time.
//!
//! Recognized per line (the last format that worked is tried first):
//! ISO 8601 / RFC 3339 with or without zone (also journalctl short-iso,
//! kubectl `--timestamps`, dpkg.log, RFC 5424 syslog), BSD syslog
//! (`Feb  9 10:05:23 host prog[pid]: …`), nginx/Apache common and combined
//! access logs, apt `history.log` blocks, and `HH:MM` chat or notes lines.
//! Indented lines after an event (stack traces) are continuations.

use std::borrow::Cow;
use std::path::Path;

use super::clock::{self, Resolver, Stamp, Unresolved};
use super::lines::for_each_line;
use super::{
    Candidate, Collector, Context, ImportError, Options, Progress, SourceKind, reference_date,
};
use crate::model::Timestamp;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Format {
    Iso,
    Syslog,
    Access,
    Apt,
    Clock,
}

const FORMATS: [Format; 5] = [
    Format::Iso,
    Format::Syslog,
    Format::Access,
    Format::Apt,
    Format::Clock,
];

/// A line understood: its time, the event text and the acting system.
struct Reading<'a> {
    stamp: Stamp,
    stamp_text: &'a str,
    text: Cow<'a, str>,
    actor: Cow<'a, str>,
}

/// An apt `history.log` block being read: the event is offered once its
/// `Commandline:` has been seen or the block ends.
struct AptBlock {
    at: Timestamp,
    raw: String,
    text: String,
}

pub(crate) fn parse(
    path: &Path,
    options: &Options,
    context: &Context,
    collector: &mut Collector<'_>,
    progress: &dyn Progress,
) -> Result<(), ImportError> {
    let mut resolver = Resolver::new(options.tz, reference_date(context, options.tz, path));
    let source = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut last_format = Format::Iso;
    let mut after_event = false;
    let mut apt: Option<AptBlock> = None;
    // Once lines with a zone have been read, a stray zone-less line (a
    // message that happens to start with `10:05`) is skipped, not fatal.
    let mut seen_zoned = false;
    for_each_line(path, collector, progress, |number, line, collector| {
        if line.trim().is_empty() {
            return Ok(());
        }
        if apt.is_some() {
            if let Some(command) = line.strip_prefix("Commandline: ") {
                if let Some(block) = apt.as_mut() {
                    block.text = format!("apt: {}", command.trim());
                    block.raw.push('\n');
                    block.raw.push_str(line);
                }
                return Ok(());
            }
            if is_apt_detail(line) {
                collector.ignore();
                return Ok(());
            }
        }
        if after_event && line.starts_with([' ', '\t']) {
            collector.ignore();
            return Ok(());
        }
        let found = std::iter::once(last_format)
            .chain(FORMATS.into_iter().filter(|f| *f != last_format))
            .find_map(|format| read(format, line, &options.roles).map(|r| (format, r)));
        let Some((format, reading)) = found else {
            after_event = false;
            collector.skip(
                format!("line {number}"),
                line,
                "no time at the start of the line",
            );
            return Ok(());
        };
        last_format = format;
        let at = match resolver.resolve(reading.stamp) {
            Ok(at) => {
                seen_zoned |= matches!(reading.stamp, Stamp::Exact(_));
                if let Some(problem) = resolver.problem.take() {
                    collector.warn(format!("line {number}: {problem}"));
                }
                at
            }
            Err(Unresolved::NeedsZone) if seen_zoned => {
                collector.skip(
                    format!("line {number}"),
                    line,
                    "a time without a zone among zoned lines: pass --tz to read it",
                );
                return Ok(());
            }
            Err(Unresolved::NeedsZone) => {
                return Err(ImportError::NeedsZone {
                    path: path.to_path_buf(),
                    line: number.to_string(),
                    example: reading.stamp_text.trim().to_string(),
                });
            }
            Err(Unresolved::NeedsDate) => {
                collector.skip(
                    format!("line {number}"),
                    line,
                    "a time without a date: set the incident start (meta.started)",
                );
                return Ok(());
            }
            Err(Unresolved::Nonexistent) => {
                collector.skip(
                    format!("line {number}"),
                    line,
                    &resolver
                        .problem
                        .clone()
                        .unwrap_or_else(|| "this local time does not exist (DST change)".into()),
                );
                return Ok(());
            }
        };
        after_event = true;
        if let Some(block) = apt.take() {
            offer_apt(block, path, &source, collector);
        }
        if format == Format::Apt {
            apt = Some(AptBlock {
                at,
                raw: line.to_string(),
                text: reading.text.into_owned(),
            });
            return Ok(());
        }
        if !collector.admit(at) {
            return Ok(());
        }
        let candidate = Candidate::new(SourceKind::Log, path, line, line, at, reading.text)
            .source(source.clone());
        // A program or host field names a system; a chat line's speaker does not.
        let candidate = if format == Format::Clock {
            candidate.actor(reading.actor)
        } else {
            candidate.system_actor(reading.actor)
        };
        collector.keep(candidate);
        Ok(())
    })?;
    if let Some(block) = apt.take() {
        offer_apt(block, path, &source, collector);
    }
    Ok(())
}

fn offer_apt(block: AptBlock, path: &Path, source: &str, collector: &mut Collector<'_>) {
    let candidate = Candidate::new(
        SourceKind::Log,
        path,
        block.raw.clone(),
        &block.raw,
        block.at,
        block.text,
    )
    .source(source)
    .system_actor("apt");
    collector.offer(candidate);
}

fn is_apt_detail(line: &str) -> bool {
    [
        "Requested-By:",
        "Install:",
        "Upgrade:",
        "Remove:",
        "Purge:",
        "Downgrade:",
        "Reinstall:",
        "Error:",
    ]
    .iter()
    .any(|key| line.starts_with(key))
}

fn read<'a>(format: Format, line: &'a str, roles: &super::Roles) -> Option<Reading<'a>> {
    match format {
        Format::Iso => {
            let (body, prefix) = strip_syslog_priority(line);
            let (stamp, end) = clock::leading_iso(body)?;
            let rest = body[end..].trim_start();
            let (text, actor) = if prefix {
                rfc5424_message(rest)
            } else {
                program_message(rest)
            };
            Some(Reading {
                stamp,
                stamp_text: &body[..end],
                text,
                actor,
            })
        }
        Format::Syslog => {
            let (stamp, end) = clock::leading_syslog(line)?;
            let (text, actor) = program_message(line[end..].trim_start());
            Some(Reading {
                stamp,
                stamp_text: &line[..end],
                text,
                actor,
            })
        }
        Format::Access => access(line),
        Format::Apt => {
            let (label, rest) = ["Start-Date:", "End-Date:", "Log started:", "Log ended:"]
                .iter()
                .find_map(|key| line.strip_prefix(key).map(|rest| (*key, rest)))?;
            let rest = rest.trim_start();
            let (stamp, end) = clock::leading_iso(rest)?;
            let text = match label {
                "Start-Date:" | "Log started:" => "apt run started",
                _ => "apt run finished",
            };
            Some(Reading {
                stamp,
                stamp_text: &rest[..end],
                text: Cow::Borrowed(text),
                actor: Cow::Borrowed("apt"),
            })
        }
        Format::Clock => {
            let (stamp, end) = clock::leading_clock(line)?;
            let rest = line[end..].trim_start();
            let rest = rest
                .strip_prefix(['-', '|', '–', '—', ':'])
                .unwrap_or(rest)
                .trim_start();
            if rest.is_empty() {
                return None;
            }
            let (text, actor) = speaker(rest, roles);
            Some(Reading {
                stamp,
                stamp_text: &line[..end],
                text,
                actor,
            })
        }
    }
}

/// `<34>1 …` (RFC 5424) starts with a priority and a version.
fn strip_syslog_priority(line: &str) -> (&str, bool) {
    let Some(rest) = line.strip_prefix('<') else {
        return (line, false);
    };
    let Some(close) = rest.find('>') else {
        return (line, false);
    };
    if close == 0 || close > 3 || !rest[..close].bytes().all(|b| b.is_ascii_digit()) {
        return (line, false);
    }
    let after = &rest[close + 1..];
    match after.strip_prefix("1 ") {
        Some(body) => (body, true),
        None => (after, true),
    }
}

/// `host app procid msgid [sd] message` (RFC 5424 after the stamp).
fn rfc5424_message(rest: &str) -> (Cow<'_, str>, Cow<'_, str>) {
    let mut parts = rest.splitn(5, ' ');
    let _host = parts.next();
    let app = parts.next().unwrap_or("-");
    let _procid = parts.next();
    let _msgid = parts.next();
    let mut tail = parts.next().unwrap_or("").trim_start();
    if let Some(after) = tail.strip_prefix('-') {
        tail = after;
    } else if tail.starts_with('[') {
        let mut depth = 0usize;
        let mut cut = tail.len();
        for (i, c) in tail.char_indices() {
            match c {
                '[' => depth += 1,
                ']' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 && !tail[i + 1..].starts_with('[') {
                        cut = i + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        tail = &tail[cut..];
    }
    let actor = if app == "-" { "" } else { app };
    (
        Cow::Borrowed(tail.trim().trim_start_matches('\u{feff}')),
        Cow::Borrowed(actor),
    )
}

/// `host prog[pid]: message` → (message, prog); anything else is the message.
fn program_message(rest: &str) -> (Cow<'_, str>, Cow<'_, str>) {
    let mut words = rest.splitn(3, ' ');
    // Hostnames are lowercase: `ERROR checkout: …` is a level, not a host.
    let hostname = |host: &str| {
        !host.is_empty()
            && host
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-._".contains(c))
    };
    if let (Some(host), Some(tag), Some(message)) = (words.next(), words.next(), words.next())
        && hostname(host)
        && let Some(tag) = tag.strip_suffix(':')
    {
        let program = tag.split('[').next().unwrap_or(tag);
        let plausible = !program.is_empty()
            && program
                .chars()
                .all(|c| c.is_alphanumeric() || "-_./@".contains(c));
        if plausible {
            return (Cow::Borrowed(message.trim()), Cow::Borrowed(program));
        }
    }
    (Cow::Borrowed(rest.trim()), Cow::Borrowed(""))
}

/// `name: message` pasted from chat: the speaker becomes the actor when the
/// roles file knows them, so names stay out of the document.
fn speaker<'a>(rest: &'a str, roles: &super::Roles) -> (Cow<'a, str>, Cow<'a, str>) {
    if let Some((who, message)) = rest.split_once(": ") {
        let who = who
            .trim()
            .trim_start_matches(['<', '['])
            .trim_end_matches(['>', ']']);
        if let Some(role) = roles.role(who) {
            return (Cow::Borrowed(message.trim()), Cow::Owned(role.to_string()));
        }
    }
    (Cow::Borrowed(rest.trim()), Cow::Borrowed(""))
}

/// Common / combined log format:
/// `host ident user [10/Oct/2000:13:55:36 -0700] "GET /x HTTP/1.0" 200 2326 …`
fn access(line: &str) -> Option<Reading<'_>> {
    let open = line.find(" [")? + 2;
    if open > 300 {
        return None;
    }
    let close = open + line[open..].find("] \"")?;
    let at = clock::clf(&line[open..close])?;
    let request_start = close + 3;
    let request_len = line[request_start..].find('"')?;
    let request = &line[request_start..request_start + request_len];
    let after = line[request_start + request_len + 1..].trim_start();
    let status = after.split(' ').next().unwrap_or("");
    if status.len() != 3 || !status.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut words = request.split(' ');
    let method = words.next().unwrap_or("");
    let target = words.next().unwrap_or("");
    let text = if target.is_empty() {
        format!("{request} → {status}")
    } else {
        format!("{method} {target} → {status}")
    };
    Some(Reading {
        stamp: Stamp::Exact(at),
        stamp_text: &line[open..close],
        text: Cow::Owned(text),
        actor: Cow::Borrowed(""),
    })
}
