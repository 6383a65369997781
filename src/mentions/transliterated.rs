//! A KB written in Latin letters reading Cyrillic text: `Пашинян` and `Пашиняна` are
//! `Pashinyan`, `Сергея Шойгу` is `Sergei Shoigu`. A capitalised run of Cyrillic words is
//! romanised the way English-language news does (`text::translit`), each word also without
//! its case ending, and compared with the KB's forms after folding away the choices
//! romanisations differ in (`near_miss::romanised`: `Shoygu`/`Shoigu`, `Sergey`/`Sergei`).

use rustc_hash::FxHashMap as HashMap;

use super::declension::{add_form, case_stems, ends_cyrillic};
use super::near_miss::romanised;
use super::{Mention, Written};
use crate::kb::{EntityId, EntityKind, FormKind, Kb};
use crate::span::{Span, SpanSet};
use crate::text::Word;
use crate::text::fold::fold;
use crate::text::translit::romanize_russian;

/// The longest run of words a form is looked up for.
const MAX_WORDS: usize = 3;

#[derive(Debug, Default)]
pub(super) struct TransliteratedNames {
    /// Romanisation keys of the KB's Latin forms of people and places, words joined by a
    /// space: `sergei shoigu`.
    by_key: HashMap<String, Vec<(EntityId, FormKind)>>,
}

/// The comparison key of one Latin word.
pub(super) fn key(word: &str) -> String {
    romanised(&fold(word))
}

impl TransliteratedNames {
    pub fn new(kb: &Kb) -> TransliteratedNames {
        let mut by_key: HashMap<String, Vec<(EntityId, FormKind)>> = HashMap::default();
        for id in kb.ids() {
            let entity = kb.entity(id);
            if !matches!(entity.kind, EntityKind::Person | EntityKind::Place) {
                continue;
            }
            for (kind, form) in entity.forms() {
                if matches!(kind, FormKind::Variant(_))
                    || form.text.chars().any(|c| ('\u{400}'..='\u{4FF}').contains(&c))
                {
                    continue;
                }
                let words: Vec<&str> = form.text.split_whitespace().collect();
                if words.is_empty() || words.len() > MAX_WORDS {
                    continue;
                }
                let mut keys: Vec<String> = vec![words.iter().map(|w| key(w)).collect::<Vec<_>>().join(" ")];
                // `Zakharova` is `Захаров-ой` in the oblique cases: its stem, too.
                if let Some(stem) = keys[0].strip_suffix('a').filter(|s| s.len() >= 4) {
                    keys.push(stem.to_string());
                }
                for k in keys {
                    add_form(by_key.entry(k).or_default(), id, kind);
                }
            }
        }
        TransliteratedNames { by_key }
    }

    /// Runs of capitalised Cyrillic words no mention covers that are a KB form in Latin
    /// letters; the mention ends before the last word's case ending.
    pub fn find(&self, prose: &[Word<'_>], covered: &SpanSet, out: &mut Vec<Mention>) {
        if self.by_key.is_empty() {
            return;
        }
        let cyrillic =
            |w: &Word<'_>| w.is_capitalized() && ends_cyrillic(w.text) && !covered.overlaps(w.span);
        let mut i = 0;
        while i < prose.len() {
            if !cyrillic(&prose[i]) {
                i += 1;
                continue;
            }
            // The run of adjacent capitalised Cyrillic words from here, longest first.
            let mut run = 1;
            while run < MAX_WORDS
                && prose
                    .get(i + run)
                    .is_some_and(|w| cyrillic(w) && prose[i + run - 1].span.end + 1 == w.span.start)
            {
                run += 1;
            }
            let found = (1..=run).rev().find_map(|len| self.lookup(&prose[i..i + len]).map(|hit| (len, hit)));
            match found {
                Some((len, (entity, kind, last_len))) => {
                    let last = &prose[i + len - 1];
                    let span = Span::new(prose[i].span.start as usize, last.span.start as usize + last_len);
                    out.push(Mention {
                        entity,
                        span,
                        written: Written::Transliterated(kind),
                        explicit: false,
                    });
                    i += len;
                }
                None => i += 1,
            }
        }
    }

    /// The one entity the words romanise to (each word as written or without its case
    /// ending), and the length of the last word's part that is the name.
    fn lookup(&self, words: &[Word<'_>]) -> Option<(EntityId, FormKind, usize)> {
        let bases: Vec<Vec<(&str, String)>> = words
            .iter()
            .map(|w| {
                std::iter::once(w.text)
                    .chain(case_stems(w.text))
                    .filter_map(|base| Some((base, key(&romanize_russian(base)?))))
                    .collect()
            })
            .collect();
        let mut keys: Vec<(String, usize)> = vec![(String::new(), 0)];
        for (n, options) in bases.iter().enumerate() {
            keys = keys
                .iter()
                .flat_map(|(prefix, _)| {
                    options.iter().map(move |(base, k)| {
                        let joined = if n == 0 { k.clone() } else { format!("{prefix} {k}") };
                        (joined, base.len())
                    })
                })
                .collect();
        }
        keys.iter().find_map(|(k, last_len)| match self.by_key.get(k)?.as_slice() {
            [(entity, kind)] => Some((*entity, *kind, *last_len)),
            _ => None,
        })
    }
}
