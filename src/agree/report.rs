//! The agreement of a set of documents: per document and for the collection, overall and per
//! label. The collection's figures pool every compared document's units (and span counts);
//! they are not an average of the documents' figures.

use std::collections::{BTreeSet, HashMap, HashSet};

use super::metrics::{SpanMatch, cohen_kappa, krippendorff_alpha};
use super::{Document, Extent, Mark, Pairing, Unit, Value};

/// Everything `dateline agree` reports.
#[derive(Clone, Debug)]
pub struct Agreement {
    /// The annotators' names, in the order given.
    pub annotators: Vec<String>,
    /// Every label any annotator used in a compared document, sorted.
    pub labels: Vec<String>,
    /// The compared documents pooled.
    pub collection: Scores,
    /// Each compared document, by name.
    pub documents: Vec<(String, Scores)>,
    /// Documents only one annotator has, with that annotator's index.
    pub alone: Vec<(String, usize)>,
    /// Documents whose versions have different texts, with the annotators whose text
    /// differs from the first version's.
    pub texts_differ: Vec<(String, Vec<usize>)>,
}

/// The figures of one document or of the collection.
#[derive(Clone, Debug)]
pub struct Scores {
    pub overall: Figures,
    /// Parallel to [`Agreement::labels`].
    pub per_label: Vec<Figures>,
}

/// The figures for all labels, or for one label against the rest.
#[derive(Clone, Debug)]
pub struct Figures {
    /// Units counted: all of them overall; for a label, those some annotator gave it.
    pub units: usize,
    /// Krippendorff's alpha (nominal), "no annotation" a category; `None` when undefined.
    pub alpha: Option<f64>,
    /// Krippendorff's alpha (nominal), "no annotation" as missing data.
    pub alpha_marked: Option<f64>,
    /// Each pair of annotators (`reference < candidate`).
    pub pairs: Vec<PairFigures>,
}

/// Two annotators compared: the first as the reference for precision and recall.
#[derive(Clone, Debug)]
pub struct PairFigures {
    pub reference: usize,
    pub candidate: usize,
    /// Units both annotators have the document of.
    pub units: usize,
    /// Cohen's kappa on those units, "no annotation" a category.
    pub kappa: Option<f64>,
    pub exact: SpanMatch,
    pub overlap: SpanMatch,
}

/// Compares `documents`, each with one version per annotator in `annotators`.
pub fn agreement(annotators: Vec<String>, documents: &[Document]) -> Agreement {
    let mut alone = Vec::new();
    let mut texts_differ = Vec::new();
    let mut compared: Vec<(&Document, Vec<Unit>)> = Vec::new();
    for doc in documents {
        match doc.pairing() {
            Pairing::Compared => compared.push((doc, doc.units())),
            Pairing::Alone(annotator) => alone.push((doc.name.clone(), annotator)),
            Pairing::TextsDiffer(which) => texts_differ.push((doc.name.clone(), which)),
        }
    }
    let labels: Vec<String> = compared
        .iter()
        .flat_map(|(doc, _)| doc.versions.iter().flatten().flat_map(|v| &v.marks))
        .map(|m| m.label.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let n = annotators.len();
    let documents =
        compared.iter().map(|(doc, units)| (doc.name.clone(), scores(n, &labels, &[(doc, units)]))).collect();
    let pooled: Vec<(&Document, &Vec<Unit>)> = compared.iter().map(|(doc, units)| (*doc, units)).collect();
    let collection = scores(n, &labels, &pooled);
    Agreement { annotators, labels, collection, documents, alone, texts_differ }
}

fn scores(annotators: usize, labels: &[String], docs: &[(&Document, &Vec<Unit>)]) -> Scores {
    Scores {
        overall: figures(annotators, docs, None),
        per_label: labels.iter().map(|label| figures(annotators, docs, Some(label))).collect(),
    }
}

/// A unit's value as one category of the figures: for all labels the value itself; for one
/// label, whether the value has it. `marked_only` makes "no annotation" missing.
#[derive(Clone, PartialEq, Eq, Hash)]
enum Category<'a> {
    Value(&'a Value),
    HasLabel(bool),
}

fn category<'a>(value: &'a Value, label: Option<&str>, marked_only: bool) -> Option<Category<'a>> {
    match value {
        Value::Missing => None,
        Value::Unmarked if marked_only => None,
        _ => Some(match label {
            None => Category::Value(value),
            Some(label) => Category::HasLabel(value.has(label)),
        }),
    }
}

fn figures(annotators: usize, docs: &[(&Document, &Vec<Unit>)], label: Option<&str>) -> Figures {
    let units: Vec<&Unit> = docs.iter().flat_map(|(_, units)| units.iter()).collect();
    let coded = |marked_only: bool| -> Vec<Vec<Option<Category>>> {
        units.iter().map(|u| u.values.iter().map(|v| category(v, label, marked_only)).collect()).collect()
    };
    let mut pairs = Vec::new();
    for reference in 0..annotators {
        for candidate in reference + 1..annotators {
            let both: Vec<(Category, Category)> = units
                .iter()
                .filter_map(|u| {
                    Some((
                        category(&u.values[reference], label, false)?,
                        category(&u.values[candidate], label, false)?,
                    ))
                })
                .collect();
            let (mut exact, mut overlap) = (SpanMatch::default(), SpanMatch::default());
            for (doc, _) in docs {
                let (Some(r), Some(c)) = (&doc.versions[reference], &doc.versions[candidate]) else {
                    continue;
                };
                let (r, c) = (with_label(&r.marks, label), with_label(&c.marks, label));
                let (exact_here, overlap_here) = span_matches(&r, &c);
                exact.add(exact_here);
                overlap.add(overlap_here);
            }
            pairs.push(PairFigures {
                reference,
                candidate,
                units: both.len(),
                kappa: cohen_kappa(&both),
                exact,
                overlap,
            });
        }
    }
    Figures {
        units: units.iter().filter(|u| label.is_none_or(|l| u.values.iter().any(|v| v.has(l)))).count(),
        alpha: krippendorff_alpha(&coded(false)),
        alpha_marked: krippendorff_alpha(&coded(true)),
        pairs,
    }
}

fn with_label<'a>(marks: &'a [Mark], label: Option<&str>) -> Vec<&'a Mark> {
    marks.iter().filter(|m| label.is_none_or(|l| m.label == l)).collect()
}

/// Counts the marks of each side that some mark of the other side matches, exactly or by
/// overlap. Each side is indexed once, so a document of many thousand spans costs
/// O(n log n), not a comparison of every pair.
fn span_matches(reference: &[&Mark], candidate: &[&Mark]) -> (SpanMatch, SpanMatch) {
    let (r, c) = (SideIndex::new(reference), SideIndex::new(candidate));
    let count = |marks: &[&Mark], other: &SideIndex<'_>, exact: bool| {
        marks.iter().filter(|m| if exact { other.has_exactly(m) } else { other.overlaps(m) }).count()
    };
    let exact = SpanMatch {
        reference: reference.len(),
        candidate: candidate.len(),
        reference_matched: count(reference, &c, true),
        candidate_matched: count(candidate, &r, true),
    };
    let overlap = SpanMatch {
        reference_matched: count(reference, &c, false),
        candidate_matched: count(candidate, &r, false),
        ..exact
    };
    (exact, overlap)
}

/// One annotator's marks in one document, for "is this mark there?" and "does a mark of
/// the same label overlap this one?".
struct SideIndex<'a> {
    exact: HashSet<(&'a Extent, &'a str)>,
    by_label: HashMap<&'a str, Reach<'a>>,
}

/// Marks of one label sorted by start, with, for each prefix, the mark reaching furthest.
struct Reach<'a> {
    marks: Vec<&'a Mark>,
    /// `furthest[i]`: the index of the mark with the largest end among `marks[..=i]`.
    furthest: Vec<usize>,
}

impl<'a> SideIndex<'a> {
    fn new(marks: &[&'a Mark]) -> SideIndex<'a> {
        let exact = marks.iter().map(|m| (&m.extent, m.label.as_str())).collect();
        let mut grouped: HashMap<&'a str, Vec<&'a Mark>> = HashMap::new();
        for mark in marks {
            grouped.entry(mark.label.as_str()).or_default().push(mark);
        }
        let by_label = grouped
            .into_iter()
            .map(|(label, mut marks)| {
                marks.sort_by_key(|m| m.extent.hull().start);
                let mut furthest: Vec<usize> = Vec::with_capacity(marks.len());
                for (i, mark) in marks.iter().enumerate() {
                    let best = match furthest.last() {
                        Some(&b) if marks[b].extent.hull().end >= mark.extent.hull().end => b,
                        _ => i,
                    };
                    furthest.push(best);
                }
                (label, Reach { marks, furthest })
            })
            .collect();
        SideIndex { exact, by_label }
    }

    fn has_exactly(&self, mark: &Mark) -> bool {
        self.exact.contains(&(&mark.extent, mark.label.as_str()))
    }

    fn overlaps(&self, mark: &Mark) -> bool {
        let Some(reach) = self.by_label.get(mark.label.as_str()) else { return false };
        let hull = mark.extent.hull();
        // Marks starting before this one ends; one of them overlaps only if the one reaching
        // furthest reaches past this one's start.
        let before = reach.marks.partition_point(|m| m.extent.hull().start < hull.end);
        let Some(&best) = before.checked_sub(1).and_then(|i| reach.furthest.get(i)) else { return false };
        if reach.marks[best].extent.hull().end <= hull.start {
            return false;
        }
        // Continuous spans whose hulls overlap overlap; a discontinuous one may fit in a gap,
        // so then each candidate is asked (discontinuous spans are few).
        reach.marks[best].extent.overlaps(&mark.extent)
            || reach.marks[..before].iter().rev().any(|m| m.extent.overlaps(&mark.extent))
    }
}
