//! ## What it finds
//! Front matter that cannot be read: a `---` (YAML) or `+++` (TOML) block that is never
//! closed, is not valid YAML or TOML, gives `title`, `source`, `url`, `lang` or `date` a
//! value that is not text, or names a language (`lang:`) nobody knows.
//!
//! ## Why it matters
//! Without its metadata the article has no publication date, so relative dates ("last
//! year") cannot be resolved and roles cannot be checked against the date.
//!
//! ## Example
//! ```markdown
//! ---
//! title: [Ankara and Baku
//! date: 2021-11-17
//! ---
//! ```
//!
//! ## Instead
//! ```markdown
//! ---
//! title: "[Ankara and Baku]"
//! date: 2021-11-17
//! ---
//! ```
//!
//! ## Fix
//! None offered.
//!
//! ## Options
//! None.

use crate::checks::{ArticleCtx, Finding, FixOffer, Pass, Rule, Severity};
use crate::corpus::ArticleProblem;

pub static RULE: Rule = Rule {
    code: "corpus/broken-front-matter",
    summary: "an article's front matter cannot be read",
    severity: Severity::Error,
    fix: FixOffer::None,
    pass: Pass::Article(run),
    source: include_str!("broken_front_matter.rs"),
};

fn run(ctx: &ArticleCtx<'_>, out: &mut Vec<Finding>) {
    for problem in &ctx.article.problems {
        if let ArticleProblem::BrokenFrontMatter { span, message } = problem {
            out.push(Finding::new(&RULE, ctx.file, *span, message.clone()));
        }
    }
}
