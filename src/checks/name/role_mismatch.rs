//! ## What it finds
//! A title attached to a person who did not hold it on the article's date, by the KB's
//! record of their roles: "Defense Minister Hulusi Akar" in a 2016 article (he was then
//! Chief of the General Staff), "Chief of General Staff Hulusi Akar" in 2021 (by then
//! defence minister).
//!
//! It reads the forms news uses: `TITLE NAME` (with ranks between: `Commander Gen. Musa
//! Avsever`), `ORG's TITLE NAME`, `NAME, TITLE of ORG,` and `NAME, the TITLE`. A title
//! marked as of another time (`former`, `then-`, `incoming`, `late`) or a different office
//! (`Deputy`, `Vice`, `Assistant`) is left alone, and so is anyone whose career the KB does
//! not record.
//!
//! When three titles or more in one article are wrong on its date and would all be right
//! in one common period, the publication date is the likelier mistake: one finding on the
//! date says so, with the titles as related locations, instead of one per title.
//!
//! ## Why it matters
//! A wrong title is a factual error a reader trusts, and in archives it is often a sign
//! that a date is wrong or a paragraph was pasted from an older story.
//!
//! ## Example
//! ```markdown
//! ---
//! date: 2021-11-17
//! ---
//! Chief of General Staff Hulusi Akar met his counterpart.
//! ```
//!
//! ## Instead
//! ```markdown
//! Defence Minister Hulusi Akar met his counterpart.
//! ```
//!
//! ## Fix
//! None offered: the title, the person or the date may be the mistake. The message says
//! which role the person held on that date and who held the named role then.
//!
//! ## Options
//! Needs the person's roles in the KB, with `from`/`to`, and a publication date
//! (`corpus/missing-date`) to compare them with; in an undated article only a title the
//! person never held at all is reported ("Secretary of State James O'Brien" for an
//! Assistant Secretary of State).

use jiff::civil::Date;

use crate::checks::{ArticleCtx, Finding, FixOffer, Pass, Rule, Severity};
use crate::dates::{Derivation, PartialDate, Resolution};
use crate::kb::{Entity, EntityKind, Kb, Role};
use crate::mentions::{Attachment, RoleRef};
use crate::span::Span;
use crate::text::fold::strip_diacritics;
use crate::text::spelling::american;

pub static RULE: Rule = Rule {
    code: "name/role-mismatch",
    summary: "a person is given a title they did not hold on the article's date",
    severity: Severity::Warning,
    fix: FixOffer::None,
    pass: Pass::Article(run),
    source: include_str!("role_mismatch.rs"),
};

/// Words before a title that make it another office than the KB's ("Deputy Defense
/// Minister" is not the Defense Minister).
const OTHER_OFFICE: &[&str] = &["deputy", "vice", "assistant", "associate", "honorary", "shadow", "under"];

/// Days either side of a tenure in which a title is not called wrong.
const GRACE_DAYS: i64 = 31;

fn run(ctx: &ArticleCtx<'_>, out: &mut Vec<Finding>) {
    let date = ctx.article.date();
    let mut found: Vec<Mismatch> = Vec::new();
    for attachment in ctx.mentions.attachments(ctx.text) {
        if let Some(finding) = check(ctx, &attachment, date) {
            let person = ctx.kb.entity(attachment.mention.entity);
            let own = own_roles(ctx, &attachment);
            found.push(Mismatch {
                tenure: Tenure::hull(&own),
                label: format!(
                    "`{}` for {}",
                    crate::checks::one_line(&ctx.text[attachment.title.span.range()]),
                    person.name.text
                ),
                finding,
            });
        }
    }
    match cascade(ctx, &found) {
        Some(root) => out.push(root),
        None => out.extend(found.into_iter().map(|m| m.finding)),
    }
}

/// One title found wrong, with what a cascade needs to know of it.
struct Mismatch {
    finding: Finding,
    /// When the person held a role of that title, if ever.
    tenure: Option<Tenure>,
    /// "`Defense Minister` for Hulusi Akar".
    label: String,
}

/// When this many titles or more are wrong on the article's date and all would be right in
/// one common period, the date is the likelier mistake.
const CASCADE: usize = 3;

/// From the first day a role could have begun to the last it could have ended; `None` for
/// an open side.
#[derive(Clone, Copy, Debug)]
struct Tenure {
    from: Option<Date>,
    to: Option<Date>,
}

impl Tenure {
    /// The span covering all of `roles` (none: `None`).
    fn hull(roles: &[&Role]) -> Option<Tenure> {
        if roles.is_empty() {
            return None;
        }
        let from =
            roles.iter().map(|r| r.from.map(|d| d.first_day())).min_by_key(|d| d.map_or(Date::MIN, |d| d));
        let to = roles.iter().map(|r| r.to.map(|d| d.last_day())).max_by_key(|d| d.map_or(Date::MAX, |d| d));
        Some(Tenure { from: from.flatten(), to: to.flatten() })
    }

    /// The period all of `tenures` share, if any.
    fn common(tenures: impl Iterator<Item = Tenure>) -> Option<Tenure> {
        let mut common = Tenure { from: None, to: None };
        for t in tenures {
            common.from = common.from.max(t.from);
            common.to = match (common.to, t.to) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
        }
        match (common.from, common.to) {
            (Some(from), Some(to)) if from > to => None,
            _ => Some(common),
        }
    }

    fn show(self) -> String {
        match (self.from, self.to) {
            (Some(from), Some(to)) => format!("{from} – {to}"),
            (Some(from), None) => format!("since {from}"),
            (None, Some(to)) => format!("until {to}"),
            (None, None) => "at any time".to_owned(),
        }
    }
}

/// One finding on the publication date in place of several role mismatches that a wrong
/// date explains: "the publication date conflicts with N titles, which all fit <period>".
fn cascade(ctx: &ArticleCtx<'_>, found: &[Mismatch]) -> Option<Finding> {
    let date = ctx.article.meta.date.as_ref()?;
    let at = date.span?;
    if found.len() < CASCADE || found.iter().any(|m| m.tenure.is_none()) {
        return None;
    }
    let common = Tenure::common(found.iter().filter_map(|m| m.tenure))?;
    let message = format!(
        "the publication date {} conflicts with {} titles in this article, which would all fit {}: is the date wrong?",
        date.value,
        found.len(),
        common.show()
    );
    let mut root = Finding::new(&RULE, ctx.file, at, message);
    for m in found {
        root = root.with_related(m.finding.file, m.finding.span, m.label.clone());
    }
    Some(root)
}

fn check(ctx: &ArticleCtx<'_>, attachment: &Attachment<'_>, date: Option<PartialDate>) -> Option<Finding> {
    let title = attachment.title;
    let person_id = attachment.mention.entity;
    let person = ctx.kb.entity(person_id);
    // A record with attested roles (seen in articles, not known from a source) is
    // incomplete by design: it cannot show that a title was not held.
    if title.qualified
        || person.kind != EntityKind::Person
        || person.roles.is_empty()
        || person.roles.iter().any(|r| r.attested)
    {
        return None;
    }
    let before = ctx.text[..title.span.start as usize].trim_end();
    let previous_word = before.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("").to_lowercase();
    if OTHER_OFFICE.contains(&previous_word.as_str()) {
        return None;
    }
    let written = &crate::checks::one_line(&ctx.text[title.span.range()]);
    let own = own_roles(ctx, attachment);
    let Some(date) = date else {
        // Without a date only a title the person never held can be called wrong.
        return own.is_empty().then(|| never_held(ctx, attachment, person, written));
    };
    if own.iter().any(|role| role.held_near(date, GRACE_DAYS)) {
        return None;
    }
    if sentence_dates(ctx, attachment.title.span)
        .any(|day| own.iter().any(|role| role.held_near(day, GRACE_DAYS)))
    {
        return None;
    }
    let name = &person.name.text;
    let mut message = match own.as_slice() {
        [] => format!(
            "`{written}` does not fit {name} on {date} (the article's date): the KB records no such role for {name}"
        ),
        held => {
            let spans: Vec<_> = held.iter().map(|r| r.tenure()).collect();
            format!(
                "`{written}` does not fit {name} on {date} (the article's date): {name} held it {}",
                spans.join(" and ")
            )
        }
    };
    let current: Vec<String> = person.roles_on(date).map(|role| describe(ctx.kb, role)).collect();
    match (current.is_empty(), own.is_empty()) {
        (true, _) => message.push_str(&format!("; the KB has no role for {name} on that date")),
        (false, true) => message.push_str(&format!(", who was {} then", current.join(" and "))),
        (false, false) => message.push_str(&format!(" and was {} then", current.join(" and "))),
    }
    // Who held the named role then: restricted to the same country or body when the
    // person's own role of that name says which.
    let of = own.iter().find_map(|r| r.of.as_ref().and_then(|o| o.entity));
    let holders = holders(ctx.kb, &title.roles, date, of);
    let holder_names: Vec<&str> =
        holders.iter().map(|(id, _)| ctx.kb.entity(*id).name.text.as_str()).collect();
    if !holder_names.is_empty() {
        let label = own.first().map_or_else(|| written.to_owned(), |r| describe(ctx.kb, r));
        message.push_str(&format!("; {label} on that date: {}", holder_names.join(", ")));
    }
    let mut finding = Finding::new(&RULE, ctx.file, title.span, message).with_related(
        ctx.file,
        attachment.mention.span,
        name.to_string(),
    );
    for role in own.iter().take(2) {
        finding = finding.with_related(
            person.origin.file,
            role.span,
            format!("{name}'s role `{}` in the KB", role.title),
        );
    }
    for (holder, role) in holders.iter().take(2) {
        let entity = ctx.kb.entity(*holder);
        finding = finding.with_related(
            entity.origin.file,
            role.span,
            format!("{} held `{}` then", entity.name.text, role.title),
        );
    }
    Some(finding)
}

/// The person's roles the written title names: those the title matched in the KB, and
/// those whose title is the same after British/American spelling, word order, articles and
/// the country ("Armenian Minister of Defense" is Papikyan's "Minister of Defence" even when
/// the KB's "Minister of Defense" is someone else's).
fn own_roles<'a>(ctx: &ArticleCtx<'a>, attachment: &Attachment<'_>) -> Vec<&'a Role> {
    let person_id = attachment.mention.entity;
    let person = ctx.kb.entity(person_id);
    let matched = attachment.title.roles.iter().filter(|r| r.entity == person_id).map(|r| r.role as usize);
    let written = &ctx.text[attachment.title.span.range()];
    let same_title = person.roles.iter().enumerate().filter(|(_, role)| {
        let country = role.of.as_ref().and_then(|o| o.entity).map(|id| ctx.kb.entity(id).name.text.as_str());
        let words = |title: &str| title_words(ctx.kb, title, country);
        let written = words(written);
        std::iter::once(&role.title).chain(&role.also).any(|t| words(t) == written)
    });
    let mut indexes: Vec<usize> = matched.chain(same_title.map(|(i, _)| i)).collect();
    indexes.sort_unstable();
    indexes.dedup();
    indexes.into_iter().filter_map(|i| person.roles.get(i)).collect()
}

/// The words that make a title, for comparing two ways of writing it: lower case, without
/// diacritics, articles, `of`/`for`, possessives, the `country`'s name and any demonym,
/// with British spellings made American, in sorted order.
fn title_words(kb: &Kb, title: &str, country: Option<&str>) -> Vec<String> {
    let mut words: Vec<String> = title
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}')
        .map(|w| w.trim_end_matches("'s").trim_end_matches("\u{2019}s"))
        .filter(|w| {
            !w.is_empty()
                && !kb.is_demonym(w)
                && country.is_none_or(|c| !c.split_whitespace().any(|n| n == *w))
        })
        .map(|w| strip_diacritics(w).to_lowercase())
        .filter(|w| !["the", "of", "for", "a", "an"].contains(&w.as_str()))
        .map(|w| american(&w).to_owned())
        .collect();
    words.sort();
    words
}

/// An undated article's title that is none of the person's roles at any time.
fn never_held(ctx: &ArticleCtx<'_>, attachment: &Attachment<'_>, person: &Entity, written: &str) -> Finding {
    let name = &person.name.text;
    let roles: Vec<String> =
        person.roles.iter().map(|r| format!("{} ({})", describe(ctx.kb, r), r.tenure())).collect();
    let message = format!(
        "`{written}` is not a title the KB records for {name} at any time; {name}'s roles: {}",
        roles.join("; ")
    );
    let mut finding = Finding::new(&RULE, ctx.file, attachment.title.span, message).with_related(
        ctx.file,
        attachment.mention.span,
        name.to_string(),
    );
    for role in person.roles.iter().take(2) {
        finding = finding.with_related(
            person.origin.file,
            role.span,
            format!("{name}'s role `{}` in the KB", role.title),
        );
    }
    finding
}

/// The dates written with their year in the sentence holding `at`: the time a title in
/// that sentence may be about.
fn sentence_dates<'a>(ctx: &'a ArticleCtx<'_>, at: Span) -> impl Iterator<Item = PartialDate> + 'a {
    let sentence = ctx.sentences.iter().find(|s| s.start <= at.start && at.start < s.end).copied();
    ctx.dates
        .iter()
        .filter(move |t| sentence.is_some_and(|s| s.start <= t.span.start && t.span.end <= s.end))
        .filter(|t| {
            matches!(t.resolution, Resolution::Absolute) && matches!(t.derivation, Derivation::Explicit)
        })
        .filter_map(|t| t.interval)
        .map(|(first, last)| {
            if first == last {
                PartialDate::from_date(first)
            } else if first.year() == last.year() && first.month() == last.month() {
                PartialDate::month(first.year(), first.month())
            } else {
                PartialDate::year(first.year())
            }
        })
}

/// "Minister of National Defence of Türkiye".
fn describe(kb: &Kb, role: &Role) -> String {
    match role.of.as_ref().and_then(|o| o.entity) {
        Some(of) => format!("{} of {}", role.title, kb.entity(of).name.text),
        None => role.title.clone(),
    }
}

/// People holding one of `roles` on `date`, of `of` when given.
fn holders<'a>(
    kb: &'a Kb,
    roles: &[RoleRef],
    date: PartialDate,
    of: Option<crate::kb::EntityId>,
) -> Vec<(crate::kb::EntityId, &'a Role)> {
    let mut out: Vec<(crate::kb::EntityId, &Role)> = Vec::new();
    for role_ref in roles {
        let Some(role) = kb.entity(role_ref.entity).roles.get(role_ref.role as usize) else { continue };
        let same_body = of.is_none() || role.of.as_ref().and_then(|o| o.entity) == of;
        if same_body && role.held_on(date) && !out.iter().any(|(e, _)| *e == role_ref.entity) {
            out.push((role_ref.entity, role));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::FileId;

    #[test]
    fn titles_compare_across_spelling_order_and_country() {
        let kb = crate::kb::load(&[(
            FileId(0),
            "[[entity]]\nid = \"armenia\"\nkind = \"place\"\nname = \"Armenia\"\ndemonyms = [\"Armenian\"]\n",
        )]);
        let words = |title: &str| title_words(&kb, title, Some("Armenia"));
        let want = words("Minister of Defence");
        for title in [
            "Defense Minister",
            "Armenian Minister of Defense",
            "Armenia's Defence Minister",
            "minister of the defence",
        ] {
            assert_eq!(words(title), want, "{title}");
        }
        assert_ne!(words("Deputy Minister of Defence"), want);
        assert_ne!(words("Foreign Minister"), want);
    }
}
