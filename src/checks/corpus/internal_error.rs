//! ## What it finds
//! A file whose analysis failed because of a bug in dateline (a panic): nothing in it was
//! checked. The message says what failed and where in dateline's source.
//!
//! ## Why it matters
//! The file's dates and names were not checked and its mentions are missing from references
//! and counts, so a clean-looking run would be a false one. `check` exits 2 whenever this is
//! reported; the other files are checked as usual, and the editor keeps working.
//!
//! ## Example
//! ```text
//! articles/2021-11-17.md:1:1: error[corpus/internal-error] dateline failed while analysing this file, so it was not checked: begin <= end (12 <= 9) when slicing `On Tuesday the War` (at src/dates/ties.rs:351:21); please report this bug in dateline's issue tracker, with the file if you can
//! ```
//!
//! ## Instead
//! Report it, with the message and, if you can, the file (or the smallest part of it that
//! still fails). Until it is fixed, `[corpus] exclude` the file to get a clean run.
//!
//! ## Fix
//! None offered.
//!
//! ## Options
//! None: it is reported whatever the selection says, since a file that was not checked must
//! not pass silently. `[checks.severity]` can still change its severity.

use crate::checks::{FileCtx, Finding, FixOffer, Pass, Rule, Severity};
use crate::span::Span;

pub static RULE: Rule = Rule {
    code: "corpus/internal-error",
    summary: "dateline failed on this file (a bug): it was not checked",
    severity: Severity::Error,
    fix: FixOffer::None,
    pass: Pass::File(run),
    source: include_str!("internal_error.rs"),
};

fn run(ctx: &FileCtx<'_>, out: &mut Vec<Finding>) {
    if let Some(panic) = ctx.internal_error {
        let message = format!(
            "dateline failed while analysing this file, so it was not checked: {panic}; please report this bug in dateline's issue tracker, with the file if you can"
        );
        out.push(Finding::new(&RULE, ctx.file, Span::empty(0), message));
    }
}
