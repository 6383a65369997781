//! Finding KB entities in article text.
//!
//! One Aho-Corasick automaton holds every name, alias and variant of the KB (plus each
//! form's spelling without diacritics, so `Erdogan` is still Erdoğan); a second holds every
//! role title. Around those exact matches, `people` reads names the way a news reader
//! does: a lone surname of someone named in full earlier is that person, a surname right
//! after another given name belongs to someone else, a title followed by an unknown name
//! introduces an unknown person. `near_miss` finds capitalised names that are one typo
//! away from a KB name; `events` finds named events the KB does not know.
//!
//! Matching is case-sensitive for names (these are proper nouns: "Turkey" is a country,
//! "turkey" a bird) and requires a Unicode word boundary on both sides, so `Azerbaijan’s`
//! mentions Azerbaijan but `Azerbaijani` does not. Titles match in any case.

pub mod annotated;
mod automaton;
mod declension;
mod events;
mod transliterated;
pub use crate::text::lexicon;
mod near_miss;
mod people;

pub(crate) use near_miss::romanised;
pub(crate) use people::{adjacent_in_name, in_headline};

use crate::corpus::Article;
use crate::kb::{EntityId, FormKind, Kb};
use crate::span::{Span, SpanSet};
use crate::text::flat::Flat;
use crate::text::{Word, words};

use automaton::{NameAutomaton, TitleAutomaton};
pub use events::NamedEvent;
use near_miss::NearMissIndex;

/// How a mention was written.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Written {
    /// Exactly a KB form.
    Form(FormKind),
    /// A KB form without its diacritics (`Erdogan` for `Erdoğan`).
    Undiacritized(FormKind),
    /// A lone given name or surname of a person named in full in the same article.
    Fragment,
    /// A Russian two-word form with both words declined (`Бориса Ельцина` for `Борис
    /// Ельцин`): the form, in a case; not a spelling of its own.
    Declined(FormKind),
    /// A Latin KB form written in Cyrillic (`Пашиняна` for `Pashinyan`): the same name in
    /// another script, not a spelling of its own.
    Transliterated(FormKind),
    /// Link text that is not a KB form (`[the general](kb:hulusi-akar)`).
    Other,
}

impl Written {
    /// The KB form this spelling stands for, if any.
    pub fn form(self) -> Option<FormKind> {
        match self {
            Written::Form(kind)
            | Written::Undiacritized(kind)
            | Written::Declined(kind)
            | Written::Transliterated(kind) => Some(kind),
            Written::Fragment | Written::Other => None,
        }
    }
}

/// One mention of an entity in an article.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Mention {
    pub entity: EntityId,
    pub span: Span,
    pub written: Written,
    /// Written as a `kb:` link rather than found by name.
    pub explicit: bool,
}

/// A written form that fits two or more entities here: not a mention of any until
/// something disambiguates it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AmbiguousMention {
    pub span: Span,
    pub candidates: Vec<EntityId>,
    /// Whether the candidates are people named in full in this very article (a real
    /// ambiguity a reader meets), rather than merely sharing a KB form.
    pub named_here: bool,
}

/// A role of a KB person, by index.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct RoleRef {
    pub entity: EntityId,
    pub role: u16,
}

/// A role title written in the text ("Defense Minister", "chief of the Turkish General
/// Staff"), with every KB role it can name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TitleMention {
    pub span: Span,
    /// Shared with the automaton: a common title ("President") names hundreds of roles.
    pub roles: std::sync::Arc<[RoleRef]>,
    /// Preceded by "former", "then-", "incoming"...: the title is not meant as of the
    /// article's date.
    pub qualified: bool,
}

/// A person introduced with a title whose name the KB does not know ("Deputy Spokesman
/// Farhan Haq").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownPerson {
    pub name: Span,
    /// The title word(s) that introduced the name; `None` for a lone surname or given name
    /// of someone introduced earlier in the article ("Haq added").
    pub title: Option<Span>,
    /// The full name, on one line: what identifies the person across the corpus.
    pub full: String,
}

/// A capitalised name that is not in the KB but is one typo (or one hyphen) away from a
/// KB name or alias.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NearMiss {
    pub span: Span,
    pub entity: EntityId,
    pub form: FormKind,
    /// Edits between the folded spellings (0 when only hyphens or spaces differ).
    pub distance: u8,
    /// Another romanisation of the same name (`Sergey`/`Sergei`), not a typo.
    pub transliteration: bool,
}

/// Everything found in one article, each list sorted by position.
#[derive(Clone, Debug, Default)]
pub struct Mentions {
    pub mentions: Vec<Mention>,
    pub ambiguous: Vec<AmbiguousMention>,
    pub titles: Vec<TitleMention>,
    pub unknown_people: Vec<UnknownPerson>,
    pub near_misses: Vec<NearMiss>,
    /// Named events the KB does not know (`the Zapad-2021 Exercises`).
    pub named_events: Vec<NamedEvent>,
}

impl Mentions {
    /// Drops the lists' spare room, for an analysis kept for the life of a snapshot.
    pub fn shrink_to_fit(&mut self) {
        self.mentions.shrink_to_fit();
        self.ambiguous.shrink_to_fit();
        self.titles.shrink_to_fit();
        self.unknown_people.shrink_to_fit();
        self.near_misses.shrink_to_fit();
        self.named_events.shrink_to_fit();
    }

    /// The mention under `offset`, if any.
    pub fn at(&self, offset: usize) -> Option<&Mention> {
        let idx = self.mentions.partition_point(|m| (m.span.end as usize) < offset);
        self.mentions[idx..]
            .iter()
            .take_while(|m| m.span.start as usize <= offset)
            .find(|m| m.span.touches(offset))
    }

    pub fn title_at(&self, offset: usize) -> Option<&TitleMention> {
        self.titles.iter().find(|t| t.span.touches(offset))
    }

    pub fn unknown_person_at(&self, offset: usize) -> Option<&UnknownPerson> {
        self.unknown_people.iter().find(|p| p.name.touches(offset))
    }

    pub fn of(&self, entity: EntityId) -> impl Iterator<Item = &Mention> {
        self.mentions.iter().filter(move |m| m.entity == entity)
    }

    /// Adds mentions that annotations assert (an annotated span linked to a KB entity): they
    /// replace whatever the automaton read where they overlap it, as a `kb:` link does.
    pub fn add_annotated(&mut self, annotated: Vec<Mention>) {
        if annotated.is_empty() {
            return;
        }
        let mut spans: Vec<Span> = annotated.iter().map(|m| m.span).collect();
        spans.sort();
        // The furthest end among the spans starting at or before each one.
        let reach: Vec<u32> = spans
            .iter()
            .scan(0, |end, s| {
                *end = s.end.max(*end);
                Some(*end)
            })
            .collect();
        let overlaps = |span: Span| {
            let before_end = spans.partition_point(|s| s.start < span.end);
            before_end > 0 && reach[before_end - 1] > span.start
        };
        self.mentions.retain(|m| !overlaps(m.span));
        self.ambiguous.retain(|m| !overlaps(m.span));
        self.mentions.extend(annotated);
        self.mentions.sort_by_key(|m| m.span);
        self.mentions.dedup();
    }

    /// The spans of every mention (of any entity) and every ambiguous one: what later
    /// passes must not read again.
    pub(crate) fn covered(&self) -> SpanSet {
        SpanSet::new(self.mentions.iter().map(|m| m.span).chain(self.ambiguous.iter().map(|m| m.span)))
    }
}

/// The compiled automata and indexes for one KB. Building is the expensive part
/// (milliseconds for thousands of names); it is rebuilt only when the KB changes.
#[derive(Debug, Default)]
pub struct Matcher {
    names: NameAutomaton,
    declined: declension::DeclinedNames,
    transliterated: transliterated::TransliteratedNames,
    titles: TitleAutomaton,
    near: NearMissIndex,
    xrefs: annotated::XrefIndex,
}

impl Matcher {
    pub fn new(kb: &Kb) -> Matcher {
        Matcher {
            names: NameAutomaton::new(kb),
            titles: TitleAutomaton::new(kb),
            declined: declension::DeclinedNames::new(kb),
            transliterated: transliterated::TransliteratedNames::new(kb),
            near: NearMissIndex::new(kb),
            xrefs: annotated::XrefIndex::new(kb),
        }
    }

    /// The one entity `written` is a KB form of, and how it is written; `None` when no
    /// entity or several have that form.
    pub fn resolve_form(&self, written: &str) -> Option<(EntityId, Written)> {
        self.names.resolve(written).map(|target| (target.entity, target.written()))
    }

    /// How `written` relates to `entity`: one of its forms, or `Other`.
    pub fn classify(&self, written: &str, entity: EntityId) -> Written {
        self.names.classify(written, entity).unwrap_or(Written::Other)
    }

    /// The external-id index the annotation links are resolved with.
    pub fn xrefs(&self) -> &annotated::XrefIndex {
        &self.xrefs
    }

    pub fn pattern_count(&self) -> usize {
        self.names.pattern_count()
    }

    /// Finds everything in `text` (the whole file), skipping what `article` marks as not
    /// prose, with `kb:` links resolved against `kb`.
    pub fn find(&self, text: &str, article: &Article, kb: &Kb) -> Mentions {
        let mut out = Mentions::default();
        for link in &article.links {
            let Some(entity) = kb.lookup(&link.target) else { continue };
            let written = self.names.classify(&text[link.text.range()], entity).unwrap_or(Written::Other);
            out.mentions.push(Mention { entity, span: link.text, written, explicit: true });
        }
        let body = article.body.range();
        let prose: Vec<Word<'_>> =
            words(text, body.clone()).into_iter().filter(|w| !article.is_excluded(w.span)).collect();
        let flat = Flat::new(text, body.clone());
        let links = SpanSet::new(article.links.iter().map(|l| l.span));
        let hits = self.names.find(&flat, |span| article.is_excluded(span) || links.overlaps(span));
        // Titles first: "Chief of General Staff Güler" must read `Staff` as part of a title,
        // not as another person's given name.
        out.titles = self.titles.find(text, &flat, &prose, |span| article.is_excluded(span));
        let titles = SpanSet::new(out.titles.iter().map(|t| t.span));
        people::resolve(text, &prose, hits, kb, &titles, &mut out);
        let covered = out.covered();
        self.declined.find(&prose, &covered, &mut out.mentions);
        let covered = out.covered();
        self.transliterated.find(&prose, &covered, &mut out.mentions);
        out.mentions.sort_by_key(|m| m.span);
        people::fragments(&prose, kb, &titles, &mut out);
        // Mentions are final from here on.
        let covered = out.covered();
        out.near_misses =
            self.near.find(text, &prose, kb, |span| covered.overlaps(span), |span| titles.overlaps(span));
        out.unknown_people = people::unknown_people(text, &prose, &out, &covered, &titles);
        out.named_events = events::find(text, &prose, |span| covered.overlaps(span));
        out.mentions.sort_by_key(|m| m.span);
        out.ambiguous.sort_by_key(|m| m.span);
        out
    }
}

#[cfg(test)]
mod nerel;
#[cfg(test)]
mod tests;

/// How a title is attached to a person in the text.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum AttachmentForm {
    /// `Defense Minister Hulusi Akar`, `Land Forces Commander Gen. Musa Avsever`,
    /// `Turkey's Defense Minister Hulusi Akar`.
    TitleName,
    /// `Hulusi Akar, chief of the Turkish General Staff,`, `Michel, the President of the
    /// European Council`.
    NameCommaTitle,
}

/// A title written as belonging to a mentioned person.
#[derive(Clone, Copy, Debug)]
pub struct Attachment<'a> {
    pub title: &'a TitleMention,
    pub mention: &'a Mention,
    pub form: AttachmentForm,
}

impl Mentions {
    /// Titles attached to mentions, in the forms news uses.
    pub fn attachments<'a>(&'a self, text: &str) -> Vec<Attachment<'a>> {
        let mut out = Vec::new();
        for title in &self.titles {
            let end = title.span.end as usize;
            // TITLE [RANK]* NAME
            let after = self.mentions.partition_point(|m| (m.span.start as usize) < end);
            if let Some(mention) = self.mentions.get(after) {
                let gap = &text[end..mention.span.start as usize];
                let only_ranks = gap.len() <= 24
                    && gap.split_whitespace().all(lexicon::is_rank)
                    && gap.chars().all(|c| c.is_alphabetic() || c == '.' || c.is_whitespace())
                    && gap.matches('\n').count() <= 1;
                if only_ranks && gap.starts_with(char::is_whitespace) {
                    out.push(Attachment { title, mention, form: AttachmentForm::TitleName });
                    continue;
                }
            }
            // NAME, [the] TITLE
            let start = title.span.start as usize;
            let before = self.mentions.partition_point(|m| (m.span.end as usize) <= start);
            if let Some(mention) = before.checked_sub(1).and_then(|i| self.mentions.get(i)) {
                let gap = text[mention.span.end as usize..start].trim();
                let gap =
                    gap.strip_suffix("the").or_else(|| gap.strip_suffix("The")).unwrap_or(gap).trim_end();
                if gap == "," && text[mention.span.end as usize..start].matches('\n').count() <= 1 {
                    out.push(Attachment { title, mention, form: AttachmentForm::NameCommaTitle });
                }
            }
        }
        out
    }
}
