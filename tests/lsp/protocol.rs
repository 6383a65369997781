//! Protocol hygiene: bad requests answer cleanly, shutdown and exit are honoured.

use serde_json::{Value, json};

use crate::support::fixtures;
use crate::support::lsp::{Client, uri};

#[test]
fn out_of_range_positions_and_unknown_documents_answer_cleanly() {
    let corpus = fixtures().join("corpus");
    let mut client = Client::start(&corpus);
    client.initialize(&corpus, json!({}));
    let article = uri(&corpus.join("articles/2020-11-10-ceasefire.md"));
    let response = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": article}, "position": {"line": 9999, "character": 0}}),
    );
    assert_eq!(response["error"]["code"], -32602, "{response}");
    assert!(response["error"]["message"].as_str().unwrap().contains("out of range"), "{response}");

    let far_right = client.call(
        "textDocument/hover",
        json!({"textDocument": {"uri": article}, "position": {"line": 5, "character": 9999}}),
    );
    assert_eq!(far_right, Value::Null, "a column past the line end is the line end");

    for unknown in ["file:///nowhere/at/all.md", "untitled:Untitled-1"] {
        let response = client.call(
            "textDocument/definition",
            json!({"textDocument": {"uri": unknown}, "position": {"line": 0, "character": 0}}),
        );
        assert_eq!(response, Value::Null);
        let refs = client.call("textDocument/references", json!({"textDocument": {"uri": unknown}, "position": {"line": 0, "character": 0}, "context": {"includeDeclaration": true}}));
        assert_eq!(refs, Value::Null);
    }
    // An edit for a document that was never opened is ignored, not fatal.
    client.notify("textDocument/didChange", json!({"textDocument": {"uri": "file:///nowhere.md", "version": 2}, "contentChanges": [{"text": "x"}]}));
    let unknown_method = client.request("dateline/noSuchMethod", json!({}));
    assert_eq!(unknown_method["error"]["code"], -32601);
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn exit_without_shutdown_is_exit_code_one() {
    let corpus = fixtures().join("corpus");
    let mut client = Client::start(&corpus);
    client.initialize(&corpus, json!({}));
    assert_eq!(client.exit_abruptly(), 1);
}
