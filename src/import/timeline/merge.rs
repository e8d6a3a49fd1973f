//! Adding candidates to a document: new ids, no provenance twice, key marks
//! never moved.

use std::collections::HashSet;

use crate::model::{IdKind, Mark, Postmortem, next_id};

use super::Candidate;

/// What [`merge`] did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MergeReport {
    /// Ids of the events added, in the order added.
    pub added: Vec<String>,
    /// Candidates not added because their hash was already there.
    pub duplicates: usize,
    /// Key marks left off an added event because another event has them
    /// (an import never silently moves an interval): the added event, the
    /// mark, the event that has it.
    pub marks_left_off: Vec<(String, Mark, String)>,
}

/// The provenance hashes already in the timeline: one set, so checking
/// each candidate is a lookup, not a walk of the timeline.
pub fn known_hashes(doc: &Postmortem) -> HashSet<String> {
    doc.timeline
        .iter()
        .filter_map(|e| e.provenance.as_ref().map(|p| p.hash.clone()))
        .collect()
}

/// Each key mark the timeline has, with the event that has it (the first).
pub fn key_mark_holders(doc: &Postmortem) -> Vec<(Mark, String)> {
    Mark::ALL
        .into_iter()
        .filter(|m| m.is_key())
        .filter_map(|m| {
            doc.timeline
                .iter()
                .find(|e| e.has(m))
                .map(|e| (m, e.id.clone()))
        })
        .collect()
}

/// Adds candidates to the timeline. A candidate whose provenance hash is
/// already in the timeline (or earlier in `candidates`) is not added. New
/// events get fresh ids; the timeline is then put in time order (stable, so
/// existing events keep their relative order). Existing events are never
/// changed or dropped.
pub fn merge(doc: &mut Postmortem, candidates: Vec<Candidate>) -> MergeReport {
    let mut known = known_hashes(doc);
    let mut report = MergeReport::default();
    let mut id = doc.next_id(IdKind::Event);
    // Who has each key mark: the timeline first, then earlier candidates.
    let mut holders = key_mark_holders(doc);
    for mut candidate in candidates {
        if !known.insert(candidate.provenance.hash.clone()) {
            report.duplicates += 1;
            continue;
        }
        candidate.marks.retain(|mark| {
            if !mark.is_key() {
                return true;
            }
            match holders.iter().find(|(m, _)| m == mark) {
                Some((_, holder)) => {
                    report
                        .marks_left_off
                        .push((id.clone(), *mark, holder.clone()));
                    false
                }
                None => {
                    holders.push((*mark, id.clone()));
                    true
                }
            }
        });
        let following = next_id(IdKind::Event, [id.as_str()]);
        doc.timeline
            .push(Box::new(candidate.into_event(id.clone())));
        report.added.push(std::mem::replace(&mut id, following));
    }
    if !report.added.is_empty() {
        doc.sort_timeline();
    }
    report
}
