//! Checks and what they produce: [`Rule`] (a check's identity and docs), [`Finding`] (one
//! problem at one place) and [`Fix`] (edits that solve it).
//!
//! A check is one file under `checks/<group>/` holding its documentation (`//!` with the
//! headings What it finds / Why it matters / Example / Instead / Fix / Options), a `RULE`
//! constant and a `run` function, plus one line in [`registry`]. Checks never do IO and
//! never depend on each other; they read a context and push findings.

pub mod registry;
pub mod selection;

mod annotation;
mod corpus;
mod date;
mod kb;
mod name;

/// `corpus/internal-error`, which the analysis host reports whatever the selection says.
pub use corpus::internal_error::RULE as INTERNAL_ERROR;
pub use corpus::unused_suppression::RULE as UNUSED_SUPPRESSION;

use std::fmt;
use std::path::Path;

use crate::corpus::suppression::Suppression;
use crate::corpus::{Article, Config, FileId, FileProblem};
use crate::dates::Timex;
use crate::formats::brat_conf::BratConfig;
use crate::formats::{AnnotatedDocument, FileRole, Format, Problem, StaleAnchor, TextOrigin};
use crate::kb::Kb;
use crate::mentions::annotated::SpanLink;
use crate::mentions::{Mention, Mentions};
use crate::span::Span;
use crate::ties::Ties;

/// How much a finding matters. Ordered: `Hint < Info < Warning < Error`.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub enum Severity {
    Hint,
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(text: &str) -> Option<Severity> {
        match text {
            "hint" => Some(Severity::Hint),
            "info" | "information" => Some(Severity::Info),
            "warning" | "warn" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A check's identity: stable code, default severity, one-line summary, documentation, and
/// what it runs on.
pub struct Rule {
    /// `group/kebab-name`, naming the problem (not the fix). Never changes once released.
    pub code: &'static str,
    pub summary: &'static str,
    pub severity: Severity,
    /// Whether its findings come with a fix, and how sure (`dateline rules`); what the
    /// `## Fix` section of its documentation says, which a test holds them to.
    pub fix: FixOffer,
    pub pass: Pass,
    /// The check's own source file, whose `//!` header is its documentation.
    pub source: &'static str,
}

impl fmt::Debug for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code)
    }
}

impl Rule {
    /// The documentation: the check file's `//!` header, as Markdown.
    pub fn doc(&self) -> String {
        let mut doc = String::new();
        for line in self.source.lines() {
            let Some(rest) = line.strip_prefix("//!") else {
                break;
            };
            doc.push_str(rest.strip_prefix(' ').unwrap_or(rest));
            doc.push('\n');
        }
        doc
    }

    /// One `## Heading` section of the documentation, without its heading.
    pub fn doc_section(&self, heading: &str) -> Option<String> {
        let doc = self.doc();
        let start = doc.find(&format!("\n## {heading}\n"))? + heading.len() + 5;
        let body = &doc[start..];
        let end = body.find("\n## ").map_or(body.len(), |i| i + 1);
        Some(body[..end].trim().to_owned())
    }

    pub fn group(&self) -> &'static str {
        self.code.split('/').next().unwrap_or(self.code)
    }
}

/// What a check's findings offer to change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixOffer {
    /// Nothing: the finding is for a person to settle.
    None,
    /// A fix `--fix` applies.
    Safe,
    /// A fix that needs a person's judgement: applied only with `--unsafe-fixes`.
    Unsafe,
    /// Safe in some cases, unsafe in others (the documentation says which).
    SafeOrUnsafe,
    /// No fix, but a code action in the editor (add a KB entry, a publication date).
    EditorOnly,
}

impl FixOffer {
    /// As `dateline rules` shows it.
    pub fn as_str(self) -> &'static str {
        match self {
            FixOffer::None => "-",
            FixOffer::Safe => "safe",
            FixOffer::Unsafe => "unsafe",
            FixOffer::SafeOrUnsafe => "safe/unsafe",
            FixOffer::EditorOnly => "editor",
        }
    }

    /// Whether a finding's fix of this applicability keeps the promise.
    pub fn allows(self, applicability: Applicability) -> bool {
        matches!(
            (self, applicability),
            (FixOffer::Safe | FixOffer::SafeOrUnsafe, Applicability::Safe)
                | (FixOffer::Unsafe | FixOffer::SafeOrUnsafe, Applicability::Unsafe)
        )
    }
}

/// What a check looks at. Each pass has its own context type so a check can only read
/// what it is meant to.
pub enum Pass {
    /// Every corpus file, before parsing: could it be read at all?
    File(fn(&FileCtx<'_>, &mut Vec<Finding>)),
    /// Every article, after parsing and mention finding.
    Article(fn(&ArticleCtx<'_>, &mut Vec<Finding>)),
    /// The KB as a whole, once per KB load.
    Kb(fn(&KbCtx<'_>, &mut Vec<Finding>)),
    /// One KB entity across every article that mentions it, for facts that span articles.
    /// Re-run for an entity whenever an article mentioning it changes.
    Corpus(fn(&CorpusCtx<'_>, &mut Vec<Finding>)),
    /// Both: the article part for what one article shows, the corpus part for what only
    /// the corpus does (one rule, one code, whichever scope the config asks for).
    ArticleAndCorpus(fn(&ArticleCtx<'_>, &mut Vec<Finding>), fn(&CorpusCtx<'_>, &mut Vec<Finding>)),
    /// An article's suppression comments, after the other checks' findings were matched
    /// against them.
    Suppression(fn(&SuppressionCtx<'_>, &mut Vec<Finding>)),
    /// One annotation file as read with its text and `annotation.conf` (or a brat
    /// `annotation.conf` itself).
    Annotation(fn(&AnnotationCtx<'_>, &mut Vec<Finding>)),
    /// One collection of annotated documents, for facts across its documents. Re-run for a
    /// collection whenever one of its documents changes.
    Collection(fn(&CollectionCtx<'_>, &mut Vec<Finding>)),
    /// One document's versions by the annotators of `[agreement]` (and its curated copy).
    /// Re-run for a document whenever one of its versions changes.
    Agreement(fn(&AgreementCtx<'_>, &mut Vec<Finding>)),
}

/// One annotation file as the annotation checks see it: a brat `.ann` (read against its
/// `.txt` and `annotation.conf`), a WebAnno TSV or CoNLL-U file, or a brat `annotation.conf`.
pub struct AnnotationCtx<'a> {
    pub file: FileId,
    /// Where the document text is: the brat `.txt`, or `file` itself (TSV, CoNLL-U); `None`
    /// for a `.ann` without its `.txt`, and for an `annotation.conf`.
    pub text_file: Option<FileId>,
    /// The brat `annotation.conf` the file was checked against.
    pub conf_file: Option<FileId>,
    pub format: Option<Format>,
    /// The annotation file's contents.
    pub source: &'a str,
    /// The document as read; `None` when there is nothing to read it against.
    pub doc: Option<&'a dyn AnnotatedDocument>,
    /// What the reader found wrong: the document's problems, or the configuration's.
    pub problems: &'a [Problem],
    /// Parallel to the document's spans: the KB entity each stands for.
    pub links: &'a [Option<SpanLink>],
    /// brat: `T` lines whose offsets miss their recorded text while the text occurs
    /// elsewhere, with where (the `.txt` was edited after annotation).
    pub stale: &'a [StaleAnchor],
    /// A brat `.ann` whose `.txt` is not in the corpus.
    pub missing_text: bool,
    pub kb: &'a Kb,
}

impl AnnotationCtx<'_> {
    /// The file and span a reader position is in: problems and their related places say
    /// which file they mean by [`FileRole`].
    pub fn locate(&self, role: FileRole, span: Span) -> Option<(FileId, Span)> {
        match role {
            FileRole::Annotation => Some((self.file, span)),
            FileRole::Config => Some((self.conf_file.unwrap_or(self.file), span)),
            FileRole::Text => {
                let text_file = self.text_file?;
                let origin = self.doc.map(|d| d.origin());
                Some((text_file, to_file(origin, span)?))
            }
        }
    }
}

/// Where a span of a document's text is written in the file holding it.
pub(crate) fn to_file(origin: Option<&TextOrigin>, span: Span) -> Option<Span> {
    match origin {
        Some(origin) if !origin.is_identity() => origin.to_file(span),
        _ => Some(span),
    }
}

/// One collection of annotated documents: the annotation files of one folder (for brat, the
/// folder of the `annotation.conf` they share).
pub struct CollectionCtx<'a> {
    pub folder: &'a Path,
    pub kb: &'a Kb,
    /// Sorted by annotation file.
    pub documents: Vec<CollectionDoc<'a>>,
}

/// One annotated document of a collection.
#[derive(Clone, Copy)]
pub struct CollectionDoc<'a> {
    /// The annotation file.
    pub file: FileId,
    /// Where the text is: the brat `.txt`, or the annotation file itself.
    pub text_file: FileId,
    pub format: Format,
    /// The annotation file's contents, for edits that add to it.
    pub source: &'a str,
    pub doc: &'a dyn AnnotatedDocument,
    pub conf: Option<&'a BratConfig>,
    /// Parallel to the document's spans.
    pub links: &'a [Option<SpanLink>],
    /// KB names the automaton found in the text and no annotation asserts (brat `.txt`),
    /// in document-text coordinates.
    pub kb_mentions: &'a [Mention],
    /// Whether every annotation's offsets select its recorded text: when not (the text was
    /// edited, offsets are off), what the annotations cover here cannot be trusted.
    pub offsets_hold: bool,
}

impl CollectionDoc<'_> {
    /// Where a span of the document text is written in [`CollectionDoc::text_file`].
    pub fn text_span(&self, span: Span) -> Option<Span> {
        to_file(Some(self.doc.origin()), span)
    }
}

/// One document as each annotator of `[agreement]` labelled it, with its curated copy.
pub struct AgreementCtx<'a> {
    /// The document's path inside the annotators' folders.
    pub document: &'a str,
    /// The annotators' folders, as `[agreement] annotators` names them.
    pub annotators: &'a [String],
    /// Parallel to `annotators`: each one's version, where it has one (at least two do).
    pub versions: Vec<Option<CollectionDoc<'a>>>,
    /// The version in the `curated` folder, where there is one.
    pub curated: Option<CollectionDoc<'a>>,
}

/// One article as corpus checks see it.
#[derive(Clone, Copy)]
pub struct CorpusArticle<'a> {
    pub file: FileId,
    pub text: &'a str,
    pub article: &'a Article,
    pub mentions: &'a Mentions,
    pub dates: &'a [Timex],
    pub ties: &'a Ties,
}

/// What a corpus check looks at across articles.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject<'a> {
    /// A KB entity, with every article mentioning it.
    Entity(crate::kb::EntityId),
    /// A named event the KB does not know, by its key (`zapad-2021 exercises`), with every
    /// article that dates it.
    NamedEvent(&'a str),
}

/// One subject and every article about it.
pub struct CorpusCtx<'a> {
    pub subject: Subject<'a>,
    pub kb: &'a Kb,
    pub config: &'a Config,
    /// Sorted by file.
    pub articles: Vec<CorpusArticle<'a>>,
}

pub struct FileCtx<'a> {
    pub file: FileId,
    pub text: &'a str,
    pub problem: Option<&'a FileProblem>,
    /// Set when analysing the file panicked (a bug in dateline): what the panic said and
    /// where. Only the file checks run then.
    pub internal_error: Option<&'a str>,
}

pub struct ArticleCtx<'a> {
    pub file: FileId,
    pub path: &'a Path,
    pub text: &'a str,
    pub article: &'a Article,
    pub mentions: &'a Mentions,
    pub sentences: &'a [Span],
    pub dates: &'a [Timex],
    pub ties: &'a Ties,
    pub kb: &'a Kb,
    pub config: &'a Config,
}

pub struct KbCtx<'a> {
    pub kb: &'a Kb,
}

/// `text` on one line, for quoting in a message: a name or title wrapped across lines in
/// the source reads as one phrase.
pub(crate) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub struct SuppressionCtx<'a> {
    pub file: FileId,
    pub text: &'a str,
    pub suppressions: &'a [Suppression],
    /// Parallel to `suppressions`: what each one did.
    pub usage: &'a [SuppressionUsage],
}

/// What one suppression comment did in this run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SuppressionUsage {
    /// Whether it silenced any finding.
    pub used: bool,
    /// Parallel to the comment's codes.
    pub codes: Vec<CodeUsage>,
}

/// What one code in a suppression comment did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CodeUsage {
    Used,
    /// Its checks ran on this file and found nothing it covers.
    Unused,
    /// None of its checks ran on this file (not selected, off, or ignored for the file):
    /// whether it is needed cannot be told, so it is not reported.
    NotRunning,
    Unknown(selection::UnknownSelector),
}

/// One problem at one place.
#[derive(Clone, Debug)]
pub struct Finding {
    pub rule: &'static Rule,
    /// The effective severity (the rule's default unless configured otherwise).
    pub severity: Severity,
    pub file: FileId,
    pub span: Span,
    pub message: String,
    pub related: Vec<Related>,
    pub fix: Option<Fix>,
    /// Edits a person chooses between, none of them sure enough to be the fix (take one
    /// annotator's labels or another's): offered in the editor, never applied by `--fix`.
    pub alternatives: Vec<Fix>,
}

impl Finding {
    pub fn new(rule: &'static Rule, file: FileId, span: Span, message: impl Into<String>) -> Finding {
        Finding {
            rule,
            severity: rule.severity,
            file,
            span,
            message: message.into(),
            related: Vec::new(),
            fix: None,
            alternatives: Vec::new(),
        }
    }

    pub fn with_related(mut self, file: FileId, span: Span, message: impl Into<String>) -> Finding {
        self.related.push(Related { file, span, message: message.into() });
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Finding {
        self.fix = Some(fix);
        self
    }

    pub fn with_alternative(mut self, fix: Fix) -> Finding {
        self.alternatives.push(fix);
        self
    }

    pub fn code(&self) -> &'static str {
        self.rule.code
    }
}

/// Another place that explains a finding ("first defined here").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    pub file: FileId,
    pub span: Span,
    pub message: String,
}

/// Edits that resolve a finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// What applying it does, as a command: "Replace with `Hulusi Akar`".
    pub title: String,
    pub edits: Vec<Edit>,
    pub applicability: Applicability,
}

impl Fix {
    pub fn replace(
        title: impl Into<String>,
        file: FileId,
        span: Span,
        replacement: impl Into<String>,
        applicability: Applicability,
    ) -> Fix {
        Fix {
            title: title.into(),
            edits: vec![Edit { file, span, replacement: replacement.into() }],
            applicability,
        }
    }
}

/// Whether a fix may be applied without a person looking at it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Applicability {
    /// Keeps the meaning; `check --fix` applies it.
    Safe,
    /// Probably right, but a person should confirm (`--unsafe-fixes`).
    Unsafe,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub file: FileId,
    pub span: Span,
    pub replacement: String,
}

/// The most findings one run of one check reports in one file; the rest are counted in one
/// more finding of the same code ("and 1,498 more ..."). A broken file can give a check
/// thousands of findings (a `.ann` of nested spans, a TSV whose offsets all slipped): beyond
/// the first hundred they tell nothing new, and listing them all floods the output, the
/// editor and memory.
pub const MAX_FINDINGS_PER_CHECK_AND_FILE: usize = 100;

/// Runs one check and caps what it found per file: every pass goes through here, so no check
/// needs a cap of its own.
fn run_capped<C: ?Sized>(
    rule: &'static Rule,
    run: fn(&C, &mut Vec<Finding>),
    ctx: &C,
    out: &mut Vec<Finding>,
) {
    let before = out.len();
    run(ctx, out);
    if out.len() - before > MAX_FINDINGS_PER_CHECK_AND_FILE {
        let found = out.split_off(before);
        cap_findings(rule, found, out);
    }
}

/// Appends to `out` at most [`MAX_FINDINGS_PER_CHECK_AND_FILE`] of one check's `found` per
/// file, the first ones in the file, and for each file with more, one summary finding at the
/// first one left out, with that one's severity.
fn cap_findings(rule: &'static Rule, mut found: Vec<Finding>, out: &mut Vec<Finding>) {
    found.sort_by_key(|f| (f.file, f.span.start, f.span.end));
    let mut rest = found.into_iter().peekable();
    while let Some(first) = rest.next() {
        let file = first.file;
        out.push(first);
        let mut kept = 1;
        let mut omitted: Option<(Finding, usize)> = None;
        while let Some(finding) = rest.next_if(|f| f.file == file) {
            if kept < MAX_FINDINGS_PER_CHECK_AND_FILE {
                out.push(finding);
                kept += 1;
            } else {
                match &mut omitted {
                    Some((_, n)) => *n += 1,
                    None => omitted = Some((finding, 1)),
                }
            }
        }
        if let Some((first_omitted, n)) = omitted {
            let finding = Finding::new(
                rule,
                file,
                first_omitted.span,
                format!(
                    "and {n} more `{}` findings in this file (a check reports at most {MAX_FINDINGS_PER_CHECK_AND_FILE} per file)",
                    rule.code
                ),
            );
            out.push(Finding { severity: first_omitted.severity, ..finding });
        }
    }
}

/// What one kind of check runs on: a context picks its own kind's function out of a rule's
/// [`Pass`], so that [`run`] is the one dispatch loop for every pass.
pub trait Context {
    fn check(pass: &Pass) -> Option<fn(&Self, &mut Vec<Finding>)>;
}

macro_rules! contexts {
    ($($ctx:ident: $($variant:pat => $run:ident),+;)+) => {
        $(impl Context for $ctx<'_> {
            fn check(pass: &Pass) -> Option<fn(&Self, &mut Vec<Finding>)> {
                match pass {
                    $($variant => Some(*$run),)+
                    _ => None,
                }
            }
        })+
    };
}

contexts! {
    FileCtx: Pass::File(run) => run;
    ArticleCtx: Pass::Article(run) => run, Pass::ArticleAndCorpus(run, _) => run;
    KbCtx: Pass::Kb(run) => run;
    CorpusCtx: Pass::Corpus(run) => run, Pass::ArticleAndCorpus(_, run) => run;
    SuppressionCtx: Pass::Suppression(run) => run;
    AnnotationCtx: Pass::Annotation(run) => run;
    CollectionCtx: Pass::Collection(run) => run;
    AgreementCtx: Pass::Agreement(run) => run;
}

/// Runs every enabled check of `ctx`'s kind on it, each capped per file.
pub fn run<C: Context>(ctx: &C, enabled: &dyn Fn(&Rule) -> bool, out: &mut Vec<Finding>) {
    for rule in registry::RULES {
        if let Some(check) = C::check(&rule.pass)
            && enabled(rule)
        {
            run_capped(rule, check, ctx, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nothing(_: &KbCtx<'_>, _: &mut Vec<Finding>) {}

    static RULE: Rule = Rule {
        code: "annotation/malformed-line",
        summary: "",
        severity: Severity::Error,
        fix: FixOffer::None,
        pass: Pass::Kb(nothing),
        source: "",
    };

    /// A check finding `n` problems in each `(file, n)`, last ones first.
    fn finds(files: &[(u32, usize)], out: &mut Vec<Finding>) {
        for &(file, n) in files {
            for i in (0..n).rev() {
                out.push(Finding::new(
                    &RULE,
                    FileId(file),
                    Span::new(10 * i, 10 * i + 1),
                    format!("problem {i}"),
                ));
            }
        }
    }

    #[test]
    fn findings_past_the_cap_are_counted_in_one_finding_per_file() {
        let mut out = Vec::new();
        run_capped(&RULE, finds, &[(1, 250), (2, 100), (3, 101)][..], &mut out);
        let in_file = |file| out.iter().filter(|f| f.file == FileId(file)).collect::<Vec<_>>();
        let first = in_file(1);
        assert_eq!(first.len(), MAX_FINDINGS_PER_CHECK_AND_FILE + 1);
        assert_eq!(first[0].message, "problem 0", "the first ones in the file are kept");
        let summary = first.last().unwrap();
        assert_eq!(
            summary.message,
            "and 150 more `annotation/malformed-line` findings in this file (a check reports at most 100 per file)"
        );
        assert_eq!((summary.span, summary.severity), (Span::new(1000, 1001), Severity::Error));
        assert_eq!(in_file(2).len(), 100, "at the cap: nothing summarized");
        assert_eq!(in_file(3).last().unwrap().message.split(" more").next(), Some("and 1"));
    }

    #[test]
    fn a_check_under_the_cap_is_left_in_its_order() {
        let mut out = Vec::new();
        run_capped(&RULE, finds, &[(1, 3)][..], &mut out);
        let messages: Vec<&str> = out.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(messages, ["problem 2", "problem 1", "problem 0"]);
    }
}
