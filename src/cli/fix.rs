//! Writing fixed files back, the only place dateline writes a user's file.
//!
//! Each write is atomic: the new bytes go to a temporary file (`.dateline-XXXXXX.tmp`) in
//! the same directory, which then replaces the file by a rename, so a crash, a full disk or
//! a refused write leaves the old file whole, never half of each. Permissions (and, where
//! allowed, the owner) are carried over. A temporary file left by a run that was killed is
//! removed by the next `--fix` ([`remove_stale_temp_files`]).
//!
//! What is never written, each reported with a [`WriteError`] (and exit 2 from `check`):
//! - a file whose real path (links followed) is outside the corpus ([`WriteScope`]): a
//!   symbolic link inside the corpus to a file inside it is written through (the target is
//!   replaced, the link stays), a link to a file outside it is not;
//! - a read-only file (no write permission bit), even for root, as an editor would refuse;
//! - a file with more than one hard link: the rename would give this name new bytes and
//!   leave the other names with the old ones, silently splitting what the user made one
//!   file, and writing in place instead is not atomic (a kill halfway would truncate it
//!   under every name). The user decides (fix it by hand, or give it one name);
//! - a file that changed since it was read. Its bytes must still be exactly what was read
//!   when we first look, and just before the rename its size, modification time, inode and
//!   bytes must be what they were at that first look: an editor or another tool that saved
//!   in between wins. (The rename itself cannot be made conditional; what is left is the
//!   moment between that last look and the rename.)
//!
//! The temporary file is read back before the rename: the bytes that replace the file are
//! exactly the fixed text (whose from-scratch analysis the fixer checked), plus the
//! byte-order mark the file had. Fixes are byte-span edits of the exact text read, so line
//! endings and everything else outside them stay byte-identical. (Files that are not UTF-8
//! never get here: the fixer leaves them alone.)

use std::fmt;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::corpus::Config;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Our temporary files: `.dateline-` + [`TEMP_RANDOM_LEN`] letters or digits + `.tmp`.
const TEMP_PREFIX: &str = ".dateline-";
const TEMP_SUFFIX: &str = ".tmp";
const TEMP_RANDOM_LEN: usize = 6;

/// Where fixes may be written: the corpus root and the folders `paths` names in
/// `dateline.toml`, with links resolved.
#[derive(Clone, Debug)]
pub struct WriteScope {
    folders: Vec<PathBuf>,
}

impl WriteScope {
    pub fn of(config: &Config) -> WriteScope {
        let folders = std::iter::once(config.root.clone())
            .chain(config.paths.iter().map(|dir| config.root.join(dir)))
            .filter_map(|dir| fs::canonicalize(dir).ok())
            .collect();
        WriteScope { folders }
    }

    /// Only `folder`: for a file named on the command line (`kb import --kb`), its folder.
    pub fn folder(folder: &Path) -> WriteScope {
        WriteScope { folders: fs::canonicalize(folder).ok().into_iter().collect() }
    }

    /// Whether `real` (a canonical path) is inside the corpus.
    pub fn contains(&self, real: &Path) -> bool {
        self.folders.iter().any(|folder| real.starts_with(folder))
    }
}

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
    /// The file's bytes, size, modification time or identity differ from what was read:
    /// someone else changed it.
    Changed,
    /// The path leads (through a symbolic link) to a file outside the corpus.
    OutsideCorpus {
        target: PathBuf,
    },
    /// The file has no write permission.
    ReadOnly,
    /// The file has `links` names (hard links); replacing one would split them.
    HardLinked {
        links: u64,
    },
    /// Not a regular file (a device, a FIFO, a directory).
    NotAFile,
    /// The temporary file did not read back as what was written to it.
    NotVerified {
        temp: PathBuf,
    },
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
            WriteError::OutsideCorpus { target } => {
                write!(f, "it is a link to {}, which is outside the corpus", target.display())
            }
            WriteError::ReadOnly => f.write_str("it is read-only"),
            WriteError::HardLinked { links } => write!(
                f,
                "it has {links} hard links, and replacing it would leave the others with the old text (fix it by hand, or give it a single name)"
            ),
            WriteError::NotAFile => f.write_str("it is not a regular file"),
            WriteError::NotVerified { temp } => {
                write!(f, "its new text did not read back as written from {}", temp.display())
            }
            WriteError::Io { action, path, error } => {
                write!(f, "cannot {action} {}: {error}", path.display())
            }
        }
    }
}

impl std::error::Error for WriteError {}

/// Replaces the file at `path`, whose text was `original` when it was read, with `fixed`,
/// if its real path is in `scope` and it can be replaced safely (see the module docs).
pub fn write_fixed(path: &Path, original: &str, fixed: &str, scope: &WriteScope) -> Result<(), WriteError> {
    write_fixed_with(path, original, fixed, scope, &mut |_| {})
}

/// [`write_fixed`], calling `before_last_look` with the real path once the temporary file
/// is written, just before the last look at the file (tests change the file there).
fn write_fixed_with(
    path: &Path,
    original: &str,
    fixed: &str,
    scope: &WriteScope,
    before_last_look: &mut dyn FnMut(&Path),
) -> Result<(), WriteError> {
    // Replace the target of a symbolic link, not the link; and only inside the corpus.
    let target = fs::canonicalize(path).map_err(|error| match error.kind() {
        io::ErrorKind::NotFound => WriteError::Vanished,
        _ => WriteError::Io { action: "resolve", path: path.to_path_buf(), error },
    })?;
    if !scope.contains(&target) {
        return Err(WriteError::OutsideCorpus { target });
    }
    let first = Look::at(&target, original)?;
    first.replaceable()?;
    let dir = target.parent().unwrap_or(Path::new("."));
    let mut temp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .rand_bytes(TEMP_RANDOM_LEN)
        .tempfile_in(dir)
        .map_err(io_error("create a temporary file in", dir))?;
    // From here on, an early return drops `temp`, which deletes it.
    let temp_path = temp.path().to_path_buf();
    let mut bytes = Vec::with_capacity(BOM.len() + fixed.len());
    if first.bom {
        bytes.extend_from_slice(BOM);
    }
    bytes.extend_from_slice(fixed.as_bytes());
    let written = temp
        .write_all(&bytes)
        .and_then(|()| temp.as_file().set_permissions(first.metadata.permissions()))
        .and_then(|()| temp.as_file().sync_all());
    written.map_err(io_error("write", &temp_path))?;
    keep_owner(temp.as_file(), &first.metadata);
    if fs::read(&temp_path).map_err(io_error("read back", &temp_path))? != bytes {
        return Err(WriteError::NotVerified { temp: temp_path });
    }
    before_last_look(&target);
    // The last look before the rename: a save since the first one is not overwritten.
    let last = Look::at(&target, original)?;
    if last.stamp != first.stamp {
        return Err(WriteError::Changed);
    }
    temp.persist(&target).map_err(|err| WriteError::Io {
        action: "replace",
        path: target.clone(),
        error: err.error,
    })?;
    Ok(())
}

/// What a look at the file found: it still holds the text read (maybe after a byte-order
/// mark), with this metadata.
struct Look {
    bom: bool,
    metadata: fs::Metadata,
    stamp: Stamp,
}

/// What must not change between the first look and the last: size, modification time and
/// identity (the bytes are compared in full with what was read at each look).
#[derive(Debug, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    #[cfg(unix)]
    inode: (u64, u64),
}

impl Stamp {
    fn of(metadata: &fs::Metadata) -> Stamp {
        Stamp {
            len: metadata.len(),
            modified: metadata.modified().ok(),
            #[cfg(unix)]
            inode: {
                use std::os::unix::fs::MetadataExt;
                (metadata.dev(), metadata.ino())
            },
        }
    }
}

impl Look {
    /// Reads the file between two looks at its metadata, which must agree (a write while
    /// reading is a change), and compares its bytes with `original`.
    fn at(path: &Path, original: &str) -> Result<Look, WriteError> {
        let gone = |action| {
            move |error: io::Error| match error.kind() {
                io::ErrorKind::NotFound => WriteError::Vanished,
                _ => WriteError::Io { action, path: path.to_path_buf(), error },
            }
        };
        let metadata = fs::metadata(path).map_err(gone("read the metadata of"))?;
        if !metadata.is_file() {
            return Err(WriteError::NotAFile);
        }
        let bytes = fs::read(path).map_err(gone("read"))?;
        let after = fs::metadata(path).map_err(gone("read the metadata of"))?;
        let stamp = Stamp::of(&metadata);
        if Stamp::of(&after) != stamp {
            return Err(WriteError::Changed);
        }
        let bom = if bytes == original.as_bytes() {
            false
        } else if bytes.strip_prefix(BOM) == Some(original.as_bytes()) {
            true
        } else {
            return Err(WriteError::Changed);
        };
        Ok(Look { bom, metadata, stamp })
    }

    /// Whether the file may be replaced: writable, and its only name.
    fn replaceable(&self) -> Result<(), WriteError> {
        if self.metadata.permissions().readonly() {
            return Err(WriteError::ReadOnly);
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let links = self.metadata.nlink();
            if links > 1 {
                return Err(WriteError::HardLinked { links });
            }
        }
        Ok(())
    }
}

/// Whether `name` is one of our temporary files.
fn is_temp_name(name: &str) -> bool {
    name.strip_prefix(TEMP_PREFIX).and_then(|rest| rest.strip_suffix(TEMP_SUFFIX)).is_some_and(|random| {
        random.len() == TEMP_RANDOM_LEN && random.bytes().all(|b| b.is_ascii_alphanumeric())
    })
}

/// Removes the temporary files a killed `--fix` left in `dir` (regular files named as
/// ours; links and anything else are left alone). Returns the files removed.
pub fn remove_stale_temp_files(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut removed = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let is_ours = entry.file_name().to_str().is_some_and(is_temp_name)
            && entry.file_type().is_ok_and(|kind| kind.is_file());
        if is_ours {
            fs::remove_file(entry.path())?;
            removed.push(entry.path());
        }
    }
    Ok(removed)
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

    fn scope(dir: &Path) -> WriteScope {
        WriteScope { folders: vec![fs::canonicalize(dir).unwrap()] }
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> =
            fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
        names.sort();
        names
    }

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
        write_fixed(&link, "old\r\ntext\r\n", "new\r\ntext\r\n", &scope(dir.path())).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"\xEF\xBB\xBFnew\r\ntext\r\n");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link stays a link");
            assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o640);
        }
        assert_eq!(names(dir.path()), ["a.md", "link.md"], "no temporary file left");
    }

    #[test]
    fn a_changed_or_vanished_file_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let scope = scope(dir.path());
        let path = dir.path().join("a.md");
        fs::write(&path, "saved by an editor since").unwrap();
        assert!(matches!(write_fixed(&path, "what was read", "fixed", &scope), Err(WriteError::Changed)));
        assert_eq!(fs::read_to_string(&path).unwrap(), "saved by an editor since");
        fs::remove_file(&path).unwrap();
        assert!(matches!(write_fixed(&path, "what was read", "fixed", &scope), Err(WriteError::Vanished)));
        assert!(!path.exists(), "a vanished file is not recreated");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0, "no temporary file left");
        let gone = dir.path().join("gone/a.md");
        assert!(matches!(write_fixed(&gone, "x", "y", &scope), Err(WriteError::Vanished)));
    }

    /// The binary cannot be raced reliably between its last look and the rename, so the
    /// hook changes the file right before that last look, in the three ways it checks.
    #[test]
    fn a_change_just_before_the_rename_aborts_the_write() {
        type Change = fn(&Path);
        let changes: [(&str, Change); 4] = [
            ("longer", |path| fs::write(path, "Pashinian spoke. Later.\n").unwrap()),
            ("same size, other bytes, same mtime", |path| {
                let modified = fs::metadata(path).unwrap().modified().unwrap();
                fs::write(path, "Pashinyan spoke.\n").unwrap();
                fs::File::options().write(true).open(path).unwrap().set_modified(modified).unwrap();
            }),
            ("same bytes, touched", |path| {
                let later =
                    fs::metadata(path).unwrap().modified().unwrap() + std::time::Duration::from_secs(5);
                fs::File::options().write(true).open(path).unwrap().set_modified(later).unwrap();
            }),
            ("replaced by a rename, same bytes and mtime", |path| {
                let modified = fs::metadata(path).unwrap().modified().unwrap();
                let other = path.with_extension("saved");
                fs::write(&other, fs::read(path).unwrap()).unwrap();
                fs::File::options().write(true).open(&other).unwrap().set_modified(modified).unwrap();
                fs::rename(&other, path).unwrap();
            }),
        ];
        for (what, change) in changes {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("a.md");
            let original = "Pashinian spoke.\n";
            fs::write(&path, original).unwrap();
            let mut changed_to = None;
            let result =
                write_fixed_with(&path, original, "Nikol Pashinyan spoke.\n", &scope(dir.path()), &mut |p| {
                    change(p);
                    changed_to = Some(fs::read(p).unwrap());
                });
            assert!(matches!(result, Err(WriteError::Changed)), "{what}: {result:?}");
            assert_eq!(Some(fs::read(&path).unwrap()), changed_to, "{what}: the other change stays");
            assert_eq!(names(dir.path()), ["a.md"], "{what}: the temporary file is removed");
        }
    }

    #[test]
    fn only_our_temporary_files_are_cleaned() {
        let dir = tempfile::tempdir().unwrap();
        for name in
            [".dateline-a1B2c3.tmp", ".dateline-a1B2c.tmp", ".dateline-a1B2c3.tmp.md", "dateline-a1B2c3.tmp"]
        {
            fs::write(dir.path().join(name), "x").unwrap();
        }
        fs::create_dir(dir.path().join(".dateline-dir123.tmp")).unwrap();
        let removed = remove_stale_temp_files(dir.path()).unwrap();
        assert_eq!(removed, [dir.path().join(".dateline-a1B2c3.tmp")]);
        assert_eq!(
            names(dir.path()),
            [".dateline-a1B2c.tmp", ".dateline-a1B2c3.tmp.md", ".dateline-dir123.tmp", "dateline-a1B2c3.tmp"]
        );
    }
}
