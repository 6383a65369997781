//! ## What it finds
//! An article with no publication date: no `date` in its front matter and none for it in
//! `dateline.toml`.
//!
//! ## Why it matters
//! Such an article is valid, but dateline cannot resolve its relative dates ("last year",
//! "on Tuesday") or check titles against the date, so those checks stay silent for it.
//!
//! ## Example
//! ```markdown
//! ---
//! title: Defence chiefs meet
//! ---
//! ```
//!
//! ## Instead
//! ```markdown
//! ---
//! title: Defence chiefs meet
//! date: 2021-10-05
//! ---
//! ```
//! For plain text, add `[articles."path/to/file.txt"] date = "2021-10-05"` to `dateline.toml`.
//!
//! ## Fix
//! None offered.
//!
//! ## Options
//! Turn it off with `[checks.severity] "corpus/missing-date" = "off"` for undated corpora.

use crate::checks::{ArticleCtx, Finding, FixOffer, Pass, Rule, Severity};
use crate::corpus::{ArticleFormat, ArticleProblem};
use crate::span::Span;

pub static RULE: Rule = Rule {
    code: "corpus/missing-date",
    summary: "an article has no publication date",
    severity: Severity::Info,
    fix: FixOffer::None,
    pass: Pass::Article(run),
    source: include_str!("missing_date.rs"),
};

fn run(ctx: &ArticleCtx<'_>, out: &mut Vec<Finding>) {
    // A broken front matter or an invalid date is already reported, and says more.
    let reported =
        ctx.article.problems.iter().any(|p| {
            matches!(p, ArticleProblem::InvalidDate { .. } | ArticleProblem::BrokenFrontMatter { .. })
        });
    if ctx.article.meta.date.is_some() || reported {
        return;
    }
    let (span, where_) = match (&ctx.article.front_matter, ctx.article.format) {
        (Some(front_matter), _) => {
            (Span::new(0, 3.min(front_matter.span.len())), "add `date:` to the front matter")
        }
        (None, ArticleFormat::Markdown) => (Span::empty(0), "add front matter with a `date:`"),
        (None, ArticleFormat::Text) => {
            (Span::empty(0), "give it a date under `[articles.\"...\"]` in dateline.toml")
        }
    };
    let message = format!(
        "this article has no publication date, so relative dates and roles cannot be checked: {where_}"
    );
    out.push(Finding::new(&RULE, ctx.file, span, message));
}
