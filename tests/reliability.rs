//! Nothing lost, end to end: the real binary in pseudo-terminals, killed
//! with SIGKILL, opened twice, and saving onto a folder that is gone or a
//! disk that is full.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::pty::{BIN, Term};
use debrief::store::{journal, load, lock};

fn example(dir: &Path) -> PathBuf {
    let path = dir.join("incident.toml");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/db-connection-pool.toml"),
        &path,
    )
    .expect("copy example");
    path
}

fn debrief(args: &[&str]) -> (bool, String) {
    let out = Command::new(BIN).args(args).output().expect("run debrief");
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

/// A series of completed edits: an event added, an owner changed, a factor
/// deleted, a second event added and undone, the deletion of an action
/// undone and redone. Returns what the document must look like.
fn edit_series(t: &mut Term, original: &debrief::model::Postmortem) -> Expected {
    t.wait_for("1 Timeline");
    t.send("a");
    t.send("Replica lag alert acknowledged\r");
    t.wait_for("modified");
    t.send("a");
    t.send("This event gets undone\r");
    t.send("u");
    t.wait_for("undone");
    t.send("4");
    t.wait_for("4 Actions");
    t.send("d");
    t.send("u");
    t.send("\x12"); // Ctrl-R: redo the deletion
    t.wait_for("redone");
    t.send("e\t\x15Database team\r");
    t.send("3");
    t.wait_for("3 Factors");
    t.send("d");
    t.send("1");
    t.wait_for("1 Timeline");
    Expected {
        events: original.timeline.len() + 1,
        factors: original.factors.len() - 1,
        actions: original.actions.len() - 1,
    }
}

struct Expected {
    events: usize,
    factors: usize,
    actions: usize,
}

fn assert_recovered(doc: &debrief::model::Postmortem, expected: &Expected) {
    assert!(
        doc.timeline
            .iter()
            .any(|e| e.text == "Replica lag alert acknowledged"),
        "added event recovered"
    );
    assert!(
        !doc.timeline
            .iter()
            .any(|e| e.text == "This event gets undone"),
        "undone event stays undone"
    );
    assert!(
        doc.actions.iter().any(|a| a.owner == "Database team"),
        "owner edit recovered"
    );
    assert_eq!(doc.timeline.len(), expected.events);
    assert_eq!(doc.factors.len(), expected.factors, "factor deletion");
    assert_eq!(
        doc.actions.len(),
        expected.actions,
        "redone action deletion"
    );
}

#[test]
fn sigkill_after_edits_then_recover_apply_restores_every_completed_edit() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = example(dir.path());
    let original = load(&path).expect("load").doc;
    let before = std::fs::read_to_string(&path).expect("read");
    let mut t = Term::open(dir.path(), &path);
    let expected = edit_series(&mut t, &original);
    // Start typing into a field without finishing it: not a completed edit.
    t.send("e");
    t.send("half-typed");
    t.kill9();

    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        before,
        "the file itself was never saved"
    );
    assert!(journal::journal_path(&path).exists(), "journal left behind");

    let (ok, shown) = debrief(&["recover", path.to_str().expect("path"), "--show"]);
    assert!(ok, "{shown}");
    // The factor's deletion also unlinks it from actions, so the number of
    // changed items depends on the example; added and removed do not.
    assert!(shown.contains("1 added, "), "{shown}");
    assert!(shown.contains(" changed, 2 removed"), "{shown}");
    assert!(shown.contains("edits)"), "{shown}");

    let (ok, applied) = debrief(&["recover", path.to_str().expect("path"), "--apply"]);
    assert!(ok, "{applied}");
    assert!(applied.contains("recovered into"), "{applied}");
    let recovered = load(&path).expect("recovered file loads").doc;
    assert_recovered(&recovered, &expected);
    assert!(
        !recovered
            .timeline
            .iter()
            .any(|e| e.text.contains("half-typed"))
    );
    assert!(!journal::journal_path(&path).exists(), "--apply removes it");
}

#[test]
fn reopening_after_sigkill_offers_recovery_and_clears_the_stale_lock() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = example(dir.path());
    let original = load(&path).expect("load").doc;
    let mut t = Term::open(dir.path(), &path);
    let expected = edit_series(&mut t, &original);
    t.kill9();
    assert!(lock::lock_path(&path).exists(), "SIGKILL leaves the lock");

    let mut t = Term::open(dir.path(), &path);
    t.wait_for("Recover unsaved edits?");
    t.wait_for("1 added, ");
    t.wait_for("stale lock"); // the notice in the status bar
    t.send("r");
    t.wait_for("recovered");
    // Edits keep being journaled on top of the recovered ones.
    t.send("4");
    t.send("e\t\x15Platform team\r");
    t.send("\x13");
    t.wait_for("saved");
    assert!(
        !journal::journal_path(&path).exists() || load(&path).is_ok(),
        "journal restarted on save"
    );
    t.send("q");
    assert!(t.wait_exit().success());
    let saved = load(&path).expect("saved").doc;
    assert_eq!(saved.timeline.len(), expected.events);
    assert_eq!(saved.factors.len(), expected.factors);
    assert!(saved.actions.iter().any(|a| a.owner == "Platform team"));
    assert!(
        !journal::journal_path(&path).exists(),
        "clean quit removes it"
    );
    assert!(!lock::lock_path(&path).exists(), "quit releases the lock");
}

#[test]
fn a_second_debrief_opens_read_only_and_can_take_over() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = example(dir.path());
    let mut first = Term::open(dir.path(), &path);
    first.wait_for("1 Timeline");
    first.send("a");
    first.send("Edited by the first session\r");
    first.wait_for("modified");
    // The first editor offers no live session to join (an older debrief,
    // or a folder without room for its socket): the old choices stand.
    std::fs::remove_file(debrief::collab::net::socket_path(&path)).expect("socket");

    let mut second = Term::open(dir.path(), &path);
    second.wait_for("open in another debrief");
    second.wait_for(&format!("(pid {})", first.pid())); // who holds it
    second.send("r");
    second.wait_for("READ-ONLY");
    second.send("d");
    second.wait_for("read-only: another debrief");
    second.send("\x13");
    second.wait_for("read-only: another debrief");
    second.send(":q\r");
    assert!(second.wait_exit().success());
    assert_eq!(
        lock::holder(&path).map(|o| o.pid),
        Some(first.pid()),
        "the read-only session leaves the lock alone"
    );

    // A third session takes over: it is offered the first one's unsaved
    // edits, and the first one turns read-only.
    let mut third = Term::open(dir.path(), &path);
    third.wait_for("open in another debrief");
    third.send("t");
    third.wait_for("Recover unsaved edits?");
    third.send("r");
    third.wait_for("recovered");
    third.send("\x13");
    third.wait_for("saved");
    assert_eq!(lock::holder(&path).map(|o| o.pid), Some(third.pid()));
    first.wait_for("took this file over");
    first.wait_for("READ-ONLY");
    first.send("d");
    first.wait_for("read-only");
    third.send("q");
    assert!(third.wait_exit().success());
    first.send(":q!\r");
    assert!(first.wait_exit().success());
    let saved = load(&path).expect("saved").doc;
    assert!(
        saved
            .timeline
            .iter()
            .any(|e| e.text == "Edited by the first session")
    );
    assert!(!lock::lock_path(&path).exists());
}

#[test]
fn a_save_into_a_vanished_folder_keeps_the_old_file_and_the_journal() {
    let root = tempfile::tempdir().expect("tmp");
    let dir = root.path().join("incidents");
    std::fs::create_dir(&dir).expect("mkdir");
    let path = example(&dir);
    let before = std::fs::read_to_string(&path).expect("read");
    let mut t = Term::open(root.path(), &path);
    t.wait_for("1 Timeline");
    t.send("a");
    t.send("Written before the folder went away\r");
    t.wait_for("modified");
    // The folder is moved away and a plain file takes its name: every
    // write there fails, for root too.
    let moved = root.path().join("moved");
    std::fs::rename(&dir, &moved).expect("move folder");
    std::fs::write(&dir, "not a folder").expect("file in its place");
    t.send("a");
    t.send("Written after\r");
    t.send("\x13");
    t.wait_for("save failed");
    t.wait_for("file is unchanged");
    let moved_file = moved.join("incident.toml");
    assert_eq!(std::fs::read_to_string(&moved_file).expect("old"), before);
    // Still editable, and :w elsewhere works.
    let elsewhere = root.path().join("elsewhere.toml");
    t.send(&format!(":w {}\r", elsewhere.display()));
    t.wait_for("saved");
    let copy = load(&elsewhere).expect("copy").doc;
    assert!(copy.timeline.iter().any(|e| e.text == "Written after"));
    t.kill9();
    // Both edits survived in the journal, which moved with the folder.
    let (ok, shown) = debrief(&["recover", moved_file.to_str().expect("p"), "--apply"]);
    assert!(ok, "{shown}");
    let recovered = load(&moved_file).expect("recovered").doc;
    for text in ["Written before the folder went away", "Written after"] {
        assert!(recovered.timeline.iter().any(|e| e.text == text), "{text}");
    }
}

/// A 1 MiB tmpfs in a private mount namespace (`unshare -rm`), filled up
/// while the editor runs. Skipped, saying so, where namespaces are not
/// permitted.
#[test]
fn a_full_disk_fails_the_save_but_keeps_the_old_file_and_the_edits() {
    let probe = Command::new("unshare")
        .args(["-rm", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"])
        .output();
    if !probe.is_ok_and(|o| o.status.success()) {
        eprintln!("skipped: cannot mount a tmpfs in a user namespace here");
        return;
    }
    let outside = tempfile::tempdir().expect("tmp");
    let source = example(outside.path());
    let mnt = outside.path().join("mnt");
    std::fs::create_dir(&mnt).expect("mkdir");
    let script = format!(
        "mount -t tmpfs -o size=1m tmpfs {m} && cp {s} {m}/incident.toml && exec {bin} {m}/incident.toml",
        m = mnt.display(),
        s = source.display(),
        bin = BIN
    );
    let mut t = Term::spawn(outside.path(), "unshare", &["-rm", "sh", "-c", &script]);
    t.wait_for("1 Timeline");
    t.send("a");
    t.send("Written before the disk filled\r");
    t.wait_for("modified");
    // The editor's view of the tmpfs, through its mount namespace.
    let inside = PathBuf::from(format!("/proc/{}/root{}", t.pid(), mnt.display()));
    let file = inside.join("incident.toml");
    let before = std::fs::read_to_string(&file).expect("file in the tmpfs");
    let mut filler = std::fs::File::create(inside.join("filler")).expect("filler");
    let block = vec![0u8; 4096];
    while filler
        .write_all(&block)
        .and_then(|()| filler.sync_all())
        .is_ok()
    {}
    t.send("\x13");
    t.wait_for("save failed");
    assert_eq!(std::fs::read_to_string(&file).expect("old"), before);
    let (ok, shown) = debrief(&["recover", file.to_str().expect("p"), "--show"]);
    assert!(ok, "{shown}");
    assert!(shown.contains("1 added"), "{shown}");
    // Room again: the same save now works.
    drop(filler);
    std::fs::remove_file(inside.join("filler")).expect("rm filler");
    t.send("\x13");
    t.wait_for("saved");
    let saved = load(&file).expect("saved").doc;
    assert!(
        saved
            .timeline
            .iter()
            .any(|e| e.text == "Written before the disk filled")
    );
    t.send("q");
    assert!(t.wait_exit().success());
}

/// The journal through a full disk: an edit made while the disk is full
/// cannot be journaled — the header says so at once, and keeps saying it —
/// and once there is room again the next edit restarts the journal on the
/// whole document, so after `kill -9` every edit made after space returned
/// is recovered (with the ones made while it was full). Before the framed
/// journal, the next record landed on the torn line and was lost.
#[test]
fn a_full_disk_while_editing_loses_no_edit_made_after_space_returns() {
    let probe = Command::new("unshare")
        .args(["-rm", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"])
        .output();
    if !probe.is_ok_and(|o| o.status.success()) {
        eprintln!("skipped: cannot mount a tmpfs in a user namespace here");
        return;
    }
    let outside = tempfile::tempdir().expect("tmp");
    let source = example(outside.path());
    let mnt = outside.path().join("mnt");
    std::fs::create_dir(&mnt).expect("mkdir");
    // A sleeper keeps the mount namespace (and the tmpfs) alive after the
    // editor is killed, so the journal can be recovered from it.
    let script = format!(
        "mount -t tmpfs -o size=1m tmpfs {m} && cp {s} {m}/incident.toml || exit 1; (trap '' HUP; exec sleep 120) & exec {bin} {m}/incident.toml",
        m = mnt.display(),
        s = source.display(),
        bin = BIN
    );
    let mut t = Term::spawn(outside.path(), "unshare", &["-rm", "sh", "-c", &script]);
    t.wait_for("1 Timeline");
    let inside = PathBuf::from(format!("/proc/{}/root{}", t.pid(), mnt.display()));
    let sleeper = std::fs::read_dir("/proc")
        .expect("proc")
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .find(|pid| {
            std::fs::read_link(format!("/proc/{pid}/ns/mnt")).ok()
                == std::fs::read_link(format!("/proc/{}/ns/mnt", t.pid())).ok()
                && std::fs::read_to_string(format!("/proc/{pid}/comm"))
                    .is_ok_and(|c| c.trim() == "sleep")
        })
        .expect("the sleeper in the editor's namespace");
    let root = PathBuf::from(format!("/proc/{sleeper}/root{}", mnt.display()));
    t.send("a");
    t.send("Written before the disk filled\r");
    t.wait_for("modified");
    let mut filler = std::fs::File::create(inside.join("filler")).expect("filler");
    let block = vec![0u8; 4096];
    while filler
        .write_all(&block)
        .and_then(|()| filler.sync_all())
        .is_ok()
    {}
    // Larger than any slack left in the journal's last page.
    let long = "while full ".repeat(600);
    t.send("a");
    t.send(&format!("\x1b[200~{long}\x1b[201~\r"));
    t.wait_for("NOT JOURNALED");
    assert!(
        t.screen().contains("would be lost in a crash"),
        "{}",
        t.screen()
    );
    drop(filler);
    std::fs::remove_file(inside.join("filler")).expect("rm filler");
    t.send("a");
    t.send("Written after space returned\r");
    t.wait_for("works again");
    assert!(!t.screen().contains("NOT JOURNALED"), "{}", t.screen());
    t.send("a");
    t.send("And one more\r");
    std::thread::sleep(std::time::Duration::from_millis(300));
    t.kill9();

    let file = root.join("incident.toml");
    let (ok, applied) = debrief(&["recover", file.to_str().expect("p"), "--apply"]);
    let recovered = load(&file).map(|l| l.doc);
    let _ = Command::new("kill").arg(sleeper.to_string()).status();
    assert!(ok, "{applied}");
    let recovered = recovered.expect("recovered");
    for text in [
        "Written before the disk filled",
        "Written after space returned",
        "And one more",
    ] {
        assert!(recovered.timeline.iter().any(|e| e.text == text), "{text}");
    }
    assert!(
        recovered
            .timeline
            .iter()
            .any(|e| e.text.starts_with("while full")),
        "the edit made while full is in the restarted journal's base"
    );
}

/// A dropped SSH session: the terminal itself goes away (every master side
/// of the pty closed), not just a signal. debrief must not spin in the
/// terminal library (crossterm-rs/crossterm#793): it writes the recovery
/// file, releases the lock and exits.
#[test]
fn a_vanished_terminal_ends_the_session_with_a_recovery_file() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = example(dir.path());
    let mut t = Term::open(dir.path(), &path);
    t.wait_for("Timeline");
    t.send("aAdded before the hang-up\x1b");
    t.wait_for("modified");
    t.hang_up();
    let status = t.wait_exit();
    assert!(status.success(), "a hang-up is a normal end: {status:?}");
    let name = path
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    let recovery = path.with_file_name(format!(".{name}.debrief-recover"));
    let recovered = load(&recovery).expect("recovery file loads").doc;
    assert!(
        recovered
            .timeline
            .iter()
            .any(|e| e.text == "Added before the hang-up")
    );
    assert!(lock::holder(&path).is_none(), "lock released");
    assert!(journal::journal_path(&path).exists(), "journal kept");
}
