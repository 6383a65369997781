//! ## What it finds
//! A reference to an annotation that exists but cannot be what is asked for: an event whose
//! trigger is not a text span or has another type, a note on an equivalence, a relation or
//! attribute whose argument types `annotation.conf` does not allow.
//!
//! ## Why it matters
//! brat rejects these on load or shows them broken; relation extraction trained on the
//! collection learns a relation the scheme says cannot exist.
//!
//! ## Example
//! ```text
//! T6⇥Person 0 14⇥Максим Дадашев
//! T91⇥DISEASE 40 45⇥травм
//! R15⇥PARTICIPANT_IN Arg1:T6 Arg2:T91
//! ```
//! (NEREL allows `PARTICIPANT_IN` only towards events, works of art, crimes, penalties.)
//!
//! ## Instead
//! Point the relation at an annotation of an allowed type, or change the relation type.
//!
//! ## Fix
//! None offered.
//!
//! ## Options
//! The collection's `annotation.conf`.

use crate::checks::{AnnotationCtx, Finding, FixOffer, Pass, Rule, Severity};
use crate::formats::ProblemKind;

pub static RULE: Rule = Rule {
    code: "annotation/invalid-reference",
    summary: "an annotation refers to an annotation of the wrong kind or type",
    severity: Severity::Error,
    fix: FixOffer::None,
    pass: Pass::Annotation(run),
    source: include_str!("invalid_reference.rs"),
};

fn run(ctx: &AnnotationCtx<'_>, out: &mut Vec<Finding>) {
    super::report(ctx, ProblemKind::InvalidReference, &RULE, out);
}
