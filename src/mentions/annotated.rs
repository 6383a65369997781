//! Annotated spans as mentions: which KB entity an annotation (a brat span, a WebAnno or
//! CoNLL-U mention) stands for.
//!
//! A span links to an entity by its references first: `kb:<id>` names a KB entry, and any
//! other reference `PREFIX:ID` (a brat `N` line's `Wikidata:Q123`, a WebAnno identifier
//! feature) matches the entity whose `xrefs` list `prefix:ID` (the prefix compared without
//! case; Wikidata and Wikipedia URLs read as `wikidata:Q123` and `wikipedia:Title`). Without a
//! reference that resolves, a span whose text is a KB form of exactly one entity links to it,
//! unless the span's references contradict that entity's own `xrefs`.

use std::collections::HashMap;

use super::Matcher;
use crate::formats::{AnnotatedSpan, KbRef};
use crate::kb::{EntityId, Kb};

/// The prefix of references that name a KB entry by its id: `kb:hulusi-akar`.
pub const KB_PREFIX: &str = "kb";

/// Which entity an annotated span stands for, and what says so.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct SpanLink {
    pub entity: EntityId,
    pub via: LinkVia,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum LinkVia {
    /// The span's reference with this index (into [`AnnotatedSpan::kb_refs`]).
    Reference(usize),
    /// The span's text is a form of the entity.
    Text,
}

/// Where a reference points.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum RefTarget {
    /// A KB entity (`kb:id`, or an xref the KB lists).
    Entity(EntityId),
    /// `kb:id` with an id the KB does not have.
    UnknownKbId,
    /// An explicit "no entry" (`Wikidata:NULL`).
    Nil,
    /// An id in another knowledge base that no KB entity lists.
    External,
}

/// Every `xrefs` entry of the KB, normalized, to the entities listing it.
#[derive(Debug, Default)]
pub struct XrefIndex {
    by_ref: HashMap<(String, String), Vec<EntityId>>,
}

impl XrefIndex {
    pub fn new(kb: &Kb) -> XrefIndex {
        let mut by_ref: HashMap<(String, String), Vec<EntityId>> = HashMap::new();
        for id in kb.ids() {
            for xref in &kb.entity(id).xrefs {
                let Some(key) = parse_xref(xref) else { continue };
                let list = by_ref.entry(key).or_default();
                if !list.contains(&id) {
                    list.push(id);
                }
            }
        }
        XrefIndex { by_ref }
    }

    /// Where `reference` points in `kb`.
    pub fn target(&self, reference: &KbRef, kb: &Kb) -> RefTarget {
        if reference.kb.eq_ignore_ascii_case(KB_PREFIX) {
            return match kb.lookup(&reference.id) {
                Some(entity) => RefTarget::Entity(entity),
                None => RefTarget::UnknownKbId,
            };
        }
        if reference.is_nil() {
            return RefTarget::Nil;
        }
        match self.by_ref.get(&normalize(&reference.kb, &reference.id)).map(Vec::as_slice) {
            Some([entity]) => RefTarget::Entity(*entity),
            _ => RefTarget::External,
        }
    }
}

/// `wikidata:Q123` as (`wikidata`, `Q123`); a bare URL is read like a reference value.
fn parse_xref(xref: &str) -> Option<(String, String)> {
    let xref = xref.trim();
    if xref.starts_with("http://") || xref.starts_with("https://") {
        return Some(normalize("", xref));
    }
    let (prefix, id) = xref.split_once(':')?;
    (!prefix.is_empty() && !id.is_empty()).then(|| normalize(prefix, id))
}

/// The comparison key of a reference: the prefix in lower case and the id, with Wikidata and
/// Wikipedia URLs taken apart (`http://www.wikidata.org/entity/Q123` is `wikidata`, `Q123`).
pub fn normalize(kb: &str, id: &str) -> (String, String) {
    let bare = id.strip_prefix("https://").or_else(|| id.strip_prefix("http://"));
    if let Some(rest) = bare {
        let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
        let last = path.trim_end_matches('/').rsplit('/').next().unwrap_or("");
        if host.ends_with("wikidata.org") && !last.is_empty() {
            return ("wikidata".to_owned(), last.to_owned());
        }
        if host.ends_with("wikipedia.org") && !last.is_empty() {
            return ("wikipedia".to_owned(), last.to_owned());
        }
    }
    (kb.to_ascii_lowercase(), id.to_owned())
}

/// The entity `span` stands for, if any; `text` is the document text its fragments index.
pub fn link(span: &AnnotatedSpan, text: &str, kb: &Kb, matcher: &Matcher) -> Option<SpanLink> {
    for (idx, reference) in span.kb_refs.iter().enumerate() {
        if let RefTarget::Entity(entity) = matcher.xrefs().target(reference, kb) {
            return Some(SpanLink { entity, via: LinkVia::Reference(idx) });
        }
    }
    let pieces: Vec<&str> = span.fragments.iter().filter_map(|f| text.get(f.range())).collect();
    if pieces.len() != span.fragments.len() {
        return None;
    }
    let written = pieces.join(" ");
    let (entity, _) = matcher.resolve_form(written.trim())?;
    // `Wikidata:Q1` on the span and `wikidata:Q2` on the entity: not the same thing.
    let contradicts = span.kb_refs.iter().any(|reference| {
        let (prefix, id) = normalize(&reference.kb, &reference.id);
        !reference.is_nil()
            && kb
                .entity(entity)
                .xrefs
                .iter()
                .filter_map(|x| parse_xref(x))
                .any(|(p, i)| p == prefix && i != id)
    });
    (!contradicts).then_some(SpanLink { entity, via: LinkVia::Text })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    fn kb() -> crate::kb::Kb {
        crate::kb::testing::TestKb::new()
            .person("hulusi-akar", "Hulusi Akar")
            .xrefs(&["wikidata:Q6080953"])
            .place("ankara", "Ankara")
            .xrefs(&["https://en.wikipedia.org/wiki/Ankara"])
            .load()
    }

    fn span(text: &str, needle: &str, refs: &[(&str, &str)]) -> AnnotatedSpan {
        let start = text.find(needle).unwrap();
        AnnotatedSpan {
            id: crate::formats::AnnId::new("T1"),
            label: "X".into(),
            fragments: vec![Span::new(start, start + needle.len())],
            recorded_text: needle.into(),
            kb_refs: refs
                .iter()
                .map(|(kb, id)| KbRef {
                    kb: (*kb).into(),
                    id: (*id).into(),
                    label: None,
                    span: Span::empty(0),
                })
                .collect(),
            attributes: Vec::new(),
            notes: Vec::new(),
            def_span: Span::empty(0),
        }
    }

    #[test]
    fn references_then_text_decide_the_entity() {
        let kb = kb();
        let matcher = Matcher::new(&kb);
        let akar = kb.lookup("hulusi-akar").unwrap();
        let ankara = kb.lookup("ankara").unwrap();
        let text = "Hulusi Akar in Ankara, and the general";
        let via_ref =
            |refs: &[(&str, &str)], needle: &str| link(&span(text, needle, refs), text, &kb, &matcher);
        assert_eq!(
            via_ref(&[("Wikidata", "Q6080953")], "the general"),
            Some(SpanLink { entity: akar, via: LinkVia::Reference(0) })
        );
        assert_eq!(
            via_ref(&[("kb", "nobody"), ("kb", "ankara")], "the general"),
            Some(SpanLink { entity: ankara, via: LinkVia::Reference(1) })
        );
        assert_eq!(
            via_ref(&[("identifier", "http://www.wikidata.org/entity/Q6080953")], "Ankara"),
            Some(SpanLink { entity: akar, via: LinkVia::Reference(0) })
        );
        assert_eq!(
            via_ref(&[("identity", "https://en.wikipedia.org/wiki/Ankara")], "Ankara").unwrap().entity,
            ankara
        );
        assert_eq!(via_ref(&[], "Hulusi Akar"), Some(SpanLink { entity: akar, via: LinkVia::Text }));
        assert_eq!(via_ref(&[("Wikidata", "NULL")], "Hulusi Akar").unwrap().via, LinkVia::Text);
        // The span's Wikidata id is another item than the KB entity's: no link.
        assert_eq!(via_ref(&[("Wikidata", "Q1")], "Hulusi Akar"), None);
        assert_eq!(via_ref(&[], "the general"), None);
        let targets: Vec<RefTarget> = [("kb", "nobody"), ("Wikidata", "NULL"), ("Wikidata", "Q1")]
            .iter()
            .map(|(k, i)| {
                matcher.xrefs().target(
                    &KbRef { kb: (*k).into(), id: (*i).into(), label: None, span: Span::empty(0) },
                    &kb,
                )
            })
            .collect();
        assert_eq!(targets, [RefTarget::UnknownKbId, RefTarget::Nil, RefTarget::External]);
    }
}
