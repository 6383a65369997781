//! ## What it finds
//! A WebAnno TSV header line that the format does not define (GUM's `#Summary1=`), or an
//! `annotation.conf` section other than `[entities]`, `[relations]`, `[events]`,
//! `[attributes]`.
//!
//! ## Why it matters
//! It is ignored here, but INCEpTION's TSV reader rejects files with unknown header lines,
//! and brat ignores unknown sections: whatever it declares has no effect.
//!
//! ## Example
//! ```text
//! #FORMAT=WebAnno TSV 3.3
//! #Comment=made by hand
//! ```
//!
//! ## Instead
//! Keep notes out of the header (or in a separate file).
//!
//! ## Fix
//! None offered.
//!
//! ## Options
//! None.

use crate::checks::{AnnotationCtx, Finding, FixOffer, Pass, Rule, Severity};
use crate::formats::ProblemKind;

pub static RULE: Rule = Rule {
    code: "annotation/unknown-header",
    summary: "a header, section or layer the reader does not know",
    severity: Severity::Warning,
    fix: FixOffer::None,
    pass: Pass::Annotation(run),
    source: include_str!("unknown_header.rs"),
};

fn run(ctx: &AnnotationCtx<'_>, out: &mut Vec<Finding>) {
    super::report(ctx, ProblemKind::UnknownHeader, &RULE, out);
}
