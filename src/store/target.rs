//! Which file a path names. `f.toml`, `./f.toml`, its absolute path and a
//! symbolic link to it are one document: one lock, one journal, one
//! changed-on-disk check. And what a write finds there: a regular file to
//! replace, nothing yet, or something that is not a regular file.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

/// The canonical identity of the document at `path`: the absolute path with
/// every symbolic link resolved. A file that does not exist yet is named
/// by its canonical folder and its name.
pub fn identity(path: &Path) -> PathBuf {
    if fs::metadata(path).is_ok() {
        return real_path(path);
    }
    let absolute = absolute(path);
    match (absolute.parent(), absolute.file_name()) {
        (Some(dir), Some(name)) => real_path(dir).join(name),
        _ => absolute,
    }
}

/// The path of the file `path` names with its symbolic links resolved.
/// `canonicalize` is checked against the file itself: through a magic link
/// (`/proc/PID/root/…` into another mount namespace) it names a file of
/// this namespace, so there only the last component's links are followed.
fn real_path(path: &Path) -> PathBuf {
    if let Ok(real) = fs::canonicalize(path)
        && same_inode(path, &real)
    {
        return real;
    }
    let mut at = absolute(path);
    for _ in 0..40 {
        let Ok(target) = fs::read_link(&at) else {
            break;
        };
        at = match at.parent() {
            Some(dir) if target.is_relative() => absolute(&dir.join(target)),
            _ => target,
        };
    }
    at
}

#[cfg(unix)]
fn same_inode(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (fs::metadata(a), fs::metadata(b)) {
        (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_inode(_a: &Path, _b: &Path) -> bool {
    true
}

/// Whether two paths name the same document.
pub fn same_document(a: &Path, b: &Path) -> bool {
    a == b || identity(a) == identity(b)
}

/// `path` made absolute and lexically normalised (`.` and `..` removed).
fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .unwrap_or_else(|_| PathBuf::from("/"))
            .join(path)
    };
    let mut out = PathBuf::new();
    for part in joined.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// What a write finds at a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// Nothing yet: create it here.
    Missing(PathBuf),
    /// A regular file, at this real path (a symbolic link resolved):
    /// replaced atomically there, so the link stays a link.
    Regular(PathBuf),
    /// A character device or a FIFO: written into as a stream (only for
    /// outputs such as `-o /dev/stdout`).
    Stream(PathBuf),
}

/// Looks at `path` before a write. A directory, a socket, a block device
/// and a symbolic link to nothing are refused with an error that says so
/// (`InvalidInput`); a FIFO or a character device is a [`Found::Stream`].
pub fn inspect(path: &Path) -> io::Result<Found> {
    let link = match fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(err) if err.kind() == io::ErrorKind::NotFound => {
            return Ok(Found::Missing(path.to_path_buf()));
        }
        Err(err) => return Err(err),
    };
    let meta = if link.file_type().is_symlink() {
        match fs::metadata(path) {
            Ok(meta) => meta,
            Err(err) if err.kind() == io::ErrorKind::NotFound => {
                let to = fs::read_link(path)
                    .map(|t| t.display().to_string())
                    .unwrap_or_default();
                return Err(refused(format!(
                    "a symbolic link to `{to}`, which does not exist: debrief does not write through a dangling link"
                )));
            }
            Err(err) => return Err(err),
        }
    } else {
        link
    };
    let kind = meta.file_type();
    if kind.is_file() {
        // The real file, so the rename replaces it and not the link.
        return Ok(Found::Regular(real_path(path)));
    }
    if kind.is_dir() {
        return Err(refused("a directory".into()));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() || kind.is_char_device() {
            return Ok(Found::Stream(path.to_path_buf()));
        }
        if kind.is_socket() {
            return Err(refused("a socket, not a file".into()));
        }
        if kind.is_block_device() {
            return Err(refused("a block device, not a file".into()));
        }
    }
    Err(refused("not a regular file".into()))
}

/// A target debrief will not write, saying what it is.
pub fn refused(what: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, format!("is {what}"))
}

/// Whether `path` is a character device or a FIFO (an output written as a
/// stream, which has no lock and no journal).
pub fn is_stream(path: &Path) -> bool {
    matches!(inspect(path), Ok(Found::Stream(_)))
}

/// What a stream target is, for an error when only a file will do.
pub fn describe_stream(path: &Path) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if fs::metadata(path).is_ok_and(|m| m.file_type().is_fifo()) {
            return "a FIFO (named pipe)";
        }
    }
    let _ = path;
    "a character device"
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_file_are_one_document() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("f.toml");
        fs::write(&file, "x").expect("write");
        let link = dir.path().join("link.toml");
        std::os::unix::fs::symlink("f.toml", &link).expect("symlink");
        let dotted = dir.path().join(".").join("sub").join("..").join("f.toml");
        assert!(same_document(&file, &link));
        assert!(same_document(&file, &dotted));
        assert!(!same_document(&file, &dir.path().join("g.toml")));
        // A file not created yet: its folder's identity plus its name.
        let missing = dir.path().join("new.toml");
        assert!(same_document(
            &missing,
            &dir.path().join(".").join("new.toml")
        ));
    }

    #[test]
    fn inspect_tells_files_links_streams_and_refusals_apart() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("f.toml");
        fs::write(&file, "x").expect("write");
        let link = dir.path().join("link.toml");
        std::os::unix::fs::symlink(&file, &link).expect("symlink");
        let real = fs::canonicalize(&file).expect("real");
        assert_eq!(inspect(&link).expect("link"), Found::Regular(real));
        assert!(matches!(
            inspect(Path::new("/dev/null")).expect("null"),
            Found::Stream(_)
        ));
        let err = inspect(dir.path()).expect_err("directory");
        assert_eq!(err.to_string(), "is a directory");
        let dangling = dir.path().join("dangling.toml");
        std::os::unix::fs::symlink("nowhere.toml", &dangling).expect("symlink");
        assert!(inspect(&dangling).is_err());
    }
}
