//! ## What it finds
//! Two articles that give different dates for the same event, when the KB itself has no
//! date to settle it: one says the Georgia meeting was on October 4, another on October 5.
//! The event is a KB event, or a named event the KB does not know whose name can mean only
//! one occurrence (`the Zapad-2021 Exercises`, `the Second Karabakh War`, `the Treaty of
//! Kars`; not `the NATO Summit`, which recurs). Each article's date is reported with the
//! other's as related location; the message says how the other articles date it.
//!
//! Dates count only when tied to the event by the sentence (see `date/event-mismatch`),
//! and only for the same part of it (start, end, or the whole event). When the KB has a
//! date, `date/event-mismatch` compares each article with the KB instead.
//!
//! ## Why it matters
//! A corpus that disagrees with itself cannot be quoted; one of the articles is wrong.
//!
//! ## Example
//! `a.md`: "The ministers met in Tbilisi on October 4." `b.md`: "The ministers met in
//! Tbilisi on October 5." (both tied to the same KB event). Or `a.md`: "The Zapad-2021
//! Exercises began on September 10, 2021." `b.md`: "The Zapad-2021 Exercises began on
//! September 12, 2021."
//!
//! ## Instead
//! Find out which is right, fix the other, and give the event its date in the KB (adding
//! it if it is not there) so every article is checked against it.
//!
//! ## Fix
//! None offered.
//!
//! ## Options
//! None.

use crate::checks::{CorpusArticle, CorpusCtx, Finding, FixOffer, Pass, Rule, Severity, Subject, one_line};
use crate::corpus::FileId;
use crate::span::Span;
use crate::ties::{Aspect, DateTie, EventRef, Strength};

use super::{aspect_verb, overlaps, show_days};

pub static RULE: Rule = Rule {
    code: "date/cross-article",
    summary: "two articles give different dates for the same event",
    severity: Severity::Warning,
    fix: FixOffer::None,
    pass: Pass::Corpus(run),
    source: include_str!("cross_article.rs"),
};

struct Claim<'a> {
    file: FileId,
    span: Span,
    days: (jiff::civil::Date, jiff::civil::Date),
    phrase: String,
    /// The event's name: the KB's, or as the article writes it.
    event: &'a str,
}

/// Whether `tie` in `article` dates the subject.
fn is_about(subject: Subject<'_>, article: &CorpusArticle<'_>, tie: &DateTie) -> bool {
    match (subject, tie.event) {
        (Subject::Entity(id), EventRef::Kb(tied)) => id == tied,
        (Subject::NamedEvent(key), EventRef::Named(i)) => {
            article.mentions.named_events.get(i as usize).is_some_and(|e| e.key == key)
        }
        _ => false,
    }
}

fn run(ctx: &CorpusCtx<'_>, out: &mut Vec<Finding>) {
    if let Subject::Entity(id) = ctx.subject
        && ctx.kb.entity(id).when.is_some()
    {
        return; // The KB settles it: date/event-mismatch.
    }
    for aspect in [Aspect::Start, Aspect::End, Aspect::Whole] {
        let claims: Vec<Claim<'_>> = ctx
            .articles
            .iter()
            .flat_map(|a| {
                a.ties
                    .dates
                    .iter()
                    .filter(move |t| {
                        is_about(ctx.subject, a, t) && t.aspect == aspect && t.strength == Strength::Strong
                    })
                    .filter_map(move |t| {
                        let timex = &a.dates[t.timex];
                        Some(Claim {
                            file: a.file,
                            span: timex.span,
                            days: timex.interval?,
                            phrase: one_line(&a.text[timex.span.range()]),
                            event: t.event.name(ctx.kb, a.mentions, a.text),
                        })
                    })
            })
            .collect();
        for claim in &claims {
            let others: Vec<&Claim<'_>> =
                claims.iter().filter(|o| o.file != claim.file && !overlaps(o.days, claim.days)).collect();
            if others.is_empty() {
                continue;
            }
            let agreeing =
                claims.iter().filter(|o| o.file != claim.file && overlaps(o.days, claim.days)).count();
            let dates: Vec<String> = others
                .iter()
                .map(|o| show_days(o.days))
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            let disagree = match others.len() {
                1 => format!("another article dates it {}", dates.join(", ")),
                n => format!("{n} other articles date it {}", dates.join(", ")),
            };
            let agree = match agreeing {
                0 => String::new(),
                1 => "; one other agrees with this one".to_owned(),
                n => format!("; {n} others agree with this one"),
            };
            let message = format!(
                "this article says {} {} `{}` ({}), but {disagree}{agree}",
                claim.event,
                aspect_verb(aspect),
                claim.phrase,
                show_days(claim.days),
            );
            let mut finding = Finding::new(&RULE, claim.file, claim.span, message);
            for other in others.iter().take(3) {
                finding = finding.with_related(
                    other.file,
                    other.span,
                    format!("`{}` ({})", other.phrase, show_days(other.days)),
                );
            }
            out.push(finding);
        }
    }
}
