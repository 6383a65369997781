//! Architecture and hygiene rules that code review would otherwise have to remember.

use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

fn rel(path: &Path) -> String {
    path.strip_prefix(src()).unwrap().display().to_string()
}

/// Code outside `#[cfg(test)]` modules and comments, roughly: enough for import rules.
fn code_lines(text: &str) -> impl Iterator<Item = &str> {
    let end = text.find("#[cfg(test)]").unwrap_or(text.len());
    text[..end].lines().filter(|l| !l.trim_start().starts_with("//"))
}

/// The code lines of the `src/` files `exempt` does not name that contain one of
/// `needles`, each as `path: line`: what a "only X may do Y" rule reports.
fn lines_containing(exempt: impl Fn(&str) -> bool, needles: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for path in rust_files(&src()) {
        let rel = rel(&path);
        if exempt(&rel) {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for line in code_lines(&text) {
            if needles.iter().any(|needle| line.contains(needle)) {
                found.push(format!("{rel}: {}", line.trim()));
            }
        }
    }
    found
}

#[test]
fn every_module_says_what_it_is() {
    let undocumented: Vec<_> = rust_files(&src())
        .into_iter()
        .filter(|p| !std::fs::read_to_string(p).unwrap().starts_with("//!"))
        .map(|p| rel(&p))
        .collect();
    assert!(undocumented.is_empty(), "modules without a `//!` header: {undocumented:?}");
}

/// The core knows no protocol and no async runtime: it can be tested, benchmarked and
/// reused without either.
#[test]
fn the_core_imports_no_lsp_or_async_types() {
    let front_ends = ["lsp", "cli", "main.rs"];
    let forbidden = ["tower_lsp_server", "ls_types", "tokio", "ropey", "lsp_types"];
    let offenders = lines_containing(|rel| front_ends.iter().any(|f| rel.starts_with(f)), &forbidden);
    assert!(offenders.is_empty(), "the core must not use LSP or async types:\n{}", offenders.join("\n"));
}

/// In `serve`, stdout carries JSON-RPC: one stray print corrupts the stream.
#[test]
fn the_server_never_prints() {
    let mut offenders = Vec::new();
    for path in rust_files(&src().join("lsp")) {
        let text = std::fs::read_to_string(&path).unwrap();
        for line in code_lines(&text) {
            if ["println!", "print!(", "eprintln!", "eprint!(", "dbg!", "std::io::stdout()"]
                .iter()
                .any(|p| line.contains(p))
            {
                offenders.push(format!("{}: {}", rel(&path), line.trim()));
            }
        }
    }
    assert!(offenders.is_empty(), "printing in lsp/ (log with tracing instead):\n{}", offenders.join("\n"));
}

/// Wire shapes live in the front ends; core types stay free to change.
#[test]
fn only_front_ends_serialize() {
    let mut offenders = Vec::new();
    for path in rust_files(&src()) {
        let rel = rel(&path);
        if rel.starts_with("cli") || rel.starts_with("lsp") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        if code_lines(&text).any(|l| l.contains("derive(") && l.contains("Serialize")) {
            offenders.push(rel);
        }
    }
    assert!(offenders.is_empty(), "core types deriving Serialize: {offenders:?}");
}

/// A check is one file plus one registry line: no file without its line.
#[test]
fn every_check_file_is_registered() {
    let checks = src().join("checks");
    let registry = std::fs::read_to_string(checks.join("registry.rs")).unwrap();
    let mut unregistered = Vec::new();
    for group in std::fs::read_dir(&checks).unwrap() {
        let group = group.unwrap().path();
        if !group.is_dir() {
            continue;
        }
        let group_name = group.file_name().unwrap().to_string_lossy().into_owned();
        for file in rust_files(&group) {
            let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
            if stem == "mod" {
                continue;
            }
            if !registry.contains(&format!("&{group_name}::{stem}::RULE")) {
                unregistered.push(format!("{group_name}/{stem}"));
            }
            let text = std::fs::read_to_string(&file).unwrap();
            let code = format!("code: \"{group_name}/{}\"", stem.replace('_', "-"));
            assert!(
                text.contains(&code),
                "{group_name}/{stem}.rs: the code must be `{group_name}/{}`",
                stem.replace('_', "-")
            );
        }
    }
    assert!(unregistered.is_empty(), "check files missing from registry.rs: {unregistered:?}");
}

/// Only the fixer's IO writes a user's file (atomically, after checking it is unchanged):
/// nothing else in `src/` may create, write, rename or delete files. The exceptions are
/// `timeml tag --out-dir`, which writes new tagged copies where it is told to, and
/// `kb import` and `kb suggest --write`, which create the new KB file they are told to (an
/// existing one is replaced through the fixer's IO), and `init`, which creates files that
/// do not exist (`create_new`: never one that does), and `agree --export-units`, which
/// writes the table of units where it is told to.
#[test]
fn only_the_fixer_writes_files() {
    let writes = ["fs::write(", "File::create(", "OpenOptions", ".persist(", "fs::rename(", "remove_file("];
    let writers =
        ["cli/fix.rs", "cli/timeml.rs", "cli/kb.rs", "cli/init.rs", "cli/baseline.rs", "cli/agree.rs"];
    // A `tests.rs` is a test module (`#[cfg(test)] mod tests;`): its fixtures write files.
    let offenders = lines_containing(|rel| writers.contains(&rel) || rel.ends_with("/tests.rs"), &writes);
    assert!(offenders.is_empty(), "file writes outside cli/fix.rs:\n{}", offenders.join("\n"));
}

/// The top-level modules depend on each other in one direction only (the layering
/// ARCHITECTURE.md draws: `span`, `text` and `dates` at the bottom, then `kb`, `corpus`,
/// `formats`, `mentions`, `ties`, `checks`, `analysis`, and the front ends on top): no
/// module reaches, through others, back to itself. A cycle is how a leaf type ends up
/// pulling in the whole crate (a config that knows every check).
#[test]
fn no_import_cycle_between_top_level_modules() {
    use std::collections::{BTreeMap, BTreeSet};
    let mut edges: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for path in rust_files(&src()) {
        let rel = rel(&path);
        if rel.ends_with("/tests.rs") {
            continue;
        }
        let module = rel.split('/').next().unwrap().trim_end_matches(".rs").to_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        for line in code_lines(&text) {
            for (at, _) in line.match_indices("crate::") {
                let target: String =
                    line[at + 7..].chars().take_while(|c| c.is_ascii_lowercase() || *c == '_').collect();
                if !target.is_empty() && target != module {
                    edges.entry(module.clone()).or_default().entry(target).or_insert_with(|| rel.clone());
                }
            }
        }
    }
    let reaches = |from: &str, to: &str| {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.to_owned()];
        while let Some(module) = stack.pop() {
            if module == to {
                return true;
            }
            for next in edges.get(&module).into_iter().flat_map(|e| e.keys()) {
                if seen.insert(next.clone()) {
                    stack.push(next.clone());
                }
            }
        }
        false
    };
    let mut cycles = Vec::new();
    for (module, targets) in &edges {
        for (target, file) in targets {
            if reaches(target, module) {
                cycles.push(format!("{module} -> {target} (in {file}), and {target} leads back to {module}"));
            }
        }
    }
    assert!(cycles.is_empty(), "import cycles between top-level modules:\n{}", cycles.join("\n"));
}

/// Only `lsp/convert.rs` counts UTF-16 code units for the protocol: everything else speaks
/// byte offsets. (The annotation readers in `formats/` count UTF-16 too, as the tools that
/// wrote the offsets did: that is the file format, not the protocol.)
#[test]
fn only_lsp_convert_counts_utf16() {
    let offenders = lines_containing(
        |rel| rel == "lsp/convert.rs" || rel.starts_with("formats/"),
        &["len_utf16", "encode_utf16", "utf16_len"],
    );
    assert!(offenders.is_empty(), "UTF-16 counted outside lsp/convert.rs:\n{}", offenders.join("\n"));
}

/// One place decides which findings a user sees: only `analysis/policy.rs` asks the check
/// policy which checks run where and at which severity (`checks/selection.rs` defines it).
#[test]
fn only_analysis_policy_applies_the_selection() {
    let offenders = lines_containing(
        |rel| rel == "analysis/policy.rs" || rel == "checks/selection.rs",
        &[".selection()", "selection().for_file(", ".severity(finding.rule)", "per_file_ignores()"],
    );
    assert!(
        offenders.is_empty(),
        "the check policy applied outside analysis/policy.rs:\n{}",
        offenders.join("\n")
    );
}

/// A file a newcomer can hold in their head: no source file over 1,000 lines (test modules
/// aside). A file that grows past it splits along its seams, as `formats/brat/` did.
#[test]
fn no_source_file_over_a_thousand_lines() {
    let long: Vec<String> = rust_files(&src())
        .into_iter()
        .filter(|p| !rel(p).ends_with("tests.rs"))
        .filter_map(|p| {
            let lines = std::fs::read_to_string(&p).unwrap().lines().count();
            (lines > 1_000).then(|| format!("{}: {lines} lines", rel(&p)))
        })
        .collect();
    assert!(long.is_empty(), "split these along their seams:\n{}", long.join("\n"));
}

/// Checks see annotation files through `formats::AnnotatedDocument` (and brat's
/// `annotation.conf` through `brat_conf`): a check written for one format's records would
/// silently skip the others. Only the loader (`analysis/annotation.rs`) and the brat-specific
/// navigation (`analysis/annotation_queries.rs`: `N` lines, relation arguments) read brat
/// records.
#[test]
fn checks_see_annotations_through_the_trait() {
    let offenders = lines_containing(
        |rel| {
            rel.starts_with("formats/")
                || rel == "analysis/annotation.rs"
                || rel == "analysis/annotation_queries.rs"
        },
        &["formats::brat::", "formats::brat;", "BratDocument"],
    );
    assert!(offenders.is_empty(), "brat records read past the trait:\n{}", offenders.join("\n"));
}

/// Both front ends find a path's corpus the same way: only `analysis/workspaces.rs` (and the
/// config module that defines it) discovers configurations.
#[test]
fn only_analysis_workspaces_discovers_corpora() {
    let offenders = lines_containing(
        |rel| rel == "analysis/workspaces.rs" || rel == "corpus/config.rs",
        &["Config::discover("],
    );
    assert!(
        offenders.is_empty(),
        "a corpus discovered outside analysis/workspaces.rs:\n{}",
        offenders.join("\n")
    );
}
