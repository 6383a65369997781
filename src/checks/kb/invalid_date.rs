//! ## What it finds
//! A date in the KB (an event's `date`, `from` or `to`, a role's `from` or `to`) that is not
//! a calendar date, or a span that ends before it starts.
//!
//! ## Why it matters
//! Event dates are what date checks compare articles against, and role dates decide which
//! title a person held. A bad date is dropped, so those checks go quiet for that entity.
//!
//! ## Example
//! ```toml
//! [[entity.role]]
//! title = "Minister of National Defence"
//! from = "2018-07-32"
//! ```
//!
//! ## Instead
//! `from = "2018-07-10"`. Partial dates are fine when that is all that is known: `"2018-07"`,
//! `"2018"`.
//!
//! ## Fix
//! None offered.
//!
//! ## Options
//! None.

use crate::checks::{Finding, FixOffer, KbCtx, Pass, Rule, Severity};
use crate::kb::KbProblemKind;

pub static RULE: Rule = Rule {
    code: "kb/invalid-date",
    summary: "a KB date is not a valid date, or a span ends before it starts",
    severity: Severity::Error,
    fix: FixOffer::None,
    pass: Pass::Kb(run),
    source: include_str!("invalid_date.rs"),
};

fn run(ctx: &KbCtx<'_>, out: &mut Vec<Finding>) {
    for problem in ctx.kb.problems() {
        if let KbProblemKind::InvalidDate { field, message } = &problem.kind {
            out.push(Finding::new(
                &RULE,
                problem.file,
                problem.span,
                format!("invalid `{field}`: {message}"),
            ));
        }
    }
}
