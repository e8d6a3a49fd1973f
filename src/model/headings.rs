//! The team's own wording of the export's headings (`[headings]`): kept by
//! the Markdown import where debrief's name for a part differs from the
//! one the document used, so an imported "Lessons Learned" section called
//! "Takeaways" is exported as "Takeaways".

use super::Postmortem;

/// The keys `[headings]` may hold: sections, the title's prefix, table
/// columns (`LIST.COLUMN`) and metadata labels (`meta.FIELD`).
pub const HEADING_KEYS: &[&str] = &[
    "title",
    "summary",
    "impact",
    "timeline",
    "root-cause",
    "problem",
    "whys",
    "factors",
    "response",
    "went-well",
    "went-poorly",
    "lucky",
    "differently",
    "recommendations",
    "goals",
    "actions",
    "actions.immediate",
    "actions.short-term",
    "actions.long-term",
    "lessons",
    "follow-up",
    "sign-off",
    "distribution",
    "appendix",
    "logs",
    "metrics",
    "related",
    "timeline.zone",
    "timeline.id",
    "timeline.time",
    "timeline.event",
    "timeline.source",
    "timeline.actor",
    "timeline.mark",
    "response.phase",
    "response.happened",
    "response.worked",
    "response.did-not-work",
    "actions.id",
    "actions.action",
    "actions.type",
    "actions.priority",
    "actions.owner",
    "actions.due",
    "actions.status",
    "actions.timeframe",
    "actions.ticket",
    "actions.addresses",
    "meta.id",
    "meta.severity",
    "meta.status",
    "meta.date",
    "meta.duration",
    "meta.authors",
    "meta.reviewers",
    "meta.services",
    "meta.tags",
];

impl Postmortem {
    /// The heading the document uses for `key` (one of [`HEADING_KEYS`]),
    /// else `default` (the export's own name).
    pub fn heading<'a>(&'a self, key: &str, default: &'a str) -> &'a str {
        match self.headings.get(key) {
            Some(text) if !text.trim().is_empty() => text.trim(),
            _ => default,
        }
    }
}
