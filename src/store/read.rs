//! Bounded reading: every file debrief reads — a document, a journal, a
//! config, Markdown, evidence — is read to at most its limit plus one byte,
//! whatever it is (`/dev/zero` or a file that grows while read cannot make
//! debrief take all memory), and a FIFO, device or socket is refused before
//! it can block (the file is opened non-blocking and looked at first).
//! Standard input, where a command documents `-`, is read with
//! [`read_stream_limited`].

use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

/// Reads the regular file at `path`, at most `limit` bytes; `what` names
/// it in errors ("documents", "config files"). A file over the limit is an
/// `InvalidData` error saying its size and the limit; anything but a
/// regular file is an `InvalidInput` error saying what it is.
pub fn read_limited(path: &Path, limit: u64, what: &str) -> io::Result<Vec<u8>> {
    let file = open_regular(path, what)?;
    let size = file.metadata()?.len();
    if size > limit {
        return Err(too_large(format!("file is {size} bytes"), limit, what));
    }
    // Sized from the file, so a large one is not read into a buffer grown
    // by doubling (up to twice its size, held while it is parsed).
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0).saturating_add(1));
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_large("input is larger".into(), limit, what));
    }
    Ok(bytes)
}

/// Opens `path` for reading if it is a regular file, without blocking on a
/// FIFO; a directory, FIFO, device or socket is refused.
pub fn open_regular(path: &Path, what: &str) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // A FIFO without a writer would block the open itself.
        options.custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32);
    }
    let file = options.open(path)?;
    let kind = file.metadata()?.file_type();
    if kind.is_file() {
        return Ok(file);
    }
    Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        format!(
            "is {}: debrief reads {what} only from regular files",
            describe(&kind)
        ),
    ))
}

/// Reads `reader` to its end or to `limit` bytes, whichever is first: one
/// byte more than the limit is an error, never a larger buffer.
pub fn read_stream_limited(reader: impl Read, limit: u64, what: &str) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_large("input is larger".into(), limit, what));
    }
    Ok(bytes)
}

/// Like [`read_limited`], as UTF-8 text.
pub fn read_text_limited(path: &Path, limit: u64, what: &str) -> io::Result<String> {
    String::from_utf8(read_limited(path, limit, what)?)
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "not UTF-8 text"))
}

fn too_large(size: String, limit: u64, what: &str) -> io::Error {
    let shown = if limit >= 1024 * 1024 {
        format!("{} MiB", limit / 1024 / 1024)
    } else {
        format!("{} KiB", limit / 1024)
    };
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!("{size}; debrief reads {what} up to {shown}"),
    )
}

fn describe(kind: &std::fs::FileType) -> &'static str {
    if kind.is_dir() {
        return "a directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if kind.is_char_device() {
            return "a character device";
        }
        if kind.is_block_device() {
            return "a block device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    "not a regular file"
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn devices_and_fifos_are_refused_before_they_block_or_fill_memory() {
        let err = read_limited(Path::new("/dev/zero"), 1024, "documents").expect_err("zero");
        assert!(err.to_string().contains("character device"), "{err}");
        let dir = tempfile::tempdir().expect("tmp");
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo");
        assert!(made.success());
        let err = read_limited(&fifo, 1024, "documents").expect_err("fifo");
        assert!(err.to_string().contains("FIFO"), "{err}");
        let err = read_limited(dir.path(), 1024, "documents").expect_err("dir");
        assert!(err.to_string().contains("directory"), "{err}");
        // A stream is cut at the limit plus one byte.
        let zeros = File::open("/dev/zero").expect("zero");
        let err = read_stream_limited(zeros, 4096, "standard input").expect_err("big");
        assert!(err.to_string().contains("up to 4 KiB"), "{err}");
        let file = dir.path().join("f");
        std::fs::write(&file, vec![b'x'; 4097]).expect("write");
        assert!(read_limited(&file, 4096, "documents").is_err());
        assert_eq!(
            read_limited(&file, 4097, "documents").expect("fits").len(),
            4097
        );
    }
}
