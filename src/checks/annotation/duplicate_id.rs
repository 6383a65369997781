//! ## What it finds
//! An annotation id defined twice in one file: two brat lines starting `T1`, a WebAnno
//! token id or span id used twice, a CoNLL-U `sent_id` repeated.
//!
//! ## Why it matters
//! References (`Arg1:T1`, `N1 Reference T1 ...`) then point at whichever one a tool reads
//! first; brat refuses to load the document.
//!
//! ## Example
//! ```text
//! T1⇥Person 0 11⇥Hulusi Akar
//! T1⇥Date 52 55⇥The
//! ```
//!
//! ## Instead
//! ```text
//! T1⇥Person 0 11⇥Hulusi Akar
//! T14⇥Date 52 55⇥The
//! ```
//!
//! ## Fix
//! None offered: which references meant which annotation needs a reader.
//!
//! ## Options
//! None.

use crate::checks::{AnnotationCtx, Finding, FixOffer, Pass, Rule, Severity};
use crate::formats::ProblemKind;

pub static RULE: Rule = Rule {
    code: "annotation/duplicate-id",
    summary: "one annotation id is defined twice",
    severity: Severity::Error,
    fix: FixOffer::None,
    pass: Pass::Annotation(run),
    source: include_str!("duplicate_id.rs"),
};

fn run(ctx: &AnnotationCtx<'_>, out: &mut Vec<Finding>) {
    super::report(ctx, ProblemKind::DuplicateId, &RULE, out);
}
