//! Raw TOML to [`Kb`]: parse each file leniently, validate each entity on its own, then
//! resolve what spans entities (unique ids, role targets, shared forms).

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use serde::Deserialize;
use serde::de::IntoDeserializer;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::{
    DateRange, Entity, EntityId, EntityKind, Form, Kb, KbProblem, KbProblemKind, LocalizedName, Origin, Role,
    RoleOf, unmatchable_form,
};
use crate::dates::{PartialDate, RawDate};
use crate::span::FileId;
use crate::span::Span;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntity {
    id: Spanned<String>,
    kind: Spanned<String>,
    name: Spanned<String>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    #[serde(default)]
    variants: Vec<Spanned<String>>,
    description: Option<String>,
    date: Option<RawDate>,
    from: Option<RawDate>,
    to: Option<RawDate>,
    #[serde(default, rename = "role")]
    roles: Vec<Spanned<RawRole>>,
    #[serde(default)]
    xrefs: Vec<String>,
    #[serde(default)]
    demonyms: Vec<String>,
    /// The name in other languages, by ISO 639-1 code: `names = { ru = "Никол Пашинян" }`.
    #[serde(default)]
    names: std::collections::BTreeMap<String, Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRole {
    title: String,
    #[serde(default)]
    also: Vec<String>,
    of: Option<Spanned<String>>,
    from: Option<RawDate>,
    to: Option<RawDate>,
    #[serde(default)]
    attested: bool,
}

/// Builds the KB from the text of every KB file. Never fails: what cannot be used becomes a
/// [`KbProblem`] and the rest is kept.
pub fn load(files: &[(FileId, &str)]) -> Kb {
    let mut kb = Kb::default();
    let mut pending_refs: Vec<(EntityId, usize)> = Vec::new();
    for &(file, text) in files {
        load_file(&mut kb, file, text);
    }
    for id in kb.ids() {
        for (role_idx, role) in kb.entity(id).roles.iter().enumerate() {
            if role.of.is_some() {
                pending_refs.push((id, role_idx));
            }
        }
    }
    resolve_role_targets(&mut kb, pending_refs);
    find_shared_forms(&mut kb);
    for (idx, entity) in kb.entities.iter().enumerate() {
        for demonym in &entity.demonyms {
            kb.demonyms.entry(demonym.clone()).or_insert(EntityId(idx as u32));
        }
    }
    kb
}

fn load_file(kb: &mut Kb, file: FileId, text: &str) {
    let (table, errors) = DeTable::parse_recoverable(text);
    for err in errors {
        let span = err.span().map(Span::from).unwrap_or_default();
        let message = err.message().trim().to_owned();
        kb.problems.push(KbProblem { file, span, kind: KbProblemKind::Syntax { message } });
    }
    let table = table.into_inner();
    for (key, value) in table.iter() {
        if key.get_ref().as_ref() != "entity" {
            kb.problems.push(KbProblem {
                file,
                span: Span::from(key.span()),
                kind: KbProblemKind::InvalidEntry {
                    message: format!(
                        "unknown top-level key `{}`: a KB file holds `[[entity]]` tables",
                        key.get_ref()
                    ),
                },
            });
            continue;
        }
        let DeValue::Array(items) = value.get_ref() else {
            kb.problems.push(invalid(
                file,
                value.span(),
                "`entity` must be an array of tables: write `[[entity]]`",
            ));
            continue;
        };
        // `[[entity]]` items are spanned by their header only; an entity's table runs to
        // the next header (or the end of the file).
        let starts: Vec<usize> = items.iter().map(|item| item.span().start).collect();
        for (idx, item) in items.iter().enumerate() {
            let mut extent = Span::from(item.span());
            if text[extent.range()].starts_with("[[") {
                let end = starts
                    .get(idx + 1)
                    .copied()
                    .filter(|&next| next > extent.start as usize)
                    .unwrap_or(text.len());
                extent = Span::new(
                    extent.start as usize,
                    extent.start as usize + text[extent.start as usize..end].trim_end().len(),
                );
            }
            load_entity(kb, file, item.clone(), extent);
        }
    }
}

fn invalid(file: FileId, span: std::ops::Range<usize>, message: impl Into<String>) -> KbProblem {
    KbProblem { file, span: Span::from(span), kind: KbProblemKind::InvalidEntry { message: message.into() } }
}

fn load_entity(kb: &mut Kb, file: FileId, item: Spanned<DeValue<'_>>, table_span: Span) {
    let declared_id = declared_id(&item);
    let raw = match RawEntity::deserialize(item.into_deserializer()) {
        Ok(raw) => raw,
        Err(err) => {
            let span = err.span().map(Span::from).unwrap_or(table_span);
            kb.problems.push(KbProblem {
                file,
                span,
                kind: KbProblemKind::InvalidEntry {
                    message: describe_de_error(&err, declared_id.as_deref()),
                },
            });
            return;
        }
    };
    let key_span = Span::from(raw.id.span());
    let key = raw.id.into_inner();
    if !is_valid_key(&key) {
        kb.problems.push(invalid(
            file,
            key_span.range(),
            format!("invalid id `{key}`: ids are lowercase letters, digits and `-` (like `hulusi-akar`)"),
        ));
        return;
    }
    let kind = match EntityKind::parse(raw.kind.get_ref()) {
        Some(kind) => kind,
        None => {
            kb.problems.push(invalid(
                file,
                raw.kind.span(),
                format!(
                    "unknown kind `{}` for `{key}`: expected person, organization, place, event or other",
                    raw.kind.get_ref()
                ),
            ));
            EntityKind::Other
        }
    };
    let date = |raw: Option<RawDate>, field: &'static str, problems: &mut Vec<KbProblem>| {
        let raw = raw?;
        match PartialDate::parse(&raw.value) {
            Ok(date) => Some((date, raw.span)),
            Err(err) => {
                problems.push(KbProblem {
                    file,
                    span: raw.span,
                    kind: KbProblemKind::InvalidDate { field, message: format!("{err} in `{key}`") },
                });
                None
            }
        }
    };
    let single = date(raw.date, "date", &mut kb.problems);
    let from = date(raw.from, "from", &mut kb.problems);
    let to = date(raw.to, "to", &mut kb.problems);
    let when = match (single, from, to) {
        (Some((day, span)), _, _) => Some(DateRange { from: day, to: day, span }),
        (None, Some((from, span)), to) => Some(DateRange { from, to: to.map_or(from, |t| t.0), span }),
        (None, None, Some((to, span))) => Some(DateRange { from: to, to, span }),
        (None, None, None) => None,
    };
    if let Some(range) = when
        && range.to.last_day() < range.from.first_day()
    {
        kb.problems.push(KbProblem {
            file,
            span: range.span,
            kind: KbProblemKind::InvalidDate {
                field: "to",
                message: format!("`{key}` ends ({}) before it starts ({})", range.to, range.from),
            },
        });
    }
    let mut roles = Vec::with_capacity(raw.roles.len());
    for role in raw.roles {
        let span = Span::from(role.span());
        let role = role.into_inner();
        let from = date(role.from, "from", &mut kb.problems).map(|d| d.0);
        let to_spanned = date(role.to, "to", &mut kb.problems);
        let to = to_spanned.map(|d| d.0);
        if let (Some(from), Some((to, to_span))) = (from, to_spanned)
            && to.last_day() < from.first_day()
        {
            kb.problems.push(KbProblem {
                file,
                span: to_span,
                kind: KbProblemKind::InvalidDate {
                    field: "to",
                    message: format!(
                        "role `{}` of `{key}` ends ({to}) before it starts ({from})",
                        role.title
                    ),
                },
            });
        }
        for title in std::iter::once(&role.title).chain(&role.also) {
            if let Some(why) = unmatchable_form(title) {
                kb.problems.push(invalid(
                    file,
                    span.range(),
                    format!("role title {title:?} of `{key}` {why}: it cannot be matched in text"),
                ));
            }
        }
        let of = role.of.map(|of| RoleOf { span: Span::from(of.span()), key: of.into_inner(), entity: None });
        roles.push(Role { title: role.title, also: role.also, of, from, to, attested: role.attested, span });
    }
    let form = |s: Spanned<String>| Form { span: Span::from(s.span()), text: s.into_inner() };
    // A form no text can match is reported where it is written. An alias or variant is
    // dropped; the name stays (messages need it) and the matcher skips it.
    let check_form =
        |field: &str, form: Form, problems: &mut Vec<KbProblem>| match unmatchable_form(&form.text) {
            Some(why) => {
                problems.push(invalid(
                    file,
                    form.span.range(),
                    format!("{field} {:?} of `{key}` {why}: it cannot be matched in text", form.text),
                ));
                None
            }
            None => Some(form),
        };
    let name = form(raw.name);
    let name = check_form("name", name.clone(), &mut kb.problems).unwrap_or(name);
    let mut aliases: Vec<Form> =
        raw.aliases.into_iter().filter_map(|a| check_form("alias", form(a), &mut kb.problems)).collect();
    // A name in another language is matched as an alias and shown in that language's articles.
    let mut localized = Vec::new();
    for (language, written) in raw.names {
        let Some(named) = check_form("name", form(written), &mut kb.problems) else { continue };
        let at = match aliases.iter().position(|a| a.text == named.text) {
            Some(at) => at,
            None => {
                aliases.push(named);
                aliases.len() - 1
            }
        };
        localized.push(LocalizedName { language: language.trim().to_ascii_lowercase(), alias: at as u32 });
    }
    let variants =
        raw.variants.into_iter().filter_map(|v| check_form("variant", form(v), &mut kb.problems)).collect();
    let entity = Entity {
        key: key.clone(),
        kind,
        name,
        aliases,
        variants,
        description: raw.description,
        roles,
        when,
        xrefs: raw.xrefs,
        demonyms: raw.demonyms,
        localized,
        origin: Origin { file, table: table_span, id: key_span },
    };
    let id = EntityId(kb.entities.len() as u32);
    match kb.by_key.entry(key.clone()) {
        Entry::Occupied(first) => {
            let first = kb.entities[first.get().index()].origin;
            kb.problems.push(KbProblem {
                file,
                span: key_span,
                kind: KbProblemKind::DuplicateId { key, first: (first.file, first.id) },
            });
        }
        Entry::Vacant(slot) => {
            slot.insert(id);
            kb.entities.push(entity);
        }
    }
}

/// serde's messages name the field but not the entity: add the entity's id when it has one.
fn describe_de_error(err: &toml::de::Error, id: Option<&str>) -> String {
    let message = err.message().trim().trim_end_matches('.');
    let mut message = match message.strip_prefix("unknown field `").and_then(|rest| rest.split_once('`')) {
        // serde lists every field; a person wants the one they meant.
        Some((field, _)) => match super::suggest(field, ENTITY_FIELDS.iter().chain(ROLE_FIELDS).copied()) {
            Some(known) => format!("unknown field `{field}` (did you mean `{known}`?)"),
            None => format!("unknown field `{field}`"),
        },
        None => message.to_owned(),
    };
    if let Some(id) = id {
        message = format!("in `{id}`: {message}");
    }
    message
}

const ENTITY_FIELDS: &[&str] = &[
    "id",
    "kind",
    "name",
    "aliases",
    "variants",
    "description",
    "date",
    "from",
    "to",
    "role",
    "xrefs",
    "demonyms",
    "names",
];
const ROLE_FIELDS: &[&str] = &["title", "also", "of"];

/// The `id` string of an entity table, read before validating the rest, for messages.
fn declared_id(item: &Spanned<DeValue<'_>>) -> Option<String> {
    let DeValue::Table(table) = item.get_ref() else { return None };
    table.iter().find(|(key, _)| key.get_ref().as_ref() == "id").and_then(|(_, value)| {
        match value.get_ref() {
            DeValue::String(id) => Some(id.to_string()),
            _ => None,
        }
    })
}

/// Whether `key` is a valid entity id: lowercase ASCII letters, digits and inner `-`.
pub fn is_valid_key(key: &str) -> bool {
    !key.is_empty()
        && key.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !key.starts_with('-')
        && !key.ends_with('-')
}

fn resolve_role_targets(kb: &mut Kb, pending: Vec<(EntityId, usize)>) {
    for (id, role_idx) in pending {
        let (key, span, file) = {
            let entity = &kb.entities[id.index()];
            let Some(of) = &entity.roles[role_idx].of else {
                continue;
            };
            (of.key.clone(), of.span, entity.origin.file)
        };
        match kb.lookup(&key) {
            Some(target) => {
                if let Some(of) = &mut kb.entities[id.index()].roles[role_idx].of {
                    of.entity = Some(target);
                }
            }
            None => {
                let suggestion = kb.suggest_key(&key).map(str::to_owned);
                kb.problems.push(KbProblem {
                    file,
                    span,
                    kind: KbProblemKind::UnknownReference { key, suggestion },
                });
            }
        }
    }
}

/// Flags every written form (name, alias or variant) that two entities share.
fn find_shared_forms(kb: &mut Kb) {
    let mut owner: HashMap<&str, (EntityId, Span)> = HashMap::new();
    let mut problems = Vec::new();
    for id in kb.ids() {
        let entity = kb.entity(id);
        for (_, form) in entity.forms() {
            match owner.entry(form.text.as_str()) {
                Entry::Vacant(slot) => {
                    slot.insert((id, form.span));
                }
                Entry::Occupied(first) => {
                    let (other, other_span) = *first.get();
                    if other == id {
                        continue;
                    }
                    problems.push(KbProblem {
                        file: entity.origin.file,
                        span: form.span,
                        kind: KbProblemKind::AmbiguousForm {
                            form: form.text.clone(),
                            entity: id,
                            other,
                            other_span: (kb.entity(other).origin.file, other_span),
                        },
                    });
                }
            }
        }
    }
    kb.problems.extend(problems);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kb(text: &str) -> Kb {
        load(&[(FileId(0), text)])
    }

    fn problems(kb: &Kb, text: &str) -> Vec<String> {
        kb.problems().iter().map(|p| format!("{:?} at `{}`", p.kind, &text[p.span.range()])).collect()
    }

    const AKAR: &str = r#"
[[entity]]
id = "hulusi-akar"
kind = "person"
name = "Hulusi Akar"
aliases = ["Akar"]
variants = ["Hulusi Akkar"]
description = "Turkish general and politician."
  [[entity.role]]
  title = "Chief of the General Staff"
  also = ["Chief of General Staff"]
  of = "turkey"
  from = "2015-08-18"
  to = 2018-07-10

[[entity]]
id = "turkey"
kind = "place"
name = "Türkiye"
aliases = ["Turkey"]

[[entity]]
id = "second-karabakh-war"
kind = "event"
name = "Second Karabakh War"
from = "2020-09-27"
to = "2020-11-10"
"#;

    #[test]
    fn loads_entities_roles_and_events() {
        let kb = kb(AKAR);
        assert!(kb.problems().is_empty(), "{:?}", kb.problems());
        let akar = kb.entity(kb.lookup("hulusi-akar").unwrap());
        assert_eq!(akar.kind, EntityKind::Person);
        assert_eq!(&AKAR[akar.name.span.range()], "\"Hulusi Akar\"");
        assert_eq!(&AKAR[akar.origin.id.range()], "\"hulusi-akar\"");
        let role = &akar.roles[0];
        assert_eq!(role.of.as_ref().unwrap().entity, kb.lookup("turkey"));
        assert_eq!(role.to.unwrap().to_string(), "2018-07-10");
        assert!(role.held_on(PartialDate::parse("2016").unwrap()));
        assert!(!role.held_on(PartialDate::parse("2021-11-17").unwrap()));
        let war = kb.entity(kb.lookup("second-karabakh-war").unwrap());
        assert_eq!(war.when.unwrap().to.to_string(), "2020-11-10");
        assert_eq!(kb.entity_at(FileId(0), AKAR.find("Chief of the").unwrap()), kb.lookup("hulusi-akar"));
    }

    #[test]
    fn bad_entries_become_problems_and_the_rest_loads() {
        let text = r#"
[[entity]]
id = "a"
kind = "person"
name = "A"
alias = ["x"]

[[entity]]
id = "b"
kind = "persn"
name = "B"
  [[entity.role]]
  title = "Minister"
  of = "turky"
  from = "2021-02-30"

[[entity]]
id = "b"
kind = "place"
name = "B2"

[[entity]]
id = "c"
kind = "place"
name = "B"

[[entity]]
id = "Bad Id"
kind = "place"
name = "X"
"#;
        let kb = kb(text);
        let found = problems(&kb, text);
        let expected = [
            "in `a`: unknown field `alias` (did you mean `aliases`?)",
            "unknown kind `persn`",
            "InvalidDate { field: \"from\", message: \"`2021-02-30` is not a calendar date in `b`\" } at `\"2021-02-30\"`",
            "DuplicateId { key: \"b\"",
            "UnknownReference { key: \"turky\", suggestion: None } at `\"turky\"`",
            "AmbiguousForm { form: \"B\"",
            "invalid id `Bad Id`",
        ];
        for needle in expected {
            assert!(found.iter().any(|p| p.contains(needle)), "missing {needle} in {found:#?}");
        }
        assert_eq!(found.len(), expected.len(), "{found:#?}");
        assert!(kb.lookup("b").is_some() && kb.lookup("c").is_some());
        assert!(kb.lookup("a").is_none());
    }

    /// Issue 11: an alias of combining marks only made the matcher loop until killed.
    #[test]
    fn forms_without_letters_are_reported_and_not_kept() {
        let text = "[[entity]]\nid = \"a\"\nkind = \"person\"\nname = \"\u{301}\"\n\
                    aliases = [\"\u{64b}\", \"2020\", \"  \", \"A Person\"]\nvariants = [\"\u{fe0f}\"]\n\
                    [[entity.role]]\ntitle = \"\u{301}\"\n";
        let kb = kb(text);
        let found = problems(&kb, text);
        assert_eq!(found.len(), 6, "{found:#?}");
        assert!(found.iter().all(|p| p.contains("cannot be matched in text")), "{found:#?}");
        let messages: Vec<(&str, &str)> = kb
            .problems()
            .iter()
            .filter_map(|p| match &p.kind {
                KbProblemKind::InvalidEntry { message } => Some((message.as_str(), &text[p.span.range()])),
                _ => None,
            })
            .collect();
        assert!(
            messages.contains(&(
                "name \"\\u{301}\" of `a` has no letters (only digits, marks or punctuation): it cannot be matched in text",
                "\"\u{301}\""
            )),
            "located on the form: {messages:#?}"
        );
        assert!(messages.iter().any(|(m, _)| m.starts_with("alias \"  \" of `a` is empty")), "{messages:#?}");
        assert!(
            messages.iter().any(|(m, at)| m.starts_with("alias \"2020\"") && *at == "\"2020\""),
            "{messages:#?}"
        );
        let a = kb.entity(kb.lookup("a").unwrap());
        assert_eq!(a.name.text, "\u{301}", "the name stays for messages");
        assert_eq!(a.aliases.iter().map(|f| f.text.as_str()).collect::<Vec<_>>(), ["A Person"]);
        assert!(a.variants.is_empty());
    }

    #[test]
    fn syntax_errors_keep_what_parsed() {
        let text = "[[entity]]\nid = \"a\"\nkind = \"place\"\nname = \"A\"\n\n[[entity]\nid = \"b\"\n";
        let kb = kb(text);
        assert!(matches!(kb.problems()[0].kind, KbProblemKind::Syntax { .. }), "{:?}", kb.problems());
        assert!(kb.lookup("a").is_some());
    }

    #[test]
    fn names_in_other_languages_are_aliases_shown_in_their_language() {
        let kb = load(&[(
            FileId(0),
            "[[entity]]\nid = \"p\"\nkind = \"person\"\nname = \"Nikol Pashinyan\"\naliases = [\"Pashinyan\"]\n\
             names = { ru = \"Никол Пашинян\", TR = \"Nikol Paşinyan\", hy = \"2020\" }\n",
        )]);
        let p = kb.entity(kb.lookup("p").unwrap());
        let aliases: Vec<&str> = p.aliases.iter().map(|a| a.text.as_str()).collect();
        assert_eq!(aliases, ["Pashinyan", "Nikol Paşinyan", "Никол Пашинян"]);
        assert_eq!(p.name_in(Some("ru")), "Никол Пашинян");
        assert_eq!(p.name_in(Some("tr")), "Nikol Paşinyan", "codes fold to lower case");
        assert_eq!(p.name_in(Some("de")), "Nikol Pashinyan");
        assert_eq!(p.name_in(None), "Nikol Pashinyan");
        // A name that cannot be matched (digits only) is reported, not kept.
        assert_eq!(p.name_in(Some("hy")), "Nikol Pashinyan");
        assert!(
            kb.problems.iter().any(|problem| format!("{problem:?}").contains("2020")),
            "{:?}",
            kb.problems
        );
    }
}
