//! Assists: the edits an editor offers as code actions at a place. Quick fixes come from
//! the findings' own fixes (one, or all of a kind in the file); KB assists write to the KB
//! (add a spelling as an alias or a variant, create an entry for an unknown person).

use std::collections::BTreeMap;

use super::Snapshot;
use crate::checks::{Applicability, Edit, Finding};
use crate::corpus::FileClassifier;
use crate::corpus::{FileId, FileKind};
use crate::kb::edit::{self, FormList};
use crate::kb::{EntityId, EntityKind};
use crate::mentions::Written;
use crate::span::Span;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum AssistKind {
    /// Resolves a finding.
    QuickFix,
    /// Changes the KB rather than the article.
    KbEdit,
}

#[derive(Clone, Debug)]
pub struct Assist {
    pub title: String,
    pub kind: AssistKind,
    pub edits: Vec<Edit>,
    /// The findings this resolves (their code and span), so the editor can link them.
    pub resolves: Vec<(&'static str, FileId, Span)>,
    /// The obvious choice (a safe fix for the finding under the cursor).
    pub preferred: bool,
    /// Files the assist creates (a first KB file), with their text.
    pub new_files: Vec<NewFile>,
}

/// A file an assist creates: it does not exist yet, so it has no [`FileId`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewFile {
    pub path: std::path::PathBuf,
    pub text: String,
}

/// The KB file the editor creates for a corpus without one.
const NEW_KB_FILE: &str = "kb/people.toml";

impl Snapshot {
    /// Everything that can be done at `range` in `file`.
    pub fn assists(&self, file: FileId, range: Span) -> Vec<Assist> {
        let mut out = Vec::new();
        let findings = self.findings(file);
        let here: Vec<&Finding> = findings
            .iter()
            .filter(|f| f.span.overlaps(range) || f.span.touches(range.start as usize))
            .collect();
        for finding in &here {
            // The fix, then the alternatives a person picks from (never preferred).
            for (fix, preferred) in finding
                .fix
                .iter()
                .map(|fix| (fix, fix.applicability == Applicability::Safe))
                .chain(finding.alternatives.iter().map(|fix| (fix, false)))
            {
                out.push(Assist {
                    title: fix.title.clone(),
                    kind: AssistKind::QuickFix,
                    edits: fix.edits.clone(),
                    resolves: vec![(finding.code(), finding.file, finding.span)],
                    preferred,
                    new_files: Vec::new(),
                });
            }
        }
        // Fix every finding of a kind in the file at once, when there is more than one.
        let mut by_code: BTreeMap<&'static str, Vec<&Finding>> = BTreeMap::new();
        for finding in findings.iter().filter(|f| f.fix.is_some()) {
            by_code.entry(finding.code()).or_default().push(finding);
        }
        for finding in &here {
            let Some(all) = by_code.remove(finding.code()) else { continue };
            if all.len() < 2 {
                continue;
            }
            let mut edits: Vec<Edit> = Vec::new();
            let mut resolves = Vec::new();
            for one in &all {
                let fix = one.fix.as_ref().expect("filtered on fixes");
                // Skip fixes whose edits conflict with one already taken (as the fixer does:
                // two insertions at one place, such as two new lines for one file's end).
                if fix
                    .edits
                    .iter()
                    .any(|e| edits.iter().any(|t| t.file == e.file && super::fix::conflict(t, e)))
                {
                    continue;
                }
                edits.extend(fix.edits.iter().cloned());
                resolves.push((one.code(), one.file, one.span));
            }
            if resolves.len() < 2 {
                continue;
            }
            out.push(Assist {
                title: format!("Fix all `{}` in this file ({})", finding.code(), resolves.len()),
                kind: AssistKind::QuickFix,
                edits,
                resolves,
                preferred: false,
                new_files: Vec::new(),
            });
        }
        out.extend(self.kb_assists(file, range));
        out
    }

    fn kb_assists(&self, file: FileId, range: Span) -> Vec<Assist> {
        let mut out = Vec::new();
        let Some(analysis) = self.article(file) else { return out };
        let Some(text) = self.text(file) else { return out };
        let one_line = |span: Span| text[span.range()].split_whitespace().collect::<Vec<_>>().join(" ");
        let mut spellings: Vec<(EntityId, String)> = Vec::new();
        for miss in analysis
            .mentions
            .near_misses
            .iter()
            .filter(|m| m.span.overlaps(range) || m.span.touches(range.start as usize))
        {
            spellings.push((miss.entity, one_line(miss.span)));
        }
        for mention in analysis.mentions.mentions.iter().filter(|m| m.span.touches(range.start as usize)) {
            if matches!(mention.written, Written::Undiacritized(_)) {
                spellings.push((mention.entity, one_line(mention.span)));
            }
        }
        for (entity, written) in spellings {
            for list in [FormList::Aliases, FormList::Variants] {
                if let Some(assist) = self.add_form_assist(entity, &written, list) {
                    out.push(assist);
                }
            }
        }
        let touches = |span: Span| span.overlaps(range) || span.touches(range.start as usize);
        if analysis.article.date().is_none()
            && analysis.dates.iter().any(|t| t.is_unresolved() && touches(t.span))
            && let Some(assist) = add_date_assist(file, analysis)
        {
            out.push(assist);
        }
        for person in analysis.mentions.unknown_people.iter().filter(|p| p.name.touches(range.start as usize))
        {
            if let Some(assist) = self.new_person_assist(file, person) {
                out.push(assist);
            }
        }
        out
    }

    fn add_form_assist(&self, entity: EntityId, written: &str, list: FormList) -> Option<Assist> {
        let target = self.kb().entity(entity);
        let kb_text = self.text(target.origin.file)?;
        let change = edit::add_form(kb_text, &target.key, list, written)?;
        let (what, meaning) = match list {
            FormList::Aliases => ("an alias", "accepted from now on"),
            FormList::Variants => ("a variant", "flagged and fixed to the name"),
        };
        Some(Assist {
            title: format!("Add `{written}` to the KB as {what} of {} ({meaning})", target.name.text),
            kind: AssistKind::KbEdit,
            edits: vec![Edit {
                file: target.origin.file,
                span: change.span,
                replacement: change.replacement,
            }],
            resolves: Vec::new(),
            preferred: false,
            new_files: Vec::new(),
        })
    }

    /// "Create a KB entry": the person with the title the article introduces them with,
    /// attested on its date, appended to the KB file holding most people, or, in a corpus
    /// without a KB file, in a new `kb/people.toml` (when the config's KB globs take it).
    fn new_person_assist(&self, file: FileId, person: &crate::mentions::UnknownPerson) -> Option<Assist> {
        let stub = self.person_stub(file, person)?;
        let role = stub.roles.first().map(|r| format!(" as {}", r.title)).unwrap_or_default();
        let title = |target: &str| format!("Create a KB entry for `{}`{role} in {target}", person.full);
        if let Some(kb_file) = self.people_file() {
            let kb_text = self.text(kb_file)?;
            let change = edit::append_stubs(kb_text, std::slice::from_ref(&stub));
            let name =
                self.path(kb_file).and_then(|p| p.file_name()).map(|n| n.to_string_lossy().into_owned());
            return Some(Assist {
                title: title(&name.unwrap_or_default()),
                kind: AssistKind::KbEdit,
                edits: vec![Edit { file: kb_file, span: change.span, replacement: change.replacement }],
                resolves: Vec::new(),
                preferred: false,
                new_files: Vec::new(),
            });
        }
        let path = self.config().root.join(NEW_KB_FILE);
        if path.exists() || FileClassifier::new(self.config()).classify(&path) != Some(FileKind::Kb) {
            return None;
        }
        let header = "# People of this corpus: one [[entity]] each (see the dateline README, \"The KB\").\n";
        let text = format!("{header}{}", edit::append_stubs(header, std::slice::from_ref(&stub)).replacement);
        Some(Assist {
            title: title(NEW_KB_FILE),
            kind: AssistKind::KbEdit,
            edits: Vec::new(),
            resolves: Vec::new(),
            preferred: false,
            new_files: vec![NewFile { path, text }],
        })
    }

    /// The KB file new people go to: the one holding the most people (ties: path order),
    /// else the first KB file.
    fn people_file(&self) -> Option<FileId> {
        let kb_files: Vec<FileId> =
            self.files().filter(|&f| self.source(f).is_some_and(|s| s.kind == FileKind::Kb)).collect();
        let count = |file: FileId| {
            self.kb()
                .entities()
                .iter()
                .filter(|e| e.origin.file == file && e.kind == EntityKind::Person)
                .count()
        };
        kb_files
            .iter()
            .copied()
            .max_by_key(|&f| (count(f), std::cmp::Reverse(f)))
            .or(kb_files.first().copied())
    }
}

/// Adds `date:` to a Markdown article's front matter (creating the front matter if there is
/// none), proposing the latest explicit day the article names: a guess to confirm, which
/// the title says.
fn add_date_assist(file: FileId, analysis: &super::ArticleAnalysis) -> Option<Assist> {
    use crate::corpus::ArticleFormat;
    use crate::corpus::article::FrontMatterKind;
    let article = &analysis.article;
    if article.format != ArticleFormat::Markdown {
        return None;
    }
    let latest = analysis
        .dates
        .iter()
        .filter(|t| !t.is_relative())
        .filter_map(|t| t.interval.filter(|(a, b)| a == b).map(|(day, _)| day))
        .max();
    let (date, why) = match latest {
        Some(day) => (day.to_string(), "the latest day the article names: check it"),
        None => ("YYYY-MM-DD".to_owned(), "fill in the publication date"),
    };
    let (span, insert) = match &article.front_matter {
        Some(front) => {
            let line = match front.kind {
                FrontMatterKind::Yaml => format!("date: {date}\n"),
                FrontMatterKind::Toml if latest.is_some() => format!("date = {date}\n"),
                FrontMatterKind::Toml => format!("date = \"{date}\"\n"),
            };
            (Span::empty(front.content.end as usize), line)
        }
        None => (Span::empty(0), format!("---\ndate: {date}\n---\n")),
    };
    Some(Assist {
        title: format!("Add `date: {date}` to the front matter ({why})"),
        kind: AssistKind::QuickFix,
        edits: vec![Edit { file, span, replacement: insert }],
        resolves: analysis
            .dates
            .iter()
            .filter(|t| t.is_unresolved())
            .map(|t| ("date/relative-unresolved", file, t.span))
            .collect(),
        preferred: false,
        new_files: Vec::new(),
    })
}
