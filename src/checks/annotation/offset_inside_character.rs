//! ## What it finds
//! An annotation offset that falls inside what a reader sees as one character: between the
//! `\r` and `\n` of a line break, between a letter and its combining accent, inside an emoji
//! or a flag (any offset that is not an extended grapheme cluster boundary, Unicode UAX #29).
//! For WebAnno, also an offset between the two halves of a UTF-16 surrogate pair.
//!
//! ## Why it matters
//! The span shows half a character: `e` without its accent, half a flag. It usually means
//! the offsets were counted in another unit (bytes, UTF-16) by the tool that wrote them.
//!
//! ## Example
//! ```text
//! T9⇥GPE 38 39⇥🇹
//! ```
//! (the Turkish flag is two code points, `38 40`)
//!
//! ## Instead
//! ```text
//! T9⇥GPE 38 40⇥🇹🇷
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
    code: "annotation/offset-inside-character",
    summary: "an offset splits a character",
    severity: Severity::Error,
    fix: FixOffer::None,
    pass: Pass::Annotation(run),
    source: include_str!("offset_inside_character.rs"),
};

fn run(ctx: &AnnotationCtx<'_>, out: &mut Vec<Finding>) {
    super::report(ctx, ProblemKind::OffsetInsideCharacter, &RULE, out);
}
