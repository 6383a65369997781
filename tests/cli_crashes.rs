//! Issue 11: texts and KB entries that killed `dateline check` (exit 101, no output) or made
//! it allocate until killed. Each runs the real binary on a small corpus and asserts the
//! run ends, on its own, with findings printed and no panic.

mod support;

use std::io::Read;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use support::TempCorpus;

/// Runs `check` on `dir`, killing it if it is not done in a minute (a hang is a failure
/// here, not a stuck test run).
fn check(dir: &std::path::Path, args: &[&str]) -> Output {
    let mut child = Command::new(support::bin())
        .arg("check")
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        stdout.read_to_end(&mut out).unwrap();
        out
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("`dateline check` did not finish in 60 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut stderr = Vec::new();
    child.stderr.take().unwrap().read_to_end(&mut stderr).unwrap();
    Output { status, stdout: reader.join().unwrap(), stderr }
}

const KB: &str = r#"
[[entity]]
id = "gulf-war"
kind = "event"
name = "Gulf War"
from = "1990-08-02"
to = "1991-02-28"

[[entity]]
id = "world-cup-1966"
kind = "event"
name = "FIFA World Cup 1966"
aliases = ["1966 World Cup"]
date = "1966-07-30"

[[entity]]
id = "ilham-aliyev"
kind = "person"
name = "Ilham Aliyev"
  [[entity.role]]
  title = "President"
  of = "azerbaijan"

[[entity]]
id = "azerbaijan"
kind = "place"
name = "Azerbaijan"

[[entity]]
id = "zakir-hasanov"
kind = "person"
name = "Zakir Hasanov"
  [[entity.role]]
  title = "Defence Minister"
"#;

/// `check` on a corpus of the KB above plus `kb_extra`, and one dated article of `body`:
/// it must end normally (0 or 1) and print its findings.
fn assert_checks(body: &str, kb_extra: &str) -> String {
    let kb = format!("{KB}{kb_extra}");
    let article = format!("---\ntitle: T\ndate: 2020-11-10\n---\n{body}\n");
    let corpus = TempCorpus::new(&[("kb/kb.toml", &kb), ("a.md", &article)]);
    let output = check(corpus.root(), &[]);
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_ne!(output.status.code(), Some(101), "panicked on {body:?}: {stderr}");
    assert!(matches!(output.status.code(), Some(0 | 1)), "{body:?}: {:?} {stderr}", output.status);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stdout.contains("in 2 files"), "no summary for {body:?}: {stdout}");
    stdout
}

#[test]
fn a_date_inside_an_event_name_does_not_crash_check() {
    for body in [
        "On Tuesday the War ended.",
        "the talks ended on Tuesday and the Gulf War ended.",
        "The 1966 World Cup final was played on Saturday, July 30, 1966.",
    ] {
        assert_checks(body, "");
    }
}

#[test]
fn a_title_after_a_hyphen_and_a_multibyte_character_does_not_crash_check() {
    for body in [
        "He met «-President Ilham Aliyev.",
        "He met “-President Ilham Aliyev.",
        "He met —-Defence Minister Zakir Hasanov.",
        "He met \u{fffd}-Defence Minister Zakir Hasanov.",
    ] {
        assert_checks(body, "");
    }
}

#[test]
fn a_kb_form_of_marks_only_is_reported_not_looped_on() {
    for form in ["\u{301}", "\u{64b}", "\u{fe0f}"] {
        for field in ["name", "aliases", "variants"] {
            let value = if field == "name" { format!("\"{form}\"") } else { format!("[\"{form}\"]") };
            let name = if field == "name" { String::new() } else { "name = \"Marks Person\"\n".to_owned() };
            let entity =
                format!("\n[[entity]]\nid = \"marks\"\nkind = \"person\"\n{name}{field} = {value}\n");
            let stdout = assert_checks("Ilham Aliyev spoke e\u{301} \u{64b} \u{fe0f} today.", &entity);
            assert!(
                stdout.contains("error[kb/invalid-entry]") && stdout.contains("has no letters"),
                "{stdout}"
            );
        }
    }
}

/// The shipped `news-dev` sample crashed `check` (a date inside a named event).
#[test]
fn news_dev_checks_without_crashing() {
    let Some(shared) = support::shared_data("news_dev_checks_without_crashing") else { return };
    let news_dev = shared.join("data/news-dev");
    if !news_dev.is_dir() {
        eprintln!("SKIPPED news_dev_checks_without_crashing: {} is absent", news_dev.display());
        return;
    }
    let output = check(&news_dev, &["--output-format", "json"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(matches!(output.status.code(), Some(0 | 1)), "{:?}: {stderr}", output.status);
    assert!(!stderr.contains("panicked"), "{stderr}");
    let findings: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON findings");
    assert!(findings.as_array().is_some_and(|f| !f.is_empty()), "{findings}");
}
