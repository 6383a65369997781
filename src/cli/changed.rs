//! `check --diff-from REF`: only the findings a change since a git revision touches, for CI on
//! a pull request over a corpus with old findings nobody has fixed yet.
//!
//! What changed comes from git itself (`git diff --unified=0 REF` against the working tree,
//! staged or not, plus the untracked files git does not ignore), read as the lines of each
//! file as it is now. A finding is in scope when its own lines or the lines of one of its
//! related locations were changed: an article edited on that line, and also an article
//! elsewhere whose finding points at a KB entry the change edited (the KB edit that breaks
//! an article is the change's doing). Lines removed count as a change to the lines on either
//! side of the gap.
//!
//! git is run as a program, not linked: it is what the user's checkout was made with, so it
//! reads their configuration and worktrees the way they expect.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};
use rustc_hash::FxHashMap;

use crate::analysis::Snapshot;
use crate::checks::Finding;
use crate::corpus::FileId;
use crate::span::Span;

/// Changed lines (1-based, inclusive) per file, by canonical path.
#[derive(Debug, Default)]
pub struct ChangedLines {
    files: FxHashMap<PathBuf, Changed>,
}

#[derive(Debug)]
enum Changed {
    /// A file git does not know at REF (untracked or added): every line is new.
    Whole,
    Lines(Vec<LineRange>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct LineRange {
    first: u32,
    last: u32,
}

impl ChangedLines {
    /// What changed since `reference` in the git repository holding `dir`.
    pub fn since(reference: &str, dir: &Path) -> anyhow::Result<ChangedLines> {
        let top = git(dir, &["rev-parse", "--show-toplevel"]).with_context(|| {
            format!("--diff-from needs a git repository, and {} is not in one", dir.display())
        })?;
        let top = PathBuf::from(top.trim_end_matches(['\n', '\r']));
        let commit = format!("{reference}^{{commit}}");
        git(&top, &["rev-parse", "--verify", "--quiet", &commit])
            .with_context(|| format!("--diff-from {reference}: no such commit in {}", top.display()))?;
        // The working tree against REF: committed, staged and unstaged changes alike.
        let diff = git(
            &top,
            &[
                "-c",
                "core.quotePath=false",
                "diff",
                "--no-color",
                "--no-ext-diff",
                "--find-renames",
                "--unified=0",
                reference,
                "--",
            ],
        )?;
        let mut changed = ChangedLines::parse_diff(&top, &diff);
        let untracked = git(&top, &["ls-files", "--others", "--exclude-standard", "-z"])?;
        for path in untracked.split('\0').filter(|p| !p.is_empty()) {
            changed.insert(&top.join(path), Changed::Whole);
        }
        Ok(changed)
    }

    /// Reads `git diff --unified=0` output: the `+++` line names the file as it is now, each
    /// `@@ -a,b +c,d @@` the lines `c..c+d` of it.
    fn parse_diff(top: &Path, diff: &str) -> ChangedLines {
        let mut changed = ChangedLines::default();
        let mut current: Option<PathBuf> = None;
        let mut added = false;
        for line in diff.lines() {
            if line.starts_with("diff --git ") {
                current = None;
                added = false;
            } else if line.starts_with("new file mode") {
                added = true;
            } else if let Some(name) = line.strip_prefix("+++ ") {
                current = unquote(name).strip_prefix("b/").map(|p| top.join(p));
                if let (Some(path), true) = (&current, added) {
                    changed.insert(path, Changed::Whole);
                }
            } else if let (Some(path), Some(range)) = (&current, hunk_lines(line)) {
                changed.add_range(path, range);
            }
        }
        changed
    }

    fn insert(&mut self, path: &Path, lines: Changed) {
        self.files.insert(canonical(path), lines);
    }

    fn add_range(&mut self, path: &Path, range: LineRange) {
        match self.files.entry(canonical(path)).or_insert_with(|| Changed::Lines(Vec::new())) {
            Changed::Whole => {}
            Changed::Lines(ranges) => ranges.push(range),
        }
    }

    /// Whether `finding` is the change's doing: on changed lines, or pointing at them.
    pub fn touches(&self, snapshot: &Snapshot, paths: &mut PathCache, finding: &Finding) -> bool {
        std::iter::once((finding.file, finding.span))
            .chain(finding.related.iter().map(|related| (related.file, related.span)))
            .any(|(file, span)| self.touches_span(snapshot, paths, file, span))
    }

    fn touches_span(&self, snapshot: &Snapshot, paths: &mut PathCache, file: FileId, span: Span) -> bool {
        let Some(changed) = paths.canonical(snapshot, file).and_then(|path| self.files.get(path)) else {
            return false;
        };
        match changed {
            Changed::Whole => true,
            Changed::Lines(ranges) => {
                let (start, end) = crate::cli::output::line_cols(snapshot, file, span);
                ranges.iter().any(|range| range.first <= end.line && start.line <= range.last)
            }
        }
    }
}

/// Canonical paths of a snapshot's files, each worked out once.
#[derive(Default)]
pub struct PathCache {
    paths: FxHashMap<FileId, Option<PathBuf>>,
}

impl PathCache {
    fn canonical(&mut self, snapshot: &Snapshot, file: FileId) -> Option<&PathBuf> {
        self.paths.entry(file).or_insert_with(|| snapshot.path(file).map(canonical)).as_ref()
    }
}

/// The path with links resolved, as git reports the top of the repository; as given when it
/// does not exist (anymore).
fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// The new side of a hunk header, `@@ -12,3 +14,5 @@ ...`; a removal (`+14,0`) changes the
/// lines either side of the gap.
fn hunk_lines(line: &str) -> Option<LineRange> {
    let rest = line.strip_prefix("@@ -")?;
    let new = rest.split(' ').nth(1)?.strip_prefix('+')?;
    let (start, count) = match new.split_once(',') {
        Some((start, count)) => (start.parse::<u32>().ok()?, count.parse::<u32>().ok()?),
        None => (new.parse::<u32>().ok()?, 1),
    };
    Some(match count {
        0 => LineRange { first: start.max(1), last: start + 1 },
        _ => LineRange { first: start, last: start + count - 1 },
    })
}

/// A path as git writes it in a diff header: as is, or in double quotes with C escapes when
/// it holds a quote, a backslash or a control character.
fn unquote(name: &str) -> String {
    let Some(inner) = name.strip_prefix('"').and_then(|n| n.strip_suffix('"')) else {
        return name.to_owned();
    };
    let mut bytes = Vec::with_capacity(inner.len());
    let mut chars = inner.bytes().peekable();
    while let Some(byte) = chars.next() {
        if byte != b'\\' {
            bytes.push(byte);
            continue;
        }
        match chars.next() {
            Some(b'n') => bytes.push(b'\n'),
            Some(b't') => bytes.push(b'\t'),
            Some(b'r') => bytes.push(b'\r'),
            Some(b'a') => bytes.push(7),
            Some(b'b') => bytes.push(8),
            Some(b'f') => bytes.push(12),
            Some(b'v') => bytes.push(11),
            Some(digit @ b'0'..=b'7') => {
                let mut value = u32::from(digit - b'0');
                for _ in 0..2 {
                    match chars.peek() {
                        Some(&d @ b'0'..=b'7') => {
                            value = value * 8 + u32::from(d - b'0');
                            chars.next();
                        }
                        _ => break,
                    }
                }
                bytes.push(value as u8);
            }
            Some(other) => bytes.push(other),
            None => bytes.push(b'\\'),
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Runs git in `dir`; its standard output, or an error with what git said.
fn git(dir: &Path, args: &[&str]) -> anyhow::Result<String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .context("cannot run git (is it installed and on PATH?)")?;
    if !output.status.success() {
        let said = String::from_utf8_lossy(&output.stderr);
        bail!("`git {}` failed: {}", args.join(" "), said.trim());
    }
    String::from_utf8(output.stdout).context("git printed something that is not UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hunk_headers_give_the_new_lines_and_removals_touch_both_sides() {
        assert_eq!(hunk_lines("@@ -12,3 +14,5 @@ fn x"), Some(LineRange { first: 14, last: 18 }));
        assert_eq!(hunk_lines("@@ -3 +3 @@"), Some(LineRange { first: 3, last: 3 }));
        assert_eq!(hunk_lines("@@ -4,2 +3,0 @@"), Some(LineRange { first: 3, last: 4 }));
        assert_eq!(hunk_lines("@@ -1 +0,0 @@"), Some(LineRange { first: 1, last: 1 }));
        assert_eq!(hunk_lines("+++ b/x"), None);
        assert_eq!(hunk_lines("@@ -1 +x @@"), None);
    }

    #[test]
    fn quoted_paths_are_unescaped() {
        assert_eq!(unquote("b/plain name.md"), "b/plain name.md");
        assert_eq!(unquote(r#""b/say \"hi\"\t.md""#), "b/say \"hi\"\t.md");
        assert_eq!(unquote(r#""b/caf\303\251.md""#), "b/café.md");
    }

    #[test]
    fn a_diff_reads_as_changed_lines_per_file() {
        let top = Path::new("/nonexistent/repo");
        let diff = "diff --git a/kb/people.toml b/kb/people.toml\n\
                    index 1..2 100644\n--- a/kb/people.toml\n+++ b/kb/people.toml\n\
                    @@ -10 +10 @@\n-x\n+y\n@@ -20,2 +21,3 @@\n-a\n-b\n+c\n+d\n+e\n\
                    diff --git a/new.md b/new.md\nnew file mode 100644\nindex 0..1\n--- /dev/null\n+++ b/new.md\n@@ -0,0 +1,2 @@\n+a\n+b\n";
        let changed = ChangedLines::parse_diff(top, diff);
        match changed.files.get(&top.join("kb/people.toml")) {
            Some(Changed::Lines(ranges)) => {
                assert_eq!(ranges, &[LineRange { first: 10, last: 10 }, LineRange { first: 21, last: 23 }])
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(changed.files.get(&top.join("new.md")), Some(Changed::Whole)));
    }
}
