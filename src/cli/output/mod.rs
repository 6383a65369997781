//! Wire formats for `check`: each format is one file. They share [`Report`], the findings
//! with resolved paths and line/column positions.

pub mod full;
pub mod json;

use std::path::{Path, PathBuf};

use crate::analysis::Snapshot;
use crate::checks::{Finding, Severity};
use crate::corpus::FileId;
use crate::span::{LineCol, Span};

/// A finding with everything a renderer needs to show it.
pub struct Located<'a> {
    pub finding: &'a Finding,
    pub path: String,
    pub start: LineCol,
    pub end: LineCol,
}

/// The findings of one run, ready to render.
pub struct Report<'a> {
    pub snapshot: &'a Snapshot,
    pub findings: Vec<Located<'a>>,
    pub files_checked: usize,
    /// Paths are shown relative to this directory when they are below it.
    pub base: PathBuf,
}

impl<'a> Report<'a> {
    pub fn new(
        snapshot: &'a Snapshot,
        findings: &'a [Finding],
        files_checked: usize,
        base: PathBuf,
    ) -> Report<'a> {
        let findings = findings
            .iter()
            .map(|finding| {
                let (start, end) = line_cols(snapshot, finding.file, finding.span);
                Located { finding, path: display_path(&base, snapshot.path(finding.file)), start, end }
            })
            .collect();
        Report { snapshot, findings, files_checked, base }
    }

    pub fn path_of(&self, file: FileId) -> String {
        display_path(&self.base, self.snapshot.path(file))
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.findings.iter().filter(|l| l.finding.severity == severity).count()
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
