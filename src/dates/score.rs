//! TempEval-3 task A scores for temporal expressions (UzZaman et al. 2013), our own
//! implementation of the published definitions.
//!
//! Per document, gold and system TIMEX3s are paired one to one over their TEXT offsets:
//!
//! 1. every candidate pair whose spans overlap (share at least one byte) is listed;
//! 2. the list is sorted: identical spans first, then larger overlap, then earlier gold
//!    start, then earlier system start;
//! 3. pairs are taken greedily in that order, skipping any whose gold or system timex is
//!    already paired.
//!
//! A pair with identical spans is a *strict* match; every pair is a *relaxed* match.
//! Precision is matches over system timexes, recall matches over gold timexes, F1 their
//! harmonic mean, all micro-averaged (counts summed over documents). The attribute scores are
//! the relaxed F1 times the attribute's accuracy over the relaxed matches: value F1 compares
//! `value` strings exactly (after trimming), type F1 the `type`.

use super::timeml::TimexAnnotation;

/// Precision, recall, F1, in 0..=1.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    fn new(matches: usize, system: usize, gold: usize) -> Prf {
        let precision = ratio(matches, system);
        let recall = ratio(matches, gold);
        let f1 = if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
        Prf { precision, recall, f1 }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Counts over a set of documents, from which every score follows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub gold: usize,
    pub system: usize,
    pub strict: usize,
    pub relaxed: usize,
    /// Relaxed matches with the same value.
    pub value: usize,
    /// Relaxed matches with the same type.
    pub kind: usize,
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, o: Counts) {
        self.gold += o.gold;
        self.system += o.system;
        self.strict += o.strict;
        self.relaxed += o.relaxed;
        self.value += o.value;
        self.kind += o.kind;
    }
}

/// The TempEval-3 figures.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scores {
    pub counts: Counts,
    pub strict: Prf,
    pub relaxed: Prf,
    /// Value accuracy over relaxed matches.
    pub value_accuracy: f64,
    pub type_accuracy: f64,
    pub value_f1: f64,
    pub type_f1: f64,
}

impl Scores {
    pub fn from_counts(counts: Counts) -> Scores {
        let relaxed = Prf::new(counts.relaxed, counts.system, counts.gold);
        let value_accuracy = ratio(counts.value, counts.relaxed);
        let type_accuracy = ratio(counts.kind, counts.relaxed);
        Scores {
            counts,
            strict: Prf::new(counts.strict, counts.system, counts.gold),
            relaxed,
            value_accuracy,
            type_accuracy,
            value_f1: relaxed.f1 * value_accuracy,
            type_f1: relaxed.f1 * type_accuracy,
        }
    }

    /// The figures as a text table, in percent.
    pub fn table(&self) -> String {
        let pct = |x: f64| format!("{:6.2}", 100.0 * x);
        let c = &self.counts;
        let mut out = String::new();
        out.push_str("             P       R       F1\n");
        out.push_str(&format!(
            "strict    {} {} {}\n",
            pct(self.strict.precision),
            pct(self.strict.recall),
            pct(self.strict.f1)
        ));
        out.push_str(&format!(
            "relaxed   {} {} {}\n",
            pct(self.relaxed.precision),
            pct(self.relaxed.recall),
            pct(self.relaxed.f1)
        ));
        out.push_str(&format!(
            "value F1                  {}   (accuracy {})\n",
            pct(self.value_f1),
            pct(self.value_accuracy).trim()
        ));
        out.push_str(&format!(
            "type F1                   {}   (accuracy {})\n",
            pct(self.type_f1),
            pct(self.type_accuracy).trim()
        ));
        out.push_str(&format!(
            "gold {}, system {}, strict matches {}, relaxed {}, right value {}, right type {}\n",
            c.gold, c.system, c.strict, c.relaxed, c.value, c.kind
        ));
        out
    }
}

/// A relaxed match: indices into the gold and system lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pair {
    pub gold: usize,
    pub system: usize,
}

/// How one document's timexes were paired.
#[derive(Clone, Debug, Default)]
pub struct Comparison {
    /// The relaxed matches, in gold order.
    pub pairs: Vec<Pair>,
    /// Gold timexes no system timex was paired with.
    pub missed: Vec<usize>,
    /// System timexes no gold timex was paired with.
    pub spurious: Vec<usize>,
    pub counts: Counts,
}

/// Pairs the timexes of one document (see the module doc for the rule).
pub fn compare(gold: &[TimexAnnotation], system: &[TimexAnnotation]) -> Comparison {
    let mut candidates: Vec<(bool, u32, u32, u32, usize, usize)> = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        for (si, s) in system.iter().enumerate() {
            let overlap = g.span.end.min(s.span.end).saturating_sub(g.span.start.max(s.span.start));
            if overlap > 0 {
                candidates.push((g.span == s.span, overlap, g.span.start, s.span.start, gi, si));
            }
        }
    }
    // Exact first, then bigger overlap, then earlier gold, then earlier system.
    candidates.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)).then(a.3.cmp(&b.3)));
    let mut gold_used = vec![false; gold.len()];
    let mut system_used = vec![false; system.len()];
    let mut comparison = Comparison::default();
    let mut counts = Counts { gold: gold.len(), system: system.len(), ..Counts::default() };
    for (exact, _, _, _, gi, si) in candidates {
        if gold_used[gi] || system_used[si] {
            continue;
        }
        gold_used[gi] = true;
        system_used[si] = true;
        comparison.pairs.push(Pair { gold: gi, system: si });
        counts.relaxed += 1;
        counts.strict += usize::from(exact);
        counts.value += usize::from(gold[gi].value.trim() == system[si].value.trim());
        counts.kind += usize::from(gold[gi].kind.trim() == system[si].kind.trim());
    }
    comparison.pairs.sort_unstable();
    comparison.missed = (0..gold.len()).filter(|&i| !gold_used[i]).collect();
    comparison.spurious = (0..system.len()).filter(|&i| !system_used[i]).collect();
    comparison.counts = counts;
    comparison
}

/// Scores over documents given as (gold, system) timex lists.
pub fn score<'a>(
    documents: impl IntoIterator<Item = (&'a [TimexAnnotation], &'a [TimexAnnotation])>,
) -> Scores {
    let mut counts = Counts::default();
    for (gold, system) in documents {
        counts += compare(gold, system).counts;
    }
    Scores::from_counts(counts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    fn t(start: usize, end: usize, kind: &str, value: &str) -> TimexAnnotation {
        TimexAnnotation {
            span: Span::new(start, end),
            tid: String::new(),
            kind: kind.into(),
            value: value.into(),
            modifier: None,
        }
    }

    fn pair(gold: usize, system: usize) -> Pair {
        Pair { gold, system }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn hand_computed_document() {
        // Gold: four timexes. System: an exact match with the right value, an overlap with a
        // wrong value, an overlap with the wrong type, a spurious one; one gold is missed.
        let gold = [
            t(0, 6, "DATE", "2013-03-22"),    // "Friday"          <- exact, right
            t(10, 19, "DATE", "2012"),        // "last year"       <- overlap (13..19), wrong value
            t(30, 40, "DURATION", "P2W"),     // "two weeks"       <- overlap, wrong type
            t(50, 55, "DATE", "PRESENT_REF"), // missed
        ];
        let system = [
            t(0, 6, "DATE", "2013-03-22"),
            t(15, 19, "DATE", "2013"),
            t(26, 40, "DATE", "P2W"),
            t(60, 64, "DATE", "2013"), // spurious
        ];
        let c = compare(&gold, &system);
        assert_eq!(c.pairs, [pair(0, 0), pair(1, 1), pair(2, 2)]);
        assert_eq!(c.missed, [3]);
        assert_eq!(c.spurious, [3]);
        assert_eq!(c.counts, Counts { gold: 4, system: 4, strict: 1, relaxed: 3, value: 2, kind: 2 });
        let s = Scores::from_counts(c.counts);
        // strict P = R = 1/4; relaxed P = R = 3/4; value accuracy 2/3 -> value F1 0.5.
        assert!(close(s.strict.f1, 0.25));
        assert!(
            close(s.relaxed.precision, 0.75) && close(s.relaxed.recall, 0.75) && close(s.relaxed.f1, 0.75)
        );
        assert!(close(s.value_accuracy, 2.0 / 3.0));
        assert!(close(s.value_f1, 0.5));
        assert!(close(s.type_f1, 0.5));
    }

    #[test]
    fn one_to_one_pairing_prefers_exact_then_largest_overlap() {
        // One long gold timex overlapped by two system timexes: only one pairs, the exact
        // one if any, else the larger overlap; the other is spurious.
        let gold = [t(0, 20, "DATE", "2013")];
        let system = [t(0, 5, "DATE", "2013"), t(8, 20, "DATE", "2013")];
        let c = compare(&gold, &system);
        assert_eq!(c.pairs, [pair(0, 1)]);
        assert_eq!(c.spurious, [0]);
        // Two gold, one system covering both: one match, one missed.
        let gold = [t(0, 5, "DATE", "a"), t(6, 10, "DATE", "b")];
        let system = [t(0, 10, "DATE", "b")];
        let c = compare(&gold, &system);
        assert_eq!(c.pairs, [pair(0, 0)]);
        assert_eq!(c.missed, [1]);
        assert_eq!(c.counts.value, 0);
    }

    #[test]
    fn scores_sum_over_documents() {
        // Doc 1: 2 gold, 1 system exact. Doc 2: 0 gold, 1 system. Micro: P = 1/2, R = 1/2.
        let g1 = [t(0, 4, "DATE", "2013"), t(5, 9, "DATE", "2012")];
        let s1 = [t(0, 4, "DATE", "2013")];
        let s2 = [t(0, 4, "SET", "P1D")];
        let s = score([(&g1[..], &s1[..]), (&[][..], &s2[..])]);
        assert!(close(s.strict.precision, 0.5) && close(s.strict.recall, 0.5));
        assert!(close(s.value_f1, 0.5));
        assert_eq!(Scores::from_counts(Counts::default()).relaxed.f1, 0.0);
    }
}
