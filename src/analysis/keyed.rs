//! The one shape of the corpus-wide indexes (per KB entity, per named event, per
//! collection of annotated documents): for each key, the files about it, sorted, and what
//! the corpus checks found about it. A change adds or removes a file under the keys its
//! old and new analysis name, so the lists stay current without a rebuild.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::checks::Finding;
use crate::corpus::FileId;

/// The files about one key and the corpus-check findings for it (in any file).
#[derive(Clone, Debug, Default)]
pub struct KeyedFiles {
    /// Sorted, without duplicates.
    pub files: Arc<Vec<FileId>>,
    pub findings: Arc<[Finding]>,
}

impl KeyedFiles {
    /// Adds `file`; `false` when it was there already.
    pub(crate) fn insert(&mut self, file: FileId) -> bool {
        match self.files.binary_search(&file) {
            Ok(_) => false,
            Err(at) => {
                Arc::make_mut(&mut self.files).insert(at, file);
                true
            }
        }
    }

    /// Removes `file`; `false` when it was not there.
    pub(crate) fn remove(&mut self, file: FileId) -> bool {
        match self.files.binary_search(&file) {
            Ok(at) => {
                Arc::make_mut(&mut self.files).remove(at);
                true
            }
            Err(_) => false,
        }
    }

    /// No file and no finding: the key can be forgotten. (Findings stay until the checks
    /// re-run and clear them.)
    fn is_unused(&self) -> bool {
        self.files.is_empty() && self.findings.is_empty()
    }
}

/// Whether a file's contribution is being added or taken back.
#[derive(Clone, Copy)]
pub(crate) enum Sign {
    Add,
    Remove,
}

/// An index whose keys come and go with the files (named events, collections).
pub(crate) type Keyed<K> = BTreeMap<K, KeyedFiles>;

/// Adds `file` under `key`, or removes it (forgetting a key left without files or findings).
pub(crate) fn contribute<K: Ord + Clone>(index: &mut Keyed<K>, key: &K, file: FileId, sign: Sign) {
    match sign {
        Sign::Add => {
            index.entry(key.clone()).or_default().insert(file);
        }
        Sign::Remove => {
            let Some(entry) = index.get_mut(key) else { return };
            entry.remove(file);
            if entry.is_unused() {
                index.remove(key);
            }
        }
    }
}
