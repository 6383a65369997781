//! `cargo bench --bench corpus`: indexing and query speed on a synthetic corpus of 10,000
//! articles (~3 KB each) and a KB of 5,000 entities with 15,000 names.
//!
//! Prints medians (and spread) rather than asserting: timings belong in reports, not in
//! tests. Each figure is set beside a baseline measured in the same process on the same
//! files (reading them without analysis), so machine noise shows up in both.
//!
//! The last section starts the real `dateline serve` on the same corpus and times what an
//! editor sees: a request answered while the index is still running, the whole index, and
//! hover round trips over stdio.
//!
//! Options (environment): `DATELINE_BENCH_ARTICLES` (default 10000), `DATELINE_BENCH_RUNS`
//! (cold-index repetitions, default 5).

use std::path::Path;
use std::time::{Duration, Instant};

use dateline::analysis::{AnalysisHost, Change};
use dateline::corpus::Config;
use serde_json::json;

// The tests' JSON-RPC client, to time the real server over stdio.
#[path = "../tests/support/mod.rs"]
mod support;

// The synthetic corpus, shared with `benches/archive.rs`.
#[path = "common/synthetic.rs"]
mod synthetic;

use synthetic::{Lcg, generate};

fn median(samples: &mut [Duration]) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    samples[((samples.len() as f64 - 1.0) * p).round() as usize]
}

/// Peak and current resident memory of this process, in MB (Linux; NaN elsewhere).
fn memory_mb() -> (f64, f64) {
    match dateline::memory::ProcessMemory::now() {
        Some(m) => (m.peak_kib as f64 / 1024.0, m.resident_kib as f64 / 1024.0),
        None => (f64::NAN, f64::NAN),
    }
}

fn main() {
    let articles: usize =
        std::env::var("DATELINE_BENCH_ARTICLES").ok().and_then(|v| v.parse().ok()).unwrap_or(10_000);
    let runs: usize = std::env::var("DATELINE_BENCH_RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(5);
    // DATELINE_BENCH_DIR keeps the generated corpus for other tools (`/usr/bin/time dateline
    // check DIR`); by default it lives in a temporary directory.
    let dir = tempfile::tempdir().unwrap();
    let kept = std::env::var_os("DATELINE_BENCH_DIR").map(std::path::PathBuf::from);
    let root = kept.as_deref().unwrap_or(dir.path());
    let started = Instant::now();
    let (bytes, entities) = generate(root, articles);
    let mb = bytes as f64 / 1e6;
    println!(
        "corpus: {articles} articles + KB of {} entities / {} names, {mb:.1} MB (generated in {:.1?})",
        entities.len(),
        entities.len() * 3,
        started.elapsed()
    );
    println!("threads: {}", rayon::current_num_threads());
    if std::env::var_os("DATELINE_BENCH_GENERATE_ONLY").is_some() {
        return;
    }

    // Baseline: read every file (warm page cache), no analysis.
    let paths: Vec<_> = dateline::corpus::discover(&Config::defaults(root.to_path_buf()))
        .into_iter()
        .map(|d| d.path)
        .collect();
    let mut read_times = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let total: usize = paths.iter().map(|p| std::fs::read(p).map_or(0, |b| b.len())).sum();
        read_times.push(t.elapsed());
        assert!(total >= bytes);
    }
    let read = median(&mut read_times);

    let (_, rss_before) = memory_mb();
    let mut index_times = Vec::new();
    let mut host = None;
    for _ in 0..runs {
        drop(host.take());
        let t = Instant::now();
        let loaded = AnalysisHost::load(Config::defaults(root.to_path_buf()));
        index_times.push(t.elapsed());
        host = Some(loaded);
    }
    let mut host = host.unwrap();
    let (peak, rss_after) = memory_mb();
    let index = median(&mut index_times);
    let (min, max) = (index_times.iter().min().unwrap(), index_times.iter().max().unwrap());
    println!(
        "cold index: median {index:.2?} (min {min:.2?}, max {max:.2?}, {runs} runs) = {:.1} MB/s; baseline read-only {read:.2?} (index/read = {:.1}x)",
        mb / index.as_secs_f64(),
        index.as_secs_f64() / read.as_secs_f64()
    );
    println!("memory: peak RSS {peak:.0} MB; the loaded host holds about {:.0} MB", rss_after - rss_before);

    // The temporal tagger alone, on one thread, over every article body.
    let texts: Vec<String> = paths.iter().filter_map(|p| std::fs::read_to_string(p).ok()).collect();
    let article_bytes: usize = texts.iter().map(String::len).sum();
    let ctx = dateline::dates::TagContext::with_dct(jiff::civil::date(2021, 11, 17));
    let mut tag_times = Vec::new();
    let mut tagged = 0;
    for _ in 0..3 {
        let t = Instant::now();
        tagged = texts.iter().map(|text| dateline::dates::tag(text, &ctx).len()).sum::<usize>();
        tag_times.push(t.elapsed());
    }
    let tag_time = median(&mut tag_times);
    println!(
        "tagger: {tagged} expressions in {:.1} MB in {tag_time:.2?} (median of 3, one thread) = {:.1} MB/s",
        article_bytes as f64 / 1e6,
        article_bytes as f64 / 1e6 / tag_time.as_secs_f64()
    );

    let snapshot = host.snapshot();
    let findings: usize = snapshot.files().map(|f| snapshot.findings(f).len()).sum();
    let mentions: usize = snapshot.articles().map(|(_, a)| a.mentions.mentions.len()).sum();
    println!("indexed: {} files, {mentions} mentions, {findings} findings", snapshot.files().count());

    // Queries at random mentions.
    let mut rng = Lcg(42);
    let targets: Vec<_> = snapshot
        .articles()
        .filter(|(_, a)| !a.mentions.mentions.is_empty())
        .map(|(f, a)| (f, a.mentions.mentions[0].span.start as usize + 1))
        .collect();
    let mut hover = Vec::new();
    let mut definition = Vec::new();
    let mut references = Vec::new();
    for _ in 0..1000 {
        let (file, offset) = targets[rng.below(targets.len())];
        let t = Instant::now();
        assert!(snapshot.hover(file, offset).is_some());
        hover.push(t.elapsed());
        let t = Instant::now();
        assert!(snapshot.definition(file, offset).is_some());
        definition.push(t.elapsed());
        if references.len() < 200 {
            let t = Instant::now();
            assert!(!snapshot.references(file, offset, true).is_empty());
            references.push(t.elapsed());
        }
    }
    println!(
        "hover: median {:.1?}, p99 {:.1?}; definition: median {:.1?}, p99 {:.1?}; references: median {:.1?}",
        median(&mut hover),
        percentile(&mut hover, 0.99),
        median(&mut definition),
        percentile(&mut definition, 0.99),
        median(&mut references)
    );

    // One-character edits: apply the change, then ask for the file's findings, as the
    // server does before publishing.
    let mut edit = Vec::new();
    for i in 0..300 {
        let (file, _) = targets[rng.below(targets.len())];
        let path = snapshot.path(file).unwrap().to_path_buf();
        let mut text = host.snapshot().text(file).unwrap().to_owned();
        let at = text.len() - 2;
        text.insert(at, if i % 2 == 0 { 'x' } else { 'y' });
        let t = Instant::now();
        let result = host.apply(vec![Change::SetText { path, text }]);
        let after = host.snapshot();
        let count: usize = result.affected.iter().map(|&f| after.findings(f).len()).sum();
        edit.push(t.elapsed());
        std::hint::black_box(count);
    }
    println!(
        "edit to findings (one file): median {:.2?}, p99 {:.2?}",
        median(&mut edit),
        percentile(&mut edit, 0.99)
    );
    drop(host);
    serve(root, &snapshot, &targets);
}

/// The server as an editor meets it: requests during indexing, then hovers over JSON-RPC.
fn serve(
    root: &Path,
    snapshot: &dateline::analysis::Snapshot,
    targets: &[(dateline::corpus::FileId, usize)],
) {
    let mut client = support::lsp::Client::start(root);
    let started = Instant::now();
    client.initialize(root, json!({"window": {"workDoneProgress": true}}));
    // Asked at once, while the index runs: answered after a short wait from what is ready.
    let asked = Instant::now();
    let symbols = client.call("workspace/symbol", json!({"query": "a"}));
    let during = asked.elapsed();
    client.wait_for("the end of indexing", |m| {
        m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end"
    });
    let indexed = started.elapsed();
    let mut hover = Vec::new();
    let mut rng = Lcg(7);
    for _ in 0..200 {
        let (file, inside) = targets[rng.below(targets.len())];
        let offset = inside - 1; // The mention's first character.
        let path = snapshot.path(file).unwrap();
        let text = snapshot.text(file).unwrap();
        let line = text[..offset].matches('\n').count();
        let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let character = text[line_start..offset].encode_utf16().count();
        let t = Instant::now();
        let card = client.call(
            "textDocument/hover",
            json!({"textDocument": {"uri": support::lsp::uri(path)}, "position": {"line": line, "character": character}}),
        );
        hover.push(t.elapsed());
        assert!(!card.is_null(), "a hover at a mention");
    }
    println!(
        "serve: indexed in {indexed:.2?} after initialize; a request during indexing answered in {during:.0?} ({} symbols); hover round trip median {:.2?}, p99 {:.2?}",
        symbols.as_array().map_or(0, Vec::len),
        median(&mut hover),
        percentile(&mut hover, 0.99)
    );
    client.shutdown();
}
