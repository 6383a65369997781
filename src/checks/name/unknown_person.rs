//! ## What it finds
//! A person introduced with a title or role whom the KB does not know: `Deputy Spokesman
//! Farhan Haq`, `ombudsman Gegham Stepanyan`.
//!
//! ## Why it matters
//! People the KB does not know get no hover, no role checks and no references. A title
//! plus a full name is how news introduces someone who matters to the story, so this is a
//! list of candidates for the KB, not a mistake in the article.
//!
//! ## Example
//! ```markdown
//! At the UN, Deputy Spokesman Farhan Haq said ...
//! ```
//!
//! ## Instead
//! Add the person to the KB:
//! ```toml
//! [[entity]]
//! id = "farhan-haq"
//! kind = "person"
//! name = "Farhan Haq"
//! ```
//!
//! ## Fix
//! In an editor, a code action writes that entry into the KB file that holds people,
//! keeping its formatting and comments. Nothing is changed by `check --fix`.
//!
//! ## Options
//! Information level; turn it off with `[checks.severity] "name/unknown-person" = "off"`.

use crate::checks::{ArticleCtx, Finding, FixOffer, Pass, Related, Rule, Severity};

pub static RULE: Rule = Rule {
    code: "name/unknown-person",
    summary: "a person introduced with a title is not in the KB",
    severity: Severity::Info,
    fix: FixOffer::EditorOnly,
    pass: Pass::Article(run),
    source: include_str!("unknown_person.rs"),
};

fn run(ctx: &ArticleCtx<'_>, out: &mut Vec<Finding>) {
    // One finding per person and article, at the first introduction; the others are
    // related locations, so an article about one unknown official is one line, not ten.
    let mut reported: Vec<(&str, Finding)> = Vec::new();
    for person in &ctx.mentions.unknown_people {
        let Some(title) = person.title else { continue };
        let name = person.full.as_str();
        if let Some((_, finding)) = reported.iter_mut().find(|(n, _)| *n == name) {
            finding.related.push(Related {
                file: ctx.file,
                span: person.name,
                message: "introduced again here".to_owned(),
            });
            continue;
        }
        let title = crate::checks::one_line(&ctx.text[title.range()]);
        let message = format!("`{name}` (introduced as `{title}`) is not in the KB");
        reported.push((name, Finding::new(&RULE, ctx.file, person.name, message)));
    }
    out.extend(reported.into_iter().map(|(_, finding)| finding));
}
