//! ## What it finds
//! A date tied to a KB event that contradicts the KB: "the Second Karabakh War broke out on
//! Sept. 27, 2021" when the KB says it began on 2020-09-27. When the day and month are the
//! KB's and only the year differs, the message says it is likely a typo and a fix offers
//! the KB's year.
//!
//! A date is tied to an event by the sentence's structure (see `dates/ties.rs`): the date
//! follows or precedes the event's name in the same clause, or a verb links them ("broke
//! out", "ended", "was signed"). A date that only sits in the same sentence ("On September
//! 27, Aliyev said that the Shusha Declaration ...") is not tied. Through a generic noun
//! ("new clashes erupted on ...") near a named event, only the unmistakable typo case is
//! reported.
//!
//! ## Why it matters
//! A wrong year on a well-known event is the kind of error readers notice and quote, and it
//! usually hides in copy that was edited in a hurry.
//!
//! ## Example
//! ```markdown
//! The Second Karabakh War broke out on Sept. 27, 2021.
//! ```
//!
//! ## Instead
//! ```markdown
//! The Second Karabakh War broke out on Sept. 27, 2020.
//! ```
//!
//! ## Fix
//! For a likely typo (same day and month, another year): replace the year with the KB's.
//! Not applied unattended (`--unsafe-fixes`): the KB may be the one that is wrong.
//!
//! ## Options
//! The KB event needs `date` or `from`/`to`.

use crate::checks::{Applicability, ArticleCtx, Finding, Fix, FixOffer, Pass, Rule, Severity, one_line};
use crate::dates::Derivation;
use crate::span::Span;
use crate::ties::{Aspect, Strength};
use jiff::civil::Date;

use super::{aspect_verb, kb_days, kb_when, overlaps, show_days};

pub static RULE: Rule = Rule {
    code: "date/event-mismatch",
    summary: "a date tied to a KB event contradicts the KB",
    severity: Severity::Error,
    fix: FixOffer::Unsafe,
    pass: Pass::Article(run),
    source: include_str!("event_mismatch.rs"),
};

fn run(ctx: &ArticleCtx<'_>, out: &mut Vec<Finding>) {
    for tie in &ctx.ties.dates {
        let timex = &ctx.dates[tie.timex];
        let Some(written) = timex.interval else { continue };
        let Some(id) = tie.event.kb() else { continue }; // The KB knows nothing of it.
        let event = ctx.kb.entity(id);
        let Some(when) = event.when else { continue };
        let expected = kb_days(when, tie.aspect);
        // "on November 10 the ceasefire statement was signed", a year after: a date without
        // a year that names a known event is in that event's year, whatever the
        // publication date suggests.
        let yearless = matches!(timex.derivation, Derivation::YearFromDct { .. });
        let written = if yearless {
            match in_the_events_year(written, expected) {
                Some(moved) => moved,
                None => continue,
            }
        } else {
            written
        };
        if overlaps(written, expected) {
            continue;
        }
        // An event late at night is the next day in another time zone: one day off with
        // no year written is no error.
        if yearless && days_apart(written, expected) <= 1 {
            continue;
        }
        // Same day and month in another year: almost certainly a typo for the KB's year.
        let typo = !yearless
            && written.0 == written.1
            && expected.0 == expected.1
            && written.0.month() == expected.0.month()
            && written.0.day() == expected.0.day();
        if tie.strength == Strength::Weak && !typo {
            continue;
        }
        let phrase = one_line(&ctx.text[timex.span.range()]);
        let reading = if yearless {
            format!("no year written; {} in the event's year", show_days(written))
        } else {
            show_days(written)
        };
        let verb = aspect_verb(tie.aspect);
        let mut message = format!(
            "{} {verb} on {} by the KB, but this date says `{phrase}` ({})",
            event.name.text,
            show_days(expected),
            reading
        );
        if tie.aspect == Aspect::Whole && expected.0 != expected.1 {
            message = format!(
                "{} took place {} by the KB, but this date says `{phrase}` ({})",
                event.name.text,
                show_days(expected),
                reading
            );
        }
        let mut finding = Finding::new(&RULE, ctx.file, timex.span, message.clone())
            .with_related(ctx.file, tie.via, format!("tied to {} here", event.name.text))
            .with_related(
                event.origin.file,
                when.span,
                format!("the KB dates {} {}", event.name.text, kb_when(event)),
            );
        if typo {
            let (year, right) = (written.0.year().to_string(), expected.0.year().to_string());
            finding.message = format!("{message}: the year looks like a typo for {right}");
            if let Some(at) = ctx.text[timex.span.range()].rfind(&year) {
                let start = timex.span.start as usize + at;
                let fix = Fix::replace(
                    format!("Change the year to {right}"),
                    ctx.file,
                    Span::new(start, start + year.len()),
                    right,
                    Applicability::Unsafe,
                );
                finding = finding.with_fix(fix);
            }
        }
        out.push(finding);
    }
}

/// `written` moved into the year of `expected` (or of its end, for an event across New
/// Year), whichever is nearer to it.
fn in_the_events_year(written: (Date, Date), expected: (Date, Date)) -> Option<(Date, Date)> {
    let shift = |year: i16| -> Option<(Date, Date)> {
        let by = i32::from(year) - i32::from(written.0.year());
        let move_one = |d: Date| d.checked_add(jiff::Span::new().years(by)).ok();
        Some((move_one(written.0)?, move_one(written.1)?))
    };
    let candidates = [shift(expected.0.year()), shift(expected.1.year())];
    candidates.into_iter().flatten().min_by_key(|&moved| days_apart(moved, expected))
}

/// Days between two intervals (0 when they overlap).
fn days_apart(a: (Date, Date), b: (Date, Date)) -> i64 {
    if overlaps(a, b) {
        return 0;
    }
    let gap = if a.1 < b.0 { b.0 - a.1 } else { a.0 - b.1 };
    i64::from(gap.get_days()).abs()
}
