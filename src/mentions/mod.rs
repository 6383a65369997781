//! Finding KB entities in article text: one Aho-Corasick automaton over every name, alias
//! and variant of the KB, plus the explicit `[text](kb:id)` links.
//!
//! Matching is case-sensitive (these are proper nouns: "Turkey" is a country, "turkey" a
//! bird) and requires a Unicode word boundary on both sides, so `Azerbaijan’s` mentions
//! Azerbaijan but `Azerbaijani` does not.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Input, MatchKind};

use crate::corpus::Article;
use crate::kb::{EntityId, FormKind, Kb};
use crate::span::Span;

/// One mention of an entity in an article.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Mention {
    pub entity: EntityId,
    pub span: Span,
    /// How it was written; `None` for link text that is not a KB form ("the general").
    pub form: Option<FormKind>,
    /// Written as a `kb:` link rather than found by name.
    pub explicit: bool,
}

/// A written form that two or more entities share: not a mention of either until
/// something disambiguates it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AmbiguousMention {
    pub span: Span,
    pub candidates: Vec<(EntityId, FormKind)>,
}

/// The mentions found in one article, sorted by position.
#[derive(Clone, Debug, Default)]
pub struct Mentions {
    pub mentions: Vec<Mention>,
    pub ambiguous: Vec<AmbiguousMention>,
}

impl Mentions {
    /// The mention under `offset`, if any.
    pub fn at(&self, offset: usize) -> Option<&Mention> {
        let idx = self.mentions.partition_point(|m| (m.span.end as usize) < offset);
        self.mentions[idx..]
            .iter()
            .take_while(|m| m.span.start as usize <= offset)
            .find(|m| m.span.touches(offset))
    }

    pub fn of(&self, entity: EntityId) -> impl Iterator<Item = &Mention> {
        self.mentions.iter().filter(move |m| m.entity == entity)
    }
}

/// The compiled automaton for one KB. Building it is the expensive part (milliseconds for
/// thousands of names); it is rebuilt only when the KB changes.
#[derive(Debug, Default)]
pub struct Matcher {
    automaton: Option<AhoCorasick>,
    /// Per pattern: every (entity, form) written that way.
    targets: Vec<Vec<(EntityId, FormKind)>>,
    /// Form text -> pattern index, to classify explicit link text.
    by_text: HashMap<String, usize>,
}

impl Matcher {
    pub fn new(kb: &Kb) -> Matcher {
        let mut patterns: Vec<&str> = Vec::new();
        let mut targets: Vec<Vec<(EntityId, FormKind)>> = Vec::new();
        let mut by_text: HashMap<String, usize> = HashMap::new();
        for id in kb.ids() {
            for (kind, form) in kb.entity(id).forms() {
                if form.text.trim().is_empty() {
                    continue;
                }
                let idx = *by_text.entry(form.text.clone()).or_insert_with(|| {
                    patterns.push(&form.text);
                    targets.push(Vec::new());
                    patterns.len() - 1
                });
                if !targets[idx].contains(&(id, kind)) {
                    targets[idx].push((id, kind));
                }
            }
        }
        let automaton = if patterns.is_empty() {
            None
        } else {
            AhoCorasickBuilder::new().match_kind(MatchKind::LeftmostLongest).build(&patterns).ok()
        };
        Matcher { automaton, targets, by_text }
    }

    pub fn pattern_count(&self) -> usize {
        self.targets.len()
    }

    /// Finds the mentions in `text` (the whole file), skipping what `article` marks as not
    /// prose, with `kb:` links resolved against `kb`.
    pub fn find(&self, text: &str, article: &Article, kb: &Kb) -> Mentions {
        let mut out = Mentions::default();
        for link in &article.links {
            let Some(entity) = kb.lookup(&link.target) else {
                continue;
            };
            let written = &text[link.text.range()];
            let form = self
                .by_text
                .get(written)
                .and_then(|&idx| self.targets[idx].iter().find(|(e, _)| *e == entity).map(|&(_, kind)| kind));
            out.mentions.push(Mention { entity, span: link.text, form, explicit: true });
        }
        let Some(automaton) = &self.automaton else {
            return out;
        };
        let body = article.body.range();
        let mut pos = body.start;
        while pos < body.end {
            let Some(found) = automaton.find(Input::new(text).range(pos..body.end)) else {
                break;
            };
            let span = Span::new(found.start(), found.end());
            if !at_word_boundary(text, found.start(), found.end()) {
                // Retry one character later: a shorter name may start inside this match.
                pos = next_char(text, found.start());
                continue;
            }
            pos = found.end();
            if article.is_excluded(span) || article.links.iter().any(|l| l.span.overlaps(span)) {
                continue;
            }
            let targets = &self.targets[found.pattern().as_usize()];
            match targets.as_slice() {
                [(entity, kind)] => {
                    out.mentions.push(Mention { entity: *entity, span, form: Some(*kind), explicit: false })
                }
                many => out.ambiguous.push(AmbiguousMention { span, candidates: many.to_vec() }),
            }
        }
        out.mentions.sort_by_key(|m| m.span);
        out
    }
}

fn next_char(text: &str, offset: usize) -> usize {
    text[offset..].chars().next().map_or(text.len(), |c| offset + c.len_utf8())
}

/// A match must not continue a word on either side: `Akar` is not in `Akarsu`.
fn at_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{ArticleFormat, FileId};

    const KB: &str = r#"
[[entity]]
id = "azerbaijan"
kind = "place"
name = "Azerbaijan"

[[entity]]
id = "hulusi-akar"
kind = "person"
name = "Hulusi Akar"
aliases = ["Akar"]
variants = ["Hulusi Akkar"]

[[entity]]
id = "nagorno-karabakh"
kind = "place"
name = "Nagorno-Karabakh"
aliases = ["Karabakh"]

[[entity]]
id = "ilham-aliyev"
kind = "person"
name = "Ilham Aliyev"
aliases = ["Aliyev"]

[[entity]]
id = "heydar-aliyev"
kind = "person"
name = "Heydar Aliyev"
aliases = ["Aliyev"]
"#;

    fn find(text: &str) -> (Vec<(String, String, Option<FormKind>)>, Mentions) {
        let kb = crate::kb::load(&[(FileId(0), KB)]);
        let matcher = Matcher::new(&kb);
        let article = Article::parse(text, ArticleFormat::Markdown, None);
        let mentions = matcher.find(text, &article, &kb);
        let rows = mentions
            .mentions
            .iter()
            .map(|m| (text[m.span.range()].to_owned(), kb.entity(m.entity).key.clone(), m.form))
            .collect();
        (rows, mentions)
    }

    #[test]
    fn boundaries_possessives_and_longest_forms() {
        let (rows, _) = find(
            "Azerbaijan’s army; Azerbaijani troops; Akarsu; Hulusi Akar's visit; Nagorno-Karabakh (Karabakh).",
        );
        let shown: Vec<_> = rows.iter().map(|(t, k, _)| format!("{t}={k}")).collect();
        assert_eq!(
            shown,
            [
                "Azerbaijan=azerbaijan",
                "Hulusi Akar=hulusi-akar",
                "Nagorno-Karabakh=nagorno-karabakh",
                "Karabakh=nagorno-karabakh"
            ]
        );
        assert_eq!(rows[1].2, Some(FormKind::Name));
    }

    #[test]
    fn variants_links_and_ambiguity() {
        let text = "[the general](kb:hulusi-akar) met Hulusi Akkar and [Akar](kb:hulusi-akar); Aliyev spoke. `Akar` in code.";
        let (rows, mentions) = find(text);
        assert_eq!(
            rows,
            [
                ("the general".to_owned(), "hulusi-akar".to_owned(), None),
                ("Hulusi Akkar".to_owned(), "hulusi-akar".to_owned(), Some(FormKind::Variant(0))),
                ("Akar".to_owned(), "hulusi-akar".to_owned(), Some(FormKind::Alias(0))),
            ]
        );
        assert!(mentions.mentions[0].explicit && !mentions.mentions[1].explicit);
        assert_eq!(mentions.ambiguous.len(), 1);
        assert_eq!(&text[mentions.ambiguous[0].span.range()], "Aliyev");
        assert_eq!(mentions.ambiguous[0].candidates.len(), 2);
    }

    #[test]
    fn mention_lookup_by_offset() {
        let text = "Hulusi Akar and Azerbaijan";
        let (_, mentions) = find(text);
        assert_eq!(mentions.at(3).map(|m| m.span), Some(Span::new(0, 11)));
        assert_eq!(mentions.at(11).map(|m| m.span), Some(Span::new(0, 11)));
        assert_eq!(mentions.at(13), None);
        assert_eq!(mentions.at(text.len()).map(|m| m.span.start), Some(16));
    }
}
