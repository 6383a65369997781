//! The knowledge base: people, organisations, places and events, read from TOML files.
//!
//! `load` turns raw TOML into a validated [`Kb`]; everything wrong with the input becomes a
//! [`KbProblem`] (which the `kb/*` checks report), never an error: an entity with a bad date
//! still exists, with that date missing.

pub mod edit;
mod load;
#[cfg(test)]
pub(crate) mod testing;
pub mod wikidata;

use std::collections::HashMap;
use std::fmt;

use crate::dates::PartialDate;
use crate::span::FileId;
use crate::span::Span;

pub use crate::dates::RawDate;
pub use load::{is_valid_key, load};

/// Why a written form (a name, alias, variant or role title) cannot be looked for in text,
/// if it cannot: it is empty, or has no letter at all. A form of digits ("2020") would
/// mention the entity at every year; one of combining marks (U+0301) or emoji selectors
/// (U+FE0F) matches inside other words, and strips to nothing once its diacritics go.
pub fn unmatchable_form(text: &str) -> Option<&'static str> {
    if text.trim().is_empty() {
        return Some("is empty");
    }
    // Arabic vowel marks (U+064B) count as alphabetic: a letter is an alphabetic character
    // that is not a combining mark.
    let is_letter = |c: char| c.is_alphabetic() && !unicode_normalization::char::is_combining_mark(c);
    if !text.chars().any(is_letter) {
        return Some("has no letters (only digits, marks or punctuation)");
    }
    None
}

/// Whether a form can be matched in text: see [`unmatchable_form`].
pub fn is_matchable_form(text: &str) -> bool {
    unmatchable_form(text).is_none()
}

/// An entity's index in [`Kb::entities`]; only valid for the `Kb` that issued it.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct EntityId(pub u32);

impl EntityId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum EntityKind {
    Person,
    Organization,
    Place,
    Event,
    Other,
}

impl EntityKind {
    pub const ALL: [EntityKind; 5] = [
        EntityKind::Person,
        EntityKind::Organization,
        EntityKind::Place,
        EntityKind::Event,
        EntityKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Place => "place",
            EntityKind::Event => "event",
            EntityKind::Other => "other",
        }
    }

    pub fn parse(text: &str) -> Option<EntityKind> {
        EntityKind::ALL.into_iter().find(|kind| kind.as_str() == text)
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One written form of an entity and where the KB declares it.
#[derive(Clone, Debug)]
pub struct Form {
    pub text: String,
    /// The string literal in the KB file, quotes included.
    pub span: Span,
}

/// How a surface form relates to its entity.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum FormKind {
    /// The canonical name.
    Name,
    /// A correct alternative (`aliases`); the index is into `Entity::aliases`.
    Alias(u16),
    /// A known wrong or discouraged form (`variants`); the index is into `Entity::variants`.
    Variant(u16),
}

/// A date or date range of an event, as the KB gives it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateRange {
    pub from: PartialDate,
    /// Equal to `from` for single-day events given with `date`.
    pub to: PartialDate,
    /// Where the KB states it (the `date` or `from` value).
    pub span: Span,
}

/// A title a person held, when, and of what.
#[derive(Clone, Debug)]
pub struct Role {
    pub title: String,
    /// Other correct ways of writing the title.
    pub also: Vec<String>,
    /// The entity the role is "of" (`turkey`), resolved when the KB knows the id.
    pub of: Option<RoleOf>,
    pub from: Option<PartialDate>,
    /// `None`: still held.
    pub to: Option<PartialDate>,
    /// `attested = true`: `from`/`to` are only the first and last dates articles show the
    /// role held (as `dateline kb suggest` writes it), not when it began and ended. Such a
    /// role is a lower bound on the person's record, so no check reads a date outside it,
    /// or a title missing from the record, as a mismatch.
    pub attested: bool,
    /// The `[[entity.role]]` table.
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct RoleOf {
    pub key: String,
    pub entity: Option<EntityId>,
    pub span: Span,
}

impl Role {
    /// Whether the role was held on some day of `date` (a partial date counts if it
    /// overlaps the tenure).
    pub fn held_on(&self, date: PartialDate) -> bool {
        let starts_before = self.from.is_none_or(|from| from.first_day() <= date.last_day());
        let ends_after = self.to.is_none_or(|to| date.first_day() <= to.last_day());
        starts_before && ends_after
    }

    /// Whether the role was held within `days` days of `date`: "fired CEO Sam Altman" the
    /// day after the firing, "Prime Minister Donald Tusk" two days before the swearing-in.
    pub fn held_near(&self, date: PartialDate, days: i64) -> bool {
        let margin = jiff::Span::new().days(days);
        let last = date.last_day().saturating_add(margin);
        let first = date.first_day().saturating_sub(margin);
        let starts_before = self.from.is_none_or(|from| from.first_day() <= last);
        let ends_after = self.to.is_none_or(|to| first <= to.last_day());
        starts_before && ends_after
    }

    /// "2015-08-18 – 2018-07-10", "since 2018-07-10", "seen 2021-12-14 – 2023-02-01".
    pub fn tenure(&self) -> String {
        if self.attested {
            return match (self.from, self.to) {
                (Some(from), Some(to)) if from == to => format!("seen {from}"),
                (Some(from), Some(to)) => format!("seen {from} – {to}"),
                (Some(from), None) => format!("seen from {from}"),
                (None, Some(to)) => format!("seen until {to}"),
                (None, None) => "seen, dates unknown".to_owned(),
            };
        }
        match (self.from, self.to) {
            (Some(from), Some(to)) => format!("{from} – {to}"),
            (Some(from), None) => format!("since {from}"),
            (None, Some(to)) => format!("until {to}"),
            (None, None) => "dates unknown".to_owned(),
        }
    }
}

/// Where an entity is defined: the `[[entity]]` table in a KB file.
#[derive(Clone, Copy, Debug)]
pub struct Origin {
    pub file: FileId,
    /// The whole `[[entity]]` table.
    pub table: Span,
    /// The `id` value (the navigation target).
    pub id: Span,
}

#[derive(Clone, Debug)]
pub struct Entity {
    /// The stable id (`hulusi-akar`), unique in the KB.
    pub key: String,
    pub kind: EntityKind,
    pub name: Form,
    pub aliases: Vec<Form>,
    pub variants: Vec<Form>,
    pub description: Option<String>,
    pub roles: Vec<Role>,
    /// Events: when it happened.
    pub when: Option<DateRange>,
    /// External identifiers (`wikidata:Q123`), matched against annotation normalizations.
    pub xrefs: Vec<String>,
    /// Adjectives for a place's people or things (`Turkish` for Türkiye): how news names
    /// whose minister or army it is ("the Turkish Defense Minister").
    pub demonyms: Vec<String>,
    /// Names in other languages (`names = { ru = "..." }`), each also an alias.
    pub localized: Vec<LocalizedName>,
    pub origin: Origin,
}

/// The name of an entity in one language: an alias, by its index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocalizedName {
    /// ISO 639-1 code, lower case (`ru`).
    pub language: String,
    pub alias: u32,
}

impl Entity {
    /// The name to show in an article in `language` (ISO 639-1): the KB's name in that
    /// language if it has one, else its name.
    pub fn name_in(&self, language: Option<&str>) -> &str {
        language
            .and_then(|code| self.localized.iter().find(|l| l.language == code))
            .and_then(|l| self.aliases.get(l.alias as usize))
            .map_or(self.name.text.as_str(), |form| form.text.as_str())
    }

    pub fn form(&self, kind: FormKind) -> Option<&Form> {
        match kind {
            FormKind::Name => Some(&self.name),
            FormKind::Alias(i) => self.aliases.get(i as usize),
            FormKind::Variant(i) => self.variants.get(i as usize),
        }
    }

    /// Every form with its kind: the name, then aliases, then variants.
    pub fn forms(&self) -> impl Iterator<Item = (FormKind, &Form)> {
        std::iter::once((FormKind::Name, &self.name))
            .chain(self.aliases.iter().enumerate().map(|(i, f)| (FormKind::Alias(i as u16), f)))
            .chain(self.variants.iter().enumerate().map(|(i, f)| (FormKind::Variant(i as u16), f)))
    }

    /// The roles held on some day of `date`.
    pub fn roles_on(&self, date: PartialDate) -> impl Iterator<Item = &Role> {
        self.roles.iter().filter(move |role| role.held_on(date))
    }
}

/// Something wrong in a KB file; each kind is reported by one `kb/*` check.
#[derive(Clone, Debug)]
pub struct KbProblem {
    pub file: FileId,
    pub span: Span,
    pub kind: KbProblemKind,
}

#[derive(Clone, Debug)]
pub enum KbProblemKind {
    /// The file is not valid TOML.
    Syntax {
        message: String,
    },
    /// Valid TOML that is not a valid entity: a missing or mistyped field, an unknown key,
    /// a malformed id, an unknown kind.
    InvalidEntry {
        message: String,
    },
    InvalidDate {
        field: &'static str,
        message: String,
    },
    DuplicateId {
        key: String,
        first: (FileId, Span),
    },
    /// A role's `of` names an id the KB does not have.
    UnknownReference {
        key: String,
        suggestion: Option<String>,
    },
    /// The same written form belongs to two entities, so a mention of it is ambiguous.
    AmbiguousForm {
        form: String,
        entity: EntityId,
        other: EntityId,
        other_span: (FileId, Span),
    },
}

/// The validated knowledge base of one corpus.
#[derive(Clone, Debug, Default)]
pub struct Kb {
    entities: Vec<Entity>,
    by_key: HashMap<String, EntityId>,
    problems: Vec<KbProblem>,
    /// Every demonym of every entity, for reading "Turkish Defense Minister".
    demonyms: HashMap<String, EntityId>,
}

impl Kb {
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    pub fn entity(&self, id: EntityId) -> &Entity {
        &self.entities[id.index()]
    }

    pub fn get(&self, id: EntityId) -> Option<&Entity> {
        self.entities.get(id.index())
    }

    pub fn ids(&self) -> impl Iterator<Item = EntityId> {
        (0..self.entities.len() as u32).map(EntityId)
    }

    pub fn lookup(&self, key: &str) -> Option<EntityId> {
        self.by_key.get(key).copied()
    }

    pub fn problems(&self) -> &[KbProblem] {
        &self.problems
    }

    pub fn is_demonym(&self, word: &str) -> bool {
        self.demonyms.contains_key(word)
    }

    /// The entity a demonym belongs to (`Turkish` -> Türkiye).
    pub fn demonym_owner(&self, word: &str) -> Option<EntityId> {
        self.demonyms.get(word).copied()
    }

    /// The entity whose `[[entity]]` table in `file` contains `offset`.
    pub fn entity_at(&self, file: FileId, offset: usize) -> Option<EntityId> {
        self.ids().find(|&id| {
            let origin = self.entity(id).origin;
            origin.file == file && origin.table.touches(offset)
        })
    }

    /// The known id closest to `key`, for "did you mean" hints.
    pub fn suggest_key(&self, key: &str) -> Option<&str> {
        suggest(key, self.by_key.keys().map(String::as_str))
    }
}

/// Whether two entities say the same thing, wherever it is written (positions in the file
/// are ignored, so moving an entry is no change).
pub fn same_content(a: &Entity, b: &Entity) -> bool {
    let forms = |e: &Entity| e.forms().map(|(k, f)| (k, f.text.clone())).collect::<Vec<_>>();
    let roles = |e: &Entity| {
        e.roles
            .iter()
            .map(|r| (r.title.clone(), r.also.clone(), r.of.as_ref().map(|o| o.key.clone()), r.from, r.to))
            .collect::<Vec<_>>()
    };
    a.key == b.key
        && a.kind == b.kind
        && forms(a) == forms(b)
        && a.description == b.description
        && roles(a) == roles(b)
        && a.when.map(|w| (w.from, w.to)) == b.when.map(|w| (w.from, w.to))
        && a.xrefs == b.xrefs
        && a.demonyms == b.demonyms
}

/// The candidate closest to `input` by Jaro-Winkler similarity, if it is close enough to
/// be a plausible typo.
pub fn suggest<'a>(input: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .map(|candidate| (strsim::jaro_winkler(input, candidate), candidate))
        .filter(|(score, _)| *score >= 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}
