//! [`AnalysisHost`]: loads a corpus (in parallel), applies changes, hands out snapshots.
//!
//! - [`apply`]: changes to files and the KB, and what they make re-run;
//! - [`analyse`]: one file's analysis (guarded against panics), the KB's, and the selection
//!   applied to what they find.

mod analyse;
mod apply;
#[cfg(test)]
mod tests;
#[cfg(test)]
pub(crate) use tests::test_corpus;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use super::annotation::{self, Lookup};
use super::collections::{self, CollectionKey};
use super::entities;
use super::events;
use super::fault;
use super::keyed::Sign;
use super::policy;
use super::{AnnotationAnalysis, ArticleAnalysis, FileEntry, KbState, Snapshot, SourceFile, sort_findings};
use crate::checks::selection::{FileSelection, Policy};
use crate::checks::{self, AnnotationCtx, ArticleCtx, FileCtx, Finding, KbCtx, Rule};
use crate::corpus::{
    self, Article, ArticleFormat, Config, FileClassifier, FileId, FileKind, SourceText, suppression,
};
use crate::formats::Format;
use crate::kb::{self, EntityId};
use crate::mentions::Matcher;
use crate::span::LineIndex;

use analyse::*;

/// A change to the corpus, from an editor or the file system.
#[derive(Clone, Debug)]
pub enum Change {
    /// The file now holds `text` (an editor buffer, or a file read by the caller).
    SetText { path: PathBuf, text: String },
    /// The file was read by the caller, with what reading it gave (standard input over the
    /// size limit is a `TooLarge` problem, as a file would be).
    SetSource { path: PathBuf, source: SourceText },
    /// The file changed or appeared on disk: read it again.
    Reload { path: PathBuf },
    /// The file is gone.
    Remove { path: PathBuf },
}

/// What applying changes did: the files whose findings may differ now.
#[derive(Clone, Debug, Default)]
pub struct ChangeResult {
    pub affected: Vec<FileId>,
    /// Files that stopped existing (their diagnostics should be cleared).
    pub removed: Vec<FileId>,
}

/// How far [`AnalysisHost::load_with_progress`] has come: `done` of `total` files through
/// `stage`. Reported from worker threads, in no particular order of files.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LoadProgress {
    pub stage: LoadStage,
    pub done: usize,
    pub total: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoadStage {
    /// Reading files from disk.
    Reading,
    /// Parsing articles, finding mentions, running checks.
    Checking,
}

/// Owns the corpus state. One owner applies changes in order; readers take snapshots.
/// Cloning is cheap (the snapshot is `Arc`s): the server keeps the host it had before a
/// change, to go back to should applying it panic.
#[derive(Clone)]
pub struct AnalysisHost {
    snapshot: Snapshot,
    classifier: FileClassifier,
}

impl AnalysisHost {
    /// Discovers, reads and analyses the whole corpus described by `config`, with the
    /// checks its `[checks]` selects (all of them if it cannot be resolved: a front end
    /// that must report that resolves [`Policy`] itself and calls [`AnalysisHost::load_with`]).
    /// Files are read and articles analysed in parallel.
    pub fn load(config: Config) -> AnalysisHost {
        AnalysisHost::load_with_progress(config, &|_| {})
    }

    /// [`AnalysisHost::load`], calling `progress` as each file is read and as each is
    /// checked (from worker threads; keep it cheap).
    pub fn load_with_progress(config: Config, progress: &(dyn Fn(LoadProgress) + Sync)) -> AnalysisHost {
        let policy = Policy::resolve(&config).unwrap_or_else(|err| {
            tracing::warn!("{err}; running every check");
            Policy::default()
        });
        AnalysisHost::load_with(config, policy, progress, None)
    }

    /// [`AnalysisHost::load_with_progress`], also handing `kb_ready` a partial snapshot as
    /// soon as the files are read and the KB is built, before any article is analysed (a
    /// fraction of the load): the server answers KB queries from it while indexing.
    pub fn load_with(
        config: Config,
        policy: Policy,
        progress: &(dyn Fn(LoadProgress) + Sync),
        kb_ready: Option<&dyn Fn(Snapshot)>,
    ) -> AnalysisHost {
        let started = std::time::Instant::now();
        let discovered = corpus::discover(&config);
        tracing::debug!("discovered {} files in {:.1?}", discovered.len(), started.elapsed());
        AnalysisHost::load_discovered(config, policy, discovered, progress, kb_ready)
    }

    /// [`AnalysisHost::load_with`] over files already discovered (`corpus::discover` of
    /// `config`): the server counts a corpus's files for its progress bar before loading,
    /// and walks the folders once.
    pub fn load_discovered(
        config: Config,
        policy: Policy,
        discovered: Vec<corpus::Discovered>,
        progress: &(dyn Fn(LoadProgress) + Sync),
        kb_ready: Option<&dyn Fn(Snapshot)>,
    ) -> AnalysisHost {
        let started = std::time::Instant::now();
        let limit = config.max_file_size;
        let total = discovered.len();
        let read = AtomicUsize::new(0);
        let sources: Vec<Arc<SourceFile>> = discovered
            .par_iter()
            .map(|d| {
                let source = match &d.problem {
                    Some(problem) => SourceText { text: String::new(), problem: Some(problem.clone()) },
                    None => corpus::read_source(&d.path, limit),
                };
                let source = Arc::new(source_file(d.path.clone(), d.kind, source));
                let done = read.fetch_add(1, Ordering::Relaxed) + 1;
                progress(LoadProgress { stage: LoadStage::Reading, done, total });
                source
            })
            .collect();
        let paths: HashMap<PathBuf, FileId> =
            sources.iter().enumerate().map(|(i, s)| (s.path.to_path_buf(), FileId(i as u32))).collect();
        let config = Arc::new(config);
        let policy = Arc::new(policy);
        tracing::debug!("read them by {:.1?}", started.elapsed());
        let kb = Arc::new(build_kb(
            &config,
            &policy,
            sources.iter().enumerate().map(|(i, s)| (FileId(i as u32), &**s)),
        ));
        tracing::debug!("built the KB and automata by {:.1?}", started.elapsed());
        // Built only for a caller that wants it: it copies the path table.
        if let Some(kb_ready) = kb_ready {
            kb_ready(Snapshot {
                revision: 0,
                config: config.clone(),
                policy: policy.clone(),
                files: Arc::new(sources.iter().map(|s| FileEntry::empty(Some(s.clone()))).collect()),
                paths: Arc::new(paths.clone()),
                kb: kb.clone(),
                entities: Arc::new(Vec::new()),
                collections: Arc::default(),
                named_events: Arc::default(),
                partial: true,
            });
        }
        let checked = AtomicUsize::new(0);
        let mut files: Vec<FileEntry> = sources.into_iter().map(|s| FileEntry::empty(Some(s))).collect();
        // Annotation files first: a brat `.txt` takes its annotated mentions from its `.ann`.
        for phase in [Phase::Annotations, Phase::Articles] {
            let lookup = Lookup { paths: &paths, files: &files };
            let updated: Vec<(usize, FileEntry)> = (0..files.len())
                .into_par_iter()
                .filter(|&i| files[i].source.as_ref().is_some_and(|s| Phase::of(s.kind) == phase))
                .map(|i| {
                    let source = files[i].source.clone().expect("filtered on sources");
                    let entry = analyse(FileId(i as u32), source, &config, &policy, &kb, &lookup);
                    let done = checked.fetch_add(1, Ordering::Relaxed) + 1;
                    progress(LoadProgress { stage: LoadStage::Checking, done, total });
                    (i, entry)
                })
                .collect();
            for (i, entry) in updated {
                files[i] = entry;
            }
        }
        let mut host = AnalysisHost {
            classifier: FileClassifier::new(&config),
            snapshot: Snapshot {
                revision: 0,
                config,
                policy,
                entities: Arc::new(entities::index(&kb.kb, &files)),
                collections: Arc::new(collections::index(&files)),
                named_events: Arc::new(events::index(&files)),
                partial: false,
                files: Arc::new(files),
                paths: Arc::new(paths),
                kb,
            },
        };
        tracing::debug!("analysed every file by {:.1?}", started.elapsed());
        let all: Vec<EntityId> = host.snapshot.kb.kb.ids().collect();
        let named: Vec<Arc<str>> = host.snapshot.named_events.keys().cloned().collect();
        host.run_corpus_checks(&all, &named);
        let collections: Vec<CollectionKey> = host.snapshot.collections.keys().cloned().collect();
        host.run_collection_checks(&collections);
        let every: Vec<FileId> = host.snapshot.files().collect();
        host.snapshot.store_corpus_findings(&every);
        tracing::debug!("ran the corpus checks by {:.1?}", started.elapsed());
        host
    }

    pub fn snapshot(&self) -> Snapshot {
        self.snapshot.clone()
    }

    pub fn config(&self) -> &Config {
        &self.snapshot.config
    }

    /// The id of the corpus file at `path`, existing or deleted.
    pub fn file_id(&self, path: &Path) -> Option<FileId> {
        self.snapshot.paths.get(path).copied()
    }

    /// Whether `path` belongs to the corpus (by the config's globs), existing or not.
    pub fn classify(&self, path: &Path) -> Option<FileKind> {
        self.classifier.classify(path)
    }
}
