//! ## What it finds
//! A brat `T` line whose offsets no longer select its recorded text while that text occurs
//! elsewhere in the `.txt`: the text was edited after it was annotated (words added or
//! removed above the span), or the offsets were shifted by a tool. The message says where
//! the recorded text is now. Annotations whose text no longer occurs at all are
//! `annotation/text-mismatch` (or `annotation/offset-out-of-range`).
//!
//! ## Why it matters
//! Every annotation after an edit points at the wrong words: the collection silently
//! teaches a model, or shows a reader, spans that do not exist.
//!
//! ## Example
//! ```text
//! Defence minister Hulusi Akar met ...     (the .txt, with "Defence minister " added)
//! T1⇥Person 0 11⇥Hulusi Akar              (the .ann, written before the edit)
//! ```
//!
//! ## Instead
//! ```text
//! T1⇥Person 17 28⇥Hulusi Akar
//! ```
//!
//! ## Fix
//! Re-anchors the annotation at its recorded text: annotations are placed in text order,
//! each at the occurrence of its text nearest to where the shift of the ones before it puts
//! it (discontinuous spans keep the distances between their fragments). In an editor,
//! "fix all" re-anchors the whole file. Not applied unattended (`--unsafe-fixes`): a name
//! that occurs twice may land on the other occurrence.
//!
//! ## Options
//! None.

use crate::checks::{AnnotationCtx, Applicability, Finding, Fix, Pass, Rule, Severity};
use std::collections::HashMap;

use crate::formats::brat::{CharSpan, RecordBody};
use crate::formats::offsets::{OffsetIndex, OffsetUnit};
use crate::formats::quote;
use crate::span::Span;

pub static RULE: Rule = Rule {
    code: "annotation/stale-offsets",
    summary: "a brat annotation's offsets miss its text, which now occurs elsewhere",
    severity: Severity::Warning,
    pass: Pass::Annotation(run),
    source: include_str!("stale_offsets.rs"),
};

fn run(ctx: &AnnotationCtx<'_>, out: &mut Vec<Finding>) {
    let (Some(doc), Some(brat)) = (ctx.doc, ctx.brat) else { return };
    if ctx.stale.is_empty() {
        return;
    }
    let txt = doc.text();
    let index = OffsetIndex::new(txt, OffsetUnit::CodePoint);
    let show = |spans: &[CharSpan]| spans.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(";");
    let recorded: HashMap<u32, &str> = brat
        .records()
        .iter()
        .filter_map(|r| match &r.body {
            RecordBody::TextBound(tb) => Some((r.line.start, tb.text.as_ref()?.value.trim_end())),
            _ => None,
        })
        .collect();
    for anchor in ctx.stale {
        let (Some(new), Some(field)) = (&anchor.new, anchor.offsets_field()) else { continue };
        let recorded = recorded.get(&anchor.line.start).copied().unwrap_or_default();
        let message = format!(
            "{} at {} no longer selects its text {}, which is now at {}: the text changed after it was annotated",
            anchor.id,
            show(&anchor.old),
            quote(recorded),
            show(new),
        );
        let mut finding = Finding::new(&RULE, ctx.file, anchor.offsets_span, message);
        if let Some(text_file) = ctx.text_file {
            for piece in new {
                if let (Ok(start), Ok(end)) =
                    (index.byte_offset(txt, piece.start), index.byte_offset(txt, piece.end))
                {
                    finding = finding.with_related(
                        text_file,
                        Span::new(start, end),
                        "the recorded text is here now",
                    );
                }
            }
        }
        let fix = Fix::replace(
            format!("Re-anchor {} at {}", anchor.id, show(new)),
            ctx.file,
            anchor.offsets_span,
            field,
            Applicability::Unsafe,
        );
        out.push(finding.with_fix(fix));
    }
}
