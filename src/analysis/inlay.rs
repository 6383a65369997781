//! Inlay hints: small labels an editor shows inside the text. After a relative date, its
//! resolved value ("last year" `= 2020`); after a person named with no title, the role held
//! on the article's date (off by default).

use super::Snapshot;
use crate::corpus::FileId;
use crate::kb::EntityKind;
use crate::span::Span;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct InlayOptions {
    /// Resolved values of relative dates.
    pub dates: bool,
    /// The role a person held on the article's date.
    pub roles: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum InlayKind {
    Date,
    Role,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InlayHint {
    /// Where the label goes (after the expression).
    pub offset: usize,
    pub label: String,
    pub kind: InlayKind,
    /// What the label explains.
    pub tooltip: String,
}

impl Snapshot {
    /// The hints for `range` of `file`.
    pub fn inlay_hints(&self, file: FileId, range: Span, options: InlayOptions) -> Vec<InlayHint> {
        let mut out = Vec::new();
        let (Some(analysis), Some(text)) = (self.article(file), self.text(file)) else { return out };
        if options.dates {
            let ctx = match analysis.article.date().and_then(|d| d.as_date()) {
                Some(dct) => crate::dates::TagContext::with_dct(dct),
                None => crate::dates::TagContext::default(),
            };
            for timex in
                analysis.dates.iter().filter(|t| t.span.overlaps(range) || range.contains_span(t.span))
            {
                if !timex.is_relative() || timex.is_unresolved() {
                    continue;
                }
                out.push(InlayHint {
                    offset: timex.span.end as usize,
                    label: format!("= {}", timex.value),
                    kind: InlayKind::Date,
                    tooltip: timex.explanation(text, &ctx),
                });
            }
        }
        if options.roles
            && let Some(date) = analysis.article.date()
        {
            let titled: Vec<Span> =
                analysis.mentions.attachments(text).iter().map(|a| a.mention.span).collect();
            let mut seen = Vec::new();
            for mention in analysis.mentions.mentions.iter().filter(|m| range.contains_span(m.span)) {
                let entity = self.kb().entity(mention.entity);
                // Once per person, and not where the text already gives a title.
                if entity.kind != EntityKind::Person
                    || titled.contains(&mention.span)
                    || seen.contains(&mention.entity)
                {
                    continue;
                }
                let Some(role) = entity.roles_on(date).next() else { continue };
                seen.push(mention.entity);
                out.push(InlayHint {
                    offset: mention.span.end as usize,
                    label: format!(": {}", role.title),
                    kind: InlayKind::Role,
                    tooltip: format!("{} on {date} (the article's date), {}", role.title, role.tenure()),
                });
            }
        }
        out.sort_by_key(|h| h.offset);
        out
    }
}
