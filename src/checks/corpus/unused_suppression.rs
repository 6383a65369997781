//! ## What it finds
//! A suppression comment in a Markdown article that silences nothing:
//! `<!-- dateline-ignore CODE -->` where no `CODE` finding sits in the block it covers,
//! `<!-- dateline-ignore-file CODE -->` where the file has no `CODE` finding, a comment
//! with no block after it, or a code that names no check.
//!
//! ## Why it matters
//! A suppression outlives the problem it was written for: the name gets fixed, the comment
//! stays, and the next real mistake in that paragraph is hidden. An unknown code is usually
//! a typo, so the finding it meant to silence is still reported (or, with a prefix typo,
//! nothing is silenced at all).
//!
//! ## Example
//! ```markdown
//! <!-- dateline-ignore name/variant -->
//! Prime Minister Nikol Pashinyan said ...
//! ```
//!
//! ## Instead
//! ```markdown
//! Prime Minister Nikol Pashinyan said ...
//! ```
//!
//! ## Fix
//! Removes the unused codes, or the whole comment (with its line, when it stands alone)
//! when none is needed. Safe when every removed code is a known one; when an unknown code
//! is removed the fix is unsafe (`--unsafe-fixes`): the typo probably meant a real code.
//!
//! Codes of checks that do not run on the file (left out by `select`, turned off, or in
//! `per-file-ignores`) are never reported: another run may need them. A comment without
//! codes is reported when it silenced nothing in this run.
//!
//! ## Options
//! Severity via `[checks.severity] "corpus/unused-suppression"`. Suppressions themselves:
//! `<!-- dateline-ignore CODE, CODE -->` before a block (paragraph, heading, list, quote,
//! table) or inside a paragraph, `<!-- dateline-ignore-file CODE -->` for the file; codes
//! may be prefixes (`name/`), and no code means every check. Plain-text articles take no
//! comments: use `per-file-ignores` in `dateline.toml`.

use crate::checks::{Applicability, CodeUsage, Finding, Fix, FixOffer, Pass, Rule, Severity, SuppressionCtx};
use crate::corpus::suppression::{Scope, Suppression};
use crate::span::Span;

pub static RULE: Rule = Rule {
    code: "corpus/unused-suppression",
    summary: "a suppression comment silences nothing, or names an unknown check",
    severity: Severity::Warning,
    fix: FixOffer::SafeOrUnsafe,
    pass: Pass::Suppression(run),
    source: include_str!("unused_suppression.rs"),
};

fn run(ctx: &SuppressionCtx<'_>, out: &mut Vec<Finding>) {
    for (suppression, usage) in ctx.suppressions.iter().zip(ctx.usage) {
        if suppression.codes.is_empty() {
            if !usage.used {
                let message = match suppression.scope {
                    Scope::Block(None) => "this suppression covers nothing: no block follows it",
                    _ => "this suppression silences nothing: no check reports anything where it applies",
                };
                out.push(removal(ctx, suppression, message.to_owned(), Applicability::Safe));
            }
            continue;
        }
        let mut unused = Vec::new();
        let mut unknown = Vec::new();
        let mut keep = Vec::new();
        for (code, status) in suppression.codes.iter().zip(&usage.codes) {
            match status {
                CodeUsage::Unused => unused.push(format!("`{}`", code.text)),
                CodeUsage::Unknown(err) => unknown.push(err.to_string()),
                CodeUsage::Used | CodeUsage::NotRunning => keep.push(code),
            }
        }
        if unused.is_empty() && unknown.is_empty() {
            continue;
        }
        let mut parts = Vec::new();
        if !unused.is_empty() {
            let what = match (suppression.scope, unused.len()) {
                (Scope::Block(None), 1) => "covers nothing: no block follows it",
                (Scope::Block(None), _) => "cover nothing: no block follows them",
                (_, 1) => "silences nothing here",
                (_, _) => "silence nothing here",
            };
            parts.push(format!("unused suppression: {} {what}", unused.join(", ")));
        }
        if !unknown.is_empty() {
            parts.push(format!("{} in a suppression", unknown.join(", ")));
        }
        let message = parts.join("; ");
        let applicability = if unknown.is_empty() { Applicability::Safe } else { Applicability::Unsafe };
        if keep.is_empty() {
            out.push(removal(ctx, suppression, message, applicability));
            continue;
        }
        // Rewrite the list with the codes that stay.
        let first = suppression.codes.first().map_or(suppression.span, |c| c.span);
        let last = suppression.codes.last().map_or(suppression.span, |c| c.span);
        let list = Span::new(first.start as usize, last.end as usize);
        let kept: Vec<&str> = keep.iter().map(|c| c.text.as_str()).collect();
        let fix = Fix::replace(
            format!("Keep only {}", kept.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", ")),
            ctx.file,
            list,
            kept.join(", "),
            applicability,
        );
        out.push(Finding::new(&RULE, ctx.file, suppression.span, message).with_fix(fix));
    }
}

/// The finding for a comment that should go entirely, with the fix that removes it (and
/// its line, when nothing else is on it).
fn removal(
    ctx: &SuppressionCtx<'_>,
    suppression: &Suppression,
    message: String,
    how: Applicability,
) -> Finding {
    let span = whole_lines(ctx.text, suppression.span).unwrap_or(suppression.span);
    let fix = Fix::replace("Remove the suppression comment", ctx.file, span, "", how);
    Finding::new(&RULE, ctx.file, suppression.span, message).with_fix(fix)
}

/// `span` widened to its full lines, line break included, when only whitespace shares them.
fn whole_lines(text: &str, span: Span) -> Option<Span> {
    let start = text[..span.start as usize].rfind('\n').map_or(0, |i| i + 1);
    if !text[start..span.start as usize].trim().is_empty() {
        return None;
    }
    let rest = &text[span.end as usize..];
    let line_end = rest.find('\n').map_or(text.len(), |i| span.end as usize + i + 1);
    if !text[span.end as usize..line_end].trim().is_empty() {
        return None;
    }
    Some(Span::new(start, line_end))
}
