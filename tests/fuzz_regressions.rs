//! Replays every committed fuzz input, `fuzz/seeds/<target>/*`, through the fuzz targets'
//! entry points (`dateline::fuzzing`) on the stable toolchain: the crashes, hangs and
//! blow-ups that fuzzing (and issue 11) found stay fixed. Each input runs in a child process
//! (this test binary again) under an address-space limit and a deadline, so an input that
//! panics, allocates without bound or hangs fails this test instead of the machine.
//!
//! A new crash found by `fuzz/run.sh` is minimised and saved under `fuzz/seeds/<target>/`;
//! this test picks it up with no other change. See fuzz/README.md.
#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use dateline::fuzzing::{self, Corpus};

/// The child process reads which input to replay from these.
const TARGET_VAR: &str = "DATELINE_FUZZ_TARGET";
const INPUT_VAR: &str = "DATELINE_FUZZ_INPUT";

/// The address space a child may take (bytes): far above what any input needs, far below
/// what would starve the other processes of the machine.
const MEMORY_LIMIT: u64 = 4 << 30;

/// The bound is 1 s per 100 KB of input in a release build; this test runs a debug
/// build (about ten times slower), so it allows ten times that, and never less than 10 s.
const ALLOWED_PER_100KB: Duration = Duration::from_secs(10);

/// A child still running after this multiple of its allowed time is killed as a hang.
const HANG_FACTOR: u32 = 3;

const KB_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/corpus/kb");

/// What a fuzz target runs one input through.
type EntryPoint = fn(&[u8]);

/// Every fuzz target by its `fuzz/fuzz_targets/<name>.rs` name: what its input goes through.
/// The analysis targets build their in-memory corpus here the way the targets do.
const TARGETS: &[(&str, EntryPoint)] = &[
    ("article", fuzzing::article),
    ("kb_file", fuzzing::kb_file),
    ("config", fuzzing::config),
    ("brat", fuzzing::brat),
    ("brat_conf", fuzzing::brat_conf),
    ("webanno", fuzzing::webanno),
    ("conllu", fuzzing::conllu),
    ("dates", fuzzing::dates),
    ("analysis_article", |bytes| Corpus::with_kb_dir(KB_DIR.as_ref()).expect("fixture KB").article(bytes)),
    ("analysis_kb", |bytes| Corpus::with_fixed_article().kb_file(bytes)),
    ("analysis_brat", |bytes| Corpus::for_brat(KB_DIR.as_ref()).expect("fixture KB").brat(bytes)),
];

fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds")
}

/// How long `len` bytes of input may take.
fn allowed(len: usize) -> Duration {
    let hundreds_of_kb = (len as f64 / 100_000.0).max(1.0);
    ALLOWED_PER_100KB.mul_f64(hundreds_of_kb)
}

/// Runs in the child: replays the one input named by the environment and prints how long the
/// entry point took. Does nothing in a normal test run.
#[test]
fn replay_one_fuzz_input_in_child() {
    let (Ok(target), Ok(input)) = (std::env::var(TARGET_VAR), std::env::var(INPUT_VAR)) else { return };
    let run = TARGETS.iter().find(|(name, _)| *name == target).expect("a known target").1;
    let bytes = std::fs::read(&input).expect("readable input");
    let started = Instant::now();
    run(&bytes);
    println!("\nelapsed_us={}", started.elapsed().as_micros());
}

/// What replaying one input in a child came to.
enum Outcome {
    Passed(Duration),
    Failed(String),
}

fn replay(target: &str, input: &Path, len: usize) -> Outcome {
    let exe = std::env::current_exe().expect("the test binary");
    // `ulimit -v` through the shell: the standard library cannot set a child's limits.
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {} && exec \"$0\" \"$@\"", MEMORY_LIMIT / 1024))
        .arg(exe)
        .args(["--exact", "replay_one_fuzz_input_in_child", "--nocapture", "--test-threads=1"])
        .env(TARGET_VAR, target)
        .env(INPUT_VAR, input)
        .env("RAYON_NUM_THREADS", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn the test binary");
    let deadline = Instant::now() + allowed(len) * HANG_FACTOR;
    loop {
        match child.try_wait().expect("wait for the child") {
            Some(_) => break,
            None if Instant::now() > deadline => {
                let _ = child.kill();
                let _ = child.wait();
                return Outcome::Failed(format!(
                    "still running after {:?}: a hang",
                    allowed(len) * HANG_FACTOR
                ));
            }
            None => std::thread::sleep(Duration::from_millis(20)),
        }
    }
    let output = child.wait_with_output().expect("the child's output");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let elapsed = stdout
        .lines()
        // libtest may print its "test ... " on the same line.
        .find_map(|line| line.split_once("elapsed_us=").map(|(_, us)| us))
        .and_then(|us| us.trim().parse().ok())
        .map(Duration::from_micros);
    match elapsed {
        Some(elapsed) if output.status.success() => Outcome::Passed(elapsed),
        _ => {
            let stderr = String::from_utf8_lossy(&output.stderr);
            let panic = stderr.lines().find(|l| l.contains("panicked at")).map(str::to_owned);
            let why = panic.unwrap_or_else(|| {
                format!("{} (out of memory, limit {} GB?)", output.status, MEMORY_LIMIT >> 30)
            });
            Outcome::Failed(why)
        }
    }
}

#[test]
fn every_fuzz_seed_replays_without_panic_hang_or_blow_up() {
    if std::env::var_os(TARGET_VAR).is_some() {
        return; // a child replaying one input
    }
    let mut failures = Vec::new();
    let mut replayed = 0;
    for (target, _) in TARGETS {
        let dir = seeds_dir().join(target);
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        let mut inputs: Vec<PathBuf> = entries
            .map(|e| e.expect("a seed entry").path())
            .filter(|p| !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')))
            .collect();
        inputs.sort();
        for input in inputs {
            let len = std::fs::metadata(&input).expect("a seed file").len() as usize;
            let name = format!("{target}/{}", input.file_name().unwrap_or_default().to_string_lossy());
            replayed += 1;
            match replay(target, &input, len) {
                Outcome::Passed(elapsed) if elapsed <= allowed(len) => {
                    eprintln!("ok   {name} ({len} B) in {elapsed:.1?}");
                }
                Outcome::Passed(elapsed) => {
                    failures.push(format!("{name} ({len} B): took {elapsed:.1?}, over {:?}", allowed(len)));
                }
                Outcome::Failed(why) => failures.push(format!("{name} ({len} B): {why}")),
            }
        }
    }
    // Every target's folder exists, so a renamed target cannot silently replay nothing.
    for (target, _) in TARGETS {
        assert!(seeds_dir().join(target).is_dir(), "fuzz/seeds/{target}/ is missing");
    }
    assert!(replayed > 0, "no fuzz seeds found under {}", seeds_dir().display());
    assert!(
        failures.is_empty(),
        "{} of {replayed} fuzz inputs fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
