//! Changes to a loaded corpus: which files they touch, what is re-analysed, and which
//! corpus-wide checks re-run.

use super::*;

impl AnalysisHost {
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
        // Every file whose findings may have changed gets its corpus findings stored again
        // (the same set the server publishes again).
        self.snapshot.store_corpus_findings(&result.affected);
        result
    }

    /// The files read together with the changed ones, which must be re-analysed with them:
    /// the other half of a brat document, and every `.ann` below a changed `annotation.conf`.
    pub(super) fn dependents(&self, changed: &[(PathBuf, FileKind)]) -> Vec<FileId> {
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

    pub(super) fn add_slot(&mut self, path: &Path) -> FileId {
        let files = Arc::make_mut(&mut self.snapshot.files);
        let file = FileId(files.len() as u32);
        files.push(FileEntry::empty(None));
        Arc::make_mut(&mut self.snapshot.paths).insert(path.to_path_buf(), file);
        file
    }

    /// Re-analyses `files`: annotation files first, then articles (a brat `.txt` reads its
    /// `.ann`'s analysis), adjusting the entity and collection indexes as it goes.
    pub(super) fn reanalyse(&mut self, files: &[FileId]) {
        for phase in [Phase::Annotations, Phase::Articles] {
            let snapshot = &self.snapshot;
            let lookup = Lookup { paths: &snapshot.paths, files: &snapshot.files };
            let updated: Vec<(FileId, FileEntry)> = files
                .par_iter()
                .filter_map(|&file| {
                    let source = snapshot.files[file.index()].source.clone()?;
                    (Phase::of(source.kind) == phase).then(|| {
                        (
                            file,
                            analyse(file, source, &snapshot.config, &snapshot.policy, &snapshot.kb, &lookup),
                        )
                    })
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
    pub(super) fn run_corpus_checks(&mut self, entities: &[EntityId], events: &[Arc<str>]) -> Vec<FileId> {
        let keys: Vec<CorpusKey> = entities
            .iter()
            .map(|&entity| CorpusKey::Entity(entity))
            .chain(events.iter().cloned().map(CorpusKey::Event))
            .collect();
        let snapshot = &self.snapshot;
        let policy = &snapshot.policy;
        let is_enabled = |rule: &Rule| policy::runs(policy, rule);
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
                policy::settle_corpus(snapshot, &mut findings);
                (key, findings)
            })
            .collect();
        let mut affected = Vec::new();
        let index = Arc::make_mut(&mut self.snapshot.entities);
        let named = Arc::make_mut(&mut self.snapshot.named_events);
        for (key, findings) in results {
            let slot = match &key {
                CorpusKey::Entity(entity) => index.get_mut(entity.index()).map(|e| &mut e.keyed.findings),
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
    pub(super) fn run_collection_checks(&mut self, keys: &[CollectionKey]) -> Vec<FileId> {
        let snapshot = &self.snapshot;
        let policy = &snapshot.policy;
        let is_enabled = |rule: &Rule| policy::runs(policy, rule);
        let any_enabled = checks::registry::RULES.iter().any(|rule| {
            matches!(rule.pass, checks::Pass::Collection(_) | checks::Pass::Agreement(_)) && is_enabled(rule)
        });
        let results: Vec<(CollectionKey, Vec<Finding>)> = if any_enabled {
            keys.par_iter()
                .map(|key| (key.clone(), collections::collection_findings(snapshot, key, &is_enabled)))
                .collect()
        } else {
            keys.iter().map(|key| (key.clone(), Vec::new())).collect()
        };
        let results: Vec<(CollectionKey, Vec<Finding>)> = results
            .into_iter()
            .map(|(key, mut findings)| {
                policy::settle_corpus(&self.snapshot, &mut findings);
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
    pub(super) fn rebuild_kb(&mut self, result: &mut ChangeResult, changed: &[FileId], old_keys: Keys) {
        let kb = build_kb(
            &self.snapshot.config,
            &self.snapshot.policy,
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
        let old_collections: Vec<CollectionKey> = self.snapshot.collections.keys().cloned().collect();
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
    pub(super) fn analyse_everything(&mut self, old_collections: Vec<CollectionKey>) -> Vec<FileId> {
        let all: Vec<FileId> = self.snapshot.files().collect();
        self.snapshot.entities = Arc::new(Vec::new());
        self.reanalyse(&all);
        self.snapshot.entities = Arc::new(entities::index(&self.snapshot.kb.kb, &self.snapshot.files));
        self.snapshot.collections = Arc::new(collections::index(&self.snapshot.files));
        self.snapshot.named_events = Arc::new(events::index(&self.snapshot.files));
        let keys: Vec<EntityId> = self.snapshot.kb.kb.ids().collect();
        let named: Vec<Arc<str>> = self.snapshot.named_events.keys().cloned().collect();
        self.run_corpus_checks(&keys, &named);
        let mut collections: Vec<CollectionKey> = self.snapshot.collections.keys().cloned().collect();
        collections.extend(old_collections);
        collections.sort();
        collections.dedup();
        self.run_collection_checks(&collections);
        self.snapshot.store_corpus_findings(&all);
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
            &self.snapshot.policy,
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
    pub(super) fn files_touching(&self, old: &kb::Kb, changed: &[EntityId]) -> Vec<FileId> {
        let mut out: Vec<FileId> = Vec::new();
        for &id in changed {
            if let Some(entry) = self.snapshot.entities.get(id.index()) {
                out.extend(entry.keyed.files.iter());
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
pub(super) fn changed_entities(old: &kb::Kb, new: &kb::Kb) -> Option<Vec<EntityId>> {
    let (a, b) = (old.entities(), new.entities());
    if a.len() != b.len() || a.iter().zip(b).any(|(x, y)| x.key != y.key) {
        return None;
    }
    Some(new.ids().filter(|&id| !kb::same_content(old.entity(id), new.entity(id))).collect())
}

/// What a change touched, for re-running corpus-wide checks: the entities its files
/// mention, the named events they date and the collections they belong to.
#[derive(Default)]
pub(super) struct Keys {
    entities: Vec<EntityId>,
    events: Vec<Arc<str>>,
    collections: Vec<CollectionKey>,
}

impl Keys {
    pub(super) fn add(&mut self, entry: &FileEntry) {
        if let Some((_, entities)) = entry.mentions() {
            self.entities.extend(entities);
        }
        if let Some(analysis) = &entry.analysis {
            self.events.extend(analysis.named_events.iter().cloned());
        }
        if let Some(annotation) = entry.annotation.as_deref() {
            self.collections.extend(collections::keys(annotation));
        }
    }

    pub(super) fn dedup(&mut self) {
        self.entities.sort();
        self.entities.dedup();
        self.events.sort();
        self.events.dedup();
        self.collections.sort();
        self.collections.dedup();
    }
}

/// A subject of the corpus checks, owned: a KB entity or a named event's key.
pub(super) enum CorpusKey {
    Entity(EntityId),
    Event(Arc<str>),
}

impl CorpusKey {
    pub(super) fn subject(&self) -> checks::Subject<'_> {
        match self {
            CorpusKey::Entity(entity) => checks::Subject::Entity(*entity),
            CorpusKey::Event(key) => checks::Subject::NamedEvent(key),
        }
    }
}
