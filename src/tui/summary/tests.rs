//! Tests of the timeline summary and its patching.

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
        doc.timeline.push(Box::new(e));
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

/// Follows `edit` through the cache and checks the result against a
/// summary derived from scratch.
fn follow_and_compare(doc: &mut Postmortem, cache: &SummaryCache, rev: &mut u64, edit: Edit) {
    cache.get(doc, *rev);
    edit.apply(doc).expect("applies");
    *rev += 1;
    cache.follow(doc, &edit, *rev);
    let kept = cache.slot.borrow().is_some();
    assert_eq!(
        kept,
        doc.timeline.is_sorted_by_key(|e| e.at),
        "patched while in order: {edit:?}"
    );
    let got = cache.get(doc, *rev);
    assert_eq!(*got, Summary::of(doc), "after {edit:?}");
}

#[test]
fn edits_of_one_event_patch_the_summary_exactly() {
    let at = |m: i64| {
        parse_timestamp("2026-02-05T07:00:00Z").expect("ts") + chrono::Duration::minutes(m)
    };
    let mut doc = doc(&[]);
    // Minutes chosen for gaps (> 15) between some pairs, equal times,
    // marks and unknowns.
    let minutes = [0, 5, 30, 30, 31, 60, 61, 90, 90, 120, 121, 122, 200];
    for (i, m) in minutes.iter().enumerate() {
        let mut e = Event::new(format!("T{}", i + 1), at(*m), "e");
        if i % 3 == 0 {
            e.marks = vec![Mark::ALL[i % Mark::ALL.len()]];
        }
        e.gap = i % 5 == 4;
        doc.timeline.push(Box::new(e));
    }
    doc.meta.started = Some(at(-10));
    let cache = SummaryCache::default();
    let mut rev = 1;
    let n = minutes.len();
    // Remove every position in turn, and put the event back.
    for index in 0..n {
        let item = Item::Event((*doc.timeline[index]).clone());
        follow_and_compare(
            &mut doc,
            &cache,
            &mut rev,
            Edit::Remove {
                index,
                item: item.clone(),
            },
        );
        follow_and_compare(&mut doc, &cache, &mut rev, Edit::Insert { index, item });
    }
    // Insert new events at their places: marked, unknown, at a shared time.
    for (k, m) in [(0, -5), (3, 30), (6, 45), (13, 300), (9, 90)] {
        let mut e = Event::new(format!("N{k}"), at(m), "new");
        e.marks = vec![Mark::Detected, Mark::Resolved];
        e.gap = k % 2 == 0;
        let index = doc.timeline.partition_point(|x| x.at <= e.at);
        follow_and_compare(
            &mut doc,
            &cache,
            &mut rev,
            Edit::Insert {
                index,
                item: Item::Event(e),
            },
        );
    }
    // Replace: new marks, a new time still in order, a time out of order.
    for (index, shift, marks) in [
        (4, 0, vec![Mark::ImpactStart]),
        (7, 1, vec![]),
        (2, 500, vec![Mark::Mitigated]),
    ] {
        let before = (*doc.timeline[index]).clone();
        let mut after = before.clone();
        after.at = before.at + chrono::Duration::minutes(shift);
        after.marks = marks;
        follow_and_compare(
            &mut doc,
            &cache,
            &mut rev,
            Edit::Replace {
                index,
                before: Item::Event(before),
                after: Item::Event(after),
            },
        );
    }
    assert!(
        !doc.timeline.is_sorted_by_key(|e| e.at),
        "the last replace broke the order"
    );
    let item = Item::Event((*doc.timeline[0]).clone());
    follow_and_compare(&mut doc, &cache, &mut rev, Edit::Remove { index: 0, item });
}

#[test]
fn edits_elsewhere_keep_the_summary() {
    let mut doc = doc(&[("2026-02-05T07:00:00Z", &[Mark::Detected])]);
    let cache = SummaryCache::default();
    let a = cache.get(&doc, 1);
    let edit = Edit::SetText {
        field: crate::model::edit::DocField::Title,
        before: doc.meta.title.clone(),
        after: "New title".into(),
    };
    edit.apply(&mut doc).expect("applies");
    cache.follow(&doc, &edit, 2);
    assert!(
        Rc::ptr_eq(&a, &cache.get(&doc, 2)),
        "a title is not the timeline"
    );
    let started = Edit::SetText {
        field: crate::model::edit::DocField::Started,
        before: crate::model::edit::DocField::Started.get(&doc),
        after: "2026-02-05T06:00:00Z".into(),
    };
    started.apply(&mut doc).expect("applies");
    cache.follow(&doc, &started, 3);
    assert!(doc.meta.started.is_some());
    let b = cache.get(&doc, 3);
    assert!(!Rc::ptr_eq(&a, &b));
    assert_eq!(*b, Summary::of(&doc), "the start is where impact starts");
}

#[test]
fn a_delete_with_its_unlinks_is_patched_and_two_removals_are_derived() {
    let mut doc = doc(&[
        ("2026-02-05T07:00:00Z", &[Mark::Detected]),
        ("2026-02-05T07:05:00Z", &[]),
        ("2026-02-05T07:40:00Z", &[Mark::Mitigated]),
        ("2026-02-05T08:30:00Z", &[Mark::Resolved]),
    ]);
    let cache = SummaryCache::default();
    let mut rev = 1;
    // The shape of `d`: the other events' text loses the link, then the
    // event goes. Only the removal changes the summary.
    let unlink = |doc: &Postmortem, index: usize| {
        let before = (*doc.timeline[index]).clone();
        let mut after = before.clone();
        after.text.push_str(" (unlinked)");
        Edit::Replace {
            index,
            before: Item::Event(before),
            after: Item::Event(after),
        }
    };
    let delete = Edit::Batch(vec![
        unlink(&doc, 0),
        unlink(&doc, 3),
        Edit::Remove {
            index: 2,
            item: Item::Event((*doc.timeline[2]).clone()),
        },
    ]);
    follow_and_compare(&mut doc, &cache, &mut rev, delete.clone());
    let undo = delete.inverse();
    follow_and_compare(&mut doc, &cache, &mut rev, undo);
    // Two removals in one step: derived again, still right.
    let both = Edit::Batch(vec![
        Edit::Remove {
            index: 3,
            item: Item::Event((*doc.timeline[3]).clone()),
        },
        Edit::Remove {
            index: 1,
            item: Item::Event((*doc.timeline[1]).clone()),
        },
    ]);
    cache.get(&doc, rev);
    both.apply(&mut doc).expect("applies");
    rev += 1;
    cache.follow(&doc, &both, rev);
    assert!(cache.slot.borrow().is_none(), "derived again, not patched");
    assert_eq!(*cache.get(&doc, rev), Summary::of(&doc));
}
