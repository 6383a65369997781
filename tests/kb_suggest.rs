//! `dateline kb suggest` and `dateline init`: the real binary on corpora written here, and
//! on the real news of `../shared/data/news-dev` (skipped, saying so, when it is absent).

mod support;

use std::path::Path;
use std::process::{Command, Output};

use dateline::corpus::FileId;
use support::TempCorpus;

fn dateline(dir: &Path, args: &[&str]) -> Output {
    Command::new(support::bin()).args(args).current_dir(dir).output().unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Three articles in our own words: one minister spelt two ways, a second person, an
/// organisation and a place named in two articles, a "former" title that says nothing of
/// the article's date.
fn corpus() -> TempCorpus {
    TempCorpus::new(&[
        (
            "a.md",
            "---\ndate: 2021-03-02\n---\n\nForeign Minister Sergey Lavrin met reporters in Brussels.\n\n\
             The European Council said the talks would go on. Mr. Otto Brenn, a farmer, listened.\n",
        ),
        (
            "b.md",
            "---\ndate: 2022-07-15\n---\n\nRussian Foreign Minister Sergei Lavrin flew in Brussels on Friday.\n\n\
             The European Council met. Sergei Lavrin spoke.\n",
        ),
        (
            "c.md",
            "---\ndate: 2023-01-09\n---\n\nformer President Ada Voss and Spokesperson Nils Kaarto spoke. \
             Ed Hale is the new Health Secretary. Lena Moor said so.\n",
        ),
    ])
}

#[test]
fn suggests_people_with_attested_roles_spellings_organisations_and_places() {
    let corpus = corpus();
    let output = dateline(corpus.root(), &["kb", "suggest", "--output-format", "json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let people = json["people"].as_array().unwrap();
    let lavrin = people.iter().find(|p| p["name"] == "Sergei Lavrin").unwrap_or_else(|| panic!("{json:#}"));
    // Sergey/Sergei are one person; the spelling used more is the name.
    assert_eq!(lavrin["spellings"][0], serde_json::json!({"text": "Sergei Lavrin", "count": 2}));
    assert_eq!(lavrin["spellings"][1], serde_json::json!({"text": "Sergey Lavrin", "count": 1}));
    assert_eq!(lavrin["articles"], serde_json::json!(["a.md", "b.md"]));
    // "Russian Foreign Minister" is the role "Foreign Minister", seen on both dates.
    assert_eq!(
        lavrin["roles"],
        serde_json::json!([{"title": "Foreign Minister", "first": "2021-03-02", "last": "2022-07-15", "articles": 2}])
    );
    // An honorific is no role; a "former" title is not attested on the article's date.
    let names: Vec<&str> = people.iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert!(names.contains(&"Otto Brenn") && names.contains(&"Ada Voss"), "{names:?}");
    for person in people {
        let name = person["name"].as_str().unwrap();
        if name == "Otto Brenn" || name == "Ada Voss" {
            assert_eq!(person["roles"], serde_json::json!([]), "{name}");
        }
    }
    // A title that ends a sentence does not introduce the next one's subject.
    let moor = people.iter().find(|p| p["name"] == "Lena Moor").unwrap_or_else(|| panic!("{json:#}"));
    assert_eq!(moor["roles"], serde_json::json!([]), "{json:#}");
    let kaarto = people.iter().find(|p| p["name"] == "Nils Kaarto").unwrap();
    assert_eq!(kaarto["roles"][0]["title"], "Spokesperson");
    assert_eq!(json["organizations"][0]["name"], "European Council");
    assert_eq!(json["places"][0]["name"], "Brussels");
    assert_eq!(json["places"].as_array().unwrap().len(), 1, "{json:#}");

    // Named in one article only: not proposed unless asked for.
    let one = dateline(corpus.root(), &["kb", "suggest", "--format", "json", "--min-articles", "3"]);
    let json: serde_json::Value = serde_json::from_slice(&one.stdout).unwrap();
    assert_eq!(json["organizations"], serde_json::json!([]));
}

/// The TOML is a KB to review: it loads without problems, with the roles marked attested;
/// `--write` appends it to kb/people.toml, after which nothing is left to suggest and the
/// attested roles raise no role mismatch.
#[test]
fn written_suggestions_load_and_are_not_suggested_again() {
    let corpus = corpus();
    let printed = dateline(corpus.root(), &["kb", "suggest"]);
    assert!(printed.status.success(), "{}", stderr(&printed));
    let toml = stdout(&printed);
    assert!(toml.starts_with("# Suggested by `dateline kb suggest`"), "{toml}");
    assert!(
        toml.contains("name = \"Sergei Lavrin\"\naliases = [\"Sergey Lavrin\"]\n  [[entity.role]]\n  title = \"Foreign Minister\"\n  from = \"2021-03-02\"\n  to = \"2022-07-15\"\n  attested = true\n"),
        "{toml}"
    );
    assert!(toml.contains("# Spellings: Sergei Lavrin ×2, Sergey Lavrin ×1;"), "{toml}");
    let kb = dateline::kb::load(&[(FileId(0), toml.as_str())]);
    assert!(kb.problems().is_empty(), "{:?}", kb.problems());
    let lavrin = kb.entity(kb.lookup("sergei-lavrin").unwrap());
    assert!(lavrin.roles[0].attested);
    assert_eq!(lavrin.roles[0].tenure(), "seen 2021-03-02 – 2022-07-15");
    assert!(!corpus.path("kb").exists(), "printing writes nothing");

    // Only into a KB file of the corpus.
    let outside = tempfile::NamedTempFile::new().unwrap();
    let refused =
        dateline(corpus.root(), &["kb", "suggest", "--write", "--kb", outside.path().to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    assert!(stderr(&refused).contains("is not one of the corpus's KB files"), "{}", stderr(&refused));
    assert_eq!(std::fs::read_to_string(outside.path()).unwrap(), "");
    let missing = dateline(corpus.root(), &["kb", "suggest", "no-such-folder"]);
    assert_eq!(missing.status.code(), Some(2), "{}", stderr(&missing));

    let written = dateline(corpus.root(), &["kb", "suggest", "--write"]);
    assert!(written.status.success(), "{}", stderr(&written));
    assert!(stderr(&written).contains("Appended 7 entries to"), "{}", stderr(&written));
    let again = dateline(corpus.root(), &["kb", "suggest", "--write"]);
    assert!(
        stderr(&again).contains("Suggested 0 people, 0 organisations and 0 places"),
        "{}",
        stderr(&again)
    );
    assert!(stderr(&again).contains("Nothing to add"), "{}", stderr(&again));

    // A title seen outside the attested dates is no mismatch: the record is incomplete.
    corpus.write("d.md", "---\ndate: 2030-01-01\n---\n\nPresident Sergei Lavrin spoke.\n");
    let check = dateline(corpus.root(), &["check", ".", "--output-format", "concise"]);
    let out = stdout(&check);
    assert!(!out.contains("role-mismatch"), "{out}");
    assert!(!out.contains("unknown-person"), "{out}");
}

/// `dateline init`, then suggest, then check: a new user's first three commands.
#[test]
fn init_writes_a_commented_config_and_kb_and_never_overwrites() {
    let corpus = TempCorpus::new(&[]);
    let init = dateline(corpus.root(), &["init"]);
    assert!(init.status.success(), "{}", stderr(&init));
    assert!(stderr(&init).contains("Wrote ./dateline.toml."), "{}", stderr(&init));
    let config = std::fs::read_to_string(corpus.path("dateline.toml")).unwrap();
    dateline::corpus::Config::parse(corpus.root().to_path_buf(), corpus.path("dateline.toml"), &config)
        .expect("the config init writes parses");
    let people = std::fs::read_to_string(corpus.path("kb/people.toml")).unwrap();
    // Every example is commented out; uncommented, they are a valid KB.
    let kb = dateline::kb::load(&[(FileId(0), people.as_str())]);
    assert!(kb.entities().is_empty() && kb.problems().is_empty());
    let examples: String = people
        .lines()
        .filter_map(|l| l.strip_prefix("# "))
        .filter(|l| l.starts_with('[') || l.starts_with("  [") || l.contains(" = "))
        .map(|l| format!("{}\n", l.split("  #").next().unwrap()))
        .collect();
    let kb = dateline::kb::load(&[(FileId(0), examples.as_str())]);
    assert_eq!(kb.entities().len(), 2, "{examples}");
    assert!(
        kb.problems().iter().all(|p| matches!(p.kind, dateline::kb::KbProblemKind::UnknownReference { .. })),
        "{:?}\n{examples}",
        kb.problems()
    );

    std::fs::write(corpus.path("dateline.toml"), "# mine\n[corpus]\n").unwrap();
    let again = dateline(corpus.root(), &["init"]);
    assert!(stderr(&again).contains("dateline.toml exists: left as it is."), "{}", stderr(&again));
    assert_eq!(std::fs::read_to_string(corpus.path("dateline.toml")).unwrap(), "# mine\n[corpus]\n");
}

/// Starting from no KB on real news: suggest proposes the people the articles introduce,
/// with one entry per person across spellings, and written as they are, the entries raise
/// no false alarm against news-dev's labels (the blind set shows that is not guaranteed:
/// README, "Start a KB for your corpus").
#[test]
fn news_dev_from_an_empty_kb() {
    let Some(shared) = support::shared_data("kb suggest on news-dev") else { return };
    let corpus = TempCorpus::new(&[]);
    support::copy_dir(&shared.join("data/news-dev"), corpus.root());
    std::fs::remove_dir_all(corpus.path("kb")).unwrap();
    let output = dateline(corpus.root(), &["kb", "suggest", "--output-format", "json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let people = json["people"].as_array().unwrap();
    let find = |name: &str| people.iter().find(|p| p["name"] == name).unwrap_or_else(|| panic!("no {name}"));
    assert_eq!(find("Nikol Pashinyan")["roles"][0]["title"], "Prime Minister");
    let erdogan = find("Recep Tayyip Erdogan");
    let spellings: Vec<&str> =
        erdogan["spellings"].as_array().unwrap().iter().map(|s| s["text"].as_str().unwrap()).collect();
    assert_eq!(spellings, ["Recep Tayyip Erdogan", "Recep Tayyip Erdoğan"]);
    assert!(people.len() >= 40, "{}", people.len());

    let written = dateline(corpus.root(), &["kb", "suggest", "--write"]);
    assert!(written.status.success(), "{}", stderr(&written));
    let eval = dateline(corpus.root(), &["eval", ".", "--output-format", "json"]);
    let score: serde_json::Value =
        serde_json::from_slice(&eval.stdout).unwrap_or_else(|_| panic!("{}", stdout(&eval)));
    assert_eq!(score["total"]["false_alarms"], 0, "{score:#}");
    assert!(score["total"]["musts_found"].as_u64().unwrap() >= 3, "{score:#}");
}

/// The README's "Start a KB for your corpus", end to end on the bundled example's articles
/// without their KB: init, suggest --write, check. The KB written loads without a KB
/// finding, the no-KB note is gone, and the people the articles introduce are known.
#[test]
fn start_a_kb_on_the_bundled_articles() {
    let corpus = TempCorpus::new(&[]);
    support::copy_dir(&support::fixtures().join("corpus/articles"), &corpus.path("articles"));
    assert!(dateline(corpus.root(), &["init"]).status.success());
    let before = dateline(corpus.root(), &["check", ".", "--output-format", "json", "--exit-zero"]);
    assert!(stderr(&before).contains("this corpus has no knowledge base"), "{}", stderr(&before));
    let written = dateline(corpus.root(), &["kb", "suggest", "--write"]);
    assert!(written.status.success(), "{}", stderr(&written));
    let after = dateline(corpus.root(), &["check", ".", "--output-format", "json", "--exit-zero"]);
    assert!(!stderr(&after).contains("no knowledge base"), "{}", stderr(&after));
    let findings: serde_json::Value = serde_json::from_slice(&after.stdout).unwrap();
    let codes: Vec<&str> = findings.as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap()).collect();
    assert!(codes.iter().all(|c| !c.starts_with("kb/")), "{codes:?}");
    let unknown_before = String::from_utf8_lossy(&before.stdout).matches("name/unknown-person").count();
    let unknown_after = codes.iter().filter(|c| **c == "name/unknown-person").count();
    assert!(unknown_after < unknown_before, "{unknown_before} -> {unknown_after}");
    let kb = std::fs::read_to_string(corpus.path("kb/people.toml")).unwrap();
    assert!(kb.contains("name = \"Hulusi Akar\"") && kb.contains("attested = true"), "{kb}");
}
