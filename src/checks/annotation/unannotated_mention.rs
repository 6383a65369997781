//! ## What it finds
//! In an annotated document (one with at least one annotation), a name left unannotated
//! that the collection annotates elsewhere, or that the KB knows:
//!
//! - a string annotated elsewhere in the collection more often than it is left
//!   unannotated (`Ankara` annotated five times, not here);
//! - a KB name, alias or variant (or a person's lone surname after their full name) in a
//!   brat `.txt`, when the collection annotates that kind of entity.
//!
//! Only whole words count, only where no annotation covers any of the text, and only in
//! documents whose annotations hold (in one with stale offsets they cover the wrong words).
//! Strings count as names as in `annotation/inconsistent-type`: an upper-case first letter,
//! and a first word the collection does not also annotate in lower case.
//!
//! ## Why it matters
//! A missed mention is a false negative the annotation teaches: models learn that `Ankara`
//! is sometimes not a place, and counts per entity come out low. Misses are the hardest
//! annotation errors to see, because there is nothing to look at.
//!
//! ## Example
//! ```text
//! Akar flew to Ankara.            (doc.txt)
//! T1⇥Person 0 4⇥Akar            (doc.ann; Ankara is a GPE in the other documents)
//! ```
//!
//! ## Instead
//! ```text
//! T1⇥Person 0 4⇥Akar
//! T2⇥GPE 13 19⇥Ankara
//! ```
//!
//! ## Fix
//! For brat, adds the `T` line (with the next free id), typed as the collection most often
//! types the string, or as it types that entity (or that kind of entity). Not applied
//! unattended (`--unsafe-fixes`): some occurrences are rightly unannotated.
//!
//! ## Options
//! None.

use std::collections::BTreeMap;

use aho_corasick::{AhoCorasick, MatchKind};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::checks::{
    Applicability, CollectionCtx, CollectionDoc, Edit, Finding, Fix, FixOffer, Pass, Rule, Severity,
};
use crate::corpus::FileId;
use crate::formats::NewAnnotation;
use crate::formats::brat_conf::Section;
use crate::kb::{EntityId, EntityKind};
use crate::span::Span;

pub static RULE: Rule = Rule {
    code: "annotation/unannotated-mention",
    summary: "a name annotated elsewhere in the collection, or known to the KB, is not annotated here",
    severity: Severity::Hint,
    fix: FixOffer::Unsafe,
    pass: Pass::Collection(run),
    source: include_str!("unannotated_mention.rs"),
};

/// What the collection does with one string.
#[derive(Default)]
struct Lexicon<'a> {
    /// Annotated uses (document, extent) per type.
    labels: BTreeMap<&'a str, usize>,
    annotated: usize,
    /// A few annotated places, to show.
    examples: Vec<(FileId, Span)>,
    /// Unannotated occurrences: (document index, span in its text).
    missed: Vec<(usize, Span)>,
}

fn run(ctx: &CollectionCtx<'_>, out: &mut Vec<Finding>) {
    // Annotated documents whose annotations hold (a stale one covers the wrong words).
    let annotated_docs: Vec<usize> = (0..ctx.documents.len())
        .filter(|&d| !ctx.documents[d].doc.spans().is_empty() && ctx.documents[d].offsets_hold)
        .collect();
    if annotated_docs.is_empty() {
        return;
    }
    let mut lexicon: HashMap<&str, Lexicon<'_>> = HashMap::default();
    let mut lower = super::LowerCaseWords::default();
    for document in &ctx.documents {
        let text = document.doc.text();
        let mut seen: HashSet<(Span, &str)> = HashSet::default();
        for span in document.doc.spans() {
            let [fragment] = span.fragments[..] else { continue };
            // What the annotator recorded, also where the offsets went stale.
            let written = span.recorded_text.as_str();
            if written.is_empty() || text.get(fragment.range()).is_none() {
                continue;
            }
            if !super::is_name_like(written) {
                lower.add(written);
                continue;
            }
            if written.contains(['\n', '\r', '\t']) || written.trim() != written {
                continue;
            }
            let entry = lexicon.entry(written).or_default();
            if seen.insert((fragment, span.label.as_str())) {
                *entry.labels.entry(span.label.as_str()).or_default() += 1;
            }
            if seen.insert((fragment, "")) {
                entry.annotated += 1;
                if entry.examples.len() < 3
                    && document.offsets_hold
                    && let Some(at) = document.text_span(fragment)
                {
                    entry.examples.push((document.text_file, at));
                }
            }
        }
    }
    // A string is reported only where it is annotated more often than missed, so only
    // strings annotated twice or more are looked for (most names are annotated once).
    lexicon.retain(|written, e| e.annotated >= 2 && !lower.common(written));
    let patterns: Vec<&str> = lexicon.keys().copied().collect();
    // Every occurrence, overlapping ones too: a longer string left unannotated must not hide
    // a shorter one inside it.
    let automaton = AhoCorasick::builder().match_kind(MatchKind::Standard).build(&patterns).ok();
    let covers: Vec<Covered> = ctx.documents.iter().map(covered).collect();
    if let Some(automaton) = &automaton {
        for &d in &annotated_docs {
            let text = ctx.documents[d].doc.text();
            for found in automaton.find_overlapping_iter(text) {
                let span = Span::new(found.start(), found.end());
                if !crate::text::words::is_whole_word(text, span) || overlaps(&covers[d], span) {
                    continue;
                }
                if let Some(entry) = lexicon.get_mut(patterns[found.pattern().as_usize()]) {
                    entry.missed.push((d, span));
                }
            }
        }
    }

    let types = TypeChoice::new(ctx);
    let mut reported: HashSet<(usize, Span)> = HashSet::default();
    let mut by_doc: BTreeMap<usize, Vec<Missed>> = BTreeMap::new();
    for (written, entry) in &lexicon {
        if entry.missed.is_empty() || entry.annotated <= entry.missed.len() {
            continue;
        }
        let label =
            entry.labels.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).map(|(l, _)| (*l).to_owned());
        let as_what = match entry.labels.len() {
            1 => format!(" (as `{}`)", entry.labels.keys().next().copied().unwrap_or_default()),
            _ => format!(
                " (as {})",
                entry.labels.iter().map(|(l, n)| format!("`{l}` {n}")).collect::<Vec<_>>().join(", ")
            ),
        };
        let message = format!(
            "`{written}` is annotated {} in this collection{as_what} but not here",
            times(entry.annotated)
        );
        let related: Vec<_> =
            entry.examples.iter().map(|(file, span)| (*file, *span, "annotated here".to_owned())).collect();
        for &(d, span) in &entry.missed {
            reported.insert((d, span));
            let missed =
                Missed { span, message: message.clone(), label: label.clone(), related: related.clone() };
            by_doc.entry(d).or_default().push(missed);
        }
    }
    for &d in &annotated_docs {
        let document = &ctx.documents[d];
        for mention in document.kb_mentions {
            if reported.contains(&(d, mention.span)) || overlaps(&covers[d], mention.span) {
                continue;
            }
            let Some(label) = types.for_entity(ctx, mention.entity) else { continue };
            let entity = ctx.kb.entity(mention.entity);
            let written = &document.doc.text()[mention.span.range()];
            let message = format!("`{written}` is the KB's `{}` but is not annotated here", entity.key);
            let related = vec![(entity.origin.file, entity.origin.id, "the KB entry".to_owned())];
            reported.insert((d, mention.span));
            by_doc.entry(d).or_default().push(Missed {
                span: mention.span,
                message,
                label: Some(label),
                related,
            });
        }
    }
    for (d, mut found) in by_doc {
        let document = &ctx.documents[d];
        found.sort_by_key(|f| f.span);
        for Missed { span, message, label, related } in found {
            let Some(at) = document.text_span(span) else { continue };
            let mut finding = Finding::new(&RULE, document.text_file, at, message);
            for (file, span, note) in related {
                finding = finding.with_related(file, span, note);
            }
            if let Some(fix) = label.and_then(|label| add_line(document, span, &label)) {
                finding = finding.with_fix(fix);
            }
            out.push(finding);
        }
    }
}

/// An unannotated name to report.
struct Missed {
    /// In the document text.
    span: Span,
    message: String,
    /// The type to annotate it with.
    label: Option<String>,
    related: Vec<(FileId, Span, String)>,
}

fn times(n: usize) -> String {
    if n == 1 { "once".to_owned() } else { format!("{n} times") }
}

/// Every fragment of every annotation in a document, sorted by start, with the furthest end
/// reached by each prefix: whether a span overlaps any of them is one binary search.
struct Covered {
    spans: Vec<Span>,
    reach: Vec<u32>,
}

fn covered(document: &CollectionDoc<'_>) -> Covered {
    let mut spans: Vec<Span> =
        document.doc.spans().iter().flat_map(|s| s.fragments.iter().copied()).collect();
    spans.sort();
    let reach = spans
        .iter()
        .scan(0, |end, s| {
            *end = s.end.max(*end);
            Some(*end)
        })
        .collect();
    Covered { spans, reach }
}

fn overlaps(covered: &Covered, span: Span) -> bool {
    let starting_before = covered.spans.partition_point(|s| s.start < span.end);
    starting_before > 0 && covered.reach[starting_before - 1] > span.start
}

/// The brat line annotating `span` as `label`, appended to the `.ann`.
fn add_line(document: &CollectionDoc<'_>, span: Span, label: &str) -> Option<Fix> {
    let NewAnnotation { id, line } = document.doc.new_annotation(document.source, label, span)?;
    let source = document.source;
    let newline = if source.contains("\r\n") { "\r\n" } else { "\n" };
    let lead = if source.is_empty() || source.ends_with('\n') { "" } else { newline };
    let written = &document.doc.text()[span.range()];
    Some(Fix {
        title: format!("Annotate `{written}` as `{label}` ({id})"),
        edits: vec![Edit {
            file: document.file,
            span: Span::empty(source.len()),
            replacement: format!("{lead}{line}{newline}"),
        }],
        applicability: Applicability::Unsafe,
    })
}

/// The type to give a KB entity's unannotated mention: as the collection types that entity,
/// else that kind of entity, else a type named after the kind.
struct TypeChoice {
    by_entity: HashMap<EntityId, BTreeMap<String, usize>>,
    by_kind: HashMap<EntityKind, BTreeMap<String, usize>>,
    /// Every type used or declared, in a stable order.
    known: Vec<String>,
}

impl TypeChoice {
    fn new(ctx: &CollectionCtx<'_>) -> TypeChoice {
        let mut by_entity: HashMap<EntityId, BTreeMap<String, usize>> = HashMap::default();
        let mut by_kind: HashMap<EntityKind, BTreeMap<String, usize>> = HashMap::default();
        let mut known: Vec<String> = Vec::new();
        for document in &ctx.documents {
            for (span, link) in document.doc.spans().iter().zip(document.links) {
                known.push(span.label.clone());
                let Some(link) = link else { continue };
                *by_entity.entry(link.entity).or_default().entry(span.label.clone()).or_default() += 1;
                let kind = ctx.kb.entity(link.entity).kind;
                *by_kind.entry(kind).or_default().entry(span.label.clone()).or_default() += 1;
            }
            if let Some(conf) = document.conf {
                known.extend(
                    conf.section(Section::Entities)
                        .iter()
                        .filter(|d| !d.unused && !d.name.starts_with('<'))
                        .map(|d| d.name.clone()),
                );
            }
        }
        known.sort();
        known.dedup();
        TypeChoice { by_entity, by_kind, known }
    }

    fn for_entity(&self, ctx: &CollectionCtx<'_>, entity: EntityId) -> Option<String> {
        let most = |counts: &BTreeMap<String, usize>| {
            counts.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).map(|(l, _)| l.clone())
        };
        if let Some(label) = self.by_entity.get(&entity).and_then(most) {
            return Some(label);
        }
        let kind = ctx.kb.entity(entity).kind;
        if let Some(label) = self.by_kind.get(&kind).and_then(most) {
            return Some(label);
        }
        let names: &[&str] = match kind {
            EntityKind::Person => &["person", "per"],
            EntityKind::Organization => &["organization", "organisation", "org"],
            EntityKind::Place => &["gpe", "location", "loc", "place"],
            EntityKind::Event => &["event"],
            EntityKind::Other => &[],
        };
        names.iter().find_map(|name| self.known.iter().find(|k| k.eq_ignore_ascii_case(name)).cloned())
    }
}
