//! ## What it finds
//! A relation argument, event trigger or argument, attribute, normalization, note or
//! equivalence member naming an annotation id that is not defined in the file; a WebAnno
//! relation whose source token does not exist.
//!
//! ## Why it matters
//! The relation or note is attached to nothing; brat refuses the document, and converters
//! drop the line silently.
//!
//! ## Example
//! ```text
//! R1⇥Located Arg1:T1 Arg2:T99
//! ```
//!
//! ## Instead
//! ```text
//! R1⇥Located Arg1:T1 Arg2:T3
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
    code: "annotation/unknown-reference",
    summary: "an annotation refers to an id no annotation has",
    severity: Severity::Error,
    fix: FixOffer::None,
    pass: Pass::Annotation(run),
    source: include_str!("unknown_reference.rs"),
};

fn run(ctx: &AnnotationCtx<'_>, out: &mut Vec<Finding>) {
    super::report(ctx, ProblemKind::UnknownReference, &RULE, out);
}
