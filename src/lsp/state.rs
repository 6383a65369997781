//! The one owner of server state: a thread that applies every document change and file
//! event in the order the client sent them, publishes snapshots ([`World`]) for requests,
//! and computes diagnostics after a short debounce.
//!
//! Handlers never mutate state. A notification handler only forwards a [`Msg`] and bumps
//! the `submitted` counter; a request handler waits for a world whose `seq` has caught up
//! with the counter it saw, so it always answers against every change sent before it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use ropey::Rope;
use tokio::sync::{mpsc, watch};
use tower_lsp_server::ls_types::{Diagnostic, TextDocumentContentChangeEvent, Uri};

use super::convert::{self, Converter, Encoding};
use crate::analysis::{AnalysisHost, Change, InlayOptions, Snapshot};
use crate::corpus::{Config, FileId};

/// What handlers send to the owner.
#[derive(Debug)]
pub enum Msg {
    /// Index these workspace roots (one corpus each) and publish diagnostics for them.
    Initialize {
        roots: Vec<PathBuf>,
        encoding: Encoding,
        options: ServerOptions,
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
}

/// Server settings: `initializationOptions`, and the `dateline` section of the client's
/// configuration later. The shape the editor packages send:
/// `{"checks": {"severity": {"name/": "error"}}, "inlayHints": {"dates": true, "roles": false}}`.
#[derive(Clone, Debug, PartialEq)]
pub struct ServerOptions {
    /// Quiet time after the last edit before diagnostics are computed and published.
    pub debounce: Duration,
    pub inlay: InlayOptions,
}

impl Default for ServerOptions {
    fn default() -> ServerOptions {
        ServerOptions {
            debounce: Duration::from_millis(50),
            inlay: InlayOptions { dates: true, roles: false },
        }
    }
}

impl ServerOptions {
    /// Reads the settings object leniently: missing or mistyped keys keep their defaults
    /// (clients differ: Lua sends `[]` for an empty table, Helix sends `null`).
    pub fn from_json(value: Option<&serde_json::Value>) -> ServerOptions {
        let mut options = ServerOptions::default();
        let Some(value) = value.filter(|v| v.is_object()) else { return options };
        let hints = &value["inlayHints"];
        if let Some(dates) = hints["dates"].as_bool() {
            options.inlay.dates = dates;
        }
        if let Some(roles) = hints["roles"].as_bool() {
            options.inlay.roles = roles;
        }
        if let Some(ms) = value["diagnostics"]["debounceMs"].as_u64() {
            options.debounce = Duration::from_millis(ms.min(5_000));
        }
        options
    }
}

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

/// The workspace whose corpus owns `path`: the deepest root above it.
fn workspace_for(workspaces: &[Workspace], path: &Path) -> Option<usize> {
    workspaces
        .iter()
        .enumerate()
        .filter(|(_, w)| path.starts_with(&w.root) || w.snapshot.file_id(path).is_some())
        .max_by_key(|(_, w)| w.root.components().count())
        .map(|(i, _)| i)
}

/// A batch of diagnostics for one document, in publication order.
#[derive(Debug)]
pub struct Publish {
    pub uri: Uri,
    pub diagnostics: Vec<Diagnostic>,
    pub version: Option<i32>,
}

struct Owner {
    encoding: Encoding,
    options: ServerOptions,
    hosts: Vec<AnalysisHost>,
    docs: HashMap<PathBuf, OpenDoc>,
    seq: u64,
    world: watch::Sender<Arc<World>>,
    publish: mpsc::UnboundedSender<Publish>,
    /// Files whose diagnostics must be recomputed, per workspace.
    dirty: Vec<Vec<FileId>>,
    /// Files removed since the last publication: their diagnostics are cleared.
    cleared: Vec<PathBuf>,
    /// What was last published per URI, so unchanged diagnostics are not sent again.
    published: HashMap<String, Vec<Diagnostic>>,
}

/// Runs the owner until every sender is gone.
pub fn run(rx: Receiver<Msg>, world: watch::Sender<Arc<World>>, publish: mpsc::UnboundedSender<Publish>) {
    let mut owner = Owner {
        encoding: Encoding::default(),
        options: ServerOptions::default(),
        hosts: Vec::new(),
        docs: HashMap::new(),
        seq: 0,
        world,
        publish,
        dirty: Vec::new(),
        cleared: Vec::new(),
        published: HashMap::new(),
    };
    while let Ok(msg) = rx.recv() {
        owner.handle(msg);
        // Apply everything already queued before publishing a world: a burst of keystrokes
        // becomes one snapshot.
        while let Ok(msg) = rx.try_recv() {
            owner.handle(msg);
        }
        owner.publish_world();
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
                    owner.handle(msg);
                    while let Ok(msg) = rx.try_recv() {
                        owner.handle(msg);
                    }
                    owner.publish_world();
                    deadline = Instant::now() + owner.options.debounce;
                }
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        owner.publish_diagnostics();
    }
}

impl Owner {
    fn handle(&mut self, msg: Msg) {
        self.seq += 1;
        match msg {
            Msg::Initialize { roots, encoding, options } => self.initialize(roots, encoding, options),
            Msg::Open { uri, version, text } => {
                let Some(path) = convert::uri_to_path(&uri) else {
                    return;
                };
                let rope = Rope::from_str(&text);
                self.docs.insert(path.clone(), OpenDoc { uri, version, rope });
                self.apply(&path, Change::SetText { path: path.clone(), text });
            }
            Msg::Change { uri, version, changes } => {
                let Some(path) = convert::uri_to_path(&uri) else {
                    return;
                };
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
                let text = doc.rope.to_string();
                self.apply(&path, Change::SetText { path: path.clone(), text });
            }
            Msg::Close { uri } => {
                let Some(path) = convert::uri_to_path(&uri) else {
                    return;
                };
                self.docs.remove(&path);
                // Unsaved edits are discarded with the buffer: go back to the disk.
                self.apply(&path, Change::Reload { path: path.clone() });
            }
        }
    }

    fn initialize(&mut self, roots: Vec<PathBuf>, encoding: Encoding, options: ServerOptions) {
        self.encoding = encoding;
        self.options = options;
        let started = Instant::now();
        self.hosts = roots
            .iter()
            .map(|root| {
                let config = Config::discover(root).unwrap_or_else(|err| {
                    tracing::error!("{err}; using defaults");
                    Config::defaults(root.clone())
                });
                AnalysisHost::load(config)
            })
            .collect();
        self.dirty = self.hosts.iter().map(|host| host.snapshot().files().collect()).collect();
        let files: usize = self.dirty.iter().map(Vec::len).sum();
        tracing::info!(
            "indexed {files} files in {} workspace(s) in {:.0?}",
            self.hosts.len(),
            started.elapsed()
        );
    }

    fn apply(&mut self, path: &Path, change: Change) {
        let Some(idx) = self.host_for(path) else {
            return;
        };
        let result = self.hosts[idx].apply(vec![change]);
        self.dirty[idx].extend(result.affected);
        if !result.removed.is_empty() {
            self.cleared.push(path.to_path_buf());
        }
    }

    /// The host whose corpus includes `path` (by its globs), deepest root first.
    fn host_for(&self, path: &Path) -> Option<usize> {
        self.hosts
            .iter()
            .enumerate()
            .filter(|(_, host)| host.file_id(path).is_some() || host.classify(path).is_some())
            .max_by_key(|(_, host)| host.config().root.components().count())
            .map(|(i, _)| i)
    }

    fn publish_world(&mut self) {
        let workspaces = self
            .hosts
            .iter()
            .map(|host| Workspace { root: host.config().root.clone(), snapshot: host.snapshot() })
            .collect();
        let world = World {
            seq: self.seq,
            encoding: self.encoding,
            options: self.options.clone(),
            workspaces: Arc::new(workspaces),
        };
        self.world.send_replace(Arc::new(world));
    }

    fn publish_diagnostics(&mut self) {
        for path in std::mem::take(&mut self.cleared) {
            if let Some(uri) = convert::path_to_uri(&path) {
                self.send(uri, Vec::new(), None);
            }
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
                let Some(path) = snapshot.path(file) else {
                    continue;
                };
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

    fn send(&mut self, uri: Uri, diagnostics: Vec<Diagnostic>, version: Option<i32>) {
        let key = uri.as_str().to_owned();
        if version.is_none() && self.published.get(&key) == Some(&diagnostics) {
            return;
        }
        self.published.insert(key, diagnostics.clone());
        let _ = self.publish.send(Publish { uri, diagnostics, version });
    }
}
