//! Clean text must stay clean: `fixtures/clean/` writes names, titles and dates correctly in
//! the forms news uses (possessives, wrapped lines, demonyms, "then-", "former", two
//! Aliyevs, lone surnames), and no check may fire on it.

mod support;

use std::process::Command;

#[test]
fn correct_text_produces_no_findings() {
    let output = Command::new(support::bin())
        .args(["check", ".", "--output-format", "json"])
        .current_dir(support::fixtures().join("clean"))
        .output()
        .unwrap();
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    let shown: Vec<String> = findings
        .iter()
        .map(|f| {
            format!(
                "{}:{}: {} {}",
                f["path"].as_str().unwrap(),
                f["line"],
                f["code"].as_str().unwrap(),
                f["message"].as_str().unwrap()
            )
        })
        .collect();
    assert!(shown.is_empty(), "false alarms on clean text:\n{}", shown.join("\n"));
    assert_eq!(output.status.code(), Some(0));
}
