//! Whether a heading says no more than its section's name, so it can be
//! dropped without losing words.

use super::super::text::plain;
use super::Section;

/// Words a section heading may add without saying anything new.
const FILLER: &[&str] = &[
    "all",
    "times",
    "time",
    "in",
    "the",
    "of",
    "and",
    "a",
    "an",
    "our",
    "incident",
    "postmortem",
    "analysis",
    "this",
    "week",
    "month",
    "quarter",
    "utc",
    "gmt",
    "z",
    "local",
    "s",
    "t",
    "vs",
    "plan",
    "items",
    "item",
    "for",
    "future",
    "engagements",
    "assessment",
    "statement",
    "factors",
    "relevant",
    "incidents",
    "schedule",
    "5",
    "to",
    "we",
    "what",
    "would",
    "key",
    "whys",
];
/// Whether every word of `heading` is part of its section's name, so the
/// heading can be dropped without losing words.
pub(crate) fn heading_is_covered(heading: &str, section: &Section) -> bool {
    let key = plain(heading);
    let words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
    let own: Vec<String> = match section {
        Section::Factors(Some(c)) | Section::Lessons(Some(c)) => {
            c.split(' ').map(str::to_string).collect()
        }
        Section::ResponsePhase(p) => vec![p.clone()],
        Section::TimelineDay(_) => return false,
        Section::Preamble | Section::Title | Section::Unknown | Section::Marked => return true,
        _ => Vec::new(),
    };
    let vocabulary = |w: &str| {
        FILLER.contains(&w)
            || own.iter().any(|o| o == w)
            // Words the export's own heading for the section prints: any
            // other word of the heading is kept (as an unmapped heading).
            || EXPORT_HEADING_WORDS.contains(&w)
            || (matches!(section, Section::Actions(_))
                && [
                    "immediate",
                    "short",
                    "long",
                    "term",
                    "shortterm",
                    "longterm",
                ]
                .contains(&w))
            || (matches!(section, Section::Factors(_))
                && [
                    "process",
                    "technical",
                    "human",
                    "organizational",
                    "organisational",
                ]
                .contains(&w))
            || (matches!(section, Section::Logs) && ["logs", "log"].contains(&w))
            || (matches!(section, Section::Metrics) && ["metrics"].contains(&w))
            || (matches!(section, Section::Related) && ["related"].contains(&w))
            || (matches!(section, Section::Notes) && ["notes"].contains(&w))
            || super::super::timeline::zone_word(w)
    };
    words.iter().all(|w| vocabulary(w))
}

/// Words of the headings the export writes ("Executive Summary", "Root
/// Cause Analysis", "What Went Well", …) and of its usual synonyms' plain
/// forms that it prints in the same place.
const EXPORT_HEADING_WORDS: &[&str] = &[
    "executive",
    "summary",
    "impact",
    "timeline",
    "key",
    "intervals",
    "root",
    "cause",
    "analysis",
    "problem",
    "statement",
    "whys",
    "contributing",
    "factors",
    "factor",
    "detection",
    "response",
    "assessment",
    "action",
    "actions",
    "items",
    "lessons",
    "learned",
    "follow",
    "up",
    "schedule",
    "sign",
    "off",
    "distribution",
    "appendix",
    "relevant",
    "logs",
    "metrics",
    "related",
    "incidents",
    "notes",
    "goals",
    "outcomes",
    "what",
    "went",
    "well",
    "poorly",
    "where",
    "got",
    "lucky",
    "would",
    "do",
    "differently",
    "recommendations",
    "future",
    "engagements",
    "triage",
    "communication",
    "mitigation",
    "resolution",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn covered_headings() {
        assert!(heading_is_covered("Timeline (UTC)", &Section::Timeline));
        assert!(heading_is_covered("Executive Summary", &Section::Summary));
        assert!(!heading_is_covered(
            "Action Items (Remediation Ideas)",
            &Section::Actions(None)
        ));
    }
}
