//! Applying an article's suppression comments to its findings, in the shared analysis path
//! so that `check` and `serve` agree; then the checks on the comments themselves
//! (`corpus/unused-suppression`) run on what they did. Corpus-check findings come later
//! (they depend on other articles) and are silenced when a snapshot's findings are read.

use crate::checks::selection::{FileSelection, Selector, UnknownSelector};
use crate::checks::{self, CodeUsage, Finding, SuppressionCtx, SuppressionUsage};
use crate::corpus::FileId;
use crate::corpus::suppression::Suppression;
use crate::span::Span;

/// Each comment's codes, parsed (in the comment's order).
type Parsed = Vec<Vec<Result<Selector, UnknownSelector>>>;

/// Removes the findings the comments silence, runs the suppression checks, and adds what
/// they report (itself subject to the comments, so
/// `<!-- dateline-ignore-file corpus/unused-suppression -->` works).
pub(crate) fn apply(
    file: FileId,
    text: &str,
    suppressions: &[Suppression],
    selection: &FileSelection<'_>,
    findings: &mut Vec<Finding>,
) {
    if suppressions.is_empty() {
        return;
    }
    let (parsed, mut usage) = prepare(suppressions);
    silence(suppressions, &parsed, &mut usage, findings);
    for ((suppression, selectors), usage) in suppressions.iter().zip(&parsed).zip(&mut usage) {
        for ((_, selector), status) in suppression.codes.iter().zip(selectors).zip(&mut usage.codes) {
            *status = match selector {
                Err(unknown) => CodeUsage::Unknown(unknown.clone()),
                Ok(_) if *status == CodeUsage::Used => CodeUsage::Used,
                Ok(selector) if !selector.rules().any(|rule| selection.is_enabled(rule)) => {
                    CodeUsage::NotRunning
                }
                Ok(_) => CodeUsage::Unused,
            };
        }
    }
    let ctx = SuppressionCtx { file, text, suppressions, usage: &usage };
    let mut reported = Vec::new();
    checks::run(&ctx, &|rule| selection.is_enabled(rule), &mut reported);
    let mut scratch = usage.clone();
    silence(suppressions, &parsed, &mut scratch, &mut reported);
    findings.extend(reported);
}

/// Drops the corpus-check findings (found across articles, after the article's own checks
/// ran) that the article's comments cover, and drops the `corpus/unused-suppression`
/// findings of the comments that did silence one, since they were judged without them.
pub(crate) fn silence_corpus_findings(
    suppressions: &[Suppression],
    findings: &mut Vec<Finding>,
    corpus: usize,
) {
    if suppressions.is_empty() || corpus == 0 {
        return;
    }
    let (parsed, mut usage) = prepare(suppressions);
    let at = findings.len() - corpus;
    let mut from_corpus = findings.split_off(at);
    silence(suppressions, &parsed, &mut usage, &mut from_corpus);
    let used: Vec<Span> =
        suppressions.iter().zip(&usage).filter(|(_, u)| u.used).map(|(s, _)| s.span).collect();
    let unused = &checks::UNUSED_SUPPRESSION;
    findings.retain(|f| !(std::ptr::eq(f.rule, unused) && used.contains(&f.span)));
    findings.extend(from_corpus);
}

/// Each comment's codes parsed, and a usage record per comment with nothing used yet.
fn prepare(suppressions: &[Suppression]) -> (Parsed, Vec<SuppressionUsage>) {
    let parsed = suppressions
        .iter()
        .map(|s| s.codes.iter().map(|code| Selector::parse(&code.text)).collect())
        .collect();
    let usage = suppressions
        .iter()
        .map(|s| SuppressionUsage { used: false, codes: vec![CodeUsage::Unused; s.codes.len()] })
        .collect();
    (parsed, usage)
}

/// Drops every finding a comment covers, marking what each comment (and code) silenced.
fn silence(
    suppressions: &[Suppression],
    parsed: &Parsed,
    usage: &mut [SuppressionUsage],
    findings: &mut Vec<Finding>,
) {
    findings.retain(|finding| {
        let mut silenced = false;
        for ((suppression, selectors), usage) in suppressions.iter().zip(parsed).zip(usage.iter_mut()) {
            if !suppression.covers(finding.span) {
                continue;
            }
            if selectors.is_empty() {
                usage.used = true;
                silenced = true;
                continue;
            }
            for (selector, status) in selectors.iter().zip(&mut usage.codes) {
                if selector.as_ref().is_ok_and(|s| s.matches(finding.rule.code)) {
                    *status = CodeUsage::Used;
                    usage.used = true;
                    silenced = true;
                }
            }
        }
        !silenced
    });
}
