//! ## What it finds
//! Relative dates ("last year", "on Tuesday", "two days ago") in an article without a
//! publication date, so they cannot be resolved.
//!
//! ## Why it matters
//! Without the date, "last year" could be any year; hovers, inlay hints and every date
//! check are blind for these expressions.
//!
//! ## Example
//! ```markdown
//! ---
//! title: Clashes on the border
//! ---
//! The fighting stopped late on Tuesday.
//! ```
//!
//! ## Instead
//! ```markdown
//! ---
//! title: Clashes on the border
//! date: 2021-11-17
//! ---
//! ```
//!
//! ## Fix
//! In an editor, a code action adds a `date:` to the front matter, proposing the latest
//! explicit date the article names (check it). Nothing is changed by `check --fix`.
//!
//! ## Options
//! A hint; turn it off with `[checks.severity] "date/relative-unresolved" = "off"`.

use crate::checks::{ArticleCtx, Finding, FixOffer, Pass, Rule, Severity, one_line};

pub static RULE: Rule = Rule {
    code: "date/relative-unresolved",
    summary: "a relative date cannot be resolved: the article has no publication date",
    severity: Severity::Hint,
    fix: FixOffer::EditorOnly,
    pass: Pass::Article(run),
    source: include_str!("relative_unresolved.rs"),
};

fn run(ctx: &ArticleCtx<'_>, out: &mut Vec<Finding>) {
    if ctx.article.date().is_some() {
        return;
    }
    for timex in ctx.dates.iter().filter(|t| t.is_unresolved()) {
        let message = format!(
            "`{}` is relative to a publication date this article does not give",
            one_line(&ctx.text[timex.span.range()])
        );
        out.push(Finding::new(&RULE, ctx.file, timex.span, message));
    }
}
