//! Wire formats for `check`: each format is one file. They share [`Report`], the findings of
//! one run (one or more corpora) with resolved paths and 1-based line/column positions
//! (columns in Unicode scalar values), so no format computes a position of its own.
//!
//! | `--output-format` | file | for |
//! |---|---|---|
//! | `full`, `concise` | `full.rs` | people: code frames, or one line each |
//! | `json`, `json-lines` | `json.rs`, `json_lines.rs` | scripts |
//! | `sarif` | `sarif.rs` | code-scanning dashboards (SARIF 2.1.0) |
//! | `github` | `github.rs` | GitHub Actions annotations |
//! | `junit` | `junit.rs` | CI test reports |
//! | `html` | `html.rs` | people: one self-contained page with filters and timelines |
//!
//! `statistics.rs` (`--statistics`) and `diff.rs` (`--diff`) print summaries of a run
//! rather than its findings. `escape.rs` makes control characters visible in what people
//! read (paths, messages, source lines).

pub mod diff;
pub mod escape;
pub mod full;
pub mod github;
pub mod html;
pub mod json;
pub mod json_lines;
pub mod junit;
pub mod sarif;
pub mod statistics;

use std::path::{Path, PathBuf};

use crate::analysis::Snapshot;
use crate::analysis::fingerprint::{Fingerprint, fingerprints};
use crate::checks::{Applicability, Finding, Severity};
use crate::corpus::FileId;
use crate::span::{LineCol, Span};

/// A finding with everything a renderer needs to show it.
pub struct Located<'a> {
    pub snapshot: &'a Snapshot,
    pub finding: &'a Finding,
    /// Its identity across edits elsewhere in the file (`analysis::fingerprint`).
    pub fingerprint: Fingerprint,
    pub path: String,
    pub start: LineCol,
    pub end: LineCol,
}

/// A span of some file, as people and most tools count: a display path and 1-based
/// positions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    pub path: String,
    pub start: LineCol,
    pub end: LineCol,
}

/// The findings of one run, ready to render.
pub struct Report<'a> {
    pub findings: Vec<Located<'a>>,
    pub files_checked: usize,
    /// Paths are shown relative to this directory when they are below it.
    pub base: PathBuf,
    /// Fixes applied before these findings were computed (`--fix`).
    pub fixed: usize,
    /// Whether unsafe fixes were allowed (`--unsafe-fixes`): the summary counts them as
    /// fixable instead of pointing at the flag.
    pub unsafe_fixes: bool,
    /// Whether the findings are those a baseline did not list (`--baseline`): SARIF marks
    /// them `new`.
    pub against_baseline: bool,
    /// Every corpus added, for formats that show more than findings (`html`'s timelines).
    pub corpora: Vec<&'a Snapshot>,
}

impl<'a> Report<'a> {
    /// The report of one corpus.
    pub fn new(
        snapshot: &'a Snapshot,
        findings: &'a [Finding],
        files_checked: usize,
        base: PathBuf,
    ) -> Report<'a> {
        let mut report = Report::empty(base);
        let prints = fingerprints(snapshot, findings);
        report.add(snapshot, findings, &prints, files_checked);
        report
    }

    pub fn empty(base: PathBuf) -> Report<'a> {
        Report {
            findings: Vec::new(),
            files_checked: 0,
            base,
            fixed: 0,
            unsafe_fixes: false,
            against_baseline: false,
            corpora: Vec::new(),
        }
    }

    /// Adds the findings of another corpus, with their fingerprints (worked out over all of
    /// a run's findings before any were left out: numbering alike findings depends on them).
    pub fn add(
        &mut self,
        snapshot: &'a Snapshot,
        findings: &'a [Finding],
        prints: &[Fingerprint],
        files_checked: usize,
    ) {
        self.files_checked += files_checked;
        debug_assert_eq!(findings.len(), prints.len(), "a fingerprint per finding");
        if !self.corpora.iter().any(|s| std::ptr::eq(*s, snapshot)) {
            self.corpora.push(snapshot);
        }
        for (finding, &fingerprint) in findings.iter().zip(prints) {
            let (start, end) = line_cols(snapshot, finding.file, finding.span);
            let path = display_path(&self.base, snapshot.path(finding.file));
            self.findings.push(Located { snapshot, finding, fingerprint, path, start, end });
        }
    }

    pub fn path_of(&self, snapshot: &Snapshot, file: FileId) -> String {
        display_path(&self.base, snapshot.path(file))
    }

    pub fn location(&self, snapshot: &Snapshot, file: FileId, span: Span) -> Location {
        let (start, end) = line_cols(snapshot, file, span);
        Location { path: self.path_of(snapshot, file), start, end }
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.findings.iter().filter(|l| l.finding.severity == severity).count()
    }

    /// How many findings carry a fix of this applicability.
    pub fn fixable(&self, applicability: Applicability) -> usize {
        self.findings
            .iter()
            .filter(|l| l.finding.fix.as_ref().is_some_and(|f| f.applicability == applicability))
            .count()
    }
}

impl Located<'_> {
    pub fn location(&self) -> Location {
        Location { path: self.path.clone(), start: self.start, end: self.end }
    }
}

/// 1-based start and end of `span` in `file`.
pub fn line_cols(snapshot: &Snapshot, file: FileId, span: Span) -> (LineCol, LineCol) {
    match snapshot.source(file) {
        Some(source) => (
            source.line_index.line_col(&source.text, span.start as usize),
            source.line_index.line_col(&source.text, span.end as usize),
        ),
        None => (LineCol { line: 1, col: 1 }, LineCol { line: 1, col: 1 }),
    }
}

/// `path` relative to `base` when below it (as ripgrep prints paths), else as is.
pub fn display_path(base: &Path, path: Option<&Path>) -> String {
    let Some(path) = path else {
        return "<unknown>".to_owned();
    };
    match path.strip_prefix(base) {
        Ok(rel) if !rel.as_os_str().is_empty() => rel.display().to_string(),
        _ => match crate::corpus::config::relative_to(base, path) {
            Some(rel) if rel.starts_with("..") && rel.matches("..").count() <= 3 => rel,
            _ => path.display().to_string(),
        },
    }
}

/// A fix's applicability as wire formats spell it.
pub fn applicability_str(applicability: Applicability) -> &'static str {
    match applicability {
        Applicability::Safe => "safe",
        Applicability::Unsafe => "unsafe",
    }
}
