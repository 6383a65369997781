//! The HTML report (`check --output-format html`) in a real browser: headless Chromium (the
//! Debian package; nothing is downloaded) opens the page the real binary wrote, runs its
//! script, and dumps the DOM, with filters set through the URL fragment; a screenshot is
//! decoded and checked to show something. The counts on the page are compared with
//! `check --output-format json` on the same corpus. Without Chromium the tests skip with a
//! message, unless `DATELINE_REQUIRE_EDITORS` is set (as `.ci/run` does).

mod support;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use support::TempCorpus;

const CHROMIUM: &str = "chromium";

/// How long one browser run may take before it is killed (a run takes a second or two).
const RUN_LIMIT: Duration = Duration::from_secs(120);

/// A finding as the JSON output gives it, and as the page shows it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Shown {
    code: String,
    severity: String,
    article: String,
    entities: Vec<String>,
}

/// A report written by the real binary for `corpus`, with the JSON findings of the same run.
struct Written {
    dir: tempfile::TempDir,
    page: PathBuf,
    json: Vec<serde_json::Value>,
}

fn write_report(corpus: &Path, cwd: &Path) -> Written {
    let dir = tempfile::tempdir().unwrap();
    let run = |format: &str| {
        let output = Command::new(support::bin())
            .args(["check", "--output-format", format])
            .arg(corpus)
            .current_dir(cwd)
            .output()
            .unwrap();
        assert!(output.status.code().is_some_and(|c| c <= 1), "check failed: {output:?}");
        output.stdout
    };
    let page = dir.path().join("report.html");
    std::fs::write(&page, run("html")).unwrap();
    let json = serde_json::from_slice(&run("json")).unwrap();
    Written { dir, page, json }
}

/// Runs Chromium headless on `url` with `args`, returning its standard output.
fn chromium(url: &str, args: &[&str]) -> String {
    let profile = tempfile::tempdir().unwrap();
    let mut child = Command::new(CHROMIUM)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start chromium");
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stdout.read_to_string(&mut text);
        text
    });
    let mut stderr = child.stderr.take().unwrap();
    let errors = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > RUN_LIMIT {
            let _ = child.kill();
            panic!("chromium took more than {RUN_LIMIT:?} on {url}");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let (out, err) = (reader.join().unwrap(), errors.join().unwrap());
    assert!(status.success(), "chromium failed on {url}: {status}\n{err}");
    out
}

fn page_url(page: &Path, fragment: &str) -> String {
    format!("file://{}{fragment}", page.display())
}

/// The DOM after the page's script ran, with `fragment` (`#check=...`) in the URL.
fn dom(page: &Path, fragment: &str) -> String {
    let dom = chromium(&page_url(page, fragment), &["--dump-dom"]);
    assert!(dom.contains("data-ready=\"true\""), "the page's script did not finish:\n{dom}");
    dom
}

/// The start tags holding `marker`, each with the markup up to `end` or the next such tag
/// (for a finding: its related places and entity chips).
fn elements<'a>(dom: &'a str, marker: &str, end: &str) -> Vec<&'a str> {
    let starts: Vec<usize> =
        dom.match_indices(marker).map(|(at, _)| dom[..=at].rfind('<').unwrap()).collect();
    starts
        .iter()
        .enumerate()
        .map(|(i, &start)| {
            let next = starts.get(i + 1).copied().unwrap_or(dom.len());
            let stop = dom[start..next].find(end).map_or(next, |e| start + e);
            &dom[start..stop]
        })
        .collect()
}

/// The value of attribute `name` in the first tag of `element`, unescaped.
fn attribute(element: &str, name: &str) -> Option<String> {
    let tag = &element[..element.find('>').unwrap_or(element.len())];
    let needle = format!(" {name}=\"");
    let start = tag.find(&needle)? + needle.len();
    let end = start + tag[start..].find('"')?;
    Some(unescape(&tag[start..end]))
}

fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn is_hidden(element: &str) -> bool {
    let tag = &element[..element.find('>').unwrap_or(element.len())];
    tag.contains(" hidden")
}

/// The findings on the page, and which of them the filters leave visible.
fn shown_findings(dom: &str) -> (Vec<Shown>, Vec<Shown>) {
    let mut all = Vec::new();
    let mut visible = Vec::new();
    for element in elements(dom, "data-finding=", "</ol>") {
        let mut entities: Vec<String> = elements(element, "data-entity=", "</p>")
            .iter()
            .filter_map(|chip| attribute(chip, "data-entity"))
            .collect();
        entities.sort();
        let shown = Shown {
            code: attribute(element, "data-code").unwrap(),
            severity: attribute(element, "data-severity").unwrap(),
            article: attribute(element, "data-article").unwrap(),
            entities,
        };
        if !is_hidden(element) {
            visible.push(shown.clone());
        }
        all.push(shown);
    }
    all.sort();
    visible.sort();
    (all, visible)
}

/// The JSON findings as the page should show them (entities are not in the JSON).
fn expected(
    json: &[serde_json::Value],
    keep: impl Fn(&serde_json::Value) -> bool,
) -> Vec<(String, String, String)> {
    let mut out: Vec<_> = json
        .iter()
        .filter(|f| keep(f))
        .map(|f| {
            let field = |name: &str| f[name].as_str().unwrap().to_owned();
            (field("code"), field("severity"), field("path"))
        })
        .collect();
    out.sort();
    out
}

fn without_entities(shown: &[Shown]) -> Vec<(String, String, String)> {
    let mut out: Vec<_> =
        shown.iter().map(|s| (s.code.clone(), s.severity.clone(), s.article.clone())).collect();
    out.sort();
    out
}

/// The total the summary table shows in each row of `kind` (`check`, `article`), for the
/// rows not hidden.
fn table_totals(dom: &str, kind: &str) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    let marker = format!("data-count-row=\"{kind}\"");
    let mut rest = dom;
    while let Some(at) = rest.find(&marker) {
        let start = rest[..at].rfind('<').unwrap();
        let end = at + rest[at..].find("</tr>").unwrap();
        let row = &rest[start..end];
        rest = &rest[end..];
        if is_hidden(row) {
            continue;
        }
        let cell = row.rfind("<td data-severity=\"\">").unwrap();
        let number = row[cell..].trim_start_matches("<td data-severity=\"\">");
        let number = &number[..number.find('<').unwrap()];
        out.insert(attribute(row, "data-key").unwrap(), number.parse().unwrap());
    }
    out
}

fn counts_of(findings: &[(String, String, String)], by_code: bool) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for (code, _, path) in findings {
        *out.entry(if by_code { code.clone() } else { path.clone() }).or_insert(0) += 1;
    }
    out
}

/// The number in the "shown" line.
fn shown_count(dom: &str) -> usize {
    let output = elements(dom, "id=\"shown\"", "</output>")[0];
    attribute(output, "data-shown").unwrap().parse().unwrap()
}

#[test]
fn the_report_shows_what_json_finds_and_filters_from_the_fragment() {
    if !support::require_tool(CHROMIUM, "the HTML report test") {
        return;
    }
    let root = support::repo_root();
    let report = write_report(Path::new("fixtures/corpus"), &root);
    let html = std::fs::read_to_string(&report.page).unwrap();
    // Self-contained: nothing to fetch, and a policy that forbids fetching.
    assert!(html.contains("default-src 'none'"), "no Content-Security-Policy");
    assert!(!html.contains(" src="), "the page loads something");
    for (at, _) in html.match_indices("href=\"") {
        let target = &html[at + 6..];
        assert!(
            target.starts_with('#') || target.starts_with("file://"),
            "a link leaves the page: {}",
            &target[..60]
        );
    }

    // Unfiltered: every finding, counted as JSON counts them.
    let everything = dom(&report.page, "");
    let (all, visible) = shown_findings(&everything);
    let json_all = expected(&report.json, |_| true);
    assert_eq!(without_entities(&all), json_all);
    assert_eq!(visible.len(), all.len(), "nothing is hidden without a filter");
    assert_eq!(shown_count(&everything), json_all.len());
    assert_eq!(table_totals(&everything, "check"), counts_of(&json_all, true));
    assert_eq!(table_totals(&everything, "article"), counts_of(&json_all, false));

    // One check: only its findings, and the tables count only them.
    let variant = dom(&report.page, "#check=name/variant");
    let (_, visible) = shown_findings(&variant);
    let want = expected(&report.json, |f| f["code"] == "name/variant");
    assert!(!want.is_empty());
    assert_eq!(without_entities(&visible), want);
    assert_eq!(shown_count(&variant), want.len());
    assert_eq!(table_totals(&variant, "check"), counts_of(&want, true));
    assert_eq!(table_totals(&variant, "article"), counts_of(&want, false));

    // A group, as on the command line.
    let (_, visible) = shown_findings(&dom(&report.page, "#check=name/"));
    let want = expected(&report.json, |f| f["code"].as_str().unwrap().starts_with("name/"));
    assert_eq!(without_entities(&visible), want);

    // Severity and article together.
    let article = "fixtures/corpus/kb/planted.toml";
    let (_, visible) = shown_findings(&dom(&report.page, &format!("#severity=error&article={article}")));
    let want = expected(&report.json, |f| f["severity"] == "error" && f["path"] == article);
    assert_eq!(want.len(), 3, "the planted KB has three errors");
    assert_eq!(without_entities(&visible), want);

    // One entity: the findings about it, and its timeline alone, with the title the role
    // check found wrong marked on it and linked to that finding.
    let akar = dom(&report.page, "#entity=hulusi-akar");
    let (_, visible) = shown_findings(&akar);
    assert!(!visible.is_empty());
    assert!(visible.iter().all(|f| f.entities.contains(&"hulusi-akar".to_owned())), "{visible:#?}");
    assert!(visible.iter().any(|f| f.code == "name/role-mismatch"), "{visible:#?}");
    let timelines = elements(&akar, "<section class=\"entity\"", "</section>");
    assert!(timelines.len() > 3, "the corpus has several people with roles");
    let open: Vec<String> =
        timelines.iter().filter(|t| !is_hidden(t)).map(|t| attribute(t, "data-entity").unwrap()).collect();
    assert_eq!(open, ["hulusi-akar"]);
    let section =
        timelines.iter().find(|t| attribute(t, "data-entity").as_deref() == Some("hulusi-akar")).unwrap();
    assert_eq!(section.matches("class=\"misfit\"").count(), 1, "one title does not fit:\n{section}");
    assert!(section.contains("<rect class=\"role\""), "the roles are drawn:\n{section}");
    let role_finding = elements(&akar, "data-code=\"name/role-mismatch\"", "</ol>")[0];
    let id = attribute(role_finding, "id").unwrap();
    assert!(section.contains(&format!("href=\"#{id}\"")), "the mark links to its finding:\n{section}");
}

#[test]
fn the_screenshot_shows_a_page() {
    if !support::require_tool(CHROMIUM, "the HTML report screenshot test") {
        return;
    }
    let root = support::repo_root();
    let report = write_report(Path::new("fixtures/corpus"), &root);
    let shot = report.dir.path().join("report.png");
    let screenshot = format!("--screenshot={}", shot.display());
    chromium(&page_url(&report.page, ""), &[&screenshot, "--window-size=1280,2000"]);
    let bytes = std::fs::read(&shot).expect("the screenshot was written");
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut pixels).unwrap();
    assert_eq!((info.width, info.height), (1280, 2000));
    assert_eq!(info.bit_depth, png::BitDepth::Eight);
    let channels = info.color_type.samples();
    assert!(channels >= 3, "{:?}", info.color_type);
    let mut colours = std::collections::HashSet::new();
    let mut inked = 0usize;
    for pixel in pixels[..info.buffer_size()].chunks_exact(channels) {
        colours.insert((pixel[0], pixel[1], pixel[2]));
        // Text, bars and badges: clearly darker than the page's light greys.
        if pixel[..3].iter().map(|&c| u32::from(c)).sum::<u32>() < 3 * 160 {
            inked += 1;
        }
    }
    let total = (info.width * info.height) as usize;
    assert!(colours.len() > 200, "only {} colours: a blank page?", colours.len());
    assert!(inked * 100 > total, "only {inked} of {total} pixels are ink: a blank page?");
    // Severity colours are on screen: the error red of the badges and counts.
    assert!(colours.iter().any(|&(r, g, b)| r > 150 && g < 80 && b < 80), "no error red on the page");
}

#[test]
fn text_from_articles_and_the_kb_is_shown_as_text() {
    if !support::require_tool(CHROMIUM, "the HTML report escaping test") {
        return;
    }
    let payload = |tag: &str| {
        format!(
            "<script>document.documentElement.dataset.pwned='{tag}'</script><img src=x onerror=\"document.documentElement.dataset.pwned='{tag}'\">"
        )
    };
    let kb = format!(
        "[[entity]]\nid = \"nikol-pashinyan\"\nkind = \"person\"\nname = \"Nikol Pashinyan\"\n\
         variants = [\"Nikol Pashinian\"]\ndescription = '''{}'''\n\
         [[entity.role]]\ntitle = \"Prime Minister\"\nfrom = \"2018-05-08\"\n",
        payload("kb")
    );
    let article = format!(
        "---\ntitle: '{}'\ndate: 2021-11-17\n---\nPrime Minister Nikol Pashinian said {} on Tuesday.\n",
        payload("title").replace('\'', "''"),
        payload("body")
    );
    let name = "articles/x\"><img src=y onerror=alert(1)>.md";
    let corpus = TempCorpus::new(&[
        ("dateline.toml", "[corpus]\ninclude = [\"articles/*.md\"]\nkb = [\"kb/*.toml\"]\n"),
        ("kb/people.toml", &kb),
        (name, &article),
    ]);
    let report = write_report(corpus.root(), corpus.root());
    let page = dom(&report.page, "");
    assert!(!page.contains("data-pwned"), "a script from the corpus ran");
    assert_eq!(page.matches("<script").count(), 1, "only the page's own script is a script");
    assert!(!page.contains("<img"), "markup from the corpus became an element");
    assert!(page.contains("&lt;script&gt;document.documentElement.dataset.pwned='body'&lt;/script&gt;"));
    assert!(page.contains("&lt;script&gt;document.documentElement.dataset.pwned='kb'"), "the description");
    let (all, _) = shown_findings(&page);
    assert!(
        all.iter().any(|f| f.code == "name/variant" && f.article.contains("x\"><img src=y")),
        "the finding in the oddly named file is there: {all:#?}"
    );
    // A filter value from the fragment is text too.
    let filtered = dom(&report.page, "#check=%3Cimg%20src%3Dz%20onerror%3Dalert(2)%3E");
    assert!(!filtered.contains("<img"));
    assert_eq!(shown_count(&filtered), 0);
}

#[test]
fn the_seed_articles_report_matches_json() {
    if support::shared_data("the HTML report on the seed articles").is_none()
        || !support::require_tool(CHROMIUM, "the HTML report on the seed articles")
    {
        return;
    }
    let report = write_report(Path::new("fixtures/seeds"), &support::repo_root());
    let page = dom(&report.page, "");
    let (all, _) = shown_findings(&page);
    let json_all = expected(&report.json, |_| true);
    assert!(!json_all.is_empty());
    assert_eq!(without_entities(&all), json_all);
    assert_eq!(table_totals(&page, "check"), counts_of(&json_all, true));
    assert!(page.contains("<svg class=\"timeline\""), "the seeds mention people with roles");
}

#[test]
fn a_clean_corpus_gives_a_page_that_says_so() {
    if !support::require_tool(CHROMIUM, "the HTML report on a clean corpus") {
        return;
    }
    let corpus = TempCorpus::new(&[("a.md", "---\ndate: 2021-11-17\n---\nNothing to see here.\n")]);
    let report = write_report(corpus.root(), corpus.root());
    assert!(report.json.is_empty());
    let page = dom(&report.page, "");
    assert!(page.contains("No findings: every checked file is clean."));
    assert_eq!(shown_count(&page), 0);
    assert!(shown_findings(&page).0.is_empty());
}
