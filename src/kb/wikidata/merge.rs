//! Puts an import into a KB file: new entities are appended, entities already there
//! (found by their `wikidata:Q…` cross-reference) gain what they lack, and where the file
//! says something else than Wikidata the file wins and the difference is reported.
//!
//! The file is edited with toml_edit, so comments, order and layout the user wrote stay
//! as they were; merging the same import twice changes nothing the second time.

use std::collections::{HashMap, HashSet};
use std::fmt;

use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, value};

use super::map::{EventDates, ImportedEntity, ImportedRole, Skip};
use super::{qid_of_xref, xref};
use crate::dates::PartialDate;
use crate::kb::edit::{self, RoleFields, slug};

/// The comment a new KB file starts with.
const NEW_FILE_HEADER: &str = "# Imported from Wikidata by `dateline kb import wikidata`. Edit freely: a re-import\n\
# keeps your changes, adds what is new, and reports where this file and Wikidata differ.\n";

/// Where the KB file and Wikidata disagree; the file's value was kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    pub key: String,
    pub qid: String,
    /// `name`, `kind`, `role "President of Russia" from`…
    pub field: String,
    pub kb: String,
    pub wikidata: String,
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` ({}) {}: the KB has {}, Wikidata {}; kept the KB's",
            self.key, self.qid, self.field, self.kb, self.wikidata
        )
    }
}

/// What a merge did.
#[derive(Debug, Default)]
pub struct Merged {
    /// The new text of the KB file.
    pub text: String,
    /// Keys of the entities appended.
    pub added: Vec<String>,
    /// Entities already in the file that gained something: key and what.
    pub updated: Vec<(String, Vec<String>)>,
    /// Entities already in the file with nothing to add.
    pub unchanged: usize,
    /// Entities of the file (before the merge) that name a Wikidata item.
    pub linked: usize,
    pub conflicts: Vec<Conflict>,
    /// Facts left out because the file lacks what they point to.
    pub skips: Vec<Skip>,
    /// Roles of the file's entities that no Wikidata statement matches: key, item and
    /// the role ("\"Mayor\" 1990 – 1994").
    pub kb_only_roles: Vec<(String, String, String)>,
}

/// The KB file cannot take the import.
#[derive(Debug)]
pub struct MergeError {
    pub message: String,
}

impl fmt::Display for MergeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for MergeError {}

/// Merges `entities` into the KB file `text` (empty for a new file).
pub fn merge(text: &str, entities: &[ImportedEntity]) -> Result<Merged, MergeError> {
    merge_with(text, entities, true)
}

/// How the KB file `text` differs from Wikidata for the entities it already links to an
/// item (`dateline kb check-against`): the merge's conflicts, what it would add (roles and
/// spellings the file lacks) and the file's roles Wikidata does not have. Nothing is
/// appended, and the returned text is not meant to be written.
pub fn drift(text: &str, entities: &[ImportedEntity]) -> Result<Merged, MergeError> {
    merge_with(text, entities, false)
}

fn merge_with(text: &str, entities: &[ImportedEntity], add_new: bool) -> Result<Merged, MergeError> {
    let new_file = text.trim().is_empty();
    let mut doc: DocumentMut = text.parse().map_err(|err: toml_edit::TomlError| MergeError {
        message: format!("is not valid TOML: {}", err.to_string().trim_end()),
    })?;
    if doc.get("entity").is_none() {
        doc.insert("entity", Item::ArrayOfTables(ArrayOfTables::new()));
    }
    let Some(tables) = doc.get_mut("entity").and_then(Item::as_array_of_tables_mut) else {
        return Err(MergeError { message: "has an `entity` key that is not `[[entity]]` tables".to_owned() });
    };

    // Ids in use, and the entity each Wikidata item already has.
    let mut taken: HashSet<String> = HashSet::new();
    let mut by_qid: HashMap<String, usize> = HashMap::new();
    let mut linked = 0;
    for (idx, table) in tables.iter().enumerate() {
        if let Some(id) = table.get("id").and_then(|v| v.as_str()) {
            taken.insert(id.to_owned());
        }
        let xrefs = strings(table, "xrefs");
        let qids: Vec<&str> = xrefs.iter().filter_map(|x| qid_of_xref(x)).collect();
        linked += usize::from(!qids.is_empty());
        for qid in qids {
            by_qid.entry(qid.to_owned()).or_insert(idx);
        }
    }
    let mut key_of: HashMap<String, String> = HashMap::new();
    for (qid, &idx) in &by_qid {
        if let Some(id) = tables.get(idx).and_then(|t| t.get("id")).and_then(|v| v.as_str()) {
            key_of.insert(qid.clone(), id.to_owned());
        }
    }
    let mut unique: Vec<&ImportedEntity> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for entity in entities {
        if seen.insert(&entity.qid) {
            unique.push(entity);
        }
    }
    // New ids, whatever the input order: of entities with the same name, the best known
    // (most sitelinks, then the oldest item) gets the plain slug (`vladimir-putin` is the
    // president, not his father), the others the slug and their item id.
    let mut new: Vec<&ImportedEntity> =
        unique.iter().copied().filter(|e| !key_of.contains_key(&e.qid)).collect();
    new.sort_by_key(|e| (std::cmp::Reverse(e.sitelinks), e.qid[1..].parse::<u64>().unwrap_or(u64::MAX)));
    for entity in new {
        let base = slug(&entity.name);
        let with_qid = format!("{base}-{}", entity.qid.to_lowercase());
        let key = [base.clone(), with_qid.clone()]
            .into_iter()
            .chain((2..).map(|n| format!("{with_qid}-{n}")))
            .find(|candidate| !taken.contains(candidate))
            .unwrap_or(with_qid);
        taken.insert(key.clone());
        key_of.insert(entity.qid.clone(), key);
    }

    let mut merged = Merged { linked, ..Merged::default() };
    for entity in unique {
        let key = key_of[&entity.qid].clone();
        let roles = linked_roles(entity, &key_of, &mut merged.skips);
        match by_qid.get(&entity.qid) {
            Some(&idx) => {
                let Some(table) = tables.get_mut(idx) else { continue };
                let mut changes = Vec::new();
                let mut kb_only = Vec::new();
                update(table, entity, &roles, &key, &mut changes, &mut merged.conflicts, &mut kb_only);
                for role in kb_only {
                    merged.kb_only_roles.push((key.clone(), entity.qid.clone(), role));
                }
                if changes.is_empty() {
                    merged.unchanged += 1;
                } else {
                    merged.updated.push((key, changes));
                }
            }
            None if add_new => {
                tables.push(new_table(entity, &roles, &key));
                merged.added.push(key);
            }
            None => {}
        }
    }
    merged.text = doc.to_string();
    if new_file {
        // Parsed into the document, a comment alone would be its trailing decor and be
        // rendered after the entities.
        merged.text = format!("{NEW_FILE_HEADER}{}", merged.text);
    }
    if merged.added.is_empty() && merged.updated.is_empty() {
        // toml_edit may normalise untouched whitespace; an import with nothing to add
        // leaves the file byte for byte as it was (and creates none).
        merged.text = text.to_owned();
    }
    Ok(merged)
}

/// A role as it goes into the file: `of` as a KB key.
struct RoleEntry<'a> {
    role: &'a ImportedRole,
    of: Option<String>,
}

fn linked_roles<'a>(
    entity: &'a ImportedEntity,
    key_of: &HashMap<String, String>,
    skips: &mut Vec<Skip>,
) -> Vec<RoleEntry<'a>> {
    entity
        .roles
        .iter()
        .map(|role| {
            let of = role.of.as_ref().and_then(|qid| match key_of.get(qid) {
                Some(key) => Some(key.clone()),
                None => {
                    skips.push(Skip {
                        subject: format!("{} P39 statement {}", entity.qid, role.statement),
                        reason: format!(
                            "`{}` is of {qid}, which is not in this KB file: import it too to write `of`",
                            role.title
                        ),
                    });
                    None
                }
            });
            RoleEntry { role, of }
        })
        .collect()
}

fn new_table(entity: &ImportedEntity, roles: &[RoleEntry<'_>], key: &str) -> Table {
    let mut table = Table::new();
    table.decor_mut().set_prefix("\n");
    table.insert("id", value(key));
    table.insert("kind", value(entity.kind.as_str()));
    table.insert("name", value(&entity.name));
    if !entity.aliases.is_empty() {
        table.insert("aliases", value(string_array(&entity.aliases)));
    }
    if !entity.names.is_empty() {
        let mut names = toml_edit::InlineTable::new();
        for (language, label) in &entity.names {
            names.insert(language, label.as_str().into());
        }
        table.insert("names", value(names));
    }
    if let Some(description) = &entity.description {
        table.insert("description", value(description));
    }
    write_when(&mut table, entity.when);
    table.insert("xrefs", value(string_array(&[xref(&entity.qid)])));
    if !roles.is_empty() {
        let mut role_tables = ArrayOfTables::new();
        for role in roles {
            role_tables.push(role_table(role));
        }
        table.insert("role", Item::ArrayOfTables(role_tables));
    }
    table
}

fn role_table(entry: &RoleEntry<'_>) -> Table {
    edit::role_table(&RoleFields {
        title: &entry.role.title,
        also: short_title(&entry.role.title),
        of: entry.of.as_deref(),
        from: entry.role.from.map(|d| d.to_string()),
        to: entry.role.to.map(|d| d.to_string()),
        attested: false,
    })
}

/// The title a position's label is written as before a name: "Prime Minister" for "Prime
/// Minister of Russia", "President" for "President of the Russian Federation". Only when
/// what follows `of` is a country's name (one to three capitalised words; after `the`,
/// ending in a word such as `Federation` or `Republic`), so that "Director of the Federal
/// Security Service" is not shortened to a bare "Director".
fn short_title(label: &str) -> Option<&str> {
    const STATE_WORDS: &[&str] =
        &["Federation", "Republic", "Kingdom", "States", "Emirates", "Netherlands", "Philippines"];
    let (head, tail) = label.rsplit_once(" of ")?;
    let (tail, with_the) = match tail.strip_prefix("the ") {
        Some(rest) => (rest, true),
        None => (tail, false),
    };
    let words: Vec<&str> = tail.split(' ').collect();
    let capitalised = words.iter().all(|w| w.starts_with(|c: char| c.is_uppercase()));
    let state = !with_the || words.last().is_some_and(|w| STATE_WORDS.contains(w));
    // "Chairman of the Council of CIS Heads of State": the head holds another `of`.
    let simple_head = !head.contains(" of ") && head.split(' ').count() <= 3;
    // "Secretary of State", "Minister of Defence", "Minister of Sports": a portfolio, not
    // a country. A plural ends in `s` after a consonant or `e`; countries that end in `s`
    // without `the` do so after a vowel (Belarus, Laos, Honduras).
    let plural = |word: &str| {
        let mut letters = word.chars().rev();
        letters.next() == Some('s') && !matches!(letters.next(), Some('a' | 'o' | 'u'))
    };
    let portfolio =
        words.len() == 1 && (crate::text::lexicon::is_title_modifier(words[0]) || plural(words[0]));
    if portfolio {
        return None;
    }
    (capitalised && state && simple_head && (1..=3).contains(&words.len()) && !head.is_empty())
        .then_some(head)
}

fn write_when(table: &mut Table, when: Option<EventDates>) {
    match when {
        Some(EventDates::On(date)) => {
            table.insert("date", value(date.to_string()));
        }
        Some(EventDates::Between { from, to }) => {
            table.insert("from", value(from.to_string()));
            if let Some(to) = to {
                table.insert("to", value(to.to_string()));
            }
        }
        None => {}
    }
}

/// Adds to an entity already in the file what it lacks; reports what differs.
fn update(
    table: &mut Table,
    entity: &ImportedEntity,
    roles: &[RoleEntry<'_>],
    key: &str,
    changes: &mut Vec<String>,
    conflicts: &mut Vec<Conflict>,
    kb_only: &mut Vec<String>,
) {
    let mut conflict = |field: String, kb: String, wikidata: String| {
        conflicts.push(Conflict { key: key.to_owned(), qid: entity.qid.clone(), field, kb, wikidata });
    };
    let kind = table.get("kind").and_then(|v| v.as_str()).unwrap_or_default().to_owned();
    if kind != entity.kind.as_str() {
        conflict("kind".to_owned(), quoted(&kind), quoted(entity.kind.as_str()));
    }
    let name = table.get("name").and_then(|v| v.as_str()).unwrap_or_default().to_owned();
    let variants = strings(table, "variants");
    let mut aliases = strings(table, "aliases");
    if name != entity.name && !aliases.contains(&entity.name) && !variants.contains(&entity.name) {
        conflict("name".to_owned(), quoted(&name), quoted(&entity.name));
    }
    for alias in std::iter::once(&entity.name).chain(&entity.aliases) {
        if *alias == name || aliases.contains(alias) {
            continue;
        }
        if variants.contains(alias) {
            conflict(
                format!("form {}", quoted(alias)),
                "it as a variant (a wrong form)".to_owned(),
                "it as a name".to_owned(),
            );
            continue;
        }
        if *alias == entity.name {
            // The name itself differs: reported above, not made an alias behind the user's back.
            continue;
        }
        aliases.push(alias.clone());
        changes.push(format!("alias {}", quoted(alias)));
        match table.get_mut("aliases").and_then(Item::as_array_mut) {
            Some(array) => array.push(alias.as_str()),
            None => {
                table.insert("aliases", value(string_array(std::slice::from_ref(alias))));
            }
        }
    }
    // Names in other languages the KB entry lacks.
    for (language, label) in &entity.names {
        let known =
            table.get("names").and_then(Item::as_inline_table).is_some_and(|t| t.contains_key(language));
        if known {
            continue;
        }
        if table.get("names").and_then(Item::as_inline_table).is_none() {
            table.insert("names", value(toml_edit::InlineTable::new()));
        }
        if let Some(names) = table.get_mut("names").and_then(Item::as_inline_table_mut) {
            names.insert(language, label.as_str().into());
            changes.push(format!("{language} name {}", quoted(label)));
        }
    }
    if table.get("description").is_none()
        && let Some(description) = &entity.description
    {
        table.insert("description", value(description));
        changes.push("description".to_owned());
    }
    if let Some(when) = entity.when {
        let kb_when = ["date", "from", "to"].map(|field| table.get(field).and_then(date_text));
        if kb_when.iter().all(Option::is_none) {
            write_when(table, Some(when));
            changes.push("dates".to_owned());
        } else {
            let wikidata_when = match when {
                EventDates::On(date) => [Some(date.to_string()), None, None],
                EventDates::Between { from, to } => [None, Some(from.to_string()), to.map(|d| d.to_string())],
            };
            if kb_when != wikidata_when {
                conflict("dates".to_owned(), show_when(&kb_when), show_when(&wikidata_when));
            }
        }
    }
    merge_roles(table, roles, changes, &mut conflict, kb_only);
}

/// A role as the file has it.
struct KbRole {
    titles: Vec<String>,
    from: Option<String>,
    to: Option<String>,
    of: Option<String>,
}

impl KbRole {
    fn read(table: &Table) -> KbRole {
        let mut titles: Vec<String> =
            table.get("title").and_then(|v| v.as_str()).map(str::to_owned).into_iter().collect();
        titles.extend(strings(table, "also"));
        KbRole {
            titles,
            from: table.get("from").and_then(date_text),
            to: table.get("to").and_then(date_text),
            of: table.get("of").and_then(|v| v.as_str()).map(str::to_owned),
        }
    }

    fn span(&self) -> Option<(jiff::civil::Date, jiff::civil::Date)> {
        let parse = |text: &Option<String>| text.as_deref().map(PartialDate::parse);
        let from = match parse(&self.from) {
            Some(Ok(date)) => date.first_day(),
            Some(Err(_)) => return None,
            None => jiff::civil::Date::MIN,
        };
        let to = match parse(&self.to) {
            Some(Ok(date)) => date.last_day(),
            Some(Err(_)) => return None,
            None => jiff::civil::Date::MAX,
        };
        Some((from, to))
    }
}

fn role_span(role: &ImportedRole) -> (jiff::civil::Date, jiff::civil::Date) {
    (
        role.from.map_or(jiff::civil::Date::MIN, |d| d.first_day()),
        role.to.map_or(jiff::civil::Date::MAX, |d| d.last_day()),
    )
}

/// Pairs each imported role with the file's role that is the same tenure: first exact
/// matches, then the same title with overlapping dates or the same dates under another
/// title (the user's edit: reported, kept); what is left is new and appended.
fn merge_roles(
    table: &mut Table,
    roles: &[RoleEntry<'_>],
    changes: &mut Vec<String>,
    conflict: &mut dyn FnMut(String, String, String),
    kb_only: &mut Vec<String>,
) {
    let kb_roles: Vec<KbRole> = match table.get("role").and_then(Item::as_array_of_tables) {
        Some(tables) => tables.iter().map(KbRole::read).collect(),
        None => Vec::new(),
    };
    let mut kb_taken = vec![false; kb_roles.len()];
    let mut matched = vec![None; roles.len()];
    let dates = |role: &ImportedRole| (role.from.map(|d| d.to_string()), role.to.map(|d| d.to_string()));
    for (idx, entry) in roles.iter().enumerate() {
        let (from, to) = dates(entry.role);
        let found = kb_roles.iter().enumerate().position(|(k, kb)| {
            !kb_taken[k] && kb.titles.contains(&entry.role.title) && kb.from == from && kb.to == to
        });
        if let Some(k) = found {
            kb_taken[k] = true;
            matched[idx] = Some(k);
        }
    }
    for (idx, entry) in roles.iter().enumerate() {
        if matched[idx].is_some() {
            continue;
        }
        let role = entry.role;
        let (from, to) = dates(role);
        let (start, end) = role_span(role);
        let same_title = kb_roles.iter().enumerate().position(|(k, kb)| {
            !kb_taken[k]
                && kb.titles.contains(&role.title)
                && kb.span().is_some_and(|(kb_start, kb_end)| kb_start <= end && start <= kb_end)
        });
        let same_dates = || {
            kb_roles.iter().enumerate().position(|(k, kb)| {
                !kb_taken[k] && (from.is_some() || to.is_some()) && kb.from == from && kb.to == to
            })
        };
        let Some(k) = same_title.or_else(same_dates) else { continue };
        kb_taken[k] = true;
        matched[idx] = Some(k);
        let kb = &kb_roles[k];
        let field = |what: &str| format!("role {} {what}", quoted(&role.title));
        if !kb.titles.contains(&role.title) {
            conflict(
                format!("role {} title", quoted(&kb.titles[0])),
                quoted(&kb.titles[0]),
                quoted(&role.title),
            );
        }
        if kb.from != from {
            conflict(field("from"), show_date(&kb.from), show_date(&from));
        }
        if kb.to != to {
            conflict(field("to"), show_date(&kb.to), show_date(&to));
        }
    }
    // `of` where a matched role of the file has none.
    if let Some(tables) = table.get_mut("role").and_then(Item::as_array_of_tables_mut) {
        for (idx, entry) in roles.iter().enumerate() {
            let (Some(k), Some(of)) = (matched[idx], &entry.of) else { continue };
            match &kb_roles[k].of {
                Some(kb_of) if kb_of != of => {
                    conflict(format!("role {} of", quoted(&entry.role.title)), quoted(kb_of), quoted(of))
                }
                Some(_) => {}
                None => {
                    if let Some(role_table) = tables.get_mut(k) {
                        role_table.insert("of", value(of));
                        changes.push(format!("role {} of {of}", quoted(&entry.role.title)));
                    }
                }
            }
        }
    }
    for (kb, _) in kb_roles.iter().zip(&kb_taken).filter(|(_, taken)| !**taken) {
        let title = kb.titles.first().map_or("(no title)", String::as_str);
        kb_only.push(format!("{} {}", quoted(title), show_tenure(kb.from.as_deref(), kb.to.as_deref())));
    }
    let new: Vec<&RoleEntry<'_>> =
        roles.iter().enumerate().filter(|(idx, _)| matched[*idx].is_none()).map(|(_, e)| e).collect();
    if new.is_empty() {
        return;
    }
    if table.get("role").and_then(Item::as_array_of_tables).is_none() {
        table.insert("role", Item::ArrayOfTables(ArrayOfTables::new()));
    }
    if let Some(tables) = table.get_mut("role").and_then(Item::as_array_of_tables_mut) {
        for entry in new {
            tables.push(role_table(entry));
            changes.push(format!("role {} {}", quoted(&entry.role.title), tenure(entry.role)));
        }
    }
}

fn tenure(role: &ImportedRole) -> String {
    show_tenure(role.from.map(|d| d.to_string()).as_deref(), role.to.map(|d| d.to_string()).as_deref())
}

fn show_tenure(from: Option<&str>, to: Option<&str>) -> String {
    match (from, to) {
        (Some(from), Some(to)) => format!("{from} – {to}"),
        (Some(from), None) => format!("since {from}"),
        (None, Some(to)) => format!("until {to}"),
        (None, None) => "(no dates)".to_owned(),
    }
}

fn strings(table: &Table, key: &str) -> Vec<String> {
    table
        .get(key)
        .and_then(Item::as_array)
        .map(|array| array.iter().filter_map(|v| v.as_str()).map(str::to_owned).collect())
        .unwrap_or_default()
}

/// A date as the file writes it: a string, a bare TOML date or a year.
fn date_text(item: &Item) -> Option<String> {
    let value = item.as_value()?;
    value
        .as_str()
        .map(str::to_owned)
        .or_else(|| value.as_datetime().map(|d| d.to_string()))
        .or_else(|| value.as_integer().map(|y| y.to_string()))
}

fn string_array(items: &[String]) -> Array {
    items.iter().map(String::as_str).collect()
}

fn quoted(text: &str) -> String {
    format!("{text:?}")
}

fn show_date(date: &Option<String>) -> String {
    date.clone().unwrap_or_else(|| "none".to_owned())
}

fn show_when(when: &[Option<String>; 3]) -> String {
    match when {
        [Some(date), _, _] => format!("date {date}"),
        [None, Some(from), Some(to)] => format!("{from} – {to}"),
        [None, Some(from), None] => format!("from {from}"),
        [None, None, Some(to)] => format!("to {to}"),
        [None, None, None] => "no dates".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::FileId;
    use crate::kb::EntityKind;

    fn role(title: &str, from: Option<&str>, to: Option<&str>, statement: usize) -> ImportedRole {
        let date = |d: Option<&str>| d.map(|d| PartialDate::parse(d).unwrap());
        ImportedRole {
            title: title.to_owned(),
            position: format!("Q{}", 100 + statement),
            of: None,
            from: date(from),
            to: date(to),
            statement,
        }
    }

    fn putin() -> ImportedEntity {
        ImportedEntity {
            qid: "Q7747".to_owned(),
            kind: EntityKind::Person,
            name: "Vladimir Putin".to_owned(),
            aliases: vec!["Vladimir Vladimirovich Putin".to_owned()],
            names: Vec::new(),
            description: Some("President of Russia".to_owned()),
            roles: vec![
                role("President of Russia", Some("2012-05-07"), None, 1),
                role("President of Russia", Some("2000-05-07"), Some("2008-05-07"), 2),
                role("Prime Minister of Russia", Some("1999-08-16"), Some("2000-05-07"), 3),
            ],
            when: None,
            sitelinks: 120,
        }
    }

    fn loads_cleanly(text: &str) {
        let kb = crate::kb::load(&[(FileId(0), text)]);
        assert!(kb.problems().is_empty(), "{:?}\n{text}", kb.problems());
    }

    #[test]
    fn position_labels_get_the_title_written_before_a_name() {
        assert_eq!(short_title("President of Russia"), Some("President"));
        assert_eq!(short_title("Prime Minister of Russia"), Some("Prime Minister"));
        assert_eq!(short_title("President of the Russian Federation"), Some("President"));
        assert_eq!(short_title("Minister of Foreign Affairs of Armenia"), None, "the head has an `of`");
        assert_eq!(short_title("Director of the Federal Security Service"), None, "not a country");
        assert_eq!(short_title("Secretary of State"), None, "a portfolio");
        assert_eq!(short_title("Minister of Defence"), None);
        assert_eq!(short_title("Minister of Sports"), None, "a plural is a portfolio");
        assert_eq!(short_title("President of Belarus"), Some("President"));
        assert_eq!(short_title("Chairman of the Council of CIS Heads of State"), None);
        assert_eq!(short_title("member of the State Duma"), None);
        assert_eq!(short_title("mayor"), None);
    }

    #[test]
    fn a_new_file_gets_the_entities_and_a_second_merge_changes_nothing() {
        let first = merge("", &[putin()]).unwrap();
        assert_eq!(first.added, ["vladimir-putin"]);
        assert!(first.text.starts_with("# Imported from Wikidata"));
        assert!(first.text.contains("xrefs = [\"wikidata:Q7747\"]\n  [[entity.role]]\n  title = \"President of Russia\"\n  also = [\"President\"]\n  from = \"2012-05-07\"\n"), "{}", first.text);
        loads_cleanly(&first.text);
        let second = merge(&first.text, &[putin()]).unwrap();
        assert_eq!(second.text, first.text);
        assert_eq!((second.added.len(), second.updated.len(), second.unchanged), (0, 0, 1));
        assert!(second.conflicts.is_empty());
    }

    /// Labels in other chosen languages are written as `names` (matched as aliases, shown in
    /// hovers on that language's articles), on a new entity and into an existing one.
    #[test]
    fn labels_in_other_languages_become_names() {
        let russian = ImportedEntity {
            aliases: vec!["Vladimir Vladimirovich Putin".to_owned(), "Владимир Путин".to_owned()],
            names: vec![("ru".to_owned(), "Владимир Путин".to_owned())],
            ..putin()
        };
        let first = merge("", std::slice::from_ref(&russian)).unwrap();
        assert!(first.text.contains("names = { ru = \"Владимир Путин\" }"), "{}", first.text);
        loads_cleanly(&first.text);
        let kb = crate::kb::load(&[(crate::corpus::FileId(0), first.text.as_str())]);
        let entity = kb.entity(kb.lookup("vladimir-putin").unwrap());
        assert_eq!(entity.name_in(Some("ru")), "Владимир Путин");
        // An entry imported before in English only gets the Russian name added.
        let english = merge("", &[putin()]).unwrap();
        let merged = merge(&english.text, &[russian]).unwrap();
        assert!(merged.text.contains("names = { ru = \"Владимир Путин\" }"), "{}", merged.text);
        assert!(
            merged.updated[0].1.contains(&"ru name \"Владимир Путин\"".to_owned()),
            "{:?}",
            merged.updated
        );
        loads_cleanly(&merged.text);
    }

    #[test]
    fn hand_edits_stay_and_differences_are_reported() {
        let text = "# Our people.\n[[entity]]\nid = \"putin\"   # short id, ours\nkind = \"person\"\nname = \"Putin\"\nvariants = [\"Vladimir Vladimirovich Putin\"]\ndescription = \"Ours.\"\nxrefs = [\"Wikidata:Q7747\"]\n  [[entity.role]]\n  title = \"President of Russia\"\n  from = \"2000-05-08\"  # inauguration\n  to = \"2008-05-07\"\n  [[entity.role]]\n  title = \"KGB officer\"\n\n[[entity]]\nid = \"vladimir-putin\"\nkind = \"person\"\nname = \"Vladimir Putin Sr.\"\n";
        let merged = merge(text, &[putin()]).unwrap();
        let conflicts: Vec<String> = merged.conflicts.iter().map(ToString::to_string).collect();
        assert_eq!(
            conflicts,
            [
                "`putin` (Q7747) name: the KB has \"Putin\", Wikidata \"Vladimir Putin\"; kept the KB's",
                "`putin` (Q7747) form \"Vladimir Vladimirovich Putin\": the KB has it as a variant (a wrong form), Wikidata it as a name; kept the KB's",
                "`putin` (Q7747) role \"President of Russia\" from: the KB has 2000-05-08, Wikidata 2000-05-07; kept the KB's",
            ]
        );
        assert_eq!(merged.updated.len(), 1, "{:?}", merged.updated);
        assert_eq!(
            merged.updated[0].1,
            [
                "role \"President of Russia\" since 2012-05-07",
                "role \"Prime Minister of Russia\" 1999-08-16 – 2000-05-07"
            ]
        );
        let after = &merged.text;
        for kept in [
            "# Our people.\n",
            "id = \"putin\"   # short id, ours\n",
            "name = \"Putin\"\n",
            "from = \"2000-05-08\"  # inauguration\n",
            "title = \"KGB officer\"",
            "description = \"Ours.\"",
            "name = \"Vladimir Putin Sr.\"",
        ] {
            assert!(after.contains(kept), "lost {kept:?}:\n{after}");
        }
        loads_cleanly(after);
        let again = merge(after, &[putin()]).unwrap();
        assert_eq!(&again.text, after, "the second merge is a no-op");
        assert_eq!(again.conflicts.len(), 3, "and still says what differs");
    }

    #[test]
    fn new_ids_avoid_taken_ones_and_of_links_to_entities_in_the_file() {
        let text = "[[entity]]\nid = \"vladimir-putin\"\nkind = \"person\"\nname = \"Vladimir Putin Sr.\"\n\n[[entity]]\nid = \"russia\"\nkind = \"place\"\nname = \"Russia\"\nxrefs = [\"wikidata:Q159\"]\n";
        let mut entity = putin();
        entity.roles[0].of = Some("Q159".to_owned());
        entity.roles[1].of = Some("Q9999".to_owned());
        let merged = merge(text, &[entity]).unwrap();
        assert_eq!(merged.added, ["vladimir-putin-q7747"], "the id is taken in the file");
        assert!(merged.text.contains("  of = \"russia\"\n"), "{}", merged.text);
        assert_eq!(merged.skips.len(), 1, "{:?}", merged.skips);
        assert!(merged.skips[0].reason.contains("Q9999, which is not in this KB file"));
        loads_cleanly(&merged.text);
    }

    #[test]
    fn the_best_known_of_two_namesakes_gets_the_plain_id() {
        let father = ImportedEntity {
            qid: "Q19300851".to_owned(),
            aliases: Vec::new(),
            roles: Vec::new(),
            sitelinks: 3,
            ..putin()
        };
        let merged = merge("", &[father, putin()]).unwrap();
        assert_eq!(merged.added, ["vladimir-putin-q19300851", "vladimir-putin"], "in input order");
    }

    #[test]
    fn files_that_cannot_take_the_import_are_errors() {
        assert!(merge("[[entity]\n", &[putin()]).unwrap_err().message.starts_with("is not valid TOML"));
        assert!(merge("entity = 3\n", &[putin()]).unwrap_err().message.contains("not `[[entity]]` tables"));
    }
}
