//! `--output-format json`: one JSON array of findings, positions 1-based (columns count
//! Unicode scalar values), stable field names. [`JsonFinding`] is also the line of
//! `json-lines`.

use std::io::{self, Write};

use serde::Serialize;

use super::{Located, Location, Report, applicability_str};

#[derive(Serialize)]
pub struct JsonFinding<'a> {
    path: &'a str,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    /// Byte offsets into the file, for tools that prefer them.
    offset: u32,
    end_offset: u32,
    severity: &'static str,
    code: &'static str,
    message: &'a str,
    related: Vec<JsonRelated<'a>>,
    fix: Option<JsonFix<'a>>,
    /// Identity across edits elsewhere in the file (what `--baseline` matches).
    fingerprint: String,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    #[serde(flatten)]
    at: JsonSpan,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    title: &'a str,
    applicability: &'static str,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    #[serde(flatten)]
    at: JsonSpan,
    content: &'a str,
}

#[derive(Serialize)]
struct JsonSpan {
    path: String,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
}

impl From<Location> for JsonSpan {
    fn from(at: Location) -> JsonSpan {
        JsonSpan {
            path: at.path,
            line: at.start.line,
            column: at.start.col,
            end_line: at.end.line,
            end_column: at.end.col,
        }
    }
}

impl<'a> JsonFinding<'a> {
    pub fn new(report: &Report<'_>, located: &'a Located<'_>) -> JsonFinding<'a> {
        let finding = located.finding;
        let snapshot = located.snapshot;
        let related = finding
            .related
            .iter()
            .map(|r| JsonRelated {
                at: report.location(snapshot, r.file, r.span).into(),
                message: &r.message,
            })
            .collect();
        let fix = finding.fix.as_ref().map(|fix| JsonFix {
            title: &fix.title,
            applicability: applicability_str(fix.applicability),
            edits: fix
                .edits
                .iter()
                .map(|edit| JsonEdit {
                    at: report.location(snapshot, edit.file, edit.span).into(),
                    content: &edit.replacement,
                })
                .collect(),
        });
        JsonFinding {
            path: &located.path,
            line: located.start.line,
            column: located.start.col,
            end_line: located.end.line,
            end_column: located.end.col,
            offset: finding.span.start,
            end_offset: finding.span.end,
            severity: finding.severity.as_str(),
            code: finding.rule.code,
            message: &finding.message,
            related,
            fix,
            fingerprint: located.fingerprint.to_string(),
        }
    }
}

pub fn write(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    let findings: Vec<JsonFinding<'_>> =
        report.findings.iter().map(|l| JsonFinding::new(report, l)).collect();
    serde_json::to_writer_pretty(&mut *out, &findings)?;
    writeln!(out)
}
