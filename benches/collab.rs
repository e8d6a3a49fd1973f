//! A live session at size: 10 participants typing at once on a
//! 10,000-event document. One round is what the owner does for ten
//! concurrent text edits (order each against the document, apply it) and
//! what one participant with an edit of its own still pending does when
//! the ten arrive (take its edit back, apply each, put it on top again).
//! The session's share of key-to-screen latency; the target for the whole
//! is under 20 ms (issue 15), the draw being measured in `benches/keys.rs`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use debrief::collab::{Hub, Replica};
use debrief::model::Postmortem;
use debrief::model::edit::{Edit, Item, List, item_at};
use debrief::sample::{SampleSpec, generate};

const PARTICIPANTS: usize = 10;

/// Participant `who` retypes the text of event `index`.
fn retype(doc: &Postmortem, index: usize, who: usize) -> Edit {
    let before = item_at(doc, List::Timeline, index).expect("event");
    let Item::Event(mut event) = before.clone() else {
        unreachable!()
    };
    event
        .text
        .push_str(&format!(" (noted by participant {who})"));
    Edit::Replace {
        index,
        before,
        after: Item::Event(event),
    }
}

fn round(c: &mut Criterion) {
    let doc = generate(&SampleSpec::with_events(10_000));
    let n = doc.timeline.len();
    let edits: Vec<Edit> = (0..PARTICIPANTS)
        .map(|who| retype(&doc, (who * 997) % n, who + 1))
        .collect();
    let own = retype(&doc, n / 2, 99);
    c.bench_function("collab: 10 concurrent edits, 10,000 events", |b| {
        b.iter_batched(
            || (doc.clone(), doc.clone()),
            |(mut owner, mut copy)| {
                let mut hub = Hub::new(0);
                let mut replica = Replica::new(99, 0);
                own.apply(&mut copy).expect("own edit");
                replica.proposed(own.clone());
                for (who, edit) in edits.iter().enumerate() {
                    let ordered = hub
                        .order(&mut owner, who as u32 + 1, 0, edit)
                        .expect("orders");
                    ordered.edit.apply(&mut owner).expect("applies");
                    let seq = hub.confirm(who as u32 + 1, &ordered.edit, &ordered.renamed);
                    let id = debrief::collab::EditId { origin: 1, n: seq };
                    replica
                        .applied(&mut copy, seq, id, &ordered.edit, &[])
                        .expect("replica applies");
                }
                black_box((owner.timeline.len(), copy.timeline.len()))
            },
            criterion::BatchSize::LargeInput,
        )
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = round
}
criterion_main!(benches);
