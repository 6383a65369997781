//! `cargo bench --bench serve`: what floods cost the real `dateline serve` over stdio, on a
//! copy of `fixtures/corpus`.
//!
//! - 5,000 one-character edits written at once, then a hover: how long after the last
//!   edit the hover is answered, and when the last version's diagnostics arrive;
//! - a 20 MB `didOpen`, then a hover on it and a hover on another document.
//!
//! Prints figures rather than asserting them: timings belong in reports, not in tests
//! (`tests/lsp/hostile.rs` checks that the answers are right). Options (environment):
//! `DATELINE_BENCH_EDITS` (default 5000), `DATELINE_BENCH_OPEN_MB` (default 20; 2 in a
//! debug build, `cargo bench --profile dev`, whose analysis of 20 MB outlasts the client's
//! timeout).

use std::time::Instant;

use serde_json::json;

#[path = "../tests/support/mod.rs"]
mod support;

use support::lsp::{Client, frame, position_of, uri};

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn main() {
    let edits = env_number("DATELINE_BENCH_EDITS", 5000);
    let open_mb = env_number("DATELINE_BENCH_OPEN_MB", if cfg!(debug_assertions) { 2 } else { 20 });
    flood_of_edits(edits);
    large_open(open_mb);
}

fn started() -> (support::TempCorpus, Client) {
    let corpus = support::TempCorpus::copy_of("corpus");
    let mut client = Client::start(corpus.root());
    client.initialize(corpus.root(), json!({"window": {"workDoneProgress": true}}));
    client.wait_for("the end of indexing", |m| {
        m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end"
    });
    (corpus, client)
}

fn flood_of_edits(edits: usize) {
    let (corpus, mut client) = started();
    let path = corpus.path("articles/2020-11-10-ceasefire.md");
    let doc = client.open(&path, "markdown");
    client.diagnostics(&doc, Some(1));
    let text = std::fs::read_to_string(&path).unwrap();
    let hover_at = position_of(&text, "Pashinyan said", 0, false);
    let last_line = text.lines().count();
    // Typing at the end of the article, one character per edit.
    let flood: Vec<u8> = (0..edits)
        .flat_map(|i| {
            let at = json!({"line": last_line, "character": i});
            frame(&json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                "textDocument": {"uri": doc, "version": i + 2},
                "contentChanges": [{"range": {"start": at, "end": at}, "text": "x"}]}}))
        })
        .collect();
    let start = Instant::now();
    client.send_raw(&flood);
    let written = start.elapsed();
    let asked = Instant::now();
    let hover =
        client.call("textDocument/hover", json!({"textDocument": {"uri": doc}, "position": hover_at}));
    let answered = asked.elapsed();
    assert!(!hover.is_null(), "a hover on a name");
    client.diagnostics(&doc, Some(edits as i64 + 1));
    let published = asked.elapsed();
    println!(
        "{edits} edits: written in {written:.2?}; a hover then answered in {answered:.2?}; the last version's diagnostics after {published:.2?}"
    );
    client.shutdown();
}

fn large_open(megabytes: usize) {
    let (corpus, mut client) = started();
    let size = megabytes * 1_000_000;
    let paragraph = "The weather in the region was mild and the markets were calm that week. ";
    let body: String = paragraph.repeat(size / paragraph.len() + 1).chars().take(size).collect();
    let text = format!("---\ndate: 2021-11-17\n---\n{body}\n");
    let big = uri(&corpus.path("articles/big.md"));
    let other_path = corpus.path("articles/2020-11-10-ceasefire.md");
    let other_text = std::fs::read_to_string(&other_path).unwrap();
    let start = Instant::now();
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": big, "languageId": "markdown", "version": 1, "text": text}}),
    );
    let written = start.elapsed();
    let asked = Instant::now();
    client.call(
        "textDocument/hover",
        json!({"textDocument": {"uri": big}, "position": {"line": 3, "character": 4}}),
    );
    let on_it = asked.elapsed();
    let asked = Instant::now();
    let position = position_of(&other_text, "Pashinyan said", 0, false);
    client
        .call("textDocument/hover", json!({"textDocument": {"uri": uri(&other_path)}, "position": position}));
    let beside = asked.elapsed();
    println!(
        "{megabytes} MB didOpen: written in {written:.2?}; a hover on it answered in {on_it:.2?}, then a hover on another document in {beside:.2?}"
    );
    client.shutdown();
}
