//! All checks on the example corpus: exactly the findings `fixtures/corpus/expected.txt`
//! lists, no more, no fewer.

mod support;

use std::process::Command;

#[test]
fn the_example_corpus_reports_exactly_the_expected_findings() {
    let corpus = support::fixtures().join("corpus");
    let expected = support::expected_findings(&corpus.join("expected.txt"));
    let output = Command::new(support::bin())
        .args(["check", ".", "--output-format", "json"])
        .current_dir(&corpus)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "the corpus has error-level findings");
    support::assert_same_findings(&expected, &support::finding_keys(&output.stdout, false));
}
