//! Small closed word lists that decide how capitalised words around a name are read:
//! titles and ranks introduce people, sentence-initial function words are not names.

use std::sync::LazyLock;

/// Words that, written before a capitalised name, make it a person's name: "Deputy
/// Spokesman Farhan Haq", "ombudsman Gegham Stepanyan". Compared lower-case.
const TITLE_HEADS: &[&str] = &[
    "president",
    "vice-president",
    "minister",
    "premier",
    "chancellor",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "ombudsman",
    "ambassador",
    "envoy",
    "commander",
    "chief",
    // "Chief of Staff Ron Klain", "Chief of General Staff Yaşar Güler".
    "staff",
    "secretary",
    "aide",
    "adviser",
    "advisor",
    "chairman",
    "chairwoman",
    "chairperson",
    "director",
    "governor",
    "mayor",
    "senator",
    "deputy",
    "lawmaker",
    "diplomat",
    "general",
    "gen",
    "admiral",
    "adm",
    "colonel",
    "col",
    "lieutenant",
    "lt",
    "major",
    "maj",
    "captain",
    "capt",
    "sergeant",
    "sgt",
    "officer",
    "prosecutor",
    "judge",
    "king",
    "queen",
    "prince",
    "sheikh",
    "emir",
    "pope",
    "patriarch",
    "archbishop",
    "bishop",
    "rector",
    "professor",
    "prof",
    "dr",
    "mr",
    "mrs",
    "ms",
    "sir",
    "leader",
    "head",
    "counterpart",
    "representative",
    "rapporteur",
    "coordinator",
    "negotiator",
    "commissioner",
    "speaker",
    "mp",
    "mep",
    "attaché",
    "consul",
    "counsellor",
    "counselor",
    "journalist",
    "correspondent",
    "analyst",
];

/// Military ranks and honorifics that may stand between a title and a name ("Land Forces
/// Commander Gen. Musa Avsever"). Compared lower-case, without a final period.
const RANKS: &[&str] = &[
    "gen",
    "general",
    "adm",
    "admiral",
    "col",
    "colonel",
    "lt",
    "lieutenant",
    "maj",
    "major",
    "capt",
    "captain",
    "brig",
    "brigadier",
    "cmdr",
    "commander",
    "sgt",
    "marshal",
    "air",
    "vice",
    "rear",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sir",
];

/// Capitalised words that are not names even when they look like one: sentence-initial
/// function words and the months and weekdays that start many sentences.
const NOT_NAMES: &[&str] = &[
    "the",
    "a",
    "an",
    "and",
    "but",
    "or",
    "if",
    "in",
    "on",
    "at",
    "of",
    "for",
    "to",
    "by",
    "with",
    "from",
    "as",
    "after",
    "before",
    "during",
    "since",
    "until",
    "while",
    "when",
    "where",
    "that",
    "this",
    "these",
    "those",
    "it",
    "its",
    "he",
    "she",
    "they",
    "we",
    "you",
    "i",
    "his",
    "her",
    "their",
    "our",
    "both",
    "all",
    "some",
    "many",
    "most",
    "other",
    "another",
    "such",
    "no",
    "not",
    "yes",
    "also",
    "however",
    "meanwhile",
    "moreover",
    "earlier",
    "later",
    "today",
    "yesterday",
    "tomorrow",
    "last",
    "next",
    "there",
    "here",
    "what",
    "who",
    "which",
    "why",
    "how",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "sept",
    "prior",
    "under",
    "between",
    "against",
    "about",
    "according",
    "despite",
    "without",
    "within",
    "among",
    "given",
    "representatives",
    "officials",
    "sources",
    "relations",
    "tensions",
    "leave",
    "sign",
    "get",
    "keep",
    "you",
    "choose",
    "follow",
    "thank",
    "here",
    "read",
    "comments",
    "related",
    "more",
    "liberation",
];

/// Words written before a title head that belong to the title: "Prime Minister", "Foreign
/// Minister", "Deputy Chief". `dateline kb suggest` keeps them in the role it proposes;
/// a nationality ("Armenian Prime Minister") is left out, as a KB title has none.
const TITLE_MODIFIERS: &[&str] = &[
    "prime",
    "foreign",
    "defence",
    "defense",
    "interior",
    "home",
    "finance",
    "economy",
    "economic",
    "justice",
    "health",
    "education",
    "energy",
    "trade",
    "agriculture",
    "culture",
    "environment",
    "labour",
    "labor",
    "transport",
    "emergencies",
    "emergency",
    "security",
    "national",
    "state",
    "press",
    "executive",
    "supreme",
    "first",
    "vice",
    "deputy",
    "chief",
    "general",
    "senior",
    "special",
];

/// Last words of organisation names: "Defence Ministry", "Council of Europe", "European
/// Union". `dateline kb suggest` proposes names ending in (or built on) them.
const ORGANIZATION_HEADS: &[&str] = &[
    "ministry",
    "council",
    "parliament",
    "assembly",
    "commission",
    "committee",
    "agency",
    "bank",
    "court",
    "union",
    "party",
    "organization",
    "organisation",
    "office",
    "service",
    "government",
    "university",
    "company",
    "corporation",
    "group",
    "fund",
    "federation",
    "alliance",
    "movement",
    "front",
    "forces",
    "army",
    "navy",
    "police",
    "department",
    "administration",
    "authority",
    "institute",
    "foundation",
    "association",
    "congress",
    "senate",
    "duma",
    "cabinet",
    "secretariat",
    "directorate",
    "bureau",
    "tribunal",
    "network",
];

/// A word list sorted once for binary search: faster than hashing for a hundred short
/// words, and these lookups run for every word of every article.
/// A word list as a hash set: asked for every word of every article, so one hash of a
/// short key beats a binary search's string comparisons.
struct WordSet(rustc_hash::FxHashSet<&'static str>);

impl WordSet {
    fn new(words: impl Iterator<Item = &'static str>) -> WordSet {
        WordSet(words.collect())
    }

    fn contains(&self, word: &str) -> bool {
        self.0.contains(word)
    }
}

/// The lists, as sets, built once.
struct Sets {
    title_heads: WordSet,
    ranks: WordSet,
    not_names: WordSet,
    title_modifiers: WordSet,
    organization_heads: WordSet,
}

static SETS: LazyLock<Sets> = LazyLock::new(|| Sets {
    title_heads: WordSet::new(TITLE_HEADS.iter().copied()),
    ranks: WordSet::new(RANKS.iter().copied()),
    not_names: WordSet::new(NOT_NAMES.iter().copied().chain(TITLE_HEADS.iter().copied())),
    title_modifiers: WordSet::new(TITLE_MODIFIERS.iter().copied()),
    organization_heads: WordSet::new(ORGANIZATION_HEADS.iter().copied()),
});

/// Calls `f` with `word` lower-cased and without a final period, on the stack: these
/// lookups run for every word of every article. Words the lists cannot hold (long, or not
/// ASCII apart from the lists' one `é`) are given as `None`.
fn with_key<T>(word: &str, f: impl FnOnce(Option<&str>) -> T) -> T {
    let word = word.strip_suffix('.').unwrap_or(word);
    let mut buffer = [0u8; 24];
    if word.len() > buffer.len() || !word.is_ascii() {
        let lower = word.to_lowercase();
        return f((lower.len() <= 24).then_some(lower.as_str()));
    }
    for (slot, byte) in buffer.iter_mut().zip(word.bytes()) {
        *slot = byte.to_ascii_lowercase();
    }
    f(std::str::from_utf8(&buffer[..word.len()]).ok())
}

/// Whether `word` is a title word that introduces a person ("Spokesman", "ombudsman",
/// "Secretary-General").
pub fn is_title_head(word: &str) -> bool {
    with_key(word, |key| {
        key.is_some_and(|key| {
            let heads = &SETS.title_heads;
            heads.contains(key)
                || key.rsplit('-').next().is_some_and(|last| last != key && heads.contains(last))
        })
    })
}

/// Whether `word` is part of a title when written before its head ("Prime", "Foreign").
pub fn is_title_modifier(word: &str) -> bool {
    with_key(word, |key| key.is_some_and(|key| SETS.title_modifiers.contains(key)))
}

/// Whether `word` ends or heads an organisation's name ("Ministry", "Council").
pub fn is_organization_head(word: &str) -> bool {
    with_key(word, |key| key.is_some_and(|key| SETS.organization_heads.contains(key)))
}

/// Whether `word` is a rank or honorific ("Gen.", "Admiral", "Dr").
pub fn is_rank(word: &str) -> bool {
    with_key(word, |key| key.is_some_and(|key| SETS.ranks.contains(key)))
}

/// Whether a capitalised `word` cannot be (part of) a name.
pub fn is_not_name(word: &str) -> bool {
    with_key(word, |key| key.is_some_and(|key| SETS.not_names.contains(key)))
}

/// Words introducing a title that describes another time: "former Defense Minister",
/// "then-Chief of General Staff", "incoming President". A role check must not read them
/// as of the article's date.
pub fn is_temporal_qualifier(word: &str) -> bool {
    const QUALIFIERS: &[&str] = &[
        "former",
        "ex",
        "then",
        "late",
        "outgoing",
        "incoming",
        "future",
        "designate",
        "elect",
        "acting",
        "interim",
        "onetime",
        "erstwhile",
        "previous",
        "past",
        "retired",
    ];
    with_key(word, |key| key.is_some_and(|key| QUALIFIERS.contains(&key)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_words() {
        assert!(is_title_head("Spokesman") && is_title_head("ombudsman") && is_title_head("Gen."));
        assert!(is_title_head("Secretary-General") && !is_title_head("Nagorno-Karabakh"));
        assert!(is_rank("Gen.") && is_rank("Admiral") && !is_rank("Hulusi"));
        assert!(is_not_name("The") && is_not_name("Tuesday") && !is_not_name("Akar"));
        assert!(
            is_temporal_qualifier("former")
                && is_temporal_qualifier("then")
                && !is_temporal_qualifier("Turkish")
        );
    }
}
