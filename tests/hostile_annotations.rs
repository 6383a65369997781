//! Hostile annotation files through the real `dateline check`: inputs that used to take
//! minutes and gigabytes, or reported a wrong number, must give a bounded, correct answer
//! (issue 11, "Hangs and blow-ups" and the `.ann` offset overflow).
//!
//! Each input is generated, small enough to stay fast in a debug build and large enough that
//! the old behaviour fails the test (by its finding counts, not by a timer).

mod support;

use std::process::{Command, Output};

use serde_json::Value;
use support::TempCorpus;

/// The cap on findings of one check in one file (`checks::MAX_FINDINGS_PER_CHECK_AND_FILE`).
const CAP: usize = 100;

const CONFIG: &str =
    "[corpus]\ninclude = [\"**/*.txt\", \"**/*.ann\", \"**/*.tsv\", \"**/*.conllu\"]\nkb = [\"kb/*.toml\"]\n";
const KB: &str = "[[entity]]\nid = \"hulusi-akar\"\nkind = \"person\"\nname = \"Hulusi Akar\"\n";
const CONF: &str = "[entities]\nPER\nORG\n[relations]\n[events]\n[attributes]\n";

/// A corpus with a brat collection (`annotation.conf` declaring `PER` and `ORG`) and `files`.
fn corpus(files: &[(&str, &str)]) -> TempCorpus {
    let corpus = TempCorpus::new(&[("dateline.toml", CONFIG), ("kb/kb.toml", KB), ("annotation.conf", CONF)]);
    for (path, text) in files {
        corpus.write(path, text);
    }
    corpus
}

/// `dateline check --output-format json`: the findings.
fn findings(corpus: &TempCorpus) -> Vec<Value> {
    let output: Output = Command::new(support::bin())
        .args(["check", "--output-format", "json"])
        .current_dir(corpus.root())
        .output()
        .unwrap();
    assert!(matches!(output.status.code(), Some(0 | 1)), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("pure JSON on stdout")
}

fn with_code<'a>(findings: &'a [Value], code: &str) -> Vec<&'a Value> {
    findings.iter().filter(|f| f["code"] == code).collect()
}

/// Asserts `CAP` findings of `code` plus one summary counting the `total - CAP` others.
fn assert_capped(findings: &[Value], code: &str, total: usize) {
    let found = with_code(findings, code);
    assert_eq!(found.len(), CAP + 1, "{code}: {:#?}", &found[..3.min(found.len())]);
    let summary = found.iter().find(|f| f["message"].as_str().unwrap().starts_with("and ")).unwrap();
    assert_eq!(
        summary["message"],
        format!(
            "and {} more `{code}` findings in this file (a check reports at most {CAP} per file)",
            total - CAP
        )
    );
    assert_eq!(summary["severity"], found[0]["severity"]);
}

#[test]
fn a_brat_line_of_thousands_of_overlapping_fragments_is_reported_once_per_fragment() {
    // Every fragment covers the whole text: once 12.5 million pairs (each a finding), then
    // the fragments joined into a text of 5,000 copies of the document.
    let n = 5_000;
    let txt = "a ".repeat(n);
    let fragments = vec![format!("0 {}", 2 * n - 1); n].join(";");
    let corpus = corpus(&[("a.txt", &txt), ("a.ann", &format!("T1\tPER {fragments}\ta\n"))]);
    let findings = findings(&corpus);
    assert_capped(&findings, "annotation/overlapping-fragments", n - 1);
    assert!(with_code(&findings, "annotation/text-mismatch").is_empty());
}

#[test]
fn a_brat_line_of_thousands_of_separate_fragments_is_read_whole() {
    let n = 5_000;
    let txt = "a ".repeat(n);
    let fragments: Vec<String> = (0..n).map(|i| format!("{} {}", 2 * i, 2 * i + 1)).collect();
    let recorded = vec!["a"; n].join(" ");
    let corpus =
        corpus(&[("a.txt", &txt), ("a.ann", &format!("T1\tPER {}\t{recorded}\n", fragments.join(";")))]);
    let findings = findings(&corpus);
    assert!(
        findings.iter().all(|f| !f["code"].as_str().unwrap().starts_with("annotation/")),
        "{findings:#?}"
    );
}

#[test]
fn nested_brat_spans_are_each_reported_once_and_capped() {
    // T1 0 3000, T2 1 2999, ...: every pair overlaps. Once 1.1 million findings.
    let n = 1_500;
    let txt = "x".repeat(2 * n);
    let ann: String =
        (0..n).map(|i| format!("T{}\tPER {i} {}\t{}\n", i + 1, 2 * n - i, "x".repeat(2 * (n - i)))).collect();
    let corpus = corpus(&[("a.txt", &txt), ("a.ann", &ann)]);
    let findings = findings(&corpus);
    assert_capped(&findings, "annotation/disallowed-overlap", n - 1);
    let overlaps = with_code(&findings, "annotation/disallowed-overlap");
    // The first ones name the nearest span they lie in.
    assert_eq!(
        overlaps[0]["message"],
        "T2 (`PER`) lies inside T1 (`PER`), which annotation.conf does not allow; brat allows it with `<OVERLAP> Arg1:PER, Arg2:PER, <OVL-TYPE>:contain` in [relations]"
    );
    assert!(overlaps[1]["message"].as_str().unwrap().starts_with("T3 (`PER`) lies inside T2 "));
}

#[test]
fn every_check_is_capped_per_file_with_a_summary_at_the_first_left_out() {
    let n = 250;
    let ann: String = (0..n).map(|i| format!("line {i} without a tab\n")).collect();
    let corpus =
        corpus(&[("a.txt", "Hulusi Akar\n"), ("a.ann", &ann), ("b.txt", "Hulusi Akar\n"), ("b.ann", &ann)]);
    let findings = findings(&corpus);
    let malformed = with_code(&findings, "annotation/malformed-line");
    // Per file: both files get their hundred and their summary.
    assert_eq!(malformed.len(), 2 * (CAP + 1));
    assert_capped(
        &malformed.iter().filter(|f| f["path"] == "a.ann").map(|f| (*f).clone()).collect::<Vec<_>>(),
        "annotation/malformed-line",
        n,
    );
    let summary = malformed
        .iter()
        .find(|f| f["path"] == "a.ann" && f["message"].as_str().unwrap().starts_with("and "))
        .unwrap();
    assert_eq!(summary["line"].as_u64(), Some(CAP as u64 + 1), "at the first line left out");
    assert_eq!(summary["severity"], "error");
}

#[test]
fn an_offset_too_large_for_any_text_is_said_to_be_too_large() {
    // It used to saturate to 9223372036854775807 and be taken for a stale offset.
    let corpus = corpus(&[
        ("a.txt", "hello world\n"),
        ("a.ann", "T1\tPER 0 99999999999999999999\thello\nT2\tPER 6 11\tworld\n"),
    ]);
    let findings = findings(&corpus);
    assert!(with_code(&findings, "annotation/stale-offsets").is_empty(), "{findings:#?}");
    let out_of_range = with_code(&findings, "annotation/offset-out-of-range");
    assert_eq!(out_of_range.len(), 1, "{findings:#?}");
    assert_eq!(
        out_of_range[0]["message"],
        "T1 has the offset `99999999999999999999`, which is too large (at most 9223372036854775807 can be read)"
    );
}

#[test]
fn webanno_and_conllu_numbers_too_large_are_said_to_be_too_large() {
    let tsv = "#FORMAT=WebAnno TSV 3.3\n#T_SP=de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity|value\n\n\n#Text=Hulusi Akar\n1-1\t0-99999999999999999999\tHulusi\tPER[1]\t\n1-2\t7-11\tAkar\tPER[99999999999999999999]\t\n";
    let conllu = "# text = Hulusi Akar\n1\tHulusi\t_\t_\t_\t_\t_\t_\t_\t_\n99999999999\tAkar\t_\t_\t_\t_\t_\t_\t_\t_\n\n";
    let corpus = corpus(&[("a.tsv", tsv), ("b.conllu", conllu)]);
    let findings = findings(&corpus);
    let messages: Vec<&str> = with_code(&findings, "annotation/malformed-line")
        .iter()
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert!(messages.contains(&"token 1-1 has the offset `99999999999999999999`, which is too large (at most 9223372036854775807 can be read)"), "{messages:#?}");
    assert!(messages.contains(&"`PER[99999999999999999999]` has the span id `99999999999999999999`, which is too large (at most 9223372036854775807 can be read)"), "{messages:#?}");
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("word id `99999999999` has the number `99999999999`, which is too large")),
        "{messages:#?}"
    );
}
