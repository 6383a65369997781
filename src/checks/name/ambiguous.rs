//! ## What it finds
//! A lone surname or given name that fits two people named in full in the same article:
//! `Aliyev` after both Ilham Aliyev and Heydar Aliyev have been named.
//!
//! ## Why it matters
//! The reader cannot tell who is meant, and neither can dateline: the mention counts for
//! nobody, and no title or date check looks at it.
//!
//! ## Example
//! ```markdown
//! Ilham Aliyev recalled the policies of Heydar Aliyev. Aliyev said ...
//! ```
//!
//! ## Instead
//! ```markdown
//! Ilham Aliyev recalled the policies of Heydar Aliyev. Ilham Aliyev said ...
//! ```
//! or link the mention: `[Aliyev](kb:ilham-aliyev)`.
//!
//! ## Fix
//! None offered: only the writer knows who is meant.
//!
//! ## Options
//! None. Forms two KB entities share everywhere are reported in the KB by
//! `kb/ambiguous-alias`.

use rustc_hash::FxHashMap as HashMap;

use crate::checks::{ArticleCtx, Finding, FixOffer, Pass, Rule, Severity};
use crate::kb::EntityId;
use crate::span::Span;

pub static RULE: Rule = Rule {
    code: "name/ambiguous",
    summary: "a lone name fits two people named in the same article",
    severity: Severity::Warning,
    fix: FixOffer::None,
    pass: Pass::Article(run),
    source: include_str!("ambiguous.rs"),
};

fn run(ctx: &ArticleCtx<'_>, out: &mut Vec<Finding>) {
    // Where each entity is first named, found once: a search per ambiguous name would scan
    // the article's mentions each time.
    let mut first_named: HashMap<EntityId, Span> = HashMap::default();
    for mention in &ctx.mentions.mentions {
        first_named.entry(mention.entity).or_insert(mention.span);
    }
    for ambiguous in ctx.mentions.ambiguous.iter().filter(|a| a.named_here) {
        let written = &ctx.text[ambiguous.span.range()];
        let names: Vec<_> =
            ambiguous.candidates.iter().map(|&e| ctx.kb.entity(e).name.text.as_str()).collect();
        let message = format!("`{written}` could be {}: the article names each of them", join_or(&names));
        let mut finding = Finding::new(&RULE, ctx.file, ambiguous.span, message);
        for &candidate in &ambiguous.candidates {
            if let Some(&first) = first_named.get(&candidate) {
                finding = finding.with_related(
                    ctx.file,
                    first,
                    format!("{} is named here", ctx.kb.entity(candidate).name.text),
                );
            }
        }
        out.push(finding);
    }
}

/// "A, B or C".
pub(crate) fn join_or(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}
