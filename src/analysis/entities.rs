//! Per-entity corpus facts, kept current on every change: how often an entity is
//! mentioned, in which files (articles, and annotation files holding their own text), and
//! what the corpus checks found about it.
//!
//! An edit adjusts the counts and file lists by the difference between the article's old
//! and new analysis, then re-runs the corpus checks for the entities the article mentions
//! before or after the edit, and no others.

use super::keyed::{KeyedFiles, Sign};
use super::{FileEntry, MentionCount, Snapshot};
use crate::checks::{self, CorpusArticle, CorpusCtx, Finding, Rule, Subject};
use crate::corpus::FileId;
use crate::kb::{EntityId, Kb};
use crate::mentions::Mentions;

/// What the corpus knows about one entity: how often it is mentioned, and (as for every
/// key) the files mentioning it and the corpus checks' findings. The KB's ids are dense, so
/// this index is a vector, never pruned.
#[derive(Clone, Debug, Default)]
pub struct EntityEntry {
    pub count: MentionCount,
    pub keyed: KeyedFiles,
}

/// Adds or removes one file's mentions (an article's, or an annotation file's that holds
/// its own text); `entities` are the entities of `mentions`, sorted.
pub(crate) fn contribute(
    index: &mut [EntityEntry],
    file: FileId,
    (mentions, entities): (&Mentions, &[EntityId]),
    sign: Sign,
) {
    for mention in &mentions.mentions {
        if let Some(entry) = index.get_mut(mention.entity.index()) {
            match sign {
                Sign::Add => entry.count.mentions += 1,
                Sign::Remove => entry.count.mentions = entry.count.mentions.saturating_sub(1),
            }
        }
    }
    for entity in entities {
        let Some(entry) = index.get_mut(entity.index()) else { continue };
        match sign {
            Sign::Add if entry.keyed.insert(file) => entry.count.articles += 1,
            Sign::Remove if entry.keyed.remove(file) => {
                entry.count.articles = entry.count.articles.saturating_sub(1);
            }
            _ => {}
        }
    }
}

/// The index of a freshly analysed corpus.
pub(crate) fn index(kb: &Kb, files: &[FileEntry]) -> Vec<EntityEntry> {
    let mut index = vec![EntityEntry::default(); kb.entities().len()];
    for (i, entry) in files.iter().enumerate() {
        if let Some(mentions) = entry.mentions() {
            contribute(&mut index, FileId(i as u32), mentions, Sign::Add);
        }
    }
    index
}

/// Runs the enabled corpus checks for `subject` over the articles about it: those
/// mentioning an entity, or dating a named event.
pub(crate) fn corpus_findings(
    snapshot: &Snapshot,
    subject: Subject<'_>,
    enabled: &dyn Fn(&Rule) -> bool,
) -> Vec<Finding> {
    let files: &[FileId] = match subject {
        Subject::Entity(entity) => match snapshot.entities.get(entity.index()) {
            Some(entry) => &entry.keyed.files,
            None => return Vec::new(),
        },
        Subject::NamedEvent(key) => match snapshot.named_events.get(key) {
            Some(entry) => &entry.files,
            None => return Vec::new(),
        },
    };
    let articles: Vec<CorpusArticle<'_>> = files
        .iter()
        .filter_map(|&file| {
            let slot = snapshot.files.get(file.index())?;
            let source = slot.source.as_deref()?;
            let analysis = slot.analysis.as_deref()?;
            Some(CorpusArticle {
                file,
                text: &source.text,
                article: &analysis.article,
                mentions: &analysis.mentions,
                dates: &analysis.dates,
                ties: &analysis.ties,
            })
        })
        .collect();
    if articles.is_empty() {
        return Vec::new();
    }
    let ctx = CorpusCtx { subject, kb: &snapshot.kb.kb, config: &snapshot.config, articles };
    let mut out = Vec::new();
    checks::run(&ctx, enabled, &mut out);
    out
}
