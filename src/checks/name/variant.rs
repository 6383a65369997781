//! ## What it finds
//! A name written in a form the KB lists as a known wrong or discouraged variant
//! (`variants = [...]`), such as `Pashinian` where the KB's name is `Nikol Pashinyan`.
//!
//! A KB name in another romanisation the KB does not list is a variant too, by the
//! patterns romanisations differ in (`y`/`i`, `kh`/`h`, `zh`/`j`, `w`/`v`): `Sergey Lavrov`
//! for `Sergei Lavrov`, `Zelenskiy` for `Zelenskyy`. Its fix is not applied unattended.
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
//! Replaces the variant with the canonical form of the same shape, so the sentence keeps
//! the form its writer chose: a full-name variant (`Nikol Pashinian`) becomes the full name
//! (`Nikol Pashinyan`), a lone surname variant (`Pashinian`) becomes the surname
//! (`Pashinyan`: the name's word nearest to the variant, so a given-name variant becomes
//! the given name, as a KB alias spells it if one does). A
//! possessive keeps its `'s`, which is never part of the match. Safe: the KB says this exact
//! string is a form of this entity. When no form of the variant's shape can be derived
//! (a two-word variant of a three-word name with no two-word alias), the fix writes the full
//! name and is marked unsafe, as it changes how the sentence names the entity.
//!
//! ## Options
//! Severity via `[checks.severity] "name/variant"`. To accept a form, move it from
//! `variants` to `aliases` in the KB.

use crate::checks::{Applicability, ArticleCtx, Finding, Fix, FixOffer, Pass, Rule, Severity};
use crate::kb::{Entity, EntityKind, FormKind};
use crate::mentions::Written;
use crate::text::fold::strip_diacritics;

pub static RULE: Rule = Rule {
    code: "name/variant",
    summary: "a name is written in a form the KB marks as a variant",
    severity: Severity::Warning,
    fix: FixOffer::SafeOrUnsafe,
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
        let Replacement { text, applicability } = replacement(entity, &variant.text);
        let message = format!("`{}` is a variant of `{canonical}`; write `{text}`", variant.text);
        let fix = Fix::replace(format!("Replace with `{text}`"), ctx.file, mention.span, text, applicability);
        let finding = Finding::new(&RULE, ctx.file, mention.span, message)
            .with_related(
                entity.origin.file,
                variant.span,
                format!("listed as a variant of `{}`", entity.key),
            )
            .with_fix(fix);
        out.push(finding);
    }
    transliterations(ctx, out);
}

/// A KB name written in another romanisation the KB does not list (`Sergey Lavrov` for
/// `Sergei Lavrov`): a variant by a known pattern, replaced with the KB's form, unsafe (the
/// KB's choice is a house style, not the only right one).
fn transliterations(ctx: &ArticleCtx<'_>, out: &mut Vec<Finding>) {
    for miss in ctx.mentions.near_misses.iter().filter(|m| m.transliteration) {
        let entity = ctx.kb.entity(miss.entity);
        let Some(form) = entity.form(miss.form) else { continue };
        let written = crate::checks::one_line(&ctx.text[miss.span.range()]);
        let message =
            format!("`{written}` is another transliteration of `{}`; write `{}`", form.text, form.text);
        let fix = Fix::replace(
            format!("Replace with `{}`", form.text),
            ctx.file,
            miss.span,
            form.text.clone(),
            Applicability::Unsafe,
        );
        out.push(
            Finding::new(&RULE, ctx.file, miss.span, message)
                .with_related(entity.origin.file, form.span, format!("the KB spelling (`{}`)", entity.key))
                .with_fix(fix),
        );
    }
}

/// What a variant is replaced with, and whether that is certain.
struct Replacement {
    text: String,
    applicability: Applicability,
}

/// The canonical form with the variant's shape (its number of words): the name itself, a
/// person's surname for a lone-word variant, or the one alias of that shape that fits.
/// Without one, the full name, unsafe: it would change how the sentence names the entity.
fn replacement(entity: &Entity, variant: &str) -> Replacement {
    let shape = word_count(variant);
    let name = entity.name.text.as_str();
    let safe = |text: &str| Replacement { text: text.to_owned(), applicability: Applicability::Safe };
    if shape == word_count(name) {
        return safe(name);
    }
    let same_shape = || entity.aliases.iter().filter(|alias| word_count(&alias.text) == shape);
    if shape == 1 && entity.kind == EntityKind::Person {
        // A lone word for a person is usually the surname, but a given-name variant (`Anne`
        // for `Ann Example`) must not become the surname: take the name's word nearest to
        // the variant (the last on a tie), as the KB spells it when an alias writes it (an
        // alias may keep diacritics the name's word lacks).
        let folded_variant = fold(variant);
        let nearest = name
            .split_whitespace()
            .rev()
            .min_by_key(|word| strsim::levenshtein(&fold(word), &folded_variant));
        if let Some(word) = nearest {
            let folded = fold(word);
            let alias = same_shape().find(|alias| fold(&alias.text) == folded);
            return safe(alias.map_or(word, |alias| alias.text.as_str()));
        }
    }
    // A multi-word alias fits only if it keeps one of the variant's words where the variant
    // has it: `Anahit Melkonyan` for `Anahit Melkonian`, never for `Sara Melkonian`.
    let mut candidates = same_shape().filter(|alias| shape == 1 || shares_a_word(&alias.text, variant));
    match (candidates.next(), candidates.next()) {
        (Some(alias), None) => safe(&alias.text),
        // None of that shape, or several to choose from: the full name, for a person to confirm.
        _ => Replacement { text: name.to_owned(), applicability: Applicability::Unsafe },
    }
}

fn shares_a_word(a: &str, b: &str) -> bool {
    a.split_whitespace().zip(b.split_whitespace()).any(|(a, b)| fold(a) == fold(b))
}

fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

fn fold(word: &str) -> String {
    strip_diacritics(word).to_lowercase()
}
