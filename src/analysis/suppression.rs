//! Applying an article's suppression comments to its findings, in the shared analysis path
//! so that `check` and `serve` agree. Its own findings are silenced when the article is
//! analysed; the corpus checks' findings (they depend on other articles) when they are
//! stored in its entry, and only then do the checks on the comments themselves
//! (`corpus/unused-suppression`) run, on what the comments did to both.

use crate::checks::selection::{FileSelection, Selector, UnknownSelector};
use crate::checks::{self, CodeUsage, Finding, SuppressionCtx, SuppressionUsage};
use crate::corpus::FileId;
use crate::corpus::suppression::Suppression;

/// Each comment's codes, parsed (in the comment's order).
type Parsed = Vec<Vec<Result<Selector, UnknownSelector>>>;

/// Removes the article's own findings that its comments silence, and returns what each
/// comment silenced so far: the corpus checks' findings meet the comments later
/// ([`apply_late`]), and only then can a comment be judged unused.
pub(crate) fn silence_own(
    suppressions: &[Suppression],
    findings: &mut Vec<Finding>,
) -> Vec<SuppressionUsage> {
    if suppressions.is_empty() {
        return Vec::new();
    }
    let (parsed, mut usage) = prepare(suppressions);
    silence(suppressions, &parsed, &mut usage, findings);
    usage
}

/// Applies the comments to the corpus checks' findings in the file (found across articles,
/// after the article's own checks ran), starting from what they silenced of its own
/// (`own`, from [`silence_own`]), then runs the suppression checks on the whole and adds
/// what they report at the file's severities (itself subject to the comments, so
/// `<!-- dateline-ignore-file corpus/unused-suppression -->` works). Run where a file's
/// corpus findings are stored, so each finding is silenced once.
pub(crate) fn apply_late(
    file: FileId,
    text: &str,
    suppressions: &[Suppression],
    own: &[SuppressionUsage],
    selection: &FileSelection<'_>,
    findings: &mut Vec<Finding>,
) {
    if suppressions.is_empty() {
        return;
    }
    let parsed = parse(suppressions);
    let mut usage = own.to_vec();
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
    super::policy::settle_file(selection, &mut reported);
    findings.extend(reported);
}

/// Each comment's codes parsed, and a usage record per comment with nothing used yet.
fn prepare(suppressions: &[Suppression]) -> (Parsed, Vec<SuppressionUsage>) {
    let usage = suppressions
        .iter()
        .map(|s| SuppressionUsage { used: false, codes: vec![CodeUsage::Unused; s.codes.len()] })
        .collect();
    (parse(suppressions), usage)
}

/// Each comment's codes, parsed.
fn parse(suppressions: &[Suppression]) -> Parsed {
    suppressions.iter().map(|s| s.codes.iter().map(|code| Selector::parse(&code.text)).collect()).collect()
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
