//! `dateline eval [CORPUS] [--labels FILE]`: run the same engine as `check` on a labelled
//! corpus and score its warnings and errors against the labels (`EXPECTED.toml`): per
//! check, hits, false alarms and unlabelled findings with precision; recall of the `must`
//! labels; then the misses, the false alarms and the unlabelled findings to judge by hand.
//! The rule is in [`crate::eval`].
//!
//! It is a report: exit 0 whatever the score, 2 when it cannot score (no corpus, a broken
//! labels file, a label whose text is not in its article).

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use serde::Serialize;

use super::output::json::JsonFinding;
use super::output::{Located, Location, Report, display_path};
use crate::analysis::Snapshot;
use crate::checks::Finding;
use crate::corpus::config::{absolute, normalize};
use crate::eval::labels::{self, Article};
use crate::eval::sha256::sha256_hex;
use crate::eval::{self, CheckRow, Label, Labels, LabelsError, MustOutcome, RecallRow, Score, Verdict};
use crate::span::LineIndex;

#[derive(Args, Debug)]
pub struct EvalArgs {
    /// A folder of the labelled corpus (default: the current folder). The whole corpus it
    /// belongs to (the nearest `dateline.toml` at or above it) is checked, with its config.
    pub corpus: Option<PathBuf>,
    /// The labels file (default: `EXPECTED.toml` at the corpus root). Label `file`s are
    /// relative to its folder.
    #[arg(long, value_name = "FILE")]
    pub labels: Option<PathBuf>,
    /// How to print the score.
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = EvalFormat::Text)]
    pub output_format: EvalFormat,
    /// Leave out the labels of articles that do not exist (a corpus rebuilt from a
    /// manifest where some pages could not be found), listing them, instead of stopping.
    #[arg(long)]
    pub skip_missing: bool,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum EvalFormat {
    /// Tables, then the misses, false alarms and unlabelled findings.
    #[default]
    Text,
    /// One JSON object, for scripts.
    Json,
}

pub fn run(args: EvalArgs) -> ExitCode {
    match evaluate(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("dateline: error: {err:#}");
            ExitCode::from(2)
        }
    }
}

/// The labels file as read, with what names it.
struct LabelsFile {
    path: PathBuf,
    text: String,
    sha256: String,
    labels: Labels,
}

impl LabelsFile {
    fn read(path: &Path) -> anyhow::Result<LabelsFile> {
        let bytes = std::fs::read(path)
            .map_err(|err| anyhow::anyhow!("cannot read labels {}: {err}", shown(path)))?;
        let sha256 = sha256_hex(&bytes);
        let text = String::from_utf8(bytes).map_err(|err| {
            anyhow::anyhow!(
                "labels {} are not UTF-8 (at byte {})",
                shown(path),
                err.utf8_error().valid_up_to()
            )
        })?;
        // A byte-order mark is not TOML; editors do not count it as a column either.
        let text = match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_owned(),
            None => text,
        };
        let labels = labels::parse(&text);
        let mut file = LabelsFile { path: path.to_path_buf(), text, sha256, labels: Labels::default() };
        file.labels = labels.map_err(|err| file.error(&err))?;
        for (span, warning) in &file.labels.warnings {
            eprintln!("dateline: warning: {}: {warning}", file.place(span.start as usize));
        }
        Ok(file)
    }

    /// `path:line:col` of a byte offset in the labels file.
    fn place(&self, offset: usize) -> String {
        let at = LineIndex::new(&self.text).line_col(&self.text, offset);
        format!("{}:{}:{}", shown(&self.path), at.line, at.col)
    }

    fn error(&self, err: &LabelsError) -> anyhow::Error {
        match err.span {
            Some(span) => anyhow::anyhow!("{}: {}", self.place(span.start as usize), err.message),
            None => anyhow::anyhow!("{}: {}", shown(&self.path), err.message),
        }
    }

    fn folder(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new("."))
    }
}

fn evaluate(args: &EvalArgs) -> anyhow::Result<()> {
    let corpus = absolute(args.corpus.as_deref().unwrap_or(Path::new(".")));
    if !corpus.exists() {
        anyhow::bail!("{}: no such file or directory", shown(&corpus));
    }
    let (config, policy) = crate::analysis::open_one(&corpus)?;
    let labels_path = match &args.labels {
        Some(path) => absolute(path),
        None => config.root.join("EXPECTED.toml"),
    };
    if !labels_path.is_file() {
        anyhow::bail!(
            "no labels at {}{}",
            shown(&labels_path),
            if args.labels.is_none() { " (give the labels file with --labels)" } else { "" }
        );
    }
    let mut expected = LabelsFile::read(&labels_path)?;
    if args.skip_missing {
        skip_missing(&mut expected);
    }
    let host = super::check::load_corpus(io::stderr().is_terminal(), config, policy);
    let snapshot = host.snapshot();
    let placed = labels::place(&expected.labels, |file| {
        let path = normalize(&expected.folder().join(file));
        match snapshot.file_id(&path).and_then(|id| Some((id, snapshot.text(id)?))) {
            Some((id, text)) => Article::Found(id, text),
            None if path.exists() => Article::Missing(format!(
                "{} is not a file of the corpus at {} (see `include` in its dateline.toml)",
                shown(&path),
                shown(&snapshot.config().root)
            )),
            None => Article::Missing(format!("{}: no such file", shown(&path))),
        }
    })
    .map_err(|err| expected.error(&err))?;
    let findings = snapshot.all_findings();
    let score = eval::score(&expected.labels.labels, &placed, &findings);
    let base = std::env::current_dir().unwrap_or_default();
    let report = Report::new(&snapshot, &findings, snapshot.files().count(), base);
    let run = Run { snapshot: &snapshot, labels: &expected, placed: &placed, report: &report, score: &score };
    let mut stdout = io::stdout().lock();
    let written = match args.output_format {
        EvalFormat::Text => run.write_text(&mut stdout),
        EvalFormat::Json => run.write_json(&mut stdout),
    };
    match written.and_then(|()| stdout.flush()) {
        Err(err) if err.kind() != io::ErrorKind::BrokenPipe => Err(err.into()),
        _ => Ok(()),
    }
}

/// Drops the labels whose article is absent or no longer holds the labelled text (a
/// corpus rebuilt from a manifest, where a page was not found or was found in another
/// version), and says which on stderr.
fn skip_missing(expected: &mut LabelsFile) {
    let folder = expected.folder().to_path_buf();
    let mut texts: std::collections::BTreeMap<String, Option<String>> = Default::default();
    let mut left_out: Vec<String> = Vec::new();
    expected.labels.labels.retain(|label| {
        let text = texts
            .entry(label.file.clone())
            .or_insert_with(|| std::fs::read_to_string(folder.join(&label.file)).ok());
        let why = match text {
            None => "absent",
            Some(text) if labels::occurrences(text, &label.text).is_empty() => "text not found",
            Some(_) => return true,
        };
        left_out.push(format!("{} `{}` ({why})", label.file, label.text));
        false
    });
    if !left_out.is_empty() {
        eprintln!("dateline: left out {} labels (--skip-missing):", left_out.len());
        for label in left_out {
            eprintln!("  {label}");
        }
    }
}

/// Everything one printout needs.
struct Run<'a> {
    snapshot: &'a Snapshot,
    labels: &'a LabelsFile,
    placed: &'a [eval::Placed],
    /// Parallel to the findings scored: their paths and positions.
    report: &'a Report<'a>,
    score: &'a Score,
}

/// The commit dateline was built from, when the build said (`DATELINE_GIT_COMMIT`).
const COMMIT: Option<&str> = option_env!("DATELINE_GIT_COMMIT");

impl Run<'_> {
    fn located(&self, finding: usize) -> &Located<'_> {
        &self.report.findings[finding]
    }

    fn label(&self, index: usize) -> &Label {
        &self.labels.labels.labels[index]
    }

    /// Where a label's first occurrence is.
    fn label_location(&self, index: usize) -> Location {
        let placed = &self.placed[index];
        self.report.location(self.snapshot, placed.file, placed.occurrences[0])
    }

    /// `path:line:col` of a label's first occurrence.
    fn label_place(&self, index: usize) -> String {
        let at = self.label_location(index);
        format!("{}:{}:{}", at.path, at.start.line, at.start.col)
    }

    /// The distinct codes of the findings that found a must.
    fn codes(&self, outcome: &MustOutcome) -> Vec<&'static str> {
        let mut codes: Vec<&'static str> =
            outcome.found_by.iter().map(|&f| self.located(f).finding.rule.code).collect();
        codes.sort_unstable();
        codes.dedup();
        codes
    }

    fn articles(&self) -> usize {
        self.snapshot.articles().count()
    }

    fn write_text(&self, out: &mut dyn Write) -> io::Result<()> {
        let score = self.score;
        let labels = &self.labels.labels;
        writeln!(
            out,
            "Scored {} ({} articles) against {} ({} must, {} ok; sha256 {})",
            shown(&self.snapshot.config().root),
            self.articles(),
            shown(&self.labels.path),
            labels.musts(),
            labels.oks(),
            self.labels.sha256,
        )?;
        writeln!(
            out,
            "dateline {}{}",
            env!("CARGO_PKG_VERSION"),
            COMMIT.map(|c| format!(" (commit {c})")).unwrap_or_default()
        )?;
        writeln!(out)?;
        writeln!(out, "Warnings and errors per check:")?;
        let mut table =
            Table::new(&["check", "loud", "hits", "musts", "false", "unlabelled", "precision", "floor"]);
        for row in score.checks.iter().chain([&score.total]) {
            table.row(check_cells(row));
        }
        table.write(out)?;
        writeln!(out)?;
        writeln!(out, "Musts found, by expected code:")?;
        let mut table = Table::new(&["expected", "musts", "found", "code ok", "missed", "recall"]);
        for row in score.recall.iter().chain([&score.recall_total]) {
            let code = if std::ptr::eq(row, &score.recall_total) {
                "all"
            } else {
                row.code.as_deref().unwrap_or("any")
            };
            table.row(recall_cells(code, row));
        }
        table.write(out)?;
        writeln!(out)?;
        writeln!(out, "Ok passages flagged: {} of {}", score.oks_flagged.len(), score.oks)?;
        writeln!(
            out,
            "Overall: precision {} (floor {}), recall {} ({} of {} musts; {} with the expected code)",
            fraction(score.total.precision()),
            fraction(score.total.precision_floor()),
            fraction(score.recall_total.recall()),
            score.recall_total.found,
            score.recall_total.musts,
            score.recall_total.code_matched,
        )?;

        writeln!(out)?;
        writeln!(out, "Musts ({}):", score.musts.len())?;
        for outcome in &score.musts {
            let label = self.label(outcome.label);
            let expected = label.code().map(|c| format!(" (expected {c})")).unwrap_or_default();
            if outcome.found() {
                let codes = self.codes(outcome);
                let mark = if outcome.code_matched { "found " } else { "found*" };
                writeln!(
                    out,
                    "  {mark} {} `{}` by {}{}",
                    self.label_place(outcome.label),
                    label.text,
                    codes.join(", "),
                    if outcome.code_matched { String::new() } else { expected }
                )?;
            } else {
                writeln!(
                    out,
                    "  MISSED {} `{}`{expected}: {}",
                    self.label_place(outcome.label),
                    label.text,
                    label.why
                )?;
            }
        }
        if score.musts.iter().any(|m| m.found() && !m.code_matched) {
            writeln!(out, "  (found* = found, but by no check with the expected code)")?;
        }

        let false_alarms: Vec<_> = self.with_verdict(|v| matches!(v, Verdict::FalseAlarm(_))).collect();
        writeln!(out)?;
        writeln!(out, "False alarms ({}):", false_alarms.len())?;
        for judged in &false_alarms {
            self.write_finding(judged.finding, out)?;
            if let Verdict::FalseAlarm(oks) = &judged.verdict {
                for &ok in oks {
                    let label = self.label(ok);
                    writeln!(out, "      ok `{}`: {}", label.text, label.why)?;
                }
            }
        }
        let unlabelled: Vec<_> = self.with_verdict(|v| *v == Verdict::Unlabelled).collect();
        writeln!(out)?;
        writeln!(out, "Unlabelled warnings and errors, to judge by hand ({}):", unlabelled.len())?;
        for judged in &unlabelled {
            self.write_finding(judged.finding, out)?;
        }
        Ok(())
    }

    fn with_verdict(&self, keep: impl Fn(&Verdict) -> bool) -> impl Iterator<Item = &eval::Judged> {
        self.score.judged.iter().filter(move |j| keep(&j.verdict))
    }

    fn write_finding(&self, finding: usize, out: &mut dyn Write) -> io::Result<()> {
        let located = self.located(finding);
        let finding: &Finding = located.finding;
        writeln!(
            out,
            "  {}:{}:{}: {}[{}] {}",
            located.path,
            located.start.line,
            located.start.col,
            finding.severity,
            finding.rule.code,
            finding.message
        )
    }

    fn write_json(&self, out: &mut dyn Write) -> io::Result<()> {
        let score = self.score;
        let json_label = |index: usize| {
            let label = self.label(index);
            let at = self.label_location(index);
            JsonLabel {
                path: at.path,
                line: at.start.line,
                column: at.start.col,
                text: &label.text,
                code: label.code(),
                why: &label.why,
            }
        };
        let judged = |verdict: fn(&Verdict) -> Option<&Vec<usize>>| -> Vec<JsonJudged<'_>> {
            self.score
                .judged
                .iter()
                .filter_map(|j| {
                    let labels = verdict(&j.verdict)?;
                    Some(JsonJudged {
                        finding: JsonFinding::new(self.report, self.located(j.finding)),
                        labels: labels.iter().map(|&l| json_label(l)).collect(),
                    })
                })
                .collect()
        };
        let json = JsonEval {
            corpus: shown(&self.snapshot.config().root),
            articles: self.articles(),
            labels: JsonLabelsFile {
                path: shown(&self.labels.path),
                sha256: &self.labels.sha256,
                must: self.labels.labels.musts(),
                ok: self.labels.labels.oks(),
            },
            version: env!("CARGO_PKG_VERSION"),
            commit: COMMIT,
            checks: score.checks.iter().map(JsonCheck::from).collect(),
            total: JsonCheck::from(&score.total),
            recall: score.recall.iter().map(JsonRecall::from).collect(),
            recall_total: JsonRecall::from(&score.recall_total),
            oks_flagged: score.oks_flagged.len(),
            musts: score
                .musts
                .iter()
                .map(|outcome| JsonMust {
                    label: json_label(outcome.label),
                    found: outcome.found(),
                    code_matched: outcome.code_matched,
                    found_by: self.codes(outcome),
                })
                .collect(),
            hits: judged(|v| if let Verdict::Hit(l) = v { Some(l) } else { None }),
            false_alarms: judged(|v| if let Verdict::FalseAlarm(l) = v { Some(l) } else { None }),
            unlabelled: self
                .with_verdict(|v| *v == Verdict::Unlabelled)
                .map(|j| JsonFinding::new(self.report, self.located(j.finding)))
                .collect(),
        };
        serde_json::to_writer_pretty(&mut *out, &json)?;
        writeln!(out)
    }
}

#[derive(Serialize)]
struct JsonEval<'a> {
    corpus: String,
    articles: usize,
    labels: JsonLabelsFile<'a>,
    version: &'static str,
    /// The commit dateline was built from, when known.
    commit: Option<&'static str>,
    checks: Vec<JsonCheck>,
    total: JsonCheck,
    recall: Vec<JsonRecall>,
    recall_total: JsonRecall,
    oks_flagged: usize,
    musts: Vec<JsonMust<'a>>,
    hits: Vec<JsonJudged<'a>>,
    false_alarms: Vec<JsonJudged<'a>>,
    unlabelled: Vec<JsonFinding<'a>>,
}

#[derive(Serialize)]
struct JsonLabelsFile<'a> {
    path: String,
    sha256: &'a str,
    must: usize,
    ok: usize,
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    /// Where the first occurrence is.
    path: String,
    line: u32,
    column: u32,
    text: &'a str,
    code: Option<&'a str>,
    why: &'a str,
}

#[derive(Serialize)]
struct JsonMust<'a> {
    #[serde(flatten)]
    label: JsonLabel<'a>,
    found: bool,
    code_matched: bool,
    found_by: Vec<&'static str>,
}

#[derive(Serialize)]
struct JsonJudged<'a> {
    #[serde(flatten)]
    finding: JsonFinding<'a>,
    /// The labels it covers.
    labels: Vec<JsonLabel<'a>>,
}

#[derive(Serialize)]
struct JsonCheck {
    code: &'static str,
    loud: usize,
    hits: usize,
    musts_found: usize,
    false_alarms: usize,
    unlabelled: usize,
    precision: Option<f64>,
    precision_floor: Option<f64>,
}

impl From<&CheckRow> for JsonCheck {
    fn from(row: &CheckRow) -> JsonCheck {
        JsonCheck {
            code: row.code,
            loud: row.loud,
            hits: row.hits,
            musts_found: row.musts_found,
            false_alarms: row.false_alarms,
            unlabelled: row.unlabelled,
            precision: row.precision(),
            precision_floor: row.precision_floor(),
        }
    }
}

#[derive(Serialize)]
struct JsonRecall {
    code: Option<String>,
    musts: usize,
    found: usize,
    code_matched: usize,
    missed: usize,
    recall: Option<f64>,
}

impl From<&RecallRow> for JsonRecall {
    fn from(row: &RecallRow) -> JsonRecall {
        JsonRecall {
            code: row.code.clone(),
            musts: row.musts,
            found: row.found,
            code_matched: row.code_matched,
            missed: row.missed(),
            recall: row.recall(),
        }
    }
}

fn check_cells(row: &CheckRow) -> Vec<String> {
    vec![
        row.code.to_owned(),
        row.loud.to_string(),
        row.hits.to_string(),
        row.musts_found.to_string(),
        row.false_alarms.to_string(),
        row.unlabelled.to_string(),
        fraction(row.precision()),
        fraction(row.precision_floor()),
    ]
}

fn recall_cells(code: &str, row: &RecallRow) -> Vec<String> {
    vec![
        code.to_owned(),
        row.musts.to_string(),
        row.found.to_string(),
        row.code_matched.to_string(),
        row.missed().to_string(),
        fraction(row.recall()),
    ]
}

/// Two decimals, or `-` when there is nothing to divide by.
fn fraction(value: Option<f64>) -> String {
    value.map_or_else(|| "-".to_owned(), |v| format!("{v:.2}"))
}

/// A plain text table: the first column left-aligned, numbers right-aligned.
struct Table {
    rows: Vec<Vec<String>>,
}

impl Table {
    fn new(header: &[&str]) -> Table {
        Table { rows: vec![header.iter().map(|h| (*h).to_owned()).collect()] }
    }

    fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        let columns = self.rows[0].len();
        let widths: Vec<usize> =
            (0..columns).map(|c| self.rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0)).collect();
        for row in &self.rows {
            let mut line = format!("  {:<width$}", row[0], width = widths[0]);
            for (cell, width) in row.iter().zip(&widths).skip(1) {
                line.push_str(&format!("  {cell:>width$}"));
            }
            writeln!(out, "{}", line.trim_end())?;
        }
        Ok(())
    }
}

/// `path` as the other commands show it; the current folder itself as `.`.
fn shown(path: &Path) -> String {
    let here = std::env::current_dir().unwrap_or_default();
    if path == here { ".".to_owned() } else { display_path(&here, Some(path)) }
}
