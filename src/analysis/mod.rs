//! The analysis host (owns the corpus state and applies changes) and snapshots (immutable
//! views that answer queries). `check` and `serve` both get their findings from here.
//!
//! Incrementality: each article's analysis (parse, mentions, findings) depends only on its
//! own text, the KB and the config, so an edit re-analyses that one article. A KB edit
//! rebuilds the KB and the automaton, then re-analyses the articles that mention a changed
//! entity or contain one of its forms. Corpus-wide facts live in three keyed indexes (per
//! KB entity, per named event, per collection: `keyed.rs`), which a change adjusts by the
//! difference between a file's old and new analysis; the corpus checks re-run only for the
//! keys a change touched.

pub mod annotation;
mod annotation_queries;
mod assists;
mod collections;
mod completion;
mod entities;
mod events;
pub mod fault;
pub mod fingerprint;
pub mod fix;
mod host;
mod hover;
mod inlay;
mod keyed;
mod links;
mod navigation;
mod policy;
mod rename;
mod report;
mod suggest;
mod suppression;
mod symbols;
mod tokens;
mod workspaces;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use annotation::{AnnotationAnalysis, AnnotationDoc};
pub use annotation_queries::AnnotationSymbolKind;
pub use assists::{Assist, AssistKind, NewFile};
pub use completion::{Completion, CompletionKind};
pub use host::{AnalysisHost, Change, ChangeResult, LoadProgress, LoadStage};
pub use hover::HoverResult;
pub use inlay::{InlayHint, InlayKind, InlayOptions};
pub use links::{DocumentLink, Lens};
pub use navigation::NavTarget;
pub use rename::{RenameSite, RenameTarget};
pub use report::{DatedArticle, Misfit, Timeline};
pub use suggest::{AttestedRole, Spelling, SuggestOptions, Suggestion, Suggestions};
pub use symbols::{DocumentSymbol, SymbolKind, WorkspaceSymbol};
pub use tokens::{SemanticToken, TokenKind, TokenModifiers};
pub use workspaces::{Membership, Opened, Opening, open, open_one, route};

use crate::checks::Finding;
use crate::checks::selection::Policy;
use crate::corpus::{Article, Config, FileId, FileKind, FileProblem};
use crate::dates::Timex;
use crate::kb::{EntityId, Kb};
use crate::mentions::{Matcher, Mentions};
use crate::span::{LineIndex, Span};
use crate::text::language::ArticleLanguage;
use crate::ties::Ties;

/// A span in a particular file.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub struct FileSpan {
    pub file: FileId,
    pub span: Span,
}

/// A file as the host knows it: path, role, contents.
#[derive(Debug)]
pub struct SourceFile {
    pub path: Arc<Path>,
    pub kind: FileKind,
    pub text: String,
    pub problem: Option<FileProblem>,
    pub line_index: LineIndex,
}

/// What analysing one article produced.
#[derive(Debug)]
pub struct ArticleAnalysis {
    pub article: Article,
    pub mentions: Mentions,
    /// Date expressions of the body, resolved against the publication date.
    pub dates: Vec<Timex>,
    /// Which dates and durations date which KB events.
    pub ties: Ties,
    /// The entities mentioned, sorted and deduplicated, for fast corpus-wide lookups.
    pub entities: Vec<EntityId>,
    /// The keys of the named events (not in the KB) the article dates, sorted.
    pub named_events: Vec<Arc<str>>,
    /// For a brat document's `.txt`: its `.ann`, whose linked spans are among `mentions`.
    pub annotations: Option<FileId>,
    /// The suppression comments of a Markdown article, for the corpus checks' findings.
    pub suppressions: Vec<crate::corpus::suppression::Suppression>,
    /// The language it is written in, when it says or detection is sure.
    pub language: Option<ArticleLanguage>,
    /// What each comment silenced of the article's own findings (parallel to
    /// `suppressions`): where the corpus checks' findings take over when they are stored.
    pub suppression_usage: Vec<crate::checks::SuppressionUsage>,
}

impl ArticleAnalysis {
    /// Drops the room its lists grew into: an analysis is kept for every article of an
    /// archive, and a list grown by doubling holds up to twice what it needs (the dates
    /// alone held more bytes than the articles' text at 10,000 articles).
    pub(crate) fn shrink(&mut self) {
        self.mentions.shrink_to_fit();
        self.ties.shrink_to_fit();
        self.dates.shrink_to_fit();
        self.entities.shrink_to_fit();
        self.named_events.shrink_to_fit();
        self.suppressions.shrink_to_fit();
        self.suppression_usage.shrink_to_fit();
    }

    pub fn mentions_entity(&self, entity: EntityId) -> bool {
        self.entities.binary_search(&entity).is_ok()
    }
}

/// One file's slot in a snapshot.
#[derive(Clone, Debug)]
pub(crate) struct FileEntry {
    pub(crate) source: Option<Arc<SourceFile>>,
    pub(crate) analysis: Option<Arc<ArticleAnalysis>>,
    /// For annotation files and `annotation.conf`.
    pub(crate) annotation: Option<Arc<AnnotationAnalysis>>,
    /// File, article and annotation-file findings (KB findings live in [`KbState`]).
    pub(crate) findings: Arc<[Finding]>,
    /// The corpus and collection checks' findings that land in this file, silenced by its
    /// suppression comments, and the checks on those comments (`corpus/unused-suppression`,
    /// which can only judge a comment once every finding has met it): derived from the
    /// keyed indexes (which re-run per key) after each change, so reading a file's findings
    /// is a concatenation.
    pub(crate) corpus: Arc<[Finding]>,
    /// The source `analysis`, `annotation` and `findings` were computed from (`None`
    /// before the first analysis). A change replaces `source`, then re-analyses: a slot
    /// where the two differ was missed, and its findings' spans belong to another text.
    pub(crate) analysed: Option<Arc<SourceFile>>,
}

impl FileEntry {
    pub(crate) fn empty(source: Option<Arc<SourceFile>>) -> FileEntry {
        FileEntry {
            source,
            analysis: None,
            annotation: None,
            findings: Arc::from(Vec::new()),
            corpus: Arc::from(Vec::new()),
            analysed: None,
        }
    }

    /// The mentions this file holds, with their entities: an article's, or those of an
    /// annotation file whose text is written in it (WebAnno TSV, CoNLL-U).
    pub(crate) fn mentions(&self) -> Option<(&Mentions, &[EntityId])> {
        if let Some(analysis) = self.analysis.as_deref() {
            return Some((&analysis.mentions, &analysis.entities));
        }
        let annotation = self.annotation.as_deref()?;
        Some((&annotation.mentions, &annotation.entities))
    }
}

/// The KB with what is derived from it.
#[derive(Debug)]
pub struct KbState {
    pub kb: Kb,
    pub matcher: Matcher,
    /// Findings of the KB checks, sorted by file.
    pub findings: Vec<Finding>,
}

/// An immutable view of the whole corpus at one revision. Cheap to clone; queries never
/// block the host.
#[derive(Clone, Debug)]
pub struct Snapshot {
    pub(crate) revision: u64,
    pub(crate) config: Arc<Config>,
    /// Which checks run where and how loudly: the config's `[checks]` resolved, with the
    /// front end's layers (command-line flags, editor settings).
    pub(crate) policy: Arc<Policy>,
    pub(crate) files: Arc<Vec<FileEntry>>,
    pub(crate) paths: Arc<HashMap<PathBuf, FileId>>,
    pub(crate) kb: Arc<KbState>,
    /// Per entity (by index): how often and where the corpus mentions it, and what the
    /// corpus checks found. Kept current on every change (see `entities`).
    pub(crate) entities: Arc<Vec<entities::EntityEntry>>,
    /// Per collection of annotated documents: its files and what the collection checks
    /// found (see `collections`).
    pub(crate) collections: Arc<collections::Collections>,
    /// Per named event the KB does not know: the articles dating it and what the corpus
    /// checks found (see `events`).
    pub(crate) named_events: Arc<events::NamedEvents>,
    /// Only the KB is ready: the files are read but no article is analysed yet (the first
    /// moments of indexing). Counts across the corpus are unknown, not zero.
    pub(crate) partial: bool,
}

/// How many articles mention an entity, and how many mentions there are in all.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MentionCount {
    pub articles: u32,
    pub mentions: u32,
}

impl Snapshot {
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Whether only the KB is ready (see [`AnalysisHost::load_with`]).
    pub fn is_partial(&self) -> bool {
        self.partial
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    pub fn kb(&self) -> &Kb {
        &self.kb.kb
    }

    /// Every file that currently exists, in path order.
    pub fn files(&self) -> impl Iterator<Item = FileId> + '_ {
        self.files
            .iter()
            .enumerate()
            .filter(|(_, entry)| entry.source.is_some())
            .map(|(i, _)| FileId(i as u32))
    }

    pub fn source(&self, file: FileId) -> Option<&SourceFile> {
        self.files.get(file.index())?.source.as_deref()
    }

    pub fn path(&self, file: FileId) -> Option<&Path> {
        self.source(file).map(|s| &*s.path)
    }

    pub fn text(&self, file: FileId) -> Option<&str> {
        self.source(file).map(|s| s.text.as_str())
    }

    /// The text `file`'s findings (their spans and fixes) were computed from: its
    /// [`text`](Snapshot::text) whenever the host is consistent. The fixer splices edits
    /// only into the very text they were computed from.
    pub fn analysed_text(&self, file: FileId) -> Option<&str> {
        self.files.get(file.index())?.analysed.as_deref().map(|s| s.text.as_str())
    }

    pub fn article(&self, file: FileId) -> Option<&ArticleAnalysis> {
        self.files.get(file.index())?.analysis.as_deref()
    }

    /// The analysis of an annotation file (or `annotation.conf`).
    pub fn annotation(&self, file: FileId) -> Option<&AnnotationAnalysis> {
        self.files.get(file.index())?.annotation.as_deref()
    }

    /// Every annotation file's analysis (documents only, not `annotation.conf`), by file.
    pub fn annotations(&self) -> impl Iterator<Item = (FileId, &AnnotationAnalysis)> + '_ {
        self.files.iter().enumerate().filter_map(|(i, entry)| {
            let analysis = entry.annotation.as_deref().filter(|a| a.format.is_some())?;
            entry.source.as_ref()?;
            Some((FileId(i as u32), analysis))
        })
    }

    /// The collections `file` belongs to: its own as an annotation file, its `.ann`'s as a
    /// brat document's `.txt`.
    fn collections_of(&self, file: FileId) -> Vec<collections::CollectionKey> {
        let Some(entry) = self.files.get(file.index()) else { return Vec::new() };
        let annotation = match (&entry.annotation, &entry.analysis) {
            (Some(annotation), _) => Some(annotation),
            (None, Some(article)) => {
                article.annotations.and_then(|ann| self.files.get(ann.index())?.annotation.as_ref())
            }
            (None, None) => None,
        };
        annotation.map(|a| collections::keys(a)).unwrap_or_default()
    }

    /// Every article analysis, with its file.
    pub fn articles(&self) -> impl Iterator<Item = (FileId, &ArticleAnalysis)> + '_ {
        self.files
            .iter()
            .enumerate()
            .filter_map(|(i, entry)| Some((FileId(i as u32), entry.analysis.as_deref()?)))
    }

    /// All findings for `file`, sorted by position then code: its own, the KB checks' in
    /// it, and those stored in its entry once the corpus checks ran (a concatenation: every
    /// finding was selected, settled and silenced where it was stored).
    pub fn findings(&self, file: FileId) -> Vec<Finding> {
        let Some(entry) = self.files.get(file.index()) else {
            return Vec::new();
        };
        if entry.source.is_none() {
            return Vec::new();
        }
        let mut out: Vec<Finding> = entry.findings.to_vec();
        let kb = &self.kb.findings;
        let start = kb.partition_point(|f| f.file < file);
        out.extend(kb[start..].iter().take_while(|f| f.file == file).cloned());
        out.extend(entry.corpus.iter().cloned());
        sort_findings(&mut out);
        out
    }

    /// What [`FileEntry::corpus`] stores for `file`: the corpus and collection checks'
    /// findings that land in it, silenced by its suppression comments, and then the
    /// suppression checks' findings on those comments.
    fn late_findings(&self, file: FileId) -> Vec<Finding> {
        let mut out = self.gather_corpus_findings(file);
        let Some(entry) = self.files.get(file.index()) else { return out };
        if let (Some(analysis), Some(source)) = (entry.analysis.as_deref(), entry.analysed.as_deref())
            && !analysis.suppressions.is_empty()
        {
            let selection = policy::for_file(&self.config, &self.policy, &source.path);
            suppression::apply_late(
                file,
                &source.text,
                &analysis.suppressions,
                &analysis.suppression_usage,
                &selection,
                &mut out,
            );
        }
        out
    }

    /// The corpus and collection checks' findings that land in `file`, gathered from the
    /// keys it belongs to.
    fn gather_corpus_findings(&self, file: FileId) -> Vec<Finding> {
        let Some(entry) = self.files.get(file.index()) else { return Vec::new() };
        if entry.source.is_none() {
            return Vec::new();
        }
        let mut out = Vec::new();
        if let Some((_, entities)) = entry.mentions() {
            for entity in entities {
                if let Some(facts) = self.entities.get(entity.index()) {
                    out.extend(facts.keyed.findings.iter().filter(|f| f.file == file).cloned());
                }
            }
        }
        if let Some(analysis) = entry.analysis.as_deref() {
            for key in &analysis.named_events {
                if let Some(facts) = self.named_events.get(key) {
                    out.extend(facts.findings.iter().filter(|f| f.file == file).cloned());
                }
            }
        }
        for key in self.collections_of(file) {
            if let Some(collection) = self.collections.get(&key) {
                out.extend(collection.findings.iter().filter(|f| f.file == file).cloned());
            }
        }
        out
    }

    /// Stores in each of `files`' entries the corpus findings that land in it (after the
    /// keyed indexes changed for them), so that reading a file's findings is a
    /// concatenation rather than a walk over the keys it belongs to.
    pub(crate) fn store_corpus_findings(&mut self, files: &[FileId]) {
        let gathered: Vec<(FileId, Vec<Finding>)> =
            files.iter().map(|&file| (file, self.late_findings(file))).collect();
        let table = Arc::make_mut(&mut self.files);
        for (file, corpus) in gathered {
            if let Some(entry) = table.get_mut(file.index()) {
                entry.corpus = Arc::from(corpus);
            }
        }
    }

    /// Every finding in the corpus, by file path then position.
    pub fn all_findings(&self) -> Vec<Finding> {
        let mut out = Vec::new();
        for file in self.files() {
            out.extend(self.findings(file));
        }
        out
    }

    /// The file at `path`, if it is part of the corpus.
    pub fn file_id(&self, path: &Path) -> Option<FileId> {
        self.paths.get(path).copied().filter(|&f| self.source(f).is_some())
    }
}

pub(crate) fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (a.file, a.span.start, a.span.end, a.rule.code).cmp(&(b.file, b.span.start, b.span.end, b.rule.code))
    });
}
