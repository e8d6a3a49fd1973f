//! Key intervals derived from timeline marks, and unexplained gaps.

use std::borrow::Borrow;

use chrono::Duration;

use super::time::Timestamp;
use super::timeline::{Event, Mark};

/// Which interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntervalKind {
    /// Impact start → detected.
    TimeToDetect,
    /// Detected → escalated.
    TimeToEscalate,
    /// Impact start → mitigated.
    TimeToMitigate,
    /// Impact start → resolved.
    TimeToResolve,
    /// Impact start → first communication.
    CommunicationDelay,
    /// Start → end of the incident.
    Total,
}

impl IntervalKind {
    /// Human label.
    pub fn label(self) -> &'static str {
        match self {
            IntervalKind::TimeToDetect => "Time to detect",
            IntervalKind::TimeToEscalate => "Time to escalate",
            IntervalKind::TimeToMitigate => "Time to mitigate",
            IntervalKind::TimeToResolve => "Time to resolve",
            IntervalKind::CommunicationDelay => "Customer communication delay",
            IntervalKind::Total => "Total duration",
        }
    }

    /// Short label for narrow screens.
    pub fn short(self) -> &'static str {
        match self {
            IntervalKind::TimeToDetect => "TTD",
            IntervalKind::TimeToEscalate => "TTE",
            IntervalKind::TimeToMitigate => "TTM",
            IntervalKind::TimeToResolve => "TTR",
            IntervalKind::CommunicationDelay => "Comms",
            IntervalKind::Total => "Total",
        }
    }
}

/// One derived interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    /// Which one.
    pub kind: IntervalKind,
    /// Its start.
    pub from: Timestamp,
    /// Its end.
    pub to: Timestamp,
}

impl Interval {
    /// Its length (exact across zones and DST).
    pub fn duration(&self) -> Duration {
        self.to.signed_duration_since(self.from)
    }
}

/// The intervals a timeline allows to compute.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Intervals {
    /// The computable ones, in a fixed order.
    pub items: Vec<Interval>,
}

impl Intervals {
    /// Derives intervals from the earliest event carrying each mark. The
    /// impact start falls back to the document's start time.
    pub fn compute<E: Borrow<Event>>(
        timeline: &[E],
        started: Option<Timestamp>,
        ended: Option<Timestamp>,
    ) -> Intervals {
        let first = |mark: Mark| {
            let events = timeline.iter().map(Borrow::borrow);
            events.filter(|e: &&Event| e.has(mark)).map(|e| e.at).min()
        };
        Intervals::from_firsts(first, started, ended)
    }

    /// [`Intervals::compute`] from the marks of a timeline in time order,
    /// each with its event's time (the earliest of a mark is its first):
    /// linear in the marks, not the events.
    pub fn from_marks(
        marks: &[(Timestamp, Mark)],
        started: Option<Timestamp>,
        ended: Option<Timestamp>,
    ) -> Intervals {
        let first = |mark: Mark| marks.iter().find(|(_, m)| *m == mark).map(|(at, _)| *at);
        Intervals::from_firsts(first, started, ended)
    }

    fn from_firsts(
        first: impl Fn(Mark) -> Option<Timestamp>,
        started: Option<Timestamp>,
        ended: Option<Timestamp>,
    ) -> Intervals {
        let impact_start = first(Mark::ImpactStart).or(started);
        let detected = first(Mark::Detected);
        let resolved = first(Mark::Resolved);
        let pairs = [
            (IntervalKind::TimeToDetect, impact_start, detected),
            (
                IntervalKind::TimeToEscalate,
                detected,
                first(Mark::Escalated),
            ),
            (
                IntervalKind::TimeToMitigate,
                impact_start,
                first(Mark::Mitigated),
            ),
            (IntervalKind::TimeToResolve, impact_start, resolved),
            (
                IntervalKind::CommunicationDelay,
                impact_start,
                first(Mark::Communicated),
            ),
            (
                IntervalKind::Total,
                started.or(impact_start),
                ended.or(resolved),
            ),
        ];
        Intervals {
            items: pairs
                .into_iter()
                .filter_map(|(kind, from, to)| {
                    Some(Interval {
                        kind,
                        from: from?,
                        to: to?,
                    })
                })
                .collect(),
        }
    }

    /// The interval of a kind, when computable.
    pub fn get(&self, kind: IntervalKind) -> Option<&Interval> {
        self.items.iter().find(|i| i.kind == kind)
    }
}

/// Silences longer than this between consecutive events are asked about.
pub const GAP_THRESHOLD: Duration = Duration::minutes(15);

/// A stretch of the timeline with nothing recorded.
#[derive(Debug, Clone, PartialEq)]
pub struct Gap {
    /// Index of the event before the gap.
    pub after: usize,
    /// When the gap starts.
    pub from: Timestamp,
    /// When it ends.
    pub to: Timestamp,
}

/// Gaps longer than `threshold` between consecutive events of a timeline in
/// time order. Events marked as gaps (unknowns) are already questions, so the
/// stretch around them is not flagged again.
pub fn find_gaps<E: Borrow<Event>>(timeline: &[E], threshold: Duration) -> Vec<Gap> {
    timeline
        .windows(2)
        .enumerate()
        .map(|(after, pair)| (after, pair[0].borrow(), pair[1].borrow()))
        .filter(|(_, a, b)| !a.gap && !b.gap)
        .filter(|(_, a, b)| b.at.signed_duration_since(a.at) > threshold)
        .map(|(after, a, b)| Gap {
            after,
            from: a.at,
            to: b.at,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::time::parse_timestamp;

    fn event(id: &str, at: &str, marks: &[Mark]) -> Event {
        let mut e = Event::new(id, parse_timestamp(at).expect("ts"), id);
        e.marks = marks.to_vec();
        e
    }

    #[test]
    fn intervals_are_exact_across_zones() {
        // Impact starts in New York time, detection is logged in UTC.
        let timeline = vec![
            event("T1", "2026-03-08T01:50:00-05:00", &[Mark::ImpactStart]),
            // 03:05 EDT after the spring-forward jump is 07:05Z: 15 minutes later.
            event("T2", "2026-03-08T03:05:00-04:00", &[Mark::Detected]),
            event("T3", "2026-03-08T07:30:00Z", &[Mark::Resolved]),
        ];
        let intervals = Intervals::compute(&timeline, None, None);
        let ttd = intervals.get(IntervalKind::TimeToDetect).expect("ttd");
        assert_eq!(ttd.duration(), Duration::minutes(15));
        let ttr = intervals.get(IntervalKind::TimeToResolve).expect("ttr");
        assert_eq!(ttr.duration(), Duration::minutes(40));
        assert!(intervals.get(IntervalKind::TimeToMitigate).is_none());
    }

    #[test]
    fn gaps_over_threshold_are_found() {
        let timeline = vec![
            event("T1", "2026-02-05T14:00:00Z", &[]),
            event("T2", "2026-02-05T14:10:00Z", &[]),
            event("T3", "2026-02-05T15:00:00Z", &[]),
        ];
        let gaps = find_gaps(&timeline, Duration::minutes(30));
        assert_eq!(gaps.len(), 1);
        assert_eq!(gaps[0].after, 1);
    }
}
