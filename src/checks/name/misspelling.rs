//! ## What it finds
//! A capitalised name that is not in the KB but is one typo away from a KB name or alias:
//! `Hikmet Hajjiyev` for `Hikmet Hajiyev`, `Rasi-zade` for `Rasizade`.
//!
//! Names are compared folded (case, diacritics and hyphens set aside) with a
//! Damerau-Levenshtein distance that grows with the word's length: words of four letters
//! or fewer must match exactly, longer ones may differ by one edit, nine letters and more
//! by two. A word that is the KB word plus a short ending (`Aliyeva`, `Armenian`) is another
//! word; two names whose given names both differ (`Heydar Aliyev`, `Ilham Aliyev`) are two
//! people; a candidate two KB entities are equally close to is left alone.
//!
//! ## Why it matters
//! A misspelt name is invisible to search, to references and to every other check: the
//! person simply is not mentioned.
//!
//! ## Example
//! ```markdown
//! Presidential aide Hikmet Hajjiyev said ...
//! ```
//!
//! ## Instead
//! ```markdown
//! Presidential aide Hikmet Hajiyev said ...
//! ```
//!
//! ## Fix
//! Replaces the name with the KB form. Not applied unattended (`--unsafe-fixes`): a near
//! miss may still be a different person the KB does not know. In an editor, a code action
//! can instead add the spelling to the KB as an alias or a variant.
//!
//! ## Options
//! Severity via `[checks.severity] "name/misspelling"`.

use crate::checks::{Applicability, ArticleCtx, Finding, Fix, FixOffer, Pass, Rule, Severity};

pub static RULE: Rule = Rule {
    code: "name/misspelling",
    summary: "a name is one typo away from a KB name",
    severity: Severity::Warning,
    fix: FixOffer::Unsafe,
    pass: Pass::Article(run),
    source: include_str!("misspelling.rs"),
};

fn run(ctx: &ArticleCtx<'_>, out: &mut Vec<Finding>) {
    // Transliterations are `name/variant`'s.
    for miss in ctx.mentions.near_misses.iter().filter(|m| !m.transliteration) {
        let entity = ctx.kb.entity(miss.entity);
        let Some(form) = entity.form(miss.form) else { continue };
        let written = crate::checks::one_line(&ctx.text[miss.span.range()]);
        let message = if miss.distance == 0 {
            format!(
                "`{written}` is written differently from the KB's `{}` (only hyphens or spaces differ)",
                form.text
            )
        } else {
            format!("`{written}` looks like a misspelling of `{}`", form.text)
        };
        let fix = Fix::replace(
            format!("Replace with `{}`", form.text),
            ctx.file,
            miss.span,
            form.text.clone(),
            Applicability::Unsafe,
        );
        let finding = Finding::new(&RULE, ctx.file, miss.span, message)
            .with_related(entity.origin.file, form.span, format!("the KB spelling (`{}`)", entity.key))
            .with_fix(fix);
        out.push(finding);
    }
}
