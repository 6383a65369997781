//! `dateline kb import wikidata`: the real binary on our made-up fixtures and on real
//! Wikidata JSON from `../shared/data/wikidata` (skipped, saying so, when it is absent).

mod support;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use dateline::corpus::FileId;
use support::TempCorpus;

fn import(dir: &Path, args: &[&str]) -> Output {
    Command::new(support::bin())
        .args(["kb", "import", "wikidata"])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn fixture(name: &str) -> String {
    support::fixtures().join("wikidata").join(name).display().to_string()
}

fn load(path: &Path) -> dateline::kb::Kb {
    let text = std::fs::read_to_string(path).unwrap();
    let kb = dateline::kb::load(&[(FileId(0), text.as_str())]);
    assert!(kb.problems().is_empty(), "{:?}\n{text}", kb.problems());
    kb
}

/// Each role of `key` as `title from – to`.
fn roles(kb: &dateline::kb::Kb, key: &str) -> Vec<String> {
    let entity = kb.entity(kb.lookup(key).unwrap_or_else(|| panic!("no {key}")));
    entity.roles.iter().map(|r| format!("{} {}", r.title, r.tenure())).collect()
}

fn wikidata_data(what: &str) -> Option<PathBuf> {
    support::shared_data(what).map(|shared| shared.join("data/wikidata"))
}

/// Putin from a real `wbgetentities` answer, with the positions' labels from the label
/// files: the KB loads, checks without KB findings, and has his tenures as Wikidata has them.
#[test]
fn real_putin_entity_becomes_a_kb_entry_with_his_roles() {
    let Some(data) = wikidata_data("importing Putin's Wikidata entity") else { return };
    let corpus = TempCorpus::new(&[
        ("dateline.toml", "[corpus]\ninclude = [\"articles/**/*.md\"]\nkb = [\"kb/**/*.toml\"]\n"),
        ("articles/a.md", "---\ntitle: Visit\ndate: 2005-03-01\n---\n\nVladimir Putin met reporters.\n"),
    ]);
    let mut files = vec![data.join("nomenklatura/entities/Q7747.json").display().to_string()];
    let mut labels: Vec<PathBuf> =
        std::fs::read_dir(data.join("nomenklatura/labels")).unwrap().map(|e| e.unwrap().path()).collect();
    labels.sort();
    files.extend(labels.iter().map(|p| p.display().to_string()));
    let args: Vec<&str> = files.iter().map(String::as_str).collect();
    let output = import(corpus.root(), &args);
    let report = stderr(&output);
    assert!(output.status.success(), "{report}");
    assert!(report.contains("Read 124 entities from 124 files"), "{report}");
    assert!(report.contains("Q7747 P39 statement 20: Q2350808: deprecated rank"), "{report}");
    assert!(
        report.contains("Q7747 P39 statement 18: position Q38715852 has no label in the chosen languages"),
        "{report}"
    );
    assert!(report.contains("kb/wikidata.toml: added 1 entity."), "{report}");

    let kb = load(&corpus.path("kb/wikidata.toml"));
    let putin = kb.entity(kb.lookup("vladimir-putin").unwrap());
    assert_eq!(putin.xrefs, ["wikidata:Q7747"]);
    assert_eq!(
        putin.aliases.iter().map(|a| a.text.as_str()).collect::<Vec<_>>(),
        ["Vladimir Vladimirovich Putin"]
    );
    let roles = roles(&kb, "vladimir-putin");
    for expected in [
        "President of Russia since 2012-05-07",
        "President of Russia 2000-05-07 – 2008-05-07",
        "Prime Minister of Russia 1999-08-16 – 2000-05-07",
        "Prime Minister of Russia 2008-05-08 – 2012-05-07",
        "Acting President of Russia 1999-12-31 – 2000-05-07",
        "Director of the Federal Security Service 1998-07-25 – 1999-03-29",
    ] {
        assert!(roles.contains(&expected.to_owned()), "missing {expected}: {roles:#?}");
    }
    assert_eq!(roles.len(), 20, "22 statements, one deprecated, one unlabelled: {roles:#?}");

    let check = Command::new(support::bin())
        .args(["check", ".", "--output-format", "json", "--exit-zero"])
        .current_dir(corpus.root())
        .output()
        .unwrap();
    assert!(check.status.success(), "{}", stderr(&check));
    let findings: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    let kb_findings: Vec<_> = findings
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"].as_str().unwrap().starts_with("kb/"))
        .collect();
    assert!(kb_findings.is_empty(), "{kb_findings:#?}");
}

/// Our fixtures in every form: a wrapper, label-only positions, a dump with framing, a
/// pretty-printed bare entity; everything the mapping leaves out is said.
#[test]
fn fixtures_import_with_every_skip_reported() {
    let corpus = TempCorpus::new(&[]);
    let output =
        import(corpus.root(), &[&fixture("entities.json"), &fixture("positions.json"), "--kb", "kb.toml"]);
    let report = stderr(&output);
    assert!(output.status.success(), "{report}");
    for expected in [
        "Read 11 entities from 2 files (one JSON value per line).",
        "Q900001 P39 statement 2: Q900102: deprecated rank",
        "Q900001 P39 statement 3: Q900102: end (P582) is unknown (somevalue): written without `to`",
        "Q900001 P39 statement 4: says no position was held (novalue)",
        "Q900001 P39 statement 5: Q900103: start (P580) left out: `+1990-00-00T00:00:00Z` is only known to the decade",
        "Q900001 P39 statement 6: Q900104: start (P580) `+1917-10-25T00:00:00Z`: converted from the Julian calendar",
        "Q900001 P39 statement 7: position Q900199 has no label in the imported files",
        "Q900401 P571: `+1991-12-25T00:00:00Z`: the KB has no field for when an organization was founded",
        "kb.toml: added 5 entities.",
    ] {
        assert!(report.contains(expected), "missing {expected:?} in\n{report}");
    }
    let twice = import(
        corpus.root(),
        &[
            &fixture("entities.json"),
            &fixture("entities.json"),
            &fixture("positions.json"),
            "--kb",
            "twice.toml",
        ],
    );
    let twice_report = stderr(&twice);
    assert!(twice_report.contains("twice.toml: added 5 entities."), "{twice_report}");
    assert_eq!(
        twice_report.matches("Q900001 P39 statement 2:").count(),
        1,
        "a repeated item is mapped once: {twice_report}"
    );
    assert_eq!(
        std::fs::read(corpus.path("twice.toml")).unwrap(),
        std::fs::read(corpus.path("kb.toml")).unwrap()
    );

    let kb = load(&corpus.path("kb.toml"));
    assert_eq!(
        roles(&kb, "ana-testova"),
        [
            "Minister of Examples 2019-05-07 – 2021-06",
            "Mayor of Sampleton since 2016-03-01",
            "Member of the Example Assembly until 2001",
            "Commissar of Tests since 1917-11-07",
            "Chair of the Fixture Committee dates unknown",
        ]
    );
    let ana = kb.entity(kb.lookup("ana-testova").unwrap());
    assert_eq!(
        ana.roles[0].of.as_ref().unwrap().entity,
        kb.lookup("exampleland"),
        "P642 links to the country"
    );
    assert_eq!(ana.roles[2].of.as_ref().unwrap().key, "exampleland", "the position's P1001");
    let summit = kb.entity(kb.lookup("example-summit").unwrap()).when.unwrap();
    assert_eq!(
        (summit.from.to_string(), summit.to.to_string()),
        ("2020-02".to_owned(), "2020-02".to_owned())
    );
    let war = kb.entity(kb.lookup("example-war").unwrap()).when.unwrap();
    assert_eq!(
        (war.from.to_string(), war.to.to_string()),
        ("1918-01-23".to_owned(), "1918-11-11".to_owned())
    );
}

/// Importing twice changes nothing the second time; a comment and an edit by hand survive
/// a re-import, which reports the edit as a conflict; `--dry-run` writes nothing.
#[test]
fn reimport_is_a_no_op_that_keeps_hand_edits() {
    let corpus = TempCorpus::new(&[]);
    let files = [fixture("entities.json"), fixture("positions.json")];
    let args: Vec<&str> = files.iter().map(String::as_str).collect();
    let dry = import(corpus.root(), &[&args[..], &["--dry-run"]].concat());
    assert!(dry.status.success(), "{}", stderr(&dry));
    let diff = String::from_utf8(dry.stdout.clone()).unwrap();
    assert!(diff.starts_with("--- kb/wikidata.toml\n+++ kb/wikidata.toml\n@@ -0,0 +1,"), "{diff}");
    assert!(diff.contains("+id = \"ana-testova\"\n"), "{diff}");
    assert!(stderr(&dry).contains("would add 5 entities"), "{}", stderr(&dry));
    assert!(!corpus.path("kb").exists(), "a dry run writes nothing");

    assert!(import(corpus.root(), &args).status.success());
    let path = corpus.path("kb/wikidata.toml");
    let first = std::fs::read_to_string(&path).unwrap();
    let again = import(corpus.root(), &args);
    assert!(
        stderr(&again).contains("kb/wikidata.toml is up to date: nothing to change."),
        "{}",
        stderr(&again)
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), first);

    let edited = first
        .replace("name = \"Ana Testova\"\n", "name = \"Ana Testova\"  # checked with her office\n")
        .replace("  from = \"2019-05-07\"\n", "  from = \"2019-05-08\"\n")
        .replace(
            "[[entity]]\nid = \"example-party\"",
            "# Parties below.\n[[entity]]\nid = \"example-party\"",
        );
    std::fs::write(&path, &edited).unwrap();
    let dry = import(corpus.root(), &[&args[..], &["--dry-run"]].concat());
    assert!(dry.stdout.is_empty(), "no diff: {}", String::from_utf8_lossy(&dry.stdout));
    let report = stderr(&dry);
    assert!(
        report.contains("`ana-testova` (Q900001) role \"Minister of Examples\" from: the KB has 2019-05-08, Wikidata 2019-05-07; kept the KB's"),
        "{report}"
    );
    let after = import(corpus.root(), &args);
    assert!(stderr(&after).contains("Conflicts (1)"), "{}", stderr(&after));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), edited, "the hand edits are untouched");

    // A role removed by hand is Wikidata's again: the import adds what the file lacks.
    let without_role =
        edited.replace("  [[entity.role]]\n  title = \"Commissar of Tests\"\n  from = \"1917-11-07\"\n", "");
    std::fs::write(&path, &without_role).unwrap();
    let readded = import(corpus.root(), &args);
    assert!(
        stderr(&readded).contains("`ana-testova`: role \"Commissar of Tests\" since 1917-11-07"),
        "{}",
        stderr(&readded)
    );
    load(&path);
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

/// The line dump, plain or gzip, framed or not, and the pretty-printed bare entity, give the
/// same KB; a position read before anyone held it is found by a second pass.
#[test]
fn dumps_gzip_and_bare_entities_read_alike() {
    let dump = std::fs::read_to_string(fixture("dump.json")).unwrap();
    let unframed: String = dump
        .lines()
        .filter(|line| !matches!(line.trim(), "[" | "]"))
        .map(|line| format!("{}\n", line.trim_end_matches(',')))
        .collect();
    let corpus = TempCorpus::new(&[("dump.json", &dump), ("unframed.ndjson", &unframed)]);
    std::fs::write(corpus.path("dump.json.gz"), gzip(dump.as_bytes())).unwrap();
    std::fs::write(corpus.path("unframed.gz"), gzip(unframed.as_bytes())).unwrap();
    let mut results = Vec::new();
    for (file, how) in [
        ("dump.json", "one JSON value per line)"),
        ("unframed.ndjson", "one JSON value per line)"),
        ("dump.json.gz", "one JSON value per line, gzip)"),
        ("unframed.gz", "one JSON value per line, gzip)"),
    ] {
        let kb = format!("{file}.toml");
        let output = import(corpus.root(), &[file, "--kb", &kb]);
        let report = stderr(&output);
        assert!(output.status.success(), "{file}: {report}");
        assert!(report.contains(&format!("Read 4 entities from 1 file ({how}")), "{file}: {report}");
        assert!(report.contains("added 2 entities"), "{file}: {report}");
        results.push(std::fs::read_to_string(corpus.path(&kb)).unwrap());
    }
    assert!(results.windows(2).all(|w| w[0] == w[1]), "{results:#?}");
    let kb = load(&corpus.path("dump.json.toml"));
    assert_eq!(
        roles(&kb, "bo-sampleson"),
        ["Minister of Examples since 2021-07-01"],
        "the second pass named it"
    );

    let bare = import(
        corpus.root(),
        &[&fixture("bare-entity.json"), &fixture("positions.json"), "--kb", "bare.toml"],
    );
    assert!(stderr(&bare).contains("(one JSON document; one JSON value per line)"), "{}", stderr(&bare));
    let kb = load(&corpus.path("bare.toml"));
    assert_eq!(roles(&kb, "bo-sampleson"), ["Minister of Examples since 2021-07-01"]);
}

/// The real dump framing (Wikidata Toolkit's mock dump: `[`, entities with `,`, `]` with no
/// final newline, item values without `id`) and a real pretty-printed bare entity.
#[test]
fn real_dump_sample_and_bare_entity_read() {
    let Some(data) = wikidata_data("reading the real dump sample") else { return };
    let corpus = TempCorpus::new(&[]);
    let dump = data.join("dump-sample/mock-dump-for-testing.json").display().to_string();
    let output = import(corpus.root(), &[&dump, "--lang", "de"]);
    let report = stderr(&output);
    assert!(output.status.success(), "{report}");
    assert!(report.contains("Read 4 entities from 1 file (one JSON value per line)."), "{report}");
    assert!(
        report.contains("Not imported: 2 properties and lexemes (only items are imported) (e.g. P16, L1)."),
        "{report}"
    );
    assert!(report.contains("Not imported: 2 items with no instance-of (P31) class"), "{report}");
    assert!(!corpus.path("kb/wikidata.toml").exists(), "nothing to import, no file");

    let bare = data.join("wikibase-sdk/Q646148.json").display().to_string();
    let output = import(corpus.root(), &[&bare, "--lang", "da,en"]);
    let report = stderr(&output);
    assert!(output.status.success(), "{report}");
    assert!(report.contains("(one JSON document)"), "{report}");
    assert!(
        report.contains("Q646148 P39 statement 1: position Q5449541 has no label in the imported files"),
        "{report}"
    );
    let kb = load(&corpus.path("kb/wikidata.toml"));
    let henning = kb.entity(kb.lookup("henning-christophersen").unwrap());
    assert_eq!(henning.xrefs, ["wikidata:Q646148"]);
}

/// Broken input is an error at its place, exit 2, and nothing written.
#[test]
fn broken_input_is_a_located_error() {
    let dump = std::fs::read_to_string(fixture("dump.json")).unwrap();
    let broken_line =
        dump.replacen("\"type\":\"item\",\"id\":\"Q900002\"", "\"type\":\"item\" \"id\":\"Q900002\"", 1);
    let full = gzip(dump.as_bytes());
    let corpus = TempCorpus::new(&[
        ("broken.json", &broken_line),
        ("unclosed.json", dump.trim_end_matches(']')),
        ("empty.json", "\n\n"),
        ("pretty-broken.json", "{\n  \"id\": \"Q1\",\n  \"labels\": {\"en\": 3}\n}\n"),
        ("cut.json", "{\"entities\": {\"Q1\": {\"id\": \"Q1\", \"labels\""),
    ]);
    std::fs::write(corpus.path("truncated.gz"), &full[..full.len() / 2]).unwrap();
    std::fs::write(corpus.path("dump.bz2"), b"BZh91AY&SY").unwrap();
    for (file, expected) in [
        ("broken.json", "broken.json:3:16: invalid JSON: expected `,` or `}`"),
        ("unclosed.json", "unclosed.json:5: the dump ends without its closing `]`"),
        ("empty.json", "empty.json: is empty"),
        (
            "pretty-broken.json",
            r#"pretty-broken.json:3:21: not Wikidata entity JSON: invalid type: integer `3`, expected a {"language": …, "value": …} object"#,
        ),
        ("cut.json", "cut.json:1:41: the JSON ends too early"),
        ("truncated.gz", "the gzip data is truncated or corrupt"),
        ("dump.bz2", "dump.bz2: is bzip2-compressed"),
        ("missing.json", "missing.json: cannot open"),
    ] {
        let output = import(corpus.root(), &[file]);
        let report = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{file}: {report}");
        assert!(report.contains(expected), "{file}: expected {expected:?} in {report}");
        assert!(!report.contains("panicked"), "{report}");
    }
    assert!(!corpus.path("kb").exists());
    let no_files = Command::new(support::bin()).args(["kb", "import", "wikidata"]).output().unwrap();
    assert_eq!(no_files.status.code(), Some(2));
    let not_toml = TempCorpus::new(&[("kb/wikidata.toml", "[[entity]\n")]);
    let output = import(not_toml.root(), &[&fixture("dump.json")]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("kb/wikidata.toml is not valid TOML"), "{}", stderr(&output));
}

fn check_against(dir: &Path, args: &[&str]) -> Output {
    Command::new(support::bin())
        .args(["kb", "check-against", "wikidata"])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

/// Drift: a KB imported and then edited by hand differs from Wikidata exactly where it was
/// edited (a date, a spelling made a variant, a role removed, a role added), and the
/// command says so without writing anything.
#[test]
fn check_against_lists_where_the_kb_drifted_from_wikidata() {
    let corpus = TempCorpus::new(&[]);
    let files = [fixture("entities.json"), fixture("positions.json")];
    let args: Vec<&str> = files.iter().map(String::as_str).collect();
    assert!(import(corpus.root(), &[&args[..], &["--kb", "kb/people.toml"]].concat()).status.success());
    let same = check_against(corpus.root(), &args);
    assert_eq!(same.status.code(), Some(0), "{}", stderr(&same));
    assert!(same.stdout.is_empty());
    assert!(
        stderr(&same).starts_with("0 differences in 0 entities (compared 5 KB entities"),
        "{}",
        stderr(&same)
    );

    let path = corpus.path("kb/people.toml");
    let imported = std::fs::read_to_string(&path).unwrap();
    assert!(imported.contains("aliases = [\"Ana M. Testova\"]"), "{imported}");
    let edited = imported
        .replace("  from = \"2019-05-07\"\n", "  from = \"2019-05-08\"\n")
        .replace("aliases = [\"Ana M. Testova\"]", "variants = [\"Ana M. Testova\"]")
        .replace("  [[entity.role]]\n  title = \"Commissar of Tests\"\n  from = \"1917-11-07\"\n", "")
        .replace(
            "xrefs = [\"wikidata:Q900001\"]\n",
            "xrefs = [\"wikidata:Q900001\"]\n  [[entity.role]]\n  title = \"Mayor of Testville\"\n  from = \"2001\"\n  to = \"2004\"\n",
        );
    assert_ne!(edited, imported);
    std::fs::write(&path, &edited).unwrap();
    let drift = check_against(corpus.root(), &args);
    assert_eq!(drift.status.code(), Some(1), "{}", stderr(&drift));
    let out = String::from_utf8(drift.stdout.clone()).unwrap();
    for expected in [
        "kb/people.toml: `ana-testova` (Q900001) role \"Minister of Examples\" from: the KB has 2019-05-08, Wikidata 2019-05-07",
        "kb/people.toml: `ana-testova` (Q900001) form \"Ana M. Testova\": the KB has it as a variant (a wrong form), Wikidata it as a name",
        "kb/people.toml: `ana-testova`: Wikidata has role \"Commissar of Tests\" since 1917-11-07, the KB does not",
        "kb/people.toml: `ana-testova` (Q900001): the KB has role \"Mayor of Testville\" 2001 – 2004, Wikidata does not",
    ] {
        assert!(out.contains(expected), "missing {expected}:\n{out}");
    }
    assert!(stderr(&drift).starts_with("4 differences in 1 entity"), "{}", stderr(&drift));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), edited, "check-against writes nothing");

    let broken = check_against(corpus.root(), &["missing.json"]);
    assert_eq!(broken.status.code(), Some(2));
}
