//! ## What it finds
//! A corpus file or folder that dateline did not read, on purpose: a symbolic link leading
//! out of the corpus, a special file (a named pipe, a socket, a device), anything under
//! `/proc`, `/sys` or `/dev`, or what lies past the walk's limits (64 folders deep, a million
//! files and folders).
//!
//! ## Why it matters
//! Reading these is unsafe or endless: a link to `/proc/self/environ` or `/etc/shadow` would
//! print secrets into a CI log, a named pipe blocks forever, `/dev/zero` never ends, and a
//! link to `/` walks the whole machine. Nothing in them is checked, so say so rather than
//! skip them silently.
//!
//! ## Example
//! ```text
//! kb/shared.toml:1:1: error[corpus/skipped-file] it is a symbolic link to /srv/kb/shared.toml, outside the corpus: not followed (set `follow_links_outside = true` in `[corpus]` to follow such links)
//! ```
//!
//! ## Instead
//! Copy the file into the corpus, list its folder in `[corpus] paths`, or, for links you
//! trust, set `[corpus] follow_links_outside = true`. Remove special files, or exclude them.
//!
//! ## Fix
//! None offered.
//!
//! ## Options
//! `[corpus] follow_links_outside` (default `false`), `[corpus] paths`, `[corpus] exclude`.

use crate::checks::{FileCtx, Finding, FixOffer, Pass, Rule, Severity};
use crate::corpus::FileProblem;
use crate::span::Span;

pub static RULE: Rule = Rule {
    code: "corpus/skipped-file",
    summary: "a corpus file was not read on purpose (a link out of the corpus, a special file)",
    severity: Severity::Error,
    fix: FixOffer::None,
    pass: Pass::File(run),
    source: include_str!("skipped_file.rs"),
};

fn run(ctx: &FileCtx<'_>, out: &mut Vec<Finding>) {
    if let Some(FileProblem::Skipped { message }) = ctx.problem {
        out.push(Finding::new(&RULE, ctx.file, Span::empty(0), message.clone()));
    }
}
