use proptest::prelude::*;
use serde::{Deserialize, Serialize};

use super::*;

#[derive(Serialize, Deserialize)]
struct Part {
    timeline: Vec<Event>,
}

/// What `toml` reads from the block, if anything.
fn by_toml(block: &str) -> Option<Event> {
    toml::from_str::<Part>(block)
        .ok()
        .and_then(|p| p.timeline.into_iter().next())
}

/// The fast read either declines or agrees with `toml`.
fn agrees(block: &str) -> Option<Event> {
    let fast = event(block);
    if let Some(fast) = &fast {
        assert_eq!(Some(fast), by_toml(block).as_ref(), "block:\n{block}");
    }
    fast
}

fn block_of(event: &Event) -> String {
    toml::to_string(&Part {
        timeline: vec![event.clone()],
    })
    .expect("serialize")
}

const PLAIN: &str = "[[timeline]]\nid = \"T1\"\nat = 2026-02-05T09:00:40Z\ntext = \"Pods restarted\"\nsource = \"Grafana\"\nactor = \"On-call engineer\"\n";

#[test]
fn the_shape_debrief_writes_is_read_as_toml_reads_it() {
    let read = agrees(PLAIN).expect("plain block read");
    assert_eq!(read.id, "T1");
    assert_eq!(read.text, "Pods restarted");
    assert_eq!(read.actor, "On-call engineer");
    let full = "[[timeline]]\r\nid = \"T9\"\r\nat = 2026-02-05T09:00:40.250+02:30\r\ntext = 'lit \"q\"'\r\n\r\nactor_kind = \"system\"\r\nmarks = [\"detected\", \"impact-start\",]\r\ngap = true\r\nprivate = false\r\nignore = [ ]\r\n\r\n";
    let read = agrees(full).expect("full block read");
    assert_eq!(read.marks, vec![Mark::Detected, Mark::ImpactStart]);
    assert_eq!(read.actor_kind, ActorKind::System);
    assert!(read.gap);
    assert_eq!(read.text, "lit \"q\"");
    let escaped = "[[timeline]]\nid = \"T2\"\nat = 2026-02-05T09:00:40-05:00\ntext = \"tab\\there \\\"q\\\" \\\\ \\u00e9 \\U0001F600 \\n\\r\\b\\f\"\n";
    assert_eq!(
        agrees(escaped).expect("escapes read").text,
        "tab\there \"q\" \\ é 😀 \n\r\u{8}\u{c}"
    );
}

#[test]
fn anything_else_is_left_to_toml() {
    let cases = [
        // A comment, a literal or multi-line string, a quoted or dotted key.
        PLAIN.replace("text = \"Pods restarted\"", "text = \"Pods\" # note"),
        PLAIN.replace("\"Pods restarted\"", "\"\"\"Pods\nrestarted\"\"\""),
        PLAIN.replace("\"Pods restarted\"", "'''Pods'''"),
        PLAIN.replace("text =", "\"text\" ="),
        PLAIN.replace("source =", "source.x ="),
        // A duplicate, unknown or missing key.
        format!("{PLAIN}text = \"again\"\n"),
        format!("{PLAIN}colour = \"red\"\n"),
        PLAIN.replace("at = 2026-02-05T09:00:40Z\n", ""),
        // A sub-table, escapes outside TOML 1.0, control characters.
        format!("{PLAIN}[timeline.provenance]\nkind = \"log\"\nhash = \"h\"\n"),
        PLAIN.replace("Pods restarted", "esc \\e"),
        PLAIN.replace("Pods restarted", "hex \\x41"),
        PLAIN.replace("Pods restarted", "bell \u{7}"),
        PLAIN.replace("Pods restarted", "surrogate \\uD800"),
        // Date-times in other forms, a timestamp as a string.
        PLAIN.replace("2026-02-05T09:00:40Z", "2026-02-05 09:00:40Z"),
        PLAIN.replace("2026-02-05T09:00:40Z", "2026-02-05t09:00:40z"),
        PLAIN.replace("2026-02-05T09:00:40Z", "2026-02-05T09:00Z"),
        PLAIN.replace("2026-02-05T09:00:40Z", "2026-02-05T09:00:40"),
        PLAIN.replace("2026-02-05T09:00:40Z", "\"2026-02-05T09:00:40Z\""),
        // Wrong types, an unknown mark, a multi-line array.
        PLAIN.replace("\"T1\"", "1"),
        format!("{PLAIN}gap = \"yes\"\n"),
        format!("{PLAIN}marks = [\"sideways\"]\n"),
        format!("{PLAIN}marks = [\n\"detected\"\n]\n"),
    ];
    for case in &cases {
        assert_eq!(event(case), None, "read instead of declined:\n{case}");
    }
}

#[test]
fn broken_blocks_are_declined_like_toml_declines_them() {
    for case in [
        PLAIN.replace("\"Pods restarted\"", "\"Pods restarted"),
        PLAIN.replace("\"Pods restarted\"", "\"Pods\" restarted"),
        PLAIN.replace("2026-02-05T09:00:40Z", "2026-02-30T09:00:40Z"),
        PLAIN.replace("2026-02-05T09:00:40Z", "2026-02-05T24:00:40Z"),
        PLAIN.replace("2026-02-05T09:00:40Z", "2026-02-05T09:00:40+24:00"),
        PLAIN.replace("id = \"T1\"", "id = \"T1\", \"T2\""),
        format!("{PLAIN}marks = [\"detected\" \"resolved\"]\n"),
        format!("{PLAIN}gap = True\n"),
    ] {
        assert_eq!(event(&case), None, "read instead of declined:\n{case}");
        assert_eq!(by_toml(&case), None, "toml read it:\n{case}");
    }
}

fn any_event() -> impl Strategy<Value = Event> {
    let text = prop_oneof![
        "[a-zA-Z0-9 ,.;:%-]{0,60}",
        any::<String>(),
        "[\"'\\\\\t\n\r\u{7f}\u{80}é😀a]{0,12}",
    ];
    let mark = proptest::sample::select(Mark::ALL.to_vec());
    (
        ("[A-Z][0-9]{1,6}", text.clone(), text.clone(), text),
        (
            0i64..4_000_000_000,
            0u32..1_000_000_000,
            -50_000i32..50_000,
            prop_oneof![Just(0u32), Just(1), Just(2)],
        ),
        (
            proptest::collection::vec(mark, 0..4),
            any::<bool>(),
            any::<bool>(),
            proptest::collection::vec("[a-z-]{1,12}", 0..3),
        ),
    )
        .prop_map(
            |(
                (id, text, source, actor),
                (secs, nanos, offset, kind),
                (marks, gap, private, ignore),
            )| {
                let zone = FixedOffset::east_opt(offset / 60 * 60).expect("offset");
                let nanos = if kind == 2 {
                    nanos / 1_000_000 * 1_000_000
                } else {
                    nanos * kind
                };
                Event {
                    id,
                    at: zone.timestamp_opt(secs, nanos).single().expect("time"),
                    text,
                    source,
                    actor,
                    actor_kind: [ActorKind::Unknown, ActorKind::Person, ActorKind::System]
                        [kind as usize],
                    marks,
                    gap,
                    private,
                    ignore,
                    provenance: None,
                }
            },
        )
}

proptest! {
    /// Whatever is written reads back the same through the fast path, which
    /// declines only what it does not read; plain text is always read.
    #[test]
    fn written_events_read_back_the_same(event in any_event()) {
        let block = block_of(&event);
        let read = agrees(&block);
        if let Some(read) = &read {
            prop_assert_eq!(read, &event);
        }
        let plain = |s: &str| s.chars().all(|c| c.is_ascii_alphanumeric() || " ,.;:%-".contains(c));
        if plain(&event.text) && plain(&event.source) && plain(&event.actor) {
            prop_assert!(read.is_some(), "declined:\n{}", block);
        }
    }

    /// Any small change to a block is read as `toml` reads it, or declined.
    #[test]
    fn changed_blocks_never_read_differently(
        event in any_event(),
        at in any::<usize>(),
        insert in prop_oneof![
            Just("\""), Just("'"), Just("\\"), Just("\n"), Just("="), Just(" "),
            Just("#"), Just(","), Just("["), Just("]"), Just("\\u"), Just("Z"), Just("+"),
        ],
        remove in any::<bool>(),
    ) {
        let mut block = block_of(&event);
        let mut at = at % (block.len() + 1);
        while !block.is_char_boundary(at) {
            at -= 1;
        }
        if remove && at < block.len() {
            block.remove(at);
        } else {
            block.insert_str(at, insert);
        }
        agrees(&block);
    }
}
