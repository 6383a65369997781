//! ## What it finds
//! A KB file that is not valid TOML.
//!
//! ## Why it matters
//! dateline keeps the entities it could read before and after the error, but anything the
//! error swallowed is missing: mentions of those entities are not found.
//!
//! ## Example
//! ```toml
//! [[entity]
//! id = "hulusi-akar"
//! ```
//!
//! ## Instead
//! ```toml
//! [[entity]]
//! id = "hulusi-akar"
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
    code: "kb/syntax-error",
    summary: "a KB file is not valid TOML",
    severity: Severity::Error,
    fix: FixOffer::None,
    pass: Pass::Kb(run),
    source: include_str!("syntax_error.rs"),
};

fn run(ctx: &KbCtx<'_>, out: &mut Vec<Finding>) {
    for problem in ctx.kb.problems() {
        if let KbProblemKind::Syntax { message } = &problem.kind {
            out.push(Finding::new(&RULE, problem.file, problem.span, format!("invalid TOML: {message}")));
        }
    }
}
