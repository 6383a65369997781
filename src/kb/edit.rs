//! Edits to KB files that keep their formatting and comments (toml_edit), returned as one
//! text replacement each so that an editor applies them as a normal edit.

use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, value};

use super::{EntityKind, Kb};
use crate::dates::PartialDate;
use crate::span::Span;

/// Which list of written forms to extend.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum FormList {
    Aliases,
    Variants,
}

impl FormList {
    fn key(self) -> &'static str {
        match self {
            FormList::Aliases => "aliases",
            FormList::Variants => "variants",
        }
    }
}

/// Replace `span` of the file with `replacement`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextEdit {
    pub span: Span,
    pub replacement: String,
}

/// Adds `form` to the `aliases` or `variants` of the entity `key` in the KB file `text`.
/// `None` when the file does not parse or has no such entity, or the form is already there.
pub fn add_form(text: &str, key: &str, list: FormList, form: &str) -> Option<TextEdit> {
    let mut doc: DocumentMut = text.parse().ok()?;
    let entities = doc.get_mut("entity")?.as_array_of_tables_mut()?;
    let table = entities.iter_mut().find(|t| t.get("id").and_then(|v| v.as_str()) == Some(key))?;
    match table.get_mut(list.key()) {
        Some(item) => {
            let array = item.as_array_mut()?;
            if array.iter().any(|v| v.as_str() == Some(form)) {
                return None;
            }
            array.push(form);
        }
        None => {
            let mut array = Array::new();
            array.push(form);
            // Place the new list after the name (or the id) rather than after sub-tables.
            table.insert(list.key(), value(array));
        }
    }
    Some(minimal_edit(text, &doc.to_string()))
}

/// A new entity for a KB file: what `dateline kb suggest` proposes and the editor's
/// "create a KB entry" writes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stub {
    pub key: String,
    pub kind: EntityKind,
    pub name: String,
    pub aliases: Vec<String>,
    pub variants: Vec<String>,
    pub description: Option<String>,
    pub roles: Vec<StubRole>,
    /// Lines of comment written above the entry (without the `# `): where it came from.
    pub comments: Vec<String>,
}

/// A role of a [`Stub`]; `attested`: `from`/`to` are the dates articles show it held.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StubRole {
    pub title: String,
    pub from: Option<PartialDate>,
    pub to: Option<PartialDate>,
    pub attested: bool,
}

impl Stub {
    /// A bare entry: an id, a kind and a name.
    pub fn new(key: String, kind: EntityKind, name: String) -> Stub {
        Stub {
            key,
            kind,
            name,
            aliases: Vec::new(),
            variants: Vec::new(),
            description: None,
            roles: Vec::new(),
            comments: Vec::new(),
        }
    }

    fn table(&self) -> Table {
        let mut table = Table::new();
        let comments: String = self.comments.iter().map(|line| format!("# {line}\n")).collect();
        table.decor_mut().set_prefix(format!("\n{comments}"));
        table.insert("id", value(&self.key));
        table.insert("kind", value(self.kind.as_str()));
        table.insert("name", value(&self.name));
        for (key, forms) in [("aliases", &self.aliases), ("variants", &self.variants)] {
            if !forms.is_empty() {
                table.insert(key, value(forms.iter().map(String::as_str).collect::<Array>()));
            }
        }
        if let Some(description) = &self.description {
            table.insert("description", value(description));
        }
        if !self.roles.is_empty() {
            let mut roles = ArrayOfTables::new();
            for role in &self.roles {
                roles.push(role_table(&RoleFields {
                    title: &role.title,
                    also: None,
                    of: None,
                    from: role.from.map(|d| d.to_string()),
                    to: role.to.map(|d| d.to_string()),
                    attested: role.attested,
                }));
            }
            table.insert("role", Item::ArrayOfTables(roles));
        }
        table
    }
}

/// `stubs` appended to the KB file `text` as new `[[entity]]` tables.
pub fn append_stubs(text: &str, stubs: &[Stub]) -> TextEdit {
    let mut entities = ArrayOfTables::new();
    for stub in stubs {
        entities.push(stub.table());
    }
    let mut doc = DocumentMut::new();
    doc.insert("entity", Item::ArrayOfTables(entities));
    let rendered = doc.to_string();
    let rendered = rendered.strip_prefix('\n').unwrap_or(&rendered);
    let separator = match text {
        "" => "",
        t if t.ends_with("\n\n") => "",
        t if t.ends_with('\n') => "\n",
        _ => "\n\n",
    };
    TextEdit { span: Span::empty(text.len()), replacement: format!("{separator}{rendered}") }
}

/// A new `[[entity]]` appended to the KB file `text`.
pub fn append_entity(
    text: &str,
    key: &str,
    kind: EntityKind,
    name: &str,
    description: Option<&str>,
) -> TextEdit {
    let mut stub = Stub::new(key.to_owned(), kind, name.to_owned());
    stub.description = description.map(str::to_owned);
    append_stubs(text, &[stub])
}

/// The fields of one `[[entity.role]]` table, dates as the file writes them.
pub(crate) struct RoleFields<'a> {
    pub title: &'a str,
    /// Another correct way to write the title (`also`).
    pub also: Option<&'a str>,
    pub of: Option<&'a str>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub attested: bool,
}

/// One `[[entity.role]]` table, indented under its entity as in the KBs people write.
pub(crate) fn role_table(fields: &RoleFields<'_>) -> Table {
    let mut table = Table::new();
    table.decor_mut().set_prefix("  ");
    table.insert("title", value(fields.title));
    if let Some(also) = fields.also {
        table.insert("also", value(Array::from_iter([also])));
    }
    if let Some(of) = fields.of {
        table.insert("of", value(of));
    }
    if let Some(from) = &fields.from {
        table.insert("from", value(from));
    }
    if let Some(to) = &fields.to {
        table.insert("to", value(to));
    }
    if fields.attested {
        table.insert("attested", value(true));
    }
    for key in ["title", "also", "of", "from", "to", "attested"] {
        if let Some(mut key) = table.key_mut(key) {
            key.leaf_decor_mut().set_prefix("  ");
        }
    }
    table
}

/// An unused id for `name`: lowercase ASCII letters and digits joined by `-`
/// (`Farhan Haq` -> `farhan-haq`, then `farhan-haq-2` if taken).
pub fn new_key(kb: &Kb, name: &str) -> String {
    let slug = slug(name);
    if kb.lookup(&slug).is_none() {
        return slug;
    }
    (2..).map(|n| format!("{slug}-{n}")).find(|candidate| kb.lookup(candidate).is_none()).unwrap_or(slug)
}

/// `name` as an id, taken or not: lowercase ASCII letters and digits joined by `-`
/// (`Nikol Pashinyan` -> `nikol-pashinyan`), `entity` when nothing is left.
pub fn slug(name: &str) -> String {
    let plain = crate::text::fold::strip_diacritics(name).to_lowercase();
    let mut slug = String::new();
    for c in plain.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-').to_owned();
    if slug.is_empty() { "entity".to_owned() } else { slug }
}

/// The one replacement that turns `old` into `new`: the differing middle after the
/// common prefix and suffix, on char boundaries.
fn minimal_edit(old: &str, new: &str) -> TextEdit {
    let prefix = old.bytes().zip(new.bytes()).take_while(|(a, b)| a == b).count();
    let mut prefix = prefix.min(old.len()).min(new.len());
    while !old.is_char_boundary(prefix) || !new.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let max_suffix = (old.len() - prefix).min(new.len() - prefix);
    let mut suffix =
        old.bytes().rev().zip(new.bytes().rev()).take(max_suffix).take_while(|(a, b)| a == b).count();
    while !old.is_char_boundary(old.len() - suffix) || !new.is_char_boundary(new.len() - suffix) {
        suffix -= 1;
    }
    TextEdit {
        span: Span::new(prefix, old.len() - suffix),
        replacement: new[prefix..new.len() - suffix].to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::FileId;

    const KB: &str = "# People we track.\n[[entity]]\nid = \"hikmet-hajiyev\"   # adviser\nkind = \"person\"\nname = \"Hikmet Hajiyev\"\n\n[[entity]]\nid = \"nikol-pashinyan\"\nkind = \"person\"\nname = \"Nikol Pashinyan\"\nvariants = [\"Pashinian\"]  # keep\n  [[entity.role]]\n  title = \"Prime Minister\"\n";

    fn apply(text: &str, edit: &TextEdit) -> String {
        let mut out = text.to_owned();
        out.replace_range(edit.span.range(), &edit.replacement);
        out
    }

    #[test]
    fn adds_forms_keeping_comments_and_layout() {
        let edit = add_form(KB, "nikol-pashinyan", FormList::Variants, "Pashinyian").unwrap();
        let after = apply(KB, &edit);
        assert!(after.contains("variants = [\"Pashinian\", \"Pashinyian\"]  # keep"), "{after}");
        assert!(after.starts_with("# People we track.\n") && after.contains("# adviser"));
        assert!(edit.span.len() < 20, "only the list changes: {edit:?}");
        let kb = crate::kb::load(&[(FileId(0), after.as_str())]);
        assert!(kb.problems().is_empty(), "{:?}", kb.problems());

        let edit = add_form(KB, "hikmet-hajiyev", FormList::Aliases, "Hajjiyev").unwrap();
        let after = apply(KB, &edit);
        let kb = crate::kb::load(&[(FileId(0), after.as_str())]);
        let hajiyev = kb.entity(kb.lookup("hikmet-hajiyev").unwrap());
        assert_eq!(hajiyev.aliases[0].text, "Hajjiyev");
        assert_eq!(add_form(KB, "nikol-pashinyan", FormList::Variants, "Pashinian"), None, "already there");
        assert_eq!(add_form(KB, "nobody", FormList::Aliases, "X"), None);
        assert_eq!(add_form("not = [toml", "a", FormList::Aliases, "X"), None);
    }

    #[test]
    fn appends_entities_with_fresh_ids() {
        let kb = crate::kb::load(&[(FileId(0), KB)]);
        assert_eq!(new_key(&kb, "Farhan Haq"), "farhan-haq");
        assert_eq!(new_key(&kb, "Hikmet Hajiyev"), "hikmet-hajiyev-2");
        assert_eq!(new_key(&kb, "Gegham Stepanyan (ombudsman)"), "gegham-stepanyan-ombudsman");
        assert_eq!(new_key(&kb, "Alpaslan Kavaklıoğlu"), "alpaslan-kavaklioglu");
        let edit = append_entity(
            KB,
            "farhan-haq",
            EntityKind::Person,
            "Farhan \"Frank\" Haq",
            Some("UN deputy spokesman."),
        );
        let after = apply(KB, &edit);
        assert!(after.starts_with(KB));
        let kb = crate::kb::load(&[(FileId(0), after.as_str())]);
        assert!(kb.problems().is_empty(), "{:?}\n{after}", kb.problems());
        assert_eq!(kb.entity(kb.lookup("farhan-haq").unwrap()).name.text, "Farhan \"Frank\" Haq");
    }
}
