//! The postmortem document: pure data plus its invariants.
//!
//! Nothing here knows about terminals, files or Markdown. Every other layer
//! (store, export, lint, tui) is a view over [`Postmortem`].

mod check;
mod conflict;
pub mod edit;
mod escape;
mod field;
mod headings;
mod ids;
mod intervals;
mod lint;
mod meeting;
mod meta;
mod review;
mod template;
mod texts;
mod time;
mod timeline;
mod tracking;
mod typed_time;
mod whys;
mod whys_patch;

pub use check::{PathSeg, Problem, check, dotted};
pub use conflict::{Conflict, Side, conflicts_text, content_fingerprint, parse_conflicts};
pub use escape::escape_controls;
pub use headings::HEADING_KEYS;
pub use ids::{IdKind, id_number, next_id};
pub use intervals::{GAP_THRESHOLD, Gap, Interval, IntervalKind, Intervals, find_gaps};
pub use lint::{DocLint, RuleLevel, Suppression};
pub use meeting::{AgendaStep, Attendee, Meeting, MeetingNote, Parked, Topic, clock_text};
pub use meta::{DEFAULT_CATEGORIES, Kind, Meta, SeverityLevel, Status, default_severity_scale};
pub use review::{
    Appendix, Assessment, FollowUp, Goal, Impact, ImpactRow, Lesson, Project, RESPONSE_PHASES,
    ResponsePhase, Review, SignOff, Unmapped,
};
pub use template::{QUICK_MAX_ACTIONS, is_placeholder, without_placeholders};
pub use texts::for_each_text_mut;
pub use time::{DisplayZone, Timestamp, format_duration};
pub use timeline::{ActorKind, Event, Mark, Provenance, duplicate_marks};
pub use tracking::{ActionItem, ActionStatus, ActionType, Factor, Priority, Timeframe};
pub use typed_time::parse_time;
pub use whys::{Depths, Why, Whys};

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The schema version this build reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

/// A whole postmortem document: what is saved as one TOML file.
///
/// Field order here is the order in the file, so keep it stable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Postmortem {
    /// Format version; see [`SCHEMA_VERSION`].
    pub schema: u32,
    /// Incident postmortem or project retrospective.
    #[serde(default)]
    pub kind: Kind,
    /// Executive summary: what happened, the impact, how it was resolved.
    #[serde(default)]
    pub summary: String,
    /// The summary in customer words (the customer export's summary; when
    /// empty it uses `summary`). Not part of the internal export.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub customer_summary: String,
    /// Distribution list: who receives the finished postmortem.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub distribution: Vec<String>,
    /// Identity, severity, status, people and dates.
    pub meta: Meta,
    /// What the incident cost.
    #[serde(default, skip_serializing_if = "Impact::is_empty")]
    pub impact: Impact,
    /// What happened, in time order. Each event is boxed so that inserting
    /// or deleting one near the top of a long timeline moves pointers, not
    /// whole events (an edit at 100,000 events moved 17 MB unboxed).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub timeline: Vec<Box<Event>>,
    /// The 5 Whys tree.
    #[serde(default, skip_serializing_if = "Whys::is_empty")]
    pub whys: Whys,
    /// Contributing factors by category.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub factors: Vec<Factor>,
    /// Detection and response assessment, one row per phase.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub response: Vec<ResponsePhase>,
    /// Went well / poorly / lucky, lessons.
    #[serde(default, skip_serializing_if = "Review::is_empty")]
    pub review: Review,
    /// Follow-up action items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<ActionItem>,
    /// Goals vs outcomes and recommendations (project retrospectives).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<Project>,
    /// Logs, metrics, related incidents.
    #[serde(default, skip_serializing_if = "Appendix::is_empty")]
    pub appendix: Appendix,
    /// Follow-up meetings and reviews.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub follow_up: Vec<FollowUp>,
    /// Sign-off rows.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sign_off: Vec<SignOff>,
    /// The postmortem meeting: agenda and time spent, attendance, parking
    /// lot, notes.
    #[serde(default, skip_serializing_if = "Meeting::is_empty")]
    pub meeting: Meeting,
    /// The document's own lint settings: rule levels and accepted findings.
    #[serde(default, skip_serializing_if = "DocLint::is_empty")]
    pub lint: DocLint,
    /// The team's own words for the export's headings, kept by the Markdown
    /// import where debrief names a part differently: section headings
    /// (`lessons = "Takeaways"`) and table column headings
    /// (`"timeline.time" = "When"`). Keys are [`HEADING_KEYS`]; the export
    /// prints these instead of its own names.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub headings: BTreeMap<String, String>,
    /// Imported text that maps to no field, kept verbatim.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unmapped: Vec<Unmapped>,
    /// Merge conflicts `debrief merge` left for a person to decide.
    #[serde(default, rename = "conflict", skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<Conflict>,
}

impl Postmortem {
    /// A fresh, empty document of the given kind.
    pub fn new(kind: Kind, title: impl Into<String>) -> Self {
        Postmortem {
            schema: SCHEMA_VERSION,
            kind,
            summary: String::new(),
            customer_summary: String::new(),
            distribution: Vec::new(),
            meta: Meta {
                title: title.into(),
                ..Meta::default()
            },
            impact: Impact::default(),
            timeline: Vec::new(),
            whys: Whys::default(),
            factors: Vec::new(),
            response: Vec::new(),
            review: Review::default(),
            actions: Vec::new(),
            project: match kind {
                Kind::Incident | Kind::NearMiss => None,
                Kind::Project => Some(Project::default()),
            },
            appendix: Appendix::default(),
            follow_up: Vec::new(),
            sign_off: Vec::new(),
            meeting: Meeting::default(),
            lint: DocLint::default(),
            headings: BTreeMap::new(),
            unmapped: Vec::new(),
            conflicts: Vec::new(),
        }
    }

    /// The severity scale in force: the document's own, or the default.
    pub fn severity_scale(&self) -> Vec<SeverityLevel> {
        if self.meta.severity_scale.is_empty() {
            default_severity_scale()
        } else {
            self.meta.severity_scale.clone()
        }
    }

    /// The factor categories in force: the document's own, or the default.
    pub fn factor_categories(&self) -> Vec<String> {
        if self.meta.categories.is_empty() {
            DEFAULT_CATEGORIES.iter().map(|c| c.to_string()).collect()
        } else {
            self.meta.categories.clone()
        }
    }

    /// The zone times are shown in.
    pub fn display_zone(&self) -> DisplayZone {
        self.meta.display_zone()
    }

    /// Derived key intervals (time to detect, mitigate, resolve, …).
    pub fn intervals(&self) -> Intervals {
        Intervals::compute(&self.timeline, self.meta.started, self.meta.ended)
    }

    /// Puts the timeline in time order (stable: equal times keep their order).
    pub fn sort_timeline(&mut self) {
        self.timeline.sort_by_key(|e| e.at);
    }

    /// Finds a timeline event by id.
    pub fn event(&self, id: &str) -> Option<&Event> {
        self.timeline.iter().find(|e| e.id == id).map(|e| &**e)
    }

    /// Finds a contributing factor by id.
    pub fn factor(&self, id: &str) -> Option<&Factor> {
        self.factors.iter().find(|f| f.id == id)
    }

    /// Finds an action item by id.
    pub fn action(&self, id: &str) -> Option<&ActionItem> {
        self.actions.iter().find(|a| a.id == id)
    }

    /// The next free id of a kind (never reuses or renumbers).
    pub fn next_id(&self, kind: IdKind) -> String {
        let ids: Vec<&str> = match kind {
            IdKind::Event => self.timeline.iter().map(|e| e.id.as_str()).collect(),
            IdKind::Why => self.whys.nodes.iter().map(|w| w.id.as_str()).collect(),
            IdKind::Factor => self.factors.iter().map(|f| f.id.as_str()).collect(),
            IdKind::Action => self.actions.iter().map(|a| a.id.as_str()).collect(),
        };
        next_id(kind, ids)
    }
}
