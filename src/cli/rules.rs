//! `dateline rules` (every check with its default severity and summary) and
//! `dateline explain CODE` (a check's documentation: the `//!` header of its file, the same
//! text SARIF carries as rule help).

use std::io::{self, Write};
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use serde::Serialize;

use crate::checks::Rule;
use crate::checks::registry::RULES;
use crate::checks::selection::Selector;

#[derive(Args, Debug)]
pub struct RulesArgs {
    /// `text` (a table) or `json` (with each check's documentation).
    #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
    pub output_format: RulesFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Text,
    Json,
}

#[derive(Args, Debug)]
pub struct ExplainArgs {
    /// A check code (`name/variant`), or a group (`name/`) to list its checks.
    pub code: String,
}

#[derive(Serialize)]
struct JsonRule {
    code: &'static str,
    group: &'static str,
    severity: &'static str,
    /// `-`, `safe`, `unsafe`, `safe/unsafe` or `editor` (a code action only).
    fix: &'static str,
    summary: &'static str,
    /// The documentation, as Markdown.
    explanation: String,
}

pub fn rules(args: &RulesArgs) -> ExitCode {
    let mut out = io::stdout().lock();
    let result = match args.output_format {
        RulesFormat::Text => write_table(RULES, &mut out),
        RulesFormat::Json => {
            let rules: Vec<JsonRule> = RULES
                .iter()
                .map(|rule| JsonRule {
                    code: rule.code,
                    group: rule.group(),
                    severity: rule.severity.as_str(),
                    fix: rule.fix.as_str(),
                    summary: rule.summary,
                    explanation: rule.doc(),
                })
                .collect();
            serde_json::to_writer_pretty(&mut out, &rules)
                .map_err(io::Error::from)
                .and_then(|()| writeln!(out))
        }
    };
    finish(result)
}

pub fn explain(args: &ExplainArgs) -> ExitCode {
    let selector = match Selector::parse(&args.code) {
        Ok(selector) => selector,
        Err(err) => {
            eprintln!("dateline: {err}; `dateline rules` lists them all");
            return ExitCode::from(2);
        }
    };
    let rules: Vec<&'static Rule> = selector.rules().collect();
    let mut out = io::stdout().lock();
    let result = match rules.as_slice() {
        [rule] if rule.code == selector.as_str() => write_explanation(rule, &mut out),
        _ => write_table(&rules, &mut out)
            .and_then(|()| writeln!(out, "\n`dateline explain CODE` shows one check's documentation.")),
    };
    finish(result)
}

fn write_explanation(rule: &Rule, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "# {}\n", rule.code)?;
    writeln!(
        out,
        "{} (default severity: {}).\n",
        crate::text::words::capitalize_first(rule.summary),
        rule.severity
    )?;
    write!(out, "{}", rule.doc())
}

fn write_table(rules: &[&Rule], out: &mut dyn Write) -> io::Result<()> {
    let width = rules.iter().map(|r| r.code.len()).max().unwrap_or(4).max(4);
    writeln!(out, "{:<width$}  {:<8}  {:<11}  summary", "code", "severity", "fix")?;
    for rule in rules {
        writeln!(
            out,
            "{:<width$}  {:<8}  {:<11}  {}",
            rule.code,
            rule.severity.as_str(),
            rule.fix.as_str(),
            rule.summary
        )?;
    }
    // The column's words, once.
    writeln!(
        out,
        "\nfix: safe = `--fix` applies it; unsafe = only with `--unsafe-fixes`; editor = a code action in the editor only."
    )
}

/// Exit 0, quietly also when the reader went away (`dateline rules | head`).
fn finish(result: io::Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("dateline: {err}");
            ExitCode::from(2)
        }
    }
}
