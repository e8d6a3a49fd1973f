//! Timeline import: turns raw evidence (logs, CSV, alert and paging exports,
//! chat, Markdown, git history) into candidate timeline events, then merges
//! the ones kept into a document.
//!
//! Two steps, so the editor can show a preview between them:
//! [`parse_evidence`] reads one file into [`Candidate`]s without touching the
//! document; [`merge`] adds the kept candidates, skipping any whose
//! provenance hash is already in the timeline (re-import is idempotent).
//! Existing events are never changed or dropped.

mod alertmanager;
mod clock;
mod collector;
mod csv;
mod git;
mod hash;
mod json;
mod lines;
mod log;
mod markdown;
mod merge;
mod pagerduty;
pub mod progress;
mod prometheus;
mod request;
mod settings;
mod slack;
mod sniff;

use std::fmt;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use regex::Regex;
use thiserror::Error;

use crate::model::{ActorKind, DisplayZone, Event, Mark, Postmortem, Provenance, Timestamp};

pub(crate) use collector::Collector;
pub use hash::{occurrence_hash, short_hash};
pub use merge::{MergeReport, key_mark_holders, known_hashes, merge};
pub use progress::{NoProgress, Progress};
pub use request::{Request, RequestError};
pub use settings::{ColumnMap, Field, Roles, SourceChoice, Threshold};

/// The largest JSON evidence file read (JSON is parsed whole): 64 MiB.
pub const MAX_JSON_BYTES: u64 = 64 * 1024 * 1024;
/// At most this many candidates are kept from one evidence file; the rest
/// are counted so the user can narrow with `--since`, `--until`, `--grep`.
pub const MAX_CANDIDATES: usize = 100_000;
/// How many unparseable lines are shown as examples.
pub const MAX_EXAMPLES: usize = 5;

/// The formats evidence comes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SourceKind {
    /// Plain log lines: ISO 8601, syslog, access logs, journal, kubectl, dpkg/apt, chat.
    Log,
    /// CSV with a header row.
    Csv,
    /// Alertmanager / amtool alerts or webhook payloads.
    Alertmanager,
    /// Prometheus `query_range` JSON.
    Prometheus,
    /// PagerDuty log entries JSON.
    Pagerduty,
    /// Slack channel export JSON.
    Slack,
    /// Markdown timeline (table rows or bullets).
    Markdown,
    /// A git repository's history.
    Git,
}

impl SourceKind {
    /// Every source, in the order of the `--from` help.
    pub const ALL: [SourceKind; 8] = [
        SourceKind::Log,
        SourceKind::Csv,
        SourceKind::Alertmanager,
        SourceKind::Prometheus,
        SourceKind::Pagerduty,
        SourceKind::Slack,
        SourceKind::Markdown,
        SourceKind::Git,
    ];

    /// The name used on the command line and in provenance.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Log => "log",
            SourceKind::Csv => "csv",
            SourceKind::Alertmanager => "alertmanager",
            SourceKind::Prometheus => "prometheus",
            SourceKind::Pagerduty => "pagerduty",
            SourceKind::Slack => "slack",
            SourceKind::Markdown => "markdown",
            SourceKind::Git => "git",
        }
    }
}

impl fmt::Display for SourceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How to read evidence.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The source format; `None` sniffs it.
    pub from: Option<SourceKind>,
    /// Keep events at or after this time.
    pub since: Option<Timestamp>,
    /// Keep events at or before this time.
    pub until: Option<Timestamp>,
    /// The zone of zone-less times.
    pub tz: Option<DisplayZone>,
    /// Keep only lines / items matching this pattern.
    pub grep: Option<Regex>,
    /// The incident date for Markdown notes' times without one, when the
    /// document has no start and the notes state none (`--date`).
    pub date: Option<chrono::NaiveDate>,
    /// Header names for CSV and Markdown table columns.
    pub columns: ColumnMap,
    /// Threshold for Prometheus series.
    pub threshold: Option<Threshold>,
    /// User ids and handles → roles.
    pub roles: Roles,
}

/// What the document tells about the incident, for times that need a date.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// The incident start, when known.
    pub started: Option<Timestamp>,
}

impl Context {
    /// The context a document gives.
    pub fn of(doc: &Postmortem) -> Context {
        Context {
            started: doc
                .meta
                .started
                .or_else(|| doc.timeline.iter().map(|e| e.at).min()),
        }
    }
}

/// One event read from evidence, not yet in the document.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// When it happened.
    pub at: Timestamp,
    /// What happened.
    pub text: String,
    /// Where we know it from.
    pub source: String,
    /// Who or what acted (a role or a system).
    pub actor: String,
    /// Whether the actor is a system (a log's program or host) or a person.
    pub actor_kind: ActorKind,
    /// Marks the source tells.
    pub marks: Vec<Mark>,
    /// Where it was read from; `hash` identifies it.
    pub provenance: Provenance,
}

impl Candidate {
    /// A candidate whose provenance hash is computed from `kind` and
    /// `identity` (the raw line, or what identifies a JSON item).
    pub fn new(
        kind: SourceKind,
        file: &Path,
        raw: impl Into<String>,
        identity: &str,
        at: Timestamp,
        text: impl Into<String>,
    ) -> Candidate {
        Candidate {
            at,
            text: text.into(),
            source: String::new(),
            actor: String::new(),
            actor_kind: ActorKind::Unknown,
            marks: Vec::new(),
            provenance: Provenance {
                kind: kind.as_str().to_string(),
                file: file.display().to_string(),
                raw: raw.into(),
                hash: short_hash(kind.as_str(), identity),
            },
        }
    }

    /// Sets the source.
    pub fn source(mut self, source: impl Into<String>) -> Candidate {
        self.source = source.into();
        self
    }

    /// Sets the actor.
    pub fn actor(mut self, actor: impl Into<String>) -> Candidate {
        self.actor = actor.into();
        self
    }

    /// Sets the actor and marks it a system: evidence read from a
    /// program's or host's field, an alerting system.
    pub fn system_actor(mut self, actor: impl Into<String>) -> Candidate {
        self.actor = actor.into();
        if !self.actor.is_empty() {
            self.actor_kind = ActorKind::System;
        }
        self
    }

    /// Adds a mark.
    pub fn mark(mut self, mark: Mark) -> Candidate {
        self.marks.push(mark);
        self
    }

    /// Whether the document already holds this evidence.
    pub fn is_known_in(&self, doc: &Postmortem) -> bool {
        doc.timeline.iter().any(|e| {
            e.provenance
                .as_ref()
                .is_some_and(|p| p.hash == self.provenance.hash)
        })
    }

    /// The event this candidate becomes under `id`.
    pub fn into_event(self, id: String) -> Event {
        let mut event = Event::new(id, self.at, self.text);
        event.source = self.source;
        event.actor = self.actor;
        event.actor_kind = self.actor_kind;
        event.marks = self.marks;
        event.provenance = Some(Box::new(self.provenance));
        event
    }
}

/// A line or item that could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct SkippedItem {
    /// 1-based line, or a JSON pointer.
    pub location: String,
    /// The text (cut to 200 characters).
    pub text: String,
    /// Why it was skipped.
    pub reason: String,
}

/// Everything read from one evidence file.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    /// The file (or repository / folder).
    pub path: PathBuf,
    /// Its format.
    pub kind: SourceKind,
    /// The events found, in the order read.
    pub candidates: Vec<Candidate>,
    /// Lines or items that could not be read.
    pub unparseable: usize,
    /// Of those, times that had no date to go with (the editor asks for
    /// one; `--date` gives it).
    pub undated: usize,
    /// The first few of them.
    pub examples: Vec<SkippedItem>,
    /// Read but left out by `--since`, `--until` or `--grep`, or carrying
    /// nothing to import (headers, joins, non-deploy commits).
    pub filtered: usize,
    /// Matching events beyond [`MAX_CANDIDATES`], not kept.
    pub over_limit: usize,
    /// Bytes read.
    pub bytes: u64,
    /// Things to check, with their line: a time the DST change repeated,
    /// read as its first pass.
    pub warnings: Vec<String>,
}

/// Why a file could not be imported at all.
#[derive(Debug, Error)]
pub enum ImportError {
    /// The file could not be read.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// A zone-less time and no `--tz`.
    #[error(
        "{path}:{line}: `{example}` has no time zone: pass --tz ZONE (e.g. --tz UTC, --tz Europe/Berlin, --tz -05:00) to say which zone the evidence was written in"
    )]
    NeedsZone {
        /// The file.
        path: PathBuf,
        /// The first such line.
        line: String,
        /// Its time text.
        example: String,
    },
    /// The evidence is not well-formed.
    #[error("{path}:{line}:{column}: {message}")]
    Syntax {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What was expected.
        message: String,
    },
    /// The evidence has the wrong shape for its source.
    #[error("{path}: {message}")]
    Shape {
        /// The file.
        path: PathBuf,
        /// What was expected.
        message: String,
    },
    /// Bad options for this source.
    #[error("{0}")]
    Usage(String),
}

/// Reads one evidence file (or a Slack channel folder, or a git repository)
/// into candidates. Nothing is merged; the document is not touched.
pub fn parse_evidence(
    path: &Path,
    options: &Options,
    context: &Context,
    progress: &dyn Progress,
) -> Result<Parsed, ImportError> {
    let kind = match options.from {
        Some(kind) => kind,
        None => sniff::sniff(path)?,
    };
    let mut collector = Collector::new(path, kind, options);
    match kind {
        SourceKind::Log => log::parse(path, options, context, &mut collector, progress)?,
        SourceKind::Csv => csv::parse(path, options, context, &mut collector, progress)?,
        SourceKind::Markdown => markdown::parse(path, options, context, &mut collector, progress)?,
        SourceKind::Alertmanager => alertmanager::parse(path, &mut collector)?,
        SourceKind::Prometheus => prometheus::parse(path, options, &mut collector)?,
        SourceKind::Pagerduty => pagerduty::parse(path, options, &mut collector)?,
        SourceKind::Slack => slack::parse(path, options, &mut collector)?,
        SourceKind::Git => git::parse(path, options, &mut collector)?,
    }
    Ok(collector.finish())
}

/// The date clock-only times belong to and syslog years come from: the
/// incident start in `zone`, else the evidence file's modification time.
pub(crate) fn reference_date(
    context: &Context,
    zone: Option<DisplayZone>,
    path: &Path,
) -> Option<NaiveDate> {
    let zone = zone.unwrap_or_default();
    if let Some(started) = context.started {
        return Some(zone.local(&started).date());
    }
    let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok()?;
    let modified: chrono::DateTime<chrono::Utc> = modified.into();
    Some(zone.local(&modified.fixed_offset()).date())
}
