//! ## What it finds
//! A role whose `of` names an id the KB does not have.
//!
//! ## Why it matters
//! `of` says whose chief or minister the person was. With an unknown id, hovers cannot say
//! it and title checks cannot tell two countries' ministers apart.
//!
//! ## Example
//! ```toml
//! [[entity.role]]
//! title = "Minister of Defense"
//! of = "azerbaijn"
//! ```
//!
//! ## Instead
//! `of = "azerbaijan"`, and an `[[entity]]` with that id.
//!
//! ## Fix
//! When a known id is close, replacing it is offered (not applied unattended).
//!
//! ## Options
//! None.

use crate::checks::{Applicability, Finding, Fix, FixOffer, KbCtx, Pass, Rule, Severity};
use crate::kb::KbProblemKind;

pub static RULE: Rule = Rule {
    code: "kb/unknown-reference",
    summary: "a role refers to an id the KB does not have",
    severity: Severity::Error,
    fix: FixOffer::Unsafe,
    pass: Pass::Kb(run),
    source: include_str!("unknown_reference.rs"),
};

fn run(ctx: &KbCtx<'_>, out: &mut Vec<Finding>) {
    for problem in ctx.kb.problems() {
        let KbProblemKind::UnknownReference { key, suggestion } = &problem.kind else {
            continue;
        };
        let mut finding =
            Finding::new(&RULE, problem.file, problem.span, format!("unknown KB id `{key}` in `of`"));
        if let Some(suggestion) = suggestion {
            finding.message.push_str(&format!(" (did you mean `{suggestion}`?)"));
            let fix = Fix::replace(
                format!("Replace with `{suggestion}`"),
                problem.file,
                problem.span,
                format!("\"{suggestion}\""),
                Applicability::Unsafe,
            );
            finding = finding.with_fix(fix);
        }
        out.push(finding);
    }
}
