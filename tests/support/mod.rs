//! Shared test helpers: the real binary, temporary corpora, and an LSP client that speaks
//! JSON-RPC to `dateline serve` over stdio.

#![allow(dead_code)]

pub mod child;
pub mod lsp;

use std::path::{Path, PathBuf};

/// The `dateline` binary cargo built for these tests.
pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_dateline")
}

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixtures() -> PathBuf {
    repo_root().join("fixtures")
}

/// `../shared` beside the checkout (CI has it there), or `None` with a message saying why
/// the calling test has nothing to check.
pub fn shared_data(what: &str) -> Option<PathBuf> {
    let shared = repo_root().join("../shared");
    if shared.is_dir() {
        return Some(shared);
    }
    // CI has ../shared, so a data test that would skip there is a broken checkout, not a
    // pass: `.ci/run` sets DATELINE_REQUIRE_DATA=1 and the skip becomes a failure.
    assert!(
        std::env::var_os("DATELINE_REQUIRE_DATA").is_none(),
        "{what} needs {}, which is absent, and DATELINE_REQUIRE_DATA is set",
        shared.display()
    );
    eprintln!(
        "SKIPPED {what}: {} is absent (it holds the seed articles and public data beside the checkout)",
        shared.display()
    );
    None
}

/// A corpus in a temporary directory, written from `(relative path, contents)` pairs.
pub struct TempCorpus {
    pub dir: tempfile::TempDir,
}

impl TempCorpus {
    pub fn new(files: &[(&str, &str)]) -> TempCorpus {
        let dir = tempfile::tempdir().expect("temp dir");
        let corpus = TempCorpus { dir };
        for (path, text) in files {
            corpus.write(path, text);
        }
        corpus
    }

    /// A copy of a directory under `fixtures/`.
    pub fn copy_of(fixture: &str) -> TempCorpus {
        let corpus = TempCorpus { dir: tempfile::tempdir().expect("temp dir") };
        copy_dir(&fixtures().join(fixture), corpus.root());
        corpus
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    pub fn write(&self, rel: &str, text: &str) {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap_or_else(|e| panic!("{}: {e}", from.display())) {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Whether `program` runs here. When it does not, the calling test prints why it skips,
/// unless `DATELINE_REQUIRE_EDITORS=1` (set by `.ci/run`), where a missing tool fails.
pub fn require_tool(program: &str, what: &str) -> bool {
    let found = std::process::Command::new(program)
        .arg("--version")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !found {
        assert!(
            std::env::var_os("DATELINE_REQUIRE_EDITORS").is_none(),
            "{what} needs `{program}`, which is not installed, and DATELINE_REQUIRE_EDITORS is set"
        );
        eprintln!("SKIPPED {what}: `{program}` is not installed (.ci/run installs it)");
    }
    found
}

/// The findings an `expected.txt` lists, one `path:line:column: code` per line (`#` starts a
/// comment), sorted.
pub fn expected_findings(file: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(file).unwrap_or_else(|err| panic!("{}: {err}", file.display()));
    let mut expected: Vec<String> = text
        .lines()
        .map(|line| line.split('#').next().unwrap_or_default().trim())
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect();
    expected.sort();
    expected
}

/// `path:line:column: code` of every finding in `check --output-format json` output, sorted;
/// with `file_name_only`, the path is cut to its file name.
pub fn finding_keys(json: &[u8], file_name_only: bool) -> Vec<String> {
    let findings: Vec<serde_json::Value> = serde_json::from_slice(json).expect("JSON findings");
    let mut keys: Vec<String> = findings
        .iter()
        .map(|f| {
            let path = f["path"].as_str().unwrap();
            let path = if file_name_only { path.rsplit('/').next().unwrap() } else { path };
            format!("{path}:{}:{}: {}", f["line"], f["column"], f["code"].as_str().unwrap())
        })
        .collect();
    keys.sort();
    keys
}

/// Asserts that `actual` holds exactly the `expected` findings, naming the difference.
pub fn assert_same_findings(expected: &[String], actual: &[String]) {
    let missing: Vec<_> = expected.iter().filter(|e| !actual.contains(e)).collect();
    let unexpected: Vec<_> = actual.iter().filter(|a| !expected.contains(a)).collect();
    assert!(
        missing.is_empty() && unexpected.is_empty(),
        "missing: {missing:#?}\nunexpected: {unexpected:#?}"
    );
}
