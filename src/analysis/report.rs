//! What a report shows beside the findings: per entity, its KB record against the dates of
//! the articles that mention it (the role check made visible), and which entities a finding
//! is about (for filtering findings by entity).

use super::Snapshot;
use crate::checks::{Finding, Rule};
use crate::corpus::{FileId, FileKind};
use crate::dates::PartialDate;
use crate::kb::{DateRange, EntityId, Role};
use crate::span::Span;

/// The code of the check whose findings a timeline marks. Checks are private to
/// `checks/`; the registry test below keeps this name true.
const ROLE_CHECK: &str = "name/role-mismatch";

/// One entity's KB record and the corpus's dates about it.
#[derive(Debug)]
pub struct Timeline<'a> {
    pub entity: EntityId,
    /// A person's roles, each with its `from`/`to`.
    pub roles: &'a [Role],
    /// An event's dates.
    pub when: Option<&'a DateRange>,
    /// Every article mentioning the entity, by file order.
    pub articles: Vec<DatedArticle>,
    /// Titles given to the entity that the role check found wrong on their article's date.
    pub misfits: Vec<Misfit>,
}

/// An article mentioning an entity, with its publication date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DatedArticle {
    pub file: FileId,
    /// `None` for an undated article.
    pub date: Option<PartialDate>,
    /// How often it mentions the entity.
    pub mentions: u32,
    /// The first mention.
    pub first: Span,
}

/// A title the role check found wrong for the entity: where it is written, and the finding
/// that says so (its span, which a report uses to link the two).
#[derive(Clone, Copy, Debug)]
pub struct Misfit {
    pub file: FileId,
    pub date: Option<PartialDate>,
    /// The title as written.
    pub title: Span,
    /// The span of the role check's finding: the title itself, or the publication date when
    /// several titles point at a wrong date.
    pub finding: Span,
    /// The role check, whose code with `finding` names the finding.
    pub rule: &'static Rule,
}

impl Snapshot {
    /// The timelines of the entities that have a KB record in time (a person's roles, an
    /// event's dates) and that some article mentions, in KB order.
    pub fn timelines(&self) -> Vec<Timeline<'_>> {
        (0..self.kb().entities().len())
            .map(|i| EntityId(i as u32))
            .filter(|&id| {
                let entity = self.kb().entity(id);
                !entity.roles.is_empty() || entity.when.is_some()
            })
            .filter_map(|id| self.timeline(id))
            .filter(|t| !t.articles.is_empty())
            .collect()
    }

    /// `entity`'s timeline, or `None` for an id the KB does not have.
    pub fn timeline(&self, entity: EntityId) -> Option<Timeline<'_>> {
        let record = self.kb().entities().get(entity.index())?;
        let files = self.entities.get(entity.index()).map_or(&[][..], |e| &e.keyed.files[..]);
        let mut articles = Vec::new();
        let mut misfits = Vec::new();
        for &file in files {
            let Some(analysis) = self.article(file) else { continue };
            let mut own = analysis.mentions.mentions.iter().filter(|m| m.entity == entity);
            let Some(first) = own.next() else { continue };
            let date = analysis.article.date();
            articles.push(DatedArticle { file, date, mentions: 1 + own.count() as u32, first: first.span });
            let role_findings: Vec<Finding> =
                self.findings(file).into_iter().filter(|f| f.rule.code == ROLE_CHECK).collect();
            let Some(text) = self.text(file).filter(|_| !role_findings.is_empty()) else { continue };
            let attachments = analysis.mentions.attachments(text);
            for finding in &role_findings {
                // The titles a finding is about: its own span, or (for a wrong date) its
                // related places in the article.
                let titles = std::iter::once(finding.span)
                    .chain(finding.related.iter().filter(|r| r.file == file).map(|r| r.span));
                for title in titles {
                    let theirs =
                        attachments.iter().any(|a| a.title.span == title && a.mention.entity == entity);
                    if theirs && !misfits.iter().any(|m: &Misfit| m.file == file && m.title == title) {
                        misfits.push(Misfit { file, date, title, finding: finding.span, rule: finding.rule });
                    }
                }
            }
        }
        Some(Timeline { entity, roles: &record.roles, when: record.when.as_ref(), articles, misfits })
    }

    /// The KB entities `finding` is about: those mentioned (or nearly named) where it or
    /// one of its related places points in an article, and those whose KB entry holds such
    /// a place. Sorted, without repeats.
    pub fn finding_entities(&self, finding: &Finding) -> Vec<EntityId> {
        let places = std::iter::once((finding.file, finding.span))
            .chain(finding.related.iter().map(|r| (r.file, r.span)));
        let mut out = Vec::new();
        for (file, span) in places {
            let hits = |mention: Span| mention.overlaps(span) || mention == span;
            if let Some(analysis) = self.article(file) {
                let mentions = &analysis.mentions;
                out.extend(mentions.mentions.iter().filter(|m| hits(m.span)).map(|m| m.entity));
                out.extend(mentions.near_misses.iter().filter(|m| hits(m.span)).map(|m| m.entity));
            } else if let Some((mentions, _)) = self.files.get(file.index()).and_then(|e| e.mentions()) {
                out.extend(mentions.mentions.iter().filter(|m| hits(m.span)).map(|m| m.entity));
            } else if self.source(file).is_some_and(|s| s.kind == FileKind::Kb) {
                let entities = self.kb().entities().iter().enumerate();
                out.extend(
                    entities
                        .filter(|(_, e)| e.origin.file == file && e.origin.table.contains_span(span))
                        .map(|(i, _)| EntityId(i as u32)),
                );
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::AnalysisHost;
    use crate::corpus::Config;
    use crate::dates::PartialDate;

    #[test]
    fn the_role_check_is_registered_under_its_code() {
        assert!(crate::checks::registry::rule(super::ROLE_CHECK).is_some());
    }

    #[test]
    fn a_timeline_holds_the_roles_the_dated_mentions_and_the_title_that_does_not_fit() {
        let dir = tempfile::tempdir().unwrap();
        let kb = "[[entity]]\nid = \"akar\"\nkind = \"person\"\nname = \"Hulusi Akar\"\n\
                  [[entity.role]]\ntitle = \"Defence Minister\"\nfrom = \"2018-07-10\"\nto = \"2023-06-04\"\n\
                  [[entity]]\nid = \"baku\"\nkind = \"place\"\nname = \"Baku\"\n";
        std::fs::create_dir_all(dir.path().join("kb")).unwrap();
        std::fs::write(dir.path().join("kb/kb.toml"), kb).unwrap();
        let fits = "---\ndate: 2021-11-17\n---\nDefence Minister Hulusi Akar was in Baku.\n";
        let late = "---\ndate: 2023-09-21\n---\nDefence Minister Hulusi Akar spoke. Akar left.\n";
        std::fs::write(dir.path().join("a.md"), fits).unwrap();
        std::fs::write(dir.path().join("b.md"), late).unwrap();
        let host = AnalysisHost::load(Config::defaults(dir.path().to_path_buf()));
        let snapshot = host.snapshot();
        let timelines = snapshot.timelines();
        assert_eq!(timelines.len(), 1, "Baku has no record in time: {timelines:#?}");
        let akar = &timelines[0];
        assert_eq!(akar.roles.len(), 1);
        let dates: Vec<_> = akar.articles.iter().map(|a| (a.date, a.mentions)).collect();
        assert_eq!(
            dates,
            [
                (Some(PartialDate::from_date(jiff::civil::date(2021, 11, 17))), 1),
                (Some(PartialDate::from_date(jiff::civil::date(2023, 9, 21))), 2)
            ]
        );
        assert_eq!(akar.misfits.len(), 1, "{:#?}", akar.misfits);
        let misfit = akar.misfits[0];
        assert_eq!(misfit.date, Some(PartialDate::from_date(jiff::civil::date(2023, 9, 21))));
        assert_eq!(&late[misfit.title.range()], "Defence Minister");
        // The finding is about Akar, the one it names; the Baku mention of the other
        // article is about Baku.
        let b = snapshot.file_id(&dir.path().join("b.md")).unwrap();
        let finding = snapshot.findings(b).into_iter().find(|f| f.span == misfit.finding).unwrap();
        let names: Vec<&str> = snapshot
            .finding_entities(&finding)
            .iter()
            .map(|&e| snapshot.kb().entity(e).key.as_str())
            .collect();
        assert_eq!(names, ["akar"]);
    }
}
