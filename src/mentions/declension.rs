//! Russian names decline: `Пашинян`, `Пашиняна`, `Пашиняном`; `Захарова`, `Захаровой`;
//! `Борис Ельцин`, `Бориса Ельцина`. The automaton finds a form followed by a case ending
//! (the ending stays outside the mention, so a rename keeps it) and the stem of a form whose
//! last letter gives way to the ending; [`DeclinedNames`] finds a two-word name with both
//! words declined. Indeclinable names (`Шойгу`) never meet an ending and match as written.

use rustc_hash::FxHashMap as HashMap;

use super::{Mention, Written};
use crate::kb::{EntityId, EntityKind, FormKind, Kb};
use crate::span::{Span, SpanSet};
use crate::text::Word;

/// The Russian case endings a name takes after its stem: `Пашинян-а`, `Пашинян-ом`,
/// `Захаров-ой`, `Игор-я`. Indeclinable names (`Шойгу`) simply never meet one.
const CASE_ENDINGS: &[&str] = &[
    "а", "я", "у", "ю", "ом", "ем", "ём", "е", "ы", "и", "ой", "ей", "ою", "ею", "ым", "им", "ого", "его",
    "ому", "ему", "ов", "ев", "ах", "ях", "ами", "ями", "ам", "ям",
];

/// Where the word continuing at `end` stops, if what continues it is a case ending.
pub(super) fn case_ending(text: &str, end: usize) -> Option<usize> {
    let rest = &text[end..];
    let len = rest.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len());
    (len > 0 && CASE_ENDINGS.contains(&&rest[..len])).then_some(end + len)
}

/// What a Cyrillic word may decline from: the word without each case ending it ends with,
/// longest ending first (`Пашиняном` → `Пашинян`, `Пашиняно`), keeping a stem of 3 letters.
pub(super) fn case_stems(word: &str) -> impl Iterator<Item = &str> {
    let cyrillic = ends_cyrillic(word);
    let mut endings: Vec<&str> =
        CASE_ENDINGS.iter().copied().filter(|e| cyrillic && word.ends_with(e)).collect();
    endings.sort_by_key(|e| std::cmp::Reverse(e.len()));
    endings.into_iter().map(move |e| &word[..word.len() - e.len()]).filter(|stem| stem.chars().count() >= 3)
}

pub(super) fn ends_cyrillic(form: &str) -> bool {
    form.chars().next_back().is_some_and(|c| ('\u{400}'..='\u{4FF}').contains(&c))
}

/// The stem a Cyrillic form declines from when its last letter gives way to the ending:
/// `Захарова` → `Захаров`, `Мария` → `Мари`, `Игорь` → `Игор`, `Андрей` → `Андре`.
pub(super) fn inflection_stem(form: &str) -> Option<&str> {
    let last = form.chars().next_back()?;
    let stem = &form[..form.len() - last.len_utf8()];
    // A stem of one or two letters would match inside too many words.
    (matches!(last, 'а' | 'я' | 'й' | 'ь') && stem.chars().count() >= 3 && ends_cyrillic(stem))
        .then_some(stem)
}

/// A Russian title with its head (first) word in the other cases of the singular:
/// `министр обороны` → `министра обороны`, `министру обороны`, `министром обороны`,
/// `министре обороны`; `премьер-министр Армении` → `премьер-министра Армении`. Only the head
/// declines; what follows it is a genitive already.
pub(super) fn declined_heads(title: &str) -> Vec<String> {
    let (head, rest) = title.split_once(' ').unwrap_or((title, ""));
    let rest = if rest.is_empty() { String::new() } else { format!(" {rest}") };
    let Some(last) = head.chars().next_back().filter(|c| ('\u{430}'..='\u{44f}').contains(c)) else {
        return Vec::new();
    };
    let (stem, endings): (&str, &[&str]) = match last {
        'а' => (&head[..head.len() - 2], &["ы", "е", "у", "ой"]),
        'я' => (&head[..head.len() - 2], &["и", "е", "ю", "ей"]),
        'ь' | 'й' => (&head[..head.len() - 2], &["я", "ю", "ем", "е"]),
        'о' | 'е' | 'у' | 'и' | 'ы' | 'э' | 'ю' => return Vec::new(),
        _ => (head, &["а", "у", "ом", "е"]),
    };
    endings.iter().map(|e| format!("{stem}{e}{rest}")).collect()
}

/// Adds `id`'s form to the forms a key stands for, once per entity.
pub(super) fn add_form(list: &mut Vec<(EntityId, FormKind)>, id: EntityId, kind: FormKind) {
    if !list.iter().any(|(e, _)| *e == id) {
        list.push((id, kind));
    }
}

/// Two-word person names (the first and last word of longer ones, so a patronymic may be
/// left out) by their words' bases, for names written with both words declined.
#[derive(Debug, Default)]
pub(super) struct DeclinedNames {
    /// `"борис ельцин"`-style keys: each word as written or as its declension stem.
    by_pair: HashMap<String, Vec<(EntityId, FormKind)>>,
}

impl DeclinedNames {
    pub fn new(kb: &Kb) -> DeclinedNames {
        let mut by_pair: HashMap<String, Vec<(EntityId, FormKind)>> = HashMap::default();
        for id in kb.ids() {
            let entity = kb.entity(id);
            if entity.kind != EntityKind::Person {
                continue;
            }
            for (kind, form) in entity.forms() {
                let words: Vec<&str> = form.text.split_whitespace().collect();
                let (Some(&first), Some(&last)) = (words.first(), words.last()) else { continue };
                if words.len() < 2 || !ends_cyrillic(first) || !ends_cyrillic(last) {
                    continue;
                }
                for a in [Some(first), inflection_stem(first)].into_iter().flatten() {
                    for b in [Some(last), inflection_stem(last)].into_iter().flatten() {
                        add_form(by_pair.entry(format!("{a} {b}")).or_default(), id, kind);
                    }
                }
            }
        }
        DeclinedNames { by_pair }
    }

    /// Two adjacent capitalised Cyrillic words no mention covers that decline from one
    /// person's name: `Бориса Ельцина`, `Анатолия Чубайса`. The mention ends before the
    /// last word's ending.
    pub fn find(&self, prose: &[Word<'_>], covered: &SpanSet, out: &mut Vec<Mention>) {
        if self.by_pair.is_empty() {
            return;
        }
        for pair in prose.windows(2) {
            let [w1, w2] = pair else { continue };
            if w1.span.end + 1 != w2.span.start
                || !w1.is_capitalized()
                || !w2.is_capitalized()
                || !ends_cyrillic(w1.text)
                || !ends_cyrillic(w2.text)
                || covered.overlaps(Span::new(w1.span.start as usize, w2.span.end as usize))
            {
                continue;
            }
            let firsts: Vec<&str> = std::iter::once(w1.text).chain(case_stems(w1.text)).collect();
            let lasts: Vec<&str> = std::iter::once(w2.text).chain(case_stems(w2.text)).collect();
            let found = firsts.iter().find_map(|a| {
                lasts.iter().find_map(|b| self.by_pair.get(&format!("{a} {b}")).map(|l| (l, b.len())))
            });
            if let Some((&[(entity, kind)], len)) = found.map(|(l, len)| (l.as_slice(), len)) {
                let span = Span::new(w1.span.start as usize, w2.span.start as usize + len);
                out.push(Mention { entity, span, written: Written::Declined(kind), explicit: false });
            }
        }
    }
}
