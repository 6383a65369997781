//! A hostile client: malformed frames, edits that crash the analysis, floods. After each,
//! the server is alive, answers the next request, and publishes current diagnostics.

use serde_json::{Value, json};

use crate::support::TempCorpus;
use crate::support::lsp::{Client, frame, position_of};

const ARTICLE: &str = "articles/2020-11-10-ceasefire.md";

/// A request the server answers whatever state it is in.
fn probe(client: &mut Client, after: &str) {
    let response = client.request("workspace/symbol", json!({"query": "Pashinyan"}));
    assert!(response.get("result").is_some(), "after {after}: {response}");
    assert!(client.is_alive(), "after {after}");
}

/// A full-text change to `uri` at `version`.
fn set_text(uri: &str, version: i64, text: &str) -> Value {
    json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}})
}

fn with_length(length: usize, body: &[u8]) -> Vec<u8> {
    let mut framed = format!("Content-Length: {length}\r\n\r\n").into_bytes();
    framed.extend_from_slice(body);
    framed
}

fn framed(body: &[u8]) -> Vec<u8> {
    with_length(body.len(), body)
}

/// The JSON-RPC error a malformed message is answered with, where its id is known:
/// `(id, code)`.
type ErrorAnswer = Option<(i64, i64)>;

#[test]
fn malformed_frames_cost_only_themselves() {
    let corpus = TempCorpus::copy_of("corpus");
    let path = corpus.path(ARTICLE);
    let mut client = Client::start(corpus.root());
    client.initialize(corpus.root(), json!({}));
    let doc = client.open(&path, "markdown");
    assert!(client.diagnostics(&doc, Some(1)).is_empty());

    let symbols = br#"{"jsonrpc":"2.0","id":9004,"method":"workspace/symbol","params":{"query":""}}"#;
    let cut = br#"{"jsonrpc":"2.0","id":9003,"method":"workspace/symbol","params":{"query":""}}"#;
    let variants: Vec<(&str, Vec<u8>, ErrorAnswer)> = vec![
        (
            "invalid JSON with a readable id",
            framed(br#"{"jsonrpc":"2.0","id":9001,"method":"workspace/symbol","params":{,}}"#),
            Some((9001, -32700)),
        ),
        ("a body that is not JSON", framed(b"hello"), None),
        (
            "a wrong jsonrpc version",
            framed(br#"{"jsonrpc":"1.0","id":9002,"method":"workspace/symbol","params":{"query":""}}"#),
            Some((9002, -32600)),
        ),
        ("a notification without jsonrpc", framed(br#"{"method":"initialized","params":{}}"#), None),
        ("a non-numeric Content-Length", b"Content-Length: abc\r\n\r\n{}".to_vec(), None),
        ("a negative Content-Length", b"Content-Length: -1\r\n\r\n".to_vec(), None),
        ("a huge Content-Length", b"Content-Length: 99999999999999999999\r\n\r\n{}".to_vec(), None),
        ("a Content-Length that is too short", with_length(30, cut), Some((9003, -32700))),
        ("garbage bytes", b"\x00\xff\xfe garbage \x1b[31m\r\n\r\n{{{".to_vec(), None),
        ("no Content-Length header", b"Content-Type: application/json\r\n\r\n{}".to_vec(), None),
        ("an empty body", b"Content-Length: 0\r\n\r\n".to_vec(), None),
        ("an id that is an object", framed(br#"{"jsonrpc":"2.0","id":{"a":1},"method":"shutdown"}"#), None),
        ("an id that is a float", framed(br#"{"jsonrpc":"2.0","id":1.5,"method":"shutdown"}"#), None),
        ("an id that is an array", framed(br#"{"jsonrpc":"2.0","id":[1],"method":"shutdown"}"#), None),
        ("an id that is a boolean", framed(br#"{"jsonrpc":"2.0","id":true,"method":"shutdown"}"#), None),
        ("a batch", framed(br#"[{"jsonrpc":"2.0","id":9005,"method":"shutdown"}]"#), None),
        (
            "a body that is not UTF-8",
            framed(b"{\"jsonrpc\":\"2.0\",\"id\":9006,\"method\":\"x\xff\"}"),
            Some((9006, -32700)),
        ),
        (
            "a method that is a number",
            framed(br#"{"jsonrpc":"2.0","id":9007,"method":42}"#),
            Some((9007, -32600)),
        ),
        (
            "an unknown $/ request",
            framed(br#"{"jsonrpc":"2.0","id":9008,"method":"$/unknown"}"#),
            Some((9008, -32601)),
        ),
        ("a response nobody asked for", framed(br#"{"jsonrpc":"2.0","id":12345,"result":null}"#), None),
        ("a response without a result", framed(br#"{"jsonrpc":"2.0","id":12346}"#), None),
    ];
    for (what, bytes, answer) in variants {
        client.send_raw(&bytes);
        if let Some((id, code)) = answer {
            let response = client.response(id);
            assert_eq!(response["error"]["code"], code, "{what}: {response}");
        }
        probe(&mut client, what);
    }

    // Read leniently: headers ending in `\n` alone.
    let lf_only = br#"{"jsonrpc":"2.0","id":9009,"method":"workspace/symbol","params":{"query":""}}"#;
    client.send_raw(&[format!("Content-Length: {}\n\n", lf_only.len()).as_bytes(), lf_only].concat());
    assert!(client.response(9009).get("result").is_some(), "LF-only headers");
    // A Content-Length larger than the body, with the next message right behind it: both
    // are answered.
    let next =
        frame(&json!({"jsonrpc": "2.0", "id": 9010, "method": "workspace/symbol", "params": {"query": ""}}));
    client.send_raw(&[with_length(symbols.len() + 40, symbols), next].concat());
    assert!(client.response(9004).get("result").is_some(), "a Content-Length that is too long");
    assert!(client.response(9010).get("result").is_some(), "the message after it");
    // The same, and then the client waits: answered once the input pauses.
    let lonely = br#"{"jsonrpc":"2.0","id":9011,"method":"workspace/symbol","params":{"query":""}}"#;
    client.send_raw(&with_length(lonely.len() + 40, lonely));
    assert!(client.response(9011).get("result").is_some(), "a Content-Length that is too long, then silence");
    probe(&mut client, "the lenient frames");

    // Diagnostics are still current.
    let text = std::fs::read_to_string(&path).unwrap().replace("Nikol\nPashinyan", "Nikol\nPashinian");
    client.send_raw(&frame(&set_text(&doc, 2, &text)));
    let current = client.diagnostics(&doc, Some(2));
    assert_eq!(current.len(), 1, "{current:?}");
    assert_eq!(current[0]["code"], "name/variant");
    assert_eq!(client.shutdown(), 0);
}

/// Debug builds only: the fault is injected through `DATELINE_FAULT_INJECT`.
#[cfg(debug_assertions)]
#[test]
fn an_edit_that_crashes_costs_only_itself() {
    let corpus = TempCorpus::copy_of("corpus");
    let path = corpus.path(ARTICLE);
    let other_path = corpus.path("articles/2021-01-11-moscow-meeting.md");
    let mut client =
        Client::start_with_env(corpus.root(), &[("DATELINE_FAULT_INJECT", "panic-on-edit:CRASH-HERE")]);
    client.initialize(corpus.root(), json!({}));
    let doc = client.open(&path, "markdown");
    let other = client.open(&other_path, "markdown");
    assert!(client.diagnostics(&doc, Some(1)).is_empty());
    let text = std::fs::read_to_string(&path).unwrap();
    let other_text = std::fs::read_to_string(&other_path).unwrap();

    // Two crashing edits in a row, and in the same batch a good edit to another document.
    let crashing = format!("{text}\nCRASH-HERE\n");
    let variant = other_text.replacen("Nikol Pashinyan", "Nikol Pashinian", 1);
    client.send_raw(
        &[
            frame(&set_text(&doc, 2, &crashing)),
            frame(&set_text(&doc, 3, &crashing)),
            frame(&set_text(&other, 2, &variant)),
        ]
        .concat(),
    );
    let failed = client.diagnostics(&doc, Some(3));
    assert_eq!(failed.len(), 1, "{failed:?}");
    assert_eq!(failed[0]["code"], "corpus/internal-error");
    assert!(failed[0]["message"].as_str().unwrap().contains("please report it"), "{failed:?}");
    let beside = client.diagnostics(&other, Some(2));
    assert_eq!(beside.len(), 1, "the other document's edit is applied: {beside:?}");
    assert_eq!(beside[0]["code"], "name/variant");
    probe(&mut client, "a crashing edit");

    // The next good edit is analysed and published: the owner did not stop.
    let fixed = text.replace("Nikol\nPashinyan", "Nikol\nPashinian");
    client.send_raw(&frame(&set_text(&doc, 4, &fixed)));
    let current = client.diagnostics(&doc, Some(4));
    assert_eq!(current.len(), 1, "{current:?}");
    assert_eq!(current[0]["code"], "name/variant");
    let start = position_of(&fixed, "Pashinian said", 0, false);
    let hover = client.call("textDocument/hover", json!({"textDocument": {"uri": doc}, "position": start}));
    assert!(hover["contents"]["value"].as_str().unwrap().starts_with("**Nikol Pashinyan**"), "{hover}");
    assert_eq!(client.shutdown(), 0);
}

/// The texts that crashed the analysis in issue 11, in an editor: whether or not the
/// analysis still panics on them, the server publishes diagnostics for them and goes on.
#[test]
fn texts_that_crashed_the_analysis_do_not_stop_the_server() {
    let corpus = TempCorpus::copy_of("corpus");
    let path = corpus.path(ARTICLE);
    let mut client = Client::start(corpus.root());
    client.initialize(corpus.root(), json!({}));
    let doc = client.open(&path, "markdown");
    client.diagnostics(&doc, Some(1));
    let text = std::fs::read_to_string(&path).unwrap();
    let crashers = [
        "On Tuesday the War ended.",
        "the talks ended on Tuesday and the Gulf War ended",
        "«-President Ilham Aliyev",
        "“-President Ilham Aliyev",
        "—-Defence Minister Hulusi Akar",
    ];
    for (version, crasher) in (2..).zip(crashers) {
        client.send_raw(&frame(&set_text(&doc, version, &format!("{text}\n{crasher}\n"))));
        client.diagnostics(&doc, Some(version));
        probe(&mut client, crasher);
    }
    let fixed = text.replace("Nikol\nPashinyan", "Nikol\nPashinian");
    client.send_raw(&frame(&set_text(&doc, 10, &fixed)));
    let current = client.diagnostics(&doc, Some(10));
    assert_eq!(current.len(), 1, "{current:?}");
    assert_eq!(client.shutdown(), 0);
}

/// Debug builds only: the fault is injected through `DATELINE_FAULT_INJECT`.
#[cfg(debug_assertions)]
#[test]
fn an_index_that_crashes_is_reported_and_retried() {
    let kb = "[[entity]]\nid = \"nikol-pashinyan\"\nkind = \"person\"\nname = \"Nikol Pashinyan\"\nvariants = [\"Nikol Pashinian\"]\n";
    let corpus = TempCorpus::new(&[
        ("kb/kb.toml", kb),
        ("articles/a.md", "---\ndate: 2021-11-17\n---\nNikol Pashinian spoke. CRASH-INDEX\n"),
    ]);
    let mut client =
        Client::start_with_env(corpus.root(), &[("DATELINE_FAULT_INJECT", "panic-on-index:CRASH-INDEX")]);
    client.initialize(
        corpus.root(),
        json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}),
    );
    let shown = client.wait_for("the index failure", |m| m["method"] == "window/showMessage");
    assert_eq!(shown["params"]["type"], 1, "an error: {shown}");
    assert!(shown["params"]["message"].as_str().unwrap().contains("could not index"), "{shown}");
    probe(&mut client, "a crashing index");

    corpus.write("articles/a.md", "---\ndate: 2021-11-17\n---\nNikol Pashinian spoke.\n");
    let article = crate::support::lsp::uri(&corpus.path("articles/a.md"));
    client.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": article, "type": 2}]}));
    let diagnostics = client.diagnostics(&article, None);
    assert_eq!(diagnostics.len(), 1, "indexed again: {diagnostics:?}");
    assert_eq!(diagnostics[0]["code"], "name/variant");
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn a_flood_of_edits_then_a_hover_answers_for_the_latest_text() {
    const EDITS: i64 = 5000;
    let corpus = TempCorpus::copy_of("corpus");
    let path = corpus.path("articles/2021-01-11-moscow-meeting.md");
    let mut client = Client::start(corpus.root());
    client.initialize(corpus.root(), json!({}));
    let doc = client.open(&path, "markdown");
    client.diagnostics(&doc, Some(1));
    let text = std::fs::read_to_string(&path).unwrap();
    let start = position_of(&text, "Nikol Pashinyan", 0, false);
    let end = json!({"line": start["line"], "character": start["character"].as_u64().unwrap() + 15});
    // Every edit rewrites the name, alternately; the last one leaves the variant.
    let flood: Vec<u8> = (2..=EDITS + 1)
        .flat_map(|version| {
            let name = if (EDITS + 1 - version) % 2 == 0 { "Nikol Pashinian" } else { "Nikol Pashinyan" };
            frame(&json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                "textDocument": {"uri": doc, "version": version},
                "contentChanges": [{"range": {"start": start, "end": end}, "text": name}]}}))
        })
        .collect();
    client.send_raw(&flood);
    let hover = client.call("textDocument/hover", json!({"textDocument": {"uri": doc}, "position": start}));
    assert!(hover["contents"]["value"].as_str().unwrap().starts_with("**Nikol Pashinyan**"), "{hover}");
    let last = client.diagnostics(&doc, Some(EDITS + 1));
    assert_eq!(last.len(), 1, "{last:?}");
    assert_eq!(last[0]["code"], "name/variant");
    let later = client.drain(std::time::Duration::from_millis(300));
    let stale: Vec<_> = later
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == doc)
        .collect();
    assert!(stale.is_empty(), "published after the newest version: {stale:?}");
    assert_eq!(client.shutdown(), 0);
}
