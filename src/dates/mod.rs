//! Dates: partial calendar dates (front matter, KB) and, in `tagger`, the temporal tagger
//! that finds and normalizes date expressions in article text.

mod partial;

pub use partial::{DateError, PartialDate, Precision};
