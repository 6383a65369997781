//! The editor packages under `editors/`, built and tested by their own tools: the VS Code
//! extension (type check, lint, unit and host tests, bundle, .vsix) and the Neovim plugin
//! (loads in headless Neovim; unit checks of its Lua).

mod support;

use std::process::Command;

#[test]
fn vscode_extension_checks_and_packages() {
    if !support::require_tool("npm", "the VS Code extension build") {
        return;
    }
    let dir = support::repo_root().join("editors/vscode");
    let output = Command::new("bash").arg(dir.join("ci.sh")).current_dir(&dir).output().unwrap();
    assert!(
        output.status.success(),
        "editors/vscode/ci.sh failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let vsix = dir.join("dateline.vsix");
    assert!(std::fs::metadata(&vsix).is_ok_and(|m| m.len() > 1000), "no .vsix at {}", vsix.display());
}

#[test]
fn neovim_plugin_loads_and_passes_its_unit_checks() {
    if !support::require_tool("nvim", "the Neovim plugin smoke test") {
        return;
    }
    let script = support::repo_root().join("editors/nvim/test/smoke.sh");
    let output = Command::new("sh").arg(&script).output().unwrap();
    assert!(
        output.status.success(),
        "{} failed:\n{}\n{}",
        script.display(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
