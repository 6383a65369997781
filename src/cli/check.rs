//! `dateline check [PATH]...`: index each corpus the paths belong to (once per corpus, however
//! many of its files are named, as pre-commit does), optionally fix, print the findings,
//! and exit 0 (nothing at or above `--fail-on`), 1 (something is), or 2 (a usage,
//! configuration or I/O error, such as a fix that could not be written or a path that cannot
//! be checked, or an internal error: a file dateline failed on, `corpus/internal-error`).
//!
//! `check - --stdin-filename PATH` checks one article from standard input as if it were
//! at `PATH` in its corpus; with `--fix` the fixed text goes to standard output and the
//! findings left to standard error, so an editor can pipe a buffer through it.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;

use super::baseline::{Baseline, Recorder};
use super::changed::{ChangedLines, PathCache};
use super::fix::{WriteScope, remove_stale_temp_files, write_fixed};
use super::output::{self, Report, full, statistics};
use super::progress::LoadBar;
use super::settings::{BaselineAction, CheckSettings, FixAction, Input};
pub use super::settings::{CheckArgs, ColorChoice, OutputFormat};
use crate::analysis::Opening;
use crate::analysis::fingerprint::{Fingerprint, fingerprints};
use crate::analysis::fix::{self, FixReport, FixedFile};
use crate::analysis::{AnalysisHost, Change, Snapshot};
use crate::checks::selection::Policy;
use crate::checks::{Finding, Severity};
use crate::corpus::{Config, FileId, SourceText};

/// How a run ended. Ordered: a worse outcome wins when corpora disagree.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// Nothing at or above `--fail-on` (exit 0).
    Clean,
    /// Findings at or above `--fail-on`, or `--diff` would change something (exit 1).
    Failed,
    /// A usage, configuration or I/O error (exit 2).
    Error,
}

impl From<Status> for ExitCode {
    fn from(status: Status) -> ExitCode {
        ExitCode::from(match status {
            Status::Clean => 0,
            Status::Failed => 1,
            Status::Error => 2,
        })
    }
}

pub fn run(args: CheckArgs) -> ExitCode {
    let settings = match CheckSettings::resolve(&args) {
        Ok(settings) => settings,
        Err(err) => {
            eprintln!("dateline: {err}");
            return Status::Error.into();
        }
    };
    let result = match &settings.input {
        Input::Paths(paths) => check_paths(&settings, paths),
        Input::Stdin(path) => check_stdin(&settings, path),
    };
    match result {
        Ok(status) => status.into(),
        Err(err) => {
            eprintln!("dateline: {err:#}");
            Status::Error.into()
        }
    }
}

/// The findings `check ARGS --output-format json` prints, as a string, and nothing on the
/// terminal: for the Python package, whose `check` must give exactly what `check` gives.
/// Only paths (not standard input), no fixes, no baseline.
pub fn findings_json(args: &CheckArgs) -> anyhow::Result<String> {
    let mut settings = CheckSettings::resolve(args)?;
    settings.format = OutputFormat::Json;
    settings.statistics = false;
    settings.progress = false;
    settings.fix = FixAction::None;
    let Input::Paths(paths) = &settings.input else {
        anyhow::bail!("findings_json checks paths, not standard input");
    };
    let jobs = crate::analysis::open(paths, &settings.layer).into_result()?;
    let checked: Vec<Checked> = jobs.into_iter().map(|job| check_corpus(&settings, job)).collect();
    let mut out = Vec::new();
    emit(&settings, &checked, &mut out, false)?;
    Ok(String::from_utf8(out).expect("JSON output is UTF-8"))
}

/// One corpus after checking (and fixing).
struct Checked {
    snapshot: Snapshot,
    findings: Vec<Finding>,
    /// Each finding's fingerprint, worked out before a baseline or `--diff-from` left any
    /// out (alike findings are numbered in their file).
    prints: Vec<Fingerprint>,
    files_checked: usize,
    fail_on: Severity,
    /// Fixes written to disk (or, with `--diff`, that would be).
    fixed: usize,
    /// `--diff`: per changed file, its display path, old and new text.
    diffs: Vec<(PathBuf, String, String)>,
    /// Something could not be done (a fix not written): exit 2.
    error: bool,
}

fn check_paths(settings: &CheckSettings, paths: &[PathBuf]) -> anyhow::Result<Status> {
    let jobs = crate::analysis::open(paths, &settings.layer).into_result()?;
    // Both are read before the corpus is: a bad file or revision fails at once.
    let mut baseline = match &settings.baseline {
        Some(BaselineAction::Compare(file)) => Some(Baseline::read(file)?),
        _ => None,
    };
    let changed = match &settings.diff_from {
        Some(reference) => Some(ChangedLines::since(reference, &git_dir(paths))?),
        None => None,
    };
    let mut checked: Vec<Checked> = jobs.into_iter().map(|job| check_corpus(settings, job)).collect();
    if let Some(BaselineAction::Write(file)) = &settings.baseline {
        return write_baseline(file, &checked);
    }
    for corpus in &mut checked {
        if let Some(baseline) = &mut baseline {
            let findings = std::mem::take(&mut corpus.findings);
            let prints = std::mem::take(&mut corpus.prints);
            (corpus.findings, corpus.prints) = baseline.new_findings(findings, prints);
        }
        if let Some(changed) = &changed {
            let mut cache = PathCache::default();
            let snapshot = &corpus.snapshot;
            let keep: Vec<bool> =
                corpus.findings.iter().map(|f| changed.touches(snapshot, &mut cache, f)).collect();
            retain_with(&mut corpus.findings, &mut corpus.prints, &keep);
        }
    }
    let mut status = if checked.iter().any(|c| c.error) { Status::Error } else { Status::Clean };
    let mut stdout = io::stdout().lock();
    let written = if let FixAction::Diff(_) = settings.fix {
        write_diffs(&checked, &mut stdout).map(|changed| {
            let fixes: usize = checked.iter().map(|c| c.fixed).sum();
            if changed > 0 {
                eprintln!("Would fix {} in {}.", plural(fixes, "finding"), plural(changed, "file"));
                status = status.max(failed(settings));
            } else {
                eprintln!("No fixes to apply.");
            }
        })
    } else {
        if checked.iter().any(|c| c.findings.iter().any(|f| f.severity >= c.fail_on)) {
            status = status.max(failed(settings));
        }
        emit(settings, &checked, &mut stdout, io::stdout().is_terminal())
    };
    if let Some(baseline) = &baseline {
        report_baseline(baseline, paths);
    }
    finish(written.and_then(|()| stdout.flush()), status)
}

/// Where to ask git about `--diff-from`: the first path, or its folder when it is a file.
fn git_dir(paths: &[PathBuf]) -> PathBuf {
    let first = paths.first().cloned().unwrap_or_else(|| PathBuf::from("."));
    if first.is_file() { first.parent().map_or(first.clone(), Path::to_path_buf) } else { first }
}

/// Keeps the findings (and their fingerprints) whose `keep` is true.
fn retain_with(findings: &mut Vec<Finding>, prints: &mut Vec<Fingerprint>, keep: &[bool]) {
    let mut flags = keep.iter();
    findings.retain(|_| *flags.next().unwrap_or(&true));
    let mut flags = keep.iter();
    prints.retain(|_| *flags.next().unwrap_or(&true));
}

/// `--write-baseline`: records every finding of the run instead of reporting them.
fn write_baseline(file: &Path, checked: &[Checked]) -> anyhow::Result<Status> {
    let mut recorder = Recorder::default();
    for corpus in checked {
        recorder.add(file, &corpus.snapshot, &corpus.findings, &corpus.prints);
    }
    let count = recorder.write(file)?;
    eprintln!("dateline: wrote {} to the baseline {}", plural(count, "finding"), display(file));
    Ok(if checked.iter().any(|c| c.error) { Status::Error } else { Status::Clean })
}

/// After the findings: how many the baseline hid, and which of its findings are gone.
fn report_baseline(baseline: &Baseline, targets: &[PathBuf]) {
    if baseline.known > 0 {
        eprintln!(
            "dateline: {} listed in the baseline {} not shown",
            plural(baseline.known, "finding"),
            display(baseline.file())
        );
    }
    let fixed = baseline.fixed(targets);
    if !fixed.is_empty() {
        eprintln!(
            "dateline: {} of the baseline fixed (`--write-baseline` drops them from it):",
            plural(fixed.len(), "finding")
        );
        for entry in fixed {
            eprintln!(
                "  {}:{}: {} {}",
                output::escape::printable(&entry.path),
                entry.line,
                entry.code,
                output::escape::printable(&entry.message)
            );
        }
    }
}

fn check_corpus(settings: &CheckSettings, job: Opening) -> Checked {
    for missing in crate::corpus::missing_paths(&job.config) {
        eprintln!(
            "dateline: warning: corpus folder {} does not exist; nothing is read from it",
            display(&missing)
        );
    }
    // Checking the corpus root means the whole corpus, folders outside it included.
    let whole = job.targets.contains(&job.config.root);
    let fail_on = settings.fail_on.or(job.policy.fail_on).unwrap_or(Severity::Error);
    let scope = WriteScope::of(&job.config);
    let mut host = load(settings, job.config, job.policy);
    let snapshot = host.snapshot();
    if snapshot.kb().entities().is_empty() && snapshot.articles().next().is_some() {
        // Said once: without a KB, names, roles and events cannot be checked at all.
        eprintln!(
            "dateline: note: this corpus has no knowledge base, so only dates and spellings within \
             each article are checked. Start one from the articles: `dateline kb suggest --write`, \
             or from Wikidata: `dateline kb import wikidata ENTITIES.json --kb kb/wikidata.toml` \
             (README: \"Start a KB for your corpus\")"
        );
    }
    let files: Vec<FileId> = snapshot
        .files()
        .filter(|&f| whole || snapshot.path(f).is_some_and(|p| job.targets.iter().any(|t| p.starts_with(t))))
        .collect();
    let mut checked = Checked {
        snapshot,
        findings: Vec::new(),
        prints: Vec::new(),
        files_checked: files.len(),
        fail_on,
        fixed: 0,
        diffs: Vec::new(),
        error: false,
    };
    if let FixAction::Write(_) = settings.fix {
        clean_temp_files(&checked.snapshot, &files, &scope);
    }
    if let FixAction::Write(mode) | FixAction::Diff(mode) = settings.fix {
        // Each file is written on its own: a fix spanning files (no check makes one yet)
        // could end up half applied if one of its files cannot be written.
        let report = fix::fix(&mut host, &files, mode);
        warn_skipped(&report, &host.snapshot());
        if let FixAction::Diff(_) = settings.fix {
            for file in report.files {
                checked.fixed += file.fixes;
                checked.diffs.push((file.path.to_path_buf(), file.original, file.fixed));
            }
        } else {
            let (fixed, error) = write_files(&mut host, report.files, &scope);
            checked.fixed += fixed;
            checked.error |= error;
        }
        checked.snapshot = host.snapshot();
    }
    checked.findings = files.iter().flat_map(|&f| checked.snapshot.findings(f)).collect();
    checked.prints = fingerprints(&checked.snapshot, &checked.findings);
    checked.error |= internal_error_status(&checked.findings) == Status::Error;
    checked
}

/// `Error` when dateline failed on a file (`corpus/internal-error`): that file was not
/// checked, so the run cannot pass. Says so on standard error, once per run part.
fn internal_error_status(findings: &[Finding]) -> Status {
    let failed = findings.iter().filter(|f| f.rule.code == crate::checks::INTERNAL_ERROR.code).count();
    if failed == 0 {
        return Status::Clean;
    }
    eprintln!(
        "dateline: error: dateline failed on {} (a bug, reported as corpus/internal-error): not checked",
        plural(failed, "file")
    );
    Status::Error
}

/// Writes the fixed files; returns how many fixes reached the disk and whether some file
/// was not written. Each file not written is reported, and its findings are shown as it
/// is on disk. Two corpus paths of one file (a link to another file of the corpus) are
/// written once.
fn write_files(host: &mut AnalysisHost, files: Vec<FixedFile>, scope: &WriteScope) -> (usize, bool) {
    /// A real file written (or tried) under a corpus path.
    struct Done {
        real: PathBuf,
        path: Arc<Path>,
        text: String,
        written: bool,
    }
    let mut done: Vec<Done> = Vec::new();
    let (mut fixed, mut error) = (0, false);
    for file in files {
        let real = std::fs::canonicalize(&file.path).ok();
        let same = real.as_ref().and_then(|real| done.iter().find(|d| &d.real == real));
        // Not written: why, and the text the file has on disk.
        let outcome: Result<(), (String, String)> = match same {
            Some(other) if other.written && other.text == file.fixed => Ok(()),
            Some(other) if other.written => Err((
                format!(
                    "it is the same file as {}, whose other fixes were written instead",
                    display(&other.path)
                ),
                other.text.clone(),
            )),
            Some(other) => Err((
                format!("it is the same file as {}, which was not fixed", display(&other.path)),
                file.original.clone(),
            )),
            None => write_fixed(&file.path, &file.original, &file.fixed, scope)
                .map_err(|err| (format!("{err}; nothing was written"), file.original.clone())),
        };
        if let (None, Some(real)) = (same, real) {
            let written = outcome.is_ok();
            done.push(Done { real, path: file.path.clone(), text: file.fixed.clone(), written });
        }
        match outcome {
            Ok(()) => fixed += file.fixes,
            Err((why, on_disk)) => {
                eprintln!(
                    "dateline: error: {} was not fixed: {}",
                    display(&file.path),
                    output::escape::printable(&why)
                );
                error = true;
                // Report the file as it is on disk, not as it would have been.
                host.apply(vec![Change::SetText { path: file.path.to_path_buf(), text: on_disk }]);
            }
        }
    }
    (fixed, error)
}

/// Removes the temporary files a killed `--fix` left beside the files this run may fix
/// (in their real folders, inside the corpus), saying so.
fn clean_temp_files(snapshot: &Snapshot, files: &[FileId], scope: &WriteScope) {
    let mut dirs: Vec<PathBuf> = files
        .iter()
        .filter_map(|&file| std::fs::canonicalize(snapshot.path(file)?).ok())
        .filter(|real| scope.contains(real))
        .filter_map(|real| real.parent().map(Path::to_path_buf))
        .collect();
    dirs.sort();
    dirs.dedup();
    for dir in dirs {
        match remove_stale_temp_files(&dir) {
            Ok(removed) => {
                for temp in removed {
                    eprintln!(
                        "dateline: note: removed {}, a temporary file left by an interrupted --fix",
                        display(&temp)
                    );
                }
            }
            Err(err) => eprintln!(
                "dateline: warning: cannot remove the temporary files of an interrupted --fix in {}: {err}",
                display(&dir)
            ),
        }
    }
}

fn check_stdin(settings: &CheckSettings, path: &Path) -> anyhow::Result<Status> {
    let dir = path.parent().unwrap_or(path).to_path_buf();
    let Opening { config, policy, .. } = crate::analysis::open(&[dir], &settings.layer)
        .into_result()?
        .pop()
        .expect("one path opens one corpus");
    // Read as a file would be: over `max_file_size` it is reported, not analysed (nor kept).
    let read = crate::corpus::read_limited(&mut io::stdin().lock(), config.max_file_size)
        .context("cannot read standard input")?;
    let (mut bytes, too_large) = match read {
        Ok(bytes) => (bytes, None),
        Err(problem) => (Vec::new(), Some(problem)),
    };
    let bom = bytes.starts_with(BOM);
    if bom {
        bytes.drain(..BOM.len());
    }
    let text = String::from_utf8(bytes).map_err(|err| {
        anyhow::anyhow!("standard input is not UTF-8 (at byte {})", err.utf8_error().valid_up_to())
    })?;
    let fail_on = settings.fail_on.or(policy.fail_on).unwrap_or(Severity::Error);
    let mut host = load(settings, config, policy);
    let mut stdout = io::stdout().lock();
    if host.classify(path).is_none() {
        eprintln!(
            "dateline: warning: {} is not part of the corpus at {} (see `include`, `exclude` and `kb` in dateline.toml); nothing was checked",
            display(path),
            display(&host.config().root)
        );
        if let FixAction::Write(_) = settings.fix {
            let echoed = write_text(&mut stdout, bom, &text);
            return finish(echoed, Status::Clean);
        }
        return Ok(Status::Clean);
    }
    let source = SourceText { text: text.clone(), problem: too_large.clone() };
    host.apply(vec![Change::SetSource { path: path.to_path_buf(), source }]);
    let file = host.file_id(path).context("the standard input article did not join its corpus")?;
    let mut fixed = 0;
    let mut status = internal_error_status(&host.snapshot().findings(file));
    if too_large.is_some() && matches!(settings.fix, FixAction::Write(_)) {
        // The text was not kept, so it cannot be echoed: saying nothing on standard output
        // would read as "fixed to nothing".
        eprintln!("dateline: error: standard input is over `max_file_size`: it was not checked or fixed");
        let snapshot = host.snapshot();
        let checked = [one(snapshot.clone(), snapshot.findings(file), fail_on, 0)];
        let reported = emit(settings, &checked, &mut io::stderr().lock(), io::stderr().is_terminal());
        return finish(reported, Status::Error);
    }
    if let FixAction::Write(mode) | FixAction::Diff(mode) = settings.fix {
        let report = fix::fix(&mut host, &[file], mode);
        warn_skipped(&report, &host.snapshot());
        fixed = report.fixed_in_files();
        let snapshot = host.snapshot();
        let fixed_text = snapshot.text(file).unwrap_or(&text);
        if let FixAction::Diff(_) = settings.fix {
            let diffs = [(path.to_path_buf(), text.clone(), fixed_text.to_owned())];
            let written = write_diffs_of(&diffs, &mut stdout).map(|changed| {
                if changed > 0 {
                    status = status.max(failed(settings));
                }
            });
            return finish(written.and_then(|()| stdout.flush()), status);
        }
        // The fixed text is the output; the findings left go to standard error.
        let written = write_text(&mut stdout, bom, fixed_text).and_then(|()| stdout.flush());
        let findings = snapshot.findings(file);
        if findings.iter().any(|f| f.severity >= fail_on) {
            status = status.max(failed(settings));
        }
        let checked = [one(snapshot, findings, fail_on, fixed)];
        let mut stderr = io::stderr().lock();
        let reported = emit(settings, &checked, &mut stderr, io::stderr().is_terminal());
        return finish(written.and(reported), status);
    }
    let snapshot = host.snapshot();
    let findings = snapshot.findings(file);
    if findings.iter().any(|f| f.severity >= fail_on) {
        status = status.max(failed(settings));
    }
    let checked = [one(snapshot, findings, fail_on, fixed)];
    let written = emit(settings, &checked, &mut stdout, io::stdout().is_terminal());
    finish(written.and_then(|()| stdout.flush()), status)
}

fn one(snapshot: Snapshot, findings: Vec<Finding>, fail_on: Severity, fixed: usize) -> Checked {
    let prints = fingerprints(&snapshot, &findings);
    Checked { snapshot, findings, prints, files_checked: 1, fail_on, fixed, diffs: Vec::new(), error: false }
}

fn load(settings: &CheckSettings, config: Config, policy: Policy) -> AnalysisHost {
    load_corpus(settings.progress, config, policy)
}

/// Loads and analyses a corpus, with a progress bar when `progress` allows one (also
/// `dateline eval`'s engine, so it scores exactly what `check` reports).
pub(super) fn load_corpus(progress: bool, config: Config, policy: Policy) -> AnalysisHost {
    let bar = LoadBar::new(progress);
    let host = AnalysisHost::load_with(config, policy, &|progress| bar.report(progress), None);
    bar.finish();
    host
}

/// Findings exist at or above `--fail-on`: exit 1, unless `--exit-zero`.
fn failed(settings: &CheckSettings) -> Status {
    if settings.exit_zero { Status::Clean } else { Status::Failed }
}

/// Prints the findings of every corpus as one report in the chosen format.
fn emit(
    settings: &CheckSettings,
    checked: &[Checked],
    out: &mut dyn Write,
    terminal: bool,
) -> io::Result<()> {
    let mut report = Report::empty(std::env::current_dir().unwrap_or_default());
    for corpus in checked {
        report.add(&corpus.snapshot, &corpus.findings, &corpus.prints, corpus.files_checked);
        report.fixed += corpus.fixed;
    }
    report.unsafe_fixes = settings.unsafe_fixes;
    report.against_baseline = matches!(settings.baseline, Some(BaselineAction::Compare(_)));
    let color = settings.use_color(terminal);
    use OutputFormat::*;
    match (settings.statistics, settings.format) {
        (true, Json) => statistics::write_json(&report, out),
        (true, _) => statistics::write_text(&report, out),
        (false, Full) => full::write(&report, full::Style::Full, color, out),
        (false, Concise) => full::write(&report, full::Style::Concise, color, out),
        (false, Json) => output::json::write(&report, out),
        (false, JsonLines) => output::json_lines::write(&report, out),
        (false, Sarif) => output::sarif::write(&report, out),
        (false, Github) => output::github::write(&report, out),
        (false, Junit) => output::junit::write(&report, out),
        (false, Html) => output::html::write(&report, out),
    }
}

/// Prints each corpus's diffs; returns how many files would change.
fn write_diffs(checked: &[Checked], out: &mut dyn Write) -> io::Result<usize> {
    let mut changed = 0;
    for corpus in checked {
        changed += write_diffs_of(&corpus.diffs, out)?;
    }
    Ok(changed)
}

fn write_diffs_of(diffs: &[(PathBuf, String, String)], out: &mut dyn Write) -> io::Result<usize> {
    let mut changed = 0;
    for (path, original, fixed) in diffs.iter().filter(|(_, original, fixed)| original != fixed) {
        output::diff::write(&display(path), original, fixed, out)?;
        changed += 1;
    }
    Ok(changed)
}

/// Explains fixes that could not be applied (the findings stay in the report).
fn warn_skipped(report: &FixReport, snapshot: &Snapshot) {
    for skipped in &report.skipped {
        let path = snapshot.path(skipped.file).map_or_else(|| "?".to_owned(), display);
        eprintln!(
            "dateline: warning: a `{}` fix in {path} was not applied: {}",
            skipped.code,
            skipped.reason.describe()
        );
    }
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

fn write_text(out: &mut dyn Write, bom: bool, text: &str) -> io::Result<()> {
    if bom {
        out.write_all(BOM)?;
    }
    out.write_all(text.as_bytes())
}

/// The run's status, unless writing the output failed. A closed pipe
/// (`dateline check | head`) is not an error worth a message.
fn finish(written: io::Result<()>, status: Status) -> anyhow::Result<Status> {
    match written {
        Ok(()) => Ok(status),
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => Ok(status),
        Err(err) => Err(err.into()),
    }
}

/// `path` for a message to people: relative when below the current folder, control
/// characters escaped.
fn display(path: &Path) -> String {
    let shown = output::display_path(&std::env::current_dir().unwrap_or_default(), Some(path));
    output::escape::printable(&shown).into_owned()
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}
