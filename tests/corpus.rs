//! All checks on the example corpus: exactly the findings `fixtures/corpus/expected.txt`
//! lists, no more, no fewer.

mod support;

use std::process::Command;

#[test]
fn the_example_corpus_reports_exactly_the_expected_findings() {
    let corpus = support::fixtures().join("corpus");
    let expected_text = std::fs::read_to_string(corpus.join("expected.txt")).unwrap();
    let mut expected: Vec<String> = expected_text
        .lines()
        .map(|line| line.split('#').next().unwrap().trim())
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect();
    expected.sort();

    let output = Command::new(support::bin())
        .args(["check", ".", "--output-format", "json"])
        .current_dir(&corpus)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "the corpus has error-level findings");
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    let mut actual: Vec<String> = findings
        .iter()
        .map(|f| {
            format!(
                "{}:{}:{}: {}",
                f["path"].as_str().unwrap(),
                f["line"],
                f["column"],
                f["code"].as_str().unwrap()
            )
        })
        .collect();
    actual.sort();

    let missing: Vec<_> = expected.iter().filter(|e| !actual.contains(e)).collect();
    let unexpected: Vec<_> = actual.iter().filter(|a| !expected.contains(a)).collect();
    assert!(
        missing.is_empty() && unexpected.is_empty(),
        "missing: {missing:#?}\nunexpected: {unexpected:#?}"
    );
}
