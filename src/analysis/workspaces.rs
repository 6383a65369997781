//! Which corpus a path belongs to when several are open (the editor's workspace folders,
//! each its own corpus): one rule, used for edits, file events and requests alike. A corpus
//! that has the file wins over one whose globs would take it (a file not read yet); among
//! equals, the deepest root.

use std::path::Path;

use super::{AnalysisHost, Snapshot};

/// How a corpus stands to a path.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub enum Membership {
    Outside,
    /// Its globs take the path, but it has no such file (yet).
    Takes,
    /// The path is one of its files.
    Has,
}

impl AnalysisHost {
    pub fn membership(&self, path: &Path) -> Membership {
        if self.file_id(path).is_some() {
            Membership::Has
        } else if self.classify(path).is_some() {
            Membership::Takes
        } else {
            Membership::Outside
        }
    }
}

impl Snapshot {
    /// A snapshot knows its files, not its globs: `Has` or `Outside`.
    pub fn membership(&self, path: &Path) -> Membership {
        if self.file_id(path).is_some() { Membership::Has } else { Membership::Outside }
    }
}

/// The index of the corpus `path` belongs to, among `(root, membership)` pairs.
pub fn route<'a>(corpora: impl IntoIterator<Item = (&'a Path, Membership)>) -> Option<usize> {
    corpora
        .into_iter()
        .enumerate()
        .filter(|(_, (_, membership))| *membership != Membership::Outside)
        .max_by_key(|(_, (root, membership))| (*membership, root.components().count()))
        .map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_corpus_with_the_file_wins_then_the_deepest_root() {
        let (outer, inner) = (Path::new("/w"), Path::new("/w/wires"));
        assert_eq!(route([(outer, Membership::Has), (inner, Membership::Takes)]), Some(0));
        assert_eq!(route([(outer, Membership::Takes), (inner, Membership::Takes)]), Some(1));
        assert_eq!(route([(outer, Membership::Has), (inner, Membership::Has)]), Some(1));
        assert_eq!(route([(outer, Membership::Outside), (inner, Membership::Outside)]), None);
    }
}
