//! ## What it finds
//! A place where the annotators named in `[agreement]` labelled one document differently:
//! one annotator typed `Harbor Council` as `ORG` and another as `LOC`, or one marked `Port
//! Elska` and another left it unannotated (or marked only `Elska`). The unit compared is the
//! exact extent, as `dateline agree` counts it: an extent some annotator marked, and what
//! each annotator gave it (a label, or no annotation). The finding sits on the curated copy's
//! text where there is one (`curated = "..."`), else on the first annotator's, with every
//! annotator's annotation (or its text, where it has none) as a related location, and says
//! what the curated copy has now.
//!
//! Versions whose texts differ are not compared: their offsets point at different words.
//!
//! ## Why it matters
//! Curating a doubly annotated corpus means looking at every disagreement and deciding; this
//! lists them where the decision is written, and `dateline agree` gives the figures.
//!
//! ## Example
//! ```toml
//! [agreement]
//! annotators = ["annotator-a", "annotator-b"]
//! curated = "curated"
//! ```
//! ```text
//! annotator-a/harbor.ann:  T2⇥ORG 33 47⇥Harbor Council
//! annotator-b/harbor.ann:  T2⇥LOC 33 47⇥Harbor Council
//! ```
//!
//! ## Instead
//! Decide in the curated copy, and leave the annotators' versions as they were: the
//! disagreement stays a fact about the annotation, reported at `info`.
//!
//! ## Fix
//! Nothing is changed by `check --fix`. In the editor, code actions "Take annotator-a's" and "Take
//! annotator-b's" write that annotator's labels for the extent into the curated copy (brat
//! only): retyping the curated annotation, adding one, or removing one that no other line
//! refers to. None is offered for the value the curated copy already has.
//!
//! ## Options
//! `[agreement] annotators` (at least two folders) and `curated` in `dateline.toml`; the
//! documents are paired by their path inside those folders.

use std::collections::HashSet;

use crate::agree::{Document, Extent, Mark, Pairing, Unit, Value, Version};
use crate::checks::{
    AgreementCtx, Applicability, CollectionDoc, Edit, Finding, Fix, FixOffer, Pass, Rule, Severity,
};
use crate::formats::{AnnId, Format, NewAnnotation};
use crate::span::Span;

pub static RULE: Rule = Rule {
    code: "annotation/disagreement",
    summary: "annotators labelled the same text differently",
    severity: Severity::Info,
    fix: FixOffer::EditorOnly,
    pass: Pass::Agreement(run),
    source: include_str!("disagreement.rs"),
};

fn run(ctx: &AgreementCtx<'_>, out: &mut Vec<Finding>) {
    let versions: Vec<Option<Version>> =
        ctx.versions.iter().map(|v| v.map(|d| Version::new(d.doc))).collect();
    let document = Document { name: ctx.document.to_owned(), versions };
    if document.pairing() != Pairing::Compared {
        return;
    }
    let text = document.versions.iter().flatten().next().map_or("", |v| v.text.as_str());
    // The curated copy holds the findings when it is a copy of the same text.
    let curated = ctx.curated.filter(|c| c.doc.text() == text).map(|c| (c, Version::new(c.doc)));
    // Curated annotations other lines refer to (relations, attributes, notes, references):
    // removing one would leave those pointing at nothing.
    let referred: HashSet<&AnnId> = match &curated {
        Some((c, _)) => c
            .doc
            .relations()
            .iter()
            .flat_map(|r| [&r.from, &r.to])
            .chain(
                c.doc
                    .spans()
                    .iter()
                    .filter(|s| !s.attributes.is_empty() || !s.notes.is_empty() || !s.kb_refs.is_empty())
                    .map(|s| &s.id),
            )
            .collect(),
        None => HashSet::new(),
    };
    let Some((host_index, host)) = ctx.versions.iter().enumerate().find_map(|(i, v)| Some((i, (*v)?))) else {
        return;
    };
    for unit in document.disagreements() {
        let first = unit.extent.fragments()[0];
        // Without a curated copy the finding is on the first annotator's version, which
        // need not relate to itself.
        let (on, skip) = match &curated {
            Some((curated, _)) => (curated, None),
            None => (&host, Some(host_index)),
        };
        let Some(at) = on.text_span(first) else { continue };
        let words = super::super::one_line(
            &unit.extent.fragments().iter().filter_map(|f| text.get(f.range())).collect::<Vec<_>>().join(" "),
        );
        let said: Vec<String> = ctx
            .annotators
            .iter()
            .zip(&unit.values)
            .filter(|(_, v)| **v != Value::Missing)
            .map(|(name, value)| format!("{name} {}", shown(value)))
            .collect();
        let mut message = format!("annotators disagree on `{words}`: {}", said.join(", "));
        if let Some((_, version)) = &curated {
            message.push_str(&format!("; the curated copy has {}", shown(&value_in(version, &unit.extent))));
        }
        let mut finding = Finding::new(&RULE, on.text_file, at, message);
        for (i, (name, value)) in ctx.annotators.iter().zip(&unit.values).enumerate() {
            let (Some(doc), Some(version)) = (ctx.versions[i], &document.versions[i]) else { continue };
            if skip == Some(i) {
                continue;
            }
            match marks_on(version, &unit.extent).first() {
                Some(mark) => {
                    finding =
                        finding.with_related(doc.file, mark.def_span, format!("{name}: {}", shown(value)))
                }
                None => {
                    if let Some(span) = doc.text_span(first) {
                        finding = finding.with_related(doc.text_file, span, format!("{name}: no annotation"));
                    }
                }
            }
        }
        if let Some((curated, version)) = &curated {
            for fix in take_fixes(ctx, curated, version, &referred, &unit) {
                finding = finding.with_alternative(fix);
            }
        }
        out.push(finding);
    }
}

/// `` `LOC` ``, `` `LOC` + `ORG` `` or `no annotation`.
fn shown(value: &Value) -> String {
    match value {
        Value::Labels(labels) => labels.iter().map(|l| format!("`{l}`")).collect::<Vec<_>>().join(" + "),
        Value::Unmarked | Value::Missing => "no annotation".to_owned(),
    }
}

/// The version's marks on exactly `extent`: found by search, since a version's marks are
/// sorted by extent (a document with thousands of disagreements costs no scan per one).
fn marks_on<'a>(version: &'a Version, extent: &Extent) -> &'a [Mark] {
    let start = version.marks.partition_point(|m| m.extent < *extent);
    let end = start + version.marks[start..].partition_point(|m| m.extent == *extent);
    &version.marks[start..end]
}

fn value_in(version: &Version, extent: &Extent) -> Value {
    let labels: Vec<String> = marks_on(version, extent).iter().map(|m| m.label.clone()).collect();
    if labels.is_empty() { Value::Unmarked } else { Value::Labels(labels) }
}

/// "Take annotator-a's": one per distinct value an annotator gave that the curated copy does
/// not have yet, each the edits that make the curated copy's annotations on the extent that
/// value.
fn take_fixes(
    ctx: &AgreementCtx<'_>,
    curated: &CollectionDoc<'_>,
    version: &Version,
    referred: &HashSet<&AnnId>,
    unit: &Unit,
) -> Vec<Fix> {
    if curated.format != Format::Brat {
        return Vec::new();
    }
    let now = value_in(version, &unit.extent);
    let mut offered: Vec<&Value> = vec![&now];
    let mut fixes = Vec::new();
    for (name, value) in ctx.annotators.iter().zip(&unit.values) {
        if *value == Value::Missing || offered.contains(&value) {
            continue;
        }
        offered.push(value);
        let wanted: &[String] = match value {
            Value::Labels(labels) => labels,
            _ => &[],
        };
        if let Some(edits) = edits_to(curated, version, referred, &unit.extent, wanted) {
            fixes.push(Fix {
                title: format!("Take {name}'s ({})", shown(value)),
                edits,
                applicability: Applicability::Unsafe,
            });
        }
    }
    fixes
}

/// The edits of the curated `.ann` that leave exactly `wanted` on `extent`: a curated
/// annotation whose label goes is retyped to a label that comes (keeping its id, so lines
/// referring to it stay right), one left over is removed when no line refers to it, a label
/// left over is a new line. `None` when that cannot be done safely.
fn edits_to(
    curated: &CollectionDoc<'_>,
    version: &Version,
    referred: &HashSet<&AnnId>,
    extent: &Extent,
    wanted: &[String],
) -> Option<Vec<Edit>> {
    let source = curated.source;
    let here = marks_on(version, extent);
    let going: Vec<&Mark> = here.iter().filter(|m| !wanted.contains(&m.label)).collect();
    let coming: Vec<&String> = wanted.iter().filter(|l| !here.iter().any(|m| m.label == **l)).collect();
    let mut edits = Vec::new();
    for (mark, label) in going.iter().zip(&coming) {
        let field = super::type_field(source, Format::Brat, mark.def_span);
        edits.push(Edit { file: curated.file, span: field, replacement: (*label).clone() });
    }
    for mark in going.iter().skip(coming.len()) {
        if referred.contains(&mark.id) {
            return None;
        }
        let line = mark.def_span;
        let rest = &source[line.end as usize..];
        let newline = if rest.starts_with("\r\n") { 2 } else { usize::from(rest.starts_with('\n')) };
        edits.push(Edit {
            file: curated.file,
            span: Span::new(line.start as usize, line.end as usize + newline),
            replacement: String::new(),
        });
    }
    let added: Vec<&&String> = coming.iter().skip(going.len()).collect();
    match added.as_slice() {
        [] => {}
        // Each new line takes the next free id, which two lines added at once would share.
        [label] => {
            let [fragment] = extent.fragments() else { return None };
            let NewAnnotation { line, .. } = curated.doc.new_annotation(source, label, *fragment)?;
            let newline = if source.contains("\r\n") { "\r\n" } else { "\n" };
            let lead = if source.is_empty() || source.ends_with('\n') { "" } else { newline };
            edits.push(Edit {
                file: curated.file,
                span: Span::empty(source.len()),
                replacement: format!("{lead}{line}{newline}"),
            });
        }
        _ => return None,
    }
    (!edits.is_empty()).then_some(edits)
}
