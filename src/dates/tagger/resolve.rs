//! Resolution: from what an expression means ("the Tuesday before, by the tense") to its
//! TIMEX3 value ("2021-11-16"), against the publication date (DCT) and the narrative anchor.
//!
//! Rules, in short (docs/dates.md has the full list):
//! - A date without a year takes the publication year, moved one year back or forward by
//!   tense: past tense picks the latest such date on or before the DCT, future the first on or
//!   after it, otherwise the nearest.
//! - A weekday is the nearest such day on or before the DCT (past or no tense), on or after it
//!   (future); "last"/"next" exclude the DCT itself; "this" stays in the DCT's week.
//! - "last year", "this week", "100 years ago", "tomorrow" move from the DCT and are seen at
//!   the unit's granularity ("last week" is an ISO week).
//! - "two months later", "the next day", "that year" move from the anchor, the last date the
//!   text talked about, at the unit's granularity ("a year earlier" after a quarter stays a
//!   quarter). Without an anchor they fall back to the DCT.
//! - Without a DCT, everything that needs one is `Unresolved`, with `X` where the DCT would
//!   have filled in.

use compact_str::CompactString;
use jiff::civil::{Date, Weekday};

use super::patterns::{Clock, Expr, Mention, WhichDay, YearPart, YearSpec};
use super::tense::TenseReading;
use crate::dates::calendar::{Granularity, Granule, Unit, season_step, shift_day};
use crate::dates::timex::{
    Derivation, DurationValue, Resolution, Signal, TagContext, Tense, Timex, TimexKind, TimexMod, TimexRange,
};
use crate::span::Span;

/// The date the text last talked about, for narrative expressions.
#[derive(Clone, Copy, Debug)]
struct Anchor {
    granule: Granule,
    span: Span,
}

/// Resolves mentions in text order, remembering the narrative anchor.
pub struct Resolver<'c> {
    ctx: &'c TagContext,
    anchor: Option<Anchor>,
    /// Whether the tense of the mention being resolved comes from a cue right next to it.
    strong_tense: bool,
}

/// What the grammar and the context say about one mention.
pub struct Found<'m> {
    pub mention: &'m Mention,
    pub span: Span,
    pub tense: TenseReading,
    pub signal: Option<Signal>,
    /// Spans of the two ends when the mention is a range.
    pub range_spans: Option<(Span, Span)>,
}

/// A resolved calendar position, before it becomes a `Timex`.
struct Point {
    value: String,
    granule: Option<Granule>,
    resolution: Resolution,
    derivation: Derivation,
}

impl<'c> Resolver<'c> {
    pub fn new(ctx: &'c TagContext) -> Resolver<'c> {
        Resolver { ctx, anchor: None, strong_tense: false }
    }

    /// The language the text is read in.
    pub fn language(&self) -> super::DateLanguage {
        self.ctx.language
    }

    pub fn resolve(&mut self, found: &Found<'_>) -> Timex {
        let m = found.mention;
        let mut timex = match &m.expr {
            Expr::Range(a, b) => {
                let (sa, sb) = found.range_spans.unwrap_or((found.span, found.span));
                let first = self.resolve_single(a, sa, found.tense, found.signal);
                let second = match (&b.expr, first.interval) {
                    // "Oct. 5-8", "May to June": the second end in the first one's year, or
                    // the next if it would come before the first.
                    (&Expr::Calendar { year: YearSpec::Infer, part }, Some((from, _))) => {
                        let year = match granule_of(from.year(), part) {
                            Some(g) if g.first_day().is_some_and(|d| d < from) => from.year() + 1,
                            _ => from.year(),
                        };
                        let explicit = Mention {
                            expr: Expr::Calendar { year: YearSpec::Explicit(year), part },
                            ..(**b).clone()
                        };
                        let mut second = self.resolve_single(&explicit, sb, found.tense, None);
                        second.resolution = first.resolution;
                        second.derivation = first.derivation.clone();
                        second
                    }
                    _ => self.resolve_single(b, sb, found.tense, None),
                };
                let interval = match (first.interval, second.interval) {
                    (Some((from, _)), Some((_, to))) if from <= to => Some((from, to)),
                    _ => None,
                };
                let resolution = worst(first.resolution, second.resolution);
                Timex {
                    span: found.span,
                    kind: TimexKind::Date,
                    value: compact_str::format_compact!("{}/{}", first.value, second.value),
                    modifier: m.modifier,
                    resolution,
                    interval,
                    duration: None,
                    weekday: m.weekday,
                    tense: found.tense.tense,
                    settled_past: found.tense.settled_past,
                    signal: found.signal,
                    derivation: first.derivation.clone(),
                    range: Some(Box::new(TimexRange { from: first, to: second })),
                }
            }
            _ => self.resolve_single(m, found.span, found.tense, found.signal),
        };
        timex.tense = found.tense.tense;
        timex.settled_past = found.tense.settled_past;
        timex.signal = found.signal;
        timex
    }

    fn resolve_single(
        &mut self,
        m: &Mention,
        span: Span,
        reading: TenseReading,
        signal: Option<Signal>,
    ) -> Timex {
        // "since May" can only look back.
        let reading = if signal == Some(Signal::Since) {
            TenseReading { tense: Tense::Past, distance: 0, ..reading }
        } else {
            reading
        };
        let tense = reading.tense;
        self.strong_tense = reading.is_strong();
        let mut timex = Timex {
            span,
            kind: TimexKind::Date,
            value: CompactString::default(),
            modifier: m.modifier,
            resolution: Resolution::Absolute,
            interval: None,
            duration: None,
            weekday: m.weekday,
            tense,
            settled_past: reading.settled_past,
            signal,
            derivation: Derivation::Explicit,
            range: None,
        };
        match &m.expr {
            Expr::Duration(d) => self.duration(&mut timex, *d),
            Expr::EventOffset { duration, direction } => {
                match (self.ctx.anchor_event_offsets, self.anchor, duration.amount) {
                    (true, Some(_), Some(n)) => {
                        let point = self.moved_from_anchor(duration.unit, direction * i64::from(n));
                        self.apply_point(&mut timex, point, span);
                        timex.duration = Some(*duration);
                    }
                    _ => self.duration(&mut timex, *duration),
                }
            }
            Expr::Set(value) => {
                timex.kind = TimexKind::Set;
                timex.value = value.as_str().into();
                timex.derivation = Derivation::NotAPoint;
            }
            Expr::Reference(r) => {
                timex.value = r.value().into();
                timex.derivation = Derivation::Reference;
            }
            Expr::Time { day, clock } => {
                timex.kind = TimexKind::Time;
                let point = match day {
                    Some(expr) => self.point(expr, tense),
                    None => self.time_day(),
                };
                let suffix = match clock {
                    Clock::At { hour, minute } => format!("T{hour:02}:{minute:02}"),
                    Clock::Part(part) => format!("T{}", part.code()),
                };
                // A time needs a day; a coarser anchor gives an unknown day.
                let point = match point.granule {
                    Some(Granule::Day(_)) | None => point,
                    Some(g) => Point { value: format!("{}-XX", g.value()), granule: None, ..point },
                };
                self.apply_point(&mut timex, point, span);
                timex.value.push_str(&suffix);
            }
            expr => {
                let point = self.point(expr, tense);
                // "from $5 a year earlier", "a year ago", "the year-earlier quarter": points of
                // comparison, not where the story goes next; the anchor stays.
                let comparison = matches!(
                    expr,
                    Expr::FromAnchor { amount: ..0, .. }
                        | Expr::Ago { .. }
                        | Expr::Calendar { year: YearSpec::InferShifted(_), .. }
                );
                let anchor = self.anchor;
                self.apply_point(&mut timex, point, span);
                if comparison {
                    self.anchor = anchor;
                }
            }
        }
        timex
    }

    fn duration(&self, timex: &mut Timex, d: DurationValue) {
        timex.kind = TimexKind::Duration;
        timex.value = d.value().into();
        timex.duration = Some(d);
        timex.derivation = Derivation::NotAPoint;
    }

    /// Fills value, interval and resolution from a point, and makes it the new anchor.
    fn apply_point(&mut self, timex: &mut Timex, point: Point, span: Span) {
        timex.value = point.value.into();
        timex.resolution = point.resolution;
        timex.derivation = point.derivation;
        if let Some(granule) = point.granule {
            timex.interval = granule.days().map(|days| narrow(days, timex.modifier));
            self.anchor = Some(Anchor { granule, span });
        }
    }

    /// The day of a bare clock time ("at 10 p.m."): the day last talked about, else the DCT.
    fn time_day(&self) -> Point {
        match (self.anchor, self.ctx.dct) {
            (Some(a), _) if a.granule.granularity() == Granularity::Day => Point {
                value: a.granule.value(),
                granule: Some(a.granule),
                resolution: Resolution::Narrative { anchor: a.span },
                derivation: Derivation::AnchorOffset {
                    unit: Unit::Day,
                    amount: 0,
                    anchor_value: a.granule.value().into(),
                },
            },
            (_, Some(dct)) => Point {
                value: Granule::Day(dct).value(),
                granule: Some(Granule::Day(dct)),
                resolution: Resolution::Dct,
                derivation: Derivation::DctOffset { unit: Unit::Day, amount: 0 },
            },
            _ => unresolved("XXXX-XX-XX".into()),
        }
    }

    /// The calendar position of a date expression.
    fn point(&self, expr: &Expr, tense: Tense) -> Point {
        let dct = self.ctx.dct;
        match expr {
            Expr::Calendar { year, part } => self.calendar(*year, *part, tense),
            Expr::Granule(g) => explicit(*g),
            Expr::ShortDecade(d) => match dct {
                Some(dct) => {
                    // The decade in the century that puts it at or before the DCT.
                    let century = dct.year() / 100;
                    let mut decade = century * 10 + i16::from(*d);
                    if decade * 10 > dct.year() {
                        decade -= 10;
                    }
                    Point {
                        value: Granule::Decade(decade).value(),
                        granule: Some(Granule::Decade(decade)),
                        resolution: Resolution::Dct,
                        derivation: Derivation::YearFromDct { by_tense: false },
                    }
                }
                None => explicit(Granule::Decade(190 + i16::from(*d))),
            },
            Expr::FromDct { unit, amount, granularity } => match dct {
                Some(dct) => match shift_day(dct, *unit, *amount) {
                    Some(day) => {
                        let g = Granule::containing(*granularity, day);
                        Point {
                            value: g.value(),
                            granule: Some(g),
                            resolution: Resolution::Dct,
                            derivation: Derivation::DctOffset { unit: *unit, amount: *amount },
                        }
                    }
                    None => unresolved(placeholder(*granularity)),
                },
                None => unresolved(placeholder(*granularity)),
            },
            Expr::Ago { unit, amount, granularity } => match self.anchor {
                // "rose 5% from a year ago" after "the third quarter": that quarter, a year
                // before.
                Some(a)
                    if *unit == Unit::Year
                        && matches!(a.granule.granularity(), Granularity::Quarter | Granularity::Half) =>
                {
                    self.moved_from_anchor(*unit, *amount)
                }
                _ => self
                    .point(&Expr::FromDct { unit: *unit, amount: *amount, granularity: *granularity }, tense),
            },
            Expr::ReportedQuarter => match (self.anchor, dct) {
                (Some(a), _) if a.granule.granularity() == Granularity::Quarter => Point {
                    value: a.granule.value(),
                    granule: Some(a.granule),
                    resolution: Resolution::Narrative { anchor: a.span },
                    derivation: Derivation::AnchorOffset {
                        unit: Unit::Quarter,
                        amount: 0,
                        anchor_value: a.granule.value().into(),
                    },
                },
                (_, Some(dct)) => {
                    let g = Granule::containing(Granularity::Quarter, dct)
                        .shifted(Unit::Quarter, -1, Granularity::Quarter)
                        .unwrap_or(Granule::containing(Granularity::Quarter, dct));
                    Point {
                        value: g.value(),
                        granule: Some(g),
                        resolution: Resolution::Dct,
                        derivation: Derivation::DctOffset { unit: Unit::Quarter, amount: -1 },
                    }
                }
                _ => unresolved("XXXX-QX".into()),
            },
            Expr::FromAnchor { unit, amount } => self.moved_from_anchor(*unit, *amount),
            Expr::Weekday { day, which } => match dct {
                Some(dct) => {
                    let date = pick_weekday(dct, *day, *which, tense);
                    Point {
                        value: Granule::Day(date).value(),
                        granule: Some(Granule::Day(date)),
                        resolution: Resolution::Dct,
                        derivation: Derivation::Weekday,
                    }
                }
                None => unresolved(format!("XXXX-WXX-{}", day.to_monday_one_offset())),
            },
            Expr::Weekend { which } => match dct {
                Some(dct) => {
                    let saturday = pick_weekday(dct, Weekday::Saturday, *which, tense);
                    // A Sunday DCT is in the weekend that began the day before.
                    let saturday = if dct.weekday() == Weekday::Sunday && *which == WhichDay::This {
                        dct.yesterday().unwrap_or(saturday)
                    } else {
                        saturday
                    };
                    let g = Granule::containing(Granularity::Weekend, saturday);
                    Point {
                        value: g.value(),
                        granule: Some(g),
                        resolution: Resolution::Dct,
                        derivation: Derivation::Weekday,
                    }
                }
                None => unresolved("XXXX-WXX-WE".into()),
            },
            // The other kinds are not calendar positions; the caller handles them.
            _ => unresolved("XXXX".into()),
        }
    }

    /// A year or part of one.
    fn calendar(&self, year: YearSpec, part: YearPart, tense: Tense) -> Point {
        let dct = self.ctx.dct;
        let make = |y: i16| granule_of(y, part);
        match year {
            YearSpec::Explicit(y) => match make(y) {
                Some(g) => explicit(g),
                None => unresolved(placeholder_part(part)),
            },
            _ if dct.is_none() => unresolved(placeholder_part(part)),
            YearSpec::Offset(k) => {
                let dct = dct.unwrap_or_default();
                match make(dct.year() + k) {
                    Some(g) => Point {
                        value: g.value(),
                        granule: Some(g),
                        resolution: Resolution::Dct,
                        derivation: Derivation::DctOffset { unit: Unit::Year, amount: i64::from(k) },
                    },
                    None => unresolved(placeholder_part(part)),
                }
            }
            YearSpec::InferShifted(k) => {
                let inferred = self.calendar(YearSpec::Infer, part, tense);
                match inferred.granule.and_then(|g| g.shifted(Unit::Year, i64::from(k), g.granularity())) {
                    Some(g) => Point { value: g.value(), granule: Some(g), ..inferred },
                    None => inferred,
                }
            }
            YearSpec::Infer | YearSpec::Last | YearSpec::Next => {
                let dct = dct.unwrap_or_default();
                let candidates: Vec<Granule> = (-2..=2).filter_map(|k| make(dct.year() + k)).collect();
                let mut by_tense_flag = false;
                let chosen = match year {
                    YearSpec::Last => candidates
                        .iter()
                        .rev()
                        .find(|g| g.compare_day(dct) == std::cmp::Ordering::Less)
                        .copied(),
                    YearSpec::Next => {
                        candidates.iter().find(|g| g.compare_day(dct) == std::cmp::Ordering::Greater).copied()
                    }
                    _ => choose_by_tense(&candidates, dct, tense, self.strong_tense).map(
                        |YearChoice { granule: g, by_tense }| {
                            by_tense_flag = by_tense;
                            g
                        },
                    ),
                };
                match chosen {
                    Some(g) => Point {
                        value: g.value(),
                        granule: Some(g),
                        resolution: Resolution::Dct,
                        derivation: Derivation::YearFromDct { by_tense: by_tense_flag },
                    },
                    None => unresolved(placeholder_part(part)),
                }
            }
        }
    }

    /// Moved from the anchor; from the DCT when the text has not named a date yet.
    fn moved_from_anchor(&self, unit: Unit, amount: i64) -> Point {
        let Some(anchor) = self.anchor else {
            return match self.ctx.dct {
                Some(dct) => {
                    let g = shift_day(dct, unit, amount).map(|d| Granule::containing(unit.granularity(), d));
                    match g {
                        Some(g) => Point {
                            value: g.value(),
                            granule: Some(g),
                            resolution: Resolution::Dct,
                            derivation: Derivation::DctOffset { unit, amount },
                        },
                        None => unresolved(placeholder(unit.granularity())),
                    }
                }
                None => unresolved(placeholder(unit.granularity())),
            };
        };
        let anchor_granularity = anchor.granule.granularity();
        let mut granularity = unit.granularity();
        // "a year earlier" after "the third quarter" is that quarter a year before.
        if unit == Unit::Year
            && matches!(
                anchor_granularity,
                Granularity::Quarter | Granularity::Half | Granularity::Month | Granularity::Season
            )
            && amount != 0
        {
            granularity = anchor_granularity;
        }
        // "the next day" after "in May": a day the text did not pin down; keep May.
        if anchor_granularity > granularity && !(unit == Unit::Year && amount != 0) {
            granularity = anchor_granularity;
        }
        let moved = if let Granule::Season { year, season } = anchor.granule
            && unit == Unit::Season
        {
            let (y, s) = season_step(year, season, amount as i32);
            Some(Granule::Season { year: y, season: s })
        } else {
            anchor.granule.shifted(unit, amount, granularity)
        };
        match moved {
            Some(g) => Point {
                value: g.value(),
                granule: Some(g),
                resolution: Resolution::Narrative { anchor: anchor.span },
                derivation: Derivation::AnchorOffset {
                    unit,
                    amount,
                    anchor_value: anchor.granule.value().into(),
                },
            },
            None => unresolved(placeholder(granularity)),
        }
    }
}

fn explicit(g: Granule) -> Point {
    Point {
        value: g.value(),
        granule: Some(g),
        resolution: Resolution::Absolute,
        derivation: Derivation::Explicit,
    }
}

fn unresolved(value: String) -> Point {
    Point { value, granule: None, resolution: Resolution::Unresolved, derivation: Derivation::Explicit }
}

fn worst(a: Resolution, b: Resolution) -> Resolution {
    match (a, b) {
        (Resolution::Unresolved, _) | (_, Resolution::Unresolved) => Resolution::Unresolved,
        (n @ Resolution::Narrative { .. }, _) | (_, n @ Resolution::Narrative { .. }) => n,
        (Resolution::Dct, _) | (_, Resolution::Dct) => Resolution::Dct,
        _ => Resolution::Absolute,
    }
}

/// The granule of `part` in year `y`, if it exists (February 29 only in leap years).
fn granule_of(y: i16, part: YearPart) -> Option<Granule> {
    Some(match part {
        YearPart::Whole => Granule::Year(y),
        YearPart::Month(m) => Granule::Month { year: y, month: m },
        YearPart::Day(m, d) => Granule::Day(Date::new(y, m, d).ok()?),
        YearPart::Quarter(q) => Granule::Quarter { year: y, quarter: q },
        YearPart::Half(h) => Granule::Half { year: y, half: h },
        YearPart::Season(s) => Granule::Season { year: y, season: s },
        YearPart::NthWeekday { month, weekday, n } => {
            let first = Date::new(y, month, 1).ok()?;
            Granule::Day(first.nth_weekday_of_month(n, weekday).ok()?)
        }
    })
}

/// The value of a part of an unknown year: "XXXX-11-05", "XXXX-Q3".
fn placeholder_part(part: YearPart) -> String {
    match part {
        YearPart::Whole => "XXXX".into(),
        YearPart::Month(m) => format!("XXXX-{m:02}"),
        YearPart::Day(m, d) => format!("XXXX-{m:02}-{d:02}"),
        YearPart::Quarter(q) => format!("XXXX-Q{q}"),
        YearPart::Half(h) => format!("XXXX-H{h}"),
        YearPart::Season(s) => format!("XXXX-{}", s.code()),
        YearPart::NthWeekday { month, .. } => format!("XXXX-{month:02}-XX"),
    }
}

/// The value of an unknown granule of some granularity: "XXXX-WXX".
fn placeholder(granularity: Granularity) -> String {
    match granularity {
        Granularity::Day => "XXXX-XX-XX",
        Granularity::Week => "XXXX-WXX",
        Granularity::Weekend => "XXXX-WXX-WE",
        Granularity::Month => "XXXX-XX",
        Granularity::Season => "XXXX-XX",
        Granularity::Quarter => "XXXX-QX",
        Granularity::Half => "XXXX-HX",
        Granularity::Year => "XXXX",
        Granularity::Decade => "XXX",
        Granularity::Century => "XX",
    }
    .into()
}

/// How far the nearest reading of a year-less date may lie on the "wrong" side of the DCT
/// for its tense and still win. Tense read from cue words is weak evidence ("officials said
/// the ceremony is on March 12" is past tense about a future date): tuned on TimeBank and
/// AQUAINT, where trusting the nearest reading unless it is over two months off scores best.
const TENSE_TOLERANCE_DAYS: i64 = 60;

/// Picks among the same date in neighbouring years: the nearest to the DCT (ties to the
/// past), unless the tense contradicts it by more than [`TENSE_TOLERANCE_DAYS`]: then the
/// latest on or before the DCT for the past tense, the first on or after it for the future.
fn choose_by_tense(candidates: &[Granule], dct: Date, tense: Tense, strong: bool) -> Option<YearChoice> {
    use std::cmp::Ordering;
    let nearest = candidates
        .iter()
        .copied()
        .min_by_key(|g| (g.distance_days(dct), g.compare_day(dct) == Ordering::Greater))?;
    let tolerance = if strong { 0 } else { TENSE_TOLERANCE_DAYS };
    let by_tense = match tense {
        Tense::Past
            if nearest.compare_day(dct) == Ordering::Greater && nearest.distance_days(dct) > tolerance =>
        {
            candidates.iter().rev().find(|g| g.compare_day(dct) != Ordering::Greater).copied()
        }
        Tense::Future
            if nearest.compare_day(dct) == Ordering::Less && nearest.distance_days(dct) > tolerance =>
        {
            candidates.iter().find(|g| g.compare_day(dct) != Ordering::Less).copied()
        }
        _ => None,
    };
    Some(match by_tense {
        Some(granule) => YearChoice { granule, by_tense: true },
        None => YearChoice { granule: nearest, by_tense: false },
    })
}

/// The reading `choose_by_tense` picked for a year-less date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct YearChoice {
    granule: Granule,
    /// The tense overruled the nearest reading.
    by_tense: bool,
}

/// The day a weekday word means, relative to the DCT.
fn pick_weekday(dct: Date, day: Weekday, which: WhichDay, tense: Tense) -> Date {
    let back = i64::from(dct.weekday().since(day)); // 0..=6 days back to `day`
    let forward = i64::from(day.since(dct.weekday())); // 0..=6 days forward
    let offset = match which {
        WhichDay::Last => -(if back == 0 { 7 } else { back }),
        WhichDay::Next => {
            if forward == 0 {
                7
            } else {
                forward
            }
        }
        WhichDay::This => {
            // Within the DCT's ISO week (Monday to Sunday).
            i64::from(day.to_monday_zero_offset()) - i64::from(dct.weekday().to_monday_zero_offset())
        }
        // The past one for the past, present and unknown tenses: news reports what happened
        // (on TimeBank and AQUAINT, reading the present as the future or the nearest day
        // scores no better).
        WhichDay::Infer => match tense {
            Tense::Future => forward,
            _ => -back,
        },
    };
    shift_day(dct, Unit::Day, offset).unwrap_or(dct)
}

/// The days of a granule narrowed by "early"/"mid"/"late": the first, middle or last third.
fn narrow((first, last): (Date, Date), modifier: Option<TimexMod>) -> (Date, Date) {
    let Ok(span) = first.until(last) else {
        return (first, last);
    };
    let days = i64::from(span.get_days()) + 1;
    if days < 3 {
        return (first, last);
    }
    let third = days / 3;
    let at = |n: i64| shift_day(first, Unit::Day, n).unwrap_or(first);
    match modifier {
        Some(TimexMod::Start) => (first, at(third - 1)),
        Some(TimexMod::Mid) => (at(third), at(days - third - 1)),
        Some(TimexMod::End) => (at(days - third), last),
        _ => (first, last),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn weekdays_by_tense_and_word() {
        let dct = date(2021, 11, 17); // a Wednesday
        let cases = [
            (Weekday::Tuesday, WhichDay::Infer, Tense::Past, date(2021, 11, 16)),
            (Weekday::Wednesday, WhichDay::Infer, Tense::Past, date(2021, 11, 17)),
            (Weekday::Friday, WhichDay::Infer, Tense::Future, date(2021, 11, 19)),
            (Weekday::Friday, WhichDay::Infer, Tense::Unknown, date(2021, 11, 12)),
            (Weekday::Wednesday, WhichDay::Last, Tense::Past, date(2021, 11, 10)),
            (Weekday::Wednesday, WhichDay::Next, Tense::Future, date(2021, 11, 24)),
            (Weekday::Monday, WhichDay::This, Tense::Unknown, date(2021, 11, 15)),
            (Weekday::Sunday, WhichDay::This, Tense::Unknown, date(2021, 11, 21)),
        ];
        for (day, which, tense, want) in cases {
            assert_eq!(pick_weekday(dct, day, which, tense), want, "{day:?} {which:?} {tense:?}");
        }
    }

    #[test]
    fn narrowing_by_thirds() {
        let september = (date(2020, 9, 1), date(2020, 9, 30));
        assert_eq!(narrow(september, Some(TimexMod::End)), (date(2020, 9, 21), date(2020, 9, 30)));
        assert_eq!(narrow(september, Some(TimexMod::Start)), (date(2020, 9, 1), date(2020, 9, 10)));
        assert_eq!(narrow(september, Some(TimexMod::Mid)), (date(2020, 9, 11), date(2020, 9, 20)));
        assert_eq!(narrow(september, Some(TimexMod::Approx)), september);
        let day = (date(2020, 9, 1), date(2020, 9, 1));
        assert_eq!(narrow(day, Some(TimexMod::End)), day);
    }

    #[test]
    fn year_less_dates_by_tense() {
        let dct = date(2021, 10, 5);
        let pick = |month: i8, day: i8, tense, strong| {
            let candidates: Vec<Granule> = (2019..=2023).map(|y| Granule::Day(date(y, month, day))).collect();
            let choice = choose_by_tense(&candidates, dct, tense, strong).unwrap();
            (choice.granule.value(), choice.by_tense)
        };
        // December 15 is 71 days ahead: past tense, even weak, picks last year's.
        assert_eq!(pick(12, 15, Tense::Past, false), ("2020-12-15".into(), true));
        assert_eq!(pick(12, 15, Tense::Future, false), ("2021-12-15".into(), false));
        assert_eq!(pick(12, 15, Tense::Unknown, false), ("2021-12-15".into(), false));
        // October 20 is 15 days ahead: a weak past keeps the nearest, a strong one goes back.
        assert_eq!(pick(10, 20, Tense::Past, false), ("2021-10-20".into(), false));
        assert_eq!(pick(10, 20, Tense::Past, true), ("2020-10-20".into(), true));
        // June 15 is behind: the future tense moves it to next year only beyond two months.
        assert_eq!(pick(6, 15, Tense::Future, false), ("2022-06-15".into(), true));
        assert_eq!(pick(9, 1, Tense::Future, false), ("2021-09-01".into(), false));
    }
}
