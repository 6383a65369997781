//! ## What it finds
//! An annotation line that cannot be read: a brat line without a tab, an id that is not
//! a letter and a number, a relation with one argument; a WebAnno row with too few columns
//! or offsets that are not numbers; a CoNLL-U row that is not ten fields; an
//! `annotation.conf` line that is not a declaration. The message says what was expected.
//!
//! ## Why it matters
//! The annotation on that line is lost to every tool; brat reports the whole document as
//! broken.
//!
//! ## Example
//! ```text
//! T13 Person 0 11 Hulusi Akar
//! ```
//! (spaces where brat needs tabs)
//!
//! ## Instead
//! ```text
//! T13⇥Person 0 11⇥Hulusi Akar
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
    code: "annotation/malformed-line",
    summary: "a line or row does not have the shape its format requires",
    severity: Severity::Error,
    fix: FixOffer::None,
    pass: Pass::Annotation(run),
    source: include_str!("malformed_line.rs"),
};

fn run(ctx: &AnnotationCtx<'_>, out: &mut Vec<Finding>) {
    super::report(ctx, ProblemKind::MalformedLine, &RULE, out);
}
