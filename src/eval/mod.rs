//! Scoring a corpus's findings against hand-written labels, for `dateline eval`: which
//! `must` passages a warning or error covered, which `ok` passages one wrongly covered,
//! and what fired on text nobody labelled.
//!
//! The rule (the labelled sets' README, made precise):
//!
//! - A finding is **loud** when its effective severity is warning or error; hints and
//!   infos are never scored.
//! - A finding **covers** a passage when their byte spans share at least one byte (an empty
//!   span covers nothing).
//! - A loud finding is a **false alarm** when it covers an occurrence of an `ok` passage, a
//!   **hit** when it covers an occurrence of a `must` passage and no `ok` one, and
//!   **unlabelled** otherwise (to be judged by hand).
//! - A `must` label is **found** when some loud finding covers one of its occurrences; its
//!   code **matches** when one of those findings' code starts with the label's code.
//! - **precision** = hits / (hits + false alarms), over the findings the labels judge;
//!   **floor** = hits / loud findings, the precision if every unlabelled finding were wrong.
//!   **recall** = musts found / musts.
//!
//! Everything here is pure: findings, labels and where they are in, a [`Score`] out. The
//! labels file is read by [`labels`]; `cli/eval.rs` runs the engine and prints.

pub mod labels;
pub mod sha256;

use std::collections::BTreeMap;

use crate::checks::{Finding, Severity};

pub use labels::{Label, LabelKind, Labels, LabelsError, Placed};

/// What the labels say about one loud finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// It covers these `must` labels (indices into the labels) and no `ok` one.
    Hit(Vec<usize>),
    /// It covers these `ok` labels.
    FalseAlarm(Vec<usize>),
    /// It covers no labelled passage.
    Unlabelled,
}

/// One loud finding and its verdict.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Judged {
    /// Index into the findings scored.
    pub finding: usize,
    pub verdict: Verdict,
}

/// One `must` label's outcome.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MustOutcome {
    /// Index into the labels.
    pub label: usize,
    /// The loud findings covering it (indices into the findings), in order.
    pub found_by: Vec<usize>,
    /// Whether one of them has the expected code (true when the label expects none).
    pub code_matched: bool,
}

impl MustOutcome {
    pub fn found(&self) -> bool {
        !self.found_by.is_empty()
    }
}

/// Ratios that may have nothing to divide by.
fn ratio(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// The loud findings of one check (or of all, for the total row), by verdict.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CheckRow {
    pub code: &'static str,
    pub loud: usize,
    pub hits: usize,
    pub false_alarms: usize,
    pub unlabelled: usize,
    /// Distinct `must` labels its findings found.
    pub musts_found: usize,
}

impl CheckRow {
    /// hits / (hits + false alarms); `None` when the labels judge none of its findings.
    pub fn precision(&self) -> Option<f64> {
        ratio(self.hits, self.hits + self.false_alarms)
    }

    /// hits / loud: the precision if every unlabelled finding were wrong.
    pub fn precision_floor(&self) -> Option<f64> {
        ratio(self.hits, self.loud)
    }
}

/// The `must` labels expecting one code prefix (or none), found and missed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RecallRow {
    /// The expected code or prefix; `None` for labels that expect none, and for the total.
    pub code: Option<String>,
    pub musts: usize,
    pub found: usize,
    /// Found by a finding with the expected code.
    pub code_matched: usize,
}

impl RecallRow {
    pub fn missed(&self) -> usize {
        self.musts - self.found
    }

    pub fn recall(&self) -> Option<f64> {
        ratio(self.found, self.musts)
    }
}

/// The score of one run.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Score {
    /// Every loud finding, in the order given.
    pub judged: Vec<Judged>,
    /// Every `must` label, in label order.
    pub musts: Vec<MustOutcome>,
    /// `ok` labels some loud finding covers (indices into the labels).
    pub oks_flagged: Vec<usize>,
    pub oks: usize,
    /// One row per check with a loud finding, by code.
    pub checks: Vec<CheckRow>,
    /// Every loud finding.
    pub total: CheckRow,
    /// One row per expected code, by code.
    pub recall: Vec<RecallRow>,
    /// Every `must` label.
    pub recall_total: RecallRow,
}

/// Whether `code` is `expected` or in the group or prefix `expected` names (`name/`, or
/// `name` alone, as selectors allow).
pub fn code_matches(code: &str, expected: &str) -> bool {
    let expected = expected.trim_end_matches('/');
    code == expected || code.strip_prefix(expected).is_some_and(|rest| rest.starts_with('/'))
}

/// Scores `findings` against `labels`, placed as `placed` says (parallel to the labels).
pub fn score(labels: &[Label], placed: &[Placed], findings: &[Finding]) -> Score {
    let covers = |finding: &Finding, label: usize| {
        placed[label].file == finding.file
            && placed[label].occurrences.iter().any(|&o| finding.span.overlaps(o))
    };
    let mut score = Score { oks: labels.iter().filter(|l| !l.is_must()).count(), ..Score::default() };
    let mut found_by: Vec<Vec<usize>> = vec![Vec::new(); labels.len()];
    let mut rows: BTreeMap<&'static str, CheckRow> = BTreeMap::new();
    // Per check, the musts it found, to count each once.
    let mut found_per_check: BTreeMap<&'static str, Vec<usize>> = BTreeMap::new();
    for (index, finding) in findings.iter().enumerate() {
        if finding.severity < Severity::Warning {
            continue;
        }
        let covered: Vec<usize> =
            (0..labels.len().min(placed.len())).filter(|&l| covers(finding, l)).collect();
        let (musts, oks): (Vec<usize>, Vec<usize>) = covered.into_iter().partition(|&l| labels[l].is_must());
        for &must in &musts {
            found_by[must].push(index);
            found_per_check.entry(finding.rule.code).or_default().push(must);
        }
        let verdict = match (musts.is_empty(), oks.is_empty()) {
            (_, false) => Verdict::FalseAlarm(oks),
            (false, true) => Verdict::Hit(musts),
            (true, true) => Verdict::Unlabelled,
        };
        let row = rows
            .entry(finding.rule.code)
            .or_insert_with(|| CheckRow { code: finding.rule.code, ..CheckRow::default() });
        for row in [row, &mut score.total] {
            row.loud += 1;
            match verdict {
                Verdict::Hit(_) => row.hits += 1,
                Verdict::FalseAlarm(_) => row.false_alarms += 1,
                Verdict::Unlabelled => row.unlabelled += 1,
            }
        }
        if let Verdict::FalseAlarm(oks) = &verdict {
            score.oks_flagged.extend(oks);
        }
        score.judged.push(Judged { finding: index, verdict });
    }
    for (code, mut musts) in found_per_check {
        musts.sort_unstable();
        musts.dedup();
        if let Some(row) = rows.get_mut(code) {
            row.musts_found = musts.len();
        }
    }
    score.oks_flagged.sort_unstable();
    score.oks_flagged.dedup();
    score.checks = rows.into_values().collect();
    score.total.code = "all";

    let mut recall: BTreeMap<Option<String>, RecallRow> = BTreeMap::new();
    for (label_index, label) in labels.iter().enumerate().filter(|(_, l)| l.is_must()) {
        let found_by = std::mem::take(&mut found_by[label_index]);
        let code_matched = match label.code() {
            Some(expected) => found_by.iter().any(|&f| code_matches(findings[f].rule.code, expected)),
            None => !found_by.is_empty(),
        };
        let key = label.code().map(str::to_owned);
        let row =
            recall.entry(key.clone()).or_insert_with(|| RecallRow { code: key, ..RecallRow::default() });
        for row in [row, &mut score.recall_total] {
            row.musts += 1;
            row.found += usize::from(!found_by.is_empty());
            row.code_matched += usize::from(!found_by.is_empty() && code_matched);
        }
        score.musts.push(MustOutcome { label: label_index, found_by, code_matched });
    }
    score.recall = recall.into_values().collect();
    score.total.musts_found = score.recall_total.found;
    score
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::registry::rule;
    use crate::corpus::FileId;
    use crate::span::Span;

    fn label(kind: LabelKind, text: &str) -> Label {
        Label { kind, file: "a.md".into(), text: text.into(), why: String::new(), text_span: Span::default() }
    }

    fn must(text: &str, code: &str) -> Label {
        label(LabelKind::Must { code: Some(code.into()) }, text)
    }

    fn finding(code: &str, severity: Severity, start: usize, end: usize) -> Finding {
        let mut finding = Finding::new(rule(code).unwrap(), FileId(0), Span::new(start, end), "m");
        finding.severity = severity;
        finding
    }

    fn at(start: usize, end: usize) -> Placed {
        Placed { file: FileId(0), occurrences: vec![Span::new(start, end)] }
    }

    /// One must found with its code, one missed, an ok falsely flagged, one unlabelled, and
    /// an info on a must that does not count.
    #[test]
    fn scores_hits_misses_false_alarms_and_unlabelled() {
        let labels = [
            must("Anthony Blinken", "name/"),
            must("Friday, June 2", "date/"),
            label(LabelKind::Ok, "23rd anniversary"),
        ];
        let placed = [at(10, 25), at(40, 54), at(70, 86)];
        let findings = [
            finding("name/variant", Severity::Warning, 10, 17),
            finding("date/weekday-mismatch", Severity::Info, 40, 46),
            finding("date/event-mismatch", Severity::Error, 80, 82),
            finding("name/unknown-person", Severity::Warning, 100, 105),
            finding("name/misspelling", Severity::Warning, 25, 30),
        ];
        let score = score(&labels, &placed, &findings);
        let verdicts: Vec<_> = score.judged.iter().map(|j| (j.finding, j.verdict.clone())).collect();
        assert_eq!(
            verdicts,
            [
                (0, Verdict::Hit(vec![0])),
                (2, Verdict::FalseAlarm(vec![2])),
                (3, Verdict::Unlabelled),
                (4, Verdict::Unlabelled),
            ],
            "the info is not scored; a span ending where the passage starts does not cover it"
        );
        assert_eq!(
            score.musts,
            [
                MustOutcome { label: 0, found_by: vec![0], code_matched: true },
                MustOutcome { label: 1, found_by: vec![], code_matched: false },
            ]
        );
        assert_eq!(score.oks_flagged, [2]);
        assert_eq!(
            score.total,
            CheckRow { code: "all", loud: 4, hits: 1, false_alarms: 1, unlabelled: 2, musts_found: 1 }
        );
        assert_eq!(score.total.precision(), Some(0.5));
        assert_eq!(score.total.precision_floor(), Some(0.25));
        let variant = score.checks.iter().find(|r| r.code == "name/variant").unwrap();
        assert_eq!((variant.hits, variant.musts_found, variant.precision()), (1, 1, Some(1.0)));
        let unknown = score.checks.iter().find(|r| r.code == "name/unknown-person").unwrap();
        assert_eq!((unknown.precision(), unknown.precision_floor()), (None, Some(0.0)));
        assert_eq!(
            (score.recall_total.musts, score.recall_total.found, score.recall_total.recall()),
            (2, 1, Some(0.5))
        );
        let recall: Vec<_> = score.recall.iter().map(|r| (r.code.as_deref(), r.found, r.missed())).collect();
        assert_eq!(recall, [(Some("date/"), 0, 1), (Some("name/"), 1, 0)]);
    }

    #[test]
    fn a_finding_on_an_ok_passage_is_a_false_alarm_even_if_it_finds_a_must() {
        let labels = [must("James O’Brien", "name/"), label(LabelKind::Ok, "Secretary of State")];
        let findings = [finding("date/event-mismatch", Severity::Warning, 0, 40)];
        let score = score(&labels, &[at(20, 33), at(0, 18)], &findings);
        assert_eq!(score.judged[0].verdict, Verdict::FalseAlarm(vec![1]));
        assert!(score.musts[0].found(), "the must is still found, as the labels' rule says");
        assert!(!score.musts[0].code_matched, "date/ is not name/");
        assert_eq!(score.recall_total.code_matched, 0);
    }

    #[test]
    fn findings_in_other_files_and_several_occurrences() {
        let labels = [must("Pashinian", "name/variant")];
        let placed = [Placed { file: FileId(1), occurrences: vec![Span::new(0, 9), Span::new(50, 59)] }];
        let mut elsewhere = finding("name/variant", Severity::Warning, 50, 59);
        elsewhere.file = FileId(0);
        let findings = [elsewhere, {
            let mut f = finding("name/variant", Severity::Error, 52, 53);
            f.file = FileId(1);
            f
        }];
        let score = score(&labels, &placed, &findings);
        assert_eq!(score.musts[0].found_by, [1], "the second occurrence, in the label's own file");
        assert!(score.musts[0].code_matched);
    }

    #[test]
    fn codes_match_by_group_or_prefix() {
        assert!(code_matches("name/variant", "name/"));
        assert!(code_matches("name/variant", "name"));
        assert!(code_matches("name/variant", "name/variant"));
        assert!(!code_matches("name/variant", "name/var"));
        assert!(!code_matches("names/x", "name"));
        assert!(!code_matches("date/after-publication", "name/"));
    }
}
