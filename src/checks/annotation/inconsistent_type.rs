//! ## What it finds
//! A name annotated with different types across one collection: `Ankara` as `GPE` in twelve
//! documents and as `ORG` in one. Each annotation of a less used type is reported, with the
//! counts of every type, so the outlier stands out; when no type is the most used, every
//! annotation of the name is reported. A span annotated with two types at once (nested
//! schemes such as NEREL do this on purpose) counts as one use of both types together.
//!
//! Types `annotation.conf` does not declare are left to `annotation/undeclared-type`. Only
//! names are compared: strings starting with an upper-case letter, and not also
//! annotated starting in lower case (a sentence-initial `It` or `The team` is not a name).
//! A collection is the annotation files of one folder; for brat, of the folder holding
//! their `annotation.conf`.
//!
//! ## Why it matters
//! Inconsistent types are the most common annotation error and the hardest to see one
//! document at a time; a model trained on the collection learns the noise. Sometimes both
//! readings are right (a capital standing for its government): the counts help decide.
//!
//! ## Example
//! ```text
//! a.ann:  T1	GPE 0 6	Ankara
//! b.ann:  T4	GPE 31 37	Ankara
//! c.ann:  T2	ORG 12 18	Ankara
//! ```
//!
//! ## Instead
//! ```text
//! c.ann:  T2	GPE 12 18	Ankara
//! ```
//!
//! ## Fix
//! None offered: the type used less often is not always the wrong one.
//!
//! ## Options
//! None.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::checks::{CollectionCtx, Finding, Pass, Rule, Severity, one_line};
use crate::corpus::FileId;
use crate::formats::Format;
use crate::span::Span;

pub static RULE: Rule = Rule {
    code: "annotation/inconsistent-type",
    summary: "one name is annotated with different types across a collection",
    severity: Severity::Warning,
    pass: Pass::Collection(run),
    source: include_str!("inconsistent_type.rs"),
};

/// One annotated extent of one document: its types, and where to report it.
struct Use {
    reading: String,
    /// The annotation file and the place of the first annotation's type there.
    at: (FileId, Span),
    /// The annotated text, in the file holding it (unless the document's offsets are off).
    text_at: Option<(FileId, Span)>,
}

fn run(ctx: &CollectionCtx<'_>, out: &mut Vec<Finding>) {
    let mut uses: BTreeMap<String, Vec<Use>> = BTreeMap::new();
    let mut annotated: HashSet<String> = HashSet::new();
    for document in &ctx.documents {
        let text = document.doc.text();
        // Annotations of one extent in one document make one use.
        let mut by_extent: HashMap<&[Span], (String, Vec<&str>, Span)> = HashMap::new();
        let mut order: Vec<&[Span]> = Vec::new();
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
            let written = one_line(&span.recorded_text);
            annotated.insert(written.clone());
            let entry = by_extent.entry(span.fragments.as_slice()).or_insert_with(|| {
                order.push(span.fragments.as_slice());
                (written, Vec::new(), type_field(document.source, document.format, span.def_span))
            });
            entry.1.push(span.label.as_str());
        }
        for extent in order {
            let Some((written, mut labels, at)) = by_extent.remove(extent) else { continue };
            if !super::is_name_like(&written) {
                continue;
            }
            labels.sort_unstable();
            labels.dedup();
            let text_at = extent
                .first()
                .filter(|_| document.offsets_hold)
                .and_then(|f| Some((document.text_file, document.text_span(*f)?)));
            let reading = labels.iter().map(|l| format!("`{l}`")).collect::<Vec<_>>().join(" and ");
            uses.entry(written).or_default().push(Use { reading, at: (document.file, at), text_at });
        }
    }
    for (written, uses) in &uses {
        if annotated.contains(&super::lower_first(written)) {
            continue;
        }
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for one in uses {
            *counts.entry(one.reading.as_str()).or_default() += 1;
        }
        if counts.len() < 2 {
            continue;
        }
        let most = counts.values().copied().max().unwrap_or(0);
        let leaders: Vec<&str> = counts.iter().filter(|(_, n)| **n == most).map(|(r, _)| *r).collect();
        let mut ranked: Vec<(&str, usize)> = counts.iter().map(|(r, n)| (*r, *n)).collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let tally = ranked.iter().map(|(r, n)| format!("{r} {n}")).collect::<Vec<_>>().join(", ");
        for one in uses {
            let message = match leaders.as_slice() {
                [leader] if *leader == one.reading => continue,
                [leader] => format!(
                    "`{written}` is annotated {} here but {leader} {} in this collection ({tally})",
                    one.reading,
                    times(most)
                ),
                _ => format!(
                    "`{written}` is annotated {} here, and with other types as often elsewhere in this collection ({tally}): pick one",
                    one.reading
                ),
            };
            let mut finding = Finding::new(&RULE, one.at.0, one.at.1, message);
            let others =
                uses.iter().filter(|u| u.reading != one.reading && leaders.contains(&u.reading.as_str()));
            for other in others.take(3) {
                if let Some((file, span)) = other.text_at {
                    finding = finding.with_related(file, span, format!("annotated {} here", other.reading));
                }
            }
            out.push(finding);
        }
    }
}

fn times(n: usize) -> String {
    if n == 1 { "once".to_owned() } else { format!("{n} times") }
}

/// Where an annotation's type is written: in a brat line, the word after the id; elsewhere
/// the field that defines the annotation.
fn type_field(source: &str, format: Format, def_span: Span) -> Span {
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
