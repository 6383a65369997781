//! `cargo bench --bench annotations`: the real annotated corpora in `../shared/data`, read
//! in place. Per collection: a cold load (discover, read, parse, check, collection checks),
//! and a one-character edit to a document's text followed by the findings of every file it
//! affects (the text, its `.ann`, the collection's), as the server does before publishing.
//!
//! Prints medians rather than asserting: timings belong in reports, not in tests. Skips,
//! saying why, when `../shared` is absent.

use std::path::Path;
use std::time::{Duration, Instant};

use dateline::analysis::{AnalysisHost, Change};
use dateline::corpus::{Config, FileKind};

fn median(samples: &mut [Duration]) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    samples[((samples.len() as f64 - 1.0) * p).round() as usize]
}

fn main() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
    if !data.is_dir() {
        println!("SKIPPED: {} is absent (the public corpora live beside the checkout)", data.display());
        return;
    }
    for collection in [
        "brat/brat-tutorial-news",
        "brat/conll2002-es-nl-sample",
        "brat/nerel-v1.1-dev",
        "webanno-tsv3/gum-news",
        "conllu/gum-news",
    ] {
        let dir = data.join(collection);
        let mut loads = Vec::new();
        let mut host = None;
        for _ in 0..5 {
            let t = Instant::now();
            let loaded = AnalysisHost::load(Config::discover(&dir).unwrap());
            loads.push(t.elapsed());
            host = Some(loaded);
        }
        let mut host = host.unwrap();
        let snapshot = host.snapshot();
        let spans: usize =
            snapshot.annotations().filter_map(|(_, a)| a.document()).map(|d| d.spans().len()).sum();
        // Edit the document texts: a brat `.txt`, or the annotation file holding its own text.
        let targets: Vec<_> = snapshot
            .annotations()
            .filter_map(|(file, a)| a.text_file.filter(|_| a.document().is_some()).or(Some(file)))
            .filter(|&f| {
                snapshot
                    .source(f)
                    .is_some_and(|s| matches!(s.kind, FileKind::Article(_) | FileKind::Annotation(_)))
            })
            .collect();
        let mut edits = Vec::new();
        for i in 0..100 {
            let file = targets[i % targets.len()];
            let path = snapshot.path(file).unwrap().to_path_buf();
            let mut text = host.snapshot().text(file).unwrap().to_owned();
            // At the end, so the annotations stay where they are.
            text.push(if i % 2 == 0 { 'x' } else { 'y' });
            let t = Instant::now();
            let result = host.apply(vec![Change::SetText { path, text }]);
            let after = host.snapshot();
            let count: usize = result.affected.iter().map(|&f| after.findings(f).len()).sum();
            edits.push(t.elapsed());
            std::hint::black_box(count);
        }
        println!(
            "{collection}: {} documents, {spans} spans; cold load median {:.1?}; edit to findings median {:.2?}, p99 {:.2?}",
            targets.len(),
            median(&mut loads),
            median(&mut edits),
            percentile(&mut edits, 0.99)
        );
    }
}
