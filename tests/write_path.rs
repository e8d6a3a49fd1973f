//! One write path for every file debrief writes: links are written
//! through, special files are never replaced, new files follow the umask,
//! and writers take the document's lock (the real binary).

use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use debrief::store::lock::{self, LockAttempt};

const BIN: &str = env!("CARGO_BIN_EXE_debrief");

fn example(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/db-connection-pool.toml"),
        &path,
    )
    .expect("copy example");
    path
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run debrief")
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn is_link(path: &Path) -> bool {
    std::fs::symlink_metadata(path)
        .expect("meta")
        .file_type()
        .is_symlink()
}

#[test]
fn fmt_and_import_write_through_a_symbolic_link() {
    let dir = tempfile::tempdir().expect("tmp");
    let real = example(dir.path(), "real.toml");
    // Not canonical: fmt has something to write.
    let source = std::fs::read_to_string(&real).expect("read");
    std::fs::write(&real, format!("\n\n{source}")).expect("write");
    symlink("real.toml", dir.path().join("link.toml")).expect("symlink");
    let out = run(dir.path(), &["fmt", "link.toml"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(is_link(&dir.path().join("link.toml")), "fmt kept the link");
    assert!(
        !std::fs::read_to_string(&real)
            .expect("read")
            .starts_with('\n'),
        "the target was formatted"
    );

    let log = dir.path().join("app.log");
    std::fs::write(&log, "2024-03-12T09:14:00Z ERROR pool exhausted on db-1\n").expect("log");
    let out = run(
        dir.path(),
        &["import", "app.log", "--into", "link.toml", "-q"],
    );
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        is_link(&dir.path().join("link.toml")),
        "import kept the link"
    );
    let doc = debrief::store::load(&real).expect("load").doc;
    assert!(
        doc.timeline
            .iter()
            .any(|e| e.text.contains("pool exhausted"))
    );
}

#[test]
fn a_hard_link_keeps_the_old_content_under_its_other_name() {
    let dir = tempfile::tempdir().expect("tmp");
    let a = example(dir.path(), "a.toml");
    let source = std::fs::read_to_string(&a).expect("read");
    std::fs::write(&a, format!("\n{source}")).expect("write");
    let b = dir.path().join("b.toml");
    std::fs::hard_link(&a, &b).expect("hard link");
    let out = run(dir.path(), &["fmt", "a.toml"]);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(std::fs::read_to_string(&a).expect("a"), source);
    assert_eq!(
        std::fs::read_to_string(&b).expect("b"),
        format!("\n{source}"),
        "documented: the other name keeps the old file"
    );
}

#[test]
fn an_output_fifo_is_written_as_a_stream_and_stays_a_fifo() {
    let dir = tempfile::tempdir().expect("tmp");
    example(dir.path(), "pm.toml");
    let fifo = dir.path().join("out.fifo");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).expect("read fifo"))
    };
    let out = run(dir.path(), &["export", "pm.toml", "-o", "out.fifo"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        std::fs::symlink_metadata(&fifo)
            .expect("meta")
            .file_type()
            .is_fifo(),
        "the FIFO is still a FIFO"
    );
    let exported = reader.join().expect("reader");
    assert!(exported.starts_with("# "), "{exported}");
}

/// `-o /dev/stdout` — spelled here as a link of our own to
/// `/proc/self/fd/1`, which is what `/dev/stdout` is, so that a regression
/// replaces the test's link and not the machine's `/dev/stdout`.
#[test]
fn export_to_dev_stdout_writes_into_the_pipe() {
    let dir = tempfile::tempdir().expect("tmp");
    example(dir.path(), "pm.toml");
    symlink("/proc/self/fd/1", dir.path().join("stdout")).expect("symlink");
    let out = run(dir.path(), &["export", "pm.toml", "-o", "stdout"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("# "));
    assert!(is_link(&dir.path().join("stdout")), "the link stays a link");
}

/// A character device as `-o` is written into, never replaced: a device
/// node of our own (`mknod`, root only; skipped elsewhere), the same as
/// `/dev/null`.
#[test]
fn an_output_character_device_stays_a_device() {
    let dir = tempfile::tempdir().expect("tmp");
    example(dir.path(), "pm.toml");
    let null = dir.path().join("null");
    let made = Command::new("mknod")
        .arg(&null)
        .args(["c", "1", "3"])
        .status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: cannot make a device node here");
        return;
    }
    let out = run(dir.path(), &["export", "pm.toml", "-o", "null"]);
    assert!(out.status.success(), "{}", text(&out));
    let kind = std::fs::symlink_metadata(&null).expect("meta").file_type();
    assert!(kind.is_char_device(), "still a device: {kind:?}");
    // A document is never saved into one.
    std::fs::write(dir.path().join("pm.md"), "# Outage\n").expect("md");
    let out = run(dir.path(), &["import-md", "pm.md", "-o", "null", "--force"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("character device"), "{}", text(&out));
    let kind = std::fs::symlink_metadata(&null).expect("meta").file_type();
    assert!(kind.is_char_device(), "still a device: {kind:?}");
}

#[test]
fn directories_sockets_and_devices_are_refused_with_a_clear_error() {
    let dir = tempfile::tempdir().expect("tmp");
    example(dir.path(), "pm.toml");
    std::fs::create_dir(dir.path().join("folder.md")).expect("mkdir");
    let out = run(dir.path(), &["export", "pm.toml", "-o", "folder.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).contains("is a directory"), "{}", text(&out));
    assert!(dir.path().join("folder.md").is_dir());

    let socket = dir.path().join("sock.md");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).expect("bind");
    let out = run(dir.path(), &["export", "pm.toml", "-o", "sock.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).contains("socket"), "{}", text(&out));
    assert!(
        std::fs::symlink_metadata(&socket)
            .expect("meta")
            .file_type()
            .is_socket()
    );

    // A document is never saved into a FIFO.
    std::fs::write(dir.path().join("pm.md"), "# Outage\n").expect("md");
    let fifo = dir.path().join("pm.fifo");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo")
            .success()
    );
    let out = run(
        dir.path(),
        &["import-md", "pm.md", "-o", "pm.fifo", "--force"],
    );
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("FIFO"), "{}", text(&out));
    assert!(
        std::fs::symlink_metadata(&fifo)
            .expect("meta")
            .file_type()
            .is_fifo()
    );
}

#[test]
fn new_files_get_0666_less_the_umask() {
    let dir = tempfile::tempdir().expect("tmp");
    for (umask, mode) in [("022", 0o644), ("077", 0o600), ("002", 0o664)] {
        let name = format!("new-{umask}.toml");
        let status = Command::new("sh")
            .current_dir(dir.path())
            .args(["-c", &format!("umask {umask}; exec {BIN} new {name}")])
            .status()
            .expect("sh");
        assert!(status.success());
        let meta = std::fs::metadata(dir.path().join(&name)).expect("meta");
        assert_eq!(meta.permissions().mode() & 0o777, mode, "umask {umask}");
        let _ = meta.uid();
    }
}

/// A CLI writer never writes a document a running editor holds: it says
/// who holds it, since when, and what to do instead, and exits 2.
#[test]
fn a_writer_is_refused_while_an_editor_holds_the_document() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = example(dir.path(), "pm.toml");
    // This test process plays the editor: a live pid on this host.
    let LockAttempt::Acquired { lock: held, .. } = lock::acquire(&path).expect("lock") else {
        panic!("lock");
    };
    let before = std::fs::read_to_string(&path).expect("read");
    let log = dir.path().join("app.log");
    std::fs::write(&log, "2024-03-12T09:14:00Z ERROR pool exhausted on db-1\n").expect("log");
    std::fs::write(dir.path().join("pm.md"), "# Outage\n").expect("md");
    let link = dir.path().join("link.toml");
    symlink("pm.toml", &link).expect("symlink");
    for args in [
        &["import", "app.log", "--into", "pm.toml"][..],
        &["import", "app.log", "--into", "./link.toml"],
        &["fmt", "pm.toml"],
        &["import-md", "pm.md", "-o", "pm.toml", "--force"],
        &["recover", "link.toml", "--apply"],
    ] {
        let out = run(dir.path(), args);
        let said = text(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {said}");
        assert!(said.contains("running debrief"), "{args:?}: {said}");
        assert!(
            said.contains(&format!("pid {}", std::process::id())),
            "{args:?} names the holder: {said}"
        );
        assert!(said.contains(" since "), "{args:?}: {said}");
    }
    assert_eq!(std::fs::read_to_string(&path).expect("read"), before);
    drop(held);
}

/// 20 `debrief import` processes at once, each adding one event to the
/// same document: every event is kept.
#[test]
fn parallel_imports_serialize_and_keep_every_event() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = example(dir.path(), "pm.toml");
    let before = debrief::store::load(&path)
        .expect("load")
        .doc
        .timeline
        .len();
    let children: Vec<_> = (0..20)
        .map(|n| {
            let log = dir.path().join(format!("{n}.log"));
            std::fs::write(
                &log,
                format!("2024-03-12T09:{n:02}:30Z WARN parallel import number {n}\n"),
            )
            .expect("log");
            Command::new(BIN)
                .current_dir(dir.path())
                .args(["import", &format!("{n}.log"), "--into", "pm.toml", "-q"])
                .spawn()
                .expect("spawn")
        })
        .collect();
    for mut child in children {
        assert!(child.wait().expect("wait").success());
    }
    let doc = debrief::store::load(&path).expect("load").doc;
    assert_eq!(doc.timeline.len(), before + 20);
    for n in 0..20 {
        let wanted = format!("parallel import number {n}");
        assert!(
            doc.timeline.iter().any(|e| e.text.contains(&wanted)),
            "{wanted}"
        );
    }
    assert!(!lock::lock_path(&path).exists(), "every lock released");
}
