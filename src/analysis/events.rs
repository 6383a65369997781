//! Per named event the KB does not know (`the Zapad-2021 Exercises`): the articles that date
//! it, and what the corpus checks found about it. The counterpart of `entities` for events
//! identified by their name rather than a KB id, kept current the same way: a change adjusts
//! the file lists by the difference between an article's old and new analysis, and the corpus
//! checks re-run for the events it dates before or after.

use std::sync::Arc;

use super::FileEntry;
use super::keyed::{self, Keyed, Sign};
use crate::corpus::FileId;
use crate::mentions::Mentions;
use crate::ties::{EventRef, Strength};

/// Named events by key: the articles dating each, and the corpus checks' findings.
pub(crate) type NamedEvents = Keyed<Arc<str>>;

/// The keys of the named events an article dates (a strong tie), of names that mean one
/// occurrence only, sorted: only those can disagree across articles.
pub(crate) fn dated_events(mentions: &Mentions, ties: &crate::ties::Ties) -> Vec<Arc<str>> {
    let mut keys: Vec<Arc<str>> = ties
        .dates
        .iter()
        .filter(|t| t.strength == Strength::Strong)
        .filter_map(|t| match t.event {
            EventRef::Named(i) => mentions.named_events.get(i as usize),
            EventRef::Kb(_) => None,
        })
        .filter(|event| event.is_specific())
        .map(|event| Arc::from(event.key.as_str()))
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

/// Adds or removes one article's named events.
pub(crate) fn contribute(index: &mut NamedEvents, file: FileId, keys: &[Arc<str>], sign: Sign) {
    for key in keys {
        keyed::contribute(index, key, file, sign);
    }
}

/// The index of a freshly analysed corpus.
pub(crate) fn index(files: &[FileEntry]) -> NamedEvents {
    let mut index = NamedEvents::new();
    for (i, entry) in files.iter().enumerate() {
        if let Some(analysis) = entry.analysis.as_deref() {
            contribute(&mut index, FileId(i as u32), &analysis.named_events, Sign::Add);
        }
    }
    index
}
