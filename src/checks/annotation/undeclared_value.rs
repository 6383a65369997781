//! ## What it finds
//! A brat attribute with a value `annotation.conf` does not list for it (`Value:Name|Nominal`),
//! a multi-valued attribute without a value, or a binary attribute given one.
//!
//! ## Why it matters
//! brat cannot show or edit the attribute, and the value is a category of its own in every
//! count.
//!
//! ## Example
//! ```text
//! A1⇥Mention T1 Named
//! ```
//!
//! ## Instead
//! ```text
//! A1⇥Mention T1 Name
//! ```
//!
//! ## Fix
//! None offered.
//!
//! ## Options
//! The collection's `annotation.conf` (`[attributes]`).

use crate::checks::{AnnotationCtx, Finding, FixOffer, Pass, Rule, Severity};
use crate::formats::ProblemKind;

pub static RULE: Rule = Rule {
    code: "annotation/undeclared-value",
    summary: "an attribute value is not among those `annotation.conf` declares",
    severity: Severity::Error,
    fix: FixOffer::None,
    pass: Pass::Annotation(run),
    source: include_str!("undeclared_value.rs"),
};

fn run(ctx: &AnnotationCtx<'_>, out: &mut Vec<Finding>) {
    super::report(ctx, ProblemKind::UndeclaredValue, &RULE, out);
}
