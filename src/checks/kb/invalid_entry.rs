//! ## What it finds
//! A KB entry that is valid TOML but not a valid entity: a missing `id`, `kind` or `name`,
//! a field of the wrong type, an unknown key (often a typo such as `alias` for `aliases`),
//! an id that is not lowercase letters, digits and `-`, or an unknown `kind`.
//!
//! ## Why it matters
//! An entry with a missing or malformed required field is skipped, so its mentions are not
//! found; an unknown key is silently meaningless.
//!
//! ## Example
//! ```toml
//! [[entity]]
//! id = "hulusi-akar"
//! kind = "person"
//! name = "Hulusi Akar"
//! alias = ["Akar"]
//! ```
//!
//! ## Instead
//! ```toml
//! aliases = ["Akar"]
//! ```
//!
//! ## Fix
//! None offered.
//!
//! ## Options
//! None.

use crate::checks::{Finding, FixOffer, KbCtx, Pass, Rule, Severity};
use crate::kb::KbProblemKind;

pub static RULE: Rule = Rule {
    code: "kb/invalid-entry",
    summary: "a KB entry is not a valid entity",
    severity: Severity::Error,
    fix: FixOffer::None,
    pass: Pass::Kb(run),
    source: include_str!("invalid_entry.rs"),
};

fn run(ctx: &KbCtx<'_>, out: &mut Vec<Finding>) {
    for problem in ctx.kb.problems() {
        if let KbProblemKind::InvalidEntry { message } = &problem.kind {
            out.push(Finding::new(&RULE, problem.file, problem.span, message.clone()));
        }
    }
}
