//! One file's analysis (guarded: a panic costs only that file), the KB's, and the
//! selection, severities and suppressions applied to what they find.

use super::*;
use crate::text::language::ArticleLanguage;

pub(super) fn source_file(path: PathBuf, kind: FileKind, source: SourceText) -> SourceFile {
    SourceFile {
        line_index: LineIndex::new(&source.text),
        path: Arc::from(path),
        kind,
        text: source.text,
        problem: source.problem,
    }
}

pub(super) fn build_kb<'a>(
    config: &Config,
    policy: &Policy,
    files: impl Iterator<Item = (FileId, &'a SourceFile)>,
) -> KbState {
    let kb_files: Vec<(FileId, &SourceFile)> = files.filter(|(_, s)| s.kind == FileKind::Kb).collect();
    let texts: Vec<(FileId, &str)> =
        kb_files.iter().filter(|(_, s)| s.problem.is_none()).map(|(f, s)| (*f, s.text.as_str())).collect();
    texts.iter().for_each(|(_, text)| fault::maybe_panic_in_kb(text));
    let kb = kb::load(&texts);
    let matcher = Matcher::new(&kb);
    let mut findings = Vec::new();
    checks::run(&KbCtx { kb: &kb }, &|rule| policy::runs(policy, rule), &mut findings);
    // KB checks run once for all KB files; per-file ignores and severities apply per file.
    let paths: HashMap<FileId, &Path> =
        kb_files.iter().map(|(file, source)| (*file, &*source.path)).collect();
    policy::settle_anywhere(config, policy, |file| paths.get(&file).copied(), &mut findings);
    sort_findings(&mut findings);
    // Grouped by file (stable: each file's stay in order), so a file finds its own by a
    // binary search, not a scan per read.
    findings.sort_by_key(|f| f.file);
    KbState { kb, matcher, findings }
}

/// Which of the two analysis phases a file belongs to: annotation files (and
/// `annotation.conf`) are read first, since a brat `.txt` takes its mentions from its `.ann`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Phase {
    Annotations,
    Articles,
}

impl Phase {
    pub(super) fn of(kind: FileKind) -> Phase {
        match kind {
            FileKind::Annotation(_) | FileKind::AnnotationConfig => Phase::Annotations,
            FileKind::Article(_) | FileKind::Kb => Phase::Articles,
        }
    }
}

/// Analyses one file. A panic inside (a bug in dateline) costs only this file: it becomes
/// a `corpus/internal-error` finding on it, and the other files, `check`'s run and the
/// server go on.
pub(super) fn analyse(
    file: FileId,
    source: Arc<SourceFile>,
    config: &Config,
    policy: &Policy,
    kb: &KbState,
    lookup: &Lookup<'_>,
) -> FileEntry {
    let guarded = fault::catch(|| {
        fault::maybe_panic(&source.text);
        analyse_unguarded(file, source.clone(), config, policy, kb, lookup)
    });
    guarded.unwrap_or_else(|panic| internal_error(file, source, config, policy, &panic))
}

/// The entry of a file whose analysis panicked: the file checks alone, with the panic
/// reported whatever the selection says (the file was not checked, which a run must not
/// hide), and no analysis, so nothing else reads half-built facts from it.
pub(super) fn internal_error(
    file: FileId,
    source: Arc<SourceFile>,
    config: &Config,
    policy: &Policy,
    panic: &fault::Panic,
) -> FileEntry {
    let selection = policy::for_file(config, policy, &source.path);
    let message = panic.to_string();
    let ctx = FileCtx {
        file,
        text: &source.text,
        problem: source.problem.as_ref(),
        internal_error: Some(&message),
    };
    let mut findings = Vec::new();
    let is_enabled = |rule: &Rule| rule.code == checks::INTERNAL_ERROR.code || selection.is_enabled(rule);
    checks::run(&ctx, &is_enabled, &mut findings);
    entry(source, None, None, findings, &selection)
}

/// A file's slot from what its analysis produced: the findings at their configured
/// severities, sorted, and the source they were computed from.
pub(super) fn entry(
    source: Arc<SourceFile>,
    analysis: Option<Arc<ArticleAnalysis>>,
    annotation: Option<Arc<AnnotationAnalysis>>,
    mut findings: Vec<Finding>,
    selection: &FileSelection,
) -> FileEntry {
    policy::settle_file(selection, &mut findings);
    sort_findings(&mut findings);
    FileEntry {
        source: Some(source.clone()),
        analysed: Some(source),
        analysis,
        annotation,
        findings: Arc::from(findings),
        // Stored once the corpus checks have run (`Snapshot::store_corpus_findings`).
        corpus: Arc::from(Vec::new()),
    }
}

pub(super) fn analyse_unguarded(
    file: FileId,
    source: Arc<SourceFile>,
    config: &Config,
    policy: &Policy,
    kb: &KbState,
    lookup: &Lookup<'_>,
) -> FileEntry {
    let mut findings: Vec<Finding> = Vec::new();
    let selection = policy::for_file(config, policy, &source.path);
    let is_enabled = |rule: &Rule| selection.is_enabled(rule);
    let file_ctx =
        FileCtx { file, text: &source.text, problem: source.problem.as_ref(), internal_error: None };
    checks::run(&file_ctx, &is_enabled, &mut findings);
    let readable = !source.problem.as_ref().is_some_and(corpus::FileProblem::is_unread);
    let mut annotation = None;
    let analysis = match source.kind {
        FileKind::Article(format) if readable => {
            let article = Article::parse(&source.text, format, config.article_meta(&source.path));
            let mut mentions = kb.matcher.find(&source.text, &article, &kb.kb);
            // A brat document's `.txt`: its annotated spans are mentions too.
            let annotations = match format {
                ArticleFormat::Text => lookup.brat_ann(&source.path),
                ArticleFormat::Markdown => None,
            };
            if let Some(ann) = annotations.and_then(|f| lookup.annotation(f)) {
                mentions.add_annotated(ann.text_mentions.clone());
            }
            let mut entities: Vec<_> = mentions.mentions.iter().map(|m| m.entity).collect();
            entities.sort();
            entities.dedup();
            let sentences = crate::text::sentences(&source.text, article.body.range());
            let language = crate::text::language::of_article(
                article.meta.lang.as_ref().map(|l| l.value),
                config.lang,
                &source.text[article.body.range()],
            );
            // Each language with its own date words; a language without them gets no dates:
            // English words found there are noise ("Today" in a song title).
            let dates = match ArticleLanguage::date_language(language.as_ref()) {
                Some(date_language) => tag_dates(&source.text, &article, date_language),
                None => Vec::new(),
            };
            let ties = crate::ties::tie(&source.text, &sentences, &dates, &mentions, &kb.kb);
            let ctx = ArticleCtx {
                file,
                path: &source.path,
                text: &source.text,
                article: &article,
                mentions: &mentions,
                sentences: &sentences,
                dates: &dates,
                ties: &ties,
                kb: &kb.kb,
                config,
            };
            checks::run(&ctx, &is_enabled, &mut findings);
            let suppressions = match format {
                ArticleFormat::Markdown => {
                    suppression::parse_markdown(&source.text, article.body.start as usize)
                }
                ArticleFormat::Text => Vec::new(),
            };
            let suppression_usage = crate::analysis::suppression::silence_own(&suppressions, &mut findings);
            let named_events = events::dated_events(&mentions, &ties);
            let mut analysis = ArticleAnalysis {
                named_events,
                suppressions,
                suppression_usage,
                language,
                article,
                mentions,
                dates,
                ties,
                entities,
                annotations,
            };
            analysis.shrink();
            Some(Arc::new(analysis))
        }
        FileKind::Annotation(format) if readable => {
            let mut analysis = annotation::analyse(&source, format, lookup, kb);
            analysis.agreement =
                config.agreement_version(&source.path).map(|(whose, name)| (whose, Arc::from(name)));
            run_annotation_checks(file, &source, &analysis, kb, &is_enabled, &mut findings);
            annotation = Some(Arc::new(analysis));
            None
        }
        FileKind::AnnotationConfig if readable => {
            let analysis = annotation::analyse_config(&source);
            run_annotation_checks(file, &source, &analysis, kb, &is_enabled, &mut findings);
            annotation = Some(Arc::new(analysis));
            None
        }
        _ => None,
    };
    entry(source, analysis, annotation, findings, &selection)
}

pub(super) fn run_annotation_checks(
    file: FileId,
    source: &SourceFile,
    analysis: &annotation::AnnotationAnalysis,
    kb: &KbState,
    is_enabled: &dyn Fn(&Rule) -> bool,
    findings: &mut Vec<Finding>,
) {
    let is_config = source.kind == FileKind::AnnotationConfig;
    let ctx = AnnotationCtx {
        file,
        text_file: analysis.text_file,
        conf_file: if is_config { Some(file) } else { analysis.conf_file() },
        format: analysis.format,
        source: &source.text,
        doc: analysis.document(),
        problems: analysis.problems(),
        links: &analysis.links,
        stale: &analysis.stale,
        missing_text: analysis.format == Some(Format::Brat) && analysis.text_file.is_none(),
        kb: &kb.kb,
    };
    checks::run(&ctx, is_enabled, findings);
}

/// The date expressions of an article's body, resolved against its publication date when
/// it is known to the day, outside code and link targets.
pub(super) fn tag_dates(
    text: &str,
    article: &Article,
    language: crate::dates::DateLanguage,
) -> Vec<crate::dates::Timex> {
    let dct = article.date().and_then(|d| d.as_date());
    let ctx = crate::dates::TagContext { dct, language, ..crate::dates::TagContext::default() };
    let body = article.body.range();
    let mut dates = crate::dates::tag(&text[body.clone()], &ctx);
    for timex in &mut dates {
        shift_timex(timex, body.start);
    }
    dates.retain(|t| !article.is_excluded(t.span));
    dates
}

/// Moves a timex found in a slice to the coordinates of the whole file.
pub(super) fn shift_timex(timex: &mut crate::dates::Timex, by: usize) {
    timex.span = timex.span.shift(by);
    if let crate::dates::Resolution::Narrative { anchor } = &mut timex.resolution {
        *anchor = anchor.shift(by);
    }
    if let Some(range) = &mut timex.range {
        shift_timex(&mut range.from, by);
        shift_timex(&mut range.to, by);
    }
}
