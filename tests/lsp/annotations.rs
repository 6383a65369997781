//! Annotated documents in the editor: hover and definition on annotated spans of a brat
//! `.txt`, hover, definition and diagnostics in its `.ann`, references that include
//! annotated spans (brat and WebAnno TSV), the re-anchoring code action after the text
//! was edited, and annotators' disagreements on a curated copy with the actions that take
//! one annotator's labels.

use serde_json::{Value, json};

use crate::support::TempCorpus;
use crate::support::lsp::{Client, position_of, uri};

fn start() -> (TempCorpus, Client) {
    let corpus = TempCorpus::copy_of("annotated");
    let mut client = Client::start(corpus.root());
    client.initialize(corpus.root(), json!({"textDocument": {"definition": {"linkSupport": false}}}));
    (corpus, client)
}

fn at(corpus: &TempCorpus, file: &str, needle: &str, nth: usize) -> Value {
    let path = corpus.path(file);
    let text = std::fs::read_to_string(&path).unwrap();
    json!({"textDocument": {"uri": uri(&path)}, "position": position_of(&text, needle, nth, false)})
}

fn position(corpus: &TempCorpus, file: &str, needle: &str, nth: usize) -> Value {
    let text = std::fs::read_to_string(corpus.path(file)).unwrap();
    position_of(&text, needle, nth, false)
}

/// `text` with LSP text edits (UTF-16 positions) applied.
fn apply_edits(text: &str, edits: &[Value]) -> String {
    let offset = |pos: &Value| {
        let line = pos["line"].as_u64().unwrap() as usize;
        let character = pos["character"].as_u64().unwrap() as usize;
        let line_start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let mut units = 0;
        for (i, c) in text[line_start..].char_indices() {
            if units >= character {
                return line_start + i;
            }
            units += c.len_utf16();
        }
        text.len()
    };
    let mut edits: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| (offset(&e["range"]["start"]), offset(&e["range"]["end"]), e["newText"].as_str().unwrap()))
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_owned();
    for (start, end, new) in edits {
        out.replace_range(start..end, new);
    }
    out
}

#[test]
fn hover_on_an_annotated_span_shows_the_annotation_and_the_entity() {
    let (corpus, mut client) = start();
    let hover = client.call("textDocument/hover", at(&corpus, "news/akar-visit.txt", "Hulusi Akar", 0));
    let card = hover["contents"]["value"].as_str().unwrap();
    assert!(card.starts_with("**`Hulusi Akar`** · `Person` annotation T3 in akar-visit.ann"), "{card}");
    assert!(card.contains("\n\nAttributes: `Role` = `Minister`"), "{card}");
    assert!(
        card.contains("\n\nNormalization: `Wikidata:Q6080953` (Hulusi Akar): the KB entry `hulusi-akar`"),
        "{card}"
    );
    assert!(
        card.contains("\n\n---\n\n**Hulusi Akar** · person\n\nTurkish general and politician."),
        "{card}"
    );
    let start = position(&corpus, "news/akar-visit.txt", "Hulusi Akar", 0);
    assert_eq!(hover["range"]["start"], start);

    // An annotated span without a KB entity: the annotation and its note.
    let hover = client.call("textDocument/hover", at(&corpus, "news/akar-visit.txt", "Bakı", 1));
    let card = hover["contents"]["value"].as_str().unwrap();
    assert_eq!(
        card,
        "**`Bakı`** · `GPE` annotation T4 in akar-visit.ann\n\nNote: Baku, the capital of Azerbaijan"
    );
}

#[test]
fn definition_goes_from_the_text_to_the_ann_line_and_on_to_the_kb() {
    let (corpus, mut client) = start();
    let ann = uri(&corpus.path("news/akar-visit.ann"));
    let kb = uri(&corpus.path("kb/kb.toml"));
    let to_ann = client.call("textDocument/definition", at(&corpus, "news/akar-visit.txt", "Hulusi Akar", 0));
    assert_eq!(to_ann["uri"], ann);
    assert_eq!(
        to_ann["range"],
        json!({"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 2}})
    );

    // From the `.ann`: a linked annotation's id, and a normalization's reference, to the KB.
    let kb_id = position(&corpus, "kb/kb.toml", "\"hulusi-akar\"", 0);
    for (needle, nth) in [("T3", 0), ("Wikidata:Q6080953", 0)] {
        let to_kb = client.call("textDocument/definition", at(&corpus, "news/akar-visit.ann", needle, nth));
        assert_eq!(to_kb["uri"], kb, "{needle}");
        assert_eq!(to_kb["range"]["start"], kb_id, "{needle}");
    }
    // The offsets or text of a `T` line: the span in the `.txt`.
    let to_text = client.call("textDocument/definition", at(&corpus, "news/akar-visit.ann", "81 85", 0));
    assert_eq!(to_text["uri"], uri(&corpus.path("news/akar-visit.txt")));
    assert_eq!(to_text["range"]["start"], position(&corpus, "news/akar-visit.txt", "Bakı", 1));
    // An id reference: that id's line; a type: its declaration in annotation.conf.
    let to_line = client.call("textDocument/definition", at(&corpus, "news/ankara-talks.ann", "T4", 1));
    assert_eq!(to_line["range"]["start"], json!({"line": 4, "character": 0}));
    let to_conf = client.call("textDocument/definition", at(&corpus, "news/ankara-talks.ann", "GPE", 0));
    assert_eq!(to_conf["uri"], uri(&corpus.path("news/annotation.conf")));
    assert_eq!(to_conf["range"]["start"], position(&corpus, "news/annotation.conf", "GPE", 0));
}

#[test]
fn hover_in_the_ann_shows_the_annotated_text() {
    let (corpus, mut client) = start();
    let hover = client.call("textDocument/hover", at(&corpus, "news/akar-visit.ann", "81 85", 0));
    let card = hover["contents"]["value"].as_str().unwrap();
    assert!(
        card.starts_with("**`Bakı`** · `GPE` annotation T4, the text at 81..85 of akar-visit.txt"),
        "{card}"
    );
    // A stale line says what it records and what its offsets select now.
    let hover = client.call("textDocument/hover", at(&corpus, "news/edited.ann", "T3", 0));
    let card = hover["contents"]["value"].as_str().unwrap();
    assert!(
        card.starts_with("**`nd def`** · `GPE` annotation T3, the text at 22..28 of edited.txt"),
        "{card}"
    );
    assert!(card.ends_with("The line records `Ankara`."), "{card}");
    // A relation line names what it links.
    let hover = client.call("textDocument/hover", at(&corpus, "news/ankara-talks.ann", "Located", 0));
    assert_eq!(hover["contents"]["value"], "**R1** · `Located` relation: T2 `Yaşar Güler` → T4 `Ankara`");
}

#[test]
fn references_include_annotated_spans_in_brat_and_webanno_files() {
    let (corpus, mut client) = start();
    let mut params = at(&corpus, "kb/kb.toml", "Hulusi Akar", 0);
    params["context"] = json!({"includeDeclaration": false});
    let refs = client.call("textDocument/references", params);
    let files: Vec<&str> = refs.as_array().unwrap().iter().map(|r| r["uri"].as_str().unwrap()).collect();
    let visit = uri(&corpus.path("news/akar-visit.txt"));
    let tsv = uri(&corpus.path("wiki/summit.tsv"));
    assert!(files.iter().any(|f| *f == visit), "{files:?}");
    // The TSV's `Hulusi Akar` links to the KB by its Wikidata identifier, where `#Text=` writes it.
    let in_tsv: Vec<&Value> = refs.as_array().unwrap().iter().filter(|r| r["uri"] == tsv).collect();
    assert_eq!(in_tsv.len(), 1, "{refs:#}");
    assert_eq!(in_tsv[0]["range"]["start"], position(&corpus, "wiki/summit.tsv", "Hulusi Akar", 0));

    // Hover in the TSV: the annotation and the entity.
    let hover = client.call("textDocument/hover", at(&corpus, "wiki/summit.tsv", "Ankara", 0));
    let card = hover["contents"]["value"].as_str().unwrap();
    assert!(card.starts_with("**`Ankara`** · `LOC` annotation"), "{card}");
    assert!(card.contains("Linked to the KB entry `ankara` by its text."), "{card}");
    assert!(card.contains("**Ankara** · place"), "{card}");
}

#[test]
fn diagnostics_in_the_ann_and_in_the_text() {
    let (corpus, mut client) = start();
    let ann = client.open(&corpus.path("news/akar-visit.ann"), "brat");
    let diagnostics = client.diagnostics(&ann, Some(1));
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(diagnostics[0]["code"], "annotation/unknown-kb-id");
    assert_eq!(
        diagnostics[0]["range"]["start"],
        position(&corpus, "news/akar-visit.ann", "kb:hulusi-akr", 0)
    );
    let txt = client.open(&corpus.path("news/akar-visit.txt"), "plaintext");
    let diagnostics = client.diagnostics(&txt, Some(1));
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(diagnostics[0]["code"], "annotation/unannotated-mention");
    assert_eq!(diagnostics[0]["severity"], 4, "a hint");
}

#[test]
fn an_edit_to_the_text_makes_offsets_stale_and_reanchoring_fixes_them() {
    let (corpus, mut client) = start();
    let txt_path = corpus.path("news/ankara-talks.txt");
    let ann_path = corpus.path("news/ankara-talks.ann");
    let txt = client.open(&txt_path, "plaintext");
    let ann = client.open(&ann_path, "brat");
    let codes = |diagnostics: &[Value]| -> Vec<String> {
        diagnostics.iter().map(|d| d["code"].as_str().unwrap().to_owned()).collect()
    };
    assert_eq!(
        codes(&client.diagnostics(&ann, Some(1))),
        ["annotation/inconsistent-type", "annotation/undeclared-type"]
    );

    // Words added at the top of the text: every annotation below is stale.
    let top = json!({"line": 0, "character": 0});
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": txt, "version": 2}, "contentChanges": [{"range": {"start": top, "end": top}, "text": "BREAKING: "}]}),
    );
    let stale = loop {
        let diagnostics = client.diagnostics(&ann, Some(1));
        if diagnostics.iter().any(|d| d["code"] == "annotation/stale-offsets") {
            break diagnostics;
        }
    };
    let stale: Vec<Value> = stale.into_iter().filter(|d| d["code"] == "annotation/stale-offsets").collect();
    assert_eq!(stale.len(), 6, "{stale:#?}");
    assert_eq!(
        stale[0]["message"],
        "T1 at 9..15 no longer selects its text `Ankara`, which is now at 19..25: the text changed after it was annotated"
    );

    let actions = client.call(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": ann}, "range": stale[0]["range"], "context": {"diagnostics": stale}}),
    );
    let titles: Vec<&str> =
        actions.as_array().unwrap().iter().map(|a| a["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["Re-anchor T1 at 19..25", "Fix all `annotation/stale-offsets` in this file (6)"]);
    let all = &actions[1];
    assert_eq!(all["diagnostics"].as_array().unwrap().len(), 6);
    let edits = all["edit"]["changes"][&ann].as_array().unwrap();
    let fixed = apply_edits(&std::fs::read_to_string(&ann_path).unwrap(), edits);
    assert!(fixed.starts_with("T1\tGPE 19 25\tAnkara\nT2\tPerson 26 37\tYaşar Güler\n"), "{fixed}");

    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": ann, "version": 2}, "contentChanges": [{"text": fixed}]}),
    );
    let after = client.diagnostics(&ann, Some(2));
    assert_eq!(codes(&after), ["annotation/inconsistent-type", "annotation/undeclared-type"], "{after:#?}");
    assert!(client.diagnostics(&txt, Some(2)).is_empty());
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn the_ann_outline_is_its_document_symbols() {
    let (corpus, mut client) = start();
    let symbols = client.call(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri(&corpus.path("news/ankara-talks.ann"))}}),
    );
    let symbols = symbols.as_array().unwrap();
    let named = |name: &str| {
        symbols.iter().find(|s| s["name"] == name).unwrap_or_else(|| panic!("no {name} in {symbols:#?}"))
    };
    let guler = named("T2 Yaşar Güler");
    assert_eq!(guler["detail"], "Person");
    assert_eq!(guler["kind"], 15, "a span is a string symbol");
    // Its normalization sits under it.
    assert_eq!(guler["children"][0]["kind"], 20, "{guler:#}");
    assert_eq!(named("R1 Located")["kind"], 25, "a relation is an operator");
    assert_eq!(named("R1 Located")["range"]["start"]["line"], 5);
}

#[test]
fn renaming_an_id_renames_kb_references_in_ann_files() {
    let (corpus, mut client) = start();
    let params = |new: &str| {
        let mut p = at(&corpus, "kb/kb.toml", "\"yasar-guler\"", 0);
        p["position"]["character"] = json!(p["position"]["character"].as_u64().unwrap() + 2);
        p["newName"] = json!(new);
        p
    };
    let edit = client.call("textDocument/rename", params("guler"));
    let ann = uri(&corpus.path("news/ankara-talks.ann"));
    let edits = edit["changes"][ann.as_str()].as_array().unwrap_or_else(|| panic!("{edit:#}"));
    let text = std::fs::read_to_string(corpus.path("news/ankara-talks.ann")).unwrap();
    let renamed = apply_edits(&text, edits);
    assert!(renamed.contains("N1\tReference T2 kb:guler\tYaşar Güler\n"), "{renamed}");
    assert_eq!(renamed.replace("kb:guler", "kb:yasar-guler"), text, "only the reference changes");
}

#[test]
fn disagreements_show_on_the_curated_copy_and_take_one_annotators_labels() {
    // `[agreement]`: annotator-a and annotator-b; the curated copy started as annotator-a's.
    let corpus = TempCorpus::copy_of("checks/annotation/disagreement");
    let mut client = Client::start(corpus.root());
    client.initialize(corpus.root(), json!({}));
    let txt = client.open(&corpus.path("curated/harbor.txt"), "plaintext");
    let ann_path = corpus.path("curated/harbor.ann");
    let ann = client.open(&ann_path, "brat");
    let disagreements = |diagnostics: Vec<Value>| -> Vec<Value> {
        diagnostics.into_iter().filter(|d| d["code"] == "annotation/disagreement").collect()
    };
    let found = disagreements(client.diagnostics(&txt, Some(1)));
    let messages: Vec<&str> = found.iter().map(|d| d["message"].as_str().unwrap()).collect();
    assert_eq!(
        messages,
        [
            "annotators disagree on `Harbor Council`: annotator-a `ORG`, annotator-b `LOC`; the curated copy has `ORG`",
            "annotators disagree on `Port Elska`: annotator-a `LOC`, annotator-b no annotation; the curated copy has `LOC`",
            "annotators disagree on `Elska`: annotator-a no annotation, annotator-b `LOC`; the curated copy has no annotation",
        ]
    );
    assert_eq!(found[0]["severity"], 3, "information");
    // The other annotator's annotation is a related location, in its own `.ann`.
    let related = found[0]["relatedInformation"].as_array().unwrap();
    assert!(
        related[1]["location"]["uri"].as_str().unwrap().ends_with("annotator-b/harbor.ann"),
        "{related:#?}"
    );
    assert_eq!(related[1]["message"], "annotator-b: `LOC`");

    // One action per choice the curated copy has not made yet; each edits the curated `.ann`.
    let take = |client: &mut Client, diagnostic: &Value| -> Vec<(String, String)> {
        let actions = client.call(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": txt}, "range": diagnostic["range"], "context": {"diagnostics": [diagnostic]}}),
        );
        let current = std::fs::read_to_string(&ann_path).unwrap();
        actions
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| a["title"].as_str().unwrap().starts_with("Take "))
            .map(|a| {
                let edits = a["edit"]["changes"][&ann].as_array().unwrap();
                (a["title"].as_str().unwrap().to_owned(), apply_edits(&current, edits))
            })
            .collect()
    };
    let original = std::fs::read_to_string(&ann_path).unwrap();
    assert_eq!(
        original,
        "T1\tPER 0 11\tMira Tanaka\nT2\tORG 33 47\tHarbor Council\nT3\tLOC 51 61\tPort Elska\n"
    );
    let retype = take(&mut client, &found[0]);
    assert_eq!(retype.iter().map(|(t, _)| t.as_str()).collect::<Vec<_>>(), ["Take annotator-b's (`LOC`)"]);
    assert_eq!(retype[0].1, original.replace("T2\tORG", "T2\tLOC"));
    let remove = take(&mut client, &found[1]);
    assert_eq!(remove[0].0, "Take annotator-b's (no annotation)");
    assert_eq!(remove[0].1, original.replace("T3\tLOC 51 61\tPort Elska\n", ""));
    // `Elska` lies inside `Port Elska`: the actions of both findings are offered there.
    let add = take(&mut client, &found[2]);
    let titles: Vec<&str> = add.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(titles, ["Take annotator-b's (no annotation)", "Take annotator-b's (`LOC`)"]);
    assert_eq!(add[1].1, format!("{original}T4\tLOC 56 61\tElska\n"));

    // Taken: the curated copy now has b's label, and a's is the choice left.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": ann, "version": 2}, "contentChanges": [{"text": retype[0].1}]}),
    );
    let after = loop {
        let found = disagreements(client.diagnostics(&txt, None));
        if found[0]["message"].as_str().unwrap().ends_with("the curated copy has `LOC`") {
            break found;
        }
    };
    std::fs::write(&ann_path, &retype[0].1).unwrap();
    let titles: Vec<String> = take(&mut client, &after[0]).into_iter().map(|(t, _)| t).collect();
    assert_eq!(titles, ["Take annotator-a's (`ORG`)"]);
    assert_eq!(client.shutdown(), 0);
}
