//! `--output-format json`: one JSON array of findings, positions 1-based (columns count
//! Unicode scalar values), stable field names.

use std::io::{self, Write};

use serde::Serialize;

use super::{Report, line_cols};
use crate::checks::Applicability;

#[derive(Serialize)]
struct JsonFinding<'a> {
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
    related: Vec<JsonRelated>,
    fix: Option<JsonFix>,
}

#[derive(Serialize)]
struct JsonRelated {
    path: String,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    message: String,
}

#[derive(Serialize)]
struct JsonFix {
    title: String,
    applicability: &'static str,
    edits: Vec<JsonEdit>,
}

#[derive(Serialize)]
struct JsonEdit {
    path: String,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    content: String,
}

pub fn write(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    let findings: Vec<JsonFinding<'_>> = report
        .findings
        .iter()
        .map(|located| {
            let finding = located.finding;
            let related = finding
                .related
                .iter()
                .map(|r| {
                    let (start, end) = line_cols(report.snapshot, r.file, r.span);
                    JsonRelated {
                        path: report.path_of(r.file),
                        line: start.line,
                        column: start.col,
                        end_line: end.line,
                        end_column: end.col,
                        message: r.message.clone(),
                    }
                })
                .collect();
            let fix = finding.fix.as_ref().map(|fix| JsonFix {
                title: fix.title.clone(),
                applicability: match fix.applicability {
                    Applicability::Safe => "safe",
                    Applicability::Unsafe => "unsafe",
                },
                edits: fix
                    .edits
                    .iter()
                    .map(|edit| {
                        let (start, end) = line_cols(report.snapshot, edit.file, edit.span);
                        JsonEdit {
                            path: report.path_of(edit.file),
                            line: start.line,
                            column: start.col,
                            end_line: end.line,
                            end_column: end.col,
                            content: edit.replacement.clone(),
                        }
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
            }
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &findings)?;
    writeln!(out)
}
