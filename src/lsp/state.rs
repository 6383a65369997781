//! The one owner of server state: a thread that applies every document change and file
//! event in the order they arrived, publishes snapshots ([`World`]) for requests, and
//! computes diagnostics after a short debounce.
//!
//! Handlers never mutate state. A notification handler only forwards a [`Msg`] and bumps
//! the `submitted` counter; a request handler waits for a world whose `seq` has caught up
//! with the counter it saw, so it always answers against every change sent before it.
//!
//! Indexing runs on its own thread, so the owner keeps applying edits (and requests keep
//! being answered) while a large corpus loads; the finished hosts come back as
//! [`Msg::Indexed`], and the open documents are applied to them.
//!
//! Edits are coalesced: the owner takes every queued message at once, applies the text
//! edits to the buffers (cheap, on ropes), and analyses each changed document once, with
//! its latest text, before it publishes the next world. A flood of keystrokes costs one
//! analysis per batch, not one per keystroke, so a request waits for the latest text and
//! never for the analysis of a text that is already gone.
//!
//! A panic while handling a message (a bug) costs that message: the host is restored as it
//! was before the change, the document whose change panicked gets an internal-error
//! diagnostic, the panic is logged, and the owner goes on (see `fault`).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::Instant;

use ropey::Rope;
use tokio::sync::{mpsc, watch};
use tower_lsp_server::ls_types::{Diagnostic, TextDocumentContentChangeEvent, Uri};

use super::convert::{self, Converter, Encoding};
use super::fault::{self, Site};
use crate::analysis::{AnalysisHost, Change, LoadProgress, Snapshot};
use crate::checks::Severity;
use crate::checks::selection::Policy;
use crate::corpus::config::{CONFIG_FILE, ConfigError};
use crate::corpus::{Config, FileId};

/// What handlers (and the watcher, and the indexing thread) send to the owner.
pub enum Msg {
    /// Index these workspace roots (one corpus each) and publish diagnostics for them.
    /// `watch`: the client cannot watch files for us, so we watch them ourselves.
    Initialize {
        roots: Vec<PathBuf>,
        encoding: Encoding,
        options: ServerOptions,
        pull: bool,
        watch: bool,
    },
    /// A finished index (from the indexing thread) for `generation`.
    Indexed {
        generation: u64,
        hosts: Vec<AnalysisHost>,
        /// Each `dateline.toml` that could not be used (its corpus runs with defaults).
        config_errors: Vec<ConfigError>,
    },
    /// The index for `generation` panicked (a bug): the previous hosts keep serving.
    IndexFailed {
        generation: u64,
        message: String,
    },
    /// The KB of one corpus is built while its articles are still being analysed (from the
    /// indexing thread): KB queries can be answered from it meanwhile.
    KbReady {
        generation: u64,
        root: PathBuf,
        snapshot: Snapshot,
    },
    Open {
        uri: Uri,
        version: i32,
        text: String,
    },
    Change {
        uri: Uri,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
    },
    Close {
        uri: Uri,
    },
    /// Files created, changed or deleted on disk, as the client reports them.
    FilesChanged {
        events: Vec<FileEvent>,
    },
    /// The same, from our own watcher.
    Watched {
        events: Vec<FileEvent>,
    },
    /// New settings (`workspace/didChangeConfiguration`).
    Configure {
        options: ServerOptions,
    },
    /// Workspace folders added or removed.
    Folders {
        added: Vec<PathBuf>,
        removed: Vec<PathBuf>,
    },
    /// Read everything from disk again (`dateline.reindex`).
    Reindex,
}

pub use super::watch::{FileEvent, FileEventKind};

pub use super::options::ServerOptions;

/// An open editor buffer.
#[derive(Clone, Debug)]
pub struct OpenDoc {
    /// The URI exactly as the client sent it (echoed back in diagnostics).
    pub uri: Uri,
    pub version: i32,
    pub rope: Rope,
}

/// One workspace root and its corpus.
#[derive(Clone, Debug)]
pub struct Workspace {
    pub root: PathBuf,
    pub snapshot: Snapshot,
}

/// An immutable view of everything the server knows, at message `seq`.
#[derive(Clone, Debug, Default)]
pub struct World {
    /// How many messages have been applied.
    pub seq: u64,
    pub encoding: Encoding,
    pub options: ServerOptions,
    pub workspaces: Arc<Vec<Workspace>>,
    /// A (re)index is running; `workspaces` may be empty or out of date until it ends.
    pub indexing: bool,
    /// The open documents: the URI as the client wrote it, and the version.
    pub open: Arc<HashMap<PathBuf, (Uri, i32)>>,
    /// Documents whose latest change could not be analysed (a panic, with its message):
    /// their diagnostics are that internal error.
    pub failed: Arc<HashMap<PathBuf, String>>,
}

impl World {
    /// The corpus and file for `uri`, if it belongs to one.
    pub fn file(&self, uri: &Uri) -> Option<(&Snapshot, FileId)> {
        let path = convert::uri_to_path(uri)?;
        let workspace = workspace_for(&self.workspaces, &path)?;
        let snapshot = &self.workspaces[workspace].snapshot;
        Some((snapshot, snapshot.file_id(&path)?))
    }

    pub fn converter<'a>(&self, snapshot: &'a Snapshot) -> Converter<'a> {
        Converter { snapshot, encoding: self.encoding }
    }
}

/// The workspace whose corpus owns `path` (`analysis::route`, as for edits).
fn workspace_for(workspaces: &[Workspace], path: &Path) -> Option<usize> {
    crate::analysis::route(workspaces.iter().map(|w| (w.root.as_path(), w.snapshot.membership(path))))
}

/// What the owner asks the async side to send, in order.
#[derive(Debug)]
pub enum Out {
    Publish {
        uri: Uri,
        diagnostics: Vec<Diagnostic>,
        version: Option<i32>,
    },
    /// Pull mode: ask the client to pull diagnostics again.
    Refresh,
    /// What the client shows from earlier answers (inlay hints, semantic tokens, code
    /// lenses) may be stale: after an index, which requests during it could not see, and
    /// after a settings change.
    RefreshViews,
    Progress(IndexProgress),
    /// Something the user must know that no diagnostic can carry (an index that failed).
    Error(String),
}

/// Indexing progress, for `$/progress`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IndexProgress {
    Begin {
        total: usize,
    },
    Report {
        done: usize,
        total: usize,
    },
    End {
        files: usize,
        millis: u128,
        /// The server's memory once indexed, where the system says.
        memory: Option<crate::memory::ProcessMemory>,
    },
    /// The index panicked.
    Failed,
}

struct Owner {
    encoding: Encoding,
    options: ServerOptions,
    /// Pull diagnostics (the client asks) rather than push.
    pull: bool,
    /// Watch the corpus ourselves (the client cannot).
    own_watch: bool,
    watcher: Option<super::watch::FileWatcher>,
    roots: Vec<PathBuf>,
    hosts: Vec<AnalysisHost>,
    /// During the first index: corpora whose KB is ready and whose articles are not.
    provisional: Vec<Workspace>,
    docs: HashMap<PathBuf, OpenDoc>,
    seq: u64,
    /// Bumped by each (re)index, so a slower, older index is dropped when it arrives.
    generation: u64,
    indexing: bool,
    world: watch::Sender<Arc<World>>,
    out: mpsc::UnboundedSender<Out>,
    /// To send ourselves the finished index.
    inbox: Sender<Msg>,
    /// Files whose diagnostics must be recomputed, per workspace.
    dirty: Vec<Vec<FileId>>,
    /// Files removed since the last publication: their diagnostics are cleared.
    cleared: Vec<PathBuf>,
    /// The `dateline.toml` files with a diagnostic now, cleared when they are fixed.
    broken_configs: Vec<PathBuf>,
    /// What was last published per URI, so unchanged diagnostics are not sent again.
    published: HashMap<String, Vec<Diagnostic>>,
    /// Documents whose text the hosts have not seen yet (open: the buffer; closed: the
    /// disk), applied once each, with the latest text, before the next world.
    stale: BTreeSet<PathBuf>,
    /// Documents whose last change panicked, with the panic's message.
    failed: HashMap<PathBuf, String>,
    /// Documents that failed since the last publication.
    failed_dirty: Vec<PathBuf>,
    /// The last index panicked: the next change on disk tries again.
    index_failed: bool,
}

/// Runs the owner until every sender is gone.
pub fn run(
    rx: Receiver<Msg>,
    inbox: Sender<Msg>,
    world: watch::Sender<Arc<World>>,
    out: mpsc::UnboundedSender<Out>,
) {
    let mut owner = Owner::new(inbox, world, out);
    while let Ok(msg) = rx.recv() {
        // Apply everything already queued before publishing a world: a burst of keystrokes
        // becomes one snapshot and one analysis.
        owner.handle_batch(std::iter::once(msg).chain(rx.try_iter()).collect());
        owner.publish();
        // Debounce diagnostics: keep applying edits (so requests stay current) until the
        // client has been quiet for the debounce time.
        let mut deadline = Instant::now() + owner.options.debounce;
        loop {
            let now = Instant::now();
            if now >= deadline {
                break;
            }
            match rx.recv_timeout(deadline - now) {
                Ok(msg) => {
                    owner.handle_batch(std::iter::once(msg).chain(rx.try_iter()).collect());
                    owner.publish();
                    deadline = Instant::now() + owner.options.debounce;
                }
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        let _ = fault::guard("publishing diagnostics", || owner.publish_diagnostics());
    }
}

/// Empties the edits that a later message of the same batch makes moot: everything before
/// a full-text change, an open or a close of the same document. The messages themselves
/// stay (each counts for `seq`, and the version still advances).
fn supersede(batch: &mut [Msg]) {
    let mut replaced: HashSet<PathBuf> = HashSet::new();
    for msg in batch.iter_mut().rev() {
        match msg {
            Msg::Open { uri, .. } | Msg::Close { uri } => replaced.extend(convert::uri_to_path(uri)),
            Msg::Change { uri, changes, .. } => {
                let Some(path) = convert::uri_to_path(uri) else { continue };
                if replaced.contains(&path) {
                    changes.clear();
                } else if let Some(last_full) = changes.iter().rposition(|change| change.range.is_none()) {
                    changes.drain(..last_full);
                    replaced.insert(path);
                }
            }
            _ => {}
        }
    }
}

impl Owner {
    fn new(inbox: Sender<Msg>, world: watch::Sender<Arc<World>>, out: mpsc::UnboundedSender<Out>) -> Owner {
        Owner {
            encoding: Encoding::default(),
            options: ServerOptions::default(),
            pull: false,
            own_watch: false,
            watcher: None,
            roots: Vec::new(),
            hosts: Vec::new(),
            provisional: Vec::new(),
            docs: HashMap::new(),
            seq: 0,
            generation: 0,
            indexing: false,
            world,
            out,
            inbox,
            dirty: Vec::new(),
            cleared: Vec::new(),
            broken_configs: Vec::new(),
            published: HashMap::new(),
            stale: BTreeSet::new(),
            failed: HashMap::new(),
            failed_dirty: Vec::new(),
            index_failed: false,
        }
    }

    /// Handles a batch of messages in order, each under its own guard.
    fn handle_batch(&mut self, mut batch: Vec<Msg>) {
        supersede(&mut batch);
        for msg in batch {
            // `seq` counts only what handlers sent, which is what requests wait for; the
            // index and the watcher come on their own time. Counted outside the guard: a
            // message that panicked is still done with, or requests would wait forever.
            if !matches!(
                msg,
                Msg::Indexed { .. } | Msg::IndexFailed { .. } | Msg::KbReady { .. } | Msg::Watched { .. }
            ) {
                self.seq += 1;
            }
            let _ = fault::guard("handling a message", || self.handle(msg));
        }
    }

    fn handle(&mut self, msg: Msg) {
        match msg {
            Msg::Initialize { roots, encoding, options, pull, watch } => {
                self.encoding = encoding;
                self.options = options;
                self.pull = pull;
                self.own_watch = watch;
                self.roots = roots;
                self.start_index();
            }
            Msg::Indexed { generation, hosts, config_errors } => {
                self.indexed(generation, hosts);
                self.publish_config_errors(&config_errors);
            }
            Msg::IndexFailed { generation, message } => {
                if generation != self.generation {
                    return;
                }
                self.provisional.clear();
                self.indexing = false;
                if !self.index_failed {
                    let _ = self.out.send(Out::Error(format!(
                        "dateline could not index the corpus (internal error: {message}); this is a bug, please report it. It tries again when a file changes."
                    )));
                }
                self.index_failed = true;
            }
            Msg::KbReady { generation, root, snapshot } => {
                // Only where nothing better is known: a re-index keeps answering from the
                // previous full index until the new one is done.
                let known = self.hosts.iter().any(|h| h.config().root == root);
                if generation == self.generation && !known {
                    self.provisional.push(Workspace { root, snapshot });
                }
            }
            Msg::Open { uri, version, text } => {
                let Some(path) = convert::uri_to_path(&uri) else { return };
                let rope = Rope::from_str(&text);
                self.docs.insert(path.clone(), OpenDoc { uri, version, rope });
                self.stale.insert(path);
            }
            Msg::Change { uri, version, changes } => {
                let Some(path) = convert::uri_to_path(&uri) else { return };
                let Some(doc) = self.docs.get_mut(&path) else {
                    tracing::warn!("change for a document that is not open: {}", uri.as_str());
                    return;
                };
                for change in &changes {
                    if let Err(err) = convert::apply_change(&mut doc.rope, change, self.encoding) {
                        tracing::error!("dropping an edit to {}: {}", uri.as_str(), err.message);
                    }
                }
                doc.version = version;
                self.stale.insert(path);
            }
            Msg::Close { uri } => {
                let Some(path) = convert::uri_to_path(&uri) else { return };
                self.docs.remove(&path);
                // Unsaved edits are discarded with the buffer: go back to the disk.
                self.stale.insert(path);
            }
            Msg::FilesChanged { events } | Msg::Watched { events } => self.files_changed(events),
            Msg::Configure { options } => {
                let reindex = options.severity != self.options.severity;
                let views = options.inlay != self.options.inlay;
                self.options = options;
                if reindex {
                    self.start_index();
                } else if views {
                    let _ = self.out.send(Out::RefreshViews);
                }
            }
            Msg::Folders { added, removed } => {
                self.roots.retain(|root| !removed.contains(root));
                for root in added {
                    if !self.roots.contains(&root) {
                        self.roots.push(root);
                    }
                }
                self.start_index();
            }
            Msg::Reindex => self.start_index(),
        }
    }

    /// Starts indexing every root on a thread of its own; the result comes back as
    /// `Msg::Indexed`. Until then the current hosts (if any) keep serving.
    fn start_index(&mut self) {
        self.generation += 1;
        self.provisional.clear();
        self.indexing = true;
        let generation = self.generation;
        let roots = self.roots.clone();
        let severity = self.options.severity.clone();
        let inbox = self.inbox.clone();
        let out = self.out.clone();
        let spawned = std::thread::Builder::new().name("dateline-index".into()).spawn(move || {
            let failed = inbox.clone();
            let indexed = fault::guard("indexing", || index(generation, &roots, &severity, &inbox, &out));
            if let Err(message) = indexed {
                let _ = out.send(Out::Progress(IndexProgress::Failed));
                let _ = failed.send(Msg::IndexFailed { generation, message });
            }
        });
        if let Err(err) = spawned {
            tracing::error!("cannot start indexing: {err}");
            self.indexing = false;
        }
    }

    fn indexed(&mut self, generation: u64, hosts: Vec<AnalysisHost>) {
        if generation != self.generation {
            return; // A newer index is on its way.
        }
        self.provisional.clear();
        // Files that no longer exist in any corpus get their diagnostics cleared.
        let old = corpus_paths(&self.hosts);
        self.dirty = hosts.iter().map(|host| host.snapshot().files().collect()).collect();
        self.hosts = hosts;
        // Open buffers win over the disk; closed documents were just read from it. The
        // index read every file again, so what failed before is tried again too.
        self.failed.clear();
        self.stale = self.docs.keys().cloned().collect();
        self.flush();
        let still: HashSet<PathBuf> = corpus_paths(&self.hosts).into_iter().collect();
        self.cleared.extend(old.into_iter().filter(|p| !still.contains(p)));
        if self.own_watch {
            // Every folder a corpus reads, including those its config reaches outside the
            // root.
            let mut dirs: Vec<PathBuf> = self
                .hosts
                .iter()
                .flat_map(|h| {
                    let config = h.config();
                    std::iter::once(config.root.clone()).chain(
                        config.paths.iter().map(|p| crate::corpus::config::normalize(&config.root.join(p))),
                    )
                })
                .filter(|d| d.is_dir())
                .collect();
            dirs.sort();
            dirs.dedup();
            let all = dirs.clone();
            dirs.retain(|d| !all.iter().any(|other| other != d && d.starts_with(other)));
            let inbox = self.inbox.clone();
            self.watcher =
                super::watch::spawn(&dirs, move |events| inbox.send(Msg::Watched { events }).is_ok());
        }
        self.indexing = false;
        self.index_failed = false;
        let _ = self.out.send(Out::RefreshViews);
    }

    /// Applies the documents whose text changed since the last world, each once, with its
    /// latest text: the buffer if open, else the disk. One batch per corpus.
    fn flush(&mut self) {
        let mut batches: Vec<Vec<Change>> = vec![Vec::new(); self.hosts.len()];
        for path in std::mem::take(&mut self.stale) {
            let Some(idx) = host_for(&self.hosts, &path) else { continue };
            let change = match self.docs.get(&path) {
                Some(doc) => Change::SetText { text: doc.rope.to_string(), path },
                None => Change::Reload { path },
            };
            batches[idx].push(change);
        }
        for (idx, batch) in batches.into_iter().enumerate() {
            if !batch.is_empty() {
                self.apply(idx, batch);
            }
        }
    }

    /// Applies `changes` to the host of corpus `idx`, and marks what they affect for
    /// publication. A panic (a bug) leaves the host as it was before; the changes are then
    /// tried one at a time, and the documents whose own change panics are marked failed,
    /// so one bad document costs only itself.
    fn apply(&mut self, idx: usize, changes: Vec<Change>) {
        let paths: Vec<PathBuf> = changes.iter().map(|change| change_path(change).to_path_buf()).collect();
        let one_by_one = (changes.len() > 1).then(|| changes.clone());
        // Cheap: the snapshot is `Arc`s, shared with the published world anyway.
        let before = self.hosts[idx].clone();
        let host = &mut self.hosts[idx];
        let applied = fault::guard("applying a change", move || {
            for change in &changes {
                if let Change::SetText { text, .. } = change {
                    fault::inject(Site::Edit, text);
                }
            }
            host.apply(changes)
        });
        match applied {
            Ok(result) => {
                self.dirty[idx].extend(result.affected);
                for file in result.removed {
                    if let Some(path) = paths.iter().find(|p| self.hosts[idx].file_id(p) == Some(file)) {
                        self.cleared.push(path.clone());
                    }
                }
                for path in &paths {
                    // Recovered: its findings replace the internal error.
                    if self.failed.remove(path).is_some()
                        && let Some(file) = self.hosts[idx].file_id(path)
                    {
                        self.dirty[idx].push(file);
                    }
                }
            }
            Err(message) => {
                self.hosts[idx] = before;
                match one_by_one {
                    Some(changes) => changes.into_iter().for_each(|change| self.apply(idx, vec![change])),
                    None => {
                        for path in paths {
                            self.failed.insert(path.clone(), message.clone());
                            self.failed_dirty.push(path);
                        }
                    }
                }
            }
        }
    }

    /// Disk events: a config file reloads its corpus; an open document ignores them (the
    /// buffer is the truth until it is closed); the rest is applied per corpus in one batch.
    fn files_changed(&mut self, events: Vec<FileEvent>) {
        if events.iter().any(|e| e.path.file_name().is_some_and(|n| n == CONFIG_FILE)) {
            tracing::info!("{CONFIG_FILE} changed: reindexing");
            self.start_index();
            return;
        }
        if self.index_failed {
            // The failure may have come from a file that just changed: try again.
            self.start_index();
            return;
        }
        let events = expand_folders(events, &self.hosts);
        let mut batches: Vec<Vec<Change>> = vec![Vec::new(); self.hosts.len()];
        for event in events {
            if self.docs.contains_key(&event.path) {
                continue;
            }
            let Some(idx) = host_for(&self.hosts, &event.path) else { continue };
            let change = match event.kind {
                FileEventKind::Created | FileEventKind::Changed => Change::Reload { path: event.path },
                FileEventKind::Deleted => Change::Remove { path: event.path },
            };
            batches[idx].push(change);
        }
        for (idx, batch) in batches.into_iter().enumerate() {
            if !batch.is_empty() {
                self.apply(idx, batch);
            }
        }
    }

    /// Applies what is pending and publishes the world. Requests wait for its `seq`: should
    /// building it panic, the previous world is published again with the new `seq`, so no
    /// request waits forever.
    fn publish(&mut self) {
        if fault::guard("publishing a snapshot", || self.publish_world()).is_err() {
            let mut world = World::clone(&self.world.borrow());
            world.seq = self.seq;
            self.world.send_replace(Arc::new(world));
        }
    }

    fn publish_world(&mut self) {
        self.flush();
        let workspaces = self
            .hosts
            .iter()
            .map(|host| Workspace { root: host.config().root.clone(), snapshot: host.snapshot() })
            .chain(self.provisional.iter().cloned())
            .collect();
        let world = World {
            seq: self.seq,
            encoding: self.encoding,
            options: self.options.clone(),
            workspaces: Arc::new(workspaces),
            indexing: self.indexing,
            open: Arc::new(
                self.docs.iter().map(|(path, doc)| (path.clone(), (doc.uri.clone(), doc.version))).collect(),
            ),
            failed: Arc::new(self.failed.clone()),
        };
        self.world.send_replace(Arc::new(world));
    }

    fn publish_diagnostics(&mut self) {
        if self.pull {
            // The client asks for diagnostics itself; tell it when they may have changed.
            let changed = !self.cleared.is_empty()
                || !self.failed_dirty.is_empty()
                || self.dirty.iter().any(|d| !d.is_empty());
            self.cleared.clear();
            self.failed_dirty.clear();
            self.dirty.iter_mut().for_each(Vec::clear);
            if changed {
                let _ = self.out.send(Out::Refresh);
            }
            return;
        }
        for path in std::mem::take(&mut self.cleared) {
            if let Some(uri) = convert::path_to_uri(&path) {
                self.send(uri, Vec::new(), None);
            }
        }
        for path in std::mem::take(&mut self.failed_dirty) {
            let Some(message) = self.failed.get(&path) else { continue };
            let diagnostics = vec![convert::internal_error(message)];
            let doc = self.docs.get(&path);
            let Some(uri) = doc.map(|d| d.uri.clone()).or_else(|| convert::path_to_uri(&path)) else {
                continue;
            };
            let version = doc.map(|d| d.version);
            self.send(uri, diagnostics, version);
        }
        for idx in 0..self.hosts.len() {
            let mut files = std::mem::take(&mut self.dirty[idx]);
            files.sort();
            files.dedup();
            if files.is_empty() {
                continue;
            }
            let snapshot = self.hosts[idx].snapshot();
            let converter = Converter { snapshot: &snapshot, encoding: self.encoding };
            for file in files {
                let Some(path) = snapshot.path(file) else { continue };
                if self.failed.contains_key(path) {
                    continue; // Its findings are of an older text; the internal error stands.
                }
                let doc = self.docs.get(path);
                let Some(uri) = doc.map(|d| d.uri.clone()).or_else(|| convert::path_to_uri(path)) else {
                    continue;
                };
                let version = doc.map(|d| d.version);
                let diagnostics =
                    snapshot.findings(file).iter().filter_map(|f| converter.diagnostic(f)).collect();
                self.send(uri, diagnostics, version);
            }
        }
    }

    /// A `dateline.toml` that cannot be used gets its error as a diagnostic at its place
    /// (the corpus runs with defaults meanwhile); one that was broken and is not any more
    /// gets its diagnostic cleared.
    fn publish_config_errors(&mut self, errors: &[ConfigError]) {
        let mut broken = Vec::new();
        for error in errors {
            let Some(path) = &error.file else { continue };
            let Some(uri) = convert::path_to_uri(path) else { continue };
            let text = std::fs::read_to_string(path).unwrap_or_default();
            let index = crate::span::LineIndex::new(&text);
            let lines = convert::Lines { text: &text, index: &index, encoding: self.encoding };
            let span = error.span.filter(|s| s.end as usize <= text.len()).unwrap_or_default();
            let diagnostic = Diagnostic {
                range: lines.range(span),
                severity: Some(tower_lsp_server::ls_types::DiagnosticSeverity::ERROR),
                source: Some("dateline".to_owned()),
                message: format!(
                    "{}; until it is fixed, this corpus is checked with the defaults",
                    error.message
                ),
                ..Default::default()
            };
            let version = self.docs.get(path).map(|d| d.version);
            self.send(uri, vec![diagnostic], version);
            broken.push(path.clone());
        }
        for fixed in std::mem::replace(&mut self.broken_configs, broken.clone()) {
            if !broken.contains(&fixed)
                && let Some(uri) = convert::path_to_uri(&fixed)
            {
                self.send(uri, Vec::new(), None);
            }
        }
    }

    fn send(&mut self, uri: Uri, diagnostics: Vec<Diagnostic>, version: Option<i32>) {
        let key = uri.as_str().to_owned();
        if version.is_none() && self.published.get(&key) == Some(&diagnostics) {
            return;
        }
        self.published.insert(key, diagnostics.clone());
        let _ = self.out.send(Out::Publish { uri, diagnostics, version });
    }
}

/// Every file path the hosts know.
fn corpus_paths(hosts: &[AnalysisHost]) -> Vec<PathBuf> {
    hosts
        .iter()
        .flat_map(|h| {
            let s = h.snapshot();
            s.files().filter_map(|f| s.path(f).map(Path::to_path_buf)).collect::<Vec<_>>()
        })
        .collect()
}

fn change_path(change: &Change) -> &Path {
    match change {
        Change::SetText { path, .. }
        | Change::SetSource { path, .. }
        | Change::Reload { path }
        | Change::Remove { path } => path,
    }
}

/// Loads every root (one host each), reporting progress, and sends the hosts back to the
/// owner. Runs on the indexing thread.
fn index(
    generation: u64,
    roots: &[PathBuf],
    severity: &BTreeMap<String, Option<Severity>>,
    inbox: &Sender<Msg>,
    out: &mpsc::UnboundedSender<Out>,
) {
    let started = Instant::now();
    // The editor's severities are one more layer, as the command line's flags are.
    let layer = crate::checks::selection::SelectionLayer { severity: severity.clone(), ..Default::default() };
    let opened = crate::analysis::open(roots, &layer);
    for err in &opened.errors {
        tracing::error!("{err}; using defaults");
    }
    let config_errors = opened.errors;
    // One walk per corpus: its files are counted for the progress bar, then loaded.
    let configs: Vec<(Config, Policy, Vec<crate::corpus::Discovered>)> = opened
        .corpora
        .into_iter()
        .map(|opening| {
            let discovered = crate::corpus::discover(&opening.config);
            (opening.config, opening.policy, discovered)
        })
        .collect();
    let total: usize = configs.iter().map(|(_, _, files)| files.len()).sum();
    let _ = out.send(Out::Progress(IndexProgress::Begin { total }));
    let mut before = 0;
    let mut hosts = Vec::new();
    for (config, policy, discovered) in configs {
        let last_sent = std::sync::atomic::AtomicUsize::new(0);
        let report = |progress: LoadProgress| {
            // Reading and checking each count half: one bar from 0 to total.
            let done = before
                + match progress.stage {
                    crate::analysis::LoadStage::Reading => progress.done / 2,
                    crate::analysis::LoadStage::Checking => progress.total / 2 + progress.done / 2,
                };
            let step = (total / 50).max(1);
            let previous = last_sent.load(std::sync::atomic::Ordering::Relaxed);
            if done >= previous + step {
                last_sent.store(done, std::sync::atomic::Ordering::Relaxed);
                let _ = out.send(Out::Progress(IndexProgress::Report { done, total }));
            }
        };
        let root = config.root.clone();
        let kb_ready = |snapshot| {
            let _ = inbox.send(Msg::KbReady { generation, root: root.clone(), snapshot });
        };
        let host = AnalysisHost::load_discovered(config, policy, discovered, &report, Some(&kb_ready));
        before += host.snapshot().files().count();
        hosts.push(host);
    }
    if fault::armed(Site::Index).is_some() {
        for host in &hosts {
            let snapshot = host.snapshot();
            snapshot
                .files()
                .filter_map(|file| snapshot.text(file))
                .for_each(|text| fault::inject(Site::Index, text));
        }
    }
    let millis = started.elapsed().as_millis();
    let memory = crate::memory::ProcessMemory::now();
    let held = memory.map(|m| format!(", {m}")).unwrap_or_default();
    tracing::info!("indexed {before} files in {} workspace(s) in {millis} ms{held}", hosts.len());
    let _ = out.send(Out::Progress(IndexProgress::End { files: before, millis, memory }));
    let _ = inbox.send(Msg::Indexed { generation, hosts, config_errors });
}

/// Folder events as the file events they stand for: clients and the kernel report a folder
/// moved in, moved away or deleted as one event for the folder, not one per file in it.
fn expand_folders(events: Vec<FileEvent>, hosts: &[AnalysisHost]) -> Vec<FileEvent> {
    let mut out = Vec::with_capacity(events.len());
    for event in events {
        if event.path.is_dir() {
            // A folder appeared (or was renamed into place): everything in it is new.
            let walk = ignore::WalkBuilder::new(&event.path).follow_links(true).build();
            out.extend(walk.flatten().filter(|e| e.file_type().is_some_and(|t| t.is_file())).map(|e| {
                FileEvent { path: crate::corpus::config::normalize(e.path()), kind: FileEventKind::Created }
            }));
        } else if event.kind == FileEventKind::Deleted
            && hosts.iter().all(|h| h.file_id(&event.path).is_none())
        {
            // Perhaps a folder: every known file under it is gone.
            for host in hosts {
                let snapshot = host.snapshot();
                out.extend(
                    snapshot
                        .files()
                        .filter_map(|f| snapshot.path(f))
                        .filter(|p| p.starts_with(&event.path) && !p.exists())
                        .map(|p| FileEvent { path: p.to_path_buf(), kind: FileEventKind::Deleted }),
                );
            }
        } else {
            out.push(event);
        }
    }
    out
}

/// The host whose corpus includes `path` (`analysis::route`: one with the file, else one
/// whose globs take it), as for requests.
fn host_for(hosts: &[AnalysisHost], path: &Path) -> Option<usize> {
    crate::analysis::route(hosts.iter().map(|host| (host.config().root.as_path(), host.membership(path))))
}

#[cfg(test)]
mod tests {
    use tower_lsp_server::ls_types::{Position, Range};

    use super::*;

    /// An owner serving a corpus of one KB and one open article `a.md`, without the
    /// indexing thread.
    fn owner_of(dir: &Path) -> (Owner, Uri) {
        let kb = "[[entity]]\nid = \"nikol-pashinyan\"\nkind = \"person\"\nname = \"Nikol Pashinyan\"\n";
        std::fs::create_dir_all(dir.join("kb")).unwrap();
        std::fs::write(dir.join("kb/kb.toml"), kb).unwrap();
        std::fs::write(dir.join("a.md"), "").unwrap();
        let (inbox, _) = std::sync::mpsc::channel();
        let (world, _) = watch::channel(Arc::new(World::default()));
        let (out, _) = mpsc::unbounded_channel();
        let mut owner = Owner::new(inbox, world, out);
        owner.hosts = vec![AnalysisHost::load(Config::defaults(dir.to_path_buf()))];
        owner.dirty = vec![Vec::new()];
        let uri = convert::path_to_uri(&dir.join("a.md")).unwrap();
        owner.handle_batch(vec![Msg::Open { uri: uri.clone(), version: 1, text: "Nikol Pashinyan".into() }]);
        owner.publish();
        (owner, uri)
    }

    fn insert(uri: &Uri, version: i32, at: u32, text: &str) -> Msg {
        let position = Position { line: 0, character: at };
        let change = TextDocumentContentChangeEvent {
            range: Some(Range { start: position, end: position }),
            range_length: None,
            text: text.into(),
        };
        Msg::Change { uri: uri.clone(), version, changes: vec![change] }
    }

    #[test]
    fn a_burst_of_edits_is_analysed_once_with_the_latest_text() {
        let dir = tempfile::tempdir().unwrap();
        let (mut owner, uri) = owner_of(dir.path());
        let before = owner.hosts[0].snapshot().revision();
        let burst = (0..100).map(|i| insert(&uri, i + 2, 15 + i as u32, "x")).collect();
        owner.handle_batch(burst);
        owner.publish();
        let snapshot = owner.hosts[0].snapshot();
        assert_eq!(snapshot.revision(), before + 1, "one analysis for the whole burst");
        let file = snapshot.file_id(&dir.path().join("a.md")).unwrap();
        assert_eq!(snapshot.text(file), Some(format!("Nikol Pashinyan{}", "x".repeat(100)).as_str()));
        assert_eq!(owner.world.borrow().open.values().next().map(|(_, version)| *version), Some(101));
    }

    #[test]
    fn edits_before_a_full_text_change_are_dropped_unapplied() {
        let uri = convert::path_to_uri(Path::new("/corpus/a.md")).unwrap();
        let other = convert::path_to_uri(Path::new("/corpus/b.md")).unwrap();
        let full = |text: &str| TextDocumentContentChangeEvent {
            range: None,
            range_length: None,
            text: text.into(),
        };
        let mut batch = vec![
            insert(&uri, 2, 0, "a"),
            insert(&other, 2, 0, "b"),
            Msg::Change { uri: uri.clone(), version: 3, changes: vec![full("one"), full("two")] },
            insert(&uri, 4, 3, "c"),
        ];
        supersede(&mut batch);
        let edits: Vec<Vec<String>> = batch
            .iter()
            .map(|msg| match msg {
                Msg::Change { changes, .. } => changes.iter().map(|c| c.text.clone()).collect(),
                _ => Vec::new(),
            })
            .collect();
        assert_eq!(edits, [vec![], vec!["b".to_owned()], vec!["two".to_owned()], vec!["c".to_owned()]]);
    }

    #[test]
    fn settings_are_read_leniently() {
        let options = ServerOptions::from_json(Some(&serde_json::json!({
            "checks": {"severity": {"name/": "error", "date/weekday-mismatch": "off", "x/": "loud"}},
            "inlayHints": {"dates": false, "roles": "yes"},
            "unknown": 1,
        })));
        assert!(!options.inlay.dates && !options.inlay.roles);
        assert_eq!(options.severity.get("name/"), Some(&Some(Severity::Error)));
        assert_eq!(options.severity.get("date/weekday-mismatch"), Some(&None));
        assert!(!options.severity.contains_key("x/"), "a bad level is dropped, with a warning");
        let mut lua = options.clone();
        lua.update(Some(&serde_json::json!({"checks": {"severity": []}})));
        assert!(lua.severity.is_empty());
        assert_eq!(ServerOptions::from_json(Some(&serde_json::Value::Null)), ServerOptions::default());
    }
}
