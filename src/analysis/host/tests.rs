//! The host's tests: loading, edits, KB changes, collections, progress.

/// For tests: a corpus of `files` (path, text) in a temporary folder, loaded with defaults.
pub(crate) fn test_corpus(files: &[(&str, &str)]) -> (tempfile::TempDir, AnalysisHost) {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let host = AnalysisHost::load(Config::defaults(dir.path().to_path_buf()));
    (dir, host)
}

use super::*;
use crate::analysis::MentionCount;
use crate::kb::testing::TestKb;

/// Ann Example, known as Example, misspelt Anne Example.
fn ann() -> TestKb {
    TestKb::new().person("a", "Ann Example").aliases(&["Example"]).variants(&["Anne Example"])
}

use test_corpus as corpus;

type Stats = Vec<(MentionCount, Vec<FileId>)>;

fn fresh_stats(host: &AnalysisHost) -> Stats {
    entities::index(&host.snapshot.kb.kb, &host.snapshot.files)
        .into_iter()
        .map(|e| (e.count, e.keyed.files.to_vec()))
        .collect()
}

fn stats(host: &AnalysisHost) -> Stats {
    host.snapshot.entities.iter().map(|e| (e.count, e.keyed.files.to_vec())).collect()
}

#[test]
fn an_editor_buffer_over_max_file_size_is_reported_not_analysed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), "Short.\n").unwrap();
    let mut config = Config::defaults(dir.path().to_path_buf());
    config.max_file_size = 64;
    let mut host = AnalysisHost::load(config);
    let path = dir.path().join("a.md");
    host.apply(vec![Change::SetText { path: path.clone(), text: "Ann Example. ".repeat(100) }]);
    let file = host.file_id(&path).unwrap();
    let codes: Vec<_> = host.snapshot().findings(file).iter().map(|f| f.code()).collect();
    assert_eq!(codes, ["corpus/file-too-large"]);
    assert!(host.snapshot().article(file).is_none_or(|a| a.mentions.mentions.is_empty()));
}

#[test]
fn edits_keep_counts_and_findings_current() {
    let (dir, mut host) = corpus(&[
        ("kb/kb.toml", ann().toml()),
        ("a.md", "---\ndate: 2021-01-01\n---\nAnn Example met Example.\n"),
        ("b.md", "---\ndate: 2021-01-02\n---\nNobody.\n"),
    ]);
    let entity = host.snapshot().kb().lookup("a").unwrap();
    assert_eq!(host.snapshot().mention_counts(entity), MentionCount { articles: 1, mentions: 2 });

    let b = dir.path().join("b.md");
    let result = host.apply(vec![Change::SetText {
        path: b.clone(),
        text: "---\ndate: 2021-01-02\n---\nAnne Example.\n".into(),
    }]);
    let file = host.file_id(&b).unwrap();
    assert_eq!(result.affected, vec![file]);
    let snapshot = host.snapshot();
    assert_eq!(snapshot.findings(file).iter().map(|f| f.code()).collect::<Vec<_>>(), ["name/variant"]);
    assert_eq!(snapshot.mention_counts(entity), MentionCount { articles: 2, mentions: 3 });
    assert_eq!(stats(&host), fresh_stats(&host));

    let a = dir.path().join("a.md");
    let result = host.apply(vec![Change::Remove { path: a.clone() }]);
    assert_eq!(result.removed, vec![host.file_id(&a).unwrap()]);
    assert_eq!(host.snapshot().mention_counts(entity), MentionCount { articles: 1, mentions: 1 });
    assert_eq!(host.snapshot().file_id(&a), None, "a removed file leaves the snapshot");
    assert_eq!(stats(&host), fresh_stats(&host));
}

/// Codes of the findings in the file at `path`.
fn codes(host: &AnalysisHost, path: &Path) -> Vec<&'static str> {
    let snapshot = host.snapshot();
    let file = snapshot.file_id(path).unwrap();
    snapshot.findings(file).iter().map(|f| f.code()).collect()
}

type CollectionFiles = Vec<(CollectionKey, Vec<FileId>)>;

/// Collections and their files, as kept by changes and as a fresh index would have them.
fn collections_now(host: &AnalysisHost) -> (CollectionFiles, CollectionFiles) {
    let kept = host.snapshot.collections.iter().filter(|(_, e)| !e.files.is_empty());
    let kept = kept.map(|(k, e)| (k.clone(), e.files.to_vec())).collect();
    let fresh = collections::index(&host.snapshot.files);
    let fresh = fresh.iter().map(|(k, e)| (k.clone(), e.files.to_vec())).collect();
    (kept, fresh)
}

/// Ann Example and Ankara, for annotation files that link to them.
fn ann_kb() -> TestKb {
    TestKb::new().person("a", "Ann Example").place("ankara", "Ankara")
}

#[test]
fn a_brat_pair_changes_together() {
    let (dir, mut host) = corpus(&[
        ("kb/kb.toml", ann_kb().toml()),
        ("c/a.txt", "Ann Example went to Ankara.\n"),
        ("c/a.ann", "T1\tPerson 0 11\tAnn Example\nT2\tGPE 20 26\tAnkara\n"),
        ("c/b.txt", "Ankara waited.\n"),
        ("c/b.ann", "T1\tGPE 0 6\tAnkara\n"),
    ]);
    let (txt, ann) = (dir.path().join("c/a.txt"), dir.path().join("c/a.ann"));
    let ann_id = host.file_id(&ann).unwrap();
    let entity = host.snapshot().kb().lookup("a").unwrap();
    assert_eq!(host.snapshot().mention_counts(entity), MentionCount { articles: 1, mentions: 1 });
    assert!(host.snapshot().article(host.file_id(&txt).unwrap()).unwrap().mentions.mentions[0].explicit);

    // An edit to the text re-reads the `.ann` against it: its offsets are stale now.
    let result = host.apply(vec![Change::SetText {
        path: txt.clone(),
        text: "Today Ann Example went to Ankara.\n".into(),
    }]);
    assert!(result.affected.contains(&ann_id), "{result:?}");
    assert_eq!(codes(&host, &ann), ["annotation/stale-offsets", "annotation/stale-offsets"]);
    assert_eq!(stats(&host), fresh_stats(&host));

    // The re-anchored `.ann` clears them, and its mentions are in the text again.
    let fixed = "T1\tPerson 6 17\tAnn Example\nT2\tGPE 26 32\tAnkara\n";
    host.apply(vec![Change::SetText { path: ann.clone(), text: fixed.into() }]);
    assert!(codes(&host, &ann).is_empty(), "{:?}", codes(&host, &ann));
    assert_eq!(host.snapshot().mention_counts(entity), MentionCount { articles: 1, mentions: 1 });

    // Without its `.ann`, the text is a plain article: the automaton still finds the name.
    host.apply(vec![Change::Remove { path: ann.clone() }]);
    let article = host.snapshot().article(host.file_id(&txt).unwrap()).unwrap().mentions.clone();
    assert!(article.mentions.iter().all(|m| !m.explicit));
    assert_eq!(stats(&host), fresh_stats(&host));
    let (kept, fresh) = collections_now(&host);
    assert_eq!(kept, fresh);

    // And a `.ann` without its text is reported.
    host.apply(vec![Change::SetText { path: ann.clone(), text: fixed.into() }, Change::Remove { path: txt }]);
    assert_eq!(codes(&host, &ann), ["annotation/ann-without-text"]);
}

#[test]
fn an_annotators_edit_re_runs_the_disagreements_on_the_curated_copy() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Mira Tanaka met the Harbor Council.\n";
    for (path, contents) in [
        ("a/d.txt", text),
        ("a/d.ann", "T1\tPER 0 11\tMira Tanaka\n"),
        ("b/d.txt", text),
        ("b/d.ann", "T1\tPER 0 11\tMira Tanaka\n"),
        ("cur/d.txt", text),
        ("cur/d.ann", "T1\tPER 0 11\tMira Tanaka\n"),
    ] {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    }
    let toml = "[agreement]\nannotators = [\"a\", \"b\"]\ncurated = \"cur\"\n";
    let config = Config::parse(dir.path().to_path_buf(), dir.path().join("dateline.toml"), toml).unwrap();
    let mut host = AnalysisHost::load(config);
    let curated = dir.path().join("cur/d.txt");
    let disagreements = |host: &AnalysisHost| -> Vec<String> {
        let snapshot = host.snapshot();
        let file = snapshot.file_id(&curated).unwrap();
        let findings = snapshot.findings(file);
        findings.iter().filter(|f| f.code() == "annotation/disagreement").map(|f| f.message.clone()).collect()
    };
    assert!(disagreements(&host).is_empty());
    host.apply(vec![Change::SetText {
        path: dir.path().join("b/d.ann"),
        text: "T1\tPER 0 11\tMira Tanaka\nT2\tORG 20 34\tHarbor Council\n".into(),
    }]);
    assert_eq!(
        disagreements(&host),
        [
            "annotators disagree on `Harbor Council`: a no annotation, b `ORG`; the curated copy has no annotation"
        ]
    );
    let (kept, fresh) = collections_now(&host);
    assert_eq!(kept, fresh);
    // Agreeing again clears it.
    host.apply(vec![Change::SetText {
        path: dir.path().join("a/d.ann"),
        text: "T1\tPER 0 11\tMira Tanaka\nT2\tORG 20 34\tHarbor Council\n".into(),
    }]);
    assert!(disagreements(&host).is_empty());
}

#[test]
fn an_annotation_conf_and_the_collection_follow_changes() {
    let (dir, mut host) = corpus(&[
        ("kb/kb.toml", ann_kb().toml()),
        ("c/a.txt", "Ankara said no.\n"),
        ("c/a.ann", "T1\tGPE 0 6\tAnkara\n"),
        ("c/sub/b.txt", "Ankara said yes.\n"),
        ("c/sub/b.ann", "T1\tGPE 0 6\tAnkara\n"),
        ("c/sub/c.txt", "In Ankara.\n"),
        ("c/sub/c.ann", "T1\tOrg 3 9\tAnkara\n"),
    ]);
    let c_ann = dir.path().join("c/sub/c.ann");
    // Without a configuration, `c/` and `c/sub/` are two collections: a 1-1 tie in sub.
    assert_eq!(codes(&host, &c_ann), ["annotation/inconsistent-type"]);
    let (kept, _) = collections_now(&host);
    assert_eq!(kept.len(), 2);

    // A configuration at `c/` makes one collection of both folders, and declares types.
    let conf = dir.path().join("c/annotation.conf");
    let result = host.apply(vec![Change::SetText {
        path: conf.clone(),
        text: "[entities]\nGPE\nOrganization\n[relations]\n[events]\n[attributes]\n".into(),
    }]);
    assert!(result.affected.contains(&host.file_id(&c_ann).unwrap()));
    assert_eq!(codes(&host, &c_ann), ["annotation/undeclared-type"]);
    let (kept, fresh) = collections_now(&host);
    assert_eq!(kept, fresh);
    assert_eq!(kept.len(), 1);

    // Another document's edit re-runs the collection: now `c` is the outlier.
    host.apply(vec![Change::SetText { path: c_ann.clone(), text: "T1\tOrganization 3 9\tAnkara\n".into() }]);
    assert_eq!(codes(&host, &c_ann), ["annotation/inconsistent-type"]);
    let message = host.snapshot().findings(host.file_id(&c_ann).unwrap())[0].message.clone();
    assert!(message.contains("(`GPE` 2, `Organization` 1)"), "{message}");
    host.apply(vec![Change::Remove { path: conf }]);
    let (kept, fresh) = collections_now(&host);
    assert_eq!(kept, fresh);
    assert_eq!(stats(&host), fresh_stats(&host));
}

#[test]
fn loading_reports_progress_for_every_file_in_both_stages() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("kb")).unwrap();
    std::fs::write(dir.path().join("kb/kb.toml"), ann().toml()).unwrap();
    for i in 0..5 {
        std::fs::write(dir.path().join(format!("{i}.md")), "Text.\n").unwrap();
    }
    let seen = std::sync::Mutex::new(Vec::new());
    AnalysisHost::load_with_progress(Config::defaults(dir.path().to_path_buf()), &|progress| {
        seen.lock().unwrap().push(progress);
    });
    let seen = seen.into_inner().unwrap();
    for stage in [LoadStage::Reading, LoadStage::Checking] {
        let mut done: Vec<usize> = seen.iter().filter(|p| p.stage == stage).map(|p| p.done).collect();
        done.sort();
        assert_eq!(done, [1, 2, 3, 4, 5, 6], "{stage:?}");
    }
    assert!(seen.iter().all(|p| p.total == 6));
}

#[test]
fn selection_and_suppressions_apply_in_the_shared_path() {
    let text =
        "---\ndate: 2021-01-01\n---\n<!-- dateline-ignore name/variant -->\nAnne Example.\n\nAnne Example.\n";
    let (dir, host) =
        corpus(&[("kb/kb.toml", ann().toml()), ("a.md", text), ("wires/b.md", "Anne Example.\n")]);
    let snapshot = host.snapshot();
    let a = snapshot.file_id(&dir.path().join("a.md")).unwrap();
    let lines: Vec<u32> = snapshot
        .findings(a)
        .iter()
        .map(|f| crate::span::LineIndex::new(text).line_col(text, f.span.start as usize).line)
        .collect();
    assert_eq!(lines, [7], "the suppressed paragraph is silent, the next one is not");

    let config_text = "[checks]\nignore = [\"corpus/missing-date\"]\n[checks.per-file-ignores]\n\"wires/**\" = [\"name/\"]\n";
    let config =
        Config::parse(dir.path().to_path_buf(), dir.path().join("dateline.toml"), config_text).unwrap();
    let host = AnalysisHost::load(config);
    let snapshot = host.snapshot();
    let b = snapshot.file_id(&dir.path().join("wires/b.md")).unwrap();
    assert!(snapshot.findings(b).is_empty(), "{:?}", snapshot.findings(b));
}

#[test]
fn a_kb_edit_reanalyses_articles_and_new_files_join() {
    let (dir, mut host) =
        corpus(&[("kb/kb.toml", ann().toml()), ("a.md", "---\ndate: 2021-01-01\n---\nBob Other spoke.\n")]);
    let a = host.file_id(&dir.path().join("a.md")).unwrap();
    assert!(host.snapshot().article(a).unwrap().mentions.mentions.is_empty());
    let kb = ann().person("b", "Bob Other").toml().to_owned();
    let result = host.apply(vec![Change::SetText { path: dir.path().join("kb/kb.toml"), text: kb }]);
    assert!(result.affected.contains(&a));
    assert_eq!(host.snapshot().article(a).unwrap().mentions.mentions.len(), 1);

    let c = dir.path().join("new/c.md");
    std::fs::create_dir_all(c.parent().unwrap()).unwrap();
    std::fs::write(&c, "---\ndate: 2021-01-03\n---\nBob Other again.\n").unwrap();
    host.apply(vec![Change::Reload { path: c.clone() }]);
    let c_id = host.snapshot().file_id(&c).expect("a created file joins the corpus");
    assert_eq!(host.snapshot().article(c_id).unwrap().mentions.mentions.len(), 1);
    let outside = dir.path().join("image.png");
    assert!(host.apply(vec![Change::SetText { path: outside, text: String::new() }]).affected.is_empty());
    assert_eq!(stats(&host), fresh_stats(&host));
}

#[test]
fn a_kb_edit_rechecks_only_the_articles_it_touches() {
    let kb = "[[entity]]\nid = \"a\"\nkind = \"person\"\nname = \"Ann Example\"\n\n[[entity]]\nid = \"b\"\nkind = \"person\"\nname = \"Bob Other\"\n";
    let (dir, mut host) = corpus(&[
        ("kb/kb.toml", kb),
        ("ann.md", "---\ndate: 2021-01-01\n---\nAnn Example spoke.\n"),
        ("bob.md", "---\ndate: 2021-01-01\n---\nBob Other spoke.\n"),
        ("new.md", "---\ndate: 2021-01-01\n---\nAnnie Example spoke.\n"),
    ]);
    let file = |name: &str| host.file_id(&dir.path().join(name)).unwrap();
    let (ann, bob, new) = (file("ann.md"), file("bob.md"), file("new.md"));
    // A variant added to Ann: her article and the one now containing it, not Bob's.
    let edited =
        kb.replace("name = \"Ann Example\"\n", "name = \"Ann Example\"\nvariants = [\"Annie Example\"]\n");
    let result = host.apply(vec![Change::SetText { path: dir.path().join("kb/kb.toml"), text: edited }]);
    assert!(result.affected.contains(&ann) && result.affected.contains(&new), "{:?}", result.affected);
    assert!(!result.affected.contains(&bob), "an unrelated article is left alone: {:?}", result.affected);
    let codes: Vec<_> = host.snapshot().findings(new).iter().map(|f| f.code()).collect();
    assert_eq!(codes, ["name/variant"]);
    assert_eq!(stats(&host), fresh_stats(&host));
    // A new entity shifts nothing here, but ids could: everything is checked again.
    let grown = format!("{kb}\n[[entity]]\nid = \"c\"\nkind = \"place\"\nname = \"Cville\"\n");
    let result = host.apply(vec![Change::SetText { path: dir.path().join("kb/kb.toml"), text: grown }]);
    assert!(result.affected.contains(&bob));
}

#[test]
fn a_new_alias_finds_its_misspellings_in_untouched_articles() {
    let kb = "[[entity]]\nid = \"h\"\nkind = \"person\"\nname = \"Hikmet Hajiyev\"\n";
    let (dir, mut host) = corpus(&[
        ("kb/kb.toml", kb),
        ("typo.md", "---\ndate: 2021-01-01\n---\nThen Hikmat Gadzhiyev spoke.\n"),
    ]);
    let typo = host.file_id(&dir.path().join("typo.md")).unwrap();
    let before: Vec<_> = host.snapshot().findings(typo).iter().map(|f| f.message.clone()).collect();
    assert!(before.is_empty(), "{before:?}");
    let edited = kb.replace(
        "name = \"Hikmet Hajiyev\"\n",
        "name = \"Hikmet Hajiyev\"\naliases = [\"Hikmat Gadzhiev\"]\n",
    );
    std::fs::write(dir.path().join("kb/kb.toml"), &edited).unwrap();
    host.apply(vec![Change::Reload { path: dir.path().join("kb/kb.toml") }]);
    let codes: Vec<_> = host.snapshot().findings(typo).iter().map(|f| f.code()).collect();
    // `Gadzhiyev` for `Gadzhiev` is another romanisation: a variant by pattern.
    assert_eq!(codes, ["name/variant"], "as a fresh load finds");
}

#[test]
fn a_kb_edit_relinks_annotations_by_cross_reference() {
    let kb = "[[entity]]\nid = \"ankara\"\nkind = \"place\"\nname = \"Ankara\"\n\n[[entity]]\nid = \"b\"\nkind = \"person\"\nname = \"Bob Other\"\n";
    let (dir, mut host) = corpus(&[
        ("kb/kb.toml", kb),
        ("c/a.txt", "The capital waited.\n"),
        ("c/a.ann", "T1\tGPE 4 11\tcapital\nN1\tReference T1 Wikidata:Q3640\tAnkara\n"),
        ("bob.md", "---\ndate: 2021-01-01\n---\nBob Other spoke.\n"),
    ]);
    let ankara = host.snapshot().kb().lookup("ankara").unwrap();
    assert_eq!(host.snapshot().mention_counts(ankara).mentions, 0, "nothing links the span yet");
    let edited = kb.replace("name = \"Ankara\"\n", "name = \"Ankara\"\nxrefs = [\"wikidata:Q3640\"]\n");
    let result = host.apply(vec![Change::SetText { path: dir.path().join("kb/kb.toml"), text: edited }]);
    let file = |name: &str| host.file_id(&dir.path().join(name)).unwrap();
    assert!(result.affected.contains(&file("c/a.ann")) && result.affected.contains(&file("c/a.txt")));
    assert!(!result.affected.contains(&file("bob.md")), "{:?}", result.affected);
    assert_eq!(host.snapshot().mention_counts(ankara).mentions, 1, "the `N` line links it now");
    assert_eq!(stats(&host), fresh_stats(&host));
}

#[test]
fn named_events_are_compared_across_articles_and_follow_edits() {
    let (dir, mut host) = corpus(&[
        ("kb/kb.toml", ann().toml()),
        ("a.md", "---\ndate: 2021-10-01\n---\nThe Zapad-2021 Exercises began on Sept. 10, 2021.\n"),
        ("b.md", "---\ndate: 2021-10-02\n---\nThe Zapad-2021 Exercises began on Sept. 12, 2021.\n"),
    ]);
    let b = dir.path().join("b.md");
    assert_eq!(codes(&host, &dir.path().join("a.md")), ["date/cross-article"]);
    assert_eq!(codes(&host, &b), ["date/cross-article"]);
    let result = host.apply(vec![Change::SetText {
        path: b.clone(),
        text: "---\ndate: 2021-10-02\n---\nThe Zapad-2021 Exercises began on Sept. 10, 2021.\n".into(),
    }]);
    let a = host.file_id(&dir.path().join("a.md")).unwrap();
    assert!(result.affected.contains(&a), "the other article's finding goes too: {result:?}");
    assert!(codes(&host, &dir.path().join("a.md")).is_empty());
    assert!(codes(&host, &b).is_empty());
}

#[test]
fn the_kb_is_ready_before_the_articles() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("kb")).unwrap();
    std::fs::write(dir.path().join("kb/kb.toml"), ann().toml()).unwrap();
    std::fs::write(dir.path().join("a.md"), "---\ndate: 2021-01-01\n---\nAnn Example spoke.\n").unwrap();
    let partial = std::sync::Mutex::new(None);
    let keep = |snapshot| *partial.lock().unwrap() = Some(snapshot);
    let host = AnalysisHost::load_with(
        Config::defaults(dir.path().to_path_buf()),
        Policy::default(),
        &|_| {},
        Some(&keep),
    );
    let partial = partial.into_inner().unwrap().expect("handed over before the articles");
    assert!(partial.is_partial() && !host.snapshot().is_partial());
    // KB queries work; the articles are there but not analysed yet.
    assert_eq!(partial.workspace_symbols("ann", 10)[0].name, "Ann Example");
    let kb = partial.file_id(&dir.path().join("kb/kb.toml")).unwrap();
    assert_eq!(partial.kb_lenses(kb)[0].title, "mentions: still indexing");
    let article = partial.file_id(&dir.path().join("a.md")).unwrap();
    assert!(partial.article(article).is_none());
    assert_eq!(host.snapshot().kb_lenses(kb)[0].title, "1 mention in 1 article");
}
