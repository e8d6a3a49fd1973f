//! The registry of document fields: each [`DocField`]'s name, [`Shape`] and
//! where its text is stored.

use super::codec::{
    FOLLOW_UP_COLUMNS, GOAL_COLUMNS, IMPACT_COLUMNS, SCALE_COLUMNS, SIGN_OFF_COLUMNS,
};
use super::{DocField, Shape};
use crate::model::Postmortem;

/// Where a field's text is stored.
#[derive(Clone, Copy)]
pub(super) enum Store {
    /// One string of the document, the text itself.
    Text(
        fn(&Postmortem) -> &String,
        fn(&mut Postmortem) -> &mut String,
    ),
    /// One list of strings, one entry per line.
    List(
        fn(&Postmortem) -> &Vec<String>,
        fn(&mut Postmortem) -> &mut Vec<String>,
    ),
    /// A form of its own (`own.rs`).
    Own,
}

/// A field's entry in the registry.
#[derive(Clone, Copy)]
pub(super) struct Spec {
    pub(super) name: &'static str,
    pub(super) shape: Shape,
    pub(super) store: Store,
}

const fn text(
    name: &'static str,
    shape: Shape,
    get: fn(&Postmortem) -> &String,
    get_mut: fn(&mut Postmortem) -> &mut String,
) -> Spec {
    Spec {
        name,
        shape,
        store: Store::Text(get, get_mut),
    }
}

const fn list(
    name: &'static str,
    get: fn(&Postmortem) -> &Vec<String>,
    get_mut: fn(&mut Postmortem) -> &mut Vec<String>,
) -> Spec {
    Spec {
        name,
        shape: Shape::List,
        store: Store::List(get, get_mut),
    }
}

const fn own(name: &'static str, shape: Shape) -> Spec {
    Spec {
        name,
        shape,
        store: Store::Own,
    }
}

impl DocField {
    /// The registry: each field's shape and where its text lives.
    pub(super) fn spec(self) -> Spec {
        use DocField::*;
        use Shape::{Choice, Line, Prose, Table};
        match self {
            Title => text("Title", Line, |d| &d.meta.title, |d| &mut d.meta.title),
            DocId => text("Id", Line, |d| &d.meta.id, |d| &mut d.meta.id),
            Kind => own("Kind", Choice),
            Severity => text(
                "Severity",
                Choice,
                |d| &d.meta.severity,
                |d| &mut d.meta.severity,
            ),
            Status => own("Status", Choice),
            Started => own("Started", Shape::Time),
            Ended => own("Ended", Shape::Time),
            PostmortemDate => own("Postmortem date", Shape::Date),
            Timezone => text(
                "Time zone",
                Line,
                |d| &d.meta.timezone,
                |d| &mut d.meta.timezone,
            ),
            Services => list("Services", |d| &d.meta.services, |d| &mut d.meta.services),
            Authors => list("Authors", |d| &d.meta.authors, |d| &mut d.meta.authors),
            Reviewers => list(
                "Reviewers",
                |d| &d.meta.reviewers,
                |d| &mut d.meta.reviewers,
            ),
            Tags => list("Tags", |d| &d.meta.tags, |d| &mut d.meta.tags),
            Roster => list(
                "Roster (never exported)",
                |d| &d.meta.roster,
                |d| &mut d.meta.roster,
            ),
            Allow => list("Allowed words", |d| &d.meta.allow, |d| &mut d.meta.allow),
            Categories => list(
                "Factor categories",
                |d| &d.meta.categories,
                |d| &mut d.meta.categories,
            ),
            SeverityScale => own("Severity scale", Table(SCALE_COLUMNS)),
            Summary => text("Summary", Prose, |d| &d.summary, |d| &mut d.summary),
            CustomerSummary => text(
                "Customer summary",
                Prose,
                |d| &d.customer_summary,
                |d| &mut d.customer_summary,
            ),
            UsersAffected => text(
                "Users affected",
                Line,
                |d| &d.impact.users_affected,
                |d| &mut d.impact.users_affected,
            ),
            ImpactDuration => text(
                "Duration of user impact",
                Line,
                |d| &d.impact.duration,
                |d| &mut d.impact.duration,
            ),
            RequestsFailed => text(
                "Requests failed",
                Line,
                |d| &d.impact.requests_failed,
                |d| &mut d.impact.requests_failed,
            ),
            Revenue => text(
                "Revenue impact",
                Line,
                |d| &d.impact.revenue,
                |d| &mut d.impact.revenue,
            ),
            Sla => text("SLA impact", Line, |d| &d.impact.sla, |d| &mut d.impact.sla),
            DataLoss => text(
                "Data loss",
                Line,
                |d| &d.impact.data_loss,
                |d| &mut d.impact.data_loss,
            ),
            CustomerComplaints => text(
                "Customer complaints",
                Line,
                |d| &d.impact.customer_complaints,
                |d| &mut d.impact.customer_complaints,
            ),
            ImpactExtra => own("Other impact", Table(IMPACT_COLUMNS)),
            Problem => text(
                "Problem",
                Line,
                |d| &d.whys.problem,
                |d| &mut d.whys.problem,
            ),
            RootCause => text(
                "Root cause",
                Line,
                |d| &d.whys.root_cause,
                |d| &mut d.whys.root_cause,
            ),
            Response { column, .. } => own(column.label(), Prose),
            WentWell => list(
                "Went well",
                |d| &d.review.went_well,
                |d| &mut d.review.went_well,
            ),
            WentPoorly => list(
                "Went poorly",
                |d| &d.review.went_poorly,
                |d| &mut d.review.went_poorly,
            ),
            Lucky => list(
                "Where we got lucky",
                |d| &d.review.lucky,
                |d| &mut d.review.lucky,
            ),
            Lessons => own("Lessons learned", Shape::List),
            Team => own("Team", Shape::List),
            Differently => own("What we would do differently", Shape::List),
            Recommendations => own("Recommendations", Shape::List),
            Goals => own("Goals vs. outcomes", Table(GOAL_COLUMNS)),
            FollowUp => own("Follow-up", Table(FOLLOW_UP_COLUMNS)),
            SignOff => own("Sign-off", Table(SIGN_OFF_COLUMNS)),
            Distribution => list("Distribution", |d| &d.distribution, |d| &mut d.distribution),
            Logs => text(
                "Logs",
                Prose,
                |d| &d.appendix.logs,
                |d| &mut d.appendix.logs,
            ),
            Metrics => text(
                "Metrics and graphs",
                Prose,
                |d| &d.appendix.metrics,
                |d| &mut d.appendix.metrics,
            ),
            Related => list(
                "Related",
                |d| &d.appendix.related,
                |d| &mut d.appendix.related,
            ),
            Notes => text(
                "Notes",
                Prose,
                |d| &d.appendix.notes,
                |d| &mut d.appendix.notes,
            ),
            Unmapped => own("Unmapped parts", Prose),
            Conflicts => own("Merge conflicts", Prose),
            Meeting => own("Meeting", Prose),
            Lint => own("Lint settings", Prose),
        }
    }
}
