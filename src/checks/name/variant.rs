//! ## What it finds
//! A name written in a form the KB lists as a known wrong or discouraged variant
//! (`variants = [...]`), such as `Pashinian` where the KB's name is `Nikol Pashinyan`.
//!
//! ## Why it matters
//! Variant spellings split search results and references, and a house style exists so
//! readers see one name for one person.
//!
//! ## Example
//! ```markdown
//! Prime Minister Nikol Pashinian said ...
//! ```
//!
//! ## Instead
//! ```markdown
//! Prime Minister Nikol Pashinyan said ...
//! ```
//!
//! ## Fix
//! Replaces the variant with the canonical name. Safe: the KB says this exact string is a
//! form of this entity.
//!
//! ## Options
//! Severity via `[checks.severity] "name/variant"`. To accept a form, move it from
//! `variants` to `aliases` in the KB.

use crate::checks::{Applicability, ArticleCtx, Finding, Fix, Pass, Rule, Severity};
use crate::kb::FormKind;
use crate::mentions::Written;

pub static RULE: Rule = Rule {
    code: "name/variant",
    summary: "a name is written in a form the KB marks as a variant",
    severity: Severity::Warning,
    pass: Pass::Article(run),
    source: include_str!("variant.rs"),
};

fn run(ctx: &ArticleCtx<'_>, out: &mut Vec<Finding>) {
    for mention in &ctx.mentions.mentions {
        let Written::Form(FormKind::Variant(idx)) = mention.written else {
            continue;
        };
        let entity = ctx.kb.entity(mention.entity);
        let Some(variant) = entity.variants.get(idx as usize) else {
            continue;
        };
        let canonical = &entity.name.text;
        let message = format!("`{}` is a variant of `{canonical}`; write `{canonical}`", variant.text);
        let fix = Fix::replace(
            format!("Replace with `{canonical}`"),
            ctx.file,
            mention.span,
            canonical.clone(),
            Applicability::Safe,
        );
        let finding = Finding::new(&RULE, ctx.file, mention.span, message)
            .with_related(
                entity.origin.file,
                variant.span,
                format!("listed as a variant of `{}`", entity.key),
            )
            .with_fix(fix);
        out.push(finding);
    }
}
