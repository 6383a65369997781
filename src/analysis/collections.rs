//! Per-collection facts, kept current on every change: which annotation files make up each
//! collection of annotated documents, and what the collection checks found there.
//!
//! The second keyed corpus pass, beside the per-entity one in `entities`: a change to an
//! annotation file or its text re-runs the collection checks for the collections the file
//! belonged to before and after the change, and no others. A collection is the annotation
//! files of one folder; brat files below an `annotation.conf` belong to the collection of
//! its folder (one scheme, one collection).

use std::path::Path;
use std::sync::Arc;

use super::annotation::AnnotationAnalysis;
use super::keyed::{self, Keyed, Sign};
use super::{FileEntry, Snapshot};
use crate::checks::{self, CollectionCtx, CollectionDoc, Finding, Rule};
use crate::corpus::FileId;
use crate::formats::ProblemKind;
use crate::mentions::Mention;

/// Collections by folder: their annotation files, and the collection checks' findings (in
/// any of its files, or their texts).
pub(crate) type Collections = Keyed<Arc<Path>>;

/// The collection `analysis` puts its file in; `annotation.conf` files are in none.
pub(crate) fn key(analysis: &AnnotationAnalysis) -> Option<&Arc<Path>> {
    analysis.format.map(|_| &analysis.collection)
}

/// Adds or removes one annotation file.
pub(crate) fn contribute(index: &mut Collections, file: FileId, analysis: &AnnotationAnalysis, sign: Sign) {
    if let Some(key) = key(analysis) {
        keyed::contribute(index, key, file, sign);
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
