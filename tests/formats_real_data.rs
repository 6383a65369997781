//! Runs the format readers over the real corpora in `../shared/data` (read in place, never
//! copied into the repository) and asserts the counts recorded in `docs/formats.md`.
//!
//! Without `../shared` (beside the checkout) every test prints why it skips and passes.

mod support;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use dateline::formats::brat::{self, BratDocument};
use dateline::formats::brat_conf::BratConfig;
use dateline::formats::{AnnotatedDocument, AnnotatedSpan, Severity, conllu, webanno};

fn shared_data() -> Option<PathBuf> {
    support::shared_data("the format readers on the public corpora").map(|shared| shared.join("data"))
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn files_under(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if ext.is_empty() || path.extension().is_some_and(|e| e == ext) {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// What `docs/formats.md` records per collection.
#[derive(Default, Debug, PartialEq, Eq)]
struct Counts {
    docs: usize,
    spans: usize,
    relations: usize,
    kb_refs: usize,
    problems: BTreeMap<&'static str, usize>,
}

impl Counts {
    fn add(&mut self, doc: &dyn AnnotatedDocument) {
        self.docs += 1;
        self.spans += doc.spans().len();
        self.relations += doc.relations().len();
        self.kb_refs += doc.spans().iter().map(|s| s.kb_refs.len()).sum::<usize>();
        for p in doc.problems() {
            *self.problems.entry(p.kind.code()).or_default() += 1;
        }
    }

    fn errors(&self) -> usize {
        let codes: BTreeMap<&str, Severity> =
            dateline::formats::ProblemKind::ALL.iter().map(|k| (k.code(), k.severity())).collect();
        self.problems.iter().filter(|(code, _)| codes[*code] == Severity::Error).map(|(_, n)| n).sum()
    }
}

fn counts(
    docs: usize,
    spans: usize,
    relations: usize,
    kb_refs: usize,
    problems: &[(&'static str, usize)],
) -> Counts {
    Counts { docs, spans, relations, kb_refs, problems: problems.iter().copied().collect() }
}

/// Every fragment of every span holds what the span says it holds.
fn assert_spans_hold_their_text(doc: &dyn AnnotatedDocument, name: &str) {
    for span in doc.spans() {
        let pieces: Vec<&str> = span.fragments.iter().map(|f| &doc.text()[f.range()]).collect();
        assert_eq!(pieces.join(" "), span.recorded_text, "{name}: {}", span.id);
    }
}

/// Each collection read with the nearest `annotation.conf` up the tree, as brat finds it.
fn brat_collection(dir: &Path) -> (Counts, Vec<(PathBuf, String, String, BratDocument)>) {
    let pairing = brat::pair_files(&files_under(dir, ""));
    assert!(pairing.ann_without_txt.is_empty() && pairing.txt_without_ann.is_empty(), "{pairing:?}");
    let mut total = Counts::default();
    let mut docs = Vec::new();
    for pair in &pairing.pairs {
        let (txt_path, ann_path) = (&pair.txt, &pair.ann);
        let conf = txt_path
            .ancestors()
            .skip(1)
            .take_while(|d| d.starts_with(dir))
            .map(|d| d.join("annotation.conf"))
            .find(|p| p.is_file())
            .map(|p| BratConfig::parse(&read(&p)));
        if let Some(conf) = &conf {
            assert!(conf.problems().is_empty(), "{:?}", conf.problems());
        }
        let (txt, ann) = (read(txt_path), read(ann_path));
        let doc = brat::parse(&txt, &ann, conf.as_ref());
        assert_spans_hold_their_text(&doc, &ann_path.display().to_string());
        total.add(&doc);
        docs.push((ann_path.clone(), txt, ann, doc));
    }
    (total, docs)
}

#[test]
fn brat_tutorial_news() {
    let Some(data) = shared_data() else { return };
    let (total, _) = brat_collection(&data.join("brat/brat-tutorial-news"));
    // 119 T; 63 relations = 8 R + 52 event arguments + 3 equivalence links; 1 N line.
    assert_eq!(total, counts(13, 119, 63, 1, &[]));
}

#[test]
fn brat_conll2002_spanish_dutch() {
    let Some(data) = shared_data() else { return };
    let (total, _) = brat_collection(&data.join("brat/conll2002-es-nl-sample"));
    assert_eq!(total, counts(20, 816, 0, 0, &[]));
}

#[test]
fn brat_nerel_russian() {
    let Some(data) = shared_data() else { return };
    let (total, docs) = brat_collection(&data.join("brat/nerel-v1.1-dev"));
    assert_eq!(total, counts(94, 5590, 4012, 3598, &[("invalid-reference", 2)]));
    // The two problems are real: NEREL's annotation.conf allows PARTICIPANT_IN only towards
    // EVENT|WORK_OF_ART|CRIME|PENALTY, and these relations point at a DISEASE ("травм").
    let flagged: Vec<String> = docs
        .iter()
        .flat_map(|(path, _, ann, doc)| {
            doc.problems().iter().map(move |p| {
                format!("{} {}", path.file_name().unwrap().to_string_lossy(), ann[p.span.range()].to_owned())
            })
        })
        .collect();
    assert_eq!(flagged, ["405682_text.ann PARTICIPANT_IN", "405682_text.ann PARTICIPANT_IN"]);
    let message = &docs.iter().flat_map(|d| d.3.problems()).next().unwrap().message;
    assert!(message.starts_with("R15 `PARTICIPANT_IN` links T6 (`PERSON`) to T91 (`DISEASE`)"), "{message}");

    // Nested, discontinuous and normalized spans come through.
    let discontinuous = docs.iter().flat_map(|d| d.3.spans()).filter(|s| s.fragments.len() > 1).count();
    assert_eq!(discontinuous, 7);
    // NEREL writes `Wikidata:NULL` for entities it found no item for.
    let refs: Vec<_> = docs.iter().flat_map(|d| d.3.spans()).flat_map(|s| &s.kb_refs).collect();
    let items = refs.iter().filter(|k| k.kb == "Wikidata" && k.id.starts_with('Q')).count();
    let nil = refs.iter().filter(|k| k.is_nil()).count();
    assert_eq!((refs.len(), items, nil), (3598, 3030, 568));

    // Re-anchoring after an insertion at the top moves every annotation by its length, and
    // the rewritten `.ann` reads cleanly against the edited text.
    for (path, txt, ann, _) in &docs {
        let edited = format!("Срочно: {txt}");
        let anchors = brat::reanchor(ann, &edited);
        for a in &anchors {
            let new = a.new.as_ref().unwrap_or_else(|| panic!("{}: {} lost", path.display(), a.id));
            let old_starts: Vec<u64> = a.old.iter().map(|c| c.start + 8).collect();
            let new_starts: Vec<u64> = new.iter().map(|c| c.start).collect();
            assert_eq!(old_starts, new_starts, "{}: {}", path.display(), a.id);
        }
        let rewritten = brat::apply_reanchor(ann, &anchors);
        let doc = brat::parse(&edited, &rewritten, None);
        assert!(doc.problems().is_empty(), "{}: {:?}", path.display(), doc.problems());
    }
}

/// Per document: the spans as (label, text without whitespace, identity), sorted.
fn span_keys(doc: &dyn AnnotatedDocument) -> Vec<(String, String, Option<String>)> {
    let key = |s: &AnnotatedSpan| {
        (
            s.label.clone(),
            s.recorded_text.split_whitespace().collect::<String>(),
            s.kb_refs.first().map(|k| k.id.clone()),
        )
    };
    let mut keys: Vec<_> = doc.spans().iter().map(key).collect();
    keys.sort();
    keys
}

#[test]
fn webanno_and_conllu_gum_news_agree() {
    let Some(data) = shared_data() else { return };
    let wiki_map = conllu::parse_wiki_map(&read(&data.join("conllu/gum-news/wiki_map.tab")));
    let mut tsv_total = Counts::default();
    let mut conllu_total = Counts::default();
    let mut identities = 0;
    let mut resolved = 0;
    for tsv_path in files_under(&data.join("webanno-tsv3/gum-news"), "tsv") {
        let stem = tsv_path.file_stem().unwrap().to_string_lossy().to_string();
        let tsv_text = read(&tsv_path);
        let tsv = webanno::parse(&tsv_text);
        tsv_total.add(&tsv);
        assert_spans_hold_their_text(&tsv, &stem);
        // Hovers in the TSV itself: every span maps into its `#Text=` line.
        for (span, extra) in tsv.spans().iter().zip(tsv.tsv_spans()) {
            let in_file =
                extra.file_span.unwrap_or_else(|| panic!("{stem}: {} has no place in the file", span.id));
            assert_eq!(&tsv_text[in_file.range()], span.recorded_text, "{stem}: {}", span.id);
        }
        for unit in tsv.units() {
            assert_eq!(&tsv.text()[unit.text.unwrap().range()], unit.form, "{stem}: {}", unit.id);
        }

        let conllu_text = read(&data.join(format!("conllu/gum-news/{stem}.conllu")));
        let con = conllu::parse(&conllu_text);
        conllu_total.add(&con);
        assert_spans_hold_their_text(&con, &stem);
        for span in con.spans() {
            let in_file = con.origin().to_file(span.fragments[0]).unwrap();
            assert_eq!(&conllu_text[in_file.range()], &con.text()[span.fragments[0].range()]);
            for kb in &span.kb_refs {
                identities += 1;
                resolved += usize::from(wiki_map.contains_key(&kb.id));
            }
        }

        // The same articles, annotated the same: both readers find the same mentions.
        assert_eq!(span_keys(&tsv), span_keys(&con), "{stem}");
    }
    // The 120 warnings are GUM's own `#Summary1=`..`#Summary5=` lines, five per file, which
    // WebAnno does not define (INCEpTION's reader would reject the files for them).
    assert_eq!(tsv_total, counts(24, 5018, 2535, 1576, &[("unknown-header", 120)]));
    assert_eq!(tsv_total.errors(), 0);
    // CoNLL-U links each mention to the previous one of its entity (2272); the TSV also has
    // GUM's 262 bridging relations and counts one more coreference link.
    assert_eq!(conllu_total, counts(24, 5018, 2272, 1576, &[]));
    assert_eq!((identities, resolved), (1576, 1576));
}
