//! `--output-format junit`: JUnit XML for CI test reports (GitLab, Jenkins, Azure). As in
//! ruff, each file with findings is a `<testsuite>` and each finding a failed `<testcase>`
//! named after its code; a clean run is one passing test case, so the report is never
//! empty. The `<failure>` carries the message, its `type` the severity, and its body the
//! position; `file`, `line` and `column` attributes let GitLab link to the place.

use std::io::{self, Write};

use super::{Located, Report};

pub fn write(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    let total = report.findings.len();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<testsuites name="dateline" tests="{}" failures="{total}" errors="0">"#, total.max(1))?;
    if total == 0 {
        writeln!(out, r#"  <testsuite name="dateline" tests="1" failures="0" errors="0" skipped="0">"#)?;
        writeln!(out, r#"    <testcase name="no findings" classname="dateline"/>"#)?;
        writeln!(out, "  </testsuite>")?;
    }
    for group in report.findings.chunk_by(|a, b| a.path == b.path) {
        let path = escape(&group[0].path);
        let n = group.len();
        writeln!(out, r#"  <testsuite name="{path}" tests="{n}" failures="{n}" errors="0" skipped="0">"#)?;
        for located in group {
            write_case(located, out)?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}

fn write_case(located: &Located<'_>, out: &mut dyn Write) -> io::Result<()> {
    let finding = located.finding;
    let path = escape(&located.path);
    // `articles/a.md` -> `articles/a`: test report viewers group by class name.
    let classname = escape(located.path.rsplit_once('.').map_or(located.path.as_str(), |(stem, _)| stem));
    let message = escape(&finding.message);
    let (line, col) = (located.start.line, located.start.col);
    writeln!(
        out,
        r#"    <testcase name="dateline.{code}" classname="{classname}" file="{path}" line="{line}" column="{col}">"#,
        code = escape(finding.rule.code),
    )?;
    writeln!(
        out,
        r#"      <failure type="{severity}" message="{message}">{path}:{line}:{col}: {message}</failure>"#,
        severity = finding.severity,
    )?;
    writeln!(out, "    </testcase>")
}

/// Text for XML attributes and content. Characters XML 1.0 cannot hold at all (most C0
/// controls) become U+FFFD rather than an unreadable report.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escaping_keeps_the_xml_well_formed() {
        assert_eq!(escape(r#"`a` <b> & "c" 'd'"#), "`a` &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;");
        assert_eq!(escape("x\u{1}y\nz"), "x\u{FFFD}y&#10;z");
    }
}
