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

use crate::checks::{Applicability, ArticleCtx, Finding, Fix, Pass, Rule, Severity, one_line};
use crate::dates::ties::{Aspect, Strength};
use crate::span::Span;

use super::{aspect_verb, kb_days, kb_when, overlaps, show_days};

pub static RULE: Rule = Rule {
    code: "date/event-mismatch",
    summary: "a date tied to a KB event contradicts the KB",
    severity: Severity::Error,
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
        if overlaps(written, expected) {
            continue;
        }
        // Same day and month in another year: almost certainly a typo for the KB's year.
        let typo = written.0 == written.1
            && expected.0 == expected.1
            && written.0.month() == expected.0.month()
            && written.0.day() == expected.0.day();
        if tie.strength == Strength::Weak && !typo {
            continue;
        }
        let phrase = one_line(&ctx.text[timex.span.range()]);
        let verb = aspect_verb(tie.aspect);
        let mut message = format!(
            "{} {verb} on {} by the KB, but this date says `{phrase}` ({})",
            event.name.text,
            show_days(expected),
            show_days(written)
        );
        if tie.aspect == Aspect::Whole && expected.0 != expected.1 {
            message = format!(
                "{} took place {} by the KB, but this date says `{phrase}` ({})",
                event.name.text,
                show_days(expected),
                show_days(written)
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
