//! ## What it finds
//! A brat `T` line whose text column is not the `.txt` at its offsets (fragments joined by
//! one space), or a WebAnno token whose form is not its sentence's `#Text=` at its offsets.
//! The message says where the recorded text does occur and whether the offsets would match
//! counted in bytes, UTF-16 units, or with `\r\n` as one character. When the recorded text
//! occurs elsewhere, so that the offsets are merely out of date, `annotation/stale-offsets`
//! reports it instead.
//!
//! ## Why it matters
//! Either the offsets or the recorded text is wrong; a model trained on the collection
//! learns the wrong span. Offsets counted in the wrong unit shift every span after the
//! first non-ASCII character.
//!
//! ## Example
//! ```text
//! T2⇥Person 16 27⇥Yasar Guler
//! ```
//! (the `.txt` says `Yaşar Güler`)
//!
//! ## Instead
//! ```text
//! T2⇥Person 16 27⇥Yaşar Güler
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
    code: "annotation/text-mismatch",
    summary: "an annotation's recorded text differs from the text at its offsets",
    severity: Severity::Error,
    fix: FixOffer::None,
    pass: Pass::Annotation(run),
    source: include_str!("text_mismatch.rs"),
};

fn run(ctx: &AnnotationCtx<'_>, out: &mut Vec<Finding>) {
    // Offsets that only went out of date are `annotation/stale-offsets`.
    let stale = super::StaleLines::new(ctx);
    for problem in ctx.problems.iter().filter(|p| p.kind == ProblemKind::TextMismatch && !stale.holds(p)) {
        out.extend(super::finding(ctx, problem, &RULE));
    }
}
