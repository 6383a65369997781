//! `--output-format sarif`: a SARIF 2.1.0 log for code-scanning dashboards (GitHub code
//! scanning, Azure DevOps, SonarQube...). One run; `tool.driver.rules` lists every check
//! (so a dashboard can show what was checked, not just what fired) with its documentation
//! as help; each result carries its region, related locations and fixes.
//!
//! Decisions:
//! - Columns count Unicode code points, like every other dateline format, and the run says
//!   so (`columnKind: unicodeCodePoints`; SARIF's default would be UTF-16 code units).
//! - Files below the directory `check` ran in get a relative URI against the
//!   `%SRCROOT%` base (what code scanning expects from a run at the repository root);
//!   others get an absolute `file://` URI.
//! - Levels: error -> `error`, warning -> `warning`, info and hint -> `note`.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;

use super::{Located, Report, applicability_str, line_cols};
use crate::analysis::Snapshot;
use crate::checks::registry::RULES;
use crate::checks::{Edit, Rule, Severity};
use crate::corpus::FileId;
use crate::span::Span;

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
const SRCROOT: &str = "%SRCROOT%";
/// The `partialFingerprints` key: versioned, as SARIF asks, so a new scheme is a new key.
const FINGERPRINT: &str = "datelineFingerprint/v1";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    original_uri_base_ids: BTreeMap<&'static str, ArtifactLocation>,
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    rules: Vec<ReportingDescriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor {
    id: &'static str,
    name: String,
    short_description: Message<'static>,
    full_description: OwnedMessage,
    help: MultiformatMessage,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    tags: [&'static str; 1],
}

#[derive(Serialize)]
struct Message<'a> {
    text: &'a str,
}

#[derive(Serialize)]
struct OwnedMessage {
    text: String,
}

#[derive(Serialize)]
struct MultiformatMessage {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Message<'a>,
    locations: [SarifLocation<'a>; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<SarifLocation<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix<'a>>,
    partial_fingerprints: BTreeMap<&'static str, String>,
    /// `new` when the run was compared with a baseline (`--baseline`); absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline_state: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifLocation<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Message<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    start_column: u32,
    end_line: u32,
    end_column: u32,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix<'a> {
    description: Message<'a>,
    artifact_changes: Vec<ArtifactChange<'a>>,
    properties: FixProperties,
}

#[derive(Serialize)]
struct FixProperties {
    /// `safe` (applied by `--fix`) or `unsafe` (needs `--unsafe-fixes`).
    applicability: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange<'a> {
    artifact_location: ArtifactLocation,
    replacements: Vec<Replacement<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement<'a> {
    deleted_region: Region,
    inserted_content: Message<'a>,
}

pub fn write(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    let results = report.findings.iter().map(|located| result(report, located)).collect();
    let mut base_ids = BTreeMap::new();
    base_ids.insert(SRCROOT, ArtifactLocation { uri: directory_uri(&report.base), uri_base_id: None });
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "dateline",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    rules: RULES.iter().map(|rule| descriptor(rule)).collect(),
                },
            },
            original_uri_base_ids: base_ids,
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

fn descriptor(rule: &'static Rule) -> ReportingDescriptor {
    let doc = rule.doc();
    ReportingDescriptor {
        id: rule.code,
        name: pascal_case(rule.code),
        short_description: Message { text: rule.summary },
        full_description: OwnedMessage {
            text: section(&doc, "What it finds").unwrap_or(rule.summary.to_owned()),
        },
        help: MultiformatMessage { text: doc.clone(), markdown: doc },
        default_configuration: Configuration { level: level(rule.severity) },
        properties: RuleProperties { tags: [rule.group()] },
    }
}

fn result<'a>(report: &Report<'_>, located: &'a Located<'_>) -> SarifResult<'a> {
    let finding = located.finding;
    let snapshot = located.snapshot;
    let rule_index = RULES.iter().position(|rule| rule.code == finding.rule.code).unwrap_or(0);
    let related_locations = finding
        .related
        .iter()
        .enumerate()
        .map(|(idx, related)| SarifLocation {
            id: Some(idx),
            physical_location: physical(report, snapshot, related.file, related.span),
            message: Some(Message { text: &related.message }),
        })
        .collect();
    let fixes = finding
        .fix
        .iter()
        .map(|fix| {
            let mut by_file: BTreeMap<FileId, Vec<&Edit>> = BTreeMap::new();
            for edit in &fix.edits {
                by_file.entry(edit.file).or_default().push(edit);
            }
            SarifFix {
                description: Message { text: &fix.title },
                artifact_changes: by_file
                    .into_iter()
                    .map(|(file, edits)| ArtifactChange {
                        artifact_location: artifact(report, snapshot, file),
                        replacements: edits
                            .into_iter()
                            .map(|edit| Replacement {
                                deleted_region: region(snapshot, file, edit.span),
                                inserted_content: Message { text: &edit.replacement },
                            })
                            .collect(),
                    })
                    .collect(),
                properties: FixProperties { applicability: applicability_str(fix.applicability) },
            }
        })
        .collect();
    SarifResult {
        rule_id: finding.rule.code,
        rule_index,
        level: level(finding.severity),
        message: Message { text: &finding.message },
        locations: [SarifLocation {
            id: None,
            physical_location: physical(report, snapshot, finding.file, finding.span),
            message: None,
        }],
        related_locations,
        fixes,
        partial_fingerprints: BTreeMap::from([(FINGERPRINT, located.fingerprint.to_string())]),
        baseline_state: report.against_baseline.then_some("new"),
    }
}

fn physical(report: &Report<'_>, snapshot: &Snapshot, file: FileId, span: Span) -> PhysicalLocation {
    PhysicalLocation {
        artifact_location: artifact(report, snapshot, file),
        region: region(snapshot, file, span),
    }
}

fn region(snapshot: &Snapshot, file: FileId, span: Span) -> Region {
    let (start, end) = line_cols(snapshot, file, span);
    Region { start_line: start.line, start_column: start.col, end_line: end.line, end_column: end.col }
}

fn artifact(report: &Report<'_>, snapshot: &Snapshot, file: FileId) -> ArtifactLocation {
    let Some(path) = snapshot.path(file) else {
        return ArtifactLocation { uri: "unknown".to_owned(), uri_base_id: None };
    };
    match path.strip_prefix(&report.base) {
        Ok(rel) if !rel.as_os_str().is_empty() => {
            ArtifactLocation { uri: encode_path(rel), uri_base_id: Some(SRCROOT) }
        }
        _ => ArtifactLocation { uri: format!("file://{}", encode_path(path)), uri_base_id: None },
    }
}

/// A directory as a `file://` URI with the trailing slash SARIF requires of base ids.
fn directory_uri(dir: &Path) -> String {
    let mut uri = format!("file://{}", encode_path(dir));
    if !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

/// A path as a URI path: `/` separators, everything but unreserved characters
/// percent-encoded (UTF-8).
fn encode_path(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

/// `name/variant` -> `NameVariant`: SARIF's `name` is an identifier, not the id.
fn pascal_case(code: &str) -> String {
    code.split(['/', '-'])
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|first| first.to_uppercase().chain(chars).collect::<String>())
                .unwrap_or_default()
        })
        .collect()
}

/// The text under `## {heading}` in a check's documentation, as one paragraph.
fn section(doc: &str, heading: &str) -> Option<String> {
    let start = doc.find(&format!("## {heading}\n"))? + heading.len() + 4;
    let body = &doc[start..];
    let body = &body[..body.find("\n## ").unwrap_or(body.len())];
    Some(body.split_whitespace().collect::<Vec<_>>().join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_uris_and_sections() {
        assert_eq!(pascal_case("corpus/unknown-kb-link"), "CorpusUnknownKbLink");
        assert_eq!(encode_path(Path::new("/a b/ça#1.md")), "/a%20b/%C3%A7a%231.md");
        assert_eq!(directory_uri(Path::new("/work/c")), "file:///work/c/");
        let doc = "## What it finds\nA name\nwritten wrong.\n\n## Why it matters\nX\n";
        assert_eq!(section(doc, "What it finds").as_deref(), Some("A name written wrong."));
    }
}
