//! ## What it finds
//! A name annotated with different types across one collection: `Ankara` as `GPE` in twelve
//! documents and as `ORG` in one. Each annotation of a less used type is reported, with the
//! counts of every type, so the outlier stands out; when no type is the most used, every
//! annotation of the name is reported. A span annotated with two types at once (nested
//! schemes such as NEREL do this on purpose) counts as one use of both types together.
//!
//! Annotations whose references name different entities (different `N` lines, WebAnno or
//! CoNLL-U identities: Prince Charles and Charles County) are not compared; those without a
//! reference are compared with each other. Types `annotation.conf` does not declare are left
//! to `annotation/undeclared-type`. Only names are compared: strings starting with an
//! upper-case letter whose first word the collection does not also annotate in lower case (a
//! sentence-initial `It` or `The report` is no name where `it` or `the ...` is annotated). A
//! collection is the annotation files of one folder; for brat, of the folder holding their
//! `annotation.conf`.
//!
//! ## Why it matters
//! Inconsistent types are the most common annotation error and the hardest to see one
//! document at a time; a model trained on the collection learns the noise. Sometimes both
//! readings are right (a capital standing for its government): the counts help decide.
//!
//! ## Example
//! ```text
//! a.ann:  T1⇥GPE 0 6⇥Ankara
//! b.ann:  T4⇥GPE 31 37⇥Ankara
//! c.ann:  T2⇥ORG 12 18⇥Ankara
//! ```
//!
//! ## Instead
//! ```text
//! c.ann:  T2⇥GPE 12 18⇥Ankara
//! ```
//!
//! ## Fix
//! None offered: the type used less often is not always the wrong one.
//!
//! ## Options
//! None.

use std::borrow::Cow;

use rustc_hash::FxHashMap as HashMap;

use crate::checks::{CollectionCtx, Finding, FixOffer, Pass, Rule, Severity, one_line};
use crate::mentions::annotated::normalize;
use crate::span::Span;

pub static RULE: Rule = Rule {
    code: "annotation/inconsistent-type",
    summary: "one name is annotated with different types across a collection",
    severity: Severity::Warning,
    fix: FixOffer::None,
    pass: Pass::Collection(run),
    source: include_str!("inconsistent_type.rs"),
};

/// One annotated extent of one document: its types, and where it is.
struct Use<'a> {
    /// The types, sorted and deduplicated: `GPE`, or `GPE` and `ORGANIZATION`.
    reading: Vec<&'a str>,
    document: usize,
    def_span: Span,
    first_fragment: Span,
}

/// A name as written, with the (normalized) reference it carries, if any.
type NameKey<'a> = (Cow<'a, str>, Option<(String, String)>);

fn run(ctx: &CollectionCtx<'_>, out: &mut Vec<Finding>) {
    // Per name and what it refers to: two entities sharing a name are not one name typed
    // two ways (Charles the prince, Charles County).
    let mut uses: HashMap<NameKey<'_>, Vec<Use<'_>>> = HashMap::default();
    let mut lower = super::LowerCaseWords::default();
    for (d, document) in ctx.documents.iter().enumerate() {
        let text = document.doc.text();
        // Annotations of one extent in one document make one use.
        let mut by_extent: HashMap<&[Span], usize> = HashMap::default();
        let mut extents: Vec<(NameKey<'_>, Use<'_>)> = Vec::new();
        for span in document.doc.spans() {
            // What the annotator recorded (also right where the offsets went stale).
            if span.fragments.iter().any(|f| text.get(f.range()).is_none()) {
                continue;
            }
            // A type `annotation.conf` does not declare is `undeclared-type`'s to report.
            if document.conf.is_some_and(|c| !c.is_entity_type(&span.label) && !c.is_event_type(&span.label))
            {
                continue;
            }
            if !super::is_name_like(span.recorded_text.trim()) {
                lower.add(&span.recorded_text);
                continue;
            }
            let written = on_one_line(&span.recorded_text);
            let at = *by_extent.entry(span.fragments.as_slice()).or_insert_with(|| {
                let first_fragment = span.fragments.first().copied().unwrap_or_default();
                let one = Use { reading: Vec::new(), document: d, def_span: span.def_span, first_fragment };
                let referent = span.kb_refs.iter().find(|r| !r.is_nil()).map(|r| normalize(&r.kb, &r.id));
                extents.push(((written, referent), one));
                extents.len() - 1
            });
            extents[at].1.reading.push(span.label.as_str());
        }
        for (written, mut one) in extents {
            one.reading.sort_unstable();
            one.reading.dedup();
            uses.entry(written).or_default().push(one);
        }
    }
    for ((written, _), uses) in &uses {
        // Most names are annotated one way: nothing to count.
        if uses.iter().all(|u| u.reading == uses[0].reading) || lower.common(written) {
            continue;
        }
        let mut counts: Vec<(&[&str], usize)> = Vec::new();
        for one in uses {
            match counts.iter_mut().find(|(r, _)| *r == one.reading.as_slice()) {
                Some((_, n)) => *n += 1,
                None => counts.push((&one.reading, 1)),
            }
        }
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let most = counts[0].1;
        let leaders: Vec<&[&str]> = counts.iter().filter(|(_, n)| *n == most).map(|(r, _)| *r).collect();
        let tally = counts.iter().map(|(r, n)| format!("{} {n}", show(r))).collect::<Vec<_>>().join(", ");
        for one in uses {
            let message = match leaders.as_slice() {
                [leader] if *leader == one.reading.as_slice() => continue,
                [leader] => format!(
                    "`{written}` is annotated {} here but {} {} in this collection ({tally})",
                    show(&one.reading),
                    show(leader),
                    times(most)
                ),
                _ => format!(
                    "`{written}` is annotated {} here, and with other types as often elsewhere in this collection ({tally}): pick one",
                    show(&one.reading)
                ),
            };
            let document = &ctx.documents[one.document];
            let at = super::type_field(document.source, document.format, one.def_span);
            let mut finding = Finding::new(&RULE, document.file, at, message);
            let others =
                uses.iter().filter(|u| u.reading != one.reading && leaders.contains(&u.reading.as_slice()));
            for other in others.take(3) {
                let there = &ctx.documents[other.document];
                // Where the offsets are off, the place would mislead.
                if there.offsets_hold
                    && let Some(span) = there.text_span(other.first_fragment)
                {
                    finding = finding.with_related(
                        there.text_file,
                        span,
                        format!("annotated {} here", show(&other.reading)),
                    );
                }
            }
            out.push(finding);
        }
    }
}

/// `text` with its whitespace runs as single spaces, borrowed when it already is.
fn on_one_line(text: &str) -> Cow<'_, str> {
    let text = text.trim();
    let regular = !text.contains(|c: char| c.is_whitespace() && c != ' ') && !text.contains("  ");
    if regular { Cow::Borrowed(text) } else { Cow::Owned(one_line(text)) }
}

/// `` `GPE` `` or `` `GPE` and `ORGANIZATION` ``.
fn show(reading: &[&str]) -> String {
    reading.iter().map(|l| format!("`{l}`")).collect::<Vec<_>>().join(" and ")
}

fn times(n: usize) -> String {
    if n == 1 { "once".to_owned() } else { format!("{n} times") }
}
