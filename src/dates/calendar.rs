//! Calendar granules: a day, an ISO week, a month, a quarter, a season, a year, a decade...
//!
//! The tagger resolves every date expression to one [`Granule`]: "last week" is the ISO week
//! before the article's, "the third quarter" a quarter, "the 1990s" a decade. A granule knows
//! its TIMEX3 value (`2013-W11`, `1989-Q3`, `199`), the calendar days it covers, and how to move
//! by calendar units ("two months later" = the anchor moved by two months, then seen as a
//! month).

use jiff::Span;
use jiff::civil::{Date, ISOWeekDate, Weekday};

/// The calendar unit of a time span: what "days", "weeks" or "decades" count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Weekend,
    Week,
    Month,
    Quarter,
    Season,
    Half,
    Year,
    Decade,
    Century,
    Millennium,
}

impl Unit {
    /// Whether the unit is below a day: durations in it are written `PT..`.
    pub fn is_clock(self) -> bool {
        matches!(self, Unit::Second | Unit::Minute | Unit::Hour)
    }

    /// The English noun, singular, for explanations.
    pub fn noun(self) -> &'static str {
        match self {
            Unit::Second => "second",
            Unit::Minute => "minute",
            Unit::Hour => "hour",
            Unit::Day => "day",
            Unit::Weekend => "weekend",
            Unit::Week => "week",
            Unit::Month => "month",
            Unit::Quarter => "quarter",
            Unit::Season => "season",
            Unit::Half => "half-year",
            Unit::Year => "year",
            Unit::Decade => "decade",
            Unit::Century => "century",
            Unit::Millennium => "millennium",
        }
    }

    /// The granule a date moved by this unit is naturally seen at: "two months later" is a
    /// month, "three days later" a day. Units below a day give a day.
    pub fn granularity(self) -> Granularity {
        match self {
            Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => Granularity::Day,
            Unit::Weekend => Granularity::Weekend,
            Unit::Week => Granularity::Week,
            Unit::Month => Granularity::Month,
            Unit::Quarter => Granularity::Quarter,
            Unit::Season => Granularity::Season,
            Unit::Half => Granularity::Half,
            Unit::Year => Granularity::Year,
            Unit::Decade => Granularity::Decade,
            Unit::Century | Unit::Millennium => Granularity::Century,
        }
    }
}

/// The seasons as TimeML writes them (`SP`, `SU`, `FA`, `WI`), northern hemisphere.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Season {
    Spring,
    Summer,
    Fall,
    Winter,
}

impl Season {
    pub fn code(self) -> &'static str {
        match self {
            Season::Spring => "SP",
            Season::Summer => "SU",
            Season::Fall => "FA",
            Season::Winter => "WI",
        }
    }

    fn index(self) -> i32 {
        match self {
            Season::Spring => 0,
            Season::Summer => 1,
            Season::Fall => 2,
            Season::Winter => 3,
        }
    }

    fn from_index(i: i32) -> Season {
        match i.rem_euclid(4) {
            0 => Season::Spring,
            1 => Season::Summer,
            2 => Season::Fall,
            _ => Season::Winter,
        }
    }

    /// The meteorological season of a month: winter is December to February and belongs to
    /// the year of its December, so January 2014 is in the winter of 2013.
    fn of_month(month: i8) -> (Season, i32) {
        match month {
            3..=5 => (Season::Spring, 0),
            6..=8 => (Season::Summer, 0),
            9..=11 => (Season::Fall, 0),
            12 => (Season::Winter, 0),
            _ => (Season::Winter, -1),
        }
    }
}

/// How fine a granule is, coarsest last.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Granularity {
    Day,
    Weekend,
    Week,
    Month,
    Season,
    Quarter,
    Half,
    Year,
    Decade,
    Century,
}

/// One calendar granule. Years are proleptic Gregorian, as in `jiff`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Granule {
    Day(Date),
    /// An ISO 8601 week (Monday to Sunday) of an ISO week-numbering year.
    Week {
        year: i16,
        week: i8,
    },
    /// The Saturday and Sunday of an ISO week.
    Weekend {
        year: i16,
        week: i8,
    },
    Month {
        year: i16,
        month: i8,
    },
    Season {
        year: i16,
        season: Season,
    },
    Quarter {
        year: i16,
        quarter: i8,
    },
    Half {
        year: i16,
        half: i8,
    },
    Year(i16),
    /// A decade by its first three digits: 199 is 1990 to 1999.
    Decade(i16),
    /// A century by its first two digits: 19 is 1900 to 1999, as TimeML writes "the 20th century".
    Century(i16),
}

impl Granule {
    /// The granule of `granularity` that contains `day`.
    pub fn containing(granularity: Granularity, day: Date) -> Granule {
        let year = day.year();
        match granularity {
            Granularity::Day => Granule::Day(day),
            Granularity::Week | Granularity::Weekend => {
                let iso = day.iso_week_date();
                let (year, week) = (iso.year(), iso.week());
                if granularity == Granularity::Week {
                    Granule::Week { year, week }
                } else {
                    Granule::Weekend { year, week }
                }
            }
            Granularity::Month => Granule::Month { year, month: day.month() },
            Granularity::Season => {
                let (season, shift) = Season::of_month(day.month());
                Granule::Season { year: year + shift as i16, season }
            }
            Granularity::Quarter => Granule::Quarter { year, quarter: (day.month() - 1) / 3 + 1 },
            Granularity::Half => Granule::Half { year, half: if day.month() <= 6 { 1 } else { 2 } },
            Granularity::Year => Granule::Year(year),
            Granularity::Decade => Granule::Decade(year.div_euclid(10)),
            Granularity::Century => Granule::Century(year.div_euclid(100)),
        }
    }

    pub fn granularity(self) -> Granularity {
        match self {
            Granule::Day(_) => Granularity::Day,
            Granule::Week { .. } => Granularity::Week,
            Granule::Weekend { .. } => Granularity::Weekend,
            Granule::Month { .. } => Granularity::Month,
            Granule::Season { .. } => Granularity::Season,
            Granule::Quarter { .. } => Granularity::Quarter,
            Granule::Half { .. } => Granularity::Half,
            Granule::Year(_) => Granularity::Year,
            Granule::Decade(_) => Granularity::Decade,
            Granule::Century(_) => Granularity::Century,
        }
    }

    /// The calendar days covered, first and last (inclusive). `None` only for granules
    /// outside the range `jiff` supports (years -9999 to 9999).
    pub fn days(self) -> Option<(Date, Date)> {
        let date = |y: i32, m: i32, d: i32| -> Option<Date> {
            Date::new(i16::try_from(y).ok()?, i8::try_from(m).ok()?, i8::try_from(d).ok()?).ok()
        };
        let month_end = |y: i32, m: i32| date(y, m, 1).map(|d| d.last_of_month());
        match self {
            Granule::Day(d) => Some((d, d)),
            Granule::Week { year, week } => {
                let monday = ISOWeekDate::new(year, week, Weekday::Monday).ok()?.date();
                let sunday = ISOWeekDate::new(year, week, Weekday::Sunday).ok()?.date();
                Some((monday, sunday))
            }
            Granule::Weekend { year, week } => {
                let saturday = ISOWeekDate::new(year, week, Weekday::Saturday).ok()?.date();
                let sunday = ISOWeekDate::new(year, week, Weekday::Sunday).ok()?.date();
                Some((saturday, sunday))
            }
            Granule::Month { year, month } => {
                Some((date(year.into(), month.into(), 1)?, month_end(year.into(), month.into())?))
            }
            Granule::Season { year, season } => {
                let y = i32::from(year);
                let first = 3 + 3 * season.index();
                let last = first + 2;
                let (last_year, last_month) = if last > 12 { (y + 1, last - 12) } else { (y, last) };
                Some((date(y, first, 1)?, month_end(last_year, last_month)?))
            }
            Granule::Quarter { year, quarter } => {
                let first = 3 * i32::from(quarter) - 2;
                Some((date(year.into(), first, 1)?, month_end(year.into(), first + 2)?))
            }
            Granule::Half { year, half } => {
                let first = 6 * i32::from(half) - 5;
                Some((date(year.into(), first, 1)?, month_end(year.into(), first + 5)?))
            }
            Granule::Year(year) => Some((date(year.into(), 1, 1)?, date(year.into(), 12, 31)?)),
            Granule::Decade(d) => {
                let y = i32::from(d) * 10;
                Some((date(y, 1, 1)?, date(y + 9, 12, 31)?))
            }
            Granule::Century(c) => {
                let y = i32::from(c) * 100;
                Some((date(y, 1, 1)?, date(y + 99, 12, 31)?))
            }
        }
    }

    pub fn first_day(self) -> Option<Date> {
        self.days().map(|(first, _)| first)
    }

    /// The granule moved by `amount` units and seen at `granularity`: from the first day of
    /// `self`, "two months later" at month granularity.
    pub fn shifted(self, unit: Unit, amount: i64, granularity: Granularity) -> Option<Granule> {
        // Moving a granule by its own kind of unit is exact arithmetic on its index; moving
        // its first day is only right for units at least as fine as the granule (a quarter
        // moved by one year).
        let day = self.first_day()?;
        let moved = shift_day(day, unit, amount)?;
        Some(Granule::containing(granularity, moved))
    }

    /// The TIMEX3 `value` of the granule.
    pub fn value(self) -> String {
        match self {
            Granule::Day(d) => format!("{}-{:02}-{:02}", year4(d.year()), d.month(), d.day()),
            Granule::Week { year, week } => format!("{}-W{week:02}", year4(year)),
            Granule::Weekend { year, week } => format!("{}-W{week:02}-WE", year4(year)),
            Granule::Month { year, month } => format!("{}-{month:02}", year4(year)),
            Granule::Season { year, season } => format!("{}-{}", year4(year), season.code()),
            Granule::Quarter { year, quarter } => format!("{}-Q{quarter}", year4(year)),
            Granule::Half { year, half } => format!("{}-H{half}", year4(year)),
            Granule::Year(year) => year4(year),
            Granule::Decade(d) => format!("{d:03}"),
            Granule::Century(c) => format!("{c:02}"),
        }
    }

    /// Whether the granule lies wholly before, contains, or lies wholly after `day`.
    pub fn compare_day(self, day: Date) -> std::cmp::Ordering {
        match self.days() {
            Some((first, _)) if first > day => std::cmp::Ordering::Greater,
            Some((_, last)) if last < day => std::cmp::Ordering::Less,
            _ => std::cmp::Ordering::Equal,
        }
    }

    /// Days between the granule and `day`: 0 when it contains the day.
    pub fn distance_days(self, day: Date) -> i64 {
        let Some((first, last)) = self.days() else {
            return i64::MAX;
        };
        let days_between = |a: Date, b: Date| a.until(b).map(|s| i64::from(s.get_days())).unwrap_or(i64::MAX);
        if day < first {
            days_between(day, first)
        } else if day > last {
            days_between(last, day)
        } else {
            0
        }
    }
}

fn year4(year: i16) -> String {
    if year >= 0 { format!("{year:04}") } else { format!("-{:04}", -i32::from(year)) }
}

/// `day` moved by `amount` calendar units; month arithmetic clamps to the month's end
/// (January 31 plus one month is February 28 or 29).
pub fn shift_day(day: Date, unit: Unit, amount: i64) -> Option<Date> {
    // `Span`'s infallible setters panic beyond their ranges ("400000 years ago"): use the
    // fallible ones, and let an impossible date be `None`.
    let span = Span::new();
    let span = match unit {
        Unit::Second | Unit::Minute | Unit::Hour => {
            let hours = match unit {
                Unit::Second => amount / 3600,
                Unit::Minute => amount / 60,
                _ => amount,
            };
            span.try_days(hours.div_euclid(24))
        }
        Unit::Day => span.try_days(amount),
        Unit::Week | Unit::Weekend => span.try_days(amount.checked_mul(7)?),
        Unit::Month => span.try_months(amount),
        Unit::Quarter | Unit::Season => span.try_months(amount.checked_mul(3)?),
        Unit::Half => span.try_months(amount.checked_mul(6)?),
        Unit::Year => span.try_years(amount),
        Unit::Decade => span.try_years(amount.checked_mul(10)?),
        Unit::Century => span.try_years(amount.checked_mul(100)?),
        Unit::Millennium => span.try_years(amount.checked_mul(1000)?),
    }
    .ok()?;
    day.checked_add(span).ok()
}

/// The next season after `season` of `year`, with the year it belongs to.
pub fn season_step(year: i16, season: Season, step: i32) -> (i16, Season) {
    let index = i32::from(year) * 4 + season.index() + step;
    (index.div_euclid(4) as i16, Season::from_index(index))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn values_and_days_of_every_granule() {
        let cases = [
            (Granule::Day(date(2021, 11, 17)), "2021-11-17", date(2021, 11, 17), date(2021, 11, 17)),
            (Granule::Week { year: 2013, week: 11 }, "2013-W11", date(2013, 3, 11), date(2013, 3, 17)),
            (Granule::Weekend { year: 2013, week: 11 }, "2013-W11-WE", date(2013, 3, 16), date(2013, 3, 17)),
            (Granule::Month { year: 2020, month: 2 }, "2020-02", date(2020, 2, 1), date(2020, 2, 29)),
            (Granule::Quarter { year: 1989, quarter: 3 }, "1989-Q3", date(1989, 7, 1), date(1989, 9, 30)),
            (Granule::Half { year: 1990, half: 2 }, "1990-H2", date(1990, 7, 1), date(1990, 12, 31)),
            (
                Granule::Season { year: 2020, season: Season::Winter },
                "2020-WI",
                date(2020, 12, 1),
                date(2021, 2, 28),
            ),
            (Granule::Year(2021), "2021", date(2021, 1, 1), date(2021, 12, 31)),
            (Granule::Decade(199), "199", date(1990, 1, 1), date(1999, 12, 31)),
            (Granule::Century(19), "19", date(1900, 1, 1), date(1999, 12, 31)),
        ];
        for (granule, value, first, last) in cases {
            assert_eq!(granule.value(), value);
            assert_eq!(granule.days(), Some((first, last)), "{value}");
        }
    }

    #[test]
    fn containing_and_shifting() {
        let dct = date(2013, 3, 22);
        assert_eq!(Granule::containing(Granularity::Week, dct).value(), "2013-W12");
        assert_eq!(Granule::containing(Granularity::Season, date(2014, 1, 5)).value(), "2013-WI");
        let anchor = Granule::Day(date(2020, 11, 10));
        let later = anchor.shifted(Unit::Month, 2, Granularity::Month).unwrap();
        assert_eq!(later.value(), "2021-01");
        let quarter = Granule::Quarter { year: 1989, quarter: 3 };
        assert_eq!(quarter.shifted(Unit::Year, -1, Granularity::Quarter).unwrap().value(), "1988-Q3");
        assert_eq!(season_step(2020, Season::Winter, 1), (2021, Season::Spring));
        assert_eq!(
            Granule::Day(date(2021, 1, 31)).shifted(Unit::Month, 1, Granularity::Day).unwrap().value(),
            "2021-02-28"
        );
    }

    #[test]
    fn distance_to_a_day() {
        let month = Granule::Month { year: 2021, month: 6 };
        assert_eq!(month.distance_days(date(2021, 6, 15)), 0);
        assert_eq!(month.distance_days(date(2021, 7, 2)), 2);
        assert_eq!(month.distance_days(date(2021, 5, 30)), 2);
    }
}
