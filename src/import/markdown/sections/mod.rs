//! Which section a heading names: synonyms, at any level, in context.
//! `covered.rs` says whether a heading adds words to its section's name.

mod covered;

pub(crate) use covered::heading_is_covered;

use crate::model::Timeframe;

use super::synonyms::NAMES;
use super::text::{date_prefix, plain, time_prefix};

/// What a chunk of the document is about.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Section {
    /// Before any heading.
    Preamble,
    /// The document title and the metadata under it.
    Title,
    /// A metadata section ("Incident details").
    Meta,
    Summary,
    Impact,
    Timeline,
    /// A sub-heading of the timeline: a day, or a time with prose under it.
    TimelineDay(String),
    /// The export's derived intervals: skipped.
    KeyIntervals,
    /// Root cause (analysis), trigger: prose is the root-cause statement,
    /// "why" lists are the 5 Whys.
    RootCause,
    Whys,
    Problem,
    /// Contributing factors, with the category a sub-heading gives.
    Factors(Option<String>),
    /// Detection and response assessment table.
    Response,
    /// A prose section named after one response phase ("Detection").
    ResponsePhase(String),
    WentWell,
    WentPoorly,
    /// "What worked / what didn't": both lists at once.
    WorkedDidnt,
    Lucky,
    Differently,
    Recommendations,
    Goals,
    Lessons(Option<String>),
    Actions(Option<Timeframe>),
    FollowUp,
    SignOff,
    Distribution,
    Appendix,
    Logs,
    Metrics,
    Related,
    /// Appendix notes, or an appendix sub-section with no field of its own.
    Notes,
    /// An unmapped part the export marked.
    Marked,
    /// A heading no section answers to.
    Unknown,
}

/// Phases of the response a prose section can be named after.
const PHASES: &[&str] = &[
    "detection",
    "triage",
    "communication",
    "mitigation",
    "resolution",
];

/// Phase names in other words and languages: (heading, phase).
const PHASE_SYNONYMS: &[(&str, &str)] = &[
    ("recovery", "resolution"),
    ("response", "triage"),
    ("escalation", "triage"),
    ("messaging", "communication"),
    ("communications", "communication"),
    ("détection", "detection"),
    ("erkennung", "detection"),
    ("detección", "detection"),
    ("résolution", "resolution"),
    ("behebung", "resolution"),
    ("lösung", "resolution"),
    ("resolución", "resolution"),
    ("mitigación", "mitigation"),
    ("atténuation", "mitigation"),
];

/// The section names `--map` accepts.
pub const SECTION_NAMES: &[&str] = &[
    "summary",
    "impact",
    "timeline",
    "root-cause",
    "whys",
    "problem",
    "factors",
    "response",
    "detection",
    "triage",
    "communication",
    "mitigation",
    "resolution",
    "went-well",
    "went-poorly",
    "lucky",
    "lessons",
    "actions",
    "appendix",
    "notes",
    "logs",
    "metrics",
    "related",
    "metadata",
    "unmapped",
];

/// `Root cause`, `root_cause`, `ROOT-CAUSE` → `root-cause`.
pub(crate) fn canonical_name(name: &str) -> String {
    plain(name).replace(' ', "-")
}

/// The section a `--map` name stands for.
pub(crate) fn by_name(name: &str) -> Option<Section> {
    let name = canonical_name(name);
    let section = match name.as_str() {
        "summary" => Section::Summary,
        "impact" => Section::Impact,
        "timeline" => Section::Timeline,
        "root-cause" | "rootcause" | "cause" => Section::RootCause,
        "whys" | "5-whys" => Section::Whys,
        "problem" => Section::Problem,
        "factors" | "contributing-factors" => Section::Factors(None),
        "response" => Section::Response,
        "went-well" => Section::WentWell,
        "went-poorly" => Section::WentPoorly,
        "lucky" => Section::Lucky,
        "lessons" => Section::Lessons(None),
        "actions" | "action-items" => Section::Actions(None),
        "appendix" => Section::Appendix,
        "notes" => Section::Notes,
        "logs" => Section::Logs,
        "metrics" => Section::Metrics,
        "related" => Section::Related,
        "metadata" | "meta" => Section::Meta,
        "unmapped" => Section::Unknown,
        phase if PHASES.contains(&phase) => Section::ResponsePhase(phase.to_string()),
        _ => return None,
    };
    Some(section)
}

/// The section `heading` names under `parent`, or `None`.
pub(crate) fn classify(heading: &str, parent: Option<&Section>) -> Option<Section> {
    let key = unnumbered(&plain(heading));
    // Sub-headings first: their words mean something else at the top.
    if let Some(parent) = parent
        && let Some(section) = sub_section(&key, heading, parent)
    {
        return Some(section);
    }
    if let Some(section) = named(&key) {
        return Some(section);
    }
    if PHASES.contains(&key.as_str()) {
        return Some(Section::ResponsePhase(key));
    }
    if let Some((_, phase)) = PHASE_SYNONYMS.iter().find(|(name, _)| *name == key) {
        return Some(Section::ResponsePhase(phase.to_string()));
    }
    None
}

/// A heading's words without its section number: `3 timeline`, `ii impact`,
/// `section 4 actions`, `2 1 root cause` → the name. A number alone stays
/// (`5 whys` keeps reading as whys either way).
pub(crate) fn unnumbered(key: &str) -> String {
    const ROMAN: &[&str] = &[
        "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii",
    ];
    let mut words: Vec<&str> = key.split(' ').collect();
    if words.len() > 1 && matches!(words[0], "section" | "part" | "step") {
        words.remove(0);
    }
    let mut start = 0;
    while start + 1 < words.len()
        && (words[start].chars().all(|c| c.is_ascii_digit()) || ROMAN.contains(&words[start]))
    {
        start += 1;
    }
    if start == 0 {
        return key.to_string();
    }
    words[start..].join(" ")
}

fn named(key: &str) -> Option<Section> {
    // Exact name first, then a name followed by qualifiers ("Timeline (UTC)",
    // "Action Items (Remediation Plan)", "Appendix: Supporting Evidence").
    for (name, make) in NAMES {
        if key == *name {
            return Some(make());
        }
    }
    let mut best: Option<(usize, Section)> = None;
    for (name, make) in NAMES {
        if key.starts_with(name)
            && key[name.len()..].starts_with(' ')
            && best.as_ref().is_none_or(|(len, _)| name.len() > *len)
        {
            best = Some((name.len(), make()));
        }
    }
    best.map(|(_, s)| s)
}

fn sub_section(key: &str, heading: &str, parent: &Section) -> Option<Section> {
    match parent {
        Section::Factors(_) => {
            if named(key).is_some_and(|s| !matches!(s, Section::Factors(_)))
                && !matches!(named(key), Some(Section::RootCause))
            {
                return None;
            }
            let category = key
                .strip_suffix(" factors")
                .or_else(|| key.strip_suffix(" factor"))
                .unwrap_or(key)
                .trim();
            if category.is_empty() || category == "contributing" {
                return Some(Section::Factors(None));
            }
            Some(Section::Factors(Some(normalize_category(category))))
        }
        Section::Lessons(_) => {
            if named(key).is_some() {
                return None;
            }
            Some(Section::Lessons(Some(category_name(heading))))
        }
        Section::Actions(_) => timeframe(key).map(|t| Section::Actions(Some(t))),
        Section::RootCause | Section::Whys | Section::Problem => match key {
            "what happened" | "problem" | "the problem" | "problem statement" => {
                Some(Section::Problem)
            }
            _ => None,
        },
        Section::Appendix
        | Section::Logs
        | Section::Metrics
        | Section::Related
        | Section::Notes => {
            let section = if key.contains("log") {
                Section::Logs
            } else if key.starts_with("metric") || key.starts_with("graphs") || key == "dashboards"
            {
                Section::Metrics
            } else if key.starts_with("related") || key == "references" || key == "links" {
                Section::Related
            } else if key == "notes" {
                Section::Notes
            } else if named(key).is_some() {
                return None;
            } else {
                Section::Notes
            };
            Some(section)
        }
        Section::Timeline | Section::TimelineDay(_) => {
            let starts_with_time = time_prefix(heading.trim_start_matches(['*', '`', ' ']))
                .is_some()
                || date_prefix(heading.trim_start_matches(['*', '`', ' ']), Some(2000)).is_some()
                || year_first(heading);
            starts_with_time.then(|| Section::TimelineDay(heading.to_string()))
        }
        _ => None,
    }
}

/// "2018 October 21 …": a year first, then a date.
fn year_first(heading: &str) -> bool {
    let heading = heading.trim();
    match (heading.get(..4), heading.get(4..)) {
        (Some(year), Some(rest)) => {
            year.chars().all(|c| c.is_ascii_digit())
                && rest.starts_with(' ')
                && date_prefix(rest.trim_start(), Some(2000)).is_some()
        }
        _ => false,
    }
}

fn timeframe(key: &str) -> Option<Timeframe> {
    if key.starts_with("immediate") || key.contains("this week") {
        Some(Timeframe::Immediate)
    } else if key.starts_with("short term") || key.contains("this month") {
        Some(Timeframe::ShortTerm)
    } else if key.starts_with("long term") || key.contains("this quarter") {
        Some(Timeframe::LongTerm)
    } else {
        None
    }
}

/// `organisational` → `organizational`; otherwise the words as written.
pub(crate) fn normalize_category(category: &str) -> String {
    match category {
        "organisational" | "organization" | "organisation" | "org" => "organizational".into(),
        "technology" | "tech" => "technical".into(),
        "people" if false => "human".into(),
        other => other.to_string(),
    }
}

/// A lesson category: the heading's words, lower-case.
fn category_name(heading: &str) -> String {
    plain(heading)
}

/// Whether an appendix sub-heading is just "Notes".
pub(crate) fn is_notes_heading(heading: &str) -> bool {
    plain(heading) == "notes"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synonyms_and_qualifiers() {
        assert_eq!(classify("Executive Summary", None), Some(Section::Summary));
        assert_eq!(classify("TL;DR", None), Some(Section::Summary));
        assert_eq!(classify("Timeline (UTC)", None), Some(Section::Timeline));
        assert_eq!(
            classify("Sequence of events", None),
            Some(Section::Timeline)
        );
        assert_eq!(
            classify("Action Items (Remediation Plan)", None),
            Some(Section::Actions(None))
        );
        assert_eq!(
            classify("Root Cause Analysis (5-Whys)", None),
            Some(Section::RootCause)
        );
        assert_eq!(
            classify("What worked / what didn't", None),
            Some(Section::WorkedDidnt)
        );
        assert_eq!(classify("Background", None), None);
        assert_eq!(
            classify("Detection", None),
            Some(Section::ResponsePhase("detection".into()))
        );
    }

    #[test]
    fn sub_headings_depend_on_their_parent() {
        assert_eq!(
            classify("Process factors", Some(&Section::Factors(None))),
            Some(Section::Factors(Some("process".into())))
        );
        assert_eq!(
            classify("Process", Some(&Section::Lessons(None))),
            Some(Section::Lessons(Some("process".into())))
        );
        assert_eq!(
            classify("Immediate (This Week)", Some(&Section::Actions(None))),
            Some(Section::Actions(Some(Timeframe::Immediate)))
        );
        assert_eq!(
            classify("Metrics", Some(&Section::Appendix)),
            Some(Section::Metrics)
        );
    }
}
