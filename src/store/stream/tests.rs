use std::path::Path;

use super::*;
use crate::model::{Mark, Provenance};
use crate::sample::{SampleSpec, generate};

/// The streamed text of `doc`, checked against its length.
fn streamed(doc: &Postmortem) -> String {
    let mut out = Vec::new();
    let len = write_toml(doc, &mut out).expect("write");
    assert_eq!(
        len,
        out.len() as u64,
        "the length returned is the length written"
    );
    String::from_utf8(out).expect("utf-8")
}

fn whole_text(doc: &Postmortem) -> String {
    crate::store::to_toml(doc).expect("toml")
}

/// `doc` with its timeline cycled to `events` events (fresh ids), so a
/// small document takes the block-by-block path.
fn lengthened(doc: &Postmortem, events: usize) -> Postmortem {
    let mut long = doc.clone();
    let own = doc.timeline.clone();
    long.timeline = (0..events)
        .map(|n| {
            let mut event = own[n % own.len()].clone();
            event.id = format!("{}-{n}", event.id);
            event
        })
        .collect();
    long
}

#[test]
fn every_example_document_is_written_as_the_whole_text() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples");
    let (mut read, mut seen) = (0, 0);
    for entry in std::fs::read_dir(&dir).expect("examples") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let doc = crate::store::load(&path).expect("load").doc;
        read += 1;
        assert_eq!(streamed(&doc), whole_text(&doc), "{}", path.display());
        if doc.timeline.is_empty() {
            continue;
        }
        for events in [RUN + 1, 3 * RUN + 7] {
            let long = lengthened(&doc, events);
            assert_eq!(
                streamed(&long),
                whole_text(&long),
                "{} at {events} events",
                path.display()
            );
        }
        seen += 1;
    }
    assert!(read >= 3 && seen >= 2, "the examples were read");
}

#[test]
fn a_generated_document_is_written_as_the_whole_text() {
    for events in [RUN - 1, RUN, RUN + 1, 2 * RUN, 2_000] {
        let doc = generate(&SampleSpec::with_events(events));
        assert_eq!(doc.timeline.len(), events);
        assert_eq!(streamed(&doc), whole_text(&doc), "{events} events");
    }
}

#[test]
fn events_in_every_shape_are_written_as_the_whole_text() {
    let mut doc = generate(&SampleSpec::with_events(3 * RUN));
    let header = "\n[[timeline]]\nid = \"X\"\n";
    for (n, event) in doc.timeline.iter_mut().enumerate() {
        match n % 5 {
            // A sub-table after the event's own fields.
            0 => {
                event.provenance = Some(Box::new(Provenance {
                    kind: "log".into(),
                    file: format!("app-{n}.log"),
                    raw: format!("2026-02-05 line {n} \"quoted\"\n{header}"),
                    hash: format!("h{n}"),
                }))
            }
            // Text that looks like a block, in a multi-line string.
            1 => event.text = format!("line one\n{header}text = \"x\"\n'''\"\"\"\n"),
            2 => {
                event.marks = vec![Mark::Detected];
                event.ignore = vec!["blame".into()];
                event.gap = true;
                event.private = true;
            }
            3 => event.text = String::new(),
            _ => event.text = "tab\tand control \u{1} and ünïcode".into(),
        }
    }
    // The last event's block is followed by the rest of the document.
    assert!(!doc.factors.is_empty() && !doc.actions.is_empty());
    assert_eq!(streamed(&doc), whole_text(&doc));
}

#[test]
fn the_sentinel_block_in_the_text_itself_falls_back_to_the_whole_text() {
    let mut doc = generate(&SampleSpec::with_events(2 * RUN));
    let block = format!("\n{}", run(&[Box::new(sentinel())]).expect("run"));
    doc.summary = format!("before{block}after");
    let text = whole_text(&doc);
    assert!(
        text.contains(&block),
        "the summary holds the block as it is"
    );
    assert_eq!(streamed(&doc), text);
    // Even where it is the only text around the timeline: a title.
    doc.summary = String::new();
    doc.meta.title = block.clone();
    assert_eq!(streamed(&doc), whole_text(&doc));
}

#[test]
fn a_failing_destination_is_an_error() {
    struct Full(usize);
    impl Write for Full {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.0 < buf.len() {
                return Err(io::Error::new(io::ErrorKind::StorageFull, "disk full"));
            }
            self.0 -= buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }
    let doc = generate(&SampleSpec::with_events(4 * RUN));
    let room = whole_text(&doc).len() / 2;
    match write_toml(&doc, &mut Full(room)) {
        Err(Failure::Io(err)) => assert_eq!(err.kind(), io::ErrorKind::StorageFull),
        other => panic!("expected the disk's error, got {other:?}"),
    }
}
