//! Checks on dates: against the KB's events, against each other, against the publication
//! date.

pub mod after_publication;
pub mod anniversary_mismatch;
pub mod cross_article;
pub mod event_mismatch;
pub mod interval_mismatch;
pub mod relative_unresolved;
pub mod weekday_mismatch;

use jiff::civil::Date;

use crate::kb::{DateRange, Entity};
use crate::ties::Aspect;

/// The days the KB gives for one part of an event.
pub(crate) fn kb_days(when: DateRange, aspect: Aspect) -> (Date, Date) {
    match aspect {
        Aspect::Start => (when.from.first_day(), when.from.last_day()),
        Aspect::End => (when.to.first_day(), when.to.last_day()),
        Aspect::Whole => (when.from.first_day(), when.to.last_day()),
    }
}

/// "began", "ended", "took place", for messages.
pub(crate) fn aspect_verb(aspect: Aspect) -> &'static str {
    match aspect {
        Aspect::Start => "began",
        Aspect::End => "ended",
        Aspect::Whole => "took place",
    }
}

/// "2020-09-27", or "2020-09-27 – 2020-11-10".
pub(crate) fn show_days((first, last): (Date, Date)) -> String {
    if first == last { first.to_string() } else { format!("{first} – {last}") }
}

/// The event's KB dates, as written there, for related-location messages.
pub(crate) fn kb_when(entity: &Entity) -> String {
    match entity.when {
        Some(when) if when.from == when.to => when.from.to_string(),
        Some(when) => format!("{} – {}", when.from, when.to),
        None => "no date".to_owned(),
    }
}

pub(crate) fn overlaps(a: (Date, Date), b: (Date, Date)) -> bool {
    a.0 <= b.1 && b.0 <= a.1
}
