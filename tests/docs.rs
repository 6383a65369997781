//! The CI documentation is checked, so it cannot drift from the code: every command in the
//! README's "Lint mode in CI" section and in the example workflow parses, every flag it
//! names exists, its `dateline.toml` example is a valid config, and the pre-commit hooks
//! file says what pre-commit needs.

mod support;

use std::path::Path;

use clap::Parser;
use dateline::cli::Cli;
use dateline::corpus::Config;
use serde_json::Value;

fn read(rel: &str) -> String {
    std::fs::read_to_string(support::repo_root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The README from `## Lint mode in CI` to the next `## ` heading.
fn ci_section() -> String {
    let readme = read("README.md");
    let start = readme.find("\n## Lint mode in CI\n").expect("README has a `Lint mode in CI` section");
    let rest = &readme[start + 1..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |i| i + 3);
    rest[..end].to_owned()
}

/// Fenced code blocks of `text` with their info string.
fn code_blocks(text: &str) -> Vec<(String, String)> {
    let mut blocks = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if let Some(info) = line.strip_prefix("```") {
            let body: Vec<&str> = lines.by_ref().take_while(|l| !l.starts_with("```")).collect();
            blocks.push((info.trim().to_owned(), body.join("\n")));
        }
    }
    blocks
}

/// A shell line that runs `dateline ...` (alone or as a YAML `run:`), as arguments:
/// comments and redirections dropped.
fn command_args(line: &str) -> Option<Vec<String>> {
    let line = line.trim_start();
    let line = line.strip_prefix("- ").unwrap_or(line);
    let line = line.strip_prefix("run: ").unwrap_or(line);
    if !line.starts_with("dateline ") {
        return None;
    }
    let command = line.split(" #").next().unwrap();
    let words: Vec<&str> = command.split_whitespace().collect();
    let mut args = Vec::new();
    let mut skip = false;
    for word in words {
        if skip {
            skip = false;
        } else if word == "<" || word == ">" {
            skip = true;
        } else {
            args.push(word.trim_matches('"').to_owned());
        }
    }
    Some(args)
}

fn assert_parses(args: &[String], origin: &str) {
    if let Err(err) = Cli::try_parse_from(args) {
        panic!("{origin}: `{}` does not parse:\n{err}", args.join(" "));
    }
}

#[test]
fn readme_commands_parse_and_name_real_flags() {
    let section = ci_section();
    let mut commands = 0;
    for (info, body) in code_blocks(&section) {
        if info == "sh" || info == "yaml" {
            for args in body.lines().filter_map(command_args) {
                assert_parses(&args, "README");
                commands += 1;
            }
        }
    }
    assert!(commands >= 8, "the section shows its commands ({commands} found)");

    let help = {
        let output = std::process::Command::new(support::bin()).args(["check", "--help"]).output().unwrap();
        String::from_utf8(output.stdout).unwrap()
    };
    let mut flags: Vec<&str> = section
        .match_indices("--")
        .map(|(i, _)| {
            let rest = &section[i + 2..];
            let len = rest.find(|c: char| !(c.is_ascii_lowercase() || c == '-')).unwrap_or(rest.len());
            &section[i..i + 2 + len]
        })
        .filter(|flag| flag.len() > 3 && !flag.ends_with('-'))
        .collect();
    flags.sort();
    flags.dedup();
    for documented in ["--select", "--fix", "--unsafe-fixes", "--diff", "--stdin-filename", "--statistics"] {
        assert!(flags.contains(&documented), "{documented} is documented: {flags:?}");
    }
    let unknown: Vec<_> = flags
        .iter()
        .filter(|flag| {
            !help.contains(&format!("{flag} "))
                && !help.contains(&format!("{flag}\n"))
                && !help.contains(&format!("{flag}="))
        })
        .collect();
    assert!(unknown.is_empty(), "flags in the README that `dateline check --help` lacks: {unknown:?}");
}

#[test]
fn readme_config_example_is_a_valid_config() {
    let section = ci_section();
    let (_, toml) =
        code_blocks(&section).into_iter().find(|(info, _)| info == "toml").expect("a toml example");
    let config = Config::parse("/corpus".into(), "/corpus/dateline.toml".into(), &toml)
        .unwrap_or_else(|err| panic!("the README's [checks] example: {err}"));
    let policy = dateline::checks::selection::Policy::resolve(&config)
        .unwrap_or_else(|err| panic!("the README's [checks] example: {err}"));
    assert_eq!(policy.per_file_ignores().len(), 2);
    assert!(policy.fail_on.is_some());
}

fn yaml(rel: &str) -> Value {
    serde_saphyr::from_str(&read(rel)).unwrap_or_else(|err| panic!("{rel} is not YAML: {err}"))
}

#[test]
fn the_github_actions_example_is_a_workflow_running_real_commands() {
    let workflow = yaml("docs/github-actions.yml");
    assert!(workflow["name"].is_string());
    assert!(workflow["on"].is_object(), "triggers");
    let steps = workflow["jobs"]["check"]["steps"].as_array().expect("jobs.check.steps");
    assert!(workflow["jobs"]["check"]["runs-on"].is_string());
    let mut ran = Vec::new();
    for step in steps {
        assert!(step["uses"].is_string() != step["run"].is_string(), "a step uses an action or runs: {step}");
        if let Some(run) = step["run"].as_str() {
            for args in run.lines().filter_map(command_args) {
                assert_parses(&args, "docs/github-actions.yml");
                ran.push(args.join(" "));
            }
        }
    }
    assert!(ran.iter().any(|r| r.contains("--output-format github")), "{ran:?}");
    assert!(ran.iter().any(|r| r.contains("--output-format sarif")), "{ran:?}");
    let upload = steps
        .iter()
        .find(|s| s["uses"].as_str().is_some_and(|u| u.starts_with("github/codeql-action/upload-sarif")));
    assert!(upload.is_some(), "the SARIF log is uploaded");
    assert_eq!(workflow["permissions"]["security-events"], "write", "upload-sarif needs it");
}

#[test]
fn the_pre_commit_hooks_are_what_pre_commit_expects() {
    let hooks = yaml(".pre-commit-hooks.yaml");
    let hooks = hooks.as_array().expect("a list of hooks");
    assert!(hooks.iter().any(|h| h["id"] == "dateline"));
    for hook in hooks {
        for key in ["id", "name", "entry", "language"] {
            assert!(hook[key].is_string(), "every hook has `{key}`: {hook}");
        }
        // pre-commit builds `language: rust` hooks with `cargo install` from the repository
        // root, which must hold the package.
        assert_eq!(hook["language"], "rust");
        assert!(Path::new(&support::repo_root().join("Cargo.toml")).is_file());
        let mut args: Vec<String> =
            hook["entry"].as_str().unwrap().split_whitespace().map(str::to_owned).collect();
        args.push("articles/a.md".into()); // pre-commit appends the staged files
        assert_parses(&args, ".pre-commit-hooks.yaml");
        assert_eq!(hook["types"], serde_json::json!(["text"]), "{hook}");
        // pre-commit matches `files` with Python's `re.search` on the repository path.
        let files = regex::Regex::new(hook["files"].as_str().expect("a `files` pattern")).unwrap();
        for staged in [
            "articles/a.md",
            "wires/b.txt",
            "kb/people.toml",
            "news/a.ann",
            "news/annotation.conf",
            "x.tsv",
            "y.conllu",
        ] {
            assert!(files.is_match(staged), "{staged} is not passed to the hook");
        }
        for other in ["image.png", "notes.conf", "Cargo.lock"] {
            assert!(!files.is_match(other), "{other} is passed to the hook");
        }
    }
}
