//! End to end in real editors: headless Neovim with the plugin in `editors/nvim`, and batch
//! Emacs with Eglot set up as `docs/editors.md` says, each driving the `dateline` binary
//! cargo built on a temporary copy of `fixtures/corpus`. The editor-side scripts
//! (`editors/nvim/test/e2e.lua`, `editors/emacs/dateline-e2e.el`) do the asserting, one
//! step at a time; here we check that the editor exited cleanly and that every step ran,
//! and print the editor's output and logs when not. Without the editor installed a test
//! skips with a message, unless `DATELINE_REQUIRE_EDITORS` is set (as `.ci/run` does).

mod support;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use support::TempCorpus;
use support::child::{Run, run};

/// How long one editor run may take before it is killed. The scripts time out on each
/// wait well before this (`DATELINE_E2E_TIMEOUT_MS`), and a run takes a second or two.
const RUN_LIMIT: Duration = Duration::from_secs(240);

/// Per-wait timeout inside the editor scripts: generous, for a loaded 2-core CI machine.
const WAIT_MS: &str = "30000";

/// Every file under `dir` whose name ends with `suffix`, with its contents, for a report.
fn logs_under(dir: &Path, suffix: &str) -> String {
    let mut found = String::new();
    let Ok(entries) = std::fs::read_dir(dir) else { return found };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.push_str(&logs_under(&path, suffix));
        } else if path.to_string_lossy().ends_with(suffix) {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            found.push_str(&format!("---- {}\n{text}\n", path.display()));
        }
    }
    found
}

/// Asserts that the run succeeded and printed `ok: <step>` for every step, in order.
fn assert_steps(editor: &str, run: &Run, steps: &[&str], logs: impl Fn() -> String) {
    let done = run.steps();
    let report = || {
        format!(
            "{editor} end-to-end test failed; steps done: {done:?}, expected: {steps:?} {}\n{}",
            run.report(),
            logs()
        )
    };
    assert!(run.success, "{}", report());
    assert_eq!(done, steps, "{}", report());
    eprintln!("{editor}: {}", run.stdout.lines().find(|l| l.starts_with("info: ")).unwrap_or(""));
}

fn neovim(corpus: &TempCorpus, state: &Path) -> Run {
    let mut nvim = Command::new("nvim");
    // The command in the script's header, from the repository root (0.7.2 has no `-l`).
    nvim.args(["--headless", "-u", "NONE", "--cmd", "set rtp+=editors/nvim"])
        .args(["-c", "luafile editors/nvim/test/e2e.lua"])
        .current_dir(support::repo_root())
        .env("DATELINE_E2E_BIN", support::bin())
        .env("DATELINE_E2E_CORPUS", corpus.root())
        .env("DATELINE_E2E_TIMEOUT_MS", WAIT_MS);
    // Neovim's LSP log (lsp.log: the server's stderr too) and any state go here.
    for var in ["XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"] {
        nvim.env(var, state.join(var.to_lowercase()));
    }
    run(nvim, RUN_LIMIT)
}

const NEOVIM_STEPS: &[&str] = &[
    "environment",
    "setup and open the article",
    "diagnostics",
    "a KB change on disk",
    "hover",
    "definition",
    "references",
    "code action",
    "shutdown",
];

/// Opens `articles/2021-11-17-border-clashes.md` in Neovim through the plugin and checks,
/// with Neovim's own LSP client and utilities: the four diagnostics of `expected.txt`
/// (codes, lines, columns, message, severity); that they follow `kb/people.toml` rewritten
/// on disk to accept "Pashinian" and then restored (Neovim 0.7.2 cannot watch files for the
/// server, and later versions turn that off on Linux, so this is the server's own watcher);
/// the hover on "Hulusi Akar" (the role he held on the article's date), sent from a line
/// with a non-ASCII character so the UTF-16 conversion matters; go-to-definition landing on
/// his id in `kb/people.toml`, whose buffer joins the same client; references per file as
/// they reach the quickfix list; the `Replace with \`Nikol Pashinyan\`` quick fix applied
/// with `apply_workspace_edit`, twice, each time waiting for the server to drop the fixed
/// diagnostic; and a clean shutdown.
#[test]
fn neovim_diagnostics_watcher_hover_definition_references_and_a_quick_fix() {
    if !support::require_tool("nvim", "the Neovim end-to-end test") {
        return;
    }
    let corpus = TempCorpus::copy_of("corpus");
    let state = tempfile::tempdir().unwrap();
    let run = neovim(&corpus, state.path());
    assert_steps("Neovim", &run, NEOVIM_STEPS, || logs_under(state.path(), ".log"));
}

/// Whether `(require 'eglot)` works in `emacs -Q`, the way the script loads it: built in
/// (Emacs 29+) or from Debian's `/usr/share/emacs/site-lisp/elpa` (elpa-eglot).
fn eglot_available(home: &Path) -> bool {
    const PROBE: &str = "(progn (unless (require 'eglot nil t) (require 'package) \
        (add-to-list 'package-directory-list \"/usr/share/emacs/site-lisp/elpa\") \
        (package-initialize)) (kill-emacs (if (require 'eglot nil t) 0 1)))";
    Command::new("emacs")
        .args(["--batch", "-Q", "--eval", PROBE])
        .env("HOME", home)
        .stdin(Stdio::null())
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Opens the same article in Emacs with Eglot configured by the init snippet of
/// `docs/editors.md` (evaluated as written) and checks: the project root and language id;
/// the four diagnostics in Flymake (codes, lines, columns, message, type); that they follow
/// the same KB change on disk as in Neovim, here through Eglot's own file watching
/// (`didChangeWatchedFiles`, which Eglot 1.9 offers and the server then asks for); the hover
/// through Eglot's eldoc function; definition through xref (`M-.` lands on the id in
/// `kb/people.toml`, and that buffer joins the same server); references per file; the
/// quick fix through `eglot-code-actions`, waiting for the server to drop the diagnostic;
/// and that the server answers `shutdown`.
#[test]
fn emacs_eglot_diagnostics_hover_definition_references_and_a_quick_fix() {
    if !support::require_tool("emacs", "the Emacs (Eglot) end-to-end test") {
        return;
    }
    let home = tempfile::tempdir().unwrap();
    if !eglot_available(home.path()) {
        assert!(
            std::env::var_os("DATELINE_REQUIRE_EDITORS").is_none(),
            "the Emacs end-to-end test needs Eglot (built into Emacs 29+; Debian's elpa-eglot for \
             Emacs 28), which is not installed, and DATELINE_REQUIRE_EDITORS is set"
        );
        eprintln!("SKIPPED the Emacs (Eglot) end-to-end test: Eglot is not installed (.ci/run installs it)");
        return;
    }
    let corpus = TempCorpus::copy_of("corpus");
    let mut emacs = Command::new("emacs");
    emacs
        .args(["--batch", "-Q", "-l", "editors/emacs/dateline-e2e.el"])
        .current_dir(support::repo_root())
        .env("DATELINE_E2E_BIN", support::bin())
        .env("DATELINE_E2E_CORPUS", corpus.root())
        .env("DATELINE_E2E_TIMEOUT_MS", WAIT_MS)
        // Nothing from (or into) the user's ~/.emacs.d.
        .env("HOME", home.path());
    let run = run(emacs, RUN_LIMIT);
    assert_steps(
        "Emacs",
        &run,
        &[
            "environment",
            "the docs' init snippet",
            "open the article and connect",
            "diagnostics",
            "a KB change on disk",
            "hover",
            "definition",
            "references",
            "code action",
            "shutdown",
        ],
        String::new,
    );
}
