//! Contributing factors and the action items that address them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::time;

/// Something that made the outcome likely.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Factor {
    /// Stable id (`F1`, …).
    pub id: String,
    /// Category from the document's categories (default: process, technical,
    /// human, organizational).
    pub category: String,
    /// The factor itself.
    pub text: String,
    /// How it contributed to the outcome.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub contribution: String,
    /// Timeline events that are evidence for it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<String>,
    /// Whys it corresponds to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub whys: Vec<String>,
    /// Accepted as a risk instead of being addressed by an action: the reason.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub accepted_risk: String,
    /// Kept out of the customer export: its text is internal (a customer
    /// export that would show it fails).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub private: bool,
    /// Lint rules silenced for this factor.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ignore: Vec<String>,
}

impl Factor {
    /// A new factor.
    pub fn new(
        id: impl Into<String>,
        category: impl Into<String>,
        text: impl Into<String>,
    ) -> Self {
        Factor {
            id: id.into(),
            category: category.into(),
            text: text.into(),
            contribution: String::new(),
            events: Vec::new(),
            whys: Vec::new(),
            accepted_risk: String::new(),
            private: false,
            ignore: Vec::new(),
        }
    }
}

macro_rules! simple_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident => $text:literal, $label:literal;)+ }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vdoc])* #[serde(rename = $text)] $variant,)+
        }

        impl $name {
            /// Every value, in order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The name used in the file.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text,)+ }
            }

            /// Human label.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label,)+ }
            }

            /// Reads a value as typed: its file name or its label, in any
            /// case, with or without spaces and hyphens.
            pub fn parse(text: &str) -> Option<$name> {
                let key = |s: &str| -> String {
                    s.chars()
                        .filter(|c| c.is_alphanumeric())
                        .collect::<String>()
                        .to_lowercase()
                };
                let typed = key(text);
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| key(v.as_str()) == typed || key(v.label()) == typed)
            }

            /// The file names of every value, for messages: `a, b or c`.
            pub fn choices() -> String {
                let names: Vec<&str> = Self::ALL.iter().map(|v| v.as_str()).collect();
                match names.split_last() {
                    Some((last, rest)) if !rest.is_empty() => {
                        format!("{} or {last}", rest.join(", "))
                    }
                    _ => names.join(""),
                }
            }

            /// The next value, wrapping around (the editor's `c` key).
            pub fn cycle(self) -> $name {
                let all = Self::ALL;
                let at = all.iter().position(|v| *v == self).unwrap_or(0);
                all[(at + 1) % all.len()]
            }
        }
    };
}

simple_enum! {
    /// What an action does about the incident class (seed: prevent > detect >
    /// mitigate > process).
    ActionType {
        /// Stops this class of incident from happening.
        Prevent => "prevent", "Prevent";
        /// Catches it faster next time.
        Detect => "detect", "Detect";
        /// Reduces impact when it happens.
        Mitigate => "mitigate", "Mitigate";
        /// Improves how we respond.
        Process => "process", "Process";
    }
}

simple_enum! {
    /// Priority, P0 most urgent.
    Priority {
        /// Drop everything.
        P0 => "P0", "P0";
        /// This sprint.
        P1 => "P1", "P1";
        /// Soon.
        P2 => "P2", "P2";
        /// When there is room.
        P3 => "P3", "P3";
    }
}

simple_enum! {
    /// Progress of an action item.
    ActionStatus {
        /// Not started.
        Open => "open", "Open";
        /// Being worked on.
        InProgress => "in-progress", "In progress";
        /// Finished.
        Done => "done", "Done";
        /// Decided against, with a reason in the notes.
        WontDo => "wont-do", "Won't do";
    }
}

simple_enum! {
    /// When an action should land.
    Timeframe {
        /// This week.
        Immediate => "immediate", "Immediate";
        /// This month.
        ShortTerm => "short-term", "Short-term";
        /// This quarter.
        LongTerm => "long-term", "Long-term";
    }
}

/// A follow-up task with an owner and a date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionItem {
    /// Stable id (`A1`, …).
    pub id: String,
    /// What will be done, concretely.
    pub title: String,
    /// Prevent / detect / mitigate / process.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<ActionType>,
    /// P0–P3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<Priority>,
    /// A team or a role (a person's handle is allowed here).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    /// Due date.
    #[serde(
        default,
        with = "time::opt_date",
        skip_serializing_if = "Option::is_none"
    )]
    pub due: Option<NaiveDate>,
    /// Progress.
    #[serde(default = "default_status")]
    pub status: ActionStatus,
    /// Tracker reference, e.g. `ENG-1234`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub ticket: String,
    /// Immediate / short-term / long-term.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeframe: Option<Timeframe>,
    /// Contributing factors it addresses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub factors: Vec<String>,
    /// Whys it addresses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub whys: Vec<String>,
    /// Free notes (e.g. why it was dropped).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// Shown in the customer export ("what we are doing about it"); actions
    /// are internal unless marked public.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub public: bool,
    /// Kept out of the customer export: its text is internal (a customer
    /// export that would show it fails).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub private: bool,
    /// Lint rules silenced for this action.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ignore: Vec<String>,
}

fn default_status() -> ActionStatus {
    ActionStatus::Open
}

impl ActionItem {
    /// A new open action.
    pub fn new(id: impl Into<String>, title: impl Into<String>) -> Self {
        ActionItem {
            id: id.into(),
            title: title.into(),
            kind: None,
            priority: None,
            owner: String::new(),
            due: None,
            status: ActionStatus::Open,
            ticket: String::new(),
            timeframe: None,
            factors: Vec::new(),
            whys: Vec::new(),
            notes: String::new(),
            public: false,
            private: false,
            ignore: Vec::new(),
        }
    }

    /// Open or in progress, with a due date before `today`.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        matches!(self.status, ActionStatus::Open | ActionStatus::InProgress)
            && self.due.is_some_and(|due| due < today)
    }
}
