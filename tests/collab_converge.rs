//! Convergence of a live session: N simulated participants edit one
//! document at random while the messages between them and the owner are
//! delivered in random order (each connection keeps its own order, as a
//! socket does). Once everything is delivered every copy equals the
//! owner's document, which equals a replay of the owner's journal.

use std::collections::VecDeque;

use debrief::collab::{EditId, Hub, Message, Replica, Who};
use debrief::model::edit::{DocField, Edit, Item, List, item_at};
use debrief::model::{Event, IdKind, Kind, Postmortem};
use debrief::store::journal::{Journal, read_journal};
use proptest::prelude::*;

fn start() -> Postmortem {
    let mut doc = Postmortem::new(Kind::Incident, "outage");
    for n in 1..=4 {
        let at =
            chrono::DateTime::parse_from_rfc3339(&format!("2026-02-05T14:0{n}:00Z")).expect("time");
        doc.timeline.push(Box::new(Event::new(
            format!("T{n}"),
            at,
            format!("event {n}"),
        )));
    }
    doc
}

/// A random edit of `doc`, made as the editor makes them (moves written
/// as removal and insertion by `portable`).
fn random_edit(doc: &mut Postmortem, who: Who, r: u32) -> Option<Edit> {
    let n = doc.timeline.len();
    let pick = (r as usize / 7) % n.max(1);
    let edit = match r % 6 {
        0 => {
            let field = if r % 4 < 2 {
                DocField::Title
            } else {
                DocField::Summary
            };
            Edit::SetText {
                field,
                before: field.get(doc),
                after: format!("{:?} by {who} #{r}", field),
            }
        }
        1 | 2 if n > 0 => {
            let before = item_at(doc, List::Timeline, pick)?;
            let Item::Event(mut event) = before.clone() else {
                return None;
            };
            if r.is_multiple_of(2) {
                event.text = format!("text by {who} #{r}");
            } else {
                event.actor = format!("actor {who}");
            }
            Edit::Replace {
                index: pick,
                before,
                after: Item::Event(event),
            }
        }
        3 => {
            let at = chrono::DateTime::parse_from_rfc3339("2026-02-05T15:00:00Z").expect("time");
            let id = doc.next_id(IdKind::Event);
            Edit::Insert {
                index: pick.min(n),
                item: Item::Event(Event::new(id, at, format!("added by {who}"))),
            }
        }
        4 if n > 1 => Edit::Remove {
            index: pick,
            item: item_at(doc, List::Timeline, pick)?,
        },
        5 if n > 1 => Edit::Move {
            list: List::Timeline,
            from: pick,
            to: (pick + 1) % n,
        },
        _ => return None,
    };
    Some(debrief::collab::rebase::portable(doc, &edit))
}

struct Sim {
    owner_doc: Postmortem,
    hub: Hub,
    journal: Journal,
    docs: Vec<Postmortem>,
    replicas: Vec<Replica>,
    up: Vec<VecDeque<(u64, Edit, EditId)>>,
    down: Vec<VecDeque<Message>>,
}

impl Sim {
    fn broadcast(&mut self, message: Message) {
        for queue in &mut self.down {
            queue.push_back(message.clone());
        }
    }

    /// The owner orders one proposal of participant `i`.
    fn owner_receives(&mut self, i: usize) {
        let Some((base, edit, id)) = self.up[i].pop_front() else {
            return;
        };
        let who = self.replicas[i].me;
        let ordered = self.hub.order(&mut self.owner_doc, who, base, &edit);
        match ordered {
            Ok(o) if o.edit.apply(&mut self.owner_doc).is_ok() => {
                let seq = self.hub.confirm(who, &o.edit, &o.renamed);
                self.journal.append(&o.edit).expect("journal");
                self.broadcast(Message::Applied {
                    seq,
                    author: who,
                    edit: o.edit,
                    renamed: o.renamed,
                    id,
                });
            }
            Ok(_) | Err(_) => self.down[i].push_back(Message::Rejected {
                reason: "does not fit".into(),
            }),
        }
    }

    /// Participant `i` handles one message from the owner.
    fn participant_receives(&mut self, i: usize) {
        let Some(message) = self.down[i].pop_front() else {
            return;
        };
        let (replica, doc) = (&mut self.replicas[i], &mut self.docs[i]);
        match message {
            Message::Applied {
                seq,
                edit,
                renamed,
                id,
                ..
            } => replica
                .applied(doc, seq, id, &edit, &renamed)
                .expect("an ordered edit applies to a replica"),
            Message::Rejected { .. } => replica.rejected(doc).expect("rejection"),
            other => panic!("unexpected {other:?}"),
        }
    }

    fn participant_edits(&mut self, i: usize, r: u32) {
        let who = self.replicas[i].me;
        let Some(edit) = random_edit(&mut self.docs[i], who, r) else {
            return;
        };
        if edit.apply(&mut self.docs[i]).is_err() {
            return;
        }
        let (base, id) = self.replicas[i].proposed(edit.clone());
        self.up[i].push_back((base, edit, id));
    }

    fn owner_edits(&mut self, r: u32) {
        let Some(edit) = random_edit(&mut self.owner_doc, 0, r) else {
            return;
        };
        if edit.apply(&mut self.owner_doc).is_err() {
            return;
        }
        let id = self.hub.next_id();
        let seq = self.hub.confirm(0, &edit, &[]);
        self.journal.append(&edit).expect("journal");
        self.broadcast(Message::Applied {
            seq,
            author: 0,
            edit,
            renamed: Vec::new(),
            id,
        });
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn every_copy_converges_to_the_journal(
        n in 2usize..5,
        steps in proptest::collection::vec((0u8..4, 0usize..4, any::<u32>()), 1..160),
    ) {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("pm.toml");
        let doc = start();
        let base = debrief::store::to_toml(&doc).expect("toml");
        let mut sim = Sim {
            owner_doc: doc.clone(),
            hub: Hub::new(0),
            journal: Journal::start(&path, &base).expect("journal"),
            docs: vec![doc.clone(); n],
            replicas: (0..n).map(|i| Replica::new(i as Who + 1, 0)).collect(),
            up: vec![VecDeque::new(); n],
            down: vec![VecDeque::new(); n],
        };
        for (op, i, r) in steps {
            let i = i % n;
            match op {
                0 => sim.participant_edits(i, r),
                1 => sim.owner_receives(i),
                2 => sim.participant_receives(i),
                _ => sim.owner_edits(r),
            }
        }
        // Everything still on the way arrives.
        while sim.up.iter().any(|q| !q.is_empty()) || sim.down.iter().any(|q| !q.is_empty()) {
            for i in 0..n {
                sim.owner_receives(i);
                sim.participant_receives(i);
            }
        }
        for (i, doc) in sim.docs.iter().enumerate() {
            prop_assert_eq!(sim.replicas[i].pending(), 0);
            prop_assert_eq!(doc, &sim.owner_doc, "participant {} differs", i + 1);
        }
        let journal = read_journal::<Edit>(&path).expect("read").expect("journal");
        let mut replayed = debrief::store::parse(&journal.header.base, &path).expect("base");
        for edit in &journal.records {
            edit.apply(&mut replayed).expect("journal replays");
        }
        prop_assert_eq!(&replayed, &sim.owner_doc);
    }
}

/// Two participants change the same field at once: the later one wins,
/// the earlier author gets the edit that puts their text back.
#[test]
fn the_later_of_two_changes_of_one_field_wins_and_the_earlier_is_told() {
    let mut doc = start();
    let mut hub = Hub::new(0);
    let edit = |after: &str| Edit::SetText {
        field: DocField::Title,
        before: "outage".into(),
        after: after.into(),
    };
    let first = hub
        .order(&mut doc, 1, 0, &edit("from one"))
        .expect("orders");
    assert!(first.superseded.is_empty());
    first.edit.apply(&mut doc).expect("applies");
    hub.confirm(1, &first.edit, &[]);
    let second = hub
        .order(&mut doc, 2, 0, &edit("from two"))
        .expect("orders");
    second.edit.apply(&mut doc).expect("applies");
    hub.confirm(2, &second.edit, &[]);
    assert_eq!(doc.meta.title, "from two");
    let [(who, restore, field)] = second.superseded.as_slice() else {
        panic!("one author superseded: {:?}", second.superseded);
    };
    assert_eq!((*who, field.as_str()), (1, "Title"));
    restore.apply(&mut doc).expect("restore applies");
    assert_eq!(doc.meta.title, "from one");
    // Participant two saw one's title first: no conflict then.
    let third = hub.order(
        &mut doc,
        2,
        2,
        &Edit::SetText {
            field: DocField::Title,
            before: "from one".into(),
            after: "agreed".into(),
        },
    );
    assert!(third.expect("orders").superseded.is_empty());
}

/// An edit that changes an item and moves it (the field editor keeps the
/// timeline in time order) keeps its id at the owner: the move's
/// re-insertion is not someone else's item with the same id.
#[test]
fn an_item_changed_and_moved_in_one_edit_keeps_its_id() {
    let mut doc = start();
    let mut hub = Hub::new(0);
    let before = item_at(&doc, List::Timeline, 0).expect("T1");
    let Item::Event(mut event) = before.clone() else {
        unreachable!()
    };
    event.text = "later".into();
    let mut local = doc.clone();
    let edit = debrief::collab::rebase::portable(
        &mut local,
        &Edit::Batch(vec![
            Edit::Replace {
                index: 0,
                before,
                after: Item::Event(event),
            },
            Edit::Move {
                list: List::Timeline,
                from: 0,
                to: 2,
            },
        ]),
    );
    let o = hub.order(&mut doc, 1, 0, &edit).expect("orders");
    assert!(o.renamed.is_empty(), "{:?}", o.renamed);
    o.edit.apply(&mut doc).expect("applies");
    assert_eq!(doc.timeline[2].id, "T1");
    assert_eq!(doc.timeline[2].text, "later");
}

/// Two participants add an item with the same new id at once: the later
/// gets the next id, and its author's later edits of it follow.
#[test]
fn a_colliding_new_id_is_renamed_for_its_author() {
    let mut doc = start();
    let mut hub = Hub::new(0);
    let at = chrono::DateTime::parse_from_rfc3339("2026-02-05T15:00:00Z").expect("time");
    let add = |text: &str| Edit::Insert {
        index: 4,
        item: Item::Event(Event::new("T5", at, text)),
    };
    let first = hub.order(&mut doc, 1, 0, &add("one")).expect("orders");
    first.edit.apply(&mut doc).expect("applies");
    hub.confirm(1, &first.edit, &first.renamed);
    let second = hub.order(&mut doc, 2, 0, &add("two")).expect("orders");
    assert_eq!(second.renamed, vec![("T5".to_string(), "T6".to_string())]);
    second.edit.apply(&mut doc).expect("applies");
    hub.confirm(2, &second.edit, &second.renamed);
    // Participant two, not yet told, changes "its" T5.
    let mine = Item::Event(Event::new("T5", at, "two"));
    let mut changed = Event::new("T5", at, "two, edited");
    changed.actor = "me".into();
    let edit = Edit::Replace {
        index: 4,
        before: mine,
        after: Item::Event(changed),
    };
    let third = hub.order(&mut doc, 2, 1, &edit).expect("orders");
    third.edit.apply(&mut doc).expect("applies");
    let text = |id: &str| {
        doc.timeline
            .iter()
            .find(|e| e.id == id)
            .map(|e| e.text.clone())
    };
    assert_eq!(text("T5").as_deref(), Some("one"));
    assert_eq!(text("T6").as_deref(), Some("two, edited"));
}

/// Changes of different fields of one item both stay.
#[test]
fn changes_of_different_fields_of_one_item_merge() {
    let mut doc = start();
    let mut hub = Hub::new(0);
    let original = item_at(&doc, List::Timeline, 0).expect("T1");
    let change = |f: &dyn Fn(&mut Event)| {
        let Item::Event(mut e) = original.clone() else {
            unreachable!()
        };
        f(&mut e);
        Edit::Replace {
            index: 0,
            before: original.clone(),
            after: Item::Event(e),
        }
    };
    for (who, edit) in [
        (1, change(&|e| e.text = "new text".into())),
        (2, change(&|e| e.actor = "pager".into())),
    ] {
        let o = hub.order(&mut doc, who, 0, &edit).expect("orders");
        assert!(o.superseded.is_empty(), "{:?}", o.superseded);
        o.edit.apply(&mut doc).expect("applies");
        hub.confirm(who, &o.edit, &[]);
    }
    assert_eq!(doc.timeline[0].text, "new text");
    assert_eq!(doc.timeline[0].actor, "pager");
}

/// The owner dies after sending its last two edits to one participant
/// only; another takes over. The one that had them sends them on
/// rejoining, and the author of one of them, which never saw it
/// answered, sends it too: each is ordered once.
#[test]
fn after_a_takeover_every_edit_anyone_had_is_ordered_once() {
    let mut owner_doc = start();
    let mut hub = Hub::new(0);
    let mut replicas: Vec<Replica> = (1..=3)
        .map(|who| {
            let mut r = Replica::new(who, 0);
            r.epoch = hub.epoch();
            r
        })
        .collect();
    let mut docs = vec![start(); 3];
    // The third adds T5; the owner orders it, then retitles.
    let at = chrono::DateTime::parse_from_rfc3339("2026-02-05T15:00:00Z").expect("time");
    let add = Edit::Insert {
        index: 4,
        item: Item::Event(Event::new("T5", at, "added by three")),
    };
    add.apply(&mut docs[2]).expect("applies");
    let (base, add_id) = replicas[2].proposed(add.clone());
    let o = hub.order(&mut owner_doc, 3, base, &add).expect("orders");
    o.edit.apply(&mut owner_doc).expect("applies");
    let seq = hub.confirm(3, &o.edit, &o.renamed);
    let title = Edit::SetText {
        field: DocField::Title,
        before: "outage".into(),
        after: "retitled".into(),
    };
    title.apply(&mut owner_doc).expect("applies");
    let title_id = hub.next_id();
    hub.confirm(0, &title, &[]);
    // Only the second receives them; then the owner dies.
    replicas[1]
        .applied(&mut docs[1], seq, add_id, &o.edit, &o.renamed)
        .expect("applies");
    replicas[1]
        .applied(&mut docs[1], seq + 1, title_id, &title, &[])
        .expect("applies");

    // The first takes over; the second, then the third, rejoin.
    let mut new_hub = replicas[0].take_over();
    let mut doc = docs[0].clone();
    for i in [1, 2] {
        let Message::Resume {
            epoch,
            edits,
            pending,
        } = replicas[i].resume(new_hub.resumes())
        else {
            panic!("a resume");
        };
        for p in new_hub.missing(epoch, edits, pending) {
            let base = new_hub.seq();
            let o = new_hub.order(&mut doc, 10, base, &p.edit).expect("orders");
            o.edit.apply(&mut doc).expect("applies");
            new_hub.confirm(10, &o.edit, &o.renamed);
        }
    }
    assert_eq!(doc, owner_doc, "every edit once, none twice");
    assert_eq!(new_hub.seq(), 2);
}
