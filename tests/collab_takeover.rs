//! Taking a session over when its owner dies. A scripted owner (raw
//! protocol lines on the real socket) sends its last edit to one
//! participant only and dies; the other, first in line, takes over. The
//! edit that only one of them had is not lost: both end with it, and the
//! new owner's save writes it.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use debrief::collab::PROTOCOL;
use debrief::collab::net::socket_path;
use debrief::model::edit::{DocField, Edit};
use debrief::store::lock::{LockOwner, lock_path};
use debrief::tui::app::App;
use debrief::tui::collab::Role;
use debrief::tui::update;

fn document(dir: &Path) -> PathBuf {
    let path = dir.join("incident.toml");
    let example =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/db-connection-pool.toml");
    std::fs::copy(&example, &path).expect("copy");
    path
}

fn open(dir: &Path, path: &Path) -> App {
    debrief::tui::terminal::prepare(&debrief::tui::Options {
        path: Some(path.to_path_buf()),
        config: Some(dir.join("no-config.toml")),
        ..Default::default()
    })
    .expect("opens")
}

/// One line of the protocol, written as JSON by hand (the scripted owner
/// does not use the editor's types).
fn send(stream: &mut UnixStream, value: serde_json::Value) {
    let mut line = serde_json::to_vec(&value).expect("json");
    line.push(b'\n');
    stream.write_all(&line).expect("write");
}

fn applied(seq: u64, edit: &Edit) -> serde_json::Value {
    serde_json::json!({
        "type": "applied",
        "seq": seq,
        "author": 0,
        "edit": edit,
        "id": {"origin": 99, "n": seq},
    })
}

/// Ticks `app` until `done` holds (15 s at most).
fn tick_until(app: &mut App, mut done: impl FnMut(&App) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(15);
    while !done(app) {
        assert!(
            Instant::now() < deadline,
            "never happened: owner {}, {:?}, summary {:?}",
            owns(app),
            app.message,
            app.doc.summary
        );
        update::tick(app, false);
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn owns(app: &App) -> bool {
    app.collab.as_ref().is_some_and(|c| c.is_owner())
}

#[test]
fn an_edit_only_one_participant_received_survives_the_owners_death() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = document(dir.path());
    let original = debrief::store::load(&path).expect("loads").doc;
    let text = std::fs::read_to_string(&path).expect("read");

    // The owner: a lock naming a live process, a socket answering joins.
    let mut holder = std::process::Command::new("sleep")
        .arg("60")
        .spawn()
        .expect("sleep");
    let mut lock = LockOwner::current();
    lock.pid = holder.id();
    std::fs::write(
        lock_path(&path),
        serde_json::to_string(&lock).expect("json"),
    )
    .expect("lock");
    let listener = UnixListener::bind(socket_path(&path)).expect("bind");
    let owner = std::thread::spawn(move || {
        let mut streams = Vec::new();
        for you in 1..=2u32 {
            let (mut stream, _) = listener.accept().expect("accept");
            let mut hello = String::new();
            BufReader::new(stream.try_clone().expect("clone"))
                .read_line(&mut hello)
                .expect("hello");
            send(
                &mut stream,
                serde_json::json!({
                    "type": "welcome",
                    "protocol": PROTOCOL,
                    "you": you,
                    "seq": 0,
                    "document": text,
                    "epoch": 99,
                    "peers": [
                        {"who": 0, "user": "olive", "owner": true},
                        {"who": 1, "user": "alice", "owner": false},
                        {"who": 2, "user": "bob", "owner": false},
                    ],
                }),
            );
            streams.push(stream);
        }
        streams
    });
    // The first participant lives on its own thread (an editor is not
    // `Send`), as joining a new owner waits for its welcome.
    let (joined, has_joined) = std::sync::mpsc::channel();
    let (theirs, other_doc) = std::sync::mpsc::channel::<debrief::model::Postmortem>();
    let first = std::thread::spawn({
        let (dir, path) = (dir.path().to_path_buf(), path.clone());
        move || {
            let mut first = open(&dir, &path);
            assert!(!owns(&first) && first.collab.is_some(), "joined");
            joined.send(()).expect("main");
            // The first in line takes over, with the edit it never got.
            tick_until(&mut first, |a| {
                owns(a) && a.doc.summary == "only the second saw this"
            });
            let other = other_doc.recv().expect("main");
            tick_until(&mut first, |a| a.doc == other);
            common::press(&mut first, "<c-s>");
            first.session.close();
            first.doc
        }
    });
    has_joined.recv().expect("the first joins");
    let mut second = open(dir.path(), &path);
    let mut streams = owner.join().expect("owner");

    // Edit 1 reaches both; edit 2 only the second: then the owner dies.
    let title = Edit::SetText {
        field: DocField::Title,
        before: original.meta.title.clone(),
        after: "retitled by the owner".into(),
    };
    let summary = Edit::SetText {
        field: DocField::Summary,
        before: original.summary.clone(),
        after: "only the second saw this".into(),
    };
    send(&mut streams[0], applied(1, &title));
    send(&mut streams[1], applied(1, &title));
    send(&mut streams[1], applied(2, &summary));
    tick_until(&mut second, |b| b.doc.summary == "only the second saw this");
    holder.kill().expect("kill");
    holder.wait().expect("reap");
    drop(streams);

    // The second finds the lock taken and joins the first, which then
    // has the edit only the second had.
    tick_until(&mut second, |b| {
        b.collab.as_ref().is_some_and(|c| {
            // A participant of the new owner (the dead one was "olive").
            matches!(c.role, Role::Participant { .. })
                && c.people.iter().any(|p| p.owner && p.user != "olive")
        }) && b.doc.summary == "only the second saw this"
            && b.doc.meta.title == "retitled by the owner"
    });
    theirs.send(second.doc.clone()).expect("first");
    let first = first.join().expect("the first takes over");
    assert_eq!(first, second.doc);

    // The new owner saved it.
    let saved = debrief::store::load(&path).expect("loads").doc;
    assert_eq!(saved.summary, "only the second saw this");
    assert_eq!(saved.meta.title, "retitled by the owner");
    second.session.close();
}
