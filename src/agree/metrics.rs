//! The agreement coefficients: Cohen's kappa, Krippendorff's alpha (nominal) and span-level
//! precision, recall and F1. Each takes plain values, so the formulas can be read and tested
//! apart from where the values come from.
//!
//! A coefficient that the data leave undefined (every value the same category, so chance
//! agreement is already perfect; no pairable unit at all) is `None`, never `NaN` or a made-up
//! 0 or 1: scikit-learn answers `nan` there and the `krippendorff` package raises an error.

use std::collections::HashMap;
use std::hash::Hash;

/// Cohen's kappa of two annotators over the units both coded: `(p_o - p_e) / (1 - p_e)`, with
/// `p_e` from each annotator's own category frequencies. `None` without units, or when
/// chance agreement is already 1 (both used the same single category throughout).
pub fn cohen_kappa<C: Eq + Hash>(pairs: &[(C, C)]) -> Option<f64> {
    cohen_kappa_counted(pairs.iter().map(|(a, b)| ((a, b), 1.0)))
}

/// [`cohen_kappa`] of pairs given with how many times each occurs (many units alike, such as
/// those neither annotator gave a label, are one entry).
pub fn cohen_kappa_counted<C: Eq + Hash>(pairs: impl IntoIterator<Item = ((C, C), f64)>) -> Option<f64> {
    let mut first: HashMap<C, f64> = HashMap::new();
    let mut second: HashMap<C, f64> = HashMap::new();
    let (mut n, mut agreed) = (0.0, 0.0);
    for ((a, b), times) in pairs {
        if times <= 0.0 {
            continue;
        }
        n += times;
        if a == b {
            agreed += times;
        }
        *first.entry(a).or_default() += times;
        *second.entry(b).or_default() += times;
    }
    if n == 0.0 {
        return None;
    }
    let observed = agreed / n;
    let expected: f64 =
        first.iter().map(|(c, na)| na * second.get(c).copied().unwrap_or(0.0)).sum::<f64>() / (n * n);
    if (1.0 - expected).abs() < f64::EPSILON {
        return None;
    }
    Some((observed - expected) / (1.0 - expected))
}

/// Krippendorff's alpha for nominal data, any number of coders, missing values allowed
/// (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability", section C): each unit is
/// the values its coders gave (`None`: not coded); units with fewer than two values cannot
/// be paired and do not count. `alpha = 1 - (n - 1) * D_o / D_e` over the coincidence matrix.
/// `None` when no unit is pairable or every pairable value is one category (no variation to
/// agree on).
pub fn krippendorff_alpha<C: Eq + Hash>(units: &[Vec<Option<C>>]) -> Option<f64> {
    krippendorff_alpha_counted(units.iter().map(|unit| (unit.as_slice(), 1.0)))
}

/// [`krippendorff_alpha`] of units given with how many units are alike.
pub fn krippendorff_alpha_counted<'u, C: Eq + Hash + 'u>(
    units: impl IntoIterator<Item = (&'u [Option<C>], f64)>,
) -> Option<f64> {
    // Coincidences: o[c][k] summed over units as n_uc * (n_uk - [c = k]) / (m_u - 1).
    let mut coincidence: HashMap<(&C, &C), f64> = HashMap::new();
    for (unit, times) in units {
        let mut counts: Vec<(&C, f64)> = Vec::new();
        for value in unit.iter().flatten() {
            match counts.iter_mut().find(|(c, _)| *c == value) {
                Some((_, n)) => *n += 1.0,
                None => counts.push((value, 1.0)),
            }
        }
        let m: f64 = counts.iter().map(|(_, n)| n).sum();
        if m < 2.0 || times <= 0.0 {
            continue;
        }
        for &(c, nc) in &counts {
            for &(k, nk) in &counts {
                let pairs = if c == k { nc * (nk - 1.0) } else { nc * nk };
                *coincidence.entry((c, k)).or_default() += times * pairs / (m - 1.0);
            }
        }
    }
    let mut marginals: HashMap<&C, f64> = HashMap::new();
    let mut diagonal = 0.0;
    for (&(c, k), &o) in &coincidence {
        *marginals.entry(c).or_default() += o;
        if c == k {
            diagonal += o;
        }
    }
    let n: f64 = marginals.values().sum();
    let expected_disagreement = n * n - marginals.values().map(|nc| nc * nc).sum::<f64>();
    if n == 0.0 || expected_disagreement <= f64::EPSILON * n * n {
        return None;
    }
    let observed_disagreement = n - diagonal;
    Some(1.0 - (n - 1.0) * observed_disagreement / expected_disagreement)
}

/// How one annotator's spans (the candidate) match another's (the reference): the reference
/// spans some candidate span matches (recall) and the candidate spans some reference span
/// matches (precision). For exact matching the two counts are equal; for overlap matching
/// one long span may match two short ones, so they can differ.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SpanMatch {
    /// Spans of the reference annotator.
    pub reference: usize,
    /// Spans of the candidate annotator.
    pub candidate: usize,
    /// Reference spans matched by some candidate span.
    pub reference_matched: usize,
    /// Candidate spans matching some reference span.
    pub candidate_matched: usize,
}

impl SpanMatch {
    /// Candidate spans that match / candidate spans; `None` without candidate spans.
    pub fn precision(&self) -> Option<f64> {
        ratio(self.candidate_matched, self.candidate)
    }

    /// Reference spans matched / reference spans; `None` without reference spans.
    pub fn recall(&self) -> Option<f64> {
        ratio(self.reference_matched, self.reference)
    }

    /// The harmonic mean of precision and recall; 0 when both are 0, `None` when either is
    /// undefined (one annotator marked nothing).
    pub fn f1(&self) -> Option<f64> {
        let (p, r) = (self.precision()?, self.recall()?);
        Some(if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) })
    }

    /// Adds another document's counts.
    pub fn add(&mut self, other: SpanMatch) {
        self.reference += other.reference;
        self.candidate += other.candidate;
        self.reference_matched += other.reference_matched;
        self.candidate_matched += other.candidate_matched;
    }
}

fn ratio(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-12)
    }

    #[test]
    fn kappa_of_a_textbook_table() {
        // Cohen (1960)-style 2x2: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no.
        // p_o = 35/50 = 0.7; p_e = (25*30 + 25*20)/2500 = 0.5; kappa = 0.4.
        let mut pairs = Vec::new();
        pairs.extend(std::iter::repeat_n(("y", "y"), 20));
        pairs.extend(std::iter::repeat_n(("y", "n"), 5));
        pairs.extend(std::iter::repeat_n(("n", "y"), 10));
        pairs.extend(std::iter::repeat_n(("n", "n"), 15));
        assert!(close(cohen_kappa(&pairs), 0.4));
        assert_eq!(cohen_kappa(&[("a", "a"), ("a", "a")]), None);
        assert_eq!(cohen_kappa::<&str>(&[]), None);
    }

    #[test]
    fn alpha_of_krippendorffs_own_example() {
        // Krippendorff (2011), section C: 4 coders, 12 units, nominal, missing values;
        // alpha = 0.743 (to three places in the paper).
        let rows: [[i32; 12]; 4] = [
            [1, 2, 3, 3, 2, 1, 4, 1, 2, 0, 0, 0],
            [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, 0, 3],
            [0, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, 0],
            [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, 0],
        ];
        let units: Vec<Vec<Option<i32>>> =
            (0..12).map(|u| rows.iter().map(|r| (r[u] != 0).then_some(r[u])).collect()).collect();
        let alpha = krippendorff_alpha(&units).unwrap();
        assert!((alpha - 0.743).abs() < 5e-4, "{alpha}");
        assert_eq!(krippendorff_alpha(&[vec![Some(1), Some(1)], vec![Some(1), None]]), None);
        assert_eq!(krippendorff_alpha::<i32>(&[vec![Some(1), None]]), None);
        // Alike units counted once with their number give the same figure.
        let mut repeated = units.clone();
        repeated.extend(std::iter::repeat_n(vec![Some(2), Some(2), None, Some(2)], 5));
        let counted =
            units.iter().map(|u| (u.as_slice(), 1.0)).chain([(&[Some(2), Some(2), None, Some(2)][..], 5.0)]);
        assert!(close(krippendorff_alpha_counted(counted), krippendorff_alpha(&repeated).unwrap()));
    }

    #[test]
    fn f1_is_undefined_without_spans_and_zero_without_matches() {
        let none = SpanMatch { reference: 2, candidate: 0, ..SpanMatch::default() };
        assert_eq!(none.f1(), None);
        let miss = SpanMatch { reference: 2, candidate: 3, ..SpanMatch::default() };
        assert_eq!(miss.f1(), Some(0.0));
        let half = SpanMatch { reference: 4, candidate: 2, reference_matched: 2, candidate_matched: 2 };
        assert!(close(half.f1(), 2.0 * 1.0 * 0.5 / 1.5));
    }
}
