//! Pull diagnostics: `textDocument/diagnostic` (one document) and `workspace/diagnostic`
//! (every corpus file, so the problems panel lists the whole corpus as it does with push),
//! each report with a result id so an unchanged one costs the client nothing.

use std::hash::{Hash, Hasher};

use tower_lsp_server::ls_types::{
    Diagnostic, DocumentDiagnosticParams, DocumentDiagnosticReport, DocumentDiagnosticReportResult,
    FullDocumentDiagnosticReport, RelatedFullDocumentDiagnosticReport,
    RelatedUnchangedDocumentDiagnosticReport, UnchangedDocumentDiagnosticReport, WorkspaceDiagnosticParams,
    WorkspaceDiagnosticReport, WorkspaceDiagnosticReportResult, WorkspaceDocumentDiagnosticReport,
    WorkspaceFullDocumentDiagnosticReport, WorkspaceUnchangedDocumentDiagnosticReport,
};

use crate::analysis::Snapshot;
use crate::corpus::FileId;
use crate::lsp::convert;
use crate::lsp::state::World;

/// One file's diagnostics and their result id.
struct Report {
    result_id: String,
    items: Vec<Diagnostic>,
}

fn report(world: &World, snapshot: &Snapshot, file: FileId) -> Report {
    let converter = world.converter(snapshot);
    let failed = snapshot.path(file).and_then(|path| world.failed.get(path));
    let items: Vec<Diagnostic> = match failed {
        // The findings are of an older text than the client's.
        Some(message) => vec![convert::internal_error(message)],
        None => snapshot.findings(file).iter().filter_map(|f| converter.diagnostic(f)).collect(),
    };
    // The id is a hash of the report: equal ids mean equal diagnostics.
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for item in &items {
        serde_json::to_string(item).unwrap_or_default().hash(&mut hasher);
    }
    Report { result_id: format!("{:016x}", hasher.finish()), items }
}

pub fn pull(world: &World, params: &DocumentDiagnosticParams) -> DocumentDiagnosticReportResult {
    let report = match world.file(&params.text_document.uri) {
        Some((snapshot, file)) => report(world, snapshot, file),
        None => Report { result_id: "0".repeat(16), items: Vec::new() },
    };
    let document = if params.previous_result_id.as_deref() == Some(report.result_id.as_str()) {
        DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
            related_documents: None,
            unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                result_id: report.result_id,
            },
        })
    } else {
        DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
            related_documents: None,
            full_document_diagnostic_report: FullDocumentDiagnosticReport {
                result_id: Some(report.result_id),
                items: report.items,
            },
        })
    };
    DocumentDiagnosticReportResult::Report(document)
}

pub fn pull_workspace(world: &World, params: &WorkspaceDiagnosticParams) -> WorkspaceDiagnosticReportResult {
    let previous: std::collections::HashMap<&str, &str> =
        params.previous_result_ids.iter().map(|p| (p.uri.as_str(), p.value.as_str())).collect();
    let mut items = Vec::new();
    for workspace in world.workspaces.iter() {
        let snapshot = &workspace.snapshot;
        for file in snapshot.files() {
            let Some(path) = snapshot.path(file) else { continue };
            let open = world.open.get(path);
            let Some(uri) = open.map(|(uri, _)| uri.clone()).or_else(|| convert::path_to_uri(path)) else {
                continue;
            };
            let version = open.map(|(_, version)| i64::from(*version));
            let report = report(world, snapshot, file);
            items.push(if previous.get(uri.as_str()) == Some(&report.result_id.as_str()) {
                WorkspaceDocumentDiagnosticReport::Unchanged(WorkspaceUnchangedDocumentDiagnosticReport {
                    uri,
                    version,
                    unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                        result_id: report.result_id,
                    },
                })
            } else {
                WorkspaceDocumentDiagnosticReport::Full(WorkspaceFullDocumentDiagnosticReport {
                    uri,
                    version,
                    full_document_diagnostic_report: FullDocumentDiagnosticReport {
                        result_id: Some(report.result_id),
                        items: report.items,
                    },
                })
            });
        }
    }
    WorkspaceDiagnosticReportResult::Report(WorkspaceDiagnosticReport { items })
}
