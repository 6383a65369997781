//! Small closed word lists that decide how capitalised words around a name are read:
//! titles and ranks introduce people, sentence-initial function words are not names.

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

fn key(word: &str) -> String {
    word.trim_end_matches('.').to_lowercase()
}

/// Whether `word` is a title word that introduces a person ("Spokesman", "ombudsman",
/// "Secretary-General").
pub fn is_title_head(word: &str) -> bool {
    let key = key(word);
    TITLE_HEADS.contains(&key.as_str())
        || key.rsplit('-').next().is_some_and(|last| last != key && TITLE_HEADS.contains(&last))
}

/// Whether `word` is a rank or honorific ("Gen.", "Admiral", "Dr").
pub fn is_rank(word: &str) -> bool {
    RANKS.contains(&key(word).as_str())
}

/// Whether a capitalised `word` cannot be (part of) a name.
pub fn is_not_name(word: &str) -> bool {
    let key = key(word);
    NOT_NAMES.contains(&key.as_str()) || TITLE_HEADS.contains(&key.as_str())
}

/// Words introducing a title that describes another time: "former Defense Minister",
/// "then-Chief of General Staff", "incoming President". A role check must not read them
/// as of the article's date.
pub fn is_temporal_qualifier(word: &str) -> bool {
    matches!(
        key(word).as_str(),
        "former"
            | "ex"
            | "then"
            | "late"
            | "outgoing"
            | "incoming"
            | "future"
            | "designate"
            | "elect"
            | "acting"
            | "interim"
            | "onetime"
            | "erstwhile"
            | "previous"
            | "past"
            | "retired"
    )
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
