//! Inter-annotator agreement: two or more annotators labelled the same documents; how far do
//! they agree, and where not?
//!
//! A document is paired across annotators by its path (the caller decides which files are
//! one document). Each annotator's version becomes [`Mark`]s: a label on an [`Extent`] (the
//! byte fragments of the document text). Versions whose texts differ are not compared:
//! their offsets would point at different words.
//!
//! **The unit of agreement** for kappa and alpha is an extent that at least one annotator
//! marked. On a unit, each annotator's [`Value`] is the label it gave that exact extent, or
//! [`Value::Unmarked`] ("no annotation") when it marked something else or nothing there, or
//! [`Value::Missing`] when it has no version of the document at all. So a span only one
//! annotator marked is a disagreement between its label and "no annotation": annotating is
//! part of what is agreed on. Two treatments of such spans are reported side by side:
//! - `alpha` (and kappa) count "no annotation" as a category of its own;
//! - `alpha_marked` treats it as missing data: only the annotators who marked the extent
//!   code the unit, so a span one annotator alone marked drops out, and alpha measures
//!   agreement on labels only where both found something.
//!
//! Per label, kappa and alpha are one-versus-rest over the same units: each value becomes
//! "this label" or "not this label" (for `alpha_marked`, "no annotation" stays missing).
//!
//! Span-level precision, recall and F1 take one annotator as the reference and another as the
//! candidate, on marks rather than units: **exact** when extent and label are equal,
//! **overlap** when the label is equal and the extents share at least one byte.
//!
//! An annotator who gave one extent several labels (nested annotations of the same words)
//! has one value there: the set of those labels, a category of its own, which counts for
//! each of its labels in the per-label figures.

pub mod metrics;
mod report;

use std::collections::BTreeMap;

use crate::formats::{AnnId, AnnotatedDocument};
use crate::span::Span;

pub use report::{Agreement, Figures, PairFigures, Scores, agreement};

/// Where a mark is in the document text: its fragments, sorted (one for a continuous span).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Extent(Box<[Span]>);

impl Extent {
    /// `None` without a non-empty fragment.
    pub fn new(mut fragments: Vec<Span>) -> Option<Extent> {
        fragments.retain(|f| f.end > f.start);
        fragments.sort();
        fragments.dedup();
        (!fragments.is_empty()).then(|| Extent(fragments.into_boxed_slice()))
    }

    pub fn fragments(&self) -> &[Span] {
        &self.0
    }

    /// From the start of the first fragment to the end of the last.
    pub fn hull(&self) -> Span {
        let end = self.0.iter().map(|f| f.end).max().unwrap_or(self.0[0].end);
        Span { start: self.0[0].start, end }
    }

    /// Whether the two share at least one byte of text.
    pub fn overlaps(&self, other: &Extent) -> bool {
        let (a, b) = (self.hull(), other.hull());
        a.start < b.end
            && b.start < a.end
            && self.0.iter().any(|f| other.0.iter().any(|g| f.start < g.end && g.start < f.end))
    }
}

/// One annotation: a label on an extent, with where the annotator wrote it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    pub extent: Extent,
    pub label: String,
    pub id: AnnId,
    /// The line (brat) or field (TSV, CoNLL-U) that defines it in the annotation file.
    pub def_span: Span,
}

/// One annotator's version of a document.
#[derive(Clone, Debug)]
pub struct Version {
    pub text: String,
    /// Sorted by extent, then label; one per extent and label (a repeated annotation counts once).
    pub marks: Vec<Mark>,
}

impl Version {
    pub fn new(doc: &dyn AnnotatedDocument) -> Version {
        let mut marks: Vec<Mark> = doc
            .spans()
            .iter()
            .filter_map(|span| {
                Some(Mark {
                    extent: Extent::new(span.fragments.clone())?,
                    label: span.label.clone(),
                    id: span.id.clone(),
                    def_span: span.def_span,
                })
            })
            .collect();
        marks.sort_by(|a, b| (&a.extent, &a.label).cmp(&(&b.extent, &b.label)));
        marks.dedup_by(|a, b| a.extent == b.extent && a.label == b.label);
        Version { text: doc.text().to_string(), marks }
    }
}

/// One document as each annotator has it.
#[derive(Clone, Debug)]
pub struct Document {
    /// Its path relative to each annotator's folder, with `/` between folders.
    pub name: String,
    /// Parallel to the annotators; `None` where an annotator has no readable version.
    pub versions: Vec<Option<Version>>,
}

/// Whether a document can be compared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pairing {
    /// At least two versions, all of the same text.
    Compared,
    /// Only one annotator has it (the index).
    Alone(usize),
    /// The annotators (indices) whose text differs from the first version's.
    TextsDiffer(Vec<usize>),
}

impl Document {
    pub fn pairing(&self) -> Pairing {
        let present: Vec<(usize, &Version)> =
            self.versions.iter().enumerate().filter_map(|(i, v)| Some((i, v.as_ref()?))).collect();
        match present.as_slice() {
            [] => Pairing::Alone(0),
            [(only, _)] => Pairing::Alone(*only),
            [(_, first), rest @ ..] => {
                let differ: Vec<usize> =
                    rest.iter().filter(|(_, v)| v.text != first.text).map(|(i, _)| *i).collect();
                if differ.is_empty() { Pairing::Compared } else { Pairing::TextsDiffer(differ) }
            }
        }
    }

    /// The units of agreement: every extent some annotator marked, in text order.
    pub fn units(&self) -> Vec<Unit> {
        let mut by_extent: BTreeMap<&Extent, Vec<Value>> = BTreeMap::new();
        let fresh = || {
            self.versions.iter().map(|v| if v.is_some() { Value::Unmarked } else { Value::Missing }).collect()
        };
        for (annotator, version) in self.versions.iter().enumerate() {
            for mark in version.iter().flat_map(|v| &v.marks) {
                let values = by_extent.entry(&mark.extent).or_insert_with(fresh);
                match &mut values[annotator] {
                    Value::Labels(labels) => labels.push(mark.label.clone()),
                    value => *value = Value::Labels(vec![mark.label.clone()]),
                }
            }
        }
        // Marks are sorted by extent then label, so each label set is already sorted.
        by_extent.into_iter().map(|(extent, values)| Unit { extent: extent.clone(), values }).collect()
    }

    /// The units on which the annotators who have the document do not all give the same value.
    pub fn disagreements(&self) -> Vec<Unit> {
        self.units()
            .into_iter()
            .filter(|unit| {
                let mut given = unit.values.iter().filter(|v| **v != Value::Missing);
                let first = given.next();
                given.any(|v| Some(v) != first)
            })
            .collect()
    }
}

/// An extent some annotator marked, with every annotator's value on it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    pub extent: Extent,
    /// Parallel to the annotators.
    pub values: Vec<Value>,
}

/// What one annotator says about one unit.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Value {
    /// The annotator has no version of the document: missing data, for alpha.
    Missing,
    /// The annotator has the document but did not mark this extent: "no annotation".
    Unmarked,
    /// The labels the annotator gave this exact extent: sorted, usually one.
    Labels(Vec<String>),
}

impl Value {
    /// Whether the annotator gave this extent `label`.
    pub fn has(&self, label: &str) -> bool {
        matches!(self, Value::Labels(labels) if labels.iter().any(|l| l == label))
    }

    /// As people read it: the label(s), `(no annotation)` or `(no document)`.
    pub fn describe(&self) -> String {
        match self {
            Value::Missing => "(no document)".to_string(),
            Value::Unmarked => NO_ANNOTATION.to_string(),
            Value::Labels(labels) => labels.join(" + "),
        }
    }
}

/// How "no annotation" is written in tables and exports.
pub const NO_ANNOTATION: &str = "(no annotation)";

#[cfg(test)]
mod tests {
    use super::*;

    fn version(text: &str, marks: &[(usize, usize, &str)]) -> Option<Version> {
        Some(Version {
            text: text.to_string(),
            marks: marks
                .iter()
                .enumerate()
                .map(|(i, &(start, end, label))| Mark {
                    extent: Extent::new(vec![Span::new(start, end)]).unwrap(),
                    label: label.to_string(),
                    id: AnnId::new(&format!("T{i}")),
                    def_span: Span::empty(0),
                })
                .collect(),
        })
    }

    #[test]
    fn a_span_one_annotator_marked_is_a_unit_the_other_left_unannotated() {
        let text = "Ann met Bob in Baku";
        let doc = Document {
            name: "d".into(),
            versions: vec![
                version(text, &[(0, 3, "PER"), (8, 11, "PER")]),
                version(text, &[(0, 3, "PER"), (15, 19, "LOC")]),
                None,
            ],
        };
        let units = doc.units();
        let values: Vec<Vec<String>> =
            units.iter().map(|u| u.values.iter().map(Value::describe).collect()).collect();
        assert_eq!(
            values,
            [
                ["PER", "PER", "(no document)"],
                ["PER", NO_ANNOTATION, "(no document)"],
                [NO_ANNOTATION, "LOC", "(no document)"],
            ]
        );
        assert_eq!(doc.disagreements().len(), 2);
        assert_eq!(doc.pairing(), Pairing::Compared);
    }

    #[test]
    fn versions_of_other_texts_are_not_compared() {
        let doc = Document { name: "d".into(), versions: vec![version("a", &[]), version("b", &[])] };
        assert_eq!(doc.pairing(), Pairing::TextsDiffer(vec![1]));
        let alone = Document { name: "d".into(), versions: vec![None, version("b", &[])] };
        assert_eq!(alone.pairing(), Pairing::Alone(1));
    }

    #[test]
    fn extents_overlap_by_fragments_not_hulls() {
        let split = Extent::new(vec![Span::new(0, 3), Span::new(10, 13)]).unwrap();
        let inside_gap = Extent::new(vec![Span::new(4, 8)]).unwrap();
        let touching = Extent::new(vec![Span::new(12, 20)]).unwrap();
        assert!(!split.overlaps(&inside_gap));
        assert!(split.overlaps(&touching));
        assert_eq!(Extent::new(vec![Span::new(3, 3)]), None);
    }
}
