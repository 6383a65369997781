//! ## What it finds
//! A publication `date` in front matter that is not a calendar date: `2021-02-30`,
//! `17/11/2021`, `yesterday`.
//!
//! ## Why it matters
//! The publication date anchors every relative date in the article and decides which
//! roles people held. A wrong one silently shifts all of them.
//!
//! ## Example
//! ```markdown
//! ---
//! date: 2021-02-30
//! ---
//! ```
//!
//! ## Instead
//! `date: 2021-03-02`: ISO 8601 (`YYYY-MM-DD`), or a timestamp (`2021-11-17T09:30:00Z`), or
//! a partial date when that is all that is known (`2021-11`, `2021`).
//!
//! ## Fix
//! None offered: the intended date cannot be guessed.
//!
//! ## Options
//! None.

use crate::checks::{ArticleCtx, Finding, FixOffer, Pass, Rule, Severity};
use crate::corpus::ArticleProblem;

pub static RULE: Rule = Rule {
    code: "corpus/invalid-date",
    summary: "an article's publication date is not a valid date",
    severity: Severity::Error,
    fix: FixOffer::None,
    pass: Pass::Article(run),
    source: include_str!("invalid_date.rs"),
};

fn run(ctx: &ArticleCtx<'_>, out: &mut Vec<Finding>) {
    for problem in &ctx.article.problems {
        if let ArticleProblem::InvalidDate { span, message } = problem {
            out.push(Finding::new(&RULE, ctx.file, *span, format!("invalid publication date: {message}")));
        }
    }
}
