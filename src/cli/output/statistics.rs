//! `--statistics`: how many findings each check produced, most frequent first, instead of
//! the findings themselves. Text (a table, then the usual summary line) or JSON.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::Report;
use super::full::write_summary;
use crate::checks::{Applicability, Rule};

#[derive(Serialize)]
struct Row {
    code: &'static str,
    count: usize,
    /// How many of them a safe fix (`--fix`) would solve.
    fixable: usize,
    summary: &'static str,
}

fn rows(report: &Report<'_>) -> Vec<Row> {
    let mut by_code: BTreeMap<&'static str, (&'static Rule, usize, usize)> = BTreeMap::new();
    for located in &report.findings {
        let finding = located.finding;
        let entry = by_code.entry(finding.rule.code).or_insert((finding.rule, 0, 0));
        entry.1 += 1;
        if finding.fix.as_ref().is_some_and(|fix| fix.applicability == Applicability::Safe) {
            entry.2 += 1;
        }
    }
    let mut rows: Vec<Row> = by_code
        .into_values()
        .map(|(rule, count, fixable)| Row { code: rule.code, count, fixable, summary: rule.summary })
        .collect();
    // Most frequent first; ties in code order, so the output is stable.
    rows.sort_by(|a, b| b.count.cmp(&a.count).then(a.code.cmp(b.code)));
    rows
}

pub fn write_text(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    let rows = rows(report);
    let count_width = rows.iter().map(|r| r.count.to_string().len()).max().unwrap_or(1);
    let code_width = rows.iter().map(|r| r.code.len()).max().unwrap_or(0);
    for row in &rows {
        let marker = if row.fixable > 0 { "[*]" } else { "   " };
        writeln!(out, "{:>count_width$}  {:<code_width$}  {marker} {}", row.count, row.code, row.summary)?;
    }
    if rows.iter().any(|r| r.fixable > 0) {
        writeln!(out, "[*] fixable with `dateline check --fix`")?;
    }
    write_summary(report, out)
}

pub fn write_json(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &rows(report))?;
    writeln!(out)
}
