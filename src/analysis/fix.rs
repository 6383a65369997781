//! Applying fixes in memory, as ruff does: take the fixes of the current findings, keep the
//! ones whose edits overlap no edit already taken, splice them into the texts, let the host
//! re-analyse, and repeat until nothing is left to fix (or [`MAX_ITERATIONS`]). A fix is
//! all or nothing: if one of its edits cannot be applied, none is.
//!
//! Edits are byte offsets, so they are only ever spliced into the exact text they were
//! computed from: every round takes its findings from the snapshot the previous round's
//! changes produced, and a fix is taken only if the findings of its file and of every file
//! it edits were computed from the text it is about to edit
//! ([`Snapshot::analysed_text`]); a fix computed on an older text is left for a later
//! round, never applied at stale offsets. When no fix is left, the fixed texts are analysed
//! again from scratch ([`AnalysisHost::reanalysed`]), not incrementally; if that finds more
//! to fix, fixing goes on from there. So what the caller gets is texts whose from-scratch
//! analysis is the one the host holds at the end, and a second run finds nothing to fix.
//!
//! No IO here: the caller decides what the new texts become (files written atomically,
//! a diff, standard output). Edits are byte spans into the exact text that was read, so
//! everything outside them (line endings included) stays byte-identical.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use super::{AnalysisHost, Change, Snapshot};
use crate::checks::{Applicability, Edit, Finding, Fix};
use crate::corpus::FileId;

/// Enough for fixes that enable other fixes; a loop that keeps finding work after this is
/// a bug in a check (two fixes undoing each other), reported rather than spun on.
pub const MAX_ITERATIONS: usize = 10;

/// Which fixes to apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixMode {
    /// [`Applicability::Safe`] fixes only (`--fix`).
    Safe,
    /// Unsafe fixes too (`--fix --unsafe-fixes`).
    Unsafe,
}

impl FixMode {
    pub fn allows(self, applicability: Applicability) -> bool {
        match (self, applicability) {
            (_, Applicability::Safe) | (FixMode::Unsafe, Applicability::Unsafe) => true,
            (FixMode::Safe, Applicability::Unsafe) => false,
        }
    }
}

/// A file whose text the fixes changed.
#[derive(Clone, Debug)]
pub struct FixedFile {
    pub file: FileId,
    pub path: Arc<Path>,
    /// The text as it was before the first fix (what was read from disk, for a file the
    /// caller has not changed).
    pub original: String,
    pub fixed: String,
    /// How many fixes went into it (a fix editing several files counts for its first).
    pub fixes: usize,
}

/// A fix that was not applied, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SkippedFix {
    pub code: &'static str,
    pub file: FileId,
    pub reason: SkipReason,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SkipReason {
    /// An edit falls outside its file or inside a character (a bug in the check).
    InvalidEdit,
    /// An edit targets a file whose text is not exactly its bytes (not UTF-8) or that has
    /// no text (unreadable, too large).
    FileNotEditable,
    /// The finding was computed from another text than the one its edits would go into
    /// (a re-analysis the host missed); left for a later round, after a fresh analysis.
    StaleFindings,
    /// Its edits overlap another fix's, and the loop stopped before it could be retried.
    Overlapping,
    /// Fixes were still being found after [`MAX_ITERATIONS`] rounds.
    NotConverged,
}

impl SkipReason {
    pub fn describe(self) -> &'static str {
        match self {
            SkipReason::InvalidEdit => "its edit does not fit the file (a bug in the check)",
            SkipReason::FileNotEditable => "the file is not valid UTF-8 or could not be read",
            SkipReason::StaleFindings => {
                "it was computed from an older text of the file (a bug in dateline; please report it)"
            }
            SkipReason::Overlapping => "it overlaps another fix",
            SkipReason::NotConverged => "fixes kept producing new fixes, so dateline stopped",
        }
    }
}

/// What [`fix`] did.
#[derive(Clone, Debug, Default)]
pub struct FixReport {
    /// Changed files, by file id (path order).
    pub files: Vec<FixedFile>,
    /// Fixes applied, per check code.
    pub applied: BTreeMap<&'static str, usize>,
    pub skipped: Vec<SkippedFix>,
    /// False when fixes were still being found after [`MAX_ITERATIONS`] rounds.
    pub converged: bool,
}

impl FixReport {
    /// How many fixes the changed files received.
    pub fn fixed_in_files(&self) -> usize {
        self.files.iter().map(|f| f.fixes).sum()
    }
}

/// Applies the fixes `mode` allows to the findings of `targets`, re-analysing after each
/// round, until no fix is left. The host ends up holding the fixed texts, analysed from
/// scratch if any fix was applied (file ids stay).
pub fn fix(host: &mut AnalysisHost, targets: &[FileId], mode: FixMode) -> FixReport {
    let mut report = FixReport::default();
    let mut originals: BTreeMap<FileId, String> = BTreeMap::new();
    let mut per_file: BTreeMap<FileId, usize> = BTreeMap::new();
    let mut rounds = 0;
    // Whether texts changed since the host's state was last analysed from scratch (a
    // freshly loaded host is).
    let mut incremental = false;
    loop {
        let snapshot = host.snapshot();
        let findings: Vec<Finding> = targets.iter().flat_map(|&file| snapshot.findings(file)).collect();
        let mut fixes: Vec<(&'static str, &Fix)> = Vec::new();
        let mut skipped = Vec::new();
        for finding in &findings {
            let Some(fix) = finding.fix.as_ref().filter(|fix| mode.allows(fix.applicability)) else {
                continue;
            };
            match check_edits(&snapshot, finding.file, fix) {
                Ok(()) => fixes.push((finding.rule.code, fix)),
                Err(reason) => {
                    skipped.push(SkippedFix { code: finding.rule.code, file: finding.file, reason })
                }
            }
        }
        let plan = plan(fixes.iter().map(|(_, fix)| *fix));
        if plan.accepted.is_empty() {
            if incremental {
                // Converged on the incremental analysis: confirm on a fresh one, which
                // may find what the incremental one missed (and then fixing goes on).
                reanalyse_from_scratch(host, targets);
                incremental = false;
                continue;
            }
            report.converged = true;
            report.skipped = skipped;
            break;
        }
        if rounds == MAX_ITERATIONS {
            let left = |indices: &[usize], reason| {
                indices
                    .iter()
                    .map(|&idx| SkippedFix { code: fixes[idx].0, file: fixes[idx].1.edits[0].file, reason })
                    .collect::<Vec<_>>()
            };
            skipped.extend(left(&plan.accepted, SkipReason::NotConverged));
            skipped.extend(left(&plan.overlapping, SkipReason::Overlapping));
            report.skipped = skipped;
            if incremental {
                reanalyse_from_scratch(host, targets);
            }
            break;
        }
        let mut changes = Vec::new();
        for (file, edits) in &plan.edits {
            let (Some(path), Some(text)) = (snapshot.path(*file), snapshot.text(*file)) else {
                continue;
            };
            originals.entry(*file).or_insert_with(|| text.to_owned());
            changes.push(Change::SetText { path: path.to_path_buf(), text: apply_edits(text, edits) });
        }
        for &idx in &plan.accepted {
            *report.applied.entry(fixes[idx].0).or_default() += 1;
            *per_file.entry(fixes[idx].1.edits[0].file).or_default() += 1;
        }
        let started = std::time::Instant::now();
        host.apply(changes);
        rounds += 1;
        tracing::debug!(
            "fix round {rounds}: {} fixes, re-analysed in {:.1?}",
            plan.accepted.len(),
            started.elapsed()
        );
        incremental = true;
    }
    let snapshot = host.snapshot();
    for (file, original) in originals {
        let (Some(path), Some(fixed)) = (snapshot.path(file), snapshot.text(file)) else {
            continue;
        };
        if fixed != original {
            let fixes = per_file.get(&file).copied().unwrap_or(0);
            report.files.push(FixedFile {
                file,
                path: path.into(),
                original,
                fixed: fixed.to_owned(),
                fixes,
            });
        }
    }
    report
}

/// Replaces the host's state by a from-scratch analysis of the same texts. The two agree
/// unless an incremental re-analysis missed something (or a KB edit would find a new
/// misspelling in an article it did not touch, which only a full analysis looks for).
fn reanalyse_from_scratch(host: &mut AnalysisHost, targets: &[FileId]) {
    let started = std::time::Instant::now();
    let fresh = host.reanalysed();
    tracing::debug!("analysed the fixed corpus from scratch in {:.1?}", started.elapsed());
    let (old, new) = (host.snapshot(), fresh.snapshot());
    let key = |f: &Finding| (f.file, f.span, f.rule.code, f.message.clone());
    for &file in targets {
        let (before, after) = (old.findings(file), new.findings(file));
        if !before.iter().map(key).eq(after.iter().map(key)) {
            tracing::debug!(
                "the fresh analysis of {:?} differs from the incremental one: {} findings, not {}",
                new.path(file),
                after.len(),
                before.len()
            );
        }
    }
    *host = fresh;
}

/// Whether every edit of `fix` (found in `found_in`) can be spliced into its file's text:
/// the text both the finding and the edit were computed from, and a place in it.
fn check_edits(snapshot: &Snapshot, found_in: FileId, fix: &Fix) -> Result<(), SkipReason> {
    let current = |file: FileId| match (snapshot.analysed_text(file), snapshot.text(file)) {
        (Some(analysed), Some(text)) => std::ptr::eq(analysed, text) || analysed == text,
        _ => false,
    };
    if !current(found_in) {
        return Err(SkipReason::StaleFindings);
    }
    for edit in &fix.edits {
        let source = snapshot.source(edit.file).ok_or(SkipReason::FileNotEditable)?;
        if source.problem.is_some() {
            return Err(SkipReason::FileNotEditable);
        }
        if !current(edit.file) {
            return Err(SkipReason::StaleFindings);
        }
        let (start, end) = (edit.span.start as usize, edit.span.end as usize);
        if start > end
            || end > source.text.len()
            || !source.text.is_char_boundary(start)
            || !source.text.is_char_boundary(end)
        {
            return Err(SkipReason::InvalidEdit);
        }
    }
    Ok(())
}

/// The fixes chosen for one round.
#[derive(Debug, Default)]
pub struct Plan<'f> {
    /// Per file, the edits to make, sorted and non-overlapping.
    pub edits: BTreeMap<FileId, Vec<&'f Edit>>,
    /// Indices (into the input) of the fixes taken.
    pub accepted: Vec<usize>,
    /// Indices of the fixes left out because they overlap one taken.
    pub overlapping: Vec<usize>,
}

/// Chooses fixes in order of their first edit; a fix is taken only if none of its edits
/// overlaps an edit already taken (or another of its own).
pub fn plan<'f>(fixes: impl Iterator<Item = &'f Fix>) -> Plan<'f> {
    let fixes: Vec<&Fix> = fixes.collect();
    let mut order: Vec<usize> = (0..fixes.len()).filter(|&i| !fixes[i].edits.is_empty()).collect();
    let first = |fix: &Fix| fix.edits.iter().map(|e| (e.file, e.span.start, e.span.end)).min();
    order.sort_by_key(|&i| first(fixes[i]));
    let mut plan = Plan::default();
    for idx in order {
        let fix = fixes[idx];
        let fits = fix.edits.iter().enumerate().all(|(n, edit)| {
            let taken = plan.edits.get(&edit.file).map_or(&[][..], Vec::as_slice);
            let own = fix.edits[..n].iter().filter(|other| other.file == edit.file);
            !taken.iter().copied().chain(own).any(|other| conflict(edit, other))
        });
        if !fits {
            plan.overlapping.push(idx);
            continue;
        }
        for edit in &fix.edits {
            let edits = plan.edits.entry(edit.file).or_default();
            let at =
                edits.partition_point(|e| (e.span.start, e.span.end) <= (edit.span.start, edit.span.end));
            edits.insert(at, edit);
        }
        plan.accepted.push(idx);
    }
    plan.accepted.sort_unstable();
    plan
}

/// Two edits to one file conflict when their ranges share a byte, or when one inserts
/// where the other starts (which goes first would be a guess).
pub(crate) fn conflict(a: &Edit, b: &Edit) -> bool {
    let (a, b) = (a.span, b.span);
    (a.start < b.end && b.start < a.end) || (a.start == b.start && (a.is_empty() || b.is_empty()))
}

/// `text` with `edits` (sorted, non-overlapping, on char boundaries) applied.
pub fn apply_edits(text: &str, edits: &[&Edit]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for edit in edits {
        let (start, end) = (edit.span.start as usize, edit.span.end as usize);
        out.push_str(&text[at..start]);
        out.push_str(&edit.replacement);
        at = end;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Config;
    use crate::span::Span;

    fn replace(file: u32, start: usize, end: usize, with: &str) -> Fix {
        Fix::replace("t", FileId(file), Span::new(start, end), with, Applicability::Safe)
    }

    #[test]
    fn overlapping_fixes_are_left_for_the_next_round() {
        let fixes = [
            replace(0, 6, 11, "there"),
            replace(0, 0, 5, "Hi"),
            replace(0, 8, 9, "x"),
            replace(1, 0, 1, "y"),
        ];
        let plan = plan(fixes.iter());
        assert_eq!(plan.accepted, [0, 1, 3]);
        assert_eq!(plan.overlapping, [2]);
        let edits = &plan.edits[&FileId(0)];
        assert_eq!(apply_edits("hello world!", edits), "Hi there!");
    }

    #[test]
    fn insertions_at_one_place_conflict_but_adjacent_edits_do_not() {
        let fixes =
            [replace(0, 2, 2, "a"), replace(0, 2, 2, "b"), replace(0, 0, 2, "c"), replace(0, 2, 4, "d")];
        let plan = plan(fixes.iter());
        assert_eq!(plan.accepted, [0, 2]);
        assert_eq!(apply_edits("wxyz", &plan.edits[&FileId(0)]), "cayz");
        let mut both = replace(0, 0, 3, "p");
        both.edits.push(Edit { file: FileId(0), span: Span::new(2, 4), replacement: "q".into() });
        assert!(super::plan([both].iter()).accepted.is_empty(), "a fix may not overlap itself");
    }

    #[test]
    fn fixing_iterates_until_nothing_is_left_and_keeps_other_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let kb = "[[entity]]\nid = \"a\"\nkind = \"person\"\nname = \"Ann Example\"\nvariants = [\"Anne Example\", \"Anne\"]\n";
        std::fs::create_dir_all(dir.path().join("kb")).unwrap();
        std::fs::write(dir.path().join("kb/kb.toml"), kb).unwrap();
        let text = "---\r\ndate: 2021-01-01\r\n---\r\nAnne Example met Anne.\r\nÉ Anne!\r\n";
        std::fs::write(dir.path().join("a.md"), text).unwrap();
        let mut host = AnalysisHost::load(Config::defaults(dir.path().to_path_buf()));
        let targets: Vec<FileId> = host.snapshot().files().collect();
        let report = fix(&mut host, &targets, FixMode::Safe);
        assert!(report.converged);
        assert_eq!(report.applied.get("name/variant"), Some(&3));
        assert_eq!(report.files.len(), 1);
        assert_eq!(report.files[0].original, text);
        assert_eq!(
            report.files[0].fixed,
            "---\r\ndate: 2021-01-01\r\n---\r\nAnn Example met Ann.\r\nÉ Ann!\r\n"
        );
        let remaining = host.snapshot().findings(report.files[0].file);
        assert!(remaining.iter().all(|f| f.code() != "name/variant"), "{remaining:?}");
    }

    use super::super::host::test_corpus as load;

    fn kb() -> crate::kb::testing::TestKb {
        crate::kb::testing::TestKb::new()
            .person("nikol-pashinyan", "Nikol Pashinyan")
            .variants(&["Pashinian"])
    }

    #[test]
    fn a_fix_computed_on_another_text_is_never_spliced() {
        let (dir, host) = load(&[("kb/kb.toml", kb().toml()), ("a.md", "Pashinian spoke.\n")]);
        let mut snapshot = host.snapshot();
        let file = snapshot.file_id(&dir.path().join("a.md")).unwrap();
        let finding = snapshot.findings(file).into_iter().find(|f| f.code() == "name/variant").unwrap();
        let fix = finding.fix.as_ref().unwrap();
        assert_eq!(check_edits(&snapshot, file, fix), Ok(()));
        // The text changes under the findings without a re-analysis (a host that missed
        // one): the fix's offsets belong to the old text.
        let entry = &mut Arc::make_mut(&mut snapshot.files)[file.index()];
        let old = entry.source.clone().unwrap();
        let text = "Nikol Pashinyan spoke.\n".to_owned();
        entry.source = Some(Arc::new(super::super::SourceFile {
            path: old.path.clone(),
            kind: old.kind,
            line_index: crate::span::LineIndex::new(&text),
            text,
            problem: None,
        }));
        assert_eq!(check_edits(&snapshot, file, fix), Err(SkipReason::StaleFindings));
    }

    #[test]
    fn an_article_changed_in_one_batch_with_the_kb_is_reanalysed() {
        let kb = kb().place("armenia", "Armenia").toml().to_owned();
        let (dir, mut host) = load(&[("kb/kb.toml", &kb), ("a.md", "Pashinian spoke.\n")]);
        host.apply(vec![
            Change::SetText {
                path: dir.path().join("kb/kb.toml"),
                text: kb.replace("Armenia", "Republic of Armenia"),
            },
            Change::SetText { path: dir.path().join("a.md"), text: "Nikol Pashinyan spoke.\n".into() },
        ]);
        let snapshot = host.snapshot();
        let file = snapshot.file_id(&dir.path().join("a.md")).unwrap();
        assert_eq!(snapshot.analysed_text(file), Some("Nikol Pashinyan spoke.\n"));
        assert!(snapshot.findings(file).iter().all(|f| f.code() != "name/variant"));
    }
}
