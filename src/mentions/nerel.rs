//! Russian names on real news: NEREL's PERSON annotations that carry a Wikidata id, read
//! back by the matcher from the plain text with a KB of those ids (each named by its `N`
//! line's label, the nominative the annotators wrote: what a KB imported from Wikidata's
//! Russian labels holds). Prints the figures (`cargo test --lib nerel_people --
//! --nocapture`) and holds floors under them.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use super::Matcher;
use crate::corpus::{Article, ArticleFormat, FileId};
use crate::formats::{AnnotatedDocument, brat_document};
use crate::span::Span;

/// One document's gold people: spans with their Wikidata ids.
struct Gold {
    text: String,
    people: Vec<(Span, String)>,
}

fn read(dir: &Path) -> (Vec<Gold>, BTreeMap<String, String>) {
    let mut docs = Vec::new();
    let mut labels: BTreeMap<String, String> = BTreeMap::new();
    let mut names: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().map(|e| e.path()).collect();
    names.sort();
    for ann in names.into_iter().filter(|p| p.extension().is_some_and(|e| e == "ann")) {
        let text = std::fs::read_to_string(ann.with_extension("txt")).unwrap();
        let source = std::fs::read_to_string(&ann).unwrap();
        let doc = brat_document(&text, &source);
        let mut people = Vec::new();
        for span in doc.parts().spans.iter().filter(|s| s.label == "PERSON") {
            let Some(wikidata) = span.kb_refs.iter().find(|r| r.kb.eq_ignore_ascii_case("wikidata")) else {
                continue;
            };
            let (Some(&first), Some(label)) = (span.fragments.first(), wikidata.label.as_deref()) else {
                continue;
            };
            // "нет данных" ("no data"): the annotators found no label, so no KB would name it.
            if label.trim() == "нет данных" {
                continue;
            }
            labels.entry(wikidata.id.clone()).or_insert_with(|| label.trim().to_string());
            people.push((first, wikidata.id.clone()));
        }
        docs.push(Gold { text, people });
    }
    (docs, labels)
}

/// The forms a KB imported from Wikidata's Russian labels and aliases holds beside a
/// label: "Кисин, Евгений Игоревич" is also "Евгений Кисин", and "Алексей Юрьевич Борисов"
/// (with the patronymic) "Алексей Борисов".
fn aliases_of(label: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Some((surname, given)) = label.split_once(", ") {
        let first = given.split_whitespace().next().unwrap_or("");
        out.push(format!("{first} {surname}"));
    } else {
        let words: Vec<&str> = label.split_whitespace().collect();
        if let [first, patronymic, surname] = words[..]
            && (patronymic.ends_with("вич") || patronymic.ends_with("вна") || patronymic.ends_with("ична"))
        {
            out.push(format!("{first} {surname}"));
        }
    }
    out
}

/// A KB of `labels` (Wikidata id → name), each name written by `spell`.
fn kb_of(labels: &BTreeMap<String, String>, spell: impl Fn(&str) -> String) -> crate::kb::Kb {
    let mut kb_toml = String::new();
    for (id, label) in labels {
        let label = label.replace(['\\', '"'], "");
        let aliases: Vec<String> = aliases_of(&label).iter().map(|a| format!("\"{}\"", spell(a))).collect();
        kb_toml.push_str(&format!(
            "[[entity]]\nid = \"{}\"\nkind = \"person\"\nname = \"{}\"\naliases = [{}]\n\n",
            id.to_lowercase(),
            spell(&label),
            aliases.join(", ")
        ));
    }
    crate::kb::load(&[(FileId(0), kb_toml.as_str())])
}

/// A Cyrillic name in Latin letters as our romanisation writes it, each word capitalised.
fn in_latin(name: &str) -> String {
    name.split_whitespace()
        .map(|w| {
            let w = w.trim_end_matches(',');
            let latin = crate::text::translit::romanize_russian(w).unwrap_or_else(|| w.to_string());
            let mut chars = latin.chars();
            chars.next().map(|c| c.to_uppercase().chain(chars).collect::<String>()).unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Linked gold spans and right links of the matcher built from `kb`, over the documents.
struct Linking {
    gold: usize,
    found: usize,
    system: usize,
    right: usize,
}

fn link(docs: &[Gold], labels: &BTreeMap<String, String>, kb: &crate::kb::Kb) -> Linking {
    let matcher = Matcher::new(kb);
    let id_of: HashMap<String, String> = labels.keys().map(|id| (id.to_lowercase(), id.clone())).collect();
    let mut out = Linking { gold: 0, found: 0, system: 0, right: 0 };
    for doc in docs {
        let article = Article::parse(&doc.text, ArticleFormat::Text, None);
        let mentions = matcher.find(&doc.text, &article, kb);
        let linked: Vec<(Span, &str)> = mentions
            .mentions
            .iter()
            .filter_map(|m| Some((m.span, id_of.get(&kb.entity(m.entity).key)?.as_str())))
            .collect();
        for (span, id) in &doc.people {
            out.gold += 1;
            let hit = linked.iter().any(|(s, e)| e == id && s.overlaps(*span));
            out.found += usize::from(hit);
            if !hit && std::env::var_os("DATELINE_NEREL_MISSES").is_some() {
                println!("MISSED {:?} (label {:?})", &doc.text[span.range()], labels.get(id));
            }
        }
        for (span, id) in &linked {
            out.system += 1;
            out.right += usize::from(doc.people.iter().any(|(s, e)| e == id && s.overlaps(*span)));
        }
    }
    out
}

#[test]
fn nerel_people_are_found_in_every_case() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/brat/nerel-v1.1-dev");
    if !dir.is_dir() {
        assert!(std::env::var_os("DATELINE_REQUIRE_DATA").is_none(), "{} is absent", dir.display());
        println!("SKIPPED: {} not found (shared NEREL data)", dir.display());
        return;
    }
    let (docs, labels) = read(&dir);
    let exact_form: usize = docs
        .iter()
        .flat_map(|d| d.people.iter().map(move |(span, id)| (d, span, id)))
        .filter(|(d, span, id)| labels.get(*id).is_some_and(|l| l == &d.text[span.range()]))
        .count();
    let cyrillic = link(&docs, &labels, &kb_of(&labels, str::to_string));
    // The same KB in Latin letters: what a KB imported from English labels reads.
    let latin = link(&docs, &labels, &kb_of(&labels, in_latin));
    for (name, l) in [("Cyrillic", &cyrillic), ("Latin", &latin)] {
        println!(
            "NEREL PERSON with Wikidata ids, KB in {name} letters: {} spans of {} people; linked {} (recall {:.3}), \
             {} of {} links right (precision {:.3}); spans written exactly as the label: {exact_form} ({:.3})",
            l.gold,
            labels.len(),
            l.found,
            l.found as f64 / l.gold as f64,
            l.right,
            l.system,
            l.right as f64 / l.system.max(1) as f64,
            exact_form as f64 / l.gold as f64
        );
    }
    assert!(cyrillic.gold > 500, "{}", cyrillic.gold);
    // Floors under the figures in the README ("Names in Russian").
    let recall = |l: &Linking| l.found as f64 / l.gold as f64;
    let precision = |l: &Linking| l.right as f64 / l.system.max(1) as f64;
    assert!(recall(&cyrillic) > 0.68 && precision(&cyrillic) > 0.96, "Cyrillic KB");
    assert!(recall(&latin) > 0.65 && precision(&latin) > 0.94, "Latin KB");
}
