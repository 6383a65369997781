//! ## What it finds
//! Start, end and length of one episode that cannot all be true: "a 44-day conflict" that
//! began on Sept. 27, 2021 and ended on Nov. 10, 2020; an end before its start; a range
//! written backwards ("from Nov. 10, 2020 to Sept. 27, 2021").
//!
//! An episode is a KB event with the dates and durations tied to it in one article (see
//! `date/event-mismatch` for what ties a date to an event). A length fits when the days
//! between start and end (both counted) lie within what it says, with the rounding its unit
//! allows: "six weeks" covers 39 to 45 days, "44 days" 43 to 45, "nearly 30 years" is
//! approximate.
//!
//! ## Why it matters
//! When the three disagree at least one is wrong, and a reader cannot tell which.
//!
//! ## Example
//! ```markdown
//! New clashes erupted on Sept. 27, 2021. During the 44-day conflict ... The fighting ended
//! on Nov. 10, 2020.
//! ```
//!
//! ## Instead
//! Make them agree: Sept. 27, 2020 to Nov. 10, 2020 is 45 days counting both ends, 44
//! counting one.
//!
//! ## Fix
//! None offered: which of the three is wrong cannot be known from the text.
//!
//! ## Options
//! None.

use std::collections::BTreeMap;

use jiff::civil::Date;

use crate::checks::{ArticleCtx, Finding, FixOffer, Pass, Rule, Severity, one_line};
use crate::dates::{Timex, Unit};
use crate::span::Span;
use crate::ties::Aspect;

pub static RULE: Rule = Rule {
    code: "date/interval-mismatch",
    summary: "start, end and length of one episode do not fit",
    severity: Severity::Warning,
    fix: FixOffer::None,
    pass: Pass::Article(run),
    source: include_str!("interval_mismatch.rs"),
};

struct Dated {
    span: Span,
    days: (Date, Date),
    /// The sentence it is in: start, end and length must be told close together (within
    /// three sentences) to be one telling of the episode.
    sentence: usize,
}

/// What one article says of one event: starts, ends, and lengths with their sentences.
type Episode<'a> = (Vec<Dated>, Vec<Dated>, Vec<(&'a Timex, usize)>);

/// How far apart (in sentences) the parts of one telling of an episode may be.
const WINDOW: usize = 3;

fn run(ctx: &ArticleCtx<'_>, out: &mut Vec<Finding>) {
    let before = out.len();
    backwards_ranges(ctx, out);
    let sentence_of = |span: Span| ctx.sentences.partition_point(|s| s.end <= span.start);
    let mut episodes: BTreeMap<_, Episode<'_>> = BTreeMap::new();
    for tie in &ctx.ties.dates {
        let timex = &ctx.dates[tie.timex];
        let Some(days) = timex.interval else { continue };
        let entry = episodes.entry(tie.event).or_default();
        let dated = Dated { span: timex.span, days, sentence: sentence_of(timex.span) };
        match tie.aspect {
            Aspect::Start => entry.0.push(dated),
            Aspect::End => entry.1.push(dated),
            Aspect::Whole => {}
        }
    }
    for tie in &ctx.ties.durations {
        let timex = &ctx.dates[tie.timex];
        episodes.entry(tie.event).or_default().2.push((timex, sentence_of(timex.span)));
    }
    for (event, (starts, mut ends, mut lengths)) in episodes {
        let name = event.name(ctx.kb, ctx.mentions, ctx.text);
        // In sentence order, so the parts within the window of a start are found by search
        // rather than by a scan of every end of the article.
        ends.sort_by_key(|e| e.sentence);
        lengths.sort_by_key(|(_, at)| *at);
        let within = |sentence: usize| sentence.saturating_sub(WINDOW)..=sentence.saturating_add(WINDOW);
        for start in &starts {
            let window = within(start.sentence);
            let first = ends.partition_point(|e| e.sentence < *window.start());
            let last = ends.partition_point(|e| e.sentence <= *window.end());
            for end in &ends[first..last] {
                if end.days.1 < start.days.0 {
                    let message = format!(
                        "{name} ends (`{}`, {}) before it starts (`{}`, {})",
                        one_line(&ctx.text[end.span.range()]),
                        end.days.1,
                        one_line(&ctx.text[start.span.range()]),
                        start.days.0
                    );
                    out.push(Finding::new(&RULE, ctx.file, start.span, message).with_related(
                        ctx.file,
                        end.span,
                        "the end it comes after",
                    ));
                    continue;
                }
                let close =
                    |at: usize| at.abs_diff(start.sentence) <= WINDOW && at.abs_diff(end.sentence) <= WINDOW;
                let first = lengths.partition_point(|(_, at)| *at < *window.start());
                let last = lengths.partition_point(|(_, at)| at <= window.end());
                for &(length, _) in lengths[first..last].iter().filter(|(_, at)| close(*at)) {
                    let Some((low, high)) = allowed_days(length) else { continue };
                    // Counting both ends or one: either reading may be meant.
                    let span_days = (end.days.1 - start.days.0).get_days() as f64;
                    let (shortest, longest) =
                        ((end.days.0 - start.days.1).get_days().max(0) as f64, span_days + 1.0);
                    if longest < low || shortest > high {
                        let message = format!(
                            "{name} is `{}` long here, but from `{}` to `{}` is {} days",
                            one_line(&ctx.text[length.span.range()]),
                            one_line(&ctx.text[start.span.range()]),
                            one_line(&ctx.text[end.span.range()]),
                            span_days as i64
                        );
                        out.push(
                            Finding::new(&RULE, ctx.file, length.span, message)
                                .with_related(ctx.file, start.span, "the start")
                                .with_related(ctx.file, end.span, "the end"),
                        );
                    }
                }
            }
        }
    }
    let mut mine = out.split_off(before);
    dedup(&mut mine);
    out.extend(mine);
}

/// Drops repeats: two tellings of one episode can pair the same dates twice.
fn dedup(found: &mut Vec<Finding>) {
    let mut seen = std::collections::HashSet::new();
    found.retain(|f| seen.insert((f.span, f.message.clone())));
}

/// The number of days a written length allows, rounding by its unit: "six weeks" is
/// 38.5..=45.5 days, "44 days" 43..=45.
fn allowed_days(length: &Timex) -> Option<(f64, f64)> {
    let duration = length.duration.as_ref()?;
    let (low, high) = duration.day_range()?;
    let amount = f64::from(duration.amount?);
    let per_unit = if amount > 0.0 { low / amount } else { 1.0 };
    let slack = match duration.unit {
        Unit::Day => 1.0,
        Unit::Hour | Unit::Minute | Unit::Second => 1.0,
        _ => per_unit / 2.0,
    };
    Some(((low - slack).max(0.0), high + slack))
}

/// "from Nov. 10, 2020 to Sept. 27, 2021" written the wrong way round.
fn backwards_ranges(ctx: &ArticleCtx<'_>, out: &mut Vec<Finding>) {
    for timex in ctx.dates {
        let Some(range) = &timex.range else { continue };
        let (Some(from), Some(to)) = (range.from.interval, range.to.interval) else { continue };
        if to.1 < from.0 {
            let message = format!(
                "`{}` ends ({}) before it starts ({})",
                one_line(&ctx.text[timex.span.range()]),
                to.1,
                from.0
            );
            out.push(Finding::new(&RULE, ctx.file, timex.span, message));
        }
    }
}
