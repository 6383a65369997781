//! ## What it finds
//! An annotation's KB reference `kb:<id>` (a brat `N` line, a WebAnno identifier feature, a
//! CoNLL-U `identity`) naming an id the knowledge base does not have. References into other
//! knowledge bases (`Wikidata:Q123`) are links to the KB only when an entity lists them in
//! its `xrefs`; one that none lists is not an error (the KB need not cover everything).
//!
//! ## Why it matters
//! The annotator meant to pin the span to one entity; with a wrong id it is pinned to
//! nothing, and the span is missing from that entity's references, hovers and counts.
//!
//! ## Example
//! ```text
//! N1⇥Reference T1 kb:hulusi-akr⇥Hulusi Akar
//! ```
//!
//! ## Instead
//! ```text
//! N1⇥Reference T1 kb:hulusi-akar⇥Hulusi Akar
//! ```
//!
//! ## Fix
//! When a known id is close to the written one, replacing it is offered; not applied
//! unattended (`--unsafe-fixes`), since a close id may still be another entity.
//!
//! ## Options
//! None.

use crate::checks::{AnnotationCtx, Applicability, Finding, Fix, FixOffer, Pass, Rule, Severity};
use crate::formats::{FileRole, KbRef};
use crate::mentions::annotated::KB_PREFIX;
use crate::span::Span;

pub static RULE: Rule = Rule {
    code: "annotation/unknown-kb-id",
    summary: "an annotation links to a `kb:` id the knowledge base does not have",
    severity: Severity::Error,
    fix: FixOffer::Unsafe,
    pass: Pass::Annotation(run),
    source: include_str!("unknown_kb_id.rs"),
};

fn run(ctx: &AnnotationCtx<'_>, out: &mut Vec<Finding>) {
    // brat: every `N` line, whatever it normalizes; other formats: the spans' references.
    let Some(doc) = ctx.doc else { return };
    for KbRef { kb, id, span, .. } in doc.kb_references() {
        if !kb.eq_ignore_ascii_case(KB_PREFIX) || ctx.kb.lookup(&id).is_some() {
            continue;
        }
        let Some((file, span)) = ctx.locate(FileRole::Annotation, span) else { continue };
        let mut finding =
            Finding::new(&RULE, file, span, format!("unknown KB id `{id}` in a `{kb}:` reference"));
        if let Some(key) = ctx.kb.suggest_key(&id) {
            finding.message.push_str(&format!(" (did you mean `{key}`?)"));
            // The id ends the reference as brat writes it (`kb:hulusi-akr`); in a WebAnno
            // cell it may be followed by a span id, and then no fix is offered.
            let id_span = Span::new(span.end as usize - id.len().min(span.len()), span.end as usize);
            if file == ctx.file && ctx.source.get(id_span.range()) == Some(id.as_str()) {
                finding = finding.with_fix(Fix::replace(
                    format!("Replace with `{key}`"),
                    file,
                    id_span,
                    key,
                    Applicability::Unsafe,
                ));
            }
        }
        out.push(finding);
    }
}
