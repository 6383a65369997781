//! ## What it finds
//! A `[text](kb:id)` link whose id is not in the knowledge base.
//!
//! ## Why it matters
//! The link was meant to pin the mention to one entity; with a wrong id it pins it to
//! nothing, and the mention is missing from references, hovers and date checks.
//!
//! ## Example
//! ```markdown
//! [General Hulusi Akar](kb:hulusi-akr) met ...
//! ```
//!
//! ## Instead
//! ```markdown
//! [General Hulusi Akar](kb:hulusi-akar) met ...
//! ```
//!
//! ## Fix
//! When a known id is close to the written one, replacing it is offered; it is not applied
//! unattended (`--unsafe-fixes`), since a close id may still be the wrong entity.
//!
//! ## Options
//! None.

use crate::checks::{Applicability, ArticleCtx, Finding, Fix, FixOffer, Pass, Rule, Severity};

pub static RULE: Rule = Rule {
    code: "corpus/unknown-kb-link",
    summary: "a `kb:` link names an id the knowledge base does not have",
    severity: Severity::Error,
    fix: FixOffer::Unsafe,
    pass: Pass::Article(run),
    source: include_str!("unknown_kb_link.rs"),
};

fn run(ctx: &ArticleCtx<'_>, out: &mut Vec<Finding>) {
    for link in &ctx.article.links {
        if ctx.kb.lookup(&link.target).is_some() {
            continue;
        }
        let suggestion = ctx.kb.suggest_key(&link.target);
        let mut message = format!("unknown KB id `{}` in a `kb:` link", link.target);
        if link.target.is_empty() {
            message = "empty KB id in a `kb:` link".to_owned();
        }
        let mut finding = Finding::new(&RULE, ctx.file, link.target_span, message);
        if let Some(key) = suggestion {
            finding.message.push_str(&format!(" (did you mean `{key}`?)"));
            let fix = Fix::replace(
                format!("Replace with `{key}`"),
                ctx.file,
                link.target_span,
                key,
                Applicability::Unsafe,
            );
            finding = finding.with_fix(fix);
        }
        out.push(finding);
    }
}
