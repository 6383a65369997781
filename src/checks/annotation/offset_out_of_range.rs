//! ## What it finds
//! An annotation offset before the start or past the end of the document text: a brat
//! offset beyond the `.txt`'s last character (or negative), a WebAnno token offset outside
//! its sentence. When the annotation's recorded text occurs elsewhere in the text (the text
//! was shortened after annotating), `annotation/stale-offsets` reports it instead.
//!
//! ## Why it matters
//! The annotation points at nothing; brat refuses the document.
//!
//! ## Example
//! ```text
//! T4⇥Person 90 97⇥Akar.\n
//! ```
//! (the `.txt` has 92 characters)
//!
//! ## Instead
//! Offsets within the text, counted in characters (code points) of the `.txt`.
//!
//! ## Fix
//! None offered.
//!
//! ## Options
//! None.

use crate::checks::{AnnotationCtx, Finding, FixOffer, Pass, Rule, Severity};
use crate::formats::ProblemKind;

pub static RULE: Rule = Rule {
    code: "annotation/offset-out-of-range",
    summary: "an offset falls outside the text",
    severity: Severity::Error,
    fix: FixOffer::None,
    pass: Pass::Annotation(run),
    source: include_str!("offset_out_of_range.rs"),
};

fn run(ctx: &AnnotationCtx<'_>, out: &mut Vec<Finding>) {
    // Offsets that only went out of date are `annotation/stale-offsets`.
    let stale = super::StaleLines::new(ctx);
    for problem in ctx.problems.iter().filter(|p| p.kind == ProblemKind::OffsetOutOfRange && !stale.holds(p))
    {
        out.extend(super::finding(ctx, problem, &RULE));
    }
}
