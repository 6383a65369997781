//! ## What it finds
//! A weekday that does not match its date: "Tuesday, Nov. 17, 2021" when that day was a
//! Wednesday; or, in one sentence about one event, an "on Tuesday" and an explicit date
//! that fall on different days ("the exercise opened on Tuesday ... on October 6").
//!
//! ## Why it matters
//! One of the two is wrong, and the weekday is what readers remember ("the Tuesday
//! clashes"). It is also a sign of copy reused from another day's story.
//!
//! ## Example
//! ```markdown
//! The ministry said on Tuesday, Nov. 17, 2021, that the border was calm.
//! ```
//!
//! ## Instead
//! ```markdown
//! The ministry said on Wednesday, Nov. 17, 2021, that the border was calm.
//! ```
//!
//! ## Fix
//! Offers the weekday of the written date; not applied unattended (`--unsafe-fixes`): the
//! date may be the wrong half.
//!
//! ## Options
//! None.

use crate::checks::{Applicability, ArticleCtx, Finding, Fix, Pass, Rule, Severity, one_line};
use rustc_hash::FxHashMap as HashMap;

use crate::dates::ties::is_checkable_date;
use crate::dates::ties::{Aspect, EventRef};
use crate::dates::weekday_name;
use crate::dates::{Derivation, Timex};
use crate::span::Span;
use jiff::civil::Date;

pub static RULE: Rule = Rule {
    code: "date/weekday-mismatch",
    summary: "a weekday does not match its date",
    severity: Severity::Error,
    pass: Pass::Article(run),
    source: include_str!("weekday_mismatch.rs"),
};

fn run(ctx: &ArticleCtx<'_>, out: &mut Vec<Finding>) {
    for timex in ctx.dates {
        // A weekday written with an explicit date in one expression.
        let (Some(written), Some((first, last))) = (timex.weekday, timex.interval) else { continue };
        if first != last || timex.derivation == Derivation::Weekday || first.weekday() == written {
            continue;
        }
        let phrase = &ctx.text[timex.span.range()];
        let actual = weekday_name(first.weekday());
        let message =
            format!("`{}`: {first} was a {actual}, not a {}", one_line(phrase), weekday_name(written));
        let mut finding = Finding::new(&RULE, ctx.file, timex.span, message);
        if let Some(at) = phrase.find(weekday_name(written)) {
            let start = timex.span.start as usize + at;
            let span = Span::new(start, start + weekday_name(written).len());
            finding = finding.with_fix(Fix::replace(
                format!("Write {actual}"),
                ctx.file,
                span,
                actual,
                Applicability::Unsafe,
            ));
        }
        out.push(finding);
    }
    same_event_in_one_sentence(ctx, out);
}

/// "on Tuesday" and an explicit day tied to the same event in one sentence.
/// The explicit single days tied to one event and aspect in a sentence, and the index of the
/// first whose weekday differs from the first's.
type ExplicitDays<'a> = (Vec<(&'a Timex, Date)>, Option<usize>);

fn same_event_in_one_sentence(ctx: &ArticleCtx<'_>, out: &mut Vec<Finding>) {
    // Ties in text order, so each sentence's are one run found by search rather than a scan
    // of every tie per sentence.
    let mut ties: Vec<_> = ctx.ties.dates.iter().collect();
    ties.sort_by_key(|t| ctx.dates[t.timex].span);
    for sentence in ctx.sentences {
        let first = ties.partition_point(|t| ctx.dates[t.timex].span.start < sentence.start);
        let last = ties.partition_point(|t| ctx.dates[t.timex].span.start < sentence.end);
        let in_sentence: Vec<_> = ties[first..last]
            .iter()
            .copied()
            .filter(|t| sentence.contains_span(ctx.dates[t.timex].span))
            .collect();
        // The explicit single days of each event and aspect here, in text order, with the
        // first one whose weekday differs from the first's: then the first explicit day a
        // weekday disagrees with is found at once, and a weekday is reported once (against
        // that day) however many dates a run-on sentence ties to the event.
        let mut explicit_days: HashMap<(EventRef, Aspect), ExplicitDays<'_>> = HashMap::default();
        for b in &in_sentence {
            let explicit = &ctx.dates[b.timex];
            let Some((day, last)) = explicit.interval.filter(|_| is_checkable_date(explicit)) else {
                continue;
            };
            if day != last || explicit.derivation == Derivation::Weekday {
                continue;
            }
            let (days, differing) = explicit_days.entry((b.event, b.aspect)).or_default();
            if differing.is_none() && days.first().is_some_and(|(_, first)| first.weekday() != day.weekday())
            {
                *differing = Some(days.len());
            }
            days.push((explicit, day));
        }
        for a in &in_sentence {
            let weekday = &ctx.dates[a.timex];
            if weekday.derivation != Derivation::Weekday {
                continue;
            }
            let Some(written) = weekday.weekday else { continue };
            let Some((days, differing)) = explicit_days.get(&(a.event, a.aspect)) else { continue };
            let disagreeing = match days.first() {
                Some(&(_, first)) if first.weekday() != written => days.first(),
                _ => differing.and_then(|i| days.get(i)),
            };
            let Some(&(explicit, day)) = disagreeing else { continue };
            let message = format!(
                "`{}` and `{}` date the same event, but {day} was a {}",
                one_line(&ctx.text[weekday.span.range()]),
                one_line(&ctx.text[explicit.span.range()]),
                weekday_name(day.weekday())
            );
            out.push(Finding::new(&RULE, ctx.file, weekday.span, message).with_related(
                ctx.file,
                explicit.span,
                "the explicit date",
            ));
        }
    }
}
