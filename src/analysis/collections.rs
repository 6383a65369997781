//! Per-collection facts, kept current on every change: which annotation files make up each
//! collection of annotated documents, and what the collection checks found there.
//!
//! The second keyed corpus pass, beside the per-entity one in `entities`: a change to an
//! annotation file or its text re-runs the collection checks for the collections the file
//! belonged to before and after the change, and no others. A collection is the annotation
//! files of one folder; brat files below an `annotation.conf` belong to the collection of
//! its folder (one scheme, one collection).
//!
//! Under `[agreement]`, a file is also in a second kind of collection: one document's
//! versions across the annotators' folders and the curated folder (keyed by the document's
//! path inside them), where the agreement checks compare the versions.

use std::path::Path;
use std::sync::Arc;

use super::annotation::AnnotationAnalysis;
use super::keyed::{self, Keyed, Sign};
use super::{FileEntry, Snapshot};
use crate::checks::{self, AgreementCtx, CollectionCtx, CollectionDoc, Finding, Rule};
use crate::corpus::FileId;
use crate::corpus::config::VersionOf;
use crate::formats::ProblemKind;
use crate::mentions::Mention;

/// Collections: their annotation files, and the collection checks' findings (in any of its
/// files, or their texts).
pub(crate) type Collections = Keyed<CollectionKey>;

/// What groups annotation files for the checks that compare them.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum CollectionKey {
    /// The annotation files of one folder (brat: of their `annotation.conf`'s folder).
    Folder(Arc<Path>),
    /// One document's versions under `[agreement]`, by its path inside the folders.
    Agreement(Arc<str>),
}

/// The collections `analysis` puts its file in; `annotation.conf` files are in none.
pub(crate) fn keys(analysis: &AnnotationAnalysis) -> Vec<CollectionKey> {
    let Some(_) = analysis.format else { return Vec::new() };
    let mut keys = vec![CollectionKey::Folder(analysis.collection.clone())];
    if let Some((_, name)) = &analysis.agreement {
        keys.push(CollectionKey::Agreement(name.clone()));
    }
    keys
}

/// Adds or removes one annotation file.
pub(crate) fn contribute(index: &mut Collections, file: FileId, analysis: &AnnotationAnalysis, sign: Sign) {
    for key in keys(analysis) {
        keyed::contribute(index, &key, file, sign);
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

/// Runs the enabled collection (or agreement) checks over the documents of `key`.
pub(crate) fn collection_findings(
    snapshot: &Snapshot,
    key: &CollectionKey,
    enabled: &dyn Fn(&Rule) -> bool,
) -> Vec<Finding> {
    let Some(entry) = snapshot.collections.get(key) else { return Vec::new() };
    let key = match key {
        CollectionKey::Folder(folder) => folder,
        CollectionKey::Agreement(name) => return agreement_findings(snapshot, name, &entry.files, enabled),
    };
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
        .filter_map(|(&file, kb_mentions)| collection_doc(snapshot, file, kb_mentions))
        .collect();
    if documents.is_empty() {
        return Vec::new();
    }
    let ctx = CollectionCtx { folder: key, kb: &snapshot.kb.kb, documents };
    let mut out = Vec::new();
    checks::run(&ctx, enabled, &mut out);
    out
}

/// One annotation file as the collection checks see it; `None` for a file with nothing to read.
fn collection_doc<'a>(
    snapshot: &'a Snapshot,
    file: FileId,
    kb_mentions: &'a [Mention],
) -> Option<CollectionDoc<'a>> {
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
}

/// Runs the enabled agreement checks over the versions of the document `name`.
fn agreement_findings(
    snapshot: &Snapshot,
    name: &str,
    files: &[FileId],
    enabled: &dyn Fn(&Rule) -> bool,
) -> Vec<Finding> {
    let Some(agreement) = &snapshot.config.agreement else { return Vec::new() };
    let mut versions: Vec<Option<CollectionDoc<'_>>> = vec![None; agreement.annotators.len()];
    let mut curated = None;
    for &file in files {
        let Some(analysis) = snapshot.files.get(file.index()).and_then(|e| e.annotation.as_deref()) else {
            continue;
        };
        let (Some((whose, _)), Some(doc)) = (&analysis.agreement, collection_doc(snapshot, file, &[])) else {
            continue;
        };
        match whose {
            VersionOf::Annotator(i) => {
                if let Some(slot) = versions.get_mut(*i) {
                    *slot = Some(doc);
                }
            }
            VersionOf::Curated => curated = Some(doc),
        }
    }
    if versions.iter().flatten().count() < 2 {
        return Vec::new();
    }
    let ctx = AgreementCtx { document: name, annotators: &agreement.annotators, versions, curated };
    let mut out = Vec::new();
    checks::run(&ctx, enabled, &mut out);
    out
}
