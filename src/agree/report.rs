//! The agreement of a set of documents: per document and for the collection, overall and per
//! label. The collection's figures pool every compared document's units (and span counts);
//! they are not an average of the documents' figures.

use std::collections::{BTreeSet, HashMap, HashSet};

use super::metrics::{SpanMatch, cohen_kappa_counted, krippendorff_alpha_counted};
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
    let units: Vec<&Unit> = docs.iter().flat_map(|(_, units)| units.iter()).collect();
    let pairs: Vec<(usize, usize)> =
        (0..annotators).flat_map(|r| (r + 1..annotators).map(move |c| (r, c))).collect();
    let overall = figures(&pairs, &units, None, |r, c| {
        let mut sum = (SpanMatch::default(), SpanMatch::default());
        for (doc, _) in docs {
            if let (Some(rv), Some(cv)) = (&doc.versions[r], &doc.versions[c]) {
                add(
                    &mut sum,
                    span_matches(&rv.marks.iter().collect::<Vec<_>>(), &cv.marks.iter().collect::<Vec<_>>()),
                );
            }
        }
        sum
    });
    // Per label, only the units and marks with that label are looked at; the units nobody
    // gave it count through label-independent tallies (`Rest`), so many labels cost no pass
    // over every unit each.
    let rest = Rest::new(annotators, &pairs, &units);
    let mut by_label: HashMap<&str, Vec<&Unit>> = HashMap::new();
    for unit in &units {
        let mut given: Vec<&str> = unit
            .values
            .iter()
            .flat_map(|v| match v {
                Value::Labels(labels) => labels.as_slice(),
                _ => &[],
            })
            .map(String::as_str)
            .collect();
        given.sort_unstable();
        given.dedup();
        for label in given {
            by_label.entry(label).or_default().push(unit);
        }
    }
    // Per document and annotator, the marks of each label.
    let marks: Vec<Vec<HashMap<&str, Vec<&Mark>>>> = docs
        .iter()
        .map(|(doc, _)| {
            doc.versions
                .iter()
                .map(|v| {
                    let mut grouped: HashMap<&str, Vec<&Mark>> = HashMap::new();
                    for mark in v.iter().flat_map(|v| &v.marks) {
                        grouped.entry(mark.label.as_str()).or_default().push(mark);
                    }
                    grouped
                })
                .collect()
        })
        .collect();
    let per_label = labels
        .iter()
        .map(|label| {
            let label_units = by_label.get(label.as_str()).map_or(&[][..], Vec::as_slice);
            figures(&pairs, label_units, Some((label, &rest)), |r, c| {
                let mut sum = (SpanMatch::default(), SpanMatch::default());
                for (d, (doc, _)) in docs.iter().enumerate() {
                    if doc.versions[r].is_none() || doc.versions[c].is_none() {
                        continue;
                    }
                    let of = |a: usize| marks[d][a].get(label.as_str()).map_or(&[][..], Vec::as_slice);
                    add(&mut sum, span_matches(of(r), of(c)));
                }
                sum
            })
        })
        .collect();
    Scores { overall, per_label }
}

fn add(sum: &mut (SpanMatch, SpanMatch), more: (SpanMatch, SpanMatch)) {
    sum.0.add(more.0);
    sum.1.add(more.1);
}

/// What every label's figures share, counted once: per pair of annotators, the units both
/// have the document of; per number m, the units m annotators coded (have the document
/// of), and those m annotators marked.
struct Rest {
    both: Vec<usize>,
    coded: Vec<usize>,
    marked: Vec<usize>,
}

impl Rest {
    fn new(annotators: usize, pairs: &[(usize, usize)], units: &[&Unit]) -> Rest {
        let mut rest = Rest {
            both: vec![0; pairs.len()],
            coded: vec![0; annotators + 1],
            marked: vec![0; annotators + 1],
        };
        for unit in units {
            let (coded, marked) = coded_and_marked(unit);
            rest.coded[coded] += 1;
            rest.marked[marked] += 1;
            for (p, &(r, c)) in pairs.iter().enumerate() {
                if unit.values[r] != Value::Missing && unit.values[c] != Value::Missing {
                    rest.both[p] += 1;
                }
            }
        }
        rest
    }
}

/// How many annotators have the unit's document, and how many marked the unit.
fn coded_and_marked(unit: &Unit) -> (usize, usize) {
    let coded = unit.values.iter().filter(|v| **v != Value::Missing).count();
    let marked = unit.values.iter().filter(|v| matches!(v, Value::Labels(_))).count();
    (coded, marked)
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

/// The figures over `units`: all of them (`label` `None`), or those some annotator gave
/// `label`, the others counted from `Rest` as agreeing on "not this label".
fn figures(
    pairs: &[(usize, usize)],
    units: &[&Unit],
    label: Option<(&str, &Rest)>,
    spans: impl Fn(usize, usize) -> (SpanMatch, SpanMatch),
) -> Figures {
    let name = label.map(|(l, _)| l);
    let coded = |marked_only: bool| -> Vec<(Vec<Option<Category>>, f64)> {
        let mut coded: Vec<(Vec<Option<Category>>, f64)> = units
            .iter()
            .map(|u| (u.values.iter().map(|v| category(v, name, marked_only)).collect(), 1.0))
            .collect();
        if let Some((_, rest)) = label {
            // Units nobody gave the label: m values, all "not this label".
            let all = if marked_only { &rest.marked } else { &rest.coded };
            let mut here = vec![0usize; all.len()];
            for unit in units {
                let (coded, marked) = coded_and_marked(unit);
                here[if marked_only { marked } else { coded }] += 1;
            }
            for (m, (&total, &mine)) in all.iter().zip(&here).enumerate() {
                if m >= 2 && total > mine {
                    coded.push((vec![Some(Category::HasLabel(false)); m], (total - mine) as f64));
                }
            }
        }
        coded
    };
    let alpha_of = |coded: &[(Vec<Option<Category>>, f64)]| {
        krippendorff_alpha_counted(coded.iter().map(|(values, times)| (values.as_slice(), *times)))
    };
    let pairs = pairs
        .iter()
        .enumerate()
        .map(|(p, &(reference, candidate))| {
            let both: Vec<(Category, Category)> = units
                .iter()
                .filter_map(|u| {
                    Some((
                        category(&u.values[reference], name, false)?,
                        category(&u.values[candidate], name, false)?,
                    ))
                })
                .collect();
            let (units_both, unlabelled) = match label {
                Some((_, rest)) => (rest.both[p], rest.both[p] - both.len()),
                None => (both.len(), 0),
            };
            let unlabelled = ((Category::HasLabel(false), Category::HasLabel(false)), unlabelled as f64);
            let (exact, overlap) = spans(reference, candidate);
            PairFigures {
                reference,
                candidate,
                units: units_both,
                kappa: cohen_kappa_counted(both.into_iter().map(|pair| (pair, 1.0)).chain([unlabelled])),
                exact,
                overlap,
            }
        })
        .collect();
    Figures {
        units: units.len(),
        alpha: alpha_of(&coded(false)),
        alpha_marked: alpha_of(&coded(true)),
        pairs,
    }
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
