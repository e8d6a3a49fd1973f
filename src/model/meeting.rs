//! The postmortem meeting: its agenda with the time spent per step, who
//! attended, the parking lot, the notes taken and the follow-up review
//! date. Saved as `[meeting]`; a document that never had a meeting has no
//! such table (so it writes exactly as before).
//!
//! The whole record is one document field (`DocField::Meeting`, its text
//! the TOML of the table), so every change to it is an
//! [`Edit::SetText`](super::edit::Edit::SetText): undone, journaled and
//! linted like any other.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::time::{self, Timestamp};

/// The meeting record of a document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    /// The step the meeting is at (index into `agenda`).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub current: usize,
    /// When the follow-up review of the actions takes place.
    #[serde(
        default,
        with = "time::opt_date",
        skip_serializing_if = "Option::is_none"
    )]
    pub review: Option<NaiveDate>,
    /// Whether the meeting was closed (its summary shown).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub closed: bool,
    /// The agenda, in order.
    #[serde(default, rename = "step", skip_serializing_if = "Vec::is_empty")]
    pub agenda: Vec<AgendaStep>,
    /// Who attended, by role (never exported to a customer audience).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attendance: Vec<Attendee>,
    /// Off-topic points, each to become an action or be dropped.
    #[serde(default, rename = "parked", skip_serializing_if = "Vec::is_empty")]
    pub parking: Vec<Parked>,
    /// Notes taken during the meeting, stamped with the time.
    #[serde(default, rename = "note", skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<MeetingNote>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

fn is_zero_u64(n: &u64) -> bool {
    *n == 0
}

/// One step of the agenda.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgendaStep {
    /// What the step is called ("Walk through the timeline").
    pub name: String,
    /// Its timebox, in minutes.
    pub minutes: u32,
    /// Seconds actually spent on it so far.
    #[serde(default, skip_serializing_if = "is_zero_u64")]
    pub spent: u64,
    /// What it is about: which pane it shows, which questions it asks and
    /// which checks run when it is left (see [`Topic`]); empty for none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub topic: String,
}

impl AgendaStep {
    /// A step with a topic.
    pub fn new(name: &str, minutes: u32, topic: Topic) -> AgendaStep {
        AgendaStep {
            name: name.to_string(),
            minutes,
            spent: 0,
            topic: topic.as_str().to_string(),
        }
    }

    /// The step's topic, if it names a known one.
    pub fn topic(&self) -> Option<Topic> {
        Topic::parse(&self.topic)
    }

    /// The timebox in seconds.
    pub fn timebox(&self) -> u64 {
        u64::from(self.minutes) * 60
    }
}

/// What an agenda step is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Topic {
    /// Set the tone: the blameless statement.
    Tone,
    /// The timeline.
    Timeline,
    /// Contributing factors (and the whys).
    Factors,
    /// Action items, brainstormed.
    Actions,
    /// Actions ranked by leverage and effort.
    Prioritize,
    /// Every action gets an owner and a due date.
    Owners,
    /// Follow-up schedule and thanks.
    Close,
    /// Project: goals against outcomes.
    Goals,
    /// Project: what went well.
    WentWell,
    /// Project: what we would do differently.
    Differently,
    /// Project: lessons learned.
    Lessons,
    /// Project: recommendations for the next team.
    Recommendations,
}

impl Topic {
    /// Every topic.
    pub const ALL: [Topic; 12] = [
        Topic::Tone,
        Topic::Timeline,
        Topic::Factors,
        Topic::Actions,
        Topic::Prioritize,
        Topic::Owners,
        Topic::Close,
        Topic::Goals,
        Topic::WentWell,
        Topic::Differently,
        Topic::Lessons,
        Topic::Recommendations,
    ];

    /// The name in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            Topic::Tone => "tone",
            Topic::Timeline => "timeline",
            Topic::Factors => "factors",
            Topic::Actions => "actions",
            Topic::Prioritize => "prioritize",
            Topic::Owners => "owners",
            Topic::Close => "close",
            Topic::Goals => "goals",
            Topic::WentWell => "went-well",
            Topic::Differently => "differently",
            Topic::Lessons => "lessons",
            Topic::Recommendations => "recommendations",
        }
    }

    /// Reads a topic name.
    pub fn parse(text: &str) -> Option<Topic> {
        Topic::ALL.into_iter().find(|t| t.as_str() == text.trim())
    }
}

/// One person at the meeting.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attendee {
    /// Their role in the meeting or the incident ("facilitator", "on-call").
    pub role: String,
    /// Their name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
}

/// A point parked for later.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Parked {
    /// The point.
    pub text: String,
    /// What became of it: the id of the action it became, or `dropped`;
    /// empty while open.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub resolved: String,
}

impl Parked {
    /// The word recording a point dropped at close.
    pub const DROPPED: &'static str = "dropped";

    /// Whether it still waits for a decision.
    pub fn is_open(&self) -> bool {
        self.resolved.is_empty()
    }
}

/// A note taken during the meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeetingNote {
    /// When it was taken.
    #[serde(with = "time::timestamp")]
    pub at: Timestamp,
    /// What was said or decided.
    pub text: String,
}

impl Meeting {
    /// Whether there is nothing to save.
    pub fn is_empty(&self) -> bool {
        *self == Meeting::default()
    }

    /// Seconds spent over every step.
    pub fn spent(&self) -> u64 {
        self.agenda.iter().map(|s| s.spent).sum()
    }

    /// Minutes planned over every step.
    pub fn planned_minutes(&self) -> u32 {
        self.agenda.iter().map(|s| s.minutes).sum()
    }

    /// The step under way, if the agenda has one.
    pub fn step(&self) -> Option<&AgendaStep> {
        self.agenda.get(self.current)
    }

    /// The record as its TOML text (the text of `DocField::Meeting`):
    /// empty when there is nothing to save.
    pub fn to_text(&self) -> String {
        if self.is_empty() {
            return String::new();
        }
        toml::to_string(self).unwrap_or_default()
    }

    /// Reads the record from its TOML text (empty: no meeting).
    pub fn from_text(text: &str) -> Result<Meeting, String> {
        if text.trim().is_empty() {
            return Ok(Meeting::default());
        }
        let meeting: Meeting = toml::from_str(text).map_err(|e| e.message().to_string())?;
        if meeting.current > meeting.agenda.len() {
            return Err(format!(
                "current step {} is past an agenda of {}",
                meeting.current,
                meeting.agenda.len()
            ));
        }
        Ok(meeting)
    }
}

/// `m:ss` (or `h:mm:ss` from an hour up) for a number of seconds.
pub fn clock_text(seconds: u64) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Meeting {
        Meeting {
            current: 1,
            review: NaiveDate::from_ymd_opt(2026, 3, 15),
            closed: false,
            agenda: vec![
                AgendaStep {
                    spent: 130,
                    ..AgendaStep::new("Set the tone", 2, Topic::Tone)
                },
                AgendaStep::new("Walk through the timeline", 10, Topic::Timeline),
            ],
            attendance: vec![Attendee {
                role: "facilitator".into(),
                name: "Sam".into(),
            }],
            parking: vec![Parked {
                text: "rename the dashboards".into(),
                resolved: String::new(),
            }],
            notes: vec![MeetingNote {
                at: chrono::DateTime::parse_from_rfc3339("2026-03-01T10:02:00Z").expect("ts"),
                text: "timeline: add the 07:40 page".into(),
            }],
        }
    }

    #[test]
    fn the_text_form_reads_back_exactly() {
        let meeting = sample();
        let text = meeting.to_text();
        assert!(text.contains("[[step]]"), "{text}");
        assert_eq!(Meeting::from_text(&text).expect("parses"), meeting);
        assert_eq!(Meeting::default().to_text(), "");
        assert_eq!(Meeting::from_text("").expect("empty"), Meeting::default());
    }

    #[test]
    fn bad_text_is_refused_with_a_reason() {
        assert!(Meeting::from_text("current = 5").is_err());
        assert!(Meeting::from_text("colour = 1").is_err());
    }

    #[test]
    fn clock_text_reads_like_a_clock() {
        assert_eq!(clock_text(0), "0:00");
        assert_eq!(clock_text(70), "1:10");
        assert_eq!(clock_text(3725), "1:02:05");
    }

    #[test]
    fn every_topic_reads_back() {
        for topic in Topic::ALL {
            assert_eq!(Topic::parse(topic.as_str()), Some(topic));
        }
    }
}
