//! One fixture per check: `fixtures/checks/<code>/` is a small corpus with cases that must
//! fire and cases (files named `silent*`) that must not. What the check prints there is
//! snapshotted in the human format, so a change in wording or position shows in review.

mod support;

use std::path::Path;

use dateline::analysis::AnalysisHost;
use dateline::checks::registry::RULES;
use dateline::cli::output::{Report, full};
use dateline::corpus::Config;

fn config_for(dir: &Path) -> Config {
    let file = dir.join("dateline.toml");
    match std::fs::read_to_string(&file) {
        Ok(text) => Config::parse(dir.to_path_buf(), file, &text).expect("fixture config"),
        Err(_) => Config::defaults(dir.to_path_buf()),
    }
}

#[test]
fn every_check_fires_on_its_fixture_and_stays_silent_elsewhere() {
    // `corpus/internal-error` fires only on a bug: its fixture holds the needle of a fault
    // injected on purpose, which debug builds read from the environment once, at the first
    // analysis. SAFETY: the only test of this binary, before it starts a thread of its own.
    if cfg!(debug_assertions) {
        unsafe { std::env::set_var("DATELINE_FAULT_INJECT", "panic-on-text:DATELINE-FAULT-FIXTURE") };
    }
    // Where a panic happened moves with every edit of that source file.
    let panic_location = regex::Regex::new(r"\(at src/[^)]*\)").unwrap();
    let mut missing = Vec::new();
    for rule in RULES {
        if rule.code == "corpus/internal-error" && !cfg!(debug_assertions) {
            eprintln!("SKIPPED corpus/internal-error: faults are injected only in debug builds");
            continue;
        }
        let dir = support::fixtures().join("checks").join(rule.code);
        if !dir.is_dir() {
            missing.push(rule.code);
            continue;
        }
        let host = AnalysisHost::load(config_for(&dir));
        let snapshot = host.snapshot();
        let findings: Vec<_> =
            snapshot.all_findings().into_iter().filter(|f| f.rule.code == rule.code).collect();
        assert!(!findings.is_empty(), "{}: the fixture never fires", rule.code);
        for finding in &findings {
            let path = snapshot.path(finding.file).unwrap();
            let name = path.file_name().unwrap().to_string_lossy();
            assert!(!name.starts_with("silent"), "{}: fired on {name}: {}", rule.code, finding.message);
        }
        let files = snapshot.files().count();
        let report = Report::new(&snapshot, &findings, files, dir.clone());
        let mut out = Vec::new();
        full::write(&report, full::Style::Full, false, &mut out).unwrap();
        let rendered = String::from_utf8(out).unwrap();
        let rendered = panic_location.replace_all(&rendered, "(at [location])");
        insta::assert_snapshot!(rule.code.replace('/', "__"), rendered);
    }
    assert!(missing.is_empty(), "checks without a fixture under fixtures/checks/: {missing:?}");
}
