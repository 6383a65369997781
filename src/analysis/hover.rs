//! Hover cards for entity mentions: who or what it is, and what role it held on the
//! article's date.

use std::fmt::Write;

use super::Snapshot;
use crate::checks::Finding;
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
    /// The card for what is at `offset`, followed by what the findings there mean (the
    /// rule's documentation, as `dateline explain` prints it), so a diagnostic explains
    /// itself where it is shown.
    pub fn hover(&self, file: FileId, offset: usize) -> Option<HoverResult> {
        if let Some(hover) = self.annotation_hover(file, offset) {
            return Some(hover);
        }
        let card = match self.entity_at(file, offset) {
            Some((entity, span)) => self.entity_hover(file, entity, span, None),
            None => self.other_hover(file, offset),
        };
        let findings: Vec<Finding> =
            self.findings(file).into_iter().filter(|f| f.span.touches(offset)).collect();
        if findings.is_empty() {
            return card;
        }
        let mut result =
            card.unwrap_or_else(|| HoverResult { span: findings[0].span, markdown: String::new() });
        let mut seen: Vec<&str> = Vec::new();
        for finding in &findings {
            if seen.contains(&finding.rule.code) {
                continue;
            }
            seen.push(finding.rule.code);
            if !result.markdown.is_empty() {
                result.markdown.push_str("\n\n---\n\n");
            }
            result.markdown.push_str(&rule_card(finding));
        }
        Some(result)
    }

    /// Hovers on what is not a KB mention: a near miss of a KB name, a title, an unknown
    /// person.
    fn other_hover(&self, file: FileId, offset: usize) -> Option<HoverResult> {
        let analysis = self.article(file)?;
        let text = self.text(file)?;
        let mentions = &analysis.mentions;
        if let Some(miss) = mentions.near_misses.iter().find(|m| m.span.touches(offset)) {
            let entity = self.kb().entity(miss.entity);
            let form = entity.form(miss.form).map_or(entity.name.text.as_str(), |f| f.text.as_str());
            let note = format!("Not in the KB as written; the closest KB name is `{form}`.");
            return self.entity_hover(file, miss.entity, miss.span, Some(note));
        }
        if let Some(front) = analysis.article.front_matter.as_ref().filter(|f| f.span.touches(offset)) {
            return Some(HoverResult { span: front.span, markdown: article_card(analysis) });
        }
        if let Some(timex) = analysis.dates.iter().find(|t| t.span.touches(offset)) {
            return Some(HoverResult {
                span: timex.span,
                markdown: date_card(text, &analysis.article, timex),
            });
        }
        if let Some(title) = mentions.title_at(offset) {
            return Some(HoverResult { span: title.span, markdown: self.title_card(file, text, title) });
        }
        let person = mentions.unknown_person_at(offset)?;
        let mut md = format!("**{}** · person, not in the KB", person.full);
        if let Some(first) = self.first_unknown_mention(&person.full) {
            let path =
                self.path(first.file).and_then(|p| p.file_name()).map(|n| n.to_string_lossy().into_owned());
            let _ = write!(md, "\n\nFirst named in {}", path.unwrap_or_default());
            if let Some(title) = self
                .article(first.file)
                .and_then(|a| a.mentions.unknown_people.iter().find(|p| p.name == first.span))
                .and_then(|p| p.title)
            {
                let title = self
                    .text(first.file)
                    .map(|t| t[title.range()].split_whitespace().collect::<Vec<_>>().join(" "));
                let _ = write!(md, ", introduced as {}", title.unwrap_or_default());
            }
            md.push('.');
        }
        Some(HoverResult { span: person.name, markdown: md })
    }

    /// Who held a title on the article's date.
    fn title_card(&self, file: FileId, text: &str, title: &crate::mentions::TitleMention) -> String {
        let written = text[title.span.range()].split_whitespace().collect::<Vec<_>>().join(" ");
        let mut md = format!("**{written}** · title");
        let date = self.article(file).and_then(|a| a.article.date());
        let mut lines = Vec::new();
        for role_ref in title.roles.iter() {
            let person = self.kb().entity(role_ref.entity);
            let Some(role) = person.roles.get(role_ref.role as usize) else { continue };
            if date.is_some_and(|d| !role.held_on(d)) {
                continue;
            }
            let of = role
                .of
                .as_ref()
                .and_then(|o| o.entity)
                .map(|o| format!(" of {}", self.kb().entity(o).name.text))
                .unwrap_or_default();
            lines.push(format!("- {} — {}{of} ({})", person.name.text, role.title, role.tenure()));
        }
        match (date, lines.is_empty()) {
            (Some(date), true) => {
                let _ = write!(md, "\n\nNobody in the KB held it on {date} (the article's date).");
            }
            (Some(date), false) => {
                let _ = write!(md, "\n\nHeld on {date} (the article's date) by:\n{}", lines.join("\n"));
            }
            (None, _) => {
                let _ = write!(md, "\n\nHeld by (the article has no date):\n{}", lines.join("\n"));
            }
        }
        if title.qualified {
            md.push_str("\n\nMarked as of another time (former, then-, incoming...).");
        }
        md
    }

    pub(super) fn entity_hover(
        &self,
        file: FileId,
        entity_id: crate::kb::EntityId,
        span: Span,
        note: Option<String>,
    ) -> Option<HoverResult> {
        let entity = self.kb().entity(entity_id);
        let date = match self.source(file)?.kind {
            FileKind::Article(_) => self.article(file).and_then(|a| a.article.date()),
            _ => None,
        };
        let in_article = self.article(file).is_some();
        let mut md = String::new();
        // In the article's language when the KB names the entity in it (`names = { ru = ...}`).
        let language = self.article(file).and_then(|a| a.language).map(|l| l.language.code());
        let shown = entity.name_in(language);
        if shown == entity.name.text {
            let _ = writeln!(md, "**{}** · {}", entity.name.text, entity.kind);
        } else {
            let _ = writeln!(md, "**{shown}** ({}) · {}", entity.name.text, entity.kind);
        }
        if let Some(note) = note {
            let _ = writeln!(md, "\n{note}");
        }
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
        if self.partial {
            let _ = writeln!(md, "\nMentions: still indexing · `kb:{}`", entity.key);
        } else {
            let _ = writeln!(
                md,
                "\nMentioned in {} ({}) · `kb:{}`",
                plural(articles, "article"),
                plural(mentions, "mention"),
                entity.key
            );
        }
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

/// The card of a date expression: its value, how it was resolved, its weekday.
/// The article as dateline reads it, on its front matter: publication date and language.
fn article_card(analysis: &super::ArticleAnalysis) -> String {
    let mut md = String::from("**Article**");
    match analysis.article.date() {
        Some(date) => {
            let _ = write!(md, "\n\nPublished: {date} (relative dates are resolved against it)");
        }
        None => md.push_str("\n\nNo publication date: relative dates stay unresolved."),
    }
    match &analysis.language {
        Some(language) => {
            let _ = write!(md, "\n\nLanguage: {}", language.describe());
            if language.language.date_language().is_none() {
                let _ = write!(
                    md,
                    "; dateline has no date words for it (it reads {}), so no dates are read here",
                    crate::dates::DateLanguage::names()
                );
            }
        }
        None => md.push_str("\n\nLanguage: read as English (not given, and the text does not show another)"),
    }
    md
}

fn date_card(text: &str, article: &crate::corpus::Article, timex: &crate::dates::Timex) -> String {
    use crate::dates::TimexKind;
    let ctx = match article.date().and_then(|d| d.as_date()) {
        Some(dct) => crate::dates::TagContext::with_dct(dct),
        None => crate::dates::TagContext::default(),
    };
    let mut md = format!("**{}** · {}", timex.value, timex.kind.as_str().to_lowercase());
    if let Some(modifier) = timex.modifier {
        let _ = write!(md, " ({})", modifier.as_str().to_lowercase().replace('_', " "));
    }
    match (timex.kind, timex.interval) {
        (TimexKind::Date | TimexKind::Time, Some((first, last))) if first == last => {
            let _ = write!(md, "\n\n{first}, a {}", crate::dates::weekday_name(first.weekday()));
        }
        (TimexKind::Date | TimexKind::Time, Some((first, last))) => {
            let _ = write!(md, "\n\n{first} to {last}");
        }
        (TimexKind::Duration, _) => {
            if let Some((low, high)) = timex.duration.as_ref().and_then(|d| d.day_range()) {
                let days = if (low - high).abs() < 0.5 {
                    format!("{low:.0} days")
                } else if high.is_finite() {
                    format!("{low:.0} to {high:.0} days")
                } else {
                    format!("at least {low:.0} days")
                };
                let _ = write!(md, "\n\n{days}");
            }
        }
        _ => {}
    }
    let _ = write!(md, "\n\n{}", timex.explanation(text, &ctx));
    md
}

/// What a finding's rule is about: its summary, why it matters, and how to configure it
/// (the rest is one `dateline explain CODE` away).
fn rule_card(finding: &Finding) -> String {
    let rule = finding.rule;
    let mut md = format!("`{}` · {}: {}", rule.code, finding.severity, rule.summary);
    for heading in ["Why it matters", "Options"] {
        if let Some(section) = rule.doc_section(heading) {
            let _ = write!(md, "\n\n*{heading}.* {}", section.replace('\n', " "));
        }
    }
    let _ = write!(md, "\n\nMore: `dateline explain {}`", rule.code);
    md
}
