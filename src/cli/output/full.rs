//! The human format: `path:line:col: severity[code] message`, then the source lines with
//! the span underlined (annotate-snippets), related places, and the fix if there is one.

use std::io::{self, Write};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::{Located, Report, line_cols};
use crate::checks::{Applicability, Severity};

/// How much to print per finding.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Style {
    /// Header line plus code frame.
    Full,
    /// Header line only.
    Concise,
}

pub fn write(report: &Report<'_>, style: Style, color: bool, out: &mut dyn Write) -> io::Result<()> {
    let renderer = if color { Renderer::styled() } else { Renderer::plain() };
    for located in &report.findings {
        let finding = located.finding;
        writeln!(
            out,
            "{}:{}:{}: {}[{}] {}",
            located.path,
            located.start.line,
            located.start.col,
            finding.severity,
            finding.rule.code,
            finding.message
        )?;
        if style == Style::Concise {
            continue;
        }
        if let Some(frame) = code_frame(report, located, &renderer) {
            writeln!(out, "{frame}")?;
        }
        for related in
            finding.related.iter().filter(|r| r.file != finding.file || !same_frame(report, located, r.span))
        {
            let (start, _) = line_cols(report.snapshot, related.file, related.span);
            writeln!(
                out,
                "  note: {}:{}:{}: {}",
                report.path_of(related.file),
                start.line,
                start.col,
                related.message
            )?;
        }
        if let Some(fix) = &finding.fix {
            let how = match fix.applicability {
                Applicability::Safe => "fix",
                Applicability::Unsafe => "suggestion",
            };
            writeln!(out, "  {how}: {}", fix.title)?;
        }
        writeln!(out)?;
    }
    write_summary(report, out)
}

fn same_frame(report: &Report<'_>, located: &Located<'_>, span: crate::span::Span) -> bool {
    let (start, _) = line_cols(report.snapshot, located.finding.file, span);
    start.line.abs_diff(located.start.line) <= 3
}

/// The lines around the finding with its span (and same-file related spans close by)
/// underlined. Only those lines are handed to the renderer, so a finding in a huge file
/// costs what its lines cost.
fn code_frame(report: &Report<'_>, located: &Located<'_>, renderer: &Renderer) -> Option<String> {
    let source = report.snapshot.source(located.finding.file)?;
    let finding = located.finding;
    let mut first_line = located.start.line as usize - 1;
    let mut last_line = located.end.line as usize - 1;
    let nearby: Vec<_> = finding
        .related
        .iter()
        .filter(|r| r.file == finding.file && same_frame(report, located, r.span))
        .collect();
    for related in &nearby {
        first_line = first_line.min(source.line_index.line_of(related.span.start as usize));
        last_line = last_line.max(source.line_index.line_of(related.span.end as usize));
    }
    let start = source.line_index.line_start(first_line)?;
    let end = source.line_index.line_range(&source.text, last_line)?.end;
    let excerpt = &source.text[start..end];
    let local = |span: crate::span::Span| {
        let from = (span.start as usize).clamp(start, end) - start;
        let to = (span.end as usize).clamp(start, end) - start;
        from..to
    };
    let mut snippet = Snippet::source(excerpt)
        .line_start(first_line + 1)
        .fold(false)
        .annotation(AnnotationKind::Primary.span(local(finding.span)));
    for related in nearby {
        snippet = snippet
            .annotation(AnnotationKind::Context.span(local(related.span)).label(related.message.as_str()));
    }
    let level = match finding.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
        Severity::Hint => Level::NOTE,
    };
    Some(renderer.render(&[Group::with_level(level).element(snippet)]))
}

pub fn write_summary(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    let total = report.findings.len();
    let files = report.files_checked;
    let file_word = if files == 1 { "file" } else { "files" };
    if total == 0 {
        return writeln!(out, "No findings in {files} {file_word}.");
    }
    let mut parts = Vec::new();
    for severity in [Severity::Error, Severity::Warning, Severity::Info, Severity::Hint] {
        let n = report.count(severity);
        if n > 0 {
            let word = match (severity, n) {
                (Severity::Error, 1) => "error",
                (Severity::Error, _) => "errors",
                (Severity::Warning, 1) => "warning",
                (Severity::Warning, _) => "warnings",
                (Severity::Info, _) => "info",
                (Severity::Hint, 1) => "hint",
                (Severity::Hint, _) => "hints",
            };
            parts.push(format!("{n} {word}"));
        }
    }
    let fixable = report
        .findings
        .iter()
        .filter(|l| l.finding.fix.as_ref().is_some_and(|f| f.applicability == Applicability::Safe))
        .count();
    let finding_word = if total == 1 { "finding" } else { "findings" };
    write!(out, "Found {total} {finding_word} ({}) in {files} {file_word}", parts.join(", "))?;
    if fixable > 0 {
        write!(out, "; {fixable} fixable with a safe fix")?;
    }
    writeln!(out, ".")
}
