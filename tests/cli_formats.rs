//! Every `--output-format` (and `--statistics`) on the example corpus, snapshotted as a user
//! sees it; the SARIF log validated against the official SARIF 2.1.0 schema; `rules` and
//! `explain`.

mod support;

use std::process::{Command, Output};

use dateline::checks::registry::RULES;
use serde_json::Value;

/// `dateline check ARGS` in `fixtures/corpus`, so paths print relative to it.
fn check(args: &[&str]) -> Output {
    let corpus = support::fixtures().join("corpus");
    let output = Command::new(support::bin())
        .arg("check")
        .args(args)
        .current_dir(&corpus)
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    assert!(output.stderr.is_empty(), "nothing on stderr: {}", String::from_utf8_lossy(&output.stderr));
    output
}

fn text(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

#[test]
fn full_and_concise() {
    let output = check(&[]);
    assert_eq!(output.status.code(), Some(1));
    let full = text(&output);
    insta::assert_snapshot!("full", full);
    let concise = text(&check(&["--output-format", "concise"]));
    insta::assert_snapshot!("concise", concise);
    // Concise is exactly the first line of each full finding, and the same summary.
    let headers: Vec<&str> = full
        .split("\n\n")
        .filter_map(|block| block.lines().next())
        .filter(|l| l.contains(": ") && !l.starts_with("`fix:`"))
        .collect();
    let concise_lines: Vec<&str> = concise.lines().collect();
    assert_eq!(&concise_lines[..concise_lines.len() - 1], &headers[..]);
    assert_eq!(concise_lines.last(), full.lines().last().as_ref());
    // What `fix:` and `suggestion:` mean, said once, in `full` only.
    assert_eq!(full.matches("`suggestion:` lines need a person's judgement").count(), 1);
    assert!(!concise.contains("`suggestion:`"));
}

#[test]
fn colour_only_when_asked() {
    let plain = text(&check(&["--output-format", "concise"]));
    assert!(!plain.contains('\x1b'), "not a terminal: no colour");
    let coloured = text(&check(&["--output-format", "concise", "--color", "always"]));
    assert!(coloured.contains("\x1b["), "{coloured}");
    let stripped = strip_ansi(&coloured);
    assert_eq!(stripped, plain, "colour changes no text");
}

#[test]
fn json_and_json_lines() {
    let json = text(&check(&["--output-format", "json"]));
    insta::assert_snapshot!("json", json);
    let lines = text(&check(&["--output-format", "json-lines"]));
    insta::assert_snapshot!("json_lines", lines);
    let array: Vec<Value> = serde_json::from_str(&json).unwrap();
    let streamed: Vec<Value> = lines.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(array, streamed, "json-lines carries the same objects");
}

#[test]
fn github_annotations() {
    let output = check(&["--output-format", "github"]);
    assert_eq!(output.status.code(), Some(1));
    insta::assert_snapshot!("github", text(&output));
}

#[test]
fn junit_report() {
    let output = text(&check(&["--output-format", "junit"]));
    insta::assert_snapshot!("junit", output);
    let clean = text(&check(&["--output-format", "junit", "--select", "name/", "kb/people.toml"]));
    assert!(clean.contains(r#"<testcase name="no findings" classname="dateline"/>"#), "{clean}");
}

#[test]
fn statistics() {
    let output = check(&["--statistics"]);
    assert_eq!(output.status.code(), Some(1), "the exit code does not depend on the format");
    insta::assert_snapshot!("statistics", text(&output));
    let json: Vec<Value> =
        serde_json::from_slice(&check(&["--statistics", "--output-format", "json"]).stdout).unwrap();
    let variant = json.iter().find(|row| row["code"] == "name/variant").unwrap();
    assert_eq!((variant["count"].as_u64(), variant["fixable"].as_u64()), (Some(2), Some(2)));
    let counts: Vec<u64> = json.iter().map(|row| row["count"].as_u64().unwrap()).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "most frequent first: {counts:?}");
}

/// The SARIF log with what differs between machines and releases replaced, and the rule
/// documentation (checked against `Rule::doc` below, and long) elided.
fn sarif_for_snapshot(log: &Value) -> String {
    let mut log = log.clone();
    let run = &mut log["runs"][0];
    run["originalUriBaseIds"]["%SRCROOT%"]["uri"] = "file:///[CORPUS]/".into();
    run["tool"]["driver"]["version"] = "[VERSION]".into();
    run["tool"]["driver"]["semanticVersion"] = "[VERSION]".into();
    for rule in run["tool"]["driver"]["rules"].as_array_mut().unwrap() {
        let id = rule["id"].as_str().unwrap().to_owned();
        rule["help"] =
            serde_json::json!({ "text": format!("[doc of {id}]"), "markdown": format!("[doc of {id}]") });
        rule["fullDescription"]["text"] = format!("[What it finds, {id}]").into();
    }
    serde_json::to_string_pretty(&log).unwrap()
}

#[test]
fn sarif_log() {
    let output = check(&["--output-format", "sarif"]);
    assert_eq!(output.status.code(), Some(1));
    let log: Value = serde_json::from_slice(&output.stdout).unwrap();
    insta::assert_snapshot!("sarif", sarif_for_snapshot(&log));

    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"].as_str().unwrap();
    let corpus = support::fixtures().join("corpus").canonicalize().unwrap();
    assert!(base.starts_with("file:///") && base.ends_with('/'), "{base}");
    assert!(base.trim_end_matches('/').ends_with(&*corpus.to_string_lossy()), "{base} is the corpus folder");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), RULES.len(), "every check is a rule");
    for (rule, sarif) in RULES.iter().zip(rules) {
        assert_eq!(sarif["id"], rule.code);
        assert_eq!(sarif["help"]["markdown"], rule.doc(), "{}: help is the documentation", rule.code);
        assert_eq!(sarif["help"]["text"], rule.doc());
        assert_eq!(sarif["shortDescription"]["text"], rule.summary);
        assert!(!sarif["fullDescription"]["text"].as_str().unwrap().is_empty());
    }
    for result in run["results"].as_array().unwrap() {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"], "ruleIndex points at the rule");
    }
}

#[test]
fn sarif_log_is_valid_against_the_official_schema() {
    let Some(shared) = support::shared_data("the SARIF schema validation") else { return };
    let schema_path = shared.join("data/sarif/sarif-schema-2.1.0.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(&schema_path).unwrap()).unwrap();
    let validator = jsonschema::draft4::options().should_validate_formats(true).build(&schema).unwrap();

    // The whole corpus (every kind of finding, related locations, safe and unsafe fixes),
    // and a clean run (no results at all).
    for args in [
        &["--output-format", "sarif"][..],
        &["--output-format", "sarif", "--select", "name/", "kb/people.toml"],
    ] {
        let log: Value = serde_json::from_slice(&check(args).stdout).unwrap();
        let errors: Vec<String> =
            validator.iter_errors(&log).map(|e| format!("{}: {e}", e.instance_path())).collect();
        assert!(errors.is_empty(), "{args:?}: the log breaks the SARIF 2.1.0 schema:\n{}", errors.join("\n"));
    }

    // The validator does validate: a log missing a required field, or with a level SARIF
    // does not know, is refused.
    let mut broken: Value = serde_json::from_slice(&check(&["--output-format", "sarif"]).stdout).unwrap();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&broken), "an unknown level must fail validation");
    broken.as_object_mut().unwrap().remove("version");
    assert!(!validator.is_valid(&broken), "a missing version must fail validation");
}

#[test]
fn rules_lists_every_check() {
    let output = Command::new(support::bin()).arg("rules").output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let table = text(&output);
    let lines: Vec<&str> = table.lines().take_while(|line| !line.is_empty()).collect();
    assert!(lines[0].starts_with("code") && lines[0].contains("severity") && lines[0].ends_with("summary"));
    assert_eq!(lines.len(), RULES.len() + 1);
    for (line, rule) in lines[1..].iter().zip(RULES) {
        let words: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(
            (words[0], words[1], words[2]),
            (rule.code, rule.severity.as_str(), rule.fix.as_str()),
            "{line}"
        );
        assert!(line.ends_with(rule.summary), "{line}");
    }
    assert!(table.contains("\nfix: safe = `--fix` applies it"), "the column's words: {table}");
    let json = Command::new(support::bin()).args(["rules", "--output-format", "json"]).output().unwrap();
    let rules: Vec<Value> = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(rules.len(), RULES.len());
    assert_eq!(rules[0]["explanation"], RULES[0].doc());
    assert!(rules.iter().zip(RULES).all(|(json, rule)| json["fix"] == rule.fix.as_str()));
}

/// The fix column says what each check's `## Fix` documentation says, and what its findings
/// on every fixture corpus carry.
#[test]
fn the_fix_column_matches_the_documentation_and_the_findings() {
    use dateline::checks::FixOffer;
    for rule in RULES {
        let doc = rule.doc();
        let section =
            doc.split("## Fix\n").nth(1).unwrap_or_else(|| panic!("{} documents its fix", rule.code));
        let section = section.split("\n## ").next().unwrap().trim();
        let says_unsafe = section.contains("--unsafe-fixes") || section.contains("unattended");
        let consistent = match rule.fix {
            FixOffer::None => section.starts_with("None"),
            FixOffer::Safe => section.contains("Safe") && !says_unsafe,
            FixOffer::Unsafe => says_unsafe && !section.contains("Safe"),
            FixOffer::SafeOrUnsafe => section.contains("Safe") && (says_unsafe || section.contains("unsafe")),
            FixOffer::EditorOnly => section.contains("Nothing is changed by `check --fix`"),
        };
        assert!(consistent, "{}: declared {:?}, documented: {section}", rule.code, rule.fix);
    }
    let mut corpora = vec![support::fixtures().join("corpus"), support::fixtures().join("annotated")];
    for group in std::fs::read_dir(support::fixtures().join("checks")).unwrap() {
        corpora.extend(std::fs::read_dir(group.unwrap().path()).unwrap().map(|e| e.unwrap().path()));
    }
    let mut fixes = 0;
    for corpus in corpora.iter().filter(|p| p.is_dir()) {
        let output = Command::new(support::bin())
            .args(["check", "--select", "ALL", "--output-format", "json"])
            .arg(corpus)
            .output()
            .unwrap();
        let Ok(findings) = serde_json::from_slice::<Vec<Value>>(&output.stdout) else { continue };
        for finding in findings.iter().filter(|f| !f["fix"].is_null()) {
            let rule = dateline::checks::registry::rule(finding["code"].as_str().unwrap()).unwrap();
            let applicability = match finding["fix"]["applicability"].as_str() {
                Some("safe") => dateline::checks::Applicability::Safe,
                _ => dateline::checks::Applicability::Unsafe,
            };
            assert!(
                rule.fix.allows(applicability),
                "{}: declared {:?}, found {finding}",
                rule.code,
                rule.fix
            );
            fixes += 1;
        }
    }
    assert!(fixes > 10, "the fixtures exercise fixes: {fixes}");
}

#[test]
fn explain_prints_the_documentation() {
    let explain = |code: &str| Command::new(support::bin()).args(["explain", code]).output().unwrap();
    let output = explain("name/variant");
    assert_eq!(output.status.code(), Some(0));
    let rule = dateline::checks::registry::rule("name/variant").unwrap();
    let doc = text(&output);
    assert!(doc.starts_with("# name/variant\n\n"), "{doc}");
    assert!(doc.contains("(default severity: warning)"), "{doc}");
    assert!(doc.ends_with(&rule.doc()), "the check's `//!` header, whole: {doc}");

    let group = text(&explain("kb/"));
    assert!(group.lines().skip(1).take_while(|l| !l.is_empty()).all(|l| l.starts_with("kb/")), "{group}");

    let unknown = explain("name/varient");
    assert_eq!(unknown.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&unknown.stderr);
    assert!(
        stderr.contains("`name/varient`") && stderr.contains("the closest is `name/variant`"),
        "{stderr}"
    );
}

fn strip_ansi(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for c in chars.by_ref() {
                if c == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}
