//! Impact, response assessment, review lists, appendix, sign-off and the
//! project-retrospective parts.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::time;

/// What the incident cost. Every field is free text ("~2,400 (15%)").
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Impact {
    /// Users affected (number or share).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub users_affected: String,
    /// Duration of user impact.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub duration: String,
    /// Requests failed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub requests_failed: String,
    /// Revenue impact.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub revenue: String,
    /// SLA impact.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub sla: String,
    /// Data loss or corruption.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub data_loss: String,
    /// Customer complaints, support tickets.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub customer_complaints: String,
    /// Further rows.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extra: Vec<ImpactRow>,
}

/// A free impact row.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImpactRow {
    /// What was measured.
    pub metric: String,
    /// The value.
    pub value: String,
}

impl Impact {
    /// The named rows, as (label, value), in export order.
    pub fn rows(&self) -> Vec<(&str, &str)> {
        let mut rows = vec![
            ("Users affected", self.users_affected.as_str()),
            ("Duration of user impact", self.duration.as_str()),
            ("Requests failed", self.requests_failed.as_str()),
            ("Revenue impact", self.revenue.as_str()),
            ("SLA impact", self.sla.as_str()),
            ("Data loss", self.data_loss.as_str()),
            ("Customer complaints", self.customer_complaints.as_str()),
        ];
        rows.extend(
            self.extra
                .iter()
                .map(|r| (r.metric.as_str(), r.value.as_str())),
        );
        rows
    }

    /// True when nothing was written.
    pub fn is_empty(&self) -> bool {
        self.extra.is_empty() && self.rows().iter().all(|(_, v)| v.is_empty())
    }
}

/// One phase of the detection and response assessment.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResponsePhase {
    /// detection, triage, communication, mitigation or resolution.
    pub phase: String,
    /// What happened in this phase.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub happened: String,
    /// What worked.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub worked: String,
    /// What did not.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub did_not_work: String,
}

/// The standard response phases from the seed template.
pub const RESPONSE_PHASES: [&str; 5] = [
    "detection",
    "triage",
    "communication",
    "mitigation",
    "resolution",
];

/// A lesson learned, optionally categorized (process, technical, people,
/// client — the project template's split).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lesson {
    /// The lesson.
    pub text: String,
    /// Optional category.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub category: String,
}

/// What the team takes away.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    /// What went well.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub went_well: Vec<String>,
    /// What went poorly.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub went_poorly: Vec<String>,
    /// Where we got lucky.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lucky: Vec<String>,
    /// Lessons learned.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lessons: Vec<Lesson>,
}

impl Review {
    /// True when nothing was written.
    pub fn is_empty(&self) -> bool {
        self.went_well.is_empty()
            && self.went_poorly.is_empty()
            && self.lucky.is_empty()
            && self.lessons.is_empty()
    }
}

/// Supporting evidence.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Appendix {
    /// Relevant log excerpts (shown as a code block).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub logs: String,
    /// Metrics and graphs (Markdown).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub metrics: String,
    /// Related incidents and documents.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<String>,
    /// Anything else (Markdown).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
}

impl Appendix {
    /// True when nothing was written.
    pub fn is_empty(&self) -> bool {
        self.logs.is_empty()
            && self.metrics.is_empty()
            && self.related.is_empty()
            && self.notes.is_empty()
    }
}

/// A scheduled follow-up (action item review, retro check-in, …).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowUp {
    /// What happens.
    pub what: String,
    /// When.
    #[serde(
        default,
        with = "time::opt_date",
        skip_serializing_if = "Option::is_none"
    )]
    pub date: Option<NaiveDate>,
}

/// A sign-off row.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignOff {
    /// Author, Reviewed, Approved, …
    pub role: String,
    /// Who signed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// When.
    #[serde(
        default,
        with = "time::opt_date",
        skip_serializing_if = "Option::is_none"
    )]
    pub date: Option<NaiveDate>,
    /// The content fingerprint the signer saw (`debrief sign` writes it,
    /// see [`crate::model::content_fingerprint`]): when the content changes
    /// afterwards, lint reports the sign-off as stale.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub fingerprint: String,
}

impl SignOff {
    /// Whether this row fills the sign-off `role` (as a repository's
    /// config names it): case aside, `reviewer` is also `Reviewed` or
    /// `Review`, `approver` also `Approved` or `Approval`.
    pub fn fills(&self, role: &str) -> bool {
        fn key(role: &str) -> String {
            let role = role.trim().to_lowercase();
            let stem = ["er", "ed", "al", ""]
                .iter()
                .find_map(|suffix| role.strip_suffix(suffix).filter(|_| !suffix.is_empty()))
                .unwrap_or(&role);
            stem.trim_end_matches('e').to_string()
        }
        key(&self.role) == key(role)
    }
}

/// How far a project goal was met.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Assessment {
    /// Met.
    Met,
    /// Partially met.
    PartiallyMet,
    /// Not met.
    NotMet,
}

impl Assessment {
    /// Human label.
    pub fn label(self) -> &'static str {
        match self {
            Assessment::Met => "Met",
            Assessment::PartiallyMet => "Partially met",
            Assessment::NotMet => "Not met",
        }
    }
}

/// A project goal against its outcome.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    /// The goal.
    pub goal: String,
    /// Success criteria.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub target: String,
    /// What happened.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub actual: String,
    /// Met / partially met / not met.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessment: Option<Assessment>,
}

/// The parts only a project retrospective has.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Project {
    /// Team members and roles.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub team: Vec<String>,
    /// Goals vs outcomes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub goals: Vec<Goal>,
    /// What we would do differently.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub differently: Vec<String>,
    /// Recommendations for future engagements.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recommendations: Vec<String>,
}

/// Imported text that maps to no field: heading plus the original Markdown.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unmapped {
    /// The heading it stood under.
    pub heading: String,
    /// The original Markdown.
    pub markdown: String,
}
