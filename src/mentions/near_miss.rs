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

use std::collections::HashMap;

use super::{NearMiss, lexicon};
use crate::kb::{EntityId, FormKind, Kb};
use crate::span::Span;
use crate::text::Word;
use crate::text::fold::{fold, strip_diacritics};

#[derive(Debug)]
struct IndexedForm {
    entity: EntityId,
    kind: FormKind,
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
    by_key: HashMap<String, Vec<u32>>,
}

/// The word itself and every string one deletion away from it.
fn deletions(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    let mut out = Vec::with_capacity(chars.len() + 1);
    out.push(word.to_owned());
    for skip in 0..chars.len() {
        out.push(chars.iter().enumerate().filter(|&(i, _)| i != skip).map(|(_, c)| *c).collect());
    }
    out.sort();
    out.dedup();
    out
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
                for key in deletions(last) {
                    index.by_key.entry(key).or_default().push(idx);
                }
                let plain = strip_diacritics(&form.text).to_lowercase();
                index.forms.push(IndexedForm { entity: id, kind, words, plain });
            }
        }
        index
    }

    /// Near misses among the capitalised words of `prose`, skipping spans `covered`.
    pub fn find(&self, prose: &[Word<'_>], kb: &Kb, covered: impl Fn(Span) -> bool) -> Vec<NearMiss> {
        let mut out = Vec::new();
        if self.forms.is_empty() {
            return out;
        }
        for run in capitalized_runs(prose, kb) {
            let mut i = 0;
            'start: while i < run.len() {
                for len in (1..=3.min(run.len() - i)).rev() {
                    let window = &run[i..i + len];
                    let span = Span::new(window[0].span.start as usize, window[len - 1].span.end as usize);
                    if covered(span) {
                        continue;
                    }
                    if let Some(miss) = self.best(window, span) {
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

    fn best(&self, window: &[Word<'_>], span: Span) -> Option<NearMiss> {
        if window.iter().any(|w| w.text.len() > 4 * MAX_WORD_LEN) {
            return None;
        }
        if let [word] = window
            && is_english_word(word.text)
        {
            return None;
        }
        let words: Vec<String> = window.iter().map(|w| fold(w.text)).collect();
        let last = words.last()?;
        if !(4..=MAX_WORD_LEN).contains(&last.chars().count()) {
            return None;
        }
        let plain =
            strip_diacritics(&window.iter().map(|w| w.text).collect::<Vec<_>>().join(" ")).to_lowercase();
        let mut candidates: Vec<u32> =
            deletions(last).iter().filter_map(|k| self.by_key.get(k)).flatten().copied().collect();
        candidates.sort_unstable();
        candidates.dedup();
        let mut best: Option<(usize, &IndexedForm)> = None;
        let mut tie = false;
        for idx in candidates {
            let form = &self.forms[idx as usize];
            if form.words.len() != words.len() || form.plain == plain {
                continue;
            }
            let Some(distance) = distance(&words, &form.words) else { continue };
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
        Some(NearMiss { span, entity: form.entity, form: form.kind, distance: distance.min(255) as u8 })
    }
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
fn distance(candidate: &[String], form: &[String]) -> Option<usize> {
    let mut total = 0;
    let mut exact = 0;
    for (c, f) in candidate.iter().zip(form) {
        if c == f {
            exact += 1;
            continue;
        }
        if is_extension(c, f) {
            return None;
        }
        let d = strsim::damerau_levenshtein(c, f);
        if d > allowed(c.chars().count().max(f.chars().count())) {
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
    Some(total)
}

/// Maximal runs of adjacent capitalised words that could be a name.
fn capitalized_runs<'a>(prose: &'a [Word<'a>], kb: &Kb) -> Vec<Vec<Word<'a>>> {
    let mut runs = Vec::new();
    let mut current: Vec<Word<'a>> = Vec::new();
    for word in prose {
        let name_like = word.is_capitalized()
            && !lexicon::is_not_name(word.text)
            && !lexicon::is_rank(word.text)
            && !kb.is_demonym(word.text)
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
        assert_eq!(distance(&w("Hikmet Hajjiyev"), &w("Hikmet Hajiyev")), Some(1));
        assert_eq!(distance(&w("Rasi-zade"), &w("Rasizade")), Some(0));
        assert_eq!(distance(&w("Aliyeva"), &w("Aliyev")), None, "a feminine surname is another person");
        assert_eq!(distance(&w("Armenian"), &w("Armenia")), None);
        assert_eq!(distance(&w("Heydar Aliyev"), &w("Ilham Aliyev")), None, "two Aliyevs");
        assert_eq!(distance(&w("Sergey Shoygu"), &w("Sergei Shoigu")), Some(2), "a transliteration");
        assert_eq!(distance(&w("Gurbanguli Berdimhammedov"), &w("Gurbanguly Berdimuhamedov")), Some(3));
        assert_eq!(distance(&w("Sergey Shoygy"), &w("Sergei Shoigu")), None, "too many edits in short words");
        assert_eq!(distance(&w("Akra"), &w("Akar")), None, "short words match exactly or not at all");
        assert_eq!(distance(&w("Ilham Aliev"), &w("Ilham Aliyev")), Some(1));
        assert_eq!(distance(&w("Rasizadeh"), &w("Rasizade")), Some(1), "an added letter that is no ending");
        assert_eq!(distance(&w("Azerbaijani"), &w("Azerbaijan")), None);
    }

    #[test]
    fn english_words_are_no_misspelt_names() {
        assert!(is_english_word("Trust") && is_english_word("Legal"));
        assert!(!is_english_word("Pashiyan") && !is_english_word("Sehgal") && !is_english_word("Güler"));
    }
}
