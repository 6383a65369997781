//! Mention finding on small texts: what is a mention, what is not.

use super::*;
use crate::corpus::{ArticleFormat, FileId};

const KB: &str = r#"
[[entity]]
id = "azerbaijan"
kind = "place"
name = "Azerbaijan"
demonyms = ["Azerbaijani", "Azeri"]

[[entity]]
id = "turkey"
kind = "place"
name = "Türkiye"
aliases = ["Turkey"]
demonyms = ["Turkish"]

[[entity]]
id = "hulusi-akar"
kind = "person"
name = "Hulusi Akar"
aliases = ["Akar"]
variants = ["Hulusi Akkar"]
  [[entity.role]]
  title = "Minister of National Defence"
  also = ["Defense Minister", "Defence Minister"]
  from = "2018-07-10"

[[entity]]
id = "nagorno-karabakh"
kind = "place"
name = "Nagorno-Karabakh"
aliases = ["Karabakh"]

[[entity]]
id = "ilham-aliyev"
kind = "person"
name = "Ilham Aliyev"
aliases = ["Aliyev"]

[[entity]]
id = "heydar-aliyev"
kind = "person"
name = "Heydar Aliyev"

[[entity]]
id = "nikol-pashinyan"
kind = "person"
name = "Nikol Pashinyan"
aliases = ["Никол Пашинян", "Пашинян"]
  [[entity.role]]
  title = "Prime Minister of Armenia"
  also = ["премьер-министр Армении"]
  from = "2018-05-08"

[[entity]]
id = "maria-zakharova"
kind = "person"
name = "Maria Zakharova"
aliases = ["Мария Захарова", "Захарова"]

[[entity]]
id = "sergei-shoigu"
kind = "person"
name = "Sergei Shoigu"
aliases = ["Сергей Шойгу", "Шойгу"]

[[entity]]
id = "hikmet-hajiyev"
kind = "person"
name = "Hikmet Hajiyev"

[[entity]]
id = "artur-rasizade"
kind = "person"
name = "Artur Rasizade"
aliases = ["Rasizade"]

[[entity]]
id = "erdogan"
kind = "person"
name = "Recep Tayyip Erdoğan"
aliases = ["Erdoğan", "Tayyip Erdoğan"]

[[entity]]
id = "zakir-hasanov"
kind = "person"
name = "Zakir Hasanov"
"#;

fn find(text: &str) -> (Kb, Mentions) {
    let kb = crate::kb::load(&[(FileId(0), KB)]);
    let matcher = Matcher::new(&kb);
    let article = Article::parse(text, ArticleFormat::Markdown, None);
    let mentions = matcher.find(text, &article, &kb);
    (kb, mentions)
}

fn shown(text: &str) -> Vec<String> {
    let (kb, mentions) = find(text);
    mentions
        .mentions
        .iter()
        .map(|m| format!("{}={}:{:?}", &text[m.span.range()], kb.entity(m.entity).key, m.written))
        .collect()
}

#[test]
fn boundaries_possessives_and_longest_forms() {
    let found = shown(
        "Azerbaijan’s army; Azerbaijani troops; Akarsu; Hulusi Akar's visit; Nagorno-Karabakh (Karabakh).",
    );
    assert_eq!(
        found,
        [
            "Azerbaijan=azerbaijan:Form(Name)",
            "Hulusi Akar=hulusi-akar:Form(Name)",
            "Nagorno-Karabakh=nagorno-karabakh:Form(Name)",
            "Karabakh=nagorno-karabakh:Form(Alias(0))"
        ]
    );
}

#[test]
fn variants_links_and_undiacritized_forms() {
    let text = "[the general](kb:hulusi-akar) met Hulusi Akkar and [Akar](kb:hulusi-akar) in Turkiye; Erdogan spoke. `Akar` in code.";
    assert_eq!(
        shown(text),
        [
            "the general=hulusi-akar:Other",
            "Hulusi Akkar=hulusi-akar:Form(Variant(0))",
            "Akar=hulusi-akar:Form(Alias(0))",
            "Turkiye=turkey:Undiacritized(Name)",
            "Erdogan=erdogan:Undiacritized(Alias(0))"
        ]
    );
}

#[test]
fn a_surname_after_someone_elses_given_name_is_not_a_mention() {
    assert_eq!(
        shown("Mehriban Aliyev founded it; President Aliyev spoke; Turkish Akar agreed."),
        ["Aliyev=ilham-aliyev:Form(Alias(0))", "Akar=hulusi-akar:Form(Alias(0))"]
    );
    // A given name the KB does not know is still someone else's.
    assert_eq!(shown("Mehriban Aliyev is not Ilham."), Vec::<String>::new());
}

#[test]
fn fragments_of_people_named_in_full() {
    let text = "Zakir Hasanov met Ilham Aliyev. Hasanov said Zakir agreed; Ilham listened.";
    assert_eq!(
        shown(text),
        [
            "Zakir Hasanov=zakir-hasanov:Form(Name)",
            "Ilham Aliyev=ilham-aliyev:Form(Name)",
            "Hasanov=zakir-hasanov:Fragment",
            "Zakir=zakir-hasanov:Fragment",
            "Ilham=ilham-aliyev:Fragment"
        ]
    );
    // Without the full name, a bare surname that is not a KB alias is nobody.
    assert_eq!(shown("Hasanov said."), Vec::<String>::new());
}

#[test]
fn a_surname_two_people_here_share_is_ambiguous() {
    let text = "Ilham Aliyev and Heydar Aliyev were presidents; Aliyev won.";
    let (kb, mentions) = find(text);
    assert_eq!(mentions.ambiguous.len(), 1, "{mentions:?}");
    let ambiguous = &mentions.ambiguous[0];
    assert_eq!(&text[ambiguous.span.range()], "Aliyev");
    assert!(ambiguous.named_here);
    let keys: Vec<_> = ambiguous.candidates.iter().map(|&e| kb.entity(e).key.as_str()).collect();
    assert_eq!(keys, ["ilham-aliyev", "heydar-aliyev"]);
}

#[test]
fn titles_and_their_qualifiers() {
    let text = "Defense Minister Hulusi Akar met the former defence minister; then-Defence Minister X.";
    let (_, mentions) = find(text);
    let titles: Vec<_> = mentions.titles.iter().map(|t| (&text[t.span.range()], t.qualified)).collect();
    assert_eq!(titles, [("Defense Minister", false), ("defence minister", true), ("Defence Minister", true)]);
}

#[test]
fn unknown_people_introduced_by_titles() {
    let text = "Deputy Spokesman Farhan Haq said; ombudsman Gegham Stepanyan said; Commander Gen. Hasan Küçükakyüz and \
                Secretary Armen said; Defense Minister Hulusi Akar came; Chief Executive Officer spoke.";
    let (_, mentions) = find(text);
    let people: Vec<_> = mentions
        .unknown_people
        .iter()
        .filter_map(|p| Some((&text[p.title?.range()], &text[p.name.range()])))
        .collect();
    assert_eq!(
        people,
        [
            ("Deputy Spokesman", "Farhan Haq"),
            ("ombudsman", "Gegham Stepanyan"),
            ("Commander Gen.", "Hasan Küçükakyüz")
        ]
    );
}

/// Issue 12: without a KB, no phrase that is not a person is taken for one.
#[test]
fn unknown_people_end_at_sentences_titles_and_headlines() {
    let text = "He met President Wolodimir Zelensky. Three ministers came; the President appointed Mr \
                Gabriel Attal Prime Minister; Chief of Staff Ron Klain and J. Edgar spoke.\n\n\
                EU Leader Holds Separate Talks with Spokesman Farhan Haq\n";
    let (_, mentions) = find(text);
    let people: Vec<_> = mentions.unknown_people.iter().map(|p| &text[p.name.range()]).collect();
    assert_eq!(people, ["Wolodimir Zelensky", "Gabriel Attal", "Ron Klain"]);
}

#[test]
fn lone_names_of_unknown_people_are_theirs() {
    let text = "Deputy Spokesman Farhan Haq said so. \"We urge restraint,\" Haq added. Haq is not before.";
    let (_, mentions) = find(text);
    let all: Vec<_> = mentions
        .unknown_people
        .iter()
        .map(|p| (&text[p.name.range()], p.title.is_some(), p.full.as_str()))
        .collect();
    assert_eq!(
        all,
        [("Farhan Haq", true, "Farhan Haq"), ("Haq", false, "Farhan Haq"), ("Haq", false, "Farhan Haq")]
    );
}

#[test]
fn near_misses_of_kb_names() {
    let text = "Presidential aide Hikmet Hajjiyev and Prime Minister Artur Rasi-zade met Heydar Aliyeva. AKAR agreed.";
    let (kb, mentions) = find(text);
    let misses: Vec<_> = mentions
        .near_misses
        .iter()
        .map(|m| (&text[m.span.range()], kb.entity(m.entity).key.as_str(), m.distance))
        .collect();
    assert_eq!(misses, [("Hikmet Hajjiyev", "hikmet-hajiyev", 1), ("Artur Rasi-zade", "artur-rasizade", 0)]);
    assert!(
        mentions.unknown_people.is_empty(),
        "a near miss is not also an unknown person: {:?}",
        mentions.unknown_people
    );
}

/// A given name of someone named in full is no fragment when a capitalised word follows:
/// "Hikmet Hajjiyev" after "Hikmet Hajiyev" is the same person misspelt, not "Hikmet" and
/// a stranger.
#[test]
fn a_misspelt_full_name_after_the_right_one_is_a_near_miss() {
    let text = "Hikmet Hajiyev spoke. Later Hikmet Hajjiyev and Hikmet agreed.";
    let (kb, mentions) = find(text);
    let misses: Vec<_> = mentions
        .near_misses
        .iter()
        .map(|m| (&text[m.span.range()], kb.entity(m.entity).key.as_str()))
        .collect();
    assert_eq!(misses, [("Hikmet Hajjiyev", "hikmet-hajiyev")]);
    let fragments: Vec<_> = mentions
        .mentions
        .iter()
        .filter(|m| m.written == Written::Fragment)
        .map(|m| &text[m.span.range()])
        .collect();
    assert_eq!(fragments, ["Hikmet"], "the lone given name is still the person");
}

#[test]
fn names_run_together_but_not_hashtags() {
    let text = "Aide HikmetHajiyev spoke; #HikmetHajiyev trended.";
    let (_, mentions) = find(text);
    let misses: Vec<_> = mentions.near_misses.iter().map(|m| (&text[m.span.range()], m.distance)).collect();
    assert_eq!(misses, [("HikmetHajiyev", 0)]);
}

#[test]
fn mention_lookup_by_offset() {
    let text = "Hulusi Akar and Azerbaijan";
    let (_, mentions) = find(text);
    assert_eq!(mentions.at(3).map(|m| m.span), Some(Span::new(0, 11)));
    assert_eq!(mentions.at(11).map(|m| m.span), Some(Span::new(0, 11)));
    assert_eq!(mentions.at(13), None);
    assert_eq!(mentions.at(text.len()).map(|m| m.span.start), Some(16));
}

/// Issue 11: a title right after a hyphen that follows a multi-byte character sliced
/// inside that character.
#[test]
fn a_title_after_a_hyphen_and_any_character() {
    for text in [
        "«-Defence Minister Akar",
        "“-Defense Minister Akar",
        "—-Defence Minister Akar",
        "\u{fffd}-Defence Minister",
    ] {
        let (_, mentions) = find(text);
        assert_eq!(mentions.titles.len(), 1, "{text}");
        assert!(!mentions.titles[0].qualified, "{text}");
    }
    let (_, mentions) = find("ex-Defence Minister Akar");
    assert!(mentions.titles[0].qualified);
}

/// Issue 11: a KB form of combining marks only stripped to an empty pattern, which matched
/// without advancing until memory ran out. The loader drops such aliases; the name stays
/// and the matcher must skip it.
#[test]
fn forms_of_marks_only_match_nothing() {
    let kb_text = "[[entity]]\nid = \"marks\"\nkind = \"person\"\nname = \"\u{301}\"\n\
                   aliases = [\"\u{64b}\", \"\u{fe0f}\"]\n  [[entity.role]]\n  title = \"\u{301}\"\n";
    let kb = crate::kb::load(&[(FileId(0), kb_text)]);
    let text = "Akar e\u{301} \u{301} \u{64b}\u{fe0f} spoke.";
    let article = Article::parse(text, ArticleFormat::Markdown, None);
    let mentions = Matcher::new(&kb).find(text, &article, &kb);
    assert!(mentions.mentions.is_empty() && mentions.titles.is_empty(), "{mentions:?}");
}

/// Russian names decline: `Пашиняна`, `Пашиняном` are `Пашинян` with a case ending, and
/// `Захаровой` is `Захарова` with its last letter changed. The mention is the form (or its
/// stem); the ending stays outside, so a rename keeps it. Indeclinable `Шойгу` just matches,
/// and a word merely starting with a name (`Пашинянский`) is not it. A full name with both
/// words declined (`Марией Захаровой`) is found as a declined form of the KB's.
#[test]
fn russian_names_match_in_every_case() {
    let found = shown(
        "Пашинян встретился с Шойгу. Пашиняна поддержали, а Захаровой ответили. Пашиняном довольны. Захарова сказала. Пашинянский стиль. Марией Захаровой.",
    );
    assert_eq!(
        found,
        [
            "Пашинян=nikol-pashinyan:Form(Alias(1))",
            "Шойгу=sergei-shoigu:Form(Alias(1))",
            "Пашинян=nikol-pashinyan:Form(Alias(1))",
            "Захаров=maria-zakharova:Form(Alias(1))",
            "Пашинян=nikol-pashinyan:Form(Alias(1))",
            "Захарова=maria-zakharova:Form(Alias(1))",
            "Марией Захаров=maria-zakharova:Declined(Alias(0))",
        ],
        "{found:#?}"
    );
}

/// A Russian title matches in any capitalisation (the automaton's ASCII folding does not
/// reach Cyrillic) and with its head word declined, and the declined name after it is the
/// person the title describes.
#[test]
fn russian_titles_decline_and_attach() {
    let text = "Премьер-министр Армении Пашинян прибыл. Встреча у премьер-министра Армении Никола Пашиняна.";
    let (_, mentions) = find(text);
    let titles: Vec<&str> = mentions.titles.iter().map(|t| &text[t.span.range()]).collect();
    assert_eq!(titles, ["Премьер-министр Армении", "премьер-министра Армении"]);
    let attached: Vec<(&str, &str)> = mentions
        .attachments(text)
        .iter()
        .map(|a| (&text[a.title.span.range()], &text[a.mention.span.range()]))
        .collect();
    assert_eq!(
        attached,
        [("Премьер-министр Армении", "Пашинян"), ("премьер-министра Армении", "Никола Пашинян")]
    );
}

/// A KB in Latin letters reads Cyrillic text: `Ильхам Алиев` is `Ilham Aliyev` (BGN/PCGN
/// romanisation, `y`/`i` folded), `Алиева` the same surname declined, `Хулуси Акар` the KB's
/// `Hulusi Akar`. A Cyrillic word that romanises to nothing in the KB stays unread.
#[test]
fn latin_kb_forms_match_cyrillic_text() {
    let found = shown("Ильхам Алиев встретился с Хулуси Акаром. Позже Алиева спросили о Гюлере.");
    assert_eq!(
        found,
        [
            "Ильхам Алиев=ilham-aliyev:Transliterated(Name)",
            "Хулуси Акар=hulusi-akar:Transliterated(Name)",
            "Алиев=ilham-aliyev:Transliterated(Alias(0))",
        ],
        "{found:#?}"
    );
}
