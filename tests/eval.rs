//! The real `dateline eval` binary: the score of a labelled corpus (`fixtures/eval`: a must
//! found with its code, one found by another check's code, one missed, an ok passage
//! flagged, a warning nobody labelled), its JSON, its errors (exit 2), and a run on the
//! public development set `../shared/data/news-dev`.

mod support;

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;
use support::{TempCorpus, fixtures};

fn eval(dir: &Path, args: &[&str]) -> Output {
    Command::new(support::bin()).arg("eval").args(args).current_dir(dir).output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

#[test]
fn eval_prints_per_check_precision_recall_and_the_lists() {
    let output = eval(&fixtures().join("eval"), &[]);
    assert_eq!(output.status.code(), Some(0), "a report exits 0: {}", stderr(&output));
    insta::assert_snapshot!(stdout(&output));
}

#[test]
fn eval_json_has_the_same_figures() {
    let output = eval(&fixtures().join("eval"), &["--output-format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let json: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!((json["labels"]["must"].as_u64(), json["labels"]["ok"].as_u64()), (Some(3), Some(2)));
    assert_eq!(json["labels"]["sha256"].as_str().map(str::len), Some(64));
    let total = &json["total"];
    assert_eq!(
        [&total["loud"], &total["hits"], &total["false_alarms"], &total["unlabelled"]].map(|v| v.as_u64()),
        [Some(4), Some(2), Some(1), Some(1)]
    );
    assert_eq!(json["recall_total"]["found"], 2);
    assert_eq!(json["recall_total"]["code_matched"], 1);
    let musts: Vec<(bool, bool)> = json["musts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["found"].as_bool().unwrap(), m["code_matched"].as_bool().unwrap()))
        .collect();
    assert_eq!(musts, [(true, true), (true, false), (false, false)]);
    let false_alarm = &json["false_alarms"][0];
    assert_eq!(false_alarm["code"], "name/variant");
    assert_eq!(false_alarm["labels"][0]["why"], "quoted as the banner printed it");
    assert_eq!(json["unlabelled"][0]["line"], 5);
}

/// Label `file`s are relative to the labels file, wherever `--labels` puts it.
#[test]
fn labels_elsewhere_name_articles_relative_to_themselves() {
    let corpus = TempCorpus::copy_of("eval");
    let labels = std::fs::read_to_string(corpus.path("EXPECTED.toml")).unwrap();
    std::fs::remove_file(corpus.path("EXPECTED.toml")).unwrap();
    corpus.write("labels/set.toml", &labels.replace("file = \"articles/", "file = \"../articles/"));
    let output = eval(corpus.root(), &["--labels", "labels/set.toml", "--output-format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let json: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json["recall_total"]["found"], 2);

    let output = eval(corpus.root(), &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("no labels at EXPECTED.toml (give the labels file with --labels)"),
        "{}",
        stderr(&output)
    );
}

/// A labels file that cannot be scored says where and why, and exits 2 with nothing on
/// standard output.
#[test]
fn broken_labels_are_errors_at_their_place() {
    let corpus = TempCorpus::copy_of("eval");
    let cases = [
        (
            "[[must]]\nfile = \"articles/2024-03-02-harbour.md\"\ntext = \"Vera Lindquist\"\ncode = 3\n",
            "EXPECTED.toml:4:8: invalid type: integer `3`, expected a string",
        ),
        ("[[must]\n", "EXPECTED.toml:1:"),
        (
            "[[ok]]\nfile = \"articles/2024-03-02-harbour.md\"\ntext = \"Vera Lindqvist\"\n",
            "EXPECTED.toml:3:8: the text `Vera Lindqvist` does not occur in `articles/2024-03-02-harbour.md`",
        ),
        (
            "[[ok]]\nfile = \"articles/none.md\"\ntext = \"x\"\n",
            "EXPECTED.toml:3:8: `articles/none.md`: articles/none.md: no such file",
        ),
        (
            "[[ok]]\nfile = \"kb/../dateline.toml\"\ntext = \"corpus\"\n",
            "EXPECTED.toml:3:8: `kb/../dateline.toml`: dateline.toml is not a file of the corpus",
        ),
    ];
    for (labels, expected) in cases {
        corpus.write("EXPECTED.toml", labels);
        let output = eval(corpus.root(), &[]);
        assert_eq!(output.status.code(), Some(2), "{labels}");
        assert!(
            stderr(&output).starts_with(&format!("dateline: error: {expected}")),
            "{labels}\n{}",
            stderr(&output)
        );
        assert_eq!(stdout(&output), "", "{labels}");
    }
    // Unknown keys are ignored with a warning, and the score is printed; a byte-order mark
    // is no problem.
    corpus.write(
        "EXPECTED.toml",
        "\u{feff}[[ok]]\nfile = \"articles/2024-03-02-harbour.md\"\ntext = \"harbour\"\nnote = \"mine\"\n",
    );
    let output = eval(corpus.root(), &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stderr(&output)
            .contains("warning: EXPECTED.toml:4:1: unknown key `note` in a `[[ok]]` label ignored")
    );
    assert!(stdout(&output).contains("Ok passages flagged: 0 of 1"));
}

/// A corpus rebuilt from a manifest may lack an article or hold another version of it:
/// `--skip-missing` scores the rest and lists what it left out; without it, that is an
/// error.
#[test]
fn skip_missing_leaves_out_labels_of_absent_or_changed_articles() {
    let corpus = TempCorpus::copy_of("eval");
    let labels = std::fs::read_to_string(corpus.path("EXPECTED.toml")).unwrap();
    corpus.write(
        "EXPECTED.toml",
        &format!(
            "{labels}\n[[must]]\nfile = \"articles/gone.md\"\ntext = \"x\"\ncode = \"name/\"\n\n\
             [[ok]]\nfile = \"articles/2024-03-02-harbour.md\"\ntext = \"a sentence of another version\"\n"
        ),
    );
    let output = eval(corpus.root(), &[]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));

    let output = eval(corpus.root(), &["--skip-missing", "--output-format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let err = stderr(&output);
    assert!(err.contains("left out 2 labels (--skip-missing)"), "{err}");
    assert!(err.contains("articles/gone.md `x` (absent)"), "{err}");
    assert!(err.contains("`a sentence of another version` (text not found)"), "{err}");
    let json: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!((json["labels"]["must"].as_u64(), json["labels"]["ok"].as_u64()), (Some(3), Some(2)));
    assert_eq!(json["recall_total"]["found"], 2, "the same score as without the extra labels");
}

#[test]
fn eval_runs_on_the_news_dev_set() {
    let Some(shared) = support::shared_data("eval_runs_on_the_news_dev_set") else {
        return;
    };
    let news_dev = shared.join("data/news-dev");
    let output = eval(&support::repo_root(), &[news_dev.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("(40 articles)"), "{text}");
    assert!(text.contains("(22 must, 84 ok; sha256 "), "{text}");
    assert!(text.contains("Warnings and errors per check:\n  check "), "{text}");
    assert!(text.contains("\nMusts (22):\n"), "{text}");
}
