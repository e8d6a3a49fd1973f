//! The real binary in an 80×24 pseudo-terminal, read through vt100.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// The debrief binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_debrief");

/// A program running in a pty, with what it drew.
pub struct Term {
    writer: Option<Box<dyn Write + Send>>,
    output: mpsc::Receiver<Vec<u8>>,
    /// The screen as a terminal would show it.
    pub parser: vt100::Parser,
    /// Every byte the program wrote.
    pub raw: Vec<u8>,
    /// The process.
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
    hang_up: Arc<AtomicBool>,
    reader: Option<JoinHandle<()>>,
}

impl Term {
    /// Runs `program args` with `XDG_CONFIG_HOME=config` (so the user's own
    /// config file stays out of it).
    pub fn spawn(config: &Path, program: &str, args: &[&str]) -> Term {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("pty");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env("XDG_CONFIG_HOME", config);
        let child = pty.slave.spawn_command(cmd).expect("spawn");
        drop(pty.slave);
        let writer = pty.master.take_writer().expect("writer");
        // The reader thread owns every other handle on the master side, so
        // `hang_up` can close them all, as a dropped connection would.
        let hang_up = Arc::new(AtomicBool::new(false));
        let stop = Arc::clone(&hang_up);
        let master = pty.master;
        let (tx, output) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            let mut reader = master.try_clone_reader().expect("reader");
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || stop.load(Ordering::SeqCst) || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
            drop(reader);
            drop(master);
        });
        Term {
            writer: Some(writer),
            output,
            parser: vt100::Parser::new(
                std::num::NonZeroU16::new(24).expect("rows"),
                std::num::NonZeroU16::new(80).expect("cols"),
                0,
            ),
            raw: Vec::new(),
            child,
            hang_up,
            reader: Some(reader),
        }
    }

    /// Opens `file` in debrief.
    pub fn open(config: &Path, file: &Path) -> Term {
        Term::spawn(config, BIN, &[file.to_str().expect("utf-8 path")])
    }

    /// Reads what arrived and returns the screen's text.
    pub fn screen(&mut self) -> String {
        while let Ok(bytes) = self.output.try_recv() {
            self.parser.process(&bytes);
            self.raw.extend_from_slice(&bytes);
        }
        self.parser.screen().contents()
    }

    /// Waits (up to 20 s, a guard against hangs) for `needle` on screen.
    pub fn wait_for(&mut self, needle: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let screen = self.screen();
            if screen.contains(needle) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "`{needle}` never appeared:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    /// Types `keys` (raw bytes: `\x1b` is Esc, `\r` Enter).
    pub fn send(&mut self, keys: &str) {
        let writer = self.writer.as_mut().expect("terminal still attached");
        writer.write_all(keys.as_bytes()).expect("write");
        writer.flush().expect("flush");
        std::thread::sleep(Duration::from_millis(150));
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("pid")
    }

    /// Sends `signal` (e.g. `-TERM`, `-KILL`) with kill(1).
    pub fn signal(&self, signal: &str) {
        let status = std::process::Command::new("kill")
            .args([signal, &self.pid().to_string()])
            .status()
            .expect("kill");
        assert!(status.success(), "kill {signal}");
    }

    /// A real SIGKILL (portable-pty's `kill` starts with SIGHUP, which
    /// debrief handles).
    pub fn kill9(&mut self) {
        self.signal("-KILL");
        let status = self.child.wait().expect("wait");
        assert!(!status.success(), "killed, not exited: {status:?}");
    }

    /// The terminal goes away: every master side of the pty is closed. A
    /// last key makes the program draw, which wakes the reader to close.
    pub fn hang_up(&mut self) {
        self.hang_up.store(true, Ordering::SeqCst);
        self.send("j");
        drop(self.writer.take());
        if let Some(reader) = self.reader.take() {
            reader.join().expect("reader ends");
        }
    }

    /// Waits (up to 20 s) for the process to end.
    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                std::thread::sleep(Duration::from_millis(100));
                self.screen();
                return status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("the program did not exit:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}
