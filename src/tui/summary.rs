//! What the timeline adds up to — key intervals, gaps, where the marks fall —
//! derived once per document revision, not once per frame: the timeline can
//! hold tens of thousands of events and rendering happens on every key.

use std::cell::RefCell;
use std::rc::Rc;

use crate::model::{Event, GAP_THRESHOLD, Gap, Intervals, Mark, Postmortem, Timestamp, find_gaps};

/// Facts derived from the timeline.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    /// Time to detect, mitigate, resolve, …
    pub intervals: Intervals,
    /// Silences longer than [`GAP_THRESHOLD`], in time order.
    pub gaps: Vec<Gap>,
    /// The earliest and latest event.
    pub span: Option<(Timestamp, Timestamp)>,
    /// Every mark with its event's time, in time order.
    pub marks: Vec<(Timestamp, Mark)>,
    /// Times of events flagged as unknowns.
    pub unknowns: Vec<Timestamp>,
    /// The last time-axis strip laid out, by width.
    strip: RefCell<Option<(usize, Rc<[StripCell]>)>>,
}

/// One column of the time-axis strip.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StripCell {
    /// Time with events or a short pause.
    Axis,
    /// Inside a gap longer than the threshold.
    Gap,
    /// An event flagged as an unknown.
    Unknown,
    /// An event carrying this mark (the earliest in the column).
    Mark(Mark),
}

impl Summary {
    /// Derives the summary of `doc` (linear in the timeline, plus a sort
    /// when the timeline is out of time order).
    pub fn of(doc: &Postmortem) -> Summary {
        let sorted: Vec<Event>;
        let timeline: &[Event] = if doc.timeline.is_sorted_by_key(|e| e.at) {
            &doc.timeline
        } else {
            let mut copy = doc.timeline.clone();
            copy.sort_by_key(|e| e.at);
            sorted = copy;
            &sorted
        };
        let marks = timeline
            .iter()
            .flat_map(|e| e.marks.iter().map(move |m| (e.at, *m)))
            .collect();
        Summary {
            intervals: doc.intervals(),
            gaps: find_gaps(timeline, GAP_THRESHOLD),
            span: timeline
                .first()
                .zip(timeline.last())
                .map(|(a, b)| (a.at, b.at)),
            marks,
            unknowns: timeline.iter().filter(|e| e.gap).map(|e| e.at).collect(),
            strip: RefCell::default(),
        }
    }

    /// The time axis from the first to the last event in `width` columns:
    /// gaps, unknowns and marks at their places. Laid out once per width.
    pub fn strip(&self, width: usize) -> Rc<[StripCell]> {
        if let Some((w, cells)) = self.strip.borrow().as_ref()
            && *w == width
        {
            return Rc::clone(cells);
        }
        let cells: Rc<[StripCell]> = self.lay_out(width).into();
        *self.strip.borrow_mut() = Some((width, Rc::clone(&cells)));
        cells
    }

    fn lay_out(&self, width: usize) -> Vec<StripCell> {
        let mut cells = vec![StripCell::Axis; width];
        let Some((first, last)) = self.span else {
            return cells;
        };
        if width == 0 {
            return cells;
        }
        let span = last.signed_duration_since(first).num_seconds().max(0) as i128;
        let column = |at: Timestamp| -> usize {
            if span == 0 {
                return 0;
            }
            let offset = at
                .signed_duration_since(first)
                .num_seconds()
                .clamp(0, i64::MAX) as i128;
            ((offset * (width as i128 - 1)) / span) as usize
        };
        for gap in &self.gaps {
            let (from, to) = (column(gap.from), column(gap.to));
            if to > from + 1 {
                cells[from + 1..to].fill(StripCell::Gap);
            } else {
                // Too short to show between its ends: it still gets a column.
                cells[to.min(width - 1)] = StripCell::Gap;
            }
        }
        for at in &self.unknowns {
            cells[column(*at)] = StripCell::Unknown;
        }
        for (at, mark) in &self.marks {
            let cell = &mut cells[column(*at)];
            if !matches!(cell, StripCell::Mark(_)) {
                *cell = StripCell::Mark(*mark);
            }
        }
        cells
    }
}

/// The summary of the last revision asked for.
#[derive(Debug, Default)]
pub struct SummaryCache {
    slot: RefCell<Option<(u64, usize, Rc<Summary>)>>,
}

impl SummaryCache {
    /// The summary of `doc` at `revision`, derived only when the revision
    /// (or, as a safety net, the number of events) changed since last time.
    pub fn get(&self, doc: &Postmortem, revision: u64) -> Rc<Summary> {
        let mut slot = self.slot.borrow_mut();
        if let Some((rev, len, summary)) = slot.as_ref()
            && *rev == revision
            && *len == doc.timeline.len()
        {
            return Rc::clone(summary);
        }
        let summary = Rc::new(Summary::of(doc));
        *slot = Some((revision, doc.timeline.len(), Rc::clone(&summary)));
        summary
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;

    fn parse_timestamp(s: &str) -> Result<Timestamp, chrono::ParseError> {
        chrono::DateTime::parse_from_rfc3339(s)
    }

    fn doc(times: &[(&str, &[Mark])]) -> Postmortem {
        let mut doc = Postmortem::new(Kind::Incident, "t");
        for (i, (at, marks)) in times.iter().enumerate() {
            let mut e = Event::new(format!("T{}", i + 1), parse_timestamp(at).expect("ts"), "e");
            e.marks = marks.to_vec();
            doc.timeline.push(e);
        }
        doc
    }

    #[test]
    fn derives_gaps_and_marks_in_time_order_even_when_the_list_is_not() {
        let doc = doc(&[
            ("2026-02-05T07:51:00Z", &[Mark::Resolved]),
            ("2026-02-05T07:20:00Z", &[Mark::Detected]),
            ("2026-02-05T07:33:00Z", &[]),
        ]);
        let summary = Summary::of(&doc);
        assert_eq!(summary.gaps.len(), 1, "07:33 → 07:51 is over 15 minutes");
        assert_eq!(
            summary.gaps[0].from,
            parse_timestamp("2026-02-05T07:33:00Z").expect("ts")
        );
        assert_eq!(
            summary.marks.iter().map(|(_, m)| *m).collect::<Vec<_>>(),
            vec![Mark::Detected, Mark::Resolved]
        );
        let (first, last) = summary.span.expect("span");
        assert!(first < last);
        // 07:20 … 07:51 over 32 columns: one minute a column.
        let strip = summary.strip(32);
        assert_eq!(strip[0], StripCell::Mark(Mark::Detected));
        assert_eq!(strip[31], StripCell::Mark(Mark::Resolved));
        assert_eq!(strip[13], StripCell::Axis, "07:33 itself is not in the gap");
        assert!(strip[14..31].iter().all(|c| *c == StripCell::Gap));
        assert!(
            Rc::ptr_eq(&strip, &summary.strip(32)),
            "laid out once per width"
        );
    }

    #[test]
    fn cache_recomputes_only_on_a_new_revision() {
        let mut doc = doc(&[("2026-02-05T07:00:00Z", &[])]);
        let cache = SummaryCache::default();
        let a = cache.get(&doc, 1);
        assert!(Rc::ptr_eq(&a, &cache.get(&doc, 1)), "same revision: reused");
        doc.timeline[0].marks.push(Mark::Detected);
        let b = cache.get(&doc, 2);
        assert!(!Rc::ptr_eq(&a, &b));
        assert_eq!(b.marks.len(), 1);
    }
}
