//! ## What it finds
//! A brat `T` line whose offsets no longer select its recorded text while that text occurs
//! elsewhere in the `.txt`: the text was edited after it was annotated (words added or
//! removed above the span), or the offsets were shifted by a tool. The message says where
//! the recorded text is now. Annotations whose text no longer occurs at all are
//! `annotation/text-mismatch` (or `annotation/offset-out-of-range`).
//!
//! ## Why it matters
//! Every annotation after an edit points at the wrong words: the collection silently
//! teaches a model, or shows a reader, spans that do not exist.
//!
//! ## Example
//! ```text
//! Defence minister Hulusi Akar met ...     (the .txt, with "Defence minister " added)
//! T1⇥Person 0 11⇥Hulusi Akar              (the .ann, written before the edit)
//! ```
//!
//! ## Instead
//! ```text
//! T1⇥Person 17 28⇥Hulusi Akar
//! ```
//!
//! ## Fix
//! Re-anchors the annotation at its recorded text: annotations are placed in text order,
//! each at the occurrence of its text nearest to where the shift of the ones before it puts
//! it (discontinuous spans keep the distances between their fragments). In an editor,
//! "fix all" re-anchors the whole file. Not applied unattended (`--unsafe-fixes`): a name
//! that occurs twice may land on the other occurrence.
//!
//! ## Options
//! None.

use crate::checks::{AnnotationCtx, Applicability, Finding, Fix, FixOffer, Pass, Rule, Severity};
use crate::formats::quote;

pub static RULE: Rule = Rule {
    code: "annotation/stale-offsets",
    summary: "a brat annotation's offsets miss its text, which now occurs elsewhere",
    severity: Severity::Warning,
    fix: FixOffer::Unsafe,
    pass: Pass::Annotation(run),
    source: include_str!("stale_offsets.rs"),
};

fn run(ctx: &AnnotationCtx<'_>, out: &mut Vec<Finding>) {
    for anchor in ctx.stale {
        let message = format!(
            "{} at {} no longer selects its text {}, which is now at {}: the text changed after it was annotated",
            anchor.id,
            anchor.was,
            quote(&anchor.recorded),
            anchor.now,
        );
        let mut finding = Finding::new(&RULE, ctx.file, anchor.offsets_span, message);
        if let Some(text_file) = ctx.text_file {
            for &span in &anchor.now_at {
                finding = finding.with_related(text_file, span, "the recorded text is here now");
            }
        }
        let fix = Fix::replace(
            format!("Re-anchor {} at {}", anchor.id, anchor.now),
            ctx.file,
            anchor.offsets_span,
            anchor.replacement.clone(),
            Applicability::Unsafe,
        );
        out.push(finding.with_fix(fix));
    }
}
