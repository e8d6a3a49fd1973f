//! Atomic file replacement.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::Path;

/// Replaces `path` with `bytes` so that a crash at any moment leaves either
/// the complete old file or the complete new one.
///
/// The temp file lives in the same folder (rename is only atomic within one
/// file system), is fsynced before the rename, and the folder is fsynced
/// after it so the rename itself survives a power cut. An existing file's
/// permissions are kept, and so are its owner and group where the process
/// may set them (root editing a colleague's file).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_via_temp(path, bytes, true)
}

/// Like [`write_atomic`], but fails with `AlreadyExists` instead of
/// replacing an existing file (even one created a moment ago by someone else).
pub fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_via_temp(path, bytes, false)
}

fn write_via_temp(path: &Path, bytes: &[u8], replace: bool) -> io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "document".into());
    let mut temp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)?;
    temp.write_all(bytes)?;
    temp.flush()?;
    if let Ok(existing) = fs::metadata(path) {
        fs::set_permissions(temp.path(), existing.permissions())?;
        keep_owner(temp.as_file(), &existing);
    }
    temp.as_file().sync_all()?;
    if replace {
        temp.persist(path).map_err(|e| e.error)?;
    } else {
        temp.persist_noclobber(path).map_err(|e| e.error)?;
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
    use std::os::unix::fs::{MetadataExt, PermissionsExt, chown};

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
}
