//! Sentences and tense: which "Tuesday" a sentence means depends on whether it says "met"
//! or "will meet".
//!
//! Without a part-of-speech tagger, tense comes from cue words: auxiliaries ("was", "will",
//! "has"), reporting verbs ("said", "says"), irregular past forms ("met", "held") and regular
//! "-ed" forms that are not passives or participles after "be"/"to". The cue nearest to the
//! expression wins, those before it (the verb usually precedes its time adverbial) slightly
//! preferred, reporting verbs slightly discounted ("officials said the talks will resume
//! Friday" is about a future Friday).

use std::ops::Range;

use super::lexicon::class;
use super::tokens::{Token, TokenKind};
use crate::dates::timex::Tense;

/// How far from an expression, in tokens, tense cues are looked for: far enough for any
/// ordinary clause, and it keeps the search linear on texts without sentence breaks.
const WINDOW: usize = 40;

/// Sentence boundaries and tense cues of one chunk.
pub struct Sentences {
    /// `sentence_of[i]` is the index in `ranges` of the sentence holding token `i`.
    sentence_of: Vec<u32>,
    ranges: Vec<Range<usize>>,
    /// The tense cue of every token, with its distance penalty, computed once.
    cues: Vec<Option<(Tense, u8)>>,
    /// Tokens that make a sentence's dates plans or hypotheses ([`looks_ahead`]).
    looks_ahead: Vec<bool>,
    /// Tokens that end a clause ([`clause_break`]).
    clause_break: Vec<bool>,
}

impl Sentences {
    /// Sentences and tense cues of every token.
    #[cfg(test)]
    pub fn new(text: &str, tokens: &[Token]) -> Sentences {
        Sentences::around(text, tokens, 0..tokens.len())
    }

    /// Sentences of every token, tense cues only in the sentences that hold one of `starts`
    /// (the tokens expressions start at): a reading never looks past its expression's
    /// sentence, and most sentences of an article hold no date.
    pub fn around(text: &str, tokens: &[Token], starts: impl IntoIterator<Item = usize>) -> Sentences {
        let mut ranges = Vec::new();
        let mut sentence_of = Vec::with_capacity(tokens.len());
        let mut start = 0;
        for i in 0..tokens.len() {
            if i > start && (tokens[i].newlines_before >= 2 || ends_sentence(text, tokens, i - 1)) {
                ranges.push(start..i);
                start = i;
            }
            sentence_of.push(ranges.len() as u32);
        }
        ranges.push(start..tokens.len());
        let mut cues = vec![None; tokens.len()];
        let mut looks_ahead = vec![false; tokens.len()];
        // Outside the computed sentences nothing is read; `true` is what a missing token reads as.
        let mut clause_break = vec![true; tokens.len()];
        let mut done = vec![false; ranges.len()];
        for first in starts {
            let Some(&s) = sentence_of.get(first) else { continue };
            if std::mem::replace(&mut done[s as usize], true) {
                continue;
            }
            for i in ranges[s as usize].clone() {
                cues[i] = cue(text, tokens, i).map(|(t, p)| (t, p as u8));
                looks_ahead[i] = self::looks_ahead(text, tokens, i);
                clause_break[i] = self::clause_break(text, tokens, i);
            }
        }
        Sentences { sentence_of, ranges, cues, looks_ahead, clause_break }
    }

    /// The token range of the sentence holding token `i`.
    pub fn sentence(&self, i: usize) -> Range<usize> {
        let s = self.sentence_of.get(i).copied().unwrap_or(0) as usize;
        self.ranges.get(s).cloned().unwrap_or(0..0)
    }

    /// The tense around `mention` and how close its cue is.
    pub fn reading(&self, mention: Range<usize>) -> TenseReading {
        let sentence = self.sentence(mention.start);
        let sentence = sentence.start.max(mention.start.saturating_sub(WINDOW))
            ..sentence.end.min(mention.end.saturating_add(WINDOW));
        let mut best: Option<(usize, Tense)> = None;
        let mut consider = |distance: usize, tense: Tense| {
            if best.is_none_or(|(d, _)| distance < d) {
                best = Some((distance, tense));
            }
        };
        // Left of the expression, nearest first.
        for i in (sentence.start..mention.start).rev() {
            if let Some(Some((tense, penalty))) = self.cues.get(i) {
                consider(mention.start - i + usize::from(*penalty), *tense);
            }
        }
        // Right of it: a small penalty, the verb usually comes first.
        for i in mention.end..sentence.end {
            if let Some(Some((tense, penalty))) = self.cues.get(i) {
                consider(i + 1 - mention.end + 2 + usize::from(*penalty), *tense);
            }
        }
        let settled_past = self.settled_past(mention.clone());
        match best {
            Some((distance, tense)) => TenseReading { tense, distance, settled_past },
            None => TenseReading { tense: Tense::Unknown, distance: usize::MAX, settled_past },
        }
    }

    /// Whether the clause holding `mention` tells a finished event, beyond reasonable doubt:
    /// a past verb inside the clause (not a reporting verb, whose tense says nothing about the
    /// reported clause: "officials said the vote is expected on June 30") and nothing in the
    /// whole sentence that looks ahead or hedges ("will", "would", "may", "expected",
    /// "planned", "until", "candidate", "were to"). What a check that accuses a date of being
    /// in the future needs; far stricter than the nearest-cue reading.
    fn settled_past(&self, mention: Range<usize>) -> bool {
        let sentence = self.sentence(mention.start);
        let sentence = sentence.start.max(mention.start.saturating_sub(WINDOW))
            ..sentence.end.min(mention.end.saturating_add(WINDOW));
        if sentence.clone().any(|i| self.looks_ahead.get(i).copied().unwrap_or(false)) {
            return false;
        }
        let is_past_verb = |i: usize| matches!(self.cues.get(i), Some(Some((Tense::Past, 0))));
        let boundary = |i: usize| self.clause_break.get(i).copied().unwrap_or(true);
        // Left of the expression, to the clause's start: "was signed on [date]".
        for i in (sentence.start..mention.start).rev().take(CLAUSE) {
            if is_past_verb(i) {
                return true;
            }
            if boundary(i) {
                break;
            }
        }
        // Right of it, to the clause's end: "on [date] the treaty was signed".
        for i in (mention.end..sentence.end).take(CLAUSE) {
            if boundary(i) {
                break;
            }
            if is_past_verb(i) {
                return true;
            }
        }
        false
    }
}

/// How far a clause-local past verb may be from the expression, in tokens.
const CLAUSE: usize = 8;

/// Words anywhere in a sentence that make its dates plans, hopes or hypotheses rather
/// than facts (compared lowercase; "will", "would" and the modals come from the lexicon).
#[rustfmt::skip]
const LOOKS_AHEAD: &[&str] = &[
    "expected", "expects", "expect", "expecting", "plan", "plans", "planned", "planning",
    "scheduled", "schedule", "due", "set", "slated", "intends", "intended", "aims", "aimed",
    "hopes", "hoped", "until", "till", "candidate", "nominee", "designate", "deadline",
    "starting", "upcoming", "proposed", "if", "whether", "unless", "term", "expire", "expires",
    "expired", "postponed", "delayed", "rescheduled", "prepare", "prepares", "preparing",
    "invited", "invitation", "agreed", "agree", "promised", "pledged", "vowed", "announced",
    "announce", "announces", "called", "calls", "ahead",
];

/// Whether token `i` makes the sentence's dates uncertain (see [`LOOKS_AHEAD`]).
fn looks_ahead(text: &str, tokens: &[Token], i: usize) -> bool {
    let t = &tokens[i];
    if !t.is_word() {
        return false;
    }
    if t.lex.is_some_and(|l| l.has(class::FUTURE) || l.has(class::FUTURE_IN_PAST) || l.has(class::MODAL)) {
        return true;
    }
    let word = t.text(text);
    LOOKS_AHEAD.iter().any(|w| w.eq_ignore_ascii_case(word))
        // "is to", "were to": a scheduled future, also in the past.
        || (t.lex.is_some_and(|l| l.has(class::BE))
            && tokens.get(i + 1).is_some_and(|n| n.text(text).eq_ignore_ascii_case("to")))
}

/// Whether token `i` separates clauses: punctuation other than the dots and hyphens of
/// abbreviations and dates, and conjunctions that start a clause of their own.
fn clause_break(text: &str, tokens: &[Token], i: usize) -> bool {
    let t = &tokens[i];
    match t.kind {
        TokenKind::Punct(c) => matches!(
            c,
            ',' | ';' | ':' | '(' | ')' | '"' | '\u{201c}' | '\u{201d}' | '\u{2014}' | '\u{2013}' | '!' | '?'
        ),
        TokenKind::Word => {
            let word = t.text(text);
            [
                "and", "but", "or", "that", "which", "who", "while", "whereas", "although", "though",
                "because", "when", "after", "before", "as",
            ]
            .iter()
            .any(|w| w.eq_ignore_ascii_case(word))
        }
        _ => false,
    }
}

/// A tense and the distance (in tokens, with penalties) of the cue it was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TenseReading {
    pub tense: Tense,
    pub distance: usize,
    /// See [`Sentences::settled_past`].
    pub settled_past: bool,
}

impl TenseReading {
    /// A cue right next to the expression ("opened on Thanksgiving", "held June 15"): strong
    /// enough to overrule the nearest reading of a year-less date. (On TimeBank and AQUAINT,
    /// trusting cues up to this distance costs nothing; further ones are too often wrong.)
    pub fn is_strong(&self) -> bool {
        self.distance <= 2
    }
}

/// Whether token `i` ends a sentence: ".", "!" or "?" not after an abbreviation, followed by
/// a capital, a quote or the end.
fn ends_sentence(text: &str, tokens: &[Token], i: usize) -> bool {
    let t = &tokens[i];
    match t.kind {
        TokenKind::Punct('!' | '?') => true,
        TokenKind::Punct('.') => {
            if i > 0 && !t.space_before {
                let prev = &tokens[i - 1];
                // "Nov.", "Mr.", "U.S." — but a sentence can end with "U.S." too; trust a
                // following capital only for longer words.
                if prev.is_word() && prev.lex.is_some_and(|l| l.has(class::ABBREVIATION)) {
                    return false;
                }
                if prev.is_word() && prev.end - prev.start == 1 {
                    return false;
                }
            }
            match tokens.get(i + 1) {
                None => true,
                Some(next) => {
                    next.newlines_before > 0
                        || next.capitalized
                        || next.is_number()
                        || matches!(next.kind, TokenKind::Punct('"' | '\u{201c}' | '\'' | '(' | '\u{2018}'))
                        || next.text(text).is_empty()
                }
            }
        }
        _ => false,
    }
}

/// The tense token `i` signals, with a distance penalty for weak cues.
fn cue(text: &str, tokens: &[Token], i: usize) -> Option<(Tense, usize)> {
    let t = &tokens[i];
    if !t.is_word() {
        return None;
    }
    let word = t.text(text);
    // Most words are already lowercase: borrow them.
    let lower: std::borrow::Cow<'_, str> = match t.lex {
        Some(lex) => lex.word.into(),
        None if !word.bytes().any(|b| b.is_ascii_uppercase()) => word.into(),
        None => word.to_ascii_lowercase().into(),
    };
    let next_is = |w: &str| tokens.get(i + 1).is_some_and(|n| n.text(text).eq_ignore_ascii_case(w));
    let prev_is_be = i > 0 && tokens[i - 1].lex.is_some_and(|l| l.has(class::BE));
    let apostrophe_t = tokens.get(i + 1).is_some_and(|n| n.is_punct('\'') || n.is_punct('\u{2019}'))
        && tokens.get(i + 2).is_some_and(|n| n.text(text).eq_ignore_ascii_case("t"));
    // Contractions first: "won't", "didn't", "isn't".
    if apostrophe_t {
        return match lower.as_ref() {
            "won" | "wouldn" | "shan" => Some((Tense::Future, 0)),
            "didn" | "wasn" | "weren" | "hadn" | "couldn" => Some((Tense::Past, 0)),
            "isn" | "aren" | "doesn" | "don" | "hasn" | "haven" => Some((Tense::Present, 0)),
            _ => None,
        };
    }
    match lower.as_ref() {
        "said" | "told" | "added" | "announced" | "reported" | "stated" => {
            return Some((Tense::Past, 2));
        }
        "says" | "tells" | "adds" | "announces" | "reports" => return Some((Tense::Present, 2)),
        "going" if next_is("to") => return Some((Tense::Future, 0)),
        // "is to resume", "are to meet": a scheduled future.
        "is" | "are" | "am" if next_is("to") => return Some((Tense::Future, 0)),
        "plans" | "plan" | "planning" | "scheduled" | "expected" | "set" | "due" | "intends" | "aims"
            if next_is("to") =>
        {
            return Some((Tense::Future, 0));
        }
        "scheduled" | "upcoming" | "proposed" | "slated" => {
            return Some((Tense::Future, 1));
        }
        "has" | "have" | "had" => {
            // "has been", "have met": a present perfect looks back.
            return Some((if lower == "had" { Tense::Past } else { Tense::Present }, 0));
        }
        _ => {}
    }
    if let Some(lex) = t.lex {
        if lex.has(class::FUTURE) {
            // "will" as a noun ("the will of") is rare enough.
            if lower == "next" || lower == "soon" || lower == "tomorrow" || lower == "upcoming" {
                return Some((Tense::Future, 1));
            }
            return Some((Tense::Future, 0));
        }
        if lex.has(class::FUTURE_IN_PAST) {
            return Some((Tense::Future, 1));
        }
        if lex.has(class::PAST) {
            // "will be held", "to be met": a participle after "be" is not a past tense.
            let auxiliary = matches!(lower.as_ref(), "was" | "were" | "had" | "did");
            if prev_is_be && !auxiliary {
                return None;
            }
            if matches!(
                lower.as_ref(),
                "last" | "yesterday" | "ago" | "since" | "earlier" | "previously" | "recently" | "former"
            ) {
                return Some((Tense::Past, 1));
            }
            return Some((Tense::Past, 0));
        }
        if lex.has(class::PRESENT) {
            if matches!(lower.as_ref(), "now" | "currently" | "today") {
                return Some((Tense::Present, 1));
            }
            return Some((Tense::Present, 0));
        }
    }
    // Regular past forms: lowercase "-ed" words that are not after "be"/"to" (passives and
    // infinitives of a modal) and not the usual "-ed" nouns and adjectives.
    if lower.len() >= 4
        && lower.ends_with("ed")
        && !t.capitalized
        && !prev_is_be
        && !NOT_PAST_ED.contains(&lower.as_ref())
    {
        return Some((Tense::Past, 0));
    }
    None
}

/// Words ending in "-ed" that are not past tenses.
#[rustfmt::skip]
const NOT_PAST_ED: &[&str] = &[
    "need", "needed", "speed", "seed", "feed", "bed", "shed", "hundred", "united", "indeed",
    "proceed", "exceed", "succeed", "breed", "greed", "creed", "deed", "weed", "reed", "embed",
    "bled", "fled", "led", "based", "related", "limited", "detailed", "advanced", "armed",
    "concerned", "interested", "supposed", "tired", "married", "qualified", "experienced",
    "skilled", "talented", "disabled", "retired", "occupied", "disputed", "contested", "alleged",
    "accused", "expected", "scheduled", "proposed", "unexpected", "unprecedented", "hundredth",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::tagger::tokens::tokenize;

    fn reading_of(sentence: &str, phrase: &str) -> TenseReading {
        let tokens = tokenize(sentence);
        let start = sentence.find(phrase).unwrap();
        let first = tokens.iter().position(|t| t.start as usize >= start).unwrap();
        let end =
            tokens.iter().position(|t| t.start as usize >= start + phrase.len()).unwrap_or(tokens.len());
        Sentences::new(sentence, &tokens).reading(first..end)
    }

    fn tense_of(sentence: &str, phrase: &str) -> Tense {
        reading_of(sentence, phrase).tense
    }

    #[test]
    fn settled_past_needs_a_past_verb_in_the_clause_and_nothing_ahead() {
        let settled = [
            ("The treaty was signed on 12 March 2019.", "12 March 2019"),
            ("On 12 March 2019 the treaty was signed in Baku.", "12 March 2019"),
            ("Protesters gathered outside parliament on Friday.", "Friday"),
        ];
        for (sentence, phrase) in settled {
            assert!(reading_of(sentence, phrase).settled_past, "should be settled: {sentence}");
        }
        let open = [
            // A reporting verb says nothing about the tense of what it reports.
            ("Officials said the vote is on 30 June 2024.", "30 June 2024"),
            ("The summit was expected to open on 3 May 2024.", "3 May 2024"),
            ("He said he would travel on 3 May 2024.", "3 May 2024"),
            ("Talks were postponed until 3 May 2024.", "3 May 2024"),
            ("His term expires in 2028, officials said.", "2028"),
            ("The elections were to be held on 3 May 2024.", "3 May 2024"),
            // The past verb belongs to another clause.
            ("The minister resigned, and elections on 3 May 2024 follow.", "3 May 2024"),
            ("Elections on 3 May 2024.", "3 May 2024"),
        ];
        for (sentence, phrase) in open {
            assert!(!reading_of(sentence, phrase).settled_past, "should stay open: {sentence}");
        }
    }

    #[test]
    fn nearest_cue_decides() {
        let cases = [
            ("The ministry said on Wednesday that talks resumed.", "Wednesday", Tense::Past),
            ("Officials said the talks will resume on Friday.", "Friday", Tense::Future),
            ("He met the minister Tuesday evening.", "Tuesday", Tense::Past),
            ("The summit is expected to open on Monday.", "Monday", Tense::Future),
            ("The talks won't resume until Monday.", "Monday", Tense::Future),
            ("Troops were deployed on Sunday.", "Sunday", Tense::Past),
            ("The vote will be held on Sunday.", "Sunday", Tense::Future),
            ("Elections on Sunday.", "Sunday", Tense::Unknown),
            ("The president says he will travel on Monday.", "Monday", Tense::Future),
            ("Since May, prices have climbed.", "May", Tense::Past),
        ];
        for (sentence, phrase, want) in cases {
            assert_eq!(tense_of(sentence, phrase), want, "{sentence}");
        }
    }

    #[test]
    fn sentences_split_after_periods_not_abbreviations() {
        let text = "He left on Nov. 5. Mr. Smith said so. Then\n\nNew paragraph";
        let tokens = tokenize(text);
        let sentences = Sentences::new(text, &tokens);
        let starts: Vec<&str> = sentences.ranges.iter().map(|r| tokens[r.start].text(text)).collect();
        assert_eq!(starts, ["He", "Mr", "Then", "New"]);
    }
}
