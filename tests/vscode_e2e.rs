//! The VS Code extension inside a real VS Code: code-server serves the workbench and Debian's
//! chromium drives it (`editors/vscode/e2e/run.mjs`, which prints `ok: <step>` per step and
//! a `result: <JSON>` line with what it read off the screen). Here we build the `.vsix`,
//! install the e2e folder's packages (`install.sh`: code-server and playwright-core from
//! npm), run the script on a copy of `fixtures/corpus` with the `dateline` binary cargo
//! built, and check what VS Code showed against `dateline check` and the KB on disk.
//! Without npm, chromium or the Debian packages `install.sh` needs, the test skips with a
//! message, unless `DATELINE_REQUIRE_EDITORS` is set (as `.ci/run` does).

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use serde::Deserialize;
use support::TempCorpus;
use support::child::run;

const ARTICLE: &str = "articles/2021-11-17-border-clashes.md";

/// Installing the e2e packages builds VS Code's native modules: about 90 s on 2 cores.
const INSTALL_LIMIT: Duration = Duration::from_secs(900);

/// run.mjs gives up by itself after 5 minutes; this is the backstop. A run takes 30-40 s.
const RUN_LIMIT: Duration = Duration::from_secs(360);

/// Per-wait timeout inside run.mjs: generous, for a loaded 2-core CI machine.
const WAIT_MS: &str = "60000";

const STEPS: &[&str] = &[
    "environment",
    "install the extension",
    "start code-server",
    "open the folder",
    "open the article",
    "problems panel",
    "hover",
    "definition",
    "quick fix",
];

/// run.mjs's `result:` line.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Shown {
    code_server: String,
    extension: String,
    problems: Vec<Problem>,
    hover: String,
    definition: Definition,
    quick_fix: QuickFix,
}

/// One row of the Problems panel.
#[derive(Debug, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
struct Problem {
    line: u32,
    column: u32,
    code: String,
    severity: String,
    message: String,
    source: String,
    file: PathBuf,
}

/// Where F12 landed: the tab's file, the status bar's `Ln, Col` and the line drawn there.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Definition {
    file: String,
    line: usize,
    column: usize,
    line_text: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct QuickFix {
    title: String,
    fixed: String,
    before: String,
    after: String,
    problems_after: Vec<Problem>,
}

/// `dateline check` on the article, as Problems rows would show it.
fn cli_problems(corpus: &TempCorpus) -> Vec<Problem> {
    let output = Command::new(support::bin())
        .args(["check", "--output-format", "json", ARTICLE])
        .current_dir(corpus.root())
        .output()
        .unwrap();
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).expect("JSON findings");
    let mut problems: Vec<Problem> = findings
        .iter()
        .map(|f| Problem {
            line: f["line"].as_u64().unwrap() as u32,
            column: f["column"].as_u64().unwrap() as u32,
            code: f["code"].as_str().unwrap().to_owned(),
            severity: f["severity"].as_str().unwrap().to_owned(),
            message: f["message"].as_str().unwrap().to_owned(),
            source: "dateline".to_owned(),
            file: corpus.path(ARTICLE),
        })
        .collect();
    problems.sort();
    problems
}

fn sorted(mut problems: Vec<Problem>) -> Vec<Problem> {
    problems.sort();
    problems
}

/// Whether `editors/vscode/e2e/install.sh` installed the packages; `false` (the test skips)
/// when this machine lacks what it needs and DATELINE_REQUIRE_EDITORS is unset.
fn install_e2e_packages() -> bool {
    let mut install = Command::new("bash");
    install.arg(support::repo_root().join("editors/vscode/e2e/install.sh"));
    let done = run(install, INSTALL_LIMIT);
    if done.code == Some(3) {
        let why = done.stderr.trim();
        assert!(
            std::env::var_os("DATELINE_REQUIRE_EDITORS").is_none(),
            "the VS Code end-to-end test cannot install code-server, and DATELINE_REQUIRE_EDITORS is set: {why}"
        );
        eprintln!("SKIPPED the VS Code end-to-end test: {why}");
        return false;
    }
    assert!(done.success, "editors/vscode/e2e/install.sh failed {}", done.report());
    true
}

/// `editors/vscode/dateline.vsix`, packaged from the current sources (`npm ci` first when
/// the extension's packages are not installed).
fn package_vsix() -> PathBuf {
    let dir = support::repo_root().join("editors/vscode");
    let npm = |args: &[&str]| {
        let done = run(
            {
                let mut npm = Command::new("npm");
                npm.args(args).current_dir(&dir);
                npm
            },
            INSTALL_LIMIT,
        );
        assert!(done.success, "npm {args:?} in {} failed {}", dir.display(), done.report());
    };
    if !dir.join("node_modules/.package-lock.json").is_file() {
        npm(&["ci", "--no-audit", "--no-fund"]);
    }
    npm(&["run", "package"]);
    dir.join("dateline.vsix")
}

/// The line of a file, 1-based.
fn line_of(file: &Path, line: usize) -> String {
    let text = std::fs::read_to_string(file).unwrap();
    text.lines().nth(line - 1).unwrap_or_else(|| panic!("{} has no line {line}", file.display())).to_owned()
}

/// In code-server with the built `.vsix` and `dateline serve` on a copy of the fixture corpus:
/// the Problems panel lists exactly the article's findings as `dateline check` reports them
/// (line, column, code, severity, message); hovering "Hulusi Akar" shows his card with the
/// role he held on the article's date; F12 on him opens `kb/people.toml` at his id; and the
/// `Replace with \`Nikol Pashinyan\`` quick fix changes the line in the editor, after which the
/// Problems panel drops that finding and shows what the CLI finds in the fixed text.
#[test]
fn vscode_problems_hover_definition_and_quick_fix_in_a_real_workbench() {
    if !support::require_tool("npm", "the VS Code end-to-end test")
        || !support::require_tool("chromium", "the VS Code end-to-end test")
        || !install_e2e_packages()
    {
        return;
    }
    let vsix = package_vsix();
    let corpus = TempCorpus::copy_of("corpus");
    let shots = tempfile::Builder::new().prefix("dateline-vscode-screenshots-").tempdir().unwrap();
    let mut node = Command::new("node");
    node.arg(support::repo_root().join("editors/vscode/e2e/run.mjs"))
        .env("DATELINE_E2E_BIN", support::bin())
        .env("DATELINE_E2E_VSIX", &vsix)
        .env("DATELINE_E2E_CORPUS", corpus.root())
        .env("DATELINE_E2E_SHOTS", shots.path())
        .env("DATELINE_E2E_TIMEOUT_MS", WAIT_MS);
    let started = std::time::Instant::now();
    let done = run(node, RUN_LIMIT);
    if !done.success || done.steps() != STEPS {
        // Keep the screenshots: they show where the workbench was when it failed.
        let kept = shots.keep();
        panic!(
            "VS Code end-to-end test failed; steps done: {:?}, expected: {STEPS:?}; screenshots in {} {}",
            done.steps(),
            kept.display(),
            done.report()
        );
    }
    let json = done.stdout.lines().find_map(|l| l.strip_prefix("result: ")).expect("a result line");
    let shown: Shown = serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {json}"));
    eprintln!("VS Code: {} ({}) in {:?}", shown.code_server, shown.extension, started.elapsed());
    assert!(shown.extension.starts_with("dateline.dateline@"), "{}", shown.extension);

    // The Problems panel: what the CLI finds, row for row.
    let cli = cli_problems(&corpus);
    assert!(cli.iter().any(|p| p.code == "name/variant"), "the fixture changed: {cli:#?}");
    assert_eq!(sorted(shown.problems), cli, "the Problems panel and `dateline check` differ");

    // The hover card of the person under the mouse.
    assert!(shown.hover.starts_with("Hulusi Akar · person"), "hover: {}", shown.hover);
    for part in [
        "On 2021-11-17 (the article's date):",
        "Minister of National Defence of Türkiye (2018-07-10 – 2023-06-04)",
    ] {
        assert!(shown.hover.contains(part), "the hover lacks {part:?}: {}", shown.hover);
    }

    // F12: his id in kb/people.toml, the same line as on disk, the cursor on the id.
    let definition = &shown.definition;
    assert_eq!(definition.file, "people.toml");
    let on_disk = line_of(&corpus.path("kb/people.toml"), definition.line);
    assert_eq!(
        definition.line_text, on_disk,
        "the line drawn at the cursor is not line {} on disk",
        definition.line
    );
    assert_eq!(on_disk, r#"id = "hulusi-akar""#, "F12 landed on line {}", definition.line);
    let from_cursor: String = on_disk.chars().skip(definition.column - 1).collect();
    assert_eq!(from_cursor, r#""hulusi-akar""#, "F12 landed at column {}", definition.column);

    // The quick fix: the line changed in the editor, the fixed finding gone from the panel.
    let fix = &shown.quick_fix;
    assert_eq!(fix.title, "Replace with `Nikol Pashinyan`");
    assert_eq!(fix.fixed, "14:16 name/variant");
    assert!(fix.before.contains("Prime Minister Nikol Pashinian asked"), "before: {}", fix.before);
    assert_eq!(fix.after, fix.before.replace("Nikol Pashinian", "Nikol Pashinyan"));
    let after: Vec<String> =
        fix.problems_after.iter().map(|p| format!("{}:{} {}", p.line, p.column, p.code)).collect();
    assert!(!after.contains(&fix.fixed), "the fixed finding is still listed: {after:?}");
    for kept in cli.iter().filter(|p| p.code != "name/variant" || p.line != 14) {
        let key = format!("{}:{} {}", kept.line, kept.column, kept.code);
        assert!(after.contains(&key), "{key} left the Problems panel with the fix: {after:?}");
    }
}
