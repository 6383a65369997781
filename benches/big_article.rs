//! `cargo bench --bench big_article`: the whole analysis of one large article (mentions,
//! near misses, people, date tagging, ties and every check), at 1, 2 and 5 MB, to show it
//! grows linearly with the article (issue 11: 1 MB took 6 s, 2 MB 23 s).
//!
//! Two shapes, both with the KB of `fixtures/corpus`:
//! - `prose`: the bodies of the fixture articles repeated (real sentences with names,
//!   titles, dates and events);
//! - `run-on`: KB names, titles, dates and events repeated without a single period, so the
//!   whole article is one sentence (the worst case for per-sentence and per-clause work).
//!
//! Prints seconds and seconds per 100 KB rather than asserting: timings belong in reports,
//! not in tests. Options (environment): `DATELINE_BENCH_SIZES` (MB, comma-separated;
//! default `1,2,5`).

use std::path::Path;
use std::time::Instant;

use dateline::analysis::AnalysisHost;
use dateline::corpus::Config;

const RUN_ON: &str = "Defense Minister Hulusi Akar and President Ilham Aliyev Akar Aliyev the Second Karabakh War \
                      began on September 27, 2020 and the 44-day war ended on Tuesday Shusha Declaration signed \
                      June 15, 2021 Chief of the General Staff Yaşar Güler Hasanov Erdoğan Hulusi Akkar \
                      former Defence Minister Zakir Hasanov Treaty of Kars 1921 Zapad-2021 Exercises ";

/// The fixture articles' bodies, without front matter.
fn fixture_prose(fixtures: &Path) -> String {
    let mut prose = String::new();
    let mut paths: Vec<_> = std::fs::read_dir(fixtures.join("articles"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    paths.sort();
    for path in paths {
        let Ok(text) = std::fs::read_to_string(&path) else { continue };
        let body = match text.strip_prefix("---") {
            Some(rest) => rest.split_once("\n---").map_or(rest, |(_, body)| body),
            None => &text,
        };
        prose.push_str(body.trim_start_matches(['-', '\n']));
        prose.push_str("\n\n");
    }
    prose
}

/// A corpus of the fixture KB and one article of `size` bytes made of `unit` repeated.
fn corpus(root: &Path, fixtures: &Path, unit: &str, size: usize) {
    std::fs::create_dir_all(root.join("kb")).unwrap();
    std::fs::create_dir_all(root.join("articles")).unwrap();
    for entry in std::fs::read_dir(fixtures.join("kb")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, root.join("kb").join(path.file_name().unwrap())).unwrap();
    }
    std::fs::write(
        root.join("dateline.toml"),
        "[corpus]\ninclude = [\"articles/**/*.md\"]\nkb = [\"kb/**/*.toml\"]\n",
    )
    .unwrap();
    let mut text = String::from("---\ntitle: A very long article\ndate: 2021-11-17\n---\n");
    while text.len() < size {
        text.push_str(unit);
    }
    std::fs::write(root.join("articles/big.md"), text).unwrap();
}

fn main() {
    let sizes: Vec<f64> = std::env::var("DATELINE_BENCH_SIZES")
        .ok()
        .map(|v| v.split(',').filter_map(|s| s.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1.0, 2.0, 5.0]);
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/corpus");
    let prose = fixture_prose(&fixtures);
    for (shape, unit) in [("prose", prose.as_str()), ("run-on", RUN_ON)] {
        for &mb in &sizes {
            let dir = tempfile::tempdir().unwrap();
            let size = (mb * 1e6) as usize;
            corpus(dir.path(), &fixtures, unit, size);
            let started = Instant::now();
            let host = AnalysisHost::load(Config::defaults(dir.path().to_path_buf()));
            let snapshot = host.snapshot();
            let findings = snapshot.all_findings().len();
            let elapsed = started.elapsed().as_secs_f64();
            let mentions: usize = snapshot.articles().map(|(_, a)| a.mentions.mentions.len()).sum();
            println!(
                "{shape:>6} {mb:>4.1} MB: {elapsed:>6.2} s ({:.3} s per 100 KB), {mentions} mentions, {findings} findings",
                elapsed / (size as f64 / 1e5)
            );
        }
    }
}
