//! ## What it finds
//! A brat `T` line whose fragment has its end offset before its start (`30 20`).
//!
//! ## Why it matters
//! The span selects nothing; brat refuses the document, and converters produce garbage or
//! crash.
//!
//! ## Example
//! ```text
//! T12⇥Person 30 20⇥x
//! ```
//!
//! ## Instead
//! ```text
//! T12⇥Person 20 30⇥Yaşar Güle
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
    code: "annotation/inverted-span",
    summary: "a brat span ends before it starts",
    severity: Severity::Error,
    fix: FixOffer::None,
    pass: Pass::Annotation(run),
    source: include_str!("inverted_span.rs"),
};

fn run(ctx: &AnnotationCtx<'_>, out: &mut Vec<Finding>) {
    super::report(ctx, ProblemKind::InvertedSpan, &RULE, out);
}
