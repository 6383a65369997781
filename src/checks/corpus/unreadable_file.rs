//! ## What it finds
//! A corpus file that could not be read: permissions, a broken symlink, a file that vanished
//! while the corpus was being indexed.
//!
//! ## Why it matters
//! Nothing in the file is checked, so its problems stay hidden and its mentions are missing
//! from references and counts.
//!
//! ## Example
//! ```text
//! articles/2021-11-17.md:1:1: error[corpus/unreadable-file] cannot read this file: Permission denied (os error 13)
//! ```
//!
//! ## Instead
//! Make the file readable, or exclude it in `dateline.toml` (`[corpus] exclude = [...]`).
//!
//! ## Fix
//! None offered.
//!
//! ## Options
//! `[corpus] exclude` removes files from the corpus.

use crate::checks::{FileCtx, Finding, FixOffer, Pass, Rule, Severity};
use crate::corpus::FileProblem;
use crate::span::Span;

pub static RULE: Rule = Rule {
    code: "corpus/unreadable-file",
    summary: "a corpus file could not be read",
    severity: Severity::Error,
    fix: FixOffer::None,
    pass: Pass::File(run),
    source: include_str!("unreadable_file.rs"),
};

fn run(ctx: &FileCtx<'_>, out: &mut Vec<Finding>) {
    if let Some(FileProblem::Unreadable { message }) = ctx.problem {
        out.push(Finding::new(&RULE, ctx.file, Span::empty(0), format!("cannot read this file: {message}")));
    }
}
