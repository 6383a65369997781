//! Per-collection facts, kept current on every change: which annotation files make up each
//! collection of annotated documents, and what the collection checks found there.
//!
//! The second keyed corpus pass, beside the per-entity one in `entities`: a change to an
//! annotation file or its text re-runs the collection checks for the collections the file
//! belonged to before and after the change, and no others. A collection is the annotation
//! files of one folder; brat files below an `annotation.conf` belong to the collection of
//! its folder (one scheme, one collection).

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use super::annotation::AnnotationAnalysis;
use super::entities::Sign;
use super::{FileEntry, Snapshot};
use crate::checks::{self, CollectionCtx, CollectionDoc, Finding, Rule};
use crate::corpus::FileId;
use crate::formats::ProblemKind;
use crate::mentions::Mention;

/// What is known about one collection.
#[derive(Clone, Debug, Default)]
pub struct CollectionEntry {
    /// Its annotation files, sorted.
    pub files: Arc<Vec<FileId>>,
    /// Findings of the collection checks (in any of its files, or their texts).
    pub findings: Arc<[Finding]>,
}

pub(crate) type Collections = BTreeMap<Arc<Path>, CollectionEntry>;

/// The collection `analysis` puts its file in; `annotation.conf` files are in none.
pub(crate) fn key(analysis: &AnnotationAnalysis) -> Option<&Arc<Path>> {
    analysis.format.map(|_| &analysis.collection)
}

/// Adds or removes one annotation file.
pub(crate) fn contribute(index: &mut Collections, file: FileId, analysis: &AnnotationAnalysis, sign: Sign) {
    let Some(key) = key(analysis) else { return };
    match sign {
        Sign::Add => {
            let entry = index.entry(key.clone()).or_default();
            let files = Arc::make_mut(&mut entry.files);
            if let Err(at) = files.binary_search(&file) {
                files.insert(at, file);
            }
        }
        Sign::Remove => {
            let Some(entry) = index.get_mut(key) else { return };
            let files = Arc::make_mut(&mut entry.files);
            if let Ok(at) = files.binary_search(&file) {
                files.remove(at);
            }
            if files.is_empty() && entry.findings.is_empty() {
                index.remove(key);
            }
        }
    }
}

/// The index of a freshly analysed corpus.
pub(crate) fn index(files: &[FileEntry]) -> Collections {
    let mut index = Collections::new();
    for (i, entry) in files.iter().enumerate() {
        if let Some(analysis) = entry.annotation.as_deref() {
            contribute(&mut index, FileId(i as u32), analysis, Sign::Add);
        }
    }
    index
}

/// Runs the enabled collection checks over the documents of the collection `key`.
pub(crate) fn collection_findings(
    snapshot: &Snapshot,
    key: &Path,
    enabled: &dyn Fn(&Rule) -> bool,
) -> Vec<Finding> {
    let Some(entry) = snapshot.collections.get(key) else { return Vec::new() };
    // KB names the automaton found in each brat `.txt` that no annotation asserts.
    let kb_mentions: Vec<Vec<Mention>> = entry
        .files
        .iter()
        .map(|&file| {
            let text_file = snapshot.files.get(file.index()).and_then(|e| e.annotation.as_deref()?.text_file);
            match text_file.filter(|&t| t != file).and_then(|t| snapshot.article(t)) {
                Some(article) => article.mentions.mentions.iter().filter(|m| !m.explicit).copied().collect(),
                None => Vec::new(),
            }
        })
        .collect();
    let documents: Vec<CollectionDoc<'_>> = entry
        .files
        .iter()
        .zip(&kb_mentions)
        .filter_map(|(&file, kb_mentions)| {
            let slot = snapshot.files.get(file.index())?;
            let analysis = slot.annotation.as_deref()?;
            Some(CollectionDoc {
                file,
                text_file: analysis.text_file?,
                format: analysis.format?,
                source: &slot.source.as_deref()?.text,
                doc: analysis.document()?,
                brat: analysis.brat(),
                conf: analysis.conf.as_ref().map(|(_, conf)| conf),
                links: &analysis.links,
                kb_mentions,
                offsets_hold: !analysis
                    .problems()
                    .iter()
                    .any(|p| matches!(p.kind, ProblemKind::TextMismatch | ProblemKind::OffsetOutOfRange)),
            })
        })
        .collect();
    if documents.is_empty() {
        return Vec::new();
    }
    let ctx = CollectionCtx { folder: key, kb: &snapshot.kb.kb, documents };
    let mut out = Vec::new();
    checks::run(&ctx, enabled, &mut out);
    out
}
