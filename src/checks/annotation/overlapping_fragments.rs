//! ## What it finds
//! A discontinuous brat span (`0 10;5 15`) whose fragments overlap each other.
//!
//! ## Why it matters
//! A fragment list describes separate pieces of text; overlapping pieces repeat characters
//! in the annotation's text, and brat rejects the line.
//!
//! ## Example
//! ```text
//! T5⇥Organization 0 10;5 15⇥Hulusi Akar Akar met
//! ```
//!
//! ## Instead
//! ```text
//! T5⇥Organization 0 15⇥Hulusi Akar met
//! ```
//!
//! ## Fix
//! None offered.
//!
//! ## Options
//! None.

use crate::checks::{AnnotationCtx, Finding, FixOffer, Pass, Rule, Severity};
use crate::formats::ProblemKind;

pub static RULE: Rule = Rule {
    code: "annotation/overlapping-fragments",
    summary: "fragments of one discontinuous brat span overlap",
    severity: Severity::Error,
    fix: FixOffer::None,
    pass: Pass::Annotation(run),
    source: include_str!("overlapping_fragments.rs"),
};

fn run(ctx: &AnnotationCtx<'_>, out: &mut Vec<Finding>) {
    super::report(ctx, ProblemKind::OverlappingFragments, &RULE, out);
}
