//! Completion: KB ids inside `kb:` links, entity names in articles, role titles and schema
//! keys in KB files.

use super::Snapshot;
use crate::corpus::{FileId, FileKind};
use crate::kb::EntityKind;
use crate::span::Span;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CompletionKind {
    /// A KB id (`kb:hulusi-akar`).
    Id,
    Entity(EntityKind),
    Title,
    /// A key of the KB schema.
    Key,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completion {
    pub label: String,
    pub kind: CompletionKind,
    pub detail: Option<String>,
    /// What replaces `replace` when chosen.
    pub insert: String,
    /// The typed prefix the completion replaces.
    pub replace: Span,
}

/// Keys of an `[[entity]]` table and of an `[[entity.role]]` table, with what they hold.
const ENTITY_KEYS: &[(&str, &str)] = &[
    ("id", "unique id: lowercase letters, digits and -"),
    ("kind", "person | organization | place | event | other"),
    ("name", "the canonical form"),
    ("aliases", "other correct forms"),
    ("variants", "wrong or discouraged forms: flagged, fixed to the name"),
    ("description", "one line for hovers"),
    ("date", "an event's day: 2020-11-10, 2020-11 or 2020"),
    ("from", "when an event began"),
    ("to", "when an event ended"),
    ("xrefs", "external ids, such as wikidata:Q123"),
    ("demonyms", "adjectives for a place: Turkish"),
    ("names", "the name in other languages: { ru = \"...\" }"),
];
const ROLE_KEYS: &[(&str, &str)] = &[
    ("title", "the role's title"),
    ("also", "other ways of writing the title"),
    ("of", "the id of the country or body the role belongs to"),
    ("from", "when the role began"),
    ("to", "when it ended (absent: still held)"),
];

impl Snapshot {
    pub fn completions(&self, file: FileId, offset: usize) -> Vec<Completion> {
        let Some(source) = self.source(file) else { return Vec::new() };
        let text = &source.text;
        let offset = crate::span::floor_char_boundary(text, offset);
        let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let line = &text[line_start..offset];
        match source.kind {
            FileKind::Article(_) => self.article_completions(line, offset),
            FileKind::Kb => self.kb_completions(text, line, offset),
            FileKind::Annotation(_) | FileKind::AnnotationConfig => Vec::new(),
        }
    }

    fn article_completions(&self, line: &str, offset: usize) -> Vec<Completion> {
        // Inside a link target: `[text](kb:hul|`.
        if let Some(at) = line.rfind("(kb:") {
            let typed = &line[at + 4..];
            if typed.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
                let replace = Span::new(offset - typed.len(), offset);
                return self
                    .kb()
                    .entities()
                    .iter()
                    .filter(|e| e.key.starts_with(typed) || e.name.text.to_lowercase().contains(typed))
                    .map(|e| Completion {
                        label: e.key.clone(),
                        kind: CompletionKind::Id,
                        detail: Some(format!("{} · {}", e.name.text, e.kind)),
                        insert: e.key.clone(),
                        replace,
                    })
                    .collect();
            }
        }
        // A capitalised word being typed: entity names and aliases starting with it.
        let word_start =
            line.rfind(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\'')).map_or(0, |i| i + 1);
        let typed = &line[word_start..];
        if typed.chars().count() < 2 || !typed.starts_with(char::is_uppercase) {
            return Vec::new();
        }
        let replace = Span::new(offset - typed.len(), offset);
        let folded = crate::text::fold::fold(typed);
        let mut out: Vec<Completion> = Vec::new();
        for entity in self.kb().entities() {
            for form in std::iter::once(&entity.name).chain(&entity.aliases) {
                if crate::text::fold::fold(&form.text).starts_with(&folded)
                    && !out.iter().any(|c| c.label == form.text)
                {
                    let detail = if form.text == entity.name.text {
                        entity.kind.to_string()
                    } else {
                        format!("{} · alias of {}", entity.kind, entity.name.text)
                    };
                    out.push(Completion {
                        label: form.text.clone(),
                        kind: CompletionKind::Entity(entity.kind),
                        detail: Some(detail),
                        insert: form.text.clone(),
                        replace,
                    });
                }
            }
        }
        out.sort_by(|a, b| a.label.len().cmp(&b.label.len()).then_with(|| a.label.cmp(&b.label)));
        out.truncate(100);
        out
    }

    fn kb_completions(&self, text: &str, line: &str, offset: usize) -> Vec<Completion> {
        let trimmed = line.trim_start();
        // `title = "Def|`: titles already in the KB.
        if let Some(rest) =
            trimmed.strip_prefix("title").map(str::trim_start).and_then(|r| r.strip_prefix('='))
            && let Some(typed) = rest.trim_start().strip_prefix('"')
        {
            let replace = Span::new(offset - typed.len(), offset);
            let mut titles: Vec<String> =
                self.kb().entities().iter().flat_map(|e| e.roles.iter().map(|r| r.title.clone())).collect();
            titles.sort();
            titles.dedup();
            return titles
                .into_iter()
                .filter(|t| t.to_lowercase().starts_with(&typed.to_lowercase()))
                .map(|t| Completion {
                    label: t.clone(),
                    kind: CompletionKind::Title,
                    detail: None,
                    insert: t,
                    replace,
                })
                .collect();
        }
        // `of = "tur|`: ids.
        if let Some(rest) = trimmed.strip_prefix("of").map(str::trim_start).and_then(|r| r.strip_prefix('='))
            && let Some(typed) = rest.trim_start().strip_prefix('"')
        {
            let replace = Span::new(offset - typed.len(), offset);
            return self
                .kb()
                .entities()
                .iter()
                .filter(|e| {
                    e.key.starts_with(typed) && matches!(e.kind, EntityKind::Place | EntityKind::Organization)
                })
                .map(|e| Completion {
                    label: e.key.clone(),
                    kind: CompletionKind::Id,
                    detail: Some(e.name.text.clone()),
                    insert: e.key.clone(),
                    replace,
                })
                .collect();
        }
        // A key at the start of a line, for the table the cursor is in.
        if !trimmed.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
            return Vec::new();
        }
        let in_role = text[..offset].rfind("[[").is_some_and(|i| text[i..].starts_with("[[entity.role]]"));
        let keys = if in_role { ROLE_KEYS } else { ENTITY_KEYS };
        let replace = Span::new(offset - trimmed.len(), offset);
        keys.iter()
            .filter(|(key, _)| key.starts_with(trimmed))
            .map(|(key, what)| Completion {
                label: (*key).to_owned(),
                kind: CompletionKind::Key,
                detail: Some((*what).to_owned()),
                insert: format!("{key} = "),
                replace,
            })
            .collect()
    }
}
