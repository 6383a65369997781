//! Wikidata time values to KB dates.
//!
//! A Wikidata time is `+YYYY-MM-DDT00:00:00Z` with a precision (9 year, 10 month, 11 day;
//! finer ones are times of day, coarser ones decades to billions of years), `00` for the
//! parts it does not know, and a calendar model: proleptic Gregorian (Q1985727) or Julian
//! (Q1985786), in which case the stored date is the Julian one. The KB holds Gregorian
//! dates to a year, a month or a day, so a value either becomes one of those, maybe
//! coarser than written (with a note saying why), or is refused (with the reason).

use jiff::civil::Date;

use super::json::TimeValue;
use crate::dates::PartialDate;

const GREGORIAN: &str = "Q1985727";
const JULIAN: &str = "Q1985786";

/// A Wikidata time as a KB date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Converted {
    pub date: PartialDate,
    /// What was changed to fit the KB ("month unknown: kept the year"), if anything.
    pub note: Option<String>,
}

/// The KB date a Wikidata time stands for, or why it has none.
pub fn convert(value: &TimeValue) -> Result<Converted, String> {
    let written = value.time.as_str();
    let (year, month, day) =
        parse_time(written).ok_or_else(|| format!("`{written}` is not a Wikidata time"))?;
    if value.precision < 9 {
        return Err(format!(
            "`{written}` is only known to the {} (precision {}), coarser than a year",
            precision_name(value.precision),
            value.precision
        ));
    }
    if !(1..=9999).contains(&year) {
        return Err(format!("`{written}`: the KB holds years 1 to 9999"));
    }
    let calendar = value.calendarmodel.rsplit('/').next().unwrap_or_default();
    let julian = match calendar {
        JULIAN => true,
        GREGORIAN | "" => false,
        other => {
            return Err(format!("`{written}` is in calendar model {other}, neither Gregorian nor Julian"));
        }
    };
    let mut notes = Vec::new();
    // Times of day are finer than the KB's days.
    let mut precision = value.precision.min(11);
    if precision >= 10 && month == 0 {
        notes.push("its month is unknown (00): kept the year");
        precision = 9;
    }
    if precision == 11 && day == 0 {
        notes.push("its day is unknown (00): kept the month");
        precision = 10;
    }
    let year16 = year as i16;
    let date = match (precision, julian) {
        (9, false) => PartialDate::year(year16),
        (10, false) => {
            if !(1..=12).contains(&month) {
                return Err(format!("`{written}` has no month {month}"));
            }
            PartialDate::month(year16, month as i8)
        }
        (_, false) => {
            let date = Date::new(year16, month as i8, day as i8)
                .map_err(|_| format!("`{written}` is not a calendar date"))?;
            PartialDate::from_date(date)
        }
        (9, true) => {
            // A Julian year starts 10 to 13 days after the Gregorian one: off by those days
            // at its end, the year is still the better answer than none.
            notes.push("a Julian year, kept as the Gregorian year of the same number");
            PartialDate::year(year16)
        }
        (10, true) => {
            let first = julian_to_gregorian(year, month, 1)
                .ok_or_else(|| format!("`{written}` is not a Julian calendar month"))?;
            let last = julian_to_gregorian(year, month, julian_month_length(year, month))
                .ok_or_else(|| format!("`{written}` is not a Julian calendar month"))?;
            // The Julian month straddles two Gregorian months; the year holds both.
            if first.year() != last.year() {
                return Err(format!(
                    "`{written}` is a Julian month ({first} – {last} Gregorian) that spans two years"
                ));
            }
            notes.push("a Julian month spans two Gregorian months: kept the year");
            PartialDate::year(first.year())
        }
        (_, true) => {
            let date = julian_to_gregorian(year, month, day)
                .ok_or_else(|| format!("`{written}` is not a Julian calendar date"))?;
            notes.push("converted from the Julian calendar");
            PartialDate::from_date(date)
        }
    };
    let note = if notes.is_empty() { None } else { Some(format!("`{written}`: {}", notes.join("; "))) };
    Ok(Converted { date, note })
}

/// `+2012-05-07T00:00:00Z` (or with more year digits, `+00000002012-…`) as year, month, day.
fn parse_time(time: &str) -> Option<(i64, u32, u32)> {
    let (negative, rest) = match time.as_bytes().first()? {
        b'+' => (false, &time[1..]),
        b'-' => (true, &time[1..]),
        _ => (false, time),
    };
    let date = rest.split('T').next()?;
    let mut parts = date.splitn(3, '-');
    let year: i64 = parts.next()?.parse().ok()?;
    let month: u32 = parts.next()?.parse().ok()?;
    let day: u32 = parts.next()?.parse().ok()?;
    Some((if negative { -year } else { year }, month, day))
}

fn precision_name(precision: u8) -> &'static str {
    match precision {
        8 => "decade",
        7 => "century",
        6 => "millennium",
        _ => "ten thousand years or more",
    }
}

fn julian_month_length(year: i64, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The proleptic Gregorian date of a Julian calendar date, through its Julian day number.
pub fn julian_to_gregorian(year: i64, month: u32, day: u32) -> Option<Date> {
    if !(1..=12).contains(&month) || day == 0 || day > julian_month_length(year, month) {
        return None;
    }
    // The standard conversion (Richards, in the Explanatory Supplement to the Astronomical
    // Almanac): count months from March so that the leap day falls last.
    let a = (14 - i64::from(month)) / 12;
    let y = year + 4800 - a;
    let m = i64::from(month) + 12 * a - 3;
    let jdn = i64::from(day) + (153 * m + 2) / 5 + 365 * y + y / 4 - 32083;
    // Julian day 2440588 is 1970-01-01 (Gregorian).
    let offset = jdn - 2_440_588;
    Date::new(1970, 1, 1).ok()?.checked_add(jiff::Span::new().days(offset)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn time(time: &str, precision: u8, calendar: &str) -> TimeValue {
        TimeValue {
            time: time.to_owned(),
            precision,
            calendarmodel: format!("http://www.wikidata.org/entity/{calendar}"),
        }
    }

    fn show(value: &TimeValue) -> String {
        match convert(value) {
            Ok(Converted { date, note: None }) => date.to_string(),
            Ok(Converted { date, note: Some(note) }) => format!("{date} ({note})"),
            Err(why) => format!("skipped: {why}"),
        }
    }

    #[test]
    fn julian_dates_convert_to_gregorian() {
        let day = |y, m, d| julian_to_gregorian(y, m, d).unwrap().to_string();
        assert_eq!(day(1917, 10, 25), "1917-11-07", "the October Revolution");
        assert_eq!(day(1582, 10, 5), "1582-10-15", "the day after Julian 1582-10-04");
        assert_eq!(day(1700, 2, 29), "1700-03-11", "1700 is a Julian leap year only");
        assert_eq!(day(1, 1, 1), "0000-12-30");
        assert_eq!(julian_to_gregorian(1701, 2, 29), None);
    }

    #[test]
    fn precisions_become_year_month_or_day() {
        assert_eq!(show(&time("+2019-05-07T00:00:00Z", 11, GREGORIAN)), "2019-05-07");
        assert_eq!(show(&time("+2019-05-07T00:00:00Z", 10, GREGORIAN)), "2019-05");
        assert_eq!(show(&time("+2019-05-07T00:00:00Z", 9, GREGORIAN)), "2019");
        assert_eq!(show(&time("+2019-05-07T13:45:00Z", 14, GREGORIAN)), "2019-05-07");
        assert_eq!(show(&time("+00000002019-05-07T00:00:00Z", 11, GREGORIAN)), "2019-05-07");
        assert_eq!(
            show(&time("+1990-00-00T00:00:00Z", 8, GREGORIAN)),
            "skipped: `+1990-00-00T00:00:00Z` is only known to the decade (precision 8), coarser than a year"
        );
        assert_eq!(show(&time("+1800-00-00T00:00:00Z", 7, GREGORIAN)).split(':').next(), Some("skipped"));
    }

    #[test]
    fn unknown_parts_make_the_date_coarser() {
        assert_eq!(show(&time("+1952-00-00T00:00:00Z", 9, GREGORIAN)), "1952");
        assert_eq!(
            show(&time("+1952-00-00T00:00:00Z", 11, GREGORIAN)),
            "1952 (`+1952-00-00T00:00:00Z`: its month is unknown (00): kept the year)"
        );
        assert_eq!(
            show(&time("+1952-10-00T00:00:00Z", 11, GREGORIAN)),
            "1952-10 (`+1952-10-00T00:00:00Z`: its day is unknown (00): kept the month)"
        );
    }

    #[test]
    fn julian_values_are_converted_or_refused() {
        assert_eq!(
            show(&time("+1917-10-25T00:00:00Z", 11, JULIAN)),
            "1917-11-07 (`+1917-10-25T00:00:00Z`: converted from the Julian calendar)"
        );
        assert!(show(&time("+1917-10-00T00:00:00Z", 10, JULIAN)).starts_with("1917 ("));
        assert!(show(&time("+1917-12-00T00:00:00Z", 10, JULIAN)).contains("spans two years"));
        assert!(show(&time("+1917-00-00T00:00:00Z", 9, JULIAN)).starts_with("1917 ("));
    }

    #[test]
    fn out_of_range_and_unknown_calendars_are_refused() {
        assert!(show(&time("-0044-03-15T00:00:00Z", 11, JULIAN)).contains("years 1 to 9999"));
        assert!(show(&time("+2019-02-30T00:00:00Z", 11, GREGORIAN)).contains("not a calendar date"));
        assert!(show(&time("+2019-05-07T00:00:00Z", 11, "Q12345")).contains("calendar model Q12345"));
        assert!(show(&time("yesterday", 11, GREGORIAN)).contains("not a Wikidata time"));
        let no_calendar =
            TimeValue { time: "+2019-05-07T00:00:00Z".into(), precision: 11, calendarmodel: String::new() };
        assert_eq!(show(&no_calendar), "2019-05-07");
    }
}
