//! Timeline events and their key-moment marks.

use serde::{Deserialize, Serialize};

use super::time::{self, Timestamp};

/// A key moment an event can stand for. Intervals are derived from these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Mark {
    /// The change or condition that set things off.
    Trigger,
    /// Users start to be affected.
    ImpactStart,
    /// We first knew.
    Detected,
    /// The right people got involved.
    Escalated,
    /// The bleeding stopped.
    Mitigated,
    /// The root fix was in place / service fully restored.
    Resolved,
    /// Customers or stakeholders were told.
    Communicated,
}

impl Mark {
    /// Every mark, in the usual order of an incident.
    pub const ALL: [Mark; 7] = [
        Mark::Trigger,
        Mark::ImpactStart,
        Mark::Detected,
        Mark::Escalated,
        Mark::Mitigated,
        Mark::Resolved,
        Mark::Communicated,
    ];

    /// The name used in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            Mark::Trigger => "trigger",
            Mark::ImpactStart => "impact-start",
            Mark::Detected => "detected",
            Mark::Escalated => "escalated",
            Mark::Mitigated => "mitigated",
            Mark::Resolved => "resolved",
            Mark::Communicated => "communicated",
        }
    }

    /// Human label for tables and headers.
    pub fn label(self) -> &'static str {
        match self {
            Mark::Trigger => "Trigger",
            Mark::ImpactStart => "Impact start",
            Mark::Detected => "Detected",
            Mark::Escalated => "Escalated",
            Mark::Mitigated => "Mitigated",
            Mark::Resolved => "Resolved",
            Mark::Communicated => "Communicated",
        }
    }

    /// Whether an incident has this moment once (the intervals are measured
    /// from it); communications can happen many times.
    pub fn is_key(self) -> bool {
        self != Mark::Communicated
    }

    /// A one-character glyph that reads without colour.
    pub fn glyph(self) -> char {
        match self {
            Mark::Trigger => '!',
            Mark::ImpactStart => '▼',
            Mark::Detected => '◉',
            Mark::Escalated => '▲',
            Mark::Mitigated => '◐',
            Mark::Resolved => '✔',
            Mark::Communicated => '✉',
        }
    }
}

/// Whether an event's actor is a person (named by role) or a system.
/// Unknown by default, so files written before it read unchanged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    /// Not said: the linter guesses from the actor's words.
    #[default]
    Unknown,
    /// A person in a role ("on-call engineer").
    Person,
    /// A program, host or service (`systemd`, `postgres`, "CI pipeline").
    System,
}

impl ActorKind {
    /// Whether nothing was said (the field is then not written).
    pub fn is_unknown(&self) -> bool {
        *self == ActorKind::Unknown
    }

    /// The kind a person types (`person`, `system`, `unknown` or nothing;
    /// any case, a prefix will do).
    pub fn parse(text: &str) -> Option<ActorKind> {
        let typed = text.trim().to_lowercase();
        if typed.is_empty() {
            return Some(ActorKind::Unknown);
        }
        [ActorKind::Person, ActorKind::System, ActorKind::Unknown]
            .into_iter()
            .find(|k| k.as_str().starts_with(&typed))
    }

    /// The name used in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Unknown => "unknown",
            ActorKind::Person => "person",
            ActorKind::System => "system",
        }
    }
}

/// One thing that happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// Stable id (`T1`, `T2`, …); never renumbered.
    pub id: String,
    /// When it happened.
    #[serde(with = "time::timestamp")]
    pub at: Timestamp,
    /// What happened.
    pub text: String,
    /// Where we know it from: alert, chat, deploy log, customer report, …
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    /// Who or what acted: a role or a system, never a person's name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub actor: String,
    /// Whether the actor is a person or a system (import sets it from the
    /// evidence: a log's program or host is a system).
    #[serde(default, skip_serializing_if = "ActorKind::is_unknown")]
    pub actor_kind: ActorKind,
    /// Key moments this event stands for.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub marks: Vec<Mark>,
    /// An unknown to investigate ("what happened here?").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub gap: bool,
    /// Kept out of the customer export: its text is internal (a customer
    /// export that would show it fails).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub private: bool,
    /// Lint rules silenced for this event.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ignore: Vec<String>,
    /// Where an imported event came from (absent for events typed in).
    /// Boxed: most events have none, and a timeline of 100,000 events is
    /// moved on every insert and removal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<Box<Provenance>>,
}

/// The evidence an imported event was read from, so it can be traced back
/// and a re-import recognizes it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    /// The source format: log, csv, alertmanager, pagerduty, slack, …
    pub kind: String,
    /// The evidence file, as given on the command line.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub file: String,
    /// The raw line, or a JSON pointer into the file.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub raw: String,
    /// A short hash of kind + raw content: the same evidence imported twice
    /// has the same hash and is not added again.
    pub hash: String,
}

impl Event {
    /// A new event with just the essentials.
    pub fn new(id: impl Into<String>, at: Timestamp, text: impl Into<String>) -> Self {
        Event {
            id: id.into(),
            at,
            text: text.into(),
            source: String::new(),
            actor: String::new(),
            actor_kind: ActorKind::Unknown,
            marks: Vec::new(),
            gap: false,
            private: false,
            ignore: Vec::new(),
            provenance: None,
        }
    }

    /// Whether the event carries `mark`.
    pub fn has(&self, mark: Mark) -> bool {
        self.marks.contains(&mark)
    }
}

/// Key marks set on more than one event, with those events' indexes in
/// timeline order.
pub fn duplicate_marks(doc: &super::Postmortem) -> Vec<(Mark, Vec<usize>)> {
    Mark::ALL
        .into_iter()
        .filter(|m| m.is_key())
        .filter_map(|mark| {
            let holders: Vec<usize> = doc
                .timeline
                .iter()
                .enumerate()
                .filter(|(_, e)| e.has(mark))
                .map(|(i, _)| i)
                .collect();
            (holders.len() > 1).then_some((mark, holders))
        })
        .collect()
}
