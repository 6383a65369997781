//! One entity's timeline for the HTML report, drawn as inline SVG: a row per KB role (a
//! bar from `from` to `to`, running off the right edge while still held), a row for an
//! event's dates, and a row of dots, one per article mentioning the entity at its
//! publication date. A title the role check found wrong is a red diamond on a dashed line
//! through the role rows, linked to its finding, so the gap it falls in shows. Below the
//! drawing, the same facts as text: the wrong titles, and every article (undated ones
//! too).

use std::fmt::Write as _;

use jiff::civil::Date;

use super::esc;
use crate::analysis::{Misfit, Snapshot, Timeline};
use crate::corpus::FileId;
use crate::dates::PartialDate;
use crate::kb::{Kb, Role};
use crate::span::Span;

const WIDTH: f64 = 960.0;
/// Role titles are written right-aligned up to here.
const LABEL_END: f64 = 262.0;
const X0: f64 = 272.0;
const X1: f64 = 944.0;
const TOP: f64 = 10.0;
const ROW: f64 = 24.0;
/// Article dots that would overlap move down a lane, up to this many lanes.
const LANES: usize = 3;
const LANE: f64 = 10.0;
const AXIS: f64 = 24.0;
/// Role titles longer than this are cut (the full title is in the tooltip).
const LABEL_CHARS: usize = 38;

/// What the drawing links to: the page's anchors and display paths.
pub(super) struct Context<'a> {
    pub snapshot: &'a Snapshot,
    /// The section's id.
    pub anchor: &'a str,
    pub path: &'a dyn Fn(FileId) -> String,
    /// The role check's finding that a wrong title comes from, if on the page.
    pub finding_anchor: &'a dyn Fn(&Misfit) -> Option<String>,
    /// The findings of an article, if on the page.
    pub article_anchor: &'a dyn Fn(FileId) -> Option<String>,
}

/// The section of one entity: heading, drawing, wrong titles, articles.
pub(super) fn section(page: &mut String, ctx: &Context<'_>, timeline: &Timeline<'_>) {
    let kb = ctx.snapshot.kb();
    let entity = kb.entity(timeline.entity);
    let name = esc(&entity.name.text);
    let _ = writeln!(
        page,
        "<section class=\"entity\" id=\"{}\" data-entity=\"{}\">\n<h3>{name} <span class=\"kind\">{}</span> <code>{}</code></h3>",
        ctx.anchor,
        esc(&entity.key),
        entity.kind.as_str(),
        esc(&entity.key)
    );
    if let Some(description) = &entity.description {
        let _ = writeln!(page, "<p class=\"description\">{}</p>", esc(description));
    }
    let misfits = timeline.misfits.len();
    let _ = writeln!(
        page,
        "<p class=\"facts\">{} mentioning {name}{}</p>",
        plural(timeline.articles.len(), "article", "articles"),
        if misfits > 0 {
            format!(
                " · <strong class=\"bad\">{}</strong>",
                plural(misfits, "title that does not fit", "titles that do not fit")
            )
        } else {
            String::new()
        }
    );
    svg(page, ctx, kb, timeline, &entity.name.text);
    let text = |file: FileId, span: Span| {
        ctx.snapshot
            .text(file)
            .and_then(|t| t.get(span.range()))
            .map(crate::checks::one_line)
            .unwrap_or_default()
    };
    if misfits > 0 {
        page.push_str("<ul class=\"misfits\">\n");
        for misfit in &timeline.misfits {
            let href = (ctx.finding_anchor)(misfit).unwrap_or_default();
            let _ = writeln!(
                page,
                "<li><a href=\"{}\">{} · {}</a>: <q>{}</q></li>",
                esc(&href),
                show_date(misfit.date),
                esc(&(ctx.path)(misfit.file)),
                esc(&text(misfit.file, misfit.title))
            );
        }
        page.push_str("</ul>\n");
    }
    let _ = writeln!(
        page,
        "<details class=\"articles\"><summary>Articles ({})</summary><ul>",
        timeline.articles.len()
    );
    for article in &timeline.articles {
        let path = (ctx.path)(article.file);
        let title = ctx
            .snapshot
            .article(article.file)
            .and_then(|a| a.article.meta.title.as_ref())
            .map(|t| format!(" {}", esc(&t.value)))
            .unwrap_or_default();
        let link = match (ctx.article_anchor)(article.file) {
            Some(href) => format!("<a href=\"{href}\">{}</a>", esc(&path)),
            None => esc(&path),
        };
        let _ = writeln!(
            page,
            "<li data-article=\"{}\"><time>{}</time> {link}{title} · {}</li>",
            esc(&path),
            show_date(article.date),
            plural(article.mentions as usize, "mention", "mentions")
        );
    }
    page.push_str("</ul></details>\n</section>\n");
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn show_date(date: Option<PartialDate>) -> String {
    date.map_or_else(|| "undated".to_owned(), |d| d.to_string())
}

/// A day as a fractional year, the drawing's unit.
fn year_of(date: Date) -> Option<f64> {
    (date.year() > 0)
        .then(|| f64::from(date.year()) + f64::from(date.day_of_year() - 1) / f64::from(date.days_in_year()))
}

/// A partial date's first and last days as fractional years (the last day's end).
fn span_of(date: PartialDate) -> Option<(f64, f64)> {
    let first = year_of(date.first_day())?;
    let last = year_of(date.last_day())? + 1.0 / 366.0;
    Some((first, last))
}

/// The years drawn: every date the timeline holds, with a margin.
struct Scale {
    from: f64,
    to: f64,
}

impl Scale {
    fn new(timeline: &Timeline<'_>) -> Option<Scale> {
        let mut points: Vec<f64> = Vec::new();
        for role in timeline.roles {
            points.extend(role.from.and_then(span_of).map(|s| s.0));
            points.extend(role.to.and_then(span_of).map(|s| s.1));
        }
        if let Some(when) = timeline.when {
            points.extend(span_of(when.from).map(|s| s.0));
            points.extend(span_of(when.to).map(|s| s.1));
        }
        for article in &timeline.articles {
            if let Some((first, last)) = article.date.and_then(span_of) {
                points.extend([first, last]);
            }
        }
        let low = points.iter().copied().reduce(f64::min)?;
        let high = points.iter().copied().reduce(f64::max)?;
        let margin = ((high - low) * 0.04).max(0.3);
        Some(Scale { from: low - margin, to: high + margin })
    }

    fn x(&self, year: f64) -> f64 {
        X0 + (year - self.from) / (self.to - self.from) * (X1 - X0)
    }

    /// Years to label: a round step giving at most ten ticks.
    fn ticks(&self) -> Vec<i32> {
        let span = self.to - self.from;
        let step = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]
            .into_iter()
            .find(|&step| span / f64::from(step) <= 10.0)
            .unwrap_or(1000);
        let first = (self.from / f64::from(step)).ceil() as i32 * step;
        (0..).map(|i| first + i * step).take_while(|&y| f64::from(y) <= self.to).collect()
    }
}

fn svg(page: &mut String, ctx: &Context<'_>, kb: &Kb, timeline: &Timeline<'_>, name: &str) {
    let Some(scale) = Scale::new(timeline) else {
        page.push_str("<p class=\"clean\">Nothing here is dated: no timeline to draw.</p>\n");
        return;
    };
    let mut roles: Vec<&Role> = timeline.roles.iter().collect();
    roles.sort_by_key(|r| r.from.map(|d| d.first_day()));
    let rows = roles.len() + usize::from(timeline.when.is_some());
    let articles_y = TOP + rows as f64 * ROW + ROW / 2.0;
    let axis_y = articles_y + (LANES - 1) as f64 * LANE + ROW / 2.0;
    let height = axis_y + AXIS;
    let _ = writeln!(
        page,
        "<svg class=\"timeline\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-label=\"{}\">",
        esc(&format!("Timeline of {name}: KB record and article dates"))
    );
    // Year grid and axis.
    for year in scale.ticks() {
        let x = scale.x(f64::from(year));
        let _ = writeln!(
            page,
            "<line class=\"grid\" x1=\"{x:.1}\" x2=\"{x:.1}\" y1=\"{TOP}\" y2=\"{axis_y}\"/>\
             <text class=\"tick\" x=\"{x:.1}\" y=\"{:.1}\">{year}</text>",
            axis_y + 16.0
        );
    }
    let _ = writeln!(page, "<line class=\"axis\" x1=\"{X0}\" x2=\"{X1}\" y1=\"{axis_y}\" y2=\"{axis_y}\"/>");
    // One row per role, then the event's dates.
    let mut y = TOP;
    for role in &roles {
        let of = role.of.as_ref().and_then(|o| o.entity).map(|o| format!(" of {}", kb.entity(o).name.text));
        let full = format!("{}{}", role.title, of.unwrap_or_default());
        // The title alone when the body it is of would not fit (the tooltip has both).
        let label = if full.chars().count() > LABEL_CHARS { role.title.clone() } else { full.clone() };
        let start = role.from.and_then(span_of).map_or(X0, |s| scale.x(s.0));
        let end = role.to.and_then(span_of).map_or(X1, |s| scale.x(s.1));
        let mut class = String::from("role");
        if role.to.is_none() {
            class.push_str(" open");
        }
        if role.attested {
            class.push_str(" attested");
        }
        bar(page, y, start, end, &class, &label, &format!("{full}: {}", role.tenure()));
        if role.to.is_none() {
            let mid = y + ROW / 2.0;
            let _ = writeln!(
                page,
                "<path class=\"arrow\" d=\"M{X1:.1},{:.1} l7,{:.1} l-7,{:.1} z\"/>",
                mid - 6.0,
                6.0,
                6.0
            );
        }
        y += ROW;
    }
    if let Some(when) = timeline.when {
        let (start, end) = match (span_of(when.from), span_of(when.to)) {
            (Some(from), Some(to)) => (scale.x(from.0), scale.x(to.1)),
            _ => (X0, X0),
        };
        let shown = if when.from == when.to {
            when.from.to_string()
        } else {
            format!("{} – {}", when.from, when.to)
        };
        bar(page, y, start, end.max(start + 4.0), "event", "when it happened", &format!("{name}: {shown}"));
    }
    let _ = writeln!(
        page,
        "<text class=\"label\" x=\"{LABEL_END}\" y=\"{:.1}\">articles</text>",
        articles_y + 4.0
    );
    // Article dots, moved down a lane where they would overlap.
    let mut lane_ends = [f64::MIN; LANES];
    for article in &timeline.articles {
        let Some((first, last)) = article.date.and_then(span_of) else { continue };
        let x = scale.x((first + last) / 2.0);
        let lane = (0..LANES).find(|&l| x - lane_ends[l] >= 10.0).unwrap_or_else(|| {
            (0..LANES).min_by(|&a, &b| lane_ends[a].total_cmp(&lane_ends[b])).unwrap_or(0)
        });
        lane_ends[lane] = x;
        let cy = articles_y + lane as f64 * LANE;
        let wrong = timeline.misfits.iter().any(|m| m.file == article.file);
        let path = (ctx.path)(article.file);
        let tip = format!(
            "{} · {path} · {}",
            show_date(article.date),
            plural(article.mentions as usize, "mention", "mentions")
        );
        let href = (ctx.article_anchor)(article.file);
        if href.is_some() {
            let _ = write!(page, "<a href=\"{}\">", esc(href.as_deref().unwrap_or_default()));
        }
        if scale.x(last) - scale.x(first) > 3.0 {
            // A month or a year: the whole period, under the dot.
            let _ = write!(
                page,
                "<line class=\"period\" x1=\"{:.1}\" x2=\"{:.1}\" y1=\"{cy:.1}\" y2=\"{cy:.1}\"/>",
                scale.x(first),
                scale.x(last)
            );
        }
        let _ = write!(
            page,
            "<circle class=\"article{}\" cx=\"{x:.1}\" cy=\"{cy:.1}\" r=\"4.5\"><title>{}</title></circle>",
            if wrong { " wrong" } else { "" },
            esc(&tip)
        );
        if href.is_some() {
            page.push_str("</a>");
        }
        page.push('\n');
    }
    // The titles that do not fit: a line through the roles at the article's date.
    for misfit in &timeline.misfits {
        let Some((first, last)) = misfit.date.and_then(span_of) else { continue };
        let x = scale.x((first + last) / 2.0);
        let written = ctx
            .snapshot
            .text(misfit.file)
            .and_then(|t| t.get(misfit.title.range()))
            .map(crate::checks::one_line)
            .unwrap_or_default();
        let tip = format!(
            "“{written}” on {} ({}): {name} held no such role then",
            show_date(misfit.date),
            (ctx.path)(misfit.file)
        );
        let href = (ctx.finding_anchor)(misfit).unwrap_or_default();
        let _ = writeln!(
            page,
            "<a href=\"{}\"><line class=\"misfit-line\" x1=\"{x:.1}\" x2=\"{x:.1}\" y1=\"{TOP}\" y2=\"{:.1}\"/>\
             <path class=\"misfit\" d=\"M{x:.1},{:.1} l6,6 l-6,6 l-6,-6 z\"><title>{}</title></path></a>",
            esc(&href),
            articles_y - 6.0,
            TOP - 2.0,
            esc(&tip)
        );
    }
    page.push_str("</svg>\n");
}

/// A labelled bar in the row starting at `y`.
fn bar(page: &mut String, y: f64, start: f64, end: f64, class: &str, label: &str, tip: &str) {
    let shown: String = if label.chars().count() > LABEL_CHARS {
        label.chars().take(LABEL_CHARS - 1).chain(['…']).collect()
    } else {
        label.to_owned()
    };
    let _ = writeln!(
        page,
        "<text class=\"label\" x=\"{LABEL_END}\" y=\"{:.1}\">{}<title>{}</title></text>\
         <rect class=\"{class}\" x=\"{start:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"3\"><title>{}</title></rect>",
        y + ROW / 2.0 + 4.0,
        esc(&shown),
        esc(tip),
        y + 5.0,
        (end - start).max(2.0),
        ROW - 10.0,
        esc(tip)
    );
}
