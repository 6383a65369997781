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

/// A corpus large enough that indexing it in a debug build takes well over the time a
/// request waits for the index.
fn large_corpus() -> crate::support::TempCorpus {
    let kb = "[[entity]]\nid = \"nikol-pashinyan\"\nkind = \"person\"\nname = \"Nikol Pashinyan\"\nvariants = [\"Nikol Pashinian\"]\n";
    let corpus = crate::support::TempCorpus::new(&[("kb/kb.toml", kb)]);
    let paragraph = "On Tuesday, Nov. 16, 2021, Nikol Pashinyan said the talks of last year had failed. ";
    for i in 0..3000 {
        corpus.write(
            &format!("articles/{i:04}.md"),
            &format!("---\ndate: 2021-11-17\n---\n{}\n", paragraph.repeat(12)),
        );
    }
    corpus
}

#[test]
fn a_cancelled_request_is_answered_as_cancelled_and_the_server_carries_on() {
    let corpus = large_corpus();
    let mut client = Client::start(corpus.root());
    client.initialize(corpus.root(), json!({}));
    // Sent while the index runs, so the request is still waiting when the cancel arrives.
    let article = uri(&corpus.path("articles/0000.md"));
    let hover = json!({"textDocument": {"uri": article}, "position": {"line": 3, "character": 30}});
    let id = client.request_async("textDocument/hover", hover.clone());
    client.notify("$/cancelRequest", json!({"id": id}));
    let response = client.response(id);
    assert_eq!(response["error"]["code"], -32800, "RequestCancelled: {response}");

    // The next request is answered (after the index, or from what is ready).
    let card = client.call("textDocument/hover", hover);
    assert!(
        card.is_null() || card["contents"]["value"].as_str().unwrap().starts_with("**Nikol Pashinyan**"),
        "{card}"
    );
    let diagnostics = client.diagnostics(&article, None);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(client.shutdown(), 0);
}
