//! `dateline check [PATH]...`: index the corpus, print its findings, exit 0 (no errors),
//! 1 (errors) or 2 (usage or configuration error).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use super::output::{self, Report, full};
use crate::analysis::{AnalysisHost, Snapshot};
use crate::checks::{Finding, Severity};
use crate::corpus::Config;
use crate::corpus::config::absolute;

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Files or directories to check (default: the current directory). The corpus is found
    /// by walking up to the nearest `dateline.toml`.
    pub paths: Vec<PathBuf>,
    /// How to print findings.
    #[arg(long, value_enum, default_value_t = OutputFormat::Full)]
    pub output_format: OutputFormat,
    /// Colour: auto (when stdout is a terminal), always, never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// `path:line:col: severity[code] message` with the source lines underlined.
    Full,
    /// One line per finding.
    Concise,
    /// A JSON array of findings.
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

pub fn run(args: CheckArgs) -> ExitCode {
    match check(&args) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("dateline: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn check(args: &CheckArgs) -> anyhow::Result<ExitCode> {
    let paths = if args.paths.is_empty() { vec![PathBuf::from(".")] } else { args.paths.clone() };
    let cwd = std::env::current_dir().unwrap_or_default();
    let mut all: Vec<(Snapshot, Vec<Finding>, usize)> = Vec::new();
    for path in &paths {
        if !path.exists() {
            anyhow::bail!("{}: no such file or directory", path.display());
        }
        let target = absolute(path);
        let config = Config::discover(&target)?;
        for missing in crate::corpus::missing_paths(&config) {
            eprintln!(
                "dateline: warning: corpus folder {} does not exist; nothing is read from it",
                missing.display()
            );
        }
        // Checking the corpus root means the whole corpus, folders outside it included.
        let whole = target == config.root;
        let host = AnalysisHost::load(config);
        let snapshot = host.snapshot();
        let files: Vec<_> = snapshot
            .files()
            .filter(|&f| whole || snapshot.path(f).is_some_and(|p| p.starts_with(&target)))
            .collect();
        let findings: Vec<Finding> = files.iter().flat_map(|&f| snapshot.findings(f)).collect();
        all.push((snapshot, findings, files.len()));
    }
    let mut stdout = std::io::stdout().lock();
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let mut has_error = false;
    let mut json_parts = Vec::new();
    for (snapshot, findings, files_checked) in &all {
        has_error |= findings.iter().any(|f| f.severity >= Severity::Error);
        let report = Report::new(snapshot, findings, *files_checked, cwd.clone());
        let result = match args.output_format {
            OutputFormat::Full => full::write(&report, full::Style::Full, color, &mut stdout),
            OutputFormat::Concise => full::write(&report, full::Style::Concise, color, &mut stdout),
            OutputFormat::Json => {
                let mut buf = Vec::new();
                output::json::write(&report, &mut buf)?;
                json_parts.push(buf);
                Ok(())
            }
        };
        if let Err(err) = result {
            // A closed pipe (`dateline check | head`) is not an error worth a message.
            if err.kind() == std::io::ErrorKind::BrokenPipe {
                return Ok(ExitCode::from(if has_error { 1 } else { 0 }));
            }
            return Err(err.into());
        }
    }
    if args.output_format == OutputFormat::Json {
        write_json_arrays(&json_parts, &mut stdout)?;
    }
    let _ = stdout.flush();
    Ok(ExitCode::from(if has_error { 1 } else { 0 }))
}

/// Several corpora print one array: concatenate their elements.
fn write_json_arrays(parts: &[Vec<u8>], out: &mut dyn Write) -> anyhow::Result<()> {
    if parts.len() == 1 {
        out.write_all(&parts[0])?;
        return Ok(());
    }
    let mut merged: Vec<serde_json::Value> = Vec::new();
    for part in parts {
        let serde_json::Value::Array(items) = serde_json::from_slice(part)? else {
            continue;
        };
        merged.extend(items);
    }
    serde_json::to_writer_pretty(&mut *out, &merged)?;
    writeln!(out)?;
    Ok(())
}
