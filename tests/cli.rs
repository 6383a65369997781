//! The real `dateline check` binary: exit codes, the human and JSON formats, bad input.

mod support;

use std::process::{Command, Output};

use support::{TempCorpus, fixtures};

fn check(dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(support::bin()).arg("check").args(args).current_dir(dir).output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

const KB: &str = "[[entity]]\nid = \"nikol-pashinyan\"\nkind = \"person\"\nname = \"Nikol Pashinyan\"\nvariants = [\"Pashinian\"]\n";

#[test]
fn exit_codes_follow_the_worst_severity() {
    let clean = TempCorpus::new(&[
        ("kb/kb.toml", KB),
        ("a.md", "---\ndate: 2021-11-17\n---\nNikol Pashinyan spoke.\n"),
    ]);
    let output = check(clean.root(), &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert_eq!(stdout(&output), "No findings in 2 files.\n");

    let warned =
        TempCorpus::new(&[("kb/kb.toml", KB), ("a.md", "---\ndate: 2021-11-17\n---\nPashinian spoke.\n")]);
    let output = check(warned.root(), &[]);
    assert_eq!(output.status.code(), Some(0), "warnings do not fail the run");

    let broken = TempCorpus::new(&[("kb/kb.toml", KB), ("a.md", "---\ndate: 2021-02-30\n---\nText.\n")]);
    assert_eq!(check(broken.root(), &[]).status.code(), Some(1));
}

#[test]
fn human_output_has_location_code_excerpt_and_summary() {
    let corpus = fixtures().join("corpus");
    let output = check(&corpus, &["articles/2021-11-17-border-clashes.md"]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    let expected = "\
articles/2021-11-17-border-clashes.md:14:16: warning[name/variant] `Nikol Pashinian` is a variant of `Nikol Pashinyan`; write `Nikol Pashinyan`
   |
14 | Prime Minister Nikol Pashinian asked Russia for help under the Collective Security Treaty
   |                ^^^^^^^^^^^^^^^
  note: kb/people.toml:116:13: listed as a variant of `nikol-pashinyan`
  fix: Replace with `Nikol Pashinyan`
";
    assert!(text.contains(expected), "{text}");
    assert!(
        text.ends_with("Found 4 findings (4 warnings) in 1 file; 2 fixable with a safe fix, 1 more with `--unsafe-fixes`.\n"),
        "{text}"
    );

    let concise = stdout(&check(&corpus, &["--output-format", "concise", "kb"]));
    let lines: Vec<_> = concise.lines().collect();
    assert_eq!(lines.len(), 5, "four findings and the summary: {concise}");
    assert!(lines[..4].iter().all(|l| l.starts_with("kb/planted.toml:")), "{concise}");
    assert_eq!(
        lines[4],
        "Found 4 findings (3 errors, 1 warning) in 5 files; 1 fixable with `--unsafe-fixes`."
    );
}

#[test]
fn json_output_is_an_array_of_findings_with_positions() {
    let corpus = fixtures().join("corpus");
    let output = check(&corpus, &["--output-format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let findings: Vec<serde_json::Value> =
        serde_json::from_slice(&output.stdout).expect("pure JSON on stdout");
    let variant = findings.iter().find(|f| f["code"] == "name/variant").unwrap();
    assert_eq!(variant["path"], "articles/2021-11-17-border-clashes.md");
    assert_eq!((variant["line"].as_u64(), variant["column"].as_u64()), (Some(14), Some(16)));
    assert_eq!((variant["end_line"].as_u64(), variant["end_column"].as_u64()), (Some(14), Some(31)));
    assert_eq!(variant["severity"], "warning");
    assert_eq!(variant["fix"]["applicability"], "safe");
    assert_eq!(variant["fix"]["edits"][0]["content"], "Nikol Pashinyan");
    assert_eq!(variant["related"][0]["path"], "kb/people.toml");
    let dup = findings.iter().find(|f| f["code"] == "kb/duplicate-id").unwrap();
    assert_eq!(dup["severity"], "error");
    assert_eq!(dup["message"], "duplicate KB id `zakir-hasanov`: this entry is ignored");
}

#[test]
fn usage_and_config_errors_exit_two() {
    let nowhere = Command::new(support::bin()).args(["check", "/no/such/dir"]).output().unwrap();
    assert_eq!(nowhere.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&nowhere.stderr).contains("/no/such/dir: no such file or directory"));

    let bad_flag = Command::new(support::bin()).args(["check", "--output-format", "yaml"]).output().unwrap();
    assert_eq!(bad_flag.status.code(), Some(2));

    let help = Command::new(support::bin()).args(["check", "--help"]).output().unwrap();
    assert_eq!(help.status.code(), Some(0));

    let broken = TempCorpus::new(&[("dateline.toml", "[corpus]\ninclude = [\"**/*.md\"\n"), ("a.md", "x")]);
    let output = check(broken.root(), &[]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("dateline.toml") && stderr.contains("dateline.toml:2:"), "{stderr}");
    assert!(output.stdout.is_empty());

    let typo = TempCorpus::new(&[("dateline.toml", "[corpus]\nincludes = []\n")]);
    let stderr = String::from_utf8(check(typo.root(), &[]).stderr).unwrap();
    assert!(stderr.contains("unknown field `includes`"), "{stderr}");
}

#[test]
fn bad_input_is_reported_not_fatal() {
    let corpus = TempCorpus::new(&[
        ("kb/broken.toml", "[[entity]\nid = \"x\"\n"),
        ("kb/fine.toml", KB),
        ("binary.txt", ""),
        ("good.md", "---\ndate: 2021-11-17\n---\nPashinian spoke.\n"),
    ]);
    std::fs::write(corpus.path("binary.txt"), [0xff, 0xfe, 0x00, 0x41, 0x80, 0x0a]).unwrap();
    // A 50 MB file: reported as too large, never read whole, no hang.
    let big = std::fs::File::create(corpus.path("dump.txt")).unwrap();
    big.set_len(50 * 1024 * 1024).unwrap();
    let output = check(corpus.root(), &["--output-format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    let codes: Vec<_> = findings
        .iter()
        .map(|f| format!("{} {}", f["path"].as_str().unwrap(), f["code"].as_str().unwrap()))
        .collect();
    for expected in [
        "binary.txt corpus/invalid-utf8",
        "dump.txt corpus/file-too-large",
        "kb/broken.toml kb/syntax-error",
        "good.md name/variant",
    ] {
        assert!(codes.iter().any(|c| c == expected), "missing {expected} in {codes:#?}");
    }
}

#[test]
fn the_seed_articles_with_our_kb() {
    let Some(_) = support::shared_data("the seed-article CLI test") else { return };
    let seeds = fixtures().join("seeds");
    let expected = support::expected_findings(&seeds.join("expected.txt"));
    let output = check(&seeds, &["--output-format", "json"]);
    support::assert_same_findings(&expected, &support::finding_keys(&output.stdout, true));
    let human = stdout(&check(&seeds, &[]));
    assert!(human.contains("in 10 files"), "five seeds and five KB files: {human}");
}

/// `--fail-on`, `--exit-zero` and the selection flags decide the exit code; the format
/// never does.
#[test]
fn exit_codes_follow_fail_on_and_the_selection() {
    let corpus = TempCorpus::new(&[
        ("kb/kb.toml", KB),
        ("a.md", "---\ndate: 2021-11-17\n---\nPashinian spoke.\n"),
        ("b.md", "No date here, and Nikol Pashinyan is spelled right.\n"),
    ]);
    let code = |args: &[&str]| check(corpus.root(), args).status.code();
    assert_eq!(code(&[]), Some(0), "a warning and an info: below the default `error`");
    assert_eq!(code(&["--fail-on", "warning"]), Some(1));
    assert_eq!(code(&["--fail-on", "info", "--ignore", "name/variant"]), Some(1), "the info is left");
    assert_eq!(code(&["--fail-on", "info", "--ignore", "name/variant,corpus/missing-date"]), Some(0));
    assert_eq!(code(&["--fail-on", "hint", "--select", "kb/"]), Some(0), "no KB findings");
    assert_eq!(code(&["--fail-on", "warning", "--exit-zero"]), Some(0));
    assert_eq!(code(&["--fail-on", "warning", "--output-format", "sarif"]), Some(1));
    for format in ["json", "json-lines", "github", "junit", "concise"] {
        assert_eq!(code(&["--fail-on", "warning", "--output-format", format]), Some(1), "{format}");
    }
    let selected = stdout(&check(corpus.root(), &["--select", "corpus/", "--output-format", "concise"]));
    assert!(
        selected.starts_with("b.md:1:1: info[corpus/missing-date]") && !selected.contains("name/"),
        "{selected}"
    );
    let extended = stdout(&check(
        corpus.root(),
        &["--select", "corpus/", "--extend-select", "name/variant", "--output-format", "concise"],
    ));
    assert!(extended.contains("[name/variant]") && extended.contains("[corpus/missing-date]"), "{extended}");
}

#[test]
fn unknown_codes_are_usage_errors_naming_the_closest() {
    let corpus = TempCorpus::new(&[("kb/kb.toml", KB), ("a.md", "Text.\n")]);
    for (flag, code, closest) in [
        ("--select", "name/variants", "name/variant"),
        ("--ignore", "corpus/missing-dates", "corpus/missing-date"),
        ("--extend-select", "nmae/", "name/"),
        ("--select", "all", "ALL"),
    ] {
        let output = check(corpus.root(), &[flag, code]);
        assert_eq!(output.status.code(), Some(2), "{flag} {code}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains(&format!("`{code}`")) && stderr.contains(&format!("`{closest}`")),
            "{stderr}"
        );
        assert!(stderr.contains(flag), "says where: {stderr}");
        assert!(output.stdout.is_empty());
    }
    assert_eq!(check(corpus.root(), &["--fail-on", "fatal"]).status.code(), Some(2));
}

#[test]
fn the_checks_table_in_dateline_toml() {
    let corpus = TempCorpus::new(&[
        ("kb/kb.toml", KB),
        ("a.md", "---\ndate: 2021-11-17\n---\nPashinian spoke.\n"),
        ("wires/w.txt", "Pashinian, on the wire.\n"),
        (
            "dateline.toml",
            "[checks]\nignore = [\"corpus/missing-date\"]\nfail-on = \"warning\"\n\n[checks.per-file-ignores]\n\"wires/**\" = [\"name/\"]\n",
        ),
    ]);
    let output = check(corpus.root(), &["--output-format", "concise"]);
    assert_eq!(output.status.code(), Some(1), "fail-on = warning");
    let text = stdout(&output);
    assert!(text.starts_with("a.md:4:1: warning[name/variant]"), "{text}");
    assert!(!text.contains("wires/") && !text.contains("missing-date"), "{text}");
    // The command line goes on top: `--select` replaces the file's selection, `--fail-on`
    // its fail-on.
    let output = check(corpus.root(), &["--select", "corpus/missing-date", "--output-format", "concise"]);
    assert!(stdout(&output).contains("wires/w.txt:1:1: info[corpus/missing-date]"), "{}", stdout(&output));
    assert_eq!(check(corpus.root(), &["--fail-on", "error"]).status.code(), Some(0));

    corpus.write(
        "dateline.toml",
        "[checks]\nextend-select = [\"name/\"]\nignore = [\n  \"kb/duplicate-ids\",\n]\n",
    );
    let output = check(corpus.root(), &[]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("dateline.toml:4:3: unknown check code or prefix `kb/duplicate-ids` (the closest is `kb/duplicate-id`)"),
        "names the place and the closest code: {stderr}"
    );
    corpus.write("dateline.toml", "[checks.severity]\n\"name/varient\" = \"error\"\n");
    let stderr = String::from_utf8(check(corpus.root(), &[]).stderr).unwrap();
    assert!(stderr.contains("`name/varient`") && stderr.contains("`name/variant`"), "{stderr}");
}

#[test]
fn standard_input_is_checked_as_the_named_file() {
    let corpus = TempCorpus::new(&[
        ("kb/kb.toml", KB),
        ("dateline.toml", "[corpus]\ninclude = [\"articles/**/*.md\"]\n"),
        ("articles/a.md", "---\ndate: 2021-11-17\n---\nNikol Pashinyan, on disk.\n"),
    ]);
    let run = |args: &[&str], input: &str| {
        let mut child = Command::new(support::bin())
            .arg("check")
            .args(args)
            .current_dir(corpus.root())
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        // A run that fails before reading (a usage error) closes the pipe early: not an error.
        let _ = child.stdin.take().unwrap().write_all(input.as_bytes());
        child.wait_with_output().unwrap()
    };
    let draft = "---\ndate: 2021-11-17\n---\nPashinian, in the editor.\n";
    let output = run(&["-", "--stdin-filename", "articles/a.md", "--output-format", "concise"], draft);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert_eq!(
        stdout(&output),
        "articles/a.md:4:1: warning[name/variant] `Pashinian` is a variant of `Nikol Pashinyan`; write `Pashinyan`\nFound 1 finding (1 warning) in 1 file; 1 fixable with a safe fix.\n"
    );
    let fixed = run(&["-", "--stdin-filename", "articles/a.md", "--fix"], draft);
    assert_eq!(stdout(&fixed), "---\ndate: 2021-11-17\n---\nPashinyan, in the editor.\n");
    assert!(String::from_utf8_lossy(&fixed.stderr).contains("Fixed 1 finding."), "{fixed:?}");
    assert_eq!(
        std::fs::read_to_string(corpus.path("articles/a.md")).unwrap(),
        "---\ndate: 2021-11-17\n---\nNikol Pashinyan, on disk.\n",
        "standard input never writes the file"
    );
    let outside = run(&["-", "--stdin-filename", "notes/todo.md", "--fix"], draft);
    assert_eq!(outside.status.code(), Some(0));
    assert_eq!(stdout(&outside), draft, "a file outside the corpus passes through unchanged");
    assert!(String::from_utf8_lossy(&outside.stderr).contains("is not part of the corpus"));
    assert_eq!(run(&["-"], draft).status.code(), Some(2), "`-` needs --stdin-filename");
}

#[test]
fn several_paths_in_one_corpus_load_it_once() {
    let corpus = TempCorpus::new(&[
        ("kb/kb.toml", KB),
        ("a.md", "---\ndate: 2021-11-17\n---\nPashinian.\n"),
        ("b.md", "---\ndate: 2021-11-17\n---\nPashinian.\n"),
        ("c.md", "---\ndate: 2021-11-17\n---\nPashinian.\n"),
    ]);
    let output = check(corpus.root(), &["a.md", "c.md", "--output-format", "concise"]);
    let text = stdout(&output);
    assert_eq!(text.lines().filter(|l| l.contains("[name/variant]")).count(), 2, "{text}");
    assert!(text.ends_with("in 2 files; 2 fixable with a safe fix.\n"), "one report for both: {text}");
    assert!(output.stderr.is_empty(), "no progress bar or noise when not on a terminal");
}

#[test]
fn dates_lists_each_expression_with_its_resolution() {
    let corpus = fixtures().join("corpus");
    let output = Command::new(support::bin())
        .args(["dates", "articles/2021-11-17-border-clashes.md", "--relative"])
        .current_dir(&corpus)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(
        text.contains("articles/2021-11-17-border-clashes.md:7:74: TIME 2021-11-16TEV `Tuesday evening`: Tuesday evening -> 2021-11-16TEV (Tuesday), the Tuesday before the article date 2021-11-17"),
        "{text}"
    );
    assert!(!text.contains("`2020`"), "--relative leaves out explicit dates: {text}");
    let json =
        Command::new(support::bin()).args(["dates", ".", "--json"]).current_dir(&corpus).output().unwrap();
    let rows: Vec<serde_json::Value> =
        String::from_utf8(json.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(rows.iter().any(|r| r["value"] == "2020-09-27" && r["type"] == "DATE"), "{rows:?}");
    // `--output-format`, as `check` spells it: one array, or the same rows one per line.
    let dates = |format: &str| {
        let output = Command::new(support::bin())
            .args(["dates", ".", "--output-format", format])
            .current_dir(&corpus)
            .output()
            .unwrap();
        String::from_utf8(output.stdout).unwrap()
    };
    let array: Vec<serde_json::Value> = serde_json::from_str(&dates("json")).unwrap();
    assert_eq!(array, rows, "json is the json-lines rows in one array");
    let lines: Vec<serde_json::Value> =
        dates("json-lines").lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines, rows, "--json is --output-format json-lines");
}

const TURKEY: &str = "[[entity]]\nid = \"turkey\"\nkind = \"place\"\nname = \"Türkiye\"\naliases = [\"Turkey\"]\n\n[[entity]]\nid = \"erdogan\"\nkind = \"person\"\nname = \"Recep Tayyip Erdoğan\"\naliases = [\"Erdoğan\"]\n";

fn codes_by_file(output: &Output) -> Vec<(String, String)> {
    let findings: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    findings
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["path"].as_str().unwrap().to_owned(), f["code"].as_str().unwrap().to_owned()))
        .collect()
}

#[test]
fn the_names_table_sets_house_style_and_consistency_scope() {
    let files = [
        ("kb/kb.toml", TURKEY),
        ("a.md", "---\ndate: 2021-11-17\n---\nErdoğan spoke for Türkiye.\n"),
        ("b.md", "---\ndate: 2021-11-18\n---\nErdogan spoke for Turkey.\n"),
    ];
    let corpus = TempCorpus::new(&files);
    let json = ["--output-format", "json", "--exit-zero"];
    let default = codes_by_file(&check(corpus.root(), &json));
    assert_eq!(default, [("b.md".to_owned(), "name/diacritics".to_owned())]);

    // ASCII house style: the diacritics are what is flagged now.
    corpus.write("dateline.toml", "[names]\nhouse-style = \"ascii\"\n");
    let ascii = check(corpus.root(), &json);
    let flagged = ("a.md".to_owned(), "name/diacritics".to_owned());
    assert_eq!(codes_by_file(&ascii), [flagged.clone(), flagged], "Erdoğan and Türkiye");
    let message = serde_json::from_slice::<serde_json::Value>(&ascii.stdout).unwrap()[0]["message"].clone();
    assert!(message.as_str().unwrap().contains("Erdogan"), "{message}");

    // Corpus scope: Türkiye in one article and Turkey in another disagree.
    corpus.write("dateline.toml", "[names]\nconsistency = \"corpus\"\n");
    let across = check(corpus.root(), &json);
    let codes = codes_by_file(&across);
    assert!(
        codes.contains(&("b.md".to_owned(), "name/inconsistent".to_owned()))
            || codes.contains(&("a.md".to_owned(), "name/inconsistent".to_owned())),
        "{codes:?}"
    );
    let findings: serde_json::Value = serde_json::from_slice(&across.stdout).unwrap();
    let inconsistent =
        findings.as_array().unwrap().iter().find(|f| f["code"] == "name/inconsistent").unwrap();
    let related = inconsistent["related"].as_array().unwrap();
    assert!(!related.is_empty(), "points at the other article's form: {inconsistent}");
}

#[test]
fn suppression_comments_silence_corpus_check_findings_too() {
    let kb = "[[entity]]\nid = \"tbilisi-meeting\"\nkind = \"event\"\nname = \"Tbilisi meeting\"\n";
    let files = [
        ("kb/kb.toml", kb),
        (
            "a.md",
            "---\ndate: 2021-10-06\n---\n<!-- dateline-ignore date/cross-article -->\nThe ministers met at the Tbilisi meeting on October 4.\n",
        ),
        ("b.md", "---\ndate: 2021-10-07\n---\nThe ministers met at the Tbilisi meeting on October 5.\n"),
        (
            "c.md",
            "---\ndate: 2021-10-08\n---\n<!-- dateline-ignore date/cross-article -->\nNothing dated here.\n",
        ),
    ];
    let corpus = TempCorpus::new(&files);
    let output = check(corpus.root(), &["--output-format", "json", "--exit-zero"]);
    let codes = codes_by_file(&output);
    // a.md's finding is silenced, and its comment counts as used; b.md still disagrees with
    // a.md; c.md's comment silences nothing.
    assert_eq!(
        codes,
        [
            ("b.md".to_owned(), "date/cross-article".to_owned()),
            ("c.md".to_owned(), "corpus/unused-suppression".to_owned())
        ],
        "{}",
        stdout(&output)
    );
}

/// Issue 13: a corpus without a KB says once how to start one, on stderr; one with a KB
/// says nothing of it.
#[test]
fn a_corpus_without_a_kb_says_once_how_to_start_one() {
    let article = "---\ndate: 2021-11-17\n---\nSpokesman Farhan Haq said so. Spokesman Farhan Haq left.\n";
    let bare = TempCorpus::new(&[("a.md", article), ("b.md", article)]);
    let output = check(bare.root(), &[]);
    let err = String::from_utf8(output.stderr).unwrap();
    assert_eq!(err.matches("this corpus has no knowledge base").count(), 1, "{err}");
    assert!(err.contains("dateline kb import wikidata"), "{err}");
    let with_kb = TempCorpus::new(&[("kb/kb.toml", KB), ("a.md", article)]);
    let err = String::from_utf8(check(with_kb.root(), &[]).stderr).unwrap();
    assert!(!err.contains("knowledge base"), "{err}");
}

#[test]
fn a_language_nobody_knows_is_a_located_error() {
    // In front matter: the article's own problem, reported where it is written.
    let corpus =
        TempCorpus::new(&[("a.md", "---\ndate: 2021-10-06\nlang: xx-klingon\n---\nNothing dated here.\n")]);
    let output = check(corpus.root(), &["--output-format", "json", "--exit-zero"]);
    let text = stdout(&output);
    assert!(text.contains("unknown language `xx-klingon`"), "{text}");
    assert_eq!(
        codes_by_file(&output),
        [("a.md".to_owned(), "corpus/broken-front-matter".to_owned())],
        "{text}"
    );

    // In dateline.toml: a broken configuration, exit 2, with the line.
    let corpus = TempCorpus::new(&[("dateline.toml", "[corpus]\nlang = \"nope\"\n"), ("a.md", "Text.\n")]);
    let output = check(corpus.root(), &[]);
    assert_eq!(output.status.code(), Some(2));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("dateline.toml:2:8: unknown language `nope` for the corpus"), "{err}");

    // A known one without date words, for the corpus: an Armenian default keeps the English
    // tagger out of a text too short for detection to tell; an article saying `lang: en` is
    // read again.
    let dates = |config: &str| {
        let corpus = TempCorpus::new(&[
            ("dateline.toml", config),
            ("a.md", "---\ndate: 2021-10-06\n---\nSee you tomorrow.\n"),
            ("b.md", "---\ndate: 2021-10-06\nlang: en\n---\nSee you tomorrow.\n"),
        ]);
        let output = assert_cmd::Command::cargo_bin("dateline")
            .unwrap()
            .args(["dates", "--json"])
            .arg(corpus.root())
            .output()
            .unwrap();
        let text = stdout(&output);
        let mut files: Vec<String> = text
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .map(|row| {
                row["path"].as_str().unwrap_or_default().rsplit('/').next().unwrap_or_default().to_owned()
            })
            .collect();
        files.sort();
        (files, String::from_utf8_lossy(&output.stderr).into_owned())
    };
    assert_eq!(dates("[corpus]\n").0, ["a.md", "b.md"]);
    let (files, note) = dates("[corpus]\nlang = \"hy\"\n");
    assert_eq!(files, ["b.md"]);
    assert!(note.contains("1 article(s) in a language without date words (Armenian 1)"), "{note}");
    assert!(note.contains("dateline reads English, Russian, Turkish"), "{note}");
    // A language with date words: the corpus default reads the article with them.
    let (files, _) = dates("[corpus]\nlang = \"ru\"\n");
    assert_eq!(files, ["b.md"], "`tomorrow` is not a Russian date word");
}
