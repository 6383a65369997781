//! Name features in the editor: code actions that fix a name or teach the KB, hovers on
//! titles and unknown people, definition of a person the KB does not know.

use serde_json::{Value, json};

use crate::support::TempCorpus;
use crate::support::lsp::{Client, position_of, uri};

const KB: &str = r#"# People.
[[entity]]
id = "hikmet-hajiyev"
kind = "person"
name = "Hikmet Hajiyev"

[[entity]]
id = "hulusi-akar"
kind = "person"
name = "Hulusi Akar"
variants = ["Hulusi Akkar"]
  [[entity.role]]
  title = "Minister of National Defence"
  also = ["Defence Minister"]
  from = "2018-07-10"
  to = "2023-06-04"

[[entity]]
id = "yasar-guler"
kind = "person"
name = "Yaşar Güler"
  [[entity.role]]
  title = "Minister of National Defence"
  also = ["Defence Minister"]
  from = "2023-06-04"
"#;

const ARTICLE: &str = "---\ndate: 2023-09-21\n---\nAide Hikmet Hajjiyev spoke. Hulusi Akkar and Hulusi Akkar left.\n\
Deputy Spokesman Farhan Haq said so, and Haq added more. Defence Minister Yasar Guler agreed.\n";

fn start() -> (TempCorpus, Client, String) {
    let corpus = TempCorpus::new(&[
        ("kb/people.toml", KB),
        ("news.md", ARTICLE),
        ("later.md", "---\ndate: 2023-10-01\n---\nDeputy Spokesman Farhan Haq spoke again.\n"),
    ]);
    let mut client = Client::start(corpus.root());
    client.initialize(corpus.root(), json!({}));
    let doc = uri(&corpus.path("news.md"));
    (corpus, client, doc)
}

fn actions(client: &mut Client, doc: &str, needle: &str, diagnostics: Value) -> Vec<Value> {
    let position = position_of(ARTICLE, needle, 0, false);
    let result = client.call(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": doc}, "range": {"start": position, "end": position}, "context": {"diagnostics": diagnostics}}),
    );
    result.as_array().cloned().unwrap_or_default()
}

#[test]
fn quick_fixes_replace_one_or_all_and_link_their_diagnostics() {
    let (_corpus, mut client, doc) = start();
    let diagnostics = client.diagnostics(&doc, None);
    let variant: Vec<Value> = diagnostics.iter().filter(|d| d["code"] == "name/variant").cloned().collect();
    assert_eq!(variant.len(), 2, "{diagnostics:#?}");
    let found = actions(&mut client, &doc, "Hulusi Akkar", json!(variant));
    let titles: Vec<_> = found.iter().map(|a| a["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["Replace with `Hulusi Akar`", "Fix all `name/variant` in this file (2)"]);
    let one = &found[0];
    assert_eq!(one["kind"], "quickfix");
    assert_eq!(one["isPreferred"], true);
    assert_eq!(one["diagnostics"][0]["code"], "name/variant");
    let edits = &one["edit"]["changes"][&doc];
    assert_eq!(edits.as_array().unwrap().len(), 1);
    assert_eq!(edits[0]["newText"], "Hulusi Akar");
    assert_eq!(found[1]["edit"]["changes"][&doc].as_array().unwrap().len(), 2);
}

#[test]
fn kb_assists_add_spellings_and_create_entries_without_touching_files() {
    let (corpus, mut client, doc) = start();
    client.diagnostics(&doc, None);
    let kb_uri = uri(&corpus.path("kb/people.toml"));
    let near = actions(&mut client, &doc, "Hajjiyev", json!([]));
    let titles: Vec<_> = near.iter().map(|a| a["title"].as_str().unwrap().to_owned()).collect();
    assert!(titles.contains(&"Replace with `Hikmet Hajiyev`".to_owned()), "{titles:?}");
    let alias = near
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with("Add `Hikmet Hajjiyev` to the KB as an alias"))
        .unwrap();
    let edit = &alias["edit"]["changes"][&kb_uri][0];
    assert_eq!(edit["newText"].as_str().unwrap().trim(), "aliases = [\"Hikmet Hajjiyev\"]");

    let unknown = actions(&mut client, &doc, "Farhan Haq", json!([]));
    let create = unknown
        .iter()
        .find(|a| a["title"] == "Create a KB entry for `Farhan Haq` as Deputy Spokesman in people.toml")
        .unwrap_or_else(|| panic!("{unknown:#?}"));
    let text = create["edit"]["changes"][&kb_uri][0]["newText"].as_str().unwrap();
    // The entry keeps the role the article gives, attested on the article's date.
    assert!(text.contains("[[entity]]\nid = \"farhan-haq\"\nkind = \"person\"\nname = \"Farhan Haq\"\n  [[entity.role]]\n  title = \"Deputy Spokesman\"\n  from = \"2023-09-21\"\n  to = \"2023-09-21\"\n  attested = true\n"), "{text}");
    assert!(text.contains("# From news.md (2023-09-21)"), "{text}");
    assert_eq!(
        std::fs::read_to_string(corpus.path("kb/people.toml")).unwrap(),
        KB,
        "edits go to the client; the server writes nothing"
    );
}

/// A corpus without a KB file: the entry goes to a new `kb/people.toml`, created by the
/// client (`documentChanges` with a `create` operation), and only for a client that can.
#[test]
fn a_first_kb_entry_creates_the_kb_file_where_the_client_can() {
    let corpus = TempCorpus::new(&[("news.md", ARTICLE)]);
    let doc = uri(&corpus.path("news.md"));
    let kb_uri = uri(&corpus.path("kb/people.toml"));
    let mut client = Client::start(corpus.root());
    let can_create = json!({"workspace": {"workspaceEdit": {"documentChanges": true, "resourceOperations": ["create", "rename"]}}});
    client.initialize(corpus.root(), can_create);
    client.diagnostics(&doc, None);
    let found = actions(&mut client, &doc, "Farhan Haq", json!([]));
    let create = found
        .iter()
        .find(|a| a["title"] == "Create a KB entry for `Farhan Haq` as Deputy Spokesman in kb/people.toml")
        .unwrap_or_else(|| panic!("{found:#?}"));
    let changes = create["edit"]["documentChanges"].as_array().unwrap();
    assert_eq!(changes[0]["kind"], "create");
    assert_eq!(changes[0]["uri"], kb_uri.as_str());
    assert_eq!(changes[0]["options"]["overwrite"], false);
    assert_eq!(changes[1]["textDocument"]["uri"], kb_uri.as_str());
    let text = changes[1]["edits"][0]["newText"].as_str().unwrap();
    // What the client writes is a KB the CLI loads, with the person and their role.
    let written = TempCorpus::new(&[("news.md", ARTICLE), ("kb/people.toml", text)]);
    let out = std::process::Command::new(crate::support::bin())
        .args(["check", "--output-format", "json"])
        .arg(written.root())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        !stdout.contains("kb/invalid") && !stdout.contains("Farhan Haq` (introduced"),
        "{stdout}\n{text}"
    );
    assert!(text.contains("title = \"Deputy Spokesman\"") && text.contains("attested = true"), "{text}");
    assert!(!corpus.path("kb/people.toml").exists(), "the server writes nothing");
    client.shutdown();

    // A client without file creation is not offered an action it cannot apply.
    let mut plain = Client::start(corpus.root());
    plain.initialize(corpus.root(), json!({}));
    plain.diagnostics(&doc, None);
    let found = actions(&mut plain, &doc, "Farhan Haq", json!([]));
    assert!(
        found.iter().all(|a| !a["title"].as_str().unwrap().starts_with("Create a KB entry")),
        "{found:#?}"
    );
}

#[test]
fn hovers_on_titles_and_unknown_people_and_their_definition() {
    let (corpus, mut client, doc) = start();
    let hover = |client: &mut Client, needle: &str, nth: usize| {
        client.call(
            "textDocument/hover",
            json!({"textDocument": {"uri": doc}, "position": position_of(ARTICLE, needle, nth, false)}),
        )
    };
    let title = hover(&mut client, "Defence Minister", 0);
    let card = title["contents"]["value"].as_str().unwrap();
    assert!(card.starts_with("**Defence Minister** · title"), "{card}");
    assert!(card.contains("Held on 2023-09-21 (the article's date) by:\n- Yaşar Güler — Minister of National Defence (since 2023-06-04)"), "{card}");
    assert!(!card.contains("Hulusi Akar"), "{card}");

    let person = hover(&mut client, "Haq added", 0);
    let card = person["contents"]["value"].as_str().unwrap();
    assert!(card.starts_with("**Farhan Haq** · person, not in the KB"), "{card}");

    let near = hover(&mut client, "Hajjiyev", 0);
    assert!(near["contents"]["value"].as_str().unwrap().contains("the closest KB name is `Hikmet Hajiyev`"));

    // The lone "Haq" goes to the first full mention in the corpus: the earlier-dated article.
    let definition = client.call(
        "textDocument/definition",
        json!({"textDocument": {"uri": doc}, "position": position_of(ARTICLE, "Haq added", 0, false)}),
    );
    assert_eq!(definition["uri"], uri(&corpus.path("news.md")));
    assert_eq!(definition["range"]["start"], position_of(ARTICLE, "Farhan Haq", 0, false));
}

/// Russian in the editor: a declined name (`Пашиняна`) and a declined title are the KB's,
/// hover shows the KB's name in the article's language (`names = { ru = ... }`) with the
/// name beside it, and an English article keeps the KB's name.
#[test]
fn russian_names_decline_and_hover_in_the_articles_language() {
    let kb = "[[entity]]\nid = \"nikol-pashinyan\"\nkind = \"person\"\nname = \"Nikol Pashinyan\"\naliases = [\"Pashinyan\"]\nnames = { ru = \"Никол Пашинян\" }\n  [[entity.role]]\n  title = \"Prime Minister of Armenia\"\n  also = [\"премьер-министр Армении\"]\n  from = \"2018-05-08\"\n";
    let russian = "---\ntitle: Визит\ndate: 2017-06-20\nlang: ru\n---\nВчера у премьер-министра Армении Никола Пашиняна прошла встреча. Пашиняну задали вопросы.\n";
    let english = "---\ntitle: Visit\ndate: 2019-06-20\n---\nPrime Minister Nikol Pashinyan met reporters.\n";
    let corpus = TempCorpus::new(&[
        ("dateline.toml", "[corpus]\nkb = [\"kb/*.toml\"]\n"),
        ("kb/people.toml", kb),
        ("articles/ru.md", russian),
        ("articles/en.md", english),
    ]);
    let mut client = Client::start(corpus.root());
    client.initialize(corpus.root(), json!({}));
    let card = client.hover_text(&corpus.path("articles/ru.md"), russian, "Пашиняну");
    assert!(card.starts_with("**Никол Пашинян** (Nikol Pashinyan) · person"), "{card}");
    let card = client.hover_text(&corpus.path("articles/en.md"), english, "Nikol Pashinyan");
    assert!(card.starts_with("**Nikol Pashinyan** · person"), "{card}");
    // The declined title on the article's date (2017) is a role the KB says he did not hold.
    let diagnostics = client.diagnostics(&uri(&corpus.path("articles/ru.md")), None);
    let codes: Vec<&str> = diagnostics.iter().filter_map(|d| d["code"].as_str()).collect();
    assert!(codes.contains(&"name/role-mismatch"), "{diagnostics:?}");
}
