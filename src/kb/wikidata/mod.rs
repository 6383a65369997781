//! Importing Wikidata: entity JSON files in, KB entities and the reasons for everything left
//! out, then a KB file updated in place.
//!
//! - [`read`]: the file forms (wrappers, bare entities, line dumps, gzip), one entity at a
//!   time;
//! - [`json`]: the serde types of the fields used;
//! - [`map`]: one entity to one KB entity (kind, names, roles, event dates);
//! - [`time`]: Wikidata times (precisions, calendars) to KB dates;
//! - [`merge`]: the KB file (toml_edit) updated with the import, keeping the user's text.
//!
//! [`import`] reads every file once, keeping the entities it imports and the labels of the
//! positions their roles name. A position read before any role named it is not kept (a dump
//! holds millions of items no role names), so when some role still lacks its title the
//! files are read a second time for exactly those labels. Memory grows with what is
//! imported, never with the size of the input.
//!
//! No command-line types here: `cli/kb.rs` parses arguments, prints, and writes the file.

pub mod json;
pub mod map;
pub mod merge;
pub mod read;
pub mod time;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;

pub use map::{EventDates, ImportedEntity, ImportedRole, Languages, NotImported, Skip};
pub use read::{FileSummary, ReadError};

use map::{Candidate, PositionInfo};

/// Up to this many ids are kept as examples of each reason an entity was not imported.
const EXAMPLES_PER_REASON: usize = 5;

/// Everything an import read.
#[derive(Debug, Default)]
pub struct Import {
    /// In input order, one per item (a repeated item keeps its first occurrence).
    pub entities: Vec<ImportedEntity>,
    /// Statements and fields of imported entities that were left out, and why.
    pub skips: Vec<Skip>,
    /// Entities not imported, counted per reason, with a few example ids.
    pub not_imported: BTreeMap<NotImported, NotImportedCount>,
    /// Every file read, with what it held.
    pub files: Vec<(PathBuf, FileSummary)>,
    /// Whether the files had to be read a second time for position labels.
    pub second_pass: bool,
}

#[derive(Debug, Default, Clone)]
pub struct NotImportedCount {
    pub count: u64,
    pub examples: Vec<String>,
}

impl Import {
    /// Entities read in all files.
    pub fn entities_read(&self) -> u64 {
        self.files.iter().map(|(_, summary)| summary.entities).sum()
    }
}

/// Reads every file in `paths` and maps its entities; stops at the first file that cannot
/// be read.
pub fn import(paths: &[PathBuf], languages: &Languages) -> Result<Import, ReadError> {
    let mut result = Import::default();
    let mut candidates: Vec<Candidate> = Vec::new();
    // Only the ids of imported items: a set of every id read would grow with the dump.
    let mut imported: HashSet<String> = HashSet::new();
    let mut positions: HashMap<String, PositionInfo> = HashMap::new();
    let mut needed: HashSet<String> = HashSet::new();
    // Items read and dropped before some role needed them: the reason for a second pass.
    let mut dropped = 0u64;
    for path in paths {
        let summary = read::read_entities(path, &mut |raw| {
            if needed.contains(&raw.id) && !positions.contains_key(&raw.id) {
                positions.insert(raw.id.clone(), PositionInfo::of(&raw, languages));
            }
            let mut skips = Vec::new();
            match map::map_entity(&raw, languages, &mut skips) {
                // An item given twice (in two files) is imported from its first copy.
                Ok(_) if imported.contains(&raw.id) => {}
                Ok(candidate) => {
                    imported.insert(raw.id.clone());
                    result.skips.append(&mut skips);
                    if !positions.contains_key(&raw.id) {
                        dropped += 1;
                    }
                    for position in candidate.positions() {
                        needed.insert(position.to_owned());
                    }
                    candidates.push(candidate);
                }
                Err(reason) => {
                    if !positions.contains_key(&raw.id) {
                        dropped += 1;
                    }
                    let count = result.not_imported.entry(reason).or_default();
                    count.count += 1;
                    if count.examples.len() < EXAMPLES_PER_REASON {
                        count.examples.push(raw.id.clone());
                    }
                }
            }
        })?;
        result.files.push((path.clone(), summary));
    }
    let missing: HashSet<&String> = needed.iter().filter(|id| !positions.contains_key(*id)).collect();
    if !missing.is_empty() && dropped > 0 {
        tracing::debug!(missing = missing.len(), "second pass for position labels");
        result.second_pass = true;
        let missing: HashSet<String> = missing.into_iter().cloned().collect();
        for path in paths {
            read::read_entities(path, &mut |raw| {
                if missing.contains(&raw.id) && !positions.contains_key(&raw.id) {
                    positions.insert(raw.id.clone(), PositionInfo::of(&raw, languages));
                }
            })?;
        }
    }
    for candidate in candidates {
        result.entities.push(candidate.resolve(&positions, &mut result.skips));
    }
    // Skips are found in two phases (mapping, then naming roles): list them by entity, in
    // input order, and by statement.
    let order: HashMap<&str, usize> =
        result.entities.iter().enumerate().map(|(idx, entity)| (entity.qid.as_str(), idx)).collect();
    let sort_key = |skip: &Skip| {
        let entity = skip.subject.split(' ').next().and_then(|qid| order.get(qid)).copied();
        let statement = skip.subject.rsplit(' ').next().and_then(|n| n.parse::<usize>().ok());
        (entity.unwrap_or(usize::MAX), statement.unwrap_or(0))
    };
    let mut skips = std::mem::take(&mut result.skips);
    skips.sort_by_key(|skip| sort_key(skip));
    result.skips = skips;
    Ok(result)
}

/// `wikidata:Q7747`, the KB's cross-reference for an item.
pub fn xref(qid: &str) -> String {
    format!("wikidata:{qid}")
}

/// The item id in a KB cross-reference, for `wikidata:Q7747` (any case of `wikidata`) and
/// Wikidata entity URLs.
pub fn qid_of_xref(xref: &str) -> Option<&str> {
    let xref = xref.trim();
    let id = match xref.split_once(':') {
        Some((scheme, id)) if scheme.eq_ignore_ascii_case("wikidata") => id,
        _ => {
            let rest = xref.strip_prefix("https://").or_else(|| xref.strip_prefix("http://"))?;
            let rest = rest.strip_prefix("www.").unwrap_or(rest);
            rest.strip_prefix("wikidata.org/entity/").or_else(|| rest.strip_prefix("wikidata.org/wiki/"))?
        }
    };
    let valid = id.len() > 1 && id.starts_with('Q') && id[1..].bytes().all(|b| b.is_ascii_digit());
    valid.then_some(id)
}

/// How a file was read ("one JSON value per line, gzip"), for the summary.
pub fn describe(summary: &FileSummary) -> String {
    let framing = match summary.framing {
        read::Framing::Document => "one JSON document",
        read::Framing::Lines => "one JSON value per line",
    };
    let gzip = if summary.gzip { ", gzip" } else { "" };
    format!("{framing}{gzip}")
}
