//! `--output-format json-lines`: one JSON object per line, the same object as an element of
//! `json`, so a consumer can stream a large corpus without holding one big array.

use std::io::{self, Write};

use super::Report;
use super::json::JsonFinding;

pub fn write(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    for located in &report.findings {
        serde_json::to_writer(&mut *out, &JsonFinding::new(report, located))?;
        writeln!(out)?;
    }
    Ok(())
}
