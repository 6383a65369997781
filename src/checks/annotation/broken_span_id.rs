//! ## What it finds
//! In WebAnno TSV 3, a span id `[n]` whose rows are not one contiguous run of tokens: the
//! span breaks off and starts again.
//!
//! ## Why it matters
//! A multi-token annotation is one span; INCEpTION reads the gap as part of it (or fails),
//! so the annotation covers words nobody annotated. It usually comes from a hand edit or a
//! merge that lost a row.
//!
//! ## Example
//! ```text
//! 1-4⇥16-21⇥Yaşar⇥PER[2]
//! 1-5⇥22-27⇥Güler⇥_
//! 1-6⇥28-29⇥.⇥PER[2]
//! ```
//!
//! ## Instead
//! ```text
//! 1-4⇥16-21⇥Yaşar⇥PER[2]
//! 1-5⇥22-27⇥Güler⇥PER[2]
//! 1-6⇥28-29⇥.⇥_
//! ```
//!
//! ## Fix
//! None offered: whether the gap or the stray row is wrong needs a reader.
//!
//! ## Options
//! None.

use crate::checks::{AnnotationCtx, Finding, FixOffer, Pass, Rule, Severity};
use crate::formats::ProblemKind;

pub static RULE: Rule = Rule {
    code: "annotation/broken-span-id",
    summary: "a WebAnno span id skips tokens",
    severity: Severity::Error,
    fix: FixOffer::None,
    pass: Pass::Annotation(run),
    source: include_str!("broken_span_id.rs"),
};

fn run(ctx: &AnnotationCtx<'_>, out: &mut Vec<Finding>) {
    super::report(ctx, ProblemKind::BrokenSpanId, &RULE, out);
}
