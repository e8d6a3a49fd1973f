//! The team's own wording of headings, kept where debrief names a part
//! differently (`Postmortem::headings`): a section's heading as written
//! ("Lessons Learned" → `lessons = "Takeaways"`), table column headings
//! (`"timeline.time" = "When"`), metadata labels (`"meta.authors" =
//! "Author"`) and the title's prefix. The export prints them in place of
//! its own names, so the words survive and read as the team wrote them.
//!
//! A section heading is settled at the end ([`finish`]): one whose section
//! the export will not print (an empty template section) is kept as an
//! unmapped part in its place, as is a second, different heading for a
//! section that already has one.

use crate::model::{Kind, Postmortem, Timeframe, Unmapped};

use super::Importer;
use super::sections::Section;
use super::text::{plain, unwrap_emphasis};

/// A section heading waiting for [`finish`].
pub(crate) struct Pending {
    key: &'static str,
    text: String,
    /// Where in `unmapped` it goes if it is kept as an unmapped part.
    at: usize,
    /// Every word of it is printed by the export's own heading.
    covered: bool,
}

/// The `[headings]` key of a section, for sections the export heads with
/// one heading of their own.
fn section_key(section: &Section) -> Option<&'static str> {
    Some(match section {
        Section::Summary => "summary",
        Section::Impact => "impact",
        Section::Timeline => "timeline",
        Section::RootCause => "root-cause",
        Section::Whys => "whys",
        Section::Problem => "problem",
        Section::Factors(None) => "factors",
        Section::Response => "response",
        Section::WentWell => "went-well",
        Section::WentPoorly => "went-poorly",
        Section::Lucky => "lucky",
        Section::Differently => "differently",
        Section::Recommendations => "recommendations",
        Section::Goals => "goals",
        Section::Lessons(None) => "lessons",
        Section::Actions(None) => "actions",
        Section::Actions(Some(Timeframe::Immediate)) => "actions.immediate",
        Section::Actions(Some(Timeframe::ShortTerm)) => "actions.short-term",
        Section::Actions(Some(Timeframe::LongTerm)) => "actions.long-term",
        Section::FollowUp => "follow-up",
        Section::SignOff => "sign-off",
        Section::Distribution => "distribution",
        Section::Appendix => "appendix",
        Section::Logs => "logs",
        Section::Metrics => "metrics",
        Section::Related => "related",
        _ => return None,
    })
}

/// The heading the export writes for `key` in a document of `kind`.
pub(crate) fn default_heading(key: &str, kind: Kind) -> &'static str {
    let project = kind == Kind::Project;
    match key {
        "title" if project => "Project Postmortem",
        "title" if kind == Kind::NearMiss => "Near Miss",
        "title" => "Postmortem",
        "summary" if project => "Summary",
        "summary" => "Executive Summary",
        "impact" => "Impact",
        "timeline" => "Timeline",
        "root-cause" => "Root Cause Analysis",
        "whys" => "5 Whys",
        "problem" => "Problem Statement",
        "factors" => "Contributing Factors",
        "response" => "Detection and Response Assessment",
        "went-well" => "What Went Well",
        "went-poorly" => "What Went Poorly",
        "lucky" => "Where We Got Lucky",
        "differently" => "What We Would Do Differently",
        "recommendations" => "Recommendations for Future Engagements",
        "goals" => "Goals vs. Outcomes",
        "actions" => "Action Items",
        "lessons" => "Lessons Learned",
        "follow-up" => "Follow-up Schedule",
        "sign-off" => "Sign-off",
        "distribution" => "Distribution",
        "appendix" => "Appendix",
        "logs" => "Relevant Logs",
        "metrics" => "Metrics",
        "related" => "Related Incidents",
        "timeline.zone" => "All times in",
        "meta.id" if project => "Project ID",
        "meta.id" => "Incident ID",
        "meta.severity" => "Severity",
        "meta.status" => "Status",
        "meta.authors" => "Authors",
        "meta.reviewers" => "Reviewers",
        "meta.services" => "Services",
        "meta.tags" => "Tags",
        _ => "",
    }
}

/// Whether the export prints the section `key` heads (it skips empty ones,
/// and some sections belong to one kind of document).
fn printed(doc: &Postmortem, key: &str) -> bool {
    let project = doc.kind == Kind::Project;
    let part = |f: fn(&crate::model::Project) -> bool| doc.project.as_ref().is_some_and(f);
    match key {
        "summary" => !doc.summary.trim().is_empty(),
        "impact" => doc.impact.rows().iter().any(|(_, v)| !v.trim().is_empty()),
        "timeline" => !doc.timeline.is_empty(),
        "root-cause" => !project && !doc.whys.is_empty(),
        "whys" => !project && !doc.whys.nodes.is_empty(),
        "problem" => !project && !doc.whys.problem.trim().is_empty(),
        "factors" => !doc.factors.is_empty(),
        "response" => !project && !doc.response.is_empty(),
        "went-well" => !doc.review.went_well.is_empty(),
        "went-poorly" => !doc.review.went_poorly.is_empty(),
        "lucky" => !project && !doc.review.lucky.is_empty(),
        "differently" => project && part(|p| !p.differently.is_empty()),
        "recommendations" => project && part(|p| !p.recommendations.is_empty()),
        "goals" => project && part(|p| !p.goals.is_empty()),
        "actions" => !doc.actions.is_empty(),
        "actions.immediate" => has_timeframe(doc, Timeframe::Immediate),
        "actions.short-term" => has_timeframe(doc, Timeframe::ShortTerm),
        "actions.long-term" => has_timeframe(doc, Timeframe::LongTerm),
        "lessons" => !doc.review.lessons.is_empty(),
        "follow-up" => !doc.follow_up.is_empty(),
        "sign-off" => !doc.sign_off.is_empty(),
        "distribution" => !doc.distribution.is_empty(),
        "appendix" => !doc.appendix.is_empty() || !doc.unmapped.is_empty(),
        "logs" => !doc.appendix.logs.trim().is_empty(),
        "metrics" => !doc.appendix.metrics.trim().is_empty(),
        "related" => !doc.appendix.related.is_empty(),
        _ => false,
    }
}

fn has_timeframe(doc: &Postmortem, timeframe: Timeframe) -> bool {
    doc.actions.iter().any(|a| a.timeframe == Some(timeframe))
}

/// Whether the export prints `text` as a sub-heading of its own in the
/// section (the root-cause statement's "Root Cause").
fn sub_heading_printed(doc: &Postmortem, text: &str) -> bool {
    plain(text) == "root cause" && !doc.whys.root_cause.trim().is_empty()
}

/// Notes a section heading; false when the section has no heading key (the
/// caller keeps an uncovered heading as an unmapped part itself).
pub(crate) fn section(im: &mut Importer<'_>, section: &Section, text: &str, covered: bool) -> bool {
    let Some(key) = section_key(section) else {
        return false;
    };
    let text = unwrap_emphasis(text);
    let text = match key {
        "timeline" => super::timeline::without_zone(text),
        _ => text,
    };
    im.pending_headings.push(Pending {
        key,
        text: text.to_string(),
        at: im.doc.unmapped.len(),
        covered,
    });
    true
}

/// Keeps `written` as the document's wording of `key` when it differs from
/// the export's; false when its words would be lost (the key already holds
/// other words).
pub(crate) fn keep(im: &mut Importer<'_>, key: &str, written: &str) -> bool {
    let written = unwrap_emphasis(written).trim();
    let wanted = plain(written);
    // Before the end the kind is known from the signals seen so far.
    let kind = if im.project {
        Kind::Project
    } else {
        im.doc.kind
    };
    if wanted.is_empty() || wanted == plain(default_heading(key, kind)) {
        return true;
    }
    match im.doc.headings.get(key) {
        Some(held) => plain(held) == wanted,
        None => {
            im.doc.headings.insert(key.to_string(), written.to_string());
            true
        }
    }
}

/// A table's column heading, kept when it differs from the export's.
pub(crate) fn column(im: &mut Importer<'_>, list: &str, column: &str, written: &str) {
    let default = match (list, column) {
        (_, "id") => "ID",
        ("timeline", "time") => "Time",
        ("timeline", "event") => "Event",
        ("timeline", "source") => "Source",
        ("timeline", "actor") => "Actor",
        ("timeline", "mark") => "Mark",
        ("response", "phase") => "Phase",
        ("response", "happened") => "What happened",
        ("response", "worked") => "What worked",
        ("response", "did-not-work") => "What didn't",
        ("actions", "action") => "Action",
        ("actions", "type") => "Type",
        ("actions", "priority") => "Priority",
        ("actions", "owner") => "Owner",
        ("actions", "due") => "Due",
        ("actions", "status") => "Status",
        ("actions", "timeframe") => "Timeframe",
        ("actions", "ticket") => "Ticket",
        ("actions", "addresses") => "Addresses",
        _ => return,
    };
    let written = unwrap_emphasis(written).trim();
    let key = format!("{list}.{column}");
    if plain(written).is_empty() || plain(written) == plain(default) {
        return;
    }
    im.doc
        .headings
        .entry(key)
        .or_insert_with(|| written.to_string());
}

/// Settles the section headings noted while reading (the document's kind
/// is known by now).
pub(crate) fn finish(im: &mut Importer<'_>) {
    let pending = std::mem::take(&mut im.pending_headings);
    let mut keep_apart: Vec<(usize, String)> = Vec::new();
    // The first heading of a section names it (the export's own name
    // included); a later, different one is kept apart unless covered.
    let mut claimed: Vec<&str> = Vec::new();
    let (appendix, others): (Vec<Pending>, Vec<Pending>) =
        pending.into_iter().partition(|p| p.key == "appendix");
    for part in others.into_iter().chain(appendix) {
        let shown =
            printed(&im.doc, part.key) || (part.key == "appendix" && !keep_apart.is_empty());
        let kept = if !shown {
            false
        } else if claimed.contains(&part.key) {
            // Covered by the export's own name only when that is printed.
            match im.doc.headings.get(part.key) {
                Some(held) => {
                    plain(held) == plain(&part.text) || sub_heading_printed(&im.doc, &part.text)
                }
                None => part.covered,
            }
        } else {
            claimed.push(part.key);
            keep(im, part.key, &part.text) || part.covered
        };
        if !kept {
            keep_apart.push((part.at, part.text));
        }
    }
    // In document order, each at its place among the unmapped parts.
    keep_apart.sort_by_key(|(at, _)| *at);
    for (at, heading) in keep_apart.into_iter().rev() {
        let at = at.min(im.doc.unmapped.len());
        for marked in &mut im.marked_unmapped {
            if *marked >= at {
                *marked += 1;
            }
        }
        im.report.unmapped(&heading, "");
        im.doc.unmapped.insert(
            at,
            Unmapped {
                heading,
                markdown: String::new(),
            },
        );
    }
}
