//! Hover, definition, declaration and references on entity mentions.

use serde_json::{Value, json};

use crate::support::fixtures;
use crate::support::lsp::{Client, position_of, uri};

fn started() -> (Client, std::path::PathBuf) {
    let corpus = fixtures().join("corpus");
    let mut client = Client::start(&corpus);
    client.initialize(&corpus, json!({"textDocument": {"definition": {"linkSupport": false}}}));
    (client, corpus)
}

fn at(corpus: &std::path::Path, file: &str, needle: &str, nth: usize) -> Value {
    let path = corpus.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    json!({"textDocument": {"uri": uri(&path)}, "position": position_of(&text, needle, nth, false)})
}

#[test]
fn hover_shows_the_role_held_on_the_articles_date() {
    let (mut client, corpus) = started();
    let in_2016 =
        client.call("textDocument/hover", at(&corpus, "articles/2016-06-08-akar-in-baku.md", "Akar met", 0));
    let card = in_2016["contents"]["value"].as_str().unwrap();
    assert!(card.starts_with("**Hulusi Akar** · person"), "{card}");
    assert!(card.contains("On 2016-06-08 (the article's date):\n- Chief of the General Staff of Türkiye (2015-08-18 – 2018-07-10)"), "{card}");
    assert!(!card.contains("Minister of National Defence"), "{card}");
    assert!(card.contains("Also written: Akar"), "{card}");
    assert!(card.contains("Mentioned in 8 articles"), "{card}");
    assert_eq!(in_2016["range"]["start"], json!({"line": 9, "character": 0}));

    let in_2021 = client
        .call("textDocument/hover", at(&corpus, "articles/2021-11-17-border-clashes.md", "Hulusi Akar", 0));
    let card = in_2021["contents"]["value"].as_str().unwrap();
    assert!(card.contains("- Minister of National Defence of Türkiye (2018-07-10 – 2023-06-04)"), "{card}");

    let nothing = client
        .call("textDocument/hover", at(&corpus, "articles/2021-11-17-border-clashes.md", "stands by", 0));
    assert_eq!(nothing, Value::Null);
}

#[test]
fn definition_declaration_and_references() {
    let (mut client, corpus) = started();
    let people = uri(&corpus.join("kb/people.toml"));
    let definition = client
        .call("textDocument/definition", at(&corpus, "articles/2020-11-10-ceasefire.md", "Pashinyan", 0));
    assert_eq!(definition["uri"], people);
    let kb_text = std::fs::read_to_string(corpus.join("kb/people.toml")).unwrap();
    assert_eq!(definition["range"]["start"], position_of(&kb_text, "\"nikol-pashinyan\"", 0, false));

    // The variant spelling is still a mention of the same person.
    let from_variant = client.call(
        "textDocument/definition",
        at(&corpus, "articles/2021-11-17-border-clashes.md", "Pashinian", 0),
    );
    assert_eq!(from_variant, definition);

    let declaration = client.call(
        "textDocument/declaration",
        at(&corpus, "articles/2021-11-17-border-clashes.md", "Pashinian", 1),
    );
    assert_eq!(
        declaration["uri"],
        uri(&corpus.join("articles/2020-11-10-ceasefire.md")),
        "earliest-dated article"
    );

    let refs = client.call(
        "textDocument/references",
        json!({"textDocument": {"uri": people}, "position": position_of(&kb_text, "Nikol Pashinyan", 0, false), "context": {"includeDeclaration": true}}),
    );
    let refs = refs.as_array().unwrap();
    let files: Vec<_> =
        refs.iter().map(|r| r["uri"].as_str().unwrap().rsplit('/').next().unwrap().to_owned()).collect();
    assert_eq!(
        files,
        [
            "people.toml",
            "2020-11-10-ceasefire.md",
            "2021-01-11-moscow-meeting.md",
            "2021-11-17-border-clashes.md",
            "2021-11-17-border-clashes.md"
        ]
    );
    let without = client.call(
        "textDocument/references",
        json!({"textDocument": {"uri": people}, "position": position_of(&kb_text, "Nikol Pashinyan", 0, false), "context": {"includeDeclaration": false}}),
    );
    assert_eq!(without.as_array().unwrap().len(), refs.len() - 1);
}

#[test]
fn explicit_kb_links_are_mentions() {
    let (mut client, corpus) = started();
    let hover = client.call(
        "textDocument/hover",
        at(&corpus, "articles/2021-06-15-shusha-declaration.md", "the document", 0),
    );
    let card = hover["contents"]["value"].as_str().unwrap();
    assert!(card.starts_with("**Shusha Declaration** · event"), "{card}");
    assert!(card.contains("When: 2021-06-15"), "{card}");
}
