//! ## What it finds
//! A name, alias or variant that two KB entities share, such as the alias `Aliyev` on both
//! Ilham Aliyev and Heydar Aliyev.
//!
//! ## Why it matters
//! A mention written that way cannot be attributed to either entity, so it gets no hover,
//! no references and no checks. Sometimes that is the truth (a surname alone *is*
//! ambiguous); then it is worth knowing that every bare `Aliyev` in the corpus is invisible.
//!
//! ## Example
//! ```toml
//! [[entity]]
//! id = "ilham-aliyev"
//! aliases = ["Aliyev"]
//!
//! [[entity]]
//! id = "heydar-aliyev"
//! aliases = ["Aliyev"]
//! ```
//!
//! ## Instead
//! Keep the shared form on the entity most articles mean, or on neither and link the
//! mentions explicitly: `[Aliyev](kb:ilham-aliyev)`.
//!
//! ## Fix
//! None offered.
//!
//! ## Options
//! None.

use crate::checks::{Finding, FixOffer, KbCtx, Pass, Rule, Severity};
use crate::kb::KbProblemKind;

pub static RULE: Rule = Rule {
    code: "kb/ambiguous-alias",
    summary: "two KB entities share a written form",
    severity: Severity::Warning,
    fix: FixOffer::None,
    pass: Pass::Kb(run),
    source: include_str!("ambiguous_alias.rs"),
};

fn run(ctx: &KbCtx<'_>, out: &mut Vec<Finding>) {
    for problem in ctx.kb.problems() {
        let KbProblemKind::AmbiguousForm { form, entity, other, other_span } = &problem.kind else {
            continue;
        };
        let (this, that) = (&ctx.kb.entity(*entity).key, &ctx.kb.entity(*other).key);
        let message = format!(
            "`{form}` belongs to both `{that}` and `{this}`: mentions written this way are attributed to neither"
        );
        let finding = Finding::new(&RULE, problem.file, problem.span, message).with_related(
            other_span.0,
            other_span.1,
            format!("also a form of `{that}`"),
        );
        out.push(finding);
    }
}
