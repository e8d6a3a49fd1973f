//! Adding candidates to a document: new ids, no provenance twice, key marks
//! never moved.

use std::collections::HashSet;

use crate::model::{IdKind, Mark, Postmortem, next_id};

use super::Candidate;

/// How many candidates' room [`merge`] gives back at once (about 1 MB):
/// shrinking the vector is a `realloc` that frees its end in place.
const SHRINK_AFTER: usize = 4096;

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
pub fn merge(doc: &mut Postmortem, mut candidates: Vec<Candidate>) -> MergeReport {
    let mut known = known_hashes(doc);
    let mut report = MergeReport::default();
    let mut id = doc.next_id(IdKind::Event);
    // Who has each key mark: the timeline first, then earlier candidates.
    let mut holders = key_mark_holders(doc);
    // Taken from the back, in their order, and the vector shrunk as it
    // empties: the candidates and the events made of them are not both
    // held whole (27 MB each at 100,000).
    candidates.reverse();
    while let Some(mut candidate) = candidates.pop() {
        if candidates.capacity() - candidates.len() >= SHRINK_AFTER {
            candidates.shrink_to_fit();
        }
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

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::import::timeline::SourceKind;
    use crate::model::{Kind, Timestamp};

    #[test]
    fn many_candidates_become_events_in_their_order() {
        let mut doc = Postmortem::new(Kind::Incident, "Outage");
        let start = Timestamp::parse_from_rfc3339("2026-02-05T14:00:00Z").expect("time");
        // Every 7th repeats an earlier line; two ask for the same key mark.
        let n = 3 * SHRINK_AFTER + 5;
        let candidates: Vec<Candidate> = (0..n)
            .map(|i| {
                let line = if i % 7 == 6 { i - 3 } else { i };
                let mut c = Candidate::new(
                    SourceKind::Log,
                    Path::new("app.log"),
                    format!("line {line}"),
                    &format!("line {line}"),
                    start + chrono::Duration::seconds(i as i64),
                    format!("event {i}"),
                );
                if i == 10 || i == 9_000 {
                    c.marks = vec![Mark::Detected];
                }
                c
            })
            .collect();
        let kept: Vec<String> = (0..n)
            .filter(|i| i % 7 != 6)
            .map(|i| format!("event {i}"))
            .collect();
        let report = merge(&mut doc, candidates);
        assert_eq!(report.duplicates, n - kept.len());
        assert_eq!(report.added.len(), kept.len());
        let mut expected = doc.timeline.first().map(|e| e.id.clone());
        for (id, text) in report.added.iter().zip(&kept) {
            let event = doc.timeline.iter().find(|e| &e.id == id).expect("added");
            assert_eq!(&event.text, text, "{id}");
            if let Some(previous) = expected.take() {
                assert_eq!(id, &previous, "ids given in the candidates' order");
            }
            expected = Some(next_id(IdKind::Event, [id.as_str()]));
        }
        let detected: Vec<&str> = doc
            .timeline
            .iter()
            .filter(|e| e.has(Mark::Detected))
            .map(|e| e.text.as_str())
            .collect();
        assert_eq!(detected, ["event 10"]);
        assert_eq!(report.marks_left_off.len(), 1);
    }
}
