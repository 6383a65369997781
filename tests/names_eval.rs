//! Precision and recall of the name checks on `fixtures/names-eval/`, a set labelled by
//! hand. Prints the figures (they go in the README) and fails only below a floor, so a
//! regression shows while known limits stay visible.

mod support;

use std::collections::BTreeMap;
use std::process::Command;

#[test]
fn name_checks_precision_and_recall() {
    let dir = support::fixtures().join("names-eval");
    let labels = std::fs::read_to_string(dir.join("expected.txt")).unwrap();
    let mut expected: Vec<(String, String, u64, u64)> = Vec::new();
    for line in labels.lines().map(|l| l.split('#').next().unwrap().trim()).filter(|l| !l.is_empty()) {
        let parts: Vec<&str> = line.split('|').map(str::trim).collect();
        let [path, code, needle] = parts[..] else { panic!("bad label line: {line}") };
        let text = std::fs::read_to_string(dir.join(path)).unwrap();
        let at = text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in {path}"));
        let line_no = text[..at].matches('\n').count() as u64 + 1;
        let column = text[text[..at].rfind('\n').map_or(0, |i| i + 1)..at].chars().count() as u64 + 1;
        expected.push((path.to_owned(), code.to_owned(), line_no, column));
    }
    let output = Command::new(support::bin())
        .args(["check", ".", "--output-format", "json"])
        .current_dir(&dir)
        .output()
        .unwrap();
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    let actual: Vec<(String, String, u64, u64)> = findings
        .iter()
        .filter(|f| f["code"].as_str().unwrap().starts_with("name/"))
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_owned(),
                f["code"].as_str().unwrap().to_owned(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
            )
        })
        .collect();

    let mut per_code: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new(); // tp, fp, fn
    for a in &actual {
        let entry = per_code.entry(a.1.clone()).or_default();
        if expected.contains(a) { entry.0 += 1 } else { entry.1 += 1 }
    }
    for e in &expected {
        if !actual.contains(e) {
            per_code.entry(e.1.clone()).or_default().2 += 1;
        }
    }
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    println!("{:<22} {:>3} {:>3} {:>3} {:>9} {:>7}", "check", "tp", "fp", "fn", "precision", "recall");
    for (code, (t, f, n)) in &per_code {
        let precision = if t + f == 0 { 1.0 } else { *t as f64 / (t + f) as f64 };
        let recall = if t + n == 0 { 1.0 } else { *t as f64 / (t + n) as f64 };
        println!("{code:<22} {t:>3} {f:>3} {n:>3} {precision:>9.2} {recall:>7.2}");
        tp += t;
        fp += f;
        fn_ += n;
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    println!("{:<22} {tp:>3} {fp:>3} {fn_:>3} {precision:>9.2} {recall:>7.2}", "all");
    let misses: Vec<_> = expected.iter().filter(|e| !actual.contains(e)).collect();
    let extras: Vec<_> = actual.iter().filter(|a| !expected.contains(a)).collect();
    println!("missed: {misses:#?}\nunexpected: {extras:#?}");
    assert!(precision >= 0.9, "precision {precision:.2} fell below 0.90");
    assert!(recall >= 0.8, "recall {recall:.2} fell below 0.80");
}
