//! The annotated example corpus (`fixtures/annotated/`): exactly the findings
//! `expected.txt` lists, and the unsafe fixes (re-anchoring stale offsets, annotating missed
//! names, correcting a KB id) written to the `.ann` files they belong in.

mod support;

use std::path::Path;
use std::process::{Command, Output};

use support::TempCorpus;

fn check(dir: &Path, args: &[&str]) -> Output {
    Command::new(support::bin()).arg("check").args(args).current_dir(dir).output().unwrap()
}

#[test]
fn the_annotated_corpus_reports_exactly_the_expected_findings() {
    let corpus = support::fixtures().join("annotated");
    let expected = support::expected_findings(&corpus.join("expected.txt"));
    let output = check(&corpus, &[".", "--output-format", "json"]);
    support::assert_same_findings(&expected, &support::finding_keys(&output.stdout, false));
}

#[test]
fn unsafe_fixes_reanchor_annotate_and_correct_the_ann_files() {
    let corpus = TempCorpus::copy_of("annotated");
    let crlf_before = std::fs::read(corpus.path("news/guler-crlf.ann")).unwrap();
    let output = check(corpus.root(), &["--fix", "--unsafe-fixes"]);
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("Fixed 7 findings."), "{stdout}");

    // Stale offsets follow the edited text.
    let edited = std::fs::read_to_string(corpus.path("news/edited.ann")).unwrap();
    assert_eq!(
        edited,
        "T1\tPerson 15 20\tGüler\nT2\tPerson 42 46\tAkar\nT3\tGPE 54 60\tAnkara\nT4\tOrganization 77 81\tNATO\n"
    );
    // Missed names are annotated with the next free id and the collection's type.
    let visit = std::fs::read_to_string(corpus.path("news/akar-visit.ann")).unwrap();
    assert!(
        visit.ends_with("N2\tReference T5 kb:hulusi-akar\tHulusi Akar\nT6\tGPE 117 123\tAnkara\n"),
        "{visit}"
    );
    let nato = std::fs::read_to_string(corpus.path("news/nato-exercise.ann")).unwrap();
    assert!(nato.ends_with("T4\tOrganization 66 100\tNorth Atlantic Treaty Organization\n"), "{nato}");
    // Files without fixes keep every byte (the CRLF ones too).
    assert_eq!(std::fs::read(corpus.path("news/guler-crlf.ann")).unwrap(), crlf_before);

    let left: Vec<String> =
        support::finding_keys(&check(corpus.root(), &[".", "--output-format", "json"]).stdout, false)
            .into_iter()
            .map(|f| f.split(": ").nth(1).unwrap().to_owned())
            .collect();
    assert_eq!(
        left,
        [
            "annotation/inconsistent-type",
            "annotation/undeclared-type",
            "annotation/text-mismatch",
            "annotation/ann-without-text",
            "annotation/broken-span-id",
            "annotation/text-mismatch"
        ],
        "only the findings without a fix are left"
    );
}
