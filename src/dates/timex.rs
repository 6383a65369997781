//! What the tagger returns: [`Timex`], a TIMEX3-style temporal expression with its span, its
//! normalized value, how that value was found, and the calendar facts checks need (the days it
//! denotes, a duration's amount and unit, the weekday written next to a date).

use std::fmt;

use compact_str::CompactString;
use jiff::civil::{Date, Weekday};

use super::calendar::Unit;
use crate::span::Span;

/// Options for one call of [`tag`](super::tag).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TagContext {
    /// The document creation time: the article's publication date. Relative expressions
    /// ("yesterday", "last year", "on Tuesday") are resolved against it; without it they are
    /// [`Resolution::Unresolved`] with `X` placeholders in their value.
    pub dct: Option<Date>,
    /// Read "eight months after the victory" as a date: eight months after the date the text
    /// last talked about, when there is one (on by default). Off, such phrases stay the
    /// duration (`P8M`), as TimeML annotates them.
    pub anchor_event_offsets: bool,
    /// The language the text is written in (English by default).
    pub language: super::DateLanguage,
}

impl Default for TagContext {
    fn default() -> TagContext {
        TagContext { dct: None, anchor_event_offsets: true, language: super::DateLanguage::English }
    }
}

impl TagContext {
    /// A context with publication date `dct` and the default options.
    pub fn with_dct(dct: Date) -> TagContext {
        TagContext { dct: Some(dct), ..TagContext::default() }
    }
}

/// The TIMEX3 `type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TimexKind {
    /// A calendar date or period: "Nov. 10, 2020", "last week", "the 1990s", "now".
    Date,
    /// A time of day, possibly vague: "10 p.m.", "Tuesday evening".
    Time,
    /// A length of time: "44 days", "a six-week war", "nearly 30 years".
    Duration,
    /// A recurring time: "every year", "daily".
    Set,
}

impl TimexKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TimexKind::Date => "DATE",
            TimexKind::Time => "TIME",
            TimexKind::Duration => "DURATION",
            TimexKind::Set => "SET",
        }
    }

    pub fn parse(s: &str) -> Option<TimexKind> {
        Some(match s {
            "DATE" => TimexKind::Date,
            "TIME" => TimexKind::Time,
            "DURATION" => TimexKind::Duration,
            "SET" => TimexKind::Set,
            _ => return None,
        })
    }
}

impl fmt::Display for TimexKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The TIMEX3 `mod` attribute: where in the period, or how exact.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TimexMod {
    Approx,
    Start,
    Mid,
    End,
    LessThan,
    MoreThan,
    EqualOrLess,
    EqualOrMore,
    Before,
    After,
    OnOrBefore,
    OnOrAfter,
}

impl TimexMod {
    pub fn as_str(self) -> &'static str {
        match self {
            TimexMod::Approx => "APPROX",
            TimexMod::Start => "START",
            TimexMod::Mid => "MID",
            TimexMod::End => "END",
            TimexMod::LessThan => "LESS_THAN",
            TimexMod::MoreThan => "MORE_THAN",
            TimexMod::EqualOrLess => "EQUAL_OR_LESS",
            TimexMod::EqualOrMore => "EQUAL_OR_MORE",
            TimexMod::Before => "BEFORE",
            TimexMod::After => "AFTER",
            TimexMod::OnOrBefore => "ON_OR_BEFORE",
            TimexMod::OnOrAfter => "ON_OR_AFTER",
        }
    }

    pub fn parse(s: &str) -> Option<TimexMod> {
        Some(match s {
            "APPROX" => TimexMod::Approx,
            "START" => TimexMod::Start,
            "MID" => TimexMod::Mid,
            "END" => TimexMod::End,
            "LESS_THAN" => TimexMod::LessThan,
            "MORE_THAN" => TimexMod::MoreThan,
            "EQUAL_OR_LESS" => TimexMod::EqualOrLess,
            "EQUAL_OR_MORE" => TimexMod::EqualOrMore,
            "BEFORE" => TimexMod::Before,
            "AFTER" => TimexMod::After,
            "ON_OR_BEFORE" => TimexMod::OnOrBefore,
            "ON_OR_AFTER" => TimexMod::OnOrAfter,
            _ => return None,
        })
    }
}

impl fmt::Display for TimexMod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How the value was obtained: what a reader must trust for it to be right.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Resolution {
    /// Fully written out ("Nov. 10, 2020", "1991", "44 days").
    Absolute,
    /// Relative to the publication date ("yesterday", "last year", "on Tuesday", "June 15").
    Dct,
    /// Relative to the date the text last talked about ("two months later"): `anchor` is
    /// that earlier expression's span.
    Narrative { anchor: Span },
    /// Needs a publication date the caller did not give; the value has `X` placeholders.
    Unresolved,
}

/// The grammatical tense of the clause around an expression, as the tagger read it. It
/// decides which "Tuesday" or "June 15" is meant, and lets a check flag a past-tense event
/// dated after publication.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Tense {
    Past,
    Present,
    Future,
    #[default]
    Unknown,
}

impl Tense {
    pub fn as_str(self) -> &'static str {
        match self {
            Tense::Past => "past",
            Tense::Present => "present",
            Tense::Future => "future",
            Tense::Unknown => "unknown",
        }
    }
}

/// The temporal preposition just before an expression ("since May", "until 2020"): TimeML
/// keeps it out of the TIMEX3 but it changes what the sentence claims.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Signal {
    Since,
    Until,
    By,
    Before,
    After,
    From,
    In,
    On,
    At,
    During,
    For,
    Within,
    Between,
    Through,
    Of,
}

impl Signal {
    pub fn as_str(self) -> &'static str {
        match self {
            Signal::Since => "since",
            Signal::Until => "until",
            Signal::By => "by",
            Signal::Before => "before",
            Signal::After => "after",
            Signal::From => "from",
            Signal::In => "in",
            Signal::On => "on",
            Signal::At => "at",
            Signal::During => "during",
            Signal::For => "for",
            Signal::Within => "within",
            Signal::Between => "between",
            Signal::Through => "through",
            Signal::Of => "of",
        }
    }
}

/// A bound written before a duration: "at least five years", "more than two decades".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DurationBound {
    LessThan,
    AtMost,
    MoreThan,
    AtLeast,
}

/// The length of a duration (or duration adjective: "a 44-day war").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DurationValue {
    /// How many `unit`s; `None` when the text does not say ("several years", "for years").
    pub amount: Option<u32>,
    pub unit: Unit,
    /// Written as approximate: "nearly", "almost", "about", "some", "around", "or so".
    pub approx: bool,
    pub bound: Option<DurationBound>,
}

impl DurationValue {
    /// The TIMEX3 value: `P44D`, `PT24H`, `P30Y` (decades and centuries in years), `PXY`.
    pub fn value(&self) -> String {
        let (factor, letter) = match self.unit {
            Unit::Second => (1, "S"),
            Unit::Minute => (1, "M"),
            Unit::Hour => (1, "H"),
            Unit::Day => (1, "D"),
            Unit::Weekend => (1, "WE"),
            Unit::Week => (1, "W"),
            Unit::Month => (1, "M"),
            Unit::Quarter => (1, "Q"),
            Unit::Season => (3, "M"),
            Unit::Half => (6, "M"),
            Unit::Year => (1, "Y"),
            Unit::Decade => (10, "Y"),
            Unit::Century => (100, "Y"),
            Unit::Millennium => (1000, "Y"),
        };
        let t = if self.unit.is_clock() { "T" } else { "" };
        match self.amount {
            Some(n) => format!("P{t}{}{letter}", u64::from(n) * factor),
            None if factor == 1 => format!("P{t}X{letter}"),
            // "decades": an unknown number of ten-year spans.
            None => match self.unit {
                Unit::Decade => "PXDE".to_string(),
                Unit::Century => "PXCE".to_string(),
                Unit::Millennium => "PXML".to_string(),
                _ => format!("PX{letter}"),
            },
        }
    }

    /// The fewest and most whole days the duration can span, when the amount is known: a
    /// month is 28 to 31 days, a year 365 or 366, "nearly"/"about" widen by a tenth, bounds
    /// open one side. For checks that compare a duration to the dates of an episode.
    pub fn day_range(&self) -> Option<(f64, f64)> {
        let n = f64::from(self.amount?);
        let (low, high) = match self.unit {
            Unit::Second => (1.0 / 86400.0, 1.0 / 86400.0),
            Unit::Minute => (1.0 / 1440.0, 1.0 / 1440.0),
            Unit::Hour => (1.0 / 24.0, 1.0 / 24.0),
            Unit::Day => (1.0, 1.0),
            Unit::Weekend => (2.0, 2.0),
            Unit::Week => (7.0, 7.0),
            Unit::Month => (28.0, 31.0),
            Unit::Quarter => (89.0, 92.0),
            Unit::Season => (89.0, 92.0),
            Unit::Half => (181.0, 184.0),
            Unit::Year => (365.0, 366.0),
            Unit::Decade => (3652.0, 3653.0),
            Unit::Century => (36524.0, 36525.0),
            Unit::Millennium => (365242.0, 365243.0),
        };
        let (mut min, mut max) = (n * low, n * high);
        if self.approx {
            min *= 0.9;
            max *= 1.1;
        }
        match self.bound {
            Some(DurationBound::AtLeast | DurationBound::MoreThan) => max = f64::INFINITY,
            Some(DurationBound::AtMost | DurationBound::LessThan) => min = 0.0,
            None => {}
        }
        Some((min, max))
    }
}

/// Why a value is what it is, for explanations (hover) and for checks that want to know
/// which step could be wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Derivation {
    /// Written out in full.
    Explicit,
    /// Written without a year ("June 15", "in May", "the third quarter"): the year comes from
    /// the publication date: the nearest such date, or, when `by_tense`, the one the tense
    /// calls for (the latest on or before it for the past, the first after it for the
    /// future).
    YearFromDct { by_tense: bool },
    /// A weekday ("on Tuesday"): the nearest such day on or before the publication date for
    /// the past tense, on or after it for the future.
    Weekday,
    /// Moved from the publication date: "last year" is -1 year, "100 years ago" -100 years,
    /// "tomorrow" +1 day.
    DctOffset { unit: Unit, amount: i64 },
    /// Moved from the date the text last talked about: "two months later" is +2 months.
    AnchorOffset { unit: Unit, amount: i64, anchor_value: Box<str> },
    /// `PAST_REF`, `PRESENT_REF`, `FUTURE_REF`: vague references to past, present, future.
    Reference,
    /// A duration or a set: not a position on the calendar.
    NotAPoint,
}

/// One temporal expression found in a text.
#[derive(Clone, Debug, PartialEq)]
pub struct Timex {
    /// Byte span in the tagged text.
    pub span: Span,
    pub kind: TimexKind,
    /// The TIMEX3 value: `2020-11-10`, `2020-11`, `2021-W46`, `P44D`, `PRESENT_REF`,
    /// `XXXX-11-05` when a needed publication date is missing. A range ("Oct. 5-8") has the
    /// ISO 8601 interval of its ends, `2021-10-05/2021-10-08`, and its ends in `range`.
    /// Inline (no allocation) up to 24 bytes, which every value but a long set or a range
    /// of datetimes fits: an archive holds a couple of dozen of these per article.
    pub value: CompactString,
    pub modifier: Option<TimexMod>,
    pub resolution: Resolution,
    /// The calendar days denoted, first and last, for dates and times: `2021` is 2021-01-01
    /// to 2021-12-31; "late September 2020" the last third of September.
    pub interval: Option<(Date, Date)>,
    /// For durations and duration adjectives ("a 44-day war").
    pub duration: Option<DurationValue>,
    /// The weekday word written in the expression ("Tuesday, Nov. 17, 2021"), so a check can
    /// compare it with the date.
    pub weekday: Option<Weekday>,
    /// The tense of the clause the expression is in.
    pub tense: Tense,
    /// The clause tells a finished event beyond reasonable doubt (a past verb in the clause,
    /// nothing looking ahead in the sentence): what a check needs before it calls a date
    /// "after the publication" rather than trusting `tense`, the nearest cue's guess.
    pub settled_past: bool,
    /// The temporal preposition right before the expression, if any.
    pub signal: Option<Signal>,
    pub derivation: Derivation,
    /// The two ends of a range ("05-08 October 2021", "from May to June"), each a date timex
    /// of its own; TimeML output writes these two instead of the whole.
    pub range: Option<Box<TimexRange>>,
}

/// The ends of a range timex, each with its own span inside the range's.
#[derive(Clone, Debug, PartialEq)]
pub struct TimexRange {
    pub from: Timex,
    pub to: Timex,
}

impl Timex {
    /// Whether the value depends on the publication date or on earlier text: what inlay hints
    /// show and what a missing publication date breaks.
    pub fn is_relative(&self) -> bool {
        !matches!(self.resolution, Resolution::Absolute)
    }

    /// Whether the expression needed the publication date and did not get one.
    pub fn is_unresolved(&self) -> bool {
        matches!(self.resolution, Resolution::Unresolved)
    }

    /// For hover: "last year -> 2020, from the article date 2021-11-17".
    pub fn explanation(&self, text: &str, ctx: &TagContext) -> String {
        let phrase = text.get(self.span.range()).unwrap_or("").trim();
        let phrase = collapse_whitespace(phrase);
        let shown = self.shown_value();
        let dct = ctx.dct.map(|d| d.to_string());
        let article = |d: &Option<String>| match d {
            Some(d) => format!("the article date {d}"),
            None => "the article date".to_string(),
        };
        if self.is_unresolved() {
            return format!(
                "{phrase} -> {shown}: relative to the publication date, which this article does not give"
            );
        }
        let mut out = match &self.derivation {
            Derivation::Explicit => format!("{phrase} -> {shown}"),
            Derivation::YearFromDct { by_tense } => {
                let why = match (by_tense, self.tense) {
                    (true, Tense::Past) => ", the latest one on or before it (past tense)",
                    (true, Tense::Future) => ", the first one on or after it (future tense)",
                    _ => ", the one nearest to it",
                };
                format!("{phrase} -> {shown}, the year taken from {}{why}", article(&dct))
            }
            Derivation::Weekday => {
                let day = self.weekday.map(weekday_name).unwrap_or("day");
                let relation = match (self.interval, ctx.dct) {
                    (Some((d, _)), Some(dct)) if d == dct => "the same day as",
                    (Some((d, _)), Some(dct)) if d < dct => "before",
                    _ => "after",
                };
                if relation == "the same day as" {
                    format!("{phrase} -> {shown}, {relation} {}", article(&dct))
                } else {
                    format!("{phrase} -> {shown}, the {day} {relation} {}", article(&dct))
                }
            }
            Derivation::DctOffset { .. } => format!("{phrase} -> {shown}, from {}", article(&dct)),
            Derivation::AnchorOffset { unit, amount, anchor_value } => {
                let anchor_phrase = match self.resolution {
                    Resolution::Narrative { anchor } => text
                        .get(anchor.range())
                        .map(|s| format!(" (\"{}\")", collapse_whitespace(s.trim())))
                        .unwrap_or_default(),
                    _ => String::new(),
                };
                let n = amount.unsigned_abs();
                let direction = if *amount < 0 { "before" } else { "after" };
                if *amount == 0 {
                    format!("{phrase} -> {shown}, the same {} as {anchor_value}{anchor_phrase}", unit.noun())
                } else {
                    let plural = if n == 1 { "" } else { "s" };
                    format!(
                        "{phrase} -> {shown}, {n} {}{plural} {direction} {anchor_value}{anchor_phrase}",
                        unit.noun()
                    )
                }
            }
            Derivation::Reference => {
                let what = match self.value.as_str() {
                    "PAST_REF" => "some time in the past",
                    "FUTURE_REF" => "some time in the future",
                    _ => "the present",
                };
                match &dct {
                    Some(d) => format!("{phrase} -> {shown}: {what}, as of the article date {d}"),
                    None => format!("{phrase} -> {shown}: {what}"),
                }
            }
            Derivation::NotAPoint => match (self.kind, &self.duration) {
                (TimexKind::Duration, Some(d)) => {
                    let amount = d.amount.map(|n| n.to_string()).unwrap_or_else(|| "some".into());
                    let approx = if d.approx { "about " } else { "" };
                    format!("{phrase} -> {shown}: a duration of {approx}{amount} {}(s)", d.unit.noun())
                }
                (TimexKind::Set, _) => format!("{phrase} -> {shown}: a recurring time"),
                _ => format!("{phrase} -> {shown}"),
            },
        };
        if let (Some(written), Some((first, last))) = (self.weekday, self.interval)
            && first == last
            && first.weekday() != written
        {
            out.push_str(&format!(
                "; written {}, but {first} is a {}",
                weekday_name(written),
                weekday_name(first.weekday())
            ));
        }
        out
    }

    /// The value with the weekday of a single day: "2021-11-16 (Tuesday)".
    fn shown_value(&self) -> String {
        let mut shown = self.value.to_string();
        if let Some(m) = self.modifier {
            shown.push_str(&format!(" [{m}]"));
        }
        if let Some((first, last)) = self.interval
            && first == last
            && matches!(self.kind, TimexKind::Date | TimexKind::Time)
        {
            shown.push_str(&format!(" ({})", weekday_name(first.weekday())));
        }
        shown
    }
}

/// The English name of a weekday, as messages and hovers write it.
pub fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Monday => "Monday",
        Weekday::Tuesday => "Tuesday",
        Weekday::Wednesday => "Wednesday",
        Weekday::Thursday => "Thursday",
        Weekday::Friday => "Friday",
        Weekday::Saturday => "Saturday",
        Weekday::Sunday => "Sunday",
    }
}

fn collapse_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An archive holds a couple of dozen of these per article for as long as it is open
    /// (ARCHITECTURE.md, "Memory per article"): growing it is a decision, not an accident.
    #[test]
    #[cfg(target_pointer_width = "64")]
    fn a_timex_stays_small() {
        assert_eq!(std::mem::size_of::<Timex>(), 112);
    }

    #[test]
    fn duration_values() {
        let d = |amount, unit| DurationValue { amount, unit, approx: false, bound: None };
        let cases = [
            (d(Some(44), Unit::Day), "P44D"),
            (d(Some(24), Unit::Hour), "PT24H"),
            (d(Some(3), Unit::Decade), "P30Y"),
            (d(None, Unit::Year), "PXY"),
            (d(None, Unit::Decade), "PXDE"),
            (d(Some(2), Unit::Quarter), "P2Q"),
            (d(Some(1), Unit::Century), "P100Y"),
            (d(None, Unit::Minute), "PTXM"),
        ];
        for (duration, value) in cases {
            assert_eq!(duration.value(), value);
        }
    }

    #[test]
    fn day_ranges_widen_with_approximation_and_bounds() {
        let war = DurationValue { amount: Some(44), unit: Unit::Day, approx: false, bound: None };
        assert_eq!(war.day_range(), Some((44.0, 44.0)));
        let nearly = DurationValue { amount: Some(30), unit: Unit::Year, approx: true, bound: None };
        let (min, max) = nearly.day_range().unwrap();
        assert!(min < 30.0 * 365.0 && max > 30.0 * 366.0);
        let at_least = DurationValue {
            amount: Some(5),
            unit: Unit::Year,
            approx: false,
            bound: Some(DurationBound::AtLeast),
        };
        assert_eq!(at_least.day_range().unwrap().1, f64::INFINITY);
        assert_eq!(DurationValue { amount: None, ..war }.day_range(), None);
    }

    #[test]
    fn mods_and_kinds_round_trip() {
        for m in ["APPROX", "START", "MID", "END", "LESS_THAN", "MORE_THAN", "EQUAL_OR_LESS", "EQUAL_OR_MORE"]
        {
            assert_eq!(TimexMod::parse(m).unwrap().as_str(), m);
        }
        for k in ["DATE", "TIME", "DURATION", "SET"] {
            assert_eq!(TimexKind::parse(k).unwrap().as_str(), k);
        }
        assert_eq!(TimexKind::parse("date"), None);
    }
}
