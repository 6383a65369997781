//! Which dates in an article date which events: the link the date checks compare.
//!
//! A tie comes from structure, never from mere co-occurrence, because a date beside an
//! event is often the date of something else ("On September 27, Aliyev said that the
//! Shusha Declaration ..." dates the interview). A date and a KB event mention are tied when
//! they are in the same clause (sentences are cut at `;` and at `that`, `which`, `who`...)
//! and one of these holds:
//!
//! - the date follows the mention across nothing but prepositions, articles and names:
//!   "the 44-day war with Armenia in late 2020", "signed the Shusha Declaration on Tuesday";
//! - the date comes right before the mention: "the 2020 war";
//! - a cue verb between them says which part of the event the date is: "broke out",
//!   "erupted", "began" (start), "ended", "halted" (end), "was signed", "took place"
//!   (the whole event).
//!
//! A weaker tie links a generic noun ("clashes", "the fighting") with a cue verb and a date
//! to a KB event named within two sentences. Checks use weak ties only where the evidence
//! is unmistakable (the same month and day as the KB date in another year).
//!
//! Named events the KB does not know ("the Zapad-2021 Exercises", see
//! `mentions::NamedEvent`) take strong ties the same way; weak ties need a KB event.
//!
//! Only dates resolved from explicit text or the publication date are tied; a date counted
//! from an earlier sentence ("eight months after the victory") may have the wrong anchor.

use crate::dates::{Resolution, Timex, TimexKind};
use crate::kb::{EntityId, EntityKind, Kb};
use crate::mentions::Mentions;
use crate::span::Span;
use rustc_hash::FxHashMap as HashMap;

/// Which part of an event a date gives.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Aspect {
    Start,
    End,
    /// The event as a whole (or a one-day event).
    Whole,
}

/// The event a date is tied to: a KB entity, or a named event the KB does not know (the
/// index of its first mention in `Mentions::named_events`, so every mention of one name in
/// an article is one event).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash, PartialOrd, Ord)]
pub enum EventRef {
    Kb(EntityId),
    Named(u32),
}

impl EventRef {
    pub fn kb(self) -> Option<EntityId> {
        match self {
            EventRef::Kb(id) => Some(id),
            EventRef::Named(_) => None,
        }
    }

    /// How a message names it: the KB name, or the name as the article first writes it.
    pub fn name<'a>(self, kb: &'a Kb, mentions: &Mentions, text: &'a str) -> &'a str {
        match self {
            EventRef::Kb(id) => &kb.entity(id).name.text,
            EventRef::Named(i) => {
                mentions.named_events.get(i as usize).map_or("the event", |e| &text[e.span.range()])
            }
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug, PartialOrd, Ord)]
pub enum Strength {
    /// Through a generic noun ("the fighting") and a KB event named nearby.
    Weak,
    /// A KB event mention in the same clause.
    Strong,
}

/// A date (an index into the article's timexes) tied to an event.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct DateTie {
    pub timex: usize,
    pub event: EventRef,
    pub aspect: Aspect,
    pub strength: Strength,
    /// The mention (or generic noun) the date is tied through.
    pub via: Span,
}

/// A duration ("44-day", "lasted six weeks") tied to an event.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct DurationTie {
    pub timex: usize,
    pub event: EventRef,
    pub strength: Strength,
    pub via: Span,
}

#[derive(Clone, Debug, Default)]
pub struct Ties {
    pub dates: Vec<DateTie>,
    pub durations: Vec<DurationTie>,
}

impl Ties {
    /// Drops the lists' spare room, for an analysis kept for the life of a snapshot.
    pub fn shrink_to_fit(&mut self) {
        self.dates.shrink_to_fit();
        self.durations.shrink_to_fit();
    }
}

const START_CUES: &[&str] = &[
    "began",
    "begin",
    "begun",
    "begins",
    "erupted",
    "erupt",
    "broke out",
    "started",
    "starts",
    "launched",
    "opened",
    "kicked off",
    "outbreak of",
    "start of",
];
const END_CUES: &[&str] =
    &["ended", "end", "ends", "halted", "stopped", "finished", "came to an end", "end of"];
const WHOLE_CUES: &[&str] =
    &["signed", "held", "took place", "occurred", "happened", "fought", "waged", "adopted"];
const DURATION_CUES: &[&str] = &["lasted", "lasting", "went on for", "raged for"];
const GENERIC_EVENTS: &[&str] = &[
    "war",
    "conflict",
    "clashes",
    "fighting",
    "hostilities",
    "offensive",
    "operation",
    "battle",
    "exercise",
    "exercises",
    "drills",
    "ceasefire",
    "truce",
    "agreement",
    "declaration",
    "treaty",
    "summit",
    "talks",
];
/// Words allowed between an event and the date after it: "the war with Armenia in 2020".
const LINK_WORDS: &[&str] = &[
    "in", "of", "on", "at", "from", "with", "and", "the", "a", "an", "against", "between", "over", "during",
    "by", "s",
];
const CLAUSE_BREAKS: &[&str] =
    &["that", "which", "who", "whom", "whose", "where", "while", "although", "because", "whereas"];

/// Whether a timex is a date the checks may trust: a calendar interval from explicit text
/// or from the publication date.
pub fn is_checkable_date(timex: &Timex) -> bool {
    matches!(timex.kind, TimexKind::Date | TimexKind::Time)
        && timex.interval.is_some()
        && matches!(timex.resolution, Resolution::Absolute | Resolution::Dct)
}

/// How far before or after a date a tie looks, in bytes. Real clauses are far shorter
/// (news sentences rarely pass 400 bytes); the bound keeps a run-on text without
/// punctuation from making every date scan all of it.
const REACH: usize = 1_000;

/// The events of an article in text order, none overlapping another (a named event never
/// covers a KB mention), so their ends are in order too and both can be searched.
struct Events(Vec<(Span, EventRef)>);

impl Events {
    fn new(mut events: Vec<(Span, EventRef)>) -> Events {
        events.sort_by_key(|(span, _)| *span);
        let mut end = 0;
        events.retain(|(span, _)| {
            let keep = span.start >= end;
            if keep {
                end = span.end;
            }
            keep
        });
        Events(events)
    }

    /// The events inside `within`.
    fn inside(&self, within: Span) -> &[(Span, EventRef)] {
        let first = self.0.partition_point(|(s, _)| s.start < within.start);
        let last = first + self.0[first..].partition_point(|(s, _)| s.end <= within.end);
        &self.0[first..last]
    }
}

/// Ties in one article. `sentences` are spans of `text`; `timexes` are sorted.
pub fn tie(text: &str, sentences: &[Span], timexes: &[Timex], mentions: &Mentions, kb: &Kb) -> Ties {
    let mut ties = Ties::default();
    let kb_events: Vec<(Span, EventRef)> = mentions
        .mentions
        .iter()
        .filter(|m| kb.entity(m.entity).kind == EntityKind::Event)
        .map(|m| (m.span, EventRef::Kb(m.entity)))
        .collect();
    let mut events = kb_events.clone();
    let mut first_named: HashMap<&str, u32> = HashMap::default();
    for (i, named) in mentions.named_events.iter().enumerate() {
        let first = *first_named.entry(named.key.as_str()).or_insert(i as u32);
        events.push((named.span, EventRef::Named(first)));
    }
    // Every tie goes to an event: an article naming none has none (most articles).
    if events.is_empty() {
        return ties;
    }
    let events = Events::new(events);
    let nearby = NearbyEvents::new(sentences, &Events::new(kb_events));
    let mut tied_durations = vec![false; timexes.len()];
    for (s_idx, &sentence) in sentences.iter().enumerate() {
        let clauses = clauses(text, sentence);
        for clause in clauses {
            let clause_events = events.inside(clause);
            // Timexes are sorted: the clause's are one run of them.
            let first = timexes.partition_point(|t| t.span.start < clause.start);
            let last = timexes.partition_point(|t| t.span.start < clause.end);
            for (t_idx, timex) in timexes
                .iter()
                .enumerate()
                .take(last)
                .skip(first)
                .filter(|(_, t)| clause.contains_span(t.span))
            {
                if timex.kind == TimexKind::Duration {
                    if let Some(tie) = duration_tie(text, clause, t_idx, timex, clause_events) {
                        ties.durations.push(tie);
                        tied_durations[t_idx] = true;
                    }
                    continue;
                }
                if !is_checkable_date(timex) {
                    continue;
                }
                if let Some(tie) = strong_tie(text, clause, t_idx, timex, clause_events) {
                    ties.dates.push(tie);
                } else if let Some(tie) = weak_tie(text, &nearby, s_idx, clause, t_idx, timex) {
                    ties.dates.push(tie);
                }
            }
        }
        // Durations written as adjectives of a generic noun, tied to a KB event nearby:
        // "During the 44-day conflict" when the conflict is named in a neighbouring sentence.
        let first = timexes.partition_point(|t| t.span.start < sentence.start);
        let last = timexes.partition_point(|t| t.span.start < sentence.end);
        for (t_idx, timex) in
            timexes.iter().enumerate().take(last).skip(first).filter(|(_, t)| sentence.contains_span(t.span))
        {
            if timex.kind != TimexKind::Duration || tied_durations[t_idx] {
                continue;
            }
            let after = &text[timex.span.end as usize..sentence.end as usize];
            if generic_noun_at_start(after).is_none() {
                continue;
            }
            if let Some((via, event)) = nearby.around(s_idx) {
                ties.durations.push(DurationTie { timex: t_idx, event, strength: Strength::Weak, via });
                tied_durations[t_idx] = true;
            }
        }
    }
    ties
}

/// The one KB event named in each sentence, if only one is, so that "the one KB event named
/// within two sentences" is five lookups rather than a scan of the article per date.
struct NearbyEvents {
    per_sentence: Vec<Named>,
}

#[derive(Clone, Copy)]
enum Named {
    None,
    One(Span, EventRef),
    Several,
}

impl Named {
    fn and(self, other: Named) -> Named {
        match (self, other) {
            (Named::None, x) | (x, Named::None) => x,
            (Named::One(span, a), Named::One(_, b)) if a == b => Named::One(span, a),
            _ => Named::Several,
        }
    }
}

impl NearbyEvents {
    fn new(sentences: &[Span], kb_events: &Events) -> NearbyEvents {
        let per_sentence = sentences
            .iter()
            .map(|&sentence| {
                kb_events
                    .inside(sentence)
                    .iter()
                    .map(|&(span, event)| Named::One(span, event))
                    .try_fold(Named::None, |acc, one| match acc.and(one) {
                        Named::Several => Err(()),
                        named => Ok(named),
                    })
                    .unwrap_or(Named::Several)
            })
            .collect();
        NearbyEvents { per_sentence }
    }

    /// The one KB event named in sentence `s_idx` or the two sentences either side (its
    /// first mention there); `None` when there is none or more than one (then nothing is
    /// certain).
    fn around(&self, s_idx: usize) -> Option<(Span, EventRef)> {
        let from = s_idx.saturating_sub(2);
        let to = (s_idx + 2).min(self.per_sentence.len().checked_sub(1)?);
        match self.per_sentence[from..=to].iter().fold(Named::None, |acc, &named| acc.and(named)) {
            Named::One(span, event) => Some((span, event)),
            Named::None | Named::Several => None,
        }
    }
}

/// The clauses of a sentence: cut at `;` and before subordinating words.
fn clauses(text: &str, sentence: Span) -> Vec<Span> {
    let mut cuts = vec![sentence.start as usize];
    let body = &text[sentence.range()];
    for (i, c) in body.char_indices() {
        if c == ';' {
            cuts.push(sentence.start as usize + i + 1);
        }
    }
    // One pass over the words (cheaper than a substring search per break word).
    for (at, word) in ascii_words(body) {
        if at > 0 && CLAUSE_BREAKS.iter().any(|b| b.eq_ignore_ascii_case(word)) {
            cuts.push(sentence.start as usize + at);
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.push(sentence.end as usize);
    cuts.windows(2).map(|w| Span::new(w[0], w[1])).filter(|s| !s.is_empty()).collect()
}

/// Runs of ASCII letters and digits with their offsets: the cue words and nouns are ASCII,
/// and scanning bytes keeps every offset on a char boundary.
fn ascii_words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() && !bytes[i].is_ascii_alphanumeric() {
            i += 1;
        }
        if i >= bytes.len() {
            return None;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
            i += 1;
        }
        Some((start, &text[start..i]))
    })
}

fn words_between(text: &str, a: usize, b: usize) -> Vec<&str> {
    if a >= b {
        return Vec::new();
    }
    text[a..b].split(|c: char| !c.is_alphanumeric() && c != '-').filter(|w| !w.is_empty()).collect()
}

/// Every place `needle` (ASCII) occurs in `hay` as a whole word, in any case, without
/// allocating: this runs for every date of every article.
fn word_positions<'a>(hay: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    let bytes = hay.as_bytes();
    let n = needle.len();
    (0..bytes.len().saturating_sub(n - 1).min(bytes.len())).filter(move |&i| {
        bytes[i..i + n].eq_ignore_ascii_case(needle.as_bytes())
            && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric())
            && bytes.get(i + n).is_none_or(|b| !b.is_ascii_alphanumeric())
    })
}

/// Where the last of `cues` starts in `words`, as a whole word.
fn last_cue(words: &str, cues: &[&str]) -> Option<usize> {
    cues.iter().filter_map(|cue| word_positions(words, cue).last()).max()
}

fn contains_cue(words: &str, cues: &[&str]) -> bool {
    last_cue(words, cues).is_some()
}

/// The part of an event the cue nearest the end of `gap` names: in "began on Sept. 27 and
/// ended on", the date after it is the end.
fn aspect_of(gap: &str) -> Option<Aspect> {
    [(Aspect::Start, START_CUES), (Aspect::End, END_CUES), (Aspect::Whole, WHOLE_CUES)]
        .into_iter()
        .filter_map(|(aspect, cues)| Some((last_cue(gap, cues)?, aspect)))
        .max_by_key(|(at, _)| *at)
        .map(|(_, aspect)| aspect)
}

fn strong_tie(
    text: &str,
    clause: Span,
    t_idx: usize,
    timex: &Timex,
    events: &[(Span, EventRef)],
) -> Option<DateTie> {
    // The nearest mention wins: "the Shusha Declaration is as important as the Treaty of
    // Kars signed 100 years ago" dates the treaty, not the declaration. (Events are in order
    // and never overlap: the nearest before the date and the nearest after it are found by
    // search; at equal distance the earlier wins.)
    //
    // A date written inside a name ("the 1966 World Cup", a KB alias; "Tuesday the War", a
    // run of capitalised words) is part of that name: it neither dates the mention nor
    // stands before or after it.
    let before = events.partition_point(|(s, _)| s.end <= timex.span.start);
    let after = events.partition_point(|(s, _)| s.start < timex.span.end);
    let before = before.checked_sub(1).map(|i| events[i]);
    let after = events.get(after).copied();
    let distance_before = |(s, _): (Span, EventRef)| (timex.span.start - s.end) as usize;
    let distance_after = |(s, _): (Span, EventRef)| (s.start - timex.span.end) as usize;
    let ((via, event), distance) = match (before, after) {
        (Some(b), Some(a)) if distance_after(a) < distance_before(b) => (a, distance_after(a)),
        (Some(b), _) => (b, distance_before(b)),
        (None, Some(a)) => (a, distance_after(a)),
        (None, None) => return None,
    };
    if distance > REACH {
        return None;
    }
    if via.end <= timex.span.start {
        // EVENT ... DATE
        let gap_text = &text[via.end as usize..timex.span.start as usize];
        if let Some(aspect) = aspect_of(gap_text) {
            return Some(DateTie { timex: t_idx, event, aspect, strength: Strength::Strong, via });
        }
        let gap = words_between(text, via.end as usize, timex.span.start as usize);
        let linked = gap.len() <= 6
            && !gap_text.contains([',', ';', ':', '(', ')'])
            && gap.iter().all(|w| {
                LINK_WORDS.iter().any(|l| l.eq_ignore_ascii_case(w)) || w.starts_with(char::is_uppercase)
            });
        if linked {
            return Some(DateTie {
                timex: t_idx,
                event,
                aspect: Aspect::Whole,
                strength: Strength::Strong,
                via,
            });
        }
    } else {
        // DATE ... EVENT: "the 2020 war", "On Sept. 27, the war broke out".
        let gap_text = &text[timex.span.end as usize..via.start as usize];
        let gap = words_between(text, timex.span.end as usize, via.start as usize);
        if gap.len() <= 1 && !gap_text.contains([',', ';', ':']) {
            return Some(DateTie {
                timex: t_idx,
                event,
                aspect: Aspect::Whole,
                strength: Strength::Strong,
                via,
            });
        }
        // "On Sept. 27, the Second Karabakh War broke out": the cue after the mention.
        let rest = &text[via.end as usize..clause.end as usize];
        let head: String = rest.split_whitespace().take(4).collect::<Vec<_>>().join(" ");
        if let Some(aspect) = aspect_of(&head) {
            return Some(DateTie { timex: t_idx, event, aspect, strength: Strength::Strong, via });
        }
    }
    None
}

/// "New clashes erupted Sept. 27, 2021": a generic event noun, a cue, a date, and a KB event
/// named in this sentence or the two on either side.
fn weak_tie(
    text: &str,
    nearby: &NearbyEvents,
    s_idx: usize,
    clause: Span,
    t_idx: usize,
    timex: &Timex,
) -> Option<DateTie> {
    // Cheapest test first: is one KB event named nearby at all?
    let (_, event) = nearby.around(s_idx)?;
    let from = floor_char_boundary(text, (timex.span.start as usize).saturating_sub(REACH))
        .max(clause.start as usize);
    let before = &text[from..timex.span.start as usize];
    let noun_at = ascii_words(before)
        .find(|(_, word)| GENERIC_EVENTS.iter().any(|noun| noun.eq_ignore_ascii_case(word)))
        .map(|(start, _)| start)?;
    // The cue may come before the noun ("It ended with an agreement on ...") or after it
    // ("New clashes erupted on ...").
    let aspect = aspect_of(before)?;
    let noun_len = before[noun_at..].split(|c: char| !c.is_alphanumeric()).next().map_or(0, str::len);
    let noun_span = Span::new(from + noun_at, from + noun_at + noun_len);
    Some(DateTie { timex: t_idx, event, aspect, strength: Strength::Weak, via: noun_span })
}

/// The char boundary at or before `at`.
fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn generic_noun_at_start(text: &str) -> Option<&'static str> {
    let first = text.split_whitespace().next()?.trim_matches(|c: char| !c.is_alphanumeric());
    GENERIC_EVENTS.iter().copied().find(|noun| noun.eq_ignore_ascii_case(first))
}

fn duration_tie(
    text: &str,
    clause: Span,
    t_idx: usize,
    timex: &Timex,
    events: &[(Span, EventRef)],
) -> Option<DurationTie> {
    timex.duration.as_ref()?.amount?;
    // "the 44-day war": the duration is inside, or right before, the mention.
    let around = events.partition_point(|(s, _)| s.end <= timex.span.start);
    for &(via, event) in events[around..].iter().take(2) {
        let adjacent = via.contains_span(timex.span)
            || (timex.span.end <= via.start
                && (via.start - timex.span.end) as usize <= REACH
                && words_between(text, timex.span.end as usize, via.start as usize).len() <= 1);
        if adjacent {
            return Some(DurationTie { timex: t_idx, event, strength: Strength::Strong, via });
        }
    }
    // "The war broke out in 2020 and lasted 44 days": a duration cue with the event earlier
    // in the clause.
    let &(via, event) = around.checked_sub(1).map(|i| &events[i])?;
    let from = floor_char_boundary(text, (timex.span.start as usize).saturating_sub(REACH))
        .max(clause.start as usize);
    if contains_cue(&text[from..timex.span.start as usize], DURATION_CUES) {
        return Some(DurationTie { timex: t_idx, event, strength: Strength::Strong, via });
    }
    None
}

#[cfg(test)]
mod tests;
