//! `check --baseline FILE`: the findings a team has accepted for now, so that CI fails only on
//! new ones. `--write-baseline` records every finding of the run; a later run with the same
//! file hides the findings it lists, matched by [`Fingerprint`] (which survives edits
//! elsewhere in a file), and lists those of its findings that are gone as fixed.
//!
//! The file is JSON, one entry per finding sorted by path and line, so that a review of a
//! baseline change reads like a list of findings:
//!
//! ```json
//! { "dateline_baseline": 1,
//!   "findings": [ { "fingerprint": "…", "code": "name/variant",
//!                   "path": "articles/a.md", "line": 14, "message": "…" } ] }
//! ```
//!
//! Only the fingerprint matches; code, path (relative to the baseline file's folder), line
//! and message are there for people. The same fingerprint twice is two findings: a baseline
//! is a multiset.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::analysis::Snapshot;
use crate::analysis::fingerprint::Fingerprint;
use crate::checks::Finding;
use crate::corpus::config::relative_to;

/// The format version this dateline writes and reads.
const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct BaselineFile {
    dateline_baseline: u32,
    findings: Vec<Entry>,
}

/// One known finding.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Entry {
    pub fingerprint: String,
    pub code: String,
    /// Relative to the baseline file's folder, `/`-separated (absolute when not below it).
    pub path: String,
    pub line: u32,
    pub message: String,
}

/// A baseline read from disk, and what of it this run has matched so far.
pub struct Baseline {
    file: PathBuf,
    entries: Vec<Entry>,
    /// How many findings of each fingerprint are still unmatched.
    unmatched: FxHashMap<Fingerprint, usize>,
    /// How many findings were hidden because the baseline lists them.
    pub known: usize,
}

/// The entries of one run's findings, ready to write.
#[derive(Default)]
pub struct Recorder {
    entries: Vec<Entry>,
}

impl Baseline {
    /// Reads `file`; a missing, unreadable or malformed file is an error that says which and
    /// where (a baseline that silently read as empty would pass every old finding as new).
    pub fn read(file: &Path) -> anyhow::Result<Baseline> {
        let text = std::fs::read_to_string(file).with_context(|| {
            if file.exists() {
                format!("cannot read the baseline {}", file.display())
            } else {
                format!(
                    "the baseline {} does not exist (write one with `dateline check --baseline {} --write-baseline`)",
                    file.display(),
                    file.display()
                )
            }
        })?;
        let parsed: BaselineFile = serde_json::from_str(&text)
            .with_context(|| format!("{} is not a dateline baseline", file.display()))?;
        if parsed.dateline_baseline != VERSION {
            bail!(
                "{} is a version {} baseline; this dateline reads version {VERSION}",
                file.display(),
                parsed.dateline_baseline
            );
        }
        let mut unmatched: FxHashMap<Fingerprint, usize> = FxHashMap::default();
        for (i, entry) in parsed.findings.iter().enumerate() {
            let print = Fingerprint::parse(&entry.fingerprint).with_context(|| {
                format!(
                    "{}: finding {} has fingerprint `{}`, not 16 hex digits",
                    file.display(),
                    i + 1,
                    entry.fingerprint
                )
            })?;
            *unmatched.entry(print).or_default() += 1;
        }
        Ok(Baseline { file: file.to_path_buf(), entries: parsed.findings, unmatched, known: 0 })
    }

    /// Keeps the findings the baseline does not list (the new ones), in order, with their
    /// fingerprints.
    pub fn new_findings(
        &mut self,
        findings: Vec<Finding>,
        prints: Vec<Fingerprint>,
    ) -> (Vec<Finding>, Vec<Fingerprint>) {
        let mut kept = (Vec::new(), Vec::new());
        for (finding, print) in findings.into_iter().zip(prints) {
            match self.unmatched.get_mut(&print) {
                Some(left) if *left > 0 => {
                    *left -= 1;
                    self.known += 1;
                }
                _ => {
                    kept.0.push(finding);
                    kept.1.push(print);
                }
            }
        }
        kept
    }

    /// The entries no finding of this run matched whose file is under one of `targets`
    /// (what was checked): fixed since the baseline was written, or their files deleted.
    pub fn fixed(&self, targets: &[PathBuf]) -> Vec<&Entry> {
        let dir = folder_of(&self.file);
        let mut left = self.unmatched.clone();
        // The last entries of a fingerprint are the unmatched ones (matching took the first).
        let mut fixed: Vec<&Entry> = self
            .entries
            .iter()
            .rev()
            .filter(|entry| {
                let Some(print) = Fingerprint::parse(&entry.fingerprint) else { return false };
                match left.get_mut(&print) {
                    Some(n) if *n > 0 => {
                        *n -= 1;
                        true
                    }
                    _ => false,
                }
            })
            .filter(|entry| {
                let path = crate::corpus::config::normalize(&dir.join(&entry.path));
                targets.iter().any(|target| path.starts_with(target))
            })
            .collect();
        fixed.reverse();
        fixed
    }

    pub fn file(&self) -> &Path {
        &self.file
    }
}

impl Recorder {
    /// Adds one corpus's findings; paths are written relative to `baseline_file`'s folder.
    pub fn add(
        &mut self,
        baseline_file: &Path,
        snapshot: &Snapshot,
        findings: &[Finding],
        prints: &[Fingerprint],
    ) {
        let dir = folder_of(baseline_file);
        for (finding, print) in findings.iter().zip(prints) {
            let path = snapshot.path(finding.file).map_or_else(String::new, |path| {
                relative_to(&dir, path).unwrap_or_else(|| path.display().to_string()).replace('\\', "/")
            });
            let (start, _) = crate::cli::output::line_cols(snapshot, finding.file, finding.span);
            self.entries.push(Entry {
                fingerprint: print.to_string(),
                code: finding.code().to_owned(),
                path,
                line: start.line,
                message: finding.message.clone(),
            });
        }
    }

    /// Writes the baseline atomically (a temporary file beside it, renamed over it), so an
    /// interrupted run leaves the old baseline, never half a new one.
    /// An existing file is replaced only when it is a baseline: `--baseline articles/a.md
    /// --write-baseline` must not turn an article into JSON.
    pub fn write(mut self, file: &Path) -> anyhow::Result<usize> {
        if let Ok(existing) = std::fs::read(file)
            && serde_json::from_slice::<BaselineFile>(&existing).is_err()
        {
            bail!("{} exists and is not a dateline baseline: not overwritten", file.display());
        }
        if file.is_dir() {
            bail!("{} is a folder, not a baseline file", file.display());
        }
        self.entries.sort_by(|a, b| (&a.path, a.line, &a.code).cmp(&(&b.path, b.line, &b.code)));
        let count = self.entries.len();
        let body = BaselineFile { dateline_baseline: VERSION, findings: self.entries };
        let mut json = serde_json::to_string_pretty(&body).expect("a baseline serializes");
        json.push('\n');
        let dir = folder_of(file);
        let mut temp = tempfile::NamedTempFile::new_in(&dir)
            .with_context(|| format!("cannot write a file in {}", dir.display()))?;
        temp.write_all(json.as_bytes())
            .and_then(|()| temp.as_file().sync_all())
            .with_context(|| format!("cannot write the baseline {}", file.display()))?;
        temp.persist(file).with_context(|| format!("cannot write the baseline {}", file.display()))?;
        Ok(count)
    }
}

/// The folder a file is in, absolute (`.` for a bare file name).
fn folder_of(file: &Path) -> PathBuf {
    let absolute = crate::corpus::config::absolute(file);
    absolute.parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}
