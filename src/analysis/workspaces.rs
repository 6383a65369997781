//! The corpora a front end works on, and which one a path belongs to. Both front ends open
//! their corpora here: `check` from its path arguments, `serve` from the editor's workspace
//! folders. Each path finds its corpus (the nearest `dateline.toml`), paths sharing a corpus
//! share one, and the front end's own settings (command-line flags, editor severities) are one
//! more selection layer on its policy. After loading, a path is routed to the corpus that has
//! the file, else to one whose globs would take it (a file not read yet); among equals, the
//! deepest root: one rule for edits, file events and requests alike.

use std::path::{Path, PathBuf};

use super::{AnalysisHost, Snapshot};
use crate::checks::selection::{Policy, SelectionLayer};
use crate::corpus::Config;
use crate::corpus::config::ConfigError;

/// One corpus to load: its configuration, its policy with the front end's layer on top, and
/// the paths asked for that fall in it.
#[derive(Debug)]
pub struct Opening {
    pub config: Config,
    pub policy: Policy,
    pub targets: Vec<PathBuf>,
}

/// The corpora for a set of paths, and the configuration files that could not be used.
#[derive(Debug, Default)]
pub struct Opened {
    pub corpora: Vec<Opening>,
    /// Each broken `dateline.toml` (or unknown check in it) once. Its corpus is opened with
    /// defaults, so an editor keeps working while the file is fixed; `check` stops on it.
    pub errors: Vec<ConfigError>,
}

impl Opened {
    /// The first configuration error, for front ends that stop on one.
    pub fn into_result(self) -> Result<Vec<Opening>, ConfigError> {
        match self.errors.into_iter().next() {
            Some(err) => Err(err),
            None => Ok(self.corpora),
        }
    }
}

/// The corpus for `path` and its check policy, for commands that work on one corpus: a
/// `dateline.toml` that cannot be read, or whose `[checks]` names an unknown check, is an error.
pub fn open_one(path: &Path) -> Result<(Config, Policy), ConfigError> {
    let config = Config::discover(path)?;
    let policy = Policy::resolve(&config)?;
    Ok((config, policy))
}

/// Opens the corpora of `paths`, one per configuration, with `layer` on each policy.
pub fn open(paths: &[PathBuf], layer: &SelectionLayer) -> Opened {
    let mut opened = Opened::default();
    for path in paths {
        let config = Config::discover(path).unwrap_or_else(|err| {
            opened.errors.push(err);
            Config::defaults(path.clone())
        });
        let same = |o: &&mut Opening| o.config.root == config.root && o.config.file == config.file;
        if let Some(opening) = opened.corpora.iter_mut().find(same) {
            opening.targets.push(path.clone());
            continue;
        }
        let mut policy = Policy::resolve(&config).unwrap_or_else(|err| {
            opened.errors.push(err);
            Policy::default()
        });
        policy.push_layer(layer.clone());
        opened.corpora.push(Opening { config, policy, targets: vec![path.clone()] });
    }
    opened
}

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
    fn paths_in_one_corpus_open_it_once_and_a_broken_config_is_reported_not_fatal() {
        let dir = tempfile::tempdir().unwrap();
        let (good, broken) = (dir.path().join("good"), dir.path().join("broken"));
        for sub in [good.join("a"), good.join("b"), broken.clone()] {
            std::fs::create_dir_all(sub).unwrap();
        }
        std::fs::write(good.join("dateline.toml"), "").unwrap();
        std::fs::write(broken.join("dateline.toml"), "[checks\n").unwrap();
        let paths = [good.join("a"), good.join("b"), broken.clone()];
        let opened = open(&paths, &SelectionLayer::default());
        assert_eq!(opened.corpora.len(), 2);
        assert_eq!(opened.corpora[0].targets, vec![good.join("a"), good.join("b")]);
        assert_eq!(opened.errors.len(), 1);
        assert_eq!(opened.errors[0].file.as_deref(), Some(broken.join("dateline.toml").as_path()));
        assert!(opened.into_result().is_err());
    }

    #[test]
    fn a_corpus_with_the_file_wins_then_the_deepest_root() {
        let (outer, inner) = (Path::new("/w"), Path::new("/w/wires"));
        assert_eq!(route([(outer, Membership::Has), (inner, Membership::Takes)]), Some(0));
        assert_eq!(route([(outer, Membership::Takes), (inner, Membership::Takes)]), Some(1));
        assert_eq!(route([(outer, Membership::Has), (inner, Membership::Has)]), Some(1));
        assert_eq!(route([(outer, Membership::Outside), (inner, Membership::Outside)]), None);
    }
}
