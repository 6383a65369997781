//! Only new findings: `check --baseline FILE` (with `--write-baseline`) and `check --diff-from
//! REF`, on copies of the example corpus, with the real binary and, for `--diff-from`, a real
//! git repository built in a temporary folder.

mod support;

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;
use support::TempCorpus;

const ARTICLE: &str = "articles/2021-11-17-border-clashes.md";

fn check(dir: &Path, args: &[&str]) -> Output {
    Command::new(support::bin()).arg("check").args(args).current_dir(dir).output().unwrap()
}

fn json(dir: &Path, args: &[&str]) -> (Vec<Value>, Output) {
    let mut args = args.to_vec();
    args.extend(["--output-format", "json"]);
    let output = check(dir, &args);
    let findings = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|err| panic!("{err}: {}", String::from_utf8_lossy(&output.stderr)));
    (findings, output)
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// `code@line: flagged` of each finding, to compare runs.
fn summary(findings: &[Value]) -> Vec<String> {
    findings.iter().map(|f| format!("{}@{}:{}", f["code"], f["path"], f["line"])).collect()
}

fn edit(corpus: &TempCorpus, rel: &str, change: impl FnOnce(&str) -> String) {
    let text = std::fs::read_to_string(corpus.path(rel)).unwrap();
    let changed = change(&text);
    assert_ne!(text, changed, "the edit must change {rel}");
    corpus.write(rel, &changed);
}

#[test]
fn a_baseline_hides_known_findings_across_edits_that_move_them() {
    let corpus = TempCorpus::copy_of("corpus");
    let (all, _) = json(corpus.root(), &[]);
    assert!(all.len() > 10, "the example corpus has findings to record: {all:?}");
    let written = check(corpus.root(), &["--baseline", "baseline.json", "--write-baseline"]);
    assert_eq!(written.status.code(), Some(0), "{}", stderr(&written));
    assert!(written.stdout.is_empty(), "writing a baseline reports nothing on stdout");
    assert!(stderr(&written).contains(&format!("wrote {} findings", all.len())), "{}", stderr(&written));
    let baseline: Value =
        serde_json::from_str(&std::fs::read_to_string(corpus.path("baseline.json")).unwrap()).unwrap();
    assert_eq!(baseline["findings"].as_array().unwrap().len(), all.len());
    assert_eq!(baseline["findings"][0]["path"].as_str().unwrap().split('/').next(), Some("articles"));

    // Every finding is known: nothing shown, exit 0 even failing on warnings.
    let (left, output) = json(corpus.root(), &["--baseline", "baseline.json", "--fail-on", "warning"]);
    assert_eq!(left, Vec::<Value>::new());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stderr(&output).contains(&format!("{} findings listed in the baseline", all.len())));

    // Lines added above every finding and spacing changed around one: all still known.
    let before: Vec<Value> = all.iter().filter(|f| f["path"] == ARTICLE).cloned().collect();
    assert!(!before.is_empty());
    edit(&corpus, ARTICLE, |text| {
        let body = text.find("\n---\n").unwrap() + 5;
        let moved = format!(
            "{}A paragraph added later.\n\nAnd another one, two lines long,\nto move every finding down.\n\n{}",
            &text[..body],
            &text[body..]
        );
        moved.replacen("Minister Nikol Pashinian", "Minister  Nikol Pashinian", 1)
    });
    let (moved, _) = json(corpus.root(), &[]);
    let lines = |findings: &[Value]| -> Vec<u64> {
        findings.iter().filter(|f| f["path"] == ARTICLE).map(|f| f["line"].as_u64().unwrap()).collect()
    };
    assert!(
        lines(&moved).iter().zip(lines(&before)).all(|(now, was)| *now == was + 5),
        "the edit moved them"
    );
    let (left, output) = json(corpus.root(), &["--baseline", "baseline.json"]);
    assert_eq!(summary(&left), Vec::<String>::new(), "{}", stderr(&output));

    // A new error on a new line is the one finding shown, and fails the run; a fixed finding
    // is listed as fixed.
    edit(&corpus, ARTICLE, |text| {
        format!("{text}\nOn Tuesday, 15 June 2021, Nikol Pashinian was in Yerevan.\n").replacen(
            "Minister  Nikol Pashinian asked",
            "Minister Nikol Pashinyan asked",
            1,
        )
    });
    let (new, output) = json(corpus.root(), &["--baseline", "baseline.json"]);
    let last_line = std::fs::read_to_string(corpus.path(ARTICLE)).unwrap().lines().count() as u64;
    assert!(!new.is_empty());
    assert!(new.iter().all(|f| f["path"] == ARTICLE), "{new:?}");
    assert!(
        new.iter().any(|f| f["code"] == "name/variant" && f["line"].as_u64() == Some(last_line)),
        "the new variant on the new line: {new:?}"
    );
    assert!(new.iter().all(|f| f["fingerprint"].as_str().is_some_and(|p| p.len() == 16)));
    let err = stderr(&output);
    assert!(err.contains("of the baseline fixed"), "{err}");
    assert!(err.contains(&format!("{ARTICLE}:14: name/variant")), "the fixed one, where it was: {err}");
}

#[test]
fn alike_findings_are_counted_not_merged() {
    let line = "Nikol Pashinian met the press.";
    let corpus = TempCorpus::copy_of("corpus");
    edit(&corpus, ARTICLE, |text| format!("{text}\n{line}\n\n{line}\n"));
    let (findings, _) = json(corpus.root(), &["--select", "name/variant"]);
    let alike: Vec<&Value> = findings.iter().filter(|f| f["line"].as_u64() > Some(20)).collect();
    assert_eq!(alike.len(), 2, "{findings:?}");
    assert_ne!(alike[0]["fingerprint"], alike[1]["fingerprint"], "numbered in the file");
    check(corpus.root(), &["--select", "name/variant", "--baseline", "b.json", "--write-baseline"]);
    // A third one is new, though it looks exactly like the two known ones.
    edit(&corpus, ARTICLE, |text| format!("{text}\n{line}\n"));
    let (new, _) = json(corpus.root(), &["--select", "name/variant", "--baseline", "b.json"]);
    assert_eq!(new.len(), 1, "{new:?}");
}

#[test]
fn broken_or_missing_baselines_are_usage_errors_that_say_what_to_do() {
    let corpus = TempCorpus::copy_of("corpus");
    let missing = check(corpus.root(), &["--baseline", "none.json"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("--write-baseline"), "{}", stderr(&missing));
    for (body, says) in [
        ("{ not json", "is not a dateline baseline"),
        (r#"{"dateline_baseline": 9, "findings": []}"#, "version 9"),
        (
            r#"{"dateline_baseline": 1, "findings": [{"fingerprint": "zz", "code": "x", "path": "a", "line": 1, "message": ""}]}"#,
            "not 16 hex digits",
        ),
    ] {
        corpus.write("bad.json", body);
        let output = check(corpus.root(), &["--baseline", "bad.json"]);
        assert_eq!(output.status.code(), Some(2), "{body}");
        assert!(output.stdout.is_empty());
        assert!(stderr(&output).contains(says), "{body}: {}", stderr(&output));
    }
    let output = check(corpus.root(), &["--write-baseline"]);
    assert_eq!(output.status.code(), Some(2), "--write-baseline needs --baseline");
    // Writing never clobbers a file that is not a baseline.
    let article = std::fs::read(corpus.path(ARTICLE)).unwrap();
    let output = check(corpus.root(), &["--baseline", ARTICLE, "--write-baseline"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("is not a dateline baseline: not overwritten"), "{}", stderr(&output));
    assert_eq!(std::fs::read(corpus.path(ARTICLE)).unwrap(), article);
}

#[test]
fn sarif_carries_fingerprints_and_marks_new_results() {
    let corpus = TempCorpus::copy_of("corpus");
    let sarif = |args: &[&str]| -> Value {
        let mut args = args.to_vec();
        args.extend(["--output-format", "sarif"]);
        serde_json::from_slice(&check(corpus.root(), &args).stdout).unwrap()
    };
    let (all, _) = json(corpus.root(), &[]);
    let log = sarif(&[]);
    let results = log["runs"][0]["results"].as_array().unwrap();
    let prints: Vec<&Value> =
        results.iter().map(|r| &r["partialFingerprints"]["datelineFingerprint/v1"]).collect();
    let expected: Vec<&Value> = all.iter().map(|f| &f["fingerprint"]).collect();
    assert_eq!(prints, expected, "SARIF and JSON agree");
    assert!(results.iter().all(|r| r.get("baselineState").is_none()));

    check(corpus.root(), &["--baseline", "b.json", "--write-baseline"]);
    edit(&corpus, ARTICLE, |text| format!("{text}\nNikol Pashinian spoke.\n"));
    let log = sarif(&["--baseline", "b.json"]);
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert!(!results.is_empty());
    assert!(results.iter().all(|r| r["baselineState"] == "new"), "{results:?}");
}

fn git(dir: &Path, args: &[&str]) {
    let output = Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(output.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&output.stderr));
}

/// The example corpus as the one commit of a new repository.
fn repository() -> TempCorpus {
    let corpus = TempCorpus::copy_of("corpus");
    git(corpus.root(), &["init", "-q"]);
    git(corpus.root(), &["add", "-A"]);
    git(corpus.root(), &["commit", "-q", "-m", "corpus"]);
    corpus
}

#[test]
fn diff_from_reports_findings_on_changed_lines_and_those_a_kb_edit_causes() {
    let corpus = repository();
    let (unchanged, output) = json(corpus.root(), &["--diff-from", "HEAD"]);
    assert_eq!(unchanged, Vec::<Value>::new(), "{}", stderr(&output));

    // An article edited on one line: only that line's findings, though the file has more.
    edit(&corpus, ARTICLE, |text| {
        format!("{text}\nOn Tuesday, 15 June 2021, Nikol Pashinian was in Yerevan.\n")
    });
    let (changed, output) = json(corpus.root(), &["--diff-from", "HEAD"]);
    let last_line = std::fs::read_to_string(corpus.path(ARTICLE)).unwrap().lines().count() as u64;
    assert!(!changed.is_empty(), "{}", stderr(&output));
    assert!(
        changed.iter().all(|f| f["path"] == ARTICLE && f["line"].as_u64() == Some(last_line)),
        "{changed:?}"
    );
    let (whole, _) = json(corpus.root(), &[]);
    assert!(whole.iter().filter(|f| f["path"] == ARTICLE).count() > changed.len());

    // Committed: a ref before the commit still sees the change; HEAD sees nothing.
    git(corpus.root(), &["commit", "-q", "-am", "edit"]);
    assert_eq!(json(corpus.root(), &["--diff-from", "HEAD"]).0, Vec::<Value>::new());
    assert_eq!(summary(&json(corpus.root(), &["--diff-from", "HEAD~1"]).0), summary(&changed));

    // A KB edit that breaks an article elsewhere: the article's finding is in scope.
    edit(&corpus, "kb/events.toml", |text| text.replacen("date = 2021-06-15", "date = 2021-06-16", 1));
    let (caused, _) = json(corpus.root(), &["--diff-from", "HEAD"]);
    assert!(
        caused.iter().any(|f| f["code"] == "date/event-mismatch"
            && f["path"].as_str().is_some_and(|p| p.contains("shusha"))),
        "{caused:?}"
    );
    assert!(caused.iter().all(|f| f["path"] != ARTICLE), "untouched findings stay out: {caused:?}");

    // A new, untracked article: all of its findings.
    corpus.write("articles/2021-12-01-new.md", "---\ndate: 2021-12-01\n---\n\nNikol Pashinian spoke.\n");
    let (untracked, _) = json(corpus.root(), &["--diff-from", "HEAD"]);
    assert!(untracked.iter().any(|f| f["path"] == "articles/2021-12-01-new.md"), "{untracked:?}");

    let bad = check(corpus.root(), &["--diff-from", "no-such-branch"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("no such commit"), "{}", stderr(&bad));
}

#[test]
fn diff_from_outside_a_repository_is_a_clear_error() {
    let corpus = TempCorpus::copy_of("corpus");
    let output = check(corpus.root(), &["--diff-from", "HEAD"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("needs a git repository"), "{}", stderr(&output));
}
