//! Dates: partial calendar dates (front matter, KB) and, in `tagger`, the temporal tagger
//! that finds and normalizes date expressions in article text.
//!
//! The contract for the rest of dateline is [`tag`]: text and a [`TagContext`] (the
//! publication date) in, [`Timex`]es out, sorted by span and non-overlapping. `timeml` reads
//! and writes TimeML documents and `score` implements the TempEval-3 scores, for measuring the
//! tagger against the field's benchmark.

pub mod calendar;
pub mod evaluate;
mod partial;
pub mod score;
mod tagger;
pub mod timeml;
mod timex;

pub use calendar::{Granularity, Granule, Season, Unit};
pub use partial::{DateError, PartialDate, Precision};
pub use tagger::tag;
pub use timex::{
    Derivation, DurationBound, DurationValue, Resolution, Signal, TagContext, Tense, Timex,
    TimexKind, TimexMod, weekday_name,
};
