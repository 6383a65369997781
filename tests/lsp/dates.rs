//! Dates in the editor: hovers with resolution, inlay hints, date diagnostics, and the code
//! action that gives an undated article its date.

use serde_json::json;

use crate::support::lsp::{Client, position_of, uri};
use crate::support::{TempCorpus, fixtures};

#[test]
fn hover_on_a_date_explains_its_resolution() {
    let corpus = fixtures().join("corpus");
    let path = corpus.join("articles/2021-11-17-border-clashes.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut client = Client::start(&corpus);
    client.initialize(&corpus, json!({}));
    let hover = client.call("textDocument/hover", json!({"textDocument": {"uri": uri(&path)}, "position": position_of(&text, "Tuesday evening", 0, false)}));
    let card = hover["contents"]["value"].as_str().unwrap();
    assert!(card.starts_with("**2021-11-16TEV** · time"), "{card}");
    assert!(card.contains("2021-11-16, a Tuesday"), "{card}");
    assert!(card.contains("the Tuesday before the article date 2021-11-17"), "{card}");

    let war = corpus.join("articles/2021-11-05-victory-reception.md");
    let war_text = std::fs::read_to_string(&war).unwrap();
    let diagnostics = client.diagnostics(&uri(&war), None);
    let mismatch =
        diagnostics.iter().find(|d| d["code"] == "date/event-mismatch").expect("the planted wrong year");
    assert_eq!(mismatch["severity"], 1);
    assert!(mismatch["message"].as_str().unwrap().ends_with("the year looks like a typo for 2020"));
    let fix = client.call(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri(&war)}, "range": mismatch["range"], "context": {"diagnostics": [mismatch]}}),
    );
    let change = &fix[0]["edit"]["changes"][uri(&war)][0];
    assert_eq!(fix[0]["title"], "Change the year to 2020");
    assert_eq!(change["newText"], "2020");
    assert_eq!(change["range"]["start"], position_of(&war_text, "2021, and lasted", 0, false));
}

#[test]
fn inlay_hints_show_resolved_relative_dates_and_roles_on_request() {
    let corpus = fixtures().join("corpus");
    let path = corpus.join("articles/2021-11-17-border-clashes.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let whole = json!({"start": {"line": 0, "character": 0}, "end": {"line": 40, "character": 0}});

    let mut client = Client::start(&corpus);
    let init = client.initialize(&corpus, json!({}));
    assert_eq!(init["capabilities"]["inlayHintProvider"], true);
    let hints =
        client.call("textDocument/inlayHint", json!({"textDocument": {"uri": uri(&path)}, "range": whole}));
    let labels: Vec<_> =
        hints.as_array().unwrap().iter().map(|h| h["label"].as_str().unwrap().to_owned()).collect();
    assert!(labels.contains(&"= 2021-11-16TEV".to_owned()), "{labels:?}");
    let evening = hints.as_array().unwrap().iter().find(|h| h["label"] == "= 2021-11-16TEV").unwrap();
    let end_of_phrase = position_of(&text, " evening,", 0, false);
    assert_eq!(evening["position"]["line"], end_of_phrase["line"]);
    assert!(!labels.iter().any(|l| l.starts_with(':')), "roles are off by default: {labels:?}");

    let mut client = Client::start(&corpus);
    client.call(
        "initialize",
        json!({"processId": null, "rootUri": uri(&corpus), "capabilities": {}, "initializationOptions": {"inlayHints": {"dates": false, "roles": true}}}),
    );
    client.notify("initialized", json!({}));
    let hints =
        client.call("textDocument/inlayHint", json!({"textDocument": {"uri": uri(&path)}, "range": whole}));
    let labels: Vec<_> =
        hints.as_array().unwrap().iter().map(|h| h["label"].as_str().unwrap().to_owned()).collect();
    assert!(labels.contains(&": President".to_owned()), "Vladimir Putin, untitled in the text: {labels:?}");
    assert!(!labels.iter().any(|l| l.starts_with('=')), "dates turned off: {labels:?}");
}

#[test]
fn an_undated_article_is_offered_a_date() {
    let corpus = TempCorpus::new(&[(
        "news.md",
        "---\ntitle: Undated\n---\nThe fighting stopped late on Tuesday, after clashes on Nov. 16, 2021.\n",
    )]);
    let doc = uri(&corpus.path("news.md"));
    let mut client = Client::start(corpus.root());
    client.initialize(corpus.root(), json!({}));
    let diagnostics = client.diagnostics(&doc, None);
    let hint =
        diagnostics.iter().find(|d| d["code"] == "date/relative-unresolved").expect("an unresolved date");
    let actions = client.call(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": doc}, "range": hint["range"], "context": {"diagnostics": [hint]}}),
    );
    let add = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with("Add `date: 2021-11-16`"))
        .expect("add a date");
    let edit = &add["edit"]["changes"][&doc][0];
    assert_eq!(edit["newText"], "date: 2021-11-16\n");
    assert_eq!(edit["range"]["start"], json!({"line": 2, "character": 0}));
    assert_eq!(add["diagnostics"][0]["code"], "date/relative-unresolved");
}

/// An article's language decides which date words read it: a Russian article quoting
/// English titles gets no English "dates" but its Russian ones, and hover on the front
/// matter says which language dateline read and how it knows.
#[test]
fn a_russian_article_is_not_read_for_english_dates() {
    // Our own words, Russian, with English words the English tagger would read as dates.
    let russian = "---\ntitle: Концерт\ndate: 2021-06-15\n---\nГруппа исполнила песни «Today» и «Monday Morning», а также новые композиции, которые публика услышала впервые. Концерт прошёл 14 июня в столице и собрал несколько тысяч зрителей, сообщили организаторы.\n";
    let english = "---\ntitle: Concert\ndate: 2021-06-15\n---\nThe band played its new songs on Monday morning in the capital, the organisers said, and thousands of people came.\n";
    let corpus = TempCorpus::new(&[
        ("dateline.toml", "[corpus]\nkb = []\n"),
        ("articles/ru.md", russian),
        ("articles/en.md", english),
    ]);
    let mut client = Client::start(corpus.root());
    client.initialize(corpus.root(), json!({}));
    let card = client.hover_text(&corpus.path("articles/ru.md"), russian, "title: Концерт");
    assert!(card.contains("Language: Russian (detected,"), "{card}");
    assert!(!card.contains("no date words"), "{card}");
    assert!(!client.hover_text(&corpus.path("articles/ru.md"), russian, "Monday Morning").contains("time"));
    let date = client.hover_text(&corpus.path("articles/ru.md"), russian, "14 июня");
    assert!(date.contains("2021-06-14"), "the Russian date is read: {date}");
    let card = client.hover_text(&corpus.path("articles/en.md"), english, "title: Concert");
    assert!(card.contains("Language: read as English"), "{card}");
    let date = client.hover_text(&corpus.path("articles/en.md"), english, "Monday morning");
    assert!(date.contains("2021-06-14"), "the English article's dates are read: {date}");

    // Saying the language wins over detection.
    let said = russian.replace("title: Концерт", "title: Концерт\nlang: en");
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri(&corpus.path("articles/ru.md")), "languageId": "markdown", "version": 1, "text": said}}),
    );
    let card = client.hover_text(&corpus.path("articles/ru.md"), &said, "title: Концерт");
    assert!(card.contains("Language: English (as the article says)"), "{card}");
}
