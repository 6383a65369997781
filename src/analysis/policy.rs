//! Which findings a user sees, decided here: whether a check runs at all (the policy's
//! selection), and at which severity in which file (per-file ignores and severities), for
//! every pass's findings before they are stored. The order is always select -> run ->
//! severity per file -> suppression comments (`suppression.rs`, for an article's own
//! findings when it is analysed and for the corpus checks' when they are stored in the
//! file's entry, since those depend on other articles), each applied once, where findings
//! are stored; reading a file's findings only concatenates.

use std::path::Path;

use super::Snapshot;
use crate::checks::selection::{FileSelection, Policy};
use crate::checks::{Finding, Rule};
use crate::corpus::{Config, FileId};

/// Whether `rule` runs at all (somewhere in the corpus).
pub(crate) fn runs(policy: &Policy, rule: &Rule) -> bool {
    policy.selection().is_enabled(rule)
}

/// The checks that run on the file at `path`, at which severity: the policy's selection
/// with its `per-file-ignores` (globs relative to the corpus root).
pub(crate) fn for_file<'p>(config: &Config, policy: &'p Policy, path: &Path) -> FileSelection<'p> {
    if policy.per_file_ignores().is_empty() {
        // The common case: no relative path to compute for every file.
        return policy.selection().for_file(None);
    }
    let rel = crate::corpus::config::relative_to(&config.root, path);
    policy.selection().for_file(rel.as_deref())
}

/// One file's own findings at that file's severities. The checks ran with the file's
/// selection, so none is off here; a finding reported whatever the selection (an internal
/// error) keeps its own severity.
pub(crate) fn settle_file(selection: &FileSelection<'_>, findings: &mut [Finding]) {
    for finding in findings {
        if let Some(severity) = selection.severity(finding.rule) {
            finding.severity = severity;
        }
    }
}

/// Findings that may land in any file (the KB checks', the corpus and collection checks'):
/// each at the severity of its own file, dropped where its check is off.
pub(crate) fn settle_anywhere<'a>(
    config: &Config,
    policy: &Policy,
    path_of: impl Fn(FileId) -> Option<&'a Path>,
    findings: &mut Vec<Finding>,
) {
    findings.retain_mut(|finding| {
        let selection = match path_of(finding.file) {
            Some(path) => for_file(config, policy, path),
            None => policy.selection().for_file(None),
        };
        selection.severity(finding.rule).inspect(|&severity| finding.severity = severity).is_some()
    });
}

/// [`settle_anywhere`] for the corpus and collection checks of a snapshot.
pub(crate) fn settle_corpus(snapshot: &Snapshot, findings: &mut Vec<Finding>) {
    settle_anywhere(&snapshot.config, &snapshot.policy, |file| snapshot.path(file), findings);
}
