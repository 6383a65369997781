//! `textDocument/diagnostic` (pull diagnostics): the findings of one document, with a
//! result id so an unchanged report costs the client nothing.

use std::hash::{Hash, Hasher};

use tower_lsp_server::ls_types::{
    DocumentDiagnosticParams, DocumentDiagnosticReport, DocumentDiagnosticReportResult, FullDocumentDiagnosticReport,
    RelatedFullDocumentDiagnosticReport, RelatedUnchangedDocumentDiagnosticReport, UnchangedDocumentDiagnosticReport,
};

use crate::lsp::state::World;

pub fn pull(world: &World, params: &DocumentDiagnosticParams) -> DocumentDiagnosticReportResult {
    let items = match world.file(&params.text_document.uri) {
        Some((snapshot, file)) => {
            let converter = world.converter(snapshot);
            snapshot.findings(file).iter().filter_map(|f| converter.diagnostic(f)).collect()
        }
        None => Vec::new(),
    };
    // The id is a hash of the report: equal ids mean equal diagnostics.
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for item in &items {
        serde_json::to_string(item).unwrap_or_default().hash(&mut hasher);
    }
    let result_id = format!("{:016x}", hasher.finish());
    let report = if params.previous_result_id.as_deref() == Some(result_id.as_str()) {
        DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
            related_documents: None,
            unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport { result_id },
        })
    } else {
        DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
            related_documents: None,
            full_document_diagnostic_report: FullDocumentDiagnosticReport { result_id: Some(result_id), items },
        })
    };
    DocumentDiagnosticReportResult::Report(report)
}
