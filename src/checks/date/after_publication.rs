//! ## What it finds
//! A past-tense event dated after the article was published: in a story of 2023-09-21,
//! "the ceasefire was signed on September 25, 2023".
//!
//! Only dates written with their year count (not "on Tuesday" or "June 1", whose year
//! the tagger already chose by the tense), and only in a clause that tells a finished event
//! beyond doubt: a past verb in the date's own clause ("was signed on"), and nothing in the
//! sentence that looks ahead or hedges ("will", "would", "expected", "planned", "until",
//! "were to", "may"). A reporting verb ("said") says nothing about the clause it reports:
//! "officials said the vote is expected on June 30" is silent. One day of grace covers a
//! page dated in UTC about an event of the next local day.
//!
//! ## Why it matters
//! Either the date or the publication date is wrong; both break every check that depends
//! on them.
//!
//! ## Example
//! ```markdown
//! ---
//! date: 2023-09-21
//! ---
//! The ceasefire was signed on September 25, 2023.
//! ```
//!
//! ## Instead
//! Correct the date, or the publication date in the front matter.
//!
//! ## Fix
//! None offered.
//!
//! ## Options
//! Needs a publication date known to the day.

use crate::checks::{ArticleCtx, Finding, FixOffer, Pass, Rule, Severity, one_line};
use crate::dates::{Derivation, Resolution, Tense, TimexKind};

pub static RULE: Rule = Rule {
    code: "date/after-publication",
    summary: "a past-tense event is dated after the article was published",
    severity: Severity::Warning,
    fix: FixOffer::None,
    pass: Pass::Article(run),
    source: include_str!("after_publication.rs"),
};

fn run(ctx: &ArticleCtx<'_>, out: &mut Vec<Finding>) {
    let Some(published) = ctx.article.date().and_then(|d| d.as_date()) else { return };
    for timex in ctx.dates {
        let with_year = matches!(timex.resolution, Resolution::Absolute)
            && matches!(timex.derivation, Derivation::Explicit);
        if !with_year
            || !timex.settled_past
            || timex.tense != Tense::Past
            || !matches!(timex.kind, TimexKind::Date | TimexKind::Time)
        {
            continue;
        }
        let Some((first, _)) = timex.interval else { continue };
        if first <= published.saturating_add(jiff::ToSpan::days(1)) {
            continue;
        }
        let message = format!(
            "`{}` ({first}) is after the publication date ({published}), but the sentence tells it in the past tense",
            one_line(&ctx.text[timex.span.range()])
        );
        let mut finding = Finding::new(&RULE, ctx.file, timex.span, message);
        if let Some(span) = ctx.article.meta.date.as_ref().and_then(|d| d.span) {
            finding = finding.with_related(ctx.file, span, "the publication date");
        }
        out.push(finding);
    }
}
