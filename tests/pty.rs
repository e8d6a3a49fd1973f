//! End to end: the real binary in a pseudo-terminal. Open a copy of an
//! example, add a timeline event with a typed time and text, edit an
//! action's owner, save with Ctrl-s, quit; then check the saved TOML and
//! that the terminal left the alternate screen.

use std::io::{Read, Write};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

struct Session {
    writer: Box<dyn Write + Send>,
    output: mpsc::Receiver<Vec<u8>>,
    parser: vt100::Parser,
    raw: Vec<u8>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Session {
    fn pump(&mut self) {
        while let Ok(bytes) = self.output.try_recv() {
            self.parser.process(&bytes);
            self.raw.extend_from_slice(&bytes);
        }
    }

    fn wait_for(&mut self, needle: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            self.pump();
            if self.parser.screen().contents().contains(needle) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "`{needle}` never appeared:\n{}",
                self.parser.screen().contents()
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("write");
        self.writer.flush().expect("flush");
        std::thread::sleep(Duration::from_millis(120));
    }
}

type Child = Box<dyn portable_pty::Child + Send + Sync>;

fn start(dir: &std::path::Path, path: &std::path::Path) -> (Session, Child) {
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/examples/db-connection-pool.toml");
    std::fs::copy(&example, path).expect("copy example");
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("pty");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_debrief"));
    cmd.arg(path);
    cmd.env("TERM", "xterm-256color");
    cmd.env("XDG_CONFIG_HOME", dir);
    let child = pty.slave.spawn_command(cmd).expect("spawn");
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().expect("reader");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let writer = pty.master.take_writer().expect("writer");
    let rows = std::num::NonZeroU16::new(24).expect("rows");
    let cols = std::num::NonZeroU16::new(80).expect("cols");
    let s = Session {
        writer,
        output: rx,
        parser: vt100::Parser::new(rows, cols, 0),
        raw: Vec::new(),
        _master: pty.master,
    };
    (s, child)
}

fn wait_exit(s: &mut Session, child: &mut Child) -> portable_pty::ExitStatus {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            std::thread::sleep(Duration::from_millis(100));
            s.pump();
            return status;
        }
        assert!(
            Instant::now() < deadline,
            "debrief did not exit:\n{}",
            s.parser.screen().contents()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn sigterm_writes_a_recovery_file_and_restores_the_terminal() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("incident.toml");
    let (mut s, mut child) = start(dir.path(), &path);
    s.wait_for("1 Timeline");
    s.send("d");
    s.wait_for("modified");
    let pid = child.process_id().expect("pid");
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .expect("kill");
    assert!(killed.success());
    let status = wait_exit(&mut s, &mut child);
    assert!(
        status.success(),
        "SIGTERM ends the session normally: {status:?}"
    );
    assert!(!s.parser.screen().alternate_screen(), "terminal restored");
    assert!(
        dir.path().join(".incident.toml.debrief-journal").exists(),
        "the edit journal is kept for `debrief recover`"
    );
    assert!(
        !dir.path().join(".incident.toml.debrief-lock").exists(),
        "the lock is released"
    );
    assert!(
        s.parser.screen().contents().contains("debrief-recover"),
        "message says where"
    );
    let recovery = dir.path().join(".incident.toml.debrief-recover");
    let recovered = debrief::store::load(&recovery).expect("recovery file loads");
    let original = debrief::store::load(&path).expect("original untouched");
    assert_eq!(
        recovered.doc.timeline.len() + 1,
        original.doc.timeline.len()
    );
}

#[test]
fn edit_save_and_quit_in_a_real_terminal() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("incident.toml");
    let (mut s, mut child) = start(dir.path(), &path);

    s.wait_for("1 Timeline");
    assert!(
        s.parser.screen().alternate_screen(),
        "editor runs on the alternate screen"
    );
    // Add an event after the first, type its text, Tab to the time, clear it
    // (Ctrl-U) and type a new one.
    s.send("a");
    s.wait_for("T");
    s.send("Replica lag alert acknowledged");
    s.send("\t");
    s.send("\x15");
    s.send("14:03\r");
    s.wait_for("modified");
    // Actions pane: edit the owner of the selected card.
    s.send("4");
    s.wait_for("4 Actions");
    s.send("e\t\x15Database team\r");
    s.send("\x13"); // Ctrl-S
    s.wait_for("saved");
    s.send("q");

    let status = wait_exit(&mut s, &mut child);
    assert!(status.success(), "{status:?}");
    assert!(
        !s.parser.screen().alternate_screen(),
        "terminal left the alternate screen"
    );
    let raw = String::from_utf8_lossy(&s.raw);
    assert!(raw.contains("\x1b[?1049l"), "alternate screen switched off");

    let saved = debrief::store::load(&path).expect("saved file loads");
    let zone = saved.doc.display_zone();
    let event = saved
        .doc
        .timeline
        .iter()
        .find(|e| e.text == "Replica lag alert acknowledged")
        .expect("new event saved");
    assert_eq!(zone.clock(&event.at), "14:03");
    assert!(saved.doc.timeline.windows(2).all(|w| w[0].at <= w[1].at));
    assert!(
        saved.doc.actions.iter().any(|a| a.owner == "Database team"),
        "owner saved"
    );
}
