//! Positions in UTF-16 (the default) and UTF-8 (when the client offers it) over text with
//! accents and an emoji.

use serde_json::json;

use crate::support::TempCorpus;
use crate::support::lsp::{Client, position_of, uri};

const KB: &str = r#"
[[entity]]
id = "yasar-guler"
kind = "person"
name = "Yaşar Güler"
variants = ["Yasar Guller"]

[[entity]]
id = "turkey"
kind = "place"
name = "Türkiye"
"#;

const ARTICLE: &str = "---\ndate: 2021-11-05\n---\n🙂 Türkiye: Yaşar Güler 🙂 met Yasar Guller.\n";

fn corpus() -> TempCorpus {
    TempCorpus::new(&[("kb/kb.toml", KB), ("news.md", ARTICLE)])
}

#[test]
fn utf16_positions_count_surrogate_pairs() {
    let corpus = corpus();
    let mut client = Client::start(corpus.root());
    let init = client.initialize(corpus.root(), json!({"general": {"positionEncodings": ["utf-16"]}}));
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    let doc = uri(&corpus.path("news.md"));
    let diagnostics = client.diagnostics(&doc, None);
    // "🙂 Türkiye: Yaşar Güler 🙂 met " is 31 UTF-16 units (each emoji is 2) but 29 chars.
    assert_eq!(
        diagnostics[0]["range"],
        json!({"start": {"line": 3, "character": 31}, "end": {"line": 3, "character": 43}})
    );
    let position = position_of(ARTICLE, "Güler", 0, false);
    assert_eq!(position, json!({"line": 3, "character": 18}));
    let hover =
        client.call("textDocument/hover", json!({"textDocument": {"uri": doc}, "position": position}));
    assert!(hover["contents"]["value"].as_str().unwrap().starts_with("**Yaşar Güler**"), "{hover}");
    assert_eq!(
        hover["range"],
        json!({"start": {"line": 3, "character": 12}, "end": {"line": 3, "character": 23}})
    );
}

#[test]
fn utf8_is_used_when_offered() {
    let corpus = corpus();
    let mut client = Client::start(corpus.root());
    let init =
        client.initialize(corpus.root(), json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}}));
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
    let doc = uri(&corpus.path("news.md"));
    let diagnostics = client.diagnostics(&doc, None);
    let start = ARTICLE.lines().nth(3).unwrap().find("Yasar Guller").unwrap();
    assert_eq!(diagnostics[0]["range"]["start"], json!({"line": 3, "character": start}));
    let hover = client.call(
        "textDocument/hover",
        json!({"textDocument": {"uri": doc}, "position": position_of(ARTICLE, "Türkiye", 0, true)}),
    );
    assert!(hover["contents"]["value"].as_str().unwrap().starts_with("**Türkiye**"), "{hover}");
}
