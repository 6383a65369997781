//! Annotation integrity: brat standoff, WebAnno TSV 3 and CoNLL-U files whose annotations
//! are broken, point at the wrong text, or disagree with each other or with the KB.
//!
//! Most checks here report what the readers in `formats` found (each `ProblemKind` has its
//! check, with the same code); the reader words the message, the check file documents it.
//! `stale-offsets` and `unknown-kb-id` read facts the analysis adds (re-anchoring, KB
//! links), and `inconsistent-type` and `unannotated-mention` compare the documents of a
//! collection.

pub mod ann_without_text;
pub mod broken_span_id;
pub mod disagreement;
pub mod disallowed_overlap;
pub mod duplicate_id;
pub mod inconsistent_type;
pub mod invalid_reference;
pub mod inverted_span;
pub mod malformed_line;
pub mod offset_inside_character;
pub mod offset_out_of_range;
pub mod overlapping_fragments;
pub mod stale_offsets;
pub mod text_mismatch;
pub mod unannotated_mention;
pub mod unbalanced_bracket;
pub mod undeclared_type;
pub mod undeclared_value;
pub mod unknown_header;
pub mod unknown_kb_id;
pub mod unknown_reference;

use crate::checks::{AnnotationCtx, Finding, Rule};
use crate::formats::{Format, Problem, ProblemKind};
use crate::span::Span;

/// Reports every reader problem of `kind` as a finding of `rule`.
pub(super) fn report(
    ctx: &AnnotationCtx<'_>,
    kind: ProblemKind,
    rule: &'static Rule,
    out: &mut Vec<Finding>,
) {
    for problem in ctx.problems.iter().filter(|p| p.kind == kind) {
        if let Some(finding) = finding(ctx, problem, rule) {
            out.push(finding);
        }
    }
}

/// The finding for one reader problem: its message, at its place, with its related places.
pub(super) fn finding(ctx: &AnnotationCtx<'_>, problem: &Problem, rule: &'static Rule) -> Option<Finding> {
    let (file, span) = ctx.locate(problem.file, problem.span)?;
    let mut finding = Finding::new(rule, file, span, problem.message.clone());
    for related in &problem.related {
        if let Some((file, span)) = ctx.locate(related.file, related.span) {
            finding = finding.with_related(file, span, related.message.clone());
        }
    }
    Some(finding)
}

/// The `.ann` lines whose offsets went stale: `stale-offsets` reports their problems.
/// Sorted, so asking for each of 100,000 problems costs a binary search, not a scan.
pub(super) struct StaleLines(Vec<crate::span::Span>);

impl StaleLines {
    pub(super) fn new(ctx: &AnnotationCtx<'_>) -> StaleLines {
        let mut lines: Vec<_> = ctx.stale.iter().map(|anchor| anchor.line).collect();
        lines.sort_unstable();
        StaleLines(lines)
    }

    /// Whether `problem` is on a stale line (lines never overlap).
    pub(super) fn holds(&self, problem: &Problem) -> bool {
        let k = self.0.partition_point(|line| line.start <= problem.span.start);
        k > 0 && self.0[k - 1].contains_span(problem.span)
    }
}

/// Whether `text` reads as a name: it starts with an upper-case letter. Pronouns and common
/// nouns, which coreference corpora annotate too, are left to the curator.
pub(super) fn is_name_like(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.next().is_some()
}

/// The first words of the annotated strings that start in lower case, to tell a
/// sentence-initial common word (`It`, `The report`, `Today's announcement`) from a name: a
/// capitalized string whose first word the collection also annotates in lower case is not a
/// name.
#[derive(Default)]
pub(super) struct LowerCaseWords<'a> {
    words: rustc_hash::FxHashSet<&'a str>,
}

impl<'a> LowerCaseWords<'a> {
    /// Notes an annotated string that is not name-like.
    pub(super) fn add(&mut self, text: &'a str) {
        if let Some(word) = text.split_whitespace().next()
            && word.starts_with(char::is_lowercase)
        {
            self.words.insert(word);
        }
    }

    /// Whether the name-like `text` starts with a word annotated in lower case elsewhere.
    pub(super) fn common(&self, text: &str) -> bool {
        let first = text.split_whitespace().next().unwrap_or_default();
        let mut chars = first.chars();
        let Some(initial) = chars.next() else { return false };
        let lowered: String = initial.to_lowercase().chain(chars).collect();
        self.words.contains(lowered.as_str())
    }
}

/// Where an annotation's type is written: in a brat line, the word after the id; elsewhere
/// the field that defines the annotation.
pub(super) fn type_field(source: &str, format: Format, def_span: Span) -> Span {
    if format != Format::Brat {
        return def_span;
    }
    let Some(line) = source.get(def_span.range()) else { return def_span };
    let Some(tab) = line.find('\t') else { return def_span };
    let rest = &line[tab + 1..];
    let end = rest.find([' ', '\t']).unwrap_or(rest.len());
    let start = def_span.start as usize + tab + 1;
    Span::new(start, start + end)
}
