//! The parts of Wikibase entity JSON the importer reads, as serde types.
//!
//! Only the fields the mapping uses are declared; serde skips the rest (sitelinks,
//! references, every other property) without building values for them, which is what keeps
//! a dump line cheap to read. Wikibase writes an empty map as `[]` (`"aliases": []`,
//! `"claims": []`, `"qualifiers": []`), so every map goes through [`map_or_empty_list`].

use std::collections::HashMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

/// One entity (item, property, lexeme) as Wikibase serialises it.
///
/// The same struct reads the `{"entities": {"Q1": {...}}}` wrapper of `Special:EntityData`
/// and `wbgetentities` responses: its entities land in [`RawEntity::wrapped`] and the rest
/// stays empty. One type for both shapes lets a line of a dump be either without parsing it
/// twice.
#[derive(Deserialize, Default, Debug)]
#[serde(default, expecting = "a Wikidata entity object")]
pub struct RawEntity {
    pub id: String,
    #[serde(rename = "type")]
    pub entity_type: String,
    #[serde(deserialize_with = "map_or_empty_list")]
    pub labels: HashMap<String, LangValue>,
    #[serde(deserialize_with = "map_or_empty_list")]
    pub descriptions: HashMap<String, LangValue>,
    #[serde(deserialize_with = "map_or_empty_list")]
    pub aliases: HashMap<String, Vec<LangValue>>,
    #[serde(deserialize_with = "map_or_empty_list")]
    pub claims: Claims,
    /// How many wikis have a page about the entity: how well known it is.
    #[serde(deserialize_with = "count_entries")]
    pub sitelinks: usize,
    /// Present on an id the API does not know (`{"id": "Q0", "missing": ""}`).
    pub missing: Option<IgnoredAny>,
    #[serde(rename = "entities", deserialize_with = "entity_list")]
    pub wrapped: Option<Vec<RawEntity>>,
}

/// A label, description or alias: `{"language": "en", "value": "Vladimir Putin"}`.
#[derive(Deserialize, Default, Debug, Clone)]
#[serde(expecting = "a {\"language\": …, \"value\": …} object")]
pub struct LangValue {
    pub value: String,
}

/// The statements the mapping reads, by property.
#[derive(Deserialize, Default, Debug)]
#[serde(default)]
pub struct Claims {
    /// Instance of: what kind of thing the entity is.
    #[serde(rename = "P31")]
    pub instance_of: Vec<Statement>,
    /// Position held.
    #[serde(rename = "P39")]
    pub position_held: Vec<Statement>,
    /// Point in time (events).
    #[serde(rename = "P585")]
    pub point_in_time: Vec<Statement>,
    /// Start time (events).
    #[serde(rename = "P580")]
    pub start_time: Vec<Statement>,
    /// End time (events).
    #[serde(rename = "P582")]
    pub end_time: Vec<Statement>,
    /// Inception (organisations).
    #[serde(rename = "P571")]
    pub inception: Vec<Statement>,
    /// Dissolved, abolished or demolished (organisations).
    #[serde(rename = "P576")]
    pub dissolved: Vec<Statement>,
    /// Applies to jurisdiction: a position's country or body.
    #[serde(rename = "P1001")]
    pub jurisdiction: Vec<Statement>,
}

#[derive(Deserialize, Debug)]
#[serde(expecting = "a statement object (with a mainsnak)")]
pub struct Statement {
    pub mainsnak: Snak,
    #[serde(default, deserialize_with = "map_or_empty_list")]
    pub qualifiers: Qualifiers,
    #[serde(default)]
    pub rank: Rank,
}

/// The qualifiers of a `P39` statement the mapping reads.
#[derive(Deserialize, Default, Debug)]
#[serde(default)]
pub struct Qualifiers {
    #[serde(rename = "P580")]
    pub start_time: Vec<Snak>,
    #[serde(rename = "P582")]
    pub end_time: Vec<Snak>,
    /// "Of": the country or body of a generic position ("minister" of Q123).
    #[serde(rename = "P642")]
    pub of: Vec<Snak>,
}

#[derive(Deserialize, Default, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "lowercase")]
pub enum Rank {
    Preferred,
    #[default]
    Normal,
    Deprecated,
}

/// A property and its value, or the statement that it has some unknown value or none.
#[derive(Deserialize, Debug)]
#[serde(expecting = "a snak object (with a snaktype)")]
pub struct Snak {
    pub snaktype: SnakType,
    #[serde(default)]
    pub datavalue: Option<DataValue>,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "lowercase")]
pub enum SnakType {
    Value,
    /// The value exists but is unknown ("unknown value" in the UI).
    Somevalue,
    /// There is no value ("no value").
    Novalue,
}

/// A snak's value, by its `type`.
#[derive(Deserialize, Debug)]
#[serde(from = "TypedValue")]
pub enum DataValue {
    Entity(EntityRef),
    Time(TimeValue),
    /// Strings, quantities, coordinates, or a value not shaped as its type says: nothing
    /// the mapping reads.
    Other,
}

/// `{"type": "time", "value": {...}}`, in either key order. serde's adjacently tagged enums
/// cannot skip the value of a variant they do not know, so the value is read as JSON and
/// converted; only the few snaks of the properties in [`Claims`] get here.
#[derive(Deserialize)]
struct TypedValue {
    #[serde(rename = "type")]
    kind: String,
    value: serde_json::Value,
}

impl From<TypedValue> for DataValue {
    fn from(typed: TypedValue) -> DataValue {
        let converted = match typed.kind.as_str() {
            "wikibase-entityid" => serde_json::from_value(typed.value).map(DataValue::Entity),
            "time" => serde_json::from_value(typed.value).map(DataValue::Time),
            _ => return DataValue::Other,
        };
        converted.unwrap_or(DataValue::Other)
    }
}

/// A reference to an item: `{"entity-type": "item", "numeric-id": 5, "id": "Q5"}`; older
/// dumps have no `id`.
#[derive(Deserialize, Debug)]
pub struct EntityRef {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default, rename = "numeric-id")]
    pub numeric_id: Option<u64>,
    #[serde(default, rename = "entity-type")]
    pub entity_type: Option<String>,
}

impl EntityRef {
    /// `Q5`, from `id` or, in older dumps, from `entity-type` and `numeric-id`.
    pub fn qid(&self) -> Option<String> {
        if let Some(id) = &self.id {
            return Some(id.clone());
        }
        let prefix = match self.entity_type.as_deref() {
            Some("property") => "P",
            Some("item") | None => "Q",
            Some(_) => return None,
        };
        self.numeric_id.map(|n| format!("{prefix}{n}"))
    }
}

/// `{"time": "+2012-05-07T00:00:00Z", "precision": 11, "calendarmodel": ".../Q1985727"}`.
#[derive(Deserialize, Debug, Clone)]
pub struct TimeValue {
    pub time: String,
    pub precision: u8,
    #[serde(default)]
    pub calendarmodel: String,
}

impl Snak {
    /// The item this snak names, when it has a value that is an item.
    pub fn item(&self) -> Option<String> {
        match &self.datavalue {
            Some(DataValue::Entity(entity)) if self.snaktype == SnakType::Value => entity.qid(),
            _ => None,
        }
    }

    pub fn time(&self) -> Option<&TimeValue> {
        match &self.datavalue {
            Some(DataValue::Time(time)) if self.snaktype == SnakType::Value => Some(time),
            _ => None,
        }
    }
}

/// A map, or the empty list Wikibase writes for an empty map (PHP's empty array).
fn map_or_empty_list<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    struct MapOrEmptyList<T>(PhantomData<T>);

    impl<'de, T: Deserialize<'de> + Default> Visitor<'de> for MapOrEmptyList<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object, or [] for an empty one")
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
            T::deserialize(de::value::MapAccessDeserializer::new(map))
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<T, A::Error> {
            match seq.next_element::<IgnoredAny>()? {
                None => Ok(T::default()),
                Some(_) => Err(de::Error::invalid_type(de::Unexpected::Seq, &self)),
            }
        }

        fn visit_unit<E: de::Error>(self) -> Result<T, E> {
            Ok(T::default())
        }
    }

    deserializer.deserialize_any(MapOrEmptyList(PhantomData))
}

/// The number of entries of a map (or of `[]`), without keeping them.
fn count_entries<'de, D: Deserializer<'de>>(deserializer: D) -> Result<usize, D::Error> {
    struct Count;

    impl<'de> Visitor<'de> for Count {
        type Value = usize;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object, or [] for an empty one")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<usize, A::Error> {
            let mut n = 0;
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {
                n += 1;
            }
            Ok(n)
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<usize, A::Error> {
            let mut n = 0;
            while seq.next_element::<IgnoredAny>()?.is_some() {
                n += 1;
            }
            Ok(n)
        }

        fn visit_unit<E: de::Error>(self) -> Result<usize, E> {
            Ok(0)
        }
    }

    deserializer.deserialize_any(Count)
}

/// The `entities` object of a wrapper, in file order (a `HashMap` would lose it, and the
/// order decides which new entity gets a contested id first).
fn entity_list<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Vec<RawEntity>>, D::Error> {
    struct EntityList;

    impl<'de> Visitor<'de> for EntityList {
        type Value = Option<Vec<RawEntity>>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object of entities by id")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut entities = Vec::new();
            while let Some((id, mut entity)) = map.next_entry::<String, RawEntity>()? {
                if entity.id.is_empty() {
                    entity.id = id;
                }
                entities.push(entity);
            }
            Ok(Some(entities))
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut entities = Vec::new();
            while let Some(entity) = seq.next_element::<RawEntity>()? {
                entities.push(entity);
            }
            Ok(Some(entities))
        }
    }

    deserializer.deserialize_any(EntityList)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_maps_written_as_lists_read_as_empty() {
        let entity: RawEntity = serde_json::from_str(
            r#"{"id":"Q1","type":"item","labels":[],"aliases":[],"descriptions":[],"claims":[]}"#,
        )
        .unwrap();
        assert!(entity.labels.is_empty() && entity.aliases.is_empty());
        assert!(entity.claims.position_held.is_empty());
        let err = serde_json::from_str::<RawEntity>(r#"{"id":"Q1","labels":["x"]}"#).unwrap_err();
        assert!(err.to_string().contains("an object, or [] for an empty one"), "{err}");
    }

    #[test]
    fn values_read_in_either_key_order_and_other_types_are_skipped() {
        let snaks: Vec<Snak> = serde_json::from_str(
            r#"[{"snaktype":"value","datavalue":{"value":{"entity-type":"item","numeric-id":5},"type":"wikibase-entityid"}},
                {"snaktype":"value","datavalue":{"type":"string","value":"Hubble.jpg"}},
                {"snaktype":"value","datavalue":{"type":"quantity","value":{"amount":"+1","unit":"1"}}},
                {"snaktype":"somevalue"},
                {"snaktype":"value","datavalue":{"type":"time","value":{"time":"+1917-10-25T00:00:00Z","precision":11,"calendarmodel":"http://www.wikidata.org/entity/Q1985786"}}}]"#,
        )
        .unwrap();
        assert_eq!(snaks[0].item().as_deref(), Some("Q5"));
        assert!(matches!(snaks[1].datavalue, Some(DataValue::Other)));
        assert!(matches!(snaks[2].datavalue, Some(DataValue::Other)));
        assert_eq!(snaks[3].snaktype, SnakType::Somevalue);
        assert_eq!(snaks[4].time().unwrap().precision, 11);
    }

    #[test]
    fn the_wrapper_keeps_file_order_and_fills_ids() {
        let doc: RawEntity = serde_json::from_str(
            r#"{"entities":{"Q9":{"labels":{}},"Q2":{"id":"Q2","missing":""}},"success":1}"#,
        )
        .unwrap();
        let ids: Vec<_> = doc.wrapped.unwrap().into_iter().map(|e| (e.id, e.missing.is_some())).collect();
        assert_eq!(ids, [("Q9".to_owned(), false), ("Q2".to_owned(), true)]);
    }
}
