//! Names one typo away from a KB name: `Hikmet Hajjiyev` for `Hikmet Hajiyev`, `Rasi-zade`
//! for `Rasizade`.
//!
//! Candidates are runs of capitalised words that no mention or title covers. Each is
//! compared, folded (no case, diacritics or hyphens), with the KB names and aliases of the
//! same word count whose last word is close: a deletion index over those last words finds
//! them without comparing against every name. A candidate is a near miss when every word is
//! within a length-dependent edit distance (Damerau-Levenshtein) of the form's word.
//!
//! What keeps it quiet: words of four letters or fewer must match exactly; a word that is
//! the KB word plus a short ending (`Aliyeva`, `Armenian`, `Azerbaijani`) is another word,
//! not a typo; a lone word that is an English word (`Trust`, not `Truss`) is that word;
//! differences of case or diacritics alone are left to other checks; and a candidate two
//! KB entities are equally close to is not reported.

use rustc_hash::FxHashMap as HashMap;

use super::{NearMiss, lexicon};
use crate::kb::{EntityId, EntityKind, FormKind, Kb};
use crate::span::Span;
use crate::text::Word;
use crate::text::fold::{fold, strip_diacritics};
use crate::text::spelling::american;

#[derive(Debug)]
struct IndexedForm {
    entity: EntityId,
    kind: FormKind,
    /// An organisation's name: an ending on one of its words is a typo when the others
    /// match (`Georgia Dream`, `United Russian`), unlike a person's (`Aliyeva`) or a
    /// place's (`South Korean`), where it makes another word.
    endings_are_typos: bool,
    /// Each word, folded.
    words: Vec<String>,
    /// Lower case without diacritics, hyphens kept: tells a hyphenation difference from a
    /// mere case difference.
    plain: String,
}

#[derive(Debug, Default)]
pub(super) struct NearMissIndex {
    forms: Vec<IndexedForm>,
    /// Folded last word, and each of its one-letter deletions -> forms.
    by_key: HashMap<Box<str>, Vec<u32>>,
}

/// Calls `f` with the word itself and with every string one deletion away from it (a
/// string may come more than once, for a doubled letter), built in one reused buffer.
fn for_each_deletion(word: &str, mut f: impl FnMut(&str)) {
    f(word);
    let mut key = String::with_capacity(word.len());
    for (at, c) in word.char_indices() {
        key.clear();
        key.push_str(&word[..at]);
        key.push_str(&word[at + c.len_utf8()..]);
        f(&key);
    }
}

/// Longer words are no names (the longest surnames run to about 25 letters); comparing
/// them would cost a string per deletion, quadratic in the word's length.
const MAX_WORD_LEN: usize = 40;

/// How many edits a word of `len` letters may be from the KB word.
fn allowed(len: usize) -> usize {
    match len {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// Endings that make another word from a name rather than a typo: feminine surnames
/// (`Aliyeva`), nationalities and languages (`Armenian`, `Azerbaijani`, `Turkish`),
/// plurals and possessives without the apostrophe.
const ENDINGS: &[&str] =
    &["a", "s", "n", "i", "e", "an", "ian", "ans", "ese", "ish", "ov", "ova", "eva", "ev", "es", "ns"];

/// `Aliyeva` for `Aliyev`, `Armenian` for `Armenia`: the KB word plus an ending that makes
/// another word. `Rasizadeh` for `Rasizade` is still a typo.
fn is_extension(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    long.len() > short.len() && long.starts_with(short) && ENDINGS.contains(&&long[short.len()..])
}

impl NearMissIndex {
    pub fn new(kb: &Kb) -> NearMissIndex {
        let mut index = NearMissIndex::default();
        for id in kb.ids() {
            let entity = kb.entity(id);
            let forms = std::iter::once((FormKind::Name, &entity.name))
                .chain(entity.aliases.iter().enumerate().map(|(i, f)| (FormKind::Alias(i as u16), f)));
            for (kind, form) in forms {
                let words: Vec<String> =
                    form.text.split_whitespace().map(fold).filter(|w| !w.is_empty()).collect();
                let Some(last) = words.last() else { continue };
                if !(4..=MAX_WORD_LEN).contains(&last.chars().count()) {
                    continue;
                }
                let idx = index.forms.len() as u32;
                for_each_deletion(last, |key| {
                    let forms = index.by_key.entry(key.into()).or_default();
                    // A doubled letter gives the same deletion twice: one entry per form.
                    if forms.last() != Some(&idx) {
                        forms.push(idx);
                    }
                });
                let plain = strip_diacritics(&form.text).to_lowercase();
                let endings_are_typos = entity.kind == EntityKind::Organization && words.len() > 1;
                index.forms.push(IndexedForm { entity: id, kind, endings_are_typos, words, plain });
            }
        }
        index
    }

    /// Near misses among the capitalised words of `prose`, skipping spans `covered`.
    ///
    /// A window that overlaps a mention or holds a demonym (`Georgia Dream`, `United
    /// Russian`) is compared with organisation names only: a misspelt party or agency name
    /// often starts as a place's name or adjective.
    pub fn find(
        &self,
        text: &str,
        prose: &[Word<'_>],
        kb: &Kb,
        mentioned: impl Fn(Span) -> bool,
        blocked: impl Fn(Span) -> bool,
    ) -> Vec<NearMiss> {
        let mut out = Vec::new();
        if self.forms.is_empty() {
            return out;
        }
        for run in capitalized_runs(prose) {
            // Each word folded once, not once per window it is in.
            let folded: Vec<String> = run.iter().map(|w| fold(w.text)).collect();
            let mut i = 0;
            'start: while i < run.len() {
                for len in (1..=3.min(run.len() - i)).rev() {
                    let window = &run[i..i + len];
                    let span = Span::new(window[0].span.start as usize, window[len - 1].span.end as usize);
                    if blocked(span) {
                        continue;
                    }
                    let organisations_only = mentioned(span) || window.iter().any(|w| kb.is_demonym(w.text));
                    if organisations_only && len == 1 {
                        continue;
                    }
                    // A hashtag or a handle (`#RishiSunak`, `@JeyhunBayramov`) is written so on purpose.
                    let tag = text[..span.start as usize].ends_with(['#', '@']);
                    if tag {
                        continue;
                    }
                    if let Some(miss) = self.best(window, &folded[i..i + len], span, organisations_only) {
                        out.push(miss);
                        i += len;
                        continue 'start;
                    }
                }
                i += 1;
            }
        }
        out
    }

    /// The forms whose last word is within one deletion of `last` either way, each once,
    /// in index order; `None` when there are none (most capitalised words), before anything
    /// else about the window is computed.
    fn candidates(&self, last: &str) -> Option<Vec<u32>> {
        let chars = last.chars().count();
        if !(4..=MAX_WORD_LEN).contains(&chars) {
            return None;
        }
        let mut found: Vec<u32> = Vec::new();
        for_each_deletion(last, |key| {
            if let Some(forms) = self.by_key.get(key) {
                found.extend_from_slice(forms);
            }
        });
        if found.is_empty() {
            return None;
        }
        found.sort_unstable();
        found.dedup();
        Some(found)
    }

    fn best(
        &self,
        window: &[Word<'_>],
        folded: &[String],
        span: Span,
        organisations_only: bool,
    ) -> Option<NearMiss> {
        if window.iter().any(|w| w.text.len() > 4 * MAX_WORD_LEN) {
            return None;
        }
        if let [word] = window
            && is_english_word(word.text)
        {
            return None;
        }
        // `JeyhunBayramov`: two words run together, found only as an exact KB name.
        let run_together = match window {
            [word] => split_camel_case(word.text),
            _ => None,
        };
        let split: Vec<String>;
        let words: &[String] = match &run_together {
            Some(parts) => {
                split = parts.iter().map(|p| fold(p)).collect();
                &split
            }
            None => folded,
        };
        let last = words.last()?;
        let candidates = self.candidates(last)?;
        let plain =
            strip_diacritics(&window.iter().map(|w| w.text).collect::<Vec<_>>().join(" ")).to_lowercase();
        let mut best: Option<(usize, &IndexedForm)> = None;
        let mut tie = false;
        for idx in candidates {
            let form = &self.forms[idx as usize];
            if form.words.len() != words.len()
                || form.plain == plain
                || (organisations_only && !form.endings_are_typos)
            {
                continue;
            }
            // `Defence Ministry` for `Defense Ministry`: one name in two spelling systems.
            if words != form.words.as_slice()
                && words.iter().zip(&form.words).all(|(a, b)| american(a) == american(b))
            {
                continue;
            }
            let Some(distance) = distance(words, &form.words, form.endings_are_typos) else { continue };
            if run_together.is_some() && distance > 0 {
                continue;
            }
            match best {
                Some((d, other)) if d == distance && other.entity != form.entity => tie = true,
                Some((d, _)) if d <= distance => {}
                _ => {
                    best = Some((distance, form));
                    tie = false;
                }
            }
        }
        let (distance, form) = best?;
        if tie {
            return None;
        }
        let transliteration = distance > 0
            && run_together.is_none()
            && words.iter().zip(&form.words).all(|(a, b)| romanised(a) == romanised(b));
        Some(NearMiss {
            span,
            entity: form.entity,
            form: form.kind,
            distance: distance.min(255) as u8,
            transliteration,
        })
    }
}

/// `lizz` for `liz`: one word is the other with one of its letters written twice.
fn is_doubling(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let (short, long): (Vec<char>, Vec<char>) = (short.chars().collect(), long.chars().collect());
    long.len() == short.len() + 1
        && (0..long.len()).any(|i| {
            i > 0 && long[i] == long[i - 1] && long[..i] == short[..i] && long[i + 1..] == short[i..]
        })
}

/// A folded word with the choices romanisations of Russian, Armenian, Ukrainian and
/// Azerbaijani names differ in made one way: `y`/`i` (`Sergey`/`Sergei`, `Pashinian`/
/// `Pashinyan`, `Zelenskyy`/`Zelenskiy`), a doubled `i`, `kh`/`h`, `zh`/`dzh`/`j`,
/// `w`/`v`, `ou`/`u`. Two names equal after it are two transliterations, not a typo.
pub(crate) fn romanised(word: &str) -> String {
    let word = word.replace("dzh", "j").replace("zh", "j").replace("kh", "h").replace("ou", "u");
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        let c = match c {
            'y' => 'i',
            'w' => 'v',
            c => c,
        };
        if !(c == 'i' && out.ends_with('i')) {
            out.push(c);
        }
    }
    out
}

/// The parts of a word that is capitalised words run together (`JeyhunBayramov`), each
/// of three letters or more; `None` for an ordinary word, `McDonald` or `DeSantis`.
fn split_camel_case(word: &str) -> Option<Vec<&str>> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut previous_lower = false;
    for (at, c) in word.char_indices() {
        if c.is_uppercase() && previous_lower {
            parts.push(&word[start..at]);
            start = at;
        }
        previous_lower = c.is_lowercase();
    }
    parts.push(&word[start..]);
    (parts.len() > 1 && parts.iter().all(|p| p.chars().count() >= 3)).then_some(parts)
}

/// A lone capitalised word that is an English word (`Legal`, `Trust` in "Head of Legal,
/// Policy and Trust") is that word, not a misspelt surname (`Segal`, `Truss`): news
/// capitalises words in headings and job titles far more often than a typo lands on a
/// real word. Checked against the Wordnik list (common nouns and adjectives, no proper
/// names).
fn is_english_word(word: &str) -> bool {
    word.is_ascii() && wordnik_list::word_exists(&word.to_ascii_lowercase())
}

/// The total edit distance between two word lists of equal length, if every word is close
/// enough; `None` when any word is too far or is an ending away from the other.
fn distance(candidate: &[String], form: &[String], endings_are_typos: bool) -> Option<usize> {
    let mut total = 0;
    let mut exact = 0;
    for (c, f) in candidate.iter().zip(form) {
        if c == f {
            exact += 1;
            continue;
        }
        if is_extension(c, f) && !endings_are_typos {
            return None;
        }
        let d = strsim::damerau_levenshtein(c, f);
        // A short given name with a letter doubled (`Lizz Truss`) is a typo when the rest
        // of the name is exact; alone, a short word must match exactly.
        let doubled = candidate.len() > 1 && is_doubling(c, f);
        if d > allowed(c.chars().count().max(f.chars().count())) && !doubled {
            return None;
        }
        total += d;
    }
    // In a name of several words, at least one must match exactly, unless the words are
    // a single edit away each, give or take one more edit in a long word (another
    // transliteration: `Sergey Shoygu` for `Sergei Shoigu`, `Gurbanguli Berdimhammedov`
    // for `Gurbanguly Berdimuhamedov`); `Heydar Aliyev` is not `Ilham Aliyev`.
    if candidate.len() > 1 && exact == 0 && total > candidate.len() + 1 {
        return None;
    }
    // The doubled short word must not carry the whole match.
    if candidate.len() > 1 && exact == 0 && candidate.iter().zip(form).any(|(c, f)| is_doubling(c, f)) {
        return None;
    }
    Some(total)
}

/// Maximal runs of adjacent capitalised words that could be a name.
fn capitalized_runs<'a>(prose: &'a [Word<'a>]) -> Vec<Vec<Word<'a>>> {
    let mut runs = Vec::new();
    let mut current: Vec<Word<'a>> = Vec::new();
    for word in prose {
        // Demonyms stay in a run (`United Russian Party`); windows holding one are
        // compared with organisation names only.
        let name_like = word.is_capitalized()
            && !lexicon::is_not_name(word.text)
            && !lexicon::is_rank(word.text)
            && !word.text.chars().any(|c| c.is_ascii_digit());
        let joins = current.last().is_some_and(|prev: &Word<'_>| word.span.start == prev.span.end + 1);
        if name_like && (joins || current.is_empty()) {
            current.push(*word);
            continue;
        }
        if !current.is_empty() {
            runs.push(std::mem::take(&mut current));
        }
        if name_like {
            current.push(*word);
        }
    }
    if !current.is_empty() {
        runs.push(current);
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_respect_length_and_endings() {
        let w = |s: &str| s.split(' ').map(fold).collect::<Vec<_>>();
        assert_eq!(distance(&w("Hikmet Hajjiyev"), &w("Hikmet Hajiyev"), false), Some(1));
        assert_eq!(distance(&w("Rasi-zade"), &w("Rasizade"), false), Some(0));
        assert_eq!(
            distance(&w("Aliyeva"), &w("Aliyev"), false),
            None,
            "a feminine surname is another person"
        );
        assert_eq!(distance(&w("Armenian"), &w("Armenia"), false), None);
        assert_eq!(distance(&w("Heydar Aliyev"), &w("Ilham Aliyev"), false), None, "two Aliyevs");
        assert_eq!(distance(&w("Sergey Shoygu"), &w("Sergei Shoigu"), false), Some(2), "a transliteration");
        assert_eq!(
            distance(&w("Gurbanguli Berdimhammedov"), &w("Gurbanguly Berdimuhamedov"), false),
            Some(3)
        );
        assert_eq!(
            distance(&w("Sergey Shoygy"), &w("Sergei Shoigu"), false),
            None,
            "too many edits in short words"
        );
        assert_eq!(distance(&w("Akra"), &w("Akar"), false), None, "short words match exactly or not at all");
        assert_eq!(distance(&w("Ilham Aliev"), &w("Ilham Aliyev"), false), Some(1));
        assert_eq!(
            distance(&w("Rasizadeh"), &w("Rasizade"), false),
            Some(1),
            "an added letter that is no ending"
        );
        assert_eq!(distance(&w("Azerbaijani"), &w("Azerbaijan"), false), None);
        assert_eq!(distance(&w("Lizz Truss"), &w("Liz Truss"), false), Some(1), "a doubled letter");
        assert_eq!(distance(&w("Georgia Dream"), &w("Georgian Dream"), true), Some(1), "an organisation");
        assert_eq!(distance(&w("Leyla Aliyeva"), &w("Leyla Aliyev"), false), None, "a person");
        assert_eq!(distance(&w("Lizz"), &w("Liz"), false), None, "a short word alone must match");
        assert_eq!(distance(&w("Lizz Trus"), &w("Liz Truss"), false), None, "the rest must be exact");
        assert_eq!(distance(&w("Lia Truss"), &w("Liz Truss"), false), None, "only a doubling");
    }

    #[test]
    fn transliterations_are_told_from_typos() {
        let same = |a: &str, b: &str| romanised(&fold(a)) == romanised(&fold(b));
        for (a, b) in [
            ("Sergey", "Sergei"),
            ("Pashinian", "Pashinyan"),
            ("Zelenskyy", "Zelenskiy"),
            ("Aliev", "Aliyev"),
            ("Mikhail", "Mihail"),
        ] {
            assert!(same(a, b), "{a} / {b}");
        }
        for (a, b) in [("Alijev", "Aliyev"), ("Hajjiyev", "Hajiyev"), ("Sholz", "Scholz")] {
            assert!(!same(a, b), "{a} / {b}");
        }
    }

    #[test]
    fn british_and_american_spellings_are_one_name() {
        let kb = crate::kb::load(&[(
            crate::corpus::FileId(0),
            "[[entity]]\nid = \"m\"\nkind = \"organization\"\nname = \"Azerbaijani Defense Ministry\"\n\n\
             [[entity]]\nid = \"r\"\nkind = \"person\"\nname = \"Artur Rasizade\"\n",
        )]);
        let index = NearMissIndex::new(&kb);
        let text = "The Azerbaijani Defence Ministry and Artur Rasi-zade spoke.";
        let prose = crate::text::words(text, 0..text.len());
        let found: Vec<_> = index
            .find(text, &prose, &kb, |_| false, |_| false)
            .iter()
            .map(|m| &text[m.span.range()])
            .collect();
        assert_eq!(found, ["Artur Rasi-zade"]);
    }

    #[test]
    fn words_run_together() {
        assert_eq!(split_camel_case("JeyhunBayramov"), Some(vec!["Jeyhun", "Bayramov"]));
        assert_eq!(split_camel_case("McDonald"), None);
        assert_eq!(split_camel_case("DeSantis"), None);
        assert_eq!(split_camel_case("Bayramov"), None);
    }

    #[test]
    fn english_words_are_no_misspelt_names() {
        assert!(is_english_word("Trust") && is_english_word("Legal"));
        assert!(!is_english_word("Pashiyan") && !is_english_word("Sehgal") && !is_english_word("Güler"));
    }
}
