//! ## What it finds
//! A KB name written without its diacritics (`Erdogan` for `Erdoğan`, `Yasar Guler` for
//! `Yaşar Güler`, `Turkiye` for `Türkiye`). With `house-style = "ascii"`, the reverse: a
//! name written with diacritics in a corpus that writes plain ASCII.
//!
//! ## Why it matters
//! A name is part of a person's identity, and search engines and readers treat the two
//! spellings as different strings. Many newsrooms keep diacritics; some deliberately do
//! not. Either way one corpus should do one thing.
//!
//! ## Example
//! ```markdown
//! Turkish President Tayyip Erdogan reaffirmed his support.
//! ```
//!
//! ## Instead
//! ```markdown
//! Turkish President Tayyip Erdoğan reaffirmed his support.
//! ```
//!
//! ## Fix
//! Replaces the spelling with the house style's form. Safe: the two differ only in
//! diacritics, which the KB (or the house style) settles.
//!
//! ## Options
//! `[names] house-style = "diacritics"` (default: as the KB writes them) or `"ascii"`.
//! A hint by default; raise it with `[checks.severity] "name/diacritics" = "warning"`.

use crate::checks::{Applicability, ArticleCtx, Finding, Fix, FixOffer, Pass, Rule, Severity};
use crate::corpus::config::HouseStyle;
use crate::mentions::Written;
use crate::text::fold::strip_diacritics;

pub static RULE: Rule = Rule {
    code: "name/diacritics",
    summary: "a name is written without (or, in an ASCII corpus, with) its diacritics",
    severity: Severity::Hint,
    fix: FixOffer::Safe,
    pass: Pass::Article(run),
    source: include_str!("diacritics.rs"),
};

fn run(ctx: &ArticleCtx<'_>, out: &mut Vec<Finding>) {
    let ascii = ctx.config.names.house_style == HouseStyle::Ascii;
    for mention in &ctx.mentions.mentions {
        let entity = ctx.kb.entity(mention.entity);
        let written = &ctx.text[mention.span.range()];
        let (kind, expected) = match (mention.written, ascii) {
            (Written::Undiacritized(kind), false) => match entity.form(kind) {
                Some(form) => (kind, form.text.clone()),
                None => continue,
            },
            (Written::Form(kind), true) if !written.is_ascii() => {
                let plain = strip_diacritics(written);
                if plain == written {
                    continue;
                }
                (kind, plain)
            }
            _ => continue,
        };
        let message = if ascii {
            format!("`{written}` has diacritics; this corpus writes `{expected}`")
        } else {
            format!("`{written}` is written without the diacritics of `{expected}`")
        };
        let fix = Fix::replace(
            format!("Write `{expected}`"),
            ctx.file,
            mention.span,
            expected.clone(),
            Applicability::Safe,
        );
        let mut finding = Finding::new(&RULE, ctx.file, mention.span, message).with_fix(fix);
        if let Some(form) = entity.form(kind) {
            finding = finding.with_related(
                entity.origin.file,
                form.span,
                format!("the KB spelling (`{}`)", entity.key),
            );
        }
        out.push(finding);
    }
}
