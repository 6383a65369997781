//! `check --fix`, `--diff` and `--unsafe-fixes` on real files: fixed findings are gone,
//! every other byte stays, and a file that cannot be written safely is left whole with an
//! error.

mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use dateline::analysis::AnalysisHost;
use dateline::analysis::fix::{FixMode, fix};
use dateline::cli::fix::{WriteError, write_fixed};
use dateline::corpus::Config;
use serde_json::Value;
use support::TempCorpus;

fn check(dir: &Path, args: &[&str]) -> Output {
    Command::new(support::bin()).arg("check").args(args).current_dir(dir).output().unwrap()
}

fn findings(dir: &Path, args: &[&str]) -> Vec<Value> {
    let mut args = args.to_vec();
    args.extend(["--output-format", "json"]);
    serde_json::from_slice(&check(dir, &args).stdout).unwrap()
}

/// Every file under `dir` with its bytes.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(at) = stack.pop() {
        for entry in std::fs::read_dir(&at).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.insert(path.strip_prefix(dir).unwrap().to_path_buf(), std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

const KB: &str = "[[entity]]\nid = \"nikol-pashinyan\"\nkind = \"person\"\nname = \"Nikol Pashinyan\"\nvariants = [\"Nikol Pashinian\", \"Pashinian\"]\n";

#[test]
fn fixing_the_example_corpus_changes_exactly_the_fixed_spans() {
    let corpus = TempCorpus::copy_of("corpus");
    let before = tree(corpus.root());
    let fixable: Vec<Value> =
        findings(corpus.root(), &[]).into_iter().filter(|f| f["fix"]["applicability"] == "safe").collect();
    assert!(!fixable.is_empty());

    let output = check(corpus.root(), &["--fix"]);
    assert_eq!(output.status.code(), Some(1), "errors without fixes remain");
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains(&format!("Fixed {} findings.", fixable.len())), "{stdout}");
    assert!(output.stderr.is_empty(), "{}", String::from_utf8_lossy(&output.stderr));

    // What we expect: each safe fix's edit spliced into the original bytes (edits here are
    // exactly their finding's span), last first so offsets stay valid.
    let mut expected = before.clone();
    let mut edits: Vec<(PathBuf, usize, usize, String)> = fixable
        .iter()
        .map(|f| {
            let edit = &f["fix"]["edits"][0];
            assert_eq!(edit["path"], f["path"]);
            let (start, end) =
                (f["offset"].as_u64().unwrap() as usize, f["end_offset"].as_u64().unwrap() as usize);
            (
                PathBuf::from(f["path"].as_str().unwrap()),
                start,
                end,
                edit["content"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    edits.sort_by(|a, b| (&b.0, b.1).cmp(&(&a.0, a.1)));
    for (path, start, end, content) in edits {
        expected.get_mut(&path).unwrap().splice(start..end, content.into_bytes());
    }
    let after = tree(corpus.root());
    assert_eq!(after.keys().collect::<Vec<_>>(), before.keys().collect::<Vec<_>>(), "no file added or lost");
    for (path, bytes) in &after {
        assert!(bytes == &expected[path], "{}: not what the fixes alone would make", path.display());
    }

    let remaining = findings(corpus.root(), &[]);
    for fixed in &fixable {
        assert!(
            !remaining.iter().any(|f| f["code"] == fixed["code"]
                && f["path"] == fixed["path"]
                && f["line"] == fixed["line"]),
            "still reported after --fix: {fixed}"
        );
    }
    assert_eq!(remaining.len(), findings(&support::fixtures().join("corpus"), &[]).len() - fixable.len());

    let again = check(corpus.root(), &["--fix"]);
    assert!(!String::from_utf8_lossy(&again.stdout).contains("Fixed"), "nothing left to fix");
    assert_eq!(tree(corpus.root()), after, "a second --fix changes nothing");
}

#[test]
fn line_endings_and_the_byte_order_mark_survive() {
    let corpus = TempCorpus::new(&[("kb/kb.toml", KB)]);
    let original = b"\xEF\xBB\xBF---\r\ndate: 2021-11-17\r\n---\r\nNikol Pashinian met Pashinian's aide.\r\nLast line, no break";
    std::fs::write(corpus.path("a.md"), original).unwrap();
    let output = check(corpus.root(), &["--fix"]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert_eq!(
        std::fs::read(corpus.path("a.md")).unwrap(),
        b"\xEF\xBB\xBF---\r\ndate: 2021-11-17\r\n---\r\nNikol Pashinyan met Nikol Pashinyan's aide.\r\nLast line, no break"
    );
}

#[test]
fn diff_shows_without_writing() {
    let corpus =
        TempCorpus::new(&[("kb/kb.toml", KB), ("a.md", "---\ndate: 2021-11-17\n---\nPashinian spoke.\n")]);
    let before = tree(corpus.root());
    let output = check(corpus.root(), &["--diff"]);
    assert_eq!(output.status.code(), Some(1), "there is something to fix");
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "--- a/a.md\n+++ b/a.md\n@@ -1,4 +1,4 @@\n ---\n date: 2021-11-17\n ---\n-Pashinian spoke.\n+Nikol Pashinyan spoke.\n"
    );
    assert_eq!(String::from_utf8(output.stderr).unwrap(), "Would fix 1 finding in 1 file.\n");
    assert_eq!(tree(corpus.root()), before, "--diff writes nothing");
    check(corpus.root(), &["--fix"]);
    let clean = check(corpus.root(), &["--diff"]);
    assert_eq!(clean.status.code(), Some(0));
    assert!(clean.stdout.is_empty());
}

#[test]
fn unsafe_fixes_only_when_asked() {
    let corpus = TempCorpus::new(&[
        ("kb/kb.toml", KB),
        ("a.md", "---\ndate: 2021-11-17\n---\n[The prime minister](kb:nikol-pashinyn) spoke.\n"),
    ]);
    let output = check(corpus.root(), &["--fix", "--output-format", "concise"]);
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.ends_with("1 fixable with `--unsafe-fixes`.\n"), "{text}");
    assert!(std::fs::read_to_string(corpus.path("a.md")).unwrap().contains("kb:nikol-pashinyn)"));

    let output = check(corpus.root(), &["--fix", "--unsafe-fixes"]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(std::fs::read_to_string(corpus.path("a.md")).unwrap().contains("(kb:nikol-pashinyan)"));
}

#[test]
fn unused_suppressions_are_removed_and_trimmed() {
    let text = "---\ndate: 2021-11-17\n---\n<!-- dateline-ignore name/variant -->\nNikol Pashinyan.\n\n<!-- dateline-ignore name/variant, corpus/missing-date -->\nPashinian, quoted.\n";
    let corpus = TempCorpus::new(&[("kb/kb.toml", KB), ("a.md", text)]);
    assert_eq!(check(corpus.root(), &["--fix"]).status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(corpus.path("a.md")).unwrap(),
        "---\ndate: 2021-11-17\n---\nNikol Pashinyan.\n\n<!-- dateline-ignore name/variant -->\nPashinian, quoted.\n"
    );
}

#[test]
fn files_that_are_not_utf8_are_never_fixed() {
    let corpus = TempCorpus::new(&[("kb/kb.toml", KB)]);
    let bytes = b"Pashinian in the caf\xe9.\n";
    std::fs::write(corpus.path("latin1.txt"), bytes).unwrap();
    let output = check(corpus.root(), &["--fix"]);
    assert_eq!(std::fs::read(corpus.path("latin1.txt")).unwrap(), bytes);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("latin1.txt was not applied: the file is not valid UTF-8"), "{stderr}");
}

/// Makes a file or folder impossible to change, even for root (the tests run as root
/// here, where permission bits stop nothing): `chattr +i` where the file system allows
/// it, else (not root) read-only permission bits. Undone on drop.
struct Frozen {
    path: PathBuf,
    how: &'static str,
}

impl Frozen {
    fn new(path: &Path) -> Option<Frozen> {
        let chattr = Command::new("chattr").arg("+i").arg(path).output();
        if chattr.is_ok_and(|o| o.status.success()) {
            return Some(Frozen { path: path.to_path_buf(), how: "chattr" });
        }
        let root = Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0\n"));
        if root {
            eprintln!(
                "SKIPPED read-only write test: `chattr +i` is not available and root ignores permissions"
            );
            return None;
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = if path.is_dir() { 0o555 } else { 0o444 };
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
            Some(Frozen { path: path.to_path_buf(), how: "chmod" })
        }
        #[cfg(not(unix))]
        None
    }
}

impl Drop for Frozen {
    fn drop(&mut self) {
        match self.how {
            "chattr" => {
                let _ = Command::new("chattr").arg("-i").arg(&self.path).status();
            }
            _ => {
                #[cfg(unix)]
                {
                    use std::os::unix::fs::PermissionsExt;
                    let _ = std::fs::set_permissions(&self.path, std::fs::Permissions::from_mode(0o755));
                }
            }
        }
    }
}

#[test]
fn a_file_that_cannot_be_written_is_an_error_and_stays_whole() {
    let article = "---\ndate: 2021-11-17\n---\nPashinian spoke.\n";
    // A folder nobody may add to (no temporary file), and a file nobody may replace (the
    // rename fails after the temporary file was written).
    for frozen_part in ["folder", "file"] {
        let corpus = TempCorpus::new(&[("kb/kb.toml", KB), ("news/a.md", article), ("b.md", article)]);
        let target = if frozen_part == "folder" { corpus.path("news") } else { corpus.path("news/a.md") };
        let Some(frozen) = Frozen::new(&target) else { return };
        let output = check(corpus.root(), &["--fix", "--output-format", "concise"]);
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        let listing: Vec<_> =
            std::fs::read_dir(corpus.path("news")).unwrap().map(|e| e.unwrap().file_name()).collect();
        drop(frozen);
        assert_eq!(output.status.code(), Some(2), "{frozen_part}: {stderr}");
        assert!(stderr.contains("news/a.md was not fixed: cannot "), "{frozen_part}: {stderr}");
        assert!(stderr.contains("nothing was written"), "{stderr}");
        assert_eq!(std::fs::read_to_string(corpus.path("news/a.md")).unwrap(), article, "{frozen_part}");
        assert_eq!(listing, ["a.md"], "{frozen_part}: no temporary file left behind");
        // The other file was fixed, and the report shows the unfixed one as it is on disk.
        assert!(std::fs::read_to_string(corpus.path("b.md")).unwrap().contains("Nikol Pashinyan spoke."));
        assert!(stdout.starts_with("news/a.md:4:1: warning[name/variant]"), "{frozen_part}: {stdout}");
        assert!(stdout.contains("Fixed 1 finding."), "{stdout}");
    }
}

#[test]
fn a_file_that_vanished_or_changed_after_reading_is_left_alone() {
    let corpus = TempCorpus::new(&[
        ("kb/kb.toml", KB),
        ("gone.md", "---\ndate: 2021-11-17\n---\nPashinian spoke.\n"),
        ("edited.md", "---\ndate: 2021-11-17\n---\nPashinian spoke.\n"),
    ]);
    let mut host = AnalysisHost::load(Config::defaults(corpus.root().to_path_buf()));
    let targets: Vec<_> = host.snapshot().files().collect();
    let report = fix(&mut host, &targets, FixMode::Safe);
    assert_eq!(report.files.len(), 2);

    // Between reading and writing: one file is deleted, the other saved by an editor.
    std::fs::remove_file(corpus.path("gone.md")).unwrap();
    std::fs::write(corpus.path("edited.md"), "Saved meanwhile.\n").unwrap();
    for fixed in &report.files {
        let result = write_fixed(&fixed.path, &fixed.original, &fixed.fixed);
        match fixed.path.file_name().unwrap().to_str().unwrap() {
            "gone.md" => assert!(matches!(result, Err(WriteError::Vanished)), "{result:?}"),
            _ => assert!(matches!(result, Err(WriteError::Changed)), "{result:?}"),
        }
    }
    assert!(!corpus.path("gone.md").exists(), "a vanished file is not recreated");
    assert_eq!(std::fs::read_to_string(corpus.path("edited.md")).unwrap(), "Saved meanwhile.\n");
    let mut names: Vec<_> =
        std::fs::read_dir(corpus.root()).unwrap().map(|e| e.unwrap().file_name()).collect();
    names.sort();
    assert_eq!(names, ["edited.md", "kb"], "no temporary file left behind");
}
