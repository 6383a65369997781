//! Calendar dates known to a year, a month or a day: what front matter and the KB hold.

use std::fmt;

use jiff::civil::Date;

/// A date known to some precision: `2021`, `2021-06` or `2021-06-15`.
///
/// Comparisons between dates of different precision go through [`PartialDate::first_day`]
/// and [`PartialDate::last_day`]: `2021-06` covers June 1 to June 30.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct PartialDate {
    year: i16,
    month: Option<i8>,
    day: Option<i8>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug, PartialOrd, Ord)]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// Why a date string was refused; the message names the offending part.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateError {
    message: String,
}

impl DateError {
    fn new(message: impl Into<String>) -> DateError {
        DateError {
            message: message.into(),
        }
    }
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DateError {}

impl PartialDate {
    pub fn year(year: i16) -> PartialDate {
        PartialDate {
            year,
            month: None,
            day: None,
        }
    }

    pub fn month(year: i16, month: i8) -> PartialDate {
        PartialDate {
            year,
            month: Some(month),
            day: None,
        }
    }

    pub fn from_date(date: Date) -> PartialDate {
        PartialDate {
            year: date.year(),
            month: Some(date.month()),
            day: Some(date.day()),
        }
    }

    /// Parses `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, or a timestamp starting with a date
    /// (`2021-11-17T09:30:00Z`, `2021-11-17 09:30`), whose time part is checked and dropped:
    /// a publication date is a calendar day.
    pub fn parse(input: &str) -> Result<PartialDate, DateError> {
        let input = input.trim();
        if input.is_empty() {
            return Err(DateError::new("empty date"));
        }
        let (date_part, time_part) = match input.find(['T', 't', ' ']) {
            Some(i) => (&input[..i], Some(&input[i + 1..])),
            None => (input, None),
        };
        let parts: Vec<&str> = date_part.split('-').collect();
        let digits = |s: &str, n: usize, what: &str| -> Result<i64, DateError> {
            if s.len() != n || !s.bytes().all(|b| b.is_ascii_digit()) {
                return Err(DateError::new(format!(
                    "invalid {what} `{s}` in `{input}`: expected {n} digits (YYYY-MM-DD, YYYY-MM or YYYY)"
                )));
            }
            Ok(s.parse().unwrap_or(0))
        };
        let year = digits(parts[0], 4, "year")? as i16;
        let date = match parts.len() {
            1 => PartialDate::year(year),
            2 => {
                let month = digits(parts[1], 2, "month")?;
                if !(1..=12).contains(&month) {
                    return Err(DateError::new(format!(
                        "month {month} out of range in `{input}`"
                    )));
                }
                PartialDate::month(year, month as i8)
            }
            3 => {
                let month = digits(parts[1], 2, "month")?;
                let day = digits(parts[2], 2, "day")?;
                let date = Date::new(year, month as i8, day as i8)
                    .map_err(|_| DateError::new(format!("`{date_part}` is not a calendar date")))?;
                PartialDate::from_date(date)
            }
            _ => {
                return Err(DateError::new(format!(
                    "`{input}` is not a date: expected YYYY-MM-DD"
                )));
            }
        };
        if let Some(time) = time_part {
            if date.day.is_none() {
                return Err(DateError::new(format!("`{input}` has a time but no day")));
            }
            validate_time(input, time)?;
        }
        Ok(date)
    }

    pub fn precision(self) -> Precision {
        match (self.month, self.day) {
            (None, _) => Precision::Year,
            (Some(_), None) => Precision::Month,
            (Some(_), Some(_)) => Precision::Day,
        }
    }

    pub fn year_value(self) -> i16 {
        self.year
    }

    pub fn month_value(self) -> Option<i8> {
        self.month
    }

    pub fn day_value(self) -> Option<i8> {
        self.day
    }

    /// The exact day, when the date is known to the day.
    pub fn as_date(self) -> Option<Date> {
        Date::new(self.year, self.month?, self.day?).ok()
    }

    pub fn first_day(self) -> Date {
        let date = Date::new(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1));
        date.unwrap_or(Date::MIN)
    }

    pub fn last_day(self) -> Date {
        match (self.month, self.day) {
            (Some(m), Some(d)) => Date::new(self.year, m, d).unwrap_or(Date::MAX),
            (Some(m), None) => Date::new(self.year, m, 1)
                .map(|d| d.last_of_month())
                .unwrap_or(Date::MAX),
            (None, _) => Date::new(self.year, 12, 31).unwrap_or(Date::MAX),
        }
    }

    /// Whether the day `date` falls within this (partial) date.
    pub fn contains(self, date: Date) -> bool {
        self.first_day() <= date && date <= self.last_day()
    }

    /// Whether some day is in both dates: `2021` and `2021-06-05` overlap.
    pub fn overlaps(self, other: PartialDate) -> bool {
        self.first_day() <= other.last_day() && other.first_day() <= self.last_day()
    }
}

fn validate_time(input: &str, time: &str) -> Result<(), DateError> {
    // The time is not kept, but a typo in it is still a typo: let jiff judge `HH:MM[:SS]`
    // with an optional offset or `Z`.
    let clock = time.trim_end_matches(['Z', 'z']);
    let clock = clock.split(['+', '-']).next().unwrap_or(clock);
    let ok = jiff::civil::Time::strptime("%H:%M:%S", clock).is_ok()
        || jiff::civil::Time::strptime("%H:%M", clock).is_ok()
        || clock.parse::<jiff::civil::Time>().is_ok();
    if ok {
        Ok(())
    } else {
        Err(DateError::new(format!("invalid time in `{input}`")))
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_precision() {
        let cases = [
            ("2021", "2021", Precision::Year),
            ("2021-06", "2021-06", Precision::Month),
            ("2021-06-15", "2021-06-15", Precision::Day),
            ("2021-11-17T09:30:00Z", "2021-11-17", Precision::Day),
            ("2021-11-17T09:30:00+04:00", "2021-11-17", Precision::Day),
            ("2021-11-17 09:30", "2021-11-17", Precision::Day),
        ];
        for (input, shown, precision) in cases {
            let date = PartialDate::parse(input).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(date.to_string(), shown, "{input}");
            assert_eq!(date.precision(), precision, "{input}");
        }
    }

    #[test]
    fn refuses_what_is_not_a_date() {
        for input in [
            "",
            "2021-02-30",
            "2021-13",
            "21-01-01",
            "2021/01/01",
            "2021-1-5",
            "yesterday",
            "2021-11-17T25:00",
        ] {
            assert!(
                PartialDate::parse(input).is_err(),
                "{input} should be refused"
            );
        }
        let err = PartialDate::parse("2021-02-30").unwrap_err();
        assert_eq!(err.to_string(), "`2021-02-30` is not a calendar date");
    }

    #[test]
    fn partial_dates_cover_ranges() {
        let june = PartialDate::parse("2021-06").unwrap();
        assert_eq!(june.first_day(), jiff::civil::date(2021, 6, 1));
        assert_eq!(june.last_day(), jiff::civil::date(2021, 6, 30));
        assert!(june.contains(jiff::civil::date(2021, 6, 15)));
        assert!(PartialDate::year(2021).overlaps(june));
        assert!(!PartialDate::year(2020).overlaps(june));
    }
}
