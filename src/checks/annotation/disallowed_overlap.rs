//! ## What it finds
//! Two entity annotations whose spans are equal, nested or crossing, when the collection's
//! `annotation.conf` has no `<OVERLAP>` rule allowing it. brat's default allows no overlap;
//! `<OVERLAP> Arg1:GPE, Arg2:Organization, <OVL-TYPE>:contain` allows a `GPE` inside an
//! `Organization`. Without an `annotation.conf` nothing is checked.
//!
//! ## Why it matters
//! A flat annotation scheme (CoNLL-style NER) cannot hold nested or crossing spans: tools
//! that convert the collection drop one of them, or crash. Crossing spans are almost always
//! a slipped offset.
//!
//! ## Example
//! ```text
//! T7⇥Organization 64 85⇥Armed Forces welcomed
//! T8⇥Person 77 90⇥welcomed Akar
//! ```
//!
//! ## Instead
//! ```text
//! T7⇥Organization 64 76⇥Armed Forces
//! T8⇥Person 86 90⇥Akar
//! ```
//! or allow it in `annotation.conf` if the scheme is nested.
//!
//! ## Fix
//! None offered.
//!
//! ## Options
//! The collection's `annotation.conf` (`<OVERLAP>` lines in `[relations]`).

use crate::checks::{AnnotationCtx, Finding, FixOffer, Pass, Rule, Severity};
use crate::formats::ProblemKind;

pub static RULE: Rule = Rule {
    code: "annotation/disallowed-overlap",
    summary: "two brat spans overlap where `annotation.conf` does not allow it",
    severity: Severity::Error,
    fix: FixOffer::None,
    pass: Pass::Annotation(run),
    source: include_str!("disallowed_overlap.rs"),
};

fn run(ctx: &AnnotationCtx<'_>, out: &mut Vec<Finding>) {
    super::report(ctx, ProblemKind::DisallowedOverlap, &RULE, out);
}
