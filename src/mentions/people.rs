//! Reading names the way a news reader does.
//!
//! - A surname right after a given name that is not the KB person's ("Heydar Aliyev" when
//!   only Ilham Aliyev is known) belongs to someone else: it is not a mention.
//! - A form two entities share is resolved when exactly one of them is named here.
//! - A lone given name or surname of a person named in full in the article is that person
//!   (a fragment); one that fits two people named here is ambiguous.
//! - A title word followed by a capitalised name nobody knows introduces an unknown person.

use rustc_hash::{FxHashMap as HashMap, FxHashSet};

use super::automaton::Hit;
use super::{AmbiguousMention, Mention, Mentions, UnknownPerson, Written, lexicon};
use crate::kb::{EntityId, EntityKind, Kb};
use crate::span::{Span, SpanSet};
use crate::text::Word;

/// Turns raw automaton hits into mentions and ambiguities.
pub(super) fn resolve(
    text: &str,
    prose: &[Word<'_>],
    hits: Vec<Hit<'_>>,
    kb: &Kb,
    titles: &SpanSet,
    out: &mut Mentions,
) {
    let mut pending: Vec<Hit<'_>> = Vec::new();
    let hit_spans = SpanSet::new(hits.iter().map(|h| h.span));
    for hit in &hits {
        let written = &text[hit.span.range()];
        let single_person_token = !written.contains(char::is_whitespace)
            && hit.targets.iter().all(|t| kb.entity(t.entity).kind == EntityKind::Person);
        if single_person_token && follows_other_given_name(text, prose, hit, &hit_spans, titles, kb) {
            continue;
        }
        let mut entities: Vec<EntityId> = hit.targets.iter().map(|t| t.entity).collect();
        entities.sort();
        entities.dedup();
        if let [entity] = entities[..] {
            let target = hit.targets[0];
            out.mentions.push(Mention { entity, span: hit.span, written: target.written(), explicit: false });
        } else {
            pending.push(hit.clone());
        }
    }
    // A shared form means the one candidate this article names unambiguously. (Pending hits
    // are not mentions, so a mention of a candidate is always elsewhere.)
    let mut named_here: FxHashSet<EntityId> = out.mentions.iter().map(|m| m.entity).collect();
    for hit in pending {
        let named: Vec<_> = hit.targets.iter().filter(|t| named_here.contains(&t.entity)).collect();
        let distinct = {
            let mut ids: Vec<_> = named.iter().map(|t| t.entity).collect();
            ids.dedup();
            ids
        };
        if let [entity] = distinct[..] {
            let written = named[0].written();
            out.mentions.push(Mention { entity, span: hit.span, written, explicit: false });
            named_here.insert(entity);
        } else {
            let mut candidates: Vec<_> = hit.targets.iter().map(|t| t.entity).collect();
            candidates.sort();
            candidates.dedup();
            out.ambiguous.push(AmbiguousMention {
                span: hit.span,
                candidates,
                named_here: distinct.len() > 1,
            });
        }
    }
}

/// Whether the word at `span` directly follows a capitalised word that reads as another
/// person's given name (not a title, rank, nationality, or part of another match).
fn follows_other_given_name(
    text: &str,
    prose: &[Word<'_>],
    hit: &Hit<'_>,
    hits: &SpanSet,
    titles: &SpanSet,
    kb: &Kb,
) -> bool {
    let span = hit.span;
    let idx = prose.partition_point(|w| w.span.end <= span.start);
    let Some(previous) = idx.checked_sub(1).and_then(|i| prose.get(i)) else { return false };
    let gap = &text[previous.span.end as usize..span.start as usize];
    if gap.is_empty() || !gap.chars().all(|c| c == ' ' || c == '\u{a0}') {
        return false;
    }
    if !previous.is_capitalized()
        || previous.text.chars().count() < 2
        || lexicon::is_not_name(previous.text)
        || lexicon::is_rank(previous.text)
        || hits.overlaps(previous.span)
        || titles.overlaps(previous.span)
        || kb.is_demonym(previous.text)
    {
        return false;
    }
    // "Hulusi Akar" is one hit, but an alias after the entity's own given name (written
    // with a line break, say) still belongs to it.
    let own_given_name = hit.targets.iter().any(|t| {
        kb.entity(t.entity)
            .forms()
            .any(|(_, f)| f.text.split_whitespace().any(|token| token == previous.text))
    });
    !own_given_name
}

/// Adds mentions for lone given names and surnames of people named in full here.
pub(super) fn fragments(prose: &[Word<'_>], kb: &Kb, titles: &SpanSet, out: &mut Mentions) {
    let mut by_token: HashMap<&str, Vec<EntityId>> = HashMap::default();
    let mut by_stem: HashMap<&str, Vec<EntityId>> = HashMap::default();
    // Latin tokens by romanisation key, for the same surname written in Cyrillic.
    let mut by_roman: HashMap<String, Vec<EntityId>> = HashMap::default();
    let named_in_full: Vec<EntityId> = {
        let mut ids: Vec<_> = out
            .mentions
            .iter()
            .filter(|m| kb.entity(m.entity).kind == EntityKind::Person)
            .filter(|m| {
                m.written
                    .form()
                    .and_then(|k| kb.entity(m.entity).form(k))
                    .is_some_and(|f| f.text.contains(' '))
            })
            .map(|m| m.entity)
            .collect();
        ids.sort();
        ids.dedup();
        ids
    };
    for &entity in &named_in_full {
        let person = kb.entity(entity);
        let forms = std::iter::once(&person.name).chain(&person.aliases);
        for form in forms {
            for token in form.text.split_whitespace() {
                let token = token.trim_matches(|c: char| !c.is_alphanumeric());
                if token.chars().count() < 3
                    || !token.starts_with(char::is_uppercase)
                    || lexicon::is_not_name(token)
                {
                    continue;
                }
                let list = by_token.entry(token).or_default();
                if !list.contains(&entity) {
                    list.push(entity);
                }
                // `Захарова` declines from `Захаров-`: found as `Захаровой`.
                if let Some(stem) = super::declension::inflection_stem(token) {
                    let list = by_stem.entry(stem).or_default();
                    if !list.contains(&entity) {
                        list.push(entity);
                    }
                }
                if token.is_ascii() {
                    let list = by_roman.entry(super::transliterated::key(token)).or_default();
                    if !list.contains(&entity) {
                        list.push(entity);
                    }
                }
            }
        }
    }
    if by_token.is_empty() {
        return;
    }
    // Single-word mentions that also fit another person named here become ambiguous.
    let mut now_ambiguous = Vec::new();
    out.mentions.retain(|m| {
        if m.explicit {
            return true;
        }
        let Some(kind) = m.written.form() else { return true };
        let Some(form) = kb.entity(m.entity).form(kind) else { return true };
        if form.text.contains(' ') {
            return true;
        }
        match by_token.get(form.text.as_str()) {
            Some(others) if others.iter().any(|&e| e != m.entity) => {
                let mut candidates = others.clone();
                candidates.push(m.entity);
                candidates.sort();
                candidates.dedup();
                now_ambiguous.push(AmbiguousMention { span: m.span, candidates, named_here: true });
                false
            }
            _ => true,
        }
    });
    out.ambiguous.extend(now_ambiguous);
    let covered = out.covered();
    let mut added = Vec::new();
    // `prose` is in order and each word is visited once, so fragments are added in order
    // without repeats.
    for (i, word) in prose.iter().enumerate() {
        // The word itself, or a Russian case form of it (`Пашиняна`, `Захаровой`): the
        // mention is the name's part, the ending stays outside, as for full names.
        let declined = || {
            super::declension::case_stems(word.text)
                .find_map(|stem| by_token.get(stem).or_else(|| by_stem.get(stem)).map(|c| (c, stem.len())))
        };
        // `Пашиняна` after `Nikol Pashinyan` was read in Cyrillic: the surname of a Latin form.
        let romanised = || {
            // Most words of most corpora are Latin: nothing to romanise, nothing to allocate.
            if by_roman.is_empty() || !super::declension::ends_cyrillic(word.text) {
                return None;
            }
            std::iter::once(word.text).chain(super::declension::case_stems(word.text)).find_map(|base| {
                let latin = crate::text::translit::romanize_russian(base)?;
                by_roman.get(&super::transliterated::key(&latin)).map(|c| (c, base.len()))
            })
        };
        let Some((candidates, len)) =
            by_token.get(word.text).map(|c| (c, word.text.len())).or_else(declined).or_else(romanised)
        else {
            continue;
        };
        let span = Span::new(word.span.start as usize, word.span.start as usize + len);
        if covered.overlaps(word.span) {
            continue;
        }
        // "Heydar Aliyev" names someone else even when Ilham Aliyev is named in full, and
        // "Serdar Berdimhammedov" is a misspelt full name, not the given name alone.
        let name_like = |other: &Word<'_>| {
            other.is_capitalized()
                && !lexicon::is_not_name(other.text)
                && !lexicon::is_rank(other.text)
                && !kb.is_demonym(other.text)
                && !titles.overlaps(other.span)
        };
        let previous = i.checked_sub(1).map(|p| &prose[p]);
        let next = prose.get(i + 1);
        if previous.is_some_and(|p| p.span.end + 1 == word.span.start && name_like(p))
            || next.is_some_and(|n| word.span.end + 1 == n.span.start && name_like(n))
        {
            continue;
        }
        if let [entity] = candidates[..] {
            added.push(Mention { entity, span, written: Written::Fragment, explicit: false });
        } else {
            out.ambiguous.push(AmbiguousMention { span, candidates: candidates.clone(), named_here: true });
        }
    }
    out.mentions.extend(added);
}

/// "Deputy Spokesman Farhan Haq": a title word, then two or more capitalised words that no
/// mention, near miss or title covers.
pub(super) fn unknown_people(
    text: &str,
    prose: &[Word<'_>],
    out: &Mentions,
    covered: &SpanSet,
    titles: &SpanSet,
) -> Vec<UnknownPerson> {
    let near_misses = SpanSet::new(out.near_misses.iter().map(|n| n.span));
    let taken = |span: Span| covered.overlaps(span) || near_misses.overlaps(span) || titles.overlaps(span);
    let mut found = Vec::new();
    let mut i = 0;
    while i < prose.len() {
        let word = prose[i];
        // A title is followed by a capitalised word (a name, or a rank): test that cheap
        // condition before the word list.
        let before_capital = prose.get(i + 1).is_some_and(|next| next.is_capitalized());
        if !before_capital || !lexicon::is_title_head(word.text) {
            i += 1;
            continue;
        }
        let title_start = {
            let mut start = i;
            while start > 0
                && lexicon::is_title_head(prose[start - 1].text)
                && adjacent(text, prose[start - 1], prose[start])
            {
                start -= 1;
            }
            prose[start].span.start as usize
        };
        let mut j = i + 1;
        // Ranks after the title ("Commander Gen. Hasan ...") belong to the title.
        while j < prose.len()
            && lexicon::is_title_head(prose[j].text)
            && adjacent(text, prose[j - 1], prose[j])
        {
            j += 1;
        }
        // "Gen." keeps its period.
        let title_end = prose[j - 1].span.end as usize;
        let title_end = if text[title_end..].starts_with('.') { title_end + 1 } else { title_end };
        let title = Span::new(title_start, title_end);
        let first = j;
        while j < prose.len()
            && j - first < 4
            && prose[j].is_capitalized()
            && !lexicon::is_not_name(prose[j].text)
            && if j == first { adjacent(text, prose[j - 1], prose[j]) } else { adjacent_in_name(text, prose[j - 1], prose[j]) }
            // "appointed Mr Gabriel Attal Prime Minister": the name ends before a title.
            && !lexicon::is_title_head(prose[j].text)
            && !prose.get(j + 1).is_some_and(|next| {
                lexicon::is_title_head(next.text) && adjacent(text, prose[j], *next)
            })
        {
            j += 1;
        }
        if j - first >= 2 && !in_headline(text, prose[first].span) {
            let name = Span::new(prose[first].span.start as usize, prose[j - 1].span.end as usize);
            if !taken(name) {
                let full = text[name.range()].split_whitespace().collect::<Vec<_>>().join(" ");
                found.push(UnknownPerson { name, title: Some(title), full });
            }
        }
        i = j.max(i + 1);
    }
    // Later lone surnames or given names of the people introduced.
    let mut parts: HashMap<&str, &str> = HashMap::default();
    let mut ambiguous_parts: Vec<&str> = Vec::new();
    for person in &found {
        for token in person.full.split(' ').filter(|t| t.chars().count() >= 3) {
            match parts.get(token) {
                Some(&other) if other != person.full => ambiguous_parts.push(token),
                _ => {
                    parts.insert(token, &person.full);
                }
            }
        }
    }
    for token in ambiguous_parts {
        parts.remove(token);
    }
    let introduced = SpanSet::new(found.iter().map(|p| p.name));
    // Where each person is first introduced (`found` is in text order).
    let mut first_at: HashMap<&str, u32> = HashMap::default();
    for person in &found {
        first_at.entry(person.full.as_str()).or_insert(person.name.start);
    }
    let mut fragments = Vec::new();
    for word in prose {
        let Some(&full) = parts.get(word.text) else { continue };
        let taken = introduced.overlaps(word.span) || taken(word.span);
        let first = first_at.get(full).copied();
        if !taken && first.is_some_and(|start| start < word.span.start) {
            fragments.push(UnknownPerson { name: word.span, title: None, full: full.to_owned() });
        }
    }
    found.extend(fragments);
    found.sort_by_key(|p| p.name);
    found
}

/// Two words separated only by spaces or one line break (a period after an abbreviated
/// rank is allowed).
/// Two words of one name: as [`adjacent`], but a period only after an initial ("John F.
/// Kennedy"): "Zelensky. Three" is two sentences.
pub(crate) fn adjacent_in_name(text: &str, a: Word<'_>, b: Word<'_>) -> bool {
    let gap = &text[a.span.end as usize..b.span.start as usize];
    adjacent(text, a, b) && (!gap.starts_with('.') || a.text.chars().count() == 1)
}

/// Whether the line holding `at` is a headline in title case ("President Putin Proposes
/// Tax Cuts", "EU Leader Holds Separate Talks with Pashinyan"): a paragraph of one line,
/// one sentence without a closing period, three in four of its longer words capitalised.
/// Capitals there do not mark names.
pub(crate) fn in_headline(text: &str, at: Span) -> bool {
    let start = text[..at.start as usize].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at.end as usize..].find('\n').map_or(text.len(), |i| at.end as usize + i);
    let line = text[start..end].trim();
    let blank_before = text[..start]
        .trim_end_matches([' ', '\t', '\r'])
        .strip_suffix('\n')
        .is_none_or(|before| before.is_empty() || before.ends_with('\n') || before.ends_with("---"));
    let blank_after = text[end..].strip_prefix('\n').is_none_or(|after| {
        after.trim_start_matches([' ', '\t', '\r']).starts_with('\n') || after.trim().is_empty()
    });
    if !blank_before || !blank_after || line.ends_with('.') || line.contains(". ") {
        return false;
    }
    let words: Vec<&str> = line
        .split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic) && w.chars().count() > 3)
        .collect();
    let capitalised = words.iter().filter(|w| w.starts_with(char::is_uppercase)).count();
    words.len() >= 4 && capitalised * 4 >= words.len() * 3
}

fn adjacent(text: &str, a: Word<'_>, b: Word<'_>) -> bool {
    let gap = &text[a.span.end as usize..b.span.start as usize];
    let gap = gap.strip_prefix('.').unwrap_or(gap);
    !gap.is_empty() && gap.chars().all(char::is_whitespace) && gap.matches('\n').count() <= 1
}
