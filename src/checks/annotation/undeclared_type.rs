//! ## What it finds
//! A brat entity, event, relation, equivalence or attribute type that the collection's
//! `annotation.conf` does not declare (the message suggests the closest declared one).
//! Without an `annotation.conf`, nothing is checked.
//!
//! ## Why it matters
//! A typo makes a type of its own: `Persn` spans are missing from every count, search and
//! model of `Person`, and brat shows them as errors.
//!
//! ## Example
//! ```text
//! T6⇥Persn 86 90⇥Akar
//! ```
//!
//! ## Instead
//! ```text
//! T6⇥Person 86 90⇥Akar
//! ```
//!
//! ## Fix
//! None offered: the closest declared type is named in the message.
//!
//! ## Options
//! The collection's `annotation.conf` (the nearest one in the folder or above).

use crate::checks::{AnnotationCtx, Finding, FixOffer, Pass, Rule, Severity};
use crate::formats::ProblemKind;

pub static RULE: Rule = Rule {
    code: "annotation/undeclared-type",
    summary: "an annotation type is not declared in `annotation.conf`",
    severity: Severity::Error,
    fix: FixOffer::None,
    pass: Pass::Annotation(run),
    source: include_str!("undeclared_type.rs"),
};

fn run(ctx: &AnnotationCtx<'_>, out: &mut Vec<Finding>) {
    super::report(ctx, ProblemKind::UndeclaredType, &RULE, out);
}
