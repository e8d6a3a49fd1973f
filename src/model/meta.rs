//! Document identity: kind, meta block, severity scale, factor categories.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::time::{self, DisplayZone, Timestamp};

/// What sort of review the document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A production incident (the default).
    #[default]
    Incident,
    /// A project or engagement retrospective.
    Project,
    /// A near miss: something almost went wrong. Same timeline, whys,
    /// factors and actions as an incident, no impact required; counted
    /// apart from incidents in library statistics.
    NearMiss,
}

impl Kind {
    /// Every kind, in the order the editor cycles through them.
    pub const ALL: [Kind; 3] = [Kind::Incident, Kind::NearMiss, Kind::Project];

    /// The name used in the file and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Incident => "incident",
            Kind::Project => "project",
            Kind::NearMiss => "near-miss",
        }
    }

    /// The kind a file name stands for (`incident`, `near-miss`, `project`).
    pub fn parse(text: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == text.trim())
    }

    /// The next kind, wrapping around (the editor's `c` key).
    pub fn cycle(self) -> Kind {
        let at = Kind::ALL.iter().position(|k| *k == self).unwrap_or(0);
        Kind::ALL[(at + 1) % Kind::ALL.len()]
    }

    /// Whether the document analyses an event (timeline, whys, factors):
    /// incidents and near misses, not project retrospectives.
    pub fn is_event(self) -> bool {
        self != Kind::Project
    }
}

/// Review status of the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Being written.
    #[default]
    Draft,
    /// Circulated for review.
    InReview,
    /// Signed off.
    Final,
}

impl Status {
    /// All statuses in workflow order.
    pub const ALL: [Status; 3] = [Status::Draft, Status::InReview, Status::Final];

    /// The name used in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::InReview => "in-review",
            Status::Final => "final",
        }
    }

    /// Human label.
    pub fn label(self) -> &'static str {
        match self {
            Status::Draft => "Draft",
            Status::InReview => "In review",
            Status::Final => "Final",
        }
    }
}

/// One level of a severity scale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeverityLevel {
    /// The short level, e.g. `SEV-1`.
    pub level: String,
    /// A one-word label, e.g. `Critical`.
    pub label: String,
    /// When the level applies.
    #[serde(default)]
    pub definition: String,
}

/// The default scale from the seed guides.
pub fn default_severity_scale() -> Vec<SeverityLevel> {
    let row = |level: &str, label: &str, definition: &str| SeverityLevel {
        level: level.into(),
        label: label.into(),
        definition: definition.into(),
    };
    vec![
        row(
            "SEV-1",
            "Critical",
            "Service down for all users, data loss, or security breach",
        ),
        row(
            "SEV-2",
            "Major",
            "Significant degradation, large subset of users affected",
        ),
        row(
            "SEV-3",
            "Minor",
            "Limited impact, workaround available, small user subset",
        ),
        row(
            "SEV-4",
            "Low",
            "Cosmetic or edge case, no user-facing impact",
        ),
    ]
}

/// The default contributing-factor categories from the seed guides.
pub const DEFAULT_CATEGORIES: [&str; 4] = ["process", "technical", "human", "organizational"];

/// Who, what, when: the document's header.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// Document id, e.g. `INC-2026-0205-001`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    /// Incident or project title.
    #[serde(default)]
    pub title: String,
    /// Severity level from the scale in force (empty for projects).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub severity: String,
    /// Review status.
    #[serde(default)]
    pub status: Status,
    /// When the incident (or project) started.
    #[serde(
        default,
        with = "time::opt_timestamp",
        skip_serializing_if = "Option::is_none"
    )]
    pub started: Option<Timestamp>,
    /// When it ended.
    #[serde(
        default,
        with = "time::opt_timestamp",
        skip_serializing_if = "Option::is_none"
    )]
    pub ended: Option<Timestamp>,
    /// When the postmortem review took place.
    #[serde(
        default,
        with = "time::opt_date",
        skip_serializing_if = "Option::is_none"
    )]
    pub postmortem_date: Option<NaiveDate>,
    /// Display time zone: `UTC`, an offset like `-05:00`, or an IANA name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub timezone: String,
    /// Who wrote the document.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// Who reviewed it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reviewers: Vec<String>,
    /// Services involved.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<String>,
    /// Free tags.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Team roster: names and handles of the people involved (never printed;
    /// the blameless linter uses it to spot names in prose).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roster: Vec<String>,
    /// Words the blameless linter must accept (e.g. a service named "Jenkins").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allow: Vec<String>,
    /// Internal names (systems, hosts, customers) a customer export must
    /// not contain; it fails naming each one it would show.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub private_terms: Vec<String>,
    /// Contributing-factor categories (default: process, technical, human,
    /// organizational).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
    /// The template `debrief new` made the document from (`quick` keeps
    /// at most 5 action items).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub template: String,
    /// A custom severity scale (default: SEV-1..SEV-4).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub severity_scale: Vec<SeverityLevel>,
}

impl Meta {
    /// The display zone, falling back to UTC when unset or unknown.
    pub fn display_zone(&self) -> DisplayZone {
        DisplayZone::parse(&self.timezone).unwrap_or_default()
    }
}
