//! Rule ids as constants the compiler checks: the engine and its callers
//! name rules through these, so a misspelt id does not compile. [`ALL`] is
//! the catalogue's order (`assets/lint/rules.toml`); a test checks that
//! both list the same ids.

use std::fmt;

use serde::{Serialize, Serializer};

/// A lint rule's stable id (`blame/judgment`). Only the constants of this
/// module make one; [`RuleId::parse`] finds one from its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RuleId(&'static str);

impl RuleId {
    /// The id as written in files and output.
    pub const fn as_str(self) -> &'static str {
        self.0
    }

    /// The rule with this id, if there is one.
    pub fn parse(id: &str) -> Option<RuleId> {
        ALL.iter().copied().find(|r| r.0 == id)
    }

    /// Whether the rule is a blameless-language rule (`blame/…`).
    pub fn is_blame(self) -> bool {
        self.0.starts_with("blame/")
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `pad`, so width and alignment (`{:<26}`) apply as for a `str`.
        f.pad(self.0)
    }
}

impl Serialize for RuleId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.0)
    }
}

/// `blame/named-individual`.
pub const NAMED_INDIVIDUAL: RuleId = RuleId("blame/named-individual");
/// `blame/human-error`.
pub const HUMAN_ERROR: RuleId = RuleId("blame/human-error");
/// `blame/counterfactual`.
pub const COUNTERFACTUAL: RuleId = RuleId("blame/counterfactual");
/// `blame/hindsight`.
pub const HINDSIGHT: RuleId = RuleId("blame/hindsight");
/// `blame/blame-verb`.
pub const BLAME_VERB: RuleId = RuleId("blame/blame-verb");
/// `blame/judgment`.
pub const JUDGMENT: RuleId = RuleId("blame/judgment");
/// `complete/required-meta`.
pub const REQUIRED_META: RuleId = RuleId("complete/required-meta");
/// `complete/summary`.
pub const SUMMARY: RuleId = RuleId("complete/summary");
/// `complete/summary-length`.
pub const SUMMARY_LENGTH: RuleId = RuleId("complete/summary-length");
/// `complete/impact`.
pub const IMPACT: RuleId = RuleId("complete/impact");
/// `complete/timeline-empty`.
pub const TIMELINE_EMPTY: RuleId = RuleId("complete/timeline-empty");
/// `complete/timeline-order`.
pub const TIMELINE_ORDER: RuleId = RuleId("complete/timeline-order");
/// `complete/timeline-marks`.
pub const TIMELINE_MARKS: RuleId = RuleId("complete/timeline-marks");
/// `complete/timeline-gap`.
pub const TIMELINE_GAP: RuleId = RuleId("complete/timeline-gap");
/// `complete/whys-depth`.
pub const WHYS_DEPTH: RuleId = RuleId("complete/whys-depth");
/// `complete/root-cause-statement`.
pub const ROOT_CAUSE_STATEMENT: RuleId = RuleId("complete/root-cause-statement");
/// `complete/root-cause-person`.
pub const ROOT_CAUSE_PERSON: RuleId = RuleId("complete/root-cause-person");
/// `complete/factors-count`.
pub const FACTORS_COUNT: RuleId = RuleId("complete/factors-count");
/// `complete/factors-categories`.
pub const FACTORS_CATEGORIES: RuleId = RuleId("complete/factors-categories");
/// `complete/unaddressed`.
pub const UNADDRESSED: RuleId = RuleId("complete/unaddressed");
/// `complete/action-fields`.
pub const ACTION_FIELDS: RuleId = RuleId("complete/action-fields");
/// `complete/action-due`.
pub const ACTION_DUE: RuleId = RuleId("complete/action-due");
/// `complete/vague-action`.
pub const VAGUE_ACTION: RuleId = RuleId("complete/vague-action");
/// `complete/too-many-actions`.
pub const TOO_MANY_ACTIONS: RuleId = RuleId("complete/too-many-actions");
/// `complete/went-well`.
pub const WENT_WELL: RuleId = RuleId("complete/went-well");
/// `complete/lessons`.
pub const LESSONS: RuleId = RuleId("complete/lessons");
/// `complete/severity-impact`.
pub const SEVERITY_IMPACT: RuleId = RuleId("complete/severity-impact");
/// `complete/final-with-errors`.
pub const FINAL_WITH_ERRORS: RuleId = RuleId("complete/final-with-errors");
/// `complete/sign-off-missing`.
pub const SIGN_OFF_MISSING: RuleId = RuleId("complete/sign-off-missing");
/// `complete/sign-off-stale`.
pub const SIGN_OFF_STALE: RuleId = RuleId("complete/sign-off-stale");
/// `complete/stale-suppression`.
pub const STALE_SUPPRESSION: RuleId = RuleId("complete/stale-suppression");

/// `complete/placeholder`.
pub const PLACEHOLDER: RuleId = RuleId("complete/placeholder");
/// `complete/quick-actions`.
pub const QUICK_ACTIONS: RuleId = RuleId("complete/quick-actions");

/// Not a lint rule: the editor shows `model::check`'s structural problems
/// among the findings under this id.
pub const CHECK: RuleId = RuleId("check");

/// Every rule, in catalogue order.
pub const ALL: [RuleId; 33] = [
    NAMED_INDIVIDUAL,
    HUMAN_ERROR,
    COUNTERFACTUAL,
    HINDSIGHT,
    BLAME_VERB,
    JUDGMENT,
    REQUIRED_META,
    PLACEHOLDER,
    QUICK_ACTIONS,
    SUMMARY,
    SUMMARY_LENGTH,
    IMPACT,
    TIMELINE_EMPTY,
    TIMELINE_ORDER,
    TIMELINE_MARKS,
    TIMELINE_GAP,
    WHYS_DEPTH,
    ROOT_CAUSE_STATEMENT,
    ROOT_CAUSE_PERSON,
    FACTORS_COUNT,
    FACTORS_CATEGORIES,
    UNADDRESSED,
    ACTION_FIELDS,
    ACTION_DUE,
    VAGUE_ACTION,
    TOO_MANY_ACTIONS,
    WENT_WELL,
    LESSONS,
    SEVERITY_IMPACT,
    FINAL_WITH_ERRORS,
    SIGN_OFF_MISSING,
    SIGN_OFF_STALE,
    STALE_SUPPRESSION,
];
