//! ## What it finds
//! A corpus file that is not valid UTF-8, pointing at the first byte that is not.
//!
//! ## Why it matters
//! dateline reads the file with the bad bytes replaced by `�`, so names and dates next to
//! them may be missed, and other tools may refuse the file altogether. It is usually a file
//! saved in a legacy encoding (Windows-1252, Latin-1) or a truncated download.
//!
//! ## Example
//! ```text
//! articles/old.txt:3:14: error[corpus/invalid-utf8] invalid UTF-8: byte 0xE7 cannot start a character here; the file is read with it replaced by �
//! ```
//!
//! ## Instead
//! Re-encode the file as UTF-8 (`iconv -f WINDOWS-1252 -t UTF-8`).
//!
//! ## Fix
//! None offered: the right source encoding cannot be known for sure.
//!
//! ## Options
//! None.

use crate::checks::{FileCtx, Finding, FixOffer, Pass, Rule, Severity};
use crate::corpus::FileProblem;
use crate::span::Span;

pub static RULE: Rule = Rule {
    code: "corpus/invalid-utf8",
    summary: "a corpus file is not valid UTF-8",
    severity: Severity::Error,
    fix: FixOffer::None,
    pass: Pass::File(run),
    source: include_str!("invalid_utf8.rs"),
};

fn run(ctx: &FileCtx<'_>, out: &mut Vec<Finding>) {
    if let Some(&FileProblem::InvalidUtf8 { offset, byte }) = ctx.problem {
        // The text holds U+FFFD (3 bytes) where the bad byte was.
        let span = Span::new(offset, (offset + 3).min(ctx.text.len()));
        let message = format!(
            "invalid UTF-8: byte 0x{byte:02X} cannot start a character here; the file is read with it replaced by �"
        );
        out.push(Finding::new(&RULE, ctx.file, span, message));
    }
}
