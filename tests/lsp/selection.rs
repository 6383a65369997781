//! The server reports what `check` reports: `[checks]` selection and per-file ignores from
//! `dateline.toml`, and suppression comments, including ones typed into an open buffer.

use serde_json::json;

use crate::support::TempCorpus;
use crate::support::lsp::{Client, position_of, uri};

const KB: &str = "[[entity]]\nid = \"nikol-pashinyan\"\nkind = \"person\"\nname = \"Nikol Pashinyan\"\nvariants = [\"Pashinian\"]\n";

#[test]
fn config_selection_and_suppression_comments_apply_in_the_editor() {
    let article = "---\ndate: 2021-11-17\n---\n<!-- dateline-ignore name/variant -->\nPashinian, quoted.\n\nPashinian again.\n";
    let corpus = TempCorpus::new(&[
        ("kb/kb.toml", KB),
        ("a.md", article),
        ("wires/w.md", "Pashinian on the wire.\n"),
        (
            "dateline.toml",
            "[checks]\nignore = [\"corpus/missing-date\"]\n[checks.per-file-ignores]\n\"wires/**\" = [\"name/\"]\n",
        ),
    ]);
    let mut client = Client::start(corpus.root());
    client.initialize(corpus.root(), json!({}));
    let a = uri(&corpus.path("a.md"));
    let diagnostics = client.diagnostics(&a, None);
    assert_eq!(diagnostics.len(), 1, "the quoted paragraph is silenced: {diagnostics:?}");
    assert_eq!(diagnostics[0]["range"]["start"]["line"], 6);
    assert!(client.diagnostics(&uri(&corpus.path("wires/w.md")), None).is_empty(), "per-file ignore");

    // Typing a suppression into the buffer silences the finding below it.
    client.open(&corpus.path("a.md"), "markdown");
    let at = position_of(article, "Pashinian again", 0, false);
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": a, "version": 2}, "contentChanges": [{"range": {"start": at, "end": at}, "text": "<!-- dateline-ignore -->\n"}]}),
    );
    assert!(client.diagnostics(&a, Some(2)).is_empty());
    assert_eq!(client.shutdown(), 0);
}

/// A `dateline.toml` the server cannot use is a diagnostic on it, at the place (not only a
/// log line); the rest of it still applies (here its `include`), and fixing the file
/// clears the diagnostic.
#[test]
fn a_broken_config_is_a_diagnostic_on_dateline_toml() {
    let config = "[corpus]\ninclude = [\"articles/*.md\"]\n[checks]\nselect = [\"name/varaint\"]\n";
    let corpus = TempCorpus::new(&[
        ("kb/kb.toml", KB),
        ("articles/a.md", "---\ndate: 2021-11-17\n---\nPashinian spoke.\n"),
        ("dateline.toml", config),
    ]);
    let mut client = Client::start(corpus.root());
    client.initialize(
        corpus.root(),
        json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}),
    );
    let toml = uri(&corpus.path("dateline.toml"));
    let diagnostics = client.diagnostics(&toml, None);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    let message = diagnostics[0]["message"].as_str().unwrap();
    assert!(
        message.starts_with("unknown check code or prefix `name/varaint` (the closest is `name/variant`)"),
        "{message}"
    );
    assert_eq!(diagnostics[0]["severity"], 1);
    assert_eq!(diagnostics[0]["range"]["start"], json!({"line": 3, "character": 10}));
    // The corpus is still checked, with every check, over the config's own `include`.
    let article = client.diagnostics(&uri(&corpus.path("articles/a.md")), None);
    assert!(article.iter().any(|d| d["code"] == "name/variant"), "{article:?}");

    corpus.write("dateline.toml", &config.replace("varaint", "variant"));
    client.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": toml, "type": 2}]}));
    let cleared = client.diagnostics(&toml, None);
    assert!(cleared.is_empty(), "{cleared:?}");
    assert_eq!(client.shutdown(), 0);
}

/// Two workspace folders, one inside the other: a request on a file goes to the corpus
/// that has it, not to the deepest folder above it (whose globs leave it out), the same
/// rule edits and file events follow.
#[test]
fn requests_go_to_the_corpus_that_has_the_file() {
    let corpus = TempCorpus::new(&[
        ("kb/kb.toml", KB),
        ("wires/dateline.toml", "[corpus]\ninclude = [\"*.txt\"]\n"),
        ("wires/a.md", "---\ndate: 2021-11-17\n---\nNikol Pashinyan spoke.\n"),
    ]);
    let mut client = Client::start(corpus.root());
    let (outer, inner) = (uri(corpus.root()), uri(&corpus.path("wires")));
    client.call(
        "initialize",
        json!({"processId": null, "rootUri": outer, "capabilities": {},
               "workspaceFolders": [{"uri": outer, "name": "all"}, {"uri": inner, "name": "wires"}]}),
    );
    client.notify("initialized", json!({}));
    let doc = uri(&corpus.path("wires/a.md"));
    client.diagnostics(&doc, None);
    let hover = client.call(
        "textDocument/hover",
        json!({"textDocument": {"uri": doc}, "position": {"line": 3, "character": 2}}),
    );
    let card = hover["contents"]["value"].as_str().unwrap_or_default();
    assert!(card.contains("Nikol Pashinyan"), "{hover}");
    assert_eq!(client.shutdown(), 0);
}
