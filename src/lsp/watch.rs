//! Our own file watcher, for clients that cannot watch files for us (no dynamic
//! registration of `workspace/didChangeWatchedFiles`, as in Neovim on Linux). Events are
//! batched for a short quiet time, deduplicated, and handed to a callback (the state owner
//! sends them to itself as one `Msg::Watched`); this module knows nothing of the owner.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::mpsc::{RecvTimeoutError, channel};
use std::time::Duration;

use notify::{EventKind, RecursiveMode, Watcher};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum FileEventKind {
    Created,
    Changed,
    Deleted,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileEvent {
    pub path: PathBuf,
    pub kind: FileEventKind,
}

/// How long the disk must be quiet before a batch goes out: a `git pull` or a save that
/// writes a temporary file and renames it is one batch.
const QUIET: Duration = Duration::from_millis(150);

/// Keeps the watcher alive; dropping it stops watching.
pub struct FileWatcher {
    _watcher: notify::RecommendedWatcher,
}

/// Watches `dirs` recursively, calling `deliver` with each batch until it returns `false`
/// (nobody listens any more). `None` (with a warning) when the system will not watch.
pub fn spawn(
    dirs: &[PathBuf],
    deliver: impl Fn(Vec<FileEvent>) -> bool + Send + 'static,
) -> Option<FileWatcher> {
    let (tx, rx) = channel::<notify::Result<notify::Event>>();
    let mut watcher = match notify::recommended_watcher(tx) {
        Ok(watcher) => watcher,
        Err(err) => {
            tracing::warn!("cannot watch the corpus for changes: {err}");
            return None;
        }
    };
    for dir in dirs {
        if let Err(err) = watcher.watch(dir, RecursiveMode::Recursive) {
            tracing::warn!("cannot watch {}: {err}", dir.display());
        }
    }
    let spawned = std::thread::Builder::new().name("dateline-watch".into()).spawn(move || {
        let mut pending: BTreeMap<PathBuf, FileEventKind> = BTreeMap::new();
        loop {
            let timeout = if pending.is_empty() { Duration::from_secs(3600) } else { QUIET };
            match rx.recv_timeout(timeout) {
                Ok(Ok(event)) => {
                    let kind = match event.kind {
                        EventKind::Create(_) => FileEventKind::Created,
                        EventKind::Modify(_) => FileEventKind::Changed,
                        EventKind::Remove(_) => FileEventKind::Deleted,
                        _ => continue,
                    };
                    for path in event.paths {
                        // The last word wins, but a file created then changed is created.
                        let entry = pending.entry(path).or_insert(kind);
                        if !(*entry == FileEventKind::Created && kind == FileEventKind::Changed) {
                            *entry = kind;
                        }
                    }
                }
                Ok(Err(err)) => tracing::warn!("file watcher: {err}"),
                Err(RecvTimeoutError::Timeout) => {
                    if pending.is_empty() {
                        continue;
                    }
                    // A rename shows as a removal and a creation; a file whose events ended
                    // with it existing is re-read whatever the last event said.
                    let events = std::mem::take(&mut pending)
                        .into_iter()
                        .map(|(path, kind)| {
                            let kind = match (kind, path.exists()) {
                                (FileEventKind::Deleted, true) => FileEventKind::Changed,
                                (_, false) => FileEventKind::Deleted,
                                (kind, true) => kind,
                            };
                            FileEvent { path: crate::corpus::config::normalize(&path), kind }
                        })
                        .collect();
                    if !deliver(events) {
                        return;
                    }
                }
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
    });
    if let Err(err) = spawned {
        tracing::warn!("cannot start the file watcher: {err}");
        return None;
    }
    Some(FileWatcher { _watcher: watcher })
}
