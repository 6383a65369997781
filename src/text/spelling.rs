//! Whether two ways of writing a name are two *spellings* of it (`Turkey`/`Türkiye`,
//! `Pashinian`/`Pashinyan`, `Erdogan`/`Erdoğan`, `Defense`/`Defence`) rather than a name
//! and its part (`Hulusi Akar`/`Akar`) or two different names for one thing (`Russia`/
//! `Russian Federation`, `Nagorno-Karabakh`/`Upper Karabakh`).

use super::fold::fold;

/// The American spelling of a lower-case British word in names and titles (`defence` ->
/// `defense`), else the word: two such spellings are one name, not a typo.
pub fn american(word: &str) -> &str {
    const SPELLINGS: &[(&str, &str)] = &[
        ("defence", "defense"),
        ("labour", "labor"),
        ("centre", "center"),
        ("programme", "program"),
        ("organisation", "organization"),
    ];
    SPELLINGS.iter().find(|(gb, _)| *gb == word).map_or(word, |(_, us)| us)
}

/// Lower-case words of a written form.
fn tokens(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace()).filter(|t| !t.is_empty()).map(str::to_lowercase).collect()
}

fn contains_run(long: &[String], short: &[String]) -> bool {
    !short.is_empty() && long.windows(short.len()).any(|w| w == short)
}

/// One word is the other plus a short ending: `Russia`/`Russian`, another word.
fn is_extension(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    long.starts_with(short) && long.chars().count() - short.chars().count() <= 3
}

/// One word is the other after a prefix of two letters or more: `vice-chancellor`/
/// `chancellor`, `co-chair`/`chair`, another office or thing.
fn is_prefixed(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    long.ends_with(short) && long.chars().count() - short.chars().count() >= 2
}

/// Two words that are one word spelled two ways.
fn words_differ_in_spelling(a: &str, b: &str) -> bool {
    if a == b {
        return false;
    }
    let (fa, fb) = (fold(a), fold(b));
    if fa == fb {
        return true; // diacritics, hyphens or case
    }
    if is_extension(&fa, &fb) || is_prefixed(&fa, &fb) {
        return false;
    }
    strsim::normalized_damerau_levenshtein(&fa, &fb) >= 0.7
}

/// Whether `a` and `b` are two spellings of the same name.
pub fn spellings_differ(a: &str, b: &str) -> bool {
    let (ta, tb) = (tokens(a), tokens(b));
    if ta == tb || contains_run(&ta, &tb) || contains_run(&tb, &ta) {
        return false;
    }
    ta.iter().any(|x| tb.iter().any(|y| words_differ_in_spelling(x, y)))
}

/// Whether two titles are one title spelled two ways: same number of words, each the same
/// or a spelling of the other (`Defense Minister`/`Defence Minister`).
pub fn titles_differ(a: &str, b: &str) -> bool {
    let (ta, tb) = (tokens(a), tokens(b));
    ta.len() == tb.len()
        && ta != tb
        && ta.iter().zip(&tb).all(|(x, y)| x == y || words_differ_in_spelling(x, y))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_versus_parts_and_synonyms() {
        for (a, b) in [
            ("Turkey", "Türkiye"),
            ("Pashinian", "Pashinyan"),
            ("Nikol Pashinian", "Pashinyan"),
            ("Erdogan", "Recep Tayyip Erdoğan"),
            ("Rasi-zade", "Rasizade"),
        ] {
            assert!(spellings_differ(a, b), "{a} / {b}");
        }
        for (a, b) in [
            ("Hulusi Akar", "Akar"),
            ("Russia", "Russian Federation"),
            ("Nagorno-Karabakh", "Upper Karabakh"),
            ("Azerbaijan", "Armenia"),
            ("Akar", "akar"),
        ] {
            assert!(!spellings_differ(a, b), "{a} / {b}");
        }
    }

    #[test]
    fn title_spellings() {
        assert!(titles_differ("Defense Minister", "Defence Minister"));
        assert!(!titles_differ("Defense Minister", "defense minister"));
        assert!(!titles_differ("Chief of General Staff", "Chief of the General Staff"));
        assert!(!titles_differ("Defense Minister", "Foreign Minister"));
        assert!(!titles_differ("vice-chancellor", "chancellor"), "another office");
        assert!(!titles_differ("Vice Chancellor", "Chancellor"));
        assert!(!titles_differ("co-chair", "chair"));
    }
}
