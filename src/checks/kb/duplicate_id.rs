//! ## What it finds
//! Two KB entries with the same `id`.
//!
//! ## Why it matters
//! Ids are how `kb:` links and roles refer to entities. dateline keeps the first entry and
//! ignores the second, so whatever the second says is lost.
//!
//! ## Example
//! ```toml
//! [[entity]]
//! id = "aliyev"
//! name = "Ilham Aliyev"
//!
//! [[entity]]
//! id = "aliyev"
//! name = "Heydar Aliyev"
//! ```
//!
//! ## Instead
//! Give each entity its own id: `ilham-aliyev`, `heydar-aliyev`.
//!
//! ## Fix
//! None offered.
//!
//! ## Options
//! None.

use crate::checks::{Finding, FixOffer, KbCtx, Pass, Rule, Severity};
use crate::kb::KbProblemKind;

pub static RULE: Rule = Rule {
    code: "kb/duplicate-id",
    summary: "two KB entries share an id",
    severity: Severity::Error,
    fix: FixOffer::None,
    pass: Pass::Kb(run),
    source: include_str!("duplicate_id.rs"),
};

fn run(ctx: &KbCtx<'_>, out: &mut Vec<Finding>) {
    for problem in ctx.kb.problems() {
        if let KbProblemKind::DuplicateId { key, first } = &problem.kind {
            let message = format!("duplicate KB id `{key}`: this entry is ignored");
            let finding = Finding::new(&RULE, problem.file, problem.span, message).with_related(
                first.0,
                first.1,
                format!("`{key}` first defined here"),
            );
            out.push(finding);
        }
    }
}
