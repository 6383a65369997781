//! `cargo bench --bench tempeval`: the tagger's TempEval-3 scores on TimeBank+AQUAINT (the
//! development set) and TE3-platinum (the test set), and its throughput.
//!
//! The data lives beside the checkout in `../shared/data/tempeval3` and is never copied into
//! the repository; without it the bench says so and exits.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use dateline::dates::DateLanguage;
use dateline::dates::evaluate::{evaluate_dir, timeml_files};
use dateline::dates::score::Scores;
use dateline::dates::tag;
use dateline::dates::timeml::Document;

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/tempeval3")
}

fn report(name: &str, scores: &Scores) {
    println!("== {name} ==");
    print!("{}", scores.table());
    println!();
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let data = data_dir();
    if !data.is_dir() {
        println!(
            "skipping tempeval bench: {} not found (the shared TempEval-3 data sits beside the checkout)",
            data.display()
        );
        return;
    }
    let tbaq = data.join("tbaq");
    let platinum = data.join("platinum");
    for (name, dir) in [("TBAQ (TimeBank + AQUAINT, development)", &tbaq), ("TE3-platinum (test)", &platinum)]
    {
        match evaluate_dir(dir, DateLanguage::English) {
            Ok(evaluation) => report(name, &evaluation.scores),
            Err(err) => println!("== {name} ==\nerror: {err:#}\n"),
        }
    }

    // Throughput: every TBAQ document tagged with its DCT, several runs, the median.
    let documents: Vec<Document> =
        timeml_files(&tbaq).unwrap_or_default().iter().filter_map(|p| Document::read(p).ok()).collect();
    let bytes: usize = documents.iter().map(|d| d.text.len()).sum();
    if bytes == 0 {
        return;
    }
    let runs = 9;
    let mut times = Vec::with_capacity(runs);
    let mut found = 0;
    for _ in 0..runs {
        let start = Instant::now();
        found = documents.iter().map(|d| tag(&d.text, &d.tag_context()).len()).sum::<usize>();
        times.push(start.elapsed());
    }
    let t = median(times);
    println!("== throughput ==");
    println!(
        "TBAQ text: {} documents, {:.2} MB, {found} timexes; median of {runs} runs {:.1} ms = {:.1} MB/s",
        documents.len(),
        bytes as f64 / 1e6,
        t.as_secs_f64() * 1e3,
        bytes as f64 / 1e6 / t.as_secs_f64()
    );

    // One 50 MB text in a single call: must stay linear, not hang.
    let mut big = String::with_capacity(52_000_000);
    while big.len() < 50_000_000 {
        for d in &documents {
            big.push_str(&d.text);
            big.push_str("\n\n");
        }
    }
    let ctx = documents[0].tag_context();
    let start = Instant::now();
    let n = tag(&big, &ctx).len();
    let t = start.elapsed();
    println!(
        "one {:.1} MB text: {n} timexes in {:.2} s = {:.1} MB/s",
        big.len() as f64 / 1e6,
        t.as_secs_f64(),
        big.len() as f64 / 1e6 / t.as_secs_f64()
    );
}
