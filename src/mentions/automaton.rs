//! The two automata: entity forms (case-sensitive) and role titles (any case).

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Input, MatchKind};

use super::{RoleRef, TitleMention, Written, lexicon};
use crate::kb::{EntityId, FormKind, Kb, is_matchable_form};
use crate::span::Span;
use crate::text::Word;
use crate::text::flat::Flat;
use crate::text::fold::strip_diacritics;

use super::declension::{case_ending, ends_cyrillic, inflection_stem};

/// What a name pattern stands for.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) struct Target {
    pub entity: EntityId,
    pub kind: FormKind,
    /// The pattern is the form with its diacritics stripped.
    pub folded: bool,
}

impl Target {
    pub fn written(self) -> Written {
        if self.folded { Written::Undiacritized(self.kind) } else { Written::Form(self.kind) }
    }
}

/// An exact match of a name pattern.
#[derive(Clone, Debug)]
pub(super) struct Hit<'m> {
    pub span: Span,
    /// Borrowed from the automaton: hits are many, their targets few and shared.
    pub targets: &'m [Target],
}

#[derive(Debug, Default)]
pub(super) struct NameAutomaton {
    automaton: Option<AhoCorasick>,
    targets: Vec<Vec<Target>>,
    /// Parallel to `targets`: what the pattern stands for with a Russian case ending after it
    /// (`Пашиняна`, `Захаровой`): its own targets, and the entities whose Cyrillic form is the
    /// pattern plus a final `а`, `я`, `й` or `ь` (`Захаров` for `Захарова`), which match
    /// only so.
    inflected: Vec<Vec<Target>>,
    by_text: HashMap<String, usize>,
}

impl NameAutomaton {
    pub fn new(kb: &Kb) -> NameAutomaton {
        let mut patterns: Vec<String> = Vec::new();
        let mut targets: Vec<Vec<Target>> = Vec::new();
        let mut by_text: HashMap<String, usize> = HashMap::new();
        let mut add =
            |text: String, target: Target, patterns: &mut Vec<String>, targets: &mut Vec<Vec<Target>>| {
                // An empty pattern matches everywhere without advancing: a form that is
                // nothing but diacritics strips to one.
                if text.is_empty() {
                    return;
                }
                let idx = match by_text.entry(text) {
                    Entry::Occupied(slot) => *slot.get(),
                    Entry::Vacant(slot) => {
                        patterns.push(slot.key().clone());
                        targets.push(Vec::new());
                        *slot.insert(patterns.len() - 1)
                    }
                };
                let list = &mut targets[idx];
                // An exact form always wins over another entity's undiacritized one.
                if target.folded && list.iter().any(|t| !t.folded && t.entity != target.entity) {
                    return;
                }
                if !target.folded {
                    list.retain(|t| !(t.folded && t.entity != target.entity));
                }
                if !list.iter().any(|t| t.entity == target.entity && t.kind == target.kind) {
                    list.push(target);
                }
            };
        let mut stems: Vec<(String, Target)> = Vec::new();
        for pass_folded in [false, true] {
            for id in kb.ids() {
                for (kind, form) in kb.entity(id).forms() {
                    // The loader reports such a form; it must not match either.
                    if !is_matchable_form(&form.text) {
                        continue;
                    }
                    if pass_folded {
                        let stripped = strip_diacritics(&form.text);
                        if stripped != form.text {
                            add(
                                stripped,
                                Target { entity: id, kind, folded: true },
                                &mut patterns,
                                &mut targets,
                            );
                        }
                    } else {
                        let target = Target { entity: id, kind, folded: false };
                        if let Some(stem) = inflection_stem(&form.text) {
                            stems.push((stem.to_owned(), target));
                        }
                        add(form.text.clone(), target, &mut patterns, &mut targets);
                    }
                }
            }
        }
        // Stems are patterns of their own (so `Захаров` is found inside `Захаровой`), but no
        // form of that spelling: `by_text` keeps naming forms only.
        let mut stem_targets: Vec<Vec<Target>> = vec![Vec::new(); patterns.len()];
        let mut stem_index: HashMap<String, usize> = HashMap::new();
        for (stem, target) in stems {
            let idx = match by_text.get(&stem).or_else(|| stem_index.get(&stem)) {
                Some(&idx) => idx,
                None => {
                    patterns.push(stem.clone());
                    targets.push(Vec::new());
                    stem_targets.push(Vec::new());
                    stem_index.insert(stem, patterns.len() - 1);
                    patterns.len() - 1
                }
            };
            if !stem_targets[idx].contains(&target) {
                stem_targets[idx].push(target);
            }
        }
        let inflected: Vec<Vec<Target>> = targets
            .iter()
            .zip(stem_targets)
            .map(|(own, stems)| {
                let mut all = own.clone();
                all.extend(stems.into_iter().filter(|t| !own.contains(t)));
                all
            })
            .collect();
        let automaton = if patterns.is_empty() {
            None
        } else {
            AhoCorasickBuilder::new().match_kind(MatchKind::LeftmostLongest).build(&patterns).ok()
        };
        NameAutomaton { automaton, targets, inflected, by_text }
    }

    pub fn pattern_count(&self) -> usize {
        self.targets.len()
    }

    /// The one entity `written` is a form of (exactly, or without its diacritics), if only
    /// one entity has it.
    pub fn resolve(&self, written: &str) -> Option<Target> {
        let idx = *self.by_text.get(written)?;
        match self.targets[idx].as_slice() {
            [first, rest @ ..] if rest.iter().all(|t| t.entity == first.entity) => Some(*first),
            _ => None,
        }
    }

    /// How `written` relates to `entity`, if it is one of its forms.
    pub fn classify(&self, written: &str, entity: EntityId) -> Option<Written> {
        let idx = *self.by_text.get(written)?;
        self.targets[idx].iter().find(|t| t.entity == entity).map(|t| t.written())
    }

    /// Every whole-word match in the flattened prose, as spans of the original text, not in
    /// a skipped span.
    pub fn find(&self, flat: &Flat, skip: impl Fn(Span) -> bool) -> Vec<Hit<'_>> {
        let mut out = Vec::new();
        let Some(automaton) = &self.automaton else { return out };
        let text = flat.text.as_str();
        let mut pos = 0;
        while pos < text.len() {
            let Some(found) = automaton.find(Input::new(text).range(pos..)) else { break };
            let idx = found.pattern().as_usize();
            // A whole word, or a Russian name with its case ending (`Пашиняна`, `Захаровой`):
            // the mention is the form (or stem) itself, the ending stays outside it.
            let ending = case_ending(text, found.end()).filter(|_| ends_cyrillic(&text[found.range()]));
            let targets: &[Target] = if found.is_empty() || !starts_word(text, found.start()) {
                &[]
            } else if at_word_boundary(text, found.start(), found.end()) {
                &self.targets[idx]
            } else if ending.is_some() {
                &self.inflected[idx]
            } else {
                &[]
            };
            if targets.is_empty() {
                // Retry one character later: a shorter name may start inside this match.
                pos = next_char(text, found.start());
                continue;
            }
            pos = ending.unwrap_or(found.end());
            let span = flat.span(found.start(), found.end());
            if skip(span) {
                continue;
            }
            out.push(Hit { span, targets });
        }
        out
    }
}

#[derive(Debug, Default)]
pub(super) struct TitleAutomaton {
    automaton: Option<AhoCorasick>,
    targets: Vec<std::sync::Arc<[RoleRef]>>,
    /// Some title has letters beyond ASCII (`премьер-министр Армении`): the automaton's
    /// ASCII case folding does not reach them, so the text is lowered first.
    unicode_case: bool,
}

impl TitleAutomaton {
    pub fn new(kb: &Kb) -> TitleAutomaton {
        let mut patterns: Vec<String> = Vec::new();
        let mut targets: Vec<Vec<RoleRef>> = Vec::new();
        let mut by_text: HashMap<String, usize> = HashMap::new();
        for id in kb.ids() {
            for (role_idx, role) in kb.entity(id).roles.iter().enumerate() {
                for title in std::iter::once(&role.title).chain(&role.also) {
                    if !is_matchable_form(title) {
                        continue;
                    }
                    let key = lower_same_length(title.trim());
                    // A Russian title declines in its head word: `министра обороны`.
                    let declined = super::declension::declined_heads(&key);
                    for key in std::iter::once(key).chain(declined) {
                        let idx = *by_text.entry(key).or_insert_with_key(|key| {
                            patterns.push(key.clone());
                            targets.push(Vec::new());
                            patterns.len() - 1
                        });
                        let role_ref = RoleRef { entity: id, role: role_idx as u16 };
                        if !targets[idx].contains(&role_ref) {
                            targets[idx].push(role_ref);
                        }
                    }
                }
            }
        }
        let unicode_case = patterns.iter().any(|p| !p.is_ascii());
        let automaton = if patterns.is_empty() {
            None
        } else {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .ascii_case_insensitive(true)
                .build(&patterns)
                .ok()
        };
        TitleAutomaton {
            automaton,
            targets: targets.into_iter().map(std::sync::Arc::from).collect(),
            unicode_case,
        }
    }

    /// Every title in the flattened prose, as spans of the original `text`; `prose` gives
    /// the words to look back through for "former", "then-" and the like.
    pub fn find(
        &self,
        text: &str,
        flat: &Flat,
        prose: &[Word<'_>],
        skip: impl Fn(Span) -> bool,
    ) -> Vec<TitleMention> {
        let mut out = Vec::new();
        let Some(automaton) = &self.automaton else { return out };
        // Lowered letter for letter (same byte offsets), only when some title needs it.
        let lowered = self.unicode_case.then(|| lower_same_length(&flat.text));
        let flat_text = lowered.as_deref().unwrap_or(flat.text.as_str());
        let mut pos = 0;
        while pos < flat_text.len() {
            let Some(found) = automaton.find(Input::new(flat_text).range(pos..)) else { break };
            if found.is_empty() || !at_word_boundary(flat_text, found.start(), found.end()) {
                pos = next_char(flat_text, found.start());
                continue;
            }
            pos = found.end();
            let span = flat.span(found.start(), found.end());
            if skip(span) {
                continue;
            }
            let roles = self.targets[found.pattern().as_usize()].clone();
            out.push(TitleMention { span, roles, qualified: is_qualified(text, prose, span) });
        }
        out
    }
}

/// `text` in lower case wherever a letter's lower case is one character of the same UTF-8
/// length (all of Cyrillic, Greek, Latin with diacritics but `İ`), so offsets stay valid.
fn lower_same_length(text: &str) -> String {
    text.chars()
        .map(|c| {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
                _ => c,
            }
        })
        .collect()
}

/// Whether the title at `span` is marked as of another time: "former Defense Minister",
/// "then-Chief of General Staff", "the former Turkish Defense Minister".
fn is_qualified(text: &str, prose: &[Word<'_>], span: Span) -> bool {
    let before = text[..span.start as usize].trim_end();
    if let Some(stem) = before.strip_suffix('-') {
        // The qualifier is the word before the hyphen; what precedes it may be any
        // character ("«-President", "—-Defence Minister"), so step over its whole width.
        let word_start =
            stem.char_indices().rfind(|&(_, c)| !c.is_alphanumeric()).map_or(0, |(i, c)| i + c.len_utf8());
        if lexicon::is_temporal_qualifier(&stem[word_start..]) {
            return true;
        }
    }
    let idx = prose.partition_point(|w| w.span.end <= span.start);
    // The qualifier comes right before the title, or before a nationality or an
    // organisation in front of it ("former Turkish Defense Minister"): look back over
    // capitalised words only, so "then called President X" is not "then-President".
    let mut last_start = span.start as usize;
    for word in prose[..idx].iter().rev().take(3) {
        let gap = &text[word.span.end as usize..last_start];
        if gap.chars().any(|c| matches!(c, ',' | '.' | ';' | ':' | '(' | ')' | '"' | '“' | '”')) {
            break;
        }
        if lexicon::is_temporal_qualifier(word.text) {
            return true;
        }
        if !word.is_capitalized() {
            break;
        }
        last_start = word.span.start as usize;
    }
    false
}

fn starts_word(text: &str, start: usize) -> bool {
    !text[..start].chars().next_back().is_some_and(is_word_char)
}

fn next_char(text: &str, offset: usize) -> usize {
    text[offset..].chars().next().map_or(text.len(), |c| offset + c.len_utf8())
}

/// A match must not continue a word on either side: `Akar` is not in `Akarsu`.
pub(super) fn at_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}
