//! What the timeline adds up to — key intervals, gaps, where the marks fall —
//! derived once per document revision, not once per frame: the timeline can
//! hold tens of thousands of events and rendering happens on every key. An
//! edit of one event of a timeline in time order patches the last summary
//! around that event ([`SummaryCache::follow`]) instead of walking every
//! event again; other edits leave it as it is.

use std::cell::RefCell;
use std::rc::Rc;

use crate::model::edit::{Edit, Item, List};
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
    /// Whether the timeline was in time order (only then is it patched).
    sorted: bool,
    /// The document's start and end the intervals were derived with.
    bounds: (Option<Timestamp>, Option<Timestamp>),
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
        let mut timeline: Vec<&Event> = doc.timeline.iter().map(|e| &**e).collect();
        let in_order = timeline.is_sorted_by_key(|e| e.at);
        if !in_order {
            timeline.sort_by_key(|e| e.at);
        }
        let marks = timeline
            .iter()
            .flat_map(|e| e.marks.iter().map(move |m| (e.at, *m)))
            .collect();
        Summary {
            intervals: doc.intervals(),
            gaps: find_gaps(&timeline, GAP_THRESHOLD),
            span: timeline
                .first()
                .zip(timeline.last())
                .map(|(a, b)| (a.at, b.at)),
            marks,
            unknowns: timeline.iter().filter(|e| e.gap).map(|e| e.at).collect(),
            sorted: in_order,
            bounds: (doc.meta.started, doc.meta.ended),
            strip: RefCell::default(),
        }
    }

    /// The summary of `doc` after `edit`, from this one (of the document
    /// before it): `Same` when the edit touched nothing it derives from,
    /// a patched summary when it inserted, removed or replaced one event
    /// and the timeline is still in time order, `Unknown` otherwise.
    fn after(&self, doc: &Postmortem, edit: &Edit) -> Next {
        match edit {
            Edit::Insert {
                index,
                item: Item::Event(event),
            } => self.patched(doc, *index, Change::Inserted, &[event.at]),
            Edit::Remove {
                index,
                item: Item::Event(event),
            } => self.patched(doc, *index, Change::Removed, &[event.at]),
            Edit::Replace {
                index,
                before: Item::Event(before),
                after: Item::Event(after),
            } => {
                if identical(before.at, after.at)
                    && before.marks == after.marks
                    && before.gap == after.gap
                {
                    Next::Same
                } else {
                    self.patched(doc, *index, Change::Replaced, &[before.at, after.at])
                }
            }
            Edit::Insert { .. } | Edit::Remove { .. } | Edit::Replace { .. } => Next::Same,
            Edit::Move { list, .. } if *list == List::Timeline => Next::Unknown,
            Edit::Move { .. } => Next::Same,
            Edit::SetText { .. } => {
                let (started, ended) = self.bounds;
                if same_time(started, doc.meta.started) && same_time(ended, doc.meta.ended) {
                    Next::Same
                } else {
                    Next::Unknown
                }
            }
            Edit::Batch(edits) => {
                // Sub-edits see intermediate documents. One that changes
                // the summary among others that change no time, mark or
                // event count (a delete with its unlinks) saw the timeline
                // as it is now: its patch holds. More than one: derive.
                let mut changed = edits
                    .iter()
                    .map(|e| self.after(doc, e))
                    .filter(|next| !matches!(next, Next::Same));
                match (changed.next(), changed.next()) {
                    (None, _) => Next::Same,
                    (Some(Next::Patched(one)), None) => Next::Patched(one),
                    _ => Next::Unknown,
                }
            }
        }
    }

    /// This summary after one event at `index` of `doc.timeline` changed:
    /// only the pairs around it are looked at for gaps, and only the events
    /// at `times` (its time before and after) for marks and unknowns.
    fn patched(&self, doc: &Postmortem, index: usize, change: Change, times: &[Timestamp]) -> Next {
        let timeline = &doc.timeline;
        let (started, ended) = self.bounds;
        if !self.sorted
            || !same_time(started, doc.meta.started)
            || !same_time(ended, doc.meta.ended)
        {
            return Next::Unknown;
        }
        let in_order = |i: usize| {
            let at = timeline[i].at;
            (i == 0 || timeline[i - 1].at <= at)
                && timeline.get(i + 1).is_none_or(|next| at <= next.at)
        };
        // Gaps of the old timeline whose pair goes (`after` in lo..old_hi),
        // pairs of the new one looked at (lo..new_hi), and how far the gaps
        // after them move.
        let lo = index.saturating_sub(1);
        let (old_hi, new_hi, shift): (usize, usize, isize) = match change {
            Change::Removed if index <= timeline.len() => (index + 1, index, -1),
            Change::Inserted if index < timeline.len() && in_order(index) => (index, index + 1, 1),
            Change::Replaced if index < timeline.len() && in_order(index) => {
                (index + 1, index + 1, 0)
            }
            _ => return Next::Unknown,
        };
        let start = self.gaps.partition_point(|g| g.after < lo);
        let end = self.gaps.partition_point(|g| g.after < old_hi);
        let mut gaps = Vec::with_capacity(self.gaps.len() + 2);
        gaps.extend_from_slice(&self.gaps[..start]);
        let window = &timeline[lo.min(timeline.len())..(new_hi + 1).min(timeline.len())];
        gaps.extend(find_gaps(window, GAP_THRESHOLD).into_iter().map(|g| Gap {
            after: g.after + lo,
            ..g
        }));
        gaps.extend(self.gaps[end..].iter().map(|g| Gap {
            after: g.after.saturating_add_signed(shift),
            ..g.clone()
        }));
        let mut summary = Summary {
            intervals: Intervals::default(),
            gaps,
            span: timeline
                .first()
                .zip(timeline.last())
                .map(|(a, b)| (a.at, b.at)),
            marks: self.marks.clone(),
            unknowns: self.unknowns.clone(),
            sorted: true,
            bounds: self.bounds,
            strip: RefCell::default(),
        };
        for at in times {
            summary.refill(timeline, *at);
        }
        summary.intervals = Intervals::from_marks(&summary.marks, doc.meta.started, doc.meta.ended);
        Next::Patched(summary)
    }

    /// Re-derives the marks and unknowns at the instant `at` from the
    /// events of `timeline` (in time order) at that instant.
    fn refill(&mut self, timeline: &[Box<Event>], at: Timestamp) {
        let events = &timeline
            [timeline.partition_point(|e| e.at < at)..timeline.partition_point(|e| e.at <= at)];
        let lo = self.marks.partition_point(|(t, _)| *t < at);
        let hi = self.marks.partition_point(|(t, _)| *t <= at);
        self.marks.splice(
            lo..hi,
            events
                .iter()
                .flat_map(|e| e.marks.iter().map(move |m| (e.at, *m))),
        );
        let lo = self.unknowns.partition_point(|t| *t < at);
        let hi = self.unknowns.partition_point(|t| *t <= at);
        self.unknowns
            .splice(lo..hi, events.iter().filter(|e| e.gap).map(|e| e.at));
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

/// What one edit did to a summary.
enum Next {
    /// Nothing it derives from changed.
    Same,
    /// The summary after the edit.
    Patched(Summary),
    /// It must be derived again.
    Unknown,
}

/// What happened to the one event at an index.
#[derive(Clone, Copy)]
enum Change {
    Inserted,
    Removed,
    Replaced,
}

/// The same instant written the same way (equality of times ignores the
/// offset, which the intervals and the overview show).
fn identical(a: Timestamp, b: Timestamp) -> bool {
    a == b && a.offset() == b.offset()
}

fn same_time(a: Option<Timestamp>, b: Option<Timestamp>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => identical(a, b),
        (a, b) => a.is_none() && b.is_none(),
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

    /// Follows `edit`, just applied to `doc` as `revision`: the summary of
    /// the revision before is kept or patched when it can be, so the next
    /// [`SummaryCache::get`] does not walk the timeline again.
    pub fn follow(&self, doc: &Postmortem, edit: &Edit, revision: u64) {
        let mut slot = self.slot.borrow_mut();
        let Some((rev, _, summary)) = slot.take() else {
            return;
        };
        if rev.checked_add(1) != Some(revision) {
            return;
        }
        let next = match summary.after(doc, edit) {
            Next::Same => summary,
            Next::Patched(patched) => Rc::new(patched),
            Next::Unknown => return,
        };
        *slot = Some((revision, doc.timeline.len(), next));
    }
}

#[cfg(test)]
mod tests;
