//! Diagnostics for the whole corpus at startup.

use serde_json::json;

use crate::support::lsp::{Client, uri};
use crate::support::{TempCorpus, fixtures};

#[test]
fn every_corpus_file_gets_its_findings_at_startup() {
    let corpus = fixtures().join("corpus");
    let mut client = Client::start(&corpus);
    let result = client.initialize(&corpus, json!({}));
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(result["capabilities"]["textDocumentSync"]["change"], 2, "incremental sync");

    let clashes = uri(&corpus.join("articles/2021-11-17-border-clashes.md"));
    let diagnostics = client.diagnostics(&clashes, None);
    let codes: Vec<_> = diagnostics.iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["date/cross-article", "name/variant", "name/variant", "name/inconsistent"]);
    let first = &diagnostics[1];
    assert_eq!(first["source"], "dateline");
    assert_eq!(first["severity"], 2);
    assert_eq!(
        first["message"],
        "`Nikol Pashinian` is a variant of `Nikol Pashinyan`; write `Nikol Pashinyan`"
    );
    assert_eq!(
        first["range"],
        json!({"start": {"line": 13, "character": 15}, "end": {"line": 13, "character": 30}})
    );
    let related = &first["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], uri(&corpus.join("kb/people.toml")));

    let planted = uri(&corpus.join("kb/planted.toml"));
    let kb_codes: Vec<_> =
        client.diagnostics(&planted, None).iter().map(|d| d["code"].as_str().unwrap().to_owned()).collect();
    assert_eq!(
        kb_codes,
        ["kb/duplicate-id", "kb/invalid-date", "kb/ambiguous-alias", "kb/unknown-reference"]
    );

    let latin1 = uri(&corpus.join("articles/legacy-latin1.txt"));
    let utf8 = client.diagnostics(&latin1, None);
    assert_eq!(utf8[0]["code"], "corpus/invalid-utf8");
    assert_eq!(utf8[0]["range"]["start"], json!({"line": 1, "character": 35}));
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn a_corpus_without_config_uses_defaults() {
    let corpus = TempCorpus::new(&[
        (
            "kb/kb.toml",
            "[[entity]]\nid = \"a\"\nkind = \"person\"\nname = \"Ann Example\"\nvariants = [\"Anne Example\"]\n",
        ),
        ("news.md", "---\ndate: 2021-01-01\n---\nAnne Example spoke.\n"),
    ]);
    let mut client = Client::start(corpus.root());
    client.initialize(corpus.root(), json!({}));
    let diagnostics = client.diagnostics(&uri(&corpus.path("news.md")), None);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0]["code"], "name/variant");
}
