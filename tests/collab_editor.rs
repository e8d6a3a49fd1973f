//! The editor as a session's owner, driven without a terminal, with a
//! participant connected over the real socket: its edits go through the
//! editor's apply path, undo is your own and refuses when someone changed
//! the field since, and an overwritten change comes back with one undo.

mod common;

use std::time::{Duration, Instant};

use debrief::collab::net::{Client, Welcome};
use debrief::collab::{EditId, Message};
use debrief::model::edit::{DocField, Edit};
use debrief::tui::app::App;
use debrief::tui::update;

fn owner(dir: &std::path::Path) -> (App, std::path::PathBuf) {
    let path = dir.join("incident.toml");
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/examples/db-connection-pool.toml");
    std::fs::copy(&example, &path).expect("copy");
    let app = debrief::tui::terminal::prepare(&debrief::tui::Options {
        path: Some(path.clone()),
        config: Some(dir.join("no-config.toml")),
        ..Default::default()
    })
    .expect("opens");
    assert!(app.collab.as_ref().is_some_and(|c| c.is_owner()), "hosts");
    (app, path)
}

/// Ticks the owner until `done` holds (10 s at most).
fn tick_until(app: &mut App, mut done: impl FnMut(&App) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !done(app) {
        assert!(Instant::now() < deadline, "never happened");
        update::tick(app, false);
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn join(app: &mut App, path: &std::path::Path) -> (Client, Welcome) {
    let joining = std::thread::spawn({
        let path = path.to_path_buf();
        move || Client::join(&path, "bob")
    });
    tick_until(app, |_| joining.is_finished());
    joining.join().expect("thread").expect("joins")
}

fn message(app: &App) -> String {
    app.message
        .as_ref()
        .map(|(m, _)| m.clone())
        .unwrap_or_default()
}

#[test]
fn undo_is_yours_only_and_an_overwritten_change_comes_back_with_one_undo() {
    let dir = tempfile::tempdir().expect("tmp");
    let (mut app, path) = owner(dir.path());
    let (client, welcome) = join(&mut app, &path);
    assert_eq!(welcome.seq, 0);
    let title = app.doc.meta.title.clone();

    // The owner retitles (edit 1); bob, having seen it, retitles again.
    assert!(update::commit(
        &mut app,
        Edit::SetText {
            field: DocField::Title,
            before: title.clone(),
            after: "owner's title".into(),
        }
    ));
    client.send(Message::Propose {
        base: 1,
        edit: Edit::SetText {
            field: DocField::Title,
            before: "owner's title".into(),
            after: "bob's title".into(),
        },
        id: EditId { origin: 7, n: 1 },
    });
    tick_until(&mut app, |a| a.doc.meta.title == "bob's title");
    // Undo would take bob's title away: refused, saying why.
    common::press(&mut app, "u");
    assert_eq!(app.doc.meta.title, "bob's title");
    assert!(
        message(&app).contains("changed by someone else"),
        "{}",
        message(&app)
    );

    // The owner writes the summary (edit 3); bob, not having seen it,
    // writes it too: bob's is later and wins, the owner is told.
    let summary = app.doc.summary.clone();
    assert!(update::commit(
        &mut app,
        Edit::SetText {
            field: DocField::Summary,
            before: summary.clone(),
            after: "the owner's summary".into(),
        }
    ));
    client.send(Message::Propose {
        base: 2,
        edit: Edit::SetText {
            field: DocField::Summary,
            before: summary,
            after: "bob's summary".into(),
        },
        id: EditId { origin: 7, n: 2 },
    });
    tick_until(&mut app, |a| a.doc.summary == "bob's summary");
    assert!(message(&app).contains("after you"), "{}", message(&app));
    common::press(&mut app, "u");
    assert_eq!(app.doc.summary, "the owner's summary", "{}", message(&app));

    // Bob received every edit in order, his own included.
    let mut seen = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(5);
    while seen.len() < 5 && Instant::now() < deadline {
        if let Ok(Some(Message::Applied { seq, .. })) =
            client.inbox.recv_timeout(Duration::from_millis(100))
        {
            seen.push(seq);
        }
    }
    assert_eq!(seen, vec![1, 2, 3, 4, 5]);
    // Every one of them reached the owner's journal.
    let journal = debrief::store::journal::read_journal::<Edit>(&path)
        .expect("read")
        .expect("journal");
    assert_eq!(journal.records.len(), 5);
    app.session.close();
}

#[test]
fn a_participants_edit_is_unsaved_for_the_owner_until_saved() {
    let dir = tempfile::tempdir().expect("tmp");
    let (mut app, path) = owner(dir.path());
    let (client, _) = join(&mut app, &path);
    assert!(!app.modified());
    let title = app.doc.meta.title.clone();
    client.send(Message::Propose {
        base: 0,
        edit: Edit::SetText {
            field: DocField::Title,
            before: title,
            after: "bob's title".into(),
        },
        id: EditId { origin: 7, n: 1 },
    });
    tick_until(&mut app, |a| a.doc.meta.title == "bob's title");
    // The owner saves for everyone: the edit is not on disk yet, so the
    // header says modified and quitting asks first (a clean quit would
    // drop the journal that holds it).
    assert!(app.modified(), "another's edit is unsaved here too");
    common::press(&mut app, "q");
    assert!(!app.quit, "asks before quitting");
    assert!(app.popup.is_some());
    common::press(&mut app, "<esc>");
    common::press(&mut app, "<c-s>");
    assert!(!app.modified(), "{}", message(&app));
    let saved = std::fs::read_to_string(&path).expect("read");
    assert!(saved.contains("bob's title"));
}
