//! `--output-format html`: one self-contained page for people who will not read a
//! terminal. A summary (findings by check and severity, and per article), every finding
//! with its excerpt, related places as links and its fix, and per entity a timeline (inline
//! SVG, `html/timeline.rs`) of its KB record beside the dates of the articles mentioning
//! it, with the titles the role check found wrong marked. Filters by check, severity,
//! entity and article run in plain JavaScript (`html/report.js`) and live in the URL
//! fragment (`report.html#check=name/variant&severity=warning`), so a link shares a view.
//!
//! Everything from the corpus and the KB is text: control characters are made visible (as
//! in the terminal formats), then `& < > " '` are escaped. The page loads nothing: its
//! style and script are inline, and its Content-Security-Policy allows only those two (by
//! their SHA-256), so no request leaves the page and no other script runs even if some
//! text were to slip through unescaped.

mod timeline;

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::Path;

use base64::Engine;

use super::escape::printable;
use super::{Located, Report, applicability_str};
use crate::analysis::{Misfit, Snapshot, Timeline};
use crate::checks::{Finding, Severity};
use crate::corpus::FileId;
use crate::kb::EntityId;
use crate::span::Span;

const STYLE: &str = include_str!("html/report.css");
const SCRIPT: &str = include_str!("html/report.js");

/// The order severities are shown in: the loudest first.
const SEVERITIES: [Severity; 4] = [Severity::Error, Severity::Warning, Severity::Info, Severity::Hint];

/// Characters of context shown either side of a finding in a long line.
const CONTEXT: usize = 90;

/// At most this many entity timelines are drawn (those with role findings first); the page
/// says how many more there are.
const MAX_TIMELINES: usize = 200;

/// `text` for HTML element content and quoted attribute values: control and bidirectional
/// characters made visible, then the five special characters escaped.
fn esc(text: &str) -> String {
    quick_xml::escape::escape(printable(text)).into_owned()
}

/// A file of some corpus of the report: the corpus's index in `Report::corpora`, and the
/// file.
type CorpusFile = (usize, FileId);

/// Where things are on the page, so that related places, timeline marks and entity chips
/// link within it.
struct Anchors<'r> {
    /// The report's corpora, to find a snapshot's index.
    corpora: &'r [&'r Snapshot],
    /// A finding's id by its corpus, file, span and code.
    findings: HashMap<(CorpusFile, Span, &'static str), usize>,
    /// The first finding at a place.
    places: HashMap<(CorpusFile, Span), usize>,
    /// The section of one file's findings, for places that are not themselves a finding.
    files: HashMap<CorpusFile, usize>,
    /// Entities that have a timeline on the page, and where their KB entries are.
    timelines: HashSet<(usize, EntityId)>,
    kb_entries: HashMap<CorpusFile, Vec<(Span, EntityId)>>,
}

impl Anchors<'_> {
    fn corpus(&self, snapshot: &Snapshot) -> usize {
        self.corpora.iter().position(|s| std::ptr::eq(*s, snapshot)).unwrap_or(0)
    }

    /// The best place on the page for `span` of `file`: a finding there, the timeline of
    /// the KB entry holding it, or the file's findings.
    fn place(&self, snapshot: &Snapshot, file: FileId, span: Span) -> Option<String> {
        let corpus = self.corpus(snapshot);
        if let Some(id) = self.places.get(&((corpus, file), span)) {
            return Some(format!("#f{id}"));
        }
        let entries = self.kb_entries.get(&(corpus, file)).map_or(&[][..], |e| &e[..]);
        if let Some((_, entity)) = entries.iter().find(|(table, _)| table.contains_span(span)) {
            return Some(entity_anchor(corpus, *entity));
        }
        self.files.get(&(corpus, file)).map(|section| format!("#file-{section}"))
    }
}

fn entity_anchor(corpus: usize, entity: EntityId) -> String {
    format!("#entity-{corpus}-{}", entity.0)
}

/// A `file://` URL for a path, for places the page does not show.
fn file_url(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut url = String::from("file://");
    for byte in absolute.to_string_lossy().bytes() {
        if byte.is_ascii_alphanumeric() || b"/-_.~".contains(&byte) {
            url.push(byte as char);
        } else {
            let _ = write!(url, "%{byte:02X}");
        }
    }
    url
}

/// One finding with what the page needs beyond [`Located`].
struct Row<'a, 'r> {
    located: &'r Located<'a>,
    corpus: usize,
    entities: Vec<EntityId>,
}

pub fn write(report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    let page = render(report);
    out.write_all(page.as_bytes())
}

fn render(report: &Report<'_>) -> String {
    let mut anchors = Anchors {
        corpora: &report.corpora,
        findings: HashMap::new(),
        places: HashMap::new(),
        files: HashMap::new(),
        timelines: HashSet::new(),
        kb_entries: HashMap::new(),
    };
    let rows: Vec<Row<'_, '_>> = report
        .findings
        .iter()
        .map(|located| Row {
            located,
            corpus: anchors.corpus(located.snapshot),
            entities: located.snapshot.finding_entities(located.finding),
        })
        .collect();
    // Findings grouped by file, in report order.
    let mut sections: Vec<(CorpusFile, Vec<usize>)> = Vec::new();
    for (id, row) in rows.iter().enumerate() {
        let key = (row.corpus, row.located.finding.file);
        anchors.findings.insert((key, row.located.finding.span, row.located.finding.rule.code), id);
        anchors.places.entry((key, row.located.finding.span)).or_insert(id);
        match anchors.files.get(&key) {
            Some(&section) => sections[section].1.push(id),
            None => {
                anchors.files.insert(key, sections.len());
                sections.push((key, vec![id]));
            }
        }
    }
    let mut timelines: Vec<(usize, Timeline<'_>)> = report
        .corpora
        .iter()
        .enumerate()
        .flat_map(|(corpus, snapshot)| snapshot.timelines().into_iter().map(move |t| (corpus, t)))
        .collect();
    timelines.sort_by_key(|(corpus, t)| {
        let name = &report.corpora[*corpus].kb().entity(t.entity).name.text;
        (std::cmp::Reverse(t.misfits.len()), std::cmp::Reverse(t.articles.len()), name.clone())
    });
    let hidden_timelines = timelines.len().saturating_sub(MAX_TIMELINES);
    timelines.truncate(MAX_TIMELINES);
    for (corpus, t) in &timelines {
        anchors.timelines.insert((*corpus, t.entity));
        let origin = &report.corpora[*corpus].kb().entity(t.entity).origin;
        anchors.kb_entries.entry((*corpus, origin.file)).or_default().push((origin.table, t.entity));
    }

    let mut page = String::new();
    head(&mut page);
    page.push_str("<body>\n<header class=\"top\">\n");
    let roots: Vec<String> =
        report.corpora.iter().map(|s| esc(&s.config().root.display().to_string())).collect();
    let _ = writeln!(
        page,
        "<h1>dateline report</h1>\n<p class=\"meta\">{} · {} files checked · dateline {}\
         <span class=\"jump\"><a href=\"#summary\">Summary</a>{}{}</span></p>",
        roots.join(", "),
        report.files_checked,
        env!("CARGO_PKG_VERSION"),
        if sections.is_empty() { "" } else { " <a href=\"#findings\">Findings</a>" },
        if timelines.is_empty() { "" } else { " <a href=\"#entities\">Entities over time</a>" },
    );
    filters(&mut page, report, &rows, &sections, &timelines);
    page.push_str("</header>\n<main>\n");
    summary(&mut page, report, &rows, &sections);
    findings(&mut page, report, &rows, &sections, &anchors);
    entities(&mut page, report, &timelines, hidden_timelines, &anchors);
    page.push_str("</main>\n");
    let _ = writeln!(page, "<script>{SCRIPT}</script>\n</body>\n</html>");
    page
}

/// The `sha256-...` source expression of an inline element's content.
fn csp_hash(content: &str) -> String {
    let digest = crate::eval::sha256::sha256(content.as_bytes());
    format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(digest))
}

fn head(page: &mut String) {
    let _ = writeln!(
        page,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src {}; script-src {}\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>dateline report</title>\n<style>{STYLE}</style>\n</head>",
        csp_hash(STYLE),
        csp_hash(SCRIPT)
    );
}

/// The filter bar: a select per filter (its options are what the report holds) and the
/// count of findings shown.
fn filters(
    page: &mut String,
    report: &Report<'_>,
    rows: &[Row<'_, '_>],
    sections: &[(CorpusFile, Vec<usize>)],
    timelines: &[(usize, Timeline<'_>)],
) {
    let mut codes: Vec<&str> = rows.iter().map(|r| r.located.finding.rule.code).collect();
    codes.sort_unstable();
    codes.dedup();
    let mut entities: Vec<(String, String)> = rows
        .iter()
        .flat_map(|r| r.entities.iter().map(|&e| (r.located.snapshot, e)))
        .chain(timelines.iter().map(|(corpus, t)| (report.corpora[*corpus], t.entity)))
        .map(|(snapshot, e)| {
            let entity = snapshot.kb().entity(e);
            (entity.name.text.clone(), entity.key.clone())
        })
        .collect();
    entities.sort();
    entities.dedup();
    let mut articles: Vec<String> = sections
        .iter()
        .map(|((corpus, file), _)| report.path_of(report.corpora[*corpus], *file))
        .chain(timelines.iter().flat_map(|(corpus, t)| {
            t.articles.iter().map(|a| report.path_of(report.corpora[*corpus], a.file))
        }))
        .collect();
    articles.sort();
    articles.dedup();

    page.push_str("<form class=\"filters\" id=\"filters\" aria-label=\"Filters\">\n");
    let select = |page: &mut String,
                  key: &str,
                  label: &str,
                  options: &mut dyn Iterator<Item = (String, String)>| {
        let _ = write!(
            page,
            "<label>{label} <select id=\"filter-{key}\" data-filter-key=\"{key}\"><option value=\"\">all</option>"
        );
        for (value, text) in options {
            let _ = write!(page, "<option value=\"{}\">{}</option>", esc(&value), esc(&text));
        }
        page.push_str("</select></label>\n");
    };
    select(page, "check", "Check", &mut codes.iter().map(|c| (c.to_string(), c.to_string())));
    select(
        page,
        "severity",
        "Severity",
        &mut SEVERITIES.iter().map(|s| (s.as_str().to_owned(), s.as_str().to_owned())),
    );
    select(page, "entity", "Entity", &mut entities.into_iter().map(|(name, key)| (key, name)));
    select(page, "article", "Article", &mut articles.into_iter().map(|a| (a.clone(), a)));
    let total = report.findings.len();
    let _ = writeln!(
        page,
        "<button type=\"button\" id=\"filter-clear\">Clear</button>\n\
         <output id=\"shown\" data-total=\"{total}\">{total} findings</output>\n</form>"
    );
}

/// The counts: by check (one column per severity) and by file.
fn summary(
    page: &mut String,
    report: &Report<'_>,
    rows: &[Row<'_, '_>],
    sections: &[(CorpusFile, Vec<usize>)],
) {
    page.push_str("<section class=\"summary\" id=\"summary\">\n<h2>Summary</h2>\n<p class=\"totals\">");
    let total = report.findings.len();
    let _ = write!(page, "<strong>{total}</strong> {}", if total == 1 { "finding" } else { "findings" });
    for severity in SEVERITIES {
        let n = report.count(severity);
        if n > 0 {
            let _ = write!(page, " · <span class=\"sev sev-{0}\">{n} {0}</span>", severity.as_str());
        }
    }
    page.push_str("</p>\n");
    if rows.is_empty() {
        page.push_str("<p class=\"clean\">No findings: every checked file is clean.</p>\n</section>\n");
        return;
    }
    page.push_str("<div class=\"tables\">\n");
    // By check.
    let mut by_check: Vec<(&'static str, &'static str, [usize; 4])> = Vec::new();
    for row in rows {
        let rule = row.located.finding.rule;
        let at = match by_check.iter().position(|(code, _, _)| *code == rule.code) {
            Some(at) => at,
            None => {
                by_check.push((rule.code, rule.summary, [0; 4]));
                by_check.len() - 1
            }
        };
        by_check[at].2[severity_index(row.located.finding.severity)] += 1;
    }
    by_check.sort_by_key(|(code, _, _)| *code);
    table_head(page, "By check", "Check");
    for (code, summary, counts) in &by_check {
        let label = format!(
            "<a href=\"#\" data-set-filter=\"check\" data-value=\"{0}\"><code>{0}</code></a><small>{1}</small>",
            esc(code),
            esc(summary)
        );
        count_row(page, "check", code, &label, counts);
    }
    page.push_str("</tbody></table>\n");
    // By article.
    table_head(page, "By article", "File");
    for ((corpus, file), ids) in sections {
        let snapshot = report.corpora[*corpus];
        let path = report.path_of(snapshot, *file);
        let mut counts = [0; 4];
        for &id in ids {
            counts[severity_index(rows[id].located.finding.severity)] += 1;
        }
        let mut label =
            format!("<a href=\"#\" data-set-filter=\"article\" data-value=\"{0}\">{0}</a>", esc(&path));
        if let Some(meta) = snapshot.article(*file).map(|a| &a.article.meta) {
            let date =
                meta.date.as_ref().map(|d| d.value.to_string()).unwrap_or_else(|| "undated".to_owned());
            let title = meta.title.as_ref().map(|t| format!(" · {}", esc(&t.value))).unwrap_or_default();
            let _ = write!(label, "<small>{date}{title}</small>");
        }
        count_row(page, "article", &path, &label, &counts);
    }
    page.push_str("</tbody></table>\n</div>\n");
    let clean = report.files_checked.saturating_sub(sections.len());
    if clean > 0 {
        let _ = writeln!(page, "<p class=\"clean\">{clean} other checked files have no findings.</p>");
    }
    page.push_str("</section>\n");
}

fn severity_index(severity: Severity) -> usize {
    SEVERITIES.iter().position(|s| *s == severity).unwrap_or(0)
}

fn table_head(page: &mut String, caption: &str, first: &str) {
    let _ = write!(page, "<table class=\"counts\"><caption>{caption}</caption><thead><tr><th>{first}</th>");
    for severity in SEVERITIES {
        let _ = write!(page, "<th class=\"sev-{0}\">{0}</th>", severity.as_str());
    }
    page.push_str("<th>total</th></tr></thead><tbody>\n");
}

/// A row of counts the script recomputes for the findings shown (`data-count-row`,
/// `data-key`, and each cell's `data-severity`).
fn count_row(page: &mut String, kind: &str, key: &str, label: &str, counts: &[usize; 4]) {
    let _ = write!(
        page,
        "<tr data-count-row=\"{kind}\" data-key=\"{}\"><th scope=\"row\">{label}</th>",
        esc(key)
    );
    for (severity, n) in SEVERITIES.iter().zip(counts) {
        let _ = write!(page, "<td data-severity=\"{}\">{}</td>", severity.as_str(), show_count(*n));
    }
    let _ = writeln!(page, "<td data-severity=\"\">{}</td></tr>", counts.iter().sum::<usize>());
}

/// A count as the tables show it: blank for none, so the numbers stand out.
fn show_count(n: usize) -> String {
    if n == 0 { String::new() } else { n.to_string() }
}

/// Every finding, by file.
fn findings(
    page: &mut String,
    report: &Report<'_>,
    rows: &[Row<'_, '_>],
    sections: &[(CorpusFile, Vec<usize>)],
    anchors: &Anchors<'_>,
) {
    if sections.is_empty() {
        return;
    }
    page.push_str(
        "<section class=\"findings\" id=\"findings\">\n<h2>Findings</h2>\n\
         <p class=\"clean\" id=\"none-shown\" hidden>No finding matches these filters.</p>\n",
    );
    for (section, ((corpus, file), ids)) in sections.iter().enumerate() {
        let snapshot = report.corpora[*corpus];
        let path = report.path_of(snapshot, *file);
        let _ = write!(
            page,
            "<section class=\"file\" id=\"file-{section}\" data-file=\"{0}\">\n<h3><a href=\"{1}\">{0}</a>",
            esc(&path),
            esc(&snapshot.path(*file).map(file_url).unwrap_or_default())
        );
        if let Some(meta) = snapshot.article(*file).map(|a| &a.article.meta) {
            if let Some(title) = &meta.title {
                let _ = write!(page, " <span class=\"title\">{}</span>", esc(&title.value));
            }
            let date =
                meta.date.as_ref().map(|d| d.value.to_string()).unwrap_or_else(|| "undated".to_owned());
            let _ = write!(page, " <time>{date}</time>");
        }
        page.push_str("</h3>\n<ol class=\"finding-list\">\n");
        for &id in ids {
            finding(page, report, id, &rows[id], &path, anchors);
        }
        page.push_str("</ol>\n</section>\n");
    }
    page.push_str("</section>\n");
}

fn finding(
    page: &mut String,
    report: &Report<'_>,
    id: usize,
    row: &Row<'_, '_>,
    path: &str,
    anchors: &Anchors<'_>,
) {
    let located = row.located;
    let finding: &Finding = located.finding;
    let snapshot = located.snapshot;
    let severity = finding.severity.as_str();
    let _ = writeln!(
        page,
        "<li class=\"finding sev-{severity}\" id=\"f{id}\" data-finding data-code=\"{code}\" \
         data-severity=\"{severity}\" data-article=\"{path}\">\n\
         <p class=\"head\"><span class=\"badge sev-{severity}\">{severity}</span> \
         <a class=\"code\" href=\"#\" data-set-filter=\"check\" data-value=\"{code}\">{code}</a> \
         <span class=\"where\">{path}:{line}:{col}</span></p>\n<p class=\"message\">{message}</p>",
        code = esc(finding.rule.code),
        path = esc(path),
        line = located.start.line,
        col = located.start.col,
        message = esc(&finding.message),
    );
    excerpt(page, snapshot, finding.file, finding.span);
    if !finding.related.is_empty() {
        page.push_str("<ul class=\"related\">\n");
        for related in &finding.related {
            let at = report.location(snapshot, related.file, related.span);
            let href = anchors
                .place(snapshot, related.file, related.span)
                .or_else(|| snapshot.path(related.file).map(file_url))
                .unwrap_or_default();
            let _ = write!(
                page,
                "<li><a href=\"{}\">{}:{}:{}</a> {}",
                esc(&href),
                esc(&at.path),
                at.start.line,
                at.start.col,
                esc(&related.message)
            );
            if let Some(quote) = quote(snapshot, related.file, related.span)
                .filter(|q| snapshot.article(related.file).is_some() && !related.message.contains(q.as_str()))
            {
                let _ = write!(page, " <q>{}</q>", esc(&quote));
            }
            page.push_str("</li>\n");
        }
        page.push_str("</ul>\n");
    }
    if let Some(fix) = &finding.fix {
        let _ = write!(
            page,
            "<div class=\"fix\"><span class=\"fix-label\">fix ({})</span> {}",
            applicability_str(fix.applicability),
            esc(&fix.title)
        );
        for edit in &fix.edits {
            let old = snapshot.text(edit.file).and_then(|t| t.get(edit.span.range())).unwrap_or_default();
            let at = report.location(snapshot, edit.file, edit.span);
            let _ = write!(
                page,
                "<div class=\"edit\"><span class=\"where\">{}:{}</span> ",
                esc(&at.path),
                at.start.line
            );
            if !old.is_empty() {
                let _ = write!(page, "<del>{}</del>", esc(old));
            }
            if !old.is_empty() && !edit.replacement.is_empty() {
                page.push_str(" → ");
            }
            if !edit.replacement.is_empty() {
                let _ = write!(page, "<ins>{}</ins>", esc(&edit.replacement));
            }
            page.push_str("</div>");
        }
        page.push_str("</div>\n");
    }
    let entities = &row.entities;
    if !entities.is_empty() {
        page.push_str("<p class=\"about\">about ");
        for &entity in entities {
            let record = snapshot.kb().entity(entity);
            let name = esc(&record.name.text);
            let key = esc(&record.key);
            match anchors.timelines.contains(&(row.corpus, entity)) {
                true => {
                    let href = entity_anchor(row.corpus, entity);
                    let _ =
                        write!(page, "<a class=\"chip\" href=\"{href}\" data-entity=\"{key}\">{name}</a> ");
                }
                false => {
                    let _ = write!(page, "<span class=\"chip\" data-entity=\"{key}\">{name}</span> ");
                }
            }
        }
        page.push_str("</p>\n");
    }
    page.push_str("</li>\n");
}

/// The lines of `span` (at most four), long lines cut to the span and some context, with
/// the span marked.
fn excerpt(page: &mut String, snapshot: &Snapshot, file: FileId, span: Span) {
    let Some(source) = snapshot.source(file) else { return };
    let text = &source.text;
    let index = &source.line_index;
    let (start, end) = (span.start as usize, (span.end as usize).min(text.len()));
    let first = index.line_of(start.min(text.len()));
    let last = index.line_of(end).min(first + 3);
    page.push_str("<pre class=\"excerpt\">");
    for line in first..=last {
        let Some(range) = index.line_range(text, line) else { break };
        let (from, to) = (start.clamp(range.start, range.end), end.clamp(range.start, range.end));
        let (from, to) = (floor(text, from), floor(text, to));
        let shown_from = back(text, range.start, from, CONTEXT);
        let shown_to = ahead(text, to, range.end, CONTEXT);
        let _ = write!(page, "<span class=\"ln\">{}</span>", line + 1);
        if shown_from > range.start {
            page.push('…');
        }
        page.push_str(&esc(&text[shown_from..from]));
        let marked = &text[from..to];
        if marked.is_empty() && line == first {
            page.push_str("<mark class=\"point\"></mark>");
        } else if !marked.is_empty() {
            let _ = write!(page, "<mark>{}</mark>", esc(marked));
        }
        page.push_str(&esc(&text[to..shown_to]));
        if shown_to < range.end {
            page.push('…');
        }
        page.push('\n');
    }
    page.push_str("</pre>\n");
}

/// A short quotation of `span` for a related place on one line (a name, a date), cut to a
/// few words.
fn quote(snapshot: &Snapshot, file: FileId, span: Span) -> Option<String> {
    let text = snapshot.text(file)?;
    let start = floor(text, span.start as usize);
    let end = floor(text, span.end as usize).max(start);
    if text[start..end].contains(['\n', '\r']) {
        return None;
    }
    let cut = ahead(text, start, end, 80);
    let quoted = text[start..cut].trim();
    if quoted.is_empty() {
        return None;
    }
    Some(if cut < end { format!("{quoted}…") } else { quoted.to_owned() })
}

fn floor(text: &str, offset: usize) -> usize {
    crate::span::floor_char_boundary(text, offset)
}

/// The offset `chars` characters before `at`, but not before `limit`.
fn back(text: &str, limit: usize, at: usize, chars: usize) -> usize {
    text[limit..at].char_indices().rev().nth(chars.saturating_sub(1)).map_or(limit, |(i, _)| limit + i)
}

/// The offset `chars` characters after `at`, but not after `limit`.
fn ahead(text: &str, at: usize, limit: usize, chars: usize) -> usize {
    text[at..limit].char_indices().nth(chars).map_or(limit, |(i, _)| at + i)
}

/// The entity timelines.
fn entities(
    page: &mut String,
    report: &Report<'_>,
    timelines: &[(usize, Timeline<'_>)],
    hidden: usize,
    anchors: &Anchors<'_>,
) {
    if timelines.is_empty() {
        return;
    }
    page.push_str(
        "<section class=\"entities\" id=\"entities\">\n<h2>Entities over time</h2>\n\
         <p class=\"legend\"><span class=\"key role\"></span> a role in the KB \
         <span class=\"key open\"></span> still held \
         <span class=\"key event\"></span> an event's dates \
         <span class=\"key article\"></span> an article mentioning it \
         <span class=\"key misfit\"></span> a title the role check found wrong on the article's date</p>\n",
    );
    for (corpus, timeline) in timelines {
        let snapshot = report.corpora[*corpus];
        let path = |file: FileId| report.path_of(snapshot, file);
        let finding_anchor = |misfit: &Misfit| {
            let key = ((*corpus, misfit.file), misfit.finding, misfit.rule.code);
            anchors.findings.get(&key).map(|id| format!("#f{id}"))
        };
        let article_anchor = |file: FileId| anchors.files.get(&(*corpus, file)).map(|s| format!("#file-{s}"));
        timeline::section(
            page,
            &timeline::Context {
                snapshot,
                anchor: &entity_anchor(*corpus, timeline.entity)[1..],
                path: &path,
                finding_anchor: &finding_anchor,
                article_anchor: &article_anchor,
            },
            timeline,
        );
    }
    if hidden > 0 {
        let _ =
            writeln!(page, "<p class=\"clean\">{hidden} more entities have dated records; not drawn.</p>");
    }
    page.push_str("</section>\n");
}
