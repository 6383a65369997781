//! ## What it finds
//! One entity written two ways in the same article: `Turkey` and `Türkiye`, `Pashinian`
//! and `Pashinyan`, `Erdogan` and `Erdoğan`; or one title spelled two ways: `Defense
//! Minister` and `Defence Minister`. With `consistency = "corpus"`, entity spellings are
//! compared across all articles instead.
//!
//! Spellings inside a direct quotation are the speaker's or the source's and are not
//! counted; a title with a prefix (`vice-chancellor`, `chancellor`) is another title.
//! A name and its part (`Hulusi Akar`, `Akar`) are one spelling; two names for one thing
//! that are not spellings of each other (`Russia`, `Russian Federation`) are left alone.
//! The spelling used less often is reported, at each place it is used; the message says
//! which spelling the article (or corpus) mostly uses.
//!
//! ## Why it matters
//! Readers take two spellings for two people or places, and search finds half the story.
//!
//! ## Example
//! ```markdown
//! Türkiye supports Azerbaijan ... Turkey has trained officers ... Türkiye says ...
//! ```
//!
//! ## Instead
//! ```markdown
//! Türkiye supports Azerbaijan ... Türkiye has trained officers ... Türkiye says ...
//! ```
//!
//! ## Fix
//! Replaces the less used spelling with the more used one when both are written with the
//! same number of words; not applied unattended (`--unsafe-fixes`), since the more common
//! spelling is not always the right one.
//!
//! ## Options
//! `[names] consistency = "article"` (default) or `"corpus"`.

use std::collections::BTreeMap;

use crate::checks::{
    Applicability, ArticleCtx, CorpusCtx, Finding, Fix, FixOffer, Pass, Rule, Severity, Subject,
};
use crate::corpus::FileId;
use crate::corpus::config::ConsistencyScope;
use crate::kb::FormKind;
use crate::mentions::Written;
use crate::span::{Span, SpanSet};
use crate::text::quotes::quoted;
use crate::text::spelling::{spellings_differ, titles_differ};

pub static RULE: Rule = Rule {
    code: "name/inconsistent",
    summary: "one entity or title is spelled two ways",
    severity: Severity::Warning,
    fix: FixOffer::Unsafe,
    pass: Pass::ArticleAndCorpus(run_article, run_corpus),
    source: include_str!("inconsistent.rs"),
};

/// Where one spelling is used.
#[derive(Clone, Copy)]
struct Use<'a> {
    file: FileId,
    span: Span,
    written: &'a str,
    /// How much the KB stands behind this spelling (2: the name, 1: an alias, 0: a variant,
    /// a form without diacritics, a title): wins a tie.
    preferred: u8,
}

/// Titles are checked per article in every scope; entities here only in article scope.
fn run_article(ctx: &ArticleCtx<'_>, out: &mut Vec<Finding>) {
    let quoted = SpanSet::new(quoted(ctx.text, ctx.article.body.range()));
    let titles: Vec<Use<'_>> = ctx
        .mentions
        .titles
        .iter()
        .filter(|t| !quoted.overlaps(t.span))
        .map(|t| Use { file: ctx.file, span: t.span, written: &ctx.text[t.span.range()], preferred: 0 })
        .collect();
    report(&titles, titles_differ, "this title", "article", out);
    if ctx.config.names.consistency != ConsistencyScope::Article {
        return;
    }
    let mut by_entity: BTreeMap<_, Vec<Use<'_>>> = BTreeMap::new();
    // A declined form (`Бориса Ельцина`) is the name in a case, and a Cyrillic one for a
    // Latin form the name in another script: neither is a spelling choice.
    let spelled = |m: &&crate::mentions::Mention| {
        !m.explicit && !matches!(m.written, Written::Declined(_) | Written::Transliterated(_))
    };
    for mention in ctx.mentions.mentions.iter().filter(spelled).filter(|m| !quoted.overlaps(m.span)) {
        let written = &ctx.text[mention.span.range()];
        let preferred = is_preferred(mention.written);
        by_entity.entry(mention.entity).or_default().push(Use {
            file: ctx.file,
            span: mention.span,
            written,
            preferred,
        });
    }
    for (entity, uses) in by_entity {
        let name = &ctx.kb.entity(entity).name.text;
        report(&uses, spellings_differ, name, "article", out);
    }
}

fn run_corpus(ctx: &CorpusCtx<'_>, out: &mut Vec<Finding>) {
    let Subject::Entity(entity) = ctx.subject else { return };
    if ctx.config.names.consistency != ConsistencyScope::Corpus {
        return;
    }
    let uses: Vec<Use<'_>> = ctx
        .articles
        .iter()
        .flat_map(|a| {
            a.mentions.of(entity).filter(|m| !m.explicit && !matches!(m.written, Written::Declined(_))).map(
                move |m| Use {
                    file: a.file,
                    span: m.span,
                    written: &a.text[m.span.range()],
                    preferred: is_preferred(m.written),
                },
            )
        })
        .collect();
    report(&uses, spellings_differ, &ctx.kb.entity(entity).name.text, "corpus", out);
}

fn is_preferred(written: Written) -> u8 {
    match written {
        Written::Form(FormKind::Name) => 2,
        Written::Form(FormKind::Alias(_)) | Written::Fragment => 1,
        _ => 0,
    }
}

/// Reports every use of a spelling that differs from a more used spelling of the same
/// thing. `differ` says whether two spellings are two ways of writing one name.
fn report(uses: &[Use<'_>], differ: fn(&str, &str) -> bool, what: &str, scope: &str, out: &mut Vec<Finding>) {
    // Distinct spellings (case-sensitive: a title in lower case is the same title) with
    // their uses, in order of first use.
    let mut spellings: Vec<(String, Vec<Use<'_>>)> = Vec::new();
    for &one in uses {
        let key = crate::checks::one_line(one.written);
        match spellings.iter_mut().find(|(k, _)| k.to_lowercase() == key.to_lowercase()) {
            Some((_, list)) => list.push(one),
            None => spellings.push((key, vec![one])),
        }
    }
    if spellings.len() < 2 {
        return;
    }
    for (i, (minor, minor_uses)) in spellings.iter().enumerate() {
        // The most used spelling this one is a variant of. A tie goes to the KB's own form,
        // then to the spelling used first.
        let rank = |j: usize, uses: &[Use<'_>]| {
            (uses.len(), uses.iter().map(|u| u.preferred).max().unwrap_or(0), usize::MAX - j)
        };
        let mine = rank(i, minor_uses);
        let major = spellings
            .iter()
            .enumerate()
            .filter(|&(j, (other, other_uses))| j != i && differ(minor, other) && rank(j, other_uses) > mine)
            .max_by_key(|&(j, (_, other_uses))| rank(j, other_uses));
        let Some((_, (major, major_uses))) = major else { continue };
        let times =
            if major_uses.len() == 1 { "once".to_owned() } else { format!("{} times", major_uses.len()) };
        let subject = if what == "this title" { "this title".to_owned() } else { what.to_owned() };
        let same_shape = minor.split_whitespace().count() == major.split_whitespace().count();
        for one in minor_uses {
            let message = format!(
                "{subject} is written `{minor}` here but `{major}` elsewhere in this {scope} ({times}): pick one spelling"
            );
            let mut finding = Finding::new(&RULE, one.file, one.span, message);
            for other in major_uses.iter().take(3) {
                finding = finding.with_related(other.file, other.span, format!("`{major}`"));
            }
            if same_shape {
                let fix = Fix::replace(
                    format!("Write `{major}`"),
                    one.file,
                    one.span,
                    major.clone(),
                    Applicability::Unsafe,
                );
                finding = finding.with_fix(fix);
            }
            out.push(finding);
        }
    }
}
