//! Dates: partial calendar dates (front matter, KB) and, in `tagger`, the temporal tagger
//! that finds and normalizes date expressions in article text.
//!
//! The contract for the rest of dateline is [`tag`]: text and a [`TagContext`] (the
//! publication date) in, [`Timex`]es out, sorted by span and non-overlapping. `timeml` reads
//! and writes TimeML documents and `score` implements the TempEval-3 scores, for measuring the
//! tagger against the field's benchmark. docs/dates.md describes the rules and the figures.
//!
//! ```
//! use dateline::dates::{tag, Resolution, TagContext, TimexKind};
//!
//! let text = "The ministry said on Wednesday that the 44-day war ended on Nov. 10, 2020.";
//! let ctx = TagContext::with_dct(jiff::civil::date(2021, 11, 17));
//! let found = tag(text, &ctx);
//! let shown: Vec<(&str, &str)> =
//!     found.iter().map(|t| (&text[t.span.range()], t.value.as_str())).collect();
//! assert_eq!(shown, [("Wednesday", "2021-11-17"), ("44-day", "P44D"), ("Nov. 10, 2020", "2020-11-10")]);
//! assert_eq!(found[0].resolution, Resolution::Dct);
//! assert_eq!(found[1].kind, TimexKind::Duration);
//! assert_eq!(
//!     found[0].explanation(text, &ctx),
//!     "Wednesday -> 2021-11-17 (Wednesday), the same day as the article date 2021-11-17"
//! );
//! ```

pub mod calendar;
pub mod evaluate;
pub mod gold;
mod partial;
mod raw;
pub mod score;
mod tagger;
pub mod timeml;
mod timex;

pub use calendar::{Granularity, Granule, Season, Unit};
pub use partial::{DateError, PartialDate, Precision};
pub use raw::RawDate;
pub use tagger::{DateLanguage, ordinal, tag};
pub use timex::{
    Derivation, DurationBound, DurationValue, Resolution, Signal, TagContext, Tense, Timex, TimexKind,
    TimexMod, TimexRange, weekday_name,
};
