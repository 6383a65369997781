//! `--output-format github`: GitHub Actions workflow commands, one line per finding, which
//! the runner turns into annotations on the pull request:
//!
//! ```text
//! ::warning file=articles/a.md,line=14,col=16,endLine=14,endColumn=31,title=name/variant::`Nikol Pashinian` is ...
//! ```
//!
//! Escaping follows the Actions toolkit: in the message `%`, `\r` and `\n` are
//! percent-encoded; in properties `:` and `,` too, as they delimit the command.

use std::io::{self, Write};

use super::Report;
use crate::checks::Severity;

pub fn write(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    for located in &report.findings {
        let finding = located.finding;
        // Actions has three annotation levels.
        let level = match finding.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info | Severity::Hint => "notice",
        };
        writeln!(
            out,
            "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            escape_property(&located.path),
            located.start.line,
            located.start.col,
            located.end.line,
            located.end.col,
            escape_property(finding.rule.code),
            escape_data(&finding.message),
        )?;
    }
    Ok(())
}

/// A command's message: `%`, CR and LF encoded.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// A command's property value: as a message, plus `:` and `,`.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_the_actions_toolkit() {
        assert_eq!(escape_data("100% sure\r\nnext: a,b"), "100%25 sure%0D%0Anext: a,b");
        assert_eq!(escape_property("dir,x/a:b%.md"), "dir%2Cx/a%3Ab%25.md");
    }
}
