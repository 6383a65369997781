//! Incremental edits: a finding appears and disappears, with document versions.

use serde_json::json;

use crate::support::TempCorpus;
use crate::support::lsp::{Client, position_of, uri};

#[test]
fn an_edit_adds_and_then_removes_a_finding() {
    let corpus = TempCorpus::copy_of("corpus");
    let path = corpus.path("articles/2020-11-10-ceasefire.md");
    let mut client = Client::start(corpus.root());
    client.initialize(corpus.root(), json!({}));
    let doc = client.open(&path, "markdown");
    assert!(client.diagnostics(&doc, Some(1)).is_empty());

    let text = std::fs::read_to_string(&path).unwrap();
    let start = position_of(&text, "Pashinyan said", 0, false);
    let end = json!({"line": start["line"], "character": start["character"].as_u64().unwrap() + "Pashinyan".len() as u64});
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": doc, "version": 2}, "contentChanges": [{"range": {"start": start, "end": end}, "text": "Pashinian"}]}),
    );
    let added = client.diagnostics(&doc, Some(2));
    assert_eq!(added.len(), 1, "{added:?}");
    assert_eq!(added[0]["code"], "name/variant");
    // The name is wrapped across two lines in the source; the finding covers all of it.
    assert_eq!(added[0]["range"]["start"], position_of(&text, "Nikol\nPashinyan", 0, false));
    assert_eq!(added[0]["range"]["end"]["line"], start["line"]);

    // A request right after an edit sees the edit.
    let hover = client.call("textDocument/hover", json!({"textDocument": {"uri": doc}, "position": start}));
    assert!(hover["contents"]["value"].as_str().unwrap().starts_with("**Nikol Pashinyan**"));

    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": doc, "version": 3}, "contentChanges": [{"range": {"start": start, "end": end}, "text": "Pashinyan"}]}),
    );
    assert!(client.diagnostics(&doc, Some(3)).is_empty());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text, "the server never writes the user's file");
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn a_burst_of_edits_publishes_only_the_latest_version_last() {
    let corpus = TempCorpus::copy_of("corpus");
    let path = corpus.path("articles/2021-01-11-moscow-meeting.md");
    let mut client = Client::start(corpus.root());
    client.initialize(corpus.root(), json!({}));
    let doc = client.open(&path, "markdown");
    let text = std::fs::read_to_string(&path).unwrap();
    let pos = position_of(&text, "Nikol Pashinyan", 0, false);
    for version in 2..=30 {
        // Alternate between the variant and the canonical form, ending on the variant.
        let replacement = if version % 2 == 0 { "Nikol Pashinian" } else { "Nikol Pashinyan" };
        let end = json!({"line": pos["line"], "character": pos["character"].as_u64().unwrap() + 15});
        client.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": doc, "version": version}, "contentChanges": [{"range": {"start": pos, "end": end}, "text": replacement}]}),
        );
    }
    let last = client.diagnostics(&doc, Some(30));
    assert_eq!(last.len(), 1);
    let later = client.drain(std::time::Duration::from_millis(300));
    let stale: Vec<_> = later
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == doc)
        .collect();
    assert!(stale.is_empty(), "published after the newest version: {stale:?}");
}

#[test]
fn closing_a_document_reverts_to_the_disk() {
    let corpus = TempCorpus::copy_of("corpus");
    let path = corpus.path("articles/2020-11-10-ceasefire.md");
    let mut client = Client::start(corpus.root());
    client.initialize(corpus.root(), json!({}));
    let doc = client.open(&path, "markdown");
    client.diagnostics(&doc, Some(1));
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": doc, "version": 2}, "contentChanges": [{"text": "---\ndate: 2020-11-10\n---\nPashinian\n"}]}),
    );
    assert_eq!(client.diagnostics(&doc, Some(2)).len(), 1);
    client.notify("textDocument/didClose", json!({"textDocument": {"uri": doc}}));
    let after = client.diagnostics(&uri(&path), None);
    assert!(after.is_empty(), "unsaved edits are gone with the buffer: {after:?}");
}
