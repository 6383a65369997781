//! The real `dateline agree` binary: figures computed by hand on our own two-annotator
//! fixtures (`fixtures/agreement`: brat and CoNLL-U), the same figures recomputed by
//! scikit-learn and the `krippendorff` package (`tests/agree/crosscheck.py`), a NEREL
//! document against a deterministically perturbed copy, and the errors. Also
//! `annotation/disagreement` in `dateline check` without a curated copy (the editor's side,
//! with one, is in tests/lsp/annotations.rs).

mod support;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;
use support::{fixtures, repo_root};

fn agree(args: &[&Path], extra: &[&str]) -> Output {
    Command::new(support::bin()).arg("agree").args(args).args(extra).output().unwrap()
}

fn json_of(dirs: &[&Path], extra: &[&str]) -> Value {
    let mut all = vec!["--output-format", "json"];
    all.extend_from_slice(extra);
    let output = agree(dirs, &all);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("JSON report")
}

fn fixture_dirs() -> (PathBuf, PathBuf) {
    let root = fixtures().join("agreement");
    (root.join("annotator-a"), root.join("annotator-b"))
}

fn assert_close(actual: &Value, expected: f64, what: &str) {
    let actual = actual.as_f64().unwrap_or_else(|| panic!("{what}: {actual} is not a number"));
    assert!((actual - expected).abs() < 1e-12, "{what}: {actual}, expected {expected}");
}

/// The units of the fixtures, annotator-a then annotator-b ("-": no annotation):
///   harbor.ann       Mira Tanaka PER/PER, Harbor Council ORG/LOC, Port Elska LOC/-, Elska -/LOC
///   wire/elders.ann  Council of Elders ORG/ORG, Vask LOC/LOC, Oren Bale PER/-
///   ferry.conllu     Ilse Varga PER/-, Captain Ilse Varga -/PER, Noor LOC/ORG
/// 10 units, 3 agreeing. Kappa: p_o = 3/10; a's marginals PER 3, ORG 2, LOC 3, - 2; b's PER 2,
/// ORG 2, LOC 3, - 3; p_e = (6 + 4 + 9 + 6)/100 = 1/4; kappa = (0.3 - 0.25)/0.75 = 1/15.
/// Alpha ("-" a category): n = 20 values, 6 agreeing pairs on the diagonal, marginals PER 5,
/// ORG 4, LOC 6, - 5 (sum of squares 102): alpha = 1 - 19 * 14 / (400 - 102) = 16/149.
/// Alpha ("-" missing): the 5 units both marked, n = 10, diagonal 6, marginals PER 2, ORG 4,
/// LOC 4: alpha = 1 - 9 * 4 / (100 - 36) = 7/16.
/// Exact spans: a has 8, b has 7, 3 equal: P 3/7, R 3/8, F1 6/15. Overlap: Port Elska/Elska
/// and Ilse Varga/Captain Ilse Varga also match: 5 of a's, 5 of b's: P 5/7, R 5/8, F1 2/3.
/// PER against the rest: (1,1) Mira, (1,0) Oren and Ilse, (0,1) Captain, (0,0) six others:
/// p_o = 7/10, p_e = (3*2 + 7*8)/100 = 0.62, kappa = 0.08/0.38 = 4/19.
#[test]
fn figures_on_our_fixtures_are_the_ones_computed_by_hand() {
    let (a, b) = fixture_dirs();
    let report = json_of(&[&a, &b], &[]);
    assert_eq!(report["annotators"], serde_json::json!(["annotator-a", "annotator-b"]));
    assert_eq!(report["labels"], serde_json::json!(["LOC", "ORG", "PER"]));
    let overall = &report["collection"]["overall"];
    assert_eq!(overall["units"], 10);
    assert_close(&overall["alpha"], 16.0 / 149.0, "alpha");
    assert_close(&overall["alpha_marked"], 7.0 / 16.0, "alpha_marked");
    let pair = &overall["pairs"][0];
    assert_eq!(
        (pair["reference"].as_str(), pair["candidate"].as_str()),
        (Some("annotator-a"), Some("annotator-b"))
    );
    assert_close(&pair["kappa"], 1.0 / 15.0, "kappa");
    assert_close(&pair["exact"]["precision"], 3.0 / 7.0, "exact precision");
    assert_close(&pair["exact"]["recall"], 3.0 / 8.0, "exact recall");
    assert_close(&pair["exact"]["f1"], 6.0 / 15.0, "exact F1");
    assert_close(&pair["overlap"]["precision"], 5.0 / 7.0, "overlap precision");
    assert_close(&pair["overlap"]["recall"], 5.0 / 8.0, "overlap recall");
    assert_close(&pair["overlap"]["f1"], 2.0 / 3.0, "overlap F1");
    assert_close(&report["collection"]["per_label"]["PER"]["pairs"][0]["kappa"], 4.0 / 19.0, "PER kappa");
    // LOC: a has Port Elska, Vask, Noor; b has Harbor Council, Elska, Vask: one equal.
    assert_close(&report["collection"]["per_label"]["LOC"]["pairs"][0]["exact"]["f1"], 1.0 / 3.0, "LOC F1");

    // Per document: wire/elders.ann's ORG and LOC agree, Oren Bale only a marked. Kappa:
    // a says ORG, LOC, PER; b says ORG, LOC, -: p_o = 2/3, p_e = (1*1 + 1*1 + 1*0 + 0*1)/9 =
    // 2/9, kappa = (6/9 - 2/9)/(7/9) = 4/7. Alpha ("-" missing): the units both marked agree.
    let elders =
        report["documents"].as_array().unwrap().iter().find(|d| d["document"] == "wire/elders.ann").unwrap();
    assert_close(&elders["overall"]["pairs"][0]["kappa"], 4.0 / 7.0, "elders kappa");
    assert_close(&elders["overall"]["alpha_marked"], 1.0, "elders alpha_marked");
    assert_eq!(report["documents"].as_array().unwrap().len(), 3);
    // The document only annotator-a has is named, not compared.
    assert_eq!(
        report["left_out"],
        serde_json::json!([{"document": "unpaired.ann", "reason": "only one annotator has a readable version", "annotators": ["annotator-a"]}])
    );
}

#[test]
fn the_text_report_has_a_row_per_label_and_says_what_was_left_out() {
    let (a, b) = fixture_dirs();
    let output = agree(&[&a, &b], &["--per-document"]);
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.starts_with("2 annotators (annotator-a, annotator-b), 3 documents compared\n"), "{text}");
    assert!(text.contains("annotator-b against annotator-a (reference), 10 units"), "{text}");
    // Collection row: 10 units, alpha 16/149 = 0.107, alpha marked 7/16 = 0.438.
    assert!(
        text.lines().any(|l| l.split_whitespace().collect::<Vec<_>>() == ["(all)", "10", "0.107", "0.438"]),
        "{text}"
    );
    assert!(text.contains("\nwire/elders.ann\n"), "{text}");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("unpaired.ann: only annotator-a has a readable version; left out"), "{stderr}");
}

#[test]
fn identical_folders_agree_perfectly() {
    let (a, _) = fixture_dirs();
    let copy = tempfile::tempdir().unwrap();
    support::copy_dir(&a, copy.path());
    let report = json_of(&[&a, copy.path()], &[]);
    let overall = &report["collection"]["overall"];
    assert_close(&overall["alpha"], 1.0, "alpha");
    assert_close(&overall["pairs"][0]["kappa"], 1.0, "kappa");
    assert_close(&overall["pairs"][0]["exact"]["f1"], 1.0, "F1");
}

#[test]
fn three_annotators_give_three_pairs_and_one_alpha() {
    let (a, b) = fixture_dirs();
    let copy = tempfile::tempdir().unwrap();
    let c = copy.path().join("annotator-c");
    support::copy_dir(&a, &c);
    let report = json_of(&[&a, &b, &c], &[]);
    let pairs = report["collection"]["overall"]["pairs"].as_array().unwrap();
    let names: Vec<(&str, &str)> =
        pairs.iter().map(|p| (p["reference"].as_str().unwrap(), p["candidate"].as_str().unwrap())).collect();
    assert_eq!(
        names,
        [("annotator-a", "annotator-b"), ("annotator-a", "annotator-c"), ("annotator-b", "annotator-c")]
    );
    assert_close(&pairs[1]["kappa"], 1.0, "a against its copy");
    // unpaired.ann is now in two folders (a and c): compared, with b missing there.
    assert_eq!(report["documents"].as_array().unwrap().len(), 4);
}

#[test]
fn a_missing_folder_is_an_error_with_exit_2() {
    let (a, _) = fixture_dirs();
    let output = agree(&[&a, Path::new("no-such-annotator")], &[]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("no-such-annotator: no such folder"), "{stderr}");
    let output = agree(&[&a], &[]);
    assert_eq!(output.status.code(), Some(2), "one folder is a usage error");
    let empty = tempfile::tempdir().unwrap();
    let output = agree(&[&a, empty.path()], &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8(output.stderr).unwrap().contains("nothing to compare"));
}

/// Python 3 with scikit-learn and krippendorff, or `None` after saying why the test skips
/// (a failure under `DATELINE_REQUIRE_DATA=1`, as in CI, whose `.ci/run` installs them).
fn python_with_packages(what: &str) -> Option<()> {
    let found = Command::new("python3")
        .args(["-c", "import krippendorff, sklearn, numpy"])
        .output()
        .is_ok_and(|o| o.status.success());
    if found {
        return Some(());
    }
    assert!(
        std::env::var_os("DATELINE_REQUIRE_DATA").is_none(),
        "{what} needs python3 with krippendorff and scikit-learn (pip install krippendorff scikit-learn), \
         and DATELINE_REQUIRE_DATA is set"
    );
    eprintln!(
        "SKIPPED {what}: python3 with krippendorff and scikit-learn is absent (pip install krippendorff scikit-learn)"
    );
    None
}

/// Runs `crosscheck.py` on the units and JSON of `dirs`; returns how many figures it compared.
fn crosscheck(dirs: &[&Path]) -> usize {
    let work = tempfile::tempdir().unwrap();
    let units = work.path().join("units.tsv");
    let json = work.path().join("report.json");
    let output = agree(dirs, &["--output-format", "json", "--export-units", units.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    std::fs::write(&json, &output.stdout).unwrap();
    let script = repo_root().join("tests/agree/crosscheck.py");
    let checked = Command::new("python3").arg(script).arg(&units).arg(&json).output().unwrap();
    let stdout = String::from_utf8_lossy(&checked.stdout);
    assert!(
        checked.status.success(),
        "the independent figures differ:\n{stdout}{}",
        String::from_utf8_lossy(&checked.stderr)
    );
    let summary = stdout.lines().last().unwrap_or_default();
    summary
        .strip_prefix("crosscheck: ")
        .and_then(|s| s.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no summary line: {stdout}"))
}

#[test]
fn scikit_learn_and_krippendorff_agree_with_our_figures_on_the_fixtures() {
    if python_with_packages("the independent cross-check").is_none() {
        return;
    }
    let (a, b) = fixture_dirs();
    // Collection and 3 documents, each overall and per label, each alpha, alpha marked,
    // kappa and exact P/R/F1.
    assert!(crosscheck(&[&a, &b]) >= 90);
    let copy = tempfile::tempdir().unwrap();
    support::copy_dir(&a, &copy.path().join("annotator-c"));
    assert!(crosscheck(&[&a, &b, &copy.path().join("annotator-c")]) > 90);
}

/// A NEREL document (brat) in `original/` and a copy in `perturbed/` with every
/// `RELABEL_EVERY`th distinct (type, offsets) annotation relabelled and, with `drop`, every
/// `DROP_EVERY`th of the others dropped.
struct Perturbed {
    dir: tempfile::TempDir,
    /// Distinct (type, offsets) pairs of the original.
    distinct: usize,
    dropped: usize,
    relabelled: usize,
}

const DROP_EVERY: usize = 7;
const RELABEL_EVERY: usize = 5;

impl Perturbed {
    fn original(&self) -> PathBuf {
        self.dir.path().join("original")
    }

    fn perturbed(&self) -> PathBuf {
        self.dir.path().join("perturbed")
    }
}

fn perturbed_nerel(shared: &Path, drop: bool) -> Perturbed {
    let collection = shared.join("data/brat/nerel-v1.1-dev");
    let mut anns: Vec<PathBuf> = std::fs::read_dir(&collection)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ann"))
        .collect();
    anns.sort();
    let ann = anns
        .into_iter()
        .find(|p| std::fs::read_to_string(p).unwrap().lines().filter(|l| l.starts_with('T')).count() >= 40)
        .expect("a NEREL document with 40 annotations");
    let dir = tempfile::tempdir().unwrap();
    let name = ann.file_name().unwrap();
    let text = std::fs::read_to_string(&ann).unwrap();
    // The key of a text-bound line: its type and offsets (`T3\tPERSON 0 5\tword`).
    let key = |line: &str| -> Option<(String, String)> {
        let middle = line.strip_prefix('T')?.split('\t').nth(1)?;
        let (ty, offsets) = middle.split_once(' ')?;
        Some((ty.to_string(), offsets.to_string()))
    };
    let keys: Vec<(String, String)> =
        text.lines().filter_map(key).collect::<BTreeSet<_>>().into_iter().collect();
    let nth = |k: &(String, String)| keys.iter().position(|x| x == k).unwrap() + 1;
    let relabel = |i: usize| i % RELABEL_EVERY == 0;
    let dropped = |i: usize| drop && i % DROP_EVERY == 0 && !relabel(i);
    let mut perturbed = String::new();
    for line in text.lines() {
        match key(line) {
            Some(k) if relabel(nth(&k)) => {
                perturbed.push_str(&line.replacen(
                    &format!("\t{} ", k.0),
                    &format!("\t{}-RELABELLED ", k.0),
                    1,
                ));
            }
            Some(k) if dropped(nth(&k)) => continue,
            _ => perturbed.push_str(line),
        }
        perturbed.push('\n');
    }
    for (folder, ann_text) in [("original", &text), ("perturbed", &perturbed)] {
        let folder = dir.path().join(folder);
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::copy(ann.with_extension("txt"), folder.join(name).with_extension("txt")).unwrap();
        std::fs::write(folder.join(name), ann_text).unwrap();
    }
    let n = keys.len();
    Perturbed {
        dir,
        distinct: n,
        dropped: (1..=n).filter(|&i| dropped(i)).count(),
        relabelled: (1..=n).filter(|&i| relabel(i)).count(),
    }
}

#[test]
fn a_perturbed_nerel_document_moves_the_figures_as_expected() {
    let Some(shared) = support::shared_data("agreement on a perturbed NEREL document") else { return };
    // Relabelling k of the n distinct annotations: exact F1 (n - k)/n.
    let p = perturbed_nerel(&shared, false);
    let report = json_of(&[&p.original(), &p.perturbed()], &[]);
    let (n, k) = (p.distinct as f64, p.relabelled as f64);
    assert!(p.relabelled > 0);
    let exact = &report["collection"]["overall"]["pairs"][0]["exact"];
    assert_eq!(exact["reference"], p.distinct);
    assert_eq!(exact["candidate"], p.distinct);
    assert_close(&exact["f1"], (n - k) / n, "exact F1 after relabelling k of n");
    // Dropping d more: precision (n - k - d)/(n - d), recall (n - k - d)/n.
    let p = perturbed_nerel(&shared, true);
    let report = json_of(&[&p.original(), &p.perturbed()], &[]);
    let (n, k, d) = (p.distinct as f64, p.relabelled as f64, p.dropped as f64);
    assert!(p.dropped > 0);
    let pair = &report["collection"]["overall"]["pairs"][0];
    assert_eq!(pair["exact"]["candidate"], p.distinct - p.dropped);
    assert_close(&pair["exact"]["precision"], (n - k - d) / (n - d), "exact precision");
    assert_close(&pair["exact"]["recall"], (n - k - d) / n, "exact recall");
    // Most units still agree: kappa and alpha fall below 1 but stay well above chance.
    let kappa = pair["kappa"].as_f64().unwrap();
    let alpha = report["collection"]["overall"]["alpha"].as_f64().unwrap();
    assert!(kappa > 0.5 && kappa < 1.0, "kappa {kappa}");
    assert!(alpha > 0.5 && alpha < 1.0, "alpha {alpha}");
}

#[test]
fn scikit_learn_and_krippendorff_agree_with_our_figures_on_nerel() {
    let Some(shared) = support::shared_data("the independent cross-check on NEREL") else { return };
    if python_with_packages("the independent cross-check on NEREL").is_none() {
        return;
    }
    let p = perturbed_nerel(&shared, true);
    assert!(crosscheck(&[&p.original(), &p.perturbed()]) > 50);
}

#[test]
fn without_a_curated_copy_check_reports_disagreements_on_the_first_annotators_text() {
    let corpus = support::TempCorpus::copy_of("checks/annotation/disagreement");
    corpus.write("dateline.toml", "[agreement]\nannotators = [\"annotator-a\", \"annotator-b\"]\n");
    let output = Command::new(support::bin())
        .args(["check", "--select", "annotation/disagreement", "--output-format", "json", "."])
        .current_dir(corpus.root())
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "info findings do not fail: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let findings: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap();
    let at: Vec<String> = findings
        .iter()
        .map(|f| format!("{}:{}:{}", f["path"].as_str().unwrap(), f["line"], f["column"]))
        .collect();
    assert_eq!(
        at,
        ["annotator-a/harbor.txt:1:34", "annotator-a/harbor.txt:1:52", "annotator-a/harbor.txt:1:57"]
    );
    assert_eq!(
        findings[0]["message"],
        "annotators disagree on `Harbor Council`: annotator-a `ORG`, annotator-b `LOC`"
    );
    // The related location is the other annotator's, not the finding's own file again.
    let related = serde_json::to_string(&findings[0]).unwrap();
    assert!(
        related.contains("annotator-b/harbor.ann") && !related.contains("annotator-a/harbor.ann"),
        "{related}"
    );
}

#[test]
fn taking_no_annotation_is_not_offered_for_an_annotation_other_lines_refer_to() {
    use dateline::analysis::AnalysisHost;
    use dateline::corpus::Config;
    let corpus = support::TempCorpus::copy_of("checks/annotation/disagreement");
    let note = "#1\tAnnotatorNotes T3\tthe port, not the town\n";
    let ann = std::fs::read_to_string(corpus.path("curated/harbor.ann")).unwrap();
    corpus.write("curated/harbor.ann", &format!("{ann}{note}"));
    let toml = std::fs::read_to_string(corpus.path("dateline.toml")).unwrap();
    let config = Config::parse(corpus.root().to_path_buf(), corpus.path("dateline.toml"), &toml).unwrap();
    let snapshot = AnalysisHost::load(config).snapshot();
    let txt = snapshot.file_id(&corpus.path("curated/harbor.txt")).unwrap();
    let titles = |needle: &str| -> Vec<String> {
        let text = "Mira Tanaka met officials of the Harbor Council in Port Elska on Monday.\n";
        let start = text.find(needle).unwrap();
        let range = dateline::span::Span::new(start, start + needle.len());
        snapshot.assists(txt, range).into_iter().map(|a| a.title).collect()
    };
    // T3 (`Port Elska`) has a note: removing it would orphan the note.
    assert_eq!(titles("Port "), Vec::<String>::new());
    // T2 (`Harbor Council`) has none, and retyping keeps the id anyway.
    assert_eq!(titles("Harbor Council"), ["Take annotator-b's (`LOC`)"]);
}

#[test]
fn check_finds_one_disagreement_per_unit_agree_counts_as_disagreeing() {
    // The fixtures of `agree`, brat and CoNLL-U, as a corpus with `[agreement]`: 10 units, 3
    // agreeing (Mira Tanaka, Council of Elders, Vask), so 7 findings.
    let corpus = support::TempCorpus::copy_of("agreement");
    corpus.write("dateline.toml", "[agreement]\nannotators = [\"annotator-a\", \"annotator-b\"]\n");
    let output = Command::new(support::bin())
        .args(["check", "--select", "annotation/disagreement", "--output-format", "json", "."])
        .current_dir(corpus.root())
        .output()
        .unwrap();
    let findings: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap();
    let mut per_file: Vec<(String, usize)> = Vec::new();
    for finding in &findings {
        let path = finding["path"].as_str().unwrap().to_owned();
        match per_file.iter_mut().find(|(p, _)| *p == path) {
            Some((_, n)) => *n += 1,
            None => per_file.push((path, 1)),
        }
    }
    per_file.sort();
    assert_eq!(
        per_file,
        [
            ("annotator-a/ferry.conllu".to_owned(), 3),
            ("annotator-a/harbor.txt".to_owned(), 3),
            ("annotator-a/wire/elders.txt".to_owned(), 1)
        ]
    );
    // In CoNLL-U the text is the `# text =` line: the finding points at the words there
    // (`# text = ` is 9 characters, `Noor` starts at 29 of the text).
    let noor = findings.iter().find(|f| f["message"].as_str().unwrap().contains("`Noor`")).unwrap();
    assert_eq!((noor["line"].as_u64(), noor["column"].as_u64()), (Some(2), Some(39)), "{noor}");
    assert_eq!(noor["message"], "annotators disagree on `Noor`: annotator-a `LOC`, annotator-b `ORG`");
}
