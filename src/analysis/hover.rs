//! Hover cards for entity mentions: who or what it is, and what role it held on the
//! article's date.

use std::fmt::Write;

use super::Snapshot;
use crate::corpus::{FileId, FileKind};
use crate::dates::PartialDate;
use crate::kb::{Entity, EntityKind, Role};
use crate::span::Span;

/// Markdown to show, and the span it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HoverResult {
    pub span: Span,
    pub markdown: String,
}

impl Snapshot {
    pub fn hover(&self, file: FileId, offset: usize) -> Option<HoverResult> {
        let (entity_id, span) = self.entity_at(file, offset)?;
        let entity = self.kb().entity(entity_id);
        let date = match self.source(file)?.kind {
            FileKind::Article(_) => self.article(file).and_then(|a| a.article.date()),
            FileKind::Kb => None,
        };
        let in_article = self.article(file).is_some();
        let mut md = String::new();
        let _ = writeln!(md, "**{}** · {}", entity.name.text, entity.kind);
        if let Some(description) = &entity.description {
            let _ = writeln!(md, "\n{description}");
        }
        if entity.when.is_some() {
            let _ = writeln!(md, "\n{}", describe_when(entity));
        }
        self.write_roles(&mut md, entity, date, in_article);
        let also: Vec<_> = entity.aliases.iter().map(|a| a.text.as_str()).collect();
        if !also.is_empty() {
            let _ = writeln!(md, "\nAlso written: {}", also.join(", "));
        }
        let avoid: Vec<_> = entity.variants.iter().map(|a| a.text.as_str()).collect();
        if !avoid.is_empty() {
            let _ = writeln!(md, "\nAvoid: {}", avoid.join(", "));
        }
        let counts = self.mention_counts(entity_id);
        let (articles, mentions) = (counts.articles as usize, counts.mentions as usize);
        let plural = |n: usize, word: &str| {
            if n == 1 { format!("{n} {word}") } else { format!("{n} {word}s") }
        };
        let _ = writeln!(
            md,
            "\nMentioned in {} ({}) · `kb:{}`",
            plural(articles, "article"),
            plural(mentions, "mention"),
            entity.key
        );
        Some(HoverResult { span, markdown: md.trim_end().to_owned() })
    }

    fn write_roles(&self, md: &mut String, entity: &Entity, date: Option<PartialDate>, in_article: bool) {
        if entity.roles.is_empty() {
            return;
        }
        let describe = |role: &Role| {
            let of = role
                .of
                .as_ref()
                .and_then(|of| of.entity)
                .map(|id| format!(" of {}", self.kb().entity(id).name.text))
                .unwrap_or_default();
            format!("- {}{of} ({})", role.title, role.tenure())
        };
        match date {
            Some(date) => {
                let held: Vec<_> = entity.roles_on(date).map(describe).collect();
                if held.is_empty() {
                    let _ = writeln!(md, "\nNo known role on {date} (the article's date).");
                } else {
                    let _ = writeln!(md, "\nOn {date} (the article's date):\n{}", held.join("\n"));
                }
            }
            None => {
                let lead = if in_article { "Roles (the article has no date):" } else { "Roles:" };
                let all: Vec<_> = entity.roles.iter().map(describe).collect();
                let _ = writeln!(md, "\n{lead}\n{}", all.join("\n"));
            }
        }
    }
}

fn describe_when(entity: &Entity) -> String {
    let Some(when) = entity.when else {
        return String::new();
    };
    let label = if entity.kind == EntityKind::Event { "When" } else { "Date" };
    if when.from == when.to {
        return format!("{label}: {}", when.from);
    }
    let days = (when.to.last_day() - when.from.first_day()).get_days() + 1;
    let exact = when.from.as_date().is_some() && when.to.as_date().is_some();
    let length = if exact { format!(" ({days} days)") } else { String::new() };
    format!("{label}: {} – {}{length}", when.from, when.to)
}
