//! One Wikidata entity to one KB entity: its kind from `P31`, names from labels and aliases
//! in the chosen languages, roles from `P39`, an event's dates from `P585`/`P580`/`P582`.
//!
//! Mapping an entity needs nothing but the entity, except for role titles, which are the
//! labels of other items (the positions). So an entity first becomes a [`Candidate`] whose
//! roles name their position by id; [`Candidate::resolve`] names them once every input has
//! been read. Whatever is left out is said in a [`Skip`].

use std::collections::HashMap;
use std::fmt;

use super::json::{Rank, RawEntity, Snak, SnakType, Statement};
use super::time;
use crate::dates::PartialDate;
use crate::kb::{EntityKind, unmatchable_form};

/// Something the import left out, and why: "Q7747 P39 statement 20: deprecated rank".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skip {
    /// The entity, and the statement or field when the skip is narrower than the entity.
    pub subject: String,
    pub reason: String,
}

impl fmt::Display for Skip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.subject, self.reason)
    }
}

/// Why a whole entity was not imported; the import counts these per kind instead of
/// listing them, since a dump has millions.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NotImported {
    /// A property or lexeme: only items become KB entities.
    NotAnItem,
    /// The API's answer for an id it does not know.
    Missing,
    /// No `P31` class the importer maps to a kind (positions, occupations, and most of a
    /// dump); its label still names roles.
    NoKnownKind,
    /// No label in any of the chosen languages.
    NoLabel,
}

impl NotImported {
    pub fn describe(&self) -> &'static str {
        match self {
            NotImported::NotAnItem => "properties and lexemes (only items are imported)",
            NotImported::Missing => "ids the source marks as missing",
            NotImported::NoKnownKind => {
                "items with no instance-of (P31) class mapped to person, organization, place or event (their labels still name positions)"
            }
            NotImported::NoLabel => "items with no label in the chosen languages",
        }
    }
}

/// The `P31` classes that make an item a KB entity, by kind. An item takes the kind of its
/// first `P31` value found here.
const CLASSES: &[(&str, EntityKind)] = &[
    ("Q5", EntityKind::Person), // human
    // Organisations.
    ("Q43229", EntityKind::Organization),   // organization
    ("Q7278", EntityKind::Organization),    // political party
    ("Q4830453", EntityKind::Organization), // business
    ("Q783794", EntityKind::Organization),  // company
    ("Q891723", EntityKind::Organization),  // public company
    ("Q6881511", EntityKind::Organization), // enterprise
    ("Q484652", EntityKind::Organization),  // international organization
    ("Q245065", EntityKind::Organization),  // intergovernmental organization
    ("Q327333", EntityKind::Organization),  // government agency
    ("Q163740", EntityKind::Organization),  // nonprofit organization
    ("Q11032", EntityKind::Organization),   // newspaper
    ("Q1193236", EntityKind::Organization), // news agency
    ("Q3918", EntityKind::Organization),    // university
    ("Q176799", EntityKind::Organization),  // military unit
    ("Q192350", EntityKind::Organization),  // ministry
    // Places.
    ("Q6256", EntityKind::Place),     // country
    ("Q3624078", EntityKind::Place),  // sovereign state
    ("Q7275", EntityKind::Place),     // state
    ("Q515", EntityKind::Place),      // city
    ("Q1549591", EntityKind::Place),  // big city
    ("Q1637706", EntityKind::Place),  // city with millions of inhabitants
    ("Q5119", EntityKind::Place),     // capital city
    ("Q486972", EntityKind::Place),   // human settlement
    ("Q3957", EntityKind::Place),     // town
    ("Q532", EntityKind::Place),      // village
    ("Q10864048", EntityKind::Place), // first-level administrative country subdivision
    ("Q35657", EntityKind::Place),    // U.S. state
    // Events.
    ("Q1656682", EntityKind::Event), // event
    ("Q1190554", EntityKind::Event), // occurrence
    ("Q198", EntityKind::Event),     // war
    ("Q178561", EntityKind::Event),  // battle
    ("Q350604", EntityKind::Event),  // armed conflict
    ("Q645883", EntityKind::Event),  // military operation
    ("Q40231", EntityKind::Event),   // election
    ("Q45382", EntityKind::Event),   // coup d'état
    ("Q175331", EntityKind::Event),  // demonstration
    ("Q2223653", EntityKind::Event), // terrorist attack
    ("Q3839081", EntityKind::Event), // disaster
    ("Q7944", EntityKind::Event),    // earthquake
];

/// The languages whose labels name an entity, first choice first (`en`).
#[derive(Clone, Debug)]
pub struct Languages(Vec<String>);

impl Languages {
    /// `None` when the list is empty.
    pub fn new(codes: Vec<String>) -> Option<Languages> {
        let mut unique: Vec<String> = Vec::new();
        for code in codes {
            if !code.is_empty() && !unique.contains(&code) {
                unique.push(code);
            }
        }
        if unique.is_empty() { None } else { Some(Languages(unique)) }
    }

    pub fn codes(&self) -> &[String] {
        &self.0
    }

    /// The value in the first language that has one.
    fn first<'a, T>(&self, by_language: &'a HashMap<String, T>) -> Option<&'a T> {
        self.0.iter().find_map(|code| by_language.get(code))
    }
}

/// A KB entity read from Wikidata, with its roles' titles resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedEntity {
    pub qid: String,
    pub kind: EntityKind,
    pub name: String,
    pub aliases: Vec<String>,
    /// The label in each chosen language other than the name's, by language code: written
    /// as `names = { ru = "..." }` so hovers show it on articles in that language.
    pub names: Vec<(String, String)>,
    pub description: Option<String>,
    pub roles: Vec<ImportedRole>,
    pub when: Option<EventDates>,
    /// How many wikis have a page about it: of two new entities with the same name, the
    /// better known gets the plain id.
    pub sitelinks: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedRole {
    /// The position's label.
    pub title: String,
    /// The position item.
    pub position: String,
    /// The item the role is "of" (`P642`, or the position's `P1001` jurisdiction): written
    /// as `of` when the KB has an entity for it.
    pub of: Option<String>,
    pub from: Option<PartialDate>,
    /// `None`: still held, as far as Wikidata says.
    pub to: Option<PartialDate>,
    /// Which `P39` statement (1-based), for messages.
    pub statement: usize,
}

/// When an event happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventDates {
    /// `P585` point in time.
    On(PartialDate),
    /// `P580` start time, `P582` end time.
    Between { from: PartialDate, to: Option<PartialDate> },
}

/// What the importer keeps of an item that is not imported itself but may name a role: its
/// label and jurisdiction.
#[derive(Clone, Debug, Default)]
pub struct PositionInfo {
    pub label: Option<String>,
    pub jurisdiction: Option<String>,
}

impl PositionInfo {
    pub fn of(raw: &RawEntity, languages: &Languages) -> PositionInfo {
        PositionInfo {
            label: languages.first(&raw.labels).map(|label| label.value.clone()),
            jurisdiction: first_value(&raw.claims.jurisdiction).and_then(Snak::item),
        }
    }
}

/// A role before its position is named.
#[derive(Clone, Debug)]
struct PendingRole {
    statement: usize,
    position: String,
    of: Option<String>,
    from: Option<PartialDate>,
    to: Option<PartialDate>,
}

/// An entity that will be imported once its roles are named.
#[derive(Clone, Debug)]
pub struct Candidate {
    entity: ImportedEntity,
    roles: Vec<PendingRole>,
}

impl Candidate {
    /// The positions its roles need labels for.
    pub fn positions(&self) -> impl Iterator<Item = &str> {
        self.roles.iter().map(|role| role.position.as_str())
    }

    pub fn qid(&self) -> &str {
        &self.entity.qid
    }

    /// The entity with each role titled by its position's label; roles whose position has
    /// no label are left out with a [`Skip`].
    pub fn resolve(self, positions: &HashMap<String, PositionInfo>, skips: &mut Vec<Skip>) -> ImportedEntity {
        let Candidate { mut entity, roles } = self;
        for role in roles {
            let info = positions.get(&role.position);
            let Some(title) = info.and_then(|info| info.label.clone()) else {
                let why = match info {
                    Some(_) => "has no label in the chosen languages",
                    None => {
                        "has no label in the imported files (import its JSON too, e.g. Special:EntityData/QID.json)"
                    }
                };
                skips.push(Skip {
                    subject: format!("{} P39 statement {}", entity.qid, role.statement),
                    reason: format!("position {} {why}", role.position),
                });
                continue;
            };
            if let Some(why) = unmatchable_form(&title) {
                skips.push(Skip {
                    subject: format!("{} P39 statement {}", entity.qid, role.statement),
                    reason: format!("the title {title:?} of position {} {why}", role.position),
                });
                continue;
            }
            let of = role.of.or_else(|| info.and_then(|info| info.jurisdiction.clone()));
            entity.roles.push(ImportedRole {
                title,
                position: role.position,
                of,
                from: role.from,
                to: role.to,
                statement: role.statement,
            });
        }
        entity
    }
}

/// The candidate an item becomes, or why it becomes none. Statement-level losses go to
/// `skips`.
pub fn map_entity(
    raw: &RawEntity,
    languages: &Languages,
    skips: &mut Vec<Skip>,
) -> Result<Candidate, NotImported> {
    if raw.missing.is_some() {
        return Err(NotImported::Missing);
    }
    let is_item = raw.entity_type == "item" || (raw.entity_type.is_empty() && raw.id.starts_with('Q'));
    if !is_item {
        return Err(NotImported::NotAnItem);
    }
    let kind = kind_of(raw).ok_or(NotImported::NoKnownKind)?;
    let name = languages.first(&raw.labels).ok_or(NotImported::NoLabel)?.value.clone();
    let qid = raw.id.clone();
    let mut aliases: Vec<String> = Vec::new();
    let mut add_alias = |alias: &str, skips: &mut Vec<Skip>| {
        if alias == name || aliases.iter().any(|known| known == alias) {
            return;
        }
        match unmatchable_form(alias) {
            Some(why) => skips.push(Skip {
                subject: format!("{qid} alias {alias:?}"),
                reason: format!("{why}: it cannot be matched in text"),
            }),
            None => aliases.push(alias.to_owned()),
        }
    };
    for code in languages.codes() {
        if let Some(label) = raw.labels.get(code) {
            add_alias(&label.value, skips);
        }
        for alias in raw.aliases.get(code).into_iter().flatten() {
            add_alias(&alias.value, skips);
        }
    }
    let names: Vec<(String, String)> = languages
        .codes()
        .iter()
        .filter_map(|code| Some((code.clone(), raw.labels.get(code)?.value.clone())))
        .filter(|(_, label)| aliases.contains(label))
        .collect();
    let description = languages.first(&raw.descriptions).map(|d| d.value.clone());
    let mut entity = ImportedEntity {
        qid,
        kind,
        name,
        aliases,
        names,
        description,
        roles: Vec::new(),
        when: None,
        sitelinks: raw.sitelinks,
    };
    let roles = match kind {
        EntityKind::Person => person_roles(raw, &entity.qid, skips),
        _ => Vec::new(),
    };
    match kind {
        EntityKind::Event => entity.when = event_dates(raw, &entity.qid, skips),
        EntityKind::Organization => {
            for (property, statements) in [("P571", &raw.claims.inception), ("P576", &raw.claims.dissolved)] {
                if let Some(snak) = first_value(statements)
                    && let Some(time) = snak.time()
                {
                    skips.push(Skip {
                        subject: format!("{} {property}", entity.qid),
                        reason: format!(
                            "`{}`: the KB has no field for when an organization was founded or dissolved",
                            time.time
                        ),
                    });
                }
            }
        }
        _ => {}
    }
    Ok(Candidate { entity, roles })
}

/// The kind of the first `P31` value that maps to one.
fn kind_of(raw: &RawEntity) -> Option<EntityKind> {
    raw.claims
        .instance_of
        .iter()
        .filter(|statement| statement.rank != Rank::Deprecated)
        .filter_map(|statement| statement.mainsnak.item())
        .find_map(|class| CLASSES.iter().find(|(known, _)| *known == class).map(|(_, kind)| *kind))
}

/// The main value of the best statement: preferred over normal, never deprecated.
fn first_value(statements: &[Statement]) -> Option<&Snak> {
    statements
        .iter()
        .find(|s| s.rank == Rank::Preferred)
        .or_else(|| statements.iter().find(|s| s.rank == Rank::Normal))
        .map(|s| &s.mainsnak)
}

fn person_roles(raw: &RawEntity, qid: &str, skips: &mut Vec<Skip>) -> Vec<PendingRole> {
    let mut roles = Vec::new();
    for (idx, statement) in raw.claims.position_held.iter().enumerate() {
        let number = idx + 1;
        let subject = || format!("{qid} P39 statement {number}");
        let skip = |skips: &mut Vec<Skip>, reason: String| skips.push(Skip { subject: subject(), reason });
        if statement.rank == Rank::Deprecated {
            let what = statement.mainsnak.item().unwrap_or_else(|| "a position".to_owned());
            skip(skips, format!("{what}: deprecated rank (Wikidata marks it as wrong)"));
            continue;
        }
        let position = match statement.mainsnak.snaktype {
            SnakType::Somevalue => {
                skip(skips, "the position is unknown (somevalue)".to_owned());
                continue;
            }
            SnakType::Novalue => {
                skip(skips, "says no position was held (novalue)".to_owned());
                continue;
            }
            SnakType::Value => match statement.mainsnak.item() {
                Some(position) => position,
                None => {
                    skip(skips, "the value is not an item".to_owned());
                    continue;
                }
            },
        };
        let mut notes = Vec::new();
        let from = qualifier_date(&statement.qualifiers.start_time, "start (P580)", &mut notes);
        let to = qualifier_date(&statement.qualifiers.end_time, "end (P582)", &mut notes);
        for note in notes {
            skip(skips, format!("{position}: {note}"));
        }
        if let (Some(from), Some(to)) = (from, to)
            && to.last_day() < from.first_day()
        {
            skip(skips, format!("{position}: ends ({to}) before it starts ({from})"));
            continue;
        }
        let of = statement.qualifiers.of.first().and_then(Snak::item);
        roles.push(PendingRole { statement: number, position, of, from, to });
    }
    roles
}

/// The date of a `P580`/`P582` qualifier, with what was lost saying so in `notes`.
fn qualifier_date(snaks: &[Snak], what: &str, notes: &mut Vec<String>) -> Option<PartialDate> {
    let snak = snaks.first()?;
    if snaks.len() > 1 {
        notes.push(format!("{} {what} values: used the first", snaks.len()));
    }
    match snak.snaktype {
        SnakType::Somevalue if what.starts_with("end") => {
            notes.push(format!(
                "{what} is unknown (somevalue): written without `to`, so the KB reads the role as still held"
            ));
            None
        }
        SnakType::Somevalue => {
            notes.push(format!("{what} is unknown (somevalue): written without `from`"));
            None
        }
        // "No end": the same as leaving it out.
        SnakType::Novalue => None,
        SnakType::Value => match snak.time().map(time::convert) {
            Some(Ok(converted)) => {
                if let Some(note) = converted.note {
                    notes.push(format!("{what} {note}"));
                }
                Some(converted.date)
            }
            Some(Err(why)) => {
                notes.push(format!("{what} left out: {why}"));
                None
            }
            None => {
                notes.push(format!("{what} left out: the value is not a time"));
                None
            }
        },
    }
}

fn event_dates(raw: &RawEntity, qid: &str, skips: &mut Vec<Skip>) -> Option<EventDates> {
    let claims = &raw.claims;
    let date = |statements: &[Statement], property: &str, skips: &mut Vec<Skip>| {
        let snak = first_value(statements)?;
        let subject = format!("{qid} {property}");
        match snak.time().map(time::convert) {
            Some(Ok(converted)) => {
                if let Some(note) = converted.note {
                    skips.push(Skip { subject, reason: note });
                }
                Some(converted.date)
            }
            Some(Err(reason)) => {
                skips.push(Skip { subject, reason });
                None
            }
            None if snak.snaktype == SnakType::Somevalue => {
                skips.push(Skip { subject, reason: "unknown (somevalue)".to_owned() });
                None
            }
            None => None,
        }
    };
    if let Some(on) = date(&claims.point_in_time, "P585", skips) {
        return Some(EventDates::On(on));
    }
    let from = date(&claims.start_time, "P580", skips);
    let to = date(&claims.end_time, "P582", skips);
    match (from, to) {
        (Some(from), Some(to)) if to.last_day() < from.first_day() => {
            skips.push(Skip {
                subject: format!("{qid} P582"),
                reason: format!("ends ({to}) before it starts ({from})"),
            });
            Some(EventDates::Between { from, to: None })
        }
        (Some(from), to) => Some(EventDates::Between { from, to }),
        (None, Some(to)) => {
            skips.push(Skip {
                subject: format!("{qid} P582"),
                reason: format!("an end ({to}) without a start: no dates written"),
            });
            None
        }
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn languages(codes: &[&str]) -> Languages {
        Languages::new(codes.iter().map(|c| (*c).to_owned()).collect()).unwrap()
    }

    /// Maps the entity `json` with positions labelled from `positions` (id, label,
    /// jurisdiction); the entity (if imported) and every skip as text.
    fn map(
        json: &str,
        positions: &[(&str, Option<&str>, Option<&str>)],
        codes: &[&str],
    ) -> (Option<ImportedEntity>, Vec<String>) {
        let raw: RawEntity = serde_json::from_str(json).unwrap();
        let positions: HashMap<String, PositionInfo> = positions
            .iter()
            .map(|(id, label, jurisdiction)| {
                (
                    (*id).to_owned(),
                    PositionInfo {
                        label: label.map(str::to_owned),
                        jurisdiction: jurisdiction.map(str::to_owned),
                    },
                )
            })
            .collect();
        let mut skips = Vec::new();
        let entity =
            map_entity(&raw, &languages(codes), &mut skips).ok().map(|c| c.resolve(&positions, &mut skips));
        (entity, skips.iter().map(ToString::to_string).collect())
    }

    fn item(id: &str) -> String {
        format!(
            r#"{{"snaktype":"value","datavalue":{{"value":{{"entity-type":"item","id":"{id}"}},"type":"wikibase-entityid"}}}}"#
        )
    }

    fn time(time: &str, precision: u8) -> String {
        format!(
            r#"{{"snaktype":"value","datavalue":{{"type":"time","value":{{"time":"{time}","precision":{precision},"calendarmodel":"http://www.wikidata.org/entity/Q1985727"}}}}}}"#
        )
    }

    fn person(p39: &[String]) -> String {
        format!(
            r#"{{"id":"Q1","type":"item","labels":{{"en":{{"value":"Ana Testova"}},"de":{{"value":"Anna Testowa"}}}},
                "aliases":{{"en":[{{"value":"A. Testova"}},{{"value":"Ana Testova"}}],"fr":[{{"value":"Anne"}}]}},
                "claims":{{"P31":[{{"mainsnak":{},"rank":"normal"}}],"P39":[{}]}}}}"#,
            item("Q5"),
            p39.join(",")
        )
    }

    fn statement(position: &str, qualifiers: &str, rank: &str) -> String {
        format!(r#"{{"mainsnak":{},"qualifiers":{qualifiers},"rank":"{rank}"}}"#, item(position))
    }

    fn roles(entity: &ImportedEntity) -> Vec<String> {
        entity
            .roles
            .iter()
            .map(|r| {
                let date = |d: Option<PartialDate>| d.map_or("-".to_owned(), |d| d.to_string());
                format!("{} of {} {} – {}", r.title, r.of.as_deref().unwrap_or("-"), date(r.from), date(r.to))
            })
            .collect()
    }

    #[test]
    fn names_come_from_the_chosen_languages() {
        let (entity, skips) = map(&person(&[]), &[], &["en"]);
        let entity = entity.unwrap();
        assert_eq!((entity.name.as_str(), entity.kind), ("Ana Testova", EntityKind::Person));
        assert_eq!(entity.aliases, ["A. Testova"], "the name is no alias of itself; French is not chosen");
        assert!(skips.is_empty(), "{skips:?}");
        let (entity, _) = map(&person(&[]), &[], &["de", "en", "fr"]);
        let entity = entity.unwrap();
        assert_eq!(entity.name, "Anna Testowa");
        assert_eq!(entity.aliases, ["Ana Testova", "A. Testova", "Anne"]);
        assert!(entity.names.contains(&("en".to_owned(), "Ana Testova".to_owned())), "{:?}", entity.names);
        assert!(!entity.names.iter().any(|(code, _)| code == "de"), "the name's own language is the name");
        let (entity, _) = map(&person(&[]), &[], &["ru"]);
        assert!(entity.is_none(), "no label in Russian");
    }

    #[test]
    fn roles_take_dates_at_their_precision_and_positions_their_labels() {
        let p39 = [
            statement(
                "Q10",
                &format!(
                    r#"{{"P580":[{}],"P582":[{}]}}"#,
                    time("+2019-05-07T00:00:00Z", 11),
                    time("+2021-06-00T00:00:00Z", 10)
                ),
                "normal",
            ),
            statement(
                "Q11",
                &format!(r#"{{"P580":[{}],"P642":[{}]}}"#, time("+2001-00-00T00:00:00Z", 9), item("Q99")),
                "preferred",
            ),
            statement("Q12", "[]", "normal"),
        ];
        let (entity, skips) = map(
            &person(&p39),
            &[
                ("Q10", Some("Minister"), Some("Q98")),
                ("Q11", Some("Mayor"), None),
                ("Q12", Some("Chair"), None),
            ],
            &["en"],
        );
        assert_eq!(
            roles(&entity.unwrap()),
            ["Minister of Q98 2019-05-07 – 2021-06", "Mayor of Q99 2001 – -", "Chair of - - – -"],
            "P642 on the statement, else the position's P1001; no qualifiers at all is no dates"
        );
        assert!(skips.is_empty(), "{skips:?}");
    }

    #[test]
    fn deprecated_unknown_and_unlabelled_roles_are_skipped_with_reasons() {
        let somevalue_end = format!(
            r#"{{"P580":[{}],"P582":[{{"snaktype":"somevalue"}}]}}"#,
            time("+2016-03-01T00:00:00Z", 11)
        );
        let decade = format!(r#"{{"P580":[{}]}}"#, time("+1990-00-00T00:00:00Z", 8));
        let backwards = format!(
            r#"{{"P580":[{}],"P582":[{}]}}"#,
            time("+2016-00-00T00:00:00Z", 9),
            time("+2015-00-00T00:00:00Z", 9)
        );
        let p39 = [
            statement("Q10", "{}", "deprecated"),
            statement("Q10", &somevalue_end, "normal"),
            r#"{"mainsnak":{"snaktype":"novalue"},"rank":"normal"}"#.to_owned(),
            r#"{"mainsnak":{"snaktype":"somevalue"},"rank":"normal"}"#.to_owned(),
            statement("Q10", &decade, "normal"),
            statement("Q10", &backwards, "normal"),
            statement("Q13", "{}", "normal"),
            statement("Q14", "{}", "normal"),
            statement("Q10", r#"{"P582":[{"snaktype":"novalue"}]}"#, "normal"),
        ];
        let (entity, skips) =
            map(&person(&p39), &[("Q10", Some("Minister"), None), ("Q14", None, None)], &["en"]);
        assert_eq!(
            roles(&entity.unwrap()),
            ["Minister of - 2016-03-01 – -", "Minister of - - – -", "Minister of - - – -"]
        );
        assert_eq!(
            skips,
            [
                "Q1 P39 statement 1: Q10: deprecated rank (Wikidata marks it as wrong)",
                "Q1 P39 statement 2: Q10: end (P582) is unknown (somevalue): written without `to`, so the KB reads the role as still held",
                "Q1 P39 statement 3: says no position was held (novalue)",
                "Q1 P39 statement 4: the position is unknown (somevalue)",
                "Q1 P39 statement 5: Q10: start (P580) left out: `+1990-00-00T00:00:00Z` is only known to the decade (precision 8), coarser than a year",
                "Q1 P39 statement 6: Q10: ends (2015) before it starts (2016)",
                "Q1 P39 statement 7: position Q13 has no label in the imported files (import its JSON too, e.g. Special:EntityData/QID.json)",
                "Q1 P39 statement 8: position Q14 has no label in the chosen languages",
            ]
        );
    }

    #[test]
    fn kinds_come_from_instance_of() {
        let entity = |p31: &str, extra: &str| {
            format!(
                r#"{{"id":"Q2","type":"item","labels":{{"en":{{"value":"X"}}}},"claims":{{"P31":[{{"mainsnak":{},"rank":"normal"}}]{extra}}}}}"#,
                item(p31)
            )
        };
        let kind = |json: &str| map(json, &[], &["en"]).0.map(|e| e.kind);
        assert_eq!(kind(&entity("Q6256", "")), Some(EntityKind::Place));
        assert_eq!(kind(&entity("Q7278", "")), Some(EntityKind::Organization));
        assert_eq!(kind(&entity("Q4164871", "")), None, "a position is no entity");
        let raw: RawEntity = serde_json::from_str(&entity("Q4164871", "")).unwrap();
        assert_eq!(
            map_entity(&raw, &languages(&["en"]), &mut Vec::new()).unwrap_err(),
            NotImported::NoKnownKind
        );
        let raw: RawEntity =
            serde_json::from_str(r#"{"id":"P31","type":"property","labels":{"en":{"value":"instance of"}}}"#)
                .unwrap();
        assert_eq!(
            map_entity(&raw, &languages(&["en"]), &mut Vec::new()).unwrap_err(),
            NotImported::NotAnItem
        );
        let raw: RawEntity = serde_json::from_str(r#"{"id":"Q0","missing":""}"#).unwrap();
        assert_eq!(map_entity(&raw, &languages(&["en"]), &mut Vec::new()).unwrap_err(), NotImported::Missing);

        let on = format!(r#","P585":[{{"mainsnak":{},"rank":"normal"}}]"#, time("+2020-02-00T00:00:00Z", 10));
        let (event, _) = map(&entity("Q1656682", &on), &[], &["en"]);
        assert_eq!(event.unwrap().when, Some(EventDates::On(PartialDate::month(2020, 2))));
        let span = format!(
            r#","P580":[{{"mainsnak":{},"rank":"normal"}}],"P582":[{{"mainsnak":{{"snaktype":"somevalue"}},"rank":"normal"}}]"#,
            time("+2020-09-27T00:00:00Z", 11)
        );
        let (war, skips) = map(&entity("Q198", &span), &[], &["en"]);
        assert_eq!(
            war.unwrap().when,
            Some(EventDates::Between { from: PartialDate::parse("2020-09-27").unwrap(), to: None })
        );
        assert_eq!(skips, ["Q2 P582: unknown (somevalue)"]);
        let founded =
            format!(r#","P571":[{{"mainsnak":{},"rank":"normal"}}]"#, time("+1991-12-25T00:00:00Z", 11));
        let (_, skips) = map(&entity("Q7278", &founded), &[], &["en"]);
        assert_eq!(
            skips,
            [
                "Q2 P571: `+1991-12-25T00:00:00Z`: the KB has no field for when an organization was founded or dissolved"
            ]
        );
    }
}
