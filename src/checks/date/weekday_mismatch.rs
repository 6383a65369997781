//! ## What it finds
//! A weekday that does not match its date: "Tuesday, Nov. 17, 2021" when that day was a
//! Wednesday; or, in one sentence about one event, an "on Tuesday" and an explicit date
//! that fall on different days ("the exercise opened on Tuesday ... on October 6"); or a
//! weekday beside a date ("Wednesday (30 August)"). In an article without a publication
//! date, a date without a year is placed in the one year every fully written date of the
//! article agrees on, and the message says so; when they disagree, nothing is said.
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

use crate::checks::{Applicability, ArticleCtx, Finding, Fix, FixOffer, Pass, Rule, Severity, one_line};
use rustc_hash::FxHashMap as HashMap;

use crate::dates::weekday_name;
use crate::dates::{Derivation, Resolution, Timex, TimexKind};
use crate::span::Span;
use crate::ties::is_checkable_date;
use crate::ties::{Aspect, EventRef};
use jiff::civil::Date;

pub static RULE: Rule = Rule {
    code: "date/weekday-mismatch",
    summary: "a weekday does not match its date",
    severity: Severity::Error,
    fix: FixOffer::Unsafe,
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
    weekday_beside_a_date(ctx, out);
    same_event_in_one_sentence(ctx, out);
}

/// "Wednesday (30 August)", "Wednesday, 30 August": a weekday written beside a date names
/// that day. A date without a year takes the publication date's year (the tagger's
/// reading); in an undated article, the one year every date written with its year agrees
/// on, if there is one, and the message says the year was inferred.
fn weekday_beside_a_date(ctx: &ArticleCtx<'_>, out: &mut Vec<Finding>) {
    let undated_year = if ctx.article.date().is_none() { the_articles_year(ctx) } else { None };
    let mut dates: Vec<&Timex> = ctx.dates.iter().collect();
    dates.sort_by_key(|t| t.span);
    for pair in dates.windows(2) {
        let [weekday, date] = pair else { continue };
        // A weekday alone: resolved from the publication date, or waiting for one.
        let alone = weekday.derivation == Derivation::Weekday
            || (weekday.resolution == Resolution::Unresolved && weekday.value.starts_with("XXXX-WXX-"));
        let Some(written) = weekday.weekday.filter(|_| alone) else { continue };
        let gap = ctx.text.get(weekday.span.end as usize..date.span.start as usize).unwrap_or("");
        if !matches!(gap, " (" | ", " | " ") || !matches!(date.kind, TimexKind::Date) {
            continue;
        }
        let (day, inferred) = match (date.interval, undated_year) {
            (Some((first, last)), _) if first == last => (first, None),
            (None, Some((year, witness))) => match month_day(&date.value) {
                Some((month, day)) => match Date::new(year, month, day) {
                    Ok(day) => (day, Some((year, witness))),
                    Err(_) => continue,
                },
                None => continue,
            },
            _ => continue,
        };
        if day.weekday() == written {
            continue;
        }
        // "Wednesday (30 August)" is shown and marked with its closing parenthesis.
        let closing = usize::from(gap == " (" && ctx.text[date.span.end as usize..].starts_with(')'));
        let span = Span::new(weekday.span.start as usize, date.span.end as usize + closing);
        let phrase = &ctx.text[span.range()];
        let actual = weekday_name(day.weekday());
        let mut finding = match &inferred {
            None => Finding::new(
                &RULE,
                ctx.file,
                span,
                format!("`{}`: {day} was a {actual}, not a {}", one_line(phrase), weekday_name(written)),
            ),
            Some((year, witness)) => Finding::new(
                &RULE,
                ctx.file,
                span,
                format!(
                    "`{}`: in {year}, the year of every date this undated article writes in full, {} was a {actual}, not a {}",
                    one_line(phrase),
                    day.strftime("%-d %B"),
                    weekday_name(written)
                ),
            )
            .with_related(ctx.file, *witness, format!("a date of {year}")),
        };
        // The fix writes the English name: only where the English name was written (a
        // Turkish `Salı günü` is not rewritten as "Monday").
        let written_as = ctx.text.get(weekday.span.range()).unwrap_or("");
        if written_as.eq_ignore_ascii_case(weekday_name(written)) {
            finding = finding.with_fix(Fix::replace(
                format!("Write {actual}"),
                ctx.file,
                weekday.span,
                actual,
                Applicability::Unsafe,
            ));
        }
        out.push(finding);
    }
}

/// The one year all of an article's fully written dates fall in, with where the first is.
fn the_articles_year(ctx: &ArticleCtx<'_>) -> Option<(i16, Span)> {
    let mut found: Option<(i16, Span)> = None;
    for timex in ctx.dates {
        if timex.derivation != Derivation::Explicit || !matches!(timex.resolution, Resolution::Absolute) {
            continue;
        }
        let Some((first, last)) = timex.interval else { continue };
        if first.year() != last.year() || found.is_some_and(|(year, _)| year != first.year()) {
            return None;
        }
        found.get_or_insert((first.year(), timex.span));
    }
    found
}

/// Month and day of a TIMEX3 value without a year (`XXXX-08-30`).
fn month_day(value: &str) -> Option<(i8, i8)> {
    let rest = value.strip_prefix("XXXX-")?;
    let (month, day) = rest.split_once('-')?;
    Some((month.parse().ok()?, day.get(..2)?.parse().ok()?))
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
