//! Which documents a figure counts: by date, service and tag.

use chrono::NaiveDate;

use crate::model::Postmortem;

/// A selection of the library's documents. Empty selects everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// On or after this day (the incident's start, in its display zone).
    pub since: Option<NaiveDate>,
    /// On or before this day.
    pub until: Option<NaiveDate>,
    /// Involving this service (`meta.services`, case-insensitive).
    pub service: Option<String>,
    /// Carrying this tag (`meta.tags`, case-insensitive).
    pub tag: Option<String>,
}

impl Filter {
    /// Whether `doc` is selected. A document without a date is left out
    /// as soon as a date bound is given.
    pub fn matches(&self, doc: &Postmortem) -> bool {
        let day = doc_date(doc);
        if self.since.is_some() || self.until.is_some() {
            let Some(day) = day else {
                return false;
            };
            if self.since.is_some_and(|s| day < s) || self.until.is_some_and(|u| day > u) {
                return false;
            }
        }
        let has = |list: &[String], want: &Option<String>| {
            want.as_ref().is_none_or(|w| {
                list.iter()
                    .any(|item| item.trim().eq_ignore_ascii_case(w.trim()))
            })
        };
        has(&doc.meta.services, &self.service) && has(&doc.meta.tags, &self.tag)
    }
}

/// The day a document is dated by: the incident's start in its display
/// zone, else the postmortem date.
pub fn doc_date(doc: &Postmortem) -> Option<NaiveDate> {
    match doc.meta.started {
        Some(start) => Some(doc.display_zone().local(&start).date()),
        None => doc.meta.postmortem_date,
    }
}

/// The day an incident ended (Day 0 of the writing guide): its end, else
/// its start, in its display zone.
pub fn end_date(doc: &Postmortem) -> Option<NaiveDate> {
    let zone = doc.display_zone();
    doc.meta
        .ended
        .or(doc.meta.started)
        .map(|t| zone.local(&t).date())
}
