//! ## What it finds
//! A brat `NAME.ann` without its `NAME.txt` in the same folder (or with the `.txt` excluded
//! from the corpus).
//!
//! ## Why it matters
//! brat offsets count characters of the `.txt`; without it no annotation can be checked,
//! shown or linked, and brat itself refuses to open the document.
//!
//! ## Example
//! ```text
//! news/0042.ann    (news/0042.txt is missing or was renamed)
//! ```
//!
//! ## Instead
//! Keep `0042.txt` and `0042.ann` together; rename them together.
//!
//! ## Fix
//! None offered.
//!
//! ## Options
//! `[corpus] exclude`: a `.txt` excluded from the corpus counts as missing.

use crate::checks::{AnnotationCtx, Finding, FixOffer, Pass, Rule, Severity};
use crate::formats::ProblemKind;

pub static RULE: Rule = Rule {
    code: "annotation/ann-without-text",
    summary: "a brat `.ann` has no `.txt` beside it",
    severity: Severity::Error,
    fix: FixOffer::None,
    pass: Pass::Annotation(run),
    source: include_str!("ann_without_text.rs"),
};

fn run(ctx: &AnnotationCtx<'_>, out: &mut Vec<Finding>) {
    super::report(ctx, ProblemKind::AnnWithoutText, &RULE, out);
}
