//! `cargo bench --bench archive`: `dateline check` (the release binary, as CI runs it) on
//! synthetic archives of 10,000 and 100,000 articles (330,000, about 1 GB, with
//! `DATELINE_BENCH_LARGE=1`), beside a literal scan in the same run:
//! `rg -F -f names.txt --count-matches` over the same articles with the same names (every
//! KB name, alias and title). Prints one table row per size: files, MB, wall time, the ratio
//! to rg, peak RSS, RSS over the text's size, findings. Issue 15's targets are ratios
//! (≤ 3× rg, 100k/10k ≤ 11×, RSS ≤ 3× the text), so the machine's speed cancels out.
//!
//! Needs `rg` (Debian `ripgrep`) for the baseline and GNU `time` (Debian `time`) for the
//! peak RSS; without them those columns say `n/a`. Options (environment):
//! `DATELINE_BENCH_SIZES` (comma-separated article counts, default `10000,100000`),
//! `DATELINE_BENCH_LARGE=1` (adds 330000), `DATELINE_BENCH_DIR` (where the corpora are
//! written and kept; default a temporary folder, removed after).

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[path = "common/synthetic.rs"]
mod synthetic;

/// What one run of a command cost.
struct Run {
    wall: Duration,
    /// Peak resident set, from GNU time.
    peak_rss_mb: Option<f64>,
    /// Lines of standard output.
    lines: usize,
}

/// Runs `program args`, under GNU time when it is installed (for the peak RSS).
fn measure(program: &str, args: &[&str]) -> Option<Run> {
    let time = Path::new("/usr/bin/time");
    let rss_file = tempfile::NamedTempFile::new().ok()?;
    let mut command = if time.exists() {
        let mut command = Command::new(time);
        command.arg("-f").arg("%M").arg("-o").arg(rss_file.path()).arg(program);
        command
    } else {
        Command::new(program)
    };
    command.args(args).stdout(Stdio::piped()).stderr(Stdio::null());
    let started = Instant::now();
    let mut child = command.spawn().ok()?;
    let lines = BufReader::new(child.stdout.take()?).lines().count();
    let status = child.wait().ok()?;
    let wall = started.elapsed();
    if !status.success() {
        eprintln!("{program} exited with {status}");
        return None;
    }
    let peak_rss_mb = std::fs::read_to_string(rss_file.path())
        .ok()
        .and_then(|text| text.trim().lines().last()?.parse::<f64>().ok())
        .map(|kb| kb / 1024.0);
    Some(Run { wall, peak_rss_mb, lines })
}

fn main() {
    let mut sizes: Vec<usize> = std::env::var("DATELINE_BENCH_SIZES")
        .ok()
        .map(|v| v.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10_000, 100_000]);
    if std::env::var_os("DATELINE_BENCH_LARGE").is_some() {
        sizes.push(330_000);
    }
    let temp = tempfile::tempdir().unwrap();
    let base = std::env::var_os("DATELINE_BENCH_DIR").map(std::path::PathBuf::from);
    let base = base.as_deref().unwrap_or(temp.path());
    let dateline = env!("CARGO_BIN_EXE_dateline");
    let rg = Command::new("rg").arg("--version").output().is_ok();
    println!(
        "`dateline check` vs `rg -F -f names.txt --count-matches`, {} threads available{}",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        if rg { "" } else { " (rg not installed: no baseline)" }
    );
    println!(
        "{:>8} {:>8} {:>9} {:>8} {:>7} {:>10} {:>8} {:>9}",
        "files", "MB", "wall", "rg", "÷ rg", "peak RSS", "RSS/text", "findings"
    );
    let mut first: Option<(usize, Duration)> = None;
    for &articles in &sizes {
        let root = base.join(format!("archive-{articles}"));
        if !root.join("kb/entities.toml").exists() {
            let _ = std::fs::remove_dir_all(&root);
            std::fs::create_dir_all(&root).unwrap();
            synthetic::generate(&root, articles);
        }
        let text_bytes: u64 = walk_bytes(&root.join("articles"));
        let names = root.join("names.txt");
        std::fs::write(&names, names_of(&root)).unwrap();
        let root_str = root.to_str().unwrap();
        // stderr is not a terminal here, so `check` draws no progress bar.
        let Some(check) =
            measure(dateline, &["check", root_str, "--output-format", "json-lines", "--exit-zero"])
        else {
            eprintln!("dateline check failed on {articles} articles");
            continue;
        };
        let articles_dir = root.join("articles");
        let baseline = rg
            .then(|| {
                measure(
                    "rg",
                    &["-F", "-f", names.to_str().unwrap(), "--count-matches", articles_dir.to_str().unwrap()],
                )
            })
            .flatten();
        let mb = text_bytes as f64 / 1e6;
        let ratio = baseline
            .as_ref()
            .map_or("n/a".to_owned(), |b| format!("{:.1}×", check.wall.as_secs_f64() / b.wall.as_secs_f64()));
        let rg_wall =
            baseline.as_ref().map_or("n/a".to_owned(), |b| format!("{:.2} s", b.wall.as_secs_f64()));
        let (rss, per_text) = match check.peak_rss_mb {
            Some(rss) => {
                (format!("{rss:.0} MiB"), format!("{:.1}×", rss * 1024.0 * 1024.0 / text_bytes as f64))
            }
            None => ("n/a".to_owned(), "n/a".to_owned()),
        };
        println!(
            "{articles:>8} {mb:>8.1} {:>7.2} s {rg_wall:>8} {ratio:>7} {rss:>10} {per_text:>8} {:>9}",
            check.wall.as_secs_f64(),
            check.lines
        );
        match first {
            None => first = Some((articles, check.wall)),
            Some((n, wall)) => println!(
                "         {articles} / {n} articles: {:.1}× the time for {:.1}× the articles",
                check.wall.as_secs_f64() / wall.as_secs_f64(),
                articles as f64 / n as f64
            ),
        }
    }
}

/// Every KB name, alias and role title, one per line: what the literal scan looks for.
fn names_of(root: &Path) -> String {
    let kb = std::fs::read_to_string(root.join("kb/entities.toml")).unwrap();
    let mut names: Vec<String> = Vec::new();
    for line in kb.lines() {
        let line = line.trim();
        let value = line
            .strip_prefix("name = ")
            .or_else(|| line.strip_prefix("title = "))
            .or_else(|| line.strip_prefix("aliases = "));
        let Some(value) = value else { continue };
        names.extend(value.split('"').skip(1).step_by(2).map(str::to_owned));
    }
    names.sort();
    names.dedup();
    names.join("\n") + "\n"
}

fn walk_bytes(dir: &Path) -> u64 {
    let mut total = 0;
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            total += walk_bytes(&path);
        } else {
            total += entry.metadata().map_or(0, |m| m.len());
        }
    }
    total
}
