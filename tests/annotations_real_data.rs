//! `dateline check` on the real annotated corpora in `../shared/data` (read in place, with
//! no `dateline.toml`: default settings and no KB): what each collection holds and every
//! finding, counted per code. These are the figures in the README's "Annotated corpora".
//!
//! Without `../shared` (beside the checkout) every test prints why it skips and passes.

mod support;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use dateline::analysis::AnalysisHost;
use dateline::corpus::Config;
use serde_json::Value;

/// What `check` found in one collection, and what it read there.
#[derive(Debug, PartialEq, Eq)]
struct Report {
    documents: usize,
    spans: usize,
    /// Per code: how many findings.
    findings: BTreeMap<String, usize>,
    errors: usize,
}

fn run(dir: &Path) -> (Report, Vec<Value>) {
    let output = Command::new(support::bin())
        .args(["check", ".", "--output-format", "json", "--exit-zero"])
        .current_dir(dir)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let findings: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap();
    let mut per_code = BTreeMap::new();
    for finding in &findings {
        *per_code.entry(finding["code"].as_str().unwrap().to_owned()).or_default() += 1;
    }
    let errors = findings.iter().filter(|f| f["severity"] == "error").count();
    let host = AnalysisHost::load(Config::discover(dir).unwrap());
    let snapshot = host.snapshot();
    let docs: Vec<_> = snapshot.annotations().filter_map(|(_, a)| a.document()).collect();
    let spans = docs.iter().map(|d| d.spans().len()).sum();
    (Report { documents: docs.len(), spans, findings: per_code, errors }, findings)
}

fn report(documents: usize, spans: usize, findings: &[(&str, usize)], errors: usize) -> Report {
    Report {
        documents,
        spans,
        findings: findings.iter().map(|(code, n)| ((*code).to_owned(), *n)).collect(),
        errors,
    }
}

/// `file:line: message` of the findings of `code`.
fn messages(findings: &[Value], code: &str) -> Vec<String> {
    findings
        .iter()
        .filter(|f| f["code"] == code)
        .map(|f| {
            let path = f["path"].as_str().unwrap();
            let name = Path::new(path).file_name().unwrap().to_string_lossy();
            format!("{name}:{}: {}", f["line"], f["message"].as_str().unwrap())
        })
        .collect()
}

#[test]
fn brat_tutorial_news() {
    let Some(shared) = support::shared_data("brat tutorial news") else { return };
    let (found, findings) = run(&shared.join("data/brat/brat-tutorial-news"));
    // 13 documents (and SOURCES.md, an undated Markdown article to dateline).
    assert_eq!(
        found,
        report(
            13,
            119,
            &[
                ("annotation/inconsistent-type", 1),
                ("annotation/unannotated-mention", 1),
                ("corpus/missing-date", 13)
            ],
            0
        )
    );
    // The tutorial plants both itself, for the reader to fix in brat: a wrong type, and an
    // exercise sentence left to annotate.
    assert_eq!(
        messages(&findings, "annotation/inconsistent-type"),
        [
            "050-editing_text_span_annotations.ann:6: `Google` is annotated `Person` here but `Organization` 18 times in this collection (`Organization` 18, `Person` 1)"
        ]
    );
    assert_eq!(
        messages(&findings, "annotation/unannotated-mention"),
        [
            "040-text_span_annotation.txt:14: `Google` is annotated 19 times in this collection (as `Organization` 18, `Person` 1) but not here"
        ]
    );
}

#[test]
fn brat_conll2002_spanish_dutch() {
    let Some(shared) = support::shared_data("brat CoNLL-2002") else { return };
    let (found, findings) = run(&shared.join("data/brat/conll2002-es-nl-sample"));
    assert_eq!(
        found,
        report(
            20,
            816,
            // The Spanish documents' dates are read (Dutch has no date words yet); without a
            // publication date their relative ones are hints.
            &[
                ("annotation/inconsistent-type", 23),
                ("corpus/missing-date", 20),
                ("date/relative-unresolved", 56),
                ("name/unknown-person", 1)
            ],
            0
        )
    );
    // CoNLL-2002's well-known metonymy: countries as places and as their governments.
    let inconsistent = messages(&findings, "annotation/inconsistent-type");
    assert!(
        inconsistent.contains(&"esp.train-doc-46.ann:99: `Madrid` is annotated `ORG` here but `LOC` 6 times in this collection (`LOC` 6, `ORG` 1)".to_owned()),
        "{inconsistent:#?}"
    );
}

#[test]
fn brat_nerel_russian() {
    let Some(shared) = support::shared_data("brat NEREL") else { return };
    let (found, findings) = run(&shared.join("data/brat/nerel-v1.1-dev"));
    assert_eq!(
        found,
        report(
            94,
            5590,
            &[
                ("annotation/inconsistent-type", 7),
                ("annotation/invalid-reference", 2),
                // Russian dates are read; NEREL gives no publication dates, so the relative
                // ones ("вчера", "в понедельник") are hints.
                ("corpus/missing-date", 94),
                ("date/relative-unresolved", 177),
            ],
            2
        )
    );
    // The texts are Russian: the English date tagger stays out of them (it once read the
    // song title «Today» in 213805_text.txt as a relative date).
    // The two errors are NEREL's own: PARTICIPANT_IN towards a DISEASE, which its
    // annotation.conf does not allow (see docs/formats.md).
    let errors = messages(&findings, "annotation/invalid-reference");
    assert!(errors.iter().all(|m| m.starts_with("405682_text.ann:")), "{errors:#?}");
    // Names with the same Wikidata item typed two ways; homonyms with different items
    // (Prince Charles, Charles County) are not compared.
    let inconsistent = messages(&findings, "annotation/inconsistent-type");
    assert!(
        inconsistent.contains(&"213197_text.ann:5: `Twitter` is annotated `ORGANIZATION` here but `PRODUCT` 4 times in this collection (`PRODUCT` 4, `ORGANIZATION` 1)".to_owned()),
        "{inconsistent:#?}"
    );
    assert!(!inconsistent.iter().any(|m| m.contains("`Чарльз`")), "{inconsistent:#?}");
}

#[test]
fn webanno_tsv_and_conllu_gum_news() {
    let Some(shared) = support::shared_data("WebAnno TSV and CoNLL-U GUM news") else { return };
    // GUM's `#Summary1=`..`#Summary5=` header lines, five per file, are not WebAnno's. GUM
    // annotates every mention (pronouns, common nouns), and types them consistently: the
    // capitalized strings it types two ways (`The report`) are not names, since it annotates
    // `the ...` too, and its two `Paris`es are two entities (their identities differ).
    let (tsv, _) = run(&shared.join("data/webanno-tsv3/gum-news"));
    assert_eq!(tsv, report(24, 5018, &[("annotation/unknown-header", 120)], 0));
    let (conllu, _) = run(&shared.join("data/conllu/gum-news"));
    assert_eq!(conllu, report(24, 5018, &[], 0));
}
