//! The rest of the LSP feature set: symbols, semantic tokens, completion, rename, document
//! links, code lenses, pull diagnostics, commands and configuration.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::support::lsp::{Client, position_of, uri};
use crate::support::{TempCorpus, fixtures};

const SHUSHA: &str = "articles/2021-06-15-shusha-declaration.md";

fn started(capabilities: Value) -> (Client, PathBuf) {
    let corpus = fixtures().join("corpus");
    let mut client = Client::start(&corpus);
    client.initialize(&corpus, capabilities);
    (client, corpus)
}

fn doc(corpus: &Path, file: &str) -> Value {
    json!({"textDocument": {"uri": uri(&corpus.join(file))}})
}

fn at(corpus: &Path, file: &str, needle: &str, nth: usize) -> Value {
    let path = corpus.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    json!({"textDocument": {"uri": uri(&path)}, "position": position_of(&text, needle, nth, false)})
}

fn names(symbols: &Value) -> Vec<String> {
    symbols.as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn document_symbols_group_an_articles_entities_and_dates() {
    let (mut client, corpus) =
        started(json!({"textDocument": {"documentSymbol": {"hierarchicalDocumentSymbolSupport": true}}}));
    let symbols = client.call("textDocument/documentSymbol", doc(&corpus, SHUSHA));
    assert_eq!(names(&symbols), ["People", "Places", "Events", "Dates"]);
    let people = &symbols[0]["children"];
    assert_eq!(names(people), ["Recep Tayyip Erdoğan", "Ilham Aliyev"]);
    assert_eq!(people[0]["detail"], "3 mentions");
    assert_eq!(people[0]["kind"], 5, "a person is a class");
    let dates = &symbols[3]["children"];
    let on_tuesday =
        dates.as_array().unwrap().iter().find(|d| d["name"] == "Tuesday").expect("Tuesday is a date");
    assert_eq!(on_tuesday["detail"], "2021-06-15");
    // A group's range covers its children.
    let group = &symbols[0]["range"];
    let child = &people[1]["range"];
    assert!(group["end"]["line"].as_u64() >= child["end"]["line"].as_u64(), "{group} covers {child}");

    // A KB file lists its entities, with their roles under them.
    let kb = client.call("textDocument/documentSymbol", doc(&corpus, "kb/people.toml"));
    let akar =
        kb.as_array().unwrap().iter().find(|s| s["name"] == "Hulusi Akar").expect("Akar in people.toml");
    assert_eq!(akar["detail"], "person · hulusi-akar");
    let roles = names(&akar["children"]);
    assert!(roles.contains(&"Chief of the General Staff".to_owned()), "{roles:?}");

    // Unknown documents have no symbols rather than an error.
    let unknown =
        client.call("textDocument/documentSymbol", json!({"textDocument": {"uri": "file:///nowhere/x.md"}}));
    assert_eq!(unknown, Value::Null);
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn workspace_symbols_find_entities_fuzzily() {
    let (mut client, corpus) = started(json!({}));
    let hits = client.call("workspace/symbol", json!({"query": "hul akar"}));
    let first = &hits[0];
    assert_eq!(first["name"], "Hulusi Akar");
    assert_eq!(first["location"]["uri"], uri(&corpus.join("kb/people.toml")));

    // Diacritics and case aside, and aliases count.
    let guler = client.call("workspace/symbol", json!({"query": "guler"}));
    assert_eq!(guler[0]["name"], "Yaşar Güler", "{guler}");
    let events = client.call("workspace/symbol", json!({"query": "44"}));
    assert!(names(&events).iter().any(|n| n.contains("Karabakh")), "{events}");
    assert_eq!(client.call("workspace/symbol", json!({"query": "zzzzq"})), json!([]));
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn semantic_tokens_colour_mentions_by_kind_and_mark_variants() {
    let (mut client, corpus) = started(json!({}));
    let init_legend = {
        // Ask again for the legend the server announced.
        let mut probe = Client::start(&corpus);
        let result = probe.initialize(&corpus, json!({}));
        result["capabilities"]["semanticTokensProvider"]["legend"].clone()
    };
    let types: Vec<&str> =
        init_legend["tokenTypes"].as_array().unwrap().iter().map(|t| t.as_str().unwrap()).collect();
    let modifiers: Vec<&str> =
        init_legend["tokenModifiers"].as_array().unwrap().iter().map(|t| t.as_str().unwrap()).collect();

    let file = "articles/2021-11-17-border-clashes.md";
    let text = std::fs::read_to_string(corpus.join(file)).unwrap();
    let data = client.call("textDocument/semanticTokens/full", doc(&corpus, file))["data"].clone();
    let data: Vec<u64> = data.as_array().unwrap().iter().map(|v| v.as_u64().unwrap()).collect();
    assert_eq!(data.len() % 5, 0);
    // Decode the relative encoding into (line, character, length, type, modifiers).
    let mut tokens = Vec::new();
    let (mut line, mut character) = (0, 0);
    for chunk in data.chunks(5) {
        if chunk[0] > 0 {
            line += chunk[0];
            character = chunk[1];
        } else {
            character += chunk[1];
        }
        tokens.push((line, character, chunk[2], types[chunk[3] as usize], chunk[4]));
    }
    let token_at = |needle: &str| {
        let pos = position_of(&text, needle, 0, false);
        *tokens
            .iter()
            .find(|t| t.0 == pos["line"].as_u64().unwrap() && t.1 == pos["character"].as_u64().unwrap())
            .unwrap_or_else(|| panic!("no token at {needle:?}: {tokens:?}"))
    };
    let deprecated = 1 << modifiers.iter().position(|m| *m == "deprecated").unwrap();
    let pashinian = token_at("Nikol Pashinian");
    assert_eq!((pashinian.2, pashinian.3), (15, "class"), "a person");
    assert_eq!(pashinian.4 & deprecated, deprecated, "a variant is marked deprecated");
    let armenia = token_at("Armenia reported");
    assert_eq!(armenia.3, "enum", "a place");
    assert_eq!(armenia.4 & deprecated, 0);
    // Tokens are in document order and do not overlap.
    for pair in tokens.windows(2) {
        assert!((pair[0].0, pair[0].1 + pair[0].2) <= (pair[1].0, pair[1].1), "{pair:?}");
    }
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn completion_offers_ids_in_links_names_in_prose_and_keys_in_the_kb() {
    let corpus = TempCorpus::copy_of("corpus");
    let article = corpus.path(SHUSHA);
    let mut client = Client::start(corpus.root());
    client.initialize(corpus.root(), json!({}));
    let doc = client.open(&article, "markdown");
    let text = std::fs::read_to_string(&article).unwrap();
    let end = text.lines().count();
    let typed = "\n[Akar](kb:hul";
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": doc, "version": 2}, "contentChanges": [{"range": {"start": {"line": end, "character": 0}, "end": {"line": end, "character": 0}}, "text": typed}]}),
    );
    let position = json!({"line": end + 1, "character": "[Akar](kb:hul".len()});
    let items =
        client.call("textDocument/completion", json!({"textDocument": {"uri": doc}, "position": position}));
    let items = items.as_array().unwrap_or_else(|| items["items"].as_array().unwrap());
    let akar = items.iter().find(|i| i["label"] == "hulusi-akar").expect("hulusi-akar offered");
    assert_eq!(akar["detail"], "Hulusi Akar · person");
    assert_eq!(akar["textEdit"]["range"]["start"], json!({"line": end + 1, "character": "[Akar](kb:".len()}));
    assert_eq!(akar["textEdit"]["newText"], "hulusi-akar");

    // A capitalised word in prose: names and aliases that start with it.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": doc, "version": 3}, "contentChanges": [{"range": {"start": {"line": end + 1, "character": 0}, "end": position}, "text": "Then Pashi"}]}),
    );
    let items = client.call(
        "textDocument/completion",
        json!({"textDocument": {"uri": doc}, "position": {"line": end + 1, "character": 10}}),
    );
    let items = items.as_array().unwrap_or_else(|| items["items"].as_array().unwrap());
    let labels: Vec<&str> = items.iter().map(|i| i["label"].as_str().unwrap()).collect();
    assert!(labels.contains(&"Pashinyan") || labels.contains(&"Nikol Pashinyan"), "{labels:?}");
    assert!(!labels.iter().any(|l| l.contains("Pashinian")), "variants are not offered: {labels:?}");

    // KB keys, by the table the cursor is in.
    let kb = corpus.path("kb/people.toml");
    let kb_doc = client.open(&kb, "toml");
    let kb_text = std::fs::read_to_string(&kb).unwrap();
    let kb_end = kb_text.lines().count();
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": kb_doc, "version": 2}, "contentChanges": [{"range": {"start": {"line": kb_end, "character": 0}, "end": {"line": kb_end, "character": 0}}, "text": "\n[[entity]]\nal"}]}),
    );
    let items = client.call(
        "textDocument/completion",
        json!({"textDocument": {"uri": kb_doc}, "position": {"line": kb_end + 2, "character": 2}}),
    );
    let items = items.as_array().unwrap_or_else(|| items["items"].as_array().unwrap());
    let labels: Vec<&str> = items.iter().map(|i| i["label"].as_str().unwrap()).collect();
    assert_eq!(labels, ["aliases"]);
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn rename_an_id_edits_the_kb_and_every_link() {
    let (mut client, corpus) = started(json!({}));
    let people = corpus.join("kb/people.toml");
    let kb_text = std::fs::read_to_string(&people).unwrap();
    let events = corpus.join("kb/events.toml");

    let prepared = client.call(
        "textDocument/prepareRename",
        json!({"textDocument": {"uri": uri(&events)}, "position": position_of(&std::fs::read_to_string(&events).unwrap(), "shusha-declaration", 0, false)}),
    );
    assert_eq!(prepared["placeholder"], "shusha-declaration");

    let edit = client.call(
        "textDocument/rename",
        json!({"textDocument": {"uri": uri(&events)}, "position": position_of(&std::fs::read_to_string(&events).unwrap(), "shusha-declaration", 0, false), "newName": "shusha-pact"}),
    );
    let changes = edit["changes"].as_object().expect("changes");
    let article = uri(&corpus.join(SHUSHA));
    assert_eq!(changes[&uri(&events)][0]["newText"], "\"shusha-pact\"", "the KB string, quotes and all");
    assert_eq!(changes[&article][0]["newText"], "shusha-pact");
    let article_text = std::fs::read_to_string(corpus.join(SHUSHA)).unwrap();
    assert_eq!(
        changes[&article][0]["range"]["start"],
        position_of(&article_text, "shusha-declaration)", 0, false)
    );

    // A bad id is refused with a reason.
    let bad = client.request(
        "textDocument/rename",
        json!({"textDocument": {"uri": uri(&events)}, "position": position_of(&std::fs::read_to_string(&events).unwrap(), "shusha-declaration", 0, false), "newName": "Shusha Pact"}),
    );
    assert!(bad["error"]["message"].as_str().unwrap().contains("not a valid id"), "{bad}");

    // Renaming a name from a mention edits the KB name and every mention written that way.
    let edit = client.call(
        "textDocument/rename",
        json!({"textDocument": {"uri": uri(&corpus.join("articles/2020-11-10-ceasefire.md"))}, "position": position_of(&std::fs::read_to_string(corpus.join("articles/2020-11-10-ceasefire.md")).unwrap(), "Pashinyan said", 0, false), "newName": "Nikol Pashinyan-Test"}),
    );
    let changes = edit["changes"].as_object().expect("changes");
    assert!(changes.contains_key(&uri(&people)), "the KB name changes");
    let kb_edit = &changes[&uri(&people)][0];
    assert_eq!(kb_edit["range"]["start"], position_of(&kb_text, "\"Nikol Pashinyan\"", 0, false));
    assert_eq!(kb_edit["newText"], "\"Nikol Pashinyan-Test\"");
    assert!(changes.len() >= 3, "several articles mention him: {:?}", changes.keys().collect::<Vec<_>>());

    // Where nothing can be renamed, prepareRename says why.
    let refused = client.request("textDocument/prepareRename", at(&corpus, SHUSHA, "signed the", 0));
    assert!(
        refused["error"]["message"].as_str().is_some_and(|m| m.contains("not on a mention")),
        "{refused}"
    );
    let alias = client.request(
        "textDocument/prepareRename",
        at(&corpus, "articles/2016-06-08-akar-in-baku.md", "Akar met", 0),
    );
    assert!(alias["error"]["message"].as_str().is_some_and(|m| m.contains("alias")), "{alias}");
    assert_eq!(std::fs::read_to_string(&people).unwrap(), kb_text, "the server never writes files");
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn kb_links_are_document_links_and_kb_entries_carry_lenses() {
    let (mut client, corpus) = started(json!({}));
    let links = client.call("textDocument/documentLink", doc(&corpus, SHUSHA));
    let links = links.as_array().unwrap();
    assert_eq!(links.len(), 1);
    let text = std::fs::read_to_string(corpus.join(SHUSHA)).unwrap();
    assert_eq!(links[0]["range"]["start"], position_of(&text, "shusha-declaration)", 0, false));
    let target = links[0]["target"].as_str().unwrap();
    let events_text = std::fs::read_to_string(corpus.join("kb/events.toml")).unwrap();
    let line = position_of(&events_text, "\"shusha-declaration\"", 0, false)["line"].as_u64().unwrap();
    assert_eq!(target, format!("{}#L{}", uri(&corpus.join("kb/events.toml")), line + 1));

    // The broken link in another article is not a document link (it has a diagnostic).
    let broken = client
        .call("textDocument/documentLink", doc(&corpus, "articles/2021-10-05-defence-chiefs-in-georgia.md"));
    assert_eq!(broken, json!([]));

    let lenses = client.call("textDocument/codeLens", doc(&corpus, "kb/people.toml"));
    let kb_text = std::fs::read_to_string(corpus.join("kb/people.toml")).unwrap();
    let akar_line = position_of(&kb_text, "\"hulusi-akar\"", 0, false)["line"].clone();
    let akar = lenses
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["range"]["start"]["line"] == akar_line)
        .expect("a lens on Akar");
    let title = akar["command"]["title"].as_str().unwrap();
    assert!(title.ends_with("in 8 articles"), "{title}");
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn pull_diagnostics_when_the_client_pulls() {
    let (mut client, corpus) = started(
        json!({"textDocument": {"diagnostic": {"dynamicRegistration": false, "relatedDocumentSupport": false}}}),
    );
    let file = "articles/2021-11-17-border-clashes.md";
    let report = client.call("textDocument/diagnostic", doc(&corpus, file));
    assert_eq!(report["kind"], "full");
    let codes: Vec<&str> =
        report["items"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["date/cross-article", "name/variant", "name/variant", "name/inconsistent"]);
    let result_id = report["resultId"].as_str().unwrap().to_owned();

    let again = client.call(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": uri(&corpus.join(file))}, "previousResultId": result_id}),
    );
    assert_eq!(again, json!({"kind": "unchanged", "resultId": result_id}));

    // The whole corpus, for the problems panel: every file, unchanged ones as such.
    let workspace = client.call(
        "workspace/diagnostic",
        json!({"previousResultIds": [{"uri": uri(&corpus.join(file)), "value": result_id}]}),
    );
    let items = workspace["items"].as_array().unwrap();
    let planted =
        items.iter().find(|i| i["uri"] == uri(&corpus.join("kb/planted.toml"))).expect("KB files too");
    assert_eq!(planted["kind"], "full");
    assert_eq!(planted["items"].as_array().unwrap().len(), 4);
    let clashes = items.iter().find(|i| i["uri"] == uri(&corpus.join(file))).unwrap();
    assert_eq!(clashes["kind"], "unchanged");
    let files = std::fs::read_dir(corpus.join("articles")).unwrap().count()
        + std::fs::read_dir(corpus.join("kb")).unwrap().count();
    assert_eq!(items.len(), files);

    // Nothing is pushed to a client that pulls.
    let pushed: Vec<Value> = client
        .drain(std::time::Duration::from_millis(500))
        .into_iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .collect();
    assert!(pushed.is_empty(), "{pushed:?}");
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn configuration_changes_severities_and_the_reindex_command_rereads_the_disk() {
    let corpus = TempCorpus::copy_of("corpus");
    let file = corpus.path("articles/2021-11-17-border-clashes.md");
    let mut client = Client::start(corpus.root());
    let result = client.call(
        "initialize",
        json!({
            "processId": null,
            "rootUri": uri(corpus.root()),
            "capabilities": {},
            "initializationOptions": {"checks": {"severity": {"name/variant": "error"}}},
        }),
    );
    assert_eq!(result["capabilities"]["executeCommandProvider"]["commands"], json!(["dateline.reindex"]));
    client.notify("initialized", json!({}));
    let target = uri(&file);
    let first = client.diagnostics(&target, None);
    let variant = first.iter().find(|d| d["code"] == "name/variant").unwrap();
    assert_eq!(variant["severity"], 1, "initializationOptions made it an error");

    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"dateline": {"checks": {"severity": {"name/": "off"}}}}}),
    );
    let later = client.diagnostics(&target, None);
    assert!(later.iter().all(|d| !d["code"].as_str().unwrap().starts_with("name/")), "{later:?}");
    assert!(later.iter().any(|d| d["code"] == "date/cross-article"), "{later:?}");

    // The reindex command rereads the disk (here: a KB entry gone).
    let kb = corpus.path("kb/events.toml");
    let text = std::fs::read_to_string(&kb).unwrap();
    std::fs::write(&kb, text.replace("shusha-declaration", "shusha-pact")).unwrap();
    let shusha = uri(&corpus.path(SHUSHA));
    client.call("workspace/executeCommand", json!({"command": "dateline.reindex", "arguments": []}));
    let after = client.wait_for("unknown-kb-link after reindex", |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == shusha
            && m["params"]["diagnostics"]
                .as_array()
                .is_some_and(|d| d.iter().any(|d| d["code"] == "corpus/unknown-kb-link"))
    });
    assert!(after["params"]["diagnostics"][0]["message"].as_str().unwrap().contains("shusha-declaration"));
    let unknown = client.request("workspace/executeCommand", json!({"command": "dateline.nothing"}));
    assert!(unknown["error"]["message"].as_str().unwrap().contains("unknown command"), "{unknown}");
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn indexing_reports_progress_with_counts() {
    let corpus = fixtures().join("corpus");
    let mut client = Client::start(&corpus);
    client.initialize(&corpus, json!({"window": {"workDoneProgress": true}}));
    let create = client.wait_for("a progress token", |m| m["method"] == "window/workDoneProgress/create");
    let token = create["params"]["token"].clone();
    let begin = client.wait_for("progress begin", |m| {
        m["method"] == "$/progress" && m["params"]["value"]["kind"] == "begin"
    });
    assert_eq!(begin["params"]["token"], token);
    assert_eq!(begin["params"]["value"]["title"], "Indexing the corpus");
    let total = begin["params"]["value"]["message"].as_str().unwrap().to_owned();
    assert!(total.starts_with("0/") && total.ends_with(" files"), "{total}");
    let end = client
        .wait_for("progress end", |m| m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end");
    let message = end["params"]["value"]["message"].as_str().unwrap();
    let files = std::fs::read_dir(corpus.join("articles")).unwrap().count()
        + std::fs::read_dir(corpus.join("kb")).unwrap().count();
    assert!(message.starts_with(&format!("{files} files in ")), "{message} ({files} files on disk)");
    // What the index costs, in the editor's own words (Linux, where the system says).
    if cfg!(target_os = "linux") {
        assert!(message.contains(" MiB resident (peak "), "{message}");
    }
    assert_eq!(client.shutdown(), 0);

    // A client that does not show progress is not asked to.
    let mut quiet = Client::start(&corpus);
    quiet.initialize(&corpus, json!({}));
    quiet.diagnostics(&uri(&corpus.join(SHUSHA)), None);
    let seen = quiet.drain(std::time::Duration::from_millis(200));
    assert!(
        !seen.iter().any(|m| m["method"] == "window/workDoneProgress/create" || m["method"] == "$/progress")
    );
    assert_eq!(quiet.shutdown(), 0);
}

#[test]
fn one_corpus_per_workspace_folder() {
    let first = TempCorpus::new(&[
        (
            "kb/kb.toml",
            "[[entity]]\nid = \"ann\"\nkind = \"person\"\nname = \"Ann Example\"\nvariants = [\"Anne Example\"]\n",
        ),
        ("a.md", "---\ndate: 2021-01-01\n---\nAnne Example spoke.\n"),
    ]);
    let second = TempCorpus::new(&[
        (
            "kb/kb.toml",
            "[[entity]]\nid = \"bob\"\nkind = \"person\"\nname = \"Bob Sample\"\nvariants = [\"Bobby Sample\"]\n",
        ),
        ("b.md", "---\ndate: 2021-01-01\n---\nBobby Sample and Anne Example spoke.\n"),
    ]);
    let mut client = Client::start(first.root());
    client.call(
        "initialize",
        json!({"processId": null, "capabilities": {}, "workspaceFolders": [
            {"uri": uri(first.root()), "name": "first"}, {"uri": uri(second.root()), "name": "second"}]}),
    );
    client.notify("initialized", json!({}));
    let a = client.diagnostics(&uri(&first.path("a.md")), None);
    assert_eq!(a.len(), 1);
    assert!(a[0]["message"].as_str().unwrap().contains("Ann Example"));
    // Each corpus has its own KB: the second does not know Ann.
    let b = client.diagnostics(&uri(&second.path("b.md")), None);
    assert_eq!(b.len(), 1, "{b:?}");
    assert!(b[0]["message"].as_str().unwrap().contains("Bob Sample"));
    let hover = client.call("workspace/symbol", json!({"query": "sample"}));
    assert_eq!(names(&hover), ["Bob Sample"]);

    // A folder removed: its diagnostics are cleared.
    client.notify(
        "workspace/didChangeWorkspaceFolders",
        json!({"event": {"added": [], "removed": [{"uri": uri(second.root()), "name": "second"}]}}),
    );
    let cleared = client.diagnostics(&uri(&second.path("b.md")), None);
    assert!(cleared.is_empty(), "{cleared:?}");
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn hovering_a_finding_explains_its_rule() {
    let (mut client, corpus) = started(json!({}));
    let hover = client.call(
        "textDocument/hover",
        at(&corpus, "articles/2021-11-17-border-clashes.md", "Nikol Pashinian", 0),
    );
    let card = hover["contents"]["value"].as_str().unwrap();
    assert!(card.starts_with("**Nikol Pashinyan**"), "the entity card first: {card}");
    let (_, rule) = card.split_once("\n---\n").expect("a section for the finding");
    assert!(rule.contains("`name/variant` · warning: "), "{rule}");
    assert!(rule.contains("*Why it matters.* Variant spellings split search results"), "{rule}");
    assert!(rule.trim_end().ends_with("More: `dateline explain name/variant`"), "{rule}");

    // Where there is no card, the rule alone: a `kb:` link to an id the KB lacks.
    let file = "articles/2021-10-05-defence-chiefs-in-georgia.md";
    let hover = client.call("textDocument/hover", at(&corpus, file, "zakir-hasanof", 0));
    let card = hover["contents"]["value"].as_str().unwrap();
    assert!(card.starts_with("`corpus/unknown-kb-link` · error: "), "{card}");
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn settings_changes_refresh_what_the_editor_shows() {
    let corpus = fixtures().join("corpus");
    let path = corpus.join("articles/2021-11-17-border-clashes.md");
    let whole = json!({"start": {"line": 0, "character": 0}, "end": {"line": 40, "character": 0}});
    let mut client = Client::start(&corpus);
    client.initialize(
        &corpus,
        json!({"workspace": {"inlayHint": {"refreshSupport": true}, "semanticTokens": {"refreshSupport": true}, "codeLens": {"refreshSupport": true}}}),
    );
    // The index finished: views computed during it are refreshed.
    for method in
        ["workspace/inlayHint/refresh", "workspace/semanticTokens/refresh", "workspace/codeLens/refresh"]
    {
        client.wait_for(method, |m| m["method"] == method);
    }
    let labels = |client: &mut Client| -> Vec<String> {
        let hints = client
            .call("textDocument/inlayHint", json!({"textDocument": {"uri": uri(&path)}, "range": whole}));
        hints.as_array().unwrap().iter().map(|h| h["label"].as_str().unwrap().to_owned()).collect()
    };
    assert!(labels(&mut client).iter().any(|l| l.starts_with('=')), "dates on by default");

    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"dateline": {"inlayHints": {"dates": false}}}}),
    );
    client.wait_for("a refresh after the change", |m| m["method"] == "workspace/inlayHint/refresh");
    let now = labels(&mut client);
    assert!(!now.iter().any(|l| l.starts_with('=')), "dates turned off: {now:?}");
    assert_eq!(client.shutdown(), 0);
}
