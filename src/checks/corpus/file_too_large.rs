//! ## What it finds
//! A corpus file larger than the configured limit (16 MiB by default), which is not
//! analysed.
//!
//! ## Why it matters
//! News articles are kilobytes. A file of many megabytes is almost always a data dump or a
//! build artefact that slipped into the corpus, and analysing it would slow every edit.
//!
//! ## Example
//! ```text
//! dump.txt:1:1: warning[corpus/file-too-large] this file is 52.4 MB, over the 16.8 MB limit: it is not analysed
//! ```
//!
//! ## Instead
//! Exclude the file, or raise the limit if it really is one article.
//!
//! ## Fix
//! None offered.
//!
//! ## Options
//! `[corpus] max_file_size` (bytes), `[corpus] exclude`.

use crate::checks::{FileCtx, Finding, FixOffer, Pass, Rule, Severity};
use crate::corpus::FileProblem;
use crate::span::Span;

pub static RULE: Rule = Rule {
    code: "corpus/file-too-large",
    summary: "a corpus file is over the size limit and is not analysed",
    severity: Severity::Warning,
    fix: FixOffer::None,
    pass: Pass::File(run),
    source: include_str!("file_too_large.rs"),
};

fn run(ctx: &FileCtx<'_>, out: &mut Vec<Finding>) {
    if let Some(&FileProblem::TooLarge { size, limit }) = ctx.problem {
        let message = format!(
            "this file is {}, over the {} limit: it is not analysed",
            human_size(size),
            human_size(limit)
        );
        out.push(Finding::new(&RULE, ctx.file, Span::empty(0), message));
    }
}

/// `812 bytes`, `52.4 MB`: decimal units, as file managers show them.
fn human_size(bytes: u64) -> String {
    match bytes {
        0..1_000 => format!("{bytes} bytes"),
        1_000..1_000_000 => format!("{:.1} kB", bytes as f64 / 1e3),
        1_000_000..1_000_000_000 => format!("{:.1} MB", bytes as f64 / 1e6),
        _ => format!("{:.1} GB", bytes as f64 / 1e9),
    }
}
