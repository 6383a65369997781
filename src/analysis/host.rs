//! [`AnalysisHost`]: loads a corpus (in parallel), applies changes, hands out snapshots.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use super::annotation::{self, Lookup};
use super::collections;
use super::entities::{self, Sign};
use super::events;
use super::fault;
use super::{AnnotationAnalysis, ArticleAnalysis, FileEntry, KbState, Snapshot, SourceFile, sort_findings};
use crate::checks::selection::FileSelection;
use crate::checks::{self, AnnotationCtx, ArticleCtx, FileCtx, Finding, KbCtx, Rule};
use crate::corpus::{
    self, Article, ArticleFormat, Config, FileClassifier, FileId, FileKind, SourceText, suppression,
};
use crate::formats::Format;
use crate::kb::{self, EntityId};
use crate::mentions::Matcher;
use crate::span::LineIndex;

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
    /// Discovers, reads and analyses the whole corpus described by `config`. Files are read
    /// and articles analysed in parallel.
    pub fn load(config: Config) -> AnalysisHost {
        AnalysisHost::load_with_progress(config, &|_| {})
    }

    /// [`AnalysisHost::load`], calling `progress` as each file is read and as each is
    /// checked (from worker threads; keep it cheap).
    pub fn load_with_progress(config: Config, progress: &(dyn Fn(LoadProgress) + Sync)) -> AnalysisHost {
        AnalysisHost::load_with(config, progress, None)
    }

    /// [`AnalysisHost::load_with_progress`], also handing `kb_ready` a partial snapshot as
    /// soon as the files are read and the KB is built, before any article is analysed (a
    /// fraction of the load): the server answers KB queries from it while indexing.
    pub fn load_with(
        config: Config,
        progress: &(dyn Fn(LoadProgress) + Sync),
        kb_ready: Option<&dyn Fn(Snapshot)>,
    ) -> AnalysisHost {
        let started = std::time::Instant::now();
        let discovered = corpus::discover(&config);
        tracing::debug!("discovered {} files in {:.1?}", discovered.len(), started.elapsed());
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
        tracing::debug!("read them by {:.1?}", started.elapsed());
        let kb =
            Arc::new(build_kb(&config, sources.iter().enumerate().map(|(i, s)| (FileId(i as u32), &**s))));
        tracing::debug!("built the KB and automata by {:.1?}", started.elapsed());
        // Built only for a caller that wants it: it copies the path table.
        if let Some(kb_ready) = kb_ready {
            kb_ready(Snapshot {
                revision: 0,
                config: config.clone(),
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
                    let entry = analyse(FileId(i as u32), source, &config, &kb, &lookup);
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
        let collections: Vec<Arc<Path>> = host.snapshot.collections.keys().cloned().collect();
        host.run_collection_checks(&collections);
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

    /// Applies changes in order and re-analyses what they touch: the changed files and the
    /// files read with them (a brat document's `.txt` and `.ann`, the `.ann` files below an
    /// `annotation.conf`), the corpus-wide facts of the entities they mention (before or
    /// after the change), and the collections they belong to.
    pub fn apply(&mut self, changes: Vec<Change>) -> ChangeResult {
        let mut result = ChangeResult::default();
        let mut kb_changed = false;
        let mut touched: Vec<FileId> = Vec::new();
        let mut changed_paths: Vec<(PathBuf, FileKind)> = Vec::new();
        let mut old = Keys::default();
        let limit = self.snapshot.config.max_file_size;
        for change in changes {
            let (path, source) = match change {
                // An editor buffer obeys `max_file_size` like a file on disk: a 20 MB
                // buffer is reported, not analysed on every keystroke.
                Change::SetText { path, text } if text.len() as u64 > limit => {
                    let size = text.len() as u64;
                    let problem = corpus::FileProblem::TooLarge { size, limit };
                    (path, Some(SourceText { text: String::new(), problem: Some(problem) }))
                }
                Change::SetText { path, text } => (path, Some(SourceText { text, problem: None })),
                Change::SetSource { path, source } => (path, Some(source)),
                Change::Reload { path } => {
                    let source = corpus::read_source(&path, limit);
                    // A file deleted between the event and the read is a removal.
                    let gone = matches!(&source.problem, Some(corpus::FileProblem::Unreadable { .. }))
                        && !path.exists();
                    (path, if gone { None } else { Some(source) })
                }
                Change::Remove { path } => (path, None),
            };
            let Some(kind) = self.classifier.classify(&path) else { continue };
            let file = match (self.file_id(&path), &source) {
                (Some(file), _) => file,
                (None, None) => continue,
                (None, Some(_)) => self.add_slot(&path),
            };
            old.add(&self.snapshot.files[file.index()]);
            let files = Arc::make_mut(&mut self.snapshot.files);
            let entry = &mut files[file.index()];
            match source {
                Some(source) => entry.source = Some(Arc::new(source_file(path.clone(), kind, source))),
                None => {
                    let index = Arc::make_mut(&mut self.snapshot.entities);
                    if let Some(mentions) = entry.mentions() {
                        entities::contribute(index, file, mentions, Sign::Remove);
                    }
                    if let Some(analysis) = &entry.analysis {
                        let named = Arc::make_mut(&mut self.snapshot.named_events);
                        events::contribute(named, file, &analysis.named_events, Sign::Remove);
                    }
                    if let Some(old) = entry.annotation.take() {
                        let collections = Arc::make_mut(&mut self.snapshot.collections);
                        collections::contribute(collections, file, &old, Sign::Remove);
                    }
                    *entry = FileEntry::empty(None);
                    result.removed.push(file);
                }
            }
            kb_changed |= kind == FileKind::Kb;
            touched.push(file);
            changed_paths.push((path, kind));
        }
        for file in self.dependents(&changed_paths) {
            if !touched.contains(&file) {
                old.add(&self.snapshot.files[file.index()]);
                touched.push(file);
            }
        }
        touched.sort();
        touched.dedup();
        if kb_changed {
            // The changed files are re-analysed with those the KB edit affects: an article
            // changed in the same batch as a KB file must not keep its old analysis.
            self.rebuild_kb(&mut result, &touched, old);
        } else {
            self.reanalyse(&touched);
            let mut keys = old;
            for &file in &touched {
                keys.add(&self.snapshot.files[file.index()]);
            }
            keys.dedup();
            result.affected.extend(self.run_corpus_checks(&keys.entities, &keys.events));
            result.affected.extend(self.run_collection_checks(&keys.collections));
            result.affected.extend(touched.iter().copied().filter(|f| !result.removed.contains(f)));
        }
        self.snapshot.revision += 1;
        result.affected.sort();
        result.affected.dedup();
        result
    }

    /// The files read together with the changed ones, which must be re-analysed with them:
    /// the other half of a brat document, and every `.ann` below a changed `annotation.conf`.
    fn dependents(&self, changed: &[(PathBuf, FileKind)]) -> Vec<FileId> {
        let lookup = Lookup { paths: &self.snapshot.paths, files: &self.snapshot.files };
        let mut out = Vec::new();
        for (path, kind) in changed {
            match kind {
                FileKind::Annotation(Format::Brat) => out.extend(lookup.brat_text(path)),
                FileKind::Article(ArticleFormat::Text) => out.extend(lookup.brat_ann(path)),
                FileKind::AnnotationConfig => {
                    let Some(dir) = path.parent() else { continue };
                    for (other, &file) in self.snapshot.paths.iter() {
                        let brat =
                            lookup.source(file).is_some_and(|s| s.kind == FileKind::Annotation(Format::Brat));
                        if brat && other.starts_with(dir) {
                            out.push(file);
                            out.extend(lookup.brat_text(other));
                        }
                    }
                }
                _ => {}
            }
        }
        out
    }

    fn add_slot(&mut self, path: &Path) -> FileId {
        let files = Arc::make_mut(&mut self.snapshot.files);
        let file = FileId(files.len() as u32);
        files.push(FileEntry::empty(None));
        Arc::make_mut(&mut self.snapshot.paths).insert(path.to_path_buf(), file);
        file
    }

    /// Re-analyses `files`: annotation files first, then articles (a brat `.txt` reads its
    /// `.ann`'s analysis), adjusting the entity and collection indexes as it goes.
    fn reanalyse(&mut self, files: &[FileId]) {
        for phase in [Phase::Annotations, Phase::Articles] {
            let snapshot = &self.snapshot;
            let lookup = Lookup { paths: &snapshot.paths, files: &snapshot.files };
            let updated: Vec<(FileId, FileEntry)> = files
                .par_iter()
                .filter_map(|&file| {
                    let source = snapshot.files[file.index()].source.clone()?;
                    (Phase::of(source.kind) == phase)
                        .then(|| (file, analyse(file, source, &snapshot.config, &snapshot.kb, &lookup)))
                })
                .collect();
            let files = Arc::make_mut(&mut self.snapshot.files);
            let index = Arc::make_mut(&mut self.snapshot.entities);
            let collections = Arc::make_mut(&mut self.snapshot.collections);
            let named = Arc::make_mut(&mut self.snapshot.named_events);
            for (file, entry) in updated {
                let slot = &mut files[file.index()];
                if let Some(mentions) = slot.mentions() {
                    entities::contribute(index, file, mentions, Sign::Remove);
                }
                if let Some(old) = &slot.analysis {
                    events::contribute(named, file, &old.named_events, Sign::Remove);
                }
                if let Some(new) = &entry.analysis {
                    events::contribute(named, file, &new.named_events, Sign::Add);
                }
                if let Some(old) = &slot.annotation {
                    collections::contribute(collections, file, old, Sign::Remove);
                }
                if let Some(mentions) = entry.mentions() {
                    entities::contribute(index, file, mentions, Sign::Add);
                }
                if let Some(new) = &entry.annotation {
                    collections::contribute(collections, file, new, Sign::Add);
                }
                *slot = entry;
            }
        }
    }

    /// Re-runs the corpus checks for `entities` and the named events `events`; returns the
    /// files whose findings may have changed (those with findings before or after).
    fn run_corpus_checks(&mut self, entities: &[EntityId], events: &[Arc<str>]) -> Vec<FileId> {
        let keys: Vec<CorpusKey> = entities
            .iter()
            .map(|&entity| CorpusKey::Entity(entity))
            .chain(events.iter().cloned().map(CorpusKey::Event))
            .collect();
        let snapshot = &self.snapshot;
        let config = &snapshot.config;
        let is_enabled = |rule: &Rule| enabled(config, rule);
        let any_enabled = checks::registry::RULES.iter().any(|rule| {
            matches!(rule.pass, checks::Pass::Corpus(_) | checks::Pass::ArticleAndCorpus(..))
                && is_enabled(rule)
        });
        let results: Vec<(CorpusKey, Vec<Finding>)> = keys
            .into_par_iter()
            .map(|key| {
                let mut findings = if any_enabled {
                    entities::corpus_findings(snapshot, key.subject(), &is_enabled)
                } else {
                    Vec::new()
                };
                apply_file_selection(snapshot, &mut findings);
                (key, findings)
            })
            .collect();
        let mut affected = Vec::new();
        let index = Arc::make_mut(&mut self.snapshot.entities);
        let named = Arc::make_mut(&mut self.snapshot.named_events);
        for (key, findings) in results {
            let slot = match &key {
                CorpusKey::Entity(entity) => index.get_mut(entity.index()).map(|e| &mut e.findings),
                CorpusKey::Event(event) => named.get_mut(event).map(|e| &mut e.findings),
            };
            let Some(slot) = slot else { continue };
            if slot.is_empty() && findings.is_empty() {
                continue;
            }
            affected.extend(slot.iter().map(|f| f.file));
            affected.extend(findings.iter().map(|f| f.file));
            *slot = Arc::from(findings);
            // A named event no article dates any more, and without findings, is forgotten.
            if let CorpusKey::Event(event) = &key
                && named.get(event).is_some_and(|e| e.files.is_empty() && e.findings.is_empty())
            {
                named.remove(event);
            }
        }
        affected
    }

    /// Re-runs the collection checks for `keys`; returns the files whose findings may have
    /// changed (those with findings before or after).
    fn run_collection_checks(&mut self, keys: &[Arc<Path>]) -> Vec<FileId> {
        let snapshot = &self.snapshot;
        let config = &snapshot.config;
        let is_enabled = |rule: &Rule| enabled(config, rule);
        let any_enabled = checks::registry::RULES
            .iter()
            .any(|rule| matches!(rule.pass, checks::Pass::Collection(_)) && is_enabled(rule));
        let results: Vec<(Arc<Path>, Vec<Finding>)> = if any_enabled {
            keys.par_iter()
                .map(|key| (key.clone(), collections::collection_findings(snapshot, key, &is_enabled)))
                .collect()
        } else {
            keys.iter().map(|key| (key.clone(), Vec::new())).collect()
        };
        let results: Vec<(Arc<Path>, Vec<Finding>)> = results
            .into_iter()
            .map(|(key, mut findings)| {
                apply_file_selection(&self.snapshot, &mut findings);
                sort_findings(&mut findings);
                (key, findings)
            })
            .collect();
        let mut affected = Vec::new();
        let index = Arc::make_mut(&mut self.snapshot.collections);
        for (key, findings) in results {
            let Some(entry) = index.get_mut(&key) else { continue };
            affected.extend(entry.findings.iter().map(|f| f.file));
            affected.extend(findings.iter().map(|f| f.file));
            entry.findings = Arc::from(findings);
            if entry.files.is_empty() && entry.findings.is_empty() {
                index.remove(&key);
            }
        }
        affected
    }

    /// Rebuilds the KB from its files, then re-analyses the articles it affects (every
    /// article when ids moved) and the `changed` files, whose keys before the change were
    /// `old`: mentions and checks depend on the automaton, and entity ids are per KB.
    fn rebuild_kb(&mut self, result: &mut ChangeResult, changed: &[FileId], old_keys: Keys) {
        let kb = build_kb(
            &self.snapshot.config,
            self.snapshot
                .files
                .iter()
                .enumerate()
                .filter_map(|(i, e)| Some((FileId(i as u32), e.source.as_deref()?))),
        );
        let old = std::mem::replace(&mut self.snapshot.kb, Arc::new(kb));
        let kb_files: Vec<FileId> = self
            .snapshot
            .files()
            .filter(|&f| {
                self.snapshot.files[f.index()].source.as_ref().is_some_and(|s| s.kind == FileKind::Kb)
            })
            .collect();
        result.affected.extend(&kb_files);
        let old_collections: Vec<Arc<Path>> = self.snapshot.collections.keys().cloned().collect();
        match changed_entities(&old.kb, &self.snapshot.kb.kb) {
            // Same ids in the same order: only the files a changed entity touches (by
            // mention, or by a form, title, id or cross-reference now or formerly written in
            // them) are checked again, with the other half of a brat document, and the corpus
            // checks of those entities and the collections of those files.
            Some(changed_entities) => {
                let mut affected = self.files_touching(&old.kb, &changed_entities);
                affected.extend(changed.iter().filter(|f| !result.removed.contains(f)));
                let paths: Vec<(PathBuf, FileKind)> = affected
                    .iter()
                    .filter_map(|&f| {
                        let source = self.snapshot.files[f.index()].source.as_ref()?;
                        Some((source.path.to_path_buf(), source.kind))
                    })
                    .collect();
                affected.extend(self.dependents(&paths));
                affected.sort();
                affected.dedup();
                let mut keys = old_keys;
                keys.entities.extend(changed_entities);
                for &file in &affected {
                    keys.add(&self.snapshot.files[file.index()]);
                }
                self.reanalyse(&affected);
                for &file in &affected {
                    keys.add(&self.snapshot.files[file.index()]);
                }
                keys.dedup();
                result.affected.extend(self.run_corpus_checks(&keys.entities, &keys.events));
                result.affected.extend(self.run_collection_checks(&keys.collections));
                result.affected.extend(affected);
            }
            // Entities added, removed or reordered: ids moved, so everything is redone.
            None => result.affected.extend(self.analyse_everything(old_collections)),
        }
    }

    /// Re-analyses every file and rebuilds every corpus-wide index and check under the
    /// current KB; returns the files. `old_collections` are re-checked too (they may have
    /// lost their findings).
    fn analyse_everything(&mut self, old_collections: Vec<Arc<Path>>) -> Vec<FileId> {
        let all: Vec<FileId> = self.snapshot.files().collect();
        self.snapshot.entities = Arc::new(Vec::new());
        self.reanalyse(&all);
        self.snapshot.entities = Arc::new(entities::index(&self.snapshot.kb.kb, &self.snapshot.files));
        self.snapshot.collections = Arc::new(collections::index(&self.snapshot.files));
        self.snapshot.named_events = Arc::new(events::index(&self.snapshot.files));
        let keys: Vec<EntityId> = self.snapshot.kb.kb.ids().collect();
        let named: Vec<Arc<str>> = self.snapshot.named_events.keys().cloned().collect();
        self.run_corpus_checks(&keys, &named);
        let mut collections: Vec<Arc<Path>> = self.snapshot.collections.keys().cloned().collect();
        collections.extend(old_collections);
        collections.sort();
        collections.dedup();
        self.run_collection_checks(&collections);
        all
    }

    /// The corpus as this host holds it, analysed again from scratch (no file is read, file
    /// ids stay): what [`AnalysisHost::load`] would make of these texts, whatever the
    /// changes that led to them. The fixer checks its incremental result against it.
    pub fn reanalysed(&self) -> AnalysisHost {
        let files: Vec<FileEntry> =
            self.snapshot.files.iter().map(|entry| FileEntry::empty(entry.source.clone())).collect();
        let kb = build_kb(
            &self.snapshot.config,
            files.iter().enumerate().filter_map(|(i, e)| Some((FileId(i as u32), e.source.as_deref()?))),
        );
        let mut host = AnalysisHost {
            classifier: self.classifier.clone(),
            snapshot: Snapshot {
                files: Arc::new(files),
                kb: Arc::new(kb),
                entities: Arc::default(),
                collections: Arc::default(),
                named_events: Arc::default(),
                ..self.snapshot.clone()
            },
        };
        host.analyse_everything(Vec::new());
        host
    }

    /// The articles and annotation files that mention one of `changed`, or contain (in any
    /// case) one of the forms, titles, ids or cross-references those entities have in the old
    /// or the new KB, or one of the longer words of those forms. A misspelling of a one-word
    /// name in an article no edit has touched is found on the next edit of that article or
    /// the next index.
    fn files_touching(&self, old: &kb::Kb, changed: &[EntityId]) -> Vec<FileId> {
        let mut out: Vec<FileId> = Vec::new();
        for &id in changed {
            if let Some(entry) = self.snapshot.entities.get(id.index()) {
                out.extend(entry.files.iter());
            }
        }
        let mut needles: Vec<String> = Vec::new();
        for kb in [old, &self.snapshot.kb.kb] {
            for &id in changed {
                let Some(entity) = kb.get(id) else { continue };
                needles.extend(entity.forms().map(|(_, f)| f.text.clone()));
                needles.extend(
                    entity
                        .roles
                        .iter()
                        .flat_map(|r| std::iter::once(r.title.clone()).chain(r.also.iter().cloned())),
                );
                needles.extend(entity.forms().map(|(_, f)| crate::text::fold::strip_diacritics(&f.text)));
                // Annotation files link spans by id (`kb:hulusi-akar`) or cross-reference
                // (`Wikidata:Q6080953`, written with any prefix case).
                needles.push(format!("kb:{}", entity.key));
                needles.extend(
                    entity
                        .xrefs
                        .iter()
                        .map(|x| x.rsplit(':').next().unwrap_or(x).to_owned())
                        .filter(|x| x.len() >= 3),
                );
                // A near miss of a form ("Hikmet Hajjiyev") shares most of its words with
                // it: the longer words find the articles that may hold one.
                let words: Vec<String> = entity
                    .forms()
                    .flat_map(|(_, f)| f.text.split_whitespace().map(crate::text::fold::strip_diacritics))
                    .filter(|w| w.chars().count() >= 5)
                    .collect();
                needles.extend(words);
            }
        }
        needles.retain(|n| !n.trim().is_empty());
        if !needles.is_empty()
            && let Ok(automaton) =
                aho_corasick::AhoCorasick::builder().ascii_case_insensitive(true).build(&needles)
        {
            let found: Vec<FileId> = self
                .snapshot
                .files()
                .collect::<Vec<_>>()
                .into_par_iter()
                .filter(|&f| {
                    let entry = &self.snapshot.files[f.index()];
                    (entry.analysis.is_some() || entry.annotation.is_some())
                        && entry.source.as_ref().is_some_and(|s| automaton.is_match(&s.text))
                })
                .collect();
            out.extend(found);
        }
        out.sort();
        out.dedup();
        out
    }
}

/// The entities whose content differs between two KBs with the same ids in the same
/// order; `None` when the ids differ.
fn changed_entities(old: &kb::Kb, new: &kb::Kb) -> Option<Vec<EntityId>> {
    let (a, b) = (old.entities(), new.entities());
    if a.len() != b.len() || a.iter().zip(b).any(|(x, y)| x.key != y.key) {
        return None;
    }
    Some(new.ids().filter(|&id| !kb::same_content(old.entity(id), new.entity(id))).collect())
}

fn source_file(path: PathBuf, kind: FileKind, source: SourceText) -> SourceFile {
    SourceFile {
        line_index: LineIndex::new(&source.text),
        path: Arc::from(path),
        kind,
        text: source.text,
        problem: source.problem,
    }
}

fn build_kb<'a>(config: &Config, files: impl Iterator<Item = (FileId, &'a SourceFile)>) -> KbState {
    let kb_files: Vec<(FileId, &SourceFile)> = files.filter(|(_, s)| s.kind == FileKind::Kb).collect();
    let texts: Vec<(FileId, &str)> =
        kb_files.iter().filter(|(_, s)| s.problem.is_none()).map(|(f, s)| (*f, s.text.as_str())).collect();
    texts.iter().for_each(|(_, text)| fault::maybe_panic_in_kb(text));
    let kb = kb::load(&texts);
    let matcher = Matcher::new(&kb);
    let mut findings = Vec::new();
    let selection = config.checks.selection();
    checks::run(&KbCtx { kb: &kb }, &|rule| selection.is_enabled(rule), &mut findings);
    // KB checks run once for all KB files; per-file ignores and severities apply per file.
    let selections: HashMap<FileId, FileSelection<'_>> =
        kb_files.iter().map(|(file, source)| (*file, file_selection(config, &source.path))).collect();
    findings.retain_mut(|finding| {
        let severity = match selections.get(&finding.file) {
            Some(selection) => selection.severity(finding.rule),
            None => selection.severity(finding.rule),
        };
        severity.inspect(|&severity| finding.severity = severity).is_some()
    });
    sort_findings(&mut findings);
    KbState { kb, matcher, findings }
}

/// Which of the two analysis phases a file belongs to: annotation files (and
/// `annotation.conf`) are read first, since a brat `.txt` takes its mentions from its `.ann`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    Annotations,
    Articles,
}

impl Phase {
    fn of(kind: FileKind) -> Phase {
        match kind {
            FileKind::Annotation(_) | FileKind::AnnotationConfig => Phase::Annotations,
            FileKind::Article(_) | FileKind::Kb => Phase::Articles,
        }
    }
}

/// What a change touched, for re-running corpus-wide checks: the entities its files
/// mention, the named events they date and the collections they belong to.
#[derive(Default)]
struct Keys {
    entities: Vec<EntityId>,
    events: Vec<Arc<str>>,
    collections: Vec<Arc<Path>>,
}

impl Keys {
    fn add(&mut self, entry: &FileEntry) {
        if let Some((_, entities)) = entry.mentions() {
            self.entities.extend(entities);
        }
        if let Some(analysis) = &entry.analysis {
            self.events.extend(analysis.named_events.iter().cloned());
        }
        if let Some(key) = entry.annotation.as_deref().and_then(collections::key) {
            self.collections.push(key.clone());
        }
    }

    fn dedup(&mut self) {
        self.entities.sort();
        self.entities.dedup();
        self.events.sort();
        self.events.dedup();
        self.collections.sort();
        self.collections.dedup();
    }
}

/// A subject of the corpus checks, owned: a KB entity or a named event's key.
enum CorpusKey {
    Entity(EntityId),
    Event(Arc<str>),
}

impl CorpusKey {
    fn subject(&self) -> checks::Subject<'_> {
        match self {
            CorpusKey::Entity(entity) => checks::Subject::Entity(*entity),
            CorpusKey::Event(key) => checks::Subject::NamedEvent(key),
        }
    }
}

/// Analyses one file. A panic inside (a bug in dateline) costs only this file: it becomes
/// a `corpus/internal-error` finding on it, and the other files, `check`'s run and the
/// server go on.
fn analyse(
    file: FileId,
    source: Arc<SourceFile>,
    config: &Config,
    kb: &KbState,
    lookup: &Lookup<'_>,
) -> FileEntry {
    let guarded = fault::catch(|| {
        fault::maybe_panic(&source.text);
        analyse_unguarded(file, source.clone(), config, kb, lookup)
    });
    guarded.unwrap_or_else(|panic| internal_error(file, source, config, &panic))
}

/// The entry of a file whose analysis panicked: the file checks alone, with the panic
/// reported whatever the selection says (the file was not checked, which a run must not
/// hide), and no analysis, so nothing else reads half-built facts from it.
fn internal_error(file: FileId, source: Arc<SourceFile>, config: &Config, panic: &fault::Panic) -> FileEntry {
    let selection = file_selection(config, &source.path);
    let message = panic.to_string();
    let ctx = FileCtx {
        file,
        text: &source.text,
        problem: source.problem.as_ref(),
        internal_error: Some(&message),
    };
    let mut findings = Vec::new();
    let is_enabled = |rule: &Rule| rule.code == checks::INTERNAL_ERROR.code || selection.is_enabled(rule);
    checks::run(&ctx, &is_enabled, &mut findings);
    entry(source, None, None, findings, &selection)
}

/// A file's slot from what its analysis produced: the findings at their configured
/// severities, sorted, and the source they were computed from.
fn entry(
    source: Arc<SourceFile>,
    analysis: Option<Arc<ArticleAnalysis>>,
    annotation: Option<Arc<AnnotationAnalysis>>,
    mut findings: Vec<Finding>,
    selection: &FileSelection,
) -> FileEntry {
    for finding in &mut findings {
        if let Some(severity) = selection.severity(finding.rule) {
            finding.severity = severity;
        }
    }
    sort_findings(&mut findings);
    FileEntry {
        source: Some(source.clone()),
        analysed: Some(source),
        analysis,
        annotation,
        findings: Arc::from(findings),
    }
}

fn analyse_unguarded(
    file: FileId,
    source: Arc<SourceFile>,
    config: &Config,
    kb: &KbState,
    lookup: &Lookup<'_>,
) -> FileEntry {
    let mut findings: Vec<Finding> = Vec::new();
    let selection = file_selection(config, &source.path);
    let is_enabled = |rule: &Rule| selection.is_enabled(rule);
    let file_ctx =
        FileCtx { file, text: &source.text, problem: source.problem.as_ref(), internal_error: None };
    checks::run(&file_ctx, &is_enabled, &mut findings);
    let readable = !source.problem.as_ref().is_some_and(corpus::FileProblem::is_unread);
    let mut annotation = None;
    let analysis = match source.kind {
        FileKind::Article(format) if readable => {
            let article = Article::parse(&source.text, format, config.article_meta(&source.path));
            let mut mentions = kb.matcher.find(&source.text, &article, &kb.kb);
            // A brat document's `.txt`: its annotated spans are mentions too.
            let annotations = match format {
                ArticleFormat::Text => lookup.brat_ann(&source.path),
                ArticleFormat::Markdown => None,
            };
            if let Some(ann) = annotations.and_then(|f| lookup.annotation(f)) {
                mentions.add_annotated(ann.text_mentions.clone());
            }
            let mut entities: Vec<_> = mentions.mentions.iter().map(|m| m.entity).collect();
            entities.sort();
            entities.dedup();
            let sentences = crate::text::sentences(&source.text, article.body.range());
            let dates = tag_dates(&source.text, &article);
            let ties = crate::dates::ties::tie(&source.text, &sentences, &dates, &mentions, &kb.kb);
            let ctx = ArticleCtx {
                file,
                path: &source.path,
                text: &source.text,
                article: &article,
                mentions: &mentions,
                sentences: &sentences,
                dates: &dates,
                ties: &ties,
                kb: &kb.kb,
                config,
            };
            checks::run(&ctx, &is_enabled, &mut findings);
            let suppressions = match format {
                ArticleFormat::Markdown => {
                    suppression::parse_markdown(&source.text, article.body.start as usize)
                }
                ArticleFormat::Text => Vec::new(),
            };
            super::suppression::apply(file, &source.text, &suppressions, &selection, &mut findings);
            let named_events = events::dated_events(&mentions, &ties);
            Some(Arc::new(ArticleAnalysis {
                named_events,
                suppressions,
                article,
                mentions,
                sentences,
                dates,
                ties,
                entities,
                annotations,
            }))
        }
        FileKind::Annotation(format) if readable => {
            let analysis = annotation::analyse(&source, format, lookup, kb);
            run_annotation_checks(file, &source, &analysis, kb, &is_enabled, &mut findings);
            annotation = Some(Arc::new(analysis));
            None
        }
        FileKind::AnnotationConfig if readable => {
            let analysis = annotation::analyse_config(&source);
            run_annotation_checks(file, &source, &analysis, kb, &is_enabled, &mut findings);
            annotation = Some(Arc::new(analysis));
            None
        }
        _ => None,
    };
    entry(source, analysis, annotation, findings, &selection)
}

fn run_annotation_checks(
    file: FileId,
    source: &SourceFile,
    analysis: &annotation::AnnotationAnalysis,
    kb: &KbState,
    is_enabled: &dyn Fn(&Rule) -> bool,
    findings: &mut Vec<Finding>,
) {
    let is_config = source.kind == FileKind::AnnotationConfig;
    let ctx = AnnotationCtx {
        file,
        text_file: analysis.text_file,
        conf_file: if is_config { Some(file) } else { analysis.conf_file() },
        format: analysis.format,
        source: &source.text,
        doc: analysis.document(),
        brat: analysis.brat(),
        problems: analysis.problems(),
        links: &analysis.links,
        stale: &analysis.stale,
        missing_text: analysis.format == Some(Format::Brat) && analysis.text_file.is_none(),
        kb: &kb.kb,
    };
    checks::run(&ctx, is_enabled, findings);
}

/// The date expressions of an article's body, resolved against its publication date when
/// it is known to the day, outside code and link targets.
fn tag_dates(text: &str, article: &Article) -> Vec<crate::dates::Timex> {
    let dct = article.date().and_then(|d| d.as_date());
    let ctx = match dct {
        Some(dct) => crate::dates::TagContext::with_dct(dct),
        None => crate::dates::TagContext::default(),
    };
    let body = article.body.range();
    let mut dates = crate::dates::tag(&text[body.clone()], &ctx);
    for timex in &mut dates {
        shift_timex(timex, body.start);
    }
    dates.retain(|t| !article.is_excluded(t.span));
    dates
}

/// Moves a timex found in a slice to the coordinates of the whole file.
fn shift_timex(timex: &mut crate::dates::Timex, by: usize) {
    timex.span = timex.span.shift(by);
    if let crate::dates::Resolution::Narrative { anchor } = &mut timex.resolution {
        *anchor = anchor.shift(by);
    }
    if let Some(range) = &mut timex.range {
        shift_timex(&mut range.from, by);
        shift_timex(&mut range.to, by);
    }
}

fn enabled(config: &Config, rule: &Rule) -> bool {
    config.checks.selection().is_enabled(rule)
}

/// Severities and per-file ignores for findings that may land in any file (corpus checks).
fn apply_file_selection(snapshot: &Snapshot, findings: &mut Vec<Finding>) {
    let config = &snapshot.config;
    findings.retain_mut(|finding| {
        let selection = match snapshot.path(finding.file) {
            Some(path) => file_selection(config, path),
            None => config.checks.selection().for_file(None),
        };
        selection.severity(finding.rule).inspect(|&severity| finding.severity = severity).is_some()
    });
}

/// The checks that run on the file at `path`: the config's selection with its
/// `per-file-ignores` (globs relative to the corpus root).
fn file_selection<'c>(config: &'c Config, path: &Path) -> FileSelection<'c> {
    if config.checks.per_file_ignores().is_empty() {
        // The common case: no relative path to compute for every file.
        return config.checks.selection().for_file(None);
    }
    let rel = corpus::config::relative_to(&config.root, path);
    config.checks.selection().for_file(rel.as_deref())
}

/// For tests: a corpus of `files` (path, text) in a temporary folder, loaded with defaults.
#[cfg(test)]
pub(crate) fn test_corpus(files: &[(&str, &str)]) -> (tempfile::TempDir, AnalysisHost) {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let host = AnalysisHost::load(Config::defaults(dir.path().to_path_buf()));
    (dir, host)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::MentionCount;

    const KB: &str = "[[entity]]\nid = \"a\"\nkind = \"person\"\nname = \"Ann Example\"\naliases = [\"Example\"]\nvariants = [\"Anne Example\"]\n";

    use super::test_corpus as corpus;

    type Stats = Vec<(MentionCount, Vec<FileId>)>;

    fn fresh_stats(host: &AnalysisHost) -> Stats {
        entities::index(&host.snapshot.kb.kb, &host.snapshot.files)
            .into_iter()
            .map(|e| (e.count, e.files.to_vec()))
            .collect()
    }

    fn stats(host: &AnalysisHost) -> Stats {
        host.snapshot.entities.iter().map(|e| (e.count, e.files.to_vec())).collect()
    }

    #[test]
    fn an_editor_buffer_over_max_file_size_is_reported_not_analysed() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "Short.\n").unwrap();
        let mut config = Config::defaults(dir.path().to_path_buf());
        config.max_file_size = 64;
        let mut host = AnalysisHost::load(config);
        let path = dir.path().join("a.md");
        host.apply(vec![Change::SetText { path: path.clone(), text: "Ann Example. ".repeat(100) }]);
        let file = host.file_id(&path).unwrap();
        let codes: Vec<_> = host.snapshot().findings(file).iter().map(|f| f.code()).collect();
        assert_eq!(codes, ["corpus/file-too-large"]);
        assert!(host.snapshot().article(file).is_none_or(|a| a.mentions.mentions.is_empty()));
    }

    #[test]
    fn edits_keep_counts_and_findings_current() {
        let (dir, mut host) = corpus(&[
            ("kb/kb.toml", KB),
            ("a.md", "---\ndate: 2021-01-01\n---\nAnn Example met Example.\n"),
            ("b.md", "---\ndate: 2021-01-02\n---\nNobody.\n"),
        ]);
        let entity = host.snapshot().kb().lookup("a").unwrap();
        assert_eq!(host.snapshot().mention_counts(entity), MentionCount { articles: 1, mentions: 2 });

        let b = dir.path().join("b.md");
        let result = host.apply(vec![Change::SetText {
            path: b.clone(),
            text: "---\ndate: 2021-01-02\n---\nAnne Example.\n".into(),
        }]);
        let file = host.file_id(&b).unwrap();
        assert_eq!(result.affected, vec![file]);
        let snapshot = host.snapshot();
        assert_eq!(snapshot.findings(file).iter().map(|f| f.code()).collect::<Vec<_>>(), ["name/variant"]);
        assert_eq!(snapshot.mention_counts(entity), MentionCount { articles: 2, mentions: 3 });
        assert_eq!(stats(&host), fresh_stats(&host));

        let a = dir.path().join("a.md");
        let result = host.apply(vec![Change::Remove { path: a.clone() }]);
        assert_eq!(result.removed, vec![host.file_id(&a).unwrap()]);
        assert_eq!(host.snapshot().mention_counts(entity), MentionCount { articles: 1, mentions: 1 });
        assert_eq!(host.snapshot().file_id(&a), None, "a removed file leaves the snapshot");
        assert_eq!(stats(&host), fresh_stats(&host));
    }

    /// Codes of the findings in the file at `path`.
    fn codes(host: &AnalysisHost, path: &Path) -> Vec<&'static str> {
        let snapshot = host.snapshot();
        let file = snapshot.file_id(path).unwrap();
        snapshot.findings(file).iter().map(|f| f.code()).collect()
    }

    type CollectionFiles = Vec<(PathBuf, Vec<FileId>)>;

    /// Collections and their files, as kept by changes and as a fresh index would have them.
    fn collections_now(host: &AnalysisHost) -> (CollectionFiles, CollectionFiles) {
        let kept = host.snapshot.collections.iter().filter(|(_, e)| !e.files.is_empty());
        let kept = kept.map(|(k, e)| (k.to_path_buf(), e.files.to_vec())).collect();
        let fresh = collections::index(&host.snapshot.files);
        let fresh = fresh.iter().map(|(k, e)| (k.to_path_buf(), e.files.to_vec())).collect();
        (kept, fresh)
    }

    const ANN_KB: &str = "[[entity]]\nid = \"a\"\nkind = \"person\"\nname = \"Ann Example\"\n\n[[entity]]\nid = \"ankara\"\nkind = \"place\"\nname = \"Ankara\"\n";

    #[test]
    fn a_brat_pair_changes_together() {
        let (dir, mut host) = corpus(&[
            ("kb/kb.toml", ANN_KB),
            ("c/a.txt", "Ann Example went to Ankara.\n"),
            ("c/a.ann", "T1\tPerson 0 11\tAnn Example\nT2\tGPE 20 26\tAnkara\n"),
            ("c/b.txt", "Ankara waited.\n"),
            ("c/b.ann", "T1\tGPE 0 6\tAnkara\n"),
        ]);
        let (txt, ann) = (dir.path().join("c/a.txt"), dir.path().join("c/a.ann"));
        let ann_id = host.file_id(&ann).unwrap();
        let entity = host.snapshot().kb().lookup("a").unwrap();
        assert_eq!(host.snapshot().mention_counts(entity), MentionCount { articles: 1, mentions: 1 });
        assert!(host.snapshot().article(host.file_id(&txt).unwrap()).unwrap().mentions.mentions[0].explicit);

        // An edit to the text re-reads the `.ann` against it: its offsets are stale now.
        let result = host.apply(vec![Change::SetText {
            path: txt.clone(),
            text: "Today Ann Example went to Ankara.\n".into(),
        }]);
        assert!(result.affected.contains(&ann_id), "{result:?}");
        assert_eq!(codes(&host, &ann), ["annotation/stale-offsets", "annotation/stale-offsets"]);
        assert_eq!(stats(&host), fresh_stats(&host));

        // The re-anchored `.ann` clears them, and its mentions are in the text again.
        let fixed = "T1\tPerson 6 17\tAnn Example\nT2\tGPE 26 32\tAnkara\n";
        host.apply(vec![Change::SetText { path: ann.clone(), text: fixed.into() }]);
        assert!(codes(&host, &ann).is_empty(), "{:?}", codes(&host, &ann));
        assert_eq!(host.snapshot().mention_counts(entity), MentionCount { articles: 1, mentions: 1 });

        // Without its `.ann`, the text is a plain article: the automaton still finds the name.
        host.apply(vec![Change::Remove { path: ann.clone() }]);
        let article = host.snapshot().article(host.file_id(&txt).unwrap()).unwrap().mentions.clone();
        assert!(article.mentions.iter().all(|m| !m.explicit));
        assert_eq!(stats(&host), fresh_stats(&host));
        let (kept, fresh) = collections_now(&host);
        assert_eq!(kept, fresh);

        // And a `.ann` without its text is reported.
        host.apply(vec![
            Change::SetText { path: ann.clone(), text: fixed.into() },
            Change::Remove { path: txt },
        ]);
        assert_eq!(codes(&host, &ann), ["annotation/ann-without-text"]);
    }

    #[test]
    fn an_annotation_conf_and_the_collection_follow_changes() {
        let (dir, mut host) = corpus(&[
            ("kb/kb.toml", ANN_KB),
            ("c/a.txt", "Ankara said no.\n"),
            ("c/a.ann", "T1\tGPE 0 6\tAnkara\n"),
            ("c/sub/b.txt", "Ankara said yes.\n"),
            ("c/sub/b.ann", "T1\tGPE 0 6\tAnkara\n"),
            ("c/sub/c.txt", "In Ankara.\n"),
            ("c/sub/c.ann", "T1\tOrg 3 9\tAnkara\n"),
        ]);
        let c_ann = dir.path().join("c/sub/c.ann");
        // Without a configuration, `c/` and `c/sub/` are two collections: a 1-1 tie in sub.
        assert_eq!(codes(&host, &c_ann), ["annotation/inconsistent-type"]);
        let (kept, _) = collections_now(&host);
        assert_eq!(kept.len(), 2);

        // A configuration at `c/` makes one collection of both folders, and declares types.
        let conf = dir.path().join("c/annotation.conf");
        let result = host.apply(vec![Change::SetText {
            path: conf.clone(),
            text: "[entities]\nGPE\nOrganization\n[relations]\n[events]\n[attributes]\n".into(),
        }]);
        assert!(result.affected.contains(&host.file_id(&c_ann).unwrap()));
        assert_eq!(codes(&host, &c_ann), ["annotation/undeclared-type"]);
        let (kept, fresh) = collections_now(&host);
        assert_eq!(kept, fresh);
        assert_eq!(kept.len(), 1);

        // Another document's edit re-runs the collection: now `c` is the outlier.
        host.apply(vec![Change::SetText {
            path: c_ann.clone(),
            text: "T1\tOrganization 3 9\tAnkara\n".into(),
        }]);
        assert_eq!(codes(&host, &c_ann), ["annotation/inconsistent-type"]);
        let message = host.snapshot().findings(host.file_id(&c_ann).unwrap())[0].message.clone();
        assert!(message.contains("(`GPE` 2, `Organization` 1)"), "{message}");
        host.apply(vec![Change::Remove { path: conf }]);
        let (kept, fresh) = collections_now(&host);
        assert_eq!(kept, fresh);
        assert_eq!(stats(&host), fresh_stats(&host));
    }

    #[test]
    fn loading_reports_progress_for_every_file_in_both_stages() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("kb")).unwrap();
        std::fs::write(dir.path().join("kb/kb.toml"), KB).unwrap();
        for i in 0..5 {
            std::fs::write(dir.path().join(format!("{i}.md")), "Text.\n").unwrap();
        }
        let seen = std::sync::Mutex::new(Vec::new());
        AnalysisHost::load_with_progress(Config::defaults(dir.path().to_path_buf()), &|progress| {
            seen.lock().unwrap().push(progress);
        });
        let seen = seen.into_inner().unwrap();
        for stage in [LoadStage::Reading, LoadStage::Checking] {
            let mut done: Vec<usize> = seen.iter().filter(|p| p.stage == stage).map(|p| p.done).collect();
            done.sort();
            assert_eq!(done, [1, 2, 3, 4, 5, 6], "{stage:?}");
        }
        assert!(seen.iter().all(|p| p.total == 6));
    }

    #[test]
    fn selection_and_suppressions_apply_in_the_shared_path() {
        let text = "---\ndate: 2021-01-01\n---\n<!-- dateline-ignore name/variant -->\nAnne Example.\n\nAnne Example.\n";
        let (dir, host) = corpus(&[("kb/kb.toml", KB), ("a.md", text), ("wires/b.md", "Anne Example.\n")]);
        let snapshot = host.snapshot();
        let a = snapshot.file_id(&dir.path().join("a.md")).unwrap();
        let lines: Vec<u32> = snapshot
            .findings(a)
            .iter()
            .map(|f| crate::span::LineIndex::new(text).line_col(text, f.span.start as usize).line)
            .collect();
        assert_eq!(lines, [7], "the suppressed paragraph is silent, the next one is not");

        let config_text = "[checks]\nignore = [\"corpus/missing-date\"]\n[checks.per-file-ignores]\n\"wires/**\" = [\"name/\"]\n";
        let config =
            Config::parse(dir.path().to_path_buf(), dir.path().join("dateline.toml"), config_text).unwrap();
        let host = AnalysisHost::load(config);
        let snapshot = host.snapshot();
        let b = snapshot.file_id(&dir.path().join("wires/b.md")).unwrap();
        assert!(snapshot.findings(b).is_empty(), "{:?}", snapshot.findings(b));
    }

    #[test]
    fn a_kb_edit_reanalyses_articles_and_new_files_join() {
        let (dir, mut host) =
            corpus(&[("kb/kb.toml", KB), ("a.md", "---\ndate: 2021-01-01\n---\nBob Other spoke.\n")]);
        let a = host.file_id(&dir.path().join("a.md")).unwrap();
        assert!(host.snapshot().article(a).unwrap().mentions.mentions.is_empty());
        let kb = format!("{KB}\n[[entity]]\nid = \"b\"\nkind = \"person\"\nname = \"Bob Other\"\n");
        let result = host.apply(vec![Change::SetText { path: dir.path().join("kb/kb.toml"), text: kb }]);
        assert!(result.affected.contains(&a));
        assert_eq!(host.snapshot().article(a).unwrap().mentions.mentions.len(), 1);

        let c = dir.path().join("new/c.md");
        std::fs::create_dir_all(c.parent().unwrap()).unwrap();
        std::fs::write(&c, "---\ndate: 2021-01-03\n---\nBob Other again.\n").unwrap();
        host.apply(vec![Change::Reload { path: c.clone() }]);
        let c_id = host.snapshot().file_id(&c).expect("a created file joins the corpus");
        assert_eq!(host.snapshot().article(c_id).unwrap().mentions.mentions.len(), 1);
        let outside = dir.path().join("image.png");
        assert!(host.apply(vec![Change::SetText { path: outside, text: String::new() }]).affected.is_empty());
        assert_eq!(stats(&host), fresh_stats(&host));
    }

    #[test]
    fn a_kb_edit_rechecks_only_the_articles_it_touches() {
        let kb = "[[entity]]\nid = \"a\"\nkind = \"person\"\nname = \"Ann Example\"\n\n[[entity]]\nid = \"b\"\nkind = \"person\"\nname = \"Bob Other\"\n";
        let (dir, mut host) = corpus(&[
            ("kb/kb.toml", kb),
            ("ann.md", "---\ndate: 2021-01-01\n---\nAnn Example spoke.\n"),
            ("bob.md", "---\ndate: 2021-01-01\n---\nBob Other spoke.\n"),
            ("new.md", "---\ndate: 2021-01-01\n---\nAnnie Example spoke.\n"),
        ]);
        let file = |name: &str| host.file_id(&dir.path().join(name)).unwrap();
        let (ann, bob, new) = (file("ann.md"), file("bob.md"), file("new.md"));
        // A variant added to Ann: her article and the one now containing it, not Bob's.
        let edited = kb
            .replace("name = \"Ann Example\"\n", "name = \"Ann Example\"\nvariants = [\"Annie Example\"]\n");
        let result = host.apply(vec![Change::SetText { path: dir.path().join("kb/kb.toml"), text: edited }]);
        assert!(result.affected.contains(&ann) && result.affected.contains(&new), "{:?}", result.affected);
        assert!(!result.affected.contains(&bob), "an unrelated article is left alone: {:?}", result.affected);
        let codes: Vec<_> = host.snapshot().findings(new).iter().map(|f| f.code()).collect();
        assert_eq!(codes, ["name/variant"]);
        assert_eq!(stats(&host), fresh_stats(&host));
        // A new entity shifts nothing here, but ids could: everything is checked again.
        let grown = format!("{kb}\n[[entity]]\nid = \"c\"\nkind = \"place\"\nname = \"Cville\"\n");
        let result = host.apply(vec![Change::SetText { path: dir.path().join("kb/kb.toml"), text: grown }]);
        assert!(result.affected.contains(&bob));
    }

    #[test]
    fn a_new_alias_finds_its_misspellings_in_untouched_articles() {
        let kb = "[[entity]]\nid = \"h\"\nkind = \"person\"\nname = \"Hikmet Hajiyev\"\n";
        let (dir, mut host) = corpus(&[
            ("kb/kb.toml", kb),
            ("typo.md", "---\ndate: 2021-01-01\n---\nThen Hikmat Gadzhiyev spoke.\n"),
        ]);
        let typo = host.file_id(&dir.path().join("typo.md")).unwrap();
        let before: Vec<_> = host.snapshot().findings(typo).iter().map(|f| f.message.clone()).collect();
        assert!(before.is_empty(), "{before:?}");
        let edited = kb.replace(
            "name = \"Hikmet Hajiyev\"\n",
            "name = \"Hikmet Hajiyev\"\naliases = [\"Hikmat Gadzhiev\"]\n",
        );
        std::fs::write(dir.path().join("kb/kb.toml"), &edited).unwrap();
        host.apply(vec![Change::Reload { path: dir.path().join("kb/kb.toml") }]);
        let codes: Vec<_> = host.snapshot().findings(typo).iter().map(|f| f.code()).collect();
        // `Gadzhiyev` for `Gadzhiev` is another romanisation: a variant by pattern.
        assert_eq!(codes, ["name/variant"], "as a fresh load finds");
    }

    #[test]
    fn a_kb_edit_relinks_annotations_by_cross_reference() {
        let kb = "[[entity]]\nid = \"ankara\"\nkind = \"place\"\nname = \"Ankara\"\n\n[[entity]]\nid = \"b\"\nkind = \"person\"\nname = \"Bob Other\"\n";
        let (dir, mut host) = corpus(&[
            ("kb/kb.toml", kb),
            ("c/a.txt", "The capital waited.\n"),
            ("c/a.ann", "T1\tGPE 4 11\tcapital\nN1\tReference T1 Wikidata:Q3640\tAnkara\n"),
            ("bob.md", "---\ndate: 2021-01-01\n---\nBob Other spoke.\n"),
        ]);
        let ankara = host.snapshot().kb().lookup("ankara").unwrap();
        assert_eq!(host.snapshot().mention_counts(ankara).mentions, 0, "nothing links the span yet");
        let edited = kb.replace("name = \"Ankara\"\n", "name = \"Ankara\"\nxrefs = [\"wikidata:Q3640\"]\n");
        let result = host.apply(vec![Change::SetText { path: dir.path().join("kb/kb.toml"), text: edited }]);
        let file = |name: &str| host.file_id(&dir.path().join(name)).unwrap();
        assert!(result.affected.contains(&file("c/a.ann")) && result.affected.contains(&file("c/a.txt")));
        assert!(!result.affected.contains(&file("bob.md")), "{:?}", result.affected);
        assert_eq!(host.snapshot().mention_counts(ankara).mentions, 1, "the `N` line links it now");
        assert_eq!(stats(&host), fresh_stats(&host));
    }

    #[test]
    fn named_events_are_compared_across_articles_and_follow_edits() {
        let (dir, mut host) = corpus(&[
            ("kb/kb.toml", KB),
            ("a.md", "---\ndate: 2021-10-01\n---\nThe Zapad-2021 Exercises began on Sept. 10, 2021.\n"),
            ("b.md", "---\ndate: 2021-10-02\n---\nThe Zapad-2021 Exercises began on Sept. 12, 2021.\n"),
        ]);
        let b = dir.path().join("b.md");
        assert_eq!(codes(&host, &dir.path().join("a.md")), ["date/cross-article"]);
        assert_eq!(codes(&host, &b), ["date/cross-article"]);
        let result = host.apply(vec![Change::SetText {
            path: b.clone(),
            text: "---\ndate: 2021-10-02\n---\nThe Zapad-2021 Exercises began on Sept. 10, 2021.\n".into(),
        }]);
        let a = host.file_id(&dir.path().join("a.md")).unwrap();
        assert!(result.affected.contains(&a), "the other article's finding goes too: {result:?}");
        assert!(codes(&host, &dir.path().join("a.md")).is_empty());
        assert!(codes(&host, &b).is_empty());
    }

    #[test]
    fn the_kb_is_ready_before_the_articles() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("kb")).unwrap();
        std::fs::write(dir.path().join("kb/kb.toml"), KB).unwrap();
        std::fs::write(dir.path().join("a.md"), "---\ndate: 2021-01-01\n---\nAnn Example spoke.\n").unwrap();
        let partial = std::sync::Mutex::new(None);
        let keep = |snapshot| *partial.lock().unwrap() = Some(snapshot);
        let host = AnalysisHost::load_with(Config::defaults(dir.path().to_path_buf()), &|_| {}, Some(&keep));
        let partial = partial.into_inner().unwrap().expect("handed over before the articles");
        assert!(partial.is_partial() && !host.snapshot().is_partial());
        // KB queries work; the articles are there but not analysed yet.
        assert_eq!(partial.workspace_symbols("ann", 10)[0].name, "Ann Example");
        let kb = partial.file_id(&dir.path().join("kb/kb.toml")).unwrap();
        assert_eq!(partial.kb_lenses(kb)[0].title, "mentions: still indexing");
        let article = partial.file_id(&dir.path().join("a.md")).unwrap();
        assert!(partial.article(article).is_none());
        assert_eq!(host.snapshot().kb_lenses(kb)[0].title, "1 mention in 1 article");
    }
}
