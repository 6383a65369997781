//! ## What it finds
//! An anniversary of a KB event that the calendar does not allow: "Today marks the third
//! anniversary of the Shusha Declaration" in 2023, when the declaration of 2021 turns two.
//!
//! The Nth anniversary of an event falls N years after it. The article's date (or a date
//! written in the same sentence, "next June marks ...") must be within half a year of it,
//! so that previews and looks back stay silent.
//!
//! ## Why it matters
//! An anniversary count is arithmetic readers can do; when it is wrong, the event's year in
//! the writer's head was wrong, and so may be other dates in the piece.
//!
//! ## Example
//! ```markdown
//! ---
//! date: 2023-06-15
//! ---
//! Today marks the third anniversary of the Shusha Declaration.
//! ```
//!
//! ## Instead
//! ```markdown
//! Today marks the second anniversary of the Shusha Declaration.
//! ```
//!
//! ## Fix
//! None: the count, the event or the article's date may be wrong.
//!
//! ## Options
//! Needs the event's date in the KB and a publication date or a date in the sentence.

use jiff::civil::Date;

use crate::checks::{ArticleCtx, Finding, FixOffer, Pass, Rule, Severity, one_line};
use crate::dates::{Precision, Resolution, ordinal};
use crate::kb::EntityKind;
use crate::span::Span;

pub static RULE: Rule = Rule {
    code: "date/anniversary-mismatch",
    summary: "the Nth anniversary of a KB event is not N years after it",
    severity: Severity::Warning,
    fix: FixOffer::None,
    pass: Pass::Article(run),
    source: include_str!("anniversary_mismatch.rs"),
};

/// How far the article's date may be from the anniversary: previews and looks back.
const HALF_A_YEAR: i32 = 183;

fn run(ctx: &ArticleCtx<'_>, out: &mut Vec<Finding>) {
    for mention in &ctx.mentions.mentions {
        let event = ctx.kb.entity(mention.entity);
        if event.kind != EntityKind::Event {
            continue;
        }
        // A year alone cannot say which side of the anniversary a day is on.
        let Some(when) = event.when.filter(|w| w.from.precision() != Precision::Year) else { continue };
        let Some((count, phrase)) = anniversary_before(ctx.text, mention.span) else { continue };
        let Some(when_said) = date_of_sentence(ctx, mention.span) else { continue };
        let held = when.from.first_day();
        let Ok(due) = held.checked_add(jiff::Span::new().years(count)) else { continue };
        let apart = (when_said - due).get_days().abs();
        if apart <= HALF_A_YEAR {
            continue;
        }
        let years = i32::from(when_said.year()) - i32::from(held.year());
        let message = format!(
            "`{}`: {} was on {held} by the KB, so {when_said} is near its {}, not its {count}{}",
            one_line(&ctx.text[phrase.range()]),
            event.name.text,
            with_suffix(years),
            suffix(count)
        );
        out.push(Finding::new(&RULE, ctx.file, phrase, message).with_related(
            event.origin.file,
            when.span,
            format!("the KB dates {} {}", event.name.text, when.from),
        ));
    }
}

/// "the third anniversary of (the) " right before `at`: the count and the span from the
/// ordinal to the event's name.
fn anniversary_before(text: &str, at: Span) -> Option<(i64, Span)> {
    let before = text.get(..at.start as usize)?;
    let before = before.strip_suffix("the ").unwrap_or(before);
    let before = before.strip_suffix("of ")?;
    let before = before.trim_end();
    let rest = before.strip_suffix("anniversary").or_else(|| before.strip_suffix("Anniversary"))?;
    let rest = rest.trim_end();
    let start = rest.rfind(char::is_whitespace).map_or(0, |i| i + 1);
    let n = ordinal(&rest[start..])?;
    (n > 0).then_some((i64::from(n), Span::new(start, at.end as usize)))
}

/// The day the sentence holding `at` speaks of: the article's date when the sentence
/// writes none, the day it writes when that is its only date expression; `None` when it
/// writes a month, a year or several dates (which one the anniversary is cannot be told).
fn date_of_sentence(ctx: &ArticleCtx<'_>, at: Span) -> Option<Date> {
    let sentence = ctx.sentences.iter().find(|s| s.start <= at.start && at.start < s.end)?;
    let mut dates = ctx.dates.iter().filter(|t| sentence.contains_span(t.span) && t.interval.is_some());
    match (dates.next(), dates.next()) {
        (None, _) => ctx.article.date().map(|d| d.first_day()),
        (Some(one), None) => match one.interval {
            Some((first, last)) if first == last && one.resolution != Resolution::Unresolved => Some(first),
            _ => None,
        },
        _ => None,
    }
}

fn suffix(n: i64) -> &'static str {
    match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

fn with_suffix(n: i32) -> String {
    format!("{n}{}", suffix(i64::from(n)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_count_before_an_event() {
        let text = "Today marks the third anniversary of the Shusha Declaration.";
        let at = Span::new(text.find("Shusha").unwrap(), text.find('.').unwrap());
        let (n, span) = anniversary_before(text, at).unwrap();
        assert_eq!((n, &text[span.range()]), (3, "third anniversary of the Shusha Declaration"));
        let text = "its 105th anniversary of Shusha";
        assert_eq!(anniversary_before(text, Span::new(25, 31)).map(|(n, _)| n), Some(105));
        assert_eq!(anniversary_before("the talks of Shusha", Span::new(13, 19)), None);
        assert_eq!((suffix(1), suffix(12), suffix(22), suffix(103)), ("st", "th", "nd", "rd"));
    }
}
