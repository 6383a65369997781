//! Writing fixed files back, the only place dateline writes a user's file.
//!
//! Each write is atomic: the new bytes go to a temporary file in the same directory, which
//! then replaces the file by a rename, so a crash, a full disk or a refused write leaves
//! the old file whole, never half of each. Permissions (and, where allowed, the owner) are
//! carried over; a symbolic link is followed and its target replaced, so the link stays.
//!
//! A file is only replaced if its bytes are still exactly what was read, checked before
//! the temporary file is written and again just before the rename: an editor or another
//! tool that saved in between wins, and the file is skipped with a message. The bytes
//! written are the fixed text plus the byte-order mark the file had; fixes are byte-span
//! edits of the exact text read, so line endings and everything else outside them stay
//! byte-identical. (Files that are not UTF-8 never get here: the fixer leaves them alone.)

use std::fmt;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Wraps an I/O error with what was being done to which path.
fn io_error(action: &'static str, path: &Path) -> impl FnOnce(io::Error) -> WriteError {
    let path = path.to_path_buf();
    move |error| WriteError::Io { action, path, error }
}

/// Why a fixed file was not written. Nothing was changed on disk in any case.
#[derive(Debug)]
pub enum WriteError {
    /// The file (or its directory) is gone since it was read.
    Vanished,
    /// The file's bytes differ from what was read: someone else changed it.
    Changed,
    Io {
        action: &'static str,
        path: PathBuf,
        error: io::Error,
    },
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::Vanished => f.write_str("it was deleted after it was read"),
            WriteError::Changed => f.write_str("it changed on disk after it was read (run dateline again)"),
            WriteError::Io { action, path, error } => {
                write!(f, "cannot {action} {}: {error}", path.display())
            }
        }
    }
}

impl std::error::Error for WriteError {}

/// Replaces the file at `path`, whose text was `original` when it was read, with `fixed`.
pub fn write_fixed(path: &Path, original: &str, fixed: &str) -> Result<(), WriteError> {
    // Replace the target of a symbolic link, not the link.
    let target = fs::canonicalize(path).map_err(|error| match error.kind() {
        io::ErrorKind::NotFound => WriteError::Vanished,
        _ => WriteError::Io { action: "resolve", path: path.to_path_buf(), error },
    })?;
    let bom = unchanged(&target, original)?;
    let metadata = fs::metadata(&target).map_err(io_error("read the metadata of", &target))?;
    let dir = target.parent().unwrap_or(Path::new("."));
    let mut temp = tempfile::Builder::new()
        .prefix(".dateline-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(io_error("create a temporary file in", dir))?;
    // From here on, an early return drops `temp`, which deletes it.
    let temp_path = temp.path().to_path_buf();
    let written = if bom { temp.write_all(BOM) } else { Ok(()) }
        .and_then(|()| temp.write_all(fixed.as_bytes()))
        .and_then(|()| temp.as_file().set_permissions(metadata.permissions()))
        .and_then(|()| temp.as_file().sync_all());
    written.map_err(io_error("write", &temp_path))?;
    keep_owner(temp.as_file(), &metadata);
    // The last look before the rename: a save since the first one is not overwritten.
    unchanged(&target, original)?;
    temp.persist(&target).map_err(|err| WriteError::Io {
        action: "replace",
        path: target.clone(),
        error: err.error,
    })?;
    Ok(())
}

/// Whether the file still holds `original` (returning whether it starts with a byte-order
/// mark, which reading dropped from the text).
fn unchanged(path: &Path, original: &str) -> Result<bool, WriteError> {
    let bytes = fs::read(path).map_err(|error| match error.kind() {
        io::ErrorKind::NotFound => WriteError::Vanished,
        _ => WriteError::Io { action: "read", path: path.to_path_buf(), error },
    })?;
    if bytes == original.as_bytes() {
        Ok(false)
    } else if bytes.strip_prefix(BOM) == Some(original.as_bytes()) {
        Ok(true)
    } else {
        Err(WriteError::Changed)
    }
}

/// Gives the new file the old one's owner and group, which only works for root (or when
/// they are already ours); otherwise the file belongs to whoever ran the fix, as with any
/// editor that saves by renaming.
#[cfg(unix)]
fn keep_owner(file: &fs::File, metadata: &fs::Metadata) {
    use std::os::unix::fs::MetadataExt;
    let _ = std::os::unix::fs::fchown(file, Some(metadata.uid()), Some(metadata.gid()));
}

#[cfg(not(unix))]
fn keep_owner(_: &fs::File, _: &fs::Metadata) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_keep_the_bom_and_permissions_and_follow_links() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        fs::write(&path, b"\xEF\xBB\xBFold\r\ntext\r\n").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        }
        let link = dir.path().join("link.md");
        #[cfg(unix)]
        std::os::unix::fs::symlink(&path, &link).unwrap();
        #[cfg(not(unix))]
        fs::copy(&path, &link).unwrap();
        write_fixed(&link, "old\r\ntext\r\n", "new\r\ntext\r\n").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"\xEF\xBB\xBFnew\r\ntext\r\n");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link stays a link");
            assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o640);
        }
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 2, "no temporary file left: {names:?}");
    }

    #[test]
    fn a_changed_or_vanished_file_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        fs::write(&path, "saved by an editor since").unwrap();
        assert!(matches!(write_fixed(&path, "what was read", "fixed"), Err(WriteError::Changed)));
        assert_eq!(fs::read_to_string(&path).unwrap(), "saved by an editor since");
        fs::remove_file(&path).unwrap();
        assert!(matches!(write_fixed(&path, "what was read", "fixed"), Err(WriteError::Vanished)));
        assert!(!path.exists(), "a vanished file is not recreated");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0, "no temporary file left");
        let gone = dir.path().join("gone/a.md");
        assert!(matches!(write_fixed(&gone, "x", "y"), Err(WriteError::Vanished)));
    }
}
