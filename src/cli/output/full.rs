//! The human format: `path:line:col: severity[code] message`, then the source lines with
//! the span underlined (annotate-snippets), related places, and the fix if there is one.
//! `concise` is the first line alone. With colour, the header is styled too; its text is
//! the same either way, so tools that parse it (`path:line:col:`) see one shape.

use std::io::{self, Write};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use anstyle::{AnsiColor, Style as Ansi};

use super::escape::{Excerpt, printable};
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
    let paint = Paint(color);
    for located in &report.findings {
        let finding = located.finding;
        writeln!(
            out,
            "{}: {}{} {}",
            paint.apply(
                Ansi::new().bold(),
                &format!("{}:{}:{}", printable(&located.path), located.start.line, located.start.col)
            ),
            paint.apply(severity_style(finding.severity), finding.severity.as_str()),
            paint.apply(Ansi::new().bold(), &format!("[{}]", finding.rule.code)),
            printable(&finding.message)
        )?;
        if style == Style::Concise {
            continue;
        }
        if let Some(frame) = code_frame(located, &renderer) {
            writeln!(out, "{frame}")?;
        }
        for related in
            finding.related.iter().filter(|r| r.file != finding.file || !same_frame(located, r.span))
        {
            let (start, _) = line_cols(located.snapshot, related.file, related.span);
            writeln!(
                out,
                "  {}: {}:{}:{}: {}",
                paint.apply(AnsiColor::Cyan.on_default().bold(), "note"),
                printable(&report.path_of(located.snapshot, related.file)),
                start.line,
                start.col,
                printable(&related.message)
            )?;
        }
        if let Some(fix) = &finding.fix {
            let how = match fix.applicability {
                Applicability::Safe => "fix",
                Applicability::Unsafe => "suggestion",
            };
            writeln!(
                out,
                "  {}: {}",
                paint.apply(AnsiColor::Green.on_default().bold(), how),
                printable(&fix.title)
            )?;
        }
        writeln!(out)?;
    }
    // Before the summary, which stays the last line for whoever reads only that.
    if style == Style::Full {
        write_fix_legend(report, out)?;
    }
    write_summary(report, out)
}

/// Once per run, when `fix:` or `suggestion:` lines were shown: what tells them apart.
fn write_fix_legend(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    let shown = |applicability| report.fixable(applicability) > 0;
    match (shown(Applicability::Safe), shown(Applicability::Unsafe)) {
        (false, false) => Ok(()),
        (true, false) => writeln!(out, "`fix:` lines are safe: `--fix` applies them."),
        (false, true) => writeln!(
            out,
            "`suggestion:` lines need a person's judgement: `--fix --unsafe-fixes` applies them, `--diff --unsafe-fixes` shows them."
        ),
        (true, true) => writeln!(
            out,
            "`fix:` lines are safe: `--fix` applies them. `suggestion:` lines need a person's judgement: only `--fix --unsafe-fixes` applies them."
        ),
    }
}

/// Styles text when colour is on.
#[derive(Clone, Copy)]
struct Paint(bool);

impl Paint {
    fn apply(self, style: Ansi, text: &str) -> String {
        if self.0 { format!("{}{text}{}", style.render(), style.render_reset()) } else { text.to_owned() }
    }
}

fn severity_style(severity: Severity) -> Ansi {
    let color = match severity {
        Severity::Error => AnsiColor::BrightRed,
        Severity::Warning => AnsiColor::BrightYellow,
        Severity::Info => AnsiColor::BrightBlue,
        Severity::Hint => AnsiColor::BrightCyan,
    };
    color.on_default().bold()
}

fn same_frame(located: &Located<'_>, span: crate::span::Span) -> bool {
    let (start, _) = line_cols(located.snapshot, located.finding.file, span);
    start.line.abs_diff(located.start.line) <= 3
}

/// The lines around the finding with its span (and same-file related spans close by)
/// underlined. Only those lines are handed to the renderer, so a finding in a huge file
/// costs what its lines cost.
fn code_frame(located: &Located<'_>, renderer: &Renderer) -> Option<String> {
    let source = located.snapshot.source(located.finding.file)?;
    let finding = located.finding;
    let mut first_line = located.start.line as usize - 1;
    let mut last_line = located.end.line as usize - 1;
    let nearby: Vec<_> =
        finding.related.iter().filter(|r| r.file == finding.file && same_frame(located, r.span)).collect();
    for related in &nearby {
        first_line = first_line.min(source.line_index.line_of(related.span.start as usize));
        last_line = last_line.max(source.line_index.line_of(related.span.end as usize));
    }
    let start = source.line_index.line_start(first_line)?;
    let end = source.line_index.line_range(&source.text, last_line)?.end;
    // Control characters are escaped (the renderer would pass some, such as C1 controls,
    // through raw), and the spans moved to match.
    let excerpt = Excerpt::new(&source.text[start..end]);
    let local = |span: crate::span::Span| {
        let from = (span.start as usize).clamp(start, end) - start;
        let to = (span.end as usize).clamp(start, end) - start;
        excerpt.offset(from)..excerpt.offset(to)
    };
    let labels: Vec<_> = nearby.iter().map(|related| printable(&related.message)).collect();
    let mut snippet = Snippet::source(&*excerpt.text)
        .line_start(first_line + 1)
        .fold(false)
        .annotation(AnnotationKind::Primary.span(local(finding.span)));
    for (related, label) in nearby.iter().zip(&labels) {
        snippet = snippet.annotation(AnnotationKind::Context.span(local(related.span)).label(&**label));
    }
    let level = match finding.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
        Severity::Hint => Level::NOTE,
    };
    Some(renderer.render(&[Group::with_level(level).element(snippet)]))
}

/// The closing line: counts by severity, and what `--fix` could do. After `--fix`, a line
/// before it says what was fixed.
pub fn write_summary(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    if report.fixed > 0 {
        writeln!(out, "Fixed {}.", plural(report.fixed, "finding", "findings"))?;
    }
    let total = report.findings.len();
    let files = report.files_checked;
    let file_word = if files == 1 { "file" } else { "files" };
    // Against a baseline every finding shown is new, and "no findings" would hide the known.
    let new = if report.against_baseline { "new " } else { "" };
    if total == 0 {
        return writeln!(out, "No {new}findings in {files} {file_word}.");
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
    let safe = report.fixable(Applicability::Safe);
    let unsafe_ = report.fixable(Applicability::Unsafe);
    let finding_word = if total == 1 { "finding" } else { "findings" };
    write!(out, "Found {total} {new}{finding_word} ({}) in {files} {file_word}", parts.join(", "))?;
    match (safe, unsafe_, report.unsafe_fixes) {
        (0, 0, _) => {}
        (safe, unsafe_, true) => write!(out, "; {} fixable with `--fix --unsafe-fixes`", safe + unsafe_)?,
        (0, unsafe_, false) => write!(out, "; {unsafe_} fixable with `--unsafe-fixes`")?,
        (safe, 0, false) => write!(out, "; {safe} fixable with a safe fix")?,
        (safe, unsafe_, false) => {
            write!(out, "; {safe} fixable with a safe fix, {unsafe_} more with `--unsafe-fixes`")?
        }
    }
    writeln!(out, ".")
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
