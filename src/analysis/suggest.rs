//! KB entries proposed from the corpus itself (`dateline kb suggest`, and the editor's
//! "create a KB entry"): people the articles introduce with a title but the KB does not
//! know, their spellings grouped into one person, and organisations and places named in
//! several articles. Everything here is a proposal for a person to review: a role is
//! written as *attested* (held on the dates of the articles that show it), never as known.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use aho_corasick::{AhoCorasick, MatchKind};

use super::{ArticleAnalysis, Snapshot};
use crate::corpus::FileId;
use crate::dates::PartialDate;
use crate::kb::edit::{self, Stub, StubRole};
use crate::kb::{EntityKind, Kb};
use crate::mentions::{UnknownPerson, lexicon};
use crate::span::{Span, SpanSet};
use crate::text::words::{Word, capitalize_first, is_whole_word, words};

/// What the corpus suggests adding to the KB, most attested first.
#[derive(Debug, Default)]
pub struct Suggestions {
    pub people: Vec<Suggestion>,
    pub organizations: Vec<Suggestion>,
    pub places: Vec<Suggestion>,
}

/// One entity the KB lacks.
#[derive(Debug, Clone)]
pub struct Suggestion {
    pub kind: EntityKind,
    /// The spelling used most (ties: the one with diacritics, then the first in order).
    pub name: String,
    /// Every spelling seen, most used first.
    pub spellings: Vec<Spelling>,
    /// The titles articles introduce the person with, each with the dates it is seen.
    pub roles: Vec<AttestedRole>,
    /// Every article that names it (in any spelling), in path order.
    pub articles: Vec<FileId>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spelling {
    pub text: String,
    /// Times written across the corpus.
    pub count: u32,
}

/// A title seen before the person's name, and the publication dates of the articles
/// that show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttestedRole {
    pub title: String,
    pub first: Option<PartialDate>,
    pub last: Option<PartialDate>,
    /// Articles introducing the person with this title.
    pub articles: u32,
}

/// Tuning of [`Snapshot::suggest`].
#[derive(Debug, Clone, Copy)]
pub struct SuggestOptions {
    /// Organisations and places named in fewer articles are not proposed (people
    /// introduced with a title are, from one article on).
    pub min_articles: usize,
}

impl Default for SuggestOptions {
    fn default() -> Self {
        SuggestOptions { min_articles: 2 }
    }
}

/// Names that are one entity when folded (case, diacritics) and made one romanisation
/// (`Sergey`/`Sergei`, `Pashinian`/`Pashinyan`).
fn romanised_key(name: &str) -> String {
    let folded = crate::text::fold::fold(name);
    folded.split_whitespace().map(crate::mentions::romanised).collect::<Vec<_>>().join(" ")
}

/// [`romanised_key`] with doubled letters made single, so that a doubled or dropped letter
/// (`Emanuel`/`Emmanuel`, `Lizz`/`Liz`) joins the spellings it is a slip of.
fn spelling_key(name: &str) -> String {
    let mut chars: Vec<char> = romanised_key(name).chars().collect();
    chars.dedup();
    chars.into_iter().collect()
}

/// Honorifics that introduce a name but are no role, and words for a relation rather
/// than an office ("his Turkish counterpart Hulusi Akar").
const HONORIFICS: &[&str] =
    &["mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "lord", "lady", "counterpart", "colleague"];

/// Spellings of one entity as they are gathered.
#[derive(Default)]
struct Gathered {
    /// The spellings seen (each counted across the whole corpus at the end).
    spellings: BTreeSet<String>,
    /// Title (lower case) → articles showing it, with their dates.
    titles: BTreeMap<String, Vec<(FileId, Option<PartialDate>)>>,
    /// Title (lower case) → how it is written, capitalised first.
    title_forms: BTreeMap<String, String>,
}

impl Snapshot {
    /// What the corpus suggests adding to the KB.
    pub fn suggest(&self, options: SuggestOptions) -> Suggestions {
        let mut people: HashMap<String, Gathered> = HashMap::new();
        let mut organizations: HashMap<String, Gathered> = HashMap::new();
        let mut places: HashMap<String, Gathered> = HashMap::new();
        for (file, analysis) in self.articles() {
            let Some(text) = self.analysed_text(file) else { continue };
            let date = analysis.article.date();
            for person in analysis.mentions.unknown_people.iter().filter(|p| p.title.is_some()) {
                let gathered = people.entry(spelling_key(&person.full)).or_default();
                gathered.spellings.insert(person.full.clone());
                let Some(title) = full_title(text, analysis, person) else { continue };
                // "Defence Minister" and "Defense Minister" are one role.
                let key = title
                    .to_lowercase()
                    .split(' ')
                    .map(crate::text::spelling::american)
                    .collect::<Vec<_>>()
                    .join(" ");
                let form = gathered.title_forms.entry(key.clone()).or_insert_with(|| title.clone());
                if capitals(&title) > capitals(form) {
                    *form = title;
                }
                let seen = gathered.titles.entry(key).or_default();
                if !seen.iter().any(|(f, _)| *f == file) {
                    seen.push((file, date));
                }
            }
            let names = Names::new(text, analysis);
            for name in names.organizations() {
                let gathered = organizations.entry(spelling_key(&name)).or_default();
                gathered.spellings.insert(name);
            }
            for name in names.places() {
                let gathered = places.entry(spelling_key(&name)).or_default();
                gathered.spellings.insert(name);
            }
        }
        let kb = self.kb();
        let forms = known_forms(kb);
        let known = |gathered: &Gathered| {
            gathered.spellings.iter().any(|s| forms.contains(&crate::text::fold::fold(s)))
        };
        people.retain(|_, g| !known(g));
        // A place that is also a person's name part or an organisation's is neither.
        let person_words: HashSet<String> =
            people.keys().flat_map(|k| k.split(' ').map(str::to_owned).collect::<Vec<_>>()).collect();
        places.retain(|key, g| {
            !known(g) && !key.split(' ').all(|w| person_words.contains(w)) && !organizations.contains_key(key)
        });
        organizations.retain(|_, g| !known(g));
        let mut out = Suggestions {
            people: self.finish(EntityKind::Person, people, 1),
            organizations: self.finish(EntityKind::Organization, organizations, options.min_articles),
            places: self.finish(EntityKind::Place, places, options.min_articles),
        };
        for list in [&mut out.people, &mut out.organizations, &mut out.places] {
            list.sort_by(|a, b| b.articles.len().cmp(&a.articles.len()).then_with(|| a.name.cmp(&b.name)));
        }
        out
    }

    /// Counts every spelling across the corpus (one automaton for all), keeps what enough
    /// articles name, and picks each entity's name.
    fn finish(
        &self,
        kind: EntityKind,
        gathered: HashMap<String, Gathered>,
        min_articles: usize,
    ) -> Vec<Suggestion> {
        let mut entries: Vec<Gathered> = gathered.into_values().collect();
        let patterns: Vec<(String, usize)> = entries
            .iter()
            .enumerate()
            .flat_map(|(idx, g)| g.spellings.iter().map(move |s| (s.clone(), idx)))
            .collect();
        let Ok(automaton) = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(patterns.iter().map(|(s, _)| s))
        else {
            return Vec::new();
        };
        let mut counts = vec![0u32; patterns.len()];
        let mut articles: Vec<BTreeSet<FileId>> = vec![BTreeSet::new(); entries.len()];
        for (file, analysis) in self.articles() {
            let Some(text) = self.analysed_text(file) else { continue };
            let body = analysis.article.body.range();
            for hit in automaton.find_iter(&text[body.clone()]) {
                let span = Span::new(body.start + hit.start(), body.start + hit.end());
                if !is_whole_word(text, span) || analysis.article.is_excluded(span) {
                    continue;
                }
                let pattern = hit.pattern().as_usize();
                counts[pattern] += 1;
                articles[patterns[pattern].1].insert(file);
            }
        }
        let mut out = Vec::new();
        for (idx, entry) in entries.iter_mut().enumerate() {
            if articles[idx].len() < min_articles.max(1) {
                continue;
            }
            let mut spellings: Vec<Spelling> = patterns
                .iter()
                .zip(&counts)
                .filter(|((_, owner), _)| *owner == idx)
                .map(|((text, _), &count)| Spelling { text: text.clone(), count })
                .collect();
            spellings.sort_by(|a, b| {
                b.count
                    .cmp(&a.count)
                    .then_with(|| {
                        crate::text::fold::has_diacritics(&b.text)
                            .cmp(&crate::text::fold::has_diacritics(&a.text))
                    })
                    .then_with(|| a.text.cmp(&b.text))
            });
            let forms = std::mem::take(&mut entry.title_forms);
            let roles = std::mem::take(&mut entry.titles)
                .into_iter()
                .map(|(key, seen)| {
                    let title = forms.get(&key).cloned().unwrap_or(key);
                    let dates: Vec<PartialDate> = seen.iter().filter_map(|(_, d)| *d).collect();
                    AttestedRole {
                        title,
                        first: dates.iter().copied().min_by_key(|d| d.first_day()),
                        last: dates.iter().copied().max_by_key(|d| d.last_day()),
                        articles: seen.len() as u32,
                    }
                })
                .collect();
            out.push(Suggestion {
                kind,
                name: spellings[0].text.clone(),
                spellings,
                roles,
                articles: articles[idx].iter().copied().collect(),
            });
        }
        out
    }

    /// The KB entry the editor proposes for `person` named in `file`: the person with the
    /// title this article gives (attested on its date).
    pub fn person_stub(&self, file: FileId, person: &UnknownPerson) -> Option<Stub> {
        let analysis = self.article(file)?;
        let text = self.analysed_text(file)?;
        let introduced = analysis
            .mentions
            .unknown_people
            .iter()
            .filter(|p| p.full == person.full && p.title.is_some())
            .find_map(|p| full_title(text, analysis, p));
        let date = analysis.article.date();
        let mut stub =
            Stub::new(edit::new_key(self.kb(), &person.full), EntityKind::Person, person.full.clone());
        if let Some(title) = introduced {
            stub.roles.push(StubRole { title, from: date, to: date, attested: true });
        }
        let path = self.path(file).and_then(|p| p.file_name()).map(|n| n.to_string_lossy().into_owned());
        stub.comments.push(format!(
            "From {}{}: check the name and the role, then widen `from`/`to` to the real tenure and drop `attested`.",
            path.unwrap_or_else(|| "an article".to_owned()),
            date.map(|d| format!(" ({d})")).unwrap_or_default()
        ));
        Some(stub)
    }
}

impl Suggestions {
    /// The suggestions as KB entries to review, with ids unused in `kb` and each other.
    pub fn stubs(&self, kb: &Kb, snapshot: &Snapshot) -> Vec<Stub> {
        let mut taken: HashSet<String> = HashSet::new();
        let mut out = Vec::new();
        for suggestion in self.people.iter().chain(&self.organizations).chain(&self.places) {
            let base = edit::new_key(kb, &suggestion.name);
            let key = std::iter::once(base.clone())
                .chain((2..).map(|n| format!("{base}-{n}")))
                .find(|k| !taken.contains(k) && kb.lookup(k).is_none())
                .unwrap_or(base);
            taken.insert(key.clone());
            let mut stub = Stub::new(key, suggestion.kind, suggestion.name.clone());
            // Another romanisation, case or diacritics of the name is an alias; a doubled or
            // dropped letter ("Lizz Truss") is a slip, proposed as a variant to flag.
            // Only when the name clearly dominates: with as many "Emanuel" as "Emmanuel"
            // the slip could be either, and a variant on the right one is a false alarm.
            let name_key = romanised_key(&suggestion.name);
            let name_count = suggestion.spellings[0].count;
            for spelling in suggestion.spellings.iter().skip(1) {
                let dominant = name_count >= 3 && name_count >= 2 * spelling.count;
                if romanised_key(&spelling.text) == name_key || !dominant {
                    stub.aliases.push(spelling.text.clone());
                } else {
                    stub.variants.push(spelling.text.clone());
                }
            }
            stub.roles = suggestion
                .roles
                .iter()
                .map(|role| StubRole {
                    title: role.title.clone(),
                    from: role.first,
                    to: role.last,
                    attested: true,
                })
                .collect();
            let dates: Vec<PartialDate> = suggestion
                .articles
                .iter()
                .filter_map(|&f| snapshot.article(f).and_then(|a| a.article.date()))
                .collect();
            let span =
                match (dates.iter().min_by_key(|d| d.first_day()), dates.iter().max_by_key(|d| d.last_day()))
                {
                    (Some(first), Some(last)) if first == last => format!(", {first}"),
                    (Some(first), Some(last)) => format!(", {first} – {last}"),
                    _ => String::new(),
                };
            let articles = suggestion.articles.len();
            stub.comments.push(format!(
                "Suggested: named in {articles} article{}{span}.",
                if articles == 1 { "" } else { "s" }
            ));
            if suggestion.spellings.len() > 1 {
                let counts: Vec<String> =
                    suggestion.spellings.iter().map(|s| format!("{} ×{}", s.text, s.count)).collect();
                stub.comments.push(format!(
                    "Spellings: {}; `aliases` are accepted, `variants` flagged: move any that is misfiled.",
                    counts.join(", ")
                ));
            }
            if !stub.roles.is_empty() {
                stub.comments.push(
                    "Roles are attested by article dates, not known: widen them and drop `attested`."
                        .to_owned(),
                );
            }
            out.push(stub);
        }
        out
    }

    pub fn is_empty(&self) -> bool {
        self.people.is_empty() && self.organizations.is_empty() && self.places.is_empty()
    }
}

/// Every name, alias and variant of the KB, folded: what is known already.
fn known_forms(kb: &Kb) -> HashSet<String> {
    kb.entities()
        .iter()
        .flat_map(|e| std::iter::once(&e.name).chain(&e.aliases).chain(&e.variants))
        .map(|form| crate::text::fold::fold(&form.text))
        .collect()
}

/// The title that introduces `person` as a role: its last title word with the words
/// before it that belong to it ("Prime Minister", "Deputy Foreign Minister"), on one line,
/// capitalised. A nationality before it is left out ("Armenian Prime Minister" is the role
/// "Prime Minister"); `None` for an honorific ("Mr.") and for a title of another time
/// ("former President"), which the article does not attest on its date.
fn full_title(text: &str, analysis: &ArticleAnalysis, person: &UnknownPerson) -> Option<String> {
    let title = person.title?;
    let line_start = text[..title.start as usize].rfind('\n').map_or(0, |i| i + 1);
    let before = words(text, line_start..title.end as usize);
    let head = before.iter().rposition(|w| lexicon::is_title_head(w.text) || is_honorific(w.text))?;
    let mut start = head;
    while start > 0 {
        let word = before[start - 1];
        let gap = &text[word.span.end as usize..before[start].span.start as usize];
        if !gap.chars().all(|c| c == ' ')
            || !lexicon::is_title_modifier(word.text)
            || analysis.article.is_excluded(word.span)
        {
            break;
        }
        start -= 1;
    }
    if start > 0 && lexicon::is_temporal_qualifier(before[start - 1].text) {
        return None;
    }
    let written = crate::checks::one_line(&text[before[start].span.start as usize..title.end as usize]);
    // The title span keeps the period of an abbreviated rank ("Gen."); after a whole word
    // the period ends a sentence ("... as the new Health Secretary. Victoria Atkins said"),
    // and the title is not this person's.
    if written.ends_with('.') && !written.rsplit(' ').next().is_some_and(lexicon::is_rank) {
        return None;
    }
    let parts: Vec<&str> = written.split(' ').collect();
    if parts.iter().all(|w| is_honorific(w)) {
        return None;
    }
    // Titles are capitalised before a name ("Foreign Minister Lavrov"); "foreign minister
    // Lavrov" is the same role.
    Some(parts.iter().map(|w| capitalize_first(w)).collect::<Vec<_>>().join(" "))
}

fn is_honorific(word: &str) -> bool {
    let word = word.trim_end_matches('.').to_ascii_lowercase();
    HONORIFICS.contains(&word.as_str())
}

fn capitals(text: &str) -> usize {
    text.chars().filter(|c| c.is_uppercase()).count()
}

/// Capitalised names of organisations and places in one article's prose.
struct Names<'a> {
    text: &'a str,
    prose: Vec<Word<'a>>,
    covered: SpanSet,
}

impl<'a> Names<'a> {
    fn new(text: &'a str, analysis: &ArticleAnalysis) -> Names<'a> {
        let article = &analysis.article;
        let prose: Vec<Word<'a>> =
            words(text, article.body.range()).into_iter().filter(|w| !article.is_excluded(w.span)).collect();
        let mentions = &analysis.mentions;
        let covered = SpanSet::new(
            mentions
                .mentions
                .iter()
                .map(|m| m.span)
                .chain(mentions.ambiguous.iter().map(|m| m.span))
                .chain(mentions.near_misses.iter().map(|m| m.span))
                .chain(mentions.unknown_people.iter().map(|p| p.name))
                .chain(mentions.titles.iter().map(|t| t.span)),
        );
        Names { text, prose, covered }
    }

    fn name_word(&self, word: Word<'_>) -> bool {
        word.is_capitalized()
            && !lexicon::is_not_name(word.text)
            && !self.covered.overlaps(word.span)
            && word.text.chars().any(char::is_alphabetic)
    }

    /// "European Union", "Defence Ministry", "Council of Europe", "Ministry of Foreign
    /// Affairs": capitalised words around an organisation word, `of`/`for` joining.
    fn organizations(&self) -> Vec<String> {
        let prose = &self.prose;
        let mut out = Vec::new();
        let mut i = 0;
        while i < prose.len() {
            let word = prose[i];
            if !word.is_capitalized()
                || !lexicon::is_organization_head(word.text)
                || self.covered.overlaps(word.span)
            {
                i += 1;
                continue;
            }
            let mut start = i;
            while start > 0
                && start + 3 > i
                && self.name_word(prose[start - 1])
                && !lexicon::is_title_head(prose[start - 1].text)
                && crate::mentions::adjacent_in_name(self.text, prose[start - 1], prose[start])
            {
                start -= 1;
            }
            let mut end = i + 1;
            // "of Foreign Affairs", "for Security and Co-operation in Europe" (to three words).
            if end + 1 < prose.len()
                && matches!(prose[end].text, "of" | "for")
                && crate::mentions::adjacent_in_name(self.text, prose[end - 1], prose[end])
                && self.name_word(prose[end + 1])
                && crate::mentions::adjacent_in_name(self.text, prose[end], prose[end + 1])
            {
                end += 2;
                while end < prose.len()
                    && end < i + 6
                    && self.name_word(prose[end])
                    && crate::mentions::adjacent_in_name(self.text, prose[end - 1], prose[end])
                {
                    end += 1;
                }
            }
            // One word alone ("Parliament", "Government") names no one body.
            if end - start >= 2 && !crate::mentions::in_headline(self.text, word.span) {
                let span = Span::new(prose[start].span.start as usize, prose[end - 1].span.end as usize);
                out.push(crate::checks::one_line(&self.text[span.range()]));
            }
            i = end;
        }
        out
    }

    /// "in Brussels", "in South Ossetia": one to three capitalised words after `in`,
    /// not a month, a title or part of a name the KB knows.
    fn places(&self) -> Vec<String> {
        let prose = &self.prose;
        let mut out = Vec::new();
        for (i, word) in prose.iter().enumerate() {
            if word.text != "in" {
                continue;
            }
            let mut end = i + 1;
            while end < prose.len()
                && end < i + 4
                && self.name_word(prose[end])
                && !lexicon::is_title_head(prose[end].text)
                && !lexicon::is_organization_head(prose[end].text)
                && crate::mentions::adjacent_in_name(self.text, prose[end - 1], prose[end])
            {
                end += 1;
            }
            if end == i + 1 {
                continue;
            }
            // Followed by more of a name: only whole names. A possessive ("in Mateusz
            // Morawiecki's government") is someone's, not a place.
            let after = &self.text[prose[end - 1].span.end as usize..];
            if prose.get(end).is_some_and(|next| {
                next.is_capitalized() && crate::mentions::adjacent_in_name(self.text, prose[end - 1], *next)
            }) || after.starts_with("'s")
                || after.starts_with("’s")
            {
                continue;
            }
            let span = Span::new(prose[i + 1].span.start as usize, prose[end - 1].span.end as usize);
            if crate::mentions::in_headline(self.text, span) {
                continue;
            }
            out.push(crate::checks::one_line(&self.text[span.range()]));
        }
        out
    }
}
