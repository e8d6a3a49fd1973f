//! The one way debrief writes a file. Every write — a save, `:w FILE`,
//! `:export`, `export -o`, `import --into`, `import-md -o`, `fmt`,
//! `recover --apply`, `new`, the journal, the recovery file — comes here:
//!
//! - A regular file is replaced atomically: a temp file in the same folder,
//!   fsync, rename, fsync of the folder — a crash leaves either the old file
//!   or the new one. Its mode is kept, and its owner and group where the
//!   process may set them.
//! - A symbolic link is written through: the file it points to is
//!   replaced, the link stays a link. A dangling link is refused.
//! - A hard link: the rename gives this name a new file; the other names
//!   keep the old content (as `git`, `sed -i` and most editors do).
//! - Anything that is not a regular file is never replaced: an output may
//!   be a character device or a FIFO (`-o /dev/stdout`, a pipe), written
//!   into as a stream; a directory, socket or block device is refused.
//! - A new file gets `0666 & ~umask`; private files (journal, lock,
//!   recovery file) are `0600`.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::target::{Found, describe_stream, inspect, refused};

/// What a write may find at its target and what it makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A document: a regular file, replaced or created.
    Document,
    /// A new document: nothing may be there yet.
    New,
    /// An output: a regular file, or a character device / FIFO as a stream.
    Output,
    /// A private file beside the document: regular, always `0600`.
    Private,
}

/// Replaces (or creates) the document at `path` with `bytes`, atomically.
/// A FIFO or device at `path` is refused: documents are regular files.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write(path, bytes, Kind::Document)
}

/// Like [`write_atomic`], but fails with `AlreadyExists` instead of
/// replacing anything that exists (even one created a moment ago).
pub fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write(path, bytes, Kind::New)
}

/// Writes an output (an export): a regular file atomically, a character
/// device or FIFO (`/dev/stdout`, a pipe) as a stream.
pub fn write_output(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write(path, bytes, Kind::Output)
}

/// Writes a private file (journal, lock, recovery file): atomically, mode
/// `0600` whatever the umask.
pub fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write(path, bytes, Kind::Private)
}

/// Why [`write_document_with`] wrote nothing.
#[derive(Debug)]
pub(super) enum Unwritten<E> {
    /// The file system refused.
    Io(io::Error),
    /// What filled the temporary file failed or refused it.
    Fill(E),
}

impl<E> From<io::Error> for Unwritten<E> {
    fn from(err: io::Error) -> Self {
        Unwritten::Io(err)
    }
}

/// Replaces (or, when `new`, creates) the document at `path` with what
/// `fill` writes into the temporary file: the same guarantees as
/// [`write_atomic`] and [`write_new`], for a text never held whole. When
/// `fill` fails, nothing is replaced and the temporary file is removed.
pub(super) fn write_document_with<E>(
    path: &Path,
    new: bool,
    fill: impl FnOnce(&mut File) -> Result<(), Unwritten<E>>,
) -> Result<(), Unwritten<E>> {
    let kind = if new { Kind::New } else { Kind::Document };
    match target(path, kind)? {
        Target::File(at) => via_temp(&at, kind, fill),
        // `target` refuses a stream for a document.
        Target::Stream(at) => Err(Unwritten::Io(refused(describe_stream(&at).to_string()))),
    }
}

fn write(path: &Path, bytes: &[u8], kind: Kind) -> io::Result<()> {
    match target(path, kind)? {
        Target::File(at) => via_temp(&at, kind, |file| {
            file.write_all(bytes).map_err(Unwritten::<()>::Io)
        })
        .map_err(|err| match err {
            Unwritten::Io(err) => err,
            Unwritten::Fill(()) => io::Error::other("not written"),
        }),
        Target::Stream(at) => {
            let mut stream = OpenOptions::new().write(true).open(&at)?;
            stream.write_all(bytes)?;
            stream.flush()
        }
    }
}

/// Where a write goes.
enum Target {
    /// A regular file (a link's target), replaced or created.
    File(PathBuf),
    /// A character device or FIFO, written into (outputs only).
    Stream(PathBuf),
}

/// Where a write of `kind` to `path` goes, or why it may not.
fn target(path: &Path, kind: Kind) -> io::Result<Target> {
    match inspect(path)? {
        Found::Missing(at) => Ok(Target::File(at)),
        Found::Regular(_) if kind == Kind::New => Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            "the file exists",
        )),
        Found::Regular(real) => Ok(Target::File(real)),
        Found::Stream(_) if kind == Kind::New => Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            "something exists there",
        )),
        Found::Stream(at) if kind == Kind::Output => Ok(Target::Stream(at)),
        Found::Stream(at) => Err(refused(format!(
            "{}: debrief saves documents only as regular files",
            describe_stream(&at)
        ))),
    }
}

fn via_temp<E>(
    path: &Path,
    kind: Kind,
    fill: impl FnOnce(&mut File) -> Result<(), Unwritten<E>>,
) -> Result<(), Unwritten<E>> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "document".into());
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    if kind != Kind::Private {
        // open(2) applies the umask: a new file gets 0666 & ~umask.
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(dir)?;
    // On failure `temp` is dropped, which removes it.
    fill(temp.as_file_mut())?;
    temp.flush()?;
    if kind != Kind::Private
        && let Ok(existing) = fs::metadata(path)
    {
        fs::set_permissions(temp.path(), existing.permissions())?;
        keep_owner(temp.as_file(), &existing);
    }
    temp.as_file().sync_all()?;
    if kind == Kind::New {
        temp.persist_noclobber(path).map_err(|e| e.error)?;
    } else {
        temp.persist(path).map_err(|e| e.error)?;
    }
    // Directories cannot be opened for sync on every platform; where they
    // can, the rename is made durable.
    if let Ok(folder) = File::open(dir) {
        let _ = folder.sync_all();
    }
    Ok(())
}

/// Gives the new file the old one's owner and group, best effort: only root
/// (or the owner, for the group) may, and failing leaves it to us.
#[cfg(unix)]
fn keep_owner(temp: &File, existing: &fs::Metadata) {
    use std::os::unix::fs::{MetadataExt, fchown};
    if let Ok(ours) = temp.metadata()
        && (ours.uid() != existing.uid() || ours.gid() != existing.gid())
    {
        let _ = fchown(temp, Some(existing.uid()), Some(existing.gid()));
    }
}

#[cfg(not(unix))]
fn keep_owner(_temp: &File, _existing: &fs::Metadata) {}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt, chown, symlink};

    use super::*;

    #[test]
    fn mode_and_owner_survive_a_replace() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("pm.toml");
        fs::write(&path, "old").expect("write");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).expect("chmod");
        // Only root can give the file away; elsewhere the owner is ours anyway.
        let given_away = chown(&path, Some(4242), Some(4243)).is_ok();
        write_atomic(&path, b"new").expect("save");
        let meta = fs::metadata(&path).expect("meta");
        assert_eq!(fs::read_to_string(&path).expect("read"), "new");
        assert_eq!(meta.permissions().mode() & 0o777, 0o640);
        if given_away {
            assert_eq!((meta.uid(), meta.gid()), (4242, 4243));
        }
    }

    #[test]
    fn a_link_is_written_through_and_stays_a_link() {
        let dir = tempfile::tempdir().expect("tempdir");
        let real = dir.path().join("real.toml");
        fs::write(&real, "old").expect("write");
        let link = dir.path().join("link.toml");
        symlink("real.toml", &link).expect("symlink");
        write_atomic(&link, b"new").expect("save");
        assert!(
            fs::symlink_metadata(&link)
                .expect("meta")
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).expect("read"), "new");
    }

    #[test]
    fn special_files_are_never_replaced() {
        let dir = tempfile::tempdir().expect("tempdir");
        // A directory and a document write onto a FIFO are refused (a FIFO
        // of our own: a regression must not replace a device of the machine).
        let err = write_atomic(dir.path(), b"x").expect_err("directory");
        assert!(err.to_string().contains("is a directory"), "{err}");
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo");
        assert!(made.success());
        let err = write_atomic(&fifo, b"x").expect_err("fifo");
        assert!(err.to_string().contains("FIFO"), "{err}");
        // An output onto a FIFO is a stream: it stays a FIFO.
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || fs::read(fifo).expect("read"))
        };
        write_output(&fifo, b"exported").expect("stream");
        assert!(
            fs::symlink_metadata(&fifo)
                .expect("meta")
                .file_type()
                .is_fifo()
        );
        assert_eq!(reader.join().expect("reader"), b"exported");
        // A socket is refused.
        let socket = dir.path().join("sock");
        let _listener = std::os::unix::net::UnixListener::bind(&socket).expect("bind");
        let err = write_output(&socket, b"x").expect_err("socket");
        assert!(err.to_string().contains("socket"), "{err}");
    }

    #[test]
    fn new_files_follow_the_umask_and_private_ones_stay_private() {
        let dir = tempfile::tempdir().expect("tempdir");
        let umask = umask_of_this_process();
        let doc = dir.path().join("new.toml");
        write_new(&doc, b"x").expect("new");
        let mode = fs::metadata(&doc).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o666 & !umask);
        let journal = dir.path().join(".new.toml.debrief-journal");
        write_private(&journal, b"x").expect("private");
        let mode = fs::metadata(&journal).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        assert_eq!(
            write_new(&doc, b"y").expect_err("exists").kind(),
            io::ErrorKind::AlreadyExists
        );
    }

    fn umask_of_this_process() -> u32 {
        let status = fs::read_to_string("/proc/self/status").expect("status");
        let line = status
            .lines()
            .find_map(|l| l.strip_prefix("Umask:"))
            .expect("Umask line");
        u32::from_str_radix(line.trim(), 8).expect("octal")
    }
}
