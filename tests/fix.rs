//! `check --fix`, `--diff` and `--unsafe-fixes` on real files: fixed findings are gone,
//! every other byte stays, and a file that cannot be written safely is left whole with an
//! error.

mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use dateline::analysis::AnalysisHost;
use dateline::analysis::fix::{FixMode, fix};
use dateline::cli::fix::{WriteError, WriteScope, write_fixed};
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

/// The byte offset of a 1-based line and column (in characters, as the JSON output counts
/// them) in `text`, whose lines end in `\n`.
fn offset_at(text: &[u8], line: &Value, column: &Value) -> usize {
    let text = std::str::from_utf8(text).unwrap();
    let (line, column) = (line.as_u64().unwrap() as usize, column.as_u64().unwrap() as usize);
    let start: usize = text.split_inclusive('\n').take(line - 1).map(str::len).sum();
    start + text[start..].chars().take(column - 1).map(char::len_utf8).sum::<usize>()
}

/// `before` with the fixes of `fixable` (findings as `check --output-format json` gives
/// them) spliced in. Each must have one edit, and overlap no other: then one round applies
/// them all, and this is the whole result.
fn spliced(before: &BTreeMap<PathBuf, Vec<u8>>, fixable: &[Value]) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut expected = before.clone();
    let mut edits: Vec<(PathBuf, usize, usize, String)> = fixable
        .iter()
        .map(|f| {
            let edits = f["fix"]["edits"].as_array().unwrap();
            assert_eq!(edits.len(), 1, "{f}");
            let edit = &edits[0];
            let path = PathBuf::from(edit["path"].as_str().unwrap());
            let text = &before[&path];
            let start = offset_at(text, &edit["line"], &edit["column"]);
            let end = offset_at(text, &edit["end_line"], &edit["end_column"]);
            (path, start, end, edit["content"].as_str().unwrap().to_owned())
        })
        .collect();
    // Last first, so offsets stay valid.
    edits.sort_by(|a, b| (&b.0, b.1).cmp(&(&a.0, a.1)));
    for pair in edits.windows(2) {
        assert!(pair[0].0 != pair[1].0 || pair[1].2 <= pair[0].1, "overlapping fixes: {pair:?}");
    }
    for (path, start, end, content) in edits {
        expected.get_mut(&path).unwrap().splice(start..end, content.into_bytes());
    }
    expected
}

/// Asserts that `after` is `expected`, naming the first file that differs.
fn assert_same_tree(after: &BTreeMap<PathBuf, Vec<u8>>, expected: &BTreeMap<PathBuf, Vec<u8>>) {
    assert_eq!(
        after.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>(),
        "no file added or lost"
    );
    for (path, bytes) in after {
        assert!(
            bytes == &expected[path],
            "{}: not what the fixes alone would make:\n{}",
            path.display(),
            String::from_utf8_lossy(bytes)
        );
    }
}

/// What `--diff` should print for a run that turned `before` into `after`: the diff of each
/// changed file, in path order, as the library's diff writer makes it.
fn diff_of(before: &BTreeMap<PathBuf, Vec<u8>>, after: &BTreeMap<PathBuf, Vec<u8>>) -> String {
    let mut out = Vec::new();
    for (path, old) in before {
        let new = &after[path];
        if old != new {
            let (old, new) = (std::str::from_utf8(old).unwrap(), std::str::from_utf8(new).unwrap());
            dateline::cli::output::diff::write(path.to_str().unwrap(), old, new, &mut out).unwrap();
        }
    }
    String::from_utf8(out).unwrap()
}

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

    let after = tree(corpus.root());
    assert_same_tree(&after, &spliced(&before, &fixable));

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

/// Issue 11: with `--unsafe-fixes` the example corpus gets fixes in articles and in a KB
/// file in one round. The next round's fixes were spliced at offsets of the texts before
/// the first (`on Tuesdayy,`, `(kbzakir-hasanovv)`, `restrTürkiyeTürkiye's`).
#[test]
fn unsafe_fixes_of_the_example_corpus_change_exactly_the_fixed_spans() {
    let corpus = TempCorpus::copy_of("corpus");
    let before = tree(corpus.root());
    let fixable: Vec<Value> =
        findings(corpus.root(), &[]).into_iter().filter(|f| !f["fix"].is_null()).collect();
    assert!(fixable.iter().any(|f| f["path"].as_str().unwrap().starts_with("kb/")), "a KB fix among them");
    let expected = spliced(&before, &fixable);

    let diff_run = TempCorpus::copy_of("corpus");
    let diff = check(diff_run.root(), &["--diff", "--unsafe-fixes"]);
    assert_eq!(diff.status.code(), Some(1));
    assert_eq!(tree(diff_run.root()), before, "--diff writes nothing");

    let output = check(corpus.root(), &["--fix", "--unsafe-fixes"]);
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains(&format!("Fixed {} findings.", fixable.len())), "{stdout}");
    assert!(output.stderr.is_empty(), "{}", String::from_utf8_lossy(&output.stderr));
    let after = tree(corpus.root());
    for (path, bytes) in &after {
        let text = String::from_utf8_lossy(bytes);
        for doubled in ["Tuesdayy", "kbzakir", "hasanovv", "TürkiyeTürkiye", "Pashinyanhinyan"] {
            assert!(!text.contains(doubled), "{}: `{doubled}` in\n{text}", path.display());
        }
    }
    assert_same_tree(&after, &expected);
    assert_diff_was_the_fix_and_nothing_is_left(&corpus, diff, &before);
}

/// `--diff` (run on an identical copy) showed exactly what `--fix` wrote to `corpus`, and a
/// second `--fix --unsafe-fixes` finds nothing more and changes nothing.
fn assert_diff_was_the_fix_and_nothing_is_left(
    corpus: &TempCorpus,
    diff: Output,
    before: &BTreeMap<PathBuf, Vec<u8>>,
) {
    let after = tree(corpus.root());
    assert_eq!(
        String::from_utf8(diff.stdout).unwrap(),
        diff_of(before, &after),
        "--diff shows what --fix writes"
    );
    let again = check(corpus.root(), &["--fix", "--unsafe-fixes"]);
    assert!(!String::from_utf8_lossy(&again.stdout).contains("Fixed"), "nothing left to fix");
    assert_eq!(tree(corpus.root()), after, "a second --fix changes nothing");
}

/// Issue 11's corpus: one round fixes a variant in `a.md` and a typo in a KB role's `of`
/// (an id that exists, `armenia`). The article's analysis was kept from before the round,
/// so the next round replaced `Pashinian` at its old offsets: `Nikol Pashinyanhinyan`.
/// The variant here is a surname of another length than the fix's, so stale offsets show.
#[test]
fn an_article_fixed_in_the_same_round_as_the_kb_is_not_corrupted() {
    let kb = r#"[[entity]]
id = "nikol-pashinyan"
kind = "person"
name = "Nikol Pashinyan"
variants = ["Paschinjan"]

[[entity]]
id = "armenia"
kind = "place"
name = "Armenia"

[[entity]]
id = "ararat-mirzoyan"
kind = "person"
name = "Ararat Mirzoyan"
  [[entity.role]]
  title = "Foreign Minister"
  of = "armeniaa"
  from = "2021-08-19"
"#;
    let files = [("kb/kb.toml", kb), ("a.md", "Paschinjan spoke.\n")];
    let corpus = TempCorpus::new(&files);
    let before = tree(corpus.root());

    let diff_run = TempCorpus::new(&files);
    let diff = check(diff_run.root(), &["--diff", "--unsafe-fixes"]);
    assert_eq!(diff.status.code(), Some(1));

    let output = check(corpus.root(), &["--fix", "--unsafe-fixes", "--output-format", "concise"]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("Fixed 2 findings."), "{stdout}");
    assert_eq!(std::fs::read_to_string(corpus.path("a.md")).unwrap(), "Pashinyan spoke.\n");
    assert_eq!(
        std::fs::read_to_string(corpus.path("kb/kb.toml")).unwrap(),
        kb.replace("armeniaa", "armenia")
    );
    assert_diff_was_the_fix_and_nothing_is_left(&corpus, diff, &before);
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
        b"\xEF\xBB\xBF---\r\ndate: 2021-11-17\r\n---\r\nNikol Pashinyan met Pashinyan's aide.\r\nLast line, no break"
    );
}

/// Issue 12: `--fix` keeps the form written. A lone surname variant became the full name
/// (`Pashinian's office` → `Nikol Pashinyan's office`); a variant with no form of its shape
/// in the KB is still fixed to the full name, but only with `--unsafe-fixes`.
#[test]
fn a_variant_is_fixed_to_the_canonical_form_of_its_shape() {
    let kb = "[[entity]]\nid = \"anahit-melkonyan\"\nkind = \"person\"\nname = \"Anahit Sara Melkonyan\"\naliases = [\"Anahit Melkonyan\"]\nvariants = [\"Anahit Melkonian\", \"Sara Melkonian\", \"Melkonian\"]\n";
    let text = "---\ndate: 2021-11-17\n---\nAnahit Melkonian spoke. Melkonian's aide and Melkonian\u{2019}s driver listened.\n\nSara Melkonian, a paper wrote.\n";
    let corpus = TempCorpus::new(&[("kb/kb.toml", kb), ("a.md", text)]);
    let safe = "---\ndate: 2021-11-17\n---\nAnahit Melkonyan spoke. Melkonyan's aide and Melkonyan\u{2019}s driver listened.\n\nSara Melkonian, a paper wrote.\n";
    let output = check(corpus.root(), &["--fix", "--output-format", "concise"]);
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.ends_with("1 fixable with `--unsafe-fixes`.\n"), "the unsafe one is left: {stdout}");
    assert_eq!(std::fs::read_to_string(corpus.path("a.md")).unwrap(), safe);
    assert_eq!(check(corpus.root(), &["--fix", "--unsafe-fixes"]).status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(corpus.path("a.md")).unwrap(),
        safe.replace("Sara Melkonian,", "Anahit Sara Melkonyan,")
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
        "--- a/a.md\n+++ b/a.md\n@@ -1,4 +1,4 @@\n ---\n date: 2021-11-17\n ---\n-Pashinian spoke.\n+Pashinyan spoke.\n"
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
        // `chattr +i` leaves the permission bits: the write is tried, and refused.
        let refused = stderr.contains("news/a.md was not fixed: cannot ")
            || stderr.contains("news/a.md was not fixed: it is read-only");
        assert!(refused, "{frozen_part}: {stderr}");
        assert!(stderr.contains("nothing was written"), "{stderr}");
        assert_eq!(std::fs::read_to_string(corpus.path("news/a.md")).unwrap(), article, "{frozen_part}");
        assert_eq!(listing, ["a.md"], "{frozen_part}: no temporary file left behind");
        // The other file was fixed, and the report shows the unfixed one as it is on disk.
        assert!(std::fs::read_to_string(corpus.path("b.md")).unwrap().contains("\nPashinyan spoke."));
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
    let config = Config::defaults(corpus.root().to_path_buf());
    let scope = WriteScope::of(&config);
    let mut host = AnalysisHost::load(config);
    let targets: Vec<_> = host.snapshot().files().collect();
    let report = fix(&mut host, &targets, FixMode::Safe);
    assert_eq!(report.files.len(), 2);

    // Between reading and writing: one file is deleted, the other saved by an editor.
    std::fs::remove_file(corpus.path("gone.md")).unwrap();
    std::fs::write(corpus.path("edited.md"), "Saved meanwhile.\n").unwrap();
    for fixed in &report.files {
        let result = write_fixed(&fixed.path, &fixed.original, &fixed.fixed, &scope);
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

const ARTICLE: &str = "---\ndate: 2021-11-17\n---\nPashinian spoke.\n";
const FIXED: &str = "---\ndate: 2021-11-17\n---\nPashinyan spoke.\n";

fn stderr_of(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[cfg(unix)]
#[test]
fn a_link_to_a_file_outside_the_corpus_is_reported_and_not_written() {
    // Reading through such a link must be asked for; writing through it never happens.
    let corpus =
        TempCorpus::new(&[("kb/kb.toml", KB), ("dateline.toml", "[corpus]\nfollow_links_outside = true\n")]);
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("x.md");
    std::fs::write(&target, ARTICLE).unwrap();
    std::os::unix::fs::symlink(&target, corpus.path("c.md")).unwrap();
    let output = check(corpus.root(), &["--fix"]);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let real = std::fs::canonicalize(&target).unwrap();
    assert!(
        stderr_of(&output).contains(&format!(
            "dateline: error: c.md was not fixed: it is a link to {}, which is outside the corpus; nothing was written\n",
            real.display()
        )),
        "{}",
        stderr_of(&output)
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), ARTICLE, "the file outside is untouched");
    assert!(std::fs::symlink_metadata(corpus.path("c.md")).unwrap().file_type().is_symlink());
    assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 1, "no temporary file outside");
}

#[cfg(unix)]
#[test]
fn a_link_inside_the_corpus_is_written_through_and_stays_a_link() {
    let corpus = TempCorpus::new(&[("kb/kb.toml", KB), ("real/a.md", ARTICLE)]);
    std::os::unix::fs::symlink("real/a.md", corpus.path("b.md")).unwrap();
    // Both names are in the corpus: the file is written once, and both count as fixed.
    let output = check(corpus.root(), &["--fix"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr_of(&output));
    assert!(String::from_utf8_lossy(&output.stdout).contains("Fixed 2 findings."));
    assert_eq!(std::fs::read_to_string(corpus.path("real/a.md")).unwrap(), FIXED);
    let link = std::fs::symlink_metadata(corpus.path("b.md")).unwrap();
    assert!(link.file_type().is_symlink(), "the link stays a link");
    assert_eq!(std::fs::read_link(corpus.path("b.md")).unwrap(), Path::new("real/a.md"));
}

#[cfg(unix)]
#[test]
fn a_hard_linked_file_is_reported_and_not_split() {
    use std::os::unix::fs::MetadataExt;
    let corpus = TempCorpus::new(&[("kb/kb.toml", KB), ("a.md", ARTICLE)]);
    let elsewhere = tempfile::tempdir_in(corpus.root().parent().unwrap()).unwrap();
    let other = elsewhere.path().join("same.md");
    std::fs::hard_link(corpus.path("a.md"), &other).unwrap();
    let output = check(corpus.root(), &["--fix"]);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert!(
        stderr_of(&output).contains(
            "dateline: error: a.md was not fixed: it has 2 hard links, and replacing it would leave the others with the old text (fix it by hand, or give it a single name); nothing was written\n"
        ),
        "{}",
        stderr_of(&output)
    );
    let (a, b) = (std::fs::metadata(corpus.path("a.md")).unwrap(), std::fs::metadata(&other).unwrap());
    assert_eq!((a.ino(), a.nlink()), (b.ino(), 2), "still one file with two names");
    assert_eq!(std::fs::read_to_string(corpus.path("a.md")).unwrap(), ARTICLE);
}

#[cfg(unix)]
#[test]
fn a_read_only_file_is_reported_and_not_written() {
    use std::os::unix::fs::PermissionsExt;
    let corpus = TempCorpus::new(&[("kb/kb.toml", KB), ("a.md", ARTICLE), ("b.md", ARTICLE)]);
    std::fs::set_permissions(corpus.path("a.md"), std::fs::Permissions::from_mode(0o444)).unwrap();
    // Root may write any file; a read-only one is still not ours to change.
    let output = check(corpus.root(), &["--fix", "--output-format", "concise"]);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert_eq!(
        stderr_of(&output),
        "dateline: error: a.md was not fixed: it is read-only; nothing was written\n"
    );
    assert_eq!(std::fs::read_to_string(corpus.path("a.md")).unwrap(), ARTICLE);
    let mode = std::fs::metadata(corpus.path("a.md")).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o444);
    assert_eq!(std::fs::read_to_string(corpus.path("b.md")).unwrap(), FIXED, "the other file is fixed");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.starts_with("a.md:4:1: warning[name/variant]"), "shown as it is on disk: {stdout}");
}

/// A `--fix` killed between writing its temporary file and the rename leaves the temporary
/// file behind (nothing can remove it then); the next `--fix` does.
#[test]
fn a_temporary_file_left_by_a_killed_fix_is_removed_by_the_next() {
    let corpus = TempCorpus::new(&[("kb/kb.toml", KB), ("news/a.md", ARTICLE)]);
    corpus.write("news/.dateline-Ab12Cd.tmp", "half of a fixed text");
    corpus.write("news/.dateline-notes.tmp", "a file of the user's, not ours");
    let diff = check(corpus.root(), &["--diff"]);
    assert!(corpus.path("news/.dateline-Ab12Cd.tmp").exists(), "--diff writes and removes nothing");
    assert!(stderr_of(&diff).starts_with("Would fix 1 finding"), "{}", stderr_of(&diff));

    let output = check(corpus.root(), &["--fix"]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert_eq!(
        stderr_of(&output),
        "dateline: note: removed news/.dateline-Ab12Cd.tmp, a temporary file left by an interrupted --fix\n"
    );
    assert!(!corpus.path("news/.dateline-Ab12Cd.tmp").exists());
    assert!(corpus.path("news/.dateline-notes.tmp").exists(), "only our own names are removed");
    assert_eq!(std::fs::read_to_string(corpus.path("news/a.md")).unwrap(), FIXED);
}
