//! Text utilities shared by mention finding and the checks: folding names for comparison,
//! splitting prose into words and sentences, the closed word lists (`lexicon`) that read
//! titles and names. Byte offsets throughout.

pub mod flat;
pub mod fold;
pub mod language;
pub mod lexicon;
pub mod quotes;
pub mod sentences;
pub mod spelling;
pub mod translit;
pub mod words;

pub use fold::{fold, has_diacritics};
pub use sentences::sentences;
pub use words::{Word, words};
