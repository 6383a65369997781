//! ## What it finds
//! In CoNLL-U with entities in MISC (`Entity=(3-person...` / `Entity=3)`), an opening
//! bracket whose mention is still open at the end of its sentence, a closing bracket with no
//! mention of that entity open, or a discontinuous mention with parts missing.
//!
//! ## Why it matters
//! The mention's extent is unknown; CorefUD tools reject the file and the entity's chain
//! loses the mention.
//!
//! ## Example
//! ```text
//! 1⇥Hulusi⇥Hulusi⇥PROPN⇥_⇥_⇥2⇥nsubj⇥_⇥Entity=(1-person
//! 2⇥Akar⇥Akar⇥PROPN⇥_⇥_⇥0⇥root⇥_⇥_
//! ```
//!
//! ## Instead
//! ```text
//! 1⇥Hulusi⇥Hulusi⇥PROPN⇥_⇥_⇥2⇥nsubj⇥_⇥Entity=(1-person
//! 2⇥Akar⇥Akar⇥PROPN⇥_⇥_⇥0⇥root⇥_⇥Entity=1)
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
    code: "annotation/unbalanced-bracket",
    summary: "a CoNLL-U entity bracket is never closed, or closed without being opened",
    severity: Severity::Error,
    fix: FixOffer::None,
    pass: Pass::Annotation(run),
    source: include_str!("unbalanced_bracket.rs"),
};

fn run(ctx: &AnnotationCtx<'_>, out: &mut Vec<Finding>) {
    super::report(ctx, ProblemKind::UnbalancedBracket, &RULE, out);
}
